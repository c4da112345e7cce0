"""Digits coloured white beside a cell's figure ("12<span style="color:#ffffff">7</span>", a
copy mark invisible on a white page) are never read into the figure: whether they show depends
on the background, which is not rendered, so the cell is reported (the table unreadable, the
cell named), never read as 127. A figure wholly in white, on a dark cell, is read."""

from __future__ import annotations

from _pdf_drawing import T3_ROWS

from nlp_reports import load_report

_LABELS = tuple(label for rid, label in T3_ROWS if rid)  # 表三's 25 rows of figures
_FIGURES = {0: (12, 0, 0, 0, 0, 0, 12), 2: (12, 0, 0, 0, 0, 0, 12), 23: (12, 0, 0, 0, 0, 0, 12)}


def _page(tmp_path, first_cell: str):
    rows = ['<tr><td>项目</td>' + "".join(
        f'<td bgcolor="#1f4e79"><font color="white">{x}</font></td>'
        for x in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")) + "</tr>"]
    for i, label in enumerate(_LABELS):
        values = [str(v) for v in _FIGURES.get(i, (0,) * 7)]
        if i == 0:
            values[0] = first_cell
        rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    html = f"""<html><head><meta charset="utf-8"><title>溪口乡人民政府2023年政府信息公开工作年度报告</title></head>
<body><div class="nr"><h3>溪口乡人民政府2023年政府信息公开工作年度报告</h3>
<p>一、总体情况</p><p>2023年，溪口乡收到政府信息公开申请12件，均已按期答复。</p>
<p>三、收到和处理政府信息公开申请情况</p><table border="1">{"".join(rows)}</table>
<p>六、其他需要报告的事项</p><p>无。</p></div></body></html>"""
    p = tmp_path / "溪口乡.html"
    p.write_text(html, encoding="utf-8")
    return load_report(p).table("table3")


def test_a_white_digit_beside_a_figure_is_reported(tmp_path):
    t3 = _page(tmp_path, '12<span style="color:#ffffff">7</span>')
    assert t3.status == "unreadable" and "row 1 column natural_person" in t3.problem
    assert t3.get("1", "natural_person") is None
    assert 127 not in [v for row in t3.values for v in row]


def test_a_figure_wholly_in_white_on_a_dark_cell_is_read(tmp_path):
    t3 = _page(tmp_path, '<span style="color: #FFF; background:#333">12</span>')
    assert t3.status == "ok", t3.problem
    assert t3.get("1", "natural_person") == 12 and t3.get("3.7", "total") == 12


def test_a_white_digit_that_would_group_a_figure_in_thousands_is_reported(tmp_path):
    # set apart by a space, a white mark before a three-digit figure ("5 120") or three
    # white digits after one ("1 234") read as one figure grouped in thousands: 5120, 1234
    for cell, never in (('<span style="color:#fff">5</span>120', 5120),
                        ('1<font color="#FFFFFF">234</font>', 1234)):
        t3 = _page(tmp_path, cell)
        assert t3.status == "unreadable" and "row 1 column natural_person" in t3.problem
        assert t3.get("1", "natural_person") is None
        assert never not in [v for row in t3.values for v in row]


def test_a_near_white_or_transparent_digit_beside_a_figure_is_reported(tmp_path):
    # a copy mark need not be pure white to vanish on a white page: #fefefe, rgb(250,250,250),
    # an almost transparent white, text with no colour at all; each read into the figure before
    for cell, never in (('2<span style="color:#fefefe">0</span>', 20),
                        ('1<span style="color: rgb(250, 250, 250)">8</span>', 18),
                        ('3<span style="color:rgba(255,255,255,.3)">5</span>', 35),
                        ('4<b style="color:transparent">4</b>', 44),
                        ('6<i style="color:rgba(0,0,0,0)">1</i>', 61),
                        ('7<font color="#F5F5F5">2</font>', 72)):
        t3 = _page(tmp_path, cell)
        assert t3.status == "unreadable", cell
        assert t3.get("1", "natural_person") is None, cell
        assert never not in [v for row in t3.values for v in row], cell


def test_a_grey_digit_is_read_as_it_shows(tmp_path):
    # light grey (#ccc, rgb(200,200,200)) and half-transparent black show on a white page
    for cell, figure in (('1<span style="color:#cccccc">2</span>', 12),
                         ('1<span style="color:rgba(0,0,0,.5)">2</span>', 12)):
        t3 = _page(tmp_path, cell)
        assert t3.get("1", "natural_person") == figure, (cell, t3.problem)
