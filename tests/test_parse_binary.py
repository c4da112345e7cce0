"""The .docx and .pdf variants (built by fixtures/reports/make_binary.py) parse like their text twins."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


@pytest.mark.parametrize(("binary", "twin", "extra"), [
    ("city_2023_flat.docx", "city_2023_flat.txt", "docx"),
    ("county_2022_aligned.pdf", "county_2022_aligned.txt", "pdfplumber"),
])
def test_binary_variant_matches_its_text_twin(binary, twin, extra):
    pytest.importorskip(extra)
    got = load_report(FIXTURES / binary)
    want = load_report(FIXTURES / twin)
    assert got.metadata.source_format == binary.rsplit(".", 1)[1]
    for key in ("title", "agency", "year", "level", "region", "published", "format"):
        assert getattr(got.metadata, key) == getattr(want.metadata, key), key
    assert [(s.number, s.title) for s in got.sections] == [(s.number, s.title) for s in want.sections]
    assert got.statements == want.statements
    assert got.section(5).text.replace("\n", "") == want.section(5).text.replace("\n", "")
    t3, w3 = got.table("table3"), want.table("table3")
    assert t3 is not None and t3.values == w3.values
    assert sorted((c.id, c.row, c.column, c.outcome) for c in got.checks if c.outcome == "fail") \
        == sorted((c.id, c.row, c.column, c.outcome) for c in want.checks if c.outcome == "fail")
