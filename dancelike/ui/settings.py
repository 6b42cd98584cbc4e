"""What the user chose, remembered across launches (QSettings), as typed properties.

QSettings hands back strings from INI files and native types from the registry/plist, so every
property parses what it reads and falls back to its default on anything it does not understand:
a hand-edited or outdated settings file must never stop the app from starting.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QSettings

from dancelike.i18n import LANGUAGES, QT_TRANSLATE_NOOP, translate
from dancelike.media.camera import camera_kinds, list_cameras
from dancelike.scoring.mirror import Mirror

ORGANIZATION = APPLICATION = "DanceLike"
RESOLUTIONS: tuple[tuple[int, int], ...] = ((640, 480), (1280, 720))
MIRROR_MODES = tuple(mode.value for mode in Mirror)
LAYOUTS = ("beside", "inside")
OVERLAYS = frozenset({"parts", "ghost", "skeleton"})
STRETCH_MODES = ("wsola", "plain")
MAX_MODEL_THREADS = 2
#: Said when "auto" finds no webcam (translated where shown: ``resolved_camera`` returns it so).
NO_WEBCAM_NOTE = QT_TRANSLATE_NOOP("Settings", "No webcam found: the demo dancer dances for you.")
#: What the status bar says for the drawn cameras (translated where shown).
SYNTHETIC_CAMERAS = {
    "demo": QT_TRANSLATE_NOOP("Settings", "Camera: the demo dancer"),
    "pair": QT_TRANSLATE_NOOP("Settings", "Camera: two demo dancers"),
    "claps": QT_TRANSLATE_NOOP("Settings", "Camera: the clapper"),
}


def camera_file(spec: str) -> Path | None:
    """The video file a camera spec names ("clip.mp4", "file:clip.mp4"), None for a webcam or a
    drawn source ("0", "demo", "pair:gap"); whether or not the file is there."""
    spec = spec.strip()
    if not spec or spec == "auto" or spec.isdigit():
        return None
    name, _, arg = spec.partition(":")
    if name.lower() == "file" and arg:
        return Path(arg)
    if name.lower() in camera_kinds() and not Path(spec).exists():
        return None
    return Path(spec)


def camera_note(spec: str, note: str = "") -> str:
    """What the status bar says about the camera a dance will use: ``note`` when there is one
    (the fallback's reason), else "Camera 0", "Camera: the demo dancer", "Camera: clip.mp4 (a video file)"."""
    if note:
        return note
    if spec.isdigit():
        return translate("Settings", "Camera {index}").format(index=spec)
    file = camera_file(spec)
    if file is not None:
        return translate("Settings", "Camera: {file} (a video file)").format(file=file.name)
    name = spec.partition(":")[0].lower()
    if name in SYNTHETIC_CAMERAS:
        return translate("Settings", SYNTHETIC_CAMERAS[name])
    return translate("Settings", "Camera: {name}").format(name=spec)


def _bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
    return default


def _float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]  # anything a setting held: float() decides, the except catches the rest
    except (TypeError, ValueError):
        return default


