"""Read the national statistical tables (表二、表三、表四) of one report as numbers.

Three shapes of text reach us (the tables themselves: ``docs/schema.md``, *tables*):

* *flattened*: one cell per line (scraped web pages), numbers on their own lines;
* *aligned*: one row per line, ``label  3  0  0 …`` separated by spaces;
* *grid*: TAB-separated cells from HTML/docx/pdf tables, group labels repeated in the
  leading cells and blank cells as empty strings.

Every line is cut once into *label* cells and *value* cells; then each table is read by
matching row labels by key phrases, in the printed order, and giving every row the value
cells that follow its label. A row that does not get exactly the expected number of cells
is never shifted or padded: its cells stay None and the table is marked ``unreadable``
with a problem that says why. Blank, "/", "-", "—", "无" cells are None (kept verbatim in
``raw``); "0" is 0.0. In the flattened shape an empty line may be a blank cell or just a
separator, so a row with too few numbers there is unreadable, never guessed; a row with
no value at all (in a table where other rows have some) is not ambiguous: all its cells are blank.

A scan's OCR text is mended where no figure can change: a line of one stray mark ("。" "、"
"：") is passed over, a rule read as "丨"/"|" only where a value follows it; a 表三 row
numbering boxed apart from its label is joined to it only when the label is the row it
numbers; row 一's label cut inside "本年新收" still anchors 表三. A mark that may be a misread
figure ("l", "一", "2.") stays a cell: its row unreadable.

The 2019 trial format (试行) is told from the 2021 one by 表三's single (六)其他处理 row
and 表二's column headers; 8 numbers per 表三 row (or a 小计 header) add the
``legal_subtotal`` column.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import TypeVar

from nlp_reports.ingest.normalize import IMAGE_MARK, MERGED_ROWS_MARK, PAGE_LINE, TURNED_CELL_MARK
from nlp_reports.parse.checks import NONE_MARKS, parse_chinese_number
from nlp_reports.parse.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE3_ROWS_2019,
    TABLE3_SUBTOTAL_COLUMN,
    TABLE4_COLUMNS,
    TABLE4_ROWS,
)
from nlp_reports.report import Problem, Table

__all__ = ["read_tables", "TABLE3_TITLE", "TABLE4_TITLE", "MAX_VALUE"]

log = logging.getLogger("nlp_reports")

TABLE3_TITLE = "收到和处理政府信息公开申请情况"
_NUMERAL = {2: "二", 3: "三", 4: "四"}
#: A section saying its table is in an attachment ("详见附表。", "附件：表三 ….xlsx"): the
#: table is not in the text, and the reader is told where it is rather than only "not found".
_ATTACHMENT = re.compile(r"[^\n]{0,30}(?:详见附表|见附表|详见附件|见附件|附件\s*\d*\s*[：:]|附表\s*\d*\s*[：:]"
                         r"|\.(?:xlsx?|et|wps|docx?|pdf)\b)[^\n]{0,30}", re.IGNORECASE)


#: The advice a note of an attached table ends with (load._sheet_beside replaces it when the
#: attachment is a spreadsheet saved beside the report).
ATTACHMENT_TODO = "; download the attachment"


def _attachment_note(*texts: str | None) -> str:
    """"; the text points to an attachment ('…')" when a section says its table is attached."""
    for text in texts:
        m = _ATTACHMENT.search(text or "")
        if m:
            return (f"; the text points to an attachment ('{m.group().strip()}'): the table is "
                    f"not in the text and was not read{ATTACHMENT_TODO}")
    return ""
TABLE4_TITLE = "政府信息公开行政复议、行政诉讼情况"
#: Larger absolute values are implausible for these tables and are not read as numbers.
MAX_VALUE = 1e12
#: Labels longer than this are prose, never a row label.
_MAX_LABEL = 60
#: A table ends when this many non-empty lines pass without a row label of it.
_MAX_GAP = 40
#: How many candidate starts (表三 row 一 labels) are tried before giving up.
_MAX_TRIES = 10

# --- cells ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_UNIT = re.compile(r"\s?(?:件|万元|元|项|个|次|人次)$")
_CN_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:，\d{3})+(?:\.\d+)?")
#: "12 386": digits grouped by a (thin) space, as typeset tables print them; ingest turns
#: the thin space into a plain one. Read only inside one cell, never across a line's cells.
_SPACED_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")
#: A token that is a number but no plausible cell: "1e5", "12.5%", and "1.24万" (a figure rounded
#: to 万, which a table of counts cannot hold exactly): a bad cell, never a label's word.
_NUMBERISH = re.compile(r"[\d.,eE+\-]*\d[\d.,eE+\-%]*万?")
#: A figure an OCR engine misread (O or 〇 for 0, l or I for 1: "1O", "l2", "2l", a lone "O") or a cell
#: holding two figures ("145(48)", "12/3", "5、2"): a value cell that is no number (null, its
#: table unreadable naming it), never a label, and never repaired or split.
_GARBLED_FIGURE = re.compile(r"[\dOolI〇]*\d[\dOolI〇]*(?:[(/、][\dOolI〇]+\)?)?|[OolI]")
_SPACED_UNIT = re.compile(r"(\d) (?=(?:件|万元)(?: |$))")
#: Minus signs other than ASCII "-" that a spreadsheet or a font writes before a figure
#: (U+2212 −, full-width －, small ﹣, en dash –): the figure is negative, never its digits alone.
_MINUSES = "−－﹣–"
#: A whole cell written as a Chinese numeral ("三", "十二", "一百零五", "〇", "两"), with a unit
#: glued ("五件"): a number, read as the narrative's figures are (:func:`parse_chinese_number`).
_CN_CELL = re.compile(r"[零〇一二两三四五六七八九十百千]{1,8}[件个项]?")


@lru_cache(maxsize=1)
def _glued() -> re.Pattern[str]:
    """A number glued to a row label (PDF text; compiled on first use: ~1 ms)."""
    return re.compile(r"(.*[\u4e00-\u9fff)）”」])(\d{1,9})")

#: The possible first characters of a page number on a line of its own (ingest's PAGE_LINE:
#: "- 3 -", "第3页 共4页", "3/4"): a page break inside a table, no cell; tried first (fast).
_PAGE_FIRST = frozenset("-—–－第共pP")

#: The end of a space-joined line's token that is a figure with one or two stray characters
#: inside it ("1日2", "…数量2日3", "12件3"): digits, a character or two that is no bracket,
#: point or numbering mark, digits. A label's own number ("1.行政复议", "第（8）项0") is not.
_STRAY_INSIDE = re.compile(r"(.*?[^0-9]|)([0-9]+[^0-9\s()（）.．、,，:：%/]{1,2}[0-9]+)")

NUM, BLANK, BAD = 0, 1, 2  # kinds of value cell


@dataclass(frozen=True)
class _Cell:
    """One value cell: its kind (NUM / BLANK / BAD), what was written, and the number."""

    kind: int
    raw: str
    value: float | None


_EMPTY_CELL = _Cell(BLANK, "", None)


@lru_cache(maxsize=8192)
def _classify(tok: str) -> _Cell | None:
    """A value cell for ``tok``, or None when it is a label (text)."""
    if tok.isdigit() and tok.isascii() and len(tok) < 12:
        return _Cell(NUM, tok, float(tok))
    if tok == "" or tok in NONE_MARKS:  # (null, kept in ``raw``; the checks read them as 0)
        return _Cell(BLANK, tok, None)
    if tok.endswith(MERGED_ROWS_MARK):  # a figure over several rows: no row's
        return _Cell(BAD, tok, None)
    if tok == TURNED_CELL_MARK:  # digits turned a quarter in a PDF cell: not read
        return _Cell(BAD, tok, None)
    if len(tok) > 32:  # no cell of these tables is that long: an absurd number, or text
        numberish = not tok.strip("0123456789.,eE+-%") and any(c.isdigit() for c in tok)
        return _Cell(BAD, tok, None) if numberish else None
    t = tok
    if t[0] in _MINUSES and len(t) > 1 and t[1].isdigit():
        t = "-" + t[1:]
    yuan = False
    if t[-1] in "件元项个次":
        yuan = t[-1] == "元" and not t.endswith("万元")
        t = _UNIT.sub("", t)
    if "，" in t and _CN_THOUSANDS.fullmatch(t):  # "1，325": a full-width thousands comma
        t = t.replace("，", ",")
    elif " " in t and _SPACED_THOUSANDS.fullmatch(t):
        t = t.replace(" ", ",")
    if _NUMBER.fullmatch(t):
        try:
            v = float(t.replace(",", ""))
        except ValueError:  # pragma: no cover - the regex admits only float syntax
            return _Cell(BAD, tok, None)
        if abs(v) >= MAX_VALUE or (yuan and v):  # "125000元": yuan, where the form's
            return _Cell(BAD, tok, None)  # amounts are 万元 (_yuan_column); 0 is 0 in any unit
        return _Cell(NUM, tok, v or 0.0)  # ("-0" is 0, never -0.0)
    if _NUMBERISH.fullmatch(t) or _GARBLED_FIGURE.fullmatch(t):
        return _Cell(BAD, tok, None)
    if _CN_CELL.fullmatch(tok) and (v := parse_chinese_number(tok.rstrip("件个项"))) is not None:
        return _Cell(NUM, tok, float(v))
    return None


@dataclass(eq=False)  # compared by identity: "None in lines" stays a C-level scan
class _Line:
    """One line cut into leading label cells (normalised, see :func:`_norm`) and value cells."""

    labels: list[str]
    cells: list[_Cell]
    grid: bool
    #: the line's count of 2021 and of 2019 表二 header words (:func:`_t2_format`), set
    #: once there (the labels never change after :func:`_cut_line`)
    t2_hints: tuple[int, int] | None = None
    #: its first label opens with a row numbering (一、 （三） 2.), which :func:`_norm` drops:
    #: a row's own label, never the wrapped rest of the label above (:func:`_wrapped_below`)
    numbered: bool = False
    #: numbers among its labels ("…数量 24 3 2 0 0 0 29 二、上年结转… 0 0 …", two rows joined on
    #: one line; "0 0" in one grid cell): values that no reading places, counted as stray
    buried: int = 0
    #: lone digits 1–9 between labels: 表三's row numbers ("（三）不予公开 1 属于国家秘密"),
    #: values in a table without numbered rows ("行政处罚 3 行政强制 0")
    digits: int = 0


#: A line of one vertical bar (:data:`_RULE_BARS`) where it is kept (:func:`_resolve`): the
#: label it always was.
_RULE_BAR = _Line(["丨"], [], False)


#: raw line → its _Line. Lines repeat within and across reports (one-cell lines "0", row
#: labels, headers), so most are cut once; the _Line objects are shared and never mutated
#: after :func:`_cut_line`. Lines that are no _Line (blank, a page number) are kept apart in
#: _SKIP_LINES, so a text of known lines is looked up in one C-level pass with nothing to
#: filter. Both are cleared past _LINE_CACHE_MAX.
_LINE_CACHE: dict[str, _Line] = {}
_SKIP_LINES: set[str] = set()
_LINE_CACHE_MAX = 20_000
#: Lines longer than this are not cached (prose: they rarely repeat).
_LINE_CACHE_LONG = 80


def _split_lines(text: str) -> list[_Line]:
    """The non-empty lines of ``text`` cut into labels and value cells (one linear pass)."""
    cache = _LINE_CACHE
    # blank lines are skipped: collapsing them first halves the lookups of flattened tables
    # (a blank line between every two cells), and the loop of replace is C-level
    while "\n\n" in text:
        text = text.replace("\n\n", "\n")
    raws = text.split("\n")
    try:
        return list(map(cache.__getitem__, raws))  # every line known, none to skip
    except KeyError:
        pass
    out = []
    # (mark, raw): a numbering or rule bar held (_resolve); (mark, raw, values): a numbering
    # before values (_resolve_lead)
    held: tuple[str, ...] | None = None
    for raw, parsed in zip(raws, map(cache.get, raws), strict=True):
        if parsed is None:
            if raw in _SKIP_LINES:
                continue
            if len(raw) <= _HELD_MAX and (mark := _held_mark(raw)) is not None:
                if held is not None:  # (never cached: a text holding one comes this way)
                    out.append(_cut_line(held[1]))
                held = (mark, raw)
                continue
            if (len(raw) <= _LINE_CACHE_LONG and raw[:1] in _LEAD_FIRST
                    and (m := _LEAD_VALUES.fullmatch(raw.strip()))):
                if held is not None:  # (never cached either)
                    out.append(_cut_line(held[1]))
                held = (m.group(1) or m.group(2) or f"({m.group(3)})", raw, m.group(4))
                continue
            parsed = _cut_line(raw)
            if len(raw) <= _LINE_CACHE_LONG:
                if len(cache) + len(_SKIP_LINES) >= _LINE_CACHE_MAX:
                    cache.clear()
                    _SKIP_LINES.clear()
                if parsed is None:
                    _SKIP_LINES.add(raw)
                else:
                    cache[raw] = parsed
            if parsed is None:
                continue
        if held is not None:
            parsed = _resolve_held(held, raw, parsed, out)
            held = None
        out.append(parsed)
    if held is not None:
        out.append(_cut_line(held[1]))
    return out


#: The longest line that may be a held mark (a row numbering "12." or a rule bar).
_HELD_MAX = 6
#: A 表三 row's numbering alone on its line (an OCR engine boxes "4." apart from "保护第三方
#: 合法权益"; a PDF's narrow first column): held until the next line shows whose it is.
_NUMBERING_ALONE = re.compile(r"(\d{1,2}|[一二四])[ \t]*[.．、]")


def _held_mark(raw: str) -> str | None:
    """``"|"`` for a rule bar alone on a line, the number for a row numbering alone on a
    line, else None: lines :func:`_split_lines` holds until the next one (never cached, so
    a text without them pays nothing)."""
    s = raw.strip(" \t\u3000\r")
    if len(s) == 1 and s in _RULE_BARS:
        return "|"
    m = _NUMBERING_ALONE.fullmatch(s)
    if m:
        return m.group(1)
    m = _OPEN_NUMBERING.fullmatch(s)
    return f"({m.group(1)})" if m else None


#: 表三's "（七）" cut after its numeral ("(七" ⏎ ")总计": OCR boxes the closing bracket with
#: the words): held, and joined to the next line when that line is the row it numbers.
_OPEN_NUMBERING = re.compile(r"[(（]([一二三四五六七])")
#: The rows and groups numbered "（一）" … "（七）" in 表三 (normalised label heads).
_OPEN_ROWS = {"(一)": ("予以公开",), "(二)": ("部分公开",), "(三)": ("不予公开",),
              "(四)": ("无法提供",), "(五)": ("不予处理",), "(六)": ("其他处理",),
              "(七)": ("总计", "合计")}
#: A 表三 row's numbering and its values on one line, the label on the next ("2. 1 0 0 0 0 0
#: 1" ⏎ "重复申请", "(七 13 3 1 0 2 1 20" ⏎ ")总计": the label cell printed taller than its
#: row): held as :func:`_resolve_lead` says. "2." needs a space after it ("2.1" may be a
#: figure); "、" or an open bracket does not.
_LEAD_FIRST = frozenset("0123456789(（一二四")
_LEAD_VALUES = re.compile(
    r"(?:(\d{1,2})(?:[.．][ \t\u3000]|、[ \t\u3000]*)|([一二四])、[ \t\u3000]*"
    r"|[(（]([一二三四五六七])[)）]?[ \t\u3000]*)(\d+(?:[ \t\u3000]+\d+)*)")


def _open_joins(mark: str, rest: str, out: list[_Line]) -> bool:
    """Whether a numbering ``mark`` ("4" or "(七)") held above ``rest`` (the next line, its
    closing bracket dropped) numbers it: its label is a row of that number, and the row
    above is complete (a numbering right under a bare label may be that row's figure, see
    :func:`_resolve`)."""
    if not (mark in ("1", "一", "(一)") or not out or out[-1].cells):
        return False
    head = _STRIP.sub("", rest)[:4]
    rows = _OPEN_ROWS.get(mark) if mark[0] == "(" else _numbered_rows().get(mark)
    return len(head) >= 2 and not head[0].isdigit() and any(
        x.startswith(head[:len(x)]) and head.startswith(x[:2]) for x in rows or ())


def _numbered(mark: str, label: str) -> str:
    """``label`` with its numbering ``mark`` put back ("(七)" + "总计", "2" + "." + "重复申请")."""
    return f"{mark}{label}" if mark[0] == "(" else f"{mark}.{label}"


def _resolve_held(held: tuple[str, ...], raw: str, parsed: _Line, out: list[_Line]) -> _Line:
    """The line to append for ``raw`` after the line held before it (:func:`_resolve`,
    :func:`_resolve_open` or :func:`_resolve_lead`, by what was held)."""
    if len(held) == 3:
        return _resolve_lead((held[0], held[1], held[2]), raw, parsed, out)
    if held[0][0] == "(":
        return _resolve_open((held[0], held[1]), raw, parsed, out)
    return _resolve((held[0], held[1]), raw, parsed, out)


def _resolve_open(held: tuple[str, str], raw: str, parsed: _Line, out: list[_Line]) -> _Line:
    """The line for ``raw`` after a held open numbering "(七": joined ("(七)总计") when it
    numbers ``raw``'s label; else the held line is appended as it was, and ``raw`` as is."""
    mark, held_raw = held
    rest = raw.strip().lstrip(")）").lstrip()
    if parsed.labels and _open_joins(mark, rest, out):
        return _cut_line(_numbered(mark, rest)) or parsed
    out.append(_cut_line(held_raw) or _RULE_BAR)
    return parsed


