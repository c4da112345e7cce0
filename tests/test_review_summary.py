"""s7 summary page fix from the fifth new-user trial (F18): the group headings name the group
column in Chinese ("按层级分组", not "按level分组") and levels are shown by their Chinese name on
the page, while the CSV files keep the ids."""

from __future__ import annotations

import pandas as pd
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.corpus import Store, summarize


def _store(tmp_path):
    reports = [make_report("甲县人民政府", 2024, ["人员力量不足。"], ["加强培训。"], level="county"),
               make_report("乙镇人民政府", 2024, ["培训不够。"], ["加强培训。"], level="township"),
               make_report("丙省教育厅", 2024, ["解读不足。"], ["加强解读。"], level="department")]
    path = tmp_path / "c.db"
    with Store(path) as store:
        for i, r in enumerate(reports):
            store.write_report(f"r{i}.txt", r, FakeTagger().tag_many([r])[0], model_id="m")
    return path


def test_grouped_by_level_the_page_speaks_chinese_and_the_csv_keeps_ids(tmp_path):
    summary = summarize(_store(tmp_path), by=["level"])
    page = summary.to_html()
    assert "按level分组" not in page and "按层级分组 By level" in page
    for name in ("县级", "乡镇", "部门"):
        assert name in page
    assert ">county<" not in page and ">township<" not in page
    summary.to_csv(tmp_path / "csv")
    overview = pd.read_csv(tmp_path / "csv" / "overview.csv")
    assert {"county", "township", "department"} <= set(overview["level"])
    assert not any("县级" in str(v) for v in overview["level"])
