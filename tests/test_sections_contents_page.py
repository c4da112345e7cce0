"""A report with a table of contents (目录), as long PDF and Word reports have: its entries
are not the sections, and a cover title worded otherwise than the body's is one report, not
a compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.errors import NotAReportError
from nlp_reports.parse import load_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPORT = EXAMPLES / "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt"
TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
          "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
NUMERALS = "一二三四五六"


def _body() -> str:
    text = REPORT.read_text(encoding="utf-8")
    return text[text.index("本报告根据"):]  # the body without its title and page chrome


def _contents(gap: str) -> str:
    return "目  录\n" + "".join(f"{n}、{t}{gap}{i}\n"
                                for i, (n, t) in enumerate(zip(NUMERALS, TITLES, strict=True), start=1))


@pytest.mark.parametrize("gap", ["  ", "\t", " …… "])  # spaces, a Word TOC's tab, a spaced leader
@pytest.mark.parametrize(("cover", "body_title"), [
    ("云岭市东城区人民政府\n2021年政府信息公开工作年度报告",
     "云岭市东城区人民政府2021年政府信息公开工作年度报告"),
    ("云岭市东城区人民政府2021年政府信息公开工作年度报告",   # 人民 dropped in the body's title
     "云岭市东城区政府2021年政府信息公开工作年度报告"),
    ("云岭市东城区人民政府2020年政府信息公开工作年度报告",   # a year typo on the cover
     "云岭市东城区人民政府2021年政府信息公开工作年度报告"),
])
def test_a_report_with_a_table_of_contents_is_one_report_with_its_own_sections(
        gap, cover, body_title):
    plain = load_report(REPORT)
    text = f"{cover}\n\n{_contents(gap)}\n{body_title}\n{_body()}"
    report = load_report(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.text.strip() for s in report.sections if s.number in (1, 5))
    assert [st.text for st in report.statements] == [st.text for st in plain.statements]
    assert (report.metadata.agency, report.metadata.year) == ("云岭市东城区人民政府", 2021)
    assert [t.id for t in report.tables] == [t.id for t in plain.tables]


def test_an_agency_named_after_a_yearbook_is_not_a_compilation():
    cover = "云岭市地方志和年鉴编纂中心\n2021年政府信息公开工作年度报告"
    body_title = "云岭市地方志和年鉴编纂中心2021年度政府信息公开工作年度报告"
    report = load_report(f"{cover}\n\n{_contents('  ')}\n{body_title}\n{_body()}")
    assert report.metadata.agency == "云岭市地方志和年鉴编纂中心"
    assert len(report.statements) == len(load_report(REPORT).statements)


def test_two_agencies_reports_one_after_another_are_still_a_compilation():
    other = _body().replace("区政府", "区财政局")
    text = ("云岭市东城区人民政府2021年政府信息公开工作年度报告\n" + _body()
            + "\n云岭市东城区财政局2021年政府信息公开工作年度报告\n" + other)
    with pytest.raises(NotAReportError, match="compilation of 2 reports"):
        load_report(text)
