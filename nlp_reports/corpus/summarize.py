"""What a corpus says, in tables (语料汇总): themes, coverage, copying, table statistics, words.

:func:`summarize` reads a store (or reports you pass in) and returns a :class:`Summary`
of pandas DataFrames. Counts are of REPORTS (a report "states" a theme when at least one
of its statements of that kind carries it), so a long report does not weigh more than a
short one. Everything is vectorised (pandas / numpy / scipy sparse) so a store of 20,000
reports summarises in seconds; near-duplicate search is in :mod:`.copying`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
import numbers
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nlp_reports._gc import fewer_collections
from nlp_reports.corpus import aside
from nlp_reports.corpus.store import (
    CROSS_YEAR_CELLS,
    FIGURES,
    X1_COLUMNS,
    X2_ROWS,
    Store,
    open_store,
)
from nlp_reports.errors import UsageError
from nlp_reports.parse import places
from nlp_reports.parse.checks import CASE_MATTERS, CASE_OUTCOMES, MATTER_WORDS
from nlp_reports.parse.fees import none_at_all, none_named
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

log = logging.getLogger("nlp_reports")

#: ``format`` is the report's layout scheme (2021, 2019, older); ``source_format`` the kind of
#: file it was read from (txt, html, docx, pdf, mhtml).
GROUP_COLUMNS: tuple[str, ...] = ("year", "level", "region", "agency", "format",
                                  "source_format", "province", "prefecture", "folder", "tier")
#: The Chinese name of each group key, and the Chinese words a user may try for one.
GROUP_COLUMNS_ZH: dict[str, str] = {
    "year": "年度", "level": "层级", "region": "地区", "agency": "机关", "format": "报告格式",
    "source_format": "文件格式", "province": "省份", "prefecture": "地市", "folder": "文件夹",
    "tier": "行政层级"}
_GROUP_WORDS_ZH = {**{zh: key for key, zh in GROUP_COLUMNS_ZH.items()},
                   "年份": "year", "级别": "level", "单位": "agency", "省": "province"}


def _bad_group_message(given: Any) -> str:
    """The error for a ``by`` key that is none of :data:`GROUP_COLUMNS`, with each key's
    Chinese name and, for a Chinese word (by=["层级"]), the key meant."""
    meant = _GROUP_WORDS_ZH.get(str(given).strip())
    hint = f" (for {given} use {meant!r})" if meant else ""
    keys = ", ".join(f"{k} ({GROUP_COLUMNS_ZH[k]})" for k in GROUP_COLUMNS)
    return f"cannot group by {given!r}{hint}: choose among {keys}"


#: The group of the reports whose group key is not known (a str group column's value).
UNKNOWN_GROUP = "(unknown)"
#: The level ids a report's ``level`` holds (nlp_reports.parse.metadata.level_of), named in
#: Chinese for the office reading the outputs: a 区 is county level, as a 县 and a 县级市.
LEVEL_NAMES_ZH: dict[str, str] = {
    "national": "国家级", "province": "省级（省、自治区、直辖市）",
    "city": "市级（地级市、自治州、地区、盟）", "county": "县级（县、区、旗、县级市）",
    "township": "乡镇", "street": "街道", "department": "部门"}
#: The group of the reports of no level (a school, a hospital, a 事业单位 or an enterprise:
#: outside the hierarchy; or a name the parser could not place), said for what it is.
UNKNOWN_LEVEL = "(level not identified / 未识别层级)"
#: Group keys whose values have an order of their own, in which the grouped tables list
#: their groups (not as text: "2019", "2021", "legacy" would put the oldest layout last):
#: the layouts in the order they came into force (the 2007 条例's, the 2019 试行 format, the
#: 2021 format) and the levels from the top of the hierarchy down; a value not listed (the
#: unknown group) comes after them.
GROUP_ORDER: dict[str, tuple[str, ...]] = {
    "format": ("legacy", "2019", "2021"),
    "level": tuple(LEVEL_NAMES_ZH), "tier": tuple(LEVEL_NAMES_ZH)}
#: Group columns whose unknown group says what is not known (others: :data:`UNKNOWN_GROUP`).
UNKNOWN_GROUPS: dict[str, str] = {"level": UNKNOWN_LEVEL,
                                  "tier": "(tier not identified / 未识别行政层级)"}


def unknown_group(column: str) -> str:
    """The label of the group of reports whose ``column`` is not known: "(level not
    identified / 未识别层级)" for ``level``, "(unknown)" for most columns."""
    return UNKNOWN_GROUPS.get(str(column), UNKNOWN_GROUP)
#: Group keys derived from ``region`` (:func:`place_levels`) or the path
#: (:func:`top_folders`), not stored columns.
DERIVED_GROUPS: tuple[str, ...] = ("province", "prefecture", "folder", "tier")

#: One administrative unit at the head of a place name: a name of 2+ characters and its
#: unit word (longest first, so 自治州 wins over 州; the name part is as short as possible,
#: so 广州市 is 广州 + 市, not 广 + 州).
_UNIT = re.compile(r"(.{2,}?)(特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市|州|盟|县|旗|区|镇|乡)")
#: Province-level units: by their unit word, and the four municipalities (直辖市).
_PROVINCE_UNITS = ("省", "自治区", "特别行政区")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
#: Prefecture-level (地级) unit words: 市, 地区, 自治州 (or 州, as "文山州" abbreviates it), 盟.
_PREFECTURE_UNITS = ("市", "地区", "自治州", "州", "盟")


@functools.lru_cache(maxsize=65536)
def place_levels(region: str | None, year: int | None = None) -> tuple[str | None, str | None]:
    """``(province, prefecture)`` (省级, 地级) that a region's name states, None otherwise.

    The region (``reports.region``: the place names heading the agency's name) is read as a
    chain of units from its start: 青禾省云岭市东城区 → 青禾省 · 云岭市 · 东城区. The
    province is its first unit when that is a 省, 自治区, 特别行政区 or one of the four
    municipalities; the prefecture is the unit right after the province (or the first unit,
    without a province) when it is a 市, 地区, 自治州 / 州 or 盟 — never under a
    municipality, whose districts and counties are county-level. What the name leaves
    empty the gazetteer fills (:func:`nlp_reports.parse.places.fill_levels`, data/places.tsv):
    石家庄市 → 河北省; a county-level city (县级市) → its province and prefecture (昆山市 →
    江苏省 · 苏州市), never itself taken as a prefecture, and so does a county (鄂托克前旗);
    a province in short form (河北雄安新区, 中国证监会浙江监管局). A name stating another
    province wins; a district gets its city's (海淀区 → 北京市, 鹤城区 → 湖南省 · 怀化市); a
    name two places share (朝阳区, 鼓楼区), a town or a fictional place (云岭市东城区, 溪山县)
    gets nothing. A former name (莱芜市, 普兰店市, 永年县) is read as the report's ``year``
    had it (巢湖市 a prefecture until 2010), as today when the year is unknown. A customs
    district's whole name (杭州海关, 满洲里海关: :func:`nlp_reports.parse.places.customs_district`)
    gets the province and city it sits in (浙江省 · 杭州市, 内蒙古自治区 · 呼伦贝尔市); so
    does a zone named by a city's stem alone (苏州工业园区 → 江苏省 · 苏州市:
    :func:`nlp_reports.parse.places.zone_city`), and so a central agency's office in a city
    (国家金融监督管理总局绵阳监管分局 → 四川省 · 绵阳市:
    :func:`nlp_reports.parse.places.central_office_city`), and a national new area its province
    (贵安新区 → 贵州省).
    """
    if not region:
        return None, None
    customs = places.customs_district(region)
    if customs is not None:
        return customs.province, customs.prefecture
    office = places.central_office_city(region)
    if office is not None:  # 国家金融监督管理总局绵阳监管分局: the city its stem names
        return office
    units: list[tuple[str, str]] = []
    pos = 0
    while pos < len(region):
        m = _UNIT.match(region, pos)
        if m is None:
            break
        units.append((m.group(0), m.group(2)))
        pos = m.end()
    if not units:
        return places.fill_levels(region, None, None, year)
    province = None
    rest = units
    if units[0][1] in _PROVINCE_UNITS or units[0][0] in _MUNICIPALITIES:
        province, rest = units[0][0], units[1:]
        if province in _MUNICIPALITIES:
            return province, None
    prefecture = rest[0][0] if rest and rest[0][1] in _PREFECTURE_UNITS else None
    return places.fill_levels(region, province, prefecture, year)


KINDS_COUNTED: tuple[str, ...] = ("problem", "measure")
IDENTITY_CHECKS: tuple[str, ...] = ("I1", "I2", "I3", "I4")

#: Summary tables in the order they are printed, with a title for each.
TABLE_TITLES: dict[str, str] = {
    "overview": "Corpus overview",
    "prevalence": "Theme prevalence (reports stating each theme, by kind)",
    "trend": "Theme prevalence by year",
    "coverage": "Coverage: problems admitted that also get a measure on the same theme",
    "representatives": "Representative statements per theme and kind",
    "boilerplate": "Boilerplate shared across different agencies",
    "template_families": "Template families: reports of different agencies, one section 五",
    "copying": "Year-over-year copying within an agency",
    "copied_statements": "Statements copied from the agency's report of the year before",
    "cross_year": "Cross-year table identities X1, X2 (failures first)",
    "problem_changes": "Problems new, persisting, reappearing or gone year over year",
    "table_stats": "Statistics of the tables",
    "vocabulary": "Distinctive vocabulary per group (weighted log-odds, informative prior)",
}

#: A sentence under a table's Markdown heading, where its rows need one to be read right.
TABLE_NOTES: dict[str, str] = {
    "template_families": (
        "One row per report; the rows of one `family` are reports of different agencies, "
        "one year, whose section 五 is one template (套用同一模板), the central report first. "
        "`share_member`: the share of the report's statements that have a near-duplicate "
        "(cosine ≥ 0.8) in the central report or lie word for word inside it; "
        "`share_central`: the central report's, the other way. Both reach 0.8 in every "
        "member. `match`: exact, reworded or re-split (cut into statements differently)."),
}


