"""``audit --by``: the audit counted per folder / level / year, what a disclosure office
reports upward, checked against the per-report table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports.cli import main
from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.audit import DEFECT_COLUMNS, NO_GROUP
from nlp_reports.errors import UsageError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("by") / "c.sqlite"
    assert tag_paths(EXAMPLES, path).ok > 40
    return path


def test_counts_per_level_add_up_to_the_per_report_table(db):
    a = audit(db)
    table = a.table
    by = a.by("层级").set_index("level")  # the Chinese name of the column works too
    levels = table["level"].fillna("").replace("", NO_GROUP)
    assert by["reports"].sum() == len(table) - (table["failed"] != "").sum()
    for level, rows in table.groupby(levels):
        assert by.loc[level, "reports"] == len(rows)
        assert by.loc[level, "with_defects"] == (rows["defects"] > 0).sum()
        assert by.loc[level, "defects"] == rows["defects"].sum()
        for column in DEFECT_COLUMNS:
            if column == "failed":
                continue
            values = rows[column]
            has = (values.fillna("").astype(str) != "") if values.dtype == object else values > 0
            # a finding listed but not counted as a defect (statements_unsplit …) is left out
            has &= rows["path"].map(a.counted[column]).fillna(0) > 0
            assert by.loc[level, column] == has.sum(), (level, column)


def test_with_a_year_each_folder_counts_the_agencies_that_filed_no_report(db):
    a = audit(db, years=[2024])
    by = a.by("folder").set_index("folder")
    assert len(a.missing) > 0  # the example corpus: agencies with a 2021–2023 report and none on 2024
    assert by["missing_reports"].sum() == len(a.missing)
    for folder, rows in a.missing.groupby("folder"):
        assert by.loc[folder, "missing_reports"] == len(rows)
    assert by["reports"].sum() == len(a.table)


def test_the_command_prints_the_table_and_refuses_another_column(db, capsys):
    assert main(["audit", "--db", str(db), "--by", "year", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sum(r["reports"] for r in rows) == len(audit(db).table)
    assert main(["audit", "--db", str(db), "--by", "level"]) == 0
    assert "| level 层级 | reports 报告数 |" in capsys.readouterr().out
    assert main(["audit", "--db", str(db), "--by", "path"]) == 2
    with pytest.raises(UsageError, match="cannot count the audit by"):
        audit(db).by("defects")
