"""Where a table starts a second time (a header's merged cell or a page printing 表三 twice) is
found by trying only the lines whose label is the first anchor's, not by asking the anchor
of every line after it: the same line comes out as when every anchor line was visited in
turn, whatever the anchor looks at (its own line, the next, or further)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlp_reports.parse import tables


@dataclass(frozen=True)
class _Cell:
    raw: str


@dataclass(frozen=True)
class _Line:
    labels: list[str]
    cells: list[_Cell]


def _visited_in_turn(lines, anchor):
    """The search as written before: every anchor line after the first, in order."""
    first = anchor(lines, 0)
    if first is None:
        return None
    key = lines[first].labels[:1]
    at = first + 1
    while (again := anchor(lines, at)) is not None:
        if lines[again].labels[:1] == key and any(
                any(c.raw for c in ln.cells) for ln in lines[first:again]):
            return lines, first, again
        at = again + 1
    return None


_ANCHOR_WORDS = ("规章", "本年新收", "行政复议")


def _anchor(reach: int):
    """An anchor that needs its line to hold an anchor word and, with ``reach`` > 0, a
    value on one of the next ``reach`` lines (表二's needs the next)."""
    def anchor(lines, start):
        for i in range(start, len(lines)):
            if any(w in lab for lab in lines[i].labels for w in _ANCHOR_WORDS) and (
                    reach == 0 or lines[i].cells
                    or any(ln.cells for ln in lines[i + 1:i + 1 + reach])):
                return i
        return None
    return anchor


_LABELS = st.lists(st.sampled_from(["规章", "本年新收", "行政复议", "合计", "其他", "（一）规章"]),
                   max_size=2)
_CELLS = st.lists(st.sampled_from(["", "0", "12", "/"]).map(_Cell), max_size=3)
_LINES = st.lists(st.builds(_Line, _LABELS, _CELLS), max_size=30)


@settings(max_examples=3000, deadline=None)
@given(_LINES, st.integers(0, 3))
@example([_Line(["规章"], []), _Line([], [_Cell("3")]), _Line(["规章"], [_Cell("")]),
          _Line(["规章"], [_Cell("1")])], 1)
@example([_Line(["规章"], [_Cell("")]), _Line(["合计"], [_Cell("")]), _Line(["规章"], [])], 0)
def test_same_line_as_visiting_every_anchor(lines, reach):
    anchor = _anchor(reach)
    assert tables._second_printing(lines, anchor) == _visited_in_turn(lines, anchor)


def test_tables_printed_twice_still_found():
    """表三 printed twice on a page (the grid, then its copy): the second printing is found."""
    rows = ["一、本年新收政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2",
            "二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]
    lines = [_Line([r], []) if not r.isdigit() else _Line([], [_Cell(r)]) for r in rows * 2]
    found = tables._second_printing(lines, _anchor(1))
    assert found is not None and found[1:] == (0, len(rows))
