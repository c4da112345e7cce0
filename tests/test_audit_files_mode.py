"""A township clerk's own report audited as she reads it: files mode, deadlines, cards.

The fixtures are newuser19's fictional 岱阳县南坪乡: the 2025 draft (three 表三 rows whose
总计 was not updated, 总体情况 quoting the stale total, a fee while 六 says 无, a blank
上年结转 cell, dated 2026-02-06) and the correct 2024 report. She reads one card per
report on the HTML page, the Chinese sentence under each of parse's FAIL lines, her
findings before the wide table, and a late-publication sentence that says which rule it
applied (the 条例 names no date for townships; her province may give until 31 March).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from _browser import measure_in_chromium, needs_chromium

from nlp_reports.cli import main
from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.audit import Audit, deadline, findings_zh, parse_deadlines
from nlp_reports.corpus.html_report import CARD_ROWS
from nlp_reports.errors import UsageError
from nlp_reports.parse import load_report

HERE = Path(__file__).parent / "fixtures" / "newuser19"
DRAFT = HERE / "南坪乡2025年政府信息公开工作年度报告（送审稿）.html"
LAST_YEAR = HERE / "南坪乡2024年政府信息公开工作年度报告.html"


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory) -> Path:
    """Her two reports tagged into a store, once for the module."""
    db = tmp_path_factory.mktemp("audit16") / "s.sqlite"
    tag_paths([str(DRAFT), str(LAST_YEAR)], str(db))
    return db


def _numbered(text: str) -> list[str]:
    return [x.strip().rstrip("。") for x in re.split(r"（\d+）", text or "") if x.strip()]


def test_parse_says_each_failed_check_in_the_audits_words(two_reports, capsys):
    report = load_report(DRAFT)
    failed = [c for c in report.checks if c.outcome == "fail"]
    said = findings_zh(report)
    assert len(said) == len(failed) and [c.id for c in failed].count("I2") == 3
    assert main(["parse", str(DRAFT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    fails = [i for i, x in enumerate(lines) if x.lstrip().startswith("FAIL ")]
    assert len(fails) == len(failed)
    for i, sentence in zip(fails, said, strict=True):
        assert lines[i + 1].strip() == sentence  # the Chinese line under its FAIL line
    assert any("三（七）“总计”行：“总计”为2" in x and "之和为3" in x for x in said)
    assert any("0.8万元" in x and "第六部分" in x for x in said)
    # written once: the audit's cells hold the very sentences parse prints (but for the
    # audit's note on how a finding counts: a T1 counted with its total's I2, audit17)
    row = audit(two_reports).table.set_index("path").loc[str(DRAFT)]
    audited = [re.sub(r"（[^（）]*不另计缺陷）$", "", x) for x in _numbered(row["findings_zh"])]
    assert any(x.endswith("不另计缺陷）") for x in _numbered(row["findings_zh"]))
    for sentence in said:
        assert sentence in audited
    # a correct report: no FAIL line, so nothing in Chinese either
    assert findings_zh(load_report(LAST_YEAR)) == ()


def test_files_mode_prints_her_findings_before_the_wide_table(two_reports, capsys):
    assert main(["audit", str(DRAFT), str(LAST_YEAR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 审查结果 Audit\n\n共2份报告：有缺陷的1份")
    assert out.index("## 审查意见") < out.index("## Reports (2)")
    assert out.count("## 审查意见") == 1
    # a store keeps the corpus order: the table first, the findings at the end
    assert main(["audit", "--db", str(two_reports)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Audit") and out.index("## Reports (2)") < out.index("## 审查意见")


def test_late_township_sentence_names_the_rule_and_a_province_may_set_its_date(two_reports):
    row = audit(two_reports).table.set_index("path").loc[str(DRAFT)]
    assert row["published_late"] == "published 2026-02-06, deadline 2026-01-31"
    late = [x for x in _numbered(row["findings_zh"]) if "公开期限" in x]
    assert len(late) == 1
    assert "条例第四十九条未作规定" in late[0] and "以省级规定为准" in late[0]
    # her province gives townships until 31 March: not late, one defect fewer
    lenient = audit(two_reports, deadlines=["乡镇=03-31"]).table.set_index("path")
    assert lenient.at[str(DRAFT), "published_late"] == ""
    assert lenient.at[str(DRAFT), "defects"] == row["defects"] - 1
    # a date set earlier than hers: late, by the date set, and said so
    strict = audit(two_reports, deadlines={"township": "02-01"}).table.set_index("path")
    assert strict.at[str(DRAFT), "published_late"] == "published 2026-02-06, deadline 2026-02-01"
    assert "按审查时设定的时限：2月1日前公布" in strict.at[str(DRAFT), "findings_zh"]
    # the 2024 report (published 2025-01-24) is on time under every date
    assert strict.at[str(LAST_YEAR), "published_late"] == ""


def test_deadline_set_for_one_level_leaves_the_others_and_old_years():
    dates = parse_deadlines(["township=3-31", "街道=03-15"])
    assert dates == {"township": "03-31", "street": "03-15"}
    assert deadline(2024, "township", dates)[0] == "2025-03-31"
    assert deadline(2024, "street", dates)[0] == "2025-03-15"
    assert deadline(2024, "department", dates)[0] == "2025-01-31"
    assert deadline(2024, "county", dates)[0] == "2025-03-31"
    assert deadline(2016, "township", dates)[0] == "2017-03-31"  # 2007 条例
    for bad in (["township"], ["village=03-31"], ["township=02-30"], ["township=13-01"]):
        with pytest.raises(UsageError):
            parse_deadlines(bad)


def test_cli_deadline_option_and_a_bad_one(capsys):
    assert main(["audit", str(DRAFT), "--deadline", "township=03-31"]) == 0
    assert "公开期限" not in capsys.readouterr().out
    assert main(["audit", str(DRAFT), "--deadline", "乡镇=3月31日"]) == 2
    assert "LEVEL=MM-DD" in capsys.readouterr().err


def test_help_of_parse_and_audit_is_bilingual(capsys):
    for command in ("parse", "audit"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        options = re.split(r"\n  (?=-)", text.split("options:", 1)[1])[1:]
        assert options
        for opt in options:
            name = opt.split()[0]
            if name == "-h,":
                continue
            assert re.search(r"[\u4e00-\u9fff]", opt), (command, name)


def _cards(html: str) -> list[str]:
    part = html.split('<section class="cards">', 1)
    return re.findall(r'<div class="letter[^"]*".*?</div>', part[1]) if len(part) > 1 else []


def test_a_few_reports_get_a_card_each_with_every_finding(two_reports, tmp_path):
    result = audit(two_reports)
    html = result.to_html()
    cards = _cards(html)
    assert len(cards) == 2
    draft = next(c for c in cards if "2025年度</h3>" in c)
    row = result.table.set_index("path").loc[str(DRAFT)]
    items = re.findall(r"<li>(.*?)</li>", draft)
    expected = _numbered(row["findings_zh"]) + _numbered(row["signals_zh"])
    assert [x.replace("&quot;", '"') for x in items] == expected  # in full, none folded
    assert f"审查意见{len(_numbered(row['findings_zh']))}条，提示意见1条" in draft
    assert len(items) >= 7  # 3 stale totals, the fee, the blank cell, the date, a signal
    clean = next(c for c in cards if "2024年度</h3>" in c)
    assert "未发现缺陷和提示" in clean and "<li>" not in clean
    # the cards come before the table, and are not repeated for printing
    assert html.index('<section class="cards">') < html.index('id="audit"')
    assert 'class="print-only"' not in html


def test_a_corpus_keeps_the_table_alone(two_reports):
    result = audit(two_reports)
    t = result.table
    many = pd.concat([t.assign(path=t["path"] + f".{k}") for k in range(3)], ignore_index=True)
    assert len(many) > CARD_ROWS
    html = Audit(many, None, result.sort, None).to_html()
    assert '<section class="cards">' not in html and 'class="print-only"' in html


@needs_chromium
def test_cards_are_read_on_screen_in_chromium(two_reports, tmp_path):
    result = audit(two_reports)
    row = result.table.set_index("path").loc[str(DRAFT)]
    n = len(_numbered(row["findings_zh"])) + len(_numbered(row["signals_zh"]))
    html = result.to_html()
    got = measure_in_chromium(html, (
        "{cards: Array.prototype.map.call(document.querySelectorAll('.cards .letter'),"
        " function (d) { var r = d.getBoundingClientRect();"
        " return {h: r.height, w: r.width, items: d.querySelectorAll('li').length,"
        " shown: getComputedStyle(d).display}; }),"
        " firstTop: document.querySelector('.cards').getBoundingClientRect().top,"
        " tableTop: document.getElementById('audit').getBoundingClientRect().top,"
        " page: window.innerWidth}"), tmp_path)
    cards = got["cards"]
    assert [c["items"] for c in cards] == [n, 0]  # every finding and signal; the clean one
    assert all(c["shown"] != "none" and c["h"] > 0 for c in cards)
    assert all(c["w"] <= got["page"] for c in cards)  # no scrolling sideways to read one
    assert got["firstTop"] < got["tableTop"]
