"""DanceLike in the applications menu (freedesktop.org), for the current user only.

    python -m dancelike.desktop_entry install [--exec PATH] [--data-home DIR]   (make install)
    python -m dancelike.desktop_entry uninstall [--data-home DIR]               (make uninstall)
    dancelike install-desktop [--uninstall]                                     (pip, pipx)

``install`` writes, under ``$XDG_DATA_HOME`` (``~/.local/share`` when unset):

    applications/dancelike.desktop                 assets/dancelike.desktop, with Exec and TryExec
                                                   naming the absolute path of the venv's dancelike
    icons/hicolor/<N>x<N>/apps/dancelike.png       N = 16, 32, 48, 64, 128, 256
    icons/hicolor/scalable/apps/dancelike.svg

so the menu starts DanceLike without an activated venv, and hides the entry (TryExec) once that
venv is gone (``make clean``). ``uninstall`` removes exactly these files. Either then refreshes
the desktop's caches when their tools are installed: ``update-desktop-database`` for the
applications folder, and ``gtk-update-icon-cache`` only for an icon cache that already exists
(without one, GTK reads the folders; a cache made here would hide icons other programs add later).
No Qt here: this runs before and without the GUI.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from dancelike.errors import DanceLikeError, SetupError
from dancelike.i18n import translate
from dancelike.resources import DESKTOP_ENTRY, ICON_NAME, ICON_SIZES, asset_path, icon_png, icon_svg

#: Characters that make an Exec argument need quoting (the Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """The user's data folder as platformdirs finds it (``$XDG_DATA_HOME``, else ``~/.local/share``),
    where the menu looks. A relative ``$XDG_DATA_HOME`` is ignored, as the XDG spec says."""
    try:
        import platformdirs
    except ImportError:  # `make uninstall` after `make clean` runs this with the system Python
        found = os.environ.get("XDG_DATA_HOME", "")
    else:
        found = platformdirs.user_data_dir()
    return Path(found) if os.path.isabs(found) else Path.home() / ".local" / "share"


def default_executable() -> Path:
    """The ``dancelike`` the entry starts: the one beside this Python (a venv, pipx), else the one
    on ``PATH`` (``pip install --user``)."""
    beside = Path(sys.executable).parent / "dancelike"
    found = shutil.which("dancelike")
    return beside if beside.is_file() or not found else Path(found)


def entry_path(data: Path) -> Path:
    return data / "applications" / DESKTOP_ENTRY


def icon_paths(data: Path) -> dict[Path, int | None]:
    """Where each icon goes in the hicolor theme: PNG size, or None for the scalable SVG."""
    hicolor = data / "icons" / "hicolor"
    paths: dict[Path, int | None] = {hicolor / f"{n}x{n}" / "apps" / f"{ICON_NAME}.png": n for n in ICON_SIZES}
    paths[hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"] = None
    return paths


def installed_paths(data: Path) -> list[Path]:
    """Every file ``install`` writes under ``data``, the entry first."""
    return [entry_path(data), *icon_paths(data)]


def exec_argument(arg: str) -> str:
    """``arg`` as one argument of an Exec value (quoted when it holds a reserved character)."""
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in arg):
        raise SetupError(translate("DesktopEntry", "cannot name {argument} in a desktop entry: it holds a control character").format(argument=repr(arg)))
    if _RESERVED & set(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("%", "%%")


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes escaped (applied after Exec's own quoting)."""
    return text.replace("\\", "\\\\")


def entry_text(executable: Path) -> str:
    """The shipped entry with ``Exec``/``TryExec`` naming ``executable`` (an absolute path)."""
    lines = []
    for line in asset_path(DESKTOP_ENTRY).read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == "Exec":
            _, _, args = value.partition(" ")  # "dancelike app" -> the arguments after the program
            line = f"Exec={_string_value(exec_argument(str(executable)))}" + (f" {args}" if args else "")
        elif key == "TryExec":
            line = f"TryExec={_string_value(str(executable))}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(target: Path, data: bytes) -> None:
    """``data`` into ``target`` (0644) through a file beside it, renamed over it when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        partial.chmod(0o644)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def install(data: Path, executable: Path) -> list[Path]:
    """Write the desktop entry and the icons under ``data``; the files written."""
    executable = Path(os.path.abspath(executable))
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        raise SetupError(translate("DesktopEntry", "{path} is not an executable: install DanceLike first (make setup)").format(path=executable))
    written = []
    for target, size in icon_paths(data).items():
        source = icon_svg() if size is None else icon_png(size)
        _write(target, source.read_bytes())
        written.append(target)
    entry = entry_path(data)
    _write(entry, entry_text(executable).encode("utf-8"))  # last: the menu shows it once its icon is there
    return [entry, *written]


def uninstall(data: Path) -> list[Path]:
    """Remove the files ``install`` writes under ``data`` (and nothing else); the files removed."""
    removed = []
    for path in installed_paths(data):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    return removed


def refresh_caches(data: Path) -> list[list[str]]:
    """Update the desktop's caches of ``data`` where their tools exist; the commands run."""
    commands = []
    applications = entry_path(data).parent
    tool = shutil.which("update-desktop-database")
    if tool and applications.is_dir():
        commands.append([tool, "-q", str(applications)])
    hicolor = data / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)  # a cache older than its folder is ignored: a stale one never hides ours
        tool = shutil.which("gtk-update-icon-cache")
        if tool and (hicolor / "icon-theme.cache").is_file():
            commands.append([tool, "-q", "-t", "-f", str(hicolor)])
    for command in commands:
        try:
            subprocess.run(command, check=False, timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            pass  # a cache is an optimisation: the menu finds the files without it
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    about = translate("DesktopEntry", "DanceLike in the applications menu (this user only).")
    parser = argparse.ArgumentParser(prog="python -m dancelike.desktop_entry", description=about)
    parser.add_argument("action", choices=("install", "uninstall"))
    parser.add_argument(
        "--exec", dest="executable", metavar="PATH", help=translate("DesktopEntry", "the dancelike executable the entry starts (default: the one beside this Python)")
    )
    parser.add_argument("--data-home", metavar="DIR", help=translate("DesktopEntry", "default: $XDG_DATA_HOME or ~/.local/share"))
    args = parser.parse_args(argv)
    data = Path(args.data_home) if args.data_home else data_home()
    try:
        if args.action == "install":
            executable = Path(args.executable) if args.executable else default_executable()
            done = install(data, executable)
            print(translate("DesktopEntry", "installed DanceLike in the applications menu (Exec: {path} app):").format(path=os.path.abspath(executable)))
        else:
            done = uninstall(data)
            if done:
                print(translate("DesktopEntry", "removed DanceLike from the applications menu:"))
            else:
                print(translate("DesktopEntry", "nothing to remove: DanceLike is not installed in {path}").format(path=data))
    except (DanceLikeError, OSError) as exc:
        print(f"dancelike: error: {exc}", file=sys.stderr)
        return exc.exit_code if isinstance(exc, DanceLikeError) else 1
    for path in done:
        print(f"  {path}")
    for command in refresh_caches(data):
        print("  " + translate("DesktopEntry", "ran {command}").format(command=" ".join(command)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
