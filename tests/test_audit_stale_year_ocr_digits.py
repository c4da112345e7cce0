"""stale_year on OCR'd digits: a year whose 0 the engine read as a letter O ("2O24年底前") is
the year 2024, quoted as the statement writes it; the zeros of a year in Chinese numerals are
the metadata's one set (HANZI_ZEROS), the full-width ０ among them."""

from __future__ import annotations

import pytest

from nlp_reports.corpus.audit import _digit_years, _stale_plan
from nlp_reports.parse.metadata import HANZI_ZEROS


def test_a_letter_o_in_a_digit_year_is_the_year_quoted_as_written():
    text = "力争2O24年底前完成乡镇公开栏的标准化改造，逐村建立台账。"
    assert _stale_plan(text, 2024) == (2024, "力争2O24年底前")
    # before: the two digits after the O were read as a year of their own ("24年底前")
    assert _stale_plan("计划于2O23年6月底前上线依申请公开办理系统。", 2024) == (
        2023, "计划于2O23年6月底前")


def test_a_letter_o_year_keeps_its_length_and_adds_no_century():
    digits, added = _digit_years("2O24年底前建成，2Ｏ25年第一季度")
    assert digits == "2024年底前建成，2025年第一季度" and added == []


@pytest.mark.parametrize("zero", list(HANZI_ZEROS))
def test_every_zero_the_title_reads_is_read_in_a_measure(zero):
    text = f"二{zero}二四年底前完成公开目录的全面梳理。"
    assert _stale_plan(text, 2024) == (2024, f"二{zero}二四年底前")


def test_a_number_that_is_no_year_stays():
    # "2O" + two digits before 年 but a count of years, and a five-digit figure
    assert _stale_plan("我县已连续12年开展政务公开日活动，2O245件档案完成数字化。", 2024) is None
