"""Round two's lesser failures: a lock another program holds, odd ``--dancer`` values, a FIFO or a
device given as a video, a file name that starts with a dash."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_helpers import assert_one_line_error, run

from dancelike.store.instance import LOCK_NAME, FolderLock

HOLD = "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(300)"


@pytest.fixture
def foreign_holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """Another program (not DanceLike) holding a ``flock`` on the data folder's lock file."""
    folder = tmp_path / "data"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder / LOCK_NAME)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield folder, holder
    finally:
        holder.kill()
        holder.wait(60)
        if holder.stdout is not None:
            holder.stdout.close()


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
@pytest.mark.parametrize("written", ["999999", "self"])
def test_a_lock_held_by_another_program_is_taken_over(foreign_holder: tuple[Path, subprocess.Popen[str]], written: str) -> None:
    """The file names a pid that is gone (999999), or a live process that does not hold the lock."""
    folder, holder = foreign_holder
    (folder / LOCK_NAME).write_text(f"{os.getppid() if written == 'self' else written}\n")
    lock = FolderLock(folder).acquire()
    try:
        assert lock.holder() == os.getpid()
        assert holder.poll() is None  # the other program is left alone
    finally:
        lock.release()


@pytest.mark.parametrize("value", ["1_0", "\uff11", " 1 0", "0x1", "1" * 5000])
def test_a_dancer_is_ascii_digits_and_the_line_stays_short(videos: dict[str, Path], value: str) -> None:
    result = run("analyze", videos["performance"], "--dancer", value)
    line = assert_one_line_error(result, "--dancer", "not a dancer")
    assert len(line) < 300


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_or_a_device_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.mp4"
    os.mkfifo(fifo)
    for name in (fifo, Path("/dev/zero")):
        if name.exists():
            line = assert_one_line_error(run("analyze", name), str(name), "not a regular file")
            assert "empty" not in line


def test_a_file_named_with_a_leading_dash_is_analysed(videos: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "-dash.mp4").write_bytes(videos["performance"].read_bytes())
    result = run("analyze", "-dash.mp4", "--json", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.json").exists()
