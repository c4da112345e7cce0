"""A crawler's dump (JSON, JSON lines, CSV with each report's text in a field) is refused with
the field to extract, named or met in a folder walk — never read as one wrong report.

Before, ``parse dump.jsonl`` gave a report with no agency whose statements held the JSON's
quotes, a CSV dump a "compilation" of glued records, and a folder walk counted the dumps
among the files holding "no reports".
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nlp_reports.corpus.files import expand_paths
from nlp_reports.errors import UnsupportedFormatError
from nlp_reports.ingest import read_document
from nlp_reports.reasons import failure_meaning_zh

REPORT = (Path(__file__).parent / "fixtures" / "converted" / "excel_csv_tables.txt").read_text(
    encoding="utf-8")
OTHER = REPORT.replace("鸣沙区司法局", "鸣沙区档案馆").replace("2022", "2023")


def _records():
    return [{"url": "http://www.msq.gov.cn/zwgk/ndbg/202301/t20230130_5521.html",
             "title": "鸣沙区司法局2022年政府信息公开工作年度报告", "content": REPORT},
            {"url": "http://www.msq.gov.cn/zwgk/ndbg/202401/t20240122_6034.html",
             "title": "鸣沙区档案馆2023年政府信息公开工作年度报告", "content": OTHER}]


def _write_csv(path: Path, rows: list[dict], encoding: str = "utf-8-sig") -> None:
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.json", "dump.txt"])
def test_json_dumps_are_refused_naming_the_text_field(tmp_path, name):
    path = tmp_path / name
    if name == "dump.json":  # one JSON array, ASCII-escaped as json.dump writes by default
        path.write_text(json.dumps(_records()), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()),
                        encoding="utf-8")
    with pytest.raises(UnsupportedFormatError) as err:
        read_document(path)
    message = str(err.value)
    assert "crawler's dump" in message and "'content'" in message and "2 record(s)" in message
    assert err.value.reason == "unsupported_format"
    assert "爬虫导出" in failure_meaning_zh(f"unsupported_format: {message}")


def test_a_csv_dump_is_refused_and_a_table_saved_as_csv_is_still_text(tmp_path):
    dump = tmp_path / "采集结果.csv"
    _write_csv(dump, _records(), encoding="gb18030")
    with pytest.raises(UnsupportedFormatError, match="column 'content'"):
        read_document(dump)
    table = tmp_path / "表三.csv"
    table.write_text("鸣沙区司法局2022年政府信息公开工作年度报告\n一、总体情况\n全年收到申请32件。\n"
                     "一、本年新收政府信息公开申请数量,23,4,0,2,3,0,32\n", encoding="utf-8")
    assert "本年新收" in read_document(table).text


def test_a_text_opening_with_a_bracket_is_read_as_text():
    text = "[2024]柳溪镇人民政府政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息95条。\n"
    assert read_document(text.encode()).text.startswith("[2024]柳溪镇")


def test_a_folder_walk_takes_dumps_of_reports_and_counts_other_json_and_csv(tmp_path):
    (tmp_path / "crawl.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    _write_csv(tmp_path / "crawl.csv", _records())
    # our own outputs and a researcher's labels beside the reports: no report text in a field
    (tmp_path / "parsed.jsonl").write_text(json.dumps(
        {"schema_version": "1.6", "metadata": {"title": "鸣沙区司法局2022年政府信息公开工作年度报告"},
         "statements": [{"text": "行政执法公示的及时性有待提高；政府信息公开工作仍需加强"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    _write_csv(tmp_path / "my_labels.csv",
               [{"text": "政府信息公开专栏更新不及时，部分栏目内容空白。" * 12, "kind": "problem",
                 "themes": "timeliness"}])
    found = expand_paths([tmp_path])
    assert sorted(p.name for p in found.files) == ["crawl.csv", "crawl.jsonl"]
    assert found.ignored == {".jsonl": 1, ".csv": 1}


def test_a_whole_report_saved_as_csv_is_read_as_text_not_refused(tmp_path):
    """A report saved with a .csv name has its title as the first "row" and long lines after
    it: no header of column names, no records of its width. It was refused as a crawler's
    dump whose text column was the report's title."""
    path = tmp_path / "鸣沙区司法局2022年报.csv"
    long_line = "全年主动公开政府信息" + "，".join(["各类政策文件按时发布"] * 30) + "。"
    path.write_text(REPORT.replace("一、总体情况\n", "一、总体情况\n" + long_line + "\n", 1),
                    encoding="utf-8")
    assert len(long_line) >= 200 and "," not in long_line
    assert read_document(path).text.startswith(REPORT.lstrip()[:10])
