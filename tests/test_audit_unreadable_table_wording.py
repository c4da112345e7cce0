"""The audit's sentence on a table it could not read says what is known, no more.

A converter that joins 表四's three header rows into one ("行政复议结果维持" …) leaves a
table whose 15 figures are all printed but cannot be placed: the audit lists its cells as
not read (table_unreadable). The Chinese finding goes into a 整改通知 to the agency, so it
must not tell the agency its cells are blank (空白) when every one was filled in, nor end
in a count with no row name ("：15格") where 表四 has a single row.
"""

from __future__ import annotations

from pathlib import Path

from _corpus_helpers import FakeTagger

from nlp_reports.corpus import Store, audit
from nlp_reports.parse import load_report

_T3_LABELS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    *[f"（三）不予公开 {i}" for i in range(1, 9)], *[f"（四）无法提供 {i}" for i in range(1, 4)],
    *[f"（五）不予处理 {i}" for i in range(1, 6)], *[f"（六）其他处理 {i}" for i in range(1, 4)],
    "（七）总计", "四、结转下年度继续办理"]


def _report() -> str:
    rows = []
    for label in _T3_LABELS:
        v = {"一、本年新收政府信息公开申请数量": [3, 1], "（一）予以公开": [2, 1],
             "（七）总计": [3, 1], "（四）无法提供 1": [1, 0]}.get(label, [0, 0])
        cells = [v[0], v[1], 0, 0, 0, 0, v[0] + v[1]]
        rows.append("| " + label + " | " + " | ".join(map(str, cells)) + " |")
    heads = [g + h for g in ("行政复议", "行政诉讼未经复议直接起诉", "行政诉讼复议后起诉")
             for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    t4 = ("| " + " | ".join(heads) + " |\n|" + "---|" * 15 + "\n| "
          + " | ".join(["1", "0", "0", "0", "1"] + ["0"] * 10) + " |")
    return f"""# 峦川县水务局2023年政府信息公开工作年度报告

## 一、总体情况

2023年，我局全年共收到政府信息公开申请4件，按期答复。

## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 1 | 0 | 9 |

## 三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）

| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

## 四、政府信息公开行政复议、行政诉讼情况

{t4}

## 五、存在的主要问题及改进情况

（一）存在的主要问题

1. 河道工程项目信息公开滞后，更新不够及时。

（二）改进措施

1. 工程进展信息按月更新，做到及时发布。

## 六、其他需要报告的事项

本年度未收取信息处理费。
"""


def test_an_unread_table_whose_cells_were_printed_is_not_called_blank(tmp_path: Path):
    report = load_report(_report())
    t4 = next(t for t in report.tables if t.id == "table4")
    assert t4.status != "ok"  # the joined header cannot be placed: reported, not guessed
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        s.write_report("water.md", report, FakeTagger().tag_many([report])[0], model_id="m")
    row = audit(db).to_dict()[0]
    assert "表四有15个单元格未能读出" in row["findings_zh"]
    unread = row["findings_zh"].split("表四有15个单元格未能读出", 1)[1].split("。", 1)[0]
    assert "空白" not in unread, unread
    assert "：15格" not in unread, unread
