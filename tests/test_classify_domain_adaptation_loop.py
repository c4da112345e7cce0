"""A researcher adapts the model to her domain (county 卫健局, 医保局, 疾控中心,
hospitals), re-tags her store with her model, then adds this year's files with the README's
plain ``tag`` command — no ``--model``. The run re-tags every stored report with the shipped
model (the model changed, so resume re-tags): her model's tags are gone, said before only in a
clause of the English end line. Now a warning says so in English and Chinese, naming her model
and the option that keeps it; the Chinese end line counts the re-tag too; and the store records
her model's folder as an absolute path, so the warning (and ``info``) names a folder that
exists wherever the store is read from.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_store_models import FILES, MINE_CARD, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.summarize import shipped_model_id


@pytest.fixture(scope="module")
def shipped_id():
    sha = shipped_model_id()
    if sha is None:
        pytest.skip("no shipped model installed")
    return sha


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    src.mkdir()
    for f in FILES[:4]:  # a township, a school, a 人社局, a county
        shutil.copy(f, src / f.name)
    return src


def test_plain_tag_after_her_model_warns_that_her_tags_were_replaced(tmp_path, shipped_id,
                                                                      capsys):
    src = _folder(tmp_path)
    db = tmp_path / "health.sqlite"
    mine = CardTagger(model_id="7498e8771010" + "0" * 52)
    assert tag_paths([src], db, model=mine).ok == 4

    # (labels26: a plain run is refused now, before any work; --retag re-tags on purpose)
    assert main(["tag", str(src), "--db", str(db), "--quiet"]) == 2
    assert "mine (7498e8771010, 4 reports)" in capsys.readouterr().err
    assert main(["tag", str(src), "--db", str(db), "--retag", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "4 stored reports re-tagged with model " + shipped_id[:12] in err  # (as before)
    assert "4份已入库报告改用模型" + shipped_id[:12] + "重新标注（此前为7498e8771010）" in err
    assert ("warning: 4 stored reports were re-tagged with the shipped model (no --model "
            "given); before, reports were tagged with mine (7498e8771010)") in err
    assert "run the same command with --model /home/researcher/models/mine --trust-model" in err
    assert "注意：未指定 --model，4份已入库报告已改用随包模型重新标注" in err
    with Store(db, readonly=True) as store:
        assert set(store.reports()["model_id"]) == {shipped_id}

    # the shipped model again: resume skips, nothing re-tagged, nothing said
    assert main(["tag", str(src), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning" not in err and "重新标注" not in err


def test_no_warning_when_she_names_a_model_or_the_old_tags_were_shipped(tmp_path, shipped_id,
                                                                        capsys):
    src = _folder(tmp_path)
    db = tmp_path / "c.sqlite"
    assert tag_paths([src], db, model=CardTagger(model_id="c97c" + "1" * 60)).ok == 4
    # --model given (the shipped one by name): she chose it, the end lines say the re-tag
    assert main(["tag", str(src), "--db", str(db), "--model", "default", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "重新标注（此前为c97c11111111）" in err and "warning" not in err

    # a re-tag by the shipped model of reports another shipped model tagged (an upgrade of the
    # package): expected, no warning — a models row whose folder is the shipped one
    db2 = tmp_path / "d.sqlite"
    from nlp_reports.classify.modelcard import shipped_models_roots

    old = CardTagger(model_id="1bf2" + "2" * 60, name="default",
                     path=shipped_models_roots()[0] / "default")
    assert tag_paths([src], db2, model=old).ok == 4
    assert main(["tag", str(src), "--db", str(db2), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "re-tagged with model" in err and "warning" not in err


def test_her_model_folder_is_stored_absolute(tmp_path, monkeypatch):
    src = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    mine = CardTagger(model_id="5d1e" + "3" * 60, path=Path("models/mine"))
    assert tag_paths([src], tmp_path / "e.sqlite", model=mine).ok == 4
    with Store(tmp_path / "e.sqlite", readonly=True) as store:
        [row] = store.models().to_dict("records")
    assert row["path"] == os.path.join(str(tmp_path), "models", "mine")
    assert row["name"] == "mine" and row["created"] == MINE_CARD["created"]
    # a tagger without a folder (a custom one) keeps None
    other = FakeTagger(model_id="9" * 64)
    assert tag_paths([src], tmp_path / "f.sqlite", model=other).ok == 4
    with Store(tmp_path / "f.sqlite", readonly=True) as store:
        assert store.models()["path"].tolist() == [None]


#: Section 五 lines of county health bodies, a hospital and a 疾控中心 (written for this test).
HEALTH = [
    "乡镇卫生院公开栏内容长期未更新，药品价格公示与实际收费不一致",
    "医保基金年度收支情况仅在局务会通报，未向社会公开",
    "药品集中带量采购中选结果的政策解读偏少，参保群众知晓率不高",
    "个别科室在工作群转发患者检验报告截图，个人信息保护意识淡薄",
    "院务公开工作由院办一名干事兼管，人手明显不足",
    "疫情防控信息发布偶有滞后，回应群众关切不够及时",
    "下一步，县医保局将按季度公开定点医药机构违规处理结果",
    "医院将修订院务公开实施细则，明确各科室公开事项和时限",
    "疾控中心将每月更新预防接种门诊地址和接种时间",
    "组织全系统信息公开工作人员参加依申请公开办理专题培训",
    "在门诊大厅电子屏滚动公示医疗服务项目价格",
    "建立患者隐私信息发布前审查登记制度，严防信息泄露",
]


def test_suggest_after_a_first_round_counts_the_excluded_apart(tmp_path, capsys):
    import csv
    import warnings

    from nlp_reports.classify import suggest
    from nlp_reports.classify.dataset import DataWarning

    statements = tmp_path / "statements.txt"
    statements.write_text("\n".join(HEALTH) + "\n", encoding="utf-8")
    first = tmp_path / "round1.csv"
    with first.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "kind", "themes"])
        for text in HEALTH[:8]:
            w.writerow([text, "problem", ""])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        rows = suggest(statements, n=40, exclude=[first])
    assert {r["text"] for r in rows} <= set(HEALTH[8:]) and rows
    [msg] = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert (f"{len(rows)} statements to label, fewer than the 40 asked: the corpus has 4 "
            "distinct statements not yet labelled (after removing repeats and the 8 "
            "statements found in the excluded label files)") in msg

    # no --exclude: as before
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        suggest(statements, n=40)
    assert any("the corpus has 12 distinct statements (after removing repeats)"
               in str(w.message) for w in caught)

    out = tmp_path / "round2.csv"
    assert main(["suggest", str(statements), "-n", "40", "--exclude", str(first),
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (f"statements to label written to {out} (fewer than the 40 asked: no more distinct "
            "statements not in the --exclude files)") in err


def test_evaluate_takes_both_rounds_files_as_train_does(tmp_path, capsys):
    rounds = []
    for i, (lo, hi) in enumerate(((0, 7), (7, 12))):
        f = tmp_path / f"round{i + 1}.csv"
        rows = ["text,kind,themes"] + [
            f"{t},{'measure' if t.startswith(('下一步', '医院将', '疾控中心将', '组织', '在门诊', '建立')) else 'problem'},"
            for t in HEALTH[lo:hi]]
        f.write_text("\n".join(rows) + "\n", encoding="utf-8")
        rounds.append(str(f))
    assert main(["evaluate", *rounds, "--json"]) == 0
    import json

    both = json.loads(capsys.readouterr().out)
    assert both["n"] == 12
    assert main(["evaluate", rounds[1], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 5


@pytest.mark.parametrize(("cell", "hint"), [
    # her domain's words for a theme: the guidelines' table names the theme, she chooses
    ("个人信息保护", "counts 个人信息 under 'confidentiality' (保密审查与公开尺度)"),
    ("患者隐私", "counts 隐私 under 'confidentiality' (保密审查与公开尺度)"),
    ("院务公开栏", "counts 公开栏 under 'platform' (平台渠道与信息化)"),
    ("集采政策宣传", "counts 宣传 under 'publicity' (宣传引导与公众参与)"),
])
def test_a_domain_word_for_a_theme_is_refused_with_the_theme_it_falls_under(tmp_path, cell,
                                                                            hint):
    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.errors import DataError

    f = tmp_path / "labels.csv"
    f.write_text(f"text,kind,themes\n{HEALTH[3]},problem,{cell}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_labeled(f)
    msg = str(caught.value)
    assert f"unknown theme id(s) '{cell}' ('{cell}': the guidelines' theme table" in msg
    assert hint in msg and "The 13 themes are fixed" in msg


def test_no_word_of_a_theme_no_hint_and_a_near_miss_keeps_its_own(tmp_path):
    from nlp_reports.classify.dataset import load_labeled
    from nlp_reports.errors import DataError

    for cell, expected in (("医保基金", "unknown theme id(s) '医保基金'; the valid ids"),
                           ("平台渠道", "(did you mean '平台渠道与信息化'?); the valid ids")):
        f = tmp_path / "labels.csv"
        f.write_text(f"text,kind,themes\n{HEALTH[1]},problem,{cell}\n", encoding="utf-8")
        with pytest.raises(DataError) as caught:
            load_labeled(f)
        assert expected in str(caught.value) and "guidelines' theme table" not in str(caught.value)
