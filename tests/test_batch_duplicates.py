"""Identical files at several paths: parsed and tagged once, the others recorded as duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report

from nlp_reports.corpus import Store, summarize, tag_paths


def _write(path: Path, agency: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = make_report(agency, 2022, [f"{agency}人员力量不足。"], ["加强培训。"])
    path.write_text(report.to_json(), encoding="utf-8")


def _state(db: Path) -> dict:
    """path name → ("ok", agency) or ("duplicate", name of the original) or ("failed", reason)."""
    with Store(db) as s:
        conn = s.connection
        agency = dict(conn.execute("SELECT path, agency FROM reports"))
        out = {}
        for path, status, reason, dup in conn.execute(
                "SELECT path, status, reason, duplicate_of FROM files"):
            name = Path(path).name
            if status == "ok":
                out[name] = ("ok", agency[path])
            elif status == "duplicate":
                out[name] = ("duplicate", Path(dup).name)
            else:
                out[name] = ("failed", reason)
        assert set(agency) <= {p for (p,) in conn.execute(
            "SELECT path FROM files WHERE status = 'ok'")}  # no report without its ok file
        return out


def _tag(folder: Path, db: Path, **kw):
    kw.setdefault("model", FakeTagger())
    return tag_paths([folder], db, loader=json_loader, **kw)


@pytest.mark.parametrize("jobs", [1, 2])
def test_copies_in_one_run_are_tagged_once(tmp_path, jobs):
    folder = tmp_path / "in"
    for name in ("a", "b", "c"):
        _write(folder / f"{name}.txt", "甲县")
    _write(folder / "d.txt", "乙县")
    _write(folder / "sub" / "e.txt", "甲县")  # a copy in another folder
    db = tmp_path / "c.db"
    res = _tag(folder, db, jobs=jobs, chunk_size=1)
    assert (res.ok, res.duplicates, res.failed) == (2, 3, 0)
    assert _state(db) == {"a.txt": ("ok", "甲县"), "b.txt": ("duplicate", "a.txt"),
                          "c.txt": ("duplicate", "a.txt"), "d.txt": ("ok", "乙县"),
                          "e.txt": ("duplicate", "a.txt")}
    summary = summarize(db)
    n_reports = summary.tables["coverage"]["reports"].sum() \
        if "coverage" in summary.tables and "reports" in summary.tables["coverage"] else None
    with Store(db) as s:
        assert s.count("reports") == 2
        assert s.count("statements") == 4
    if n_reports is not None:
        assert n_reports == 2

    again = _tag(folder, db, jobs=jobs)  # resume: duplicates are done too
    assert (again.ok, again.skipped, again.duplicates) == (0, 5, 0)


def test_a_copy_of_a_stored_report_found_later(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "c.db"
    _write(folder / "b.txt", "甲县")
    assert _tag(folder, db).ok == 1
    _write(folder / "a.txt", "甲县")  # sorts first, but b holds the stored report
    res = _tag(folder, db)
    assert (res.ok, res.skipped, res.duplicates) == (0, 1, 1)
    assert _state(db) == {"a.txt": ("duplicate", "b.txt"), "b.txt": ("ok", "甲县")}


def test_the_original_edited_later_passes_its_report_on(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "c.db"
    for name in ("a", "b", "c"):
        _write(folder / f"{name}.txt", "甲县")
    _tag(folder, db)
    _write(folder / "a.txt", "丙县")  # the original changes; b and c still hold 甲县
    res = _tag(folder, db)
    assert (res.ok, res.skipped, res.duplicates) == (1, 2, 0)
    assert _state(db) == {"a.txt": ("ok", "丙县"), "b.txt": ("ok", "甲县"),
                          "c.txt": ("duplicate", "b.txt")}
    with Store(db) as s:
        assert s.count("reports") == 2 and s.count("statements") == 4
    # and back: a identical to b again → a duplicate of b, its own report gone
    _write(folder / "a.txt", "甲县")
    res = _tag(folder, db)
    assert (res.ok, res.skipped, res.duplicates) == (0, 2, 1)
    assert _state(db) == {"a.txt": ("duplicate", "b.txt"), "b.txt": ("ok", "甲县"),
                          "c.txt": ("duplicate", "b.txt")}
    with Store(db) as s:
        assert s.count("reports") == 1


def test_the_original_broken_later_and_a_copy_edited(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "c.db"
    for name in ("a", "b", "c"):
        _write(folder / f"{name}.txt", "甲县")
    _tag(folder, db)
    (folder / "a.txt").write_text("  ", encoding="utf-8")  # now empty: fails
    _write(folder / "c.txt", "丁县")  # a copy edited: its own report
    res = _tag(folder, db)
    assert (res.ok, res.failed) == (1, 1)
    assert _state(db) == {"a.txt": ("failed", "empty"), "b.txt": ("ok", "甲县"),
                          "c.txt": ("ok", "丁县")}
    with Store(db) as s:
        assert s.count("reports") == 2


def test_copies_of_a_broken_file_fail_alike(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "c.db"
    folder.mkdir()
    for name in ("x", "y"):
        (folder / f"{name}.txt").write_text("这不是报告", encoding="utf-8")
    res = _tag(folder, db, jobs=2, chunk_size=1)
    assert (res.ok, res.failed, res.duplicates) == (0, 2, 0)
    assert {f.reason for f in res.failures} == {"not_a_report"}
    [copy] = [f for f in res.failures if f.path.endswith("y.txt")]
    assert copy.message.startswith("same content as ")
    assert _state(db) == {"x.txt": ("failed", "not_a_report"),
                          "y.txt": ("failed", "not_a_report")}


def test_retag_and_new_model_keep_one_report(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "c.db"
    for name in ("b", "c"):
        _write(folder / f"{name}.txt", "甲县")
    _tag(folder, db)
    _write(folder / "a.txt", "甲县")  # a new copy that sorts before the original
    for kw in ({"retag": True}, {"model": FakeTagger(model_id="fake-model-2")}):
        res = _tag(folder, db, **kw)
        assert (res.ok, res.duplicates) == (1, 2)
        state = _state(db)
        assert sorted(v[0] for v in state.values()) == ["duplicate", "duplicate", "ok"]
        [owner] = [k for k, v in state.items() if v[0] == "ok"]
        assert all(v == ("duplicate", owner) for k, v in state.items() if k != owner)
        with Store(db) as s:
            assert s.count("reports") == 1 and s.count("statements") == 2


def test_a_report_passed_on_names_its_new_file(tmp_path):
    """The store level: the heir's report says it comes from the heir (column and JSON)."""
    from dataclasses import replace

    r = make_report("甲县", 2022, ["人员不足。"], ["加强培训。"])
    r = replace(r, metadata=replace(r.metadata, source="/c/a.txt"))
    tagged = FakeTagger().tag_many([r])[0]
    with Store(tmp_path / "c.db") as s:
        s.write_report("/c/a.txt", r, tagged, sha256="s", size=1, model_id="m")
        s.record_duplicates([("/c/b.txt", "s", 1, "/c/a.txt", "m"),
                             ("/c/c.txt", "s", 1, "/c/a.txt", "m")])
        s.record_failure("/c/a.txt", "empty", "now empty", sha256="e", model_id="m")
        [(back, stmts)] = list(s.iter_reports())
        assert back.metadata.source == "/c/b.txt" and len(stmts) == 2
        row = s.connection.execute("SELECT path, source FROM reports").fetchone()
        assert row == ("/c/b.txt", "/c/b.txt")
        assert dict(s.connection.execute("SELECT path, duplicate_of FROM duplicates")) == {
            "/c/c.txt": "/c/b.txt"}
        assert s.is_done("/c/c.txt", "s", "m") and s.is_done("/c/b.txt", "s", "m")


