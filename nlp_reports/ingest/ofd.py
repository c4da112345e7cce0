"""OFD reports (国家版式文档, GB/T 33190) → text, with the standard library only.

An OFD is a zip of XML parts: ``OFD.xml`` names the document (``DocBody/DocRoot`` →
``Document.xml``), which lists its pages (``Pages/Page/@BaseLoc`` → ``Content.xml``). A page
draws text as ``TextObject``s: a ``Boundary`` (x y w h, millimetres, y downwards), a font
``Size``, an optional ``CTM`` (a b c d e f) and ``TextCode`` children whose ``X``/``Y`` place
the first glyph's baseline and whose ``DeltaX`` (``"g 5 4.2"`` repeating a value) spaces the
next ones. Each glyph is placed on the page; glyphs sharing a baseline form a line (a producer
writing one object per line, per run or per glyph reads alike), and a table drawn as
``PathObject`` rules is read cell by cell into TAB-separated rows with merged cells repeated,
as the PDF reader gives them. The PDF reader's page-level steps follow (:mod:`.pdf`): a
paragraph wrapped at the margin joined, page numbers and running heads dropped, a paragraph or
a table row running over a page break joined. Text at a slant (a diagonal watermark) and
annotations (stamps, signatures, watermarks: ``Annotations``) are not read.

Safety, as for .docx: the XML parts' declared sizes must stay within ``max_bytes`` (a zip
bomb), a part declaring a DOCTYPE is refused (entity expansion), a location leaving the
package (``../``) is refused, and a missing part names itself.
"""

from __future__ import annotations

import io
import logging
import math
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from nlp_reports.errors import (
    BinaryInputError,
    InputTooLargeError,
    NotAReportError,
    UnsupportedFormatError,
)
from nlp_reports.ingest.normalize import drop_blank_columns
from nlp_reports.ingest.pdf import (
    _CJK_CHAR,
    _GAP_BETWEEN_CJK,
    _PRIVATE_USE,
    _drop_page_numbers,
    _drop_running_heads,
    _join_pages,
    _join_split_rows,
    _join_title,
    _join_wrapped,
    _unmapped_glyphs,
    _without_furniture,
    page_list,
)

log = logging.getLogger("nlp_reports")

__all__ = ["ofd_to_text", "ofd_text_and_scans"]

