"""A township clerk checks her own report before publishing it.

The fixtures (tests/fixtures/newuser19) are a fictional township's 2024 report and the 2025
draft she made from it: a 商业企业 request added to 表三 with the 总计 column left as it
was, a fee in 表二 while 六 says 无, 二、上年结转 自然人 left blank, 五 copied with the year
changed, dated after 31 January. She has no store: ``audit`` takes the two files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nlp_reports.cli import main

HERE = Path(__file__).parent / "fixtures" / "newuser19"
DRAFT = HERE / "南坪乡2025年政府信息公开工作年度报告（送审稿）.html"
LAST_YEAR = HERE / "南坪乡2024年政府信息公开工作年度报告.html"


def _findings(md: str) -> dict[str, str]:
    """The Markdown's 审查意见 part, per report heading."""
    part = md.split("## 审查意见", 1)[1] if "## 审查意见" in md else ""
    blocks = part.split("\n### ")[1:]
    return {b.split("\n", 1)[0]: b for b in blocks}


def test_audit_of_two_files_says_every_planted_defect_in_chinese(tmp_path, capsys):
    folder = tmp_path / "报告"
    folder.mkdir()
    for f in (DRAFT, LAST_YEAR):
        shutil.copy(f, folder / f.name)
    code = main(["audit", str(folder / DRAFT.name), str(folder / LAST_YEAR.name)])
    out = capsys.readouterr().out
    assert code == 0
    found = _findings(out)
    # only the draft has findings; the correct 2024 report is not listed
    assert list(found) == [f"岱阳县南坪乡人民政府 2025年度（{DRAFT.name}）"]
    text = next(iter(found.values()))
    defects, signals = text.split("提示（")
    lines = [x for x in defects.splitlines() if x.startswith("- （")]
    # the three rows whose 总计 was not updated, each with the row to fix and both values
    assert sum("“总计”为2，而自然人、商业企业" in x and "之和为3" in x for x in lines) == 3
    assert any("第一项“本年新收政府信息公开申请数量”行" in x for x in lines)
    assert any("0.8万元" in x and "第六部分" in x for x in lines)
    assert any("未填报" in x and "上年结转" in x and "自然人" in x for x in lines)
    assert any("2026-02-06" in x and "2026-01-31" in x for x in lines)
    # section 一's "2件" agrees with the stale 总计: she hears now, not on the next run, that
    # correcting 总计 to 3 means correcting 总体情况 too (parse19)
    assert any("总体情况”称收到" in x and "一并更正" in x and "之和为3" in x for x in lines)
    # its 五 is last year's whole (4 of 4): a defect since audit23, the signal stays
    assert any("共4条问题和改进措施，全部照搬本机关2024年度报告" in x for x in lines)
    assert len(lines) == 8  # nothing else: no false alarm
    assert "全部4条均与上年相同" in signals and "2024年度" in signals
    # nothing is left beside her files (the store lived in a temporary folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([DRAFT.name, LAST_YEAR.name])


def test_audit_html_of_files(tmp_path, capsys):
    page = tmp_path / "自查.html"
    assert main(["audit", str(DRAFT), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "未填报" in html and "0.8万元" in html


def test_audit_wants_files_or_a_store_not_both(tmp_path, capsys):
    assert main(["audit", str(DRAFT), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "二者选一" in capsys.readouterr().err
    assert main(["audit"]) == 2


def test_a_clean_store_prints_no_findings_part(tmp_path, capsys):
    assert main(["audit", str(LAST_YEAR)]) == 0
    assert "## 审查意见" not in capsys.readouterr().out


def test_parse_points_to_the_chinese_audit_only_when_something_is_wrong(capsys):
    assert main(["parse", str(DRAFT)]) == 0
    draft = capsys.readouterr().out
    assert "FAIL I2" in draft and "nlp-reports audit 本年报告文件 上年报告文件" in draft
    assert main(["parse", str(LAST_YEAR)]) == 0
    assert "nlp-reports audit" not in capsys.readouterr().out
