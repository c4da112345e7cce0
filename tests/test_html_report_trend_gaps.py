"""The summary page's trend chart over years with gaps (once spaced evenly across them, a one-report year drawn as a full spike).

A corpus of a few legacy reports (2011, 2013, 2015, 2016: one each, as a site's archive
keeps them) and full recent years (2019–2025) drew 2011→2013 as far apart as 2024→2025,
joined every point as if no year were missing, and the one-report years' 0 ↔ 100 % jumps
dominated the chart with nothing saying how few reports they rest on.
"""

from __future__ import annotations

import re

import pytest
from _browser import measure_at_phone_width, measure_in_chromium, needs_chromium
from _corpus_helpers import make_report, store_of

from nlp_reports.corpus import summarize
from nlp_reports.corpus.html_report import FEW_REPORTS, line_chart

LEGACY = {2011: ("拉萨市城关区人民政府", "county"), 2013: ("山南市乃东区人民政府", "county"),
          2015: ("林芝市巴宜区林芝镇人民政府", "township"),
          2016: ("日喀则市人民医院", "department")}
RECENT = [("西藏自治区交通运输厅", "department"), ("拉萨市城关区人民政府", "county"),
          ("那曲市色尼区罗玛镇人民政府", "township"), ("昌都市卡若区城关街道办事处", "street"),
          ("阿里地区行政公署教育局", "department")]
PROBLEMS = ["政务公开工作人员多为兼职，业务能力参差不齐。",
            "个别科室对主动公开的重要性认识不足，存在“重保密、轻公开”的倾向。",
            "政府网站部分栏目信息更新不及时，时效性有待提高。",
            "政策解读多为文字形式，解读的深度和针对性不够。",
            "依申请公开办理流程不够规范，答复时限把握不严。"]
MEASURES = ["加强培训，提升工作人员业务水平。", "完善信息发布审核制度，做到应公开尽公开。",
            "推进政策图解、视频解读，增强解读效果。"]
YEARS = [2011, 2013, 2015, 2016, *range(2019, 2026)]


def _n(year: int) -> int:
    return 1 if year in LEGACY else 3 + year % 3


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    reports = {}
    for year in YEARS:
        bodies = [LEGACY[year]] if year in LEGACY else RECENT[:_n(year)]
        for i, (agency, level) in enumerate(bodies):
            probs = [PROBLEMS[(year + i + j) % len(PROBLEMS)] for j in range(1 + (year + i) % 2)]
            reports[f"{year}/{agency}.docx"] = make_report(
                agency, year, probs, [MEASURES[(year + i) % len(MEASURES)]], level=level,
                region="西藏")
    return store_of(tmp_path_factory.mktemp("gaps27") / "g.sqlite", reports)


def _trend(html: str, form: str) -> str:
    start = html.index(f'<div class="chart-{form}"', html.index("Trend by year"))
    return html[start:html.index("</svg>", start)]


def _labels(svg: str) -> dict[int, float]:
    return {int(y): float(x) for x, y in
            re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="\d+" '
                       r'text-anchor="middle">(\d{4})</text>', svg)}


def _proportional(pos: dict[int, float], tol: float = 0.15) -> None:
    years = sorted(pos)
    first, last = years[0], years[-1]
    per_year = (pos[last] - pos[first]) / (last - first)
    assert per_year > 0
    for y in years:
        assert pos[y] == pytest.approx(pos[first] + per_year * (y - first), abs=tol), y


@pytest.mark.parametrize("narrow", [False, True])
def test_years_stand_to_scale(narrow):
    xs = [str(y) for y in YEARS]
    svg = line_chart(xs, {"人员力量": [0.5] * len(xs)}, title="t", counts=[_n(y) for y in YEARS],
                     narrow=narrow)
    labels = _labels(svg)
    assert 2011 in labels and 2025 in labels and len(labels) >= 6
    _proportional(labels)
    # every point too (its tooltip names its year), at its year's place
    points = {int(y): float(x) for x, y in
              re.findall(r'cx="([\d.]+)"[^>]*><title>人员力量: 50% \((\d{4})', svg)}
    assert sorted(points) == YEARS
    _proportional(points)


