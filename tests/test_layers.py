"""The layers of docs/architecture.md, checked on the source: a module that imports across a
layer boundary fails here, before it can leak Qt into the engine or I/O into scoring.

From the bottom up: errors/atomic/progress; vision, media, scoring and store; pipeline (whole
files); engine (live); services (workflows on the data); the front ends, commands/ and ui/.
synth (the synthetic dancers) is test and demo material that only the top may use. And no
circle: no module imports, however indirectly, a module that imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dancelike"


def _type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` or ``if typing.TYPE_CHECKING:``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _nodes(tree: ast.AST, at_runtime: bool) -> Iterator[ast.AST]:
    """Every node of ``tree`` (functions' bodies included); ``at_runtime``: not those under
    ``if TYPE_CHECKING:``, which only the type checker reads."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if at_runtime and isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def imports(path: Path, at_runtime: bool = False) -> Iterator[tuple[str, list[str]]]:
    """Each import of a source file, as (module, names taken from it; empty for ``import m``),
    absolute and with relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = ".".join(parts[:-1])
    for node in _nodes(tree, at_runtime):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                yield (f"{base}.{node.module}" if node.module else base), [alias.name for alias in node.names]
            elif node.module:
                yield node.module, [alias.name for alias in node.names]


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports (absolute names; relative imports resolved), type
    checking's imports included."""
    return {module for module, _ in imports(path)}


def sources(*folders: str) -> list[Path]:
    roots = [PACKAGE / folder for folder in folders] if folders else [PACKAGE]
    return sorted(p for root in roots for p in ([root] if root.suffix == ".py" else root.rglob("*.py")))


def _within(name: str, modules: tuple[str, ...]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def offenders(files: list[Path], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if _within(name, forbidden) and not _within(name, allowed)
    ]


def test_only_the_ui_imports_qt() -> None:
    outside_ui = [p for p in sources() if "ui" not in p.relative_to(PACKAGE).parts]
    assert not offenders(outside_ui, ("PySide6", "shiboken6")), "Qt belongs in dancelike/ui/ only"


FRONT_ENDS = ("dancelike.ui", "dancelike.commands", "dancelike.cli")
#: The vision layer's data types, which the layers beside it share (the design: scoring consumes
#: ``BodyFrame``s, never vision's internals), and the landmarks' names (``PoseLandmark``).
VISION_DATA = ("dancelike.vision.body", "dancelike.vision.frames", "dancelike.vision.landmark_names")
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
        ("ui", ("dancelike.commands", "dancelike.cli")),
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


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(files: list[Path]) -> dict[str, set[str]]:
    """Which of the package's modules each module imports when it runs (a function's imports
    too, type checking's not). ``from package import name`` is an arrow to ``package.name``
    when that is a module, else to the package."""
    modules = {module_name(path): path for path in files}

    def known(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for me, path in modules.items():
        targets = set()
        for module, names in imports(path, at_runtime=True):
            targets.update(known(f"{module}.{name}") if f"{module}.{name}" in modules else known(module) for name in names or [""])
        graph[me] = targets - {"", me}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's circles: its strongly connected components of more than one module (Tarjan's
    algorithm, without recursion), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    """No circle of imports between the package's modules: each module can be read, tested and
    moved knowing only what is below it. Imports under ``if TYPE_CHECKING:`` do not count."""
    found = cycles(import_graph(sources()))
    assert not found, "import cycles: " + "; ".join(" <-> ".join(component) for component in found)


def test_the_cycle_check_sees_circles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself works: a circle closed inside a function is found, and one closed only
    for the type checker, or a package's module taken by name, is what it should be."""
    package = tmp_path / "dancelike"
    (package / "sub").mkdir(parents=True)
    for path, text in {
        "__init__.py": "",
        "sub/__init__.py": "",
        "sub/a.py": "from dancelike.sub import b\n",
        "sub/b.py": "def later():\n    from dancelike.sub.c import thing\n",
        "sub/c.py": "from . import a\nthing = 1\n",
        "typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from dancelike import hinted\n",
        "hinted.py": "import dancelike.typed\n",
    }.items():
        (package / path).write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    graph = import_graph(sources())
    assert graph["dancelike.sub.a"] == {"dancelike.sub.b"} and graph["dancelike.typed"] == set()
    assert cycles(graph) == [["dancelike.sub.a", "dancelike.sub.b", "dancelike.sub.c"]]
