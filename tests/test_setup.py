"""Installation checks: system-library detection, model integrity, models and assets inside the wheel."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dancelike import syscheck
from dancelike.errors import SetupError
from dancelike.vision import model_files

REPO = Path(__file__).resolve().parent.parent
#: How long building the wheel may take (pip, setuptools, the translations compiled) on a busy machine.
BUILD_S = 300


# --- system libraries -------------------------------------------------------------------


def test_missing_system_libraries_names_known_packages() -> None:
    missing = syscheck.missing_system_libraries()
    assert isinstance(missing, list)
    assert all(pkg in syscheck.QT_SYSTEM_LIBRARIES for pkg in missing)


def test_install_hint_is_the_exact_apt_get_line() -> None:
    assert syscheck.install_hint(["libpulse0", "libegl1"]) == "sudo apt-get install -y libpulse0 libegl1"


def test_required_qt_packages_are_checked() -> None:
    for pkg in ("libpulse0", "libegl1", "libxkbcommon0", "libgl1", "libxcb-cursor0", "libxkbcommon-x11-0"):
        assert pkg in syscheck.QT_SYSTEM_LIBRARIES


def test_unloadable_library_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syscheck, "QT_SYSTEM_LIBRARIES", {"libnothere0": ("libdancelike-nothere.so.0",)})
    monkeypatch.setattr(syscheck.sys, "platform", "linux")
    assert syscheck.missing_system_libraries() == ["libnothere0"]


def test_non_linux_needs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syscheck.sys, "platform", "darwin")
    assert syscheck.missing_system_libraries() == []


def _fake_apt(folder: Path) -> Path:
    """An ``apt-get`` that only writes down how it was called (and "installs" nothing)."""
    log = folder / "apt.log"
    script = folder / "apt-get"
    script.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    script.chmod(0o755)
    return log


def test_syscheck_install_runs_apt_get_for_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    log = _fake_apt(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(syscheck, "QT_SYSTEM_LIBRARIES", {"libnothere0": ("libdancelike-nothere.so.0",)})
    monkeypatch.setattr(syscheck.sys, "platform", "linux")
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 0)  # root: no sudo
    assert syscheck.main(["--install"]) == 1  # the fake installed nothing: still missing, and said so
    calls = log.read_text().splitlines()
    assert calls[0] == "update -qq" and calls[1].startswith("install -y") and calls[1].endswith("libnothere0")
    err = capsys.readouterr().err
    assert "installing the system libraries Qt needs (libnothere0)" in err and "sudo apt-get install -y libnothere0" in err


def test_syscheck_install_uses_sudo_when_not_root_and_names_the_command_without_apt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_apt(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # apt-get, but no sudo
    monkeypatch.setattr(syscheck.os, "geteuid", lambda: 1000)
    assert syscheck.apt_command(["libx"]) is None  # not root and no sudo: only the hint is left
    sudo = tmp_path / "sudo"
    sudo.write_text('#!/bin/sh\nexec "$@"\n')
    sudo.chmod(0o755)
    commands = syscheck.apt_command(["libx"])
    assert commands is not None and commands[-1][:2] == ["sudo", "apt-get"] and commands[-1][-1] == "libx"
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert syscheck.apt_command(["libx"]) is None  # not Debian: no apt-get


def test_syscheck_command_agrees_with_the_api() -> None:
    result = subprocess.run([sys.executable, "-m", "dancelike.syscheck"], capture_output=True, text=True, timeout=60, check=False)
    missing = syscheck.missing_system_libraries()
    if missing:
        assert result.returncode == 1
        assert syscheck.install_hint(missing) in result.stderr
    else:
        assert result.returncode == 0
        assert result.stdout.strip() == "system libraries: ok"


# --- model integrity --------------------------------------------------------------------


@pytest.fixture
def fresh_model_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget which model files were already verified in this process."""
    monkeypatch.setattr(model_files, "_verified", {})


@pytest.mark.usefixtures("fresh_model_cache")
@pytest.mark.parametrize("name", sorted(model_files.MODEL_SHA256))
def test_bundled_model_matches_its_sha256(name: str) -> None:
    path = model_files.model_path(name)
    assert model_files.sha256_of(path) == model_files.MODEL_SHA256[name]


