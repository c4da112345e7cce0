"""An OFD whose pages are partly scans without a text layer (typed pages, then a photographed
table sheet): the OFD reader knew which pages and only logged a warning; the report's errors
now name them first with the ``scanned_pages`` problem a PDF gets, in English in the report
and in Chinese in the audit. An OFD of scans only is still refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh
from nlp_reports.errors import NotAReportError

HERE = Path(__file__).parent / "fixtures" / "ofd16"
_SCAN_PAGE = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
              '<ofd:Content><ofd:Layer ID="{id}"><ofd:ImageObject ID="{img}" Boundary="0 0 210 297" '
              'ResourceID="9" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content></ofd:Page>')


def _with_scans(after: int, count: int) -> bytes:
    """The district 民政局's typed OFD report with ``count`` photographed pages put in after
    its page ``after`` (from 1), as a scanner's sheets are inserted by an OFD editor."""
    src = zipfile.ZipFile(HERE / "qingshan_2023_suwell.ofd")
    doc = src.read("Doc_0/Document.xml").decode("utf-8")
    refs = re.findall(r'<ofd:Page ID="\d+" BaseLoc="[^"]+"/>', doc)
    new = [f'<ofd:Page ID="{900 + k}" BaseLoc="Pages/Scan_{k}/Content.xml"/>' for k in range(count)]
    doc = doc.replace("".join(refs), "".join(refs[:after] + new + refs[after:]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            out.writestr(name, doc if name == "Doc_0/Document.xml" else src.read(name))
        for k in range(count):
            out.writestr(f"Doc_0/Pages/Scan_{k}/Content.xml", _SCAN_PAGE.format(id=950 + k, img=970 + k))
            out.writestr(f"Doc_0/Res/scan_{k}.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    return buf.getvalue()


def test_scanned_pages_of_an_ofd_named_first_among_errors():
    report = load_report(_with_scans(1, 2), filename="qingshan_2023.ofd")
    errors = report.to_dict()["errors"]
    assert errors[0]["code"] == "scanned_pages"
    assert errors[0]["message"].startswith("page(s) 2–3 of the OFD are scanned images without a text layer")
    assert "OCR" in errors[0]["message"]
    assert problem_zh(errors[0]["code"], errors[0]["message"]).startswith("OFD的第2–3页是扫描图片，没有文字层")
    # the typed pages are read as before
    assert report.metadata.source_format == "ofd"
    assert report.statements


def test_typed_ofd_has_no_scanned_pages_problem_and_a_scan_only_one_is_refused():
    codes = {e["code"] for e in load_report(HERE / "qingshan_2023_suwell.ofd").to_dict()["errors"]}
    assert "scanned_pages" not in codes
    one = load_report(_with_scans(3, 1), filename="q.ofd").to_dict()["errors"]
    assert [e["message"][:26] for e in one if e["code"] == "scanned_pages"] == ["page(s) 4 of the OFD are s"]
    with pytest.raises(NotAReportError, match="no text layer"):
        load_report(HERE / "scanned_2023.ofd")


@pytest.mark.parametrize("fmt", ["PDF", "OFD"])
def test_scanned_pages_in_chinese_names_the_format(fmt):
    zh = problem_zh("scanned_pages", f"page(s) 2, 5–6 of the {fmt} are scanned images without a "
                                     "text layer: their text (headings, tables, statements) was not read")
    assert zh.startswith(f"{fmt}的第2、5–6页是扫描图片")
