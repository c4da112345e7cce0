"""A PDF whose fonts map to no Unicode is told to be OCRed, not re-saved as text."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_pdf_with_unmapped_fonts_is_told_to_be_ocred_not_resaved_as_txt():
    """A WPS-style PDF whose fonts map its glyphs to private-use code points is refused as
    undecodable; the audit's Chinese sentence was the text-file one (请用记事本另存为UTF-8编码的
    .txt文件), which sends a reviewer the wrong way: it now names the fonts and OCR."""
    pytest.importorskip("pdfplumber")
    from nlp_reports.corpus.audit import failure_zh
    from nlp_reports.errors import DecodingError
    from nlp_reports.ingest import read_document

    with pytest.raises(DecodingError) as err:
        read_document(FIXTURES / "redteam18" / "w18_pua_heavy.pdf")
    said = failure_zh(f"{err.value.reason}: {err.value}")
    assert "字符映射" in said and "OCR" in said and "ocrmypdf" in said
    assert "记事本" not in said
    # a text file of an unknown encoding keeps its own advice
    assert "记事本" in failure_zh("undecodable: no encoding reads the file")
