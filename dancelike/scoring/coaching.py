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
Plain Python over the report's numbers: no arrays, no I/O.
"""

from __future__ import annotations

from typing import Any

from dancelike.scoring.advice import Advice
from dancelike.scoring.calibration import SEEN_FOR_VERDICT
from dancelike.scoring.poses import GROUPS
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


def rating(score: float) -> str:
    """The rating of a score as the screen shows it (79.96 shows as 80: "great")."""
    shown = round(float(score))
    return next(name for threshold, name in RATINGS if shown >= threshold)


def part_name(part: str) -> str:
    return part.replace("_", " ")


def when_text(offset_s: float) -> str:
    """"on the beat", "0.3 s late", "0.2 s early": the delay, rounded to a tenth everywhere."""
    if abs(offset_s) < 0.1:
        return "on the beat"
    return f"{abs(offset_s):.1f} s {'late' if offset_s > 0 else 'early'}"


def _pace_text(timing: Timing) -> str:
    fault = timing.main_fault
    if fault == "fast":
        return "faster than the music"
    if fault == "slow":
        return "slower than the music"
    if fault == "unsteady":
        return "a little unsteady" if timing.unsteadiness_cost < SMALL_FAULT else "unsteady"
    return "steady"


def timing_line(timing: Timing, accents: dict[str, Any] | None, this_dance: bool) -> str:
    """The results screen's one timing line: "0.3 s late · steady · hit 7 of 10 accents"."""
    if not this_dance or not timing.judged:
        return "Timing not judged: it needs the dance's moves to compare"
    words = [when_text(timing.offset_s).capitalize(), _pace_text(timing)]
    if accents and accents.get("count"):
        hit = int(round(float(accents["hit_share"]) * int(accents["count"])))
        words.append(f"hit {hit} of {int(accents['count'])} accents")
    return " \u00b7 ".join(words)


def timing_clause(timing: Timing) -> str:
    """The summary's timing clause: the largest deduction when one costs points (the same fault
    the timing line names), else the timing's rating, and the delay when it is not on the beat."""
    fault = timing.main_fault
    if fault is None:
        label = rating(timing.score)
        return f"and {label} timing" if timing.on_beat else f"and steady timing, {when_text(timing.offset_s)}"
    if fault == "fast":
        return "but you rushed: you danced faster than the music"
    if fault == "slow":
        return "but you dragged: you danced slower than the music"
    if fault in ("late", "early"):
        return f"but you were {when_text(timing.offset_s)}: move with the music, not after the pro"
    if timing.unsteadiness_cost < SMALL_FAULT:
        return "but your timing wandered a little: keep to the beat"
    return "but your timing wandered: keep to the beat"


def mirror_sentence(mirrored: bool, this_dance: bool) -> str:
    """What "mirrored" means, when it was decided so."""
    if not mirrored or not this_dance:
        return ""
    return "You danced it as in a mirror (your left copied the pro's right), so you were judged that way: that is how most people copy a video."


def _both_sides(advice: list[Advice]) -> str | None:
    """"Both arms higher", "Bend both knees more": one sentence for the same change on both sides."""
    if len(advice) != 2 or advice[0].direction != advice[1].direction:
        return None
    sides = {a.part for a in advice}
    limb = "arm" if sides == {"left_arm", "right_arm"} else "leg" if sides == {"left_leg", "right_leg"} else None
    if limb is None:
        return None
    joint = "elbows" if limb == "arm" else "knees"
    text = advice[0].text.replace(f"Left {limb}", f"Both {limb}s").replace(f"Right {limb}", f"Both {limb}s")
    return text.replace("your left elbow", f"both {joint}").replace("your right elbow", f"both {joint}").replace(
        "your left knee", f"both {joint}").replace("your right knee", f"both {joint}")  # fmt: skip


def advice_text(advice: list[Advice], when: str | None) -> str:
    """One line for a weak move: "Left arm higher, right leg wider · a bit earlier"."""
    both = _both_sides(advice)
    words = both if both else ", ".join(a.text if k == 0 else a.text[0].lower() + a.text[1:] for k, a in enumerate(advice))
    if when:
        words = f"{words} \u00b7 a bit {when}" if words else f"A bit {when}"
    return words


def move_when(delay_s: float | None, offset_s: float) -> str | None:
    """"earlier" when the dancer was later in this move than usual (by ``MOVE_DELAY_S``), "later"
    when earlier; ``None`` otherwise or when unknown."""
    if delay_s is None or abs(delay_s - offset_s) < MOVE_DELAY_S:
        return None
    return "earlier" if delay_s > offset_s else "later"


def move_range(start: float, end: float) -> str:
    """"4-8 s": a move's span, rounded the same way everywhere."""
    return f"{start:.0f}-{end:.0f} s"


