"""Data periods, signature years and new-area tiers: inputs first read wrong.

Each report is examples/corpus's 云岭市人民政府 2023 report (its data period, page date and
signature date all fitting 2023), changed in one place, and parsed for real.
A signature dated by month alone and a year read from the report's dates use short
fictional reports in tests/fixtures/parse14b/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

_BASE = (Path(__file__).parents[1] / "examples" / "corpus"
         / "云岭市人民政府2023年政府信息公开工作年度报告.txt")
_PERIOD = "所列数据统计期限自2023年1月1日起至2023年12月31日止。"
DATA = Path(__file__).parent / "fixtures" / "parse14b"


@pytest.fixture(scope="module")
def base() -> str:
    if not _BASE.exists():
        pytest.skip("examples/corpus is absent")
    text = _BASE.read_text(encoding="utf-8")
    assert _PERIOD in text and "发布时间:2024-01-12" in text and text.rstrip().endswith(
        "2024年1月12日")
    return text


def _codes(text: str) -> tuple[int | None, str | None, list[str]]:
    r = load_report(text)
    return r.metadata.year, r.metadata.published, [p.code for p in r.errors]


def test_base_report_is_sound(base: str) -> None:
    year, published, codes = _codes(base)
    assert (year, published) == (2023, "2024-01-12")
    assert "year_conflict" not in codes and "reposted_page" not in codes


@pytest.mark.parametrize("replacement", [
    # last year's data period quoted for a comparison, before the report's own
    "与上年度报告（统计期限为2022年度）相比，内容有所增加；" + _PERIOD,
    # the comparison alone (the report states no data period of its own)
    "所列数据为本年度数据。与上年度报告（统计期限为2022年度）相比，内容有所增加。",
    "本报告与2022年度报告（统计时间范围为2022年全年）相比，统计口径一致。",
    "去年同期（统计期限自2022年1月1日起至2022年12月31日止）的数据见上年度报告。",
])
def test_another_reports_data_period_is_no_year_conflict(base: str, replacement: str) -> None:
    """A sentence quoting another year's data period (上年度报告…统计期限) is not the
    report's own: the sound 2023 report got a year_conflict defect (data period 2022)."""
    year, published, codes = _codes(base.replace(_PERIOD, replacement))
    assert year == 2023
    assert "year_conflict" not in codes


def test_own_period_after_a_named_format_document_is_read() -> None:
    """A preamble naming the format document (与《…年度报告格式》) before the report's own
    data period is not a comparison with another report."""
    from nlp_reports.parse.metadata import period_year

    text = ("本报告根据《条例》与《政府信息公开工作年度报告格式》要求编制，"
            "所列数据统计期限自2023年1月1日起至2023年12月31日止。")
    assert period_year(text) == 2023


def test_own_data_period_still_conflicts_with_title(base: str) -> None:
    """The report's own data period still overrides a reused title (the F1 rule)."""
    text = base.replace("云岭市人民政府2023年", "云岭市人民政府2022年", 1)
    year, _, codes = _codes(text)
    assert year == 2023 and "year_conflict" in codes


def test_signature_year_slip_is_not_a_repost(base: str) -> None:
    """A signature written with the year reported on ("2023年1月12日" on the 2023 report
    paged 2024-01-12) was taken as the publication date and the page called a re-post:
    published 2023-01-12 (then 'published early') and a false reposted_page."""
    text = base.rstrip()[:-len("2024年1月12日")] + "2023年1月12日\n"
    year, published, codes = _codes(text)
    assert year == 2023
    assert published == "2024-01-12"
    assert "reposted_page" not in codes and "year_conflict" not in codes


def test_real_repost_still_uses_the_signature(base: str) -> None:
    """A page re-posted over a year after a signature that fits the year is still one."""
    text = base.replace("发布时间:2024-01-12", "发布时间:2025-03-02")
    year, published, codes = _codes(text)
    assert (year, published) == (2023, "2024-01-12")
    assert "reposted_page" in codes


@pytest.mark.parametrize(("agency", "tier"), [
    ("上海市浦东新区教育局", "county"),
    ("天津市滨海新区财政局", "county"),
    ("浦东新区司法局", "county"),
    # a 新区 that is a zone run by a 管委会, not a district: no tier, as a 开发区
    ("雄安新区管理委员会公共服务局", None),
    ("兰州新区教育局", None),
    ("两江新区管理委员会", None),
    ("青岛西海岸新区教育局", None),
    ("云岭市新区管委会", None),
])
def test_tier_of_a_new_area(agency: str, tier: str | None) -> None:
    """Only 浦东新区 and 滨海新区 are districts: the s8 rule put every 新区's departments
    (雄安新区, 兰州新区 …) at county tier, in the summary's --by tier."""
    from nlp_reports.parse.metadata import level_of, region_of, tier_of

    assert tier_of(level_of(agency), region_of(agency), agency) == tier


# --- a closing date with no day -----------------------------------------------------------------


def test_signature_month_without_day():
    """"2025年1月" under the signature (no day) is the month's last day, marked
    signature_month, as a month under the title is (title_month): published was None, and the
    signature and the date were read as the last statement of 五."""
    text = (DATA / "zhen_closing_no_six.txt").read_text(encoding="utf-8")
    for date_line in ("2025年1月", "二〇二五年一月"):
        r = load_report(text.replace("2025年1月20日", date_line).encode("utf-8"), filename="z.txt")
        assert (r.metadata.published, r.metadata.published_from) == ("2025-01-31", "signature_month")
        assert r.statements[-1].text.endswith("专题培训。")
    r = load_report(text.replace("2025年1月20日", "2025年13月").encode("utf-8"), filename="z.txt")
    assert r.metadata.published is None
    r = load_report(DATA / "zhen_closing_no_six.txt")
    assert (r.metadata.published, r.metadata.published_from) == ("2025-01-20", "signature")


# --- the year from the report's dates -------------------------------------------------------------


def test_year_from_dates_when_nothing_names_it():
    """A title without a year and a text that names none (no 统计期限, no opening "2024年，")
    had year None. Published in January–March of 2025 (page and signature agree) and speaking
    of 本年度, it reports on 2024: read so and marked year_from "dates". Not when the dates
    disagree, fall from April on, or the text never speaks of its year."""
    r = load_report(DATA / "xian_no_year_in_title.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "dates")
    assert r.metadata.published == "2025-01-20"
    text = (DATA / "xian_no_year_in_title.txt").read_text(encoding="utf-8")
    for old, new in (("2025年1月18日", "2025年6月18日"),   # the page's date stands; June signed
                     ("发布时间：2025-01-20", "发布时间：2025-06-20"),
                     ("2025年1月18日", "2024年12月28日")):
        r = load_report(text.replace(old, new).encode("utf-8"), filename="x.txt")
        assert (r.metadata.year, r.metadata.year_from) == (None, None), new
    r = load_report(text.replace("本年度", "全年").replace("本年新收", "新收").encode("utf-8"),
                    filename="x.txt")
    assert r.metadata.year is None
    # the other sources say so too
    r = load_report(DATA / "zhen_closing_no_six.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "title")
    r = load_report(text.replace("全县各级行政机关", "2024年，全县各级行政机关").encode("utf-8"),
                    filename="x.txt")
    assert (r.metadata.year, r.metadata.year_from) == (2024, "text")
