"""Output files written whole or not at all (写满或不写).

An output (a CSV, a Stata file, the HTML page) is written to a hidden file beside it and
renamed over it only when the writing ended without error. Why: on a full disk (or a quota)
``summarize --html``, ``audit --html`` and ``export`` left a truncated page or a CSV cut in
mid-row under the name asked for — a file that opens and looks like the result — and the
error said "No space left on device" without naming the file. Now the name asked for holds
the previous output or nothing, and the error names it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

_NAME_MAX = 255  # bytes of one file name on the usual file systems (ext4, xfs, btrfs, tmpfs)


@contextlib.contextmanager
def replaced(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write; rename it over ``path`` when the
    block ends without error, remove it otherwise. An OSError with no file name (a write
    that ran out of room) is raised again naming ``path``. The temporary file is made
    here with the umask's permissions, so a new output gets those any file written there
    gets; one written over keeps its previous mode (a CSV made private, 0600, is not made
    readable to all by the next export) and group (owner too when run as root).

    Written directly, as before, hence not whole on a full disk: a path that is a symbolic
    link or is there and no regular file (/dev/stdout, a pipe) — renaming over it would
    replace the link, not write where it points —, and a path in a folder one may not
    create a file in (a shared folder holding an output one may write: the rename needs
    the folder), and another user's file one may write in a sticky folder (1777, as /tmp:
    only its owner may rename over it). A hard link is broken: the other name keeps the previous output."""
    path = Path(path)
    if path.is_symlink() or path.exists() and not path.is_file():  # /dev/stdout, a pipe
        with _named(path):
            yield path
        return
    try:
        tmp = _temporary(path)
    except PermissionError:  # the folder is not ours to write: the file itself may be
        with _named(path):
            yield path
        return
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    try:
        yield tmp
        _keep_mode(path, tmp)
        try:
            os.replace(tmp, path)
        except PermissionError:
            # (a sticky folder, 1777 as /tmp: only a file's owner may rename over it, but
            # another's file one may write was written in place before, and still is)
            if not path.is_file():
                raise
            shutil.copyfile(tmp, path)
            tmp.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.filename in (None, str(tmp), tmp):
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def _named(path: Path) -> Iterator[None]:
    """Raise an OSError with no file name again naming ``path``: a path written directly
    (/dev/full, a device out of room) said "No space left on device" and no file."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def _temporary(path: Path) -> Path:
    """Create the hidden file beside ``path`` (``.{stem}.part-{pid}-{random}{suffix}``; the
    suffix kept last: pandas infers a compression from it, audit.csv.gz) and return it. The
    stem is shortened when the name would be longer than a file name may be: a target of
    ~82 Chinese characters (250 bytes) is legal, its temporary name ~13 bytes longer was not."""
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (AttributeError, ValueError, OSError):  # no pathconf (Windows), no such folder
        limit = _NAME_MAX
    stem, suffix = path.stem, path.suffix
    mark = f".part-{os.getpid()}-{secrets.token_hex(3)}"
    name = f".{stem}{mark}{suffix}"
    while len(os.fsencode(name)) > limit and (stem or suffix):
        stem, suffix = (stem[:-1], suffix) if stem else ("", "")
        name = f".{stem}{mark}{suffix}"
    tmp = path.with_name(name)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    return tmp


def _keep_mode(path: Path, tmp: Path) -> None:
    """Give ``tmp`` the mode and group of the ``path`` it replaces (and the owner, as root:
    only root may give a file away); a new output keeps what it was made with."""
    try:
        was = path.stat()
    except FileNotFoundError:
        return
    if hasattr(os, "chown"):
        owner = was.st_uid if os.geteuid() == 0 else -1
        with contextlib.suppress(OSError):  # a group one is no member of stays the folder's
            os.chown(tmp, owner, was.st_gid)
    os.chmod(tmp, stat.S_IMODE(was.st_mode))  # after chown, which may clear set-id bits
