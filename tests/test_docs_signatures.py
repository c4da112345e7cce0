"""The Python signatures the docs print name every keyword the function takes.

docs/audit.md opens with the synopsis of ``nlp_reports.corpus.audit(...)``; it named neither
``deadlines`` (the ``--deadline`` of the command line above it) nor ``threshold``, so a reader
copying it could not pass a province's deadline. A keyword added later must join it.
"""

import inspect
import re
from pathlib import Path

from nlp_reports.corpus import audit

DOCS = Path(__file__).resolve().parents[1] / "docs"


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
