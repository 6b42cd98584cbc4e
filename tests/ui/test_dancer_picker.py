"""The dancer picker, offscreen: a tile per dancer with its picture, the suggested one marked, the
choice saved; the library opens it after importing a group video and from a group card's menu.

Real store in a temporary data folder, a real two-dancer video (two synthetic renders side by
side) imported and analysed; a one-dancer import never shows the picker.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from dancelike.services.dancers import DancerChoice, DancerPick
from dancelike.store import analysis_cache
from dancelike.store.db import Store
from dancelike.synth.group import good_and_sloppy, render_group_scene
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui.dancer_picker import DancerPicker, suggestion_reason
from dancelike.ui.library_view import LibraryView
from dancelike.ui.workers import active_jobs
from dancelike.vision.video_analysis import VideoAnalysis

WAIT_MS = 60_000  # an import analyses the clip in worker processes: generous on 2 busy cores


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("picker") / "duo_routine.mp4"
    render_group_scene(path, good_and_sloppy(seconds=2.0, width=960, height=480))
    return path


def _pick(store: Store, count: int, suggested: int, chosen: int | None = None) -> DancerPick:
    """A pick made by hand: ``count`` dancers with plain-coloured pictures."""
    video = store.root / "clip.mp4"
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"stands for a video")
    item = store.add_choreography("Trio", video, 27.0, 30.0, 640, 360, None)
    store.set_dancers(item.id, count)
    item = store.set_dancer(item.id, chosen)
    choices = [DancerChoice(n, 24.0 - n, np.full((250, 150, 3), 40 * n, np.uint8), n == suggested) for n in range(1, count + 1)]
    return DancerPick(item, "key", VideoAnalysis(30.0, 640, 360, []), choices, 27.0)


def test_the_picker_lists_every_dancer_and_marks_the_suggested_one(qtbot: QtBot, store: Store) -> None:
    picker = DancerPicker(_pick(store, 3, suggested=2))
    qtbot.addWidget(picker)
    picker.show()
    assert sorted(picker.tiles) == [1, 2, 3]
    for number, tile in picker.tiles.items():
        assert tile.name.text() == f"Dancer {number}" and tile.in_view.text() == f"in view {24 - number} s of 27 s"
        assert not tile.picture.pixmap().isNull() and tile.picture.pixmap().width() == 150
        assert tile.suggested.text() == ("Suggested" if number == 2 else "") and tile.isVisible()
        assert tile.why.text() == ("most in view" if number == 2 else "")  # why it is suggested
    assert picker.selected == 2 and picker.tiles[2].selected and picker.follow_button.text() == "Follow Dancer 2"
    qtbot.mouseClick(picker.tiles[3], Qt.MouseButton.LeftButton)
    assert picker.selected == 3 and picker.tiles[3].selected and not picker.tiles[2].selected
    assert picker.follow_button.text() == "Follow Dancer 3"
    qtbot.mouseClick(picker.follow_button, Qt.MouseButton.LeftButton)
    assert picker.result() == QDialog.DialogCode.Accepted and picker.selected == 3


def test_the_picker_opens_on_the_dancer_chosen_before(qtbot: QtBot, store: Store) -> None:
    picker = DancerPicker(_pick(store, 2, suggested=2, chosen=1))
    qtbot.addWidget(picker)
    assert picker.selected == 1 and picker.tiles[1].selected and picker.tiles[2].why.text() == "most in view"


def test_the_suggestion_says_why(qtbot: QtBot, store: Store) -> None:
    # dancer 3 is suggested though dancer 1 is in view longer: no single reason, so the picker says it is a mix
    pick = _pick(store, 3, suggested=3)
    assert suggestion_reason(pick) == "the best mix of time in view, place and size"
    picker = DancerPicker(pick)
    qtbot.addWidget(picker)
    picker.show()
    tile = picker.tiles[3]
    assert tile.suggested.text() == "Suggested" and tile.why.text() == "the best mix of time in view, place and size"
    assert tile.why.isVisible() and tile.why.height() >= tile.why.heightForWidth(tile.why.width())  # all of it shows
    assert "how near the middle" in tile.suggested.toolTip()
    tops = {t.name.mapTo(picker, t.name.rect().topLeft()).y() for t in picker.tiles.values()}
    assert len(tops) == 1  # the tiles line up, whichever has the reason


def test_importing_a_group_video_asks_whom_to_follow_and_saves_the_choice(qtbot: QtBot, store: Store, pair: Path) -> None:
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignal(view.imported, timeout=WAIT_MS) as blocker:
        view.import_files([pair])
    (choreography_id,) = blocker.args
    qtbot.waitUntil(lambda: view.picker is not None and view.picker.isVisible(), timeout=10_000)
    picker = view.picker
    assert picker is not None and sorted(picker.tiles) == [1, 2]
    assert all(not tile.picture.pixmap().isNull() for tile in picker.tiles.values())
    why = picker.tiles[picker.pick.suggested].why.text()
    assert any(reason in why for reason in ("most in view", "near the centre", "largest", "mix")), why
    cached = analysis_cache.load(analysis_cache.content_key(store.choreography(choreography_id).video))  # type: ignore[union-attr]
    assert cached is not None and picker.selected == cached.followed
    assert view.cards()[choreography_id].thumbnail.dancer == "Auto dancer of 2"
    other = 3 - picker.selected
    qtbot.mouseClick(picker.tiles[other], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.dancer_chosen, timeout=2000) as chosen:
        qtbot.mouseClick(picker.follow_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [choreography_id, other] and view.picker is None
    assert store.choreography(choreography_id).dancer == other  # type: ignore[union-attr]
    card = view.cards()[choreography_id]
    assert card.thumbnail.dancer == f"Dancer {other} of 2"
    assert "Choose dancer\u2026" in [action.text() for action in card._menu().actions()]
    qtbot.waitUntil(lambda: not active_jobs(), timeout=10_000)  # the chance level measured
    key = analysis_cache.content_key(store.choreography(choreography_id).video)  # type: ignore[union-attr]
    assert analysis_cache.load_chance(analysis_cache.track_key(key, cached.follow(other))) is not None

    # from the card's menu, later: it opens on the dancer chosen; "Not now" changes nothing
    card.choose_dancer.emit(choreography_id)
    qtbot.waitUntil(lambda: view.picker is not None and view.picker.isVisible(), timeout=10_000)
    assert view.picker is not None and view.picker.selected == other
    qtbot.mouseClick(view.picker.cancel_button, Qt.MouseButton.LeftButton)
    assert view.picker is None and store.choreography(choreography_id).dancer == other  # type: ignore[union-attr]


def test_a_one_dancer_import_never_shows_the_picker(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    solo = tmp_path / "solo.mp4"
    render_performance(solo, "groove", scene=Scene(width=320, height=240), duration=2.0, start=2.0, music=False)
    view = LibraryView(store)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.imported, timeout=WAIT_MS) as blocker:
        view.import_files([solo])
    (choreography_id,) = blocker.args
    item = store.choreography(choreography_id)
    assert item is not None and item.dancers == 1 and not item.has_dancers_to_choose
    assert view.picker is None and view._picking is None
    card = view.cards()[choreography_id]
    assert card.thumbnail.dancer == "" and "Choose dancer\u2026" not in [a.text() for a in card._menu().actions()]


def test_the_results_name_the_dancer_followed_only_for_a_group_video() -> None:
    from dancelike.ui.session_text import dancer_text

    assert dancer_text({"dancer": 2, "dancers": 3}) == " \u00b7 against dancer 2 of 3 (from the left)"
    assert dancer_text({"dancer": 1, "dancers": 1}) == "" and dancer_text({}) == ""


def test_the_tiles_are_whole_above_the_buttons(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtWidgets import QApplication

    from dancelike.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)  # the app's fonts, as the user sees them
    picker = DancerPicker(_pick(store, 3, suggested=3))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker, timeout=5000)
    buttons_top = picker.follow_button.mapTo(picker, picker.follow_button.rect().topLeft()).y()
    for tile in picker.tiles.values():
        assert tile.mapTo(picker, tile.rect().bottomLeft()).y() < buttons_top
        assert tile.why.visibleRegion().boundingRect().height() == tile.why.height()  # not cut off by the strip
