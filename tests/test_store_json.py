"""Store schema 4: ``report_json`` leaves out what the sections, report_tables and
report_checks rows hold, and every reader puts the full ``Report.to_dict()`` back exactly."""

from __future__ import annotations

import json
import math
import sqlite3
import zlib

from _corpus_helpers import FakeTagger, make_report, table3

from nlp_reports.corpus import Store
from nlp_reports.corpus.export import export
from nlp_reports.corpus.store import CHILD_KEYS, REPORT_KEYS, stored_report_dict
from nlp_reports.report import Check, Metadata, Problem, Report, Section, Statement, Table


def _table(tid: str, values, *, status: str = "ok", problem: str | None = None) -> Table:
    rows = tuple(f"r{i}" for i in range(len(values)))
    width = max((len(r) for r in values), default=0)
    cols = tuple(f"c{j}" for j in range(width))
    return Table(id=tid, title=f"{tid} 标题", rows=rows, row_labels=tuple(f"行{r}" for r in rows),
                 columns=cols, column_labels=tuple(f"列「{c}」" for c in cols),
                 values=tuple(tuple(r) for r in values),
                 raw=tuple(tuple("" if v is None else str(v) for v in r) for r in values),
                 status=status, problem=problem)


def _reports() -> list[Report]:
    nan, inf = float("nan"), float("inf")
    plain = make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强培训。"],
                        tables=(table3({("1", "total"): 5.0, ("2", "total"): None}),),
                        checks=(Check("I1", "pass", "table3", "1", "total", 5.0, 5.0, ""),
                                Check("I2", "fail", "table3", "3.7", "total", 7, 6.5, "差 0.5"),
                                Check("T1", "not_assessable")),
                        errors=(Problem("missing_section", "缺少第六部分"),), missing=(6,))
    odd = Report(
        metadata=Metadata(title="乙縣人民政府2021年政府資訊公開工作年度報告", agency="乙县人民政府",
                          year=2021, source="/c/odd.txt", traditional=True),
        sections=(Section(1, "總體情況", "正文\n第二行"), Section(5, "", ""),
                  Section(3, "重复", "x")),
        statements=(Statement(0, "一是人员不足。", "problem", "一是"),
                    Statement(1, "加强。", "measure", None)),
        tables=(_table("table3", [[1.0, None, 2], [inf, -inf, 0.0], [1e-300, -0.0]]),
                _table("table2.1", []),
                _table("table4", [[None]], status="unreadable", problem="列数不符"),
                _table("table4", [[3.0]])),  # the same id twice: to_dict keeps the last
        checks=(Check("I3", "fail", None, None, None, inf, -inf, "Infinity 与 NaN 的说明"),),
    )
    nan_cell = make_report("丙县人民政府", 2023, [], [],
                           tables=(_table("table3", [[nan, 1.0]]),),
                           checks=(Check("I1", "fail", "table3", "1", "total", nan, 2, "NaN"),))
    empty = Report(metadata=Metadata())
    return [plain, odd, nan_cell, empty]


def _fill(path) -> list[Report]:
    reports = _reports()
    tagger = FakeTagger()
    with Store(path) as store:
        for i, r in enumerate(reports):
            store.write_report(f"/c/{i}.txt", r, tagger.tag_many([r])[0], sha256=f"s{i}",
                               size=9, model_id=tagger.model_id)
    return reports


def _text(d) -> str:
    """JSON text: compares values, NaN included, and key order."""
    return json.dumps(d, ensure_ascii=False)


def test_readers_rebuild_to_dict_exactly(tmp_path):
    reports = _fill(tmp_path / "c.db")
    expected = [_text(r.to_dict()) for r in reports]
    with Store(tmp_path / "c.db", readonly=True) as store:
        dicts = list(store.iter_report_dicts())
        assert [_text({k: v for k, v in d.items() if k not in ("store", "tagged_statements")})
                for d in dicts] == expected
        assert [list(d)[:len(REPORT_KEYS)] for d in dicts] == [list(REPORT_KEYS)] * 4
        assert [_text(r.to_dict()) for r, _ in store.iter_reports()] == expected
        assert list(store.reports(with_json=True)["report_json"]) == [
            r.to_json() for r in reports]
        t = dicts[1]["tables"]["table3"]
        assert math.isinf(t["values"][1][0]) and t["values"][1][1] < 0
        assert isinstance(t["values"][0][2], int) and dicts[1]["tables"]["table4"]["values"] == [
            [3.0]]
    [out] = export(tmp_path / "c.db", tmp_path / "o.jsonl", format="jsonl")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [_text({k: v for k, v in d.items() if k not in ("store", "tagged_statements")})
            for d in lines] == expected


def test_report_json_holds_only_what_no_child_row_holds(tmp_path):
    _fill(tmp_path / "c.db")
    conn = sqlite3.connect(tmp_path / "c.db")
    stored = [json.loads(zlib.decompress(b)) for (b,) in
              conn.execute("SELECT report_json FROM reports ORDER BY id")]
    conn.close()
    # what the JSON rows cannot hold exactly stays in report_json: NaN cells (written
    # null), checks with infinite or NaN numbers (rewritten); ±inf cells are exact
    assert [sorted(set(CHILD_KEYS) & set(d)) for d in stored] == [
        [], ["checks"], ["checks", "tables"], []]
    assert [d["metadata"]["agency"] for d in stored] == ["甲县人民政府", "乙县人民政府",
                                                        "丙县人民政府", None]
    # every part is either in report_json or in the child rows
    r = _reports()[0]
    assert set(stored_report_dict(r)) | set(CHILD_KEYS) == set(REPORT_KEYS)


def test_source_renamed_when_a_duplicate_inherits_a_slim_report(tmp_path):
    r = make_report("丁县人民政府", 2022, ["问题。"], ["措施。"],
                    tables=(table3({("1", "total"): 1.0}),))
    r = Report(metadata=Metadata(**{**r.to_dict()["metadata"], "source": "/c/a.txt"}),
               sections=r.sections, statements=r.statements, tables=r.tables)
    with Store(tmp_path / "c.db") as store:
        store.write_report("/c/a.txt", r, FakeTagger().tag_many([r])[0], sha256="s", size=1)
        store.record_duplicates([("/c/b.txt", "s", 1, "/c/a.txt", None)])
        store.record_failure("/c/a.txt", "empty", "gone")  # b inherits the report
        [d] = list(store.iter_report_dicts())
    assert d["metadata"]["source"] == "/c/b.txt" and d["store"]["path"] == "/c/b.txt"
    assert d["tables"] == r.to_dict()["tables"] and d["sections"] == r.to_dict()["sections"]
