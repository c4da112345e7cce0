"""A closing date (落款) is the report's only when it can be: dated in the year reported on or
the next, and standing as a signature's date, not as the value of the sentence above it.

Before, a report on 2023 signed "2019-01-18" (a template's date left in, a mistyped year) was
published 2019-01-18, and a page dated 2024 beside it was taken for a re-post of it. A last
section ending "…发布时间为：⏎2023.3.15" lost that line as the "closing date" and was dated by
it. The line under the title was already checked so (``title_date``); the signature now is too,
with the same window, and with the data period's year when the title keeps last year's.
"""

from __future__ import annotations

import pytest

from nlp_reports import load_report


def _report(title: str, year: int, tail: str, head: str = "", who: str = "我局") -> str:
    return (f"{title}\n{head}\n一、总体情况\n　　{year}年，{who}认真贯彻《中华人民共和国政府信息公开条例》，"
            f"全年主动公开政府信息{year % 97 + 40}条，受理依申请公开{year % 7}件，均在法定期限内答复。\n"
            "二、主动公开政府信息情况\n本年新制发规范性文件2件，现行有效9件。\n" + tail)


@pytest.mark.parametrize("title, year, tail, head, published", [
    # a date of another year under the signature: no date of this report
    ("柳岸县农业农村局2023年政府信息公开工作年度报告", 2023, "\n柳岸县农业农村局\n2019-01-18\n", "", None),
    ("二〇一二年度青石市国土资源局政府信息公开工作年度报告", 2012,
     "\n　　　　　　青石市国土资源局\n　　　　　　二〇〇九年三月一日\n", "", None),
    ("白水县林业局2017年政府信息公开工作年度报告", 2017, "\n白水县林业局\n2081年1月20日\n", "", None),
    ("石湖街道办事处2020年政府信息公开工作年度报告", 2020, "\n石湖街道办事处　　2002年1月25日\n", "", None),
    # ... and the page's date is then no re-post of it
    ("梅林县统计局2023年政府信息公开工作年度报告", 2023, "\n梅林县统计局\n2019年1月18日\n",
     "发布时间：2024-01-22　来源：梅林县统计局　浏览次数：41", "2024-01-22"),
    # dated in the year reported on or the next: as before
    ("河湾区卫生和计划生育局2015年政府信息公开工作年度报告", 2015,
     "\n河湾区卫生和计划生育局\n二〇一六年三月二十日\n", "", "2016-03-20"),
    ("南浦县人民政府2009年政府信息公开工作年度报告", 2009, "\n南浦县人民政府\n2010年3月31日\n", "", "2010-03-31"),
    ("北沅市医疗保障局2025年政府信息公开工作年度报告", 2025, "\n北沅市医疗保障局\n2026.1.20\n", "", "2026-01-20"),
    ("东陵镇人民政府2018年政府信息公开工作年度报告", 2018, "\n东陵镇人民政府\n2018年12月28日\n", "", "2018-12-28"),
])
def test_signature_of_another_year(title, year, tail, head, published):
    md = load_report(_report(title, year, tail, head)).metadata
    assert md.year == year
    assert md.published == published


def test_title_kept_from_last_year():
    # the title says 2021, the data period 2022: a signature in 2023 is this report's
    text = _report("云岭县水务局2021年政府信息公开工作年度报告", 2022, "\n云岭县水务局\n2023年1月15日\n",
                   "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。")
    md = load_report(text).metadata
    assert (md.year, md.published) == (2022, "2023-01-15")


def test_html_signature_of_another_year(tmp_path):
    p = tmp_path / "jtj.html"
    p.write_text(
        "<html><head><meta charset='utf-8'><title>丰源县交通运输局2023年政府信息公开工作年度报告</title>"
        "</head><body><h1>丰源县交通运输局2023年政府信息公开工作年度报告</h1>"
        "<div class='info'>发布时间：2024-01-19　浏览次数：88</div>"
        "<p>一、总体情况</p><p>2023年，我局主动公开政府信息140条，办理依申请公开3件。</p>"
        "<p>二、主动公开政府信息情况</p><p>本年新制发规范性文件1件。</p>"
        "<p style='text-align:right'>丰源县交通运输局</p><p style='text-align:right'>2013年1月18日</p>"
        "</body></html>", encoding="utf-8")
    md = load_report(p).metadata
    assert (md.published, md.published_from) == ("2024-01-19", "page")


@pytest.mark.parametrize("title, year, lead, value", [
    ("柳岸县农业农村局2023年政府信息公开工作年度报告", 2023, "本年度政务公开工作要点发布时间为：", "2023.3.15"),
    ("青岗镇人民政府2019年政府信息公开工作年度报告", 2019, "本镇政务公开专栏的开通日期为", "2019年6月1日"),
    ("湘北市审计局2014年政府信息公开工作年度报告", 2014, "我局门户网站改版上线时间：", "二〇一四年九月十日"),
])
def test_date_line_completing_a_sentence(title, year, lead, value):
    # the last line of 六 is the value its sentence asks for, not a closing date
    r = load_report(_report(title, year, f"六、其他需要报告的事项\n{lead}\n{value}\n"))
    assert r.metadata.published is None
    assert r.sections[-1].text.rstrip().endswith(f"{lead}\n{value}")


def test_value_line_above_a_signature():
    # such a line with the signature below it: the signature's date, as before
    r = load_report(_report("芦溪县气象局2022年政府信息公开工作年度报告", 2022,
                            "六、其他需要报告的事项\n下一年度报告的拟发布日期：\n2023年1月31日\n\n"
                            "芦溪县气象局\n2023年1月20日\n"))
    assert r.metadata.published == "2023-01-20"
    assert r.sections[-1].text.rstrip().endswith("2023年1月31日")


@pytest.mark.parametrize("tail, published", [
    ("\n　　　　桐川县市场监督管理局\n　　　　报告日期：\n　　　　2024年1月22日\n", "2024-01-22"),
    ("\n瑶溪乡人民政府\n成文日期 ：\n二〇二四年一月十六日\n", "2024-01-16"),
    ("\n东埠区司法局\n日期：\n2024.1.29\n", "2024-01-29"),
])
def test_a_signatures_own_date_label_above_its_date(tail, published):
    # a signature's label for its date on a line of its own asks for the closing date, not a
    # sentence's value
    r = load_report(_report("桐川县2023年政府信息公开工作年度报告", 2023,
                            "六、其他需要报告的事项\n本年度未收取信息处理费。\n" + tail))
    assert r.metadata.published == published