@dataclass(frozen=True)
class Summary:
    """The corpus summary: one pandas DataFrame per aspect (see :data:`TABLE_TITLES`).

    ``by`` is the grouping used; ``tables`` maps a name to its DataFrame; attributes
    (``summary.prevalence`` …) read the same tables. ``notes``: what a reader must know to
    read the numbers right (several reports for one agency and year …), one sentence each.
    ``filters``: the reports chosen by ``years=`` / ``folders=`` (``--year``, ``--folder``),
    as "year 2024", "folder 云岭市"; empty when every report is counted. ``models``: the
    models whose predictions the counted reports carry (``reports.model_id``, the SHA-256
    of the model file; None when the store recorded none), each with its number of
    reports, most first — so two summaries of one corpus tagged by two models are told
    apart (标注模型). ``model_cards``: model id → what the store's ``models`` table says of
    it (:func:`model_cards_of`: name, created, training data …), for the models it knows.
    ``no_agency``: the counted reports that name no agency (机关不明), which ``overview``
    counts together as one agency ``(unknown)``; the HTML page's first line counts the
    named agencies and says these apart.
    """

    by: tuple[str, ...]
    tables: dict[str, Any] = field(repr=False)
    n_reports: int = 0
    n_statements: int = 0
    notes: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    models: tuple[tuple[str | None, int], ...] = ()
    model_cards: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    no_agency: int = 0

    def __getattr__(self, name: str) -> Any:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __dir__(self) -> list[str]:
        """The attributes and the table names, so ``summary.<Tab>`` offers ``prevalence`` …"""
        return sorted({*super().__dir__(), *self.__dict__.get("tables", {})})

    def _repr_html_(self) -> str:
        """What Jupyter shows for a summary: the counts, the notes and the list of tables
        (name, what it holds, its size), not the tables themselves — display one with
        ``summary.prevalence``."""
        from html import escape

        head = (f"<p><b>Corpus summary</b>: {self.n_reports} reports, {self.n_statements} "
                "statements" + (f"; grouped by {escape(', '.join(self.by))}" if self.by
                                else "")
                + (f"; only {escape(', '.join(self.filters))}" if self.filters else "")
                + "</p>" + (f"<p>{escape(models_line(self.models, self.model_cards))}</p>"
                            if self.models else ""))
        notes = ("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in self.notes) + "</ul>"
                 if self.notes else "")
        rows = "".join(
            f"<tr><td><code>summary.{escape(str(name))}</code></td>"
            f"<td>{escape(TABLE_TITLES.get(name, ''))}</td>"
            f"<td>{len(df)} × {df.shape[1]}</td></tr>" for name, df in self.tables.items())
        return (head + notes + "<table><thead><tr><th>table</th><th>what it holds</th>"
                f"<th>rows × columns</th></tr></thead><tbody>{rows}</tbody></table>")

    # --- output ----------------------------------------------------------------------

    def to_markdown(self, *, max_rows: int = 40) -> str:
        """Every table as GitHub Markdown (long tables cut at ``max_rows``)."""
        parts = [f"# Corpus summary\n\n{self.n_reports} reports, {self.n_statements} "
                 f"statements" + (f"; grouped by {', '.join(self.by)}" if self.by else "")
                 + (f"; only {', '.join(self.filters)}" if self.filters else "")]
        if self.models:
            parts.append(models_line(self.models, self.model_cards))
        if self.notes:
            parts.append("## Notes\n\n" + "\n".join(f"- {n}" for n in self.notes))
        for name, title in TABLE_TITLES.items():
            df = self.tables.get(name)
            if df is None:
                continue
            note = f"{TABLE_NOTES[name]}\n\n" if name in TABLE_NOTES else ""
            parts.append(f"## {title}\n\n{note}{markdown_table(df, max_rows=max_rows)}")
        return "\n\n".join(parts) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: {"by", "n_reports", "n_statements", "notes", "filters", "models":
        [{"model_id", "reports", "shipped_default"}], "tables": {name: [records]}}."""
        return {
            "by": list(self.by), "n_reports": self.n_reports, "n_statements": self.n_statements,
            "notes": list(self.notes), "filters": list(self.filters),
            "models": models_records(self.models, self.model_cards),
            "tables": {name: records(df) for name, df in self.tables.items()},
        }

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as JSON text; ``kwargs`` go to ``json.dumps``.

        Without ``kwargs`` each table is written by pandas' C encoder (floats to 15
        significant digits): on a big corpus the per-statement tables hold hundreds of
        thousands of records, which Python dicts and ``json.dumps`` take seconds to write.
        """
        if kwargs:
            kwargs.setdefault("ensure_ascii", False)
            return json.dumps(self.to_dict(), **kwargs)
        return "".join(self.json_parts())

    def json_parts(self) -> Iterator[str]:
        """:meth:`to_json`'s text in pieces (the head, then one table at a time), to be
        written as they come: on 20,000 reports the text is 66 MB, and joining it before
        writing cost a second copy of it (and the time to make it)."""
        for pieces in self._json_pieces():
            yield "".join(p if isinstance(p, str) else str(p, "utf-8") for p in pieces)

    def json_bytes(self) -> Iterator[str | memoryview]:
        """:meth:`json_parts` with a big table's records as their UTF-8 bytes (the rest as
        text): what the command writes to a UTF-8 stdout, not decoding 66 MB on 20,000
        reports to encode it again."""
        for pieces in self._json_pieces():
            yield from pieces

    def _json_pieces(self) -> Iterator[tuple[str | memoryview, ...]]:
        head = json.dumps({"by": list(self.by), "n_reports": self.n_reports,
                           "n_statements": self.n_statements, "notes": list(self.notes),
                           "filters": list(self.filters),
                           "models": models_records(self.models, self.model_cards)}, ensure_ascii=False)
        yield (head[:-1] + ', "tables": {',)
        for i, (name, df) in enumerate(self.tables.items()):
            yield ((", " if i else "") + json.dumps(str(name), ensure_ascii=False) + ": ",)
            yield _table_json_parts(df)
        yield ("}}",)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write each table as ``<name>.csv`` (UTF-8 with BOM, opens in Excel) into a folder;
        flags (``cross_year.soft``) as 0/1, as every CSV the package writes."""
        from nlp_reports._replace import replaced
        from nlp_reports.corpus.export import flags_as_01, spreadsheet_safe

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables.items():
            path = out / f"{name}.csv"
            with replaced(path) as tmp:
                spreadsheet_safe(flags_as_01(df)).to_csv(tmp, index=False, encoding="utf-8-sig")
            written.append(path)
        return written

    def to_html(self, path: str | os.PathLike[str] | None = None, *,
                csv_dir: str | os.PathLike[str] | None = None) -> str:
        """A self-contained HTML report with inline SVG charts; written to ``path`` if given.

        ``csv_dir``: where :meth:`to_csv` wrote this summary's tables, so that a table the
        page cuts names its CSV file (else the page says how to get every row)."""
        from nlp_reports.corpus.html_report import summary_html, write_page

        html = summary_html(self, csv_dir=csv_dir)
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)  # as export does
            write_page(path, html)  # whole or not at all
        return html


@functools.lru_cache(maxsize=1)
def shipped_model_id() -> str | None:
    """The model id (SHA-256 of model.joblib, as recorded beside it) of the shipped default
    model, or None when it is not installed: its checksum file read where
    :func:`nlp_reports.classify.modelcard.shipped_models_roots` looks (the package's
    ``models``, then the checkout's), by the rule of ``modelcard.recorded_checksum`` —
    nothing unpickled, and not the classify package (30 ms of imports) for one line."""
    from importlib import resources

    import nlp_reports

    roots = [Path(nlp_reports.__file__).resolve().parents[1] / "models"]
    try:
        roots.insert(0, Path(str(resources.files("nlp_reports") / "models")))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):
        pass
    for root in roots:
        model = root / "default"
        if not (model / "model.joblib").is_file():
            continue
        try:
            sha = model / "model.joblib.sha256"
            if sha.is_file():
                words = sha.read_text("ascii", errors="replace").split()
                return words[0].lower() if words else None
            card = json.loads((model / "meta.json").read_text("utf-8"))
            value = card.get("model_sha256") or card.get("sha256")
            return str(value).lower() if value else None
        except (OSError, ValueError, AttributeError):
            return None
    return None


def models_of(reports: Any) -> tuple[tuple[str | None, int], ...]:
    """(model id, reports) for each model whose predictions ``reports`` carry, most first
    (ties by id); a report with no recorded model (``model_id`` NULL) counts under None."""
    if "model_id" not in reports or not len(reports):
        return ()
    ids = reports["model_id"].astype(object).where(reports["model_id"].notna(), "")
    counts = ids.value_counts()
    pairs = sorted(((str(m) or None, int(n)) for m, n in counts.items()),
                   key=lambda mn: (-mn[1], mn[0] or ""))
    return tuple(pairs)


#: What the summary repeats of a store's ``models`` row (:meth:`Store.models`).
MODEL_CARD_KEYS: tuple[str, ...] = ("name", "path", "created", "training_data_sha256",
                                    "sklearn_version", "provenance")


def model_cards_of(models: Any) -> dict[str, dict[str, Any]]:
    """model id → :data:`MODEL_CARD_KEYS` of its row in ``models`` (a :meth:`Store.models`
    DataFrame; None: empty), missing values None."""
    if models is None or not len(models):
        return {}
    out = {}
    for row in models.to_dict("records"):
        out[str(row["model_id"])] = {k: (None if row.get(k) is None or row.get(k) != row.get(k)
                                         else row.get(k)) for k in MODEL_CARD_KEYS}
    return out


def _card_of(cards: dict[str, dict[str, Any]] | None, m: str | None) -> dict[str, Any]:
    """The card of model ``m`` when the store knows more of it than its id, else {}."""
    card = (cards or {}).get(m or "") or {}
    return card if card.get("provenance") not in (None, "unknown") else {}


def models_records(models: Sequence[tuple[str | None, int]],
                   cards: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The JSON ``models`` key: {"model_id" (full, or null), "reports", "shipped_default"},
    and, for a model the store's ``models`` table knows (``cards``: :func:`model_cards_of`),
    its ``name``, ``created``, ``training_data_sha256``, ``sklearn_version``, ``path`` and
    ``provenance``."""
    shipped = shipped_model_id() if models else None
    out = []
    for m, n in models:
        record: dict[str, Any] = {"model_id": m, "reports": n,
                                  "shipped_default": m is not None and m == shipped}
        record.update(_card_of(cards, m))
        out.append(record)
    return out


def models_line(models: Sequence[tuple[str | None, int]],
                cards: dict[str, dict[str, Any]] | None = None) -> str:
    """The headline naming the model(s) that tagged the counted reports, in English and
    Chinese: "Tagged with model default (fde104068ade, created 2026-11-28; 43 reports; the
    shipped default model) / 标注模型：default（fde104068ade，2026-11-28训练；43份报告，随附的
    默认模型）" — the name and date from the store's ``models`` table (``cards``:
    :func:`model_cards_of`), the id alone for a model it does not know. Ids cut to 12
    characters, as the note on several models and ``tag``'s messages cut them."""
    shipped = shipped_model_id()

    def en(m: str | None, n: int) -> str:
        name = m[:12] if m else "(no model recorded)"
        own = "; the shipped default model" if m is not None and m == shipped else ""
        card = _card_of(cards, m)
        if card.get("name"):
            date = str(card.get("created") or "")[:10]
            name = f"{card['name']} ({name}" + (f", created {date}" if date else "") + ";"
            return f"{name} {n} report{'s' if n != 1 else ''}{own})"
        return f"{name} ({n} report{'s' if n != 1 else ''}{own})"

    def zh(m: str | None, n: int) -> str:
        name = m[:12] if m else "（未记录模型）"
        own = "，随附的默认模型" if m is not None and m == shipped else ""
        card = _card_of(cards, m)
        if card.get("name"):
            date = str(card.get("created") or "")[:10]
            return f"{card['name']}（{name}" + (f"，{date}训练" if date else "") + f"；{n}份报告{own}）"
        return f"{name}（{n}份报告{own}）"

    if len(models) == 1:
        return f"Tagged with model {en(*models[0])} / 标注模型：{zh(*models[0])}"
    return (f"Tagged with {len(models)} models: {', '.join(en(*mn) for mn in models)} — their "
            f"kinds and themes are not comparable (see the notes) / 标注模型{len(models)}个："
            + "；".join(zh(*mn) for mn in models) + "——不同模型的类型和主题判断不可比（见说明）")


def _table_json(df: Any) -> str:
    """One table as a JSON array of records, by pandas' C encoder where it can (the same
    text as ``json.dumps(records(df))`` but for float digits: 15 significant ones)."""
    return "".join(p if isinstance(p, str) else str(p, "utf-8") for p in _table_json_parts(df))


def _table_json_parts(df: Any) -> tuple[str | memoryview, ...]:
    """:func:`_table_json`'s text in pieces: a big table's records as UTF-8 bytes, made by
    :func:`nlp_reports.corpus.json_table.records_json` (pandas' own text for each cell)."""
    from nlp_reports.corpus.json_table import pandas_kinds, records_json

    try:
        if not df.columns.is_unique or len(df) == 0:
            raise ValueError("not for pandas' encoder")
        kinds = pandas_kinds(df)
        fast = records_json(df, kinds)
        if fast is not None:
            return ("[", fast, "]")
        return ((df.astype(kinds) if kinds else df).rename(columns=str).to_json(
            orient="records", force_ascii=False, double_precision=15),)
    except (ValueError, TypeError, OverflowError):
        return (json.dumps(records(df), ensure_ascii=False),)


def records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as dicts with JSON-safe values (NaN → None, numpy → Python).

    Column by column (numpy does the conversion; only odd cells go through :func:`_plain`):
    the per-statement tables hold hundreds of thousands of cells on a big corpus.
    """
    names = [str(c) for c in df.columns]
    if not len(df):
        return []
    columns = [_plain_column(df.iloc[:, j]) for j in range(df.shape[1])]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _plain_column(col: Any) -> list[Any]:
    """One column as a list of JSON-safe Python values (see :func:`records`)."""
    kind = col.dtype.kind
    if kind in "iub" and isinstance(col.dtype, np.dtype):
        return col.tolist()  # numpy ints and bools → Python ints and bools, no NaN possible
    if kind == "f" and isinstance(col.dtype, np.dtype):
        arr = col.to_numpy()
        out = arr.astype(object)
        out[np.isnan(arr)] = None
        return out.tolist()
    return [v if type(v) is str else _plain(v) for v in col.tolist()]


def _plain(v: Any) -> Any:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def markdown_table(df: Any, *, max_rows: int = 40) -> str:
    """A DataFrame as a Markdown table (no third-party formatter needed)."""
    if df is None or len(df) == 0:
        return "_(none)_"
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    blank = [unknown_group(c) if c in GROUP_COLUMNS else "" for c in cols]
    for row in df.head(max_rows).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) or b
                                       for v, b in zip(row, blank, strict=True)) + " |")
    if len(df) > max_rows:
        lines.append(f"\n_… {len(df) - max_rows} more rows (see --csv or --format json; in "
                     "Python, the summary's DataFrames)_")
    return "\n".join(lines)


def _cell(v: Any) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}" if not v.is_integer() else f"{int(v)}"
    text = str(v).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 80 else text[:79] + "…"


# --- loading ------------------------------------------------------------------------------

@dataclass
class Frames:
    """What the summary reads from a store, as DataFrames.

    ``reports``: one row per report with metadata, the table figures
    (:data:`~nlp_reports.corpus.store.FIGURES`) and ``cross_year_cells``; ``statements``:
    report_id, idx, text, kind, theme_mask; ``checks``: failed checks only; ``words``:
    the words of a per-group sample of the reports, for vocabulary, as :class:`WordBags`
    (word ids and counts, not text), or None; ``files``: the store's
    files counted by status and reason (status, reason, n) or None.
    """

    reports: Any
    statements: Any
    checks: Any
    words: Any = None
    files: Any = None
    agency_map: dict[str, str] | None = None
    models: Any = None  #: :meth:`Store.models` (name, date … of each model id), or None
    #: (statements, its texts' :class:`~nlp_reports.corpus.copying.NearDuplicateIndex`) when
    #: built while loading (:func:`load_frames` ``with_index``); used only with that very
    #: ``statements`` object (:func:`_index_of`)
    index: Any = None


@dataclass(frozen=True)
class WordBags:
    """The sampled reports' vocabulary words (``reports.words``) as counts of word ids (词袋),
    for the distinctive vocabulary: one row per report that has words, its distinct words'
    ids in their order of first use in its text, with their counts. The words' text is not
    held (by agency, every report is sampled: 131 MB of Python strings on 20,000 reports,
    read and coded :data:`WORD_CHUNK` reports at a time into arrays about a third of it).
    ``ids`` (int64) and ``segmented`` (bool: segmented at summary time, :func:`_segment_missing`)
    per row; ``indptr``, ``indices`` and ``counts`` the rows as in a CSR matrix (indices in
    order of first use, not sorted); ``vocab`` the word of each id."""

    ids: Any
    segmented: Any
    indptr: Any
    indices: Any
    counts: Any
    vocab: Any

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_texts(cls, ids: Sequence[int], texts: Sequence[Any],
                   segmented: Sequence[bool] | None = None) -> WordBags:
        """The bags of space-separated ``texts`` (str or UTF-8 bytes; None or NaN: no
        words, no row)."""
        return cls.from_chunks([(ids, texts, segmented)])

    @classmethod
    def from_chunks(cls, chunks: Iterable[tuple[Sequence[int], Sequence[Any],
                                                Sequence[bool] | None]]) -> WordBags:
        """The bags of chunks of (ids, texts, segmented), coded with one vocabulary (its
        ids in order of first use over the chunks: :func:`word_code_chunks`), each chunk's
        texts dropped once coded."""
        import pandas as pd

        vocab: list[str] = []
        parts: list[tuple[Any, Any, Any, Any, Any]] = []
        for ids, texts, segmented in chunks:
            texts = list(texts)
            seg = (np.zeros(len(texts), dtype=bool) if segmented is None
                   else np.asarray(segmented, dtype=bool))
            has = np.array([isinstance(t, (str, bytes)) for t in texts], dtype=bool)
            kept = [t for t, h in zip(texts, has, strict=True) if h]
            del texts
            ids = np.asarray(ids, dtype=np.int64)[has]
            seg = seg[has]
            done = 0
            for lengths, codes in word_code_chunks(kept, vocab, BAG_PASS):
                rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
                width = max(len(vocab), 1)
                # each row's distinct words in their order of first use (factorize keeps it)
                label, pairs = pd.factorize(rows * width + codes)
                pairs = np.asarray(pairs, dtype=np.int64)
                lens = np.bincount(pairs // width, minlength=len(lengths))
                parts.append((ids[done:done + len(lengths)], seg[done:done + len(lengths)],
                              lens, (pairs % width).astype(np.int32),
                              np.bincount(label, minlength=len(pairs)).astype(np.int32)))
                done += len(lengths)
        if not parts:
            return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool),
                       np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32),
                       np.zeros(0, dtype=np.int32), np.array(vocab, dtype=object))
        lens = np.concatenate([p[2] for p in parts])
        return cls(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                   np.r_[0, np.cumsum(lens)].astype(np.int64),
                   np.concatenate([p[3] for p in parts]), np.concatenate([p[4] for p in parts]),
                   np.array(vocab, dtype=object))

    def take(self, rows: Any) -> tuple[Any, Any, Any]:
        """The rows ``rows`` (positions, in that order) as (indptr, indices, counts)."""
        rows = np.asarray(rows, dtype=np.int64)
        starts = self.indptr[rows]
        lens = self.indptr[rows + 1] - starts
        pos = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        return np.r_[0, np.cumsum(lens)].astype(np.int64), self.indices[pos], self.counts[pos]

    def select(self, keep: Any) -> WordBags:
        """The rows of the reports whose id is in ``keep``."""
        rows = np.flatnonzero(np.isin(self.ids, np.fromiter(keep, dtype=np.int64)))
        indptr, indices, counts = self.take(rows)
        return WordBags(self.ids[rows], self.segmented[rows], indptr, indices, counts,
                        self.vocab)


def load_frames(store: Store, *, word_groups: Sequence[str] = (), word_sample: int = 0,
                agency_map: dict[str, str] | None = None, with_index: bool = False) -> Frames:
    """Read what the summary needs from a store (SQL does the filtering and sampling).

    ``agency_map`` (old name → new name, resolved: :func:`resolve_agency_map`) puts the
    renamed reports under the new name before anything is computed (the name as written
    is kept in ``agency_as_written``). ``with_index``: on a big corpus, the near-duplicate
    index of the statements' texts is built meanwhile in a forked process (``Frames.index``),
    if it can be."""
    numeric = [*FIGURES, *CROSS_YEAR_CELLS]
    reports = store.query(
        "SELECT id, path, agency, year, level, region, format, source_format, published, "
        "n_sections, "
        f"n_statements, missing_sections, model_id, {', '.join(numeric)}, "
        "words IS NOT NULL AS has_words FROM reports ORDER BY id")
    statements = _statement_rows(store)
    ahead = aside.start(_text_index, statements,
                        worth_it=with_index and len(statements) >= ASIDE_STATEMENTS)
    try:
        frames = _load_frames(store, reports, statements, numeric, word_groups, word_sample,
                              agency_map)
        if ahead.forked:  # (built meanwhile, in a forked process)
            frames.index = (statements, ahead.result())
    finally:
        ahead.close()
    return frames


def _text_index(statements: Any) -> Any:
    """The near-duplicate index of the statements' texts (built in a forked process while
    the rest is read: :func:`load_frames`)."""
    from nlp_reports.corpus import copying

    return copying.NearDuplicateIndex.build(statements["text"].tolist())


def _index_of(frames: Frames) -> Any:
    """The near-duplicate index of ``frames.statements``' texts: the one built while
    loading if it is of these very statements, else built now."""
    from nlp_reports.corpus import copying

    if frames.index is not None and frames.index[0] is frames.statements:
        return frames.index[1]
    return copying.NearDuplicateIndex.build(frames.statements["text"].tolist())


def _load_frames(store: Store, reports: Any, statements: Any, numeric: list[str],
                 word_groups: Sequence[str], word_sample: int,
                 agency_map: dict[str, str] | None) -> Frames:
    """:func:`load_frames` once ``reports`` and ``statements`` are read."""
    has_words = reports.pop("has_words").astype(bool).to_numpy()
    keys = list(dict.fromkeys(g for g in word_groups if g in GROUP_COLUMNS))
    # the sample as the stored values give it (before any renaming), from this one read of
    # the reports: a window query of its own read the table (192 MB on 20,000) again
    stored_keys = [reports[g].tolist() if g in reports else None for g in keys]
    for c in numeric:
        reports[c] = reports[c].astype(float)
    # the tables read in part, in one pass (was one per table and one for the counts)
    unread = store.unreadable_tables()
    partial = partly_read(unread, {t for t, _, _ in CROSS_YEAR_CELLS.values()})
    for name, (table_id, _, _) in CROSS_YEAR_CELLS.items():
        # a table read only in part is not assessable, here as in the report's own checks
        reports.loc[reports["id"].isin(partial[table_id]), name] = np.nan
    reports["table3_partial"] = reports["id"].isin(partial["table3"])  # (cross_year's reason)
    # only reports without a figure of 表三/表四 can be in with_tables by their checks alone
    bare = reports[["received", "outcomes_total", "review", "litigation"]].isna().all(axis=1)
    reports["identities_checked"] = reports["id"].isin(
        identities_checked(store, reports.loc[bare, "id"].tolist()))
    counts = unread.groupby("report_id").size()
    reports["n_unreadable"] = reports["id"].map(
        dict(zip(counts.index.astype(int), counts.astype(int), strict=True))).fillna(0).astype(int)
    add_narrative_figures(store, reports)  # (the text's figures where no table gave one)
    if agency_map is not None:
        apply_agency_map(reports, agency_map)
    add_place_levels(reports)
    # (the title's year disagrees with the data period: its year may be another report's)
    conflicts = store.query("SELECT DISTINCT report_id FROM problems WHERE code = 'year_conflict'")
    reports["year_conflict"] = reports["id"].isin(conflicts["report_id"])
    reports["folder"] = top_folders(reports["path"].tolist())
    reports["tier"] = add_tiers(reports)
    checks = store.failed_checks()
    words = None
    # renamed, or written several ways (grouped by agency_names): sampled in pandas
    derived = set(DERIVED_GROUPS) | ({"agency"} if agency_map else set())
    if "agency" in keys and agency_names(reports):
        derived.add("agency")
    if keys and word_sample > 0:
        has_words = _samplable(has_words)  # (the segmenter loaded only if it may be needed)
    if keys and word_sample > 0 and not set(keys) & derived:
        # the sample's ids first, then their words: a window over the words themselves
        # sorted every report's words (60 MB on 20,000 reports: 0.35 s, now 0.08)
        ids = first_of_groups(stored_keys, reports["id"].tolist(), has_words, int(word_sample))
        words = _word_bags(store, ids)
    elif keys and word_sample > 0:  # a derived key is not in SQL: the same sample, in pandas
        words = _first_words(store, reports, has_words, keys, word_sample)
    files = store.query("SELECT status, reason, count(*) AS n FROM files "
                        "GROUP BY status, reason ORDER BY status, n DESC, reason")
    return Frames(reports, statements, checks, words, files, agency_map,
                  store.models(counts=False))  # (the reports counted are in ``reports``)


_STATEMENT_ROWS = ("SELECT report_id, idx, text, kind, theme_mask FROM statements "
                   "ORDER BY report_id, idx")


def _statement_rows(store: Store) -> Any:
    """Every statement's report_id, idx, text, kind and theme_mask, as :meth:`Store.query`
    returns them (int64, int64, object, object, int64), typed column by column from one
    2-D array of the rows: the generic reader's transpose of 141,000 row tuples into
    columns cost 0.08 s on 20,000 reports. A store whose values are not of those types
    (or no statement) is read by :meth:`Store.query`."""
    import sqlite3

    import pandas as pd

    try:
        rows = store.connection.execute(_STATEMENT_ROWS).fetchall()
    except sqlite3.DatabaseError:
        rows = []  # (the generic reader says what is wrong with the store)
    if not rows:
        return store.query(_STATEMENT_ROWS)
    cells = np.array(rows, dtype=object)
    del rows
    if cells.ndim != 2 or cells.shape[1] != 5:
        return store.query(_STATEMENT_ROWS)
    columns = {}
    for j, name in enumerate(("report_id", "idx", "text", "kind", "theme_mask")):
        col = cells[:, j]
        kinds = set(map(type, col))
        if name in ("text", "kind"):
            if not kinds <= {str, type(None)}:
                return store.query(_STATEMENT_ROWS)
            columns[name] = pd.Series(col, dtype=object)
        elif kinds == {int}:
            columns[name] = col.astype(np.int64)
        else:
            return store.query(_STATEMENT_ROWS)
    return pd.DataFrame(columns)


def _sql_order(value: Any) -> tuple[Any, ...]:
    """SQLite's order of a value (NULL, then numbers, then text by its UTF-8 bytes, which
    is the order of its code points), as a sort key."""
    if value is None or (isinstance(value, float) and value != value):
        return (0,)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, value)


def first_of_groups(keys: Sequence[Sequence[Any]], ids: Sequence[int],
                    keep: Sequence[bool], n: int) -> list[int]:
    """The ids of the first ``n`` reports (by id) of each group of equal ``keys`` values
    (one sequence per key, aligned with ``ids``) among those ``keep`` marks, in the order
    of SQLite's ``ROW_NUMBER() OVER (PARTITION BY keys ORDER BY id) <= n``: by group (its
    values in SQLite's order), then id."""
    rows = sorted((tuple(_sql_order(k[i]) for k in keys), rid)
                  for i, rid in enumerate(ids) if keep[i])
    out: list[int] = []
    last: Any = object()
    rank = 0
    for group, rid in rows:
        rank = rank + 1 if group == last else 1
        last = group
        if rank <= n:
            out.append(rid)
    return out


def _samplable(has_words: Any) -> Any:
    """Which reports the vocabulary may sample: those with stored words, or every report
    when some have none (``tag --no-words``, a mixed or older store) and a segmentation
    engine is installed to segment theirs (:func:`_segment_missing`) — the sample a store
    with every report's words gives."""
    if has_words.all():
        return has_words
    from nlp_reports.corpus.worker import vocabulary_tokenizer

    return np.ones_like(has_words) if vocabulary_tokenizer() is not None else has_words


def _word_bags(store: Store, ids: Sequence[int]) -> WordBags:
    """The words of the reports ``ids`` as :class:`WordBags` (rows in the order of ``ids``;
    a report the store holds no words for segmented now: :func:`_segment_missing`), read
    :data:`WORD_CHUNK` reports at a time as UTF-8 bytes (``CAST(words AS BLOB)``: no Python
    string made of them) and coded as they come: the words' text of one chunk is held at
    once, not of the whole sample (by agency, every report: 131 MB of str on 20,000)."""
    def chunks() -> Iterator[tuple[Any, list[Any], Any]]:
        for start in range(0, len(ids), WORD_CHUNK):
            chunk = list(ids[start:start + WORD_CHUNK])
            got = store.query_in("SELECT id, CAST(words AS BLOB) AS words FROM reports "
                                 "WHERE id IN ({ids})", chunk)
            got = dict(zip(got["id"].tolist(), got["words"].tolist(), strict=True))
            rows = [rid for rid in chunk if rid in got]
            segmented = np.zeros(len(rows), dtype=bool)
            missing = [rid for rid in rows if got[rid] is None]
            if missing:
                made = _segment_missing(store, missing)
                got.update(made)
                segmented = np.array([rid in made for rid in rows], dtype=bool)
            yield np.asarray(rows, dtype=np.int64), [got[rid] for rid in rows], segmented
            del got

    return WordBags.from_chunks(chunks())


def _segment_missing(store: Store, ids: Sequence[int]) -> dict[int, str]:
    """The vocabulary words of the reports ``ids``, which the store does not hold (分词于汇总时),
    segmented from its rows as tagging would have (:func:`~nlp_reports.corpus.worker.texts_words`:
    section 一's text, the statements less their markers, the same tokenizer), so the table
    is the one a store tagged with words gives. Read-only: nothing is written back. Empty
    when no segmentation engine is installed (the reports are then left out, as before)."""
    import sqlite3

    from nlp_reports.corpus.worker import texts_words, vocabulary_tokenizer

    tokenize = vocabulary_tokenizer()
    if tokenize is None or not ids:
        return {}
    section_one: dict[int, list[str]] = {i: [] for i in ids}
    statements: dict[int, list[str]] = {i: [] for i in ids}
    traditional: set[int] = set()  # (繁体: segmented in simplified characters, as tagging does)
    try:
        for i in range(0, len(ids), 900):
            chunk = list(ids[i:i + 900])
            marks = ",".join("?" * len(chunk))
            traditional.update(rid for rid, in store.connection.execute(
                f"SELECT id FROM reports WHERE traditional AND id IN ({marks})", chunk))
            for rid, text in store.connection.execute(
                    f"SELECT report_id, text FROM sections WHERE number = 1 AND report_id IN "
                    f"({marks}) ORDER BY report_id, position", chunk):
                section_one[rid].append(text or "")
            for rid, text in store.connection.execute(
                    f"SELECT report_id, text FROM statements WHERE report_id IN ({marks}) "
                    "ORDER BY report_id, idx", chunk):
                statements[rid].append(text or "")
    except sqlite3.DatabaseError as exc:  # (a store without these tables: no words, as before)
        log.warning("vocabulary: the words of %d reports could not be segmented: %s",
                    len(ids), exc)
        return {}
    return {rid: " ".join(texts_words(section_one[rid], statements[rid], tokenize,
                                      traditional=rid in traditional))
            for rid in ids}


def segmented_note(words: Any, reports: Any) -> list[str]:
    """Says how many of the reports the vocabulary read had their words segmented at
    summary time (the store holds none for them: ``tag --no-words``, an older store)."""
    if words is None or not isinstance(words, WordBags) or not len(words):
        return []
    used = np.isin(words.ids, reports["id"].to_numpy(dtype=np.int64))
    n = int(words.segmented[used].sum())
    n_used = int(used.sum())
    if not n:
        return []
    return [f"vocabulary: the words of {n} of the {n_used} reports it read were segmented "
            "at summary time (the store holds none for them: tagged with --no-words, or by an "
            "older version), with the tokenizer tagging uses, so the table is the same / "
            f"词汇表所读{n_used}份报告中{n}份的分词在汇总时完成（入库时未分词，如 tag "
            "--no-words），分词方式与入库时相同，结果一致"]


def identities_checked(store: Store, report_ids: Sequence[int]) -> set[int]:
    """Those of ``report_ids`` with at least one within-report identity I1–I4 assessed
    (``pass`` or ``fail``): the denominator of ``share_failing_I1_I4``. A 表三 whose 总计
    column is left blank has no table figure, yet its identities are checked per applicant
    column. (Asked only for the reports without a figure: reading every report's checks
    cost 0.2 s on 20,000 reports.)"""
    ids = [f"I{i}" for i in range(1, 5)]
    compact = store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                          "name = 'report_checks'")
    if compact.empty:  # a store of schema 1 or 2: checks is a table
        sql = ("SELECT DISTINCT report_id FROM checks WHERE id IN ('I1','I2','I3','I4') AND "
               "outcome IN ('pass', 'fail') AND report_id IN ({})")
    else:  # the arrays are compact JSON: ["I1","pass",…] (instr stops at the first)
        found = " OR ".join(f"instr(checks, '[\"{i}\",\"{o}\"')" for i in ids
                            for o in ("pass", "fail"))
        sql = f"SELECT report_id FROM report_checks WHERE ({found}) AND report_id IN ({{}})"
    out: set[int] = set()
    for i in range(0, len(report_ids), 900):
        chunk = list(report_ids[i:i + 900])
        out.update(store.query(sql.format(",".join("?" * len(chunk))), chunk)["report_id"])
    return out


def unreadable_tables(store: Store, table_id: str) -> set[int]:
    """Ids of the reports whose (first) table ``table_id`` was read only in part (status
    ``unreadable``): its cells are no operand of a cross-year identity (``x1_*``, ``x2_*``
    in ``reports`` are stored from what was read), as they are none of a report's checks
    or table figures."""
    return partly_read(store.unreadable_tables(), [table_id])[table_id]


def partly_read(unread: Any, table_ids: Iterable[str]) -> dict[str, set[int]]:
    """Table id → ids of the reports whose first table of that id was read only in part,
    from :meth:`Store.unreadable_tables` (``unread``): one read of the store serves every
    table id."""
    first = unread.loc[unread["first"].astype(bool)]
    return {t: set(first.loc[first["table_id"] == t, "report_id"].tolist()) for t in table_ids}


def top_folders(paths: Sequence[str | None]) -> Any:
    """The first folder of each path below the folder all paths share (文件夹分组): how a
    researcher's collection is sorted (青禾省/云岭市/2023/…) when the report itself does not
    say it. A file right in that shared folder gets ``"(top)"``; no path, None.

    >>> top_folders(["/c/青禾省/a.txt", "/c/青禾省/2023/b.txt", "/c/云岭市/c.txt", "/c/d.txt"])
    array(['青禾省', '青禾省', '云岭市', '(top)'], dtype=object)
    """
    folders = [os.path.dirname(p) if isinstance(p, str) and p else None for p in paths]
    known = {f for f in folders if f is not None}  # (each folder once: commonpath splits each)
    try:
        root = os.path.commonpath(known) if known else ""
    except ValueError:  # relative and absolute paths mixed (a store written by hand)
        root = ""
    first_of: dict[str, str] = {}  # per folder: most files share theirs
    out = []
    for folder in folders:
        if folder is None:
            out.append(None)
            continue
        first = first_of.get(folder)
        if first is None:
            rel = os.path.relpath(folder, root) if root else folder
            first = rel.split(os.sep, 1)[0]
            first = first_of[folder] = "(top)" if first in ("", ".") else first
        out.append(first)
    return np.array(out, dtype=object)


def add_tiers(reports: Any) -> Any:
    """The ``tier`` of each report's agency (行政层级: a department at the tier of the
    government its region names in the report's year: :func:`nlp_reports.parse.metadata.
    tier_of`), as an array."""
    from nlp_reports.parse.metadata import tier_of

    def text(v: Any) -> str | None:
        return v if isinstance(v, str) else None

    agency = reports["agency"] if "agency" in reports else [None] * len(reports)
    years = map(_year_or_none, reports["year"] if "year" in reports else [None] * len(reports))
    pairs = list(zip(map(text, reports["level"]), map(text, reports["region"]), map(text, agency),
                     years, strict=True))  # (the agency's name: a bureau's 分局 works a tier below it)
    tiers = {pair: tier_of(*pair) for pair in set(pairs)}  # few distinct (level, region, agency)
    return np.array([tiers[pair] for pair in pairs], dtype=object)


def _year_or_none(year: Any) -> int | None:
    """A report's year as an int, None when missing (NaN, pandas' NA)."""
    try:
        return int(year)
    except (TypeError, ValueError):
        return None


def add_place_levels(reports: Any) -> Any:
    """Add the ``province`` and ``prefecture`` columns (:func:`place_levels` of ``region``,
    else of ``agency`` when the region is unknown or the agency is a customs district, a
    zone or a central agency's city office named by a city's stem, whose region may be only
    that stem: 杭州海关's is 杭州, 郑州航空港经济综合实验区's 郑州, 国家统计局苏州调查队's 苏州; in
    the report's ``year`` when there is one) to a reports
    DataFrame, in place."""
    region = reports["region"] if "region" in reports else None
    agency = reports["agency"] if "agency" in reports else None
    n = len(reports)
    regions = region.tolist() if region is not None else [None] * n
    agencies = agency.tolist() if agency is not None else [None] * n
    years = (list(map(_year_or_none, reports["year"].tolist())) if "year" in reports
             else [None] * n)
    # a region pandas holds as NaN (a float) is as missing as None: the agency stands in
    names = [a if isinstance(a, str) and (places.customs_district(a) or places.zone_city(a)
                                          or places.central_office_city(a))
             else r if isinstance(r, str) and r else a
             for r, a in zip(regions, agencies, strict=True)]
    levels = [place_levels(x if isinstance(x, str) else None, y)
              for x, y in zip(names, years, strict=True)]
    reports["province"] = np.array([p for p, _ in levels], dtype=object)
    reports["prefecture"] = np.array([c for _, c in levels], dtype=object)
    return reports


