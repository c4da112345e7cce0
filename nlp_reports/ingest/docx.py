"""Word .docx reports → text (extra ``docx``: python-docx).

Paragraphs and tables come out in document order, interleaved as in the file: the body's
``w:p`` and ``w:tbl`` children are walked in turn. A table becomes one line per row with
cells joined by TAB, read from the XML on the table grid (:func:`_table_rows`): a label
merged over rows or columns repeats in every place it covers, like the HTML grids, while
a figure spanning columns is written once (w:gridSpan, or the legacy w:hMerge). Text Word
does not show is not read: tracked deletions and hidden text (w:vanish).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib

from nlp_reports.errors import (
    BinaryInputError,
    InputTooLargeError,
    MissingDependencyError,
    ParseError,
    UnsupportedFormatError,
)
from nlp_reports.ingest.normalize import (
    IMAGE_MARK,
    drop_blank_columns,
    is_value_cell,
    mark_merged_columns,
    merged_rows_value,
    unrepeat_values,
)

log = logging.getLogger("nlp_reports")

__all__ = ["docx_to_text"]

_WS = re.compile(r"\s+")


#: A run Word does not show: hidden text (隐藏文字, w:vanish; w:val "0"/"false"/"off" shows it)
_HIDDEN = ("w:rPr/w:vanish[not(@w:val) or not(@w:val = '0' or @w:val = 'false'"
           " or @w:val = 'off')]")
_RUNS = (".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
         f" and not(ancestor::w:txbxContent) and not({_HIDDEN})]")


def _paragraph_text(p) -> str:
    """A w:p's text, including runs python-docx skips (tracked insertions, smart tags, fields),
    without hidden runs: a hidden "1" before a cell's "1" read 11; a soft line break inside a
    sentence removed (:func:`_join_soft_breaks`)."""
    text = "".join(run.text for run in p.xpath(_RUNS))
    return _join_soft_breaks(text) if "\n" in text else text


#: What a line cannot open with: a mark that follows a word (，、；：。！？ and closing quotes
#: and brackets).
_CONTINUES = re.compile(r"[，、；：。！？,;:!?）)》」』”’]")
#: What opens a line of its own: a list marker or a sequence word (一是, （一）, 1., ①, 第一，,
#: 首先 …), a date, a figure.
_OWN_LINE = re.compile(r"[一二三四五六七八九十]+[是要、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d|[①-⑳⑴-⒇⒈-⒛]"
                       r"|第[一二三四五六七八九十]+[，、]|其[一二三四五六]|首先|其次|再次|最后|另外|此外|同时")
#: A line ending so ends its sentence or names what follows.
_ENDS = frozenset("。！？!?；;：:")


def _join_soft_breaks(text: str) -> str:
    """``text`` with each soft line break (Shift+Enter, w:br; w:cr) removed where it falls
    inside a sentence: before a mark no line opens with ("…互动交流⏎，及时回应…"), or after a
    line that does not end its sentence and holds a comma or is long (:data:`_LONG`; not a
    numbered heading nor a label's line), before Chinese text that opens no item ("…期盼，我县政⏎
    务公开工作…"). A paragraph's text is one line of the report
    (a statement of 五 is cut at line ends), and a break pasted from a wrapped PDF or typed to
    push a word down split a sentence in two. A break after a title, a signature or a sentence
    end, or before an item, a date or a figure, stays; so does one in a paragraph not ending
    its sentence (items written without stops, a signature over its date) or before a line
    holding no punctuation (a title, an agency's name): joined, "…需要报告的事项⏎青禾县林业局"
    hid the signature and took 六's text with it, "…的情况⏎本年度…" hid an older title."""
    lines = text.split("\n")
    prose = bool(_PROSE_END.search(text))
    out: list[str] = []
    # the line being joined, in pieces (each joined piece opens with a mark or a character),
    # and what it holds, kept as it grows: asked of the whole line at each break, 5,000
    # breaks in one paragraph took 6 s
    pieces = [lines[0]]
    comma, label, stop, size = "，" in lines[0], bool(_LABEL.search(lines[0])), \
        bool(_TITLE_STOP.search(lines[0])), len(lines[0])
    for line in lines[1:]:
        last = pieces[-1]
        if last and line and (_CONTINUES.match(line) or (
                prose and last[-1] not in _ENDS and _CJK_START.match(line)
                and not _OWN_LINE.match(line) and _MARK.search(line)
                and not (not stop and _ends_title(pieces))
                and (comma or (size >= _LONG and not label
                               and not _HEADING.match("".join(pieces[:3])))))):
            pieces.append(line)
        else:
            out.append("".join(pieces))
            pieces = [line]
            comma = label = stop = False
            size = 0
        comma = comma or "，" in line
        label = label or bool(_LABEL.search(line))
        stop = stop or bool(_TITLE_STOP.search(line))
        size += len(line)
    out.append("".join(pieces))
    return "\n".join(out)


def _ends_title(pieces: list[str]) -> bool:
    """Whether the line joined from ``pieces`` ends as a title does (:data:`_TITLE_WORDS`,
    blanks after them): its last two characters but blanks, the second maybe the piece's
    before (a joined piece opens with no blank)."""
    tail = (pieces[-2][-1:] if len(pieces) > 1 else "") + pieces[-1]
    return tail.rstrip(" \t\u3000").endswith(_TITLE_WORDS)


#: A line this long without a comma is a sentence's first part ("我局将采伐许可决定纳入办结即公开⏎
#: 清单，…") unless it is a numbered heading or holds a label's colon ("地址：…⏎电话：…").
_LONG = 12
_LABEL = re.compile(r"[：:]")
_HEADING = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


_CJK_START = re.compile(r"[\u3400-\u9fff]")
#: A paragraph of sentences ends with a stop (closing quotes or brackets after it).
_PROSE_END = re.compile(r"[。！？!?；;][”’」』）)]*[ \t\u3000]*$")
#: A sentence's part holds a punctuation mark; a title or an agency's name alone on its line none.
_MARK = re.compile(r"[，、；：。！？,;:!?]")
#: A title without a numeral ("政府信息公开的收费及减免情况", "存在的主要问题和薄弱环节"): no comma,
#: ending as a part's or a sub-block's title does.
_TITLE_WORDS = ("情况", "问题", "措施", "事项", "概述", "不足", "打算", "方向", "举措", "环节")
_TITLE_STOP = re.compile(r"[，,。；;！!？?]")


_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_VML = "urn:schemas-microsoft-com:vml"


def _has_picture(p) -> bool:
    """Whether w:p ``p`` shows a picture (DrawingML pic:pic or a VML image), outside text
    boxes: ingest writes ``IMAGE_MARK`` for it, so a table pasted as one is reported
    unreadable, not missing."""
    for el in p.iter(f"{{{_PIC}}}pic", f"{{{_VML}}}imagedata"):
        if not any(a.tag.endswith("}txbxContent") for a in el.iterancestors()):
            return True
    return False


def _mark_deleted(p) -> bool:
    """Whether the paragraph mark of w:p ``p`` was deleted with tracked changes (修订:
    w:pPr/w:rPr/w:del): Word shows the paragraph run into the next one, under one number
    (read here as the first's, else the next's), and a paragraph deleted whole takes none."""
    from docx.oxml.ns import qn

    return p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None


#: The text boxes (文本框) anchored in a paragraph, once each: a DrawingML box repeats its
#: content in a VML fallback (mc:Fallback), and a box inside a box is read with its parent.
_TEXT_BOXES = (".//w:txbxContent[not(ancestor::mc:Fallback)]"
               "[count(ancestor::w:txbxContent) = $depth]")
_BOX_RUNS = (".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
             f" and not({_HIDDEN}) and count(ancestor::w:txbxContent) = $depth]")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _text_box_lines(p, depth: int = 0) -> list[str]:
    """The lines of the text boxes anchored in w:p ``p`` (a title or a heading set in a box
    is text of the report; :data:`_RUNS` leaves it out of the paragraph's own text)."""
    from docx.oxml.ns import nsmap, qn
    from lxml import etree

    namespaces = {**nsmap, "mc": _MC}
    lines: list[str] = []
    for box in etree._Element.xpath(p, _TEXT_BOXES, namespaces=namespaces, depth=depth):
        for inner in box.iter(qn("w:p")):
            if sum(1 for a in inner.iterancestors(qn("w:txbxContent"))) != depth + 1:
                continue  # a paragraph of a box inside this box: read with that box
            lines.extend(_text_box_lines(inner, depth + 1))
            text = "".join(run.text for run in etree._Element.xpath(
                inner, _BOX_RUNS, namespaces=namespaces, depth=depth + 1))
            if text.strip():
                lines.append(text)
    return lines


#: A run set apart from the figure beside it: raised or lowered (a note mark "43¹") or struck
#: through (an old figure left beside the new one); w:val "0"/"false"/"off" turns it off.
_APART = ("w:rPr/w:vertAlign[@w:val = 'superscript' or @w:val = 'subscript']"
          " | w:rPr/w:strike[not(@w:val) or not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')]"
          " | w:rPr/w:dstrike[not(@w:val) or not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')]")


_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


def _cell_paragraph_text(p) -> str:
    """A cell's w:p as :func:`_paragraph_text`, with a raised, lowered or struck stretch set
    apart by spaces: joined, a note mark "1" after "43" read 431, and "3" struck before "2"
    read 32; apart, the cell is no plausible number and is reported. Runs formatted alike
    stay joined (Word splits a figure into runs at will: a raised "1", "2" is 12)."""
    parts: list[str] = []
    last: tuple[str, ...] = ()
    for run in p.xpath(_RUNS):
        kind = tuple(sorted(el.tag + (el.get(_VAL) or "") for el in run.xpath(_APART)))
        if kind != last:
            parts.append(" ")
        parts.append(run.text)
        last = kind
    return "".join(parts)


def _cell_text(tc) -> str:
    """A w:tc's paragraphs (and nested tables) as one line, whitespace collapsed."""
    from docx.oxml.ns import qn

    text = " ".join(_cell_paragraph_text(p) for p in tc.iter(qn("w:p")))
    return _WS.sub(" ", text).strip()


_MAX_SPAN = 64  # grid columns of one cell or gap (表四 has 15)
#: Characters a document's merged cells may add in all by repeating (each place a w:gridSpan
#: or a w:vMerge continuation repeats: its text and a TAB; a w:gridBefore gap: a TAB a
#: column): real merged labels add a few thousand; 1,000 rows continuing a merge of a
#: 3,000-character cell over 64 columns gave 192 MB of text from a 37 KB file.
_MAX_COPIED = 1_000_000


def _int(el, qn, default: int) -> int:
    """The w:val of ``el`` as an int in 0…_MAX_SPAN, or ``default``."""
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(qn("w:val"), default)), _MAX_SPAN))
    except ValueError:
        return default


