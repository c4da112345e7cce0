"""A city's 政务公开办 auditing ~110 bodies' reports: resent files, missing reports, copies.

A township sent its 2023 report again as the 2024 one, in other bytes (GB18030 with
Windows line ends here; a .docx of the same text in the trial). The store keeps it once,
as a duplicate of the 2023 report, so it had no audit row: the file_name_year signal the
``--year`` note points to never fired, and the note listed the township as having sent
nothing. The HTML page's Chinese headline did not name the agencies with no 2024 report
at all (the English note did). Further below: a 表三 row broken over a PDF page, a partly
copied section 五's share, and ``audit --by`` counting findings that are no defect.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.cli import main
from nlp_reports.corpus import audit, tag_paths

DATA = Path(__file__).parent / "data" / "audit_s9"
TRADE = "岚州市商务局"
OLD = DATA / "2023" / f"{TRADE}2023年政府信息公开工作年度报告.txt"
RESENT = f"{TRADE}2024年政府信息公开工作年度报告.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """The audit_s9 folder tagged by the real batch, plus 商务局's 2023 report re-sent as
    its 2024 one (the same text, GB18030 and CRLF, in place of the real 2024 file)."""
    root = tmp_path_factory.mktemp("nu13")
    folder = root / "收到的报告"
    shutil.copytree(DATA, folder)
    (folder / "2024" / RESENT).write_bytes(
        OLD.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    out = root / "审查.sqlite"
    result = tag_paths([folder], out, model=FakeTagger(), words=False)
    assert result.duplicates == 1 and result.failed == 0
    return out


def test_the_resent_file_is_a_signal_on_the_report_it_copies(db):
    rows = [r for r in audit(db).to_dict() if r["agency"] == TRADE]
    assert sorted(r["year"] for r in rows) == [2023]  # the copy is stored once
    row = rows[0]
    assert row["file_name_year"] == f"file name 2024 ({RESENT}, a copy of this report), report 2023"
    assert f"另一文件“{RESENT}”文件名为2024年度，内容与本报告（2023年度）相同" in row["signals_zh"]


def test_a_report_with_no_misnamed_copy_has_no_signal(db):
    rows = [r for r in audit(db).to_dict() if r["year"] == 2024]
    assert rows and not any(r["file_name_year"] for r in rows)


def test_the_missing_list_says_what_the_agency_sent(db, tmp_path, capsys):
    missing = audit(db, years=[2024]).missing
    got = dict(zip(missing["agency"], missing["note"], strict=True))
    assert got[TRADE] == f"文件“{RESENT}”文件名为2024年度，内容与本机关2023年度报告相同"
    assert all(n == "" for a, n in got.items() if a != TRADE)
    out = tmp_path / "未报送.csv"
    assert main(["audit", "--db", str(db), "--year", "2024", "--missing-csv", str(out),
                 "--csv", str(tmp_path / "a.csv")]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {r["agency"]: r for r in csv.DictReader(f)}
    assert rows[TRADE]["note"] == got[TRADE]
    assert f"{TRADE} (2023; 文件“{RESENT}”" in capsys.readouterr().err


def test_the_chinese_headline_names_the_agencies_with_no_report(db, tmp_path):
    page = tmp_path / "audit.html"
    assert main(["audit", "--db", str(db), "--year", "2024", "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    missing = audit(db, years=[2024]).missing
    head = html[html.index("<h1>"):html.index("Defects (data problems)")]
    assert f"未见2024年度报告的机关{len(missing)}个" in head
    for agency in missing["agency"]:
        assert f"{agency}（" in head
    assert f"{TRADE}（2023；文件“{RESENT}”文件名为2024年度" in head


def test_no_missing_sentence_without_year(db, tmp_path):
    page = tmp_path / "all.html"
    assert main(["audit", "--db", str(db), "--html", str(page)]) == 0
    assert "未见" not in page.read_text(encoding="utf-8")


def test_the_missing_list_says_the_file_sent_could_not_be_read(tmp_path):
    """The body did send its 2024 report, as an old Word .doc or an empty download: the list
    of agencies with no 2024 report says which file of theirs could not be read."""
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    shutil.copy(OLD, folder / OLD.name)
    (folder / f"{TRADE}2024年政府信息公开工作年度报告.txt").write_bytes(b"")
    (folder / "岚州市审计局2024年政府信息公开工作年度报告.txt").write_bytes(b"")  # no older report
    db = tmp_path / "s.sqlite"
    result = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert (result.ok, result.failed) == (1, 2)
    missing = audit(db, years=[2024]).missing
    assert missing["agency"].tolist() == [TRADE]
    assert missing["note"].tolist() == [
        f"文件“{TRADE}2024年政府信息公开工作年度报告.txt”无法读取（见未能读取的文件）"]


# --- a 表三 row broken over a page, its merged label column not drawn again ---------------

_ROW = "三、本年度办理结果\t（三）不予公开\t8.属\t0\t0\t0\t0\t0\t0\t0"
_NEXT = "（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1"


@pytest.mark.parametrize("tail, joined", [
    # Word's 表三 with narrow label columns, printed by LibreOffice: row 3.3.8's label
    # "8.属|于行政查询事项" breaks over the page; the merged column 三、本年度办理结果 is not
    # drawn on the new page, so the tail row has one cell fewer. Read apart, the row was
    # lost and the audit told the office the body had left its 7 cells blank.
    ("\t于行政查询事项\t\t\t\t\t\t\t",
     "三、本年度办理结果\t（三）不予公开\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0"),
    # one cell fewer but a row of its own (its numbering) or with values: left alone
    ("\t9.其他\t\t\t\t\t\t\t", None),
    ("\t于行政查询事项\t0\t0\t0\t0\t0\t0\t0", None),
])
def test_a_row_tail_on_a_page_without_the_merged_column_is_joined(tail, joined):
    from nlp_reports.ingest.pdf import _join_split_rows

    pages = [["申请人情况\t自然人\t法人或其他组织\t总计", _ROW], [tail, _NEXT]]
    out = _join_split_rows([list(p) for p in pages])
    if joined is None:
        assert out == pages
    else:
        assert out[0][-1] == joined and out[1] == ["", _NEXT]


# --- copied from last year: the share of section 五 ----------------------------------------

def test_a_partly_copied_section_5_gives_its_share(tmp_path):
    """Three of four problems and measures repeated: the office quotes the share (evaluators
    flag agencies repeating most of last year's text), not only the count."""
    from _corpus_helpers import make_report, store_of

    old_p = ["部分乡镇政务公开专栏更新不及时，个别栏目长期未更新内容。",
             "依申请公开答复文书格式不够统一，个别答复未告知救济途径。"]
    old_m = ["建立专栏月度巡查制度，对长期未更新的栏目进行通报整改。",
             "统一依申请公开答复文书模板，逐件进行法制审核后再答复。"]
    new_m = ["组织全县政务公开业务骨干参加上级举办的专题培训班两期。"]
    db = store_of(tmp_path / "s.sqlite", {
        "柘林县2023.txt": make_report("柘林县统计局", 2023, old_p, old_m),
        "柘林县2024.txt": make_report("柘林县统计局", 2024, old_p, old_m[:1] + new_m)})
    row = next(r for r in audit(db).to_dict() if r["year"] == 2024)
    assert row["copied_from_last_year"] == 3
    assert ("第五部分有3条问题或改进措施表述与本机关2023年度报告相同或近似"
            "（第五部分共4条问题和改进措施，占75%，沿用上年表述）") in row["signals_zh"]


# --- audit --by folder: a listed, uncounted finding is no defect of the group -------------

def test_by_folder_counts_only_what_counts_as_a_defect(tmp_path):
    """Section 五 written in prose (statements_unsplit) is listed in parse_problems but is
    no defect; the per-地市 table counted it as one (市直: 解析问题 9, none of them a defect)."""
    from _corpus_helpers import make_report, store_of

    from nlp_reports.report import Problem

    prose = Problem("statements_unsplit", "section 五 is prose: split into sentences")
    year_conflict = Problem("year_conflict", "title 2023, data period 2024")
    db = store_of(tmp_path / "s.sqlite", {
        "市直/甲.txt": make_report("青岚市统计局", 2024, ["统计数据解读不够及时。"], ["加强解读。"],
                                 errors=(prose,)),
        "市直/乙.txt": make_report("青岚市审计局", 2024, ["审计结果在网站公开不够及时。"], ["完善网站公开制度。"],
                                 errors=(year_conflict,)),
        "北湖区/丙.txt": make_report("青岚市北湖区民政局", 2024, ["救助信息更新不及时。"], ["及时更新。"])})
    a = audit(db)
    rows = {r["agency"]: r for r in a.to_dict()}
    assert "statements_unsplit" in rows["青岚市统计局"]["parse_problems"]
    assert rows["青岚市统计局"]["defects"] == 0 and rows["青岚市审计局"]["defects"] == 1
    by = a.by("folder").set_index("folder")
    assert by.loc["市直", "parse_problems"] == 1 and by.loc["市直", "with_defects"] == 1
    assert by.loc["北湖区", "parse_problems"] == 0
