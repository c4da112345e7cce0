"""A dash read for 一 is repaired only where its sibling 二 follows:
"—、总体情况 … 二、…" is a heading whose 一 an OCR engine read as a dash, but
"－、加强… －、优化…" in section 五 is a writer's bullet and keeps its text."""

from __future__ import annotations

from nlp_reports import load_report

REPORT = """{dash}、总体情况
2022年，我镇依托镇政务公开栏和县政府门户网站乡镇子栏目公开各类信息143条，其中财政预决算信息6条。
二、主动公开政府信息情况
本年度未制发规章和行政规范性文件。
三、收到和处理政府信息公开申请情况
本年度收到政府信息公开申请2件，均已在法定期限内答复。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况
我镇政府信息公开工作还存在专职人员少、公开栏更新慢等问题。下一步，我镇将：
－、加强人员配备，明确一名党政办干部专门负责信息发布。
－、优化公开栏维护，每月第一周更新惠农补贴、低保等事项。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def _load(dash: str):
    title = "芦溪镇人民政府2022年政府信息公开工作年度报告\n"
    return load_report((title + REPORT.format(dash=dash)).encode("utf-8"), filename="芦溪镇2022.txt")


def test_a_heading_dash_followed_by_its_sibling_is_read_as_one():
    report = _load("—")
    assert [s.number for s in report.sections][:2] == [1, 2]
    assert report.section(1) is not None and "143条" in report.section(1).text


def test_a_dash_bullet_list_in_section_five_keeps_its_dashes():
    report = _load("一")
    texts = [s.text for s in report.statements]
    assert any(t.startswith(("－、加强人员配备", "加强人员配备")) for t in texts), texts
    assert not any(t.startswith("一、") for t in texts), texts
    assert "一、加强" not in report.text and "一、优化" not in report.text
