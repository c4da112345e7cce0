"""A part of the summary computed aside, in a forked process, while the rest goes on (并行).

Why: ``summarize`` over 20,000 stored reports spent ~5 s on one core in a flat profile of
numpy and pandas phases while the second core idled. Once the near-duplicate index is
built, the year-over-year tables need nothing the other tables compute, and nothing
computed after them reads what they compute; on Linux with a second CPU they are computed
in a process forked there (it shares the loaded frames copy-on-write) while this one
computes the boilerplate, template families and the rest. The result comes back pickled
through an anonymous file in memory, the child's log records are logged here, in the
place the serial run logs them. The same function on the same data, so the same tables.

Run in turn, here, instead: where fork is not available or only one CPU is, when no CPU
is idle (no gain: the pages copied on write after the fork cost CPU), for a small corpus
(the fork costs more than it saves), and whenever the forked process fails in any way or
warns (the call here then raises or warns as the serial run would).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import pickle
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

from nlp_reports.corpus.forked import LogRecords, die_with_parent, without_fork_warning

log = logging.getLogger("nlp_reports")

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def can_fork() -> bool:
    """True where a part can run aside: Linux with two CPUs or more, in a process with no
    other Python thread. Why the last: a lock another thread holds at the fork (a notebook
    kernel's, a Dask client's) stays held in the forked process, which could then wait
    forever, and this one with it; the summary is then computed in turn."""
    if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
        return False
    return _only_thread() and _cpus() >= 2


def _only_thread() -> bool:
    """True when this process runs no other Python thread."""
    return threading.active_count() == 1


def _cpus() -> int:
    """The CPUs this process may use: those it may run on, fewer when a container's CPU
    quota (cgroup) allows less — a container limited to one CPU on a many-core host would
    otherwise fork for no gain."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    quota = _cgroup_quota()
    return max(1, min(n, math.ceil(quota))) if quota else n


#: Where the kernel says a cgroup's CPU quota: v2 "<quota|max> <period>"; v1 two files.
_CPU_MAX = "/sys/fs/cgroup/cpu.max"
_CFS = ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def _cgroup_quota() -> float | None:
    """CPUs' worth of time the cgroup's quota allows (1.5 for 150 ms per 100 ms), or None
    when there is no quota or it cannot be read."""
    try:
        with open(_CPU_MAX, encoding="ascii") as f:
            quota, period = f.read().split()[:2]
    except (OSError, ValueError):
        try:
            with open(_CFS[0], encoding="ascii") as f, open(_CFS[1], encoding="ascii") as g:
                quota, period = f.read().strip(), g.read().strip()
        except (OSError, ValueError):
            return None
    try:
        q, t = int(quota), int(period)
    except ValueError:  # ("max": no quota)
        return None
    return q / t if q > 0 and t > 0 else None


#: How often :func:`idle_cpu` reads the running tasks, and how long it waits between reads.
IDLE_READS, IDLE_GAP = 9, 0.001


def idle_cpu() -> bool:
    """True when a CPU is idle now: fewer tasks running (this one included, the kernel's
    count in /proc/loadavg) than CPUs, in most of :data:`IDLE_READS` reads a millisecond
    apart (~5 ms when idle). Why: the forked process gains only on a CPU nobody else uses;
    on a busy machine the pages both processes copy on write after the fork (~100,000 page
    faults on 20,000 reports, ~0.6 s of CPU) are a loss. Why several reads: one read
    caught a passing task (a kernel thread, a shell) in 5 % of reads on an idle machine,
    and the summary then ran ~1 s slower on one core. True when the count cannot be
    read."""
    cpus = _cpus()
    idle = busy = 0
    while True:
        try:
            with open("/proc/loadavg", encoding="ascii") as f:
                running = int(f.read().split()[3].split("/")[0])
        except (OSError, ValueError, IndexError):
            return True
        if running < cpus:
            idle += 1
        else:
            busy += 1
        if 2 * idle > IDLE_READS:
            return True
        if 2 * busy > IDLE_READS:
            return False
        time.sleep(IDLE_GAP)


