"""Defects found on scans' OCR text, WPS/Office files, cell
values in the wild and text copied out of a PDF viewer. An OCR engine's "—、总体情况" /
"－、总体情况" lost section 一 (its 一 read as a dash); a scan's OCR text that spaces every
Chinese character ("规 章 0 0 0", "（ 一 ） 予 以 公 开") lost 表二 and most of 表三's rows, the
six-character rule for a spaced-out title leaving short labels apart; a viewer's copy whose page
header prints the title with the page number under it gave a statement "3" (or a 16th 表四
value); a 表三 label that an OCR layer or a PDF wraps in its cell right after the group
("（六）其他处理1.申请人无正当理由逾期不补" / "正、…") was read as the 2019 row 其他处理 and
the 2021 row lost. Garbled digits (1O, l2, 2l, a lone O) are never repaired: the table is
reported unreadable and the cell null. Each input in tests/fixtures/redteam23/ is a fictional
report written by gen23.py; truth.json records what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _redteam import assert_sections_statements_meta, assert_tables

from nlp_reports import load_report
from nlp_reports.ingest.normalize import drop_running_heads, normalize_text

DATA = Path(__file__).parent / "fixtures" / "redteam23"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


def _needs(name: str) -> None:
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    elif name.endswith(".docx"):
        pytest.importorskip("docx")
    elif name.endswith(".wps"):
        pytest.importorskip("olefile")


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_every_input(name):
    """Each input's truth: metadata, sections, 五's statements with their block, every 表三
    cell, 表四's 15, five 表二 cells; a table whose digits the OCR garbled is unreadable with
    those cells null (never repaired), one given only as an attachment is not read; no
    identity fails."""
    _needs(name)
    truth = TRUTH[name]
    d = load_report(DATA / name).to_dict()
    assert_sections_statements_meta(d, truth)
    assert_tables(d, truth)
    for row, col, written in truth.get("garbled", []):
        t3 = d["tables"]["table3"]
        r, c = t3["rows"].index(row), t3["columns"].index(col)
        assert t3["values"][r][c] is None and t3["raw"][r][c] == written, (row, col)
        assert f"row {row} column {col}: {written!r} reads as letters for digits" in t3["problem"]
    assert not [c for c in d["checks"] if c["outcome"] == "fail"]


def test_fixtures_small():
    """The inputs stay small (tens of KB each)."""
    sizes = [p.stat().st_size for p in DATA.iterdir() if p.name in TRUTH]
    assert len(sizes) == len(TRUTH) and max(sizes) < 70_000


@pytest.mark.parametrize("text, want", [
    ("—、总体情况\n二、主动公开", "一、总体情况\n二、主动公开"),
    ("－、总体情况\n二、主动公开", "一、总体情况\n二、主动公开"),
    ("-、总体情况\n二、主动公开", "一、总体情况\n二、主动公开"),
    ("（—）存在的主要问题\n（二）改进情况", "(一)存在的主要问题\n(二)改进情况"),
    # (the space an engine put before 、 goes too: ocr26 closes a spaced marker)
    ("引言\n― 、概述\n二、主动公开", "引言\n一、概述\n二、主动公开"),
    # only with its sibling 二 next (the lead): alone, or a writer's bullets, it is no 一
    ("—、总体情况", "—、总体情况"),
    ("－、加强人员配备\n－、优化公开栏\n六、其他", "－、加强人员配备\n－、优化公开栏\n六、其他"),
    ("(—)加强\n(—)优化\n(二)其他", "(—)加强\n(—)优化\n(二)其他"),
    ("一、总体情况\n－、梳理目录\n－、规范流程\n二、主动公开", "一、总体情况\n－、梳理目录\n－、规范流程\n二、主动公开"),
    ("(一)甲\n(二)乙\n(—)丙\n(二)丁", "(一)甲\n(二)乙\n(一)丙\n(二)丁"),
    # a dash anywhere else, or before no Chinese character, stays a dash
    ("表三 — 、", "表三 — 、"),
    ("——、总体情况", "——、总体情况"),
    ("x—、总体情况", "x—、总体情况"),
    ("(—)", "(—)"),
    ("-1", "-1"),
    # digits an engine misread are never repaired
    ("（一）予以公开 1O 0 0 0 0 0 1O", "(一)予以公开 1O 0 0 0 0 0 1O"),
    ("2O24年l月l8日", "2O24年l月l8日"),
])
def test_ocr_dash_for_one_repaired_only_at_a_heading(text, want):
    assert normalize_text(text) == want


def _ocr(line):
    import re
    return " ".join(re.findall(r"[0-9]+|\S", line))


def test_ocr_spaced_text_joined_but_cells_kept_apart():
    """A text that spaces every Chinese character (an OCR engine's) is closed up, short table
    labels too; the figures of a row stay apart; a date's figure joins its 年/月/日."""
    prose = "本报告依据条例编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。" * 8
    text = "\n".join(_ocr(x) for x in [prose, "规章 0 0 0", "行政规范性文件 1 1 7", "（一）予以公开 3 0 0 1 1 0 5"])
    out = normalize_text(text).split("\n")
    assert out[0] == prose.replace("（", "(").replace("）", ")")
    assert out[1:] == ["规章 0 0 0", "行政规范性文件 1 1 7", "(一)予以公开 3 0 0 1 1 0 5"]


def test_spaced_title_is_joined_only_in_an_ocr_text():
    """One spaced-out line in a normal text keeps the six-character rule: "规 章" stays."""
    text = "一、总体情况\n" + "我局全年主动公开政府信息共计若干条，较上年有所增长。\n" * 40 + "规 章 0 0 0\n"
    assert "规 章 0 0 0" in normalize_text(text)
    # a spaced-out font's date: its digits are spaced too
    assert normalize_text("某 某 县 财 政 局 2 0 2 4 年 政 府 信 息 公 开") == "某某县财政局2024年政府信息公开"
    # a row of single-digit cells is never joined
    assert normalize_text("行 政 许 可 项 目 1 2 0 0") == "行政许可项目 1 2 0 0"


TITLE = "柏林镇2023年政府信息公开工作年度报告"


def test_title_header_with_page_number_dropped():
    """A page header printing the title and the page number under it, page after page."""
    body = [TITLE, "一、总体情况", "甲乙丙。"] + [f"第{i}行。" for i in range(6)]
    text = "\n".join(body + [TITLE, "2"] + body[1:] + [TITLE, "3", "五、存在的主要问题", "问题。"])
    out = drop_running_heads(text)
    assert out.split("\n").count(TITLE) == 1 and "\n2\n" not in out and "\n3\n" not in out
    # numbers that do not go up a page at a time, or a single pair: kept
    kept = "\n".join(body + [TITLE, "2"] + body[1:] + [TITLE, "5", "尾。"])
    assert drop_running_heads(kept) == kept
    once = "\n".join(body + [TITLE, "2", "尾。"])
    assert drop_running_heads(once) == once


@pytest.mark.parametrize("cell, why", [
    ("145(48)", "is two figures in one cell"),
    ("145/48", "is two figures in one cell"),
    ("1O", "reads as letters for digits"),
    ("l", "reads as letters for digits"),
])
def test_cell_not_a_figure_is_named(cell, why):
    """表二's 行政许可 cell holding two figures or an OCR misreading: unreadable, the cell
    named with what it holds (it had been taken for the label: "0 values … blank cells")."""
    text = ("某县交通运输局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局依法公开。\n"
            "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容 本年处理决定数量\n"
            f"行政许可 {cell}\n三、收到和处理政府信息公开申请情况\n")
    t = load_report(text).to_dict()["tables"]["table2.5"]
    assert t["status"] == "unreadable" and t["values"] == [[None]] and t["raw"] == [[cell]]
    assert f"row licensing column decisions: {cell!r} {why}" in t["problem"]


def test_wrapped_label_after_its_group_is_no_2019_row():
    """"（六）其他处理1.申请人…逾期不补" / "正、…" wrapped in its cell: row 3.6.1, not 3.6."""
    from nlp_reports.parse.tables import _T3, _T3_SPECS, _norm
    keys = [s.key for s in _T3_SPECS]
    assert _T3.hits(_norm("(六)其他处理1.申请人无正当理由逾期不补")) == ()
    assert [keys[k] for k in _T3.hits(_norm("(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"))] == ["3.6.1"]
    assert keys[_T3.hits(_norm("(六)其他处理"))[0]] == "3.6"  # the 2019 row alone stays
