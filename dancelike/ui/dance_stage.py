"""The stage of the dance screen: the reference large, the camera beside it or inside it, and
what is painted over them (countdown, rating pop-ups, the moves strip, banners).

``compose_camera`` draws the chosen overlays on a camera frame with numpy/OpenCV (the same
drawing as the replay): your body parts coloured by how well each matches right now, the
reference's silhouette as a ghost placed on your body (hips on your hips, scaled to your torso,
flipped when you dance mirrored), and the skeleton. ``StageWidget`` only paints QImages; the
dance view feeds it at display rate.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

import cv2
import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import translate
from dancelike.media.overlay import draw_body
from dancelike.pipeline.replay import colors_by_score
from dancelike.scoring.poses import GROUPS, MIRROR_PARTS, body_origin_and_scale
from dancelike.ui.score_legend import legend_items, legend_size, paint_legend
from dancelike.ui.theme import COLORS, font, score_color
from dancelike.vision.body import BodyFrame
from dancelike.vision.landmark_names import SKELETON, is_face

#: The ghost's colour (RGB) and strengths: a pale fill with a bright rim reads on any background.
GHOST_RGB = np.array([190, 235, 255], np.float32)
GHOST_FILL, GHOST_RIM = 0.34, 0.85
#: How long a rating pop-up stays (seconds), of which the last part fades.
POPUP_SECONDS, POPUP_FADE = 1.4, 0.6


def to_qimage(rgb: np.ndarray) -> QImage:
    """A QImage sharing nothing with ``rgb`` (safe after the array is gone)."""
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def part_colors(parts: Mapping[str, float | None] | None, mirrored: bool) -> np.ndarray:
    """A colour per part label from live group scores; a part not judged (out of view, or no
    score yet) is grey: the dancer's colours always mean scores, never which part is which."""
    parts = parts or {}
    colors = colors_by_score(np.array([np.nan if (value := parts.get(g)) is None else float(value) for g in GROUPS]))
    return colors[MIRROR_PARTS] if mirrored else colors  # scored mirrored: your left is the pro's right


def _affine(matrix: np.ndarray) -> np.ndarray:
    return np.vstack([matrix, [0.0, 0.0, 1.0]])


def ghost_transform(reference: BodyFrame, user: BodyFrame, mirrored: bool) -> np.ndarray:
    """3x3 map from the reference's image to the user's: hips on hips, torso to torso."""
    assert reference.landmarks is not None and user.landmarks is not None
    ref_hips, ref_scale = body_origin_and_scale(reference.landmarks)
    user_hips, user_scale = body_origin_and_scale(user.landmarks)
    s = user_scale / ref_scale
    flip = np.diag([-s if mirrored else s, s])
    matrix = np.eye(3)
    matrix[:2, :2] = flip
    matrix[:2, 2] = user_hips - flip @ ref_hips
    return matrix


def draw_ghost(rgb: np.ndarray, user: BodyFrame, reference: BodyFrame, mirrored: bool) -> np.ndarray:
    """``rgb`` with the reference's silhouette (or, without a part map, skeleton) over ``user``."""
    if not (user.found and reference.found):
        return rgb
    height, width = rgb.shape[:2]
    to_user = np.diag([width / user.width, height / user.height, 1.0]) @ ghost_transform(reference, user, mirrored)
    out = rgb.copy()
    if reference.part_map is not None and reference.roi is not None:
        side = reference.part_map.shape[0]
        matrix = (to_user @ _affine(reference.roi.roi_to_image(side)))[:2]
        mask = cv2.GaussianBlur((reference.part_map > 0).astype(np.float32), (5, 5), 1.2)
        coverage = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_LINEAR)
        rim = np.clip(1.0 - np.abs(2.0 * coverage - 1.0) * 1.6, 0.0, 1.0) * (coverage > 0.05)
        weight = np.maximum(GHOST_FILL * np.clip((coverage - 0.5) * 4 + 0.5, 0, 1), GHOST_RIM * rim)[..., None]
        out[:] = np.clip(out * (1.0 - weight) + GHOST_RGB * weight + 0.5, 0, 255).astype(np.uint8)
        return out
    assert reference.landmarks is not None
    xy = reference.landmarks[:, :2] @ to_user[:2, :2].T + to_user[:2, 2]
    visible = reference.landmarks[:, 3] >= 0.5
    layer = out.copy()
    thickness = max(4, round(min(height, width) / 70))
    for a, b in SKELETON:
        if visible[a] and visible[b] and not is_face(a) and not is_face(b):
            cv2.line(layer, tuple(int(v) for v in xy[a]), tuple(int(v) for v in xy[b]), tuple(int(c) for c in GHOST_RGB), thickness, cv2.LINE_AA)
    return cv2.addWeighted(layer, 0.55, out, 0.45, 0)


