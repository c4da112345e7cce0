"""A refused ``train --out`` says in Chinese why, not that a model cannot be loaded.

``train my_labels.csv --out 课题资料`` (a folder holding the researcher's own notes) is
refused before training, rightly, but the Chinese line under it was ModelError's own
sentence, "模型无法加载或使用，原因见上行" — about loading a model, which nobody was doing.
Each --out refusal now carries its own Chinese sentence."""

from __future__ import annotations

import json

from nlp_reports.cli import main
from nlp_reports.reasons import error_meaning_zh

LABELS = [
    {"text": "水务局信息公开由办公室一人兼管，人员调动后无人衔接", "kind": "problem",
     "themes": ["staffing"]},
    {"text": "下一步将按季度更新供水水质信息，做到及时公开", "kind": "measure",
     "themes": ["timeliness"]},
]


def _labels(tmp_path):
    path = tmp_path / "my_labels.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in LABELS),
                    encoding="utf-8")
    return path


def test_an_out_folder_of_ones_own_files_is_refused_in_both_languages(tmp_path, capsys):
    out = tmp_path / "课题资料"
    out.mkdir()
    (out / "访谈记录.docx").write_bytes(b"PK\x03\x04")
    assert main(["train", str(_labels(tmp_path)), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "holds files that are not a model's (访谈记录.docx)" in err
    assert "中有不属于模型的文件（访谈记录.docx）" in err and "--out" in err
    assert "模型无法加载或使用" not in err
    assert (out / "访谈记录.docx").read_bytes() == b"PK\x03\x04"


def test_an_out_that_is_a_file_is_refused_in_both_languages(tmp_path, capsys):
    out = tmp_path / "model.txt"
    out.write_text("不是模型", encoding="utf-8")
    assert main(["train", str(_labels(tmp_path)), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a model folder" in err
    assert "是文件，不是模型文件夹" in err and "模型无法加载或使用" not in err


def test_an_unwritable_out_says_so_in_chinese():
    from pathlib import Path

    from nlp_reports.classify.modelcard import unwritable

    error = unwritable(Path("/只读/models/mine"), PermissionError(13, "Permission denied"))
    assert "cannot write the model there (Permission denied)" in str(error)
    assert error_meaning_zh(error).startswith("无法在 /只读/models/mine 写入模型")


def test_a_model_that_cannot_be_loaded_keeps_its_sentence():
    from nlp_reports.errors import ModelError

    assert error_meaning_zh(ModelError("bundle lacks its kind head")) == "模型无法加载或使用，原因见上行"
