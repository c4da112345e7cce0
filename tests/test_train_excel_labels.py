"""A health-policy researcher's labels as Excel on Chinese Windows writes them, and
whether ``evaluate`` tells her if her retrained model beats the shipped one.

The fixture (tests/fixtures/newuser17/health_labels_excel.csv) is a filled-in suggest CSV of
fictional 卫健委/医院/疾控中心/医保局 reports saved by Excel: GBK, CRLF, an empty trailing
column, kinds typed " 问题 ", "Problem", 措施, themes as Chinese names joined by ；, ids joined by
", " or "|", an id capitalized ("Staffing"), one row whose kind she forgot.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest

from nlp_reports.classify.dataset import DataWarning, load_labeled
from nlp_reports.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "newuser17" / "health_labels_excel.csv"
SHIPPED = ROOT / "models" / "default"


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(FIX.read_bytes().decode("gbk"))))


def _load(path: Path):
    """load_labeled without the fixture's warning for its kind-less row (tested on its own)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return load_labeled(path)


def _write(path: Path, rows: list[list[str]], encoding: str = "gbk") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def test_excel_saved_labels_are_read_as_she_meant_them():
    with pytest.warns(DataWarning):
        items = load_labeled(FIX)
    def by_text(start: str):
        return next(d for d in items if d.text.startswith(start))

    # " 问题 " with stray blanks, Chinese names joined by ；, a blank after the last one
    assert by_text("院办一名干事兼管院务公开、").kind == "problem"
    assert by_text("院办一名干事兼管院务公开、").themes == ("staffing", "timeliness")
    assert by_text("患者投诉处理结果公示时未隐").kind == "problem"           # "Problem"
    assert by_text("下一步将由医务部指定专人负").themes == ("staffing",)       # "Staffing"
    assert by_text("医保基金结算清单、定点机构").themes == ("proactivity", "content_quality")
    assert by_text("药品集中采购中选结果和价格").themes == ("content_quality", "interpretation")
    assert by_text("本委政府信息公开工作总体平").kind == "other"
    assert by_text("本委政府信息公开工作总体平").themes == ()
    assert len(items) == 19  # the forgotten kind, the blank row and the unlabeled one: out


def test_a_row_with_themes_but_no_kind_is_named_not_dropped_silently():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = load_labeled(FIX)
    half = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert len(half) == 1, half
    assert "1 row has themes but no kind (line 21)" in half[0]
    assert not any(d.text.startswith("修订《医疗机构院务公开实施细则》") for d in items)
    # the row with neither kind nor themes is a plain unlabeled suggestion: no warning for it
    assert "line 23" not in half[0]


@pytest.mark.parametrize(("typed", "meant"), [("人员力", "人员力量"), ("proactivty", "proactivity"),
                                             ("Plattform", "platform")])
def test_a_misspelt_theme_is_refused_with_the_one_she_meant(tmp_path, typed, meant):
    rows = _rows()
    rows[1][2] = f"{typed}；及时性"
    with pytest.raises(DataError, match=rf"unknown theme id\(s\) '{typed}' \(did you mean '{meant}'\?\)"):
        _load(_write(tmp_path / "mine.csv", rows))


def test_an_unrelated_word_gets_no_guess(tmp_path):
    rows = _rows()
    rows[1][2] = "医改"
    with pytest.raises(DataError) as err:
        _load(_write(tmp_path / "mine.csv", rows))
    assert "'医改'" in str(err.value) and "did you mean" not in str(err.value)


def test_a_misspelt_kind_is_refused_with_the_one_she_meant(tmp_path):
    rows = _rows()
    rows[4][1] = "改进措"  # (措 施 with a space is read as 措施 since corpus16b)
    with pytest.raises(DataError, match=r"mine\.csv:5: unknown kind '改进措' \(did you mean 'measure'\?\)"):
        _load(_write(tmp_path / "mine.csv", rows))


def test_a_chinese_header_row_is_refused_with_the_names_to_use(tmp_path):
    rows = _rows()
    rows[0][1], rows[0][2] = "类型", "主题"
    with pytest.raises(DataError, match="rename '类型' to 'kind', '主题' to 'themes'"):
        _load(_write(tmp_path / "mine.csv", rows))


@pytest.mark.slow
def test_evaluate_sets_the_shipped_model_beside_a_retrained_one(tmp_path):
    """A model retrained on part of the shipped corpus and her labels: evaluate shows the shipped
    model on the same statements, and on the ones the retrained model never saw."""
    if not (SHIPPED / "model.joblib").is_file():
        pytest.skip("no shipped model in models/default")
    from nlp_reports.classify import evaluate, format_evaluation, train

    base = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
    items = load_labeled(base)
    items = items[:: max(1, len(items) // 300)]
    part = tmp_path / "part.jsonl"
    part.write_text("".join(json.dumps({"text": d.text, "kind": d.kind, "themes": list(d.themes),
                                        "family": d.family}, ensure_ascii=False) + "\n"
                            for d in items), "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        model = train([part, FIX], out=tmp_path / "mine", tokenizer="jieba",
                      params={"cv": 3}).path
        mine = evaluate(FIX, model=model, trust=True)
        shipped = evaluate(FIX)
    assert "shipped" not in shipped  # the shipped model is not set beside itself
    beside = mine["shipped"]
    assert beside["model_id"] != mine["model_id"]
    assert beside["model"] == shipped["model"]  # the same statements, the same model
    assert 0 < mine["unseen"]["n"] < mine["n"]
    # the statements the retrained model never saw, scored by the shipped model on their own
    from nlp_reports.classify.evaluate import trained_mask
    from nlp_reports.classify.modelcard import read_card

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        all_items = load_labeled(FIX)
    seen = trained_mask(all_items, model, read_card(model))
    heldout = [d for d, s in zip(all_items, seen, strict=True) if not s]
    assert len(heldout) == mine["unseen"]["n"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        alone = evaluate(heldout)
    assert beside["unseen"] == alone["model"]
    text = format_evaluation(mine)
    header = next(line for line in text.splitlines() if line.lstrip().startswith("model"))
    assert header.split()[:3] == ["model", "baseline", "shipped"]
    assert f"the shipped model ({beside['model_id'][:12]}) on the same statements" in text
