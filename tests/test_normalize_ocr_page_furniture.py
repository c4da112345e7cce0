"""Page furniture an OCR'd scan leaves in the text: a running head or foot naming a gazette,
issue or site after a single page break, bare page numbers that continue the written ones, a
page number read into the line the page broke, and a bare page number beside a 表三 row.
Each is read only where it is provable; a number that may be a value stays."""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.ingest.normalize import drop_running_heads

TITLE = "汾水县人力资源和社会保障局2023年政府信息公开工作年度报告"


@pytest.mark.parametrize("head", ["汾水县人民政府公报", "2023年第4期", "政务公开专刊",
                                  "汾水县人力资源和社会保障局政务公开简报"])
def test_a_running_head_after_a_single_page_break_goes(head):
    text = (f"{TITLE}\n一、总体情况\n全年主动公开政府信息318条，其中通过门户网站发布政策文件\n"
            f"- 2 -\n{head}\n42件，解读材料17篇。\n二、主动公开政府信息情况\n")
    assert drop_running_heads(text) == text.replace(f"{head}\n", "")


def test_a_running_foot_before_a_single_page_number_goes():
    foot = "汾水县人力资源和社会保障局门户网站"
    text = f"{TITLE}\n（二）改进措施\n一是按季度开展栏目自查\n{foot}\n第 2 页\n。二是完善台账。\n"
    assert drop_running_heads(text) == text.replace(f"{foot}\n", "")


def test_a_label_that_stands_once_away_from_a_page_number_stays():
    text = (f"{TITLE}\n二、主动公开政府信息情况\n全年编印\n政务公开专刊\n12期，发放3000份。\n"
            "- 2 -\n三、收到和处理政府信息公开申请情况\n")
    assert drop_running_heads(text) == text
    # a line not named as a gazette, issue or site at one break is no proof either
    text = f"{TITLE}\n一、总体情况\n全年公开信息\n- 2 -\n甲乙丙丁戊\n318条。\n"
    assert drop_running_heads(text) == text


def test_a_head_beside_bare_numbers_counting_the_pages_goes_with_them():
    # one-cell-a-line 表二 cells, the page number bare above each head: 2, 3 … as pages go
    head = "赤岭镇人民政府公报"
    text = (f"{TITLE}\n第二十条第（一）项\n信息内容\n本年制发件数\n2\n{head}\n本年废止件数\n现行有效件数\n"
            f"规章\n0\n0\n3\n{head}\n0\n行政规范性文件\n5\n1\n4\n{head}\n42\n")
    out = drop_running_heads(text)
    assert head not in out
    assert out.rstrip("\n").split("\n")[-8:] == ["规章", "0", "0", "0", "行政规范性文件", "5", "1", "42"]


def test_bare_numbers_beside_a_label_that_do_not_count_the_pages_stay():
    head = "赤岭镇人民政府公报"
    text = f"{TITLE}\n规章\n0\n7\n{head}\n0\n行政规范性文件\n5\n9\n{head}\n42\n"
    assert drop_running_heads(text) == text  # 7 then 9: no page count, no proof


def test_a_label_seen_once_beside_a_bare_one_or_two_is_a_tables_cell_and_stays():
    # an old-layout table of channels, one cell a line: "县政府门户网站" ⏎ "2" is a row, not a
    # foot over page 2; with bare numbers only, one place proves nothing
    text = (f"{TITLE}\n发布渠道\n条数\n县政府门户网站\n2\n政务微博\n15\n政府公报\n1\n"
            "二、主动公开政府信息情况\n")
    assert drop_running_heads(text) == text


def test_a_bare_number_continuing_the_written_ones_in_running_text_goes():
    text = (f"{TITLE}\n五、存在的主要问题及改进情况\n（一）存在的主要问题\n5\n"
            "1. 涉企政策公开分散在多个栏目，企业查找不便。\n第 6 页\n"
            "2. 历年规范性文件未完成集中清理。\n7\n3. 会议开放活动次数偏少。\n")
    out = drop_running_heads(text)
    assert "\n5\n" not in out and "\n7\n" not in out and "第 6 页" in out


def test_a_bare_value_that_happens_to_follow_a_page_number_stays():
    # 行政许可's value is 3 and the page before was 2: a label on each side, no sentence
    text = (f"{TITLE}\n- 2 -\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n3\n"
            "第二十条第（六）项\n")
    assert drop_running_heads(text) == text


def test_a_bare_page_number_beside_a_full_row_of_table3_goes():
    rows = "\n".join(f"{lab}\n0 0 0 0 0 0 0" for lab in ("1.属于国家秘密", "2.其他法律行政法规禁止公开",
                                                          "3.危及“三安全一稳定”"))
    text = f"{TITLE}\n—2—\n{rows}\n3\n4.保护第三方合法权益\n0 0 0 0 0 0 0\n- 4 -\n"
    out = drop_running_heads(text)
    assert "\n3\n" not in out and out.count("0 0 0 0 0 0 0") == 4


def test_a_lone_number_after_a_short_row_is_its_wrapped_value():
    # "(七)总计 9 1 0 0 0" wrapped: "0 10" — and a lone "3" after a row of 6 is its 7th value
    text = (f"{TITLE}\n—2—\n一、本年新收政府信息公开申请数量\n0 0 0 0 0 0 0\n二、上年结转政府信息公开申请数量\n"
            "1 0 0 0 0 0\n3\n三、本年度办理结果\n")
    assert drop_running_heads(text) == text


def test_a_page_number_read_into_the_line_goes():
    text = (f"{TITLE}\n五、存在的主要问题及改进情况\n我局政务公开工作还存在一些不足：一是政策解读"
            "形式单一；二是公开专栏更新不及时。 3 三是业务培训不足。\n")
    assert [s.text for s in load_report(text).statements] == [
        "我局政务公开工作还存在一些不足：", "政策解读形式单一；", "公开专栏更新不及时。", "业务培训不足。"]
    assert "。 3 三是" not in drop_running_heads(text)
    kept = f"{TITLE}\n全年受理申请 3 件。 12 个部门参加了培训。\n"
    assert drop_running_heads(kept) == kept
