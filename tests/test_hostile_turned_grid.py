"""A PDF table whose figures are all printed turned a quarter is looked into in time linear
in its cells (issue 5: bounded time per input).

Each turned digit was tested against every cell of the page's tables, each such cell
against every character of its column, and each grid cell against every turned cell: a
hostile grid of 60 × 60 turned figures spent 9 s there. Twice the cells must now cost
about twice the CPU time, not four times (a ratio holds on a loaded machine where a fixed
bound does not). The page is drawn as pdfplumber gives it: characters as dicts with their
matrix, tables with their cells and rows of cell boxes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from nlp_reports.ingest import pdf
from nlp_reports.ingest.normalize import TURNED_CELL_MARK

_UPRIGHT = (1, 0, 0, 1, 0, 0)
_TURNED = (0, 1, -1, 0, 0, 0)  # a quarter counter-clockwise


@dataclass(frozen=True)
class _Row:
    cells: list


@dataclass(frozen=True)
class _Table:
    cells: list
    rows: list
    bbox: tuple


@dataclass(frozen=True)
class _Page:
    chars: list


def _grid(rows: int, columns: int, upright_at: tuple[int, int] | None = None):
    """A ruled table of 16 × 12 pt cells, each holding a figure's digit turned a quarter; the
    cell ``upright_at`` holds an upright figure under its turned digit (a stamp's)."""
    x0, top = 40.0, 60.0
    boxes = [[(x0 + 16 * j, top + 12 * i, x0 + 16 * (j + 1), top + 12 * (i + 1))
              for j in range(columns)] for i in range(rows)]
    chars = []
    for i, row in enumerate(boxes):
        for j, (bx0, btop, _, _) in enumerate(row):
            chars.append({"text": str((i + j) % 10), "x0": bx0 + 5, "x1": bx0 + 11,
                          "top": btop + 2, "bottom": btop + 9, "matrix": _TURNED})
            if (i, j) == upright_at:
                chars.append({"text": "7", "x0": bx0 + 2, "x1": bx0 + 6, "top": btop + 2,
                              "bottom": btop + 10, "matrix": _UPRIGHT})
    cells = [box for row in boxes for box in row]
    table = _Table(cells, [_Row(list(row)) for row in boxes],
                   (x0, top, x0 + 16 * columns, top + 12 * rows))
    return _Page(chars), table


def _look_into(page, table) -> tuple[float, list, list[list[str]]]:
    t = time.process_time()
    stray = pdf._stray_turned(page, [table])
    turned = pdf._turned_figure_cells(page, [table], stray)
    grid = [[""] * len(row.cells) for row in table.rows]
    pdf._mark_turned(table, grid, turned)
    return time.process_time() - t, turned, grid


def test_a_grid_of_turned_figures_is_looked_into_in_linear_time():
    half, _, _ = _look_into(*_grid(30, 40))
    full, turned, grid = _look_into(*_grid(60, 40))
    assert full < 3 * half + 0.2 and full < 10, (half, full)
    assert len(turned) == 60 * 40
    assert all(cell == TURNED_CELL_MARK for row in grid for cell in row)


def test_a_cell_with_an_upright_figure_under_a_turned_digit_keeps_it():
    page, table = _grid(12, 8, upright_at=(3, 5))
    _, turned, grid = _look_into(page, table)
    assert table.rows[3].cells[5] not in turned and len(turned) == 12 * 8 - 1
    assert grid[3][5] == "" and grid[3][4] == grid[4][5] == TURNED_CELL_MARK


def _labelled(rows: int, columns: int, across: bool = False):
    """:func:`_grid` with three upright characters in each cell (the table reads upright, its
    turned digits labels set vertically) and, with ``across``, a turned character lying
    over a rule between two cells (a stamp's)."""
    page, table = _grid(rows, columns)
    upright = [{"text": ch, "x0": x0 + 1, "x1": x0 + 4, "top": top + 1, "bottom": top + 4,
                "matrix": _UPRIGHT} for x0, top, _, _ in table.cells for ch in "件数计"]
    stamp = [{"text": "章", "x0": 52.0, "x1": 60.0, "top": 62.0, "bottom": 70.0,
              "matrix": _TURNED}] if across else []
    return _Page([*page.chars, *upright, *stamp]), table


def test_turned_characters_are_found_in_their_cells_in_linear_time(monkeypatch):
    """Whether every turned character of a page lies in a cell of an upright table is asked
    of the cells near each, not of all the page's cells: twice the cells cost about twice."""
    def timed(rows: int, columns: int, across: bool = False) -> tuple[float, bool]:
        page, table = _labelled(rows, columns, across)
        monkeypatch.setattr(pdf, "_tables", lambda _page: [table])
        t = time.process_time()
        inside = pdf._turned_in_cells(page)
        return time.process_time() - t, inside

    half, inside_half = timed(80, 40)
    full, inside_full = timed(160, 40)  # (6,400 cells: all pairs took 2.3 s, 4× the half's)
    assert inside_half and inside_full
    assert full < 3 * half + 0.2 and full < 10, (half, full)
    assert not timed(6, 5, across=True)[1]  # a turned stamp across a rule: not a label
