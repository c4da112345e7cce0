"""Many reports at once (语料库): the SQLite store, batch tagging, summaries, audit, exports.

>>> from nlp_reports.corpus import tag_paths, summarize, audit    # doctest: +SKIP
>>> tag_paths(["reports/"], "corpus.db", jobs=4).summary_line()   # doctest: +SKIP
>>> summarize("corpus.db", by=["year"]).to_html("summary.html")   # doctest: +SKIP

Names are imported lazily so importing the package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "Store": "nlp_reports.corpus.store",
    "StoredStatement": "nlp_reports.corpus.store",
    "tag_paths": "nlp_reports.corpus.batch",
    "BatchResult": "nlp_reports.corpus.batch",
    "Failure": "nlp_reports.corpus.batch",
    "summarize": "nlp_reports.corpus.summarize",
    "Summary": "nlp_reports.corpus.summarize",
    "audit": "nlp_reports.corpus.audit",
    "Audit": "nlp_reports.corpus.audit",
    "export": "nlp_reports.corpus.export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports.corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
