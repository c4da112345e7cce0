"""The Dask backend of batch tagging (``tag --backend dask``, Dask 集群): chunks on a cluster.

:func:`_run_dask` submits the chunks to a Dask scheduler (an address, a Client or a
cluster; None starts a LocalCluster) and reads their results in order. Before the run it
checks the workers: they run the same code as the client (:func:`_code_stamp`, a digest of
the package's sources), see the files at the same paths and load the tagger, which a worker
plugin holds (``_dask_worker.py``, :func:`_ship_spec`). A file whose parse hangs on a worker
fails with reason ``timeout`` and that worker is restarted; a worker lost, or blind to the
files, has its chunks run again on the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp_reports.corpus import archive
from nlp_reports.corpus.files import real_path
from nlp_reports.corpus.worker import (
    _WATCH,
    TaggerSpec,
    _import_parser,
    _word_tokenizer,
    process_chunk,
)
from nlp_reports.errors import ClusterError, MissingDependencyError, UsageError

log = logging.getLogger("nlp_reports")


def _dask_client(scheduler: Any, jobs: int) -> tuple[Any, Callable[[], None]]:
    """The Dask client for ``scheduler`` and what closes what was opened here.

    A Client is used as given (and left open); an address or a cluster object gets a new
    client; None starts a LocalCluster of ``jobs`` one-thread worker processes (processes:
    parsing and tagging hold the GIL), paid once per run: ≈ 1.5–2.5 s on 2 cores
    (``docs/scaling.md``).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError("distributed", "dask",
                                     "Tagging with backend='dask'") from exc
    if isinstance(scheduler, Client):
        return scheduler, lambda: None
    cluster = client = None
    chatter = logging.getLogger("distributed")
    level = chatter.level
    reconnect = _ReconnectNoise()
    logging.getLogger("distributed.client").addFilter(reconnect)

    def close() -> None:
        try:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
        finally:
            chatter.setLevel(level)
            logging.getLogger("distributed.client").removeFilter(reconnect)

    try:
        if scheduler is None:
            # our own cluster's INFO lines (nannies, workers, comms …) are no news to the
            # user: they would reach the root logger's handler, the CLI's stderr
            if chatter.getEffectiveLevel() < logging.WARNING:
                chatter.setLevel(logging.WARNING)
            # no dashboard; its HTTP server (health checks) on a free port: the default
            # 8787 may be taken by another run, and Dask then warns
            cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   scheduler_kwargs={"dashboard_address": ":0"})
        if isinstance(scheduler, str):
            _probe_scheduler(scheduler)
            try:
                client = Client(scheduler, timeout=_CONNECT_SECONDS)
            except Exception as exc:  # (a refused port: OSError after the timeout)
                raise ClusterError(f"could not connect to the Dask scheduler at {scheduler}: "
                                   f"{type(exc).__name__}: {exc}") from exc
        else:
            client = Client(scheduler if cluster is None else cluster)  # a cluster object
    except BaseException:
        close()
        raise
    return client, close


