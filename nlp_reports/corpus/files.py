"""Finding the files of a batch (查找文件): the walk, sniffing, paths and digests.

:func:`expand_paths` walks files, folders and globs into the report files a run reads and
says why the others were left (Office lock files, macOS metadata, a saved page's resource
folder, partial downloads, formats the parser cannot read); a file without a suffix is
sniffed for a report (:func:`sniff_report`). Paths inside a zip are shown as
``archive.zip/member`` (:func:`text_path`) and read through their zip (:func:`real_path`);
:func:`file_digest` is the SHA-256 a run keys its files by. :func:`_citable_first` orders
the files so that the one a copy is named after is tagged before its copies.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from nlp_reports._missing_paths import SPECIAL_FILE as SPECIAL_FILE
from nlp_reports._missing_paths import missing_arguments as missing_arguments
from nlp_reports._walk import walk as _walk
from nlp_reports.corpus import archive
from nlp_reports.ingest import REPORT_SUFFIXES

if TYPE_CHECKING:  # (the walk alone — train/suggest on a folder — does not load the store)
    from nlp_reports.corpus.store import Store

log = logging.getLogger("nlp_reports")


class Failure(NamedTuple):
    """One file that could not be stored: its path, a reason code and a message."""

    path: str
    reason: str
    message: str


#: Documents a folder walk takes although no reader reads them, so that each is recorded as
#: failed (reason ``unsupported_format``, with what to do: save it as .docx/.txt/.html/.pdf)
#: instead of being passed over in silence: RTF, OpenDocument, spreadsheets, presentations,
#: and archives are how reports come from government sites. (Images are left alone unless
#: named as a report, :data:`IMAGE_SUFFIXES`: a folder of reports often holds them. Old Word
#: .doc, WPS .wps and OFD are read: REPORT_SUFFIXES.)
FLAGGED_SUFFIXES: tuple[str, ...] = (".rtf", ".odt", ".xls", ".xlsx", ".et", ".ppt", ".pptx",
                                     ".zip", ".rar", ".7z")


#: A browser's unfinished download (Chrome/Edge ``未确认 518204.crdownload``, Firefox
#: ``年报.pdf.part``, Opera ``.opdownload``, old Edge ``.partial``, Safari ``.download``): a
#: folder walk takes it, so that it fails with what its bytes are ("not a readable PDF …;
#: re-download the file", "empty") instead of being counted among the other files. Passed
#: over, the report it was to be was missing with no file named: a journalist's download
#: folder held one and the end-of-run line said only ".crdownload 1".
PARTIAL_DOWNLOAD_SUFFIXES: tuple[str, ...] = (".crdownload", ".part", ".partial",
                                              ".opdownload", ".download")


#: Reason of a folder argument with no report file in it: in the result, never in the store
#: (there is no file to retry).
NO_REPORT_FILES = "no_report_files"


#: Saved web pages under the names government sites serve them with (``.shtml`` most of
#: all): a folder walk reads them as HTML, as :func:`~nlp_reports.ingest.read_document`
#: does when one is named.
WEB_PAGE_SUFFIXES: tuple[str, ...] = (".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")


#: How ``Found.ignored`` counts what is no document whatever its suffix, passed over by a
#: folder walk: Word/WPS owner files (``~$年报.docx``, 162 bytes, while the document is open)
#: and LibreOffice lock files (``.~lock.年报.docx#``); a Mac zip's ``__MACOSX/`` folder and
#: AppleDouble files (``._年报.pdf``) and the Finder's ``.DS_Store``. Read, they would fail as
#: broken files at every run.
OFFICE_LOCK = "office lock file"


MAC_METADATA = "macOS metadata"


#: The folder a browser's "save as web page, complete" (网页，全部) puts beside the page
#: (``年报_files/``, Word's ``年报.files/``): its css, scripts and ``saved_resource.html``
#: frames are no reports, and every frame failed as ``not_a_report`` at every run.
SAVED_PAGE_FILES = "saved page resources"


#: How ``Found.ignored`` counts a summary or audit page this package wrote (its head holds
#: :data:`GENERATOR_META`) met in a folder walk: a page saved inside the folder of reports it
#: describes is no report (read, it failed at every run).
OWN_PAGE = "nlp_reports page"
#: What every page of ours says in its head (``html_report.page``), in its first bytes.
GENERATOR_META = '<meta name="generator" content="nlp_reports">'
_GENERATOR_BYTES = GENERATOR_META.encode()


def _own_page(path: str) -> bool:
    """Whether the web page ``path`` is one this package wrote (its first 512 bytes). A
    FIFO named like a page is not opened (that waits for a writer: the walk hung)."""
    if not _is_file(Path(path)):
        return False
    try:
        with open(path, "rb") as fh:
            return _GENERATOR_BYTES in fh.read(512)
    except OSError:
        return False


_PAGE_SUFFIXES = (".html", ".htm", ".mht", ".mhtml", *WEB_PAGE_SUFFIXES)


def _saved_page_folder(name: str, siblings: set[str]) -> bool:
    """Whether folder ``name`` is the ``_files`` folder of a saved web page
    among ``siblings`` (the file names beside it): ``X_files`` or ``X.files`` beside
    ``X.html`` (any page suffix, any case)."""
    for tail in ("_files", ".files"):
        if name.lower().endswith(tail) and len(name) > len(tail):
            stem = name[: -len(tail)]
            return any(s[: len(stem)] == stem and s[len(stem):].lower() in _PAGE_SUFFIXES
                       for s in siblings)
    return False


_NOT_DOCUMENTS = ("~$", ".~lock.", "._")


#: The Finder's own files in a folder (``.DS_Store`` in every folder a Mac user opened): no
#: suffix and no report content, they were counted as "no suffix and no report content N",
#: which sent a journalist looking for a crawler file she did not have.
_MAC_FOLDER_FILES = frozenset((".DS_Store", ".localized"))


#: A crawler's dump of reports (JSON, JSON lines, CSV with each report's text in a field): a
#: folder walk takes one whose head names the genre, so that it fails saying which field
#: to extract (:mod:`nlp_reports.ingest.dump`); counted as "no reports", a researcher's
#: crawl of 3,000 reports was passed over on the end line. Other such files (a label CSV,
#: our own exports) are counted.
DUMP_SUFFIXES: tuple[str, ...] = (".json", ".jsonl", ".ndjson", ".csv")


def _dump_of_reports(path: Path) -> bool:
    """Whether the .json/.jsonl/.csv file ``path`` holds reports' text (its first 256 KB:
    :func:`~nlp_reports.ingest.dump.holds_reports`); False, unopened, for a FIFO."""
    from nlp_reports.ingest.dump import holds_reports

    if not _is_file(path):
        return False
    try:
        with open(path, "rb") as fh:
            return holds_reports(fh.read(262144))
    except OSError:
        return False


#: Images a folder walk takes when their name says they are a report ("某镇2023年政府信息公开
#: 工作年度报告.jpg": the report published as a picture, as townships often do), so that each
#: fails with what to do (an image: find the text version or run OCR) and the run's exit code
#: says a report is missing. Other images (a report's 附图1.png or its preview beside it, a
#: page's logo) stay passed over (:func:`_report_picture`).
IMAGE_SUFFIXES: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff",
                                   ".webp")
#: 年度报告 / 年报告, 信息公开(工作)报告 (older titles: "2013年度政府信息公开工作报告"), or 年报
#: where it cannot be a year followed by 报名, 报送, 报价, 报表 … ("2023年报名表.jpg" is a
#: sign-up form): after no numeral (公开年报, 2024年年报) or ending the run of Chinese
#: characters ("青山镇2023年报.png").
_REPORT_NAME = re.compile(r"年度?报告|信息公开(?:工作)?报告"
                          r"|(?<![0-9〇零一二三四五六七八九十])年报|年报(?![\u4e00-\u9fff])")
#: A picture that belongs to a report rather than being one: a figure, screenshot, cover or
#: QR code of it ("…年度报告附图1.png", "…年度报告截图.jpg"), a chart named by what it draws
#: ("…年度报告-流程图.png", "…组织架构图.jpg", "…统计图.png") or an infographic about it
#: ("图解：…年度报告.jpeg", "一图读懂…"): a page image, a 长图 or a scan of the report is the
#: report. Each word names a picture: none is part of an agency's name (图书馆, 统计局 stay).
_REPORT_FIGURE = re.compile(r"附图|插图|配图|截图|图表|图\s*\d|封面|二维码|缩略图|示意图"
                            r"|流程图|架构图|结构图|统计图|柱状图|饼状?图|折线图|趋势图"
                            r"|图解|一图读懂")


def _report_picture(name: str, siblings: set[str]) -> bool:
    """Whether image ``name`` is a report published as a picture (:data:`_REPORT_NAME`),
    not a figure of one (:data:`_REPORT_FIGURE`) nor the picture of a report that stands
    beside it in another format (``X年度报告.jpg`` beside ``X年度报告.html``: a preview)."""
    if not _REPORT_NAME.search(name) or _REPORT_FIGURE.search(name):
        return False
    stem = name[: name.rfind(".")]
    return not any(s != name and s.startswith(stem) and s[len(stem):].startswith(".")
                   and s[len(stem):].lower() not in IMAGE_SUFFIXES for s in siblings)


#: Every suffix a folder walk takes (the rest are counted in ``Found.ignored``).
WALKED_SUFFIXES: frozenset[str] = frozenset(
    (*REPORT_SUFFIXES, *WEB_PAGE_SUFFIXES, *FLAGGED_SUFFIXES, *PARTIAL_DOWNLOAD_SUFFIXES))


class Found(NamedTuple):
    """What :func:`expand_paths` found: the files to read, the arguments and report-named
    paths that are no file (failures), and the files a folder walk passed over, counted by
    suffix (``""`` for none: files without a suffix whose first bytes are no report format),
    or as :data:`OFFICE_LOCK` / :data:`MAC_METADATA` / :data:`OWN_PAGE`, so that nothing is
    skipped in silence."""

    files: list[Path]
    failures: list[Failure]
    ignored: dict[str, int]


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Found:
    """Files, folders (recursive, known suffixes) and globs → sorted unique files.

    Paths are absolute and kept as the user reaches them, not resolved; a file reached
    twice (two arguments, a linked folder, a hard link) is taken once, by its device and
    inode, under the path without a symbolic link in it when it is reached both ways (a
    crawl's link to a site folder does not move that site's reports under the link's
    folder, nor record them twice in a store made before the link); a file reached only
    through a link keeps the link's path. Symbolic links to folders are followed after the
    real folders, each folder walked once (a link loop ends); a link to a folder holding it
    (``/`` among them: the whole disk) is not walked. A file without a suffix (a
    crawler's ``…/content/5102257``), or whose suffix is its URL's query
    (``getfile.aspx@fileid=88213``), is taken when its first bytes are a report format
    (:func:`sniff_report`), else counted with the files passed over. Arguments that match nothing
    come back as failures (reason ``not_found``), and so do paths named like a report that
    are no file: a dangling symbolic link (``not_found``), a FIFO, socket or device
    (``unreadable``; never opened, a FIFO would block the run). A folder walk takes
    :data:`WALKED_SUFFIXES` — :data:`FLAGGED_SUFFIXES` fail with reason
    ``unsupported_format`` when read, a browser's unfinished download
    (:data:`PARTIAL_DOWNLOAD_SUFFIXES`) fails with what its bytes are — and counts the other
    files it passes over; a folder
    argument holding no such file is a failure with reason :data:`NO_REPORT_FILES`. Office
    lock files (``~$…``, ``.~lock.…``), a Mac's metadata (``._…``, ``__MACOSX/``) and the
    ``X_files/`` folder of a saved web page ``X.html`` (:data:`SAVED_PAGE_FILES`) are
    counted, never read. A zip archive (``.zip``, or a suffixless zip that is no document)
    gives its members as member paths ``<zip path>/<member path>``
    (:mod:`~nlp_reports.corpus.archive`), the members it cannot read as failures.
    """
    files, missing, ignored = _expand(paths)
    return Found([Path(f) for f in files], missing, ignored)


def _expand(paths: Iterable[str | os.PathLike[str]], skip: frozenset[str] = frozenset()
            ) -> tuple[list[str], list[Failure], dict[str, int]]:
    """:func:`expand_paths` with the files as absolute path strings, what :func:`tag_paths`
    keeps: a Path object per file (its parts as a list of strings) cost ~300 bytes more a
    file, ~6 MB at 20,000 files, held through the walk. A folder walk passes over the
    absolute paths in ``skip`` without counting them: the store's own files (its database,
    -wal, -shm, -journal and .lock) when it is written inside the folder of reports."""
    found: set[str] = set()
    # device and inode (as one int: a tuple of two cost ~100 bytes more a file) → the path
    # taken for it
    inodes: dict[int, str] = {}
    missing: list[Failure] = []
    noted: set[str] = set()
    ignored: dict[str, int] = {}
    # add / walk / note return how many paths they were given (files and non-files noted),
    # so a glob that gives none is reported

    def add(p: Path) -> int:
        key = os.path.abspath(p)
        try:
            st = os.stat(key)
            inode = st.st_ino << 64 | st.st_dev  # (st_ino is 128 bits on some systems)
        except OSError:  # vanished meanwhile: reading it will say so
            inode = None
        held = None if inode is None else inodes.get(inode)
        if held is None:
            if inode is not None:
                inodes[inode] = key
            found.add(key)
        elif held != key and _through_link(held) and not _through_link(key):
            found.discard(held)  # reached through a link first: the direct path holds it
            inodes[inode] = key
            found.add(key)
        return 1

    seen_dirs: set[tuple[int, int]] = set()
    # symbolic links to folders met in a walk, walked once every real folder has been:
    # (the link, the index of the argument it was found under)
    links: list[tuple[Path, int]] = []

    def walk(folder: Path, arg: int) -> int:
        given = 0
        for root, dirs, names in _walk(os.path.abspath(folder)):
            st = os.stat(root)
            if (st.st_dev, st.st_ino) in seen_dirs:  # a link back up, or a folder twice
                if root == os.path.abspath(folder):
                    return 1  # walked for an earlier argument: not "no report files"
                dirs[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            real = []
            siblings = set(names)
            for d in sorted(dirs):
                if os.path.islink(os.path.join(root, d)):
                    links.append((Path(root, d), arg))
                elif d == "__MACOSX" or _saved_page_folder(d, siblings):
                    # a Mac zip's resource forks, one per file in the zip; a saved page's files
                    kind = MAC_METADATA if d == "__MACOSX" else SAVED_PAGE_FILES
                    n = sum(len(files) for _, _, files in _walk(os.path.join(root, d)))
                    ignored[kind] = ignored.get(kind, 0) + n
                else:
                    real.append(d)
            dirs[:] = real
            for name in sorted(names):
                if skip and os.path.join(root, name) in skip:
                    continue  # the store being written: no file of the corpus
                if name.startswith(_NOT_DOCUMENTS) or name in _MAC_FOLDER_FILES:
                    kind = OFFICE_LOCK if name.startswith(("~$", ".~lock.")) else MAC_METADATA
                    ignored[kind] = ignored.get(kind, 0) + 1
                    continue
                f = Path(root, name)
                suffix = f.suffix.lower()
                if (not suffix or _URL_QUERY.search(suffix)) and _sniffable(f) and sniff_report(f):
                    given += add(f)
                elif suffix in DUMP_SUFFIXES and _dump_of_reports(f):
                    given += add(f)  # (it fails, naming the field to extract: ingest.dump)
                elif (suffix in IMAGE_SUFFIXES and _report_picture(name, siblings)
                      and _is_file(f)):
                    given += add(f)  # a report as a picture: it fails, saying to run OCR
                elif suffix not in WALKED_SUFFIXES or (suffix == ".md" and not _markdown_report(f)):
                    # (a .md is a converter's report when its head says so; notes.md is not)
                    ignored[suffix] = ignored.get(suffix, 0) + 1
                elif suffix in (".html", ".htm") and _own_page(str(f)):
                    ignored[OWN_PAGE] = ignored.get(OWN_PAGE, 0) + 1
                elif not _is_file(f):
                    given += note(f)
                else:
                    given += add(f)
        return given

    def note(f: Path) -> int:
        fail = _not_a_file(f)
        if fail is None:
            return 0
        if fail.path not in noted:
            noted.add(fail.path)
            missing.append(fail)
        return 1

    folders: list[tuple[int, str]] = []  # folder arguments, checked once links are walked
    given_by: dict[int, int] = {}
    for i, arg in enumerate(paths):
        p = Path(arg)
        if p.is_dir():
            given_by[i] = walk(p, i)
            folders.append((i, str(arg)))
        elif p.is_file():
            add(p)
        elif glob.has_magic(str(arg)):
            given = 0
            for m in sorted(glob.glob(str(arg), recursive=True)):
                mp = Path(m)
                if mp.is_dir():
                    given += walk(mp, -1)
                elif mp.is_file():
                    given += add(mp)
                elif mp.suffix.lower() in WALKED_SUFFIXES:
                    given += note(mp)
            if not given:
                missing.append(Failure(str(arg), "not_found", "the pattern matches no file"))
        elif not note(p):
            missing.append(Failure(str(arg), "not_found", "no such file or folder"))
    while links:  # (a linked folder may hold links in turn)
        link, i = links.pop(0)
        if _points_up(link):
            log.info("%s: not walked, a link to %s, a folder holding it (a link to / would walk "
                     "the whole disk)", link, os.path.realpath(link))
            continue
        given_by[i] = given_by.get(i, 0) + walk(link, i)
    for i, arg in folders:
        if not given_by.get(i):
            missing.append(Failure(
                arg, NO_REPORT_FILES,
                f"no report files found under {arg} (looked for "
                f"{' '.join(REPORT_SUFFIXES)} in it and its subfolders, and files without "
                "a suffix holding a report)"))
    for z in [f for f in found if archive.is_zip_archive(real_path(f))]:
        # a zip is read in place: its members are the files (``<zip>/<member>``)
        found.discard(z)
        members, fails, passed = archive.expand(text_path(z), real_path(z))
        found.update(members)
        missing.extend(Failure(*f) for f in fails)
        for kind, n in passed.items():
            ignored[kind] = ignored.get(kind, 0) + n
    return sorted(found), missing, ignored


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (its link's target); False when it cannot be looked
    at: Python 3.11's Path.is_file raises PermissionError or "file name too long"."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _sniffable(path: Path) -> bool:
    """Whether a file without a suffix may be sniffed (:func:`sniff_report`): a regular file
    holding bytes. /proc's files (reached through a link) say they hold none, and reading
    one (/proc/kmsg) waits for ever; an empty file holds no report."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > 0


