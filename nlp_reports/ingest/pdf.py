"""PDF reports → text (extra ``pdf``: pdfplumber).

Each page gives its text lines in reading order; tables found by pdfplumber are rendered
as TAB-joined rows at their vertical position, and the text inside a table's box is not
repeated. Page furniture such as "第 3 页 共 5 页", "- 3 -" or "3/5" at the top or bottom
of a page is dropped, and so are running headers repeated at the edges of most pages
(kept on the first page, where they are often the title). A table row that Word or
LibreOffice broke over a page break is joined again. A digit struck through or set small
and raised beside another (a note mark) is set apart by spaces, so it never joins a figure;
so is a digit drawn twice ("fake bold") when the copy could be the figure's next digit set
tight (a copy over most of the glyph is dropped). A table printed sideways (turned a quarter
on a portrait page) is read turned upright; sideways text that cannot be read so is named
(:func:`_sideways`). Turned characters on an upright table (a stamp set vertically across it)
are none of its figures (:func:`_stray_turned`).
Characters printed on one baseline at one size read as one line whatever box their fonts give
them (a browser's PDF boxes fallback Latin digits lower than the Chinese beside them).
The wrapped header of a table drawn without rules is read column by column over its
figures and given as one TAB-joined row of column names (:func:`_column_heads`).
A PDF without a text layer (a scan) is refused with advice to OCR it.
"""

from __future__ import annotations

import bisect
import io
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp_reports.errors import (
    BinaryInputError,
    DecodingError,
    MissingDependencyError,
    NotAReportError,
    UnsupportedFormatError,
)
from nlp_reports.ingest.normalize import (
    PAGE_NUMBER,
    TURNED_CELL_MARK,
    drop_blank_columns,
    is_value_cell,
)

log = logging.getLogger("nlp_reports")

__all__ = ["pdf_to_text", "pdf_text_and_scans", "is_page_furniture", "page_edges"]

#: 页 as printed, or as the radical ⻚ a browser's CJK font maps it to ("第1⻚ 共2⻚"): the page's
#: characters are still raw here (normalize folds the radicals later), so every page-number
#: pattern of this module takes both.
_PAGE_WORD = "[页⻚]"
#: page furniture at a page's edge: a page number, or there a bare "3" too
_PAGE_NUMBER = re.compile(rf"\s*(?:{PAGE_NUMBER.replace('页', _PAGE_WORD)}|\d{{1,4}})\s*")
_WS = re.compile(r"\s+")
# (also "2/3", as a browser prints it after the page's address at the foot of each page)
_PAGE_SUFFIX = re.compile(rf"(?:\d+\s*/\s*\d+|(?:第\s*)?\d+\s*(?:{_PAGE_WORD})?"
                          rf"(?:\s*[,，/]?\s*共\s*\d+\s*{_PAGE_WORD})?)\s*$")
_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# a wrap inside a cell, or a gap pdfplumber reads between two spaced-out Chinese characters
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}])\\s*\n\\s*|\\s*\n\\s*(?=[{_CJK}])")
_GAP_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def is_page_furniture(line: str) -> bool:
    """Whether a line is a page number / page header like "第 3 页 共 5 页" or "- 3 -" (页 also
    as the radical ⻚ a browser's CJK font maps it to: "第1⻚ 共2⻚")."""
    return bool(_PAGE_NUMBER.fullmatch(line))


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


#: A cell holding one figure only, wrapped over 2 or 3 lines (digits, thousands marks)
_FIGURE_LINES = re.compile(r"\s*[1-9][\d,，.]*(?:\s*\n\s*[\d,，.]+){1,2}\s*")


def _wrapped_figure(value: str) -> bool:
    """Whether a cell's lines are one figure wrapped in a narrow column ("48" / "55"): digits
    only, the first not 0, every line but the last as long as the first (2 characters or
    more: the column's width), the last no longer. Values of several rows in one cell (a
    table without row rules) are single figures of any lengths, and their labels are
    merged alike, so those rows stay unread."""
    if not _FIGURE_LINES.fullmatch(value):
        return False
    lines = value.split()
    width = len(lines[0])
    return width >= 2 and all(len(x) == width for x in lines[1:-1]) and len(lines[-1]) <= width


def _cell(value: str | None) -> str:
    """Cell text on one line: a wrap next to a Chinese character joins without a space, and
    so does a figure's wrap in a narrow column (:func:`_wrapped_figure`: 4855 read "48 55",
    no number, and left 表三 unreadable)."""
    if not value:
        return ""
    if "\n" in value and _wrapped_figure(value):
        return _WS.sub("", value)
    return _GAP_BETWEEN_CJK.sub("", _WS.sub(" ", _SPACE_NEXT_TO_CJK.sub("", value))).strip()


def _table_grid(table) -> list[list[str]]:
    """The table's cell texts with merged cells repeated in every position they cover.

    pdfplumber leaves ``None`` where a merged cell extends (a truly blank cell is ``""``);
    the cell boxes tell whether the merge came from the left (colspan) or above (rowspan).
    """
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    if len(boxes) != len(texts):
        return [[_cell(c) for c in row] for row in texts]
    col_x0: dict[int, float] = {}
    row_top: dict[int, float] = {}
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is not None:
                col_x0[c] = min(col_x0.get(c, box[0]), box[0])
                row_top[r] = min(row_top.get(r, box[1]), box[1])
    grid = [[_cell(c) for c in row] for row in texts]
    for r, row in enumerate(texts):
        for c, value in enumerate(row):
            if value is not None:
                continue
            left = next((k for k in range(min(c, len(boxes[r])) - 1, -1, -1)
                         if boxes[r][k] is not None), None)
            if left is not None and c in col_x0 and boxes[r][left][2] > col_x0[c] + 1:
                grid[r][c] = grid[r][left]
                continue
            up = next((k for k in range(r - 1, -1, -1)
                       if c < len(boxes[k]) and boxes[k][c] is not None), None)
            if up is not None and r in row_top and boxes[up][c][3] > row_top[r] + 1:
                grid[r][c] = grid[up][c]
    return grid


_CJK_CHAR = re.compile(f"[{_CJK}]")


