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
import stat
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write; rename it over ``path`` when the
    block ends without error, remove it otherwise. An OSError with no file name (a write
    that ran out of room) is raised again naming ``path``. The temporary file is made by
    the writer, so a new output gets the permissions (umask) any file written there gets;
    one written over keeps its previous mode (a CSV made private, 0600, is not made
    readable to all by the next export). A path that
    is a symbolic link or is there and no regular file (/dev/stdout, a pipe) is written
    directly, as before: renaming over it would replace the link, not write where it points."""
    path = Path(path)
    if path.is_symlink() or path.exists() and not path.is_file():  # /dev/stdout, a pipe
        yield path
        return
    # (the suffix kept last: pandas infers a compression from it, audit.csv.gz)
    tmp = path.with_name(f".{path.stem}.part-{os.getpid()}{path.suffix}")
    try:
        yield tmp
        with contextlib.suppress(FileNotFoundError):  # a file kept private stays so
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
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
