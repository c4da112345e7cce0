"""A site's column page listing reports is refused as not_a_report; its Chinese sentence
says it is such a list and to save each report's own page, not the generic reading
(登录页、错误页、扫描件) that sent a clerk looking for a download that never failed."""

from __future__ import annotations

import json

from nlp_reports.cli import main

_LIST = """<html><head><meta charset="utf-8"><title>政府信息公开年报 - 岚山县人民政府</title></head>
<body><div class="dh"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="wz">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="lb"><ul>
<li><a href="/a/1.html">岚山县教育体育局2023年政府信息公开工作年度报告</a><span>2024-01-19</span></li>
<li><a href="/a/2.html">岚山县自然资源局2023年政府信息公开工作年度报告</a><span>2024-01-18</span></li>
<li><a href="/a/3.html">岚山县人民政府2023年政府信息公开工作年度报告</a><span>2024-01-16</span></li>
<li><a href="/a/4.html">岚山县卫生健康局2022年政府信息公开工作年度报告</a><span>2023-01-20</span></li>
</ul></div><div class="fy">共46条 第1页 共5页</div>
<div class="bq">主办单位：岚山县人民政府办公室</div></body></html>"""


def test_a_list_of_reports_says_so_in_chinese(tmp_path, capsys):
    page = tmp_path / "年报栏目.html"
    page.write_text(_LIST, encoding="utf-8")
    assert main(["parse", "--json", str(page)]) == 1
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["reason"] == "not_a_report" and "links to reports" in err["message"]
    assert "列表" in err["message_zh"] and "登录页" not in err["message_zh"]


def test_a_list_copied_as_text_says_so_in_chinese(tmp_path, capsys):
    # the column page copied into a text file: its links are gone, the titles and dates stay
    listing = ("首页 > 信息公开 > 年度报告\n"
               "· 柳塘镇人民政府2023年政府信息公开工作年度报告　　2024-01-22\n"
               "· 柳塘镇人民政府2022年政府信息公开工作年度报告　　2023-01-17\n"
               "· 柳塘镇人民政府2021年政府信息公开工作年度报告　　2022-01-25\n"
               "共3条\n")
    page = tmp_path / "栏目列表.txt"
    page.write_text(listing, encoding="utf-8")
    assert main(["parse", "--json", str(page)]) == 1
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["reason"] == "not_a_report" and "report titles" in err["message"]
    assert "列表" in err["message_zh"] and "登录页" not in err["message_zh"]
