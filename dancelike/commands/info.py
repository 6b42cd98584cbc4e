"""``dancelike info``: one screen to paste into a bug report.

Versions, the CPU and the instruction sets the models' kernels use, the bundled models with their
SHA-256, the data, cache and log folders, cameras and audio outputs. Nothing here may fail or hang
on a broken machine: each part says what it could not find instead. Qt is asked in a child process
(with a timeout): its multimedia back ends print to stderr and may wait for a sound server, and
the command line does not load Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from dancelike import i18n, logs
from dancelike.commands._io import write_json
from dancelike.errors import DanceLikeError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.store import paths
from dancelike.syscheck import missing_font_warning
from dancelike.vision.model_files import MODEL_SHA256, models_dir, sha256_of

#: The flags of /proc/cpuinfo worth naming: XNNPACK picks its kernels by them.
CPU_FLAGS = ("sse4_2", "avx", "fma", "f16c", "avx2", "avx_vnni", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile")
#: What each library is called on screen, by its distribution name.
LIBRARIES = {"PySide6": "PySide6", "ai-edge-litert": "LiteRT", "av": "PyAV", "numpy": "numpy", "opencv-python-headless": "OpenCV", "platformdirs": "platformdirs"}
_QT_PROBE = (
    "import json; from PySide6 import QtCore, QtMultimedia; app = QtCore.QCoreApplication([]); "
    "print(json.dumps({'qt': QtCore.qVersion(), 'audio': [d.description() for d in QtMultimedia.QMediaDevices.audioOutputs()]}))"
)
_QT_TIMEOUT = 15.0


def cpu(cpuinfo: Path = Path("/proc/cpuinfo")) -> dict[str, Any]:
    """The CPU's model, core count and notable instruction sets (from /proc/cpuinfo when present)."""
    model, flags = platform.processor() or platform.machine(), set[str]()
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and value.strip():
            model = value.strip()
        elif key.strip() in ("flags", "Features") and not flags:
            flags = set(value.split())
    return {"model": model, "cores": os.cpu_count(), "flags": [flag for flag in CPU_FLAGS if flag in flags], "avx2": "avx2" in flags, "avx512": "avx512f" in flags}


def models() -> list[dict[str, str]]:
    """Each bundled model with its SHA-256 and whether it is the shipped one."""
    found = []
    for name, expected in MODEL_SHA256.items():
        path = models_dir() / name
        try:
            digest = sha256_of(path)
        except OSError:
            found.append({"name": name, "path": str(path), "sha256": "", "status": "missing"})
            continue
        found.append({"name": name, "path": str(path), "sha256": digest, "status": "ok" if digest == expected else "altered"})
    return found


def landmark_model() -> dict[str, Any]:
    """The landmark model this machine runs and each candidate's measured time (measured now,
    a few hundred milliseconds, when this machine never was; ``vision.model_choice``)."""
    from dancelike.vision.model_choice import current

    try:
        choice = current()
    except (DanceLikeError, OSError, RuntimeError, ValueError) as exc:  # a broken install: say so, go on
        return {"model": "", "label": "", "how": "failed", "ms": {}, "error": str(exc)}
    return {"model": choice.model, "label": choice.label, "how": choice.how, "ms": choice.ms, "describe": choice.describe()}


def folders() -> dict[str, str]:
    """The data, cache and log folders (or why one cannot be used)."""
    found = {}
    for name, where in (("data", paths.data_dir), ("cache", paths.cache_dir), ("log", paths.log_dir)):
        try:
            found[name] = str(where())
        except DanceLikeError as exc:
            found[name] = translate("Info", "unusable: {reason}").format(reason=exc)
    return found


def cameras() -> list[str]:
    """The video devices, named from sysfs without opening them (Linux); elsewhere the indices
    that open (each for a moment)."""
    sysfs = Path("/sys/class/video4linux")
    if sys.platform.startswith("linux"):
        nodes = sorted(sysfs.glob("video*"), key=lambda p: int(p.name[5:]) if p.name[5:].isdigit() else 0) if sysfs.is_dir() else []
        return [f"/dev/{node.name}: {_read(node / 'name')}" for node in nodes]
    from dancelike.media.camera import list_cameras

    return [f"camera {index}" for index in list_cameras()]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "?"


def qt() -> dict[str, Any]:
    """Qt's version and the audio outputs QtMultimedia sees, from a child process."""
    try:
        done = subprocess.run([sys.executable, "-c", _QT_PROBE], capture_output=True, text=True, timeout=_QT_TIMEOUT, check=False)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        return {"qt": str(found["qt"]), "audio": [str(name) for name in found["audio"]]}
    except (OSError, subprocess.SubprocessError, ValueError, IndexError, KeyError, TypeError):
        return {"qt": "not available", "audio": []}


