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


# a county portal's 热点推荐 box: last year's report above a report of another kind, then the
# article's own heading
BOX_PAGE = """梅岭县人民政府
网站首页 政务公开 政务服务 政民互动
热点推荐
梅岭县2023年政府信息公开工作年度报告
梅岭县2024年法治政府建设情况报告
梅岭县人民政府2024年度政府信息公开工作年度报告
发布时间:2025-01-23 09:27 信息来源:县政府办 阅读次数:714
一、总体情况
2024年，县政府依托门户网站和政务新媒体主动公开各类信息2378条，受理依申请公开9件。
梅岭县人民政府
2025年1月20日
"""


def test_a_box_under_its_name_whose_next_link_is_no_annual_report():
    # the box's first link stood next to no other annual report, so it was taken for the
    # title (2023, read as 2024 from the text) and the page's 发布时间 under the heading lost
    md = load_report(BOX_PAGE).metadata
    assert md.title == "梅岭县人民政府2024年度政府信息公开工作年度报告"
    assert (md.agency, md.year, md.year_from) == ("梅岭县人民政府", 2024, "title")
    assert (md.published, md.published_from) == ("2025-01-23", "page")


def test_a_box_name_above_the_title_alone_keeps_it():
    # "相关链接" over links that name no report, then the heading: no later title, it stays
    text = BOX_PAGE.replace("热点推荐\n梅岭县2023年政府信息公开工作年度报告\n梅岭县2024年法治政府建设情况报告\n",
                            "【相关链接】\n国家政务服务平台\n省政府门户网站\n")
    md = load_report(text).metadata
    assert (md.title, md.published) == ("梅岭县人民政府2024年度政府信息公开工作年度报告", "2025-01-23")


def test_a_menu_item_above_the_title_and_a_box_below_it_keep_the_title():
    # a scraper's menu, one item a line ("最新信息"), over the heading and its 发布时间; a
    # 相关文章 box under it names last year's report: the heading is no link of a box
    text = ("首页\n最新信息\n政策文件\n"
            "栖霞湖区交通运输局2023年政府信息公开工作年度报告\n发布日期：2024-01-29\n"
            "相关文章\n栖霞湖区交通运输局2022年政府信息公开工作年度报告\n"
            "一、总体情况\n2023年，我局主动公开公路养护、客运班线调整等信息156条，受理依申请公开2件。\n"
            "栖霞湖区交通运输局\n2024年1月25日\n")
    md = load_report(text).metadata
    assert md.title == "栖霞湖区交通运输局2023年政府信息公开工作年度报告"
    assert (md.year, md.year_from, md.published) == (2023, "title", "2024-01-29")
