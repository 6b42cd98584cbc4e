"""The Ray engine: each performance is one Ray task, on this machine or on a cluster.

The only module of the package that imports Ray, and only when an engine is made, so the
package works without the optional ``cluster`` extra. The reference's analysis goes into
Ray's object store once; each clip travels as bytes with its task, so the workers need no
shared disk; a worker loads its models once (``analyse_clip_in_process`` keeps them) and
keeps them for every later task, because Ray reuses its worker processes.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from dancelike.errors import InputError
from dancelike.i18n import QT_TRANSLATE_NOOP, translate
from dancelike.pipeline.batch_job import ReferenceBundle, analyse_clip_in_process, score_clip
from dancelike.store.leftovers import remove_dead_workers_folders, remove_old_folders, worker_folder_prefix, worker_folders

#: The one line a user without the cluster extra sees.
NEEDS_RAY = QT_TRANSLATE_NOOP("Batch", "--ray needs the cluster extra: pip install 'dancelike[cluster]'")

#: How long the cluster's head may take to answer before ``--ray HOST:PORT`` gives up (Ray
#: itself retries an unreachable head for minutes, printing a log line every few seconds).
CONNECT_SECONDS = 5.0

#: Tasks queued beyond the running ones, per worker: a worker that finishes finds its next
#: clip already shipped, while the driver holds only a few clips' bytes at a time.
AHEAD_PER_WORKER = 1

#: The temporary folders of Ray tasks are ``worker_folder_prefix(f"{TASK_FOLDERS}-<engine>")``.
TASK_FOLDERS = "ray"
#: Ray's setting of its workers' niceness (``ray_constants.RAY_WORKER_NICENESS``), read by the
#: processes a local engine starts.
WORKER_NICENESS = "RAY_worker_niceness"
#: What earlier versions named them (no process in the name): removed when this old, as no
#: task takes an hour.
OLD_TASK_FOLDERS, OLD_TASK_FOLDERS_HOURS = "dancelike-ray-", 1.0
#: How long a local engine's close waits for its killed workers' copies of clips to be removable.
WORKERS_EXIT_SECONDS = 5.0


def import_ray() -> ModuleType:
    """Ray itself, or the one-line error naming the extra (any other import failure is a bug
    and is raised as it is)."""
    try:
        import ray
    except ModuleNotFoundError as exc:
        if exc.name != "ray":
            raise
        raise InputError(translate("Batch", NEEDS_RAY)) from None
    return ray


def check_reachable(address: str) -> None:
    """``InputError`` at once when nothing answers at ``HOST:PORT`` (``auto`` and ``ray://``
    addresses are left to Ray)."""
    if address in ("local", "auto") or address.startswith("ray://"):
        return
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS).close()
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise InputError(
            translate("Batch", "--ray {address}: no Ray cluster answers there ({reason}); start one with 'ray start --head'").format(address=address, reason=reason)
        ) from None


def send_token_when_known() -> None:
    """Send the cluster's token when this machine has one (``ray get-auth-token`` wrote it, or
    ``RAY_AUTH_TOKEN`` holds it): a cluster started with token authentication (Ray's default
    from 2.61) refuses a driver without it, and one without authentication accepts it anyway.
    Ray reads this when it is imported, so it is set before."""
    if "RAY_AUTH_MODE" in os.environ:
        return
    if os.environ.get("RAY_AUTH_TOKEN") or os.environ.get("RAY_AUTH_TOKEN_PATH") or (Path.home() / ".ray" / "auth_token").is_file():
        os.environ["RAY_AUTH_MODE"] = "token"


def _failure(exc: Exception, temporary: Path, shown: str) -> BaseException:
    """What failed a clip, as the local engine would say it: the worker's temporary file named
    as the user named the clip, and an exception that pickles (a broken clip becomes an error
    row, never a Ray traceback)."""
    message = str(exc).replace(str(temporary), shown)
    try:
        renamed = type(exc)(message) if message != str(exc) else exc
        pickle.loads(pickle.dumps(renamed))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {message}")
    return renamed


def score_clip_bytes(bundle: ReferenceBundle, shown: str, data: bytes, every_dancer: bool, folders: str = TASK_FOLDERS) -> list[dict[str, Any]] | BaseException:
    """One performance, on a worker: its bytes written to a private temporary file under its
    own file name (``shown`` is the path the user gave), analysed and scored. Failures are
    returned, not raised, so the driver makes an error row of them without Ray's retries or
    its logged traceback.

    The file's folder is named by this worker process and ``folders`` (the engine's): a task
    cancelled with its class is killed before it can delete it, so each task first removes the
    copies that killed workers left on this machine (``RayEngine.close`` those of its own)."""
    remove_dead_workers_folders(TASK_FOLDERS)
    remove_old_folders(OLD_TASK_FOLDERS, OLD_TASK_FOLDERS_HOURS)
    with tempfile.TemporaryDirectory(prefix=worker_folder_prefix(folders)) as folder:
        clip = Path(folder) / Path(shown).name
        try:
            clip.write_bytes(data)
            analysis = analyse_clip_in_process(clip, every_dancer)
            rows = score_clip(bundle, clip, analysis, every_dancer)
        except Exception as exc:
            return _failure(exc, clip, shown)
    for row in rows:
        if row.get("error"):
            row["error"] = str(row["error"]).replace(str(clip), shown)
    return rows


def unreadable(clip: Path, exc: OSError) -> InputError:
    """A clip this machine cannot read, said as the local engine's video reader says it."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{clip}: no such file")
    if clip.is_dir():
        return InputError(f"{clip}: is a folder, not a file")
    return InputError(f"{clip}: cannot read ({exc.strerror or exc})")


