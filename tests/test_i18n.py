"""The language layer (``dancelike.i18n``) and the catalogues: the environment picks the language,
``translate`` speaks it, every translation keeps its sentence's ``{placeholders}`` (so ``.format``
never raises in Chinese), and errors reach the user in their language. No Qt here."""

from __future__ import annotations

import string
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from dancelike import i18n
from dancelike.errors import DiskFull, InputError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def chinese() -> Iterator[None]:
    """Sentences made inside the test are 简体中文 (our own catalogue, not Qt's); English after."""
    i18n.set_backend(None)
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


# --- which language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DANCELIKE_LANGUAGE": "zh_CN", "LANG": "en_US.UTF-8"}, "zh_CN"),  # the override wins
        ({"DANCELIKE_LANGUAGE": "en", "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"DANCELIKE_LANGUAGE": "system", "LANG": "zh_CN.UTF-8"}, "zh_CN"),  # "system": as if unset
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),  # a list: the first one we speak
        ({"LANGUAGE": "de:zh_CN", "LANG": "de_DE.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),  # the only Chinese there is
        ({"LANG": "zh_SG"}, "zh_CN"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),  # the first one set decides
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # a C locale is English, as in gettext
        ({}, "en"),
    ],
)
def test_system_language_reads_the_environment_as_gettext_does(environ: dict[str, str], expected: str) -> None:
    assert i18n.system_language(environ) == expected


@pytest.mark.parametrize(("code", "expected"), [("zh_CN", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh", "zh_CN"), ("en_US.UTF-8", "en"), ("fr", "en"), ("", "en"), (None, "en")])
def test_supported_reads_locale_names(code: str | None, expected: str) -> None:
    assert i18n.supported(code) == expected


# --- translate ---------------------------------------------------------------------------------------


def test_translate_speaks_the_language_set_and_english_again_after() -> None:
    i18n.set_backend(None)
    source = "{path}: no such file"
    try:
        assert i18n.set_language("zh_CN") == "zh_CN"
        assert i18n.translate("Video", source) == "{path}: 文件不存在"
        assert i18n.translate("Video", "a sentence nobody translated") == "a sentence nobody translated"
        assert i18n.translate("NoSuchContext", source) == source  # the context is part of the key
    finally:
        assert i18n.set_language("en") == "en"
    assert i18n.translate("Video", source) == source


def test_read_catalogue_keeps_only_finished_translations(tmp_path: Path) -> None:
    (tmp_path / "area_zh_CN.ts").write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context><name>Ctx</name>
  <message><source>Done</source><translation>完成</translation></message>
  <message><source>Unfinished</source><translation type="unfinished">半成品</translation></message>
  <message><source>Obsolete</source><translation type="obsolete">过时</translation></message>
  <message><source>Vanished</source><translation type="vanished">消失</translation></message>
  <message><source>Empty</source><translation></translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    (tmp_path / "broken_zh_CN.ts").write_text("<TS><context>", encoding="utf-8")  # skipped, never fatal
    (tmp_path / "other_en.ts").write_text("<TS/>", encoding="utf-8")  # another language: not read
    assert i18n.read_catalogue("zh_CN", tmp_path) == {("Ctx", "Done"): "完成"}


# --- the catalogues ------------------------------------------------------------------------------------


#: Sentences whose code passes more values than the English uses, for languages that say it otherwise:
#: (context, source) -> the extra names a translation may use instead of some of the source's.
ALSO_PASSED: dict[tuple[str, str], set[str]] = {
    ("HistoryView", "{day} {month_name}, {time}"): {"month"},  # Chinese dates: 6月5日, no month name
    ("HistoryView", "{day} {month_name} {year}, {time}"): {"month"},
}


def _catalogues() -> list[Path]:
    found = sorted(i18n.locale_dir().glob("*_zh_CN.ts"))
    assert found, "no zh_CN catalogue"
    return found


def _fields(text: str) -> list[str]:
    """The replacement fields ``str.format`` fills in ``text`` (name plus conversion and spec)."""
    return sorted(f"{name}!{conversion or ''}:{spec or ''}" for _, name, spec, conversion in string.Formatter().parse(text) if name is not None)


def _finished(path: Path) -> Iterator[tuple[str, str, str]]:
    for context in ElementTree.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                yield context.findtext("name", ""), message.findtext("source", ""), translation.text


@pytest.mark.parametrize("catalogue", _catalogues(), ids=lambda path: path.name)
def test_every_translation_keeps_its_placeholders(catalogue: Path) -> None:
    """Each ``{name}`` of the English sentence is in its translation, and no other one: otherwise
    ``.format(name=...)`` raises KeyError (or leaves a gap) only when the app speaks Chinese."""
    wrong = []
    for context, source, translation in _finished(catalogue):
        try:
            expected = _fields(source)
        except ValueError:  # braces that are not a format string: kept as they are
            expected = sorted(ch for ch in source if ch in "{}")
            if sorted(ch for ch in translation if ch in "{}") != expected:
                wrong.append(f"{context}: {source!r} -> {translation!r}")
            continue
        try:
            got = _fields(translation)
        except ValueError as exc:
            wrong.append(f"{context}: {source!r} -> {translation!r} ({exc})")
            continue
        extra = ALSO_PASSED.get((context, source))
        if extra is not None:
            if not {field.split("!")[0] for field in got} <= {field.split("!")[0] for field in expected} | extra:
                wrong.append(f"{context}: {source!r} -> {translation!r}")
        elif got != expected:
            wrong.append(f"{context}: {source!r} -> {translation!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_the_catalogue_is_complete_and_up_to_date() -> None:
    """Every sentence the code marks is in a catalogue and translated (``translations.py check``
    runs pyside6-lupdate over the package)."""
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "translations.py"), "check"], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


# --- errors in the user's language ----------------------------------------------------------------------


def test_a_missing_video_is_said_in_chinese(chinese: None, tmp_path: Path) -> None:
    from dancelike.media.video import VideoReader

    missing = tmp_path / "舞蹈.mp4"
    with pytest.raises(InputError) as raised:
        VideoReader(missing)
    assert str(raised.value) == f"{missing}: 文件不存在"


def test_a_full_disk_is_a_type_in_every_language(chinese: None, tmp_path: Path) -> None:
    """The app tells a full disk from other errors by its class, never by its (translated) words."""
    from dancelike.atomic import disk_full_error

    error = disk_full_error(tmp_path / "replay.mp4")
    assert isinstance(error, DiskFull) and isinstance(error, InputError) and error.exit_code == 2
    assert str(error) == f"写入 {tmp_path / 'replay.mp4'} 时磁盘已满"


def test_the_data_folder_in_use_is_said_in_chinese(chinese: None, tmp_path: Path) -> None:
    from dancelike.store.instance import FolderInUse, FolderLock

    first = FolderLock(tmp_path).acquire()
    try:
        with pytest.raises(FolderInUse, match="正在使用数据文件夹"):
            FolderLock(tmp_path).acquire()
    finally:
        first.release()
