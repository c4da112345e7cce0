"""The audit on reports of public institutions and enterprises (公共企事业单位).

A school, a hospital, a water or power company publishes a 信息公开 report under its own
rules (高等学校信息公开办法, 医疗卫生机构信息公开管理办法, the 公共企事业单位 rules of its
sector), not under 条例 第五十条's format for administrative bodies: its parts and tables
are its own. The audit counted every part of the government's six it lacked and the absent
表二/表三/表四 as defects ("缺少第四部分…", "未找到国家格式的统计表格"), putting a sound report
under 缺陷. A government body's report missing them still counts them.

Inputs are short fictional reports written for these tests, parsed for real.
"""

from __future__ import annotations

from _corpus_helpers import audit_by_path

from nlp_reports import load_report

_HOSPITAL = """滨河县中医医院2024年院务公开及信息公开工作报告

一、基本情况
本院为二级甲等中医医院，开放床位420张。2024年通过医院网站、院内电子屏公示就医指南、价格标准等信息816条。

二、主动公开情况
公示医疗服务价格2,317项、常用药品价格1,208种，门诊大厅设置查询终端3台。

三、依申请公开情况
全年受理病历复印及费用清单等申请61件，当日办结58件，其余3件补充材料后办结。

四、工作中存在的不足和改进打算
（一）存在的不足
医院网站的价格公示更新不及时，部分检查项目调价后两周才同步。
（二）改进措施
调价当日在网站和门诊电子屏同步更新价格公示。

滨河县中医医院
2025年2月8日
"""

_SCHOOL = """南屿职业技术学院2023-2024学年信息公开工作年度报告

一、概述
学院按照《高等学校信息公开办法》和清单要求，通过信息公开专栏发布信息423条。

二、主动公开情况
重点公开招生章程、收费标准、毕业生就业质量报告等内容。

三、依申请公开和不予公开情况
本学年收到信息公开申请2件，均在15个工作日内答复。

四、信息公开工作存在的主要问题及改进措施
存在的问题：二级学院网页信息更新不及时。
改进措施：每学期开展一次网页信息专项检查。

五、其他需要报告的事项
无。

南屿职业技术学院
2024年10月28日
"""

_BUREAU = """滨河县水利局2024年政府信息公开工作年度报告

一、总体情况
2024年，我局主动公开政府信息152条。

二、主动公开政府信息情况
全年公开水利工程建设项目信息36条。

三、收到和处理政府信息公开申请情况
全年收到申请2件，均已答复。

五、存在的主要问题及改进情况
（一）存在的主要问题
政策解读形式单一。
（二）改进情况
增加图解解读。

滨河县水利局
2025年1月20日
"""


def test_a_public_body_is_not_held_to_the_government_format(tmp_path):
    hospital, school, bureau = map(load_report, (_HOSPITAL, _SCHOOL, _BUREAU))
    assert hospital.metadata.level is None and school.metadata.level is None
    assert bureau.metadata.level == "department"
    t = audit_by_path(tmp_path, {"h.txt": hospital, "s.txt": school, "b.txt": bureau})
    for name in ("h.txt", "s.txt"):
        assert t.loc[name, "missing_sections"] == ""
        assert t.loc[name, "defects"] == 0, t.loc[name, "findings_zh"]
        assert "缺少第" not in t.loc[name, "findings_zh"]
        assert "国家格式" not in t.loc[name, "findings_zh"]
        assert "table_missing" in t.loc[name, "parse_problems"]  # still listed
        assert "公共企事业单位" in t.loc[name, "signals_zh"]  # said why, once
        assert t.loc[name, "signals_zh"].count("公共企事业单位") == 1
    # a government department missing 四 and 六 and its tables: each still a defect
    assert t.loc["b.txt", "missing_sections"] == "4,6"
    assert t.loc["b.txt", "defects"] >= 2
    assert "缺少第四部分" in t.loc["b.txt", "findings_zh"]
    assert "国家格式" in t.loc["b.txt", "findings_zh"]
    assert "公共企事业单位" not in t.loc["b.txt", "signals_zh"]


_ACADEMY = """中国东湖科学院2024年政府信息公开工作年度报告

一、总体情况
2024年，我院按照《中华人民共和国政府信息公开条例》要求，主动公开科研管理、财务预决算等信息214条。

二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t0\t11

五、存在的主要问题及改进情况
（一）存在的主要问题
依申请公开答复文书的说理不够充分。
（二）改进情况
制定答复文书范本，逐件审核说理部分。

中国东湖科学院
2025年1月22日
"""


def test_a_public_body_writing_on_the_government_format_is_held_to_it(tmp_path):
    # a 科学院 (named as the parser names public institutions) that reports under 条例 on its
    # format, a national table read: its missing parts are defects as a bureau's are
    academy = load_report(_ACADEMY)
    assert academy.metadata.level is None
    assert any(t.id.startswith("table2") and t.status == "ok" for t in academy.tables)
    t = audit_by_path(tmp_path, {"a.txt": academy})
    assert t.loc["a.txt", "missing_sections"] == "3,4,6"
    assert t.loc["a.txt", "defects"] >= 1
    assert "缺少第" in t.loc["a.txt", "findings_zh"]
    assert "公共企事业单位" not in t.loc["a.txt", "signals_zh"]
