"""What the dancer reads: every sentence of the report, by rules, from the report's own numbers.

The score is a measurement; the words are derived from the same measurement, here and nowhere
else (``docs/scoring.md``, "What the report says, and why", lists each rule):

- one vocabulary: PERFECT/GREAT/GOOD/OK/MISS (``rating``) for moves, parts, shapes and timing,
  read from the rounded number the screen shows;
- one timing story (``scoring.timing``): the summary's clause and the timing line name the
  same fault, and only a fault that costs points;
- "this is not this dance" first, and then no timing praise and no advice;
- a move is a second or more of danced, in-view choreography; "weakest" means below GOOD;
- advice names a part and a direction (``scoring.advice``), or nothing when unsure.

Every sentence is a whole template in the language spoken now (``i18n.translate``; Chinese word
order differs, so no sentence is glued from fragments), and the data keeps English words
("great", "left_arm"): ``rating_label`` and ``part_label`` show them. A stored report keeps the
facts its sentences came from (``Report.story``), so ``retold`` says it again in another language.
Plain Python over the report's numbers: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.scoring.advice import ADVICE_SENTENCES, BOTH_SIDES_SENTENCES, Advice, advice_sentence, swap_sentence
from dancelike.scoring.calibration import SEEN_FOR_VERDICT
from dancelike.scoring.poses import GROUPS
from dancelike.scoring.report_rows import WeakMove
from dancelike.scoring.timing import Timing

#: (lowest rounded score, rating): the one scale for moves, parts, shapes and timing.
RATINGS = ((90.0, "perfect"), (80.0, "great"), (65.0, "good"), (45.0, "ok"), (0.0, "miss"))
#: A move or part under this is worth practising ("weakest" means below GOOD).
GOOD = 65.0
#: Moves that are not rated: not danced (a practice session skipped it, or the recording
#: ended), the dancer out of the picture, or the computer could not see the pro.
NOT_DANCED, AWAY, UNKNOWN = "skipped", "away", "unknown"
#: An unsteadiness costing fewer points than this is "a little" unsteady.
SMALL_FAULT = 20.0
#: A move's own delay must differ from the dancer's usual one by this much (s) to be named.
MOVE_DELAY_S = 0.15

_LEGS = ("left_leg", "right_leg")
_ARMS = ("left_arm", "right_arm")

#: A rating as a label (a badge, a table cell): the data says "great", the screen "GREAT" / "很棒".
RATING_LABELS = {
    "perfect": QT_TRANSLATE_NOOP("Ratings", "PERFECT"),
    "great": QT_TRANSLATE_NOOP("Ratings", "GREAT"),
    "good": QT_TRANSLATE_NOOP("Ratings", "GOOD"),
    "ok": QT_TRANSLATE_NOOP("Ratings", "OK"),
    "miss": QT_TRANSLATE_NOOP("Ratings", "MISS"),
    NOT_DANCED: QT_TRANSLATE_NOOP("Ratings", "SKIPPED"),
    AWAY: QT_TRANSLATE_NOOP("Ratings", "AWAY"),
    UNKNOWN: QT_TRANSLATE_NOOP("Ratings", "UNKNOWN"),
}
#: A rating as a word inside a sentence ("Great shapes, and perfect timing."): an adjective, so
#: MISS is "poor" ("Miss shapes" is not English) and OK keeps its capitals ("OK shapes").
_RATING_WORDS = {
    "perfect": QT_TRANSLATE_NOOP("Coaching", "perfect"),
    "great": QT_TRANSLATE_NOOP("Coaching", "great"),
    "good": QT_TRANSLATE_NOOP("Coaching", "good"),
    "ok": QT_TRANSLATE_NOOP("Coaching", "OK"),
    "miss": QT_TRANSLATE_NOOP("Coaching", "poor"),
}
#: The body parts as the dancer calls them (``poses.GROUPS`` are the data's names).
PART_NAMES = {
    "head": QT_TRANSLATE_NOOP("Parts", "head"),
    "torso": QT_TRANSLATE_NOOP("Parts", "torso"),
    "left_arm": QT_TRANSLATE_NOOP("Parts", "left arm"),
    "right_arm": QT_TRANSLATE_NOOP("Parts", "right arm"),
    "left_leg": QT_TRANSLATE_NOOP("Parts", "left leg"),
    "right_leg": QT_TRANSLATE_NOOP("Parts", "right leg"),
}
#: How the summary says the shapes and the timing, by the timing story's kind ({shapes}: a rating word).
_SHAPE_AND_TIMING = {
    "rated": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, and {timing} timing."),
    "steady late": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, and steady timing, {delay} s late."),
    "steady early": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, and steady timing, {delay} s early."),
    "fast": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but you rushed: you danced faster than the music."),
    "slow": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but you dragged: you danced slower than the music."),
    "late": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but you were {delay} s late: move with the music, not after the pro."),
    "early": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but you were {delay} s early: move with the music, not after the pro."),
    "wandered a little": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but your timing wandered a little: keep to the beat."),
    "wandered": QT_TRANSLATE_NOOP("Coaching", "{shapes} shapes, but your timing wandered: keep to the beat."),
}
#: The parts rated MISS, by (shapes rated GOOD or better, more than one part).
_MISSED_PARTS = {
    (False, False): QT_TRANSLATE_NOOP("Coaching", "Your {part} missed ({score})."),
    (False, True): QT_TRANSLATE_NOOP("Coaching", "Your {part} missed ({score})."),
    (True, False): QT_TRANSLATE_NOOP("Coaching", "Your {part} was the exception: it missed ({score})."),
    (True, True): QT_TRANSLATE_NOOP("Coaching", "Your {part} were the exception: they missed ({score})."),
}
#: The same timing story as a clause on its own (``timing_clause``).
_TIMING_CLAUSES = {
    "rated": QT_TRANSLATE_NOOP("Coaching", "and {timing} timing"),
    "steady late": QT_TRANSLATE_NOOP("Coaching", "and steady timing, {delay} s late"),
    "steady early": QT_TRANSLATE_NOOP("Coaching", "and steady timing, {delay} s early"),
    "fast": QT_TRANSLATE_NOOP("Coaching", "but you rushed: you danced faster than the music"),
    "slow": QT_TRANSLATE_NOOP("Coaching", "but you dragged: you danced slower than the music"),
    "late": QT_TRANSLATE_NOOP("Coaching", "but you were {delay} s late: move with the music, not after the pro"),
    "early": QT_TRANSLATE_NOOP("Coaching", "but you were {delay} s early: move with the music, not after the pro"),
    "wandered a little": QT_TRANSLATE_NOOP("Coaching", "but your timing wandered a little: keep to the beat"),
    "wandered": QT_TRANSLATE_NOOP("Coaching", "but your timing wandered: keep to the beat"),
}
#: Full stops after which no space is put when sentences are joined (Chinese ones).
_WIDE_STOPS = ("\u3002", "\uff01", "\uff1f", "\uff1a", "\uff1b")


def rating(score: float) -> str:
    """The rating of a score as the screen shows it (79.96 shows as 80: "great")."""
    shown = round(float(score))
    return next(name for threshold, name in RATINGS if shown >= threshold)


def rating_label(name: str) -> str:
    """A rating ("great", "skipped", ...: the data's word) as a label: "GREAT", "很棒"."""
    return translate("Ratings", RATING_LABELS[name]) if name in RATING_LABELS else name.upper()


def rating_word(name: str, capital: bool = False) -> str:
    """A rating as a word inside a sentence: "great" ("Great" with ``capital``), "很棒"."""
    word = translate("Coaching", _RATING_WORDS[name])
    return word[:1].upper() + word[1:] if capital else word


def part_name(part: str) -> str:
    """A body part (``poses.GROUPS``' name) as the dancer calls it: "left arm", "左臂"."""
    return translate("Parts", PART_NAMES[part]) if part in PART_NAMES else part.replace("_", " ")


def part_label(part: str, capital: bool = False) -> str:
    """A body part as a label: "left arm" ("Left arm" with ``capital``), "左臂"."""
    name = part_name(part)
    return name[:1].upper() + name[1:] if capital else name


def sentences(*parts: str) -> str:
    """Sentences one after another: a space between English ones, none after a Chinese full stop."""
    text = ""
    for part in parts:
        if not part:
            continue
        text = part if not text else text + (part if text.endswith(_WIDE_STOPS) else " " + part)
    return text


def when_text(offset_s: float) -> str:
    """ "on the beat", "0.3 s late", "0.2 s early": the delay, rounded to a tenth everywhere."""
    if abs(offset_s) < 0.1:
        return translate("Coaching", "on the beat")
    if offset_s > 0:
        return translate("Coaching", "{delay} s late").format(delay=f"{abs(offset_s):.1f}")
    return translate("Coaching", "{delay} s early").format(delay=f"{abs(offset_s):.1f}")


def _pace_text(timing: Timing) -> str:
    fault = timing.main_fault
    if fault == "fast":
        return translate("Coaching", "faster than the music")
    if fault == "slow":
        return translate("Coaching", "slower than the music")
    if fault == "unsteady":
        return translate("Coaching", "a little unsteady") if timing.unsteadiness_cost < SMALL_FAULT else translate("Coaching", "unsteady")
    return translate("Coaching", "steady")


def timing_line(timing: Timing, accents: dict[str, Any] | None, this_dance: bool) -> str:
    """The results screen's one timing line: "0.3 s late · steady · hit 7 of 10 accents", "On the
    beat on average · unsteady"."""
    if not this_dance or not timing.judged:
        return translate("Coaching", "Timing not judged: it needs the dance's moves to compare")
    when = when_text(timing.offset_s)
    if timing.main_fault == "unsteady":  # the delay wandered: "on the beat" alone would contradict "keep to the beat"
        when = translate("Coaching", "{when} on average").format(when=when)
    words = [when.capitalize(), _pace_text(timing)]
    if accents and accents.get("count"):
        hit = int(round(float(accents["hit_share"]) * int(accents["count"])))
        words.append(translate("Coaching", "hit {hit} of {count} accents").format(hit=hit, count=int(accents["count"])))
    return " \u00b7 ".join(words)


def _timing_story(timing: Timing) -> tuple[str, dict[str, str]]:
    """The one timing story (a kind, and the values its sentence names): the largest deduction
    when one costs points (the same fault the timing line names), else the timing's rating, and
    the delay when it is not on the beat."""
    fault = timing.main_fault
    delay = f"{abs(timing.offset_s):.1f}"
    if fault is None:
        if timing.on_beat:
            return "rated", {"timing": rating_word(rating(timing.score))}
        return ("steady late" if timing.offset_s > 0 else "steady early"), {"delay": delay}
    if fault in ("fast", "slow"):
        return fault, {}
    if fault in ("late", "early"):
        return fault, {"delay": delay}
    return ("wandered a little" if timing.unsteadiness_cost < SMALL_FAULT else "wandered"), {}


def timing_clause(timing: Timing) -> str:
    """The summary's timing clause on its own: "and perfect timing", "but you rushed: ..."."""
    kind, values = _timing_story(timing)
    return translate("Coaching", _TIMING_CLAUSES[kind]).format(**values)


def mirror_sentence(mirrored: bool, this_dance: bool) -> str:
    """What "mirrored" means, when it was decided so."""
    if not mirrored or not this_dance:
        return ""
    return translate(
        "Coaching",
        "You danced it as in a mirror (your left copied the pro's right), so you were judged that way: that is how most people copy a video.",
    )


def _both_sides(advice: list[Advice]) -> str | None:
    """ "Both arms higher", "Bend both knees more": one sentence for the same change on both sides."""
    if len(advice) != 2 or advice[0].direction != advice[1].direction:
        return None
    sides = {a.part for a in advice}
    limb = "arm" if sides == set(_ARMS) else "leg" if sides == set(_LEGS) else None
    if limb is None or (limb, advice[0].direction) not in BOTH_SIDES_SENTENCES:
        return None
    return translate("Coaching", BOTH_SIDES_SENTENCES[(limb, advice[0].direction)])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def advice_text(advice: list[Advice], when: str | None) -> str:
    """One line for a weak move: "Left arm higher, right leg wider · a bit earlier"."""
    both = _both_sides(advice)
    words = both or ""
    if not both:
        for a in advice:
            said = advice_sentence(a.part, a.direction)
            words = said if not words else translate("Coaching", "{first}, {second}").format(first=words, second=_lower_first(said))
    if when == "earlier":
        return translate("Coaching", "{advice} \u00b7 a bit earlier").format(advice=words) if words else translate("Coaching", "A bit earlier")
    if when == "later":
        return translate("Coaching", "{advice} \u00b7 a bit later").format(advice=words) if words else translate("Coaching", "A bit later")
    return words


def move_advice_text(advice: list[Advice], when: str | None, swapped_part: str | None) -> str:
    """A weak move's whole line: the swapped side first ("You used your right arm where the pro
    uses the left. Left arm higher"), then ``advice_text``."""
    text = advice_text(advice, when)
    if not swapped_part:
        return text
    swap = swap_sentence(swapped_part)
    return translate("Coaching", "{swap}. {advice}").format(swap=swap, advice=text) if text else swap


def move_when(delay_s: float | None, offset_s: float) -> str | None:
    """ "earlier" when the dancer was later in this move than usual (by ``MOVE_DELAY_S``), "later"
    when earlier; ``None`` otherwise or when unknown."""
    if delay_s is None or abs(delay_s - offset_s) < MOVE_DELAY_S:
        return None
    return "earlier" if delay_s > offset_s else "later"


def move_range(start: float, end: float) -> str:
    """ "4-8 s": a move's span, rounded the same way everywhere."""
    return translate("Coaching", "{start}-{end} s").format(start=f"{start:.0f}", end=f"{end:.0f}")


def _weak_part_sentence(parts: dict[str, float | None], shape: float) -> str:
    """ "Your left arm missed (24)." for every part rated MISS, weakest first; after shapes rated
    GOOD or better they are said as the exception ("Great shapes…" then a plain "Your left arm
    missed" read as a contradiction)."""
    missed = sorted((score, name) for name, score in parts.items() if score is not None and rating(score) == "miss")
    if not missed:
        return ""
    values = {"part": _joined([part_name(name) for _, name in missed]), "score": _joined([f"{score:.0f}" for score, _ in missed])}
    exception = rating(shape) in ("perfect", "great", "good")
    return translate("Coaching", _MISSED_PARTS[(exception, len(missed) > 1)]).format(**values)


def summary(
    *,
    found: bool,
    this_dance: bool,
    seen_share: float,
    shape: float,
    timing: Timing,
    parts: dict[str, float | None],
    weakest: Sequence[WeakMove],
    partial: str | None,
) -> str:
    """The report's summary: the verdict first, then shapes and timing, then what to practise."""
    if not found:
        return translate("Coaching", "We could not see you dance, so there is nothing to score yet.")
    if not this_dance and seen_share < SEEN_FOR_VERDICT:
        seen = translate(
            "Coaching", "We saw you for only {percent}% of the dance: too little to tell how you danced it. Stay where the camera sees all of you, then try again."
        ).format(percent=f"{seen_share * 100:.0f}")
        return sentences(seen, partial or "")
    if not this_dance:  # the verdict before anything else
        other = translate(
            "Coaching",
            "This does not look like this dance: your movements did not follow the pro's. Check that you picked the right video, then dance along from the start.",
        )
        return sentences(other, partial or "")
    kind, values = _timing_story(timing)
    shapes = translate("Coaching", _SHAPE_AND_TIMING[kind]).format(shapes=rating_word(rating(shape), capital=True), **values)
    if weakest:
        move = weakest[0]
        where = move_range(move.start, move.end)
        if move.advice_text:
            practise = translate("Coaching", "Practise the move at {range}: {advice}.").format(range=where, advice=_lower_first(move.advice_text))
        else:
            practise = translate("Coaching", "Practise the move at {range}.").format(range=where)
    else:
        practise = translate("Coaching", "Nothing to practise: every move you danced was GOOD or better.")
    return sentences(partial or "", shapes, _weak_part_sentence(parts, shape), practise)


def _joined(words: list[str], last_only: bool = False) -> str:
    """ "head, torso and arms" (``last_only``: "arms and legs and head", every one with "and")."""
    if not words:
        return ""
    if last_only:
        text = words[0]
        for word in words[1:]:
            text = translate("Coaching", "{first} and {last}").format(first=text, last=word)
        return text
    if len(words) == 1:
        return words[0]
    text = words[0]
    for word in words[1:-1]:
        text = translate("Coaching", "{list}, {item}").format(list=text, item=word)
    return translate("Coaching", "{first} and {last}").format(first=text, last=words[-1])


def _group_words(groups: list[str], pairs_first: bool) -> list[str]:
    """The parts as words, both arms as "arms" and both legs as "legs"."""
    names = set(groups)
    arms, legs = translate("Parts", "arms"), translate("Parts", "legs")
    if pairs_first:
        words = []
        for pair, word in ((_ARMS, arms), (_LEGS, legs)):
            if set(pair) <= names:
                words.append(word)
                names -= set(pair)
        return words + [part_name(name) for name in GROUPS if name in names]
    words = []
    for name in GROUPS:
        if name not in names:
            continue
        word = part_name(name)
        if name in _ARMS and set(_ARMS) <= names:
            word = arms
        if name in _LEGS and set(_LEGS) <= names:
            word = legs
        if word not in words:
            words.append(word)
    return words


def unseen_phrase(groups: list[str]) -> str:
    """ "legs" / "left arm" / "arms and legs": the groups a dancer understands, in words."""
    return _joined(_group_words(groups, pairs_first=True), last_only=True)


def judged_phrase(judged: list[str]) -> str:
    words = _group_words(judged, pairs_first=False)
    return _joined(words) if words else translate("Coaching", "nothing")


def view_warning(who: str, groups: list[str], judged: list[str]) -> str:
    """One part-not-in-view warning: ``who`` is "video" (the pro's video) or "you"."""
    values = {"parts": unseen_phrase(groups), "judged": judged_phrase(judged)}
    plural = len(set(groups)) > 1  # "legs" (both) or several parts
    if who == "video":
        if plural:
            return translate("Coaching", "The video's dancer's {parts} were not in view: judged on {judged}").format(**values)
        return translate("Coaching", "The video's dancer's {parts} was not in view: judged on {judged}").format(**values)
    if plural:
        return translate("Coaching", "Your {parts} were not in view: judged on {judged}. Step back so the camera sees all of you").format(**values)
    return translate("Coaching", "Your {parts} was not in view: judged on {judged}. Step back so the camera sees all of you").format(**values)


def view_warnings(judged: list[str], not_in_video: list[str], not_in_view: list[str]) -> list[str]:
    """ "The video's dancer's legs were not in view: judged on head, torso and arms"."""
    return [view_warning(who, groups, judged) for who, groups in (("video", not_in_video), ("you", not_in_view)) if groups]


def partial_sentence(start: float, end: float, total: float, edge_s: float) -> str:
    """ "You danced the first 8 s of 19 s: the rest is not scored." (``edge_s``: how close to
    an end counts as from the start or to the end)."""
    if start < edge_s:
        return translate("Coaching", "You danced the first {seconds} s of {total} s: the rest is not scored.").format(seconds=f"{end:.0f}", total=f"{total:.0f}")
    if total - end < edge_s:
        return translate("Coaching", "You danced the last {seconds} s of {total} s: the rest is not scored.").format(seconds=f"{total - start:.0f}", total=f"{total:.0f}")
    return translate("Coaching", "You danced {start}-{end} s of {total} s: the rest is not scored.").format(start=f"{start:.0f}", end=f"{end:.0f}", total=f"{total:.0f}")


def warning_sentence(fact: dict[str, Any]) -> str:
    """A report warning from its facts (``Report.story["warnings"]``): made when the report is,
    and again in another language by ``retold``."""
    kind = fact.get("kind")
    if kind == "no_reference":
        return translate("Coaching", "no dancer found in the reference video: there is nothing to copy")
    if kind == "no_performance":
        return translate("Coaching", "no dancer found in your video: make sure your whole body is in the camera's view")
    if kind == "out_of_frame":
        return translate("Coaching", "you were out of frame for {seconds} s: stay where the camera sees all of you").format(seconds=f"{float(fact['seconds']):.0f}")
    if kind == "view":
        return view_warning(str(fact["who"]), list(fact["groups"]), list(fact["judged"]))
    if kind == "partial":
        return partial_sentence(float(fact["start"]), float(fact["end"]), float(fact["total"]), float(fact["edge"]))
    raise ValueError(f"unknown warning: {kind!r}")


def aligned_sentence(aligned_by: str, music_offset_ms: float | None) -> str:
    """How the two videos were lined up, in words (no "+0.00 s")."""
    if aligned_by == "music" and music_offset_ms is not None:
        if abs(music_offset_ms) < 50:
            return translate("Coaching", "The music lined the two videos up: they start together.")
        seconds = f"{abs(music_offset_ms) / 1000:.1f}"
        if music_offset_ms > 0:
            return translate("Coaching", "The music lined the two videos up: the song starts {seconds} s later in yours.").format(seconds=seconds)
        return translate("Coaching", "The music lined the two videos up: the song starts {seconds} s earlier in yours.").format(seconds=seconds)
    if aligned_by == "clock":
        return translate("Coaching", "Lined up by the session's clock: you danced along with the video.")
    return translate("Coaching", "Lined up by your movements (the two videos do not share their music).")


def story_timing(facts: dict[str, Any]) -> Timing:
    """The ``Timing`` a report's story keeps (its figures, without the per-frame delays)."""
    return Timing(float(facts["offset_s"]), float(facts["tempo_ratio"]), float(facts["jitter_s"]), np.zeros(0), float(facts["score"]), bool(facts["judged"]))


def _retold_move(move: WeakMove) -> WeakMove:
    """A weakest move's sentences again; one stored without the facts its sentences need (the
    swapped side of an older report) keeps them as stored."""
    if any((a.part, a.direction) not in ADVICE_SENTENCES for a in move.advice):
        return move
    if move.swapped and not move.swapped_part:
        return move
    advice = tuple(replace(a, text=advice_sentence(a.part, a.direction)) for a in move.advice)
    swapped = move.swapped_part
    return replace(move, advice=advice, swapped=swap_sentence(swapped) if swapped else None, advice_text=move_advice_text(list(advice), move.when, swapped or None))


def retold(report: dict[str, Any]) -> dict[str, Any]:
    """A stored report's sentences in the language spoken now (a report made in English opened in
    简体中文, or the other way round): a copy with every sentence made again from the report's own
    facts (``Report.story``). The front ends show this, never the stored sentences themselves.

    A report stored before its facts were kept (no "story") keeps its sentences as stored."""
    told = dict(report)
    story = report.get("story")
    if not isinstance(story, dict):
        return told
    try:
        weakest = [_retold_move(WeakMove.from_json(move)) for move in report.get("weakest", [])]
        timing = story_timing(story["timing"])
        this_dance = bool(report.get("this_dance", True))
        facts = list(story.get("warnings", []))
        made = [warning_sentence(fact) for fact in facts]
        stored = list(report.get("warnings", []))
        partial = next((sentence for fact, sentence in zip(facts, made) if fact.get("kind") == "partial"), None)
        told.update(
            weakest=[move.to_json() for move in weakest],
            # warnings added after the report was made (a practice session's takes) stay as they are
            warnings=made + stored[len(made) :] if len(stored) >= len(made) else stored,
            summary=summary(
                found=bool(story["found"]),
                this_dance=this_dance,
                seen_share=float(story["seen_share"]),
                shape=float(story["shape"]),
                timing=timing,
                parts=dict(story["parts"]),
                weakest=weakest,
                partial=partial,
            ),
            timing_text=timing_line(timing, report.get("accents"), this_dance),
            mirror_text=mirror_sentence(bool(report.get("mirrored", False)), this_dance),
        )
    except (KeyError, TypeError, ValueError):
        return dict(report)  # facts from an edited or broken document: the sentences as stored
    return told