def _line_text(line: dict) -> str:
    """A text line with the gaps pdfplumber reads between Chinese characters closed, except
    a column gap: a gap of a character's width or more that stands out from the line's
    spacing (the cells of a table drawn without lines, "行政复议      行政诉讼"). Letter-spaced
    or justified text has even gaps, so all of them close."""
    text = line["text"]
    words = text.split(" ")
    chars = [c for c in line["chars"] if not c["text"].isspace()]
    if len(words) < 2 or sum(map(len, words)) != len(chars):
        return _GAP_BETWEEN_CJK.sub("", text)  # (a ligature or a layout we cannot map)
    gaps = sorted(b["x0"] - a["x1"] for a, b in zip(chars, chars[1:], strict=False))
    median = gaps[len(gaps) // 2]
    if _evenly_spaced(chars, gaps):
        return "".join(words)
    out = [words[0]]
    k = len(words[0])
    for word in words[1:]:
        if not word:
            continue
        a, b = chars[k - 1], chars[k]
        gap = b["x0"] - a["x1"]
        column = gap >= max(a["size"], b["size"]) and gap > 2 * median
        cjk = _CJK_CHAR.match(out[-1][-1]), _CJK_CHAR.match(word[0])
        if column or not (all(cjk) or (any(cjk) and _autospace(a, b, gap))):
            out.append(" ")
        out.append(word)
        k += len(word)
    return "".join(out)


def _evenly_spaced(chars: list[dict], gaps: list[float]) -> bool:
    """Whether a line is letter-spaced as a whole (分散对齐, or a space typed after every
    character: "2 0 2 2 年 1 月 2 5 日", "信息 1 9 8 条"): every gap between its characters a
    fifth of a character or more and all alike (within a quarter of a character), and two
    Chinese characters among them. Only the gaps between two Chinese characters were closed,
    so the signature's date read as no date (published None) and the figures of a justified
    line fell apart; a table row drawn without lines has a label set solid beside its cells."""
    size = max(c["size"] for c in chars)
    return (len(chars) >= 4 and gaps[0] >= 0.2 * size and gaps[-1] - gaps[0] <= 0.25 * size
            and sum(1 for c in chars if _CJK_CHAR.match(c["text"])) >= 2)


#: An office suite sets Chinese beside Latin letters or digits a little apart (LibreOffice's
#: autospace, 中西文间距: ≈0.2 em, no space character); a typed space is ≈0.25 em or more.
_AUTOSPACE_EM = 0.22
_ALNUM = re.compile(r"[0-9A-Za-z]")


def _autospace(a: dict, b: dict, gap: float) -> bool:
    """Whether the gap between characters ``a`` and ``b`` (one Chinese, one a Latin letter or
    digit) is the office suite's spacing between scripts, not a space: in a 24 pt title it
    exceeds pdfplumber's 3 pt tolerance, which read "溪山县人民政府 2021 年…报告"."""
    latin = b if _CJK_CHAR.match(a["text"]) else a
    return (bool(_ALNUM.match(latin["text"]))
            and gap < _AUTOSPACE_EM * max(a["size"], b["size"]))


def _page_lines(page, *, first: bool = False) -> list[str]:
    """Text lines and table rows of one page in reading order: by vertical position, and a
    two-column page column by column (:func:`_gutter`); on the ``first`` page a title
    wrapped over lines is joined."""
    return _read_page(page, first=first)[0]


def _read_page(page, *, first: bool = False, before: Columns | None = None
               ) -> tuple[list[str], Columns | None]:
    """:func:`_page_lines`, and the page's two columns of prose when it was read in them, for
    the next page: a page whose own columns are too short to be told (:func:`_gutter`) is
    read in the columns of the page ``before`` when its text allows (:func:`_kept_columns`)."""
    page = _clean_chars(page)
    tables = _tables(page)
    boxes = [t.bbox for t in tables]
    stray = _stray_turned(page, tables)
    turned_cells: list[tuple[float, float, float, float]] = []
    if stray:  # (a stamp or watermark turned a quarter across an upright table)
        turned_cells = _turned_figure_cells(page, tables, stray)
        page = page.filter(lambda obj: id(obj) not in stray)
        tables = _tables(page)
        boxes = [t.bbox for t in tables]
    text_page = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    words = _page_words(text_page, tables)
    columns = _columns(words)
    if columns is None and before is not None:
        columns = _kept_columns(words, before)
    found = None if columns is None else (columns[0].gutter, columns[1])
    if found is None:
        parts = [(text_page, 0)]
    else:
        gutter, spans = found

        def spanning(obj: dict) -> bool:
            middle = (obj["top"] + obj["bottom"]) / 2
            return any(top <= middle <= bottom for top, bottom in spans)

        def side(obj: dict) -> int:
            return 1 if (obj["x0"] + obj["x1"]) / 2 < gutter else 2

        parts = [(text_page.filter(spanning), 0),
                 (text_page.filter(lambda obj: not spanning(obj) and side(obj) == 1), 1),
                 (text_page.filter(lambda obj: not spanning(obj) and side(obj) == 2), 2)]
    # (top, kind, lines, font size, column: 0 = full width, 1 = left, 2 = right)
    # (…, and for a text line its geometry: :func:`_geometry`)
    items: list[tuple[float, int, list[str], float, int, tuple | None]] = []
    for part, column in parts:
        for line in _column_heads(part.extract_text_lines(strip=True, return_chars=True)):
            if line["text"]:
                sizes = sorted(c["size"] for c in line["chars"])
                size = sizes[len(sizes) // 2] if sizes else 0.0
                geometry = _geometry(line, size)
                if line.get("heads"):  # (a table's header: never a paragraph's wrapped line)
                    items.append((line["top"], 0, [line["text"]], size, column,
                                  (*geometry[:2], True, *geometry[3:])))
                    continue
                items.append((line["top"], 0, [_line_text(line)], size, column, geometry))
    for table in tables:
        rows = []
        grid = _table_grid(table)
        if turned_cells:
            _mark_turned(table, grid, turned_cells)
        for cells in drop_blank_columns(grid):
            if any(cells):
                rows.append("\t".join(cells))
        if rows:  # a table set in one column is read with that column
            column = 0 if found is None else _column_of(table.bbox, found[0])
            items.append((table.bbox[1], 1, ["", *rows, ""], 0.0, column, None))
    if found is None:
        items.sort(key=lambda item: (item[0], item[1]))
    else:  # full-width lines in order; between two of them the left column, then the right
        full = sorted(item[0] for item in items if item[4] == 0)
        items.sort(key=lambda item: (bisect.bisect_left(full, item[0]), item[4] == 0,
                                     item[4], item[0], item[1]))
    items = _without_browser_furniture(items, first=first, height=float(page.height))
    lines = _without_furniture(_join_title(_join_wrapped(items, float(page.width)), first=first))
    return lines, None if columns is None or not columns[2] else columns[0]


#: A value cell of a table drawn without rules: a figure, or a blank mark.
_VALUE_RUN = re.compile(r"[\d,，.]+|[—–\-/－]+")
#: Header lines looked at above a table's first row of figures.
_HEAD_LINES = 8


def _runs(line: dict) -> list[list[dict]]:
    """A text line's characters in runs set solid: a new run where a gap of a tenth of a
    character or more stands (narrow header cells of a table without rules print their
    texts this close: "科研机 商业企", 4 pt apart)."""
    chars = sorted((c for c in line["chars"] if not c["text"].isspace()), key=lambda c: c["x0"])
    runs: list[list[dict]] = []
    for c in chars:
        if runs and c["x0"] - runs[-1][-1]["x1"] < 0.1 * max(c["size"], 1.0):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _run_text(chars: list[dict]) -> str:
    """Characters in x order as text, a space where a character's width or more stands."""
    out = []
    for a, b in zip([None, *chars], chars, strict=False):
        if a is not None and b["x0"] - a["x1"] >= max(a["size"], b["size"]):
            out.append(" ")
        out.append(b["text"])
    return "".join(out)


def _value_columns(line: dict) -> list[tuple[float, float]] | None:
    """The x spans of the value cells a text line ends with (three or more runs of figures
    or blank marks, "一、本年新收… 15 5 5 2 5 3 35"), or None."""
    runs = _runs(line)
    k = len(runs)
    while k > 0 and _VALUE_RUN.fullmatch("".join(c["text"] for c in runs[k - 1])):
        k -= 1
    if len(runs) - k < 3:
        return None
    return [(r[0]["x0"], r[-1]["x1"]) for r in runs[k:]]


def _column_heads(lines: list[dict]) -> list[dict]:
    """``lines`` (a page part's text lines) with the wrapped header of a table drawn without
    rules read column by column: narrow header cells wrap their names over lines
    ("科研机 商业企 …" / "构 业 …"), so the lines hold pieces of every column and the names
    read across them match nothing: the columns' printed order (科研机构 before 商业企业,
    总计 first) was not seen and the figures were read in the form's order, as other
    columns'. Above the first line of figures (three or more value cells), the lines whose
    every run of characters sits over one value column (or left of them, the label
    column's) are the header: each column's pieces are joined top to bottom into one row of
    column names in printed order, TAB-joined as a grid's header row (its cells' places are
    known: the table reader may read the figures by it), set right above the figures; the
    label column's text stays where it is. Only when every value column is named and some
    name wraps; a run over two columns (a merged cell: 法人或其他组织, 行政诉讼) ends the
    header above it and stays a text line."""
    out = list(lines)
    for i in range(len(lines) - 1, 0, -1):
        cols = _value_columns(lines[i])
        if cols is None or _value_columns(lines[i - 1]) is not None or len(cols) < 2:
            continue
        # the columns of the fullest row of figures right below: a blank cell (nothing
        # printed) in the first row left a column out, two names joined over one column and
        # the figures were read in the form's order, as other columns'
        for j in range(i + 1, min(i + _HEAD_LINES, len(lines))):
            more = _value_columns(lines[j])
            if more is None:
                break
            if len(more) > len(cols):
                cols = more
        mids = [(a + b) / 2 for a, b in cols]
        bounds = [(a + b) / 2 for a, b in zip(mids, mids[1:], strict=False)]
        left = mids[0] - (mids[1] - mids[0]) / 2
        right = mids[-1] + (mids[-1] - mids[-2]) / 2

        block: list[tuple[int, list[dict], dict[int, list[dict]]]] = []
        below = lines[i]["top"]
        for j in range(i - 1, max(i - 1 - _HEAD_LINES, -1), -1):
            line = lines[j]
            size = max((c["size"] for c in line["chars"]), default=0.0)
            if below - line["top"] > 2.5 * size:
                break
            label: list[dict] = []
            pieces: dict[int, list[dict]] = {}
            for run in _runs(line):
                # (-1: the label column; len(cols): right of the table)
                at = {-1 if x < left else len(cols) if x > right else bisect.bisect(bounds, x)
                      for x in ((c["x0"] + c["x1"]) / 2 for c in run)}
                k = at.pop()
                if at or k == len(cols) or (k >= 0 and _VALUE_RUN.fullmatch(
                        "".join(c["text"] for c in run))):
                    break
                (label if k < 0 else pieces.setdefault(k, [])).extend(run)
            else:
                block.append((j, label, pieces))
                below = line["top"]
                continue
            break
        named = [sum(k in pieces for _, _, pieces in block) for k in range(len(cols))]
        if (sum(1 for _, _, pieces in block if pieces) < 2 or 0 in named
                or max(named) < 2):
            continue
        block.reverse()  # top to bottom, from the first line with pieces to the last
        while not block[0][2]:
            block.pop(0)
        while not block[-1][2]:
            block.pop()
        names = ["".join(c["text"] for _, _, pieces in block for c in pieces.get(k, ()))
                 for k in range(len(cols))]
        heads = sorted((c for _, _, pieces in block for run in pieces.values() for c in run),
                       key=lambda c: c["x0"])
        last = lines[block[-1][0]]
        replaced = [{**lines[j], "text": _run_text(label), "chars": label, "heads": True,
                     "x0": label[0]["x0"], "x1": label[-1]["x1"]}
                    for j, label, _ in block if label]
        replaced.append({**last, "text": "\t".join(names), "chars": heads, "heads": True,
                         "x0": min(c["x0"] for c in heads), "x1": max(c["x1"] for c in heads)})
        out[block[0][0]:block[-1][0] + 1] = replaced
    return out


def _tables(page) -> list:
    """The ruled tables pdfplumber finds on ``page``, a table cut open by a page break closed
    (:func:`_open_table_edges`)."""
    closing = _open_table_edges(page)
    return page.find_tables({"explicit_horizontal_lines": closing} if closing else None)


def _open_table_edges(page) -> list[dict]:
    """Rules closing a ruled table cut open by a page break: a browser printing a table with
    collapsed borders draws a row's top border once, at the foot of the page before, so the
    table's part on the next page has its column rules and no rule above its first row (or
    none under its last): pdfplumber found no cell there and the row's text, inside the
    table's box, was read neither as cells nor as text (row 3.5.4 of a 表三 lost). Where three
    or more vertical rules start (or end) at one height and no horizontal rule covers half
    their span there, a rule is added from the first to the last of them."""
    verticals: dict[tuple[str, int], list[float]] = {}
    for e in page.vertical_edges:
        if e["bottom"] - e["top"] >= 3:
            verticals.setdefault(("top", round(e["top"])), []).append(e["x0"])
            verticals.setdefault(("bottom", round(e["bottom"])), []).append(e["x0"])
    # horizontal rules by whole point of height: each height looks at its neighbours only
    # (a page of thousands of rules — a sidebar of ruled links — was read pairwise); a rule
    # at an infinite or NaN height (a number overflowing in a broken PDF) is near none
    near: dict[int, list[tuple[int, dict]]] = {}
    for k, e in enumerate(page.horizontal_edges if verticals else ()):
        if math.isfinite(e["top"]):
            near.setdefault(math.floor(e["top"]), []).append((k, e))
    lines = []
    for (_, y), xs in verticals.items():
        xs = sorted(set(round(x) for x in xs))
        if len(xs) < 3:
            continue
        x0, x1 = xs[0], xs[-1]
        found = sorted(ke for b in range(y - 2, y + 2) for ke in near.get(b, ())
                       if abs(ke[1]["top"] - y) <= 1.5)
        covered = sum(max(0.0, min(e["x1"], x1) - max(e["x0"], x0)) for _, e in found)
        if covered < 0.5 * (x1 - x0):
            lines.append({"object_type": "line", "x0": float(x0), "x1": float(x1), "top": float(y),
                          "bottom": float(y), "width": float(x1 - x0), "height": 0.0})
    return lines


def _without_furniture(flat: list) -> list[str]:
    """A page's joined items as lines, without its page furniture: that sits among the first
    or last two text lines of a page; a bare number there is left to
    :func:`_drop_page_numbers`, which sees all pages."""
    lines = [line for _, _, chunk, _ in flat for line in chunk]
    edge = set(_edges(lines))
    return [line for i, line in enumerate(lines)
            if not (i in edge and is_page_furniture(line) and not _BARE_NUMBER.fullmatch(line))]


_BARE_NUMBER = re.compile(r"\s*(\d{1,4})\s*")


#: The header a browser prints at the top of each page: the date and time, then the page's
#: <title> ("1/25/24, 9:30 AM 某局…年度报告_某县人民政府", "2024/1/25 09:30 …", "2024/1/25 下午3:05 …").
_BROWSER_HEAD = re.compile(
    r"(?:\d{1,2}/\d{1,2}/\d{2,4},?|\d{4}/\d{1,2}/\d{1,2})\s*(?:上午|下午)?\s*\d{1,2}:\d{2}"
    r"(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?=\s|$)")
#: … and the footer: the page's address and the page counter ("https://… 2/5", "… 2 of 5").
_BROWSER_FOOT = re.compile(r"\s*(?:https?|file)://\S+(?:\s+\d+\s*(?:/|of)\s*\d+)?\s*")


#: A browser prints its header and footer in the page's margin, this near its edge (points).
_BROWSER_MARGIN = 40.0


def _without_browser_furniture(items: list, *, first: bool, height: float) -> list:
    """A page's ``items`` (as :func:`_page_lines` sorts them) without the header and footer a
    browser prints on a web page saved as PDF (Ctrl-P): the date and time with the page's
    <title> among its first two text lines, the address with "n/m" among its last two. The
    header's title is no running head a report repeats: on a two-page print it stayed on
    page 1 and was taken for the report's title (the date in it: agency None); the footer,
    unlike on 3 pages or more, was no running foot and ended section 五 as a statement; and
    set wider than the text, it moved the page's right edge, so a paragraph's wrapped line
    was not joined. On page 1 a header whose title is the only one (no title printed above
    the article) keeps the title. Both stand in the page's margin (:data:`_BROWSER_MARGIN`):
    a site's own "2024/01/25 09:30 来源：…" line under the title is the page's text."""
    text = [k for k, item in enumerate(items) if item[1] == 0]
    lines = [items[k][2][0] for k in text]
    drop: set[int] = set()
    for n in sorted(set(range(len(text))[:2]) | set(range(len(text))[-2:])):
        k, line = text[n], lines[n]
        top = items[k][0]
        if n < 2 and top <= _BROWSER_MARGIN and (m := _BROWSER_HEAD.match(line)):
            rest = line[m.end():].strip()
            # (the year of the header's date is no year of its title: "2024/1/25 09:30 …")
            if first and rest and not _above_printed_title([*lines[:n], rest, *lines[n + 1:]], n):
                items[k] = (*items[k][:2], [rest], *items[k][3:5], None)
            else:
                drop.add(k)
        elif (n >= len(text) - 2 and top >= height - _BROWSER_MARGIN
              and _BROWSER_FOOT.fullmatch(line)):
            drop.add(k)
    return [item for k, item in enumerate(items) if k not in drop] if drop else items


def _drop_page_numbers(pages: list[list[str]]) -> list[list[str]]:
    """``pages`` without their bare page numbers ("3" alone at a page's edge): the first or
    last text line of page n (from 1) when it is n plus an offset (0, or more after an
    unnumbered cover) that two pages and half the pages share at the same edge; of a one-page
    PDF, a 1. Any bare number among a page's first or last two lines was dropped before, which
    took the values of a table set one cell a line (a .txt report saved as .docx, then PDF)
    whenever a page began or ended inside it; a value may also equal its page's number."""
    from collections import Counter

    found = []  # (page, line, (offset, edge))
    for n, lines in enumerate(pages):
        text = [i for i, line in enumerate(lines) if line and "\t" not in line]
        for i, edge in ((text[:1], "top"), (text[-1:], "bottom")):
            if i and (m := _BARE_NUMBER.fullmatch(lines[i[0]])):
                found.append((n, i[0], (int(m.group(1)) - n - 1, edge)))
    pages_with = Counter(key for _, key in {(n, key) for n, _, key in found})
    shared = {key for key, k in pages_with.items() if k >= max(2, 0.5 * len(pages))}
    if len(pages) == 1:
        shared = {(0, "top"), (0, "bottom")}
    drop = {(n, i) for n, i, key in found if key in shared}
    return [[line for i, line in enumerate(lines) if (n, i) not in drop]
            for n, lines in enumerate(pages)]


#: A line ending so ends its paragraph, or may: a line break after it is kept.
_PARAGRAPH_END = frozenset("。！？!?；;：:")
#: Marks a text line that fills its column and ends mid-sentence, which the first line of the
#: next page may continue (:func:`_join_pages`).
_WRAPS = "\u2029"
#: A section heading on a line of its own ("四、政府信息公开行政复议、行政诉讼情况"), which may
#: fill a narrow column: numbered, without a comma or a sentence end.
_HEADING_LINE = re.compile(r"[一二三四五六七八九十]{1,2}[、.．][^，,。；;：:]{2,40}$")


def _geometry(line: dict, size: float) -> tuple[float, float, bool, str, str, float]:
    """A text line's x0, x1, whether it has a gap of a character's width or more (a table
    without rules), the fonts of its first and last characters and its first's width."""
    chars = [c for c in line["chars"] if not c["text"].isspace()] or line["chars"]
    gapped = any(b["x0"] - a["x1"] >= max(size, 1.0) for a, b in zip(chars, chars[1:], strict=False))
    return (line["x0"], line["x1"], gapped, chars[0].get("fontname", ""),
            chars[-1].get("fontname", ""), chars[0]["x1"] - chars[0]["x0"])


#: A wrapped line starts at its column's left edge or a paragraph's first-line indent (2
#: characters, or where another line of the column starts: "首行缩进" and typed full-width
#: spaces indent 4): a line set further right alone (a signature set right, filling a narrow
#: column's right part) ends no paragraph it would wrap, and is never joined to the date
#: under it.
_INDENT = 2.5


def _join_wrapped(items: list, page_width: float) -> list:
    """``items`` (sorted, as :func:`_page_lines` builds them) as (top, kind, lines, size), with a
    paragraph's lines joined: an office suite wraps a paragraph at the column's edge, so
    "…仍存在一些不足：一" / "是栏目信息…" cut the item marker 一是 and a sentence in two
    (the report's own paragraph is one line in .txt/.html/.docx). A line wraps when it does
    not end a sentence, is not a heading (:data:`_HEADING_LINE`), has no column gap, and
    ends so near the column's right edge that the next line's first character would not have
    fitted (a heading that nearly fills the column stays a line), and the next line, set
    right below it in the same size and weight, starts
    at the column's left edge (where most of its lines start). A full-width line's right edge
    is at least the page's left margin from the right (margins are set alike; a table wider
    than the page does not move it), a column's at its longest line. A wrapping line left
    last is marked :data:`_WRAPS`."""
    from collections import Counter

    starts: dict[int, Counter] = {}
    edges: dict[int, tuple[float, float]] = {}
    for item in items:
        if item[5] is not None:
            x0, x1 = item[5][:2]
            starts.setdefault(item[4], Counter())[round(x0)] += 1
            edges[item[4]] = (0.0, max(edges.get(item[4], (0.0, x1))[1], x1))
    for column, counts in starts.items():  # (not a page number's left edge)
        edges[column] = (counts.most_common(1)[0][0] - 0.5, edges[column][1])
    if 0 in edges:  # (a page of short lines has no line at the right margin)
        edges[0] = (edges[0][0], max(edges[0][1], page_width - edges[0][0]))

    def wraps(item, room: float) -> bool:
        x0, x1, gapped = item[5][:3]
        left, right = edges[item[4]]
        text = item[2][0]
        return (not gapped and right - x1 < room + 0.25 * item[3]
                and x1 - x0 >= 0.6 * (right - left)
                and (x0 <= left + _INDENT * item[3] or starts[item[4]][round(x0)] > 1)
                and text[-1] not in _PARAGRAPH_END
                and not _HEADING_LINE.match(text))

    def same_weight(a, b) -> bool:  # (a heading set in bold, the text below it not)
        return ("bold" in a[5][4].lower()) == ("bold" in b[5][3].lower())

    out: list[list] = []
    for item in items:
        prev = out[-1] if out else None
        if (prev is not None and item[5] is not None and prev[5] is not None
                and prev[4] == item[4] and wraps(prev, item[5][5]) and not item[5][2]
                and same_weight(prev, item)
                and abs(prev[3] - item[3]) <= 0.5 and 0 < item[0] - prev[0] <= 2.2 * item[3]
                and item[5][0] <= edges[item[4]][0] + 0.5 * item[3]):
            a, b = prev[2][0], item[2][0]
            space = _wrap_space(a, b)
            prev[2] = [a + space + b]
            prev[0] = item[0]  # (the next line is measured from this one)
            prev[5] = (prev[5][0], *item[5][1:3], prev[5][3], *item[5][4:])
            continue
        out.append([item[0], item[1], list(item[2]), item[3], item[4], item[5]])
    flat = []
    for top, kind, lines, size, column, geometry in out:
        if geometry is not None and wraps((top, kind, lines, size, column, geometry), size):
            lines = [lines[0] + _WRAPS]
        flat.append((top, kind, lines, size))
    return flat


_DIGITS_END = re.compile(r"[\d,，.]+$")


def _wrap_space(a: str, b: str) -> str:
    """What joins line ``a`` to the line ``b`` it wraps into: a space between two Latin words
    or figures, none in Chinese, nor inside a figure set in Chinese text ("…共1" / "23件": a
    typesetter breaking anywhere in CJK, as a browser's break-all, cut 123 in two, which read
    "共1 23件")."""
    if not (a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()):
        return ""
    if a[-1].isdigit() and b[0].isdigit():
        before = a[:_DIGITS_END.search(a).start()][-1:]
        if before and _CJK_CHAR.match(before):
            return ""
    return " "


def _join_pages(pages: list[list[str]]) -> list[list[str]]:
    """``pages`` with a paragraph running over a page break joined: the last line of a page
    marked :data:`_WRAPS` (page furniture and running heads already dropped) takes the first
    line of the next page when that is text; other marks are removed."""
    for k, lines in enumerate(pages):
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), None)
        if last is None or not lines[last].endswith(_WRAPS) or k + 1 >= len(pages):
            continue
        nxt = pages[k + 1]
        first = next((i for i, line in enumerate(nxt) if line), None)
        if first is not None and "\t" not in nxt[first] and not is_page_furniture(nxt[first]):
            a, b = lines[last][:-1], nxt[first]
            space = _wrap_space(a, b)
            lines[last] = a + space + b
            nxt[first] = ""
    return [[line.replace(_WRAPS, "") for line in lines] for lines in pages]


