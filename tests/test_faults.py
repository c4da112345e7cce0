"""Faults (issue 5): a killed batch run, an unwritable store, and damaged or foreign models.

(a) ``nlp-reports tag`` killed with SIGKILL mid-run leaves a sound store, and the rerun stores
every report exactly once; (b) an output location that cannot be written gives a StoreError /
one CLI "error:" line; (c) a model file with one byte flipped is refused before unpickling;
(d) a model card from another scikit-learn names both versions; (e) a model outside the
shipped ones needs trust. Everything runs on copies in tmp_path; the shipped model is read only.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import pytest

from nlp_reports.errors import (
    IncompatibleModelError,
    ModelError,
    ModelIntegrityError,
    StoreError,
    UntrustedModelError,
)

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "examples" / "corpus"
SHIPPED = ROOT / "models" / "default"
GOOD = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.html"))

needs_corpus = pytest.mark.skipif(not GOOD, reason="examples/corpus is missing")
needs_model = pytest.mark.skipif(not (SHIPPED / "model.joblib").is_file(),
                                 reason="models/default (the shipped model) is not built yet")


def _cli(*args: str, stdin: str | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp_reports", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def _assert_clean_failure(proc: subprocess.CompletedProcess, *words: str) -> str:
    """Non-zero exit, no traceback, one 'error:' line that contains ``words``; that line."""
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    for word in words:
        assert word.lower() in errors[0].lower(), errors[0]
    return errors[0]


def _main(args: list[str], capsys) -> subprocess.CompletedProcess:
    """Run the CLI in this process (fast); an uncaught exception is what would be a traceback."""
    from nlp_reports.cli import main

    capsys.readouterr()
    try:
        code = main(args)
    except Exception as exc:  # noqa: BLE001 - the point: nothing but NlpReportsError may escape
        pytest.fail(f"nlp-reports {' '.join(args[:1])} let {type(exc).__name__} escape "
                    f"(a traceback for the user): {exc}")
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


# --- (a) SIGKILL mid-run, then resume ---------------------------------------------------------


def _count(db: Path, sql: str) -> int | None:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return None  # not created yet, or busy


def _assert_store_sound(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    one = con.execute
    # no half reports: children only of stored reports, counts as recorded
    for child in ("sections", "statements", "table_cells", "checks", "problems"):
        orphans = one(f"SELECT count(*) FROM {child} WHERE report_id NOT IN "
                      "(SELECT id FROM reports)").fetchone()[0]
        assert orphans == 0, f"{orphans} {child} rows without their report"
    bad = one("SELECT r.path, r.n_statements, count(s.idx) FROM reports r LEFT JOIN statements s "
              "ON s.report_id = r.id GROUP BY r.id HAVING count(s.idx) != r.n_statements"
              ).fetchall()
    assert not bad, f"reports whose statements are incomplete or doubled: {bad[:3]}"
    bad = one("SELECT r.path, r.n_sections, count(s.position) FROM reports r LEFT JOIN sections s "
              "ON s.report_id = r.id GROUP BY r.id HAVING count(s.position) != r.n_sections"
              ).fetchall()
    assert not bad, f"reports whose sections are incomplete or doubled: {bad[:3]}"
    dup = one('SELECT count(*) FROM (SELECT 1 FROM table_cells GROUP BY report_id, table_id, '
              '"row", "column" HAVING count(*) > 1)').fetchone()[0]
    assert dup == 0, f"{dup} table cells stored twice"
    dup = one("SELECT count(*) FROM (SELECT 1 FROM checks GROUP BY report_id, id, table_id, "
              '"row", "column" HAVING count(*) > 1)').fetchone()[0]
    assert dup == 0, f"{dup} checks stored twice"
    # every file stored ok has its report, and no report lacks its file row
    assert one("SELECT count(*) FROM files f WHERE f.status = 'ok' AND f.path NOT IN "
               "(SELECT path FROM reports)").fetchone()[0] == 0
    assert one("SELECT count(*) FROM reports WHERE path NOT IN (SELECT path FROM files "
               "WHERE status = 'ok')").fetchone()[0] == 0
    return con


def _variant(data: bytes, i: int) -> bytes:
    """The report ``data`` with "（第i批）" added to the first sentence of 总体情况 (i > 0):
    a different text, in the file's own encoding (UTF-8 or GB18030)."""
    if i == 0:
        return data
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("gb18030"), "gb18030"
    at = text.find("。", text.find("总体情况"))
    return (text[:at] + f"（第{i}批）" + text[at:]).encode(encoding)


