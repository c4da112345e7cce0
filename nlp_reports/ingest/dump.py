"""A crawler's dump — JSON, JSON lines or CSV holding each report's text in a field — told
apart from a report, so that it is refused with what to do instead of read as one.

Researchers who scraped a portal often keep its records as ``dump.jsonl`` (one
``{"url": …, "title": …, "content": "…"}`` a line) or a CSV with the text in a column.
Read as text, such a file became one report with no agency, the JSON's quotes and ``\\n``
escapes in its statements, or a "compilation" of the records glued together: a silent,
wrong report. We do not guess which field holds the text nor split the records into
reports: the error names the field and the records, and says how to save each as a .txt.
"""

from __future__ import annotations

import csv
import io
import json

from nlp_reports.errors import UnsupportedFormatError

#: The shortest field taken for a report's text (a title or a URL is shorter).
_TEXT_MIN = 200
#: How much of a CSV is looked at (its header and first records).
_CSV_PROBE = 200_000

_HOW = ("save each record's {field!r} field as a .txt file of its own (one report a file) and "
        "read those: in Python, for i, rec in enumerate(RECORDS): open(f'{{i}}.txt', 'w', "
        "encoding='utf-8').write(rec[{field!r}])")


def refuse_dump(text: str, *, csv_suffix: bool, path: str | None = None) -> None:
    """Raise :class:`UnsupportedFormatError` when ``text`` (a decoded file) is a JSON document,
    JSON lines, or — ``csv_suffix``: the file is named .csv — a CSV with a long text field."""
    head = text[:1]
    if head in "{[" or (head in "\ufeff \t\r\n" and text.lstrip("\ufeff \t\r\n")[:1] in "{["):
        _refuse_json(text.lstrip("\ufeff \t\r\n"), path)
    elif csv_suffix:
        _refuse_csv(text, path)


def _refuse_json(text: str, path: str | None) -> None:
    try:
        data = json.loads(text)
        kind = "JSON"
    except (ValueError, RecursionError):  # (RecursionError: '[' × 100,000)
        records = []
        for line in text.splitlines():
            if line.strip():
                try:
                    records.append(json.loads(line))
                except (ValueError, RecursionError):
                    return  # (no JSON lines: a text opening with a brace, read as text)
        data, kind = records, "JSON lines"
    records = [data] if isinstance(data, dict) else data if isinstance(data, list) else []
    records = [r for r in records if isinstance(r, dict)]
    field = _text_field(records)
    where = f"its field {field!r}" if field else "no field long enough to be a report's text"
    advice = _HOW.format(field=field) if field else (
        "export the reports themselves (.txt, .html, .docx or .pdf)")
    raise UnsupportedFormatError(
        f"a crawler's dump ({kind}, {len(records)} record(s)), not a report: the text is in "
        f"{where}. Not read (one record or all of them would be guessed at): {advice}",
        path=path)


def _refuse_csv(text: str, path: str | None) -> None:
    try:
        rows = list(csv.reader(io.StringIO(text[:_CSV_PROBE])))
    except csv.Error:
        return
    if len(rows) < 2 or not _csv_header(rows[0]):
        return  # (a report saved as .csv: its lines are no columns under a header)
    header = rows[0]
    records = [dict(zip(header, row, strict=False)) for row in rows[1:]
               if len(row) == len(header)]
    field = _text_field(records)
    if field is None:
        return  # (a table pasted as CSV, say: read as text, as before)
    raise UnsupportedFormatError(
        f"a crawler's dump (CSV, {len(records)} record(s) in the first {len(text[:_CSV_PROBE])} "
        f"characters), not a report: the text is in its column {field!r}. Not read: "
        + _HOW.format(field=field), path=path)


def _csv_header(row: list[str]) -> bool:
    """Whether a CSV's first row reads as a header: two fields or more, each a short name
    ("title", "content", "发布日期"). A report saved as .csv has its title there, one field."""
    return len(row) >= 2 and all(0 < len(name.strip()) <= 40 for name in row)


def _text_field(records: list[dict]) -> str | None:
    """The field holding the longest text of at least :data:`_TEXT_MIN` characters."""
    best, longest = None, _TEXT_MIN - 1
    for rec in records[:50]:
        for key, value in rec.items():
            if isinstance(value, str) and len(value) > longest:
                best, longest = str(key), len(value)
    return best


def holds_reports(head: bytes) -> bool:
    """Whether ``head`` (a .json/.jsonl/.csv file's first bytes) is a crawler's dump of
    reports: a record whose field holds a report's text — 200 characters or more, naming
    信息公开, over several lines. Our own outputs are not: ``parse --json`` lines hold no such
    string, an exported ``report_json`` keeps its line breaks escaped, a ``suggest`` CSV's
    statements are one line each."""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # (a character cut by the head's end)
                text = head[:exc.start].decode(encoding)
                break
    else:
        return False
    text = text.lstrip("\ufeff \t\r\n")
    records: list = []
    if text[:1] in "{[":
        lines = text.splitlines()[:-1] or text.splitlines()  # (the last one may be cut)
        for line in lines:
            try:
                records.append(json.loads(line))
            except (ValueError, RecursionError):
                break
        if not records:
            try:
                records = [json.loads(text)]
            except (ValueError, RecursionError):
                return False
        records = [x for r in records for x in (r if isinstance(r, list) else [r])]
    else:
        try:
            rows = list(csv.reader(io.StringIO(text)))[:-1]
        except csv.Error:
            return False
        records = [dict(enumerate(row)) for row in rows[1:]]
    return any(isinstance(v, str) and len(v) >= _TEXT_MIN and "信息公开" in v and v.count("\n") >= 3
               for r in records[:50] if isinstance(r, dict) for v in r.values())
