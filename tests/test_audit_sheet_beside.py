"""Files beside and inside a corpus: a report's 附表 spreadsheet saved beside it, two texts
of one agency and year, a 汇编 part also saved as a file of its own, and the by-agency
representatives excerpt of the summary's HTML page. The bodies are fictional."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports import load_report
from nlp_reports.corpus import audit, tag_paths
from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, COLUMNS, problem_zh

RT22 = Path(__file__).parent / "fixtures" / "redteam22"

#: A township's report whose three tables are all in a spreadsheet sent with it (详见附件).
_TOWNSHIP_NO_TABLES = """青禾镇人民政府2024年政府信息公开工作年度报告

本报告由青禾镇人民政府依据《中华人民共和国政府信息公开条例》编制，数据统计期限为2024年1月1日至2024年12月31日。

一、总体情况
2024年，青禾镇坚持以公开促落实，围绕乡村振兴、惠民补贴、人居环境整治等群众关心的事项，及时公开村级财务和低保评审结果，全年在镇政府网站栏目发布信息一百余条。

二、主动公开政府信息情况
本年度主动公开政府信息情况详见附件统计表。

三、收到和处理政府信息公开申请情况
本年度收到和处理政府信息公开申请情况详见附件统计表。

四、政府信息公开行政复议、行政诉讼情况
详见附件统计表。

五、存在的主要问题及改进情况
（一）存在的主要问题
一是村务公开栏更新不够及时；二是惠民补贴公示的内容不够完整。
（二）改进情况
一是建立村务公开栏月度巡查制度；二是按户公示补贴名称、标准和发放金额。

六、其他需要报告的事项
本年度未收取信息处理费。

青禾镇人民政府
2025年1月20日
"""


def _table_missing(report) -> list[str]:
    return [p.message for p in report.errors if p.code == "table_missing"]


def test_a_sheet_beside_the_report_is_named_in_table_missing(tmp_path):
    """表三 only as an .xlsx the crawl saved in the same folder: the message and its Chinese
    sentence name the sheet (not "download the attachment"); without the sheet they do not."""
    folder = tmp_path / "梅岭县" / "财政局"
    folder.mkdir(parents=True)
    page = folder / "梅岭县财政局2024年政府信息公开工作年度报告.html"
    shutil.copy(RT22 / "b03_t3_as_xlsx_attachment.html", page)
    [alone] = _table_missing(load_report(page))
    assert "beside it" not in alone and alone.endswith("download the attachment")
    (folder / "表三 收到和处理政府信息公开申请情况.xlsx").write_bytes(b"PK\x03\x04 sheet")
    [message] = _table_missing(load_report(page))
    assert message.startswith("表三 (收到和处理政府信息公开申请情况) not found; the text points to")
    assert ("its table seems to be in 表三 收到和处理政府信息公开申请情况.xlsx beside it, which "
            "the tool does not read") in message
    assert "download the attachment" not in message
    zh = problem_zh("table_missing", message)
    assert zh.startswith("正文称表三“收到和处理政府信息公开申请情况”见附件")
    assert "同一文件夹中的“表三 收到和处理政府信息公开申请情况.xlsx”" in zh and "请下载附件" not in zh


def test_all_tables_in_one_sheet_beside_a_township_report(tmp_path):
    """No table in the text (详见附件统计表) and a .et named 附件 beside the only report of the
    folder: the sheet is named for all three tables."""
    folder = tmp_path / "青禾镇"
    folder.mkdir()
    report = folder / "2024年度政府信息公开工作年度报告.txt"
    report.write_text(_TOWNSHIP_NO_TABLES, encoding="utf-8")
    (folder / "附件：统计表.et").write_bytes(b"\xd0\xcf\x11\xe0")
    [message] = _table_missing(load_report(report))
    assert message.startswith("no national statistical table found")
    assert "its tables seem to be in 附件：统计表.et beside it" in message
    zh = problem_zh("table_missing", message)
    assert "同一文件夹中的“附件：统计表.et”" in zh and "本工具不读取电子表格" in zh


def test_a_generic_sheet_in_a_folder_of_many_reports_is_not_claimed(tmp_path):
    """A folder of several bodies' reports: a sheet named only 附件1.xlsx may be anyone's, so
    it is not named; one whose name holds the report's agency is."""
    folder = tmp_path / "县直部门"
    folder.mkdir()
    report = folder / "青禾镇2024年报.txt"
    report.write_text(_TOWNSHIP_NO_TABLES, encoding="utf-8")
    for name in ("柳溪乡2024年报.txt", "云台街道2024年报.docx"):
        (folder / name).write_bytes(b"x")
    (folder / "附件1.xlsx").write_bytes(b"PK")
    [message] = _table_missing(load_report(report))
    assert "beside it" not in message
    (folder / "青禾镇人民政府2024年统计表.xls").write_bytes(b"\xd0\xcf")
    [message] = _table_missing(load_report(report))
    assert "its tables seem to be in 青禾镇人民政府2024年统计表.xls beside it" in message
    assert "附件1.xlsx" not in message


