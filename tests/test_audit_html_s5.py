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
