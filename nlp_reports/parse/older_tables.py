"""Find the statistics tables of an older report (before 2019) that are never read.

Reports under the 2007 条例 (the 2008–2018 layouts) have no national 表二/表三/表四; some
carry a table of their own: the 2014–2018 provincial 政府信息公开情况统计表 (统计指标 | 单位 |
统计数, often under "附件：…统计表"), or a small one in 主动公开 (项目 | 主动公开信息条数 |
受理申请数 | 答复数 …). Their rows follow no form the table reader knows, so no number is taken
from them (:mod:`nlp_reports.parse.tables` reads none before 2019): the counts come only
from the sentences (the ``*_narrative`` values). A researcher counting an older report's
figures must still know a table was there and skipped — a table that cannot be read is
reported, never guessed — so :func:`older_table_problem` says where it stands
(``older_table_not_read``, information, not a defect).

Recognised conservatively, in the text as the readers give it (an HTML, docx or PDF grid is
one line per row, cells split by tabs; typed text by tabs, runs of spaces or bars):

* three or more rows of a label and figures whose labels name the statistics (申请, 答复,
  公开, 复议, 诉讼, 费 …), or
* a header row of three or more cells, two of them naming the statistics, above a row of
  two or more figures.

A sentence (with 。 or ，) is never a row. Cells split by single spaces (a typed table whose
runs of spaces were closed up) make a row only as a label and two or more bare figures
("受理申请 3 4"): a count with its unit ("同意公开 9 件") is the prose reader's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp_reports.report import Problem

if TYPE_CHECKING:
    from nlp_reports.parse.sections import SectionSpan

#: A cell boundary of a table row as text: a tab, two or more spaces (or an ideographic
#: space), or a bar drawn by a typist.
_CELL_SPLIT = re.compile(r"\t|[ \u3000]{2,}|\u3000|[|│｜]")
#: A figure cell: a count, an amount or a rate, with an optional unit (1854, 0.3, 100%, 6件).
_FIGURE = re.compile(r"^[+-]?\d[\d,，]*(?:\.\d+)?[%％]?(?:条|件|次|人次|个|元|万元)?$")
#: Words of the disclosure statistics, as a row's label or a header's cell names them.
_STAT_WORD = re.compile(r"申请|答复|公开|复议|诉讼|费|咨询|受理|办结|信息数|条数|件数")
#: A unit column's cell (统计指标 | 单位 | 统计数): neither a label nor a figure.
_UNIT = re.compile(r"^(?:条|件|次|人次|人|个|元|万元|项|单位)$")
#: A caption over a table: an annex or a table's name (附件：…统计表, 附表, …情况表).
_CAPTION = re.compile(r"统计表|情况表|附表|附件|一览表")
#: A row's label that is a year or a period (2012年, 2016年度): a row of figures under a header.
_YEAR = re.compile(r"^(?:19|20)\d\d年(?:度)?$")
#: The longest line that may be a table row (a pasted paragraph is longer).
_ROW_MAX = 120
#: Lines of other text allowed above a table's first row for its caption.
_CAPTION_LINES = 3

_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class OlderTable:
    """A statistics table found in an older report: [start, end) of its rows in the text,
    the number of rows with figures, and its caption line (None when none is above it)."""

    start: int
    end: int
    rows: int
    caption: str | None


def _cells(line: str) -> tuple[list[str], bool] | None:
    """The non-empty cells of a table row and whether they were split by single spaces
    (a typed table whose runs of spaces the reader closed up), or None for a line that is
    no row (a sentence, one cell alone, too long)."""
    s = line.strip(" \r")  # (tabs kept: "一、主动公开情况\t\t" is a row of empty cells)
    if not s.strip() or len(s) > _ROW_MAX or "。" in s:
        return None
    spaced = not _CELL_SPLIT.search(s)
    if spaced and " " not in s:
        return None
    cells = [c for c in (c.strip() for c in (s.split(" ") if spaced else _CELL_SPLIT.split(s)))
             if c]
    if any("，" in c or "；" in c for c in cells):  # a clause of a sentence, not a cell
        return None
    return cells, spaced


def _figures(cells: list[str]) -> int:
    return sum(bool(_FIGURE.match(c)) for c in cells)


def _kind(line: str) -> tuple[str, bool] | None:
    """The part of a table a line may be, and whether it names the statistics:
    ("row", …) a label with figures (its label naming them: 收到申请数 | 件 | 11); ("data",
    False) two or more figures with no label naming them (2012年 | 1086 | 64); ("header", …)
    two or more short cells without figures (naming them: three or more cells, two of them
    such words); ("group", False) one label with empty cells after it (一、主动公开情况\t\t, or
    repeated in each spanned cell); None: no part of a table."""
    split = _cells(line)
    if split is None:
        return None
    cells, spaced = split
    if spaced:  # single spaces also part words of a line: only a grid of figures is a row
        return _spaced_kind(cells)
    figs = _figures(cells)
    labels = [c for c in cells if not _FIGURE.match(c) and not _UNIT.match(c)]
    if figs == 0:
        if len(set(cells)) == 1:
            return "group", False
        if all(len(c) <= 20 for c in cells):
            named = len(cells) >= 3 and sum(bool(_STAT_WORD.search(c)) for c in cells) >= 2
            return "header", named
        return None
    if labels and re.search(r"[\u4e00-\u9fff]", labels[0]):
        if _STAT_WORD.search(labels[0]):
            return "row", True
        if len(labels) == 1:
            return ("data", False) if figs >= 2 and _YEAR.match(labels[0]) else ("row", False)
    if figs >= 2:
        return "data", False
    return None


def _spaced_kind(cells: list[str]) -> tuple[str, bool] | None:
    """:func:`_kind` of a line split at single spaces: a row is a label and two or more
    bare figures ("受理申请 3 4"), never a count with its unit ("同意公开 9 件", which the
    prose reader reads); a header is three or more short cells without figures."""
    figs = _figures(cells)
    if len(cells) >= 3 and figs == len(cells) - 1 and re.search(r"[\u4e00-\u9fff]", cells[0]) \
            and not _FIGURE.match(cells[0]) and all(c[-1].isdigit() or c[-1] in "%％"
                                                    for c in cells[1:]):
        if _YEAR.match(cells[0]):
            return "data", False
        return "row", bool(_STAT_WORD.search(cells[0]))
    if len(cells) >= 3 and figs == 0 and all(len(c) <= 12 for c in cells):
        return "header", sum(bool(_STAT_WORD.search(c)) for c in cells) >= 2
    return None


def find_older_tables(text: str, start: int = 0, end: int | None = None) -> list[OlderTable]:
    """The statistics tables in ``text[start:end]`` (see the module's note), in order."""
    end = len(text) if end is None else end
    found: list[OlderTable] = []
    lines: list[tuple[int, str, str | None]] = []
    headings = _standalone_lines(text)
    at = start
    for line in text[start:end].split("\n"):
        lines.append((at, line, None if _contents_entry(line, headings) else _kind(line)))
        at += len(line) + 1
    i = 0
    while i < len(lines):
        if lines[i][2] is None:
            i += 1
            continue
        j = i
        kinds: list[tuple[str, bool]] = []
        while j < len(lines) and (lines[j][2] is not None or (
                not lines[j][1].strip() and j + 1 < len(lines) and lines[j + 1][2] is not None
                and kinds)):
            if lines[j][2] is not None:
                kinds.append(lines[j][2])
            j += 1
        named_rows = sum(k == ("row", True) for k in kinds)
        headed = any(a == ("header", True) and b[0] == "data"
                     for a, b in zip(kinds, kinds[1:], strict=False))
        if named_rows >= 3 or headed:
            rows = sum(k[0] in ("row", "data") for k in kinds)
            found.append(OlderTable(lines[i][0], lines[j - 1][0] + len(lines[j - 1][1]),
                                    rows, _caption(lines, i)))
        i = j
    return found


def _standalone_lines(text: str) -> frozenset[str]:
    """The report's lines of one cell (headings among them), without their blanks."""
    return frozenset(re.sub(r"\s", "", line) for line in text.split("\n")
                     if line.strip() and not _CELL_SPLIT.search(line.strip()))


def _contents_entry(line: str, headings: frozenset[str]) -> bool:
    """True for a line of a table of contents (目录): a heading the report writes on a
    line of its own, then a page number ("三、依申请公开政府信息情况\t2"). Why: its headings
    name the statistics (申请, 公开, 费 …), and its page numbers are no figures."""
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c.strip()]
    return (len(cells) == 2 and cells[1].strip().isdigit()
            and re.sub(r"\s", "", cells[0]) in headings)


