"""A table that cannot be read is reported, never guessed (tablefuzz14).

Damaged copies of reports whose tables read fully ok: every table of the damaged text is
either read with the clean read's values or reported (status ``unreadable``, a
``table_*`` problem, or a failing identity of that table) — never other values with
status ok. The regressions are the silent guesses a differential fuzzer found: values
that no row took (two rows joined on one line, a label wrapped below values that sit
beside no row label, "0 \\t0   0" in one grid cell, values beside a group label) were
dropped, and the row they belong to was read as a row left blank.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_reports import load_report

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = (  # aligned, flattened, grid, grid with spanned labels, tab rows with wording
    "tables/aligned_2021.txt",
    "tables/flat_2021.txt",
    "tables/grid_2021_8col.txt",
    "redteam14/t08_nested_paren.txt",
    "redteam12/c2024_tabs_wording.txt",
    "reports/province_2019_trial.txt",
    "tables/flat_2019.txt",
    "redteam14/t15_heading_zhuyao.txt",
    "redteam14/t16_xian_bangongshi.txt",
    "redteam14/t25_t4_group_rows.txt",
)


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _reported(report, tid: str) -> bool:
    t = report.table(tid)
    if t is None:
        return any(p.code in ("table_missing", "table_unreadable") for p in report.errors)
    return t.status != "ok" or any(c.outcome == "fail" and c.table == tid for c in report.checks)


def _silent_wrong(clean, damaged) -> list[str]:
    """Tables of ``damaged`` whose values differ from ``clean``'s, with nothing reported."""
    wrong = []
    for t in clean.tables:
        d = damaged.table(t.id)
        if _reported(damaged, t.id):
            continue
        if d is None or d.values != t.values:
            wrong.append(t.id)
    return wrong


# --- regressions: the fuzzer's silent guesses, each on real-looking text ----------------------

def _damaged(name: str, old: str, new: str):
    text = _text(name)
    assert old in text
    return load_report(text), load_report(text.replace(old, new, 1))


def test_two_rows_joined_on_one_line_is_unreadable_not_row_one_blank():
    # row 一's 7 values sat among the line's labels; row 二 took the last 7 and row 一 was
    # read as a row left blank, status ok
    clean, bad = _damaged("tables/aligned_2021.txt",
                          "12 3 1 0 2 1 19\n二、", "12 3 1 0 2 1 19  二、")
    assert clean.table("table3").status == "ok"
    t3 = bad.table("table3")
    assert t3.status == "unreadable"
    assert "row 1 has no values" in t3.problem
    assert t3.get("2", "total") == 3  # what was read stays, only the lost row is blank


def test_values_beside_a_wrapped_label_that_names_no_row_are_not_dropped():
    clean, bad = _damaged(
        "redteam12/c2024_tabs_wording.txt",
        "三、本年度办理结果\t（一）予以公开\t8\t1\t0\t0\t0\t0\t9",
        "三、本年度  8\t1\t0\t0\t0\t0\t9\n办理结果\t\n（一）予以\n公开")
    assert clean.table("table3").status == "ok"
    assert bad.table("table3").status == "unreadable"
    assert bad.table("table3").get("3.1", "total") is None


def test_numbers_in_a_grid_label_cell_are_values_not_a_blank_row():
    # an aligned row whose spaces became tabs and spaces by turns: "0   0" is one cell
    clean, bad = _damaged("tables/aligned_2021.txt", "二、上年结转政府信息公开申请数量 2 1 0 0 0 0 3",
                          "二、上年结转政府信息公开申请数量\t2 \t1   0 \t0   0 \t0   3")
    assert clean.table("table3").get("2", "natural_person") == 2
    assert bad.table("table3").status == "unreadable"


@pytest.mark.parametrize("old,new", [
    ("行政处罚 23\n行政强制 2", "行政处罚 23  行政强制 2"),  # aligned: two rows a line
])
def test_table2_rows_joined_on_one_line(old, new):
    clean, bad = _damaged("tables/aligned_2021.txt", old, new)
    assert clean.table("table2.6").status == "ok"
    assert bad.table("table2.6").status == "unreadable"


def test_table2_grid_rows_joined_on_one_line():
    clean, bad = _damaged("redteam14/t08_nested_paren.txt",
                          "行政处罚\t49\n行政强制\t3", "行政处罚\t49\t行政强制\t3")
    assert clean.table("table2.6").get("punishment", "decisions") == 49
    assert bad.table("table2.6").status == "unreadable"


