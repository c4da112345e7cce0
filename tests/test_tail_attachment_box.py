"""A page's attachment box under the signed report ("相关附件：", "附件下载：", "(编辑：…)").

A portal prints, under the article, a box naming the files attached to it and a credit line;
a scraper's text keeps them between the closing date and the 上一篇/下一篇 links. They are
chrome: the report ends above them, and the agency and date over them are its signature.
"""

from __future__ import annotations

from nlp_reports import load_report

PAGE = """溧水湾镇人民政府2022年政府信息公开工作年度报告
一、总体情况
2022年，镇政府通过政务公开栏和门户网站公开各类信息312条，未收到政府信息公开申请。
五、存在的主要问题及改进情况
公开栏内容更新仍不够及时。下一步，我镇将按月更新公开栏。
六、其他需要报告的事项
本年度未收取信息处理费。
溧水湾镇人民政府
2023-01-24
{box}
上一篇：溧水湾镇人民政府2021年政府信息公开工作年度报告
下一篇：没有了
主办：溧水湾镇人民政府  网站标识码：3201000021
"""


def _check(box: str) -> None:
    r = load_report(PAGE.format(box=box))
    assert (r.metadata.published, r.metadata.published_from) == ("2023-01-24", "signature")
    assert r.sections[-1].text == "本年度未收取信息处理费。"


def test_related_attachments_box():
    _check("相关附件：\n1.溧水湾镇人民政府2022年政府信息公开工作年度报告.pdf\n(编辑：党政办)")


def test_download_box():
    _check("附件下载：溧水湾镇2022年年报.docx\n【责任编辑：王敏】")


def test_credit_line_alone():
    _check("（编辑：镇党政办）")


def test_an_annex_under_the_date_is_still_one():
    # "附件：" under the date with a name below labels the report's annex, not a box
    r = load_report(PAGE.format(box="附件：\n2022年政府信息公开情况统计表"))
    assert r.metadata.published == "2023-01-24"
    assert [a.title for a in r.annexes] == ["附件 2022年政府信息公开情况统计表"]
