"""The compiled code of the regular expressions modules make on import, kept between runs (正则编译缓存).

Why: importing the parser compiles ~380 patterns with ``re``'s compiler, which is written in
Python: ~0.08 s of CPU at every start of ``parse``, ``tag`` or ``classify``, a third of
``tag``'s start-up, and in ``tag --jobs N`` it runs on one core before any other process
has work. ``re`` compiles in two steps: ``re._parser`` and ``re._compiler`` (Python) turn
the pattern into a list of integers, its code, and ``_sre.compile`` (C) makes the pattern
object of that code, checking it. Within :func:`cached`, the code of each pattern compiled
while a module is imported (by its body or this package's functions) is kept in a file of
the cache directory (``$NLP_REPORTS_CACHE``, else ``$XDG_CACHE_HOME/nlp_reports``, else
``~/.cache/nlp_reports``; ``regex-<interpreter>.marshal``), and a later process gives it to
``_sre.compile`` directly, skipping the first step: the parser imports in ~0.01 s.

What makes it safe: an entry is stored only when the pattern object rebuilt from it equals
(pattern, flags and code) the one ``re`` compiled; the file is keyed by the interpreter's
version and ``_sre``'s, and checksummed: a file of another Python, or a damaged one, is
ignored and rewritten; deleting it is always safe. The file is data, never code
(``_sre.compile`` checks the code it is given); like the model's data copy, whoever can
write to the cache directory could change what a pattern matches. Patterns made at run
time (from a report's text) are never stored. An interpreter without these internals (not
CPython 3.10–3.13) compiles as always.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import sys
import threading
from collections.abc import Iterator
from typing import Any

log = logging.getLogger("nlp_reports")

#: Format of the file; bump when what an entry holds changes.
FORMAT = 1
#: Entries a file holds at most: past it, the newest are kept.
MAX_ENTRIES = 4000
#: Size of a file read at most (a full one is ~5 MB): a larger file is someone else's, and
#: reading 2 GB to find that out would make a slow start.
MAX_BYTES = 64 * 1024 * 1024

_lock = threading.Lock()
_depth = 0  # nesting of :func:`cached` (the hook is installed once)
_hook: Any = None  # the installed :class:`_Hook`


def _internals() -> tuple[Any, Any, Any, str] | None:
    """``(compiler module, parser module, _sre, array typecode of a code word)``, or None
    where this interpreter's ``re`` is not built as expected."""
    try:
        import _sre
        import array
    except ImportError:
        return None
    compiler = getattr(re, "_compiler", None) or sys.modules.get("sre_compile")
    parser = getattr(compiler, "_parser", None) or getattr(compiler, "sre_parse", None)
    if (sys.implementation.name != "cpython" or compiler is None or parser is None
            or not callable(getattr(compiler, "compile", None))
            or not callable(getattr(compiler, "_code", None))
            or not callable(getattr(parser, "parse", None))):
        return None
    size = getattr(_sre, "CODESIZE", None)
    typecode = next((t for t in "IL" if array.array(t).itemsize == size), None)
    if typecode is None:
        return None
    return compiler, parser, _sre, typecode


def _version() -> tuple[Any, ...]:
    import _sre

    return (FORMAT, sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None))


def cache_base() -> str | None:
    """The project's cache directory (the regex cache, jieba's dictionary, the model's data
    copy: :func:`nlp_reports.tokenize.cache_dir`, resolved here without tokenize's
    imports): ``NLP_REPORTS_CACHE``, else ``$XDG_CACHE_HOME/nlp_reports``, else
    ``~/.cache/nlp_reports``; None with no home directory to put it in (HOME unset and no
    passwd entry, or a relative HOME): not ``./~`` in the working folder."""
    env = os.environ.get("NLP_REPORTS_CACHE")
    if env:
        return env
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return os.path.join(xdg, "nlp_reports")
    from pathlib import Path

    try:
        home = Path.home()
    except RuntimeError:  # (expanduser('~') stayed '~')
        return None
    return str(home / ".cache" / "nlp_reports") if home.is_absolute() else None


def cache_path() -> str | None:
    """The file of this interpreter (in :func:`cache_base`); None with no home directory."""
    base = cache_base()
    if base is None:
        return None
    return os.path.join(base, f"regex-{sys.implementation.cache_tag}.marshal")


def _load(path: str) -> dict[Any, Any]:
    """The entries of the file at ``path``; none if it is missing, of another interpreter
    or damaged."""
    import marshal
    import zlib

    try:  # (non-blocking: a FIFO there would wait for a writer for ever; binary on Windows)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        try:  # (checked on the bare descriptor: open() of a directory's fails, leaving it open)
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
                # a directory, /dev/zero (read for ever), a FIFO, 2 GB: ignored, replaced
                log.debug("regex cache %s: not a file of at most %d bytes: ignored", path,
                          MAX_BYTES)
                return {}
            with open(fd, "rb", closefd=False) as fh:
                version, crc, payload = marshal.loads(fh.read(MAX_BYTES))
        finally:
            os.close(fd)
        if version != _version() or zlib.crc32(payload) != crc:
            log.debug("regex cache %s: another interpreter's, or damaged: ignored", path)
            return {}
        entries = marshal.loads(payload)
        return entries if isinstance(entries, dict) else {}
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, ValueError, TypeError):
        log.debug("regex cache %s unreadable: ignored", path, exc_info=True)
        return {}


