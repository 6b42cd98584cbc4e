"""Players: the learners at the camera (the lock, left and right, away), and two dancing at once.

The sessions here run in real time on the synthetic cameras of ``synth.pair_camera`` (two
dancers side by side, a passer-by, a dancer who leaves) against a reference rendered from the
same choreography's start, so they are marked slow.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from dancelike.engine import FrameScored, LearnerAway, Session, SessionOptions, SessionResult
from dancelike.engine.events import Event
from dancelike.engine.players import AWAY_SECONDS, Learners, check_players
from dancelike.synth.motion import Dancer
from dancelike.synth.pair_camera import GAP, PASSING
from dancelike.synth.performance import Scene, render_performance
from dancelike.vision.body import BodyFrame
from dancelike.vision.people import TrackedBody

W, H = 640, 480


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pro dancing the demo choreography from its start, as the pair cameras' dancers do."""
    path = tmp_path_factory.mktemp("players") / "reference.mp4"
    render_performance(path, "groove", Dancer(), Scene(person=0, room=0), duration=PASSING[1] + 1.0)
    return path


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("DANCELIKE_HOME", str(home))
    yield home


def _body(x: float, t: float = 0.0) -> BodyFrame:
    landmarks = np.zeros((33, 4), np.float32)
    landmarks[:, 0], landmarks[:, 1], landmarks[:, 3] = x, 200.0, 1.0
    return BodyFrame(t, W, H, landmarks)


class FakeTracker:
    def __init__(self) -> None:
        self.locked = False

    def lock(self) -> None:
        self.locked = True


def _run(reference: Path, camera: str, players: int, until: float | None = None, record_to: Path | None = None) -> tuple[SessionResult, list[Event], list]:
    """A session to its end (or stopped at ``until`` seconds); its result, events and the
    players' hip positions as the UI saw them (capture time, x per player or None)."""
    events: list[Event] = []
    seen: list[tuple[float, list[float | None]]] = []
    session = Session(reference, camera, SessionOptions(players=players, record_to=record_to), on_event=events.append)
    session.start()
    while (result := session.wait(0.04)) is None:
        latest = session.user_bodies()
        if latest is not None:
            seen.append((latest[1], [None if b.landmarks is None else float(b.landmarks[[23, 24], 0].mean()) for b in latest[0]]))
        if until is not None and session.status().elapsed > until:
            session.stop()
    return result, events, seen


# --- the learners, on bodies made by hand -----------------------------------------------------


def test_players_are_numbered_left_to_right_at_the_lock_and_kept() -> None:
    learners, tracker = Learners(2), FakeTracker()
    # before both are in view: whoever is there is player 1, nothing is locked
    bodies = learners.assign([TrackedBody(1, _body(500))], tracker, 0.0, W, H)  # type: ignore[arg-type]
    assert bodies[0].found and not bodies[1].found and not tracker.locked
    # both in view: the one on the left (person 2 to the tracker) is player 1, and the tracker is locked
    bodies = learners.assign([TrackedBody(1, _body(500)), TrackedBody(2, _body(120))], tracker, 0.1, W, H)  # type: ignore[arg-type]
    assert tracker.locked and learners.locked_at == 0.1
    assert bodies[0].landmarks is not None and bodies[0].landmarks[0, 0] == 120
    # they swap places later: each keeps their number
    bodies = learners.assign([TrackedBody(1, _body(100)), TrackedBody(2, _body(520))], tracker, 0.2, W, H)  # type: ignore[arg-type]
    assert bodies[0].landmarks is not None and bodies[0].landmarks[0, 0] == 520
    # player 2 alone in view: player 1 is not found
    bodies = learners.assign([TrackedBody(1, _body(100))], tracker, 0.3, W, H)  # type: ignore[arg-type]
    assert not bodies[0].found and bodies[1].found


def test_a_learner_gone_for_over_a_second_is_away_until_back() -> None:
    learners = Learners(2)
    both, only_one = (_body(100), _body(500)), (_body(100), BodyFrame(0.0, W, H))
    changes: list[LearnerAway] = []
    t = 0.0
    for _ in range(10):
        changes += learners.presence(both, t)
        t += 1 / 30
    for _ in range(int(30 * AWAY_SECONDS) + 5):
        changes += learners.presence(only_one, t)
        t += 1 / 30
    assert [(c.player, c.players, c.away) for c in changes] == [(2, 2, True)]
    assert changes[0].seconds >= AWAY_SECONDS
    changes = learners.presence(both, t)
    assert [(c.player, c.away) for c in changes] == [(2, False)]
    # a pause (no frames analysed for 5 s) is nobody's absence
    assert learners.presence(only_one, t + 5.0) == []


