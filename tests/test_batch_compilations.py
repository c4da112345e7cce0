"""``tag`` stores every report of a compilation (store schema 5): a county's 汇编 of
four departments, a saved page printing two years of one township, beside files holding one
report each. Each report is keyed by (path, part) — ``part`` NULL for a file that is one
report, so nothing changes for those — all parts of a file written in one transaction,
skipped on resume, replaced together on a re-tag. A store of schema 4 is upgraded in place,
ids kept (tests/fixtures/compile17/schema4_store.sqlite was written by the code before).
Fixtures: tests/fixtures/compile16/ (fictional 岚溪县, 栖凤镇) and examples/corpus."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, local_cluster, make_report

from nlp_reports import Report, load_reports
from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.store import SCHEMA_VERSION
from nlp_reports.errors import NotAReportError

HERE = Path(__file__).parent
C16 = HERE / "fixtures" / "compile16"
BOOK = C16 / "岚溪县县直部门年报汇编2023.txt"
PAGE = C16 / "qifeng_two_years.html"
EXAMPLES = HERE.parent / "examples" / "corpus"
SINGLES = ("柳岸县人民政府2023年政府信息公开工作年度报告.txt",
           "云岭市东城区人民政府2021年政府信息公开工作年度报告.txt")
SCHEMA4 = HERE / "fixtures" / "compile17" / "schema4_store.sqlite"
AGENCIES = ["岚溪县教育局", "岚溪县卫生健康局", "岚溪县自然资源局", "岚溪县医疗保障局"]


def _docx(path: Path, lines: list[str]) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def _book_lines(drop_last: bool = False) -> list[str]:
    lines = BOOK.read_text("utf-8").splitlines()
    if drop_last:  # the 汇编 printed again without its fourth department
        cut = lines.index(f"{AGENCIES[3]}2023年政府信息公开工作年度报告")
        lines = lines[:cut]
    return lines


def _folder(root: Path) -> Path:
    """A researcher's folder: the 汇编 as .docx, the two-year page, two single reports."""
    root.mkdir(parents=True, exist_ok=True)
    _docx(root / "岚溪县县直部门年报汇编2023.docx", _book_lines())
    shutil.copy(PAGE, root / PAGE.name)
    for name in SINGLES:
        shutil.copy(EXAMPLES / name, root / name)
    return root


def _stored(db: Path) -> list[tuple]:
    """(path, part, agency, year, id, model_id) of every stored report, by path and part."""
    with Store(db, readonly=True) as s:
        return sorted(s.connection.execute(
            "SELECT path, part, agency, year, id, model_id FROM reports"),
            key=lambda r: (r[0], r[1] or 0))


def _keyed_dump(db: Path) -> list[tuple]:
    """Every table row with report ids replaced by their (path, part) and times masked:
    what must be equal whatever order the reports were written in."""
    con = sqlite3.connect(db)
    key = {rid: (p, part) for rid, p, part in con.execute("SELECT id, path, part FROM reports")}
    out = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')")]
        for row in con.execute(f'SELECT * FROM "{table}"'):
            row = [("<time>" if c in ("tagged_at", "first_used", "last_used") else
                    key.get(v, v) if c in ("id", "report_id") else
                    "<time>" if table == "meta" and row[0] == "created" and c == "value" else v)
                   for c, v in zip(cols, row, strict=True)]
            out.append((table, *map(repr, row)))
    con.close()
    return sorted(out)


