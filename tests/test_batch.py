"""Batch tagging: resume, failures, parallel equivalence, Dask, kill -9 safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus_helpers import (
    FakeTagger,
    json_loader,
    kill_9_once_stored,
    local_cluster,
    make_report,
    write_json_reports,
)

from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.files import expand_paths
from nlp_reports.errors import MissingPathError

SAMPLE = Path(__file__).parents[2] / "shared" / "sample-report-bange-2023.txt"


def _corpus(folder: Path, n: int = 6) -> list[Path]:
    reports = {}
    for i in range(n):
        reports[f"r{i:02d}"] = make_report(
            f"第{i}县人民政府", 2020 + i % 3,
            [f"第{i}项问题：人员力量不足。", "主动公开深度不够。"][: 1 + i % 2],
            [f"加强第{i}类培训。"])
    return write_json_reports(folder, reports)


def _content(db: Path) -> dict:
    """The store's content, keyed by file path (ids and timestamps left out)."""
    with Store(db) as s:
        reps = s.reports().set_index("id")
        st = s.statements()
        st["path"] = st["report_id"].map(reps["path"])
        files = s.files().drop(columns=["tagged_at"])
        cells = s.table_cells()
        return {
            "reports": reps.drop(columns=[]).sort_values("path").reset_index(drop=True)
            .to_dict("records"),
            "statements": st.drop(columns=["report_id"]).sort_values(["path", "idx"])
            .reset_index(drop=True).to_dict("records"),
            "files": files.to_dict("records"),
            "cells": len(cells),
        }


def test_resume_failures_and_retag(tmp_path):
    paths = _corpus(tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "in" / "junk.txt").write_text("这不是报告", encoding="utf-8")
    (tmp_path / "in" / "notes.csv").write_text("ignored", encoding="utf-8")
    db = tmp_path / "c.db"
    tagger = FakeTagger()

    first = tag_paths([tmp_path / "in"], db, model=tagger, loader=json_loader)
    assert (first.ok, first.skipped, first.failed) == (6, 0, 2)
    reasons = {Path(f.path).name: f.reason for f in first.failures}
    assert reasons == {"empty.txt": "empty", "junk.txt": "not_a_report"}
    assert first.summary_line() == ("tagged 6 reports, skipped 0 already stored, "
                                    "2 failed (see --show-failures, in Python result.failures); 1 other "
                                    "file not read "
                                    "(no reports: .csv 1)")
    with Store(db) as s:
        assert s.count("reports") == 6
        assert set(s.failures()["reason"]) == {"empty", "not_a_report"}
        n_statements = s.count("statements")

    second = tag_paths([tmp_path / "in"], db, model=tagger, loader=json_loader)
    assert (second.ok, second.skipped, second.failed) == (0, 6, 2)  # failed ones retried

    # "fix" a broken file by copying r00 into it: identical content is stored once, the
    # copy is recorded as a duplicate of r00 (summaries must not count it twice)
    paths[0].with_name("empty.txt").write_text(paths[0].read_text(encoding="utf-8"),
                                               encoding="utf-8")
    third = tag_paths([tmp_path / "in"], db, model=tagger, loader=json_loader)
    assert (third.ok, third.skipped, third.failed, third.duplicates) == (0, 6, 1, 1)
    assert "1 duplicate of stored reports" in third.summary_line()
    with Store(db) as s:
        assert s.count("reports") == 6 and s.count("statements") == n_statements
        dups = s.query("SELECT path, duplicate_of FROM duplicates")
        assert [(Path(a).name, Path(b).name) for a, b in zip(dups["path"], dups["duplicate_of"],
                                                              strict=True)] == [
            ("empty.txt", "r00.txt")]

    newer = FakeTagger(model_id="fake-model-2")
    fourth = tag_paths([tmp_path / "in"], db, model=newer, loader=json_loader)
    # every file again; the copies are tagged once: the path holding the report keeps it
    # (the copy is a duplicate of whatever model's report holds its content)
    assert (fourth.ok, fourth.skipped, fourth.duplicates) == (6, 0, 1)
    with Store(db) as s:
        assert s.count("reports") == 6
        assert s.count("statements") == n_statements
        assert set(s.reports()["model_id"]) == {"fake-model-2"}
        assert s.reports()["path"].is_unique
        names = {Path(p).name for p in s.reports()["path"]}
        assert "r00.txt" in names and "empty.txt" not in names
        assert s.query("SELECT COUNT(*) AS n FROM duplicates")["n"][0] == 1

    edited = paths[3]
    edited.write_text(make_report("改名县", 2022, ["问题"], ["措施"]).to_json(), encoding="utf-8")
    fifth = tag_paths([tmp_path / "in"], db, model=newer, loader=json_loader)
    assert (fifth.ok, fifth.skipped, fifth.duplicates) == (1, 6, 0)
    with Store(db) as s:
        assert "改名县" in set(s.reports()["agency"]) and s.count("reports") == 6
        n_after_edit = s.count("statements")

    forced = tag_paths([tmp_path / "in"], db, model=newer, loader=json_loader, retag=True)
    assert (forced.ok, forced.skipped, forced.duplicates) == (6, 0, 1)
    with Store(db) as s:
        assert s.count("reports") == 6 and s.count("statements") == n_after_edit


def test_tagger_error_isolated_to_its_report(tmp_path):
    _corpus(tmp_path / "in", 4)
    result = tag_paths([tmp_path / "in"], tmp_path / "c.db",
                       model=FakeTagger(fail_on="第2项"), loader=json_loader, chunk_size=4)
    assert result.ok == 3 and [Path(f.path).name for f in result.failures] == ["r02.txt"]
    assert result.failures[0].reason == "tag_error"


