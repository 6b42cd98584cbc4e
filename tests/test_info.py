"""``dancelike info``: one screen for a bug report, and the same as JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_runner import run

from dancelike import i18n
from dancelike.commands import info
from dancelike.vision.model_files import MODEL_SHA256


@pytest.mark.slow
def test_info_shows_versions_cpu_models_folders_cameras_and_audio(data_home: Path) -> None:
    shown = run("info")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    for heading in ("DanceLike 0.1.0", "Python", "Qt", "LiteRT", "PyAV", "numpy", "OpenCV", "CPU", "Models", "Cameras", "Audio outputs"):
        assert heading in text, heading
    assert all(f"{name}" in text for name in MODEL_SHA256) and text.count("  ok") == len(MODEL_SHA256)
    assert f"cache         {data_home / 'cache'}" in text and f"log           {data_home / 'logs'}" in text
    assert len(text.splitlines()) <= 40  # one screen


@pytest.mark.slow
def test_info_as_json(data_home: Path) -> None:
    shown = run("info", "--json")
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert {m["name"]: m["sha256"] for m in found["models"]} == MODEL_SHA256
    assert found["folders"]["data"] == str(data_home) and found["folders"]["log"] == str(data_home / "logs")
    assert set(found["libraries"]) >= {"LiteRT", "PyAV", "numpy", "OpenCV", "PySide6"} and found["qt"][:1].isdigit()
    assert isinstance(found["cameras"], list) and isinstance(found["audio_outputs"], list)


def test_the_cpu_flags_come_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: Example CPU 9000\nflags\t\t: fpu sse4_2 avx avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n")
    found = info.cpu(cpuinfo)
    assert found["model"] == "Example CPU 9000" and found["avx2"] and not found["avx512"]
    assert found["flags"] == ["sse4_2", "avx", "fma", "avx2"]
    assert info.cpu(tmp_path / "absent")["flags"] == []


def test_an_altered_model_is_named(data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pose_detection.tflite").write_bytes(b"not a model")
    monkeypatch.setattr(info, "models_dir", lambda: tmp_path)
    status = {m["name"]: m["status"] for m in info.models()}
    assert status["pose_detection.tflite"] == "altered" and status["selfie_segmentation.tflite"] == "missing"
    assert "none found" in info.render({**info.gather(), "cameras": [], "audio_outputs": []})


def test_info_says_when_no_font_draws_the_language_spoken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fc-list").write_text("#!/bin/sh\nexit 0\n")  # fontconfig knows no font for any language
    (tmp_path / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(i18n, "language", lambda: "zh_CN")
    spoken = info.language()
    assert "fonts-noto-cjk" in spoken["font_missing"]
    cpu = {"model": "Example CPU", "cores": 2, "flags": ["avx2"], "avx2": True, "avx512": False}
    shown = info.render(
        {
            "dancelike": "0",
            "python": "3",
            "platform": "Linux",
            "qt": "6",
            "libraries": {},
            "language": spoken,
            "cpu": cpu,
            "models": [],
            "folders": {},
            "cameras": [],
            "audio_outputs": [],
        }
    )
    assert "no font for Chinese" in shown and "sudo apt-get install -y fonts-noto-cjk" in shown
    monkeypatch.setattr(i18n, "language", lambda: "en")
    assert "font_missing" not in info.language()
