"""The services: a session's result saved, crash recovery, library imports, the demo choreography.

Real SQLite files in temporary data folders (``DANCELIKE_HOME``), real short videos made
with the synthetic dancer, real analysis. Videos are 2-3 s so the file runs in about a
minute on two shared cores.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from store_helpers import add, cut_last_fragment

from dancelike.commands.demo import DEMO_VIDEOS
from dancelike.engine.result import EndReason, SessionResult
from dancelike.errors import InputError
from dancelike.media.camera import CapturedFrame
from dancelike.media.clock import FrameQueue
from dancelike.media.recorder import Recorder, RecorderState
from dancelike.media.video import VideoReader
from dancelike.media.writer import write_png
from dancelike.pipeline.score_files import score_videos
from dancelike.scoring.report import Report
from dancelike.services import demo, library
from dancelike.services.library import ImportCancelled, import_video
from dancelike.services.sessions import recover_orphans, save_result
from dancelike.store import analysis_cache
from dancelike.store.db import Store
from dancelike.synth.choreography import choreography
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import Scene, render_frames, render_performance


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Short synthetic videos, made once: the pro (reference) and a longer one for cancelling."""
    folder = tmp_path_factory.mktemp("clips")
    pro = folder / "pro_groove_clip.mp4"
    render_performance(pro, "groove", Dancer(), Scene(person=0, room=0), duration=2.5, start=4.0)
    long = folder / "long.mp4"
    render_performance(long, "groove", Dancer(), Scene(person=0, room=0), duration=8.0, music=False)
    return {"pro": pro, "long": long}


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (Linux; a finished one waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def leftovers(store: Store) -> list[str]:
    """Everything in the library folder (nothing, after a failed or cancelled import)."""
    library_folder = store.root / "choreographies"
    return sorted(p.name for p in library_folder.iterdir()) if library_folder.is_dir() else []


# --- sessions: a result saved ------------------------------------------------------------


def _report(score: float = 77.0) -> Report:
    return Report(
        score=score,
        grade="B",
        shape=80.0,
        timing=70.0,
        mirrored=False,
        timing_offset_ms=120.0,
        tempo_ratio=1.0,
        parts={"arms": 70.0, "legs": 84.0},
        timeline=[],
        moves=[],
        weakest=[],
        warnings=[],
        summary="ok",
        frame_scores=np.zeros(3),
        group_scores=np.zeros((3, 6)),
        matched_frames=np.zeros(3, np.int64),
    )


@pytest.mark.parametrize(
    ("end", "reason", "error", "report", "status", "message"),
    [
        (EndReason.ENDED, "the dance ended", None, True, "done", ""),
        (EndReason.STOPPED, "stopped", None, True, "stopped", ""),
        (EndReason.CAMERA_LOST, "camera lost: unplugged", None, True, "stopped", "camera lost: unplugged"),
        (EndReason.CANCELLED, "cancelled", None, False, "cancelled", ""),
        (EndReason.FAILED, "", InputError("camera 0: cannot open"), False, "failed", "camera 0: cannot open"),
    ],
)
def test_save_result_writes_the_report_and_completes_the_row(
    store: Store, end: EndReason, reason: str, error: InputError | None, report: bool, status: str, message: str
) -> None:
    clip = add(store)
    record = store.begin_session(clip.id, {})
    result = SessionResult(
        _report() if report else None,
        None,
        {"running_s": 31.5, "pairs": np.int64(900)},
        error,
        reason,
        [],
        np.array([0, 2, 3]),
        end,
    )
    saved = save_result(store, record, result)
    assert (saved.status, saved.message, saved.duration) == (status, message, 31.5)
    if report:
        assert saved.score == 77.0 and saved.grade == "B" and saved.parts == {"arms": 70.0, "legs": 84.0}
        assert saved.report is not None
        document = json.loads(saved.report.read_text())
        assert document["score"] == 77.0 and document["performance_frames"] == [0, 2, 3]
        assert document["reference"] == str(clip.video) and document["reason"] == reason
        assert document["stats"]["pairs"] == 900
    else:
        assert saved.score is None and saved.report is None and saved.parts == {}


# --- recovery ----------------------------------------------------------------------------


def _record(path: Path, seconds: float = 2.5) -> None:
    """A real fragmented recording: another dancer doing the same moves, a little late."""
    dance = choreography("groove")
    frames = render_frames(dance, Dancer(offset=0.1, seed=1), Scene(person=2, room=1), seconds, start=4.0)
    source: FrameQueue[CapturedFrame] = FrameQueue(200)
    for k, (rgb, _) in enumerate(frames):
        source.put(CapturedFrame(k, 10.0 + k / 30, rgb))
    source.close()
    recorder = Recorder(path, source, 640, 480, keyframe_seconds=0.5)
    assert recorder.start() and recorder.join(30) and recorder.state is RecorderState.DONE


def test_recover_orphans_scores_a_crashed_session_and_fails_the_unplayable(store: Store, clips: dict[str, Path]) -> None:
    ref_video = store.root / "ref" / "video.mp4"
    ref_video.parent.mkdir()
    shutil.copy(clips["pro"], ref_video)
    clip = store.add_choreography("Pro", ref_video, 2.5, 30.0, 640, 480, None)
    crashed = store.begin_session(clip.id, {"mirror": "off"})
    _record(crashed.folder / "recording.mp4")
    cut_last_fragment(crashed.folder / "recording.mp4")
    with pytest.raises(InputError), VideoReader(crashed.folder / "recording.mp4") as reader:
        list(reader)  # as the crash left it, the recording cannot be read to the end
    nothing = store.begin_session(clip.id, {})  # died before the camera started
    corrupt = store.begin_session(clip.id, {})
    (corrupt.folder / "recording.mp4").write_bytes(b"\x00\x00\x00\x18ftypisom" + b"garbage" * 50)
    store.close()

    with Store() as relaunched:  # the next launch
        assert [o.id for o in relaunched.orphans()] == [crashed.id, nothing.id, corrupt.id]
        progress: list[float] = []
        finished = recover_orphans(relaunched, progress.append)
        assert [r.id for r in finished] == [crashed.id, nothing.id, corrupt.id]
        assert progress[-1] == 1.0 and progress == sorted(progress) and len(progress) > 4
        assert not relaunched.orphans()
        recovered = relaunched.session(crashed.id)
        assert recovered is not None and recovered.status == "recovered"
        assert recovered.score is not None and recovered.score > 40 and recovered.grade and recovered.parts
        assert recovered.recording is not None and recovered.report is not None and recovered.ended_at is not None
        assert 1.5 < (recovered.duration or 0) < 2.6  # the cut fragment is gone, the rest was scored
        document = json.loads(recovered.report.read_text())
        assert document["recovered"] and document["score"] == pytest.approx(recovered.score, abs=0.05)
        assert document["performance_frames"][:3] == [0, 1, 2]
        for record, words in ((nothing, "before anything was recorded"), (corrupt, "cannot be played")):
            failed = relaunched.session(record.id)
            assert failed is not None and failed.status == "failed" and words in failed.message
            assert "\n" not in failed.message and failed.score is None and failed.folder.is_dir()
        assert (corrupt.folder / "recording.mp4").is_file()  # kept, never deleted
        assert relaunched.choreography(clip.id).best_score == recovered.score  # type: ignore[union-attr]
        assert recover_orphans(relaunched) == []


# --- library -----------------------------------------------------------------------------


def test_import_video_copies_thumbnails_and_analyses(store: Store, clips: dict[str, Path]) -> None:
    progress: list[float] = []
    imported = import_video(store, clips["pro"], on_progress=progress.append, cancel=threading.Event())
    assert imported.title == "pro groove clip" and imported.analysed and not imported.is_demo
    assert imported.video == store.choreography_folder(imported.id) / "video.mp4"
    assert imported.video.read_bytes() == clips["pro"].read_bytes()
    assert imported.thumbnail is not None and imported.thumbnail.parent == imported.video.parent
    thumbnail = cv2.imread(str(imported.thumbnail))
    assert thumbnail is not None and thumbnail.shape == (240, 320, 3)
    assert (imported.duration, imported.fps, imported.width, imported.height) == (pytest.approx(2.5, abs=0.05), 30.0, 640, 480)
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress)
    assert len({round(p, 3) for p in progress if 0.1 < p < 1.0}) >= 3  # the analysis reports as it goes
    assert leftovers(store) == [str(imported.id)]  # no staging folder left
    assert analysis_cache.load(analysis_cache.content_key(imported.video)) is not None
    scored = score_videos(str(imported.video), str(clips["pro"]), mirror="off")
    assert scored.reference_cached and scored.report.score > 80
    again = import_video(store, clips["pro"], title="My  routine")  # the same file again: the same dance, no second copy
    assert again.id == imported.id and len(store.choreographies()) == 1 and leftovers(store) == [str(imported.id)]


