"""Word .docx table cells as Word shows them: hidden text (w:vanish, 隐藏文字) is not printed,
a legacy horizontal merge (w:hMerge, written by older converters instead of w:gridSpan)
spans columns like gridSpan, rows wrapped in a content control (w:sdt around w:tr, a
repeating section) are rows of the table, a raised or struck run is no part of the figure
beside it, and a table in a custom XML block (w:customXml) is read."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from _table_data import T4_HEADER_ROWS

from nlp_reports import load_report
from nlp_reports.ingest import read_document

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

_T4_HEAD = T4_HEADER_ROWS
_T4_VALUES = ["2", "1", "0", "1", "4", "0", "3", "1", "0", "4", "1", "0", "0", "1", "2"]


def _report(tmp_path: Path, edit) -> Path:
    """A short report of a county bureau with 表四 as a Word table; ``edit(table)`` changes
    the table's XML before saving."""
    document = docx.Document()
    for line in ("梅岭县林业局2022年政府信息公开工作年度报告",
                 "一、总体情况", "2022年，本局依法做好政府信息公开工作。",
                 "四、政府信息公开行政复议、行政诉讼情况"):
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=15)
    for r, row in enumerate(_T4_HEAD + [_T4_VALUES]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    edit(table)
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("个别答复的说理还不够充分，下一步将加强培训。")
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def _table4(path: Path) -> tuple[str, list]:
    table = load_report(path).to_dict()["tables"]["table4"]
    return table["status"], table["values"][0]


def _run(text: str, hidden: bool = False, props: str = "") -> str:
    props = "<w:rPr><w:vanish/></w:rPr>" if hidden else f"<w:rPr>{props}</w:rPr>"
    return f'<w:r {nsdecls("w")}>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _set_runs(cell, runs: list[str]) -> None:
    p = cell.paragraphs[0]._p
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    for run in runs:
        p.append(parse_xml(run))


def test_hidden_digit_in_a_cell_is_not_read(tmp_path: Path) -> None:
    def edit(table):
        _set_runs(table.cell(3, 1), [_run("1", hidden=True), _run("1")])  # shows "1"
        _set_runs(table.cell(3, 4), [_run("4"), _run("0", hidden=True)])  # shows "4"

    status, values = _table4(_report(tmp_path, edit))
    assert status == "ok"
    assert values[1] == 1 and values[4] == 4
    assert values == [float(v) for v in _T4_VALUES]


def test_hidden_text_val_false_is_shown(tmp_path: Path) -> None:
    def edit(table):
        _set_runs(table.cell(3, 6), [
            f'<w:r {nsdecls("w")}><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>3</w:t></w:r>'])

    assert _table4(_report(tmp_path, edit))[1][6] == 3


def test_hidden_paragraph_text_is_not_read(tmp_path: Path) -> None:
    def edit(table):
        p = table._tbl.getprevious()
        p.append(parse_xml(_run("（内部核对：复议共9件）", hidden=True)))

    text = read_document(_report(tmp_path, edit)).text
    assert "内部核对" not in text and "四、政府信息公开行政复议、行政诉讼情况" in text


def _to_hmerge(tc, columns: int) -> None:
    """Write a cell spanning ``columns`` as w:hMerge restart + continuation cells."""
    pr = tc.get_or_add_tcPr()
    pr.append(parse_xml(f'<w:hMerge {nsdecls("w")} w:val="restart"/>'))
    for _ in range(columns - 1):
        cont = copy.deepcopy(tc)
        cpr = cont.find(qn("w:tcPr"))
        for h in cpr.findall(qn("w:hMerge")):
            cpr.remove(h)
        cpr.append(parse_xml(f'<w:hMerge {nsdecls("w")}/>'))
        for p in cont.findall(qn("w:p")):
            for r in p.findall(qn("w:r")):
                p.remove(r)
        tc.addnext(cont)


def test_figure_hmerged_over_two_columns_is_no_columns(tmp_path: Path) -> None:
    """"3" over 未经复议直接起诉's 结果纠正 and 其他结果 (old-style merge): neither's figure."""
    def edit(table):
        tr = table._tbl.findall(qn("w:tr"))[3]
        tcs = tr.findall(qn("w:tc"))
        tr.remove(tcs[7])
        _to_hmerge(tcs[6], 2)

    status, values = _table4(_report(tmp_path, edit))
    assert values[6] is None and values[7] is None
    assert values[5] == 0 and values[8] == 0 and values[9] == 4


def test_hmerged_header_labels_span_their_columns(tmp_path: Path) -> None:
    """Header labels merged with w:hMerge (行政复议 over 5, 行政诉讼 over 10) read as with
    w:gridSpan: the table is read whole."""
    def edit(table):
        for r, spans in ((0, [(0, 5), (5, 10)]), (1, [(5, 5), (10, 5)])):
            tr = table._tbl.findall(qn("w:tr"))[r]
            tcs = tr.findall(qn("w:tc"))
            for first, n in reversed(spans):
                for tc in tcs[first + 1:first + n]:
                    tr.remove(tc)
                _to_hmerge(tcs[first], n)

    status, values = _table4(_report(tmp_path, edit))
    assert status == "ok"
    assert values == [float(v) for v in _T4_VALUES]


def test_row_in_a_content_control_is_read(tmp_path: Path) -> None:
    """A repeating-section content control wraps the figures' row (w:sdt around w:tr)."""
    def edit(table):
        tr = table._tbl.findall(qn("w:tr"))[3]
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
        tr.addprevious(sdt)
        sdt.find(qn("w:sdtContent")).append(tr)

    status, values = _table4(_report(tmp_path, edit))
    assert status == "ok"
    assert values == [float(v) for v in _T4_VALUES]


@pytest.mark.parametrize("props", ['<w:vertAlign w:val="superscript"/>', "<w:strike/>"])
def test_note_mark_or_struck_figure_is_not_joined_to_the_figure(tmp_path: Path, props) -> None:
    """"4" with a raised note mark "1" (or a struck "1" before it) is not 41 / 14."""
    def edit(table):
        runs = [_run("4"), _run("1", props=props)]
        _set_runs(table.cell(3, 4), runs if "vertAlign" in props else runs[::-1])

    status, values = _table4(_report(tmp_path, edit))
    assert values[4] is None
    assert values[:4] == [2, 1, 0, 1] and values[5:] == [float(v) for v in _T4_VALUES[5:]]


def test_struck_off_false_and_baseline_runs_join(tmp_path: Path) -> None:
    def edit(table):
        _set_runs(table.cell(3, 14), [_run("1", props='<w:strike w:val="0"/>'),
                                      _run("2", props='<w:vertAlign w:val="baseline"/>')])

    assert _table4(_report(tmp_path, edit))[1][14] == 12


def test_a_figure_split_into_runs_formatted_alike_stays_whole(tmp_path: Path) -> None:
    """Word splits a figure into runs at will: "1", "2" both raised (a whole cell set raised)
    is 12, and "3", "5" both struck before a plain "2" is no 352 and no 3 5 2 either."""
    def edit(table):
        raised = '<w:vertAlign w:val="superscript"/>'
        _set_runs(table.cell(3, 9), [_run("1", props=raised), _run("2", props=raised)])
        _set_runs(table.cell(3, 6), [_run("3", props="<w:strike/>"), _run("5", props="<w:strike/>"),
                                     _run("2")])

    values = _table4(_report(tmp_path, edit))[1]
    assert values[9] == 12
    assert values[6] is None


def test_table_in_a_custom_xml_block_is_read(tmp_path: Path) -> None:
    """A tagged block (w:customXml in the body, as document systems write) holding the
    heading and 表四: neither is lost."""
    def edit(table):
        tbl = table._tbl
        heading = tbl.getprevious()
        block = parse_xml(f'<w:customXml {nsdecls("w")} w:element="caseTable"/>')
        heading.addprevious(block)
        block.append(heading)
        block.append(tbl)

    status, values = _table4(_report(tmp_path, edit))
    assert status == "ok"
    assert values == [float(v) for v in _T4_VALUES]
