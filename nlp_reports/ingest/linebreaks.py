"""Line breaks a copy lost (丢失的换行), put back where the text proves them.

A crawler's ``.text`` of a ``<div>`` without ``<br>``, a CSV or JSON field, a portal's or
WeChat copy-paste gives a report on one line (its breaks joined by nothing, a space, two
spaces, an NBSP or an ideographic space), or with its paragraphs kept and each heading glued
to the sentence before ("…公开。二、主动公开政府信息情况"). The parser reads headings at a
line start, so such a text lost every section and statement. :func:`restore_line_breaks`
puts a break only where a national heading the parser already knows stands:

* before a numbered section heading whose title is one of ``formats.KNOWN_TITLES``
  ("二、主动公开政府信息情况"; "第二部分 主动公开政府信息情况", "第二部分：…" as older layouts
  and some provinces number them), the numerals increasing, after a sentence's end, a figure,
  a blank or the title (never after a Chinese character: "详见本报告二、主动公开…" is a
  reference), and after it when a blank follows;
* after the report title ("…2024年政府信息公开工作年度报告") when a blank follows or the
  whole text is a line, and before it at a blank (page chrome before the agency's name);
* in a flattened table of sections 二–四 (cells joined by blanks), one cell a line, only
  when the cell sequence proves the grid of the national form (表二's sub-tables: title,
  信息内容, the column labels, each row label with as many figures as columns; 表四: its 19
  labels and 15 figures). A table whose cells were joined by nothing cannot be split
  and is left as it is (the table reader reports it missing or unreadable).

Never inside a sentence on a guess. Section 五's sub-headings and item markers ("(二)改进措施",
"一是", "1、") need none: the statement splitter reads them inside a line.
:func:`lost_line_breaks` is the cheap gate ``normalize_text`` asks first (~1 µs a report).
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp_reports.formats import RUN_IN_TITLE, TABLE2_2019, TABLE2_2021, TABLE4_RESULTS

__all__ = ["few_line_breaks", "lost_line_breaks", "restore_line_breaks"]

#: Characters per line above which a text's breaks count as lost (a report's lines average
#: 20–60 characters, a paragraph-a-line copy's under 200).
_CHARS_PER_LINE = 400
#: Shorter texts are not judged by their line breaks alone (a fragment, a notice): a short
#: report (a township's six sections in ~250 characters) opens the gate by a glued heading.
_MIN_CHARS = 300
#: The shortest text a lost-line-break warning is given for, and the gate looked at at all
#: (a notice's paragraph naming the headings is no report; six sections take ~200 characters).
_MIN_WARN_CHARS = 150
#: The 二 heading's title, in every layout since 2008: where a glued heading is looked for.
_ANCHOR = "、主动公开政府信息"
#: The same heading numbered 第二部分 (looked for only in a text without :data:`_ANCHOR`).
_PART_ANCHOR = "二部分"
#: Where a report's title ends at the latest (page chrome above it included).
_TITLE_REACH = 400
#: 表二's header and first row label a blank apart (2021: 现行有效件数, 2019: 对外公开总数量):
#: the table flattened onto one line; looked for this far after the 二 heading. (A flattened
#: 表四 is split when the gate opened for another reason: its labels are searched in no text.)
_FLAT_TABLE2 = ("件数", "数量")  # (before " 规章 ")
_FLAT_REACH = 300


def lost_line_breaks(text: str) -> bool:
    """Whether ``text`` looks like a report whose line breaks were lost: hardly any line
    break for its length; the 二 heading ("二、主动公开政府信息…") glued to the text before
    it (after a blank, or in a text under :data:`_MIN_CHARS`, only with the 一 heading and a
    sentence before it on its line: see :func:`_glued`); 表二 flattened onto that heading's
    line or the next ("… 现行有效件数 规章 0 0 0 …");
    or the title glued to the 一 heading ("…年度报告一、总体情况", "…年度报告第一部分").
    Bounded C scans (a find for the 二 heading — "第二部分" only in a text without
    "、主动公开政府信息" —, the rest in windows): ~1 µs a report; the line breaks are counted
    only when the middle of the text holds none for :data:`_CHARS_PER_LINE` characters."""
    n = len(text)
    if n < _MIN_WARN_CHARS:
        return False
    mid = n // 2
    if (n >= _MIN_CHARS and text.find("\n", mid, min(mid + _CHARS_PER_LINE, n - 1)) < 0
            and text.count("\n") * _CHARS_PER_LINE < n):
        return True
    at = text.find(_ANCHOR)
    if at < 0:  # "…公开。第二部分 主动公开政府信息情况" (a 第X部分 layout)
        at = text.find(_PART_ANCHOR)
        if at < 2 or text[at - 1] != "第" or not text[at + 3:at + 12].lstrip(
                " ：:、").startswith(_ANCHOR[1:]):
            at = -1
        elif _glued(text, at - 1, n):
            return True
    elif at >= 2:
        if text[at - 1] in "二三" and _glued(text, at - 1, n):
            return True
    if at >= 2:
        row = text.find(" 规章 ", at, at + _FLAT_REACH)
        if row >= 2 and text[row - 2:row] in _FLAT_TABLE2:
            return True
    at = text.find("年度报告", 0, _TITLE_REACH)
    if at < 0:
        return False
    head = text[at + 4:at + 10].lstrip(" ")
    return head[:2] == "一、" or head[:4] == "第一部分"


def _glued(text: str, at: int, n: int) -> bool:
    """Whether the 二 heading at ``at`` is glued to the text before it: to any character but
    a line break or an indent in a text of :data:`_MIN_CHARS` or more; after a blank, or in a
    shorter text (a township's report, or a notice naming the headings), only when the 一
    heading and a sentence of its body stand before it on its line ("一、总体情况 2023年，…。
    二、主动公开…"). A table of contents on a line ("一、总体情况 二、主动公开…") or a notice
    listing them ("一、总体情况；二、…") holds no sentence between them."""
    if n >= _MIN_CHARS and text[at - 1] not in "\n \t":
        return True
    line = text.rfind("\n", 0, at) + 1
    one = text.find("一", line, at)
    if one < 0:
        return False
    section, _ = _patterns()
    m = section.search(text, one, at)
    return (m is not None and (m.group(1) or m.group(2)) == "一"
            and text.find("。", m.end(), at) >= 0)


def few_line_breaks(text: str) -> bool:
    """Whether ``text`` has hardly any line break for its length (fewer than one in
    :data:`_CHARS_PER_LINE` characters besides the title's, which
    :func:`restore_line_breaks` puts back): the likely cause when a report shows no section
    heading at all (load's ``no_headings`` says so)."""
    text = text.strip()
    return (len(text) >= _MIN_WARN_CHARS
            and (text.count("\n") - 1) * _CHARS_PER_LINE < len(text))


_NUMERALS = "一二三四五六七八九"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first use (most runs never need them)."""
    section = re.compile(rf"(?:([{_NUMERALS}])、|第([{_NUMERALS}])部分[ ]?[：:、]?)[ ]?"
                         rf"(?:{RUN_IN_TITLE.pattern})")
    title = re.compile(r"(?:19|20)\d\d年度?[^ \n。，；]{0,12}?年度报告")
    return section, title


def restore_line_breaks(text: str) -> str:
    """``text`` with the line breaks the module docstring lists put back (unchanged when no
    known heading is found)."""
    section, title = _patterns()
    cuts: list[tuple[int, int]] = []  # (start, end) of a blank replaced by "\n", or (at, at)
    heads: list[tuple[int, int]] = []  # (start, title end) of each section heading
    last = 0
    for m in section.finditer(text):
        num = _NUMERALS.index(m.group(1) or m.group(2)) + 1
        if num <= last or not _may_break_before(text, m.start()):
            continue
        last = num
        heads.append((m.start(), m.end()))
    if len(heads) < 2:  # one heading proves no layout
        heads = []
    flat = few_line_breaks(text)  # (the whole text on a line or two)
    t = title.search(text, 0, heads[0][0] + 1 if heads else _TITLE_REACH)
    if t is not None:  # (a title only: the metadata reads it; the report is then told
        # to have no section heading, its line breaks lost)
        line = text.rfind("\n", 0, t.start())
        blank = text.rfind(" ", max(0, t.start() - 40, line), t.start())
        if blank >= 0 and t.start() - blank > 2 and "。" not in text[blank:t.start()]:
            cuts.append((blank, blank + 1))  # (page chrome before the agency's name)
        after = text[t.end():t.end() + 1]
        if after == " " or (flat and after and after not in _TITLE_GOES_ON):
            cuts.append(_cut_at(text, t.end()))
    for k, (a, b) in enumerate(heads):
        glued = bool(a) and text[a - 1] != "\n"
        if glued:
            cuts.append(_cut_before(text, a))
            if text[b:b + 1] == " ":  # (its title ends at the blank: the body was its line)
                cuts.append((b, b + 1))
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        if " " not in text[b:end]:
            continue
        line = b
        while line < end:  # a flattened table is on one line at least
            stop = text.find("\n", line, end)
            stop = end if stop < 0 else stop
            if text.find(" ", line, stop) >= 0:
                cuts.extend(_table_cuts(text, line, stop))
            line = stop + 1
    return _apply(text, cuts)


#: What may follow a report title on its line: "(更正版)", "_某局" (a page's title), "汇编",
#: "的通知", the closing mark of a title quoted in a notice ("关于印发《…年度报告》的通知") —
#: the title goes on, no break after 报告 there.
_TITLE_GOES_ON = frozenset("(（_汇的【[》」』”")
#: What a heading glued to the text before it may follow: a sentence's or a clause's end, a
#: closing bracket, a table's figure, a blank; after any other character (a Chinese one: "详见
#: 本报告二、主动公开政府信息情况") it is a reference inside a sentence, never cut.
_BEFORE_HEADING = frozenset("\n 。；;：:！!？?)）】0123456789")


def _may_break_before(text: str, at: int) -> bool:
    """Whether a section heading at ``at`` may start a line: at the text's start, after
    :data:`_BEFORE_HEADING`, or right after the report title ("…年度报告一、总体情况")."""
    return at == 0 or text[at - 1] in _BEFORE_HEADING or text.endswith("年度报告", 0, at)


def _cut_at(text: str, at: int) -> tuple[int, int]:
    """A break at ``at``, taking the blank there."""
    if text[at:at + 1] == " ":
        return (at, at + 1)
    return (at, at)


def _cut_before(text: str, at: int) -> tuple[int, int]:
    """A break before ``at``, taking the blank before it."""
    if text[at - 1:at] == " ":
        return (at - 1, at)
    return (at, at)


def _apply(text: str, cuts: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in sorted(set(cuts)):
        if a < pos or (a == b and (text[a - 1:a] == "\n" or text[a:a + 1] == "\n")):
            continue
        out += [text[pos:a], "\n"]
        pos = b
    out.append(text[pos:])
    return "".join(out)


_FIGURE = re.compile(r"[+\-]?[0-9]+(?:\.[0-9]+)?")


#: A cell of a flattened table: what stands between two blanks.
_CELL = re.compile(r"[^ \n]+")


@lru_cache(maxsize=1)
def _grids() -> tuple[tuple[tuple[str | None, ...], ...], tuple[str, ...]]:
    """The cell sequences of 表二's sub-tables in both formats (None: a figure), and 表四's
    19 labels sorted (their order varies with how the merged header cells were read)."""
    from nlp_reports.ingest.normalize import normalize_text

    grids = []
    for form in (TABLE2_2021, TABLE2_2019):
        for name, rows, cols in form.values():
            seq: list[str | None] = [normalize_text(name), "信息内容"]
            seq += [normalize_text(c) for _, c in cols]
            for _, r in rows:
                seq += [r] + [None] * len(cols)
            grids.append(tuple(seq))
    results = tuple(label for _, label in TABLE4_RESULTS)
    table4 = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉") + results * 3
    return tuple(grids), tuple(sorted(table4))


def _table_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The blanks between the cells of each flattened table of ``text[start:end]`` (one
    line) whose cells prove its grid (see the module docstring), and before the text after it."""
    cells = list(_CELL.finditer(text, start, end))
    tokens = [m.start() for m in cells]
    words = [m.group() for m in cells]
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        n = _grid_at(words, i)
        if n:
            cuts.extend(_cut_before(text, at) for at in tokens[i:i + n + 1])
            i += n
        else:
            i += 1
    return cuts


def _grid_at(words: list[str], i: int) -> int:
    """How many cells from ``words[i]`` make a proven grid (表二's sub-table: its title,
    信息内容, its column labels, each row label and a figure a column; 表四: its 19 labels,
    then 15 figures and no more), else 0."""
    grids, table4 = _grids()
    for seq in grids:
        if words[i] != seq[0] or i + len(seq) > len(words):
            continue
        if all(w == s if s is not None else _FIGURE.fullmatch(w) is not None
               for w, s in zip(words[i:i + len(seq)], seq, strict=True)):
            return len(seq)
    if words[i] == "行政复议" and i + 34 <= len(words):
        labels, figures = words[i:i + 19], words[i + 19:i + 34]
        if tuple(sorted(labels)) == table4 and all(_FIGURE.fullmatch(w) for w in figures) and (
                i + 34 == len(words) or _FIGURE.fullmatch(words[i + 34]) is None):
            return 34
    return 0