class Aside:
    """``fn(*args)`` computed in a forked process (:func:`start`), or here when
    :meth:`result` is called if it could not be. ``fn`` must not change its arguments
    (changes made in the forked process are not seen here)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], fork: bool) -> None:
        self._fn = fn
        self._args = args
        self._pid = 0
        self._file: Any = None
        self.forked = False  #: True once the forked process is started
        if fork:
            self._fork()

    def _fork(self) -> None:
        try:
            self._file = _scratch_file()
        except OSError:
            log.debug("aside: no scratch file, computed in turn", exc_info=True)
            return
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        # signals held across the fork: a Ctrl-C is the parent's (delivered once unblocked),
        # and the child starts with none pending and ignores it
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        parent = os.getpid()
        try:
            with without_fork_warning():
                pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
            log.debug("aside: cannot fork, computed in turn", exc_info=True)
            self._file.close()
            self._file = None
            return
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_SETMASK, old)
                code = self._child(parent)
            finally:
                os._exit(code)  # never back into the caller's code
        self._pid = pid
        self.forked = True
        signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def _child(self, parent: int) -> int:
        """The forked process: compute, write (result, log records) to the file; 0 if done."""
        captured = LogRecords()
        log.handlers[:] = [captured]
        log.propagate = False
        # a parent killed outright (no ``finally`` runs) would leave it computing, a copy of
        # the frames held, for nobody: the kernel ends it with its parent
        die_with_parent(parent)
        with warnings.catch_warnings(record=True) as warned:
            result = self._fn(*self._args)
        if warned:  # the parent computes it again, and warns as the serial run does
            return 1
        # written as it is pickled (no second copy of it in memory)
        with open(os.dup(self._file.fileno()), "wb", buffering=1 << 20) as out:
            pickle.dump((result, captured.records), out, pickle.HIGHEST_PROTOCOL)
        return 0

    def result(self) -> Any:
        """What ``fn(*args)`` returns: the forked process's result, or computed now."""
        got = self._take() if self._pid else None
        if got is None:
            return self._fn(*self._args)
        value, records = got
        for record in records:
            logging.getLogger(record.name).handle(record)
        return value

    def _take(self) -> tuple[Any, list[logging.LogRecord]] | None:
        """Wait for the forked process; its (result, records), or None if it failed."""
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            status = -1
        self._pid = 0
        try:
            if status != 0:
                log.debug("aside: the forked process ended with status %s; computed in turn",
                          status)
                return None
            fd = self._file.fileno()
            size = os.fstat(fd).st_size
            if not size:
                return None
            import mmap

            with mmap.mmap(fd, size, access=mmap.ACCESS_READ) as data:  # (read in place)
                return pickle.loads(data)
        except Exception:
            log.debug("aside: unreadable result, computed in turn", exc_info=True)
            return None
        finally:
            self.close()

    def close(self) -> None:
        """End the forked process if it still runs (an error or a Ctrl-C meanwhile) and
        drop the file; idempotent."""
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        if self._file is not None:
            self._file.close()
            self._file = None


def start(fn: Callable[..., Any], *args: Any, worth_it: bool = True) -> Aside:
    """``fn(*args)`` started aside (:class:`Aside`) when ``worth_it``, :func:`can_fork`
    and a CPU is idle (:func:`idle_cpu`); else computed when its result is asked for."""
    return Aside(fn, args, fork=worth_it and can_fork() and idle_cpu())


def _scratch_file() -> Any:
    """An anonymous file in memory (Linux ``memfd``; a temporary file elsewhere)."""
    try:
        fd = os.memfd_create("nlp-reports-aside", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        import tempfile

        return tempfile.TemporaryFile()
    return open(fd, "r+b", buffering=0)