_NS = "{http://www.ofdspec.org/2016}"
#: Pages read at most, and glyphs per page: a crafted file cannot make the reader loop on.
_MAX_PAGES = 5_000
_MAX_GLYPHS = 200_000
#: Nesting of PageBlocks followed.
_MAX_DEPTH = 16
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: The advice for an OFD whose text is glyphs its fonts map to no character (private-use
#: code points): OCR tools take a PDF, and the junk text layer goes with it, so --force-ocr.
_UNMAPPED_REMEDY = ("save it as PDF from an OFD reader (数科, 福昕 OFD …) and run OCR on that, "
                    "e.g. ocrmypdf -l chi_sim --force-ocr in.pdf out.pdf")


def _wide(char: str) -> bool:
    """A Chinese character, or a private-use glyph (a font's character it maps to no code,
    Chinese in these reports): as wide as its size, and run together with its neighbours."""
    return bool(_CJK_CHAR.match(char) or _PRIVATE_USE.match(char))


@dataclass(frozen=True)
class _Glyph:
    """One character placed on the page: x of its left edge, its baseline y, size, font."""

    char: str
    x: float
    y: float
    size: float
    font: str

    @property
    def width(self) -> float:
        """Estimated advance (the OFD's font metrics are not read): a Chinese character is
        as wide as its size, a Latin letter or digit about half."""
        return self.size if _wide(self.char) else 0.5 * self.size


@dataclass(frozen=True)
class _Segment:
    """A ruling line of a table: horizontal (``y0 == y1``) or vertical (``x0 == x1``)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


class _Package:
    """The OFD zip: parts read by name, with the package's safety rules."""

    def __init__(self, data: bytes, path: str | None, max_bytes: int) -> None:
        self.path = path
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zf.namelist())
            unpacked = sum(i.file_size for i in self.zf.infolist()
                           if i.filename.lower().endswith(".xml"))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
                NotImplementedError) as exc:
            raise BinaryInputError(
                f"not a readable OFD (corrupt or truncated zip: {exc}); re-download the file",
                path=path) from exc
        if unpacked > max_bytes:
            raise InputTooLargeError(
                f"the OFD unpacks to {unpacked / 2**20:.0f} MB of XML, over the "
                f"{max_bytes / 2**20:.0f} MB limit (a zip bomb?); the commands keep the limit, "
                "in Python read it anyway with load_report(nlp_reports.ingest.read_document("
                "path, max_bytes=N).text)", path=path)

    def resolve(self, base_dir: str, loc: str) -> str:
        """The part name ``loc`` points to, relative to ``base_dir`` (or to the package root
        when it starts with "/"); a location leaving the package is refused."""
        loc = (loc or "").strip().replace("\\", "/")
        if not loc:
            raise BinaryInputError("the OFD names an empty location for a part (damaged OFD)",
                                   path=self.path)
        joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
        name = posixpath.normpath(joined)
        if name == ".." or name.startswith(("../", "/")) or ":" in name:
            raise BinaryInputError(
                f"the OFD names a part outside its package ({loc!r}): refused (a crafted file?)",
                path=self.path)
        return name

    def xml(self, name: str) -> ET.Element:
        """The parsed part ``name``; a missing part, a DOCTYPE or bad XML is a clear error."""
        if name not in self.names:
            # some producers write names in another case than they cite them
            lower = {n.lower(): n for n in self.names}
            if name.lower() not in lower:
                raise BinaryInputError(
                    f"the OFD has no part {name} though it names one (damaged or incomplete "
                    "OFD); re-download the file or save it again from an OFD reader",
                    path=self.path)
            name = lower[name.lower()]
        try:
            raw = self.zf.read(name)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error,
                NotImplementedError, KeyError) as exc:
            raise BinaryInputError(f"the OFD's part {name} is damaged ({exc}); re-download "
                                   "the file", path=self.path) from exc
        if _DOCTYPE.search(raw[:4096]) or (b"<!" in raw and _DOCTYPE.search(raw)):
            raise BinaryInputError(
                f"the OFD's part {name} declares a DOCTYPE or entities, which no OFD producer "
                "writes (entity expansion): refused", path=self.path)
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise BinaryInputError(f"the OFD's part {name} is not well-formed XML ({exc}); "
                                   "re-download the file", path=self.path) from exc


def _local(tag: str) -> str:
    """An element's name without its namespace (producers differ in prefixes)."""
    return tag.rsplit("}", 1)[-1]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    """A Boundary/PhysicalBox "x y w h", or None when it is not four finite numbers."""
    values = _numbers(text)
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        return None
    return values[0], values[1], values[2], values[3]


def _deltas(text: str | None, needed: int) -> list[float]:
    """A DeltaX/DeltaY list with ``g N v`` repeats expanded, at most ``needed`` values (a
    crafted "g 1000000000 1" costs nothing)."""
    out: list[float] = []
    tokens = (text or "").split()
    i = 0
    while i < len(tokens) and len(out) < needed:
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                count, value = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                break
            out.extend([value] * max(0, min(count, needed - len(out))))
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            break
        i += 1
    return out


def _fonts(pkg: _Package, doc: ET.Element, doc_dir: str) -> dict[str, str]:
    """Font IDs → names (with "-Bold" for a bold face) from the document's resources."""
    fonts: dict[str, str] = {}
    common = _child(doc, "CommonData")
    if common is None:
        return fonts
    for kind in ("PublicRes", "DocumentRes"):
        for ref in _children(common, kind):
            try:
                res = pkg.xml(pkg.resolve(doc_dir, ref.text or ""))
            except BinaryInputError as exc:
                log.info("%s: %s (fonts unknown)", pkg.path or "<ofd>", exc)
                continue
            for el in res.iter():
                if _local(el.tag) == "Font" and el.get("ID"):
                    name = el.get("FontName") or el.get("FamilyName") or ""
                    if el.get("Bold", "").lower() == "true":
                        name += "-Bold"
                    fonts[el.get("ID", "")] = name
    return fonts


