"""s6 parser fixes from the third new-user trial: the not-a-report rule, bare place names
as agencies, problem + measure in one sentence, and Arabic-numbered top-level headings.
All fixtures are written here by hand (fictional agencies)."""

from __future__ import annotations

import pytest

from nlp_reports.errors import NotAReportError
from nlp_reports.parse import load_report

# --- 1. a key phrase alone is no report ------------------------------------------------------


@pytest.mark.parametrize(("data", "filename"), [
    # one long line of a key phrase: no heading, no table, no agency, no year
    (("政府信息公开" * 20000).encode(), "one_line.txt"),
    # a saved page's footer (…_files/footer.htm): navigation with "政务公开", a copyright line
    ("<html><body><ul><li><a href='/'>首页</a></li><li>政务公开</li><li>信息公开目录</li></ul>"
     "<p>版权所有：青石县人民政府办公室 备案号 00000</p></body></html>".encode(), "footer.htm"),
    ("首页 > 政务公开 > 通知公告\n当前位置：信息公开目录\n联系我们 网站地图".encode(), "nav.txt"),
])
def test_a_key_phrase_without_heading_table_agency_or_year_is_not_a_report(data, filename):
    with pytest.raises(NotAReportError) as info:
        load_report(data, filename=filename)
    assert info.value.reason == "not_a_report"


def test_an_old_free_prose_report_with_only_a_title_still_loads():
    text = ("青石县人民政府2010年政府信息公开工作年度报告\n"
            "本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善工作机制。"
            "全年主动公开政府信息三百余条，受理依申请公开两件，均按时答复。"
            "工作中还存在公开内容不够全面的问题，今后将进一步规范。\n")
    report = load_report(text.encode(), filename="old.txt")
    assert report.sections == ()
    assert (report.metadata.agency, report.metadata.year) == ("青石县人民政府", 2010)
    assert [p.code for p in report.errors] == ["no_headings"]


def test_a_headingless_text_with_a_year_but_no_key_phrase_is_still_not_a_report():
    with pytest.raises(NotAReportError):
        load_report("2023年，本市气温偏高，降水偏少。".encode(), filename="weather.txt")
