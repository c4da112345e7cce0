"""A political scientist's folder of two provinces' reports with broken files: radicals read
as ideographs, reports of another kind refused, a pasted 五 read.

F1 PDFs printed by a browser or by Word carry Kangxi radicals (⼀ U+2F00, ⼈ U+2F08, ⺠ U+2EA0 …)
   for ordinary characters: "⼀、总体情况" matched no heading and "⼈⺠政府" no agency, so 7 of
   the trial's 12 PDFs lost their agency, section 一 and every table.
"""

from __future__ import annotations

from nlp_reports import load_report
from nlp_reports.ingest.normalize import normalize_text

# What pdfplumber gives for a report Chromium printed to PDF (the trial's 柘溪 files): the
# glyphs of 一 人 民 行 见 页 … come out as radicals.
_RADICAL_REPORT = """⾸⻚ > 政务公开 > 年报
柘溪市柘城县⽔利局2023年政府信息公开⼯作年度报告
发布⽇期：2024-01-18 来源：柘城县⽔利局
⼀、总体情况
2023年，我局按照县委县政府部署，扎实推进政务公开。全年收到政府信息公开申请3件，予以公开2件。
⼆、主动公开政府信息情况
本年制发⾏政规范性⽂件1件。
三、收到和处理政府信息公开申请情况
全年办结申请3件。
四、政府信息公开⾏政复议、⾏政诉讼情况
本年度未发⽣⾏政复议、⾏政诉讼案件。
五、存在的主要问题及改进情况
（⼀）存在的主要问题
⼀是⽔利⼯程项⽬信息更新不及时，部分栏⽬⻓期停留在上年度内容。
⼆是⼯作⼈员身兼数职，⼈员⼒量薄弱。
（⼆）改进措施
⼀是明确专⼈负责，建⽴AB⻆制度。
⼆是定期检查栏⽬更新情况，做到动态更新。
六、其他需要报告的事项
⽆。
"""


def test_radicals_become_the_ideographs_they_show():
    assert normalize_text("⼀、总体情况") == "一、总体情况"
    assert normalize_text("⼈⺠政府 ⾸⻚ ⻅ ⻓期 ⾏政") == "人民政府 首页 见 长期 行政"
    # one character for one: offsets into the text stay those of the source
    text = "⼆是⼯作⼈员身兼数职，⼈员⼒量薄弱。"
    assert len(normalize_text(text)) == len(text)


def test_a_report_printed_to_pdf_with_radicals_is_read_whole():
    r = load_report(_RADICAL_REPORT)
    assert r.metadata.agency == "柘溪市柘城县水利局"
    assert r.metadata.year == 2023
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    texts = [s.text for s in r.statements]
    assert len(texts) == 4
    assert texts[1] == "工作人员身兼数职，人员力量薄弱。"  # (the marker 二是 is apart)
    assert "长期" in texts[0] and "⻓" not in "".join(texts)
    assert [s.block for s in r.statements] == ["problem", "problem", "measure", "measure"]


# F2: a city's 法治政府建设 report in the same download folder: its "二、存在的不足和原因" was
# read as section 五 and the text stored as the city's second 2022 annual report, its five
# items counted as problems in every share.
_RULE_OF_LAW = """岚溪市人民政府关于2022年度法治政府建设情况的报告

2022年，市政府深入推进依法行政，法治政府建设取得新进展。现将有关情况报告如下。
一、主要举措和成效
（一）健全依法决策机制。全年审议规范性文件草案6件，均经合法性审核。
（二）深化行政执法改革。全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。
二、存在的不足和原因
一是少数执法人员程序意识不强，执法文书制作不够规范；二是乡镇综合执法力量仍显薄弱。
三、下一步工作安排
一是开展执法案卷评查；二是加强行政复议应诉能力建设。

岚溪市人民政府
2023年3月18日
"""


def test_a_report_of_another_kind_is_refused_with_its_reason():
    import pytest

    from nlp_reports.errors import NotAReportError

    with pytest.raises(NotAReportError, match="another kind"):
        load_report(_RULE_OF_LAW)


def test_a_pasted_section_five_alone_is_still_read():
    # the heading carries its own numeral 五: a fragment of a report, not another genre
    r = load_report("五、存在的主要问题及改进情况\n一是专栏更新不及时。\n二是解读形式单一。\n")
    assert len(r.statements) == 2


# F3: pdfminer's "Could not get FontBBox" WARNING, once per font of a page whose descriptor
# has no /FontBBox (Chromium's print-to-PDF Type3 fonts): 728 lines on stderr for seven PDFs.
def test_a_pdf_without_font_boxes_is_read_without_a_warning_per_font(tmp_path, caplog):
    import logging
    import re

    import pytest
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "汀洲市医疗保障局2024年政府信息公开工作年度报告.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 11)
    lines = ["汀洲市医疗保障局2024年政府信息公开工作年度报告",
             "一、总体情况", "2024年，市医保局全年主动公开政府信息312条，收到政府信息公开申请4件。",
             "五、存在的主要问题及改进情况", "（一）存在的主要问题",
             "一是医保政策解读形式单一，图解、视频解读较少。", "（二）改进措施",
             "一是推出医保政策图解和短视频，提高政策知晓度。", "六、其他需要报告的事项", "无。"]
    for i, line in enumerate(lines):
        c.drawString(60, 780 - 22 * i, line)
    c.save()
    # the font descriptor without its box, as Chromium writes it (same length: offsets hold)
    data = re.sub(rb"/FontBBox\s*\[[^\]]*\]", lambda m: b"/Junk 0".ljust(len(m.group())),
                  path.read_bytes())
    assert b"/FontBBox" not in data
    path.write_bytes(data)
    with caplog.at_level(logging.WARNING):
        r = load_report(path)
    assert r.metadata.agency == "汀洲市医疗保障局"
    assert len(r.statements) == 2
    assert not [rec for rec in caplog.records if rec.name.startswith("pdfminer")]


# F4: suggest read the refused 法治政府建设 report as a list of statements, one a line: its
# headings and achievements ("（一）健全依法决策机制。…") were queued for labeling.
def test_suggest_queues_no_line_of_a_report_of_another_kind(tmp_path):
    from nlp_reports.classify.suggest import iter_statements

    (tmp_path / "岚溪市人民政府关于2022年度法治政府建设情况的报告.txt").write_text(
        _RULE_OF_LAW, encoding="utf-8")
    (tmp_path / "待标注.txt").write_text(
        "部分科室信息员更换频繁，交接不到位\n政策解读以文字为主，形式单一\n", encoding="utf-8")
    texts = [text for text, _ in iter_statements(tmp_path)]
    assert any("信息员更换频繁" in t for t in texts)
    assert not any("依法决策" in t or "法治政府" in t for t in texts)
