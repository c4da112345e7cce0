"""A methods class on a shared university server: terminals, input methods, paths.

The account runs with ``LANG=C``; the students' Windows terminals set
``PYTHONIOENCODING=gbk``; their folders are named ``第 3 组``; commands are pasted from a
Chinese input method; the lecturer's store sits in a folder the students can only read.
Before: a report holding one character GBK cannot show (𠮷 in a place name, a • bullet)
ended ``parse``/``summarize``/``audit`` with a UnicodeEncodeError traceback; ``——db`` was
taken for a path and the error asked for the --db just typed; an unquoted ``第 3 组`` gave
three "no such file" lines; the shared store read as "not an nlp_reports store".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_reports.cli import main

ROOT = Path(__file__).resolve().parents[1]

# a township's report as a student saved it from the web: a rare character in the place
# name (𠮷, outside GBK), • bullets and no-break spaces pasted from the page
REPORT = """𠮷溪镇人民政府2024年政府信息公开工作年度报告

一、总体情况
2024年，𠮷溪镇人民政府坚持把政务公开作为服务群众的重要抓手，全年主动公开政府信息86条。

二、主动公开政府信息情况
本年度主动公开规范性文件2件。

三、收到和处理政府信息公开申请情况
本年度共收到政府信息公开申请3件，均已按期答复。

四、政府信息公开行政复议、行政诉讼情况
本年度未发生因政府信息公开引起的行政复议、行政诉讼。

五、存在的主要问题及改进情况
\u2022\u00a0村级公开栏更新不及时，部分村务信息仍停留在上半年。
\u2022\u00a0镇政务公开工作由党政办一人兼管，业务培训参加得少。
下一步，我镇将：
\u2022\u00a0建立村级公开栏月度巡查制度，由包村干部负责督促更新。
\u2022\u00a0每季度组织一次政务公开业务培训，邀请县政务公开办授课。