class _ReconnectNoise(logging.Filter):
    """Drops what Dask's client logs when its scheduler is gone for good ("Failed to
    reconnect …" and the tracebacks of its own cancelled close): the run stops with a
    :class:`ClusterError` that says it, and 30 lines of Dask's traceback above that line
    read as a crash of ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        import asyncio

        if record.getMessage().startswith("Failed to reconnect to scheduler"):
            return False
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, asyncio.CancelledError)


#: Seconds to wait for a scheduler address to connect and to greet (:func:`_probe_scheduler`),
#: and for the Dask client's own connection.
_CONNECT_SECONDS = 10.0
#: Seconds the workers have, together, to answer :func:`_check_workers` (a worker busy
#: with another client's tasks is not waited on longer; one lost meanwhile, not at all).
_CHECK_SECONDS = 60.0
#: Seconds between two looks at whether the worker a check waits on is still there.
_POLL_SECONDS = 1.0
#: Seconds a Dask worker has to restart (:func:`_restart_worker`).
_RESTART_SECONDS = 60.0


def _probe_scheduler(address: str, seconds: float | None = None) -> None:
    """Fail at once, saying why, when nothing at ``address`` is a Dask scheduler.

    Why: Dask's client retried a refused port for 30 s, waited for ever on a port that
    accepts and says nothing (the dashboard's, 8787, given for the scheduler's), and died
    with a numpy ``MemoryError`` traceback on a server speaking another protocol. A
    scheduler writes its handshake as soon as a connection opens, so for ``tcp://`` (the
    default scheme) this opens one and reads the first 8 bytes: a frame's length.
    """
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    if seconds is None:
        seconds = _CONNECT_SECONDS
    try:
        scheme, location = parse_address(address)
        get_backend(scheme)
    except ValueError as exc:
        raise UsageError(f"--scheduler {address}: {exc}; give the address `dask scheduler` "
                         "prints on its 'Scheduler at:' line, e.g. tcp://10.0.0.5:8786") from exc
    if scheme != "tcp":  # tls, ws, ucx …: Dask's own connection says what is wrong
        return
    try:
        host, port = parse_host_port(location, 8786)
    except ValueError as exc:
        raise UsageError(f"--scheduler {address}: {exc}") from exc
    where = f"no Dask scheduler at {address}"
    try:
        sock = socket.create_connection((host, port), timeout=seconds)
    except socket.gaierror as exc:
        raise ClusterError(f"{where}: unknown host {host!r} ({exc.strerror})") from exc
    except ConnectionRefusedError as exc:
        raise ClusterError(f"{where}: connection refused, nothing listens on port {port} of "
                           f"{host}: is the scheduler running (dask scheduler --port {port})?"
                           ) from exc
    except OSError as exc:  # a timeout, no route, a firewall dropping the packets
        raise ClusterError(f"{where}: could not connect within {seconds:g} s ({exc}); check "
                           "the host, the port and any firewall between here and there") from exc
    head = b""
    with sock:
        sock.settimeout(seconds)
        try:
            while len(head) < 8:
                got = sock.recv(8 - len(head))
                if not got:
                    break
                head += got
        except OSError:  # (a timeout)
            pass
    if len(head) < 8:
        raise ClusterError(f"{where}: port {port} accepted the connection but sent no Dask "
                           f"greeting within {seconds:g} s. Is it the dashboard's port (8787 by "
                           "default)? The scheduler's own is on its 'Scheduler at:' line "
                           "(8786 by default)")
    if not 0 < int.from_bytes(head, "little") < 1 << 24:
        raise ClusterError(f"{where}: what answers on port {port} does not speak Dask's "
                           "protocol (another service?)")


def _scheduler_lost(client: Any, exc: BaseException) -> bool:
    """Whether a task's failure is the client's connection to the scheduler going (every
    task after it would fail alike), not something of the task's own (a lost worker)."""
    from concurrent.futures import CancelledError

    from distributed.comm.core import CommClosedError

    if isinstance(exc, (CancelledError, ConnectionError, CommClosedError)):
        return True
    return getattr(client, "status", "running") not in ("running", "newly-created")


def _dask_chunk(items: Sequence[tuple[str, str, int]], spec: TaggerSpec,
                loader: Callable[[str], Any] | None = None, words: bool = True,
                timeout: float | None = None) -> list[tuple[Any, ...]]:
    """:func:`process_chunk` on a Dask worker: a file this worker cannot see fails with
    reason ``not_found``, saying why, and the rest of the chunk is processed.

    Why: workers open each file by the path the client found it at (the files are not
    sent); a worker without the same shared disk at the same place read "parse_error: no
    such file" for a file the client had just hashed.
    """
    missing: list[tuple[Any, ...]] = []
    present: list[tuple[str, str, int]] = []
    where = None
    for item in items:
        if _seen(item[0]):
            present.append(item)
            continue
        if where is None:
            where = _worker_name()
        missing.append(("failed", *item, "not_found",
                        f"not found on the Dask worker {where}: workers open each file by "
                        "the path the client found it at, so every worker must see the "
                        "files at that same path (a shared disk mounted at the same place); "
                        "the file is tried again on the next run"))
    if not present:
        return missing
    _import_parser(loader)  # (once a worker) not inside the first file's --timeout
    _WATCH.on, _WATCH.abandoned = True, 0  # each parse under a watchdog (_parse_watched)
    try:
        out: list[Any] = missing + process_chunk(present, spec, loader, words, timeout)
    finally:
        _WATCH.on = False
    if _WATCH.abandoned:
        out.append(_Abandoned(_worker_address(), _WATCH.abandoned))
    return out


@dataclass(frozen=True)
class _Abandoned:
    """The last item of a Dask chunk's results when the watchdog gave up on ``files``
    parses still running on ``worker`` (:func:`_parse_watched`): the client restarts that
    worker (:func:`_restart_worker`), which ends them."""

    worker: str
    files: int


