"""Label files as a researcher fills them in a spreadsheet: kinds in Chinese, and a suggest
CSV's statements of one report kept on one side of the split."""

import csv
import io
import json

import pytest

from nlp_reports.classify.dataset import load_labeled, split_by_family
from nlp_reports.errors import DataError


def _csv(path, rows, columns=("text", "kind", "themes", "source")):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns))
        w.writeheader()
        w.writerows(rows)
    return path


def test_chinese_kind_names_are_read_as_the_kinds(tmp_path):
    f = _csv(tmp_path / "own.csv", [
        {"text": "信息公开工作人员身兼数职，力量薄弱", "kind": "问题", "themes": "人员力量"},
        {"text": "配齐配强信息公开工作人员，实行AB角", "kind": " 措施 ", "themes": "staffing"},
        {"text": "我局信息公开工作取得了一定成效", "kind": "其他", "themes": ""},
        {"text": "进一步加大主动公开力度", "kind": "Measure", "themes": "proactivity"},
    ])
    kinds = [d.kind for d in load_labeled(f)]
    assert kinds == ["problem", "measure", "other", "measure"]


def test_an_unknown_kind_names_the_chinese_forms_too(tmp_path):
    f = _csv(tmp_path / "bad.csv", [{"text": "加强培训", "kind": "建议", "themes": ""}])
    with pytest.raises(DataError, match="问题"):
        load_labeled(f)


def test_a_suggest_csvs_report_keeps_its_statements_on_one_side(tmp_path):
    rows = []
    for r in range(40):
        for i in range(4):
            rows.append({"text": f"第{r}份报告的第{i}条：进一步加强信息公开队伍建设{r * 7 + i}",
                         "kind": "measure", "themes": "staffing",
                         "source": f"/data/reports/report{r}.txt"})
    data = load_labeled(_csv(tmp_path / "own.csv", rows))
    assert {d.family for d in data} == {f"source:/data/reports/report{r}.txt" for r in range(40)}
    side = {}
    for name, part in zip(("train", "dev", "test"), split_by_family(data), strict=True):
        for d in part:
            side.setdefault(d.family, set()).add(name)
    assert all(len(s) == 1 for s in side.values())
    assert len({next(iter(s)) for s in side.values()}) > 1  # the reports do spread over splits


def test_an_explicit_family_wins_over_the_source(tmp_path):
    f = _csv(tmp_path / "own.csv", [{"text": "加强培训", "kind": "measure", "themes": "training",
                                     "source": "a.txt", "family": "tpl-7"}],
             columns=("text", "kind", "themes", "source", "family"))
    assert [d.family for d in load_labeled(f)] == ["tpl-7"]


def test_train_advises_a_split_column_only_when_ones_own_file_was_held_out(tmp_path):
    from nlp_reports.classify.dataset import shipped_labeled_files
    from nlp_reports.classify.train import held_out_lines

    shipped = str(shipped_labeled_files()[0])
    own = str(tmp_path / "own.csv")
    only_shipped = "\n".join(held_out_lines({shipped: [120, 974], own: [0, 40]}))
    assert "120 of 974" in only_shipped and "'split' column" not in only_shipped
    mine_too = "\n".join(held_out_lines({shipped: [120, 974], own: [6, 40]}))
    assert "6 of 40" in mine_too and "'split' column" in mine_too


STATEMENTS = [
    "信息公开工作人员身兼数职，力量薄弱，人员变动频繁。",
    "政务公开专栏的栏目设置有待优化，更新也不够及时。",
    "对公开尺度把握不准，个别信息存在泄露个人隐私的风险。",
    "进一步加大主动公开力度，拓展公开范围。",
    "加强业务培训，提升工作人员依申请公开答复能力。",
    "政策解读形式单一，图解、视频解读较少。",
]


def test_a_second_suggest_round_skips_what_was_labelled(tmp_path):
    from nlp_reports.classify import Tagger, suggest, write_suggestions

    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS), "utf-8")
    tagger = Tagger.load()
    first = suggest([corpus], n=3, tagger=tagger)
    done = tmp_path / "round1.csv"
    write_suggestions(first, done)  # labelled or not, its texts are done
    from nlp_reports.classify.dataset import DataWarning

    with pytest.warns(DataWarning, match="fewer than the 6 asked"):
        second = suggest([corpus], n=6, tagger=tagger, exclude=[done])
    texts1 = {r["text"] for r in first}
    assert len(texts1) == 3 and len(second) == 3
    assert texts1.isdisjoint(r["text"] for r in second)
    assert texts1 | {r["text"] for r in second} == set(STATEMENTS)
    labelled = tmp_path / "own.jsonl"  # the same through a .jsonl label file
    labelled.write_text("\n".join(json.dumps({"text": t, "kind": "problem", "themes": []},
                                             ensure_ascii=False) for t in STATEMENTS[:5]),
                        "utf-8")
    with pytest.warns(DataWarning, match="fewer than the 6 asked"):
        rest = suggest([corpus], n=6, tagger=tagger, exclude=[labelled])
    assert [r["text"] for r in rest] == [STATEMENTS[5]]


def test_suggest_exclude_from_the_command_line(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS), "utf-8")
    done = tmp_path / "done.txt"
    done.write_text("\n".join(STATEMENTS[1:]), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "nlp_reports", "suggest", str(corpus), "-n",
                           "5", "--exclude", str(done)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["text"] for r in rows] == [STATEMENTS[0]]
