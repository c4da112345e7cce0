"""The human-readable view of one parsed report (what ``nlp-reports parse`` prints)."""

from __future__ import annotations

from nlp_reports.report import SECTION_TITLES, Report

_NUMERALS = "一二三四五六"
_PREVIEW = 60
#: Where the checks are said in Chinese, with the cell to fix, and what ``parse`` cannot
#: see alone (blank cells, the deadline, last year's report): a clerk checking her own
#: report before publishing reads this line, not the ids.
_AUDIT_HINT = ("中文审查意见（逐项写明应改的单元格，另查未填报单元格、发布时限、与上年报告的比较）："
               "nlp-reports audit 本年报告文件 上年报告文件")


def _short(text: str, n: int = _PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def report_as_text(report: Report) -> str:
    """A plain-text summary: metadata, sections with sizes, statements, tables, checks, errors."""
    m = report.metadata
    out: list[str] = []
    out.append(f"== {m.title or m.source or '(untitled report)'}")
    for label, value in (
        ("source", m.source),
        *((("part", f"{m.part} of {m.parts} (a compilation)"),) if m.part else ()),
        ("agency", m.agency), ("year", m.year), ("level", m.level),
        ("region", m.region), ("published", m.published), ("format", m.format),
        ("read as", ", ".join(x for x in (m.source_format, m.encoding,
                                          "traditional" if m.traditional else None) if x)),
    ):
        out.append(f"  {label + ':':<11}{value if value not in (None, '') else '—'}")

    out.append("")
    out.append(f"sections ({len(report.sections)} of 6):")
    for s in report.sections:
        out.append(f"  {_NUMERALS[s.number - 1]}、{s.title}  [{len(s.text)} chars]")
    if report.missing_sections:
        missing = ", ".join(f"{_NUMERALS[n - 1]} {SECTION_TITLES[n]}"
                            for n in report.missing_sections)
        out.append(f"  missing: {missing}")

    out.append("")
    out.append(f"statements of section 五 ({len(report.statements)}):")
    for st in report.statements:
        marker = st.marker or "·"
        out.append(f"  {st.index + 1:>2}. [{st.block}] {marker} {_short(st.text)}")

    out.append("")
    out.append(f"tables ({len(report.tables)}):")
    for t in report.tables:
        blanks = sum(v is None for row in t.values for v in row)
        # an ok table's problem is a note (表二's set-aside 办结率 column): shown as well
        status = f"{t.status}: {t.problem}" if t.problem else t.status
        out.append(f"  {t.id:<9} {t.title}  {len(t.rows)}×{len(t.columns)}, "
                   f"{blanks} blank  [{status}]")

    out.append("")
    counts: dict[str, int] = {}
    for c in report.checks:
        counts[c.outcome] = counts.get(c.outcome, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    out.append(f"checks ({summary or 'none'}):")
    failed = [c for c in report.checks if c.outcome == "fail"]
    if failed:  # each with the audit's Chinese sentence: the cell by its printed name
        from nlp_reports.corpus.audit import findings_zh

        zh = findings_zh(report)
    for c, sentence in zip(failed, zh if failed else (), strict=True):
        where = "/".join(x for x in (c.table, c.row, c.column) if x)
        out.append(f"  FAIL {c.id} {where}: expected {_num(c.expected)}, "
                   f"found {_num(c.found)}  {c.message}".rstrip())
        out.append(f"       {sentence}")
    blank = any(v is None for t in report.tables for row in t.values for v in row)
    if blank or set(counts) - {"pass"}:
        out.append(f"  {_AUDIT_HINT}")

    if report.errors:
        out.append("")
        out.append(f"problems ({len(report.errors)}):")
        for p in report.errors:
            out.append(f"  {p.code}: {p.message}")
    return "\n".join(out)
