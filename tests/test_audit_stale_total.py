"""One stale 总计 is one defect, whether the text quotes it or its parts.

A clerk adds a late 商业企业 application to 表三 row 一 and forgets its 总计; 总体情况 quotes
that 总计. I1 and I2 fail by the same gap (one wrong cell, counted once), and T1 says that
when the total is corrected the text must be too (parse19). That T1 is listed — the writer
must fix the text — but counted with the identity failure, not as a second defect, so the
report does not rank above one missing a whole section. The fixture is a fictional county
bureau (岷阳县市场监督管理局); the variants below edit its table and text in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.corpus import audit, tag_paths

FIXTURE = (Path(__file__).parent / "fixtures" / "audit17"
           / "岷阳县市场监督管理局2024年政府信息公开工作年度报告.txt")
STALE_ROW = "一、本年新收政府信息公开申请数量\t9\t3\t0\t0\t1\t0\t12"
FIXED_ROW = "一、本年新收政府信息公开申请数量\t9\t3\t0\t0\t1\t0\t13"
SAID = "全年共受理政府信息公开申请12件"


def _audit_one(tmp_path: Path, text: str, name: str = FIXTURE.name) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    tag_paths([str(path)], str(db))
    a = audit(db)
    (row,) = a.to_dict()
    return row | {"counted": a.counted.loc[str(path)].to_dict()}


def test_a_stale_total_quoted_by_the_text_is_one_defect(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    assert STALE_ROW in text and SAID in text
    row = _audit_one(tmp_path, text)
    assert row["defects"] == 1
    assert row["counted"]["identity_failures"] == 1
    assert row["counted"]["t1_contradictions"] == 0
    # still listed, in English and in the 审查意见: the text goes with the corrected cell
    assert "section 一 must be too" in row["t1_contradictions"]
    assert "正文第一部分的数字须一并更正" in row["findings_zh"]
    assert "不另计缺陷" in row["findings_zh"]


def test_a_stale_total_beside_text_that_quotes_its_parts_is_one_defect(tmp_path):
    # the text says 13, what the applicant columns add up to; only the 总计 (12) is wrong
    text = FIXTURE.read_text(encoding="utf-8").replace(SAID, "全年共受理政府信息公开申请13件")
    row = _audit_one(tmp_path, text)
    assert "the total is the cell to correct" in row["t1_contradictions"]
    assert row["counted"]["identity_failures"] == 1
    assert row["counted"]["t1_contradictions"] == 0 and row["defects"] == 1
    assert "不另计缺陷" in row["findings_zh"]


def test_a_t1_of_its_own_still_counts(tmp_path):
    # the table right (总计 13), the text wrong (15): a contradiction, one defect
    text = FIXTURE.read_text(encoding="utf-8").replace(STALE_ROW, FIXED_ROW).replace(
        SAID, "全年共受理政府信息公开申请15件")
    row = _audit_one(tmp_path, text)
    assert row["identity_failures"] == ""
    assert row["counted"]["t1_contradictions"] == 1 and row["defects"] == 1
    assert "不另计缺陷" not in row["findings_zh"]


def test_a_stale_review_total_quoted_by_the_text_is_one_defect(tmp_path):
    # 表四: 行政复议 维持1 纠正1 尚未审结2, 总计 left at 3; 总体情况 quotes 3 (I4 + T1)
    text = FIXTURE.read_text(encoding="utf-8").replace(STALE_ROW, FIXED_ROW).replace(
        SAID, "全年共受理政府信息公开申请13件").replace(
        "把信息公开纳入股室年度考评。", "把信息公开纳入股室年度考评。全年因政府信息公开被申请行政复议3件。").replace(
        "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        "1\t1\t0\t2\t3\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
    row = _audit_one(tmp_path, text)
    assert row["identity_failures"].startswith("I4 ")
    assert "行政复议" in row["t1_contradictions"] or "review" in row["t1_contradictions"]
    assert "须一并更正" in row["findings_zh"]
    assert row["defects"] == 1 and row["counted"]["t1_contradictions"] == 0


@pytest.fixture
def two_years(tmp_path) -> Path:
    """The bureau's 2023 report with the same stale 总计, beside its 2024 one."""
    text = FIXTURE.read_text(encoding="utf-8")
    last = text.replace("2025年", "2024年@").replace("2024", "2023").replace("2023年@", "2024年")
    # last year's 五 its own: a 五 copied whole is a defect of its own (section5_copied)
    five = text.split("五、存在的主要问题及改进情况\n")[1].split("\n\n六、")[0]
    last = last.replace(five.replace("2025年", "2024年").replace("2024年我局", "2023年我局"), (
        "2023年我局政府信息公开工作存在的不足：一是“双随机、一公开”抽查结果公示不完整，部分"
        "检查对象的处理结果未在规定期限内公示；二是企业登记注销信息的查询入口设在二级页面，"
        "办事群众难以找到。\n针对上述问题，2024年将做到：一是抽查结果在作出之日起二十个工作日"
        "内全部公示；二是把登记注销查询入口移至门户网站首页便民服务区。"))
    assert "双随机" in last
    (tmp_path / FIXTURE.name).write_text(text, encoding="utf-8")
    (tmp_path / FIXTURE.name.replace("2024", "2023")).write_text(last, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    tag_paths([str(p) for p in sorted(tmp_path.glob("*.txt"))], str(db))
    return db


def test_the_follow_up_counts_it_once_too(two_years):
    rows = {r["year"]: r for r in audit(two_years).to_dict()}
    assert rows[2023]["defects"] == rows[2024]["defects"] == 1
    assert rows[2024]["defects_last_year"] == 1
    assert rows[2024]["recurring"] == "identity_failures"
    assert "正文与表格不符" not in rows[2024]["last_year_zh"]
