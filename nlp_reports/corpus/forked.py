"""What a process forked by the package needs (子进程): to die with its parent, and to keep its
log records for the parent to log. Shared by the tag workers and head start (``pool``,
``head_start``) and the summary's part computed aside (``aside``); standard library only,
so tagging and summarizing each load it without the other's modules."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import warnings
from collections.abc import Iterator

log = logging.getLogger("nlp_reports")


#: ``prctl`` option: the signal a process gets when its parent dies (Linux, <sys/prctl.h>).
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this forked process when its parent dies (a tag worker, the head start, a
    summary part computed aside).

    Why: after a ``kill -9`` of the parent (no cleanup runs) its children go on for nobody —
    tag workers waiting forever on the call queue with the store's files open, a summary
    part computing with its copy of the frames. On Linux, ``prctl(PR_SET_PDEATHSIG,
    SIGKILL)`` has the kernel kill this process when its parent goes. The parent may have
    died between the fork and this call (the signal is then never sent): if this process's
    parent is no longer ``parent``, it ends at once.
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


class LogRecords(logging.Handler):
    """A forked process's log records, kept to be handed to its parent (picklable: the
    message formatted, an exception as its text)."""

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


@contextlib.contextmanager
def without_fork_warning() -> Iterator[None]:
    """Without Python 3.12's warning that forking a process with threads may deadlock: the
    threads at our forks are numpy's and an executor's, and the forked processes only run
    the package's own work (tests turn warnings into errors)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*use of fork\(\) may lead to deadlocks",
                                category=DeprecationWarning)
        yield
