"""Markdown as conversion tools leave a report (pandoc, markitdown, docling, MinerU) → text.

Researchers often convert their downloads before they find us: ``pandoc -t markdown`` of a
.docx, markitdown or docling of a PDF, MinerU's PDF → Markdown. The report is all there,
but wrapped in markup that the text reader took for the report's words: pandoc's
backslash escapes ("1\\." for an item "1.", so no marker was found), footnote definitions
read as statements of a last section, image lines, and MinerU's/pandoc's HTML ``<table>``
embedded in the Markdown, which made the whole file read as a web page (title, agency and
the first sections lost: a page's line breaks are no breaks). Pipe tables (``| a | b |``)
and grid tables (``+---+``) need nothing here: the table and statement readers take their
``|`` rows, and ``**bold**`` / ``# heading`` marks are dropped by normalization.

Used on .md/.markdown files, and on a .txt holding these marks (a converter's output saved
under .txt): :func:`has_markup`.
"""

from __future__ import annotations

import re

#: pandoc's escape of an item number or a star ("1\\.", "\\*"), looked for only in a text
#: holding a backslash (every .txt is tested: plain substring tests first, ~1 µs a report).
_ESCAPE_HINT = re.compile(r"\\[.*()\[\]#_`>|-]")
#: An embedded HTML table (MinerU writes each on one line; pandoc over several): its start
#: and its end, found apart (:func:`_tables`): a lazy ``<table.*?</table>`` scanned the
#: rest of the text from every ``<table`` never closed (20,000 of them: minutes).
_TABLE_START = re.compile(r"<table\b", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
#: An image's or a link's "[text](target)": neither part holds a bracket (a part that ran
#: over the next "[" or "(" made every "![" or "[" of a line scan the line's rest: 100,000
#: on a line never ended).
_TARGET = r"\[([^\[\]\n]*)\]\([^()\[\]\n]*\)"
#: A comment on one line, ending at its first "-->".
_COMMENT = r"<!--(?:(?!-->)[^\n])*+-->"
#: A line that is only an image ("![](images/3f9c.jpg)") or image placeholder comments
#: ("<!-- image -->", docling). (A comment ran to a line's last "-->": the text of a line
#: between two placeholders, "<!-- image -->…<!-- image -->", went with them.)
_IMAGE_LINE = re.compile(rf"(?m)^[ \t]*(?:!{_TARGET}|{_COMMENT}(?:[ \t]*+{_COMMENT})*+)[ \t]*$\n?")
#: An image inside a line: dropped.
_IMAGE = re.compile(rf"!{_TARGET}")
#: A footnote's definition ("[^1]: 数据统计口径…"), with its indented continuation lines.
_FOOTNOTE_DEF = re.compile(r"(?m)^\[\^[^\]\n]{1,20}\]:[^\n]*(?:\n(?:    |\t)[^\n]*)*\n?")
#: A footnote's reference in the text ("…1962条[^1]。").
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]{1,20}\]")
#: A link "[text](url)" → its text.
_LINK = re.compile(_TARGET)
#: pandoc's backslash escapes of ASCII punctuation ("1\\.", "\\*", "\\(").
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: A grid table's rule lines ("+----+----+", "+====+").
_GRID_RULE = re.compile(r"(?m)^[ \t]*\+(?:[-=:]+\+)+[ \t]*$\n?")
#: A <br> left outside a table (docling/MinerU in a paragraph).
_BR = re.compile(r"<br\s*/?>", re.I)


def has_markup(text: str) -> bool:
    """Whether ``text`` holds a converter's Markdown marks this module removes."""
    # (one-character tests first: a character search is several times faster than a word's)
    if "<" in text and ("<table" in text or "<TABLE" in text):
        return True
    if "[" in text and ("![" in text or "[^" in text):
        return True
    return "\\" in text and _ESCAPE_HINT.search(text) is not None


def markdown_to_text(text: str) -> str:
    """``text`` with a converter's Markdown marks removed and its HTML tables as TAB rows.

    Each embedded ``<table>`` becomes its rows, one a line, cells TAB-separated with
    rowspan/colspan expanded as the web-page reader does; images, footnote definitions and
    references, link targets and grid-table rules are dropped; backslash escapes are undone.
    Pipe rows are kept for the table and statement readers."""
    if "<" in text:
        text = _tables(text)
    if "!" in text or "<!--" in text:
        text = _IMAGE_LINE.sub("", text)
        text = _IMAGE.sub("", text)
        if "<!--" in text:
            text = _without_comments(text)
    if "[^" in text:
        text = _FOOTNOTE_DEF.sub("", text)
        text = _FOOTNOTE_REF.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "+" in text:
        text = _GRID_RULE.sub("", text)
    if "<" in text:
        text = _BR.sub("\n", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


def _without_comments(text: str) -> str:
    """``text`` without the comments inside its lines ("<!-- image -->" beside text), each
    from "<!--" to the first "-->" on its line; one never closed on its line stays. Found by
    str.find: a pattern scanned the line's rest from every "<!--" of a line never closed
    (100,000 of them: minutes)."""
    out, pos, nl = [], 0, -1
    while (a := text.find("<!--", pos)) >= 0:
        if a > nl:  # (the line's end found once a line, not once a comment)
            nl = text.find("\n", a)
            if nl < 0:
                nl = len(text)
        b = text.find("-->", a + 4, nl)
        if b < 0:  # (none closes on this line: the next "<!--" is looked for on the next)
            out.append(text[pos:nl])
            pos = nl
            continue
        out.append(text[pos:a])
        pos = b + 3
    out.append(text[pos:])
    return "".join(out)


def _tables(text: str) -> str:
    """``text`` with each embedded ``<table …</table>`` (from a start to the first end after
    it) as its rows (:func:`_table_lines`). Linear: once no end follows a start, none follows
    a later one, and the search stops; a table never closed stays as written."""
    out, pos = [], 0
    for start in _TABLE_START.finditer(text):
        if start.start() < pos:
            continue  # (a table inside the one just read)
        end = _TABLE_END.search(text, start.end())
        if end is None:
            break
        out += [text[pos:start.start()], _table_lines(text[start.start():end.end()])]
        pos = end.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _table_lines(html: str) -> str:
    """One embedded table's rows as TAB-separated lines (the web-page reader's grid)."""
    import lxml.html

    from nlp_reports.ingest.html import _table_rows, few_attributes

    try:  # (few attributes: libxml2 is quadratic in one tag's attributes)
        table = lxml.html.fragment_fromstring(few_attributes(html), create_parent=False)
    except Exception:  # (lxml's ParserError, or a table no parser makes sense of)
        return html
    if table.tag != "table":
        found = table.find(".//table")
        if found is None:
            return html
        table = found
    rows = _table_rows(table)
    return "\n" + "\n".join("\t".join(row) for row in rows) + "\n"
