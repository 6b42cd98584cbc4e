"""Exact dynamic time warping with a Sakoe-Chiba band, vectorised in numpy.

The whole performance is aligned to the reference after a session: the path gives the
timing offset, the tempo ratio, the aligned score timeline and the re-timed replay.

How it stays fast without compiled code (3-minute pair, +-3 s band: tens of ms):

* Only the band is stored, in a *skewed* layout: row ``i`` keeps the ``W`` cells
  ``j = lo[i] + k`` for ``k = 0..W-1``, so every row is a plain contiguous vector.
* Local costs for the whole band are computed up front in row blocks with one matrix
  product each (``|a-b|^2 = |a|^2 + |b|^2 - 2 a.b`` on centred features).
* Each row is four numpy calls.  With ``A[j] = c[j] + min(D[i-1, j], D[i-1, j-1])`` the
  in-row recurrence ``D[j] = min(A[j], D[j-1] + c[j])`` is a prefix minimum:
  ``D = Cs + minimum.accumulate(A - Cs)`` where ``Cs`` is the running sum of ``c``.
* Backtracking walks rows, not cells: the prefix minimum says where the path entered
  each row (``bytes.rfind`` on a flag matrix), and the path is rebuilt with ``np.repeat``.

The reported ``frame_costs`` (and ``cost``) are recomputed directly as differences along
the final path, so they carry no rounding from the matrix-product shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Local cost of a pair where either frame has no features (NaN: nobody found). It is on
#: the scale of a poor match of unit-scale pose features, so the path neither seeks out nor
#: detours around empty frames, and a stretch of them costs what a stretch of bad dancing would.
DEFAULT_MISSING_COST = 1.0

#: Largest rows x columns x features of one cost block's matrix product. OpenBLAS runs a
#: product this small on the calling thread (its threading threshold is 4 x 65536): a
#: threaded product of this size is no faster, and when the other cores are busy (video
#: analysis running beside scoring) its spinning threads made the whole alignment 10x slower.
_COST_BLOCK_WORK = 250_000


@dataclass(frozen=True)
class Alignment:
    """An optimal warping path between a reference (rows) and a performance (columns).

    ``path`` is ``(k, 2)`` int64 pairs ``(ref_index, perf_index)`` from ``(0, 0)`` to
    ``(n-1, m-1)`` with steps ``(1,0)``, ``(0,1)`` or ``(1,1)``; ``frame_costs[s]`` is the
    local cost of ``path[s]`` and ``cost`` their sum. ``band`` is the half-width actually
    used (widened when the lengths differ a lot; ``None`` means unconstrained).
    """

    path: np.ndarray
    cost: float
    frame_costs: np.ndarray
    band: int | None

    @property
    def mean_cost(self) -> float:
        """Cost per path step: comparable between pairs of different lengths."""
        return float(self.cost / len(self.path))

    def perf_index_for_ref(self, n: int | None = None) -> np.ndarray:
        """For each reference frame, the mean performance frame it was matched to (float)."""
        return _mean_partner(self.path[:, 0], self.path[:, 1], n)

    def ref_index_for_perf(self, m: int | None = None) -> np.ndarray:
        """For each performance frame, the mean reference frame it was matched to (float)."""
        return _mean_partner(self.path[:, 1], self.path[:, 0], m)


def _mean_partner(keys: np.ndarray, values: np.ndarray, size: int | None) -> np.ndarray:
    size = int(keys[-1]) + 1 if size is None else size
    counts = np.bincount(keys, minlength=size)
    return np.bincount(keys, weights=values, minlength=size) / counts


def align(
    reference: np.ndarray,
    performance: np.ndarray,
    band: int | None = None,
    *,
    missing_cost: float = DEFAULT_MISSING_COST,
    step_penalty: float = 0.0,
) -> Alignment:
    """Exact DTW of ``performance`` (m, d) onto ``reference`` (n, d) within a band.

    The band follows the scaled diagonal ``j ~ i (m-1)/(n-1)`` with half-width ``band``
    performance frames; it is widened just enough for a path to exist when one sequence
    is much longer than the other. ``band=None`` is unconstrained (memory ``24 n m`` bytes).
    Local cost is the Euclidean distance between feature rows; a pair where either row
    contains NaN costs ``missing_cost``. Each step that is not diagonal (one sequence
    waiting for the other) costs ``step_penalty`` more: a steady tempo is preferred, so an
    unrelated motion cannot be warped into a match frame by frame.
    """
    ref = _as_features(reference, "reference")
    perf = _as_features(performance, "performance")
    if ref.shape[1] != perf.shape[1]:
        raise ValueError(f"feature sizes differ: reference {ref.shape[1]}, performance {perf.shape[1]}")
    if band is not None and band < 0:
        raise ValueError(f"band must be >= 0 frames or None, got {band}")
    if not np.isfinite(missing_cost) or missing_cost < 0:
        raise ValueError(f"missing_cost must be finite and >= 0, got {missing_cost}")
    if not np.isfinite(step_penalty) or step_penalty < 0:
        raise ValueError(f"step_penalty must be finite and >= 0, got {step_penalty}")
    n, m = len(ref), len(perf)
    lo, width, used_band = band_layout(n, m, band)
    costs = _band_costs(ref, perf, lo, width, float(missing_cost))
    cells, acc, prefix = _accumulate(costs, lo, float(step_penalty))
    path = _backtrack(cells, acc, prefix, lo, m, float(step_penalty))
    frame_costs = path_costs(ref, perf, path, missing_cost)
    return Alignment(path=path, cost=float(frame_costs.sum()), frame_costs=frame_costs, band=used_band)


def _as_features(values: np.ndarray, name: str) -> np.ndarray:
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 2 or len(array) == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} must be a non-empty (frames, features) array, got shape {array.shape}")
    if np.isinf(array).any():
        raise ValueError(f"{name} contains infinite values")
    return array


def band_layout(n: int, m: int, band: int | None) -> tuple[np.ndarray, int, int | None]:
    """First column ``lo[i]`` of each row's window, the window width, and the half-width used.

    Row ``i`` may use columns ``|j - centre[i]| <= w`` with ``centre[i]`` the scaled diagonal
    rounded half up. ``w`` is at least half the largest jump of the centre between rows, so
    consecutive windows touch and a path always exists. When the band covers every column
    the layout is the plain full matrix (``lo = 0``, width ``m``, half-width ``None``).
    """
    if band is None or n == 1 or m == 1:
        return np.zeros(n, dtype=np.int64), m, None
    rows = np.arange(n, dtype=np.int64)
    centre = (rows * (m - 1) + (n - 1) // 2) // (n - 1)
    half = max(int(band), int(np.diff(centre).max()) // 2)
    if half >= m - 1:
        return np.zeros(n, dtype=np.int64), m, None
    return centre - half, 2 * half + 1, half


def _band_costs(ref: np.ndarray, perf: np.ndarray, lo: np.ndarray, width: int, missing_cost: float) -> np.ndarray:
    """Local costs of every band cell, ``(n, width)`` in the skewed layout.

    Cells outside the matrix (``j < 0`` or ``j >= m``) get 0: on the left the accumulated
    cost stays infinite anyway, and on the right no path back to a real cell exists.
    """
    n, m = len(ref), len(perf)
    ref_missing = np.isnan(ref).any(axis=1)
    perf_missing = np.isnan(perf).any(axis=1)
    valid = np.concatenate([ref[~ref_missing], perf[~perf_missing]])
    centre = valid.mean(axis=0) if len(valid) else np.zeros(ref.shape[1])
    # Centring keeps |a|^2 + |b|^2 - 2ab well conditioned; missing rows become zeros.
    ref_c = np.where(ref_missing[:, None], 0.0, ref - centre)
    pad_left = max(0, -int(lo.min()))
    pad_right = max(0, int(lo.max()) + width - m)
    perf_c = np.zeros((pad_left + m + pad_right, perf.shape[1]))
    perf_c[pad_left : pad_left + m] = np.where(perf_missing[:, None], 0.0, perf - centre)
    outside = np.ones(len(perf_c), dtype=bool)
    outside[pad_left : pad_left + m] = False
    perf_gap = np.zeros(len(perf_c), dtype=bool)
    perf_gap[pad_left : pad_left + m] = perf_missing
    ref_sq = np.einsum("ij,ij->i", ref_c, ref_c)
    perf_sq = np.einsum("ij,ij->i", perf_c, perf_c)
    missing_sq = missing_cost * missing_cost

    costs = np.empty((n, width))
    offsets = np.arange(width)
    rows = _block_rows(n, m, width, ref.shape[1])
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        col0 = int(lo[start]) + pad_left
        col1 = int(lo[stop - 1]) + width + pad_left
        block = ref_c[start:stop] @ perf_c[col0:col1].T
        block *= -2.0
        block += ref_sq[start:stop, None]
        block += perf_sq[None, col0:col1]
        if ref_missing[start:stop].any():
            block[ref_missing[start:stop]] = missing_sq
        if perf_gap[col0:col1].any():
            block[:, perf_gap[col0:col1]] = missing_sq
        if outside[col0:col1].any():
            block[:, outside[col0:col1]] = 0.0
        span = col1 - col0
        flat = (np.arange(stop - start) * span + (lo[start:stop] + pad_left - col0))[:, None] + offsets
        np.take(block.ravel(), flat, out=costs[start:stop])
    np.maximum(costs, 0.0, out=costs)
    return np.sqrt(costs, out=costs)


def _block_rows(n: int, m: int, width: int, dims: int) -> int:
    """Rows per cost block: as many as keep the block's product under ``_COST_BLOCK_WORK``."""
    slope = max(1.0, m / n)
    rows = 256
    while rows > 8 and rows * (width + rows * slope) * dims > _COST_BLOCK_WORK:
        rows //= 2
    return rows


