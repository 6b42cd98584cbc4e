"""The analysis cache lives in the user's cache folder; an old one in the data folder moves once."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from dancelike.store import paths


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No DANCELIKE_HOME: the XDG folders, each in the temporary folder."""
    monkeypatch.delenv("DANCELIKE_HOME", raising=False)
    for name in ("DATA", "CACHE", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    return tmp_path


def _old_cache(root: Path) -> Path:
    old = root / "data" / "dancelike" / "cache"
    old.mkdir(parents=True)
    (old / "abc-v3.npz").write_bytes(b"analysis")
    (old / "abc-v3.beats2.npy").write_bytes(b"beats")
    return old


def test_the_cache_and_the_log_go_where_linux_expects_them(xdg: Path) -> None:
    assert paths.cache_dir() == xdg / "cache" / "dancelike"
    assert paths.log_dir() == xdg / "state" / "dancelike" / "log"
    assert paths.cache_dir().is_dir() and paths.log_dir().is_dir()


def test_dancelike_home_keeps_everything_under_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / "home"))
    assert paths.cache_dir() == tmp_path / "home" / "cache"
    assert paths.log_dir() == tmp_path / "home" / "logs"


def test_an_old_cache_is_renamed_once(xdg: Path) -> None:
    old = _old_cache(xdg)
    inode = os.stat(old / "abc-v3.npz").st_ino
    new = paths.cache_dir()
    assert not old.exists()
    assert (new / "abc-v3.npz").read_bytes() == b"analysis" and os.stat(new / "abc-v3.npz").st_ino == inode
    assert paths.cache_dir() == new and (new / "abc-v3.beats2.npy").is_file()  # a second call has nothing to move


def test_an_old_cache_on_another_file_system_is_copied_then_deleted(xdg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_cache(xdg)
    real_rename = os.rename

    def cross_device(src: object, dst: object) -> None:
        if Path(str(src)).parent != Path(str(dst)).parent:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", cross_device)
    new = paths.cache_dir()
    assert not old.exists()
    assert sorted(p.name for p in new.iterdir()) == ["abc-v3.beats2.npy", "abc-v3.npz"]
    assert (new / "abc-v3.npz").read_bytes() == b"analysis"


def test_a_file_already_in_the_new_cache_wins(xdg: Path) -> None:
    old = _old_cache(xdg)
    new = xdg / "cache" / "dancelike"
    new.mkdir(parents=True)
    (new / "abc-v3.npz").write_bytes(b"newer")
    paths.cache_dir()
    assert not old.exists()
    assert (new / "abc-v3.npz").read_bytes() == b"newer" and (new / "abc-v3.beats2.npy").read_bytes() == b"beats"
