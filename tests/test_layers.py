"""The layers of docs/architecture.md, checked on the source: a module that imports across a
layer boundary fails here, before it can leak Qt into the engine or I/O into scoring.

Rules that hold today; issue 12 adds the rest (store -> engine, engine -> synth)."""

from __future__ import annotations

import ast
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


def offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(PACKAGE.parent)} imports {name}" for path in files for name in sorted(imported_modules(path))
            if any(name == f or name.startswith(f + ".") for f in forbidden)]  # fmt: skip


def test_only_the_ui_imports_qt() -> None:
    outside_ui = [p for p in sources() if "ui" not in p.relative_to(PACKAGE).parts]
    assert not offenders(outside_ui, ("PySide6", "shiboken6")), "Qt belongs in dancelike/ui/ only"


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("scoring", ("dancelike.engine", "dancelike.media", "dancelike.store", "dancelike.ui", "dancelike.offline", "dancelike.analysis", "av", "cv2", "sqlite3")),
        ("vision", ("dancelike.engine", "dancelike.scoring", "dancelike.store", "dancelike.ui", "dancelike.offline")),
        ("media", ("dancelike.engine", "dancelike.scoring", "dancelike.store", "dancelike.ui", "dancelike.offline")),
        ("engine", ("dancelike.ui",)),
        ("store", ("dancelike.ui",)),
    ],
)
def test_lower_layers_do_not_import_higher_ones(layer: str, forbidden: tuple[str, ...]) -> None:
    assert not offenders(sources(layer), forbidden)


def test_the_checker_sees_imports() -> None:
    """The check itself works: it finds the imports this very file makes."""
    assert {"ast", "pytest", "pathlib"} <= imported_modules(Path(__file__))
