"""Retraining on one's own labels as a researcher does it in a loop:
``suggest --db`` draws from a tagged store, ``train`` sets the shipped model beside the
new one on the same test split, ``train(with_shipped=True)``, a model folder replaced only
when the new model is complete, and the Chinese kind words a labeller types.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import shutil
import sqlite3
import sys
import threading
import warnings
from pathlib import Path

import pytest

from nlp_reports.classify.dataset import DataWarning, load_labeled
from nlp_reports.errors import DataError, ModelError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
HEALTH = ROOT / "tests" / "fixtures" / "newuser17" / "health_labels_excel.csv"
SUGGEST_KEYS = ("text", "model_kind", "model_kind_score", "model_themes", "uncertainty",
                "source")


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["text", "kind", "themes"], *rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# --- kind words (P4) -----------------------------------------------------------------------


def test_the_kind_words_of_section_five_headings_are_read(tmp_path):
    """The words a labeller copies from the report's own headings, in GBK as Excel saves."""
    rows = [
        ["乡卫生院院务公开栏更新不及时，部分收费项目公示内容滞后。", "存在问题", "timeliness"],
        ["区教育局网站“重点领域信息公开”专栏部分栏目长期空白。", "存在的问题", "platform"],
        ["市医保局政策解读形式较为单一，图解、视频解读偏少。", "不足", "interpretation"],
        ["县应急管理局承办依申请公开的人员系兼职，业务不够熟悉。", " 存在不足 ", "staffing"],
        ["组织各科室负责人参加信息公开业务培训，全年开展2次。", "整改", "training"],
        ["建立主动公开目录动态调整机制，每季度梳理一次。", "整改措施", "institution"],
        ["下一步将加强对所属学校公开工作的指导和检查。", "下一步", "supervision"],
        ["在门户网站开设政策问答栏目，回应群众关切。", "措 施", "interpretation"],
        ["2024年，本院将继续推进院务公开标准化建设。", "改进措施", ""],
        ["现将本局2023年度政府信息公开工作情况报告如下。", "其它", ""],
        ["本年度未发生因政府信息公开引起的行政复议。", "其他", ""],
    ]
    items = load_labeled(_csv(tmp_path / "labels.csv", rows, "gbk"))
    assert [d.kind for d in items] == ["problem"] * 4 + ["measure"] * 5 + ["other"] * 2


@pytest.mark.parametrize(("typed", "said"), [
    ("存在的突出问题", "did you mean 'problem'?"),
    ("工作举措", "did you mean 'measure'?"),
    ("问题整改", "names both a problem and a measure"),
    ("问题及措施", "names both a problem and a measure"),
])
def test_a_kind_word_not_in_the_table_is_refused_with_the_kind_it_leans_to(tmp_path, typed, said):
    rows = [["镇政府公开指南未及时更新，部分办事指引与实际不符。", typed, "content_quality"]]
    with pytest.raises(DataError) as err:
        load_labeled(_csv(tmp_path / "labels.csv", rows))
    assert said in str(err.value)
    assert "labels.csv:2" in str(err.value)


# --- suggest --db (P1) ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The example corpus (43 county, township and bureau reports) tagged by the shipped model."""
    from nlp_reports.corpus.batch import tag_paths

    db = tmp_path_factory.mktemp("store16b") / "corpus.sqlite"
    result = tag_paths([CORPUS], db)
    assert result.ok == 43 and not result.failed, result.failures[:1]
    return db


def test_suggest_from_the_store_is_suggest_from_the_folder(store):
    """The store's own statements, ranked by their stored scores (the layout prior undone),
    give the rows parsing the folder again gives, with the report's id, agency and year."""
    from nlp_reports.classify import Tagger, suggest
    from nlp_reports.corpus.store import Store

    tagger = Tagger.load()
    from_folder = suggest([CORPUS], n=25, tagger=tagger)
    from_store = suggest(db=store, n=25, tagger=tagger)
    assert len(from_store) == 25
    assert ([tuple(r[k] for k in SUGGEST_KEYS) for r in from_store]
            == [tuple(r[k] for k in SUGGEST_KEYS) for r in from_folder])
    assert {r["scored_by"] for r in from_store} == {"stored"}
    # whose and when: the folder's rows name them as the store does
    assert ([(r["agency"], r["year"]) for r in from_store]
            == [(r["agency"], r["year"]) for r in from_folder])
    assert all(r["agency"] and r["year"] for r in from_folder)
    with Store(store, readonly=True) as s:
        reports = s.reports().set_index("id")
    for r in from_store:
        assert reports.loc[r["report_id"], "path"] == r["source"]
        assert reports.loc[r["report_id"], "agency"] == r["agency"]
        assert reports.loc[r["report_id"], "year"] == r["year"]