def _accumulate(costs: np.ndarray, lo: np.ndarray, penalty: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Accumulated costs of the band, row by row with a prefix minimum (five numpy calls a row).

    With a step penalty ``p``: ``A[j] = c[j] + min(D[i-1, j-1], D[i-1, j] + p)`` and in the row
    ``D[j] = min(A[j], D[j-1] + c[j] + p)``, still a prefix minimum over the running sum of ``c + p``.

    Returns ``cells`` (n, 1 + W + max_shift): ``cells[i, 1 + k]`` is D at ``(i, lo[i] + k)``,
    with infinite padding so the previous row can be read at any shift without bounds checks;
    and ``acc``/``prefix``, the running minimum and its input, from which backtracking
    reads where the path entered each row (row 0 is not used: the path starts at ``(0, 0)``).
    """
    n, width = costs.shape
    shifts = np.diff(lo)
    max_shift = int(shifts.max()) if n > 1 else 0
    stepped = costs + penalty
    running = np.cumsum(stepped, axis=1)
    before = running - stepped  # running sum of the (penalised) cells strictly left of each cell
    cells = np.full((n, 1 + width + max_shift), np.inf)
    acc = np.empty((n, width))
    prefix = np.empty((n, width))
    first = -int(lo[0])  # column 0 in row 0's window
    cells[0, 1 + first : 1 + width] = np.cumsum(stepped[0, first:]) - penalty

    best_prev = np.empty(width)
    from_above = np.empty(width)
    outs = list(cells[1:, 1 : 1 + width])
    # The running sum carries c + p per cell, so a cell entered from the row above pays its own
    # penalty once more than one entered diagonally: both are compared net of it (``before + p``).
    before += penalty
    rows = zip(cells[:-1], outs, before[1:], running[1:], prefix[1:], acc[1:], shifts.tolist())
    for prev, out, before_row, running_row, prefix_row, acc_row, shift in rows:
        # min(D[i-1, j-1], D[i-1, j] + p) for every j of this row's window
        if penalty:
            np.add(prev[shift + 1 : shift + 1 + width], penalty, out=from_above)
            np.minimum(prev[shift : shift + width], from_above, out=best_prev)
        else:
            np.minimum(prev[shift : shift + width], prev[shift + 1 : shift + 1 + width], out=best_prev)
        np.subtract(best_prev, before_row, out=prefix_row)
        np.minimum.accumulate(prefix_row, out=acc_row)
        np.add(acc_row, running_row, out=out)
    return cells, acc, prefix


def _backtrack(cells: np.ndarray, acc: np.ndarray, prefix: np.ndarray, lo: np.ndarray, m: int, penalty: float = 0.0) -> np.ndarray:
    """The optimal path from ``(n-1, m-1)`` back to ``(0, 0)``, one step per row.

    In row ``i`` the path enters at the last ``k <= k_end`` where the running minimum was
    set by the cell itself (``acc == prefix``), then runs right to ``k_end``. It came into
    that cell diagonally or from above, whichever accumulated less (ties: diagonal).
    """
    n, width = acc.shape
    entered = (acc == prefix).view(np.uint8).tobytes()
    stride = cells.shape[1]
    flat = cells.ravel()
    lows = lo.tolist()
    starts = [0] * n
    ends = [0] * n
    k_end = m - 1 - lows[n - 1]
    for i in range(n - 1, 0, -1):
        base = i * width
        k = entered.rfind(b"\x01", base, base + k_end + 1) - base
        starts[i] = lows[i] + k
        ends[i] = lows[i] + k_end
        shift = lows[i] - lows[i - 1]
        above = (i - 1) * stride + 1 + shift + k  # D[i-1, j]
        j = starts[i] - 1 if flat[above - 1] <= flat[above] + penalty else starts[i]
        k_end = j - lows[i - 1]
    starts[0], ends[0] = 0, lows[0] + k_end
    return _segments_to_path(np.array(starts), np.array(ends))


def _segments_to_path(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Rows' column segments ``[start, end]`` as an explicit ``(k, 2)`` path."""
    lengths = ends - starts + 1
    total = int(lengths.sum())
    rows = np.repeat(np.arange(len(starts)), lengths)
    first = np.cumsum(lengths) - lengths
    cols = np.repeat(starts - first, lengths) + np.arange(total)
    return np.stack([rows, cols], axis=1).astype(np.int64)


def path_costs(reference: np.ndarray, performance: np.ndarray, path: np.ndarray, missing_cost: float = DEFAULT_MISSING_COST) -> np.ndarray:
    """Euclidean local cost of each path pair (``missing_cost`` where either row has NaN)."""
    diff = np.asarray(reference, dtype=np.float64)[path[:, 0]] - np.asarray(performance, dtype=np.float64)[path[:, 1]]
    costs = np.sqrt(np.einsum("ij,ij->i", diff, diff))
    costs[np.isnan(costs)] = missing_cost
    return costs
