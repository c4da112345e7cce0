"""The prose-count and panel-source readers on a store of schema 1 or 2 read as
it is (no report_tables), and a 复议/诉讼 part saying only 无 named as the source of its 0."""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report, parsed_store, table3
from test_panel_balanced import OLD_2020
from test_store_schema_upgrade import _downgrade

from nlp_reports.corpus import Store, summarize
from nlp_reports.corpus.panel import panel


@pytest.mark.parametrize("version", ["1", "2"])
def test_table_less_report_in_an_old_schema_store(tmp_path, version):
    """A table-less 2020 report beside a 2021 one with 表三: summarize and the panel read an
    old store (table_cells a table) instead of failing on the missing report_tables."""
    path = tmp_path / "old.db"
    reports = [make_report("西岭乡人民政府", 2020, ["公开栏更新不及时。"], ["明确专人负责。"]),
               make_report("东塘街道办事处", 2021, ["答复文书不够规范。"], ["加强业务培训。"],
                           tables=(table3({("1", "total"): 7.0}),))]
    tagger = FakeTagger()
    with Store(path) as store:
        for i, r in enumerate(reports):
            store.write_report(f"/c/{i}.txt", r, tagger.tag_many([r])[0], sha256=f"h{i}",
                               size=9, model_id=tagger.model_id)
    _downgrade(path, version)
    with Store(path, readonly=True) as store:
        assert summarize(store).overview["reports"].sum() == 2
        p = panel(store).set_index("agency")
    assert p.loc["东塘街道办事处", "received_source"] == "table3"
    assert p.loc["西岭乡人民政府", "received_source"] == "none:not_stated"


def test_a_none_part_is_the_source_of_its_zero(tmp_path):
    """"四、因政府信息公开申请提起行政复议、行政诉讼的情况 / 本年度无。" gives review and
    litigation 0, and their source is that part (text:4), not several parts together."""
    src = tmp_path / "lin.txt"
    src.write_text(OLD_2020, encoding="utf-8")
    row = panel(parsed_store(tmp_path / "c.db", [src])).iloc[0]
    assert row["review_narrative"] == 0 and row["litigation_narrative"] == 0
    assert row["review_source"] == row["litigation_source"] == "text:4"
    assert row["received_source"] == "text:3"