def warm_worker() -> int:
    """Occupy a worker for a moment (so each of them gets one): unpickling this function has
    imported the job code, as a clip's first task would. Its process id."""
    time.sleep(0.2)
    return os.getpid()


class RayEngine:
    """Scores performances as Ray tasks; ``address`` is ``"local"`` (start Ray on this machine
    with ``workers`` CPUs) or a running cluster's ``HOST:PORT``."""

    name = "ray"

    def __init__(self, address: str, workers: int | None = None) -> None:
        self.address = address
        local = address == "local"
        if not local:
            send_token_when_known()
        self._ray = import_ray()
        if local and workers is None:
            from dancelike.pipeline.analysis import default_workers

            workers = default_workers()
        check_reachable(address)
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report leaves this machine
        if local:
            # Ray lowers its workers to nice 15, under everything else the computer runs: with two
            # busy programs on two cores a class took 37 times as long (130 s against 3.5 s).
            # Here the workers are the job, so they share the computer as this one's do.
            os.environ.setdefault(WORKER_NICENESS, "0")
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
        try:
            if local:
                self._ray.init(address="local", num_cpus=workers, **options)  # a new Ray, even beside a running one
            else:
                self._ray.init(address=address, **options)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            self._ray.shutdown()
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"--ray {address}: cannot join the Ray cluster there ({reason}); if it uses token authentication, "
                "this machine needs its token in ~/.ray/auth_token (docs/cluster.md)"
            ) from None
        try:
            self._cpus = int(self._ray.cluster_resources().get("CPU", 0))
            #: Tasks running at once: the cluster's CPUs (at most ``workers`` when given).
            self.workers = max(1, min(self._cpus, workers) if workers else self._cpus)
            self._task = self._ray.remote(num_cpus=1, max_retries=1)(score_clip_bytes)
            self.worker_pids: set[int] = set()
            #: This engine's tasks' temporary folders (``score_clip_bytes``).
            self.folders = f"{TASK_FOLDERS}-{uuid.uuid4().hex[:8]}"
        except BaseException:
            self._ray.shutdown()
            raise

    def warm_up(self) -> set[int]:
        """Start every worker process before the clock starts (benchmarks); their process ids
        (on this machine's cluster, those whose memory counts)."""
        warm = self._ray.remote(num_cpus=1)(warm_worker)
        self.worker_pids = set(self._ray.get([warm.remote() for _ in range(self.workers)]))
        return self.worker_pids

    def map_clips(self, bundle: ReferenceBundle, clips: list[Path], every_dancer: bool) -> Iterator[tuple[Path, list[dict] | BaseException]]:
        """Each clip's rows (or what failed it) as the clips finish, in any order.

        At most ``workers`` tasks run and (when that is the whole cluster) ``AHEAD_PER_WORKER``
        per worker wait, so a thousand entries never sit in memory at once. Stopping the
        iteration cancels what is left.
        """
        ray = self._ray
        shared = ray.put(bundle)  # once: every task reads the same copy from the object store
        waiting = deque(clips)
        running: dict[Any, Path] = {}
        limit = self.workers * (1 + AHEAD_PER_WORKER) if self.workers >= self._cpus else self.workers
        try:
            while waiting or running:
                while waiting and len(running) < limit:
                    clip = waiting.popleft()
                    try:
                        data = clip.read_bytes()
                    except OSError as exc:
                        yield clip, unreadable(clip, exc)
                        continue
                    running[self._task.remote(shared, str(clip), data, every_dancer, self.folders)] = clip
                if not running:
                    continue
                done, _ = ray.wait(list(running), num_returns=1)
                for ref in done:
                    clip = running.pop(ref)
                    try:
                        result = ray.get(ref)
                    except Exception as exc:  # the worker died (a crash, out of memory) or the node was lost
                        result = RuntimeError(f"the Ray task failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
                    yield clip, result
        finally:
            for ref in running:
                ray.cancel(ref, force=True)

    def close(self) -> None:
        """Disconnect from the cluster (and stop it when it was started here). A local cluster's
        workers ran on this machine: the copies of clips its cancelled tasks left are removed
        once their workers have exited (on a cluster, the node's next task removes them)."""
        self._ray.shutdown()
        if self.address != "local":
            return
        deadline = time.monotonic() + WORKERS_EXIT_SECONDS
        remove_dead_workers_folders(self.folders)
        while worker_folders(self.folders) and time.monotonic() < deadline:
            time.sleep(0.1)  # a killed worker may still be exiting
            remove_dead_workers_folders(self.folders)

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
