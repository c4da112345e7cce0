"""Defects found in real carriers: reports written as .docx with Word
tables (merged header cells, 表三's repeated header rows, thin-space digit groups, running
heads, footnotes) and turned into PDF by LibreOffice. Each input in
tests/fixtures/redteam13/ is a short fictional report; its .truth.json records what it
says (the generator that wrote it, gen.py with specs.py, lies beside it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.ingest.pdf import _join_split_rows

DATA = Path(__file__).parent / "fixtures" / "redteam13"
COLS = ["natural_person", "commercial", "research", "public_interest", "legal_services",
        "other", "total"]


def _truth(name: str) -> dict:
    return json.loads((DATA / f"{name}.truth.json").read_text(encoding="utf-8"))


def _table3_errors(report, truth: dict) -> list[str]:
    t3 = report.to_dict()["tables"]["table3"]
    bad = []
    for rid, want in truth["table3"].items():
        if rid not in t3["rows"]:
            bad.append(f"row {rid} missing")
            continue
        got = [t3["values"][t3["rows"].index(rid)][t3["columns"].index(c)] for c in COLS]
        if got != want:
            bad.append(f"{rid}: {got} != {want}")
    return bad


def test_pdf_row_broken_over_a_page_break_is_joined():
    """LibreOffice breaks 表三's row 3.6.2 over a page: "2.申请人逾期未按收" with the values
    ends page 3, "费通知要求缴纳费用、…" opens page 4 under the repeated header rows (and
    the running head "石门市人民政府", which pages 1 and 4 print without the wrap mark the
    others carry). Read apart, row 3.6.2 was lost and I3 not assessable."""
    name = "b2021_shi_split_row"
    report = load_report(DATA / f"{name}.pdf")
    assert _table3_errors(report, _truth(name)) == []
    checks = {c.id: c.outcome for c in report.checks}
    assert [checks.get(k) for k in ("I1", "I2", "I3", "I4")] == ["pass"] * 4
    # the running head is gone from inside the text, the agency still read from the title
    assert "石门市人民政府\n" not in report.text.split("2021年政府信息公开工作年度报告", 1)[1]
    assert report.metadata.agency == "石门市人民政府"


@pytest.mark.parametrize("pages, joined", [
    # a label's tail under the repeated header: joined, the part under it gone
    ([["h1\th2", "a\t1.本机关不掌握相关\t3"], ["h1\th2", "\t政府信息\t"]],
     ["a\t1.本机关不掌握相关政府信息\t3"]),
    # a row of its own at the page top (its own numbering): left alone
    ([["h1\th2", "a\t1.甲\t3"], ["h1\th2", "\t2.乙\t"]], None),
    # the next row has values: a row of its own
    ([["h1\th2", "a\t1.甲\t3"], ["h1\th2", "\t乙\t4"]], None),
    # text between the table and the next page's row: the table ended
    ([["h1\th2", "a\t1.甲\t3"], ["三、收到和处理政府信息公开申请情况", "\t乙\t"]], None),
])
def test_join_split_rows_only_joins_a_label_tail(pages, joined):
    before = [list(p) for p in pages]
    out = _join_split_rows([list(p) for p in pages])
    if joined is None:
        assert out == before
    else:
        assert out[0][-1] == joined[0] and [x for x in out[1] if x] == ["h1\th2"]


def test_thin_space_digit_groups_are_numbers():
    """A typeset table groups digits with a thin space ("12 386", U+2009): 表二's 行政许可
    and 行政处罚 were read as labels, the cells lost, in the .docx and the PDF alike."""
    name = "b2022_weijian_thin_space"
    truth = _truth(name)
    d = load_report(DATA / f"{name}.docx").to_dict()["tables"]
    assert d["table2.5"]["values"][0][0] == truth["t2"]["lic"] == 12386
    assert d["table2.6"]["values"][0][0] == truth["t2"]["pun"] == 1047
    # two numbers in two cells stay two numbers; "12 3860" is no digit group
    report = load_report("柳岸县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
                         "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t12 3860\n")
    assert report.to_dict()["tables"].get("table2.5", {}).get("values", [[None]])[0][0] != 123860


def test_browser_print_header_and_footer_are_running_heads():
    """A web page printed by Chromium carries its print date and <title> at the head of each
    page and its address with "n/m" at the foot. The foot differed on each page by its
    counter, so it stayed after the signature date (the date, no longer the last line, was
    not read) and inside section 五 (a statement "file:///….html 2/3"); the head stayed on
    page 1 above a breadcrumb and a 发布时间 line, and was taken for the title (agency lost)."""
    from nlp_reports.ingest.pdf import _drop_running_heads

    head = "1/25/24, 9:12 AM 宁川县水务局2023年政府信息公开工作年度报告"
    url = "https://www.ningchuan.gov.cn/sw/art/2024/1/25/art_5.html"
    pages = [
        [head, "当前位置：首页 > 政务公开 > 年度报告", "发布时间：2024-01-25 09:12 来源：县水务局",
         "宁川县水务局2023年政府信息公开工作年度报告", "一、总体情况", "2023年，我局主动公开政府信息158条。",
         f"{url} 1/3"],
        [head, "三、收到和处理政府信息公开申请情况", "全年收到申请4件。", f"{url} 2/3"],
        [head, "五、存在的主要问题及改进情况", "1.农村供水水质检测结果公开不够及时。", "宁川县水务局",
         "2024年1月25日", f"{url} 3/3"],
    ]
    out = _drop_running_heads(pages)
    assert all(head not in p and not any(line.startswith(url) for line in p) for p in out)
    assert out[0][2] == "宁川县水务局2023年政府信息公开工作年度报告"
    assert out[2][-1] == "2024年1月25日"


def test_footnote_number_after_a_table3_label():
    """A footnote on 表三's row 一 label ("…申请数量①" set as a superscript 2) reads in a PDF as
    a digit glued to the label: the label was taken for prose and 表三 was not found at all.
    In a row label's cell, before the row's values, such a digit is the footnote's number."""
    rows = [("一、本年新收政府信息公开申请数量2", [5, 1, 0, 0, 0, 0, 6]),
            ("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
            ("三、本年度办理结果\t（一）予以公开", [3, 1, 0, 0, 0, 0, 4]),
            ("三、本年度办理结果\t（七）总计1", [5, 1, 0, 0, 0, 0, 6]),
            ("四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0])]
    table = "\n".join(f"{label}\t" + "\t".join(map(str, v)) for label, v in rows)
    text = ("金川县市场监督管理局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
            f"{table}\n2 含通过县政务服务网提交的申请。\n")
    t3 = load_report(text).to_dict()["tables"]["table3"]
    assert t3["values"][t3["rows"].index("1")] == [5, 1, 0, 0, 0, 0, 6]
    assert t3["values"][t3["rows"].index("3.7")] == [5, 1, 0, 0, 0, 0, 6]
    assert t3["row_labels"][t3["rows"].index("1")].endswith("数量")


def test_two_column_cover_with_contents():
    """A cover in two columns: the contents (目录, 一 … 六) on the left, the title on the
    right. Read across the gutter, the entries and the title's lines were interleaved; in a
    two-page PDF "一、总体情况", topping page 1's contents and page 2's body, was dropped as a
    running head, so the contents were the sections, 六 held the whole report and 五 gave
    no statement."""
    report = load_report(DATA / "b2022_xiang_two_column_cover.pdf")
    assert report.metadata.agency == "红柳乡人民政府" and report.metadata.year == 2022
    assert report.metadata.published == "2023-01-10"
    assert [(s.block, s.text) for s in report.statements] == [
        ("problem", "公开栏内容更新不够及时。"), ("problem", "兼职人员对公开标准掌握不够。"),
        ("measure", "每月更新一次公开栏。"), ("measure", "参加县里组织的业务培训。")]
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.sections[0].text.startswith("2022年，我乡")


def test_contents_interleaved_with_a_cover_title_is_passed_over():
    """The contents rule allowed only page numbers and leaders between entries; a cover
    read across its two columns puts the title's short lines and an entry's wrapped end
    there. Sections that say "无。" in a row are no contents."""
    cover = ("目 录 白沙镇人民政府\n2021年政府信息公开工作\n一、总体情况\n年度报告\n"
             "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况 二〇二二年一月\n"
             "四、政府信息公开行政复议、行政诉讼情\n况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n\n")
    body = ("白沙镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年公开信息52条。\n"
            "二、主动公开政府信息情况\n在镇政府网站公开信息。\n三、收到和处理政府信息公开申请情况\n全年未收到申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n"
            "（一）存在的主要问题\n1.公开内容不够全面。\n（二）改进措施\n1.梳理公开目录。\n"
            "六、其他需要报告的事项\n无。\n")
    report = load_report(cover + body)
    assert [(s.block, s.text) for s in report.statements] == [
        ("problem", "公开内容不够全面。"), ("measure", "梳理公开目录。")]
    assert report.sections[0].text == "全年公开信息52条。"
    # "无。" under 四, 五 and 六 of a report without contents: the sections stay
    plain = load_report("红柳乡人民政府2022年政府信息公开工作年度报告\n一、总体情况\n全年公开信息41条。\n"
                        "二、主动公开政府信息情况\n公开栏。\n三、收到和处理政府信息公开申请情况\n未收到申请。\n"
                        "四、政府信息公开行政复议、行政诉讼情况\n无\n五、存在的主要问题及改进情况\n无\n"
                        "六、其他需要报告的事项\n无\n")
    assert [s.number for s in plain.sections] == [1, 2, 3, 4, 5, 6]
    assert plain.sections[0].text == "全年公开信息41条。"
