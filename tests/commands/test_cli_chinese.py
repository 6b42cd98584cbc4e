"""The ``dancelike`` command in 简体中文 (``DANCELIKE_LANGUAGE=zh_CN``): the same exit codes and
numbers, its report, help and one-line errors in Chinese, "dancelike: error:" kept for scripts."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from batch_clips import SCENE
from cli_runner import cli_command, stderr_lines

from dancelike import i18n
from dancelike.scoring import coaching
from dancelike.synth.motion import Dancer
from dancelike.synth.performance import render_performance

SECONDS = 4.0
#: Latin words Chinese output may keep: units, grades, option names and file names are not words to translate.
_ALLOWED = {"s", "ms", "fps", "S", "A", "B", "C", "D", "N", "dancelike", "error", "dancer", "mp", "json", "png", "PERFORMANCE", "REFERENCE"}


def english_words(text: str) -> list[str]:
    return [word for word in re.findall(r"[A-Za-z]+", text) if word not in _ALLOWED]


def run(*args: str | Path, language: str = "zh_CN", home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", DANCELIKE_LANGUAGE=language)
    env.pop("DANCELIKE_DEBUG", None)
    env.pop("DANCELIKE_PROGRESS", None)
    if home is not None:
        env["DANCELIKE_HOME"] = str(home)
    return subprocess.run([*cli_command(), *map(str, args)], capture_output=True, text=True, timeout=300, check=False, env=env)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A reference and a late, sloppy copy of it: a report with something to say."""
    folder = tmp_path_factory.mktemp("pair")
    made = {"reference": folder / "reference.mp4", "performance": folder / "performance.mp4"}
    render_performance(made["reference"], "groove", Dancer(), SCENE, duration=SECONDS)
    render_performance(made["performance"], "groove", Dancer(offset=0.3, sloppiness=0.8, seed=2), SCENE, duration=SECONDS)
    return made


def _texts(document: dict[str, Any]) -> list[str]:
    said = [document["summary"], document["timing_text"], document["mirror_text"], *document["warnings"]]
    for move in document["weakest"]:
        said += [move["advice_text"], move.get("swapped") or ""]
    return [text for text in said if text]


def test_score_speaks_chinese_with_the_same_numbers_and_exit_code(pair: dict[str, Path], tmp_path: Path) -> None:
    reports = {language: tmp_path / f"{language}.json" for language in ("en", "zh_CN")}
    done = {
        language: run("score", pair["reference"], pair["performance"], "--json", path, language=language, home=tmp_path / "home") for language, path in reports.items()
    }
    assert done["en"].returncode == done["zh_CN"].returncode == 0, done["zh_CN"].stderr
    shown = done["zh_CN"].stdout
    assert shown.startswith("得分 ") and "各部位：" in shown, shown
    for line in shown.splitlines():
        assert not english_words(line), line
    english, chinese = (json.loads(path.read_text(encoding="utf-8")) for path in reports.values())
    assert {k: english[k] for k in ("score", "grade", "parts", "moves")} == {k: chinese[k] for k in ("score", "grade", "parts", "moves")}
    for text in _texts(chinese):
        assert re.search(r"[\u4e00-\u9fff]", text) and not english_words(text), text
    # the Chinese report, told again in English, says what the English run said
    assert i18n.language() == "en"
    assert _texts(coaching.retold(chinese)) == _texts(english)


def test_a_bad_input_is_one_chinese_line_and_exit_2(pair: dict[str, Path], tmp_path: Path) -> None:
    image = tmp_path / "still.png"
    assert cv2.imwrite(str(image), np.full((48, 64, 3), 128, np.uint8))
    for result, said in (
        (run("score", image, pair["performance"]), "示范必须是视频，不能是图片"),
        (run("score", pair["reference"], pair["performance"], "--workers", "0"), "--workers 至少为 1"),
        (run("analyze", pair["reference"], "--dancer", "abc"), "不是有效的舞者"),
    ):
        lines = stderr_lines(result)
        assert result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert lines[0].startswith("dancelike: error: ") and said in lines[0], lines[0]


def test_argparse_speaks_chinese_and_keeps_the_error_prefix() -> None:
    missing = run("score", "a.mp4")
    lines = stderr_lines(missing)
    assert missing.returncode == 2 and lines[0].startswith("用法：dancelike score")
    assert lines[-1] == "dancelike score: error: 缺少必需的参数：PERFORMANCE"
    english = run("score", "a.mp4", language="en")
    assert english.returncode == 2 and stderr_lines(english)[-1] == "dancelike score: error: the following arguments are required: PERFORMANCE"


def test_help_is_in_chinese() -> None:
    top = run("--help")
    assert top.returncode == 0 and "跟着任何视频学跳舞" in top.stdout and "给一段表演评分" in top.stdout, top.stdout
    score = run("score", "--help")
    assert score.returncode == 0 and "位置参数" in score.stdout and "选项" in score.stdout and "显示这份帮助并退出" in score.stdout
    assert "show this help" not in score.stdout and "positional arguments" not in score.stdout


def test_info_names_the_language_and_its_catalogue() -> None:
    shown = run("info")
    assert shown.returncode == 0, shown.stderr
    assert "语言" in shown.stdout and "简体中文 (zh_CN)" in shown.stdout and "zh_CN" in shown.stdout.split("翻译文件", 1)[1].splitlines()[0]
    english = run("info", language="en")
    assert "Language        English (en)" in english.stdout
    assert json.loads(run("info", "--json").stdout)["language"]["code"] == "zh_CN"
