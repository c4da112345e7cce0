"""Label files as spreadsheets save them besides CSV: tab-separated text, a workbook, a header
with stray spaces or a title row above it.

A TSV (or Excel's "Unicode text" .txt: UTF-16, tabs) was read as JSON Lines and refused with
"invalid JSON (Expecting value)"; an .xlsx with "save the file as UTF-8" — neither said what
the file was or how to save it.
"""

import csv
import io
import zipfile

import pytest

from nlp_reports.classify.dataset import data_files, load_labeled
from nlp_reports.errors import DataError

ROWS = [
    ["text", "kind", "themes"],
    ["街道公开栏内容陈旧，半年未更新", "问题", "及时性、平台渠道与信息化"],
    ["配齐一名专职信息员，负责网站日常维护", "measure", "staffing; platform"],
    ["本年度未收到政府信息公开申请", "其他", ""],
]
WANT = [("problem", ("timeliness", "platform")), ("measure", ("staffing", "platform")),
        ("other", ())]


def _table(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _labels(items):
    return [(d.kind, d.themes) for d in items]


def test_tsv_is_read_as_a_table(tmp_path):
    f = tmp_path / "round1.tsv"
    f.write_text(_table(ROWS, "\t"), encoding="utf-8")
    assert _labels(load_labeled(f)) == WANT


def test_excel_unicode_text_save_is_read(tmp_path):
    # Excel: 另存为 "Unicode 文本 (*.txt)": UTF-16 with a BOM, tab-separated, CRLF
    f = tmp_path / "标注.txt"
    f.write_bytes(_table(ROWS, "\t").encode("utf-16"))
    items = load_labeled(f)
    assert _labels(items) == WANT
    assert items[0].text == "街道公开栏内容陈旧，半年未更新"


def test_a_csv_under_another_suffix_is_read_by_its_header(tmp_path):
    f = tmp_path / "labels.txt"
    f.write_text(_table(ROWS), encoding="gb18030")
    assert _labels(load_labeled(f)) == WANT


def test_jsonl_is_still_jsonl_and_a_bad_line_still_refused(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"text": "加强保密审查", "kind": "measure", "themes": ["confidentiality"]}\n'
                 "not json\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x.jsonl:2: invalid JSON"):
        load_labeled(f)


def test_a_folder_holds_tsv_files(tmp_path):
    (tmp_path / "a.tsv").write_text(_table(ROWS, "\t"), encoding="utf-8")
    (tmp_path / "b.csv").write_text(_table(ROWS), encoding="utf-8")
    assert [p.name for p in data_files(tmp_path)] == ["a.tsv", "b.csv"]


def _xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize("name", ["labels.xlsx", "labels.csv"])  # the second renamed by hand
def test_a_workbook_is_refused_with_how_to_save_it(tmp_path, name):
    f = tmp_path / name
    _xlsx(f)
    with pytest.raises(DataError) as e:
        load_labeled(f)
    msg = str(e.value)
    assert "workbook" in msg and "CSV UTF-8" in msg and name in msg
    assert "另存为" in e.value.message_zh and "CSV" in e.value.message_zh


def test_an_old_xls_is_refused_too(tmp_path):
    f = tmp_path / "labels.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DataError, match="workbook"):
        load_labeled(f)


def test_header_cells_with_stray_spaces_are_the_columns(tmp_path):
    f = tmp_path / "spaces.csv"
    f.write_text(_table([["text ", " kind", " themes\u3000"], *ROWS[1:]]), encoding="utf-8-sig")
    assert _labels(load_labeled(f)) == WANT


def test_a_title_row_above_the_header_is_named(tmp_path):
    f = tmp_path / "title.csv"
    f.write_text(_table([["第一轮标注（11月）", "", ""], *ROWS]), encoding="utf-8-sig")
    with pytest.raises(DataError, match=r"the header row \(text, kind, themes\) is line 2: delete "
                                        r"the line above it"):
        load_labeled(f)


def test_a_txt_with_a_huge_first_line_is_no_table_and_no_traceback(tmp_path):
    # the header sniff ran the csv module over the first line: one over its 128 KB cell
    # limit raised _csv.Error out of load_labeled and suggest --exclude
    from pathlib import Path

    from nlp_reports.classify.suggest import _texts_of

    f = tmp_path / "整理稿.txt"
    f.write_text("本机关高度重视政府信息公开工作，" * 9000 + "\n完善公开目录\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_labeled(f)
    assert _texts_of(Path(f))[-1] == "完善公开目录"
