"""The publication date printed right under the title is read as ``published``.

Central agencies, provincial departments and PDF copies often print the report's date under
its title ("（2014年3月25日）", "2023年1月20日", "（2022年1月发布）") and sign without one; the
parser read only the page head's 发布时间 and the closing date, so ``published`` was None
and the audit's late finding could not be made. The order is: the page's 发布 date, else the
signature's, else the line under the title (``published_from`` says which). A date inside
the text, a period, a date of another year than the report's or the next are never read.
Fixtures in tests/fixtures/date12 (written for this pass).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import audit_by_path

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta
from nlp_reports.report import Report

DATA = Path(__file__).parent / "fixtures" / "date12"


@pytest.mark.parametrize("name, published, source", [
    # 国家…局: "（二〇二三年一月二十九日）" under the title, no date under the signature
    ("ministry_2022_hanzi_date.txt", "2023-01-29", "title_line"),
    # 省厅: a bare "2024年1月22日" line under the title, signed with the name only
    ("province_dept_2023_bare_date.txt", "2024-01-22", "title_line"),
    # PDF paste, title over two lines, "（2022年2月发布）": the month's last day
    ("district_2021_pdf_paste.txt", "2022-02-28", "title_month"),
    # the signature's date wins over the title's (2023-01-10)
    ("street_2022_signed_and_titled.txt", "2023-01-16", "signature"),
    # a county page's metadata table: 发布日期 2024-01-19, not its 成文日期 2024-01-12
    ("county_bureau_2023_page.html", "2024-01-19", "page"),
    # "（2021年1月18日）" on a 2023 report: a template's date, not this report's
    ("township_2023_stale_title_date.txt", None, None),
    # the data period under the title, dates in 总体情况's prose: none is the report's
    ("bureau_2023_period_under_title.txt", None, None),
])
def test_fixture_dates(name, published, source):
    md = load_report(DATA / name).metadata
    assert (md.published, md.published_from) == (published, source)


@pytest.mark.parametrize("line, year, want", [
    ("（2014年3月25日）", 2013, ("2014-03-25", False)),
    ("2023年1月20日", 2022, ("2023-01-20", False)),
    ("　　(2023年 1 月 20 日)　", 2022, ("2023-01-20", False)),
    ("发布日期：2024-01-18", 2023, ("2024-01-18", False)),
    ("2023-01-31 09:30", 2022, ("2023-01-31", False)),
    ("（二〇一四年三月二十五日）", 2013, ("2014-03-25", False)),
    ("（二○一二年一月三十一日印发）", 2011, ("2012-01-31", False)),
    ("（2022年1月发布）", 2021, ("2022-01-31", True)),
    ("（2024年2月印发）", 2023, ("2024-02-29", True)),  # a leap year's February
    ("（2023年12月）", 2023, ("2023-12-31", True)),
    ("（2014年3月25日）", None, ("2014-03-25", False)),  # no year to hold it against
])
def test_title_date_reads(line, year, want):
    assert meta.title_date(line, year) == want


@pytest.mark.parametrize("line, year", [
    ("（2023年1月1日—2023年12月31日）", 2023),  # a period
    ("（统计期限：2023年1月1日至2023年12月31日）", 2023),
    ("2024年01月22日 星期一", 2023),  # a portal's clock
    ("本办法自2023年1月1日起施行。", 2022),  # a sentence
    ("（2019年4月3日国务院令第711号修订）", 2023),  # a regulation
    ("（2019年4月3日）", 2023),  # another year than the report's or the next
    ("（2025年1月20日）", 2023),
    ("2023年2月30日", 2022),  # no such day
    ("（2023年1月20日", 2022),  # an unclosed bracket: no line of its own
    ("（2023年度）", 2023),
])
def test_title_date_refuses(line, year):
    assert meta.title_date(line, year) == (None, False)


_BODY = """一、总体情况
{opening}全年公开信息215条。
二、主动公开政府信息情况
本年度作出行政处罚决定4件。
三、收到和处理政府信息公开申请情况
本年度新收政府信息公开申请2件，均予以公开。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生行政复议、行政诉讼。
五、存在的主要问题及改进情况
一是公开栏目更新不及时；二是解读材料偏少。下一步，我局将建立栏目更新台账，按月检查。
六、其他需要报告的事项
无。

