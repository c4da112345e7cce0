"""The store names the model that tagged each report (the ``models`` table, schema 6).

A researcher tags her corpus with the shipped model, retrains on her own labels and re-tags
part of it: the store then holds the tags of two models. Its ``models`` table says which
(name, folder, date, training data, labels, versions, the card's test figures, first and
last use), ``Store.models()`` how many reports each tagged now, and the summary, the audit
and ``nlp-reports info`` name them and warn that two measurements are mixed. An older store
gets the table on upgrade, from what is known. The reports are ten of tests/fixtures (a
township, a school, a 人社局, a county and a province of 汐川省, 2010–2022).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.classify.dataset import DataWarning
from nlp_reports.cli import main
from nlp_reports.corpus import Store, audit, summarize, tag_paths
from nlp_reports.corpus.store import shipped_model_record
from nlp_reports.corpus.summarize import shipped_model_id

HERE = Path(__file__).parent / "fixtures"
FILES = sorted((HERE / "sum16").iterdir()) + sorted((HERE / "newuser18").iterdir())

#: The card ``train`` writes, in the parts the store reads (a model retrained on one's labels).
MINE_CARD = {
    "name": "mine", "created": "2026-11-29T08:15:02+00:00",
    "data": {"sha256": "5d1e" + "a" * 60, "files": ["part-a.jsonl", "my_labels.csv"]},
    "labels": {"kinds": ["problem", "measure", "other"], "themes": ["staffing", "training"]},
    "versions": {"scikit-learn": "1.9.1", "nlp_reports": "0.1.0"},
    "tokenizer": {"engine": None, "engine_at_training": "jieba"},
    "metrics": {"test": {"kind_accuracy": 0.91, "theme_micro_f1": 0.8, "n_test": 60}},
}


@dataclass
class CardTagger(FakeTagger):
    """FakeTagger with a model card and folder, as a loaded Tagger has them."""

    name: str = "mine"
    card: dict = field(default_factory=lambda: dict(MINE_CARD))
    path: Path = Path("/home/researcher/models/mine")
    tokenizer_engine: str = "jieba"


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    """The ten reports in two folders: ``a`` (six) and ``b`` (four, re-tagged later)."""
    a, b = tmp_path / "in" / "a", tmp_path / "in" / "b"
    a.mkdir(parents=True)
    b.mkdir()
    for i, f in enumerate(FILES):
        shutil.copy(f, (a if i < 6 else b) / f.name)
    return a, b


def _models(db: Path) -> list[dict]:
    with Store(db, readonly=True) as s:
        return s.models().to_dict("records")


@pytest.fixture(scope="module")
def shipped():
    if shipped_model_id() is None:
        pytest.skip("no shipped model installed")
    return shipped_model_record()


def test_retagging_part_way_with_another_model_is_recorded_and_warned(tmp_path, shipped,
                                                                      capsys):
    a, b = _corpus(tmp_path)
    db = tmp_path / "c.sqlite"
    first = tag_paths([a, b], db)
    assert (first.ok, first.failed) == (10, 0)
    [row] = _models(db)
    card = json.loads((Path(row["path"]) / "meta.json").read_text("utf-8"))
    assert row["model_id"] == shipped["model_id"] == first.model_id
    assert (row["name"], row["created"], row["training_data_sha256"], row["provenance"]) == (
        card["name"], card["created"], card["data"]["sha256"], "card")
    assert row["sklearn_version"] == card["versions"]["scikit-learn"]
    assert json.loads(row["labels"])["themes"] == card["labels"]["themes"]
    assert json.loads(row["test_metrics"]) == card["metrics"]["test"]
    assert row["reports"] == 10 and row["first_used"] <= row["last_used"]

    # resume is unchanged: the same model skips every file and writes nothing
    again = tag_paths([a, b], db)
    assert (again.ok, again.skipped) == (0, 10)
    assert _models(db) == [row]

    # her retrained model re-tags folder b only
    mine = CardTagger(model_id="c97cd983d4fd" + "0" * 52)
    part = tag_paths([b], db, model=mine)
    assert (part.ok, part.retagged, part.previous_models) == (4, 4, (shipped["model_id"],))
    old, new = _models(db)
    assert (old["model_id"], old["reports"], old["last_used"]) == (row["model_id"], 6,
                                                                  row["last_used"])
    assert (new["model_id"], new["name"], new["path"], new["created"]) == (
        mine.model_id, "mine", "/home/researcher/models/mine", MINE_CARD["created"])
    assert (new["training_data_sha256"], new["tokenizer"], new["reports"]) == (
        MINE_CARD["data"]["sha256"], "jieba", 4)
    assert new["first_used"] >= old["last_used"]
    with Store(db, readonly=True) as s:  # the reports that still carry the old model
        by_model = s.query("SELECT model_id, COUNT(*) AS n FROM reports GROUP BY model_id")
    assert dict(zip(by_model["model_id"], by_model["n"], strict=True)) == {
        old["model_id"]: 6, mine.model_id: 4}

    with pytest.warns(DataWarning) as caught:
        s = summarize(db)
    assert (f"mixes the tags of 2 models ({old['model_id'][:12]} (default): 6 reports; "
            "c97cd983d4fd (mine): 4 reports)") in str(caught[0].message)
    line = [x for x in s.to_markdown().splitlines() if x.startswith("Tagged with")][0]
    assert (f"default ({old['model_id'][:12]}, created {old['created'][:10]}; 6 reports; "
            "the shipped default model)") in line
    assert "mine (c97cd983d4fd, created 2026-11-29; 4 reports)" in line
    assert [m["name"] for m in s.to_dict()["models"]] == ["default", "mine"]
    assert "mine（c97cd983d4fd，2026-11-29训练；4份报告）" in s.to_html()

    assert main(["summarize", "--db", str(db), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: the summary mixes the tags of 2 models") == 1
    assert "mine): 4 reports" in err and "DataWarning" not in err  # one plain line

    result = audit(db)
    assert "mine (c97cd983d4fd" in result.models and "6 reports" in result.models
    assert any("2 different models" in n for n in result.notes)
    assert result.models in result.to_markdown() and "mine（c97cd983d4fd" in result.to_html()

    assert main(["info", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "models (2)" in out and f"{mine.model_id}  mine: 4 reports now" in out
    assert "training_data_sha256: 5d1eaaaa" in out and "kind_accuracy 0.91" in out
    assert "tagged by several models" in err
    assert main(["info", "--db", str(db), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [(m["name"], m["reports"]) for m in info["models"]] == [("default", 6), ("mine", 4)]

    # resume with her model skips b; tagging all with the shipped one again empties hers
    assert tag_paths([b], db, model=mine).skipped == 4
    back = tag_paths([a, b], db, model="default")  # (named: labels26 refuses None here)
    assert (back.ok, back.skipped, back.retagged) == (4, 6, 4)
    assert [(m["name"], m["reports"]) for m in _models(db)] == [("default", 10), ("mine", 0)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)  # one model again: no warning
        assert summarize(db).models == ((shipped["model_id"], 10),)


def _as_schema_5(db: Path) -> None:
    """What schema 5 wrote: the same tables without ``models``."""
    con = sqlite3.connect(db)
    con.execute("DROP TABLE models")
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.commit()
    con.close()


def _dump(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT IN ('meta', 'models') ORDER BY name")]
    out = {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    con.close()
    return out


def test_an_older_store_gets_its_models_from_what_is_known(tmp_path, shipped):
    a, b = _corpus(tmp_path)
    db = tmp_path / "old.sqlite"
    tag_paths([a], db)  # the shipped model
    lost = FakeTagger(model_id="7e21aa05b3c9" + "1" * 52)  # a model nobody kept
    tag_paths([b], db, model=lost)
    when = {r["model_id"]: (r["first_used"], r["last_used"]) for r in _models(db)}
    _as_schema_5(db)
    before = _dump(db)

    with Store(db, readonly=True) as s:  # read as it is: what the upgrade would write
        inferred = s.models().to_dict("records")
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("5",)
    con.close()
    assert [(r["model_id"], r["name"], r["provenance"], r["reports"]) for r in inferred] == [
        (shipped["model_id"], "default", "shipped card", 6), (lost.model_id, None, "unknown", 4)]
    assert inferred[0]["training_data_sha256"] == shipped["training_data_sha256"]
    assert all(inferred[1][c] is None for c in ("path", "created", "labels", "test_metrics"))
    # first and last use: the files' tagged_at, the times the runs wrote them
    assert inferred[0]["first_used"] <= when[shipped["model_id"]][0] <= when[lost.model_id][0]

    with Store(db) as s:  # opened to write: upgraded in place, nothing else changed
        assert s.connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("6",)
        assert s.models().to_dict("records") == inferred
    assert _dump(db) == before
    assert main(["info", "--db", str(db)]) == 0

    # the lost model turns up (same SHA-256, its card now): the row takes the card's
    # columns even though every file is skipped; its first use stays the stored one
    found = CardTagger(model_id=lost.model_id)
    assert tag_paths([b], db, model=found).skipped == 4
    row = _models(db)[1]
    assert (row["name"], row["provenance"], row["created"], row["first_used"]) == (
        "mine", "card", MINE_CARD["created"], inferred[1]["first_used"])


def test_write_report_with_no_card_records_an_unknown_model_honestly(tmp_path):
    from nlp_reports import load_report

    report = load_report(FILES[0])
    tagger = FakeTagger()
    with Store(tmp_path / "w.sqlite") as s:
        s.write_report("a.txt", report, tagger.tag_many([report])[0], model_id="abc123")
        s.write_report("b.txt", report, tagger.tag_many([report])[0])  # no model recorded
        rows = s.models().to_dict("records")
    assert [(r["model_id"], r["provenance"], r["name"], r["reports"]) for r in rows] == [
        ("abc123", "unknown", None, 1)]


@pytest.mark.slow
def test_a_model_trained_here_is_named_with_its_training_data(tmp_path, shipped):
    from nlp_reports.classify import train
    from nlp_reports.classify.dataset import load_labeled, shipped_labeled_files

    items = load_labeled(shipped_labeled_files())[::60]
    data = tmp_path / "my_labels.jsonl"
    data.write_text("".join(json.dumps({"text": x.text, "kind": x.kind, "themes": list(x.themes),
                                        "family": x.family}, ensure_ascii=False) + "\n"
                            for x in items), "utf-8")
    with warnings.catch_warnings():  # (few labels: warned, as it should be)
        warnings.simplefilter("ignore", DataWarning)
        result = train(data, out=tmp_path / "mine", tokenizer="jieba",
                       params={"cv": 3, "min_df": 1})
    a, b = _corpus(tmp_path)
    db = tmp_path / "c.sqlite"
    tag_paths([a, b], db)
    part = tag_paths([b], db, model=tmp_path / "mine", trust=True)
    assert part.retagged == 4
    old, new = _models(db)
    assert (old["name"], old["reports"], new["reports"]) == ("default", 6, 4)
    assert (new["name"], new["path"]) == ("mine", str((tmp_path / "mine").resolve()))
    assert new["training_data_sha256"] == result.card["data"]["sha256"]
    assert new["created"] == result.card["created"]
    assert json.loads(new["test_metrics"]) == result.card["metrics"]["test"]
    assert new["tokenizer"] == "jieba" and new["provenance"] == "card"
    with pytest.warns(DataWarning, match="2 models"):
        assert "mine (" in summarize(db).to_markdown()
