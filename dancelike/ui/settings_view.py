"""Settings: camera (with a live preview), mirror mode, recording, model threads, data folder,
and the latency calibration. Every change is saved at once (``AppSettings``).

The preview opens the chosen camera in a worker (a webcam can take a second to open), then a
timer at display rate takes the newest frame from a ``LatestFrame`` slot; the camera is stopped
whenever the view is hidden, so it is free for the dance session.
"""

from __future__ import annotations

import html
import importlib.util
import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QImage, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dancelike import i18n
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.media.camera import (
    Camera,
    CameraState,
    list_cameras,
)
from dancelike.media.clock import LatestFrame
from dancelike.store.paths import data_dir
from dancelike.syscheck import missing_font_warning
from dancelike.ui import messages
from dancelike.ui.camera_preview import Preview, camera_label, open_preview_camera
from dancelike.ui.settings import RESOLUTIONS, AppSettings
from dancelike.ui.theme import set_role
from dancelike.ui.translation import system_choice
from dancelike.ui.workers import run_in_thread

PREVIEW_FPS = 30
FILE_CHOICE = "__file__"
MIRROR_CHOICES = (
    ("auto", QT_TRANSLATE_NOOP("SettingsView", "Automatic: DanceLike works it out")),
    ("on", QT_TRANSLATE_NOOP("SettingsView", "Mirror: I face the screen and copy like a mirror")),
    ("off", QT_TRANSLATE_NOOP("SettingsView", "No mirror: my left is the dancer's left")),
)


def desktop_language() -> str:
    """The language "System" means, whatever this run speaks (``translation.system_choice``)."""
    return system_choice()