#: A cell that starts a row label of its own ("（三）不予公开", "4.", "四、"): never the rest
#: of a label wrapped over a page break.
_OWN_LABEL = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]")


def _join_split_rows(pages: list[list[str]]) -> list[list[str]]:
    """``pages`` with a table row broken over a page break made whole again.

    Word and LibreOffice let a row break across pages: its label starts on one page
    ("2.申请人逾期未按收") and ends on the next, under the repeated header rows, in a row of
    its own without values ("费通知要求缴纳费用、…"). Read apart, neither part is a 表三
    row and the row's values are lost. When a page ends in a table row and the next page's
    first row after the repeated header (rows the previous page holds too) has the same
    number of cells, no value and no label of its own, its cells are appended to that row's
    (only to its label cells: text falling under a value starts another table).
    The next page's row may have fewer cells: a label column merged down the rows
    (三、本年度办理结果) is not drawn again on the new page, so the cells are aligned from
    the right (the value columns), the missing ones being the leftmost. It may have more,
    blank at the left: that merged column, its text printed on another page, was blank on
    the page before and dropped there as an empty column."""
    for k in range(len(pages) - 1):
        lines, nxt = pages[k], pages[k + 1]
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), None)
        if last is None or "\t" not in lines[last]:
            continue
        seen = set(lines)
        j = next((i for i, line in enumerate(nxt) if line), None)
        while j is not None and j < len(nxt) and nxt[j] in seen and "\t" in nxt[j]:
            j += 1
        if j is None or j >= len(nxt) or "\t" not in nxt[j]:
            continue
        prev, cont = lines[last].split("\t"), nxt[j].split("\t")
        if len(cont) < len(prev):  # a merged label column not drawn again on this page
            cont = [""] * (len(prev) - len(cont)) + cont
        elif len(cont) > len(prev) and not any(cont[:len(cont) - len(prev)]):
            # … or blank on the page before, which dropped it as an empty column
            cont = cont[len(cont) - len(prev):]
        if (len(prev) != len(cont) or any(is_value_cell(c) for c in cont if c)
                or not any(is_value_cell(c) for c in prev if c)):
            continue
        texts = [c for c in cont if c]
        if not texts or _OWN_LABEL.match(texts[0]):
            continue
        if any(c and is_value_cell(p) for p, c in zip(prev, cont, strict=True)):
            # text under a value of the row: the next page starts another table (a narrower
            # one's title row, "第二十条第（八）项" after 表二（六）'s last row), no label's rest
            continue
        lines[last] = "\t".join(p + c if c and not p.endswith(c) else p
                                for p, c in zip(prev, cont, strict=True))
        nxt[j] = ""
    return pages


