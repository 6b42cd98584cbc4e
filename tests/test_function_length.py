"""No function in ``dancelike/`` over ``MAX_LINES`` lines: a long function is split into steps
that read as a list. The few exceptions are named here, each with its reason; an exception
that is no longer long (or no longer exists) must leave the list, so it stays short."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dancelike"
#: The longest a function may be, from its ``def`` line (decorators aside) to its last line.
MAX_LINES = 60

#: "path/inside/dancelike.py::Class.function": why it is longer.
ALLOWED = {
    "ui/theme.py::_qss": "the app's stylesheet, one template read top to bottom: split, one widget's rules would scatter",
}


def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function under ``node`` (methods and nested ones too) as ``(qualified name, lines)``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = prefix + child.name
            yield name, (child.end_lineno or child.lineno) - child.lineno + 1
            yield from _functions(child, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, prefix + child.name + ".")
        else:
            yield from _functions(child, prefix)


def _long_functions() -> dict[str, int]:
    long: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        for name, lines in _functions(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if lines > MAX_LINES:
                long[f"{where}::{name}"] = lines
    return long


def test_no_function_is_longer_than_the_limit() -> None:
    long = _long_functions()
    unexplained = {name: lines for name, lines in long.items() if name not in ALLOWED}
    assert not unexplained, f"split these into steps (at most {MAX_LINES} lines each), or name them in ALLOWED with a reason: {unexplained}"
    stale = sorted(set(ALLOWED) - set(long))
    assert not stale, f"no longer over {MAX_LINES} lines (or gone): remove them from ALLOWED: {stale}"


def test_every_exception_says_why() -> None:
    assert all(reason.strip() for reason in ALLOWED.values())
    assert len(ALLOWED) <= 16, "the allow-list is for a few exceptions"


def test_the_count_sees_methods_and_nested_functions() -> None:
    source = "class A:\n    def f(self):\n        def g():\n            pass\n" + "        x = 1\n" * 70
    found = dict(_functions(ast.parse(source)))
    assert found["A.f"] == 73 and found["A.f.g"] == 2
