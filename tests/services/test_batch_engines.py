"""The batch's job code and the local engine: a performance scored in a batch gets the score
``dancelike score`` gives it, a broken clip is an error and the others go on, and ``--ray``
without Ray or with a bad address is one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_clips import broken_clips, render_class

from dancelike.errors import InputError
from dancelike.pipeline import batch_job
from dancelike.pipeline.batch_job import prepare_reference
from dancelike.pipeline.score_files import score_videos
from dancelike.services.batch import engines
from dancelike.services.batch.engines import LocalEngine, make_engine


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_class(tmp_path_factory.mktemp("class"))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DANCELIKE_HOME", str(tmp_path_factory.mktemp("home")))
        local = LocalEngine(2)
        assert local.pool  # started here, not inside the first test (its threads are the fixture's)
        try:
            yield local
        finally:
            local.close()


@pytest.mark.slow
def test_a_batch_scores_as_score_does_and_a_broken_clip_does_not_stop_it(clips: dict[str, Path], engine: LocalEngine, tmp_path: Path) -> None:
    before = batch_job.reference_preparations
    bundle = prepare_reference(str(clips["reference"]), engine.pool, None)
    assert batch_job.reference_preparations == before + 1
    broken = broken_clips(tmp_path)
    order = [clips["late"], broken[0], clips["other"], broken[1]]
    results = dict(engine.map_clips(bundle, order, every_dancer=False))
    assert set(results) == set(order)
    for bad in broken:
        assert isinstance(results[bad], InputError), results[bad]
    for name in ("late", "other"):
        rows = results[clips[name]]
        assert isinstance(rows, list) and len(rows) == 1
        expected = score_videos(str(clips["reference"]), str(clips[name]), pool=engine.pool).report
        # `score` splits one video over the workers, a batch gives each worker whole videos (as
        # Ray does): the tracking differs only where a segment starts, a fraction of a point
        assert rows[0]["score"] == pytest.approx(expected.score, abs=1.0), name
        for part, value in expected.to_json()["parts"].items():
            assert value is None or rows[0]["report"]["parts"][part] == pytest.approx(value, abs=2.0), (name, part)
        assert rows[0]["picture"][:2] == b"\xff\xd8", "the dancer's picture is a JPEG"
    late, other = results[clips["late"]][0], results[clips["other"]][0]  # type: ignore[index]
    assert late["score"] > other["score"] + 30


def test_ray_without_the_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "ray_available", lambda: False)
    with pytest.raises(InputError, match=r"pip install 'dancelike\[cluster\]'"):
        make_engine("local", 2)


@pytest.mark.parametrize("address", ["", "nowhere", "host:port", "http://x:1"])
def test_a_bad_ray_address_is_one_line(address: str) -> None:
    with pytest.raises(InputError, match="HOST:PORT"):
        make_engine(address, None)


def test_the_default_engine_is_this_computer_and_starts_nothing_yet() -> None:
    engine = make_engine(None, 3)
    assert isinstance(engine, LocalEngine) and engine.name == "local" and engine.workers == 3
    engine.close()
    with pytest.raises(InputError, match="--workers"):
        make_engine(None, 0)
