"""``bench live``'s floor: the landmark model's bare cost at the session's rate, and the process's
CPU against it, held to the issue's bars with the reference cached."""

from __future__ import annotations

from dancelike.commands.bench_live import model_floor, paced_floor, targets
from dancelike.vision.model_choice import current, paced_invoke_ms


def test_the_floor_is_the_bare_run_time_at_the_sessions_rate() -> None:
    floor = model_floor([10.0, 12.0], 30.0, 66.0)  # measured before and after the session
    assert floor["model_invoke_ms"] == 11.0 and floor["model_floor_pct"] == 33.0  # 11 ms x 30 a second
    assert floor["cpu_vs_floor"] == 2.0
    two_players = model_floor([11.0], 60.0, 99.0)
    assert two_players["model_floor_pct"] == 66.0 and two_players["cpu_vs_floor"] == 1.5
    busy = model_floor([11.0], 30.0, 66.0, runs_done_per_s=20.0)  # a busy machine let it make 20 runs a second
    assert busy["cpu_vs_floor"] == 2.0 and busy["cpu_vs_floor_done"] == 3.0


def test_the_floor_bars_apply_with_the_reference_cached() -> None:
    assert targets(hd=True, cached=True)["cpu_vs_floor"] == ("<=", 2.0)
    assert targets(hd=False, cached=True)["cpu_vs_floor"] == ("<=", 1.6)
    assert "cpu_vs_floor" not in targets(hd=True, cached=False)


def test_the_paced_floor_is_the_run_time_at_the_sessions_pace_and_is_only_reported() -> None:
    """The model run 30 times a second, as a session runs it: a real measurement, a figure beside
    the floor (the bars stay on the bare floor)."""
    ms = paced_invoke_ms(current().model, 30.0, runs=4, warmup=1)
    assert 1.0 < ms < 500.0
    paced = paced_floor([ms, ms], 30.0, 3.0 * ms)
    assert paced["model_floor_paced_pct"] == round(ms * 3.0, 1) and paced["cpu_vs_paced_floor"] == 1.0
    assert "cpu_vs_paced_floor" not in targets(hd=True, cached=True)
