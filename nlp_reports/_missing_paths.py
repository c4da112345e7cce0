"""The paths given to a command or an API function that are not there (路径不存在), refused
before any work: ``tag_paths`` (``tag``) and ``suggest`` check their paths with
:func:`refuse_missing`.

It imports nothing of the package but its errors, so ``corpus`` and ``classify`` share it
without reaching up a layer (``suggest`` of a mistyped folder gave [] and a warning).
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable, Sequence

from nlp_reports.errors import MissingPathError


def missing_arguments(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[str, str]]:
    """The arguments among ``paths`` that name nothing there, each with what is wrong, as
    given: no such file or folder, a broken symbolic link, a glob matching no path; and
    those that name no file a report can be in: a FIFO, socket or device (:data:`SPECIAL_FILE`).

    Why: ``tag`` refuses them before it opens its store (:class:`~nlp_reports.errors.
    MissingPathError`): recorded as a failed file, a mistyped folder stayed in the store, and
    ``info`` and every audit counted it. A path that cannot be looked at (a folder one may
    not enter) is not called missing: the walk says what it is, as before."""
    missing: list[tuple[str, str]] = []
    for arg in paths:
        shown = os.fspath(arg)
        try:
            os.lstat(shown)
        except ValueError:  # (a NUL in the path, given through the API: os raises this)
            missing.append((shown, "no such file or folder (the path holds a NUL character)"))
            continue
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG and not glob.has_magic(shown):
                missing.append((shown, "no such file or folder (a name longer than the file "
                                       "system allows)"))
                continue
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
                continue  # (there, but not to be looked at: the walk says so)
            if not glob.has_magic(shown):
                missing.append((shown, "no such file or folder"))
            elif not _matches(shown):
                missing.append((shown, "the pattern matches no file"))
            continue
        if os.path.islink(shown) and not os.path.exists(shown):
            missing.append((shown, f"broken symbolic link (it points to {os.readlink(shown)}, "
                                   "which does not exist)"))
        elif _special(shown):
            missing.append((shown, SPECIAL_FILE))
    return missing


#: What :func:`missing_arguments` says of an argument that is a FIFO, socket or device.
SPECIAL_FILE = ("not a file or folder but a named pipe (FIFO), socket or device: no report "
                "can be read from it")


def _special(path: str) -> bool:
    """Whether ``path`` (its link's target) is there but neither a folder nor a regular
    file: a FIFO (``mkfifo``, a shell's ``<(…)``), a socket or a device (``/dev/null``)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False  # (not to be looked at: the walk says what it is)
    return not (stat.S_ISDIR(mode) or stat.S_ISREG(mode))


#: The longest folder level of a glob looked for (each "[…]" matching one of a name's 255 bytes).
_GLOB_PART_MAX = 2_048


def _matches(pattern: str) -> bool:
    """Whether the glob ``pattern`` matches a path. One of a thousand folder levels
    ("*/" × 1,000, 2 KB: under the path limit) matches nothing: glob recursed once a level,
    past Python's limit (RecursionError). Nor does a level of more than
    :data:`_GLOB_PART_MAX` characters (a name holds 255 bytes at most; fnmatch's reading of
    "[" × 10,000 took 1.8 s, 40,000: half a minute)."""
    if any(len(part) > _GLOB_PART_MAX for part in pattern.split(os.sep)):
        return False
    try:
        return next(glob.iglob(pattern, recursive=True), None) is not None
    except RecursionError:
        return False


#: What each kind of missing argument (:func:`missing_arguments`)
#: is, in Chinese.
_MISSING_ZH = (("no such file or folder", "文件或文件夹不存在"),
               ("the pattern matches no file", "通配符没有匹配到任何文件"),
               ("broken symbolic link", "符号链接指向的文件不存在"),
               ("not a file or folder", "不是文件或文件夹，而是命名管道（FIFO）、套接字或设备，无法从中读取报告"))


def _missing_zh(what: str) -> str:
    """What a missing argument is (``what``, as :func:`missing_arguments` says it), in Chinese."""
    return next(zh for key, zh in _MISSING_ZH if what.startswith(key))


def refuse_missing(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Raise :class:`~nlp_reports.errors.MissingPathError` when an argument of ``paths``
    names nothing there (a mistyped folder, a glob matching no path) or no file a report can
    be in (a FIFO, socket or device: recorded as a failed file before, it stayed in the store
    for ``info`` and every audit to count, the pipe being still there): the whole run is
    refused, naming them, English then Chinese. ``suggest FOLDER`` checks its paths with it
    too (a mistyped folder wrote an empty CSV and exited 0)."""
    missing = missing_arguments(paths)
    if not missing:
        return
    shown = missing[:5]
    more, more_zh = ("; …", "等") if len(missing) > 5 else ("", "")
    nothing = "nothing was read or written"
    nothing_zh = "本次未读写任何内容"
    if len(missing) == 1:
        path, what = missing[0]
        of = f" (1 of the {len(paths)} paths given)" if len(paths) > 1 else ""
        message = f"{path}: {what}{of}; {nothing}: check the path"
        of_zh = f"（所给{len(paths)}个路径之一）" if len(paths) > 1 else ""
        message_zh = f"{_missing_zh(what)}：{path}{of_zh}，请检查路径和文件名；{nothing_zh}"
    else:
        special = any(w == SPECIAL_FILE for _, w in missing)
        are = "are not there or no file or folder" if special else "are not there"
        message = (f"{len(missing)} of the {len(paths)} paths given {are}: "
                   + "; ".join(f"{p} ({w})" for p, w in shown) + f"{more}; {nothing}: "
                   "check the paths")
        are_zh = "不存在或不是文件、文件夹" if special else "不存在"
        message_zh = (f"所给{len(paths)}个路径中有{len(missing)}个{are_zh}："
                      + "；".join(f"{p}（{_missing_zh(w)}）" for p, w in shown)
                      + f"{more_zh}，请检查路径和文件名；{nothing_zh}")
    raise MissingPathError(message, missing=tuple(missing), message_zh=message_zh)
