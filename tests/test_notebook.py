"""The walkthrough notebook runs top to bottom, on the example corpus and on a researcher's
nested folder with a broken file (newuser4 finding 9)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "corpus_study.ipynb"
EXAMPLES = ROOT / "examples" / "corpus"


def run_notebook(out: Path, monkeypatch, corpus: Path | None = None) -> tuple[str, str]:
    """Execute the notebook from notebooks/ with its outputs under ``out``; return the text
    outputs (stdout and results) and the stderr outputs."""
    monkeypatch.setenv("NLP_REPORTS_NOTEBOOK_OUT", str(out))
    if corpus is None:
        monkeypatch.delenv("NLP_REPORTS_CORPUS", raising=False)
    else:
        monkeypatch.setenv("NLP_REPORTS_CORPUS", str(corpus))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    texts, errors = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            text = o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
            (errors if o.get("name") == "stderr" else texts).append(text)
    return "".join(texts), "".join(errors)


def test_stored_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None


def test_notebook_uses_public_api_only():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "html_report" not in code and not re.search(r"(\.|import )_[a-z]", code)
    assert "Store(DB, readonly=True)" in code and "Store(DB)" not in code
    assert ".glob(" not in code and "rglob" not in code  # files found as tag_paths finds them


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_notebook_executes_top_to_bottom(tmp_path, monkeypatch):
    outputs, errors = run_notebook(tmp_path, monkeypatch)
    assert "Traceback" not in outputs + errors
    assert "tagged 43 reports" in outputs and "skipped 43 already stored" in outputs
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert (tmp_path / "my-model" / "meta.json").exists()
    assert os.path.getsize(tmp_path / "to_label.csv") > 0
    # the comparison on the user's labels was made, with the shipped model and cv beside
    assert "trained on your labels only (cv=5)" in outputs and "your model" in outputs


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_notebook_on_a_nested_folder_with_a_broken_file(tmp_path, monkeypatch):
    corpus = tmp_path / "年报"
    texts = sorted(EXAMPLES.glob("*.txt"))[:3]
    pages = sorted(EXAMPLES.glob("*.html"))[:2]
    for f in texts:
        (corpus / "青禾省" / "2023").mkdir(parents=True, exist_ok=True)
        shutil.copy(f, corpus / "青禾省" / "2023" / f.name)
    for f in pages:  # saved as the site served them
        (corpus / "江汀省" / "2024").mkdir(parents=True, exist_ok=True)
        shutil.copy(f, corpus / "江汀省" / "2024" / (f.stem + ".shtml"))
    broken = corpus / "下载失败" / "页面不存在.html"
    broken.parent.mkdir(parents=True)
    broken.write_text("<html><body><p>404 Not Found</p></body></html>", encoding="utf-8")
    (corpus / "下载失败" / "截图.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    out = tmp_path / "out"
    outputs, errors = run_notebook(out, monkeypatch, corpus)
    assert "Traceback" not in outputs + errors
    assert "6 files to read" in outputs
    assert "青禾省/2023" in outputs and "江汀省/2024" in outputs
    assert "not read:" in outputs  # the broken file sorts first: cell 1 goes past it
    assert "tagged 5 reports" in outputs and "1 failed" in outputs
    assert "skipped 5 already stored" in outputs
    assert "页面不存在.html" in outputs  # the failures table names the file
    assert (out / "report.html").stat().st_size > 10_000
    assert (out / "my-model" / "meta.json").exists()
