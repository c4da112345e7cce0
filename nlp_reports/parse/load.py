"""Parse one report (:func:`load_report`): bytes or a path in, a :class:`~nlp_reports.report.Report`
out.

``load_report`` runs ingest (decode, HTML/docx/pdf → text, traditional → simplified), finds
the sections on the simplified text, splits section 五 into statements, reads the tables and
runs the checks, then reads the metadata. Everything is located on the simplified text;
when the report was in traditional characters and the conversion kept the length, the
section titles/texts and statements are cut from the original characters instead.

Only text with no report content raises :class:`~nlp_reports.errors.NotAReportError`: no
section heading and no table, and no key phrase or neither an agency nor a year, or only a
pointer to the report, a correction notice (更正说明), a document of another kind titled so
(工作要点, 实施方案, 关于…的通知) with no title naming 年度报告, a list of report titles or too
little prose for a report, or a page the site served instead of the report (an error, login,
firewall or captcha page, the report's page without its text: :class:`~nlp_reports.errors.ErrorPageError`,
reason ``error_page``), or section headings alone (no title, no table, no sentence: too
small to be any report); a fragment with a title, a table or prose parses, and what is
missing is listed in ``Report.errors``.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_reports.errors import ErrorPageError, NotAReportError, ParseError
from nlp_reports.ingest.linebreaks import few_line_breaks
from nlp_reports.ingest.normalize import IMAGE_MARK, PAGE_NUMBER, TURNED_CELL_MARK
from nlp_reports.parse import metadata as meta
from nlp_reports.parse.headings import badge_spans, block_of, numeral_lines, section_number
from nlp_reports.parse.older_tables import older_table_problem
from nlp_reports.parse.sections import (
    _HEADING,
    _LINE_BREAKS,
    Layout,
    _match_heading,
    analyse,
    annex_titles,
    inner_section5,
)
from nlp_reports.parse.statements import split_section5
from nlp_reports.report import (
    SECTION_TITLES,
    Annex,
    Metadata,
    Problem,
    Report,
    Section,
    Statement,
)

if TYPE_CHECKING:
    from nlp_reports.ingest import Document

__all__ = ["compilation_parts", "load_report", "load_reports"]

log = logging.getLogger("nlp_reports")

_KEY_PHRASE = re.compile(r"政府信息公开|政务公开|依申请|年度报告|信息公开")
_NUMERALS = "一二三四五六"


@lru_cache(maxsize=1)
def _page_line() -> re.Pattern[str]:
    """A page number on a line of its own inside a statement (a page break of the source);
    compiled on first use (1.5 ms at import, for the few statements that span lines)."""
    return re.compile(rf"\n[ \t\u3000]*{PAGE_NUMBER}[ \t\u3000]*(?=\n|$)")


#: A photo's caption on the line under it (WeChat articles, portals' news): "▲工作人员…",
#: "图为…", "（图为…）" — no statement, as the photo is none.
_CAPTION = re.compile(r"(?:[▲△]|[（(]?图为)[^\n]{0,60}")
#: The line an image left (ingest's IMAGE_MARK), and its caption: a picture between items is
#: no text of theirs.
_IMAGE_LINE = re.compile(rf"\n[ \t\u3000]*{re.escape(IMAGE_MARK)}[ \t\u3000]*"
                         rf"(?:\n[ \t\u3000]*{_CAPTION.pattern})?(?=\n|$)")


def _clean(s: str) -> str:
    """A statement's text on one line: page numbers, image lines and line breaks inside it
    removed, ends stripped."""
    if "\n" not in s:
        return s.strip()
    if IMAGE_MARK in s:
        s = _IMAGE_LINE.sub("", s)
    return _LINE_BREAKS.sub("", _page_line().sub("", s)).strip()


def _line_above(text: str, span: tuple[int, int] | None) -> str | None:
    """The last non-blank line above the title at ``span`` (a 印发 notice's issuer set over
    its title), or None."""
    if not span:
        return None
    lines = text[max(0, span[0] - 200):span[0]].splitlines()
    return next((ln for ln in reversed(lines) if ln.strip(" \t\u3000")), None)


def load_report(source: str | os.PathLike | bytes, *,
                filename: str | os.PathLike | None = None) -> Report:
    """Parse one annual report (政府信息公开工作年度报告) from a path, raw bytes or its text.

    ``source``: a path (str or PathLike), raw bytes, or the report text as a str (one with a
    line break, or that names no file and does not look like a path: a str that looks like
    one — a document suffix, a folder, a separator — and names no file raises "no such
    file"). ``filename`` (a str or a path) names the format when ``source`` is bytes (its extension: .html,
    .docx …).
    Raises a :class:`~nlp_reports.errors.ParseError` subclass when the input cannot be read
    or holds no report content at all; a compilation of several reports (汇编, 年鉴) raises
    :class:`~nlp_reports.errors.NotAReportError` naming :func:`load_reports`, which splits it.
    """
    filename = _filename_arg(filename)
    doc, path, simplified, original = _read(source, filename)
    _refuse_compilation(simplified, path)
    return _parse(doc, path, simplified, original, named=filename)


def load_reports(source: str | os.PathLike | bytes, *,
                 filename: str | os.PathLike | None = None) -> list[Report | ParseError]:
    """Every report of a file: a compilation (汇编, 年鉴, a page printing two years' reports,
    a PDF binding a county's report with its bureau's) split into its reports, else the one
    report (a list of one, as :func:`load_report` gives it).

    The parts are cut where :func:`load_report`'s compilation check sees another report
    begin (a title line naming another body or year, followed by its own 一、总体情况; see
    docs/schema.md, *Compilations*), nothing guessed: each part is read on its own as a
    file holding only that report would be, and its ``metadata.part`` / ``metadata.parts``
    say which part of how many it is (both None for a file that is one report). A part that
    cannot be read on its own is given in its place as the
    :class:`~nlp_reports.errors.ParseError` it raised (``.part``, ``.parts``, ``.reason``;
    the message starts "part 2 of 3"), never merged into its neighbour. Text above a 汇编's
    first report title that holds section headings (a first report that lost its title and
    一) comes first as such a ParseError of its own, logged, never dropped. Errors of the
    whole file (unreadable, not a report) are raised as by :func:`load_report`.
    """
    filename = _filename_arg(filename)
    doc, path, simplified, original = _read(source, filename)
    bounds = compilation_parts(simplified)
    if bounds is None:  # one report
        return [_parse(doc, path, simplified, original, named=filename)]
    out: list[Report | ParseError] = []
    head = _head_sections(simplified, bounds[0][0])
    n = len(bounds) + bool(head)
    if head:  # (a first report that lost its title and 一: its text read by no part)
        shown = "、".join(_NUMERALS[x - 1] for x in dict.fromkeys(head))
        err = ParseError(
            f"part 1 of {n}: the text before the compilation's first report title holds "
            f"section headings ({shown}) but no title or section 一, so it is not read "
            "(a report that lost its head?); cut it into a file of its own with its title "
            "and parse that", path=path)
        err.part, err.parts = 1, n
        out.append(err)
        log.warning("%s: text before the first report title of a compilation holds section "
                    "headings (%s) and is read by no part", path or "<bytes>", shown)
    docs = _part_docs(doc, simplified, bounds)
    for k, (a, b), part_doc in zip(range(1 + bool(head), n + 1), bounds, docs, strict=True):
        try:
            out.append(_parse(part_doc, path, simplified[a:b], original[a:b], part=(k, n)))
        except ParseError as exc:
            err = type(exc)(f"part {k} of {n}: {exc.args[0] if exc.args else exc}", path=path)
            err.part, err.parts = k, n
            out.append(err)
    log.debug("%s: a compilation split into %d parts", path or "<bytes>", n)
    return out


def _part_docs(doc: Document, text: str, bounds: list[tuple[int, int]]) -> list[Document]:
    """The document each part of a compilation (汇编) is parsed from: ``doc``, its
    ``scanned_pages`` and ``sideways_pages`` cut to the pages that lie in the part, so that a
    report names only the scanned pages, and the pages of sideways text not read, inside its
    own page range (none when it has none), not the whole file's (:func:`_placed`)."""
    if not (doc.scanned_pages or doc.sideways_pages) or not doc.page_edges:
        return [doc] * len(bounds)
    from nlp_reports.ingest import to_simplified

    simple = to_simplified if doc.traditional else str
    parts = [_squashed(text[a:b]) for a, b in bounds]
    beside = {page: (before, after, own) for page, before, after, own in doc.page_edges}
    cut = {field: _placed(doc.source_format, beside, pages, parts, simple)
           for field in ("scanned_pages", "sideways_pages")
           if (pages := getattr(doc, field))}
    return [replace(doc, **{field: tuple(placed[i]) for field, placed in cut.items()})
            for i in range(len(bounds))]


