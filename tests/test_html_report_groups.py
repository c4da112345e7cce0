"""The HTML summary and audit pages by group: charts per group, many groups, trends, folded tables.

Charts that ignored ``--by``, a one-year "trend" drawn as a blob with an "(unknown)" year on
its axis, folded tables naming CSV files that were never written, audit rows ~220 px tall
and blank on screen, and audit Markdown that cut the file name off long paths. The pages
are opened in headless Chromium where it matters what a reader sees.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from _browser import measure_in_chromium, needs_chromium
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.cli import main
from nlp_reports.corpus import Store, audit, summarize
from nlp_reports.report import Check
from nlp_reports.taxonomy import THEME_NAMES

STAFFING = "人员力量不足。"          # the fake tagger: problem, staffing
PLATFORM = "网站平台建设不足。"      # problem, platform
TRAINING = "加强人员培训。"          # measure, staffing + training
AGENCIES = [f"{c}县人民政府" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯"]  # 14 agencies


def _write(path: Path, reports: dict[str, object]) -> Path:
    tagger = FakeTagger()
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
    return path


def _no_year(report):
    return dataclasses.replace(report, metadata=dataclasses.replace(report.metadata, year=None))


@pytest.fixture(scope="module")
def grouped_db(tmp_path_factory):
    """14 agencies of two levels: every county admits a staffing problem and no platform
    problem, every city the reverse; 2022 and 2023 for each."""
    reports = {}
    for i, agency in enumerate(AGENCIES):
        city = i % 2 == 1
        for year in (2022, 2023):
            probs = [PLATFORM] if city else [STAFFING]
            reports[f"r{i}_{year}.txt"] = make_report(
                agency, year, probs, [TRAINING], level="city" if city else "county")
    return _write(tmp_path_factory.mktemp("grouped") / "g.db", reports)




#: The heat tables as the reader sees them: title, header texts, each row's texts and sizes.
HEAT_JS = """{
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  tables: Array.prototype.map.call(document.querySelectorAll('table.heat'), function (t) {
    var title = t.previousElementSibling ? t.previousElementSibling.innerText : '';
    return {title: title, right: t.getBoundingClientRect().right,
      head: Array.prototype.map.call(t.tHead.rows[0].cells, function (c) {
        return c.innerText.trim(); }),
      rows: Array.prototype.map.call(t.tBodies[0].rows, function (r) {
        return {h: r.getBoundingClientRect().height,
                font: parseFloat(getComputedStyle(r.cells[1]).fontSize),
                cells: Array.prototype.map.call(r.cells, function (c) {
                  return c.innerText.trim(); })}; })}; }),
  // the charts shown (each chart is drawn twice, wide and narrow; a window shows one)
  svgTitles: Array.prototype.filter.call(document.querySelectorAll('svg > title'), function (t) {
    return t.parentNode.getBoundingClientRect().width > 0; }).map(function (t) {
    return t.textContent; })
}"""


def _cell(table: dict, group: str, theme: str) -> str:
    col = table["head"].index(THEME_NAMES[theme])
    # (a level is shown as "县级（县、区、旗、县级市） county": its id is the last word)
    row = next(r for r in table["rows"] if r["cells"][0].split(" n=")[0].split(" ")[-1] == group)
    return row["cells"][col]


@pytest.mark.browser
@needs_chromium
def test_grouped_summary_charts_show_each_group(grouped_db, tmp_path):
    """--by level: every chart was corpus-wide and nothing said so."""
    got = measure_in_chromium(summarize(grouped_db, by=["level"]).to_html(), HEAT_JS, tmp_path)
    tables = got["tables"]
    assert len(tables) == 3  # problems, measures, coverage: each per group
    problems, measures, coverage = tables
    assert "problem" in problems["title"] and "measure" in measures["title"]
    assert "measure" in coverage["title"]
    for t in tables:
        # levels by their Chinese name, in the hierarchy's order (s7 F18)
        assert [r["cells"][0] for r in t["rows"]] == [
            "市级（地级市、自治州、地区、盟） city n=14", "县级（县、区、旗、县级市） county n=14"]
    # counties admit staffing, cities platform: the groups differ, as the data do
    assert _cell(problems, "county", "staffing") == "100%"
    assert _cell(problems, "city", "staffing") == "0%"
    assert _cell(problems, "city", "platform") == "100%"
    assert _cell(problems, "county", "platform") == "0%"
    assert _cell(measures, "city", "training") == "100%"
    # coverage: a county admitting staffing always states the training measure (staffing too)
    assert _cell(coverage, "county", "staffing") == "100%"
    assert _cell(coverage, "county", "platform") == "–"  # no county admits it
    # the bars that stay corpus-wide say so
    bars = [t for t in got["svgTitles"] if "Share of reports stating" in t
            or "Problems met" in t]
    assert len(bars) == 2 and all("corpus-wide" in t and "28 reports" in t for t in bars)


@pytest.mark.browser
@needs_chromium
def test_fourteen_groups_stay_legible(grouped_db, tmp_path):
    got = measure_in_chromium(summarize(grouped_db, by=["agency"]).to_html(), HEAT_JS, tmp_path)
    assert got["overflow"] <= 0
    assert len(got["tables"]) == 3
    for t in got["tables"]:
        assert len(t["rows"]) == 14 and t["right"] <= 1366
        assert {r["cells"][0].split(" n=")[0] for r in t["rows"]} == set(AGENCIES)
        assert all(r["h"] < 40 and r["font"] >= 10 for r in t["rows"]), t["rows"][:2]
        assert [h for h in t["head"][1:]] == list(THEME_NAMES.values())


def test_ungrouped_page_has_no_group_tables(grouped_db):
    html = summarize(grouped_db).to_html()
    assert 'class="heat"' not in html and "corpus-wide" not in html


@pytest.mark.browser
@needs_chromium
def test_trend_of_one_known_year_is_a_sentence_and_unknown_years_stay_off_the_axis(tmp_path):
    one = _write(tmp_path / "one.db", {
        **{f"a{i}.txt": make_report(a, 2023, [STAFFING], [TRAINING])
           for i, a in enumerate(AGENCIES[:3])},
        "noyear.txt": _no_year(make_report("无年度县人民政府", 2023, [PLATFORM], [TRAINING])),
    })
    two = _write(tmp_path / "two.db", {
        **{f"a{i}_{y}.txt": make_report(a, y, [STAFFING], [TRAINING])
           for i, a in enumerate(AGENCIES[:3]) for y in (2022, 2023)},
        "noyear.txt": _no_year(make_report("无年度县人民政府", 2023, [PLATFORM], [TRAINING])),
    })
    js = """{
      section: (function () {
        var h = Array.prototype.find.call(document.querySelectorAll('h2'), function (e) {
          return e.textContent.indexOf('Trend by year') >= 0; });
        var out = [], svgs = 0, texts = [];
        for (var e = h.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling) {
          out.push(e.innerText || e.textContent);
          // the charts shown (a chart is drawn wide and narrow; a window shows one)
          Array.prototype.forEach.call(e.querySelectorAll('svg'), function (svg) {
            if (svg.getBoundingClientRect().width === 0) { return; }
            svgs += 1;
            Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) {
              texts.push(t.textContent); });
          });
        }
        return {text: out.join(' '), svgs: svgs, svgTexts: texts}; })()
    }"""
    got = measure_in_chromium(summarize(one).to_html(), js, tmp_path)["section"]
    assert got["svgs"] == 0  # no chart of one column of points
    assert "2023" in got["text"] and "no trend" in got["text"]
    assert "1 report with no year" in got["text"]
    got = measure_in_chromium(summarize(two).to_html(), js, tmp_path)["section"]
    assert got["svgs"] == 1
    assert "2022" in got["svgTexts"] and "2023" in got["svgTexts"]
    assert not [t for t in got["svgTexts"] if "unknown" in t]
    assert "n=3" in got["svgTexts"]  # the reports of each known year, the no-year one apart
    assert "1 report with no year" in got["text"]


def test_folded_tables_name_a_csv_only_when_it_was_written(grouped_db, tmp_path, capsys):
    """'all in prevalence.csv' was printed although no --csv was given."""
    page = tmp_path / "no_csv.html"
    assert main(["summarize", "--db", str(grouped_db), "--by", "agency", "--by", "year",
                 "--html", str(page), "-q"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "rows — click to show (the first 200" in html  # a table was cut
    assert "all in" not in html  # no file is named that does not exist
    assert "summarize --csv DIR writes prevalence.csv" in html

    page = tmp_path / "with_csv.html"
    out = tmp_path / "csv"
    assert main(["summarize", "--db", str(grouped_db), "--by", "agency", "--by", "year",
                 "--html", str(page), "--csv", str(out), "-q"]) == 0
    html = page.read_text(encoding="utf-8")
    named = set(re.findall(r"all in ([^)<]+\.csv)", html))
    assert named and str(out / "prevalence.csv") in named
    for f in named:
        assert Path(f).is_file(), f
    rows = len((out / "prevalence.csv").read_text(encoding="utf-8-sig").splitlines()) - 1
    assert rows > 200  # the file holds what the page left out

    api = summarize(grouped_db, by=["agency", "year"]).to_html(csv_dir=out)
    assert f"all in {out / 'prevalence.csv'}" in api


# --- the audit page and Markdown ------------------------------------------------------------

DEEP = ("政府信息公开年报 收集（2024-2026）", "未分类 省份待查", "柳岸县人民政府", "2025")
LONG_NAME = "2025年 柳岸县人民政府 政府信息公开 柳岸县人民政府2024年政府信息公开工作年度报告.txt"


@pytest.fixture()
def audit_db(tmp_path):
    """A report with 7 identity failures filed deep in a folder with a long name, beside
    plain reports and one failed file."""
    root = tmp_path.joinpath(*DEEP)
    fails = tuple(Check("I2", "fail", "table3", str(r), "total", 10.0 + r, 9.0,
                        f"I2 fails in row {r}") for r in range(1, 8))
    reports = {str(root / LONG_NAME): make_report("柳岸县人民政府", 2024, [STAFFING], [TRAINING],
                                                 checks=fails)}
    for a in AGENCIES[:5]:
        reports[str(tmp_path / DEEP[0] / f"{a}2024年报.txt")] = make_report(
            a, 2024, [STAFFING, PLATFORM], [TRAINING])
    path = _write(tmp_path / "a.db", reports)
    with Store(path) as s:
        s.record_failure(str(tmp_path / DEEP[0] / "空.txt"), "empty",
                         f"{tmp_path / DEEP[0] / '空.txt'}: the file is empty")
    return path


@pytest.mark.browser
@needs_chromium
def test_audit_rows_are_as_tall_as_what_is_seen(audit_db, tmp_path):
    """A row with long lists in columns off to the right was ~220 px tall and blank."""
    html = audit(audit_db).to_html()
    got = measure_in_chromium(html, """{
      rows: Array.prototype.map.call(document.querySelectorAll('#audit tbody tr'),
        function (tr) {
          var box = document.querySelector('#audit').parentElement.getBoundingClientRect();
          var seen = 0, unseen = 0, range = document.createRange();
          Array.prototype.forEach.call(tr.cells, function (td) {
            range.selectNodeContents(td);
            var h = range.getBoundingClientRect().height, r = td.getBoundingClientRect();
            if (r.left < box.right) { seen = Math.max(seen, h); }
            else { unseen = Math.max(unseen, h); }
          });
          return {file: tr.cells[0].innerText, defects: tr.cells[4].innerText,
                  height: tr.getBoundingClientRect().height, seen: seen, unseen: unseen}; }),
      opened: (function () {
        document.querySelectorAll('#audit details').forEach(function (d) { d.open = true; });
        return document.querySelector('#audit').innerText; })(),
      failed: document.querySelector('table.failed').innerText
    }""", tmp_path)
    rows = got["rows"]
    assert len(rows) == 6
    for r in rows:  # no row is taller than the content a reader sees on opening the page
        # (the row's own height: a range over a folded <details> also measures its hidden
        # lines, so "unseen" overstates a folded cell off to the right)
        assert r["height"] <= r["seen"] + 10, r
    bad = next(r for r in rows if "柳岸县" in r["file"])
    assert int(re.match(r"\d+", bad["defects"]).group()) == 7
    assert "identities" in bad["defects"]  # the reason is beside the count
    for r in range(1, 8):  # every failure is still there, a click away (in Chinese; the
        # English ids are the cell's tooltip)
        assert f"六列之和为{10 + r}，勾稽关系不成立" in got["opened"]
        assert f"I2 table3/{r}/total: expected {10 + r}, found 9" in html
    assert got["failed"].count(str(tmp_path)) == 0  # the path is said once, relative


def test_audit_markdown_keeps_the_file_name_of_a_long_path(audit_db, tmp_path):
    md = audit(audit_db).to_markdown()
    root = tmp_path / DEEP[0]
    assert f"Files are in {root}/" in md
    rows = [line for line in md.splitlines() if line.startswith("| ") and ".txt" in line]
    paths = [line.split(" | ")[0].removeprefix("| ") for line in rows]
    assert len(paths) == 7
    assert not [p for p in paths if str(tmp_path) in p]  # relative to the common folder
    long = next(p for p in paths if "柳岸县" in p)
    assert long.endswith(LONG_NAME) and long.startswith("…")  # cut at the left
    assert len(long) <= 80
    for a in AGENCIES[:5]:
        assert f"{a}2024年报.txt" in paths
    assert "空.txt" in paths