def test_nobody_from_the_start_is_away_too() -> None:
    learners = Learners(1)
    nobody = (BodyFrame(0.0, W, H),)
    changes = [c for k in range(40) for c in learners.presence(nobody, k / 30)]
    assert [(c.player, c.away) for c in changes] == [(1, True)]


def test_player_counts() -> None:
    assert check_players(1) == 1 and check_players(2) == 2
    for bad in (0, 3):
        with pytest.raises(ValueError, match="players must be 1 or 2"):
            check_players(bad)


def test_a_session_for_three_players_is_refused(reference: Path) -> None:
    with pytest.raises(ValueError, match="players must be 1 or 2"):
        Session(reference, "pair", SessionOptions(players=3))


# --- whole sessions ---------------------------------------------------------------------------


@pytest.mark.slow
def test_two_players_each_get_their_own_scores_and_report(reference: Path, tmp_path: Path) -> None:
    result, events, seen = _run(reference, "pair", 2, until=7.0, record_to=tmp_path / "recording.mp4")
    assert result.error is None, result.error
    one, two = result.by_player
    assert (one.player, two.player) == (1, 2) and one.others == [two]
    assert one.report is not None and two.report is not None
    # player 1 is the good copy on the left, player 2 the sloppy one on the right
    assert one.report.score > two.report.score + 5, (one.report.score, two.report.score)
    assert one.recording == two.recording and one.recording is not None and one.recording.is_file()
    scored = [e for e in events if isinstance(e, FrameScored)]
    by_player = {p: [e for e in scored if e.player == p] for p in (1, 2)}
    # every analysed frame scored once for each player (7 s at 30 frames a second; a machine
    # busy with other work analyses fewer of them: 34 were seen with four other processes busy)
    assert len(by_player[1]) > 20 and len(by_player[1]) == len(by_player[2])
    assert by_player[1][-1].total != by_player[2][-1].total
    # each ring tells the truth as it goes: both scorers see every reference frame (one reading
    # them first once starved the other, whose lag then ran away and its ring fell to ~10)
    for player, result_of in ((1, one), (2, two)):
        assert result_of.report is not None
        assert abs(by_player[player][-1].total - result_of.report.score) < 12, (player, by_player[player][-1].total, result_of.report.score)
    figures = result.stats["players"]
    assert [f["player"] for f in figures] == [1, 2] and all(f["pairs"] > 60 for f in figures)
    lefts = [xs[0] for _, xs in seen if xs[0] is not None]
    rights = [xs[1] for _, xs in seen if xs[1] is not None]
    assert lefts and rights and max(lefts) < W / 2 < min(rights)
    assert not [e for e in events if isinstance(e, LearnerAway)]


@pytest.mark.slow
def test_a_passer_by_behind_the_dancer_never_takes_over(reference: Path) -> None:
    result, events, seen = _run(reference, "pair:passerby", 1, until=PASSING[1] + 0.5)
    assert result.error is None and result.report is not None
    during = [xs[0] for t, xs in seen if PASSING[0] <= t <= PASSING[1]]
    assert len(during) > 50
    found = [x for x in during if x is not None]
    assert len(found) >= 0.9 * len(during)
    # the dancer stands in the middle; the passer-by crosses the whole room
    assert all(abs(x - W / 2) < 0.15 * W for x in found), sorted(found)[:3] + sorted(found)[-3:]
    assert not [e for e in events if isinstance(e, LearnerAway)]


@pytest.mark.slow
def test_the_learner_leaving_the_frame_is_told_and_their_return_too(reference: Path) -> None:
    result, events, _ = _run(reference, "pair:gap", 1, until=GAP[1] + 1.5)
    assert result.error is None
    away = [e for e in events if isinstance(e, LearnerAway)]
    assert [(e.player, e.players, e.away) for e in away] == [(1, 1, True), (1, 1, False)], away
    assert AWAY_SECONDS <= away[0].seconds <= AWAY_SECONDS + 0.3  # told within a few frames of the second
    scored = [e for e in events if isinstance(e, FrameScored)]
    gone = [e.t for e in scored if not e.found]
    assert gone and GAP[0] - 0.1 <= gone[0] and gone[-1] <= GAP[1] + 0.5  # nobody was seen in the gap only
