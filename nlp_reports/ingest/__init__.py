"""The ingest layer: report files or bytes → clean text (文本读取与规范化).

:func:`read_document` reads .txt (UTF-8, GB18030/GBK, UTF-16, Big5 — detected), .html,
.mht/.mhtml web archives, .docx, Word 97–2003 .doc (and WPS .wps in that format), .pdf and
OFD (国家版式文档, read with the standard library) and
returns a :class:`Document` whose ``text`` is
normalized by :func:`normalize_text`; tables arrive as lines of TAB-separated cells with
merged cells expanded. Traditional-character reports are detected and get a simplified twin.

>>> doc = read_document("一、总体情况\\n本机关共收到申请３件（含网上申请）。")
>>> doc.text.splitlines()[1]
'本机关共收到申请3件(含网上申请)。'
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_reports.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    ParseError,
    UnsupportedFormatError,
)
from nlp_reports.ingest.markdown import has_markup, markdown_to_text
from nlp_reports.ingest.mhtml import is_mhtml  # (a few regexes; the email package is lazy)
from nlp_reports.ingest.normalize import (
    _normalize,
    detect_traditional,
    drop_running_heads,
    normalize_text,
    to_simplified,
)

if TYPE_CHECKING:
    from nlp_reports.ingest.html import HtmlText

log = logging.getLogger("nlp_reports")

__all__ = ["REPORT_SUFFIXES", "Document", "read_document", "normalize_text", "sniff_format"]

DEFAULT_MAX_BYTES = 50 * 2**20


@dataclass(frozen=True)
class Document:
    """A report's clean text (正文) and how it was read.

    ``text`` keeps the report's own characters and line structure; ``simplified`` is
    ``text`` converted traditional→simplified (equal to ``text`` when not traditional, and
    of the same length whenever the conversion is 1:1, which is almost always).
    """

    text: str
    simplified: str
    source_format: str  # "txt" | "html" | "mhtml" | "docx" | "doc" | "pdf" | "ofd" | "text" (a str)
    encoding: str | None  # "utf-8", "utf-8-sig", "gb18030" …; None for docx/doc/pdf/ofd/str
    traditional: bool  # the text was (mostly) traditional Chinese
    #: a PDF's or an OFD's pages (from 1) that are scans without a text layer: their text is
    #: missing
    scanned_pages: tuple[int, ...] = ()
    #: a PDF's pages (from 1) holding text printed sideways (turned a quarter) that could not
    #: be read: their text is missing
    sideways_pages: tuple[int, ...] = ()
    #: per page of those two: ``(page, lines before, lines after, its own lines)``, the text
    #: beside it that places it in a compilation's report (``ingest.pdf.page_edges``)
    page_edges: tuple[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = ()
    #: an HTML page's ``(page, of pages)`` when its pager says it is one page of an article a
    #: site split over several (分页文章, "第1页 共2页"): the rest of the report is in other files
    article_page: tuple[int, int] | None = None


_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".markdown": "txt", ".csv": "txt",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".jsp": "html",
    ".asp": "html", ".aspx": "html", ".php": "html",
    ".mht": "mhtml", ".mhtml": "mhtml", ".docx": "docx", ".doc": "doc", ".wps": "doc",
    ".pdf": "pdf", ".ofd": "ofd",
}
#: What a folder walk takes for report files (``tag``, ``suggest``): the usual saved forms.
#: Other extensions above are still read when a file is named explicitly.
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".htm", ".html", ".mht", ".mhtml", ".docx",
                                    ".doc", ".wps", ".pdf", ".ofd")
_CONVERT = "soffice --headless --convert-to {to} FILE"
#: What to do with an archive read as a report (``tag`` reads a .zip in place; ``parse``
#: and a .rar/.7z do not): the commands, names from Chinese Windows included.
_ZIP_ADVICE = ("`nlp-reports tag FILE.zip` reads the reports inside it in place; or unpack it "
               "(`unzip -O GBK FILE.zip` keeps the Chinese names of a zip made on Windows) "
               "and read the files inside")
_RAR_ADVICE = ("unpack it and tag the folder: `unrar x FILE.rar` or `7z x FILE.rar` (7-Zip on "
               "Windows; The Unarchiver on a Mac)")
_7Z_ADVICE = ("unpack it and tag the folder: `7z x FILE.7z` (7-Zip on Windows; The Unarchiver "
              "on a Mac)")
#: What a spreadsheet in a folder of reports usually is, and what to do when it is the report.
#: Why: most are a report's 附表 (its statistics sheet, published beside it), whose figures
#: the report's own tables hold; "export the report as .docx" sent a reader to convert it.
_SHEET_ADVICE = ("a report's 附表 or statistics sheet published beside it needs nothing (the "
                 "report's tables are read from the report itself); if this file is the report, "
                 "export it as .docx, .pdf or .txt")
_UNSUPPORTED = {
    ".rtf": "RTF is not supported: convert it to .docx with LibreOffice: "
            + _CONVERT.format(to="docx"),
    ".odt": "OpenDocument .odt is not supported: convert it to .docx with LibreOffice: "
            + _CONVERT.format(to="docx"),
    ".xls": "spreadsheets are not reports we read; " + _SHEET_ADVICE,
    ".xlsx": "spreadsheets are not reports we read; " + _SHEET_ADVICE,
    ".et": "spreadsheets are not reports we read; " + _SHEET_ADVICE,
    ".ppt": "presentations are not supported; export the report as .pdf",
    ".pptx": "presentations are not supported; export the report as .pdf",
    ".zip": "a zip archive: " + _ZIP_ADVICE,
    ".rar": "a RAR archive, not read in place: " + _RAR_ADVICE,
    ".7z": "a 7z archive, not read in place: " + _7Z_ADVICE,
    ".gz": "a gzip archive: unpack it and read the file inside",
    ".png": "an image: run OCR first", ".jpg": "an image: run OCR first",
    ".jpeg": "an image: run OCR first", ".tif": "an image: run OCR first",
    ".tiff": "an image: run OCR first", ".gif": "an image: run OCR first",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy MS Office (.doc/.xls/.ppt), WPS (.wps/.et)
#: The name of a Word document's stream in an OLE directory (UTF-16LE): a .doc (or a .wps
#: saved in Word's format) has one, an .xls/.ppt/.et none.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
#: An OOXML file saved with a password to open (.docx, .xlsx …) is an OLE container holding
#: the encrypted package: said as encrypted, not as a legacy Office file to export.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ENCRYPTED_OOXML = ("the file is encrypted (password-protected: Word or WPS saved it with a "
                    "password to open), so its text cannot be read; ask the agency for an "
                    "unprotected copy, or open it in Word/WPS with the password and save it "
                    "again without one")
_MAGIC = (
    (b"\x89PNG", "an image (PNG): run OCR first"),
    (b"\xff\xd8\xff", "an image (JPEG): run OCR first"),
    (b"GIF8", "an image (GIF): run OCR first"),
    (b"Rar!", "a RAR archive, not read in place: " + _RAR_ADVICE),
    (b"7z\xbc\xaf", "a 7z archive, not read in place: " + _7Z_ADVICE),
    (b"\x1f\x8b", "a gzip archive: unpack it and read the file inside"),
    (b"{\\rtf", "RTF is not supported: convert it to .docx with LibreOffice: "
                + _CONVERT.format(to="docx")),
)
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<table", b"<body", b"<head", b"<meta", b"<div",
                 b"<p>", b"<?xml")


def sniff_format(data: bytes, *, path: str | None = None) -> str:
    """Guess the format of ``data``: "docx", "doc", "pdf", "ofd", "mhtml", "html" or "txt".

    Raises :class:`UnsupportedFormatError` for containers we do not read (legacy .xls/.ppt,
    zip archives that are not .docx, images, RAR, RTF …).
    """
    head = data[:1024]
    if head.startswith(b"%PDF") or (b"%PDF-" in head and not head.lstrip()[:1] == b"<"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, path)
    if head.startswith(_OLE):
        if _WORD_STREAM in data:  # (the directory's entry; the doc reader checks the rest)
            return "doc"
        if _ENCRYPTED_STREAM in data:
            raise UnsupportedFormatError(_ENCRYPTED_OOXML, path=path)
        raise UnsupportedFormatError(
            "a legacy MS Office file without a Word document in it (.xls/.ppt/.et, or a "
            "damaged .doc), not supported: export the report as .docx, .pdf or .txt; "
            "LibreOffice converts a damaged .doc it can still open: "
            + _CONVERT.format(to="docx"), path=path)
    for magic, message in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormatError(message, path=path)
    # an MHTML archive starts with headers ("From:", "MIME-Version:" …, maybe after a BOM or
    # blank lines); its page part may hold "<html", so it is told apart before HTML
    if (head[:1].isalpha() or head[:1] in b"\xef \t\r\n") and is_mhtml(data):
        return "mhtml"
    if b"<" not in head:  # every markup test below needs one (a plain-text report)
        return "txt"
    probe = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"\x00" in probe[:64]:  # UTF-16 markup
        probe = probe.replace(b"\x00", b"")
    if probe.startswith(b"<") and any(m in probe for m in _HTML_MARKERS):
        return "html"
    lower = head.lower()
    if b"<html" in lower:
        return "html"
    if b"<table" in lower and (probe.startswith(b"<") or any(t in lower for t in _PAGE_TAGS)
                               or _page_outside_tables(data)):
        return "html"
    # (a table in a text that starts with words and has no page tags: a converter's Markdown
    # — MinerU, pandoc — with its tables left as HTML; read as a page, its line breaks were
    # lost with its title and first sections: the text reader reads them, ingest.markdown)
    return "txt"


def _page_outside_tables(data: bytes) -> bool:
    """Whether a page tag (:data:`_PAGE_TAGS`) stands outside the tables of ``data``: a web
    fragment whose first kilobyte held words, ``<br>`` and a long table's start, its ``<p>``
    after the table. A converter's Markdown has HTML only in its tables (``<br>`` in cells,
    and now and then in a paragraph: no page tag)."""
    low = data.lower()
    pos = 0
    while True:
        at = low.find(b"<table", pos)
        outside = low[pos:] if at < 0 else low[pos:at]
        if any(t in outside for t in _PAGE_TAGS):
            return True
        if at < 0:
            return False
        pos = low.find(b"</table", at)
        if pos < 0:
            return False


#: Tags of a web page's text outside tables: a fragment holding one is a page.
_PAGE_TAGS = (b"<p>", b"<p ", b"<div", b"<body", b"<span", b"<font", b"<h1", b"<h2", b"<h3")


def _sniff_zip(data: bytes, path: str | None) -> str:
    import zipfile  # only for zip archives: ~10 ms of start-up otherwise

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # (NotImplementedError: a damaged header's "zip file version 8.4", hypothesis seed 11)
        if b"word/document.xml" in data or b"word/" in data[:4096]:
            return "docx"  # a damaged .docx: the docx reader says so
        if b"OFD.xml" in data[:4096]:
            return "ofd"  # a damaged OFD: the OFD reader says so
        raise UnsupportedFormatError("a damaged zip archive, not a report file we read",
                                     path=path) from None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    if any(n.startswith("xl/") for n in names):
        kind = "a spreadsheet (.xlsx), not a report we read; " + _SHEET_ADVICE
    elif any(n.startswith("ppt/") for n in names):
        kind = "a presentation (.pptx), not supported; export the report as .pdf"
    else:
        kind = "a zip archive, not a .docx: " + _ZIP_ADVICE
    raise UnsupportedFormatError(kind, path=path)


def _read_file(path: str, max_bytes: int, st: os.stat_result | None = None) -> bytes:
    """The bytes of the file at ``path``; ``st``: its ``os.stat`` when the caller has it."""
    if st is None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise ParseError("no such file", path=path) from None
        except OSError as exc:
            raise ParseError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
        except ValueError as exc:  # a NUL in the name ('/\x00', a str read as a path)
            raise ParseError(f"no file can have this name ({exc})", path=path) from exc
    if stat.S_ISDIR(st.st_mode):
        raise ParseError("a folder, not a report file (to read every report in a folder: "
                         "nlp-reports tag FOLDER --db corpus.sqlite)", path=path)
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device would block or never end
        raise ParseError("not a regular file (a pipe, socket or device)", path=path)
    size = st.st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"the file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
            "(no report is that large: a padded page or a scan?); the commands keep the "
            "limit, in Python read it anyway with load_report(nlp_reports.ingest."
            "read_document(path, max_bytes=N).text)", path=path)
    try:
        # a bare descriptor: no file object or buffer for one read of the whole file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            # read(max_bytes + 1) would allocate the whole limit for every file
            data = _read_upto(fd, size + 1)
            if len(data) > size:  # the file grew since stat (or stat said 0): read on
                data += _read_upto(fd, max_bytes + 1 - len(data))
        finally:
            os.close(fd)
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputTooLargeError(
            f"the file is over the {max_bytes / 2**20:.0f} MB limit", path=path)
    return data


def _read_upto(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, fewer only at the end of the file (short reads
    are read on, as ``BufferedReader.read(limit)`` does)."""
    parts = []
    n = 0
    while n < limit:
        chunk = os.read(fd, limit - n)
        if not chunk:
            break
        parts.append(chunk)
        n += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _format_for(data: bytes, name: str | None, path: str | None) -> str:
    """The format to read ``data`` as: the content decides for docx/pdf/mhtml, the extension
    else (a plain page saved under .mht is read as the HTML it is)."""
    ext = _suffix(name).lower() if name else ""
    if data.startswith(_OLE) and _WORD_STREAM not in data and _ole_cut_short(data):
        raise BinaryInputError(
            "a legacy Office file (.doc/.wps/.xls …) cut short: its directory lies past the "
            "end of the file (an interrupted download?); re-download it", path=path)
    if ext in _UNSUPPORTED:
        try:
            sniffed = sniff_format(data, path=path)
        except UnsupportedFormatError:
            sniffed = None
        if sniffed in ("docx", "doc", "pdf", "ofd"):  # misnamed, but a format we read
            return sniffed
        raise UnsupportedFormatError(_UNSUPPORTED[ext], path=path)
    sniffed = sniff_format(data, path=path)
    declared = _EXTENSIONS.get(ext)
    if declared in (None, "txt") or sniffed in ("docx", "doc", "pdf", "ofd", "mhtml"):
        return sniffed
    if declared == "doc" and sniffed == "html":  # a web page saved under .doc (Word's "Web
        return sniffed  # page" format, or a site serving HTML as .doc)
    if declared in ("pdf", "docx", "doc", "ofd") and _looks_like_text(data):
        # no PDF header nor zip container, and the bytes read as text: a report saved
        # (or renamed) under the wrong extension is read as what it holds
        log.warning("%s: named %s but holds %s; read as %s", path, ext, sniffed.upper(),
                    sniffed)
        return sniffed
    if declared == "mhtml" and sniffed == "html":
        return sniffed
    return declared


