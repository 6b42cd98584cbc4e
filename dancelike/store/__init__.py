"""DanceLike store layer."""
