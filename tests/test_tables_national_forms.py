"""Defects found on reports of kinds and forms not tried before
(national and provincial reports, 2019/2020 layouts, Markdown / Excel / Word-table forms,
section 五 laid out as a table or by 方面). Each input in tests/data/redteam9/ is a short
fictional report written for these tests; the test names the defect (R1–R6) it reproduces."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

DATA = Path(__file__).parent / "data" / "redteam9"


def _table(report, table_id):
    return next(t for t in report.tables if t.id == table_id)


def test_r1_pipe_rows_padded_to_the_widest_row_make_no_subtotal_column():
    """R1: an HTML→Markdown converter drops the rowspan cells of 表三's group labels, so some
    rows carry a group label cell and others end in an empty padding cell. The padding was
    taken for an 8th column (法人或其他组织小计): the 总计 landed in legal_subtotal and the
    rows with a group label cell could not be placed."""
    r = load_report(DATA / "md_rowspan_dropped.md")
    t3 = _table(r, "table3")
    assert t3.status == "ok", t3.problem
    assert "legal_subtotal" not in t3.columns
    total = t3.columns.index("total")
    assert t3.values[t3.rows.index("1")][total] == 13
    assert t3.values[t3.rows.index("3.1")][total] == 8  # a row led by its group label cell
    assert t3.values[t3.rows.index("3.7")][t3.columns.index("natural_person")] == 9
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_r1_a_printed_subtotal_column_still_makes_eight():
    # the same padded rows under a header that prints 法人或其他组织小计 keep 8 columns
    text = (DATA / "md_rowspan_dropped.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        nums = [c for c in cells if c.isdigit()]
        if len(nums) == 7:  # insert the subtotal (the five organisation columns) before 总计
            sub = str(sum(int(x) for x in nums[1:6]))
            labels = [c for c in cells if c and not c.isdigit()]
            line = "| " + " | ".join([*labels, *nums[:6], sub, nums[6], " "]) + " |"
        elif "申请人情况" in line:
            line = "| 申请人情况 | 自然人 | 法人或其他组织 | 总计 | | | | | | |"
        elif "商业企业" in line:
            line = "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | | | | |"
        rows.append(line)
    t3 = _table(load_report("\n".join(rows) + "\n", filename="sub.md"), "table3")
    assert t3.status == "ok", t3.problem
    assert t3.columns.index("legal_subtotal") == 6
    assert t3.values[t3.rows.index("1")][6:] == (4, 13)


@pytest.mark.parametrize("name", ["s5_table.txt", "s5_table.md"])
def test_r2_section5_as_a_problem_measure_table_gives_one_statement_a_cell(name):
    """R2/R3: section 五 laid out as a table "序号 | 存在问题 | 整改措施" (a Word table, an
    Excel paste, a Markdown pipe table) was read as prose: the pipe rows became statements
    with the pipes in them, and a TAB-separated header line made every row a measure. Each
    filled cell of the two named columns is a statement of its column's block, row by row;
    the 序号 column and the header are none."""
    r = load_report(DATA / name)
    got = [(s.block, s.text) for s in r.statements]
    assert got[0] == ("unknown", "对照年度要点，我局梳理出以下问题并逐项明确整改措施。")
    assert got[1:] == [
        ("problem", "林长制信息更新滞后，巡林记录公开不全。"),
        ("measure", "每月汇总巡林记录，按季度集中发布。"),
        ("problem", "防火期通告只在公告栏张贴，覆盖面窄。"),
        ("measure", "通告同步推送到乡镇群和政务新媒体。"),
        ("problem", "依申请公开答复书引用条款不准确。"),
        ("measure", "答复书一律经法律顾问审核后出具。"),
    ]


def test_r2_a_word_table_in_section5_is_read_by_its_columns(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    lines = (DATA / "s5_table.txt").read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if "\t" in ln]
    for ln in lines:
        if "\t" in ln:
            continue
        d.add_paragraph(ln)
        if ln.startswith("对照"):
            t = d.add_table(rows=len(rows), cols=3)
            for i, row in enumerate(rows):
                for j, c in enumerate(row):
                    t.cell(i, j).text = c
    d.save(tmp_path / "r.docx")
    blocks = [s.block for s in load_report(tmp_path / "r.docx").statements]
    assert blocks == ["unknown"] + ["problem", "measure"] * 3


def test_r4_topic_headings_over_their_own_problem_and_measure_are_no_statements():
    """R4: section 五 by 方面 — "（一）预警信息公开方面" over "存在的问题：…改进措施：…" — made the
    topic headings statements of their own (the first `unknown`, the later ones `measure`).
    A numbered line ending in 方面 with a problem label right below is a topic heading: each
    topic gives its problem and its measure."""
    got = [(s.block, s.text[:6]) for s in load_report(DATA / "s5_aspects.txt").statements]
    assert got == [("problem", "灾害性天气预"), ("measure", "预警发布同时"),
                   ("problem", "个别申请的补"), ("measure", "制作补正告知"),
                   ("problem", "兼职人员调整"), ("measure", "建立工作台账")]


def test_r4_a_numbered_item_ending_in_fangmian_without_a_pair_stays_a_statement():
    # under "（一）存在的主要问题" an item may name its 方面 and hold the problem itself: with no
    # "问题：" label below it, it is an item as before
    text = (DATA / "s5_aspects.txt").read_text(encoding="utf-8")
    five = ("（一）存在的主要问题\n1.政策解读方面\n解读材料与文件同步发布的比例不高。\n"
            "（二）改进措施\n1.解读材料与政策文件同步起草、同步审核、同步发布。\n")
    start = text.index("（一）预警")
    text = text[:start] + five + text[text.index("六、其他"):]
    got = [(s.block, s.text[:6]) for s in load_report(text, filename="r4.txt").statements]
    assert got[0] == ("problem", "政策解读方面")
    assert got[-1] == ("measure", "解读材料与政")


def _t1(report):
    return {c.row: (c.outcome, c.message) for c in report.checks if c.id == "T1"}


def test_r7_narrative_figures_with_thousands_separators_are_checked():
    """R7: a provincial or national body writes its counts with thousands separators in
    section 一 ("新收政府信息公开申请1,204件，…办结1,204件"): those figures were not read, so
    T1 never compared them with 表三 (only the figures under 1,000 were)."""
    text = (DATA / "t1_thousands.txt").read_text(encoding="utf-8")
    t1 = _t1(load_report(text, filename="t1.txt"))
    assert t1["1"][0] == "pass" and "1204" in t1["1"][1]
    assert t1["3.7"][0] == "pass"
    # and a figure that disagrees is found
    t1 = _t1(load_report(text.replace("办结1,204件", "办结1,240件"), filename="t1.txt"))
    assert t1["3.7"][0] == "fail" and "1240" in t1["3.7"][1]


def test_r7_parse_chinese_number_reads_thousands_only_in_groups_of_three():
    from nlp_reports.parse.checks import parse_chinese_number

    assert [parse_chinese_number(s) for s in ("1,204", "12,345,678", "三十")] == [1204, 12345678, 30]
    assert parse_chinese_number("1,20") is None and parse_chinese_number("12,3456") is None


def test_r5_a_wrap_between_the_key_word_and_its_figure_keeps_the_figure():
    """R5: text copied out of a PDF viewer breaks lines every ~37 characters, here between
    "…公开申请" and "1,204件": section 一 is read line by line, so the figure was lost and T1
    compared nothing for row 一."""
    text = (DATA / "t1_thousands.txt").read_text(encoding="utf-8")
    wrapped = text.replace(
        "（二）依申请公开情况\n全年新收政府信息公开申请1,204件，",
        "（二）依申请公开情况。本局严格执行答复时限，全年新收政府信息公开申请\n1,204件，")
    assert wrapped != text
    t1 = _t1(load_report(wrapped, filename="t1.txt"))
    assert t1["1"][0] == "pass" and "1204" in t1["1"][1]
    # a short line ending in a figure's key word is no wrap: "办结" alone before "3件" stays
    # apart (a list, a table cell), so is a line that ends a sentence
    short = text.replace("全年新收政府信息公开申请1,204件，", "新收申请\n1,204件，")
    assert "1" not in _t1(load_report(short, filename="t1.txt"))


@pytest.mark.parametrize("agency", ["芦湾县清溪镇杏林村民委员会", "芦湾县城关街道枫桥社区居民委员会"])
def test_r6_a_village_or_community_committee_is_no_department(agency):
    """R6: a 村民委员会 / 居民委员会 that publishes a report got level ``department`` (its
    name ends in 委员会, as a 发展和改革委员会's does). It is a self-governing body, no
    government and no department of one: like a school or a hospital it has no level."""
    text = (DATA / "s5_aspects.txt").read_text(encoding="utf-8").replace("芦湾县气象局", agency)
    m = load_report(text, filename="r6.txt").metadata
    assert m.agency == agency
    assert m.level is None
    # a commission of a government keeps its level
    text = text.replace(agency, "芦湾县发展和改革委员会")
    assert load_report(text, filename="r6.txt").metadata.level == "department"


def test_r2_of_two_columns_naming_one_block_the_one_with_the_text_is_read():
    # "问题类型 | 存在问题 | 整改措施 | 整改情况": the type and the status are no statements
    text = (DATA / "s5_table.txt").read_text(encoding="utf-8")
    lines = []
    for ln in text.splitlines():
        if "\t" in ln:
            n, p, m = ln.split("\t")
            first, last = ("问题类型", "整改情况") if n == "序号" else ("公开质量", "已完成")
            ln = "\t".join([first, p, m, last])
        lines.append(ln)
    got = [(s.block, s.text[:4]) for s in load_report("\n".join(lines), filename="t.txt").statements]
    assert got[1:] == [("problem", "林长制信"), ("measure", "每月汇总"), ("problem", "防火期通"),
                       ("measure", "通告同步"), ("problem", "依申请公"), ("measure", "答复书一")]


# --- section 五 as a table: what the regression rerun's probes found (s9) ----------------------

_HEAD = ("溪山县统计局2024年政府信息公开工作年度报告\n一、总体情况\n本年度依法做好政府信息公开工作。\n"
         "五、存在的主要问题及改进情况\n")
_TAIL = "\n六、其他需要报告的事项\n无。\n"


def _five(body: str) -> list[tuple[str, str]]:
    return [(s.block, s.text) for s in load_report((_HEAD + body + _TAIL).encode()).statements]


def test_a_status_column_is_no_measure_column():
    """整改措施 | 整改情况: the status column, often the longer, held the 'measures' and the
    real measures were lost."""
    got = _five("序号\t存在问题\t整改措施\t整改情况\n"
                "1\t公众参与渠道不够丰富。\t丰富政府开放日活动。\t已完成。全年举办开放日活动6场，"
                "邀请群众代表120人次参加，满意度明显提升。\n"
                "2\t查阅点建设相对滞后。\t推进查阅点标准化建设。\t已完成。全县12个乡镇查阅点全部按"
                "标准改造到位，配备自助查询设备。")
    assert got == [("problem", "公众参与渠道不够丰富。"), ("measure", "丰富政府开放日活动。"),
                   ("problem", "查阅点建设相对滞后。"), ("measure", "推进查阅点标准化建设。")]


def test_a_table_of_counts_gives_no_statement():
    """整改类别 | 发现问题 | 已整改 with counts under a prose 五: no '3' and no category
    label as statements; the prose reads as before."""
    got = _five("一是公众参与渠道不够丰富。二是查阅点建设相对滞后。\n"
                "整改类别\t发现问题\t已整改\n主动公开\t3\t3\n依申请公开\t2\t1")
    texts = [t for _, t in got]
    assert "公众参与渠道不够丰富。" in texts[0] and "查阅点建设相对滞后。" in texts[-1]
    assert not {"3", "2", "主动公开", "依申请公开"} & set(texts)


def test_a_cell_of_enumerated_items_gives_one_statement_per_item():
    got = _five("存在问题\t整改措施\n一是公众参与渠道不够丰富。二是查阅点建设相对滞后。\t"
                "一是动态调整公开事项标准目录。二是主动回应社会关切。")
    assert got == [("problem", "公众参与渠道不够丰富。"), ("problem", "查阅点建设相对滞后。"),
                   ("measure", "动态调整公开事项标准目录。"), ("measure", "主动回应社会关切。")]