def _caption(lines: list[tuple[int, str, str | None]], first: int) -> str | None:
    """The caption line just above a table's first row (within a few non-blank lines)."""
    seen = 0
    for k in range(first - 1, -1, -1):
        s = lines[k][1].strip()
        if not s:
            continue
        seen += 1
        if seen > _CAPTION_LINES:
            return None
        if len(s) <= 60 and "。" not in s and _CAPTION.search(s):
            return s
        if "。" in s:  # a paragraph of the report: the table has no caption of its own
            return None
    return None


def older_table_problem(text: str, sections: Sequence[SectionSpan],
                        year: int | None) -> Problem | None:
    """``older_table_not_read`` for a report on a year before 2019 (or of no year, in the
    older layout: the caller decides) holding statistics tables, naming where each stands
    (its caption, or the section it sits in); None when it holds none. ``sections``: the
    layout's section spans."""
    tables = find_older_tables(text)
    if not tables:
        return None
    where = []
    for t in tables:
        section = next((s for s in sections if s.body_start <= t.start < s.body_end), None)
        if t.caption:
            place = f"'{t.caption}'"
        elif section is not None:
            title = text[section.title_start:section.title_end].strip()
            place = f"section {_NUMERALS[section.number - 1]} ({title})"
        else:
            place = "text under no heading"
        where.append(place)
    which = f"a report on {year}" if year is not None else "a report in the older layout"
    return Problem(
        "older_table_not_read",
        f"statistics table(s) of an older layout seen and not read: {'; '.join(where)} — "
        f"{which} has no national 表二/表三/表四; its counts were read only from its "
        "sentences (the *_narrative values)")
