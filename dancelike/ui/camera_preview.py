"""The settings' camera preview: opening the chosen camera for a look, and the widget showing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from dancelike.i18n import translate
from dancelike.media.camera import Camera, DeviceCamera, FileCamera, open_camera
from dancelike.ui.theme import COLORS, font


def open_preview_camera(spec: str, resolution: tuple[int, int]) -> Camera:
    """The camera ``spec`` names, not started: webcams at ``resolution``, files looping."""
    if spec.isdigit():
        return DeviceCamera(int(spec), width=resolution[0], height=resolution[1])
    if Path(spec).is_file():
        return FileCamera(spec, loop=True)
    return open_camera(spec)


def camera_label(spec: str) -> str:
    if spec == "demo":
        return translate("CameraPreview", "the demo dancer")
    if spec.isdigit():
        return translate("CameraPreview", "camera {number}").format(number=spec)
    return Path(spec).name


class Preview(QWidget):
    """The newest camera frame, fitted into a 4:3 box, or a line of text when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.image = QImage()
        self.text = translate("CameraPreview", "Camera preview")
        self.setAccessibleName(translate("CameraPreview", "Camera preview"))
        self.frames = 0  # frames shown since the preview (re)started
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(200)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 3 // 4

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    def show_text(self, text: str) -> None:
        self.image, self.text = QImage(), text
        self.update()

    def show_image(self, image: QImage) -> None:
        self.image = image
        self.frames += 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect())
        clip = QPainterPath()
        clip.addRoundedRect(rect, 12, 12)
        p.setClipPath(clip)
        p.fillRect(rect, QColor("#0b0c10"))
        if self.image.isNull():
            p.setPen(QColor(COLORS["muted"]))
            p.setFont(font(14))
            p.drawText(rect.adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2, size.width(), size.height())
        p.drawImage(target, self.image)