@pytest.mark.parametrize("write_seconds", [0.0, 60.0])
def test_same_outcome_whenever_the_first_copy_is_written(tmp_path, monkeypatch, write_seconds):
    """Copies are settled alike whether the first copy's result was already committed when
    they are reached (every chunk committed at once) or not (one commit at the end)."""
    from nlp_reports.corpus import batch

    monkeypatch.setattr(batch, "WRITE_SECONDS", write_seconds)
    folder, db = tmp_path / "in", tmp_path / "c.db"
    for name in ("a", "b"):
        _write(folder / f"{name}.txt", "甲县")
        (folder / f"{name}-junk.txt").write_text("这不是报告", encoding="utf-8")
    res = _tag(folder, db, chunk_size=1)
    assert (res.ok, res.duplicates, res.failed) == (1, 1, 2)
    assert _state(db) == {"a.txt": ("ok", "甲县"), "b.txt": ("duplicate", "a.txt"),
                          "a-junk.txt": ("failed", "not_a_report"),
                          "b-junk.txt": ("failed", "not_a_report")}
    [copy] = [f for f in res.failures if f.path.endswith("b-junk.txt")]
    assert copy.message.startswith("same content as ") and "a-junk.txt" in copy.message


def test_a_new_model_says_it_retagged_what_was_stored(tmp_path):
    """Rerunning with another model re-tags every stored report, and the end line says so
    (and with which model they were tagged before), not only "skipped 0 already stored"."""
    folder, db = tmp_path / "in", tmp_path / "c.db"
    for name, agency in (("a", "甲县"), ("b", "乙县"), ("c", "甲县")):  # c is a's copy
        _write(folder / f"{name}.txt", agency)
    first = _tag(folder, db)
    assert (first.ok, first.duplicates, first.retagged) == (2, 1, 0)
    assert "re-tagged" not in first.summary_line()
    again = _tag(folder, db, model=FakeTagger(model_id="fake-model-2"))
    assert (again.ok, again.duplicates, again.retagged) == (2, 1, 2)
    assert again.previous_models == ("fake-model-1",)
    line = again.summary_line()
    assert "2 stored reports re-tagged with model fake-model-2 (tagged before with fake-model-1)" \
        in line
    same = _tag(folder, db, model=FakeTagger(model_id="fake-model-2"))
    assert (same.ok, same.skipped, same.retagged) == (0, 3, 0)
    forced = _tag(folder, db, model=FakeTagger(model_id="fake-model-2"), retag=True)
    assert (forced.ok, forced.skipped, forced.retagged) == (2, 0, 2)  # --retag says so too
    assert "(tagged before with fake-model-2)" in forced.summary_line()
