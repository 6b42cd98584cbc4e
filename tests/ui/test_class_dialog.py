"""The "Score a class…" dialog fills its table from a real batch (two short generated
performances and a broken file), Cancel keeps the rows done, a row opens its results, and the
table exports its CSV; the dance card's ⋯ menu opens it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dancelike.store.db import Store
from dancelike.store.records import Choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_performance
from dancelike.ui.class_dialog import ClassDialog, class_folder
from dancelike.ui.class_rows import NAME, PICTURE, PRACTISE, SCORE, STATUS
from dancelike.ui.library_view import LibraryView

WAIT_MS = 180_000  # the reference and every clip are analysed in worker processes: 2 busy cores
SCENE = Scene(width=320, height=240)


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 4 s reference, a good copy, a sloppy copy, and a file that is no video."""
    folder = tmp_path_factory.mktemp("class")
    made = {name: folder / f"{name}.mp4" for name in ("reference", "anna", "ben")}
    render_performance(made["reference"], "groove", scene=SCENE, duration=4.0, start=2.0)
    render_performance(made["anna"], "groove", Dancer(offset=0.05), scene=SCENE, duration=4.0, start=2.0)
    render_performance(made["ben"], "groove", Dancer(sloppiness=0.8, seed=3), scene=SCENE, duration=4.0, start=2.0)
    made["broken"] = folder / "broken.mp4"
    made["broken"].write_bytes(b"this is not a video")
    return made


def _dance(store: Store, clips: dict[str, Path]) -> Choreography:
    return store.add_choreography("Groove", clips["reference"], 4.0, 30.0, SCENE.width, SCENE.height, None)


def _texts(dialog: ClassDialog, column: int) -> list[str]:
    return dialog.table.texts(column)


def test_the_table_fills_in_row_by_row_and_a_broken_video_is_an_error_row(
    qtbot: QtBot,
    store: Store,
    clips: dict[str, Path],
    tmp_path: Path,
) -> None:
    dialog = ClassDialog(_dance(store, clips), out=tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.add_paths([clips["anna"], clips["broken"], clips["ben"]])
    assert _texts(dialog, STATUS) == ["Queued"] * 3 and dialog.start_button.text() == "Score 3 videos"
    seen_while_running: list[list[str]] = []
    dialog._relay.row.connect(lambda _row: seen_while_running.append(_texts(dialog, STATUS)))
    with qtbot.waitSignal(dialog.batch_finished, timeout=WAIT_MS) as blocker:
        dialog.start()
        assert not dialog.add_files_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert blocker.args == ["done"]
    # the first row to come back was shown while the others were still on their way
    assert len(seen_while_running) == 3 and any(s in ("Queued", "Scoring\u2026") for s in seen_while_running[0])
    # ranked: the good copy, the sloppy one, then the broken file with its error
    assert [name.split(" ")[0] for name in _texts(dialog, NAME)] == ["anna.mp4", "ben.mp4", "broken.mp4"]
    scores = [float(text) for text in _texts(dialog, SCORE)[:2]]
    assert scores[0] > scores[1] > 0 and _texts(dialog, SCORE)[2] == ""
    statuses = _texts(dialog, STATUS)
    assert statuses[:2] == ["Done", "Done"] and statuses[2].startswith("Error: ") and len(statuses[2]) > len("Error: ") + 5
    assert str(clips["broken"]) not in statuses[2]  # the row names the file; its error says what is wrong
    assert all(_texts(dialog, PRACTISE)[:2]) and _texts(dialog, PRACTISE)[2] == ""
    assert all(not dialog.table.item(row, PICTURE).data(Qt.ItemDataRole.DecorationRole).isNull() for row in (0, 1))  # type: ignore[union-attr]
    assert "2 scored" in dialog.status.text() and "broken.mp4" in dialog.status.text()
    assert not dialog.open_row(2)  # an error row has no results to open
    report = dialog.open_row(0)
    assert report is not None and report.summary.text() == dialog.rows[0].data["report"]["summary"]  # type: ignore[index]
    qtbot.addWidget(report)

    assert dialog.csv_button.isEnabled() and dialog.html_button.isEnabled()
    target = tmp_path / "exported" / "class.csv"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        dialog.export_to(dialog.output_folder() / "results.csv", target)
    assert exported.args == [str(target)]
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["performance"] for row in rows) == ["anna.mp4", "ben.mp4", "broken.mp4"]
    assert [row["error"] != "" for row in sorted(rows, key=lambda r: r["performance"])] == [False, False, True]


def test_cancel_stops_the_batch_and_keeps_the_rows_done(qtbot: QtBot, store: Store, clips: dict[str, Path], tmp_path: Path) -> None:
    copies = [tmp_path / f"student{n}.mp4" for n in range(1, 5)]
    for copy in copies:
        shutil.copyfile(clips["anna"], copy)
    dialog = ClassDialog(_dance(store, clips), out=tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.add_paths(copies)
    dialog._relay.row.connect(lambda _row: dialog.cancel())  # Cancel as soon as the first row is in
    with qtbot.waitSignal(dialog.batch_finished, timeout=WAIT_MS) as blocker:
        dialog.start()
    assert blocker.args == ["cancelled"]
    statuses = _texts(dialog, STATUS)
    done = statuses.count("Done")
    assert 1 <= done < 4 and statuses[done:] == ["Not scored (cancelled)"] * (4 - done)
    assert all(float(text) > 0 for text in _texts(dialog, SCORE)[:done])
    assert dialog.status.text().startswith("Cancelled: ")
    with (dialog.output_folder() / "results.csv").open(newline="") as handle:
        assert len([row for row in csv.DictReader(handle) if not row["error"]]) == done


def test_a_group_video_asks_for_every_dancer_and_the_folder_is_under_classes(
    qtbot: QtBot,
    store: Store,
    clips: dict[str, Path],
    data_home: Path,
) -> None:
    dialog = ClassDialog(_dance(store, clips))
    qtbot.addWidget(dialog)
    assert not dialog.every_dancer.isChecked() and not dialog.start_button.isEnabled()
    dialog.add_group(clips["anna"])
    assert dialog.every_dancer.isChecked() and dialog.rows[0].path == clips["anna"]
    assert dialog.output_folder().parent == data_home / "classes" and dialog.output_folder().name.startswith("Groove-")
    dialog.output_folder().mkdir()
    assert class_folder("Groove").name == dialog.output_folder().name + "-2"  # another class that day: a new folder


def test_the_card_menu_opens_the_class_dialog(qtbot: QtBot, store: Store, clips: dict[str, Path]) -> None:
    item = _dance(store, clips)
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.refresh()
    (action,) = [a for a in view.cards()[item.id]._menu().actions() if a.text() == "Score a class\u2026"]
    action.trigger()
    dialog = view.findChild(ClassDialog, "classDialog")
    assert dialog is not None and dialog.choreography.id == item.id and dialog.isVisible()
    action.trigger()  # a second time: the same dialog, raised
    assert len(view.findChildren(ClassDialog)) == 1
    dialog.reject()