class _PageReader:
    """Walks one page's layers, gathering glyphs and table rules in page coordinates."""

    def __init__(self, fonts: dict[str, str]) -> None:
        self.fonts = fonts
        self.glyphs: list[_Glyph] = []
        self.segments: list[_Segment] = []
        self.images = 0.0  # page area covered by images

    def walk(self, el: ET.Element, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            return
        for obj in el:
            name = _local(obj.tag)
            if name == "TextObject":
                self.text_object(obj)
            elif name == "PathObject":
                self.path_object(obj)
            elif name == "ImageObject":
                box = _box(obj.get("Boundary"))
                if box is not None:
                    self.images += abs(box[2] * box[3])
            elif name in ("PageBlock", "Layer", "Content"):
                self.walk(obj, depth + 1)

    def text_object(self, obj: ET.Element) -> None:
        box = _box(obj.get("Boundary"))
        if box is None or len(self.glyphs) >= _MAX_GLYPHS:
            return
        ctm = _numbers(obj.get("CTM"))
        if len(ctm) != 6:
            ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        a, b, c, d, e, f = ctm
        if abs(b) > 0.1 * abs(a) or abs(c) > 0.1 * abs(d):
            return  # text set at a slant: a diagonal watermark (水印)
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        try:
            size = float(obj.get("Size", "0")) * scale
        except ValueError:
            size = 0.0
        weight = obj.get("Weight", "")
        font = self.fonts.get(obj.get("Font", ""), obj.get("Font", ""))
        if weight.isdigit() and int(weight) >= 700 and "Bold" not in font:
            font += "-Bold"
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            try:
                x = float(code.get("X", x))
                y = float(code.get("Y", y))
            except ValueError:
                continue
            dx = _deltas(code.get("DeltaX"), len(text))
            dy = _deltas(code.get("DeltaY"), len(text))
            for i, char in enumerate(text):
                if len(self.glyphs) >= _MAX_GLYPHS:
                    return
                px, py = box[0] + a * x + c * y + e, box[1] + b * x + d * y + f
                if not char.isspace() and math.isfinite(px) and math.isfinite(py):
                    self.glyphs.append(_Glyph(char, px, py, size or 1.0, font))
                x += dx[i] if i < len(dx) else (size / scale if _CJK_CHAR.match(char)
                                                else 0.5 * size / scale)
                y += dy[i] if i < len(dy) else 0.0

    def path_object(self, obj: ET.Element) -> None:
        box = _box(obj.get("Boundary"))
        if box is None:
            return
        ctm = _numbers(obj.get("CTM"))
        if len(ctm) != 6:
            ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        a, b, c, d, e, f = ctm

        def place(px: float, py: float) -> tuple[float, float]:
            return box[0] + a * px + c * py + e, box[1] + b * px + d * py + f

        data = _child(obj, "AbbreviatedData")
        tokens = (data.text or "").split() if data is not None else []
        found = False
        start = current = None
        i = 0
        while i < len(tokens) and len(self.segments) < _MAX_GLYPHS:
            op = tokens[i]
            args = {"M": 2, "L": 2, "B": 6, "Q": 4, "A": 7, "S": 2, "C": 0}.get(op)
            if args is None:
                i += 1
                continue
            if i + args >= len(tokens):
                break
            try:
                values = [float(t) for t in tokens[i + 1:i + 1 + args]]
            except ValueError:
                break
            i += 1 + args
            if op in ("M", "S"):
                current = start = place(*values)
            elif op == "L" and current is not None:
                nxt = place(*values)
                found |= self._add(current, nxt)
                current = nxt
            elif op == "C" and current is not None and start is not None:
                found |= self._add(current, start)
                current = start
            elif args:
                current = place(*values[-2:])
        if not found and (box[2] <= 1.0 or box[3] <= 1.0):  # a rule drawn as a thin box
            if box[3] <= 1.0 < box[2]:
                self.segments.append(_Segment(box[0], box[1] + box[3] / 2,
                                              box[0] + box[2], box[1] + box[3] / 2))
            elif box[2] <= 1.0 < box[3]:
                self.segments.append(_Segment(box[0] + box[2] / 2, box[1],
                                              box[0] + box[2] / 2, box[1] + box[3]))

    def _add(self, p: tuple[float, float], q: tuple[float, float]) -> bool:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) <= 0.2 and abs(x0 - x1) > 0.5:
            y = (y0 + y1) / 2
            self.segments.append(_Segment(min(x0, x1), y, max(x0, x1), y))
            return True
        if abs(x0 - x1) <= 0.2 and abs(y0 - y1) > 0.5:
            x = (x0 + x1) / 2
            self.segments.append(_Segment(x, min(y0, y1), x, max(y0, y1)))
            return True
        return False


