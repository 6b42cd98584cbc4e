"""``--help`` says what the code does: every command's options, the workers' count and cap, and
what ``dancelike`` alone does; ``python -m dancelike`` is the same command."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from dancelike import __version__
from dancelike.cli import _build_parser, main
from dancelike.pipeline import analysis


def parsers(parser: argparse.ArgumentParser, name: str = "dancelike") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """The parser and every sub-command's, sub-sub-commands included, with their command lines."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield from parsers(sub, f"{name} {command}")


def options() -> Iterator[tuple[str, argparse.Action]]:
    for name, parser in parsers(_build_parser()):
        for action in parser._actions:
            if action.help and action.option_strings:
                yield name, action


def test_every_command_prints_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    for name, _ in parsers(_build_parser()):
        with pytest.raises(SystemExit) as exited:
            main([*name.split()[1:], "--help"])
        assert exited.value.code == 0, name
        assert capsys.readouterr().out.startswith(f"usage: {name}"), name


def test_workers_are_processes_one_per_core_at_most_4(monkeypatch: pytest.MonkeyPatch) -> None:
    workers = [(name, str(action.help)) for name, action in options() if "--workers" in action.option_strings]
    assert {name for name, _ in workers} == {"dancelike analyze", "dancelike score", "dancelike batch", "dancelike bench analyze"}
    for name, text in workers:
        assert "processes" in text and "one per core, at most 4" in text and "thread" not in text, (name, text)
    for cores, expected in ((1, 1), (2, 2), (64, 4)):
        monkeypatch.setattr(analysis.os, "cpu_count", lambda cores=cores: cores)
        assert analysis.default_workers() == expected


def test_a_default_the_help_names_is_the_parser_default() -> None:
    named = 0
    for name, action in options():
        said = re.search(r"\(default:? (\d+(?:\.\d+)?)\b", str(action.help))
        if said and isinstance(action.default, (int, float)):
            assert float(said.group(1)) == action.default, (name, action.option_strings, action.help)
            named += 1
    assert named >= 5  # --repeat, --seconds (three), --players, --clips


def test_dancelike_alone_prints_usage_naming_the_app_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``dancelike`` alone opens nothing (exit 2, usage on stderr), and neither its help nor the app
    command's claims it does: the help says how to open the app."""
    assert main([]) == 2
    shown = capsys.readouterr().err
    assert shown.startswith("usage: dancelike") and "dancelike app" in shown
    for _, parser in parsers(_build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert "the default" not in str(choice.help), choice.help


def test_python_m_dancelike_is_the_command() -> None:
    shown = subprocess.run([sys.executable, "-m", "dancelike", "--version"], capture_output=True, text=True, timeout=120, check=False)
    assert (shown.returncode, shown.stdout.strip()) == (0, f"dancelike {__version__}")
    alone = subprocess.run([sys.executable, "-m", "dancelike"], capture_output=True, text=True, timeout=120, check=False)
    assert alone.returncode == 2 and alone.stderr.startswith("usage: dancelike")
