"""Parser edge cases: wrapped titles, a repeated title line,
T2 with a signature after 六, township offices, 部门/年度 in agency names, 开发区 levels,
表四 and 表二 layouts. Inputs are invented reports."""

from __future__ import annotations

import io
import re

import pytest

from nlp_reports.parse import load_report

BODY = """一、总体情况
本局认真落实条例，各项工作有序推进。
二、主动公开政府信息情况
本年主动公开信息一百余条。
三、收到和处理政府信息公开申请情况
本年收到申请五件，均按时答复。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
一是公开不够及时。二是解读不够深入。
六、其他需要报告的事项
无。
"""


# ---------------------------------------------------------------- 1. a title wrapped over lines

@pytest.mark.parametrize("head", [
    "云岭市自然资源\n和规划局2023年政府信息公开工作年度报告",  # the break inside the agency
    "云岭市自然资源和规划局2023年\n政府信息公开工作年度报告",
    "云岭市自然资源和规划局2023年政府信息\n公开工作年度报告",
    "云岭市自然资源和规划局\n2023年政府信息公开\n工作年度报告",  # three lines
    "云岭市\n自然资源和规划局\n2023年度政府信息公开工作年度报告",
    "  云岭市自然资源和规划局\n  2023年度政府信息公开工作\n  年度报告  ",  # centred
])
def test_wrapped_title_gives_agency_and_year(head: str) -> None:
    m = load_report(head + "\n" + BODY).metadata
    assert m.agency == "云岭市自然资源和规划局"
    assert m.year == 2023
    assert m.region == "云岭市"
    assert m.title == re.sub(r"\s+", "", head)


def test_wrapped_title_in_docx() -> None:
    docx = pytest.importorskip("docx")
    for split_by_break in (False, True):
        d = docx.Document()
        if split_by_break:  # one centred paragraph broken by a line break
            d.add_paragraph().add_run("柳岸县交通").add_break()
            d.paragraphs[0].add_run("运输局2022年政府信息公开工作年度报告")
        else:
            d.add_paragraph("柳岸县交通运输局2022年")
            d.add_paragraph("政府信息公开工作年度报告")
        for line in BODY.strip().split("\n"):
            d.add_paragraph(line)
        buf = io.BytesIO()
        d.save(buf)
        m = load_report(buf.getvalue(), filename="r.docx").metadata
        assert (m.agency, m.year, m.level) == ("柳岸县交通运输局", 2022, "department")


@pytest.mark.parametrize(("head", "agency"), [
    # a site's name, a column's name or a sentence above a title is not part of it
    ("柳岸县人民政府门户网站\n2023年政府信息公开工作年度报告", None),
    ("政务公开专栏\n2023年政府信息公开工作年度报告", None),
    ("政府信息公开\n2023年政府信息公开工作年度报告", None),
    ("本报告由本局编制。\n2023年政府信息公开工作年度报告", None),
    # a title read whole on its line stays as it is
    ("政府信息公开年报\n柳岸县财政局2023年政府信息公开工作年度报告", "柳岸县财政局"),
    ("柳岸县人民政府\n柳岸县财政局2023年政府信息公开工作年度报告", "柳岸县财政局"),
    ("国家统计局\n国家统计局2023年政府信息公开工作年度报告", "国家统计局"),
])
def test_lines_above_a_title_not_joined(head: str, agency: str | None) -> None:
    m = load_report(head + "\n" + BODY).metadata
    assert m.agency == agency
    assert m.title == head.split("\n")[1]


# ------------------------------------------------- 2. the title twice above the date line

TITLE = "柳岸县财政局2023年政府信息公开工作年度报告"


@pytest.mark.parametrize("head", [
    f"{TITLE}\n{TITLE}\n发布时间：2024-01-18 09:30  来源：柳岸县财政局",  # <title> and <h1>
    f"{TITLE}\n\n  {TITLE}  \n发布日期：2024年01月18日\n字号：大 中 小",
    f"{TITLE}\n柳岸县财政局2023年政府信息\n公开工作年度报告\n发布时间：2024-01-18",  # <h1> wrapped
    f"{TITLE}\n首页 > 政务公开 > 年报\n{TITLE}\n发布时间：2024-01-18",  # a breadcrumb between
])
def test_published_found_below_a_repeated_title(head: str) -> None:
    r = load_report(head + "\n" + BODY)
    assert r.metadata.published == "2024-01-18"
    assert r.metadata.title == TITLE
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]



# ------------------------------------------- 3. T2: a sign-off or 附件 below section 六's 无