class SettingsView(QWidget):
    """Settings, saved as they change; ``changed`` tells the window to update its notes."""

    changed = Signal()
    restart_requested = Signal()  # "Restart now": the window is made again in the language chosen

    def __init__(self, settings: AppSettings, data_folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_folder_in_use = Path(data_folder) if data_folder is not None else data_dir()
        self.setObjectName("settingsView")
        self._camera: Camera | None = None
        self._latest: LatestFrame | None = None
        self._token = 0  # which preview request is current (a slow open may come back late)
        self._resolved = ""
        self._devices: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // PREVIEW_FPS)
        self._timer.timeout.connect(self._pull_frame)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 28, 36, 16)
        outer.setSpacing(12)
        title = QLabel(translate("SettingsView", "Settings"))
        set_role(title, "title")
        outer.addWidget(title)
        sub = QLabel(translate("SettingsView", "Saved as you change them."))
        set_role(sub, "muted")
        outer.addWidget(sub)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the settings inside; the area follows them
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host = QWidget()
        rows = QVBoxLayout(host)
        rows.setContentsMargins(0, 8, 8, 8)
        rows.setSpacing(20)
        rows.addWidget(self._camera_panel())
        below = QHBoxLayout()
        below.setSpacing(20)
        below.addWidget(self._session_panel(), 1)
        below.addWidget(self._storage_panel(), 1)
        rows.addLayout(below)
        rows.addWidget(self._language_panel())
        rows.addStretch(1)
        scroll.setWidget(host)
        outer.addWidget(scroll, 1)
        self._load()

    # --- panels ------------------------------------------------------------------------------

    @staticmethod
    def _panel(title: str) -> tuple[QFrame, QVBoxLayout]:
        frame = QFrame()
        set_role(frame, "panel")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(22, 18, 22, 20)
        layout.setSpacing(12)
        label = QLabel(title)
        set_role(label, "subtitle")
        layout.addWidget(label)
        return frame, layout

    @staticmethod
    def _combo(name: str) -> QComboBox:
        """A combo that may be narrower than its longest item (small windows)."""
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _camera_panel(self) -> QFrame:
        frame, panel_layout = self._panel(translate("SettingsView", "Camera"))
        columns = QHBoxLayout()
        columns.setSpacing(24)
        panel_layout.addLayout(columns)
        layout = QVBoxLayout()
        layout.setSpacing(12)
        columns.addLayout(layout, 5)
        form = self._form()
        self.camera_combo = self._combo("cameraCombo")
        self.camera_combo.activated.connect(self._camera_chosen)
        form.addRow(translate("SettingsView", "Camera"), self.camera_combo)
        self.resolution_combo = self._combo("resolutionCombo")
        for width, height in RESOLUTIONS:
            self.resolution_combo.addItem(f"{width} \u00d7 {height}", (width, height))
        self.resolution_combo.activated.connect(self._resolution_chosen)
        form.addRow(translate("SettingsView", "Resolution"), self.resolution_combo)
        self.mirror_combo = self._combo("mirrorCombo")
        for value, text in MIRROR_CHOICES:
            self.mirror_combo.addItem(translate("SettingsView", text), value)
        self.mirror_combo.activated.connect(self._mirror_chosen)
        form.addRow(translate("SettingsView", "Mirror"), self.mirror_combo)
        layout.addLayout(form)
        self.preview = Preview()
        columns.addWidget(self.preview, 4)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        set_role(self.preview_note, "muted")
        layout.addWidget(self.preview_note)
        self.latency_label = QLabel()
        self.latency_label.setObjectName("latencyLabel")
        self.latency_label.setWordWrap(True)
        layout.addWidget(self.latency_label)
        latency_row = QHBoxLayout()
        self.calibrate_button = QPushButton(translate("SettingsView", "Calibrate latency\u2026"))
        self.calibrate_button.setObjectName("calibrateButton")
        if importlib.util.find_spec("dancelike.ui.calibration_dialog") is None:
            self.calibrate_button.setEnabled(False)
            self.calibrate_button.setToolTip(translate("SettingsView", "Latency calibration is not available in this version of DanceLike."))
        else:
            self.calibrate_button.setToolTip(translate("SettingsView", "Clap along to eight beats so DanceLike can measure your camera's delay"))
        self.calibrate_button.clicked.connect(self.calibrate)
        latency_row.addWidget(self.calibrate_button)
        latency_row.addStretch(1)
        layout.addLayout(latency_row)
        layout.addStretch(1)
        return frame

    def _session_panel(self) -> QFrame:
        frame, layout = self._panel(translate("SettingsView", "Dancing"))
        self.record_check = QCheckBox(translate("SettingsView", "Record my sessions"))
        self.record_check.setObjectName("recordCheck")
        self.record_check.toggled.connect(self._record_toggled)
        layout.addWidget(self.record_check)
        note = QLabel(
            translate("SettingsView", "Recordings make the side-by-side replay, and let DanceLike recover a session if it closes mid-dance. They stay on this computer.")
        )
        note.setWordWrap(True)
        set_role(note, "small")
        layout.addWidget(note)
        form = self._form()
        self.threads_combo = self._combo("threadsCombo")
        self.threads_combo.addItem(translate("SettingsView", "1 (recommended)"), 1)
        self.threads_combo.addItem(translate("SettingsView", "2 (faster computers)"), 2)
        self.threads_combo.activated.connect(self._threads_chosen)
        form.addRow(translate("SettingsView", "Model threads"), self.threads_combo)
        layout.addLayout(form)
        cores = translate("SettingsView", "Threads each pose model may use. This computer has {cores} cores; two models run at once while you dance.")
        note = QLabel(cores.format(cores=os.cpu_count() or 1))
        note.setWordWrap(True)
        set_role(note, "small")
        layout.addWidget(note)
        layout.addStretch(1)
        return frame

    def _storage_panel(self) -> QFrame:
        frame, layout = self._panel(translate("SettingsView", "Data folder"))
        self.folder_label = QLabel()
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        self.folder_note = QLabel()
        self.folder_note.setObjectName("folderNote")
        self.folder_note.setWordWrap(True)
        set_role(self.folder_note, "muted")
        layout.addWidget(self.folder_note)
        row = QHBoxLayout()
        change = QPushButton(translate("SettingsView", "Change\u2026"))
        change.setObjectName("changeFolder")
        change.clicked.connect(self.choose_data_folder)
        row.addWidget(change)
        self.default_folder = QPushButton(translate("SettingsView", "Use default"))
        self.default_folder.setObjectName("defaultFolder")
        self.default_folder.clicked.connect(lambda: self.set_data_folder(""))
        row.addWidget(self.default_folder)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return frame

    def _language_panel(self) -> QFrame:
        """The language DanceLike speaks: the desktop's, or one chosen; used from the next start."""
        frame, layout = self._panel(translate("SettingsView", "Language"))
        form = self._form()
        self.language_combo = self._combo("languageCombo")
        detected = i18n.LANGUAGES[desktop_language()]
        self.language_combo.addItem(translate("SettingsView", "System ({language})").format(language=detected), "system")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)  # each language by its own name: found whatever the app speaks now
        self.language_combo.activated.connect(self._language_chosen)
        form.addRow(translate("SettingsView", "Language"), self.language_combo)
        layout.addLayout(form)
        note_row = QHBoxLayout()
        self.language_note = QLabel()
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        set_role(self.language_note, "muted")
        note_row.addWidget(self.language_note, 1)
        self.restart_button = QPushButton(translate("SettingsView", "Restart now"))
        self.restart_button.setObjectName("restartButton")
        self.restart_button.setToolTip(translate("SettingsView", "Open DanceLike again in the language chosen"))
        self.restart_button.clicked.connect(self.restart_requested)
        note_row.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(note_row)
        return frame

    # --- showing the settings ------------------------------------------------------------

    def _load(self) -> None:
        s = self.settings
        self._fill_cameras()
        self.resolution_combo.setCurrentIndex(max(0, self.resolution_combo.findData(s.resolution)))
        self.mirror_combo.setCurrentIndex(max(0, self.mirror_combo.findData(s.mirror)))
        self.record_check.blockSignals(True)
        self.record_check.setChecked(s.record)
        self.record_check.blockSignals(False)
        self.threads_combo.setCurrentIndex(max(0, self.threads_combo.findData(s.model_threads)))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        self._show_language()
        self._show_folder()
        run_in_thread(list_cameras, on_done=self._devices_found, name="list-cameras")

    def _fill_cameras(self) -> None:
        combo, current = self.camera_combo, self.settings.camera
        combo.clear()
        combo.addItem(translate("SettingsView", "Automatic: first webcam, else the demo dancer"), "auto")
        combo.addItem(translate("SettingsView", "Demo dancer (no webcam needed)"), "demo")
        for index in self._devices:
            combo.addItem(translate("SettingsView", "Camera {index}").format(index=index), str(index))
        if current.isdigit() and int(current) not in self._devices:
            combo.addItem(translate("SettingsView", "Camera {index} (not found)").format(index=current), current)
        if current not in ("auto", "demo") and not current.isdigit():
            combo.addItem(translate("SettingsView", "Video file: {file}").format(file=Path(current).name), current)
        combo.addItem(translate("SettingsView", "Video file\u2026"), FILE_CHOICE)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        self.resolution_combo.setEnabled(current == "auto" or current.isdigit())
        self.resolution_combo.setToolTip("" if self.resolution_combo.isEnabled() else translate("SettingsView", "Only a webcam has a resolution to choose."))

    def _devices_found(self, devices: list[int]) -> None:
        self._devices = list(devices)
        self._fill_cameras()

    def _show_latency(self) -> None:
        spec = self._resolved
        if not spec:
            self.latency_label.setText("")
            return
        if self.settings.has_latency(spec):
            ms = self.settings.latency_for(spec) * 1000
            self.latency_label.setText(
                translate("SettingsView", "Latency of {camera}: {delay}, subtracted from your timing.").format(
                    camera=html.escape(camera_label(spec)), delay=f"<b>{ms:.0f} ms</b>"
                )
            )
        else:
            self.latency_label.setText(
                translate("SettingsView", "Latency of {camera}: not calibrated yet. Calibrate so \u201clate\u201d means you, not the camera.").format(
                    camera=camera_label(spec)
                )
            )

    def _show_folder(self) -> None:
        chosen = self.settings.data_folder
        self.folder_label.setText(translate("SettingsView", "In use: {folder}").format(folder=f"<b>{html.escape(str(self.data_folder_in_use))}</b>"))
        if chosen and Path(chosen).expanduser().resolve() != self.data_folder_in_use.resolve():
            self.folder_note.setText(translate("SettingsView", "Next launch: {folder}. This takes effect after you restart DanceLike.").format(folder=chosen))
        elif not chosen and os.environ.get("DANCELIKE_HOME"):
            self.folder_note.setText(translate("SettingsView", "Set by DANCELIKE_HOME for this run."))
        else:
            self.folder_note.setText(translate("SettingsView", "Your library, sessions and recordings live here. A new folder takes effect after you restart DanceLike."))

    def _show_language(self) -> None:
        """Whether the language chosen is the one spoken now (words are taken when windows are made)."""
        chosen = self.settings.language
        wanted = desktop_language() if chosen == "system" else chosen
        if wanted == i18n.language():
            self.language_note.setText(translate("SettingsView", "DanceLike speaks this language now."))
        else:
            self.language_note.setText(translate("SettingsView", "DanceLike speaks {language} from the next start.").format(language=i18n.LANGUAGES[wanted]))
        no_font = missing_font_warning(wanted)
        if no_font:  # in English: the language's own words would be the boxes it warns of
            self.language_note.setText(f"{self.language_note.text()}\n{no_font}")
        self.restart_button.setVisible(wanted != i18n.language())
        self.default_folder.setEnabled(bool(chosen))

    # --- changes -----------------------------------------------------------------------------

    def _camera_chosen(self, index: int) -> None:
        value = self.camera_combo.itemData(index)
        if value == FILE_CHOICE:
            path, _ = QFileDialog.getOpenFileName(self, translate("SettingsView", "A video to use as the camera"), str(Path.home()), messages.video_filter())
            if not path:
                self._fill_cameras()  # back to what was chosen before
                return
            value = path
        self.set_camera(str(value))

    def set_camera(self, spec: str) -> None:
        self.settings.camera = spec
        self._fill_cameras()
        self.changed.emit()
        if self.isVisible():
            self.start_preview()

    def _resolution_chosen(self, index: int) -> None:
        self.settings.resolution = self.resolution_combo.itemData(index)
        self.changed.emit()
        if self.isVisible():
            self.start_preview()

    def _mirror_chosen(self, index: int) -> None:
        self.settings.mirror = self.mirror_combo.itemData(index)
        self.changed.emit()

    def _record_toggled(self, on: bool) -> None:
        self.settings.record = on
        self.changed.emit()

    def _threads_chosen(self, index: int) -> None:
        self.settings.model_threads = self.threads_combo.itemData(index)
        self.changed.emit()

    def _language_chosen(self, index: int) -> None:
        self.set_language(str(self.language_combo.itemData(index)))

    def set_language(self, code: str) -> None:
        """Remember the language ("system", "en", "zh_CN"); DanceLike speaks it from the next start."""
        self.settings.language = code
        self.settings.sync()
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(self.settings.language)))
        self._show_language()
        self.changed.emit()

    def choose_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("SettingsView", "Choose the data folder"), str(self.data_folder_in_use))
        if folder:
            self.set_data_folder(folder)

    def set_data_folder(self, folder: str) -> None:
        if folder and not os.access(folder, os.W_OK):
            text = translate("SettingsView", "{folder}: DanceLike cannot write there.").format(folder=folder)
            messages.show_error(self, translate("SettingsView", "Cannot use this folder"), text, translate("SettingsView", "Choose a folder you can write to."))
            return
        self.settings.data_folder = folder
        self._show_folder()
        self.changed.emit()

    def calibrate(self) -> None:
        """Open the latency calibration (the preview lets go of the camera meanwhile)."""
        try:
            from dancelike.ui.calibration_dialog import CalibrationDialog
        except ImportError as exc:
            messages.show_exception(self, translate("SettingsView", "Calibration is not available"), exc)
            return
        self.stop_preview()
        dialog = CalibrationDialog(self.settings, self)
        dialog.exec()
        self._show_latency()
        if self.isVisible():
            self.start_preview()

    # --- the preview ---------------------------------------------------------------------

    @property
    def camera(self) -> Camera | None:
        return self._camera

    def start_preview(self) -> None:
        """(Re)open the chosen camera in a worker; frames then arrive at display rate."""
        self.stop_preview()
        self._token += 1
        token = self._token
        self.preview.frames = 0
        self.preview.show_text(translate("SettingsView", "Opening the camera\u2026"))
        self.preview_note.setText("")

        def resolve_and_open() -> tuple[str, str, Camera]:
            spec, note = self.settings.resolved_camera()
            return spec, note, open_preview_camera(spec, self.settings.resolution)

        run_in_thread(resolve_and_open, name="open-camera", on_done=lambda got: self._opened(token, *got), on_error=lambda exc: self._open_failed(token, exc))

    def _opened(self, token: int, spec: str, note: str, camera: Camera) -> None:
        if token != self._token or not self.isVisible():
            camera.stop()  # the view moved on while the camera opened
            return
        self._resolved = spec
        self._show_latency()
        self._camera, self._latest = camera, camera.subscribe_latest("preview")
        camera.start()
        size = f"{camera.width}\u00d7{camera.height}, {camera.fps:.0f} fps"
        showing = translate("SettingsView", "Showing {camera} ({size}).").format(camera=camera_label(spec), size=size)
        self.preview_note.setText(f"{note} {showing}" if note else showing)
        self._timer.start()

    def _open_failed(self, token: int, exc: BaseException) -> None:
        if token != self._token:
            return
        self.preview.show_text(messages.user_message(exc))
        self.preview_note.setText(translate("SettingsView", "Choose another camera, or check that no other app is using this one."))

    def _pull_frame(self) -> None:
        camera, latest = self._camera, self._latest
        if camera is None or latest is None:
            return
        frame = latest.get(0)
        if frame is not None:
            rgb = frame.rgb
            height, width = rgb.shape[:2]
            self.preview.show_image(QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888).copy())
        elif camera.state in (CameraState.LOST, CameraState.ENDED):
            self._timer.stop()
            self.preview.show_text(camera.reason or translate("SettingsView", "The camera stopped."))
            self.preview_note.setText(translate("SettingsView", "Choose the camera again to retry, or pick another one."))

    def stop_preview(self) -> None:
        """Stop the timer and the camera (so a dance session can open it)."""
        self._token += 1
        self._timer.stop()
        camera, self._camera, self._latest = self._camera, None, None
        if camera is not None:
            camera.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start_preview()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_preview()
        self.preview.show_text(translate("SettingsView", "Camera preview"))
        super().hideEvent(event)
