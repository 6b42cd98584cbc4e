"""A group video as the reference: the import analyses every dancer, the choice of dancer is kept
per choreography, and a live session, a re-score and the picker's pictures follow it.

A two-dancer video (``synth.group.good_and_sloppy``: two synthetic dancers side by side),
real analysis; 2 s clips so the file runs in well under a minute on two shared cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dancelike.engine import Session, SessionOptions
from dancelike.engine import session as engine_session
from dancelike.errors import InputError
from dancelike.pipeline import session_replay
from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.dancer_thumbnails import THUMBNAIL_SIZE
from dancelike.services import dancers
from dancelike.services.library import import_video
from dancelike.services.sessions import score_recording
from dancelike.store import analysis_cache
from dancelike.store.db import Store
from dancelike.synth.group import good_and_sloppy, render_group_scene
from dancelike.synth.performance import Scene, render_performance
from dancelike.vision.video_analysis import default_dancer


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("group") / "two_of_us.mp4"
    render_group_scene(path, good_and_sloppy(seconds=2.0, width=960, height=480))
    return path


def _hips_x(frames: list[Any]) -> float:
    return float(np.nanmedian([body.landmarks[[23, 24], 0].mean() for body in frames if body.found]))


@pytest.mark.slow  # runs a live session of the group video
def test_a_group_import_analyses_every_dancer_and_the_choice_is_followed(store: Store, pair: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    imported = import_video(store, pair)
    assert imported.analysed and imported.dancers == 2 and imported.dancer is None and imported.has_dancers_to_choose
    key = analysis_cache.content_key(imported.video)
    cached = analysis_cache.load(key)
    assert cached is not None and [d.number for d in cached.dancers] == [1, 2]
    assert cached.followed == default_dancer(cached)
    assert _hips_x(cached.dancer(1).frames) < 480 < _hips_x(cached.dancer(2).frames)  # numbered from the left
    # the chance level of the automatic choice was measured at import, under its own key
    assert analysis_cache.load_chance(analysis_cache.track_key(key, cached)) is not None
    assert dancers.dancer_label(imported) == "Auto dancer of 2"

    # the picker: both dancers, a picture of each, the suggested one marked
    pick = dancers.dancer_pick(store, imported.id)
    assert [c.number for c in pick.choices] == [1, 2] and pick.suggested == cached.followed == pick.chosen
    assert all(c.thumbnail is not None and c.thumbnail.shape == (THUMBNAIL_SIZE[1], THUMBNAIL_SIZE[0], 3) for c in pick.choices)
    assert all(1.5 < c.seconds_in_view <= 2.05 for c in pick.choices) and pick.seconds == pytest.approx(2.0, abs=0.05)
    assert dancers.in_view_text(pick.choices[0], pick.seconds) == "in view 2 s of 2 s"
    other = 3 - pick.suggested

    # choosing the other dancer is kept; its chance level is measured once
    chosen = dancers.choose_dancer(store, imported.id, other)
    assert chosen.dancer == other and store.choreography(imported.id).dancer == other  # type: ignore[union-attr]
    assert dancers.dancer_label(chosen) == f"Dancer {other} of 2"
    dancers.measure_choice(pick, other)
    following = cached.follow(other)
    chance = analysis_cache.load_chance(analysis_cache.track_key(key, following))
    assert chance is not None and analysis_cache.track_key(key, following) != analysis_cache.track_key(key, cached)
    assert dancers.dancer_pick(store, imported.id).chosen == other

    # a re-score of a past session follows the chosen dancer
    solo = pair.with_name("solo.mp4")
    render_performance(solo, "groove", scene=Scene(person=0, room=0), duration=2.0, start=4.0, music=False)
    with AnalysisPool() as pool:
        scored = score_recording(str(imported.video), str(solo), "off", pool, dancer=other)
    assert scored.reference.followed == other
    assert _hips_x(scored.reference.frames) == pytest.approx(_hips_x(following.frames))

    # a live session follows the chosen dancer's cached track, with its chance level
    seen: dict[str, Any] = {}
    real_stage = engine_session.ReferenceStage

    def spy(player: Any, track: Any, cached_analysis: Any, on_error: Any) -> Any:
        seen["cached"] = cached_analysis
        return real_stage(player, track, cached_analysis, on_error)

    monkeypatch.setattr(engine_session, "ReferenceStage", spy)
    live = Session(imported.video, str(solo), SessionOptions(dancer=store.choreography(imported.id).dancer))  # type: ignore[union-attr]
    live.start()
    result = live.wait(60)
    assert result is not None and result.ok
    assert seen["cached"].followed == other
    assert [b.t for b in seen["cached"].frames] == [b.t for b in following.frames]
    assert _hips_x(seen["cached"].frames) == pytest.approx(_hips_x(following.frames))
    assert live.snapshot().chance is not None and np.allclose(live.snapshot().chance.as_array(), chance)
    assert result.report is not None and (result.report.dancer, result.report.dancers) == (other, 2)  # the report names her
    assert f"dancer {other} of 2" in result.report.dancer_text

    # its replay shows the pro it was scored against
    drawn: dict[str, Any] = {}
    monkeypatch.setattr(session_replay, "_write", lambda destination, ref, rec, report, ref_analysis, *rest: drawn.update(followed=ref_analysis.followed))
    session_replay.write_session_replay(solo, result.report, np.arange(len(result.report.matched_frames)), imported.video, pair.with_name("replay.mp4"))
    assert drawn["followed"] == other

    # back to the automatic choice
    assert dancers.choose_dancer(store, imported.id, None).dancer is None


def test_an_import_where_nobody_is_found_fails_in_one_line_and_leaves_nothing(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty_room.mp4"
    render_performance(empty, "groove", scene=Scene(person=None, room=1), duration=1.5, music=False)
    with pytest.raises(InputError, match="nobody was found in empty_room.mp4") as caught:
        import_video(store, empty)
    assert "\n" not in str(caught.value)
    assert store.choreographies() == []
    library = store.root / "choreographies"
    assert not library.is_dir() or list(library.iterdir()) == []