def language() -> dict[str, str]:
    """The language spoken, the catalogue its words come from (none for English, the source),
    and, when no font here draws it, what to install (``font_missing``: in English)."""
    code = i18n.language()
    if code == i18n.SOURCE_LANGUAGE:
        catalogue = ""
    elif i18n.qm_path(code).is_file():
        catalogue = str(i18n.qm_path(code))
    else:
        catalogue = str(i18n.locale_dir() / f"*_{code}.ts")
    found = {"code": code, "name": i18n.LANGUAGES.get(code, code), "catalogue": catalogue}
    no_font = missing_font_warning(code)
    return {**found, "font_missing": no_font} if no_font else found


#: What ``render`` calls the data's words (the JSON keeps them as they are).
_STATUS = {"ok": QT_TRANSLATE_NOOP("Info", "ok"), "missing": QT_TRANSLATE_NOOP("Info", "missing"), "altered": QT_TRANSLATE_NOOP("Info", "altered")}
_FOLDERS = {"data": QT_TRANSLATE_NOOP("Info", "data"), "cache": QT_TRANSLATE_NOOP("Info", "cache"), "log": QT_TRANSLATE_NOOP("Info", "log")}


def _label(text: str, width: int = 13) -> str:
    """``text`` padded to ``width`` columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - columns + 1)


def gather() -> dict[str, Any]:
    """Everything ``info`` shows, as plain data (the JSON)."""
    versions = logs.versions()
    probe = qt()
    return {
        "dancelike": versions["dancelike"],
        "python": versions["Python"],
        "platform": versions["platform"],
        "qt": probe["qt"],
        "libraries": {LIBRARIES[name]: versions[name] for name in LIBRARIES},
        "cpu": cpu(),
        "models": models(),
        "landmark_model": landmark_model(),
        "folders": {**folders(), "log_file": str(logs.log_file() or "")},
        "cameras": cameras(),
        "audio_outputs": probe["audio"],
        "language": language(),
    }


def render(info: dict[str, Any]) -> str:
    """The one screen."""
    cpu_info = info["cpu"]
    yes, no = translate("Info", "yes"), translate("Info", "no")
    platform_label = _label(translate("Info", "Platform"))
    lines = [f"DanceLike {info['dancelike']}", f"  Python        {info['python']}", f"  {platform_label}{info['platform']}", f"  Qt            {info['qt']}"]
    lines += [f"  {name:<13} {version}" for name, version in info["libraries"].items()]
    spoken = info.get("language")
    if spoken:
        language_label, catalogue_label = _label(translate("Info", "Language"), 15), _label(translate("Info", "Catalogue"))
        catalogue = spoken["catalogue"] or translate("Info", "none: English is built in")
        lines += [f"{language_label}{spoken['name']} ({spoken['code']})", f"  {catalogue_label}{catalogue}"]
        if spoken.get("font_missing"):
            font_label = _label(translate("Info", "Font"))
            lines.append(f"  {font_label}{spoken['font_missing']}")
    cores = translate("Info", "{model} ({cores} cores)").format(model=cpu_info["model"], cores=cpu_info["cores"])
    flags = " ".join(cpu_info["flags"]) or translate("Info", "no flags listed")
    lines += [f"CPU             {cores}", f"  AVX2 {yes if cpu_info['avx2'] else no}, AVX-512 {yes if cpu_info['avx512'] else no}; {flags}", translate("Info", "Models")]
    statuses = {status: translate("Info", text) for status, text in _STATUS.items()}
    lines += [f"  {m['name']:<34} {m['sha256'][:16] or '-':<16}  {statuses.get(m['status'], m['status'])}" for m in info["models"]]
    chosen = info.get("landmark_model")
    if chosen:
        what = chosen.get("describe") or chosen.get("error", "")
        lines.append("  " + translate("Info", "Landmark model run here: {choice}").format(choice=what))
    folders_shown = [(translate("Info", _FOLDERS.get(name, name)), path) for name, path in info["folders"].items() if name != "log_file"]
    lines += [translate("Info", "Folders")] + [f"  {_label(name)}{path}" for name, path in folders_shown]
    none_found = translate("Info", "none found")
    lines += [translate("Info", "Cameras")] + [f"  {camera}" for camera in info["cameras"] or [none_found]]
    lines += [translate("Info", "Audio outputs")] + [f"  {output}" for output in info["audio_outputs"] or [none_found]]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    info = gather()
    if args.json:
        write_json(info, args.json)
    else:
        print(render(info))
    return 0
