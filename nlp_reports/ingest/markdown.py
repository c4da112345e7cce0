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
#: An embedded HTML table (MinerU writes each on one line; pandoc over several).
_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
#: A line that is only an image ("![](images/3f9c.jpg)") or an image placeholder comment
#: ("<!-- image -->", docling).
_IMAGE_LINE = re.compile(r"(?m)^[ \t]*(?:!\[[^\]\n]*\]\([^)\n]*\)|<!--[^\n]*?-->)[ \t]*$\n?")
#: An image inside a line: dropped.
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
#: A footnote's definition ("[^1]: 数据统计口径…"), with its indented continuation lines.
_FOOTNOTE_DEF = re.compile(r"(?m)^\[\^[^\]\n]{1,20}\]:[^\n]*(?:\n(?:    |\t)[^\n]*)*\n?")
#: A footnote's reference in the text ("…1962条[^1]。").
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]{1,20}\]")
#: A link "[text](url)" → its text.
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^)\n]*)\)")
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
    if "<" in text and _TABLE.search(text):
        text = _TABLE.sub(_table_lines, text)
    if "!" in text or "<!--" in text:
        text = _IMAGE_LINE.sub("", text)
        text = _IMAGE.sub("", text)
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


def _table_lines(m: re.Match[str]) -> str:
    """One embedded table's rows as TAB-separated lines (the web-page reader's grid)."""
    import lxml.html

    from nlp_reports.ingest.html import _table_rows

    try:
        table = lxml.html.fragment_fromstring(m.group(), create_parent=False)
    except Exception:  # (lxml's ParserError, or a table no parser makes sense of)
        return m.group()
    if table.tag != "table":
        found = table.find(".//table")
        if found is None:
            return m.group()
        table = found
    rows = _table_rows(table)
    return "\n" + "\n".join("\t".join(row) for row in rows) + "\n"
