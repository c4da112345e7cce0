"""Lines of a page's chrome under a report that ends with no signature.

A report whose seal and date were an image ends at its last sentence; the page's chrome
follows. A chrome line the tail did not know ("打印 | 关闭", "分享：", "浏览次数：88 次",
"您是第 12345 位访问者", "相关稿件" …) was joined to the last statement as a wrapped line
("…短视频解读。打印 | 关闭").
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report
from nlp_reports.parse.sections import analyse

PAGE = """清溪县水利局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动公开水利工程建设、河湖管理等信息214条，受理依申请公开3件。
五、存在的主要问题及改进情况
（一）存在的主要问题
一是河湖长制信息更新不及时；二是政策解读形式单一。
（二）下一步改进措施
一是按月更新河湖长制公示信息；二是推出图解和短视频解读。
{tail}
清溪县2022年政府信息公开工作年度报告
主办单位：清溪县人民政府办公室
"""


@pytest.mark.parametrize("tail", [
    "打印 | 关闭", "分享：", "微信扫一扫", "扫码在手机上查看", "手机扫码阅读", "二维码", "浏览次数：88 次",
    "您是第 12,345 位访问者", "相关稿件", "热点推荐", "推荐阅读", "关注我们", "网站纠错", "下载附件",
    "文章来源：县水利局", "终审：李强",
])
def test_a_chrome_line_is_no_part_of_the_last_statement(tail):
    r = load_report(PAGE.format(tail=tail))
    assert r.statements[-1].text == "推出图解和短视频解读。"


@pytest.mark.parametrize("line", [
    "分享经验做法，组织各乡镇互学互鉴。", "扫码办事已覆盖全部依申请公开事项。", "阅读量达到1.2万次。",
])
def test_a_sentence_opening_with_such_a_word_stays(line):
    r = load_report(PAGE.format(tail=line))
    assert r.statements[-1].text.endswith(line)


SIGNED = """清溪县水利局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动公开水利工程建设、河湖管理等信息214条，受理依申请公开3件。
五、存在的主要问题及改进情况
政策解读形式单一。下一步将推出图解和短视频解读。
六、其他需要报告的事项
本年度未收取信息处理费。
清溪县水利局
2024年1月20日
{tail}
主办单位：清溪县人民政府办公室
"""


@pytest.mark.parametrize("tail", [
    "返回列表", "【TOP】", "（全文完）", "（此件主动公开）", "视力保护色", "【字号：大 中 小】", "打印该页",
    "微信\n微博\nQQ空间", "本文链接：https://www.qingxi.gov.cn/art/2024/1/22/art_1_8866.html",
])
def test_short_page_lines_under_the_signed_date_do_not_hide_it(tail):
    # the page's lines the tail does not know, between the signature and the page's footer
    r = load_report(SIGNED.format(tail=tail))
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-20", "signature")
    assert r.sections[-1].text == "本年度未收取信息处理费。"


def test_an_annex_under_the_signed_date_is_kept():
    r = load_report(SIGNED.format(tail="附件：\n2023年度政府信息公开统计表"))
    assert r.metadata.published == "2024-01-20"
    assert [a.title for a in r.annexes] == ["附件 2023年度政府信息公开统计表"]


SIGNED_SIX = """滨江区城市管理局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局主动公开市容整治、占道审批等信息402条，收到政府信息公开申请7件，均按期答复。
六、其他需要报告的事项
（一）本年度未收取信息处理费。
{line}
滨江区城市管理局
2024年1月26日
"""


@pytest.mark.parametrize("line", [
    "（二）附件下载专区全年更新办事表格模板26个，累计下载1.4万次。",
    "附件下载渠道已并入区政务服务网，群众无需注册即可获取。",
    "微信扫一扫即可查阅本局公开目录，全年新增关注用户3200人。",
    "信息来源：本报告所列数据由局办公室会同各科室汇总。",
    "初审：科室负责人；复审：分管领导；终审：主要负责人，全年未发生错发漏发。",
    "访问量：126000人次，较上年增长一成",
])
def test_a_last_sentence_opening_with_a_chrome_word_stays_above_the_signature(line):
    # a statement of 六 is no page chrome: neither it nor the signature under it is lost
    r = load_report(SIGNED_SIX.format(line=line))
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-26", "signature")
    assert r.sections[-1].text.endswith(line.replace("（二）", "(二)"))


@pytest.mark.parametrize(("tail", "annexes"), [
    ("政府信息公开工作年度报告统计表", ["政府信息公开工作年度报告统计表"]),
    ("术语说明\n依申请公开\n主动公开", ["术语说明"]),
    ("2023年度主动公开信息分类统计表\n返回列表", ["2023年度主动公开信息分类统计表"]),
    ("注\n统计口径同上年", []),
])
def test_report_matter_under_the_signed_date_is_its_annex(tail, annexes):
    # an annex named with no label, or a lone 注 over its note, is the report's, no page line:
    # kept as its annex part, out of 六 and not dropped
    r = load_report(SIGNED.format(tail=tail))
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-20", "signature")
    assert r.sections[-1].text == "本年度未收取信息处理费。"
    assert [a.title for a in r.annexes] == annexes
    layout = analyse(r.text)
    assert tail in r.text[layout.annex_span[0]:layout.annex_span[1]]


@pytest.mark.parametrize("tail", ["返回列表", "网站地图", "图表", "注意",
                                  # a form the site offers for download: no annex of the report
                                  "政府信息公开申请表", "意见征集表", "满意度调查表"])
def test_page_lines_like_annex_names_are_still_chrome(tail):
    r = load_report(SIGNED.format(tail=tail))
    assert r.annexes == ()
    assert r.sections[-1].text == "本年度未收取信息处理费。"
