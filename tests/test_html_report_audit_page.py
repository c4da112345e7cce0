"""Audit, HTML pages and exports as a new researcher meets them: BOMs, headers, colours, axes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from _browser import chromium_command, measure_in_chromium, needs_chromium
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, audit, export

BOM = b"\xef\xbb\xbf"


@pytest.fixture()
def small_db(tmp_path):
    tagger = FakeTagger()
    reports = [
        make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"]),
        make_report("乙市人民政府", 2023, ["网站栏目更新不及时。"], ["推进平台升级。"],
                    level="city"),
    ]
    path = tmp_path / "c.db"
    with Store(path) as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        s.record_failure("bad.txt", "empty", "the file is empty")
    return path


# --- finding 17: export CSVs open in Excel --------------------------------------------------


def test_export_csvs_start_with_a_bom_like_the_other_csvs(small_db, tmp_path):
    """Excel reads a CSV without a BOM in the local code page, so Chinese became mojibake;
    ``summarize --csv`` and ``audit --csv`` already wrote one, ``export`` did not."""
    import pandas as pd

    written = export(small_db, tmp_path / "out", format="csv")
    assert written
    for path in written:
        assert path.read_bytes().startswith(BOM), path.name
    reports = pd.read_csv(tmp_path / "out" / "reports.csv", encoding="utf-8-sig")
    assert reports.columns[0] == "id"
    assert set(reports["agency"]) == {"甲县人民政府", "乙市人民政府"}
    audit_csv = tmp_path / "audit.csv"
    audit(small_db).to_csv(audit_csv)
    assert audit_csv.read_bytes()[:3] == written[0].read_bytes()[:3]


# --- finding 9: defects (data problems) apart from signals, and first ------------------------

SHARED = ["进一步加强政府信息公开工作人员培训。", "推进政务公开平台规范化建设。",
          "强化信息发布审核把关。"]


@pytest.fixture()
def audit_db(tmp_path):
    """Three agencies share three measures and admit problems without a measure (signals
    only); one report has a single identity failure, one a parse problem."""
    from nlp_reports.report import Check, Problem

    tagger = FakeTagger()
    reports = {
        "a_signals.txt": make_report("甲县人民政府", 2023, ["人员力量不足。", "保密审查不够严格。",
                                                     "网站平台建设不足。"], SHARED),
        "b_signals.txt": make_report("云岭市东城区南湖街道办事处", 2023, ["人员力量不足。"], SHARED,
                                     level="street"),
        "c_identity.txt": make_report(
            "丙县人民政府", 2023, ["人员力量不足。"], ["加强人员队伍建设。"],
            checks=(Check("I1", "fail", "table3", "1", "total", 10.0, 9.0, "I1 fails"),)),
        "d_parse.txt": make_report(
            "丁县人民政府", 2023, ["政策解读不够深入。"], SHARED,
            errors=(Problem("table_unreadable", "表三 cannot be read completely"),)),
    }
    path = tmp_path / "audit.db"
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
        s.record_failure("broken.txt", "empty", "the file is empty")
        s.record_failure("scan.pdf", "binary", "not a readable PDF (no text layer); is this "
                         "a scanned image? OCR it first, then tag the text")
    return path


def test_signals_are_not_defects_and_defects_sort_first(audit_db, tmp_path):
    """Every report used to be 'defective' because boilerplate shared with other agencies
    and problems without a measure counted as defects, and those outnumbered (and outranked)
    the identity failures that are real data problems."""
    a = audit(audit_db)
    t = a.table.set_index("path")
    assert t.loc["a_signals.txt", "shared_with_other_agencies"] == 4  # 3 measures + 人员…
    for name in ("a_signals.txt", "b_signals.txt"):
        assert t.loc[name, "defects"] == 0 and t.loc[name, "signals"] >= 3, name
    assert t.loc["c_identity.txt", "defects"] == 1
    assert t.loc["d_parse.txt", "parse_problems"] == "table_unreadable"
    assert t.loc["d_parse.txt", "defects"] == 1
    assert t.loc["broken.txt", "defects"] == 1 and t.loc["broken.txt", "signals"] == 0
    order = list(a.sorted()["path"])
    assert set(order[:4]) == {"c_identity.txt", "d_parse.txt", "broken.txt", "scan.pdf"}
    assert order[4:] == ["a_signals.txt", "b_signals.txt"]  # more signals first
    assert a.counts() == {"rows": 6, "failed_files": 2, "with_defects": 2,
                          "signals_only": 2, "clean": 0}
    md = a.to_markdown()
    assert "Defects (data problems): 2 reports" in md and "Signals only" in md
    assert md.index("c_identity.txt") < md.index("a_signals.txt")
    rows = json.loads(a.to_json())
    assert [r["path"] for r in rows] == order and rows[0]["defects"] >= 1
    assert a.sorted("signals")["path"][0] == "a_signals.txt"


def test_audit_columns_are_documented(audit_db, tmp_path):
    from nlp_reports.corpus.audit import COLUMNS, DEFECT_COLUMNS, SIGNAL_COLUMNS

    doc = (Path(__file__).parents[1] / "docs" / "audit.md").read_text(encoding="utf-8")
    documented = {m for line in doc.splitlines() if line.startswith("| `")
                  for m in re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])}
    assert documented == set(COLUMNS)
    kinds = {re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])[0]: line.split("|")[2].strip()
             for line in doc.splitlines() if line.startswith("| `")}
    assert {c for c, k in kinds.items() if k == "defect"} == set(DEFECT_COLUMNS)
    assert {c for c, k in kinds.items() if k == "signal"} == set(SIGNAL_COLUMNS)
    csv = audit(audit_db).to_csv(tmp_path / "a.csv")
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert tuple(header) == COLUMNS


# --- finding 18: the audit page on a laptop screen -------------------------------------------


def test_audit_page_has_no_pandas_na_and_readable_headers(audit_db):
    """Failed files showed "<NA>" (pandas' missing Int64) as report id and year, and the
    headers were the snake_case ids of the CSV."""
    from nlp_reports.corpus.audit import COLUMNS

    html = audit(audit_db).to_html()
    assert "&lt;NA&gt;" not in html and "<NA>" not in html and ">nan<" not in html
    heads = [re.sub(r"<[^>]+>", " ", h).strip()
             for h in re.findall(r"<th[^>]*>(.*?)</th>", html, flags=re.S)]
    assert not [h for h in heads if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", h)]
    assert "Identity failures" in html and "勾稽关系" in html
    for col in COLUMNS:  # every CSV id is still named, as the header's tooltip
        if col != "failed":
            assert f'title="{col}"' in html, col


def test_html_table_leaves_pandas_na_blank():
    import pandas as pd

    from nlp_reports.corpus.html_report import html_table

    df = pd.DataFrame({"year": pd.array([2023, pd.NA], dtype="Int64"), "x": ["a", pd.NA]})
    out = html_table(df)
    assert "NA" not in out and out.count("<td></td>") == 2


@pytest.mark.browser
@needs_chromium
def test_audit_page_fits_a_laptop_screen(audit_db, tmp_path):
    """On a 1366 px window the audit table was wider than the page: the 'failed' column (the
    only useful one for a failed file) was off-screen and the agency column wrapped to 3
    characters a line."""
    html = audit(audit_db).to_html()
    got = measure_in_chromium(html, """{
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      failed: Array.prototype.map.call(document.querySelectorAll('td'), function (td) {
          var r = td.getBoundingClientRect();
          return td.textContent.indexOf('OCR it first') >= 0
              ? {right: r.right, top: r.top} : null; }).filter(Boolean),
      agency: (function () {
          var td = Array.prototype.find.call(document.querySelectorAll('#audit td'),
              function (c) { return c.textContent === '云岭市东城区南湖街道办事处'; });
          var fs = parseFloat(getComputedStyle(td).fontSize);
          return {chars: td.clientWidth / fs}; })(),
      sticky: (function () {
          var box = document.querySelector('#audit').parentElement;
          var file = document.querySelector('#audit tbody td');
          var before = file.getBoundingClientRect().left;
          box.scrollLeft = box.scrollWidth;
          var heads = document.querySelectorAll('#audit thead tr:last-child th');
          var last = heads[heads.length - 1].getBoundingClientRect();
          return {scrolled: box.scrollLeft, moved: file.getBoundingClientRect().left - before,
                  lastRight: last.right, boxRight: box.getBoundingClientRect().right + 1}; })(),
      text: document.body.innerText
    }""", tmp_path)
    assert got["pageOverflow"] <= 0  # the page itself does not scroll sideways
    assert got["failed"] and all(f["right"] <= 1366 and f["top"] < 900 for f in got["failed"])
    assert got["agency"]["chars"] >= 6
    s = got["sticky"]
    assert s["scrolled"] > 0 and abs(s["moved"]) < 1 and s["lastRight"] <= s["boxRight"]
    assert "<NA>" not in got["text"] and "scan.pdf" in got["text"]


# --- finding 19: the summary page's charts and length ----------------------------------------

PROBLEMS = ["人员力量不足。", "业务培训不够。", "思想重视不够。", "主动公开不足。", "内容深度不够。",
            "信息发布不及时。", "保密审查不够严格。", "政策解读不足。", "网站平台建设不足。",
            "制度不够健全。", "考核问题突出。", "依申请办理问题较多。", "宣传不够。"]
AGENCIES = ["甲县人民政府", "乙县人民政府", "丙市人民政府", "丁镇人民政府", "戊县人民政府", "己市人民政府"]
YEARS = range(2019, 2026)


def _n_reports(year: int) -> int:
    return 2 if year == 2019 else len(AGENCIES)  # 2019 has few reports, as in the trial


@pytest.fixture(scope="module")
def years_db(tmp_path_factory):
    """Seven years of reports; every agency admits a rotating handful of the 13 themes."""
    tagger = FakeTagger()
    path = tmp_path_factory.mktemp("years") / "years.db"
    with Store(path) as s:
        k = 0
        for year in YEARS:
            for i, agency in enumerate(AGENCIES[:_n_reports(year)]):
                probs = [PROBLEMS[(i + year + j) % len(PROBLEMS)] for j in range(1 + i % 4)]
                r = make_report(agency, year, probs, ["加强人员培训。", f"{year}年推进平台升级。"])
                s.write_report(f"r{k}.txt", r, tagger.tag_many([r])[0], model_id="m")
                k += 1
    return path


def _delta_e(a: str, b: str) -> float:
    """CIE76 colour difference of two #rrggbb colours."""
    def lab(h):
        rgb = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
        xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
               0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
        fx, fy, fz = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
        return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def _trend_svg(html: str) -> str:
    start = html.index("<svg", html.index("Trend by year"))
    return html[start:html.index("</svg>", start)]


def test_themes_have_13_distinct_colours_kept_across_charts(years_db):
    """Two near-identical greens (#1e8449, #196f3d) and two slate blues drew different
    themes, and a theme's colour depended on its rank in the chart."""
    from nlp_reports.corpus import summarize
    from nlp_reports.corpus.html_report import THEME_COLORS
    from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

    assert set(THEME_COLORS) == set(THEME_IDS)
    colours = list(THEME_COLORS.values())
    worst = min(_delta_e(a, b) for i, a in enumerate(colours) for b in colours[i + 1:])
    assert worst >= 20
    html = summarize(years_db).to_html()
    svg = _trend_svg(html)
    strokes = re.findall(r'<polyline points="[^"]+" fill="none" stroke="(#[0-9a-f]{6})"', svg)
    legend = re.findall(r'<text x="[\d.]+" y="[\d.]+" font-size="11">([^<]+)</text>', svg)
    drawn = [name for name in legend if name in THEME_NAMES.values()]
    assert len(drawn) == len(strokes) == 6
    by_name = {v: k for k, v in THEME_NAMES.items()}
    assert strokes == [THEME_COLORS[by_name[name]] for name in drawn]
    for th in THEME_IDS:  # the same colour beside the theme's label in the bar charts
        assert html.count(f'fill="{THEME_COLORS[th]}"/>') >= 2


@pytest.mark.parametrize("vmax", [0.03, 0.19, 0.333, 0.5, 0.75, 0.96, 1.0])
def test_y_axis_ticks_are_round(vmax):
    """The trend chart's y ticks were max/4 steps: 0/19/38/56/75 %."""
    from nlp_reports.corpus.html_report import line_chart

    svg = line_chart([2021, 2022], {"a": [vmax / 2, vmax]}, title="t")
    labels = [float(x) for x in re.findall(r'text-anchor="end">([\d.]+)%</text>', svg)]
    assert len(labels) >= 3 and labels[0] == 0 and labels[-1] >= vmax * 100 - 1e-9
    steps = {round(b - a, 6) for a, b in zip(labels, labels[1:], strict=False)}
    assert len(steps) == 1
    step = steps.pop()
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in (1, 2, 2.5, 5)
    assert labels[-1] - step < vmax * 100  # no empty tick above the data


def test_trend_chart_says_which_themes_and_the_reports_per_year(years_db):
    from nlp_reports.corpus import summarize

    html = summarize(years_db).to_html()
    svg = _trend_svg(html)
    for year in YEARS:
        assert f">n={_n_reports(year)}</text>" in svg
    note = html[html.index("</svg>", html.index("Trend by year")):]
    note = note[:note.index("</p>")]
    assert "6 themes most often admitted as problems" in note and "13" in note


def _png_rgb(path: Path):
    from PIL import Image

    return Image.open(path).convert("RGB")


def _hex(c: str) -> tuple[int, int, int]:
    return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))