def _ole_cut_short(data: bytes) -> bool:
    """Whether an OLE file's header is sound but its directory starts past the end of
    ``data`` (a .doc whose download stopped: the directory is written last)."""
    at = _ole_directory_offset(data)
    return at is not None and at >= len(data)


def _ole_directory_offset(head: bytes) -> int | None:
    """The byte offset of an OLE file's directory (its first sector), as the header at the
    start of ``head`` names it; None when the header is cut short or names no sound one."""
    shift = int.from_bytes(head[0x1E:0x20], "little")
    start = int.from_bytes(head[0x30:0x34], "little")
    if len(head) < 0x34 or shift not in (9, 12) or start >= 0xFFFFFFFA:
        return None
    return (start + 1) << shift


def _looks_like_text(data: bytes) -> bool:
    """True when the head of ``data`` decodes as UTF-8 or GB18030 with no control bytes
    other than line breaks and tabs (so a damaged binary file is not taken for text)."""
    head = data[:4096]
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the 4 KB edge
                continue
            text = head[:exc.start].decode(enc)
        return bool(text.strip()) and not any(
            ord(c) < 32 and c not in "\n\r\t\f" for c in text)
    return False


def _suffix(name: str) -> str:
    """``Path(name).suffix``, without building a Path on POSIX (the common case)."""
    if os.sep != "/" or os.altsep:
        return Path(name).suffix
    parts = [p for p in name.split("/") if p and p != "."]
    base = parts[-1] if parts else ""
    i = base.rfind(".")
    return base[i:] if 0 < i < len(base) - 1 else ""


