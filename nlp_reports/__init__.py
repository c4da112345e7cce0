"""nlp_reports: parse, classify and summarize government information-disclosure annual reports.

The public API (``__all__``) is imported lazily, so ``import nlp_reports`` and
``nlp-reports --help`` stay fast: jieba, scikit-learn and pandas load only when used.

>>> from nlp_reports import load_report, Tagger
>>> report = load_report("report.txt")            # doctest: +SKIP
>>> tagged = Tagger.load().tag(report)            # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from nlp_reports._version import __version__ as __version__

logging.getLogger("nlp_reports").addHandler(logging.NullHandler())

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_report": "nlp_reports.parse.load",
    "load_reports": "nlp_reports.parse.load",
    "Report": "nlp_reports.report",
    "Metadata": "nlp_reports.report",
    "Section": "nlp_reports.report",
    "Statement": "nlp_reports.report",
    "Table": "nlp_reports.report",
    "Check": "nlp_reports.report",
    "Problem": "nlp_reports.report",
    "SCHEMA_VERSION": "nlp_reports.report",
    "Tokenizer": "nlp_reports.tokenize",
    "Tagger": "nlp_reports.classify",
    "Prediction": "nlp_reports.classify",
    "train": "nlp_reports.classify",
    "evaluate": "nlp_reports.classify",
    "suggest": "nlp_reports.classify",
    "KeywordBaseline": "nlp_reports.classify",
    "Store": "nlp_reports.corpus",
    "tag_paths": "nlp_reports.corpus",
    "summarize": "nlp_reports.corpus",
    "audit": "nlp_reports.corpus",
    "export": "nlp_reports.corpus",
    "panel": "nlp_reports.corpus",
    "THEMES": "nlp_reports.taxonomy",
    "KINDS": "nlp_reports.taxonomy",
    "errors": "nlp_reports.errors",
}

__all__ = sorted(["__version__", *_EXPORTS])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp_reports' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if name == "errors" else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
