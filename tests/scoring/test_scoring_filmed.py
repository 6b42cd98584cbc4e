"""Scoring principles for filmed people, on poses built by hand: what is out of view is not
judged, a partial performance is judged on what was danced, the music gives the offset, and an
unrelated dance stays near chance. The development set of real clips, when fetched, is checked
against the issue's targets (skipped when absent: the clips are never committed)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hand_poses import FPS, frames, skeleton

from dancelike.scoring.alignment import Line, align_on_line, search_line
from dancelike.scoring.calibration import reference_chance
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report import build_report
from dancelike.scoring.sync import music_offset
from dancelike.vision.body import BodyFrame

REPO = Path(__file__).resolve().parents[2]
REAL_CLIPS = REPO / ".cache" / "realclips"


def test_legs_outside_the_picture_are_not_judged_and_the_report_says_so() -> None:
    # a waist-up video: the picture ends below the hips, the model still guesses legs there
    waist_up = [BodyFrame(b.t, 640, 340, b.landmarks, 1.0) for b in frames(150)]
    report = build_report(pose_track(waist_up), pose_track(frames(150)), np.stack([np.arange(150)] * 2, axis=1), FPS, mirrored=False)
    assert report.parts["left_leg"] is None and report.parts["right_leg"] is None
    assert report.parts["left_arm"] is not None and report.to_json()["parts"]["left_leg"] is None
    assert any("legs were not in view" in w and "judged on head, torso and arms" in w for w in report.warnings), report.warnings
    assert report.score > 90.0  # the same dance: legs neither help nor hurt


def test_a_performance_of_the_first_part_is_judged_on_what_was_danced() -> None:
    reference = pose_track(frames(int(19 * FPS)))
    performance = pose_track(frames(int(8 * FPS)))  # stopped after 8 s
    path = align_on_line(reference, performance, Line(0.0, 1.0, "clock"), FPS)
    report = build_report(reference, performance, path, FPS, mirrored=False)
    assert any("You danced the first 8 s of 19 s" in w for w in report.warnings), report.warnings
    assert report.summary.startswith("You danced the first 8 s of 19 s")
    assert report.tempo_ratio == pytest.approx(1.0, abs=0.05) and "rushed" not in report.summary
    assert report.score > 90.0
    assert [m.rating for m in report.moves if m.start >= 9.0] and all(m.rating == "skipped" for m in report.moves if m.start >= 9.0)


def test_the_music_gives_the_offset_and_different_music_gives_none() -> None:
    rate = 22050
    rng = np.random.default_rng(5)
    clicks = np.zeros(rate * 12)
    for beat in np.cumsum(rng.uniform(0.25, 0.6, 40)):  # an irregular rhythm: one right offset
        start = int(beat * rate)
        if start + 1500 < len(clicks):
            clicks[start : start + 1500] += np.sin(2 * np.pi * 440 * np.arange(1500) / rate) * np.exp(-np.arange(1500) / 300)
    late = np.concatenate([np.zeros(int(0.7 * rate)), clicks])[: len(clicks)]
    found = music_offset(clicks, late, rate)
    assert found is not None and found[0] == pytest.approx(0.7, abs=0.03) and found[1] > 0.8
    assert music_offset(clicks, rng.normal(0, 0.05, len(clicks)), rate) is None


def _uneven(count: int, delay: float = 0.0) -> list[BodyFrame]:
    """The hand-made dancer waving at an uneven pace (no period: one right offset)."""

    def pace(t: float) -> float:
        return t + 0.4 * np.sin(0.9 * t)

    return [BodyFrame(k / FPS, 640, 720, skeleton(pace(k / FPS - delay)).astype(np.float32), 1.0) for k in range(count)]


def test_the_motion_finds_a_late_start_and_an_unrelated_dance_stays_near_chance() -> None:
    reference = pose_track(_uneven(300))
    late = pose_track(_uneven(300, delay=0.6))
    line = search_line(reference, late)
    assert line.offset_s == pytest.approx(0.6, abs=0.1) and line.rate == pytest.approx(1.0, abs=0.02)
    chance = reference_chance(reference, FPS)
    good = build_report(reference, late, align_on_line(reference, late, line, FPS), FPS, mirrored=False, chance=chance)
    # another motion: the arms held out while the body sways
    other_frames = [BodyFrame(k / FPS, 640, 720, skeleton(0.0, arm_phase=2.0, lean=25.0 * np.sin(k / 9.0)).astype(np.float32), 1.0) for k in range(300)]
    other = pose_track(other_frames)
    unrelated = build_report(reference, other, align_on_line(reference, other, search_line(reference, other), FPS), FPS, mirrored=False, chance=chance)
    assert good.score > 90.0 and unrelated.score < 40.0, (good.score, unrelated.score)


@pytest.mark.skipif(not REAL_CLIPS.is_dir(), reason="real clips absent: fetch them with ../shared/realclips/fetch.sh into .cache/realclips")
@pytest.mark.slow
def test_the_development_set_meets_the_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import eval_real

    monkeypatch.setenv("DANCELIKE_HOME", str(REAL_CLIPS / ".dancelike"))
    results = eval_real.check(eval_real.evaluate(REAL_CLIPS))
    assert all(met for _, met, _ in results), [(name, figures) for name, met, figures in results if not met]


def _hits(count: int, delay: float = 0.0) -> list[BodyFrame]:
    """The hand-made dancer moving in bursts: 0.3 s of movement, then a 0.2 s hold (a "hit")."""

    def pace(t: float) -> float:
        bar, into = divmod(max(t, 0.0), 0.5)
        return 0.5 * bar + 0.5 * min(into / 0.3, 1.0)

    return [BodyFrame(k / FPS, 640, 720, skeleton(pace(k / FPS - delay)).astype(np.float32), 1.0) for k in range(count)]


def test_accents_are_the_arrivals_and_a_late_copy_hits_them_late() -> None:
    from dancelike.scoring.accents import accent_times, compare_accents

    reference = pose_track(_hits(180))
    found = accent_times(reference)
    expected = np.arange(0.3, 6.0, 0.5)
    assert len(found) >= 4  # the bursts where the arms sweep fast (the waving is uneven)
    assert np.abs(found[:, None] - expected[None, :]).min(axis=1).max() < 0.07  # each one an arrival
    late = pose_track(_hits(180, delay=0.1))
    accents = compare_accents(reference, late, reference.times.copy())  # compared on the same clock
    assert accents is not None and accents.hit_share > 0.8 and accents.offset_ms == pytest.approx(100, abs=40)
