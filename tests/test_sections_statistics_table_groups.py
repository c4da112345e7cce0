"""An older report (2008–2018) whose headings are bold titles without numerals and which
carries the provincial 政府信息公开情况统计表 (统计指标 | 单位 | 统计数) keeps its body: the
table's numbered group rows ("一、主动公开情况", "三、依申请公开情况", followed by empty cells)
are no section headings. Taken for headings, they outranked the unnumbered titles; 概述, the
problems part and every figure of the prose were lost.

The report text is fictional, written for these tests.
"""

from __future__ import annotations

from nlp_reports.parse.load import load_report

_TABLE = """附件：{agency}2015年政府信息公开情况统计表
统计指标\t单位\t统计数
一、主动公开情况\t\t
（一）主动公开政府信息数\t条\t{active}
二、回应解读情况\t\t
（一）回应公众关注热点或重大舆情数\t次\t4
三、依申请公开情况\t\t
（一）收到申请数\t件\t{received}
（二）申请办结数\t件\t{received}
四、行政复议数量\t件\t1
五、行政诉讼数量\t件\t0
七、依申请公开信息收取的费用\t万元\t0
八、机构建设和保障经费情况\t\t
（一）从事政府信息公开工作人员数\t人\t3
"""

_BODY = """{agency}2015年度政府信息公开工作报告
发布时间：2016-02-03　来源：{agency}办公室
概述
2015年，在市委、市政府的正确领导下，我们坚持把政府信息公开作为转变作风的抓手，公开工作总体平稳。
主动公开政府信息情况
全年通过门户网站、公开栏主动公开各类信息{active}条。
依申请公开政府信息情况
全年共受理群众申请公开政府信息{received}件，均已在法定期限内办结，其中同意公开{granted}件。
政府信息公开的收费及减免情况
未收取任何费用。
因政府信息公开申请行政复议、提起行政诉讼的情况
因政府信息公开申请行政复议1件，经复议维持原答复。
政府信息公开工作存在的主要问题及改进情况
一是个别单位公开意识淡薄，把公开当成额外负担；二是农村基层公开场所设施陈旧。明年我们将把公开情况纳入年终目标考核，并逐步更新村级公开栏。
其他需要报告的事项
无。
"""


def _write(tmp_path):
    fields = {"agency": "柳林县林业局", "active": 316, "received": 7, "granted": 5}
    body, table = _BODY.format(**fields), _TABLE.format(**fields)
    sign = "柳林县林业局\n2016年2月3日\n"
    text = body + table + sign
    path = tmp_path / "柳林县林业局2015年度报告.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_numbered_group_rows_of_the_statistics_table_are_no_headings(tmp_path):
    report = load_report(_write(tmp_path))
    titles = {s.number: s.title for s in report.sections}
    assert titles.get(1) == "概述"
    assert titles.get(5) == "政府信息公开工作存在的主要问题及改进情况"
    assert titles.get(6) == "其他需要报告的事项"
    assert "公开意识淡薄" in report.sections[[s.number for s in report.sections].index(5)].text
    texts = " ".join(s.text for s in report.statements)
    assert "公开意识淡薄" in texts and "年终目标考核" in texts
    assert not any(e.code == "unmapped_section" for e in report.errors)


def test_a_heading_with_figures_on_the_next_line_but_no_empty_cells_stays_a_heading(tmp_path):
    # a heading set alone on its line, a table of figures right below it, is still a heading
    path = tmp_path / "r.txt"
    path.write_text("""白河乡人民政府2012年度政府信息公开工作报告
一、概述
2012年，我乡按照县里的统一部署推进政府信息公开工作。
二、主动公开政府信息情况
类别\t条数
机构职能\t12
三、依申请公开政府信息情况
本年度未收到政府信息公开申请。
四、存在的主要问题及改进情况
一是公开栏更新不及时；二是下一步将指定专人每月更新。
""", encoding="utf-8")
    report = load_report(path)
    assert [s.number for s in report.sections][:4] == [1, 2, 3, 5]


_NUMBERED = """柳林县统计局2014年政府信息公开工作年度报告
一、概述
2014年，我局按照县政府要求，做好统计数据发布和政府信息公开工作。
二、主动公开政府信息情况
全年主动公开信息156条。主要情况见下表：
附：2014年政府信息公开情况统计表
统计指标\t单位\t统计数
一、主动公开情况
（一）主动公开政府信息数\t条\t156
二、依申请公开情况
（一）收到申请数\t件\t4
（二）同意公开答复数\t件\t3
三、行政复议数量\t件\t0
三、依申请公开政府信息情况
全年收到政府信息公开申请4件，同意公开3件，不予公开1件。
四、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
五、政府信息公开工作存在的主要问题及改进情况
统计数据解读不够通俗。下一步将增加图解形式的数据解读。
"""


def test_group_rows_that_lost_their_empty_cells_are_no_headings(tmp_path):
    # a copy of the table in the middle of 二 without its empty cells: "二、依申请公开情况"
    # alone between two rows of figures opened section 三, and 三's own title was lost
    path = tmp_path / "r.txt"
    path.write_text(_NUMBERED, encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[3].title == "依申请公开政府信息情况"
    assert found[3].text.startswith("全年收到政府信息公开申请4件")
    assert "收到申请数" in found[2].text


def test_a_form_title_between_two_tables_stays_a_heading(tmp_path):
    # 表二's last row, the section title, 表三's first row of figures: a title of the form
    # is longer than any group label and stays a heading
    path = tmp_path / "r.txt"
    path.write_text("""白河县人民政府2022年政府信息公开工作年度报告
一、总体情况
2022年，我县扎实推进政务公开。
二、主动公开政府信息情况
行政事业性收费\t3\t12
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5
四、政府信息公开行政复议、行政诉讼情况
本年度未发生。
""", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[3].title == "收到和处理政府信息公开申请情况"


def test_a_short_part_title_between_two_parts_tables_stays_a_heading(tmp_path):
    # 二 ends with a small table of its own, 三 opens with one: "三、依申请公开情况" stands
    # alone between two rows of figures, but no group label of a 统计表 opens the rows above
    # it (prose does): it is 三's title, and its figures are 三's, not 二's
    path = tmp_path / "r.txt"
    path.write_text("""东坪县水务局2014年政府信息公开工作年度报告
一、概述
2014年，我局把水利工程建设、防汛抗旱信息作为公开重点，办公室具体承办。
二、主动公开情况
全年在县政府门户网站主动公开信息86条，分类如下：
机构职能\t条\t12
工程建设\t条\t30
三、依申请公开情况
收到申请\t件\t3
同意公开\t件\t2
四、收费及减免情况
本年度未收取任何费用。
五、存在的问题和改进措施
网站栏目更新不够及时。下一步，我局将明确专人负责。
""", encoding="utf-8")
    found = {s.number: s for s in load_report(path).sections}
    assert found[3].title == "依申请公开情况"
    assert found[3].text.startswith("收到申请\t件\t3")
    assert "收到申请" not in found[2].text
