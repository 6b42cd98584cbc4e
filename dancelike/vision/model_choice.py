"""Which landmark model runs here: MediaPipe's float model or its int8-mix copy, the faster one.

The int8-mix copy (``scripts/make_int8_landmarks.py``) is 17% faster on a CPU with AVX512-VNNI
and no faster on an AVX2-only laptop (14.8 ms against 15.0 ms a run), where the float original,
exact, is as good a choice. So the first time DanceLike runs on a machine it times both
(one thread, alternating, a few hundred milliseconds) and keeps the answer in the cache folder
(``landmark_model.json``), keyed by the CPU, the runtime and both files' SHA-256: another CPU,
a new LiteRT or a changed model file is measured again. int8-mix is taken only when it is
clearly faster (``MIN_GAIN``): it exists for speed alone.

Processes that start together (the analysis workers) measure once between them: the first
takes a lock on the folder, the others wait for its answer. ``DANCELIKE_LANDMARK_MODEL``
(``float`` or ``int8mix``) fixes the choice, for comparisons and tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import platform
import statistics
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dancelike.vision.model_files import MODEL_SHA256
from dancelike.vision.runtime import Model

FLOAT = "pose_landmark_full.tflite"
INT8MIX = "pose_landmark_full_int8mix.tflite"
CANDIDATES = (FLOAT, INT8MIX)
#: What each file is called on screen.
LABELS = {FLOAT: "float", INT8MIX: "int8-mix"}
#: int8-mix must be at least this much faster (a share of the float model's time) to be chosen.
MIN_GAIN = 0.03
#: Timed runs of each model (alternating, after ``WARMUP`` untimed ones): the median is kept.
RUNS = 12
WARMUP = 3
ENV = "DANCELIKE_LANDMARK_MODEL"
FILE_NAME = "landmark_model.json"
_INPUT_SHAPE = (1, 256, 256, 3)


@dataclass(frozen=True)
class Choice:
    """The landmark model to run, and why: ``how`` is ``measured`` (now), ``kept`` (measured
    before on this machine), ``fixed`` (``DANCELIKE_LANDMARK_MODEL``) or ``default`` (could not
    be measured); ``ms`` is each candidate's one-thread run time when measured."""

    model: str
    how: str
    ms: dict[str, float] = field(default_factory=dict)
    key: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.model, self.model)

    def describe(self) -> str:
        """One line for ``bench`` and ``info`` (developer figures, English)."""
        times = ", ".join(f"{LABELS.get(name, name)} {ms:.2f} ms" for name, ms in sorted(self.ms.items(), key=lambda item: item[1]))
        return f"{self.label} ({self.how}{': ' + times + ' a run, one thread' if times else ''})"


