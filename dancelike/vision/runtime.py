"""LiteRT (TensorFlow Lite) runtime wrapper: one interpreter per thread, never shared.

``ai-edge-litert`` is the current runtime (numpy 2 ready); ``tflite-runtime`` is only
a fallback for old boards that still have it. ``invoke()`` releases the GIL, which is
what lets two interpreters in two threads use both cores.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from dancelike.errors import SetupError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.vision.model_files import model_path

# LiteRT logs below warnings are noise in a command-line tool's output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
_STDERR_LOCK = threading.Lock()

INSTALL_HINT = QT_TRANSLATE_NOOP("Models", "install the LiteRT runtime: pip install ai-edge-litert")


def _interpreter_class() -> Any:
    errors = []
    try:
        from ai_edge_litert.interpreter import Interpreter

        return Interpreter
    except Exception as exc:  # noqa: BLE001 - any import failure means "try the next one"
        errors.append(f"ai_edge_litert: {exc}")
    try:
        from tflite_runtime.interpreter import Interpreter

        return Interpreter
    except Exception as exc:  # noqa: BLE001
        errors.append(f"tflite_runtime: {exc}")
    raise SetupError(
        translate("Models", "no TensorFlow Lite runtime could be imported ({reasons}); {hint}").format(reasons="; ".join(errors), hint=translate("Models", INSTALL_HINT))
    )


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Silence native code's stderr (file descriptor 2) for a moment.

    LiteRT prints "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." (and a
    deprecation notice for a flag it sets itself) on every interpreter it builds,
    whatever TF_CPP_MIN_LOG_LEVEL says. Load failures still surface as exceptions.
    """
    with _STDERR_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):  # no usable stderr: nothing to silence
            yield
            return
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class Model:
    """One loaded .tflite model, bound to the first thread that runs it.

    ``run`` feeds one float32 input and returns every output as a numpy array
    (copies, so callers may keep them). Running it later from another thread raises,
    because a LiteRT interpreter is not thread-safe.
    """

    def __init__(self, name: str, num_threads: int = 1) -> None:
        if num_threads < 1:
            raise ValueError("num_threads must be >= 1")
        self.name = name
        self.num_threads = num_threads
        interpreter_class = _interpreter_class()
        path = str(model_path(name))
        with _quiet_native_stderr():
            try:
                # XNNPACK's newest kernels: outputs bit-identical here, ~6% faster.
                self._interpreter = interpreter_class(model_path=path, num_threads=num_threads, experimental_default_delegate_latest_features=True)
            except TypeError:  # older runtimes (tflite-runtime) lack the option
                self._interpreter = interpreter_class(model_path=path, num_threads=num_threads)
            self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]
        self._outputs = self._interpreter.get_output_details()
        self._owner: int | None = None

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(v) for v in self._input["shape"])

    def timed_invoke(self, tensor: np.ndarray) -> float:
        """CPU seconds one ``invoke()`` takes on ``tensor``: the model's bare cost, nothing around
        it. The calling thread's CPU time, not the wall clock: on a machine busy with other work
        the wait for a core is not the model's (with ``num_threads=1`` it runs on this thread)."""
        self._bind()
        self._interpreter.set_tensor(self._input["index"], tensor.astype(np.float32, copy=False))
        started = time.thread_time()
        self._interpreter.invoke()
        return time.thread_time() - started

    def _bind(self) -> None:
        thread = threading.get_ident()
        if self._owner is None:
            self._owner = thread  # bound to the first thread that runs it
        elif thread != self._owner:
            raise RuntimeError(f"model {self.name} used from a thread that did not create it")

    def write_input(self, fill: Callable[[np.ndarray], None]) -> None:
        """Let ``fill`` write the next run's input straight into the interpreter's input buffer
        (``run_written`` then runs it): no tensor built, then copied in. ``fill`` must not
        keep the array it is given (LiteRT refuses to run while a view of its buffers lives)."""
        self._bind()
        view = self._interpreter.tensor(self._input["index"])()
        fill(view)
        del view

    def run_written(self, copy: bool = True) -> list[np.ndarray]:
        """Run the model on the input ``write_input`` wrote; outputs as from ``run``."""
        self._bind()
        self._interpreter.invoke()
        return self._outputs_of(copy)

    def run(self, tensor: np.ndarray, copy: bool = True) -> list[np.ndarray]:
        """Run the model on one input tensor; outputs in the model's declared order.

        ``copy=False`` returns views of the interpreter's own buffers (no copying of the
        large segmentation and heatmap outputs): the caller must drop them before the
        next ``run``, which LiteRT refuses while any view is alive.
        """
        self._bind()
        self._interpreter.set_tensor(self._input["index"], tensor.astype(np.float32, copy=False))
        self._interpreter.invoke()
        return self._outputs_of(copy)

    def _outputs_of(self, copy: bool) -> list[np.ndarray]:
        if copy:
            return [self._interpreter.get_tensor(out["index"]) for out in self._outputs]
        return [self._interpreter.tensor(out["index"])() for out in self._outputs]