@pytest.mark.usefixtures("fresh_model_cache")
def test_altered_and_missing_models_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = model_files.models_dir() / "pose_detection.tflite"
    altered = tmp_path / "pose_detection.tflite"
    data = bytearray(original.read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered.write_bytes(bytes(data))
    monkeypatch.setattr(model_files, "models_dir", lambda: tmp_path)

    with pytest.raises(SetupError) as altered_err:
        model_files.model_path("pose_detection.tflite")
    assert "pose_detection.tflite" in str(altered_err.value)
    assert "fetch_models" in str(altered_err.value)

    with pytest.raises(SetupError) as missing_err:
        model_files.model_path("pose_landmark_full.tflite")
    assert "pose_landmark_full.tflite" in str(missing_err.value)
    assert "fetch_models" in str(missing_err.value)


# --- packaging (~10 s: builds a wheel) ---------------------------------------------------


def _can_build_offline() -> bool:
    """True when this interpreter has the build backend pyproject.toml asks for.

    `make setup` installs setuptools>=68 and wheel into .venv, so the wheel builds without
    the network; elsewhere pip fetches them into an isolated build environment.
    """
    try:
        installed = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return False
    version = tuple(int(part) for part in re.findall(r"\d+", installed)[:2])
    if version < (68, 0):
        return False
    return version >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.timeout(BUILD_S + 60)
def test_wheel_carries_every_module_the_models_and_assets(tmp_path: Path) -> None:
    # Build from a copy so the build/ and *.egg-info folders never land in the working tree.
    src = tmp_path / "src"
    shutil.copytree(
        REPO,
        src,
        ignore=shutil.ignore_patterns(".venv", ".git", ".cache", "out", "build", "dist", "*.egg-info", "__pycache__"),
    )
    wheel_dir = tmp_path / "wheels"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(src)]
    if _can_build_offline():
        cmd.insert(5, "--no-build-isolation")
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_S, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = wheel_dir.glob("dancelike-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(path.relative_to(REPO)) for path in (REPO / "dancelike").rglob("*.py")}
    assert not modules - names, f"left out of the wheel (pyproject.toml packages): {sorted(modules - names)}"
    assert "dancelike-0.1.0.dist-info/licenses/LICENSE" in names  # the project's and the models' licence (Apache-2.0)
    for model in model_files.MODEL_SHA256:
        assert f"dancelike/models/{model}" in names
    for asset in ("dancelike.svg", "dancelike.desktop", "combo-arrow.svg", *(f"dancelike-{n}.png" for n in (16, 32, 48, 64, 128, 256))):
        assert f"dancelike/assets/{asset}" in names
    # the translations: compiled at build time (setup.py), and the sources the command line reads
    assert "dancelike/locale/dancelike_zh_CN.qm" in names
    assert {f"dancelike/locale/{path.name}" for path in (REPO / "dancelike" / "locale").glob("*.ts")} <= names


@pytest.mark.usefixtures("fresh_model_cache")
def test_a_model_altered_after_it_was_checked_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same size, other bytes: a file edited after its first check is checked again."""
    copy = tmp_path / "pose_detection.tflite"
    copy.write_bytes((model_files.models_dir() / "pose_detection.tflite").read_bytes())
    monkeypatch.setattr(model_files, "models_dir", lambda: tmp_path)
    assert model_files.model_path("pose_detection.tflite") == copy
    data = bytearray(copy.read_bytes())
    data[len(data) // 3] ^= 0x55
    copy.write_bytes(bytes(data))  # same size
    with pytest.raises(SetupError, match="model file altered"):
        model_files.model_path("pose_detection.tflite")


def _fake_fc_list(folder: Path, families: str) -> None:
    """An ``fc-list`` that lists ``families`` whatever it is asked (nothing: no font has it)."""
    script = folder / "fc-list"
    script.write_text(f"#!/bin/sh\nprintf '%s' '{families}'\n")
    script.chmod(0o755)


def test_a_language_no_font_can_draw_is_named_with_its_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Debian without a Chinese font showed every Chinese word as an empty box, and said nothing.
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(syscheck.sys, "platform", "linux")
    _fake_fc_list(tmp_path, "")
    assert syscheck.missing_language_font("zh_CN") == "fonts-noto-cjk"
    warning = syscheck.missing_font_warning("zh_CN")
    assert warning is not None and "no font for Chinese" in warning and "sudo apt-get install -y fonts-noto-cjk" in warning
    assert syscheck.missing_language_font("en") is None and syscheck.missing_font_warning("en") is None
    _fake_fc_list(tmp_path, "Noto Sans CJK SC\n")
    assert syscheck.missing_language_font("zh_CN") is None and syscheck.missing_font_warning("zh_CN") is None
