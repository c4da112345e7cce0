"""A command stopped by one of our errors says what to do in Chinese under the English line
(reasons.ERROR_ZH): a reader of the Chinese half met a busy store, an untrusted model or
malformed labels in English only."""

from __future__ import annotations

import json

from nlp_reports import errors
from nlp_reports.cli import main
from nlp_reports.reasons import ERROR_ZH, error_meaning_zh


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_error_class_has_a_chinese_meaning():
    classes = [c for c in _subclasses(errors.NlpReportsError) if c.__module__ == errors.__name__]
    assert len(classes) >= 15
    for cls in classes:
        try:
            exc = cls("x")
        except TypeError:  # MissingDependencyError(package, extra, purpose)
            exc = cls.__new__(cls)
        meaning = error_meaning_zh(exc)
        assert meaning and any("\u4e00" <= ch <= "\u9fff" for ch in meaning), cls.__name__


def test_nearest_class_wins():
    assert error_meaning_zh(errors.StoreBusyError("x")) == ERROR_ZH["StoreBusyError"]
    assert error_meaning_zh(errors.StoreError("x")) == ERROR_ZH["StoreError"]
    assert error_meaning_zh(ValueError("x")) is None


def test_missing_store_said_in_both_languages(tmp_path, capsys):
    rc = main(["summarize", "--db", str(tmp_path / "县里的库.sqlite")])
    err = capsys.readouterr().err.splitlines()
    assert rc == 1
    assert err[0].startswith("error: ") and "县里的库.sqlite" in err[0]
    assert err[1].strip() == ERROR_ZH["StoreError"]


def test_malformed_labels_said_in_chinese(tmp_path, capsys):
    data = tmp_path / "标注.jsonl"
    data.write_text(json.dumps({"text": "专职人员不足，多为兼职。", "kind": "problem",
                                "themes": ["staffing"]}, ensure_ascii=False) + "\n{坏行\n",
                    encoding="utf-8")
    rc = main(["train", str(data), "--out", str(tmp_path / "m")])
    err = capsys.readouterr().err.splitlines()
    assert rc == 1
    assert ":2" in err[0]
    assert err[1].strip() == ERROR_ZH["DataError"]


def test_usage_error_keeps_exit_2(tmp_path, capsys):
    data = tmp_path / "labels.jsonl"
    data.write_text("", encoding="utf-8")
    rc = main(["train", str(data), "--out", str(tmp_path / "m"), "--weight", "三倍"])
    err = capsys.readouterr().err.splitlines()
    assert rc == 2
    assert err[0].startswith("error: --weight")
    assert err[1].strip() == ERROR_ZH["UsageError"]


def test_untrusted_model_said_in_chinese(tmp_path, capsys):
    import shutil

    from nlp_reports.classify.modelcard import shipped_models_roots

    copy = tmp_path / "别人给的模型"
    shutil.copytree(shipped_models_roots()[0] / "default", copy)
    lines = tmp_path / "statements.txt"
    lines.write_text("政务公开工作人员多为兼职，专业能力不足。\n", encoding="utf-8")
    rc = main(["classify", str(lines), "--model", str(copy)])
    err = capsys.readouterr().err
    assert rc == 1 and ERROR_ZH["UntrustedModelError"] in err


def test_parse_error_stopping_a_command_says_its_own_reason():
    """review20b: a ParseError that stops a command gave the generic 文件无法读取为报告; its
    reason's sentence is the one ``parse`` prints for the same error."""
    from nlp_reports.reasons import FAILURE_ZH

    exc = errors.UnsupportedFormatError("附表.xlsx: a spreadsheet, not a report", path="附表.xlsx")
    assert "电子表格" in error_meaning_zh(exc)
    assert error_meaning_zh(errors.EmptyInputError("empty")) == FAILURE_ZH["empty"]
    assert error_meaning_zh(errors.ParseError("odd")) == FAILURE_ZH["parse_error"]
