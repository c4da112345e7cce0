"""Reports inside a .zip, read in place (压缩包): a zip's members are files of the batch.

A department's reports come as one .zip (a site's 打包下载, a colleague's attachment, a
crawler's archive). :func:`expand` lists its members as **member paths**
``<zip path>/<member path>`` (``/data/青禾市.zip/2023/财政局年报.pdf``): a path that is no
file on disk, but the key of a file in the store like any other, so resume, duplicates,
failures, exports and the audit take it as they are. :func:`split_member` splits such a
path back; :func:`member_digest` and :func:`read_member` stream a member out of its zip
(never unpacked to disk), with the reader's size limit on its uncompressed size and a
compression-ratio cap (a zip bomb fails with ``too_large``, it never fills the memory).

Member names: UTF-8 when the zip says so (flag bit 11), else UTF-8 when they decode as
such, else the raw bytes as GB18030 (a zip made on Chinese Windows stores GBK names with no
flag; Python shows them as cp437 mojibake). Directories, a Mac's ``__MACOSX/`` and ``._*``,
``.DS_Store`` and ``Thumbs.db`` are passed over and counted. A zip inside the zip, an
encrypted member, a damaged archive or member are failures with their reason and what to do.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from struct import error as struct_error
from typing import Any

from nlp_reports.errors import (
    BinaryInputError,
    InputTooLargeError,
    ParseError,
    UnsupportedFormatError,
)

log = logging.getLogger("nlp_reports")

#: Members a zip may hold: past it the zip fails as a whole (``too_large``), none read. A
#: department's download holds tens to a few hundred reports.
MAX_MEMBERS = 10_000
#: Uncompressed ÷ compressed size past which a member over :data:`RATIO_FLOOR` bytes fails as
#: a zip bomb (``too_large``). Text reports compress 3–15×; a padded web page rarely 50×.
MAX_RATIO = 200
#: Uncompressed bytes the members to read may declare together: past it the zip fails as a
#: whole (``too_large``), none read. Each member under the size limit and the ratio floor
#: can still add up: 9,999 members of 1 MB each stream 10 GB from a 10 MB zip.
MAX_TOTAL = 2 << 30
#: Below this uncompressed size the ratio is not looked at (a tiny file of spaces is no bomb).
RATIO_FLOOR = 1 << 20
_BLOCK = 1 << 20
#: Names a zip may hold that are no document: a Mac's and Windows' own files.
_MAC_FILES = frozenset((".DS_Store", ".localized"))
_WINDOWS_FILES = frozenset(("thumbs.db", "desktop.ini"))
#: Zip content that makes a file a document, not an archive of files (_sniff_zip's test).
_DOCUMENT_NAMES = ("word/document.xml", "OFD.xml", "[Content_Types].xml", "mimetype")
_NESTED = (".zip",)


class _Problem(ParseError):
    """A member that cannot be read for a reason of its own (``reason`` set per instance)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, reason=reason)


