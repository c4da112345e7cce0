"""``audit`` as a provincial 公开办 reviewer uses it: F2 ``--sort`` of a
finding column puts the reports with the finding first, F8 ``--sort`` by the Chinese column
names, F7 the "no report on Y" note follows ``--folder`` and lists everyone in
``--missing-csv``, F1 the page prints one block of findings per report, F3 a section 五
copied whole and one with no measure at all, F6 a table of dashes in one sentence and the
filter words, F5 a missing column and a 五 that refers to an annex, F4 a 五 matching one
other agency, F9 the headline in Chinese.

tests/data/newuser10/ holds ten reports of the trial's folder (fictional agencies), by 地市
folder: 柳岸县水利局2024 (表二–四 written "—"), 柳岸县自然资源局2024 (.html, 表三 without the
法律服务机构 column), 柳岸县应急管理局2024 and 松阳县民政局2024 (the same section 五),
桐川市财政局2024/2025 (五 copied whole), 青禾市统计局2024 (五 "详见附件", published late),
乌兰敖包旗人民政府2024 (五 problems without a measure), 柳岸县人民政府2024/2025.
"""

from __future__ import annotations

import csv
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from _browser import chromium_command, measure_in_chromium, needs_chromium
from _corpus_helpers import parsed_store

from nlp_reports.cli import main
from nlp_reports.corpus import audit
from nlp_reports.corpus.audit import (
    COLUMN_NAMES_ZH,
    DEFECT_COLUMNS,
    MISSING_YEAR_NAMES,
    SIGNAL_COLUMNS,
)
from nlp_reports.errors import UsageError

DATA = Path(__file__).parent / "data" / "newuser10"
WATER = "柳岸县水利局"
LAND = "柳岸县自然资源局"
EMERGENCY = "柳岸县应急管理局"
CIVIL = "松阳县民政局"
FINANCE = "桐川市财政局"
STATS = "青禾市统计局"
BANNER = "乌兰敖包旗人民政府"
COUNTY = "柳岸县人民政府"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The ten files parsed by the real parser, tagged by the fake tagger, in one store."""
    return parsed_store(tmp_path_factory.mktemp("nu10") / "审查.sqlite",
                        sorted(p for p in DATA.rglob("*") if p.is_file()))


def _row(a, agency: str, year: int = 2024) -> dict:
    rows = [r for r in a.to_dict() if r["agency"] == agency and r["year"] == year]
    assert len(rows) == 1, rows
    return rows[0]


def _flagged(v) -> bool:
    return bool(v) and v != "" and v != 0


# --- F2: a finding column sorts the reports with the finding first ----------------------------


@pytest.mark.parametrize("column", ["published_late", "blank_cells", "no_measures",
                                    "findings_zh", "shared_with", "unmatched_problems"])
def test_f2_sort_by_a_finding_column_puts_the_reports_with_it_first(db, column):
    rows = audit(db).to_dict(column)
    flags = [_flagged(r[column]) for r in rows]
    n = sum(flags)
    assert flags == [True] * n + [False] * (len(rows) - n)  # with the finding, then without
    texts = [r[column] for r in rows[:n] if isinstance(r[column], str)]
    assert texts == sorted(texts)  # then by the text


def test_f2_the_late_report_is_first_by_published_late(db):
    rows = audit(db).to_dict("published_late")
    assert rows[0]["agency"] == STATS and rows[0]["published_late"]
    assert not any(r["published_late"] for r in rows[1:])


# --- F8: the Chinese names of --headers zh sort too ----------------------------------------


def test_f8_sort_by_chinese_column_names(db):
    a = audit(db)
    for column in ("published_late", "blank_cells", "defects", "agency"):
        assert a.to_dict(COLUMN_NAMES_ZH[column]) == a.to_dict(column)
    assert audit(db, sort="逾期公开").to_dict()[0]["agency"] == STATS


def test_f8_a_wrong_name_lists_ids_and_chinese_names(db, capsys):
    with pytest.raises(UsageError, match=r"published_late \(逾期公开\)"):
        audit(db, sort="逾期")
    assert main(["audit", "--db", str(db), "--sort", "逾期公开", "--format", "json"]) == 0
    assert STATS in capsys.readouterr().out.split("},")[0]


# --- F7: the note on who filed no report follows --folder; all of them in a CSV ----------


def test_f7_missing_reports_follow_the_folder_shown(db):
    every = audit(db, years=[2025])
    missing = set(every.missing["agency"])
    assert {WATER, LAND, EMERGENCY, CIVIL, STATS, BANNER} <= missing
    assert COUNTY not in missing and FINANCE not in missing  # both have a 2025 report
    county = audit(db, years=[2025], folders=["柳岸县"])
    assert set(county.missing["agency"]) == {WATER, LAND, EMERGENCY}
    assert set(county.missing["folder"]) == {"柳岸县"}
    note = " ".join(county.notes)
    assert all(a in note for a in (WATER, LAND, EMERGENCY))
    assert not any(a in note for a in (CIVIL, STATS, BANNER))
    one = audit(db, years=[2025], agencies=[COUNTY])
    assert one.missing.empty and not one.notes


def test_f7_missing_csv_lists_every_agency(db, tmp_path, capsys):
    out = tmp_path / "未报送.csv"
    assert main(["audit", "--db", str(db), "--year", "2025", "--missing-csv", str(out),
                 "--format", "json"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert set(rows[0]) == {"year", "agency", "latest_year", "folder", "note"}
    assert {r["agency"] for r in rows} == set(audit(db, years=[2025]).missing["agency"])
    assert {r["year"] for r in rows} == {"2025"}
    got = {r["agency"]: r for r in rows}
    assert got[CIVIL]["folder"] == "松阳县" and got[CIVIL]["latest_year"] == "2024"


def test_f7_a_long_note_says_where_the_rest_are(db):
    from nlp_reports.corpus.audit import _missing_year_notes

    many = audit(db, years=[2025]).missing
    many = many.loc[many.index.repeat(MISSING_YEAR_NAMES)].reset_index(drop=True)
    note = _missing_year_notes(many, [2025])[0]
    assert f"and {len(many) - MISSING_YEAR_NAMES} more" in note and "--missing-csv" in note


# --- F1: the page prints each report's findings --------------------------------------------


def _letters(html: str) -> dict[str, str]:
    blocks = re.findall(r'<div class="letter"[^>]*>(.*?)</div>', html, re.S)
    return {re.search(r"<h3>(.*?)</h3>", b)[1]: b for b in blocks}


def test_f1_the_page_has_a_print_block_per_report_with_its_numbered_findings(db):
    a = audit(db)
    html = a.to_html()
    assert "@media print" in html
    letters = _letters(html)
    assert len(letters) == len(a.table)
    for r in a.to_dict():
        block = letters[f"{r['agency']} {r['year']}年度"]
        assert f"发布日期：{r['published'] or '未载明'}" in block
        found = re.findall(r"（\d+）(.*?)。(?=（\d+）|$)", r["findings_zh"])
        assert len(re.findall(r"<li>", block.split("提示意见")[0])) == len(found)
        for sentence in found:
            assert sentence.replace("“", "&ldquo;") in block or (
                sentence.replace("“", "“") in block)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pdf_text(pdf: Path) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as doc:
        return _norm("".join(p.extract_text() or "" for p in doc.pages))


def _in_pdf(expected: str, text: str) -> bool:
    """Whether ``expected`` is in the PDF's text; a CJK font may map a character to its
    radical's code point (民 → ⺠) or a dash to another (— → ―): those match any there."""
    pattern = "".join(
        re.escape(ch) if ch.isascii() else "." if unicodedata.category(ch)[0] in "PS"
        else f"(?:{re.escape(ch)}|[\u2e80-\u2fdf])" for ch in _norm(expected))
    return re.search(pattern, text) is not None


