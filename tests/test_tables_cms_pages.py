"""Defects found on report shapes not tried before: HTML
pages from other CMS templates (表三 with rowspan/colspan, split in two <table>s, inside a
layout table, Word's <p><span> cells, "—" for zero, <br> in labels, 表二 without a column,
表四 split in two tables, a list page of several years' reports), text pastes (表三 whole on
one line, rows numbered 1…7, thousands separators) and section 五 in other shapes. Each input
in tests/fixtures/redteam14/ is a short fictional report written by gen.py (specs.py,
tables14.py beside it); truth.json records what each says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError
from nlp_reports.parse.statements import split_section5

DATA = Path(__file__).parent / "fixtures" / "redteam14"
TITLE = "存在的主要问题及改进情况"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


def _split(text: str) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title=TITLE)
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other",
        "total"]


def _table3(report) -> dict[str, list]:
    t3 = report.to_dict()["tables"]["table3"]
    return {rid: [t3["values"][r][t3["columns"].index(c)] for c in COLS]
            for r, rid in enumerate(t3["rows"])}


# --- item numbers before a year -------------------------------------------------------------


def test_item_number_before_a_year_is_a_marker():
    """"1.2025年完成…" (item 1 opening with a year) was read as the decimal 1.2025: the item
    kept "1." in its text and had no marker; "1.5万" and "增长2.3%" stay numbers."""
    got = _split("（一）存在的主要问题\n1.基层公开标准化水平不高。\n（二）改进措施\n"
                 "1.2025年完成乡镇政务公开专区建设。\n2.2025年底前更新标准目录。\n3.公开信息1.5万条以上。\n")
    assert [(b, m, t) for b, m, t in got] == [
        ("problem", "1.", "基层公开标准化水平不高。"),
        ("measure", "1.", "2025年完成乡镇政务公开专区建设。"),
        ("measure", "2.", "2025年底前更新标准目录。"),
        ("measure", "3.", "公开信息1.5万条以上。")]
    r = load_report(DATA / "t22_pub2025_year2024.txt")
    assert [(s.marker, s.text) for s in r.statements][-1] == ("1.", "2025年完成全部乡镇政务公开专区标准化建设。")


# --- 表三 pasted from a PDF with cells aligned at the top ------------------------------------


def test_table3_labels_wrapped_below_their_values():
    """A PDF whose table cells are aligned at the top (Word's default) pasted as text: each long
    row label wraps in its narrow cell, the values beside its first line ("2.其他法律行政法  4 0 …"
    / "规禁止公开"). Rows whose first line alone names no row were lost (表三 unreadable, 8 of 25
    rows); each leaf row here has its own figures, so a row read into another's place shows."""
    name = "t26_pdf_paste_labels_wrapped.txt"
    assert "2.其他法律行政法  4" in (DATA / name).read_text(encoding="utf-8")
    report = load_report(DATA / name)
    assert _table3(report) == TRUTH[name]["table3"]


def test_a_wrapped_label_does_not_take_the_next_rows_label():
    """Values on the last line of a wrapped label ("一、本年新收政府信" / "息公开申请数量 5 …"),
    the next row's label starting below ("二、上年结转政府信"): the values stay row 一's."""
    text = (DATA / "t26_pdf_paste_labels_wrapped.txt").read_text(encoding="utf-8")
    moved = text.replace("一、本年新收政府信  231  21  0  0  10  0  262\n息公开申请数量",
                         "一、本年新收政府信\n息公开申请数量  231  21  0  0  10  0  262")
    assert moved != text
    assert _table3(load_report(moved)) == TRUTH["t26_pdf_paste_labels_wrapped.txt"]["table3"]


# --- 问题1： / 措施1： ------------------------------------------------------------------------------


def test_labelled_items_numbered_in_digits():
    """"问题1：…。措施：…。⏎问题2：…" (a problem and its measure an item at a time, the label
    numbered in digits): only 问题一 was a label, so the run-in "措施：" opened a measure block and
    问题2 was read as a measure; 问题1/措施1 were sentences of an unknown block."""
    got = _split("问题1：公开不及时。措施：建立时限制度。\n问题2：解读不到位。措施：加强解读审核。\n")
    assert [(b, m, t) for b, m, t in got] == [
        ("problem", "问题1：", "公开不及时。"), ("measure", None, "建立时限制度。"),
        ("problem", "问题2：", "解读不到位。"), ("measure", None, "加强解读审核。")]
    got = _split("问题1：公开不及时。措施1：建立时限制度。\n问题2：解读不到位。措施2：加强解读审核。\n")
    assert [b for b, _, _ in got] == ["problem", "measure", "problem", "measure"]


# --- 表四 in two tables ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["t03_t4_split_tables.txt", "h09_guojiaju_t4_split.html"])
def test_table4_printed_as_two_tables(name):
    """表四 as two tables, （一）行政复议情况 (5 cells) and （二）行政诉讼情况 (10 cells under their
    own header): the read stopped at the second table's header, 表四 unreadable (5 of 15) and
    I4 not assessable."""
    want = TRUTH[name]["cells"]["table4"]
    table = load_report(DATA / name).table("table4")
    assert table.status == "ok"
    assert {f"count/{c}": table.get("count", c) for c in table.columns} == want


def test_table4_one_group_a_row():
    """表四 laid out one group a row (行政复议 / 行政诉讼 未经复议直接起诉 / 复议后起诉), the five
    results as columns: the read stopped at the second row's labels (5 of 15 cells)."""
    name = "t25_t4_group_rows.txt"
    table = load_report(DATA / name).table("table4")
    assert table.status == "ok"
    assert {f"count/{c}": table.get("count", c) for c in table.columns} == \
        TRUTH[name]["cells"]["table4"]


def test_table4_review_alone_stays_unreadable():
    """Five 行政复议 cells and a 行政诉讼 heading over prose: no 15 cells are made up."""
    text = ("柳岸县交通运输局2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "（一）行政复议情况\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t0\t0\t1\n"
            "（二）行政诉讼情况\n本年度未发生政府信息公开行政诉讼案件。\n五、存在的主要问题及改进情况\n无。\n")
    table = load_report(text).table("table4")
    assert table.status == "unreadable"
    assert table.get("count", "review.total") is None


# --- 表二 without a column ---------------------------------------------------------------------


def test_table2_without_the_issued_column():
    """A page printing 第二十条第（一）项 as 信息内容 | 本年废止件数 | 现行有效件数 (no 本年制发件数):
    each row had 2 values for 3 columns, so the sub-table was unreadable and both columns it
    does print were lost. The column the header leaves out is now blank (None, never 0)."""
    want = TRUTH["h06_gaoxinqu_no_issued_col.html"]["cells"]["table2.1"]
    table = load_report(DATA / "h06_gaoxinqu_no_issued_col.html").table("table2.1")
    assert table.status == "ok"
    assert {f"normative_documents/{c}": table.get("normative_documents", c)
            for c in ("issued", "repealed", "in_force")} == want
    assert table.get("regulations", "issued") is None


def test_table2_rows_short_of_a_named_column_stay_unreadable():
    """The header names all three columns and the rows give two values: which one is missing
    is not known, so nothing is placed."""
    text = ("柳岸县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\n行政规范性文件\t3\t12\n")
    table = load_report(text).table("table2.1")
    assert table.status == "unreadable"
    assert table.get("normative_documents", "repealed") is None


# --- 表三 on one line ----------------------------------------------------------------------------


def test_table3_flattened_on_one_line():
    """表三 scraped with its cells joined by spaces into one line (get_text(" ") of a page,
    copied from a page drawing the table with inline elements): 表三 was not found, I1–I3
    not assessed. Each row starts at its numbering after the previous row's last value."""
    name = "t01_t3_one_line.txt"
    assert (DATA / name).read_text(encoding="utf-8").count("申请人情况 自然人") == 1
    report = load_report(DATA / name)
    assert _table3(report) == TRUTH[name]["table3"]
    assert {c.id: c.outcome for c in report.checks if c.id in ("I1", "I2", "I3")} == dict.fromkeys(
        ("I1", "I2", "I3"), "pass")
    # prose in section 三 naming 本年新收 first, the table on a later line
    text = (DATA / name).read_text(encoding="utf-8").replace(
        "（本列数据", "全年本年新收申请总计较上年有所增加。\n（本列数据")
    assert _table3(load_report(text)) == TRUTH[name]["table3"]


# --- a list page with summaries --------------------------------------------------------------


def test_list_page_with_a_summary_under_each_title_is_refused():
    """A 年度报告 专栏 page: six years' reports linked, the opening lines of each (with its
    figures) under the title. The figures made it pass for a report in prose (agency and year
    of the first title, no section, nothing in it, counted in every table)."""
    with pytest.raises(NotAReportError, match="a list of 6 report titles"):
        load_report(DATA / "h13_index_with_summaries.html")
    # a report in prose naming its own year's report and last year's is read
    prose = ("石门乡人民政府2012年政府信息公开工作年度报告\n根据《条例》要求，现公布石门乡2012年政府信息公开工作"
             "年度报告。与《石门乡2011年政府信息公开工作年度报告》相比，本年主动公开信息增加12条。"
             "全年主动公开政府信息86条，未收到政府信息公开申请，未发生行政复议和行政诉讼。\n")
    assert load_report(prose).metadata.year == 2012


# --- a title over three lines ----------------------------------------------------------------


def test_title_agency_line_name_line_and_bracketed_year():
    """"国家…局⏎政府信息公开工作年度报告⏎（2023年）": the agency line was joined to the title only
    when the joined lines named a year, and the year stood on the line below: agency None,
    level None (a ministry's report counted nowhere by agency)."""
    text = (DATA / "w13_title_three_lines.txt").read_text(encoding="utf-8")
    r = load_report(text)
    assert (r.metadata.agency, r.metadata.year, r.metadata.level) == ("国家矿产储量评审局", 2023, "national")
    assert r.metadata.title.startswith("国家矿产储量评审局")
    # without the signature under 六 (a ministry's report often has none) the title alone says it
    unsigned = load_report(text.rsplit("国家矿产储量评审局", 1)[0])
    assert (unsigned.metadata.agency, unsigned.metadata.level) == ("国家矿产储量评审局", "national")
    # the two-line form (agency and name on one line, the year below) is read as before
    two = (DATA / "w13_title_three_lines.txt").read_text(encoding="utf-8").replace(
        "国家矿产储量评审局\n政府信息公开", "国家矿产储量评审局政府信息公开", 1)
    assert load_report(two).metadata.agency == "国家矿产储量评审局"


# --- the whole pass ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input_reads_as_written(name):
    """Each input's truth: statements with their block, sections, metadata, every 表三 cell,
    表四's 15 cells, 表二 cells, the identities' outcomes; or its refusal as no report."""
    truth = TRUTH[name]
    if truth.get("refused"):
        with pytest.raises(NotAReportError):
            load_report(DATA / name)
        return
    r = load_report(DATA / name)
    assert [(s.block, s.text) for s in r.statements] == [
        (b, t.replace("（", "(").replace("）", ")")) for b, t in truth["statements"]]
    assert sorted(s.number for s in r.sections) == truth["sections"]
    assert {k: getattr(r.metadata, k) for k in truth["meta"]} == truth["meta"]
    assert _table3(r) == {k: v for k, v in truth["table3"].items()}
    for table_id, cells in truth["cells"].items():
        table = r.table(table_id)
        got = {cell: table.get(*cell.split("/")) for cell in cells}
        assert got == cells, table_id
    for check_id, want in truth["checks"].items():
        assert {c.outcome for c in r.checks if c.id == check_id} == {want}, check_id


def test_a_figure_rounded_to_wan_is_a_bad_cell_not_a_label():
    """"行政许可 1.24万": the token was read as part of the row's label, so the row had no value
    and the problem blamed blank cells. It is the cell, kept as written and named as no
    plausible number (never 12400 guessed, nor 0)."""
    text = (DATA / "t04_thousands.txt").read_text(encoding="utf-8").replace(
        "行政许可\t12,406", "行政许可\t1.24万")
    table = load_report(text).table("table2.5")
    assert table.raw == (("1.24万",),) and table.get("licensing", "decisions") is None
    assert "'1.24万' is not a plausible number" in table.problem


@pytest.mark.parametrize("info", ["【发布时间】2025.01.10", "【发布日期】：2025-01-10",
                                  "日期：2025-01-10 来源：学院办公室"])
def test_cms_date_lines_give_the_page_date(info):
    """CMS templates print the page's date as "【发布时间】2025.01.10" or a bare "日期：…" above
    the article: neither was read (published None when the report carries no signature date)."""
    page = (DATA / "h12_daxue_prevnext.html").read_text(encoding="utf-8")
    page = page.replace('<p style="text-align:right">2025年1月10日</p>', "")
    head = page[page.index('<div class="attr">'):page.index("</div>", page.index('<div class="attr">'))]
    page = page.replace(head, f'<div class="attr">{info}')
    report = load_report(page.encode(), filename="page.html")
    assert (report.metadata.published, report.metadata.published_from) == ("2025-01-10", "page")
    # a date of something else ("办理日期：") is no page date
    other = page.replace(info, "办理日期：2025-01-10 来源：学院办公室")
    assert load_report(other.encode(), filename="page.html").metadata.published is None