@needs_corpus
@needs_model
def test_sigkill_mid_run_then_resume_stores_each_report_once(tmp_path):
    corpus = tmp_path / "corpus"
    copies = 3  # enough files that the run is still going when we kill it
    for i in range(copies):
        (corpus / f"batch{i}").mkdir(parents=True)
        for f in GOOD:  # distinct texts: identical files and the same text in other
            # bytes (another encoding, extra blank lines) are stored once
            (corpus / f"batch{i}" / f.name).write_bytes(_variant(f.read_bytes(), i))
    (corpus / "bad.txt").write_text("今天天气很好。\n我们去公园。\n", encoding="utf-8")
    n_good = copies * len(GOOD)
    db = tmp_path / "store.sqlite"
    args = [sys.executable, "-m", "nlp_reports", "tag", str(corpus), "--db", str(db),
            "--jobs", "1", "--quiet"]

    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed_at = None
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            n = _count(db, "SELECT count(*) FROM files")
            if n and n >= 3:
                os.kill(proc.pid, signal.SIGKILL)
                killed_at = n
                break
            time.sleep(0.005)
    finally:
        if proc.poll() is None and killed_at is None:
            proc.kill()
        proc.communicate(timeout=60)
    if killed_at is None:
        pytest.skip(f"the run ended (rc {proc.returncode}) before any report was seen stored")
    assert proc.returncode == -signal.SIGKILL
    stored_before = _count(db, "SELECT count(*) FROM reports")
    assert stored_before is not None and stored_before < n_good, "killed too late to test"
    _assert_store_sound(db).close()  # the killed store is already consistent

    rerun = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in rerun.stderr, rerun.stderr
    assert rerun.returncode == 1, rerun.stderr  # bad.txt fails, the rest is stored
    assert "skipped" in rerun.stderr and "1 failed" in rerun.stderr, rerun.stderr
    con = _assert_store_sound(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM reports").fetchone() == (
        n_good, n_good)
    assert con.execute("SELECT status, count(*) FROM files GROUP BY status ORDER BY status"
                       ).fetchall() == [("failed", 1), ("ok", n_good)]
    paths = {Path(p).name for (p,) in con.execute("SELECT path FROM reports")}
    assert paths == {f.name for f in GOOD}
    con.close()

    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert f"skipped {n_good} already stored" in again.stderr, again.stderr
    con = _assert_store_sound(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == n_good
    con.close()


@needs_corpus
@needs_model
def test_cli_tag_over_a_folder_with_a_fifo_does_not_hang(tmp_path):
    """A named pipe with a report suffix blocks open() forever; the batch must not wait on it."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(GOOD[0], folder / GOOD[0].name)
    os.mkfifo(folder / "pipe.txt")
    db = tmp_path / "store.sqlite"
    try:
        proc = _cli("tag", str(folder), "--db", str(db), "--quiet", timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("nlp-reports tag hung on a FIFO in the folder")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr  # the pipe is skipped or a failure
    assert _count(db, "SELECT count(*) FROM reports") == 1


@needs_corpus
@needs_model
def test_three_concurrent_tag_runs_on_one_store(tmp_path):
    """Writers racing on one store: each waits or fails cleanly; every report is stored once."""
    db, folder = tmp_path / "store.sqlite", tmp_path / "in"
    folder.mkdir()
    files = GOOD[::4]
    for f in files:
        shutil.copy(f, folder / f.name)
    args = [sys.executable, "-m", "nlp_reports", "tag", str(folder), "--db", str(db), "--quiet"]
    procs = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert "Traceback" not in err, err
        assert p.returncode == 0 or err.startswith("error:"), err
    assert any(p.returncode == 0 for p in procs)
    con = _assert_store_sound(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM reports").fetchone() == (
        len(files), len(files))
    con.close()


# --- (b) an output location that cannot be written --------------------------------------------


def _unwritable_db_paths(tmp_path: Path) -> list[Path]:
    """Store paths no process can create: under a regular file, and under /proc (even as root);
    under a 0o555 directory when not root (root ignores the mode bits)."""
    blocker = tmp_path / "somefile"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    paths = [blocker / "store.sqlite", Path("/proc/nlp_reports_store.sqlite")]
    if os.geteuid() != 0:
        ro = tmp_path / "readonly"
        ro.mkdir()
        ro.chmod(0o555)
        paths.append(ro / "store.sqlite")
    return paths


def test_store_in_unwritable_location_raises_store_error(tmp_path):
    from nlp_reports.corpus import Store

    for db in _unwritable_db_paths(tmp_path):
        with pytest.raises(StoreError) as info:
            Store(db)
        assert str(db) in str(info.value) or db.name in str(info.value), str(info.value)


@needs_corpus
@needs_model
def test_cli_tag_into_unwritable_location_fails_cleanly(tmp_path):
    for db in _unwritable_db_paths(tmp_path):
        proc = _cli("tag", str(GOOD[0]), "--db", str(db), "--quiet")
        _assert_clean_failure(proc, "store")
        assert not db.exists()


@pytest.fixture
def tiny_disk():
    """A 1 MB tmpfs (root only; skipped where mounting is not allowed), unmounted after: the
    empty store (16 KB pages, ~0.6 MB with its WAL) fits, a few reports more do not.

    Mounted outside pytest's tmp folders: a mount left behind (a killed run) there made
    pytest's clean-up of old tmp folders fail every later test session."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a full disk is simulated with a tmpfs mount, which needs root")
    disk = Path(tempfile.mkdtemp(prefix="nlpr-tiny-disk-"))
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        disk.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    try:
        yield disk
    finally:
        # lazily (-l): a connection a failed assertion left open must not keep the mount
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
        with contextlib.suppress(OSError):
            disk.rmdir()


@needs_corpus
@needs_model
def test_cli_tag_on_a_full_disk_fails_cleanly_and_resumes(tiny_disk):
    db = tiny_disk / "store.sqlite"
    proc = _cli("tag", str(CORPUS), "--db", str(db), "--quiet")
    # the disk fills while reports are written (not while the schema is made): each report
    # then fails as a store error, or the run stops with one error line
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "disk is full" in proc.stderr, proc.stderr
    con = _assert_store_sound(db)
    stored = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    con.close()
    assert 0 < stored < len(GOOD), f"{stored} of {len(GOOD)} reports stored before the disk filled"
    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], check=True)
    proc = _cli("tag", str(CORPUS), "--db", str(db), "--quiet")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    con = _assert_store_sound(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM reports").fetchone() == (
        len(GOOD), len(GOOD))
    assert con.execute("SELECT count(*) FROM files WHERE status != 'ok'").fetchone()[0] == 0
    con.close()