def _points_up(link: Path) -> bool:
    """Whether a symbolic link to a folder points to a folder holding it (a link up the
    tree, ``/`` among them): it is not walked, that would walk the folder's other contents
    — the whole disk for ``/`` — which no argument named."""
    target = os.path.realpath(link)
    here = os.path.realpath(link.parent)
    return here == target or here.startswith(target.rstrip(os.sep) + os.sep)


def _through_link(path: str) -> bool:
    """Whether ``path`` passes through a symbolic link (to a folder or to the file)."""
    return os.path.realpath(path) != path


#: A suffix holding a URL's query: a crawler names a file after its URL (wget's
#: ``getfile.aspx?fileid=88213``, ``getfile.aspx@fileid=88213`` with Windows-safe names,
#: ``download.do?id=5``, ``view.jsp;jsessionid=…``). The name says nothing of the format, so
#: the file is sniffed as one without a suffix is; passed over as an "other file", the report
#: in it was neither stored nor listed as failed.
_URL_QUERY = re.compile(r"[?@=&;]")


#: Bytes :func:`sniff_report` reads of a file without a suffix.
SNIFF_BYTES = 16384


#: Words that make a text file without a suffix a report to read (simplified and traditional).
_REPORT_WORDS = re.compile("年度报告|年度報告|政府信息公开|政府信息公開|政府資訊公開|政务公开|政務公開")


