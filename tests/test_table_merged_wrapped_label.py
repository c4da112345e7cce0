"""A row label that wraps onto a second grid row, its figures in cells merged over both rows
(HTML rowspan, Word's vertical merge), is ONE row of the form: the figures are its own.
"（二）部分公开" with "（区分处理的，只计这一情形，不计其他情形）" in the row below made 表三
unreadable ("'1' is one cell merged over several rows"). A figure merged over two rows of the
form (表二's 行政处罚 and 行政强制, or 表三's 3.2 and 3.3.1) is still no row's."""

import pytest

from nlp_reports import load_report

_ROWS = [
    ("一、本年新收政府信息公开申请数量", [9, 1, 0, 0, 2, 0, 12]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("（一）予以公开", [6, 1, 0, 0, 1, 0, 8]),
    ("（二）部分公开", [2, 0, 0, 0, 1, 0, 3]),
    ("1.属于国家秘密", [0] * 7), ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及“三安全一稳定”", [0] * 7), ("4.保护第三方合法权益", [0] * 7),
    ("5.属于三类内部事务信息", [0] * 7), ("6.属于四类过程性信息", [0] * 7),
    ("7.属于行政执法案卷", [0] * 7), ("8.属于行政查询事项", [0] * 7),
    ("1.本机关不掌握相关政府信息", [2, 0, 0, 0, 0, 0, 2]),
    ("2.没有现成信息需要另行制作", [0] * 7), ("3.补正后申请内容仍不明确", [0] * 7),
    ("1.信访举报投诉类申请", [0] * 7), ("2.重复申请", [0] * 7),
    ("3.要求提供公开出版物", [0] * 7), ("4.无正当理由大量反复申请", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("3.其他", [0] * 7),
    ("（七）总计", [10, 1, 0, 0, 2, 0, 13]),
    ("四、结转下年度继续办理", [0] * 7),
]
_NOTE = "（区分处理的，只计这一情形，不计其他情形）"
_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _html(table3_rows: str, table2_rows: str) -> bytes:
    head = "".join(f"<th>{c}</th>" for c in _HEAD)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>
<div class="TRS_Editor"><p style="text-align:center">临湘市医疗保障局2023年度政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>本年度我局依法答复群众申请，未发生超期答复。</p>
<p>二、主动公开政府信息情况</p><table border="1" cellspacing="0">
<tr><td colspan="2">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td>本年处理决定数量</td></tr>{table2_rows}</table>
<p>三、收到和处理政府信息公开申请情况</p><table border="1" cellspacing="0">
<tr><td rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<th colspan="7">申请人情况</th></tr><tr>{head}</tr>{table3_rows}</table>
<p>五、存在的主要问题及改进情况</p><p>答复文书格式尚不统一，明年将制定范本。</p></div></body></html>""".encode()


def _tr(label: str, cells: list, rowspan: int = 1) -> str:
    span = f' rowspan="{rowspan}"' if rowspan > 1 else ""
    return f"<tr><td>{label}</td>" + "".join(f"<td{span}>{v}</td>" for v in cells) + "</tr>"


def _table3_html(merge_over: int = 2) -> str:
    """表三 with row 3.2's figures in cells spanning ``merge_over`` grid rows: its label's
    first line, the wrapped note, and (3) the next row of the form as well."""
    out = []
    for label, vals in _ROWS:
        if label == "（二）部分公开":
            out += [_tr(label, vals, merge_over), f"<tr><td>{_NOTE}</td></tr>"]
        elif label == "1.属于国家秘密" and merge_over == 3:
            out.append(f"<tr><td>{label}</td></tr>")  # (its cells are 3.2's, spanned)
        else:
            out.append(_tr(label, vals))
    return "".join(out)


_T2_PLAIN = "<tr><td>行政处罚</td><td>37</td></tr><tr><td>行政强制</td><td>4</td></tr>"
_T2_SHARED = "<tr><td>行政处罚</td><td rowspan=\"2\">41</td></tr><tr><td>行政强制</td></tr>"


def _tables(report):
    return {t.id: t for t in report.tables}


def test_figures_merged_over_a_wrapped_label_are_its_rows():
    t = _tables(load_report(_html(_table3_html(), _T2_PLAIN)))["table3"]
    assert t.status == "ok", t.problem
    assert t.get("3.2", "natural_person") == 2 and t.get("3.2", "legal_services") == 1
    assert t.get("3.2", "total") == 3
    assert t.get("3.3.1", "total") == 0 and t.get("3.7", "total") == 13


def test_a_figure_merged_on_into_the_next_form_row_is_still_no_rows():
    t = _tables(load_report(_html(_table3_html(merge_over=3), _T2_PLAIN)))["table3"]
    assert t.status == "unreadable"
    assert t.get("3.2", "natural_person") is None and t.get("3.3.1", "natural_person") is None
    assert "is one cell merged over several rows" in t.problem


def test_one_figure_for_two_table2_rows_is_still_no_rows():
    tables = _tables(load_report(_html(_table3_html(), _T2_SHARED)))
    t2 = tables["table2.6"]
    assert t2.status == "unreadable"
    assert t2.get("punishment", "decisions") is None and t2.get("coercion", "decisions") is None
    assert tables["table3"].status == "ok"  # (the wrapped 表三 row beside it is read)


def _docx(tmp_path, table2: list[tuple[str, str]], t2_merge: bool):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("临湘市医疗保障局2023年度政府信息公开工作年度报告")
    doc.add_paragraph("二、主动公开政府信息情况")
    t = doc.add_table(rows=len(table2) + 2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "第二十条第（六）项"
    t.cell(1, 0).text, t.cell(1, 1).text = "信息内容", "本年处理决定数量"
    for r, (label, value) in enumerate(table2, start=2):
        t.cell(r, 0).text, t.cell(r, 1).text = label, value
    if t2_merge:
        t.cell(3, 1).text = ""
        t.cell(2, 1).merge(t.cell(3, 1)).text = "41"
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    grid = [(label, vals) for label, vals in _ROWS]
    at = next(i for i, (label, _) in enumerate(grid) if label == "（二）部分公开")
    grid.insert(at + 1, (_NOTE, None))
    t = doc.add_table(rows=len(grid) + 1, cols=8)
    for c, name in enumerate(_HEAD, start=1):
        t.cell(0, c).text = name
    for r, (label, vals) in enumerate(grid, start=1):
        t.cell(r, 0).text = label
        for c, v in enumerate(vals or [], start=1):
            t.cell(r, c).text = str(v)
    for c, v in enumerate(grid[at][1], start=1):  # each figure of 3.2 over its two rows
        t.cell(at + 1, c).merge(t.cell(at + 2, c)).text = str(v)
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("答复文书格式尚不统一，明年将制定范本。")
    path = tmp_path / "医保局年报.docx"
    doc.save(path)
    return _tables(load_report(path))


def test_word_figures_merged_over_a_wrapped_label_are_its_rows(tmp_path):
    tables = _docx(tmp_path, [("行政处罚", "37"), ("行政强制", "4")], t2_merge=False)
    t = tables["table3"]
    assert t.status == "ok", t.problem
    assert t.get("3.2", "natural_person") == 2 and t.get("3.2", "total") == 3
    assert tables["table2.6"].values == ((37.0,), (4.0,))


def test_word_one_figure_for_two_table2_rows_is_still_no_rows(tmp_path):
    tables = _docx(tmp_path, [("行政处罚", ""), ("行政强制", "")], t2_merge=True)
    t2 = tables["table2.6"]
    assert t2.status == "unreadable"
    assert t2.get("punishment", "decisions") is None and t2.get("coercion", "decisions") is None


def test_a_label_merged_over_the_same_rows_as_its_figures_is_one_row():
    # an editor spanning the label cell too: the grid repeats "(二)部分公开" and its figures
    rows = []
    for label, vals in _ROWS:
        if label == "（二）部分公开":
            rows.append(f'<tr><td rowspan="2">{label}</td>'
                        + "".join(f'<td rowspan="2">{v}</td>' for v in vals) + "</tr><tr></tr>")
        else:
            rows.append(_tr(label, vals))
    t = _tables(load_report(_html("".join(rows), _T2_PLAIN)))["table3"]
    assert t.status == "ok", t.problem
    assert t.get("3.2", "total") == 3 and t.get("3.2", "legal_services") == 1
