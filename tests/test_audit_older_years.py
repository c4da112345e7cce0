"""The audit on older reports (2008–2020): a defect must be one under that year's rules.

Inputs are short fictional reports written for these tests, parsed for real.
"""

from __future__ import annotations

from _corpus_helpers import audit_by_path, make_report

from nlp_reports import load_report


def _legacy(agency: str, year: int, parts: list[tuple[str, str]], published: str) -> str:
    body = "\n\n".join(f"{h}\n{t}" for h, t in parts)
    return f"{agency}{year}年政府信息公开工作年度报告\n\n{body}\n\n{agency}\n{published}\n"


_NO_OVERVIEW = [  # a 2013 layout opening straight with 主动公开 and without 其他事项
    ("一、主动公开政府信息情况", "全年主动公开政府信息212条，其中防汛抗旱信息96条。"),
    ("二、依申请公开政府信息情况", "全年受理申请3件，均已答复。"),
    ("三、政府信息公开的收费及减免情况", "未收取费用。"),
    ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
    ("五、存在的主要问题及改进措施",
     "存在的问题：信息公开工作人员均为兼职，专业水平不高。改进措施：加强人员培训。"),
]



def test_no_overview_is_no_defect_before_2019(tmp_path):
    """A report on 2013 without 概述 counted a missing section 一, which the 2007 条例 did
    not ask for. Its missing 其他需要报告的事项 (第三十二条（六）, written in the free older
    layouts only when there was something to report) is neither counted nor listed as a
    defect: counted, it made every pre-2019 report of a longitudinal corpus rank among the
    worst (sixth trial, F3); listed, it put a sound report under 缺陷. A 2022 report missing
    六 still counts it."""
    old = load_report(_legacy("云岭市水务局", 2013, _NO_OVERVIEW, "2014年3月20日"))
    assert old.missing_sections == (1, 6)  # the parse still says what is not there
    new = make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"], missing=(1,))
    new6 = make_report("乙县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"], missing=(6,))
    t = audit_by_path(tmp_path, {"old.txt": old, "new.txt": new, "new6.txt": new6})
    assert t.loc["old.txt", "missing_sections"] == ""
    assert t.loc["new.txt", "missing_sections"] == "1"
    assert t.loc["old.txt", "defects"] == 0
    assert "第六部分" not in t.loc["old.txt", "findings_zh"]
    assert t.loc["new6.txt", "missing_sections"] == "6" and t.loc["new6.txt", "defects"] == 1
    assert "不计" not in t.loc["new6.txt", "findings_zh"]


def test_deadlines_by_the_rules_of_the_year(tmp_path):
    """Before 2019 every report was due by 31 March (2007 条例); from the reports on 2019 a
    department's by 31 January (2019 条例 第四十九条)."""
    parts = [("一、概述", "2018年，我局推进政府信息公开工作。"), *_NO_OVERVIEW[:2], *_NO_OVERVIEW[3:],
             ("六、其他需要报告的事项", "无。")]
    on_time = load_report(_legacy("云岭市教育局", 2018, parts, "2019年3月12日"))
    late_old = load_report(_legacy("云岭市林业局", 2018, parts, "2019年4月10日"))
    late_new = load_report(_legacy("云岭市交通局", 2019, parts, "2020年3月15日"))
    assert [r.metadata.level for r in (on_time, late_old, late_new)] == ["department"] * 3
    t = audit_by_path(tmp_path, {"a.txt": on_time, "b.txt": late_old, "c.txt": late_new})
    assert t.loc["a.txt", "published_late"] == ""
    assert t.loc["b.txt", "published_late"] == "published 2019-04-10, deadline 2019-03-31"
    assert t.loc["c.txt", "published_late"] == "published 2020-03-15, deadline 2020-01-31"


def test_a_part_outside_the_scheme_is_no_defect_before_2019(tmp_path):
    """Free older layouts have parts the 2021 scheme lacks (政府信息公开咨询处理情况,
    机构设置、保障经费和培训会议情况): the parser notes unmapped_section, which counted as a
    defect; before 2019 it is listed only. A 2020 report (the 试行 format's six parts) with
    such a part still counts it."""
    def parts(year: int) -> list[tuple[str, str]]:
        return [("一、概述", f"{year}年，区政府推进政务公开工作。"),
                ("二、主动公开政府信息情况", "全年主动公开政府信息2408条。"),
                ("三、依申请公开政府信息情况", "全年受理申请26件，全部办结。"),
                ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"),
                ("五、政府信息公开咨询处理情况", "全年接受群众咨询418人次。"),
                ("六、存在的主要问题及改进措施",
                 "存在的问题：部分街道政务公开人员配备不足。改进措施：指导街道配齐人员。"),
                ("七、其他需要报告的事项", "无。")]
    old = load_report(_legacy("云岭市东城区人民政府", 2017, parts(2017), "2018年3月29日"))
    new = load_report(_legacy("云岭市东城区人民政府", 2020, parts(2020), "2021年3月29日"))
    for r in (old, new):
        assert "unmapped_section" in [p.code for p in r.errors]
    t = audit_by_path(tmp_path, {"old.txt": old, "new.txt": new})
    for name in ("old.txt", "new.txt"):
        assert "unmapped_section" in t.loc[name, "parse_problems"]
    assert t.loc["old.txt", "defects"] == 0
    assert "unmapped_section" not in t.loc["old.txt", "findings_zh"]
    # 2020: the part outside the 试行 format and the missing tables (table_missing)
    assert "不属于国家格式的六个部分" in t.loc["new.txt", "findings_zh"]  # unmapped_section
    assert t.loc["new.txt", "defects"] == 2
