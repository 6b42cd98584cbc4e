"""Find the Linux system libraries that PySide6/Qt needs but the machine lacks.

The PySide6 wheel bundles Qt itself but links against the system's OpenGL, X11/xcb,
xkbcommon, fontconfig, D-Bus, GLib and PulseAudio (QtMultimedia) libraries. When one
is missing, Qt fails late with an obscure "could not load the Qt platform plugin"
message, so we check up front and name the exact Debian/Ubuntu packages to install.

The list below comes from ``readelf -d`` on PySide6 6.12's QtCore/Gui/Widgets/
Multimedia/DBus/XcbQpa libraries and its ``xcb``, ``offscreen``, xcb GL integration and
FFmpeg multimedia plugins. Nothing here imports Qt: the check must work when Qt cannot
load at all (``dancelike.i18n`` reads the catalogue without Qt).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys

from dancelike.i18n import translate

#: Debian package -> shared objects (sonames) it provides that Qt links against.
QT_SYSTEM_LIBRARIES: dict[str, tuple[str, ...]] = {
    "libgl1": ("libGL.so.1",),
    "libegl1": ("libEGL.so.1",),
    "libfontconfig1": ("libfontconfig.so.1",),
    "libfreetype6": ("libfreetype.so.6",),
    "libdbus-1-3": ("libdbus-1.so.3",),
    "libglib2.0-0": ("libglib-2.0.so.0", "libgthread-2.0.so.0"),
    "libxkbcommon0": ("libxkbcommon.so.0",),
    "libxkbcommon-x11-0": ("libxkbcommon-x11.so.0",),
    "libpulse0": ("libpulse.so.0",),
    "libx11-6": ("libX11.so.6",),
    "libx11-xcb1": ("libX11-xcb.so.1",),
    "libxext6": ("libXext.so.6",),
    "libxrandr2": ("libXrandr.so.2",),
    "libxcb1": ("libxcb.so.1",),
    "libxcb-cursor0": ("libxcb-cursor.so.0",),
    "libxcb-glx0": ("libxcb-glx.so.0",),
    "libxcb-icccm4": ("libxcb-icccm.so.4",),
    "libxcb-image0": ("libxcb-image.so.0",),
    "libxcb-keysyms1": ("libxcb-keysyms.so.1",),
    "libxcb-randr0": ("libxcb-randr.so.0",),
    "libxcb-render0": ("libxcb-render.so.0",),
    "libxcb-render-util0": ("libxcb-render-util.so.0",),
    "libxcb-shape0": ("libxcb-shape.so.0",),
    "libxcb-shm0": ("libxcb-shm.so.0",),
    "libxcb-sync1": ("libxcb-sync.so.1",),
    "libxcb-util1": ("libxcb-util.so.1",),
    "libxcb-xfixes0": ("libxcb-xfixes.so.0",),
    "libxcb-xkb1": ("libxcb-xkb.so.1",),
}


#: Languages whose script the fonts every Linux has (DejaVu, Liberation) lack: fontconfig's
#: language tag for it, the Debian/Ubuntu package that brings a font that draws it, and the
#: language's name in English. Without such a font, Qt draws every character as an empty box.
LANGUAGE_FONTS: dict[str, tuple[str, str, str]] = {"zh_CN": ("zh-cn", "fonts-noto-cjk", "Chinese")}


def missing_language_font(language: str) -> str | None:
    """The Debian/Ubuntu package to install when no font here can draw ``language``, else
    ``None`` (the language needs no font of its own, one is installed, or this is not a Linux
    whose fonts ``fc-list`` can list: Windows and macOS come with fonts for Chinese)."""
    if language not in LANGUAGE_FONTS or not sys.platform.startswith("linux") or shutil.which("fc-list") is None:
        return None
    tag, package, _ = LANGUAGE_FONTS[language]
    try:
        listed = subprocess.run(["fc-list", f":lang={tag}", "family"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return package if listed.returncode == 0 and not listed.stdout.strip() else None


def missing_font_warning(language: str) -> str | None:
    """One line, in English on purpose (the language itself would show as boxes), when
    ``language`` has no font here: what the user sees, and the command that mends it."""
    package = missing_language_font(language)
    if package is None:
        return None
    name = LANGUAGE_FONTS[language][2]
    return f"This computer has no font for {name}, so its words show as empty boxes: install one with {install_hint([package])}, then start DanceLike again."


def _loadable(soname: str) -> bool:
    """True when the dynamic loader can open ``soname`` the way Qt would (same search path)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_system_libraries() -> list[str]:
    """Debian package names whose libraries Qt needs and the loader cannot find.

    Returns ``[]`` on non-Linux systems, where the PySide6 wheels bring what they need.
    """
    if not sys.platform.startswith("linux"):
        return []
    return [pkg for pkg, sonames in QT_SYSTEM_LIBRARIES.items() if not all(map(_loadable, sonames))]


def install_hint(pkgs: list[str]) -> str:
    """The exact command that installs ``pkgs`` on Debian/Ubuntu."""
    return "sudo apt-get install -y " + " ".join(pkgs)


def apt_command(pkgs: list[str]) -> list[list[str]] | None:
    """The commands that install ``pkgs`` here (with sudo when not root), or ``None`` where
    there is no apt-get (not Debian/Ubuntu) or no way to become root."""
    if shutil.which("apt-get") is None:
        return None
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if shutil.which("sudo") is None:
            return None
        prefix = ["sudo"]
    return [[*prefix, "apt-get", "update", "-qq"], [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *pkgs]]


def install(pkgs: list[str]) -> bool:
    """Install ``pkgs`` with apt-get, saying what and why first; False when it cannot."""
    commands = apt_command(pkgs)
    if commands is None:
        return False
    text = translate("SystemCheck", "installing the system libraries Qt needs ({packages}): {command}")
    print(text.format(packages=" ".join(pkgs), command=" ".join(commands[-1])), file=sys.stderr)
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return all(subprocess.run(command, env=environment, check=False).returncode == 0 for command in commands)


def main(argv: list[str] | None = None) -> int:
    """Print "system libraries: ok" (exit 0), or with ``--install`` install what is missing on
    Debian/Ubuntu (apt-get, with sudo when not root); else name the exact command (exit 1)."""
    arguments = sys.argv[1:] if argv is None else argv
    missing = missing_system_libraries()
    if missing and "--install" in arguments and install(missing):
        missing = missing_system_libraries()
    if not missing:
        print(translate("SystemCheck", "system libraries: ok"))
        return 0
    print(translate("SystemCheck", "missing system libraries for Qt; install them with: {command}").format(command=install_hint(missing)), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
