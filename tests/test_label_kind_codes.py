"""A kind written as a code (1/2/3, as a coding sheet has it) is refused saying kinds are words.

An assistant coded kinds 1 = problem, 2 = measure, 3 = other; each row was refused as
"unknown kind '1'" with no word that the codes are the trouble (and no guess is made: which
number means which kind is the labeller's own scheme).
"""

import csv

import pytest

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.errors import DataError


@pytest.mark.parametrize("code", ["1", "2", " 3", "0", "1.0"])
def test_a_numeric_kind_is_refused_as_a_code(tmp_path, code):
    f = tmp_path / "coded.csv"
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([("text", "kind", "themes"),
                                  ("政务公开专栏多个子栏目长期空白", code, "platform")])
    with pytest.raises(DataError) as e:
        load_labeled(f)
    msg = str(e.value)
    assert "coded.csv:2" in msg
    assert "a number is no kind: write the word your code stands for" in msg
    assert "did you mean" not in msg


def test_a_misspelt_word_keeps_its_hint(tmp_path):
    f = tmp_path / "typo.csv"
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([("text", "kind", "themes"), ("加强网站建设", "mesure", "platform")])
    with pytest.raises(DataError, match="did you mean 'measure'"):
        load_labeled(f)
