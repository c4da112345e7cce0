"""The audit's Chinese wording and edge cases: signals in Chinese (signals_zh), a
missing section 四 counted once with a Chinese sentence for every parse problem, an empty
filter result that says what matched nothing, a file named for one year that holds another
year's report, and the page's filter box that does not search the shared_with column.

The six reports in tests/data/audit_s9/ come from the trial's generated corpus (岚州市, a
fictional city): 人社局 2024 without section 四, 商务局 2024 whose section 五 is copied from
2023, 公安局 2024 whose 规范性文件 现行有效 does not follow from 2023 (X2), and a file named
医疗保障局2024… that holds the agency's 2022 report.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from _browser import measure_in_chromium, needs_chromium
from _corpus_helpers import FakeTagger, make_report, parsed_store

from nlp_reports.corpus import Store, audit
from nlp_reports.corpus.audit import (
    COLUMNS,
    SHARED_WITH_ZH_NAMES,
    SIGNAL_COLUMNS,
    file_name_year,
    problem_zh,
)

DATA = Path(__file__).parent / "data" / "audit_s9"
HR = "岚州市人力资源和社会保障局"
COMMERCE = "岚州市商务局"
POLICE = "岚州市公安局"
HEALTHCARE = "岚州市医疗保障局"


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """The six files parsed by the real parser, tagged by the fake tagger, in one store."""
    return parsed_store(tmp_path_factory.mktemp("s9") / "city.sqlite", sorted(DATA.rglob("*.txt")))


def _row(a, agency: str, year: int | None = None) -> dict:
    rows = [r for r in a.to_dict() if r["agency"] == agency
            and (year is None or r["year"] == year)]
    assert len(rows) == 1, rows
    return rows[0]


# --- N3: every signal has a Chinese sentence ----------------------------------------------


def test_signals_zh_follows_findings_zh_and_numbers_every_signal(city):
    assert COLUMNS.index("signals_zh") == COLUMNS.index("findings_zh") + 1
    a = audit(city)
    for r in a.to_dict():
        items = re.findall(r"（(\d+)）", r["signals_zh"])
        assert [int(i) for i in items] == list(range(1, len(items) + 1))
        # one sentence per flagged signal column (shared/copied/X2 count one sentence each)
        flagged = sum(1 for c in SIGNAL_COLUMNS if r[c] not in ("", 0, False))
        assert len(items) == flagged, (r["path"], r["signals_zh"])


def test_copied_section_5_says_how_many_and_from_which_year(city):
    a = audit(city, years=[2024])
    row = _row(a, COMMERCE)
    n = row["copied_from_last_year"]
    assert n >= 5
    # its 五 is 2023's whole: the defect section5_copied (audit23), and the signal stays
    assert row["section5_copied"] and row["defects"] == 1
    assert row["findings_zh"] == (f"（1）第五部分“存在的主要问题及改进情况”共{n}条问题和改进措施，"
                                  "全部照搬本机关2023年度报告（内容雷同），未写明本年度存在的问题和改进情况。")
    assert f"第五部分有{n}条问题或改进措施表述与本机关2023年度报告相同或近似" in row["signals_zh"]


def test_x2_has_its_figures_in_chinese(city):
    row = _row(audit(city, years=[2024]), POLICE)
    assert row["cross_year_soft"].startswith("X2 table2.1/")
    found, expected = re.search(r"expected (\d+), found (\d+)",
                                row["cross_year_soft"]).group(2, 1)
    assert f"现行有效件数为{found}" in row["signals_zh"]
    assert f"应为{expected}" in row["signals_zh"]


def test_shared_sentence_names_at_most_three_agencies(tmp_path):
    stock = "政府信息公开工作与新形势新要求相比仍有一定差距，信息公开的深度和广度有待进一步拓展。"
    reports = {f"{i}.txt": make_report(f"{name}人民政府", 2024, [stock], ["下一步将加强培训。"])
               for i, name in enumerate(("甲县", "乙县", "丙县", "丁县", "戊县", "己县", "庚县"))}
    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        for name, r in reports.items():
            s.write_report(name, r, FakeTagger().tag_many([r])[0], model_id="m")
    row = _row(audit(db), "甲县人民政府")
    assert row["shared_with"].endswith("等6个机关")  # five named in the detail column
    assert len(row["shared_with"].removesuffix("等6个机关").split("、")) == 5
    named = re.search(r"与其他机关（(.+?)）", row["signals_zh"]).group(1)
    assert named.endswith("等6个机关")
    assert len(named.removesuffix("等6个机关").split("、")) == SHARED_WITH_ZH_NAMES
    assert "甲县人民政府" not in named


def test_signals_zh_in_the_csv_and_on_the_page(city, tmp_path):
    a = audit(city, years=[2024])
    out = a.to_csv(tmp_path / "a.csv")
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    got = {r["agency"]: r["signals_zh"] for r in rows}
    assert "2023年度报告相同或近似" in got[COMMERCE]
    html = a.to_html()
    assert "提示意见" in html and "2023年度报告相同或近似" in html


# --- N5: a missing section 四 is one defect, said in Chinese ------------------------------


def test_missing_section_4_is_one_defect_in_chinese(city):
    row = _row(audit(city), HR)
    assert row["missing_sections"] == "4"
    assert "table_missing" in row["parse_problems"]  # listed ...
    assert row["defects"] == 1  # ... not counted again
    assert row["findings_zh"] == "（1）缺少第四部分“政府信息公开行政复议、行政诉讼情况”。"


@pytest.mark.parametrize(("code", "message", "want"), [
    ("table_missing", "表四 (行政复议、行政诉讼情况) not found", "未找到表四“行政复议、行政诉讼情况”"),
    ("table_missing", "表二 第二十条第（五）项 (table2.5) not found", "未找到表二“第二十条第（五）项”"),
    ("table_missing", "no national statistical table found (表二、表三、表四)", "未找到国家格式的统计表格"),
    ("table_unreadable", "表三 (收到和处理政府信息公开申请情况): 140 of 175 cells read; row 3.3.1 "
     "has 0 values, expected 7", "三（三）1“属于国家秘密”有0个数值，应为7个"),
    ("table_unreadable", "表四 (行政复议、行政诉讼情况) is not in the text; section 四 shows an "
     "image instead, likely the table: its numbers cannot be read (run OCR)", "第四部分以图片代替"),
    ("no_headings", "no section heading (一、总体情况 …) was found", "未找到各部分标题"),
    ("no_title", "no title line naming a 年度报告 was found", "未找到写明"),
    ("unmapped_section", "heading '机构设置情况' is outside the 2021 scheme; its text was kept in "
     "the preceding section", "标题“机构设置情况”不属于国家格式的六个部分"),
    ("section5_measures_only", "section 五 starts at '改进措施', which names only measures; its "
     "problems part may have been missed", "“存在的主要问题及改进情况”部分以“改进措施”开头，只写改进措施"),
    ("layout_inconsistent", "表二 is in the 2019 format but 表三 in the 2021 format",
     "表二按2019年格式、表三按2021年格式编制"),
    ("missing_fee_part", "no part on fees (收费及减免情况, 2007 条例 第三十二条) and no word of fees in "
     "the text", "未报告收费及减免情况"),
])
def test_every_parse_code_has_a_chinese_sentence(code, message, want):
    got = problem_zh(code, message)
    assert want in got
    assert not re.search(r"[A-Za-z]{3,}", got), got  # no English left in the letter


def test_the_parser_codes_are_all_covered():
    """Every code the parser writes (``Problem("code", …)``) has its own sentence: the
    English fallback is for a code added later."""
    src = "".join(p.read_text(encoding="utf-8")
                  for p in (Path(__file__).parents[1] / "nlp_reports" / "parse").glob("*.py"))
    codes = set(re.findall(r'Problem\(\s*"([a-z0-9_]+)"', src))
    assert {"table_missing", "table_unreadable", "no_headings"} <= codes
    for code in codes:
        assert not problem_zh(code, "x").startswith("解析问题"), code
    assert problem_zh("new_code", "some message") == "解析问题 new_code：some message"


# --- N6: an empty filter result says what matched nothing ---------------------------------


def test_an_empty_filter_result_names_the_filter_and_the_agency_s_years(city, capsys):
    from nlp_reports.cli import main

    a = audit(city, years=[2024], agencies=[HEALTHCARE])
    assert len(a.table) == 0
    head = a.headline()
    assert "holds no report" not in head
    assert f"No report matches --year 2024 --agency {HEALTHCARE}" in head
    assert "the store holds 6 reports" in head and "reports of: 2022" in head
    assert main(["audit", "--db", str(city), "--folder", "nowhere"]) == 0
    out = capsys.readouterr().out
    assert "No report matches --folder nowhere (the store holds 6 reports)" in out


def test_an_empty_store_still_says_so(tmp_path):
    db = tmp_path / "e.sqlite"
    Store(db).close()
    assert audit(db, years=[2024]).headline() == "The store holds no report and no failed file."


# --- N1: a file named for 2024 holding the 2022 report ------------------------------------


@pytest.mark.parametrize(("name", "year"), [
    ("岚州市医疗保障局2024年政府信息公开工作年度报告.txt", 2024),
    ("2024年度岚州市医疗保障局政府信息公开工作年度报告.docx", 2024),
    ("2024_岚州市医疗保障局.pdf", 2024),
    ("岚州市医疗保障局政府信息公开工作年度报告.txt", None),
    ("岚州市医疗保障局2025年1月发布.txt", None),  # a date, not the report's year
    ("岚州市医疗保障局_2025-01-20.txt", None),
    ("某大学2021-2022学年信息公开年度报告.txt", None),  # two years: no single year stated
])
def test_file_name_year(name, year):
    assert file_name_year(f"/some/folder/2024/{name}") == year


def test_a_file_named_for_another_year_is_a_signal(city):
    a = audit(city)
    row = _row(a, HEALTHCARE)
    assert row["year"] == 2022
    assert row["file_name_year"] == "file name 2024, report 2022"
    assert row["defects"] == 0 and row["signals"] >= 1
    assert "文件名为2024年度，报告内容为2022年度" in row["signals_zh"]
    others = [r for r in a.to_dict() if r["agency"] != HEALTHCARE]
    assert others and all(r["file_name_year"] == "" for r in others)


def test_year_note_names_agencies_without_a_report_that_year(city):
    a = audit(city, years=[2024])
    assert HEALTHCARE not in set(a.table["agency"])
    note = [n for n in a.notes if n.startswith("no report on 2024")]
    assert len(note) == 1 and f"{HEALTHCARE} (2022)" in note[0]
    for agency in (COMMERCE, POLICE, HR):  # they have a 2024 report
        assert agency not in note[0]
    assert f"{HEALTHCARE} (2022)" in a.headline()
    # 2023: no report of it either (its 2022 report is the latest); 商务局 and 公安局 have one
    note23 = " ".join(audit(city, years=[2023]).notes)
    assert f"{HEALTHCARE} (2022)" in note23 and COMMERCE not in note23
    assert not [n for n in audit(city, years=[2022]).notes if n.startswith("no report on")]


# --- N2: the filter box does not search the shared_with column ----------------------------


def test_the_shared_with_cell_is_left_out_of_the_filter(city):
    html = audit(city).to_html()
    cells = re.findall(r'<td data-nofilter="1"[^>]*>(.*?)</td>', html)
    assert cells and any("岚州市" in c for c in cells)
    assert "hasAttribute('data-nofilter')" in html  # the box's script skips them


@pytest.mark.browser
@needs_chromium
def test_typing_an_agency_keeps_only_its_rows(city, tmp_path):
    a = audit(city)
    html = a.to_html()
    got = measure_in_chromium(html, """{
      rows: (function () {
        var box = document.getElementById('audit-filter');
        box.value = '岚州市商务局'; box.dispatchEvent(new Event('input'));
        return Array.prototype.filter.call(document.querySelectorAll('#audit tbody tr'),
          function (tr) { return tr.style.display !== 'none'; }).map(function (tr) {
            return tr.cells[1].textContent; }); })()
    }""", tmp_path)["rows"]
    shared = [r for r in a.to_dict() if COMMERCE in r["shared_with"]]
    assert shared  # other rows name 商务局 in their shared_with cell ...
    assert got == [COMMERCE, COMMERCE]  # ... and are not kept
