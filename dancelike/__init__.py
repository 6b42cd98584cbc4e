"""DanceLike: learn a dance from any video, scored on your own machine."""

__version__ = "0.1.0"
