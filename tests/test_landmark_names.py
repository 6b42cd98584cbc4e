"""Landmarks are named, never numbered: ``dancelike/vision/landmark_names.py`` is the one module
that knows which row of a (33, 4) landmark array is the left hip; everywhere else a bare
landmark number fails here, read on the source (issue 22: 0 bare landmark indices).

What counts as a bare landmark index (an int literal from 0 to 32, or 33 as a slice bound):

A. On a landmark array (a variable or attribute named ``landmarks``, ``roi_points``, ``lm``,
   ``points``, ``seen`` or ``visible``): an int, an int-bounded slice, or a list of ints as the
   first index (``landmarks[0, 0]``, ``points[:11]``, ``seen[[7, 8]]``). ``points``, ``seen`` and
   ``visible`` are common names for other lists too, so there the first-element idioms
   ``points[0]`` and ``points[1:]`` are not counted.
B. Anywhere: a literal list of two or more such ints picking rows on any axis
   (``x[[23, 24]]``, ``x[:, [23, 24], :2]``): fancy indexing by literal is how landmark pairs
   were picked.
C. A table: an int literal anywhere in the value assigned to a name that speaks of the body
   (``_HIPS = (23, 24)``, ``LEFT_WRIST = 15``, ``torso = [i for i in (11, 12, 24, 23) ...]``,
   ``_LANDMARK_OFFSETS = {0: ...}``). The members of an ``Enum`` class are names already.

Columns of a landmark array (``landmarks[:, 3]``: visibility) are not landmarks. What this
cannot see: comparisons and arithmetic on landmark numbers (``index <= 10``) and arrays under
other names; a reviewer catches those, and the enum's tables (``FACE``, ``is_face``) make
them unnecessary.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np

from dancelike.vision.landmark_names import (
    FACE,
    GROUP_LANDMARKS,
    HIPS,
    LANDMARK_NAMES,
    MIRROR_ORDER,
    NUM_LANDMARKS,
    SKELETON,
    PoseLandmark,
    is_face,
    mirrored,
)

PACKAGE = Path(__file__).resolve().parent.parent / "dancelike"
ENUM_MODULE = PACKAGE / "vision" / "landmark_names.py"

#: Names a landmark array goes by (rule A); the generic ones allow the first-element idioms.
LANDMARK_ARRAYS = {"landmarks", "roi_points", "lm"}
GENERIC_ARRAYS = {"points", "seen", "visible"}
#: Words of a name that speaks of the body (rule C). Limb and joint tables that number limbs
#: (``movement.JOINTS``: ``("head", "head", 0)``) pass: their ints sit beside names, not in a table of ints.
BODY_WORDS = {
    "landmark",
    "hip",
    "shoulder",
    "torso",
    "skeleton",
    "bone",
    "connection",
    "face",
    "head",
    "ear",
    "eye",
    "nose",
    "mouth",
    "neck",
    "arm",
    "leg",
    "wrist",
    "elbow",
    "knee",
    "ankle",
    "heel",
    "foot",
    "toe",
    "hand",
    "thumb",
    "pinky",
    "finger",
    "limb",
    "joint",
    "left",
    "right",
    "mirror",
}

#: Bare indices the owner of another module has still to name: (file, source of the expression)
#: -> why it is still here. Empty is the target; an entry that no longer occurs fails too.
PENDING: dict[tuple[str, str], str] = {}


def _int(node: ast.AST, top: int = NUM_LANDMARKS - 1) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value <= top


def _int_list(node: ast.AST) -> bool:
    return isinstance(node, ast.List) and len(node.elts) >= 2 and all(_int(e) for e in node.elts)


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _words(name: str) -> set[str]:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower()
    return {word.removesuffix("s") for word in spaced.split("_") if word}


def _first_axis_counts(index: ast.AST, generic: bool) -> bool:
    """Rule A on the first index of a landmark array's subscript."""
    if _int(index):
        return not (generic and isinstance(index, ast.Constant) and index.value == 0)
    if isinstance(index, ast.Slice):
        bounds = [b for b in (index.lower, index.upper) if b is not None and _int(b, NUM_LANDMARKS)]
        return any(not (generic and isinstance(b, ast.Constant) and b.value == 1) for b in bounds)
    return isinstance(index, ast.List) and bool(index.elts) and all(_int(e) for e in index.elts)