def _resolve_lead(lead: tuple[str, str, str], raw: str, parsed: _Line, out: list[_Line]) -> _Line:
    """The line for ``raw`` after a held "numbering + values" line: the row whole when
    ``raw`` is its bare label (labels, no value) and that label is the row the numbering
    numbers; else the held line as it was (its numbering a bad cell: the row unreadable,
    never shifted), and ``raw`` as is."""
    mark, lead_raw, values = lead
    rest = raw.strip().lstrip(")）").lstrip()
    if parsed.labels and not parsed.cells and _open_joins(mark, rest, out):
        return _cut_line(f"{_numbered(mark, rest)} {values}") or parsed
    out.append(_cut_line(lead_raw) or _RULE_BAR)
    return parsed


def _resolve(held: tuple[str, str], raw: str, parsed: _Line, out: list[_Line]) -> _Line:
    """The line to append for ``raw`` after a held mark, the mark's own line appended first
    to ``out`` when it is kept: a rule bar before a value line is dropped ("规章 ⏎ 丨 ⏎ 1":
    were it a misread "1", its row would hold one value too many with it and one too few
    without — unreadable either way, never read shifted); a numbering is joined to the label
    after it only when that label is the row it numbers ("4." ⏎ "保护第三方合法权益"), so a
    figure "2." left by the row above stays a bad cell, its row unreadable. A numbering past
    a group's first row right under a bare label is never joined: there it may be that row's
    one figure ("1.属于国家秘密" ⏎ "2." ⏎ "其他法律…"), and taking it would leave the row
    with no value at all, read as blank."""
    mark, held_raw = held
    if mark == "|":
        if parsed.labels or not parsed.cells:
            out.append(_RULE_BAR)
        return parsed
    label = raw.strip()
    if _open_joins(mark, label, out):
        return _cut_line(_numbered(mark, label)) or parsed
    out.append(_cut_line(held_raw) or _RULE_BAR)
    return parsed


#: A line of one mark an OCR engine reads from a table's rules or a speck ("。" "、" "："):
#: no cell of these tables is one (none-marks are "—" "/" "-" "无"), so it is passed over
#: like a blank line. Marks that may be a misread figure ("l" "I" "O": a bad cell; "一": 1
#: or a dash) or a none-mark ("ー" "_" "~" "·") are not among them.
_OCR_SPECKS = frozenset("。，、：:；;“”‘’'`\"「」『』")
#: A line of one vertical bar (丨 | ｜): a table rule an OCR engine read, or a misread "1"
#: (:func:`_resolve` drops it only where a value follows it).
_RULE_BARS = frozenset("丨|｜")


def _cut_line(raw: str) -> _Line | None:
    """One line cut into labels and value cells; None for a blank line, a page number or an
    OCR speck (:data:`_OCR_SPECKS`)."""
    if len(raw) < 4 and (mark := raw.strip(" \t\u3000\r")) and len(mark) == 1:
        if mark in _OCR_SPECKS:
            return None
        if mark in _RULE_BARS:
            return _RULE_BAR
    if not raw or raw.isspace():
        if "\t" in raw and raw.count("\t") >= 4:
            # a grid row of empty cells: 表四's one row left blank ("not reported") is
            # still the table (blank ≠ 0); spare empty cells around a row are dropped
            # later (_fit)
            return _Line([], [_EMPTY_CELL] * (raw.count("\t") + 1), True)
        return None
    if ("|" in raw or "｜" in raw) and "\t" not in raw:
        raw = _pipe_row(raw)
        if raw is None:
            return None
    elif "，" in raw and "\t" not in raw and "。" not in raw:
        raw = _comma_row(raw)
    elif "," in raw and "\t" not in raw and "。" not in raw:
        raw = _csv_row(raw)
    if "\t" in raw:
        parsed = _grid_line(raw.strip(" \u3000\r"))
    else:
        line = raw.strip()
        if (line[0] in _PAGE_FIRST or "/" in line) and PAGE_LINE.fullmatch(line):
            return None
        parsed = _plain_line(line)
    if parsed.labels:
        parsed.numbered = _NUMBERING.match(parsed.labels[0].lstrip()) is not None
        parsed.labels = [_norm(x) for x in parsed.labels]
    return parsed


_PIPE = re.compile(r"[|｜]")
_PIPE_RULE = re.compile(r"[\s|｜:：\-—–+=]*")


def _pipe_row(raw: str) -> str | None:
    """A "｜规章｜0｜0｜5｜" row (tables pasted from editors, text-mode pages) as TAB cells.

    A line with at least two pipes is a row, and one with a single pipe before a value
    ("行政许可|216", a scraper's row of two cells); a rule line ("|---|---|") is None.
    """
    s = raw.strip()
    if len(_PIPE.findall(s)) < 2:
        label, value = (x.strip() for x in _PIPE.split(s))
        if label and value and _classify(value) is not None:  # "行政许可|216": a row of two cells
            return f"{label}\t{value}"
        return raw
    if _PIPE_RULE.fullmatch(s):
        return None
    if s[:1] in "|｜":
        s = s[1:]
    if s[-1:] in "|｜":
        s = s[:-1]
    return "\t".join(_PIPE.split(s))


def _comma_row(raw: str) -> str:
    """A row whose cells a scraper joined with "，" ("二、上年结转…数量，0，1，0，0，0，0，1") as
    TAB cells: the values after the last text part, the label (which may hold "，" itself:
    "（二）部分公开（区分处理的，只计这一情形，…）") before them. A pair a full-width thousands
    comma could have written ("1，325") is left as it is: one figure or two, not told apart."""
    parts = raw.strip().split("，")
    k = len(parts)
    while k > 1 and _classify(parts[k - 1].strip()) is not None:
        k -= 1
    if k == len(parts) or not parts[k - 1].strip():
        return raw
    values = [p.strip() for p in parts[k:]]
    # (the figure before the first comma counts too: "1，037" alone on a line, or ending a row
    # of space-joined cells "…数量 24 5 0 1，037", is one figure, never "1" then "037")
    head = parts[k - 1].rsplit(None, 1)[-1] if parts[k - 1].strip() else ""
    for a, b in zip([head, *values], values, strict=False):
        if _CN_GROUP.fullmatch(b) and _CN_LEAD.fullmatch(a):
            return raw
    return "\t".join(["，".join(parts[:k]).strip(), *values])


def _csv_row(raw: str) -> str:
    """A spreadsheet's row pasted as CSV under the narrative (Excel/WPS 表格 "另存为 CSV",
    a crawler's table export: "一、本年新收政府信息公开申请数量,12,0,1,0,0,0,13", a quoted
    cell "\"1,325\"") as TAB cells, when its last cells are values, or when it is a row of
    four short header cells or more ("结果维持,结果纠正,其他结果,…"). A prose line joined
    by ASCII commas is left as it is; so are an unquoted "1,325" pair (one figure or two)
    and a line of cells a space apart (its commas group thousands: "行政许可 11,381")."""
    import csv

    line = raw.strip()
    if " " in line and '"' not in line:  # cells a space apart: "…数量 1,234 5 17,013"
        return raw
    try:
        cells = [c.strip() for c in next(csv.reader([line]))]
    except (csv.Error, StopIteration):
        return raw
    k = len(cells)
    while k > 1 and (not cells[k - 1] or _classify(cells[k - 1]) is not None):
        k -= 1
    if k == len(cells):  # no value: a header row of four short cells or more
        return "\t".join(cells) if len(cells) >= 4 and all(len(c) <= 14 for c in cells) else raw
    if '"' not in raw:
        for a, b in zip(cells[k - 1:], cells[k:], strict=False):
            if _CN_GROUP.fullmatch(b) and _CN_LEAD.fullmatch(a):
                return raw
    if any(len(c) > 60 for c in cells[:k]):
        return raw
    return "\t".join(cells)


_CN_LEAD = re.compile(r"[1-9]\d{0,2}")
_CN_GROUP = re.compile(r"\d{3}")


#: Marks that make a cell a row's numbering, not a figure with a stray mark ("12." "（3）").
_NUMBERING_MARKS = frozenset("、.．)）(（")
_ASCII_DIGITS = frozenset("0123456789")
#: The none-marks' characters ("/", "—"): "日—" is a blank cell with a stray character.
_DASH_MARKS = frozenset("/／\\-—－–")


def _stray_figure(cell: str) -> bool:
    """Whether a cell is a figure (or a none-mark) with one or two stray characters in it
    ("日2", "2月", "1局0", "12※", "①3", "日—"): a stamp's character small enough to sit inside
    one cell, an OCR'd seal fragment, a footnote mark. In a grid row after its label it is the
    figure's own cell, not more label: taken for label, the row's figures ran a column left."""
    if len(cell) > 12:
        return False
    core = [ch for ch in cell if ch in _ASCII_DIGITS or ch in _DASH_MARKS]
    others = [ch for ch in cell if ch not in _ASCII_DIGITS and ch not in _DASH_MARKS
              and not ch.isspace() and ch not in ",，"]
    return 0 < len(others) <= 2 and bool(core) and not set(others) <= _NUMBERING_MARKS


#: A cell of figures a space apart ("34 2": a figure and its superscript note number): one
#: bad value cell, as it is after the row's values ("43 1").
_SPLIT_FIGURES = re.compile(r"\d+(?: \d+)+")


def _grid_line(line: str) -> _Line:
    parts = [c.strip() for c in line.split("\t")]
    kinds = [_classify(c) if c else None for c in parts]
    # a figure cell holding a stray character, or two figures, after the row's first cell
    # ("…部分公开\t日2\t0\t1", "…数量\t34 2\t3"): a value cell in its own column (bad: null,
    # named) when a value or nothing follows it — never the label's, which would shift the
    # row's figures one column left
    first = next((i for i, c in enumerate(parts) if c), len(parts))
    for i in range(len(parts) - 1, first, -1):
        if kinds[i] is None and parts[i] and (_stray_figure(parts[i])
                                              or _SPLIT_FIGURES.fullmatch(parts[i])):
            j = next((j for j in range(i + 1, len(parts)) if parts[j]), None)
            if j is None or kinds[j] is not None:
                kinds[i] = _Cell(BAD, parts[i], None)
    # leading labels: text cells before the first value cell; a number right before a text
    # cell is a row number in its own column ("1\t属于国家秘密\t0 …"), part of the label
    last_label = -1
    n = len(parts)
    for i in range(n):
        if not parts[i]:
            continue
        if kinds[i] is None:
            last_label = i
            continue
        j = i + 1
        while j < n and not parts[j]:
            j += 1
        if (j < n and kinds[j] is None and kinds[i].kind == NUM  # type: ignore[union-attr]
                and (_ROW_NUMBER_CELL.fullmatch(parts[i])
                     or any(parts[k] for k in range(j + 1, n)))):
            continue
        break
    labels = [c for c in parts[: last_label + 1] if c]
    cells: list[_Cell] = []
    for c, k in zip(parts[last_label + 1:], kinds[last_label + 1:], strict=True):
        if not c:
            cells.append(_Cell(BLANK, "", None))
        elif k is None:
            cells.append(_Cell(BAD, c, None))  # text where a number belongs
        else:
            cells.append(k)
    if any(c.kind == NUM for c in cells) and any(c[-1:].isdigit() for c in labels):
        labels = [_FOOTNOTE_MARK.sub("", c) for c in labels]
    line_ = _Line(labels, cells, True)
    if len(labels) > 1 or " " in labels[0] if labels else False:
        # numbers among the label cells ("行政处罚\t58\t行政强制", "…数量 0 0 0\t三、…"): values
        line_.buried, line_.digits = _buried([t for c in labels for t in c.split()], tail=True)
    return line_


#: A row number in its own grid cell ("1" before "属于国家秘密"). A figure no row numbering
#: has ("9,652", "310") right before the line's last cell, a text one, is the row's value
#: followed by a remark ("行政许可\t9,652\t含告知承诺制办理", a 备注 column): not a label
#: (the row read as having no values); a number a row may have (1–99) stays one.
_ROW_NUMBER_CELL = re.compile(r"[1-9]\d?")
#: A footnote's number set after a row label in its own cell, which a PDF reads as a plain
#: digit ("一、本年新收政府信息公开申请数量2"): the label with a digit was taken for prose, and
#: 表三 was not found. In a cell before the row's values it is never a value.
_FOOTNOTE_MARK = re.compile(r"(?<=[\u4e00-\u9fff）)])\d{1,2}$")


def _plain_line(line: str) -> _Line:
    toks = line.split()
    if len(toks) == 1:  # one cell per line: the common flattened shape
        k = _classify(toks[0])
        return _Line([], [k], False) if k is not None else _Line(toks, [], False)
    if " " in line and _SPACED_UNIT.search(line):
        toks = _SPACED_UNIT.sub(r"\1", line).split()  # "156 件" → "156件"
    cells: list[_Cell] = []
    i = len(toks)
    while i > 0:
        k = _classify(toks[i - 1])
        if k is None:
            break
        cells.append(k)
        i -= 1
    cells.reverse()
    if cells and i > 0:  # "…申请数量3 0 0 …": a number glued to the label (PDF text)
        if s := _STRAY_INSIDE.fullmatch(toks[i - 1]):
            # "…部分公开 1日2 0 1": a stray character inside the figure (a seal's over a
            # digit): the cell is bad (null, named), never the 2 after it read as the figure
            toks = [*toks[: i - 1], s.group(1)] if s.group(1) else toks[: i - 1]
            i -= 0 if s.group(1) else 1
            cells.insert(0, _Cell(BAD, s.group(2), None))
        elif m := _glued().fullmatch(toks[i - 1]):
            toks = [*toks[: i - 1], m.group(1)]
            cells.insert(0, _Cell(NUM, m.group(2), float(m.group(2))))
    labels = toks[:i] if len(line) <= 2 * _MAX_LABEL else [" ".join(toks[:i])]
    buried, digits = _buried(toks[:i])
    return _Line(labels, cells, False, buried=buried, digits=digits)


_ROW_NUMBER = re.compile(r"[1-9]")
_DIGIT = re.compile(r"\d")


def _buried(toks: Sequence[str], tail: bool = False) -> tuple[int, int]:
    """How many of a line's label tokens are values: a run of two or more numbers after a
    label, or one number before a numbered label or a 第…条 ("行政强制 7 第二十条第（八）项",
    two rows on one line), or one number past 9 ("行政处罚 76 行政强制"). One digit before
    plain words is a row's own number ("1 属于国家秘密"), in a table that numbers its rows;
    numbers before any label are the line's leading cells' business. ``tail``: numbers after
    the last label count too (grid label cells: "…数量  2\t1\t0 …"). Returns (values,
    lone digits taken for row numbers)."""
    if len(toks) < 2 or _DIGIT.search("".join(toks)) is None:
        return 0, 0  # (no number among the labels: most lines; a NUM token has a digit)
    n = digits = 0
    run = 0
    prev = ""
    seen_label = False
    for t in toks:
        k = _classify(t)
        if k is not None and k.kind == NUM:
            run += 1
            prev = t
            continue
        if run and not seen_label and t[0] == "第":  # ("0\t第二十条第（八）项": a value)
            n += run
        elif seen_label and (run >= 2 or (run == 1 and (
                t[0] in "第(（" or _NUMBERING.match(t) is not None or not _ROW_NUMBER.fullmatch(prev)))):
            n += run
        elif seen_label and run == 1:
            digits += 1
        run = 0
        seen_label = True
    if tail and seen_label and run:  # (a grid's label cells: no value may end them)
        n += run
    return n, digits


# --- labels --------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_NUMBERING = re.compile(
    rf"^(?:[{_CN}]+[、.．]|[(（][{_CN}\d]+[)）]|\d+(?:\.\d+)*[、.．)）]?(?!\d)|[①-⑳⑴-⒇])"
)
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
#: A footnote mark after a row's label ("行政许可①", "行政处罚*", "规章[1]", "行政许可¹",
#: "△", "#", "[12]", "注①"): the label's reference to a note below the table, not a word of
#: it. A mark that could be a figure is one only inside the label's cell: a digit after
#: 注 without a circle, bracket or superscript ("行政许可注1 2317", the cut reading "1" as a
#: value) is no mark, so that row stays not found rather than read with a stray figure.
_NOTE_MARK = re.compile(r"(?:注?(?:[①-⑩]|\[\d{1,2}\]|［\d{1,2}］|[¹²³⁰⁴-⁹]+)|[*＊※△▲#＃])+$")
#: The last characters such a mark may end with (tried before the pattern: fast).
_NOTE_MARK_LAST = frozenset("①②③④⑤⑥⑦⑧⑨⑩*＊※]］¹²³⁰⁴⁵⁶⁷⁸⁹△▲#＃")
_STRIP = re.compile(r"[\s“”\"'‘’「」『』]")
_COLONS = re.compile(r"[:：]+")


