"""The header-order readers of read_tables (表二's other form and column order, 表三's and
表四's printed order, 表二 (八)'s amount unit) skip the lines that cannot matter: one label
alone, or labels that do not hold the names looked for. Their answers must be the ones a
look at every label of every line gives: here against that look, written out, on lines
drawn from the headers' own words, pieces of them and their neighbours."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_reports.parse import tables as tb
from nlp_reports.report import Table

_T2_2019 = [tb._norm(c) for _, c in tb.TABLE2_2019["table2.1"][2]]
_T2_2021 = [tb._norm(c) for _, c in tb.TABLE2_2021["table2.1"][2]]
_T3 = [tb._norm(label) for _, label in tb.TABLE3_COLUMNS]
_WORDS = [
    *_T2_2019, *_T2_2021, *_T3, *tb._T4_RESULT_COLUMN,
    "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "行政诉讼未经复议直接起诉",
    "行政复议结果维持", "政府信息公开行政复议", "行政诉讼、行政复议均为0", "复议后起诉总计",
    "本年收费金额（单位：元）", "收费金额（元）", "金额/千元", "（万元）", "（元/万元）", "人民币元",
    "行政事业性收费", "信息处理费", "申请人情况", "本年增/减", "小计", "备注", "其他", "",
]
_WORDS += [tb._norm(w) for w in _WORDS]  # (as a line's labels hold them)


def _piece(word: str) -> st.SearchStrategy[str]:
    return st.integers(0, max(0, len(word) - 1)).map(lambda k: word[k:] or word)


_LABEL = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([w for w in _WORDS if w]).flatmap(_piece),  # a cell cut in two
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_WORDS)).map("".join),
)
_LINE = st.builds(lambda labels, grid: tb._Line(labels, [], grid),
                  st.lists(_LABEL, max_size=5), st.booleans())
_LINES = st.lists(_LINE, max_size=8)


# --- the readers as they read every label of every line --------------------------------------


def _names_out_of_order(lines, names):
    for ln in lines:
        seen = []
        for lab in ln.labels:
            at = [k for k, n in enumerate(names) if n in lab]
            if len(at) == 1 and at[0] not in seen:
                seen.append(at[0])
        if len(seen) >= 2 and seen != sorted(seen):
            return " ".join(ln.labels)
    return None


def _other_form_header(lines, fmt):
    names = _T2_2019 if fmt == "2021" else _T2_2021
    for ln in lines:
        if sum(any(n in lab for lab in ln.labels) for n in names) >= 2:
            return " ".join(ln.labels)
    return None


def _t3_text_order(above):
    for ln in above:
        if ln.grid:
            continue
        own = [tb._T3_COLUMN_OF[h] for h in dict.fromkeys(ln.labels) if h in tb._T3_COLUMN_OF]
        subs = [k for k in own if 1 <= k <= 5]
        swapped = 0 in own and 6 in own and own.index(6) < own.index(0)
        if subs != sorted(subs) or swapped:
            return ("the header prints the columns in another order than the form's "
                    f"({' '.join(ln.labels)})")
    return None


def _t4_text_order(head):
    seq = []
    for ln in head:
        for first, second in (("行政复议", "行政诉讼"), ("未经复议", "复议后起诉")):
            i = next((k for k, lab in enumerate(ln.labels) if lab.startswith(first)
                      and len(lab) <= 10), None)
            j = next((k for k, lab in enumerate(ln.labels) if lab.startswith(second)
                      and len(lab) <= 10), None)
            if i is not None and j is not None and j < i:
                return f"the header prints {second} before {first} ({' '.join(ln.labels)})"
        seq += [tb._T4_RESULT_COLUMN[lab] for lab in ln.labels if lab in tb._T4_RESULT_COLUMN]
    if len(set(seq)) > 1 and seq[0] == 4:
        return "the header prints 总计 before the results it adds up"
    if any(b < a and b != 0 for a, b in zip(seq, seq[1:], strict=False)):
        return "the header prints the results (结果维持 … 总计) in another order than the form's"
    return None


def _yuan_unit(lines, row_label):
    for ln in lines:
        unit = next((m.group(1) + "元" for norm in ln.labels
                     if (m := tb._YUAN_HEADER.search(norm))), None)
        if unit:
            return unit
        if any(row_label in norm for norm in ln.labels):
            break
    return None


def _fee_table(row_label: str, amount: float) -> Table:
    return Table(id="table2.8", title="收费", rows=("r",), row_labels=(row_label,),
                 columns=("n", "amount"), column_labels=("件数", "金额"),
                 values=((0.0, amount),), raw=(("0", str(amount)),))


# --- the readers' answers against those ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(_LINES, st.sampled_from(["2019", "2021"]))
def test_table2_headers_read_as_every_label_says(lines, fmt):
    assert tb._other_form_header(lines, fmt) == _other_form_header(lines, fmt)
    for names in (_T2_2019, _T2_2021, _T3):
        assert tb._names_out_of_order(lines, names) == _names_out_of_order(lines, names)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_table3_and_table4_orders_read_as_every_label_says(lines):
    # (表三's reader on text lines: which grid lines it reads is its own rule, not a shortcut)
    text = [tb._Line(ln.labels, [], False) for ln in lines]
    assert tb._t3_text_order(text) == _t3_text_order(text)
    assert tb._t4_text_order(lines) == _t4_text_order(lines)


@settings(max_examples=100, deadline=None)
@given(_LINES, st.sampled_from(["行政事业性收费", "信息处理费", "其他", ""]), st.booleans())
def test_fee_unit_read_as_every_label_says(lines, row_label, charged):
    table = _fee_table(row_label, 1.0 if charged else 0.0)
    read, problem = tb._yuan_column(lines, 0, table, "（八）")
    unit = _yuan_unit(lines, row_label)
    if unit is None or not charged:
        assert (read, problem) == (table, None)
    else:
        assert read.status == "unreadable" and f"printed in {unit}" in problem.message
        assert read.values == ((0.0, None),)


def test_the_orders_the_shortcuts_must_still_see():
    """One line each that the readers must flag (a shortcut too eager would not)."""
    ln = tb._Line
    assert tb._t4_text_order([ln(["行政诉讼", "行政复议"], [], False)])
    assert tb._t4_text_order([ln(["复议后起诉", "未经复议直接起诉"], [], False)])
    assert tb._t4_text_order([ln(["总计"], [], False), ln(["结果维持"], [], False)])
    assert tb._t3_text_order([ln([_T3[2], _T3[1]], [], False)])
    assert tb._other_form_header([ln([_T2_2019[0] + _T2_2019[1]], [], False)], "2021")
    assert tb._names_out_of_order([ln([_T3[3], _T3[1]], [], False)], _T3)
    table = _fee_table("行政事业性收费", 5.0)
    assert tb._yuan_column([ln(["件数", tb._norm("本年收费金额（单位：元）")], [], False)], 0, table,
                           "（八）")[1] is not None
