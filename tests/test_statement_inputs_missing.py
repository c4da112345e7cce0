"""A statements or labels file, or a suggest folder, that is not there is said as what it is
(and `classify -` is stdin, not a file named "-").

``classify nonexistent.txt`` said, in Chinese, that the labeled data was malformed and each
line needed text, kind and themes (classify reads no labels); ``train``/``evaluate`` of a
mistyped CSV called it malformed too. ``suggest`` of a mistyped folder wrote an empty CSV
and exited 0: a researcher labelled nothing and never knew why. Now the Chinese line says
the file is missing (or is a folder), and suggest refuses the path before any work, as
``tag`` does (exit 2)."""

from __future__ import annotations

from pathlib import Path

from nlp_reports.cli import main

STATEMENTS = ("县司法局信息公开工作由办公室一名同志兼顾，人手紧张。\n"
              "下一步将严格执行先审查后公开，防止泄露当事人个人信息。\n")

REPORT = """\
鹭洲县司法局2023年政府信息公开工作年度报告

一、总体情况
2023年，我局依法做好政府信息公开工作。
二、主动公开政府信息情况
详见本局网站。
三、收到和处理政府信息公开申请情况
本年度收到申请2件，均按期答复。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
（一）存在的主要问题
一是局内无专职信息公开人员，由办公室兼管，工作衔接时有脱节。
二是行政复议决定书公开前的隐私审查把关不够细致。
（二）改进措施
一是明确专人负责，建立AB岗制度。
二是对拟公开的复议决定书逐份进行去标识化处理。
六、其他需要报告的事项
无。
"""


def test_classify_of_a_missing_file_says_it_is_missing_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["classify", "语句清单.txt"]) == 1
    err = capsys.readouterr().err
    assert "语句清单.txt: cannot read" in err
    assert "文件不存在：语句清单.txt" in err
    assert "标注数据格式有误" not in err and "text、kind、themes" not in err


def test_classify_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    assert main(["classify", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "这是文件夹，不是文件" in err
    assert "标注数据格式有误" not in err


def test_classify_of_a_file_that_is_there_still_works(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text(STATEMENTS, encoding="utf-8")
    assert main(["classify", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_train_of_a_missing_label_file_says_it_is_missing(tmp_path, capsys):
    missing = tmp_path / "标注.csv"
    assert main(["train", str(missing), "--out", str(tmp_path / "m"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "no such labeled data file" in err
    assert f"标注数据文件不存在：{missing}" in err
    assert "标注数据格式有误" not in err
    assert not (tmp_path / "m").exists()


def test_a_malformed_label_file_keeps_its_malformed_sentence(tmp_path, capsys):
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"text": "人员不足", "kind": "problem", "themes": []}\n{broken\n',
                   encoding="utf-8")
    assert main(["evaluate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "labels.jsonl:2" in err
    assert "标注数据格式有误" in err


def test_suggest_of_a_mistyped_folder_is_refused_before_any_work(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "鹭洲县司法局2023年政府信息公开工作年度报告.txt").write_text(REPORT,
                                                                 encoding="utf-8")
    out = tmp_path / "to_label.csv"
    assert main(["suggest", str(tmp_path / "report"), "-n", "5", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "nothing was read or written" in err
    assert "文件或文件夹不存在" in err
    assert not out.exists()
    # one good path and one mistyped: still refused, naming the mistyped one
    assert main(["suggest", str(reports), str(tmp_path / "reprots"), "-n", "5",
                 "--out", str(out)]) == 2
    assert "reprots" in capsys.readouterr().err
    assert not out.exists()


def test_suggest_in_a_notebook_refuses_a_mistyped_folder_as_the_command_does(tmp_path):
    # the API gave [] and a warning of fewer statements than asked: of a folder she
    # mistyped, a researcher was told the corpus had nothing uncertain to label
    import pytest

    from nlp_reports import suggest
    from nlp_reports.errors import MissingPathError

    reports = tmp_path / "2023年报"
    reports.mkdir()
    (reports / "鹭洲县司法局2023年政府信息公开工作年度报告.txt").write_text(REPORT,
                                                                 encoding="utf-8")
    with pytest.raises(MissingPathError) as caught:
        suggest(str(tmp_path / "2023年 报"), n=5)
    assert "no such file or folder" in str(caught.value)
    assert "文件或文件夹不存在" in caught.value.message_zh
    with pytest.raises(MissingPathError) as caught:  # a list: the missing one named
        suggest([reports, tmp_path / "2024年报"], n=5)
    assert [Path(p).name for p, _ in caught.value.missing] == ["2024年报"]


def test_suggest_of_a_folder_that_is_there_writes_its_statements(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "鹭洲县司法局2023年政府信息公开工作年度报告.txt").write_text(REPORT,
                                                                 encoding="utf-8")
    out = tmp_path / "to_label.csv"
    assert main(["suggest", str(reports), "-n", "3", "--out", str(out)]) == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("text,kind,themes")
    assert len(rows) == 4
    assert all(Path(r.split(",")[8]).name.startswith("鹭洲县司法局") for r in rows[1:])


def test_classify_dash_reads_stdin_as_cat_and_sort_do(capsys, monkeypatch, tmp_path):
    import io

    data = STATEMENTS.encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    monkeypatch.chdir(tmp_path)  # no file named "-" here
    assert main(["classify", "-"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[0].startswith('{"text": "县司法局信息公开工作由办公室一名同志兼顾')


def test_an_unreadable_file_is_said_to_need_permission_not_a_new_path(tmp_path):
    # the path is right: checking "the path and file name" would not help
    from nlp_reports.classify.dataset import _unreadable_zh

    said = _unreadable_zh(tmp_path / "labels.csv", PermissionError(13, "Permission denied"))
    assert "没有读取权限" in said and "文件权限" in said and "路径和文件名" not in said
    said = _unreadable_zh(tmp_path / "labels.csv", FileNotFoundError(2, "No such file"))
    assert "文件不存在" in said and "路径和文件名" in said


def test_every_error_of_the_package_takes_its_chinese_message():
    from nlp_reports.errors import DataError, ModelError, NlpReportsError, StoreError

    for cls in (NlpReportsError, DataError, ModelError, StoreError):
        assert cls("x", message_zh="某原因").message_zh == "某原因"
        assert cls("x").message_zh is None and str(cls("x")) == "x"