def test_a_folder_with_a_compilation_stores_each_report_as_its_single_file_parse(tmp_path):
    folder = _folder(tmp_path / "in")
    db = tmp_path / "c.db"
    result = tag_paths([folder], db, model=FakeTagger())
    assert (result.ok, result.failed, result.split_files, result.split_reports) == (4, 0, 2, 6)
    assert "tagged 8 reports from 4 files" in result.summary_line()
    assert "2 files split into 6 reports" in result.summary_line()
    with Store(db, readonly=True) as s:
        files = dict(s.connection.execute("SELECT path, parts FROM files WHERE status = 'ok'"))
        stored: dict[str, list[dict]] = {}
        for d in s.iter_report_dicts():
            stored.setdefault(d["store"]["path"], []).append(d)
    assert sorted(files.values(), key=str) == sorted([4, 2, None, None], key=str)
    assert sum(map(len, stored.values())) == 8
    for path, dicts in stored.items():
        alone = [r for r in load_reports(path) if isinstance(r, Report)]
        dicts.sort(key=lambda d: d["store"]["part"] or 0)
        assert len(dicts) == len(alone) == (files[path] or 1)
        for d, r in zip(dicts, alone, strict=True):
            md = d["metadata"]
            assert d["store"]["part"] == md["part"] == r.metadata.part
            assert (md["agency"], md["year"], md["title"], md["published"]) == (
                r.metadata.agency, r.metadata.year, r.metadata.title, r.metadata.published)
            assert [s["text"] for s in d["statements"]] == [s.text for s in r.statements]
            assert [s["text"] for s in d["tagged_statements"]] == [s.text for s in r.statements]
    book = str(folder / "岚溪县县直部门年报汇编2023.docx")
    assert [d["metadata"]["agency"] for d in stored[book]] == AGENCIES
    page = str(folder / PAGE.name)
    assert [d["metadata"]["year"] for d in stored[page]] == [2023, 2022]
    # the audit names a part path#part (a file that is one report: its path alone)
    from nlp_reports.corpus.audit import audit

    shown = set(audit(db).table["path"])
    assert {f"{book}#{k}" for k in range(1, 5)} <= shown and f"{page}#2" in shown
    assert str(folder / SINGLES[0]) in shown
    # resumed: every file stored with all its parts is skipped, nothing rewritten
    before = _stored(db)
    again = tag_paths([folder], db, model=FakeTagger())
    assert (again.ok, again.skipped, again.split_files) == (0, 4, 0)
    assert _stored(db) == before


def test_a_copy_of_a_compilation_is_one_duplicate_naming_its_first_report(tmp_path):
    folder = _folder(tmp_path / "in")
    book = folder / "岚溪县县直部门年报汇编2023.docx"
    shutil.copy(book, folder / "岚溪县县直部门年报汇编2023(1).docx")
    db = tmp_path / "c.db"
    tag_paths([folder], db, model=FakeTagger())
    with Store(db, readonly=True) as s:
        dups = s.duplicates()
        first = s.connection.execute(
            "SELECT id FROM reports WHERE path = ? AND part = 1", (str(book),)).fetchone()[0]
    assert list(dups["path"]) == [str(folder / "岚溪县县直部门年报汇编2023(1).docx")]
    assert list(dups["duplicate_of"]) == [str(book)]
    assert list(dups["report_id"]) == [first] and list(dups["agency"]) == [AGENCIES[0]]


