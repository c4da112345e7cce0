"""Defects found on report shapes no round had tried: a
表三 whose header prints the applicant columns in another order (自然人 after 法人或其他组织's
five: read positionally, every cell was wrong with status ok), a PDF copy's watermark lines
(仅供参考) read as a statement, an old CMS page writing its article with document.write,
"针对…的问题，我们将…" measures, agency names with a bracketed second name or 挂…牌子, a
省直管县级市. Each input in tests/fixtures/redteam17/ is a short fictional report written by
gen17.py (specs17.py beside it, with redteam14's tables14.py); truth.json records what each
says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, t3_cells

from nlp_reports import load_report
from nlp_reports.ingest.html import html_to_text
from nlp_reports.ingest.normalize import drop_running_heads
from nlp_reports.parse.metadata import level_of
from nlp_reports.parse.statements import split_section5
from nlp_reports.parse.tables import _t3_header_order

DATA = Path(__file__).parent / "fixtures" / "redteam17"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: its sections, statements with their block, metadata, every 表三
    cell, 表四's 15 cells and 表二's cells, I1–I4 passing; a 表三 that cannot be read (an
    image, Chinese numerals) reported unreadable and no value guessed."""
    truth = TRUTH[name]
    report = load_report(DATA / name)
    d = report.to_dict()
    assert_sections_statements_meta(d, truth)
    if truth.get("table3"):
        t3 = d["tables"]["table3"]
        assert t3["status"] == "ok"
        assert t3_cells(t3) == truth["table3"]
        assert {c.outcome for c in report.checks if c.id in ("I1", "I2", "I3", "I4")} == {"pass"}
    if "table3" in truth.get("unread", []):
        t3 = d["tables"].get("table3")
        assert t3 is None or (t3["status"] != "ok"
                              and all(v is None for row in t3["values"] for v in row))
        assert any(e["code"] == "table_unreadable" and "表三" in e["message"] for e in d["errors"])
        assert not any(c.table == "table3" and c.outcome in ("pass", "fail") for c in report.checks)
    for tid, cells in truth.get("cells", {}).items():
        table = report.table(tid)
        assert {k: table.get(*k.split("/")) for k in cells} == cells, tid


# --- 表三 columns in another order -----------------------------------------------------------

def test_header_order_from_a_grid():
    """A grid's header names the columns' order: 法人或其他组织 stands for its five sub-columns
    on the next row; merged cells copied over their span name a column once."""
    row1 = ["申请人情况"] * 3 + ["法人或其他组织"] * 5 + ["自然人", "总计"]
    row2 = ["申请人情况"] * 3 + ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "自然人", "总计"]
    assert _t3_header_order([(row1, True), (row2, True)]) == [1, 2, 3, 4, 5, 0, 6]
    swapped = ["科研机构", "商业企业", "社会公益组织", "法律服务机构", "其他"]
    assert _t3_header_order([(["申请人情况", "自然人", "法人或其他组织", "总计"], True),
                             (swapped, True)]) == [0, 2, 1, 3, 4, 5, 6]


def test_header_order_left_alone():
    """The format's order, a header split over lines (商业 / 企业), or a PDF's text lines
    (a merged cell on whichever line its middle falls) reorder nothing."""
    std = [(["申请人情况", "自然人", "法人或其他组织", "总计"], True),
           (["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], True)]
    assert _t3_header_order(std) is None
    pdf = [(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "自然人", "总计"], False),
           (["申请人情况", "法人或其他组织"], False)]
    assert _t3_header_order(pdf) is None
    split = [(["申请人情况", "法人或其他组织", "自然人", "总计"], True),
             (["商业", "科研机构", "社会公益组织", "法律服务机构", "其他"], True), (["企业"], True)]
    assert _t3_header_order(split) is None


# --- watermarks ------------------------------------------------------------------------------

def test_watermark_lines_dropped_only_when_repeated():
    body = "\n".join(["五、存在的主要问题及改进情况", "仅供参考", "1.公开栏更新不及时；", "仅供参考",
                      "2.解读形式单一。", "内部资料 注意保存", "仅供参考", "六、其他需要报告的事项"])
    out = drop_running_heads(body)
    assert "仅供参考" not in out and "内部资料" not in out and "1.公开栏更新不及时；" in out
    twice = "一、总体情况\n仅供参考\n正文。\n仅供参考\n二、主动公开"
    assert drop_running_heads(twice) == twice
    sentence = "本报告数据仅供参考。\n" * 3
    assert drop_running_heads(sentence) == sentence


# --- a page written by document.write ----------------------------------------------------------

def test_short_document_write_stays_a_script():
    """A script writing a date or a counter is no article: it stays dropped with the scripts."""
    page = ("<html><body><div id='zoom'><p>青川县2023年政府信息公开工作年度报告</p><script>"
            "document.write('今天是' + '2024年1月1日');</script><p>一、总体情况</p></div></body></html>")
    assert "今天是" not in html_to_text(page)


def test_document_write_escapes():
    article = "<p>" + "本机关持续推进政府信息公开工作，" * 10 + "</p><p>五、存在的主要问题及改进情况</p>"
    js = article.replace("/", "\\/").replace("<p>", "<p>\\u3000")
    page = f"<html><body><script>document.write(\"{js}\" + '<p>六、其他需要报告的事项<\\/p>');</script></body></html>"
    text = html_to_text(page)
    assert "五、存在的主要问题及改进情况" in text and "六、其他需要报告的事项" in text


# --- section 五 --------------------------------------------------------------------------------

def test_zhendui_named_problem_turns_to_measures():
    """"针对X的问题，我们将…" is a measure, as "针对上述问题，…将" is; the problem sentence
    before it is then a problem."""
    text = ("我局还存在执法信息公开不全、解读不够通俗等问题。针对执法信息公开不全的问题，我们将按月公开处罚结果；"
            "针对解读不够通俗的不足，将采用图解形式解读。")
    res = split_section5(text, 0, len(text), title="存在的主要问题及改进情况")
    assert [s.block for s in res.statements] == ["problem", "measure", "measure"]


# --- metadata --------------------------------------------------------------------------------

@pytest.mark.parametrize("agency, level", [
    ("青山县自然资源局(青山县林业局)", "department"),
    ("溪口县人民政府办公室（挂县政务服务管理办公室牌子）", "department"),
    ("平原县人民政府(县政府)", "county"),
    ("北京市(京)", None),  # one character in brackets is no second name
])
def test_level_of_a_name_with_a_bracketed_tail(agency, level):
    assert level_of(agency) == level


def test_sheng_zhiguan_city_is_county_level():
    assert level_of("桃源市人民政府", "2023年，桃源市（省直管县级市）坚持公开。") == "county"
    assert level_of("桃源市人民政府", "我市（省直辖县级市）坚持公开。") == "county"
    assert level_of("桃源市人民政府", "桃源市下辖3个省直管县。") == "city"
