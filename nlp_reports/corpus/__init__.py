"""Many reports at once (语料库): the SQLite store, batch tagging, summaries, audit, exports.

>>> from nlp_reports.corpus import tag_paths, summarize, audit    # doctest: +SKIP
>>> tag_paths(["reports/"], "corpus.db", jobs=4).summary_line()   # doctest: +SKIP
>>> summarize("corpus.db", by=["year"]).to_html("summary.html")   # doctest: +SKIP

The names are bound here eagerly (``summarize`` and ``audit`` are both a function and a
submodule: binding the function after the submodule import keeps ``from nlp_reports.corpus
import summarize`` the function). The submodules import pandas, scikit-learn and the
optional extras only inside the functions that need them.
"""

from __future__ import annotations

from nlp_reports.corpus.audit import Audit, audit
from nlp_reports.corpus.batch import BatchResult, Failure, tag_paths
from nlp_reports.corpus.export import export
from nlp_reports.corpus.store import Store, StoredStatement
from nlp_reports.corpus.summarize import Summary, summarize

__all__ = ["Audit", "BatchResult", "Failure", "Store", "StoredStatement", "Summary", "audit",
           "export", "summarize", "tag_paths"]
