"""A 60 fps reference shown at 30: the frames nobody shows and no frame needs are never decoded,
and the frames shown are the same as when every frame was decoded."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from stamped_media import read_stamp, stamped

from dancelike.media import video as video_module
from dancelike.media.disposable import is_non_reference, keep_step
from dancelike.media.video import VideoReader


def write_clip(path: Path, frames: int, fps: int, preset: str = "medium") -> Path:
    """Stamped 320x240 frames at ``fps``; x264's ``medium`` preset puts B-frames between P-frames."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        stream.codec_context.options = {"preset": preset}
        for i in range(frames):
            for packet in stream.encode(av.VideoFrame.from_ndarray(stamped(i, 320, 240), format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("disposable")
    write_clip(folder / "sixty.mp4", 90, 60)
    write_clip(folder / "thirty.mp4", 45, 30)
    write_clip(folder / "sixty_p.mp4", 90, 60, "ultrafast")  # no B-frames: every frame is a reference
    return folder


def _read(path: Path, **options: object) -> tuple[list[tuple[int, float, int]], VideoReader]:
    with VideoReader(path, **options) as reader:  # type: ignore[arg-type]  # the reader's keywords
        shown = [(frame.index, frame.t, read_stamp(frame.rgb)) for frame in reader]
    return shown, reader


def test_a_60_fps_video_shown_at_30_decodes_only_what_it_needs(clips: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown, reader = _read(clips / "sixty.mp4", max_fps=30)
    assert [stamp for _, _, stamp in shown] == list(range(0, 90, 2))
    assert 0 < reader.not_decoded <= reader.not_needed == 45  # some of the frames not shown never reached the decoder
    assert reader.frames_decoded == 90  # still counted as read: a whole file is not "truncated"
    monkeypatch.setattr(video_module, "unneeded_packets", lambda *args: None)  # everything decoded, as before
    before, old = _read(clips / "sixty.mp4", max_fps=30)
    assert shown == before and old.not_decoded == 0 and old.not_needed == 45


def test_frames_others_need_and_slow_videos_are_all_decoded(clips: Path) -> None:
    shown, reader = _read(clips / "thirty.mp4", max_fps=30)
    assert len(shown) == 45 and reader.not_decoded == 0
    shown, reader = _read(clips / "sixty_p.mp4", max_fps=30)  # P-frames only: each is needed by the next
    assert [stamp for _, _, stamp in shown] == list(range(0, 90, 2)) and reader.not_decoded == 0
    shown, reader = _read(clips / "sixty.mp4")  # no max_fps: every frame
    assert len(shown) == 90 and reader.not_decoded == 0


def test_a_reader_started_on_an_odd_frame_keeps_its_rhythm(clips: Path) -> None:
    shown, _ = _read(clips / "sixty.mp4", max_fps=30, start=31 / 60)
    stamps = [stamp for _, _, stamp in shown]
    assert stamps == list(range(31, 90, 2))
    assert np.allclose(np.diff([t for _, t, _ in shown]), 1 / 30, atol=1e-3)


def test_which_rates_drop_frames_evenly() -> None:
    assert keep_step(60, 30) == 2 and keep_step(50, 30) == 2
    assert keep_step(30, 30) is None and keep_step(40, 30) is None  # nothing or too little to drop
    assert keep_step(120, 30) is None  # its kept frames fall exactly on the boundary: not guessed


def test_a_non_reference_picture_is_told_by_its_first_slice() -> None:
    def nal(header: int, body: bytes = b"\x88\x84") -> bytes:
        return (1 + len(body)).to_bytes(4, "big") + bytes([header]) + body

    sei, b_slice, p_slice = nal(0x06), nal(0x01), nal(0x41)  # nal_ref_idc 0, 0 and 2
    assert is_non_reference(sei + b_slice, 4)
    assert not is_non_reference(sei + p_slice, 4)
    assert not is_non_reference(nal(0x65), 4)  # an IDR picture
    assert not is_non_reference(sei, 4)  # no slice: not known, so decoded
