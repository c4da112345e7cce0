"""Corpus use as a new user meets it: grouping, summary notes, batch reasons, orphans."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger, alive, children, make_report

from nlp_reports.classify.dataset import DataWarning
from nlp_reports.cli import main
from nlp_reports.corpus import Store, summarize, tag_paths


@pytest.fixture()
def small_store(tmp_path):
    """Three reports of two agencies, tagged by the fake tagger."""
    tagger = FakeTagger()
    reports = [make_report("甲县人民政府", 2022, ["人员力量不足。"], ["加强培训。"]),
               make_report("甲县人民政府", 2023, ["主动公开深度不够。"], ["加强培训。"]),
               make_report("乙市人民政府", 2023, ["保密审查不够严格。"], ["完善制度。"])]
    db = tmp_path / "s.db"
    with Store(db) as s:
        for i, r in enumerate(reports):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    return db


# --- Finding 6: a repeated --by key --------------------------------------------------------


def test_repeated_group_key_is_ignored(small_store):
    once = summarize(small_store, by=["year"])
    twice = summarize(small_store, by=["year", "year"])
    assert twice.by == ("year",)
    assert twice.overview.equals(once.overview)


def test_cli_repeated_by_gives_no_traceback(small_store, capsys):
    assert main(["summarize", "--db", str(small_store), "--by", "year", "--by", "year"]) == 0
    out = capsys.readouterr().out
    assert "grouped by year" in out and "year, year" not in out


# --- Findings 16, 20, 22: summarize's stdout and folders, tag's hint, --help defaults -----


def test_summarize_prints_stdout_also_with_html_and_csv(small_store, tmp_path, capsys):
    html = tmp_path / "no" / "such" / "dir" / "sum.html"
    csv_dir = tmp_path / "csvs"
    assert main(["summarize", "--db", str(small_store), "--html", str(html),
                 "--csv", str(csv_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Corpus summary") and "3 reports" in out
    assert html.is_file() and (csv_dir / "overview.csv").is_file()
    assert main(["summarize", "--db", str(small_store), "--html", str(html), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["summarize", "--db", str(small_store), "--csv", str(csv_dir),
                 "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith('{"by"')


def test_show_failures_hint_only_when_failures_are_hidden():
    from nlp_reports.corpus.batch import BatchResult
    from nlp_reports.corpus.files import Failure

    fails = tuple(Failure(f"/x/{i}.txt", "empty", "the file is empty") for i in range(3))
    res = BatchResult(ok=1, skipped=0, failed=3, failures=fails, db="x.db", model_id="m")
    assert "--show-failures" not in res.summary_line(shown=20)
    assert "--show-failures" not in res.summary_line(shown=3)
    assert "1 not listed: see --show-failures" in res.summary_line(shown=2)
    assert res.summary_line(shown=0).endswith(
        "3 failed (see --show-failures, in Python result.failures)")


@pytest.mark.parametrize("command, expected", [
    ("tag", ["--jobs", "default: 1", "default: 60", "default: 20", "default: joblib"]),
    ("export", ["default: jsonl"]),
    ("summarize", ["default: markdown", "--quiet"]),
])
def test_help_shows_the_defaults(command, expected, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    for e in expected:
        assert e in text, (e, text)


# --- Finding 2: the same report in other bytes is a duplicate; revised versions are noted ---

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"
BROKEN = Path(__file__).parent / "fixtures" / "broken"
UTF8_REPORT = EXAMPLES / "云岭市卫生健康委员会2022年政府信息公开工作年度报告.txt"


def _files(db):
    with Store(db) as s:
        return {Path(p).name: (st, d and Path(d).name) for p, st, d in s.connection.execute(
            "SELECT path, status, duplicate_of FROM files")}


def _same_text_folder(folder: Path) -> Path:
    """A UTF-8 report, its GB18030 copy, a copy with CRLF and blank lines, a revised version
    (one sentence of section 一 changed) and the same HTML report in two encodings/layouts."""
    folder.mkdir()
    text = UTF8_REPORT.read_text("utf-8")
    (folder / "a_utf8.txt").write_text(text, "utf-8")
    (folder / "b_gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "c_crlf.txt").write_bytes(text.replace("\n", "\r\n\r\n").encode("utf-8"))
    at = text.find("。", text.find("总体情况"))
    (folder / "d_revised.txt").write_text(text[:at] + "（修订）" + text[at:], "utf-8")
    shutil.copy(BROKEN / "gbk_says_utf8.html", folder / "e_gbk.html")
    shutil.copy(BROKEN / "nested_divs.html", folder / "f_nested.html")
    return folder


needs_examples = pytest.mark.skipif(not UTF8_REPORT.is_file() or not BROKEN.is_dir(),
                                    reason="examples/corpus or the broken fixtures missing")


@needs_examples
@pytest.mark.parametrize("jobs", [1, 2])
def test_same_text_in_other_bytes_is_a_duplicate(tmp_path, jobs):
    folder = _same_text_folder(tmp_path / "in")
    db = tmp_path / "s.db"
    res = tag_paths([folder], db, model=FakeTagger(), jobs=jobs, chunk_size=1)
    assert (res.ok, res.duplicates, res.failed) == (3, 3, 0)
    assert _files(db) == {"a_utf8.txt": ("ok", None), "b_gb18030.txt": ("duplicate", "a_utf8.txt"),
                          "c_crlf.txt": ("duplicate", "a_utf8.txt"),
                          "d_revised.txt": ("ok", None), "e_gbk.html": ("ok", None),
                          "f_nested.html": ("duplicate", "e_gbk.html")}
    summary = summarize(db)
    assert summary.n_reports == 3
    [note] = [n for n in summary.notes if "(agency, year)" in n]
    assert note.startswith("1 (agency, year) pair has more than one report (2 reports")
    assert "## Notes" in summary.to_markdown() and note in summary.to_markdown()
    assert json.loads(summary.to_json())["notes"] == list(summary.notes)
    # resume: nothing is parsed again, nothing changes
    again = tag_paths([folder], db, model=FakeTagger(), jobs=jobs)
    assert (again.ok, again.skipped, again.duplicates) == (0, 6, 0)
    assert summarize(db).n_reports == 3


@needs_examples
def test_later_run_and_retag_keep_the_content_duplicates(tmp_path):
    folder = _same_text_folder(tmp_path / "in")
    later = tmp_path / "later"
    later.mkdir()
    for name in ("b_gb18030.txt", "c_crlf.txt", "f_nested.html"):
        (folder / name).rename(later / name)
    db = tmp_path / "s.db"
    assert tag_paths([folder], db, model=FakeTagger()).ok == 3
    res = tag_paths([later], db, model=FakeTagger())  # the copies come in a later run
    assert (res.ok, res.duplicates) == (0, 3)
    res = tag_paths([folder, later], db, model=FakeTagger(), retag=True)
    assert (res.ok, res.duplicates) == (3, 3)
    assert _files(db)["b_gb18030.txt"] == ("duplicate", "a_utf8.txt")
    with Store(db) as s:
        assert s.count("reports") == 3


@needs_examples
def test_holder_that_changes_lets_its_content_duplicates_be_tagged_again(tmp_path):
    folder = _same_text_folder(tmp_path / "in")
    db = tmp_path / "s.db"
    tag_paths([folder], db, model=FakeTagger())
    (folder / "a_utf8.txt").write_bytes(b"")  # the holder is emptied: it fails now
    res = tag_paths([folder / "a_utf8.txt"], db, model=FakeTagger())
    assert res.failed == 1
    files = _files(db)
    assert "b_gb18030.txt" not in files and "c_crlf.txt" not in files
    res = tag_paths([folder], db, model=FakeTagger())
    assert _files(db)["b_gb18030.txt"] == ("ok", None)
    assert _files(db)["c_crlf.txt"] == ("duplicate", "b_gb18030.txt")


@needs_examples
def test_a_store_without_fingerprints_gets_them_when_opened_for_writing(tmp_path):
    import sqlite3

    folder = _same_text_folder(tmp_path / "in")
    (folder / "b_gb18030.txt").rename(tmp_path / "b_gb18030.txt")
    db = tmp_path / "s.db"
    tag_paths([folder / "a_utf8.txt"], db, model=FakeTagger())
    con = sqlite3.connect(db)  # as a store written before the column existed
    con.execute("DROP INDEX IF EXISTS reports_fingerprint")
    con.execute("ALTER TABLE reports DROP COLUMN fingerprint")
    con.commit()
    con.close()
    res = tag_paths([tmp_path / "b_gb18030.txt"], db, model=FakeTagger())
    assert (res.ok, res.duplicates) == (0, 1)


# --- Finding 7: kill -9 of the parent of `tag --jobs 2` leaves no orphan workers -----------

_KILL_SCRIPT = r'''
import sys, time
sys.path.insert(0, sys.argv[3])
from _corpus_helpers import FakeTagger, json_loader
from nlp_reports.corpus import tag_paths

def slow_loader(path):
    time.sleep(0.2)
    return json_loader(path)

tag_paths([sys.argv[1]], sys.argv[2], model=FakeTagger(), jobs=2, chunk_size=1,
          loader=slow_loader)
'''


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_parent(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(200):
        report = make_report(f"县{i}人民政府", 2022, [f"人员不足{i}。"], ["加强培训。"])
        (folder / f"{i:03}.txt").write_text(report.to_json(), encoding="utf-8")
    script = tmp_path / "run.py"
    script.write_text(_KILL_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(folder), str(tmp_path / "s.db"),
                             str(Path(__file__).parent)])
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            workers = children(proc.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers never started"
        time.sleep(0.5)
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(map(alive, workers)):
            time.sleep(0.05)
        survivors = [w for w in workers if alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # never leave them behind, whatever the outcome
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass
    assert not survivors, f"workers {survivors} outlived their killed parent"


# --- Finding 10: missing extras, unsupported documents, folders without reports -----------


def _failed(db) -> dict[str, tuple[str, str]]:
    with Store(db) as s:
        return {Path(p).name: (r, m) for p, r, m in s.connection.execute(
            "SELECT path, reason, message FROM files WHERE status = 'failed'")}


def test_a_missing_optional_package_has_its_own_reason(tmp_path, monkeypatch):
    docx = pytest.importorskip("docx")
    folder = tmp_path / "in"
    folder.mkdir()
    doc = docx.Document()
    doc.add_paragraph("甲县人民政府2023年政府信息公开工作年度报告")
    doc.save(folder / "r.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # as without the 'docx' extra
    db = tmp_path / "s.db"
    res = tag_paths([folder], db, model=FakeTagger())
    assert [f.reason for f in res.failures] == ["missing_dependency"]
    reason, message = _failed(db)["r.docx"]
    assert reason == "missing_dependency" and "pip install 'nlp-reports[docx]'" in message


def test_unsupported_documents_in_a_folder_are_failures_not_skipped(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("old.doc", "sub/wps.wps", "notes.rtf", "figures.xls"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)  # left alone
    report = make_report("甲县人民政府", 2023, ["人员力量不足。"], ["加强培训。"])
    (folder / "good.txt").write_text(report.to_json(), encoding="utf-8")
    db = tmp_path / "s.db"
    res = tag_paths([folder], db, model=FakeTagger(), loader=_json_or_real)
    assert res.ok == 1
    failed = _failed(db)
    assert set(failed) == {"old.doc", "wps.wps", "notes.rtf", "figures.xls"}
    for name, (reason, message) in failed.items():
        assert reason == "unsupported_format", name
        assert ".docx" in message or ".pdf" in message, message
    # named on the command line: the same
    res = tag_paths([folder / "old.doc"], tmp_path / "t.db", model=FakeTagger())
    assert [f.reason for f in res.failures] == ["unsupported_format"]


def _json_or_real(path):
    from _corpus_helpers import json_loader

    from nlp_reports.parse import load_report

    return json_loader(path) if path.endswith(".txt") else load_report(path)


def test_a_folder_without_report_files_says_so(tmp_path, capsys):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "readme.md").write_text("x", encoding="utf-8")
    db = tmp_path / "s.db"
    res = tag_paths([empty], db, model=FakeTagger())
    assert res.failed == 1 and res.failures[0].reason == "no_report_files"
    assert _failed(db) == {}  # nothing to retry: not in the store
    assert main(["tag", str(empty), "--db", str(db), "--quiet"]) == 1
    assert f"no report files found under {empty}" in capsys.readouterr().err


# --- Finding 12: the copying table gives the statement share beside the character share --


def test_copying_gives_both_shares(tmp_path):
    tagger = FakeTagger()
    long_copied = "信息公开工作机构人员力量不足，专职人员少，兼职人员多，业务培训不够。"
    a22 = make_report("甲县人民政府", 2022, [long_copied, "网站栏目更新不及时。"], ["加强培训。"])
    a23 = make_report("甲县人民政府", 2023, [long_copied, "政策解读形式单一。"],
                      ["完善保密审查制度。", "推进平台升级。"])
    db = tmp_path / "c.db"
    with Store(db) as s:
        for i, r in enumerate((a22, a23)):
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    [row] = summarize(db).copying.to_dict("records")
    texts = [st.text for st in a23.statements]
    assert (row["n_statements"], row["n_copied"]) == (len(texts), 1)
    assert row["share_copied_statements"] == round(1 / len(texts), 3)
    copied = [t for t in texts if long_copied in t]
    assert row["share_copied"] == round(sum(map(len, copied)) / sum(map(len, texts)), 3)
    assert row["share_copied"] != row["share_copied_statements"]
    columns = list(summarize(db).copying.columns)
    assert columns.index("share_copied_statements") + 1 == columns.index("share_copied")


# --- Finding 14: predictions of several models in one store are noted ---------------------


def test_summary_notes_several_models(small_store):
    assert not [n for n in summarize(small_store).notes if "models" in n]
    tagger = FakeTagger(model_id="other-model-2")
    r = make_report("丙镇人民政府", 2023, ["宣传不够。"], ["加强宣传。"])
    with Store(small_store) as s:
        s.write_report("r9.txt", r, tagger.tag_many([r])[0], model_id="other-model-2")
    with pytest.warns(DataWarning, match="mixes the tags of 2 models"):  # (models24)
        summary = summarize(small_store)
    [note] = [n for n in summary.notes if "models" in n]
    assert "2 different models" in note
    assert "m: 3 reports" in note and "other-model-: 1 report;" not in note
    assert "other-model-: 1 report)" in note
    assert note in summary.to_markdown()


# --- Finding 15: province and prefecture group keys ----------------------------------------


@pytest.mark.parametrize("region, expected", [
    ("青禾省云岭市东城区", ("青禾省", "云岭市")),
    ("云岭市东城区南湖街道", (None, "云岭市")),
    ("青禾省", ("青禾省", None)),
    ("溪山县", (None, None)),
    ("云南省文山州砚山县", ("云南省", "文山壮族苗族自治州")),  # the 州 named in full
    ("北京市海淀区", ("北京市", None)),
    ("广东省广州市天河区", ("广东省", "广州市")),
    ("内蒙古自治区锡林郭勒盟", ("内蒙古自治区", "锡林郭勒盟")),
    ("延边朝鲜族自治州延吉市", ("吉林省", "延边朝鲜族自治州")),  # the province: data/places.tsv
    ("新疆维吾尔自治区阿克苏地区", ("新疆维吾尔自治区", "阿克苏地区")),
    (None, (None, None)),
])
def test_place_levels(region, expected):
    from nlp_reports.corpus.summarize import place_levels

    assert place_levels(region) == expected


def test_group_by_province_and_prefecture(tmp_path, capsys):
    tagger = FakeTagger()
    reports = [  # (agency, region): the regions the parser gives these agencies
        ("青禾省人民政府", "青禾省"), ("青禾省自然资源厅", "青禾省"),
        ("青禾省云岭市人民政府", "青禾省云岭市"), ("云岭市东城区人民政府", "云岭市东城区"),
        ("云岭市卫生健康委员会", "云岭市"), ("白石镇人民政府", "白石镇")]
    db = tmp_path / "p.db"
    with Store(db) as s:
        for i, (agency, region) in enumerate(reports):
            r = make_report(agency, 2023, ["人员力量不足。"], ["加强培训。"], region=region)
            s.write_report(f"r{i}.txt", r, tagger.tag_many([r])[0], model_id="m")
    by_province = summarize(db, by=["province"]).overview.set_index("province")["reports"]
    assert by_province.to_dict() == {"青禾省": 3, "(unknown)": 3}
    by_pref = summarize(db, by=["prefecture"]).overview.set_index("prefecture")["reports"]
    assert by_pref.to_dict() == {"云岭市": 3, "(unknown)": 3}
    both = summarize(db, by=["province", "prefecture"]).overview
    assert len(both) == 4 and both["reports"].sum() == 6
    assert main(["summarize", "--db", str(db), "--by", "prefecture", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["prefecture"] for r in data["tables"]["overview"]} == {"云岭市", "(unknown)"}


def test_dedupe_counts_one_report_per_agency_and_year(small_store, capsys):
    tagger = FakeTagger()
    revised = make_report("甲县人民政府", 2023, ["主动公开深度不够。", "宣传不够。"], ["加强培训。"])
    revised = replace(revised, metadata=replace(revised.metadata, published="2024-03-01"))
    with Store(small_store) as s:  # stored before the version it revises: the date decides
        s.connection.execute("UPDATE reports SET published = '2024-01-15'")
        s.write_report("r9.txt", revised, tagger.tag_many([revised])[0], model_id="m")
        rid = s.connection.execute("SELECT id FROM reports WHERE path = 'r9.txt'").fetchone()[0]
        s.connection.execute("UPDATE reports SET id = 0 WHERE id = ?", (rid,))
        s.connection.execute("UPDATE statements SET report_id = 0 WHERE report_id = ?", (rid,))
    plain = summarize(small_store)
    assert plain.n_reports == 4
    deduped = summarize(small_store, dedupe=True)
    assert deduped.n_reports == 3
    assert deduped.n_statements == plain.n_statements - 2  # the older 甲县 2023: 2 statements
    [note] = [n for n in deduped.notes if n.startswith("dedupe:")]
    assert "1 report is left out" in note
    kept = deduped.copying["report_id"].tolist()
    assert kept == [0]  # 甲县 2023 ↔ 2022: the revised one (published later) is kept
    assert main(["summarize", "--db", str(small_store), "--dedupe", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_reports"] == 3


def test_dedupe_prefers_the_complete_copy_on_the_same_date(tmp_path):
    """Same agency, year and date: the copy whose 表三 was read wins over one stored later
    whose 表三 could not be read (a PDF copy), whatever the walk order."""
    from _corpus_helpers import table3

    tagger = FakeTagger()
    good = make_report("丁县人民政府", 2023, ["栏目更新慢。"], ["按周更新。"],
                       tables=(table3(received=5.0),))
    bad = replace(good, tables=(replace(good.tables[0], status="unreadable",
                                        problem="row 三 not read"),))
    db = tmp_path / "d.db"
    with Store(db) as s:
        s.write_report("a.txt", good, tagger.tag_many([good])[0], model_id="m")
        s.write_report("b.pdf", bad, tagger.tag_many([bad])[0], model_id="m")
    kept = summarize(db, dedupe=True)
    assert kept.n_reports == 1
    assert kept.table_stats["received"].tolist() == [5.0]


def test_group_by_the_file_type(tmp_path, capsys):
    """--by format is the layout scheme; --by source_format the file a report came from."""
    tagger = FakeTagger()
    db = tmp_path / "f.db"
    with Store(db) as s:
        for i, kind in enumerate(("txt", "pdf", "pdf")):
            r = make_report(f"{'甲乙丙'[i]}县人民政府", 2023, ["人员不足。"], ["配备专人。"])
            r = replace(r, metadata=replace(r.metadata, source_format=kind))
            s.write_report(f"r{i}.{kind}", r, tagger.tag_many([r])[0], model_id="m")
    got = summarize(db, by=["source_format"]).overview.set_index("source_format")["reports"]
    assert got.to_dict() == {"pdf": 2, "txt": 1}
    assert main(["summarize", "--db", str(db), "--by", "source_format", "--format", "json"]) == 0
    assert {r["source_format"] for r in json.loads(capsys.readouterr().out)["tables"]["overview"]
            } == {"pdf", "txt"}
