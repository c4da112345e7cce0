"""What the ``nlp-reports`` command checks of its terminal and its command line before work.

A class on a shared server meets three things no option parser catches: a terminal whose
encoding cannot show every character (``PYTHONIOENCODING=gbk`` on a Windows student's
terminal; ASCII under ``LC_ALL=C`` with ``PYTHONUTF8=0``), options typed with a Chinese input
method (``——db`` for ``--db``, a full-width space 全角空格 before it), and a path with spaces
the shell split into words. Each is found here and said in one line (English, then 中文);
nothing is printed or exited from this module.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence

#: dashes a Chinese input method, Word's autocorrect or a web page put where ``-`` was meant:
#: 破折号 (two U+2014, or one U+2E3A ⸺, or box-drawing ── as some input methods type it),
#: 全角连字符 U+FF0D, en dash, hyphen, figure dash, small hyphen-minus and em dash, and the
#: minus sign − a PDF or a web page's copy gives
IME_DASHES = "\u2014\uff0d\u2015\u2013\u2010\u2011\u2012\ufe63\ufe58\u2e3a\u2e3b\u2500\u2212"
_TO_HYPHEN = str.maketrans(dict.fromkeys(IME_DASHES, "-"))
IDEOGRAPHIC_SPACE = "\u3000"  # 全角空格
MAX_WORDS = 12  # the most words of one split path looked for (a glob of 900 files stays fast)


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of ``parser`` and of its subcommands (``--db``, ``-j`` …)."""
    found: set[str] = set()
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            found.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
    return found


def _as_ascii_option(token: str) -> str | None:
    """``token`` as the ASCII option it was meant to be (``——db=x`` → ``--db``; ``--no—words``,
    ``——db＝x``: a dash or the ＝ inside typed full-width too), or None when it starts with no
    dash or holds nothing an input method typed."""
    rest = token.lstrip(IME_DASHES + "-")
    lead = token[: len(token) - len(rest)]
    name = rest.replace("＝", "=").split("=", 1)[0]
    ascii_name = name.translate(_TO_HYPHEN)
    if not lead or not ascii_name or not ascii_name.isascii():
        return None
    if lead.isascii() and ascii_name == name and rest[len(name):len(name) + 1] != "＝":
        return None  # (typed right, or no option at all)
    return ("-" if len(ascii_name) == 1 else "--") + ascii_name


def ime_typo(argv: Sequence[str], options: set[str]) -> str | None:
    """The message for the first argument that is a known option typed with full-width
    dashes or glued on by a full-width space, or None. An argument naming an existing file
    is left alone (a file may be called so)."""
    for token in argv:
        if os.path.exists(token):
            continue
        fixed = _as_ascii_option(token)
        if fixed in options:
            return (f"'{token}' is the option {fixed} typed with a Chinese input method "
                    f"(full-width dashes): type it with ASCII '-', e.g. switch the input "
                    f"method to English / “{token}”中的横线是中文输入法的全角字符，"
                    f"请切换到英文输入法后重新输入 {fixed}")
        if IDEOGRAPHIC_SPACE in token:
            pieces = [piece for piece in token.split(IDEOGRAPHIC_SPACE) if piece]
            if any(piece in options or _as_ascii_option(piece) in options for piece in pieces):
                shown = token.replace(IDEOGRAPHIC_SPACE, "[全角空格]")
                return (f"'{shown}' holds a full-width space (U+3000) where an ASCII space "
                        f"was meant, so the shell took it as one argument: retype the space "
                        f"with the English input method / “{shown}”中有全角空格，命令行把它当成了"
                        f"一个参数：请切换到英文输入法后重新输入空格")
    return None


def split_path_hint(paths: Sequence[str] | None) -> str | None:
    """The message when missing arguments joined by spaces name an existing file or folder
    (``第 3 组`` typed without quotes: the shell passes 第, 3, 组), or None."""
    paths = list(paths or [])
    for i, first in enumerate(paths):
        if os.path.exists(first):
            continue
        for j in range(i + 1, min(len(paths), i + MAX_WORDS)):
            joined = " ".join(paths[i:j + 1])
            if os.path.exists(joined):
                words = " ".join(f"'{p}'" for p in paths[i:j + 1])
                return (f"{words} are one path with spaces that the shell split into "
                        f"{j - i + 1} arguments: put it in quotes, \"{joined}\" / 路径中有空格，"
                        f"被命令行拆成了{j - i + 1}个参数：请用英文双引号把整个路径括起来，"
                        f"如 \"{joined}\"")
    return None


@contextlib.contextmanager
def printable_stdout() -> Iterator[str | None]:
    """Within: characters stdout's encoding cannot show are printed as '?' instead of
    ending the listing with a UnicodeEncodeError (a 𠮷 or a • in a report on a GBK
    terminal). Yields a warning to show when the encoding is ASCII, where all Chinese
    becomes '?'; the stream's own setting is restored on leaving (main() called from a
    script)."""
    stream = sys.stdout
    encoding = _normal(getattr(stream, "encoding", None))
    errors = getattr(stream, "errors", None)
    change = (isinstance(stream, io.TextIOWrapper) and errors in ("strict", "surrogateescape")
              and not encoding.startswith("utf"))
    warning = None
    if encoding in _ASCII or _normal(sys.getfilesystemencoding()) in _ASCII:
        warning = ("warning: this terminal's encoding is ASCII (LANG=C or LC_ALL=C with "
                   "PYTHONUTF8=0?): Chinese is printed as '?' (files with Chinese names are "
                   "still read and stored right); run with PYTHONUTF8=1 or LANG=C.UTF-8")
    if not change:
        yield warning
        return
    stream.reconfigure(errors="replace")
    try:
        yield warning
    finally:
        with contextlib.suppress(ValueError, OSError):  # closed, or a pipe that went away
            stream.reconfigure(errors=errors)


_ASCII = ("ascii", "ansi-x3.4-1968", "us-ascii", "646")


def _normal(encoding: str | None) -> str:
    return (encoding or "").lower().replace("_", "-")
