"""newuser31: a researcher adapts the model to her domain (county 卫健局, 医保局, 疾控中心,
hospitals), re-tags her store with her model, then adds this year's files with the README's
plain ``tag`` command — no ``--model``. The run re-tags every stored report with the shipped
model (the model changed, so resume re-tags): her model's tags are gone, said before only in a
clause of the English end line. Now a warning says so in English and Chinese, naming her model
and the option that keeps it; the Chinese end line counts the re-tag too; and the store records
her model's folder as an absolute path, so the warning (and ``info``) names a folder that
exists wherever the store is read from.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_models24 import FILES, MINE_CARD, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.summarize import shipped_model_id


@pytest.fixture(scope="module")
def shipped_id():
    sha = shipped_model_id()
    if sha is None:
        pytest.skip("no shipped model installed")
    return sha


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    src.mkdir()
    for f in FILES[:4]:  # a township, a school, a 人社局, a county
        shutil.copy(f, src / f.name)
    return src


def test_plain_tag_after_her_model_warns_that_her_tags_were_replaced(tmp_path, shipped_id,
                                                                      capsys):
    src = _folder(tmp_path)
    db = tmp_path / "health.sqlite"
    mine = CardTagger(model_id="7498e8771010" + "0" * 52)
    assert tag_paths([src], db, model=mine).ok == 4

    assert main(["tag", str(src), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "4 stored reports re-tagged with model " + shipped_id[:12] in err  # (as before)
    assert "4份已入库报告改用模型" + shipped_id[:12] + "重新标注（此前为7498e8771010）" in err
    assert ("warning: 4 stored reports were re-tagged with the shipped model (no --model "
            "given); before, reports were tagged with mine (7498e8771010)") in err
    assert "run the same command with --model /home/researcher/models/mine --trust-model" in err
    assert "注意：未指定 --model，4份已入库报告已改用随包模型重新标注" in err
    with Store(db, readonly=True) as store:
        assert set(store.reports()["model_id"]) == {shipped_id}

    # the shipped model again: resume skips, nothing re-tagged, nothing said
    assert main(["tag", str(src), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning" not in err and "重新标注" not in err


def test_no_warning_when_she_names_a_model_or_the_old_tags_were_shipped(tmp_path, shipped_id,
                                                                        capsys):
    src = _folder(tmp_path)
    db = tmp_path / "c.sqlite"
    assert tag_paths([src], db, model=CardTagger(model_id="c97c" + "1" * 60)).ok == 4
    # --model given (the shipped one by name): she chose it, the end lines say the re-tag
    assert main(["tag", str(src), "--db", str(db), "--model", "default", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "重新标注（此前为c97c11111111）" in err and "warning" not in err

    # a re-tag by the shipped model of reports another shipped model tagged (an upgrade of the
    # package): expected, no warning — a models row whose folder is the shipped one
    db2 = tmp_path / "d.sqlite"
    from nlp_reports.classify.modelcard import shipped_models_roots

    old = CardTagger(model_id="1bf2" + "2" * 60, name="default",
                     path=shipped_models_roots()[0] / "default")
    assert tag_paths([src], db2, model=old).ok == 4
    assert main(["tag", str(src), "--db", str(db2), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "re-tagged with model" in err and "warning" not in err


def test_her_model_folder_is_stored_absolute(tmp_path, monkeypatch):
    src = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    mine = CardTagger(model_id="5d1e" + "3" * 60, path=Path("models/mine"))
    assert tag_paths([src], tmp_path / "e.sqlite", model=mine).ok == 4
    with Store(tmp_path / "e.sqlite", readonly=True) as store:
        [row] = store.models().to_dict("records")
    assert row["path"] == os.path.join(str(tmp_path), "models", "mine")
    assert row["name"] == "mine" and row["created"] == MINE_CARD["created"]
    # a tagger without a folder (a custom one) keeps None
    other = FakeTagger(model_id="9" * 64)
    assert tag_paths([src], tmp_path / "f.sqlite", model=other).ok == 4
    with Store(tmp_path / "f.sqlite", readonly=True) as store:
        assert store.models()["path"].tolist() == [None]

