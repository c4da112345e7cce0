"""The data: small frozen dataclasses for one parsed report, and their versioned JSON form.

A :class:`Report` is what :func:`nlp_reports.load_report` returns. Everything in it is
plain data (str, int, float, None, tuples), so it pickles, compares and serialises simply.
``Report.to_dict()`` gives the JSON form documented in ``docs/schema.md``; its layout is
versioned by :data:`SCHEMA_VERSION` and ``Report.from_dict`` reads it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = "1.6"

#: The 2021 scheme's section numbers and their canonical titles (一 … 六).
SECTION_TITLES: dict[int, str] = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

Block = Literal["problem", "measure", "unknown"]
Outcome = Literal["pass", "fail", "not_assessable"]
Level = Literal["national", "province", "city", "county", "township", "street", "department"]


@dataclass(frozen=True)
class Metadata:
    """What the report says about itself (元数据).

    ``year`` is the year reported on (报告年度), not the year of publication.
    ``level`` is the administrative level of the agency: national / province / city /
    county / township / street / department (a 局/委/办 of any government).
    ``format`` is ``"2021"``, ``"2019"`` (试行) or ``"legacy"`` (2008–2018 free layouts).
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    # where ``year`` was read: title / text (the data period, an opening "2024年，") / dates
    # (published in Jan–Mar of the next year, the text speaking of 本年度) (docs/schema.md)
    year_from: str | None = None
    level: Level | None = None
    region: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    # where ``published`` was read: page / signature / signature_month / title_line /
    # title_month (docs/schema.md)
    published_from: str | None = None
    format: str | None = None
    source: str | None = None  # the path it was read from, when read from a file
    source_format: str | None = None  # txt / html / mhtml / docx / pdf; text: given as a str
    encoding: str | None = None
    traditional: bool = False  # the text was in traditional characters (converted to parse)
    # which report of a compilation (汇编, 年鉴) it is, 1..parts, read by load_reports; both
    # None for a file that is one report (docs/schema.md, *Compilations*)
    part: int | None = None
    parts: int | None = None


@dataclass(frozen=True)
class Section:
    """One numbered section, mapped onto the 2021 scheme's 1–6 (older headings included).

    ``title`` is the heading as written (without its number); ``text`` the body below it.
    """

    number: int
    title: str
    text: str


@dataclass(frozen=True)
class Statement:
    """One statement of section 五: an enumerated item or, in free prose, one sentence.

    ``block`` says which sub-block the layout puts it in: ``problem`` (存在的主要问题 …),
    ``measure`` (改进措施 / 下步打算 / 改进情况 …), or ``unknown`` when the layout does not say.
    ``marker`` is the enumeration as written (一是, (一), 1., ①) or None for prose sentences.
    """

    index: int
    text: str
    block: Block
    marker: str | None = None


@dataclass(frozen=True)
class Table:
    """One statistical table (or sub-table of 表二) read as numbers.

    ``values[r][c]`` is a float or None. None means the cell was blank, "/" , "-" or
    otherwise not a number: ``raw[r][c]`` keeps what was written ("" for blank), so a
    blank is never confused with 0. ``status`` is ``"ok"`` when every cell was read,
    ``"unreadable"`` when the table was found but could not be read completely (then
    ``values`` holds what was read and ``problem`` says why; checks treat it as not
    assessable). Ids of tables, rows and columns are listed in ``docs/schema.md``.
    """

    id: str
    title: str
    rows: tuple[str, ...]
    row_labels: tuple[str, ...]
    columns: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    raw: tuple[tuple[str, ...], ...]
    status: str = "ok"
    problem: str | None = None

    def get(self, row: str, column: str) -> float | None:
        """The value at (row id, column id), None when blank or non-numeric.

        Raises KeyError naming the valid ids when ``row`` or ``column`` is not one of this
        table's (``docs/schema.md`` lists them per table)."""
        try:  # (the checks and the store call this ~60 times a report: no lookup twice)
            return self.values[self.rows.index(row)][self.columns.index(column)]
        except ValueError:
            for what, key, ids in (("row", row, self.rows), ("column", column, self.columns)):
                if key not in ids:
                    raise KeyError(f"{self.id} has no {what} {key!r}; its {what}s are: "
                                   f"{', '.join(ids)}") from None
            raise

    def to_frame(self, labels: bool = False) -> Any:
        """The values as a pandas DataFrame (blank or non-numeric cells are NaN).

        Indexed by row ids and headed by column ids (``"1"``, ``"total"`` … as in
        ``docs/schema.md``, what :meth:`get` takes); ``labels=True`` uses the row and column
        labels as written in the report instead (行/列名称), for reading. pandas is
        imported here, so the data model itself does not need it.
        """
        import pandas as pd

        return pd.DataFrame(
            [[float("nan") if v is None else v for v in row] for row in self.values],
            index=pd.Index(self.row_labels if labels else self.rows, dtype=object),
            columns=pd.Index(self.column_labels if labels else self.columns, dtype=object),
            dtype=float)


