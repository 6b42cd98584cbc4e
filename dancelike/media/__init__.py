"""DanceLike media layer."""
