"""A carry-over (X1) that disagrees with a year before whose own 表三 does not add up.

Year t−1 prints a pending 商业企业 case in row 四 (结转下年度) that its own column denies
(一 + 二 = (七)总计, so 四 should be 0: I1 fails) and year t carries over 0 — right. X1
fails in that column, but year t is not the one to send back: the finding is a signal
that says the year before was itself inconsistent there, the year before keeps its own
identity defect, and the follow-up does not call that defect fixed. An X1 failure in a
column where the year before adds up stays a defect of year t.
"""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import store_of

from nlp_reports.corpus import audit
from nlp_reports.parse import load_report

_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_services",
            "other")
_T3_LABELS = [
    ("1", "一、本年新收政府信息公开申请数量"), ("2", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"), ("3.1", "(一)予以公开"),
    ("3.2", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"), (None, "(三)不予公开"),
    *[(f"3.3.{i}", f"{i}.{w}") for i, w in enumerate(
        ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
         "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"),
        1)],
    (None, "(四)无法提供"),
    *[(f"3.4.{i}", f"{i}.{w}") for i, w in enumerate(
        ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"), 1)],
    (None, "(五)不予处理"),
    *[(f"3.5.{i}", f"{i}.{w}") for i, w in enumerate(
        ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
         "要求行政机关确认或重新出具已获取信息"), 1)],
    (None, "(六)其他处理"),
    *[(f"3.6.{i}", f"{i}.{w}") for i, w in enumerate(
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"), 1)],
    ("3.7", "(七)总计"), ("4", "四、结转下年度继续办理")]


def _table3(cells: dict[str, dict[str, int]]) -> str:
    """表三 as a PDF's text layer gives it, figures after each label: ``cells`` row id →
    {column: value} (0 elsewhere); 总计 as printed when given, else the six columns' sum."""
    lines = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
             "申请人情况  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"]
    for rid, label in _T3_LABELS:
        if rid is None:
            lines.append(label)
            continue
        row = cells.get(rid, {})
        values = [row.get(c, 0) for c in _COLUMNS]
        total = row.get("total", sum(values))
        lines.append("  ".join([label, *map(str, [*values, total])]))
    return "\n".join(lines)


def _report(agency: str, year: int, opening: str, in_force: int, table3: str, problem: str,
            measure: str, signed: str) -> str:
    return f"""{agency}{year}年政府信息公开工作年度报告

本报告依据《中华人民共和国政府信息公开条例》编制，数据统计期限为{year}年1月1日至{year}年12月31日。

一、总体情况
{opening}
二、主动公开政府信息情况
第二十条第(一)项
信息内容  本年制发件数  本年废止件数  现行有效件数
规章  0  0  0
行政规范性文件  2  0  {in_force}
第二十条第(五)项
信息内容  本年处理决定数量
行政许可  48
第二十条第(六)项
信息内容  本年处理决定数量
行政处罚  12
行政强制  0
第二十条第(八)项
信息内容  本年收费金额(单位:万元)
行政事业性收费  0
三、收到和处理政府信息公开申请情况
{table3}
四、政府信息公开行政复议、行政诉讼情况
行政复议  行政诉讼
结果维持  结果纠正  其他结果  尚未审结  总计  未经复议直接起诉  复议后起诉
结果维持  结果纠正  其他结果  尚未审结  总计  结果维持  结果纠正  其他结果  尚未审结  总计
0  0  0  0  0  0  0  0  0  0  0  0  0  0  0
五、存在的主要问题及改进情况
{problem}
{measure}
六、其他需要报告的事项
本机关{year}年度未收取信息处理费。

{agency}
{signed}
"""


# 2022: 8 received (自然人 6, 商业企业 2), 6 answered (自然人 4, 商业企业 2), 2 pending of
# 自然人 — yet row 四 prints 商业企业 1 beside them, and its 总计 2 (I1 商业企业: 2 + 0 ≠
# 2 + 1; I2 row 四: 2 ≠ 3). 自然人 adds up.
_Y2022 = _table3({
    "1": {"natural_person": 6, "commercial": 2},
    "3.1": {"natural_person": 3}, "3.2": {"commercial": 1}, "3.3.4": {"commercial": 1},
    "3.4.1": {"natural_person": 1},
    "3.7": {"natural_person": 4, "commercial": 2},
    "4": {"natural_person": 2, "commercial": 1, "total": 2}})


def _store(tmp_path: Path, carried: dict[str, int]) -> Path:
    y2023 = _table3({
        "1": {"natural_person": 3, "research": 1},
        "2": carried,
        "3.1": {"natural_person": 2, "research": 1},
        "3.5.2": {"natural_person": carried.get("natural_person", 0) + 1},
        "3.7": {"natural_person": carried.get("natural_person", 0) + 3, "research": 1}})
    texts = {
        "zrzy2022.txt": _report(
            "澄江县自然资源局", 2022,
            "2022年，我局收到政府信息公开申请8件，其中自然人提出6件、企业提出2件，年底尚有2件在办理中。",
            14, _Y2022,
            "（一）存在的主要问题\n1.门户网站不动产登记栏目更新不够及时，部分办事指南仍为旧版本。",
            "（二）改进措施\n1.明确专人每季度核对栏目内容，发现变更及时替换。", "2023年1月18日"),
        "zrzy2023.txt": _report(
            "澄江县自然资源局", 2023,
            "本年度共受理公开申请4件，连同上年结转的申请一并依法答复，未发生逾期答复。",
            16, y2023,
            "一是征地信息主动公开的深度不够，补偿安置方案公开不全面；二是工作人员业务培训偏少。",
            "下一步，我局将加强对征地批复、补偿标准的主动公开，并组织业务培训两次。",
            "2024年1月22日"),
    }
    return store_of(tmp_path / "s.sqlite", {n: load_report(t) for n, t in texts.items()})


def test_a_right_carry_over_after_a_year_that_did_not_add_up_is_no_defect(tmp_path: Path):
    db = _store(tmp_path, {"natural_person": 2})
    t = audit(db).table.set_index("path")
    before, now = t.loc["zrzy2022.txt"], t.loc["zrzy2023.txt"]
    # the year before keeps its own defect, in the cells that do not add up
    assert "I1 table3/commercial" in before["identity_failures"]
    assert before["defects"] >= 1
    # 商业企业 (2022 row 四 1, 2023 row 二 0) and 总计 (2 vs 2: equal) — only 商业企业 fails X1
    assert now["cross_year_failures"] == ""
    assert now["cross_year_soft"].startswith("X1 table3/2/commercial: expected 1, found 0")
    assert "itself fails I1 and I2 in this column" in now["cross_year_soft"]
    assert now["defects"] == 0 and now["signals"] >= 1
    assert "跨年度结转" not in now["findings_zh"]
    assert "商业企业列：第二项“上年结转”为0，与上年度报告第四项“结转下年度继续办理”1不一致" in now["signals_zh"]
    assert "错误可能在上年度报告，也可能在本年度报告" in now["signals_zh"]
    # the follow-up neither charges 2023 with a new carry-over defect nor calls 2022's fixed
    follow = now["last_year_zh"]
    assert follow.startswith("上年度（2022年度）报告有1个缺陷（勾稽关系不符）")
    assert "本年度新出现" not in follow and "已改正：" not in follow
    assert "上年度的该处错误不能认为已改正" in follow and "商业企业" in follow


def test_a_carry_over_wrong_where_the_year_before_adds_up_stays_a_defect(tmp_path: Path):
    # 自然人 carried over 1, but 2022 left 2 pending and its 自然人 column adds up
    db = _store(tmp_path, {"natural_person": 1})
    now = audit(db).table.set_index("path").loc["zrzy2023.txt"]
    assert now["cross_year_failures"].startswith(
        "X1 table3/2/natural_person: expected 2, found 1")
    assert "itself fails" not in now["cross_year_failures"]
    assert "commercial" not in now["cross_year_failures"]
    assert "X1 table3/2/commercial" in now["cross_year_soft"]
    # 总计: 2022's row 四 总计 2 fails I2 only (its column adds up): the wrong cell is
    # 商业企业's, and 2023's 总计 1 follows its wrong 自然人
    assert "X1 table3/2/total: expected 2, found 1" in now["cross_year_failures"]
    assert now["defects"] == 1
    assert "本年度新出现：跨年度结转不符" in now["last_year_zh"]


def test_the_summary_flags_the_same_rows(tmp_path: Path):
    """The summary's cross_year lists every X1 failure as `fail`; `previous_inconsistent`
    tells those where the year before's own 表三 column does not add up (the audit's
    signal) from those where it does (the audit's defect), by the same test."""
    from nlp_reports.corpus import summarize

    db = _store(tmp_path, {"natural_person": 1})
    cross = summarize(db).cross_year
    assert cross["previous_inconsistent"].dtype == bool
    x1 = cross[(cross["check"] == "X1") & (cross["outcome"] == "fail")].set_index("column")
    assert x1.loc["commercial", "previous_inconsistent"]
    assert not x1.loc["natural_person", "previous_inconsistent"]
    assert not x1.loc["total", "previous_inconsistent"]  # (I2 of row 四 alone)
    assert not cross.loc[cross["check"] == "X2", "previous_inconsistent"].any()
    # the audit charges exactly the unflagged failures to 2023
    now = audit(db).table.set_index("path").loc["zrzy2023.txt"]
    for col, flagged in x1["previous_inconsistent"].items():
        where = now["cross_year_soft"] if flagged else now["cross_year_failures"]
        assert f"X1 table3/2/{col}:" in where
