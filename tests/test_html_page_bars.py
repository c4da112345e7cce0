"""A saved page's pager and button bars are page chrome, not the report's text.

A CMS prints its pager ("第1页 共2页 首页 上一页 下一页 尾页") under an article it splits over
several pages, and a bar of buttons ("【我要纠错】【打印本页】", "相关附件：无") under the
text, inside the article's own box. Read as text, they ran on into the last section's text
and kept the signature and closing date (落款) in it.
"""

from __future__ import annotations

from nlp_reports import load_report

_HEAD = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hd/">互动交流</a></div>
<div class="wrap"><h1>{title}</h1><div class="xx">发布时间：2024-01-22　来源：{agency}</div>
<div class="article">"""
_TAIL = """</div></div><div class="ft">主办单位：{agency}　网站标识码：5201230004</div></body></html>"""

_T3 = ("<table border=1><tr><td colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
       "</td><td>自然人</td><td>总计</td></tr><tr><td colspan=3>一、本年新收政府信息公开申请数量</td>"
       "<td><span>1</span><span>2</span></td><td>12</td></tr></table>")


def _page(tmp_path, name, agency, body):
    title = f"{agency}2023年政府信息公开工作年度报告"
    p = tmp_path / name
    p.write_text(_HEAD.format(title=title, agency=agency) + body + _TAIL.format(agency=agency),
                 encoding="utf-8")
    return load_report(p)


def test_pager_under_the_first_page_is_no_text(tmp_path):
    # page 1 of 2 of a paged article: sections 一 to 三, then the CMS's pager
    body = (
        "<p><strong>一、总体情况</strong></p><p>　　2023年，我委围绕中心工作，持续深化政务公开，"
        "门户网站首页新设“政策直通车”专栏。</p>"
        "<p><strong>二、主动公开政府信息情况</strong></p><p>　　全年主动公开文件41件。</p>"
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>" + _T3 +
        '<div class="pg">第1页 共2页 <a href="p1.html">首页</a> <a href="p2.html">下一页</a> '
        '<a href="p2.html">尾页</a></div>')
    r = _page(tmp_path, "p1.html", "清江县发展和改革委员会", body)
    three = r.section(3).text
    assert "下一页" not in three and "共2页" not in three and "尾页" not in three
    # a sentence that names the site's 首页 is the report's own
    assert "门户网站首页新设" in r.section(1).text


def test_button_bar_under_the_signature_is_no_text(tmp_path):
    body = (
        "<div><b>五、存在的主要问题及改进情况</b></div>"
        "<div>（一）存在的主要问题</div><div>一是乡镇公开专区资料归档不规范；二是政策解读偏少。</div>"
        "<div>（二）改进措施</div><div>一是按月抽查专区资料；二是每份政策文件配发图解。</div>"
        "<div><b>六、其他需要报告的事项</b></div><div>本年度未收取信息处理费。</div>"
        '<p align="right">柏林镇人民政府</p><p align="right">2024年1月18日</p>'
        '<div class="fj"><p>相关附件：无</p><p>【我要纠错】 【打印本页】 【关闭窗口】</p></div>')
    r = _page(tmp_path, "p.html", "柏林镇人民政府", body)
    six = r.section(6).text
    assert six == "本年度未收取信息处理费。"
    assert r.metadata.published == "2024-01-22"
    assert not any("纠错" in s.text or "附件" in s.text for s in r.statements)


def test_a_figure_split_over_spans_stays_a_figure(tmp_path):
    # the bar rule looks at short blocks: a cell's figure in <span>s is never one
    body = ("<p>一、总体情况</p><p>　　本年度收到申请12件。</p><p>三、收到和处理政府信息公开申请情况</p>" + _T3)
    r = _page(tmp_path, "p3.html", "石桥县统计局", body)
    assert "\t12\t12" in r.text


def test_a_long_pager_before_a_word_outside_the_bar_is_read_at_once(tmp_path):
    # a list-style pager under the article: page links 1–18 run together as digits
    # ("123456789101112…") and end on a button the bar words do not hold ("确定"); trying
    # every way of cutting the digits took twice as long per page link (minutes for 20)
    import time

    pager = ('<div class="fenye"><a href="#">首页</a> <a href="#">上一页</a> '
             + "".join(f'<a href="list_{i}.html">{i}</a>' for i in range(1, 19))
             + ' <a href="#">下一页</a> <a href="#">尾页</a> 转到第<input size="2">页 '
               '<a href="javascript:go()">确定</a></div>')
    body = ("<p>一、总体情况</p><p>　　2023年，本局全年主动公开信息120条，办理依申请公开3件。</p>"
            "<p>二、主动公开政府信息情况</p><p>　　本年度制发规范性文件2件。</p>" + pager)
    start = time.perf_counter()
    r = _page(tmp_path, "p4.html", "南岭县交通运输局", body)
    assert time.perf_counter() - start < 5
    assert r.section(2).text == "本年度制发规范性文件2件。"


def test_a_bar_word_set_apart_inside_a_sentence_is_the_sentence_s(tmp_path):
    # a Word export splits a paragraph into runs at every change of format; a run holding
    # only 首页 or 打印 is a word of the sentence, never a button bar
    body = ("<p class=MsoNormal><span style='font-family:仿宋_GB2312'>一、总体情况</span></p>"
            "<p class=MsoNormal><span style='font-family:仿宋_GB2312'>2023年，我局在门户网站</span>"
            "<b><span style='font-family:仿宋_GB2312'>首页</span></b><span style='font-family:"
            "仿宋_GB2312'>显著位置开设年报专栏，提供</span><span>在线浏览</span><span>、</span>"
            "<span>打印</span><span>和</span><span lang=EN-US>PDF</span><span>下载。</span></p>"
            "<p>二、主动公开政府信息情况</p><p>本年度制发规范性文件<font color=red>共2页</font>2件。</p>"
            "<p><span>【打印本页】</span><span>【关闭窗口】</span></p>")
    r = _page(tmp_path, "p5.html", "白沙县自然资源局", body)
    assert r.section(1).text == "2023年，我局在门户网站首页显著位置开设年报专栏，提供在线浏览、打印和PDF下载。"
    assert r.section(2).text == "本年度制发规范性文件共2页2件。"
