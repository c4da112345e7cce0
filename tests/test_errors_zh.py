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


def test_a_compilation_refused_whole_is_said_to_be_one_in_chinese(tmp_path, capsys):
    """A compilation refused as one report (``parse --no-split``, ``tag --no-split``) was told
    in Chinese that the file was no annual report at all — perhaps a login page, an error page
    or a scan — while the English line said it holds several reports: the reader was sent to
    download again a file that was whole."""
    from pathlib import Path

    from nlp_reports.reasons import FAILURE_ZH

    two = tmp_path / "县直部门年报汇编.txt"
    one = ("{agency}2023年政府信息公开工作年度报告\n一、总体情况\n{agency}认真贯彻条例，全年主动公开信息{n}条。\n"
           "二、主动公开政府信息情况\n本年制发规范性文件{n}件。\n三、收到和处理政府信息公开申请情况\n本年新收申请{n}件。\n"
           "四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n"
           "一是人员变动频繁，业务衔接不畅。二是将加强培训。\n六、其他需要报告的事项\n无。\n{agency}\n2024年1月{d}日\n\n")
    two.write_text(one.format(agency="岚水县教育局", n=3, d=15) + one.format(agency="岚水县民政局", n=5, d=18),
                   encoding="utf-8")
    fixture = Path(__file__).parent / "fixtures" / "compile16" / "岚溪县县直部门年报汇编2023.txt"
    for path in (two, fixture):
        assert main(["parse", "--no-split", str(path)]) == 1
        err = capsys.readouterr().err.splitlines()
        assert "a compilation of" in err[0]
        assert "汇编" in err[1] and "load_reports()" in err[1], err[1]
        assert err[1].strip() != FAILURE_ZH["not_a_report"]
    rc = main(["tag", "--no-split", str(fixture), "--db", str(tmp_path / "库.sqlite"), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1 and "不是单独的一份报告" in err
    # a text that is no report at all keeps the generic sentence
    other = tmp_path / "通知.txt"
    other.write_text("关于做好节日值班工作的通知\n各单位：请按时报送值班表。\n", encoding="utf-8")
    assert main(["parse", str(other)]) == 1
    assert capsys.readouterr().err.splitlines()[1].strip() == FAILURE_ZH["not_a_report"]