def sniff_report(path: str | os.PathLike[str]) -> bool:
    """Whether a file without a suffix is one to read as a report (a crawler saves
    ``…/content/5102257``): its first bytes are a PDF, a zip (a .docx, an OFD, or an
    archive of reports read in place: :func:`~nlp_reports.corpus.archive.is_zip_archive`), a
    Word 97–2003 file (an OLE file whose directory, at its end, names a ``WordDocument``:
    read whole up to the reader's size limit, past it from the directory's first sector
    (:func:`_ole_directory`); an .xls is not), a web page, or text (UTF-8, GB18030, UTF-16)
    naming 年度报告 / 政府信息公开 / 政务公开. Anything else, or a file that cannot be
    opened, is not."""
    head = _sniffed_head(path)
    return head is not None and sniff_head(head)


def _sniffed_head(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes :func:`sniff_report` reads: the first :data:`SNIFF_BYTES`, an OLE file's
    directory added; None when the file cannot be opened, or is no regular file (a FIFO
    is never opened: reading one waits for a writer, and the walk hung on ``x.md``)."""
    from nlp_reports.ingest import _OLE, DEFAULT_MAX_BYTES

    if not _is_file(Path(path)):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
            if head.startswith(_OLE):  # sniff_format finds its WordDocument in the directory
                head += _ole_directory(fh, head, DEFAULT_MAX_BYTES)
    except OSError:
        return None
    return head


def sniff_head(head: bytes) -> bool:
    """:func:`sniff_report` on a file's first :data:`SNIFF_BYTES` (an OLE file's directory
    added): also what a zip member without a suffix is taken by."""
    from nlp_reports.errors import UnsupportedFormatError
    from nlp_reports.ingest import sniff_format

    if head.startswith((b"%PDF", b"PK\x03\x04")):
        return True
    try:
        kind = sniff_format(head)
    except (UnsupportedFormatError, ValueError):  # an image, a legacy Office file …
        return False
    if kind != "txt":
        return True  # pdf, html, mhtml
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for enc in encodings:
        try:
            text = head.decode(enc)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the edge
                continue
            text = head[:exc.start].decode(enc, "ignore")
        return bool(_REPORT_WORDS.search(text))
    return False


#: A section heading line of a report, as a converter writes it: "一、总体情况", "## 一、概述",
#: "**五、存在的主要问题及改进情况**", "1. 概述", or "**总体情况**" when Word's automatic
#: numbering was lost; a short line (a heading, not a sentence that starts so).
_SECTION_HEADING_LINE = re.compile(
    r"(?m)^[ \t#>*|]*(?:(?:[一二三四五六]|[1-6])\s*[、.．]\s*)?\**\s*"
    r"(?:总体情况|概述|概况|基本情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题"
    r"|其他需要报告)[^\n。，；]{0,40}$")


def _markdown_report(path: Path) -> bool:
    """Whether a .md in a folder walked is a report a converter made (pandoc, markitdown,
    MinerU …): its head names the genre (:func:`sniff_report`) and has a section heading line.
    A researcher's own README.md about the collection ("本目录收集了…政府信息公开工作年度报告")
    names the genre too, but no such line: it is counted, not failed at every run."""
    head = _sniffed_head(path)  # (read once: sniff_report read it, then this again)
    if head is None or not sniff_head(head):
        return False
    for enc in ("utf-8", "gb18030", "utf-16"):
        text = head[:SNIFF_BYTES].decode(enc, "ignore")
        if _SECTION_HEADING_LINE.search(text):
            return True
    return False


def _ole_directory(fh: Any, head: bytes, max_bytes: int) -> bytes:
    """The rest of an OLE file whose first bytes, ``head``, were read from ``fh``: the whole
    file up to the reader's size limit; past it (a file the reader refuses as too large, to
    be listed as such if it is a .doc), the 64 KB from the directory's first sector the
    header names. Reading a 2 GB file whole to find a name took twice its size in memory."""
    from nlp_reports.ingest import _ole_directory_offset

    size = os.fstat(fh.fileno()).st_size
    if size <= max_bytes:
        return fh.read()
    at = _ole_directory_offset(head)
    if at is None:
        return b""
    fh.seek(at)
    return fh.read(65536)


def text_path(path: str) -> str:
    """``path`` as text the store can hold (文件名编码), the store key of the file: each part's
    bytes on disk decoded as UTF-8, else as GB18030 (the GBK bytes a zip made on Chinese
    Windows leaves when unpacked on Linux or a Mac), else shown with ``\\x`` escapes —
    instead of stopping the batch. The bytes, not the str Python made of them: with an ASCII
    file-system encoding (``LC_ALL=C PYTHONUTF8=0``) os.listdir gives every Chinese name as
    surrogate escapes, and the key must be the one a UTF-8 session stores (a rerun resumes).

    :func:`real_path` finds the file again from the text.
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    parts = []
    for part in path.split(os.sep):
        raw = os.fsencode(part)
        try:
            parts.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            parts.append(raw.decode("gb18030"))
        except UnicodeDecodeError:
            parts.append(raw.decode("utf-8", "backslashreplace"))
    return os.sep.join(parts)


