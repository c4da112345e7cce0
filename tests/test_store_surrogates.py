"""A lone surrogate in any text of a report is stored as U+FFFD, with a ``text_repaired``
problem, instead of losing the report.

Python holds an undecodable byte of a file name as a lone surrogate (surrogateescape); a
custom loader, or a docx/pdf library, may hand one over too. SQLite and the UTF-8 report
JSON refuse it: the report was lost as ``store_error`` (title, statement, problem) or the
whole ``tag`` died in a UnicodeEncodeError (a section's text, a table label).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from _corpus_helpers import (
    FakeTagger,
    audit_by_path,
    json_loader,
    local_cluster,
    make_report,
    table3,
)

from nlp_reports.corpus import batch, head_start, pool, tag_paths, worker
from nlp_reports.corpus.store import TEXT_REPAIRED, PreparedReport, Store, prepare_report
from nlp_reports.errors import StoreError
from nlp_reports.report import Problem

#: a GBK byte of a file name as os.fsdecode holds it on a UTF-8 system ("松" is b"\xcb\xc9")
_B = "\udccb\udcc9"


def _base(agency: str = "隆子县住房和城乡建设局", year: int = 2023):
    return make_report(agency, year,
                       ["部分栏目信息更新不够及时，政策解读形式较为单一。"],
                       ["下一步将加强业务培训，完善信息发布审核制度。"],
                       level="county", region="西藏", tables=(table3(),))


def _with_surrogates(where: str):
    """The base report with two lone surrogates put in ``where``; and how the stored text
    there reads (``\ufffd`` for each)."""
    r = _base()
    if where == "title":
        md = replace(r.metadata, title=f"隆子县住建局2023年政府信息公开{_B}年度报告")
        return replace(r, metadata=md)
    if where == "statement":
        st = list(r.statements)
        st[0] = replace(st[0], text=f"附件{_B}未随报告一并公开。")
        return replace(r, statements=tuple(st))
    if where == "table":
        t = r.tables[0]
        labels = (f"{t.row_labels[0]}{_B}", *t.row_labels[1:])
        return replace(r, tables=(replace(t, row_labels=labels),))
    if where == "problem":
        return replace(r, errors=(Problem("table_missing", (
            f"the tables seem to be in 隆子县{_B}附表.xlsx beside it")),))
    if where == "section":
        secs = list(r.sections)
        secs[0] = replace(secs[0], text=secs[0].text + f"（详见{_B}附件）")
        return replace(r, sections=tuple(secs))
    raise AssertionError(where)


#: where → (SQL reading the stored text, the words of the text_repaired message)
_STORED = {
    "title": ("SELECT title FROM reports", "metadata title"),
    "statement": ("SELECT text FROM statements WHERE idx = 0", "statement 1 text"),
    "table": ("SELECT row_labels FROM report_tables", "table table3 row_labels"),
    "problem": ("SELECT message FROM problems WHERE code = 'table_missing'",
                "problem table_missing message"),
    "section": ("SELECT text FROM sections WHERE number = 1", "section 1 text"),
}


def _write_ascii_json(folder: Path, reports: dict[str, object]) -> list[Path]:
    """Each report's JSON with ASCII escapes (``\\udccb`` stays a lone surrogate when read
    back by json_loader): files any loader process can read."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, r in reports.items():
        p = folder / f"{name}.txt"
        p.write_text(json.dumps(r.to_dict(), ensure_ascii=True), encoding="ascii")
        out.append(p)
    return out


def _assert_repaired(db: Path, where: str, n_reports: int = 1) -> None:
    sql, place = _STORED[where]
    con = sqlite3.connect(db)
    try:
        texts = [t for (t,) in con.execute(sql)]
        problems = [m for (m,) in con.execute(
            "SELECT message FROM problems WHERE code = ?", (TEXT_REPAIRED,))]
        report_json_ok = con.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    finally:
        con.close()
    assert report_json_ok == n_reports
    assert len(problems) == 1, problems
    assert problems[0].startswith("2 characters ") and f"in: {place} (2)" in problems[0]
    assert any("\ufffd\ufffd" in t for t in texts), texts
    for t in texts:
        t.encode("utf-8")


@pytest.mark.parametrize("where", sorted(_STORED))
def test_tag_stores_a_report_holding_lone_surrogates_with_a_text_repaired_problem(tmp_path, where):
    clean = _base("洛扎县教育局", 2024)
    paths = _write_ascii_json(tmp_path / "in", {"a": _with_surrogates(where), "b": clean})
    db = tmp_path / "s.sqlite"
    result = tag_paths(paths, db, model=FakeTagger(), loader=json_loader, words=True)
    assert result.ok == 2 and not result.failures, result.failures
    _assert_repaired(db, where, n_reports=2)
    with Store(db) as store:  # the repaired report reads back whole, its problem included
        dicts = {d["metadata"]["agency"]: d for d in store.iter_report_dicts()}
    codes = [e["code"] for e in dicts["隆子县住房和城乡建设局"]["errors"]]
    assert TEXT_REPAIRED in codes
    assert TEXT_REPAIRED not in [e["code"] for e in dicts["洛扎县教育局"]["errors"]]


@pytest.mark.parametrize("where", ["statement", "table"])
def test_write_report_repairs_the_same_way(tmp_path, where):
    report = _with_surrogates(where)
    db = tmp_path / "api.sqlite"
    with Store(db) as store:
        rid = store.write_report("隆子县/2023.docx", report, FakeTagger().tag_many([report])[0])
    assert rid > 0
    _assert_repaired(db, where)


