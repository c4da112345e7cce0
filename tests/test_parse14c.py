"""parse14c: parser leftovers of session 13's red-team and review passes (titles naming a
hospital's or a school's own disclosure, …). Fixtures in tests/fixtures/parse14c/ are short
fictional reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report
from nlp_reports.parse import metadata as meta

DATA = Path(__file__).parent / "fixtures" / "parse14c"


# --- 1. 院务公开 / 校务公开 / 院务（政府）信息公开 titles name their agency ------------------

@pytest.mark.parametrize("title, agency, year", [
    ("南江市第二人民医院2023年度院务（政府）信息公开工作年度报告", "南江市第二人民医院", 2023),
    ("柳川县妇幼保健院2024年院务公开工作年度报告", "柳川县妇幼保健院", 2024),
    ("2022年云台县中医医院院务公开工作年度报告", "云台县中医医院", 2022),
    ("青溪师范学院2022-2023学年校务公开工作年度报告", "青溪师范学院", 2023),
])
def test_hospital_and_school_disclosure_titles_name_the_agency(title, agency, year):
    assert meta.agency_and_year(title) == (agency, year)


def test_a_party_or_village_disclosure_title_is_not_read_as_one():
    # 党务公开 / 村务公开 are other kinds of disclosure: no agency read from such a title
    assert meta.agency_and_year("某村2023年度村务公开工作报告")[0] is None


def test_school_title_over_two_lines_without_a_signed_name():
    r = load_report(DATA / "zhongxue_xiaowu_two_lines.txt")
    m = r.metadata
    assert (m.title, m.agency, m.year) == ("云台县第一中学2023年度校务公开工作年度报告",
                                           "云台县第一中学", 2023)
    assert m.region == "云台县" and m.level is None  # a school has no level


def test_hospital_yuanwu_title_closing_without_signature():
    m = load_report(DATA / "fuyou_yuanwu_one_line.txt").metadata
    assert (m.agency, m.year, m.region) == ("柳川县妇幼保健院", 2024, "柳川县")


def test_hospital_yuanwu_zhengfu_title_over_two_lines():
    m = load_report(Path(__file__).parent / "fixtures" / "parse14b"
                    / "yiyuan_closing_after_six.txt").metadata
    assert (m.agency, m.year) == ("南江市第二人民医院", 2023)

