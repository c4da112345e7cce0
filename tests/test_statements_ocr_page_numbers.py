"""A bare page number an OCR'd scan leaves in section 五 where nothing tells its page: alone
between two items it is no statement, and after a sentence's end it is no part of the one it
follows ("…增减原因。⏎7")."""

from __future__ import annotations

from nlp_reports import load_report

REPORT = """柘城县医疗保障局2021年政府信息公开工作年度报告
一、总体情况
2021年，我局主动公开政府信息156条，收到政府信息公开申请3件，均按期答复。
五、存在的主要问题及改进情况
（一）存在的主要问题
1. 医保政策宣传方式单一，参保群众知晓率不高。
2. 收费项目公示栏位置不够醒目，群众查看不便。
（二）改进措施
一、通过村居宣传栏、短视频和入户讲解等多种形式宣传医保政策。
2
二、在服务大厅入口处设置收费公示屏，实时公示收费项目和标准。
六、其他需要报告的事项
无。
"""


def test_a_lone_page_number_is_no_statement():
    texts = [s.text for s in load_report(REPORT).statements]
    assert texts == ["医保政策宣传方式单一，参保群众知晓率不高。", "收费项目公示栏位置不够醒目，群众查看不便。",
                     "通过村居宣传栏、短视频和入户讲解等多种形式宣传医保政策。",
                     "在服务大厅入口处设置收费公示屏，实时公示收费项目和标准。"]


def test_a_page_number_after_the_last_item_is_cut_from_it():
    text = REPORT.replace("实时公示收费项目和标准。\n", "实时公示收费项目和标准。\n3\n")
    assert load_report(text).statements[-1].text == "在服务大厅入口处设置收费公示屏，实时公示收费项目和标准。"


def test_a_figure_that_ends_a_wrapped_sentence_stays():
    # no sentence end before the number: it is the sentence's own figure, wrapped
    text = REPORT.replace("实时公示收费项目和标准。\n", "年内公示收费项目\n12\n")
    assert load_report(text).statements[-1].text.endswith("年内公示收费项目12")