六、其他需要报告的事项
无。
"""


def _run(args: list[str], env_extra: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd),
           "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env_extra}
    return subprocess.run([sys.executable, "-m", "nlp_reports", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300)


def _report(folder: Path, name: str = "report.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_a_gbk_terminal_prints_what_it_can_instead_of_a_traceback(tmp_path, encoding):
    _report(tmp_path)
    done = _run(["parse", "report.txt"], {"LANG": "C", "PYTHONIOENCODING": encoding}, tmp_path)
    err = done.stderr.decode(encoding, "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    out = done.stdout.decode(encoding)  # strictly GBK: the terminal shows it as written
    assert "?溪镇人民政府" in out  # the one character GBK lacks, and only it, is '?'
    assert "村级公开栏更新不及时" in out


def test_an_ascii_terminal_is_told_why_chinese_shows_as_question_marks(tmp_path):
    _report(tmp_path)
    done = _run(["parse", "report.txt"], {"LC_ALL": "C", "PYTHONUTF8": "0"}, tmp_path)
    err = done.stderr.decode("ascii", "backslashreplace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    assert "PYTHONUTF8=1 or LANG=C.UTF-8" in err
    done.stdout.decode("ascii")  # nothing the terminal cannot show


def test_a_utf8_terminal_is_left_as_it_is(tmp_path):
    _report(tmp_path)
    done = _run(["parse", "report.txt"], {"LANG": "C"}, tmp_path)  # PEP 538/540: UTF-8
    assert done.returncode == 0
    assert "𠮷溪镇人民政府" in done.stdout.decode("utf-8")
    assert done.stderr == b""


@pytest.mark.parametrize(("typed", "meant"), [
    (["——db", "class.sqlite"], "--db"),  # the IME's 破折号 for "--"
    (["－－db", "class.sqlite"], "--db"),  # full-width hyphen-minus
    (["—db", "class.sqlite"], "--db"),  # Word's autocorrect of "--"
    (["--db", "class.sqlite", "－j", "2"], "-j"),
    (["--db", "class.sqlite", "——jobs=2"], "--jobs"),
])
def test_options_typed_with_a_chinese_input_method_are_named(tmp_path, capsys, monkeypatch,
                                                            typed, meant):
    monkeypatch.chdir(tmp_path)
    _report(tmp_path / "第 3 组")
    assert main(["tag", "第 3 组", *typed]) == 2
    err = capsys.readouterr().err
    assert f"is the option {meant} typed with a Chinese input method" in err
    assert "中文输入法" in err
    assert not (tmp_path / "class.sqlite").exists()


def test_a_full_width_space_before_an_option_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _report(tmp_path / "reports")
    assert main(["tag", "reports\u3000--db", "class.sqlite"]) == 2
    err = capsys.readouterr().err
    assert "full-width space (U+3000)" in err and "reports[全角空格]--db" in err
    assert not (tmp_path / "class.sqlite").exists()


def test_a_file_named_like_a_typo_is_still_read(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _report(tmp_path, "——db")  # an odd name, but a file: never second-guessed
    assert main(["parse", "——db"]) == 0
    assert "𠮷溪镇人民政府" in capsys.readouterr().out


def test_an_unquoted_path_with_spaces_is_named_with_its_quotes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = _report(tmp_path / "课程" / "第 3 组", "（二）报告 终稿.txt")
    assert main(["parse", *str(report.relative_to(tmp_path)).split(" ")]) == 2
    err = capsys.readouterr().err
    assert '"课程/第 3 组/（二）报告 终稿.txt"' in err and "4 arguments" in err
    assert main(["tag", "课程/第", "3", "组", "--db", "c.sqlite"]) == 2
    assert '"课程/第 3 组"' in capsys.readouterr().err
    assert not (tmp_path / "c.sqlite").exists()
    # a missing path that joins to nothing is not this error: each path is named missing
    assert main(["tag", "课程/第", "6", "组", "--db", "c.sqlite"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 3 of the 3 paths given are not there: 课程/第 (no such")
    assert '"课程/第 6 组"' not in err and not (tmp_path / "c.sqlite").exists()


def test_files_a_base_install_cannot_read_end_with_one_install_command(tmp_path, capsys,
                                                                      monkeypatch):
    docx = pytest.importorskip("docx")
    folder = tmp_path / "第 2 组"
    _report(folder)
    for name in ("（一）报告.docx", "（二）报告.docx"):
        doc = docx.Document()
        doc.add_paragraph("禾林乡人民政府2023年政府信息公开工作年度报告")
        doc.save(folder / name)
    (folder / "（三）报告.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    monkeypatch.setitem(sys.modules, "docx", None)  # as after pip install without extras
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    assert main(["tag", str(folder), "--db", str(tmp_path / "c.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.count("missing_dependency") == 3  # each file still listed with its reason
    assert ("3 files need an optional package: pip install 'nlp-reports[docx,pdf]' (in a clone "
            "of the project: pip install -e '.[docx,pdf]')") in err
    assert "3个文件需要安装可选依赖" in err


def test_a_screenshot_saved_as_a_pdf_is_called_an_image_in_chinese(tmp_path, capsys):
    report = _report(tmp_path)
    shot = tmp_path / "（二）报告.pdf"  # a student's screenshot, saved under the report's name
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    packed = tmp_path / "第 3 组.rar"
    packed.write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(300))
    csv = tmp_path / "审查.csv"
    assert main(["audit", str(report), str(shot), str(packed), "--csv", str(csv),
                 "--headers", "zh"]) in (0, 1)
    import pandas as pd

    rows = pd.read_csv(csv, encoding="utf-8-sig").set_index("文件")["审查意见"]
    said = {Path(p).name: text for p, text in rows.items()}
    assert "文件是图片" in said[shot.name] and "文字识别（OCR）" in said[shot.name]
    assert "另存为.txt、.html、.pdf" not in said[shot.name]  # before: save the .pdf as a .pdf
    assert "文件是压缩包，请先解压" in said[packed.name] and "RAR" in said[packed.name]


def test_every_command_in_the_help_list_is_said_in_chinese_too():
    import argparse
    import re

    from nlp_reports.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    lines = {a.dest: a.help for a in sub._choices_actions}
    assert len(lines) >= 10
    english_only = [name for name, text in lines.items() if not re.search(r"[\u4e00-\u9fff]", text)]
    assert english_only == []  # before: classify, train, evaluate, suggest, tag, export, summarize
