"""The watchdog of ``tag --jobs N`` (超时看门狗): a worker stuck on one file is ended from outside.

``--timeout`` is a SIGALRM in the worker (``worker._load_with_timeout``), and Python runs a
signal handler only between bytecodes: a parse stuck inside one C call (libxml2 on a
pathological page, zlib, a C regular expression engine) never sees it, and its worker held
the run for ever. Each forked worker therefore notes on a :class:`Board` — memory shared
with the batch's process — which file it parses and since when; the batch's process,
waiting for a result (``pool._result``), looks at the board and kills a worker that has
been on one file for longer than :func:`limit`; the file is recorded as failed with reason
``timeout`` and the run goes on in a new pool. A slot is a few bytes written twice a file.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import struct
import time
from dataclasses import dataclass, field

#: A slot: a sequence number (odd while being written), the worker's pid, when its parse
#: started (``time.monotonic()``, the same clock in every process; 0.0: not parsing) and
#: the SHA-1 of the file's path.
_SLOT = struct.Struct("<qqd20s4x")
_SEQ = struct.Struct("<q")  # (a slot's first field alone)


def limit(timeout: float) -> float:
    """Seconds a worker may spend on one file before it is killed: ``timeout`` plus a
    margin (a fifth of it, at least 2 s) in which the alarm, if it can fire, has fired."""
    return timeout + max(2.0, timeout / 5)


def path_key(path: str) -> bytes:
    """The 20 bytes a slot names a file by (any path fits; surrogates of undecodable names kept)."""
    return hashlib.sha1(path.encode("utf-8", "surrogatepass")).digest()  # noqa: S324 - a key


class Board:
    """Slots in memory shared by a pool's forked workers and the batch's process (工作看板).

    Made before the workers are forked (an anonymous shared mapping: no file, no name, gone
    with the last process holding it); each worker takes a slot (:meth:`take`, under a
    lock) and writes it from its own process only: a slot has one writer. The reader
    checks the sequence number on both sides of its read, so a half-written slot is never
    taken for an old parse."""

    def __init__(self, slots: int, lock: object) -> None:
        self.slots = slots
        self._map = mmap.mmap(-1, _SLOT.size * slots)
        self._lock = lock
        self._mine: int | None = None
        self._seq = 0

    def take(self) -> None:
        """In a worker: take the first free slot (its pid there, once per worker)."""
        with self._lock:  # type: ignore[attr-defined]
            for i in range(self.slots):
                if _SLOT.unpack_from(self._map, i * _SLOT.size)[1] == 0:
                    self._mine = i
                    self._write(0.0, bytes(20))
                    return

    def begin(self, path: str) -> None:
        """In a worker: it starts parsing ``path`` now."""
        if self._mine is not None:
            self._write(time.monotonic(), path_key(path))

    def end(self) -> None:
        """In a worker: its parse is over (done, failed or timed out by the alarm)."""
        if self._mine is not None:
            self._write(0.0, bytes(20))

    def _write(self, started: float, key: bytes) -> None:
        at = self._mine * _SLOT.size  # type: ignore[operator]
        self._seq += 1  # odd: being written
        _SEQ.pack_into(self._map, at, self._seq)
        _SLOT.pack_into(self._map, at, self._seq, os.getpid(), started, key)
        self._seq += 1
        _SEQ.pack_into(self._map, at, self._seq)

    def overdue(self, seconds: float) -> list[tuple[int, bytes]]:
        """In the batch's process: ``(pid, path key)`` of each worker on one file for
        longer than ``seconds``."""
        now = time.monotonic()
        out = []
        for i in range(self.slots):
            at = i * _SLOT.size
            seq, pid, started, key = _SLOT.unpack_from(self._map, at)
            if pid == 0 or started == 0.0 or seq % 2 or now - started <= seconds:
                continue
            if _SEQ.unpack_from(self._map, at)[0] == seq:  # not rewritten meanwhile
                out.append((pid, key))
        return out

    def close(self) -> None:
        self._map.close()


@dataclass
class Overdue:
    """A run's watchdog state in the batch's process: the limit, and the files whose worker
    was killed for it (path key → message), the pools it broke (by id)."""

    timeout: float
    killed: dict[bytes, str] = field(default_factory=dict)
    broke: set[int] = field(default_factory=set)

    @property
    def seconds(self) -> float:
        return limit(self.timeout)

    def message(self) -> str:
        from nlp_reports.corpus.worker import _over_time

        return (f"{_over_time(self.timeout)}; the parse did not return after "
                f"{self.seconds:g} s (stuck in native code, beyond the alarm's reach): "
                "its worker was stopped and replaced")

    def timed_out(self, item: tuple[str, str, int]) -> tuple[object, ...] | None:
        """The failed row of ``item`` (``(path, sha, size)``) if its worker was killed."""
        message = self.killed.get(path_key(item[0]))
        if message is None:
            return None
        return ("failed", item[0], item[1], item[2], "timeout", message)