def _worker_address() -> str:
    """This Dask worker's address ("" outside a worker: a test calling it directly)."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except Exception:
        return ""


def _seen(path: str) -> bool:
    """Whether this process sees the file ``path``, or the zip of a member path."""
    zipped = archive.zip_of(path)
    return os.path.lexists(real_path(zipped if zipped is not None else path))


def _worker_name() -> str:
    """This Dask worker's address and host name, for a message (best effort)."""
    import socket

    try:
        from distributed import get_worker

        return f"{get_worker().address} ({socket.gethostname()})"
    except Exception:  # not in a worker (a test calling it directly)
        return socket.gethostname()


def _dask_ready(spec: Any, path: str) -> str | None:
    """Run on each Dask worker before the batch: the worker's problem, or None when it sees
    ``path`` (the first file to tag) and can tag — its tagger loads (kept for the run) and
    segments a sentence with the client's engine."""
    if not _seen(path):
        return (f"does not see {path}: workers open each file by the path the client found "
                "it at (the files are not sent), so they must see the files at that same "
                "path — a shared disk mounted at the same place on every machine")
    try:
        predict = getattr(spec.get(), "predict", None)  # (a caller's own tagger may have none)
        if predict is not None:
            predict(["部分工作人员身兼数职，业务培训不够深入。"])
        _word_tokenizer(spec.tokenizer)
    except Exception as exc:
        return f"cannot tag: {type(exc).__name__}: {exc}"
    return None


_CODE_STAMP: tuple[str, str] | None = None


def _code_stamp() -> tuple[str, str]:
    """(SHA-256 of the nlp_reports package's Python sources, the package folder), read once
    a process (≈ 60 files): what a Dask client and its workers compare (:func:`_worker_code`).
    Two clones of one commit give the same digest; the folder is only said."""
    global _CODE_STAMP
    if _CODE_STAMP is None:
        root = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256()
        for f in sorted(root.rglob("*.py")):
            if "__pycache__" not in f.parts:
                digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes()
                              + b"\0")
        _CODE_STAMP = (digest.hexdigest(), str(root))
    return _CODE_STAMP


def _worker_code(spec: Any) -> tuple[str, str, str, str | None]:
    """Run on each Dask worker by :func:`_check_workers`: its code (:func:`_code_stamp`),
    host name and the id of the model ``spec`` gives it (None when it cannot load it: the
    readiness check says why)."""
    import socket

    try:
        model_id = getattr(spec.get(), "model_id", None)
    except Exception:  # noqa: BLE001 - _dask_ready reports it
        model_id = None
    return (*_code_stamp(), socket.gethostname(), model_id)


def _other_code(worker: str, theirs: tuple[str, str, str, str | None],
                ours: tuple[str, str, str | None]) -> str | None:
    """What differs between a worker's code or model (:func:`_worker_code`) and the
    client's ``ours`` (digest, folder, model id), said for the user; None when nothing."""
    digest, folder, host, model_id = theirs
    if digest != ours[0]:
        return (f"the Dask worker {worker} ({host}) runs nlp_reports from {folder} (code "
                f"digest {digest[:12]}), the client from {ours[1]} ({ours[0][:12]})")
    if model_id is not None and ours[2] is not None and model_id != ours[2]:
        return (f"the Dask worker {worker} ({host}) loads model {model_id[:12]}, the client "
                f"tagged with {ours[2][:12]}")
    return None


def _check_code(client: Any, spec: Any, model_id: str | None) -> None:
    """Stop before any file is tried when a Dask worker runs other nlp_reports code than the
    client, or loads another model (:class:`ClusterError` naming each such worker).

    Why: a worker started from another checkout or an older install parsed with its own
    code and the run said nothing: the store mixed two parsers. A worker
    whose code lacks this check fails it ("Can't get attribute '_worker_code'"), told alike.
    """
    ours = (*_code_stamp(), model_id)
    workers = list(client.nthreads())
    futures = {w: client.submit(_worker_code, spec, workers=[w], allow_other_workers=False,
                                pure=False) for w in workers}
    other: list[str] = []
    deadline = time.monotonic() + _CHECK_SECONDS
    for w, fut in futures.items():
        try:
            how, theirs = _check_answer(client, w, fut, deadline)
            if how == "lost":
                log.warning("the Dask worker %s died or left the cluster during the code check "
                            "(its log says why)", w)
            said = _other_code(w, theirs, ours) if how == "ok" else None
            if how != "ok":  # busy or gone: _dask_ready says more
                fut.cancel()
        except Exception as exc:  # other code (no _worker_code), or the worker died
            if _scheduler_lost(client, exc):
                raise ClusterError(f"lost the connection to the Dask scheduler ({exc})") from exc
            said = (f"the Dask worker {w} failed the code check ({type(exc).__name__}: "
                    f"{exc}): it runs other nlp_reports code than the client's ({ours[1]})"
                    if "_worker_code" in str(exc) or isinstance(exc, (AttributeError,
                                                                      TypeError)) else None)
        finally:
            fut.release()
        if said:
            other.append(said)
    if other:
        raise ClusterError("; ".join(other) + ": install the same version on every worker "
                           "(the client's commit: pip install -e of one clone on the shared "
                           "disk, or the same --model path on each) and restart them; nothing "
                           "was tagged")


