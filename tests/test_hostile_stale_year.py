"""audit's stale_year reading of years in Chinese numerals and two digits (ocr26, 8ee8f4b),
against absurd and malformed numerals.

Why it matters: every measure of every report goes through ``_stale_plan``; the years it
reads are rewritten (二〇二四 → 2024, 24年底 → 2024年底) and the words quoted back as
written by offset arithmetic. What must hold: never an exception, the quote a piece of the
statement as written and naming the year it found, the year one a report may plan stale,
and time linear in the statement.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.corpus.audit import _digit_years, _stale_plan

PIECES = ("二〇二四年", "二0二四年", "二O二四年", "二〇二三", "二〇二〇〇年", "二二二二年",
          "二〇二四 年", "24年底前", "23年", "24年6月", "24年第一季度", "99年底前", "00年底前",
          "连续24年", "2023—2025年", "2024年", "2023 年", "年底前", "计划", "力争", "将于",
          "下一步，", "我局将继续", "完成", "，", "。", "二", "〇", "0", "O", "24", "年", "底",
          "前", "内", "十", "已全部完成", "十四五")


def _as_digits(text: str) -> str:
    """``text`` with every year it may hold in ASCII digits (what _stale_plan reads)."""
    return _digit_years(text)[0]


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14),
       st.sampled_from([1999, 2019, 2023, 2024, 2025, 2099]))
def test_a_stale_plan_is_quoted_as_written(pieces, year):
    text = "".join(pieces)
    found = _stale_plan(text, year)
    if found is None:
        return
    y, words = found
    assert year - 2 <= y <= year
    assert words and words in text
    assert str(y) in _as_digits(words) or str(y)[2:] in _as_digits(words)


def test_digit_years_keep_the_length_of_chinese_numerals():
    text = "二〇二四年底前完成，二0二四年6月上线，二O二三年内"
    digits, added = _digit_years(text)
    assert digits == "2024年底前完成，2024年6月上线，2023年内" and added == []
    digits, added = _digit_years("计划24年底前完成，连续24年，25年第一季度")
    assert digits == "计划2024年底前完成，连续24年，2025年第一季度"
    assert [digits[i:i + 4] for i in added] == ["2024", "2025"]


def test_ten_thousand_numerals_in_one_statement():
    for unit in ("二〇二四年", "计划24年底前完成，", "二〇二〇〇〇年底", "二二二二二",
                 "计划二0二四年底前完成，", "二〇24年底前", "24年" * 3):
        start = time.process_time()
        _stale_plan(unit * 10_000, 2024)
        assert time.process_time() - start < 1.0, unit