def test_more_than_three_sheets_beside_are_counted_in_one_quoted_list(tmp_path):
    """Five sheets of the township beside its report: three named, the count of all, and the
    Chinese sentence quotes each name once (no empty “” after the count)."""
    folder = tmp_path / "青禾镇政务公开"
    folder.mkdir()
    report = folder / "青禾镇2024年报.txt"
    report.write_text(_TOWNSHIP_NO_TABLES, encoding="utf-8")
    names = ["青禾镇2024年报附表一.xlsx", "青禾镇2024年报附表二.xlsx", "青禾镇2024年报附表三.xlsx",
             "青禾镇2024年报附表四.xls", "青禾镇2024年报附表五.et"]
    for name in names:
        (folder / name).write_bytes(b"PK")
    [message] = _table_missing(load_report(report))
    assert "(and 2 more) beside it" in message
    zh = problem_zh("table_missing", message)
    shown = re.search(r"同一文件夹中的(.+?)中，本工具不读取电子表格", zh)
    assert shown is not None, zh
    assert re.fullmatch(r"(?:“[^“”]+”){3}等5个文件", shown[1]), zh
    assert "“”" not in zh


# --- two texts for one agency and year ------------------------------------------------------

def _revised(text: str) -> str:
    """The township's report re-issued: 修订版 in the title, a figure and the date changed."""
    return (text.replace("年度报告\n", "年度报告（修订版）\n", 1)
            .replace("发布信息一百余条", "发布信息126条")
            .replace("2025年1月20日", "2025年3月6日"))


@pytest.fixture(scope="module")
def two_texts(tmp_path_factory):
    """A county office's folder: the township's report and its 修订版 (another text), and a
    bureau with one report; tagged by the real batch."""
    root = tmp_path_factory.mktemp("c24two")
    folder = root / "柳岸县" / "青禾镇"
    folder.mkdir(parents=True)
    (folder / "青禾镇2024年政府信息公开工作年度报告.txt").write_text(_TOWNSHIP_NO_TABLES,
                                                               encoding="utf-8")
    (folder / "关于青禾镇2024年年报的更正.txt").write_text(_revised(_TOWNSHIP_NO_TABLES),
                                                   encoding="utf-8")
    other = root / "柳岸县" / "水务局"
    other.mkdir()
    (other / "柳岸县水务局2024年报.txt").write_text(
        _TOWNSHIP_NO_TABLES.replace("青禾镇人民政府", "柳岸县水务局").replace("青禾镇", "柳岸县水务局"),
        encoding="utf-8")
    db = root / "s.sqlite"
    result = tag_paths([root / "柳岸县"], db, model=FakeTagger(), words=False)
    assert result.failed == 0 and result.duplicates == 0
    return db


