"""DanceLike ui layer."""