def _fee_report(six: str) -> str:
    return ("柳岸县水务局2023年政府信息公开工作年度报告\n"
            "一、总体情况\n本局依法做好政府信息公开工作。\n"
            "二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n"
            "行政事业性收费\t3.6\n"
            "三、收到和处理政府信息公开申请情况\n本年未收到申请。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
            "五、存在的主要问题及改进情况\n一是公开不够及时。二是解读不够深入。\n"
            f"六、其他需要报告的事项\n{six}")


def _t2(text: str):
    return next(c for c in load_report(text).checks if c.id == "T2")


@pytest.mark.parametrize("tail", [
    "",
    "\n\n柳岸县水务局\n2024年1月18日",
    "\n\n柳岸县水务局\n2024年1月18日\n附件：1.政府信息公开申请表",
    "\n\n附件：政府信息公开工作情况统计表",
    "\n\n附件：\n1.统计表\n2.申请表",
    "\n柳岸县水务局\n2024年1月18日\n（此件公开发布）",
    "\n柳岸县水务局\n2024年1月18日\n\n附件下载：统计表.xls",
    "\n柳岸县水务局\n2024年1月18日星期四",
    "\n柳岸县水务局　2024年1月18日",
    "\n柳岸县水务局\n2024-01-18",
    "\n柳岸县水务局\n二〇二四年一月十八日\n附表1：收费明细",
])
def test_t2_fails_when_six_is_nothing_but_a_sign_off(tail: str) -> None:
    c = _t2(_fee_report("无。" + tail))
    assert c.outcome == "fail" and c.found == 3.6


@pytest.mark.parametrize("six", [
    "本年度收取信息处理费3.6万元，已全部上缴财政。\n柳岸县水务局\n2024年1月18日",
    "无其他需要报告的事项。\n本年度收费系行政事业性收费，与政府信息公开无关。\n附件：收费明细",
])
def test_t2_passes_when_six_has_content_above_the_sign_off(six: str) -> None:
    assert _t2(_fee_report(six)).outcome == "pass"


# ----------------------------------------------------- 4. township offices, 部门, 开发区

@pytest.mark.parametrize(("title", "opening", "region"), [
    # the name itself names the chain
    ("柳岸县白石镇便民服务中心2023年政府信息公开工作年度报告", "", "柳岸县白石镇"),
    ("柳岸县白石镇综合行政执法队2023年政府信息公开工作年度报告", "", "柳岸县白石镇"),
    # the text writes the county before the office's whole name
    ("白石镇便民服务中心2023年政府信息公开工作年度报告",
     "编制单位：柳岸县白石镇便民服务中心\n", "柳岸县白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告",  # where 柳岸县 starts is not known
     "柳岸县白石镇便民服务中心坚持依法公开。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "现将云岭市柳岸县白石镇人民政府2023年度报告公布如下。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "本报告由云岭市柳岸县白石镇人民政府编制。\n", "白石镇"),
    ("白石镇人民政府2023年政府信息公开工作年度报告",
     "（云岭市柳岸县白石镇人民政府）\n", "云岭市柳岸县白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告", "（本县白石镇便民服务中心）\n",
     "白石镇"),
    ("白石镇便民服务中心2023年政府信息公开工作年度报告", "", "白石镇"),
    # words that start with 城/乡/镇 are no township: the county's department keeps the county
    ("柳岸县城乡建设局2023年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县住房和城乡建设局2023年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县乡镇企业局2010年政府信息公开工作年度报告", "", "柳岸县"),
    ("柳岸县城镇综合执法局2023年政府信息公开工作年度报告", "", "柳岸县"),
])
def test_township_office_region(title: str, opening: str, region: str) -> None:
    m = load_report(title + "\n" + opening + BODY).metadata
    assert m.region == region
    assert m.level == ("township" if "人民政府" in title else "department")


@pytest.mark.parametrize("title", [
    "柳岸县财政局2023年度部门政府信息公开工作年度报告",
    "柳岸县财政局2023年部门政务公开工作年度报告",
    "柳岸县财政局2023年度本部门政府信息公开工作年度报告",
    "柳岸县财政局2023年度部门信息公开工作年度报告",
    "柳岸县财政局2023年度机关政府信息公开工作年度报告",
    "柳岸县财政局部门2023年政府信息公开工作年度报告",
    "柳岸县财政局本级2023年政府信息公开工作年度报告",
    "柳岸县财政局年度政府信息公开工作报告（2023年）",
    "柳岸县财政局2023年度年度政府信息公开工作报告",
])
def test_qualifier_words_are_not_part_of_the_agency(title: str) -> None:
    m = load_report(title + "\n" + BODY).metadata
    assert (m.agency, m.year, m.level, m.region) == ("柳岸县财政局", 2023, "department", "柳岸县")


