"""``SessionOptions``: a session's choices, checked when they are made (no video, no camera)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dancelike.engine import SessionOptions
from dancelike.engine.options import LIVE_REFERENCE, MAX_LATENCY
from dancelike.scoring.mirror import Mirror


def test_defaults_are_a_plain_session() -> None:
    options = SessionOptions()
    assert options.record_to is None and options.mirror is Mirror.AUTO and options.use_cache
    assert options.latency == 0.0 and options.stretch == "wsola" and options.dancer is None and options.players == 1


def test_plain_values_are_kept_as_their_types() -> None:
    options = SessionOptions(record_to="take.mp4", mirror="on", latency=1, players=2)  # type: ignore[arg-type]
    assert options.record_to == Path("take.mp4") and options.mirror is Mirror.ON
    assert isinstance(options.latency, float) and options.latency == 1.0 and options.players == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mirror", "sideways", "mirror must be auto, on or off, not 'sideways'"),
        ("stretch", "fast", "stretch must be one of"),
        ("latency", -0.1, "latency must be 0-2 s"),
        ("latency", MAX_LATENCY + 0.5, "latency must be 0-2 s"),
        ("latency", "0.2", "latency must be 0-2 s"),
        ("dancer", 0, "dancer must be a dancer's number"),
        ("players", 3, "players must be 1 or 2"),
        ("event_queue_size", 0, "event_queue_size must be a whole number"),
    ],
)
def test_a_bad_value_is_one_clear_line(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SessionOptions(**{field: value})  # type: ignore[arg-type]


def test_options_are_frozen_and_varied_with_replace(tmp_path: Path) -> None:
    options = SessionOptions(players=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.players = 1  # type: ignore[misc]
    recorded = dataclasses.replace(options, record_to=tmp_path / "take.mp4")
    assert recorded.players == 2 and recorded.record_to == tmp_path / "take.mp4" and options.record_to is None
    with pytest.raises(ValueError, match="latency"):
        dataclasses.replace(options, latency=5.0)


def test_a_history_row_keeps_what_scores_its_recording_again() -> None:
    settings = SessionOptions(mirror=Mirror.OFF, latency=0.25, stretch="plain", players=2).settings()
    assert settings == {"mirror": "off", "stretch": "plain", "latency": 0.25, "players": 2}


def test_the_live_reference_is_read_as_measured() -> None:
    assert (LIVE_REFERENCE.max_fps, LIVE_REFERENCE.fit, LIVE_REFERENCE.decode_threads) == (30.0, (960, 540), 1)
