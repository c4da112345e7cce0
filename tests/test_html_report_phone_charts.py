"""The summary's charts at a phone's width: each chart has a narrow form, drawn at
the size a phone shows it, where the wide one, shrunk to 390 px, had labels 5 px tall; and
the audit table keeps room for its findings on a phone."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _browser import measure_at_phone_width, measure_in_chromium, needs_chromium
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit, summarize
from nlp_reports.corpus.html_report import (
    NARROW_WIDTH,
    bar_chart,
    chart_pair,
    html_table,
    line_chart,
    wrap_text,
)
from nlp_reports.taxonomy import THEME_NAMES

#: (agency, level): a province's department, a district, townships, a street office, a
#: city bureau and a hospital, reporting from 2014 to 2025 (12 years: more year labels
#: than a phone's trend chart has room for).
BODIES = [("湖北省人力资源和社会保障厅", "department"), ("宁波市鄞州区人民政府", "county"),
          ("夏河县拉卜楞镇人民政府", "township"), ("佛山市南海区桂城街道办事处", "street"),
          ("黔东南州市场监督管理局", "department"), ("石嘴山市第一人民医院", "department")]
PROBLEMS = [
    "政务公开专职人员仅1名，且身兼文秘、档案等工作，力量明显不足。",
    "部分科室对主动公开认识不够，仍停留在“要我公开”层面。",
    "门户网站个别栏目更新不及时，“通知公告”栏目存在数月未更新的问题。",
    "政策解读形式较为单一，图解、视频等形式运用不够。",
    "依申请公开答复文书不够规范，个别告知书未载明救济途径。",
    "保密审查机制执行不到位，存在先发布后审查的问题。",
]
MEASURES = ["下一步，将配齐配强信息公开工作人员，确保专人专岗。",
            "组织各科室开展政务公开业务培训，全年不少于2次。",
            "完善网站栏目巡查制度，由办公室每周检查一次更新情况。",
            "推进图表、短视频等群众喜闻乐见的政策解读形式。"]
YEARS = range(2014, 2026)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tagger = FakeTagger()
    path = tmp_path_factory.mktemp("charts23") / "c.db"
    with Store(path) as s:
        for y in YEARS:
            for i, (agency, level) in enumerate(BODIES):
                if (y + i) % 3 == 0:  # not every body every year
                    continue
                probs = [PROBLEMS[(y + i + j) % len(PROBLEMS)] for j in range(1 + (y + i) % 3)]
                r = make_report(agency, y, probs, [MEASURES[(y + i) % len(MEASURES)]],
                                level=level)
                s.write_report(f"{agency}{y}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return path


#: What a reader sees of each chart shown: its box, its parent's class, and each text's box,
#: font size as drawn (CSS size × the SVG's scale) and, for the labels (a theme, a year),
#: whether its characters are drawn as distinct glyphs (tofu boxes are all alike).
CHARTS_JS = r"""{
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  charts: Array.prototype.filter.call(document.querySelectorAll('svg.chart'), function (s) {
      return s.getBoundingClientRect().width > 0; }).map(function (s) {
    var box = s.getBoundingClientRect(), scale = s.getScreenCTM().a;
    return {form: s.parentNode.className, left: box.left, right: box.right, width: box.width,
      title: s.querySelector('title').textContent,
      texts: Array.prototype.map.call(s.querySelectorAll('text'), function (t) {
        var r = t.getBoundingClientRect(), size = parseFloat(getComputedStyle(t).fontSize);
        return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                bottom: r.bottom, height: r.height, size: size * scale,
                font: getComputedStyle(t).fontFamily}; })}; }),
  glyphs: (function () {
    var t = document.querySelector('.chart-narrow svg text[font-size="12"]') ||
            document.querySelector('svg text');
    var c = document.createElement('canvas'); c.width = 40; c.height = 40;
    var g = c.getContext('2d'), out = [];
    ['人', '员', '力', '量'].forEach(function (ch) {
      g.clearRect(0, 0, 40, 40); g.font = '24px ' + getComputedStyle(t).fontFamily;
      g.fillText(ch, 4, 30);
      out.push(Array.prototype.join.call(g.getImageData(0, 0, 40, 40).data, ','));
    });
    return out; })()
}"""


def _overlaps(a: dict, b: dict) -> bool:
    """Whether two texts' glyphs overlap: their boxes less the line's leading (a CJK font's
    box is about 1.45 em tall, its glyphs 1 em: the em box, from 0.25 em under the top)."""
    def em(t):
        return t["top"] + 0.25 * t["size"], t["top"] + 1.25 * t["size"]
    (at, ab), (bt, bb) = em(a), em(b)
    return (a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and at < bb - 0.5 and bt < ab - 0.5)


@pytest.mark.browser
@needs_chromium
def test_charts_read_at_phone_width(db, tmp_path):
    """At 390 px the 760 px charts shrank to 46 %: labels 5 px tall, read by pinch-zooming."""
    got = measure_at_phone_width(summarize(db).to_html(), CHARTS_JS, tmp_path)
    assert got["overflow"] <= 0  # nothing scrolls the page sideways
    charts = got["charts"]
    assert len(charts) == 3 and all(c["form"] == "chart-narrow" for c in charts)
    for c in charts:
        assert c["right"] <= 390 and c["width"] <= NARROW_WIDTH
        texts = c["texts"]
        assert min(t["height"] for t in texts) >= 10, c["title"]
        assert min(t["size"] for t in texts) >= 10, c["title"]
        for t in texts:  # no text cut off at the chart's edges
            assert c["left"] - 0.5 <= t["left"] and t["right"] <= c["right"] + 0.5, t
        clash = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:]
                 if _overlaps(a, b)]
        assert not clash, (c["title"], clash)
        assert all("Noto Sans CJK SC" in t["font"] for t in texts)
    prevalence, trend, coverage = charts
    labels = {t["text"] for t in prevalence["texts"]}
    assert set(THEME_NAMES.values()) <= labels and "问题 problem" in labels
    assert set(THEME_NAMES.values()) <= {t["text"] for t in coverage["texts"]}
    # the title on lines of its own, its Chinese half first
    assert [t["text"] for t in trend["texts"][:2]] == ["各年承认问题的报告比例",
                                                      "Share of reports admitting a problem, by"]
    # 12 years do not fit 12 labels: every other one, the latest kept, each with its n
    years = [t["text"] for t in trend["texts"] if re.fullmatch(r"20\d\d", t["text"])]
    assert years == [str(y) for y in YEARS][1::2]
    assert len([t for t in trend["texts"] if t["text"].startswith("n=")]) == len(years)
    # the CJK glyphs are drawn, each its own shape (a missing font draws the same box)
    assert len(set(got["glyphs"])) == 4


@pytest.mark.browser
@needs_chromium
def test_charts_at_laptop_width_are_the_wide_ones(db, tmp_path):
    got = measure_in_chromium(summarize(db).to_html(), CHARTS_JS, tmp_path)
    assert got["overflow"] <= 0
    charts = got["charts"]
    assert [c["form"] for c in charts] == ["chart-wide"] * 3
    assert all(c["width"] == 760 for c in charts)
    # drawn at their size: the smallest text is the bars' 10 px values, as before
    assert min(t["size"] for c in charts for t in c["texts"]) == 10
    assert charts[1]["texts"][0]["text"].startswith("各年承认问题的报告比例 Share")
    years = [t["text"] for t in charts[1]["texts"] if re.fullmatch(r"20\d\d", t["text"])]
    assert years == [str(y) for y in YEARS]  # every year on a laptop


def test_narrow_trend_draws_every_point_and_a_note_names_each(db):
    html = summarize(db).to_html()
    narrow = html[html.index('<div class="chart-narrow" hidden>',
                             html.index("Trend by year")):]
    narrow = narrow[:narrow.index("</svg>")]
    for y in YEARS:  # a year without a label keeps its points, their tooltips naming it
        assert re.search(rf"<title>[^<]+: \d+% \({y}, n=\d+\)</title>", narrow), y


def test_a_page_without_its_style_shows_the_wide_charts_only():
    """A view that drops the page's <style> (a sanitised notebook) must not show each chart
    twice: the narrow form is hidden by the attribute, shown by the phone's media query."""
    wide = bar_chart(["人员力量"], {"s": [0.5]}, title="t", max_value=1.0)
    narrow = bar_chart(["人员力量"], {"s": [0.5]}, title="t", max_value=1.0, narrow=True)
    pair = chart_pair(wide, narrow)
    assert pair.index(wide) < pair.index(narrow)
    assert re.search(r'<div class="chart-narrow" hidden>\s*<svg', pair)
    assert re.search(r'<div class="chart-wide">\s*<svg', pair)