def _row_cells(tr, qn, tag: str = "w:tc"):
    """The w:tc of a w:tr, also those wrapped in content controls or custom XML (with
    ``tag`` "w:tr": the rows of a w:tbl, a repeating section's rows wrapped alike)."""
    for child in tr:
        if child.tag == qn(tag):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            inner = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if inner is not None:
                yield from _row_cells(inner, qn, tag)


def _spanned_cells(tr, qn):
    """(w:tc, grid columns it spans) of a w:tr: w:gridSpan, or the legacy horizontal merge
    some converters write instead (w:hMerge "restart" and the empty "continue" cells after
    it, which Word shows as one cell): read as separate cells, a figure merged over two
    columns was the first column's."""
    cells: list[list] = []
    for tc in _row_cells(tr, qn):
        pr = tc.find(qn("w:tcPr"))
        span = 1 if pr is None else max(1, _int(pr.find(qn("w:gridSpan")), qn, 1))
        hmerge = None if pr is None else pr.find(qn("w:hMerge"))
        if (hmerge is not None and hmerge.get(qn("w:val"), "continue") == "continue"
                and cells and cells[-1][2]):
            cells[-1][1] = min(cells[-1][1] + span, _MAX_SPAN)
            continue
        cells.append([tc, span, hmerge is not None])
    return [(tc, span) for tc, span, _ in cells]


