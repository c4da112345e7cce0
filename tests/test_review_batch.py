"""s7 `tag` fixes from the fifth new-user trial: a mistyped path creates no store (F16), and
the end line says when a stored report was replaced by a changed file (F17)."""

from __future__ import annotations

import pytest
from _corpus_helpers import FakeTagger, json_loader, make_report, write_json_reports

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.errors import MissingPathError


def _corpus(folder, n=2):
    return write_json_reports(folder, {
        f"r{i}": make_report(f"第{i}县人民政府", 2024, [f"第{i}项问题：人员力量不足。"], ["加强培训。"])
        for i in range(n)})


def test_a_mistyped_path_creates_no_store(tmp_path, capsys):
    db = tmp_path / "x.sqlite"
    with pytest.raises(MissingPathError):  # (since it is refused: test_tag_missing_paths)
        tag_paths([tmp_path / "不存在"], db, model=FakeTagger(), loader=json_loader)
    assert not db.exists()
    assert main(["tag", str(tmp_path / "不存在"), "--db", str(db), "--quiet"]) == 2
    assert not db.exists()
    assert "no such file" in capsys.readouterr().err


def test_a_mistyped_path_is_no_longer_recorded_in_an_existing_store(tmp_path):
    # it was recorded as a failed file for good (newuser32): now refused, nothing written
    _corpus(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader)
    with pytest.raises(MissingPathError):
        tag_paths([tmp_path / "nope.txt"], db, model=FakeTagger(), loader=json_loader)
    with Store(db) as store:
        files = store.table("files")
    assert len(files) == 2 and "not_found" not in set(files["reason"].dropna())


def test_the_end_line_says_a_changed_file_replaced_its_report(tmp_path):
    paths = _corpus(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    first = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader)
    assert first.replaced == 0 and "replaced" not in first.summary_line()
    paths[0].write_text(make_report("第0县人民政府", 2024, ["改正后的问题：培训不够。"],
                                    ["加强培训。"]).to_json(), encoding="utf-8")
    second = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader)
    assert (second.ok, second.skipped, second.replaced) == (1, 1, 1)
    assert "1 stored report replaced" in second.summary_line()
    third = tag_paths([tmp_path / "in"], db, model=FakeTagger(), loader=json_loader)
    assert (third.ok, third.replaced) == (0, 0)
    # a new model re-tags unchanged files: nothing "changed"
    newer = tag_paths([tmp_path / "in"], db, model=FakeTagger(model_id="fake-model-2"),
                      loader=json_loader)
    assert newer.ok == 2 and newer.replaced == 0
