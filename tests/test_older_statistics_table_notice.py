"""An older report (before 2019) holding a statistics table of its own layout — the
provincial 政府信息公开情况统计表 under "附件：…统计表", a small table in 主动公开 or a
two-year comparison typed with spaces — has no number taken from it (the tool reads the
national 表二/表三/表四 only), but nothing said a table was there: a researcher counting the
report's figures could not tell the table was skipped. The report now says so
(``older_table_not_read``, where it stands); the audit lists it, not as a defect. The 2019
form's tables are read and never get it.

The report texts are fictional, written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import audit_by_path

from nlp_reports import load_report
from nlp_reports.corpus.audit import problem_zh

_ROOT = Path(__file__).resolve().parents[1]

_ANNEX_2015 = """江陵县交通运输局2015年度政府信息公开工作报告

一、概述
2015年，我局以群众关心的路网建设、客运班线调整为重点，推进政府信息公开工作。
二、主动公开政府信息情况
全年在县政府门户网站公开信息426条，公开栏张贴通告31期。
三、依申请公开政府信息情况
全年受理申请7件，其中同意公开5件，部分公开1件，不予公开1件，均按期答复。
四、政府信息公开的收费及减免情况
未收取费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
全年发生行政复议1件，未发生行政诉讼。
六、存在的主要问题及改进情况
个别股室报送信息不及时。下一步将建立周报制度。
七、其他需要报告的事项
无。

江陵县交通运输局
2016年3月18日

