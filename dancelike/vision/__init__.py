"""DanceLike vision layer."""