def member_name(info: Any) -> str:
    """The name of a zip member as its maker wrote it (成员文件名): UTF-8 when flag bit 11
    says so, else UTF-8 when the bytes are UTF-8, else GB18030 (Chinese Windows' GBK names),
    else what Python read (cp437). Backslashes (some Windows tools) become ``/``."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:  # (decoded with another metadata encoding)
            raw = None
        if raw is not None:
            for enc in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
    return name.replace("\\", "/").lstrip("/")


def is_zip_archive(path: str) -> bool:
    """Whether the file at ``path`` (on disk) is a zip archive to read in place: named
    ``.zip`` (a damaged one included: :func:`expand` says so), or without a suffix and a zip
    that is no document (.docx, .xlsx, .pptx, .odt, .ofd are zips too: they are read, or
    refused, as the documents they are)."""
    suffix = os.path.splitext(os.path.basename(path))[1].lower()
    if suffix not in ("", ".zip"):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return suffix == ".zip" and bool(head)
    import zipfile

    if (_entries(path) or 0) > MAX_MEMBERS:
        return True  # (an archive; expand() refuses it without listing it)
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return suffix == ".zip"
    return not any(n in _DOCUMENT_NAMES or n.startswith(("xl/", "ppt/")) for n in names)


def expand(zip_path: str, real: str | None = None
           ) -> tuple[list[str], list[tuple[str, str, str]], dict[str, int]]:
    """The member paths of the zip ``zip_path`` to read (``real``: its name on disk, when
    that differs), the failures ``(path, reason, message)`` found from its directory alone
    (a damaged or over-full zip under its own path; a zip inside it, an encrypted member, a
    member over the size limit or :data:`MAX_RATIO` under the member's), and the members
    passed over, counted as a folder walk counts files (by suffix, or as macOS metadata …)."""
    import zipfile

    from nlp_reports.corpus.files import MAC_METADATA, OFFICE_LOCK, WALKED_SUFFIXES, sniff_head
    from nlp_reports.ingest import DEFAULT_MAX_BYTES

    ignored: Counter[str] = Counter()
    declared = _entries(real or zip_path)
    if declared is not None and declared > MAX_MEMBERS:  # (before zipfile lists them all)
        return [], [_too_many(zip_path, declared)], ignored
    try:
        zf = zipfile.ZipFile(real or zip_path)  # (kept open to sniff members without a suffix)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return [], [(zip_path, "binary", f"a damaged zip archive ({exc}): download it again; "
                     "7-Zip or `unzip` may still unpack the members it can, then tag the "
                     "folder")], ignored
    if len(infos) > MAX_MEMBERS:
        zf.close()
        return [], [_too_many(zip_path, len(infos))], ignored
    keys: dict[str, None] = {}
    fails: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    repeated: dict[str, int] = {}  # name → members under it
    total = 0  # uncompressed bytes the members to read declare
    for info in infos:
        if not info.filename:  # (a name of a NUL only: zipfile's is_dir() raises on it)
            ignored["no name"] += 1
            continue
        if info.is_dir():
            continue
        name = member_name(info)
        parts = name.split("/")
        base = parts[-1]
        if not base:
            continue
        if "__MACOSX" in parts[:-1] or base.startswith("._") or base in _MAC_FILES:
            ignored[MAC_METADATA] += 1
            continue
        if base.lower() in _WINDOWS_FILES:
            ignored[base.lower()] += 1
            continue
        if base.startswith(("~$", ".~lock.")):
            ignored[OFFICE_LOCK] += 1
            continue
        suffix = os.path.splitext(base)[1].lower()
        key = f"{zip_path}/{name}"
        if key in seen:  # (one name twice: its path can hold one of them)
            repeated[name] = repeated.get(name, 1) + 1
            continue
        seen.add(key)
        if suffix in _NESTED:
            fails.append((key, "unsupported_format",
                          "a zip archive inside the zip, not read: unpack the outer zip (`unzip -O GBK "
                          "OUTER.zip` keeps the Chinese names of a zip made on Windows; 7-Zip, "
                          "The Unarchiver) and tag the folder: the inner zip is then read in "
                          "place"))
            continue
        if not suffix and not info.flag_bits & 0x1:  # (a crawler's …/content/5102257)
            if not _sniffed(zf, info, sniff_head, DEFAULT_MAX_BYTES):
                ignored[""] += 1
                continue
        elif suffix not in WALKED_SUFFIXES:
            ignored[suffix] += 1
            continue
        if info.flag_bits & 0x1:
            fails.append((key, "unreadable",
                          "encrypted (password-protected) in the zip: unpack it with its "
                          "password (7-Zip, or `unzip FILE.zip`, which asks for it) and tag "
                          "the folder"))
            continue
        try:
            _check_sizes(info.file_size, info.compress_size, DEFAULT_MAX_BYTES)
        except ParseError as exc:
            fails.append((key, exc.reason, Exception.__str__(exc)))
            continue
        keys[key] = None
        total += info.file_size
    zf.close()
    if total > MAX_TOTAL:
        return [], [(zip_path, "too_large",
                     f"the zip's members to read unpack to {total / (1 << 30):.1f} GB, over the "
                     f"limit of {MAX_TOTAL >> 30} GB (a zip bomb?); none read: unpack it and tag "
                     "the folder")], ignored
    if repeated:
        shown = "; ".join(f"{n} ×{k}" for n, k in list(repeated.items())[:3])
        more = f" (+{len(repeated) - 3} more names)" if len(repeated) > 3 else ""
        fails.append((zip_path, "parse_error",
                      f"the zip holds {sum(repeated.values()) - len(repeated)} members under "
                      f"a name another member has too ({shown}{more}; '/', '\\' and a "
                      "leading '/' read alike): the first of each name is read, the others "
                      "not; unpack the zip with 7-Zip choosing 'Auto rename' and tag the "
                      "folder"))
    if not keys and not fails:
        shown = ", ".join(f"{k or 'no suffix'} {n}" for k, n in sorted(ignored.items())) or "nothing"
        fails.append((zip_path, "not_a_report",
                      f"the zip holds no report file ({shown}); a report must be .txt, .html, "
                      ".mht, .docx, .doc, .wps, .pdf or .ofd"))
    return list(keys), fails, ignored


def _entries(path: str) -> int | None:
    """How many members the zip's end record says it holds (None when it cannot be read:
    zipfile then says why). Read before zipfile builds its list of them all: a directory
    claiming millions of members took that list's memory."""
    import zipfile

    try:
        with open(path, "rb") as fh:
            end = zipfile._EndRecData(fh)  # (the standard library's own reader of it)
    except (OSError, ValueError, EOFError, struct_error, AttributeError):
        return None
    return None if not end else int(end[zipfile._ECD_ENTRIES_TOTAL])