def test_values_beside_the_2021_group_label_other_handling():
    # "（六）其他处理" is a group of the 2021 form: values beside it (the numbered row's label
    # wrapped below) belong to no 2021 row and were dropped, 3.6.1 read as blank
    text = _text("redteam14/t08_nested_paren.txt")
    line = next(ln for ln in text.split("\n") if "（六）其他处理\t1." in ln)
    group, label = line.split("\t")[1:3]
    values = "\t".join(line.split("\t")[3:])
    bad = load_report(text.replace(line, f"三、本年度办理结果\t{group}\t  {values}\n{label[:18]}\n"
                                         f"{label[18:]}", 1))
    assert bad.table("table3").status == "unreadable"


def test_one_digit_row_number_before_its_label_is_still_read():
    # "(三)不予公开 1 属于国家秘密 1 0 …": the lone digit is the row's number, not a value
    clean, bad = _damaged("tables/aligned_2021.txt", "(三)不予公开 1.属于国家秘密 1 0",
                          "(三)不予公开 1 属于国家秘密 1 0")
    assert bad.table("table3").status == "ok"
    assert bad.table("table3").values == clean.table("table3").values


def test_table2_rows_joined_after_a_one_digit_value():
    # "行政处罚 3  行政强制 2": 表二 numbers no row, so the lone 3 is 行政处罚's value, not a
    # row number; 行政处罚 was read as left blank
    clean, bad = _damaged("tables/aligned_2021.txt", "行政处罚 23\n行政强制 2",
                          "行政处罚 3  行政强制 2")
    assert bad.table("table2.6").status == "unreadable"


def test_a_value_too_many_in_the_last_row_of_table2_is_not_left_unread():
    # 2019 flattened: the last row (政府集中采购) took its 2 values and stopped, so a third
    # (a copy's doubled line) was never seen and 采购总金额 read as 9 instead of 352.75
    clean, bad = _damaged("tables/flat_2019.txt", "9\n\n352.75", "9\n\n9\n\n352.75")
    assert clean.table("table2.9").get("procurement", "amount") == 352.75
    assert bad.table("table2.9").status == "unreadable"


def test_row_one_label_wrapped_below_its_values_is_not_a_blank_row():
    text = _text("redteam14/t15_heading_zhuyao.txt")
    clean = load_report(text)
    line = next(ln for ln in text.split("\n") if ln.startswith("一、本年新收"))
    values = "\t".join(v for v in line.split("\t")[1:] if v)
    bad = load_report(text.replace(line, f"一、本年  {values}\n新收政府\n信息公开\n申请数量", 1))
    assert clean.table("table3").get("1", "total") == 60
    assert bad.table("table3").status == "unreadable"


def test_a_grid_row_a_cell_short_is_not_read_shifted_onto_its_spacer():
    # the label spans two empty cells in every row; with one value lost the row had 7 cells
    # after the label and the spacer was read as a blank 自然人, every value a column off
    text = _text("redteam14/t16_xian_bangongshi.txt")
    line = next(ln for ln in text.split("\n") if "（一）予以公开\t" in ln)
    parts = line.split("\t")
    bad = load_report(text.replace(line, "\t".join(parts[:3] + parts[4:]), 1))
    assert load_report(text).table("table3").status == "ok"
    assert bad.table("table3").status == "unreadable"
    assert "a grid cell short" in bad.table("table3").problem


def test_table4_group_row_printed_twice_is_not_the_next_group():
    text = _text("redteam14/t25_t4_group_rows.txt")
    line = next(ln for ln in text.split("\n") if ln.startswith("行政诉讼\t未经复议直接起诉"))
    bad = load_report(text.replace(line, line + "\n" + line, 1))
    assert load_report(text).table("table4").status == "ok"
    assert bad.table("table4").status == "unreadable"


def test_table2_grid_value_before_the_next_heading_is_not_dropped():
    # "0\t第二十条第（八）项": a grid's leading number before a 第…条 label is a value
    clean, bad = _damaged("redteam14/t08_nested_paren.txt", "行政强制\t3\n", "行政强制\n3\t")
    assert clean.table("table2.6").get("coercion", "decisions") == 3
    assert bad.table("table2.6").status == "unreadable" or bad.table(
        "table2.6").get("coercion", "decisions") == 3


