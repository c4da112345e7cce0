"""Regex compiles served from an on-disk cache of their compiled form (data only).

Compiling the parser's, ingest's and the tokenizer's ~300 fixed patterns costs 0.2–0.3 s in
every process, most of it ``re``'s charset optimiser walking each CJK range
(``[\u4e00-\u9fff]`` is 21k characters) in Python. What a compile produces is plain data —
the SRE code (a list of ints), the flags and the group names — so it is kept in one JSON
file per Python build in the user cache directory the tokenizer uses (``$NLP_REPORTS_CACHE``,
else ``$XDG_CACHE_HOME/nlp_reports``, else ``~/.cache/nlp_reports``), guarded by a SHA-256
of its body, and turned back into a pattern by ``_sre.compile``, which validates the code.

An entry is only ever written from a fresh compile that ``re.compile``'s own result equals
(``Pattern.__eq__`` compares pattern, flags and code), so a hit yields the same pattern
``re.compile`` would. Anything unexpected — no or unreadable file, a bad checksum, another
Python or ``re`` version, an entry ``_sre`` rejects, a bytes pattern — falls back to
``re.compile``; new entries are written back (atomically) when the process exits. Only the
fixed patterns of the package go through here, never one built from input.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
from array import array
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import _sre
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

log = logging.getLogger("nlp_reports")

__all__ = ["compile"]

_LOCK = threading.Lock()
_ENTRIES: dict[str, list[Any]] | None = None
_DIRTY = False
#: keys this process compiled: what is kept when the file outgrows ``_MAX_ENTRIES`` (patterns
#: edited away over versions would otherwise pile up)
_USED: set[str] = set()
_MAX_ENTRIES = 2000
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)
#: the cache file's name: one per Python build, ``re`` engine and byte order
_TAG = hashlib.sha256(
    repr((sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode,
          sys.byteorder, 1)).encode()).hexdigest()[:16]


def _cache_file() -> Path:
    """``regex-<build>.json`` in the tokenizer's cache directory (same rule as
    ``tokenize.cache_dir``, repeated here so this module needs the standard library only)."""
    env = os.environ.get("NLP_REPORTS_CACHE")
    if env:
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) / "nlp_reports" if xdg else Path.home() / ".cache" / "nlp_reports"
    return base / f"regex-{_TAG}.json"


def _read() -> dict[str, list[Any]]:
    """The cached entries; empty when the file is missing, unreadable or corrupt."""
    try:
        raw = _cache_file().read_bytes()
        digest, _, body = raw.partition(b"\n")
        if hashlib.sha256(body).hexdigest().encode() != digest:
            log.debug("regex cache: checksum mismatch, ignored")
            return {}
        entries = json.loads(body)
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError, UnicodeDecodeError):
        return {}


def _entries() -> dict[str, list[Any]]:
    global _ENTRIES
    if _ENTRIES is None:
        with _LOCK:
            if _ENTRIES is None:
                _ENTRIES = _read()
    return _ENTRIES


def _save() -> None:
    """Write the entries back (at exit, only when a compile added one); errors are ignored."""
    if not _DIRTY or _ENTRIES is None:
        return
    path = _cache_file()
    entries = _ENTRIES
    if len(entries) > _MAX_ENTRIES:
        entries = {key: entries[key] for key in _USED if key in entries}
    try:
        body = json.dumps(entries, sort_keys=True, separators=(",", ":")).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log.debug("regex cache not written (%s)", exc)


def _build(pattern: str, flags: int, entry: list[Any]) -> re.Pattern[str]:
    """The pattern from a cache entry ``[flags, groups, groupindex, indexgroup, code]``."""
    code = array(_CODE_TYPE, base64.b64decode(entry[4], validate=True)).tolist()  # type: ignore[arg-type]
    return _sre.compile(pattern, entry[0], code, entry[1], entry[2], tuple(entry[3]))


def _entry_of(pattern: str, flags: int) -> list[Any]:
    """A fresh compile's data, the way ``re``'s own compiler hands it to ``_sre.compile``."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    packed = base64.b64encode(array(_CODE_TYPE, code).tobytes()).decode()  # type: ignore[arg-type]
    return [flags | parsed.state.flags, parsed.state.groups - 1, groupindex, indexgroup, packed]


def compile(pattern: Any, flags: int = 0) -> re.Pattern[Any]:  # noqa: A001 - mirrors re.compile
    """``re.compile(pattern, flags)``, from the on-disk cache when it holds this pattern."""
    global _DIRTY
    flags = int(flags)
    if not isinstance(pattern, str) or _CODE_TYPE is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = f"{flags}:{pattern}"
    _USED.add(key)
    entries = _entries()
    entry = entries.get(key)
    if entry is not None:
        try:
            return _build(pattern, flags, entry)
        except Exception:  # noqa: BLE001 - a bad entry is dropped and rebuilt
            log.debug("regex cache: bad entry for %r, rebuilt", pattern[:40])
    compiled = re.compile(pattern, flags)
    try:
        entry = _entry_of(pattern, flags)
        if _build(pattern, flags, entry) != compiled:
            return compiled
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return compiled
    with _LOCK:
        entries[key] = entry
        _DIRTY = True
    return compiled


atexit.register(_save)
