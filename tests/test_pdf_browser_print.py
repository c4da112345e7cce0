"""Defects found on web pages printed to PDF by a browser.
Each input in tests/fixtures/redteam21/ is a fictional report's page as its site serves it
(a portal's banner, nav bar, breadcrumb and 发布时间 line, a 信息公开目录 index table, a left
sidebar, 打印本页, the footer's 备案号; tables styled by the site's CSS: <th> cells, zebra rows,
fixed widths wrapping labels, a 表三 wider than the page), printed by headless Chromium as
people print (with or without the browser's header and footer, A4 or Letter, landscape,
scale 60 %, a print stylesheet hiding the nav, a body loaded by script printed before and
after it ran), written by gen21.py; truth.json records what each PDF shows. The tests read
the committed PDFs only (no browser needed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, t3_cells

from nlp_reports import load_report
from nlp_reports.errors import NotAReportError
from nlp_reports.ingest.pdf import _open_table_edges, _without_browser_furniture

DATA = Path(__file__).parent / "fixtures" / "redteam21"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
NAMES = {"table3": "表三", "table4": "表四"}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: sections, statements with their block, metadata (the title the page
    prints, never the browser's header line), every 表三 cell, 表二's and 表四's cells, no
    check failing; a table the page cut at its right edge reported unreadable, no value
    guessed; a page printed before its script filled the body refused as no report."""
    truth = TRUTH[name]
    if "refused" in truth:
        with pytest.raises(NotAReportError, match="too short to be a report"):
            load_report(DATA / name)
        return
    report = load_report(DATA / name)
    d = report.to_dict()
    assert_sections_statements_meta(d, truth)
    assert "PM" not in d["metadata"]["title"] and "/" not in d["metadata"]["title"]
    assert "http" not in json.dumps(d["statements"]) + d["sections"][-1]["text"]
    unread = truth.get("unread", [])
    for tid in unread:
        table = d["tables"].get(tid)
        assert table is None or table["status"] != "ok", tid
        assert any(e["code"] == "table_unreadable" and NAMES[tid] in e["message"]
                   for e in d["errors"]), tid
        assert not any(c.table == tid and c.outcome in ("pass", "fail") for c in report.checks)
    if "table3" not in unread:
        t3 = d["tables"]["table3"]
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3"]
        assert {c.outcome for c in report.checks if c.id in ("I1", "I2", "I3")} == {"pass"}
    for tid, cells in truth["cells"].items():
        if tid in unread:
            continue
        table = report.table(tid)
        assert {k: table.get(*k.split("/")) for k in cells} == cells, tid
    assert not [c.id for c in report.checks if c.outcome == "fail"]


# --- the browser's own header and footer ---------------------------------------------------------

def _items(*lines: str) -> list:
    """Text items as _page_lines sorts them: (top, kind, [text], size, column, geometry), the
    first line in the page's top margin, the last in its bottom margin (an A4 page, 842 pt)."""
    tops = [16.0, *(60.0 + 20 * i for i in range(len(lines) - 2)), 820.0][:len(lines)]
    return [(top, 0, [x], 12.0, 0, None) for top, x in zip(tops, lines, strict=True)]


def _drop(items: list, first: bool) -> list[str]:
    return _texts(_without_browser_furniture(items, first=first, height=842.0))


def _texts(items: list) -> list[str]:
    return [it[2][0] for it in items]


def test_browser_header_and_footer_dropped():
    """The date-and-title line a browser prints atop each page (en-US and zh-CN forms) and the
    address with its counter at the foot are dropped on every page; the printed title below
    is the report's title."""
    body = ["发布时间：2024-01-25 来源：县人社局", "青田县人力资源和社会保障局2023年政府信息公开工作年度报告",
            "一、总体情况", "县人社局全年公开信息412条。"]
    for head in ("1/25/24, 9:30 AM 青田县人力资源和社会保障局2023年政府信息公开工作年度报告_青田县人民政府",
                 "2024/1/25 09:30 青田县人力资源和社会保障局2023年政府信息公开工作年度报告_青田县人民政府",
                 "2024/1/25 下午3:05 青田县人力资源和社会保障局2023年政府信息公开…"):
        for foot in ("https://www.qingtian.gov.cn/art/2024/1/25/art_1229_58812.html 1/3",
                     "http://www.qingtian.gov.cn/col/col1229/index.html 2 of 3"):
            assert _drop(_items(head, *body, foot), True) == body
            assert _drop(_items(head, *body[2:], foot), False) == body[2:]


def test_browser_header_title_kept_when_the_page_prints_none():
    """On page 1, a header whose title is the only one (the site prints no title above the
    article) keeps the title without the date."""
    items = _items("11/28/26, 1:23 PM 鹤山市司法局2023年政府信息公开工作年度报告_鹤山市人民政府",
                   "发布时间：2024-01-23 来源：鹤山市司法局", "根据《条例》要求，现将年度报告如下。", "一、总体情况")
    out = _drop(items, True)
    assert out[0] == "鹤山市司法局2023年政府信息公开工作年度报告_鹤山市人民政府" and len(out) == 4


