"""Media layer: reading, writing, drawing and progress, on media made here with PyAV."""

from __future__ import annotations

import io
import os
import struct
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from dancelike.errors import InputError
from dancelike.media.overlay import draw_body
from dancelike.media.video import VideoReader, is_image, load_image
from dancelike.media.writer import VideoWriter, _fps_fraction, write_png
from dancelike.progress import Progress
from dancelike.vision.body import PART_COLORS, BodyFrame, Part, Roi

W, H, FPS, N = 160, 120, 10, 20


def _frame(i: int, width: int = W, height: int = H) -> np.ndarray:
    """A frame whose content changes with ``i`` (a moving square on a gradient)."""
    img = np.zeros((height, width, 3), np.uint8)
    img[..., 0] = np.linspace(0, 255, width, dtype=np.uint8)[None, :]
    img[..., 2] = 128
    x = (i * 7) % (width - 20)
    img[40:60, x : x + 20] = 255
    return img


def make_video(
    path: Path,
    frames: int = N,
    fps: int = FPS,
    options: dict[str, str] | None = None,
    rotation: int = 0,
    codec_options: dict[str, str] | None = None,
) -> Path:
    with av.open(str(path), "w", options=options or {}) as container:
        stream = container.add_stream("libx264", rate=fps, options=codec_options or {})
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        if rotation:
            stream.set_display_rotation(rotation)
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(_frame(i), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return make_video(tmp_path / "clip.mp4")


def _boxes(data: bytes) -> list[tuple[int, bytes]]:
    """Top-level MP4 boxes as (offset, type)."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        out.append((offset, kind))
        offset += size
    return out


def _read_all(path: Path) -> list:
    with VideoReader(path) as reader:
        return list(reader)


# --- reading -------------------------------------------------------------------------


def test_reader_count_size_timestamps(video: Path) -> None:
    with VideoReader(video) as reader:
        assert (reader.width, reader.height) == (W, H)
        assert reader.fps == pytest.approx(FPS)
        assert reader.frame_count == N
        assert reader.duration == pytest.approx(N / FPS, abs=0.11)
        frames = list(reader)
    assert [f.index for f in frames] == list(range(N))
    assert [f.t for f in frames] == pytest.approx([i / FPS for i in range(N)], abs=1e-6)
    assert all(f.rgb.shape == (H, W, 3) and f.rgb.dtype == np.uint8 for f in frames)
    # content survives the codec: the moving square is where we drew it
    assert frames[3].rgb[50, 21 + 10].min() > 200


def test_reader_is_single_pass(video: Path) -> None:
    with VideoReader(video) as reader:
        list(reader)
        with pytest.raises(RuntimeError):
            list(reader)


def test_fragmented_video_starts_at_zero(tmp_path: Path) -> None:
    """Fragmented MP4 (what the recorder writes) has a non-zero start_time; t starts at 0."""
    path = make_video(tmp_path / "frag.mp4", options={"movflags": "frag_keyframe+empty_moov"})
    frames = _read_all(path)
    assert len(frames) == N
    assert frames[0].t == pytest.approx(0.0)
    assert frames[-1].t == pytest.approx((N - 1) / FPS, abs=1e-6)


@pytest.mark.skipif(not hasattr(av.video.stream.VideoStream, "set_display_rotation"), reason="PyAV < 18")
def test_rotated_video_is_upright(tmp_path: Path) -> None:
    path = make_video(tmp_path / "rot.mp4", frames=3, rotation=90)
    with VideoReader(path) as reader:
        assert (reader.width, reader.height) == (H, W)
        frame = next(iter(reader))
    expected = np.rot90(_frame(0), 1)  # display matrix: 90 degrees counter-clockwise
    assert frame.rgb.shape == expected.shape
    assert np.abs(frame.rgb.astype(int) - expected).mean() < 8


def test_image_files(tmp_path: Path) -> None:
    rgb = _frame(0)
    write_png(tmp_path / "rgb.png", rgb)
    assert np.array_equal(load_image(tmp_path / "rgb.png"), rgb)
    cv2.imwrite(str(tmp_path / "gray.png"), rgb[..., 0])
    gray = load_image(tmp_path / "gray.png")
    assert gray.shape == (H, W, 3) and np.array_equal(gray[..., 1], rgb[..., 0])
    assert is_image("a/B.JPG") and is_image("x.webp") and not is_image("clip.mp4")


# --- bad input -----------------------------------------------------------------------


def _input_error(path: Path, match: str) -> None:
    with pytest.raises(InputError, match=match) as info:
        _read_all(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))


def test_missing_and_empty(tmp_path: Path) -> None:
    _input_error(tmp_path / "nope.mp4", "no such file")
    (tmp_path / "empty.mp4").write_bytes(b"")
    _input_error(tmp_path / "empty.mp4", "empty")
    with pytest.raises(InputError, match="no such file"):
        load_image(tmp_path / "nope.png")
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_image(tmp_path / "empty.png")


def test_text_file_named_mp4(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_text("these are my dance notes, not a video\n")
    _input_error(path, "not a video file")


def test_truncated_mp4_index_at_end(tmp_path: Path, video: Path) -> None:
    """moov at the end (PyAV's default): a file cut in its data or index cannot be used.

    (Cutting only the last few bytes of the index, its metadata, leaves a valid file.)
    """
    data = video.read_bytes()
    moov = dict((kind, offset) for offset, kind in _boxes(data))[b"moov"]
    for end in (len(data) // 2, moov + 20, len(data) - 100):
        cut = tmp_path / f"cut{end}.mp4"
        cut.write_bytes(data[:end])
        _input_error(cut, "truncated")


@pytest.mark.parametrize("movflags", ["+faststart", "frag_keyframe+empty_moov"])
def test_truncated_mp4_mid_stream(tmp_path: Path, movflags: str) -> None:
    """Index first (faststart) or fragmented: opens, decodes some frames, then fails."""
    data = make_video(tmp_path / "full.mp4", frames=60, options={"movflags": movflags})
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data.read_bytes()[: data.stat().st_size // 2])
    _input_error(cut, "truncated")


def test_truncated_at_sample_boundary(tmp_path: Path) -> None:
    """Cut exactly between samples: decoding ends cleanly, but short of the declared count."""
    full = make_video(tmp_path / "full.mp4", frames=40, options={"movflags": "+faststart"})
    with av.open(str(full)) as container:
        positions = [p.pos for p in container.demux(video=0) if p.size]
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(full.read_bytes()[: positions[20]])
    _input_error(cut, r"20 of 40 frames")


def test_fragment_boundary_is_a_short_video(tmp_path: Path) -> None:
    """A fragmented recording cut between fragments is a valid, shorter video (by design)."""
    full = make_video(
        tmp_path / "frag.mp4",
        frames=40,
        options={"movflags": "frag_keyframe+empty_moov"},
        codec_options={"g": "10"},
    )
    data = full.read_bytes()
    moofs = [offset for offset, kind in _boxes(data) if kind == b"moof"]
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: moofs[2]])
    assert len(_read_all(cut)) == 20


def test_audio_only_file(tmp_path: Path) -> None:
    path = tmp_path / "music.m4a"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=44100, layout="mono")
        for i in range(10):
            frame = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
            frame.sample_rate, frame.pts = 44100, i * 1024
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    _input_error(path, "no video stream")


def test_video_without_frames(tmp_path: Path) -> None:
    """A header with a video stream and no frames (MP4 drops such a track; AVI keeps it)."""
    path = tmp_path / "blank.avi"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        container.start_encoding()
    _input_error(path, "no video frames")


def test_bad_images(tmp_path: Path) -> None:
    rgba = np.zeros((8, 8, 4), np.uint8)
    cv2.imwrite(str(tmp_path / "rgba.png"), rgba)
    with pytest.raises(InputError, match=r"4 channels \(RGBA\)"):
        load_image(tmp_path / "rgba.png")
    cv2.imwrite(str(tmp_path / "deep.png"), np.zeros((8, 8, 3), np.uint16))
    with pytest.raises(InputError, match="16-bit; save it as an 8-bit"):
        load_image(tmp_path / "deep.png")
    (tmp_path / "fake.jpg").write_text("not a picture")
    with pytest.raises(InputError, match="not a readable image"):
        load_image(tmp_path / "fake.jpg")


# --- writing -------------------------------------------------------------------------


def test_writer_round_trip(tmp_path: Path) -> None:
    colours = [(220, 30, 30), (30, 220, 30), (30, 30, 220)]
    path = tmp_path / "new" / "folder" / "out.mp4"  # parent folders are created
    with VideoWriter(path, 12.5, 95, 63) as writer:  # odd sizes are padded
        for i in range(15):
            writer.write(np.full((63, 95, 3), colours[i // 5], np.uint8))
    assert writer.frames_written == 15
    with VideoReader(path) as reader:
        assert reader.fps == pytest.approx(12.5)
        assert (reader.width, reader.height) == (96, 64)
        frames = list(reader)
    assert len(frames) == 15
    assert frames[-1].t == pytest.approx(14 / 12.5, abs=1e-6)
    for i, frame in enumerate(frames):
        mean = frame.rgb[:63, :95].reshape(-1, 3).mean(axis=0)
        assert np.abs(mean - colours[i // 5]).max() < 12


def test_writer_ntsc_rate(tmp_path: Path) -> None:
    path = tmp_path / "ntsc.mp4"
    with VideoWriter(path, 30000 / 1001, 64, 48) as writer:
        for i in range(5):
            writer.write(_frame(i, 64, 48))
    with VideoReader(path) as reader:
        assert reader.fps == pytest.approx(29.97, abs=0.01)
        assert [round(f.t * 30000) for f in reader] == [0, 1001, 2002, 3003, 4004]


def test_unwritable_destinations(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    under_a_file = tmp_path / "file.txt" / "sub"
    for bad in (tmp_path, under_a_file / "out.mp4"):
        with pytest.raises(InputError) as info:
            VideoWriter(bad, 10, 16, 16)
        assert str(info.value).startswith(str(bad)) and "\n" not in str(info.value)
    for bad in (tmp_path, under_a_file / "mask.png"):
        with pytest.raises(InputError):
            write_png(bad, np.zeros((4, 4), np.uint8))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(InputError, match="permission|Permission"):
            VideoWriter(locked / "out.mp4", 10, 16, 16)
    finally:
        locked.chmod(0o700)


# --- overlay -------------------------------------------------------------------------


def _synthetic_body(width: int = 320, height: int = 240) -> BodyFrame:
    """A body whose 64-cell part map holds a torso block and a head, ROI centred."""
    part_map = np.zeros((64, 64), np.uint8)
    part_map[24:48, 24:40] = Part.TORSO
    part_map[12:22, 28:36] = Part.HEAD
    roi = Roi(center_x=width / 2, center_y=height / 2, size=160.0, rotation=0.0)
    landmarks = np.zeros((33, 4), np.float32)
    landmarks[:, 0], landmarks[:, 1] = width / 2, height / 2
    landmarks[11, :2], landmarks[12, :2] = (width / 2 + 15, 110), (width / 2 - 15, 110)
    landmarks[23, :2], landmarks[24, :2] = (width / 2 + 12, 150), (width / 2 - 12, 150)
    landmarks[[11, 12, 23, 24], 3] = 0.9
    mask = (part_map > 0).astype(np.float32)
    return BodyFrame(
        t=0.0,
        width=width,
        height=height,
        landmarks=landmarks,
        presence=1.0,
        roi=roi,
        roi_mask=mask,
        part_map=part_map,
    )


def test_draw_body_colours_parts() -> None:
    body = _synthetic_body()
    image = np.full((240, 320, 3), 40, np.uint8)
    out = draw_body(image, body)
    assert out.shape == image.shape and out.dtype == np.uint8
    assert np.array_equal(image, np.full((240, 320, 3), 40, np.uint8))  # input untouched
    labels = body.part_map_in_image()
    inside = cv2.erode((labels == Part.HEAD).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    head = out[inside].mean(axis=0)
    expected = 0.45 * 40 + 0.55 * PART_COLORS[Part.HEAD].astype(float)
    assert np.abs(head - expected).max() < 6
    far = cv2.dilate((labels > 0).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0
    far[:, :250] = False  # away from the body and from the skeleton
    assert np.array_equal(out[far], image[far])
    # skeleton: the shoulder line is drawn in white
    assert out[110, 160].min() > 200


def test_draw_body_without_part_map_or_body() -> None:
    body = _synthetic_body()
    bare = BodyFrame(t=0.0, width=320, height=240, landmarks=body.landmarks)
    image = np.full((240, 320, 3), 40, np.uint8)
    out = draw_body(image, bare)
    assert out[110, 160].min() > 200  # skeleton only
    assert (out != image).any(axis=2).mean() < 0.05
    nobody = draw_body(image, BodyFrame(t=0.0, width=320, height=240))
    assert (nobody[:40, :160] != 40).any() and np.array_equal(nobody[120:], image[120:])


def test_draw_body_scales_to_image_size() -> None:
    """A body analysed at 320x240 drawn on the 640x480 original lands in the same place."""
    body = _synthetic_body()
    small = draw_body(np.zeros((240, 320, 3), np.uint8), body)
    large = draw_body(np.zeros((480, 640, 3), np.uint8), body)
    shrunk = cv2.resize(large, (320, 240), interpolation=cv2.INTER_AREA)
    assert np.abs(shrunk.astype(int) - small).mean() < 6


# --- progress ------------------------------------------------------------------------


def test_progress_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DANCELIKE_PROGRESS", "1")
    stream = io.StringIO()
    with Progress(65, "analyze", stream=stream) as progress:
        for _ in range(29):
            progress.update()
        assert "29/65" in progress.render()
        assert "[" + "#" * 11 in progress.render() and "45%" in progress.render()
    text = stream.getvalue()
    assert text.startswith("\r") and text.endswith("\n") and "29/65" in text
    assert "fps" in text


def test_progress_silent_when_not_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DANCELIKE_PROGRESS", raising=False)
    stream = io.StringIO()
    with Progress(None, "analyze", stream=stream) as progress:
        progress.update(5)
        assert progress.render().startswith("analyze  5")
    assert stream.getvalue() == ""


def test_fps_as_exact_rate() -> None:
    assert _fps_fraction(30000 / 1001) == Fraction(30000, 1001)
    assert _fps_fraction(25.0) == 25