@needs_corpus
def test_cli_summarize_a_store_that_is_not_there(tmp_path):
    proc = _cli("summarize", "--db", str(tmp_path / "missing.sqlite"))
    _assert_clean_failure(proc, "no store here")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    _assert_clean_failure(_cli("audit", "--db", str(junk)))


# --- (c)–(e) damaged, foreign and untrusted models ---------------------------------------------


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory) -> Path:
    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("models/default (the shipped model) is not built yet")
    dest = tmp_path_factory.mktemp("models") / "default"
    shutil.copytree(SHIPPED, dest)
    return dest


@pytest.fixture
def fresh_copy(model_copy, tmp_path) -> Path:
    """A private copy of the shipped model to damage (hard links would share the bytes)."""
    dest = tmp_path / "model"
    shutil.copytree(model_copy, dest)
    return dest


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


def _edit_card(model_dir: Path, edit) -> None:
    card_path = model_dir / "meta.json"
    card = json.loads(card_path.read_text("utf-8"))
    edit(card)
    card_path.write_text(json.dumps(card, ensure_ascii=False, indent=2), "utf-8")


def test_untouched_copy_loads_with_trust(model_copy):
    from nlp_reports.classify import Tagger

    tagger = Tagger.load(model_copy, trust=True)
    shipped = Tagger.load()
    assert tagger.model_id == shipped.model_id
    text = "信息公开工作人员力量不足，业务培训不够。"
    assert tagger.predict([text])[0].to_dict() == shipped.predict([text])[0].to_dict()