def test_a_sound_report_is_not_touched():
    r = _base()
    rows = prepare_report(r, FakeTagger().tag_many([r])[0], ["政府", "信息", "公开"])
    assert [p[0] for p in rows.problems] == [p.code for p in r.errors]
    assert rows.sections[0][3] == r.sections[0].text


def test_the_tags_and_words_are_repaired_too():
    """A custom tagger whose statement text differs, and words of a surrogate text."""
    r = _base()
    tagged = FakeTagger().tag_many([r])[0]
    bad = replace(tagged[0], statement=replace(tagged[0].statement, text=f"公开{_B}不及时"))
    rows = prepare_report(r, [bad, *tagged[1:]], ["公开", f"附件{_B}"])
    assert rows.statements[0][1] == "公开\ufffd\ufffd不及时"
    assert rows.words == "公开 附件\ufffd\ufffd"
    [message] = [m for code, m in rows.problems if code == TEXT_REPAIRED]
    assert "statement 1 tags text (2)" in message and "words (2)" in message


def test_a_prepared_report_the_store_cannot_take_is_a_store_error(tmp_path):
    """Rows made elsewhere that still hold a surrogate: a StoreError (the batch records the
    file as store_error and goes on), not a UnicodeEncodeError out of the writer."""
    r = _base()
    rows = prepare_report(r, FakeTagger().tag_many([r])[0])
    rows = rows._replace(sections=[(0, 1, "总体情况", f"正文{_B}")])
    assert isinstance(rows, PreparedReport)
    with Store(tmp_path / "s.sqlite") as store, pytest.raises(StoreError, match="surrogates"):
        store.write_many([("x.txt", rows, (), None, None, None, None)])


def test_a_head_started_report_whose_texts_need_repair_is_handed_over_whole():
    """--jobs 2 parses the first files ahead and makes their rows but the statements',
    which the parent makes later from the statements as parsed: a report repaired there
    would hand over unrepaired statements, so it is handed over as parsed."""
    sound = ("parsed", "a.txt", "0" * 64, 10, _base())
    assert head_start._ready_ahead(sound)[0] == "prepared"
    bad = ("parsed", "b.txt", "1" * 64, 10, _with_surrogates("statement"))
    assert head_start._ready_ahead(bad) == bad


@pytest.mark.skipif(not pool._fork_available(), reason="needs fork (Linux)")
def test_tag_with_two_jobs_and_a_head_start_stores_the_repaired_report(tmp_path, monkeypatch):
    reports = {f"r{i}": _base(f"{name}统计局", 2020 + i) for i, name in
               enumerate(["错那", "加查", "曲松", "琼结", "桑日", "贡嘎"])}
    reports["r0"] = _with_surrogates("statement")
    paths = _write_ascii_json(tmp_path / "in", reports)
    heads = []
    start = head_start._start_head

    def started(*args):
        heads.append(start(*args))
        return heads[-1]

    parent = os.getpid()

    def loaded(self):  # the model "loads" while the head start parses the first files
        if os.getpid() == parent:
            time.sleep(1.5)  # (not a speed claim: time for the head start to parse)
        return FakeTagger()

    monkeypatch.setattr(batch, "_start_head", started)
    monkeypatch.setattr(worker.TaggerSpec, "get", loaded)
    db = tmp_path / "s.sqlite"
    result = tag_paths(paths, db, model=tmp_path / "m", loader=json_loader, jobs=2,
                       chunk_size=2, words=False)
    assert heads and heads[0] is not None
    assert result.ok == 6 and not result.failures, result.failures
    _assert_repaired(db, "statement", n_reports=6)


def test_the_dask_path_repairs_the_same_way(tmp_path):
    distributed = pytest.importorskip("distributed")
    paths = _write_ascii_json(tmp_path / "in", {"a": _with_surrogates("table"),
                                                "b": _base("浪卡子县卫生健康委员会", 2022)})
    db = tmp_path / "s.sqlite"
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        result = tag_paths(paths, db, model=FakeTagger(), loader=json_loader,
                           backend="dask", scheduler=client, words=False)
    assert result.ok == 2 and not result.failures, result.failures
    _assert_repaired(db, "table", n_reports=2)


def test_the_audit_lists_text_repaired_but_counts_no_defect_for_it(tmp_path):
    """The repair is the tool's, not a fault of the report: listed among the parse problems,
    not among its defects (the same report without surrogates has as many)."""
    t = audit_by_path(tmp_path, {"bad.txt": _with_surrogates("section"), "good.txt": _base()})
    assert TEXT_REPAIRED in t.loc["bad.txt", "parse_problems"].split(",")
    assert TEXT_REPAIRED not in t.loc["good.txt", "parse_problems"].split(",")
    assert t.loc["bad.txt", "defects"] == t.loc["good.txt", "defects"]


def test_text_repaired_has_a_chinese_sentence():
    """The audit's 解析问题 cell says the repair in Chinese (it fell back to the English)."""
    from nlp_reports.corpus.audit import problem_zh

    zh = problem_zh("text_repaired", "3 characters no UTF-8 text can hold (lone surrogates: "
                    "undecodable bytes of a file name, or a loader's) replaced by U+FFFD in: "
                    "title (1), statements (2)")
    assert zh.startswith("报告文本中有3个字符") and "title (1), statements (2)" in zh
