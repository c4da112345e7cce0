"""A note on a line of its own inside section 五 ("注：本报告所列数据统计期限…", a PDF page's
footnote under the page's last line) is no statement and no part of the statement above it,
when that statement ends its sentence there; a note under a sentence the next page goes on
with stays in it (cut, the sentence would be split)."""

from __future__ import annotations

import pytest

from nlp_reports import load_report

HEAD = "青禾县民政局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，本局主动公开政府信息120条。\n"
TAIL = "（二）改进措施\n1.将政务公开纳入镇（街道）综合考核。\n六、其他需要报告的事项\n无。\n"


@pytest.mark.parametrize("note", ["注：本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
                                  "注：①含各乡镇（街道）网站公开数量", "备注：表中数据来源于县政务公开平台。",
                                  "注：因四舍五入，部分合计数据存在尾差。",
                                  "注释：本表将申请人撤回的申请计入“其他处理”。",
                                  # a figure note with a measure's or a problem's word
                                  "注：本表数据将于2024年3月底前更新。",
                                  "注：表中申请数含同一申请人多次申请，存在重复计算的情况。",
                                  "注：部分数据尚未经统计部门核定。",
                                  "注：本报告数据与上年度报告存在出入，系统计口径调整所致。",
                                  "注：有2件申请将于2024年答复，统计时按未办结处理。",
                                  "备注：统计数据来源于市政务服务平台，今后每年更新。"])
def test_page_foot_note_after_a_sentence_end_is_no_statement(note):
    text = (HEAD + "五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.部分镇（街道）对政务公开工作重视程度不够，存在\n"
            f"应付现象。\n{note}\n\n2.政务公开与政务服务融合不够深入。\n" + TAIL)
    assert [(s.marker, s.text, s.block) for s in load_report(text).statements] == [
        ("1.", "部分镇(街道)对政务公开工作重视程度不够，存在应付现象。", "problem"),
        ("2.", "政务公开与政务服务融合不够深入。", "problem"),
        ("1.", "将政务公开纳入镇(街道)综合考核。", "measure")]


def test_note_under_a_sentence_going_on_stays_whole():
    text = (HEAD + "五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.部分镇（街道）对政务公开工作重视程度不够，存在\n"
            "注：本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n\n应付现象。\n" + TAIL)
    first = load_report(text).statements[0]
    assert first.text.startswith("部分镇(街道)") and first.text.endswith("应付现象。")


@pytest.mark.parametrize("note", ["注：以上问题已于2024年3月底前全部整改完毕。",
                                  "备注：下一步将把政务公开纳入年度绩效考核，每季度通报一次。",
                                  # a measure or a problem naming the data or the statistics
                                  "备注：下一步将加强部门间数据共享。",
                                  "注：依申请公开统计工作仍不够规范，台账记录不全。",
                                  "注 ：今后我局将推进统计口径与省平台对接。",
                                  "注：依申请公开统计台账尚未建立。",
                                  "注：各科室数据报送存在滞后现象。",
                                  "注：统计工作将在2024年纳入科室考核。"])
def test_note_saying_the_agencys_own_text_stays_a_statement(note):
    text = (HEAD + "五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.部分镇（街道）对政务公开工作重视程度不够。\n"
            f"{note}\n" + TAIL)
    assert note.replace("（", "(").replace("）", ")") in [s.text for s in load_report(text).statements]
