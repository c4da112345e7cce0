"""The own-model guard when it cannot read the store: the run is refused, not let through.

Why it matters: a plain ``tag`` (no ``--model``) on a store tagged with a model of one's own
is refused before any work (corpus/model_guard.py), else the shipped model's tags would join
or replace hers. When the guard's read of the store failed for another reason than the
store being unusable — the store locked by another program for a moment, a ``models`` table
edited by hand — it let the run go on, on the ground that the run's own open would say why;
but the run's read-write open may well succeed, and then the run tagged with the shipped
model unasked. What must hold: the run is refused with a StoreError naming the store, the
cause and the ways on (run again, or name the model), in English and Chinese; nothing is
read or written; naming a model goes on as before; a store that cannot be opened at all
says so as the run's open does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from _corpus_helpers import folder_of
from test_store_models import FILES, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, model_guard, tag_paths
from nlp_reports.errors import StoreError, StoreModelError

MINE = "9c3e" + "5" * 60  # a model of her own (never shipped)


@pytest.fixture
def her_store(tmp_path):
    """Two reports tagged with her model, and a folder of this year's file to add."""
    old, new = folder_of(tmp_path, "2023", FILES[:2]), folder_of(tmp_path, "2024", FILES[2:3])
    db = tmp_path / "县政务公开办.sqlite"
    assert tag_paths([old], db, model=CardTagger(model_id=MINE)).ok == 2
    return db, new


def _tags(db: Path) -> list[tuple]:
    with Store(db, readonly=True) as store:
        return [tuple(r) for r in store.connection.execute(
            "SELECT path, model_id FROM reports ORDER BY path")]


def _locked(store):
    raise sqlite3.OperationalError("database is locked")


def test_a_store_locked_for_the_check_refuses_the_run(her_store, monkeypatch):
    db, new = her_store
    before = _tags(db)
    monkeypatch.setattr(model_guard, "own_models", _locked)
    with pytest.raises(StoreError) as raised:
        tag_paths([new], db)
    assert not isinstance(raised.value, StoreModelError)
    message = str(raised.value)
    assert message.startswith(f"{db}: cannot tell which models tagged the stored reports "
                              "(OperationalError: database is locked)")
    assert "Nothing was read or written" in message and "--model DIR --trust-model" in message
    assert "--model default" in message
    assert "本次未读写任何内容" in raised.value.message_zh
    assert _tags(db) == before
    # an open store given is checked alike
    with Store(db) as store, pytest.raises(StoreError, match="cannot tell which models"):
        tag_paths([new], store)
    assert _tags(db) == before


def test_the_command_says_it_in_both_languages_and_exits_1(her_store, monkeypatch, capsys):
    db, new = her_store
    monkeypatch.setattr(model_guard, "own_models", _locked)
    assert main(["tag", str(new), "--db", str(db), "--quiet"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"error: {db}: cannot tell which models tagged")
    assert "无法读取数据库中报告的标注模型" in err[1] and "--model default" in err[1]


def test_a_models_table_edited_by_hand_is_said_before_any_work(her_store):
    db, new = her_store
    with sqlite3.connect(db) as con:  # (a column dropped by hand: the models can't be read)
        con.execute("ALTER TABLE models RENAME TO models_kept")
        con.execute("CREATE TABLE models (model_id TEXT PRIMARY KEY)")
    con.close()
    before = _tags(db)
    # (the run went on, loaded the shipped model, then failed writing: "cannot write")
    with pytest.raises(StoreError, match="cannot tell which models .*no such column"):
        tag_paths([new], db)
    assert _tags(db) == before


def test_a_store_that_is_no_database_is_said_as_the_run_says_it(tmp_path):
    db = tmp_path / "corpus.sqlite"
    db.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))  # (a picture saved under the name)
    new = folder_of(tmp_path, "2024", FILES[2:3])
    with pytest.raises(StoreError, match="damaged or not a SQLite database"):
        tag_paths([new], db)
    assert db.read_bytes().startswith(b"\x89PNG")
