"""Damaged files never lock the user out: a damaged history is moved aside with its readable rows
saved into a fresh one (and the user told in one sentence), a full disk is called a full disk,
and a damaged analysis in the cache is deleted and made again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from dancelike.errors import InputError
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.reference import analyse_reference
from dancelike.store import analysis_cache, db
from dancelike.store.db import Store

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

SESSIONS = 40
PAGE = 4096


def _history(home: Path) -> Path:
    """A real history: a choreography and SESSIONS finished sessions (a page or so apiece)."""
    with Store() as store:
        video = store.root / "choreographies" / "1" / "video.mp4"
        video.parent.mkdir(parents=True)
        video.write_bytes(b"stands for a video")
        clip = store.add_choreography("Groove", video, 30.0, 30.0, 640, 480, None)
        for k in range(SESSIONS):
            record = store.begin_session(clip.id, {"mirror": "auto"})
            store.complete_session(record.id, status="done", score=50.0 + k, grade="B", duration=30.0, parts={}, message=f"take {k} " + "x" * 3000)
    path = home / "dancelike.db"
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0  # closed: all in the main file
    return path


def _sessions_leaf_pages(path: Path) -> list[int]:
    """Pages holding session rows only (found by their cells' text), page 1 never among them."""
    data = path.read_bytes()
    return [n for n in range(2, len(data) // PAGE + 1) if data[(n - 1) * PAGE] == 0x0D and b"take " in data[(n - 1) * PAGE : n * PAGE]]


def _backups(home: Path) -> list[Path]:
    return sorted(home.glob("dancelike.db.damaged-*[0-9]"))


def _assert_repaired(store: Store, home: Path) -> Path:
    [backup] = _backups(home)
    assert store.repaired is not None and "\n" not in store.repaired and backup.name in store.repaired
    assert store.repaired.startswith("Your history was damaged") and store.repaired.endswith(".")
    assert store.version == len(db.MIGRATIONS) and store.path.is_file()
    return backup


def test_a_bad_page_keeps_every_other_row(own_data_home: Path) -> None:
    path = _history(own_data_home)
    leaves = _sessions_leaf_pages(path)
    assert len(leaves) > 10
    bad = leaves[len(leaves) // 2]
    with open(path, "r+b") as handle:  # flip the bytes of one page of sessions
        handle.seek((bad - 1) * PAGE)
        page = bytearray(handle.read(PAGE))
        handle.seek((bad - 1) * PAGE)
        handle.write(bytes(b ^ 0xA5 for b in page))
    with Store() as store:
        backup = _assert_repaired(store, own_data_home)
        assert backup.read_bytes()[(bad - 1) * PAGE : bad * PAGE] != bytes(PAGE)  # kept as it was found
        [clip] = store.choreographies()
        kept = store.sessions()
        assert SESSIONS - 5 <= len(kept) < SESSIONS  # only the rows on the bad page are lost
        assert all(r.status == "done" and r.choreography_title == "Groove" for r in kept)
        assert f"{len(kept) + 1} entries" in store.repaired  # the sessions and the choreography
        assert store.begin_session(clip.id, {}).id == SESSIONS + 1  # ids are never reused
    with Store() as again:  # the fresh database is sound: no second repair
        assert again.repaired is None and len(again.sessions()) == len(kept) + 1


@pytest.mark.parametrize("damage", ["truncated", "header"])
def test_a_truncated_or_garbled_file_is_set_aside(own_data_home: Path, damage: str) -> None:
    path = _history(own_data_home)
    data = path.read_bytes()
    damaged = data[: PAGE + PAGE // 2] if damage == "truncated" else b"\x00garbage!" * 12 + data[108:]
    path.write_bytes(damaged)
    with Store() as store:
        backup = _assert_repaired(store, own_data_home)
        assert backup.read_bytes() == damaged  # kept as it was found
        video = store.root / "v.mp4"
        video.write_bytes(b"video")
        store.add_choreography("New", video, 1.0, 30.0, 64, 64, None)  # usable at once
        assert [c.title for c in store.choreographies()][0] == "New"


def test_a_full_disk_is_called_a_full_disk_not_damage(tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(bytes(60 * 1024))
    with pytest.raises(InputError) as caught:
        Store(tiny_disk / "dancelike.db")
    message = str(caught.value)
    assert "disk is full" in message and "damaged" not in message and "\n" not in message
    assert not list(tiny_disk.glob("*.damaged-*"))  # nothing was set aside


def test_a_damaged_cached_analysis_is_made_again(videos: dict[str, Path]) -> None:
    key = analysis_cache.content_key(videos["reference"])
    with AnalysisPool(1) as pool:
        first, cached = analyse_reference(str(videos["reference"]), pool, True, None, key)
        assert not cached
        cache_file = analysis_cache._cache_file(key, None)
        whole = cache_file.read_bytes()
        for damaged in (whole[: len(whole) // 2], whole[:30] + bytes(len(whole) - 30), b""):
            cache_file.write_bytes(damaged)  # truncated (BadZipFile), zeroed, empty
            again, cached = analyse_reference(str(videos["reference"]), pool, True, None, key)
            assert not cached and len(again.frames) == len(first.frames)
            assert cache_file.read_bytes() != damaged  # made again and saved afresh
        assert analyse_reference(str(videos["reference"]), pool, True, None, key)[1]  # read from the cache now
    analysis_cache.save_chance(key, np.array([0.3, 0.1]))
    chance = cache_file.with_name(f"{key}.chance{analysis_cache.CHANCE_VERSION}.npy")
    chance.write_bytes(chance.read_bytes()[:20])
    assert analysis_cache.load_chance(key) is None and not chance.exists()


def test_the_app_says_the_history_was_repaired(own_data_home: Path, qtbot: QtBot, app_settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.ui import messages
    from dancelike.ui.main_window import MainWindow

    path = _history(own_data_home)
    path.write_bytes(b"not a database" * 100)
    told: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text, details="": told.append(text))
    with Store() as store:
        window = MainWindow(store, app_settings)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.run_startup(demo=False)
        assert told == [store.repaired] and store.repaired and "damaged" in store.repaired
        window.close()
