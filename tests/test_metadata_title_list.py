"""A list of other reports' titles above the report (热点推荐, 相关文章) is not its title.

Portal pages print a box of links — "热点推荐", "最新文章" — above the breadcrumb, often
other bodies' annual reports, one title a line. The title was the first line naming a
年度报告, so the agency was the first link's (青禾县财政局 for 青禾县民政局's report), the
report linked with another body's years, and the page's date was not read. Lines that each name
a different report, one under the other, are a list: the title is the line standing alone.
"""

from __future__ import annotations

from nlp_reports import load_report

PAGE = """溪口县人民政府网
热点推荐
溪口县财政局2023年政府信息公开工作年度报告
溪口县教育局2023年政府信息公开工作年度报告
溪口县卫生健康局2022年政府信息公开工作年度报告
当前位置：首页 > 政府信息公开 > 年报
溪口县民政局2023年政府信息公开工作年度报告
发布时间：2024-01-24 09:30

一、总体情况
2023年，我局围绕社会救助、养老服务等群众关切推进政务公开，主动公开信息66条，受理申请2件。

溪口县民政局
2024年1月23日
"""


def test_link_list_above_the_title():
    md = load_report(PAGE).metadata
    assert (md.title, md.agency, md.year) == ("溪口县民政局2023年政府信息公开工作年度报告", "溪口县民政局", 2023)
    assert (md.published, md.published_from) == ("2024-01-24", "page")


def test_the_same_title_twice_is_kept():
    # the page's <title> with the site's name, then the heading: one report's title
    text = PAGE.replace("热点推荐\n溪口县财政局2023年政府信息公开工作年度报告\n溪口县教育局2023年政府信息公开工作年度报告\n"
                        "溪口县卫生健康局2022年政府信息公开工作年度报告\n",
                        "溪口县民政局2023年政府信息公开工作年度报告_溪口县人民政府网\n")
    text = text.replace("当前位置：首页 > 政府信息公开 > 年报\n", "")
    md = load_report(text).metadata
    assert (md.agency, md.year) == ("溪口县民政局", 2023)


def test_a_single_title_unchanged():
    text = PAGE.split("当前位置：首页 > 政府信息公开 > 年报\n")[1]
    md = load_report(text).metadata
    assert (md.agency, md.year, md.published) == ("溪口县民政局", 2023, "2024-01-24")