def _turn(obj: dict) -> int:
    """Which way character ``obj`` is turned a quarter: 1 counter-clockwise (its text reads
    upward), -1 clockwise (downward), 0 not so (upright, or at another angle)."""
    a, b, c, d = (obj.get("matrix") or (1, 0, 0, 1))[:4]
    if abs(a) > 0.01 * abs(b) or abs(d) > 0.01 * abs(c) or not b or b * c >= 0:
        return 0
    return 1 if b > 0 else -1


#: Fewest characters turned a quarter that make a page's sideways text (:func:`_sideways`).
_SIDEWAYS_MIN = 10
#: … and, without figures, a page of prose set sideways when they are two thirds of its text
#: or more (a label turned in a cell, a note up a margin stay as they were).
_SIDEWAYS_PROSE = 40


def _sideways(page) -> tuple[int, tuple[float, float, float, float] | None] | None:
    """Where ``page``'s text printed turned a quarter lies (a wide table set sideways on a
    portrait page, without /Rotate; a viewer shows it so): the way it is turned
    (:func:`_turn`) and the box of those characters and the rules around them, which can be
    read turned upright (:func:`_upright`) apart from the page's upright text; None when
    they are turned both ways or upright text lies among them: that text cannot be read (it
    comes out a character a line; 表三 was missing and its section not found) and is
    reported. Only turned text holding figures (:data:`_SIDEWAYS_MIN` characters, 5 digits
    or more: a table's), or a page of prose two thirds turned (:data:`_SIDEWAYS_PROSE`
    characters or more), is so; other turned text (a label turned in a table's cell, a note
    up a margin) is read as before: (0, None)."""
    turned: list[dict] = []
    ways = set()
    for c in page.chars:
        way = _turn(c)
        if way and not c["text"].isspace():
            turned.append(c)
            ways.add(way)
    if len(turned) < _SIDEWAYS_MIN or sum(c["text"].isdigit() for c in turned) < 5:
        if len(turned) < _SIDEWAYS_PROSE or len(turned) < 2 * sum(
                1 for c in page.chars if not _turn(c) and not c["text"].isspace()):
            return 0, None
        # (a page of prose set sideways: two thirds of its text turned, no figures to speak of)
    if len(ways) > 1:
        return None
    box = _ruled_box(page, (min(c["x0"] for c in turned), min(c["top"] for c in turned),
                            max(c["x1"] for c in turned), max(c["bottom"] for c in turned)))
    if any(_inside(c, [box]) for c in page.chars
           if not _turn(c) and not _skewed(c) and not c["text"].isspace()):
        return None  # (a diagonal watermark across it is dropped as on any page)
    return ways.pop(), box


def _stray_turned(page, tables: list) -> set[int]:
    """The ids of ``page``'s characters turned a quarter (:func:`_turn`) that lie on one of
    its upright ``tables`` but are none of its text: a digit (turned characters are never an
    upright table's figures), or a character crossing the rules of the cell it lies in (a
    stamp or watermark set vertically across the grid: its digits read 1 for 0, 372 for 37,
    and its other characters pushed a row's figures a column to the left). A label turned
    inside its cell (a column head set vertically) stays."""
    boxes = [t.bbox for t in tables]
    turned = [c for c in page.chars if _turn(c) and not c["text"].isspace() and boxes
              and _inside(c, boxes)]
    if not turned:
        return set()
    cells = _CellIndex([cell for table in tables for cell in table.cells])
    return {id(c) for c in turned if c["text"].strip().isdigit() or not cells.holding(c)}


def _turned_figure_cells(page, tables: list, stray: set[int]) -> list[tuple[float, float, float, float]]:
    """The cells of ``tables`` whose every character is a turned digit of ``stray``: a figure
    printed turned inside its cell, or a stamp's digit over a blank cell — nothing tells which,
    so the cell is reported (:data:`TURNED_CELL_MARK`), never read blank. A cell with an
    upright figure under a stamp's digit keeps its figure.

    Each character is looked up among the cells near it (:class:`_CellIndex`), once: testing
    every stray digit against every cell, and every cell against its column's characters, a
    grid of 60 × 60 turned figures took 5 s."""
    digits = [c for c in page.chars if id(c) in stray and c["text"].strip().isdigit()]
    if not digits:
        return []
    index = _CellIndex([cell for table in tables for cell in table.cells])
    only_digits = {k: True for c in digits for k in index.holding(c)}  # cell → nothing else in it
    for c in page.chars:
        if only_digits and not c["text"].isspace() and not (
                id(c) in stray and c["text"].strip().isdigit()):
            for k in index.holding(c):
                if k in only_digits:
                    only_digits[k] = False
    return [index.cells[k] for k in sorted(only_digits) if only_digits[k]]


def _mark_turned(table, grid: list[list[str]],
                 turned: list[tuple[float, float, float, float]]) -> None:
    """Put :data:`TURNED_CELL_MARK` into ``grid``'s empty cells that are ``turned`` cells."""
    rows = table.rows
    if len(rows) != len(grid):
        return
    near: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for t in turned:  # by their rounded corner: a box within 1 pt of one is within 2 of its key
        if all(map(math.isfinite, t)):  # (no box is within 1 pt of one off the page's numbers)
            near.setdefault((round(t[0]), round(t[1])), []).append(t)
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if (box is not None and c < len(grid[r]) and not grid[r][c]
                    and all(map(math.isfinite, box))
                    and any(all(abs(a - b) <= 1 for a, b in zip(box, t, strict=True))
                            for dx in range(-2, 3) for dy in range(-2, 3)
                            for t in near.get((round(box[0]) + dx, round(box[1]) + dy), ()))):
                grid[r][c] = TURNED_CELL_MARK


def _in_a_cell(c: dict, cells: list[tuple[float, float, float, float]]) -> bool:
    """Whether character ``c`` lies wholly (to a point) inside one of ``cells``."""
    return any(x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1 and top - 1 <= c["top"]
               and c["bottom"] <= bottom + 1 for x0, top, x1, bottom in cells)


#: Bins of a :class:`_CellIndex` a cell may span each way before it is kept apart.
_INDEX_SPAN = 64


