"""DanceLike scoring layer."""