def _colons(s: str) -> str:
    """``s`` without its colons, but one "：" where colons stand between two digits:
    "维持：1：2" is a label holding two values, never the pair 维持 = 12
    (:func:`_read_table4_by_pairs`)."""
    def one(m: re.Match[str]) -> str:
        a, b = m.start(), m.end()
        return "：" if 0 < a and s[a - 1].isdigit() and b < len(s) and s[b].isdigit() else ""

    return _COLONS.sub(one, s)


@lru_cache(maxsize=8192)
def _norm(label: str) -> str:
    """The label without numbering (一、 (三) 1. ①), spaces, quotes and colons (but for one
    between two digits, :func:`_colons`)."""
    s = label.strip()
    for _ in range(3):
        m = _NUMBERING.match(s)
        if not m or m.end() == 0:
            break
        s = s[m.end():].lstrip()
    s = _STRIP.sub("", s)
    return _colons(s) if ":" in s or "：" in s else s


@dataclass(frozen=True)
class _Spec:
    """How to recognise one row label: a key phrase, searched or matched in full."""

    key: str
    pattern: re.Pattern[str]
    full: bool = False  # the whole normalised label must match
    strict: bool = False  # only when it is the next expected row
    optional: bool = False  # may be absent without breaking ``strict`` rows after it

    def matches(self, norm: str) -> bool:
        if self.full:
            if self.pattern.fullmatch(norm) is not None:
                return True
            # "行政规范性文件(含…)", "规章(件)": a trailing note in brackets
            if norm[-1:] in ")）":
                return self.pattern.fullmatch(_NOTE.sub("", norm)) is not None
            # "行政许可①": a footnote mark
            return (norm[-1:] in _NOTE_MARK_LAST
                    and self.pattern.fullmatch(_NOTE_MARK.sub("", norm)) is not None)
        return self.pattern.search(norm) is not None


def _s(key: str, pattern: str, **kw: bool) -> _Spec:
    return _Spec(key, re.compile(pattern), **kw)


#: 表三 rows of both formats in printed order; "3.6" is the 2019 single row (其他处理),
#: a group label in 2021.
_T3_SPECS: tuple[_Spec, ...] = (
    _s("1", r"新收|本年度?(?:共)?收到"),
    _s("2", r"上年(?:度)?结转|结转上年"),
    _s("3.1", r"予以公开"),
    _s("3.2", r"部分公开"),
    _s("3.3.1", r"国家秘密"),
    _s("3.3.2", r"禁止公开"),
    _s("3.3.3", r"三安全|一稳定"),
    _s("3.3.4", r"第三方"),
    _s("3.3.5", r"内部事务"),
    _s("3.3.6", r"过程性"),
    _s("3.3.7", r"执法案卷"),
    _s("3.3.8", r"行政查询"),
    _s("3.4.1", r"不掌握"),
    _s("3.4.2", r"现成信息|另行制作"),
    _s("3.4.3", r"补正后|仍不明确"),
    _s("3.5.1", r"信访|举报|投诉"),
    _s("3.5.2", r"重复申请"),
    _s("3.5.3", r"出版物"),
    _s("3.5.4", r"大量反复|大量、反复"),
    _s("3.5.5", r"重新出具|确认或|已获取"),
    _s("3.6", r"其他处理", optional=True),
    _s("3.6.1", r"不补正|未补正"),
    _s("3.6.2", r"收费通知|缴纳费用|缴费"),
    _s("3.6.3", r"其他(?:情形|原因)?", full=True, strict=True),
    _s("3.7", r"总计|合计", full=True),
    _s("4", r"结转下年|下年度继续|转入下年|结转至下年"),
)
_T3_ROW1 = _T3_SPECS[0]
#: 表三's column-header words (normalised), also split over lines ("商业" / "企业")
_T3_HEADER = re.compile(r"申请人情况|自然人|法人或其他组织(?:小计)?|小计|总计|合计|商业企业|科研机构"
                        r"|社会公益组织|法律服务机构|其他|商业|企业|科研|机构|社会公益|组织|法律服务")
_T3_STOP = re.compile(r"行政复议|行政诉讼|存在的主要问题|其他需要报告")
_ANCHOR_BAD = re.compile(r"[\d，。；,;]")

#: 表二 rows of both formats in printed order: key is "table id|row id".
_T2_SPECS: tuple[_Spec, ...] = (
    _s("table2.1|regulations", r"规章", full=True),
    _s("table2.1|normative_documents", r"(?:行政)?规范性文件", full=True),
    _s("table2.5|licensing", r"行政许可", full=True),
    _s("table2.5|other_services", r"其他对外管理服务事项?", full=True, optional=True),
    _s("table2.6|punishment", r"行政处罚", full=True),
    _s("table2.6|coercion", r"行政强制", full=True),
    _s("table2.8|fees", r"行政事业性收费", full=True),
    _s("table2.9|procurement", r"政府集中采购", full=True, optional=True),
)
_T2_STOP = re.compile(r"新收|申请人情况|收到和处理|勾稽关系|行政复议")
_T2_2021_HINT = re.compile(r"制发|废止|现行有效|本年处理决定|本年收费金额")
_T2_2019_HINT = re.compile(r"新制作|新公开|对外公开总数|上一年项目|本年增|集中采购|采购项目")
#: Cells read of 表四 when its 行政诉讼 half may follow under labels of its own: 行政复议's 5
#: (维持, 纠正, 其他, 尚未审结, 总计), or 10 when the table gives one group a row.
_T4_PART = (5, 10)
_T4_GROUP = 5
#: A row label of 表四 laid out one group a row.
_T4_GROUP_LABEL = re.compile(r"行政复议|行政诉讼|未经复议直接起诉|复议后起诉")
#: A header line of 表四's 行政诉讼 half when printed as a table of its own under 行政复议's
#: ("（二）行政诉讼情况", "未经复议直接起诉 复议后起诉", "结果维持 结果纠正 …"): labels only.
_T4_LITIGATION_HEAD = re.compile(
    r"(?:[(（][一二][)）])?(?:行政诉讼|未经复议直接起诉|复议后起诉)(?:情况)?"
    r"|结果维持|结果纠正|其他结果|尚未审结|总计")
#: 表四's header: "行政复议" over its columns, or one merged line "行政复议 行政诉讼" (a cell
#: spanning the two groups, or the words run together: "行政复议、行政诉讼").
_T4_ANCHOR = re.compile(r"(?:政府信息公开)?行政复议(?:情况|案件)?(?:[、，,和及与]?行政诉讼(?:情况|案件)?)?")


class _SpecTable:
    """Row specs in printed order, with the specs each label matches cached by label.

    Labels repeat across reports, so each is matched against the specs once; ``required``
    [p] is the first non-optional spec at or after p (len(specs) when none).
    """

    __slots__ = ("specs", "keys", "strict", "required", "_hits")

    def __init__(self, specs: tuple[_Spec, ...]) -> None:
        self.specs = specs
        self.keys = tuple(s.key for s in specs)
        self.strict = tuple(s.strict for s in specs)
        n = len(specs)
        required = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            required[k] = required[k + 1] if specs[k].optional else k
        self.required = tuple(required)
        self._hits: dict[str, tuple[int, ...]] = {}

    def hits(self, norm: str) -> tuple[int, ...]:
        """Indices of the specs that ``norm`` matches, in order."""
        found = self._hits.get(norm)
        if found is None:
            found = tuple(k for k, spec in enumerate(self.specs) if spec.matches(norm))
            if found and self.specs[found[0]].optional:
                # "（六）其他处理 1.申请人…不补正…" or "…3.其他" in one cell: the numbered
                # row, not its group (the item alone, as its own line would be matched)
                m = self.specs[found[0]].pattern.search(norm)
                if m is not None and norm[m.end():m.end() + 1].isdigit():
                    # an item that matches no row is the first line of a label its cell
                    # wrapped ("…1.申请人无正当理由逾期不补" / "正、…"): no row yet, so the
                    # lines below are joined to it, never the 2019 row 其他处理
                    found = self.hits(_norm(norm[m.end():]))
            if len(self._hits) >= _HITS_CACHE_MAX:
                self._hits.clear()
            self._hits[norm] = found
        return found


_HITS_CACHE_MAX = 20_000
_T3 = _SpecTable(_T3_SPECS)
_T2 = _SpecTable(_T2_SPECS)


def _match(norm: str, table: _SpecTable, p: int) -> int | None:
    """Index of the first spec at or after ``p`` that the label matches (in order).

    A ``strict`` spec matches only when no required spec lies between ``p`` and it.
    """
    if not norm or len(norm) > _MAX_LABEL:
        return None
    hits = table.hits(norm)
    if not hits:
        return None
    required = table.required[p]
    specs = table.specs
    for k in hits:
        if k >= p and not (specs[k].strict and required < k):
            return k
    return None


# --- ordered row reading -------------------------------------------------------------------


@dataclass
class _Rows:
    """What an ordered read found: cells per row id, and diagnostics."""

    cells: dict[str, list[_Cell]] = field(default_factory=dict)
    flat: dict[str, bool] = field(default_factory=dict)  # row read from one-cell lines
    #: rows whose values came after a label that is no row (a column's name, when a table
    #: is copied column by column): which row and column they belong to is not known
    unplaced: set[str] = field(default_factory=set)
    stray: int = 0
    start: int = 0
    end: int = 0
    #: (row, number of rows found) → expected cell count; only the current row's cells
    #: grow while it stays current, and it is the one left out of the count
    expected: dict[tuple[str, int], int | None] = field(default_factory=dict)
    #: row → where in its cells a line's values begin after the row's first line of values
    #: (a PDF copy may wrap a row inside a number there: :func:`_join_wrapped_number`)
    seams: dict[str, list[int]] = field(default_factory=dict)
    #: row → cells (labels and values) of the grid line that names it: a rectangular grid
    #: gives every row of one shape the same count (:func:`_short_grid_rows`)
    width: dict[str, int] = field(default_factory=dict)


def _read_rows(
    lines: Sequence[_Line],
    start: int,
    table: _SpecTable,
    *,
    stop: re.Pattern[str],
    expected: Callable[[str, _Rows], int | None],
    last: str,
    header: re.Pattern[str] | None = None,
    numbered: bool = True,
) -> _Rows:
    """Read rows from ``lines[start:]`` in order until the row ``last`` is complete or a stop label.

    ``expected(row, rows)`` gives the number of cells a row must have (None: unknown);
    a label that matches no row closes a complete row, so the values under an unknown
    label are counted as stray instead of being given to the row above. ``numbered``: the
    table has numbered rows (表三), so a lone digit among a line's labels is a row number.
    The last row takes its cells and those of the label-free line right after it: a value
    past the row's count is never left unread.
    """
    rows = _Rows(start=start)
    strict = table.strict
    required = table.required
    hits_of = table.hits
    known_hits = table._hits
    keys = table.keys
    flat = rows.flat
    p = 0
    current: str | None = None
    i = start
    n = len(lines)
    last_match = start
    found = rows.cells
    current_cells: list[_Cell] = []  # found[current]
    current_last = False  # current == last
    pending, pending_at = "", -1  # an unmatched label alone on line pending_at (no values)
    while i < n and i - last_match <= _MAX_GAP:
        ln = lines[i]
        labels = ln.labels
        if labels:
            stopped = False
            # a column header repeated inside the table (a page break, 表三's header printed
            # again): its words (总计, 其他) are no row labels when the line has no values
            # and the next line is labels again (a row label is followed by its values)
            repeat_header = (header is not None and not ln.cells and i + 1 < n
                             and bool(lines[i + 1].labels))
            for li, norm in enumerate(labels):
                if repeat_header and header.fullmatch(norm):  # type: ignore[union-attr]
                    continue
                k = None  # the first spec at or after p that the label matches (_match)
                if norm and len(norm) <= _MAX_LABEL:
                    hits = known_hits.get(norm)  # (table.hits without the call)
                    for h in hits_of(norm) if hits is None else hits:
                        if h >= p and not (strict[h] and required[p] < h):
                            k = h
                            break
                if k is None and pending_at == i - 1 and len(pending) + len(norm) <= _MAX_LABEL:
                    # a long row label wrapped over two lines ("…逾期不补" / "正、行政机关…"):
                    # neither half is a row label, the two together are
                    for h in hits_of(pending + norm):
                        if h >= p and not (strict[h] and required[p] < h):
                            k = h
                            break
                pending_at = -1
                if k is None and ln.cells and li == len(labels) - 1 and (
                        current is None or current_cells or last_match == i):
                    # (a row matched on a line above and still without values: they are its)
                    k = _wrapped_below(lines, i, norm, table, p)
                if k is None:
                    if not ln.cells and li == len(labels) - 1:
                        pending, pending_at = norm, i
                    if found and stop.search(norm) and len(norm) <= _MAX_LABEL:
                        stopped = True
                        break
                    if current is not None:
                        exp = expected(current, rows)
                        if exp is not None and len(current_cells) >= exp:
                            current = None
                        elif not current_cells and i != last_match:
                            rows.unplaced.add(current)  # (the row's own line repeats labels)
                    continue
                current = keys[k]
                current_cells = found[current] = []
                if ln.grid:
                    rows.width[current] = len(labels) + len(ln.cells)
                current_last = current == last
                flat[current] = True
                p = k + 1
                last_match = i
            if stopped:
                break
            if found and (ln.buried or (ln.digits and not numbered)):
                rows.stray += ln.buried + (0 if numbered else ln.digits)
        cells = ln.cells
        if cells:
            if current is None:
                if found:
                    rows.stray += len(cells)
            elif (labels and ln.grid and last_match != i and current_cells
                  and all(c.kind == BLANK and not c.raw for c in cells)
                  and expected(current, rows) is not None):
                # the empty cells of a grid row whose label is no row of the table (a group's
                # title, "（三）不予公开"): its own, never a short row's missing ones (padded
                # with them, the row's figures would stand a column off); the row stays short
                pass
            else:
                if current_cells:
                    rows.seams.setdefault(current, []).append(len(current_cells))
                current_cells.extend(cells)
                if labels or len(cells) > 1:
                    flat[current] = False
        i += 1
        if current is not None:
            if current_last:
                exp = expected(current, rows)
                if exp is not None and len(current_cells) >= exp:
                    if (current_cells and i < n and not lines[i].labels and flat.get(current)
                            and current not in rows.unplaced):
                        current_cells += lines[i].cells  # (a value too many: not a full row)
                        i += 1
                        # values still going on one a line: a run longer than any row is a
                        # column's (a table copied column by column, its labels first): the
                        # row's values are not known, nor the columns of those taken
                        more, j = 0, i
                        while j < n and not lines[j].labels:
                            more += len(lines[j].cells)
                            j += 1
                        if more:
                            rows.unplaced.add(current)
                            rows.stray += more
                    break
            else:
                # the label-free lines under a row that is not the last (the flattened
                # shape: one cell a line) need none of the above: a tight loop
                limit = last_match + _MAX_GAP + 1
                if limit > n:
                    limit = n
                i0 = i
                n0 = len(current_cells)
                while i < limit:
                    ln = lines[i]
                    if ln.labels:
                        break
                    current_cells += ln.cells
                    i += 1
                if n0 and i > i0:  # (the first seam only: a wrap right after the label line)
                    rows.seams.setdefault(current, []).append(n0)
                # a line without labels has at least one cell (_cut_line): more cells
                # than lines means a line of several, as ``len(cells) > 1`` above
                if len(current_cells) - n0 > i - i0:
                    flat[current] = False
    rows.end = i
    return rows


#: Lines a row label may wrap onto below its values (45 characters in a cell 9 wide: 4).
_WRAP_BELOW = 4
#: A figure that may be a row numbering run into the first value ("1.0" for "1." "0"): the
#: other values of its line being whole numbers, it is no figure of a count table.
_NUMBERING_IN_FIGURE = re.compile(r"[1-8][.．]\d+")


def _wrapped_below(lines: Sequence[_Line], i: int, norm: str, table: _SpecTable,
                   p: int) -> int | None:
    """The spec a row label with values on line ``i`` matches when its wrapped rest follows on
    label-only lines: a PDF's cells aligned at the top put the values beside the label's first
    line ("2.其他法律行政法  0  0 …" / "规禁止公开"), and neither part alone is a row label.
    None when the first value may be the row's numbering run into a figure ("（五）不予处理
    1.0 0 0 …" ⏎ "信访举报投诉类申请": "1." and "0", or a figure 1.0): read two ways."""
    cells = lines[i].cells
    if table is _T3 and _NUMBERING_IN_FIGURE.fullmatch(cells[0].raw) and any(
            c.raw.isdigit() for c in cells[1:]):
        return None
    joined = norm
    for j in range(i + 1, min(i + 1 + _WRAP_BELOW, len(lines))):
        nxt = lines[j]
        if nxt.cells or len(nxt.labels) != 1 or nxt.numbered:
            return None  # (a numbered label: the next row's, wrapped with its values below)
        joined += nxt.labels[0]
        if len(joined) > _MAX_LABEL:
            return None
        k = _match(joined, table, p)
        if k is not None:
            return k
    return None