def real_path(path: str) -> str:
    """The file :func:`text_path` gave ``path`` for: ``path`` itself when it exists, else the
    first existing name each non-ASCII part could have had on disk (UTF-8 bytes under an
    ASCII file-system encoding, GB18030 bytes, or the bytes of its ``\\x`` escapes). ``path``
    when none exists (reading it will say so)."""
    if os.path.lexists(path):
        return path
    base = os.sep if path.startswith(os.sep) else ""
    for part in path.split(os.sep):
        if not part:
            continue
        options = [part]
        if not part.isascii():
            as_utf8 = os.fsdecode(part.encode("utf-8", "surrogateescape"))
            if as_utf8 != part:  # (an ASCII file-system encoding: the name's UTF-8 bytes)
                options.append(as_utf8)
            try:
                options.append(os.fsdecode(part.encode("gb18030")))
            except UnicodeEncodeError:
                pass
        if "\\x" in part:
            import codecs

            options.append(os.fsdecode(codecs.escape_decode(part.encode("utf-8"))[0]))
        base = next((os.path.join(base, o) for o in options
                     if os.path.lexists(os.path.join(base, o))), os.path.join(base, part))
    return base if os.path.lexists(base) else path


def _unreadable(exc: OSError) -> str:
    """Why a file cannot be read, in words a researcher can act on (no errno, no path:
    the failure row names the file)."""
    import errno

    why = exc.strerror or type(exc).__name__
    denied = "you may not read it: check its permissions, or copy it to a folder of your own"
    hint = {errno.EACCES: denied, errno.EPERM: denied,
            errno.ENOENT: "it was moved or deleted while the batch ran",
            errno.EIO: "the disk or network drive failed to deliver it: copy it again"
            }.get(exc.errno or 0)
    return f"cannot read the file: {why.lower()}" + (f"; {hint}" if hint else "")


