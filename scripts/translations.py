"""Keep the translations in step with the code: ``pyside6-lupdate`` and ``pyside6-lrelease`` per area.

    python scripts/translations.py update [AREA...]  # the .ts files gain new sentences, lose gone ones
    python scripts/translations.py todo AREA         # the unfinished sentences of an area, as JSON
    python scripts/translations.py fill AREA F.json  # write translations ({context: {source: text}})
    python scripts/translations.py release           # compile dancelike/locale/dancelike_zh_CN.qm
    python scripts/translations.py check             # exit 1 when a sentence is new or unfinished

Each area is one ``dancelike/locale/<area>_zh_CN.ts``, so people (and helpers) translating different
parts of the app never edit the same file. Every module of the package belongs to exactly one area.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dancelike"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("zh_CN",)

_DANCE_UI = """results_view session_text results_cards charts progress_chart score_legend dance_view dance_hud dance_stage
dance_controls dance_controller dance_keys dance_players dance_practice practice_plan limb_outline settling
session_bridge video_panel camera_preview""".split()

#: area -> the package's modules in it (paths relative to dancelike/, folders end with "/").
AREAS: dict[str, list[str]] = {
    "dance": [f"ui/{name}.py" for name in _DANCE_UI],
    "library": ["ui/"],  # the rest of the app's windows
    "report": ["scoring/", "services/", "commands/", "cli.py", "progress.py"],
    "core": [""],  # everything else: engine, pipeline, store, media, vision, errors, ...
}


def area_files() -> dict[str, list[Path]]:
    """Each area's source files; a module goes to the first, most specific area that names it."""
    taken: set[Path] = set()
    found: dict[str, list[Path]] = {}
    patterns = sorted(((pattern, area) for area, patterns in AREAS.items() for pattern in patterns), key=lambda item: -len(item[0]))
    for pattern, area in patterns:
        path = PACKAGE / pattern
        files = [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
        fresh = [f for f in files if f not in taken and "__pycache__" not in f.parts]
        taken.update(fresh)
        found.setdefault(area, []).extend(fresh)
    return {area: sorted(files) for area, files in found.items()}


def ts_path(area: str, language: str) -> Path:
    return LOCALE / f"{area}_{language}.ts"


def tool(name: str) -> str:
    """``pyside6-lupdate``/``pyside6-lrelease`` beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"translations: pyside6-{name} not found (it comes with PySide6)")
    return found


def update(folder: Path = LOCALE, areas: list[str] | None = None) -> None:
    """Run lupdate on ``areas`` (all when None) into ``folder``, keeping the translations already there."""
    folder.mkdir(parents=True, exist_ok=True)
    for area, files in area_files().items():
        if areas and area not in areas:
            continue
        for language in LANGUAGES:
            target = folder / f"{area}_{language}.ts"
            if folder != LOCALE and ts_path(area, language).exists():
                shutil.copyfile(ts_path(area, language), target)
            command = [tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", "en", "-target-language", language]
            subprocess.run([*command, *map(str, files), "-ts", str(target)], check=True, capture_output=True, text=True)


def messages(path: Path) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) of a .ts file."""
    root = ElementTree.parse(path).getroot()
    rows = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None and bool(translation.text)
            rows.append((name, message.findtext("source", ""), translation.text if done and translation is not None else None))
    return rows


def todo(area: str, language: str = "zh_CN") -> dict[str, dict[str, str]]:
    pending: dict[str, dict[str, str]] = {}
    for context, source, translation in messages(ts_path(area, language)):
        if translation is None:
            pending.setdefault(context, {})[source] = ""
    return pending


def fill(area: str, answers: dict[str, dict[str, str]], language: str = "zh_CN") -> int:
    """Write translations into the area's .ts; how many were written."""
    path = ts_path(area, language)
    tree = ElementTree.parse(path)
    written = 0
    for context in tree.getroot().iter("context"):
        wanted = answers.get(context.findtext("name", ""), {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source", ""))
            translation = message.find("translation")
            if text and translation is not None:
                translation.text = text
                translation.attrib.pop("type", None)
                written += 1
    ElementTree.indent(tree, space="    ")
    with path.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return written


def release(out: Path = LOCALE) -> list[Path]:
    """Compile each language's .ts files into one ``dancelike_<lang>.qm`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for language in LANGUAGES:
        sources = sorted(LOCALE.glob(f"*_{language}.ts"))
        target = out / f"dancelike_{language}.qm"
        subprocess.run([tool("lrelease"), "-silent", *map(str, sources), "-qm", str(target)], check=True)
        made.append(target)
    return made


def check() -> list[str]:
    """What is out of step: sentences in the code missing from a .ts, and unfinished ones."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch)
        update(fresh)
        for area in AREAS:
            for language in LANGUAGES:
                known = {(c, s) for c, s, _ in messages(ts_path(area, language))} if ts_path(area, language).exists() else set()
                for context, source, translation in messages(fresh / f"{area}_{language}.ts"):
                    if (context, source) not in known:
                        problems.append(f"{area}: not in the catalogue yet: {context}: {source!r}")
                    elif translation is None:
                        problems.append(f"{area}: not translated: {context}: {source!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update").add_argument("areas", nargs="*", choices=[*AREAS, []], help="these areas only (default: all)")
    sub.add_parser("todo").add_argument("area", choices=AREAS)
    filling = sub.add_parser("fill")
    filling.add_argument("area", choices=AREAS)
    filling.add_argument("answers", type=Path)
    sub.add_parser("release").add_argument("--out", type=Path, default=LOCALE)
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(areas=args.areas or None)
    elif args.command == "todo":
        print(json.dumps(todo(args.area), ensure_ascii=False, indent=1))
    elif args.command == "fill":
        print(f"{fill(args.area, json.loads(args.answers.read_text(encoding='utf-8')))} translations written")
    elif args.command == "release":
        for path in release(args.out):
            print(path)
    elif args.command == "check":
        problems = check()
        print("\n".join(problems) or "every sentence is translated")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
