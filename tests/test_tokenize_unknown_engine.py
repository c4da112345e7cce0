"""An unknown tokenizer engine is the library's own error (and still a ValueError), in
the API, Tagger.load and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_reports.errors import NlpReportsError, UsageError

ROOT = Path(__file__).resolve().parents[1]
HAS_SHIPPED = (ROOT / "models" / "default" / "model.joblib").is_file()


def test_unknown_engine_is_a_usage_error_and_a_value_error():
    from nlp_reports.tokenize import Tokenizer

    with pytest.raises(UsageError, match="unknown tokenizer engine 'nope'") as info:
        Tokenizer(engine="nope")("依申请公开")
    assert isinstance(info.value, NlpReportsError) and isinstance(info.value, ValueError)


@pytest.mark.skipif(not HAS_SHIPPED, reason="no shipped model in models/default")
def test_tagger_load_with_an_unknown_engine_raises_usage_error():
    from nlp_reports.classify import Tagger

    with pytest.raises(UsageError, match="the engines are 'jieba' and 'rjieba'"):
        Tagger.load(tokenizer="nope")


def test_cli_unknown_engine_is_one_usage_line_exit_2(capsys):
    from nlp_reports.cli import main

    with pytest.raises(SystemExit) as info:
        main(["classify", "--tokenizer", "nope"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert "--tokenizer" in last and "'nope'" in last and "jieba" in last