#: A line of a table of contents (目录): a title, dot leaders, a page number. The title ends
#: in a character that is no leader or blank, so a long run of dots is tried as leaders once,
#: not once per title length (that backtracking took seconds on a line of dots).
_CONTENTS_ENTRY = re.compile(
    r"([^\t\n]{1,79}?[^\t\n .…·•_\-—])[ \t]*(?:[.…·•_\-—][ \t]*){3,}(\d{1,3})[ \t]*")
_CONTENTS_TITLE = re.compile(r"[ \t]*目[ \t]*录[ \t]*")
_LEADERS = re.compile(r"(?:\.\.\.|…|···|___|———)")


def _has_leaders(text: str) -> bool:
    """Whether ``text`` holds a dot leader, as ``_LEADERS.search(text)`` (a report without
    a table of contents has none). Each leader's character is looked for alone first: a
    one-character search is a fast C scan, where the pattern (or a search for the run of
    three) goes through Chinese text ~5× slower."""
    return ("…" in text or ("." in text and "..." in text) or ("·" in text and "···" in text)
            or ("_" in text and "___" in text) or ("—" in text and "———" in text))


#: Runs of leader lines compared with the text after them: a report has one table of
#: contents, so the first few are enough, and a page of such runs (a hostile input or a long
#: flattened table) is not scanned to its end once per run.
_MAX_CONTENTS_TRIES = 8


