"""Labeled statements (标注语料): reading JSONL/CSV, validating labels, splitting by family.

A labeled statement is one statement of section 五 with its kind and themes (see
``docs/annotation-guidelines.md``). Files are JSONL (one object per line) or CSV (columns ``text``,
``kind`` (or 问题/措施/其他), ``themes`` (required, empty for none) as ids (or the Chinese names, 人员力量 …) separated by
any of ``; ； , ， 、 | ｜ / ／`` or blanks, or a JSON list, optional ``family``, ``split`` …; without a
``family``, a ``source`` column — the report file of a suggest CSV — groups the statements of
one report; a ``block`` column — the sub-heading block a suggest row's statement sat under,
``problem`` or ``measure`` — is kept to check the kind labels against, :func:`layout_warnings`).
A CSV row with neither kind nor themes (unlabeled, as ``nlp-reports
suggest`` leaves them) is skipped, and the count logged. Files are UTF-8 (BOM or not); a file
in another encoding (GBK/GB18030 from Excel on Chinese Windows …) is decoded by the report
decoder, with a logged note.

Splits are never drawn at random: :func:`split_by_family` hashes the *family* (the report
template a statement comes from) so near-duplicates of one template always land on the
same side, and an explicit ``split`` field in the data wins over the hash.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import logging
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from nlp_reports._walk import walk
from nlp_reports.errors import DataError
from nlp_reports.taxonomy import KINDS, THEME_IDS, THEME_NAMES

log = logging.getLogger("nlp_reports")

__all__ = [
    "KINDS",
    "SPLITS",
    "THEME_ALIASES",
    "DataWarning",
    "THEME_IDS",
    "TEXT_FAMILY",
    "THEME_SEPARATORS",
    "LabeledStatement",
    "data_files",
    "data_sha256",
    "label_conflicts",
    "layout_warnings",
    "load_labeled",
    "read_lines",
    "read_text",
    "require_texts",
    "scarcity_warnings",
    "shipped_labeled_files",
    "split_by_family",
    "table_delimiter",
    "theme_matrix",
    "unknown_labels_message",
]

#: The split names a ``split`` field may take.
SPLITS: tuple[str, ...] = ("train", "dev", "test")
_SUFFIXES = (".jsonl", ".csv", ".tsv")
#: Tab-separated label files (a spreadsheet's "text (tab delimited)" save).
_TSV_SUFFIXES = (".tsv", ".tab")
#: Spreadsheet workbooks: refused with how to save one as CSV (their bytes are no text).
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".numbers")
#: The first bytes of a zip (.xlsx, .ods, .et) and of an OLE file (.xls).
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
#: What may separate several theme ids in one CSV cell (or a JSONL string).
THEME_SEPARATORS = ";；,，、|｜/／ "
# any run of separators or blanks (a tab, a full-width space, "staffing, training"): no theme
# id or Chinese name holds a blank, so "proactivity timeliness", the way one types them, is two
_THEME_SPLIT = re.compile(r"[;；,，、|｜/／\s]+")


@dataclass(frozen=True)
class LabeledStatement:
    """One labeled statement (标注语句): text, kind, themes (ids, taxonomy order) and provenance.

    ``family`` groups statements from one report template (the unit of splitting); when the
    data gives none, the text itself is the family. ``source`` is ``"file:line"``.
    ``block``: the sub-heading block the statement sat under in its report (``problem``:
    存在的问题…, ``measure``: 改进措施…), as a suggest CSV's ``block`` column gives it; None
    when unknown (no such heading, no such column). A check on the kind, never a label.
    """

    text: str
    kind: str
    themes: tuple[str, ...] = ()
    family: str = ""
    level: str | None = None
    year: int | None = None
    voice: str | None = None
    split: str | None = None
    source: str = ""
    block: str | None = None


PathLike = str | os.PathLike


def data_files(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The labeled files named by ``paths`` (files, or folders searched for *.jsonl / *.csv)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():  # (walked without recursion: rglob raised RecursionError 1,500 deep)
            files.extend(sorted(Path(root, name) for root, _, names in walk(str(path))
                                for name in names if Path(name).suffix.lower() in _SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise DataError(f"{path}: no such labeled data file",
                            message_zh=f"标注数据文件不存在：{path}，请检查路径和文件名")
    return files


def shipped_labeled_files() -> list[Path]:
    """The labeled corpus shipped with the package (``nlp_reports/data/labeled/*.jsonl``).

    Found through ``importlib.resources``, so it works from a clone, an editable install or
    a wheel, whatever the working directory (a notebook copied out of the clone, or the
    README's ``train nlp_reports/data/labeled/*.jsonl …`` run elsewhere, cannot find it by
    a relative path). Pass the list, or a part of it, to :func:`train` with your own labels.
    """
    from importlib import resources

    folder = resources.files("nlp_reports").joinpath("data", "labeled")
    files = sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith(".jsonl"))
    if not files:
        raise DataError(f"{folder}: the shipped labeled data are not installed")
    return files


def data_sha256(paths: PathLike | Iterable[PathLike]) -> str:
    """SHA-256 of the data files' bytes, files taken in sorted path order (a data snapshot id)."""
    h = hashlib.sha256()
    for f in sorted(data_files(paths), key=lambda f: str(f)):
        h.update(f.read_bytes())
    return h.hexdigest()


def load_labeled(paths: PathLike | Iterable[PathLike]) -> list[LabeledStatement]:
    """Read labeled statements from JSONL/CSV files or folders, validating every record.

    Raises :class:`~nlp_reports.errors.DataError` naming ``file:line`` for a malformed line
    (the first of a file), or an unknown kind or theme id, or an empty text — every such
    record of a file at once (up to :data:`MAX_REPORTED`), so a labeller mends them in one
    pass rather than one per run.
    See the module docstring for the formats, theme separators, skipped unlabeled rows and
    encodings.
    """
    out: list[LabeledStatement] = []
    for f in data_files(paths):
        _refuse_workbook(f)
        records = _records(read_text(f), f)
        bad: list[str] = []
        for line, rec in records:
            try:
                out.append(_validate(rec, f"{f}:{line}"))
            except DataError as exc:
                bad.append(str(exc))
        if bad:
            shown = bad[:MAX_REPORTED]
            more = (f"\n… and {len(bad) - len(shown)} more" if len(bad) > len(shown) else "")
            head = f"{len(bad)} records of {f} cannot be used:\n" if len(bad) > 1 else ""
            raise DataError(head + "\n".join(shown) + more)
    return out


#: How many bad records of one file a DataError lists.
MAX_REPORTED = 20


def _refuse_workbook(f: Path) -> None:
    """DataError saying how to save it as CSV when ``f`` is a spreadsheet workbook (by its
    suffix or first bytes: an .xlsx renamed .csv too). Before, its bytes were decoded and
    refused with "save the file as UTF-8", which does not say the file must be a CSV."""
    try:
        with open(f, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return  # read_text says why
    if f.suffix.lower() in _WORKBOOK_SUFFIXES or head.startswith(_WORKBOOK_MAGIC):
        raise DataError(
            f"{f}: a spreadsheet workbook (Excel, WPS) or another binary file, not a CSV: "
            "labels are read from CSV (or TSV, JSONL); save the sheet as CSV — Excel: File → "
            "Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; WPS: 另存为 → CSV — and give that "
            "file, its first row the header text, kind, themes",
            message_zh=f"{f} 是电子表格工作簿（Excel、WPS）或其他二进制文件，不是 CSV：标注数据须为 "
            "CSV（或 TSV、JSONL）。请将工作表另存为 CSV——Excel：文件 → 另存为 →“CSV UTF-8（逗号分隔）"
            "(*.csv)”；WPS：另存为 → CSV——再用另存的文件，首行为列名 text、kind、themes")


def _records(raw: str, f: Path) -> list[tuple[int, dict[str, Any]]]:
    """The ``(line, record)`` pairs of a label file's text: a table as :func:`table_delimiter`
    says, else JSON Lines."""
    delimiter = table_delimiter(f, raw)
    if delimiter is None:
        return _jsonl_records(raw, f)
    if f.suffix.lower() not in (".csv", *_TSV_SUFFIXES):
        log.info("%s: read as a %s-separated table (its first line is a header row)", f,
                 "tab" if delimiter == "\t" else "comma")
    return _csv_records(raw, f, delimiter=delimiter)


def table_delimiter(f: Path, raw: str) -> str | None:
    """The delimiter a label file ``f`` of text ``raw`` is read with as a table: "," for a
    .csv, a tab for a .tsv; for another suffix but .jsonl (Excel's "Unicode text" save is a
    tab-separated .txt), the one that makes its first line a header row holding text, kind
    or themes; None for JSON Lines. What train reads as a table, suggest --exclude does too."""
    suffix = f.suffix.lower()
    if suffix == ".csv":
        return ","
    if suffix in _TSV_SUFFIXES:
        return "\t"
    return None if suffix == ".jsonl" else _header_delimiter(raw)


def _header_delimiter(raw: str) -> str | None:
    """The delimiter (tab, else comma) that splits the first non-blank line of ``raw`` into a
    header row naming text, kind or themes (or a name a labeller gives them, 类型 …); None
    when it is no such row (a JSON object, anything else)."""
    first = next((line for line in raw.splitlines() if line.strip()), "")
    if first.lstrip().startswith(("{", "[")):
        return None
    names = {"text", "kind", "themes", *_HEADER_MEANT}
    for delimiter in ("\t", ","):
        try:
            cells = [c.strip() for c in next(csv.reader([first], delimiter=delimiter), [])]
        except csv.Error:  # a first line over the csv module's 128 KB cell: no header row
            return None
        if len(cells) > 1 and names.intersection(cells):
            return delimiter
    return None


def _decode(data: bytes, path: str | None = None) -> tuple[str, str] | None:
    """``data`` as text and the encoding that read it: UTF-8 (BOM or not), else what the
    report decoder finds (GB18030/GBK, UTF-16, Big5 …); None when nothing fits."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from nlp_reports.errors import ParseError
    from nlp_reports.ingest.encoding import decode_bytes

    try:
        return decode_bytes(data, path=path)
    except ParseError:
        return None


def _unreadable_zh(path: PathLike, exc: OSError) -> str:
    """What a file that cannot be opened at all means, in Chinese: not there, a folder, or
    not readable — never the "malformed labeled data" of a file read and found wrong (the
    Chinese line under ``classify nonexistent.txt`` said the labels lacked text/kind/themes)."""
    if isinstance(exc, PermissionError):  # the path is right: its permissions are not
        return f"没有读取权限：{path}，请检查文件权限，或以有权读取该文件的用户运行"
    if isinstance(exc, FileNotFoundError):
        why = "文件不存在"
    elif isinstance(exc, IsADirectoryError):
        why = "这是文件夹，不是文件"
    else:
        why = "无法读取"
    return f"{why}：{path}，请检查路径和文件名"


def read_text(f: Path) -> str:
    """A labeled (or statements) file's text: UTF-8 (BOM or not), else what the report
    decoder finds (GB18030/GBK, UTF-16, Big5 …), with a note in the log; DataError when
    nothing fits. Public: ``suggest`` reads .txt statement lists with it too."""
    try:
        data = f.read_bytes()
    except OSError as exc:
        raise DataError(f"{f}: cannot read ({exc.strerror or exc})",
                        message_zh=_unreadable_zh(f, exc)) from None
    decoded = _decode(data, str(f))
    if decoded is None:
        raise DataError(f"{f}: neither UTF-8 nor GB18030/GBK, UTF-16 or Big5; "
                        "save the file as UTF-8")
    text, encoding = decoded
    if encoding != "utf-8":
        log.info("%s: not UTF-8; read as %s (a spreadsheet's save on Chinese Windows?)",
                 f, encoding.upper())
    return text


def _jsonl_records(raw: str, f: Path) -> list[tuple[int, dict[str, Any]]]:
    records = []
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:  # ("[[[…": nested too deeply; a number
            # of 5,000 digits: ValueError, not JSONDecodeError)
            raise DataError(f"{f}:{i}: invalid JSON ({_json_problem(exc)})") from None
        if not isinstance(rec, dict):
            raise DataError(f"{f}:{i}: expected a JSON object, got {type(rec).__name__}")
        records.append((i, rec))
    return records


def _json_problem(exc: BaseException) -> str:
    """What json.loads found wrong, in short."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return getattr(exc, "msg", None) or str(exc).split(":")[0]


def csv_rows(raw: str, f: Path | str, delimiter: str = ","
             ) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The column names (stripped: a header cell "kind " or " themes" typed in a sheet is the
    column) and ``(line, row)`` pairs of a CSV text (of the file ``f``; ``delimiter`` "\\t"
    for a TSV); a DataError naming the line for what the csv module cannot read (a cell over
    its 128 KB limit raised _csv.Error: a traceback)."""
    # universal newlines: a CSV saved by Excel for Mac ("CSV (Macintosh)") ends its lines
    # with CR alone, which the csv module refused ("new-line character seen in unquoted field")
    reader = csv.DictReader(io.StringIO(raw, newline=None), delimiter=delimiter)
    try:
        if reader.fieldnames:
            reader.fieldnames = [c.strip() if isinstance(c, str) else c
                                 for c in reader.fieldnames]
        rows = [(reader.line_num, rec) for rec in reader]
    except csv.Error as exc:
        raise DataError(f"{f}: not a readable CSV near line {reader.line_num + 1} ({exc})") from None
    return list(reader.fieldnames or ()), rows


def _csv_records(raw: str, f: Path, delimiter: str = ",") -> list[tuple[int, dict[str, Any]]]:
    fieldnames, rows = csv_rows(raw, f, delimiter)
    missing = [c for c in ("text", "kind", "themes") if c not in fieldnames]
    if missing:
        # (without a themes column every row read as naming no theme: a column headed
        # "theme" or "主题" trained and scored her statements as themeless, silently)
        found = ", ".join(repr(c) for c in fieldnames if c) or "none"
        renamed = [f"{c.strip()!r} to {_HEADER_MEANT[c.strip()]!r}" for c in fieldnames
                   if c and _HEADER_MEANT.get(c.strip()) in missing]
        raise DataError(f"{f}:1: a CSV needs the columns 'text', 'kind' and 'themes' (an empty "
                        f"themes cell is a statement of no theme); missing "
                        f"{', '.join(repr(c) for c in missing)}, the columns found: {found}"
                        + (f"; rename {', '.join(renamed)} in the header row" if renamed else "")
                        + _header_below(raw, delimiter))
    _refuse_unclosed_quote(fieldnames, rows, f, delimiter)
    suggestions = "model_kind" in fieldnames  # a `nlp-reports suggest` CSV
    records, unlabeled, half = [], 0, []
    for line, rec in rows:
        if not any((v or "").strip() for v in rec.values() if isinstance(v, str)):
            continue
        themes = (rec.get("themes") or "").strip()
        if not (rec.get("kind") or "").strip() and (suggestions or not themes):
            unlabeled += 1  # a row not labeled (yet): a suggestion or a bare text
            if themes:
                half.append(line)
            continue
        if themes.startswith("["):
            try:
                rec["themes"] = json.loads(themes)
            except (ValueError, RecursionError):
                raise DataError(f"{f}:{line}: themes is not a valid JSON list") from None
        else:
            rec["themes"] = _split_themes(themes)
        records.append((line, rec))
    if unlabeled:
        log.info("%s: skipped %d unlabeled rows (no kind filled in); %d labeled rows read",
                 f, unlabeled, len(records))
    if half:  # themes typed, kind forgotten: a slip, skipped with only an INFO line before
        lines = ", ".join(map(str, half[:MAX_REPORTED])) + (" …" if len(half) > MAX_REPORTED else "")
        rows_have = "1 row has" if len(half) == 1 else f"{len(half)} rows have"
        warn_data([f"{f}: {rows_have} themes but no kind (line {lines}), skipped as "
                   "unlabeled; fill in kind (problem, measure or other, or "
                   "问题/措施/其他) to use them"], stacklevel=4)
    return records


def _header_below(raw: str, delimiter: str) -> str:
    """'; the header row … is line N: delete the lines above it' when one of the first lines
    holds the three column names (a title row typed above the header); '' else."""
    reader = csv.reader(io.StringIO(raw, newline=None), delimiter=delimiter)
    try:
        for cells in itertools.islice(reader, 6):
            if reader.line_num > 1 and {"text", "kind", "themes"} <= {c.strip() for c in cells}:
                n = reader.line_num - 1
                above = "the line above it" if n == 1 else f"the {n} lines above it"
                return f"; the header row (text, kind, themes) is line {reader.line_num}: delete {above}"
    except csv.Error:
        pass
    return ""


def _refuse_unclosed_quote(fieldnames: Sequence[str], rows: Sequence[tuple[int, dict[str, Any]]],
                           f: Path, delimiter: str = ",") -> None:
    """DataError when a cell holds whole rows of the file: a quote (") opened in a cell and
    never closed reads every line below it into that cell — a labeled file came back as one
    unlabeled row, and its rows were skipped with an INFO line. A line inside a cell counts
    as a row when it splits into the header's columns with a kind in the kind column."""
    kinds = {*KINDS, *KIND_ALIASES}
    at = fieldnames.index("kind")
    for line, rec in rows:
        for value in rec.values():
            if not isinstance(value, str) or "\n" not in value:
                continue
            inner = value.rstrip("\n").split("\n")  # (one to the end holds the last newline)
            for k, text in enumerate(inner[1:], 1):
                if text.count(delimiter) < len(fieldnames) - 1:
                    continue
                cells = next(csv.reader([text], delimiter=delimiter), [])
                if len(cells) == len(fieldnames) and kind_label(cells[at]) in kinds:
                    first = line - len(inner) + 1
                    raise DataError(
                        f"{f}:{first}: a quote (\") opened on this line is never closed: the "
                        f"{len(inner) - 1} lines below it, rows such as line {first + k}, are "
                        "read as one cell; close the quote or delete it")


#: Header names a labeller gives the three columns (a Chinese header row, 类型/主题):
#: named in the error, not read silently — the error asks for the right name.
_HEADER_MEANT: dict[str, str] = {"文本": "text", "表述": "text", "内容": "text", "原文": "text",
                                 "类型": "kind", "类别": "kind", "种类": "kind", "Kind": "kind",
                                 "Type": "kind", "type": "kind", "主题": "themes",
                                 "Themes": "themes", "theme": "themes", "Theme": "themes",
                                 "Text": "text"}
#: Theme labels accepted besides the ids: the Chinese names every summary shows (人员力量 …).
THEME_ALIASES: dict[str, str] = {name: tid for tid, name in THEME_NAMES.items()}
#: Kind labels accepted besides the ids: the Chinese words a labeller types, as section 五's
#: own headings name the two sides (存在的主要问题 / 改进措施, 不足, 整改 …; spaces inside are
#: ignored, 措 施 is 措施; traditional forms too). Each names one kind only: a word naming both
#: sides (问题整改, 问题及措施) is refused with both kinds named (:func:`kind_label`).
KIND_ALIASES: dict[str, str] = {
    **dict.fromkeys(("问题", "存在问题", "存在的问题", "主要问题", "存在的主要问题", "不足",
                     "存在不足", "存在的不足", "问题不足", "問題", "存在問題"), "problem"),
    **dict.fromkeys(("措施", "改进措施", "整改措施", "整改", "改进", "改进情况", "整改情况",
                     "下一步", "下步打算", "工作打算", "改進措施"), "measure"),
    **dict.fromkeys(("其他", "其它", "其他内容"), "other"),
}
#: The words that make a label lean to one kind, for the did-you-mean of a label that is no
#: alias ("存在的突出问题" → problem; "问题整改" names both: no guess, both named).
_KIND_WORDS: dict[str, tuple[str, ...]] = {"problem": ("问题", "不足", "問題", "短板"),
                                           "measure": ("措施", "整改", "改进", "举措", "打算")}


def kind_label(value: str) -> str:
    """The kind id a labeller's kind cell names: an id in any case, or a Chinese alias of
    :data:`KIND_ALIASES` with any spaces inside ignored; else the cell stripped and
    lowercased (refused by the caller, with :func:`unknown_labels_message`)."""
    stripped = value.strip()
    return KIND_ALIASES.get(re.sub(r"\s+", "", stripped), stripped.lower())


def _kind_hint(unknown: Sequence[Any]) -> str:
    """' (did you mean 'problem'?)' for a kind label that is no alias but holds one side's
    word (存在的突出问题), or the note that it names both sides (问题整改): the labeller
    chooses, nothing is guessed between problem and measure."""
    for u in unknown:
        if (isinstance(u, (int, float)) and not isinstance(u, bool)) or (isinstance(u, str)
                                           and re.fullmatch(r"\s*\d+(\.\d+)?\s*", u)):
            # a coding sheet's 1/2/3: which number is which kind is the labeller's scheme
            return (" (a number is no kind: write the word your code stands for, "
                    "problem, measure or other)")
        if not isinstance(u, str):
            continue
        sides = [k for k, words in _KIND_WORDS.items() if any(w in u for w in words)]
        if len(sides) == 2:
            return (f" ({u.strip()!r} names both a problem and a measure: a statement is one "
                    "kind, write problem or measure)")
        if len(sides) == 1:
            return f" (did you mean {sides[0]!r}?)"
    return _did_you_mean(unknown, [*KINDS, *KIND_ALIASES])


def unknown_labels_message(unknown: Sequence[Any], what: str) -> str:
    """Why labels outside the fixed taxonomy are refused, and what is accepted.

    Why say "fixed": a researcher adapting the classifier learnt only from tracebacks that
    categories of their own are impossible; retraining relabels within the taxonomy.
    """
    # (at most 10, each cut to 40 characters: a cell of 20,000 wrong ids, a kind of 1 MB)
    distinct = list(dict.fromkeys(r if len(r) <= 40 else r[:39] + "…" for r in map(repr, unknown)))
    shown = ", ".join(distinct[:10]) + (f" … ({len(distinct)} in all)" if len(distinct) > 10 else "")
    if what == "kind":
        return (f"unknown kind {shown}{_kind_hint(unknown)}; "
                f"expected one of {', '.join(KINDS)} (or Chinese: 问题/不足/存在问题, "
                "措施/改进措施/整改, 其他/其它; the kinds are fixed: retraining relabels "
                "statements within them)")
    hint = (_no_theme_hint(unknown)
            or _did_you_mean(unknown, [*THEME_IDS, *THEME_NAMES.values()])
            or _theme_word_hint(unknown))
    return (f"unknown theme id(s) {shown}{hint}"
            f"; the valid ids are {', '.join(THEME_IDS)}, or their "
            f"Chinese names ({'、'.join(THEME_NAMES.values())}); several themes separated by ; "
            "or , or 、 or / or spaces. The 13 themes are fixed: retraining relabels statements within them, "
            "it cannot learn a theme of one's own")


#: What labellers write for "no theme" (无, —, N/A: split at its "/" into N and A …).
_NO_THEME_MARKS = frozenset({"无", "没有", "空", "不涉及", "none", "null", "nil", "na", "n/a",
                             "-", "--", "—", "——", "－", "0"})


def _no_theme_hint(unknown: Sequence[Any]) -> str:
    """' (… no theme: leave the themes cell empty)' when the unknown labels are only a word
    for none (无, none, —, N/A …): the rule is an empty cell, the list of ids would not say so."""
    words = [u.strip().lower() for u in unknown if isinstance(u, str)]
    if words and len(words) == len(unknown) and (
            all(w in _NO_THEME_MARKS for w in words) or "".join(words) in _NO_THEME_MARKS):
        return " (a statement of no theme: leave the themes cell empty)"
    return ""


#: Words of each theme's boundary in the guidelines' table (docs/annotation-guidelines.md §3),
#: for the hint to a labeller who wrote her domain's word for a theme ('个人信息保护',
#: '患者隐私' → confidentiality) rather than its name: the table decides, not her.
_THEME_WORDS: dict[str, tuple[str, ...]] = {
    "staffing": ("人员", "人手", "专人", "专职", "兼职"),
    "training": ("培训", "业务能力", "素质"),
    "awareness": ("重视", "认识", "意识"),
    "proactivity": ("主动公开", "公开范围", "公开力度", "重点领域"),
    "content_quality": ("质量", "准确", "完整", "可读"),
    "timeliness": ("及时", "时效", "滞后", "更新"),
    "confidentiality": ("保密", "隐私", "个人信息", "敏感", "脱敏", "尺度"),
    "interpretation": ("解读", "回应", "舆情"),
    "platform": ("网站", "平台", "栏目", "新媒体", "公众号", "信息化", "数字化", "公开栏"),
    "institution": ("制度", "机制", "流程", "目录", "指南", "规范"),
    "supervision": ("考核", "监督", "督查", "自查", "问责", "评议"),
    "application": ("依申请", "申请"),
    "publicity": ("宣传", "知晓", "公众参与", "开放日"),
}


def _theme_word_hint(unknown: Sequence[Any]) -> str:
    """' ('个人信息保护': the guidelines count 个人信息 under 'confidentiality' (保密审查与公开
    尺度))' for the first unknown label holding a word of a theme's boundary; '' else. A
    hint, not a mapping: the label stays refused, the labeller chooses."""
    for u in itertools.islice(dict.fromkeys(u for u in unknown if isinstance(u, str)), 10):
        hits = [(t, next(w for w in words if w in u)) for t, words in _THEME_WORDS.items()
                if any(w in u for w in words)]
        if hits:
            named = " or ".join(f"{w} under {t!r} ({THEME_NAMES[t]})" for t, w in hits[:3])
            return (f" ({u.strip()!r}: the guidelines' theme table, docs/annotation-guidelines.md"
                    f" §3, counts {named})")
    return ""


#: Field names a labeller may have meant as ``themes`` (theme, Themes, 主题, labels …).
_THEMES_MISNAMED = re.compile(r"(?i)themes?|主题|labels?|tags?")


def _theme_id(label: str) -> str:
    """The theme id ``label`` names: an id in any case (Excel capitalizes a cell's first
    letter: 'Platform'), or a Chinese name; else ``label`` stripped."""
    label = label.strip()
    return THEME_ALIASES.get(label) or (label.lower() if label.lower() in THEME_IDS else label)


def _did_you_mean(unknown: Sequence[Any], labels: Sequence[str]) -> str:
    """' (did you mean 'x'?)' for the close misspellings among ``unknown`` (人员力 → 人员力量,
    proactivty → proactivity), else ''."""
    import difflib

    pairs = []
    # the first 10 distinct, as many as the message shows: 300,000 unknown ids of one JSON
    # record took 12 s of difflib for a message naming 10
    for u in itertools.islice(dict.fromkeys(u for u in unknown if isinstance(u, str)), 10):
        close = difflib.get_close_matches(u.strip().lower(), labels, n=1, cutoff=0.6)
        if close:
            pairs.append((u, close[0]))
    if len(pairs) == 1 and len(unknown) == 1:
        return f" (did you mean {pairs[0][1]!r}?)"
    shown = ", ".join(f"{m!r} for {u!r}" for u, m in pairs[:10])
    return f" (did you mean {shown}?)" if pairs else ""


def _split_themes(cell: str) -> list[str]:
    """Theme ids of one cell, separated by any of :data:`THEME_SEPARATORS`."""
    return [t.strip() for t in _THEME_SPLIT.split(cell) if t.strip()]


def _validate(rec: dict[str, Any], where: str) -> LabeledStatement:
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: 'text' is missing or empty")
    kind = rec.get("kind")
    if isinstance(kind, str):
        kind = kind_label(kind)
    if kind not in KINDS:
        raise DataError(f"{where}: {unknown_labels_message([kind], 'kind')}")
    if "themes" not in rec:
        stray = [k for k in rec if isinstance(k, str) and _THEMES_MISNAMED.fullmatch(k.strip())]
        if stray:  # {"theme": [...]} would be read as no theme, silently
            raise DataError(f"{where}: no 'themes' field, but {stray[0]!r}: the field is "
                            "named 'themes' (a list of theme ids, empty for none)")
    themes = rec.get("themes", [])
    if themes is None:
        themes = []
    if isinstance(themes, str):
        themes = _split_themes(themes)
    if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
        raise DataError(f"{where}: 'themes' must be a list of theme ids")
    themes = [_theme_id(t) for t in themes]
    unknown = [t for t in themes if t not in THEME_IDS]
    if unknown:
        raise DataError(f"{where}: {unknown_labels_message(unknown, 'theme')}")
    split = rec.get("split")
    if isinstance(split, str):  # a spreadsheet's "train " or "Train", as kind is stripped
        split = split.strip().lower()
    if split in ("", None):
        split = None
    elif split not in SPLITS:
        raise DataError(f"{where}: unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    year = rec.get("year")
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError, OverflowError):  # (Infinity, 1e400 in JSON: overflow)
        raise DataError(f"{where}: 'year' must be an integer, got {year!r:.40}") from None
    family = rec.get("family")
    family = str(family).strip() if family not in (None, "") else ""
    if not family and str(rec.get("source") or "").strip():  # a suggest CSV's report file:
        family = "source:" + str(rec["source"]).strip()  # its statements stay on one side
    return LabeledStatement(
        text=text.strip(),
        kind=kind,
        themes=tuple(t for t in THEME_IDS if t in set(themes)),
        family=family or TEXT_FAMILY + text.strip(),
        level=rec.get("level") or None,
        year=year,
        voice=rec.get("voice") or None,
        split=split,
        source=where,
        block=_block(rec.get("block")),
    )


#: The family of a statement given none: its text after this prefix (train and evaluate
#: then group such statements with their near-duplicates, ``classify.families``).
TEXT_FAMILY = "text:"

#: A ``block`` cell as a suggest CSV writes it, or in Chinese: the blocks that say a kind.
_BLOCKS = {"problem": "problem", "measure": "measure", "问题": "problem", "措施": "measure"}


def _block(value: Any) -> str | None:
    """A record's ``block`` (the sub-heading its statement sat under) as ``problem`` /
    ``measure``, else None: empty, ``unknown`` or anything else says nothing to check."""
    return _BLOCKS.get(value.strip().lower()) if isinstance(value, str) else None


#: How many statements of each direction a layout warning quotes.
LAYOUT_EXAMPLES = 3
#: The share of the labels under a 问题/措施 sub-heading (kind problem or measure) that may
#: contradict it before :func:`layout_warnings` warns: careful labels do it too — the held-out
#: files' 3.9–4.3 % (a problem item "…。下一步，将…" labelled measure by rule 3, a lead-in the
#: parser put in the next block) — and a warning on every file would be read by nobody.
LAYOUT_SHARE = 0.06


def layout_warnings(items: Sequence[LabeledStatement]) -> list[str]:
    """The kind labels that contradict the sub-heading block their statement sat under (a
    ``problem`` label under an 改进措施 heading, a ``measure`` label under a 存在的问题
    heading), as one message in English and Chinese with the counts and a few examples;
    empty when none (or no block is known: an older suggest CSV, a .jsonl without one), or
    when they are at most :data:`LAYOUT_SHARE` of the labels under such a heading (logged).

    Why a warning, never a refusal: a block can hold both (a problem item ending
    "下一步，将…" is a measure, guidelines §2), but a newcomer who labelled plain measures
    "problem" (7 of 96 in one researcher's labels) had nothing to tell her so, and the model learns it.
    """
    against: dict[str, list[LabeledStatement]] = {"problem": [], "measure": []}
    checked = 0
    for d in items:
        if d.block in against and d.kind in against:
            checked += 1
            if d.kind != d.block:
                against[d.kind].append(d)
    n = sum(len(v) for v in against.values())
    if not n:
        return []
    share = f"{n} of {checked} under a problem or measure sub-heading, {n / checked:.0%}"
    if n <= LAYOUT_SHARE * checked:
        log.info("%d kind labels contradict the sub-heading their statement sat under (%s: "
                 "as careful labels do)", n, share)
        return []
    heading = {"problem": "a measure sub-heading (改进措施…)",
               "measure": "a problem sub-heading (存在的问题…)"}
    heading_zh = {"problem": "“改进措施”类小标题下的表述标为问题",
                  "measure": "“存在问题”类小标题下的表述标为措施"}
    parts, parts_zh, shown = [], [], []
    for kind, found in against.items():
        if not found:
            continue
        parts.append(f"{len(found)} labelled {kind} sat under {heading[kind]}")
        parts_zh.append(f"{heading_zh[kind]}{len(found)}条")
        shown += [f"{kind}: {_snippet(d.text)} ({d.source})" for d in found[:LAYOUT_EXAMPLES]]
    return [f"{n} kind label{'s' if n != 1 else ''} contradict the layout of the report "
            f"({share}): " + " and ".join(parts) + ". A block can hold both (and the "
            "parser's block is not always right), but check them: a statement is labelled by "
            "what it does as a whole (docs/annotation-guidelines.md §2); e.g. "
            + "; ".join(shown)
            + f"\n    标注与报告版式不一致（问题、措施类小标题下的{checked}条中有{n}条）："
            + "，".join(parts_zh) + "。同一部分可能两者兼有（版式识别也可能有误），但请逐条核对："
            "按整条表述的主要作用标注（见标注指南第2节）"]


def _snippet(text: str, width: int = 30) -> str:
    """A statement as quoted in a warning: its first ``width`` characters."""
    return f"'{text[:width]}…'" if len(text) > width else f"'{text}'"


#: How many conflicting statements :func:`label_conflicts` quotes.
CONFLICT_EXAMPLES = 5


def _shipped_source_test() -> Callable[[str], bool]:
    """A test of whether a statement's ``file:line`` is one of the shipped labeled files (read
    through a path like ``nlp_reports/data/labeled/``): a conflict there is not the user's to
    mend. The folder is found once and each file resolved once: looked up per conflict, a
    100,000-row sheet with 30,000 conflicting texts took 46 s."""
    try:
        folder: Path | None = shipped_labeled_files()[0].parent.resolve()
    except (DataError, OSError):
        folder = None
    seen: dict[str, bool] = {}

    def shipped(source: str) -> bool:
        file = source.rsplit(":", 1)[0]
        if file not in seen:
            seen[file] = folder is not None and Path(file).resolve().parent == folder
        return seen[file]

    return shipped


def label_conflicts(items: Sequence[LabeledStatement],
                    against: Sequence[LabeledStatement] = ()) -> list[str]:
    """The statements labelled twice with different kinds or themes (标注不一致), as one
    message in English and Chinese naming each copy's ``file:line`` and labels; empty when
    none. Texts are the same when equal but for spaces and punctuation (a 。 more).

    ``against``: labels the data are trained with too (the shipped corpus): a statement of
    ``items`` labelled otherwise there is named; conflicts within ``against`` alone are not.
    Why a warning: two labellers' files merged, or one statement met twice in a long sheet,
    gave the model two answers for one text, and nothing said so; which is right is the
    labeller's call, so both stay.
    """
    groups: dict[str, list[LabeledStatement]] = {}
    for d in items:
        groups.setdefault(_dedup_key(d.text), []).append(d)
    for d in against:
        group = groups.get(_dedup_key(d.text))
        if group is not None:
            group.append(d)
    shipped = _shipped_source_test()
    found = [g for g in groups.values() if len({(d.kind, d.themes) for d in g}) > 1
             and not all(shipped(d.source) for d in g)]
    if not found:
        return []

    def labels(d: LabeledStatement) -> str:
        return f"{d.kind} [{', '.join(d.themes)}] ({d.source})"

    shown = [f"{_snippet(g[0].text)}: " + " vs ".join(labels(d) for d in g[:4])
             for g in found[:CONFLICT_EXAMPLES]]
    more = f"; … and {len(found) - len(shown)} more" if len(found) > len(shown) else ""
    n = len(found)
    return [f"{n} statement{' is' if n == 1 else 's are'} labelled differently in more than one place "
            "(the same text, spaces and punctuation aside): both labels are used, teaching the "
            "model two answers for one text; keep the right one, correct or delete the others: "
            + "; ".join(shown) + more
            + f"\n    标注不一致：{n}条表述（忽略空格和标点后相同）在多处所标的类型或主题不同，两种标注都会"
            "用于训练和评估；请保留正确的标注，修改或删除其余各处（文件和行号见上）"]


def read_lines(source: PathLike | IO[bytes]) -> list[str]:
    """The lines of a text file or binary stream, one per input line (blank lines kept).

    Decoding: UTF-8 (BOM or not), else the report decoder (GB18030/GBK, UTF-16, Big5 …),
    else UTF-8 with ``surrogateescape`` so undecodable bytes never stop a batch.
    Raises DataError when a path does not exist or cannot be read.
    """
    if isinstance(source, (str, os.PathLike)):
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise DataError(f"{source}: cannot read ({exc.strerror or exc})",
                            message_zh=_unreadable_zh(source, exc)) from None
    else:
        data = source.read()
    if not data:
        return []
    decoded = _decode(data)
    text = decoded[0] if decoded is not None else data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def require_texts(texts: Any, where: str) -> None:
    """Raise TypeError when ``texts`` is one string (or bytes), not a list of statements.

    Why: a str is itself a sequence (of characters), so ``predict("一句话")`` would label
    every character and return plausible-looking garbage.
    """
    if isinstance(texts, (str, bytes, bytearray)):
        raise TypeError(f"{where} takes a list of statements, not a single "
                        f"{type(texts).__name__}: pass a list of statements, e.g. [text]")


#: Fewer statements than this to learn from give a model worse than the keyword baseline.
MIN_STATEMENTS = 200
#: A kind or theme with fewer positive examples than this is not learned (its F1 is noise).
MIN_POSITIVES = 10


class DataWarning(UserWarning):
    """The labeled data are too few (or were trained on) for the figures to mean much; and
    :func:`~nlp_reports.classify.suggest.suggest` gives fewer statements than asked, or
    ranks a store tagged with another model (its statements scored again).

    Why a real warning, not only a log line: the ``nlp_reports`` logger has a NullHandler,
    so in Python or Jupyter a logged warning is shown nowhere, and a researcher trusted a
    model the tool knew could not be learned. Silence it with
    ``warnings.simplefilter("ignore", DataWarning)``.
    """


#: The attribute set on the log record of a warning a result also carries (evaluate's
#: ``warnings``, printed under the figures): the command line, printing that result, does
#: not log it too (it stood twice on the screen).
IN_RESULT = "nlp_reports_in_result"


def warn_data(messages: Sequence[str], *, stacklevel: int = 3, in_result: bool = False) -> None:
    """Log each message at WARNING and issue it as a :class:`DataWarning` (for notebooks);
    ``in_result``: the returned result carries the messages too (:data:`IN_RESULT`)."""
    for message in messages:
        log.warning("%s", message, extra={IN_RESULT: True} if in_result else None)
        warnings.warn(message, DataWarning, stacklevel=stacklevel)


def scarcity_warnings(items: Sequence[LabeledStatement], what: str) -> list[str]:
    """Why ``items`` are too few to learn from (empty when they are enough), one message each.

    ``what`` names the statements in the messages ("the training split"). Checks the total
    (:data:`MIN_STATEMENTS`) and the positives of every kind and theme (:data:`MIN_POSITIVES`).
    Why: 20 hand-labeled lines train a model far below the keyword baseline, and nothing
    said so.
    """
    out = []
    if len(items) < MIN_STATEMENTS:
        out.append(f"{what} has only {len(items)} statements (at least {MIN_STATEMENTS} are "
                   "needed to learn much; the keyword baseline is likely better)")
    counts = {k: 0 for k in (*KINDS, *THEME_IDS)}
    for d in items:
        counts[d.kind] += 1
        for t in d.themes:
            counts[t] += 1
    few = [f"{k} {n}" for k, n in counts.items() if n < MIN_POSITIVES]
    if few:
        out.append(f"in {what} these kinds/themes have fewer than {MIN_POSITIVES} examples and "
                   f"cannot be learned: {', '.join(few)}")
    return out


def family_bucket(family: str) -> float:
    """A stable number in [0, 1) for a family id (SHA-256 based, independent of PYTHONHASHSEED)."""
    digest = hashlib.sha256(family.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_by_family(
    data: Sequence[LabeledStatement], *, dev: float = 0.15, test: float = 0.15
) -> tuple[list[LabeledStatement], list[LabeledStatement], list[LabeledStatement]]:
    """Deterministic (train, dev, test) by a hash of the family id; a ``split`` field wins.

    Every statement of one family falls on the same side, so template near-duplicates never
    straddle the split. About ``1 - dev - test`` of the families go to train.
    """
    parts: dict[str, list[LabeledStatement]] = {s: [] for s in SPLITS}
    # The same short line ("无。", a heading, a stock phrase) recurs in many families: every
    # copy is bucketed under one shared key, so an exact duplicate never straddles the split.
    families_of: dict[str, set[str]] = {}
    for item in data:
        families_of.setdefault(_dedup_key(item.text), set()).add(item.family)
    for item in data:
        if item.split:
            parts[item.split].append(item)
            continue
        key = _dedup_key(item.text)
        b = family_bucket("dup:" + key if len(families_of[key]) > 1 else item.family)
        name = "test" if b < test else "dev" if b < test + dev else "train"
        parts[name].append(item)
    return parts["train"], parts["dev"], parts["test"]


_DEDUP_DROP = str.maketrans("", "", " \t\u3000,，.。;；:：、!！?？\"'“”‘’()（）")


def _dedup_key(text: str) -> str:
    """Text with spaces and punctuation removed: equal keys are the same line."""
    return text.translate(_DEDUP_DROP)


def theme_matrix(themes: Sequence[Sequence[str]]):
    """A (n, 13) 0/1 numpy array, columns in taxonomy.THEME_IDS order, from theme ids (or
    Chinese names) per row; DataError for a label outside the taxonomy."""
    import numpy as np

    index = {t: i for i, t in enumerate(THEME_IDS)}
    y = np.zeros((len(themes), len(THEME_IDS)), dtype=np.int8)
    for r, ts in enumerate(themes):
        if isinstance(ts, str):  # one label, not a list of them (its characters)
            ts = [ts]
        for t in ts:
            j = index.get(THEME_ALIASES.get(t, t)) if isinstance(t, str) else None
            if j is None:
                raise DataError(f"themes of row {r}: {unknown_labels_message([t], 'theme')}")
            y[r, j] = 1
    return y
