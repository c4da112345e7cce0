"""--by folder: the first folder below the folder every stored path shares."""

from __future__ import annotations

import os
from pathlib import Path

from _corpus_helpers import FakeTagger

from nlp_reports.cli import main
from nlp_reports.corpus import summarize, tag_paths
from nlp_reports.corpus.summarize import top_folders

EXAMPLES = Path(__file__).parents[1] / "examples" / "corpus"


def test_top_folders():
    sep = os.sep
    paths = [f"{sep}c{sep}年报{sep}青禾省{sep}a.txt",
             f"{sep}c{sep}年报{sep}青禾省{sep}2023{sep}b.txt",
             f"{sep}c{sep}年报{sep}江汀省 (待查){sep}c.txt",
             f"{sep}c{sep}年报{sep}d.txt", None]
    assert top_folders(paths).tolist() == ["青禾省", "青禾省", "江汀省 (待查)", "(top)", None]
    assert top_folders([f"{sep}x{sep}a.txt"]).tolist() == ["(top)"]
    assert top_folders([]).tolist() == []


def test_summarize_by_folder_groups_the_collection_as_sorted(tmp_path, capsys):
    files = sorted(EXAMPLES.glob("*.txt"))[:5]
    layout = {"青禾省/云岭市/2023": files[:2], "江汀省": files[2:4], ".": files[4:]}
    for folder, group in layout.items():
        (tmp_path / "年报" / folder).mkdir(parents=True, exist_ok=True)
        for f in group:
            (tmp_path / "年报" / folder / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "c.db"
    tag_paths([tmp_path / "年报"], db, model=FakeTagger())
    overview = summarize(db, by=["folder"]).overview.set_index("folder")["reports"]
    assert overview.to_dict() == {"(top)": 1, "江汀省": 2, "青禾省": 2}
    assert main(["summarize", "--db", str(db), "--by", "folder", "--by", "year"]) == 0
    assert "| 青禾省 |" in capsys.readouterr().out