def _placed(kind: str, beside: dict[int, tuple[tuple[str, ...], ...]],
            numbers: tuple[int, ...], parts: list[str],
            simple: Callable[[str], str]) -> list[list[int]]:
    """Per part of a compilation (``parts``: each one's squashed text), those of the page
    ``numbers`` that lie in it. A page is placed by the text on either side of it
    (``beside``: :func:`~nlp_reports.ingest.pdf.page_edges`) found in one part's text: the
    page after a report's last text and before the next report's title is that report's (its
    tables, typically), also when only the title after it tells where it lies (the text
    before it is a template's, in several parts). A page with text of its own (sideways
    text beside upright, a report's title above it) lies in the part holding its first and
    last lines: its own title would otherwise put it in the report before. A page that
    cannot be placed so stays with every part, as before: said where it may be, never
    dropped."""
    placed: list[list[int]] = [[] for _ in parts]
    for page in numbers:
        before, after, own = beside.get(page, ((), (), ()))
        first, _ = _part_of(parts, (simple(s) for s in own))
        last, _ = _part_of(parts, (simple(s) for s in reversed(own)))
        if first is not None or last is not None:
            # its own text tells (a page ending one report and opening the next: every part)
            k = first if last in (None, first) else last if first is None else None
        else:
            k, _ = _part_of(parts, (simple(s) for s in reversed(before)))
            k_after, at = _part_of(parts, (simple(s) for s in after))
            if k is None and k_after and at < _TITLE_REACH:
                # the text before is in several parts (a county's template) or none, and the
                # text after opens a report (its title): the page lies after the report before
                k = k_after - 1
            elif k is None or (k_after is not None and not 0 <= k_after - k <= 1):
                k = k_after if k is None else None
        if k is None:
            log.info("%s: page %d of a compilation could not be placed in one of its "
                     "reports; each report names it", kind, page)
        for i, pages in enumerate(placed):
            if k is None or i == k:
                pages.append(page)
    return placed


