"""One writer at a time on a store (单一写入): the advisory lock a ``tag`` run holds.

Two ``tag`` runs on one ``--db`` (two students sharing a store, a second run started in
another terminal, a cron job overlapping the last) each walked, parsed and tagged every
file and interleaved their writes: the store stayed consistent, but the second run's work
was wasted and nothing said another run was writing. A run now takes an exclusive
``flock`` on ``<db>.lock`` beside the store before anything else, and a second run stops
at once with :class:`~nlp_reports.errors.StoreBusyError`, naming the run that holds it
(pid, host, start, command, read from the lock file). The kernel releases the lock when
its process ends however it ends (``kill -9``, a crash): a lock file left behind blocks
nothing, and the next run takes it. Readers (``summarize``, ``audit``, ``export``,
``Store`` in Python) never look at it: SQLite's WAL lets them read during a run.

Only the process that writes holds the lock (with ``--jobs`` and Dask the parent, the one
writer); forked workers close their inherited copy, so a worker outliving its parent holds
nothing. POSIX only: on Windows (no ``fcntl``) no lock is taken, as before. Where the lock
file cannot be made (a read-only folder: opening the store says why) or the file system
has no locks (``ENOLCK`` on some network mounts), the run goes on without one. A lock file
this user cannot write (another user's run left it, ``kill -9``) still locks, but it names
that ended run: it is removed and made anew, so a second run is told who really writes;
where it cannot be removed either (a sticky or read-only folder) the run goes on with the
lock and a warning.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from nlp_reports.errors import StoreBusyError

try:
    import fcntl
except ImportError:  # Windows: no advisory lock (documented)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("nlp_reports")

#: The lock file is the store's path with this added (``corpus.sqlite.lock``).
LOCK_SUFFIX = ".lock"

#: Descriptors of the locks this process holds, closed in a forked child (the lock belongs
#: to the open file, which a child's inherited copy would keep alive past the parent).
_HELD: set[int] = set()


def _close_in_child() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


@dataclasses.dataclass(frozen=True)
class Holder:
    """The run holding a store's lock, as it wrote itself into the lock file (None: not
    written yet, or the file could not be read)."""

    pid: int | None = None
    host: str | None = None
    started: float | None = None  #: epoch seconds
    command: str | None = None


def lock_path(db: str | os.PathLike[str]) -> Path:
    """The lock file of store ``db``: ``<db>.lock`` beside the store's real file (a store
    reached by a symbolic link or a relative path has the one lock file)."""
    return Path(os.path.realpath(db) + LOCK_SUFFIX)


def _open(path: Path) -> int | None:
    """A descriptor on the lock file (made when absent), None when it cannot be had. Read-only
    when the file is another user's (flock needs no write access): a group's shared store."""
    flags = os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, os.O_RDWR | flags, 0o666)
    except PermissionError:
        with contextlib.suppress(OSError):
            return os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR):  # planted, or left by some other tool
            log.warning("%s is not a lock file (a directory or a symbolic link); tagging "
                        "without a lock: do not start another tag run on this store "
                        "meanwhile, and remove it", path)
        else:  # a read-only folder: writing the store fails anyway, and says so
            log.debug("%s: no lock file (%s); tagging without a lock", path, exc)
    return None


def _read(fd: int) -> Holder:
    try:
        data = json.loads(os.pread(fd, 8192, 0).decode("utf-8", "replace"))
        return Holder(pid=int(data["pid"]), host=str(data.get("host") or "") or None,
                      started=float(data["started"]) if data.get("started") else None,
                      command=str(data.get("command") or "") or None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Holder()


def _command() -> str:
    """This process's command line, shortened (what a user recognizes in the message)."""
    argv = list(sys.argv) or [""]
    name = os.path.basename(argv[0]) or "python"
    if name == "__main__.py":
        name = f"python -m {os.path.basename(os.path.dirname(argv[0]))}"
    elif name in ("-c", "-m"):
        name = f"python {name}"
    line = " ".join([name, *argv[1:]])
    line = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return line if len(line) <= 300 else line[:299] + "…"


