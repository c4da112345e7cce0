"""Corpus UX defects found by a new user (s5): grouping, summary notes, batch reasons, orphans."""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports.cli import main
from nlp_reports.corpus import Store, summarize


@pytest.fixture()
def small_store(tmp_path):
    """Three reports of two agencies, tagged by the fake tagger."""
    tagger = FakeTagger()
    reports = [make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强培训。"]),
               make_report("甲县人民政府", 2023, ["主动公开深度不够。"], ["加强培训。"]),
               make_report("乙市人民政府", 2023, ["保密审查不够严格。"], ["完善制度。"])]
    db = tmp_path / "s.db"
    with Store(db) as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return db


# --- Finding 6: a repeated --by key --------------------------------------------------------


def test_repeated_group_key_is_ignored(small_store):
    once = summarize(small_store, by=["year"])
    twice = summarize(small_store, by=["year", "year"])
    assert twice.by == ("year",)
    assert twice.overview.equals(once.overview)


def test_cli_repeated_by_gives_no_traceback(small_store, capsys):
    assert main(["summarize", "--db", str(small_store), "--by", "year", "--by", "year"]) == 0
    out = capsys.readouterr().out
    assert "grouped by year" in out and "year, year" not in out
