"""A PDF table drawn without rules whose header cells are too narrow for their names: each
name wraps over lines ("科研机" / "构"), so the text lines hold pieces of every column and
no name reads whole. Where the columns are printed in another order than the form's
(科研机构 before 商业企业, 总计 first) the figures were read in the form's order, as other
columns', in a table marked ok. The header is now read column by column over the figures:
表三 is read in its printed order, 表四 (whose readers take no other order) is reported; a
header in the form's order is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports import load_report

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

_FONT = "STSong-Light"
_T3_NAMES = {"natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
             "public_interest": "社会公益组织", "legal_services": "法律服务机构",
             "other": "其他", "total": "总计"}
_FORM_ORDER = list(_T3_NAMES)
_T3_ROWS = [
    ("1", "一、本年新收政府信息公开申请数量"), ("2", "二、上年结转政府信息公开申请数量"),
    ("", "三、本年度办理结果"), ("3.1", "（一）予以公开"),
    ("3.2", "（二）部分公开（区分处理的，只计这一情形）"), ("", "（三）不予公开"),
    ("3.3.1", "1.属于国家秘密"), ("3.3.2", "2.其他法律行政法规禁止公开"),
    ("3.3.3", "3.危及“三安全一稳定”"), ("3.3.4", "4.保护第三方合法权益"),
    ("3.3.5", "5.属于三类内部事务信息"), ("3.3.6", "6.属于四类过程性信息"),
    ("3.3.7", "7.属于行政执法案卷"), ("3.3.8", "8.属于行政查询事项"), ("", "（四）无法提供"),
    ("3.4.1", "1.本机关不掌握相关政府信息"), ("3.4.2", "2.没有现成信息需要另行制作"),
    ("3.4.3", "3.补正后申请内容仍不明确"), ("", "（五）不予处理"),
    ("3.5.1", "1.信访举报投诉类申请"), ("3.5.2", "2.重复申请"), ("3.5.3", "3.要求提供公开出版物"),
    ("3.5.4", "4.无正当理由大量反复申请"), ("3.5.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理"), ("3.6.1", "1.申请人无正当理由逾期不补正"),
    ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用"), ("3.6.3", "3.其他"),
    ("3.7", "（七）总计"), ("4", "四、结转下年度继续办理"),
]
_T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _t3_values() -> dict[str, dict[str, int]]:
    """Figures of a small bureau: row 一 and the (七)总计 row add up; columns differ."""
    base = {"1": [6, 3, 1, 0, 2, 1], "2": [1, 0, 0, 0, 0, 0], "3.1": [3, 1, 0, 0, 1, 0],
            "3.2": [1, 2, 0, 0, 0, 0], "3.3.1": [0, 0, 1, 0, 0, 0], "3.3.4": [2, 0, 0, 0, 1, 0],
            "3.4.1": [1, 0, 0, 0, 0, 1], "3.5.2": [0, 0, 0, 0, 0, 0]}
    out = {}
    for rid, _ in _T3_ROWS:
        if rid:
            figs = base.get(rid, [0] * 6)
            if rid == "3.7":
                figs = [6, 3, 1, 0, 2, 1]
            if rid == "4":
                figs = [1, 0, 0, 0, 0, 0]
            out[rid] = dict(zip(_FORM_ORDER, [*figs, sum(figs)], strict=True))
    return out


def _wrapped(name: str, per_line: int) -> list[str]:
    return [name[k:k + per_line] for k in range(0, len(name), per_line)]


def _pdf(tmp_path: Path, t3_order: list[str], t4_total_first: bool,
         blank: tuple[str, str] | None = None) -> Path:
    """A county bureau's report whose 表三 and 表四 are drawn without any rule, in columns
    28 pt wide, 8 pt type: the header names wrap three characters a line, each centred in
    its cell and set in the middle of the header's height. ``blank`` (row, column): a 表三
    cell printed empty."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    path = tmp_path / "report.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 48

    def text(s: str, size: float = 11, x: float = 48) -> None:
        nonlocal y
        c.setFont(_FONT, size)
        c.drawString(x, y, s)
        y -= size + 8

    def centred(s: str, mid: float, base: float, size: float = 8) -> None:
        c.setFont(_FONT, size)
        c.drawString(mid - c.stringWidth(s, _FONT, size) / 2, base, s)

    def header(names: list[str], x0: float, cw: float, per_line: int = 3) -> None:
        nonlocal y
        lines = [_wrapped(n, per_line) for n in names]
        tallest = max(map(len, lines))
        for k, pieces in enumerate(lines):
            first = y - (tallest - len(pieces)) * 5  # (centred in the header's height)
            for n, piece in enumerate(pieces):
                centred(piece, x0 + (k + 0.5) * cw, first - n * 10)
        y -= tallest * 10 + 6

    text("青川县自然资源局2023年政府信息公开工作年度报告", 14, 120)
    text("一、总体情况")
    text("2023年，本局坚持以公开为常态，主动公开规划许可、用地审批等信息，依申请公开按时答复。")
    text("三、收到和处理政府信息公开申请情况")
    x0, cw = 250, 28
    c.setFont(_FONT, 8)
    c.drawString(60, y - 10, "申请人情况")
    header([_T3_NAMES[k] for k in t3_order], x0, cw)
    values: dict[str, dict[str, int | str]] = dict(_t3_values())
    if blank:
        values[blank[0]] = {**values[blank[0]], blank[1]: ""}
    for rid, label in _T3_ROWS:
        c.setFont(_FONT, 8)
        c.drawString(48, y, label)
        if rid:
            for k, col in enumerate(t3_order):
                centred(str(values[rid][col]), x0 + (k + 0.5) * cw, y)
        y -= 13
    y -= 10
    text("四、政府信息公开行政复议、行政诉讼情况")
    x0 = 60
    centred("行政复议", x0 + 2.5 * cw, y)
    centred("行政诉讼", x0 + 10 * cw, y)
    y -= 14
    centred("未经复议直接起诉", x0 + 7.5 * cw, y)
    centred("复议后起诉", x0 + 12.5 * cw, y)
    y -= 14
    results = (["总计", *_T4_RESULTS[:4]] if t4_total_first else _T4_RESULTS) * 3
    header(results, x0, cw)
    t4 = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1]  # (each block: four results, 总计)
    printed = ([t4[b * 5 + 4], *t4[b * 5:b * 5 + 4]] if t4_total_first else t4[b * 5:b * 5 + 5]
               for b in range(3))
    for k, v in enumerate(v for block in printed for v in block):
        centred(str(v), x0 + (k + 0.5) * cw, y)
    y -= 30
    text("五、存在的主要问题及改进情况")
    text("依申请公开答复的说理还不够充分，下一步将规范答复文书格式，加强业务培训。")
    text("六、其他需要报告的事项")
    text("本年度未收取信息处理费。")
    c.save()
    return path


