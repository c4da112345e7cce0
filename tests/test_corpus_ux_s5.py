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


# --- Findings 16, 20, 22: summarize's stdout and folders, tag's hint, --help defaults -----


def test_summarize_prints_stdout_also_with_html_and_csv(small_store, tmp_path, capsys):
    html = tmp_path / "no" / "such" / "dir" / "sum.html"
    csv_dir = tmp_path / "csvs"
    assert main(["summarize", "--db", str(small_store), "--html", str(html),
                 "--csv", str(csv_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Corpus summary") and "3 reports" in out
    assert html.is_file() and (csv_dir / "overview.csv").is_file()
    assert main(["summarize", "--db", str(small_store), "--html", str(html), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["summarize", "--db", str(small_store), "--csv", str(csv_dir),
                 "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith('{"by"')


def test_show_failures_hint_only_when_failures_are_hidden():
    from nlp_reports.corpus.batch import BatchResult, Failure

    fails = tuple(Failure(f"/x/{i}.txt", "empty", "the file is empty") for i in range(3))
    res = BatchResult(ok=1, skipped=0, failed=3, failures=fails, db="x.db", model_id="m")
    assert "--show-failures" not in res.summary_line(shown=20)
    assert "--show-failures" not in res.summary_line(shown=3)
    assert "1 not listed: see --show-failures" in res.summary_line(shown=2)
    assert res.summary_line(shown=0).endswith("3 failed (see --show-failures)")


@pytest.mark.parametrize("command, expected", [
    ("tag", ["--jobs", "default: 1", "default: 60", "default: 20", "default: joblib"]),
    ("export", ["default: jsonl"]),
    ("summarize", ["default: markdown", "--quiet"]),
])
def test_help_shows_the_defaults(command, expected, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    for e in expected:
        assert e in text, (e, text)
