"""DanceLike in the applications menu: the shipped desktop entry, what ``make install`` writes
(dancelike.desktop_entry) and that ``make uninstall`` takes exactly that away again.

The entry is read here by a small reader of the Desktop Entry spec of its own (groups, key=value
lines, string escapes, Exec quoting), not by the module that writes it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dancelike import desktop_entry, resources
from dancelike.errors import SetupError

REPO = Path(__file__).resolve().parent.parent
REQUIRED = {"Type", "Name", "Exec", "Icon"}


def read_entry(text: str) -> dict[str, str]:
    """The [Desktop Entry] group: every line a comment, blank, or key=value under a group header."""
    group = None
    entry: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        key, sep, value = line.partition("=")
        name, _, locale = key.partition("[")  # a translated value: Comment[zh_CN]=...
        assert locale == "" or (locale.endswith("]") and locale[:-1].replace("_", "").replace("@", "").isalnum()), f"line {number}: bad locale {key!r}"
        assert sep and key == key.strip() and name.replace("-", "").isalnum(), f"line {number} is not key=value: {line!r}"
        assert group is not None, f"line {number} comes before any group"
        if group == "Desktop Entry":
            assert key not in entry, f"{key} twice"
            entry[key] = value
    assert group is not None and text.lstrip().startswith("[Desktop Entry]"), "the first group must be [Desktop Entry]"
    return entry


def unescape(value: str) -> str:
    """A string value's escapes (\\s \\n \\t \\r \\\\)."""
    out, chars = [], iter(value)
    for ch in chars:
        out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(next(chars, ""), "") if ch == "\\" else ch)
    return "".join(out)


def exec_argv(value: str) -> list[str]:
    """An Exec value as the launcher's argv: unescaped, split on unquoted spaces, %% -> %."""
    argv, current, quoted, chars, started = [], [], False, iter(unescape(value)), False
    for ch in chars:
        if quoted and ch == "\\":
            current.append(next(chars))
        elif ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                argv.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
    assert not quoted, f"unbalanced quotes in {value!r}"
    if started or current:
        argv.append("".join(current))
    return [arg.replace("%%", "%") for arg in argv]


def fake_executable(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "dancelike"
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(0o755)
    return exe


# --- the shipped entry -----------------------------------------------------------------------


def test_the_shipped_entry_parses_and_names_the_app() -> None:
    entry = read_entry(resources.asset_path(resources.DESKTOP_ENTRY).read_text(encoding="utf-8"))
    assert REQUIRED <= set(entry)
    assert (entry["Type"], entry["Name"], entry["Exec"], entry["Icon"], entry["Terminal"]) == ("Application", "DanceLike", "dancelike app", "dancelike", "false")
    assert entry["Icon"] == resources.ICON_NAME and entry["GenericName"] and entry["Comment"]
    assert entry["Categories"] == "Education;Video;AudioVideo;" and entry["Keywords"].endswith(";")
    assert entry["StartupWMClass"] == "DanceLike"  # QApplication's applicationName: X11's WM_CLASS
    assert entry["GenericName[zh_CN]"] and entry["Comment[zh_CN]"] and entry["Keywords[zh_CN]"].endswith(";")  # the menu in Chinese


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate absent (apt package desktop-file-utils)")
def test_the_shipped_entry_is_valid_by_desktop_file_validate() -> None:
    result = subprocess.run(["desktop-file-validate", str(resources.asset_path(resources.DESKTOP_ENTRY))], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout  # hints (two main categories) are fine


# --- install / uninstall ---------------------------------------------------------------------


def test_install_writes_an_entry_that_starts_the_venv_and_finds_its_icon(tmp_path: Path) -> None:
    exe = fake_executable(tmp_path / "my checkout" / ".venv" / "bin")  # a space: Exec has to quote it
    data = tmp_path / "share"
    written = desktop_entry.install(data, exe)
    assert written == desktop_entry.installed_paths(data) and all(p.is_file() for p in written)

    entry_file = data / "applications" / "dancelike.desktop"
    entry = read_entry(entry_file.read_text(encoding="utf-8"))
    argv = exec_argv(entry["Exec"])
    assert argv == [str(exe), "app"] and Path(argv[0]).is_absolute() and os.access(argv[0], os.X_OK)
    assert unescape(entry["TryExec"]) == str(exe)
    shipped = read_entry(resources.asset_path(resources.DESKTOP_ENTRY).read_text(encoding="utf-8"))
    assert {k: v for k, v in entry.items() if k not in ("Exec", "TryExec")} == {k: v for k, v in shipped.items() if k not in ("Exec", "TryExec")}

    icons = sorted((data / "icons" / "hicolor").glob(f"*/apps/{entry['Icon']}.*"))
    assert len(icons) == len(resources.ICON_SIZES) + 1  # every PNG size and the scalable SVG
    for size in resources.ICON_SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "dancelike.png"
        assert png.read_bytes() == resources.icon_png(size).read_bytes()
    assert (data / "icons/hicolor/scalable/apps/dancelike.svg").read_bytes() == resources.icon_svg().read_bytes()
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in written)

    assert desktop_entry.install(data, exe) == written  # again: the same files, overwritten


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    data = tmp_path / "share"
    others = [data / "applications" / "other.desktop", data / "icons" / "hicolor" / "48x48" / "apps" / "other.png"]
    for other in others:
        other.parent.mkdir(parents=True)
        other.write_text("someone else's")
    written = desktop_entry.install(data, fake_executable(tmp_path / "bin"))
    assert sorted(desktop_entry.uninstall(data)) == sorted(written)
    assert not any(p.exists() for p in written) and all(p.is_file() for p in others)
    assert desktop_entry.uninstall(data) == []  # twice: nothing left to remove


def test_install_refuses_an_executable_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="not an executable"):
        desktop_entry.install(tmp_path / "share", tmp_path / "nothing" / "dancelike")
    assert not (tmp_path / "share").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/opt/dancelike/.venv/bin/dancelike",
        "/home/me/my dances/.venv/bin/dancelike",
        '/tmp/a"b/dancelike',
        "/tmp/$HOME/`x`/dancelike",
        "/tmp/back\\slash/dancelike",
        "/tmp/100%/dancelike",
        "/tmp/it's (mine)/dancelike",
    ],
)
def test_exec_quoting_round_trips(path: str) -> None:
    value = desktop_entry._string_value(desktop_entry.exec_argument(path)) + " app"
    assert exec_argv(value) == [path, "app"]
    assert (value.startswith('"') or value.startswith("/")) and ("%" not in path or "%%" in value)


