"""The head start of ``tag --jobs N`` (先行解析): the first files parsed while the model loads.

On Linux a process forked before the batch's process loads the model parses the first
:data:`HEAD_START_FILES` files meanwhile and hands the parsed reports over through a file
(:class:`_HeadStart`); the batch's process tags them itself while the workers run the
chunks after them (``pool._run_forked_pools``). Its log records are kept and logged only for
the files the run takes (:class:`_CapturedLog`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import struct
import sys
import time
from collections.abc import Sequence
from typing import Any

from nlp_reports.corpus.files import _digest, _suffix, text_path
from nlp_reports.corpus.forked import LogRecords, die_with_parent
from nlp_reports.corpus.pool import _forking_quietly
from nlp_reports.corpus.store import prepare_report
from nlp_reports.corpus.worker import TaggerSpec, _loader_of, _parse_item, _tag_parsed
from nlp_reports.errors import ParseError
from nlp_reports.report import Report

log = logging.getLogger("nlp_reports")


#: Files a head start parses at most (:class:`_HeadStart`): it parses ~200 while a quiet
#: 2-core machine loads the model; the cap bounds what it hands over (~23 KB a report).
HEAD_START_FILES = 512
#: A head start's record: the lengths of its key and outcome (each pickled), then both.
_RECORD = struct.Struct("<II")


class _CapturedLog(LogRecords):
    """The head start's log records, held for the parent (picklable: message formatted),
    taken file by file."""

    def take(self) -> list[logging.LogRecord]:
        out, self.records = self.records, []
        return out


def _head_start_main(files: Sequence[str], loader: Any, timeout: float | None, limit: int,
                     parent: int, fd: int) -> None:
    """The head start's process: parse the first of ``files`` (the walk's, in its order)
    until killed (or ``limit``), appending a record per file to the file ``fd`` (written
    whole, so the parent can take every complete one at any moment)."""
    import pickle

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (the command line's ends the batch only)
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
    (``pool._run_forked_pools``), with the results a worker would give. It writes nothing
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
        pid = 0
        try:
            for stream in (sys.stdout, sys.stderr):  # (else the child's exit may flush them)
                with contextlib.suppress(Exception):
                    stream.flush()
            with _forking_quietly():  # (a Ctrl-C meanwhile is raised as the block is left)
                pid = os.fork()
        except BaseException:
            if pid > 0:  # forked, then interrupted: the head start ends with the run
                child = _Child(pid)
                child.kill()
                child.join(5)
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
