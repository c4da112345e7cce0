"""The HTML pages of a fresh run (a fresh clone, ~50 reports with broken files,
the HTML pages looked at in headless Chromium at a laptop's and a phone's width).

The audit page scrolled sideways on a phone: its filter box is 48 characters wide, 417 px
in a 390 px window. The summary page's first screen said "52 reports, 286 statements" and
not what they are: how many agencies, which years. Its table statistics ran off a laptop's
window with 13 *_narrative columns, all empty when no report predates the tables; and a
share column read 1, 0.25, 0 among 0.904. On a phone a representative statement stood three
characters a line.
"""

from __future__ import annotations

import re

import pytest
from _browser import measure_at_phone_width, needs_chromium
from _corpus_helpers import make_report, store_of

from nlp_reports.corpus import audit, summarize

PROBLEMS = {
    "鹭岛市海沧区东孚街道办事处": ["街道政务公开工作由党政办一名干事兼管，人手紧张。",
                              "公开栏目更新不及时，部分惠民资金信息滞后。"],
    "鹭岛市海沧区人民政府": ["政策解读以转载文件为主，图解和视频解读数量偏少。"],
    "鹭岛市教育局": ["依申请公开答复文书说理不够充分，个别答复引用条款不准确。",
                  "校园安全信息主动公开的覆盖面不够。"],
}
MEASURES = ["明确专人负责信息发布审核，建立AB岗。", "每季度开展一次栏目巡查，及时清理过期信息。"]
LEVELS = {"鹭岛市海沧区东孚街道办事处": "street", "鹭岛市海沧区人民政府": "county",
          "鹭岛市教育局": "department"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    reports = {}
    for agency, problems in PROBLEMS.items():
        for year in (2021, 2022, 2023):
            if agency == "鹭岛市教育局" and year == 2021:
                continue  # (its first report on the site is 2022's)
            reports[f"{agency}{year}.html"] = make_report(
                agency, year, problems, MEASURES[: 1 + year % 2], level=LEVELS[agency],
                region="鹭岛市")
    return store_of(tmp_path_factory.mktemp("nu25") / "s.sqlite", reports)


@needs_chromium
def test_audit_page_does_not_scroll_sideways_on_a_phone(db, tmp_path):
    html = audit(db).to_html()
    got = measure_at_phone_width(html, (
        "{inner: window.innerWidth, page: document.documentElement.scrollWidth,"
        " box: document.getElementById('audit-filter').getBoundingClientRect().right}"),
        tmp_path)
    assert got["inner"] == 390, got  # the page was laid out at the phone's width
    # the wide table scrolls in its own box; the page itself does not
    assert got["box"] <= got["inner"] and got["page"] <= got["inner"], got


def test_summary_page_opens_with_what_the_corpus_is(db, tmp_path):
    s = summarize(db)
    n_statements = sum(len(p) for p in PROBLEMS.values()) * 3 - len(PROBLEMS["鹭岛市教育局"])
    n_statements += sum(1 + y % 2 for y in (2021, 2022, 2023)) * 3 - (1 + 2021 % 2)
    assert (s.n_reports, s.n_statements) == (8, n_statements)
    html = s.to_html(tmp_path / "s.html")
    first = html[html.index("</h1>"):html.index("</p>", html.index("</h1>"))]
    assert (f"8 reports of 3 agencies, years 2021–2023 (3 years), {n_statements} statements"
            f" / 共8份报告，3个机关，2021–2023年度（3个年度），第五部分表述{n_statements}条") in first
    # grouped, the agencies are counted per group in the overview table, not on this line
    grouped = summarize(db, by=["level"]).to_html(tmp_path / "g.html")
    first = grouped[grouped.index("</h1>"):grouped.index("</p>", grouped.index("</h1>"))]
    assert "8 reports, years 2021–2023 (3 years)" in first and "agencies" not in first
    assert "grouped by level" in first


def _header(html: str, title: str) -> list[str]:
    """The column headers of the table under the heading holding ``title``."""
    start = html.index(title)
    table = html[html.index("<table", start):html.index("</thead>", start)]
    return re.findall(r"<th[^>]*>([^<]*)</th>", table)


def test_table_stats_leaves_out_the_narrative_columns_when_all_are_empty(db, tmp_path):
    s = summarize(db)
    assert (s.table_stats["with_narrative"] == 0).all()  # every report is of 2021 or later
    html = s.to_html(tmp_path / "s.html")
    cols = _header(html, "Statistics of the tables")
    assert "received" in cols and "share_failing_I1_I4" in cols
    # the counts are left out; the disclosure fee (section 六's 信息处理费) stays when stated
    assert [c for c in cols if c.endswith("narrative")] == (
        ["fee_narrative", "with_fee_narrative"]
        if (s.table_stats["with_fee_narrative"] > 0).any() else [])
    assert "the *_narrative count columns, all empty, are left out here" in html
    # the data keep them (CSV, JSON, the DataFrame)
    assert "received_narrative" in s.table_stats.columns
    s.to_csv(tmp_path / "csv")
    assert "received_narrative" in (tmp_path / "csv" / "table_stats.csv").read_text("utf-8")


def test_a_report_with_figures_in_its_text_only_keeps_them(tmp_path):
    old = make_report("鹭岛市翔安区新圩镇人民政府", 2017, ["信息公开工作人员不足。"],
                      ["配齐工作人员。"], level="township", region="鹭岛市",
                      section1="2017年，本镇共收到政府信息公开申请12件，均已按时答复。")
    db = store_of(tmp_path / "old.sqlite", {"old.txt": old})
    s = summarize(db)
    assert s.table_stats["received_narrative"].iloc[0] == 12
    cols = _header(s.to_html(tmp_path / "s.html"), "Statistics of the tables")
    assert "received_narrative" in cols and "with_narrative" in cols


def test_shares_read_with_three_decimals_down_their_column(db, tmp_path):
    s = summarize(db)
    html = s.to_html(tmp_path / "s.html")
    overview = html[html.index("Corpus overview"):]
    overview = overview[:overview.index("</table>")]
    share = s.overview["share_with_problems"].iloc[0]
    assert share == 1  # every report admits a problem
    assert '<td class="num" data-v="1.000">1.000</td>' in overview
    n = int(s.overview["reports"].iloc[0])
    assert f'<td class="num" data-v="{n}">{n}</td>' in overview  # counts stay whole numbers


@needs_chromium
def test_a_statement_is_read_across_not_down_on_a_phone(db, tmp_path):
    html = summarize(db).to_html(tmp_path / "s.html")
    got = measure_at_phone_width(html, (
        "(function () {"
        " var h = Array.prototype.find.call(document.querySelectorAll('h2'), function (e) {"
        "   return e.textContent.indexOf('Representative statements') >= 0; });"
        " var t = h.nextElementSibling; while (t.tagName !== 'TABLE') t = t.nextElementSibling;"
        " var i = Array.prototype.map.call(t.tHead.rows[0].cells, function (c) {"
        "   return c.textContent; }).indexOf('text');"
        " var td = t.tBodies[0].rows[0].cells[i];"
        " return {w: td.getBoundingClientRect().width, text: td.textContent,"
        "   font: parseFloat(getComputedStyle(td).fontSize),"
        "   page: document.documentElement.scrollWidth, inner: window.innerWidth}; })()"),
        tmp_path)
    assert got["text"] in {t for ts in PROBLEMS.values() for t in ts} | set(MEASURES)
    # it stood three characters a line (42 px); ten at least now, and the table scrolls
    assert got["w"] >= 10 * got["font"], got
    assert got["page"] <= got["inner"], got
