"""The worker pools of ``tag --jobs N`` (进程池): forked workers on Linux, joblib/loky elsewhere.

:func:`_run_joblib` runs the chunks in ``jobs`` processes and gives their results back in
order. On Linux the workers are forked with the tagger already loaded (:func:`_run_forked`),
die with the batch's process and leave Ctrl-C to it; a worker that dies (a crash, the OOM
killer) breaks its pool: the chunk waited for is then run one file at a time
(:func:`_isolate_forked`) and the chunks in flight go on in a new pool. A pool done with is
joined after the run's last write (:func:`_join_ended`); an interrupted one is ended at once
(:func:`_end_pool`). A forked worker on one file past ``timeout`` plus a margin — stuck in C
code, where its alarm cannot fire — is killed (:func:`_stop_overdue`, the ``watchdog``
module): the file fails with reason ``timeout`` and the chunks in flight go on in a new pool.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from nlp_reports.corpus import worker
from nlp_reports.corpus.forked import die_with_parent, without_fork_warning
from nlp_reports.corpus.watchdog import Board, Overdue
from nlp_reports.corpus.worker import TaggerSpec, _warm, process_chunk

if TYPE_CHECKING:
    from nlp_reports.corpus.head_start import _HeadStart

log = logging.getLogger("nlp_reports")


def _fork_available() -> bool:
    """True where worker processes can be forked safely (Linux): they then start warm."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")  # (fork: always there)