{signature}
"""


def _report(head: str, opening: str = "2023年，我局围绕重点工作推进公开。",
            signature: str = "柳岸县水利局") -> Report:
    return load_report(head + "\n" + _BODY.format(opening=opening, signature=signature))


def test_page_chrome_before_the_title_is_the_page_date():
    r = _report("首页 > 信息公开 > 年度报告\n来源：柳岸县水利局 发布时间：2024-01-31 09:30\n"
                "柳岸县水利局2023年政府信息公开工作年度报告")
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-31", "page")


def test_page_date_wins_over_the_title_line():
    r = _report("柳岸县水利局2023年政府信息公开工作年度报告\n发布时间：2024-02-06 10:12 浏览次数：88\n"
                "（2024年1月25日）")
    assert (r.metadata.published, r.metadata.published_from) == ("2024-02-06", "page")


def test_a_page_with_only_its_written_date_keeps_it():
    r = _report("柳岸县水利局2023年政府信息公开工作年度报告\n"
                "索引号：001-2024-0007 成文日期：2024-01-12 发布机构：柳岸县水利局")
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-12", "page")


def test_a_re_post_two_years_on_gives_the_title_date():
    r = _report("柳岸县水利局2023年政府信息公开工作年度报告\n发布时间：2026-03-02 08:00\n"
                "2024年1月19日")
    assert (r.metadata.published, r.metadata.published_from) == ("2024-01-19", "title_line")
    assert "reposted_page" in {e.code for e in r.errors}


def test_dates_in_the_text_are_not_read():
    """No date line under the title: 总体情况 opening with a date, a regulation's date on a
    line of its own inside section 一, and the signature without date give no date."""
    r = _report("柳岸县水利局2023年政府信息公开工作年度报告",
                opening="2024年1月10日\n《柳岸县河道管理办法》自2023年1月1日起施行。")
    assert (r.metadata.published, r.metadata.published_from) == (None, None)


def test_a_date_line_far_below_the_title_is_not_read():
    r = _report("柳岸县水利局2023年政府信息公开工作年度报告\n"
                "本报告依据《中华人民共和国政府信息公开条例》编制。\n"
                "全文包括总体情况等六个部分。\n2024年1月19日")
    assert r.metadata.published is None


def test_the_title_date_settles_no_year_of_its_own():
    """A report with no year in its title: the year is read from the data period, and the
    date under the title is checked against it (2017 is neither 2023 nor 2024)."""
    r = _report("柳岸县水利局政府信息公开工作年度报告\n（2017年3月20日）",
                opening="本报告统计期限自2023年1月1日至2023年12月31日。2023年，我局推进公开。")
    assert r.metadata.year == 2023
    assert r.metadata.published is None


def test_json_carries_the_source_and_reads_schema_1_0():
    r = load_report(DATA / "ministry_2022_hanzi_date.txt")
    d = r.to_dict()
    assert d["schema_version"] == "1.6"
    assert d["metadata"]["published_from"] == "title_line"
    assert Report.from_dict(d).metadata == r.metadata
    old = {**d, "schema_version": "1.0",
           "metadata": {k: v for k, v in d["metadata"].items() if k != "published_from"}}
    back = Report.from_dict(old).metadata
    assert (back.published, back.published_from) == ("2023-01-29", None)


def test_audit_judges_a_title_dated_report(tmp_path):
    """The department's 2021 report "（2022年2月发布）" is late (31 January); the ministry's
    dated 2023-01-29 under its title is on time; the stale-dated township's is unknown."""
    t = audit_by_path(tmp_path, {name: load_report(DATA / name) for name in (
        "district_2021_pdf_paste.txt", "ministry_2022_hanzi_date.txt",
        "township_2023_stale_title_date.txt")})
    assert t.loc["district_2021_pdf_paste.txt", "published_late"] == \
        "published 2022-02-28, deadline 2022-01-31"
    assert t.loc["ministry_2022_hanzi_date.txt", "published_late"] == ""
    assert t.loc["township_2023_stale_title_date.txt", "published_late"] == ""
    assert t.loc["township_2023_stale_title_date.txt", "published"] == ""
    assert "标题下所注日期" in t.loc["district_2021_pdf_paste.txt", "findings_zh"]