def _table_rows(tbl, budget: list[int] | None = None) -> list[list[str]]:
    """A w:tbl's rows as lists of cell texts on the table grid, read from the XML.

    A cell spanning columns (w:gridSpan) is repeated in each (a value beside other values
    only once: :func:`~nlp_reports.ingest.normalize.unrepeat_values`); one continuing a
    vertical merge (w:vMerge) repeats the text above, like a row label spanning rows in the
    HTML grids;
    grid columns a row skips before its first cell (w:gridBefore) are empty places, so the
    cells after them keep their columns. A row missing cells at its end stays short.
    python-docx's ``row.cells`` drops the skipped columns (the row slides left) and refuses
    a merge continuing from a place with no cell above (the whole file then fails).
    ``budget``: ``[characters]`` the document's repeats may still add (:data:`_MAX_COPIED`),
    shared by its tables; past it a cell takes one place and a continuation is left empty.
    """
    from docx.oxml.ns import qn

    if budget is None:
        budget = [_MAX_COPIED]
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    started: dict[int, int] = {}  # column → the row its vertical merge started in
    merged: set[tuple[int, int]] = set()  # (row, column) of a figure merged over rows
    label_spans: set[tuple[int, int]] = set()  # (column, columns) of labels spanning columns
    for tr in _row_cells(tbl, qn, "w:tr"):
        col = _int(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), qn, 0)
        col = col if col <= budget[0] else 0
        budget[0] -= col
        row: dict[int, str] = {}
        copies: list[int] = []  # columns repeating a value that spans columns
        spans: list[tuple[int, int]] = []  # (column, columns) of values spanning columns
        for tc, span in _spanned_cells(tr, qn):
            pr = tc.find(qn("w:tcPr"))
            merge = None
            if pr is not None:
                vmerge = pr.find(qn("w:vMerge"))
                if vmerge is not None:
                    merge = vmerge.get(qn("w:val"), "continue")
            text = above.get(col, "") if merge == "continue" else _cell_text(tc)
            if merge == "continue" and merged_rows_value(text) != text and col in started:
                merged.update({(started[col], col), (len(rows), col)})
            elif merge is not None:
                started[col] = len(rows)
            if span > 1:
                (spans.append((col, span)) if is_value_cell(text) else label_spans.add((col, span)))
            col += place_cell(row, copies, col, span, text, merge == "continue", budget)
        unrepeat_values(row, copies)
        mark_merged_columns(row, spans, label_spans)  # a figure over columns: no column's
        above = row
        rows.append([row.get(c, "") for c in range(max(row) + 1)] if row else [])
    for r, c in merged:  # a figure over several rows is no row's (MERGED_ROWS_MARK)
        if c < len(rows[r]):
            rows[r][c] = merged_rows_value(rows[r][c])
    return rows