#: The camera picture is drawn at about the size it is ever shown (half the stage at most): a
#: 720p webcam frame is halved before the overlays are drawn on it, since they cost per pixel
#: (measured: the ghost and the part colours took 75% of the GUI thread at 720p, 13 pictures a second).
CAMERA_SHOWN = (640, 360)


def compose_camera(
    rgb: np.ndarray,
    body: BodyFrame | None,
    overlays: set[str],
    parts: Mapping[str, float | None] | None = None,
    mirrored: bool = False,
    ghost: BodyFrame | None = None,
) -> np.ndarray:
    """The camera frame with the chosen overlays ("parts", "ghost", "skeleton") drawn on it."""
    if body is None or not body.found or not overlays:
        return rgb
    out = rgb
    if "ghost" in overlays and ghost is not None:
        out = draw_ghost(out, body, ghost, mirrored)
    if "parts" in overlays or "skeleton" in overlays:
        shown = body
        if "parts" not in overlays:
            shown = replace(shown, part_map=None)  # draw_body then draws the skeleton only
        if "skeleton" not in overlays and shown.landmarks is not None:
            hidden = shown.landmarks.copy()
            hidden[:, 3] = 0.0  # joints below draw_body's visibility threshold are not drawn
            shown = replace(shown, landmarks=hidden)
        out = draw_body(out, shown, alpha=0.5, colors=part_colors(parts, mirrored))
    return out


@dataclass
class StripMove:
    """A move on the strip under the stage: its span, and its rating so far (None: not yet)."""

    start: float
    end: float
    score: float | None = None
    rating: str = ""