def _write(fd: int) -> Holder:
    """This process as the holder, written into the lock file for a second run to name."""
    me = Holder(pid=os.getpid(), host=socket.gethostname(), started=time.time(),
                command=_command())
    with contextlib.suppress(OSError):  # (a read-only descriptor: the lock holds all the same)
        raw = json.dumps(dataclasses.asdict(me), ensure_ascii=False).encode("utf-8", "replace")
        os.ftruncate(fd, 0)
        os.pwrite(fd, raw, 0)
    return me


def _writable(fd: int) -> bool:
    """Whether ``fd`` was opened for writing (:func:`_open` falls back to read-only)."""
    return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY


def _remove(path: Path) -> bool:
    """Remove the lock file ``path`` (this process holds its lock); False when it cannot."""
    try:
        os.unlink(path)
    except OSError as exc:
        log.debug("%s: cannot remove the lock file (%s)", path, exc)
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _busy(db: str | os.PathLike[str], holder: Holder) -> StoreBusyError:
    """The error of a second run: who writes, since when, and what to do (English, 中文)."""
    who, zh = [], []
    if holder.pid is not None:
        who.append(f"pid {holder.pid}" + (f" on host {holder.host}" if holder.host else ""))
        zh.append(f"进程号 {holder.pid}" + (f"，主机 {holder.host}" if holder.host else ""))
    if holder.started:
        when = time.strftime("%Y-%m-%d %H:%M:%S %z", time.localtime(holder.started))
        minutes = int((time.time() - holder.started) // 60)
        who.append(f"started {when}" + (f", {minutes} min ago" if minutes > 0 else ""))
        zh.append(f"开始于 {when}" + (f"，已运行 {minutes} 分钟" if minutes > 0 else ""))
    if holder.command:
        who.append(f"command: {holder.command}")
        zh.append(f"命令：{holder.command}")
    about = f" ({'; '.join(who)})" if who else ""
    about_zh = f"（{'；'.join(zh)}）" if zh else ""
    return StoreBusyError(
        f"{db}: another tag run is writing this store{about}. This run read and wrote "
        "nothing: wait for that one to end and run this command again (what it stored is "
        "skipped), or use another --db. Reading the store (summarize, audit, export) works "
        f"meanwhile. / 另一个 tag 任务正在写入此数据库{about_zh}。本次未读取、未写入任何内容：请等它结束后"
        "再运行本命令（已入库的报告会跳过），或换用另一个 --db。其间可以照常用 summarize、audit、export 读取。",
        holder=holder)


@contextlib.contextmanager
def writer_lock(db: str | os.PathLike[str]) -> Iterator[Holder | None]:
    """Hold the store ``db``'s writer lock within (the :class:`Holder` this process wrote;
    None when no lock could be taken: Windows, a read-only folder, a file system without
    locks). Raises :class:`~nlp_reports.errors.StoreBusyError` at once when another
    process holds it. On leaving, the lock file is removed and the lock released."""
    if fcntl is None or str(db) in ("", ":memory:"):
        yield None
        return
    path = lock_path(db)
    replaced = False
    while True:
        fd = _open(path)
        if fd is None:
            yield None
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                holder = _read(fd)
                os.close(fd)
                raise _busy(db, holder) from None
            os.close(fd)
            log.warning("%s: the file system gives no lock (%s); tagging without one: do "
                        "not start another tag run on this store meanwhile", path, exc)
            yield None
            return
        if not _same_file(fd, path):
            os.close(fd)  # the run before removed the file as it ended: lock the new one
            continue
        if replaced or _writable(fd) or not _remove(path):
            break
        # another user's lock file, left by a run that ended (kill -9): it names that run,
        # and this one could not write its own name over it; removed, a new one is ours
        replaced = True
        os.close(fd)
    if not _writable(fd):
        log.warning("%s: the lock file is not writable (another user's) and cannot be "
                    "replaced: a second run will not be told which run holds it", path)
    _HELD.add(fd)
    try:
        yield _write(fd)
    finally:
        with contextlib.suppress(OSError):
            if _same_file(fd, path):
                os.unlink(path)  # (while still locked: a run waiting on it opens a new one)
        _HELD.discard(fd)
        os.close(fd)  # releases the lock


__all__ = ["LOCK_SUFFIX", "Holder", "lock_path", "writer_lock"]