@pytest.mark.browser
@needs_chromium
def test_f1_one_agencys_page_prints_its_findings_in_chromium(db, tmp_path):
    a = audit(db, agencies=[WATER])
    page = tmp_path / "one.html"
    a.to_html(page)
    pdf = tmp_path / "one.pdf"
    subprocess.run([*chromium_command(tmp_path), "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True,
                   timeout=120, check=True)
    text = _pdf_text(pdf)
    row = _row(a, WATER)
    assert _in_pdf(f"{WATER} 2024年度", text) and _in_pdf(f"发布日期：{row['published']}", text)
    for sentence in re.findall(r"（\d+）(.*?)。", row["findings_zh"]):
        assert _in_pdf(sentence, text), sentence  # every finding, not column 30 of 32
    assert "Identityfailures" not in text  # the wide table is not printed


# --- F3: a section 五 copied whole; problems and no measure at all -------------------------


def test_f3_a_section_5_copied_whole_says_all_of_it(db):
    a = audit(db)
    whole = _row(a, FINANCE, 2025)
    n = whole["copied_from_last_year"]
    assert n >= 3 and f"第五部分全部{n}条均与上年相同" in whole["signals_zh"]
    partly = _row(a, COUNTY, 2025)
    assert partly["copied_from_last_year"] >= 1 and "全部" not in partly["signals_zh"]


def test_f3_problems_without_any_measure_are_a_defect(db):
    a = audit(db)
    banner = _row(a, BANNER)
    assert banner["no_measures"] is True and banner["defects"] >= 1
    assert "只有问题，没有改进措施" in banner["findings_zh"]
    assert banner["unmatched_problems"] == ""  # not said twice, as a signal too
    assert "no_measures" in DEFECT_COLUMNS and "no_measures" not in SIGNAL_COLUMNS
    others = [r for r in a.to_dict() if r["agency"] != BANNER]
    assert not any(r["no_measures"] for r in others)


# --- F6: a table of dashes in one sentence; filter words ----------------------------------


def test_f6_a_table_of_dashes_is_one_sentence(db):
    row = _row(audit(db), WATER)
    n = int(re.search(r"table3 (\d+) blank", row["blank_cells"])[1])
    assert n > 100
    assert f"表三用“—”代替0（{n}个单元格），请按国家表式填写数字0" in row["findings_zh"]
    assert "申请人无正当理由逾期不补正" not in row["findings_zh"]
    assert len(row["findings_zh"]) < 600


@pytest.mark.browser
@needs_chromium
def test_f6_filter_words_skip_the_labels_a_finding_quotes(db, tmp_path):
    # the filter reads the cells' text (auditpage26: it was a copy in data-filter)
    html = audit(db).to_html()
    assert "“法律服务机构”" in html  # LAND's finding quotes the column it lacks
    got = measure_in_chromium(html, """(function () {
      var box = document.getElementById('audit-filter');
      function shown(w) {
        box.value = w; box.dispatchEvent(new Event('input'));
        return Array.prototype.filter.call(document.querySelectorAll('#audit tbody tr'),
          function (tr) { return tr.style.display !== 'none'; }).map(function (tr) {
            return tr.cells[1].textContent; }); }
      return {table3: shown('表三缺少'), falses: shown('False'), quoted: shown('逾期不补正'),
              label: shown('法律服务机构')};
    })()""", tmp_path)
    assert LAND in got["table3"]  # what the finding says is searched ...
    assert got["falses"] == []  # an empty flag is not "False"
    assert got["quoted"] == [] and got["label"] == []  # ... not the labels quoted


@pytest.mark.browser
@needs_chromium
def test_f6_typing_late_keeps_the_late_report_only(db, tmp_path):
    got = measure_in_chromium(audit(db).to_html(), """{
      rows: (function () {
        var box = document.getElementById('audit-filter');
        box.value = '逾期'; box.dispatchEvent(new Event('input'));
        return Array.prototype.filter.call(document.querySelectorAll('#audit tbody tr'),
          function (tr) { return tr.style.display !== 'none'; }).map(function (tr) {
            return tr.cells[1].textContent; }); })(),
      letters: document.querySelectorAll('.letter.hidden').length
    }""", tmp_path)
    assert got["rows"] == [STATS]
    assert got["letters"] == 9  # the print blocks of the rows hidden are hidden too


# --- F5: a missing column; a section 五 that refers to an annex --------------------------------


def test_f5_a_form_without_a_column_is_said_so(db):
    row = _row(audit(db), LAND)
    assert "表三缺少“法律服务机构”列" in row["findings_zh"]
    assert "未填报" not in row["findings_zh"]
    assert row["blank_cells"].startswith("table3 column missing: legal_services")
    assert row["defects"] == 1


def test_f5_a_section_5_referring_to_an_annex_is_said_so(db):
    row = _row(audit(db), STATS)
    assert row["no_concrete_problem"] is True
    assert "第五部分“存在的主要问题及改进情况”仅称详见附件" in row["findings_zh"]
    assert "套话" not in row["findings_zh"]


# --- F4: a section 五 matching one other agency ------------------------------------------


def test_f4_shared_with_counts_and_one_source_sentence(db):
    a = audit(db)
    for agency, other in ((CIVIL, EMERGENCY), (EMERGENCY, CIVIL)):
        row = _row(a, agency)
        m = re.match(rf"{other}（(\d+)）", row["shared_with"])
        assert m and int(m[1]) >= 3
        assert f"与{other}的报告相同或近似" in row["signals_zh"]
    water = _row(a, WATER)  # shares a few stock phrases with several: no single source
    assert water["shared_with"] and "的报告相同或近似" not in water["signals_zh"]


# --- F9: the headline in Chinese; T1 quotes the report's word ------------------------------


def test_f9_the_page_has_a_chinese_headline(db):
    a = audit(db)
    c = a.counts()
    html = a.to_html()
    assert (f"共{c['rows'] - c['failed_files']}份报告：有缺陷的{c['with_defects']}份，"
            f"仅有提示的{c['signals_only']}份") in html
    assert "打印" in html


def test_f9_t1_quotes_the_word_section_1_uses(tmp_path):
    from nlp_reports.corpus.audit import _said_word

    text = "2024年，我镇认真落实各项要求。全年新收政府信息公开申请5件，办结2件。"
    assert _said_word("收到/受理申请", "5", text) == "新收申请"
    assert _said_word("收到/受理申请", "5", "本年受理公开申请5件。") == "受理申请"
    assert _said_word("收到/受理申请", "2", text) == "收到/受理申请"  # no such clause
    assert _said_word("办结", "2", text) == "办结"
