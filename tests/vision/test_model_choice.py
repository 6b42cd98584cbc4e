"""The landmark model run here: measured once per machine, kept, measured again when the CPU or a
model file changes; the faster one is used, and an analysis cached under one model is not read
for the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from dancelike.vision import model_choice
from dancelike.vision.model_choice import FLOAT, INT8MIX, ModelChoice, faster, machine_key


class Stopwatch:
    """A stand-in for timing both models: counts how often the machine was measured."""

    def __init__(self, ms: dict[str, float]) -> None:
        self.ms, self.calls = ms, 0

    def __call__(self) -> dict[str, float]:
        self.calls += 1
        return dict(self.ms)


def test_the_choice_is_measured_once_then_kept(tmp_path: Path) -> None:
    stopwatch = Stopwatch({FLOAT: 15.0, INT8MIX: 11.0})
    first = ModelChoice(tmp_path, stopwatch, lambda: "cpu-a").get()
    assert (first.model, first.how, stopwatch.calls) == (INT8MIX, "measured", 1)
    again = ModelChoice(tmp_path, stopwatch, lambda: "cpu-a").get()  # a later start of the app
    assert (again.model, again.how, again.ms, stopwatch.calls) == (INT8MIX, "kept", first.ms, 1)


def test_another_cpu_is_measured_again_and_both_answers_are_kept(tmp_path: Path) -> None:
    ModelChoice(tmp_path, Stopwatch({FLOAT: 15.0, INT8MIX: 11.0}), lambda: "cpu-a").get()
    laptop = Stopwatch({FLOAT: 14.9, INT8MIX: 14.8})  # AVX2 only: int8 no faster
    there = ModelChoice(tmp_path, laptop, lambda: "cpu-b").get()
    assert (there.model, there.how, laptop.calls) == (FLOAT, "measured", 1)
    assert ModelChoice(tmp_path, laptop, lambda: "cpu-a").get().model == INT8MIX  # the first machine's answer stayed


def test_the_key_changes_with_the_cpu_and_with_a_model_file(monkeypatch: pytest.MonkeyPatch) -> None:
    here = machine_key(cpu="x86_64|Xeon|avx2 avx512f")
    assert machine_key(cpu="x86_64|EPYC|avx2") != here
    monkeypatch.setitem(model_choice.MODEL_SHA256, FLOAT, "0" * 64)  # a new float model file
    assert machine_key(cpu="x86_64|Xeon|avx2 avx512f") != here


def test_int8_mix_only_when_clearly_faster() -> None:
    assert faster({FLOAT: 12.7, INT8MIX: 10.6}) == INT8MIX
    assert faster({FLOAT: 15.0, INT8MIX: 14.8}) == FLOAT  # within 3%: the exact original
    assert faster({FLOAT: 10.0, INT8MIX: 12.0}) == FLOAT


def test_a_damaged_file_is_measured_again(tmp_path: Path) -> None:
    (tmp_path / model_choice.FILE_NAME).write_text("{not json")
    stopwatch = Stopwatch({FLOAT: 15.0, INT8MIX: 11.0})
    assert ModelChoice(tmp_path, stopwatch, lambda: "cpu-a").get().how == "measured" and stopwatch.calls == 1


def test_the_environment_fixes_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(model_choice.ENV, "float")
    assert model_choice.current().model == FLOAT and model_choice.current().how == "fixed"
    monkeypatch.setenv(model_choice.ENV, "int8-mix")
    assert model_choice.landmark_model() == INT8MIX


def test_the_choice_lives_in_the_cache_folder(data_home: Path) -> None:
    from dancelike.store.paths import cache_dir

    assert model_choice.cache_folder() == cache_dir()


def test_both_models_measure_and_the_tracker_runs_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    ms = model_choice.measure(runs=2, warmup=1)
    assert set(ms) == {FLOAT, INT8MIX} and all(v > 0 for v in ms.values())
    from dancelike.vision.landmarks import LandmarkModel

    monkeypatch.setenv(model_choice.ENV, "float")
    assert LandmarkModel().model.name == FLOAT
    assert LandmarkModel(model=INT8MIX).model.name == INT8MIX


def test_the_analysis_cache_key_names_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dancelike.store.analysis_cache import content_key

    video = tmp_path / "clip.bin"
    video.write_bytes(b"some video")
    monkeypatch.setenv(model_choice.ENV, "int8mix")
    int8 = content_key(video)
    monkeypatch.setenv(model_choice.ENV, "float")
    assert content_key(video) != int8 and content_key(video).startswith(int8)