def _check_workers(client: Any, spec: Any, path: str) -> set[str]:
    """Ask every Dask worker whether it can do the batch's work (:func:`_dask_ready`): stop
    before any file is tried when none can, warn naming those that cannot when some can,
    and return their addresses (:func:`_run_dask` runs again on the others a chunk whose
    files they did not find).

    Why: a worker without the client's shared disk, without rjieba while the client
    segments with it, or whose scikit-learn cannot load the model, failed every file of its
    chunks — 300 rows of the same error for a setup mistake. Workers that join later are
    not asked; their files fail with the reason.
    """
    workers = list(client.nthreads())
    futures = {w: client.submit(_dask_ready, spec, path, workers=[w], allow_other_workers=False,
                                pure=False) for w in workers}
    problems: dict[str, str] = {}
    deadline = time.monotonic() + _CHECK_SECONDS
    for w, fut in futures.items():
        try:
            how, problem = _check_answer(client, w, fut, deadline)
            if how == "late":  # busy with another client's work
                log.debug("Dask worker %s did not answer the check in time", w)
                fut.cancel()
            elif how == "lost":
                fut.cancel()
                problem = ("died or left the cluster during the check (its log says why: "
                           "out of memory loading the model?)")
        except Exception as exc:  # the worker died meanwhile, it cannot unpickle …
            if _scheduler_lost(client, exc):
                raise ClusterError(f"lost the connection to the Dask scheduler ({exc})") from exc
            problem = f"failed the check: {type(exc).__name__}: {exc}"
        finally:
            fut.release()
        if problem:
            problems[w] = problem
    if not problems:
        return set()
    said = "; ".join(f"{w} {problem}" for w, problem in problems.items())
    if len(problems) == len(workers):
        whom = ("the Dask worker cannot" if len(workers) == 1
                else f"none of the {len(workers)} Dask workers can")
        raise ClusterError(f"{whom} do the work, nothing was tagged: " + said)
    log.warning("%d of the %d Dask workers cannot do the work; a chunk whose files they do "
                "not find is run again on the others (stop them or mount the disk): %s",
                len(problems), len(workers), said)
    return set(problems)


def _check_answer(client: Any, worker: str, fut: Any, deadline: float) -> tuple[str, Any]:
    """Wait for a check task held to ``worker``: ("ok", its result), ("late", None) at
    ``deadline``, or ("lost", None) as soon as the worker is no longer in the cluster (the
    task's error, if it failed, is raised).

    Why: a task held to a worker that died waits for it for ever, so the checks waited
    their whole 60 s on a worker that died while answering (killed, out of memory loading
    the model), then went on as if it had answered.
    """
    import asyncio

    while True:
        left = deadline - time.monotonic()
        try:
            return "ok", fut.result(timeout=max(min(left, _POLL_SECONDS), 0.1))
        # (Dask raises asyncio's TimeoutError, not the builtin one before Python 3.11)
        except (TimeoutError, asyncio.TimeoutError):
            if worker not in client.nthreads():
                return "lost", None
            if left <= _POLL_SECONDS:
                return "late", None


@dataclass(frozen=True)
class _PluginSpec:
    """A Dask task's :class:`TaggerSpec`: the name of the worker plugin holding the real
    one (:mod:`nlp_reports.corpus._dask_worker`), a few bytes instead of the tagger."""

    name: str
    tokenizer: str | None = None

    def get(self) -> Any:
        from nlp_reports.corpus._dask_worker import plugin_spec

        return plugin_spec(self.name).get()