def place_cell(row: dict[int, str], copies: list[int], col: int, span: int, text: str,
               continuing: bool, budget: list[int]) -> int:
    """Put a cell's ``text`` in grid columns ``col`` … ``col + span - 1`` of ``row`` (the
    .docx and .doc readers' tables): the columns after a value's first go to ``copies``
    (:func:`~nlp_reports.ingest.normalize.unrepeat_values`); what the repeat adds (a
    vertical-merge ``continuing`` repeats the text above once more) is taken from
    ``budget``, and past it the cell takes one place (a continuation left empty).
    Returns the columns taken."""
    copied = (span - 1) * (len(text) + 1) + (len(text) if continuing else 0)
    if copied > budget[0]:  # absurd merges (a bomb): the cell alone, once
        span, text = 1, "" if continuing else text
    else:
        budget[0] -= copied
    for k in range(span):
        row[col + k] = text
    if span > 1 and is_value_cell(text):
        copies.extend(range(col + 1, col + span))
    return span


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's lines in the text (the .docx and .doc readers): its rows with cells joined
    by TAB, blank columns and rows left out, a blank line before and after."""
    out = ["\t".join(c) for c in drop_blank_columns(rows) if any(c)]
    return ["", *out, ""] if out else []


_CN_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _chinese_number(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (counting style used by 一、二、 headings)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else (ten if tens == 1 and ten == "十" else digits[tens] + ten)
    return head + (digits[ones] if ones else "")


#: Counters written in letters (a … z, aa … zz, up to 30 of a letter) or Roman numerals (up
#: to 100 "m"s) at most; beyond, in digits: a w:start of 10**10 wrote a 0.4 GB label in
#: letters, and 10**9 a million "m"s, added one at a time.
_MAX_LETTERED = 26 * 30
_MAX_ROMAN = 100_000


def _format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in the Word number format ``fmt`` (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return _chinese_number(n, _LEGAL_DIGITS, "拾")
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if 0 < n <= len(_TIANGAN) else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 0 < n <= len(_PAREN) else f"({n})"
    if fmt in ("lowerLetter", "upperLetter") and n <= _MAX_LETTERED:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and n < _MAX_ROMAN:
        out, rest = "", n
        for value, sym in _ROMAN:
            while rest >= value:
                out, rest = out + sym, rest - value
        return out if fmt == "lowerRoman" else out.upper()
    if fmt in ("bullet", "none"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, decimalFullWidth (normalized later) and the rest


class _Numbering:
    """Word's automatic paragraph numbering (自动编号), rendered as text.

    "一、总体情况" typed with Word's numbering keeps only "总体情况" in the XML; the
    label is rebuilt here from numbering.xml (w:num → w:abstractNum → w:lvl) with one
    counter per list, so headings and （一） items keep their numbers.
    """

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → levels
        self._abstract_of: dict[str, str] = {}
        self._counters: dict[str, list[int]] = {}
        self._style_numpr: dict[str, tuple[str, int] | None] = {}
        # (numId, ilvl) whose w:lvlOverride/w:startOverride restarts the count ("重新开始编号"
        # makes a new w:num on the same w:abstractNum), until the list's first paragraph
        self._restarts: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        links: dict[str, str] = {}  # abstractNumId → the numbering style it takes its levels from
        for an in root.findall(qn("w:abstractNum")):
            aid = an.get(qn("w:abstractNumId"))
            abstract[aid] = self._read_levels(an)
            link = an.find(qn("w:numStyleLink"))
            if link is not None and not abstract[aid]:
                links[aid] = link.get(qn("w:val"))
        nums = root.findall(qn("w:num"))
        abstract_of_num: dict[str | None, str | None] = {}
        for num in nums:
            ref = num.find(qn("w:abstractNumId"))
            abstract_of_num[num.get(qn("w:numId"))] = (ref.get(qn("w:val")) if ref is not None
                                                       else None)
        # a list that uses a numbering style (w:numStyleLink, as multilevel list styles and
        # 公文 templates do) has no levels of its own: they are those of the list the style
        # numbers with, whose count it shares
        alias: dict[str, str] = {}
        if links:
            styles = _style_elements(document)
            for aid, style_id in links.items():
                el = styles.get(style_id)
                ref = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}") \
                    if el is not None else None
                target = abstract_of_num.get(ref.get(qn("w:val"))) if ref is not None else None
                if target is not None and target != aid and abstract.get(target):
                    abstract[aid] = abstract[target]
                    alias[aid] = target
        for num in nums:
            num_id = num.get(qn("w:numId"))
            aid = abstract_of_num.get(num_id)
            levels = dict(abstract.get(aid, {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels.update(self._read_levels(override))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(qn("w:val"), "1")), fmt, text)
                    self._restarts.add((num_id, ilvl))
            self._levels[num_id] = levels
            self._abstract_of[num_id] = alias.get(aid, aid) if aid else num_id

    def _read_levels(self, parent) -> dict[int, tuple[int, str, str]]:
        qn = self._qn
        levels = {}
        for lvl in parent.findall(qn("w:lvl")):
            def val(tag: str, default: str, lvl=lvl) -> str:
                el = lvl.find(qn(tag))
                return el.get(qn("w:val"), default) if el is not None else default
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                int(val("w:start", "1")), val("w:numFmt", "decimal"), val("w:lvlText", ""))
        return levels

    def _own_numpr(self, el) -> tuple[str, int] | None:
        """(numId, ilvl) of the w:numPr in the w:pPr of a paragraph or style ``el``, or
        None when it names no list."""
        qn = self._qn
        numpr = el.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = numpr.find(qn("w:numId")) if numpr is not None else None
        if num_id is None:
            return None
        ilvl = numpr.find(qn("w:ilvl"))
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0

    def _numpr(self, p, styles) -> tuple[str, int] | None:
        """(numId, ilvl) of paragraph ``p``: its own, else its style's."""
        found = self._own_numpr(p)
        if found is not None:
            return found
        qn = self._qn
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return self._style(style.get(qn("w:val")), styles) if style is not None else None

    def _style(self, style_id: str, styles, depth: int = 0) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style numbers with, its own or a base style's."""
        if style_id in self._style_numpr or depth > 10:
            return self._style_numpr.get(style_id)
        qn = self._qn
        found = None
        el = styles.get(style_id)
        if el is not None:
            found = self._own_numpr(el)
            if found is None:
                based = el.find(qn("w:basedOn"))
                if based is not None:
                    found = self._style(based.get(qn("w:val")), styles, depth + 1)
        self._style_numpr[style_id] = found
        return found

    def label(self, p, styles) -> str:
        """The number label of paragraph element ``p`` ("一、", "(二)", "1." …) or ""."""
        if not self._levels:
            return ""
        found = self._numpr(p, styles)
        if not found or found[0] in (None, "0") or found[0] not in self._levels:
            return ""
        num_id, ilvl = found
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        key = self._abstract_of[num_id]
        counters = self._counters.setdefault(key, [0] * 10)
        ilvl = min(ilvl, 9)
        if (num_id, ilvl) in self._restarts:  # the first item of a restarted list
            self._restarts.discard((num_id, ilvl))
            counters[ilvl] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl][0]
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels or not 0 <= k <= 9:
                return ""
            return _format_number(counters[k] or levels[k][0], levels[k][1])

        return re.sub(r"%(\d)", number, text)


