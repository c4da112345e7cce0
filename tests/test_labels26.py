"""labels26: the labelling loop guards a researcher's own model and labels (newuser31's P1–P3).

P1: a store whose reports carry a model of one's own is not put back on the shipped model by a
``tag`` run that names no model: the run is refused before any work (exit 2, the store's bytes
unchanged), in English and Chinese, naming her model and the two ways on (``--model DIR
--trust-model`` to keep it, ``--retag`` to re-tag with the shipped model on purpose).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_models24 import FILES, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.summarize import shipped_model_id
from nlp_reports.errors import StoreModelError, UsageError


@pytest.fixture(scope="module")
def shipped_id():
    sha = shipped_model_id()
    if sha is None:
        pytest.skip("no shipped model installed")
    return sha


def _folder(tmp_path: Path, name: str, files=FILES[:3]) -> Path:
    src = tmp_path / name
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    return src


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_a_plain_tag_on_her_store_is_refused_before_any_work(tmp_path, shipped_id, capsys):
    old, new = _folder(tmp_path, "2023"), _folder(tmp_path, "2024", FILES[3:5])
    db = tmp_path / "卫健.sqlite"
    mine = CardTagger(model_id="7498e8771010" + "0" * 52)
    assert tag_paths([old], db, model=mine).ok == 3
    before = _digest(db)

    # this year's files, the README's plain command: refused, nothing read or written
    assert main(["tag", str(new), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "mine (7498e8771010, 3 reports)" in err
    assert "--model /home/researcher/models/mine --trust-model" in err
    assert "add --model default" in err and "or --retag" in err
    assert "Nothing was read or written" in err
    assert "本次未读写任何内容" in err and "确要改用随包模型，请加 --model default" in err
    assert _digest(db) == before
    assert not Path(str(db) + ".lock").exists()

    # the API the same, by its own error (a UsageError: an option missing)
    with pytest.raises(StoreModelError) as info:
        tag_paths([old], db)
    assert isinstance(info.value, UsageError)
    assert [m["model_id"] for m in info.value.models] == ["7498e8771010" + "0" * 52]
    assert _digest(db) == before

    # --retag: the shipped model on purpose, her reports among the files re-tagged
    assert main(["tag", str(old), "--db", str(db), "--retag", "--quiet"]) == 0
    with Store(db, readonly=True) as store:
        assert set(store.reports()["model_id"]) == {shipped_id}
    capsys.readouterr()


def test_her_own_model_named_again_goes_on(tmp_path):
    old, new = _folder(tmp_path, "a"), _folder(tmp_path, "b", FILES[3:5])
    db = tmp_path / "s.sqlite"
    mine = FakeTagger(model_id="c97c" + "1" * 60)  # (a tagger the store knows only by id)
    assert tag_paths([old], db, model=mine).ok == 3
    with pytest.raises(StoreModelError, match=r"c97c11111111 \(the store knows only its "):
        tag_paths([new], db)
    assert tag_paths([new], db, model=mine).ok == 2  # her model named: as before


def test_shipped_or_empty_stores_and_upgrades_behave_as_before(tmp_path, shipped_id):
    src = _folder(tmp_path, "r")
    # an empty store (made, nothing in it) and a store of the shipped model
    db = tmp_path / "x.sqlite"
    Store(db).close()
    assert tag_paths([src], db).ok == 3
    assert tag_paths([src], db).skipped == 3
    # an older shipped model's reports (its folder the shipped one): an upgrade re-tags
    from nlp_reports.classify.modelcard import shipped_models_roots

    old = CardTagger(model_id="1bf2" + "2" * 60, name="default",
                     path=shipped_models_roots()[0] / "default")
    db2 = tmp_path / "y.sqlite"
    assert tag_paths([src], db2, model=old).ok == 3
    assert tag_paths([src], db2).retagged == 3

