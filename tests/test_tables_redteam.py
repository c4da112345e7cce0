"""read_tables on table shapes found by red-teaming with reports written by an outsider."""

from __future__ import annotations

from _table_data import T3_GOOD, T4_GOOD

from nlp_reports.parse.layout import TABLE3_ROWS
from nlp_reports.parse.tables import read_tables

_GROUPS = {"3.1": "三、本年度办理结果", "3.3.1": "（三）不予公开", "3.4.1": "（四）无法提供",
           "3.5.1": "（五）不予处理", "3.6.1": "（六）其他处理"}
_HEADER = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
           "法律服务机构", "其他"]


def _values(row: str) -> list[int]:
    return T3_GOOD.get(row, [0] * 7)


def _t3(render_row, header_lines, *, repeat_before: str | None = None) -> str:
    """表三 as text: the header, then every row rendered by ``render_row``; the header is
    printed again before ``repeat_before`` (a page break), after a page number."""
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *header_lines]
    for rid, label in TABLE3_ROWS:
        if rid in _GROUPS:
            out.append(_GROUPS[rid])
        if rid == repeat_before:
            out += ["- 5 -", *header_lines]
        out += render_row(label, _values(rid))
    return "\n".join(out)


def _t4(render_row) -> str:
    return "\n".join(["行政复议", *render_row("", T4_GOOD)])


def _check_t3(tables) -> None:
    t3 = next(t for t in tables if t.id == "table3")
    assert t3.status == "ok", t3.problem
    for rid, _ in TABLE3_ROWS:
        assert list(t3.values[t3.rows.index(rid)]) == [float(v) for v in _values(rid)], rid


def _flat_row(label, values):
    return [label, "", *[x for v in values for x in (str(v), "")]]


def test_flattened_header_repeated_after_page_break():
    # the header's 总计 and 其他 must not be read as rows (七)总计 and 3.其他, which took
    # the rows after the break out of order: every row from 3.5.1 on was lost
    for before in ("3.5.1", "3.6.3", "3.7", "4"):
        text = _t3(_flat_row, [x for h in _HEADER for x in (h, "")], repeat_before=before)
        tables, problems, _ = read_tables({3: text}, year=2023)
        _check_t3(tables)


def test_grid_header_repeated_after_page_break():
    def row(label, values):
        return ["\t".join([label, *map(str, values)])]
    header = ["\t".join(["申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
              "\t".join(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    tables, _, _ = read_tables({3: _t3(row, header, repeat_before="3.4.1")}, year=2023)
    _check_t3(tables)


def test_pipe_rows_are_read_as_cells():
    # "｜label｜0｜1｜…｜" rows (full-width or ASCII pipes, a markdown rule line) were one
    # label cell each: no table was found at all
    for bar in ("｜", "|"):
        def row(label, values, bar=bar):
            return [bar + bar.join([label, *map(str, values)]) + bar]
        header = [bar + bar.join(["申请人情况", *_HEADER[1:]]) + bar,
                  bar + bar.join(["---"] * 8) + bar]
        t2 = "\n".join(["第二十条第（一）项", f"{bar}信息内容{bar}本年制发件数{bar}本年废止件数{bar}现行有效件数{bar}",
                        f"{bar}规章{bar}0{bar}0{bar}3{bar}", f"{bar}行政规范性文件{bar}4{bar}1{bar}27{bar}",
                        "第二十条第（五）项", f"{bar}行政许可{bar}1,203{bar}",
                        "第二十条第（六）项", f"{bar}行政处罚{bar}56{bar}", f"{bar}行政强制{bar}—{bar}",
                        "第二十条第（八）项", f"{bar}行政事业性收费{bar}12.5{bar}"])
        tables, problems, layout = read_tables(
            {2: t2, 3: _t3(row, header), 4: _t4(row)}, year=2022)
        assert layout == "2021"
        _check_t3(tables)
        by_id = {t.id: t for t in tables}
        assert by_id["table2.1"].values == ((0.0, 0.0, 3.0), (4.0, 1.0, 27.0))
        assert by_id["table2.5"].values == ((1203.0,),)
        assert by_id["table2.6"].values == ((56.0,), (None,))
        assert by_id["table2.8"].values == ((12.5,),)
        assert list(by_id["table4"].values[0]) == [float(v) for v in T4_GOOD]
        assert not [p for p in problems if p.code != "table_missing"]


def test_a_line_with_one_pipe_stays_text():
    from nlp_reports.parse.tables import _pipe_row
    assert _pipe_row("首页 | 政务公开") == "首页 | 政务公开"
    assert _pipe_row("|---|:---:|") is None
    assert _pipe_row("｜规章｜0｜｜3｜") == "规章\t0\t\t3"


def test_row_label_wrapped_over_two_lines():
    # "1.申请人无正当理由逾期不补" / "正、行政机关不再处理…": neither half names row 3.6.1,
    # which was lost and the table unreadable
    def row(label, values):
        lines = [label[:12], label[12:]] if len(label) > 30 else [label]
        return [*lines, "", *[x for v in values for x in (str(v), "")]]
    text = _t3(row, [x for h in _HEADER for x in (h, "")])
    assert "逾期不补\n正、" in text
    tables, _, _ = read_tables({3: text}, year=2022)
    _check_t3(tables)


_T4_HEAD = ["行政复议\t\t\t\t\t行政诉讼",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
            "\t\t\t\t\t" + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]


def test_table4_row_left_blank_is_a_blank_table_not_a_missing_one():
    # every cell of 表四's row left empty (not reported): the row of TABs was dropped as
    # an empty line and the table reported missing
    tables, problems, _ = read_tables({4: "\n".join([*_T4_HEAD, "\t" * 14])}, year=2023)
    t4 = next(t for t in tables if t.id == "table4")
    assert t4.status == "ok"
    assert t4.values == ((None,) * 15,)
    assert not any("表四" in p.message for p in problems)


def test_empty_grid_rows_between_rows_change_nothing():
    def row(label, values):
        return ["\t".join([label, *map(str, values)]), "\t" * 7]
    tables, _, _ = read_tables({3: _t3(row, ["\t".join(["申请人情况", *_HEADER[1:]])]),
                                4: "\n".join([*_T4_HEAD, "\t" * 14,
                                              "\t".join(map(str, T4_GOOD)), "\t" * 14])},
                               year=2023)
    _check_t3(tables)
    t4 = next(t for t in tables if t.id == "table4")
    assert list(t4.values[0]) == [float(v) for v in T4_GOOD]
