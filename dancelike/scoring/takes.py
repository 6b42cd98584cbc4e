"""Practice sessions: which frames of the dancer judge which stretch of the reference.

A live session that seeks (jumps to a move, loops a move) is danced in *takes*: runs in which
the reference played on without a jump. The final report judges each moment of the reference
on the **latest** take that danced it (looping a hard move until it works counts the last try),
and leaves moments no take reached out of the judgement (seeking past a part is not failing it).

Each piece (a stretch of the reference and the dancer's frames of the take that owns it) is
aligned on its own with exact DTW, and the pieces' paths are joined in reference order over the
dancer's frames re-ordered the same way, so ``build_report`` sees one monotonic path. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dancelike.scoring.dtw import align
from dancelike.scoring.poses import PoseTrack


@dataclass(frozen=True)
class Piece:
    """Reference frames ``[ref_start, ref_end)`` judged on the performance ``rows`` of ``take``."""

    take: int
    ref_start: int
    ref_end: int
    rows: np.ndarray


def latest_pieces(takes: np.ndarray, positions: np.ndarray, fps: float, count: int, min_rows: int = 2) -> list[Piece]:
    """Split the reference (``count`` frames at ``fps``) among the takes, the latest winning.

    ``takes`` and ``positions`` are per performance row: the take it belongs to (non-decreasing)
    and the reference position (seconds) it was danced at. A take owns the frames from its first
    to its last position; a later take overwrites what it covers. Pieces with fewer than
    ``min_rows`` rows are dropped (nothing to align).
    """
    takes = np.asarray(takes, np.int64)
    frames = np.clip(np.round(np.asarray(positions, np.float64) * fps).astype(np.int64), 0, max(0, count - 1))
    owner = np.full(count, -1, np.int64)
    for take in np.unique(takes):  # ascending = chronological: later takes overwrite
        mine = frames[takes == take]
        owner[mine.min() : mine.max() + 1] = take
    pieces = []
    edges = np.flatnonzero(np.diff(owner)) + 1
    for start, end in zip(np.concatenate([[0], edges]), np.concatenate([edges, [count]])):
        take = int(owner[start])
        if take < 0:
            continue
        rows = np.flatnonzero((takes == take) & (frames >= start) & (frames < end))
        if len(rows) >= min_rows:
            pieces.append(Piece(take, int(start), int(end), rows))
    return pieces


def subset(track: PoseTrack, rows: np.ndarray) -> PoseTrack:
    """The rows ``rows`` of ``track``, in that order."""
    return PoseTrack(track.times[rows], track.found[rows], track.directions[rows], track.visibility[rows], track.parts[rows])


def align_pieces(
    reference: PoseTrack, performance: PoseTrack, pieces: list[Piece], band: int, missing_cost: float, step_penalty: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """``(order, path)``: the performance rows in piece order, and one DTW path of the
    reference against ``subset(performance, order)`` made of each piece's own alignment."""
    order = np.concatenate([p.rows for p in pieces]) if pieces else np.zeros(0, np.int64)
    paths, offset = [], 0
    for piece in pieces:
        ref = reference.features[piece.ref_start : piece.ref_end]
        perf = performance.features[piece.rows]
        path = np.asarray(align(ref, perf, band=band, missing_cost=missing_cost, step_penalty=step_penalty).path, np.int64)
        paths.append(path + np.array([piece.ref_start, offset]))
        offset += len(piece.rows)
    return order, (np.concatenate(paths) if paths else np.zeros((0, 2), np.int64))
