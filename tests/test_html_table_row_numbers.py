"""表三 drawn with its row numbers in a column of their own ("1." | "属于国家秘密" | 0 …), as a
saved page's table sets them: each number belongs to the label beside it. Read apart, "1."
looked like a value, the 不予公开 … rows went unfound and the table was unreadable."""

from __future__ import annotations

from nlp_reports import load_report

_GROUPS = (
    ("（三）不予公开", ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                  "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")),
    ("（四）无法提供", ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    ("（五）不予处理", ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                  "要求行政机关确认或重新出具已获取信息")),
    ("（六）其他处理", ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")),
)


def _tr(labels: str, values: tuple[int, ...]) -> str:
    return "<tr>" + labels + "".join(f'<td align="center">{v}</td>' for v in values) + "</tr>"


def _table3() -> str:
    z = (0,) * 7
    rows = [
        '<tr><td colspan="4" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
        '<td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>",
        _tr('<td colspan="4">一、本年新收政府信息公开申请数量</td>', (9, 2, 0, 0, 1, 0, 12)),
        _tr('<td colspan="4">二、上年结转政府信息公开申请数量</td>', (1, 0, 0, 0, 0, 0, 1)),
        _tr('<td rowspan="22">三、本年度办理结果</td><td colspan="3">（一）予以公开</td>', (5, 1, 0, 0, 1, 0, 7)),
        _tr('<td colspan="3">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>', (1, 0, 0, 0, 0, 0, 1)),
    ]
    special = {"保护第三方合法权益": (1, 0, 0, 0, 0, 0, 1), "本机关不掌握相关政府信息": (2, 1, 0, 0, 0, 0, 3),
               "重复申请": (1, 0, 0, 0, 0, 0, 1)}
    for group, labels in _GROUPS:
        for k, label in enumerate(labels):
            head = f'<td rowspan="{len(labels)}">{group}</td>' if k == 0 else ""
            rows.append(_tr(f"{head}<td>{k + 1}.</td><td>{label}</td>", special.get(label, z)))
    rows += [
        _tr('<td colspan="3">（七）总计</td>', (10, 2, 0, 0, 1, 0, 13)),
        _tr('<td colspan="4">四、结转下年度继续办理</td>', (0, 0, 0, 0, 0, 0, 0)),
    ]
    return '<table border="1" cellspacing="0">' + "\n".join(rows) + "</table>"


def _page(tmp_path, section5: str):
    html = f"""<html><head><meta charset="utf-8"><title>雁栖区水务局2023年政府信息公开工作年度报告</title></head>
<body><div class="zw"><h2>雁栖区水务局2023年政府信息公开工作年度报告</h2>
<p>一、总体情况</p><p>　　2023年，区水务局依法做好河湖管理、供水保障等领域的信息公开。</p>
<p>三、收到和处理政府信息公开申请情况</p>{_table3()}
<p>五、存在的主要问题及改进情况</p>{section5}
<p>六、其他需要报告的事项</p><p>　　本年度未收取信息处理费。</p></div></body></html>"""
    p = tmp_path / "水务局年报.html"
    p.write_text(html, encoding="utf-8")
    return load_report(p)


def test_row_numbers_in_their_own_column_are_the_labels(tmp_path):
    r = _page(tmp_path, "<p>　　一是汛期信息发布不够及时；二是政策解读偏少。</p>")
    t3 = r.table("table3")
    assert t3.status == "ok", t3.problem
    assert t3.get("3.3.4", "natural_person") == 1 and t3.get("3.3.4", "total") == 1
    assert t3.get("3.4.1", "commercial") == 1 and t3.get("3.4.1", "total") == 3
    assert t3.get("3.5.2", "natural_person") == 1 and t3.get("3.6.3", "total") == 0
    assert t3.get("3.7", "total") == 13 and t3.get("1", "total") == 12
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_a_numbering_column_of_problems_and_measures_stays(tmp_path):
    # section 五 as a table of 序号 | 问题 | 措施: the "1." column is no row label of a form
    five = ('<table border="1"><tr><td>序号</td><td>存在问题</td><td>整改措施</td></tr>'
            "<tr><td>1.</td><td>汛期信息发布不够及时</td><td>建立汛情信息“日报”制度</td></tr>"
            "<tr><td>2.</td><td>政策解读偏少</td><td>重要政策一律配发图解</td></tr></table>")
    r = _page(tmp_path, five)
    texts = [s.text for s in r.statements]
    assert sum("汛期信息发布不够及时" in t for t in texts) == 1
    assert not any(t.startswith("1.") for t in texts)
