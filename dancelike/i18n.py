"""Every sentence the user reads goes through :func:`translate`: the app's and the command line's.

The catalogue is Qt Linguist's. ``dancelike/locale/<area>_<lang>.ts`` are the sources, made by
``pyside6-lupdate`` (``scripts/translations.py update``) and translated by hand; ``pyside6-lrelease``
compiles them into ``dancelike_<lang>.qm`` when the wheel is built. The app loads that ``.qm`` into
Qt and hands Qt's lookup to :func:`set_backend`, so its own dialogs and every layer below speak the
same language. Processes without Qt (the command line, analysis workers) read the ``.ts`` files
here, so both say the same words. Nothing here imports Qt: this sits at the bottom of the layers.

How code marks a sentence (``pyside6-lupdate`` finds these by name)::

    translate("Coaching", "You were {delay} s late.").format(delay=0.3)
    RATING_NAMES = {"GOOD": QT_TRANSLATE_NOOP("Ratings", "GOOD")}  # translated where it is shown
"""

from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

#: The languages the app speaks: the code Settings stores, and the name it shows (in that language).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
#: Overrides the system language (the tests set it to "en"; the app's Settings choice sets it too).
LANGUAGE_ENV = "DANCELIKE_LANGUAGE"
#: Where the gettext convention looks for the user's language, in order.
_LOCALE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_language: str | None = None
_catalogue: dict[tuple[str, str], str] | None = None
_backend: Callable[[str, str], str] | None = None


def locale_dir() -> Path:
    """The folder with the ``.ts`` sources and the compiled ``.qm`` catalogues."""
    return Path(__file__).resolve().parent / "locale"


def qm_path(language: str) -> Path:
    """The compiled catalogue of ``language`` (present in a built wheel and after ``make setup``)."""
    return locale_dir() / f"dancelike_{language}.qm"


def compiled_is_current(language: str) -> bool:
    """Whether ``language``'s ``.qm`` exists and is no older than its ``.ts`` sources (in a checkout
    being translated, the sources may be newer: then they are the truth)."""
    compiled = qm_path(language)
    if not compiled.is_file():
        return False
    built = compiled.stat().st_mtime
    return all(source.stat().st_mtime <= built for source in locale_dir().glob(f"*_{language}.ts"))


def supported(code: str | None) -> str:
    """The supported language closest to a locale name: "zh_CN.UTF-8", "zh", "zh_SG", "zh-Hans" and
    "zh_TW" all read as 简体中文 (the only Chinese there is), anything else as English."""
    if not code:
        return SOURCE_LANGUAGE
    base = code.strip().split(".")[0].split("@")[0].replace("-", "_")
    if base in LANGUAGES:
        return base
    if base.lower().startswith("zh"):
        return "zh_CN"
    return SOURCE_LANGUAGE


def system_language(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The language the environment asks for: ``DANCELIKE_LANGUAGE``, then the gettext variables
    (``LANGUAGE`` may list several, "zh_CN:en"; the first one we speak wins). As in gettext, the
    first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set is the locale, and a "C" or "POSIX"
    locale is English whatever else is set (``LC_ALL=C dancelike ...``: a script's plain output)."""
    env = os.environ if environ is None else environ
    chosen = env.get(LANGUAGE_ENV, "").strip()
    if chosen and chosen != "system":
        return supported(chosen)
    locale = next((value for value in (env.get(name, "").strip() for name in _LOCALE_ENV[1:]) if value), "")
    if locale in ("C", "POSIX") or locale.startswith(("C.", "POSIX.")):
        return SOURCE_LANGUAGE
    listed = [code.strip() for code in env.get(_LOCALE_ENV[0], "").split(":") if code.strip()]
    for code in listed or [locale]:
        if supported(code) != SOURCE_LANGUAGE or code.startswith("en"):
            return supported(code)
    return SOURCE_LANGUAGE


def language() -> str:
    """The language sentences are translated into now."""
    global _language
    with _lock:
        if _language is None:
            _language = system_language()
        return _language


def set_language(code: str | None) -> str:
    """Speak ``code`` from now on ("system" or None: what the environment asks for); the language chosen.
    Sentences already made keep their words, so front ends call this before they build anything."""
    global _language, _catalogue
    chosen = system_language() if code in (None, "", "system") else supported(code)
    with _lock:
        _language, _catalogue = chosen, None
    return chosen


def set_backend(lookup: Callable[[str, str], str] | None) -> None:
    """Let another catalogue answer (the app's Qt translator, ``QCoreApplication.translate``); None: ours."""
    global _backend
    _backend = lookup


def translate(context: str, text: str) -> str:
    """``text`` in the current language; ``text`` itself when English or not translated yet."""
    if language() == SOURCE_LANGUAGE:
        return text
    if _backend is not None:
        return _backend(context, text)
    return _loaded().get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks a sentence for the catalogue where it is defined; :func:`translate` it where it is shown."""
    return text


def _loaded() -> dict[tuple[str, str], str]:
    global _catalogue
    with _lock:
        if _catalogue is None:
            _catalogue = read_catalogue(_language or SOURCE_LANGUAGE)
        return _catalogue


def read_catalogue(code: str, folder: Path | None = None) -> dict[tuple[str, str], str]:
    """The finished translations of every ``*_<code>.ts`` in ``folder``: (context, source) -> text."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted((folder or locale_dir()).glob(f"*_{code}.ts")):
        try:
            root = ElementTree.parse(path).getroot()
        except (OSError, ElementTree.ParseError):
            continue  # a broken catalogue leaves its sentences in English, never stops the program
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if translation.text:
                    found[(name, source)] = translation.text
    return found
