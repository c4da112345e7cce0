"""A note under the closing date ("注：…", a PDF's footnote printed at the foot of the last page,
below the signature) does not hide the date: the report is still signed and dated, and the
note is no text of section 六."""

from __future__ import annotations

import pytest

from nlp_reports import load_report

BODY = ("沙溪镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，沙溪镇主动公开政府信息219条。\n"
        "五、存在的主要问题及改进情况\n（一）存在的主要问题\n1.村级财务公开内容过于简单。\n（二）改进措施\n"
        "1.村级财务按科目公开明细。\n六、其他需要报告的事项\n")


@pytest.mark.parametrize("note", ["注：村级财务公开数据由镇农经站提供。", "备注：本报告数据截至2023年12月31日",
                                  "注释：“两公开”指村务公开和财务公开。"])
def test_note_under_the_date_keeps_the_closing_date(note):
    report = load_report(BODY + f"无。\n沙溪镇人民政府\n2024年1月5日\n{note}\n")
    assert (report.metadata.published, report.metadata.published_from) == ("2024-01-05", "signature")
    assert [s.text for s in report.sections if s.number == 6] == ["无。"]


def test_note_above_the_signature_stays_in_section_6():
    report = load_report(BODY + "本年度未收取信息处理费。\n注：信息处理费按国办函〔2020〕109号执行。\n"
                         "沙溪镇人民政府\n2024年1月5日\n")
    assert report.metadata.published == "2024-01-05"
    assert [s.text for s in report.sections if s.number == 6] == [
        "本年度未收取信息处理费。\n注：信息处理费按国办函〔2020〕109号执行。"]


def test_note_under_a_sentences_date_is_no_signature():
    report = load_report(BODY + "本报告所列数据统计截至\n2023年12月31日\n注：本报告中数据均来源于县政务公开平台。\n")
    assert report.metadata.published is None
    assert [s.text for s in report.sections if s.number == 6] == [
        "本报告所列数据统计截至\n2023年12月31日\n注：本报告中数据均来源于县政务公开平台。"]