def _storable(text: str, real: str, shown: str) -> str:
    """A message as the store can hold it: the file's on-disk name replaced by its
    :func:`text_path`, any other undecodable byte by U+FFFD."""
    if real != shown:
        text = text.replace(real, shown)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _not_a_file(f: Path) -> Failure | None:
    """The failure of a path named like a report that is no regular file: a dangling
    symbolic link, a FIFO, socket or device (never opened: a FIFO would block the run).
    None for a folder (``2023.txt/`` is walked like any folder)."""
    path = os.path.abspath(f)  # the link's own path, not its target's
    try:
        if f.is_symlink() and not f.exists():
            return Failure(path, "not_found", f"broken symbolic link (it points to "
                           f"{os.readlink(f)}, which does not exist)")
        if f.exists() and not f.is_dir():
            return Failure(path, "unreadable", "not a regular file (a FIFO, socket or device)")
    except OSError as exc:  # (Python 3.11's Path.exists raises all but "no such file")
        return Failure(path, "unreadable", f"cannot be looked at ({exc.strerror or exc})")
    return None


def _digest(path: str) -> tuple[str, int]:
    """:func:`file_digest` of the file ``path`` (:func:`text_path` text), or of a zip
    member's uncompressed bytes (:mod:`~nlp_reports.corpus.archive`: a ParseError when it
    cannot be read)."""
    if archive.split_member(path) is not None:
        return archive.member_digest(path)
    return file_digest(real_path(path))