def test_body_lines_like_furniture_kept():
    """A dated line or an address inside the page, a date without a time at its top, or a
    site's own date-and-time line below the page's margin, is text."""
    lines = ["2024年1月25日 县人社局", "一、总体情况", "详见 https://www.qingtian.gov.cn/art/1.html 1/3",
             "平台网址：https://www.qingtian.gov.cn", "县人社局全年公开信息412条。", "2024/1/25 发布"]
    assert _drop(_items(*lines), True) == lines and _drop(_items(*lines), False) == lines
    site = [(16.0, 0, ["青田县人力资源和社会保障局2023年政府信息公开工作年度报告"], 16.0, 0, None),
            (60.0, 0, ["2024/01/25 09:30 来源：县人社局 浏览次数：212"], 12.0, 0, None),
            (780.0, 0, ["https://www.qingtian.gov.cn/art/1.html 1/3"], 12.0, 0, None),
            (800.0, 0, ["县人社局全年公开信息412条。"], 12.0, 0, None)]
    assert _texts(_without_browser_furniture(site, first=True, height=842.0)) == _texts(site)


# --- a ruled table cut open by a page break ----------------------------------------------------------

class _Page:
    """The edges pdfplumber gives a page (vertical_edges, horizontal_edges)."""

    def __init__(self, v, h):
        self.vertical_edges = [{"x0": x, "x1": x, "top": t, "bottom": b, "orientation": "v"}
                               for x, t, b in v]
        self.horizontal_edges = [{"x0": a, "x1": b, "top": y, "bottom": y, "orientation": "h"}
                                 for a, b, y in h]


def test_table_part_without_its_top_rule_closed():
    """The part of a table a browser carried to a new page has its column rules and no rule
    above its first row: a rule is added across them; a closed table gets none."""
    columns = [28, 82, 136, 190, 244, 298]
    open_top = _Page([(x, 27.8, 48.3) for x in columns], [(28, 298, 48.3), (82, 136, 27.8)])
    lines = _open_table_edges(open_top)
    assert [(ln["x0"], ln["x1"], ln["top"]) for ln in lines] == [(28.0, 298.0, 28.0)]
    closed = _Page([(x, 27.8, 48.3) for x in columns], [(28, 298, 27.8), (28, 298, 48.3)])
    assert _open_table_edges(closed) == []
    two = _Page([(28, 27.8, 48.3), (82, 27.8, 48.3)], [])  # (two rules: a box, no table)
    assert _open_table_edges(two) == []


def _pairwise_reference(page) -> list[tuple[float, float, float]]:
    """The rule added per height, read pairwise (every horizontal rule against every height)."""
    groups: dict[tuple[str, int], list[float]] = {}
    for e in page.vertical_edges:
        if e["bottom"] - e["top"] >= 3:
            groups.setdefault(("top", round(e["top"])), []).append(e["x0"])
            groups.setdefault(("bottom", round(e["bottom"])), []).append(e["x0"])
    out = []
    for (_, y), xs in groups.items():
        xs = sorted({round(x) for x in xs})
        if len(xs) >= 3:
            covered = sum(max(0.0, min(e["x1"], xs[-1]) - max(e["x0"], xs[0]))
                          for e in page.horizontal_edges if abs(e["top"] - y) <= 1.5)
            if covered < 0.5 * (xs[-1] - xs[0]):
                out.append((float(xs[0]), float(xs[-1]), float(y)))
    return out


def test_open_table_edges_match_pairwise_reading_at_rule_distance_limits():
    """Rules 1.5 pt above or below a height cover it, 1.6 pt away do not (a rule 1.49 or
    1.51 off lies in the next whole point): the same rules as reading every pair."""
    columns = [30, 90, 150, 210]
    v, h = [], []
    for i, dy in enumerate([-1.6, -1.5, -1.49, -0.5, 0.0, 0.49, 0.5, 1.49, 1.5, 1.51, 1.6, None]):
        y = 40 + 30 * i
        v += [(x, y, y + 20) for x in columns]
        if dy is not None:
            h.append((30, 210, y + dy))
    page = _Page(v, h)
    got = [(ln["x0"], ln["x1"], ln["top"]) for ln in _open_table_edges(page)]
    assert got == _pairwise_reference(page)
    assert 0 < len(got) < 24


def test_open_table_edges_of_a_page_of_thousands_of_rules_stay_linear():
    """A page of thousands of ruled boxes (a portal's sidebar of ruled links printed with the
    report: 3,400 rules of each direction on one page) was read pairwise, every height
    against every horizontal rule: 4,000 rows took seconds; heights now look at the rules
    of their own and neighbouring whole points."""
    rows = 4000
    v = [(x, 10 + 10 * i, 14 + 10 * i) for i in range(rows) for x in (30, 90, 150)]
    h = [(30, 150, 10 + 10 * i) for i in range(0, rows, 2)]  # every other box closed on top
    t0 = time.process_time()
    lines = _open_table_edges(_Page(v, h))
    assert time.process_time() - t0 < 1.0
    assert sorted((ln["x0"], ln["x1"], ln["top"]) for ln in lines) == sorted(
        [(30.0, 150.0, float(10 + 10 * i)) for i in range(1, rows, 2)]  # open tops
        + [(30.0, 150.0, float(14 + 10 * i)) for i in range(rows)])  # open bottoms


@pytest.mark.parametrize("top", [float("inf"), float("-inf"), float("nan")])
def test_a_rule_at_a_height_that_is_no_number_is_near_none(top):
    """A broken PDF's overflowing number puts a rule at an infinite (or NaN) height: it covers
    no height, as read pairwise, and raises nothing (the whole PDF was "damaged" for it)."""
    v = [(x, 40, 60) for x in (30, 90, 150)]
    page = _Page(v, [(30, 150, top), (30, 150, 40.5)])
    got = [(ln["x0"], ln["x1"], ln["top"]) for ln in _open_table_edges(page)]
    assert got == _pairwise_reference(page) == [(30.0, 150.0, 60.0)]
