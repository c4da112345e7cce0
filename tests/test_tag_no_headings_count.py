"""Reports stored with no section heading found are counted where a researcher looks.

A text without 一、总体情况 … (a news-style write-up of the year, a copy whose line breaks were
lost) is read and stored, not failed: its problem ``no_headings`` is in the store and in the
audit's ``parse_problems`` cell of its row. The end-of-run line of ``tag`` said
"tagged 2 reports, …, 0 failed" and the audit's headline counted it among the reports with
defects, so how many files of a collection had no headings was a SQL query away. What must
hold: tag's end line (English and Chinese) and the audit's headline (both languages) say
how many; a copy of such a file at another path is one report, counted once; a rerun that
stores nothing says nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.cli import _summary_zh, main
from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.html_report import headline_zh

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="example corpus not present")

#: a department's year written as three paragraphs, no numbered part, no table
PROSE = """\
青禾县农业农村局2023年政府信息公开工作年度报告

本年度我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息126条，
其中政策文件14件、惠农补贴项目信息38条，均在县政府门户网站“农业农村”栏目发布。
全年共收到政府信息公开申请5件，均在法定期限内答复，未发生行政复议和行政诉讼。
公开工作仍存在信息更新不够及时、政策解读形式单一等问题，下一步将加强业务培训，完善工作机制。

青禾县农业农村局
2024年1月20日
"""

ZH = "已入库的报告中有1份未找到各部分标题"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "dl").mkdir(parents=True)
    (folder / "青禾县农业农村局2023年报.txt").write_text(PROSE, encoding="utf-8")
    # the same file saved twice by a browser: one report
    (folder / "dl" / "青禾县农业农村局2023年报(1).txt").write_text(PROSE, encoding="utf-8")
    for p in sorted(EXAMPLES.glob("枫林乡人民政府202[23]*.txt")):
        shutil.copy(p, folder / p.name)
    return folder


def test_tag_result_counts_the_reports_stored_without_headings(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "c.db"
    first = tag_paths([folder], db, model=FakeTagger())
    assert (first.ok, first.failed, first.duplicates) == (3, 0, 1)
    assert first.no_headings == 1
    line = first.summary_line()
    assert line.startswith("tagged 3 reports, skipped 0 already stored, 1 duplicate")
    assert line.endswith("; of the stored reports, 1 had no section heading (一、总体情况 …) "
                         "and could not be checked part by part: see audit "
                         "(parse_problems no_headings)")
    assert ZH in _summary_zh(first, 0)
    # a rerun stores nothing: the line is about the run, it says nothing of them
    again = tag_paths([folder], db, model=FakeTagger())
    assert (again.skipped, again.no_headings) == (4, 0)
    assert "section heading" not in again.summary_line()
    assert "未找到各部分标题" not in _summary_zh(again, 0)


def test_audit_headline_counts_the_reports_without_headings(tmp_path):
    db = tmp_path / "c.db"
    tag_paths([_folder(tmp_path)], db, model=FakeTagger())
    a = audit(db)
    assert a.no_headings() == 1
    assert ("1 of the reports had no section heading (一、总体情况 …; parse_problems "
            "no_headings), so their parts could not be checked.") in a.headline()
    assert "其中1份未找到各部分标题（如“一、总体情况”），无法按六个部分核对。" in headline_zh(a)


def test_audit_headline_is_silent_when_every_report_has_headings(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("枫林乡人民政府202[23]*.txt")):
        shutil.copy(p, folder / p.name)
    db = tmp_path / "c.db"
    assert tag_paths([folder], db, model=FakeTagger()).no_headings == 0
    a = audit(db)
    assert a.no_headings() == 0
    assert "section heading" not in a.headline() and "标题" not in headline_zh(a)


def test_tag_command_end_lines_say_it_in_both_languages(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["tag", str(folder), "--db", str(tmp_path / "cli.db"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "of the stored reports, 1 had no section heading" in err
    assert f"{ZH}（如“一、总体情况”），无法按六个部分核对" in err