def test_no_split_keeps_the_refusal_and_the_cli_says_how_many_reports(tmp_path, capsys):
    folder = _folder(tmp_path / "in")
    result = tag_paths([folder], tmp_path / "whole.db", model=FakeTagger(), split=False)
    assert (result.ok, result.split_files) == (2, 0)
    assert sorted(f.reason for f in result.failures) == ["not_a_report", "not_a_report"]
    assert all("compilation" in f.message for f in result.failures)
    assert main(["tag", str(folder), "--db", str(tmp_path / "cli.db"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "tagged 8 reports from 4 files" in err and "2 files split into 6 reports" in err
    assert main(["tag", str(folder), "--db", str(tmp_path / "cli2.db"), "-q",
                 "--no-split"]) == 1
    assert "split into" not in capsys.readouterr().err
    assert "--no-split" in _help(capsys)


def _help(capsys) -> str:
    with pytest.raises(SystemExit):
        main(["tag", "--help"])
    return capsys.readouterr().out


def test_a_retag_or_a_changed_compilation_replaces_every_part_and_keeps_their_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    book = _docx(folder / "汇编.docx", _book_lines())
    db = tmp_path / "c.db"
    tag_paths([folder], db, model=FakeTagger())
    first = _stored(db)
    assert [(r[1], r[5]) for r in first] == [(k, "fake-model-1") for k in range(1, 5)]
    result = tag_paths([folder], db, model=FakeTagger(model_id="fake-model-2"))
    assert (result.retagged, result.split_reports) == (1, 4)
    second = _stored(db)
    assert [r[:5] for r in second] == [r[:5] for r in first]  # ids kept, part by part
    assert {r[5] for r in second} == {"fake-model-2"}
    # printed again without its fourth department: part 4 goes, the others keep their ids
    _docx(book, _book_lines(drop_last=True))
    result = tag_paths([folder], db, model=FakeTagger(model_id="fake-model-2"))
    assert (result.replaced, result.split_reports) == (1, 3)
    third = _stored(db)
    assert [r[:5] for r in third] == [r[:5] for r in first[:3]]
    with Store(db, readonly=True) as s:
        assert s.connection.execute("SELECT parts FROM files").fetchall() == [(3,)]
        for table in ("sections", "statements", "report_tables", "report_checks", "problems"):
            ids = {i for (i,) in s.connection.execute(f"SELECT DISTINCT report_id FROM {table}")}
            assert ids <= {r[4] for r in third}, table  # no row of the stale part left
            assert table not in ("sections", "statements") or ids == {r[4] for r in third}
    # the file now holds one report: one row, part NULL
    _docx(book, (EXAMPLES / SINGLES[0]).read_text("utf-8").splitlines())
    tag_paths([folder], db, model=FakeTagger(model_id="fake-model-2"))
    assert [(r[1], r[2]) for r in _stored(db)] == [(None, "柳岸县人民政府")]


def _bigger_folder(root: Path) -> Path:
    folder = _folder(root)
    others = sorted(p.name for p in EXAMPLES.glob("*.txt") if p.name not in SINGLES)
    for i, name in enumerate(others[:6]):
        shutil.copy(EXAMPLES / name, folder / f"more{i}_{name}")
    return folder


def test_jobs_2_with_a_head_start_stores_what_jobs_1_stores(tmp_path, caplog):
    """The shipped model: the head start parses the first files (the two compilations among
    them) while the model loads; the store is the same, ids included."""
    folder = _bigger_folder(tmp_path / "in")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = tag_paths([folder], one, jobs=1)
    with caplog.at_level(logging.DEBUG, logger="nlp_reports"):
        r2 = tag_paths([folder], two, jobs=2, chunk_size=2)
    assert any(r.getMessage().startswith("head start:") for r in caplog.records)
    assert (r1.ok, r1.split_reports) == (r2.ok, r2.split_reports) == (10, 6)
    assert r1.summary_line() == r2.summary_line()
    assert _keyed_dump(one) == _keyed_dump(two)
    assert _stored(one) == _stored(two)  # the same ids too


def test_the_dask_backend_stores_what_jobs_1_stores(tmp_path):
    pytest.importorskip("distributed")
    folder = _bigger_folder(tmp_path / "in")
    one, three = tmp_path / "one.db", tmp_path / "dask.db"
    r1 = tag_paths([folder], one, model=FakeTagger(), jobs=1)
    with local_cluster(2) as cluster:
        r3 = tag_paths([folder], three, model=FakeTagger(), backend="dask",
                       scheduler=cluster.scheduler_address, chunk_size=2)
    assert (r1.ok, r1.split_reports) == (r3.ok, r3.split_reports) == (10, 6)
    assert _keyed_dump(one) == _keyed_dump(three)


def parts_loader(path: str) -> list[Report]:
    """A compilation written as a JSON list of reports: its parts (module level: picklable)."""
    items = json.loads(Path(path).read_text("utf-8"))
    return [Report.from_dict({**d, "metadata": {**d["metadata"], "part": k,
                                                "parts": len(items)}})
            for k, d in enumerate(items, 1)]


_KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from _corpus_helpers import FakeTagger
from test_batch_compilations import parts_loader
from nlp_reports.corpus.batch import tag_paths

def slow(path):
    time.sleep(0.01)
    return parts_loader(path)

import __main__
__main__.slow = slow
tag_paths([{folder!r}], {db!r}, loader=slow, model=FakeTagger(), chunk_size=1)
"""


def _compilations(folder: Path, n: int, parts: int) -> None:
    folder.mkdir(parents=True)
    towns = ["青石镇", "白沙乡", "柳河街道", "东坪县教育局", "南岭市卫生健康委员会"]
    for i in range(n):
        reps = [make_report(f"{towns[k % len(towns)]}（第{i}册）", 2020 + k,
                            [f"第{i}册第{k}篇：依申请公开答复质量不高。"], [f"加强第{k}类业务培训。"])
                for k in range(parts)]
        (folder / f"book{i:03d}.txt").write_text(
            json.dumps([r.to_dict() for r in reps], ensure_ascii=False), "utf-8")


def _whole_files_only(db: Path) -> None:
    """Every file is stored with all its parts or not at all."""
    with Store(db, readonly=True) as s:
        con = s.connection
        held = dict(con.execute("SELECT path, count(*) FROM reports GROUP BY path"))
        ok = dict(con.execute("SELECT path, parts FROM files WHERE status = 'ok'"))
        assert held == {p: n for p, n in ok.items()}, "a compilation stored in part"
        assert con.execute("SELECT count(*) FROM (SELECT path, part FROM reports GROUP BY "
                           "path, part HAVING count(*) > 1)").fetchone() == (0,)


def test_kill_9_mid_compilations_then_resume_stores_every_part_exactly_once(tmp_path):
    n, parts = 150, 3
    folder = tmp_path / "in"
    _compilations(folder, n, parts)
    db = tmp_path / "c.db"
    script = _KILL_SCRIPT.format(tests=str(HERE), folder=str(folder), db=str(db))
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.time() + 60
        stored = 0
        while time.time() < deadline and stored < 3 * parts:
            time.sleep(0.02)
            if db.exists():
                try:
                    with Store(db, readonly=True) as s:
                        stored = s.count("reports")
                except Exception:  # noqa: S112 - the writer may hold the file mid-creation
                    continue
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    _whole_files_only(db)
    with Store(db) as s:
        partial = s.count("reports")
    assert 0 < partial < n * parts and partial % parts == 0
    result = tag_paths([folder], db, loader=parts_loader, model=FakeTagger())
    assert (result.skipped, result.ok) == (partial // parts, n - partial // parts)
    _whole_files_only(db)
    with Store(db, readonly=True) as s:
        rows = s.connection.execute("SELECT path, part FROM reports").fetchall()
    assert sorted(rows) == sorted((str(folder / f"book{i:03d}.txt"), k)
                                  for i in range(n) for k in range(1, parts + 1))


def test_a_part_that_fails_is_named_in_files_and_the_audit_and_retried(tmp_path):
    folder = tmp_path / "in"
    _compilations(folder, 1, 3)

    def loader(path: str) -> list:
        reports = parts_loader(path)
        err = NotAReportError("part 2 of 3: no section 一 (总体情况) found")
        err.part, err.parts = 2, 3
        return [reports[0], err, reports[2]]

    db = tmp_path / "c.db"
    result = tag_paths([folder], db, loader=loader, model=FakeTagger())
    assert (result.ok, result.failed, result.split_reports, result.failed_parts) == (1, 0, 2, 1)
    assert "(1 part failed: see the files table)" in result.summary_line()
    with Store(db, readonly=True) as s:
        rec = s.connection.execute("SELECT status, parts, reason, message FROM files").fetchone()
        assert [p for (p,) in s.connection.execute("SELECT part FROM reports ORDER BY part")
                ] == [1, 3]
    assert rec[:3] == ("ok", 3, "part_failed")
    assert rec[3] == "part 2 of 3 failed (not_a_report): no section 一 (总体情况) found"
    from nlp_reports.corpus.audit import audit

    table = audit(db).table
    failed = table[table["failed"] != ""]
    assert list(failed["path"]) == [str(folder / "book000.txt")]
    assert "part 2 of 3 failed" in failed["failed"].iloc[0]
    # said as what it is: the file was read, one report of the 汇编 was not
    said = failed["findings_zh"].iloc[0]
    assert "汇编中有报告无法读取" in said and "其余报告已读取" in said and "文件无法读取" not in said
    # retried like a failed file; once every part reads, stored whole and then skipped
    again = tag_paths([folder], db, loader=parts_loader, model=FakeTagger())
    assert (again.ok, again.split_reports, again.failed_parts) == (1, 3, 0)
    assert tag_paths([folder], db, loader=parts_loader, model=FakeTagger()).skipped == 1


def test_a_part_also_saved_alone_is_the_compilations_duplicate(tmp_path):
    """The same text saved alone is one report, held by the part (corpus24); saved alone in
    other words it is a second text of the agency's year, which dedupe counts once."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BOOK, folder / BOOK.name)
    lines = _book_lines()
    start = lines.index(f"{AGENCIES[1]}2023年政府信息公开工作年度报告")
    end = lines.index(f"{AGENCIES[2]}2023年政府信息公开工作年度报告")
    alone = folder / "卫健局2023年报.txt"
    alone.write_text("\n".join(lines[start:end]), "utf-8")
    db = tmp_path / "c.db"
    result = tag_paths([folder], db, model=FakeTagger())
    assert (result.ok, result.duplicates, result.split_reports) == (1, 1, 4)
    with Store(db, readonly=True) as s:
        assert s.count("reports") == 4
        assert s.file_record(str(alone)).status == "duplicate"
    edited = [*lines[start:start + 3], "本年度新增政务公开专栏一个。", *lines[start + 3:end]]
    alone.write_text("\n".join(edited), "utf-8")
    assert tag_paths([folder], db, model=FakeTagger()).ok == 1
    from nlp_reports.corpus.summarize import dedupe_frames, load_frames

    with Store(db, readonly=True) as s:
        assert s.count("reports") == 5
        frames = load_frames(s)
    kept, dropped = dedupe_frames(frames)
    assert dropped == 1
    assert sorted(kept.reports["agency"]) == sorted(AGENCIES)


def _rows(con: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY rowid').fetchall()


def test_a_schema_4_store_is_upgraded_in_place_every_row_and_id_kept(tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copy(SCHEMA4, db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    before = {t: ([r[1] for r in con.execute(f"PRAGMA table_info('{t}')")]) for t in tables}
    rows = {t: _rows(con, t, cols) for t, cols in before.items()}
    con.close()
    # read as it is: every report is its file's
    with Store(db, readonly=True) as s:
        assert [d["store"]["part"] for d in s.iter_report_dicts()] == [None, None, None]
        assert s.report_parts() == {}
    with Store(db) as s:  # opened to write: upgraded
        con = s.connection
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            SCHEMA_VERSION,) == ("6",)
        for t, cols in before.items():
            assert _rows(con, t, [c for c in cols if c != "value" or t != "meta"]) == [
                tuple(v for c, v in zip(cols, r, strict=True) if c != "value" or t != "meta")
                for r in rows[t]], t
        assert con.execute("SELECT count(*) FROM reports WHERE part IS NOT NULL").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM files WHERE parts IS NOT NULL").fetchone() == (0,)
        unique = con.execute("SELECT sql FROM sqlite_master WHERE name = 'reports_path_part'"
                             ).fetchone()[0]
        assert "UNIQUE" in unique and "IFNULL(part, 0)" in unique
        assert {"reports_agency_year", "reports_sha256", "reports_fingerprint"} <= {
            n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        # and it takes a compilation beside the old reports, whose ids stay
        ids = [i for (i,) in con.execute("SELECT id FROM reports ORDER BY id")]
    folder = tmp_path / "more"
    _compilations(folder, 1, 2)
    tag_paths([folder], db, loader=parts_loader, model=FakeTagger())
    with Store(db, readonly=True) as s:
        got = s.connection.execute("SELECT id, part FROM reports ORDER BY id").fetchall()
    assert got[:3] == [(i, None) for i in ids] and [p for _, p in got[3:]] == [1, 2]
