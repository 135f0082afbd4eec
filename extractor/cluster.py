"""Reading a batch on a Dask cluster: the same per-document function, on the cluster's workers.

:class:`ClusterPool` has the shape the batch uses from pebble's process pool: ``schedule`` a
call with a time limit and get a :class:`concurrent.futures.Future`; ``stop`` and ``join``.
The batch keeps everything else on the client: reading and hashing each file once, the
catalog (only documents it does not have are sent), the bounded window of files in flight
and the input order of the results.

On a worker, each document is read in a child process (a pebble pool kept per Dask worker)
under the same time limit and memory cap as a local run, so a runaway document costs its
child, never the worker. A task lost with its worker is run again elsewhere by the scheduler;
when its workers keep dying (the scheduler's ``allowed-failures``, 1 recommended: two workers)
Dask gives up with ``KilledWorker`` and the file gets a per-file error.
"""

from __future__ import annotations

import itertools
import os
import threading
import uuid
import warnings
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, wait
from typing import Any

from extractor.errors import REEXPORT, ClusterError, DamagedFileError, PoaiError
from extractor.model.record import Record
from extractor.pipeline import Extraction, load_file, read_bytes

INSTALL = "Para usar un clúster instale el extra cluster: pip install 'poai[cluster]'"
CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler
_CANCEL_POLL = 0.5  # seconds between a worker's looks at whether its running task is still wanted


def read_shared(path: str, archivo: str, password: str | None, ocr: str) -> Extraction:
    """Read a file where the worker sees it (a path every machine shares), named ``archivo``
    in its record as on the client. Never raises for a bad document."""
    try:
        data = load_file(path)
    except PoaiError as exc:
        return Extraction(Record.failed(archivo, "", None, exc))
    return read_bytes(data, archivo, password, None, ocr)


# --- on the worker -------------------------------------------------------------------------------

_pools: dict[tuple[int, int | None], Any] = {}  # per worker process and memory cap: the pool its tasks read in
_pools_lock = threading.Lock()


def _child_initializer(memory_limit: int | None) -> None:
    """A reading child: the memory cap of local runs, and it dies with its Dask worker."""
    from extractor.batch import _limit_worker_memory

    _limit_worker_memory(memory_limit)
    # Linux: a child left reading when its worker is killed is stopped with it. The signal follows
    # the thread that started the child: pebble starts its first children in the task's thread,
    # which Dask keeps for the worker's life, and the others in its own manager thread.
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_pool(size: int, memory_limit: int | None) -> Any:
    """The pebble pool of this worker process, made on its first task (one per memory cap asked)."""
    with _pools_lock:
        pool = _pools.get((os.getpid(), memory_limit))
        if pool is None or not pool.active:
            import multiprocessing

            from pebble import ProcessPool

            # Dask runs its workers as daemon processes, which multiprocessing forbids to have
            # children; the children here are pebble's, stopped with the worker (see above).
            multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
            pool = ProcessPool(max_workers=size, initializer=_child_initializer, initargs=(memory_limit,))
            _pools[(os.getpid(), memory_limit)] = pool
        return pool


def _task(function: Callable[..., Extraction], args: tuple[Any, ...], timeout: float | None,
          memory_limit: int | None) -> tuple[str, Any]:
    """Run one document in a child of this worker: ("ok", extraction) or what went wrong, as
    plain data (exceptions of pebble do not travel well between machines)."""
    from distributed import get_worker
    from pebble import ProcessExpired

    worker = get_worker()
    key = worker.get_current_task()
    future = _worker_pool(max(1, worker.state.nthreads), memory_limit).schedule(function, args=args, timeout=timeout)
    while not wait([future], timeout=_CANCEL_POLL).done:
        task = worker.state.tasks.get(key)
        if task is None or task.state in {"cancelled", "released", "forgotten"}:
            future.cancel()  # the client gave up on it (interrupted): its child is stopped now
            return "cancelled", None
    try:
        return "ok", future.result()
    except TimeoutError:
        return "timeout", None
    except ProcessExpired as exc:
        return "expired", exc.exitcode
    except MemoryError:
        return "memory", None
    except Exception as exc:  # noqa: BLE001 - whatever the reading raised, its type is reported
        return "error", type(exc).__name__