@pytest.mark.parametrize("make", [
    lambda: bar_chart(list(THEME_NAMES.values()), {"问题 problem": [0.2] * 13,
                                                   "措施 measure": [1.0] * 13},
                      title="报告提及各主题的比例 Share of reports stating each theme — "
                            "corpus-wide, all 1234 reports", max_value=1.0, narrow=True),
    lambda: line_chart([str(y) for y in range(2008, 2026)], {"主动公开": [0.1] * 18},
                       counts=[3] * 18, title="各年承认问题的报告比例 Share", narrow=True),
])
def test_narrow_charts_have_no_small_text_and_fit(make):
    svg = make()
    sizes = [int(s) for s in re.findall(r'<text [^>]*font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 11
    assert re.search(rf'width="{NARROW_WIDTH}" height="[\d.]+" viewBox="0 0 {NARROW_WIDTH} ',
                     svg)
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)"', svg)]
    assert max(xs) < NARROW_WIDTH


def test_wrap_text_breaks_a_bilingual_title_before_its_english_half():
    lines = wrap_text("承认问题的报告中同时提出对应措施的比例 Problems met by a measure — "
                      "corpus-wide, all 28 reports", 320, 13)
    assert lines[0] == "承认问题的报告中同时提出对应措施的比例"
    assert " ".join(lines[1:]) == "Problems met by a measure — corpus-wide, all 28 reports"
    assert len(lines) == 3
    assert wrap_text("平台渠道与信息化", 40, 13) == ["平台渠", "道与信", "息化"]


def test_only_share_columns_read_with_three_decimals():
    """Every column whose name began with "share" was a share: a count named
    shared_statements read 3.000."""
    df = pd.DataFrame({"agency": ["桂城街道办事处", "拉卜楞镇人民政府"], "share": [1, 0.25],
                       "share_copied": [0.0, 0.904], "shared_statements": [3, 12]})
    cells = re.findall(r'<td class="num" data-v="([^"]+)"', html_table(df))
    assert cells == ["1.000", "0.000", "3", "0.250", "0.904", "12"]  # row by row


#: The audit table on a phone: the part of the box its sticky columns cover once scrolled.
AUDIT_JS = r"""{
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  covered: (function () {
    var box = document.querySelector('.scroll'); box.scrollLeft = 600;
    var b = box.getBoundingClientRect(), row = document.querySelector('#audit tbody tr');
    var right = Math.max.apply(null, Array.prototype.filter.call(row.cells, function (c) {
      return getComputedStyle(c).position === 'sticky'; }).map(function (c) {
      return c.getBoundingClientRect().right; }));
    return (right - b.left) / b.width; })()
}"""


@pytest.mark.browser
@needs_chromium
def test_audit_table_leaves_room_for_findings_at_phone_width(db, tmp_path):
    """The file and agency columns (24em) stayed in view and covered 340 of the 358 px."""
    html = audit(db).to_html(tmp_path / "a.html")
    got = measure_at_phone_width(html, AUDIT_JS, tmp_path)
    assert got["overflow"] <= 0
    assert got["covered"] <= 0.4, got
    wide = measure_in_chromium(html, AUDIT_JS, tmp_path)  # a laptop keeps file and agency
    assert 0.2 <= wide["covered"] <= 0.5, wide


#: The copying table's agency cells on a phone: their smallest width and greatest height.
AGENCY_JS = r"""{
  cells: (function () {
    var h = Array.prototype.find.call(document.querySelectorAll('h2'), function (e) {
      return e.textContent.indexOf('Year-over-year copying') >= 0; });
    var e = h.nextElementSibling;
    while (e.tagName !== 'TABLE' && e.tagName !== 'DETAILS') { e = e.nextElementSibling; }
    if (e.tagName === 'DETAILS') { e.open = true; e = e.querySelector('table'); }
    return Array.prototype.map.call(e.tBodies[0].rows, function (r) {
      var b = r.cells[0].getBoundingClientRect();
      return [r.cells[0].textContent, b.width, b.height]; }); })()
}"""


@pytest.mark.browser
@needs_chromium
def test_agency_names_keep_a_readable_width_at_phone_width(db, tmp_path):
    """An agency's name stood four characters a line in the copying table, five lines a row."""
    got = measure_at_phone_width(summarize(db).to_html(), AGENCY_JS, tmp_path)["cells"]
    assert {name for name, _, _ in got} == {a for a, _ in BODIES}
    assert min(w for _, w, _ in got) >= 90  # 7em of the table's 13.6 px: 7 characters
    assert max(h for _, _, h in got) <= 60, got  # 佛山市南海区桂城街道办事处: two lines