附件：江陵县交通运输局2015年政府信息公开情况统计表
统计指标\t单位\t统计数
一、主动公开情况\t\t
（一）主动公开政府信息数\t条\t426
二、依申请公开情况\t\t
（一）收到申请数\t件\t7
1.当面申请数\t件\t2
2.网络申请数\t件\t5
（二）申请答复数\t件\t7
三、行政复议数量\t件\t1
四、依申请公开信息收取的费用\t万元\t0
"""

_SMALL_TABLE_PAGE = """<html><head><meta charset="gb2312"><title>清河区城市管理局2012年政府信息公开年度报告</title></head>
<body><div class="crumb">首页 &gt; 信息公开 &gt; 年度报告</div>
<h2>清河区城市管理局2012年政府信息公开年度报告</h2>
<div class="content">
<p><b>一、概述</b></p><p>2012年，我局围绕市容整治和违法建设查处，落实政府信息公开各项要求。</p>
<p><b>二、主动公开政府信息情况</b></p><p>全年主动公开信息318条，主要为行政处罚结果和占道审批事项。</p>
<table border="1"><tr><td>项目</td><td>主动公开信息条数</td><td>受理申请数</td><td>答复数</td></tr>
<tr><td>2012年</td><td>318</td><td>12</td><td>12</td></tr></table>
<p><b>三、依申请公开政府信息情况</b></p><p>全年共收到申请12件，全部按时答复，其中同意公开9件。</p>
<p><b>四、政府信息公开的收费及减免情况</b></p><p>本年度未收取任何费用。</p>
<p><b>五、因政府信息公开申请行政复议、提起行政诉讼的情况</b></p><p>无。</p>
<p><b>六、存在的主要问题及改进措施</b></p><p>信息更新不够及时，今后将明确专人负责。</p>
</div><div class="foot">版权所有 清河区人民政府</div></body></html>"""

_TYPED_2010 = """柳塘镇人民政府2010年政府信息公开工作年度报告
一、概述
今年我镇继续把政务公开栏作为群众了解政策的主要渠道。
二、主动公开政府信息情况
通过镇公开栏、村务公开栏主动公开信息95条。
三、依申请公开政府信息情况
两年受理申请情况对比如下：
项目        2009年    2010年
受理申请    3         4
同意公开    2         4
不予公开    1         0
四、政府信息公开的收费及减免情况
无收费。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
没有发生。
六、存在的主要问题和改进措施
村级公开内容不够规范，明年将开展专项检查。
"""

#: An older report whose figures stand in sentences and in lists, with a count set off by
#: blanks: no table, no notice.
_NO_TABLE_2016 = """石门县审计局2016年度政府信息公开工作报告
一、概述
2016年，我局严格按照条例要求开展政府信息公开工作。
二、主动公开政府信息情况
1.主动公开审计结果公告 6 件；
2.主动公开政府信息 138 条。
三、依申请公开政府信息情况
受理申请2件：同意公开1件，不予公开1件。
四、政府信息公开的收费及减免情况
未收费。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
六、存在的主要问题及改进措施
公开形式单一。将通过微信公众号扩大公开面。
"""


def _notices(report):
    return [p for p in report.errors if p.code == "older_table_not_read"]


def test_an_annex_statistics_table_is_said_to_be_unread():
    r = load_report(_ANNEX_2015)
    assert r.metadata.year == 2015 and r.tables == ()
    (notice,) = _notices(r)
    assert "'附件：江陵县交通运输局2015年政府信息公开情况统计表'" in notice.message
    assert "not read" in notice.message and "*_narrative" in notice.message
    zh = problem_zh(notice.code, notice.message)
    assert "江陵县交通运输局2015年政府信息公开情况统计表" in zh and "未读取" in zh
    # the annex's rows are no statements of section 五
    assert not any("统计数" in s.text or "申请数" in s.text for s in r.statements)


def test_a_small_table_in_a_page_names_its_section():
    r = load_report(_SMALL_TABLE_PAGE.encode("gb18030"), filename="report.html")
    assert r.metadata.year == 2012 and r.tables == ()
    (notice,) = _notices(r)
    assert "section 二 (主动公开政府信息情况)" in notice.message
    assert "第二部分“主动公开政府信息情况”" in problem_zh(notice.code, notice.message)


def test_a_typed_comparison_table_aligned_with_spaces():
    r = load_report(_TYPED_2010)
    (notice,) = _notices(r)
    assert "section 三 (依申请公开政府信息情况)" in notice.message


def test_figures_in_sentences_and_lists_are_no_table():
    assert _notices(load_report(_NO_TABLE_2016)) == []


@pytest.mark.parametrize("name", [
    "tests/fixtures/reports/province_2019_trial.txt",
    "tests/fixtures/redteam20/c04_2020_tables_seven_parts.txt",
    "examples/corpus/青禾省自然资源厅2019年政府信息公开工作年度报告.txt",
])
def test_the_2019_form_never_gets_it(name):
    r = load_report(_ROOT / name)
    assert r.tables and _notices(r) == []


def test_the_audit_lists_it_and_counts_no_defect(tmp_path):
    with_table = load_report(_ANNEX_2015)
    plain = load_report(_ANNEX_2015.split("\n\n附件：")[0] + "\n")
    assert _notices(plain) == []
    t = audit_by_path(tmp_path, {"table.txt": with_table, "plain.txt": plain})
    assert "older_table_not_read" in t.loc["table.txt", "parse_problems"]
    assert t.loc["table.txt", "defects"] == t.loc["plain.txt", "defects"]
    assert "统计表" not in t.loc["table.txt", "findings_zh"]


def test_a_table_of_contents_is_no_statistics_table():
    """A contents list (目录) of a Word report, a heading and its page number split by a
    tab: its headings name 公开, 申请, 费 and 复议, its page numbers are no figures."""
    headings = [line for line in _NO_TABLE_2016.splitlines() if line[:2] in
                ("一、", "二、", "三、", "四、", "五、", "六、")]
    contents = "".join(f"{line}\t{page}\n" for line, page in zip(
        headings, (1, 1, 2, 2, 3, 3), strict=True))
    lines = _NO_TABLE_2016.split("\n", 1)
    r = load_report(f"{lines[0]}\n目  录\n{contents}\n{lines[1]}")
    assert r.metadata.year == 2016
    assert _notices(r) == []
