"""Self-contained HTML pages (HTML 报告) for the summary and the audit.

One file that opens offline: inline CSS, inline SVG charts drawn here (horizontal bars for
prevalence and coverage, a line chart for the yearly trend — each drawn twice, wide and for
a phone, a media query showing one), no script or font from any network, a CJK font stack
so Chinese labels render, and every text escaped. The audit page adds a few lines of inline
JavaScript to sort its table by a click on a header.
"""

from __future__ import annotations

import html
import itertools
import math
import os
import re
from collections.abc import Sequence
from typing import Any

from nlp_reports.corpus.audit import COLUMN_NAMES_ZH, failure_meaning_zh, failure_zh
from nlp_reports.corpus.files import GENERATOR_META
from nlp_reports.corpus.summarize import (
    GROUP_ORDER,
    LEVEL_NAMES_ZH,
    UNKNOWN_GROUPS,
    models_line,
    unknown_group,
)
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", sans-serif')
#: 13 clearly distinct colours (every pair ≥ 29 ΔE*ab apart; readable on white), one per theme.
PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
           "#469990", "#9a6324", "#800000", "#808000", "#000075", "#a9a9a9")
#: Each theme keeps its colour in every chart, whichever themes a chart draws.
THEME_COLORS: dict[str, str] = dict(zip(THEME_IDS, PALETTE, strict=True))
#: Marker shapes cycled over the themes, so that lines of similar colour still differ.
_MARKERS = ("circle", "square", "triangle", "diamond", "down")
KIND_COLORS = {"problem": "#c0392b", "measure": "#2471a3"}
KIND_LABELS = {"problem": "问题 problem", "measure": "措施 measure"}
#: The Chinese name of each ``--by`` group column, for headings ("按层级分组 By level").
GROUP_NAMES: dict[str, str] = {
    "year": "年度", "level": "层级", "region": "地区", "agency": "机关", "format": "格式",
    "source_format": "文件类型", "province": "省份", "prefecture": "地级市", "folder": "文件夹",
    "tier": "行政层级"}
#: How the summary and audit pages show a ``level`` id, the Chinese term first (县级（县、区、
#: 旗、县级市） county); the CSV files keep the ids.
LEVEL_NAMES: dict[str, str] = {k: f"{v} {k}" for k, v in LEVEL_NAMES_ZH.items()}
#: Group labels that stand for an unknown key: such a group is listed last.
_UNKNOWN_LABELS: tuple[str, ...] = ("(unknown)", *UNKNOWN_GROUPS.values())

#: A window at most this wide (CSS px: a phone, a narrow window) shows each chart's narrow
#: form (:data:`NARROW_WIDTH` px, text of 11 px and more at a phone's scale of 1); a wider one
#: the wide form (760 px, shrunk to the window: its 10 px labels stood 5 px tall at 390 px).
NARROW_MAX = 700
#: The media query of a phone's table layout (cells that keep a width, sticky columns);
#: the charts' switch adds ``screen`` (paper keeps the wide charts).
_PHONE = f"@media (max-width: {NARROW_MAX}px)"

_CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 2em auto; max-width: 1100px; color: #222;
       padding: 0 1em; line-height: 1.5; }}
