"""Defects found on ordinary 2021–2025 reports as researchers get them
(PDF-copied text, web pages, PDFs). Each input in tests/data/redteam8/ is a short fictional
report written for these tests; the test names the defect (D1–D13) it reproduces."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam8"


@pytest.mark.parametrize("page", ["- 2 -", "第2页 共2页", "共2页 第2页", "2", "　— 2 —　"])
def test_d5_a_page_number_after_the_closing_date_keeps_the_signature(page):
    """D5: a PDF viewer's copy puts the last page's number below the 落款 date; the date had
    to be the last line, so published was None, and with the agency only in the 落款 (a bare
    title) so were agency, level and region."""
    text = (DATA / "d5_page_after_date.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith("- 2 -")
    r = load_report(text.rstrip()[: -len("- 2 -")] + page + "\n", filename="d5.txt")
    m = r.metadata
    assert (m.published, m.agency, m.level, m.region) == ("2024-01-20", "芦湾县水务局",
                                                          "department", "芦湾县")
    assert "2024年1月20日" not in r.sections[-1].text


def test_d5_a_number_after_a_line_that_is_no_date_is_not_skipped():
    # only a page number right below the date is furniture: a last line "2" after prose
    # leaves the report without a signature, as before
    text = (DATA / "d5_page_after_date.txt").read_text(encoding="utf-8")
    text = text.replace("2024年1月20日\n- 2 -", "本局联系电话见门户网站。\n2")
    assert load_report(text, filename="d5.txt").metadata.published is None


@pytest.mark.parametrize("drop_h1", [False, True])
def test_d6_a_preamble_quoting_the_html_title_does_not_hide_it(drop_h1):
    """D6: "现公布…2023年政府信息公开工作年度报告。" in the preamble held the title as a
    substring, so the <h1>/<title> line was not put on top of the text: the title was lost
    (or the preamble sentence taken for it). The title line must be a line of its own."""
    page = (DATA / "d6_preamble_quotes_title.html").read_text(encoding="utf-8")
    if drop_h1:  # the title then comes from <title>, the site name split off
        page = page.replace('<h1 class="title">芦湾县人民政府2023年政府信息公开工作年度报告</h1>', "")
    r = load_report(page.encode(), filename="d6.html")
    assert r.metadata.title == "芦湾县人民政府2023年政府信息公开工作年度报告"
    assert (r.metadata.agency, r.metadata.region) == ("芦湾县人民政府", "芦湾县")
    assert "no_title" not in {p.code for p in r.errors}


def test_d6_a_short_html_title_inside_the_title_line_is_not_repeated():
    # "<title>年度报告</title>" is held by the page's own title line, with no sentence
    # around it: it is not put on top as a title of its own
    title = "芦湾县人民政府2023年政府信息公开工作年度报告"
    page = (DATA / "d6_preamble_quotes_title.html").read_text(encoding="utf-8")
    page = page.replace(f"<title>{title}_芦湾县人民政府门户网站</title>", "<title>年度报告</title>")
    page = page.replace(f'<h1 class="title">{title}</h1>', "").replace(
        '<div class="content">', f'<div class="content">\n<p>{title}</p>')
    assert "<title>年度报告</title>" in page and "<h1" not in page
    r = load_report(page.encode(), filename="d6.html")
    assert r.metadata.title == "芦湾县人民政府2023年政府信息公开工作年度报告"


def test_d7_a_pdf_running_head_above_the_printed_title_is_not_the_title():
    """D7: a running head on every page ("…信息公开年度报告", no year) was kept on page 1 as
    the title, since a page-1 head is often the title itself; the printed title with the year
    right below it shows that it is furniture there too."""
    pytest.importorskip("pdfplumber")
    path = DATA / "d7_running_head_above_title.pdf"
    r = load_report(path)
    assert r.metadata.title == "芦湾职业学院2023年政府信息公开工作年度报告"
    assert r.metadata.year == 2023
    assert "芦湾职业学院信息公开年度报告" not in load_report(path).sections[0].text


def test_d7_a_page_one_head_with_no_printed_title_below_stays_the_title():
    from nlp_reports.ingest.pdf import _drop_running_heads

    head = "芦湾职业学院信息公开年度报告"
    pages = [[head, "一、总体情况", "本年度主动公开信息215条。"],
             [head, "二、主动公开政府信息情况", "正文"], [head, "三、收到和处理政府信息公开申请情况", "正文"]]
    assert _drop_running_heads(pages)[0] == pages[0]
    # the printed title below it: the head goes on page 1 too
    titled = [[head, "芦湾职业学院2023年政府信息公开工作年度报告", *pages[0][1:]], *pages[1:]]
    assert _drop_running_heads(titled)[0] == titled[0][1:]


def test_d8_a_run_in_section_heading_leaves_the_problems_sub_heading_to_the_body():
    """D8: "五、存在的主要问题及改进情况　（一）存在的主要问题" on one line: the section title
    took the sub-heading too, so the problems below it had no block (unknown)."""
    r = load_report(DATA / "d8_runin_subheading.txt")
    five = next(s for s in r.sections if s.number == 5)
    assert five.title == "存在的主要问题及改进情况"
    assert [(s.block, s.text[:4]) for s in r.statements] == [
        ("problem", "涉农政策"), ("problem", "村级公开"), ("measure", "编写图解"), ("measure", "建立公开")]
    assert next(s for s in r.sections if s.number == 1).text.startswith("2023年")


_D1_PROBLEMS = ["（一）工作中的短板", "（一）存在的短板和不足", "（一）存在的短板"]
_D1_MEASURES = ["（二）工作举措", "（二）改进举措", "（二）工作措施", "（二）整改方向", "（二）对策建议",
                "（二）改进计划", "（二）主要举措"]


@pytest.mark.parametrize(("problems", "measures"),
                         [(p, "（二）工作举措") for p in _D1_PROBLEMS]
                         + [("（一）工作中的短板", m) for m in _D1_MEASURES[1:]])
def test_d1_sub_heading_wordings_name_their_block(problems, measures):
    """D1: sub-headings worded 工作举措 / 改进举措 / 工作措施 / 整改方向 / 对策建议 / 改进计划 or
    …短板 named no block: the heading became a statement and its items were tagged with the
    wrong block (or unknown). Each is a heading, and its items take its block."""
    text = (DATA / "d1_subheading_wordings.txt").read_text(encoding="utf-8")
    assert "（一）工作中的短板" in text and "（二）工作举措" in text
    text = text.replace("（一）工作中的短板", problems).replace("（二）工作举措", measures)
    r = load_report(text, filename="d1.txt")
    assert [s.block for s in r.statements] == ["problem"] * 3 + ["measure"] * 3
    assert [s.marker for s in r.statements] == ["一是", "二是", "三是"] * 2
    assert not any(s.text.startswith(("（", "(")) for s in r.statements)


def test_d1_a_measure_that_fills_a_gap_is_no_problem_heading():
    # "补齐短板" names what a measure does, not a problem: no problem heading
    from nlp_reports.parse.headings import block_of

    assert block_of("补齐短板") is None
    assert block_of("问题及对策") == "unknown"


def test_d2_the_running_head_of_pdf_copied_text_is_no_statement_text():
    """D2: text copied out of a PDF viewer repeats the title after each page number; in
    section 五 it was glued to the item before it, or split an item in two halves around
    it. A line after a page number that spells the title is page furniture."""
    r = load_report(DATA / "d2_running_head.txt")
    head = "芦湾县石门镇人民政府2023年政府信息公开工作年度报告"
    assert r.metadata.title == head
    assert [(s.block, s.text) for s in r.statements] == [
        ("problem", "信息发布审核流程较长，部分信息公开时效性不足。"),
        ("problem", "政务新媒体内容较为单一。"),
        ("measure", "压缩审核环节，提高发布效率。"),
        ("measure", "丰富新媒体栏目，增加办事指南类内容。")]
    assert not any(head in s.text for s in r.sections)


def test_d2_a_head_other_than_the_title_goes_after_three_page_numbers():
    from nlp_reports.ingest.normalize import drop_running_heads

    body = ["某县政务公开", "正文甲。", "- 1 -", "某县政务公开", "正文乙。", "- 2 -", "某县政务公开",
            "正文丙。"]
    text = "\n".join(["某县2023年政府信息公开工作年度报告", *body])
    assert drop_running_heads(text) == text  # twice after a page number: kept
    text3 = text + "\n- 3 -\n某县政务公开\n正文丁。"
    assert drop_running_heads(text3).count("某县政务公开") == 1  # the first, before any page
    # a line that also stands elsewhere (not only after page numbers) is no running head
    assert drop_running_heads(text3 + "\n某县政务公开").count("某县政务公开") == 5
    # and the title after a single page number is one, with the agency named longer too
    title = "石门镇人民政府2023年政府信息公开工作年度报告"
    for head in (title, "芦湾县" + title):
        out = drop_running_heads(f"{title}\n一是公开不够及\n- 5 -\n{head}\n时。")
        assert out == f"{title}\n一是公开不够及\n- 5 -\n时。"
    # a sentence ending in the title after a page number is text
    prose = f"{title}\n- 5 -\n现将本镇，{title}"
    assert drop_running_heads(prose) == prose


def _t4_count(path: Path) -> tuple:
    t4 = load_report(path).table("table4")
    assert t4 is not None
    return t4.status, t4.values[0]


_T4 = (1.0, 0.0, 0.0, 1.0, 2.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_d3_a_running_head_inside_a_one_cell_per_line_table_is_skipped():
    """D3: the page number and running head printed between two cells of 表四 (text copied
    from a PDF viewer): the head was read as a row label, and the table lost."""
    assert _t4_count(DATA / "d3_table_running_head.txt") == ("ok", _T4)



def test_d4_a_page_of_pages_line_inside_a_table_is_skipped():
    """D4: "第3页 共4页" between two cells of 表四: tables.py knew only "- 3 -"; it now skips
    every page-number form of ingest.normalize.PAGE_NUMBER."""
    assert _t4_count(DATA / "d4_table_page_line.txt") == ("ok", _T4)
    text = (DATA / "d4_table_page_line.txt").read_text(encoding="utf-8")
    for page in ("共4页 第3页", "第 3 页", "3/4", "— 3 —"):
        t4 = load_report(text.replace("第3页 共4页", page), filename="d4.txt").table("table4")
        assert (t4.status, t4.values[0]) == ("ok", _T4), page


def test_d9_a_table3_whose_header_names_six_columns_is_read():
    """D9: a 表三 printed without the 法律服务机构 column (6 values a row, the header naming
    the other 6): it was lost whole ("row 1 has 6 values, expected 7"). The named columns
    are read, the missing one is blank (never 0)."""
    t3 = load_report(DATA / "d9_table3_six_columns.txt").table("table3")
    assert t3.status == "ok"
    assert t3.columns[4] == "legal_services"
    assert t3.values[t3.rows.index("1")] == (9.0, 2.0, 0.0, 1.0, None, 1.0, 14.0)
    assert t3.raw[t3.rows.index("1")][4] == ""
    assert t3.values[t3.rows.index("3.7")] == (9.0, 2.0, 0.0, 1.0, None, 1.0, 14.0)
    assert all(row[4] is None for row in t3.values)


def test_d9_a_header_that_does_not_say_which_column_is_left_out_stays_unreadable():
    text = (DATA / "d9_table3_six_columns.txt").read_text(encoding="utf-8")
    # the header split "商业" / "企业": which column is missing is not said
    split = text.replace("\n商业企业\n", "\n商业\n企业\n", 1)
    assert load_report(split, filename="d9.txt").table("table3").status == "unreadable"
    # a header naming all 7 over rows of 6 values: no column can be left blank
    seven = text.replace("\n其他\n", "\n法律服务机构\n其他\n", 1)
    assert load_report(seven, filename="d9.txt").table("table3").status == "unreadable"


def test_d11_an_unreadable_table_holds_no_value_under_the_wrong_cell():
    """D11: a 表三 copied column by column (all row labels, then each column's values under
    its name): row 四 took the first 7 values of the 自然人 column. The table is unreadable,
    and an unreadable table holds no value whose row and column were not both identified."""
    r = load_report(DATA / "d11_table3_by_column.txt")
    t3 = r.table("table3")
    assert t3.status == "unreadable"
    assert all(v is None for row in t3.values for v in row)
    assert "row 4: values after a label that is no row" in t3.problem or "more" in t3.problem
    # the same values written row by row (d12's layout, its blank totals filled in): read
    text = (DATA / "d12_blank_total.txt").read_text(encoding="utf-8")
    for total in ("14", "1", "8"):
        text = text.replace("\n\n", f"\n{total}\n", 1)
    rows = load_report(text, filename="x.txt").table("table3")
    assert rows.status == "ok"
    assert rows.values[rows.rows.index("4")] == (1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)


def test_d13_a_lone_first_item_under_a_sub_heading_loses_its_marker():
    """D13: "（二）改进措施 / 一是…" with no 二是: an enumeration needs two items, so the lone
    item was split as a sentence with its "一是" in the text, and statements_unsplit said so."""
    r = load_report(DATA / "d13_lone_item.txt")
    assert [(s.block, s.marker, s.text) for s in r.statements][2] == (
        "measure", "一是", "增加审核力量，开通线上预约查档。")
    assert "statements_unsplit" not in {p.code for p in r.errors}
    # "一是" written mid-block after prose is no lone item
    text = (DATA / "d13_lone_item.txt").read_text(encoding="utf-8").replace(
        "（二）改进措施\n一是增加", "（二）改进措施\n下一步将加强管理，一是增加")
    assert load_report(text, filename="d13.txt").statements[2].marker is None


def test_d10_bare_page_numbers_of_a_pdf_copy_are_no_table_values():
    """D10: a PDF viewer's copy numbers its pages with a bare "3" on a line, as a
    one-cell-per-line table writes its values: a page number inside 表三 or 表四 was read as
    a cell and the tables lost. The run 1, 2, 3 … that ends the text, one per page at an
    even spacing, is page furniture."""
    path = DATA / "d10_bare_page_numbers.txt"
    r = load_report(path)
    t3, t4 = r.table("table3"), r.table("table4")
    assert (t3.status, t4.status) == ("ok", "ok")
    assert t3.values[t3.rows.index("1")] == (9.0, 2.0, 0.0, 1.0, 1.0, 1.0, 14.0)
    assert t4.values[0] == (1.0, 0.0, 0.0, 1.0, 2.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert r.metadata.published == "2025-01-22"


def test_d10_numbers_that_do_not_run_page_by_page_stay():
    from nlp_reports.ingest.normalize import _bare_page_numbers

    text = (DATA / "d10_bare_page_numbers.txt").read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    found = _bare_page_numbers(text)
    assert [lines[i] for i in sorted(found)] == [str(n) for n in range(1, len(found) + 1)]
    assert len(found) >= 4
    # the last page's number gone: no run ends the text, every number stays a value
    assert _bare_page_numbers("\n".join(lines[:-1])) == set()
    # page 5 moved off its place: the run is broken, nothing is taken
    five = next(i for i in found if lines[i] == "5")
    moved = lines[:five] + lines[five + 1:five + 8] + ["5"] + lines[five + 8:]
    assert _bare_page_numbers("\n".join(moved)) == set()


def test_blank_lines_a_pdf_puts_among_table_cells_are_no_cells():
    """A PDF's text has empty lines among 表三's one-per-line cells (a line or page break of
    the layout, "2\\n\\n11"): read as blank cells, row 一 had 8 values and the table was lost
    (a try at D12 did that; it was reverted). The table is read, as before."""
    pytest.importorskip("pdfplumber")
    r = load_report(DATA / "pdf_blank_lines_among_cells.pdf")
    t3 = r.table("table3")
    assert t3.status == "ok"
    assert t3.values[t3.rows.index("1")] == (1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 3.0)