class _CellIndex:
    """Table cells binned on a grid (a bin the cells' median size), to find the cells a
    character lies in (:func:`_in_a_cell`) among those near it, not among all: a character
    wholly inside a cell (to a point) has its centre in the cell grown by a point. A cell
    spanning more than :data:`_INDEX_SPAN` bins, or off the page's numbers, is tried for
    every character."""

    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        sizes = sorted(s for x0, top, x1, bottom in cells for s in (x1 - x0, bottom - top)
                       if math.isfinite(s) and s > 0)
        self.size = max(1.0, sizes[len(sizes) // 2]) if sizes else 1.0
        self.bins: dict[tuple[int, int], list[int]] = {}
        self.apart: list[int] = []
        for k, (x0, top, x1, bottom) in enumerate(cells):
            if not all(map(math.isfinite, (x0, top, x1, bottom))):
                self.apart.append(k)
                continue
            xs = range(math.floor((x0 - 1) / self.size), math.floor((x1 + 1) / self.size) + 1)
            ys = range(math.floor((top - 1) / self.size), math.floor((bottom + 1) / self.size) + 1)
            if len(xs) > _INDEX_SPAN or len(ys) > _INDEX_SPAN:
                self.apart.append(k)
                continue
            for bx in xs:
                for by in ys:
                    self.bins.setdefault((bx, by), []).append(k)

    def holding(self, c: dict) -> list[int]:
        """The indices of the cells character ``c`` lies in (:func:`_in_a_cell`), in order."""
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        near = self.apart
        if math.isfinite(cx) and math.isfinite(cy):
            near = sorted({*near, *self.bins.get((math.floor(cx / self.size),
                                                  math.floor(cy / self.size)), ())})
        return [k for k in near if _in_a_cell(c, [self.cells[k]])]


def _turned_in_cells(page) -> bool:
    """Whether every character of ``page`` turned a quarter lies inside one cell of an upright
    ruled table (one whose characters are mostly upright): a header's labels set vertically,
    "1自然人" up a column head, are read with that table as any cell label, not text left
    unread. A stamp or watermark turned across a table crosses its rules, and a table
    printed sideways is not upright: neither is so. Each character is tried against the cells
    near it (:class:`_CellIndex`), not against all of the page's."""
    turned = [c for c in page.chars if _turn(c) and not c["text"].isspace()]
    if not turned:
        return False
    upright = [c for c in page.chars if not _turn(c) and not c["text"].isspace()]
    tables = _tables(page)
    for table in tables:
        box = [table.bbox]
        inside = [c for c in turned if _inside(c, box)]
        if inside and 2 * len(inside) >= sum(_inside(c, box) for c in upright):
            return False
    index = _CellIndex([cell for table in tables for cell in table.cells])
    return all(index.holding(c) for c in turned)


def _ruled_box(page, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``box`` grown over the rules and boxes of ``page`` that touch it, and those touching
    them (a table's frame lies a cell's padding beyond its text); not over a page's frame or
    background (a box nearly as large as the page)."""
    width, height = float(page.width), float(page.height)
    shapes = [o for o in (*page.lines, *page.rects)
              if o["x1"] - o["x0"] < 0.9 * width or o["bottom"] - o["top"] < 0.9 * height]
    taken: set[int] = set()
    while True:
        grown = [k for k, o in enumerate(shapes) if k not in taken
                 and o["x0"] <= box[2] + 1 and o["x1"] >= box[0] - 1
                 and o["top"] <= box[3] + 1 and o["bottom"] >= box[1] - 1]
        if not grown:
            return box
        taken.update(grown)
        box = (min(box[0], *(shapes[k]["x0"] for k in grown)),
               min(box[1], *(shapes[k]["top"] for k in grown)),
               max(box[2], *(shapes[k]["x1"] for k in grown)),
               max(box[3], *(shapes[k]["bottom"] for k in grown)))


def _sideways_parts(page, way: int, box: tuple[float, float, float, float]) -> tuple:
    """``page`` without its text turned ``way`` and the rules and boxes in ``box``
    (:func:`_sideways`), and those turned upright."""
    wide = [(box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1)]

    def turned(obj: dict) -> bool:
        if obj.get("object_type") == "char":
            return _turn(obj) == way and _inside(obj, wide)
        return _inside(obj, wide)

    return page.filter(lambda obj: not turned(obj)), _upright(page.filter(turned), way)


def _upright(page, way: int):
    """``page`` as it reads turned a quarter the other ``way`` (:func:`_sideways`): its
    characters, rules and boxes given the coordinates they have on the page turned so its
    text is upright, for the same reader as any page."""
    left, top = page.bbox[0], page.bbox[1]
    width, height = float(page.width), float(page.height)
    doctop = page.initial_doctop

    def point(x: float, t: float) -> tuple[float, float]:
        x, t = x - left, t - top
        return (height - t, x) if way == 1 else (t, width - x)

    def moved(obj: dict) -> dict:
        (ax, at), (bx, bt) = point(obj["x0"], obj["top"]), point(obj["x1"], obj["bottom"])
        x0, x1, t0, t1 = min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)
        new = {**obj, "x0": left + x0, "x1": left + x1, "top": top + t0, "bottom": top + t1,
               "y0": width - t1, "y1": width - t0, "doctop": doctop + t0,
               "width": x1 - x0, "height": t1 - t0}
        if "pts" in obj:
            new["pts"] = [tuple(a + b for a, b in zip(point(*p), (left, top), strict=True))
                          for p in obj["pts"]]
        if obj.get("object_type") == "char" and obj.get("matrix"):
            a, b, c, d, e, f = obj["matrix"]
            new["matrix"] = ((b, -a, d, -c, f, width - e) if way == 1
                             else (-b, a, -d, c, height - f, e))
            new["upright"] = _turn(obj) == way
        return new

    turned = page.filter(lambda obj: True)
    turned._objects = {kind: [moved(obj) for obj in objs] for kind, objs in page.objects.items()}
    turned.bbox = (left, top, left + height, top + width)
    return turned


def _skewed(obj: dict) -> bool:
    """A character set at a slant (not along an axis): a diagonal watermark (水印)."""
    matrix = obj.get("matrix")
    if obj.get("object_type") != "char" or not matrix:
        return False
    a, b = abs(matrix[0]), abs(matrix[1])
    return a > 0.1 * b and b > 0.1 * a


def _clean_chars(page):
    """``page`` without diagonal watermark characters (which pdfplumber reads as a column of
    one-character lines, or inside the text's lines) and with each character once: "fake
    bold" draws a heading twice, a hair apart, which reads "一一、、总总体体"
    (:func:`_overprinted`; a digit that may be a copy or a figure's next digit is set apart:
    reported, not guessed)."""
    chars = page.chars
    if any(_skewed(c) for c in chars):
        page = page.filter(lambda obj: not _skewed(obj))
    page = _deduped(page)
    copies, doubtful = _overprinted(page.chars)
    if copies:
        page = page.filter(lambda obj: obj["object_type"] != "char" or id(obj) not in copies)
    if doubtful:
        chars = page.chars
        for k, c in enumerate(chars):
            if id(c) in doubtful:
                chars[k] = {**c, "text": f" {c['text']} "}
    _level_fallback_glyphs(page)
    _set_apart_marked_digits(page)
    return page


def _deduped(page):
    """``page.dedupe_chars(tolerance=1)``: each character drawn twice at one place (same text,
    font and size, within 1 pt) kept once, in the page's order. pdfplumber puts the kept ones
    back in order with ``list.index`` per character: quadratic, a page of 11,000 characters
    (tiny type, a dense table) took 5 s, 22,000 20 s. Here a table of each character's first
    equal one (what ``list.index`` answers) orders them; the same characters, the same order."""
    from itertools import groupby
    from operator import itemgetter

    from pdfplumber.page import FilteredPage
    from pdfplumber.utils.clustering import cluster_objects

    chars = page.chars
    key = itemgetter("upright", "text", "fontname", "size")
    kept = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(group), itemgetter("doctop"), 1):
            for cluster in cluster_objects(row, itemgetter("x0"), 1):
                kept.append(sorted(cluster, key=itemgetter("doctop", "x0"))[0])
    where: dict[tuple, list[int]] = {}
    for k, c in enumerate(chars):
        where.setdefault((key(c), c["doctop"], c["x0"]), []).append(k)

    def first_equal(c: dict) -> int:
        return next(k for k in where[(key(c), c["doctop"], c["x0"])] if chars[k] == c)

    kept.sort(key=first_equal)
    deduped = FilteredPage(page, lambda obj: True)
    deduped._objects = {kind: objs for kind, objs in page.objects.items()}
    deduped._objects["char"] = kept
    return deduped


#: Share of a glyph's width by which a character of the same text and size overlaps one
#: before it on its line: over _COPY it is a copy drawn over it; over _DOUBT (a digit) it may
#: be either, and is set apart (:func:`_overprinted`).
_COPY = 2 / 3
_DOUBT = 0.5


def _overprinted(chars: list[dict]) -> tuple[set[int], set[int]]:
    """The ids of characters drawn again over one before them ("fake bold", 假粗体: a glyph
    printed twice or more, a little apart), and of digits that may be so or may be two
    figures' digits set very tight.

    pdfplumber's dedupe (1 pt) keeps copies drawn further apart: a 6 pt table drawn twice
    1.3 pt apart read "33" for 3 in a table marked ok. Two printed characters' boxes touch,
    or overlap a little when the text is set tight: measured, a "11", "——" or "……" with
    letter-spacing −0.15 em overlaps by 0.27 of a glyph's width, −1 pt on a 6 pt digit by
    0.36. A character of the same text and size on the same line (tops within 1 pt) over
    :data:`_COPY` of whose width it lies is a copy (a chain of copies all go but the first);
    a digit over :data:`_DOUBT` could be either (−1.5 pt on a 6 pt digit overlaps 0.54, a
    copy 1.3 pt off 0.53), so it and the digit it overlaps are set apart, and the figure is
    reported, not guessed. A copy shifted down or up as well (a shadow, 阴影, or a diagonal
    fake bold: tops over 1 pt but under half the size apart, still read as one line) is no
    next digit, which shares the baseline: over :data:`_DOUBT` it is dropped, a digit over
    half that is set apart (1.3 pt right and 1.2 pt down read 1133 for 13 in a table
    marked ok)."""
    groups: dict[tuple[str, float], list[dict]] = {}
    for c in chars:
        if c.get("upright") and c["x1"] - c["x0"] > 0 and not c["text"].isspace():
            groups.setdefault((c["text"], round(c.get("size") or 0.0, 2)), []).append(c)
    copies: set[int] = set()
    doubtful: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: (c["x0"], c["top"]))
        for k, c in enumerate(group):
            for j in range(k - 1, -1, -1):
                before = group[j]
                if before["x1"] <= c["x0"]:
                    if c["x0"] - before["x0"] > 2 * (c["x1"] - c["x0"]) + 2:
                        break  # (the group is sorted by x0; glyphs of one size are as wide)
                    continue
                rise = abs(c["top"] - before["top"])
                if rise > max(1.0, (c.get("size") or 0.0) / 2) or id(before) in copies:
                    continue  # (another line, or a copy, which is dropped)
                width = min(c["x1"] - c["x0"], before["x1"] - before["x0"])
                overlap = (min(c["x1"], before["x1"]) - c["x0"]) / width
                if overlap > _COPY or (rise > 1 and overlap > _DOUBT):
                    copies.add(id(c))
                    break
                if c["text"].isdigit() and (overlap > _DOUBT or (rise > 1 and overlap > _DOUBT / 2)):
                    doubtful.update((id(c), id(before)))
    return copies, doubtful - copies


#: How far apart (pt) two characters' baselines may be and still share one printed line.
_SAME_BASELINE = 0.3


def _level_fallback_glyphs(page) -> None:
    """Give characters printed on one baseline at one size one vertical box, in ``page``'s
    own character list. A browser's "print to PDF" sets digits that fall back to a Latin
    font (LiberationSerif beside NotoSansCJK) on the CJK text's baseline, but pdfminer boxes
    each glyph by its own font's descent, so a 24 pt title's "2014" sat 5 pt lower than its
    Chinese (Chromium prints the CJK font as a Type 3 font without a descent): read as a
    line of its own, it came out "…办公厅 年度…工作2014报告" and the title was lost, and in
    body text of 14 pt or more a sentence's figures left it ("申请件" … "25"). Each such
    group takes the box most of its characters have; a character of another size (a note
    mark set small) is left alone."""
    groups: dict[float, list[int]] = {}
    chars = page.chars
    for k, c in enumerate(chars):
        matrix = c.get("matrix")
        if c.get("upright") and matrix and not matrix[1] and not matrix[2] and c.get("size"):
            groups.setdefault(round(c["size"], 1), []).append(k)
    for ks in groups.values():
        ks.sort(key=lambda k: chars[k]["matrix"][5])
        line: list[int] = []
        for k in [*ks, None]:
            if k is not None and (not line or chars[k]["matrix"][5]
                                  - chars[line[-1]]["matrix"][5] <= _SAME_BASELINE):
                line.append(k)
                continue
            _level(chars, line)
            line = [] if k is None else [k]


def _level(chars: list[dict], line: list[int]) -> None:
    """Move the characters ``line`` indexes whose top differs by more than pdfplumber's
    3 pt line tolerance from the top most of them have (the rest stay as they are). Only
    a character whose box holds its baseline moves: one raised off it by a text rise (a
    note mark "25¹" set at the text's size) is no glyph boxed by its font's descent, and
    pulled into the line it would make "251" of the figure beside it."""
    line = [k for k in line
            if chars[k]["y0"] - 0.01 <= chars[k]["matrix"][5] <= chars[k]["y1"] + 0.01]
    tops: dict[float, int] = {}
    for k in line:
        tops[round(chars[k]["top"], 2)] = tops.get(round(chars[k]["top"], 2), 0) + 1
    if len(tops) < 2 or max(tops) - min(tops) <= 3:
        return
    usual = max(tops, key=lambda t: (tops[t], -t))
    for k in line:
        c = chars[k]
        shift = usual - c["top"]
        if abs(shift) > 3:
            chars[k] = {**c, "top": c["top"] + shift, "bottom": c["bottom"] + shift,
                        "doctop": c["doctop"] + shift, "y0": c["y0"] - shift, "y1": c["y1"] - shift}


def _set_apart_marked_digits(page) -> None:
    """Write spaces around a digit struck through (a thin rule across its middle: an old
    figure left beside the new one, or a Word "print markup" deletion) and around a smaller
    digit raised or lowered beside another digit (a note mark "43¹"), in ``page``'s own
    character list. Joined, the cell read 43 for a struck "4" before "3" and 431 for 43 with
    a raised "1", in a table marked ok; set apart, it is no plausible number and is reported."""
    chars = page.chars
    digits = [k for k, c in enumerate(chars) if c["text"].isdigit() and c.get("size")]
    if not digits:
        return
    rules: dict[int, list[dict]] = {}
    for obj in page.rects + page.lines:
        if obj["bottom"] - obj["top"] <= 2 and obj["x1"] - obj["x0"] >= 1:
            rules.setdefault(int(obj["top"] // 10), []).append(obj)
    near: dict[tuple[int, int], list[dict]] = {}  # digits by 20 pt square
    for k in digits:
        near.setdefault((int(chars[k]["x0"] // 20), int(chars[k]["top"] // 20)), []).append(chars[k])
    for k in digits:
        c = chars[k]
        if _struck(c, rules) or _raised_or_lowered(c, near):
            chars[k] = {**c, "text": f" {c['text']} "}


def _struck(c: dict, rules: dict[int, list[dict]]) -> bool:
    """Whether a thin rule crosses the middle band of character ``c`` over half its width."""
    height = c["bottom"] - c["top"]
    lo, hi = c["top"] + 0.3 * height, c["bottom"] - 0.25 * height
    width = c["x1"] - c["x0"]
    for bucket in {int(lo // 10), int(hi // 10)}:
        for r in rules.get(bucket, ()):
            if (lo <= (r["top"] + r["bottom"]) / 2 <= hi
                    and min(r["x1"], c["x1"]) - max(r["x0"], c["x0"]) > 0.5 * width):
                return True
    return False


def _raised_or_lowered(c: dict, near: dict[tuple[int, int], list[dict]]) -> bool:
    """Whether digit ``c`` is set smaller and off the line of a digit right beside it."""
    size = c["size"]
    x, y = int(c["x0"] // 20), int(c["top"] // 20)
    for bucket in ((x + i, y + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
        for n in near.get(bucket, ()):
            big = n["size"]
            if n is c or size > 0.85 * big:
                continue
            beside = (abs(c["x0"] - n["x1"]) <= 0.3 * big or abs(n["x0"] - c["x1"]) <= 0.3 * big)
            overlap = min(c["bottom"], n["bottom"]) - max(c["top"], n["top"]) > 0
            off = c["bottom"] <= n["bottom"] - 0.2 * big or c["top"] >= n["top"] + 0.2 * big
            if beside and overlap and off:
                return True
    return False


def _column_of(bbox: tuple[float, float, float, float], gutter: float) -> int:
    """The column (1 left, 2 right) a box lies in, or 0 when it crosses the gutter."""
    return 1 if bbox[2] <= gutter else 2 if bbox[0] >= gutter else 0


#: Widest span of text (points; 35 m) searched for a gutter: _crossings holds a count per
#: point, and one word drawn at x = 1e9 on a crafted page asked for gigabytes.
_WIDEST = 100_000


@dataclass(frozen=True)
class Columns:
    """A page's two columns of prose (分栏): the x of the gutter between them, and the left and
    right edges of the page's text."""

    gutter: float
    left: float
    right: float


def _gutter(text_page, tables=()) -> tuple[float, list[tuple[float, float]]] | None:
    """The gutter of a page set in two columns, and the vertical bands of the lines that
    cross it (a title, a page number); None for a one-column page (:func:`_columns`)."""
    found = _columns(_page_words(text_page, tables))
    return None if found is None else (found[0].gutter, found[1])


def _columns(words: list[dict]) -> tuple[Columns, list[tuple[float, float]], bool] | None:
    """The columns of a page set in two (read from its :func:`_page_words`: their gutter), the
    vertical bands of the lines that cross the gutter (a title, a page number), and whether
    both columns are prose; None for a one-column page.

    pdfplumber reads a line across the whole page, so two columns would come out with their
    lines interleaved, or merged where they share a baseline. A gutter is an x in the middle
    of the text (and ``tables``, pdfplumber's tables of the page) that (almost) no word
    crosses, with lines on each side (6 on one), and either prose on each side: lines
    (words) filling at least half the column, which the columns of a table drawn without
    lines (labels, then short numbers) do not; or prose on one side (:func:`_prose_side`)
    and a table on the other (:func:`_table_side`), as a page whose right column is a
    table of figures beside the narrative.
    """
    if sum("rows" not in w for w in words) < 12:
        return None
    x_min = min(w["x0"] for w in words)
    x_max = max(w["x1"] for w in words)
    width = x_max - x_min
    if not 100 <= width <= _WIDEST:
        return None
    lo, hi = int(x_min + 0.3 * width), int(x_min + 0.7 * width)
    counts = _crossings(words, lo, hi)
    least = min(counts)
    edge: set[int] = set()
    if least > max(1, 0.05 * len(words)):
        # a running head, a title over two lines and a foot spanning the page cross any
        # gutter: on a short page they alone outnumber 5% of its words
        edge = _edge_bands(words, (x_min + x_max) / 2)
        counts = _crossings([w for w in words if id(w) not in edge], lo, hi)
        least = min(counts)
        if least > max(1, 0.05 * len(words)):
            return None
    # the middle of the longest run of x with the fewest crossings
    best_start, best_len, start = 0, 0, None
    for i, n in enumerate([*counts, least + 1]):
        if n == least and start is None:
            start = i
        elif n != least and start is not None:
            if i - start > best_len:
                best_start, best_len = start, i - start
            start = None
    gutter = lo + best_start + (best_len - 1) / 2
    # (the edge lines are read across the page: a running head spaced out "东 海 海 洋 …"
    # is no column's words)
    left = [w for w in words if w["x1"] <= gutter and id(w) not in edge]
    right = [w for w in words if w["x0"] >= gutter and id(w) not in edge]
    lines = [len({round(w["top"]) for w in side if "rows" not in w})
             + sum(w.get("rows", 0) for w in side) for side in (left, right)]
    if min(lines) < 2 or max(lines) < 6:  # (the report may end high in the right column)
        return None
    sides = ((left, gutter - x_min), (right, x_max - gutter))
    prose = [_fills(side, span) for side, span in sides]
    if all(prose):
        edge = edge or _edge_bands(words, (x_min + x_max) / 2)
        if not _side_by_side(*([w for w in side if id(w) not in edge] for side in (left, right))):
            prose = [False, False]  # (short lines above a signature set right: one column)
    if not all(prose) and not any(
            prose[a] and _prose_side(sides[a][0]) and _table_side(sides[b][0])
            for a, b in ((0, 1), (1, 0))) and not (least == 0 and any(
                _contents_side(side) for side in (left, right))):
        return None
    return Columns(gutter, x_min, x_max), _spanning(words, gutter, edge), all(prose)


def _spanning(words: list[dict], gutter: float, edge: set[int]) -> list[tuple[float, float]]:
    """The vertical bands of the lines read across both columns: words crossing the gutter,
    the ``edge`` words (:func:`_edge_bands`) and page numbers."""
    spans = [(w["top"], w["bottom"]) for w in words
             if w["x0"] < gutter < w["x1"] or id(w) in edge]
    # a page number centred on the gutter ("第1页 共2页", its halves on either side) is
    # read as one line, not as the last line of each column; a bare figure on one side
    # ("2024" beside a blank line) is a column's line: as a band it cut both columns there
    spans += [(min(w["top"] for w in line), max(w["bottom"] for w in line))
              for line in _furniture_lines(words)
              if min(w["x0"] for w in line) < gutter < max(w["x1"] for w in line)]
    return spans


def _page_words(text_page, tables=()) -> list[dict]:
    """The words of ``text_page``, and each of its ``tables`` as one word of its box holding
    its count of ``rows``: what :func:`_columns` and :func:`_kept_columns` read, extracted
    once for both."""
    return [*text_page.extract_words(),
            *({"x0": t.bbox[0], "x1": t.bbox[2], "top": t.bbox[1], "bottom": t.bbox[3],
               "text": "", "rows": len(t.rows)} for t in tables)]


def _kept_columns(words: list[dict], before: Columns
                  ) -> tuple[Columns, list[tuple[float, float]], bool] | None:
    """The columns of the page ``before`` kept on a page (read from its :func:`_page_words`),
    when its columns are too short to be found on their own (the report's last page: the left
    column's last lines, and 六, its "无。", the signature and the date in the right): no word
    but the page's head and foot crosses the gutter, the text lies within the columns' edges,
    there is text on each side, the two sides start level and neither is a table's figures.
    Read as one line, the columns' first lines were joined ("…发布。 六、其他需要报告的事项")
    and section 六 lost; read as columns, nothing is (a one-column page never leaves the
    gutter clear)."""
    gutter = before.gutter
    edge = _edge_bands(words, gutter)
    body = [w for w in words if id(w) not in edge]
    if not body:  # (no side holds text)
        return None
    height = sorted(w["bottom"] - w["top"] for w in body)[len(body) // 2]
    if (any(w["x0"] < gutter < w["x1"] for w in body)
            or min(w["x0"] for w in body) < before.left - 2 * height
            or max(w["x1"] for w in body) > before.right + 2 * height):
        return None
    left = [w for w in body if w["x1"] <= gutter]
    right = [w for w in body if w["x0"] >= gutter]
    if not left or not right or any("rows" in w for w in body):
        return None
    if not _start_level(left, right) or _figures_side(left) or _figures_side(right):
        return None
    if _text_rows(left, right, before, height):
        return None
    return before, _spanning(words, gutter, edge), True


#: A part's numbered heading opening a line ("六、其他需要报告的事项"), which no cell of a table
#: of text holds.
_PART_HEADING_LINE = re.compile(r"\s*[一二三四五六七八九十]{1,2}、\s*[^\d\W]")


def _text_rows(left: list[dict], right: list[dict], before: Columns, height: float) -> bool:
    """Whether two sides are the rows of a table of text drawn without rules (问题 | 措施):
    the shorter side holds 2 lines or more, each level with a line of the other side, and no
    line of either side reaches its column's outer edge (the gutter, the right margin) within
    2 characters, as wrapped prose does, and a signature set right. Read in columns, each
    problem was parted from its measure (all problems, then all measures). A side holding a
    part's heading ("六、其他需要报告的事项") is a report's column, no table's."""
    short, other = sorted((_side_lines(left), _side_lines(right)), key=len)
    if len(short) < 2 or any(
            _PART_HEADING_LINE.match("".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])))
            for line in short + other):
        return False
    tops = [min(w["top"] for w in line) for line in other]
    if not all(any(abs(min(w["top"] for w in line) - top) <= 0.3 * height for top in tops)
               for line in short):
        return False
    return all(max(w["x1"] for w in side) < edge - 2 * height
               for side, edge in ((left, before.gutter), (right, before.right)))


def _figures_side(side: list[dict]) -> bool:
    """Whether half a side's lines (2 or more) are figures with no Chinese: the figure
    columns of a table drawn without rules, its labels on the other side."""
    lines = _side_lines(side)
    bare = sum(1 for line in lines if any(_DIGIT.search(w["text"]) for w in line)
               and not any(_CJK_CHAR.search(w["text"]) for w in line))
    return bare >= 2 and 2 * bare >= len(lines)


def _furniture_lines(words: list[dict]) -> list[list[dict]]:
    """The lines of ``words`` that are page numbers (:func:`is_page_furniture`)."""
    return [line for line in _side_lines(words)
            if is_page_furniture(" ".join(w.get("text", "") for w in sorted(line, key=lambda w: w["x0"])))]


#: Lines at a page's top (running head, a title over up to three lines) and at its foot
#: (a page number, a note) that may span both columns of a two-column page.
_TOP_BAND, _FOOT_BAND = 4, 2


def _edge_bands(words: list[dict], middle: float) -> set[int]:
    """Ids of the words of the page's first lines (up to :data:`_TOP_BAND`) and last lines
    (up to :data:`_FOOT_BAND`) that cross ``middle`` (a line's words together: "— 1 —"),
    each band ending at the first line that does not: the head, title and foot printed
    across a page set in columns."""
    found: set[int] = set()
    for ordered, most in ((sorted(words, key=lambda w: w["top"]), _TOP_BAND),
                          (sorted(words, key=lambda w: -w["bottom"]), _FOOT_BAND)):
        lines: dict[int, list[dict]] = {}
        for w in ordered:
            key = round(w["top"])
            if key not in lines and len(lines) == most:
                break
            lines.setdefault(key, []).append(w)
        for line in lines.values():
            if not _spans(line, middle):
                break
            found.update(id(w) for w in line)
    return found


def _start_level(left: list[dict], right: list[dict]) -> bool:
    """Whether two columns of prose start level (their first lines within a line's height of
    each other), as columns set side by side do. A one-column last page whose lines stop
    short of the signature and date set right under them read as two columns of "prose",
    the signature a column of its own, wrapped into its date ("某县人民政府2024年1月20日":
    no closing date found)."""
    words = [[w for w in side if "rows" not in w] for side in (left, right)]
    if not all(words):
        return True
    heights = sorted(w["bottom"] - w["top"] for w in words[0])
    tops = [min(w["top"] for w in side) for side in words]
    return abs(tops[0] - tops[1]) <= 1.5 * heights[len(heights) // 2]


def _side_by_side(left: list[dict], right: list[dict]) -> bool:
    """Whether two sides of prose run beside each other as columns do: they start level
    (:func:`_start_level`), or the side starting lower holds 6 lines or more and starts above
    the other's last line (a running head set over the left column only, a chart at the top
    of the right: read as one column, their lines were interleaved). A signature and date
    set right under a one-column page's short lines are neither."""
    if _start_level(left, right):
        return True
    upper, lower = sorted(([w for w in side if "rows" not in w] for side in (left, right)),
                          key=lambda side: min(w["top"] for w in side))
    return (len(_side_lines(lower)) >= 6
            and min(w["top"] for w in lower) < max(w["top"] for w in upper))


def _spans(line: list[dict], middle: float) -> bool:
    """Whether a line's words cross ``middle``: one word does, or the words either side of it
    are a space apart ("— 1 —"), not a gutter (two columns' first lines at one height). A
    gutter is a character wide or more (a browser's column-gap 1em, a 公文 printed in columns
    1.5 characters): two columns' first or last lines, each filling its column, are no line
    across the page ("五、存在的主要问题及改进情 | 六、其他需要报告的事项" read as one line lost
    section 六)."""
    if any(w["x0"] < middle < w["x1"] for w in line):
        return True
    before = [w["x1"] for w in line if w["x1"] <= middle]
    after = [w["x0"] for w in line if w["x0"] >= middle]
    height = max(w["bottom"] - w["top"] for w in line)
    return bool(before and after) and min(after) - max(before) <= _SPACE * height


#: The widest space between two words of one line crossing a page's middle, in characters
#: (a space, two, a narrow full-width space); a gutter is wider.
_SPACE = 0.8


def _fills(side: list[dict], span: float) -> bool:
    """Whether the words of one side (tables aside) are lines filling half its width or more."""
    widths = sorted(w["x1"] - w["x0"] for w in side if "rows" not in w)
    return bool(widths) and widths[len(widths) // 2] >= 0.5 * span


_SENTENCE_MARK = re.compile(r"[，。；,;]")


def _side_lines(side: list[dict]) -> list[list[dict]]:
    """The words of one side (tables aside) grouped into lines by their top."""
    lines: dict[int, list[dict]] = {}
    for w in side:
        if "rows" not in w:
            lines.setdefault(round(w["top"]), []).append(w)
    return list(lines.values())


def _prose_side(side: list[dict]) -> bool:
    """Whether a column reads as running text: 6 lines or more, half of them with a comma or a
    sentence end, and wrapped: 2 in 5 (3 at least) end within a character of the column's
    right edge. The label column of a table drawn without lines, even with commas in its
    labels, ends ragged."""
    lines = _side_lines(side)
    if len(lines) < 6:
        return False
    marked = sum(1 for line in lines if any(_SENTENCE_MARK.search(w["text"]) for w in line))
    ends = [(max(w["x1"] for w in line), max(w["bottom"] - w["top"] for w in line))
            for line in lines]
    edge = max(x1 for x1, _ in ends)
    full = sum(1 for x1, height in ends if x1 >= edge - height)
    return 2 * marked >= len(lines) and full >= max(3, 0.4 * len(lines))


def _contents_side(side: list[dict]) -> bool:
    """Whether a column is a list of section headings (目录, "一、总体情况" …, 3 or more and
    half its lines), as a cover set in two columns prints beside the title: read across
    the gutter, its entries and the title's lines were interleaved, and the title lost."""
    lines = ["".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
             for line in _side_lines(side)]
    headings = sum(1 for line in lines if _HEADING_LINE.match(line))
    return headings >= 3 and 2 * headings >= len(lines)


def _table_side(side: list[dict]) -> bool:
    """Whether a column is a table: it holds one of pdfplumber's tables, or its lines are rows
    of cells drawn without ruling lines: most with 2 words or more, half with a figure and
    half with a Chinese label (the figures alone are the columns of a table spanning the
    page, whose labels are on the other side)."""
    if any("rows" in w for w in side):
        return True
    lines = _side_lines(side)
    if len(lines) < 3:
        return False
    cells = sum(1 for line in lines if len(line) >= 2)
    figures = sum(1 for line in lines if any(_DIGIT.search(w["text"]) for w in line))
    labels = sum(1 for line in lines if any(_CJK_CHAR.match(w["text"]) for w in line))
    return (5 * cells >= 3 * len(lines) and 2 * figures >= len(lines)
            and 2 * labels >= len(lines))


_DIGIT = re.compile(r"\d")


def _crossings(words: list[dict], lo: int, hi: int) -> list[int]:
    """For each integer x in lo…hi, how many words cross it (x0 < x < x1): each word adds 1
    over its range of x, summed once (a count per x over all words was x-range × words, ~80 s
    on a page 5 m wide)."""
    import math
    from itertools import accumulate

    delta = [0] * (hi - lo + 2)
    for w in words:
        a = max(lo, math.floor(w["x0"]) + 1)  # the first integer x > x0
        b = min(hi, math.ceil(w["x1"]) - 1)  # the last integer x < x1
        if a <= b:
            delta[a - lo] += 1
            delta[b - lo + 1] -= 1
    return list(accumulate(delta[:-1]))


_TITLE_END = re.compile(r"报告|報告")


def _join_title(items: list, *, first: bool = True) -> list:
    """``items`` with a report title joined when it wraps: lines set in one font clearly
    larger than the body (大标题), close together, where only the last names the 报告
    ("某某街道办事处2021年政府" / "信息公开工作年度报告"). On the first page the title is
    among its first four items; on a later page it may stand anywhere: the body's title
    after a cover and a 目录, or a second report's (a county's report and its bureau's in
    one PDF), whose title cut in two ("…工作年度报" / "告") was no title line, so the
    second report was read as the first one's tail and its figures and statements lost."""
    text = [it for it in items if it[1] == 0]
    if len(text) < 3:
        return items
    sizes = sorted(it[3] for it in text)
    body = sizes[len(sizes) // 2]
    starts = range(min(4, len(items))) if first else range(len(items))
    k = next((i for i in starts if items[i][1] == 0 and items[i][3] >= 1.2 * body), None)
    while k is not None:
        size = items[k][3]
        j = k + 1
        while (j < len(items) and items[j][1] == 0 and abs(items[j][3] - size) <= 0.5
               and items[j][0] - items[j - 1][0] <= 2.5 * size and j - k < 3):
            j += 1
        lines = [it[2][0].replace(_WRAPS, "") for it in items[k:j]]
        # (the cut may fall inside 报告: "…工作年度报" / "告")
        if not (j - k < 2 or any(_TITLE_END.search(x) for x in lines[:-1])
                or not _TITLE_END.search("".join(lines)[-len(lines[-1]) - 1:])
                or any(x[-1:] in "。；;：:，," for x in lines)):
            joined = (items[k][0], 0, ["".join(lines)], size)
            return [*items[:k], joined, *items[j:]]
        if first:
            return items
        k = next((i for i in range(j, len(items)) if items[i][1] == 0
                  and items[i][3] >= 1.2 * body), None)
    return items


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first two and last two text lines (not table rows) of a page."""
    text_idx = [i for i, line in enumerate(lines) if line and "\t" not in line]
    return sorted(set(text_idx[:2] + text_idx[-2:]))


def _head_key(line: str) -> str:
    """A running head's identity: its text, with a trailing page number ignored, and the
    :data:`_WRAPS` mark too (a head as wide as the one after it on some pages only)."""
    return _PAGE_SUFFIX.sub("#", line.replace(_WRAPS, ""))


def _drop_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers: an edge line repeated (page number aside) on most pages;
    of a two-page report, a head at the top of page 2 that tops page 1 too (a header line
    stayed between the two halves of a sentence running over the page break) — not a section
    heading, which a cover's contents (目录) prints at its top too."""
    if len(pages) == 2:
        first, second = pages
        tops = {_head_key(first[i]) for i in _edges(first)[:2] if not _HEADING_LINE.match(first[i])}
        drop = {i for i in _edges(second)[:2] if _head_key(second[i]) in tops}
        return [first, [line for i, line in enumerate(second) if i not in drop]]
    if len(pages) < 3:
        return pages
    seen: dict[str, int] = {}
    for lines in pages:  # (a bare number is a page number or a table's value: not a head)
        for key in {_head_key(lines[i]) for i in _edges(lines) if not _BARE_NUMBER.fullmatch(lines[i])}:
            seen[key] = seen.get(key, 0) + 1
    running = {key for key, n in seen.items() if n >= max(3, 0.6 * len(pages))}
    if not running:
        return pages
    # on the first page a running head is often the report's title, and kept; but when the
    # title is printed there too, the head is a second copy of it (which hides what follows
    # the title, such as the 发布日期 line, from the metadata)
    # (a running foot, a page's address and "1/3" as a browser prints it, is no title)
    first = pages[0]
    top = set(_edges(first)[:2])
    twice = {i for i in _edges(first) if _head_key(first[i]) in running
             and (i not in top or first[i] in first[:i] or _above_printed_title(first, i))}
    out = [[line for i, line in enumerate(first) if i not in twice]]
    for lines in pages[1:]:
        drop = {i for i in _edges(lines) if _head_key(lines[i]) in running}
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


_YEAR = re.compile(r"(?:19|20)\d{2}")
_SENTENCE_MARK = re.compile(r"[。，,；;]")


def _above_printed_title(lines: list[str], i: int) -> bool:
    """Whether one of the next four text lines below the running head ``lines[i]`` of page 1
    is the printed title (a line naming a 报告 and a year, no sentence), the head naming no
    year or the same one: the head ("某学院信息公开年度报告", "某市2022年…年度报告" above
    "某市人民政府2022年…年度报告", a browser's "1/5/24, 9:30 AM 某局…年度报告") is then
    furniture above the title, not the title. (Four: a printed web page puts its
    breadcrumb and 发布时间 lines between.)"""
    head_year = _YEAR.search(lines[i])
    below = [line for line in lines[i + 1:i + 8] if line and "\t" not in line][:4]
    return any(len(line) <= 80 and "报告" in line and _YEAR.search(line)
               and not _SENTENCE_MARK.search(line) and line != lines[i]
               and (head_year is None or head_year.group() in line) for line in below)


_ENCRYPTED = ("the PDF is encrypted (password-protected: a password is needed to open it), so its "
              "text cannot be read; ask the agency for an unprotected copy, or remove the "
              "password with a PDF tool when you know it (qpdf --password=PASSWORD --decrypt "
              "in.pdf out.pdf); when only an owner (permissions) password is set, "
              "qpdf --decrypt in.pdf out.pdf removes it")


def _password_error(exc: BaseException) -> bool:
    """Whether opening failed on the PDF's encryption: pdfplumber wraps pdfminer's
    PDFPasswordIncorrect / PDFEncryptionError … in a PdfminerException (as its argument,
    or its cause), whose own name says nothing."""
    todo: list[BaseException] = [exc]
    for _ in range(8):  # (a few levels at most; never loops on an exception holding itself)
        if not todo:
            break
        e = todo.pop()
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name:
            return True
        todo += [a for a in e.args if isinstance(a, BaseException)]
        if e.__cause__ is not None:
            todo.append(e.__cause__)
    return False


def quiet_pdfminer() -> None:
    """pdfminer logs a WARNING for each glyph of a font it reads by a fallback ("Could not
    get FontBBox from font descriptor": a CID font such as reportlab's STSong-Light): 728
    lines for five such PDFs in one folder, burying tag's end-of-run line, while the
    text comes out right. Its logger is set to ERROR unless the application gave it a level."""
    pdfminer = logging.getLogger("pdfminer")
    if pdfminer.level == logging.NOTSET:
        pdfminer.setLevel(logging.ERROR)


def pdf_to_text(data: bytes, *, path: str | None = None) -> str:
    """Extract the text of a PDF (not yet normalized)."""
    return pdf_text_and_scans(data, path=path)[0]


def pdf_text_and_scans(data: bytes, *, path: str | None = None) -> tuple[
        str, tuple[int, ...], tuple[int, ...],
        tuple[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]]:
    """The text of a PDF (not yet normalized), the numbers (from 1) of its pages that are
    scans without a text layer, whose text is missing from it (a text cover page before
    scanned tables), and those of its pages holding text printed sideways that could not be
    read (:func:`_sideways`): the report says so, not only the sections it lacks; and the
    text beside those pages (:func:`page_edges`)."""
    try:
        import pdfplumber
    except ImportError as exc:
        raise MissingDependencyError("pdfplumber", "pdf", "Reading .pdf files") from exc
    quiet_pdfminer()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        name = type(exc).__name__
        if _password_error(exc):
            raise UnsupportedFormatError(_ENCRYPTED, path=path) from exc
        raise BinaryInputError(f"not a readable PDF ({name}: {exc}); re-download the file",
                               path=path) from exc
    pages: list[list[str]] = []
    scanned: list[int] = []  # page numbers of scans without a text layer
    sideways: list[int] = []  # … of pages whose text is in part printed turned
    text_pages = 0  # pages with a real text layer
    columns: Columns | None = None  # the two columns of prose of the page before
    try:
        with pdf:
            for n, page in enumerate(pdf.pages):
                found = _sideways(page)
                if found is None or not found[0]:
                    if found is None and not _turned_in_cells(page):
                        sideways.append(n + 1)
                    lines, columns = _read_page(page, first=n == 0, before=columns)
                    pages.append(lines)
                else:  # the page's upright text, then its sideways text turned upright
                    rest, turned = _sideways_parts(page, *found)
                    pages.append([*_page_lines(rest, first=n == 0), "", *_page_lines(turned)])
                    columns = None
                if _is_scan(page):
                    scanned.append(n + 1)
                elif any(pages[-1]):
                    text_pages += 1
    except Exception as exc:
        if isinstance(exc, (MemoryError, KeyboardInterrupt)):
            raise
        raise BinaryInputError(f"the PDF is damaged ({type(exc).__name__}: {exc})",
                               path=path) from exc
    edges = page_edges(pages, (*scanned, *sideways))
    pages = _join_split_rows(_join_pages(_drop_running_heads(_drop_page_numbers(pages))))
    lines = [line for page in pages for line in [*page, ""]]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if not text.strip() or (scanned and not text_pages):
        what = (f"a scan: {len(scanned)} of its {len(pages)} pages are images"
                if scanned else "a scan?")
        raise NotAReportError(
            f"the PDF has no text layer ({what}): run OCR first, e.g. "
            "ocrmypdf -l chi_sim in.pdf out.pdf", path=path)
    text = _unmapped_glyphs(text, path)
    if scanned:
        log.warning("%s: page(s) %s are scanned images without a text layer, so their text "
                    "is missing; run OCR first (ocrmypdf -l chi_sim in.pdf out.pdf)",
                    path or "<pdf>", page_list(scanned))
    if sideways:
        log.warning("%s: page(s) %s hold text printed sideways that could not be read",
                    path or "<pdf>", page_list(sideways))
    return text, tuple(scanned), tuple(sideways), edges


#: Lines kept from each side of a page whose text was not read (:func:`page_edges`).
SIDE_LINES = 3


def page_edges(pages: list[list[str]], unread: Sequence[int]
               ) -> tuple[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    """Per page of ``unread`` (numbered from 1: scanned, or with sideways text not read):
    ``(page, before, after, own)``, the last :data:`SIDE_LINES` text lines of the nearest
    earlier page with text that is not itself unread, the first of the nearest later one
    (none for a page that opens or ends the file), and the page's own lines (none on a scan;
    a sideways page's upright text, a report's title perhaps).

    Why: a compilation (汇编) is split into its reports on the joined text, where a page
    leaves no mark, so such a page cannot be placed in a report by itself; the text on
    either side of it can (``parse.load``). Taken from the lines read here, so the file is
    not read again."""
    skip = set(unread)
    text = [[s.strip() for s in page if s.strip()] for page in pages]

    def nearest(n: int, step: int) -> list[str]:
        k = n + step
        while 1 <= k <= len(text):
            if k not in skip and text[k - 1]:
                return text[k - 1]
            k += step
        return []

    return tuple((n, tuple(nearest(n, -1)[-SIDE_LINES:]), tuple(nearest(n, 1)[:SIDE_LINES]),
                  tuple(text[n - 1])) for n in sorted(skip) if 1 <= n <= len(text))


_CID = re.compile(r"\(cid:\d+\)")
#: A glyph a font maps to the Private Use Area (a character its maker had no code for); not
#: U+F000–F0FF, where the Symbol and Wingdings fonts put Word's bullets ().
_PRIVATE_USE = re.compile("[\ue000-\uefff\uf100-\uf8ff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _unreadable(n: int, text: str) -> bool:
    """Whether ``n`` unmapped glyphs make ``text``'s layer unreadable: 10 or more, and over a
    tenth of them and the Chinese characters together (fewer: dropped or kept, and said)."""
    return n >= 10 and n > 0.1 * (n + sum(map(len, _CJK_RUN.findall(text))))


_PDF_REMEDY = ("run OCR on the page images, e.g. ocrmypdf -l chi_sim --force-ocr in.pdf "
               "out.pdf, or export the PDF again from the source document")


def _unmapped_glyphs(text: str, path: str | None, *, kind: str = "PDF",
                     remedy: str = _PDF_REMEDY) -> str:
    """``text`` without pdfminer's "(cid:123)" codes, or DecodingError when the text layer is
    unreadable: glyphs of a font embedded without a Unicode map (ToUnicode) come out as
    such codes, as private-use code points, or as rare characters of a wrong character
    collection (乱码). ``kind`` names the format ("OFD": its reader checks its text here
    too) and ``remedy`` is the advice for it."""
    from nlp_reports.ingest.encoding import _MIN_COMMON_SHARE, _common_share

    advice = (f"the {kind}'s fonts carry no usable Unicode map, so its text layer cannot be "
              f"read ({{}}); {remedy}")
    cids = len(_CID.findall(text)) if "(cid:" in text else 0
    if cids:
        if _unreadable(cids, text):
            raise DecodingError(advice.format(f"{cids} characters read as (cid:N) codes"),
                                path=path)
        log.info("%s: dropped %d unmapped glyphs (cid:N) of the %s's text",
                 path or f"<{kind.lower()}>", cids, kind)
        text = _CID.sub("", text)
    pua = len(_PRIVATE_USE.findall(text))
    if pua:
        if _unreadable(pua, text):
            raise DecodingError(advice.format(f"{pua} characters read as private-use code "
                                              "points"), path=path)
        log.warning("%s: %d characters of the %s's text are private-use code points (glyphs "
                    "its fonts map to no character, as WPS exports some); they are kept, and "
                    "the words holding them match no heading, label or name: check the text, "
                    "or %s", path or f"<{kind.lower()}>", pua, kind, remedy)
    share = _common_share(text, sample=4000, min_cjk=100)
    if share is not None and share < _MIN_COMMON_SHARE:
        raise DecodingError(advice.format(
            f"only {share:.0%} of its Chinese characters are common ones: garbled text"),
            path=path)
    return text


#: A page whose images cover this share of it and that has fewer characters than
#: _SCAN_MAX_CHARS is a scan (a watermark like "扫描全能王 创建" or a page number aside).
_SCAN_COVER = 0.5
_SCAN_MAX_CHARS = 40


def _is_scan(page) -> bool:
    """Whether ``page`` is a scanned image without a text layer (OCR'd scans have one)."""
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = min(im["x1"], page.width) - max(im["x0"], 0)
        h = min(im["bottom"], page.height) - max(im["top"], 0)
        if w > 0 and h > 0:
            covered += w * h
    if covered < _SCAN_COVER * area:
        return False
    chars = 0
    for c in page.chars:
        if not c["text"].isspace():
            chars += 1
            if chars >= _SCAN_MAX_CHARS:
                return False
    return True


def page_list(numbers: Sequence[int]) -> str:
    """[2, 3, 4, 7] → "2–4, 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)