def test_import_refuses_what_is_not_a_video_and_leaves_nothing(store: Store, tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("a shopping list, not a dance\n" * 20)
    image = tmp_path / "photo.png"
    render_performance(tmp_path / "tiny.mp4", "groove", duration=0.3, music=False)
    with VideoReader(tmp_path / "tiny.mp4") as reader:
        frame = next(iter(reader)).rgb
    write_png(image, frame)
    for path, words in (
        (text, "not a video file"),
        (image, "is an image"),
        (tmp_path / "missing.mp4", "no such file"),
        (tmp_path / "tiny.mp4", "too short"),
    ):
        with pytest.raises(InputError, match=words) as caught:
            import_video(store, path)
        assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))
    assert store.choreographies() == [] and leftovers(store) == []


def test_cancel_stops_the_analysis_promptly_and_leaves_nothing(store: Store, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Promptly: the workers are stopped mid-analysis, not waited for, and nothing is reported after
    the cancel (how long that takes is the machine's business, not this test's)."""
    cancel = threading.Event()
    with pytest.raises(ImportCancelled):  # cancelled before it began
        cancel.set()
        import_video(store, clips["long"], cancel=cancel)
    cancel.clear()
    seen: list[int] = []
    after: list[float] = []
    analysing: list[list[int]] = []  # the workers still running when the import stopped them

    def progress(fraction: float) -> None:
        if cancel.is_set():
            after.append(fraction)
        elif fraction > library.COPY_SHARE + 0.05:
            seen.extend(c.id for c in store.choreographies())  # the row exists while analysing
            cancel.set()

    def terminate(pool: library.AnalysisPool, stop: Callable[[library.AnalysisPool], None] = library.terminate) -> None:
        analysing.append([pid for pid in pool.pids if _running(pid)])
        stop(pool)

    monkeypatch.setattr(library, "terminate", terminate)
    with pytest.raises(ImportCancelled):
        import_video(store, clips["long"], on_progress=progress, cancel=cancel)
    assert after == [], "progress went on after the cancel"
    assert len(analysing) == 1 and analysing[0], "the workers were still analysing when cancelled"
    assert not [pid for pid in analysing[0] if _running(pid)], "a worker outlived the cancelled import"
    assert len(seen) == 1 and store.choreography(seen[0]) is None
    assert store.choreographies() == [] and leftovers(store) == []
    assert analysis_cache.load(analysis_cache.content_key(clips["long"])) is None


# --- demo --------------------------------------------------------------------------------


def test_ensure_demo_renders_once_then_returns_it(store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(demo, "DEMO_SECONDS", 2.0)
    closing = threading.Event()  # the app closes during the first launch's rendering
    with pytest.raises(ImportCancelled):
        demo.ensure_demo(store, lambda fraction: closing.set() if fraction > 0.05 else None, closing)
    assert store.choreographies() == [] and leftovers(store) == []
    progress: list[float] = []
    first = demo.ensure_demo(store, progress.append)
    assert first.is_demo and first.analysed and first.title == "Demo: Groove" and first.video.is_file()
    assert first.thumbnail is not None and first.thumbnail.is_file()
    assert progress[-1] == 1.0 and progress == sorted(progress) and len(progress) > 5
    assert analysis_cache.load(analysis_cache.content_key(first.video)) is not None
    # the same bytes as `dancelike demo`'s choreography.mp4 (so the same cache key)
    video = DEMO_VIDEOS[0]
    render_performance(tmp_path / "choreography.mp4", "groove", video.dancer, video.scene, duration=2.0)
    digest = hashlib.sha256
    assert digest(first.video.read_bytes()).digest() == digest((tmp_path / "choreography.mp4").read_bytes()).digest()
    made = first.video.stat().st_mtime_ns
    with monkeypatch.context() as nothing_to_do:  # made once: returned as it is, nothing rendered or analysed again
        for step in ("render_demo", "analyse_choreography"):
            nothing_to_do.setattr(demo, step, lambda *args, step=step, **kwargs: pytest.fail(f"{step} ran for a demo that is ready"))
        again = demo.ensure_demo(store)
    assert again.id == first.id and len(store.choreographies()) == 1 and again.video.stat().st_mtime_ns == made
    first.video.unlink()  # the data folder lost the video: rendered again, same row
    restored = demo.ensure_demo(store)
    assert restored.id == first.id and restored.video.is_file() and restored.analysed
    assert len(store.choreographies()) == 1
