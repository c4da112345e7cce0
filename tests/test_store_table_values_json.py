"""report_tables.values: the JSON of a table's numbers is the compact encoder's, whether a
row's array is written anew or taken from the rows seen before (the parser shares row
tuples between reports, and the store remembers their arrays by object)."""

from __future__ import annotations

import json
import math

import pytest

from nlp_reports.corpus import store

_ENCODE = json.JSONEncoder(separators=(",", ":")).encode


def _plain(values):
    """What the store wrote before rows were remembered: one encoder call, then JSON's
    missing NaN / infinity rewritten."""
    text = _ENCODE(values)
    exact = "NaN" not in text
    text = (text.replace("NaN", "null").replace("-Infinity", "-1e999")
            .replace("Infinity", "1e999"))
    return text, exact


# Rows equal as Python values but written differently in JSON: a key by value would give
# one the other's text.
_TWINS = [
    ((0.0, 3.0, None), (-0.0, 3.0, None)),
    ((1.0, 2.0), (1, 2)),
    ((1.0, 0.0), (True, False)),
    ((12.5,), (12.5000,)),
]


@pytest.mark.parametrize(("first", "second"), _TWINS)
def test_equal_rows_of_other_types_keep_their_own_text(first, second):
    one = (first, (4.0, 5.0, 6.0)[:len(first)])
    two = (second, (4.0, 5.0, 6.0)[:len(second)])
    assert store._values_json(one) == _plain(one)
    assert store._values_json(two) == _plain(two)
    # and again, now that the first rows are remembered
    assert store._values_json(one) == _plain(one)
    assert store._values_json(two) == _plain(two)


def test_a_row_shared_by_tables_gives_the_same_text_each_time():
    zeros = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    t3 = (zeros, (2.0, 0.0, 1.0, 0.0, 0.0, 0.0, 3.0), zeros)
    t4 = (zeros[:5], zeros[:5], (1.0, 0.0, 0.0, 0.0, 1.0))
    for values in (t3, t4, t3, t4):
        assert store._values_json(values) == _plain(values)


def test_non_finite_cells_are_written_as_before():
    values = ((math.nan, 1.0), (math.inf, -math.inf), (None, 2.5))
    text, exact = store._values_json(values)
    assert (text, exact) == _plain(values)
    assert text == "[[null,1.0],[1e999,-1e999],[null,2.5]]"
    assert exact is False
    assert store._values_json(values) == (text, exact)


def test_lists_and_odd_shapes_are_encoded_whole():
    for values in ([[1.0, None], [2.0, 3.0]], ((1.0, [2.0]),), (), ((),), [],
                   ((1.0, None),) * 3, ([1.0, 2.0], (3.0,))):
        assert store._values_json(values) == _plain(values)


def test_a_mutable_row_is_never_taken_from_the_memo():
    row = [1.0, 2.0]
    values = (row,)
    assert store._values_json(values)[0] == "[[1.0,2.0]]"
    row[0] = 7.0
    assert store._values_json(values)[0] == "[[7.0,2.0]]"


def test_parsed_tables_give_the_encoder_text(tmp_path):
    """Real parsed reports (rows shared between them by the parser): every table's values
    JSON as one encoder call writes it."""
    from nlp_reports import load_report

    texts = []
    for k, (new, done) in enumerate([(5, 2), (0, 0), (5, 2), (7, 3)]):
        p = tmp_path / f"r{k}.txt"
        p.write_text(_report(new, done), encoding="utf-8")
        texts.append(load_report(p))
    seen = 0
    for report in texts:
        for table in report.tables:
            assert store._values_json(table.values) == _plain(table.values)
            seen += 1
    assert seen >= 4


def _report(new: int, done: int) -> str:
    zeros7 = "\t".join(["0"] * 7)
    return (
        "某县人民政府办公室2023年政府信息公开工作年度报告\n"
        "一、总体情况\n本年度我办认真落实政府信息公开各项要求。\n"
        "二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n"
        "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和\n"
        "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
        f"一、本年新收政府信息公开申请数量\t{new}\t0\t0\t0\t0\t0\t{new}\n"
        f"二、上年结转政府信息公开申请数量\t{zeros7}\n"
        f"三、本年度办理结果\n（一）予以公开\t{done}\t0\t0\t0\t0\t0\t{done}\n"
        f"（二）部分公开\t{zeros7}\n"
        f"四、结转下年度继续办理\t{new - done}\t0\t0\t0\t0\t0\t{new - done}\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        + "\t".join(["0"] * 15) + "\n"
        "五、存在的主要问题及改进情况\n（一）存在问题：公开内容不够全面。\n"
        "六、其他需要报告的事项\n无。\n"
    )