def _too_many(zip_path: str, n: int) -> tuple[str, str, str]:
    return (zip_path, "too_large", f"the zip holds {n:,} members, over the limit of "
            f"{MAX_MEMBERS:,} (a zip bomb?); none read: unpack it and tag the folder")


def _sniffed(zf: Any, info: Any, sniff: Callable[[bytes], bool], limit: int) -> bool:
    """Whether a member without a suffix holds a report format (its first bytes, as a
    suffixless file is sniffed); one that cannot be read is taken, to fail with its reason."""
    import zipfile
    import zlib

    from nlp_reports.corpus.files import SNIFF_BYTES
    from nlp_reports.ingest import _OLE

    try:
        _check_sizes(info.file_size, info.compress_size, limit)
        with zf.open(info) as fh:
            head = fh.read(SNIFF_BYTES)
            if head.startswith(_OLE):
                head += fh.read()
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError):
        return True
    return sniff(head)


def _check_sizes(size: int, compressed: int, limit: int) -> None:
    """Raise ``too_large`` for an uncompressed ``size`` over ``limit`` or a zip bomb."""
    if size > limit:
        raise InputTooLargeError(
            f"the member is {size / 2**20:.1f} MB uncompressed, over the "
            f"{limit / 2**20:.0f} MB limit (no report is that large: a padded page, a scan, "
            "or a zip bomb?)")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise InputTooLargeError(
            f"the member unpacks to {size / 2**20:.1f} MB from {compressed:,} bytes (over "
            f"{MAX_RATIO}:1): a zip bomb, not a report; not read")


@lru_cache(maxsize=4096)
def _split(path: str) -> tuple[str, str] | None:
    from nlp_reports.corpus.files import real_path

    at = len(path)
    while (at := path.rfind("/", 0, at)) > 0:
        head = path[:at]
        real = real_path(head)
        if os.path.isfile(real):
            return real, path[at + 1:]
        if os.path.isdir(real):
            return None
    return None


def split_member(path: str) -> tuple[str, str] | None:
    """``(zip file on disk, member name)`` of a member path ``<zip path>/<member path>``, or
    None for a path that is no member (a file, or nothing inside a file)."""
    if os.path.lexists(path) or "/" not in path:
        return None
    return _split(path)


def zip_of(path: str) -> str | None:
    """The zip path (as the store writes it) of a member path, else None."""
    split = split_member(path)
    return None if split is None else path[: len(path) - len(split[1]) - 1]


