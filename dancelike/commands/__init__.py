"""Command-line sub-commands, one module each (imported on demand to keep start-up fast)."""
