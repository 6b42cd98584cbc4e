"""The log and the crash report: what a user can attach to a bug report."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from cli_runner import run

from dancelike import logs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def no_handlers_left() -> Iterator[None]:
    yield
    logs.close()


def test_the_log_is_a_file_in_the_log_folder_and_warnings_reach_stderr(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = logs.setup()
    assert path == data_home / "logs" / logs.LOG_NAME and logs.log_file() == path
    log = logging.getLogger("dancelike.test")
    log.info("a quiet line")
    log.warning("a loud line")
    log.error("already said", extra={"stderr": False})
    assert capsys.readouterr().err == "dancelike: WARNING: a loud line\n"
    text = "\n".join(logs.last_lines())
    assert "INFO    dancelike.test [MainThread] a quiet line" in text and "a loud line" in text and "already said" in text


def test_setup_again_follows_another_home_and_keeps_one_handler_each(data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logs.setup()
    monkeypatch.setenv("DANCELIKE_HOME", str(tmp_path / "other"))
    assert logs.setup(stderr=False) == tmp_path / "other" / "logs" / logs.LOG_NAME
    assert len(logging.getLogger("dancelike").handlers) == 1


def test_a_crash_report_has_the_versions_the_traceback_and_the_last_log_lines(data_home: Path) -> None:
    logs.setup(stderr=False)
    logging.getLogger("dancelike.test").info("the user pressed Start")
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        kind, exc, tb = sys.exc_info()
    assert kind is not None and exc is not None
    report = logs.crash_report(kind, exc, tb)
    assert report.parent == data_home / "logs" and report.name.startswith("crash-")
    text = report.read_text()
    assert "Python: " in text and "numpy: " in text and "PySide6: " in text
    assert "ZeroDivisionError: boom" in text and "the user pressed Start" in text


@pytest.mark.slow
def test_the_command_line_logs_its_run_and_its_failure(data_home: Path, tmp_path: Path) -> None:
    result = run("score", tmp_path / "missing.mp4", tmp_path / "missing2.mp4")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1  # still one line
    text = (data_home / "logs" / logs.LOG_NAME).read_text()
    assert "dancelike.cli" in text and "score" in text and "failed:" in text


def test_the_app_s_crash_handler_prints_where_the_report_is_when_headless(
    data_home: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dancelike.ui import app

    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(app, "_crash_hooks", [])
    app.install_crash_handler()
    app.install_crash_handler()  # once
    _raise_into(sys.excepthook)
    err = capsys.readouterr().err
    assert err.count("crash report: ") == 1
    report = Path(err.split("crash report: ")[1].strip())
    assert report.parent == data_home / "logs" and "ValueError: no such step" in report.read_text()


def test_the_app_s_crash_dialog_offers_to_open_the_folder(data_home: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from dancelike.ui import app, messages

    asked: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(app, "_crash_hooks", [])
    monkeypatch.setattr(app, "can_show_windows", lambda: True)
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, ok_text="OK", details="": asked.append(text) or True)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    app.install_crash_handler()
    _raise_into(sys.excepthook)
    assert len(asked) == 1 and str(data_home / "logs" / "crash-") in asked[0]
    assert opened == [str(data_home / "logs")]


def _raise_into(hook: object) -> None:
    try:
        raise ValueError("no such step")
    except ValueError:
        kind, exc, tb = sys.exc_info()
    assert callable(hook)
    hook(kind, exc, tb)


@pytest.mark.slow
def test_an_exception_in_a_qt_slot_reaches_the_crash_handler(tmp_path: Path) -> None:
    code = (
        "from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication; from dancelike.ui import app; "
        "qt = QApplication([]); app.install_crash_handler(); QTimer.singleShot(0, lambda: 1 / 0); "
        "QTimer.singleShot(200, qt.quit); raise SystemExit(qt.exec())"
    )
    env = {**os.environ, "DANCELIKE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr
    reports = list((tmp_path / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and "ZeroDivisionError" in reports[0].read_text() and str(reports[0]) in done.stderr


def test_a_log_that_cannot_be_opened_means_no_file_log_not_an_error(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_home / "logs" / logs.LOG_NAME).mkdir(parents=True)  # a folder where the file should be
    assert logs.setup() is None and logs.log_file() is None
    logging.getLogger("dancelike.test").info("nowhere to go")
    assert capsys.readouterr().err == ""