def test_a_control_character_cannot_be_named() -> None:
    with pytest.raises(SetupError, match="control character"):
        desktop_entry.exec_argument("/tmp/line\nbreak/dancelike")


def test_data_home_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/me")
    monkeypatch.setenv("XDG_DATA_HOME", "/x/data")
    assert desktop_entry.data_home() == Path("/x/data")
    for unset in (None, "", "relative/data"):
        if unset is None:
            monkeypatch.delenv("XDG_DATA_HOME")
        else:
            monkeypatch.setenv("XDG_DATA_HOME", unset)
        assert desktop_entry.data_home() == Path("/home/me/.local/share")


def test_caches_are_refreshed_only_with_their_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools, log = tmp_path / "tools", tmp_path / "ran.log"
    tools.mkdir()
    for name in ("update-desktop-database", "gtk-update-icon-cache"):
        (tools / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n')
        (tools / name).chmod(0o755)
    data = tmp_path / "share"
    desktop_entry.install(data, fake_executable(tmp_path / "bin"))

    monkeypatch.setenv("PATH", str(tools))
    ran = desktop_entry.refresh_caches(data)
    assert [Path(c[0]).name for c in ran] == ["update-desktop-database"]  # no icon cache yet: none is made
    (data / "icons" / "hicolor" / "icon-theme.cache").write_bytes(b"stale")
    ran = desktop_entry.refresh_caches(data)
    assert [Path(c[0]).name for c in ran] == ["update-desktop-database", "gtk-update-icon-cache"]
    assert log.read_text().splitlines()[-1] == f"gtk-update-icon-cache -q -t -f {data / 'icons' / 'hicolor'}"

    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    assert desktop_entry.refresh_caches(data) == []  # neither tool: nothing to run, no error


def test_the_command_says_what_it_installed_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    exe, data = fake_executable(tmp_path / "bin"), tmp_path / "share"
    assert desktop_entry.main(["install", "--exec", str(exe), "--data-home", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"Exec: {exe} app" in out and all(str(p) in out for p in desktop_entry.installed_paths(data))
    assert desktop_entry.main(["uninstall", "--data-home", str(data)]) == 0
    assert "removed" in capsys.readouterr().out
    assert desktop_entry.main(["uninstall", "--data-home", str(data)]) == 0
    assert "nothing to remove" in capsys.readouterr().out
    assert desktop_entry.main(["install", "--exec", str(tmp_path / "missing"), "--data-home", str(data)]) == 1
    assert "not an executable" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_install_and_uninstall(tmp_path: Path) -> None:
    """The Makefile's targets, on this checkout's .venv (skipped when it is not set up and current)."""
    venv_exe = REPO / ".venv" / "bin" / "dancelike"
    if not venv_exe.is_file() or subprocess.run(["make", "-q", "setup"], cwd=REPO, check=False, capture_output=True).returncode != 0:
        pytest.skip("the checkout's .venv is not set up (make setup)")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("MAKEFLAGS", None)
    installed = subprocess.run(["make", "-s", "install"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    entry = read_entry((tmp_path / "data" / "applications" / "dancelike.desktop").read_text(encoding="utf-8"))
    assert exec_argv(entry["Exec"]) == [str(venv_exe), "app"]
    assert (tmp_path / "data" / "icons" / "hicolor" / "256x256" / "apps" / f"{entry['Icon']}.png").is_file()
    assert "dancelike.desktop" in installed.stdout and not (tmp_path / "home").exists()  # XDG_DATA_HOME wins over HOME

    removed = subprocess.run(["make", "-s", "uninstall"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert removed.returncode == 0, removed.stderr
    assert not [p for p in (tmp_path / "data").rglob("*") if p.is_file() and p.name.startswith("dancelike")]


@pytest.mark.slow
def test_dancelike_install_desktop_for_pip_and_pipx_users(tmp_path: Path) -> None:
    """``dancelike install-desktop``: the menu entry without make, starting the dancelike beside
    this Python (the venv pip or pipx made)."""
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": str(tmp_path / "no-tools"),
        "DANCELIKE_HOME": str(tmp_path / "dl"),
    }
    script = Path(sys.executable).parent / "dancelike"
    if not script.is_file():
        pytest.skip("no dancelike script beside this Python")
    installed = subprocess.run([str(script), "install-desktop"], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    entry = read_entry((tmp_path / "data" / "applications" / "dancelike.desktop").read_text(encoding="utf-8"))
    assert exec_argv(entry["Exec"]) == [str(script), "app"]
    removed = subprocess.run([str(script), "install-desktop", "--uninstall"], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert not (tmp_path / "data" / "applications" / "dancelike.desktop").exists()
