"""``audit FILE…`` exits 1 when a file given could not be read, as ``tag`` does.

Why it matters: a county office checks its townships' reports before they go up with a
script (``nlp-reports audit 县直报告/ --html 自查.html && 上传``); a download that came out
empty was listed in the audit as unreadable, but the command exited 0 and the script went
on as if every report had been checked. What must hold: exit 1 and a line on stderr naming
the file, whatever is printed or written; the readable reports are audited all the same;
every file read gives 0; ``audit --db`` of a store keeps 0 (the failures are an earlier
run's, and tag said them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.cli import main
from nlp_reports.corpus import tag_paths

HERE = Path(__file__).parent / "fixtures" / "newuser19"
DRAFT = HERE / "南坪乡2025年政府信息公开工作年度报告（送审稿）.html"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The township's draft and an empty download of another township's report."""
    where = tmp_path / "县直报告"
    where.mkdir()
    shutil.copy(DRAFT, where / DRAFT.name)
    (where / "石桥镇2025年政府信息公开工作年度报告.html").write_bytes(b"")
    return where


def test_an_unreadable_file_given_makes_the_audit_exit_1_and_says_which(folder, capsys):
    assert main(["audit", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "南坪乡" in captured.out and "石桥镇" in captured.out  # both audited and listed
    err = captured.err.splitlines()
    assert "1 file could not be read: exit code 1 / 1个文件无法读取，退出码为 1" in err
    assert f"  failed: {folder / '石桥镇2025年政府信息公开工作年度报告.html'}: empty" in err


def test_the_exit_code_holds_when_only_a_page_is_written(folder, tmp_path, capsys):
    page = tmp_path / "自查.html"
    assert main(["audit", str(folder), "--html", str(page), "--format", "json"]) == 1
    assert page.exists() and "石桥镇" in capsys.readouterr().out
    assert main(["audit", str(folder / DRAFT.name), "--by", "level"]) == 0


def test_a_store_audited_keeps_exit_0_with_its_failed_files(tmp_path, capsys):
    write_json_reports(tmp_path / "in", {"r0": make_report(
        "青溪县教育局", 2023, ["教育收费信息公开不够全面。"], ["按季度更新收费公示。"],
        level="department", region="江西")})
    (tmp_path / "in" / "r1.txt").write_text("", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    assert tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader).failed == 1
    assert main(["audit", "--db", str(db)]) == 0
    assert "could not be read" not in capsys.readouterr().err
