"""What the dancer reads, in 简体中文: whole sentences in Chinese word order, and a stored report
told again in the language spoken now (``coaching.retold``), back in English word for word."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hand_poses import FPS, frames, skeleton

from dancelike import i18n
from dancelike.scoring import coaching
from dancelike.scoring.advice import Advice
from dancelike.scoring.poses import pose_track
from dancelike.scoring.report import Report, build_report
from dancelike.scoring.timing import timing_from_path
from dancelike.vision.body import BodyFrame

#: Latin words a Chinese sentence may keep: units, and nothing else.
_ALLOWED = {"s", "ms", "fps"}


def english_words(text: str) -> list[str]:
    """The Latin-letter words of ``text`` other than units (numbers do not count)."""
    return [word for word in re.findall(r"[A-Za-z]+", text) if word not in _ALLOWED]


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not english_words(text)


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def _posed(count: int, change: Any = None, start: int = 0, end: int | None = None) -> list[BodyFrame]:
    out = []
    for i in range(count):
        lm = skeleton(i / FPS)
        if change is not None and start <= i < (end if end is not None else count):
            change(lm)
        out.append(BodyFrame(i / FPS, 640, 720, lm.astype(np.float32), 1.0))
    return out


def _hanging_left_arm(lm: np.ndarray) -> None:
    lm[13, :2] = lm[11, :2] + (5.0, 50.0)
    lm[15, :2] = lm[13, :2] + (5.0, 45.0)


def _raised_left_arm(lm: np.ndarray) -> None:
    lm[13, :2] = lm[11, :2] + (0.0, -50.0)
    lm[15, :2] = lm[13, :2] + (0.0, -45.0)


def _right_arm_up(lm: np.ndarray) -> None:
    _hanging_left_arm(lm)
    lm[14, :2] = lm[12, :2] + (0.0, -50.0)
    lm[16, :2] = lm[14, :2] + (0.0, -45.0)


def _left_arm_up(lm: np.ndarray) -> None:
    _raised_left_arm(lm)
    lm[14, :2] = lm[12, :2] + (-5.0, 50.0)
    lm[16, :2] = lm[14, :2] + (-5.0, 45.0)


def _diagonal(count: int) -> np.ndarray:
    return np.stack([np.arange(count)] * 2, axis=1)


def weak_arm_report() -> Report:
    """12 s: the left arm hangs in 4-8 s, the dancer is out of the picture in 8-10 s."""
    count = 360
    performance = _posed(count, _hanging_left_arm, 120, 240)
    performance[240:300] = [BodyFrame(b.t, 640, 720) for b in performance[240:300]]
    return build_report(pose_track(_posed(count)), pose_track(performance), _diagonal(count), FPS, mirrored=False)


def swapped_arm_report() -> Report:
    count = 240
    return build_report(pose_track(_posed(count, _left_arm_up, 60, 180)), pose_track(_posed(count, _right_arm_up, 60, 180)), _diagonal(count), FPS, mirrored=False)


def partial_report() -> Report:
    """The dancer danced only the first half of the reference."""
    count = 300
    path = np.stack([np.arange(150)] * 2, axis=1)
    return build_report(pose_track(frames(count)), pose_track(frames(150)), path, FPS, mirrored=True)


def other_dance_report() -> Report:
    def other(lm: np.ndarray) -> None:
        for shoulder, elbow, wrist in ((11, 13, 15), (12, 14, 16)):
            angle = math.radians(150.0)
            rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
            for joint in (elbow, wrist):
                lm[joint, :2] = lm[shoulder, :2] + rotation @ (lm[joint, :2] - lm[shoulder, :2])

    performance = [BodyFrame(b.t, 640, 720, skeleton(b.t * 2.3 + 1.0).astype(np.float32), 1.0) for b in _posed(300, other)]
    return build_report(pose_track(frames(300)), pose_track(performance), _diagonal(300), FPS, mirrored=False)


def stored(report: Report) -> dict[str, Any]:
    """The report as a session keeps it: its JSON, written and read back."""
    return dict(json.loads(json.dumps(report.to_json())))


def sentences_of(document: dict[str, Any]) -> list[str]:
    """Every sentence a report document holds."""
    said = [document["summary"], document["timing_text"], document["mirror_text"], *document["warnings"]]
    for move in document["weakest"]:
        said += [move["advice_text"], move.get("swapped") or ""] + [a["text"] for a in move["advice"]]
    return [text for text in said if text]


# --- sentences in Chinese ------------------------------------------------------------------------


def test_the_verdict_comes_first_in_chinese(zh: None) -> None:
    report = other_dance_report()
    assert not report.this_dance
    assert report.summary.startswith("这看起来不是这支舞"), report.summary
    assert chinese(report.summary) and chinese(report.timing_text)


def test_advice_for_a_part_is_one_chinese_sentence(zh: None) -> None:
    assert coaching.advice_text([Advice("left_arm", "higher", "")], None) == "左臂再抬高一些"
    both = [Advice("left_leg", "further out", ""), Advice("right_leg", "further out", "")]
    assert coaching.advice_text(both, "earlier") == "双腿再打开一些 · 稍微早一点"
    two = [Advice("left_arm", "higher", ""), Advice("right_leg", "bend more", "")]
    assert coaching.advice_text(two, None) == "左臂再抬高一些，右膝再弯一些"
    assert coaching.advice_text([], "later") == "稍微晚一点"
    assert coaching.move_advice_text([], None, "right_arm") == "老师用的是左臂，你用了右臂"


def test_timing_is_told_in_chinese(zh: None) -> None:
    ref = np.arange(0, 20, 1 / FPS)
    late = timing_from_path(ref, ref + 0.2, np.ones(len(ref), bool))
    assert coaching.timing_line(late, None, True) == "慢了 0.2 s · 稳定"
    assert coaching.timing_line(late, {"count": 10, "hit_share": 0.7}, True) == "慢了 0.2 s · 稳定 · 卡中 7/10 个重拍"
    assert coaching.timing_clause(late) == "节奏稳定，慢了 0.2 s"
    faithful = build_report(pose_track(frames(300)), pose_track(frames(300)), _diagonal(300), FPS, mirrored=False)
    assert faithful.summary == "姿势完美，节奏完美。没有需要练的：你跳的每个动作都在“不错”以上。"


def test_a_whole_report_made_in_chinese_has_no_english_left(zh: None) -> None:
    for report in (weak_arm_report(), swapped_arm_report(), partial_report()):
        for sentence in sentences_of(report.to_json()):
            assert chinese(sentence), sentence
    report = weak_arm_report()
    assert "左臂再抬高一些" in (report.weakest[0].advice_text or "") and "多练练" in report.summary


def test_ratings_and_parts_are_labels_the_data_stays_english(zh: None) -> None:
    assert [coaching.rating_label(name) for _, name in coaching.RATINGS] == ["完美", "很棒", "不错", "还行", "失误"]
    assert coaching.rating_label(coaching.AWAY) == "不在画面" and coaching.part_label("left_arm") == "左臂"
    report = weak_arm_report()
    assert {move.rating for move in report.moves} <= {"perfect", "great", "good", "ok", "miss", "away", "skipped", "unknown"}
    assert set(report.parts) == {"head", "torso", "left_arm", "right_arm", "left_leg", "right_leg"}
    i18n.set_language("en")
    assert coaching.rating_label("great") == "GREAT" and coaching.part_label("left_arm", capital=True) == "Left arm"


# --- a stored report told again ------------------------------------------------------------------


@pytest.mark.parametrize("make", [weak_arm_report, swapped_arm_report, partial_report, other_dance_report])
def test_an_english_report_is_retold_in_chinese_and_back_word_for_word(make: Any) -> None:
    document = stored(make())
    english = sentences_of(document)
    assert english and all(not chinese(sentence) for sentence in english)
    i18n.set_language("zh_CN")
    try:
        told = coaching.retold(document)
    finally:
        i18n.set_language("en")
    for sentence in sentences_of(told):
        assert chinese(sentence), sentence
    assert len(sentences_of(told)) == len(english)
    assert {k: v for k, v in told.items() if k not in ("summary", "timing_text", "mirror_text", "warnings", "weakest")} == {
        k: v for k, v in document.items() if k not in ("summary", "timing_text", "mirror_text", "warnings", "weakest")
    }
    again = coaching.retold(told)
    assert again == document


def test_warnings_added_after_the_report_stay_as_they_are() -> None:
    document = stored(weak_arm_report())
    document["warnings"].append("Practice session in 2 takes: 12 s of the dance were judged, each part on the last time you danced it.")
    i18n.set_language("zh_CN")
    try:
        told = coaching.retold(document)
    finally:
        i18n.set_language("en")
    assert told["warnings"][-1] == document["warnings"][-1] and chinese(told["warnings"][0])


def test_an_older_report_without_its_facts_keeps_its_sentences() -> None:
    document = stored(weak_arm_report())
    del document["story"]
    i18n.set_language("zh_CN")
    try:
        assert coaching.retold(document) == document
    finally:
        i18n.set_language("en")
    assert Report.from_json(document).story == {}


def test_a_move_whose_swap_was_stored_without_its_part_keeps_its_words() -> None:
    document = stored(swapped_arm_report())
    swapped = next(move for move in document["weakest"] if move["swapped"])
    del swapped["swapped_part"]
    i18n.set_language("zh_CN")
    try:
        told = coaching.retold(document)
    finally:
        i18n.set_language("en")
    kept = next(move for move in told["weakest"] if move["move"] == swapped["move"])
    assert kept["advice_text"] == swapped["advice_text"] and chinese(told["timing_text"])


def test_parts_out_of_view_are_one_sentence_in_either_language(zh: None) -> None:
    judged = ["head", "torso", "left_arm", "right_arm"]
    assert coaching.view_warnings(judged, ["left_leg", "right_leg"], []) == ["示范视频里舞者的双腿不在画面中：只按头部、躯干和双臂评分"]
    assert coaching.view_warnings(judged, [], ["left_leg"]) == ["你的左腿不在画面中：只按头部、躯干和双臂评分。往后退一点，让镜头拍到你全身"]
    i18n.set_language("en")
    assert coaching.view_warnings(judged, ["left_leg", "right_leg"], []) == ["The video's dancer's legs were not in view: judged on head, torso and arms"]
    assert coaching.view_warnings(judged, [], ["left_leg"]) == ["Your left leg was not in view: judged on head, torso and arms. Step back so the camera sees all of you"]


def test_the_latency_check_speaks_chinese(zh: None) -> None:
    from dancelike.scoring.claps import describe

    assert describe(0.12) == "你的设备有 0.12 s 的延迟，我们会把它扣掉。" and describe(0.0) == "你的设备没有明显的延迟。"
