"""What a score means, shown with videos: synthetic dancers rendered, analysed and scored for real.

Each case renders a performance of the reference choreography (or of another one, or
nobody) with the synthetic dancer, runs the real vision pipeline on both videos and
scores them with ``pipeline.score_files.score_videos``, exactly as ``dancelike score`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from dancelike.pipeline.analysis import AnalysisPool
from dancelike.pipeline.score_files import ScoredPair, score_videos
from dancelike.synth.choreography import Choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance

#: slow: renders or runs real processes for seconds (make test-fast skips it). The first test sets up
#: ``scored``: 12 pairs rendered, analysed and scored, 156 s on a busy two-core machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SECONDS = 9.0
#: A short choreography for the "half right" case: half of it is a different dance.
SHORT = Choreography("short", 112.0, ("arm_wave", "arms_up", "disco_point", "side_step"))

CASES: dict[str, tuple[str | Choreography, Dancer, Scene]] = {
    "late": ("groove", Dancer(offset=0.5), Scene()),
    "early": ("groove", Dancer(offset=-0.5), Scene()),
    "slow": ("groove", Dancer(tempo=0.8), Scene()),
    "fast": ("groove", Dancer(tempo=1.25), Scene()),
    "mirrored": ("groove", Dancer(mirror=True), Scene()),
    "moved": ("groove", Dancer(), Scene(x=0.32, size=0.48)),
    "background": ("groove", Dancer(), Scene(room=2)),
    "person": ("groove", Dancer(), Scene(person=3)),
    "other_dance": ("power", Dancer(), Scene()),
    "still": ("still", Dancer(), Scene()),
    "nobody": ("groove", Dancer(), Scene(person=None)),
}


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("meanings")
    render_performance(folder / "reference.mp4", "groove", Dancer(), Scene(), duration=SECONDS)
    for name, (dance, dancer, scene) in CASES.items():
        render_performance(folder / f"{name}.mp4", dance, dancer, scene, duration=SECONDS / dancer.tempo)
    render_performance(folder / "short.mp4", SHORT, Dancer(), Scene())
    render_performance(folder / "short_half.mp4", SHORT, Dancer(second_half="power"), Scene(person=2))
    return folder


@pytest.fixture(scope="module")
def pool() -> Iterator[AnalysisPool]:
    with AnalysisPool(2) as workers:
        yield workers


@pytest.fixture(scope="module")
def scored(videos: Path, pool: AnalysisPool, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ScoredPair]:
    """Every case scored once (the reference's analysis is cached after the first)."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DANCELIKE_HOME", str(home))
        results = {name: score_videos(str(videos / "reference.mp4"), str(videos / f"{name}.mp4"), pool=pool) for name in ["reference", *CASES]}
        results["half"] = score_videos(str(videos / "short.mp4"), str(videos / "short_half.mp4"), pool=pool)
    return results


def test_the_same_video_scores_100(scored: dict[str, ScoredPair]) -> None:
    report = scored["reference"].report
    assert report.score == pytest.approx(100.0, abs=0.5)
    assert report.grade == "S" and not report.warnings


@pytest.mark.parametrize("case", ["late", "early", "slow", "fast", "mirrored", "moved", "background", "person"])
def test_a_faithful_copy_scores_at_least_90(scored: dict[str, ScoredPair], case: str) -> None:
    report = scored[case].report
    assert report.score >= 90.0, (case, report.to_json()["score"], report.shape, report.timing)


def test_timing_is_measured(scored: dict[str, ScoredPair]) -> None:
    assert scored["late"].report.timing_offset_ms == pytest.approx(500, abs=70)
    assert scored["early"].report.timing_offset_ms == pytest.approx(-500, abs=70)
    assert scored["slow"].report.tempo_ratio == pytest.approx(0.8, abs=0.03)
    assert scored["fast"].report.tempo_ratio == pytest.approx(1.25, abs=0.04)
    assert "dragged" in scored["slow"].report.summary and "rushed" in scored["fast"].report.summary


def test_mirror_is_decided_once_from_the_evidence(scored: dict[str, ScoredPair]) -> None:
    assert scored["mirrored"].report.mirrored is True
    assert not any(scored[case].report.mirrored for case in ("late", "moved", "person", "reference"))


@pytest.mark.parametrize("case", ["other_dance", "still"])
def test_a_different_dance_or_standing_still_scores_at_most_40(scored: dict[str, ScoredPair], case: str) -> None:
    report = scored[case].report
    assert report.score <= 40.0, (case, report.score)


def test_nobody_scores_at_most_5_with_a_warning(scored: dict[str, ScoredPair]) -> None:
    report = scored["nobody"].report
    assert report.score <= 5.0
    assert any("no dancer found in your video" in warning for warning in report.warnings)


def test_a_half_right_performance_lands_in_between_and_the_timeline_shows_which_half(scored: dict[str, ScoredPair]) -> None:
    report = scored["half"].report
    assert 40.0 < report.score < 90.0, report.score
    times = np.array([point.t for point in report.timeline])
    values = np.array([point.score for point in report.timeline])
    middle = times.max() / 2.0
    first, second = values[(times > 1.0) & (times < middle - 1.0)], values[times > middle + 1.0]
    assert first.mean() > 85.0 and second.mean() < first.mean() - 30.0, (first.mean(), second.mean())


def test_the_report_explains_the_score(scored: dict[str, ScoredPair]) -> None:
    document = scored["late"].report.to_json()
    assert len(document["timeline"]) >= 2 * SECONDS - 1
    assert document["moves"] and all(move["rating"] in ("perfect", "great", "good", "ok", "miss") for move in document["moves"])
    # a faithful copy 0.5 s late: nothing is below GOOD, so there is nothing to practise, and it says so
    assert len(document["weakest"]) <= 3 and all(move["score"] < 65 for move in document["weakest"])
    assert all({"reference_frame", "performance_frame", "advice", "advice_text"} <= set(move) for move in document["weakest"])
    if not document["weakest"]:
        assert "Nothing to practise" in document["summary"]
    assert document["this_dance"] and "late" in document["timing_text"]
    assert set(document["parts"]) == {"head", "torso", "left_arm", "right_arm", "left_leg", "right_leg"}


def test_scores_are_deterministic(videos: Path, pool: AnalysisPool, scored: dict[str, ScoredPair]) -> None:
    again = score_videos(str(videos / "reference.mp4"), str(videos / "late.mp4"), pool=pool, use_cache=False)
    assert again.report.to_json() == scored["late"].report.to_json()
