"""A page about the report (解读, 图解, 一图读懂) is not the report. Portals publish one beside
each annual report, and a crawler saves both: it retells the report's parts under their own
numbered headings ("一、总体情况：…") with a figure or two, and no table. It was stored as a
report with no agency (its title starts with 图解：), sections 一, 三 and 五, one statement,
and the figure it quotes read as the narrative's 收到申请 count: a phantom report in every
table and the audit's first row. It is refused with its reason; a report is never refused
for a title word of this kind when it has its tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.errors import NotAReportError
from nlp_reports.parse.load import load_report
from nlp_reports.reasons import failure_meaning_zh

FIXTURES = Path(__file__).resolve().parent / "fixtures"

GRAPHIC = """<html><head><meta charset="utf-8"><title>图解：澄川市人民政府2023年政府信息公开工作年度报告</title></head>
<body><div class="crumb">首页 &gt; 政策解读</div>
<h1>图解：澄川市人民政府2023年政府信息公开工作年度报告</h1>
<div>发布时间：2024-01-30　来源：市政府办公室</div>
<p>近日，《澄川市人民政府2023年政府信息公开工作年度报告》正式发布。报告共分为六个部分，现将主要内容解读如下。</p>
<p>一、总体情况：2023年，全市主动公开政府信息一万余条，政策解读数量同比增长两成。</p>
<p>二、依申请公开：全年共收到政府信息公开申请45件，均在法定期限内答复。</p>
<p>三、下一步工作：将继续聚焦群众关切，提升政务公开质量。</p>
<p>相关链接：<a href="/art/2024/1/26/x.html">澄川市人民政府2023年政府信息公开工作年度报告</a></p>
</body></html>"""

ONE_PICTURE = """一图读懂《梧台县2024年政府信息公开工作年度报告》
发布日期：2025-02-06
一、主动公开
全年主动公开政府信息2318条，其中规范性文件12件。
二、依申请公开
全年新收申请17件，上年结转2件，办结18件。
三、复议诉讼
因政府信息公开被申请行政复议1件、提起行政诉讼0件。
四、存在的主要问题及改进情况
针对公开栏目更新不及时的问题，建立栏目责任清单，按月通报。
"""

READING = """渠江区2022年政府信息公开工作年度报告政策解读
一、总体情况
2022年，渠江区围绕法治政府建设推进政务公开，全年主动公开各类信息4100余条。
二、存在问题和改进
报告指出，政务新媒体运维力量薄弱；下一步将明确专人负责。
"""


@pytest.mark.parametrize("name,text", [
    ("art_1_2024.html", GRAPHIC),
    ("一图读懂.txt", ONE_PICTURE),
    ("jd_2023.txt", READING),
])
def test_a_page_about_the_report_is_refused_with_its_reason(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(NotAReportError) as exc:
        load_report(p)
    message = str(exc.value)
    assert "a page about the report" in message
    zh = failure_meaning_zh(f"not_a_report: {message}")
    assert zh is not None and "解读" in zh


def test_a_short_note_keeps_its_own_chinese_reading():
    """The too-short refusal asks 'a notice or a page about the report?': not told it is a 解读."""
    zh = failure_meaning_zh("not_a_report: too short to be a report: no section heading, no table "
                            "and 0 Chinese characters of prose stating no figure (a report in prose "
                            "has 80 and more, or its figures); a notice or a page about the report?")
    assert zh is not None and "解读" not in zh


def test_a_report_with_its_tables_is_read_whatever_its_title_says(tmp_path):
    """A report page titled '…年度报告（图文解读版）' that carries the report with its tables
    is the report."""
    text = (FIXTURES / "reports" / "city_2023_flat.txt").read_text(encoding="utf-8")
    title = "青禾市人民政府2023年政府信息公开工作年度报告"
    assert title in text
    p = tmp_path / "r.txt"
    p.write_text(text.replace(title, title + "（图文解读版）", 1), encoding="utf-8")
    report = load_report(p)
    assert report.tables and report.metadata.year is not None


OLDER_REPORT = """{title}
一、概述
2013年，市交通运输局按照《中华人民共和国政府信息公开条例》要求，把政策解读与信息发布同步部署，
对出台的3件规范性文件逐件开展政策解读，并在门户网站“政策解读”栏目集中发布。
二、主动公开政府信息情况
全年主动公开政府信息486条，其中政策解读材料11篇、一图读懂4期。
三、依申请公开政府信息情况
全年受理政府信息公开申请9件，按时答复9件，其中同意公开6件、信息不存在3件。
四、政府信息公开的收费及减免情况
未收取检索、复制、邮寄等费用。
五、因政府信息公开申请提起行政复议、行政诉讼的情况
未发生因政府信息公开申请提起的行政复议、行政诉讼。
六、政府信息公开工作存在的主要问题及改进情况
政策解读的形式仍以文字为主，图解、音视频解读较少。2014年将增加图解和一图读懂等形式。
汀口市交通运输局
2014年3月20日
"""


@pytest.mark.parametrize("name,text", [
    # an older report (no national tables) whose title appends its 政策解读 annex
    ("jtj_2013.txt", OLDER_REPORT.format(title="汀口市交通运输局2013年政府信息公开工作年度报告（附政策解读）")),
    # the same report saved from a page whose sidebar and breadcrumb name the 解读 columns
    # an older report the portal filed under its 解读 column, the label kept in its title, and
    # one published as a 图解版 page holding the whole text: its six parts make it the report
    ("zcjd_2013.txt", OLDER_REPORT.format(title="【政策解读】汀口市交通运输局2013年政府信息公开工作年度报告")),
    ("tjb_2013.txt", OLDER_REPORT.format(title="汀口市交通运输局2013年政府信息公开工作年度报告（图解版）")),
    ("art_2014_3.html",
     "<html><head><meta charset='utf-8'><title>汀口市交通运输局2013年政府信息公开工作年度报告</title>"
     "</head><body><div class='crumb'>首页 &gt; 政策解读</div><ul class='side'>"
     "<li><a href='/tj/'>一图读懂</a></li><li><a href='/jd/'>图解：汀口市交通运输局2013年政府信息"
     "公开工作年度报告</a></li></ul><h1>汀口市交通运输局2013年政府信息公开工作年度报告</h1><p>"
     + "</p><p>".join(OLDER_REPORT.format(title="").strip().splitlines()) + "</p></body></html>"),
])
def test_a_report_without_tables_naming_its_interpretation_is_read(tmp_path, name, text):
    """A report of the years before the national tables has none to show, so its title alone
    cannot decide: a title that only mentions an annex of 解读, a 解读 label or 图解版 over the
    report's own parts, a page's 解读 columns and links around the report, and
    政策解读/图解/一图读懂 in its prose never make it a page about it."""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    report = load_report(p)
    assert report.metadata.agency == "汀口市交通运输局"
    assert report.metadata.year == 2013
    assert len(report.sections) >= 5


GRAPHIC_SIX = """{label}桐溪县2023年政府信息公开工作年度报告{suffix}
一、总体情况
全年主动公开政府信息1206条
二、主动公开政府信息情况
制发规范性文件8件
三、收到和处理政府信息公开申请情况
新收申请41件
四、政府信息公开行政复议、行政诉讼情况
行政复议2件　行政诉讼0件
五、存在的主要问题及改进情况
部分乡镇公开内容不够全面
六、其他需要报告的事项
收取信息处理费0元
"""


@pytest.mark.parametrize("label,suffix", [("【一图读懂】", ""), ("", "（图解）")])
def test_a_graphic_page_over_all_six_parts_of_a_recent_report_is_refused(tmp_path, label, suffix):
    """A 图解 page retelling a 2023 report part by part, a figure under each of its six
    headings: a report on 2019 or later holds the national tables, so its parts without them
    under such a title are the retelling (read, its figures were counted as a report's)."""
    p = tmp_path / "tj.txt"
    p.write_text(GRAPHIC_SIX.format(label=label, suffix=suffix), encoding="utf-8")
    with pytest.raises(NotAReportError, match="a page about the report"):
        load_report(p)
