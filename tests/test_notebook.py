"""The walkthrough notebook runs top to bottom on the example corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_notebook_executes_top_to_bottom(tmp_path, monkeypatch):
    monkeypatch.setenv("NLP_REPORTS_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(ROOT / "notebooks" / "corpus_study.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    outputs = "".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    )
    assert "Traceback" not in outputs
    assert "tagged 43 reports" in outputs and "skipped 43 already stored" in outputs
    assert (tmp_path / "report.html").stat().st_size > 10_000
    assert (tmp_path / "my-model" / "meta.json").exists()
    assert os.path.getsize(tmp_path / "to_label.csv") > 0
