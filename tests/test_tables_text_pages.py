"""Defects found on reports as scrapers and crawlers save a
page as text: tables one cell a line or one row a line (joined by spaces, TABs, "|" or "，"),
empty <td> dropped, page chrome inside the body, entities left literal. A row of two cells
joined by one "|" and rows joined by "，" were not read (表二/表三/表四 missing); "&nbsp;" left
literal between cells hid 表三; a "上一篇：…年度报告" link above the title became the title (and
its year the report's); a preamble sentence naming the 年度报告 became the title of a page that
lost its own; a paged article's repeated head (title, 来源/发布时间 line, breadcrumb, share and
font-size buttons) inside 五 became a statement. Each input in tests/fixtures/redteam19/ is a
short fictional report written by gen19.py (specs19.py beside it, with redteam14's
tables14.py); truth.json records what each says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, t3_cells

from nlp_reports import load_report
from nlp_reports.ingest import read_document
from nlp_reports.parse.sections import find_title
from nlp_reports.parse.statements import split_section5
from nlp_reports.parse.tables import _comma_row, _pipe_row

DATA = Path(__file__).parent / "fixtures" / "redteam19"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: sections, statements with their block, metadata (title included),
    every 表三 cell with I1–I3 passing, 表四's 15 cells and 表二's; a table whose cells the
    scraper dropped or the page cut off is reported unreadable, its short rows all null and no
    check assessed on it."""
    truth = TRUTH[name]
    report = load_report(DATA / name)
    d = report.to_dict()
    assert_sections_statements_meta(d, truth)
    t3 = d["tables"].get("table3")
    if "table3" in truth:
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3"]
        assert {c.outcome for c in report.checks if c.id in ("I1", "I2", "I3")} == {"pass"}
    if "table3_blank" in truth:  # blank cells kept as empty cells: read, blank, never 0
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3_blank"]
    if "table3" in truth["unread"]:
        assert t3 is None or t3["status"] == "unreadable"
        assert any(e["code"] == "table_unreadable" and "表三" in e["message"] for e in d["errors"])
        assert not any(c.table == "table3" and c.outcome in ("pass", "fail") for c in report.checks)
        if t3 is not None:
            for rid in truth.get("t3_short_rows", {}):
                if rid in t3["rows"]:
                    assert t3_cells(t3)[rid] == [None] * 7, rid
    if "table4" in truth["unread"]:
        t4 = d["tables"].get("table4")
        assert t4 is None or (t4["status"] == "unreadable"
                              and all(v is None for row in t4["values"] for v in row))
        assert any(e["code"] in ("table_unreadable", "table_missing") and "表四" in e["message"]
                   for e in d["errors"])
    if "t2_unread" in truth:
        t2 = d["tables"][truth["t2_unread"]]
        assert t2["status"] == "unreadable" and t2["values"][1] == [None] * 3
    for tid in truth.get("t2_missing", []):
        assert tid not in d["tables"]
        assert any(e["code"] == "table_missing" and tid in e["message"] for e in d["errors"])
    for tid, cells in truth.get("cells", {}).items():
        table = report.table(tid)
        assert {k: table.get(*k.split("/")) for k in cells} == cells, tid


# --- rows joined by "，" or by one "|" ---------------------------------------------------------

def test_comma_row_cut_at_its_values():
    """The label keeps its own commas; the values after the last text part become cells."""
    assert _comma_row("（二）部分公开（区分处理的，只计这一情形，不计其他情形），3，0，1，0，0，0，4") == (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t0\t1\t0\t0\t0\t4")
    assert _comma_row("行政许可，216件") == "行政许可\t216件"


def test_comma_row_left_when_a_thousands_comma_could_be_meant():
    """"1，325" is one figure with a full-width thousands comma or two cells: not told apart,
    the line is left as it was (and the table reader reports what it cannot read)."""
    line = "行政许可，1，325"
    assert _comma_row(line) == line
    assert _comma_row("一、本年新收政府信息公开申请数量，0，100，0") != "一、本年新收政府信息公开申请数量，0，100，0"
    prose = "全年共办理申请，其中予以公开"
    assert _comma_row(prose) == prose


def test_single_pipe_row():
    assert _pipe_row("行政许可|216") == "行政许可\t216"
    assert _pipe_row("行政许可 | 216") == "行政许可\t216"
    for line in ("信息内容|本年处理决定数量", "216|", "|216", "和平|发展"):
        assert _pipe_row(line) == line


# --- entities left literal in a .txt ------------------------------------------------------------

def test_txt_entities_decoded():
    raw = ("青岚县2023年政府信息公开工作年度报告\n一、总体情况\n依据&lt;&lt;条例&gt;&gt;，"
           "公开&ldquo;三公&rdquo;经费。R&D投入&amp;nbsp;A&B\n").encode()
    text = read_document(raw, filename="a.txt").text
    assert "<<条例>>" in text and "“三公”" in text and "R&D" in text and "A&B" in text
    assert "&nbsp;" not in text and "&amp;" not in text


# --- the title --------------------------------------------------------------------------------

def test_neighbour_link_is_no_title():
    text = ("上一篇：云岭县2022年政府信息公开工作年度报告\n云岭县2023年政府信息公开工作年度报告\n"
            "一、总体情况\n")
    s, e = find_title(text, len(text))
    assert text[s:e] == "云岭县2023年政府信息公开工作年度报告"
    text = "下一篇：云岭县2024年政府信息公开工作年度报告\n一、总体情况\n"
    assert find_title(text, len(text)) is None


def test_sentence_naming_the_report_is_no_title():
    text = "根据条例规定，现公布云岭县2023年政府信息公开工作年度报告。\n一、总体情况\n"
    assert find_title(text, len(text)) is None


# --- a paged article's head inside 五 ----------------------------------------------------------

def test_page_head_lines_inside_section5_dropped():
    body = ("（一）存在的主要问题\n1.公开栏更新不及时。\n云岭县2023年政府信息公开工作年度报告\n"
            "来源：云岭县人民政府 发布时间：2024-01-22 浏览次数：57\n首页 > 政务公开 > 年度报告\n"
            "分享到：微信 微博\n【字号：大 中 小】\n（二）改进措施\n1.每月更新公开栏。")
    got = [(body[s.start:s.end], s.block) for s in split_section5(body, 0, len(body)).statements]
    assert got == [("公开栏更新不及时。", "problem"), ("每月更新公开栏。", "measure")]


def test_items_naming_the_report_kept():
    body = ("（一）存在的主要问题\n1.未按时发布2022年政府信息公开工作年度报告\n"
            "2.信息发布时间：偏晚\n（二）改进措施\n1.按时发布年度报告。")
    got = [body[s.start:s.end] for s in split_section5(body, 0, len(body)).statements]
    assert got == ["未按时发布2022年政府信息公开工作年度报告", "信息发布时间：偏晚", "按时发布年度报告。"]
