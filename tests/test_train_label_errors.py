"""Label files and interrupted runs: theme lists typed with spaces, every bad label
line named at once, and what a Ctrl-C of ``tag`` leaves said in the message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nlp_reports import cli
from nlp_reports.classify.dataset import load_labeled
from nlp_reports.errors import DataError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_theme_lists_typed_with_spaces_are_read(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text(
        "text,kind,themes\n"
        "信息公开专栏更新不及时，主动公开的范围偏窄,problem,proactivity timeliness\n"
        "配齐配强信息公开工作人员，实行AB角,measure,staffing　institution\n"  # full-width space
        "严格落实先审后发，防止泄露个人隐私,measure,\"confidentiality,  主动公开\"\n",
        encoding="utf-8")
    got = [d.themes for d in load_labeled(f)]
    assert got == [("proactivity", "timeliness"), ("staffing", "institution"),
                   ("proactivity", "confidentiality")]


def test_every_bad_label_line_of_a_file_is_named_at_once(tmp_path):
    f = tmp_path / "mine.csv"
    rows = ["text,kind,themes"]
    for i in range(25):
        theme = "staffing" if i % 2 else f"人员{i}"  # 13 bad theme cells
        rows.append(f"第{i}条：乡镇信息公开工作人员身兼数职，人手不足,problem,{theme}")
    rows.append("依申请公开答复不规范,问提,application")  # a misspelt kind
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_labeled(f)
    msg = str(err.value)
    assert msg.startswith(f"14 records of {f} cannot be used")
    assert f"{f}:2:" in msg and f"{f}:26:" in msg  # the first bad line and the last
    assert "'人员0'" in msg and "'问提'" in msg
    assert f"{f}:3:" not in msg  # a good line is not named


def test_one_bad_line_reads_as_before(tmp_path):
    f = tmp_path / "one.jsonl"
    f.write_text('{"text": "保密审查把关不严", "kind": "problem", "themes": ["secrecy"]}\n',
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"one\.jsonl:1: unknown theme id\(s\) 'secrecy'"):
        load_labeled(f)


def test_ctrl_c_of_tag_says_how_many_reports_are_kept(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(EXAMPLES.glob("*.txt"))[:3]:
        shutil.copy(f, folder / f.name)
    db = tmp_path / "s.sqlite"
    assert cli.main(["tag", str(folder), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()

    import nlp_reports.corpus as corpus

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus, "tag_paths", interrupted)
    assert cli.main(["tag", str(folder), "--db", str(db), "--quiet"]) == 130
    err = capsys.readouterr().err
    assert f"interrupted: 3 reports stored in {db}" in err
    assert "run the same command again to resume" in err
    # before any report was stored there is no store to count: the message still helps
    assert cli.main(["tag", str(folder), "--db", str(tmp_path / "new.sqlite")]) == 130
    assert "interrupted; run the same command again to resume" in capsys.readouterr().err


REDTEAM12 = Path(__file__).parent / "fixtures" / "redteam12"


@pytest.mark.parametrize("label", ["（六）其他处理 3.其他", "（六）其他处理　3．其他（含撤回申请）"])
def test_other_handling_group_and_its_last_row_in_one_cell(tmp_path, label):
    """A PDF or Word table printing "（六）其他处理 3.其他" in one cell: the group label matched
    the 2019 single row, row 3.6.3 was "not found" and the whole 表三 unreadable (5 of the
    newuser11 trial's 109 reports kept no table figure at all)."""
    from nlp_reports import load_report

    text = (REDTEAM12 / "c2024_tabs_wording.txt").read_text(encoding="utf-8")
    assert "\n3.其他（含撤回申请）\t" in text
    text = text.replace("（六）其他处理 1.", "1.").replace("\n3.其他（含撤回申请）\t",
                                                          f"\n{label}\t")
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    r = load_report(f)
    t3 = r.table("table3")
    assert t3.status == "ok", t3.problem
    assert t3.get("3.6.3", "total") == 0 and t3.get("3.7", "total") > 0
    assert {c.outcome for c in r.checks if c.id in ("I1", "I2", "I3")} == {"pass"}


def test_model_card_says_how_the_themes_decide():
    """The shipped card said 'its own decision threshold' while all 13 themes decide at 0.5."""
    import json

    from nlp_reports.classify.train import _threshold_phrase, model_readme

    shipped = Path(__file__).resolve().parents[1] / "models" / "default"
    card = json.loads((shipped / "meta.json").read_text("utf-8"))
    readme = (shipped / "README.md").read_text("utf-8")
    assert readme == model_readme(card)  # the shipped card is what its writer writes
    tuned = {**card, "threshold_method": "dev",
             "thresholds": {t: 0.3 + 0.01 * i for i, t in enumerate(card["thresholds"])}}
    assert _threshold_phrase(tuned) == "each with its own decision threshold"
    if card.get("threshold_method") == "fixed":
        assert "the same probability threshold" in readme
        assert "its own decision threshold" not in readme


def test_the_traditional_code_point_a_pdf_font_gives_for_hu_is_read_as_hu(tmp_path):
    """Noto Sans CJK draws 户 and 戶 alike, and a Chromium-printed PDF gave '门戶网站' in the
    statements (redteam13): a researcher's search for 门户 found nothing."""
    from nlp_reports import load_report
    from nlp_reports.ingest.normalize import normalize_text

    assert normalize_text("加强门戶网站建设") == "加强门户网站建设"
    assert normalize_text("加强门户网站建设") == "加强门户网站建设"
    # the Kangxi radical ⼾ (U+2F3E), as Chromium's PDFs give it (newuser15: 16 of 16 page +
    # PDF pairs stored as two reports, the PDF's 门⼾网站 read as 门戶网站)
    assert normalize_text("加强门\u2f3e网站建设") == "加强门户网站建设"
    text = (REDTEAM12 / "c2024_tabs_wording.txt").read_text(encoding="utf-8")
    five = text.index("存在的主要问题")
    text = text[:five] + text[five:].replace("。", "，门戶网站栏目更新不及时。", 1)
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    statements = [s.text for s in load_report(f).statements]
    assert any("门户网站栏目更新不及时" in s for s in statements)
    assert not any("戶" in s for s in statements)
