"""A command whose output cannot be written says which output, in English and Chinese
(cli._run, _replace.replaced). Before, ``audit --csv /dev/full`` said "error: No space left
on device" under a Chinese line pointing at "the file named above", which named none, and
``summarize --html 汇总.html/x.html`` (a file used as a folder) said "汇总.html: File exists"."""

from __future__ import annotations

import os

import pytest
from _corpus_helpers import FakeTagger, make_report

from nlp_reports._replace import replaced
from nlp_reports.cli import main
from nlp_reports.corpus import Store

FULL = "/dev/full"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("write_errors") / "c.sqlite"
    report = make_report("岭南市交通运输局", 2023, ["部分栏目信息更新不够及时。"],
                         ["落实专人维护栏目，按月检查更新情况。"])
    with Store(path) as s:
        s.write_report("岭南市交通运输局2023.txt", report, FakeTagger().tag_many([report])[0],
                       model_id="m")
    return path


@pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full here")
def test_a_device_out_of_room_is_named(db, capsys):
    assert main(["audit", "--db", str(db), "--csv", FULL]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2].startswith(f"error: {FULL}: ")
    assert "上行所说的文件" in err[-1]
    with pytest.raises(OSError) as caught, replaced(FULL) as tmp, open(tmp, "w") as out:
        out.write("机关,年度\n" * 10)
    assert caught.value.filename == FULL


@pytest.mark.parametrize("option, under", [("--html", "x.html"), ("--csv", "表格")])
def test_a_file_used_as_a_folder_is_said_so_naming_the_output(db, tmp_path, capsys,
                                                                option, under):
    page = tmp_path / "汇总.html"
    page.write_text("<html>上次的汇总</html>", encoding="utf-8")
    asked = page / under
    assert main(["summarize", "--db", str(db), option, str(asked)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == f"error: {asked}: cannot be written: {page} is a file, not a folder"
    assert err[-1].startswith(f"    无法写入 {asked}：路径中的 {page} 是文件而不是文件夹")
    assert page.read_text(encoding="utf-8") == "<html>上次的汇总</html>"


def test_a_deeper_output_names_the_file_in_its_way(db, tmp_path, capsys):
    blocker = tmp_path / "审查结果"
    blocker.write_text("", encoding="utf-8")
    asked = blocker / "2023" / "audit.csv"
    assert main(["audit", "--db", str(db), "--csv", str(asked)]) == 1
    err = capsys.readouterr().err
    assert f"error: {asked}: cannot be written: {blocker} is a file" in err
    assert "File exists" not in err and "Not a directory" not in err


def test_an_error_naming_no_file_points_to_none(tmp_path, capsys, monkeypatch):
    import nlp_reports.cli as cli

    def out_of_room(args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "_cmd_codebook", out_of_room)
    assert main(["codebook", "--out", str(tmp_path / "c.md")]) == 1
    err = capsys.readouterr().err
    assert "上行所说的文件" not in err and "无法写入或读取文件" in err
