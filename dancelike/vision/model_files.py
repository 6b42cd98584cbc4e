"""The bundled models: where they are and proof that they are the right bytes.

Each model is checked against its SHA-256 before it is loaded, so a truncated
download or an edited file fails loudly instead of giving subtly wrong poses.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from dancelike.errors import SetupError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate

#: File name -> SHA-256 of the model as shipped in the mediapipe==0.10.14 wheel, and of the one
#: derived from it here (``pose_landmark_full_int8mix``: scripts/make_int8_landmarks.py).
MODEL_SHA256: dict[str, str] = {
    "pose_detection.tflite": "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c",
    "pose_landmark_full.tflite": "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f",
    "pose_landmark_full_int8mix.tflite": "7bf3613003762b318035cbc76f2cb2ae887901cb5f673491f922014867f393d0",
    "selfie_segmentation.tflite": "9ee168ec7c8f2a16c56fe8e1cfbc514974cbbb7e434051b455635f1bd1462f5c",
}

RESTORE_HINT = QT_TRANSLATE_NOOP("Models", "restore it with: python scripts/fetch_models.py (or reinstall dancelike)")

_verified: dict[Path, str] = {}


def models_dir() -> Path:
    """The folder holding the bundled .tflite files (inside the installed package)."""
    return Path(str(resources.files("dancelike.models")))


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_path(name: str) -> Path:
    """Path of a bundled model after checking that it exists and its SHA-256 matches.

    Raises ``SetupError`` naming the file and how to restore it otherwise. The hash is
    computed again whenever the file may have changed since it was last checked.
    """
    if name not in MODEL_SHA256:
        raise SetupError(f"unknown model {name!r}; known: {', '.join(sorted(MODEL_SHA256))}")  # a bug, never the user's doing
    path = models_dir() / name
    if not path.is_file():
        raise SetupError(translate("Models", "model file missing: {path}; {hint}").format(path=path, hint=translate("Models", RESTORE_HINT)))
    if _verified.get(path) != _identity(path):
        actual = sha256_of(path)
        if actual != MODEL_SHA256[name]:
            raise SetupError(
                translate("Models", "model file altered: {path} has SHA-256 {actual}..., expected {expected}...; {hint}").format(
                    path=path, actual=actual[:12], expected=MODEL_SHA256[name][:12], hint=translate("Models", RESTORE_HINT)
                )
            )
        _verified[path] = _identity(path)
    return path


def _identity(path: Path) -> str:
    """What changes whenever the file's bytes do (size, inode, change time): an edit that keeps
    the size still changes the change time, which no tool can set back, so it is hashed again."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_ino}:{stat.st_ctime_ns}:{stat.st_mtime_ns}"
