"""A page's chrome saved one element a line, the page's date under its own key line.

Some scrapers write every element of a portal page on a line of its own: the breadcrumb
("首页⏎政务公开⏎政府信息公开年报"), the publication line ("发布时间：⏎2024-02-17⏎来源：⏎区政府办"),
the share bar and the font switch ("分享到：⏎微信⏎微博", "字号：⏎大⏎中⏎小"). The page's date
was not read: the head ended at the first short element, and a key alone on its line read
no date under it.
"""

from __future__ import annotations

from nlp_reports import load_report

PAGE = """兰溪县人民政府2023年度政府信息公开工作年度报告_兰溪县人民政府
首页
政务公开
政府信息公开年报
兰溪县人民政府2023年度政府信息公开工作年度报告
发布时间：
2024-02-17
来源：
县政府办
分享到：
微信
微博
字号：
大
中
小
本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
2023年，县政府围绕项目审批、惠企政策和民生保障推进政务公开，主动公开信息1106条。
五、存在的主要问题及改进情况
政策解读的形式较为单一。下一步将推出图解和短视频解读。
六、其他需要报告的事项
无。
兰溪县人民政府
2024年2月6日
"""


def test_the_page_date_under_its_key_line_is_read():
    md = load_report(PAGE).metadata
    assert (md.agency, md.year) == ("兰溪县人民政府", 2023)
    assert (md.published, md.published_from) == ("2024-02-17", "page")


def test_the_key_and_date_on_one_line_among_items():
    text = PAGE.replace("发布时间：\n2024-02-17\n来源：\n县政府办\n", "发布时间：2024-02-17　来源：县政府办\n")
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-02-17", "page")


def test_a_key_with_no_date_under_it_reads_none():
    # the value left out by the scraper: the next line is another key, the signature's date stands
    text = PAGE.replace("发布时间：\n2024-02-17\n", "发布时间：\n")
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-02-06", "signature")


def test_a_short_line_of_text_under_the_title_is_no_chrome():
    # an agency line and a short first sentence under the title, no chrome below them: the
    # date line printed under the title is still the report's
    text = ("兰溪县人民政府2023年度政府信息公开工作年度报告\n兰溪县人民政府\n（2024年2月6日）\n"
            + PAGE.split("小\n", 1)[1].replace("兰溪县人民政府\n2024年2月6日\n", ""))
    md = load_report(text).metadata
    assert (md.published, md.published_from) == ("2024-02-06", "title_line")
