"""The suite's own limits: every test runs under a time limit (pytest-timeout: a hang fails one
test instead of holding CI for hours), and no unit test bounds wall-clock time, which a busy
machine breaks and which belongs to the benchmarks (``dancelike bench ...``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
#: time.<name>() calls that read a clock.
CLOCKS = {"perf_counter", "monotonic", "time", "process_time", "perf_counter_ns", "monotonic_ns"}


def test_every_test_has_a_time_limit(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.hasplugin("timeout"), "pytest-timeout is in the test extra (pyproject.toml)"
    assert float(pytestconfig.getini("timeout")) >= 60


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    """Whether an expression reads a clock: a ``time.<clock>()`` call or a name holding one's reading
    (not a deadline: waiting until one is a guard against a hang, not a bound)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and child.func.attr in CLOCKS:
            if isinstance(child.func.value, ast.Name) and child.func.value.id == "time":
                return True
        if isinstance(child, ast.Name) and child.id in timed:
            return True
    return False


def _is_deadline(node: ast.AST) -> bool:
    return any(isinstance(child, ast.Name) and "deadline" in child.id for child in ast.walk(node))


def wall_clock_bounds(source: str, name: str = "<test>") -> list[int]:
    """Lines of ``assert``s that compare a clock reading with a bound (``took < 1.0``,
    ``frames / (time.perf_counter() - started) > 100``); waiting for a deadline is fine."""
    found = []
    for function in ast.walk(ast.parse(source, name)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        timed: set[str] = set()
        for node in ast.walk(function):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None and _reads_clock(node.value, timed):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                timed.update(t.id for target in targets for t in ast.walk(target) if isinstance(t, ast.Name) and "deadline" not in t.id)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append":
                if isinstance(node.func.value, ast.Name) and any(_reads_clock(arg, timed) for arg in node.args):
                    timed.add(node.func.value.id)  # a list of readings
        for node in ast.walk(function):
            if not isinstance(node, ast.Assert):
                continue
            for compare in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
                sides = [compare.left, *compare.comparators]
                for op, left, right in zip(compare.ops, sides, sides[1:]):
                    ordered = isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE))
                    if ordered and (_reads_clock(left, timed) or _reads_clock(right, timed)) and not (_is_deadline(left) or _is_deadline(right)):
                        found.append(node.lineno)
    return sorted(set(found))


def test_no_test_bounds_wall_clock_time() -> None:
    bounded = {f"{path.relative_to(TESTS)}:{line}" for path in sorted(TESTS.rglob("*.py")) for line in wall_clock_bounds(path.read_text(), str(path))}
    assert not bounded, f"wall-clock bounds (timing belongs in `dancelike bench`): {sorted(bounded)}"


def test_the_bound_check_sees_bounds() -> None:
    source = """
def test_a():
    started = time.perf_counter()
    work()
    took = time.perf_counter() - started
    assert took < 1.0
    assert time.monotonic() - started <= 2
    assert 3 > time.time() - started
def test_b():
    deadline = time.monotonic() + 10
    while busy():
        assert time.monotonic() < deadline, "a hang"
    t0 = clock.now()
    assert clock.now() - t0 >= 0.5  # the session's clock: what the code paced, not how fast it ran
    times = []
    for _ in range(3):
        begun = time.perf_counter()
        times.append(time.perf_counter() - begun)
    assert min(times) < 1.0
    assert count / (time.perf_counter() - started) > 100
"""
    assert wall_clock_bounds(source) == [6, 7, 8, 19, 20]
