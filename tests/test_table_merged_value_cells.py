"""A figure whose cell spans several rows of 表三 (HTML rowspan, Word's vertical merge) is no
row's figure: the table is unreadable and the cell named, never the figure copied into each
row (which read 3 for both 1.属于国家秘密 and 2.其他法律行政法规禁止公开, in a table marked ok,
and failed I2/I3 on figures the report never printed). A merged 0 is each row's 0."""

import pytest

from nlp_reports import load_report

_LABELS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密",
    "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理"]
_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _values(merged: int) -> list[list[int]]:
    rows = [[0] * 7 for _ in _LABELS]
    rows[2] = [5, 2, 4, 0, 1, 0, 12]
    rows[4] = [merged, 0, 0, 0, 0, 0, merged]
    for r in (0, 23):
        rows[r] = [a + b for a, b in zip(rows[2], rows[4], strict=True)]
    return rows


def _html(merged: int) -> bytes:
    trs = []
    for i, (label, vals) in enumerate(zip(_LABELS, _values(merged), strict=True)):
        cells = [f"<td>{v}</td>" for v in vals]
        if i == 4:  # 1.属于国家秘密 and 2.其他… share one 自然人 cell
            cells[0] = f'<td rowspan="2">{merged}</td>'
        elif i == 5:
            cells = cells[1:]
        trs.append(f"<tr><td>{label}</td>{''.join(cells)}</tr>")
    head = "".join(f"<td>{c}</td>" for c in _COLUMNS)
    return f"""<html><head><meta charset="utf-8"></head><body>
<h1>澄江县水务局2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>全年收到申请件数见下表。</p>
<p>三、收到和处理政府信息公开申请情况</p><table border="1">
<tr><td rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan="7">申请人情况</td></tr><tr>{head}</tr>{''.join(trs)}</table>
<p>五、存在的主要问题及改进情况</p><p>个别栏目更新不及时。下一步将按月更新。</p></body></html>""".encode()


def _table3(report):
    return next(t for t in report.tables if t.id == "table3")


def test_a_figure_merged_over_two_rows_of_a_page_is_no_rows():
    report = load_report(_html(3))
    t = _table3(report)
    assert t.status == "unreadable"
    assert t.get("3.3.1", "natural_person") is None and t.get("3.3.2", "natural_person") is None
    assert "row 3.3.2 column natural_person: '3' is one cell merged over several rows" in t.problem
    assert t.get("3.1", "total") == 12  # the rest of the table is read
    assert not [c for c in report.checks if c.outcome == "fail"]  # no identity on a guess


def test_a_zero_merged_over_two_rows_is_each_rows_zero():
    t = _table3(load_report(_html(0)))
    assert t.status == "ok"
    assert t.get("3.3.1", "natural_person") == 0 and t.get("3.3.2", "natural_person") == 0


def test_a_figure_merged_over_two_rows_of_a_word_table_is_no_rows(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("澄江县水务局2023年政府信息公开工作年度报告")
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = doc.add_table(rows=len(_LABELS) + 1, cols=8)
    for c, name in enumerate(_COLUMNS):
        table.cell(0, c + 1).text = name
    for r, (label, vals) in enumerate(zip(_LABELS, _values(3), strict=True), start=1):
        table.cell(r, 0).text = label
        for c, v in enumerate(vals):
            table.cell(r, c + 1).text = str(v)
    table.cell(6, 1).text = ""
    table.cell(5, 1).merge(table.cell(6, 1)).text = "3"  # 1.属于国家秘密 / 2.其他…
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("个别栏目更新不及时。下一步将按月更新。")
    path = tmp_path / "年报.docx"
    doc.save(path)
    t = _table3(load_report(path))
    assert t.status == "unreadable"
    assert t.get("3.3.1", "natural_person") is None and t.get("3.3.2", "natural_person") is None
    assert "is one cell merged over several rows" in t.problem


def test_a_figure_merged_over_two_rows_of_a_doc_table_is_no_rows():
    from nlp_reports.ingest.doc import _grid_rows
    from nlp_reports.ingest.normalize import MERGED_ROWS_MARK

    restart, continuing = 0x20 | 0x40, 0x20  # fVertMerge with fVertRestart, without
    table = [(["1.属于国家秘密", "3", "0"], [(0, 100, 0), (100, 200, restart), (200, 300, 0)]),
             (["2.其他法律行政法规禁止公开", "", "0"],
              [(0, 100, 0), (100, 200, continuing), (200, 300, 0)]),
             (["3.危及“三安全一稳定”", "0", "0"], [(0, 100, 0), (100, 200, restart), (200, 300, 0)]),
             (["4.保护第三方合法权益", "", "0"], [(0, 100, 0), (100, 200, continuing), (200, 300, 0)])]
    rows = _grid_rows(table, [10**6])
    assert [r[1] for r in rows] == ["3" + MERGED_ROWS_MARK] * 2 + ["0", "0"]