class AppSettings:
    """Typed access to the app's settings; ``AppSettings()`` is the user's own store.

    Tests pass ``QSettings(path, QSettings.IniFormat)`` to keep everything in a temporary file.
    ``override_camera`` sets a camera for this run only (``dancelike app --camera SPEC``).
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._camera_override: str | None = None

    @property
    def qsettings(self) -> QSettings:
        return self._q

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings otherwise does it lazily)."""
        self._q.sync()

    def _get(self, key: str, default: object) -> object:
        return self._q.value(key, default)

    def _set(self, key: str, value: object) -> None:
        self._q.setValue(key, value)

    def _choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = str(self._get(key, default))
        return value if value in allowed else default

    # --- language ----------------------------------------------------------------------

    @property
    def language(self) -> str:
        """ "system" (the desktop's language) or a code of ``i18n.LANGUAGES``; used from the next start."""
        return self._choice("app/language", ("system", *LANGUAGES), "system")

    @language.setter
    def language(self, code: str) -> None:
        self._set("app/language", code if code in LANGUAGES else "system")

    # --- camera ------------------------------------------------------------------------

    @property
    def camera(self) -> str:
        """ "auto", "demo", a device index ("0") or a video file path."""
        if self._camera_override:
            return self._camera_override
        value = str(self._get("camera/source", "auto")).strip()
        return value or "auto"

    @camera.setter
    def camera(self, spec: str) -> None:
        self._camera_override = None
        self._set("camera/source", (spec or "auto").strip())

    def override_camera(self, spec: str | None) -> None:
        """Use ``spec`` for this run without remembering it (None: back to the saved one)."""
        self._camera_override = spec.strip() if spec else None

    @property
    def resolution(self) -> tuple[int, int]:
        value = self._get("camera/resolution", "640x480")
        text = "x".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
        try:
            width, height = (int(v) for v in text.lower().split("x"))
        except ValueError:
            return RESOLUTIONS[0]
        return (width, height) if (width, height) in RESOLUTIONS else RESOLUTIONS[0]

    @resolution.setter
    def resolution(self, size: tuple[int, int]) -> None:
        width, height = (int(v) for v in size)
        self._set("camera/resolution", f"{width}x{height}")

    @property
    def mirror(self) -> str:
        return self._choice("camera/mirror", MIRROR_MODES, "auto")

    @mirror.setter
    def mirror(self, mode: str) -> None:
        if mode not in MIRROR_MODES:
            raise ValueError(f"mirror must be one of {MIRROR_MODES}, got {mode!r}")
        self._set("camera/mirror", mode)

    def resolved_camera(self) -> tuple[str, str]:
        """The camera spec to open and a note for the user ("" when there is nothing to say).

        "auto" takes the first webcam that opens, else the demo dancer; a device index that is
        not connected any more, or a video file that is not there any more, also falls back to
        the demo dancer, and says so. A video file is never looked for among the webcams.
        """
        spec = self.camera
        if spec == "auto":
            found = list_cameras()
            return (str(found[0]), "") if found else ("demo", translate("Settings", NO_WEBCAM_NOTE))
        if spec.isdigit() and int(spec) not in list_cameras():
            return "demo", translate("Settings", "Camera {index} is not connected: the demo dancer dances for you.").format(index=spec)
        file = camera_file(spec)
        if file is not None and not file.is_file():
            gone = translate("Settings", "The video file set as the camera ({file}) is not there any more: the demo dancer dances for you.")
            return "demo", gone.format(file=file.name)
        return spec, ""

    # --- latency -----------------------------------------------------------------------

    @staticmethod
    def _latency_key(camera: str) -> str:
        # Camera specs can be file paths; QSettings would read their slashes as groups.
        return "latency/" + quote(camera.strip() or "auto", safe="")

    def latency_for(self, camera: str) -> float:
        """The calibrated camera-plus-audio latency in seconds (0.0 when never calibrated)."""
        return _float(self._get(self._latency_key(camera), 0.0), 0.0)

    def has_latency(self, camera: str) -> bool:
        return self._q.contains(self._latency_key(camera))

    def set_latency(self, camera: str, seconds: float) -> None:
        self._set(self._latency_key(camera), float(seconds))

    # --- session -------------------------------------------------------------------------

    @property
    def record(self) -> bool:
        """Keep a recording of each session (needed for the replay and for crash recovery)."""
        return _bool(self._get("session/record", True), True)

    @record.setter
    def record(self, on: bool) -> None:
        self._set("session/record", bool(on))

    @property
    def model_threads(self) -> int:
        try:
            value = int(_float(self._get("session/model_threads", 1), 1))
        except (OverflowError, ValueError):
            value = 1
        return max(1, min(MAX_MODEL_THREADS, value))

    @model_threads.setter
    def model_threads(self, n: int) -> None:
        self._set("session/model_threads", max(1, min(MAX_MODEL_THREADS, int(n))))

    @property
    def layout(self) -> str:
        """Camera "beside" the reference, or "inside" it (picture in picture)."""
        return self._choice("session/layout", LAYOUTS, "beside")

    @layout.setter
    def layout(self, value: str) -> None:
        if value not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, got {value!r}")
        self._set("session/layout", value)

    @property
    def overlays(self) -> set[str]:
        value = self._get("session/overlays", "parts")
        items = value if isinstance(value, (list, tuple)) else str(value).split(",")
        return {str(v).strip() for v in items if str(v).strip() in OVERLAYS}

    @overlays.setter
    def overlays(self, names: set[str]) -> None:
        unknown = set(names) - OVERLAYS
        if unknown:
            raise ValueError(f"unknown overlays: {', '.join(sorted(unknown))}")
        # Written as one comma string (never empty: QSettings drops empty lists in INI files).
        self._set("session/overlays", ",".join(sorted(names)) or "none")

    @property
    def speed(self) -> float:
        return max(0.5, min(1.0, _float(self._get("session/speed", 1.0), 1.0)))

    @speed.setter
    def speed(self, rate: float) -> None:
        self._set("session/speed", max(0.5, min(1.0, float(rate))))

    @property
    def stretch(self) -> str:
        return self._choice("session/stretch", STRETCH_MODES, "wsola")

    @stretch.setter
    def stretch(self, value: str) -> None:
        if value not in STRETCH_MODES:
            raise ValueError(f"stretch must be one of {STRETCH_MODES}, got {value!r}")
        self._set("session/stretch", value)

    @property
    def players(self) -> int:
        """How many people dance at once in front of the camera (1 or 2), each scored."""
        return 2 if str(self._get("session/players", 1)) == "2" else 1

    @players.setter
    def players(self, count: int) -> None:
        if count not in (1, 2):
            raise ValueError(f"players must be 1 or 2, got {count!r}")
        self._set("session/players", int(count))

    # --- storage -------------------------------------------------------------------------

    @property
    def data_folder(self) -> str:
        """The chosen data folder ("" = the default); takes effect at the next launch."""
        return str(self._get("storage/data_folder", "") or "")

    @data_folder.setter
    def data_folder(self, folder: str) -> None:
        self._set("storage/data_folder", str(folder or ""))
