"""Older layouts (reports on years before 2019) without 其他需要报告的事项: the audit neither
counts nor lists the missing part as a defect.

The 2007 条例's free layouts wrote "其他需要报告的事项" only when there was something to
report. The audit counted nothing for it but still listed "缺少第六部分" in the defect column,
the 审查意见 under 缺陷 and ``by()``'s count of reports with that defect: a sound 2012
township report read as defective. Inputs are short fictional reports in the voices of
county, township and department reports of 2009–2018, parsed for real.
"""

from __future__ import annotations

from _corpus_helpers import audit_by_path, make_report

from nlp_reports import load_report
from nlp_reports.corpus import audit

#: Old reports without a 六 (name → text); none of them has a defect besides.
_OLD = {
    "qingshui_2012.txt": """清水县人民政府2012年政府信息公开工作年度报告

一、概述
2012年，我县以《中华人民共和国政府信息公开条例》为依据，推进政府信息公开工作。
二、主动公开政府信息情况
全年主动公开政府信息1046条，其中县政府门户网站公开873条。
三、依申请公开政府信息情况
全年受理政府信息公开申请5件，均在规定时限内答复。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
六、存在的主要问题和改进措施
存在的问题：部分乡镇信息更新不及时。下一步将加强督查考核，确保信息及时更新。

清水县人民政府办公室
2013年3月15日
""",
    "hetang_2015.txt": """荷塘镇2015年度政府信息公开工作年度报告

一、主动公开政府信息情况
本年度主动公开各类信息186条，通过镇政务公开栏、村务公开栏公开低保、救灾物资发放等信息。
二、依申请公开政府信息情况
全年未收到政府信息公开申请。
三、政府信息公开的收费及减免情况
无收费。
四、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
五、存在的主要问题及改进措施
一是信息公开工作人员为兼职，业务不熟。二是公开形式单一。
下一步，我镇将组织工作人员参加县里培训，拓宽公开渠道。

荷塘镇人民政府
2016年3月28日
""",
    "swj_2009.txt": """长丰市水务局2009年政府信息公开工作年度报告

根据《中华人民共和国政府信息公开条例》规定，现将我局2009年政府信息公开工作情况报告如下：
一、主动公开政府信息情况
全年主动公开防汛抗旱、水资源管理等信息214条。
二、依申请公开政府信息情况
全年受理申请2件，已全部答复。
三、政府信息公开的收费及减免情况
未收费。
四、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
五、政府信息公开工作存在的主要问题及改进措施
存在的问题：信息公开的及时性有待提高。改进措施：建立信息报送制度，明确专人负责。

长丰市水务局
二〇一〇年三月二十六日
""",
    "anping_2018.txt": """安平区教育局2018年政府信息公开工作年度报告

一、概述
2018年，区教育局按照区政府的部署，扎实推进教育信息公开。
二、主动公开政府信息情况
主动公开招生入学、教育收费等信息358条。
三、依申请公开政府信息情况
受理申请9件，按时答复9件。
四、政府信息公开的收费及减免情况
未收取费用。
五、因政府信息公开申请提起行政复议、行政诉讼的情况
无。
六、存在的主要问题及改进措施
存在的问题：学校网站栏目设置不统一，部分内容更新滞后。改进措施：统一规范学校网站栏目，定期开展检查。

安平区教育局
2019年3月20日
""",
}


def test_missing_other_matters_is_not_listed_as_a_defect_before_2019(tmp_path):
    reports = {name: load_report(text) for name, text in _OLD.items()}
    for name, r in reports.items():
        assert 6 in r.missing_sections, name  # the parse still says what is not there
    reports["new6.txt"] = make_report("丙县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"],
                                      missing=(6,))
    t = audit_by_path(tmp_path, reports)
    for name in _OLD:
        row = t.loc[name]
        assert "6" not in row["missing_sections"].split(","), name
        assert "第六部分" not in row["findings_zh"], name
    assert t.loc["new6.txt", "missing_sections"] == "6"
    assert t.loc["new6.txt", "defects"] == 1
    assert "缺少第六部分" in t.loc["new6.txt", "findings_zh"]
    by = audit(tmp_path / "audit.db").by("year")
    counts = {str(y): int(n) for y, n in zip(by["year"], by["missing_sections"], strict=True)}
    assert counts["2022"] == 1
    assert not any(counts[y] for y in ("2009", "2012", "2015", "2018")), counts