def _ship_spec(client: Any, spec: TaggerSpec) -> tuple[Any, Callable[[], None]]:
    """What the Dask tasks get as their spec, and what undoes the shipping: the tagger
    reaches each worker once, never inside every task.

    A spec naming a model (no ``instance``) is a few bytes: it goes with each task, and each
    worker process loads the model on its first chunk and keeps it (``_TAGGERS``). A loaded
    tagger (``instance``, ≈ 28 MiB pickled for the shipped model; ``tag_paths`` passes one
    with ``jobs=1``) goes once to each worker in a worker plugin, which also reaches workers
    that join or restart during the run; pickled into every task it made the batch 3–5×
    slower than joblib (``docs/scaling.md``). The plugin is removed at the end.
    """
    if spec.instance is None:
        return spec, lambda: None
    import uuid

    from nlp_reports.corpus._dask_worker import (
        PLUGIN_PREFIX,
        TaggerPlugin,
        _plugins_and_clients,
        drop_orphan_plugins,
    )

    drop_orphan_plugins(client)
    # the client's id in the name: a later run can tell a plugin whose client is gone
    name = f"{PLUGIN_PREFIX}{client.id}-{uuid.uuid4().hex[:12]}"
    try:
        client.register_plugin(TaggerPlugin(name, spec), name=name)
    except Exception as exc:
        # The scheduler keeps the plugin before sending it to the workers, and gives it to
        # every worker that joins or restarts: a worker dying meanwhile (killed, out of
        # memory while unpickling the model) fails only that send, not the run.
        try:
            held = name in client.run_on_scheduler(_plugins_and_clients)[0]
        except Exception:  # the scheduler is gone, or runs other code
            held = False
        if not held:
            raise ClusterError(f"could not send the model to the Dask workers "
                               f"({type(exc).__name__}: {exc}); nothing was tagged") from exc
        log.warning("a Dask worker was lost while the model was sent to the workers (%s: "
                    "%s); the others have it, and a restarted or new worker gets it",
                    type(exc).__name__, exc)

    def unregister() -> None:
        try:
            client.unregister_worker_plugin(name)
        except Exception:  # the cluster is gone or closing: nothing left to remove
            log.debug("could not unregister the Dask worker plugin %s", name, exc_info=True)

    return _PluginSpec(name, spec.tokenizer), unregister