def test_a_store_tagged_with_another_model_is_scored_again(store, tmp_path, caplog):
    """Reports whose stored model is not the loaded one are scored with the loaded one, and
    the log names both models: the list is always the loaded model's least sure."""
    from nlp_reports.classify import Tagger, suggest

    db = tmp_path / "mixed.sqlite"
    with sqlite3.connect(store) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with sqlite3.connect(db) as conn:  # half the store as if tagged by an earlier model
        conn.execute("UPDATE reports SET model_id = ? WHERE id % 2 = 0", ("c97cd983d4fd" * 5,))
    tagger = Tagger.load()
    with caplog.at_level(logging.INFO, logger="nlp_reports"), \
            pytest.warns(DataWarning, match="scored again"):  # in Jupyter too (newuser26)
        rows = suggest(db=db, n=25, tagger=tagger)
    assert ([tuple(r[k] for k in SUGGEST_KEYS) for r in rows]
            == [tuple(r[k] for k in SUGGEST_KEYS) for r in suggest(db=store, n=25, tagger=tagger)])
    by = {r["scored_by"] for r in rows}
    assert by == {"stored", "rescored"}
    assert all((r["report_id"] % 2 == 0) == (r["scored_by"] == "rescored") for r in rows)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("c97cd983d4fd" in m and tagger.model_id[:12] in m and "scored again" in m
               for m in said)


def test_suggest_db_on_the_command_line(store, tmp_path, capsys):
    from nlp_reports.cli import main

    labeled = tmp_path / "round1.csv"
    assert main(["suggest", "--db", str(store), "-n", "12", "--out", str(labeled)]) == 0
    err = capsys.readouterr().err
    assert "12 statements to label written to" in err
    assert "ranked by model" in err and "the scores stored" in err
    text = labeled.read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["text", "kind", "themes", "model_kind", "model_kind_score",
                             "model_themes", "uncertainty", "block", "source", "agency",
                             "year", "report_id"]  # (block: labels26)
    assert all(Path(r["source"]).parent == CORPUS and Path(r["source"]).is_file()
               for r in rows)  # the report each came from: a family of the split
    assert all(r["agency"] and int(r["report_id"]) > 0 for r in rows)  # whose, for Excel
    # round 2 leaves the 12 out
    again = tmp_path / "round2.csv"
    assert main(["suggest", "--db", str(store), "-n", "12", "--exclude", str(labeled),
                 "--out", str(again)]) == 0
    second = {r["text"] for r in csv.DictReader(io.StringIO(again.read_text("utf-8-sig")))}
    assert second and not second & {r["text"] for r in rows}
    capsys.readouterr()
    assert main(["suggest", "--db", str(store), str(CORPUS)]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["suggest"]) == 2
    assert main(["suggest", "--db", str(tmp_path / "nostore.sqlite")]) == 1
    assert "no such store" in capsys.readouterr().err
    assert not (tmp_path / "nostore.sqlite").exists()


