"""The head of a cross-validation's table says how its folds were grouped: by a family
column when the labels have one, by near-duplicate text when they have none — never "grouped
by family" over labels without the column (classify/evaluate.py, classify/families.py)."""

from __future__ import annotations

from nlp_reports.classify.evaluate import grouping_phrase
from nlp_reports.classify.families import FamilyGrouping


def test_labels_without_a_family_column_are_not_said_grouped_by_family() -> None:
    head = grouping_phrase({"n": 40, "n_without": 40, "n_grouped_families": 37}, 40)
    assert "grouped by family" not in head
    assert head.startswith("no family column (无 family 列)")
    assert "40 statements grouped by near-duplicate text into 37 families" in head


def test_a_family_column_with_blank_cells_says_both() -> None:
    head = grouping_phrase({"n": 45, "n_without": 10, "n_grouped_families": 8}, 50)
    assert head == ("grouped by family: 45 families, 10 statements without one grouped by "
                    "near-duplicate text into 8 families")
    assert grouping_phrase({"n": 45, "n_without": 0, "n_grouped_families": 0}, 50) == (
        "grouped by family: 45 families")


def test_one_is_singular() -> None:
    head = grouping_phrase({"n": 1, "n_without": 1, "n_grouped_families": 1}, 1)
    assert "1 statement grouped" in head and head.endswith("into 1 family")
    assert "1 families" not in grouping_phrase(
        {"n": 1, "n_without": 1, "n_grouped_families": 1}, 3)
    message = FamilyGrouping(n_statements=1, n_without=1, n_families=1, given=False).message()
    assert "1 statement without one was grouped" in message
    assert "into 1 family (" in message
    assert "1 条未标家族的表述按近似重复归为 1 个家族" in message