@contextlib.contextmanager
def _forking_quietly() -> Iterator[None]:
    """Without Python 3.12's warning that forking a process with threads may deadlock
    (:func:`~nlp_reports.corpus.forked.without_fork_warning`; the children only run
    :func:`process_chunk` or :func:`_head_start_main`). A Ctrl-C meanwhile is held until
    the fork is done (:func:`_ctrl_c_held`)."""
    with without_fork_warning(), _ctrl_c_held():
        yield


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """A Ctrl-C (SIGINT) arriving in the block is delivered when it is left, in the process
    that entered it; a process forked in the block ignores SIGINT (its parent handles it).

    Why: around a fork Python runs the handlers of ``os.register_at_fork`` (logging's lock),
    and an exception raised in one is printed ("Exception ignored in: <function
    _releaseLock …>") and dropped. A SIGINT arriving during the fork of a worker or of the
    head start (milliseconds for a process holding the model) raised its KeyboardInterrupt
    there, and ``tag --jobs 2`` went on to its end as if no Ctrl-C had come (3 Ctrl-C in 126
    at a random moment). Only on the main thread, where Python handles signals, and when the
    handler can be put back (one installed from Python).

    A SIGTERM handled in Python (the command line's: it ends ``tag`` as Ctrl-C does) is held
    the same way, and the forked process is given the default back: SIGTERM ends it, as the
    pool and the head start expect when they terminate a worker."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is None):
        yield
        return
    held: list[int] = []
    hold = [signal.SIGINT]
    if callable(signal.getsignal(signal.SIGTERM)):
        hold.append(signal.SIGTERM)
    before = {signum: signal.signal(signum, lambda signum, frame: held.append(signum))
              for signum in hold}
    me = os.getpid()
    try:
        yield
    finally:
        if os.getpid() != me:  # the forked process, leaving the block: Ctrl-C is its parent's
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if signal.SIGTERM in before:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
        else:
            for signum, handler in before.items():
                signal.signal(signum, handler)
            for signum in dict.fromkeys(held):  # now, to the handler that was in place
                signal.raise_signal(signum)     # (a KeyboardInterrupt here)


def _submit(pool: Any, *args: Any) -> Any:
    """``pool.submit(*args)``, forking quietly (:func:`_forking_quietly`).

    A pool that broke before the call (a worker killed while this process tagged a head
    start's files or wrote to the store) gives a future failed with BrokenProcessPool, which
    the caller handles when its turn comes as for a chunk in flight: submit raised it, a
    traceback out of the run."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    with _forking_quietly():
        try:
            return pool.submit(*args)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed


#: Seconds a pool is given to see that one of its workers died before :func:`_result` makes
#: it see it.
_DEAD_WORKER_GRACE = 3.0


def _result(future: Any, pool: Any, watch: Overdue | None = None) -> Any:
    """``future.result()``, also when a worker of ``pool`` was killed (kill -9, the OOM
    killer) while sending a result: the executor's thread then waits for the rest of the
    message for ever, never marks the pool broken, and the run hung (so would the
    interpreter's exit, which joins that thread). A worker dead for
    :data:`_DEAD_WORKER_GRACE` seconds while the result is awaited means such a pool: bytes
    that cannot be unpickled complete the message, and the executor breaks the pool as for
    any dead worker (BrokenProcessPool here).

    ``watch``: a worker on one file for longer than its limit is killed meanwhile
    (:func:`_stop_overdue`), which breaks the pool too."""
    from concurrent.futures import TimeoutError as FutureTimeout

    dead_since = None
    while True:
        try:
            return future.result(timeout=0.5)
        except FutureTimeout:
            pass
        if watch is not None:
            _stop_overdue(pool, watch)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        if not any(proc.exitcode is not None for proc in procs):
            dead_since = None
        elif dead_since is None:
            dead_since = time.monotonic()
        elif time.monotonic() - dead_since > _DEAD_WORKER_GRACE:
            _complete_cut_message(pool, future.done)


def _stop_overdue(pool: Any, watch: Overdue) -> None:
    """Kill each worker of ``pool`` that has been on one file for longer than ``watch``'s
    limit (its alarm did not fire: a parse stuck in C code), the file noted in ``watch`` as
    timed out. Only a live worker of this pool is signalled (a pid the board names)."""
    board = getattr(pool, "_nlp_board", None)
    if board is None:
        return
    procs = getattr(pool, "_processes", None) or {}
    for pid, key in board.overdue(watch.seconds):
        proc = procs.get(pid)
        if proc is None or proc.exitcode is not None:
            continue
        log.warning("a worker has been parsing one file for over %g s (--timeout %g s did "
                    "not stop it): killing it; the file is recorded as failed (timeout)",
                    watch.seconds, watch.timeout)
        with contextlib.suppress(OSError, AttributeError, ValueError):
            proc.kill()
        watch.killed[key] = watch.message()
        watch.broke.add(id(pool))


def _complete_cut_message(pool: Any, done: Callable[[], bool], *, warn: bool = True,
                          seconds: float | None = None) -> None:
    """Write zero bytes to ``pool``'s result pipe until the executor has read a message it
    cannot unpickle (it then breaks the pool) or ``done()`` (see :func:`_result`); for at
    most ``seconds`` when given."""
    import select

    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is None:
        return
    if warn:
        log.warning("a worker died while sending its result: ending its pool")
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        fd, junk = writer.fileno(), bytes(4096)  # (a pipe write of PIPE_BUF bytes is whole)
        while not getattr(pool, "_broken", False) and not done():
            if deadline is not None and time.monotonic() > deadline:
                break
            if select.select([], [fd], [], 0.1)[1]:
                os.write(fd, junk)
    except (OSError, ValueError):  # the pipe closed meanwhile: the pool is gone
        pass


def _pool(jobs: int, ctx: Any, scratch: tuple[int, int, int] | None = None) -> Any:
    """A pool of ``jobs`` forked workers that die with this process
    (:func:`~nlp_reports.corpus.forked.die_with_parent`) and leave Ctrl-C to it
    (:func:`_pool_worker`); ``scratch``: a head start's file that they close
    (:func:`_file_id`)."""
    from concurrent.futures import ProcessPoolExecutor

    board = Board(jobs, ctx.Lock())  # (the watchdog's: :func:`_stop_overdue`)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_pool_worker,
                               initargs=(os.getpid(), scratch, board))
    pool._nlp_board = board
    _widen_result_pipe(pool)
    return pool


#: Bytes the pipe bringing the workers' results back is given (Linux's default is 64 KiB;
#: 1 MiB is the most an unprivileged process may ask for, ``/proc/sys/fs/pipe-max-size``).
RESULT_PIPE_BYTES = 1 << 20
#: ``fcntl`` command that sets a pipe's capacity (Linux, <fcntl.h>; Python ≥ 3.10 names it).
_F_SETPIPE_SZ = 1031


def _widen_result_pipe(pool: Any) -> None:
    """Give ``pool``'s result pipe :data:`RESULT_PIPE_BYTES` (Linux; best effort).

    Why: a worker's result (the store rows of a chunk, ~2 MB for 64 reports) is written
    into a 64 KiB pipe, and the worker waits until this process has read all but the last
    64 KiB of it. The executor's thread reads it 64 KiB at a time and needs the GIL
    between reads, which the main thread, busy tagging the head start's files or writing
    rows, gives up only every switch interval: a worker then idled for up to 30 reads of
    5 ms with its result half sent. With 1 MiB, two or three reads take it whole."""
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is None or not sys.platform.startswith("linux"):
        return
    try:
        import fcntl

        fcntl.fcntl(writer.fileno(), getattr(fcntl, "F_SETPIPE_SZ", _F_SETPIPE_SZ),
                    RESULT_PIPE_BYTES)
    except (OSError, ValueError):  # above the system's limit, or not a pipe: as it was
        log.debug("the result pipe keeps its size", exc_info=True)


