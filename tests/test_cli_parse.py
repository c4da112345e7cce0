"""`nlp-reports parse FILE... [--json]`: text view, JSON, bad files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nlp_reports.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
GOOD = FIXTURES / "city_2022_inconsistent.txt"
KEYS = {"schema_version", "metadata", "sections", "missing_sections", "statements", "tables",
        "checks", "errors", "annexes"}


def test_human_readable_view(capsys):
    assert main(["parse", str(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "白鹭市人民政府2022年政府信息公开工作年度报告" in out
    assert "level:" in out and "city" in out
    for title in ("总体情况", "存在的主要问题及改进情况", "其他需要报告的事项"):
        assert title in out
    assert "严格执行信息发布" in out  # a statement
    assert "table3" in out
    assert "FAIL I2" in out and "FAIL T2" in out  # failures are detailed


def test_view_lists_missing_sections_and_problems(capsys):
    assert main(["parse", str(FIXTURES / "fragment_section5.txt")]) == 0
    out = capsys.readouterr().out
    assert "missing:" in out and "总体情况" in out
    assert "missing_section" in out and "no_title" in out


def test_json_output(capsys):
    assert main(["parse", "--json", str(GOOD), str(FIXTURES / "township_2023_empty5.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    docs = [json.loads(line) for line in lines]
    assert all(set(d) == KEYS for d in docs)
    assert docs[0]["schema_version"] == "1.6"
    assert docs[0]["metadata"]["agency"] == "白鹭市人民政府"
    assert [s["number"] for s in docs[0]["sections"]] == [1, 2, 3, 4, 5, 6]
    assert {"index", "text", "block", "marker"} == set(docs[0]["statements"][0])
    assert docs[1]["statements"] == [] and docs[1]["errors"][0]["code"] == "empty_section_5"


def test_bad_file_is_reported_and_the_others_still_parsed(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("今天天气很好。\n我们去公园。", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["parse", str(bad), str(GOOD), str(empty)])
    captured = capsys.readouterr()
    assert code == 1
    assert "白鹭市人民政府" in captured.out
    err = [line for line in captured.err.splitlines() if not line.startswith("    ")]
    assert len(err) == 2 and all(line.startswith("error: ") for line in err)
    assert "notes.txt" in err[0]
    assert "Traceback" not in captured.err


def test_bad_file_in_json_mode(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("今天天气很好。", encoding="utf-8")
    assert main(["parse", "--json", str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["error"]["reason"] == "not_a_report"


def test_subprocess_exit_code_and_stderr(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_text("hello world", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "nlp_reports", "parse", str(bad), str(GOOD)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert "白鹭市" in proc.stdout
