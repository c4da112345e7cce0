"""The tables of the national format: ids and printed labels of every row and column.

They are the format's fixed vocabulary, kept with its section titles in
``nlp_reports/formats.py`` (where lower layers such as the line-break repair read them) and
re-exported here, where the parser, the checks, the store and the summarizer import them.
See ``docs/schema.md`` (*tables*).
"""

from __future__ import annotations

from nlp_reports.formats import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_OUTCOME_ROWS,
    TABLE3_OUTCOME_ROWS_2019,
    TABLE3_ROWS,
    TABLE3_ROWS_2019,
    TABLE3_SUBTOTAL_COLUMN,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    TABLE4_RESULTS,
    TABLE4_ROWS,
)

__all__ = [
    "TABLE2_2019",
    "TABLE2_2021",
    "TABLE3_APPLICANT_COLUMNS",
    "TABLE3_COLUMNS",
    "TABLE3_OUTCOME_ROWS",
    "TABLE3_OUTCOME_ROWS_2019",
    "TABLE3_ROWS",
    "TABLE3_ROWS_2019",
    "TABLE3_SUBTOTAL_COLUMN",
    "TABLE4_COLUMNS",
    "TABLE4_GROUPS",
    "TABLE4_RESULTS",
    "TABLE4_ROWS",
]