def _save(path: str, entries: dict[Any, Any]) -> None:
    """Write ``entries`` to ``path`` whole (a temporary file renamed over it: a reader sees
    the old file or the new one); a failure (no room, a read-only home) is logged only."""
    import marshal
    import tempfile
    import zlib

    payload = marshal.dumps(entries)
    data = marshal.dumps((_version(), zlib.crc32(payload), payload))
    tmp = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".regex-", dir=os.path.dirname(path))
        with open(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        log.debug("regex cache %s not written", path, exc_info=True)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _importing() -> bool:
    """True for a module's constant: the pattern is compiled while a module is imported, by
    that module's body or by a function of this package. Not when a function compiles one at
    run time (from a report's text, say), nor when an import runs another library's function
    that builds its pattern afresh: the standard library's ``tokenize`` (numpy's import
    calls it) joins a set of prefixes, so its pattern differs with each process's hash seed
    and would add an entry, and rewrite the file, at every run."""
    f = sys._getframe(2)
    while f is not None and f.f_globals.get("__name__") in ("re", "sre_compile"):
        f = f.f_back  # re's own frames: the first other one compiled the pattern
    if f is None or not (f.f_code.co_name == "<module>"
                         or str(f.f_globals.get("__name__")).startswith("nlp_reports.")):
        return False
    while f is not None:
        if f.f_code.co_filename.startswith("<frozen importlib._bootstrap"):
            return True
        f = f.f_back
    return False


class _Hook:
    """``re``'s compile function while :func:`cached` is in force: the entries of one file
    (read at the first pattern: ``--help`` compiles none) and those added to it."""

    def __init__(self, path: str, original: Any, parser: Any, compiler: Any, sre: Any,
                 typecode: str) -> None:
        self.path, self.original = path, original
        self._parser, self._compiler, self._sre, self._typecode = parser, compiler, sre, typecode
        self._entries: dict[Any, Any] | None = None
        self._writable: bool | None = None
        self.added = 0

    @property
    def entries(self) -> dict[Any, Any]:
        if self._entries is None:
            self._entries = _load(self.path)
        return self._entries

    def writable(self) -> bool:
        """Whether the file can be written (asked once, at the first pattern to store): in a
        read-only cache directory, storing would compile each pattern twice at every run."""
        if self._writable is None:
            directory = os.path.dirname(self.path)
            try:
                os.makedirs(directory, exist_ok=True)
                self._writable = os.access(directory, os.W_OK)
            except OSError:
                self._writable = False
        return self._writable

    def __call__(self, p: Any, flags: int = 0) -> Any:
        import array

        if not isinstance(p, (str, bytes)):
            return self.original(p, flags)
        key = (p, int(flags))
        entries = self.entries
        hit = entries.get(key)
        if hit is not None:
            try:
                fl, code, groups, groupindex, indexgroup = hit
                return self._sre.compile(p, fl, array.array(self._typecode, code).tolist(),
                                         groups, groupindex, indexgroup)
            except Exception:  # a damaged entry: compiled as always, stored again
                log.debug("regex cache: entry of %r unusable", p, exc_info=True)
                entries.pop(key, None)
        compiled = self.original(p, flags)
        if not _importing() or not self.writable():
            return compiled
        try:  # the code re's compiler makes (its own steps), kept if it rebuilds the same
            tree = self._parser.parse(p, flags)
            code = array.array(self._typecode, self._compiler._code(tree, flags))
            groupindex = dict(tree.state.groupdict)
            indexgroup = [None] * tree.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            entry = (int(flags | tree.state.flags), code.tobytes(), tree.state.groups - 1,
                     groupindex, tuple(indexgroup))
            rebuilt = self._sre.compile(p, entry[0], code.tolist(), *entry[2:])
            if (rebuilt == compiled and rebuilt.groups == compiled.groups
                    and rebuilt.groupindex == compiled.groupindex):  # (== omits the groups)
                entries[key] = entry
                self.added += 1
        except Exception:  # internals not as expected: this pattern is not stored
            log.debug("regex cache: %r not stored", p, exc_info=True)
        return compiled

    def save(self) -> None:
        """Write the file if patterns were added to it (past :data:`MAX_ENTRIES`, the
        newest)."""
        if self.added and self._entries is not None:
            entries = self._entries
            if len(entries) > MAX_ENTRIES:
                entries = dict(list(entries.items())[-MAX_ENTRIES:])
            _save(self.path, entries)


@contextlib.contextmanager
def cached(path: str | None = None) -> Iterator[None]:
    """Within: patterns compiled by an import are taken from the file at ``path`` (None:
    :func:`cache_path`), and those not in it yet are added to it on the way out.
    Re-entrant; threads that compile meanwhile get the same pattern objects as without."""
    global _depth, _hook
    parts = _internals()
    if parts is None:
        yield
        return
    compiler, parser, sre, typecode = parts
    path = path or cache_path()
    if path is None:
        yield
        return
    with _lock:
        _depth += 1
        if _depth == 1:
            _hook = _Hook(path, compiler.compile, parser, compiler, sre,
                          typecode)
            compiler.compile = _hook
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _hook is not None:
                if compiler.compile is _hook:  # (unless someone replaced it meanwhile)
                    compiler.compile = _hook.original
                _hook.save()
                _hook = None
