"""A researcher in Jupyter sees what ``suggest`` has to tell her.

The ``nlp_reports`` logger has a NullHandler, so a logged warning shows nowhere in a notebook.
``suggest`` logged two things a labeller must know: fewer statements than asked (a list of 45
for ``n=50`` looks like a bug), and a store tagged with another model than the one ranking it
(its statements scored again: after retraining, the list is the new model's, not the store's).
Both are now DataWarnings too, pointing at the caller's line; the CLI still says each once.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from nlp_reports.classify.dataset import DataWarning

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
OTHER_MODEL = "5e1d0a7c39b2" * 5 + "0d2e"  # a model this store was "tagged with" before


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The example corpus tagged by the shipped model, a third of it as if by another one."""
    from nlp_reports.corpus.batch import tag_paths

    db = tmp_path_factory.mktemp("newuser26") / "study.sqlite"
    result = tag_paths([CORPUS], db)
    assert result.ok == 43 and not result.failed
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE reports SET model_id = ? WHERE id % 3 = 0", (OTHER_MODEL,))
    return db


def test_a_store_tagged_with_another_model_is_said_in_a_notebook(store):
    from nlp_reports.classify import Tagger, suggest

    tagger = Tagger.load()
    with pytest.warns(DataWarning, match="scored again with the loaded model") as said:
        rows = suggest(db=store, n=10, tagger=tagger)
    [w] = [w for w in said if "scored again" in str(w.message)]
    assert OTHER_MODEL[:12] in str(w.message) and tagger.model_id[:12] in str(w.message)
    assert w.filename == __file__  # the notebook cell's line, not the library's
    assert len(rows) == 10
    assert {r["scored_by"] for r in rows} <= {"stored", "rescored"}


def test_fewer_statements_than_asked_is_said_in_a_notebook(store, tmp_path):
    from nlp_reports.classify import suggest

    with pytest.warns(DataWarning, match=r"fewer than the 5000 asked") as said:
        rows = suggest([CORPUS], n=5000)
    [w] = [w for w in said if "fewer than" in str(w.message)]
    assert f"{len(rows)} statements to label" in str(w.message)
    assert 0 < len(rows) < 5000 and w.filename == __file__


def test_a_store_its_own_model_tagged_gives_no_warning(tmp_path):
    from nlp_reports.classify import suggest
    from nlp_reports.corpus.batch import tag_paths

    db = tmp_path / "own.sqlite"
    tag_paths([CORPUS / "溪山县市场监督管理局2022年政府信息公开工作年度报告.txt"], db)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        rows = suggest(db=db, n=2)
    assert len(rows) == 2 and {r["scored_by"] for r in rows} == {"stored"}


def test_the_command_line_says_it_once_without_a_python_warning(store, tmp_path, capsys):
    from nlp_reports.cli import main

    out = tmp_path / "to_label.csv"
    assert main(["suggest", "--db", str(store), "-n", "5000", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "DataWarning" not in err and "warnings.warn" not in err
    assert "scored again (their reports were tagged with another model)" in err
    assert err.count("fewer than the 5000 asked") == 1


def test_fewer_than_asked_from_a_store_names_the_callers_line(tmp_path):
    """review19b: from a store, _least_sure is one frame deeper (under _from_store): its
    warning named suggest.py, so a notebook showed it once per session, not per call."""
    from nlp_reports.classify import suggest
    from nlp_reports.corpus.batch import tag_paths

    db = tmp_path / "few.sqlite"
    tag_paths([CORPUS / "溪山县市场监督管理局2022年政府信息公开工作年度报告.txt"], db)
    with pytest.warns(DataWarning, match="fewer than the 5000 asked") as caught:
        suggest(db=db, n=5000)
    assert {Path(w.filename).name for w in caught} == {Path(__file__).name}