def test_paths_globs_and_missing(tmp_path):
    _corpus(tmp_path / "in" / "sub", 3)
    files, missing, _ = expand_paths([tmp_path / "in", str(tmp_path / "in" / "sub" / "r0*.txt"),
                                   tmp_path / "none.txt", str(tmp_path / "zz*.html")])
    assert [f.name for f in files] == ["r00.txt", "r01.txt", "r02.txt"]
    assert [m.reason for m in missing] == ["not_found", "not_found"]
    # tag refuses a path that is not there before it opens the store (test_tag_missing_paths)
    with pytest.raises(MissingPathError):
        tag_paths([tmp_path / "none.txt"], tmp_path / "c.db", model=FakeTagger(),
                  loader=json_loader)
    assert not (tmp_path / "c.db").exists()


def test_parallel_jobs_give_same_store(tmp_path):
    _corpus(tmp_path / "in", 9)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = tag_paths([tmp_path / "in"], one, model=FakeTagger(), loader=json_loader, chunk_size=2)
    r2 = tag_paths([tmp_path / "in"], two, model=FakeTagger(), loader=json_loader, chunk_size=2,
                   jobs=2)
    assert (r1.ok, r2.ok) == (9, 9)
    assert _content(one) == _content(two)


def test_dask_backend_local_cluster(tmp_path):
    pytest.importorskip("distributed")
    _corpus(tmp_path / "in", 5)
    one, viadask = tmp_path / "one.db", tmp_path / "dask.db"
    tag_paths([tmp_path / "in"], one, model=FakeTagger(), loader=json_loader)
    with local_cluster(1, processes=False) as cluster:
        result = tag_paths([tmp_path / "in"], viadask, model=FakeTagger(), loader=json_loader,
                           backend="dask", scheduler=cluster, chunk_size=2)
    assert result.ok == 5
    assert _content(one) == _content(viadask)


def test_sigkill_mid_run_then_rerun(tmp_path):
    n = 40
    _corpus(tmp_path / "in", n)
    db = tmp_path / "c.db"
    kill_9_once_stored(tmp_path / "in", db, options="model=FakeTagger(), chunk_size=1",
                       sleep=0.05, at_least=5, within=30)
    with Store(db) as s:
        partial = s.count("reports")
    assert 5 <= partial < n
    result = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader)
    assert result.ok + result.skipped == n and result.skipped >= partial
    with Store(db) as s:
        reps = s.reports()
        assert len(reps) == n and reps["path"].is_unique
        per_report = s.statements().groupby("report_id").size()
        assert (per_report.reindex(reps["id"]).values == reps["n_statements"].values).all()


def test_real_parser_on_sample(tmp_path):
    pytest.importorskip("nlp_reports.parse", reason="parser not built yet")
    from nlp_reports import parse

    if not hasattr(parse, "load_report") or not SAMPLE.exists():
        pytest.skip("parser or sample report not available")
    result = tag_paths([SAMPLE], tmp_path / "c.db", model=FakeTagger())
    assert result.ok == 1, result.failures
    with Store(tmp_path / "c.db") as s:
        reps = s.reports()
        assert int(reps["year"][0]) == 2023
        assert s.count("statements") == int(reps["n_statements"][0]) > 0


def test_progress_bar_goes_to_stderr(tmp_path, capsys):
    _corpus(tmp_path / "in", 3)
    tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(), loader=json_loader,
              progress=True, chunk_size=1)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "tagging" in captured.err and "3/3" in captured.err
    tag_paths([tmp_path / "in"], tmp_path / "d.db", model=FakeTagger(), loader=json_loader)
    assert capsys.readouterr().err == ""  # the library is silent without progress=True


def test_a_file_that_kills_its_worker_fails_alone(tmp_path):
    from _corpus_helpers import crashing_loader

    paths = _corpus(tmp_path / "in", 6)
    paths[2].rename(paths[2].with_name("crash.txt"))
    result = tag_paths([tmp_path / "in"], tmp_path / "c.db", model=FakeTagger(),
                       loader=crashing_loader, jobs=2, chunk_size=2)
    assert result.ok == 5
    assert [(Path(f.path).name, f.reason) for f in result.failures] == [("crash.txt",
                                                                         "worker_error")]
    with Store(tmp_path / "c.db") as s:
        assert s.count("reports") == 5 and list(s.failures()["reason"]) == ["worker_error"]


def test_a_copy_of_content_another_model_tagged_is_a_duplicate(tmp_path):
    """Content stored once whatever model tagged it: a folder of copies tagged later with a
    new model does not store the same reports again (it did: the lookup was per model)."""
    src = write_json_reports(tmp_path / "a", {
        "r1.txt": make_report("甲县人民政府", 2022, ["人员不足。"], ["配备专人。"]),
        "r2.txt": make_report("乙县人民政府", 2022, ["更新不及时。"], ["定期更新。"])})
    db = tmp_path / "c.db"
    tag_paths([tmp_path / "a"], db, model=FakeTagger(model_id="old"), loader=json_loader)
    (tmp_path / "b").mkdir()
    for p in src:
        (tmp_path / "b" / p.name).write_bytes(p.read_bytes())
    res = tag_paths([tmp_path / "b"], db, model=FakeTagger(model_id="new"), loader=json_loader)
    assert (res.ok, res.duplicates) == (0, 2)
    with Store(db) as s:
        assert s.count("reports") == 2
        assert {Path(p).parent.name for p in s.reports()["path"]} == {"a"}