def file_digest(path: str | os.PathLike[str]) -> tuple[str, int]:
    """``(sha256 hex, size in bytes)`` of a file, read in blocks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


#: A name a browser, file manager or copy left on a second copy of a file (浏览器/资源管理器的
#: 副本名): "年报(1).pdf", "年报 (2).pdf", "年报（1）.pdf", "年报 - 副本.pdf", "年报 副本 2.pdf",
#: "年报 - Copy.pdf", "年报 copy.pdf", "年报_1.pdf", a Finder duplicate "年报 2.pdf"; and a
#: prefix, as Windows XP wrote it and people still type it: "复件 年报.doc", "复件 (2) 年报.doc",
#: "副本-年报.txt", "Copy of 年报.pdf", "Copy (2) of 年报.pdf"; and a backup someone kept:
#: "年报（备份）.txt", "备份-年报.txt", "年报_bak.pdf", "年报.backup.docx". A suffix's spaces are tried
#: from the start of their run only, each once (a zip member named by 5,000 spaces took
#: 157 s of CPU, the run's blanks tried from every place in it and split every way).
_COPY_NAME = re.compile(
    r"^(?:复件|副本)(?:\s*[(（]\d{1,3}[)）])?(?:\s*[-_—]\s*|\s+|(?=[\u4e00-\u9fff]))"
    r"|^备份(?:\s*[-_—]\s*|\s+)"
    r"|^[Cc]opy (?:\(\d{1,3}\) )?of "
    r"|(?:\s?[(（]\d{1,3}[)）]|\s?[(（](?:副本|备份|[Bb]ak|[Bb]ackup)[)）]"
    r"|(?<!\s)\s*(?:[-_]\s*)?(?:副本|备份|[Cc]opy)(?:\s*[(（]?\d{1,3}[)）]?)?"
    r"|[-_.](?:[Bb]ak|BAK|[Bb]ackup)\d{0,2}"
    r"|(?<![\d_])_\d{1,2}"
    r"|(?<=[^\s\d]) \d{1,2})$")


#: A name a site's server gave, not a title (URL/hash-like): "content_7730215",
#: "P020240118395512345678.pdf", "t20240120_1234567.html", a 32-hex digest, "index.html".
#: (Six digits and then any more: "\d{6,}" before a class holding digits backtracks in
#: quadratic time on a long run of digits that does not end the name.)
_HASH_NAME = re.compile(r"(?:[A-Za-z_\-]*\d{6}[A-Za-z_\-\d]*|[0-9a-fA-F\-]{16,}|"
                        r"(?:index|default|download|content|attachment|file|view|show)\d*)")


_CJK = re.compile(r"[\u3400-\u9fff]")


def _citable_first(files: list[str], store: Store | None = None) -> list[str]:
    """``files`` (sorted) in the order a run meets them, the copy a researcher would cite
    first: names a browser gave a second copy (:data:`_COPY_NAME`: "…(1).pdf", "… - 副本.pdf")
    after the others, names a server gave (:data:`_HASH_NAME`, no Chinese character:
    "content_7730215", "P0202401….pdf") last, sorted order within each kind; and among
    files of one size and suffix (identical files have both), the one fewest folders deep,
    then with the shortest path, takes the first of their places (the others keep theirs).

    Why: among identical files (and copies of one report in other bytes) the first one the
    run meets holds the report and the others are recorded as its duplicates; in plain
    sorted order a crawler's hash name or "年报(1).pdf" held it, and the titled "年报.pdf"
    was the "duplicate". A report already stored keeps its file on every later run: by the
    store's answer, or with ``store`` (a re-tag, which trusts only its own run's reports)
    by this order: the files the store holds reports for first, then new or failed ones,
    then its duplicates."""
    stored: dict[str, int] = {}
    if store is not None:
        stored = {path: 0 if status == "ok" else 2 for path, status in store.connection.execute(
            "SELECT path, status FROM files WHERE status IN ('ok', 'duplicate')")}

    def rank(path: str) -> int:
        stem = os.path.basename(path)
        dot = stem.rfind(".")
        stem = stem[:dot] if dot > 0 and len(stem) - dot <= 12 else stem
        kind = 2 if not _CJK.search(stem) and _HASH_NAME.fullmatch(stem) else (
            1 if _COPY_NAME.search(stem) else 0)
        if archive.split_member(path) is not None:
            kind += 3  # a loose file is cited before the same report in a zip
        return kind + 6 * stored.get(path, 1) if stored else kind

    files = list(files)
    ranks = [rank(f) for f in files]
    if any(ranks):
        files = [f for _, f in sorted(zip(ranks, files, strict=True), key=lambda x: x[0])]
        ranks.sort()
    groups: dict[tuple[int, str], list[int]] = {}  # (size, suffix) → places in files
    for i, f in enumerate(files):
        try:
            groups.setdefault((os.stat(real_path(f)).st_size, _suffix(f)), []).append(i)
        except OSError:  # (reading it will say what is wrong)
            continue
    for places in groups.values():
        if len(places) > 1:
            best = sorted(places, key=lambda i: (ranks[i], files[i].count(os.sep),
                                                 len(files[i]), files[i]))
            for i, f in zip(places, [files[i] for i in best], strict=True):
                files[i] = f
    return files


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()
