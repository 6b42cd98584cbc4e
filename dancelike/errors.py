"""Errors a user can act on.

Every error that reaches the command line as a one-line message derives from
``DanceLikeError``. ``InputError`` means the user gave us something we cannot use
(exit code 2), ``DiskFull`` a full disk among those; ``SetupError`` means the installation is
incomplete (exit code 1). Messages are in the user's language (``dancelike.i18n.translate``, chosen
when raised), so code tells errors apart by their class, never by their words.
"""

from __future__ import annotations


class DanceLikeError(Exception):
    """Base of all errors shown to the user as one line."""

    exit_code = 1


class InputError(DanceLikeError):
    """Bad input from the user: a missing, unreadable or unsupported file."""

    exit_code = 2


class DiskFull(InputError):
    """The disk (or the user's quota) ran out of room while writing: freeing space fixes it.

    A type of its own so callers choose their advice by class, never by the (translated) words."""


class SetupError(DanceLikeError):
    """Something is missing from the installation (a model, a library)."""

    exit_code = 1
