"""The parser: one report's bytes or path in, a :class:`~nlp_reports.report.Report` out.

:func:`load_report` (and :func:`load_reports`, every report of a compilation) live in :mod:`.load`, which imports the whole parser and compiles its
regexes (0.1–0.2 s); it is imported on first use, so that a caller needing one light part —
the heading table (:mod:`.headings`, read by the tokenizer), agency keys and tiers
(:mod:`.metadata`, read by the summary), table ids (:mod:`.layout`) — does not pay for all of
it. The modules: :mod:`.sections` (headings → sections), :mod:`.statements` (section 五 →
statements), :mod:`.tables` (the tables as numbers), :mod:`.checks` (勾稽关系),
:mod:`.metadata` (title, agency, year, level, dates), :mod:`.places` (the gazetteer of real
place names that fills a province or prefecture a name leaves unsaid).
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_report", "load_reports"]


def __getattr__(name: str) -> Any:
    if name in ("load_report", "load_reports"):
        from nlp_reports.parse import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
