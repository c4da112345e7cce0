"""Builds the s6 red-team fixtures: reports shaped like pages of real government sites.

Run ``python tests/data/redteam_s6/_make.py`` to rewrite them. The wording is written for
these fixtures (no sentence of any real report). The facts the tests expect are in
tests/test_redteam_s6_*.py, written by hand, not derived from this script's output.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).parent

AGENCY = "松岭市白沙区人民政府"
TITLE = f"{AGENCY}2022年政府信息公开工作年度报告"

S1 = [
    "2022年，白沙区坚持把政务公开作为建设法治政府的基础性工作，围绕群众关切推进决策、执行、管理、服务、结果公开。",
    "（一）主动公开。全年通过区政府门户网站发布各类信息2,316条，更新政策解读材料37篇。",
    "（二）依申请公开。全年新收政府信息公开申请48件，上年结转3件，办结46件，结转下年度继续办理5件。",
    "（三）政府信息管理。对拟公开文件实行公开属性前置审查，清理过期栏目9个。",
    "（四）平台建设。完成门户网站集约化迁移，开设惠企政策专区。",
    "（五）监督保障。区政务公开领导小组每季度通报一次公开质量，全年被申请行政复议2件。",
]
S5_PROBLEMS = [
    "部分街道信息发布审核把关不严，个别栏目内容更新滞后。",
    "政策解读形式较为单一，图解、音视频解读占比偏低。",
    "依申请公开答复文书格式不够统一，说理不够充分。",
]
S5_MEASURES = [
    "建立栏目更新台账，按月通报各单位发布情况。",
    "丰富解读形式，推动主要负责人解读重要政策。",
    "制定答复文书范本，组织业务骨干开展案例研讨。",
]
S6 = "本年度未收取信息处理费。全年办理人大代表建议42件、政协提案57件，办理结果均已公开。"

# 表三: (label, level, values natural, commercial, research, public, legal, other, total)
T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", [40, 5, 0, 1, 2, 0, 48]),
    ("二、上年结转政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 3]),
    ("（一）予以公开", [20, 2, 0, 1, 1, 0, 24]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [4, 1, 0, 0, 0, 0, 5]),
    ("1.属于国家秘密", [0] * 7),
    ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及“三安全一稳定”", [1, 0, 0, 0, 0, 0, 1]),
    ("4.保护第三方合法权益", [0] * 7),
    ("5.属于三类内部事务信息", [0] * 7),
    ("6.属于四类过程性信息", [0] * 7),
    ("7.属于行政执法案卷", [0] * 7),
    ("8.属于行政查询事项", [0] * 7),
    ("1.本机关不掌握相关政府信息", [8, 1, 0, 0, 1, 0, 10]),
    ("2.没有现成信息需要另行制作", [2, 0, 0, 0, 0, 0, 2]),
    ("3.补正后申请内容仍不明确", [0] * 7),
    ("1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0, 1]),
    ("2.重复申请", [2, 0, 0, 0, 0, 0, 2]),
    ("3.要求提供公开出版物", [0] * 7),
    ("4.无正当理由大量反复申请", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0, 1]),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("3.其他", [0] * 7),
    ("（七）总计", [39, 4, 0, 1, 2, 0, 46]),
    ("四、结转下年度继续办理", [4, 1, 0, 0, 0, 0, 5]),
]
T4 = [1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def fmt(v, style: str) -> str:
    if style == "dash" and v == 0:
        return "—"
    if style == "blank" and v == 0:
        return ""
    if style == "fullwidth":
        return str(v).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if style == "unit":
        return f"{v}件"
    return str(v)


def table2_html(style: str = "plain", attrs: str = "border='1'") -> str:
    n = lambda v: fmt(v, style)  # noqa: E731
    return f"""<table {attrs}><tbody>
<tr><td colspan="4"><p style="text-align:center">第二十条第（一）项</p></td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>{n(0)}</td><td>{n(0)}</td><td>{n(0)}</td></tr>
<tr><td>行政规范性文件</td><td>{n(6)}</td><td>{n(2)}</td><td>{n(41)}</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">{'1,325' if style == 'plain' else n(1325)}</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">{n(86)}</td></tr>
<tr><td>行政强制</td><td colspan="3">{n(3)}</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">{n(0)}</td></tr>
</tbody></table>"""


def t3_header(subtotal: bool = False, cell: str = "td") -> str:
    c = cell
    legal = 6 if subtotal else 5
    sub = f"<{c} rowspan='1'>小计</{c}>" if subtotal else ""
    return f"""<tr><{c} colspan="3" rowspan="3">{NOTE}</{c}><{c} colspan="{legal + 2}">申请人情况</{c}></tr>
<tr><{c} rowspan="2">自然人</{c}><{c} colspan="{legal}">法人或其他组织</{c}><{c} rowspan="2">总计</{c}></tr>
<tr><{c}>商业企业</{c}><{c}>科研机构</{c}><{c}>社会公益组织</{c}><{c}>法律服务机构</{c}><{c}>其他</{c}>{sub}</tr>"""


def t3_body(style: str = "plain", subtotal: bool = False, rows=None, split_at: int | None = None):
    """Rows of 表三 with the usual merged group cells; returns (rows before, rows after)."""
    out: list[str] = []
    groups = {4: ("（三）不予公开", 8), 12: ("（四）无法提供", 3), 15: ("（五）不予处理", 5),
              20: ("（六）其他处理", 3)}
    for i, (label, vals) in enumerate(rows or T3_ROWS):
        vs = list(vals)
        if subtotal:
            vs = vs[:6] + [sum(vs[1:6])] + vs[6:]
        cells = "".join(f"<td>{fmt(v, style)}</td>" for v in vs)
        if i in (0, 1, 24):
            out.append(f"<tr><td colspan='3'>{label}</td>{cells}</tr>")
            continue
        head = "<td rowspan='22'>三、本年度办理结果</td>" if i == 2 else ""
        if i in groups:
            g, span = groups[i]
            out.append(f"<tr>{head}<td rowspan='{span}'>{g}</td><td>{label}</td>{cells}</tr>")
        elif 4 <= i <= 22:
            out.append(f"<tr>{head}<td>{label}</td>{cells}</tr>")
        else:
            out.append(f"<tr>{head}<td colspan='2'>{label}</td>{cells}</tr>")
    if split_at is None:
        return "\n".join(out), ""
    return "\n".join(out[:split_at]), "\n".join(out[split_at:])


def table3_html(style: str = "plain", subtotal: bool = False, cell: str = "td") -> str:
    body, _ = t3_body(style, subtotal)
    return f"<table border='1' cellspacing='0'><tbody>\n{t3_header(subtotal, cell)}\n{body}\n</tbody></table>"


def table4_html(style: str = "plain") -> str:
    heads = "".join(f"<td>{h}</td>" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    vals = "".join(f"<td>{fmt(v, style)}</td>" for v in T4)
    return f"""<table border='1'><tbody>
