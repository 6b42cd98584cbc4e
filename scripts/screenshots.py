"""Screenshots of every screen of the app, as a newcomer sees it, for the README.

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--language zh_CN]

Runs the real app (real models, real sessions with the demo dancer as the camera, a real SQLite
file) in a temporary data folder, so nothing of the user's is touched: first launch (the demo
choreography is made), the library, two sessions (the demo dancer, then the sloppy one), the
results of the first with its replay, the second's (a dancer who loses the routine half-way) moves to practise with their advice and
Break It Down on the first of them, the history with the progress chart, settings with the
camera preview, the latency calibration (with the synthetic clapper), the dancer picker after
importing a rendered trio (``synth.group``), and two players dancing (the "pair" camera). Each
screen is grabbed from the window at 1280x800. Takes about three minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="dancelike-screens-")
    os.environ["DANCELIKE_HOME"] = home

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from dancelike.engine import SessionState
    from dancelike.i18n import LANGUAGES
    from dancelike.store.db import Store
    from dancelike.synth.cameras import register_synthetic_cameras
    from dancelike.synth.group import render_group_scene, trio_with_crossing
    from dancelike.ui import picture_text
    from dancelike.ui.calibration_dialog import CalibrationDialog
    from dancelike.ui.main_window import MainWindow
    from dancelike.ui.settings import AppSettings
    from dancelike.ui.theme import apply_theme
    from dancelike.ui.translation import install_translations

    SIZE = (1280, 800)


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float, what: str) -> None:
    """Run the event loop until ``done()`` (the app keeps working meanwhile)."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    wait_until(app, lambda: time.monotonic() > end, seconds + 1, "nothing")


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}", file=sys.stderr)


def dance(app: QApplication, window: MainWindow, choreography_id: int, seconds: float, out: Path | None, name: str = "dance") -> int:
    """Dance ``seconds`` with the current camera, grab the dance screen midway, stop, return the session id."""
    finished: list[int] = []
    window.dance.finished.connect(finished.append)
    window.start_dance(choreography_id)
    running = lambda: window.dance.bridge is not None and window.dance.bridge.state is SessionState.RUNNING  # noqa: E731
    wait_until(app, running, 90, "the session to start")
    settle(app, seconds)
    if out is not None:
        save(window, out, name)
    QTest.keyClick(window.dance, Qt.Key.Key_Escape)  # stop and score what was danced
    wait_until(app, lambda: bool(finished), 120, "the results")
    window.dance.finished.disconnect(finished.append)
    return finished[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--language", default="en", choices=sorted(LANGUAGES), help="the app's language (zh_CN: into OUT/zh_CN)")
    args = parser.parse_args()
    out = Path(args.out) / ("" if args.language == "en" else args.language)
    out.mkdir(parents=True, exist_ok=True)

    register_synthetic_cameras()  # "demo", "pair", "claps": a front end registers them
    app = QApplication(sys.argv[:1])
    install_translations(app, args.language)
    picture_text.install()
    apply_theme(app)
    settings = AppSettings(QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat))
    settings.camera = "demo"
    settings.overlays = {"parts", "ghost"}
    with Store() as store:
        window = MainWindow(store, settings)
        window.resize(*SIZE)
        window.show()
        started: list[bool] = []
        window.startup_finished.connect(lambda: started.append(True))
        window.run_startup()
        wait_until(app, lambda: bool(started) and store.demo() is not None and store.demo().analysed, 300, "the demo choreography")
        demo_id = store.demo().id

        first = dance(app, window, demo_id, 14.0, out)
        wait_until(app, lambda: window.results.record is not None and window.results.record.replay is not None, 300, "the replay")
        settle(app, 1.0)  # the player opens the file
        window.results.video.seek(5.0, play=True)
        wait_until(app, lambda: window.results.video.playing, 30, "the replay to play")
        settle(app, 2.0)
        save(window, out, "results")

        settings.camera = "demo:mistakes"  # loses the routine half-way: moves to practise
        dance(app, window, demo_id, 26.0, None)
        wait_until(app, lambda: bool(window.results.report), 60, "the sloppy dance's results")
        cards = window.results._cards
        # the snapshots are cut from the recording in a worker: seconds on a busy machine
        wait_until(app, lambda: all(card.picture.image is not None for card in cards), 120, "the snapshots")
        settle(app, 0.5)
        if cards:  # what to practise, with the advice, and Break It Down on the first one
            window.results.scroll_area.ensureWidgetVisible(cards[0], 0, 40)
            settle(app, 0.5)
            save(window, out, "results_advice")
            cards[0].practise_button.click()
            running = lambda: window.dance.bridge is not None and window.dance.bridge.state is SessionState.RUNNING  # noqa: E731
            wait_until(app, running, 90, "Break It Down to start")
            settle(app, 14.0)  # round the move at 0.5x, a take or two scored
            save(window, out, "breakdown")
            finished: list[int] = []
            window.dance.finished.connect(finished.append)
            QTest.keyClick(window.dance, Qt.Key.Key_Escape)
            wait_until(app, lambda: bool(finished), 120, "the practice's results")
        settle(app, 1.0)
        window.show_page("history")
        window.history.select_session(first)
        settle(app, 0.5)
        save(window, out, "history")

        window.show_page("library")
        settle(app, 0.5)
        save(window, out, "library")

        settings.camera = "demo"
        window.show_page("settings")
        settle(app, 3.0)  # the camera preview opens in a worker
        save(window, out, "settings")

        settings.camera = "claps"
        dialog = CalibrationDialog(settings, window)
        dialog.resize(960, 720)
        dialog.show()
        settle(app, 3.0)  # its camera preview opens in a worker first
        dialog.start()
        wait_until(app, lambda: dialog.running, 30, "the calibration to start")
        wait_until(app, lambda: not dialog.running, 120, "the calibration")
        settle(app, 0.5)
        save(dialog, out, "calibration")
        dialog.reject()

        trio = Path(home) / "Trio.mp4"
        render_group_scene(trio, trio_with_crossing(seconds=8.0, width=960, height=540))
        window.show_page("library")
        window.library.import_files([trio])
        picker = lambda: window.library.picker is not None and window.library.picker.isVisible()  # noqa: E731
        wait_until(app, picker, 300, "the dancer picker")
        settle(app, 1.0)
        save(window.library.picker, out, "picker")
        window.library.picker.accept()
        settle(app, 1.0)

        settings.camera, settings.players = "pair", 2
        dance(app, window, demo_id, 12.0, out, "players")
        settings.players = 1
        window.close()
        wait_until(app, lambda: not window.isVisible(), 30, "the window to close")
    return 0


if __name__ == "__main__":
    sys.exit(main())