@pytest.mark.browser
@needs_chromium
def test_coinciding_lines_stay_visible(tmp_path):
    """Two themes with the same share every year: the second line covered the first, which
    was in the legend but nowhere on the chart."""
    pytest.importorskip("PIL")
    from nlp_reports.corpus.html_report import line_chart

    same = [0.2, 0.5, 0.5, 0.3]
    svg = line_chart([2021, 2022, 2023, 2024], {"甲": same, "乙": list(same),
                                                 "丙": [0.1, 0.1, 0.2, 0.6]},
                     title="t", width=760, height=320)
    strokes = re.findall(r'<polyline points="[^"]+" fill="none" stroke="(#[0-9a-f]{6})"', svg)
    page = tmp_path / "chart.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0">{svg}</body></html>',
                    encoding="utf-8")
    shot = tmp_path / "chart.png"
    subprocess.run([*chromium_command(tmp_path), f"--screenshot={shot}", "--window-size=800,340",
                    "--force-device-scale-factor=1", page.as_uri()], capture_output=True,
                   timeout=120, check=True)
    img = _png_rgb(shot)
    plot = img.crop((50, 30, 760 - 180, 320 - 40))  # the plot area, without the legend
    raw = plot.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]

    def count(colour: str) -> int:
        r, g, b = _hex(colour)
        return sum(abs(p[0] - r) + abs(p[1] - g) + abs(p[2] - b) < 40 for p in pixels)

    seen = [count(c) for c in strokes]
    assert min(seen[:2]) >= 0.3 * max(seen[:2]), seen  # both coinciding lines show