def _run_dask(chunks: Iterable[list[Any]], spec: TaggerSpec, loader: Any, jobs: int,
              words: bool, scheduler: Any,
              timeout: float | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """Chunks as Dask tasks, results in order, a window of 4 tasks per worker thread in flight.

    ``chunks`` is consumed lazily and results wait in worker memory only until the single
    writer reads them (bounded memory). The tagger is sent once per worker
    (:func:`_ship_spec`). A task that fails (a worker lost, Dask's ``KilledWorker``) fails
    its chunk's files with reason ``worker_error``; the batch goes on. A chunk none of whose
    files were found, when the check found workers unable, is run once more on the others
    (:func:`_again_elsewhere`). With ``timeout``, a file whose parse takes longer fails
    with reason ``timeout`` (:func:`_parse_watched`) and the worker still running it is
    restarted once its chunk is read (:func:`_restart_worker`).
    """
    from collections import deque

    client, close = _dask_client(scheduler, jobs)
    pending: deque[tuple[list[Any], Any]] = deque()
    unship: Callable[[], None] = lambda: None  # noqa: E731 - replaced once shipped
    try:
        try:
            threads = sum(client.nthreads().values())
        except Exception:  # an unusual client: fall back on the requested jobs
            threads = 0
        window = 4 * max(threads, jobs, 1)
        shipped: Any = None  # shipped with the first chunk: a resumed run may have none
        unfit: set[str] = set()  # workers the check found unable (blind to the files …)
        no_nanny: set[str] = set()  # workers that cannot be restarted, said once each
        source = iter(chunks)
        while True:
            while len(pending) < window:
                c = next(source, None)
                if c is None:
                    break
                if shipped is None:
                    shipped, unship = _ship_spec(client, spec)
                    _check_code(client, shipped, getattr(spec.get(), "model_id", None))
                    unfit = _check_workers(client, shipped, c[0][0])
                pending.append((c, client.submit(_dask_chunk, c, shipped, loader, words,
                                                 timeout, pure=False)))
            if not pending:
                break
            chunk, fut = pending.popleft()  # in order: stable report ids
            try:
                result = fut.result()
            except Exception as exc:  # a lost worker fails its chunk, not the batch
                if _scheduler_lost(client, exc):  # every later task would fail alike
                    raise ClusterError(
                        f"lost the connection to the Dask scheduler ({type(exc).__name__}: "
                        f"{exc}); the reports written so far are kept, each whole: run the "
                        "same command again to resume") from exc
                log.warning("a Dask task failed: %s", exc)
                result = [("failed", path, sha, size, "worker_error",
                           f"the worker running this file failed: {type(exc).__name__}: {exc}")
                          for path, sha, size in chunk]
            result, gave_up = _split_abandoned(result)
            if unfit and result and all(r[0] == "failed" and r[4] == "not_found"
                                        for r in result):
                result, gave_up = _split_abandoned(_again_elsewhere(
                    client, unfit, chunk, result, shipped, loader, words, timeout))
            if gave_up:
                # first, and acknowledged (a release is sent later, batched): a result
                # still wanted when its worker goes is computed again, hang included
                with contextlib.suppress(Exception):  # (gone: the restart says it)
                    client.cancel([fut])
                _restart_worker(client, gave_up, no_nanny)
            yield result
            fut.release()
    finally:
        if pending:  # stopped early (an error in the writer, the caller closed us)
            try:
                client.cancel([f for _, f in pending])
            except Exception:  # the scheduler is gone: nothing left to cancel
                log.debug("could not cancel the pending Dask tasks", exc_info=True)
        unship()
        close()


def _again_elsewhere(client: Any, unfit: set[str], chunk: list[Any],
                     result: list[tuple[Any, ...]], shipped: Any, loader: Any, words: bool,
                     timeout: float | None) -> list[tuple[Any, ...]]:
    """A chunk whose every file was not found, run once more on the workers the check did
    not find unable (when there are any); ``result`` stands when that cannot be done.

    Why: Dask keeps giving chunks to a worker that cannot see the files, and it fails them
    fastest, so it took most of the run (587 of 715 files with one blind worker of two) and
    each rerun stored only the other workers' share.
    """
    import asyncio

    try:
        others = {w for w in client.nthreads() if w not in unfit}
        if not others:
            return result
        # strict: loosely restricted, the task is stolen by the idle blind worker
        fut = client.submit(_dask_chunk, chunk, shipped, loader, words, timeout,
                            workers=list(others), allow_other_workers=False, pure=False)
        while True:
            try:
                return fut.result(timeout=5)
            # (Dask raises asyncio's TimeoutError, not the builtin one before Python 3.11)
            except (TimeoutError, asyncio.TimeoutError):
                if not others & set(client.nthreads()):  # restarted under new addresses:
                    fut.cancel()  # the task would wait for them for ever
                    return result
    except Exception as exc:  # the worker or the scheduler went: the files stay not_found
        log.debug("could not run a chunk again on the other Dask workers: %s", exc)
        return result


def _split_abandoned(result: list[Any]) -> tuple[list[tuple[Any, ...]], list[_Abandoned]]:
    """A Dask chunk's rows, and the :class:`_Abandoned` notes of its watchdog."""
    notes = [r for r in result if isinstance(r, _Abandoned)]
    return ([r for r in result if not isinstance(r, _Abandoned)] if notes else result), notes


def _restart_worker(client: Any, gave_up: list[_Abandoned], no_nanny: set[str]) -> None:
    """Restart the Dask workers still running parses their watchdog gave up on (needs a
    nanny: ``dask worker`` has one, ``--no-nanny`` not); said, never raised, when it fails.

    Why: an abandoned parse thread cannot be stopped; one that loops keeps a core and its
    memory until its process ends. A worker restarted by its nanny comes back under a new
    address and gets the model again (the plugin); the tasks it held are run again.
    """
    for note in gave_up:
        what = (f"the Dask worker {note.worker} still runs {note.files} parse(s) given up "
                "after the time limit")
        try:
            if note.worker in no_nanny or note.worker not in client.nthreads():
                continue  # said already, or restarted already (a new address)
            status = client.restart_workers([note.worker], timeout=_RESTART_SECONDS,
                                            raise_for_error=False).get(note.worker)
        except ValueError as exc:  # no nanny (Dask checks before it restarts anything)
            no_nanny.add(note.worker)
            log.warning("%s: it has no nanny (started with --no-nanny?), so it cannot be "
                        "restarted to end them; they keep its CPU and memory until it is "
                        "restarted by hand (%s)", what, exc)
            continue
        except Exception as exc:  # the worker or the scheduler went meanwhile
            log.warning("%s; could not restart it: %s: %s", what, type(exc).__name__, exc)
            continue
        if status == "OK":
            log.info("%s: restarted it", what)
        else:
            log.warning("%s; restarting it: %s", what, status)