class StageWidget(QWidget):
    """Paints the reference and the camera (beside or picture-in-picture) and the live extras."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_mode = "beside"
        self.reference: QImage | None = None
        self.camera: QImage | None = None
        self.camera_label = translate("StageWidget", "YOU")
        self.placeholder = translate("StageWidget", "Waiting for the picture\u2026")
        self.countdown: str | None = None
        self.banner: str | None = None
        self.moves: list[StripMove] = []
        self.current_move: int | None = None
        self.looping: int | None = None
        self.focus_part: str | None = None  # Break It Down: the part outlined in red (a report group)
        self.legend = False  # the colour key in the camera picture (the dancer's parts are coloured)
        self.position = 0.0
        self.duration = 0.0
        self._popup: tuple[str, QColor, float] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 300)
        self.setAccessibleName(translate("StageWidget", "Dance stage"))
        self.setAccessibleDescription(translate("StageWidget", "The pro's video and your camera picture"))

    def sizeHint(self) -> QSize:
        return QSize(960, 600)

    def popup(self, text: str, color: QColor) -> None:
        """Show a rating (PERFECT, GREAT...) that pops in and fades out."""
        self._popup = (text, color, time.monotonic())
        self.update()

    # --- geometry -----------------------------------------------------------------------------------

    def _strip_height(self) -> float:
        return 34.0 if self.moves else 0.0

    def areas(self) -> tuple[QRectF, QRectF]:
        """Where the reference and the camera go (inside: the camera in a corner of the reference)."""
        strip = self._strip_height()
        area = QRectF(0, 0, self.width(), self.height() - strip - (10 if strip else 0))
        ref_aspect = self.reference.width() / self.reference.height() if self.reference else 16 / 9
        cam_aspect = self.camera.width() / self.camera.height() if self.camera else 4 / 3
        if self.layout_mode == "inside":
            ref = _fit(area, ref_aspect)
            w = ref.width() * 0.3
            h = w / cam_aspect
            margin = max(8.0, ref.width() * 0.02)
            return ref, QRectF(ref.right() - w - margin, ref.bottom() - h - margin, w, h)
        gap = 14.0
        ref_w = (area.width() - gap) * 0.6
        ref = _fit(QRectF(area.left(), area.top(), ref_w, area.height()), ref_aspect)
        cam = _fit(QRectF(area.left() + ref_w + gap, area.top(), area.width() - ref_w - gap, area.height()), cam_aspect)
        height = max(ref.height(), cam.height())  # both vertically centred on one line
        top = area.top() + (area.height() - height) / 2
        ref.moveTop(top + (height - ref.height()) / 2)
        cam.moveTop(top + (height - cam.height()) / 2)
        ref.moveRight(area.left() + ref_w)
        cam.moveLeft(area.left() + ref_w + gap)
        return ref, cam

    # --- painting -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        ref, cam = self.areas()
        self._image(p, ref, self.reference, translate("StageWidget", "PRO"), radius=14)
        inside = self.layout_mode == "inside"
        self._image(p, cam, self.camera, self.camera_label, radius=10 if inside else 14, placeholder=self.placeholder)
        if inside:  # a frame sets the picture-in-picture off the video under it
            p.setPen(QPen(QColor(255, 255, 255, 200), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(cam, 10, 10)
        if self.camera is not None and (self.legend or self.focus_part):
            self._paint_legend(p, cam)
        self._paint_strip(p)
        if self.countdown:
            self._paint_countdown(p, ref)
        elif self.banner:
            self._paint_banner(p, ref)
        self._paint_popup(p, ref)

    def _image(self, p: QPainter, rect: QRectF, image: QImage | None, label: str, radius: float, placeholder: str = "") -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        p.save()
        p.setClipPath(path)
        p.fillRect(rect, QColor(COLORS["panel"]))
        if image is not None and not image.isNull():
            p.drawImage(rect, image)
        else:
            p.setPen(QColor(COLORS["muted"]))
            p.setFont(font(14))
            p.drawText(rect.adjusted(12, 12, -12, -12), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, placeholder)
        p.restore()
        tag_font = font(12, True)
        p.setFont(tag_font)
        width = p.fontMetrics().horizontalAdvance(label) + 20
        tag = QRectF(rect.left() + 10, rect.top() + 10, width, p.fontMetrics().height() + 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 150))
        p.drawRoundedRect(tag, 6, 6)
        p.setPen(QColor("#ffffff"))
        p.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_legend(self, p: QPainter, cam: QRectF) -> None:
        """The colour key at the foot of the dancer's picture: what the part colours (and the
        red outline) mean."""
        items = legend_items(outline=self.focus_part is not None, you=False) if self.legend else legend_items(outline=True, you=False)[-1:]
        size = 9
        width, height = legend_size(items, cam.width() - 24, size)
        pill = QRectF(cam.left() + 8, cam.bottom() - height - 16, width + 16, height + 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 160))
        p.drawRoundedRect(pill, 6, 6)
        paint_legend(p, pill.left() + 8, pill.top() + 4, cam.width() - 24, items, size, QColor("#ffffff"))

    def _paint_strip(self, p: QPainter) -> None:
        if not self.moves or self.duration <= 0:
            return
        h = self._strip_height()
        rect = QRectF(0, self.height() - h, self.width(), h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(COLORS["panel"]))
        p.drawRoundedRect(rect, 8, 8)
        label_font = font(11, True)
        p.setFont(label_font)
        for index, move in enumerate(self.moves):
            x0 = rect.left() + rect.width() * move.start / self.duration
            x1 = rect.left() + rect.width() * min(move.end, self.duration) / self.duration
            cell = QRectF(x0 + 1.5, rect.top() + 5, max(2.0, x1 - x0 - 3), h - 10)
            color = score_color(move.score) if move.score is not None else QColor(COLORS["panel_alt"])
            if move.score is not None and index != self.current_move:
                color.setAlpha(200)
            p.setBrush(color)
            p.setPen(QPen(QColor("#ffffff"), 2) if index == self.current_move else Qt.PenStyle.NoPen)
            p.drawRoundedRect(cell, 5, 5)
            if cell.width() > 26:
                p.setPen(QColor("#0b0c10") if move.score is not None else QColor(COLORS["muted"]))
                text = f"\u27f3 {index + 1}" if index == self.looping else str(index + 1)
                p.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)
        x = rect.left() + rect.width() * min(max(self.position / self.duration, 0.0), 1.0)
        p.setPen(QPen(QColor(COLORS["accent"]), 3))
        p.drawLine(QPointF(x, rect.top() + 1), QPointF(x, rect.bottom() - 1))

    def _paint_countdown(self, p: QPainter, ref: QRectF) -> None:
        p.fillRect(self.rect(), QColor(10, 11, 15, 150))
        p.setFont(font(110, True))
        _outlined(p, self.rect(), self.countdown or "", QColor(COLORS["accent"]))
        caption = translate("StageWidget", "Stand where the camera sees all of you")
        p.setFont(font(18))
        width = p.fontMetrics().horizontalAdvance(caption) + 48
        pill = QRectF(self.width() / 2 - width / 2, self.height() / 2 + 90, width, p.fontMetrics().height() + 20)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(10, 11, 15, 200))
        p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        p.setPen(QColor(COLORS["text"]))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, caption)

    def _paint_banner(self, p: QPainter, ref: QRectF) -> None:
        p.setFont(font(22, True))
        width = p.fontMetrics().horizontalAdvance(self.banner or "") + 60
        rect = QRectF(ref.center().x() - width / 2, ref.center().y() - 36, width, 72)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(10, 11, 15, 210))
        p.drawRoundedRect(rect, 14, 14)
        p.setPen(QColor(COLORS["text"]))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.banner or "")

    def _paint_popup(self, p: QPainter, ref: QRectF) -> None:
        if self._popup is None:
            return
        text, color, shown_at = self._popup
        age = time.monotonic() - shown_at
        if age > POPUP_SECONDS:
            self._popup = None
            return
        fade_from = POPUP_SECONDS - POPUP_FADE
        opacity = 1.0 if age < fade_from else max(0.0, 1.0 - (age - fade_from) / POPUP_FADE)
        grow = 1.0 + 0.35 * max(0.0, 1.0 - age / 0.18)  # pops in slightly large, settles
        p.save()
        p.setOpacity(opacity)
        size = max(28, int(ref.height() * 0.1 * grow))
        p.setFont(font(size, True))
        band = QRectF(ref.left(), ref.top() + ref.height() * 0.06 - (age * 20 if age > fade_from else 0), ref.width(), size * 2.2)
        _outlined(p, band, text, color)
        p.restore()


def _fit(area: QRectF, aspect: float) -> QRectF:
    """The largest rectangle of ``aspect`` centred in ``area``."""
    w = min(area.width(), area.height() * aspect)
    h = w / aspect
    return QRectF(area.left() + (area.width() - w) / 2, area.top() + (area.height() - h) / 2, w, h)


def _outlined(p: QPainter, rect: QRect | QRectF, text: str, color: QColor) -> None:
    """Big text with a dark outline, centred in ``rect`` (readable over any video)."""
    metrics = p.fontMetrics()
    width = metrics.horizontalAdvance(text)
    x = rect.center().x() - width / 2
    y = rect.center().y() + (metrics.ascent() - metrics.descent()) / 2
    path = QPainterPath()
    path.addText(QPointF(x, y), p.font(), text)
    p.setPen(QPen(QColor(0, 0, 0, 200), max(4.0, p.font().pointSize() / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.fillPath(path, color)