<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>{heads}</tr>
<tr>{vals}</tr>
</tbody></table>"""


def p(text: str, kind: str = "plain") -> str:
    if kind == "indent":
        return f'<p style="text-indent:2em;line-height:2em;">{text}</p>'
    if kind == "nbsp":
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{text}</p>"
    if kind == "span":  # UEditor / Word paste: every run a span, some inside words
        mid = len(text) // 2
        return (f'<p style="text-indent:2em"><span style="font-family:仿宋_GB2312;font-size:16pt">'
                f"{text[:mid]}</span><span style=\"font-family:仿宋_GB2312\">{text[mid:]}</span></p>")
    return f"<p>{text}</p>"


def heading(text: str, kind: str = "plain") -> str:
    if kind == "span":
        return (f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{text[:1]}</span>'
                f'<span style="font-family:黑体">{text[1:4]}</span>{text[4:]}</strong></p>')
    if kind == "nbsp":
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;<strong>{text}</strong></p>"
    if kind == "h":
        return f"<h3>{text}</h3>"
    return f'<p style="text-indent:2em"><strong>{text}</strong></p>'


def body_html(kind: str = "plain", hkind: str = "plain", style: str = "plain", *,
              t2=None, t3=None, t4=None, s5=None) -> str:
    parts = [p("本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限为2022年1月1日至12月31日。", kind)]
    parts.append(heading("一、总体情况", hkind))
    parts += [p(t, kind) for t in S1]
    parts.append(heading("二、主动公开政府信息情况", hkind))
    parts.append(table2_html(style) if t2 is None else t2)
    parts.append(heading("三、收到和处理政府信息公开申请情况", hkind))
    parts.append(table3_html(style) if t3 is None else t3)
    parts.append(heading("四、政府信息公开行政复议、行政诉讼情况", hkind))
    parts.append(table4_html(style) if t4 is None else t4)
    parts.append(heading("五、存在的主要问题及改进情况", hkind))
    if s5 is None:
        parts.append(p("（一）存在的主要问题", kind))
        parts += [p(f"{i}.{t}", kind) for i, t in enumerate(S5_PROBLEMS, 1)]
        parts.append(p("（二）改进措施", kind))
        parts += [p(f"{i}.{t}", kind) for i, t in enumerate(S5_MEASURES, 1)]
    else:
        parts.append(s5)
    parts.append(heading("六、其他需要报告的事项", hkind))
    parts.append(p(S6, kind))
    parts.append('<p style="text-align:right">松岭市白沙区人民政府办公室</p>')
    parts.append('<p style="text-align:right">2023年1月18日</p>')
    return "\n".join(parts)


CHROME_TOP = """<div class="top"><div class="wrap"><a href="/">首页</a><a href="/zwgk/">政务公开</a>
<a href="/bsfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/zjbs/">走进白沙</a></div></div>
<div class="dqwz">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="#">政府信息公开年报</a></div>"""
CHROME_BOTTOM = """<div class="fenxiang">分享到：<a>微信</a><a>微博</a></div>
<div class="xgxx"><h4>相关信息</h4><ul><li><a href="/a/1.html">松岭市白沙区人民政府2021年政府信息公开工作年度报告</a></li>
<li><a href="/a/2.html">松岭市白沙区人民政府2020年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer">主办：松岭市白沙区人民政府办公室 网站标识码：4310000001 备案号：湘ICP备00000000号</div>"""


def page(inner: str, *, charset: str = "utf-8", head_title: str | None = None) -> str:
    t = head_title or f"{TITLE}_松岭市白沙区人民政府"
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{t}</title><script>var a=1;</script></head><body>{CHROME_TOP}\n{inner}\n{CHROME_BOTTOM}</body></html>")


def info_line() -> str:
    return ('<div class="info"><span>发布时间：2023-01-20 09:30</span> <span>来源：区政府办</span> '
            '<span>字号：[ <a>大</a> <a>中</a> <a>小</a> ]</span></div>')


