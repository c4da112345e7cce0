"""表二 (八)'s fee is in 万元: an amount printed in 元 — the column headed （单位：元）, or a
cell written "125000元" — is reported unreadable, never read as that many 万元."""

from nlp_reports import load_report

_HEAD = """澄江县市场监督管理局2023年政府信息公开工作年度报告

一、总体情况
2023年，我局全年收到政府信息公开申请6件，均按期答复。

二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t4\t1\t37
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t1,204
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t356
行政强制\t12
第二十条第（八）项
信息内容\t{header}
行政事业性收费\t{fee}

五、存在的主要问题及改进情况
个别办事指南更新不及时。下一步将按月核对办事指南。

六、其他需要报告的事项
本年度收取的行政事业性收费已按规定公开。
"""


def _fees(header: str, fee: str):
    report = load_report(_HEAD.format(header=header, fee=fee).encode("utf-8"))
    return next(t for t in report.tables if t.id == "table2.8")


def test_a_column_headed_in_yuan_is_not_read_as_wan_yuan():
    t = _fees("本年收费金额（单位：元）", "125000")
    assert t.values == ((None,),)  # read as 125000 万元 before
    assert t.status == "unreadable" and "元" in t.problem
    assert t.raw == (("125000",),)


def test_a_cell_in_yuan_is_not_read_as_wan_yuan():
    t = _fees("本年收费金额（单位：万元）", "125000元")
    assert t.values == ((None,),) and t.status == "unreadable"
    assert "125000元" in t.problem


def test_wan_yuan_and_a_zero_in_any_unit_are_read():
    assert _fees("本年收费金额（单位：万元）", "12.5").values == ((12.5,),)
    assert _fees("本年收费金额（单位：万元）", "12.5万元").values == ((12.5,),)
    assert _fees("本年收费金额（单位：元）", "0").values == ((0.0,),)
    assert _fees("本年收费金额（单位：万元）", "0元").values == ((0.0,),)
    assert _fees("本年收费金额（单位：万元）", "0").status == "ok"


def test_a_column_headed_in_thousands_or_hundreds_of_yuan_is_not_read_as_wan_yuan():
    for unit in ("千元", "百元"):
        t = _fees(f"本年收费金额（单位：{unit}）", "125")
        assert t.values == ((None,),)  # read as 125 万元 before
        assert t.status == "unreadable" and f"printed in {unit}" in t.problem


def test_a_unit_in_brackets_or_after_a_slash_without_the_word_danwei_is_not_read_as_wan_yuan():
    # offices print the unit without 单位 as often as with it
    for header in ("本年收费金额（元）", "收费金额(元)", "本年收费金额（人民币：元）", "本年收费金额/元"):
        t = _fees(header, "3200")
        assert t.values == ((None,),), header  # read as 3200 万元, status ok, before
        assert t.status == "unreadable" and "printed in 元" in t.problem
    assert _fees("本年收费金额（千元）", "3").status == "unreadable"
    assert _fees("本年收费金额（万元）", "3.2").values == ((3.2,),)
    assert _fees("本年收费金额（元）", "0").values == ((0.0,),)
