"""DanceLike synth layer."""
