"""A page's buttons run on after the article's last line ("…水平。【打印本页】【关闭窗口】").

A copy of a portal page joins the article's last paragraph and the button bar under it
when no line break separates them. The buttons are page chrome: they end the report and are
no part of its last statement.
"""

from __future__ import annotations

from nlp_reports import load_report

# the page's buttons run on after the article's last line, as a copy of the page joins them,
# and the report has no 六 and no signature (the agency's seal was an image)
GLUED = """云溪县自然资源局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动公开国土空间规划、不动产登记等信息486条，受理依申请公开11件。
五、存在的主要问题及改进情况
（一）存在的主要问题
一是规划批后公示的时效性不强；二是办事指南更新滞后于业务调整。
（二）下一步改进措施
一是规划批准后五个工作日内公示；二是建立办事指南动态更新台账。{buttons}
扫一扫在手机打开当前页
主办单位：云溪县人民政府办公室
"""


def test_buttons_glued_to_the_last_line_are_no_statement():
    for buttons in ("【打印本页】【关闭窗口】", " 【打印】 【关闭】", "【我要打印】【关闭】【收藏】"):
        r = load_report(GLUED.format(buttons=buttons))
        texts = [s.text for s in r.statements]
        assert texts[-1] == "建立办事指南动态更新台账。", buttons
        assert r.sections[-1].text.endswith("建立办事指南动态更新台账。")


def test_a_bracketed_word_ending_a_statement_stays():
    # bracketed words naming no button are the writer's text
    r = load_report(GLUED.format(buttons="").replace("动态更新台账。", "动态更新台账，在网站首页增设【政策问答】【办事指南】专栏。"))
    assert r.statements[-1].text == "建立办事指南动态更新台账，在网站首页增设【政策问答】【办事指南】专栏。"
