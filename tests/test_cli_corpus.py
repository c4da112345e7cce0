"""The corpus commands end to end: tag (resume, failures, exit code), summarize, audit, export."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from nlp_reports.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


def _have_pipeline() -> bool:
    try:
        from nlp_reports.classify import Tagger  # noqa: F401
        from nlp_reports.parse import load_report  # noqa: F401
    except ImportError:
        return False
    return EXAMPLES.is_dir()


pytestmark = pytest.mark.skipif(not _have_pipeline(),
                                reason="parser, tagger or example corpus not available")


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """Six example reports (two agencies over three years) and one broken file, tagged."""
    folder = tmp_path_factory.mktemp("in")
    picks = sorted(EXAMPLES.glob("云岭市卫生健康委员会*")) + sorted(EXAMPLES.glob("枫林乡*"))
    assert len(picks) == 6
    for p in picks:
        shutil.copy(p, folder / p.name)
    (folder / "broken.txt").write_bytes(b"")
    db = tmp_path_factory.mktemp("db") / "corpus.db"
    # tagged here, not by the first test, so that each test can run alone (-k)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["tag", str(folder), "--db", str(db), "--quiet"])
    return folder, db, code, err.getvalue()


def test_tag_then_resume(tagged, capsys):
    folder, db, code, err = tagged
    assert code == 1  # one file failed
    assert "tagged 6 reports, skipped 0 already stored, 1 failed" in err
    assert "broken.txt: empty:" in err
    assert main(["tag", str(folder / "*.txt"), "--db", str(db), "-q"]) == 1
    assert "tagged 0 reports, skipped 6 already stored, 1 failed" in capsys.readouterr().err
    (folder / "broken.txt").unlink()
    assert main(["tag", str(folder), "--db", str(db), "-q", "--jobs", "2"]) == 0
    assert "skipped 6 already stored, 0 failed" in capsys.readouterr().err


def test_summarize_audit_export(tagged, tmp_path, capsys):
    db = tagged[1]
    assert main(["summarize", "--db", str(db), "--format", "json", "--by", "year"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n_reports"] == 6 and data["by"] == ["year"]
    copying = data["tables"]["copying"]
    assert {(r["agency"], r["year"]) for r in copying} == {
        ("云岭市卫生健康委员会", 2022), ("云岭市卫生健康委员会", 2023),
        ("枫林乡人民政府", 2022), ("枫林乡人民政府", 2023)}
    html = tmp_path / "s.html"
    assert main(["summarize", "--db", str(db), "--html", str(html), "--csv",
                 str(tmp_path / "csv")]) == 0
    assert html.read_text(encoding="utf-8").count("<svg") >= 3
    assert (tmp_path / "csv" / "prevalence.csv").exists()
    capsys.readouterr()

    assert main(["audit", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Audit") and "枫林乡人民政府" in out
    assert main(["audit", "--db", str(db), "--csv", str(tmp_path / "a.csv")]) == 0
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    reports = [r for r in rows if r["report_id"]]  # (a file that failed has a row too)
    assert len(reports) == 6 and all(int(r["defects"]) >= 0 for r in rows)

    out_jsonl = tmp_path / "reports.jsonl"
    assert main(["export", "--db", str(db), "--out", str(out_jsonl)]) == 0
    lines = out_jsonl.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    first = json.loads(lines[0])
    assert first["metadata"]["agency"] and len(first["tagged_statements"]) == len(
        first["statements"])
    assert main(["export", "--db", str(db), "--format", "csv", "--out",
                 str(tmp_path / "tables")]) == 0
    assert (tmp_path / "tables" / "statements.csv").exists()


def test_missing_store_is_one_line_error(tmp_path, capsys):
    assert main(["summarize", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and "no store" in err and "Traceback" not in err


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    import pandas as pd

    from nlp_reports.corpus.export import spreadsheet_safe

    df = pd.DataFrame({"text": ['=HYPERLINK("http://x","y")', "@SUM(A1)", "-", "正常文本"],
                       "raw": ["-5", "+1", "", "12.5"], "n": [1, 2, 3, 4]})
    safe = spreadsheet_safe(df)
    assert safe["text"].tolist() == ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "-", "正常文本"]
    assert safe["raw"].tolist() == ["-5", "+1", "", "12.5"]
    assert safe["n"].tolist() == [1, 2, 3, 4]
    assert df["text"][0].startswith("=")  # the input is not modified