def exists(path: str) -> bool:
    """Whether ``path`` is a file, or a member of a zip that holds it now."""
    if os.path.exists(path):
        return True
    split = split_member(path)
    if split is None:
        return False
    try:
        return split[1] in _opened(split[0])[1]
    except (ParseError, OSError):
        return False


# per process (a forked worker must not share its parent's open file offsets)
_OPEN: dict[str, tuple[Any, Any, dict[str, Any]]] = {}
_OPEN_PID = [os.getpid()]
_LOCK = threading.Lock()


def _opened(zip_real: str) -> tuple[Any, dict[str, Any]]:
    """The open ZipFile of ``zip_real`` and its members by :func:`member_name`, kept open
    while the file is unchanged (a worker reads many members of one zip)."""
    import zipfile

    if _OPEN_PID[0] != os.getpid():
        _OPEN.clear()  # (the parent's; its descriptors left to it)
        _OPEN_PID[0] = os.getpid()
    st = os.stat(zip_real)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
    held = _OPEN.get(zip_real)
    if held is not None and held[0] == stamp:
        return held[1], held[2]
    if held is not None:
        held[1].close()
    declared = _entries(zip_real)
    if declared is not None and declared > MAX_MEMBERS:
        raise InputTooLargeError(_too_many(zip_real, declared)[2])
    try:
        zf = zipfile.ZipFile(zip_real)
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise BinaryInputError(f"a damaged zip archive ({exc}): download it again") from None
    names: dict[str, Any] = {}
    for i in zf.infolist():
        if i.filename and not i.is_dir():
            names.setdefault(member_name(i), i)  # (the first of a repeated name, as expand)
    if len(_OPEN) >= 4:
        _OPEN.pop(next(iter(_OPEN)))[1].close()
    _OPEN[zip_real] = (stamp, zf, names)
    return zf, names


def _stream(path: str, sink: Callable[[bytes], None], limit: int) -> int:
    """Feed the member ``path``'s bytes to ``sink`` block by block; its size. Stops with
    ``too_large`` past ``limit`` bytes or :data:`MAX_RATIO` (the header's sizes may lie)."""
    import zipfile
    import zlib

    split = split_member(path)
    if split is None:
        raise ParseError("no such file or zip member")
    with _LOCK:
        zf, names = _opened(split[0])
        info = names.get(split[1])
        if info is None:
            raise ParseError("no longer in its zip (the zip changed since it was listed)")
        if info.flag_bits & 0x1:
            raise _Problem("unreadable", "encrypted (password-protected) in the zip: unpack "
                           "it with its password and tag the folder")
        _check_sizes(info.file_size, info.compress_size, limit)
        size = 0
        try:
            with zf.open(info) as fh:
                while block := fh.read(_BLOCK):
                    size += len(block)
                    _check_sizes(size, info.compress_size, limit)
                    sink(block)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise BinaryInputError(f"damaged in the zip ({exc}): download the zip again, "
                                   "or unpack what 7-Zip can and tag the folder") from None
        except NotImplementedError as exc:
            raise UnsupportedFormatError(f"compressed in a way Python cannot read ({exc}): "
                                         "unpack the zip with 7-Zip and tag the folder") from None
        except RuntimeError as exc:  # (zipfile's "password required")
            raise _Problem("unreadable", f"{exc}: unpack the zip with its password and tag "
                           "the folder") from None
    return size


def member_digest(path: str) -> tuple[str, int]:
    """``(sha256 hex, size)`` of the member ``path``'s uncompressed bytes, as
    :func:`~nlp_reports.corpus.files.file_digest` gives a file's; a ParseError (its
    ``reason``) when the member cannot be read."""
    from nlp_reports.ingest import DEFAULT_MAX_BYTES

    h = hashlib.sha256()
    size = _stream(path, h.update, DEFAULT_MAX_BYTES)
    return h.hexdigest(), size


def read_member(path: str) -> bytes:
    """The uncompressed bytes of the member ``path`` (limits as :func:`member_digest`)."""
    from nlp_reports.ingest import DEFAULT_MAX_BYTES

    blocks: list[bytes] = []
    _stream(path, blocks.append, DEFAULT_MAX_BYTES)
    return b"".join(blocks)