def _pool_worker(parent: int, scratch: tuple[int, int, int] | None = None,
                 board: Board | None = None) -> None:
    """Initializer of a forked worker: it dies with ``parent`` and ignores SIGINT. A Ctrl-C
    in a terminal reaches the whole process group: the parent stops the run and ends its
    workers (:func:`_end_pool`), each of which would otherwise print a traceback.

    ``scratch`` (``(fd, device, inode)``): the head start's file, open in the parent when
    the first workers are forked (:func:`_launched_pool`); a worker holding it kept it, up
    to :data:`HEAD_START_FILES` parsed reports in memory, until the run ended. Closed only
    if that descriptor is still that file. ``board``: the pool's watchdog board; the
    worker takes a slot on it."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (the command line's ends the batch only)
    if scratch is not None and _file_id(scratch[0]) == scratch:
        os.close(scratch[0])
    if board is not None:  # which file it parses, for the watchdog (:func:`_stop_overdue`)
        board.take()
        worker._BOARD = board


def _file_id(fd: int) -> tuple[int, int, int] | None:
    """``(fd, device, inode)`` of an open descriptor, None if it is not open."""
    try:
        st = os.fstat(fd)
    except OSError:
        return None
    return fd, st.st_dev, st.st_ino


def _end_pool(pool: Any) -> None:
    """End a pool's workers now, their chunks unfinished: the run was interrupted (Ctrl-C, a
    notebook's "interrupt kernel" — SIGINT to this process only —, an error while writing).
    Shutting down without this waits until every chunk in flight is done, up to a chunk of
    ``timeout``-long files, and their results would be thrown away anyway."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.terminate()
        except (OSError, AttributeError):  # already gone
            pass
    # (a worker that ignores SIGTERM — a library's handler — and is busy on a file held the
    # shutdown, and so the Ctrl-C, for ever: it is killed after _POOL_END_SECONDS; a second
    # Ctrl-C meanwhile kills them all)
    try:
        _kill_lingering(procs, _POOL_END_SECONDS)
    except BaseException:
        _kill_lingering(procs, 0)
        raise
    # a worker ended while sending its result left the executor's thread waiting for the rest
    # of the message for ever (as in _result): the shutdown, which joins it, hung a Ctrl-C
    # landing then (1 in 4 at 2.8 s into a 6 s run); its workers all gone, the thread ends on
    # its own or is stuck so, and is then given bytes that end the message
    thread = getattr(pool, "_executor_manager_thread", None)
    if thread is not None and procs:
        thread.join(_POOL_END_SECONDS)
        if thread.is_alive():
            _complete_cut_message(pool, lambda: not thread.is_alive(), warn=False,
                                  seconds=_POOL_END_SECONDS)
            thread.join(_POOL_END_SECONDS)
    pool.shutdown(wait=thread is None or not thread.is_alive(), cancel_futures=True)


def _kill_lingering(procs: list[Any], seconds: float) -> None:
    """SIGKILL each of ``procs`` (a pool's workers) not ended within ``seconds``. Their
    sentinels are waited on, not the processes joined: the executor's thread reaps them."""
    from multiprocessing.connection import wait

    pending = {}
    for proc in procs:
        with contextlib.suppress(ValueError, AttributeError):  # (a closed process)
            pending[proc.sentinel] = proc
    deadline = time.monotonic() + seconds
    while pending:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        for ended in wait(list(pending), left):
            pending.pop(ended)
    for proc in pending.values():
        with contextlib.suppress(OSError, AttributeError, ValueError):
            proc.kill()


#: Seconds the end of a run waits for a pool's workers to end on their own, then again after
#: SIGTERM and after SIGKILL (:func:`_join_ended`).
_POOL_END_SECONDS = 2.0


