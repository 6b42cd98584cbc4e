"""Workflows of the app on its data: sessions (saving, loading, recovering, replaying a session
folder), importing into the library, the demo choreography. Above the engine and the pipeline,
below the front ends (the desktop app, the command line); the store below keeps the files."""