def write(name: str, content: str | bytes) -> None:
    path = HERE / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def build_html() -> None:
    # 1 TRS/WCM: TRS_Editor with a Custom_UnionStyle inside, indented paragraphs
    write("trs_editor.html", page(
        f'<div class="title"><h2>{TITLE}</h2></div>{info_line()}'
        f'<div class="TRS_Editor"><div class="Custom_UnionStyle">{body_html("indent")}</div></div>'))
    # 2 TRS UEditor: class "view TRS_UEDITOR trs_paper_default trs_web", span-split runs
    write("trs_ueditor.html", page(
        f'<h1 class="articleTitle">{TITLE}</h1>{info_line()}'
        f'<div class="view TRS_UEDITOR trs_paper_default trs_web">{body_html("span", "span")}</div>'))
    # 3 集约化平台: div#zoom, nbsp-indented paragraphs, attachments box after the text
    write("jiyue_zoom.html", page(
        f'<div class="article"><h1>{TITLE}</h1>{info_line()}<div id="zoom">{body_html("nbsp", "nbsp")}</div>'
        '<div class="fujian">附件：<a href="/u/x.docx">相关附件</a></div></div>'))
    # 4 集约化平台: div.article-content, headings as <h3>, numbers with 件
    write("article_content.html", page(
        f'<div class="article-title">{TITLE}</div>{info_line()}'
        f'<div class="article-content">{body_html("plain", "h", "unit")}</div>'))
    # 5 layout table: report text in a <td> with data tables nested
    write("layout_td.html", page(
        '<table width="1000" align="center"><tr><td width="200" valign="top"><a href="/">栏目导航</a></td>'
        f'<td valign="top"><table width="100%"><tr><td align="center"><font size="4"><b>{TITLE}</b></font></td></tr>'
        f'<tr><td>发布日期：2023-01-20</td></tr><tr><td class="content">{body_html()}</td></tr></table></td></tr></table>'))
    # 6 full-width digits in the tables
    write("fullwidth_digits.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(style="fullwidth")}</div>'))
    # 7 "—" for zero
    write("dash_zero.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(style="dash")}</div>'))
    # 8 表三 with <th> header cells and the 法人或其他组织 小计 column (8 numeric columns)
    write("t3_subtotal_th.html", page(
        f'<h1>{TITLE}</h1><div id="zoom">{body_html(t3=table3_html(subtotal=True, cell="th"))}</div>'))
    # 9 表三 split over two <table> at a page break (Word → HTML), header not repeated
    before, after = t3_body(split_at=12)
    t3_split = (f"<table border='1'><tbody>{t3_header()}\n{before}</tbody></table>\n"
                "<p style='page-break-before:always'>&nbsp;</p>\n"
                f"<table border='1'><tbody>{after}</tbody></table>")
    write("t3_split_tables.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t3=t3_split)}</div>'))
    # 10 tables only as images
    img = lambda n: f'<p style="text-align:center"><img src="/u/cms/www/2023/t{n}.png" alt="" width="600"></p>'  # noqa: E731
    s5_img = ("<p>（一）存在的主要问题</p>" + "".join(f"<p>{i}.{t}</p>" for i, t in enumerate(S5_PROBLEMS, 1))
              + img(5) + "<p>（二）改进措施</p>"
              + "".join(f"<p>{i}.{t}</p>" for i, t in enumerate(S5_MEASURES, 1)))
    write("tables_as_images.html", page(
        f'<h1>{TITLE}</h1><div id="zoom">{body_html(t2=img(2), t3=img(3), t4=img(4), s5=s5_img)}'
        '<p><img src="/images/print.gif" width="16" height="16">打印本页</p></div>'))
    # 11 GBK bytes declared UTF-8
    write("gbk_declared_utf8.html", page(
        f'<h1>{TITLE}</h1><div id="zoom">{body_html()}</div>', charset="utf-8").encode("gbk"))
    # 12 report in an attachment only
    write("attachment_only.html", page(
        f'<h1>{TITLE}</h1>{info_line()}<div id="zoom"><p>现将{TITLE}予以公布。</p>'
        '<p>附件：<a href="/u/2023/P020230120.pdf">松岭市白沙区人民政府2022年政府信息公开工作年度报告.pdf</a></p></div>'))
    # 13 report embedded as a PDF viewer (iframe / embed)
    write("pdf_iframe.html", page(
        f'<h1>{TITLE}</h1>{info_line()}<div id="zoom"><iframe src="/pdfjs/web/viewer.html?file=/u/a.pdf" width="100%" height="900"></iframe></div>'))
    # 14 several paragraphs in one <p> joined by <br> (older CMS), headings bold inline
    brs = body_html().replace("</p>\n<p>", "<br>").replace("</p>\n<p style=\"text-indent:2em\">", "<br>")
    write("br_paragraphs.html", page(f'<h1>{TITLE}</h1><div class="TRS_Editor">{brs}</div>'))
    # 15 blank for zero
    write("blank_zero.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(style="blank")}</div>'))
    # 16 表四 whose header has 行政复议 above its five cells (colspan row) and 行政诉讼 rowspan pattern 2
    t4b = """<table border='1'><tbody>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr>""" + "".join(f"<td>{v}</td>" for v in T4) + "</tr></tbody></table>"
    write("t4_header_pattern2.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t4=t4b)}</div>'))
    # 17 表二 as four tables each with its 第二十条 title in a paragraph above
    t2_four = (
        "<p>第二十条第（一）项</p><table border='1'><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>6</td><td>2</td><td>41</td></tr></table>"
        "<p>第二十条第（五）项</p><table border='1'><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>1325</td></tr></table>"
        "<p>第二十条第（六）项</p><table border='1'><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政处罚</td><td>86</td></tr><tr><td>行政强制</td><td>3</td></tr></table>"
        "<p>第二十条第（八）项</p><table border='1'><tr><td>信息内容</td><td>本年收费金额（单位：万元）</td></tr><tr><td>行政事业性收费</td><td>0</td></tr></table>")
    write("t2_four_tables.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t2=t2_four)}</div>'))
    # 18 section 五 as run-in 一是/二是 prose, title only in <title>, no h1
    s5 = ("<p>一是部分街道信息发布审核把关不严；二是政策解读形式较为单一；三是答复文书说理不够充分。"
          "下一步，我区将建立栏目更新台账，丰富解读形式，制定答复文书范本。</p>")
    write("title_only_head.html", page(f'<div id="zoom">{body_html(s5=s5)}</div>', head_title=f"{TITLE}-松岭市白沙区人民政府门户网站"))
    # 19 list page with links to reports only (not a report)
    links = "".join(f'<li><a href="/a/{y}.html">松岭市白沙区人民政府{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{y % 10}</span></li>'
                    for y in range(2014, 2023))
    write("list_page.html", page(f'<div class="list"><h2>政府信息公开年报</h2><ul>{links}</ul></div>'))
    # 20 headings preceded by &nbsp; and full-width spaces, 表三 with thead/tbody and <th>
    write("thead_th.html", page(
        f'<h1>{TITLE}</h1><div id="zoom">' + body_html("nbsp", "nbsp", t3=table3_html(cell="th").replace("<tbody>\n", "<thead>\n", 1)
                                                        .replace("</tr>\n<tr><td colspan='3'>一", "</tr></thead><tbody>\n<tr><td colspan='3'>一", 1)) + "</div>"))


def build_html_more() -> None:
    # 26 cells as Word-pasted HTML: numbers split over spans, &nbsp; padding, blank <p> cells
    t3 = table3_html()
    t3 = t3.replace("<td>48</td>", "<td><p><span>4</span><span>8</span></p></td>")
    t3 = t3.replace("<td>46</td>", "<td>&nbsp;46&nbsp;</td>")
    t3 = t3.replace("<td>0</td>", "<td><p align='center'><span style='font-size:10pt'>0</span></p></td>")
    write("word_pasted_cells.html", page(f'<h1>{TITLE}</h1><div class="TRS_Editor">{body_html("span", t3=t3)}</div>'))
    # 27 GB2312 declared, GBK-only characters (a name with 堃/镕) in the text
    inner = body_html().replace("本报告根据", "本报告经区政府办公室主任李堃审定，根据")
    write("gb2312_declared_gbk_chars.html", page(f'<h1>{TITLE}</h1><div id="zoom">{inner}</div>',
                                                 charset="gb2312").encode("gbk"))
    # 28 表三 with the 勾稽 note in its own full-width row and 三、本年度办理结果 as a row of its own
    rows = [f"<tr><td colspan='10'>{NOTE}</td></tr>",
            "<tr><td colspan='3' rowspan='3'>申请人情况</td><td colspan='7'>申请人情况</td></tr>",
            "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>",
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"]
    body, _ = t3_body()
    body = body.replace("<td rowspan='22'>三、本年度办理结果</td>", "<td rowspan='22'></td>", 1)
    lines = body.split("\n")
    lines.insert(2, "<tr><td colspan='10'>三、本年度办理结果</td></tr>")
    t3 = f"<table border='1'>{''.join(rows)}{''.join(lines)}</table>"
    write("t3_note_row.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t3=t3)}</div>'))
    # 29 section 五 with （一）存在的主要问题和困难 / （二）解决办法和改进措施, &emsp; indents,
    # heading 五、存在的主要问题和改进情况
    s5 = ("<p>&emsp;&emsp;（一）存在的主要问题和困难</p>"
          + "".join(f"<p>&emsp;&emsp;{n}是{t}</p>" for n, t in zip("一二三", S5_PROBLEMS, strict=True))
          + "<p>&emsp;&emsp;（二）解决办法和改进措施</p>"
          + "".join(f"<p>&emsp;&emsp;{n}是{t}</p>" for n, t in zip("一二三", S5_MEASURES, strict=True)))
    inner = body_html(s5=s5).replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进情况")
    write("emsp_s5_variant.html", page(f'<h1>{TITLE}</h1><div id="zoom">{inner}</div>'))
    # 30 2015 legacy page: free layout with a local table (counts by category), no national tables
    legacy = """<p>一、概述</p><p>2015年，县政府办公室牵头推进政府信息公开，各乡镇、各部门明确了分管领导和工作人员。</p>
<p>二、主动公开政府信息情况</p><p>全年主动公开政府信息2,087条，具体分类如下：</p>
<table border='1'><tr><td>类别</td><td>条数</td></tr><tr><td>政策法规</td><td>312</td></tr>
<tr><td>规划计划</td><td>45</td></tr><tr><td>财政资金</td><td>198</td></tr><tr><td>其他</td><td>1,532</td></tr></table>
<p>三、依申请公开政府信息情况</p><p>全年共受理申请9件，均在规定时限内答复。</p>
<p>四、政府信息公开的收费及减免情况</p><p>未收取任何费用。</p>
<p>五、因政府信息公开申请行政复议、提起行政诉讼情况</p><p>未发生此类情况。</p>
<p>六、存在的主要问题及改进措施</p><p>主要问题是部分单位公开意识不强，信息更新不及时。下一步，将加强督促检查，定期通报公开情况。</p>"""
    t15 = "柳溪县人民政府2015年政府信息公开工作年度报告"
    write("legacy_2015_local_table.html", page(f'<h1>{t15}</h1><div class="TRS_Editor">{legacy}</div>', head_title=t15))


def build_html_breaks() -> None:
    # 31 表三 split at a page break inside the (三)不予公开 group, the header rows repeated on the
    # second part (Word's 标题行重复) and the group label repeated in the continuation
    before, after = t3_body(split_at=8)
    after = after.replace("<tr><td>5.属于三类", "<tr><td rowspan='16'>三、本年度办理结果</td><td rowspan='4'>（三）不予公开</td><td>5.属于三类", 1)
    fixed = after.split("\n")
    t3 = (f"<table border='1'><tbody>{t3_header()}\n{before}</tbody></table>\n"
          "<br style='page-break-before:always' clear='all'>\n"
          f"<table border='1'><tbody>{t3_header()}\n{chr(10).join(fixed)}</tbody></table>")
    write("t3_split_header_repeated.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t3=t3)}</div>'))
    # 32 full-width digits with a full-width comma as thousands separator
    t2 = table2_html().replace("1,325", "１，３２５")
    write("fullwidth_comma.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t2=t2)}</div>'))
    # 33 report text directly in a layout <td>, paragraphs separated by <br> only
    brs = body_html().replace("<p>", "").replace("</p>", "<br>").replace('<p style="text-indent:2em">', "")
    write("layout_td_br.html", page(
        f'<table width="980"><tr><td><img src="/images/banner.jpg" width="980" height="120"></td></tr>'
        f'<tr><td style="font-size:14px;line-height:26px">{TITLE}<br>{brs}</td></tr></table>'))
    # 34 集约化平台 page: title and date only in <meta> (ArticleTitle, PubDate), site name in <title>
    head = (f'<meta name="ArticleTitle" content="{TITLE}"><meta name="PubDate" content="2023-01-20 09:30">'
            '<meta name="ContentSource" content="区政府办">')
    html = page(f'<div class="article"><div id="zoom">{body_html()}</div></div>',
                head_title="松岭市白沙区人民政府门户网站").replace("<script>", head + "<script>", 1)
    write("meta_articletitle.html", html)


def build_more_shapes() -> None:
    # 35 表四 with a leading row-label column (数量 / 件数) before its 15 values
    t4 = table4_html().replace('<tr><td colspan="5" rowspan="2">行政复议</td>',
                               '<tr><td rowspan="3">项目</td><td colspan="5" rowspan="2">行政复议</td>', 1)
    t4 = t4.replace("<tr><td>结果维持</td>", "<tr><td>结果维持</td>", 1)
    rows = t4.split("\n")
    rows[-2] = rows[-2].replace("<tr>", "<tr><td>数量（件）</td>", 1)
    write("t4_row_label.html", page(f'<h1>{TITLE}</h1><div id="zoom">{body_html(t4=chr(10).join(rows))}</div>'))


def build_pdf_split() -> None:
    """表三 running over a page break in a PDF, its three header rows repeated (repeatRows)."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=20)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=12)
    c = lambda t: Paragraph(t, cell)  # noqa: E731
    rows = [[c(NOTE), "", "", c("申请人情况"), "", "", "", "", "", ""],
            ["", "", "", c("自然人"), c("法人或其他组织"), "", "", "", "", c("总计")],
            ["", "", "", "", *[c(h) for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]], ""]]
    spans = [("SPAN", (0, 0), (2, 2)), ("SPAN", (3, 0), (9, 0)), ("SPAN", (3, 1), (3, 2)),
             ("SPAN", (4, 1), (8, 1)), ("SPAN", (9, 1), (9, 2))]
    for label, vals in T3_ROWS:
        r = len(rows)
        rows.append([c(label), "", "", *[str(v) for v in vals]])
        spans.append(("SPAN", (0, r), (2, r)))
    t3 = Table(rows, colWidths=[60, 60, 100, 33, 33, 33, 33, 33, 33, 33], repeatRows=3)
    t3.setStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans])
    P = lambda t: Paragraph(t, body)  # noqa: E731
    story = [P(TITLE), P("一、总体情况"), *[P(t) for t in S1 * 2], P("二、主动公开政府信息情况"),
             P("本年度制发规范性文件6件。"), P("三、收到和处理政府信息公开申请情况"), t3,
             P("四、政府信息公开行政复议、行政诉讼情况"), P("本年度被申请行政复议2件。"),
             P("五、存在的主要问题及改进情况"), P("（一）存在的主要问题"),
             *[P(f"{i}.{t}") for i, t in enumerate(S5_PROBLEMS, 1)], P("（二）改进措施"),
             *[P(f"{i}.{t}") for i, t in enumerate(S5_MEASURES, 1)],
             P("六、其他需要报告的事项"), P(S6)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    write("pdf_t3_over_page_break.pdf", buf.getvalue())


def build_word_html() -> None:
    """36 a .doc saved by Word as 'Web page, filtered' (GB2312, WordSection1, MsoNormal,
    list headings drawn by <![if !supportLists]> with a spacer span, <o:p> in every cell)."""
    cn = "一二三四五六"

    def head(i: int, text: str) -> str:
        return ("<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt'>"
                "<![if !supportLists]><b><span style='font-family:黑体'>"
                f"{cn[i]}、<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></b>"
                f"<![endif]><b><span style='font-family:黑体'>{text}<span lang=EN-US><o:p></o:p></span></span></b></p>")

    def para(text: str) -> str:
        return (f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>"
                f"{text}<span lang=EN-US><o:p></o:p></span></span></p>")

    def cellify(table: str) -> str:
        return table.replace("<td>", "<td width=60 valign=top style='border:solid windowtext 1.0pt'>"
                             "<p class=MsoNormal align=center><span lang=EN-US>").replace(
            "</td>", "<o:p></o:p></span></p></td>")

    parts = [f"<p class=MsoTitle align=center><b><span style='font-size:22.0pt'>{TITLE}</span></b></p>",
             head(0, "总体情况"), *[para(t) for t in S1], head(1, "主动公开政府信息情况"),
             cellify(table2_html("plain", "class=MsoTableGrid border=1 cellspacing=0 cellpadding=0")),
             head(2, "收到和处理政府信息公开申请情况"), cellify(table3_html()),
             head(3, "政府信息公开行政复议、行政诉讼情况"), cellify(table4_html()),
             head(4, "存在的主要问题及改进情况"), para("（一）存在的主要问题"),
             *[para(f"{i}.{t}") for i, t in enumerate(S5_PROBLEMS, 1)], para("（二）改进措施"),
             *[para(f"{i}.{t}") for i, t in enumerate(S5_MEASURES, 1)],
             head(5, "其他需要报告的事项"), para(S6)]
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">"
            "<meta name=Generator content=\"Microsoft Word 15 (filtered)\"><style>p.MsoNormal{margin:0}</style>"
            f"</head><body lang=ZH-CN><div class=WordSection1>{''.join(parts)}</div></body></html>")
    write("word_filtered.htm", html.encode("gbk"))


def build_short_legacy() -> None:
    # 37 a township's short 2014 report in prose (no headings), its statistics table attached
    # as .xls, and the site's list of earlier reports beside it: a report, not a stub
    t14 = "青石乡人民政府2014年政府信息公开工作年度报告"
    text = ("<p>2014年，我乡按照县政府统一部署，通过乡政务公开栏和县政府门户网站主动公开政府信息126条，"
            "其中财政预决算信息12条、惠农补贴信息47条。全年未收到政府信息公开申请，未收取任何费用，"
            "未发生因政府信息公开引起的行政复议和行政诉讼。工作中还存在公开内容不够及时的问题，"
            "下一步将明确专人负责，按月更新公开栏。</p>"
            '<p>附件：<a href="/u/2015/tjb.xls">青石乡2014年政府信息公开统计表.xls</a></p>')
    write("short_legacy_with_xls.html", page(
        f'<h1>{t14}</h1>{info_line().replace("2023-01-20", "2015-03-20")}<div id="zoom">{text}</div>',
        head_title=t14))


def build_mojibake() -> None:
    # 38 a scraper read the UTF-8 page as Windows-1252 (WHATWG: 0x81/0x8D/0x8F/0x90/0x9D
    # as C1 controls) and saved the result as UTF-8: 政府 became æ”¿åºœ
    raw = (HERE / "jiyue_zoom.html").read_bytes()
    text = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in raw)
    write("double_encoded_utf8.html", text)
    # 39 the same with a GBK page read as Latin-1 (政府 → ÕþžŽ … ), saved as UTF-8
    gbk = (HERE / "jiyue_zoom.html").read_text(encoding="utf-8").replace("charset=utf-8", "charset=gbk")
    write("double_encoded_gbk.html", gbk.encode("gbk").decode("latin-1"))


def build_legacy() -> None:
    # 21 2012 legacy layout, tables absent, headings 一、概述 … 六、存在的主要问题及改进措施
    legacy = [
        "柳溪县人民政府2012年政府信息公开工作年度报告",
        "本报告由柳溪县人民政府办公室根据《中华人民共和国政府信息公开条例》编制。全文包括概述、主动公开政府信息的情况、依申请公开政府信息和不予公开政府信息的情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、所存在的主要问题及改进措施。",
        "一、概述",
        "2012年，县政府把政府信息公开工作列入重要议事日程，调整充实了工作领导小组，落实专人负责日常工作。",
        "二、主动公开政府信息的情况",
        "全年主动公开政府信息1,204条，其中机构职能类86条，政策法规类233条，规划计划类41条。",
        "三、依申请公开政府信息和不予公开政府信息的情况",
        "全年受理公开申请17件，已全部办结，其中同意公开12件，同意部分公开2件，信息不存在3件。",
        "四、政府信息公开的收费及减免情况",
        "本年度未收取任何费用。",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "本年度未发生因政府信息公开申请行政复议和提起行政诉讼的情况。",
        "六、所存在的主要问题及改进措施",
        "我县政府信息公开工作还存在一些不足：一是部分单位对信息公开重视不够；二是公开内容不够全面；三是网站栏目设置有待优化。",
        "下一步，我们将着力做好以下工作：一是加强组织领导，强化工作责任；二是拓展公开内容，提高公开质量。",
        "柳溪县人民政府办公室",
        "二〇一三年三月二十八日",
    ]
    write("legacy_2012.txt", "\n".join(legacy) + "\n")
    # 22 2016 legacy with seven parts and 存在问题及工作打算 at 七
    legacy7 = [
        "柳溪县农业局2016年政府信息公开工作年度报告",
        "一、概述",
        "2016年，我局认真落实政府信息公开各项要求，完善了公开工作机制。",
        "二、主动公开政府信息情况",
        "全年主动公开信息318条。",
        "三、依申请公开政府信息情况",
        "全年收到申请4件，均按期答复。",
        "四、政府信息公开收费及减免情况",
        "未收取任何费用。",
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "无。",
        "六、机构设置、保障经费和培训会议情况",
        "局办公室承担日常工作，配备兼职人员2名，全年举办培训1期。",
        "七、存在问题及工作打算",
        "存在问题：一是信息更新不够及时；二是专业人员力量不足。",
        "工作打算：一是健全信息发布协调机制；二是加强人员业务培训。",
    ]
    write("legacy_2016_seven.txt", "\n".join(legacy7) + "\n")


def build_html_2019() -> None:
    # 23 2019 format page: 表二 with (九) and 表三 with a single （六）其他处理 row
    t2 = """<table border='1'>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>规范性文件</td><td>5</td><td>5</td><td>37</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可</td><td>52</td><td>-3</td><td>1188</td></tr>
<tr><td>其他对外管理服务事项</td><td>14</td><td>0</td><td>230</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政处罚</td><td>120</td><td>+4</td><td>77</td></tr>
<tr><td>行政强制</td><td>9</td><td>0</td><td>2</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>
<tr><td>行政事业性收费</td><td>3</td><td colspan="2">0</td></tr>
<tr><td colspan="4">第二十条第（九）项</td></tr>
<tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>
<tr><td>政府集中采购</td><td>11</td><td colspan="2">356.8</td></tr>
</table>"""
    rows = T3_ROWS[:20] + [("（六）其他处理", [1, 0, 0, 0, 0, 0, 1])] + T3_ROWS[23:]
    out = []
    groups = {4: ("（三）不予公开", 8), 12: ("（四）无法提供", 3), 15: ("（五）不予处理", 5)}
    for i, (label, vals) in enumerate(rows):
        cells = "".join(f"<td>{v}</td>" for v in vals)
        if i in (0, 1, len(rows) - 1):
            out.append(f"<tr><td colspan='3'>{label}</td>{cells}</tr>")
            continue
        head = f"<td rowspan='{len(rows) - 3}'>三、本年度办理结果</td>" if i == 2 else ""
        if i in groups:
            g, span = groups[i]
            out.append(f"<tr>{head}<td rowspan='{span}'>{g}</td><td>{label}</td>{cells}</tr>")
        elif 4 <= i <= 19:
            out.append(f"<tr>{head}<td>{label}</td>{cells}</tr>")
        else:
            out.append(f"<tr>{head}<td colspan='2'>{label}</td>{cells}</tr>")
    t3 = f"<table border='1'>{t3_header()}{''.join(out)}</table>"
    inner = body_html(t2=t2, t3=t3).replace("2022年", "2019年").replace("2023年1月", "2020年1月").replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    title = TITLE.replace("2022", "2019")
    write("format2019.html", page(f'<h1>{title}</h1><div id="zoom">{inner}</div>', head_title=title))


def build_docx() -> None:
    """A .docx as WPS writes it: numbered-list headings, vMerge/gridSpan tables, 五 in a cell."""
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str, num: int | None = None) -> str:
        ppr = (f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
               if num else "")
        return f'<w:p>{ppr}<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

    def tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
        pr = ""
        if span > 1:
            pr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            pr += '<w:vMerge w:val="restart"/>'
        elif vmerge == "cont":
            pr += "<w:vMerge/>"
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{para(text)}</w:tc>"

    def table(rows: list[str], cols: int) -> str:
        grid = "".join('<w:gridCol w:w="800"/>' for _ in range(cols))
        return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    tr = lambda cells: f"<w:tr>{cells}</w:tr>"  # noqa: E731
    # 表三: 10 grid columns (3 label + 7 numbers)
    rows = [tr(tc(NOTE, 3, "restart") + tc("申请人情况", 7)),
            tr(tc("", 3, "cont") + tc("自然人", 1, "restart") + tc("法人或其他组织", 5) + tc("总计", 1, "restart")),
            tr(tc("", 3, "cont") + tc("", 1, "cont") + "".join(tc(h) for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + tc("", 1, "cont"))]
    groups = {4: "（三）不予公开", 12: "（四）无法提供", 15: "（五）不予处理", 20: "（六）其他处理"}
    current = None
    for i, (label, vals) in enumerate(T3_ROWS):
        nums = "".join(tc(str(v)) for v in vals)
        if i in (0, 1, 24):
            rows.append(tr(tc(label, 3) + nums))
            continue
        first = tc("三、本年度办理结果", 1, "restart" if i == 2 else "cont")
        if i in groups:
            current = groups[i]
            rows.append(tr(first + tc(current, 1, "restart") + tc(label) + nums))
        elif 4 <= i <= 22:
            rows.append(tr(first + tc("", 1, "cont") + tc(label) + nums))
        else:
            rows.append(tr(first + tc(label, 2) + nums))
    t3 = table(rows, 10)
    heads = "".join(tc(h) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    t4 = table([tr(tc("行政复议", 5, "restart") + tc("行政诉讼", 10)),
                tr(tc("", 5, "cont") + tc("未经复议直接起诉", 5) + tc("复议后起诉", 5)),
                tr(heads), tr("".join(tc(str(v)) for v in T4))], 15)
    t2 = table([tr(tc("第二十条第（一）项", 4)),
                tr(tc("信息内容") + tc("本年制发件数") + tc("本年废止件数") + tc("现行有效件数")),
                tr(tc("规章") + tc("0") + tc("0") + tc("0")),
                tr(tc("行政规范性文件") + tc("6") + tc("2") + tc("41")),
                tr(tc("第二十条第（五）项", 4)),
                tr(tc("信息内容") + tc("本年处理决定数量", 3)),
                tr(tc("行政许可") + tc("1325", 3)),
                tr(tc("第二十条第（六）项", 4)),
                tr(tc("信息内容") + tc("本年处理决定数量", 3)),
                tr(tc("行政处罚") + tc("86", 3)),
                tr(tc("行政强制") + tc("3", 3)),
                tr(tc("第二十条第（八）项", 4)),
                tr(tc("信息内容") + tc("本年收费金额（单位：万元）", 3)),
                tr(tc("行政事业性收费") + tc("0", 3))], 4)
    # section 五 typed inside a one-cell table (a bordered box, as WPS templates do)
    s5_cell = ("<w:tc><w:tcPr/>" + para("（一）存在的主要问题") +
               "".join(para(f"{i}.{t}") for i, t in enumerate(S5_PROBLEMS, 1)) + para("（二）改进措施") +
               "".join(para(f"{i}.{t}") for i, t in enumerate(S5_MEASURES, 1)) + "</w:tc>")
    s5 = table([tr(s5_cell)], 1)
    # the other WPS form: a two-column box, the sub-heading on the left, its items right
    left = lambda t: f"<w:tc><w:tcPr/>{para(t)}</w:tc>"  # noqa: E731
    right = lambda items: ("<w:tc><w:tcPr/>" + "".join(para(f"{i}.{t}") for i, t in enumerate(items, 1))  # noqa: E731
                           + "</w:tc>")
    s5_two = table([tr(left("存在的主要问题") + right(S5_PROBLEMS)),
                    tr(left("改进措施") + right(S5_MEASURES))], 2)
    for name, box in (("wps_export.docx", s5), ("wps_s5_two_columns.docx", s5_two)):
        _write_docx(name, W, para, [para(TITLE), para("本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限为2022年1月1日至12月31日。"),
            para("总体情况", 1), *[para(t) for t in S1],
            para("主动公开政府信息情况", 1), t2,
            para("收到和处理政府信息公开申请情况", 1), t3,
            para("政府信息公开行政复议、行政诉讼情况", 1), t4,
            para("存在的主要问题及改进情况", 1), box,
            para("其他需要报告的事项", 1), para(S6),
            para("松岭市白沙区人民政府办公室"), para("2023年1月18日")])


def _write_docx(name: str, W: str, para, body: list[str]) -> None:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
                + "".join(body) + '<w:sectPr/></w:body></w:document>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>")
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                "</Relationships>")
    write_zip(name, {
        "[Content_Types].xml": ct, "_rels/.rels": rels, "word/document.xml": document,
        "word/_rels/document.xml.rels": doc_rels, "word/numbering.xml": numbering,
        "docProps/app.xml": '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS Office_11.1.0.12358_F1E327BC-269C-435d-A152-05C5408002CA</Application></Properties>'})


def write_zip(name: str, parts: dict[str, str]) -> None:
    """A zip with fixed member dates, so rebuilding gives the same bytes."""
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as z:
        for member, text in parts.items():
            info = zipfile.ZipInfo(member, date_time=(2023, 1, 18, 9, 0, 0))
            z.writestr(info, text, compress_type=zipfile.ZIP_DEFLATED)


def build_pdf() -> None:
    """A report PDF as reportlab draws it: 表三's header cells wrap onto two lines in narrow
    columns (社会公益/组织, 法律服务/机构), long row labels wrap in their cells."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=17)
    big = ParagraphStyle("title", fontName="STSong-Light", fontSize=16, leading=22)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10)
    grid = [("FONT", (0, 0), (-1, -1), "STSong-Light", 8),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    c = lambda t: Paragraph(t, cell)  # noqa: E731

    t2 = Table([["第二十条第（一）项", "", "", ""],
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "0", "0"], ["行政规范性文件", "6", "2", "41"],
                ["第二十条第（五）项", "", "", ""], ["信息内容", "本年处理决定数量", "", ""],
                ["行政许可", "1325", "", ""],
                ["第二十条第（六）项", "", "", ""], ["信息内容", "本年处理决定数量", "", ""],
                ["行政处罚", "86", "", ""], ["行政强制", "3", "", ""],
                ["第二十条第（八）项", "", "", ""], ["信息内容", "本年收费金额（单位：万元）", "", ""],
                ["行政事业性收费", "0", "", ""]], colWidths=[110, 90, 90, 90])
    t2.setStyle(grid + [("SPAN", (0, r), (3, r)) for r in (0, 4, 7, 11)]
                + [("SPAN", (1, r), (3, r)) for r in (5, 6, 8, 9, 10, 12, 13)])
    heads = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    rows = [[c(NOTE), "", "", c("申请人情况"), "", "", "", "", "", ""],
            ["", "", "", c("自然人"), c("法人或其他组织"), "", "", "", "", c("总计")],
            ["", "", "", "", *[c(h) for h in heads], ""]]
    spans = [("SPAN", (0, 0), (2, 2)), ("SPAN", (3, 0), (9, 0)), ("SPAN", (3, 1), (3, 2)),
             ("SPAN", (4, 1), (8, 1)), ("SPAN", (9, 1), (9, 2))]
    groups = {4: ("（三）不予公开", 8), 12: ("（四）无法提供", 3), 15: ("（五）不予处理", 5),
              20: ("（六）其他处理", 3)}
    for i, (label, vals) in enumerate(T3_ROWS):
        r = len(rows)
        nums = [str(v) for v in vals]
        if i in (0, 1, 24):
            rows.append([c(label), "", "", *nums])
            spans.append(("SPAN", (0, r), (2, r)))
            continue
        first = c("三、本年度办理结果") if i == 2 else ""
        if i == 2:
            spans.append(("SPAN", (0, r), (0, r + 21)))
        if i in groups:
            g, n = groups[i]
            rows.append([first, c(g), c(label), *nums])
            spans.append(("SPAN", (1, r), (1, r + n - 1)))
        elif 4 <= i <= 22:
            rows.append([first, "", c(label), *nums])
        else:
            rows.append([first, c(label), "", *nums])
            spans.append(("SPAN", (1, r), (2, r)))
    t3 = Table(rows, colWidths=[34, 44, 120, 36, 36, 36, 36, 36, 36, 36])
    t3.setStyle(grid + spans)
    hrow = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    t4 = Table([[c("行政复议"), "", "", "", "", c("行政诉讼")] + [""] * 9,
                ["", "", "", "", "", c("未经复议直接起诉"), "", "", "", "", c("复议后起诉"), "", "", "", ""],
                [c(h) for h in hrow], [str(v) for v in T4]], colWidths=[30] * 15)
    t4.setStyle(grid + [("SPAN", (0, 0), (4, 1)), ("SPAN", (5, 0), (14, 0)),
                        ("SPAN", (5, 1), (9, 1)), ("SPAN", (10, 1), (14, 1))])
    P = lambda t: Paragraph(t, body)  # noqa: E731
    story = [Paragraph(TITLE, big), Spacer(1, 8),
             P("本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限为2022年1月1日至12月31日。"),
             P("一、总体情况"), *[P(t) for t in S1], P("二、主动公开政府信息情况"), t2,
             P("三、收到和处理政府信息公开申请情况"), t3, P("四、政府信息公开行政复议、行政诉讼情况"), t4,
             P("五、存在的主要问题及改进情况"), P("（一）存在的主要问题"),
             *[P(f"{i}.{t}") for i, t in enumerate(S5_PROBLEMS, 1)], P("（二）改进措施"),
             *[P(f"{i}.{t}") for i, t in enumerate(S5_MEASURES, 1)],
             P("六、其他需要报告的事项"), P(S6), P("松岭市白沙区人民政府办公室"), P("2023年1月18日")]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    write("reportlab_t3_header_wrapped.pdf", buf.getvalue())


if __name__ == "__main__":
    build_html()
    build_legacy()
    build_html_more()
    build_html_breaks()
    build_html_2019()
    build_docx()
    build_pdf()
    build_more_shapes()
    build_pdf_split()
    build_word_html()
    build_short_legacy()
    build_mojibake()