h1 {{ font-size: 1.6em; border-bottom: 2px solid #c0392b; padding-bottom: .3em; }}
h2 {{ font-size: 1.25em; margin-top: 2em; color: #2e4053; }}
table {{ border-collapse: collapse; font-size: .85em; margin: .5em 0 1.5em; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }}
th {{ background: #f2f3f4; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.long {{ min-width: 14em; }}
{_PHONE} {{
  /* a phone: an agency's name keeps seven characters a line (it stood four, a row per
     report five lines tall, beside a squeezed table's numbers) */
  td.mid {{ min-width: 7em; }}
}}
th.sortable {{ cursor: pointer; user-select: none; }}
th.sortable:after {{ content: " ↕"; color: #999; }}
svg text {{ font-family: {FONT_STACK}; }}
svg.chart {{ max-width: 100%; height: auto; }}
@media screen and (max-width: {NARROW_MAX}px) {{
  /* a phone: each chart in its narrow form, drawn at the size it is shown (chart_pair);
     on paper the wide form (A4 shows it at ~90 %, legible, and half as tall) */
  .chart-wide {{ display: none; }}
  .chart-narrow[hidden] {{ display: block; }}
}}
.note {{ color: #666; font-size: .85em; }}
.chart {{ margin: .5em 0 1em; }}
details {{ margin: .3em 0 1.2em; }}
details > summary {{ cursor: pointer; color: #2471a3; }}
"""


def esc(value: Any) -> str:
    """Text escaped for HTML (None → empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


#: Every page this package writes says so in its head (GENERATOR_META), where a folder walk
#: finds it in the first bytes: a summary or audit page saved inside the folder of reports it
#: describes (``--html 自查.html`` run in that folder) is counted, never read as a report, at
#: the next run (:data:`nlp_reports.corpus.files.OWN_PAGE`); read, it failed every time.


def page(title: str, body: str | Sequence[str], *, script: str = "", wide: bool = False,
         css: str = "") -> str:
    """A complete HTML document with the shared style (and an optional inline script).

    ``body``: the text, or its pieces to be put one after the other — joined once with the
    head and the end, so that a large page (the audit of 20,000 reports: 146 MB) is not
    held again as a joined body and as a page around it."""
    js = f"<script>{script}</script>" if script else ""
    extra = ("body { max-width: none; } td { max-width: 28em; }" if wide else "") + css
    head = ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"{GENERATOR_META}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{_CSS}{extra}</style>\n</head>\n<body>\n")
    end = f"\n{js}\n</body>\n</html>\n"
    if isinstance(body, str):
        return head + body + end
    return "".join([head, *body, end])


def write_page(path: str | os.PathLike[str], html: str) -> None:
    """Write a page as UTF-8 a megabyte of text at a time (the same bytes as
    ``write_text``, without an encoded copy of the whole page beside it)."""
    from nlp_reports._replace import replaced

    step = 1 << 20
    with replaced(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        for i in range(0, len(html), step):
            out.write(html[i:i + step])


# --- charts -------------------------------------------------------------------------------


#: The width of the narrow charts: a 360 px phone's window less the page's margins.
NARROW_WIDTH = 320
#: Font sizes (px) of the narrow charts: title; labels and legend; values and axes.
_N_TITLE, _N_LABEL, _N_SMALL = 13, 12, 11


def chart_pair(wide: str, narrow: str) -> str:
    """One chart in its two forms, the window's width choosing the one shown (the page's
    media query, :data:`NARROW_MAX`): the narrow one is ``hidden`` otherwise, so that a view
    that drops the page's style (a sanitised notebook) shows the wide one alone."""
    return (f'<div class="chart-wide">{wide}</div>\n'
            f'<div class="chart-narrow" hidden>{narrow}</div>')


def _text_px(text: str, size: float) -> float:
    """Estimated width of ``text`` at ``size`` px: a wide (CJK) character 1 em, others 0.6
    em (more than most Latin letters and digits are)."""
    return sum(size if ord(ch) >= 0x2E80 else 0.6 * size for ch in text)


_TOKENS = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+")
#: A Chinese title's Chinese half, before the English one ("报告提及各主题的比例 Share of …").
_ZH_HALF = re.compile(r"([^A-Za-z]*[\u2e80-\uffff][^A-Za-z]*?)\s+(?=[A-Za-z])")


def wrap_text(text: str, max_px: float, size: float) -> list[str]:
    """``text`` in lines of at most ``max_px`` at ``size`` px (:func:`_text_px`): a bilingual
    title breaks before its English half, Chinese between characters, English between words
    (a word longer than a line keeps a line of its own)."""
    m = _ZH_HALF.match(text)
    if m:
        return wrap_text(m.group(1), max_px, size) + wrap_text(text[m.end():], max_px, size)
    lines: list[str] = []
    line = ""
    for tok in _TOKENS.findall(text):
        if tok.isspace():
            line += tok if line else ""
        elif line and _text_px(line + tok, size) > max_px:
            lines.append(line.rstrip())
            line = tok
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _title_lines(title: str, width: int) -> tuple[list[str], int]:
    """The narrow chart's title as ``<text>`` lines, and the y under it."""
    out, y = [], 0
    for line in wrap_text(title, width, _N_TITLE):
        y += _N_TITLE + 4
        out.append(f'<text x="0" y="{y}" font-size="{_N_TITLE}" font-weight="bold">'
                   f"{esc(line)}</text>")
    return out, y


def _svg_open(width: int, height: float, title: str) -> str:
    return (f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height:g}" viewBox="0 0 {width} {height:g}">'
            f"<title>{esc(title)}</title>")


def bar_chart(labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str,
              colors: dict[str, str] | None = None, max_value: float | None = None,
              percent: bool = True, width: int | None = None,
              label_colors: Sequence[str] | None = None, narrow: bool = False) -> str:
    """Horizontal grouped bars: one row per label, one bar per series (values 0..max);
    ``label_colors`` puts a swatch of each label's colour (a theme's) before it.

    ``narrow``: the phone's form (:data:`NARROW_WIDTH` px unless ``width``): the title on
    lines of its own, the legend stacked under it, each label on a line above its bars,
    which take the full width; no text under 11 px."""
    colors = colors or {}
    vmax = max_value if max_value is not None else max(
        [v for vals in series.values() for v in vals if _finite(v)] or [1.0])
    vmax = vmax or 1.0
    if narrow:
        return _bar_chart_narrow(labels, series, title=title, colors=colors, vmax=vmax,
                                 percent=percent, width=width or NARROW_WIDTH,
                                 label_colors=label_colors)
    width = width or 760
    n_series = max(len(series), 1)
    bar_h, gap, left, right = 14, 10, 190, 70
    row_h = bar_h * n_series + gap
    top = 30
    height = top + row_h * len(labels) + 30
    plot_w = width - left - right
    parts = [_svg_open(width, height, title),
             f'<text x="0" y="16" font-size="14" font-weight="bold">{esc(title)}</text>']
    for i, label in enumerate(labels):
        y0 = top + i * row_h
        lx = left - 8
        if label_colors is not None:
            parts.append(f'<rect x="{left - 16}" y="{y0 + row_h / 2 - 7:.1f}" width="9" '
                         f'height="9" fill="{label_colors[i]}"/>')
            lx = left - 20
        parts.append(f'<text x="{lx}" y="{y0 + row_h / 2 + 2:.1f}" font-size="12" '
                     f'text-anchor="end">{esc(label)}</text>')
        for j, (name, vals) in enumerate(series.items()):
            v = vals[i]
            w = 0.0 if not _finite(v) else max(0.0, float(v)) / vmax * plot_w
            color = colors.get(name, PALETTE[j % len(PALETTE)])
            y = y0 + j * bar_h
            text = _value_text(v, percent)
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                         f'fill="{color}"><title>{esc(label)} · {esc(name)}: {esc(text)}'
                         f"</title></rect>")
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 4}" font-size="10">'
                         f"{esc(text)}</text>")
    ly = height - 10
    for j, name in enumerate(series):
        color = colors.get(name, PALETTE[j % len(PALETTE)])
        x = left + j * 160
        parts.append(f'<rect x="{x}" y="{ly - 9}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{x + 14}" y="{ly}" font-size="11">{esc(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _value_text(v: Any, percent: bool) -> str:
    return "–" if not _finite(v) else (f"{v:.0%}" if percent else f"{v:g}")


def _bar_chart_narrow(labels: Sequence[str], series: dict[str, Sequence[float]], *,
                      title: str, colors: dict[str, str], vmax: float, percent: bool,
                      width: int, label_colors: Sequence[str] | None) -> str:
    """:func:`bar_chart`'s phone form, drawn at the scale it is shown at."""
    parts, y = _title_lines(title, width)
    y += 4
    for j, name in enumerate(series):  # the legend, one series a line, before the bars
        y += _N_LABEL + 5
        color = colors.get(name, PALETTE[j % len(PALETTE)])
        parts.append(f'<rect x="0" y="{y - 10}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="14" y="{y}" font-size="{_N_LABEL}">{esc(name)}</text>')
    y += 6
    bar_h, right = 15, 40  # a bar 12 px and its gap; room for "100%" after the longest bar
    plot_w = width - right
    for i, label in enumerate(labels):
        y += _N_LABEL + 6
        x = 0
        if label_colors is not None:
            parts.append(f'<rect x="0" y="{y - 9}" width="9" height="9" '
                         f'fill="{label_colors[i]}"/>')
            x = 13
        parts.append(f'<text x="{x}" y="{y}" font-size="{_N_LABEL}">{esc(label)}</text>')
        y += 5
        for j, (name, vals) in enumerate(series.items()):
            v = vals[i]
            w = 0.0 if not _finite(v) else max(0.0, float(v)) / vmax * plot_w
            color = colors.get(name, PALETTE[j % len(PALETTE)])
            text = _value_text(v, percent)
            parts.append(f'<rect x="0" y="{y}" width="{w:.1f}" height="{bar_h - 3}" '
                         f'fill="{color}"><title>{esc(label)} · {esc(name)}: {esc(text)}'
                         f"</title></rect>")
            parts.append(f'<text x="{w + 4:.1f}" y="{y + bar_h - 5}" '
                         f'font-size="{_N_SMALL}">{esc(text)}</text>')
            y += bar_h
    height = y + 4
    return "\n".join([_svg_open(width, height, title), *parts, "</svg>"])


def nice_ticks(vmax: float, target: int = 5) -> list[float]:
    """Round axis ticks from 0 to at least ``vmax``: steps of 1, 2, 2.5 or 5 × 10^k
    (0/20/40/60/80 % rather than 0/19/38/56/75 %)."""
    vmax = vmax if vmax > 0 else 1.0
    raw = vmax / max(target - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    n = math.ceil(vmax / step - 1e-9)
    return [round(k * step, 10) for k in range(n + 1)]


def _marker(shape: str, x: float, y: float, color: str, tip: str,
            hollow: bool = False) -> str:
    """A point of ``shape``; ``hollow``: white inside, its outline in ``color`` (a year of
    few reports, :data:`FEW_REPORTS`)."""
    r = 3.5
    title = f"<title>{esc(tip)}</title>"
    paint = (f'fill="#fff" stroke="{color}" stroke-width="1.5"' if hollow
             else f'fill="{color}"')
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {paint}>{title}</circle>'
    if shape == "square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" '
                f'{paint}>{title}</rect>')
    pts = {"triangle": ((0, -1.3), (1.2, 0.9), (-1.2, 0.9)),
           "down": ((0, 1.3), (1.2, -0.9), (-1.2, -0.9)),
           "diamond": ((0, -1.4), (1.2, 0), (0, 1.4), (-1.2, 0))}[shape]
    path = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in pts)
    return f'<polygon points="{path}" {paint}>{title}</polygon>'


#: The narrow trend chart labels a year only where labels stand this far apart (px), the
#: latest year first; the wide chart :data:`_YEAR_PITCH` (a year is 26 px wide at 11 px).
_N_YEAR_PITCH = 36
_YEAR_PITCH = 32
#: A year of fewer reports than this is drawn with hollow points and faint lines, and named
#: under the trend chart: one report moves its share by half or more (0 ↔ 100 % with one).
FEW_REPORTS = 3


def _years_of(xs: Sequence[Any]) -> list[int] | None:
    """``xs`` as whole numbers (years) when every one is and they rise, else None."""
    try:
        nums = [int(str(x)) for x in xs]
    except ValueError:
        return None
    if len(nums) < 2 or any(b <= a for a, b in zip(nums, nums[1:], strict=False)):
        return None
    return nums


def line_chart(xs: Sequence[Any], series: dict[str, Sequence[float]], *, title: str,
               percent: bool = True, width: int | None = None, height: int | None = None,
               colors: dict[str, str] | None = None, markers: dict[str, str] | None = None,
               counts: Sequence[Any] | None = None, narrow: bool = False) -> str:
    """A line chart (e.g. share of reports by year), one line per series.

    Round y ticks (:func:`nice_ticks`); each series has its colour and marker shape;
    points where several series coincide are spread 3 px apart vertically so that no line
    hides another (the tooltips give the exact values); ``counts`` (e.g. the number of
    reports of each year) is printed under each x label as "n=…".

    When every x is a whole number (a year) and they rise, x stands to scale: 2011 → 2013
    twice as wide as 2024 → 2025. Two points of a series that are not neighbours (a year
    between them without reports, or without a value) are joined by a dashed line, never
    a plain one; runs of neighbours are one polyline each. A point whose ``counts`` is
    under :data:`FEW_REPORTS` is hollow and its lines are faint: a share of one or two
    reports jumps 0 ↔ 100 %, and drawn full it dominated the chart.

    ``narrow``: the phone's form (:data:`NARROW_WIDTH` px unless ``width``): the title on
    lines of its own, four y ticks, x labels (and their n) :data:`_N_YEAR_PITCH` px apart
    rather than :data:`_YEAR_PITCH` (every point is still drawn, its tooltip naming its
    year), the legend stacked under the plot; no text under 11 px."""
    colors = colors or {}
    markers = markers or {}
    names = list(series)
    n = len(xs)
    if narrow:
        width = width or NARROW_WIDTH
        head, top = _title_lines(title, width)
        top += 14
        left, right, plot_h = 34, 18, 170  # (right: half of "2025" centred on the last year)
        tick_size, x_size, n_size = _N_SMALL, _N_SMALL, _N_SMALL
        bottom = (36 if counts is not None else 22) + (_N_LABEL + 6) * len(names) + 4
        height = height or top + plot_h + bottom
    else:
        width, height = width or 760, height or 320
        head = [f'<text x="0" y="16" font-size="14" font-weight="bold">{esc(title)}</text>']
        left, right, top = 50, 180, 30
        bottom = 54 if counts is not None else 40
        plot_h = height - top - bottom
        tick_size, x_size, n_size = 10, 11, 10
    plot_w = width - left - right
    values = [v for vals in series.values() for v in vals if _finite(v)]
    ticks = nice_ticks(max(values or [1.0]), 4 if narrow else 5)
    vmax = ticks[-1]
    years = _years_of(xs)

    def px(i: int) -> float:
        if years is not None:
            return left + plot_w * (years[i] - years[0]) / (years[-1] - years[0])
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h - (float(v) / vmax) * plot_h

    def few(i: int) -> bool:
        return (counts is not None and i < len(counts) and _finite(counts[i])
                and float(counts[i]) < FEW_REPORTS)

    def neighbours(i: int, k: int) -> bool:  # two points with no x between them
        return k == i + 1 and (years is None or years[k] == years[i] + 1)

    labelled, last_x = set(), math.inf  # the latest x first, then each far enough from it
    for i in reversed(range(n)):
        if last_x - px(i) >= (_N_YEAR_PITCH if narrow else _YEAR_PITCH):
            labelled.add(i)
            last_x = px(i)
    parts = [_svg_open(width, height, title), *head,
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
             f'stroke="#888"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#888"/>']
    for v in ticks:
        y = py(v)
        label = f"{v:.0%}" if percent else f"{v:g}"
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="{tick_size}" '
                     f'text-anchor="end">{esc(label)}</text>')
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'stroke="#eee"/>')
    for i, x in enumerate(xs):
        if years is not None:  # a tick at each x drawn: a missing year is a gap between
            parts.append(f'<line x1="{px(i):.1f}" y1="{top + plot_h}" x2="{px(i):.1f}" '
                         f'y2="{top + plot_h + 4}" stroke="#888"/>')
        if i not in labelled:
            continue
        parts.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 16}" font-size="{x_size}" '
                     f'text-anchor="middle">{esc(x)}</text>')
        if counts is not None:
            parts.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 30}" '
                         f'font-size="{n_size}" fill="#666" text-anchor="middle">'
                         f"n={esc(counts[i])}</text>")
    offset = {name: [0.0] * n for name in names}
    for i in range(n):  # spread coinciding points: same x, y within 2 px
        groups: dict[int, list[str]] = {}
        for name in names:
            v = series[name][i]
            if _finite(v):
                groups.setdefault(round(py(v) / 2), []).append(name)
        for members in groups.values():
            for k, name in enumerate(members):
                offset[name][i] = (k - (len(members) - 1) / 2) * 3.0
    legend_y = top + plot_h + (36 if counts is not None else 22)
    for j, name in enumerate(names):
        vals = series[name]
        color = colors.get(name, PALETTE[j % len(PALETTE)])
        shape = markers.get(name, _MARKERS[j % len(_MARKERS)])
        pts = [(px(i), py(v) + offset[name][i], v, i) for i, v in enumerate(vals)
               if _finite(v)]
        runs: list[list[tuple[float, float]]] = []  # neighbours of years not few, drawn plain
        ended = True
        for (x0, y0, _, i), (x1, y1, _, k) in zip(pts, pts[1:], strict=False):
            if neighbours(i, k) and not few(i) and not few(k):
                if ended:
                    runs.append([(x0, y0)])
                runs[-1].append((x1, y1))
                ended = False
                continue
            ended = True
            style = ' stroke-dasharray="5 4"' if not neighbours(i, k) else ""
            weight = "2"
            if few(i) or few(k):
                weight, style = "1.5", ' stroke-opacity="0.35"' + style
            parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                         f'stroke="{color}" stroke-width="{weight}"{style}/>')
        for run in runs:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                         f'stroke-width="2"/>')
        for x, y, v, i in pts:  # the tip names the point's x (a year) and its n
            n_of = f", n={counts[i]}" if counts is not None and i < len(counts) else ""
            tip = f"{name}: {v:.0%}" if percent else f"{name}: {v:g}"
            tip += f" ({xs[i]}{n_of})"
            parts.append(_marker(shape, x, y, color, tip, hollow=few(i)))
        if narrow:  # the legend under the plot, one series a line
            lx, ly, size = 0, legend_y + (_N_LABEL + 6) * j, _N_LABEL
        else:  # the legend right of the plot
            lx, ly, size = left + plot_w + 10, top + 16 * j, 11
        parts.append(f'<line x1="{lx}" y1="{ly + 5}" x2="{lx + 20}" y2="{ly + 5}" '
                     f'stroke="{color}" stroke-width="2"/>')
        parts.append(_marker(shape, lx + 10, ly + 5, color, name))
        parts.append(f'<text x="{lx + 26}" y="{ly + 9}" font-size="{size}">'
                     f"{esc(name)}</text>")
    parts.append("</svg>")
    return "\n".join(parts)


def _finite(v: Any) -> bool:
    try:
        return v is not None and math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


# --- tables ---------------------------------------------------------------------------------


#: A column holding a share (0..1), shown with 3 decimals: ``share`` or ``share_…``
#: (share_copied, share_failing_I1_I4 …), not ``shared_with`` (agencies' names) nor a count.
_SHARE_COLUMN = re.compile(r"share(_\w+)?")
#: A text cell longer than this many characters (a statement, a list of agencies) is
#: ``td.long``: at least 14em wide, so that on a phone the table scrolls sideways instead.
LONG_CELL = 24
#: A text cell wider than this, in half-em units (:func:`_width`: a Chinese character 2), is
#: ``td.mid``: at least 7em wide on a phone — an agency's name, not a kind or a theme id.
MID_CELL = 12


def html_table(df: Any, *, max_rows: int = 200, sortable: bool = False,
               table_id: str | None = None, unknown: Sequence[str] = ()) -> str:
    """A DataFrame as an escaped HTML table (numbers right-aligned; a missing value blank).
    A missing value of a column named in ``unknown`` reads "(unknown)" instead ("(level not
    identified / 未识别层级)" for ``level``: :func:`~nlp_reports.corpus.summarize.unknown_group`):
    the summary's group columns (year, agency …), as in its Markdown."""
    if df is None or len(df) == 0:
        return '<p class="note">(none)</p>'
    blank = [unknown_group(str(c)) if str(c) in unknown else "" for c in df.columns]
    # a share reads 1.000, 0.250, 0.000 down its column, not 1, 0.25, 0 among 0.904
    shares = [_SHARE_COLUMN.fullmatch(str(c)) is not None for c in df.columns]
    cls = ' class="sortable"' if sortable else ""
    tid = f' id="{esc(table_id)}"' if table_id else ""
    head = "".join(f"<th{cls}>{esc(c)}</th>" for c in df.columns)
    rows = []
    for row in df.head(max_rows).itertuples(index=False):
        cells = []
        for v, empty, share in zip(row, blank, shares, strict=True):
            if _is_number(v):
                shown = f"{float(v):.3f}" if share else _fmt(v)
                cells.append(f'<td class="num" data-v="{esc(shown)}">{esc(shown)}</td>')
            else:
                text = empty if _missing(v) else v
                # a statement keeps a readable width when a phone squeezes the table
                # (CJK breaks anywhere: it stood two or three characters a line)
                width = (' class="long"' if len(str(text)) > LONG_CELL else ' class="mid"'
                         if _width(str(text)) > MID_CELL else "")
                cells.append(f"<td{width}>{esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f'<p class="note">… {len(df) - max_rows} more rows in the CSV export.</p>'
            if len(df) > max_rows else "")
    return (f"<table{tid}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table>{more}")


def _missing(v: Any) -> bool:
    """None, NaN, or pandas' NA/NaT (an Int64 column's blank would print as "<NA>")."""
    if v is None or type(v).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(v, float) and math.isnan(v)


def _is_number(v: Any) -> bool:
    return (isinstance(v, (int, float)) or type(v).__module__ == "numpy") and not isinstance(
        v, bool) and _finite(v)


def _fmt(v: Any) -> str:
    f = float(v)
    return f"{int(f)}" if f.is_integer() else f"{f:.3f}"


# --- the pages ------------------------------------------------------------------------------


def corpus_line(summary: Any) -> str:
    """The first line of the summary page: what the corpus is — its reports, agencies (not
    given when grouped: the overview counts them per group) and years, then the statements
    — in English, then in Chinese, e.g. "52 reports of 12 agencies, years 2019–2025 (7
    years), 286 statements / 共52份报告，12个机关，2019–2025年度（7个年度），第五部分表述286条".
    The agencies are the named ones (``overview`` counts the reports naming none as one
    agency, ``(unknown)``: here they are said apart, "of 11 agencies and 2 with no agency"),
    and the years are counted whenever the span holds more years than the reports have."""
    t = summary.tables
    n, n_st = summary.n_reports, summary.n_statements
    overview, trend = t.get("overview"), t.get("trend")
    agencies = None
    if not summary.by and overview is not None and len(overview) == 1 and (
            "agencies" in overview.columns):
        no_agency = int(getattr(summary, "no_agency", 0) or 0)
        # overview's count holds the reports naming no agency as one agency, (unknown)
        agencies = int(overview["agencies"].iloc[0]) - (1 if no_agency else 0)
    years: list[int] = []
    no_year = 0
    if trend is not None and len(trend):
        per_year = trend.groupby("year", dropna=False)["n_reports"].max()
        years = sorted(int(str(y)) for y in per_year.index if _known_year(y))
        no_year = int(sum(v for y, v in per_year.items() if not _known_year(y)))
    en = f"{n} report{'s' if n != 1 else ''}"
    zh = f"共{n}份报告"
    if agencies is not None:
        en += f" of {agencies} agenc{'ies' if agencies != 1 else 'y'}"
        zh += f"，{agencies}个机关"
        if no_agency:
            en += f" and {no_agency} with no agency"
            zh += f"，另有{no_agency}份机关不明"
    if years:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"
        k = len(years)
        # counted when more than two, or when the span has years with no report (2019–2021
        # of two reports is not three years)
        counted = k > 2 or (k == 2 and years[-1] - years[0] + 1 != k)
        en += f", year{'s' if k > 1 else ''} {span}" + (f" ({k} years)" if counted else "")
        zh += f"，{span}年度" + (f"（{k}个年度）" if counted else "")
        if no_year:
            en += f" and {no_year} with no year"
            zh += f"，另有{no_year}份年度不明"
    en += f", {n_st} statement{'s' if n_st != 1 else ''}"
    zh += f"，第五部分表述{n_st}条"
    return f"{en} / {zh}"


def summary_html(summary: Any, *, csv_dir: str | os.PathLike[str] | None = None) -> str:
    """The summary as one self-contained HTML page with charts and tables.

    With ``summary.by`` the theme charts are drawn per group (a heat table: one row per
    group, one column per theme) besides the corpus-wide bars, which say that they are
    corpus-wide. ``csv_dir``: the folder the same summary's CSV files were written to
    (``summarize --csv DIR``); a cut table names its file there only then, and otherwise
    says how to get every row.
    """
    from nlp_reports.corpus.summarize import TABLE_TITLES

    t = summary.tables
    by = tuple(summary.by)
    grouped = f"grouped by {', '.join(by)}" if by else ""
    body = ["<h1>政府信息公开工作年度报告 · 语料汇总 Corpus summary</h1>",
            f'<p class="corpus">{esc(corpus_line(summary))}'
            + (f"; {esc(grouped)}: the charts show each group, then all reports together"
               if by else "") + "</p>"]
    models = tuple(getattr(summary, "models", ()) or ())
    if models:  # (two report.html of one corpus tagged by two models are told apart)
        cards = getattr(summary, "model_cards", None)
        body.append(f'<p class="models">{esc(models_line(models, cards))}</p>')
    filters = tuple(getattr(summary, "filters", ()) or ())
    if filters:  # (--year / --folder: what every figure below counts)
        body.append(f'<p class="filters"><b>筛选 Only</b>: {esc(", ".join(filters))} — every '
                    "table counts these reports only; the cross-year tables (copying, "
                    "cross_year, problem_changes) still compare them with the other years "
                    "in the store</p>")
    if summary.notes:  # what the figures leave out or merge: failed files, copies, renames
        body.append("<h2>说明 Notes</h2><ul class=\"notes\">"
                    + "".join(f"<li>{esc(n)}</li>" for n in summary.notes) + "</ul>")
    body.append("<h2>主题分布 Theme prevalence</h2>")
    if by and t.get("prevalence") is not None and len(t["prevalence"]):
        for kind in ("problem", "measure"):
            body.append(_prevalence_heat(t["prevalence"], by, kind))
    body.append(_prevalence_chart(t["prevalence"], by, summary.n_reports))
    body.append("<h2>年度趋势 Trend by year</h2>")
    body.append(_trend_chart(t["trend"], by))
    body.append("<h2>问题与措施对应 Coverage</h2>")
    if by and t.get("coverage") is not None and len(t["coverage"]):
        body.append(_coverage_heat(t["coverage"], by))
    body.append(_coverage_chart(t["coverage"], by, summary.n_reports))
    for name, title in TABLE_TITLES.items():
        if name in t:
            zh = TABLE_TITLES_ZH.get(name)
            body.append(f"<h2>{esc(zh + ' ' + title if zh else title)}</h2>")
            if name == "copying":
                body.append(copying_headline_zh(t[name]))
            if name == "template_families":
                body.append(families_headline_zh(t[name]))
            if name == "cross_year":
                body.append(cross_year_headline_zh(t[name]))
            if name == "problem_changes":
                body.append(problem_changes_headline_zh(t[name]))
            if name in TABLE_NOTES_ZH:
                body.append(f'<p class="table-note">{esc(TABLE_NOTES_ZH[name])}</p>')
            df = t[name]
            if name == "table_stats":
                df, note = _without_empty_narrative(df)
                body.append(note)
            if name == "representatives":
                df, note = representatives_excerpt(df, by, csv_dir=csv_dir)
                body.append(note)
            body.append(_collapsible_table(_levels_named(df), name, csv_dir=csv_dir))
    return page("语料汇总 Corpus summary", "\n".join(body), css=_HEAT_CSS)


#: A grouped representatives table too long for the page shows, per group, the rank-1
#: statement of this many of the group's themes per kind (those with the most statements).
REPRESENTATIVE_THEMES = 3


def representatives_excerpt(df: Any, by: Sequence[str], *, max_rows: int | None = None,
                            csv_dir: str | os.PathLike[str] | None = None) -> tuple[Any, str]:
    """The rows of a grouped ``representatives`` table the page shows, and a note saying
    which and where every row is ("" and the table itself when it fits in ``max_rows``,
    default :data:`MAX_TABLE_ROWS`).

    Cut at ``max_rows`` the table (3 ranks × 13 themes × 2 kinds a group, in the groups'
    order) covered two or three groups of a thousand (``--by agency``). Whole groups
    instead: rank 1 of every theme and kind of each group, when that fits; else, of each
    group, rank 1 of its :data:`REPRESENTATIVE_THEMES` themes with the most statements per
    kind (6 rows a group), for the groups with the most statements, as many as fit — a
    page of the same size at 1,000 agencies as at 40. The CSV and JSON keep every row."""
    max_rows = MAX_TABLE_ROWS if max_rows is None else max_rows
    keys = [c for c in by if c in getattr(df, "columns", ())]
    if not keys or df is None or len(df) <= max_rows:
        return df, ""
    first = df[df["rank"] == 1]
    first = first.assign(_group=first.groupby(keys, dropna=False, sort=False).ngroup())
    n_groups = first["_group"].nunique()
    if len(first) <= max_rows:
        shown, n_shown = first.drop(columns="_group"), n_groups
        what = "rank 1 of every theme and kind of each group"
        what_zh = "每组各主题、各类型的第1位代表性表述"
    else:
        top = (first.sort_values("n_statements", ascending=False, kind="stable")
               .groupby(["_group", "kind"], sort=False).head(REPRESENTATIVE_THEMES))
        size = top.groupby("_group").size()
        weight = first.groupby("_group")["n_statements"].sum()
        chosen: list[int] = []
        rows = 0
        for group in weight.sort_values(ascending=False, kind="stable").index:
            if rows + size[group] > max_rows:
                break
            chosen.append(group)
            rows += size[group]
        shown = top[top["_group"].isin(chosen)].sort_index().drop(columns="_group")
        n_shown = len(chosen)
        what = (f"the {n_shown} of {n_groups} groups with the most statements, each with rank 1 "
                f"of its {REPRESENTATIVE_THEMES} themes with the most statements per kind")
        what_zh = (f"表述最多的{n_shown}个组（共{n_groups}个组），每组问题、措施各取表述最多的"
                   f"{REPRESENTATIVE_THEMES}个主题的第1位代表性表述")
    if csv_dir is not None:
        where = where_zh = os.path.join(os.fspath(csv_dir), "representatives.csv")
        where = f"in {where}"
    else:
        where = "from summarize --csv DIR (representatives.csv) or --format json"
        where_zh = "representatives.csv（summarize --csv 目录）或 --format json"
    one = (" One group's every theme: summarize --by agency --agency NAME --html FILE."
           if "agency" in keys else "")
    one_zh = ("某个机关的全部主题：summarize --by agency --agency 机关名 --html 文件。"
              if "agency" in keys else "")
    note = (f'<p class="note">Shown: {esc(what)} — {len(shown)} of {len(df)} rows. Every row '
            f"(every group, theme and rank) {esc(where)}.{esc(one)} / 此处只列出{esc(what_zh)}，"
            f"共{len(df)}行中的{len(shown)}行；全部各组、各主题、各名次见{esc(where_zh)}。"
            f"{esc(one_zh)}</p>")
    return shown, note


def _without_empty_narrative(df: Any) -> tuple[Any, str]:
    """``table_stats`` without its ``*_narrative`` count columns when no report of any group
    states its counts in the text only (reports before 2019, with no tables): all blank or 0,
    they pushed the figures read off the tables' right edge out of a laptop's window. The
    disclosure fee's pair (``fee_narrative``, ``with_fee_narrative``) stays when any report
    states a fee (from 2021 in section 六: a corpus of later reports has it). Returns the table
    and a note saying where the others still are (empty string: all kept)."""
    if df is None or "with_narrative" not in df.columns or (df["with_narrative"].fillna(0) != 0).any():
        return df, ""
    fee = ("fee_narrative", "with_fee_narrative")
    keep_fee = "with_fee_narrative" in df.columns and (df["with_fee_narrative"].fillna(0) != 0).any()
    cols = [c for c in df.columns if (str(c) == "with_narrative" or str(c).endswith("_narrative"))
            and not (keep_fee and str(c) in fee)]
    note = ('<p class="note">No report gives its counts in the text only (before 2019, '
            "without tables): the *_narrative count columns, all empty, are left out here; the "
            "CSV and JSON keep them. / 没有仅在正文中写明数字、无表格的报告，*_narrative 各计数列均为空，"
            "此处不列出（CSV、JSON 中仍保留）。</p>")
    return df.drop(columns=cols), note


#: The Chinese name of each table, before its English title (a reader of the Chinese
#: README saw "Year-over-year copying within an agency" and column ids only).
TABLE_TITLES_ZH: dict[str, str] = {
    "overview": "语料概况",
    "prevalence": "各主题出现比例（按类型）",
    "trend": "各主题出现比例（按年度）",
    "coverage": "问题是否有对应措施",
    "representatives": "各主题有代表性的表述",
    "boilerplate": "不同机关之间雷同的表述（套话）",
    "template_families": "套用同一模板",
    "copying": "沿用本机关上年表述",
    "copied_statements": "沿用上年的逐条表述",
    "cross_year": "跨年度表格核对 X1、X2（不符的在前）",
    "problem_changes": "问题的逐年变化：新出现、延续、再现、消失",
    "table_stats": "统计表格汇总",
    "vocabulary": "各组的特色词语",
}

#: What a row is and what each figure is a share *of*, in Chinese, above the tables a
#: journalist quotes from (docs/summary.md has the full column lists).
TABLE_NOTES_ZH: dict[str, str] = {
    "prevalence": "每行：一组报告中提到某主题（作为问题或措施）的报告数 reports、该组报告总数 "
                  "n_reports 和比例 share = reports ÷ n_reports。按报告计，不按条数计：一份报告"
                  "有一条表述涉及该主题即算提到。",
    "coverage": "reports_admitting：承认某主题问题的报告数；also_measure：其中同时提出该主题"
                "措施的报告数；share = also_measure ÷ reports_admitting。",
    "representatives": "rank 1 最典型：与该主题、该类型全部表述的“重心”最接近（score 为余弦"
                       "相似度，按使用该措辞的机关数加权，一个机关年年照抄只算一次）；"
                       "n_statements 为该主题该类型的表述总条数。按分组汇总（--by）时，"
                       "每组各选其代表性表述，重心与条数均只计组内。",
    "boilerplate": "每行是一组近似相同的表述（字符二元组 TF-IDF 余弦相似度 ≥ 0.8），出现在至少"
                   "两个不同机关的报告中。n_statements：组内表述条数；n_reports：来自几份报告；"
                   "n_agencies：几个机关（按机关名计）；agencies：前 5 个机关；text：最常见的写法。"
                   "哪些报告整体套用同一份模板（如同一县的各乡镇），见下面的“套用同一模板”表，"
                   "逐份报告见 nlp-reports audit 的“雷同机关”列和“与其他机关雷同”列。",
    "template_families": "每行是一份报告；同一 family 编号的报告为同一年度、不同机关、第五部分"
                         "套用同一模板的一组（如同一县的各乡镇），按组的大小排列，每组先列中心报告"
                         "（role = central，与组内最多报告相同的一份）。share_member：该报告第五部分"
                         "的表述中，在中心报告里有相同或近似表述（余弦相似度 ≥ 0.8），或逐字包含在"
                         "中心报告第五部分中的条数所占比例；share_central：反过来，中心报告的表述在"
                         "该报告中能找到的比例。两者都达到 0.8（80%）才算同一模板，只和组内其他"
                         "成员相同、与中心报告不到 80% 的报告不列入。match：exact 逐条照抄（仅名称、"
                         "数字不同）；reworded 改写了个别措辞或增删了个别条目；re-split 条目拆分、合并方式"
                         "不同。",
    "copying": "每行是一份有本机关此前报告可比的报告：与此前最近一个第五部分有内容的年度"
               "（prev_year，通常为上一年度；第五部分只写“无”或未收录的年度跳过）比较，下称上年。"
               "n_statements：本报告第五部分的"
               "表述总条数（问题、措施和引导语都算）；n_copied：其中与上年某条表述相同或近似"
               "（余弦相似度 ≥ 0.8），或逐字包含在上年第五部分中的条数；n_copied_problems / "
               "n_copied_measures：其中的问题、措施条数；share_copied_statements = n_copied ÷ "
               "n_statements（按条数计的沿用比例）；share_copied：按字数计的沿用比例（长句比短句"
               "分量大）。1 即 100%。",
    "cross_year": "每行是一份报告的一个单元格与本机关上年度（prev_report_id；中间缺少年度的，"
                  "为此前最近一个入库年度）报告的核对。X1：表三第二项“上年结转”（found）逐列"
                  "应等于上年度第四项“结转下年度继续办理”（expected）；X2：表二“现行有效件数”"
                  "（found）应等于上年度现行有效件数加本年制发、减本年废止（expected），soft = True"
                  " 只作提示。previous_inconsistent：上年度表三该列本身第一项加第二项之和不等于第三项"
                  "加第四项之和，错误可能在上年度。outcome 为 not_assessable 的行未核对，reason "
                  "说明原因。上年度有两份文本（如更正版）的，与每份各核对一次。",
    "problem_changes": "每行是一份报告的一个问题主题与本机关此前最近一个写出问题的年度（prev_year）"
                       "相比的变化：new 本年写出、此前各年都没有；persisting 上年也有；reappeared "
                       "上年没有、更早某年有过；disappeared 上年有、本年没有（statement_idx 为空）。"
                       "主题由模型判定，一条问题可有几个主题；更名的机关须用 --agency-map 才能前后相连。",
    "copied_statements": "每行是一条沿用上年的表述：text 为本年原文，prev_text 为上年最相近的"
                         "表述，similarity 为两者的余弦相似度（1 = 去掉标点、序号后完全相同或"
                         "逐字包含）。引用前请逐条核对。",
    "overview": "每行一组报告：reports 报告数；statements 第五部分表述总条数；problem_statements、"
                "measure_statements 问题、措施条数；agencies 机关数；with_problems 至少写出一条"
                "问题的报告数，share_with_problems = with_problems ÷ reports（承认存在问题的报告"
                "所占比例）；with_measures、share_with_measures 同理，指改进措施。",
    "table_stats": "各组报告相加：received 为表三“一、本年新收”总计；granted、partial、refused、"
                   "unable、not_processed 为表三“三、本年度办理结果”的予以公开、部分公开、不予公开、"
                   "无法提供、不予处理；review、litigation 为表四行政复议、行政诉讼总计；"
                   "with_table3 为读出表三的报告数（received 至 not_processed 求平均时的分母），"
                   "with_table4 为读出表四的报告数（review、litigation 求平均时的分母）。"
                   "空白单元格不计为 0，也不计入总和。*_narrative 为没有表格的报告（多为2019年以前）正文中写明的"
                   "数字之和，with_received_narrative 等为写明该项数字的报告数（求该项平均时的"
                   "分母），with_narrative 为至少写明一项的报告数。fee_narrative 为报告正文写明的"
                   "政府信息公开收费之和，单位为万元（较早报告的收费部分；2021年起的报告为第六部分的"
                   "信息处理费），with_fee_narrative 为写明收费的报告数；它不是表二（八）的行政事业性"
                   "收费 fees，二者不可相加。 fee_narrative: the disclosure fee the reports' text "
                   "states, in 万元 (10,000 yuan), with_fee_narrative the reports stating one; not "
                   "表二 (八)'s fees, never to be added to them.",
}


def copying_headline_zh(df: Any) -> str:
    """One Chinese sentence over the copying table: how many of the compared reports
    repeat all, more than half, less than half or none of last year's statements — the
    figures a reader quotes, each checkable in the rows below (share_copied_statements)."""
    if df is None or not len(df):
        return ('<p class="table-note">没有可比的报告：同一机关须有此前某一年度第五部分有内容的报告'
                "才能比较。</p>")
    share = df["share_copied_statements"].dropna().astype(float)
    n = len(share)
    whole = int((share >= 1).sum())
    most = int(((share > 0.5) & (share < 1)).sum())
    some = int(((share > 0) & (share <= 0.5)).sum())
    none = int((share <= 0).sum())
    return (f'<p class="table-note"><b>有本机关上年报告可比的{n}份报告中：第五部分全部沿用上年'
            f"表述的{whole}份，一半以上（不到全部）沿用的{most}份，一半及以下沿用的{some}份，"
            f"没有沿用的{none}份。</b>（按 share_copied_statements，即沿用条数 ÷ 全部条数；"
            "第五部分没有表述的报告不计。）</p>")


def families_headline_zh(df: Any) -> str:
    """One Chinese sentence over the template families: how many families and reports,
    and the largest family (its year, size and central report)."""
    if df is None or not len(df):
        return ('<p class="table-note">没有发现套用同一模板的报告：同一年度没有两个不同机关的'
                "第五部分有 80% 以上的表述彼此相同或近似。</p>")
    head = df.iloc[0]
    return (f'<p class="table-note"><b>共{df["family"].nunique()}组、{len(df)}份报告套用同一'
            f"模板；最大的一组为{int(head['year'])}年的{int(head['size'])}份报告，中心报告为"
            f"{esc(head['agency'])}。</b></p>")


def cross_year_headline_zh(df: Any) -> str:
    """One Chinese sentence over the cross-year table: of the reports compared with their
    agency's year before, how many carry over a figure that is not last year's pending
    cases (X1: reports and cells, those where last year's own 表三 does not add up said
    apart) and how many break the 现行有效 rollover (X2, a signal); then why the others
    were not compared. The 221 rows of a 40-report corpus told none of this at a glance.
    A cell that agrees with one text of a year filed twice (a corrected version) is not
    counted, as the audit does not count it."""
    if df is None or not len(df):
        return '<p class="table-note">没有可核对的报告：同一机关须有相邻年度的报告才能核对。</p>'
    from nlp_reports.corpus.summarize import CROSS_YEAR_REASONS, cross_year_failures

    fails = cross_year_failures(df)
    compared = df.loc[df["outcome"].isin(("pass", "fail")), "report_id"].nunique()
    x1 = fails[fails["check"] == "X1"]
    x1 = x1.drop_duplicates(["report_id", "row", "column"])
    doubt = int(x1["previous_inconsistent"].astype(bool).sum())
    x2 = fails[fails["check"] == "X2"]
    text = (f'<p class="table-note"><b>可与本机关上年度报告核对的{compared}份报告中：表三“上年结转”'
            f"与上年度报告“结转下年度继续办理”不一致（X1）的{x1['report_id'].nunique()}份，共"
            f"{len(x1)}个单元格")
    if doubt:
        text += f"（其中{doubt}个所在列上年度表三本身不平衡，错误可能在上年度）"
    text += (f"；表二“现行有效件数”与上年度数加本年制发、减本年废止不衔接（X2，常因修订、"
             f"自然失效，只作提示）的{x2['report_id'].nunique()}份。</b>")
    skipped = df[(df["outcome"] == "not_assessable") & (df["check"] == "X1")]
    skipped = skipped.drop_duplicates("report_id")
    if len(skipped):
        why = "，".join(f"{CROSS_YEAR_REASONS.get(r, (r, r))[1]}{n}份"
                       for r, n in skipped["reason"].value_counts().items())
        text += f"未能核对上年结转的{len(skipped)}份：{why}。"
    return text + "</p>"


def problem_changes_headline_zh(df: Any) -> str:
    """One Chinese sentence over the problem changes: of the reports compared with their
    agency's year before, how many problem themes are new, persisting, reappearing and
    gone (a row is a report and a theme)."""
    if df is None or not len(df):
        return ('<p class="table-note">没有可比较的报告：同一机关须有此前某一年度写出问题的报告'
                "才能比较。</p>")
    n = df["status"].value_counts()
    return (f'<p class="table-note"><b>有本机关此前报告可比的{df["report_id"].nunique()}份报告中，'
            f"问题主题（按报告×主题计）新出现{int(n.get('new', 0))}个、延续{int(n.get('persisting', 0))}"
            f"个、再次出现{int(n.get('reappeared', 0))}个、消失{int(n.get('disappeared', 0))}个。"
            "</b></p>")


#: Tables longer than this are folded into a <details> element (the page stays short).
FOLD_ROWS = 30
#: How many rows of a table the page shows at most.
MAX_TABLE_ROWS = 200


def _collapsible_table(df: Any, name: str, *, max_rows: int = MAX_TABLE_ROWS,
                       csv_dir: str | os.PathLike[str] | None = None) -> str:
    """A short table as it is; a long one folded, opened by a click, cut at ``max_rows``.

    Where the rest is: ``csv_dir/name.csv`` when the CSV files were written with this
    page, else the command that writes them (no file is named that does not exist)."""
    if csv_dir is not None:
        where = f"all in {os.path.join(os.fspath(csv_dir), name + '.csv')}"
    else:
        where = f"all rows: summarize --csv DIR writes {name}.csv, or --format json"
    from nlp_reports.corpus.summarize import GROUP_COLUMNS

    table = html_table(df, max_rows=max_rows, unknown=GROUP_COLUMNS).replace(
        "more rows in the CSV export.", f"more rows ({where}).")
    # a table wider than the window (table_stats by agency) scrolls alone, not the page
    table = table.replace("<table", '<table class="wide"', 1)

    if df is None or len(df) <= FOLD_ROWS:
        return table
    return (f'<details><summary>{len(df)} rows — click to show'
            + (f" (the first {max_rows}; {esc(where)})" if len(df) > max_rows else "")
            + f"</summary>{table}</details>")


def _overall(df: Any, by: Sequence[str], value: str, weight: str) -> Any:
    """Collapse grouped rows into corpus-wide figures (sum of counts, then share).

    The share is always recomputed from the counts: the table's ``share`` is rounded to 3
    decimals, and 23/43 = 0.5349 rounded twice printed 54 % where the heat cells say 53 %."""
    keys = [c for c in ("kind", "theme") if c in df.columns]
    agg = df.groupby(keys, as_index=False)[[value, weight]].sum()
    agg["share"] = agg[value] / agg[weight].where(agg[weight] > 0)
    return agg


def _corpus_wide(by: Sequence[str], n_reports: int) -> str:
    return f" — corpus-wide, all {n_reports} reports" if by else ""


def _prevalence_chart(df: Any, by: Sequence[str], n_reports: int = 0) -> str:
    if df is None or len(df) == 0:
        return '<p class="note">(no statements)</p>'
    d = _overall(df, by, "reports", "n_reports")
    series = {}
    for kind in ("problem", "measure"):
        sub = d[d["kind"] == kind].set_index("theme")["share"]
        series[KIND_LABELS[kind]] = [float(sub.get(th, float("nan"))) for th in THEME_IDS]
    colors = {KIND_LABELS[k]: c for k, c in KIND_COLORS.items()}
    args = dict(colors=colors, max_value=1.0,
                title="报告提及各主题的比例 Share of reports stating each theme"
                + _corpus_wide(by, n_reports),
                label_colors=[THEME_COLORS[th] for th in THEME_IDS])
    labels = [THEME_NAMES[th] for th in THEME_IDS]
    return chart_pair(bar_chart(labels, series, **args),
                      bar_chart(labels, series, **args, narrow=True))


# --- charts per group (heat tables) --------------------------------------------------------

#: At most this many groups get a row of their own in a heat table (the largest first).
HEAT_MAX_GROUPS = 60

_HEAT_CSS = """
table.wide { display: block; max-width: 100%; overflow-x: auto; }
table.heat { table-layout: fixed; font-size: .8em; margin: .3em 0 .4em; }
table.heat th, table.heat td { border: 1px solid #fff; padding: .2em .25em; }
table.heat thead th { width: 4.6em; font-weight: normal; text-align: center;
  vertical-align: bottom; line-height: 1.25; }
table.heat thead th.group, table.heat tbody th { width: 16em; text-align: left;
  font-weight: normal; background: #f7f7f7; overflow-wrap: anywhere; }
div.heat-scroll { max-width: 100%; overflow-x: auto; }
""" + _PHONE + """ {
  /* a phone: the 13 themes scroll sideways under a group column that keeps its width
     (squeezed, 国家级 national n=6 stood one character a line) */
  table.heat thead th { min-width: 3.4em; }
  table.heat thead th.group, table.heat tbody th { min-width: 8em; position: sticky;
    left: 0; z-index: 1; overflow-wrap: normal; }
}
p.table-note { color: #444; font-size: .88em; margin: .2em 0 .5em; }
table.heat .sw { display: inline-block; width: .7em; height: .7em; margin-right: .2em; }
table.heat td { text-align: center; font-variant-numeric: tabular-nums; }
table.heat td.na { color: #aaa; background: #fafafa; }
table.heat .n { color: #777; }
p.heat-title { font-weight: bold; font-size: .9em; margin: 1.2em 0 0; }
"""


def _group_label(key: Any, by: Sequence[str] = ()) -> str:
    parts = key if isinstance(key, tuple) else (key,)
    return " · ".join((unknown_group(by[i]) if i < len(by) else UNKNOWN) if _missing(p)
                      else LEVEL_NAMES.get(str(p), str(p)) if i < len(by) and by[i] in _LEVELLED
                      else str(p) for i, p in enumerate(parts))


def level_name(level: Any) -> str:
    """A report's ``level`` id as the pages show it (:data:`LEVEL_NAMES`: 部门 department);
    no level: "(level not identified / 未识别层级)" (a hospital, a 事业单位)."""
    if _missing(level) or level == "":
        return unknown_group("level")
    return LEVEL_NAMES.get(str(level), str(level))


def _level_rank(label: str) -> int:
    """Where a group label led by a level name stands in the hierarchy (省级 before 市级 …)."""
    return next((i for i, name in enumerate(LEVEL_NAMES.values()) if label.startswith(name)),
                len(LEVEL_NAMES))


def _format_rank(label: str, by: Sequence[str]) -> int:
    """Where a group label led by a layout (``--by format``) stands in time: legacy, 2019,
    2021 (:data:`~nlp_reports.corpus.summarize.GROUP_ORDER`), not as text."""
    if not by or by[0] != "format":
        return 0
    order = GROUP_ORDER["format"]
    first = label.split(" · ", 1)[0]
    return order.index(first) if first in order else len(order)


#: Group columns whose values are level ids (shown by name on the page).
_LEVELLED = ("level", "tier")


def _by_heading(by: Sequence[str]) -> str:
    """"按层级、年度分组 By level, year": the group columns named in Chinese, then as ids."""
    return f"按{'、'.join(GROUP_NAMES.get(b, b) for b in by)}分组 By {', '.join(by)}"


def _levels_named(df: Any) -> Any:
    """``df`` with its ``level`` ids shown by name (省级 province …), for the page only."""
    cols = [c for c in _LEVELLED if c in getattr(df, "columns", ())]
    if not cols:
        return df
    df = df.copy()
    for c in cols:
        df[c] = [v if _missing(v) else LEVEL_NAMES.get(str(v), v) for v in df[c]]
    return df


def _heat_table(cells: dict[str, dict[str, tuple[int, int]]], sizes: dict[str, int], *,
                title: str, color: str, by: Sequence[str], note: str) -> str:
    """One row per group, one column per theme; each cell the share k/n as a percentage on
    a background as dark as the share (``color`` at full strength for 100 %); "–" where
    the group has no report to count (n = 0)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    groups = sorted(cells, key=lambda k: (k.startswith(_UNKNOWN_LABELS), _level_rank(k),
                                          _format_rank(k, by), k))
    hidden = 0
    if len(groups) > HEAT_MAX_GROUPS:
        keep = set(sorted(groups, key=lambda k: -sizes[k])[:HEAT_MAX_GROUPS])
        hidden = len(groups) - len(keep)
        groups = [k for k in groups if k in keep]
    head = "".join(f'<th title="{esc(th)}"><span class="sw" style="background:'
                   f'{THEME_COLORS[th]}"></span>{esc(THEME_NAMES[th])}</th>'
                   for th in THEME_IDS)
    rows = []
    for key in groups:
        tds = []
        for th in THEME_IDS:
            k, n = cells[key].get(th, (0, 0))
            if n <= 0:
                tds.append(f'<td class="na" title="{esc(key)} · {esc(THEME_NAMES[th])}: '
                           'no report to count">–</td>')
                continue
            share = k / n
            ink = "#fff" if share >= 0.55 else "#222"
            tds.append(f'<td style="background:rgba({r},{g},{b},{share * 0.9:.2f});'
                       f'color:{ink}" title="{esc(key)} · {esc(THEME_NAMES[th])}: {k} of '
                       f'{n} reports">{share:.0%}</td>')
        rows.append(f'<tr><th>{esc(key)} <span class="n">n={sizes[key]}</span></th>'
                    + "".join(tds) + "</tr>")
    more = (f" The {hidden} smallest groups are left out here (every group is in the "
            "tables below)." if hidden else "")
    return (f'<div class="heat-scroll"><p class="heat-title">{esc(title)}</p>'
            f'<table class="heat"><thead><tr><th class="group">'
            f'{esc(" · ".join(f"{GROUP_NAMES.get(b, b)} {b}" for b in by))}</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            f'<p class="note">{esc(note + more)}</p>')


def _heat_cells(df: Any, by: Sequence[str], count: str, total: str
                ) -> tuple[dict[str, dict[str, tuple[int, int]]], dict[str, int]]:
    """Each group's {theme: (``count``, ``total``)} and its largest ``total``, by label, the
    groups in the order ``groupby(sort=False, dropna=False)`` gives them (a later group of
    the same label replacing an earlier), read from the columns once: a pandas frame per
    group cost ~1 s of an HTML page of 4,000 agencies."""
    import numpy as np

    cells: dict[str, dict[str, tuple[int, int]]] = {}
    sizes: dict[str, int] = {}
    if not len(df):
        return cells, sizes
    group = df.groupby(list(by), dropna=False, sort=False).ngroup().to_numpy()
    order = np.argsort(group, kind="stable")  # (each group's rows in their order)
    group = group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], len(group)]
    themes = df["theme"].to_numpy(dtype=object)[order].tolist()
    counts = df[count].to_numpy()[order]
    totals = df[total].to_numpy()[order]
    keys = [df[b].to_numpy(dtype=object)[order[starts]].tolist() for b in by]
    for i, (lo, hi) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        label = _group_label(tuple(k[i] for k in keys), by)
        cells[label] = {th: (int(k), int(n)) for th, k, n
                        in zip(themes[lo:hi], counts[lo:hi], totals[lo:hi], strict=True)}
        sizes[label] = int(totals[lo:hi].max())
    return cells, sizes


def _prevalence_heat(df: Any, by: Sequence[str], kind: str) -> str:
    """Share of each group's reports that state each theme as a ``kind``."""
    cells, sizes = _heat_cells(df[df["kind"] == kind], by, "reports", "n_reports")
    # (English, Chinese for the title, Chinese for the note)
    en, zh, zh_theme = {"problem": ("admitting a problem", "承认问题", "承认该主题问题"),
                        "measure": ("stating a measure", "提出措施", "提出该主题措施")}[kind]
    return _heat_table(
        cells, sizes, color=KIND_COLORS[kind], by=by,
        title=f"{_by_heading(by)}: share of reports {en} {zh} "
              "on each theme",
        note=f"Each row is one group (n = its reports); a cell is the share of that group's "
             f"reports {en} on the theme (hover for the "
             "counts). A share of few reports moves by large steps. / 每行一组报告（n = 该组"
             f"报告数）；每格 = 该组中{zh_theme}"
             "的报告数 ÷ n（鼠标悬停可见具体数字）。报告很少的组，比例变化幅度大。")


def _coverage_heat(df: Any, by: Sequence[str]) -> str:
    """Per group: of the reports admitting a problem on a theme, the share that also state
    a measure on it ("–" where no report of the group admits that problem)."""
    cells, sizes = _heat_cells(df, by, "also_measure", "reports_admitting")
    return _heat_table(
        cells, sizes, color="#1e8449", by=by,
        title=f"{_by_heading(by)}: problems met by a measure",
        note="A cell: of the group's reports admitting a problem on the theme, the share "
             "that also state a measure on it; – where none admits it. n = the most "
             "reports admitting any one theme. / 每格 = 该组承认该主题问题的报告中，同时提出该"
             "主题措施的报告所占比例；“–”表示该组没有报告承认此类问题。n 为承认任一主题问题的"
             "最多报告数。")


#: How many themes the trend chart draws (more lines cannot be told apart).
TREND_THEMES = 6
#: The group label the summary gives a missing value.
UNKNOWN = "(unknown)"


def _known_year(y: Any) -> bool:
    try:
        int(str(y))
    except ValueError:
        return False
    return True


def _year_runs(years: Sequence[int], sep: str, dash: str) -> str:
    """Years as runs: 2012, 2014, 2017–2018 (``sep`` ", ", ``dash`` "–")."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1][-1] = y
        else:
            runs.append([y, y])
    return _runs_text(runs, sep, dash)


def _runs_text(runs: Sequence[Sequence[int]], sep: str, dash: str) -> str:
    """[first, last] runs of years as text: "2012, 2017–2018"."""
    return sep.join(f"{a}{dash}{b}" if b > a else f"{a}" for a, b in runs)


def _trend_note_gaps(xs: Sequence[Any], counts: Sequence[int]) -> str:
    """The line under the trend chart naming the years with no report (the dashed lines
    cross them) and the years of fewer than :data:`FEW_REPORTS` reports (hollow points),
    English then Chinese; empty when there is neither."""
    years = [int(str(x)) for x in xs]
    # the years between two neighbours, one run each (not year by year: a store's year
    # 1,000,000,000 written by hand is one run, not a set of a billion)
    ordered = sorted(set(years))
    missing = [(a + 1, b - 1) for a, b in itertools.pairwise(ordered) if b > a + 1]
    few = [y for y, c in zip(years, counts, strict=True) if c < FEW_REPORTS]
    en, zh = [], []
    if missing:
        en.append("Years stand to scale; a dashed line crosses the years with no report "
                  f"({_runs_text(missing, ', ', '–')}).")
        zh.append(f"横轴按年份比例排列，虚线跨过无报告的年度（{_runs_text(missing, '、', '–')}年）")
    if few:
        en.append(f"Hollow points and faint lines: years of fewer than {FEW_REPORTS} reports "
                  f"({_year_runs(few, ', ', '–')}), where one report moves a share by half "
                  "or more.")
        zh.append(f"空心点、淡色线为报告少于{FEW_REPORTS}份的年度（{_year_runs(few, '、', '–')}年），"
                  "一份报告即可使比例变动一半以上")
    if not en:
        return ""
    return " ".join(en) + " / " + "；".join(zh) + "。"


def _trend_chart(df: Any, by: Sequence[str] = ()) -> str:
    """The share of reports admitting each of the most admitted themes, year by year.

    Only known years are on the x axis (how many reports have none is said under the
    chart); with fewer than two known years there is no trend to draw, so one line of
    text says so instead."""
    if df is None or len(df) == 0:
        return '<p class="note">(no years)</p>'
    n_by_year = df.groupby("year", dropna=False)["n_reports"].max()
    no_year = int(sum(n for y, n in n_by_year.items() if not _known_year(y)))
    no_year_note = (f"{no_year} report{'s' if no_year != 1 else ''} with no year "
                    f"{'are' if no_year != 1 else 'is'} not in the chart. " if no_year else "")
    known = sorted((y for y in n_by_year.index if _known_year(y)), key=lambda y: int(str(y)))
    if len(known) < 2:
        if known:
            y = known[0]
            n_y = int(n_by_year[y])
            text = (f"Only one year ({y}, {n_y} report{'s' if n_y != 1 else ''}): there is no "
                    "trend to draw. The theme shares of that year are in the prevalence chart "
                    "above. "
                    f"/ 仅有一个年度（{y}），无法显示趋势。")
        else:
            text = "No report has a known year: there is no trend to draw. / 报告均无年度。"
        return f'<p class="note trend-none">{esc(text + (" " + no_year_note if no_year else ""))}</p>'
    sub = df[(df["kind"] == "problem") & df["year"].map(_known_year)]
    if len(sub) == 0 or sub["reports"].sum() == 0:
        return '<p class="note">(no problems admitted)</p>'
    years = known
    totals = sub.groupby("theme")["reports"].sum()
    totals = totals[totals > 0]
    order = {th: i for i, th in enumerate(THEME_IDS)}
    top = sorted(totals.index, key=lambda th: (-totals[th], order.get(th, 99)))[:TREND_THEMES]
    series, colors, markers = {}, {}, {}
    for th in top:
        t = sub[sub["theme"] == th].set_index("year")
        s = t["reports"] / t["n_reports"].where(t["n_reports"] > 0)  # not the rounded share
        name = THEME_NAMES.get(th, th)
        series[name] = [float(s.get(y, float("nan"))) for y in years]
        colors[name] = THEME_COLORS.get(th, "#555")
        markers[name] = _MARKERS[order.get(th, 0) % len(_MARKERS)]
    args = dict(colors=colors, markers=markers,
                counts=[int(n_by_year.get(y, 0)) for y in years],
                title="各年承认问题的报告比例 Share of reports admitting a problem, by year"
                + (" — all groups together" if by and list(by) != ["year"] else ""))
    xs = [str(y) for y in years]
    chart = chart_pair(line_chart(xs, series, **args),
                       line_chart(xs, series, **args, narrow=True))
    gaps = _trend_note_gaps(xs, args["counts"])
    shown = len(top)
    note = (f"The lines are the {shown} themes most often admitted as problems over all "
            f"years (of {len(totals)} admitted; ties in taxonomy order), so that the chart "
            "stays readable. Every theme, year by year, is in the table “Theme prevalence "
            "by year” below. n under each year = the number of reports of "
            "that year: a share of few reports moves by large steps. Overlapping points are "
            f"drawn 3 px apart. {no_year_note}/ "
            f"图中为各年合计最常被承认为问题的 {shown} 个主题；全部主题见下表。")
    gaps = f'\n<p class="note trend-gaps">{esc(gaps)}</p>' if gaps else ""
    return chart + f'\n<p class="note">{esc(note)}</p>' + gaps


def _coverage_chart(df: Any, by: Sequence[str], n_reports: int = 0) -> str:
    if df is None or len(df) == 0:
        return '<p class="note">(no problems)</p>'
    # from the counts, also without by (the table's share is rounded to 3 decimals)
    d = df.groupby("theme", as_index=False)[["reports_admitting", "also_measure"]].sum()
    d["share"] = d["also_measure"] / d["reports_admitting"].where(d["reports_admitting"] > 0)
    s = d.set_index("theme")["share"]
    labels = [THEME_NAMES[th] for th in THEME_IDS]
    series = {"有对应措施 with a measure": [float(s.get(th, float("nan"))) for th in THEME_IDS]}
    args = dict(colors={"有对应措施 with a measure": "#1e8449"}, max_value=1.0,
                label_colors=[THEME_COLORS[th] for th in THEME_IDS],
                title="承认问题的报告中同时提出对应措施的比例 Problems met by a measure"
                + _corpus_wide(by, n_reports))
    return chart_pair(bar_chart(labels, series, **args),
                      bar_chart(labels, series, **args, narrow=True))


_SORT_JS = """
document.querySelectorAll('th.sortable').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[i], y = b.cells[i];
      var p = x.dataset.v !== undefined ? parseFloat(x.dataset.v) : x.textContent;
      var q = y.dataset.v !== undefined ? parseFloat(y.dataset.v) : y.textContent;
      var c = (typeof p === 'number' && typeof q === 'number') ? p - q
              : String(p).localeCompare(String(q), 'zh-CN');
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


#: The English half of the audit columns' headers (the Chinese half is
#: :data:`nlp_reports.corpus.audit.COLUMN_NAMES_ZH`, the names of ``--headers zh``).
_AUDIT_HEADERS_EN: dict[str, str] = {
    "report_id": "Report id", "path": "File", "agency": "Agency", "year": "Year",
    "level": "Level", "region": "Region", "folder": "Folder", "published": "Published",
    "texts_for_agency_year": "Texts this agency-year", "findings_zh": "Findings",
    "signals_zh": "Signals, in Chinese", "defects": "Defects", "signals": "Signals",
    "identity_failures": "Identity failures", "t1_contradictions": "Text contradicts tables",
    "missing_sections": "Missing sections", "section5_empty": "Section 五 empty",
    "no_concrete_problem": "No themed problem found in 五", "no_measures": "No measure in 五",
    "section5_copied": "五 copied from last year",
    "blank_cells": "Blank cells",
    "published_late": "Published late", "published_early": "Dated before its year ended",
    "outdated_template": "Outdated 2019 template",
    "mixed_heading_numbering": "Mixed heading numbering", "shared_with": "Shared with",
    "defects_last_year": "Defects last year", "recurring": "Found again",
    "last_year_zh": "Follow-up of last year",
    "t2_fees_without_6": "Fees but 六 says 无", "cross_year_failures": "Cross-year X1",
    "parse_problems": "Parse problems", "failed": "Failed",
    "unmatched_problems": "Problems without a measure",
    "shared_with_other_agencies": "Shared with other agencies",
    "copied_from_last_year": "Copied from last year", "cross_year_soft": "Cross-year (soft)",
    "file_name_year": "File name's year differs",
    "same_year_texts": "Other texts of its year",
    "names_other_agency": "Names another body",
    "stale_year": "Plans a past year",
}
#: Readable headers of the audit columns, "English 中文" (the CSV keeps the ids unless
#: ``--headers zh``; each header's tooltip names the id).
AUDIT_HEADERS: dict[str, str] = {c: f"{en} {COLUMN_NAMES_ZH[c]}"
                                 for c, en in _AUDIT_HEADERS_EN.items()}

_AUDIT_CSS = """
.scroll { overflow: auto; max-height: 78vh; border: 1px solid #ccc; margin: .5em 0 1.5em; }
.scroll table { border-collapse: separate; border-spacing: 0; margin: 0; }
.scroll th, .scroll td { border: 0; border-right: 1px solid #ddd; border-bottom: 1px solid #ddd;
  background: #fff; }
.scroll thead th { position: sticky; background: #f2f3f4; z-index: 2; }
.scroll thead tr.groups th { top: 0; height: 2em; box-sizing: border-box; text-align: center; }
.scroll thead tr.cols th { top: 2em; min-width: 6.5em; font-weight: 600; }
.scroll thead .zh { font-weight: normal; color: #555; }
.scroll .file { position: sticky; left: 0; z-index: 1; box-sizing: border-box;
  width: 15em; min-width: 15em; max-width: 15em; word-break: break-all; }
.scroll .agency { position: sticky; left: 15em; z-index: 1; box-sizing: border-box;
  width: 9em; min-width: 9em; max-width: 9em; border-right: 2px solid #999; }
.scroll thead th.file, .scroll thead th.agency { z-index: 3; }
.scroll th.g-defect, .scroll tr.groups th.g-defect { background: #f9e0dc; }
.scroll th.g-signal, .scroll tr.groups th.g-signal { background: #fcf0d4; }
.scroll td.hot-defect { background: #f9e0dc; font-weight: bold; }
.scroll td.hot-signal { background: #fcf0d4; }
.scroll td.list { min-width: 22em; max-width: 22em; }
.scroll td.text { white-space: nowrap; }
.scroll td.list details { margin: 0; }
.scroll td.list summary { color: inherit; display: flex; gap: .3em; list-style: none; }
.scroll td.list summary::-webkit-details-marker { display: none; }
.scroll td.list .tri { color: #2471a3; flex: none; display: inline-block; }
.scroll td.list details[open] .tri { transform: rotate(90deg); }
.scroll td.list .first { flex: 1 1 auto; min-width: 0; overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; }
.scroll td.list .more { flex: none; color: #2471a3; white-space: nowrap; }
.scroll td.list details[open] .first { white-space: normal; overflow: visible; }
.scroll td.list details[open] .more { display: none; }
.scroll .why { display: block; font-size: .75em; font-weight: normal; color: #7b241c;
  text-align: right; white-space: nowrap; }
table.failed td { max-width: 50em; }
""" + _PHONE + """ {
  /* a phone: the agency alone stays in view, narrower (the file and agency columns, 24em,
     covered 340 of its 358 px and the findings scrolled under them); the file scrolls */
  .scroll .file { left: auto; width: 10em; min-width: 10em; max-width: 10em; }
  .scroll .agency { left: 0; width: 6.5em; min-width: 6.5em; max-width: 6.5em; }
}
#audit-filter { max-width: 100%; box-sizing: border-box; }
.print-only { display: none; }
.letter h3 { font-size: 1.05em; margin: 0 0 .2em; }
.cards .letter { border: 1px solid #bbb; border-left: 4px solid #c0392b; border-radius: 4px;
  padding: .6em 1em; margin: .8em 0; max-width: 60em; }
.cards .letter.none { border-left-color: #3cb44b; }
.cards .letter.hidden { display: none; }
.cards .tally { color: #555; }
.letter ol { margin: .2em 0 .4em; padding-left: 2.2em; }
.letter p { margin: .2em 0; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .print-only { display: block; }
  .screen-only, .scroll, #audit-filter, #audit-shown { display: none !important; }
  .letter { break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #888;
    padding: .5em 0; }
  .letter.hidden { display: none !important; }
}
"""


#: Short names of the defect and signal columns, put beside a row's count so that the
#: reason is seen where the row is, not only in a column far to the right.
AUDIT_REASONS: dict[str, str] = {
    "identity_failures": "identities 勾稽", "t1_contradictions": "text≠tables 正文与表格",
    "missing_sections": "sections missing 缺部分", "section5_empty": "五 empty 五为空",
    "t2_fees_without_6": "fees, 六 says 无 收费", "cross_year_failures": "cross-year X1 跨年",
    "no_concrete_problem": "五 no themed problem 五未识别具体问题", "no_measures": "五 no measure 五无改进措施",
    "section5_copied": "五 copied 照搬上年",
    "blank_cells": "blank cells 未填报",
    "published_late": "late 逾期", "published_early": "early 早于年度结束",
    "outdated_template": "2019 template 旧格式",
    "mixed_heading_numbering": "numbering 编号",
    "parse_problems": "parse 解析", "failed": "unread 读取失败",
    "unmatched_problems": "no measure 无措施", "shared_with_other_agencies": "shared 雷同",
    "copied_from_last_year": "copied 沿用", "cross_year_soft": "cross-year (soft) 跨年存疑",
    "file_name_year": "file name's year 文件名年度",
    "same_year_texts": "other text 同年度另有文本",
    "names_other_agency": "other's name 错名",
    "stale_year": "past year 年份已过",
}


def _counts(col: str, row: dict[str, Any], counted: Any) -> bool:
    """Whether an audit cell adds to the row's defects (the audit's ``counted``; a flagged
    cell without it: an audit made elsewhere)."""
    if counted is None or col not in counted.columns or row["path"] not in counted.index:
        return _flagged(row[col])
    return bool(counted.at[row["path"], col])


def _flagged(v: Any) -> bool:
    """Whether an audit cell reports something (a text, ``True`` or a count above 0)."""
    if _missing(v) or isinstance(v, str):
        return not _missing(v) and v != ""
    return bool(v)


def _audit_cell(col: str, v: Any, kind: str, reasons: Sequence[str] = (),
                zh: Sequence[str] = ()) -> str:
    """One audit cell: a count (with the names of the columns behind it when ``reasons``),
    yes for a flag, or a list, folded to its first item when it has several or is long,
    so that a row stays as tall as its visible cells (the rest opens with a click).
    ``zh``, the finding in Chinese sentences (审查意见), is shown instead of the English
    text, which stays in the tooltip (the ids machines filter on)."""
    if _missing(v) or v == "":
        return "<td></td>"
    if isinstance(v, bool) or type(v).__name__ == "bool_":
        if not v:
            return "<td></td>"
        if not zh:
            return "<td>yes 是</td>"
    elif _is_number(v) and zh and float(v) > 0:
        shown = _fmt(v)
        return (f'<td class="num" data-v="{esc(shown)}" title="{esc(" ".join(zh))}">'
                f"{esc(shown)}</td>")
    if zh and not _is_number(v):
        tip = "" if isinstance(v, bool) or type(v).__name__ == "bool_" else str(v)
        return _list_cell(list(zh), tip)
    if _is_number(v):
        shown = _fmt(v)
        hot = (f" hot-{kind}" if col in ("defects", "signals") and float(v) > 0 else "")
        why = (f'<span class="why">{"<br>".join(esc(AUDIT_REASONS.get(r, r)) for r in reasons)}'
               "</span>" if reasons and float(v) > 0 else "")
        tip = (f' title="{esc(", ".join(AUDIT_REASONS.get(r, r) for r in reasons))}"'
               if reasons else "")
        return f'<td class="num{hot}" data-v="{esc(shown)}"{tip}>{esc(shown)}{why}</td>'
    from nlp_reports.corpus.audit import LIST_SEP

    return _list_cell(str(v).split(LIST_SEP))


def _list_cell(parts: list[str], tip: str = "") -> str:
    """A cell of findings, one a line, folded to the first when several or long; ``tip``
    (the English ids) is the cell's tooltip.

    Each finding is written once (the first was written four times, 7.3 KB a
    report): the first is the summary's line, clipped to one line by CSS while folded and
    whole when open; the rest follow it in the body. The script of the page gives the
    line its tooltip on hover (:data:`_FILTER_JS`), and the filter reads the text."""
    title = f' title="{esc(tip)}"' if tip else ""
    if len(parts) == 1 and _width(parts[0]) <= AUDIT_CELL_WIDTH:
        return f'<td class="text"{title}>{esc(parts[0])}</td>'
    more = f"+{len(parts) - 1} more 另{len(parts) - 1}条" if len(parts) > 1 else ""
    rest = ('<div class="rest">' + "<br>".join(esc(p) for p in parts[1:]) + "</div>"
            if len(parts) > 1 else "")
    return (f'<td class="list"{title}><details><summary>'
            f'<span class="tri">▸</span><span class="first">{esc(parts[0])}</span>'
            f'<span class="more">{esc(more)}</span></summary>{rest}</details></td>')


#: A text cell of the audit page longer than this (in half-em units: a Chinese character
#: counts 2, a Latin one 1) is folded to one line of its first item, opened by a click.
AUDIT_CELL_WIDTH = 40


def _width(text: str) -> int:
    """Width of ``text`` in half-em units: wide (CJK, full-width) characters count 2."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


#: The audit page lists at most this many reports by default (``--html-rows``): the first
#: in its order, the rest counted and left to the CSV/JSON. The page is ≈ 4 KB a report
#: (the benchmark's corpus): the first 5,000 of 20,000 (those with the most
#: findings) 26.7 MB, which a browser opens, sorts and filters; 100,000 would be ≈ 400 MB.
DEFAULT_HTML_ROWS = 5000


def _more_rows(shown: int, total: int, order_en: str, order_zh: str) -> list[str]:
    """What a page cut at ``shown`` of ``total`` reports says, in English and Chinese."""
    more = total - shown
    return [f'<p class="more-rows"><b>本页按表格顺序（{esc(order_zh)}）列出全部{total:,}份报告中的'
            f"前{shown:,}份，另有{more:,}份报告未在本页列出；全部报告见 CSV 或 JSON（"
            "nlp-reports audit --csv 文件，或 --format json）；--html-rows 0 在本页列出全部报告。"
            f"</b><br>This page lists the first {shown:,} of {total:,} reports in the table's "
            f"order ({esc(order_en)}); {more:,} more reports are not listed here. The CSV or "
            "JSON holds every row: nlp-reports audit --csv FILE (or --format json); "
            "--html-rows 0 lists them all on the page.</p>"]


def audit_html(audit: Any, *, max_rows: int = DEFAULT_HTML_ROWS) -> str:
    """The audit as one self-contained page: failed files in a small table of their own,
    then one row per report in a sortable table, defect and signal columns under separate
    headings, that scrolls inside its box with the file and agency columns kept in view.
    A row's defect count names the columns behind it; long lists are folded to their
    first item, so no row is tall and blank where its text is off to the right.

    ``max_rows``: the table (and the printed blocks) list the first so many reports in the
    audit's order and say how many more the CSV holds; 0 lists every report. The counts
    above the table count every report."""
    from nlp_reports.corpus.audit import DEFECT_COLUMNS, SIGNAL_COLUMNS
    from nlp_reports.errors import UsageError

    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
        raise UsageError(f"max_rows: give a whole number ≥ 0 (0: every report), got "
                         f"{max_rows!r}")
    df = audit.table
    failed = df[df["failed"] != ""]
    reps = df[df["failed"] == ""]
    n_reports = len(reps)
    if max_rows and n_reports > max_rows:  # the first in the page's order; the rest counted
        reps = reps.iloc[:max_rows]
        df = df[(df["failed"] != "") | df.index.isin(reps.index)]
    if "level" in reps:  # 部门 department, 县级（县、区、旗、县级市） county …
        reps = reps.assign(level=[level_name(v) for v in reps["level"]])
    folder = common_folder([str(p) for p in df["path"]])

    def short(p: Any) -> str:
        return relative_path(p, folder)

    order_zh = ("按缺陷数、提示数从多到少排序" if getattr(audit, "sort", "defects") == "defects"
                else f"按“{COLUMN_NAMES_ZH.get(audit.sort, audit.sort)}”排序")
    order_en = ("reports with defects first" if getattr(audit, "sort", "defects") == "defects"
                else f"by {audit.sort}")
    cut = _more_rows(len(reps), n_reports, order_en, order_zh) if len(reps) < n_reports else []
    body = ["<h1>政府信息公开工作年度报告 · 质量审查 Audit</h1>",
            f"<p>{esc(headline_zh(audit))}</p>",
            # the agencies with no report on --year are named once, in the Chinese headline
            f"<p>{esc(audit.headline(name_missing=False))}</p>",
            *([f'<p class="models">{esc(audit.models)}</p>'] if getattr(audit, "models", "")
              else []),
            *cut,
            '<p class="note screen-only">缺陷：报告数据错误、缺失或不符合国家格式要求，应退回整改；'
            "提示：值得一看，但在合格报告中也常见（如套话雷同、问题无对应措施、沿用上年表述）。"
            f"{esc(order_zh)}；点击列名可重新排序（第一次从小到大，再点一次从大到小）。单元格显示"
            "中文审查意见，可直接粘贴到整改通知；鼠标悬停可见英文代码。打印（或另存为 PDF）时"
            "按报告逐份打印机关、年度、发布日期和编号的审查意见、提示意见；先在筛选框输入机关名称，"
            "则只打印该机关的报告。</p>",
            '<p class="note screen-only"><b>Defects 缺陷</b>: the report\'s data is wrong or missing '
            "(identities, text against tables, missing or empty sections, parse problems). "
            "<b>Signals 提示</b>: worth a look, common in sound reports (boilerplate, problems "
            "without a measure, text copied from last year). Sorted "
            + esc("by defects, then signals" if getattr(audit, "sort", "defects") == "defects"
                  else f"by {audit.sort}")
            + "; click a column header to sort. Cells give each finding in Chinese (审查意见, "
            "to paste into a 整改通知); hover a cell for the English ids, a header for the "
            "column's id in the CSV, where column findings_zh numbers them all. Printing "
            "(or saving as PDF) prints each report's agency, year, date and numbered findings, "
            "one report per block; filter first to print one agency's.</p>"]
    if folder:
        body.append(f'<p class="note">Files are in {esc(folder)}{esc(os.sep)}</p>')
    if len(failed):
        body.append(f"<h2>未能读取的文件 Files that could not be read ({len(failed)})</h2>")
        rows = []
        for p, f in zip(failed["path"], failed["failed"], strict=True):
            reason, _, message = str(f).partition(": ")
            message = message.removeprefix(f"{p}: ")  # the path is in the File column
            meaning = failure_meaning_zh(str(f))  # what it means, in Chinese, first
            rows.append(f"<tr><td>{esc(short(p))}</td><td>"
                        + (f"{esc(meaning)}<br>" if meaning else "") + f"{esc(reason)}</td>"
                        f"<td>{esc(message)}</td></tr>")
        body.append('<table class="failed"><thead><tr><th>File 文件</th><th>Reason 原因</th>'
                    f"<th>Message 说明</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    else:
        body.append("<p>未能读取的文件 Files that could not be read: none.</p>")
    zh = getattr(audit, "zh", None)
    # one dict lookup a cell: zh.at[path, col] cost ~20 us, 19 cells a report
    by_path = (zh.to_dict("index") if zh is not None and zh.index.is_unique else None)

    def zh_of(path: Any, col: str) -> list[str]:
        """The Chinese sentences of one cell (审查意见), [] when the audit has none."""
        if by_path is not None:
            v = by_path.get(path, {}).get(col)
        elif zh is None or col not in zh.columns or path not in zh.index:
            return []
        else:
            v = zh.at[path, col]
        return list(v) if isinstance(v, list) else []

    cards = len(df) <= CARD_ROWS
    if cards:  # one report or a few: every finding in full, before the wide table
        body.append(_print_letters(df, short, zh_of, cards=True))
    body.append(f"<h2>报告 Reports ({n_reports})</h2>")
    if len(reps):
        body.append('<p><input id="audit-filter" type="search" size="48" placeholder="筛选 '
                    'Filter: 机关、年度、文件夹、缺陷… (words separated by spaces)"> '
                    '<span id="audit-shown" class="note"></span></p>')
    # the table's rows as they are made, not joined apart: one copy of the page is built
    table = _audit_table_parts(reps, [c for c in DEFECT_COLUMNS if c != "failed"],
                               list(SIGNAL_COLUMNS), short, zh_of,
                               getattr(audit, "counted", None))
    parts = [piece for text in body for piece in (text, "\n")]
    parts += table
    parts += cut
    if not cards:
        parts += ["\n", _print_letters(df, short, zh_of)]
    return page("质量审查 Audit", parts, script=_SORT_JS + _FILTER_JS, wide=True,
                css=_AUDIT_CSS)


def headline_zh(audit: Any) -> str:
    """The audit's headline in Chinese (概要): reports, those with defects, with signals
    only, with neither, and the files that could not be read."""
    c = audit.counts()
    reports = c["rows"] - c["failed_files"]
    unread = f"另有{c['failed_files']}个文件无法读取（各计1个缺陷）。" if c["failed_files"] else ""
    if reports == 0:
        return unread + "没有可审查的报告。"
    k = audit.no_headings() if hasattr(audit, "no_headings") else 0
    heads = (f"其中{k}份未找到各部分标题（如“一、总体情况”），无法按六个部分核对。" if k else "")
    return (f"共{reports}份报告：有缺陷的{c['with_defects']}份，仅有提示的{c['signals_only']}份，"
            f"两者皆无的{c['clean']}份。{heads}{unread}"
            f"{missing_zh(getattr(audit, 'missing', None))}")


def missing_zh(missing: Any) -> str:
    """The agencies with no report on a year asked for (``audit --year``; 未报送), in
    Chinese, as the English note names them: ten named with their latest year and, when
    the file they sent is an older report, so said; the rest counted."""
    from nlp_reports.corpus.audit import MISSING_YEAR_LOOKBACK, MISSING_YEAR_NAMES

    if missing is None or not len(missing):
        return ""
    out = []
    for y in sorted({int(y) for y in missing["year"]}):
        last = missing[missing["year"] == y]
        notes = last["note"] if "note" in last else [""] * len(last)
        named = [f"{a}（{int(ly)}" + (f"；{n}" if n else "") + "）"
                 for a, ly, n in zip(last["agency"], last["latest_year"], notes, strict=True)]
        more = (f"等{len(named)}个（全部名单：--missing-csv）" if len(named) > MISSING_YEAR_NAMES
                else "")
        out.append(f"{y - MISSING_YEAR_LOOKBACK}—{y - 1}年度有报告、未见{y}年度报告的机关"
                   f"{len(named)}个（括号内为其最近报告年度；可能未报送，或报送的是以前年度的报告，或报送的文件无法读取）："
                   f"{'、'.join(named[:MISSING_YEAR_NAMES])}{more}。")
    return "".join(out)


#: The numbered findings of a report (审查意见), split back into sentences.
_NUMBERED = re.compile(r"（\d+）")


#: Up to this many rows (reports and unread files), the audit page opens with one card per
#: report, every finding numbered in full (what it prints): the files of ``audit FILE …``
#: (this year's report and last year's) or one agency's few years, read by the person who
#: fixes them; a corpus table's cells show one finding and "+2 more" each. Six
#: cards already fill three screens, where the sortable table serves better.
CARD_ROWS = 5


def _print_letters(df: Any, short: Any, zh_of: Any, *, cards: bool = False) -> str:
    """What the page prints (``@media print``; hidden on screen): per report, one block of
    机关, 年度, 发布日期, 文件 and the numbered 审查意见 and 提示意见, so that an office can
    print or save as PDF the list it sends an agency. Each block carries its table row's
    file (``data-path``), so that the filter box hides the blocks of the rows it hides.
    ``cards``: shown on screen too, before the table (:data:`CARD_ROWS`), each block with
    its tally (审查意见N条，提示意见N条) under the agency and year."""
    from nlp_reports.corpus.audit import DEFECT_COLUMNS, NOTICES_ZH, SIGNAL_COLUMNS

    def sentences(row: dict[str, Any], cols: Sequence[str], joined: str) -> list[str]:
        got = [t for c in cols for t in zh_of(row["path"], c)]
        if got:
            return got
        text = "" if _missing(row.get(joined)) else str(row.get(joined) or "")
        return [p.strip().rstrip("。") for p in _NUMBERED.split(text) if p.strip()]

    blocks = []
    for row in df.to_dict("records"):
        failed = not _missing(row.get("failed")) and row.get("failed")
        agency = "" if _missing(row.get("agency")) else str(row.get("agency") or "")
        year = "" if _missing(row.get("year")) else f"{int(row['year'])}年度"
        title = f"{agency} {year}".strip() or "（无法读取的文件）"
        date = "" if _missing(row.get("published")) else str(row.get("published") or "")
        found = sentences(row, [c for c in DEFECT_COLUMNS if c != "failed"], "findings_zh")
        if failed:
            found = [failure_zh(str(failed))]
        signals = sentences(row, (*SIGNAL_COLUMNS, NOTICES_ZH), "signals_zh")
        items = ("<ol>" + "".join(f"<li>{esc(t)}</li>" for t in found) + "</ol>" if found
                 else "<p>审查意见：未发现缺陷。</p>")
        sig = ("<p><b>提示意见</b></p><ol>" + "".join(f"<li>{esc(t)}</li>" for t in signals)
               + "</ol>" if signals else "")
        tally = ""
        if cards:  # a notice ends the 提示意见 list but is no signal: counted apart
            k = len(zh_of(row["path"], NOTICES_ZH))
            n = len(signals) - k
            tally = ('<p class="tally">' + (f"审查意见{len(found)}条，提示意见{n}条"
                                             if found or signals else "未发现缺陷和提示")
                     + (f"，说明{k}条（不计数）" if k else "")
                     + f" · {len(found)} findings, {n} signals"
                     + (f", {k} note{'s' if k > 1 else ''}" if k else "") + "</p>")
        clean = " none" if cards and not found else ""
        blocks.append(
            f'<div class="letter{clean}" data-path="{esc(row["path"])}"><h3>{esc(title)}</h3>'
            + tally
            + f"<p>发布日期：{esc(date or '未载明')}　文件：{esc(short(row['path']))}</p>"
            + (f"<p><b>审查意见（{len(found)}条）</b></p>" if found else "")
            + items + sig
            + (f"<p><b>整改情况</b>：{esc(row['last_year_zh'])}</p>"
               if not _missing(row.get("last_year_zh")) and row.get("last_year_zh") else "")
            + "</div>")
    if cards:
        return ('<section class="cards"><h2>审查意见（逐份报告） Findings per report</h2>'
                + "".join(blocks) + "</section>")
    return ('<section class="print-only"><h2>审查意见（按报告） Findings per report</h2>'
            + "".join(blocks) + "</section>")


#: The audit page's filter box: a row stays when its text holds every word typed (an agency,
#: a year, a folder, 勾稽 …), so a reviewer can narrow 2,000 rows to one city or one defect.
#: Cells marked ``data-nofilter`` (``shared_with``: other agencies' names) are not searched,
#: and the findings' cells (``data-q``) are searched without the labels they quote nor the
#: agencies ``signals_zh`` names (:data:`_SHARED_NAMES`, :data:`_QUOTED`, the same patterns
#: in the script): "梅溪县" keeps 梅溪县's bodies, not every report that shares a phrase with
#: one of them. The text is read from the cells (it was a copy in ``data-filter``, the
#: page's largest part), once, at the first word typed.
_SHARED_NAMES = re.compile(r"与其他机关（[^（）]*）")
#: A label quoted in a finding (a row's printed name, a section's title): not searched.
_QUOTED = re.compile(r"“[^”]*”")
_FILTER_JS = """
(function () {
  var table = document.getElementById('audit');
  if (table) {  // a folded finding's tooltip: its whole first line, set on hover
    table.addEventListener('mouseover', function (e) {
      var s = e.target.closest ? e.target.closest('td.list summary') : null;
      if (s && !s.title) { s.title = s.querySelector('.first').textContent; }
    });
  }
  var box = document.getElementById('audit-filter');
  if (!box) { return; }
  var shown = document.getElementById('audit-shown'), letters = {};
  document.querySelectorAll('.letter').forEach(function (d) {
    letters[d.getAttribute('data-path')] = d; });
  function finding(td) {  // a finding's words, one item a line, without what it quotes
    var parts = [], first = td.querySelector('.first'), rest = td.querySelector('.rest');
    if (!first) { parts.push(td.textContent); }
    else {
      parts.push(first.textContent);
      if (rest) { rest.childNodes.forEach(function (n) { parts.push(n.textContent); }); }
    }
    return parts.join(' ').replace(/与其他机关（[^（）]*）/g, '与其他机关')
      .replace(/“[^”]*”/g, '');
  }
  function searched(tr) {
    if (tr.searched === undefined) {
      tr.searched = Array.prototype.filter.call(tr.cells, function (td) {
        return !td.hasAttribute('data-nofilter'); }).map(function (td) {
        return td.hasAttribute('data-q') ? finding(td) : td.textContent; }).join(' ');
    }
    return tr.searched;
  }
  box.addEventListener('input', function () {
    var words = box.value.trim().split(/\\s+/).filter(Boolean), n = 0, all = 0;
    document.querySelectorAll('#audit tbody tr').forEach(function (tr) {
      var text = searched(tr);
      var keep = words.every(function (w) {
        return text.indexOf(w) >= 0; });
      tr.style.display = keep ? '' : 'none'; all++; if (keep) { n++; }
      var letter = letters[tr.getAttribute('data-path')];
      if (letter) { letter.classList.toggle('hidden', !keep); }
    });
    shown.textContent = words.length ? n + ' / ' + all : '';
  });
})();
"""


def _searched(cell: str) -> str:
    """A findings cell marked for the filter (``data-q``: read without the labels it quotes;
    :data:`_FILTER_JS`); an empty cell as it is."""
    return cell if cell == "<td></td>" else cell.replace("<td", "<td data-q", 1)


def relative_path(path: Any, folder: str) -> str:
    """``path`` relative to ``folder`` (from :func:`common_folder`); as it is when not in it."""
    rel = os.path.relpath(str(path), folder) if folder else str(path)
    return rel if not rel.startswith("..") else str(path)


def common_folder(paths: Sequence[str]) -> str:
    """The folder every path is in, to show paths relative to it; "" when there is none to
    show: no paths, only the root, or paths that share nothing (a relative path named on the
    command line beside stored absolute ones, or two Windows drives), where commonpath raises.
    """
    try:
        folder = os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""
    except ValueError:
        return ""
    return "" if folder == os.path.dirname(folder) else folder


def _audit_table(df: Any, defect_cols: list[str], signal_cols: list[str], short: Any,
                 zh_of: Any = None, counted: Any = None) -> str:
    return "".join(_audit_table_parts(df, defect_cols, signal_cols, short, zh_of, counted))


def _audit_table_parts(df: Any, defect_cols: list[str], signal_cols: list[str], short: Any,
                       zh_of: Any = None, counted: Any = None) -> list[str]:
    """The audit's table as pieces to put one after the other: its head, one per row, its
    end (:func:`_audit_table` joined)."""
    if len(df) == 0:
        return ['<p class="note">(none)</p>']
    head_cols = ["path", "agency", "year", "level", "defects", "signals", "published"]
    head_cols = [c for c in head_cols if c in df.columns]
    tail = [c for c in ("defects_last_year", "last_year_zh", "recurring", "shared_with",
                        "texts_for_agency_year", "region", "folder",
                        "findings_zh", "signals_zh", "report_id") if c in df.columns]
    cols = [*head_cols, *defect_cols, *signal_cols, *tail]
    group = {**{c: "defect" for c in defect_cols}, **{c: "signal" for c in signal_cols},
             "defects": "defect", "signals": "signal"}
    pos = {"path": "file", "agency": "agency"}

    def th(c: str) -> str:
        classes = " ".join(x for x in ("sortable", pos.get(c, ""),
                                       f"g-{group[c]}" if c in group else "") if x)
        en, _, zh = AUDIT_HEADERS.get(c, c).rpartition(" ")
        label = f'{esc(en)}<br><span class="zh">{esc(zh)}</span>' if en else esc(zh)
        return f'<th class="{classes}" title="{esc(c)}">{label}</th>'

    groups = ('<tr class="groups"><th class="file"></th><th class="agency"></th>'
              f'<th colspan="{len(head_cols) - 2}">Report 报告</th>'
              f'<th class="g-defect" colspan="{len(defect_cols)}">Defects 缺陷 — data '
              "problems</th>"
              f'<th class="g-signal" colspan="{len(signal_cols)}">Signals 提示 — worth a '
              f'look</th><th colspan="{len(tail)}"></th></tr>')
    header = '<tr class="cols">' + "".join(th(c) for c in cols) + "</tr>"
    rows = []
    for rec in df[cols].itertuples(index=False):
        row = dict(zip(cols, rec, strict=True))
        why = {"defects": [c for c in defect_cols if _counts(c, row, counted)],
               "signals": [c for c in signal_cols if _flagged(row[c])]}
        cells = []
        for c, v in row.items():
            if c == "shared_with":  # other agencies' names: not what the filter box is for
                cells.append(_audit_cell(c, v, "").replace("<td", '<td data-nofilter="1"', 1))
            elif c == "signals_zh":  # searched without the agencies its sentences name
                cells.append(_searched(_audit_cell(c, v, "")))
            elif (c in group and c not in ("defects", "signals") and not _is_number(v)
                  or c == "findings_zh"):
                # a finding is found by its category's words (勾稽, 逾期, 未填报 …), not by
                # the row labels it quotes (“申请人无正当理由逾期不补正” is no late report)
                said = zh_of(row["path"], c) if zh_of and c in group else []
                if not _flagged(v):  # an empty flag is not "False"
                    cells.append("<td></td>")
                    continue
                cells.append(_searched(_audit_cell(c, v, group.get(c, ""), (), said)))
            elif c in pos:
                text = short(v) if c == "path" else ("" if _missing(v) else v)
                title = f' title="{esc(v)}"' if c == "path" else ""
                cells.append(f'<td class="{pos[c]}"{title}>{esc(text)}</td>')
            else:
                cells.append(_audit_cell(c, v, group.get(c, ""),
                                         why["defects"] if c == "defects" else (),
                                         zh_of(row["path"], c) if zh_of else ()))
        rows.append(f'<tr data-path="{esc(row["path"])}">' + "".join(cells) + "</tr>")
    return [f'<div class="scroll"><table id="audit"><thead>{groups}{header}</thead><tbody>',
            *rows, "</tbody></table></div>"]