# --- train: the shipped model beside, with_shipped, a model replaced whole (P2, P3) ----------


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """~400 shipped statements as a label file, and ~80 others as an explicit test file."""
    from nlp_reports.classify.dataset import shipped_labeled_files

    items = load_labeled(shipped_labeled_files())
    step = max(1, len(items) // 400)
    d = tmp_path_factory.mktemp("small16b")

    def dump(path: Path, part: list) -> Path:
        path.write_text("".join(json.dumps({"text": x.text, "kind": x.kind,
                                            "themes": list(x.themes), "family": x.family},
                                           ensure_ascii=False) + "\n" for x in part), "utf-8")
        return path

    from nlp_reports.classify.features import normalize_statement

    part = items[::step]
    known = {normalize_statement(x.text) for x in part}
    test = [x for x in items[1::step * 5] if normalize_statement(x.text) not in known]
    return dump(d / "train.jsonl", part), dump(d / "test.jsonl", test)


def _train(*args, **kwargs):
    from nlp_reports.classify import train

    with warnings.catch_warnings():  # few labels: warned, as it should be
        warnings.simplefilter("ignore", DataWarning)
        return train(*args, tokenizer="jieba", params={"cv": 3, "min_df": 1}, **kwargs)


@pytest.mark.slow
def test_train_scores_the_shipped_model_on_the_same_test_split(small, tmp_path):
    from nlp_reports.classify import Tagger, evaluate

    data, test = small
    result = _train(data, test=test, out=tmp_path / "mine")
    with warnings.catch_warnings():  # (80 statements: figures warned as rough)
        warnings.simplefilter("ignore", DataWarning)
        shipped = evaluate(test)  # the shipped model on exactly the test file
    assert result.metrics["n_test"] == shipped["n"] == len(load_labeled(test))
    assert result.shipped["kind_accuracy"] == round(shipped["model"]["kind_accuracy"], 4)
    assert result.shipped["theme_micro_f1"] == round(shipped["model"]["micro_f1"], 4)
    assert result.shipped["theme_macro_f1"] == round(shipped["model"]["macro_f1"], 4)
    assert result.metrics["shipped_theme_micro_f1"] == result.shipped["theme_micro_f1"]
    assert result.shipped["model_id"] == Tagger.load().model_id
    # the new model's own figures are not the shipped one's
    assert result.metrics["theme_micro_f1"] != result.shipped["theme_micro_f1"]
    card = json.loads((tmp_path / "mine" / "meta.json").read_text("utf-8"))
    assert card["metrics"]["shipped"] == result.shipped
    assert "| shipped model |" in (tmp_path / "mine" / "README.md").read_text("utf-8")


@pytest.mark.slow
def test_with_shipped_trains_on_the_shipped_files_too(small, tmp_path, monkeypatch, capsys):
    """``with_shipped=True`` in Python as ``--with-shipped`` on the command line (the shipped
    corpus stood in for by the small file: the full one trains for a minute)."""
    from nlp_reports.cli import main

    tr = sys.modules["nlp_reports.classify.train"]  # (the package's train is the function)

    data, _ = small
    monkeypatch.setattr(tr, "shipped_labeled_files", lambda: [data])
    result = _train(HEALTH, out=tmp_path / "py", with_shipped=True)
    assert set(result.card["data"]["files"]) == {data.name, HEALTH.name}
    assert "with_shipped=True" in result.card["command"]
    assert (result.metrics["n_train"] + result.metrics["n_dev"] + result.metrics["n_test"]
            > len(load_labeled(data)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        rc = main(["train", "--with-shipped", str(HEALTH), "--out", str(tmp_path / "cli"),
                   "--tokenizer", "jieba", "-q"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "shipped" in out.splitlines()[4]  # the header row: new, baseline, shipped
    assert f"on the same {result.metrics['n_test']} test statements" in out
    card = json.loads((tmp_path / "cli" / "meta.json").read_text("utf-8"))
    assert set(card["data"]["files"]) == {data.name, HEALTH.name}
    assert "--with-shipped" in card["command"]


@pytest.mark.slow
def test_a_failed_retrain_leaves_the_old_model_whole(small, tmp_path, monkeypatch):
    import nlp_reports.classify.modelcard as mc
    from nlp_reports.classify import Tagger

    data, _ = small
    out = tmp_path / "models" / "mine"
    first = _train(data, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def crash(model_dir, card):  # the disk fills up after model.joblib was written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mc, "write_card", crash)
    with pytest.raises(ModelError, match="cannot write the model"):
        _train(data, out=out, seed=1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["mine"]  # no half-written folder
    assert Tagger.load(out, trust=True).model_id == first.card["model_sha256"]

    monkeypatch.setattr(mc, "write_card", lambda model_dir, card: (_ for _ in ()).throw(
        KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        _train(data, out=tmp_path / "models" / "new")
    assert sorted(p.name for p in out.parent.iterdir()) == ["mine"]


def test_a_folder_holding_other_files_is_not_replaced(small, tmp_path):
    from nlp_reports.classify import train

    data, _ = small
    out = tmp_path / "project"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"PK\x03\x04 her notes")
    with pytest.raises(ModelError, match=r"notes\.docx"):
        train(data, out=out)
    assert [p.name for p in out.iterdir()] == ["notes.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


@pytest.mark.slow
def test_a_load_during_a_retrain_sees_the_old_model_or_the_new(small, tmp_path):
    """Loads in a thread while the folder is replaced again and again: each gives one whole
    model (its card and its file agree), never an error. A load ends between two swaps (a
    retrain takes minutes; back to back, 5 swaps inside one slow load on a loaded machine
    used up Tagger.load's 5 reads, 1 run in 3), and about half the swaps land mid-load."""
    from nlp_reports.classify import Tagger
    from nlp_reports.classify.modelcard import staged_model_dir

    data, _ = small
    a = _train(data, out=tmp_path / "a")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)  # (the fixture's row without a kind)
        b = _train([data, HEALTH], out=tmp_path / "b")
    ids = {a.card["model_sha256"], b.card["model_sha256"]}
    assert len(ids) == 2
    out = tmp_path / "mine"
    shutil.copytree(tmp_path / "a", out)
    seen, errors, stop, ended = [], [], threading.Event(), threading.Event()

    def load_again():
        while not stop.is_set():
            try:
                t = Tagger.load(out, trust=True)
                seen.append((t.model_id, t.card["model_sha256"]))
            except Exception as exc:  # noqa: BLE001 (any error is the failure tested)
                errors.append(exc)
            ended.set()

    reader = threading.Thread(target=load_again)
    reader.start()
    try:
        for i in range(60):
            with staged_model_dir(out) as stage:
                stage.rmdir()
                shutil.copytree(tmp_path / ("b" if i % 2 == 0 else "a"), stage)
            ended.clear()
            ended.wait(60)
    finally:
        stop.set()
        reader.join()
    assert not errors, errors[:3]
    assert seen and all(mid == card and mid in ids for mid, card in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "mine"]
