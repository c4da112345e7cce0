"""Word .docx reports → text (extra ``docx``: python-docx).

Paragraphs and tables come out in document order, interleaved as in the file: the body's
``w:p`` and ``w:tbl`` children are walked in turn. A table becomes one line per row with
cells joined by TAB; python-docx repeats a merged cell's text in every grid position it
covers, so a row label spanning rows repeats, like the HTML grids.
"""

from __future__ import annotations

import io
import re
import zipfile

from nlp_reports.errors import BinaryInputError, MissingDependencyError, UnsupportedFormatError

__all__ = ["docx_to_text"]

_WS = re.compile(r"\s+")


_RUNS = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"


def _paragraph_text(p) -> str:
    """A w:p's text, including runs python-docx skips (tracked insertions, smart tags, fields)."""
    return "".join(run.text for run in p.xpath(_RUNS))


def _cell_text(cell) -> str:
    """A cell's paragraphs (and nested tables) as one line, whitespace collapsed."""
    from docx.oxml.ns import qn

    text = " ".join(_paragraph_text(p) for p in cell._tc.iter(qn("w:p")))
    return _WS.sub(" ", text).strip()


def _block_items(document, paragraph_cls, table_cls):
    """Paragraphs and tables of the body, in order; content controls (w:sdt) are opened."""
    from docx.oxml.ns import qn

    p_tag, tbl_tag, sdt_tag, content_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
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
            yield table_cls(child, parent)
        elif child.tag == sdt_tag:
            content = child.find(content_tag)
            if content is not None:
                stack.append(iter(content))


def docx_to_text(data: bytes, *, path: str | None = None) -> str:
    """Extract the text of a .docx file (not yet normalized)."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise MissingDependencyError("python-docx", "docx", "Reading .docx files") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BinaryInputError(
            f"not a readable .docx (corrupt or truncated zip: {exc}); re-download the file or "
            "open and re-save it in Word/LibreOffice", path=path) from exc
    if "word/document.xml" not in names:
        raise UnsupportedFormatError(
            "a zip archive without word/document.xml, so not a .docx; unpack it and read the "
            "files inside", path=path)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for item in _block_items(document, Paragraph, Table):
            if isinstance(item, Paragraph):
                lines.append(_paragraph_text(item._p))
                continue
            rows = []
            for row in item.rows:
                cells = [_cell_text(cell) for cell in row.cells]
                if any(cells):
                    rows.append("\t".join(cells))
            if rows:
                lines.extend(["", *rows, ""])
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, IndexError,
            AttributeError) as exc:
        raise BinaryInputError(f"corrupt .docx ({type(exc).__name__}: {exc}); open and re-save "
                               "it in Word/LibreOffice", path=path) from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and python-docx's own errors
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise BinaryInputError(f"corrupt .docx ({type(exc).__name__}: {exc})",
                                   path=path) from exc
        raise
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
