"""A closing date written in figures under the signature ("2024-01-18", "2024.1.18") is the
report's date, as "2024年1月18日" is.

Web copies and converted Word files often sign "青石县水利局⏎2024-01-18" or "2024.1.18". The
closing date was recognised only in 年/月/日 forms, so such a report had no ``published``
(29 of 354 heads of an outside check) and the signature with its date stayed in the last
section's text. The date must stand alone on its line, with a valid month and day.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report

REPORT = """柳岸县水利局2023年政府信息公开工作年度报告

一、总体情况
2023年，我局围绕河湖长制、水旱灾害防御等重点工作，主动公开信息168条，受理申请3件。

六、其他需要报告的事项
本年度未收取信息处理费。

柳岸县水利局
{date}
"""


@pytest.mark.parametrize("date, published", [
    ("2024-01-18", "2024-01-18"),
    ("2024.1.18", "2024-01-18"),
    ("2024/01/08", "2024-01-08"),
    ("　　2024-1-8　", "2024-01-08"),
    ("2024年1月18日", "2024-01-18"),  # as before
])
def test_numeric_closing_date(date, published):
    r = load_report(REPORT.format(date=date))
    assert (r.metadata.published, r.metadata.published_from) == (published, "signature")
    six = r.sections[-1].text
    assert date.strip() not in six and "柳岸县水利局" not in six


@pytest.mark.parametrize("date", ["2024.13.18", "2024-01-32", "2023.12", "2024-01-18至2024-02-01"])
def test_not_a_date_line(date):
    assert load_report(REPORT.format(date=date)).metadata.published is None


@pytest.mark.parametrize("line, published", [
    ("柳岸县水利局　　2024-01-18", "2024-01-18"),
    ("柳岸县水利局 2024.1.18", "2024-01-18"),
    ("柳岸县水利局　　2024年1月18日", "2024-01-18"),  # as before
])
def test_signed_on_one_line(line, published):
    # the agency and the date in figures on one line, as a right-aligned paragraph is saved
    r = load_report(REPORT.replace("柳岸县水利局\n{date}\n", line + "\n"))
    assert (r.metadata.published, r.metadata.published_from) == (published, "signature")
    six = r.sections[-1].text
    assert six.endswith("本年度未收取信息处理费。") and "柳岸县水利局" not in six
