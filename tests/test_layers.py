"""The layers of docs/architecture.md, checked on the source: a module that imports across a
layer boundary fails here, before it can leak Qt into the engine or I/O into scoring.

From the bottom up: errors/atomic/progress; vision, media, scoring and store; pipeline (whole
files); engine (live); services (workflows on the data); the front ends, commands/ and ui/.
synth (the synthetic dancers) is test and demo material that only the top may use."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dancelike"


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports (absolute names; relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
    return found


def sources(*folders: str) -> list[Path]:
    roots = [PACKAGE / folder for folder in folders] if folders else [PACKAGE]
    return sorted(p for root in roots for p in ([root] if root.suffix == ".py" else root.rglob("*.py")))


def _within(name: str, modules: tuple[str, ...]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def offenders(files: list[Path], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    return [f"{path.relative_to(PACKAGE.parent)} imports {name}" for path in files for name in sorted(imported_modules(path))
            if _within(name, forbidden) and not _within(name, allowed)]  # fmt: skip


def test_only_the_ui_imports_qt() -> None:
    outside_ui = [p for p in sources() if "ui" not in p.relative_to(PACKAGE).parts]
    assert not offenders(outside_ui, ("PySide6", "shiboken6")), "Qt belongs in dancelike/ui/ only"


FRONT_ENDS = ("dancelike.ui", "dancelike.commands", "dancelike.cli")
#: The vision layer's data types, which the layers beside it share (the design: scoring consumes
#: ``BodyFrame``s, never vision's internals).
VISION_DATA = ("dancelike.vision.body", "dancelike.vision.frames")
ABOVE_PIPELINE = ("dancelike.engine", "dancelike.services", "dancelike.synth", *FRONT_ENDS)


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("scoring", ("dancelike.vision", "dancelike.media", "dancelike.store", "dancelike.pipeline", *ABOVE_PIPELINE, "av", "cv2", "sqlite3")),
        ("vision", ("dancelike.scoring", "dancelike.media", "dancelike.store", "dancelike.pipeline", *ABOVE_PIPELINE)),
        ("media", ("dancelike.vision", "dancelike.scoring", "dancelike.store", "dancelike.pipeline", *ABOVE_PIPELINE)),
        ("store", ("dancelike.pipeline", *ABOVE_PIPELINE)),
        ("pipeline", ABOVE_PIPELINE),
        ("engine", ("dancelike.services", "dancelike.synth", *FRONT_ENDS)),
        ("services", FRONT_ENDS),
        ("commands", ("dancelike.cli",)),
        ("synth", ("dancelike.pipeline", "dancelike.engine", "dancelike.services", "dancelike.store", *FRONT_ENDS)),
    ],
)
def test_lower_layers_do_not_import_higher_ones(layer: str, forbidden: tuple[str, ...]) -> None:
    assert not offenders(sources(layer), forbidden, allowed=VISION_DATA)


def test_importing_the_engine_registers_no_synthetic_camera() -> None:
    """The demo and clapper cameras are the front ends' choice, not an import side effect."""
    code = "import sys, dancelike.engine; print(sorted(m for m in sys.modules if m.startswith('dancelike.synth')))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert shown.stdout.strip() == "[]"


#: The size past which a module has more than one job (CONVENTIONS: small modules, one job each).
MAX_LINES = 500


def test_no_module_is_over_500_lines() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in sources() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"split these: {long}"


def test_the_checker_sees_imports() -> None:
    """The check itself works: it finds the imports this very file makes."""
    assert {"ast", "pytest", "pathlib"} <= imported_modules(Path(__file__))
