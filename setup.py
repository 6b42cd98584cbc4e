"""The one build step pyproject.toml cannot say: compile the translations into the wheel.

``pyside6-lrelease`` turns ``dancelike/locale/*_<lang>.ts`` into ``dancelike_<lang>.qm`` (the
catalogue the app loads into Qt) inside the build, so every wheel carries catalogues made from
the sources it was built from. A checkout gets them from ``make setup``
(``scripts/translations.py release``); without them the app reads the ``.ts`` sources.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "dancelike" / "locale"


def lrelease() -> str:
    """``pyside6-lrelease`` beside this Python (the build environment's PySide6), else on PATH."""
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if found is None:
        raise SystemExit("building dancelike needs pyside6-lrelease (PySide6-Essentials) to compile the translations")
    return found


class BuildWithTranslations(build_py):
    """build_py, then the compiled catalogues beside the .ts sources in the build folder."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "dancelike" / "locale"
        target.mkdir(parents=True, exist_ok=True)
        languages = sorted({ElementTree.parse(path).getroot().get("language", "") for path in LOCALE.glob("*.ts")} - {""})
        for language in languages:
            sources = [str(path) for path in sorted(LOCALE.glob(f"*_{language}.ts"))]
            subprocess.run([lrelease(), "-silent", *sources, "-qm", str(target / f"dancelike_{language}.qm")], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
