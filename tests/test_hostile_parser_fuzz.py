"""Hostile inputs found by fuzzing the parser (issue 5): each crashed or ran
quadratic before its fix. ``load_report`` must return a Report or raise a ParseError, in
bounded time; the audit must not call a report late on an impossible date or year.

Inputs are short fictional texts written for these tests (minimized fuzz findings).
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import Report, load_report
from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import deadline
from nlp_reports.errors import ParseError

_PARTS = ("一、总体情况\n本年度工作正常开展。\n二、主动公开政府信息情况\n无。\n"
          "三、收到和处理政府信息公开申请情况\n无。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
          "五、存在的主要问题及改进情况\n问题是公开不及时。\n六、其他需要报告的事项\n无。\n")


def _report(date_line: str) -> str:
    return f"某县人民政府2023年政府信息公开工作年度报告\n{_PARTS}\n某县人民政府\n{date_line}\n"


@pytest.mark.parametrize("date_line", ["二〇二四年一月十十日", "二〇二四年十十月一日",
                                       "二〇二四年一月十一十日"])
def test_a_date_line_of_numerals_that_are_no_number_is_no_date(date_line):
    """The date patterns let a month or day be any run of 一…十; "十十" reached
    _hanzi_number, which raised KeyError('十') out of load_report."""
    r = load_report(_report(date_line).encode(), filename="x.txt")
    assert r.metadata.published is None
    assert r.metadata.year == 2023
    assert load_report(_report("二〇二四年一月二十日").encode(),
                       filename="x.txt").metadata.published == "2024-01-20"


@pytest.mark.parametrize(("date_line", "published"), [
    ("2024年2月30日", None), ("二〇二四年二月三十日", None), ("2023年2月29日", None),
    ("2024年2月29日", "2024-02-29"), ("2024年1月31日", "2024-01-31")])
def test_a_day_no_calendar_has_is_no_published_date(date_line, published):
    assert load_report(_report(date_line).encode(),
                       filename="x.txt").metadata.published == published


@pytest.mark.parametrize("control", ["\x0c", "\x0b", "\x01", "\x1f", "\ufffe"])
def test_a_control_character_in_html_is_no_crash(control):
    """'<script></script>\\x0c' (minimized): lxml parses a form feed but refuses it in the
    text _remove re-attaches after a dropped element (a plain ValueError)."""
    with pytest.raises(ParseError):
        load_report(f"<script></script>{control}".encode(), filename="x.html")
    page = (f"<html><body><h1>某县人民政府2023年政府信息公开工作年度报告</h1><script>x</script>"
            f"{control}<pre>{_PARTS}</pre></body></html>")
    r = load_report(page.encode(), filename="x.html")
    assert isinstance(r, Report)
    assert r.metadata.agency == "某县人民政府" and not r.missing_sections


def _cpu(source: str, filename: str) -> float:
    t = time.process_time()
    try:
        load_report(source.encode(), filename=filename)
    except ParseError:
        pass
    return time.process_time() - t


@pytest.mark.parametrize("tag", ["h1", "h3", "div class=title"])
def test_a_thousand_nested_headings_parse_quickly(tag):
    """Unclosed <h1>…<h1> nest in libxml2 (up to its depth limit, ~2,000; deeper pages are
    read as tagged text); the title search (and the published-line search) read each one's
    whole text: quadratic, 1.5 s CPU for 1,500 of them (40 KB). Now one pass sizes every
    subtree and only small ones are read (~0.03 s)."""
    page = "<html><body>" + f"<{tag}>某县2023年政府信息公开 " * 1500 + _PARTS + "</body></html>"
    _cpu("<p>年度报告</p>", "x.html")  # (imports, compiled patterns)
    assert _cpu(page, "x.html") < 0.5


def _store_audit(tmp_path, **changes):
    base = load_report(_report("2024年1月10日").encode(), filename="x.txt")
    path = tmp_path / "odd.db"
    with Store(path) as s:
        for name, kw in changes.items():
            r = dataclasses.replace(base, metadata=dataclasses.replace(base.metadata, **kw))
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    return audit(path).table.set_index("path")


def test_audit_of_odd_dates_and_years(tmp_path):
    """Reports stored with an impossible date (older versions kept '2024-02-30'), or a
    misread year (1900, 0, 99999: the deadline '100000-03-31' compared as text made a report
    published in 2024 late), are not called late; a real late one still is."""
    t = _store_audit(tmp_path, **{
        "feb30.txt": {"published": "2025-02-30"}, "month13.txt": {"published": "2025-13-45"},
        "y1900.txt": {"year": 1900}, "y0.txt": {"year": 0}, "y99999.txt": {"year": 99999},
        "noyear.txt": {"year": None}, "noagency.txt": {"agency": None, "level": None},
        "early.txt": {"published": "2020-05-01"}, "late.txt": {"published": "2024-04-02"},
    })
    late = t["published_late"].to_dict()
    assert late.pop("late.txt") == "published 2024-04-02, deadline 2024-03-31"
    assert set(late.values()) == {""}
    assert deadline(1900, "county") is None and deadline(99999, "county") is None
    assert deadline(2008, "county")[0] == "2009-03-31"


@pytest.mark.parametrize("source", ["/\x00", "reports/a\x00.txt", "x\x00.pdf"])
def test_a_str_read_as_a_path_with_a_nul_is_a_parse_error(source):
    """A one-line str that looks like a path is read as one; os.stat raised a plain
    ValueError ('embedded null byte') for '/\\x00' (hypothesis, seed 11)."""
    with pytest.raises(ParseError, match="no file can have this name"):
        load_report(source)


def test_a_word_drawn_far_off_a_pdf_page_asks_for_no_gigabytes():
    """_gutter's crossing counts hold one int per point of the text's width: one word at
    x = 1e12 on a crafted page (reportlab writes it) raised MemoryError (1e9: 8 GB)."""
    pytest.importorskip("pdfplumber")
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(1e12, 800))
    for i in range(20):
        c.drawString(50, 750 - i * 20, f"line {i} of the page")
    c.drawString(1e12 - 100, 400, "far away")
    c.save()
    with pytest.raises(ParseError):  # (no report: the text is English)
        load_report(buf.getvalue(), filename="far.pdf")


def test_a_docx_with_a_damaged_zip_version_is_a_parse_error():
    """One byte of the central directory flipped (hypothesis seed 11 of
    test_damaged_docx_and_pdf at 2000 examples: byte 36765 ^ 64 of the fixture) and zipfile
    raised NotImplementedError('zip file version 8.4') while the format was sniffed."""
    pytest.importorskip("docx")
    from pathlib import Path

    raw = bytearray((Path(__file__).parent / "fixtures" / "ingest" / "report.docx").read_bytes())
    at = raw.rfind(b"PK\x01\x02")  # the last central directory entry; its extract version
    raw[at + 6] ^= 64
    with pytest.raises(ParseError, match="zip file version"):
        load_report(bytes(raw), filename="report.docx")
