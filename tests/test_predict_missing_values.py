"""``Tagger.predict`` on a pandas text column with gaps: a gap is a blank statement.

A researcher's spreadsheet of statements read with pandas holds NaN where a cell was empty:
``tagger.predict(df["text"])`` raised "AttributeError: 'float' object has no attribute
'isspace'" from deep inside, while ``[None]`` was quietly taken as blank. Now None, NaN and
``pd.NA`` are blank statements (kind other, no themes, text ""), in place, the others
predicted as before; a number is a TypeError naming its position."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nlp_reports import Tagger

STATEMENTS = ["街道信息公开工作由党政办一人兼管，人员调整后交接不到位",
              "下一步将对拟公开的征收补偿信息逐条进行保密审查"]


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def test_gaps_of_a_dataframe_column_are_blank_statements_in_place(tagger):
    df = pd.DataFrame({"text": [STATEMENTS[0], math.nan, None, STATEMENTS[1], pd.NA]})
    preds = tagger.predict(df["text"])
    assert len(preds) == 5
    assert [p.text for p in preds] == [STATEMENTS[0], "", "", STATEMENTS[1], ""]
    for p in (preds[1], preds[2], preds[4]):
        assert p.kind == "other" and p.themes == () and p.kind_score == 1.0
    alone = tagger.predict(STATEMENTS)
    assert preds[0] == alone[0] and preds[3] == alone[1]
    assert "staffing" in preds[0].themes and "confidentiality" in preds[3].themes


def test_a_string_dtype_column_with_gaps(tagger):
    col = pd.Series([STATEMENTS[1], None], dtype="string")
    preds = tagger.predict(col)
    assert preds[0] == tagger.predict([STATEMENTS[1]])[0]
    assert preds[1].text == "" and preds[1].kind == "other"


def test_a_number_among_the_statements_is_named(tagger):
    with pytest.raises(TypeError, match=r"statement 1 is a int \(2023\), not a str"):
        tagger.predict([STATEMENTS[0], 2023])


def test_explain_takes_the_same_gaps(tagger):
    out = tagger.explain([STATEMENTS[0], math.nan], top=2)
    assert len(out) == 2
