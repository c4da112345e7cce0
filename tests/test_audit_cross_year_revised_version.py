"""A carry-over checked against a year filed twice (a report and its corrected version).

An office publishes its 2022 report, finds a wrong figure in 表三 row 四 (结转下年度继续办理)
and publishes a corrected text (更正版); both are in the store. Its 2023 report carries
over the corrected figure. The summary's ``cross_year`` compares 2023 with both texts and
lists both results; the audit must not charge 2023 with a carry-over defect (or raise a
signal) in a cell where it agrees with one of the 2022 texts: the figure that disagrees
belongs to the other 2022 text, which the same-year note already asks the reviewer to
settle. Where 2023 agrees with neither text, the defect stays.
"""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import store_of

from nlp_reports.corpus import audit, summarize
from nlp_reports.parse import load_report

_OUTCOMES = (
    "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
    "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请",
    "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")


def _table3(new: int, carried_in: int, granted: int, carried_out: int) -> str:
    """表三 pasted from a web page, one row a line, tabs between cells; every request from
    a natural person (the other five columns 0), 总计 the same as 自然人."""
    def row(label: str, n: int) -> str:
        return "\t".join([label, str(n), "0", "0", "0", "0", "0", str(n)])
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
             "申请人情况\t自然人\t法人或其他组织\t\t\t\t\t总计",
             "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
             row("一、本年新收政府信息公开申请数量", new),
             row("二、上年结转政府信息公开申请数量", carried_in),
             "三、本年度办理结果"]
    for label in _OUTCOMES:
        if label in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
            lines.append(label)
        else:
            lines.append(row(label, granted if label.startswith("（一）") else 0))
    lines += [row("（七）总计", granted), row("四、结转下年度继续办理", carried_out)]
    return "\n".join(lines)


def _report(year: int, note: str, table3: str, problem: str, measure: str, day: str) -> str:
    return f"""白沙市卫生健康委员会{year}年政府信息公开工作年度报告
{note}
一、总体情况
{year}年，市卫健委围绕群众关心的医疗服务、公共卫生信息，持续做好政府信息公开工作。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t1\t0\t{year - 2000}
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t655
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t131
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0
三、收到和处理政府信息公开申请情况
{table3}
四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
（一）存在的主要问题
{problem}
（二）改进措施
{measure}
六、其他需要报告的事项
本年度未收取信息处理费。

白沙市卫生健康委员会
{day}
"""


def _store(tmp_path: Path, carried_2023: int) -> Path:
    texts = {
        # the first 2022 text: 19 new + 2 carried = 18 answered + 3 pending (adds up)
        "wjw2022.txt": _report(
            2022, "", _table3(19, 2, 18, 3),
            "1.医疗机构执业信息更新不够及时，个别机构注销后仍在公示名单中。",
            "1.每月与审批科室核对医疗机构名单，变更信息五个工作日内更新。", "2023年1月26日"),
        # its corrected text: 19 answered, 2 pending
        "wjw2022更正.txt": _report(
            2022, "（更正版：第三部分表格数据有误，现予更正）", _table3(19, 2, 19, 2),
            "1.医疗机构执业信息更新不够及时，个别机构注销后仍在公示名单中。",
            "1.每月与审批科室核对医疗机构名单，变更信息五个工作日内更新。", "2023年2月3日"),
        "wjw2023.txt": _report(
            2023, "", _table3(23, carried_2023, 23 + carried_2023, 0),
            "1.依申请公开答复书说理不够充分，引用条款不够准确。",
            "1.答复书统一经法规科审核后再出具。", "2024年1月19日"),
    }
    return store_of(tmp_path / "s.sqlite", {n: load_report(t) for n, t in texts.items()})


def test_a_carry_over_that_agrees_with_the_corrected_text_is_no_finding(tmp_path: Path):
    db = _store(tmp_path, carried_2023=2)
    # the summary lists both comparisons: a fail against the first text, a pass against
    # the corrected one
    cross = summarize(db).cross_year
    x1 = cross[(cross["check"] == "X1") & (cross["column"] == "natural_person")
               & (cross["year"] == 2023)]
    assert sorted(x1["outcome"]) == ["fail", "pass"]
    now = audit(db).table.set_index("path").loc["wjw2023.txt"]
    assert now["cross_year_failures"] == ""
    assert now["cross_year_soft"] == ""
    assert "跨年度" not in now["findings_zh"] and "结转下年度" not in now["signals_zh"]
    assert now["defects"] == 0


def test_a_carry_over_that_agrees_with_neither_text_stays_a_defect(tmp_path: Path):
    db = _store(tmp_path, carried_2023=1)
    now = audit(db).table.set_index("path").loc["wjw2023.txt"]
    assert now["cross_year_failures"].startswith("X1 table3/2/natural_person: expected ")
    assert now["defects"] >= 1