def test_a_line_does_not_bridge_missing_years_silently():
    xs = [str(y) for y in YEARS]
    svg = line_chart(xs, {"人员力量": [0.2, 0.4, 0.3, 0.5, 0.6, 0.5, 0.4, 0.5, 0.6, 0.5, 0.4]},
                     title="t", counts=[9] * len(xs))
    pos = _labels(svg)
    dashed = [(float(a), float(b)) for a, b in re.findall(
        r'<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+" stroke="#[0-9a-f]{6}" '
        r'stroke-width="[\d.]+"[^>]*stroke-dasharray', svg)]
    want = [(2011, 2013), (2013, 2015), (2016, 2019)]
    assert [x for seg in sorted(dashed) for x in seg] == pytest.approx(
        [pos[y] for seg in want for y in seg], abs=0.15)
    solid = re.findall(r'<polyline points="([^"]+)"', svg)  # the runs of adjacent years
    assert [len(p.split()) for p in solid] == [2, 7]  # 2015–2016, 2019–2025
    # a theme missing in a year the chart has: a dashed line across it too
    gap = line_chart(["2021", "2022", "2023"], {"a": [0.1, float("nan"), 0.3]}, title="t")
    assert gap.count("stroke-dasharray") == 1 and "<polyline" not in gap


def test_years_of_few_reports_are_hollow_and_said_under_the_chart(db):
    assert FEW_REPORTS == 3
    html = summarize(db).to_html()
    for form in ("wide", "narrow"):
        svg = _trend(html, form)
        for y in YEARS:
            tips = re.findall(r'(fill="[^"]+")[^>]*><title>[^<]+: \d+% '
                              rf'\({y}, n=(\d+)\)</title>', svg)
            assert tips, (form, y)
            assert {int(n) for _, n in tips} == {_n(y)}
            hollow = {f == 'fill="#fff"' for f, _ in tips}
            assert hollow == {_n(y) < FEW_REPORTS}, (form, y)
    note = html[html.index("</svg>", html.index('<div class="chart-narrow"',
                                                  html.index("Trend by year"))):]
    note = note[:note.index("<h2")]
    assert "fewer than 3 reports (2011, 2013, 2015–2016)" in note
    assert "no report (2012, 2014, 2017–2018)" in note
    assert "少于3份" in note and "2012、2014、2017–2018年" in note


def test_no_gap_and_no_few_years_no_extra_note():
    from nlp_reports.corpus.html_report import _trend_note_gaps

    assert _trend_note_gaps(["2021", "2022", "2023"], [5, 4, 6]) == ""
    assert "2022" in _trend_note_gaps(["2021", "2023"], [5, 4])


def test_a_far_year_is_one_gap_not_a_billion():
    """A year written into a store by hand (1,000,000,000) made the note build the set of
    every year between: minutes and gigabytes. The gap is one run."""
    import time

    from nlp_reports.corpus.html_report import _trend_note_gaps

    start = time.process_time()
    note = _trend_note_gaps(["2019", "2020", "2023", "1000000000"], [5, 4, 6, 3])
    assert time.process_time() - start < 1.0
    assert "no report (2021–2022, 2024–999999999)" in note


SPACING_JS = r"""Array.prototype.filter.call(document.querySelectorAll('svg.chart'),
  function (s) { return s.getBoundingClientRect().width > 0; }).slice(1, 2).map(function (s) {
    var years = {}, n = 0;
    Array.prototype.forEach.call(s.querySelectorAll('text'), function (t) {
      if (/^\d{4}$/.test(t.textContent)) {
        var r = t.getBoundingClientRect();
        years[t.textContent] = {mid: (r.left + r.right) / 2, left: r.left, right: r.right};
      } });
    return {years: years, right: s.getBoundingClientRect().right,
            hollow: s.querySelectorAll('[fill="#fff"]').length,
            dashed: s.querySelectorAll('line[stroke-dasharray]').length};
  })[0]"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("width", [1366, 390])
def test_trend_years_stand_to_scale_in_the_browser(db, tmp_path, width):
    html = summarize(db).to_html()
    if width == 390:
        got = measure_at_phone_width(html, SPACING_JS, tmp_path, width=width)
    else:
        got = measure_in_chromium(html, SPACING_JS, tmp_path)
    pos = {int(y): v["mid"] for y, v in got["years"].items()}
    assert 2011 in pos and 2025 in pos
    _proportional(pos, tol=1.0)  # as drawn, in CSS px
    boxes = sorted(got["years"].values(), key=lambda v: v["left"])
    assert all(a["right"] < b["left"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert boxes[-1]["right"] <= got["right"]
    assert got["hollow"] >= 4 and got["dashed"] >= 3
