"""Outputs are written beside their target and renamed over it only when complete: a failed,
interrupted or killed command leaves the earlier file as it was, never a partial one under the
final name."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from reliability_helpers import cli_command, fingerprints, leftovers, make_clip

from dancelike.atomic import atomic_output

OLD = b"the replay from last week, which must survive\n"


# --- the helper itself -----------------------------------------------------------------------


def test_success_replaces_the_target_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(OLD)
    target.chmod(0o640)
    with atomic_output(target) as part:
        assert part.parent == tmp_path and part.name.startswith(".report.") and part.name.endswith(".part.json")
        part.write_text("{}\n")
        assert target.read_bytes() == OLD  # nothing visible until the block ends
    assert target.read_text() == "{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError("encoder failed"), KeyboardInterrupt(), SystemExit(143)])
def test_failure_or_interruption_leaves_the_old_file_and_no_temporary(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "replay.mp4"
    target.write_bytes(OLD)
    with pytest.raises(type(error)):
        with atomic_output(target) as part:
            part.write_bytes(b"half a video")
            raise error
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_at_the_target_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(OLD)
    (tmp_path / "link.json").symlink_to(real)
    with atomic_output(tmp_path / "link.json") as part:
        part.write_text("new\n")
    assert (tmp_path / "link.json").is_symlink() and real.read_text() == "new\n"


# --- the real command, stopped while it writes the replay -----------------------------------


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 s at 10 fps: its replay takes long enough (a second or more) to be caught half-written."""
    return make_clip(tmp_path_factory.mktemp("long") / "long.mp4", 150)


def _start_score_and_wait_for_the_temporary(clip: Path, out: Path) -> tuple[subprocess.Popen[str], Path]:
    """``score --video OUT`` in its own process group; returns once its temporary replay exists."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("DANCELIKE_DEBUG", None)
    process = subprocess.Popen(
        [*cli_command(), "score", str(clip), str(clip), "--video", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90  # generous: the machine may be busy
    while time.monotonic() < deadline and process.poll() is None:
        parts = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.stem}.") and p.name.endswith(".part.mp4")]
        if parts and parts[0].stat().st_size > 0:  # frames are going in
            return process, parts[0]
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    _, stderr = process.communicate()
    pytest.fail(f"the temporary replay never appeared (exit {process.returncode}): {stderr}")


@pytest.mark.slow
def test_killed_while_writing_the_replay_the_old_replay_survives(tmp_path: Path, long_clip: Path) -> None:
    """SIGKILL: no code runs, so the hidden temporary file may stay; it never has the final name."""
    out = tmp_path / "out" / "replay.mp4"
    out.parent.mkdir()
    out.write_bytes(OLD)
    process, part = _start_score_and_wait_for_the_temporary(long_clip, out)
    os.killpg(process.pid, signal.SIGKILL)  # the command and any worker it started
    process.communicate(timeout=30)
    assert out.read_bytes() == OLD
    assert set(fingerprints(out.parent)) <= {out.name, part.name}  # at most the hidden .part file beside it


@pytest.mark.parametrize("signum, exit_code", [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM)])
@pytest.mark.slow
def test_interrupted_while_writing_the_replay_nothing_is_left(tmp_path: Path, long_clip: Path, signum: int, exit_code: int) -> None:
    """Ctrl-C or ``kill``: the temporary file is removed, the old replay is untouched."""
    out = tmp_path / "out" / "replay.mp4"
    out.parent.mkdir()
    out.write_bytes(OLD)
    process, _part = _start_score_and_wait_for_the_temporary(long_clip, out)
    os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == exit_code, stderr
    assert "Traceback" not in stderr
    assert out.read_bytes() == OLD
    assert fingerprints(out.parent) == {out.name: fingerprints(out.parent)[out.name]}  # no temporary file left
    if signum == signal.SIGINT:
        assert "dancelike: interrupted" in stderr