_TOL = 0.6  # millimetres: rules this close are one line, a rule reaches its crossing


def _levels(values: list[float]) -> list[float]:
    """Sorted positions with those within :data:`_TOL` of each other merged."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def _root(parent: list[int], i: int) -> int:
    """The representative of ``i``'s group in a union-find forest (path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _tables(segments: list[_Segment]) -> list[tuple[list[float], list[float], list[_Segment]]]:
    """Groups of crossing rules that make a table: (column xs, row ys, its rules)."""
    n = len(segments)
    parent = list(range(n))

    def find(i: int) -> int:
        return _root(parent, i)

    hs = [i for i, s in enumerate(segments) if s.horizontal]
    vs = [i for i, s in enumerate(segments) if not s.horizontal]
    if len(hs) * len(vs) > 4_000_000:  # (a crafted page of rules: no table read)
        return []
    for i in hs:
        h = segments[i]
        for j in vs:
            v = segments[j]
            if (h.x0 - _TOL <= v.x0 <= h.x1 + _TOL and v.y0 - _TOL <= h.y0 <= v.y1 + _TOL):
                parent[find(i)] = find(j)
    # a rule drawn cell by cell continues the one before it (above a merged cell, it may
    # cross no other rule)
    for ids, along, at in ((hs, "x", "y"), (vs, "y", "x")):
        by_at = sorted(ids, key=lambda i: getattr(segments[i], at + "0"))
        level, last, levels = 0, None, {}
        for i in by_at:  # rules within _TOL of each other are on one line
            v = getattr(segments[i], at + "0")
            if last is not None and v - last > _TOL:
                level += 1
            levels[i], last = level, v
        ordered = sorted(ids, key=lambda i: (levels[i], getattr(segments[i], along + "0")))
        reach = -math.inf
        for k, i in enumerate(ordered):
            start, end = getattr(segments[i], along + "0"), getattr(segments[i], along + "1")
            if k and levels[ordered[k - 1]] == levels[i] and start <= reach + _TOL:
                parent[find(i)] = find(ordered[k - 1])
                reach = max(reach, end)
            else:
                reach = end
    groups: dict[int, list[_Segment]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(segments[i])
    out = []
    for rules in groups.values():
        xs = _levels([s.x0 for s in rules if not s.horizontal])
        ys = _levels([s.y0 for s in rules if s.horizontal])
        if len(xs) >= 2 and len(ys) >= 2:
            out.append((xs, ys, rules))
    return out


def _ruled(rules: list[_Segment], horizontal: bool, at: float, lo: float, hi: float) -> bool:
    """Whether a rule runs at ``at`` across the middle of the span ``lo``…``hi``."""
    mid = (lo + hi) / 2
    for s in rules:
        if s.horizontal != horizontal:
            continue
        if horizontal and abs(s.y0 - at) <= _TOL and s.x0 - _TOL <= mid <= s.x1 + _TOL:
            return True
        if not horizontal and abs(s.x0 - at) <= _TOL and s.y0 - _TOL <= mid <= s.y1 + _TOL:
            return True
    return False


def _join_glyphs(glyphs: list[_Glyph]) -> str:
    """One line's glyphs (sorted by x) as text: Chinese characters run together, a space
    where a Latin word ends or where a gap of a character's width or more stands (the
    cells of a table drawn without rules)."""
    out = []
    prev = None
    for g in glyphs:
        if prev is not None:
            gap = g.x - (prev.x + prev.width)
            cjk = _wide(prev.char) and _wide(g.char)
            if gap >= max(g.size, prev.size) or (not cjk and gap > 0.2 * max(g.size, prev.size)):
                out.append(" ")
        if prev is None or abs(g.x - prev.x) > 0.05 * g.size or g.char != prev.char:
            out.append(g.char)  # (a glyph drawn twice a hair apart: fake bold, once)
        prev = g
    return _GAP_BETWEEN_CJK.sub("", "".join(out)).strip()


def _lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped by baseline (within a third of their size), top to bottom, each line
    left to right."""
    lines: list[list[_Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if lines and abs(g.y - lines[-1][0].y) <= max(0.33 * g.size, 0.3):
            lines[-1].append(g)
        else:
            lines.append([g])
    return [sorted(line, key=lambda g: g.x) for line in lines]


def _table_rows(xs: list[float], ys: list[float], rules: list[_Segment],
                glyphs: list[_Glyph]) -> list[list[str]]:
    """The table's cells by grid position, a merged cell (no rule between two positions)
    repeated in each position it covers."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        return _root(parent, i)

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _ruled(rules, False, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _ruled(rules, True, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    inside: dict[int, list[_Glyph]] = {}
    for g in glyphs:
        cx, cy = g.x + g.width / 2, g.y - 0.35 * g.size
        c = _slot(xs, cx)
        r = _slot(ys, cy)
        if r is not None and c is not None:
            inside.setdefault(find(r * cols + c), []).append(g)
    texts = {k: "".join(_join_glyphs(line) for line in _lines(gs)) for k, gs in inside.items()}
    return [[texts.get(find(r * cols + c), "") for c in range(cols)] for r in range(rows)]


def _slot(edges: list[float], v: float) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= v < edges[i + 1]:
            return i
    return None


def _page_lines(reader: _PageReader, width: float, *, first: bool) -> list[str]:
    """A page's text lines and table rows in reading order, as the PDF reader gives them."""
    glyphs = reader.glyphs
    items: list[tuple] = []
    free = glyphs
    for xs, ys, rules in _tables(reader.segments):
        def within(g: _Glyph, xs=xs, ys=ys) -> bool:
            cx, cy = g.x + g.width / 2, g.y - 0.35 * g.size
            return xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]

        cells = [g for g in free if within(g)]
        free = [g for g in free if not within(g)]
        rows = ["\t".join(row) for row in drop_blank_columns(_table_rows(xs, ys, rules, cells))
                if any(row)]
        if rows:
            items.append((ys[0], 1, ["", *rows, ""], 0.0, 0, None))
    for line in _lines(free):
        text = _join_glyphs(line)
        if not text:
            continue
        sizes = sorted(g.size for g in line)
        size = sizes[len(sizes) // 2]
        top = min(g.y - g.size for g in line)
        gapped = any(b.x - (a.x + a.width) >= max(size, 1e-6) for a, b in zip(line, line[1:], strict=False))
        geometry = (line[0].x, line[-1].x + line[-1].width, gapped, line[0].font,
                    line[-1].font, line[0].width)
        items.append((top, 0, [text], size, 0, geometry))
    items.sort(key=lambda item: (item[0], item[1]))
    return _without_furniture(_join_title(_join_wrapped(items, width), first=first))


def ofd_to_text(data: bytes, *, path: str | None = None, max_bytes: int = 50 * 2**20) -> str:
    """Extract the text of an OFD document (not yet normalized)."""
    return ofd_text_and_scans(data, path=path, max_bytes=max_bytes)[0]


def ofd_text_and_scans(data: bytes, *, path: str | None = None, max_bytes: int = 50 * 2**20
                       ) -> tuple[str, tuple[int, ...]]:
    """The text of an OFD document (not yet normalized) and the numbers (from 1) of its pages
    that are scans without a text layer, whose text is missing from it (typed pages around a
    photographed table): the report says so, as for a PDF (pdf.pdf_text_and_scans)."""
    pkg = _Package(data, path, max_bytes)
    if "OFD.xml" not in pkg.names:
        raise UnsupportedFormatError(
            "a zip archive without OFD.xml, so not an OFD; unpack it and read the files inside",
            path=path)
    root = pkg.xml("OFD.xml")
    bodies = _children(root, "DocBody")
    doc_root = _child(bodies[0], "DocRoot") if bodies else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise BinaryInputError("the OFD's OFD.xml names no document (DocBody/DocRoot): "
                               "damaged OFD; re-download the file", path=path)
    if len(bodies) > 1:
        log.warning("%s: the OFD holds %d documents; only the first is read", path or "<ofd>",
                    len(bodies))
    doc_name = pkg.resolve("", doc_root.text or "")
    doc = pkg.xml(doc_name)
    doc_dir = posixpath.dirname(doc_name)
    fonts = _fonts(pkg, doc, doc_dir)
    common = _child(doc, "CommonData")
    default_box = None
    templates: dict[str, str] = {}
    if common is not None:
        area = _child(common, "PageArea")
        if area is not None:
            default_box = _box((_child(area, "PhysicalBox") or area).text)
        for tpl in _children(common, "TemplatePage"):
            if tpl.get("ID") and tpl.get("BaseLoc"):
                templates[tpl.get("ID", "")] = pkg.resolve(doc_dir, tpl.get("BaseLoc", ""))
    pages_el = _child(doc, "Pages")
    page_refs = _children(pages_el, "Page") if pages_el is not None else []
    if not page_refs:
        raise BinaryInputError("the OFD's Document.xml lists no pages: damaged OFD; "
                               "re-download the file", path=path)
    pages: list[list[str]] = []
    scanned: list[int] = []
    text_pages = 0
    for n, ref in enumerate(page_refs[:_MAX_PAGES]):
        name = pkg.resolve(doc_dir, ref.get("BaseLoc", ""))
        page = pkg.xml(name)
        reader = _PageReader(fonts)
        box = default_box
        area = _child(page, "Area")
        if area is not None and (phys := _child(area, "PhysicalBox")) is not None:
            box = _box(phys.text) or box
        for use in _children(page, "Template"):  # (a producer's running head or foot)
            tpl = templates.get(use.get("TemplateID", ""))
            if tpl is not None:
                content = _child(pkg.xml(tpl), "Content")
                if content is not None:
                    reader.walk(content)
        content = _child(page, "Content")
        if content is not None:
            reader.walk(content)
        width = box[2] if box else 210.0
        pages.append(_page_lines(reader, width, first=n == 0))
        area_mm = (box[2] * box[3]) if box else 210.0 * 297.0
        if reader.images >= 0.5 * area_mm and len(reader.glyphs) < 40:
            scanned.append(n + 1)
        elif any(pages[-1]):
            text_pages += 1
    pages = _join_split_rows(_join_pages(_drop_running_heads(_drop_page_numbers(pages))))
    lines = [line for page in pages for line in [*page, ""]]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if not text.strip() or (scanned and not text_pages):
        what = (f"a scan: {len(scanned)} of its {len(pages)} pages are images"
                if scanned else "no text object on any page")
        raise NotAReportError(
            f"the OFD has no text layer ({what}): save it as PDF from an OFD reader (数科, "
            "福昕 OFD …) and run OCR on that, e.g. ocrmypdf -l chi_sim in.pdf out.pdf",
            path=path)
    text = _unmapped_glyphs(text, path, kind="OFD", remedy=_UNMAPPED_REMEDY)
    if scanned:
        log.warning("%s: page(s) %s are scanned images without a text layer, so their text "
                    "is missing", path or "<ofd>", page_list(scanned))
    return text, tuple(scanned)
