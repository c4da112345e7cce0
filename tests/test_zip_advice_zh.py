"""``parse`` given a .zip says in Chinese what its English line says: ``tag`` reads the
reports inside a zip as it is, no unpacking needed (reasons.py). The Chinese said only
请先解压 (unpack it first)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from nlp_reports.cli import main
from nlp_reports.reasons import failure_meaning_zh

REPORT = ("青石县水务局2023年政府信息公开工作年度报告\n"
          "一、总体情况\n本局依法做好政府信息公开工作，全年主动公开信息86条。\n")


def test_parse_of_a_zip_points_to_tag_in_both_languages(tmp_path: Path, capsys) -> None:
    z = tmp_path / "县水务局年报.zip"
    with zipfile.ZipFile(z, "w") as out:
        out.writestr("县水务局2023年报.txt", REPORT.encode("gb18030"))
    assert main(["parse", str(z)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: ") and "`nlp-reports tag FILE.zip`" in err[0]
    zh = err[1]
    assert "nlp-reports tag 压缩包.zip" in zh and "无需解压" in zh
    assert "请先解压，再对解压出的文件夹重新运行" not in zh


def test_archives_not_read_in_place_still_say_unpack() -> None:
    for message in ("a RAR archive, not read in place: unpack it and tag the folder: "
                    "`unrar x FILE.rar`",
                    "a zip archive inside the zip, not read: unpack the outer zip",
                    "a zip archive, not a .docx: `nlp-reports tag FILE.zip` reads the reports "
                    "inside it in place"):
        zh = failure_meaning_zh("unsupported_format: " + message)
        assert zh is not None and zh.startswith("文件是压缩包，请先解压"), message