def test_two_texts_of_one_year_are_a_signal_naming_the_other(two_texts):
    """Each of the two texts names the other file, which is dated later and says 修订, and
    asks which is in force; the summary counts both unless --dedupe, which keeps the 修订版."""
    rows = {Path(r["path"]).name: r for r in audit(two_texts).to_dict()}
    first = rows["青禾镇2024年政府信息公开工作年度报告.txt"]
    second = rows["关于青禾镇2024年年报的更正.txt"]
    assert first["texts_for_agency_year"] == second["texts_for_agency_year"] == 2
    assert first["same_year_texts"] == (
        "also 关于青禾镇2024年年报的更正.txt (published 2025-03-06, later; says 修订/更正): "
        "confirm which text is in force; summarize counts both, --dedupe counts "
        "关于青禾镇2024年年报的更正.txt")
    assert second["same_year_texts"].startswith(
        "also 青禾镇2024年政府信息公开工作年度报告.txt (published 2025-01-20, earlier): ")
    assert first["signals"] >= 1 and second["signals"] >= 1
    zh = first["signals_zh"]
    assert ("本机关2024年度另有文本“关于青禾镇2024年年报的更正.txt”（发布日期2025-03-06，晚于本文本；"
            "标题或文件名称修订、更正），请确认哪一份为现行有效的报告") in zh
    assert "汇总时两份均计入，加 --dedupe 时只计“关于青禾镇2024年年报的更正.txt”" in zh
    bureau = rows["柳岸县水务局2024年报.txt"]
    assert bureau["texts_for_agency_year"] == 1 and bureau["same_year_texts"] == ""
    assert "same_year_texts" in COLUMNS and COLUMN_NAMES_ZH["same_year_texts"] == "同年度另有文本"


# --- a 汇编 part also saved as a file of its own ------------------------------------------------

COMPILATION = Path(__file__).parent / "fixtures" / "compile16" / "岚溪县县直部门年报汇编2023.txt"
HEALTH = "岚溪县卫生健康局"


def _part_text(k: int) -> str:
    """The text of the compilation's part ``k`` (1-based), as the bureau published it alone."""
    from nlp_reports.parse.load import _read, compilation_parts

    _, _, simplified, original = _read(COMPILATION, None)
    a, b = compilation_parts(simplified)[k - 1]
    return original[a:b].strip() + "\n"


def _rows(db, sql):
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_part_saved_alone_in_the_same_run_is_its_duplicate(tmp_path):
    """The county's 汇编 and the bureau's report downloaded alone (the same text, another
    encoding): one report, held by the part; the loose file is the compilation's duplicate,
    its files row kept; the audit counts one text for the bureau's year."""
    folder = tmp_path / "岚溪县" / "2023"
    folder.mkdir(parents=True)
    shutil.copy(COMPILATION, folder / COMPILATION.name)
    loose = folder / f"{HEALTH}2023年政府信息公开工作年度报告.txt"
    loose.write_bytes(_part_text(2).replace("\n", "\r\n").encode("gb18030"))
    db = tmp_path / "s.sqlite"
    result = tag_paths([tmp_path / "岚溪县"], db, model=FakeTagger(), words=False)
    assert result.duplicates == 1 and result.failed == 0 and result.split_reports == 4
    assert _rows(db, f"SELECT path, part FROM reports WHERE agency = '{HEALTH}'") == [
        (str(folder / COMPILATION.name), 2)]
    assert _rows(db, f"SELECT status, duplicate_of FROM files WHERE path = '{loose}'") == [
        ("duplicate", str(folder / COMPILATION.name))]
    [row] = [r for r in audit(db).to_dict() if r["agency"] == HEALTH]
    assert row["texts_for_agency_year"] == 1 and row["same_year_texts"] == ""
    again = tag_paths([tmp_path / "岚溪县"], db, model=FakeTagger(), words=False)
    assert again.ok == 0 and again.skipped == 2 and again.duplicates == 0


def test_a_part_stored_alone_before_passes_to_the_compilation(tmp_path):
    """The bureau's file (and a browser's byte copy of it) tagged first, the county's 汇编
    in a later run: the report passes to the part, and both loose files become duplicates
    of the compilation — rows kept, no report lost, none counted twice."""
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    loose = folder / f"{HEALTH}2023年报.txt"
    loose.write_text(_part_text(2), encoding="utf-8")
    copy = folder / f"{HEALTH}2023年报(1).txt"
    shutil.copy(loose, copy)
    db = tmp_path / "s.sqlite"
    first = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert first.ok == 1 and first.duplicates == 1
    shutil.copy(COMPILATION, folder / COMPILATION.name)
    tag_paths([folder], db, model=FakeTagger(), words=False)
    held = str(folder / COMPILATION.name)
    assert _rows(db, f"SELECT path, part FROM reports WHERE agency = '{HEALTH}'") == [(held, 2)]
    assert sorted(_rows(db, "SELECT path, status, duplicate_of FROM files")) == sorted([
        (held, "ok", None), (str(loose), "duplicate", held), (str(copy), "duplicate", held)])


