"""Work on whole files: analysing videos in worker processes, making a reference ready,
scoring two files, and drawing replays and snapshots. Above scoring, vision, media and store;
below the engine, the services and the front ends (docs/architecture.md)."""
