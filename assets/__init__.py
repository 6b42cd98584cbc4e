"""The app's files from the design: its icon, the theme's images, the desktop entry (see README.md here)."""