def _shut(pool: Any, ending: list[Any] | None) -> None:
    """Shut ``pool`` down without waiting: its workers end on their own (each takes the pool's
    end mark) while this process writes the last results. ``ending`` gets the pool, for
    :func:`_join_ended` once they are written; None: joined now (within
    :func:`_join_ended`'s limit).

    A broken pool's workers still running are killed at once: nothing they make can come
    back, and one busy on a long file that ignores the SIGTERM the executor sends it kept a
    core busy (jobs + 1 processes) until the end of the run."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    entry = (pool, getattr(pool, "_executor_manager_thread", None), procs)
    if getattr(pool, "_broken", False):
        for proc in procs:  # (a process already reaped is not signalled: Popen checks)
            with contextlib.suppress(OSError, AttributeError, ValueError):
                proc.kill()
    if ending is not None:  # (before the shutdown: a Ctrl-C inside it left the pool unjoined)
        ending.append(entry)
    pool.shutdown(wait=False, cancel_futures=True)
    if ending is None:
        _join_ended([entry])


def _join_ended(ending: list[Any]) -> None:
    """Wait until the pools shut down without waiting (:func:`_shut`) have ended: their
    workers and the executor's thread; then forget them.

    Why: at exit, Python 3.11 wakes every executor thread still running by writing to its
    wakeup pipe without the executor's lock (``concurrent.futures.process._python_exit``);
    a thread closing that pipe at that moment made a complete ``tag --jobs 2`` run print
    "Exception ignored in: … OSError: [Errno 9] Bad file descriptor". An ended thread has
    closed its pipe, and the exit writes nothing to it. A worker not ended within
    :data:`_POOL_END_SECONDS` (stuck, or slow on a loaded machine: every result is in by
    now) is terminated, then killed: it never holds up the end of the run."""
    try:
        for _pool, thread, procs in ending:
            if thread is None:
                continue
            for stop in (None, "terminate", "kill"):
                if stop is not None:
                    for proc in procs:
                        with contextlib.suppress(OSError, AttributeError, ValueError):
                            if proc.exitcode is None:
                                getattr(proc, stop)()
                thread.join(_POOL_END_SECONDS)
                if not thread.is_alive():
                    break
            else:
                log.debug("a worker pool's thread did not end")
    except BaseException:
        # Ctrl-C while waiting: the workers not ended yet are killed, else one that ignores
        # SIGTERM held up the interpreter's exit (which joins the executor's thread) for ever
        for _pool, _thread, procs in ending:
            for proc in procs:
                with contextlib.suppress(OSError, AttributeError, ValueError):
                    if proc.exitcode is None:
                        proc.kill()
        raise
    finally:
        ending.clear()


def _run_forked(chunks: Iterable[list[Any]], spec: TaggerSpec, loader: Any, jobs: int,
                words: bool, timeout: float | None,
                head: _HeadStart | None = None,
                ending: list[Any] | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """Chunks in ``jobs`` forked processes, results in order, at most 2×jobs in flight; an
    empty result where the next one is not back yet (the writer may write meanwhile).

    ``chunks`` is consumed lazily (streaming). A worker that dies (crash, OOM killer)
    breaks the pool: the chunk waited for is then run one file at a time in fresh
    processes, and the chunks that were in flight go on in a new pool. ``head``: the
    files a :class:`_HeadStart` parsed while this process loaded the model are tagged
    here, in this process, while the workers run the chunks after them. ``ending``: the
    pools shut down once their results are in, for the caller to join after its last write
    (:func:`_join_ended`; None: joined at once).
    """
    import gc
    import itertools

    _warm(spec, words, loader)
    # The first block of files is hashed and checked against the store now, before the
    # workers are forked: they then get their first chunks as soon as the head start is
    # stopped, instead of waiting ~10 ms for it (while the head start still parses).
    source = iter(chunks)
    first = list(itertools.islice(source, 1))
    # Objects alive now (the model, the dictionaries) move to a generation the collector
    # never scans: a forked worker's collections then do not touch — and so copy — every
    # page they share with the parent. No collection first: it cost 9–11 ms before the
    # workers could be forked and freed a handful of objects; garbage frozen
    # with the rest is collected after the run (unfreeze).
    gc.freeze()
    pool = None
    try:
        parsed: frozenset[tuple[str, str, int]] = frozenset()
        if head is not None:
            # the workers are forked (~5 ms each) while the head start still parses
            pool = _launched_pool(jobs, head)
            try:
                parsed = head.stop()
            except BaseException:
                _end_pool(pool)
                raise
        yield from _run_forked_pools(itertools.chain(first, source), spec, loader, jobs, words,
                                     timeout, head, parsed, pool, ending)
    finally:
        gc.unfreeze()


def _launched_pool(jobs: int, head: _HeadStart) -> Any:
    """A pool of ``jobs`` forked workers (:func:`_pool`), forked now, while ``head`` runs
    (they close its file): a pool forks its workers at its first call, here a call that
    does nothing."""
    import multiprocessing as mp

    pool = _pool(jobs, mp.get_context("fork"), _file_id(head._file.fileno()))
    try:
        _submit(pool, int)
    except BaseException:
        _end_pool(pool)
        raise
    return pool


def _run_forked_pools(chunks: Iterable[list[Any]], spec: TaggerSpec, loader: Any, jobs: int,
                      words: bool, timeout: float | None, head: _HeadStart | None = None,
                      parsed: frozenset[tuple[str, str, int]] = frozenset(),
                      first_pool: Any = None,
                      ending: list[Any] | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """The loop of :func:`_run_forked`: a pool (``first_pool`` when given, its workers
    already forked), then a new one each time a worker dies; each pool done with goes to
    ``ending`` (:func:`_shut`).

    With a ``timeout``, a worker on one file past the watchdog's limit is killed
    (:func:`_stop_overdue`): the file is failed (``timeout``), the chunks in flight — the
    one waited for too — go on in a new pool without it, none isolated."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork")
    watch = Overdue(timeout) if timeout and timeout > 0 else None
    source = iter(chunks)
    waiting: list[list[Any]] = []  # in flight when a pool broke: resubmitted first
    # The files the head start parsed are a prefix of the walk: the leading items of the
    # first chunks that are among them form local chunks (future None: tagged here when
    # their turn comes, not counted in the window), until an item outside them is met.
    covered = bool(parsed)
    queued: deque[list[Any]] = deque()  # pieces of chunks split at the end of the prefix

    def next_chunk() -> tuple[list[Any] | None, bool]:
        nonlocal covered
        chunk = queued.popleft() if queued else next(source, None)
        if chunk is None or not covered:
            return chunk, False
        n = 0
        while n < len(chunk) and tuple(chunk[n]) in parsed:
            n += 1
        if n < len(chunk):
            covered = False
            if n == 0:
                return chunk, False
            queued.appendleft(chunk[n:])
        return chunk[:n], True

    while True:
        pool, first_pool = first_pool or _pool(jobs, ctx), None
        pending: deque[tuple[list[Any], Any]] = deque()
        broken: list[Any] | None = None
        killed = False  # the watchdog broke the pool: its chunks go on in a new one
        in_pool = 0
        finished = False
        try:
            for chunk in waiting:
                pending.append((chunk, _submit(pool, process_chunk, chunk, spec, loader,
                                               words, timeout)))
                in_pool += 1
            waiting = []
            while True:
                while in_pool < 2 * jobs:
                    chunk, local = next_chunk()
                    if chunk is None:
                        break
                    if local:
                        pending.append((chunk, None))
                        continue
                    pending.append((chunk, _submit(pool, process_chunk, chunk, spec, loader,
                                                   words, timeout)))
                    in_pool += 1
                if not pending:
                    break
                chunk, future = pending.popleft()
                if head is not None and not covered and future is not None:
                    head.forget()  # (no local chunk is left: the prefix has ended)
                if future is None:
                    result = head.tag(chunk, spec, words) if head is not None else None
                    if result is not None:
                        yield result
                        continue
                    # (the head start's results were lost: the chunk goes to a worker)
                    future = _submit(pool, process_chunk, chunk, spec, loader, words, timeout)
                    in_pool += 1
                in_pool -= 1
                if not future.done():
                    # nothing back yet: an empty result lets the writer write what it holds
                    # while it would wait (at the end of a run, the last chunks' reports are
                    # written as they come, not all after the last one)
                    yield []
                try:
                    result = _result(future, pool, watch)
                except BrokenProcessPool as exc:
                    waiting = [c for c, _ in pending]
                    if watch is not None and id(pool) in watch.broke:
                        killed = True
                        waiting.insert(0, chunk)
                        break
                    log.warning("a worker died while tagging; isolating the files of one "
                                "chunk: %s", exc)
                    broken = chunk
                    break
                yield result
            finished = True
        finally:
            if not finished:  # interrupted, or the writer failed: do not wait for the chunks
                _end_pool(pool)
            else:
                _shut(pool, ending)
        if watch is not None and watch.killed:  # their files are not run again
            watch.broke.clear()
            timed_out, waiting = _without_timed_out(waiting, watch)
            if broken is not None:
                rows, kept = _without_timed_out([broken], watch)
                timed_out += rows
                broken = kept[0] if kept else None
                killed = killed or broken is None
            if timed_out:
                yield timed_out
        if broken is None:
            if killed:
                continue
            return
        yield _isolate_forked(broken, spec, loader, words, ctx, timeout, ending, watch)


