"""evaluate --cv K --base DATA: one's own labels cross-validated with other data added to every
training fold, which says whether retraining helps on one's labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_reports.classify import evaluate, load_labeled
from nlp_reports.cli import main

LABELED = Path(__file__).parents[1] / "nlp_reports" / "data" / "labeled"


@pytest.fixture(scope="module")
def own_and_base(tmp_path_factory):
    """'Own' labels: 120 statements of one shipped part; base: 600 of another part, plus
    two of the own statements (which must never train the fold that scores them)."""
    parts = sorted(LABELED.glob("part-*.jsonl"))
    own = load_labeled(parts[0])[:120]
    base = load_labeled(parts[1])[:600] + own[:2]
    folder = tmp_path_factory.mktemp("labels")
    write = lambda rows, name: (folder / name).write_text(  # noqa: E731
        "".join(json.dumps({"text": d.text, "kind": d.kind, "themes": list(d.themes),
                            "family": d.family}, ensure_ascii=False) + "\n" for d in rows),
        encoding="utf-8")
    write(own, "own.jsonl")
    write(base, "base.jsonl")
    return folder / "own.jsonl", folder / "base.jsonl"


@pytest.mark.filterwarnings("ignore::UserWarning")  # (too few statements: DataWarning)
def test_base_joins_every_training_fold_and_is_never_scored(own_and_base):
    own, base = own_and_base
    alone = evaluate(own, cv=3)
    both = evaluate(own, cv=3, base=base)
    assert alone["n"] == both["n"] == 120  # only one's own statements are scored
    assert both["n_base"] == 602 and alone["n_base"] == 0
    assert both["model"] != alone["model"]  # the base data changed what was learned


def test_base_without_cv_is_refused(own_and_base, capsys):
    own, base = own_and_base
    with pytest.raises(ValueError, match="give cv=K"):
        evaluate(own, base=base)
    assert main(["evaluate", str(own), "--base", str(base)]) == 2
    assert "give --cv too" in capsys.readouterr().err