def test_copy_without_trust_is_refused(model_copy):
    from nlp_reports.classify import Tagger

    with pytest.raises(UntrustedModelError) as info:
        Tagger.load(model_copy)
    assert "trust" in str(info.value)
    with pytest.raises(UntrustedModelError):
        Tagger.load(model_copy / "model.joblib")  # the file itself, not only the folder


def test_symlink_into_a_foreign_folder_is_still_untrusted(model_copy, tmp_path):
    from nlp_reports.classify import Tagger

    link = tmp_path / "innocent"
    link.symlink_to(model_copy, target_is_directory=True)
    with pytest.raises(UntrustedModelError):
        Tagger.load(link)


def test_a_model_beside_the_shipped_one_in_its_folder_still_needs_trust(model_copy, tmp_path,
                                                                        monkeypatch):
    """Only the shipped model names load without trust: a model trained (or copied) into
    the models folder is another pickle, whoever put it there."""
    from nlp_reports.classify import Tagger, modelcard

    root = model_copy.parent  # a models folder holding "default" (the shipped model's copy)
    shutil.copytree(model_copy, root / "mine", dirs_exist_ok=True)
    monkeypatch.setattr(modelcard, "shipped_models_roots", lambda: [root])
    assert Tagger.load().model_id == Tagger.load(root / "default").model_id  # shipped
    for name in ("mine", root / "mine", root / "mine" / "model.joblib"):
        with pytest.raises(UntrustedModelError, match="not one of the shipped models"):
            Tagger.load(name)
    assert Tagger.load("mine", trust=True).model_id == Tagger.load().model_id


