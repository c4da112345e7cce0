"""The exports carry the store's ``models`` table; suggest's warning names the models.

A paper's replication folder (``export --format csv|parquet|dta``) held ``reports.model_id``,
a SHA-256 and nothing else: which model produced the tags could not be read from it. The
export now writes ``models.csv`` / ``.parquet`` / ``.dta`` beside the other tables (name,
training date, training-data SHA-256, test figures …, by ``model_id``), with codebook
entries; ``suggest --db`` on a store tagged by other models names them by name and date.
The reports are ten of tests/fixtures (a township, a school, a 人社局, a county and a
province of 汐川省, 2010–2022), tagged part by one model, part by a retrained one.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from _corpus_helpers import FakeTagger

from nlp_reports.classify.dataset import DataWarning
from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus import codebook as cb
from nlp_reports.corpus.export import export

HERE = Path(__file__).parent / "fixtures"
FILES = sorted((HERE / "sum16").iterdir()) + sorted((HERE / "newuser18").iterdir())
THEMES = ("staffing", "training", "awareness", "proactivity", "content_quality", "timeliness",
          "confidentiality", "interpretation", "platform", "institution", "supervision",
          "application", "publicity")


def _card(name: str, created: str, data_sha: str, n_test: int) -> dict:
    """A card as ``train`` writes it, its test figures per theme (long: > 2,045 bytes as JSON,
    a Stata strL)."""
    test = {"kind_accuracy": 0.912, "theme_micro_f1": 0.804, "n_test": n_test}
    for t in THEMES:
        test |= {f"f1_{t}": 0.8, f"precision_{t}": 0.81, f"recall_{t}": 0.79,
                 f"baseline_f1_{t}": 0.6, f"baseline_precision_{t}": 0.55, f"support_{t}": 17}
    return {"name": name, "created": created, "data": {"sha256": data_sha},
            "labels": {"kinds": ["problem", "measure", "other"], "themes": list(THEMES)},
            "versions": {"scikit-learn": "1.9.1", "nlp_reports": "0.1.0"},
            "tokenizer": {"engine_at_training": "jieba"}, "metrics": {"test": test}}


@dataclass
class CardTagger(FakeTagger):
    """FakeTagger with a model card and folder, as a loaded Tagger has them."""

    name: str = "county-2025"
    card: dict = field(default_factory=dict)
    path: Path = Path("/home/researcher/models/county-2025")
    tokenizer_engine: str = "jieba"


FIRST = CardTagger(model_id="3f0a" + "1" * 60, name="county-2025",
                   card=_card("county-2025", "2025-03-14T10:02:00+00:00", "aa" * 32, 410),
                   path=Path("/home/researcher/models/county-2025"))
SECOND = CardTagger(model_id="9b7c" + "2" * 60, name="county-2026",
                    card=_card("county-2026", "2026-11-20T16:40:11+00:00", "bb" * 32, 655),
                    path=Path("/home/researcher/models/county-2026"))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """Ten reports: six tagged by county-2025, four re-tagged by county-2026."""
    tmp = tmp_path_factory.mktemp("export24")
    a, b = tmp / "in" / "a", tmp / "in" / "b"
    a.mkdir(parents=True)
    b.mkdir()
    for i, f in enumerate(FILES):
        shutil.copy(f, (a if i < 6 else b) / f.name)
    db = tmp / "c.sqlite"
    assert tag_paths([a, b], db, model=FIRST).ok == 10
    assert tag_paths([b], db, model=SECOND).retagged == 4
    return db


def test_table_exports_write_the_models_that_tagged_the_reports(store, tmp_path):
    for fmt in ("csv", "dta", "parquet"):
        written = export(store, tmp_path / fmt, format=fmt)
        assert tmp_path / fmt / f"models.{fmt}" in written
    reports = pd.read_csv(tmp_path / "csv" / "reports.csv", encoding="utf-8-sig")
    models = pd.read_csv(tmp_path / "csv" / "models.csv", encoding="utf-8-sig")
    assert list(models["name"]) == ["county-2025", "county-2026"]  # by first use
    assert list(models["created"]) == [FIRST.card["created"], SECOND.card["created"]]
    assert list(models["training_data_sha256"]) == ["aa" * 32, "bb" * 32]
    assert list(models["provenance"]) == ["card", "card"]
    assert json.loads(models["test_metrics"][1])["n_test"] == 655
    # every report joins its model; the counts are the reports' own
    joined = reports.merge(models, on="model_id", how="left", validate="m:1")
    assert joined["name"].notna().all()
    assert joined["name"].value_counts().to_dict() == {"county-2025": 6, "county-2026": 4}
    assert dict(zip(models["name"], models["reports"], strict=True)) == {
        "county-2025": 6, "county-2026": 4}

    # Stata: the same rows, the key a string of 64, the long JSON a strL, labels from the codebook
    dta = pd.read_stata(tmp_path / "dta" / "models.dta")
    assert list(dta.columns) == list(models.columns)
    assert all(len(c) <= 32 for c in dta.columns)
    assert len(dta["test_metrics"][0].encode()) > 2045  # (written as strL, read whole)
    assert json.loads(dta["test_metrics"][0]) == FIRST.card["metrics"]["test"]
    assert list(dta["model_id"]) == list(models["model_id"])
    assert list(dta["reports"]) == [6, 4]
    dreports = pd.read_stata(tmp_path / "dta" / "reports.dta")
    assert set(dreports["model_id"]) == set(dta["model_id"])
    with pd.io.stata.StataReader(tmp_path / "dta" / "models.dta") as reader:
        labels = reader.variable_labels()
    assert labels["model_id"] == cb.lookup("models", "model_id").label
    assert set(labels) == set(dta.columns)

    pq = pd.read_parquet(tmp_path / "parquet" / "models.parquet")
    assert list(pq["name"]) == ["county-2025", "county-2026"]
    assert json.loads(pq["labels"][0])["themes"] == list(THEMES)  # JSON text, as in CSV


def test_jsonl_reports_join_the_models_file_on_store_model_id(store, tmp_path):
    export(store, tmp_path / "r.jsonl")
    export(store, tmp_path / "t", format="csv", table="models")
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    flat = pd.json_normalize(rows)
    models = pd.read_csv(tmp_path / "t" / "models.csv", encoding="utf-8-sig")
    joined = flat.merge(models, left_on="store.model_id", right_on="model_id", how="left")
    assert len(joined) == 10 and joined["name"].notna().all()
    assert sorted(joined["name"].value_counts().items()) == [("county-2025", 6),
                                                              ("county-2026", 4)]


def test_export_table_models_on_the_command_line_with_its_codebook(store, tmp_path, capsys):
    out = tmp_path / "only"
    assert main(["export", "--db", str(store), "--format", "csv", "--table", "models",
                 "--out", str(out), "--codebook"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["codebook.csv", "models.csv"]
    book = pd.read_csv(out / "codebook.csv", encoding="utf-8-sig")
    header = pd.read_csv(out / "models.csv", encoding="utf-8-sig").columns
    assert set(book["table"]) == {"models"} and list(book["column"]) == list(header)
    assert main(["export", "--db", str(store), "--format", "csv", "--table", "model",
                 "--out", str(out)]) == 2
    assert "models" in capsys.readouterr().err  # the list of tables names it


def test_an_older_store_exports_the_models_its_upgrade_would_write(store, tmp_path):
    """A schema-5 store (no models table) is exported read-only as it is: its models come
    out as the upgrade would write them (ids only: the store knew no more), and it is not
    upgraded by the export."""
    old = tmp_path / "old.sqlite"
    shutil.copy(store, old)
    with sqlite3.connect(old) as conn:
        conn.execute("DROP TABLE models")
        conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    export(old, tmp_path / "x", format="csv", table="models")
    models = pd.read_csv(tmp_path / "x" / "models.csv", encoding="utf-8-sig")
    assert sorted(models["model_id"]) == sorted([FIRST.model_id, SECOND.model_id])
    assert set(models["provenance"]) == {"unknown"} and models["name"].isna().all()
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'models'").fetchone() \
            is None


def test_suggests_warning_names_the_models_the_store_was_tagged_with(store, tmp_path):
    from nlp_reports.classify import Tagger, suggest

    try:
        tagger = Tagger.load()
    except Exception as exc:  # (no shipped model installed)
        pytest.skip(f"no shipped model: {exc}")
    db = tmp_path / "mixed.sqlite"
    shutil.copy(store, db)
    with sqlite3.connect(db) as conn:  # one report of a model the store knows only by id,
        lost = "e51d" + "3" * 60      # one stored untagged
        ids = [r for (r,) in conn.execute(
            "SELECT id FROM reports WHERE model_id = ? ORDER BY id", (FIRST.model_id,))]
        conn.execute("UPDATE reports SET model_id = ? WHERE id = ?", (lost, ids[0]))
        conn.execute("UPDATE reports SET model_id = NULL WHERE id = ?", (ids[1],))
    with pytest.warns(DataWarning, match="scored again with the loaded model") as said:
        suggest(db=db, n=5, tagger=tagger)
    [w] = [str(w.message) for w in said if "scored again" in str(w.message)]
    date = str(tagger.card.get("created") or "")[:10]
    assert f"the loaded model {tagger.name} ({tagger.model_id[:12]}, created {date})" in w
    assert f"model county-2025 ({FIRST.model_id[:12]}, created 2025-03-14): " in w
    assert f"model county-2026 ({SECOND.model_id[:12]}, created 2026-11-20): " in w
    assert f"model {lost[:12]} (the store knows only its SHA-256): " in w
    assert "no model recorded: " in w
    with Store(db, readonly=True) as s:  # the counts given are the store's
        n = s.query("SELECT r.model_id, COUNT(*) AS st, COUNT(DISTINCT r.id) AS rep FROM "
                    "statements s JOIN reports r ON r.id = s.report_id GROUP BY r.model_id")
    for m, st, rep in n.itertuples(index=False):
        if m == SECOND.model_id:
            assert f"{SECOND.model_id[:12]}, created 2026-11-20): " in w
            part = w.split(f"{SECOND.model_id[:12]}, created 2026-11-20): ")[1]
            # (a statement repeated across reports is offered once: at most the stored count)
            got = int(part.split(" statements")[0])
            assert 0 < got <= st and f" of {rep} report" in part.split(";")[0]
