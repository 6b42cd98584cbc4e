"""DanceLike engine layer."""
