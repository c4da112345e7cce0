"""The refusal of a plain ``tag`` on a store of one's own model, against hostile stores.

Why it matters: the check (corpus/model_guard.py) runs before every ``tag`` without
``--model``, over whatever the store's ``models`` rows say. A row's folder that cannot be a
path (a store edited by hand: "\\0" in it) raised ValueError out of ``Path.resolve``: a
traceback from ``tag_paths`` given an open store, and from the CLI's warning after a run,
where the refusal (a UsageError) or the run's own result was due. A folder moved or deleted
since is still one's own model: refused, the advice naming the folder as stored.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from _corpus_helpers import folder_of
from test_store_models import FILES, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.model_guard import shipped_folder
from nlp_reports.errors import StoreModelError


@pytest.mark.parametrize("path", ["/home/研究/models/mine\x00old", "\x00", "a" * 5000,
                                  "../../../../../../../../etc/passwd\x00"])
def test_a_folder_that_cannot_be_a_path_is_no_shipped_folder(path):
    assert shipped_folder(path) is False


def test_a_row_whose_folder_holds_a_nul_is_refused_not_a_traceback(tmp_path, capsys):
    old, new = folder_of(tmp_path, "2022", FILES[:2]), folder_of(tmp_path, "2023", FILES[2:3])
    db = tmp_path / "教育局.sqlite"
    assert tag_paths([old], db, model=CardTagger(model_id="5e1f" + "3" * 60)).ok == 2
    with sqlite3.connect(db) as con:  # (edited by hand)
        con.execute("UPDATE models SET path = ?", ("/srv/models/mine\x00.bak",))
    con.close()
    with Store(db) as store, pytest.raises(StoreModelError, match="5e1f33333333"):
        tag_paths([new], store)
    assert main(["tag", str(new), "--db", str(db), "--quiet"]) == 2
    assert "mine (5e1f33333333, 2 reports)" in capsys.readouterr().err


def test_a_model_folder_deleted_since_is_still_her_model(tmp_path, capsys):
    old, new = folder_of(tmp_path, "2021", FILES[3:5]), folder_of(tmp_path, "2022", FILES[5:6])
    gone = tmp_path / "models" / "县卫健委 2024"
    gone.mkdir(parents=True)
    db = tmp_path / "s.sqlite"
    mine = CardTagger(model_id="77aa" + "4" * 60, path=gone)
    assert tag_paths([old], db, model=mine).ok == 2
    shutil.rmtree(gone.parent)
    assert main(["tag", str(new), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "mine (77aa44444444, 2 reports)" in err and str(gone) in err
    with Store(db, readonly=True) as store:
        assert len(store.reports()) == 2