def _memory_store(items: Iterable[tuple[Any, Sequence[Any]]]) -> Store:
    """Write (Report, tagged statements) pairs into an in-memory store."""
    from nlp_reports.corpus.worker import report_words
    from nlp_reports.report import Report
    from nlp_reports.tokenize import Tokenizer

    store = Store(":memory:")
    tokenize = Tokenizer()

    for i, item in enumerate(items):
        if isinstance(item, Report) or not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(
                f"summarize() takes a store, or (Report, tagged statements) pairs; item {i} "
                f"is a {type(item).__name__}: tag the reports first, e.g. "
                "zip(reports, Tagger.load().tag_many(reports))")
        report, tagged = item
        path = report.metadata.source or f"report-{i}"
        store.write_report(f"{path}#{i}", report, tagged, words=report_words(report, tokenize))
    return store


# --- renamed agencies (机构改革) --------------------------------------------------------------

#: Department renames and mergers of the 2018 机构改革 (中共中央《深化党和国家机构改革方案》,
#: March 2018; local governments renamed their departments from late 2018 into 2019), and
#: the 2021 扶贫办 → 乡村振兴局 and the 城市管理局 → 城市管理和综合执法局 of the 2019–2021
#: 综合行政执法改革: (old names, new names) of the department's own name, without
#: its unit word (:data:`REFORM_UNITS`: 局, 厅, 委员会 …), so 国土资源 matches 溪山县国土资源局
#: and 青禾省国土资源厅. Used only for the "possibly renamed" hint; nothing is linked by it.
REFORM_RENAMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("国土资源", "城乡规划", "规划"), ("自然资源", "自然资源和规划")),
    (("环境保护", "环保"), ("生态环境",)),
    (("卫生和计划生育", "卫生计生", "人口和计划生育", "卫生"), ("卫生健康", "卫健")),
    (("农业", "农牧", "农牧业", "畜牧兽医"), ("农业农村",)),
    (("安全生产监督管理", "安全生产监督", "安监"), ("应急管理",)),
    (("工商行政管理", "工商", "食品药品监督管理", "质量技术监督", "食药监", "质监"),
     ("市场监督管理",)),
    (("文化广电新闻出版", "文化广电体育", "文化广电", "文化体育", "文化", "旅游", "旅游发展"),
     ("文化和旅游", "文化广电和旅游", "文化广电旅游", "文化旅游", "文化广电体育和旅游",
      "文化体育和旅游", "文化广电体育旅游")),
    (("民族宗教事务", "民族事务", "宗教事务"), ("民族宗教事务",)),
    (("林业",), ("林业和草原",)),
    (("粮食",), ("粮食和物资储备",)),
    (("扶贫开发", "扶贫"), ("乡村振兴",)),  # 2021, not 2018
    # 综合行政执法改革 (2019–2021): the 城市管理局 took the other bureaus' field enforcement
    (("城市管理", "城市管理行政执法", "城管"),
     ("城市管理和综合执法", "城市管理综合行政执法", "城市管理综合执法", "综合行政执法")),
)
#: The unit words ending a department's name (longest first): a ministry's 部 and 总局 too.
REFORM_UNITS: tuple[str, ...] = ("委员会", "办公室", "总局", "局", "厅", "委", "办", "部")
#: A renamed agency's first report comes at most this many years after the old name's last
#: (one year, or two when the reform year has no report of either name).
RENAME_GAP = 2


def agency_map_arg(agency_map: Any) -> dict[str, str] | None:
    """An ``agency_map=`` argument checked and resolved: None; a mapping old → new; or the
    path of a CSV (:func:`read_agency_map`)."""
    if agency_map is None:
        return None
    if isinstance(agency_map, (str, os.PathLike)):
        return read_agency_map(agency_map)
    if hasattr(agency_map, "items"):
        return resolve_agency_map(agency_map)
    raise UsageError("agency_map: give a dict {old name: new name} or the path of a CSV "
                     f"file of old,new names, not a {type(agency_map).__name__}")


