"""How smooth the dance screen is with real-world sizes: a 1080p60 reference and a 720p camera.

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/gui_smoothness.py [--seconds 20] [--shot out/hd-dance.png]

Runs the real app in a temporary data folder: imports the ``bench live --hd`` reference into the
library (so it is analysed and cached, as any imported dance), dances it with the 720p camera
file, and measures on the GUI thread: display ticks a second, reference and camera pictures
shown a second, and the longest stall of the event loop. Grabs the dance screen midway.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    USER_HOME = os.environ.get("DANCELIKE_HOME")  # where the bench videos are kept
    os.environ["DANCELIKE_HOME"] = tempfile.mkdtemp(prefix="dancelike-hd-gui-")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from dancelike.commands.bench_live import HD, bench_videos
from dancelike.engine import SessionState
from dancelike.services.library import import_video
from dancelike.store.db import Store
from dancelike.synth.cameras import register_synthetic_cameras
from dancelike.ui.main_window import MainWindow
from dancelike.ui.settings import AppSettings
from dancelike.ui.theme import apply_theme


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to dance (default 20)")
    parser.add_argument("--shot", default="out/hd-dance.png", help="where to save the dance screen")
    args = parser.parse_args()
    register_synthetic_cameras()
    app_home = os.environ.pop("DANCELIKE_HOME")
    if USER_HOME:
        os.environ["DANCELIKE_HOME"] = USER_HOME
    reference, camera = bench_videos(max(30.0, args.seconds + 5), sys.stderr, HD)  # rendered once, in the user's data folder
    os.environ["DANCELIKE_HOME"] = app_home
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    settings = AppSettings(QSettings(str(Path(os.environ["DANCELIKE_HOME"]) / "settings.ini"), QSettings.Format.IniFormat))
    settings.camera = str(camera)
    settings.overlays = {"parts", "ghost"}
    with Store() as store:
        print("importing the HD reference (analysed and cached, as any import)...", file=sys.stderr)
        choreography = import_video(store, reference, title="HD reference")
        window = MainWindow(store, settings)
        window.resize(1280, 800)
        window.show()
        view = window.dance
        ticks: list[float] = []
        shown = {"reference": 0, "camera": 0}
        last = {"reference": None, "camera": None}
        tick = view._tick

        def counted_tick() -> None:
            ticks.append(time.perf_counter())
            tick()
            for name in shown:
                picture = getattr(view.stage, name)
                if picture is not None and picture is not last[name]:
                    shown[name] += 1
                    last[name] = picture

        view._display.timeout.disconnect()
        view._display.timeout.connect(counted_tick)
        window.start_dance(choreography.id)
        deadline = time.monotonic() + 120
        while not (view.bridge is not None and view.bridge.state is SessionState.RUNNING and view.phase == "dancing"):
            if time.monotonic() > deadline:
                raise SystemExit("gui_smoothness: the session did not start")
            app.processEvents()
            time.sleep(0.005)
        ticks.clear()
        shown.update(reference=0, camera=0)
        started = time.perf_counter()
        shot = False
        while time.perf_counter() - started < args.seconds:
            app.processEvents()
            if not shot and time.perf_counter() - started > args.seconds / 2:
                Path(args.shot).parent.mkdir(parents=True, exist_ok=True)
                window.grab().save(args.shot)
                shot = True
            time.sleep(0.002)
        elapsed = time.perf_counter() - started
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        stats = view.bridge.session.status() if view.bridge else None
        print(
            f"display ticks {len(ticks) / elapsed:.1f}/s; pictures shown: reference {shown['reference'] / elapsed:.1f}/s, "
            f"camera {shown['camera'] / elapsed:.1f}/s; longest gap between ticks {1000 * max(gaps):.0f} ms; "
            f"scored pairs {stats.pairs if stats else 0}; screenshot {args.shot}"
        )
        view.stop()
        deadline = time.monotonic() + 120
        while view.phase not in ("done", "message", "idle"):
            if time.monotonic() > deadline:
                break
            app.processEvents()
            time.sleep(0.01)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