def _weak_part_clause(parts: dict[str, float | None]) -> str:
    """", but your left arm missed (24)" when a part is far below the rest."""
    judged = [(score, name) for name, score in parts.items() if score is not None]
    if not judged:
        return ""
    score, name = min(judged)
    if rating(score) != "miss":
        return ""
    return f" Your {part_name(name)} missed ({score:.0f})."


def summary(
    *, found: bool, this_dance: bool, seen_share: float, shape: float, timing: Timing, parts: dict[str, float | None], weakest: list[dict[str, Any]],
    partial: str | None,
) -> str:
    """The report's summary: the verdict first, then shapes and timing, then what to practise."""
    if not found:
        return "We could not see you dance, so there is nothing to score yet."
    prefix = f"{partial} " if partial else ""
    suffix = f" {partial}" if partial else ""
    if not this_dance and seen_share < SEEN_FOR_VERDICT:
        return (
            f"We saw you for only {seen_share * 100:.0f}% of the dance: too little to tell how you danced it. "
            "Stay where the camera sees all of you, then try again." + suffix
        )
    if not this_dance:  # the verdict before anything else
        return (
            "This does not look like this dance: your movements did not follow the pro's. "
            "Check that you picked the right video, then dance along from the start." + suffix
        )
    text = f"{prefix}{rating(shape).capitalize()} shapes, {timing_clause(timing)}.{_weak_part_clause(parts)}"
    if weakest:
        move = weakest[0]
        advice = f": {move['advice_text'][0].lower()}{move['advice_text'][1:]}" if move.get("advice_text") else ""
        text += f" Practise the move at {move_range(move['start'], move['end'])}{advice}."
    else:
        text += " Nothing to practise: every move you danced was GOOD or better."
    return text


def unseen_phrase(groups: list[str]) -> str:
    """"legs" / "left arm" / "arms and legs": the groups a dancer understands, in words."""
    names = set(groups)
    words = []
    for pair, word in ((_ARMS, "arms"), (_LEGS, "legs")):
        if set(pair) <= names:
            words.append(word)
            names -= set(pair)
    words += [part_name(name) for name in GROUPS if name in names]
    return " and ".join(words)


def judged_phrase(judged: list[str]) -> str:
    words: list[str] = []
    for name in GROUPS:
        if name not in judged:
            continue
        word = part_name(name)
        if name in _ARMS and set(_ARMS) <= set(judged):
            word = "arms"
        if name in _LEGS and set(_LEGS) <= set(judged):
            word = "legs"
        if word not in words:
            words.append(word)
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1] if words else "nothing"


def view_warnings(judged: list[str], not_in_video: list[str], not_in_view: list[str]) -> list[str]:
    """"The video's dancer's legs were not in view: judged on head, torso and arms"."""
    warnings = []
    for who, groups, advice in (("The video's dancer's", not_in_video, ""), ("Your", not_in_view, ". Step back so the camera sees all of you")):
        if groups:
            phrase = unseen_phrase(groups)
            verb = "were" if " and " in phrase or phrase in ("arms", "legs") else "was"
            warnings.append(f"{who} {phrase} {verb} not in view: judged on {judged_phrase(judged)}{advice}")
    return warnings


def partial_sentence(start: float, end: float, total: float, edge_s: float) -> str:
    """"You danced the first 8 s of 19 s: the rest is not scored." (``edge_s``: how close to
    an end counts as from the start or to the end)."""
    if start < edge_s:
        return f"You danced the first {end:.0f} s of {total:.0f} s: the rest is not scored."
    if total - end < edge_s:
        return f"You danced the last {total - start:.0f} s of {total:.0f} s: the rest is not scored."
    return f"You danced {start:.0f}-{end:.0f} s of {total:.0f} s: the rest is not scored."


def aligned_sentence(aligned_by: str, music_offset_ms: float | None) -> str:
    """How the two videos were lined up, in words (no "+0.00 s")."""
    if aligned_by == "music" and music_offset_ms is not None:
        if abs(music_offset_ms) < 50:
            return "The music lined the two videos up: they start together."
        later = "later" if music_offset_ms > 0 else "earlier"
        return f"The music lined the two videos up: the song starts {abs(music_offset_ms) / 1000:.1f} s {later} in yours."
    if aligned_by == "clock":
        return "Lined up by the session's clock: you danced along with the video."
    return "Lined up by your movements (the two videos do not share their music)."


def retold(report: dict[str, Any]) -> dict[str, Any]:
    """A stored report's sentences in the language spoken now (a report made in English opened in
    简体中文, or the other way round): a copy with every sentence made again from the report's own
    facts. The front ends show this, never the stored sentences themselves.

    Until every sentence can be made again from stored facts, those that cannot are kept as stored."""
    return dict(report)
