"""Batch tagging of many report files into a store (批量标注): resumable, parallel, streaming.

Files are cut into chunks; a worker parses and tags one chunk (``tag_many`` on the whole
chunk, the tagger loaded once per worker process — on Linux workers are forked after the
parent loaded it, so they start warm) and sends back the ready store rows; the parent
process is the only writer to SQLite. Results stream (joblib ``return_as="generator"``, or
Dask futures read in order), so progress and writes happen while workers run and a kill
loses at most the chunks in flight and the results not yet committed (the writer commits
every :data:`WRITE_BATCH` reports). One broken file never stops the batch: it is recorded
as failed with a reason and retried on the next run; a file whose parse hangs fails with
reason ``timeout`` after ``timeout`` seconds. Identical files (same SHA-256 and suffix) are
parsed and tagged once; the other paths are recorded as duplicates
(``docs/store-schema.md``), and so is a file whose parsed report has the content
fingerprint of a report stored or written before it (the same text in another encoding
or format). The vocabulary words are segmented through a per-sentence
memo (:class:`_MemoTokenizer`); the tagger keeps its own memo (``Tokenizer.encode_batch``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import logging
import os
import re
import signal
import struct
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp_reports._gc import GC_THRESHOLD, fewer_collections
from nlp_reports.corpus import archive
from nlp_reports.corpus.files import (
    NO_REPORT_FILES,
    Failure,
    _citable_first,
    _digest,
    _expand,
    _storable,
    _suffix,
    _unreadable,
    expand_paths,
    file_digest,
    real_path,
    text_path,
)
from nlp_reports.corpus.store import (
    REPORT_META_COLUMNS,
    PreparedParts,
    Store,
    StoredStatement,
    _now,
    open_store,
    prepare_report,
    tagger_model_record,
)
from nlp_reports.corpus.worker import (
    _WATCH,
    TaggerSpec,
    _import_parser,
    _loader_of,
    _parse_item,
    _tag_parsed,
    _warm,
    _whole_loader,
    _word_tokenizer,
    process_chunk,
)
from nlp_reports.corpus.writelock import writer_lock
from nlp_reports.errors import (
    ClusterError,
    MissingDependencyError,
    ParseError,
    StoreError,
    UsageError,
)
from nlp_reports.report import Report

log = logging.getLogger("nlp_reports")

#: Files per chunk at most with several processes: a chunk costs ~2.5 ms besides its files
#: (one ``tag_many`` call, one result message), and chunks of 8 cost 0.25 ms a report more
#: than chunks of 64. Chunks shrink as the run nears its end (:func:`_chunk_full`), so no
#: worker idles while another ends a big one.
DEFAULT_CHUNK_SIZE = 64
#: The fewest files a chunk shrinks to near the end of a run with several processes.
TAIL_CHUNK_FILES = 4
#: What a report costs besides its bytes, in bytes of file (parsing, tagging and store rows
#: have a cost per report): chunks are sized by the bytes plus this per file.
REPORT_WEIGHT = 8192
#: Files per chunk with one process (``jobs=1``, joblib backend): as many as the writer
#: commits at once. One ``tag_many`` call per 64 reports instead of per 16 costs ~0.15 ms a
#: report less; a kill still loses at most the results not yet committed.
SERIAL_CHUNK_SIZE = 64
#: The writer commits once this many results have arrived (or after WRITE_SECONDS, or,
#: with forked workers, when none has a result ready): a commit per 16-file chunk cost more
#: than the rows; a kill loses at most these.
WRITE_BATCH = 64
WRITE_SECONDS = 2.0
#: Seconds one file may take to parse before it is failed with reason ``timeout``.
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class BatchResult:
    """What :func:`tag_paths` did: counts, the failures, the store and the model used."""

    ok: int
    skipped: int
    failed: int
    failures: tuple[Failure, ...]  #: sorted by path
    db: str
    model_id: str | None
    duplicates: int = 0  #: files identical to a stored report, recorded as its duplicates
    #: stored files whose content changed since: tagged again, their old report replaced
    replaced: int = 0
    #: stored files (same content) tagged again because the model is another one
    retagged: int = 0
    #: the models those files had been tagged with, sorted
    previous_models: tuple[str, ...] = ()
    #: files a folder walk passed over (no reports: other formats, lock files, a saved
    #: page's resources), by suffix or kind ("" for none)
    ignored: tuple[tuple[str, int], ...] = ()
    #: pages that only link their report (详见附件) whose linked file's report is stored:
    #: recorded as ``linked``, neither failed nor counted in :attr:`failed` (this run's
    #: pages, and earlier failed pages whose file this run stored)
    linked: int = 0
    #: compilations (汇编: a file holding several reports) stored report by report, and
    #: how many reports they gave; parts that could not be read or tagged (their file is
    #: stored with the others, its ``files`` row naming them: reason ``part_failed``)
    split_files: int = 0
    split_reports: int = 0
    failed_parts: int = 0

    def summary_line(self, shown: int = 0) -> str:
        """One line for humans: ``tagged 38 reports, skipped 2 already stored, 3 failed``.

        ``shown``: how many failures the caller lists after the line; the hint to the
        list (``--show-failures`` on the command line, :attr:`failures` in Python) is added
        only when some failures are not listed.
        """
        dup = (f", {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} of "
               "stored reports" if self.duplicates else "")
        tagged = f"{self.ok} report{'s' if self.ok != 1 else ''}"
        if self.split_files:  # (ok counts files; a compilation gives several reports)
            n = self.ok - self.split_files + self.split_reports
            tagged = f"{n} report{'s' if n != 1 else ''} from {self.ok} files"
        line = (f"tagged {tagged}, "
                f"skipped {self.skipped} already stored{dup}, {self.failed} failed")
        if self.split_files:
            line += (f"; {self.split_files} file{'s' if self.split_files != 1 else ''} split "
                     f"into {self.split_reports} report{'s' if self.split_reports != 1 else ''}")
            if self.failed_parts:
                line += (f" ({self.failed_parts} part{'s' if self.failed_parts != 1 else ''} "
                         "failed: see the files table)")
        if self.replaced:
            line += (f"; {self.replaced} stored report{'s' if self.replaced != 1 else ''} "
                     f"replaced (the file changed since it was stored)")
        if self.retagged:
            was = ", ".join(m[:12] for m in self.previous_models[:3])
            more = ", …" if len(self.previous_models) > 3 else ""
            line += (f"; {self.retagged} stored report{'s' if self.retagged != 1 else ''} "
                     f"re-tagged with model {(self.model_id or '?')[:12]} (tagged before with "
                     f"{was}{more})")
        if self.linked:
            line += (f"; {self.linked} page{'s' if self.linked != 1 else ''} that "
                     f"link{'' if self.linked != 1 else 's'} a report read from its file "
                     "(status linked, not failed)")
        hidden = self.failed - max(shown, 0)
        if hidden > 0:
            see = "see --show-failures, in Python result.failures"
            line += f" ({hidden} not listed: {see})" if shown > 0 else f" ({see})"
        if self.ignored:
            n = sum(c for _, c in self.ignored)
            kinds = ", ".join(f"{s or 'no suffix and no report content'} {c}"
                              for s, c in self.ignored[:4])
            more = ", …" if len(self.ignored) > 4 else ""
            line += f"; {n} other file{'s' if n != 1 else ''} not read (no reports: {kinds}{more})"
        return line

# --- finding files -----------------------------------------------------------------------

# --- the worker side ---------------------------------------------------------------------

# --- the parent side ---------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _chunk_full(files: int, weight: float, chunk_size: int, jobs: int, left: float) -> bool:
    """Whether a chunk of ``files`` files weighing ``weight`` (bytes plus
    :data:`REPORT_WEIGHT` a file) is complete, ``left`` the weight not yet in a chunk (this
    chunk's included): at ``chunk_size`` files; with several processes also once it holds
    ``1/(2·jobs)`` of what is left (guided self-scheduling: full chunks while much is left,
    ever smaller ones at the end, down to :data:`TAIL_CHUNK_FILES`), so that the workers end
    together. Sized by bytes, not files: a chunk of big reports is a long one."""
    if files >= chunk_size:
        return True
    return jobs > 1 and files >= TAIL_CHUNK_FILES and weight * 2 * jobs >= left


#: Files a head start parses at most (:class:`_HeadStart`): it parses ~200 while a quiet
#: 2-core machine loads the model; the cap bounds what it hands over (~23 KB a report).
HEAD_START_FILES = 512
#: A head start's record: the lengths of its key and outcome (each pickled), then both.
_RECORD = struct.Struct("<II")


class _CapturedLog(logging.Handler):
    """The head start's log records, held for the parent (picklable: message formatted)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        out, self.records = self.records, []
        return out


def _head_start_main(files: Sequence[str], loader: Any, timeout: float | None, limit: int,
                     parent: int, fd: int) -> None:
    """The head start's process: parse the first of ``files`` (the walk's, in its order)
    until killed (or ``limit``), appending a record per file to the file ``fd`` (written
    whole, so the parent can take every complete one at any moment)."""
    import pickle

    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    captured = _CapturedLog()
    log.handlers[:] = [captured]  # logged by the parent, only for the files it takes
    log.propagate = False
    load = _loader_of(loader)
    seen: set[tuple[str, str]] = set()
    done = 0
    for f in files:
        if done >= limit:
            break
        path = text_path(str(f))
        try:
            sha, size = _digest(path)
        except (OSError, ParseError):
            continue
        if (sha, _suffix(path)) in seen:  # a copy: the parent never parses it
            continue
        seen.add((sha, _suffix(path)))
        outcome = _ready_ahead(_parse_item(path, sha, size, load, timeout))
        try:  # pickled now, while the parent is still loading
            key = pickle.dumps((path, sha, size), pickle.HIGHEST_PROTOCOL)
            blob = pickle.dumps((outcome, captured.take()), pickle.HIGHEST_PROTOCOL)
            record = memoryview(_RECORD.pack(len(key), len(blob)) + key + blob)
            while record:  # (a write may be cut short: the rest follows)
                record = record[os.write(fd, record):]
        except Exception:  # unpicklable, or no room on the disk: workers parse the rest
            log.debug("head start: cannot hand over %s", path, exc_info=True)
            break
        done += 1


def _ready_ahead(outcome: tuple[Any, ...]) -> tuple[Any, ...]:
    """What a head start hands over for a parsed file: ``("prepared", path, sha, size,
    slim, rows)`` — ``rows`` the report's store rows but its statements' and words (those
    need the model: :func:`_tag_parsed` makes them from ``slim``), ``slim`` the report with
    what tagging and the words read (metadata, section 一, the statements), a fifth of the
    pickled report and of the parent's work. A parse failure, or a report whose rows
    cannot be made without the tags, is handed over as it is."""
    if outcome[0] != "parsed" or isinstance(outcome[4], list):  # (a compilation: as it is)
        return outcome
    report = outcome[4]
    try:
        rows = prepare_report(report, (), None)
    except Exception:  # the parent tags it and fails it as a worker would
        return outcome
    if len(rows.problems) != len(report.errors):  # texts repaired (text_repaired): the
        return outcome  # statements' rows must be made from the repaired report too
    slim = Report(metadata=report.metadata,
                  sections=tuple(s for s in report.sections if s.number == 1),
                  statements=report.statements)
    return ("prepared", *outcome[1:4], slim, rows)


class _HeadStart:
    """A process that parses the first files while the parent loads the model (抢先解析).

    Why: ``--jobs N`` forks its workers once the model, the segmenter and the parser are
    loaded in the parent (they start warm), and that start-up (~0.45 s on a quiet machine)
    ran on one core while the others idled: at 1,000 reports it kept ``--jobs 2`` under
    1.7× ``--jobs 1``. Forked once the walk has found the files, before the model loads,
    this process parses the first files (at most :data:`HEAD_START_FILES`) meanwhile, and makes their store rows but the statements' (:func:`_ready_ahead`). When
    the workers are about to start, the parent takes what it has finished and ends it; it
    tags those reports itself, as the first chunks, while the workers run the rest
    (:func:`_run_forked_pools`), with the results a worker would give. It writes nothing
    to the store; it hands its work over in an anonymous file in memory (gone with the
    processes, even after a ``kill -9``); it dies with the parent; the log records of a
    file are logged by the parent when it takes the file (a file the run skips logs
    nothing); a file that kills it is parsed again by a worker, where a crash is isolated
    as before.
    """

    def __init__(self, files: Sequence[str], loader: Any, timeout: float | None,
                 limit: int = HEAD_START_FILES) -> None:
        self._file = _scratch_file()
        parent = os.getpid()
        try:
            for stream in (sys.stdout, sys.stderr):  # (else the child's exit may flush them)
                with contextlib.suppress(Exception):
                    stream.flush()
            with _forking_quietly():
                pid = os.fork()
        except BaseException:
            self._file.close()
            raise
        if pid == 0:  # the head start: it never returns into the caller's code
            code = 1
            try:
                _head_start_main(files, loader, timeout, limit, parent, self._file.fileno())
                code = 0
            finally:
                os._exit(code)
        self._proc = _Child(pid)
        self._blobs: dict[tuple[str, str, int], bytes] = {}
        self.parsed = 0  #: files handed over

    def stop(self) -> frozenset[tuple[str, str, int]]:
        """End it and take the files it finished: their ``(path, sha256, size)``."""
        import pickle

        fd = self._file.fileno()
        data = os.pread(fd, os.fstat(fd).st_size, 0)
        # Killed, not waited for: the kernel takes a few milliseconds to tear down a process
        # of this size, in which the workers would wait for their first chunks; reaped by
        # :meth:`close`, at the end of the run.
        self._proc.kill()
        self._file.close()
        pos = 0
        while pos + _RECORD.size <= len(data):  # (a record cut short is left out)
            nkey, nblob = _RECORD.unpack_from(data, pos)
            end = pos + _RECORD.size + nkey + nblob
            if end > len(data):
                break
            try:
                key = tuple(pickle.loads(data[pos + _RECORD.size:pos + _RECORD.size + nkey]))
            except Exception:  # never written so: the files from here on go to the workers
                log.debug("head start: unreadable record at byte %d", pos, exc_info=True)
                break
            self._blobs[key] = data[end - nblob:end]
            pos = end
        self.parsed = len(self._blobs)
        if self._blobs:
            log.debug("head start: %d files parsed while the model loaded", self.parsed)
        return frozenset(self._blobs)

    def tag(self, items: list[Any], spec: TaggerSpec, words: bool) -> list[tuple[Any, ...]] | None:
        """:func:`process_chunk` of ``items`` (files it parsed), tagged in this process;
        None when one of them is not among its files."""
        import pickle

        if not all(tuple(item) in self._blobs for item in items):
            return None
        try:
            taken = [pickle.loads(self._blobs.pop(tuple(item))) for item in items]
        except Exception:  # (never written so) the chunk goes to a worker
            log.debug("head start: unreadable outcome", exc_info=True)
            return None
        for _, records in taken:
            for record in records:
                logging.getLogger(record.name).handle(record)
        return _tag_parsed([outcome for outcome, _ in taken], spec, words)

    def forget(self) -> None:
        """Drop what the run did not take (files it skips: stored already)."""
        self._blobs.clear()

    def close(self) -> None:
        """End the process (it writes nothing to the store) and the file; idempotent."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join(5)
        self._file.close()


def _scratch_file() -> Any:
    """An anonymous file in memory (Linux ``memfd``; a temporary file elsewhere): gone with
    the last process holding it, even after a ``kill -9``."""
    try:
        fd = os.memfd_create("nlp-reports-head-start", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        import tempfile

        return tempfile.TemporaryFile()
    return open(fd, "r+b", buffering=0)


class _Child:
    """A process forked with ``os.fork`` (the head start), by its id: what the head start
    needs of ``multiprocessing.Process`` (``is_alive``, ``kill``, ``join``, ``exitcode``),
    without importing multiprocessing before the fork (~14 ms of a run's serial start)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.exitcode: int | None = None

    def _reap(self, block: bool) -> None:
        if self.exitcode is not None:
            return
        try:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere
            self.exitcode = -1
            return
        if pid:
            self.exitcode = os.waitstatus_to_exitcode(status)

    def is_alive(self) -> bool:
        self._reap(block=False)
        return self.exitcode is None

    def kill(self) -> None:
        if self.is_alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def join(self, timeout: float | None = None) -> None:
        if timeout is None:
            self._reap(block=True)
            return
        deadline = time.monotonic() + timeout
        pause = 0.0005
        while self.is_alive() and time.monotonic() < deadline:
            time.sleep(pause)  # (a killed process is gone within a millisecond or two)
            pause = min(2 * pause, 0.05)


def _start_head(files: Sequence[str], loader: Any, timeout: float | None) -> _HeadStart | None:
    """A :class:`_HeadStart` for ``files`` (sorted, as the walk gives them), or None where
    it cannot run (no process or file to spare)."""
    try:
        return _HeadStart(files, loader, timeout)
    except OSError:  # no process or pipe to spare: run without one
        log.debug("no head start", exc_info=True)
        return None


def _fork_available() -> bool:
    """True where worker processes can be forked safely (Linux): they then start warm."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")  # (fork: always there)


@contextlib.contextmanager
def _forking_quietly() -> Iterator[None]:
    """Without Python 3.12's warning that forking a process with threads may deadlock: the
    threads here are numpy's and the executor's, and the children only run
    :func:`process_chunk` or :func:`_head_start_main` (tests turn warnings into errors)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*use of fork\(\) may lead to deadlocks",
                                category=DeprecationWarning)
        yield


def _submit(pool: Any, *args: Any) -> Any:
    """``pool.submit(*args)``, forking quietly (:func:`_forking_quietly`).

    A pool that broke before the call (a worker killed while this process tagged a head
    start's files or wrote to the store) gives a future failed with BrokenProcessPool, which
    the caller handles when its turn comes as for a chunk in flight: submit raised it, a
    traceback out of the run (hostile11)."""
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


def _result(future: Any, pool: Any) -> Any:
    """``future.result()``, also when a worker of ``pool`` was killed (kill -9, the OOM
    killer) while sending a result: the executor's thread then waits for the rest of the
    message for ever, never marks the pool broken, and the run hung (so would the
    interpreter's exit, which joins that thread). A worker dead for
    :data:`_DEAD_WORKER_GRACE` seconds while the result is awaited means such a pool: bytes
    that cannot be unpickled complete the message, and the executor breaks the pool as for
    any dead worker (BrokenProcessPool here)."""
    from concurrent.futures import TimeoutError as FutureTimeout

    dead_since = None
    while True:
        try:
            return future.result(timeout=0.5)
        except FutureTimeout:
            pass
        procs = list((getattr(pool, "_processes", None) or {}).values())
        if not any(proc.exitcode is not None for proc in procs):
            dead_since = None
        elif dead_since is None:
            dead_since = time.monotonic()
        elif time.monotonic() - dead_since > _DEAD_WORKER_GRACE:
            _complete_cut_message(pool, future)


def _complete_cut_message(pool: Any, future: Any) -> None:
    """Write zero bytes to ``pool``'s result pipe until the executor has read a message it
    cannot unpickle (it then breaks the pool) or ``future`` is done (see :func:`_result`)."""
    import select

    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is None:
        return
    log.warning("a worker died while sending its result: ending its pool")
    try:
        fd, junk = writer.fileno(), bytes(4096)  # (a pipe write of PIPE_BUF bytes is whole)
        while not getattr(pool, "_broken", False) and not future.done():
            if select.select([], [fd], [], 0.1)[1]:
                os.write(fd, junk)
    except (OSError, ValueError):  # the pipe closed meanwhile: the pool is gone
        pass


#: ``prctl`` option: the signal a process gets when its parent dies (Linux, <sys/prctl.h>).
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this forked worker when the batch's process dies.

    Why: a ``kill -9`` of the parent leaves its workers waiting forever on the call queue,
    holding the store's files open (the parent cannot tell them to stop). On Linux,
    ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` has the kernel kill the worker when its parent
    goes. The parent may have died between the fork and this call (the signal is then never
    sent): if this process's parent is no longer ``parent``, the worker ends at once.
    Elsewhere (no prctl) nothing is done.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError):  # no libc to load, or no prctl in it
        log.debug("PR_SET_PDEATHSIG not available", exc_info=True)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _pool(jobs: int, ctx: Any, scratch: tuple[int, int, int] | None = None) -> Any:
    """A pool of ``jobs`` forked workers that die with this process (:func:`_die_with_parent`)
    and leave Ctrl-C to it (:func:`_pool_worker`); ``scratch``: a head start's file that
    they close (:func:`_file_id`)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                               initializer=_pool_worker, initargs=(os.getpid(), scratch))


def _pool_worker(parent: int, scratch: tuple[int, int, int] | None = None) -> None:
    """Initializer of a forked worker: it dies with ``parent`` and ignores SIGINT. A Ctrl-C
    in a terminal reaches the whole process group: the parent stops the run and ends its
    workers (:func:`_end_pool`), each of which would otherwise print a traceback.

    ``scratch`` (``(fd, device, inode)``): the head start's file, open in the parent when
    the first workers are forked (:func:`_launched_pool`); a worker holding it kept it, up
    to :data:`HEAD_START_FILES` parsed reports in memory, until the run ended. Closed only
    if that descriptor is still that file."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if scratch is not None and _file_id(scratch[0]) == scratch:
        os.close(scratch[0])


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
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except (OSError, AttributeError):  # already gone
            pass
    pool.shutdown(wait=True, cancel_futures=True)


#: Seconds the end of a run waits for a pool's workers to end on their own, then again after
#: SIGTERM and after SIGKILL (:func:`_join_ended`).
_POOL_END_SECONDS = 2.0


def _shut(pool: Any, ending: list[Any] | None) -> None:
    """Shut ``pool`` down without waiting: its workers end on their own (each takes the pool's
    end mark) while this process writes the last results. ``ending`` gets the pool, for
    :func:`_join_ended` once they are written; None: joined now."""
    entry = (pool, getattr(pool, "_executor_manager_thread", None),
             list((getattr(pool, "_processes", None) or {}).values()))
    pool.shutdown(wait=False, cancel_futures=True)
    if ending is None:
        _join_ended([entry])
    else:
        ending.append(entry)


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
    # workers could be forked and freed a handful of objects (jobs23); garbage frozen
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
    ``ending`` (:func:`_shut`)."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork")
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
                    result = _result(future, pool)
                except BrokenProcessPool as exc:
                    log.warning("a worker died while tagging; isolating the files of one "
                                "chunk: %s", exc)
                    broken = chunk
                    waiting = [c for c, _ in pending]
                    break
                yield result
            finished = True
        finally:
            if not finished:  # interrupted, or the writer failed: do not wait for the chunks
                _end_pool(pool)
            else:
                _shut(pool, ending)
        if broken is None:
            return
        yield _isolate_forked(broken, spec, loader, words, ctx, timeout, ending)


def _isolate_forked(chunk: list[Any], spec: TaggerSpec, loader: Any, words: bool,
                    ctx: Any, timeout: float | None,
                    ending: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run each file of ``chunk`` alone in a forked worker; a file that kills it is failed
    (its broken pool goes to ``ending``: :func:`_shut`)."""
    from concurrent.futures.process import BrokenProcessPool

    out: list[tuple[Any, ...]] = []
    for path, sha, size in chunk:
        pool = _pool(1, ctx)
        broken = False
        try:
            out.extend(_result(_submit(pool, process_chunk, [(path, sha, size)], spec, loader,
                                       words, timeout), pool))
        except BrokenProcessPool as exc:
            broken = True
            out.append(("failed", path, sha, size, "worker_error",
                        f"the worker processing this file died ({exc})"))
        except BaseException:  # interrupted: do not wait for the file
            _end_pool(pool)
            raise
        finally:
            if broken:
                _shut(pool, ending)
            else:
                pool.shutdown(wait=True, cancel_futures=True)
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
    code and the run said nothing (newuser22's D3): the store mixed two parsers. A worker
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


#: Generation-0 threshold of the garbage collector while :func:`tag_paths` runs
#: (:mod:`nlp_reports._gc`).
BATCH_GC_THRESHOLD = GC_THRESHOLD


def _one_writer(func: Callable[..., BatchResult]) -> Callable[..., BatchResult]:
    """Run ``func`` holding its store's writer lock (:mod:`~nlp_reports.corpus.writelock`),
    taken before the walk and the model: a second run on the store raises StoreBusyError
    at once, having read and written nothing. Only this process writes (with ``--jobs`` and
    Dask the workers send their rows back), so only it locks."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> BatchResult:
        db = signature.bind(*args, **kwargs).arguments["db"]
        with writer_lock(db.path if isinstance(db, Store) else db):
            return func(*args, **kwargs)

    return run


@_one_writer
@fewer_collections
def tag_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
              db: str | os.PathLike[str] | Store, *, model: Any = None, trust: bool = False,
              tokenizer: str | None = None, jobs: int = 1, backend: str = "joblib",
              scheduler: Any = None, progress: bool | Callable[[Progress], None] = False,
              retag: bool = False,
              chunk_size: int | None = None,
              loader: Callable[[str], Any] | None = None, words: bool = True,
              timeout: float | None = DEFAULT_TIMEOUT, split: bool = True) -> BatchResult:
    """Parse, tag and store every report file under ``paths`` into the store ``db``.

    ``paths``: files, folders (walked recursively for .txt .htm .html .docx .pdf …, and
    files without a suffix holding one: :func:`expand_paths`) and globs.
    ``model``: a model directory (None: the shipped default; other paths need ``trust``),
    or an already loaded tagger (anything with ``model_id`` and ``tag_many``).
    Resumes: files stored ok (or as duplicates) with the same SHA-256 and model id are
    skipped unless ``retag``; a new model re-tags (old rows replaced, nothing duplicated);
    failed files are retried. A file identical to another (same SHA-256 and suffix) is not
    parsed again: it is recorded as a duplicate of the path holding the report
    (``BatchResult.duplicates``); so is a file whose report, once parsed, has the content
    fingerprint of a report already stored (by any model) or written earlier in the run
    (the same text in another encoding or format: ``docs/store-schema.md``).
    ``chunk_size``: files parsed and tagged together (None: :data:`SERIAL_CHUNK_SIZE` with
    one process, else :data:`DEFAULT_CHUNK_SIZE`).
    ``jobs`` > 1 runs chunks of ``chunk_size`` files in worker processes
    (forked with the tagger already loaded on Linux, joblib/loky elsewhere); ``backend="dask"`` submits them to ``scheduler`` (an address, a Client or
    a cluster; None starts a LocalCluster). ``loader`` replaces ``load_report`` (path →
    Report): it is given a file's path, and a zip member unpacked to a temporary file of
    the member's name (its report's ``source`` then names the member). ``words`` also
    stores the jieba words of sections 一 and 五 (``reports.words``, for summarize's vocabulary); False leaves the column NULL (``tag --no-words``: about a
    fifth less CPU and a quarter smaller store; summarize then segments the reports it
    samples from the stored rows, the same words, at its own cost).
    ``progress``: True draws a tqdm bar on stderr; a callable is given a :class:`Progress`
    when the files are found, then at most every :data:`PROGRESS_SECONDS` and at each tenth
    of them (``tag`` logs ``Progress.line()`` so when stderr is not a terminal).
    ``timeout``: seconds one file may take to parse (None or 0: no limit); a file over it
    is recorded as failed with reason ``timeout`` and the batch goes on (POSIX: in worker
    processes and on the main thread; on Dask by a watchdog thread, the worker still
    running the parse then restarted; not in another thread of the caller's).
    ``split``: a compilation (汇编: one file holding several reports) is stored report by
    report, keyed by its path and ``part`` 1 … N, all its parts in one transaction
    (``BatchResult.split_files`` / ``split_reports``); False refuses it as ``not_a_report``
    (``tag --no-split``). The default loader only: a ``loader`` returns what it returns.
    One run writes a store at a time: the run holds the store's writer lock
    (:mod:`~nlp_reports.corpus.writelock`, ``<db>.lock``), and raises
    :class:`~nlp_reports.errors.StoreBusyError` at once, before reading any file, when
    another process holds it.
    """
    if backend not in ("joblib", "dask"):
        raise UsageError(f"backend must be 'joblib' or 'dask', not {backend!r}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if loader is None and not split:
        loader = _whole_loader
    jobs = (os.cpu_count() or 1) if jobs is not None and jobs < 0 else max(1, int(jobs or 1))
    if chunk_size is None:
        serial = jobs == 1 and backend == "joblib"
        chunk_size = SERIAL_CHUNK_SIZE if serial else DEFAULT_CHUNK_SIZE
    chunk_size = max(1, int(chunk_size))

    if model is not None and hasattr(model, "tag_many"):
        spec = TaggerSpec(instance=model, tokenizer=tokenizer)
    else:
        spec = TaggerSpec(model=None if model is None else str(model), trust=trust,
                          tokenizer=tokenizer)
    head = None
    found = None
    if jobs > 1 and backend == "joblib" and spec.instance is None and _fork_available():
        # the files are found first, and the first of them parsed in another process while
        # this one loads the model (a bad model is told once the walk is done)
        found = _expand(paths)
        found = (_citable_first(found[0]), *found[1:])  # (the head start's first files)
        if found[0]:
            _import_parser(loader)  # inherited by the head start (else imported twice)
            head = _start_head(found[0], loader, timeout)
    try:
        # the folder's model as it is now, not one this process loaded before it was
        # retrained; and fail fast on a bad model, before touching any file
        spec.forget_if_changed()
        tagger = spec.get()
    except BaseException:
        if head is not None:
            head.close()
        raise
    model_id = getattr(tagger, "model_id", None)
    if jobs == 1 and spec.instance is None:
        spec = TaggerSpec(instance=tagger, tokenizer=tokenizer)

    files, missing, ignored = found if found is not None else _expand(paths)
    del found
    if not files and missing and isinstance(db, (str, os.PathLike)) and not os.path.exists(db):
        # nothing to read (a mistyped path, a folder without reports): no new, empty store
        if head is not None:
            head.close()
        return BatchResult(ok=0, skipped=0, failed=len(missing), db=str(db), model_id=model_id,
                           failures=tuple(Failure(text_path(f.path), f.reason, f.message)
                                          for f in missing))
    created = isinstance(db, (str, os.PathLike)) and not os.path.exists(db)
    try:
        store, owned = open_store(db)
    except BaseException:
        if head is not None:
            head.close()
        raise
    walk_rows = 0  # the failures of the walk recorded (found again by a rerun)
    drop = False  # remove the store this run created: it failed with nothing written
    try:
        # reports of a higher id are new in this run (one tagged again keeps its id), or in
        # a run stopped before its end: only those may pass to a copy whose name gives them
        # (_name_holders)
        new_from = store.new_reports_from()
        store.use_model(tagger_model_record(tagger))  # (its models row: with its reports)
        store.forget_vanished_failures(lambda p: archive.exists(real_path(p)))
        _forget_gone_members(store, files, missing)
        missing = [Failure(shown, f.reason, _storable(f.message, f.path, shown))
                   for f in missing for shown in (text_path(f.path),)]
        failures: list[Failure] = list(missing)
        retried = [(f.path, f.reason, f.message, None, None, model_id)
                   for f in missing if f.reason != NO_REPORT_FILES]  # a file to retry
        if retried:
            store.record_failures(retried)
            walk_rows = len(retried)
        # Streaming: files are hashed and checked against the store one block at a time as
        # the workers ask for work, so memory does not grow with the corpus (a list of paths
        # as plain strings is all that is held).
        todo_paths = _citable_first([text_path(f) for f in files],  # real_path() reads each
                                    store if retag else None)
        del files
        log.info("%d files found", len(todo_paths))
        counter = {"skipped": 0, "duplicates": 0, "replaced": 0, "retagged": 0,
                   "split_files": 0, "split_reports": 0, "failed_parts": 0}
        bar = _progress(len(todo_paths), progress,
                        lambda: (len(failures) - len(missing), counter["skipped"]))
        earlier: dict[str, str] = {}  # stored path → the other model it was tagged with
        previous_models: set[str] = set()
        # Identical files (same SHA-256) are parsed and tagged once: a file whose content is
        # queued already waits for that file's result (``waiting``); one whose content is
        # stored already is recorded as its duplicate at once. A re-tag only trusts reports
        # written by this run.
        # content key: (sha, suffix) — the suffix picks the reader, so it is part of "same"
        inflight: dict[tuple[str, str], str] = {}  # key → path queued, until written
        waiting: dict[str, list[tuple[str, str, int]]] = {}  # that path → files waiting on it
        # key → ("ok", path) or ("failed", path, reason, message): written since the store
        # was last asked (at the start of the current block), so not in its answers yet
        settled: dict[tuple[str, str], tuple[str, ...]] = {}
        run_start = _now()
        since = run_start if retag else None

        def pending_chunks() -> Iterator[list[tuple[str, str, int]]]:
            nonlocal near_end
            chunk: list[tuple[str, str, int]] = []
            weight = 0  # of the chunk (_chunk_full)
            seen = seen_weight = 0  # files hashed so far and their weight: the mean weight
            block = max(chunk_size, 256)
            for start in range(0, len(todo_paths), block):
                names = todo_paths[start:start + block]
                done = store.done_of(names)  # (with retag: to say what was re-tagged)
                digests: list[tuple[str, str, int]] = []
                for f in names:
                    try:
                        sha, size = _digest(f)
                    except (OSError, ParseError) as exc:
                        fail = (Failure(f, exc.reason, Exception.__str__(exc))
                                if isinstance(exc, ParseError)
                                else Failure(f, "unreadable", _unreadable(exc)))
                        failures.append(fail)
                        store.record_failure(fail.path, fail.reason, fail.message,
                                             model_id=model_id)
                        if bar is not None:
                            bar.update(1)
                        continue
                    if not retag and done.get(f) == (sha, model_id):
                        counter["skipped"] += 1
                        if bar is not None:
                            bar.update(1)
                        continue
                    if f in done and done[f][0] != sha:  # stored, and changed since
                        counter["replaced"] += 1
                    elif f in done:  # same content, tagged by another model (or --retag)
                        earlier[f] = done[f][1] or "?"
                    digests.append((f, sha, size))
                seen += len(digests)
                seen_weight += sum(d[2] for d in digests) + REPORT_WEIGHT * len(digests)
                shas = [d[1] for d in digests]
                # any model: content another model tagged is still stored (one report a
                # content); rerunning its holder's path re-tags it with this model
                stored = store.reports_with_content(shas, model_id, since=since,
                                                    any_model=True) if digests else {}
                failed = store.failures_with_content(shas, since=run_start) if digests else {}
                settled.clear()  # the store answers for these now
                order = {f: i for i, f in enumerate(names)}
                for f, sha, size in digests:
                    key = (sha, _suffix(f))
                    first = inflight.get(key)
                    if first is not None and first != f:
                        waiting.setdefault(first, []).append((f, sha, size))
                        continue
                    done_now = settled.get(key)
                    if done_now is not None and done_now[0] == "ok":
                        first = done_now[1]
                    else:
                        first = next((p for p in stored.get(sha, ())
                                      if _suffix(p) == key[1]), None)
                    if first is not None and first != f:
                        store.record_duplicates([(f, sha, size, first, model_id)])
                        counter["duplicates"] += 1
                        if bar is not None:
                            bar.update(1)
                        continue
                    like = done_now[1:] if done_now is not None else next(
                        (x for x in failed.get(sha, ())
                         if _suffix(x[0]) == key[1] and x[0] != f), None)
                    if like is not None:  # a copy of a file that failed in this run
                        fail = Failure(f, like[1], _same_content(like[0], like[2]))
                        failures.append(fail)
                        store.record_failure(f, fail.reason, fail.message, sha256=sha,
                                             size=size, model_id=model_id)
                        if bar is not None:
                            bar.update(1)
                        continue
                    inflight[key] = f
                    chunk.append((f, sha, size))
                    weight += size + REPORT_WEIGHT
                    after = len(todo_paths) - start - order[f] - 1  # files not looked at yet
                    if _chunk_full(len(chunk), weight, chunk_size, jobs,
                                   weight + after * seen_weight / max(seen, 1)):
                        # chunks shrunk this small: the last ~50 ms of a run with several
                        # processes (not the chunks of a small chunk_size)
                        near_end = near_end or len(chunk) <= min(2 * TAIL_CHUNK_FILES,
                                                                 chunk_size - 1)
                        yield chunk
                        chunk = []
                        weight = 0
            near_end = True
            if chunk:
                yield chunk

        near_end = False  # the last chunks are being handed out (the end is near)
        ending: list[Any] = []  # worker pools shut down, not yet ended (_shut)
        if backend == "dask":
            results = _run_dask(pending_chunks(), spec, loader, jobs, words, scheduler, timeout)
        else:
            results = _run_joblib(pending_chunks(), spec, loader, jobs, words, timeout, head,
                                  ending)
        ok = 0
        buffer: list[tuple[Any, ...]] = []
        last = time.monotonic()

        def flush() -> None:
            nonlocal ok, last
            keep, same = _content_duplicates(store, buffer, model_id, since, run_start,
                                             new_from)
            keep, in_parts, stored_before = _part_copies(store, keep, model_id, since, run_start)
            n_ok, chunk_failures = _write_chunk(store, keep, model_id)
            failed_now = {f.path for f in chunk_failures}
            # (a compilation not written keeps no copy: a file that had the text keeps it)
            same += [d for d in in_parts if d[3] not in failed_now]
            # (a holder written by an earlier flush that a copy dated earlier displaced is
            # counted among the duplicates now)
            counted = {r[1] for r in buffer} | stored_before
            ok += n_ok - sum(1 for d in same if d[0] not in counted)
            if earlier:  # reports written again because the model changed
                again = [earlier.pop(r[1]) for r in keep
                         if r[0] == "ok" and r[1] in earlier and r[1] not in failed_now]
                counter["retagged"] += len(again)
                previous_models.update(again)
            failures.extend(chunk_failures)
            for r in keep:  # compilations written report by report
                if r[0] == "ok" and isinstance(r[4], PreparedParts) and r[1] not in failed_now:
                    counter["split_files"] += 1
                    counter["split_reports"] += len(r[4].reports)
                    counter["failed_parts"] += len(r[4].failed)
            if same:
                store.record_duplicates(same)
            redirect = {d[0]: d[3] for d in same}
            for key, done_now in list(settled.items()):  # a holder displaced by an earlier date
                if done_now[0] == "ok" and done_now[1] in redirect:
                    settled[key] = ("ok", redirect[done_now[1]])
            n_dups, dup_failures = _resolve_duplicates(store, buffer, chunk_failures, inflight,
                                                       waiting, settled, model_id, redirect)
            counter["duplicates"] += n_dups + len(same) - len(stored_before)
            failures.extend(dup_failures)
            if bar is not None:
                bar.update(len(buffer) + n_dups + len(dup_failures))
            buffer.clear()
            last = time.monotonic()

        try:
            try:
                for chunk_result in results:
                    if not chunk_result:  # (forked workers: none back yet) write meanwhile
                        if buffer:
                            flush()
                        if near_end:  # what closing the store would do, done meanwhile
                            store.checkpoint()
                        continue
                    buffer.extend(chunk_result)
                    if len(buffer) >= WRITE_BATCH or time.monotonic() - last >= WRITE_SECONDS:
                        flush()
            except ClusterError:  # the Dask scheduler lost: what came back is whole, keep it
                if buffer:
                    flush()
                raise
            if buffer:
                flush()
        finally:
            if bar is not None:
                bar.close()
            close = getattr(results, "close", None)
            if close is not None:
                close()
            _join_ended(ending)  # (their workers ended while the last results were written)
        skipped = counter["skipped"]
        log.info("%d files tagged, %d already stored", ok, skipped)
        _name_holders(store, new_from)
        # a page that only links its report, whose file is stored now: not a failure
        linked, n_linked = _settle_linked(store)
        failures = [f for f in failures if f.path not in linked]
    except BaseException:
        # a run stopped before it wrote anything (the Dask scheduler unreachable, Ctrl-C
        # during the walk) leaves no empty store file behind, only its error
        drop = created and owned and _holds_nothing(store, walk_rows)
        raise
    finally:
        if head is not None:
            head.close()
        if owned:
            store.close()
        if drop:
            _remove_store(store.path)
    # by path: the order they finish in differs between runs with --jobs > 1
    return BatchResult(ok=ok, skipped=skipped, failed=len(failures),
                       failures=tuple(sorted(failures, key=lambda f: f.path)),
                       db=str(store.path), model_id=model_id,
                       duplicates=counter["duplicates"], replaced=counter["replaced"],
                       retagged=counter["retagged"], previous_models=tuple(sorted(previous_models)),
                       ignored=tuple(sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0]))),
                       linked=n_linked, split_files=counter["split_files"],
                       split_reports=counter["split_reports"],
                       failed_parts=counter["failed_parts"])


def _forget_gone_members(store: Store, files: Sequence[str], missing: Sequence[Failure]) -> None:
    """Drop what the store holds of members no longer in the zips this run reads (the zip was
    replaced by one without them; a zip that now fails as a whole keeps none), and a zip's
    own failure it no longer has: else the reports of a replaced zip's old members, or the
    failure of a damaged zip downloaded again, would linger. A zip not reached is not looked at,
    like a folder not named (its paths keep their reports)."""
    zips: dict[str, set[str]] = {}
    for path in (*files, *(f.path for f in missing)):
        path = text_path(path)
        zipped = archive.zip_of(path)
        if zipped is not None:
            zips.setdefault(zipped, set()).add(path)
        elif _suffix(path) in ("", ".zip") and os.path.isfile(real_path(path)) and (
                archive.is_zip_archive(real_path(path))):
            zips.setdefault(path, set())  # (a damaged or over-full zip: none of it now)
    gone = [p for z, now in zips.items() for p in store.paths_under(z + "/") if p not in now]
    # and a zip's own failure of an earlier run (damaged, over-full, repeated names) that it
    # no longer has: the zip was replaced by a sound one
    failing = {text_path(f.path) for f in missing}
    gone += [z for z in zips if z not in failing
             and (rec := store.file_record(z)) is not None and rec.status == "failed"]
    if gone:
        store.forget(gone)


def _holds_nothing(store: Store, walk_rows: int) -> bool:
    """Whether ``store`` holds no report and no file row but the ``walk_rows`` failures of
    the walk (best effort: False when it cannot be read)."""
    try:
        return store.count("reports") == 0 and store.count("files") <= walk_rows
    except Exception:  # noqa: BLE001 - keep a store that cannot be read
        log.debug("could not count the store's rows", exc_info=True)
        return False


def _remove_store(path: str | os.PathLike[str]) -> None:
    """Remove a store file this run created and its SQLite side files (best effort)."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(OSError):
            os.remove(name)


def _settle_linked(store: Store) -> tuple[set[str], int]:
    """Record as ``linked`` the pages refused because they only link their report (详见附件)
    whose linked file the crawl saved (:func:`~nlp_reports.ingest.html.linked_file`, from
    the stored message) and the store holds: under that path, or — saved twice, or named
    otherwise — by its content (SHA-256). A ``linked`` page whose file's report is gone is
    ``failed`` again. Run at the end of every run over the whole store, so the order the page
    and its file are tagged in (one run or two, any ``jobs``) does not matter. Returns the
    paths linked now and how many of them were ``failed`` before."""
    rows = store.link_candidates()
    if not rows:
        return set(), 0
    from nlp_reports.ingest.html import linked_file  # (6 ms of imports: only when needed)

    target = {path: text_path(os.path.abspath(t)) for path, _, message, _ in rows
              if (t := linked_file(path, message)) is not None}
    stored = set(store.done_of(list(target.values())))  # stored ok or as a duplicate
    by_content: dict[str, str] = {}  # target → its sha, for the files not stored by path
    for t in set(target.values()) - stored:
        try:
            by_content[t] = file_digest(real_path(t))[0]
        except OSError:  # not there (any more): not linked
            continue
    holders = store.reports_with_content(list(by_content.values()), None, any_model=True)
    settle: list[tuple[str, str | None]] = []
    linked: set[str] = set()
    newly = 0
    for path, status, _, was in rows:
        t = target.get(path)
        to = t if t in stored else next(iter(holders.get(by_content.get(t, ""), ())), None)
        if to is not None:
            linked.add(path)
            newly += status == "failed"
        if (to is not None) != (status == "linked") or (to is not None and to != was):
            settle.append((path, to))
    store.set_linked(settle)
    return linked, newly


def _content_duplicates(store: Store, results: list[tuple[Any, ...]], model_id: str | None,
                        since: str | None, run_start: str, new_from: int | None = None,
                        ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Split parsed results into those to write and the duplicates by content.

    A report whose content fingerprint (the same text in another encoding or format:
    :func:`~nlp_reports.corpus.store.content_fingerprint`) is that of a report met earlier
    in ``results`` or stored (by any model, at or after ``since``) is not written: it becomes
    a ``(path, sha256, size, holder, model_id)`` duplicate of that report, as a byte-identical
    copy does. Among the copies met in one run the holder is the one published first (then
    the one whose file name gives the report's agency or year (:func:`_name_gives`), then the
    first met): a mirror or 转载 re-post of a report, dated on its page months later,
    must not give the report its date (a false "published late" in the audit), whatever the
    folders' order. A copy dated earlier displaces a holder written earlier in the run
    (tagged at or after ``run_start``): the holder becomes its duplicate, and so do the
    holder's own duplicates; so does a copy dated the same whose name gives more of the report
    than the name of a holder new in this run (report id above ``new_from``; None: none is).
    A report stored by an earlier run stays the holder. The holders
    of earlier writes are read from the store, so nothing is kept from one write to the next
    (memory stays flat over a long run). Returns ``(results to write, duplicates)``.
    """
    fps = {r[1]: getattr(r[4], "fingerprint", None) for r in results if r[0] == "ok"}
    wanted = sorted({fp for fp in fps.values() if fp is not None})
    # fingerprint → (path, published, sha256, size, written in this run, new in this run)
    # of its holder
    held: dict[str, tuple[str, str | None, str, int, bool, bool]] = {
        fp: (path, published, sha, size, at >= run_start, new_from is not None and rid > new_from)
        for fp, (path, published, sha, size, at, rid) in (
            store.fingerprint_holders(wanted, since=since) if wanted else {}).items()}
    # the paths of these results that held a report before this run (tagged again: a new
    # model, --retag, a changed file) keep their ids, and so stay where they are
    stored_before = _stored_before(store, [p for p, fp in fps.items() if fp is not None],
                                   new_from)
    keep: list[tuple[Any, ...]] = []
    same: list[tuple[Any, ...]] = []
    for r in results:
        fp = fps.get(r[1]) if r[0] == "ok" else None
        holder = held.get(fp) if fp is not None else None
        if holder is not None and holder[0] != r[1]:
            date = _published(r)
            if holder[4] and _earlier(date, holder[1]):
                why = f"published earlier ({date}, not {holder[1]})"
            elif holder[5] and date == holder[1] and (
                    _cited_by_name(r[1], *r[4].head[_AGENCY:_YEAR + 1])
                    > _cited_by_name(holder[0], *r[4].head[_AGENCY:_YEAR + 1])):
                why = "its file name gives the report's agency or year"
            else:
                why = None
            if why is not None:
                log.info("%s: same text as %s, %s: it holds the report, %s is recorded as its "
                         "duplicate", r[1], holder[0], why, holder[0])
                keep = [k for k in keep if k[1] != holder[0]]  # (when not written yet)
                same = [(*d[:3], r[1] if d[3] == holder[0] else d[3], d[4]) for d in same]
                same.append((holder[0], holder[2], holder[3], r[1], model_id))
                held[fp] = (r[1], _published(r), r[2], r[3], True, new_from is not None)
                keep.append(r)
                continue
            log.info("%s: same text as %s (another encoding or format); recorded as its "
                     "duplicate", r[1], holder[0])
            same.append((r[1], r[2], r[3], holder[0], model_id))
            continue
        if fp is not None:  # it holds the text now (a file of its own tagged again too)
            held[fp] = (r[1], _published(r), r[2], r[3], True,
                        new_from is not None and r[1] not in stored_before)
        keep.append(r)
    return keep, same


def _part_copies(store: Store, results: list[tuple[Any, ...]], model_id: str | None,
                 since: str | None, run_start: str
                 ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], set[str]]:
    """A compilation's part (汇编) also saved as a file of its own (the bureau's report on its
    page and in the county's 汇编) with the same text (content fingerprint) is one report,
    held by the part: the compilation's other reports keep it from being anyone's duplicate.

    The file alone — among ``results`` (to write), or stored earlier — becomes a
    ``(path, sha256, size, compilation, model_id)`` duplicate of the compilation's path, its
    ``files`` row kept (:meth:`Store.record_duplicates` drops a report it held, and points
    its own duplicates to the compilation). Returns ``(results to write, those duplicates,
    the paths among them stored by an earlier run)`` (already counted then)."""
    parts: dict[str, str] = {}  # fingerprint → compilation path, of this write's compilations
    loose: dict[str, str] = {}  # path → fingerprint, of this write's files holding one report
    for r in results:
        if r[0] != "ok":
            continue
        if isinstance(r[4], PreparedParts):
            for _, prep in r[4].reports:
                if prep.fingerprint is not None:
                    parts.setdefault(prep.fingerprint, r[1])
        elif getattr(r[4], "fingerprint", None) is not None:
            loose[r[1]] = r[4].fingerprint
    if not parts and not loose:
        return results, [], set()
    held = {**parts, **(store.part_holders(sorted(set(loose.values())), since=since)
                        if loose else {})}
    keep: list[tuple[Any, ...]] = []
    same: list[tuple[Any, ...]] = []
    for r in results:
        holder = held.get(loose.get(r[1], ""))
        if holder is not None and holder != r[1]:
            log.info("%s: same text as a report of the compilation %s; recorded as its "
                     "duplicate", r[1], holder)
            same.append((r[1], r[2], r[3], holder, model_id))
        else:
            keep.append(r)
    earlier: set[str] = set()
    for fp, (path, _, sha, size, at, _) in (
            store.fingerprint_holders(sorted(parts), since=since) if parts else {}).items():
        if path in loose:  # (tagged again in this write: made a duplicate above)
            continue
        log.info("%s: same text as a report of the compilation %s; recorded as its duplicate",
                 path, parts[fp])
        same.append((path, sha, size, parts[fp], model_id))
        if at < run_start:
            earlier.add(path)
    return keep, same, earlier


def _name_holders(store: Store, new_from: int) -> int:
    """Pass each report new in this run (id above ``new_from``) that byte-identical copies
    share to the copy whose file name gives more of it (:func:`_cited_by_name`: a file on
    disk before a zip member, then :func:`_name_gives`; a tie keeps the holder): the run parsed the first copy it met, before it knew the report's agency and
    year. Done once the run's files are all settled, so the same files give the same holder
    whatever ``jobs``, chunks or backend; a report stored by a completed run stays where it
    is (one a stopped run stored is above ``new_from``: :meth:`Store.new_reports_from`).
    A compilation's parts stay (one name cannot give all of them). Returns how many moved."""
    rows = store.connection.execute(
        "SELECT d.duplicate_of, d.path, r.agency, r.year FROM files d JOIN files h ON "
        "h.path = d.duplicate_of AND h.status = 'ok' AND h.sha256 = d.sha256 JOIN reports r "
        "ON r.path = h.path AND r.part IS NULL WHERE d.status = 'duplicate' AND r.id > ?",
        (new_from,)).fetchall()
    copies: dict[tuple[str, Any, Any], list[str]] = {}
    for holder, path, agency, year in rows:
        copies.setdefault((holder, agency, year), []).append(path)
    moves = []
    for (holder, agency, year), paths in sorted(copies.items(), key=lambda kv: kv[0][0]):
        order = _citable_first(sorted([holder, *paths]))
        best = max(order, key=lambda p: (_cited_by_name(p, agency, year), p == holder,
                                         -order.index(p)))
        if best != holder:
            log.info("%s: holds the report of its identical copy %s (its name gives the "
                     "report's agency or year); %s is recorded as its duplicate", best, holder,
                     holder)
            moves.append((holder, best))
    store.hand_over(moves, end_run=True)  # (and no longer new to the next run)
    return len(moves)


def _cited_by_name(path: str, agency: Any, year: Any) -> tuple[bool, int]:
    """How a copy of a report ranks by its path, higher first: a file on disk before a zip
    member (as in :func:`_citable_first`), then by :func:`_name_gives`."""
    return archive.split_member(path) is None, _name_gives(path, agency, year)


def _stored_before(store: Store, paths: list[str], new_from: int | None) -> set[str]:
    """Those of ``paths`` that hold a report of id ``new_from`` or below (stored before the
    run began)."""
    if not new_from or not paths:
        return set()
    out: set[str] = set()
    for start in range(0, len(paths), 400):
        part = paths[start:start + 400]
        out.update(p for (p,) in store.connection.execute(
            f"SELECT DISTINCT path FROM reports WHERE id <= ? AND path IN "
            f"({','.join('?' * len(part))})", (new_from, *part)))
    return out


_PUBLISHED = REPORT_META_COLUMNS.index("published")
_AGENCY = REPORT_META_COLUMNS.index("agency")
_YEAR = REPORT_META_COLUMNS.index("year")
assert _YEAR == _AGENCY + 1

#: The place an agency's name opens with (柳岸县 of 柳岸县卫生健康局, 澜江省 of 澜江省交通运输厅).
_AGENCY_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|州|盟|县|区|旗|镇|乡|街道)")


def _name_gives(path: str, agency: Any, year: Any) -> int:
    """How much of its report a file's name gives (0–2): the report's ``year`` (2023, not
    inside a longer number such as t20230120_…) and its ``agency`` (the place its name opens
    with, 柳岸县 of 柳岸县卫生健康局; else its first four characters, 国家林草 of
    国家林草数据中心). Among copies of one report, the one whose name gives more holds it:
    "柳岸县卫健局2023年报.pdf" rather than "附件1.pdf", or a file named after another body and
    year that a site served the same bytes under."""
    name = os.path.basename(path)
    score = 0
    if isinstance(year, int) and re.search(rf"(?<!\d){year}(?!\d)", name):
        score += 1
    if isinstance(agency, str) and agency:
        place = _AGENCY_PLACE.match(agency)
        token = place.group() if place else agency[:4]
        score += len(token) >= 2 and token in name
    return score


def _published(result: tuple[Any, ...]) -> str | None:
    """The ``published`` date (ISO) of a parsed result's report, None when unknown."""
    head = getattr(result[4], "head", None)
    return head[_PUBLISHED] if head is not None and len(head) > _PUBLISHED else None


def _earlier(date: str | None, than: str | None) -> bool:
    """Whether ISO date ``date`` is before ``than`` (a known date before an unknown one)."""
    return date is not None and (than is None or date < than)


def _resolve_duplicates(store: Store, results: list[tuple[Any, ...]], fails: list[Failure],
                        inflight: dict[tuple[str, str], str],
                        waiting: dict[str, list[tuple[str, str, int]]],
                        settled: dict[tuple[str, str], tuple[str, ...]],
                        model_id: str | None,
                        redirect: dict[str, str] | None = None) -> tuple[int, list[Failure]]:
    """Settle the files that waited for these results: duplicates of a stored report, or
    failed like it (same content, same reason). Returns (duplicates, their failures).
    ``redirect``: path → holder, for results that became duplicates by content (their
    copies are duplicates of the holder)."""
    redirect = redirect or {}
    failed = {f.path: f for f in fails}
    dups: list[tuple[Any, ...]] = []
    dup_fails: list[tuple[Any, ...]] = []
    for r in results:
        path, key = r[1], (r[2], _suffix(r[1]))
        if inflight.get(key) == path:
            del inflight[key]
            first = failed.get(path)
            settled[key] = ("ok", redirect.get(path, path)) if first is None else (
                "failed", path, first.reason, first.message)
        for f, fsha, fsize in waiting.pop(path, ()):
            first = failed.get(path)
            if first is not None:
                dup_fails.append((f, first.reason, _same_content(path, first.message),
                                  fsha, fsize, model_id))
            else:
                dups.append((f, fsha, fsize, redirect.get(path, path), model_id))
    if dups:
        store.record_duplicates(dups)
    if dup_fails:
        store.record_failures(dup_fails)
    return len(dups), [Failure(*d[:3]) for d in dup_fails]


def _same_content(path: str, message: str) -> str:
    """The failure message of a copy of ``path`` (which failed with ``message``)."""
    if message.startswith("same content as "):
        return message
    return f"same content as {path}: {message}"


@dataclass(frozen=True)
class Progress:
    """Where a :func:`tag_paths` run stands (进度), as given to its ``progress`` callback.

    ``done`` counts the files settled so far (tagged, failed, skipped as already stored,
    recorded as duplicates) of the ``total`` found; ``skipped`` (already stored, settled at
    once) is left out of the rate, so a resumed run's estimate is that of the work left.
    """

    done: int
    total: int
    failed: int
    skipped: int
    seconds: float  #: since the files were found

    @property
    def rate(self) -> float:
        """Files tagged (or failed) a second, the skipped ones left out."""
        return (self.done - self.skipped) / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        """The time the rest should take at :attr:`rate` (None before any rate)."""
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    def line(self) -> str:
        """One line for a log, English then Chinese: ``tagged 12,800 of 30,000 (42 %), 1
        failed, 35 reports/s, about 8 min left / 已处理 …``."""
        if not self.done:
            return f"tagging {self.total:,} files / 开始处理 {self.total:,} 个文件"
        pct = 100 * self.done // max(self.total, 1)
        en = f"tagged {self.done:,} of {self.total:,} ({pct} %), {self.failed:,} failed"
        zh = f"已处理 {self.done:,} / {self.total:,}（{pct}%），失败 {self.failed:,} 个"
        if self.skipped:
            en += f", {self.skipped:,} already stored"
            zh += f"，已在库中 {self.skipped:,} 个"
        if self.rate > 0:
            en += f", {self.rate:.3g} reports/s"
            zh += f"，每秒 {self.rate:.3g} 份"
        left = self.seconds_left
        if left is not None:
            minutes = left / 60
            if minutes < 1:
                en, zh = en + ", under a minute left", zh + "，预计不到 1 分钟完成"
            elif minutes < 90:
                en += f", about {minutes:.0f} min left"
                zh += f"，预计还需约 {minutes:.0f} 分钟"
            else:
                en += f", about {minutes / 60:.1f} h left"
                zh += f"，预计还需约 {minutes / 60:.1f} 小时"
        return f"{en} / {zh}"


#: A ``progress`` callback of :func:`tag_paths` is called at most this often (seconds)…
PROGRESS_SECONDS = 60.0
#: … and at each tenth of the files (10 %, 20 % … 90 %; the end line says the rest).
PROGRESS_STEPS = 10
#: The clock of the progress lines (a test replaces it with a fake one).
_progress_clock = time.monotonic


class _ProgressLines:
    """Calls ``report`` with a :class:`Progress` when the run starts, then at most every
    :data:`PROGRESS_SECONDS` and at each tenth of the files; :meth:`update` as tqdm's.

    Why: under sbatch or nohup stderr is no terminal, there is no bar, and a run of 30,000
    reports said nothing for hours until its end line.
    """

    def __init__(self, total: int, report: Callable[[Progress], None],
                 counts: Callable[[], tuple[int, int]]) -> None:
        self.total, self.report, self.counts = total, report, counts
        self.done = 0
        self.start = self.last = _progress_clock()
        self.step = 0  # tenths reported
        if total:  # (nothing to tag: the end line says why)
            self._say()

    def _say(self) -> None:
        failed, skipped = self.counts()
        self.report(Progress(self.done, self.total, failed, skipped,
                             self.last - self.start))

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self.total:
            return
        now = _progress_clock()
        step = PROGRESS_STEPS * self.done // max(self.total, 1)
        if step > self.step or now - self.last >= PROGRESS_SECONDS:
            self.step, self.last = step, now
            self._say()

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool | Callable[[Progress], None],
              counts: Callable[[], tuple[int, int]] = lambda: (0, 0)) -> Any:
    """The run's progress: None, a tqdm bar on stderr (``True``), or lines handed to a
    callback (:class:`_ProgressLines`)."""
    if callable(enabled):
        return _ProgressLines(total, enabled, counts)
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="report", dynamic_ncols=True,
                desc="tagging")


def _write_chunk(store: Store, results: list[tuple[Any, ...]],
                 model_id: str | None) -> tuple[int, list[Failure]]:
    """Write one chunk's reports in one transaction, and record its failures."""
    oks = [(r[1], r[4], r[5], r[2], r[3], model_id, r[6]) for r in results if r[0] == "ok"]
    fails = [Failure(r[1], r[4], r[5]) for r in results if r[0] == "failed"]
    written = len(oks)
    try:
        store.write_many(oks)
    except StoreError:
        # A report the store cannot take must not sink its chunk-mates: write one by one.
        written = 0
        for item in oks:
            try:
                store.write_many([item])
                written += 1
            except StoreError as exc:
                fails.append(Failure(item[0], "store_error", str(exc)))
    if fails:
        by_path = {r[1]: r for r in results}
        store.record_failures([
            (f.path, f.reason, f.message, by_path[f.path][2], by_path[f.path][3], model_id)
            for f in fails])
    return written, fails


__all__ = ["BatchResult", "Failure", "Progress", "StoredStatement", "expand_paths",
           "file_digest", "process_chunk", "tag_paths"]
