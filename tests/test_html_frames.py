"""Defects found on report shapes not tried before: pages
holding the report in an <iframe srcdoc> or a <textarea>, data tables each framed in a
one-cell table, PDF pastes whose running head is the signing agency or whose running foot
stands above the page number, 五 titled with its year, 表四 printed one result a row, and
items of 五 that state a problem and then "针对此问题，…" its measure. Each input in
tests/fixtures/redteam15/ is a short fictional report written by gen.py (specs15.py beside
it, with redteam14's tables14.py); truth.json records what each says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, t3_cells

from nlp_reports import load_report
from nlp_reports.ingest.html import html_to_text
from nlp_reports.ingest.normalize import drop_running_heads
from nlp_reports.parse.sections import find_headings
from nlp_reports.parse.statements import _reads_as_problem, split_section5

DATA = Path(__file__).parent / "fixtures" / "redteam15"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


def _split(text: str) -> list[tuple[str, str | None, str]]:
    res = split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
    return [(s.block, s.marker, text[s.start:s.end]) for s in res.statements]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: sections, statements with their block, metadata, every 表三 cell,
    表四's 15 cells and 表二's cells, I1–I4 passing (where no cell is "—"), T1 where stated."""
    truth = TRUTH[name]
    report = load_report(DATA / name)
    d = report.to_dict()
    assert_sections_statements_meta(d, truth)
    if "table3" in truth:
        t3 = d["tables"]["table3"]
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3"]
        for tid, cells in truth["cells"].items():
            table = report.table(tid)
            assert {k: table.get(*k.split("/")) for k in cells} == cells, tid
        if not truth.get("identities"):
            assert {c.outcome for c in report.checks if c.id in ("I1", "I2", "I3", "I4")} == {"pass"}
    if "t1" in truth:
        assert {c.outcome for c in report.checks if c.id == "T1"} == {truth["t1"]}


# --- HTML: the report inside an <iframe srcdoc> or a <textarea> -----------------------------


@pytest.mark.parametrize("name", ["h01_iframe_srcdoc.html", "h03_textarea.html"])
def test_report_inside_a_frame_or_a_text_box(name):
    """A CMS preview frame (<iframe srcdoc="…the report's page…">) and a read-only <textarea>
    the report was pasted into were dropped as chrome: the page was refused as "too short to
    be a report"."""
    report = load_report(DATA / name)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.table("table3").status == "ok"


def test_a_comment_box_or_a_small_frame_stays_chrome():
    """Only a frame or box holding more of the page's text than the rest is the report: a
    comment box and an ad frame beside a report page stay out of its text."""
    page = (DATA / "h02_pre.html").read_text(encoding="utf-8")
    extra = ('<form><textarea name="msg">请留言：您对本报告有何意见建议</textarea></form>'
             '<iframe srcdoc="&lt;p&gt;扫码关注政务新媒体矩阵&lt;/p&gt;"></iframe>')
    text = html_to_text(page.replace("</body>", extra + "</body>"))
    assert "请留言" not in text and "扫码关注" not in text
    assert text == html_to_text(page)


def test_a_frame_inside_a_frame():
    """A srcdoc page whose report is again in a srcdoc (a preview of a preview) opens too."""
    page = (DATA / "h01_iframe_srcdoc.html").read_text(encoding="utf-8")
    start = page.index('srcdoc="') + len('srcdoc="')
    inner = page[start:page.index('"', start)]
    twice = page[:start] + ('&lt;div&gt;&lt;iframe srcdoc=&quot;' + inner.replace("&", "&amp;")
                            + '&quot;&gt;&lt;/iframe&gt;&lt;/div&gt;') + page[page.index('"', start):]
    assert html_to_text(twice).count("五、存在的主要问题及改进情况") == 1


# --- HTML: each data table framed in a one-cell table ---------------------------------------


def test_data_table_framed_in_a_one_cell_table():
    """<table><tr><td><table class=data>…</table></td></tr></table> (a CMS's bordered box):
    the frame was read as the data table, the inner table flattened into its one cell: 表二
    第（六）项 and 表四 lost."""
    report = load_report(DATA / "h06_nested_tables.html")
    assert report.table("table4").status == "ok"
    assert report.table("table2.6").status == "ok"
    assert not [p for p in report.errors if p.code.startswith("table_")]


# --- PDF pastes: running head = the signing agency; running foot above the page number ------


def test_running_head_that_also_signs_the_report():
    """A tax bureau's PDF heads each page with its name, which also signs the report: the
    head was kept (it stands once more below page 1) and became the last measure of 五."""
    report = load_report(DATA / "p04_pdf_spaced_chars.txt")
    assert report.statements[-1].text == "分行业制作税费优惠政策简明解读，控制篇幅便于纳税人阅读。"
    assert report.metadata.published == "2024-01-24"


