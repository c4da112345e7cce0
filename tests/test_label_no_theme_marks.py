"""A themes cell saying "none" in words (无, -, N/A …) is refused with how to write no theme.

An assistant wrote 无 / — / N/A / none for the statements of no theme; each row was refused
as an unknown theme with the 13 ids listed, and nothing said that no theme is an empty cell.
"""

import csv

import pytest

from nlp_reports.classify.dataset import load_labeled
from nlp_reports.errors import DataError


@pytest.mark.parametrize("mark", ["无", "没有", "-", "—", "N/A", "none", "NULL", "空"])
def test_none_written_as_a_word_says_leave_it_empty(tmp_path, mark):
    f = tmp_path / "labels.csv"
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([("text", "kind", "themes"),
                                  ("以上为本机关本年度报告全文", "其他", mark)])
    with pytest.raises(DataError) as e:
        load_labeled(f)
    assert "labels.csv:2" in str(e.value)
    assert "no theme: leave the themes cell empty" in str(e.value)


def test_a_real_unknown_theme_gets_no_such_hint(tmp_path):
    f = tmp_path / "labels.csv"
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([("text", "kind", "themes"),
                                  ("加强门户网站建设", "措施", "网站建设")])
    with pytest.raises(DataError) as e:
        load_labeled(f)
    assert "leave the themes cell empty" not in str(e.value)