def _squashed(text: str) -> str:
    """``text`` with only its letters, digits and Chinese characters (NFKC): a line of the PDF
    read again is found in the parsed text whatever spacing or punctuation width either has."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


#: A line found this near the start of a part's squashed text (a title's length) opens it.
_TITLE_REACH = 64


def _part_of(parts: list[str], lines: Iterable[str]) -> tuple[int | None, int]:
    """The one part (index into ``parts``, squashed texts) holding the first of ``lines``
    that is long enough to tell (6 characters) and found in exactly one part, and where in
    it that line starts; (None, -1) if none."""
    for line in lines:
        said = _squashed(line)
        if len(said) < 6:
            continue
        hits = [i for i, part in enumerate(parts) if said in part]
        if len(hits) == 1:
            return hits[0], parts[hits[0]].find(said)
    return None, -1


def _filename_arg(filename: object) -> str | None:
    """``filename=`` as a str (ingest.filename_arg: a PathLike is its path)."""
    from nlp_reports.ingest import filename_arg

    return filename_arg(filename)


def _read(source: str | os.PathLike | bytes, filename: str | None):
    """The document read (ingest), its path for messages, and its simplified and original
    texts (the original only where the conversion kept the length, else the simplified)."""
    from nlp_reports.ingest import read_document

    doc = read_document(source, filename=filename)
    # a str holding the report text is not a path (nor printed back in error messages)
    path = (None if isinstance(source, (bytes, bytearray, memoryview)) or doc.source_format == "text"
            else os.fsdecode(os.fspath(source)))
    simplified = doc.simplified
    original = doc.text if doc.traditional and len(doc.text) == len(simplified) else simplified
    if badges := badge_spans(simplified):  # "五" above "存在的主要问题…" → one heading line
        same = original is simplified
        simplified = _replaced(simplified, badges)
        original = simplified if same else _replaced(original, badges)
    if doc.traditional and original is simplified:
        log.info("%s: traditional → simplified changed the length; statements are given in "
                 "simplified characters", path or "<bytes>")
    return doc, path, simplified, original


def _add_statements(out: list[Statement], found, original: str) -> None:
    """Append the statements ``found`` in section 五 to ``out``, each on one line (:func:`_clean`),
    numbered on: a picture standing as an item of its own (a photo between the blocks of a
    WeChat article's 五) and the caption under it are none."""
    after_image = False
    for st in found:
        text = _clean(original[st.start:st.end])
        if not text.replace(IMAGE_MARK, "").strip():
            after_image = True
            continue
        if after_image and _CAPTION.fullmatch(text):
            after_image = False
            continue
        after_image = False
        out.append(Statement(len(out), text, st.block, st.marker))


def _replaced(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span replaced, spans in order."""
    out, at = [], 0
    for a, b, rep in spans:
        out += [text[at:a], rep]
        at = b
    out.append(text[at:])
    return "".join(out)


def _parse(doc, path: str | None, simplified: str, original: str, *,
           part: tuple[int, int] | None = None, named: str | None = None) -> Report:
    """The Report of ``simplified`` (and ``original``, the same text in the characters as
    written). ``part``: (k, N) when the text is the k-th of a compilation's N reports, else
    None (the whole file, whose compilation check its caller has made). ``named``: the
    filename given with bytes (a zip member's path), where a page's linked file is looked for."""
    problems: list[Problem] = []

    layout = analyse(simplified)
    sections = _sections(layout, simplified, original)
    section_texts = _section_texts(layout, sections, simplified, original is simplified)

    # statements of section 五
    statements: list[Statement] = []
    s5 = next((s for s in layout.sections if s.number == 5), None)
    if s5 is not None:
        split = split_section5(simplified, s5.body_start, s5.body_end,
                               title=simplified[s5.title_start:s5.title_end])
        _add_statements(statements, split.statements, original)
        if split.empty:
            problems.append(Problem("empty_section_5",
                                    "section 五 says there is nothing to report (无 / 暂无)"))
        elif split.unsplit:
            problems.append(Problem("statements_unsplit",
                                    "section 五 has no enumerated items in some block; "
                                    "it was split into sentences"))

    # metadata needed by the tables (the year)
    title = None
    if layout.title_span:
        title = meta.title_text(_clean(original[layout.title_span[0]:layout.title_span[1]]))
    simple_title = _clean(simplified[slice(*layout.title_span)]) if layout.title_span else None
    agency, title_year = meta.agency_and_year(simple_title)
    head = simplified[:layout.content_start] if layout.title_span else simplified[:600]
    tail_date = simplified[layout.date_span[0]:layout.date_span[1]] if layout.date_span else None
    # (the text after the title is sliced only when the title names no year)
    year = title_year or meta.report_year(None, simplified[layout.content_start:])
    year_from = ("title" if title_year else "text") if year else None
    first_part = min((s.title_start for s in layout.sections), default=layout.content_start)
    period = meta.period_year(simplified, layout.content_start) if title_year else None
    published, page_date, signed, published_from = meta.publication(
        head, tail_date, year,
        simplified[slice(*layout.head_date_span)] if layout.head_date_span else None,
        meta.notice_date(simple_title, simplified[layout.content_start:first_part], year,
                         _line_above(simplified, layout.title_span)),
        period, simplified[layout.date_span[1]:] if layout.date_span else None)
    dates = tuple(d for d in (signed, None if meta.reposted(page_date, signed) else page_date)
                  if d)
    if year is None:  # neither title nor text names it: published in Jan–Mar of the next year
        year = meta.year_from_dates(dates, simplified[layout.content_start:])
        year_from = "dates" if year else None
    if title_year:  # the title's year against the data period, the dates and 总体情况
        s1 = next((s for s in layout.sections if s.number == 1), None)
        year, conflict = meta.resolve_year(
            title_year, period,
            meta.opening_year(simplified[s1.body_start:s1.body_start + 40] if s1 else None),
            dates, published)
        if conflict:
            problems.append(Problem("year_conflict", conflict))
        if year != title_year:
            year_from = "text"  # the data period's
    if s5 is None:  # an older layout's problems and measures under a sub-heading of another part
        statements, note = _inner_statements(layout, simplified, original, year)
        if note is not None:
            problems.append(note)
    signature = (simplified[layout.signature_span[0]:layout.signature_span[1]].strip()
                 if layout.signature_span else None)
    if agency is None:
        agency = signature
    # a bare place from the title ("柳岸县") as the sign-off or text names it ("柳岸县人民政府")
    agency = meta.full_agency(agency, signature, simplified)

    tables, table_problems, table_layout = _read_tables(section_texts, year)
    if (not tables and simple_title and _ABOUT_REPORT.search(simple_title)
            and (len(sections) < _ABOUT_PARTS_MAX or _RETELLING.search(simplified)
                 # a report on 2019 or later holds the national tables: its parts without them
                 # are a 图解 page's retelling ("一图读懂…" over 一…六 and a figure each)
                 or (year is not None and year >= _TABLES_SINCE))):
        raise NotAReportError(
            f"a page about the report (解读, 图解, 一图读懂: '{simple_title[:60]}'), not the "
            "report: it retells the report's parts without its tables; save the report's own "
            "page (or its attached file) and parse that", path=path)
    if not sections and not tables:
        _reject_non_report(simplified, agency, year, path, named)
    elif (not tables and (not _KEY_PHRASE.search(simplified) or _other_openness(simplified))
          and _misnumbered(layout, simplified)):
        # its only headings read as sections are numbered otherwise (a 法治政府建设 report's
        # "二、存在的不足" taken for 五), and no key phrase — or a title naming another body's
        # openness (检务公开 of a procuratorate, whose text cites its 案件信息公开网): a report
        # of another kind
        raise NotAReportError(
            "not an information-disclosure report: no table and none of the key phrases "
            "(政府信息公开 / 政务公开 / 依申请 / 年度报告), or a title naming another kind of "
            "openness (检务公开, 审务公开, 党务公开, 村务公开 …), although it has numbered "
            "headings: a report of another kind (法治政府建设, 工作总结 …)?", path=path)
    elif not tables and not _prose("\n".join(section_texts.values()))[1] and (
            (contents := _contents_only(layout, simplified, section_texts))
            or not title and (len({s.number for s in sections}) < _HEADINGS_ENOUGH
                              or not any(t.strip() for t in section_texts.values()))):
        _refuse_headings_only(layout, simplified, path, contents=contents)
    problems.extend(_sheet_beside(table_problems, path, agency, year))
    checks = _run_checks(tables, section_texts)

    s5_title = simplified[s5.title_start:s5.title_end] if s5 else None
    if meta.reposted(page_date, signed):
        problems.append(Problem(
            "reposted_page", f"the page's date {page_date} is a year or more after the "
            f"report's signature date {signed}: a re-post; published is the signature date"))
    metadata = Metadata(
        title=title,
        agency=agency,
        year=year,
        year_from=year_from,
        level=meta.level_of(agency, simplified[:layout.content_start + meta.REGION_SCAN], year),
        region=meta.region_of(agency, simplified[layout.content_start:
                                                 layout.content_start + meta.REGION_SCAN]),
        published=published,
        published_from=published_from,
        format=meta.format_of(year, table_layout, s5_title, len(sections),
                              None if table_layout else _outline(layout, simplified)),
        source=path,
        source_format=doc.source_format,
        encoding=doc.encoding,
        traditional=doc.traditional,
        part=part[0] if part else None,
        parts=part[1] if part else None,
    )

    older = year is not None and year < 2021  # (before the 2021 format, 国办公开办函〔2021〕30号)
    problems[:0] = (_scan_problems(doc) + _sideways_problems(doc) + _paged_problems(doc, sections)
                    + _layout_problems(layout, sections, simplified, path)
                    + _numbering_problems(layout, simplified, older=older)
                    + _fee_part_problems(layout, simplified, metadata.format, year))
    problems.extend(_annex_problems(title, sections, tables, statements))
    if not tables and (year < 2019 if year is not None else metadata.format == "legacy"):
        # an older report's own statistics table (统计表): seen, its figures not read
        older_table = older_table_problem(simplified, layout.sections, year)
        if older_table is not None:
            problems.append(older_table)
    log.debug("parsed %s: %d sections, %d statements, %d tables, %d problems",
              path or "<bytes>", len(sections), len(statements), len(tables), len(problems))
    annexes = () if layout.annex_span is None else tuple(
        Annex(title, a, b) for title, a, b in annex_titles(
            original if len(original) == len(simplified) else simplified, layout.annex_span))
    if TURNED_CELL_MARK in original:
        # the mark of a PDF cell whose only characters were turned digits is for the table
        # reader (the cell named in its table's problem), no text of the report: blanked to
        # its length (sections' offsets stay), and out of any statement
        original = original.replace(TURNED_CELL_MARK, " " * len(TURNED_CELL_MARK))
        statements = [replace(s, text=s.text.replace(TURNED_CELL_MARK, "").strip())
                      if TURNED_CELL_MARK in s.text else s for s in statements]
    return Report(metadata=metadata, sections=tuple(sections), statements=tuple(statements),
                  tables=tuple(tables), checks=tuple(checks), errors=tuple(problems),
                  annexes=annexes, text=original)


def _inner_statements(layout: Layout, simplified: str, original: str,
                      year: int | None) -> tuple[list[Statement], Problem | None]:
    """Statements of a report without section 五 read from the problems and measures headed
    inside another section (:func:`sections.inner_section5`: "（三）存在的不足" in 概述, "一、
    存在的问题 / 二、改进措施" in 其他需要报告的事项), as section 五's would be, and the
    ``statements_outside_section5`` note naming where; ([], None) when there are none.
    ``year``: the year reported on (a sub-heading naming it or an earlier one reviews)."""
    statements: list[Statement] = []
    where = []
    for b in inner_section5(simplified, layout, year):
        split = split_section5(simplified, b.body_start, b.end, title=b.heading)
        if not split.statements:
            continue
        _add_statements(statements, split.statements, original)
        section = next(s for s in layout.sections if s.number == b.section)
        where.append(f"'{b.heading}' in section {_NUMERALS[b.section - 1]} "
                     f"({simplified[section.title_start:section.title_end]})")
    if not statements:
        return [], None
    return statements, Problem(
        "statements_outside_section5",
        f"no section 五: its statements were read from the sub-heading {'; '.join(where)}")


def _misnumbered(layout: Layout, text: str) -> bool:
    """Whether no section heading found carries its section's numeral: "二、存在的不足和原因"
    of a 法治政府建设 report taken for section 五, while a pasted "五、存在的主要问题…" has it."""
    return all(_NUMERALS[s.number - 1] not in text[max(0, s.title_start - 4):s.title_start]
               for s in layout.sections)


#: The title of a document of another kind: a plan or work points (政务公开工作要点, 工作
#:方案, 实施方案 …), or an official notice, opinion, bulletin (关于…的通知 / 意见 / 通报).
_OTHER_KIND_TITLE = re.compile(
    r"^[ \t\u3000]*(?:[^\n。；;]{2,60}?(?:工作要点|工作方案|实施方案|工作计划|工作安排|任务分工"
    r"|责任清单)|[^\n。；;]{0,30}关于[^\n。；;]{2,60}(?:通知|意见|通报|决定|批复|函))"
    r"[)）]?[ \t\u3000\r]*$", re.M)
#: How many lines at the top may hold a title (a saved page's chrome may come first).
_OTHER_KIND_LINES = 40


#: The openness of bodies the 条例 does not govern, as a report's title names it: courts
#: (审务/司法公开), procuratorates (检务), prisons (狱务), the party (党务), villages and
#: residents' committees (村务/居务) — not 政务公开 or a hospital's 院务公开.
_OTHER_OPENNESS = re.compile(r"(?:检务|审务|司法|狱务|党务|村务|居务)公开")
_DISCLOSURE_TITLE = re.compile(r"政府信息公开|政务公开")


def _other_openness(text: str) -> bool:
    """Whether the text's first title-like line (≤ 80 characters, no "。", among the first
    few lines) names another body's openness (:data:`_OTHER_OPENNESS`) and not 政府信息公开
    or 政务公开."""
    for line in text.lstrip().split("\n", 6)[:6]:
        if line.strip() and len(line) <= 80 and "。" not in line:
            return bool(_OTHER_OPENNESS.search(line)) and not _DISCLOSURE_TITLE.search(line)
    return False


def _refuse_other_kind(text: str, path: str | None) -> None:
    """Raise NotAReportError for a text without section headings or tables whose title names
    a document of another kind ("泓城市2024年政务公开工作要点", "关于印发…实施方案的通知")
    and none of whose title lines names an annual report (年度报告/年报): a notice about 政务
    公开 has the key phrases and the issuing office's name, so it was stored as that office's
    report with no year and a body line as its title. A report sent out under a notice
    ("关于印发…年度报告的通知") names the report and is read."""
    lines = text.split("\n", _OTHER_KIND_LINES)[:_OTHER_KIND_LINES]
    m = _OTHER_KIND_TITLE.search("\n".join(lines))
    if m is None:
        return
    if any(_ANNUAL_REPORT.search(line) for line in lines
           if line.strip() and len(line) <= 80 and "。" not in line):
        return
    raise NotAReportError(
        f"not an annual report: its title '{m.group().strip()}' names a document of another "
        "kind (工作要点, 工作方案, 实施方案, 通知 …), no title line says 年度报告, and it has "
        "no section heading or table of the national format", path=path)


def _reject_non_report(simplified: str, agency: str | None, year: int | None,
                       path: str | None, named: str | None = None) -> None:
    """Raise NotAReportError for a text with no section heading and no table that names
    neither an agency nor a year, or has no key phrase: a key phrase alone ("政务公开" in a
    saved page's footer, "政府信息公开" repeated) is no report, while an older free-prose
    report still has its title's agency and year; or that only points to the report
    (:func:`_refuse_pointer`), or whose prose is too short for a report (:func:`_refuse_short`:
    a correction notice, a list page of report titles)."""
    _refuse_pointer(simplified, path, path or named)
    _refuse_error_page(simplified, path)
    # (a title of another kind stands above the text's first sentence: "2010年工作计划" under
    # an older prose report's figures is its sub-heading, not a notice's title)
    first = simplified.find("。")
    if first < 0 or _OTHER_KIND_TITLE.search(simplified, 0, simplified.rfind("\n", 0, first) + 1):
        _refuse_other_kind(simplified, path)
    if not _KEY_PHRASE.search(simplified):
        raise NotAReportError(
            "no annual-report content: no section heading, no table and no key phrase "
            "(政府信息公开 / 政务公开 / 依申请 / 年度报告)", path=path)
    if agency is None and year is None:
        raise NotAReportError(
            "no annual-report content: no section heading, no table, and neither an agency "
            "nor a report year found (a key phrase alone is not a report)", path=path)
    _refuse_short(simplified, path)


#: A text of this many of the form's sections is a report's body, though each says only "无"
#: and the title was not kept (a page's article body): it is stored, its gaps listed. Fewer,
#: or headings with nothing at all under any (a table of contents, a blank template), with
#: no title, table or sentence, is a fragment (:func:`_refuse_headings_only`).
_HEADINGS_ENOUGH = 3
#: A table of contents' label on a line of its own ("目录", "目 录", "目  录").
_CONTENTS_LABEL = re.compile(r"[ \t\u3000]*目[ \t\u3000]*录[ \t\u3000]*")
#: A heading line of a table of contents: a page number at its end, after dotted leaders or
#: spaces ("一、总体情况……………1", "二、主动公开政府信息情况.......3", "三、…　　5").
_CONTENTS_PAGE = re.compile(r"(?:[.．…·⋯—-]{2,}|[ \t\u3000])[ \t\u3000]*\d{1,3}[ \t\u3000]*$")

#: An entry of a table of contents in a section's text: a page number after dotted leaders
#: ("（一）主动公开……3"), or after spaces on a line opening with a part's number ("六、其他
#: 需要报告的事项　11"; not "收到申请数 5", a figure of an unread table).
_CONTENTS_ENTRY = re.compile(
    r"[.．…·⋯]{3,}[ \t\u3000]*\d{1,3}[ \t\u3000]*$"
    r"|^[ \t\u3000]*(?:[一二三四五六七八九十]{1,2}[、.．]|第[一二三四五六七八九十]{1,2}部分)"
    r".*(?:[ \t\u3000]{2,}|\u3000)\d{1,3}[ \t\u3000]*$")


def _contents_only(layout: Layout, text: str, section_texts: dict[int, str]) -> bool:
    """Whether the text is a table of contents and nothing else: three or more of the form's
    headings with nothing under any, after a "目录" line or each with its page number
    ("一、总体情况……1"). Stored, it was a report of six empty sections (a report's first
    page saved alone, titled or not). A report that opens with its own 目录 has its text
    under the headings and is read as one."""
    sections = layout.sections
    if len({s.number for s in sections}) < _HEADINGS_ENOUGH or not all(
            _contents_lines(t) for k, t in section_texts.items() if k != 0):
        return False
    if _CONTENTS_LABEL.fullmatch(section_texts.get(0, "")):
        return True
    return all(_CONTENTS_PAGE.search(text[s.title_start:s.title_end])
               or section_texts.get(s.number, "").strip().isdigit() for s in sections)


def _contents_lines(text: str) -> bool:
    """Whether a section's text holds only what a table of contents puts there: nothing, a
    page number set apart by wide spaces, or an entry not read as a heading, ending in its
    page number ("六、其他需要报告的事项……11")."""
    return all(not line.strip() or line.strip().isdigit() or _CONTENTS_ENTRY.search(line)
               for line in text.split("\n"))


def _refuse_headings_only(layout: Layout, text: str, path: str | None,
                          contents: bool = False) -> None:
    """Raise NotAReportError for a text too small to be any report: section headings, but
    no title line, no table and not one sentence of prose under or around them ("依申请公开",
    "一、总体情况" alone, a heading cut from a page). A report has at least one of the three —
    the shortest, a township's one-line report, its title; a pasted section 五 its sentences —
    while such a text was stored as a report of one empty section, counted in every summary's
    denominators and audit rows."""
    shown = "; ".join(text[text.rfind("\n", 0, s.title_start) + 1:s.title_end].strip()
                      for s in layout.sections[:3])
    if contents:
        raise NotAReportError(
            f"too small to be a report: a table of contents (目录) — section headings ({shown}) "
            "and nothing under any but page numbers — without the report's body (its first page saved alone?) "
            "Save the whole report and parse that", path=path)
    raise NotAReportError(
        f"too small to be a report: section headings ({shown}) but no title, no table and no "
        "sentence of text under them — a fragment of a report (a download cut short, a copied "
        "heading)? Save the whole report and parse that", path=path)


#: A line opening section 一 (一、总体情况 / 第一部分 概述): where each report of a
#: compilation starts; its title line is above it. Matched at the text's start and at the
#: lines headings.numeral_lines found (those starting with 第 or a numeral, the scan that
#: badge_spans made of the same text): a scan of its own cost ~9 µs a report.
_SECTION1_START = re.compile(r"[ \t\u3000]{0,8}(?:一|第一(?:部分|章|节))")
#: How many lines above a section 一 heading its report's title may stand (chrome between).
_TITLE_SCAN = 30
#: A compilation's own title (汇编 of reports, a 年鉴, a 合集) — not an agency named after
#: one (地方志和年鉴编纂中心, 年鉴社, 年鉴编辑部).
_COMPILATION_TITLE = re.compile(r"(?:汇编|年鉴|合集|选编)(?!编纂|编辑|社|中心|办|部|馆)")


def _heading_number(text: str, l0: int, l1: int) -> int | None:
    """The section number of the heading on the line text[l0:l1], else None."""
    hit = _match_heading(text, l0, l1, _HEADING)
    if hit is None:
        return None
    found, number = section_number(text[hit[1]:hit[2]])
    return number if found else None


def _in_contents(text: str, end: int, heading: Callable[[int, int], int | None]) -> bool:
    """Whether the section 一 heading line ending at ``end`` is an entry of a table of contents
    (目录: "一、总体情况  1" ⏎ "二、主动公开政府信息情况  2" …): the next line holding
    anything is section 二's heading, with no text of section 一 between them. A report's
    contents and its body are one report, however its cover and body titles are worded."""
    p = end
    for _ in range(3):  # (blank lines between entries)
        if p >= len(text):
            return False
        q = text.find("\n", p + 1)
        q = len(text) if q < 0 else q
        if text[p + 1:q].strip(" \t\u3000\r"):
            return heading(p + 1, q) == 2
        p = q
    return False


def _compilation(text: str) -> tuple[list[_Run], list[int]] | None:
    """The reports of a compilation (汇编, 年鉴): several reports one after another, each a
    report title followed by its own 一、总体情况 — each report's (agency, year, title, year
    its 一 opens with) and the offset where it starts; None for one report. Parsed as one
    report a compilation was stored as its first agency's (or an agency cut from the
    compilation's title) with the first report's figures, and the others were dropped.

    A run of sections counts as another report when the title line above its section 一
    names another agency or year than the run before (a title repeated on a cover page, a
    summary page or each PDF page's header is the same report), or, in a text titled as a
    compilation (汇编/年鉴), when its title is worded otherwise.

    A report starts at its title line; one under no title line (a run counted by the year
    its 一 opens with, or whose title only its opening sentence names) starts after the
    last closing date line (落款: "2024年1月15日") above its 一, else at its 一. The first
    starts at the text's start (a page's head and dates are the first report's), or, in a
    text titled as a compilation, at its title line (the compilation's cover and 目录 are no
    report's)."""
    titles: list[str | None] = []  # the title of each run of sections
    openings: list[int | None] = []  # the year each run's 一、总体情况 opens with
    starts: list[int] = []  # where each run's report would start
    first = -1
    last = 0  # where the text above the next section 一 starts
    heading = partial(_heading_number, text)

    at0 = [0] if _SECTION1_START.match(text) else []
    ones = []  # the section 一 heading lines (l0, l1), entries of a 目录 aside
    for l0 in chain(at0, (at for at in numeral_lines(text) if _SECTION1_START.match(text, at))):
        l1 = text.find("\n", l0)
        l1 = len(text) if l1 < 0 else l1
        if heading(l0, l1) == 1 and not _in_contents(text, l1, heading):
            ones.append((l0, l1))
    if len(ones) < 2:  # one report: no run's title or opening year is needed
        return None
    for l0, l1 in ones:
        title, title_at = _title_above(text, last, l0)
        above = last
        last = l1
        opening = meta.opening_year(text[l1 + 1:l1 + 41])
        # (a run under no title line counts by the year its 一 opens with: the first report
        # of a page printing two, whose title the page gave once, at its top or not at all)
        if title is not None or opening is not None:
            if title is not None:
                first = l0 if first < 0 else first
            titles.append(title)
            openings.append(opening)
            starts.append(title_at if title_at is not None else _after_closing(text, above, l0))
    if len(titles) < 2:  # one report (its title's agency and year are not needed)
        return None
    # (agency, year, title, year its 一 opens with)
    runs = [(*meta.agency_and_year(title), title, opening)
            for title, opening in zip(titles, openings, strict=True)]
    named = any(_COMPILATION_TITLE.search(line) and len(line) <= 80
                for line in text[:first].split("\n")[:_TITLE_SCAN])
    reports = [runs[0]]
    at = [starts[0] if named and titles[0] is not None else 0]
    for run, start in zip(runs[1:], starts[1:], strict=True):
        if (named and run[2] and reports[-1][2] and run[2] != reports[-1][2]
                and not _same_report(run, reports[-1])
                or _other_report(run, reports[-1])):
            reports.append(run)
            at.append(start)
    if len(reports) < 2:
        return None
    return reports, at


def compilation_parts(text: str) -> list[tuple[int, int]] | None:
    """Where each report of a compilation (汇编, 年鉴, a page printing two years' reports)
    starts and ends in ``text`` (the simplified text :func:`load_report` reads), in order
    and covering the text from the first report on; None when it is one report."""
    found = _compilation(text)
    if found is None:
        return None
    at = found[1]
    return [(a, b) for a, b in zip(at, [*at[1:], len(text)], strict=True)]


#: A line that may open a section heading after 一 (二、… 第三部分 …): where
#: :func:`_head_sections` looks.
_LATER_SECTION_LINE = re.compile(r"(?:^|\n)[ \t\u3000]{0,8}(?:[二三四五六七八]|第[二三四五六七八](?:部分|章|节))")


def _head_sections(text: str, end: int) -> list[int]:
    """The section numbers (二 … 八) of the headings in text[:end], the text above a
    compilation's first report title: its cover and 目录 hold none, a first report that lost
    its title and 一 does (its 二、…五、 with their text), and that is report text no part
    holds (:func:`load_reports` says so instead of dropping it)."""
    heading = partial(_heading_number, text)

    numbers = []
    for m in _LATER_SECTION_LINE.finditer(text, 0, end):
        l0 = m.start() + (text[m.start()] == "\n")
        l1 = text.find("\n", l0, end)
        l1 = end if l1 < 0 else l1
        n = heading(l0, l1)
        if n is not None and n > 1 and not _in_contents(text, l1, heading):
            numbers.append(n)
    return numbers


def _refuse_compilation(text: str, path: str | None) -> None:
    """Raise NotAReportError for a compilation (:func:`_compilation`), naming its reports
    and what reads them one by one (:func:`load_reports`, ``nlp-reports parse``)."""
    found = _compilation(text)
    if found is None:
        return
    reports = found[0]
    shown = [(a or t, y or o, o) for a, y, t, o in reports[:3]]
    if len({(name, y) for name, y, _ in shown}) < len(shown):  # one title over two years
        shown = [(name, o or y, o) for name, y, o in shown]
    names = "; ".join(f"{name} {y or ''}".strip() if name else f"{y} (no title line)"
                      for name, y, _ in shown)
    raise NotAReportError(
        f"a compilation of {len(reports)} reports ({names}{' …' if len(reports) > 3 else ''}), "
        "not one report (a collection, or a saved page that printed several years' reports "
        "in full): load_reports() reads each as a report of its own (nlp-reports parse "
        "splits it), or split it into one file per report (each from its title to its "
        "signature, or save each report's own page) and parse those", path=path)


#: A closing date on a line of its own (落款: "2024年1月15日", "二〇二四年一月十五日"): the
#: end of the report above it, when the next report has no title line.
_CLOSING_DATE = re.compile(
    r"\n[ \t\u3000]*(?:(?:19|20)\d{2}|[二][〇零○O0][一二三四五六七八九〇零○O0]{2})[ \t]*年"
    r"[ \t]*[\d一二三四五六七八九十元]{1,3}[ \t]*月(?:[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*日)?"
    r"[ \t\u3000\r]*(?=\n)")


def _after_closing(text: str, start: int, end: int) -> int:
    """Where a report under no title line starts: the line after the last closing date line
    (:data:`_CLOSING_DATE`) in text[start:end], else ``end`` (its 一's line)."""
    last = None
    for m in _CLOSING_DATE.finditer(text, max(start - 1, 0), end):
        last = m
    return last.end() + 1 if last is not None else end


def _title_above(text: str, start: int, end: int) -> tuple[str | None, int | None]:
    """The nearest report title line (:func:`_is_title_line`) among the :data:`_TITLE_SCAN`
    lines of text[start:end] above ``end``, stripped, and where its line starts; the title
    the opening sentence names (现公布…年度报告) and None when no line is one; (None, None)
    if there is none."""
    e = end - 1
    for _ in range(_TITLE_SCAN):
        if e < start:
            break
        b = max(text.rfind("\n", start, e) + 1, start)
        line = text[b:e].strip(" \t\u3000\r")
        if _is_title_line(line):
            return line, b
        e = b - 1
    # no title line (lost as an image): the one the opening sentence names ("现公布…年度报告")
    m = _PUBLISHED_TITLE.search(_LINE_BREAKS.sub("", text[max(e, start, end - 600):end]))
    return (m.group(1) if m else None), None


#: A report's title line: names a 年度报告/年报 (or is worded as a report on the year's
#: disclosure work), no sentence in it, not a page's chrome or breadcrumb.
_REPORT_TITLE = re.compile(r"(?:年度报告|年报|工作报告)[》”]?(?:[(（][^\n]{0,12}[)）])?$"
                           r"|(?:19|20)\d{2}年度?[^\n。，,；;]{0,40}(?:政府信息公开|政务公开)[^\n。，,；;]{0,12}报告$")
#: The opening sentence naming the report it opens ("现公布某县人民政府2023年政府信息公开工作
#: 年度报告。").
_PUBLISHED_TITLE = re.compile(r"公布([^。，,；;：:\n]{4,60}?(?:年度报告|年报))")
_NOT_TITLE = re.compile(r"[。，,；;：:>›»|]|发布时间|来源|当前位置|首页")


def _is_title_line(line: str) -> bool:
    return (4 <= len(line) <= 80 and bool(_REPORT_TITLE.search(line))
            and not _NOT_TITLE.search(line))


_Run = tuple[str | None, int | None, str | None, int | None]


def _same_report(run: _Run, before: _Run) -> bool:
    """True when both titles name an agency and a year, and the same ones (a cover and a
    body title worded otherwise: one report, even in a text that mentions a 年鉴)."""
    return bool(run[0] and run[1] and before[0] and before[1]) and not _other_report(run, before)


def _other_report(run: _Run, before: _Run) -> bool:
    """True when a run of sections is another report than ``before``'s: its title names
    another year, or another agency (one name inside the other is the same: "公安局" /
    "某市公安局"; and so are names that differ by 人民: "某市人民政府办公室" / "某市政府办公
    室"); or its 一、总体情况 opens with another year ("2022年，…" / "2023年，…": a page titled
    as one year's report printing two in full, one under the page's title), as no copy of
    one report does."""
    (agency, year, _, opening), (agency0, year0, _, opening0) = run, before
    if year and year0 and year != year0 or opening and opening0 and opening != opening0:
        return True
    if not (agency and agency0):
        return False
    agency, agency0 = agency.replace("人民", ""), agency0.replace("人民", "")
    return agency not in agency0 and agency0 not in agency


@lru_cache(maxsize=1)
def _sentence_mark() -> re.Pattern[str]:
    """A line of prose holds a sentence mark: a full-width one, or a half-width one after a
    Chinese character (titles, links, dates and menus hold none). Compiled on first use, as
    ``metadata._hanzi``: only a text without headings and tables is weighed (:func:`_prose`)."""
    return re.compile(r"[。，；！？]|(?<=[\u4e00-\u9fff])[,;!?]")


#: A text without headings or tables with less prose than this (Chinese characters) and no
#: figure in it is too short to be a report: older reports in prose run to 130 and more (a
#: township's 2014 report: what it published, no applications, no fees, one problem), and
#: the tersest state their figures ("主动公开政府信息86条，受理申请2件").
_MIN_REPORT_PROSE = 80
#: A figure of the year's work (86条, 2件, 一百二十条, 两件); dates and years are none.
#: (From a run's first digit, taken whole: retried at each digit of a long run it was
#: quadratic, 54 s for a line of 70,000 digits.)
_FIGURE = re.compile(r"(?:(?<!\d)\d++(?:\.\d++)?|(?<![零一二两三四五六七八九十百千万])"
                     r"[零一二两三四五六七八九十百千万]++)[ \t]*+[条件项份次个家人%]")
#: A zero stated in words (未收到…申请, 未发生行政复议): a figure of a text titled as an
#: annual report (年度报告), not of a note about one ("…情况说明：全年未收到申请。").
_ZERO_IN_WORDS = re.compile(r"未(?:收到|受理|发生|收取)[^。，；\n]{0,12}?(?:申请|复议|诉讼|费)")
_ANNUAL_REPORT = re.compile(r"年度报告|年报")
#: A line of a report's work, where a figure counts even without sentence punctuation (the
#: figures of an older report listed one a line: "受理政府信息公开申请  2件"); a list
#: page's "共10条" is none.
_WORK_WORDS = re.compile(r"申请|公开|复议|诉讼|收费|答复")
#: A correction notice (更正说明) states what it corrects; the corrected report is another file.
_CORRECTION = re.compile(r"更正说明|勘误说明|更正如下|勘误如下|更正为")
#: Below this much prose (Chinese characters) a text stating a correction is the notice
#: itself, not a report that mentions one (a 193-character township report correcting data
#: for a citizen is a report).
_CORRECTION_PROSE_MAX = 150
#: A report's title as a list page gives it ("…2015年政府信息公开工作年度报告").
_LISTED_TITLE = re.compile(r"(?:19|20)\d{2}年度?[^\n。，；]{0,30}?(?:年度报告|年报)")
#: A text without headings naming this many years' reports is a list page, even with a
#: summary of figures under each title (a report in prose names one or two: its own, the last)
_LIST_YEARS = 3


#: A title naming a page about the report, not the report (解读, 图解, 一图读懂): a word of
#: it before the report's name ("图解：…年度报告", "【一图读懂】《…》", "解读：…") or after
#: it ("…年度报告》政策解读", "…年度报告（图解）"). Such a page retells the report's parts
#: under numbered headings of its own, without the tables: read, it was a phantom report.
_ABOUT_REPORT = re.compile(
    r"^[ \t\u3000]*[【\[（(]?[ \t\u3000]*(?:一图(?:读懂|看懂|速览|了解|解读)|图解|图说|图读"
    r"|(?:政策|图文|文字|视频|动漫|漫画|专家)?解读)"
    r"|(?:年度报告|年报)》?[ \t\u3000]*[（(【\[]?[ \t\u3000]*(?:的)?"
    r"(?:图解版?|图文解读版?|政策解读|解读版?|一图读懂)[ \t\u3000]*[）)】\]]?[ \t\u3000]*$")


#: A page about the report retells it in a few points of its own; a page so titled with
#: this many of the report's parts or more, saying nothing of a retelling (:data:`_RETELLING`)
#: and on a year before the national tables (:data:`_TABLES_SINCE`), is the report itself (an
#: older report without tables: "【政策解读】…年度报告", "…年度报告（图解版）" over its six parts).
_ABOUT_PARTS_MAX = 5
#: The first year reported on in the 2019 form, with its national tables (表二–表四).
_TABLES_SINCE = 2019
#: Words of a retelling: "现将主要内容解读如下", "报告指出/显示/提到", the report quoted as a
#: title of another text (《…年度报告》).
_RETELLING = re.compile(r"解读如下|报告(?:指出|显示|提到|称)|《[^》\n]{0,80}?(?:年度报告|年报)》")


def _refuse_short(text: str, path: str | None) -> None:
    """Raise NotAReportError for a text without headings or tables whose prose is too short
    for a report, saying what it looks like: a correction notice (更正说明), a site's list
    of report titles (links and dates), or a page about the report. Each parsed to a report
    of the agency and year with nothing in it, counted in every table (a phantom report), and
    a notice published later would win ``--dedupe`` over the report itself."""
    lines, prose = _prose(text)
    titles = {m.group() for m in _LISTED_TITLE.finditer(text)}
    if len({t[:4] for t in titles}) >= _LIST_YEARS:  # summaries under each: prose, figures
        raise NotAReportError(
            f"a list of {len(titles)} report titles, not a report (a site's list page): save "
            "each report's own page and parse those", path=path)
    if prose < _CORRECTION_PROSE_MAX and _CORRECTION.search(text):
        raise NotAReportError(
            "a correction notice (更正说明) for the report, not the report: the corrected "
            "report is a separate file (parse that one)", path=path)
    if prose >= _MIN_REPORT_PROSE or any(_FIGURE.search(line) for line in lines) or any(
            _FIGURE.search(line) and _WORK_WORDS.search(line) for line in text.split("\n")
    ) or (_ZERO_IN_WORDS.search(text) and _ANNUAL_REPORT.search(text)):
        return
    if len(titles) >= 2:
        raise NotAReportError(
            f"a list of {len(titles)} report titles, not a report (a site's list page): save "
            "each report's own page and parse those", path=path)
    raise NotAReportError(
        f"too short to be a report: no section heading, no table and {prose} Chinese "
        f"characters of prose stating no figure (a report in prose has {_MIN_REPORT_PROSE} and "
        "more, or its figures); a notice or a page about the report?", path=path)


#: An attached document file named in the text ("附件：…年度报告.pdf", "附件下载：….docx").
_ATTACHED_FILE = re.compile(r"(?:附件|下载)[^\n:：]{0,6}[:：]?[ \t\u3000]*+([^\n]{1,80}?"
                            r"\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z))(?![A-Za-z])", re.IGNORECASE)


def _prose(text: str) -> tuple[list[str], int]:
    """The lines of prose of ``text`` (:func:`_sentence_mark`) and how many Chinese
    characters they hold: what :func:`_refuse_short` and :func:`_refuse_pointer` weigh.
    (Line by line: a regex for the whole line, r"[^\n]*[。，；][^\n]*", retried at each
    character of a long line without a mark, was quadratic.)"""
    mark, han = _sentence_mark(), meta._hanzi()
    lines = [line for line in text.split("\n") if mark.search(line)]
    return lines, sum(len(han.findall(line)) for line in lines)
#: The attached file is the report (not a 统计表 attached to a short report in prose).
_REPORT_FILE = re.compile(r"报告|年报")
_TABLE_FILE = re.compile(r"附表|统计表|报表")
#: A text whose prose is shorter than this (Chinese characters) holds no report beside an
#: attachment or images: a line or two announcing it (a short older report in prose runs to
#: 150 and more).
_POINTER_PROSE_MAX = 120


def _refuse_pointer(text: str, path: str | None, near: str | None = None) -> None:
    """Raise NotAReportError for a text without headings or tables that only points to the
    report: an attached document file naming a report (a saved page: "附件下载：…年报.docx"), or the report
    shown as scanned images ([图片] lines). It would parse to an empty report that a batch
    counts like a report lacking everything."""
    files = [m.group(1).strip() for m in _ATTACHED_FILE.finditer(text)
             if _REPORT_FILE.search(m.group(1)) and not _TABLE_FILE.search(m.group(1))]
    images = text.count(IMAGE_MARK)
    if not files and images < 2:
        return
    prose = _prose(text)[1]
    if prose >= _POINTER_PROSE_MAX:
        return
    if files:
        from nlp_reports.ingest.html import saved_link, saved_note

        saved = next((f for f in (saved_link(n, near) for n in files) if f is not None), None)
        todo = saved_note(saved, near) if saved else "download that file and parse it"
        raise NotAReportError(
            f"no report text: it only points to an attached file ({'; '.join(files[:3])}); "
            f"{todo}", path=path)
    raise NotAReportError(
        f"no report text: the report is shown as {images} images (scanned pages) without a "
        "text layer; find a text copy (or OCR the images) and parse that", path=path)


#: What a site serves instead of the file (错误页、登录页、拦截页、验证页), each as a line of
#: its own says it (≤ :data:`_PAGE_LINE_MAX` characters): the kind of page, what happened
#: and what to do.
_SERVED_PAGES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("an error page", re.compile(
        r"\b(?:40[0-4]|50[0-4])\b[^\n]{0,12}(?:Not Found|Forbidden|Unauthorized|Bad Request|"
        r"Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out)"
        r"|^(?:Not Found|Forbidden|Bad Gateway|Internal Server Error|Service Unavailable)$"
        r"|HTTP (?:Status|Error) (?:40[0-4]|50[0-4])|The requested URL[^\n]{0,120}was not found"
        r"|Server Error in '[^'\n]*' Application|(?:40[0-4]|50[0-4]) - (?:找不到|禁止访问|服务器错误)"
        r"|(?:页面|网页|文章|信息|内容|文件|资源)(?:不存在|未找到|找不到|无法(?:访问|找到|显示)|已(?:被)?"
        r"(?:删除|撤(?:销|下|回)|下线|移除|过期))|(?:找不到|无法找到)(?:该|您要的|您所访问的)?(?:页面|网页)"
        r"|(?:该|此)(?:信息|内容|文章|页面)已(?:过期|失效)|服务器(?:内部)?错误|系统繁忙|访问出错"
        r"|\d{1,2}\s*秒(?:钟)?后(?:自动)?(?:跳转|返回)", re.IGNORECASE),
     "the site answered with an error when it was downloaded (or the report has moved); "
     "download the report again in a browser, from the site's page of the report,"),
    ("a login page", re.compile(
        r"统一身份认证|(?:用户|账号|帐号|扫码|短信)登录|请先登录|请登录后|登录后(?:查看|访问|下载|浏览)"
        r"|忘记密码|Sign in|Log ?in to", re.IGNORECASE),
     "the site asks to log in; download the report again in a browser where you are logged "
     "in (or from the site's public pages),"),
    ("a page of the site's firewall", re.compile(
        r"访问(?:被|已被)?(?:拦截|阻断|拒绝|禁止)|(?:请求|访问)已被(?:拦截|阻断)|网站防火墙|Web应用防火墙"
        r"|安全狗|云盾|创宇盾|疑似(?:黑客)?攻击|不合法参数|Request (?:blocked|rejected)|Access denied",
        re.IGNORECASE),
     "the site blocked the download (too many requests, or a crawler); wait, then download "
     "the report again in a browser,"),
    ("a verification page", re.compile(
        r"(?:请输入|请填写)?(?:图形)?验证码|人机(?:身份)?验证|滑动验证|拖动(?:下方)?滑块|按住滑块"
        r"|(?:完成|进行)安全验证|访问验证|captcha", re.IGNORECASE),
     "the site asked for a check (验证码) before the file; download the report again in a "
     "browser, passing the check,"),
)
#: A line that says what a served page is: short (a title, a heading, a button's label;
#: an English server's sentence "The requested URL … was not found on this server.").
_PAGE_LINE_MAX = 80
#: A line of an empty page of the site (a menu, the footer): shorter still.
_CHROME_LINE_MAX = 40
#: The site's frame of a page (菜单、页脚): what an empty page of the site holds.
_PAGE_CHROME = re.compile(r"版权所有|主办(?:单位)?[:：]|承办(?:单位)?[:：]|ICP备|网站标识码|公网安备"
                          r"|网站地图|联系我们|无障碍|关于我们|首页|字号[:：]|【打印】|关闭窗口|分享到")


#: A page that sends the reader on to the report (an attachment not named, a link).
_POINTS_ON = re.compile(r"附件|详见|点击(?:下载|查看)|下载")


def _refuse_error_page(text: str, path: str | None) -> None:
    """Raise NotAReportError (reason ``error_page``) for a text without headings or tables
    that is a page the site served instead of the report: an error page (nginx/IIS/Tomcat
    404, 403, 500; 页面不存在, 您访问的页面不存在或已删除, 该信息已过期), a login wall (统一身份
    认证, 用户登录), a firewall's page (访问被拦截), a captcha (请输入验证码), or the report's page
    saved empty (its title naming 年度报告/年报, menus and footer, no text; a footer or menu
    saved alone stays not_a_report). Said on a short line of its own, with almost no
    prose (under :data:`_POINTER_PROSE_MAX` Chinese characters): a report in prose that
    quotes "404" or 登录 is long; a report with headings or tables never comes here. Told
    "no annual-report content", a reader took the file, saved under the report's name, for
    the report the tool could not read, when it was never downloaded."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or _prose(text)[1] >= _POINTER_PROSE_MAX or any(
            _FIGURE.search(line) and _WORK_WORDS.search(line) for line in lines):
        return  # (prose, or figures of the year's work one a line: an older short report)
    for kind, pattern, todo in _SERVED_PAGES:
        said = next((line for line in lines
                     if len(line) <= _PAGE_LINE_MAX and pattern.search(line)), None)
        if said is not None:
            raise ErrorPageError(
                f"{kind} was saved instead of the report ('{said}'): {todo} and replace "
                "this file", path=path)
    chrome = sum(1 for line in lines if _PAGE_CHROME.search(line))
    if chrome >= 2 and all(len(line) <= _CHROME_LINE_MAX for line in lines) and (
            not any("。" in line for line in lines)) and _ANNUAL_REPORT.search(text) and len(
            {m.group() for m in _LISTED_TITLE.finditer(text)}) < 2 and (  # (a list page's)
            not _POINTS_ON.search(text)):  # ("详见附件" with no file named: a pointer's stub)
        raise ErrorPageError(
            "an empty page of the site was saved instead of the report (the report's title, "
            "menus and footer, no text: the text was loaded by script, or removed); download "
            "the report again in a browser (the report's file, or the page once its text "
            "shows) and replace this file", path=path)


def _sections(layout: Layout, simplified: str, original: str) -> list[Section]:
    out: list[Section] = []
    for s in layout.sections:
        title = original[s.title_start:s.title_end].strip()
        text = original[s.body_start:s.body_end].strip()
        at = next((i for i, o in enumerate(out) if o.number == s.number), None)
        if at is not None:  # an older layout's 收费 part after 复议诉讼 joins section 3,
            # its heading line kept in the text as when the parts follow each other
            line = original[original.rfind("\n", 0, s.title_start) + 1:s.body_end].strip()
            out[at] = Section(s.number, out[at].title, f"{out[at].text}\n\n{line}".strip())
            continue
        out.append(Section(s.number, title, text))
    return out


def _section_texts(layout: Layout, sections: list[Section], simplified: str,
                   same: bool) -> dict[int, str]:
    """Section number → body text on the simplified characters; 0 = text under no heading.

    ``same``: the sections were cut from ``simplified`` itself, so their texts are reused.
    A TAB at either end is kept: it is an empty cell of a table row (a blank 收费金额 as
    the section's last line, "行政事业性收费\t").
    """
    if same or len({s.number for s in layout.sections}) < len(layout.sections):
        # (a part joined to its section, _sections: on the simplified characters alike)
        texts = {s.number: s.text for s in (sections if same else _sections(
            layout, simplified, simplified))}
    else:
        texts = {s.number: simplified[s.body_start:s.body_end].strip() for s in layout.sections}
    for s in layout.sections:
        if "\t" in texts[s.number]:
            body = simplified[s.body_start:s.body_end].strip(" \n\r\u3000")
            if body[:1] == "\t" or body[-1:] == "\t":
                texts[s.number] = body
    rest = "\n".join(simplified[a:b].strip() for a, b in layout.unsectioned).strip()
    if rest:
        texts[0] = rest
    return texts


def _scan_problems(doc) -> list[Problem]:
    """``scanned_pages`` for a PDF or an OFD some of whose pages are scans without a text
    layer (a text cover before scanned tables): what is missing from them (sections, tables)
    is then said to be unread, not only absent; a warning logged it, and nothing else did."""
    if not getattr(doc, "scanned_pages", ()):
        return []
    from nlp_reports.ingest.pdf import page_list

    ofd = doc.source_format == "ofd"  # (OCR tools take a PDF: an OFD is saved as one first)
    remedy = ("save it as PDF from an OFD reader and run OCR on that (ocrmypdf -l chi_sim "
              "in.pdf out.pdf)" if ofd else "run OCR first (ocrmypdf -l chi_sim in.pdf out.pdf)")
    return [Problem("scanned_pages",
                    f"page(s) {page_list(doc.scanned_pages)} of the {'OFD' if ofd else 'PDF'} "
                    "are scanned images without a text layer: their text (headings, tables, "
                    f"statements) was not read; {remedy}")]


def _sideways_problems(doc) -> list[Problem]:
    """``sideways_pages`` for a PDF with text printed sideways (turned a quarter) that could
    not be read: upright text among it, or text turned both ways on one page (a sideways
    page alone, or a sideways table beside no upright text, is read turned upright). A
    table printed so is reported as not read, not only as missing."""
    if not getattr(doc, "sideways_pages", ()):
        return []
    from nlp_reports.ingest.pdf import page_list

    return [Problem("sideways_pages",
                    f"page(s) {page_list(doc.sideways_pages)} of the PDF hold text printed "
                    "sideways that was not read: its tables and headings there are missing; "
                    "turn those pages upright in a PDF editor (or export them again) and "
                    "parse the file again")]


def _paged_problems(doc, sections: list[Section]) -> list[Problem]:
    """``paged_article`` for an HTML page whose pager says it is page i of n of an article
    a site split over several pages (分页文章, "第1页 共2页"): its missing sections (or its
    missing title) are then said to be in the other pages' files, not only absent. A page
    holding all six parts is the whole report whatever a pager on it says (a sidebar's list
    paged "第1页 共3页" beside it): no notice."""
    page = getattr(doc, "article_page", None)
    if not page or {1, 2, 3, 4, 5, 6} <= {s.number for s in sections}:
        return []
    return [Problem("paged_article",
                    f"page {page[0]} of {page[1]} of a paginated article: the rest of the "
                    "report (sections or title missing here) is in the other pages, each "
                    "saved as a file of its own; save the site's single-page view of the "
                    "article (全文, 阅读全文, 打印) instead and parse that")]


def _layout_problems(layout: Layout, sections: list[Section], text: str,
                     path: str | None) -> list[Problem]:
    problems = []
    if not sections:
        message = "no section heading (一、总体情况 …) was found"
        if few_line_breaks(text):  # a copy that joined its lines (ingest.linebreaks)
            message += (f": line breaks lost? ({text.count(chr(10))} line breaks in "
                        f"{len(text):,} characters; get a copy that keeps them)")
            log.warning("%s: %s / 未找到章节标题：换行可能丢失，请取得保留换行的原文",
                        path or "<text>", message)
        problems.append(Problem("no_headings", message))
        return problems
    present = {s.number for s in sections}
    for n, title in SECTION_TITLES.items():
        if n not in present:
            problems.append(Problem("missing_section",
                                    f"section {_NUMERALS[n - 1]} ({title}) not found"))
    for t in layout.folded:
        problems.append(Problem("unmapped_section",
                                f"heading '{t}' is outside the 2021 scheme; its text was kept "
                                "in the preceding section"))
    if layout.title_span is None:
        problems.append(Problem("no_title", "no title line naming a 年度报告 was found"))
    s5 = next((s for s in sections if s.number == 5), None)
    if s5 is not None and block_of(s5.title) == "measure":
        problems.append(Problem("section5_measures_only",
                                f"section 五 starts at '{s5.title}', which names only measures; "
                                "its problems part may have been missed"))
    return problems


#: How a section heading is numbered, by numeral system and form (format.md §4 item 8: mixed
#: numbering systems). 一、 / 一. / 一 are one style; so are 1、 / 1. / 1.
_NUMBERING_STYLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分|章|节)"), "第一部分"),
    (re.compile(r"[(（][ \t]{0,2}[一二三四五六七八九十]{1,3}"), "（一）"),
    (re.compile(r"[一二三四五六七八九十]{1,3}"), "一、"),
    (re.compile(r"\d{1,2}"), "1、"),
)


#: A heading's number as written → its style (or None): the same few markers (一、 2、 第三部分)
#: in every report.
_MARKER_STYLES: dict[str, str | None] = {}


def _numbering_problems(layout: Layout, text: str, *, older: bool = False) -> list[Problem]:
    """``mixed_heading_numbering`` when the section headings are numbered in more than one
    style (一、 / 2、 / 第三部分 / 5.; a heading without a number among numbered ones counts
    as one more): the message lists each section's numbering as written.

    ``older``: a report before the 2021 format, whose last parts may be unnumbered by
    design ("其他需要报告的事项" after 一、…五、): headings without a number after the last
    numbered one are no mixing there."""
    seen: list[tuple[int, str, str]] = []
    for s in layout.sections:
        line_start = text.rfind("\n", 0, s.title_start) + 1
        marker = text[line_start:s.title_start].strip(" \t\u3000")
        style = _MARKER_STYLES.get(marker, "")
        if style == "":  # (not seen yet: the few markers of all reports are matched once)
            style = next((name for p, name in _NUMBERING_STYLES if p.match(marker)),
                         "no number" if not marker else None)
            if len(_MARKER_STYLES) >= 1000:
                _MARKER_STYLES.clear()
            _MARKER_STYLES[marker] = style
        if style is not None:
            seen.append((s.number, marker or "—", style))
    while older and len(seen) > 1 and seen[-1][2] == "no number":
        seen.pop()  # (an unnumbered closing part of an older layout)
    if len({style for _, _, style in seen}) < 2:
        return []
    return [Problem("mixed_heading_numbering",
                    "section headings numbered in mixed styles: "
                    + " ".join(f"{marker}({_NUMERALS[n - 1]})" for n, marker, _ in seen))]


#: What a report says of fees (收费及减免): a part of its own or a sentence in another.
_FEE_WORDS = re.compile(r"收费|收取|费用|减免")


def _fee_part_problems(layout: Layout, text: str, fmt: str | None,
                       year: int | None = None) -> list[Problem]:
    """``missing_fee_part`` for an older (2008–2018) layout with sections that says nothing
    of fees (收费及减免, 2007 条例 第三十二条), no part of its own nor a sentence elsewhere: the
    national scheme folds that part into section 3, so a missing section cannot show it. Not
    for a report on 2019 or later still in that layout: the revised 条例 (第五十条) asks no
    fee part."""
    end = layout.annex_span[1] if layout.annex_span else layout.content_end  # (its annex too)
    if (fmt != "legacy" or (year is not None and year >= 2019) or not layout.sections
            or _FEE_WORDS.search(text, layout.content_start, end)):
        return []
    return [Problem("missing_fee_part", "no part on fees (收费及减免情况, 2007 条例 第三十二条) "
                    "and no word of fees in the text")]


#: A title naming an annex (附表, 附件) of the report rather than the report.
_ANNEX_TITLE = re.compile(r"附表|附件")
#: The sections whose text is prose of the report's own (总体情况, problems and measures,
#: other matters): an annex of the tables has none of them.
_NARRATIVE_SECTIONS = frozenset({1, 5, 6})


def _annex_problems(title: str | None, sections: list[Section], tables: list,
                    statements: list[Statement]) -> list[Problem]:
    """``tables_only_annex`` for a text titled as an annex (…年度报告附表, 附件) that holds
    tables and no narrative section (一, 五, 六) nor statement: the tables of a report split
    in two files, its body (总体情况, problems and measures) probably another file. Alone it
    counts as a report stating no problem and no measure."""
    if (not title or not tables or statements or not _ANNEX_TITLE.search(title)
            or any(s.number in _NARRATIVE_SECTIONS for s in sections)):
        return []
    return [Problem("tables_only_annex",
                    "an annex of tables (附表/附件 in the title; no section 一, 五 or 六): its "
                    "report body (总体情况, problems and measures) is probably another file; "
                    "read the two together")]


def _outline(layout: Layout, simplified: str) -> str | None:
    """:func:`metadata.outline_of` of the report's section headings, each from its line's
    start (the 第X部分 numbering) to the end of its title."""
    return meta.outline_of([simplified[simplified.rfind("\n", 0, s.title_start) + 1:s.title_end]
                            for s in layout.sections])


def _read_tables(section_texts: dict[int, str], year: int | None):
    from nlp_reports.parse.tables import read_tables

    return read_tables(section_texts, year=year)


#: A spreadsheet a report's 附表 may be saved as beside it (WPS's .et too): never read (no
#: dependency for it), only named in ``table_missing`` so the reader is not sent to download it.
_SHEET_SUFFIXES = (".xls", ".xlsx", ".et")
#: A sheet's name saying it is an attachment or a statistics table (附件1, 附表, 统计表, 表三).
_SHEET_WORD = re.compile(r"附件|附表|统计表|表[二三四]")


@lru_cache(maxsize=16)
def _folder_listing(folder: str, mtime_ns: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A folder's file names (sorted) and its spreadsheets' among them, listed once while the
    folder is unchanged (``mtime_ns``): in a flat folder of 20,000 downloads each report
    without a table would list it again."""
    names = tuple(sorted(_name_text(n) for n in os.listdir(folder)))
    return names, tuple(n for n in names if n.lower().endswith(_SHEET_SUFFIXES)
                        and not n.startswith((".", "~$")))


#: A character no file name shown in a message should hold as it is (a line break, a tab).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _name_text(name: str) -> str:
    """A file name as text a message (and the store) can hold: its bytes decoded as UTF-8,
    else as GB18030 (a zip made on Chinese Windows unpacked on Linux: os.listdir gives lone
    surrogates, which no UTF-8 store or terminal takes), else with ``\\x`` escapes; a line
    break or other control character escaped so the message stays one line."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            name = raw.decode("gb18030")
        except UnicodeDecodeError:
            name = raw.decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], name)


def _sheet_beside(problems: list[Problem], path: str | None, agency: str | None,
                  year: int | None) -> list[Problem]:
    """``problems`` with each ``table_missing`` message naming the spreadsheets (.xls, .xlsx,
    .et) in the report's folder that seem to hold its tables (附表 saved beside the report).

    A sheet is the report's when its name holds the report's agency or shares the report's
    file name (one starts with the other); a sheet named only as an attachment or by the year
    (附件1.xlsx, 附表.xlsx, 2024统计表.et) only when the report is the folder's one document
    (other copies of it aside): in a folder of several bodies' reports it may be anyone's.
    The sheet is not read; a zip member or bytes (no folder on disk) are left as they are."""
    if not path or not any(p.code == "table_missing" for p in problems):
        return problems
    try:
        here = Path(path)
        if not here.is_file():
            return problems
        names, sheets = _folder_listing(str(here.parent), os.stat(here.parent).st_mtime_ns)
    except (OSError, ValueError):
        return problems
    if not sheets:
        return problems
    from nlp_reports.ingest import REPORT_SUFFIXES
    from nlp_reports.parse.tables import ATTACHMENT_TODO

    stem, own = _name_text(here.stem), _name_text(here.name)

    def ours(name: str) -> bool:
        other = name.rsplit(".", 1)[0]
        return bool((agency and agency in name) or (len(stem) >= 4 and other.startswith(stem))
                    or (len(other) >= 4 and stem.startswith(other)))

    found = [n for n in sheets if ours(n)]
    if not found and not any(n != own and n.lower().endswith(REPORT_SUFFIXES)
                             and not ours(n) for n in names):
        found = [n for n in sheets if _SHEET_WORD.search(n) or (year and str(year) in n)]
    if not found:
        return problems
    shown = "、".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
    out = []
    for p in problems:
        if p.code == "table_missing":
            what = "tables seem" if p.message.startswith("no national") else "table seems"
            p = Problem(p.code, p.message.removesuffix(ATTACHMENT_TODO)
                        + f"; its {what} to be in {shown} beside it, which the tool does not "
                        "read: check the figures there (or copy the table into the report)")
        out.append(p)
    return out


def _run_checks(tables, section_texts: dict[int, str]):
    from nlp_reports.parse.checks import run_checks

    return run_checks(tables, section_texts)