def test_cli_classify_copy_without_trust(model_copy):
    proc = _cli("classify", "--model", str(model_copy), stdin="人员力量不足。\n")
    _assert_clean_failure(proc, "--trust-model")
    assert proc.stdout == ""


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_flipped_byte_is_refused_before_unpickling(fresh_copy, where):
    from nlp_reports.classify import Tagger

    model = fresh_copy / "model.joblib"
    size = model.stat().st_size
    _flip_byte(model, {"start": 0, "middle": size // 2, "end": size - 1}[where])
    with pytest.raises(ModelIntegrityError) as info:
        Tagger.load(fresh_copy, trust=True)
    assert "SHA-256" in str(info.value) and "model.joblib" in str(info.value)


def test_cli_classify_with_a_flipped_byte(fresh_copy):
    _flip_byte(fresh_copy / "model.joblib", 12345)
    proc = _cli("classify", "--model", str(fresh_copy), "--trust-model",
                stdin="人员力量不足。\n")
    _assert_clean_failure(proc, "SHA-256")
    assert proc.stdout == ""


@needs_corpus
def test_cli_tag_with_a_flipped_byte_touches_no_file(fresh_copy, tmp_path):
    _flip_byte(fresh_copy / "model.joblib", 999)
    db = tmp_path / "store.sqlite"
    proc = _cli("tag", str(GOOD[0]), "--db", str(db), "--model", str(fresh_copy),
                "--trust-model", "--quiet")
    _assert_clean_failure(proc, "SHA-256")
    assert not db.exists() or _count(db, "SELECT count(*) FROM reports") in (None, 0)


def test_card_checksum_that_disagrees_is_refused(fresh_copy):
    from nlp_reports.classify import Tagger

    _edit_card(fresh_copy, lambda c: c.update(model_sha256="0" * 64))
    with pytest.raises(ModelIntegrityError):
        Tagger.load(fresh_copy, trust=True)


def test_no_recorded_checksum_is_refused(fresh_copy):
    from nlp_reports.classify import Tagger

    (fresh_copy / "model.joblib.sha256").unlink()
    _edit_card(fresh_copy, lambda c: [c.pop(k, None) for k in ("model_sha256", "sha256")])
    with pytest.raises(ModelIntegrityError) as info:
        Tagger.load(fresh_copy, trust=True)
    assert "SHA-256" in str(info.value)


def test_garbage_model_with_a_matching_checksum_is_a_model_error(fresh_copy):
    """A file whose checksum was recomputed (so it passes) but that is not a pickle."""
    import hashlib

    from nlp_reports.classify import Tagger

    model = fresh_copy / "model.joblib"
    model.write_bytes(model.read_bytes()[: 4096])  # truncated
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    (fresh_copy / "model.joblib.sha256").write_text(f"{digest}  model.joblib\n", "ascii")
    _edit_card(fresh_copy, lambda c: c.update(model_sha256=digest))
    with pytest.raises(ModelError) as info:
        Tagger.load(fresh_copy, trust=True)
    assert "model.joblib" in str(info.value)


def _other_minor(version: str) -> str:
    major, minor, *_ = (version.split(".") + ["0", "0"])
    return f"{major}.{int(minor) + 1 if minor.isdigit() else 0}.0"


def test_card_from_another_sklearn_minor_version(fresh_copy):
    from nlp_reports.classify import Tagger

    have = metadata.version("scikit-learn")
    other = _other_minor(have)
    _edit_card(fresh_copy, lambda c: c.setdefault("versions", {}).update({"scikit-learn": other}))
    with pytest.raises(IncompatibleModelError) as info:
        Tagger.load(fresh_copy, trust=True)
    message = str(info.value)
    assert other in message and have in message, message


def test_card_from_another_sklearn_patch_version_warns(fresh_copy, caplog):
    from nlp_reports.classify import Tagger

    have = metadata.version("scikit-learn")
    parts = (have.split(".") + ["0", "0"])[:3]
    other = ".".join([*parts[:2], str(int(parts[2]) + 1) if parts[2].isdigit() else "99"])
    _edit_card(fresh_copy, lambda c: c.setdefault("versions", {}).update({"scikit-learn": other}))
    with caplog.at_level("WARNING", logger="nlp_reports"):
        tagger = Tagger.load(fresh_copy, trust=True)
    assert tagger.predict(["人员力量不足。"])[0].kind
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(other in m and have in m for m in warned), warned


def test_card_with_another_model_format(fresh_copy):
    from nlp_reports.classify import Tagger

    _edit_card(fresh_copy, lambda c: c.update(format_version=99))
    with pytest.raises(IncompatibleModelError) as info:
        Tagger.load(fresh_copy, trust=True)
    assert "99" in str(info.value)


def test_cli_classify_with_a_foreign_sklearn_card(fresh_copy):
    have = metadata.version("scikit-learn")
    other = _other_minor(have)
    _edit_card(fresh_copy, lambda c: c.setdefault("versions", {}).update({"scikit-learn": other}))
    proc = _cli("classify", "--model", str(fresh_copy), "--trust-model",
                stdin="人员力量不足。\n")
    _assert_clean_failure(proc, other, have)


def test_unreadable_card_is_a_model_error(fresh_copy):
    from nlp_reports.classify import Tagger

    (fresh_copy / "meta.json").write_text("{ not json", "utf-8")
    with pytest.raises(ModelError):
        Tagger.load(fresh_copy, trust=True)


def test_missing_model_directory(tmp_path):
    from nlp_reports.classify import Tagger
    from nlp_reports.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError):
        Tagger.load(tmp_path / "nothing-here", trust=True)
    proc = _cli("classify", "--model", str(tmp_path / "nothing-here"), "--trust-model",
                stdin="人员力量不足。\n")
    _assert_clean_failure(proc, "no model")


# --- the broken-files corpus through the batch -------------------------------------------------


@needs_model
def test_cli_tag_over_the_broken_corpus_records_each_failure_once(tmp_path):
    from test_hostile import BROKEN, BROKEN_FILES, EXPECTED

    db = tmp_path / "store.sqlite"
    proc = _cli("tag", str(BROKEN), "--db", str(db), "--quiet", "--show-failures", "100")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    bad = {n: EXPECTED[n][0].reason for n in BROKEN_FILES if EXPECTED[n]}
    good = {n for n in BROKEN_FILES if EXPECTED[n] is None}
    con = _assert_store_sound(db)
    failed = {Path(p).name: r for p, r in con.execute(
        "SELECT path, reason FROM files WHERE status = 'failed'")}
    assert failed == bad
    stored = {Path(p).name for (p,) in con.execute("SELECT path FROM reports")}
    # the same report in two HTML pages (encodings differ): stored once, the other a duplicate
    same = {Path(p).name: Path(d).name for p, d in con.execute(
        "SELECT path, duplicate_of FROM files WHERE status = 'duplicate'")}
    assert same == {"nested_divs.html": "gbk_says_utf8.html"}
    assert stored == good - set(same)
    for name in bad:
        assert sum(name in line for line in proc.stderr.splitlines()) == 1, (name, proc.stderr)
    con.close()


# --- a hostile corpus end to end ----------------------------------------------------------------


@needs_corpus
@needs_model
def test_a_hostile_corpus_goes_through_tag_summarize_audit_export(tmp_path):
    """Mangled reports (absurd numbers, cut, shuffled, doubled headings, broken HTML, the broken
    files): every command finishes without a traceback and its JSON is strict JSON."""
    import random
    import re

    rng = random.Random(5)
    folder = tmp_path / "in"
    folder.mkdir()
    absurd = ["1e308", "-5", "NaN", "99999999999999999999", "１２３", "9" * 400, ".5"]
    sample = GOOD[::2]
    for i, f in enumerate(sample):
        raw = f.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        how = i % 5
        if how == 0:
            text = re.sub(r"(?<=\s)\d+(?=\s|$|<)", lambda m: rng.choice(absurd), text, flags=re.M)
        elif how == 1:
            text = text[: rng.randrange(len(text) // 3, len(text))]
        elif how == 2:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif how == 3:
            text = re.sub(r"^([一二三四五六]、.*)$", r"\1\n\1", text, flags=re.M)
        else:
            text = text.replace("</td>", "").replace("colspan='", "colspan='-")
        (folder / f"m{i:02d}{f.suffix}").write_text(text, "utf-8")
    broken = Path(__file__).parent / "fixtures" / "broken"
    for f in broken.iterdir():
        if f.suffix != ".py":
            shutil.copy(f, folder / f"broken_{f.name}")
    db = tmp_path / "s.sqlite"
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["tag", str(folder), "--db", str(db), "--quiet"],
        ["summarize", "--db", str(db), "--format", "json"],
        ["summarize", "--db", str(db), "--by", "year", "--by", "level", "--csv", str(out / "csv"),
         "--html", str(out / "summary.html")],
        ["audit", "--db", str(db), "--format", "json"],
        ["audit", "--db", str(db), "--html", str(out / "audit.html"), "--csv",
         str(out / "audit.csv")],
        ["export", "--db", str(db), "--out", str(out / "all.jsonl")],
        ["export", "--db", str(db), "--format", "csv", "--out", str(out / "export-csv")],
    ]
    def strict(text: str):
        def refuse(constant):
            raise ValueError(f"non-standard JSON constant {constant}")
        return json.loads(text, parse_constant=refuse)

    for args in commands:
        proc = _cli(*args, timeout=300)
        assert "Traceback" not in proc.stderr, (args, proc.stderr[-3000:])
        assert proc.returncode == (1 if args[0] == "tag" else 0), (args, proc.stderr)
        if "json" in args:
            strict(proc.stdout)
    for line in (out / "all.jsonl").read_text("utf-8").splitlines():
        strict(line)
    con = _assert_store_sound(db)
    n_ok = con.execute("SELECT count(*) FROM files WHERE status = 'ok'").fetchone()[0]
    assert n_ok >= len(sample) - 5  # the mangled reports still parse (as fragments at worst)
    for (value,) in con.execute("SELECT value FROM table_cells WHERE value IS NOT NULL"):
        assert value == value and abs(value) != float("inf")
    con.close()


@pytest.fixture(scope="module")
def one_report_store(tmp_path_factory) -> Path:
    if not GOOD or not (SHIPPED / "model.joblib").is_file():
        pytest.skip("needs examples/corpus and the shipped model")
    db = tmp_path_factory.mktemp("store") / "s.sqlite"
    proc = _cli("tag", str(GOOD[0]), "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.mark.parametrize("where", ["missing_folder", "under_a_file"])
@pytest.mark.parametrize("command", ["summarize-html", "summarize-csv", "audit-html",
                                     "audit-csv", "export-jsonl", "export-csv"])
def test_outputs_into_a_folder_that_does_not_exist(one_report_store, tmp_path, command, where,
                                                   capsys):
    """An output path under a missing folder: created, or one clean "error:" line; under a
    regular file (cannot be created, even by root): one clean "error:" line."""
    db = one_report_store
    target = tmp_path / "no" / "such" / "folder"
    if where == "under_a_file":
        (tmp_path / "afile").write_text("x", "utf-8")
        target = tmp_path / "afile" / "folder"
    name, kind = command.split("-")
    if name == "export":
        args = ["export", "--db", str(db), "--format", kind, "--out",
                str(target / "x.jsonl") if kind == "jsonl" else str(target)]
    else:
        args = [name, "--db", str(db), f"--{kind}",
                str(target / f"x.{kind}") if not (name == "summarize" and kind == "csv")
                else str(target)]
    proc = _main(args, capsys)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    if proc.returncode == 0 and where == "missing_folder":
        assert target.exists()
    else:
        _assert_clean_failure(proc)


# --- stores that are damaged, foreign or from the future ----------------------------------------


def _damaged_store(kind: str, good: Path, dest: Path) -> Path:
    if kind == "truncated":
        dest.write_bytes(good.read_bytes()[:20000])
    elif kind == "junk":
        dest.write_bytes(bytes(range(256)) * 12)
    elif kind == "header_only":
        dest.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    elif kind == "newer_schema":
        shutil.copy(good, dest)
        con = sqlite3.connect(dest)
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        con.commit()
        con.close()
    else:  # a researcher's own SQLite file, passed by mistake
        con = sqlite3.connect(dest)
        con.execute("CREATE TABLE interviews (who TEXT, said TEXT)")
        con.execute("INSERT INTO interviews VALUES ('甲', '政府信息公开做得好')")
        con.commit()
        con.close()
    return dest


@pytest.mark.parametrize("kind", ["truncated", "junk", "header_only", "newer_schema", "foreign"])
@pytest.mark.parametrize("command", ["tag", "summarize", "audit", "export"])
def test_commands_on_a_damaged_or_foreign_store(one_report_store, tmp_path, kind, command,
                                               capsys):
    """One clean "error:" line; a foreign database is never written into."""
    db = _damaged_store(kind, one_report_store, tmp_path / f"{kind}.sqlite")
    before = db.read_bytes()
    args = {"tag": ["tag", str(GOOD[0]), "--db", str(db), "--quiet"],
            "summarize": ["summarize", "--db", str(db)],
            "audit": ["audit", "--db", str(db)],
            "export": ["export", "--db", str(db), "--out", str(tmp_path / "o.jsonl")]}[command]
    proc = _main(args, capsys)
    _assert_clean_failure(proc)
    if kind == "foreign":
        con = sqlite3.connect(db)
        tables = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        con.close()
        assert tables == ["interviews"], f"our tables were added to a foreign database: {tables}"
    if command != "tag":
        assert db.read_bytes() == before, "a read-only command changed the store file"