@dataclass(frozen=True)
class Check:
    """The outcome of one accounting identity (勾稽关系) or consistency check.

    ``id`` is I1–I4, T1 or T2 (see ``docs/schema.md``, *checks*);
    ``outcome`` is pass / fail / not_assessable; ``expected`` is the value the identity
    demands and ``found`` the value written; ``table``/``row``/``column`` say where.
    ``zero_read`` names the operand cells written as a none-mark ("—", "——", "/", "无" …:
    null in ``Table.values``) that this check read as 0 ("row 3.1 column natural_person:
    '—'"); empty when none was (schema 1.6). Why: reports write "—" for none, and without
    it every identity over such a cell would go unchecked.
    """

    id: str
    outcome: Outcome
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: float | None = None
    found: float | None = None
    message: str = ""
    zero_read: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A non-fatal finding about the input: a missing section, an unreadable table …"""

    code: str
    message: str


@dataclass(frozen=True)
class Annex:
    """An annex (附件) appended under the signed and dated report: its title as written
    ("附件1：2024年政府信息公开情况统计表"; a bare "附件1" with the line below it) and where it
    stands in :attr:`Report.text` (``text[start:end]``). Why: the annex is no section's text,
    and researchers ask whether a report has one and what it is (schema 1.5)."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Report:
    """One parsed annual report (政府信息公开工作年度报告).

    ``annexes``: the annexes under the signature, in order (empty: none); None when read
    from JSON older than schema 1.5, which did not look for them."""

    metadata: Metadata
    sections: tuple[Section, ...] = ()
    statements: tuple[Statement, ...] = ()
    tables: tuple[Table, ...] = ()
    checks: tuple[Check, ...] = ()
    errors: tuple[Problem, ...] = ()
    annexes: tuple[Annex, ...] | None = ()
    text: str = field(default="", repr=False, compare=False)

    def section(self, number: int) -> Section | None:
        """The section numbered ``number`` (1–6), or None when the report lacks it."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def table(self, table_id: str) -> Table | None:
        """The table with id ``table_id`` (e.g. ``"table3"``), or None."""
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    @property
    def missing_sections(self) -> tuple[int, ...]:
        """Section numbers (1–6) the report does not have."""
        present = {s.number for s in self.sections}
        return tuple(n for n in SECTION_TITLES if n not in present)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, schema ``SCHEMA_VERSION`` (docs/schema.md)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "metadata": plain_dict(self.metadata),
            "sections": [plain_dict(s) for s in self.sections],
            "missing_sections": list(self.missing_sections),
            "statements": [plain_dict(s) for s in self.statements],
            "tables": {t.id: _table_dict(t) for t in self.tables},
            "checks": [_check_dict(c) for c in self.checks],
            "errors": [plain_dict(p) for p in self.errors],
            "annexes": (None if self.annexes is None
                        else [plain_dict(a) for a in self.annexes]),
        }

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as JSON text, Chinese kept as written (``json.dumps`` keywords pass on)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a Report from :meth:`to_dict` output (the full text is not kept there)."""
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            from nlp_reports.errors import DataError

            raise DataError(f"unsupported report schema version {version!r} (this nlp_reports "
                            f"reads {SCHEMA_VERSION.split('.')[0]}.x); re-parse the reports")
        tables = []
        for tid, t in data.get("tables", {}).items():
            tables.append(
                Table(
                    id=tid,
                    title=t["title"],
                    rows=tuple(t["rows"]),
                    row_labels=tuple(t["row_labels"]),
                    columns=tuple(t["columns"]),
                    column_labels=tuple(t["column_labels"]),
                    values=tuple(tuple(r) for r in t["values"]),
                    raw=tuple(tuple(r) for r in t["raw"]),
                    status=t.get("status", "ok"),
                    problem=t.get("problem"),
                )
            )
        return cls(
            metadata=Metadata(**data["metadata"]),
            sections=tuple(Section(**s) for s in data.get("sections", [])),
            statements=tuple(Statement(**s) for s in data.get("statements", [])),
            tables=tuple(tables),
            checks=tuple(_check_of(c) for c in data.get("checks", [])),
            errors=tuple(Problem(**p) for p in data.get("errors", [])),
            annexes=(None if data.get("annexes") is None
                     else tuple(Annex(**a) for a in data["annexes"])),
        )


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain_dict(obj: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict: a shallow, fast ``asdict`` (no deep copies)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {n: getattr(obj, n) for n in names}


def _check_dict(c: Check) -> dict[str, Any]:
    d = plain_dict(c)
    d["zero_read"] = list(c.zero_read)
    return d


def _check_of(d: dict[str, Any]) -> Check:
    """A Check from its JSON (before 1.6 without ``zero_read``: none read as 0)."""
    return Check(**{**d, "zero_read": tuple(d.get("zero_read") or ())})


def _table_dict(t: Table) -> dict[str, Any]:
    d = plain_dict(t)
    del d["id"]
    for key in ("rows", "row_labels", "columns", "column_labels"):
        d[key] = list(d[key])
    d["values"] = [list(r) for r in t.values]
    d["raw"] = [list(r) for r in t.raw]
    return d