def _without_timed_out(chunks: list[list[Any]],
                       watch: Overdue) -> tuple[list[tuple[Any, ...]], list[list[Any]]]:
    """The failed rows of the files of ``chunks`` whose worker the watchdog killed, and the
    chunks without them (an emptied chunk dropped)."""
    rows: list[tuple[Any, ...]] = []
    kept: list[list[Any]] = []
    for chunk in chunks:
        rest = []
        for item in chunk:
            row = watch.timed_out(tuple(item))
            if row is None:
                rest.append(item)
            else:
                rows.append(row)
        if rest:
            kept.append(rest)
    return rows, kept


def _isolate_forked(chunk: list[Any], spec: TaggerSpec, loader: Any, words: bool,
                    ctx: Any, timeout: float | None,
                    ending: list[Any] | None = None,
                    watch: Overdue | None = None) -> list[tuple[Any, ...]]:
    """Run each file of ``chunk`` alone in a forked worker; a file that kills it is failed
    (its broken pool goes to ``ending``: :func:`_shut`). Each other pool is joined before
    the next file, within :func:`_join_ended`'s limit: a worker stuck at its end (an exit
    handler that never returns) held the run there for ever, once per file. ``watch``: a
    file its worker is killed for (:func:`_stop_overdue`) fails with reason ``timeout``."""
    from concurrent.futures.process import BrokenProcessPool

    out: list[tuple[Any, ...]] = []
    for path, sha, size in chunk:
        pool = _pool(1, ctx)
        broken = False
        try:
            out.extend(_result(_submit(pool, process_chunk, [(path, sha, size)], spec, loader,
                                       words, timeout), pool, watch))
        except BrokenProcessPool as exc:
            broken = True
            row = watch.timed_out((path, sha, size)) if watch is not None else None
            out.append(row or ("failed", path, sha, size, "worker_error",
                               f"the worker processing this file died ({exc})"))
        except BaseException:  # interrupted: do not wait for the file
            _end_pool(pool)
            raise
        finally:
            _shut(pool, ending if broken else None)
    return out


