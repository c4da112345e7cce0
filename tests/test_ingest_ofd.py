"""OFD reports (国家版式文档) read like their text twin; broken and hostile ones refused clearly.

Fixtures: tests/fixtures/ofd16/make_ofd.py (three producers' habits, one fictional 2023
report of a district 民政局 with 表二/表三/表四 drawn as ruled tables, and broken files).
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.corpus.audit import failure_meaning_zh
from nlp_reports.errors import BinaryInputError, InputTooLargeError, NotAReportError
from nlp_reports.ingest import REPORT_SUFFIXES, read_document, sniff_format
from nlp_reports.ingest.ofd import ofd_to_text

HERE = Path(__file__).parent / "fixtures" / "ofd16"
STYLES = ("suwell", "foxit", "shusheng")


@pytest.mark.parametrize("style", STYLES)
def test_ofd_reads_to_the_report_of_its_text_twin(style):
    got = load_report(HERE / f"qingshan_2023_{style}.ofd")
    want = load_report(HERE / "qingshan_2023.txt")
    assert got.metadata.source_format == "ofd"
    for key in ("title", "agency", "year", "level", "region", "published", "format"):
        assert getattr(got.metadata, key) == getattr(want.metadata, key), key
    assert [(s.number, s.title) for s in got.sections] == [(s.number, s.title) for s in want.sections]
    assert len(got.sections) == 6
    assert got.statements == want.statements
    assert [s.block for s in got.statements] == ["problem"] * 4 + ["measure"] * 4
    assert got.section(5).text.replace("\n", "") == want.section(5).text.replace("\n", "")
    ids = sorted(t.id for t in want.tables)
    assert ids == ["table2.1", "table2.5", "table2.6", "table2.8", "table3", "table4"]
    assert sorted(t.id for t in got.tables) == ids
    for tid in ids:
        assert got.table(tid).values == want.table(tid).values, tid
        assert got.table(tid).status == "ok", tid
    assert got.table("table3").values[0] == (15, 3, 0, 0, 0, 0, 18)
    assert sorted((c.id, c.row, c.column, c.outcome) for c in got.checks) \
        == sorted((c.id, c.row, c.column, c.outcome) for c in want.checks)
    assert not [c for c in got.checks if c.outcome == "fail"]


def test_ofd_text_layout():
    text = read_document(HERE / "qingshan_2023_shusheng.ofd").text
    lines = text.splitlines()
    # a paragraph wrapped over three lines at the margin is one line again
    assert any(line.startswith("(一)主动公开。") and line.endswith("按月公示。") for line in lines)
    # merged cells repeated across their span, as the PDF reader gives them
    assert "三、本年度办理结果\t(三)不予公开\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1" in lines
    # a label wrapped inside its cell is one cell
    assert any(line.startswith("(二)部分公开(区分处理的，只计这一情形，不计其他情形)\t") or
               "\t(二)部分公开(区分处理的，只计这一情形，不计其他情形)\t" in line for line in lines)
    # the template's running head and the page numbers are gone
    assert "青山区民政局" not in lines and not any(line.startswith("- ") for line in lines)


def test_diagonal_watermark_is_not_read():
    text = read_document(HERE / "qingshan_2023_foxit.ofd").text
    assert "仅供参考" not in text
    assert read_document(HERE / "qingshan_2023_foxit.ofd").text \
        == read_document(HERE / "qingshan_2023_suwell.ofd").text


def test_ofd_is_sniffed_from_its_bytes_and_walked():
    data = (HERE / "qingshan_2023_suwell.ofd").read_bytes()
    assert sniff_format(data) == "ofd"
    assert read_document(data).source_format == "ofd"
    assert read_document(data, filename="附件1.pdf").source_format == "ofd"  # misnamed
    assert ".ofd" in REPORT_SUFFIXES


def test_scanned_ofd_is_refused_with_advice():
    with pytest.raises(NotAReportError, match=r"no text layer \(a scan: 2 of its 2 pages") as err:
        load_report(HERE / "scanned_2023.ofd")
    assert "OCR" in str(err.value)
    zh = failure_meaning_zh(f"not_a_report: {err.value}")
    assert zh.startswith("该OFD文件为扫描件") and "另存为PDF" in zh


@pytest.mark.parametrize(("name", "message"), [
    ("qingshan_2023_broken.ofd", "not a readable OFD"),
    ("qingshan_2023_traversal.ofd", r"outside its package \('../../../etc/passwd'\)"),
    ("qingshan_2023_missing_page.ofd", "no part Doc_0/Pages/Page_1/Content.xml"),
    ("qingshan_2023_doctype.ofd", "DOCTYPE"),
])
def test_broken_ofd_gets_a_clear_error(name, message):
    with pytest.raises(BinaryInputError, match=message):
        load_report(HERE / name)


def _repack(extra: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(HERE / "qingshan_2023_suwell.ofd")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            zf.writestr(name, extra.get(name, src.read(name)))
    return buf.getvalue()


def test_zip_bomb_refused_before_parsing():
    page = zipfile.ZipFile(HERE / "qingshan_2023_suwell.ofd").read("Doc_0/Pages/Page_0/Content.xml")
    padded = page.replace(b"<ofd:Content>", b"<ofd:Content>" + b" " * 8_000_000, 1)
    data = _repack({"Doc_0/Pages/Page_0/Content.xml": padded})
    assert len(data) < 100_000
    with pytest.raises(InputTooLargeError, match="zip bomb"):
        read_document(data, max_bytes=2**20)


def test_absolute_traversal_and_delta_repeat_are_bounded():
    doc = zipfile.ZipFile(HERE / "qingshan_2023_suwell.ofd").read("Doc_0/Document.xml")
    bad = _repack({"Doc_0/Document.xml": doc.replace(b'BaseLoc="Pages/Page_1/Content.xml"',
                                                     b'BaseLoc="/../secret.xml"')})
    with pytest.raises(BinaryInputError, match="outside its package"):
        read_document(bad)
    page = zipfile.ZipFile(HERE / "qingshan_2023_suwell.ofd").read("Doc_0/Pages/Page_0/Content.xml")
    huge = page.replace(b'DeltaX="g ', b'DeltaX="g 900000000 4.2 g ', 1)
    start = time.process_time()
    text = ofd_to_text(_repack({"Doc_0/Pages/Page_0/Content.xml": huge}))
    assert time.process_time() - start < 5
    assert "青山区民政局" in text
