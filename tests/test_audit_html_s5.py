"""Audit, HTML pages and exports as a new researcher meets them (trial findings 9, 17–19)."""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, export

BOM = b"\xef\xbb\xbf"


@pytest.fixture()
def small_db(tmp_path):
    tagger = FakeTagger()
    reports = [
        make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强人员培训。"]),
        make_report("乙市人民政府", 2023, ["网站栏目更新不及时。"], ["推进平台升级。"],
                    level="city"),
    ]
    path = tmp_path / "c.db"
    with Store(path) as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
        s.record_failure("bad.txt", "empty", "the file is empty")
    return path


# --- finding 17: export CSVs open in Excel --------------------------------------------------


def test_export_csvs_start_with_a_bom_like_the_other_csvs(small_db, tmp_path):
    """Excel reads a CSV without a BOM in the local code page, so Chinese became mojibake;
    ``summarize --csv`` and ``audit --csv`` already wrote one, ``export`` did not."""
    import pandas as pd

    written = export(small_db, tmp_path / "out", format="csv")
    assert written
    for path in written:
        assert path.read_bytes().startswith(BOM), path.name
    reports = pd.read_csv(tmp_path / "out" / "reports.csv", encoding="utf-8-sig")
    assert reports.columns[0] == "id"
    assert set(reports["agency"]) == {"甲县人民政府", "乙市人民政府"}
    audit_csv = tmp_path / "audit.csv"
    from nlp_reports.corpus import audit

    audit(small_db).to_csv(audit_csv)
    assert audit_csv.read_bytes()[:3] == written[0].read_bytes()[:3]


# --- finding 9: defects (data problems) apart from signals, and first ------------------------

SHARED = ["进一步加强政府信息公开工作人员培训。", "推进政务公开平台规范化建设。",
          "强化信息发布审核把关。"]


@pytest.fixture()
def audit_db(tmp_path):
    """Three agencies share three measures and admit problems without a measure (signals
    only); one report has a single identity failure, one a parse problem."""
    from nlp_reports.report import Check, Problem

    tagger = FakeTagger()
    reports = {
        "a_signals.txt": make_report("甲县人民政府", 2023, ["人员力量不足。", "保密审查不够严格。",
                                                     "网站平台建设不足。"], SHARED),
        "b_signals.txt": make_report("乙县人民政府", 2023, ["人员力量不足。"], SHARED),
        "c_identity.txt": make_report(
            "丙县人民政府", 2023, ["人员力量不足。"], ["加强人员队伍建设。"],
            checks=(Check("I1", "fail", "table3", "1", "total", 10.0, 9.0, "I1 fails"),)),
        "d_parse.txt": make_report(
            "丁县人民政府", 2023, [], SHARED,
            errors=(Problem("table_unreadable", "表三 cannot be read completely"),)),
    }
    path = tmp_path / "audit.db"
    with Store(path) as s:
        for name, r in reports.items():
            s.write_report(name, r, tagger.tag_many([r])[0], model_id="m")
        s.record_failure("broken.txt", "empty", "the file is empty")
    return path


def test_signals_are_not_defects_and_defects_sort_first(audit_db, tmp_path):
    """Every report used to be 'defective' because boilerplate shared with other agencies
    and problems without a measure counted as defects, and those outnumbered (and outranked)
    the identity failures that are real data problems."""
    import json

    from nlp_reports.corpus import audit

    a = audit(audit_db)
    t = a.table.set_index("path")
    assert t.loc["a_signals.txt", "shared_with_other_agencies"] == 4  # 3 measures + 人员…
    for name in ("a_signals.txt", "b_signals.txt"):
        assert t.loc[name, "defects"] == 0 and t.loc[name, "signals"] >= 3, name
    assert t.loc["c_identity.txt", "defects"] == 1
    assert t.loc["d_parse.txt", "parse_problems"] == "table_unreadable"
    assert t.loc["d_parse.txt", "defects"] == 1
    assert t.loc["broken.txt", "defects"] == 1 and t.loc["broken.txt", "signals"] == 0
    order = list(a.sorted()["path"])
    assert set(order[:3]) == {"c_identity.txt", "d_parse.txt", "broken.txt"}
    assert order[3:] == ["a_signals.txt", "b_signals.txt"]  # more signals first
    assert a.counts() == {"rows": 5, "failed_files": 1, "with_defects": 2,
                          "signals_only": 2, "clean": 0}
    md = a.to_markdown()
    assert "Defects (data problems): 2 reports" in md and "Signals only" in md
    assert md.index("c_identity.txt") < md.index("a_signals.txt")
    rows = json.loads(a.to_json())
    assert [r["path"] for r in rows] == order and rows[0]["defects"] >= 1
    assert a.sorted("signals")["path"][0] == "a_signals.txt"


def test_audit_columns_are_documented(audit_db, tmp_path):
    import re
    from pathlib import Path

    from nlp_reports.corpus import audit
    from nlp_reports.corpus.audit import COLUMNS, DEFECT_COLUMNS, SIGNAL_COLUMNS

    doc = (Path(__file__).parents[1] / "docs" / "audit.md").read_text(encoding="utf-8")
    documented = {m for line in doc.splitlines() if line.startswith("| `")
                  for m in re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])}
    assert documented == set(COLUMNS)
    kinds = {re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])[0]: line.split("|")[2].strip()
             for line in doc.splitlines() if line.startswith("| `")}
    assert {c for c, k in kinds.items() if k == "defect"} == set(DEFECT_COLUMNS)
    assert {c for c, k in kinds.items() if k == "signal"} == set(SIGNAL_COLUMNS)
    csv = audit(audit_db).to_csv(tmp_path / "a.csv")
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