def _run_joblib(chunks: Iterable[list[Any]], spec: TaggerSpec, loader: Any, jobs: int,
                words: bool, timeout: float | None = None,
                head: _HeadStart | None = None,
                ending: list[Any] | None = None) -> Iterator[list[tuple[Any, ...]]]:
    if jobs == 1:
        for chunk in chunks:
            yield process_chunk(chunk, spec, loader, words, timeout)
        return
    if _fork_available():
        yield from _run_forked(chunks, spec, loader, jobs, words, timeout, head, ending)
        return
    chunks = list(chunks)
    from joblib import Parallel, delayed
    from joblib.externals.loky.process_executor import TerminatedWorkerError

    start = 0
    while start < len(chunks):
        par = Parallel(n_jobs=jobs, backend="loky", return_as="generator")
        it = iter(par(delayed(process_chunk)(c, spec, loader, words, timeout) for c in chunks[start:]))
        while True:
            try:
                result = next(it)
            except StopIteration:
                return
            except TerminatedWorkerError as exc:
                # A file killed its worker (a crash, the OOM killer …): find it by running
                # the chunk we were waiting for one file at a time, then go on with a new pool.
                log.warning("a worker died while tagging; isolating the files of one chunk: %s",
                            exc)
                yield _isolate(chunks[start], spec, loader, words, jobs, timeout)
                start += 1
                break
            yield result
            start += 1


def _isolate(chunk: list[Any], spec: TaggerSpec, loader: Any, words: bool,
             jobs: int, timeout: float | None) -> list[tuple[Any, ...]]:
    """Run each file of ``chunk`` alone in a worker; a file that kills it is failed."""
    from joblib import Parallel, delayed
    from joblib.externals.loky.process_executor import TerminatedWorkerError

    out: list[tuple[Any, ...]] = []
    for path, sha, size in chunk:
        try:
            [res] = Parallel(n_jobs=min(jobs, 2), backend="loky")(
                [delayed(process_chunk)([(path, sha, size)], spec, loader, words, timeout)])
            out.extend(res)
        except TerminatedWorkerError as exc:
            out.append(("failed", path, sha, size, "worker_error",
                        f"the worker processing this file died ({exc})"))
    return out
