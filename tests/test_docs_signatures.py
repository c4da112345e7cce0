"""The Python names and signatures the docs print are the package's.

Every dotted name ``nlp_reports.x.y`` a page writes resolves: the longest importable module
prefix holds the rest (docs/summary.md's silencing of ``DataWarning`` named no place to import
it from; its helpers ``nlp_reports.corpus.summarize.NAME`` live in the module, which the
package's ``summarize`` function shadows as an attribute).

docs/audit.md opens with the synopsis of ``nlp_reports.corpus.audit(...)``; it named neither
``deadlines`` (the ``--deadline`` of the command line above it) nor ``threshold``, so a reader
copying it could not pass a province's deadline. A keyword added later must join it.
"""

import importlib
import inspect
import re
from pathlib import Path

from nlp_reports.corpus import audit

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _printed_keywords(page: str, call: str) -> set[str]:
    text = (DOCS / page).read_text("utf-8")
    match = re.search(re.escape(call) + r"\((.*?)\)`", text, re.S)
    assert match, f"{page} no longer prints {call}(…)"
    return set(re.findall(r"(\w+)=", match.group(1)))


def test_the_audit_synopsis_names_every_keyword():
    keywords = {name for name, p in inspect.signature(audit).parameters.items()
                if p.kind is inspect.Parameter.KEYWORD_ONLY}
    printed = _printed_keywords("audit.md", "nlp_reports.corpus.audit")
    assert keywords <= printed, sorted(keywords - printed)
    assert printed <= keywords, sorted(printed - keywords)


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


def test_every_dotted_name_resolves():
    names = {(page.name, m) for page in PAGES
             for m in re.findall(r"`(nlp_reports(?:\.\w+)+)", page.read_text("utf-8"))
             if not m.endswith(".NAME")}
    assert len(names) > 20
    assert not [n for n in sorted(names) if not _resolves(n[1])]


def test_the_summary_page_says_where_datawarning_comes_from():
    text = (DOCS / "summary.md").read_text("utf-8")
    found = re.search(r"from (nlp_reports[\w.]*) import\s+DataWarning", text)
    assert found, "docs/summary.md silences DataWarning without saying where it is imported from"
    assert hasattr(importlib.import_module(found.group(1)), "DataWarning")