def read_agency_map(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read an agency map (机构更名对照表): a CSV of two columns, old name → new name.

    One pair a line (旧名称,新名称), parted by ",", "，" or a TAB (a line with none is an
    error saying so); a first line naming the columns (旧名称/原名称/old …)
    is skipped; blank lines are skipped. UTF-8 (with or without BOM), else decoded as the
    reports are (GB18030 as Excel saves "CSV" on a Chinese Windows, UTF-16 …). Chains resolve (A→B, B→C: A and B both
    map to C). A name mapped to two different names, a cycle, or a line that is not two
    names raises :class:`~nlp_reports.errors.UsageError` naming the line.
    """
    import csv
    import io

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the agency map {p}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # GB18030 from Excel, UTF-16 …: the reports' own decoder
        from nlp_reports.errors import ParseError
        from nlp_reports.ingest.encoding import decode_bytes

        try:
            text, _ = decode_bytes(raw, path=str(p))
        except ParseError as exc:
            raise UsageError(f"{p}: the agency map is not text in a known encoding "
                             "(save it as CSV, UTF-8)") from exc
    # a TAB (a paste from a spreadsheet, Excel's "Unicode text") or a full-width "，" parts
    # the two names as a comma does (no agency name holds one)
    text = text.replace("\t", ",").replace("，", ",")
    pairs: list[tuple[int, str, str]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:  # (a cell over csv's field limit, 131,072 characters: a 10 MB line, a stray quote)
        rows = list(reader)
    except csv.Error as exc:
        raise UsageError(f"{p}, line {reader.line_num}: not a CSV of old,new names "
                         f"(旧名称,新名称): {exc}") from exc
    for n, row in enumerate(rows, 1):
        cells = [c.strip().strip("\u3000") for c in row]
        while cells and not cells[-1]:
            cells.pop()  # Excel's empty trailing cells
        if not cells:
            continue
        if len(cells) == 1:
            raise UsageError(f"{p}, line {n}: expected two names, old,new (旧名称,新名称), "
                             "with a comma (, or ，) or a TAB between them; found no "
                             f"separator: {cells[0][:80]}")
        if len(cells) != 2 or not cells[0] or not cells[1]:
            raise UsageError(f"{p}, line {n}: expected two names, old,new (旧名称,新名称); "
                             f"found {len(cells)} cell{'s' if len(cells) != 1 else ''}: "
                             f"{','.join(cells)[:80]}")
        if not pairs and _is_map_header(cells):
            continue
        pairs.append((n, cells[0], cells[1]))
    return resolve_agency_map(pairs, source=str(p))


_MAP_HEADERS = frozenset({"旧名称", "原名称", "旧名", "原名", "旧机构名称", "原机构名称", "机构旧名称",
                          "新名称", "新名", "新机构名称", "现名称", "机构新名称", "old", "new",
                          "old name", "new name", "old_name", "new_name", "from", "to"})


def _is_map_header(cells: Sequence[str]) -> bool:
    return any(c.lower() in _MAP_HEADERS for c in cells)


def resolve_agency_map(pairs: Any, *, source: str = "agency_map") -> dict[str, str]:
    """Check and resolve an agency map: ``pairs`` is a mapping old → new, or (line, old,
    new) triples (:func:`read_agency_map`). Returns {old: final new name}, chains followed
    (A→B, B→C gives A→C and B→C). Names are compared without blanks (as agencies are
    linked across years: :func:`nlp_reports.parse.metadata.agency_key`). A name mapped to
    two names, or a cycle (A→B, B→A), is a :class:`UsageError` naming the line (the pair).
    The names are normalized as a report's text is (:func:`~nlp_reports.ingest.normalize.
    normalize_text`): a name copied from the report as printed ("…局（市乡村振兴局）", "ＡＢ",
    a stray BOM or zero-width space) matches the name the parser stored ("…局(市乡村振兴局)")."""
    from nlp_reports.ingest.normalize import normalize_text
    from nlp_reports.parse.metadata import agency_key

    if isinstance(pairs, dict) or hasattr(pairs, "items"):
        triples = [(None, str(o), str(n)) for o, n in pairs.items()]
    else:
        triples = list(pairs)
    triples = [(line, normalize_text(str(o)), normalize_text(str(n))) for line, o, n in triples]

    def where(line: Any, old: str, new: str) -> str:
        return f"{source}, line {line}" if line is not None else f"{source}: {old} → {new}"

    step: dict[str, tuple[str, Any]] = {}
    shown: dict[str, str] = {}
    for line, old, new in triples:
        ko, kn = agency_key(old.strip()), agency_key(new.strip())
        if not ko or not kn:
            raise UsageError(f"{where(line, old, new)}: an empty agency name")
        if ko == kn:
            continue  # a name mapped to itself says nothing
        if ko in step and step[ko][0] != kn:
            first = step[ko][1]
            raise UsageError(
                f"{where(line, old, new)}: {old} is mapped to two names, {shown[step[ko][0]]} "
                f"({'line ' + str(first) if first is not None else 'before'}) and {new}")
        step[ko] = (kn, line)
        shown.setdefault(ko, old.strip())
        shown.setdefault(kn, new.strip())
    final: dict[str, str] = {}  # name → the end of its chain, once known (a chain of
    # 100,000 names is walked once, not once per name)
    out: dict[str, str] = {}
    for start in step:
        seen = {start: 0}  # the names of this walk, in order
        cur = start
        while cur in step and cur not in final:
            cur = step[cur][0]
            if cur in seen:  # named by the line that closes it (the last in the file)
                ring = list(seen)[seen[cur]:]
                last = max(ring, key=lambda c: step[c][1] or 0)
                cyc = " → ".join(shown[c] for c in [*ring, cur])
                raise UsageError(f"{where(step[last][1], shown[last], shown[step[last][0]])}: "
                                 f"the agency map has a cycle ({cyc})")
            seen[cur] = len(seen)
        end = final.get(cur, cur)
        for name in seen:
            if name in step:
                final[name] = end
        out[shown[start]] = shown[end]
    return out


def apply_agency_map(reports: Any, agency_map: dict[str, str]) -> int:
    """Put each report's agency under its new name (``agency_map``: old → new, resolved by
    :func:`resolve_agency_map`), in place; the name as written goes to the column
    ``agency_as_written``. Returns how many reports were renamed."""
    from nlp_reports.parse.metadata import agency_key

    by_key = {agency_key(o): n for o, n in agency_map.items()}
    written = reports["agency"]
    new = written.map(lambda a: by_key.get(agency_key(a)) if isinstance(a, str) else None)
    renamed = new.notna()
    reports["agency_as_written"] = written
    reports["agency"] = written.where(~renamed, new)
    return int(renamed.sum())


def agency_map_notes(reports: Any, agency_map: dict[str, str] | None) -> list[str]:
    """The note saying what the agency map did: how many reports (of which names) are
    counted under a new name, and the map's old names no report has (a typo?)."""
    if agency_map is None or "agency_as_written" not in reports:
        return []
    from nlp_reports.parse.metadata import agency_key

    written = reports["agency_as_written"]
    renamed = reports[written.notna() & (written != reports["agency"])]
    pairs = renamed.groupby(["agency_as_written", "agency"]).size()
    shown = "; ".join(f"{o} → {n}: {k}" for (o, n), k in pairs.head(5).items())
    more = f"; … {len(pairs) - 5} more" if len(pairs) > 5 else ""
    k = len(renamed)
    note = (f"agency map: {k} report{'s are' if k != 1 else ' is'} counted under the agency's "
            f"new name" + (f" ({shown}{more})" if k else "") + ", so its years link across the "
            "rename in every table (copying, problem_changes, cross_year, boilerplate, "
            "--by agency); the tables name the new agency, the store and the audit rows "
            "keep the name as written")
    keys = {agency_key(a) for a in written.dropna()}
    unused = [o for o in agency_map if agency_key(o) not in keys]
    if unused:
        note += (f". {len(unused)} old name{'s' if len(unused) != 1 else ''} of the map "
                 f"{'are' if len(unused) != 1 else 'is'} in no report (a typo?): "
                 + "、".join(unused[:5]) + ("…" if len(unused) > 5 else ""))
    note += (f" / 机关名称对照表：{k}份报告按机关的新名称计"
             + ("（" + "；".join(f"{o} → {n}：{c}份" for (o, n), c in pairs.head(5).items())
                + (f"；另有{len(pairs) - 5}组" if len(pairs) > 5 else "") + "）" if k else "")
             + "，各表格（copying、problem_changes、cross_year、boilerplate、--by agency）中该机关"
             "更名前后的年度相互关联；汇总表格用新名称，数据库和审查结果保留原写法")
    if unused:
        note += (f"。对照表中有{len(unused)}个旧名称不见于任何报告（是否写错？）："
                 + "、".join(unused[:5]) + ("…" if len(unused) > 5 else ""))
    return [note]


def agency_report_ids(reports: Any, agencies: Sequence[str],
                      agency_map: dict[str, str] | None = None) -> set[int]:
    """Ids of the reports of ``agencies`` (names, compared as years are linked: by
    :func:`~nlp_reports.parse.metadata.agency_key`, so 行署 = 行政公署 and blanks do not
    count; a name of ``agency_map``, old or new, stands for the renamed agency under both
    names — the map is applied to ``reports`` already: :func:`load_frames`). A name that
    matches no report is a :class:`UsageError` naming the closest agencies of ``reports``."""
    from nlp_reports.parse.metadata import agency_key

    if isinstance(agencies, str):  # agencies="甲局": one name, not its characters
        agencies = (agencies,)
    by_map = {agency_key(o): agency_key(n) for o, n in (agency_map or {}).items()}
    keys = reports["agency"].map(agency_key, na_action="ignore")
    present = set(keys.dropna())
    wanted: set[str] = set()
    for name in agencies:
        key = agency_key(str(name).strip())
        if not key:
            raise UsageError("agency (--agency / agencies=): an empty agency name")
        key = by_map.get(key, key)
        if key not in present:
            raise UsageError(f"agency {name} (--agency / agencies=): no stored report of "
                             "this agency"
                             + closest_agencies(name, reports))
        wanted.add(key)
    return set(reports.loc[keys.isin(wanted), "id"].tolist())


def closest_agencies(name: str, reports: Any, n: int = 5) -> str:
    """"; the closest names: …" — the stored agencies (as written, and their new names under
    an agency map) most like ``name`` (a name holding it, or held by it, first; then by
    difflib's ratio), or "; the store has no agency" when none."""
    import difflib

    names: set[str] = set(reports["agency"].dropna())
    if "agency_as_written" in reports:
        names.update(reports["agency_as_written"].dropna())
    if not names:
        return "; the store has no report with an agency"
    query = re.sub(r"\s+", "", str(name))

    def score(candidate: str) -> tuple[bool, float, str]:
        inside = bool(query) and (query in candidate or candidate in query)
        return (inside, difflib.SequenceMatcher(None, query, candidate).ratio(), candidate)

    ranked = sorted(names, key=score, reverse=True)[:n]
    more = f" (of {len(names)})" if len(names) > n else ""
    return f"; the closest names{more}: " + "、".join(ranked)


def _sampled_words(store: Store, reports: Any, groups: Sequence[str], sample: int) -> Any:
    """``reports.words`` of the first ``sample`` reports (by id) of each group of ``groups``
    among ``reports``: :func:`load_frames`' sample, drawn from the reports kept."""
    keys = list(dict.fromkeys(g for g in groups if g in GROUP_COLUMNS))
    if not keys or sample <= 0:
        return None
    has = set(store.query("SELECT id FROM reports WHERE words IS NOT NULL")["id"].tolist())
    may = _samplable(reports["id"].isin(has).to_numpy())
    return _first_words(store, reports, may, keys, sample)


def _first_words(store: Store, reports: Any, may: Any, keys: Sequence[str], sample: int) -> Any:
    """:func:`_word_bags` of the first ``sample`` reports (by id) of each group of ``keys``
    among the rows ``may`` of ``reports``, grouped in pandas (agencies linked: :func:`_grouped`)."""
    sub = _grouped(reports.loc[may, ["id", *keys]], reports)
    part = sub[keys].astype(object).where(sub[keys].notna(), "\x00")
    ids = sub["id"][part.groupby(keys, sort=False).cumcount() < sample].tolist()
    return _word_bags(store, sorted(ids))


def select_agencies(frames: Frames, agencies: Sequence[str]) -> tuple[Frames, str]:
    """``frames`` restricted to the reports of ``agencies`` (:func:`agency_report_ids`),
    and the note saying so."""
    r = frames.reports
    keep = agency_report_ids(r, agencies, frames.agency_map)
    chosen = r.loc[r["id"].isin(keep), "agency"].dropna().unique().tolist()
    note = (f"only the agencies asked for (--agency, agencies=): {len(keep)} of the store's "
            f"{len(r)} reports, of {'、'.join(sorted(chosen))}; tables that compare agencies "
            "(boilerplate, vocabulary) compare these reports only"
            f" / 仅汇总指定机关（--agency）的报告：数据库{len(r)}份报告中的{len(keep)}份，"
            f"机关为{'、'.join(sorted(chosen))}；比较不同机关的表格（boilerplate、vocabulary）"
            "只在这些报告之间比较")
    return _frames_of(frames, keep), note


def filter_report_ids(reports: Any, years: Sequence[int] = (), folders: Sequence[str] = (),
                      *, of_agencies: bool = False) -> tuple[set[int], tuple[str, ...]]:
    """Ids of the reports on one of ``years`` and in one of ``folders`` (the ``folder``
    group: :func:`top_folders`; an empty sequence does not filter), and the filters as
    words ("year 2024", "folder 云岭市"). Each year and folder must match a report of
    ``reports``, and so must the two together: else a :class:`UsageError` listing the
    years (or folders) ``reports`` holds, with their report counts (``of_agencies``: the
    reports are those of ``--agency``, and the message says so)."""
    import pandas as pd

    if isinstance(folders, str):  # folders="云岭市": one name, not its characters
        folders = (folders,)
    if isinstance(years, (int, str)):
        years = (years,)
    try:
        wanted_years = list(dict.fromkeys(int(y) for y in years))
    except (TypeError, ValueError, OverflowError) as exc:  # (int(float("inf")) overflows)
        raise UsageError(f"years (--year / years=): give them as numbers (2024), not "
                         f"{list(years)!r}") from exc
    wanted_folders = list(dict.fromkeys(str(f).strip().rstrip("/\\") for f in folders))
    whose = " of the agencies asked for (--agency / agencies=)" if of_agencies else ""
    year = pd.to_numeric(reports["year"], errors="coerce")
    folder = reports["folder"].astype(object) if "folder" in reports else pd.Series(
        [None] * len(reports), index=reports.index, dtype=object)
    for y in wanted_years:
        if not (year == y).any():
            raise UsageError(f"year {y} (--year / years=): no stored report{whose} is on "
                             "this year; "
                             + _held("on the years", year.dropna().astype(int), of_agencies))
    for f in wanted_folders:
        if not f or not (folder == f).any():
            raise UsageError(f"folder {f} (--folder / folders=): no stored report{whose} is "
                             "in this top folder (the first folder below the one all files "
                             "share, as --by folder / by=['folder']); "
                             + _held("in the folders", folder.dropna(), of_agencies))
    chosen = pd.Series(True, index=reports.index)
    if wanted_years:
        chosen &= year.isin(wanted_years)
    if wanted_folders:
        chosen &= folder.isin(wanted_folders)
    if not chosen.any():  # each matches some report, none matches both
        inside = reports[folder.isin(wanted_folders)]
        raise UsageError(
            f"no stored report{whose} is both on {' or '.join(map(str, wanted_years))} and in "
            f"the folder {' or '.join(wanted_folders)}; there, "
            + _held("on the years", pd.to_numeric(inside["year"], errors="coerce").dropna()
                    .astype(int), of_agencies))
    words = (*(f"year {y}" for y in sorted(wanted_years)),
             *(f"folder {f}" for f in wanted_folders))
    return set(reports.loc[chosen, "id"].tolist()), words


def _held(what: str, values: Any, of_agencies: bool = False) -> str:
    """"the store holds reports on the years: 2022 (3), 2023 (5)" (each year or folder
    with its reports, sorted; the first 30), for a filter that matched nothing."""
    who = "the agencies asked for have" if of_agencies else "the store holds"
    counts = values.value_counts().sort_index()
    if not len(counts):
        return f"{who} no report with a {what.split()[-1][:-1]}"
    shown = ", ".join(f"{v} ({n})" for v, n in list(counts.items())[:30])
    more = f", … {len(counts) - 30} more" if len(counts) > 30 else ""
    return f"{who} reports {what}: {shown}{more}"


def _frames_of(frames: Frames, keep: set[int]) -> Frames:
    """``frames`` with only the reports whose id is in ``keep`` (and their rows)."""
    words = frames.words
    return Frames(
        reports=frames.reports[frames.reports["id"].isin(keep)].reset_index(drop=True),
        statements=frames.statements[frames.statements["report_id"].isin(keep)].reset_index(
            drop=True),
        checks=frames.checks[frames.checks["report_id"].isin(keep)].reset_index(drop=True),
        words=None if words is None else words.select(keep),
        files=frames.files, agency_map=frames.agency_map, models=frames.models,
    )


def rename_candidates(reports: Any) -> list[tuple[str, tuple[int, int], str, tuple[int, int]]]:
    """Agencies that look renamed by the 机构改革 (:data:`REFORM_RENAMES`): (old name,
    (first, last year), new name, (first, last year)) when the two names differ only by a
    known rename of the department's own name (same place before it), or by a government's
    short form inside the name (…政府研究室 for …人民政府研究室; at the end, …政府 and
    …政府办, the names are linked: no hint) or a 县 become a 区 or 市, or a township's
    government become a town's or a street office's (撤乡设镇, 撤乡镇设街道), the old name's last
    year comes before the new name's first, at most :data:`RENAME_GAP` years before it, and
    no year has reports of both. A hint to write an agency map, never a link."""
    from nlp_reports.parse.metadata import agency_key

    r = reports[["agency", "year"]].dropna()
    if r.empty:
        return []
    key_of = {a: agency_key(a) for a in r["agency"].unique()}
    r = r.assign(key=r["agency"].map(key_of), year=r["year"].astype(int))
    g = r.groupby("key")["year"]
    first, last = g.min().to_dict(), g.max().to_dict()
    shown = {k: a for a, k in reversed(key_of.items())}  # the first name written
    found: dict[tuple[str, str], list[str]] = {}  # (place, department name) → keys
    for key in first:
        for part in _department(key):
            found.setdefault(part, []).append(key)
    table = _reform_table()[0]
    out = []
    for (place, dept), keys in found.items():
        for new_dept in table.get(dept, ()):
            for key in keys:
                for new in found.get((place, new_dept), ()):
                    # the old name's years all before the new name's (no year has both)
                    if new != key and last[key] < first[new] <= last[key] + RENAME_GAP:
                        out.append((shown[key], (first[key], last[key]),
                                    shown[new], (first[new], last[new])))
    # the same body under a short name inside it (…政府研究室 for …人民政府研究室; one
    # ending …政府 or …政府办 is linked by agency_key, so no hint) or after its county
    # became a district or a city (撤县设区/撤县设市: …县人民政府 → …区人民政府), or a
    # township's government after its 乡 became a 镇 or a street office (撤乡设镇, 撤乡镇设街道)
    short: dict[str, list[str]] = {}
    for key in first:
        short.setdefault(_short_name(key), []).append(key)
    for key in first:
        # the renamed name as its key reads: a 县级市 the gazetteer lists loses the province
        # before it (湖南省宁乡县… → 湖南省宁乡市… → 宁乡市…), as the new name's key did
        for variant in (key, *map(places.without_province, _county_renamed(key)),
                        *_township_renamed(key)):
            for new in short.get(_short_name(variant), ()):
                if new != key and last[key] < first[new] <= last[key] + RENAME_GAP:
                    out.append((shown[key], (first[key], last[key]),
                                shown[new], (first[new], last[new])))
    return sorted(set(out), key=lambda c: (c[0], c[2]))


#: Long forms of a government's name and the short forms written for them (人民政府办公室 →
#: 政府办): two names equal once shortened are one body written two ways.
_SHORT_FORMS: tuple[tuple[str, str], ...] = (("人民政府办公室", "政府办"), ("政府办公室", "政府办"),
                                             ("人民政府", "政府"))


def _short_name(name: str) -> str:
    """``name`` with a government's long forms shortened (:data:`_SHORT_FORMS`)."""
    for long, abbreviated in _SHORT_FORMS:
        name = name.replace(long, abbreviated)
    return name


def _county_renamed(name: str) -> tuple[str, ...]:
    """``name`` with one of its 县 made a 区 or a 市 (撤县设区, 撤县设市), where a place
    name of two characters or more comes before it and more of the name after it."""
    out = []
    for i, ch in enumerate(name):
        if ch == "县" and 2 <= i < len(name) - 1:
            out += [name[:i] + "区" + name[i + 1:], name[:i] + "市" + name[i + 1:]]
    return tuple(out)


#: A township's or town's own government at the end of a name (…乡人民政府, …镇政府, …镇).
_TOWNSHIP_GOVERNMENT = re.compile(r"(乡|镇)((?:人民)?政府)?$")


def _township_renamed(name: str) -> tuple[str, ...]:
    """``name``, a township's or town's government, under the names its place takes after
    撤乡设镇 (…乡人民政府 → …镇人民政府) or 撤乡镇设街道 (…乡/…镇人民政府 → …街道办事处,
    …街道), where a place name of two characters or more comes before the 乡 or 镇. A 镇
    does not become a 乡; a 乡 inside a department's name (…乡村振兴局) is no township."""
    m = _TOWNSHIP_GOVERNMENT.search(name)
    if m is None or m.start() < 2:
        return ()
    stem = name[:m.start()]
    out = [stem + "街道办事处", stem + "街道"]
    if m[1] == "乡":
        out.append(stem + "镇" + (m[2] or ""))
    return tuple(out)


@functools.cache
def _reform_table() -> tuple[dict[str, tuple[str, ...]], tuple[int, ...]]:
    """Old department name → its new names (:data:`REFORM_RENAMES`), and the lengths of
    all names, old and new, longest first."""
    table: dict[str, tuple[str, ...]] = {}
    for olds, news in REFORM_RENAMES:
        for old in olds:
            table[old] = tuple(dict.fromkeys((*table.get(old, ()), *news)))
    names = {n for olds, news in REFORM_RENAMES for n in (*olds, *news)}
    return table, tuple(sorted({len(n) for n in names}, reverse=True))


@functools.cache
def _reform_names() -> frozenset[str]:
    return frozenset(n for olds, news in REFORM_RENAMES for n in (*olds, *news))


@functools.lru_cache(maxsize=65536)
def _department(name: str) -> tuple[tuple[str, str], ...]:
    """(place, department name) for each way ``name`` reads as a place, a department
    name of :data:`REFORM_RENAMES` (old or new) and a unit word (局, 厅 …). The place may
    be empty: a ministry's name (农业部) has none."""
    known = _reform_names()
    lengths = _reform_table()[1]
    out = []
    for unit in REFORM_UNITS:
        if name.endswith(unit):
            base = name[:-len(unit)]
            out.extend((base[:-n], base[-n:]) for n in lengths
                       if len(base) >= n and base[-n:] in known)
    return tuple(out)


def agency_names(reports: Any) -> dict[str, str]:
    """The agency group of each name written (按机关分组): {name: the name shown for its
    agency}, for the names whose agency was written in more than one way. An agency is
    its names as linked across years (:func:`~nlp_reports.parse.metadata.agency_key`:
    blanks, 行署 = 行政公署, …政府 = …人民政府, …政府办 = …人民政府办公室 …), as the cross-year tables, copying and
    ``--dedupe`` link them; it is shown under the name it wrote most recently (latest
    year; ties: the name of most reports, then the first in code-point order). Computed per
    distinct name (a few thousand), never per report or statement."""
    from nlp_reports.parse.metadata import agency_key

    if "agency" not in reports:
        return {}
    names = reports["agency"].dropna()
    if names.empty:
        return {}
    years = (reports.loc[names.index, "year"].astype(float) if "year" in reports
             else np.full(len(names), np.nan))
    per = (names.to_frame("agency").assign(year=years).groupby("agency", sort=True)
           .agg(last=("year", "max"), n=("year", "size")))
    per["key"] = [agency_key(a) for a in per.index]
    shared = per[per["key"].duplicated(keep=False)]
    if shared.empty:
        return {}
    ranked = shared.assign(last=shared["last"].fillna(-np.inf), name=shared.index)
    ranked = ranked.sort_values(["key", "last", "n", "name"],
                                ascending=[True, False, False, True], kind="stable")
    shown = ranked.groupby("key", sort=False)["name"].first()
    return {a: shown[k] for a, k in zip(shared.index, shared["key"], strict=True)}


def linked_agency(agency: Any, names: dict[str, str]) -> Any:
    """The ``agency`` column with each name of :func:`agency_names` put as its group's name
    (a map over the column; the other names, and unknown ones, as they are)."""
    return agency.map(names).where(agency.isin(names.keys()), agency)


def _grouped(sub: Any, reports: Any) -> Any:
    """``sub`` (columns of ``reports``) with its agency as ``--by agency`` groups it."""
    names = agency_names(reports) if "agency" in sub else {}
    return sub.assign(agency=linked_agency(sub["agency"], names)) if names else sub


def agency_names_notes(names: dict[str, str], *, limit: int = 5) -> list[str]:
    """The note naming the agencies ``--by agency`` counts under one name though they wrote
    it several ways (:func:`agency_names`): each group's name shown and its other names."""
    groups: dict[str, list[str]] = {}
    for written, shown in sorted(names.items()):
        if written != shown:
            groups.setdefault(shown, []).append(written)
    if not groups:
        return []
    items = sorted(groups.items())
    listed = "; ".join(f"{shown} (also {'、'.join(others)})" for shown, others in items[:limit])
    more = f"; … {len(items) - limit} more" if len(items) > limit else ""
    return [f"one agency, several names: {listed}{more}. --by agency counts each as one "
            "agency under the name it wrote most recently, as the cross-year tables, copying "
            "and --dedupe link its years (blanks, 行署 = 行政公署, …政府 = …人民政府, "
            "…政府办 = …人民政府办公室; "
            "docs/summary.md, Grouping) / 同一机关有多种写法："
            + "；".join(f"{shown}（又作{'、'.join(others)}）" for shown, others in items[:limit])
            + (f"；另有{len(items) - limit}个" if len(items) > limit else "")
            + "。按机关（--by agency）汇总时计为一个机关，用其最近使用的名称，与跨年度表格、"
            "copying 和 --dedupe 关联年度的方式一致（忽略空格，行署 = 行政公署，…政府 = …人民政府，"
            "…政府办 = …人民政府办公室）"]


def rename_notes(reports: Any, *, limit: int = 5) -> list[str]:
    """The "possibly renamed" note (:func:`rename_candidates`), or none."""
    found = rename_candidates(reports)
    if not found:
        return []

    def span(a: int, b: int) -> str:
        return f"{a}–{b}" if a != b else f"{a}"

    shown = "; ".join(f"{o} ({span(*oy)}) → {n} ({span(*ny)})" for o, oy, n, ny in found[:limit])
    more = f"; … {len(found) - limit} more" if len(found) > limit else ""
    return [f"possibly renamed: {shown}{more}; link them with --agency-map FILE (a CSV of "
            "old name,new name; agency_map= in Python): until then each name is an agency "
            "of its own, whose years do not link across the rename (docs/summary.md, "
            "Renamed agencies) / 可能更名的机关："
            + "；".join(f"{o}（{span(*oy)}年）→ {n}（{span(*ny)}年）" for o, oy, n, ny in found[:limit])
            + (f"；另有{len(found) - limit}组" if len(found) > limit else "")
            + "。可用 --agency-map 文件（每行“旧名称,新名称”）将其关联；关联之前，每个名称各算"
            "一个机关，更名前后的年度互不相连"]


# --- the summary ----------------------------------------------------------------------------


@fewer_collections  # (0.2 s of collections over 20,000 reports' frames, now 0.1)
def summarize(source: str | os.PathLike[str] | Store | Iterable[tuple[Any, Sequence[Any]]],
              by: Sequence[str] = (), *, threshold: float = 0.8, n_representatives: int = 3,
              top_words: int = 15, vocabulary_sample: int = 500,
              dedupe: bool = False,
              agency_map: Any = None, agencies: Sequence[str] | None = None,
              years: Sequence[int] = (), folders: Sequence[str] = ()) -> Summary:
    """Summarize a store path, an open :class:`Store` or an iterable of (Report, tagged).

    ``by``: group columns among year, level, region, agency, format (the layout scheme),
    source_format (the file type), province and prefecture (地级; both read from the
    region's name: :func:`place_levels`), folder (the first folder below the one all
    stored paths share: :func:`top_folders`) and tier (行政层级: a department at the tier
    of the government its region names, :func:`add_tiers`); a key named twice counts once. ``threshold``: cosine
    for near-duplicates. Distinctive vocabulary compares the groups of ``by`` (by year when
    ``by`` is empty) on the words stored at tagging time (segmented now, the same words,
    for a report the store holds none for: ``tag --no-words``; a note says how many), from
    at most ``vocabulary_sample`` reports per group (the first by id) to stay fast on big
    corpora.
    ``dedupe``: count one report per (agency, year) — see :func:`dedupe_frames`; a note says
    how many were left out. ``agency_map``: old agency name → new name (a dict, or the
    path of a CSV: :func:`read_agency_map`), applied before anything is computed so an
    agency's years link across a rename (机构改革); a note says how many reports it renamed.
    Without it, a note names agencies that look renamed (:func:`rename_candidates`).
    ``agencies``: only the reports of these agencies (names as linked across years, an
    agency map's old and new name alike: :func:`agency_report_ids`); a name that matches
    none is a :class:`UsageError` naming the closest.
    ``years`` / ``folders``: every table counts only the reports on these years and in these
    top folders (``--by folder``: :func:`top_folders`), yet the cross-year tables
    (``copying``, ``copied_statements``, ``cross_year``, ``problem_changes``) still compare
    each of them with its agency's reports of other years in the store, as the audit does:
    their rows are the unfiltered summary's rows of the reports kept. A year or folder
    that matches no report (with ``agencies``: none of theirs) is a :class:`UsageError`
    listing the years or folders the store holds; a note says what was kept.
    """
    agency_map = agency_map_arg(agency_map)
    if isinstance(by, str):  # by="year": one key, not its characters
        by = (by,)
    by = tuple(dict.fromkeys(by or ()))  # a key named twice groups once (not an error)
    for b in by:
        if b not in GROUP_COLUMNS:
            raise UsageError(_bad_group_message(b))
    if isinstance(source, (str, os.PathLike)):
        store, owned = open_store(source, readonly=True)
    elif isinstance(source, Store):
        store, owned = source, False
    else:
        store, owned = _memory_store(source), True
    word_groups = by or ("year",)
    filtered = bool(years) or bool(folders)
    try:
        frames = load_frames(store, word_groups=word_groups,
                             word_sample=0 if agencies or filtered else vocabulary_sample,
                             agency_map=agency_map, with_index=not (agencies or dedupe))
        chosen = None
        if agencies:  # (the words sampled among the chosen agencies' reports, not all)
            frames, chosen = select_agencies(frames, agencies)
        keep, words = None, ()
        if filtered:
            keep, words = filter_report_ids(frames.reports, years, folders,
                                            of_agencies=bool(agencies))
        if agencies or filtered:
            counted = (frames.reports if keep is None
                       else frames.reports[frames.reports["id"].isin(keep)])
            frames.words = _sampled_words(store, counted, word_groups, vocabulary_sample)
    finally:
        if owned:
            store.close()
    summary = summarize_frames(frames, by, threshold=threshold,
                               n_representatives=n_representatives, top_words=top_words,
                               word_groups=word_groups, dedupe=dedupe, keep=keep)
    _warn_mixed_models(summary)
    notes = summary.notes
    if keep is not None:
        notes = (filter_note(words, summary.n_reports,
                             len(frames.reports), bool(agencies)), *notes)
    if chosen is not None:
        notes = (chosen, *notes)
    return dataclasses.replace(summary, notes=notes, filters=words)


def _warn_mixed_models(summary: Summary) -> None:
    """A :class:`~nlp_reports.classify.dataset.DataWarning` when the counted reports were
    tagged by several models: two measurements mixed in one set of figures (the summary's
    note says so too, but a notebook shows a warning where a note in a table goes unread;
    ``nlp-reports summarize`` prints it on stderr)."""
    if len(summary.models) < 2:
        return
    import warnings

    from nlp_reports.classify.dataset import DataWarning

    each = "; ".join(f"{str(m)[:12] if m else '(no model recorded)'}"
                     + (f" ({_card_of(summary.model_cards, m)['name']})"
                        if _card_of(summary.model_cards, m).get("name") else "")
                     + f": {n} report{'s' if n != 1 else ''}" for m, n in summary.models)
    warnings.warn(f"the summary mixes the tags of {len(summary.models)} models ({each}): their "
                  "kinds and themes are two measurements, not one; re-tag the store with one "
                  "model (tag --retag [--model DIR]; tag_paths(…, retag=True)); Store.models() "
                  "lists the models and how many reports each tagged", DataWarning, stacklevel=3)


def _filter_word_zh(word: str) -> str:
    """"year 2024" → "2024年度", "folder 云岭市" → "文件夹“云岭市”" (:func:`filter_report_ids`' words)."""
    kind, _, value = word.partition(" ")
    return {"year": f"{value}年度", "folder": f"文件夹“{value}”"}.get(kind, word)


def filter_note(words: Sequence[str], n_kept: int, n_all: int, of_agencies: bool) -> str:
    """The note saying which reports ``years=`` / ``folders=`` kept, and what still reads
    the others (the cross-year tables) and what does not (the tables comparing reports)."""
    whose = " of the agencies asked for" if of_agencies else ""
    return (f"only the reports of {', '.join(words)} (--year/--folder, years=/folders=): "
            f"{n_kept} of the {n_all} stored reports{whose}. Every table counts these only; "
            "the cross-year tables (copying, copied_statements, cross_year, problem_changes) "
            "still compare each with its agency's reports of other years in the store, so "
            "their rows are those of the whole store's summary for these reports; the tables "
            "that compare reports with each other (boilerplate, representatives, vocabulary) "
            f"compare these reports only / 仅汇总{'、'.join(map(_filter_word_zh, words))}的报告"
            "（--year/--folder）："
            f"数据库{'中指定机关' if of_agencies else ''}{n_all}份报告中的{n_kept}份。各表格只计"
            "这些报告；跨年度表格（copying、copied_statements、cross_year、problem_changes）"
            "仍与该机关在数据库中其他年度的报告比较；报告之间相互比较的表格（boilerplate、"
            "representatives、vocabulary）只在这些报告之间比较")


def dedupe_frames(frames: Frames) -> tuple[Frames, int]:
    """One report per (agency, year): ``(frames without the others, how many left out)``;
    the agency as its years are linked (:func:`~nlp_reports.parse.metadata.agency_key`:
    "兴安盟行署" and "兴安盟行政公署", "峪阳市政府办" and "峪阳市人民政府办公室", "鹤鸣市政府"
    and "鹤鸣市人民政府" are one).

    Which one is kept: first one whose year is not in doubt (no ``year_conflict``: the
    title's year disagrees with the data period or the dates, so it may be another year's
    report filed under this one); then one with a body — sections or 表三 read — over one
    with neither (a notice or page stored from before the parser refused them: a later date
    never makes it the report); then the one published last (``published``, an ISO date: a revised
    version is published after the version it replaces); among those with the same or no
    date, the most complete — 表三 read (its total received and outcomes both present),
    then the fewest tables read only in part (``unreadable``), then the most section-五
    statements — and then the one stored last (the highest id), so a degraded copy (a PDF
    whose 表三, or 表二's last row, could not be read) does not win by the order of the
    walk. Reports without an agency or a year are
    all kept. Why a rule and not a guess: two different texts for one agency and year are
    a revision or a correction far more often than two reports; the rule is the same for
    every pair, and the note says how many reports it left out.
    """
    from nlp_reports.parse.metadata import agency_key

    r = frames.reports
    known = r["agency"].notna() & r["year"].notna()
    sub = r.loc[known]  # a pair is the agency as linked across years (行署 = 行政公署 …)
    order = _dedupe_order(sub.assign(agency=sub["agency"].map(agency_key)))
    keep = set(order.drop_duplicates(["agency", "year"], keep="last")["id"])
    keep.update(r.loc[~known, "id"])
    dropped = len(r) - len(keep)
    if not dropped:
        return frames, 0
    return _frames_of(frames, keep), dropped


def _dedupe_order(sub: Any) -> Any:
    """The reports ``sub`` (agency and year known) in :func:`dedupe_frames`' order: within
    each (agency, year) the one kept is last."""
    conflict = (sub["year_conflict"].fillna(False).astype(bool) if "year_conflict" in sub
                else np.zeros(len(sub), dtype=bool))
    order = sub[["id", "agency", "year"]].assign(
        sure=(~np.asarray(conflict, dtype=bool)).astype(int),  # a year not in doubt wins
        # sections or 表三: a report over a text with neither, whatever the dates
        body=((sub["n_sections"].fillna(0) > 0)
              | (sub["received"].notna() & sub["outcomes_total"].notna())).astype(int),
        published=sub["published"].astype(object).where(sub["published"].notna(),
                                                         "").astype(str),
        table3=(sub["received"].notna() & sub["outcomes_total"].notna()).astype(int),
        # fewer tables read only in part wins (sorted ascending: the kept one is last)
        whole=-(sub["n_unreadable"].fillna(0).astype(int) if "n_unreadable" in sub
                else np.zeros(len(sub), dtype=int)),
        n_statements=sub["n_statements"].fillna(0).astype(int))
    return order.sort_values(["agency", "year", "sure", "body", "published", "table3",
                              "whole", "n_statements", "id"], kind="stable")


def _kept_texts(r: Any, pairs: Any, limit: int = 3) -> str:
    """"; kept: 某县人民政府 2024: a.txt (published last) over b.txt" for the first ``limit``
    of ``pairs`` ((agency, year) with several reports): which text :func:`dedupe_frames`
    counts, and why (the first of its rules that told them apart)."""
    if not {"received", "outcomes_total", "n_statements", "n_sections",
            "published"} <= set(r.columns):
        return ""
    order = _dedupe_order(r)
    names = dict(zip(r["id"], r["path"] if "path" in r else r["id"], strict=True))

    def name(rid: Any) -> str:
        p = names.get(rid)
        return os.path.basename(p) if isinstance(p, str) and p else f"report {rid}"

    parts = []
    for agency, year in list(pairs)[:limit]:
        g = order[(order["agency"] == agency) & (order["year"] == year)]
        kept, runner = g.iloc[-1], g.iloc[-2]
        why = ("no year_conflict" if kept["sure"] != runner["sure"]
               else "sections or 表三" if kept["body"] != runner["body"]
               else "published last" if kept["published"] != runner["published"]
               else "表三 read" if kept["table3"] != runner["table3"]
               else "tables read whole" if kept["whole"] != runner["whole"]
               else "more statements in 五" if kept["n_statements"] != runner["n_statements"]
               else "stored last")
        others = ", ".join(name(x) for x in g["id"].iloc[:-1])
        y = int(year) if isinstance(year, (int, float, np.number)) else year
        parts.append(f"{agency} {y}: {name(kept['id'])} ({why}) over {others}")
    more = f"; … {len(pairs) - limit} more" if len(pairs) > limit else ""
    return f". Kept: {'; '.join(parts)}{more}" if parts else ""


def summarize_frames(frames: Frames, by: tuple[str, ...], *, threshold: float = 0.8,
                     n_representatives: int = 3, top_words: int = 15,
                     word_groups: Sequence[str] = ("year",), dedupe: bool = False,
                     keep: set[int] | None = None) -> Summary:
    """The summary of already loaded :class:`Frames` (see :func:`summarize`).

    ``keep``: the ids of the reports to count (``years=`` / ``folders=``: every table counts
    only these); the cross-year tables are computed on all of ``frames`` — the neighbouring
    years — and keep the rows of these reports. ``frames.words`` is then the sample of the
    reports kept."""
    if not isinstance(n_representatives, numbers.Integral) or n_representatives < 1:
        raise UsageError(f"n_representatives: give a whole number of statements, 1 or more "
                         f"(got {n_representatives!r})")
    notes = files_note(frames.files) + agency_map_notes(frames.reports, frames.agency_map)
    notes += rename_notes(frames.reports)
    context = None  # the reports the cross-year tables read (None: the counted ones)
    if keep is not None:
        context, frames = frames, _frames_of(frames, keep)
        # (the kept reports' own words: _frames_of keeps those of ids in ``keep``)
    notes += corpus_notes(frames.reports, deduped=dedupe)
    if dedupe:
        frames, _ = dedupe_frames(frames)
        if context is not None:  # a kept pair's report chosen among the kept (a folder
            # may hold one of two texts), the others' by the same rule
            context, _ = dedupe_frames(_frames_of(context, _context_ids(
                context.reports, keep, set(frames.reports["id"].tolist()))))
    notes += silent_reports_note(frames.reports)
    notes += layout_notes(frames.reports)
    from nlp_reports.corpus import copying

    reps = group_ready(frames.reports)
    names = agency_names(frames.reports)  # one agency written two ways is one group
    if names:
        reps["agency"] = linked_agency(reps["agency"], names)
        if "agency" in by:
            notes += agency_names_notes(names)
    if "level" in by and "tier" not in by and (reps["level"] == "department").any():
        notes.append("level 'department' (部门) groups the departments of every tier together — "
                     "a 县教育局 with a 省教育厅; --by tier (by=['tier'] in Python) places each "
                     "under its government's tier / 按层级汇总时“部门”包括各级政府部门，按行政"
                     "层级汇总请用 --by tier（Python 中 by=['tier']）")
    st = frames.statements.merge(reps[["id", *GROUP_COLUMNS]].rename(columns={"id": "report_id"}),
                                 on="report_id", how="left")
    flags = {k: theme_flags(st, reps, k) for k in KINDS_COUNTED}
    tables: dict[str, Any] = {}
    tables["overview"] = _overview(reps, st, by)
    tables["prevalence"] = _prevalence(reps, flags, by)
    tables["trend"] = _prevalence(reps, flags, ("year",))
    tables["coverage"] = _coverage(reps, flags, by)
    index = _index_of(frames)  # (of st's texts: the same, in the same order)
    # (on a big corpus, the statements compared with last year's computed meanwhile in a
    # forked process, on the second CPU: :mod:`~nlp_reports.corpus.aside`)
    copied = aside.start(_year_over_year_tables, st, frames.reports, index, flags["problem"],
                         threshold, worth_it=context is None and len(st) >= ASIDE_STATEMENTS)
    try:
        tables["representatives"] = _representatives(st, index, n_representatives,
                                                      threshold, by)
        raw_agency = st["report_id"].map(frames.reports.set_index("id")["agency"])
        clusters, members = copying.boilerplate(st.assign(agency=raw_agency), index,
                                                threshold=threshold)
        tables["boilerplate"] = clusters
        tables["boilerplate_members"] = members
        tables["template_families"] = copying.template_families(
            st.assign(agency=raw_agency), index, members)
        year_tables = copied.result() if context is None else None
    finally:
        copied.close()
    if year_tables is not None:
        tables.update(_cross_year_tables(st, frames.reports, frames.checks, index,
                                         flags["problem"], threshold, year_tables))
    else:  # each kept report against its agency's other stored years: context's rows
        cst = context.statements
        cross = _cross_year_tables(cst, context.reports, context.checks, _index_of(context),
                                   theme_flags(cst, context.reports, "problem"), threshold)
        kept = frames.reports["id"]
        tables.update({name: df[df["report_id"].isin(kept)].reset_index(drop=True)
                       for name, df in cross.items()})
    tables["table_stats"] = _table_stats(reps, frames.checks, by)
    tables["vocabulary"] = _vocabulary(reps, frames.words, tuple(word_groups), top_words)
    notes += segmented_note(frames.words, reps)
    notes += cross_year_note(tables.get("cross_year"))
    for name, keys in (("overview", by), ("prevalence", by), ("coverage", by),
                       ("representatives", by), ("table_stats", by),
                       ("vocabulary", tuple(word_groups))):
        tables[name] = in_group_order(tables[name], keys)
    for df in tables.values():
        _nullable_year(df)
    named = frames.reports["agency"].fillna("").astype(str).str.strip() != ""
    return Summary(by=by, tables=tables, n_reports=len(reps), n_statements=len(st),
                   notes=tuple(notes), models=models_of(frames.reports),
                   model_cards=model_cards_of(frames.models),
                   no_agency=int((~named).sum()))


def in_group_order(df: Any, by: Sequence[str]) -> Any:
    """A grouped table's rows with the groups of :data:`GROUP_ORDER`'s keys in their own
    order (``--by format``: legacy, 2019, 2021; ``--by level``: national … township, then
    department), the other keys as pandas sorted them (numbers, then text), the rows of
    one group in the order they had. Unchanged (the same object) when no such key is in ``by``."""
    if (not any(b in GROUP_ORDER for b in by) or df is None or not len(df)
            or any(b not in df.columns for b in by)):
        return df

    def key(b: str) -> list[Any]:
        if b in GROUP_ORDER:
            rank = {v: i for i, v in enumerate(GROUP_ORDER[b])}
            return [(rank.get(v, len(rank)), str(v)) for v in df[b].tolist()]
        return [(0, v, "") if isinstance(v, (int, float, np.integer, np.floating)) and v == v
                else (1, 0, str(v)) for v in df[b].tolist()]

    keys = [key(b) for b in by]
    order = sorted(range(len(df)), key=lambda i: tuple(k[i] for k in keys))  # (stable)
    if order == list(range(len(df))):
        return df
    return df.iloc[order].reset_index(drop=True)


def _context_ids(reports: Any, keep: set[int], kept: set[int]) -> set[int]:
    """The reports the cross-year tables read under ``--dedupe`` with a filter: those
    ``kept`` (the kept reports left by the dedupe), and the others whose (agency, year)
    has no report in ``keep`` (a pair the filter split keeps the filter's choice)."""
    known = reports["agency"].notna() & reports["year"].notna()
    inside = reports["id"].isin(keep)
    pairs = set(zip(reports.loc[inside & known, "agency"], reports.loc[inside & known, "year"],
                    strict=True))
    pair_kept = [(a, y) in pairs for a, y in zip(reports["agency"], reports["year"],
                                                  strict=True)]
    other = ~inside & ~(known & np.asarray(pair_kept, dtype=bool))
    return kept | set(reports.loc[other, "id"].tolist())


def _cross_year_tables(st: Any, reports: Any, checks: Any, index: Any, problems: Any,
                       threshold: float, year_tables: dict[str, Any] | None = None
                       ) -> dict[str, Any]:
    """``copying``, ``copied_statements``, ``cross_year`` and ``problem_changes``: each
    report of ``reports`` against its agency's other years there (``checks`` their failed
    checks, ``index`` is the near-duplicate index of ``st``'s texts, ``problems`` its
    problem theme flags; ``year_tables``: :func:`_year_over_year_tables` of them if
    already computed)."""
    if year_tables is None:
        year_tables = _year_over_year_tables(st, reports, index, problems, threshold)
    return {"copying": year_tables["copying"],
            "copied_statements": year_tables["copied_statements"],
            "cross_year": cross_year(reports, checks),
            "problem_changes": year_tables["problem_changes"]}


#: From this many statements the year-over-year tables are computed aside, in a forked
#: process (:mod:`~nlp_reports.corpus.aside`): on 141,000 statements ~1.1 s of CPU taken
#: off this process for ~0.05 s of fork and hand-over and ~0.6 s of pages copied on write,
#: shared by the two processes (below, it costs more than it saves).
ASIDE_STATEMENTS = 20_000


def _year_over_year_tables(st: Any, reports: Any, index: Any, problems: Any,
                           threshold: float) -> dict[str, Any]:
    """``copying``, ``copied_statements`` and ``problem_changes`` of
    :func:`_cross_year_tables` (its arguments), which change none of them: they may be
    computed in a forked process (:func:`~nlp_reports.corpus.aside.start`)."""
    from nlp_reports.corpus import copying

    by_report, copied = copying.year_over_year(st, reports, index, threshold=threshold)
    return {"copying": by_report, "copied_statements": copied,
            "problem_changes": problem_changes(reports, problems, st)}


def _nullable_year(df: Any) -> None:
    """Make a table's ``year`` column pandas' nullable ``Int64``, in place: an unknown year
    is ``<NA>`` (shown "(unknown)" in Markdown and HTML), not the string "(unknown)" among
    ints, so ``trend[trend.year >= 2022]`` works on a corpus with undated reports too."""
    if df is None or "year" not in getattr(df, "columns", ()):
        return
    import pandas as pd

    col = df["year"]
    if str(col.dtype) == "Int64":
        return
    if col.dtype == np.int64:  # (the per-statement tables: no unknown year to find)
        df["year"] = pd.array(col.to_numpy(), dtype="Int64")
        return
    values = [None if v is None or v == UNKNOWN_GROUP or (isinstance(v, float) and v != v)
              else int(v) for v in col.tolist()]
    df["year"] = pd.array(values, dtype="Int64")


def models_notes(reports: Any) -> list[str]:
    """The note on predictions of several models among ``reports`` (which, and how many
    reports each: model ids cut to 12 characters), in a list; empty for one model."""
    notes: list[str] = []
    if "model_id" in reports:
        models = reports["model_id"].astype(object).where(reports["model_id"].notna(),
                                                          "(none)").value_counts()
        if len(models) > 1:
            each = "; ".join(f"{str(m)[:12]}: {n} report{'s' if n != 1 else ''}"
                             for m, n in models.items())
            notes.append(
                f"The statements were tagged by {len(models)} different models ({each}); "
                "their kinds and themes are not comparable across models. Re-tag with one "
                "model: nlp-reports tag … --db … --retag [--model DIR] (in Python: tag_paths(…, "
                "retag=True[, model=…])) / 第五部分的表述由"
                f"{len(models)}个不同模型标注（"
                + "；".join(f"{str(m)[:12]}：{n}份报告" for m, n in models.items())
                + "），不同模型判断的类型和主题不可比。请用同一模型重新标注："
                "nlp-reports tag … --db … --retag [--model DIR]")
    return notes


def corpus_notes(reports: Any, *, deduped: bool = False) -> list[str]:
    """Sentences a reader of the summary must see: predictions of several models (which,
    and how many reports each: model ids cut to 12 characters); (agency, year) pairs with
    several reports (with ``deduped``: how many reports :func:`dedupe_frames` leaves out).

    The same report in another encoding or format is stored once (its files are
    duplicates, ``docs/store-schema.md``), so several reports for one agency and year are
    different texts — a revised version, or a report and its correction — and each of them
    is counted in every table.
    """
    notes = models_notes(reports)
    from nlp_reports.parse.metadata import agency_key

    r = reports.dropna(subset=["agency", "year"])
    r = r.assign(agency=r["agency"].map(agency_key))  # one pair as dedupe_frames sees it
    sizes = r.groupby(["agency", "year"]).size()
    multi = sizes[sizes > 1]
    if len(multi) and deduped:
        left = int(multi.sum()) - len(multi)
        notes.append(
            f"dedupe: {len(multi)} (agency, year) pair{'s' if len(multi) != 1 else ''} had "
            f"more than one report; one report per pair is counted — one without a "
            f"year_conflict (its year not in doubt), then one with sections or 表三 over a "
            f"text with neither, then the one published last, else the "
            f"most complete, else the one stored last — and {left} "
            f"report{'s are' if left != 1 else ' is'} left out of every table"
            + _kept_texts(r, multi.index) + _year_conflicts(r, multi.index)
            + f" / 去重：{len(multi)}个（机关、年度）组合有多份报告，每个组合只计一份——先取年度"
            "无疑问（无 year_conflict）的，再取有章节或表三的（而非两者皆无的文本），再取发布最晚的，"
            f"再取最完整的，最后取最后入库的——共{left}份报告未计入任何表格"
            + _year_conflicts_zh(r, multi.index))
    elif len(multi):
        shown = "; ".join(f"{a} {int(y) if isinstance(y, (int, float, np.number)) else y}: {n}"
                          for (a, y), n in multi.head(3).items())
        more = f"; … {len(multi) - 3} more" if len(multi) > 3 else ""
        cut = _incomplete_copies(r, multi.index)
        why = (f"; in {cut} of them one report lacks sections another has (a truncated "
               "download?)" if cut else "")
        notes.append(
            f"{len(multi)} (agency, year) pair{'s have' if len(multi) != 1 else ' has'} more "
            f"than one report ({int(multi.sum())} reports: {shown}{more}): different texts "
            f"for one agency and year (a revised version?){why}, each counted in every table "
            "(--dedupe / dedupe=True counts one per pair). List them with: SELECT agency, "
            "year, count(*) FROM reports GROUP BY agency, year HAVING count(*) > 1"
            + _year_conflicts(r, multi.index)
            + f" / {len(multi)}个（机关、年度）组合有多份报告（共{int(multi.sum())}份）：同一机关"
            "同一年度的不同文本（修订版？）"
            + (f"，其中{cut}个组合中有报告缺少另一份报告有的章节（下载不完整？）" if cut else "")
            + "，每份都计入各表格（--dedupe 每个组合只计一份）"
            + _year_conflicts_zh(r, multi.index))
    return notes


def _conflicted(r: Any, pairs: Any) -> Any:
    """The reports of ``pairs`` ((agency, year) with several reports) the parser marked
    ``year_conflict``, or None when the store has no such column or there is no pair."""
    if "year_conflict" not in r or not len(pairs):
        return None
    return r[r.set_index(["agency", "year"]).index.isin(pairs) & r["year_conflict"].to_numpy(bool)]


def _year_conflicts(r: Any, pairs: Any, limit: int = 3) -> str:
    """". Of these, … have a year_conflict: …" for the reports of ``pairs`` ((agency, year)
    with several reports) whose title's year disagrees with their data period or dates (the
    parser's ``year_conflict``): one may be another year's report filed under this year,
    which :func:`dedupe_frames` may keep over the genuine one, or leave out instead of it."""
    hit = _conflicted(r, pairs)
    if hit is None or hit.empty:
        return ""
    names = "; ".join(
        f"{a} {int(y)}: {os.path.basename(p) if isinstance(p, str) and p else f'report {i}'}"
        for i, a, y, p in list(zip(hit["id"], hit["agency"], hit["year"],
                                   hit["path"] if "path" in hit else hit["id"], strict=True))[:limit]
        ) + (f"; … {len(hit) - limit} more" if len(hit) > limit else "")
    return (f". Of these, {len(hit)} report{'s have' if len(hit) != 1 else ' has'} a "
            f"year_conflict (the title's year disagrees with its data period or dates; it may "
            f"be another year's report, counted here instead of or beside this year's): {names}. "
            "List them with: SELECT path, message FROM problems JOIN reports ON reports.id = "
            "report_id WHERE code = 'year_conflict'")


def _year_conflicts_zh(r: Any, pairs: Any) -> str:
    """:func:`_year_conflicts`' count in Chinese (the names are in the English sentence)."""
    hit = _conflicted(r, pairs)
    n = 0 if hit is None else len(hit)
    return (f"。其中{n}份报告存在年度冲突（year_conflict：标题年度与数据期间或日期不符，可能是"
            "其他年度的报告，计入了本年度）" if n else "")


def files_note(files: Any) -> list[str]:
    """The note saying how many files of the store are in no table: those that could not be
    read (``files.status = 'failed'``, by reason) and the copies of a stored report
    (``duplicate``: counted once, as the report they repeat). Why: a reader who counts the
    files of the collection finds more than ``n_reports`` and must learn where they went."""
    if files is None or not len(files):
        return []
    failed = files[files["status"] == "failed"]
    n_failed = int(failed["n"].sum())
    n_dup = int(files.loc[files["status"] == "duplicate", "n"].sum())
    parts = []
    if n_failed:
        why = ", ".join(f"{r if isinstance(r, str) else 'unknown'}: {int(n)}"
                        for r, n in zip(failed["reason"], failed["n"], strict=True))
        parts.append(f"{n_failed} file{'s' if n_failed != 1 else ''} could not be read "
                     f"({why}) and {'are' if n_failed != 1 else 'is'} in no table; list "
                     f"{'them' if n_failed != 1 else 'it'} with nlp-reports audit or SELECT "
                     "path, reason, message FROM files WHERE status = 'failed'")
    if n_dup:
        parts.append(f"{n_dup} file{'s' if n_dup != 1 else ''} held the same report as a "
                     f"stored file (a copy, or the same text in other bytes) and "
                     f"{'are' if n_dup != 1 else 'is'} counted once, as that report "
                     "(SELECT * FROM duplicates)")
    zh = []
    if n_failed:
        zh.append(f"{n_failed}个文件无法读取（{why}），未计入任何表格，可用 nlp-reports audit 列出")
    if n_dup:
        zh.append(f"{n_dup}个文件与已入库的报告相同（副本，或同一报告的另一种编码、格式），"
                  "只按该报告计一次")
    return ["; ".join(parts) + " / " + "；".join(zh)] if parts else []


def silent_reports_note(reports: Any) -> list[str]:
    """The note naming the counted reports with no statement in section 五 (missing, 无,
    a truncated file): they are in every share's denominator as stating no theme."""
    if "n_statements" not in reports:
        return []
    none = reports.loc[reports["n_statements"].fillna(0) == 0]
    if not len(none):
        return []
    names = "; ".join(f"{a if isinstance(a, str) else '(no agency)'} "
                      f"{int(y) if isinstance(y, (int, float)) and y == y else ''}".strip()
                      for a, y in zip(none["agency"].head(3), none["year"].head(3),
                                      strict=True))
    more = f"; … {len(none) - 3} more" if len(none) > 3 else ""
    return [f"{len(none)} report{'s have' if len(none) != 1 else ' has'} no statement in "
            f"section 五 ({names}{more}: missing, 无, or a truncated file); "
            f"{'they count' if len(none) != 1 else 'it counts'} in every share's "
            "denominator as stating no theme. The audit lists them (section5_empty, "
            f"missing_sections) / {len(none)}份报告第五部分没有任何表述（{names}"
            + (f"；另有{len(none) - 3}份" if len(none) > 3 else "")
            + "：缺失、只写“无”或文件不完整），在各比例的分母中计为未提及任何主题；审查（nlp-reports audit）逐份列出"
            "（section5_empty、missing_sections）"]


#: The report layouts (``format``) in the order they were in force, with what a reader of a
#: series must know of each (format.md §3.7: the 2007 条例, 国办公开办函〔2019〕60号, 〔2021〕30号).
LAYOUT_ERAS: tuple[tuple[str, str, str], ...] = (
    ("legacy", "free layout of the 2007 条例 (no 表三/表四: application counts only from the "
     "text, *_narrative; a part on problems not always written)",
     "2007年条例下的自由格式（无表三、表四，申请数只能取自正文，即 *_narrative 列；不一定单列存在的问题）"),
    ("2019", "2019 试行 format (six fixed parts, 表二–表四)", "2019年试行格式（固定六部分，有表二至表四）"),
    ("2021", "2021 format", "2021年格式"),
)


def layout_notes(reports: Any) -> list[str]:
    """The note saying the counted reports span several layouts (``format``): legacy
    (2008–2018), the 2019 试行 format, the 2021 format — with the years of each. Why: a
    series by year crossing 2018/2019 or 2020/2021 changes with the format (a fixed section
    五, tables instead of prose counts), which a reader could take for a change of what the
    agencies did; ``--by format`` or a comparison within one layout keeps them apart."""
    if "format" not in reports or not len(reports):
        return []
    import pandas as pd

    years = pd.to_numeric(reports["year"], errors="coerce")
    spans = []
    for fmt, en, zh in LAYOUT_ERAS:
        y = years[(reports["format"] == fmt).to_numpy()].dropna()
        if len(y):
            span = f"{int(y.min())}–{int(y.max())}" if y.min() != y.max() else f"{int(y.min())}"
            spans.append((fmt, span, en, zh))
    if len(spans) < 2:
        return []
    en = "; ".join(f"{fmt} ({span}): {text}" for fmt, span, text, _ in spans)
    zh = "；".join(f"{span}年度为{text}" for _, span, _, text in spans)
    return [f"the reports span {len(spans)} layouts — {en}. A change between years on either "
            "side of a format change may be the format's, not the agencies': compare within "
            "a layout, or group by format (--by format; by=['format'] in Python) / 所汇总的报告分属"
            "不同版式：" + zh + "。跨越版式变更的年度间差异可能源于格式变化，而非机关做法的变化；"
            "请在同一版式内比较，或按版式汇总（命令行 --by format；Python 中 by=['format']）"]


def _incomplete_copies(reports: Any, pairs: Any) -> int:
    """How many of the (agency, year) ``pairs`` hold a report whose missing sections
    (``missing_sections``, a JSON list) include one another report of the pair has."""
    if "missing_sections" not in reports:
        return 0

    def missing(x: Any) -> frozenset[int]:
        try:
            return frozenset(json.loads(x)) if isinstance(x, str) else frozenset()
        except ValueError:
            return frozenset()

    wanted = set(pairs)
    n = 0
    for key, g in reports.groupby(["agency", "year"]):
        if key not in wanted:
            continue
        sets = [missing(x) for x in g["missing_sections"]]
        if any(a - b for a in sets for b in sets):
            n += 1
    return n


def group_ready(reports: Any) -> Any:
    """Reports with group columns filled (:func:`unknown_group`: "(unknown)", "(level not
    identified / 未识别层级)") and years as ints."""
    reps = reports.copy()
    for b in GROUP_COLUMNS:
        if b in reps:
            reps[b] = reps[b].astype(object).where(reps[b].notna(), unknown_group(b))
    if "year" in reps:
        reps["year"] = reps["year"].map(
            lambda y: int(y) if isinstance(y, (int, float, np.integer, np.floating)) else y)
    return reps


def theme_flags(st: Any, reps: Any, kind: str) -> Any:
    """report id × theme 0/1: the report has a statement of ``kind`` on the theme."""
    import pandas as pd

    sub = st[st["kind"] == kind]
    masks = sub["theme_mask"].to_numpy(dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(len(THEME_IDS))) & 1).astype(np.int8)
    per = pd.DataFrame(bits, columns=list(THEME_IDS), index=sub["report_id"].to_numpy())
    flags = per.groupby(level=0).max()
    return flags.reindex(reps["id"], fill_value=0).fillna(0).astype(int)


def _overview(reps: Any, st: Any, by: Sequence[str]) -> Any:
    import pandas as pd

    st = st.assign(problem=st["kind"] == "problem", measure=st["kind"] == "measure")
    per = st.groupby("report_id").agg(problems=("problem", "sum"), measures=("measure", "sum"))
    r = reps.set_index("id").join(per).fillna({"problems": 0, "measures": 0})
    r["n_statements"] = r["n_statements"].astype(int)
    # reports stating at least one problem / measure (有无问题: "what share of the reports
    # admit any problem?"), beside the statement counts
    r["with_problems"] = r["problems"] > 0
    r["with_measures"] = r["measures"] > 0
    keys = list(by)
    if keys:
        g = r.groupby(keys, dropna=False)
        out = pd.DataFrame({"reports": g.size(), "statements": g["n_statements"].sum(),
                            "problem_statements": g["problems"].sum().astype(int),
                            "measure_statements": g["measures"].sum().astype(int),
                            "agencies": g["agency"].nunique(),
                            "with_problems": g["with_problems"].sum().astype(int),
                            "with_measures": g["with_measures"].sum().astype(int)}).reset_index()
    else:
        out = pd.DataFrame([{"reports": len(r), "statements": int(r["n_statements"].sum()),
                             "problem_statements": int(r["problems"].sum()),
                             "measure_statements": int(r["measures"].sum()),
                             "agencies": int(r["agency"].nunique()),
                             "with_problems": int(r["with_problems"].sum()),
                             "with_measures": int(r["with_measures"].sum())}])
    n = out["reports"].where(out["reports"] > 0)
    out.insert(out.columns.get_loc("with_problems") + 1, "share_with_problems",
               (out["with_problems"] / n).round(3))
    out["share_with_measures"] = (out["with_measures"] / n).round(3)
    return out


def _prevalence(reps: Any, flags: dict[str, Any], by: Sequence[str]) -> Any:
    import pandas as pd

    keys = list(by)
    frames = []
    for kind, f in flags.items():
        if keys:
            g = reps.set_index("id")[keys]
            counts = f.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum()
            sizes = g.groupby(keys, dropna=False).size()
        else:
            counts = pd.DataFrame([f.sum()], index=pd.Index([0], name="_all"))
            sizes = pd.Series([len(f)], index=counts.index)
        long = counts.stack().rename("reports").reset_index()
        long.columns = [*counts.index.names, "theme", "reports"]
        long["n_reports"] = long.set_index(list(counts.index.names)).index.map(sizes).to_numpy()
        long.insert(len(counts.index.names), "kind", kind)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    if not keys:
        out = out.drop(columns=["_all"])
    out["theme_name"] = out["theme"].map(THEME_NAMES)
    out["reports"] = out["reports"].astype(int)
    out["share"] = (out["reports"] / out["n_reports"].where(out["n_reports"] > 0)).round(3)
    order = [*keys, "kind", "theme", "theme_name", "reports", "n_reports", "share"]
    return out[order].sort_values([*keys, "kind", "reports"], ascending=[True] * len(keys)
                                  + [True, False], kind="stable").reset_index(drop=True)


def _coverage(reps: Any, flags: dict[str, Any], by: Sequence[str]) -> Any:
    import pandas as pd

    p, m = flags["problem"], flags["measure"]
    both = p & m
    keys = list(by)
    if keys:
        g = reps.set_index("id")[keys]
        admitted = p.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum().stack()
        covered = both.join(g).groupby(keys, dropna=False)[list(THEME_IDS)].sum().stack()
        out = pd.DataFrame({"reports_admitting": admitted, "also_measure": covered}).reset_index()
        out.columns = [*keys, "theme", "reports_admitting", "also_measure"]
    else:
        out = pd.DataFrame({"theme": list(THEME_IDS), "reports_admitting": p.sum().to_numpy(),
                            "also_measure": both.sum().to_numpy()})
    out.insert(len(keys) + 1, "theme_name", out["theme"].map(THEME_NAMES))
    out["share"] = (out["also_measure"] / out["reports_admitting"].where(
        out["reports_admitting"] > 0)).round(3)
    return out.reset_index(drop=True)


#: How many of a theme's best-scored wordings :func:`_distinct_picks` looks through for
#: ranks that are not near-duplicates of a higher rank.
REPRESENTATIVE_SCAN = 200
#: At most this many statements of one theme and kind in a group make its centroid (a
#: deterministic sample above): enough for a centroid.
REPRESENTATIVE_SAMPLE = 5000
#: Wordings scored per block of :func:`_centroid_scores`: the block's centroids and rows are
#: a few MB, whatever the number of groups.
_SCORE_BLOCK = 20_000


def _centroid_scores(x: Any, cell: Any, u: Any, weight: Any) -> Any:
    """The cosine of each wording ``u[p]`` (a row of the L2-normalised CSR ``x``) with the
    centroid of its cell ``cell[p]`` (the cell's rows weighted by ``weight``; ``cell``
    sorted), 0 where a centroid is zero. All cells at once, sparse, a block of cells at a
    time: a centroid's nonzeros are looked up by (cell, column) for each nonzero of the
    wording's row — no dense copy, no per-cell call (a summary by agency has ~100,000 cells
    of a few wordings, whose per-cell numpy and scipy calls cost 3.4 s on 20,000 reports)."""
    from scipy import sparse

    out = np.zeros(len(u))
    if not len(u):
        return out
    n_cols = x.shape[1]
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
    # blocks of whole cells, a new one at the first cell past each _SCORE_BLOCK wordings
    bounds = [*starts[np.r_[True, np.diff(starts // _SCORE_BLOCK) > 0]].tolist(), len(u)]
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=False):
        c, local = np.unique(cell[lo:hi], return_inverse=True)
        w = sparse.csr_matrix((weight[lo:hi], (local, u[lo:hi])), shape=(len(c), x.shape[0]))
        cen = (w @ x).tocsr()
        cen.sum_duplicates()
        cen.sort_indices()
        norm = np.sqrt(np.bincount(np.repeat(np.arange(len(c)), np.diff(cen.indptr)),
                                   weights=cen.data * cen.data, minlength=len(c)))
        rows = x[u[lo:hi]]
        lens = np.diff(rows.indptr)
        owner = np.repeat(local, lens)
        keys = np.repeat(np.arange(len(c)), np.diff(cen.indptr)) * n_cols + cen.indices
        at = np.searchsorted(keys, owner * n_cols + rows.indices)
        dots = np.bincount(np.repeat(np.arange(hi - lo), lens),
                           weights=rows.data * cen.data[at], minlength=hi - lo)
        nrm = norm[local]
        out[lo:hi] = np.divide(dots, nrm, out=np.zeros(hi - lo), where=nrm > 0)
    return out


def _distinct_picks(index: Any, cell: Any, u: Any, n: int, threshold: float) -> Any:
    """For each cell's wordings ``u`` (``cell`` sorted, best first within a cell), the
    positions of the first ``n`` none of which is a near-duplicate of one picked before it,
    among the cell's first :data:`REPRESENTATIVE_SCAN`: cosine ≥ ``threshold`` (the rows of
    ``index.tfidf``), or one normalised text (``index.unique``) of
    :data:`~nlp_reports.corpus.copying.MIN_CONTAINED` characters or more lying inside the
    other. The same sentence with another tail (…，在用地审批领域尤为明显), a word changed, or
    merged with another item is one typical statement, not three (else a theme's ranks 1–3
    could be one sentence three times). Each rank's cosines with the candidates after it
    are one row-wise product over every cell; only the walk to the next pick is Python."""
    from nlp_reports.corpus.copying import MIN_CONTAINED

    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]) if len(cell) else \
        np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(cell)].astype(np.int64)
    ends = np.minimum(ends, starts + REPRESENTATIVE_SCAN)
    picks: list[list[int]] = [[int(s)] for s in starts.tolist()]
    if n <= 1 or not len(starts):
        return picks
    texts = index.unique
    uu = u.tolist()
    ends_l = ends.tolist()
    cos_l: list[list[float]] = []  # per rank picked: cosine of every later position with it
    active = np.arange(len(starts))
    for _ in range(n - 1):
        last = np.array([picks[c][-1] for c in active.tolist()], dtype=np.int64)
        # every position after the cell's last pick (within the scan) against that pick
        lens = np.maximum(ends[active] - last - 1, 0)
        pos = np.repeat(last + 1 - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        cos = np.full(len(cell), np.nan)
        cos[pos] = index.cosine(u[pos], u[np.repeat(last, lens)])
        cos_l.append(cos.tolist())
        still = []
        for c in active.tolist():
            got = picks[c]
            for i in range(got[-1] + 1, ends_l[c]):
                ti = texts[uu[i]]
                for r, j in enumerate(got):
                    tj = texts[uu[j]]
                    a, b = (ti, tj) if len(ti) <= len(tj) else (tj, ti)
                    if cos_l[r][i] >= threshold or (len(a) >= MIN_CONTAINED and a in b):
                        break
                else:
                    got.append(i)
                    break
            if len(got) < n and len(got) == len(cos_l) + 1 and got[-1] + 1 < ends_l[c]:
                still.append(c)
        active = np.array(still, dtype=np.int64)
        if not len(active):
            break
    return picks


def _representatives(st: Any, index: Any, n: int, threshold: float = 0.8,
                     by: Sequence[str] = ()) -> Any:
    """Per theme × kind — and per group of ``by`` (its columns first, as in the other
    grouped tables) — the statements closest (TF-IDF cosine) to the centroid of that
    theme and kind's statements in the group, no rank a near-duplicate (cosine ≥
    ``threshold``) of a higher one: what a county's staffing problems typically say, not
    the corpus's. Without ``by``, the whole corpus is one group.

    The centroid weights each wording by the number of different agencies that use it (a
    report without an agency is one of its own): an agency that copies its text year after
    year, or has several versions of one report, counts once, so one agency's repetition
    does not become what the theme "typically" sounds like.

    Every group × kind × theme cell is computed at once (array operations over all cells:
    :func:`_centroid_scores`, :func:`_distinct_picks`), not cell by cell."""
    import pandas as pd

    from nlp_reports.corpus.copying import sorted_unique

    keys = list(by)
    cols = [*keys, *(c for c in ("theme", "theme_name", "kind", "rank", "text", "agency",
                                 "year", "score", "n_statements") if c not in keys)]
    if not len(st):
        return pd.DataFrame([], columns=cols)
    uid = index.uid
    agency = st["agency"].astype(object)
    unknown = agency.isna() | (agency == UNKNOWN_GROUP)
    who = np.asarray(pd.factorize(agency.where(~unknown, "\x00" + st["report_id"].astype(str)))[0],
                     dtype=np.int64)
    n_who = max(int(who.max()) + 1, 1)
    masks = st["theme_mask"].to_numpy(dtype=np.int64)
    kind_col = st["kind"].to_numpy(dtype=object)
    # (columns read once: st.iloc per row cost 0.15 ms, 15,000 rows by agency)
    texts, agencies, years = (st[c].to_numpy(dtype=object) for c in ("text", "agency", "year"))
    group = (st.groupby(keys, sort=True, dropna=False).ngroup().to_numpy(dtype=np.int64)
             if keys else np.zeros(len(st), dtype=np.int64))
    n_kinds, n_themes = len(KINDS_COUNTED), len(THEME_IDS)
    # the (cell, statement) pairs: a cell is a group × kind × theme, numbered in the order
    # the table lists them (groups sorted, then kind, then theme)
    cells, rows = [], []
    for k, kind in enumerate(KINDS_COUNTED):
        of_kind = np.flatnonzero(kind_col == kind)
        for bit in range(n_themes):
            sel = of_kind[((masks[of_kind] >> bit) & 1).astype(bool)]
            cells.append((group[sel] * n_kinds + k) * n_themes + bit)
            rows.append(sel)
    cell = np.concatenate(cells)
    row = np.concatenate(rows)
    if not len(cell):  # (no problem or measure with a theme)
        return pd.DataFrame([], columns=cols)
    order = np.lexsort((row, cell))
    cell, row = cell[order], row[order]
    cell_ids, cell_start, n_sel = np.unique(cell, return_index=True, return_counts=True)
    big = np.flatnonzero(n_sel > REPRESENTATIVE_SAMPLE)
    if len(big):  # a deterministic sample of a big cell is enough for its centroid
        keep = np.ones(len(cell), dtype=bool)
        for c in big.tolist():
            s, m = int(cell_start[c]), int(n_sel[c])
            keep[s:s + m] = False
            keep[s + np.linspace(0, m - 1, REPRESENTATIVE_SAMPLE).astype(int)] = True
        cell, row = cell[keep], row[keep]
    # the cell's wordings (ascending), each with its first statement and its agencies
    cu = uid[row]
    order = np.lexsort((row, cu, cell))
    cell, row, cu = cell[order], row[order], cu[order]
    new = np.r_[True, (cell[1:] != cell[:-1]) | (cu[1:] != cu[:-1])]
    p_cell, p_u, p_first = cell[new], cu[new], row[new]
    pair_of = np.cumsum(new) - 1
    triple = sorted_unique(pair_of * n_who + who[row])
    p_agencies = np.bincount(triple // n_who, minlength=len(p_cell)).astype(np.float64)
    starts = np.flatnonzero(np.r_[True, p_cell[1:] != p_cell[:-1]])
    m = np.diff(np.r_[starts, len(p_cell)])
    # each wording weighted by its share of the cell's agencies (a one-wording cell: its
    # own centroid, the score its norm)
    totals = np.add.reduceat(p_agencies, starts) if len(starts) else np.zeros(0)
    weight = p_agencies / np.repeat(totals, m)
    scores = _centroid_scores(index.tfidf, p_cell, p_u, weight)
    single = np.repeat(m == 1, m)
    if single.any():
        one = index.tfidf[p_u[single]]
        scores[single] = np.sqrt(np.asarray(one.multiply(one).sum(axis=1)).ravel())
    # best first within a cell; equal scores (two wordings of one agency each: a tie) in the
    # wordings' order, not by the last bits of a sum
    order = np.lexsort((p_u, -scores.round(9), p_cell))
    p_cell, p_u, p_first, scores = p_cell[order], p_u[order], p_first[order], scores[order]
    picks = _distinct_picks(index, p_cell, p_u, n, threshold)
    # the table's rows, column by column: (cell, rank) in order, each the pick's wording
    n_got = np.fromiter(map(len, picks), dtype=np.int64, count=len(picks))
    at = np.fromiter((p for got in picks for p in got), dtype=np.int64, count=int(n_got.sum()))
    ranks = (np.arange(len(at)) - np.repeat(np.cumsum(n_got) - n_got, n_got) + 1).tolist()
    c = p_cell[at]
    g, rest = np.divmod(c, n_kinds * n_themes)
    k, bit = np.divmod(rest, n_themes)
    first = p_first[at]
    themes = [THEME_IDS[b] for b in bit.tolist()]
    first_of_group = np.unique(group, return_index=True)[1]
    heads = [[st[key].iat[int(i)] for i in first_of_group] for key in keys]
    columns = {key: [head[j] for j in g.tolist()] for key, head in zip(keys, heads, strict=True)}
    columns.update({
        "theme": themes, "theme_name": [THEME_NAMES[t] for t in themes],
        "kind": [KINDS_COUNTED[j] for j in k.tolist()], "rank": ranks,
        "text": texts[first].tolist(), "agency": agencies[first].tolist(),
        "year": years[first].tolist(),
        "score": [round(v, 3) for v in scores[at].tolist()],
        "n_statements": n_sel[np.searchsorted(cell_ids, c)].tolist()})
    # (rows as tuples: the columns' types inferred as from the rows of dicts it replaced)
    out = list(zip(*(columns[col] for col in cols), strict=True))
    # a key that is a statement column (agency, year) is the group column, once
    return pd.DataFrame(out, columns=cols)


def pairs_by_year(reports: Any) -> Any:
    """(agency, year, report_id, prev_report_id) for each report with one the year before."""
    from nlp_reports.parse.metadata import agency_key

    r = reports[["id", "agency", "year"]].dropna(subset=["agency", "year"])
    r = r.assign(year=r["year"].astype(int), key=r["agency"].map(agency_key))  # 行署 = 行政公署
    pairs = r.merge(r.assign(year=r["year"] + 1).drop(columns="agency"), on=["key", "year"],
                    suffixes=("", "_prev")).drop(columns="key")
    return pairs.rename(columns={"id": "report_id", "id_prev": "prev_report_id"})


CROSS_YEAR_COLUMNS: tuple[str, ...] = (
    "agency", "year", "report_id", "prev_report_id", "check", "table_id", "row", "column",
    "expected", "found", "outcome", "soft", "reason", "previous_inconsistent")

#: Why X1 could not be assessed for a report whose 表三 row 二 (上年结转) was read: the
#: ``reason`` of its ``not_assessable`` row in ``cross_year``.
CROSS_YEAR_REASONS: dict[str, tuple[str, str]] = {
    "previous_missing": ("no report of the year before is stored, though an earlier one is",
                         "未收录上一年度报告（更早年度有）"),
    "first_stored_year": ("no earlier report of the agency is stored", "本机关无更早年度的报告"),
    "previous_legacy": ("the year before is in the older layout (no 表三)",
                        "上一年度报告为旧版式（无表三）"),
    "previous_unreadable": ("the year before's 表三 could not be read whole", "上一年度表三无法完整读取"),
    "previous_not_stated": ("the year before's 表三 row 四 (结转下年度) is blank or absent",
                            "上一年度表三“结转下年度继续办理”未填或缺表"),
}


def cross_year(reports: Any, checks: Any = None, *, tolerance: float = 1e-6) -> Any:
    """X1 (四 of t−1 = 二 of t, per column) and X2 (现行有效 stock-and-flow, soft) per agency.

    One row per assessed comparison (both operands written): agency, year, check, row,
    column, expected, found, outcome (fail first, then pass), soft; then one
    ``not_assessable`` X1 row (column, expected and found blank) per report whose 表三 row
    二 was read but that no X1 comparison assessed, its ``reason`` one of
    :data:`CROSS_YEAR_REASONS` (blank in the assessed rows). ``previous_inconsistent``:
    True on an X1 row whose year before's own 表三 fails I1 in that column
    (:func:`previous_inconsistent`, from ``checks``, the failed checks; False without them).
    """
    import pandas as pd

    pairs = pairs_by_year(reports)
    out = _cross_year(reports, pairs, tolerance)
    flagged = (previous_inconsistent(out, checks) != "") if checks is not None and len(out) \
        else pd.Series(False, index=out.index)
    return out.assign(previous_inconsistent=flagged.astype(bool))[list(CROSS_YEAR_COLUMNS)]


def cross_year_failures(cross: Any) -> Any:
    """The failing rows of ``cross`` (:func:`cross_year`) that are findings of their year: a
    cell that also passes against another text of the year compared (a year filed twice, a
    report and its corrected text) agrees with one of them, so its failure against the other
    is that text's matter, not this year's. The audit and the HTML summary count these."""
    fails = cross[cross["outcome"] == "fail"]
    agreed = cross[cross["outcome"] == "pass"]
    if not len(fails) or not len(agreed):  # (an empty mask list would select no columns)
        return fails
    cell = ["report_id", "check", "table_id", "row", "column"]
    held = set(agreed[cell].astype(str).itertuples(index=False, name=None))
    return fails[[k not in held for k in fails[cell].astype(str).itertuples(index=False,
                                                                             name=None)]]


def _cross_year(reports: Any, pairs: Any, tolerance: float) -> Any:
    """:func:`cross_year` but its ``previous_inconsistent`` column."""
    import pandas as pd

    columns = list(CROSS_YEAR_COLUMNS[:-1])
    if pairs.empty:
        return _with_unassessed(pd.DataFrame(columns=columns), reports, pairs)
    vals = reports.set_index("id")
    cur = vals.loc[pairs["report_id"]].reset_index(drop=True)
    old = vals.loc[pairs["prev_report_id"]].reset_index(drop=True)
    # one part per comparison (check, table, row, column, soft), its text written once
    # after the parts are joined: 14 parts' text columns built each from a scalar were
    # 0.13 s of Arrow strings on 20,000 reports
    kinds = [("X1", "table3", "2", col, False) for col in X1_COLUMNS] + \
        [("X2", "table2.1", row, "in_force", True) for row in X2_ROWS]
    parts = []
    for k, col in enumerate(X1_COLUMNS):
        parts.append(pairs.assign(_part=k, expected=old[f"x1_out_{col}"].to_numpy(),
                                  found=cur[f"x1_in_{col}"].to_numpy()))
    for k, row in enumerate(X2_ROWS, start=len(X1_COLUMNS)):
        expected = (old[f"x2_{row}_in_force"] + cur[f"x2_{row}_issued"]
                    - cur[f"x2_{row}_repealed"])
        parts.append(pairs.assign(_part=k, expected=expected.to_numpy(),
                                  found=cur[f"x2_{row}_in_force"].to_numpy()))
    out = pd.concat(parts, ignore_index=True).dropna(subset=["expected", "found"])
    part = out["_part"].to_numpy()
    for j, name in enumerate(("check", "table_id", "row", "column")):
        out[name] = pd.Series([kind[j] for kind in kinds]).array.take(part)
    out["soft"] = np.array([kind[4] for kind in kinds], dtype=bool)[part]
    ok = (out["expected"] - out["found"]).abs() <= tolerance
    out["outcome"] = np.where(ok, "pass", "fail")
    out["_order"] = ok.astype(int)
    # (check, row, column) sorted as the part's rank: one part each, the same order
    rank = {k: i for i, k in enumerate(sorted(range(len(kinds)),
                                              key=lambda k: (kinds[k][0], kinds[k][2],
                                                             kinds[k][3])))}
    out["_rank"] = np.array([rank[k] for k in range(len(kinds))], dtype=np.int64)[part]
    out = out.sort_values(["_order", "agency", "year", "_rank"])
    out["reason"] = ""
    return _with_unassessed(out[columns].reset_index(drop=True), reports, pairs)


def _with_unassessed(assessed: Any, reports: Any, pairs: Any) -> Any:
    """``assessed`` and, after it, a ``not_assessable`` X1 row for each report with a value
    of 表三 row 二 that no X1 row of ``assessed`` compares (:data:`CROSS_YEAR_REASONS`)."""
    import pandas as pd

    inn = [f"x1_in_{c}" for c in X1_COLUMNS]
    out_ = [f"x1_out_{c}" for c in X1_COLUMNS]
    if not set(inn + out_) <= set(reports.columns):
        return assessed
    r = reports.dropna(subset=["agency", "year"])
    done = set(assessed.loc[assessed["check"] == "X1", "report_id"].tolist())
    wanted = r[r[inn].notna().any(axis=1).to_numpy() & ~r["id"].isin(done).to_numpy()]
    if wanted.empty:
        return assessed
    from nlp_reports.parse.metadata import agency_key

    prev = (dict(zip(pairs["report_id"], pairs["prev_report_id"], strict=True))
            if len(pairs) else {})
    first = r.assign(key=r["agency"].map(agency_key)).groupby("key")["year"].min()
    first = dict(zip(first.index.tolist(), first.tolist(), strict=True))
    # (the year before's layout and 表三 by id, looked up in dicts: a frame lookup each
    # was 0.1 s over 4,000 reports)
    ids = reports["id"].tolist()
    layout = dict(zip(ids, reports["format"].tolist(), strict=True))
    partial = (dict(zip(ids, reports["table3_partial"].tolist(), strict=True))
               if "table3_partial" in reports else None)
    rows = []
    for rid, agency, year in zip(wanted["id"].tolist(), wanted["agency"].tolist(),
                                 wanted["year"].tolist(), strict=True):
        p = prev.get(rid)
        if p is None:
            reason = ("first_stored_year" if year <= first.get(agency_key(agency), year)
                      else "previous_missing")
        elif layout[p] == "legacy":
            reason = "previous_legacy"
        elif partial is not None and bool(partial[p]):
            reason = "previous_unreadable"
        else:
            reason = "previous_not_stated"
        rows.append({"agency": agency, "year": int(year), "report_id": rid,
                     "prev_report_id": p, "check": "X1", "table_id": "table3", "row": "2",
                     "column": None, "expected": np.nan, "found": np.nan,
                     "outcome": "not_assessable", "soft": False, "reason": reason})
    extra = pd.DataFrame(rows, columns=list(CROSS_YEAR_COLUMNS[:-1])).sort_values(
        ["agency", "year"])
    if assessed.empty:
        out = extra.reset_index(drop=True)
    else:  # (each part's ids made Int64 first: a column of Python objects converts slowly)
        out = pd.concat([assessed.astype({"prev_report_id": "Int64"}),
                         extra.astype({"prev_report_id": "Int64"})], ignore_index=True)
    out["prev_report_id"] = out["prev_report_id"].astype("Int64")  # (blank: no such report)
    return out


def previous_inconsistent(cross: Any, checks: Any) -> Any:
    """Per cross-year row (of :func:`cross_year`; ``checks``: failed checks, as
    :class:`Frames`' ``checks``): "I1" when the year before's 表三 fails I1 in that X1
    column (一 + 二 ≠ (七)总计 + 四: its row 四 cell, 结转下年度, is in doubt), "I1、I2" when
    I2 of row 四 fails too over that cell (总计 vs the applicant columns, or 法人或其他组织小计
    vs the organisation columns); "" otherwise and for X2. I2 alone is not enough: a row 四
    that does not add up while this column does points at another column's cell (a
    商业企业 case left in 四 fails I1 there, and I2 of 四, not I1 of 总计). Such a carry-over
    cannot tell which year is wrong. The audit makes such an X1 failure a signal
    (``cross_year_soft``), and ``cross_year``'s ``previous_inconsistent`` flags it."""
    import pandas as pd

    if not len(cross):
        return pd.Series("", index=cross.index, dtype=object)
    from nlp_reports.parse.layout import TABLE3_APPLICANT_COLUMNS

    t3 = checks[(checks["table_id"] == "table3") & (checks["outcome"] == "fail")]
    i1 = set(zip(*(t3.loc[t3["id"] == "I1", c] for c in ("report_id", "column")),
                 strict=True))
    i2 = t3[(t3["id"] == "I2") & (t3["row"].astype(str) == "4")]
    # the cells of row 四 each failing I2 reads: 总计 with the six columns, 小计 with five
    over = {"total": {"total", *TABLE3_APPLICANT_COLUMNS},
            "legal_subtotal": {"legal_subtotal", *TABLE3_APPLICANT_COLUMNS[1:]}}
    i2_cells = {(rid, c) for rid, col in zip(i2["report_id"], i2["column"], strict=True)
                for c in over.get(col, ())}
    out = np.full(len(cross), "", dtype=object)
    # only the X1 rows with a year before are looked up, from plain lists: the rows one by
    # one (Arrow and nullable cells, pd.isna each) cost 0.17 s over 148,000 rows
    at = np.flatnonzero((cross["check"] == "X1").to_numpy(dtype=bool)
                        & cross["prev_report_id"].notna().to_numpy())
    prevs = cross["prev_report_id"].take(at).tolist()
    cols = cross["column"].take(at).tolist()
    for k, prev, col in zip(at.tolist(), prevs, cols, strict=True):
        if (prev, col) in i1:
            out[k] = "I1、I2" if (prev, col) in i2_cells else "I1"
    return pd.Series(out, index=cross.index, dtype=object)


def cross_year_note(cross: Any) -> list[str]:
    """The note on the reports X1 could not be assessed for (``cross_year``'s
    ``not_assessable`` rows), by reason, in English and Chinese; empty when there are none
    but ``first_stored_year`` ones (where each agency's series starts: no hole in it)."""
    if cross is None or "reason" not in cross or not len(cross):
        return []
    missed = cross.loc[(cross["outcome"] == "not_assessable")
                       & (cross["reason"] != "first_stored_year"), "reason"].value_counts()
    if missed.empty:
        return []
    n = int(missed.sum())
    en = "; ".join(f"{int(k)} {r} ({CROSS_YEAR_REASONS[r][0]})" for r, k in missed.items())
    zh = "；".join(f"{CROSS_YEAR_REASONS[r][1]}{int(k)}份" for r, k in missed.items())
    return [f"cross_year: {n} report{'s' if n != 1 else ''} with 表三 row 二 (上年结转) read "
            f"could not be compared with the year before (X1 not assessed): {en}; each is a "
            "not_assessable row of cross_year with its reason / 跨年度核对：" + f"{n}份报告已读取"
            f"表三“上年结转”但无法与上一年度核对（{zh}），见 cross_year 表中 not_assessable 行"]


def problem_changes(reports: Any, problem_flags: Any, statements: Any = None) -> Any:
    """Per report: problem themes new, persisting, reappearing or disappeared, compared with
    the agency's previous stored year (``prev_year`` says which).

    Several reports for one agency and year (without ``dedupe``) each get their rows, as
    in every table; a theme counts as stated in a year when any of its reports states it.
    A row is a theme, not a statement (a problem on three themes gives three rows): with
    ``statements`` (report_id, idx, kind, theme_mask) each row names the report's problem
    statements on its theme (``statement_idx``, "2,5"; empty for ``disappeared``); with
    their ``text`` too, a report whose 五 holds only a lead-in ("主要存在以下问题：") states
    nothing, as in ``copying`` (:func:`_stated_counts`).
    """
    import pandas as pd

    from nlp_reports.parse.metadata import agency_key

    r = reports[["id", "agency", "year"]].dropna(subset=["agency", "year"])
    r = r.assign(year=r["year"].astype(int), key=r["agency"].map(agency_key))  # 行署 = 行政公署
    r = r.sort_values(["key", "year", "id"]).reset_index(drop=True)
    cols = ["agency", "year", "report_id", "prev_year", "theme", "theme_name", "status"]
    if r.empty:
        return pd.DataFrame(columns=cols)
    f = problem_flags.reindex(r["id"], fill_value=0).to_numpy(dtype=bool)
    # one row per (agency, year): its reports' themes OR-ed; each report maps to its year
    a, y = r["key"].to_numpy(), r["year"].to_numpy()
    year_id = np.cumsum(np.r_[True, (a[1:] != a[:-1]) | (y[1:] != y[:-1])]) - 1
    yf = np.zeros((year_id[-1] + 1, f.shape[1]), dtype=bool)
    np.logical_or.at(yf, year_id, f)
    starts = np.flatnonzero(np.r_[True, np.diff(year_id) != 0])
    g = a[starts]
    first = np.r_[True, g[1:] != g[:-1]]
    # the year compared with: the latest earlier one whose 五 states something (a 五 of 无
    # in between states nothing: a problem stated before and after it persists), else the
    # year before (every earlier 五 empty, or no statement counts known)
    from nlp_reports.corpus.copying import base_years

    prev_id = np.r_[-1, np.arange(len(starts) - 1)]
    prev_id[first] = -1
    n_of = _stated_counts(reports, statements, r["id"])
    if n_of is not None:
        years = pd.DataFrame({"agency": g, "year": y[starts]})
        said = np.zeros(len(starts), dtype=bool)
        np.logical_or.at(said, year_id, n_of > 0)
        base = base_years(years, years[said])["base_year"].to_numpy()
        at = pd.MultiIndex.from_arrays([g, y[starts]]).get_indexer(
            pd.MultiIndex.from_arrays([g, np.nan_to_num(base, nan=-1).astype(int)]))
        prev_id = np.where(at >= 0, at, prev_id)
    prev = np.where((prev_id >= 0)[:, None], yf[np.maximum(prev_id, 0)], False)
    # everything seen before this year, within the agency: cumulative OR, shifted by one
    seen = np.zeros_like(yf)
    group_id = np.cumsum(first) - 1
    cum = pd.DataFrame(yf.astype(np.int8)).groupby(group_id).cummax().to_numpy().astype(bool)
    seen[1:] = cum[:-1]
    seen[first] = False
    prev, seen, first = prev[year_id], seen[year_id], first[year_id]
    status = np.full(f.shape, "", dtype=object)
    status[f & prev] = "persisting"
    status[f & ~prev & seen] = "reappeared"
    status[f & ~seen] = "new"
    status[~f & prev] = "disappeared"
    if n_of is not None:
        # a report whose 五 holds no statement (无, missing, a truncated file) states nothing:
        # it cannot say last year's problems are gone
        status[(n_of == 0)[:, None] & (status == "disappeared")] = ""
    status[first] = ""
    ri, ti = np.nonzero(status != "")
    prev_year = y[starts][np.maximum(prev_id, 0)][year_id]
    out = pd.DataFrame({
        "agency": r["agency"].to_numpy()[ri], "year": y[ri], "report_id": r["id"].to_numpy()[ri],
        "prev_year": prev_year[ri], "theme": np.array(THEME_IDS, dtype=object)[ti],
        "status": status[ri, ti]})
    out.insert(5, "theme_name", out["theme"].map(THEME_NAMES))
    if statements is None:
        return out[cols]
    out["statement_idx"] = _statement_idx(statements, out["report_id"].to_numpy(), ti,
                                          out["status"].to_numpy() != "disappeared")
    return out[[*cols, "statement_idx"]]


def _stated_counts(reports: Any, statements: Any, ids: Any) -> Any:
    """Per report id of ``ids``: how many statements its 五 states, as copying counts them
    (:func:`~nlp_reports.corpus.copying.year_over_year`: a lead-in such as "主要存在以下问题："
    left alone by a truncated file states nothing), from ``statements``' texts; else the
    stored ``n_statements`` (unknown read as stating something); None without either.
    Why: ``problem_changes`` and ``copying`` must pass over the same silent years."""
    if statements is not None and "text" in statements.columns:
        from nlp_reports.corpus.copying import announcements

        said = statements.loc[~announcements(statements["text"].tolist()), "report_id"]
        return said.value_counts().reindex(ids, fill_value=0).to_numpy()
    if "n_statements" in reports.columns:
        return reports.set_index("id")["n_statements"].reindex(ids).fillna(1).to_numpy()
    return None


def _statement_idx(statements: Any, report_ids: Any, themes: Any, wanted: Any) -> list[str]:
    """Per (report id, theme index) pair: the report's problem statements on that theme as
    "idx,idx" ("" when not ``wanted`` or none). Sorted arrays, one string a pair."""
    probs = statements[statements["kind"] == "problem"]
    masks = probs["theme_mask"].to_numpy(dtype=np.int64)
    n = len(THEME_IDS)
    row, bit = np.nonzero((masks[:, None] >> np.arange(n)) & 1)
    key = probs["report_id"].to_numpy(dtype=np.int64)[row] * n + bit
    idx = probs["idx"].to_numpy(dtype=np.int64)[row]
    if not len(key):
        return [""] * len(report_ids)
    order = np.lexsort((idx, key))
    key, idx = key[order], idx[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    # one string per (report, theme) group, as Python str (joining numpy's str_ is slow)
    idx_text = [str(i) for i in idx.tolist()]
    groups = [idx_text[a] if b - a == 1 else ",".join(idx_text[a:b])
              for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    want = np.asarray(report_ids, dtype=np.int64) * n + np.asarray(themes, dtype=np.int64)
    at = np.searchsorted(key[starts], want)
    found = (at < len(starts)) & wanted
    found[found] = key[starts][at[found]] == want[found]
    return [groups[a] if ok else "" for a, ok in zip(at.tolist(), found.tolist(), strict=True)]


#: Figures read from the text of a report without a read 表三 (or 表四): figure of
#: :func:`nlp_reports.parse.checks.narrative_figures` → column of the report frame and of
#: ``table_stats``. Their own columns, never table cells: a reader must tell them apart.
#: ``fee``: the disclosure fee (检索、复制、邮寄 …) an older-layout report states in 万元
#: (:func:`nlp_reports.parse.fees.narrative_fee`) — no counterpart of ``fees``, 表二 (八)'s
#: 行政事业性收费, the agency's own charges.
NARRATIVE_COLUMNS: dict[str, str] = {
    "received": "received_narrative", "granted": "granted_narrative",
    "partial": "partial_narrative", "refused": "refused_narrative",
    "review": "review_narrative", "litigation": "litigation_narrative",
    "fee": "fee_narrative",
}
#: The figures of 表四 (the others are of 表三): read from the text when 表四 was not read.
_NARRATIVE_TABLE4 = frozenset({"review", "litigation"})
#: Older wordings put in the words the T1 reader knows (one reader, not a second one): a
#: count in 宗/份 (广东 writes 受理申请12宗), 同意公开 / 全部公开 for 予以公开 (不同意公开 becomes
#: 不予以公开), and 上年度 (not 上年结转) as 去年, a comparison the reader skips.
_NARRATIVE_WORDINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"([\d零〇一二两三四五六七八九十百])\s?[宗份]"), r"\1件"),
    (re.compile(r"予以全部公开|全部予以公开|全部公开|同意公开"), "予以公开"),
    (re.compile(r"(?<![较比])上一?年(?!度?结转)度?"), "去年"),
    (re.compile(r"(?:没有|无)(?=因)"), "未发生"),  # "本年度无因…引起的行政复议" reads 0
    # (older reports' 依申请公开 parts) a count in 条 after the applications; 受理申请 /
    # 收到公开申请 / 申请公开信息 without the reader's 政府信息公开申请; 办理 for 受理; the
    # count before its outcome ("对其中7件予以公开"); 无行政诉讼; 行政复议和诉讼
    (re.compile(r"(申请[^，,。；;\d\n]{0,10}?)(\d{1,7}|[零〇一二两三四五六七八九十百]{1,6})\s?条"),
     r"\1\2件"),
    (re.compile(r"(收到|受理|接到|接收)((?:群众|公民|社会公众|各类|有关)?的?)(?:公开)?申请"
                r"(?:公开(?:信息)?)?(?=(?:共|共计)?[\d零〇一二两三四五六七八九十])"),
     r"\1\2政府信息公开申请"),
    (re.compile(r"办理(?=(?:政府信息公开申请|依申请公开)[^，,。；;\d\n]{0,6}?(?:共|共计)?\d)"), "受理"),
    (re.compile(r"(\d{1,7}|[零〇一二两三四五六七八九十百]{1,6})件(予以公开|部分公开|不予公开)"), r"\2\1件"),
    (re.compile(r"(?:没有|无)(?=行政复议|行政诉讼)"), "未发生"),
    (re.compile(r"行政复议([和或及、与])诉讼"), r"行政复议\1行政诉讼"),
    # 咨询 naming no other channel but what the applications were about ("收到公开申请9份，
    # 均为入学政策咨询类。") or where an applicant was sent ("告知申请人向有关部门咨询。"), at
    # the end of its clause: the reader skips a sentence naming 咨询 (a channel of its own)
    (re.compile(r"咨询类(?=[。；;，,\n]|$)"), "类"),
    (re.compile(r"(向[^，,。；;\d\n咨]{1,12}?)咨询(?=[。；;，,\n]|$)"), r"\1了解"),
)
#: Older reports' wordings read after :data:`_NARRATIVE_WORDINGS` (2008–2020 layouts), each tried
#: only on a text holding one of its literals (a pattern opening on a character class is
#: tried at every character: the applicants' count alone cost a sixth of the reader): an
#: outcome quoted as the 2008 model form names it ("“同意公开”的36件"); an outcome list under
#: its own label at a line start ("办理结果：同意公开19件，…", the applications named on the
#: line before or in a table of the report's own); both cases said to be none ("行政复议、行政
#: 诉讼均为零"); the applicants' act as the count's verb ("公民、法人…向我局申请公开政府信息
#: 13件"); a review counted by its applicants ("有1名申请人对答复不服申请行政复议").
_OLDER_WORDINGS: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    (("公开”", '公开"'), re.compile(r"[“\"]((?:同意|予以)?(?:部分)?公开|不予(?:以)?公开)[”\"](?:的)?"
                            r"(?=(?:共)?[\d零〇一二两三四五六七八九十])"), r"\1"),
    (("结果：", "结果:", "情况：", "情况:"),
     re.compile(r"(?m)^([ \t\u3000]*)(?:办理|答复)(?:结果|情况)(?=[：:])"), r"\1政府信息公开申请办理结果"),
    (("行政复议",),
     re.compile(r"行政复议([和及、与])行政诉讼(?:案件)?(?:数量?)?(?:均|都)(?:为|是)?(?:零|0)件?"),
     r"未发生行政复议\1行政诉讼"),
    # (a list of all channels before the applicants' count, "申请人通过信函、网上申请等方式向我部
    # 申请公开政府信息200件", is dropped by the T1 reader itself: checks._CHANNEL_LIST)
    (("申请公开",), re.compile(r"(?<![未没无])申请公开(?:政府)?信息"
                               r"(?=(?:共|共计)?[\d零〇一二两三四五六七八九十])"), "收到政府信息公开申请"),
    (("申请行政复议", "提起行政复议", "申请了行政复议", "提起了行政复议"),
     # (never the tail of a longer or negative number, nor an estimate: "有约3名", "约有3名",
     # "有近十名", "有数十名", "有1234名" gave 3, 3, 10, 10, 234 reviews)
     re.compile(r"有?(?<![约近]有)(?<![\d约近逾数几零〇一二两三四五六七八九十百千万\-−－﹣–])"
                r"(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:名|位|个)?(?:申请人|公民|群众)"
                r"[^，,。；;\d\n]{0,16}?(?:申请|提起)了?行政复议"), r"行政复议\1件"),
)
#: The whole text of an older report's 行政复议/行政诉讼 part saying there was none ("无。",
#: "本年度未发生。"; under a title joining the fee part, "均无。", "上述情况均未发生。"): 0 for
#: each the heading names.
_NONE_AT_ALL = none_at_all("案件")
_BLANKS_AND_STOPS = re.compile(r"[\s。，,；;：:、.!！]+")
#: A year named in the text ("2012年", "2012 年度"): another year than the report's is a
#: comparison ("比2012年增加6件", "自2008年以来累计受理386件"), read as 去年.
_NAMED_YEAR = re.compile(r"((?:19|20)\d{2})\s?年度?")
_SENTENCES = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?|\n")


#: What ends a line that is no wrap of a PDF copy: the line's sentence ends there.
_LINE_STOPS = frozenset("。！？!?；;：:")
_WRAP_MIN = 20
#: The start of a line that is a heading or an item of its own, never a wrapped line's rest.
_OWN_LINE = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]")


def _unwrapped(text: str) -> str:
    """``text`` with a PDF copy's line wraps joined: a line of 20 characters or more that
    ends without a sentence stop, and is no table row, goes on on the next line (the
    reader reads line by line, and a wrap inside "同意部分⏎公开5件" hid the figure)."""
    lines = text.split("\n")
    out: list[str] = []
    # the line being joined, in parts (joined once: adding each wrap to a growing string
    # copied it each time, quadratic in a long run of wraps), its length, whether it holds a TAB
    parts, size, tab = [lines[0]], len(lines[0]), "\t" in lines[0]
    for line in lines[1:]:
        if (size >= _WRAP_MIN and parts[-1][-1] not in _LINE_STOPS and not tab
                and line and "\t" not in line and not _OWN_LINE.match(line)):
            parts.append(line)
            size += len(line)
        else:
            out.append("".join(parts))
            parts, size, tab = [line], len(line), "\t" in line
    out.append("".join(parts))
    return "\n".join(out)


#: A part about 行政复议/行政诉讼 (its first sentence names one, and it is short).
_CASES = re.compile(r"行政复议|行政诉讼")
_CASE_PART_MAX = 160
#: Words of other topics: a part naming them is no part of 复议/诉讼 on disclosure alone.
_OTHER_MATTERS = re.compile(r"规范性文件|普法|许可|处罚|审批|信访|主动公开|公开申请|受理|收到|"
                            + CASE_MATTERS +
                            r"|(?:办理|审理|承办)[^，,。；;\d]{0,6}?(?:行政)?复议")  # (the body as review organ)


def _case_parts(text: str) -> str:
    """``text`` with the 复议/诉讼 part of an older report marked as about disclosure: the
    sections are joined with a blank line, and such a part ("全年发生行政复议2件，行政诉讼0件。")
    says 政府信息公开 in its title only, which the T1 reader needs in the sentence (section
    一 of a modern report names other cases too). A part is one when it is short, its first
    sentence names 行政复议/行政诉讼 and it names no other topic; when that first sentence
    says 政府信息公开 itself, the part's later case sentences are marked alike."""
    if "行政" not in text:
        return text
    parts = text.split("\n\n")
    for i, part in enumerate(parts):
        body = part.strip()
        if not body or len(body) > _CASE_PART_MAX or _OTHER_MATTERS.search(body):
            continue
        sentences = _SENTENCES.findall(body)
        if not sentences or not _CASES.search(sentences[0]):
            continue
        # (a first sentence naming 政府信息公开 marks the rest of its part alike: "…因政府信息
        # 公开被申请行政复议4起，…；被提起行政诉讼2起，均已审结。", the 诉讼 after a "；"; a
        # later sentence naming it alone may set this part apart from disclosure: left)
        # (信息公开 first named in a 其中 clause makes the counts before it all cases: "共发生
        # 行政复议案件86件，行政诉讼案件41件，其中涉及信息公开的复议3件、诉讼2件", left to the
        # reader, which takes the clause's counts; so is a part naming 信息公开 elsewhere)
        named, part_of = sentences[0].find("信息公开"), sentences[0].find("其中")
        said = named >= 0 and (part_of < 0 or named < part_of)
        if not said and "信息公开" in body:
            continue
        if _names_a_matter(sentences):
            continue
        parts[i] = "".join("政府信息公开" + s if _CASES.search(s) and "信息公开" not in s
                           else s for s in sentences)
    return "\n\n".join(parts)


#: The title of an older report's part on cases (行政复议、行政诉讼, 申诉) and on applications
#: (依申请公开): the part's sentences are about disclosure, though they may not say so.
_CASES_TITLE = re.compile(r"复议|诉讼|申诉")
_APPLICATIONS_TITLE = re.compile(r"依申请公开|信息公开申请")
#: A case sentence about another matter (a licence or penalty, land and compensation, a work
#: injury, the body as review organ handling others' cases: "受理行政复议案件46件",
#: "收到行政复议申请46件"): never read as a disclosure case.
_OTHER_CASES = re.compile(r"规范性文件|许可|处罚|审批|强制|信访|其他|其它|以外|之外"
                          r"|" + CASE_MATTERS +
                          r"|(?:办理|审理|受理|承办|审结)[^，,。；;\d]{0,6}?(?:行政)?复议"
                          r"|(?:收到|接到|接收)[^，,。；;\d]{0,6}?(?:行政)?复议申请")
#: 复议、诉讼 without 行政 (a part titled 复议诉讼情况: "全年未发生复议、诉讼案件").
_BARE_CASES = re.compile(r"(?<!行政)复议(?=[、和及与或]诉讼)")
#: An application count without the word 申请, right after its verb ("本年度共受理27件").
_BARE_RECEIVED = re.compile(r"(收到|受理|接到|接收)(?=(?:共|共计)?(?:\d{1,7}|[零〇一二两三四五六七八九十百千]{1,8})\s?件)")


#: What a case sentence says its cases are about ("系对我局作出的行政处理决定不服", "均为劳动
#: 争议", "涉及工商登记", "因对答复内容不满"): a word naming the matter, not followed by a
#: count or an outcome ("均为0件", "均为零", "结果均为维持" name none), or a dispute named
#: outright ("劳动争议行政复议1件").
_MATTER = re.compile(r"(?:" + MATTER_WORDS + r"|异议)"
                     r"(?![\s（(]?(?:\d|零|〇|无|[一二两三四五六七八九十]+\s?(?:件|起|个|[，,。；;]|$)))"
                     r"(?!(?:" + CASE_OUTCOMES + r"))"
                     r"|纠纷|争议")
#: The matter named is the disclosure itself, said without 信息公开 (an 答复 or 告知书, a request
#: for 政府信息, its refusal or delay).
_DISCLOSURE_MATTER = re.compile(r"答复|告知|政府信息|公开申请|申请公开|不予公开|部分公开|依申请|信息公开")
#: Words of a matter other than disclosure beside it ("对我局作出的行政处理决定及答复不服").
_NON_DISCLOSURE_MATTER = re.compile(r"纠纷|争议|登记|认定|鉴定|裁决|确权|处理|通知|事项|管理|投诉|举报")


def _names_a_matter(sentences: list[str]) -> bool:
    """Whether a part's case sentences (from its first naming 行政复议/行政诉讼 on) name
    what the cases are about, other than the disclosure itself: such a part's bare counts
    are no disclosure counts (案件事由). The matters are not listed one by one (劳动争议,
    户籍, 工商登记 … are endless): any matter named bars the part, unless it is the
    disclosure itself (答复, 告知, 政府信息) and nothing else; a count with no matter named
    ("全年发生行政复议1件，维持原答复。") is read. A missed count is better than a wrong one."""
    start = next((i for i, s in enumerate(sentences) if _CASES.search(s)), None)
    if start is None:
        return False
    for s in sentences[start:]:
        if "政府信息公开" in s:
            continue  # (read by its own words: narrative_figures)
        if _OTHER_CASES.search(s):
            return True
        if _MATTER.search(s) and (not _DISCLOSURE_MATTER.search(s)
                                  or _NON_DISCLOSURE_MATTER.search(s)):
            return True
    return False


def titled_part(title: str | None, text: str) -> str:
    """``text`` of an older report's part read as its title says (its title is no part of
    the stored text): in a part titled 复议/诉讼/申诉 each sentence naming a case is marked
    as about disclosure ("全年发生行政复议1件，维持原答复。" under "五、收费及减免情况、行政
    复议和行政诉讼情况"), unless it names another matter (许可, 处罚, 受理行政复议 …) or
    another case sentence of the part names 信息公开 itself (the others may then be about
    anything); in a part titled 依申请公开 a count right after 收到/受理 is of applications
    ("本年度共受理27件"). Only the part so titled: a case in another part's narrative is
    read only when it says 政府信息公开 (:func:`narrative_counts`)."""
    if not title or not text:
        return text
    if _CASES_TITLE.search(title) and ("复议" in text or "诉讼" in text):
        sentences = _SENTENCES.findall(_BARE_CASES.sub("行政复议", text).replace(
            "行政复议、诉讼", "行政复议、行政诉讼"))
        cases = [s for s in sentences if _CASES.search(s)]
        if not any("信息公开" in s for s in cases) and not _names_a_matter(sentences):
            text = "".join("政府信息公开" + s if _CASES.search(s) and not _OTHER_CASES.search(s)
                           else s for s in sentences)
    if _APPLICATIONS_TITLE.search(title) and ("收到" in text or "受理" in text or "接" in text):
        text = "".join(_BARE_RECEIVED.sub(r"\1政府信息公开申请", s) if "申请" not in s else s
                       for s in _SENTENCES.findall(text))
    return text


def narrative_counts(text: str, year: int | None = None) -> dict[str, int]:
    """The application and case figures a report's prose states (叙述中的数字), by figure
    (:data:`NARRATIVE_COLUMNS`' keys), for the report on ``year`` (a sentence naming another
    year is a comparison). Only a figure stated with one value: a text giving two (last
    year's beside this year's, a total and a part) does not say which is the year's, and
    nothing is guessed. Read by the T1 check's reader
    (:func:`nlp_reports.parse.checks.narrative_figures`) after :data:`_NARRATIVE_WORDINGS`
    and :data:`_OLDER_WORDINGS`,
    with a PDF copy's wraps joined (:func:`_unwrapped`), an older report's 复议/诉讼 part
    marked as about disclosure (:func:`_case_parts`) and the comparing clauses dropped
    (:func:`nlp_reports.parse.checks.without_comparisons`, read here after the wordings and
    the year's name, and again by the reader)."""
    from nlp_reports.parse.checks import narrative_figures, without_comparisons

    if "\n" in text:
        text = _case_parts(_unwrapped(text))
    for pattern, repl in _NARRATIVE_WORDINGS:
        text = pattern.sub(repl, text)
    for literals, pattern, repl in _OLDER_WORDINGS:
        if any(w in text for w in literals):
            text = pattern.sub(repl, text)
    if year is not None:
        text = _NAMED_YEAR.sub(lambda m: m.group(0) if int(m.group(1)) == year else "去年",
                               text)
    text = without_comparisons(text)
    return {kind: next(iter(values)) for kind, values in narrative_figures(text).items()
            if kind in NARRATIVE_COLUMNS and len(values) == 1}


def table_relation(store: Store) -> str:
    """The relation holding a store's tables: ``report_tables``, or ``table_cells`` in a
    store of schema 1 or 2 (read as it is, one row per cell; same ``report_id`` and
    ``table_id``)."""
    compact = store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                          "name = 'report_tables'")
    return "table_cells" if compact.empty else "report_tables"


def cases_none(title: str | None, text: str | None) -> tuple[bool, bool] | None:
    """(复议, 诉讼) said to be none by an older report's 复议/诉讼 part: named by its title
    when its whole text says only that there were none ("本年度无。"), or named by a sentence
    of its own saying only that ("行政复议、行政诉讼均无。", under a title joining them or the
    fee part too: :func:`nlp_reports.parse.fees.none_named`). Those figures are 0 (a figure
    the text states elsewhere is kept); None for any other part."""
    if not title or not text or ("复议" not in title and "诉讼" not in title):
        return None
    body = _BLANKS_AND_STOPS.sub("", text)
    if not body:
        return None
    if _NONE_AT_ALL.fullmatch(body):
        return ("复议" in title, "诉讼" in title)
    named = none_named(text)
    if "review" not in named and "litigation" not in named:
        return None
    return ("review" in named, "litigation" in named)


def add_narrative_figures(store: Store, reports: Any) -> None:
    """Add the :data:`NARRATIVE_COLUMNS` to the report frame, in place: the figures the
    text states, for the reports whose 表三 (``received_narrative`` … ``refused_narrative``)
    or 表四 (``review_narrative``, ``litigation_narrative``) gave no figure — no table, or
    one that could not be read (reports before 2019 have none); and ``fee_narrative``, the
    disclosure fee (万元) of a report read as an older layout. Read from the stored
    section texts: every section but 五 of an older-layout report (``format`` legacy, whose
    figures are in 依申请公开 and 行政复议 parts, or a later report with no statistical
    table at all, as a 2019 one still in the older layout), section 一 of the others (as T1
    reads it)."""
    from nlp_reports.parse.fees import narrative_fee

    no_t3 = (reports["received"].isna() & reports["outcomes_total"].isna()).to_numpy()
    no_t4 = (reports["review"].isna() & reports["litigation"].isna()).to_numpy()
    # (one 2-D assignment: six of a scalar each left the frame in blocks that every later
    # copy consolidated again, +60-130 ms in table_stats on 20,000 reports)
    reports[list(NARRATIVE_COLUMNS.values())] = np.full((len(reports), len(NARRATIVE_COLUMNS)),
                                                        np.nan)
    wanted = reports.loc[no_t3 | no_t4, ["id", "format", "year"]]
    if wanted.empty:
        if fees := _section_six_fees(store, reports, set()):
            reports[NARRATIVE_COLUMNS["fee"]] = reports["id"].map(fees).astype(float)
        return
    legacy = set(wanted.loc[wanted["format"] == "legacy", "id"].tolist())
    ids = wanted["id"].tolist()
    # a 2019–2020 (or later) report still written in the older layout, with no statistical
    # table at all, states its figures in its 依申请公开 and 复议诉讼 parts as a legacy one
    # does: read like one (its format is the year's; section 一 alone lost them)
    later = [i for i in ids if i not in legacy]
    held = table_relation(store)
    with_tables = set(store.query_in(
        f"SELECT DISTINCT report_id FROM {held} WHERE report_id IN ({{ids}})", later
    )["report_id"].tolist())
    legacy.update(r for r in later if r not in with_tables)
    texts: dict[int, list[str]] = {}
    titled: dict[int, list[tuple[str | None, str]]] = {}  # (the fee reader trusts a fee part)
    none: dict[int, tuple[bool, bool]] = {}  # a 复议/诉讼 part saying 无: (review, litigation)
    rows = store.query_in(
        "SELECT report_id, number, title, text FROM sections WHERE report_id IN ({ids}) "
        "AND (number IS NULL OR number != 5) ORDER BY report_id, position", ids)
    for rid, number, title, text in rows.itertuples(index=False):
        if text and (number == 1 or rid in legacy):
            texts.setdefault(int(rid), []).append(titled_part(title, text) if rid in legacy
                                                  else text)
            titled.setdefault(int(rid), []).append((title if rid in legacy else None, text))
        if rid in legacy and (said := cases_none(title, text)):
            none[int(rid)] = said
    years = {int(i): int(y) for i, y in zip(wanted["id"].tolist(), wanted["year"].tolist(),
                                            strict=True)
             if isinstance(y, (int, float, np.number)) and y == y}
    t3 = set(reports.loc[no_t3, "id"].tolist())
    t4 = set(reports.loc[no_t4, "id"].tolist())
    found: dict[str, dict[int, float]] = {c: {} for c in NARRATIVE_COLUMNS.values()}
    for rid, parts in texts.items():
        # (sections apart: a line break ends the reader's context of applications)
        for kind, value in narrative_counts("\n\n".join(parts), years.get(rid)).items():
            if rid in (t4 if kind in _NARRATIVE_TABLE4 else t3):
                found[NARRATIVE_COLUMNS[kind]][rid] = float(value)
    # (the fee of an older layout from all its parts; a later report's from its section 六
    # only, 信息处理费: never its 表二 (八), the agency's 行政事业性收费, another figure)
    for rid, parts in titled.items():
        if rid in legacy and (fee := narrative_fee(parts, years.get(rid))) is not None:
            found[NARRATIVE_COLUMNS["fee"]][rid] = fee
    found[NARRATIVE_COLUMNS["fee"]].update(_section_six_fees(store, reports, legacy))
    for rid, named in none.items():
        for kind, said in zip(("review", "litigation"), named, strict=True):
            if said and rid in t4:
                found[NARRATIVE_COLUMNS[kind]].setdefault(rid, 0.0)
    for column, values in found.items():
        if values:
            reports[column] = reports["id"].map(values).astype(float)


def _section_six_fees(store: Store, reports: Any, legacy: set[int]) -> dict[int, float]:
    """Report id → the 信息处理费 (万元) section 六 states, for the reports in a later form
    (not ``legacy``, nor read as one): :func:`nlp_reports.parse.fees.section6_fee`."""
    from nlp_reports.parse.fees import section6_fee

    later = reports.loc[(reports["format"] != "legacy").to_numpy()
                        & ~reports["id"].isin(legacy).to_numpy(), ["id", "year"]]
    if later.empty:
        return {}
    years = {int(i): int(y) for i, y in zip(later["id"].tolist(), later["year"].tolist(),
                                            strict=True)
             if isinstance(y, (int, float, np.number)) and y == y}
    parts: dict[int, list[tuple[str | None, str]]] = {}
    rows = store.query_in("SELECT report_id, title, text FROM sections WHERE report_id IN "
                          "({ids}) AND number = 6 ORDER BY report_id, position",
                          later["id"].tolist())
    for rid, title, text in rows.itertuples(index=False):
        if text:
            parts.setdefault(int(rid), []).append((title, text))
    return {rid: fee for rid, six in parts.items()
            if (fee := section6_fee(six, years.get(rid))) is not None}


def _table_stats(reps: Any, checks: Any, by: Sequence[str]) -> Any:
    r = reps.set_index("id").copy()
    value_cols = ["received", "granted", "partial", "refused", "unable", "not_processed",
                  "review", "litigation"]
    failing = set(checks.loc[checks["id"].isin(IDENTITY_CHECKS), "report_id"])
    r["fails_identity"] = r.index.isin(failing)
    r["has_table3"] = r["received"].notna() | r["outcomes_total"].notna()
    # review and litigation are 表四's: their denominator is the reports whose 表四 was read
    # (with_table3 was wrong for them whenever one of the two tables was read and not the other)
    r["has_table4"] = r["review"].notna() | r["litigation"].notna()
    # the identities' denominator: reports with a table to check (a year of narrative counts
    # only, as before 2019, is no share of 0 but none: nothing could fail)
    r["has_tables"] = (r["has_table3"] | r["review"].notna() | r["litigation"].notna()
                       | r["fails_identity"])
    if "identities_checked" in r:  # passed with blank totals (表三's 总计 column left blank)
        r["has_tables"] |= r["identities_checked"].astype(bool)
    # the text's figures (reports without a read table), summed only when there are some
    narrative = [c for c in NARRATIVE_COLUMNS.values() if c in r]
    stated = r[narrative].notna() if narrative else None
    if stated is None or not stated.to_numpy().any():
        narrative = []
    else:
        # (with_narrative: a count stated, as before the fee was read; the fee has its own
        # with_fee_narrative)
        r["has_narrative"] = stated.drop(columns=[NARRATIVE_COLUMNS["fee"]],
                                         errors="ignore").any(axis=1)
    keys = list(by)
    grouped = r.groupby(keys, dropna=False) if keys else r.groupby(lambda _: 0)
    sums = grouped[[*value_cols, *narrative, *(["has_narrative"] if narrative else [])]].sum(
        min_count=1)  # (one pass)
    out = sums[value_cols].copy()
    out.insert(0, "reports", grouped.size())
    out.insert(1, "with_table3", grouped["has_table3"].sum().astype(int))
    out.insert(2, "with_table4", grouped["has_table4"].sum().astype(int))
    with_tables = grouped["has_tables"].sum().astype(int)
    out["with_tables"] = with_tables
    failing_n = grouped["fails_identity"].sum()
    out["share_failing_I1_I4"] = (failing_n / with_tables.where(with_tables > 0)).round(3)
    # the text's figures of reports without a read table: last, in their own columns
    out["with_narrative"] = sums["has_narrative"].fillna(0).astype(int) if narrative else 0
    for column in NARRATIVE_COLUMNS.values():
        out[column] = sums[column] if column in narrative else np.nan
    # each figure's own denominator: the reports whose text states it (a report may state
    # received but not granted), so received_narrative / with_received_narrative is a mean
    for column in NARRATIVE_COLUMNS.values():
        out[f"with_{column}"] = (grouped[column].count() if column in narrative else 0)
    out = out.reset_index()
    if not keys:
        out = out.drop(columns=[out.columns[0]])
        if not len(out):  # no report: one row in all still (as overview), with nothing read
            import pandas as pd

            out = pd.DataFrame([{"reports": 0, "with_table3": 0, "with_table4": 0,
                **dict.fromkeys(value_cols, np.nan), "with_tables": 0, "share_failing_I1_I4": np.nan,
                "with_narrative": 0, **dict.fromkeys(NARRATIVE_COLUMNS.values(), np.nan),
                **{f"with_{c}": 0 for c in NARRATIVE_COLUMNS.values()}}])
    return out


#: The characters besides " " that ``str.split()`` splits at (``str.isspace``): a words
#: text holding one is re-joined with " " before Arrow splits it at " ".
_OTHER_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                 "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


#: Texts segmented into words per pass of :func:`word_code_chunks`: the Arrow arrays of a
#: pass (the text, its words, their lengths and codes: ~50 bytes a word) are freed before the
#: next, so a summary by agency of 20,000 reports (19 M words) holds ~50 MB of them, not ~1 GB.
WORD_CHUNK = 1000
#: Texts coded per pass into :class:`WordBags` (its Arrow arrays and their factorized
#: (report, word) pairs, ~80 bytes a word, freed before the next pass).
BAG_PASS = 250


def word_codes(texts: Sequence[str]) -> tuple[Any, Any, Any]:
    """The words of space-separated texts (``reports.words``) as codes: ``(lengths,
    codes, vocab)`` — words per text, each word's code (texts in order) and the distinct
    words in order of first use, as ``[t.split() for t in texts]`` factorized by pandas
    gives them (:func:`word_code_chunks`' pieces put together)."""
    vocab: list[str] = []
    lengths, codes = [], []
    for n_words, chunk_codes in word_code_chunks(texts, vocab):
        lengths.append(n_words)
        codes.append(chunk_codes)
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    return (np.concatenate(lengths), np.concatenate(codes).astype(np.int64),
            np.array(vocab, dtype=object))


def word_code_chunks(texts: Sequence[str], vocab: list[str],
                     chunk: int | None = None) -> Iterator[tuple[Any, Any]]:
    """:func:`word_codes` by :data:`WORD_CHUNK` texts at a time: yields ``(lengths, codes)``
    (int64, int32) of each run of texts in order, with the codes of one vocabulary that
    ``vocab`` (a list, filled as the words come) lists in order of first use. Arrow splits
    and hashes the words in C (on 2,500 texts of 20,000 reports, 3 M words: 0.05 s, where
    Python's split and factorize took over 1 s); without pyarrow, Python does it."""
    index: dict[str, int] = {w: i for i, w in enumerate(vocab)}
    chunk = chunk or WORD_CHUNK
    for start in range(0, len(texts), chunk):
        lengths, local, words = _chunk_codes(list(texts[start:start + chunk]))
        # the chunk's words in their order of first use: a word new to ``vocab`` gets the
        # next code, so the codes are those of one pass over every text
        known = np.fromiter((index.setdefault(w, len(index)) for w in words.tolist()),
                            dtype=np.int32, count=len(words))
        vocab.extend(list(index)[len(vocab):])
        yield lengths, known[local] if len(local) else np.zeros(0, dtype=np.int32)


def _chunk_codes(texts: list[str]) -> tuple[Any, Any, Any]:
    """One chunk's ``(lengths, codes, vocab)``, by Arrow or (no pyarrow) by Python."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return _word_codes_py([_text(t) for t in texts])
    # Arrow's default pool (mimalloc) maps these arrays in transparent huge pages, which
    # cost 0.25-0.35 s of kernel time and up to 1 s of wall time per summary on 20,000
    # reports; the C library's malloc takes 0.05 s of it (the same arrays, freed on return)
    pool = pa.system_memory_pool()
    try:
        # (from UTF-8 bytes made here and dropped: Arrow reading the str objects themselves
        # leaves a UTF-8 copy cached in each, 150 MB more held on 20,000 reports' words)
        arr = pa.array([t if isinstance(t, bytes) else t.encode("utf-8") for t in texts],
                       type=pa.large_binary(), memory_pool=pool).cast(pa.large_string())
        lengths, encoded = _split_at_spaces(arr, len(texts), pool)
        # whitespace other than " " stays inside the words split at " ": looked for in the
        # distinct words (a few thousand), not in every text (0.015 s per 1,000 reports)
        other = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in _OTHER_SPACES) + "]"
        if pc.any(pc.match_substring_regex(encoded.dictionary, other, memory_pool=pool),
                  memory_pool=pool).as_py():  # rare: split() semantics first, then at " "
            odd = np.flatnonzero(pc.match_substring_regex(arr, other, memory_pool=pool)
                                 .to_numpy(zero_copy_only=False))
            texts = [_text(t) for t in texts]
            for i in odd.tolist():
                texts[i] = " ".join(texts[i].split())
            arr = pa.array(texts, type=pa.large_string(), memory_pool=pool)
            lengths, encoded = _split_at_spaces(arr, len(texts), pool)
    except (pa.ArrowException, UnicodeError):
        return _word_codes_py([_text(t) for t in texts])
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    return lengths, codes, np.array(encoded.dictionary.to_pylist(), dtype=object)


def _split_at_spaces(arr: Any, n: int, pool: Any) -> tuple[Any, Any]:
    """(words per text, dictionary-encoded words) of the Arrow strings ``arr`` split at
    " " (empty words left out), for :func:`_chunk_codes`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = pc.split_pattern(arr, " ", memory_pool=pool)
    flat = pc.list_flatten(parts, memory_pool=pool)
    used = pc.greater(pc.binary_length(flat, memory_pool=pool), 0,
                      memory_pool=pool).to_numpy(zero_copy_only=False)
    parent = pc.list_parent_indices(parts, memory_pool=pool).to_numpy()
    every = bool(used.all())  # (no empty word: words are stored one space apart)
    lengths = np.bincount(parent if every else parent[used], minlength=n).astype(np.int64)
    # a copy of every word only when some are empty
    kept = flat if every else pc.filter(flat, pa.array(used, memory_pool=pool),
                                        memory_pool=pool)
    return lengths, pc.dictionary_encode(kept, memory_pool=pool)


def _text(t: str | bytes) -> str:
    """A words text as str (read from the store as UTF-8 bytes: :func:`_word_bags`)."""
    return t.decode("utf-8", "replace") if isinstance(t, bytes) else t


def _word_codes_py(texts: Sequence[str]) -> tuple[Any, Any, Any]:
    """:func:`word_codes` in Python and pandas (no pyarrow)."""
    import pandas as pd

    split = [s.split() for s in texts]
    lengths = np.fromiter((len(t) for t in split), dtype=np.int64, count=len(split))
    flat = np.array([w for t in split for w in t], dtype=object)
    if len(flat) == 0:
        return lengths, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    codes, vocab = pd.factorize(flat)
    return lengths, np.asarray(codes, dtype=np.int64), np.asarray(vocab, dtype=object)


#: A number written in Chinese numerals (中文数字), as the segmenter leaves it: 六件, 二十四篇,
#: 千余条, 五万元, 三类, 二三年 (of 二〇二三年), 百分之九 / 十八点五 (of 百分之九十八点五),
#: 亿人次 — maybe a 余/多 and one counter after it. A count, as the digits the tokenizer
#: makes <num>: no word of the vocabulary.
_NUMERAL_WORD = re.compile(
    r"(?:百分之)?[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九十]+)?[余多]?"
    r"(?:人次|[条件篇次场期项个份人名家户年月日批类万亿元])?")
#: Plans named by their number (十四五, 十三五 …: the five-year plans), which are words.
_PLAN = re.compile(r"十[一二三四五六]五")


def is_vocabulary_word(word: str) -> bool:
    """Whether the distinctive vocabulary may list ``word`` (a stored token): two characters
    or more, not the number token ``<num>``, not a number written in Chinese numerals
    (:data:`_NUMERAL_WORD`; 十四五 and the like stay)."""
    if len(word) < 2 or word.startswith("<"):
        return False
    return not _NUMERAL_WORD.fullmatch(word) or bool(_PLAN.fullmatch(word))


def _vocabulary(reps: Any, words: Any, groups: tuple[str, ...], top: int) -> Any:
    """Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    Each group is compared with all other reports; the prior is the corpus's own word
    counts. Words are ranked by z-score; the top ``top`` per group are kept. A word is
    listed for a group of several agencies only when at least two of them use it (a
    report without an agency is one of its own): one long report's place names and
    projects, or one agency's text repeated over several reports, say nothing of the group.
    """
    import pandas as pd
    from scipy import sparse

    from nlp_reports.corpus.copying import sorted_unique

    cols = [*groups, "rank", "word", "z", "count"]
    if words is not None and not isinstance(words, WordBags):  # a frame of id, words (text)
        words = WordBags.from_texts(words["id"].tolist(), words["words"].tolist())
    if words is None or not len(words):
        return pd.DataFrame(columns=cols)
    base = reps.set_index("id")[list(groups)]
    at = pd.Index(words.ids).get_indexer(base.index)
    r = base[at >= 0]  # (the reports with words, in the order of ``reps``)
    g_codes, labels = pd.MultiIndex.from_frame(r[list(groups)].astype(str)).factorize()
    if len(labels) < 2:
        return pd.DataFrame(columns=cols)
    # agencies of each group using each word, and agencies of each group
    agency = (reps.set_index("id")["agency"].reindex(r.index).astype(object)
              if "agency" in reps else pd.Series(None, index=r.index, dtype=object))
    unknown = agency.isna() | (agency == UNKNOWN_GROUP)
    who = np.asarray(pd.factorize(agency.where(
        ~unknown, "\x00" + pd.Series(r.index.astype(str), index=r.index)))[0], dtype=np.int64)
    n_who = int(who.max()) + 1
    n_groups = len(labels)
    # each report's (group, agency) pair; the words' counts are kept per pair (sparse):
    # a group's count is the sum of its pairs', its users of a word the pairs counting it.
    # (Dense group × word arrays were 4 of 8 bytes a cell: 4,000 agencies × a real corpus's
    # 100,000 words is 13 GB.)
    pair, pairs = pd.factorize(g_codes.astype(np.int64) * n_who + who)
    pair = np.asarray(pair, dtype=np.int64)
    group_of_pair = np.asarray(pairs, dtype=np.int64) // n_who
    indptr, indices, counts = words.take(at[at >= 0])
    # the words in order of first use over the reports in order (each bag lists its words
    # so): a stable sort of a group's z ranks its ties as over the texts
    used = pd.unique(indices)
    n_words = len(used)
    if n_words == 0:
        return pd.DataFrame(columns=cols)
    new_id = np.zeros(len(words.vocab), dtype=np.int32)
    new_id[used] = np.arange(n_words)
    per_report = sparse.csr_matrix((counts, new_id[indices], indptr),
                                   shape=(len(r), n_words))
    to_pair = sparse.csr_matrix(
        (np.ones(len(r), dtype=np.int64), (pair, np.arange(len(r)))), shape=(len(pairs), len(r)))
    per_pair = (to_pair @ per_report).tocsr()
    del per_report
    vocab = words.vocab[used]
    to_group = sparse.csr_matrix(
        (np.ones(len(pairs), dtype=np.int64), (group_of_pair, np.arange(len(pairs)))),
        shape=(n_groups, len(pairs)))
    y = (to_group @ per_pair).tocsr()
    users = (to_group @ (per_pair > 0).astype(np.int64)).tocsr()
    del per_pair
    group_agencies = np.bincount(sorted_unique(g_codes * n_who + who) // n_who,
                                 minlength=n_groups)
    total = np.asarray(y.sum(axis=0), dtype=float).ravel()
    keep = (total >= 2) & np.array([is_vocabulary_word(w) for w in vocab], dtype=bool)
    kept = np.flatnonzero(keep)
    y, users = y[:, kept].tocsr(), users[:, kept].tocsr()
    y.sort_indices()
    users.sort_indices()
    vocab, total = vocab[kept], total[kept]
    alpha, a0, n_all = total, total.sum(), total.sum()
    rows = []
    for gi, label in enumerate(labels):
        # the words the group uses (yi > 0), in the vocabulary's order: the others' z is
        # never kept, and a stable sort of these ranks them as among all words
        lo, hi = y.indptr[gi], y.indptr[gi + 1]
        at = y.indices[lo:hi]
        yi = y.data[lo:hi].astype(float)
        keep_i = yi > 0
        at, yi = at[keep_i], yi[keep_i]
        ni = yi.sum()
        nj = n_all - ni
        if ni == 0 or nj == 0:
            continue
        a, t = alpha[at], total[at]
        yj = t - yi
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = (np.log((yi + a) / (ni + a0 - yi - a))
                     - np.log((yj + a) / (nj + a0 - yj - a)))
            z = delta / np.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
        ulo, uhi = users.indptr[gi], users.indptr[gi + 1]  # (the same words as y's row)
        used_by = users.data[ulo:uhi][np.searchsorted(users.indices[ulo:uhi], at)]
        shared = (used_by >= 2) | (group_agencies[gi] < 2)
        z = np.where(np.isfinite(z) & shared, z, -np.inf)
        best = np.argsort(-z, kind="stable")[:top]
        values = label if isinstance(label, tuple) else (label,)
        for rank, b in enumerate(best, 1):
            if not np.isfinite(z[b]) or z[b] <= 0:
                break
            rows.append((*values, rank, vocab[at[b]], round(float(z[b]), 3), int(yi[b])))
    out = pd.DataFrame(rows, columns=cols)
    if "year" in groups:  # restore numeric years
        out["year"] = out["year"].map(lambda v: int(v) if str(v).isdigit() else v)
    # by group, as every other table (not in the order of the groups' first report)
    order = pd.DataFrame({f"_{i}": (pd.to_numeric(out[g], errors="coerce") if g == "year"
                                    else out[g].astype(str)) for i, g in enumerate(groups)})
    order["_rank"] = out["rank"]
    ix = order.sort_values(list(order.columns), kind="stable", na_position="last").index
    return out.loc[ix].reset_index(drop=True)
