"""The codebook names the group a summary table really writes for reports of unknown level.

A school's or a hospital's report has no ``level`` (and no ``tier``): ``summarize --by level``
groups it as "(level not identified / 未识别层级)", ``--by tier`` as "(tier not identified /
未识别行政层级)". The codebook told a Stata user to look for "(unknown)" in both columns, a
value no summary table holds, so a ``keep if level == "(unknown)"`` silently kept nothing.
"""

from __future__ import annotations

import pytest

from nlp_reports.corpus import codebook as cb
from nlp_reports.corpus.summarize import UNKNOWN_GROUP, UNKNOWN_GROUPS, unknown_group


@pytest.mark.parametrize("column", sorted(UNKNOWN_GROUPS))
@pytest.mark.parametrize("table", cb.GROUPED)
def test_grouped_table_names_the_unknown_group_summarize_writes(table, column):
    entry = cb.lookup(table, column)
    assert entry is not None
    written = unknown_group(column)
    said = " ".join((entry.en, entry.zh, entry.blank_in(table)))
    assert written in said, (table, column, said)
    assert f"{UNKNOWN_GROUP} when not known" not in entry.en


def test_other_group_columns_keep_the_plain_unknown_group():
    entry = cb.lookup("prevalence", "region")
    assert unknown_group("region") == UNKNOWN_GROUP
    assert UNKNOWN_GROUP in entry.en and UNKNOWN_GROUP in entry.zh
