"""The labelling loop guards a researcher's own model and labels.

P1: a store whose reports carry a model of one's own is not put back on the shipped model by a
``tag`` run that names no model: the run is refused before any work (exit 2, the store's bytes
unchanged), in English and Chinese, naming her model and the two ways on (``--model DIR
--trust-model`` to keep it, ``--retag`` to re-tag with the shipped model on purpose).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from _corpus_helpers import FakeTagger
from test_store_models import FILES, CardTagger

from nlp_reports.cli import main
from nlp_reports.corpus import Store, tag_paths
from nlp_reports.corpus.summarize import shipped_model_id
from nlp_reports.errors import StoreModelError, UsageError


@pytest.fixture(scope="module")
def shipped_id():
    sha = shipped_model_id()
    if sha is None:
        pytest.skip("no shipped model installed")
    return sha


def _folder(tmp_path: Path, name: str, files=FILES[:3]) -> Path:
    src = tmp_path / name
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    return src


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_a_plain_tag_on_her_store_is_refused_before_any_work(tmp_path, shipped_id, capsys):
    old, new = _folder(tmp_path, "2023"), _folder(tmp_path, "2024", FILES[3:5])
    db = tmp_path / "卫健.sqlite"
    mine = CardTagger(model_id="7498e8771010" + "0" * 52)
    assert tag_paths([old], db, model=mine).ok == 3
    before = _digest(db)

    # this year's files, the README's plain command: refused, nothing read or written
    assert main(["tag", str(new), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "mine (7498e8771010, 3 reports)" in err
    assert "--model /home/researcher/models/mine --trust-model" in err
    assert "add --model default" in err and "or --retag" in err
    assert "Nothing was read or written" in err
    assert "本次未读写任何内容" in err and "确要改用随包模型，请加 --model default" in err
    assert _digest(db) == before
    assert not Path(str(db) + ".lock").exists()

    # the API the same, by its own error (a UsageError: an option missing)
    with pytest.raises(StoreModelError) as info:
        tag_paths([old], db)
    assert isinstance(info.value, UsageError)
    assert [m["model_id"] for m in info.value.models] == ["7498e8771010" + "0" * 52]
    assert _digest(db) == before

    # --retag: the shipped model on purpose, her reports among the files re-tagged
    assert main(["tag", str(old), "--db", str(db), "--retag", "--quiet"]) == 0
    with Store(db, readonly=True) as store:
        assert set(store.reports()["model_id"]) == {shipped_id}
    capsys.readouterr()


def test_her_own_model_named_again_goes_on(tmp_path):
    old, new = _folder(tmp_path, "a"), _folder(tmp_path, "b", FILES[3:5])
    db = tmp_path / "s.sqlite"
    mine = FakeTagger(model_id="c97c" + "1" * 60)  # (a tagger the store knows only by id)
    assert tag_paths([old], db, model=mine).ok == 3
    with pytest.raises(StoreModelError, match=r"c97c11111111 \(the store knows only its "):
        tag_paths([new], db)
    assert tag_paths([new], db, model=mine).ok == 2  # her model named: as before


def test_shipped_or_empty_stores_and_upgrades_behave_as_before(tmp_path, shipped_id):
    src = _folder(tmp_path, "r")
    # an empty store (made, nothing in it) and a store of the shipped model
    db = tmp_path / "x.sqlite"
    Store(db).close()
    assert tag_paths([src], db).ok == 3
    assert tag_paths([src], db).skipped == 3
    # an older shipped model's reports (its folder the shipped one): an upgrade re-tags
    from nlp_reports.classify.modelcard import shipped_models_roots

    old = CardTagger(model_id="1bf2" + "2" * 60, name="default",
                     path=shipped_models_roots()[0] / "default")
    db2 = tmp_path / "y.sqlite"
    assert tag_paths([src], db2, model=old).ok == 3
    assert tag_paths([src], db2).retagged == 3


# --- P2: the sub-heading block as a check on the kind labels ---------------------------------

#: Two reports with 存在的问题 / 改进措施 sub-headings (a school, a 人社局) and one statement list.
BLOCKED = [f for f in FILES if f.name.startswith(("桑陵市第三中学", "澄州市人力资源"))]


def _blocks(files) -> dict[str, str]:
    from nlp_reports import load_report

    return {s.text: s.block for f in files for s in load_report(f).statements}


@pytest.fixture(scope="module")
def tagger():
    from nlp_reports.classify.tagger import Tagger

    try:
        return Tagger.load()
    except Exception as exc:  # (no shipped model installed)
        pytest.skip(str(exc))


def test_suggest_rows_carry_the_block_of_their_statement(tmp_path, tagger):
    import csv

    from nlp_reports.classify.dataset import DataWarning
    from nlp_reports.classify.suggest import suggest, write_suggestions

    assert len(BLOCKED) == 2
    src = _folder(tmp_path, "reports", BLOCKED)
    (src / "补充语句.txt").write_text("医保窗口政策解读材料更新不及时，群众反映看不懂\n"
                                   "下一步将在经办大厅设置政策咨询台，安排专人解答\n", "utf-8")
    rows = suggest(src, n=10, tagger=tagger)  # (all the distinct ones)
    blocks = _blocks(BLOCKED)
    assert {r["block"] for r in rows} == {"problem", "measure", ""}
    for r in rows:
        assert r["block"] == blocks.get(r["text"], ""), r["text"]
    out = tmp_path / "to_label.csv"
    write_suggestions(rows, out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        read = list(csv.DictReader(fh))
    assert "block" in read[0] and [r["block"] for r in read] == [r["block"] for r in rows]

    # from a store: the block stored with the statement
    db = tmp_path / "s.sqlite"
    assert tag_paths([src], db, model=FakeTagger(model_id="f" * 64)).ok == 2
    with pytest.warns(DataWarning, match="tagged with another model"):  # (scored again)
        stored = suggest(db=db, n=8, tagger=tagger)
    assert stored and all(r["block"] == blocks[r["text"]] for r in stored)


def _labels(tmp_path: Path, rows: list[tuple[str, str, str]], *, block_column: bool = True,
            encoding: str = "utf-8-sig", name: str = "labels.csv") -> Path:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["text", "kind", "themes", "block", "source"] if block_column
               else ["text", "kind", "themes", "source"])
    for i, (text, kind, block) in enumerate(rows):
        w.writerow([text, kind, "", block, f"r{i % 3}.docx"] if block_column
                   else [text, kind, "", f"r{i % 3}.docx"])
    path = tmp_path / name
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


#: A newcomer's kinds (written for this test): two plain measures labelled problem, one
#: problem labelled measure, the rest agreeing with the heading, one under no heading.
ROWS = [
    ("开通住院费用清单网上查询功能，患者可凭就诊卡号自助查询", "问题", "measure"),
    ("在门诊大厅增设院务公开触摸屏，每月更新药品和服务价格", "problem", "measure"),
    ("医保基金年度收支情况仅在局务会通报，未向社会公开", "措施", "problem"),
    ("乡镇卫生院公开栏内容长期未更新，药品价格公示与实际收费不一致", "problem", "problem"),
    ("建立院务公开信息审核台账，由院办逐条登记发布时间和审核人", "measure", "measure"),
    ("疾控中心官网传染病疫情信息发布滞后，个别月份未发布", "problem", ""),
]


def test_train_and_evaluate_warn_when_labels_contradict_the_layout(tmp_path, capsys, caplog):
    from nlp_reports.classify import evaluate, train
    from nlp_reports.classify.dataset import DataWarning, layout_warnings, load_labeled
    from nlp_reports.errors import DataError

    labels = _labels(tmp_path, ROWS)
    items = load_labeled(labels)
    assert [d.block for d in items] == ["measure", "measure", "problem", "problem", "measure",
                                        None]
    [msg] = layout_warnings(items)
    assert msg.startswith("3 kind labels contradict the layout of the report (3 of 5 under "
                          "a problem or measure sub-heading, 60%): 2 labelled "
                          "problem sat under a measure sub-heading (改进措施…) and 1 labelled "
                          "measure sat under a problem sub-heading (存在的问题…). ")
    assert "'开通住院费用清单网上查询功能，患者可凭就诊卡号自助查询'" in msg
    assert f"({labels}:2)" in msg and f"({labels}:4)" in msg
    assert ("标注与报告版式不一致（问题、措施类小标题下的5条中有3条）：“改进措施”类小标题下的表述"
            "标为问题2条，“存在问题”类小标题下的表述标为措施1条") in msg

    # careful labels contradict their heading too (rule 3, a lead-in the parser put in the
    # next block): the held-out files' few are logged, not warned about
    from nlp_reports.classify.dataset import LAYOUT_SHARE

    heldout = sorted((Path(__file__).resolve().parents[1] / "nlp_reports" / "data"
                      / "heldout").glob("unseen-*.jsonl"))
    assert len(heldout) == 3
    careful = load_labeled(heldout[0])
    against = [d for d in careful if d.block in ("problem", "measure")
               and d.kind in ("problem", "measure") and d.kind != d.block]
    assert 0 < len(against) <= LAYOUT_SHARE * len(careful)
    assert layout_warnings(careful) == []
    assert layout_warnings([*careful, *items]) == []  # (3 more of 380: still few)

    # evaluate: a warning, the figures as before
    with pytest.warns(DataWarning) as caught:  # (and: too few to score)
        result = evaluate(labels)
    assert [str(w.message) for w in caught].count(msg) == 1
    assert result["n"] == 6 and result["layout_warnings"] == [msg]
    # train: warned before training (here refused after, for a reason of its own)
    with pytest.warns(DataWarning) as caught, \
            pytest.raises(DataError, match="at least two kinds"):
        train(_labels(tmp_path, [(t, "problem", b) for t, _, b in ROWS], name="all_problem.csv"),
              out=tmp_path / "m")
    assert any(str(w.message).startswith("3 kind labels contradict the layout")
               for w in caught)

    # an older suggest CSV without the column (GB18030, as Excel saves it): no such warning
    old = _labels(tmp_path, ROWS, block_column=False, encoding="gb18030", name="old.csv")
    assert all(d.block is None for d in load_labeled(old))
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "layout_warnings" not in evaluate(old)
    assert caught  # (too few to score: said as before)
    assert not any("contradict the layout" in str(w.message) for w in caught)

    # the CLI: the warning logged (stderr: English then Chinese), the table on stdout
    caplog.clear()
    assert main(["evaluate", str(labels), "--quiet"]) == 0
    assert "kind accuracy" in capsys.readouterr().out
    [logged] = [r.getMessage() for r in caplog.records if "contradict the layout" in r.getMessage()]
    assert logged == msg and "标注与报告版式不一致" in logged


# --- P3: evaluate says when the keyword baseline beats the model; --cv sets the shipped beside

def test_evaluate_says_plainly_when_the_baseline_beats_the_model(tmp_path):
    from nlp_reports.classify import evaluate, format_evaluation
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning):  # (six statements: too few, and against the layout)
        result = evaluate(_labels(tmp_path, ROWS))
    m, b = result["model"], result["baseline"]
    assert result["baseline_ahead"] == [k for k in ("kind_accuracy", "micro_f1")
                                        if b[k] > m[k]]
    # the same figures, the baseline above on one, then on none
    m["micro_f1"], b["micro_f1"] = 0.791, 0.797
    m["kind_accuracy"], b["kind_accuracy"] = 0.667, 0.562
    result["baseline_ahead"] = ["micro_f1"]
    text = format_evaluation(result)
    assert ("NOTE: the keyword baseline beats the model on these labels (theme micro-F1 "
            "0.797 vs 0.791)") in text
    assert "注意：在这些标注上关键词基线优于模型（主题微平均F1 0.797，模型 0.791）" in text
    result["baseline_ahead"] = []
    assert "baseline beats" not in format_evaluation(result)


@pytest.mark.slow
def test_cv_sets_the_shipped_model_beside_the_cross_validated_figures(tmp_path):
    from nlp_reports.classify import evaluate, format_evaluation
    from nlp_reports.classify.dataset import DataWarning

    rows = [*ROWS, *[(t.replace("，", "；", 1), k, b) for t, k, b in ROWS]]
    with pytest.warns(DataWarning):
        result = evaluate(_labels(tmp_path, rows), cv=3)
    assert result["mode"] == "cv" and result["n"] == 12
    shipped = result["shipped"]
    assert shipped["model_id"] == shipped_model_id() and set(shipped["model"]) >= {
        "kind_accuracy", "micro_f1"}
    text = format_evaluation(result)
    header = next(x for x in text.splitlines() if x.endswith("(on 12 statements)"))
    assert header.split() == ["model", "baseline", "shipped", "(on", "12", "statements)"]
    assert f"shipped: the shipped model ({shipped['model_id'][:12]}) as installed" in text
    assert result["baseline_ahead"] == [
        k for k in ("kind_accuracy", "micro_f1")
        if result["baseline"][k] > result["model"][k]]


def test_a_store_an_older_shipped_model_tagged_elsewhere_is_no_model_of_ones_own(tmp_path,
                                                                                  shipped_id):
    """review26b: an older version's shipped model, recorded with a folder of another install
    (another venv, machine or checkout) or by its id alone (a store from before the models
    table), is the shipped model's: a plain tag after an upgrade re-tags, it is not refused."""
    from nlp_reports.classify.modelcard import SHIPPED_MODEL_IDS

    assert shipped_id in SHIPPED_MODEL_IDS  # a newly shipped model is listed there
    older = "1bf2a43eeb970ce051fd158566020dcaa64356eeae66252aa7397a6ecff23667"
    assert older in SHIPPED_MODEL_IDS and older != shipped_id
    src = _folder(tmp_path, "r")
    for i, tagger in enumerate((
            CardTagger(model_id=older, name="default",
                       path=Path("/other/venv/lib/python3.11/site-packages/nlp_reports/models/default")),
            FakeTagger(model_id=older))):
        db = tmp_path / f"old{i}.sqlite"
        assert tag_paths([src], db, model=tagger).ok == 3
        assert tag_paths([src], db).retagged == 3
    # an id the project never shipped, in a folder named like the shipped one: still guarded
    db = tmp_path / "mine.sqlite"
    mine = CardTagger(model_id="ab" * 32, name="default", path=tmp_path / "models" / "default")
    assert tag_paths([src], db, model=mine).ok == 3
    with pytest.raises(StoreModelError):
        tag_paths([src], db)


def test_the_advice_quotes_a_model_folder_with_a_space(tmp_path):
    """hostile26: the refusal's "--model <folder> --trust-model" is copied into a shell, so a
    folder holding a space is quoted (unquoted, the copied command failed)."""
    import shlex

    src = _folder(tmp_path, "r")
    db = tmp_path / "s.sqlite"
    folder = tmp_path / "My Models" / "mine"
    assert tag_paths([src], db, model=CardTagger(model_id="cd" * 32, path=folder)).ok == 3
    with pytest.raises(StoreModelError) as info:
        tag_paths([src], db)
    assert f"--model {shlex.quote(str(folder.resolve()))} --trust-model" in str(info.value)
