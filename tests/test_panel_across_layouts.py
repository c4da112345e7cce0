"""A 2008–2022 panel across layouts: fifteen years of one province's
reports.

The fixtures (tests/fixtures/newuser18/) are fictional reports of 汐川省 as old sites served
them: a GBK .htm whose meta says utf-8, a GBK .htm with no meta, GBK .txt with CRLF, in the
2007 条例's free layouts (一、概述 … 八、其他需要报告的事项, or seven parts), with the year's
application counts in prose ("全年共受理…申请46件，其中同意公开32件", "…12宗", "本年度未收到…申请",
or no count at all); then the 2019 试行 and 2021 formats with tables.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus.panel import panel

FIXTURES = Path(__file__).parent / "fixtures" / "newuser18"
COUNTY = "白渠市杞山县人民政府"
PROVINCE = "汐川省人民政府"

#: (agency, year) → (layout, received, granted, review, litigation) as a careful reader counts
#: them (None: the report does not state it). Before 2019 from the prose, after from 表三/表四.
TRUTH = {
    (COUNTY, 2010): ("legacy", 10, 6, None, None),   # the 复议 part says no number
    (COUNTY, 2011): ("legacy", 46, 32, 0, 0),
    (COUNTY, 2013): ("legacy", 6, 2, 0, 0),          # counted in 宗
    (COUNTY, 2019): ("2019", 40, 21, 0, 1),
    (COUNTY, 2022): ("2021", 35, 13, 1, 2),
    (PROVINCE, 2014): ("legacy", 0, None, None, None),  # 本年度未收到…申请
    (PROVINCE, 2018): ("legacy", None, None, None, None),  # 均…予以答复: no count
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    files = sorted(p for p in FIXTURES.iterdir() if p.is_file())
    return parsed_store(tmp_path_factory.mktemp("newuser18") / "fifteen.sqlite", files)


def _value(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)


def test_panel_carries_the_prose_counts_of_reports_without_tables(db):
    p = panel(db).set_index(["agency", "year"])
    assert set(p.index) == set(TRUTH)
    for key, (layout, received, granted, review, litigation) in TRUTH.items():
        row = p.loc[key]
        assert row["format"] == layout, key
        want = dict(received=received, granted=granted, review=review, litigation=litigation)
        for figure, value in want.items():
            table, prose = _value(row[figure]), _value(row[f"{figure}_narrative"])
            if layout == "legacy":  # no 表三/表四: the table column stays empty
                assert (table, prose) == (None, value), (key, figure)
            else:  # a table was read: its figure, and no prose figure beside it
                assert (table, prose) == (value, None), (key, figure)


def test_export_panel_csv_has_the_narrative_columns(db, tmp_path):
    assert main(["export", "--db", str(db), "--table", "panel", "--format", "csv",
                 "--out", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "panel.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {(r["agency"], int(r["year"])): r for r in csv.DictReader(fh)}
    assert rows[(COUNTY, 2011)]["received_narrative"] == "46.0"
    assert rows[(COUNTY, 2011)]["received"] == ""
    assert rows[(PROVINCE, 2014)]["received_narrative"] == "0.0"  # stated as none: 0
    assert rows[(PROVINCE, 2018)]["received_narrative"] == ""     # not stated: empty
    assert rows[(COUNTY, 2019)]["received_narrative"] == ""


def test_summary_by_year_says_the_years_span_layouts(db):
    from nlp_reports.corpus.summarize import summarize

    notes = [n for n in summarize(db, by=["year"]).notes if "layouts" in n]
    assert len(notes) == 1
    note = notes[0]
    assert "span 3 layouts" in note
    assert "legacy (2010–2018)" in note and "2019 (2019)" in note and "2021 (2022)" in note
    assert "2010–2018年度为2007年条例下的自由格式" in note and "--by format" in note
    # one layout counted (--year 2022): nothing to warn of
    assert not [n for n in summarize(db, by=["year"], years=[2022]).notes if "layouts" in n]


def test_the_layout_note_is_on_the_html_page(db, tmp_path):
    page = tmp_path / "s.html"
    assert main(["summarize", "--db", str(db), "--by", "year", "--html", str(page),
                 "--quiet"]) == 0
    assert "所汇总的报告分属不同版式" in page.read_text(encoding="utf-8")


def test_audit_reads_an_old_report_by_the_2007_rules_and_its_own_headings(db):
    from nlp_reports.corpus import audit

    table = audit(db).table.set_index(["agency", "year"])
    # 2011: eight parts, its 七 is 下一步工作打算 — measures only, no problem stated
    row = table.loc[(COUNTY, 2011)]
    assert bool(row["no_concrete_problem"])
    assert row["defects"] == 1  # one omission: not again as section5_measures_only
    assert "section5_measures_only" in row["parse_problems"]
    assert "原文标题为“下一步工作打算”" in row["findings_zh"]
    assert "以“下一步工作打算”开头，只写改进措施" in row["findings_zh"]
    assert "第五部分" not in row["findings_zh"]  # an eight-part report has no 第五部分 of that name
    # the other old reports state problems: no table, 总体情况 or 2021 rule is asked of them
    for year in (2010, 2013):
        assert table.loc[(COUNTY, year), "defects"] == 0, year
    for year in (2014, 2018):
        assert table.loc[(PROVINCE, year), "defects"] == 0, year


def test_a_scanned_pdf_is_told_in_chinese_to_be_ocred():
    """A 2009 report as the site has it, a scan with no text layer: the audit's Chinese
    sentence says so and what to do, not the generic 登录页、错误页 reading."""
    pytest.importorskip("pdfplumber")
    from nlp_reports.corpus.audit import failure_zh
    from nlp_reports.errors import NotAReportError
    from nlp_reports.ingest import read_document

    with pytest.raises(NotAReportError) as err:
        read_document(Path(__file__).parent / "fixtures" / "ingest" / "scanned.pdf")
    said = failure_zh(f"not_a_report: {err.value}")
    assert "扫描件" in said and "OCR" in said and "ocrmypdf" in said
    assert "登录页" not in said


def test_a_2019_table2_row_not_found_is_named_by_its_label(db):
    """The 2019 report leaves out 第二十条第（五）项's 其他对外管理服务事项 row: the Chinese
    finding names the row as printed, not by the parser's id (other_services)."""
    from nlp_reports.corpus import audit

    said = audit(db).table.set_index(["agency", "year"]).loc[(COUNTY, 2019), "findings_zh"]
    assert "未找到“其他对外管理服务事项”" in said
    assert "other_services" not in said