@pytest.mark.browser
@needs_chromium
def test_summary_page_is_not_a_scroll_of_every_row(years_db, tmp_path):
    """'Theme prevalence by year' and the other long tables printed every row: the trial's
    page was more than 12,000 px tall. Long tables are folded in <details>."""
    from nlp_reports.corpus import summarize

    summary = summarize(years_db)
    assert len(summary.tables["trend"]) > 150
    html = summary.to_html()
    got = measure_in_chromium(html, """{
      height: document.documentElement.scrollHeight,
      trendRows: (function () {
          var rows = document.querySelectorAll('tr'), shown = 0;
          rows.forEach(function (r) { if (r.checkVisibility()) shown++; });
          return {all: rows.length, shown: shown}; })(),
      folds: document.querySelectorAll('details').length
    }""", tmp_path)
    assert got["folds"] >= 1
    assert got["trendRows"]["all"] > 150 and got["trendRows"]["shown"] < 150
    # (6,129 px since words17: this store holds no vocabulary words, so the summary segments
    # them and the page gains the folded vocabulary table and the note saying so; ~6,530
    # since the cross-year and problem-changes tables got a sentence of counts and a note)
    assert got["height"] < 7000, got


def test_audit_page_of_absolute_report_paths_and_a_relative_failure(tmp_path):
    # tag stores reports by absolute path but a missing file as typed ('nothere.txt'):
    # commonpath refused to mix the two and the page raised ValueError
    tagger = FakeTagger()
    r = make_report("甲县人民政府", 2023, ["人员力量不足。"], ["加强人员培训。"])
    path = tmp_path / "mixed.db"
    with Store(path) as s:
        s.write_report(str(tmp_path / "in" / "甲县.txt"), r, tagger.tag_many([r])[0],
                       model_id="m")
        s.record_failure("nothere.txt", "not_found", "no such file or folder")
    page = audit(path).to_html()
    assert "nothere.txt" in page and "甲县.txt" in page
