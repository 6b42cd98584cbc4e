"""``run_batch`` as a teacher sees its folder: the reference analysed once, a class page that
parses and holds every row (escaped), resume that keeps rows without scoring them again, a
stopped batch that leaves a valid CSV, and one row per dancer of a group video."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from batch_clips import render_class, render_pair_scene

from dancelike.errors import InputError
from dancelike.pipeline.batch_job import ReferenceBundle
from dancelike.services.batch.engines import LocalEngine
from dancelike.services.batch.outputs import COLUMNS
from dancelike.services.batch.runner import expand_inputs, run_batch
from dancelike.synth.group import good_and_sloppy, render_group_scene

pytestmark = pytest.mark.slow


class CountingEngine(LocalEngine):
    """The local engine, noting which clips it was given (what was scored, not kept)."""

    def __init__(self) -> None:
        super().__init__(2)
        self.given: list[Path] = []
        self.stop_after: int | None = None

    def map_clips(self, bundle: ReferenceBundle, clips: list[Path], every_dancer: bool) -> Iterator[tuple[Path, list[dict] | BaseException]]:
        self.given.extend(clips)
        for count, item in enumerate(super().map_clips(bundle, clips, every_dancer), start=1):
            yield item
            if self.stop_after is not None and count >= self.stop_after:
                raise KeyboardInterrupt  # Ctrl-C while the next clip is analysed


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("class")
    out = render_class(folder)
    odd = folder / 'a <b>"odd"<i> & name.mp4'  # a file name that would break an unescaped page
    shutil.copy(out["late"], odd)
    out["odd"] = odd
    return out


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingEngine]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DANCELIKE_HOME", str(tmp_path_factory.mktemp("home")))
        counting = CountingEngine()
        assert counting.pool  # started here: its threads belong to the fixture, not to a test
        try:
            yield counting
        finally:
            counting.close()


class Page(HTMLParser):
    """The class page's table body: its rows' cell texts, pictures and links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.scripts_from: list[str] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "img":
            self.images.append(found.get("src") or "")
        elif tag == "a":
            self.links.append(found.get("href") or "")
        elif tag in {"script", "link"} and (found.get("src") or found.get("href")):
            self.scripts_from.append(found.get("src") or found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._in_body and self.rows and data.strip():
            self.rows[-1].append(data.strip())


def read_csv(out: Path) -> list[dict[str, Any]]:
    with open(out / "results.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_class_page_holds_every_row_escaped_and_resume_does_not_score_again(clips: dict[str, Path], engine: CountingEngine, tmp_path: Path) -> None:
    out = tmp_path / "results"
    first = run_batch(clips["reference"], [clips["late"], clips["odd"], tmp_path / "gone.mp4"], out, engine=engine)
    assert first.reference_analyses == 1
    assert first.scored == 2 and first.failed == ["gone.mp4"]
    page = Page()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert len(page.rows) == 3 and not page.scripts_from, "every row, nothing fetched"
    texts = [" ".join(row) for row in page.rows]
    assert any('a <b>"odd"<i> & name.mp4' in text for text in texts), "the name shown as it is, not as markup"
    assert "gone.mp4" in texts[-1] and "no such file" in texts[-1], "a failed row is last, with its error"
    assert len(page.images) == 2 and all(src.startswith("data:image/jpeg;base64,") for src in page.images)
    assert len(page.links) == 2 and all((out / link).is_file() for link in page.links)

    engine.given.clear()
    second = run_batch(clips["reference"], [clips["late"], clips["odd"], clips["other"]], out, engine=engine, resume=True)
    assert engine.given == [clips["other"]], "kept rows are not scored again"
    assert second.kept == 2 and second.reference_analyses == 1
    rows = read_csv(out)
    assert {row["performance"] for row in rows} == {"late.mp4", clips["odd"].name, "other.mp4"}, "the missing file, not named again, is gone"
    assert tuple(read_csv(out)[0]) == COLUMNS
    assert float(rows[0]["score"]) >= float(rows[-1]["score"]), "ranked, best first"


def test_a_stopped_batch_leaves_a_valid_csv_of_what_was_done(clips: dict[str, Path], engine: CountingEngine, tmp_path: Path) -> None:
    out = tmp_path / "stopped"
    engine.stop_after = 1
    try:
        with pytest.raises(KeyboardInterrupt):
            run_batch(clips["reference"], [clips["late"], clips["sloppy"], clips["other"]], out, engine=engine)
    finally:
        engine.stop_after = None
        if engine._thread is not None:  # the clip being analysed when it stopped is given up
            engine._thread.join()
    rows = read_csv(out)
    # the workers take a clip each: whichever finished first is the one row kept
    assert len(rows) == 1 and rows[0]["performance"] in ("late.mp4", "sloppy.mp4") and rows[0]["score"]
    assert (out / "index.html").is_file()
    assert not list(out.rglob(".*.part*")), "no half-written file left"


def test_every_dancer_of_a_group_video_is_a_row_numbered_from_the_left(engine: CountingEngine, tmp_path: Path) -> None:
    scene = good_and_sloppy(seconds=4.0, width=640, height=360)
    reference = tmp_path / "alone.mp4"
    render_group_scene(reference, scene, only=0)  # the accurate dancer on her own
    pair = render_pair_scene(tmp_path / "pair.mp4")
    result = run_batch(reference, [pair], tmp_path / "out", engine=engine, every_dancer=True)
    assert [(row["performance"], row["dancer"]) for row in sorted(result.rows, key=lambda r: r["dancer"])] == [("pair.mp4", 1), ("pair.mp4", 2)]
    by_dancer = {row["dancer"]: row["score"] for row in result.rows}
    assert by_dancer[1] > by_dancer[2] + 5, by_dancer  # the accurate one is on the left
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == ["001-pair-d1.json", "001-pair-d2.json"]


def test_inputs_from_folders_and_patterns(tmp_path: Path) -> None:
    for name in ("b.mp4", "a.MOV", "notes.txt", ".hidden.mp4"):
        (tmp_path / name).write_bytes(b"x")
    assert expand_inputs([tmp_path]) == [tmp_path / "a.MOV", tmp_path / "b.mp4"]
    assert expand_inputs([str(tmp_path / "*.mp4"), tmp_path / "b.mp4"]) == [tmp_path / "b.mp4"]
    assert expand_inputs([tmp_path / "missing.mp4"]) == [tmp_path / "missing.mp4"]  # an error row later
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.mkv")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no videos"):
        expand_inputs([tmp_path / "empty"])


def test_the_reference_in_the_class_folder_is_not_scored_as_a_performance(clips: dict[str, Path], engine: CountingEngine, tmp_path: Path) -> None:
    # a teacher's folder holds the dance too: it is the reference, not one of the class
    result = run_batch(clips["reference"], [clips["reference"], clips["late"]], tmp_path / "out", engine=engine)
    assert [row["performance"] for row in read_csv(tmp_path / "out")] == ["late.mp4"] and not result.failed
    with pytest.raises(InputError, match="reference itself"):
        run_batch(clips["reference"], [clips["reference"]], tmp_path / "only", engine=engine)
