"""Many reports at once (语料库): the SQLite store, batch tagging, summaries, audit, exports.

>>> from nlp_reports.corpus import tag_paths, summarize, audit    # doctest: +SKIP
>>> tag_paths(["reports/"], "corpus.db", jobs=4).summary_line()   # doctest: +SKIP
>>> summarize("corpus.db", by=["year"]).to_html("summary.html")   # doctest: +SKIP

The names load lazily on first access, so tagging (``tag_paths``) does not import the
summaries, the audit or the exports. ``summarize`` and ``audit`` are both a function and a
submodule: the package keeps the function bound under those names even when the submodule
is first imported directly (``from nlp_reports.corpus.summarize import …``), which would
otherwise rebind the name to the module. The submodules import pandas, scikit-learn and the
optional extras only inside the functions that need them.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    "Audit": "audit",
    "audit": "audit",
    "BatchResult": "batch",
    "Failure": "batch",
    "tag_paths": "batch",
    "export": "export",
    "panel": "panel",
    "Store": "store",
    "StoredStatement": "store",
    "Summary": "summarize",
    "summarize": "summarize",
}

__all__ = ["Audit", "BatchResult", "Failure", "Store", "StoredStatement", "Summary", "audit",
           "export", "panel", "summarize", "tag_paths"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports.corpus' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    setattr(sys.modules[__name__], name, value)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package's module type: a submodule named like its function (``summarize``,
    ``audit``, ``export``), once imported, binds the function, not the submodule."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