@pytest.mark.parametrize(("agency", "level"), [
    # a zone named bare stands for its 管委会 (docs/schema.md, level)
    ("柳岸经济技术开发区", "department"),
    ("云岭市高新技术产业开发区", "department"),
    ("云岭高新区", "department"),
    ("柳岸工业园区", "department"),
    ("青禾综合保税区", "department"),
    ("柳岸经济技术开发区管理委员会", "department"),
    # districts stay county level, a 新区 among them
    ("浦东新区", "county"),
    ("溪山区", "county"),
    ("溪山区人民政府", "county"),
])
def test_development_zone_level(agency: str, level: str) -> None:
    m = load_report(f"{agency}2023年政府信息公开工作年度报告\n" + BODY).metadata
    # a bare 市辖区 is its 人民政府 (s7 F6); a zone or a 新区 is never expanded
    assert (m.agency, m.level) == ("溪山区人民政府" if agency == "溪山区" else agency, level)
    assert m.region == agency.removesuffix("管理委员会").removesuffix("人民政府")


# ------------------------------------------------------------- 5. 表四 header, 表二 cells

_T4_GROUPS = "结果维持 结果纠正 其他结果 尚未审结 总计"
_T4_VALUES = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1]  # I4 holds in each group


@pytest.mark.parametrize("header", [
    "行政复议 行政诉讼",
    "行政复议行政诉讼",  # a merged cell whose spaces a PDF lost
    "行政复议、行政诉讼",
    "政府信息公开行政复议\t政府信息公开行政诉讼",
    "行政复\n议\t行政诉讼",  # wrapped in its cell: the column header below anchors the table
    "",  # no group line at all
])
@pytest.mark.parametrize("sep", ["\t", " "])
def test_table4_header_variants(header: str, sep: str) -> None:
    from nlp_reports.parse.tables import read_tables

    groups = sep.join([_T4_GROUPS.replace(" ", sep)] * 3)
    text = "\n".join(x for x in (header, "未经复议直接起诉" + sep + "复议后起诉", groups,
                                 sep.join(map(str, _T4_VALUES))) if x)
    tables, _, _ = read_tables({4: text}, year=2023)
    t4 = next(t for t in tables if t.id == "table4")
    assert t4.status == "ok"
    assert t4.values == (tuple(map(float, _T4_VALUES)),)


def test_table4_merged_header_in_a_report_checks_pass() -> None:
    body = BODY.replace("四、政府信息公开行政复议、行政诉讼情况\n无。\n", "四、政府信息公开行政复议、行政诉讼情况\n"
                        "行政复议行政诉讼\n" + " ".join([_T4_GROUPS] * 3) + "\n"
                        + " ".join(map(str, _T4_VALUES)) + "\n")
    r = load_report("柳岸县水务局2023年政府信息公开工作年度报告\n" + body)
    assert r.table("table4").get("count", "review.total") == 4
    i4 = [c.outcome for c in r.checks if c.id == "I4"]
    assert i4 == ["pass"] * 3


def test_results_words_in_prose_are_no_table4() -> None:
    from nlp_reports.parse.tables import read_tables

    text = "结果维持\n本年度行政复议案件均已审结，其中结果纠正1件。\n3"
    tables, _, _ = read_tables({4: text}, year=2023)
    assert not [t for t in tables if t.id == "table4"]


@pytest.mark.parametrize(("row", "value"), [
    ("行政许可\t57\t57\t57\t", 57.0),  # merged cell repeated, then an empty spacer column
    ("行政许可\t\t57\t", 57.0),  # empty cells on both sides
    ("行政许可\t\t57\t57", 57.0),
    ("行政许可\t3\t57", None),  # two different values: not placed
    ("行政许可\t57\t/", None),  # a value and a written blank mark: not placed
])
def test_table2_one_value_row_among_empty_cells(row: str, value: float | None) -> None:
    from nlp_reports.parse.tables import read_tables

    text = f"第二十条第（五）项\n信息内容\t本年处理决定数量\n{row}\n"
    tables, _, _ = read_tables({2: text}, year=2023)
    t = next(t for t in tables if t.id == "table2.5")
    assert t.values == ((value,),)
    assert t.status == ("ok" if value is not None else "unreadable")