# --- on the client -------------------------------------------------------------------------------

def _remote_error(name: str) -> Exception:
    """An exception whose type bears the name of the one raised on the worker."""
    kind: type[Exception] = type(name, (Exception,), {})
    return kind()


def _settle(target: Future[Extraction], outcome: tuple[str, Any]) -> None:
    kind, value = outcome
    if kind == "ok":
        target.set_result(value)
    elif kind == "timeout":
        target.set_exception(TimeoutError())
    elif kind == "cancelled":
        target.set_exception(CancelledError())
    elif kind == "memory":
        target.set_exception(MemoryError())
    elif kind == "expired":
        from pebble import ProcessExpired

        expired: Any = ProcessExpired  # untyped
        target.set_exception(expired("Abnormal termination", code=value))
    else:
        target.set_exception(_remote_error(str(value)))


class ClusterPool:
    """Documents read on the workers of the Dask scheduler at ``address`` (``tcp://host:8786``).

    ``shared_paths``: the workers read each file at its own path (a folder every machine
    mounts at the same place) instead of receiving its bytes. ``memory_limit``: the address
    space each reading child may use (bytes; None: no cap), as for local workers.
    """

    def __init__(self, address: str, shared_paths: bool = False, memory_limit: int | None = None) -> None:
        try:
            from distributed import Client as client_type
        except ImportError as exc:
            raise ClusterError(f"{INSTALL}.") from exc
        self.shared_paths, self.memory_limit = shared_paths, memory_limit
        self.address = address
        try:
            connect: Any = client_type  # untyped
            self.client: Any = connect(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"No se pudo conectar con el clúster en {address}: compruebe la dirección y "
                               "que el planificador (scheduler) de Dask esté en marcha.") from exc
        self.futures: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.keys = (f"poai-{uuid.uuid4().hex[:12]}-{n}" for n in itertools.count())  # unique on a shared scheduler
        self.stopping = False
        self.capacity = sum(self.client.nthreads().values())
        if self.capacity == 0:
            self.client.close()
            raise ClusterError(f"El clúster en {address} no tiene ningún nodo (worker) conectado.")

    @property
    def active(self) -> bool:
        """Whether the pool can take work."""
        return not self.stopping

    def schedule(self, function: Callable[..., Extraction], args: tuple[Any, ...] = (),
                 timeout: float | None = None) -> Future[Extraction]:
        """Run ``function(*args)`` on a worker, stopped after ``timeout`` seconds (pebble's call)."""
        target: Future[Extraction] = Future()
        target.set_running_or_notify_cancel()
        key = next(self.keys)
        with warnings.catch_warnings():  # a file of a few MB is meant to travel in its task
            warnings.filterwarnings("ignore", message=".*[Ll]arge (object|graph)")
            remote: Any = self.client.submit(_task, function, args, timeout, self.memory_limit, key=key,
                                             pure=False)
        with self.lock:
            self.futures[key] = remote
        remote.add_done_callback(lambda done: self._finished(key, done, target))
        return target

    def _finished(self, key: str, remote: Any, target: Future[Extraction]) -> None:
        from distributed import KilledWorker

        with self.lock:
            self.futures.pop(key, None)
        if target.done():
            return
        try:
            _settle(target, remote.result())
        except KilledWorker:
            target.set_exception(DamagedFileError(
                "Los nodos del clúster que leían el documento terminaron de forma inesperada, más de una vez: "
                f"el documento puede estar dañado; {REEXPORT}."))
        except BaseException as exc:  # noqa: BLE001 - cancelled, or the scheduler lost
            if self.stopping:
                target.set_exception(CancelledError())
            else:
                target.set_exception(ClusterError(
                    f"Se perdió la conexión con el clúster en {self.address} durante la lectura "
                    f"({type(exc).__name__}): las salidas anteriores quedan como estaban."))

    def stop(self) -> None:
        """Cancel what is pending on the cluster and leave it."""
        self.stopping = True
        with self.lock:
            pending = list(self.futures.values())
            self.futures.clear()
        try:
            if pending:
                self.client.cancel(pending, force=True)
        finally:
            self.client.close()

    def join(self) -> None:
        """Nothing to wait for: :meth:`stop` has left the cluster (pebble's shape)."""
