"""The public surface: pinned, importable, and light to import."""

from __future__ import annotations

import subprocess
import sys

import nlp_reports
from nlp_reports.cli import build_parser

EXPECTED = [
    "Check", "KINDS", "KeywordBaseline", "Metadata", "Prediction", "Problem", "Report",
    "SCHEMA_VERSION", "Section", "Statement", "Store", "THEMES", "Table", "Tagger", "Tokenizer",
    "__version__", "audit", "errors", "evaluate", "export", "load_report", "load_reports", "panel", "suggest",
    "summarize", "tag_paths", "train",
]


def test_public_names_are_pinned():
    assert nlp_reports.__all__ == sorted(EXPECTED)


def test_every_public_name_resolves():
    for name in nlp_reports.__all__:
        assert getattr(nlp_reports, name) is not None, name


def test_import_and_help_do_not_load_heavy_modules():
    code = (
        "import sys, nlp_reports, nlp_reports.cli\n"
        "try:\n    nlp_reports.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sklearn', 'jieba', 'pandas', 'lxml', 'numpy', 'opencc') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY []" in out


def test_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, cmd in sub.choices.items():
        assert cmd.format_help().strip(), name
        assert f"nlp-reports {name}" in readme, f"command {name} is not shown in the README"


def test_tagging_imports_neither_summaries_nor_audit_nor_exports():
    code = (
        "import sys\n"
        "from nlp_reports.corpus import tag_paths, Store\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('nlp_reports.corpus.')"
        " or m in ('pandas', 'sklearn')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    # (archive: the zip reader tag_paths uses; writelock: its store's writer lock; watchdog:
    # the pool's stuck-worker watch; forked: what its forked processes share with the
    # summary's; all standard library only)
    assert ("LOADED ['nlp_reports.corpus.archive', 'nlp_reports.corpus.batch', "
            "'nlp_reports.corpus.duplicates', 'nlp_reports.corpus.files', "
            "'nlp_reports.corpus.forked', "
            "'nlp_reports.corpus.head_start', 'nlp_reports.corpus.pool', "
            "'nlp_reports.corpus.progress', 'nlp_reports.corpus.store', "
            "'nlp_reports.corpus.watchdog', 'nlp_reports.corpus.worker', "
            "'nlp_reports.corpus.writelock']") in out


def test_corpus_names_stay_functions_when_their_submodules_load_first():
    code = (
        "import types\n"
        "from nlp_reports.corpus.summarize import records\n"
        "import nlp_reports.corpus.audit, nlp_reports.corpus.export\n"
        "import nlp_reports.corpus as corpus\n"
        "from nlp_reports.corpus import audit, export, summarize, batch\n"
        "print('KINDS', [type(x).__name__ for x in (audit, export, summarize, corpus.audit,"
        " corpus.summarize, batch)])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "KINDS ['function', 'function', 'function', 'function', 'function', 'module']" in out
