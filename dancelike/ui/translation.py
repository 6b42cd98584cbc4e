"""The app's language: our compiled catalogue and Qt's own (its dialogs' buttons) loaded into Qt.

Called once at start, before any window is built: widgets take their words when they are made,
so a language chosen in Settings is used from the next start (Settings says so).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dancelike import i18n

log = logging.getLogger(__name__)

#: Kept alive here: Qt holds only a pointer to an installed translator.
_installed: list[QTranslator] = []
#: ``DANCELIKE_LANGUAGE`` as this process was started with it, before we set it for our workers:
#: what "system" means (it wins over the desktop's language, as at the first start).
_started_with: list[str | None] = []


def _outside_environ() -> dict[str, str]:
    env = dict(os.environ)
    env.pop(i18n.LANGUAGE_ENV, None)
    outside = _started_with[0] if _started_with else os.environ.get(i18n.LANGUAGE_ENV)
    if outside is not None:
        env[i18n.LANGUAGE_ENV] = outside
    return env


def system_choice() -> str:
    """The language the "system" choice speaks: the environment's as DanceLike was started."""
    return i18n.system_language(_outside_environ())


def install_translations(app: QCoreApplication, choice: str | None) -> str:
    """Speak ``choice`` ("system", "en", "zh_CN") in ``app`` and every layer below; the language used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    i18n.set_backend(None)
    if not _started_with:
        _started_with.append(os.environ.get(i18n.LANGUAGE_ENV))
    language = i18n.set_language(system_choice() if choice in (None, "", "system") else choice)
    os.environ[i18n.LANGUAGE_ENV] = language  # the analysis workers this app starts speak it too
    QLocale.setDefault(QLocale(language))
    if language == i18n.SOURCE_LANGUAGE:
        return language
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    ours = QTranslator(app)
    if i18n.compiled_is_current(language) and ours.load(str(i18n.qm_path(language))):
        app.installTranslator(ours)
        _installed.append(ours)
        i18n.set_backend(QCoreApplication.translate)  # one lookup for the widgets and the layers below
    else:  # a checkout before `make setup` compiled it (or edited since): the .ts sources answer instead
        log.info("no current compiled catalogue at %s: reading the .ts sources", i18n.qm_path(language))
    return language