def _cells(report, tid: str) -> tuple[str, dict[tuple[str, str], float | None]]:
    table = report.to_dict()["tables"][tid]
    return table["status"], {(r, col): table["values"][i][j]
                             for i, r in enumerate(table["rows"])
                             for j, col in enumerate(table["columns"])}


@pytest.mark.parametrize("order", [
    _FORM_ORDER,
    ["natural_person", "research", "commercial", "public_interest", "legal_services", "other",
     "total"],
    ["total", *_FORM_ORDER[:6]],
    ["natural_person", "other", "commercial", "research", "public_interest", "legal_services",
     "total"],
], ids=["form_order", "research_first", "total_first", "other_first"])
def test_table3_wrapped_header_read_in_printed_order(tmp_path: Path, order: list[str]) -> None:
    status, got = _cells(load_report(_pdf(tmp_path, order, False)), "table3")
    assert status == "ok"
    want = _t3_values()
    wrong = {(r, col): (v, want[r][col]) for (r, col), v in got.items()
             if r in want and v != want[r][col]}
    assert not wrong


def test_table3_blank_cell_in_the_first_row_keeps_the_printed_order(tmp_path: Path) -> None:
    """Row 一 with 科研机构's cell left empty: the columns are taken from a full row of
    figures below, so 商业企业 and 科研机构 printed in swapped order are not swapped back
    (row 一 itself, a value short, is reported)."""
    order = ["natural_person", "research", "commercial", "public_interest", "legal_services",
             "other", "total"]
    status, got = _cells(load_report(_pdf(tmp_path, order, False, blank=("1", "research"))),
                         "table3")
    want = _t3_values()
    wrong = {(r, col): (v, want[r][col]) for (r, col), v in got.items()
             if r in want and v is not None and v != want[r][col]}
    assert not wrong
    assert got[("3.1", "commercial")] == 1 and got[("3.1", "research")] == 0


def test_table4_wrapped_header_in_form_order_read(tmp_path: Path) -> None:
    status, got = _cells(load_report(_pdf(tmp_path, _FORM_ORDER, False)), "table4")
    assert status == "ok"
    assert got[("count", "review.upheld")] == 2
    assert got[("count", "review.total")] == 4
    assert got[("count", "litigation_after_review.total")] == 1


def test_table4_wrapped_header_total_first_reported(tmp_path: Path) -> None:
    report = load_report(_pdf(tmp_path, _FORM_ORDER, True))
    status, got = _cells(report, "table4")
    assert status == "unreadable"
    assert all(v is None for v in got.values())
    problem = report.to_dict()["tables"]["table4"]["problem"]
    assert "总计 before the results" in problem