def test_a_running_head_standing_in_the_text_stays():
    """A line after three page numbers that also stands in the text, not as a signature, is
    the text's (a sub-heading a page opens with): kept, as before."""
    body = "\n".join(f"第{i}段正文内容。\n- {i} -\n工作推进情况综述\n更多正文。" for i in range(1, 5))
    text = "某县2023年报告\n" + body + "\n工作推进情况综述\n结尾。"
    assert drop_running_heads(text).count("工作推进情况综述") == 5


def test_running_foot_above_the_page_number():
    """A site's name printed above each page number ("东岸市人民政府门户网站 www… ⏎ — 3 —"):
    after the signature date it hid the date (published None)."""
    report = load_report(DATA / "p02_pdf_wrap26_sitefoot.txt")
    assert report.metadata.published == "2023-01-20"
    assert "门户网站" not in "".join(s.text for s in report.sections)


def test_a_line_above_two_page_numbers_stays():
    """Fewer than three pages with the same line above the number: no running foot."""
    text = "标题\n甲乙丙丁戊\n- 1 -\n正文一。\n甲乙丙丁戊\n- 2 -\n正文二。"
    assert drop_running_heads(text) == text


# --- 五 titled with its year ----------------------------------------------------------------


def test_section_title_with_a_year():
    """"五、2022年度存在的主要问题及改进情况": the year's digits read as an aligned table row,
    so 五 was missing and its statements lost; "六、2014年工作打算" likewise."""
    report = load_report(DATA / "x03_wu_with_year.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    text = "一、概述\n甲。\n二、主动公开情况\n乙。\n六、2014年工作打算\n丙。\n"
    assert [h.number for h in find_headings(text, 0, len(text))] == [1, 2, 5]
    row = "一、本年新收申请 12 3 0 0 0 0 15\n二、上年结转 0 0 0 0 0 0 0\n"
    assert find_headings(row, 0, len(row)) == []


# --- 表四 one result a row ------------------------------------------------------------------


def test_table4_one_result_a_row():
    """表四 transposed: "行政复议结果维持 2" … "行政诉讼（复议后起诉）总计 1", 15 rows of one
    value: table_missing before."""
    name = "n04_t4_transposed.txt"
    table = load_report(DATA / name).table("table4")
    assert table.status == "ok"
    assert {f"count/{c}": table.get("count", c) for c in table.columns} == \
        TRUTH[name]["cells"]["table4"]


def test_table4_one_result_a_row_incomplete_is_not_guessed():
    """With a row missing the 14 others are not placed: no 表四 is read (since parse19 it is
    reported unreadable naming the cell not found, every value null)."""
    text = (DATA / "n04_t4_transposed.txt").read_text(encoding="utf-8")
    lines = [ln for ln in text.split("\n") if not ln.startswith("行政诉讼（复议后起诉）其他结果")]
    assert len(lines) == text.count("\n")
    t4 = load_report("\n".join(lines)).table("table4")
    assert t4 is None or (t4.status == "unreadable" and set(t4.values[0]) == {None}
                          and "litigation_after_review.other" in t4.problem)


# --- 五: a problem, then "针对此问题，…" its measure, item by item -----------------------------


def test_item_turning_to_its_measure():
    """"一是…不便。针对此问题，我局将…" per item: each item was one unknown statement."""
    got = _split("一是就业补贴政策公开分散，群众查找不便。针对此问题，我局将设立专栏。\n"
                 "二是社保经办信息更新不及时。对此，我局将建立月度更新机制。\n")
    assert got == [
        ("problem", "一是", "就业补贴政策公开分散，群众查找不便。"),
        ("measure", None, "针对此问题，我局将设立专栏。"),
        ("problem", "二是", "社保经办信息更新不及时。"),
        ("measure", None, "对此，我局将建立月度更新机制。")]


def test_measure_items_naming_a_problem_stay_whole():
    """An item of measures whose second sentence answers a problem does not split: the part
    before must read as a problem."""
    got = _split("（二）改进措施\n一是加强培训。针对此问题，我局将每季度组织一次培训。\n二是完善制度。\n")
    assert [b for b, _, _ in got] == ["measure", "measure"]


def test_jiuye_opens_no_premise():
    """就业/就医 open a problem ("就业补贴政策公开不够"), not a premise ("就…问题，将…")."""
    text = "就业补贴政策公开不够集中。"
    assert _reads_as_problem(text, 0, len(text))
    text = "就公开不够集中的问题，将设立专栏。"
    assert not _reads_as_problem(text, 0, len(text))