def _fit(cells: list[_Cell] | None, want: int) -> list[_Cell] | None:
    """The row's cells when there are exactly ``want``, else None (never shifted).

    Extra empty grid cells are dropped: before the values (a label spanning merged columns)
    or, failing that, after them — not when both are empty and the two readings differ (which
    is the spacer is not known: unplaced); a single value repeated over merged columns counts
    once, empty cells around it aside.
    """
    if cells is None:
        return None
    extra = len(cells) - want
    if extra > 0 and want == 1:
        # one value spread over merged columns (colspan repeated by ingest), with empty
        # spacer cells on either side ("\t57\t57\t57\t", "\t57\t"): that value; two
        # different values stay unplaced
        written = {c.raw for c in cells if c.raw}
        if len(written) == 1:
            return [next(c for c in cells if c.raw)]
    if extra > 0:
        tail_empty = all(c.kind == BLANK and c.raw == "" for c in cells[want:])
        head_empty = all(c.kind == BLANK and c.raw == "" for c in cells[:extra])
        if head_empty and tail_empty and ([c.raw for c in cells[extra:]]
                                          != [c.raw for c in cells[:want]]):
            # empty at both ends ("\t\t1\t0\t0\t0\t0\t1\t": a blank first value and a
            # trailing tab, or a spacer and a blank last one): the two readings differ, and
            # taking the first put every figure one column off (自然人 1 for a blank, 总计 None
            # for 1): unplaced
            return None
        if head_empty:  # a rectangular grid: the label spans empty cells, values sit last
            cells = cells[extra:]
        elif tail_empty:  # empty cells after the table's last column
            cells = cells[:want]
    return cells if len(cells) == want else None


def _same(row: str) -> str:
    return row


def _has_values(found: Mapping[str, list[_Cell]], row_defs: Sequence[tuple[str, str]],
                row_key: Callable[[str], str] = _same) -> bool:
    """Whether some row of the table has a value cell: a row with none is then a row left
    blank (its cells all blank); a table where no row has one stays unreadable (its figures
    were lost, e.g. drawn as images), never a table of blanks."""
    return any(found.get(row_key(r)) for r, _ in row_defs)


_VALUE = attrgetter("value")
_RAW = attrgetter("raw")
#: (raw cells of a row, counts, signs, whole columns) → the row's values when all are plausible
#: numbers, else False. A cell is a function of what was written (see :func:`_classify`), and
#: rows repeat across reports (rows of zeros above all), so each is checked once; shared tuples.
_PLAIN_ROWS: dict[tuple[tuple[str, ...], bool, int, tuple[bool, ...]],
                  tuple[float, ...] | bool] = {}
#: The 表二 columns holding an amount (本年收费金额 in 万元, 2019's 采购总金额), which may have
#: decimals; every other 表二 column counts documents, decisions or items.
_T2_AMOUNT_COLUMNS = frozenset({"amount"})
_PLAIN_ROWS_MAX = 2_000


def _build(
    table_id: str,
    title: str,
    row_defs: Sequence[tuple[str, str]],
    col_defs: Sequence[tuple[str, str]],
    found: Mapping[str, list[_Cell]],
    flat: Mapping[str, bool],
    display: str,
    *,
    row_key: Callable[[str], str] = _same,
    extra_reasons: Sequence[str] = (),
    counts: bool = False,
    unplaced: Collection[str] = (),
    loose: int = 0,
    unsigned: bool = False,
) -> tuple[Table, Problem | None]:
    """A Table from the cells found per row; unreadable (with the reasons) when incomplete.

    ``counts``: every value is a number of applications or cases (表三, 表四), so a negative
    or fractional value is not a plausible reading of the cell. ``unsigned``: no value may be
    negative (表二's counts and fees; a 2019 本年增/减 column, ``change``, may). A negative
    figure in either is no reading of the cell: the cell stays null, the table unreadable, and
    the problem names the cell and says it is negative (the sign is never dropped). Under
    ``unsigned`` every column but an amount (:data:`_T2_AMOUNT_COLUMNS`) is a count too: a
    fractional figure there ("1.234" for 1,234 decisions, a comma read as a point) is no
    reading either. ``unplaced``: rows whose
    values came after a label that is no row; an unreadable table keeps none of their
    values (a table that cannot be read is reported, never guessed: its values hold only
    cells whose row and column were both identified). ``loose``: values the read could
    not place (under labels that are no row, or among a line's labels); a row without values
    is then not a row left blank but likely the row they belong to, so it is unreadable.
    """
    ncols = len(col_defs)
    values: list[tuple[float | None, ...]] = []
    raw: list[tuple[str, ...]] = []
    reasons: list[str] = []
    read = 0
    blank_row = None
    placed: list[int] = []  # cells read per row (to take back those of unplaced rows)
    # 0: any sign; 1: none negative; 2: none but a 2019 本年增/减 (the cache key's part)
    signs = 0 if not unsigned else 2 if any(cid == "change" for cid, _ in col_defs) else 1
    whole = tuple(counts or (unsigned and cid not in _T2_AMOUNT_COLUMNS) for cid, _ in col_defs)
    for rid, _ in row_defs:
        key = row_key(rid) if row_key is not _same else rid
        cells = found.get(key)
        placed.append(read)
        if cells == [] and loose:
            values.append((None,) * ncols)
            raw.append(("",) * ncols)
            reasons.append(f"row {rid} has no values while {loose} values are under no row label")
            continue
        if cells == [] and (blank_row is not None or _has_values(
                {k: v for k, v in found.items() if k not in unplaced} if unplaced else found,
                row_defs, row_key)):
            # a row left entirely blank (no value at all under its label, any shape): not
            # ambiguous, every cell is blank, as a row of "/" is
            cells = blank_row = blank_row or [_EMPTY_CELL] * ncols
        fitted = cells if cells is not None and len(cells) == ncols else _fit(cells, ncols)
        if fitted is None:
            values.append((None,) * ncols)
            raw.append(("",) * ncols)
            if cells is None:
                reasons.append(f"row {rid} not found")
            else:
                why = f"row {rid} has {len(cells)} values, expected {ncols}"
                if flat.get(key) and len(cells) < ncols:
                    why += " (blank cells cannot be placed among one-per-line values)"
                reasons.append(why)
            continue
        raws = tuple(map(_RAW, fitted))
        if "一" in raws and not any(r != "一" and not r.isascii() and _CN_CELL.fullmatch(r)
                                   for r in raws):
            # 一 among Arabic figures (or alone): a 1, or a dash (— for 无) that an OCR engine
            # read as 一. In a row written in Chinese numerals ("一 〇 二") it is a 1.
            fitted = [_Cell(BAD, c.raw, None) if c.raw == "一" else c for c in fitted]
        plain = _PLAIN_ROWS.get((raws, counts, signs, whole))
        if plain is None:
            row_values = tuple(map(_VALUE, fitted))
            # the common case: every cell a number (only blank and bad cells have None), and
            # for counts every number a non-negative integer
            plain = row_values if None not in row_values and (not counts or (
                min(row_values) >= 0 and all(map(float.is_integer, row_values)))  # type: ignore[arg-type,type-var]
            ) and (not unsigned or all(
                float(v).is_integer() for v, w in zip(row_values, whole, strict=True) if w)  # type: ignore[arg-type]
            ) and (not unsigned or min(row_values) >= 0 or (  # type: ignore[type-var]
                signs == 2 and all(v >= 0 for v, (cid, _) in zip(  # type: ignore[operator]
                    row_values, col_defs, strict=True) if cid != "change"))
            ) else False
            if len(_PLAIN_ROWS) >= _PLAIN_ROWS_MAX:
                _PLAIN_ROWS.clear()
            _PLAIN_ROWS[(raws, counts, signs, whole)] = plain
        if plain is not False:
            values.append(plain)
            raw.append(raws)
            read += ncols
            continue
        row_v: list[float | None] = []
        for c, (cid, _), w in zip(fitted, col_defs, whole, strict=True):
            why = "is not a plausible number"
            if c.kind == NUM and c.value < 0 and (counts or (unsigned and cid != "change")):  # type: ignore[operator]
                c, why = _Cell(BAD, c.raw, None), "is negative: a count or amount cannot be"
            elif w and c.kind == NUM and c.value != int(c.value):  # type: ignore[arg-type]
                c, why = _Cell(BAD, c.raw, None), "is not a whole number: a count is one"
            elif c.kind == BAD and c.raw.endswith(MERGED_ROWS_MARK):
                c = _Cell(BAD, c.raw[:-len(MERGED_ROWS_MARK)], None)
                why = "is one cell merged over several rows or columns: whose figure it is is not said"
            elif c.kind == BAD and c.raw == TURNED_CELL_MARK:
                why = ("is printed turned a quarter inside its cell (a figure set sideways, or a "
                       "stamp's digit): not read")
            elif c.kind == BAD and c.raw == "一":
                why = "is 一 among Arabic figures: a 1, or a dash (无) read as 一: not read"
            elif c.kind == BAD and "%" in c.raw:
                why = "is a percentage where a count belongs"
            elif c.kind == BAD and "：" in c.raw:  # ("维持：1：2", :func:`_t4_pair_items`)
                why = "is two values given one label"
            elif c.kind == BAD and not c.raw:  # ("维持： 1", :func:`_t4_pair_items`)
                why = "is a lone figure among labels, taken for a row number: not read"
            elif c.kind == BAD and _classify(c.raw) is None and _stray_figure(c.raw):
                why = "holds a stray character beside its figure (a stamp's, a note mark): not read"
            elif c.kind == BAD and _GARBLED_FIGURE.fullmatch(c.raw):
                why = ("is two figures in one cell: not read" if any(m in c.raw for m in "(/、")
                       else "reads as letters for digits, as a scan's OCR misreads 0 and 1: not repaired")
            if c.kind == BAD:
                shown_raw = c.raw if len(c.raw) <= 20 else c.raw[:20] + "…"
                reasons.append(f"row {rid} column {cid}: {shown_raw!r} {why}")
            else:
                read += 1
            row_v.append(c.value)
        values.append(tuple(row_v))
        raw.append(tuple(c.raw for c in fitted))
    total = ncols * len(row_defs)
    problem = None
    status = "ok"
    message = None
    reasons.extend(extra_reasons)
    if reasons and unplaced:
        placed.append(read)
        for r, (rid, _) in enumerate(row_defs):
            if (row_key(rid) if row_key is not _same else rid) in unplaced and any(
                    v is not None for v in values[r]):
                read -= placed[r + 1] - placed[r]
                values[r] = (None,) * ncols
                raw[r] = ("",) * ncols
                reasons.append(f"row {rid}: values after a label that is no row")
    if reasons:
        status = "unreadable"
        shown = "; ".join(reasons[:4]) + (f"; … {len(reasons) - 4} more" if len(reasons) > 4 else "")
        message = f"{display}: {read} of {total} cells read; {shown}"
        problem = Problem("table_unreadable", message)
    row_ids, row_labels = zip(*row_defs, strict=True)  # (pairs; non-empty for every table)
    col_ids, col_labels = zip(*col_defs, strict=True)
    table = Table(
        id=table_id,
        title=title,
        rows=row_ids,
        row_labels=row_labels,
        columns=col_ids,
        column_labels=col_labels,
        values=tuple(values),
        raw=tuple(raw),
        status=status,
        problem=message,
    )
    return table, problem


# --- 表三 ----------------------------------------------------------------------------------


#: label → whether it is 表三's row 一 label (:func:`_t3_anchor`): the labels above the table
#: (表二's, the header's) recur across reports, so each is matched once.
_T3_ANCHORS: dict[str, bool] = {}


def _t3_anchor(lines: Sequence[_Line], start: int) -> int | None:
    """The first line at or after ``start`` holding 表三's row 一 label (not narrative)."""
    known = _T3_ANCHORS
    for i in range(start, len(lines)):
        for norm in lines[i].labels:
            hit = known.get(norm)
            if hit is None:
                hit = (len(norm) <= 40 and _T3_ROW1.matches(norm)
                       and not _ANCHOR_BAD.search(norm))
                if len(known) >= _HITS_CACHE_MAX:
                    known.clear()
                known[norm] = hit
            if hit or (norm[-1:] in "本年新" and _row1_wrapped(lines, i, norm)):
                return i
    return None


#: Where an OCR engine or a narrow column cuts row 一's key words "本年新收" over two lines.
_ROW1_CUTS = {"本": "年新收", "本年": "新收", "本年新": "收"}


