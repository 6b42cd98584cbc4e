"""The Ray engine on a local Ray with 2 CPUs: a class scored on Ray gets the scores this
computer's workers give it, with the reference analysed once and broken clips as error rows
named as the user named them; stopping a batch cancels the rest; nothing of Ray is left
running, and no copy of a student's clip is left in the temporary folder. Without Ray, ``--ray`` is one line naming the extra; an unreachable head is one line
within seconds (Ray alone retries for minutes)."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from batch_clips import broken_clips, render_class

from dancelike.cli import main
from dancelike.errors import InputError
from dancelike.services.batch.engines import LocalEngine, make_engine
from dancelike.services.batch.runner import run_batch


def descendants() -> list[str]:
    """The names of this process's living descendants (Ray's raylet, GCS and workers among them)."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        if rest[0] != "Z":
            children.setdefault(int(rest[1]), []).append(int(entry.name))
            names[int(entry.name)] = name
    found, todo = [], [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(names[child])
            todo.append(child)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts Ray's processes through /proc")
# Three batches and a local Ray cluster's dozen processes: 19 s on a quiet two-core machine, 32 s
# with two busy loops on both cores (measured 2026-12-06; 324 s while Ray ran its workers at nice 15).
def test_a_class_on_ray_scores_as_this_computer_does_and_leaves_nothing_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ray")
    monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / "home"))
    clips = render_class(tmp_path / "class")
    broken = broken_clips(tmp_path / "class" / "bad")
    inputs = [clips["late"], broken[0], clips["other"], broken[1], clips["mirrored"]]
    pool = LocalEngine(2)
    try:
        local = run_batch(clips["reference"], inputs, tmp_path / "local", engine=pool)
    finally:
        pool.close()

    before = set(descendants())
    temp = Path(tempfile.gettempdir())
    temp_before = set(temp.iterdir())
    engine = make_engine("local", 2)
    try:
        assert engine.name == "ray" and engine.workers == 2
        assert set(descendants()) - before, "a local Ray runs in processes of its own"
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        niceness = {pid: os.getpriority(os.PRIO_PROCESS, pid) for pid in engine.warm_up()}
        # Ray's default (nice 15) starved its workers behind any busy program: 37x slower
        assert set(niceness.values()) == {mine}, f"the workers share the computer as this process does: {niceness}"
        on_ray = run_batch(clips["reference"], inputs, tmp_path / "ray", engine=engine)
        stop = threading.Event()
        stop.set()  # stop after the first performance
        stopped = run_batch(clips["reference"], [clips["late"], clips["sloppy"], clips["other"]], tmp_path / "stopped", engine=engine, cancel=stop)
    finally:
        engine.close()

    assert on_ray.reference_analyses == 1 and local.reference_analyses == 1
    scores = {row["performance"]: row["score"] for row in local.rows}
    assert {row["performance"]: row["score"] for row in on_ray.rows} == pytest.approx(scores, abs=0.5)
    assert scores["late.mp4"] > scores["other.mp4"] + 30
    errors = {row["performance"]: row["error"] for row in on_ray.rows if row["error"]}
    assert errors == {row["performance"]: row["error"] for row in local.rows if row["error"]}
    assert set(errors) == {"notes.mp4", "cut.mp4"} and all(str(tmp_path) in error and "DanceLike-" not in error for error in errors.values())
    assert sorted(on_ray.failed) == ["cut.mp4", "notes.mp4"]
    assert len(list((tmp_path / "ray" / "pictures").glob("*.jpg"))) == 3, "each scored row has its dancer's picture"
    assert (tmp_path / "ray" / "results.csv").read_text().count("\n") == 1 + len(inputs)

    assert stopped.cancelled and len(stopped.rows) == 1, "a stopped batch keeps the row it finished and cancels the rest"
    deadline = time.monotonic() + 10.0
    while set(descendants()) - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not set(descendants()) - before, "Ray's processes are stopped with the engine"
    # the stopped class's tasks were killed with their workers, before they could tidy up
    copies = [clip for folder in set(temp.iterdir()) - temp_before if folder.is_dir() and not folder.is_symlink() for clip in folder.glob("*.mp4")]
    assert not copies, f"copies of clips left in {temp}: {copies}"


@pytest.mark.slow
def test_an_unreachable_head_is_one_line_within_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Said at once, not after Ray's own retries (minutes): Ray is never asked to connect."""
    ray = pytest.importorskip("ray")

    def connect(*args: object, **kwargs: object) -> None:
        raise AssertionError("ray.init was asked to connect to a head that does not answer")

    monkeypatch.setattr(ray, "init", connect)
    with pytest.raises(InputError, match=r"127\.0\.0\.1:9: no Ray cluster answers there.*ray start --head"):
        make_engine("127.0.0.1:9", None)


def test_without_ray_the_engine_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.services.batch.ray_engine import RayEngine

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as it does when Ray is not installed
    with pytest.raises(InputError, match=r"^--ray needs the cluster extra: pip install 'dancelike\[cluster\]'$"):
        RayEngine("local", 2)
    with pytest.raises(InputError, match=r"dancelike\[cluster\]"):
        make_engine("local", 2)


def test_without_ray_the_command_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    (tmp_path / "ref.mp4").write_bytes(b"x")
    (tmp_path / "a.mp4").write_bytes(b"x")
    code = main(["batch", str(tmp_path / "ref.mp4"), str(tmp_path / "a.mp4"), "--out", str(tmp_path / "out"), "--ray", "local"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == ["dancelike: error: --ray needs the cluster extra: pip install 'dancelike[cluster]'"]


def test_a_machine_with_the_clusters_token_sends_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.services.batch.ray_engine import send_token_when_known

    for name in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH"):
        monkeypatch.setenv(name, "")  # restored after the test, whatever this one sets
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    send_token_when_known()
    assert "RAY_AUTH_MODE" not in os.environ, "no token here: Ray's own default"
    (tmp_path / ".ray").mkdir()
    (tmp_path / ".ray" / "auth_token").write_text("t" * 32)
    send_token_when_known()
    assert os.environ["RAY_AUTH_MODE"] == "token"
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    send_token_when_known()
    assert os.environ["RAY_AUTH_MODE"] == "disabled", "the user's own choice stands"


@pytest.mark.parametrize(("option", "value", "says"), [("--clips", "1", "--clips must be at least 2"), ("--seconds", "1", "--seconds must be at least 3")])
def test_bench_batch_refuses_a_class_too_small_in_one_line(option: str, value: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "batch", option, value]) == 2
    assert capsys.readouterr().err.splitlines() == [f"dancelike: error: {says}"]
