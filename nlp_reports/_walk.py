"""A folder walk without recursion (遍历文件夹), for every module that walks a folder.

It imports nothing of the package, so the batch's file finder (``corpus.files``) and
``classify``'s dataset and suggest share it without reaching up a layer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def walk(top: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)`` (top-down, the caller may prune ``dirs``, links to folders listed
    but not entered, unreadable folders passed over) without recursion: Python 3.11's
    recursed once a level, and a folder nested 1,500 deep raised RecursionError out of the
    walk."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            continue
        dirs: list[str] = []
        names: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
        yield root, dirs, names
        for d in reversed(dirs):
            path = os.path.join(root, d)
            if not os.path.islink(path):
                stack.append(path)