def _block_items(document, paragraph_cls, table_cls):
    """Paragraphs and tables of the body, in order; content controls (w:sdt) and custom XML
    elements (w:customXml: a tagged block, whose table was lost with its paragraphs) are
    opened, and so are layout tables (:func:`_is_layout_table`), whose cells are read as
    body text; a w:altChunk element is yielded as it is (:func:`_alt_chunk_lines`)."""
    from docx.oxml.ns import qn

    p_tag, tbl_tag, sdt_tag, content_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    chunk_tag, custom_tag = qn("w:altChunk"), qn("w:customXml")
    parent = document._body
    stack = [iter(document.element.body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == p_tag:
            yield paragraph_cls(child, parent)
        elif child.tag == tbl_tag:
            if _is_layout_table(child):
                stack.append(_cell_blocks(child))
            else:
                yield table_cls(child, parent)
        elif child.tag == sdt_tag:
            content = child.find(content_tag)
            if content is not None:
                stack.append(iter(content))
        elif child.tag == custom_tag:
            stack.append(iter(child))
        elif child.tag == chunk_tag:
            yield child


def _alt_chunk_lines(document, chunk, path: str | None) -> list[str]:
    """The text of a w:altChunk: a part (HTML, MHT web archive or plain text) that Word
    imports when it opens the file; .docx files written from web editors (html-docx-js and
    the like) hold the whole report this way and no w:p at all."""
    from docx.oxml.ns import qn

    rel = document.part.rels.get(chunk.get(qn("r:id")))
    if rel is None or rel.is_external:
        return []
    part = rel.target_part
    kind = (part.content_type or "").lower()
    data = part.blob
    is_archive = ("rfc822" in kind or "multipart" in kind
                  or data[:200].lower().find(b"mime-version") >= 0)
    try:
        if is_archive:  # read as a .mht file is (page part, its charset, parse errors)
            from nlp_reports.ingest.mhtml import mhtml_to_text

            return mhtml_to_text(data, path=path)[0].split("\n")
        if "html" in kind or "xml" in kind:
            from nlp_reports.ingest.html import decode_html, html_to_text

            markup, _ = decode_html(data, path=path)
            return html_to_text(markup, path=path).split("\n")
        if kind.startswith("text/"):
            from nlp_reports.ingest.encoding import decode_bytes

            return decode_bytes(data, path=path)[0].splitlines()
    except ParseError as exc:  # an empty or undecodable chunk: the rest may still be read
        log.warning("%s: an imported part (w:altChunk) could not be read: %s",
                    path or "<docx>", exc.args[0] if exc.args else exc)
    return []  # (an embedded .docx or RTF chunk is not read)


#: More text than any cell of the statistical tables holds (表三's longest label has ~40
#: characters): a cell holding the report itself.
_LAYOUT_CELL_CHARS = 300


def _is_layout_table(tbl) -> bool:
    """Whether w:tbl ``tbl`` lays out the page rather than holding data: one cell only (the
    whole report put in a box), a cell of report-length text, or a cell holding paragraphs
    of text beside a nested table (a value split into a small nested table is data). Read
    row by row, such a table would put the whole report on one line."""
    from docx.oxml.ns import qn

    tc_tag, p_tag, tbl_tag = qn("w:tc"), qn("w:p"), qn("w:tbl")
    cells = [tc for tr in tbl.iterchildren(qn("w:tr")) for tc in tr.iterchildren(tc_tag)]
    return len(cells) == 1 or any(
        is_layout_cell([len(_paragraph_text(p).strip()) for p in tc.iterchildren(p_tag)],
                       tc.find(tbl_tag) is not None)
        for tc in cells)


def is_layout_cell(own: list[int], has_table: bool) -> bool:
    """Whether a table cell whose own paragraphs (not a nested table's) have ``own``
    lengths lays out the page: report-length text, or paragraphs of text beside a nested
    table. Shared by the .docx and .doc readers."""
    chars = sum(own)
    return chars > _LAYOUT_CELL_CHARS or (
        chars > 60 and sum(1 for n in own if n) >= 2 and has_table)


def _cell_blocks(tbl):
    """The block elements (w:p, w:tbl, w:sdt) of a layout table's cells, row by row."""
    from docx.oxml.ns import qn

    for tr in tbl.iterchildren(qn("w:tr")):
        for tc in tr.iterchildren(qn("w:tc")):
            yield from (c for c in tc if c.tag != qn("w:tcPr"))


def _style_elements(document) -> dict:
    """Paragraph style id → its w:style element (for numbering set on a style)."""
    from docx.oxml.ns import qn

    try:
        root = document.styles.element
    except (KeyError, AttributeError):
        return {}
    return {el.get(qn("w:styleId")): el for el in root.findall(qn("w:style"))}


#: Members that are not read as XML (pictures, fonts, embedded objects): not counted.
_BINARY_PART = re.compile(r"^word/(?:media|embeddings|fonts)/|\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|bin)$",
                          re.IGNORECASE)


def docx_to_text(data: bytes, *, path: str | None = None, max_bytes: int = 50 * 2**20) -> str:
    """Extract the text of a .docx file (not yet normalized).

    The XML parts' uncompressed sizes (as the zip declares them, which reading never
    exceeds) must stay within ``max_bytes``: a 200 KB zip bomb is refused before parsing.
    """
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise MissingDependencyError("python-docx", "docx", "Reading .docx files") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist()
                           if not _BINARY_PART.search(i.filename))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError) as exc:  # (a flipped version byte: "zip file version 8.4")
        raise BinaryInputError(
            f"not a readable .docx (corrupt or truncated zip: {exc}); re-download the file or "
            "open and re-save it in Word/LibreOffice", path=path) from exc
    if "word/document.xml" not in names:
        raise UnsupportedFormatError(
            "a zip archive without word/document.xml, so not a .docx; unpack it and read the "
            "files inside", path=path)
    if unpacked > max_bytes:
        raise InputTooLargeError(
            f"the .docx unpacks to {unpacked / 2**20:.0f} MB of XML, over the "
            f"{max_bytes / 2**20:.0f} MB limit (a zip bomb?); the commands keep the limit, in "
            "Python read it anyway with load_report(nlp_reports.ingest.read_document(path, "
            "max_bytes=N).text)", path=path)
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        styles = _style_elements(document)
        has_boxes = document.element.find(".//" + qn("w:txbxContent")) is not None
        has_pictures = document.element.find(f".//{{{_PIC}}}pic") is not None or (
            document.element.find(f".//{{{_VML}}}imagedata") is not None)
        has_deleted_marks = document.element.find(
            f".//{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
        joined = ""  # the text of paragraphs whose mark was deleted: run into the next
        joined_label = ""  # the number of the first of them (numbered or not, Word shows one)
        lines: list[str] = []
        budget = [_MAX_COPIED]  # (what the tables' merged cells may still repeat: _table_rows)
        for item in _block_items(document, Paragraph, Table):
            if joined and not isinstance(item, Paragraph):  # no paragraph to run into
                lines.append(joined_label + joined)
                joined = joined_label = ""
            if not isinstance(item, (Paragraph, Table)):  # a w:altChunk
                lines.extend(_alt_chunk_lines(document, item, path))
                continue
            if isinstance(item, Paragraph):
                if has_boxes:
                    lines.extend(_text_box_lines(item._p))
                if has_deleted_marks and _mark_deleted(item._p):
                    text = _paragraph_text(item._p)
                    if text.strip():  # (a paragraph deleted whole is gone, its number too)
                        if not joined:
                            joined_label = numbering.label(item._p, styles)
                        joined += text
                    continue  # (its pictures are in no table pasted as one)
                lines.append((joined_label or numbering.label(item._p, styles)) + joined
                             + _paragraph_text(item._p))
                joined = joined_label = ""
                if has_pictures and _has_picture(item._p):
                    lines.append(IMAGE_MARK)  # a table pasted as a picture: unreadable
                continue
            lines.extend(table_lines(_table_rows(item._tbl, budget)))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, IndexError, AttributeError,
            EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise BinaryInputError(f"corrupt .docx ({type(exc).__name__}: {exc}); open and re-save "
                               "it in Word/LibreOffice", path=path) from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and python-docx's own errors
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise BinaryInputError(f"corrupt .docx ({type(exc).__name__}: {exc})",
                                   path=path) from exc
        raise
    if joined:
        lines.append(joined_label + joined)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
