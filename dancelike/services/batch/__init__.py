"""Scoring a whole class at once: many performances against one reference, on this computer's
workers or a Ray cluster (``engines``), written as a ranked class page (``outputs``) by
``runner.run_batch``, which the command line and the app's "Score a class…" both call."""