def _row1_wrapped(lines: Sequence[_Line], i: int, norm: str) -> bool:
    """Whether row 一's label wraps after line ``i`` with its key words cut ("一、本年新" ⏎
    "收政府信息公开申请数量"): the next line holds only the label's rest, and the two read
    as row 一's label."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    if nxt.cells or len(nxt.labels) != 1 or nxt.numbered or len(lines[i].labels) != 1:
        return False
    for head, rest in _ROW1_CUTS.items():
        if norm.endswith(head) and nxt.labels[0].startswith(rest):
            joined = norm + nxt.labels[0]
            return (len(joined) <= 40 and _T3_ROW1.matches(joined)
                    and not _ANCHOR_BAD.search(joined))
    return False


def _read_table3(
    lines: Sequence[_Line], starts: Sequence[int], hint: str | None
) -> tuple[Table | None, list[Problem], str | None, int]:
    best: _Rows | None = None
    for s in starts:
        pos = s
        for _ in range(_MAX_TRIES):
            a = _t3_anchor(lines, pos)
            if a is None:
                break
            rows = _read_rows(lines, a, _T3, stop=_T3_STOP,
                              expected=_t3_expected, last="4", header=_T3_HEADER)
            if len(rows.cells) >= 3:
                best = rows
                break
            pos = a + 1
        if best is not None:
            break
    if best is None:
        return None, [], None, 0

    # columns: 7, or 8 with 法人或其他组织小计 (from the header or the rows' value counts)
    head_from = max(0, best.start - 40)

    def header_labels() -> list[str]:  # the labels above the table (needed now and then)
        return [lab for ln in lines[head_from:best.start] for lab in ln.labels]

    _t3_drop_label_spacers(best)
    remarks = _t3_set_remarks_aside(best, header_labels)
    ncols = _t3_ncols(best, header_labels)
    cols = list(TABLE3_COLUMNS)
    missing = _t3_missing_column(best, header_labels) if ncols == 7 else None
    if missing is not None:  # the header names 6 of the 7 columns: read those 6
        cols.pop(missing)
    elif ncols == 8:
        header = header_labels()
        sub_at = 6
        if "小计" in "".join(header):
            i_sub = next(i for i, h in enumerate(header) if "小计" in h)
            i_com = next((i for i, h in enumerate(header) if h.startswith("商业")), None)
            if i_com is not None and i_sub < i_com:
                sub_at = 1
        cols.insert(sub_at, TABLE3_SUBTOTAL_COLUMN)

    # (only a grid's header says the order: without a grid line above, none to look for)
    above = lines[head_from:best.start]
    reordered = False
    if len(cols) == 7 and any(ln.grid for ln in above):
        order = _t3_header_order([(ln.labels, ln.grid) for ln in above])
        if order is not None:  # the header prints the applicant columns in another order
            reordered = True
            printed_at = [order.index(k) for k in range(7)]  # each format column's place
            for rid, cells in best.cells.items():
                lo, hi = 0, len(cells)  # (a grid's empty spacer cells around the values kept)
                while lo < hi and cells[lo].kind == BLANK and not cells[lo].raw:
                    lo += 1
                while hi > lo and cells[hi - 1].kind == BLANK and not cells[hi - 1].raw:
                    hi -= 1
                if hi - lo == 7:
                    best.cells[rid] = [*cells[:lo], *(cells[lo + i] for i in printed_at), *cells[hi:]]

    # format: 2021 splits (六)其他处理 into three rows; 2019 gives it values itself
    split = any(k in best.cells for k in ("3.6.1", "3.6.2", "3.6.3"))
    single = bool(best.cells.get("3.6"))
    if split:
        fmt = "2021"
    elif single:
        fmt = "2019"
    else:
        fmt = hint or "2021"
    row_defs = TABLE3_ROWS if fmt == "2021" else TABLE3_ROWS_2019
    if best.seams and len(cols) == 7:
        for rid, seams in best.seams.items():
            joined = _join_wrapped_number(best.cells.get(rid), seams)
            if joined is not None:
                best.cells[rid] = joined
    if len(cols) == 7:
        _t3_drop_page_numbers(best)
    # cells under a row of the other format (2021's group label （六）其他处理 given values
    # beside it, its numbered rows below): no row of this table holds them
    own = {r for r, _ in row_defs}
    if (not best.cells.get("1") and not lines[best.start].cells and best.start > 0
            and lines[best.start - 1].labels and lines[best.start - 1].cells):
        # "一、本年  2 0 0 0 0 0 2" / "新收政府" / …: row 一's label wrapped below its values,
        # matched a line under them; they are not a row left blank
        best.stray += len(lines[best.start - 1].cells)
    best.stray += sum(len(v) for k, v in best.cells.items() if v and k not in own)
    extra = []
    if best.stray:
        extra.append(f"{best.stray} values under labels that are not 表三 rows")
    for rid in _short_grid_rows(best, len(cols)):
        best.cells[rid] = best.cells[rid][:len(cols) - 1]  # (never placed: unreadable)
        extra.append(f"row {rid} is a grid cell short of the rows like it: a value is missing, "
                     "its column unknown")
    table, problem = _build("table3", TABLE3_TITLE, row_defs, cols, best.cells, best.flat,
                            "表三", extra_reasons=extra if extra and _incomplete(best, row_defs, len(cols))
                            else (), counts=True, unplaced=best.unplaced,
                            loose=best.stray)
    if len(cols) == 7 and not reordered and (why := _t3_text_order(above)):
        table, problem = _order_unreadable(table, why, problem, "表三")
    elif len(cols) == 8 and (why := _t3_remark_column(header_labels())):
        table, problem = _order_unreadable(table, why, problem, "表三")
    if remarks and problem is None and table.status == "ok" and not table.problem:
        table = replace(table, problem=remarks)
    if missing is not None:
        table = _with_blank_column(table, missing, TABLE3_COLUMNS[missing])
    return table, [problem] if problem else [], fmt, len(best.cells)


def _short_grid_rows(rows: _Rows, ncols: int) -> list[str]:
    """Grid rows one cell short of the other rows of their line width whose values, the label's
    empty spacer cells dropped, would begin with an empty cell: a value was lost and the
    spacer taken for a blank ("一、…\t\t\t0\t0…" with 6 values: the row read shifted by one)."""
    width = rows.width
    if not width:
        return []
    common: dict[int, int] = {}
    for w in width.values():
        common[w] = common.get(w, 0) + 1
    out = []
    for rid, w in width.items():
        cells = rows.cells.get(rid)
        if (cells and common.get(w + 1, 0) >= 3 and common.get(w, 0) <= 2
                and len(cells) >= ncols and cells[len(cells) - ncols].raw == ""
                and all(not c.raw for c in cells[:len(cells) - ncols])):
            out.append(rid)
    return out


def _join_wrapped_number(cells: list[_Cell] | None, seams: Sequence[int]) -> list[_Cell] | None:
    """A 7-column 表三 row of 8 values whose two values at a line break are one number a PDF
    copy wrapped ("…申请数量 2" / "4 3 0 0 2 2 31"): the row with them joined, when exactly
    one such join makes the 总计 the sum of the six applicant columns (I2), else None — a
    stray value is never guessed away."""
    if cells is None or len(cells) != 8:
        return None
    found = None
    for k in seams:
        if not 0 < k < 8:
            continue
        a, b = cells[k - 1], cells[k]
        if not (a.kind == NUM and b.kind == NUM and a.raw.isdigit() and b.raw.isdigit()):
            continue
        raw = a.raw + b.raw
        row = [*cells[:k - 1], _Cell(NUM, raw, float(raw)), *cells[k + 1:]]
        if any(c.kind != NUM for c in row) or sum(c.value for c in row[:6]) != row[6].value:  # type: ignore[misc]
            continue
        if found is not None:
            return None
        found = row
    return found


#: 表三's column labels (normalised) → column index; the group label and the corner aside.
_T3_COLUMN_OF = {_norm(label): i for i, (_, label) in enumerate(TABLE3_COLUMNS)}
#: Header words that name no whole column: a label split over lines ("商业" / "企业"), or a
#: subtotal column; with any of them the header does not say which column is left out.
_T3_PARTIAL = re.compile(r"(?:[^\n]{0,8}小计|合计|商业|企业|科研|机构|社会公益|组织|法律服务|服务机构)")


#: 表三's applicant group label, whose five columns the header's second row names
_T3_GROUP = "法人或其他组织"


def _t3_header_order(header: Sequence[tuple[Sequence[str], bool]]) -> list[int] | None:
    """The columns of a 表三 whose header prints them in another order than the format's
    (自然人 after 法人或其他组织's five, 科研机构 before 商业企业 …): for each printed column,
    in order, the index of its column in ``TABLE3_COLUMNS``; None when the order is the
    format's or the header lines (each line's labels; a line naming fewer than two columns
    is no header line) do not name each of the 7 columns by its full label (a label split
    over lines, a subtotal: the values stay where they are printed).

    Only a grid's header (``header`` gives each line's labels and whether its cells stand
    apart by TABs: a table of a .docx, an HTML page, a TAB copy) says the order: a PDF's text lines give a merged header cell
    on whichever line its middle falls ("商业企业 … 其他 自然人 总计" / "申请人情况 法人或其他
    组织"), in no column order.

    Names are taken in order of first appearance (a merged cell copied over the cells it
    spans, across columns or rows, names its column once); the group label 法人或其他组织
    stands for the five columns the next row names, in their order."""
    names: list[str] = []
    for labels, grid in header:
        own = [h for h in labels if h in _T3_COLUMN_OF or h == _T3_GROUP]
        if len(set(own)) < 2:
            continue
        if not grid:
            return None
        if any(_T3_PARTIAL.fullmatch(h) for h in labels):
            return None
        new = [h for h in dict.fromkeys(own) if h not in names]
        if names and new and (_T3_GROUP not in names
                              or not all(1 <= _T3_COLUMN_OF.get(h, -1) <= 5 for h in new)):
            # a line below the first may add only the group's five, in the group's place:
            # where 自然人 or 总计 first named there stands among the columns above is not
            # said by the labels alone (their cells' places are dropped)
            return None
        names += new
    if set(names) - {_T3_GROUP} != set(_T3_COLUMN_OF):
        return None
    grouped = _T3_GROUP in names
    subs = [_T3_COLUMN_OF[h] for h in names if 1 <= _T3_COLUMN_OF.get(h, -1) <= 5]
    order: list[int] = []
    for h in names:
        if h == _T3_GROUP:
            order += subs
        elif not (grouped and 1 <= _T3_COLUMN_OF[h] <= 5):
            order.append(_T3_COLUMN_OF[h])
    return None if order == list(range(7)) else order


def _t3_missing_column(rows: _Rows, header: Callable[[], Sequence[str]]) -> int | None:
    """The index of the one 表三 column the table leaves out (a 表三 printed without
    法律服务机构, say), when most rows have 6 values and the header above names exactly
    the other 6 columns, each by its full label; else None (the table stays as read)."""
    counts = [len(c) for c in rows.cells.values() if c]
    if not counts or 2 * counts.count(6) < len(counts):
        return None
    labels = header()
    if any(_T3_PARTIAL.fullmatch(h) for h in labels):
        return None
    named = {_T3_COLUMN_OF[h] for h in labels if h in _T3_COLUMN_OF}
    if len(named) != len(TABLE3_COLUMNS) - 1:
        return None
    return next(i for i in range(len(TABLE3_COLUMNS)) if i not in named)


def _with_blank_column(table: Table, at: int, column: tuple[str, str]) -> Table:
    """``table`` with ``column`` (id, label) inserted at index ``at``, every cell blank."""
    def put(row: tuple, blank: object) -> tuple:
        return (*row[:at], blank, *row[at:])

    return Table(
        id=table.id, title=table.title, rows=table.rows, row_labels=table.row_labels,
        columns=put(table.columns, column[0]), column_labels=put(table.column_labels, column[1]),
        values=tuple(put(r, None) for r in table.values), raw=tuple(put(r, "") for r in table.raw),
        status=table.status, problem=table.problem)


def _order_unreadable(table: Table, why: str, problem: Problem | None,
                      display: str) -> tuple[Table, Problem]:
    """``table`` with no value and unreadable: its header prints the columns in another
    order than the format's where the values cannot be put in their places by it (read in
    the format's order they would be other columns' figures, in a table marked ok)."""
    message = f"{display}: {why}: which figure is whose is not said, not read"
    if problem is not None:
        message = f"{problem.message}; {message}"
    values = tuple(tuple(None for _ in row) for row in table.values)
    return (replace(table, values=values, status="unreadable", problem=message),
            Problem("table_unreadable", message))


def _names_out_of_order(lines: Sequence[_Line], names: Sequence[str]) -> str | None:
    """The first line (its labels joined) naming two or more of ``names`` (the table's column
    labels, normalised; a label holding one counts as it) in another order than theirs;
    None when every line names them in order (a name repeated is taken where it first
    stands: "本年增/减 本年增/减", a spanned header cell)."""
    for ln in lines:
        if len(ln.labels) < 2:  # (each label names one at most: a line needs two)
            continue
        seen: list[int] = []
        for lab in ln.labels:
            at = [k for k, n in enumerate(names) if n in lab]
            if len(at) == 1 and at[0] not in seen:
                seen.append(at[0])
        if len(seen) >= 2 and seen != sorted(seen):
            return " ".join(ln.labels)
    return None


def _other_form_header(lines: Sequence[_Line], fmt: str) -> str | None:
    """The header line (its labels joined) of 表二 (一) naming two or more columns of the
    other form's (一) (本年新制作数量 / 本年新公开数量 / 对外公开总数量 of 2019 in a table read
    as 2021's 制发 / 废止 / 现行有效, or the reverse), or None: its figures are not the
    columns they would be read as (本年新公开 read as 本年废止)."""
    other = TABLE2_2019 if fmt == "2021" else TABLE2_2021
    names = [_norm(c) for _, c in other["table2.1"][2]]
    for ln in lines:
        # (a name is in some label when it is in the labels joined by "\0": no name holds one)
        joined = "\0".join(ln.labels)
        if sum(map(joined.__contains__, names)) >= 2:
            return " ".join(ln.labels)
    return None


def _t3_remark_column(header: Sequence[str]) -> str | None:
    """Why rows of 8 values under a header naming a 备注 (说明) column but no 小计 are not
    the form's 7 and 法人或其他组织小计 (the remark's figure was read as 总计, 总计's as the
    subtotal), or None."""
    if any("小计" in h for h in header):
        return None
    remark = next((h for h in header if h.startswith(("备注", "说明"))), None)
    if remark is None:
        return None
    return (f"the header names a column '{remark}' that is not the form's and no "
            f"法人或其他组织小计: rows of 8 values")


def _t3_text_order(above: Sequence[_Line]) -> str | None:
    """Why a 表三 header not read by :func:`_t3_header_order` shows its columns in another
    order than the format's, or None: printed without a grid (a text copy's spaces: its
    cells' places are not kept), or a grid line that does not name each column by its full
    label (a PDF's header cells joined column by column, one of them holding a merged cell's
    text too). Only orders no PDF copy makes of the format's header are taken: a merged cell
    (自然人, 总计, spanning the header's two rows) lands on either line, before or after the
    five 法人或其他组织 columns, but the five keep their order, and 自然人 stays left of 总计."""
    for ln in above:
        if len(ln.labels) < 2:  # (one label: no order to get wrong)
            continue
        own = [_T3_COLUMN_OF[h] for h in dict.fromkeys(ln.labels) if h in _T3_COLUMN_OF]
        subs = [k for k in own if 1 <= k <= 5]
        swapped = 0 in own and 6 in own and own.index(6) < own.index(0)
        if subs != sorted(subs) or swapped:
            return f"the header prints the columns in another order than the form's ({' '.join(ln.labels)})"
    return None


def _incomplete(rows: _Rows, row_defs: Sequence[tuple[str, str]], ncols: int) -> bool:
    blank_ok = _has_values(rows.cells, row_defs)  # rows left blank are complete (_build)
    return any(_fit(rows.cells.get(r), ncols) is None
               and not (blank_ok and rows.cells.get(r) == []) for r, _ in row_defs)


def _t3_expected(row: str, rows: _Rows) -> int | None:
    """Cells of the current row ``row``: 7 or 8, as most other rows have."""
    key = (row, len(rows.cells))
    if key not in rows.expected:
        rows.expected[key] = _t3_count(row, rows)
    return rows.expected[key]


def _t3_count(row: str, rows: _Rows) -> int | None:
    if row == "3.6" and any(k in rows.cells for k in ("3.6.1", "3.6.2", "3.6.3")):
        return 0
    # the most common of 7 / 8 among the other rows (the first seen on a tie), else 7
    cells = rows.cells
    lengths = list(map(len, cells.values()))
    own = len(cells[row]) if row in cells else 0
    n7 = lengths.count(7) - (own == 7)
    n8 = lengths.count(8) - (own == 8)
    if n7 != n8:
        return 7 if n7 > n8 else 8
    if n7:
        for k, c in cells.items():
            if k != row and len(c) in (7, 8):
                return len(c)
    return 7


#: A bare page number as PDF text carries it on its own line ("9"): a row number never.
_BARE_PAGE_NUMBER = re.compile(r"[1-9]\d{0,2}")


def _t3_drop_page_numbers(rows: _Rows) -> None:
    """Drop, in place, a bare page number ("9" alone on its line, a PDF page's foot) read as an
    eighth value of a 7-column 表三 grid row: the row's own grid line gave its seven values, the
    one line after it added one small integer, and without it the row's 总计 is the sum of its
    six applicant columns (I2). A wrapped figure ("…57" / "4") is joined before
    (:func:`_join_wrapped_number`); one that breaks I2 either way stays, and the table with it
    unreadable: a value is never dropped on its position alone. One cell a line, where every
    value is a line of its own, is left as it is."""
    for rid, seams in rows.seams.items():
        c = rows.cells.get(rid)
        if (c is None or len(c) != 8 or seams != [7] or rows.flat.get(rid)
                or rid not in rows.width or rid in rows.unplaced):
            continue
        last, row = c[7], c[:7]
        if (last.kind == NUM and _BARE_PAGE_NUMBER.fullmatch(last.raw)
                and all(x.kind == NUM for x in row)
                and sum(x.value for x in row[:6]) == row[6].value):  # type: ignore[misc]
            log.debug("表三 row %s: %r after its seven values taken for a page number",
                      rid, last.raw)
            rows.cells[rid] = row


def _t3_drop_label_spacers(rows: _Rows) -> None:
    """Drop, in place, the empty cell right after a one-label row's label in a grid of two
    label columns (a pipe table: "| 三、本年度办理结果 | （一）予以公开 | 702 | … |" beside
    "| 一、本年新收…数量 |  | 1,208 | … |"): it is the second label column left empty, no blank
    value, and read as one it made every such row 8 values wide (the table unreadable). Done
    only where grid rows printing two labels show the grid: the spacer row's line is as wide
    and holds one value more than theirs, so its empty cell can be no value of theirs (a row of
    one label column with a blank first value is a line one cell narrower). Any other leading
    empty cell stays: a value left blank is never dropped."""
    two: set[tuple[int, int]] = set()  # (line width, values) of rows printing two labels
    for rid, c in rows.cells.items():
        w = rows.width.get(rid)
        if (w is not None and c and rid not in rows.unplaced and w - len(c) == 2
                and len(c) in (7, 8) and c[0].raw):
            two.add((w, len(c)))
    if not two:
        return
    spacers = [rid for rid, c in rows.cells.items()
               if (w := rows.width.get(rid)) is not None and c and rid not in rows.unplaced
               and w - len(c) == 1 and c[0].kind == BLANK and not c[0].raw
               # (seven figures empty at both ends: which end is the spacer is not known)
               and (len(c) != 8 or c[-1].kind != BLANK or c[-1].raw)
               and (w, len(c) - 1) in two]
    for rid in spacers:
        rows.cells[rid] = rows.cells[rid][1:]


def _t3_set_remarks_aside(rows: _Rows, header: Callable[[], Sequence[str]]) -> str | None:
    """Drop, in place, the 备注 (说明) cell ending a grid row of 表三 when the header names
    that column after the form's and no 小计, and the cell is text ("含合并办理12件", "已于2024年
    1月办结"; a ministry's remark) or empty: it is no figure of the form, and as an eighth
    value it made the table unreadable. A remark that is a figure alone stays, and the table with it
    (:func:`_t3_remark_column`: which of its figures is the remark is not known). Returns the
    note naming the column and its texts for the table's ``problem``, or None."""
    if not any(len(c) > 7 and _remark_cell(c[-1]) for c in rows.cells.values() if c):
        return None
    labels = header()
    if _t3_remark_column(labels) is None:
        return None
    name = next(h for h in labels if h.startswith(("备注", "说明")))
    said = []
    for rid, c in rows.cells.items():
        if c and len(c) > 7 and _remark_cell(c[-1]):
            if c[-1].raw:
                said.append(c[-1].raw)
            rows.cells[rid] = c[:-1]
    return (f"表三: column '{name}' is not the national form's: its cells "
            f"({', '.join(repr(x) for x in said)}) not read") if said else None


def _remark_cell(cell: _Cell) -> bool:
    """Whether a cell can be a 备注's: text (no figure, no mark the form uses) or empty."""
    return (cell.kind == BAD and _classify(cell.raw) is None) or (
        cell.kind == BLANK and not cell.raw)


def _t3_ncols(rows: _Rows, header: Callable[[], Sequence[str]]) -> int:
    counts: dict[int, int] = {}
    subtotal: bool | None = None  # whether the header names 小计 (looked up when needed)
    for rid, c in rows.cells.items():
        if c and rid not in rows.unplaced:  # (a row whose values are not its own: no width)
            n = len(c)
            if n > 7 and c[-1].kind == BLANK and not c[-1].raw:
                # empty grid cells after the values (a pipe table padded to its widest row,
                # the rows whose merged group label a converter dropped): they make no 8th
                # column unless the header prints 法人或其他组织小计
                if subtotal is None:
                    subtotal = any("小计" in h for h in header())
                if not subtotal:
                    while n > 7 and c[n - 1].kind == BLANK and not c[n - 1].raw:
                        n -= 1
            counts[n] = counts.get(n, 0) + 1
    if counts:
        n = max(counts, key=counts.__getitem__)  # the most common; the first seen on a tie
        if n in (7, 8) and 2 * counts[n] >= sum(counts.values()):
            return n
    return 8 if any("小计" in h for h in header()) else 7


# --- 表二 ----------------------------------------------------------------------------------


def _t2_anchor(lines: Sequence[_Line], start: int) -> int | None:
    for i in range(start, len(lines)):
        for norm in lines[i].labels:
            if len(norm) <= 15 and _match(norm, _T2, 0) is not None:
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if lines[i].cells or (nxt is not None and nxt.cells and not nxt.labels):
                    return i
    return None


def _read_table2(
    lines: Sequence[_Line], starts: Sequence[int], hint: str | None
) -> tuple[list[Table], list[Problem], str | None]:
    for s in starts:
        a = _t2_anchor(lines, s)
        if a is None:
            continue
        fmt = _t2_format(lines, s, a, hint)
        defs = TABLE2_2021 if fmt == "2021" else TABLE2_2019

        def expected(key: str, rows: _Rows, defs: Mapping = defs) -> int | None:
            tid = key.split("|")[0]
            return len(defs[tid][2]) if tid in defs else 0

        last_row = "table2.8|fees" if fmt == "2021" else "table2.9|procurement"
        rows = _read_rows(lines, a, _T2, stop=_T2_STOP, expected=expected,
                          last=last_row, numbered=False)
        tables: list[Table] = []
        problems: list[Problem] = []
        for tid, (title, row_defs, col_defs) in defs.items():
            if not any(f"{tid}|{r}" in rows.cells for r, _ in row_defs):
                problems.append(Problem("table_missing", f"表二 {title} ({tid}) not found"))
                continue
            if fmt == "2019" and len(col_defs) == 2:
                _t2_spanned_last(lines, a, rows, f"{tid}|{row_defs[0][0]}", col_defs[-1][1])
            table, problem = _build(tid, title, row_defs, col_defs, rows.cells, rows.flat,
                                    f"表二 {title}", row_key=lambda r, tid=tid: f"{tid}|{r}",
                                    loose=rows.stray, unsigned=True)
            if problem and tid == "table2.1" and fmt == "2021":
                at = _t2_missing_column(lines, max(s, a - 6), a + 3, rows, row_defs)
                if at is not None:
                    table, problem = _build(
                        tid, title, row_defs, col_defs[:at] + col_defs[at + 1:], rows.cells,
                        rows.flat, f"表二 {title}", row_key=lambda r, tid=tid: f"{tid}|{r}",
                        unsigned=True)
                    table = _with_blank_column(table, at, col_defs[at])
            if problem:
                extra = _t2_extra_column(lines, max(s, a - 6), tid, title, row_defs, col_defs,
                                         rows)
                if extra is not None:
                    cells, name, dropped = extra
                    read, still = _build(tid, title, row_defs, col_defs, cells, rows.flat,
                                         f"表二 {title}", row_key=lambda r, tid=tid: f"{tid}|{r}",
                                         loose=rows.stray, unsigned=True)
                    if still is None:
                        note = (f"表二 {title}: column '{name}' is not the national form's: its "
                                f"cells ({', '.join(repr(d) for d in dropped)}) not read")
                        table, problem = replace(read, problem=note), None
            if problem is None and tid == ("table2.8" if fmt == "2021" else "table2.9"):
                table, problem = _yuan_column(lines, a, table, title)
            if tid == "table2.1" and (where := _other_form_header(
                    lines[max(s, a - 6):max(rows.end, a) + 1], fmt)):
                table, problem = _order_unreadable(
                    table, f"the header names the {'2019' if fmt == '2021' else '2021'} form's "
                    f"columns ({where}), not the {fmt} form's read here", problem, f"表二 {title}")
            elif len(col_defs) > 1 and (where := _names_out_of_order(
                    lines[max(s, a - 6):max(rows.end, a) + 1], [_norm(c) for _, c in col_defs])):
                table, problem = _order_unreadable(
                    table, f"the header prints the columns in another order than the form's "
                    f"({where})", problem, f"表二 {title}")
            tables.append(table)
            if problem:
                problems.append(problem)
        return tables, problems, fmt
    return [], [], None


#: A column header printing its amounts in 元 ("本年收费金额（单位：元）", as normalised:
#: 单位元; "收费金额（元）", "（人民币元）", "金额/元"), or in 千元 / 百元, where the form's are
#: in 万元. "（万元）" is no match; nor is "（元/万元）", which names both.
_YUAN_HEADER = re.compile(r"(?:单位(?:为)?|[（(/])(?:人民币)?([千百]?)元(?=$|[）)，,；;\s])")


def _yuan_column(lines: Sequence[_Line], a: int, table: Table,
                 title: str) -> tuple[Table, Problem | None]:
    """``table`` (表二 (八) fees, or (九) procurement of 2019) unreadable when its amount
    column is headed in 元 (or 千元, 百元), not the form's 万元: "本年收费金额（单位：元）" over
    125000 was read as 125,000 万元, ten thousand times the fee. Not converted (the figure is reported, never
    guessed): a 0 is 0 in any unit and stays read."""
    row_label = table.row_labels[0]
    # the labels are looked into as one text, joined by "\0" (no row label holds one): a line
    # without 元 is not searched (every match holds it)
    whole = bool(row_label) and "\0" not in row_label
    for ln in lines[a:]:
        joined = "\0".join(ln.labels)
        unit = None
        if "元" in joined:
            unit = next((m.group(1) + "元" for norm in ln.labels
                         if (m := _YUAN_HEADER.search(norm))), None)
        if unit:
            col = len(table.columns) - 1  # the amount: the last column
            if not any(row[col] for row in table.values):
                return table, None
            message = (f"表二 {title}: the amount is printed in {unit} (单位：{unit}), not the "
                       f"form's 万元: not read")
            values = tuple(row[:col] + (None,) for row in table.values)
            return replace(table, values=values, status="unreadable",
                           problem=message), Problem("table_unreadable", message)
        if row_label in joined if whole else any(row_label in norm for norm in ln.labels):
            break
    return table, None


def _t2_spanned_last(lines: Sequence[_Line], a: int, rows: _Rows, key: str, column: str) -> None:
    """Read the 2019 layout's 表二（八）/（九） (one row, two columns) printed in the grid of
    （五）/（六） (three value columns): the last column spans two ("本年增/减", "采购总金额"),
    and the grid repeats its header and its value ("行政事业性收费 0 0 0"). When the header
    line shows that repeat and the row's last two values are the same, the row has its two
    values; any other third value stays unplaced (the table unreadable)."""
    cells = rows.cells.get(key)
    if not cells or len(cells) != 3 or cells[1].raw != cells[2].raw:
        return
    for ln in lines[a:]:
        if (not ln.cells and len(ln.labels) >= 3 and ln.labels[-1] == ln.labels[-2]
                and column in ln.labels[-1] and ln.labels[-3] != ln.labels[-2]):
            rows.cells[key] = cells[:2]
            return


#: One "label：value" pair of a 表二 row printed as pairs ("制发件数：3", "本年收费金额（单位：万元）：0.5"):
#: the column's name (a colon inside its brackets allowed), the colon, the value.
_T2_PAIR = re.compile(
    r"((?:[^\s:：（(]|[（(][^）)\n]{0,12}[）)]){1,24})[ \t]*[:：][ \t]*([^\s:：]{1,12})(?=[ \t]|$)")
#: The longest line looked at for 表二 pairs (a row of the 2019 format's three is ~60 characters).
_T2_PAIR_LINE = 200
#: (a column's name as the layout writes it, "（单位：万元）", and as the text is normalised)
_ASCII_BRACKETS = str.maketrans("（）", "()")


def _read_table2_by_pairs(
    section_texts: Mapping[int, str], hint: str | None
) -> tuple[list[Table], list[Problem], str | None]:
    """表二 printed as "label：value" pairs after each row's name ("规章 制发件数：0 废止件数：0
    现行有效件数：2"): a row is read when each column of its sub-table is named once (by a
    part of its name: 制发件数 for 本年制发件数) with a value; a row naming a column twice or
    leaving one out is no reading (the table unreadable, with the reason). Searched only when
    the grid readers found no 表二; ``([], [], None)`` when no row is printed so."""
    keys = sorted(section_texts, key=lambda k: (k != 2, k))
    for fmt in ((hint,) if hint else ("2021", "2019")):
        defs = TABLE2_2021 if fmt == "2021" else TABLE2_2019
        rows = {_norm(name): (tid, rid) for tid, (_, row_defs, _) in defs.items()
                for rid, name in row_defs}
        found: dict[str, list[_Cell]] = {}
        why: dict[str, list[str]] = {}
        for k in keys:
            for line in section_texts[k].splitlines():
                if len(line) > _T2_PAIR_LINE or ("：" not in line and ":" not in line):
                    continue  # (a row of pairs is short; the search is bounded per start)
                pairs = list(_T2_PAIR.finditer(line))
                if not pairs:
                    continue
                row = rows.get(_norm(line[:pairs[0].start()]))
                if row is None or line[pairs[-1].end():].strip():
                    continue
                tid, rid = row
                cols = [_norm(name).translate(_ASCII_BRACKETS) for _, name in defs[tid][2]]
                cells: dict[int, _Cell] = {}
                for m in pairs:
                    name = _norm(m.group(1)).translate(_ASCII_BRACKETS)
                    at = [i for i, c in enumerate(cols) if name and name in c]
                    cell = _classify(m.group(2))
                    if len(at) != 1 or cell is None:
                        why.setdefault(tid, []).append(f"'{m.group()}' names no one column")
                    elif at[0] in cells:
                        why.setdefault(tid, []).append(f"{defs[tid][2][at[0]][1]} given twice")
                    else:
                        cells[at[0]] = cell
                if len(cells) == len(cols) and f"{tid}|{rid}" not in found:
                    found[f"{tid}|{rid}"] = [cells[i] for i in range(len(cols))]
                elif len(cells) != len(cols):
                    why.setdefault(tid, []).append(f"{dict(defs[tid][1])[rid]}: {len(cells)} "
                                                   f"of {len(cols)} columns named")
        named = {key.split("|")[0] for key in found} | set(why)
        if not named:
            continue
        tables: list[Table] = []
        problems: list[Problem] = []
        for tid, (title, row_defs, col_defs) in defs.items():
            if tid not in named:
                problems.append(Problem("table_missing", f"表二 {title} ({tid}) not found"))
                continue
            reasons = ["printed as label：value pairs, not read: "
                       + "; ".join(dict.fromkeys(why[tid]))] if tid in why else []
            table, problem = _build(tid, title, row_defs, col_defs, found, {},
                                    f"表二 {title}", row_key=lambda r, tid=tid: f"{tid}|{r}",
                                    unsigned=True, extra_reasons=reasons)
            tables.append(table)
            if problem:
                problems.append(problem)
        return tables, problems, fmt
    return [], [], None


#: 表二 第二十条第（一）项's column headers by key word: 本年（新）制发件数, 本年废止件数, 现行有效件数.
_T2_1_COLUMN = re.compile(r"(制发)|(废止)|(现行有效)")


def _t2_missing_column(lines: Sequence[_Line], lo: int, hi: int, rows: _Rows,
                       row_defs: Sequence[tuple[str, str]]) -> int | None:
    """The index of the one column 表二 第二十条第（一）项 leaves out (a page printing only
    本年废止件数 and 现行有效件数, say), when each row has 2 values and the header line among
    ``lines[lo:hi]`` names exactly the other 2 columns; else None (the table stays as read)."""
    if any(len(rows.cells.get(f"table2.1|{r}") or ()) != 2 for r, _ in row_defs):
        return None
    for ln in lines[lo:hi]:
        named = [m.lastindex - 1 for m in map(_T2_1_COLUMN.search, ln.labels) if m]
        if len(named) >= 2:
            if len(named) != 2 or len(set(named)) != 2:
                return None
            return next(i for i in range(3) if i not in named)
    return None


#: A 表二 header cell over the row labels ("信息内容"), no value column.
_T2_LABEL_HEAD = re.compile(r"信息内容|内容|项目|类别|事项|名称")
#: A header word of a count or an amount: a column so named may be the form's own under
#: another name ("件数" beside "数量"), never one set aside.
_T2_COUNT_WORD = re.compile(r"数|件|金额|量")
#: The most lines a 表二 sub-table's header may take (one cell a line, scraped: 信息内容 and
#: the three columns of 第二十条第（一）项 with an extra one).
_T2_HEAD_LINES = 8


def _t2_extra_column(
    lines: Sequence[_Line], lo: int, tid: str, title: str, row_defs: Sequence[tuple[str, str]],
    col_defs: Sequence[tuple[str, str]], rows: _Rows,
) -> tuple[dict[str, list[_Cell]], str, list[str]] | None:
    """A 表二 sub-table printed with one column the national form has not ("办结率", "占比",
    "备注" beside 本年处理决定数量), read by its header: every row found has one value too
    many, and the header under the sub-table's title (``lines[lo:]``) names each of the
    form's columns once (by its name or a part of it that names no other: 处理决定数量) and
    one more column, named by no count word (数, 件, 量, 金额: it might be the form's own). Returns the rows' cells in the form's column order, that column's
    name and the cells set aside (as written); None otherwise — the sub-table then stays
    unreadable, and a figure is never placed by its position alone."""
    n = len(col_defs)
    keys = [f"{tid}|{r}" for r, _ in row_defs if f"{tid}|{r}" in rows.cells]
    if not keys or any(len(rows.cells[k]) != n + 1 for k in keys):
        return None
    want = _norm(title).translate(_ASCII_BRACKETS)
    row_names = tuple(_norm(label) for _, label in row_defs)
    at = next((i for i in range(lo, min(len(lines), lo + 4 * _T2_HEAD_LINES))
               if any(_norm(x).translate(_ASCII_BRACKETS).endswith(want)
                      for x in lines[i].labels)), None)
    if at is None:
        return None
    head: list[str] = []
    for ln in lines[at + 1: at + 1 + _T2_HEAD_LINES]:
        if ln.cells or any(_norm(x).endswith(row_names) for x in ln.labels):
            break
        head += [_norm(x).translate(_ASCII_BRACKETS) for x in ln.labels]
    if head and _T2_LABEL_HEAD.fullmatch(head[0]):
        head = head[1:]  # (the header of the row labels, never a value column)
    if len(head) != n + 1:
        return None
    cols = [_norm(label).translate(_ASCII_BRACKETS) for _, label in col_defs]
    where: dict[int, int] = {}  # form column → header position
    extra = []
    for k, h in enumerate(head):
        named = [i for i, c in enumerate(cols) if h and (h in c or c in h)]
        if len(named) == 1 and named[0] not in where:
            where[named[0]] = k
        elif (not named and re.search(r"[\u4e00-\u9fff]", h) and not _T2_COUNT_WORD.search(h)
              and not _T2_LABEL_HEAD.fullmatch(h)):
            extra.append(k)
        else:
            return None
    if len(where) != n or len(extra) != 1:
        return None
    cells = dict(rows.cells)
    dropped = []
    for key in keys:
        cells[key] = [rows.cells[key][where[i]] for i in range(n)]
        dropped.append(rows.cells[key][extra[0]].raw)
    return cells, head[extra[0]], dropped


#: label → (has a 2021 header word, has a 2019 header word)
_T2_HINTS: dict[str, tuple[bool, bool]] = {}


def _t2_format(lines: Sequence[_Line], s: int, a: int, hint: str | None) -> str:
    """2021 or 2019 from the column headers near the table, else from the hint."""
    new = old = 0
    for ln in lines[max(s, a - 30): a + 40]:
        counted = ln.t2_hints
        if counted is None:
            n21 = n19 = 0
            for lab in ln.labels:
                hints = _T2_HINTS.get(lab)
                if hints is None:
                    hints = (_T2_2021_HINT.search(lab) is not None,
                             _T2_2019_HINT.search(lab) is not None)
                    if len(_T2_HINTS) >= _HITS_CACHE_MAX:
                        _T2_HINTS.clear()
                    _T2_HINTS[lab] = hints
                n21 += hints[0]
                n19 += hints[1]
            counted = ln.t2_hints = (n21, n19)
        new += counted[0]
        old += counted[1]
    if new > old:
        return "2021"
    if old > new:
        return "2019"
    if hint:
        return hint
    # the count of values after 行政许可 tells: 1 in 2021, 3 in 2019
    for i in range(a, min(len(lines), a + 80)):
        ln = lines[i]
        if "行政许可" in ln.labels:
            n = len(ln.cells)
            if n == 0:  # flattened: values on the following label-free lines
                j = i + 1
                while j < len(lines) and not lines[j].labels:
                    n += len(lines[j].cells)
                    j += 1
            if n == 1:
                return "2021"
            if n == 3:
                return "2019"
            break
    return hint or "2021"


# --- 表四 ----------------------------------------------------------------------------------


def _read_table4(
    lines: Sequence[_Line], starts: Sequence[int]
) -> tuple[Table, Problem | None] | None:
    for s in starts:
        a = None
        for i in range(s, len(lines)):
            labels = lines[i].labels
            if (any(_T4_ANCHOR.fullmatch(lab) for lab in labels) or _t4_results_header(lines, i)
                    or _t4_anchor_cut(lines, i)):
                a = i
                break
        if a is None:
            continue
        cells: list[_Cell] = []
        flat = True
        blank_row: list[_Cell] | None = None  # a grid row of empty cells
        misplaced: list[str] = []  # group rows out of their place (one group a row)
        for i in range(a, len(lines)):
            ln = lines[i]
            if ((cells or blank_row is not None) and ln.labels) or (
                    not cells and i - a > 2 * _MAX_GAP):
                if not (len(cells) in _T4_PART and all(map(_T4_LITIGATION_HEAD.fullmatch, ln.labels))):
                    break
                if not ln.cells:
                    continue  # 行政诉讼 printed as a table of its own below 行政复议's five cells
                # else a group a row (行政复议 / 未经复议直接起诉 / 复议后起诉): its 5 cells,
                # each group in its place (a row printed twice is not the next group)
                named = "".join(ln.labels)
                after, direct = "复议后" in named, "未经复议" in named or "直接起诉" in named
                want = 10 if after and not direct else 5 if direct and not after else len(cells)
                if want != len(cells) and any(map(_RAW, ln.cells)):
                    misplaced.append(f"the row {named!r} follows {len(cells)} values")
            if not any(map(_RAW, ln.cells)):  # (every raw "")
                # a header row whose merged cells were left empty, or an empty row: the
                # table's row only when no row with values comes
                if not ln.labels and ln.cells and blank_row is None:
                    blank_row = ln.cells
                continue
            if ln.cells:
                if ln.labels or len(ln.cells) > 1:
                    flat = False
                row = ln.cells
                if (len(row) > _T4_GROUP and ln.labels and not any(map(_RAW, row[:-_T4_GROUP]))
                        and all(map(_T4_GROUP_LABEL.fullmatch, ln.labels))):
                    row = row[-_T4_GROUP:]  # one group a row, an empty label cell before its 5
                cells.extend(row)
        if not cells and blank_row is not None:
            cells, flat = list(blank_row), False
        if not cells:
            continue
        table, problem = _build("table4", TABLE4_TITLE, TABLE4_ROWS, TABLE4_COLUMNS,
                                {"count": cells}, {"count": flat}, "表四", counts=True,
                                extra_reasons=misplaced)
        head: list[_Line] = []
        for ln in lines[a:]:
            if any(map(_RAW, ln.cells)):
                break
            head.append(ln)
        if why := _t4_text_order(head):
            table, problem = _order_unreadable(table, why, problem, "表四")
        return table, problem
    return None


def _t4_text_order(head: Sequence[_Line]) -> str | None:
    """Why 表四's header lines (above its values) print its columns in another order than
    the format's, or None: 行政诉讼 left of 行政复议 or 复议后起诉 left of 未经复议直接起诉 on one
    line; the results (结果维持 … 总计, each group's five in turn, on whichever lines a merged
    cell lands) opening with 总计, or going back to any result but 结果维持."""
    seq: list[int] = []
    for ln in head:
        # (a label opening with a name holds it: a line naming either of a pair nowhere in
        # its labels, or one label alone, which cannot open with both, is not looked into)
        joined = "\0".join(ln.labels) if len(ln.labels) > 1 else ""
        for first, second in (("行政复议", "行政诉讼"), ("未经复议", "复议后起诉")):
            if first not in joined or second not in joined:
                continue
            # (whole header cells only: a note "行政诉讼、行政复议均为0" is no header)
            i = next((k for k, lab in enumerate(ln.labels) if lab.startswith(first)
                      and len(lab) <= 10), None)
            j = next((k for k, lab in enumerate(ln.labels) if lab.startswith(second)
                      and len(lab) <= 10), None)
            if i is not None and j is not None and j < i:
                return f"the header prints {second} before {first} ({' '.join(ln.labels)})"
        seq += [_T4_RESULT_COLUMN[lab] for lab in ln.labels if lab in _T4_RESULT_COLUMN]
    if len(set(seq)) > 1 and seq[0] == 4:
        return "the header prints 总计 before the results it adds up"
    if any(b < a and b != 0 for a, b in zip(seq, seq[1:], strict=False)):
        return "the header prints the results (结果维持 … 总计) in another order than the form's"
    return None


#: A row of 表四 printed one result a row (the table transposed: "行政复议结果维持 2",
#: "行政诉讼（复议后起诉）总计 1"): its group and its column.
_T4_RESULT_ROW = re.compile(
    r"(?P<group>行政复议|(?:行政诉讼)?[(（]?(?:未经复议直接起诉|复议后起诉)[)）]?)[·、:：\-—]?"
    r"(?P<col>结果维持|结果纠正|其他结果|尚未审结|总计|合计)")
_T4_RESULT_COLUMN = {"结果维持": 0, "结果纠正": 1, "其他结果": 2, "尚未审结": 3, "总计": 4, "合计": 4}


def _read_table4_by_result(
    lines: Sequence[_Line], starts: Sequence[int]
) -> tuple[Table, Problem | None] | None:
    """表四 transposed, one result a row with its one value (15 rows): read only when the
    15 rows all stand, each once, one after another; else None (the table is not there)."""
    for s in starts:
        found: dict[int, _Cell] = {}
        for i in range(s, len(lines)):
            ln = lines[i]
            m = (_T4_RESULT_ROW.fullmatch(ln.labels[0])
                 if len(ln.labels) == 1 and len(ln.cells) == 1 else None)
            if m is None:
                if found:
                    break
                continue
            group = m.group("group")
            g = 2 if "复议后" in group else 1 if "直接起诉" in group else 0
            k = g * _T4_GROUP + _T4_RESULT_COLUMN[m.group("col")]
            if k in found:
                break
            found[k] = ln.cells[0]
        if len(found) == 3 * _T4_GROUP:
            return _build("table4", TABLE4_TITLE, TABLE4_ROWS, TABLE4_COLUMNS,
                          {"count": [found[k] for k in range(3 * _T4_GROUP)]},
                          {"count": False}, "表四", counts=True)
    return None


#: One "label：value" pair of 表四 printed as text, as web templates print a small table
#: ("维持：2 纠正：0 其他结果：1 尚未审结：0 总计：3", one pair a line or several), the label
#: normalised (:func:`_norm` drops the colon): its group when named with it, its column, and
#: the value when glued to the label ("维持2").
_T4_PAIR = re.compile(
    r"(?P<group>行政复议|(?:行政诉讼)?[(（]?(?:未经复议直接起诉|复议后起诉)[)）]?)?[·、\-—]?"
    r"(?P<col>结果维持|维持|结果纠正|纠正|其他结果|其他|尚未审结|总计|合计)(?P<value>.+)?")
_T4_PAIR_COLUMN = {"结果维持": 0, "维持": 0, "结果纠正": 1, "纠正": 1, "其他结果": 2, "其他": 2,
                   "尚未审结": 3, "总计": 4, "合计": 4}
#: A group's own line (or leading label) above its pairs.
_T4_PAIR_GROUP = re.compile(r"(?:政府信息公开)?(?:行政复议|行政诉讼|未经复议直接起诉|复议后起诉)+(?:情况|案件)?")


def _t4_group(label: str) -> int | None:
    """The 表四 group a label names: 0 行政复议, 1 未经复议直接起诉, 2 复议后起诉; -1 for
    行政诉讼 alone (its two groups follow)."""
    if "复议后" in label:
        return 2
    if "未经复议" in label or "直接起诉" in label:
        return 1
    if "行政复议" in label and "行政诉讼" not in label:
        return 0
    return -1 if "行政诉讼" in label else None


def _t4_pair_items(ln: _Line) -> list[tuple[str, object]]:
    """A line's 表四 pair items in order: ("group", g), ("key", (g or None, column)),
    ("value", cell); [] when a label is none of these (prose, another table's row)."""
    items: list[tuple[str, object]] = []
    for lab in ln.labels:
        if not lab:  # (a lone "1" between labels, dropped as a row number: no blank cell)
            items.append(("value", _Cell(BAD, "", None)))
        elif m := _T4_PAIR.fullmatch(lab):
            value = m.group("value")
            v = _classify(value) if value else None
            if value and v is None and not (
                    "：" in value and all(map(_classify, value.split("：")))):
                return []  # ("维持人员…": words, no pair)
            items.append(("key", (_t4_group(m.group("group")) if m.group("group") else None,
                                  _T4_PAIR_COLUMN[m.group("col")])))
            if value:  # ("维持1：2", two values of one label: a bad cell, named as such)
                items.append(("value", v or _Cell(BAD, value, None)))
        elif _T4_PAIR_GROUP.fullmatch(lab):
            items.append(("group", _t4_group(lab)))
        elif (c := _classify(lab)) is not None:
            items.append(("value", c))
        else:
            return []
    items.extend(("value", c) for c in ln.cells)
    return items


def _read_table4_by_pairs(
    lines: Sequence[_Line], starts: Sequence[int]
) -> tuple[Table, Problem | None] | None:
    """表四 printed as "label：value" pairs under its group names (行政复议 / 行政诉讼 未经复议
    直接起诉 / 复议后起诉), one pair a line or several: read when each of the 15 cells is named
    once under a known group; pairs found but not so (a group not named, a cell twice or
    missing, a label with two values) leave the table ``unreadable`` with the reason, never
    a value placed by guess. None when no pair is there."""
    for s in starts:
        found: dict[int, _Cell] = {}
        reasons: list[str] = []
        group: int | None = None
        begun = False  # a group or a grouped pair seen: the pairs have begun
        key: int | None = None  # a pair's label waiting for its value (-1: under no group)
        paired = 0  # labels given their value
        for ln in lines[s:]:
            items = _t4_pair_items(ln)
            if not items:  # a line of no pairs: the pairs' end, once some were read
                if begun and (found or key is not None):
                    break
                continue
            for kind, x in items:
                if kind == "group":
                    group, begun = x, True  # type: ignore[assignment]
                elif kind == "key":
                    g, col = x  # type: ignore[misc]
                    if not begun and g is None:
                        continue  # (pairs count only under a group's name: not 表三's "总计 …")
                    begun, group = True, group if g is None else g
                    if key is not None and key >= 0:
                        reasons.append("a label with no value")
                    key = group * _T4_GROUP + col if group is not None and group >= 0 else -1
                    if key < 0:  # (its value is taken with it, unplaced)
                        reasons.append("a pair under no group (行政复议, 未经复议直接起诉 or 复议后起诉)")
                elif key is not None:
                    paired += 1
                    if key >= 0:
                        if key in found:
                            reasons.append(f"{TABLE4_COLUMNS[key][0]} given twice")
                        found[key] = x  # type: ignore[assignment]
                    key = None
                elif begun:
                    reasons.append("a value after no label")
        if not paired:  # (a header's words alone, "结果维持 结果纠正 …": no pair)
            continue
        missing = [TABLE4_COLUMNS[k][0] for k in range(3 * _T4_GROUP) if k not in found]
        if missing:
            reasons.append("not found: " + ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""))
        if reasons:
            why = ["printed as label：value pairs, not read: " + "; ".join(dict.fromkeys(reasons))]
            return _build("table4", TABLE4_TITLE, TABLE4_ROWS, TABLE4_COLUMNS, {}, {}, "表四",
                          counts=True, extra_reasons=why)
        return _build("table4", TABLE4_TITLE, TABLE4_ROWS, TABLE4_COLUMNS,
                      {"count": [found[k] for k in range(3 * _T4_GROUP)]}, {"count": False},
                      "表四", counts=True)
    return None


def _t4_anchor_cut(lines: Sequence[_Line], i: int) -> bool:
    """Whether line ``i`` starts 表四's "行政复议" cut over label lines by OCR ("行政" ⏎
    "复议", "行政复" ⏎ "议"): the words joined, up to three lines, before any value."""
    ln = lines[i]
    if len(ln.labels) != 1 or ln.cells or not ln.labels[0] or not "行政复议".startswith(ln.labels[0]):
        return False
    words = ln.labels[0]
    for nxt in lines[i + 1:i + 3]:
        if nxt.cells or not nxt.labels:
            return False
        words += "".join(nxt.labels)
        if len(words) >= 4:
            return words.startswith("行政复议")
    return False


def _t4_results_header(lines: Sequence[_Line], i: int) -> bool:
    """Whether line ``i`` starts 表四's column header "结果维持 结果纠正 …" (on one line, or one
    cell a line): the table when its "行政复议" line is missing or unreadable (wrapped in a
    PDF cell: "行政复" / "议")."""
    labels = lines[i].labels
    if len(labels) > 2 and labels[0] != "结果维持" and "".join(labels).startswith("结果维持结果纠正"):
        # labels printed across narrow PDF cells, cut at the cell borders: "结果维 | 持结果纠 |
        # 正其他结 | …" (the values below stand in their 15 columns as ever)
        return True
    if not labels or labels[0] != "结果维持":
        return False
    if len(labels) > 1:
        return labels[1] == "结果纠正"
    nxt = lines[i + 1].labels if i + 1 < len(lines) else []
    return nxt[:1] == ["结果纠正"]


# --- entry point ---------------------------------------------------------------------------


def _lines_of(
    section_texts: Mapping[int, str], keys: Sequence[int]
) -> tuple[list[_Line], dict[int, int]]:
    """The lines of the given sections in order, and where each section starts."""
    lines: list[_Line] = []
    first_line: dict[int, int] = {}
    for k in keys:
        first_line[k] = len(lines)
        text = section_texts[k] or ""
        if k == 2 and text.count("第二十条") > 1:
            text = _column_by_column(text)
        elif k != 2 and "本年新收" in text:
            text = _one_line_rows(text)
        split = _split_lines(text)
        lines.extend(_merged_wraps(split) if MERGED_ROWS_MARK in text else split)
    return lines, first_line


def _merged(cell: _Cell) -> bool:
    return cell.kind == BAD and cell.raw.endswith(MERGED_ROWS_MARK)


def _form_row_hits(norm: str) -> set[tuple[int, int]]:
    """The 表二 and 表三 rows (table, spec index) a normalised label names."""
    if not norm or len(norm) > _MAX_LABEL:
        return set()
    return {(t, k) for t, table in enumerate((_T2, _T3)) for k in table.hits(norm)}


def _merged_wraps(lines: list[_Line]) -> list[_Line]:
    """``lines`` with the figures a grid merged over ONE form row's grid rows given to it.

    A long row label wrapped onto a second grid row ("（二）部分公开" over "（区分处理的，
    只计这一情形，不计其他情形）"), its figures in cells spanning both rows (rowspan, Word's
    vertical merge), reaches here as two lines of the same figures marked merged
    (:data:`MERGED_ROWS_MARK`): they are that row's figures. The first line gets them
    unmarked; the lines below keep their labels alone (the wrapped rest, which the row
    reader joins as a PDF's). Only when the lines below repeat every cell of the first, each
    is unnumbered and names no row of the form alone (or repeats the first's label, a label
    merged over the same rows), the labels joined name a row of the form, and no line around
    shares a merged figure (a merge going on into another row). A figure over two form rows
    (行政处罚 and 行政强制, 1.属于国家秘密 and 2.其他…) stays marked: it is no row's."""
    out = list(lines)
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if not ln.labels or not any(map(_merged, ln.cells)):
            i += 1
            continue
        raws = [c.raw for c in ln.cells]
        j = i + 1
        while (j < n and [c.raw for c in lines[j].cells] == raws
               and (lines[j].labels == ln.labels or (
                   not lines[j].numbered and len(lines[j].labels) == len(ln.labels)
                   and lines[j].labels[:-1] == ln.labels[:-1]))):
            j += 1
        if j > i + 1:
            marked = {c.raw for c in ln.cells if _merged(c)}
            around = [lines[k] for k in (i - 1, j) if 0 <= k < n]
            first = ln.labels[-1]
            wraps = [x.labels[-1] for x in lines[i + 1:j] if x.labels[-1] != first]
            own = _form_row_hits(first)
            joined = _form_row_hits(first + "".join(wraps))
            if (not any(c.raw in marked for x in around for c in x.cells)
                    and not any(_form_row_hits(w) for w in wraps)
                    and joined and (not own or own & joined)):
                cells = [(_classify(c.raw[:-len(MERGED_ROWS_MARK)]) or c) if _merged(c) else c
                         for c in ln.cells]
                out[i] = _Line(ln.labels, cells, ln.grid, numbered=ln.numbered,
                               buried=ln.buried, digits=ln.digits)
                for k in range(i + 1, j):
                    x = lines[k]
                    out[k] = _Line(x.labels, [], x.grid, numbered=x.numbered,
                                   buried=x.buried, digits=x.digits)
        i = j
    return out


@lru_cache(maxsize=1)
def _numbered_rows() -> dict[str, frozenset[str]]:
    """表三's row numbering as printed ("2" for 3.3.2, "一" for row 1) → the first four
    characters of the labels it numbers (both formats, normalised as :func:`_norm` does)."""
    out: dict[str, set[str]] = {}
    for rid, label in (*TABLE3_ROWS, *TABLE3_ROWS_2019):
        last = rid.rsplit(".", 1)[-1]
        key = last if "." in rid else "一二三四"[int(rid) - 1]
        out.setdefault(key, set()).add(_norm(label)[:4])
    return {k: frozenset(v) for k, v in out.items()}


#: 表三 flattened into one line (a scraper's get_text(" "), a page drawing the table with
#: inline elements): a row starts at a space before a row numbering that follows a value,
#: or before row 一's label.
_ROW_IN_LINE = re.compile(
    r"(?<=\d) (?=(?:[一二三四]、|[(（][一二三四五六七][)）]|\d{1,2}[.．、])[\u4e00-\u9fff])"
    r"| (?=一、本年新收)")
#: Shortest line taken for a whole flattened 表三 (its 25 labels alone run to 400 characters).
_ONE_LINE_TABLE = 300


def _one_line_rows(text: str) -> str:
    """``text`` with a 表三 given whole on one line cut into one line per row; else as is
    (the lines naming 本年新收 are looked at: a sentence of prose may name it first)."""
    i = text.find("本年新收")
    while i >= 0:
        s = text.rfind("\n", 0, i) + 1
        e = text.find("\n", i)
        e = len(text) if e < 0 else e
        if e - s >= _ONE_LINE_TABLE and "总计" in text[i:e]:
            return text[:s] + _ROW_IN_LINE.sub("\n", text[s:e]) + text[e:]
        i = text.find("本年新收", e)
    return text


#: 表二's sub-tables printed side by side and copied row by row, one line holding a row of
#: each (the copy's gap between them is a single space after normalising): a second
#: sub-table's title or 信息内容 header, or a row label after the values of the first.
_SECOND_ANCHOR = re.compile(r"\S.*? (?=第二十条第)")
_SECOND_HEADER = re.compile(r"信息内容.*? (?=信息内容)")
_UNIT_WORD = frozenset({"件", "条", "项", "个", "万元", "元", "次", "人次"})


def _halves(line: str) -> tuple[str, str] | None:
    """A 表二 line cut into its left and right sub-tables' parts, or None (always for a
    line without a space: each way of cutting needs one)."""
    if " " not in line:
        return None
    for rx in (_SECOND_ANCHOR, _SECOND_HEADER):
        m = rx.match(line)
        if m is not None:
            return line[:m.end() - 1], line[m.end():]
    toks = line.split(" ")
    for i in range(2, len(toks)):
        if (_classify(toks[i - 1]) is not None and _classify(toks[i]) is None
                and _classify(toks[0]) is None and toks[i] not in _UNIT_WORD):
            return " ".join(toks[:i]), " ".join(toks[i:])
    return None


def _column_by_column(text: str) -> str:
    """Section 二's ``text`` with a run of two or more lines in two halves (表二's sub-tables
    printed side by side, copied row by row) given column by column: the left halves, then
    the right ones, which the lines below go on from."""
    if " " not in text:  # no line has halves (:func:`_halves`): the text as it is
        return text
    lines = text.split("\n")
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        j = i
        halves = []
        while (j < n and "\t" not in lines[j] and "|" not in lines[j] and "｜" not in lines[j]
               and (h := _halves(lines[j].strip())) is not None):
            halves.append(h)
            j += 1
        if len(halves) >= 2:
            out += [a for a, _ in halves] + [b for _, b in halves]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


#: Why a table printed twice in its own section with other figures is not read.
_TWICE = ("printed twice in its section with other figures (another year's beside this "
          "one's, or a corrected copy)")


def _t4_anchor_line(lines: Sequence[_Line], start: int) -> int | None:
    """The first line at or after ``start`` whose label names 表四's 行政复议 (its header)."""
    for i in range(start, len(lines)):
        if any(_T4_ANCHOR.fullmatch(lab) for lab in lines[i].labels):
            return i
    return None


def _second_printing(lines: list[_Line],
                     anchor: Callable[[Sequence[_Line], int], int | None]
                     ) -> tuple[list[_Line], int, int] | None:
    """A section's ``lines``, where its table's first anchor (row 一, 规章, 行政复议) is and
    where the table starts a second time: the next line after it whose label is the first
    anchor's, with figures between them (a header's merged cell repeats its label on the
    grid's next line); None when the table is printed once."""
    first = anchor(lines, 0)
    if first is None:
        return None
    key = lines[first].labels[:1]
    if not key:  # (an anchor is found on a label: never so)
        return None
    # Only an anchor line whose label is the first's counts: the lines of that label are
    # tried, and the anchor searched from one only when the last search found none before
    # it (a section printed once, the common case, is no longer searched line by line
    # for anchors it cannot use). ``found``: the first anchor line at or after the last
    # line the search started from.
    label = key[0]
    found: int | None = first
    for again in range(first + 1, len(lines)):
        labels = lines[again].labels
        if not labels or labels[0] != label:
            continue
        if found < again:  # type: ignore[operator]
            found = anchor(lines, again)
            if found is None:
                return None
        if found == again and any(any(map(_RAW, ln.cells)) for ln in lines[first:again]):
            return lines, first, again
    return None


#: A short line above a printing naming a part of the body reporting ("其中，县政府本级：",
#: "各乡镇合计", "所属部门情况"): a sub-table below the body's whole table.
_PART_CUE = re.compile(r"^其中|本级|所属|下属|部门|乡镇|街道")
#: Not a part: a line naming the whole with its parts ("本年度（含所属部门）", "全镇（含各村、
#: 镇直部门）汇总"), the body's table or last year's — which printing is whose is not said.
_WHOLE_CUE = re.compile(r"含|包括|全[省市州县区旗镇乡]|汇总|总体|整体")
#: A short line above a printing naming its year ("2022年度：", "（二）上年度情况").
_YEAR_CUE = re.compile(r"^[（(]?[一二三四五六七八九十\d]{0,2}[)）、.．]?\s*(?:((?:19|20)\d\d)\s*年|上一?年|去年)")
#: Not a cue: a header cell ("上一年项目数量", "本年收费金额").
_CUE_NOT = re.compile(r"数量|件数|金额|总数|合计数")
#: A line holding a figure standing alone (a table's row or cell): where a window ends.
_FIGURE_LINE = re.compile(r"(?:^|[\s|｜])[\d０-９]+(?:\.\d+)?(?:$|[\s|｜])")
_CUE_LEN = 30
_CUE_LINES = 40


def _cues_above(raws: Sequence[str], end: int, year: int | None) -> tuple[bool, bool, bool]:
    """(part, this year, another year): what the short lines above ``raws[end]`` name, back
    to the line of figures before them (the table above) or the section's start."""
    part = mine = other = False
    for raw in reversed(raws[max(0, end - _CUE_LINES):end]):
        line = raw.strip().rstrip("：:")
        if _FIGURE_LINE.search(line):
            break
        if len(line) > _CUE_LEN or _CUE_NOT.search(line):
            continue
        if _PART_CUE.search(line) and not _WHOLE_CUE.search(line):
            part = True
        if m := _YEAR_CUE.match(line):
            if year is not None and m.group(1) and int(m.group(1)) == year:
                mine = True
            else:
                other = True
    return part, mine, other


def _printings_told(raws: Sequence[str], at1: int, at2: int, year: int | None) -> str | None:
    """What the prose above two printings of a table in section ``text`` says they are: "part"
    when a part of the body is named above the second only ("其中，县政府本级："), no year
    other than the report's above either; "first" / "second" when one is named with the
    report's year and the other with another ("2022年度：" … "2023年度："); None when not
    said (then neither is taken). ``raws``: the section's non-blank lines; ``at1``, ``at2``:
    the lines where the two printings' first anchors stand."""
    p1, mine1, other1 = _cues_above(raws, at1, year)
    p2, mine2, other2 = _cues_above(raws, at2, year)
    if p2 and not p1 and not other1 and not other2:
        return "part"
    if p1 or p2:
        return None
    if mine1 and not other1 and other2 and not mine2:
        return "first"
    if mine2 and not other2 and other1 and not mine1:
        return "second"
    return None


def _other_figures(first: Table, second: Table | None) -> bool:
    """Whether a second printing of ``first`` gives other figures: a cell it reads that
    ``first`` reads otherwise. It need not be whole (last year's table read whole above this
    year's with one bad cell is still another year's figures); its null cells say nothing (a
    row label merged over two grid lines repeats with empty cells: no second printing)."""
    return (second is not None and first.status == "ok" and second.id == first.id
            and any(b is not None and a != b
                    for ra, rb in zip(first.values, second.values, strict=False)
                    for a, b in zip(ra, rb, strict=False)))


#: The note of a table whose section prints a part of the body's figures again below it.
_PART_NOTE = ("printed again below in its section for a part of the body (其中…本级, 乡镇, "
              "部门: named above it): that part is not read; these are the report's figures")


def _note(problem: str | None, note: str) -> str:
    return note if not problem else f"{problem}; {note}"


_R = TypeVar("_R")


def _printing_kept(table: Table, twice: tuple[list[_Line], int, int], text: str, year: int | None,
                   read: Callable[[list[_Line], list[int]], tuple[Table, _R] | None]
                   ) -> tuple[Table, _R] | str | None:
    """Which printing of ``table`` (表三, 表四), printed twice in its section (``twice``, from
    :func:`_second_printing`; ``text`` the section's body), is the year's: None for the first
    (the second gives the same figures, or the prose names the first), the second's reading
    when the prose names it, "part" when the second is a part of the body's, "unreadable" when
    which is whose is not said. ``read(lines, starts)``: the table's reader, (table, what
    else it read) or None."""
    lines, first, again = twice
    compared = read(lines[again:], [0])
    if not _other_figures(table, compared[0] if compared else None):
        return None
    told = _told(text, lines, first, again, year)
    if told == "part":
        return "part"
    second = read(lines, [again]) if told == "second" else None
    if second is not None and second[0].id == table.id:
        return second
    return None if told == "first" else "unreadable"


def _told(text: str, lines: Sequence[_Line], first: int, again: int,
          year: int | None) -> str | None:
    """:func:`_printings_told` for the printings read at ``lines[first]`` and
    ``lines[again]``; None when the raw lines holding their label are not as many."""
    key = lines[first].labels[:1]
    before = sum(ln.labels[:1] == key for ln in lines[:first])
    between = sum(ln.labels[:1] == key for ln in lines[first:again])
    raws = [r for r in text.split("\n") if r.strip()]
    at = [i for i, r in enumerate(raws) if any(ln.labels[:1] == key for ln in _split_lines(r))]
    if len(at) != sum(ln.labels[:1] == key for ln in lines):
        return None  # (lines joined or cut on reading: which raw line is which not known)
    return _printings_told(raws, at[before], at[before + between], year)


def read_tables(
    section_texts: Mapping[int, str], *, year: int | None = None
) -> tuple[list[Table], list[Problem], str | None]:
    """Read 表二, 表三 and 表四 from a report's section bodies.

    ``section_texts`` maps section number (2, 3, 4 …) to its body; key 0 holds text under
    no recognised heading (a report without headings is searched whole). Each table is
    looked for from its own section on, then in the whole text. Returns the tables (ids in
    :mod:`nlp_reports.parse.layout`), the problems found (``table_unreadable``,
    ``table_missing``, ``layout_inconsistent``) and the layout (``"2021"``, ``"2019"`` or
    None when no national table was found). Never raises on odd input.
    """
    if year is not None and year < 2019:
        return [], [], None  # legacy reports have no national tables
    p2: list[Problem] = []
    p3: list[Problem] = []
    fmt2 = fmt3 = None
    t3_rows = 0
    hint = None
    if year is not None:
        hint = "2019" if year in (2019, 2020) else "2021" if year >= 2021 else None

    # First the sections that hold the tables (二、三、四 and what follows them); the whole
    # text only when a table is not there (headings missing or misplaced).
    keys = sorted(k for k in section_texts if 2 <= k <= 4)
    t2: list[Table] = []
    t3 = t4 = None
    own_lines: dict[int, list[_Line]] = {}
    for attempt in ("sections", "whole"):
        if attempt == "whole":
            if (t2 and t3 is not None and t4 is not None) or len(keys) == len(section_texts):
                break
            keys = sorted(section_texts)
        lines, first_line = _lines_of(section_texts, keys)
        if attempt == "sections":  # each section's own lines, for its second printing below
            bounds = pairwise([*(first_line[k] for k in keys), len(lines)])
            own_lines = {k: lines[a:b] for k, (a, b) in zip(keys, bounds, strict=True)}
        if not lines:
            continue

        def starts(n: int, first_line: dict[int, int] = first_line) -> list[int]:
            return [first_line[n], 0] if first_line.get(n) else [0]

        if not t2:
            t2, p2, fmt2 = _read_table2(lines, starts(2), hint)
        if t3 is None:
            t3, p3, fmt3, t3_rows = _read_table3(lines, starts(3), fmt2 or hint)
        if t4 is None:
            t4 = _read_table4(lines, starts(4)) or _read_table4_by_result(lines, starts(4))
            if t4 is None or t4[0].status != "ok":
                # printed as "label：value" pairs: read, or unreadable naming why; a grid
                # reading that failed gives way only to pairs read whole
                pairs = _read_table4_by_pairs(lines, starts(4))
                if pairs is not None and (t4 is None or pairs[0].status == "ok"):
                    t4 = pairs
    if any(t.status != "ok" for t in t2) or not t2:
        # each row's cells printed as "label：value" pairs: read, or unreadable naming why,
        # in place of a grid reading that read fewer sub-tables
        pairs = _read_table2_by_pairs(section_texts, fmt2 or fmt3 or hint)
        ok = sum(t.status == "ok" for t in t2)
        if pairs[0] and (sum(t.status == "ok" for t in pairs[0]) > ok or not ok):
            t2, p2, fmt2 = pairs
    if year is None and not t2 and t4 is None and t3_rows < 12:
        return [], [], None  # a few 表三-like rows alone: a local (legacy) table, not the form

    # a table its section prints twice with other figures (last year's table for comparison
    # above this year's, a draft and its correction, a part of the body below its whole):
    # the first was read as the year's, the table ok. The prose above the printings may say
    # which is which (_printings_told): a part named above the second keeps the first (its
    # note says so); the report's year and another named above them keep the year's. Else
    # which is the year's is not said: unreadable.
    if t3 is not None and (twice := _second_printing(own_lines.get(3, []), _t3_anchor)):
        fmt = fmt3 or fmt2 or hint
        kept3 = _printing_kept(t3, twice, section_texts[3], year, lambda ls, at: (
            (r[0], r[1]) if (r := _read_table3(ls, at, fmt))[0] is not None else None))
        if kept3 == "part":
            t3 = replace(t3, problem=_note(t3.problem, _PART_NOTE))
        elif kept3 == "unreadable":
            t3, problem = _order_unreadable(t3, _TWICE, None, "表三")
            p3 = [*p3, problem]
        elif kept3 is not None:
            t3, p3 = kept3
    if t4 is not None and (twice := _second_printing(own_lines.get(4, []), _t4_anchor_line)):
        kept4 = _printing_kept(t4[0], twice, section_texts[4], year, _read_table4)
        if kept4 == "part":
            t4 = (replace(t4[0], problem=_note(t4[0].problem, _PART_NOTE)), t4[1])
        elif kept4 == "unreadable":
            t4 = _order_unreadable(t4[0], _TWICE, t4[1], "表四")
        elif kept4 is not None:
            t4 = kept4
    if t2 and (twice := _second_printing(own_lines.get(2, []), _t2_anchor)):
        lines, first, again = twice
        seconds = {t.id: t for t in _read_table2(lines[again:], [0], fmt2 or hint)[0]}
        told = None
        for k, t in enumerate(t2):
            if _other_figures(t, seconds.get(t.id)):
                if told is None:
                    told = _told(section_texts[2], lines, first, again, year) or "unsaid"
                if told == "part":
                    t2[k] = replace(t, problem=_note(t.problem, _PART_NOTE))
                elif told == "unsaid" or (told == "second" and seconds[t.id].status != "ok"):
                    # (the second read ok from its own lines only: else which is whose is
                    # not certain)
                    t2[k], problem = _order_unreadable(t, _TWICE, None, f"表二 {t.title}")
                    p2 = [*p2, problem]
                elif told == "second":
                    t2[k] = seconds[t.id]

    tables: list[Table] = [*t2]
    if t3 is not None:
        tables.append(t3)
    if t4 is not None:
        tables.append(t4[0])
    pictured = [n for n in (2, 3, 4) if IMAGE_MARK in (section_texts.get(n) or "")]
    if not tables and not pictured:
        if year is not None and year >= 2019:
            return [], [Problem("table_missing", "no national statistical table found "
                                "(表二、表三、表四)" + _attachment_note(
                                    *(section_texts.get(n) for n in (2, 3, 4))))], None
        return [], [], None
    problems: list[Problem] = [*p2, *p3]
    if t4 is not None and t4[1] is not None:
        problems.append(t4[1])
    for number, absent, name in ((2, not t2, "表二 (主动公开政府信息情况)"),
                                 (3, t3 is None, f"表三 ({TABLE3_TITLE})"),
                                 (4, t4 is None, "表四 (行政复议、行政诉讼情况)")):
        if not absent:
            continue
        if number in pictured:  # pasted as a picture: there, but its numbers cannot be read
            problems.append(Problem(
                "table_unreadable", f"{name} is not in the text; section {_NUMERAL[number]} "
                "shows an image instead, likely the table: its numbers cannot be read (run OCR)"))
        else:
            problems.append(Problem("table_missing", f"{name} not found"
                                    + _attachment_note(section_texts.get(number))))
    if fmt2 and fmt3 and fmt2 != fmt3:
        problems.append(Problem("layout_inconsistent",
                                f"表二 is in the {fmt2} format but 表三 in the {fmt3} format"))
    layout = fmt3 or fmt2 or hint
    if problems:
        log.debug("tables: %s", "; ".join(p.message for p in problems))
    return tables, problems, layout
