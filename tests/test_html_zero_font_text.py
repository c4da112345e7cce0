"""Text a saved page sets in a zero font size (font-size:0) shows nothing and is no part of
the report: a copy mark slipped between a figure's digits ("2<span style="font-size:0">8</span>0"
is 20 on screen) was read into the figure, 280. A container set to font-size:0 only to close
the gaps between its inline blocks, each block sized again, shows its text and keeps it."""

from __future__ import annotations

from nlp_reports import load_report

_ROWS = (
    ("一、本年新收政府信息公开申请数量", (20, 1, 0, 0, 0, 0, 21)),
    ("二、上年结转政府信息公开申请数量", (0, 0, 0, 0, 0, 0, 0)),
    ("（一）予以公开", (12, 1, 0, 0, 0, 0, 13)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (3, 0, 0, 0, 0, 0, 3)),
    ("1.属于国家秘密", None), ("2.其他法律行政法规禁止公开", None), ("3.危及“三安全一稳定”", None),
    ("4.保护第三方合法权益", None), ("5.属于三类内部事务信息", None), ("6.属于四类过程性信息", None),
    ("7.属于行政执法案卷", None), ("8.属于行政查询事项", None),
    ("1.本机关不掌握相关政府信息", (5, 0, 0, 0, 0, 0, 5)), ("2.没有现成信息需要另行制作", None),
    ("3.补正后申请内容仍不明确", None), ("1.信访举报投诉类申请", None), ("2.重复申请", None),
    ("3.要求提供公开出版物", None), ("4.无正当理由大量反复申请", None),
    ("5.要求行政机关确认或重新出具已获取信息", None),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", None),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None),
    ("3.其他", None), ("（七）总计", (20, 1, 0, 0, 0, 0, 21)), ("四、结转下年度继续办理", None),
)
_MARK = '<span style="font-size:0px;color:#fff">8</span>'


def _figure(v: int) -> str:
    s = str(v)
    return s[0] + _MARK + s[1:] if len(s) > 1 else _MARK + s


def _page(tmp_path, section5: str):
    rows = ["<tr><td>项目</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
            "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>"]
    for label, values in _ROWS:
        rows.append(f"<tr><td>{label}</td>" + "".join(
            f"<td>{_figure(v)}</td>" for v in (values or (0,) * 7)) + "</tr>")
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>枫桥县城市管理局2023年政府信息公开工作年度报告</title></head><body>
<div class="detail"><h1>枫桥县城市管理局2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2023年，我局<span style="font-size:0">本文来源：枫桥县政府网</span>全年共办结依申请公开21件。</p>
<p>三、收到和处理政府信息公开申请情况</p><table border="1">{"".join(rows)}</table>
<p>五、存在的主要问题及改进情况</p>{section5}
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></div></body></html>"""
    p = tmp_path / "城管局.html"
    p.write_text(html, encoding="utf-8")
    return load_report(p)


def test_zero_font_marks_are_not_read_into_figures(tmp_path):
    r = _page(tmp_path, "<p>一是执法信息公开不够及时；二是解读材料偏少。</p>")
    t3 = r.table("table3")
    assert t3.status == "ok", t3.problem
    assert t3.get("1", "natural_person") == 20 and t3.get("1", "total") == 21
    assert t3.get("3.1", "natural_person") == 12 and t3.get("3.4.1", "total") == 5
    assert t3.get("3.3.1", "total") == 0
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}
    assert "本文来源" not in r.section(1).text


def test_a_zero_font_container_of_sized_blocks_keeps_its_text(tmp_path):
    five = ('<ul style="font-size:0;padding:0">'
            '<li style="display:inline-block;font-size:16px">一是执法信息公开不够及时；</li>'
            '<li style="display:inline-block;font-size:16px">二是解读材料偏少。</li></ul>')
    r = _page(tmp_path, five)
    assert [s.marker for s in r.statements] == ["一是", "二是"]
    assert r.statements[1].text.startswith("解读材料偏少")


def test_a_zero_font_wrapper_sized_again_by_the_stylesheet_keeps_its_text(tmp_path):
    # the template zeroes a wrapper inline and sizes what is inside from its stylesheet
    # (".xxgk-box p {font-size:15px}", ".btn {font-size:14px}"): no inline size says so, and
    # the paragraphs were dropped as hidden, section 五's text lost without a word
    five = ('<div style="font-size:0;letter-spacing:0">'
            '<p>一是执法信息公开不够及时；</p><div class="btn">二是解读材料偏少。</div></div>')
    r = _page(tmp_path, five)
    assert [s.marker for s in r.statements] == ["一是", "二是"]
    assert "二是解读材料偏少" in r.section(5).text


def test_a_mark_zeroed_twice_is_not_read_into_a_figure(tmp_path):
    # a zero-size mark inside a zero-size mark: the inner size is no size set again
    five = ('<p>一是执法信息公开不够及时，涉及案件<span style="font-size:0">'
            '<span style="font-size:0">8</span>9</span>12件；</p>')
    r = _page(tmp_path, five)
    assert "案件12件" in r.section(5).text


def test_a_mark_hidden_by_the_font_shorthand_is_not_read_into_a_figure(tmp_path, monkeypatch):
    # "font:0/0 a" sets the size to zero through the shorthand, in the text's own colour
    import sys

    for mark in ('<span style="font:0/0 a">8</span>', '<i style="font: bold 0px/0 Arial">8</i>'):
        monkeypatch.setattr(sys.modules[__name__], "_MARK", mark)
        r = _page(tmp_path, "<p>一是执法信息公开不够及时；二是解读材料偏少。</p>")
        t3 = r.table("table3")
        assert t3.status == "ok", (mark, t3.problem)
        assert t3.get("1", "natural_person") == 20 and t3.get("3.1", "natural_person") == 12, mark