def _column_by_column(text: str) -> str:
    """``text`` with 表三 copied column by column, as markitdown reads a PDF table whose cells
    pdfminer gives a column at a time: every row label first, then each column's values."""
    lines = text.split("\n")
    a = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    b = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府信息公开行政复议"))
    labels: list[str] = []
    values: list[list[str]] = []
    for ln in lines[a:b]:
        if not ln.strip():
            continue
        if re.fullmatch(r"\d+", ln.strip()):
            values[-1].append(ln.strip())
        else:
            labels.append(ln.strip())
            values.append([])
    width = max(map(len, values))
    columns = [v[c] for c in range(width) for v in values if len(v) == width]
    return "\n".join([*lines[:a], *labels, *columns, "", *lines[b:]])


def test_table3_copied_column_by_column_places_no_value():
    # markitdown on a PDF whose table pdfminer read a column at a time: all 表三's labels,
    # then its values column by column. Row 四 took the first column's top values (and one
    # more, read as an 8th column): a value of 2 where the report says 1, with a row and a
    # column "identified" by nothing
    text = _text("tables/flat_2021.txt")
    clean = load_report(text)
    assert clean.table("table3").status == "ok"
    bad = load_report(_column_by_column(text))
    t3 = bad.table("table3")
    assert t3.status == "unreadable"
    assert all(v is None for row in t3.values for v in row), t3.values
    assert "no row label" in t3.problem


# --- the property: damage that keeps or loses information, never a silent wrong read -------

_NUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _cell_lines(lines: list[str]) -> list[int]:
    start = next(i for i, ln in enumerate(lines) if "第二十条" in ln or "本年新收" in ln)
    end = next((i for i, ln in enumerate(lines) if i > start + 5
                and re.match(r"\s*(五|5)[、.．]|\s*[（(]?五[)）]", ln)), len(lines))
    return [i for i in range(start, end) if _NUM.search(lines[i])
            and (len(lines[i]) < 120 or "\t" in lines[i]) and not re.search("[。；]", lines[i])]


def _damage(kind: str, text: str, rng: random.Random) -> str:
    """One realistic damage to one line of the tables' text (see the module docstring)."""
    lines = text.split("\n")
    i = rng.choice(_cell_lines(lines))
    line = lines[i]
    m = _NUM.search(line)
    label = line[:m.start()] if m else line
    if kind == "join_rows" and i + 1 < len(lines):
        lines[i:i + 2] = [line + rng.choice([" ", "  ", "\t"]) + lines[i + 1]]
    elif kind == "wrap_label" and len(label.rstrip()) > 4:
        core, rest = label.rstrip(" \t"), line[len(label):].strip()
        w = rng.randint(4, 20)
        parts = [core[k:k + w] for k in range(0, len(core), w)]
        parts[0 if rng.random() < 0.5 else -1] += "  " + rest
        lines[i:i + 1] = parts
    elif kind == "cells_per_line":
        lines[i] = re.sub(r"[ \t]+", lambda _: rng.choice(["\t", " \t", "   ", "\t  "]), line)
    elif kind == "page_break":
        lines[i + 1:i + 1] = ["", f"— {rng.randint(2, 9)} —", ""]
    elif kind == "row_repeated":
        lines.insert(i, line)
    elif kind == "dup_cell":
        t = rng.choice(list(_NUM.finditer(line)))
        sep = "\t" if "\t" in line else " "
        lines[i] = (line + "\n" + t.group() if line.strip() == t.group()
                    else line[:t.end()] + sep + t.group() + line[t.end():])
    elif kind == "fullwidth":
        lines[i] = line.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return "\n".join(lines)


_CLEAN = {name: load_report(_text(name)) for name in LAYOUTS}


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(LAYOUTS),
       kind=st.sampled_from(["join_rows", "wrap_label", "cells_per_line", "page_break",
                             "row_repeated", "dup_cell", "fullwidth"]),  # (see findings)
       seed=st.integers(0, 2**16))
def test_damaged_tables_are_read_right_or_reported(name, kind, seed):
    clean = _CLEAN[name]
    assert all(t.status == "ok" for t in clean.tables)
    damaged = load_report(_damage(kind, _text(name), random.Random(seed)))
    assert _silent_wrong(clean, damaged) == []
