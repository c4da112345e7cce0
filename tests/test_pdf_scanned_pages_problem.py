"""A PDF whose first page is typed and whose other pages are scans without a text layer (the
cover and 总体情况 typed, the tables photographed): the report's errors named only the
sections not found, and only a log warning said why. A ``scanned_pages`` problem now names
the pages, in English in the report and in Chinese in the audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pdf_drawing import report_pdf

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")
pytest.importorskip("PIL")


_TYPED = ((14, "望江镇人民政府2022年政府信息公开工作年度报告"), (11, "一、总体情况"),
          (10, "2022年，我镇按照条例要求，通过政务公开栏和县政府网站公开惠民资金发放情况。"),
          (11, "二、主动公开政府信息情况"),
          (10, "本年主动公开文件12件，其中规范性文件1件，详见下表。"))


def _pdf(tmp_path: Path, scanned: int) -> Path:
    """A township office's report: page 1 typed (title, sections 一 and 二), then
    ``scanned`` pages each one photographed sheet (an image over the whole page)."""
    return report_pdf(tmp_path / "report.pdf", [_TYPED, *[None] * scanned], left=50, top=60,
                      leading=14, sheet=(235, 30, 22))


def test_scanned_pages_named_first_among_errors(tmp_path: Path) -> None:
    report = load_report(_pdf(tmp_path, 3))
    errors = report.to_dict()["errors"]
    assert errors[0]["code"] == "scanned_pages"
    assert errors[0]["message"].startswith("page(s) 2–4 of the PDF are scanned images")
    assert "missing_section" in {e["code"] for e in errors}  # (still said: what is missing)
    zh = problem_zh(errors[0]["code"], errors[0]["message"])
    assert zh.startswith("PDF的第2–4页是扫描图片，没有文字层")


def test_one_scanned_page_and_a_typed_pdf(tmp_path: Path) -> None:
    errors = load_report(_pdf(tmp_path, 1)).to_dict()["errors"]
    assert [e["message"][:26] for e in errors if e["code"] == "scanned_pages"] == [
        "page(s) 2 of the PDF are s"]
    typed = load_report(_pdf(tmp_path, 0)).to_dict()["errors"]
    assert "scanned_pages" not in {e["code"] for e in typed}