def _drop_contents(text: str) -> str:
    """``text`` without its table of contents (目录): two or more lines in a row that end in
    dot leaders and a page number ("一、总体情况……………1"), the page numbers not going
    down and most titles printed again further on, and the 目录 line above them. Such lines
    repeat every heading, so they would be taken for the report's headings. (A table flattened
    with leaders, "本年新收申请数量……3", has labels that do not come again.)"""
    if not _has_leaders(text):
        return text
    lines = text.split("\n")
    entries = [_CONTENTS_ENTRY.fullmatch(line) if line.rstrip(" \t")[-1:].isdigit() else None
               for line in lines]
    offsets = [0] * len(lines)  # where each line starts in text
    for n in range(1, len(lines)):
        offsets[n] = offsets[n - 1] + len(lines[n - 1]) + 1
    drop: set[int] = set()
    tries = 0  # runs compared with the whole text after them (each costs a scan of it)
    i = 0
    while i < len(lines):
        if not entries[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and (entries[j] or (not lines[j].strip() and j + 1 < len(lines)
                                                and entries[j + 1])):
            j += 1
        run = [m for m in entries[i:j] if m]
        pages = [int(m.group(2)) for m in run]
        if len(run) >= 2 and pages == sorted(pages) and tries < _MAX_CONTENTS_TRIES:
            tries += 1
            rest = offsets[j] if j < len(lines) else len(text)
            again = sum(1 for m in run if text.find(m.group(1).strip(), rest) >= 0)
        else:
            again = 0
        if 2 * again > len(run):
            drop.update(range(i, j))
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            if k >= 0 and _CONTENTS_TITLE.fullmatch(lines[k]):
                drop.add(k)
        i = j
    if not drop:
        return text
    log.debug("dropped a table of contents (%d lines)", len(drop))
    return "\n".join(line for n, line in enumerate(lines) if n not in drop)


def _finish(text: str, source_format: str, encoding: str | None,
            path: str | None, simple: bool | None = None) -> Document:
    text, simple = _normalize(text, simple)
    text = drop_running_heads(_drop_contents(text)).strip("\n")
    if not text or text.isspace():  # (= not text.strip(), without copying the text)
        raise EmptyInputError("no text: the input is empty or whitespace only", path=path)
    traditional = not simple and detect_traditional(text)  # (simple: no traditional char)
    simplified = to_simplified(text) if traditional else text
    return Document(text=text, simplified=simplified, source_format=source_format,
                    encoding=encoding, traditional=traditional)


def _finish_page(page: HtmlText, source_format: str, encoding: str | None,
                 path: str | None) -> Document:
    """An HTML page's Document (read from .html or .mhtml), with the page of a paginated
    article its pager says."""
    return replace(_finish(page.text, source_format, encoding, path),
                   article_page=page.article_page)


def read_document(source: str | os.PathLike | bytes, *, filename: str | os.PathLike | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a report from a path, raw bytes or a string of text into a :class:`Document`.

    ``source`` is a path (str or PathLike; format from the extension, else sniffed), raw
    ``bytes`` (format sniffed; ``filename`` may name it, for the extension and messages),
    or the report text itself (a str with a newline, ≥ 4096 chars, or naming no file).
    Raises :class:`~nlp_reports.errors.ParseError` subclasses: EmptyInputError,
    BinaryInputError, DecodingError, InputTooLargeError (checked before reading),
    UnsupportedFormatError, NotAReportError (a PDF without a text layer); and
    :class:`~nlp_reports.errors.MissingDependencyError` for .docx/.doc/.pdf without their
    extra.
    """
    filename = filename_arg(filename)
    path: str | None = None
    file_stat = None  # (a str naming a file: stat once, not again to read it)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and (
                (file_stat := _file_stat(source)) is not None or _names_a_path(source)):
            path = source  # (a missing file or a folder then says so)
        else:
            if len(source) > max_bytes:
                raise InputTooLargeError(
                    f"the text has {len(source)} characters, over the limit of {max_bytes}",
                    path=filename)
            if "&" in source and _ENTITY.search(source):
                source = _unescape_entities(source)
            if has_markup(source):  # a converter's Markdown read by the caller
                source = markdown_to_text(source)
            return _finish(source, "text", None, filename)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"the input is {len(data) / 2**20:.1f} MB, over the "
                f"{max_bytes / 2**20:.0f} MB limit", path=filename)
    elif isinstance(source, os.PathLike):
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
    else:
        raise TypeError(f"read_document() takes a path, bytes or str, not {type(source).__name__}")
    if path is not None:
        data = _read_file(path, max_bytes, file_stat)
    where = path or filename
    if not data or data.isspace():  # (= not data.strip(), without copying the bytes)
        raise EmptyInputError("the file is empty or holds only whitespace", path=where)
    fmt = _format_for(data, filename or path, where)
    if fmt == "pdf":
        from nlp_reports.ingest.pdf import pdf_text_and_scans

        text, scanned, sideways, edges = pdf_text_and_scans(data, path=where)
        return replace(_finish(text, "pdf", None, where), scanned_pages=scanned,
                       sideways_pages=sideways, page_edges=edges)
    if fmt == "ofd":
        from nlp_reports.ingest.ofd import ofd_text_and_scans

        text, scanned = ofd_text_and_scans(data, path=where, max_bytes=max_bytes)
        return replace(_finish(text, "ofd", None, where), scanned_pages=scanned)
    if fmt == "docx":
        from nlp_reports.ingest.docx import docx_to_text

        return _finish(docx_to_text(data, path=where, max_bytes=max_bytes), "docx", None, where)
    if fmt == "doc":
        from nlp_reports.ingest.doc import doc_to_text

        return _finish(doc_to_text(data, path=where), "doc", None, where)
    if fmt == "mhtml":
        from nlp_reports.ingest.mhtml import read_mhtml

        page, encoding = read_mhtml(data, path=where)
        return _finish_page(page, "mhtml", encoding, where)
    if fmt == "html":
        from nlp_reports.ingest.html import decode_html, read_html

        markup, encoding = decode_html(data, path=where)
        return _finish_page(read_html(markup, path=where), "html", encoding, where)
    from nlp_reports.ingest.encoding import decode_text_file

    text, encoding, simple = decode_text_file(data, path=where)
    csv_suffix = bool(where) and where.lower().endswith(".csv")
    if text[:1] in _DUMP_FIRST or csv_suffix:  # a crawler's JSON/CSV dump: refused, named
        from nlp_reports.ingest.dump import refuse_dump

        refuse_dump(text, csv_suffix=csv_suffix, path=where)
    if sniff_markup(text):
        from nlp_reports.ingest.html import read_html

        return _finish_page(read_html(text, path=where), "html", encoding, where)
    if "&" in text and _ENTITY.search(text):
        text, simple = _unescape_entities(text), False
    if has_markup(text):  # a converter's Markdown (.md, or saved as .txt): ingest.markdown
        text, simple = markdown_to_text(text), False
    return _finish(text, "txt", encoding, where, simple or None)


#: The first characters of a JSON document or JSON lines (a BOM or blank first too).
_DUMP_FIRST = frozenset("{[\ufeff \t\r\n")


#: A character reference a scraper left literal in the text it saved ("&nbsp;", "&lt;",
#: "&ldquo;", "&#8220;"): a page's markup, not the report's words.
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")


def _unescape_entities(text: str) -> str:
    """``text`` with the character references a crawler left in it decoded (&nbsp; becomes a
    space, as in a page): in a .txt they split a table's cells ("0&nbsp;&nbsp;3") or stand
    for quotes and brackets; a crawl that escaped the page twice ("&amp;nbsp;") is decoded
    twice. Only whole references are read; a bare "&" stays."""
    import html

    for _ in range(2):  # a page escaped twice ("&amp;nbsp;") is read as a browser shows it
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
        if "&" not in text or not _ENTITY.search(text):
            break
    return text


def sniff_markup(text: str) -> bool:
    """Whether decoded text is an HTML page (for UTF-16 pages the byte sniff cannot see)."""
    head = text[:512].lstrip("\ufeff \t\r\n")
    return head[:1] == "<" and head[:14].lower().startswith(("<!doctype html", "<html"))


def _names_a_path(text: str) -> bool:
    """True for a one-line str that is a path, not report text, though no file is there: a
    folder, a name ending in a document suffix ("reports/柳岸县2024.txt"), or a name with a
    path separator and no Chinese sentence punctuation. A mistyped path must say "no such
    file", not "no annual-report content"."""
    if len(text) > 1024 or text != text.strip():
        return False
    try:
        if os.path.isdir(text):
            return True
    except (ValueError, OSError):
        return False
    suffix = os.path.splitext(text)[1].lower()
    if suffix in _EXTENSIONS or suffix in _UNSUPPORTED:
        return True
    return ("/" in text or os.sep in text) and not any(c in text for c in "。，；：")


def filename_arg(filename: object) -> str | None:
    """``filename=`` as a str: a PathLike (``filename=path`` beside ``path.read_bytes()``) is
    taken as its path; anything else but None or a str is a TypeError (it was an
    AttributeError from deep inside the suffix test)."""
    if filename is None or isinstance(filename, str):
        return filename
    if isinstance(filename, os.PathLike):
        return os.fsdecode(os.fspath(filename))
    raise TypeError(f"filename= takes a str or path, not {type(filename).__name__}")


def _file_stat(name: str) -> os.stat_result | None:
    """``os.stat(name)`` when it names a regular file (``os.path.isfile``), else None."""
    try:
        st = os.stat(name)
    except (ValueError, OSError):  # no such file, NUL characters, names too long …
        return None
    return st if stat.S_ISREG(st.st_mode) else None