def test_a_part_saved_alone_in_other_words_stays_two_texts(tmp_path):
    """The bureau's own version differs by a sentence: not the same text, so two reports,
    and the audit's signal names the compilation's part on the loose file's row."""
    folder = tmp_path / "岚溪县"
    folder.mkdir()
    shutil.copy(COMPILATION, folder / COMPILATION.name)
    text = _part_text(2)
    edited = text.replace("一、总体情况\n", "一、总体情况\n本年度我局认真贯彻落实政务公开各项要求。\n", 1)
    assert edited != text
    (folder / f"{HEALTH}2023年报.txt").write_text(edited, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    result = tag_paths([folder], db, model=FakeTagger(), words=False)
    assert result.duplicates == 0
    rows = [r for r in audit(db).to_dict() if r["agency"] == HEALTH]
    assert len(rows) == 2 and {r["texts_for_agency_year"] for r in rows} == {2}
    [alone] = [r for r in rows if "#" not in r["path"]]
    assert alone["same_year_texts"].startswith(f"also {COMPILATION.name}#2 (")


# --- the by-agency representatives of the summary's HTML page ---------------------------------

def _many_agencies(n_agencies: int):
    """A representatives table by agency as ``summarize(by=["agency"])`` gives it: per agency
    3 ranks of each theme × kind, agency k with k + 1 statements per theme (the last the
    largest), in the table's own order (by agency)."""
    import pandas as pd

    from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

    rows = []
    for k in range(n_agencies):
        agency = f"柳岸县第{k:04d}号单位"
        for t, theme in enumerate(THEME_IDS):
            for kind in ("problem", "measure"):
                for rank in (1, 2, 3):
                    rows.append({"agency": agency, "theme": theme,
                                 "theme_name": THEME_NAMES[theme], "kind": kind, "rank": rank,
                                 "text": f"{agency}{THEME_NAMES[theme]}{kind}第{rank}条",
                                 "year": 2024, "score": 0.9 - rank / 10,
                                 "n_statements": k + 1 + (t if kind == "problem" else 12 - t)})
    return pd.DataFrame(rows)


def test_by_agency_representatives_show_each_groups_top_on_a_small_page(two_texts, tmp_path):
    """1,000 agencies (78,000 rows): the page shows, for the largest agencies, the rank-1
    statement of each one's 3 most-stated themes per kind — whole groups, at most 200
    rows — and says what it shows and where every row is."""
    from nlp_reports.corpus.html_report import representatives_excerpt, summary_html
    from nlp_reports.corpus.summarize import summarize

    df = _many_agencies(1000)
    shown, note = representatives_excerpt(df, ("agency",))
    assert 0 < len(shown) <= 200 and (shown["rank"] == 1).all()
    per = shown.groupby(["agency", "kind"]).size()
    assert set(per) == {3}  # every shown agency whole: 3 themes per kind
    assert set(shown["agency"]) == {f"柳岸县第{k:04d}号单位" for k in range(1000 - 33, 1000)}
    top = shown[(shown["agency"] == "柳岸县第0999号单位") & (shown["kind"] == "problem")]
    assert list(top["theme"]) == list(df["theme"].drop_duplicates())[-3:]  # its most stated
    assert "33 of 1000 groups" in note and "representatives.csv" in note and "--agency" in note
    s = summarize(two_texts, by=["agency"])
    s.tables["representatives"] = df
    page = summary_html(s)
    assert len(re.findall(r"柳岸县第0999号单位[^<]*第1条", page)) == 6  # its 6 statements
    assert "柳岸县第0000号单位" not in page and "第2条" not in page
    assert "共1000个组" in page and len(page) < 400_000
    # few groups: rank 1 of every theme and kind of each; a table that fits stays whole
    shown, note = representatives_excerpt(_many_agencies(5), ("agency",))
    assert len(shown) == 5 * 26 and (shown["rank"] == 1).all() and "rank 1" in note
    small = _many_agencies(2)
    assert representatives_excerpt(small, ("agency",))[0] is small
    assert representatives_excerpt(df, ())[0] is df