def cpu_identity(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The CPU's model name and instruction-set flags (what XNNPACK picks kernels by)."""
    model, flags = platform.processor() or platform.machine(), ""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and value.strip():
            model = value.strip()
        elif key.strip() in ("flags", "Features") and not flags:
            flags = " ".join(sorted(value.split()))
    return f"{platform.machine()}|{model}|{flags}"


def _runtime_version() -> str:
    for name in ("ai-edge-litert", "tflite-runtime"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return f"{name} {importlib.metadata.version(name)}"
    return "unknown"


def machine_key(models: Sequence[str] = CANDIDATES, cpu: str | None = None) -> str:
    """What a measurement holds for: this CPU, this runtime, these model files' bytes."""
    text = "\n".join([cpu if cpu is not None else cpu_identity(), _runtime_version(), *(f"{name} {MODEL_SHA256[name]}" for name in models)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def measure(models: Sequence[str] = CANDIDATES, runs: int = RUNS, warmup: int = WARMUP) -> dict[str, float]:
    """Each model's one-thread run time (median CPU ms), the models taking turns run by run so a
    busy moment of the machine falls on both."""
    loaded = {name: Model(name, 1) for name in models}
    tensor = np.random.default_rng(0).random(_INPUT_SHAPE, dtype=np.float32)
    times: dict[str, list[float]] = {name: [] for name in models}
    for round_ in range(warmup + runs):
        for name, model in loaded.items():
            seconds = model.timed_invoke(tensor)
            if round_ >= warmup:
                times[name].append(seconds * 1000.0)
    return {name: round(statistics.median(values), 3) for name, values in times.items()}


def invoke_ms(model: str, runs: int = 30, warmup: int = WARMUP) -> float:
    """One model's bare one-thread run time (median ms): the landmark model's floor."""
    return measure((model,), runs, warmup)[model]


def paced_invoke_ms(model: str, per_second: float, runs: int = 30, warmup: int = WARMUP) -> float:
    """One model's one-thread run time (median CPU ms) when it runs ``per_second`` times a second
    and the thread waits in between, as a live session runs it. Here a run that follows 20 ms of
    anything else costs ~10% more than back to back (its caches are cold again: measured with
    the thread sleeping, spinning or streaming memory in between, alike), so a session at 30
    frames a second cannot reach ``invoke_ms``: this is the floor it can reach."""
    loaded = Model(model, 1)
    tensor = np.random.default_rng(0).random(_INPUT_SHAPE, dtype=np.float32)
    period, times = 1.0 / per_second, []
    due = time.perf_counter()
    for round_ in range(warmup + runs):
        seconds = loaded.timed_invoke(tensor)
        if round_ >= warmup:
            times.append(seconds * 1000.0)
        due += period
        time.sleep(max(0.0, due - time.perf_counter()))
    return round(statistics.median(times), 3)


def faster(ms: dict[str, float]) -> str:
    """The model to run given each one's time: int8-mix only when ``MIN_GAIN`` faster."""
    if INT8MIX in ms and FLOAT in ms:
        return INT8MIX if ms[INT8MIX] <= ms[FLOAT] * (1.0 - MIN_GAIN) else FLOAT
    return INT8MIX if INT8MIX in ms else FLOAT


def cache_folder() -> Path:
    """The cache folder, as ``store.paths.cache_dir`` places it (the vision layer cannot import
    the store; a test checks that both agree)."""
    import platformdirs

    override = os.environ.get("DANCELIKE_HOME")
    return Path(override).expanduser() / "cache" if override else Path(platformdirs.user_cache_dir("dancelike", appauthor=False))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` across processes (where the system has ``fcntl``)."""
    try:
        import fcntl
    except ImportError:  # Windows: two workers may both measure; each keeps a sound answer
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ModelChoice:
    """The choice kept in ``folder``: read when this machine measured before, else measured
    (``measure``) and written, one process at a time."""

    def __init__(self, folder: Path, measure: Callable[[], dict[str, float]] = measure, key: Callable[[], str] = machine_key) -> None:
        self.folder, self._measure, self._key = folder, measure, key

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def _read(self, key: str) -> Choice | None:
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            entry = kept["machines"][key]
            model = str(entry["model"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if model not in CANDIDATES:
            return None
        return Choice(model, "kept", {str(k): float(v) for k, v in entry.get("ms", {}).items()}, key)

    def get(self) -> Choice:
        key = self._key()
        kept = self._read(key)
        if kept is not None:
            return kept
        self.folder.mkdir(parents=True, exist_ok=True)
        with _locked(self.folder / (FILE_NAME + ".lock")):
            kept = self._read(key)  # another process may have measured while we waited
            if kept is not None:
                return kept
            ms = self._measure()
            choice = Choice(faster(ms), "measured", ms, key)
            self._write(choice)
            return choice

    def _write(self, choice: Choice) -> None:
        """Add this machine's entry (another CPU's stay: a data folder may move between machines)."""
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            machines = dict(kept["machines"])
        except (OSError, ValueError, KeyError, TypeError):
            machines = {}
        machines[choice.key] = {"model": choice.model, "ms": choice.ms, "cpu": cpu_identity().split("|")[1], "measured": time.strftime("%Y-%m-%d")}
        temporary = self.path.with_name(f".{FILE_NAME}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({"machines": machines}, indent=1), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:  # not kept (a full disk): measured again next time, never a failure
            temporary.unlink(missing_ok=True)


_lock = threading.Lock()
_current: Choice | None = None


def current() -> Choice:
    """This process's landmark model (decided once per process: every tracker runs the same)."""
    global _current
    fixed = os.environ.get(ENV, "").strip().lower().replace("-", "")
    if fixed:
        by_label = {label.replace("-", ""): name for name, label in LABELS.items()}
        return Choice(by_label.get(fixed, INT8MIX), "fixed")
    with _lock:
        if _current is None:
            try:
                _current = ModelChoice(cache_folder()).get()
            except OSError:  # no writable cache: measure for this process only
                ms = measure()
                _current = Choice(faster(ms), "measured", ms)
        return _current


def landmark_model() -> str:
    """The landmark model file this machine runs (``current``)."""
    return current().model


def cache_tag(model: str) -> str:
    """What an analysis cache key says about the landmark model that made it: nothing for
    int8-mix (the keys made before there was a choice), ``-float`` for the float model."""
    return "" if model == INT8MIX else "-" + LABELS.get(model, model).replace("-", "")


def forget() -> None:
    """Decide again at the next ``current()`` (tests)."""
    global _current
    with _lock:
        _current = None
