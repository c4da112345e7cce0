"""Digits a page's own stylesheet colours white beside a cell's figure ("<style>.cp{color:#fff}
</style> … 8<span class="cp">3</span>", an anti-copy mark invisible on a white page) were read
into the figure (83, the table ok): only an inline colour (style="color:#fff", <font
color=white>) set them apart. A simple class selector of the page's own <style> colouring
text white now does the same (the cell reported, the table unreadable, never 83); the
element's own inline colour wins, as in a browser; a hover colour or a white background is
no white text. Nothing is fetched: only <style> in the page is read.

The page is fictional, written for this test: a county justice bureau's portal template.
"""

from __future__ import annotations

import pytest
from _pdf_drawing import T3_ROWS

from nlp_reports import load_report

_ROWS = tuple(label for rid, label in T3_ROWS if rid)  # 表三's 25 rows of figures
_GIVEN = {0: (8, 1, 0, 0, 0, 0, 9), 2: (8, 1, 0, 0, 0, 0, 9), 23: (8, 1, 0, 0, 0, 0, 9)}


def _table3(tmp_path, css: str, first_cell: str):
    head = "".join(f"<th>{h}</th>" for h in ("自然人", "商业企业", "科研机构", "社会公益组织",
                                             "法律服务机构", "其他", "总计"))
    body = []
    for i, label in enumerate(_ROWS):
        cells = [str(v) for v in _GIVEN.get(i, (0,) * 7)]
        if i == 0:
            cells[0] = first_cell
        body.append(f'<tr><td class="tl">{label}</td>'
                    + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>")
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>桐柏县司法局2023年政府信息公开工作年度报告_桐柏县人民政府</title>
<link rel="stylesheet" href="/css/base.css">
<style type="text/css">
body{{font-family:"Microsoft YaHei";color:#333}}
.TRS_Editor table td.num{{text-align:center}}
/* 防复制 */
{css}
</style></head>
<body><div class="TRS_Editor">
<h2>桐柏县司法局2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p><p>　　2023年，县司法局共收到政府信息公开申请9件，全部按期答复。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table class="MsoTableGrid" border="1"><tr><th>本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和</th>{head}</tr>
{"".join(body)}</table>
<p>六、其他需要报告的事项</p><p>　　本年度未收取信息处理费。</p></div></body></html>"""
    path = tmp_path / "桐柏县司法局2023.html"
    path.write_text(page, encoding="utf-8")
    return load_report(path).table("table3")


@pytest.mark.parametrize(("css", "cell"), [
    (".cp{color:#fff}", '8<span class="cp">3</span>'),
    (".TRS_Editor .wm { color: #FFFFFF !important; font-style: normal }", '<em class="wm">5</em>8'),
    ("a.more, font.mk {COLOR: white}", '8<font class="mk">0</font>'),
    ("span.x1 {color: rgb(255, 255, 255)}\n.x2{font-size:12px}", '8<span class="x2 x1">7</span>'),
])
def test_a_digit_white_by_the_pages_stylesheet_is_reported(tmp_path, css, cell):
    t3 = _table3(tmp_path, css, cell)
    assert t3.status == "unreadable"
    assert "row 1 column natural_person" in t3.problem
    assert t3.get("1", "natural_person") is None
    assert t3.get("3.7", "total") is None or t3.get("3.7", "total") == 9


@pytest.mark.parametrize(("css", "cell"), [
    (".cp{color:#fff}", '8<span class="cp" style="color:#333">3</span>'),  # inline colour wins
    (".cp:hover{color:#fff}", '8<span class="cp">3</span>'),  # only when pointed at
    (".cp{background-color:#fff;color:#c00}", '8<span class="cp">3</span>'),
    ("/* .cp{color:#fff} */", '8<span class="cp">3</span>'),  # a rule commented out
])
def test_digits_the_stylesheet_does_not_whiten_are_read(tmp_path, css, cell):
    t3 = _table3(tmp_path, css, cell)
    assert t3.get("1", "natural_person") == 83