def _int_only(node: ast.AST) -> bool:
    """A literal table of ints: ``15``, ``(23, 24)``, ``[(11,), (13,)]``, ``{11, 12}``."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(_int_only(e) for e in node.elts)
    return _int(node, NUM_LANDMARKS)


def _table_ints(value: ast.AST) -> bool:
    """Rule C: an int literal that is the whole value, a tuple, list or set of ints only, a
    dict's key, or a count given to ``range``/``arange``. Subscripts (``d[:, 1]``: limbs,
    columns), call arguments (``mean(axis=0)``) and shapes (``(n, NUM_LANDMARKS, 4)``) are not tables."""
    if _int_only(value):
        return True
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Subscript):
            continue
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and _int_only(node):
            return True
        if isinstance(node, ast.Dict) and any(key is not None and _int_only(key) for key in node.keys):
            return True
        if isinstance(node, ast.Call) and _name(node.func) in ("range", "arange") and any(_int_only(a) for a in node.args):
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def _enum_classes(tree: ast.AST) -> set[ast.ClassDef]:
    return {node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and any(_name(b).endswith(("Enum", "Flag")) for b in node.bases)}


def bare_indices(source: str, path: str = "<source>") -> list[tuple[str, str]]:
    """Every bare landmark index in ``source``: (``path:line``, source of the expression)."""
    tree = ast.parse(source)
    found: list[tuple[str, str]] = []
    enum_bodies = {id(stmt) for cls in _enum_classes(tree) for stmt in cls.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            axes = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            name = _name(node.value)
            rule_a = name in LANDMARK_ARRAYS | GENERIC_ARRAYS and _first_axis_counts(axes[0], name in GENERIC_ARRAYS)
            if rule_a or any(_int_list(axis) for axis in axes):
                found.append((f"{path}:{node.lineno}", ast.unparse(node)))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and id(node) not in enum_bodies and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if any(_words(n) & BODY_WORDS for n in names) and _table_ints(node.value):
                found.append((f"{path}:{node.lineno}", ast.unparse(node)[:120]))
    return found


def test_no_bare_landmark_index_outside_the_enum_module() -> None:
    found = [
        (where, text)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != ENUM_MODULE
        for where, text in bare_indices(path.read_text(), str(path.relative_to(PACKAGE.parent)))
    ]
    pending = {(where.split(":")[0], text) for where, text in found} & PENDING.keys()
    unexpected = [f"{where}: {text}" for where, text in found if (where.split(":")[0], text) not in PENDING]
    assert not unexpected, "name these landmarks (dancelike.vision.landmark_names.PoseLandmark):\n" + "\n".join(unexpected)
    assert pending == PENDING.keys(), f"no longer there, take them off PENDING: {sorted(PENDING.keys() - pending)}"


def test_the_checker_sees_bare_indices_and_passes_names() -> None:
    """The rules on small cases: each of these is caught..."""
    caught = [
        "hips = landmarks[[23, 24], :2]",
        "x = body.landmarks[0, 0]",
        "head = points[:11]",
        "centre = frames.landmarks[found][:, [23, 24], :2]",
        "_HIPS = (23, 24)",
        "LEFT_WRIST, RIGHT_WRIST = 15, 16",
        "torso = [i for i in (11, 12, 24, 23) if seen[i]]",
        "_LANDMARK_OFFSETS = {0: (0.1, 0.0)}",
        "MIRROR_ORDER = np.arange(33)",
        "LIMBS = (('head', (11, 12), (0,)),)",
    ]
    for code in caught:
        assert bare_indices(code), code
    # ...and these are not: names, columns, first-element idioms, other tables, enum members.
    passed = [
        "hips = landmarks[list(HIPS), :2]",
        "visible = landmarks[:, 3] >= 0.5",
        "line = QPainterPath(points[0]); rest = points[1:]",
        "first = seen[0]",
        "colour = (20, 20, 20)",
        "size = image.shape[:2]",
        "JOINTS = (('head', 'head', 0),)",
        "class Part(IntEnum):\n    HEAD = 1\n    LEFT_HAND = 5",
        "head_thickness = 2.2",
    ]
    for code in passed:
        assert not bare_indices(code), code


def test_the_names_are_mediapipes() -> None:
    assert NUM_LANDMARKS == 33 and len(LANDMARK_NAMES) == 33
    assert (PoseLandmark.NOSE, PoseLandmark.LEFT_SHOULDER, PoseLandmark.RIGHT_SHOULDER) == (0, 11, 12)
    assert HIPS == (23, 24) and PoseLandmark.RIGHT_FOOT_INDEX == 32
    assert LANDMARK_NAMES[PoseLandmark.LEFT_EYE_INNER] == "left_eye_inner"
    assert len(SKELETON) == 35 and len(set(SKELETON)) == 35  # MediaPipe's POSE_CONNECTIONS
    assert [is_face(k) for k in PoseLandmark] == [k in FACE for k in PoseLandmark] and len(FACE) == 11


def test_mirroring_swaps_every_side_and_keeps_the_tables_whole() -> None:
    order = np.array(MIRROR_ORDER)
    assert (order[order] == np.arange(NUM_LANDMARKS)).all()  # mirroring twice is the identity
    assert mirrored(PoseLandmark.NOSE) == PoseLandmark.NOSE and mirrored(PoseLandmark.MOUTH_LEFT) == PoseLandmark.MOUTH_RIGHT
    assert {frozenset(mirrored(k) for k in GROUP_LANDMARKS["left_arm"])} == {frozenset(GROUP_LANDMARKS["right_arm"])}
    assert set().union(*GROUP_LANDMARKS.values()) == set(PoseLandmark)
