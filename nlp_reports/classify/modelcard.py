"""Model directories, their card (meta.json), checksums and the trust rule.

A model is a directory: ``model.joblib`` (the fitted :class:`StatementModel` compiled to a
:class:`~nlp_reports.classify.compiled.ModelBundle`, the estimator inside as bytes),
``model.joblib.sha256``, ``meta.json`` (the card: labels, data hash, split sizes, test
metrics of the model and the keyword baseline, library versions, tokenizer settings, the
model file's SHA-256), ``trained_texts.txt`` (keys of the train+dev statements) and a human
``README.md``.

Loading rules (why: ``joblib.load`` unpickles, which can run arbitrary code):

* the shipped models (``nlp_reports/models`` in a wheel, ``models/`` in a checkout) load
  without ceremony; any other path needs ``trust=True`` (CLI ``--trust-model``), else
  :class:`~nlp_reports.errors.UntrustedModelError`;
* the file's SHA-256 is checked against the recorded one *before* unpickling
  (:class:`~nlp_reports.errors.ModelIntegrityError`);
* scikit-learn's major.minor version must equal the card's
  (:class:`~nlp_reports.errors.IncompatibleModelError`); a different patch version only logs a
  warning, since sklearn keeps pickles compatible within a minor series in practice;
* a user dictionary other than the one the model was trained with (the card's
  ``tokenizer.userdict_sha256``) is warned about (:func:`check_userdict`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from nlp_reports.errors import (
    IncompatibleModelError,
    ModelError,
    ModelIntegrityError,
    ModelNotFoundError,
    UntrustedModelError,
)

log = logging.getLogger("nlp_reports")

__all__ = [
    "CARD_FILE",
    "FORMAT_VERSION",
    "MODEL_FILE",
    "check_compatible",
    "check_userdict",
    "dump_model",
    "installed_version",
    "ModelFileReader",
    "data_copy_path",
    "load_model",
    "library_versions",
    "read_card",
    "resolve_model_dir",
    "sha256_file",
    "shipped_models_roots",
    "verify_checksum",
]

MODEL_FILE = "model.joblib"
CARD_FILE = "meta.json"
SHA_FILE = MODEL_FILE + ".sha256"
#: Version of the on-disk model layout; bumped when model.joblib's content changes shape.
FORMAT_VERSION = 1


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of the libraries a pickled model depends on (for the card)."""
    from importlib import metadata

    from nlp_reports._version import __version__

    out = {"python": platform.python_version(), "nlp_reports": __version__}
    for name in ("scikit-learn", "numpy", "scipy", "jieba", "joblib", "rjieba"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def utc_now() -> str:
    """The current UTC time to the second, ISO 8601 (the card's ``created``)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


#: The models the package ships (directories of the models folder). Only these load without
#: ``trust``: a model trained into the checkout's ``models/`` folder (or copied there) is
#: another file that unpickling would run, whoever made it.
SHIPPED_MODELS: tuple[str, ...] = ("default",)

#: Every model id (SHA-256 of ``model.joblib``) the project has shipped as ``default``, oldest
#: first (历次随包模型): a store an older version of the package tagged is the shipped
#: model's, wherever that version was installed (another venv, machine or checkout), so a
#: plain ``tag`` after an upgrade re-tags it instead of guarding it as one's own
#: (``corpus.model_guard``). A newly shipped model adds its id here; a test checks that the
#: installed one is listed.
SHIPPED_MODEL_IDS: frozenset[str] = frozenset((
    "9609d2e8af06da4c88dad23eee722fc77f535c719abd48f1dde4f2462cf62f4e",
    "6302d64548ae988df90b2f5e51a26db2e69b1368f25fe553495d10647f6b5c21",
    "0864928034eaf1eb2e8ead6fecca4b1d5fcfaf834e9fdb81634790ef4c150bf5",
    "9768ae433c95564621466aa9e9ffaee0943625f7cac261625c22f914bed18772",
    "50beb0b99b5132800bd150ea361c4b67d6ae1f4a8136cd000238a30e58976dbf",
    "60c371bc80a1832c2374c4353be322c520a9e5c5449f28871b1b735bb842d182",
    "adcf6b8bc59ec116335fafbbb751355c5d9998500766efc39fd6ac96aa7bb5f3",
    "fbde5fe5416dad1856aa077a5757c1874a7a773574871ef83c60842d74858207",
    "0bc1dda26d757995a84e1ef0720b18c17913971581306f79b2483610bc71209d",
    "dda1d772ee3ec278be4a23f97e6946b2cade21df606cbb49d86dedeee572c3be",
    "8f7a83b0fdc7a9c41cdceefb93f71e806947a57e59f0bef8c2ce64d56d861594",
    "70b30fd3860362f33d0f6aceec3b17573009dfdd26692eeeaddef8277fde3ef2",
    "1bf2a43eeb970ce051fd158566020dcaa64356eeae66252aa7397a6ecff23667",
    "fde104068ade17a7cc029968a4df6cd60ae33d31cef84be26b6f2f0e12132c67",
    "9e835512b3ca4265c3879b8a64e50e7f3081513b6c5ba01ae1fe64a51cd5b4e9",
    # the same weights as 9e835512, rebuilt so that the card's command reproduces its bytes
    "01742d247e85dbbb9abd5b42edb2c882991186beee554bdd7bdf584ae753f7b8",
))


def shipped_models_roots() -> list[Path]:
    """Where shipped models live: the package's ``models`` (wheel), then the checkout's."""
    roots: list[Path] = []
    try:
        pkg = resources.files("nlp_reports") / "models"
        if pkg.is_dir():
            roots.append(Path(str(pkg)))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):
        pass
    import nlp_reports

    checkout = Path(nlp_reports.__file__).resolve().parents[1] / "models"
    if checkout.is_dir():
        roots.append(checkout)
    return roots


def _same_dir(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve()
    except OSError:
        return False


def resolve_model_dir(path: str | os.PathLike | None, *, trust: bool) -> tuple[Path, bool]:
    """(model directory, shipped?) for ``path``; enforce existence and the trust rule.

    None means the shipped ``default``; a bare name like ``"default"`` means that shipped
    model; a path to a directory or to its ``model.joblib`` is also accepted.
    """
    roots = shipped_models_roots()
    if path is None or (isinstance(path, str) and path and os.sep not in path
                        and "/" not in path and not Path(path).exists()):
        name = "default" if path is None else path
        for root in roots:
            if (root / name / MODEL_FILE).is_file():
                if name not in SHIPPED_MODELS and not trust:
                    raise _untrusted(root / name)
                return root / name, name in SHIPPED_MODELS
        looked = ', '.join(str(r) for r in roots) or 'no models folder'
        if name in SHIPPED_MODELS:
            raise ModelNotFoundError(
                f"the shipped model {name!r} is not installed (looked in {looked}); train "
                f"one with 'nlp-reports train DATA --out models/{name}'")
        # a bare name that is neither a folder here nor a shipped model: most often a typo
        # of one's own model folder, so say that, not "the shipped model is not installed"
        raise ModelNotFoundError(
            f"{name}: no model here (no folder {name!r} in {Path.cwd()}, and not a shipped "
            f"model: {', '.join(SHIPPED_MODELS)}; also looked in {looked})")
    p = Path(path)
    if p.is_file() and p.name == MODEL_FILE:
        p = p.parent
    if not (p / MODEL_FILE).is_file():
        raise ModelNotFoundError(f"{p}: no model here (expected {p / MODEL_FILE})")
    shipped = any(_same_dir(p, r / name) for r in roots for name in SHIPPED_MODELS)
    if not shipped and not trust:
        raise _untrusted(p)
    return p, shipped


def _untrusted(p: Path) -> UntrustedModelError:
    return UntrustedModelError(
        f"{p} is not one of the shipped models ({', '.join(SHIPPED_MODELS)}). Loading a "
        "model unpickles it, which can run arbitrary code, so only load models you made or "
        "trust: pass trust=True (CLI: --trust-model).")


#: An unreadable card is no checksum mismatch (the class's Chinese sentence, 校验值不符).
_CARD_UNREADABLE_ZH = (f"模型说明文件（{CARD_FILE}）无法读取（不是有效的 JSON），已拒绝加载；请重新安装本软件，"
                       "或用 nlp-reports train 重新训练该模型")


def read_card(model_dir: str | os.PathLike) -> dict[str, Any]:
    """The model card (meta.json) as a dict; {} when the file is missing."""
    path = Path(model_dir) / CARD_FILE
    if not path.is_file():
        return {}
    try:
        card = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:  # (JSONDecodeError, UnicodeDecodeError)
        raise ModelIntegrityError(f"{path}: unreadable model card ({exc})",
                                  message_zh=_CARD_UNREADABLE_ZH) from None
    if not isinstance(card, dict):
        raise ModelIntegrityError(f"{path}: unreadable model card (not a JSON object)",
                                  message_zh=_CARD_UNREADABLE_ZH)
    return card


def recorded_checksum(model_dir: Path, card: dict[str, Any]) -> str | None:
    """The SHA-256 recorded for model.joblib: the .sha256 file, else the card's ``sha256``."""
    sha_path = model_dir / SHA_FILE
    if sha_path.is_file():
        words = sha_path.read_text("ascii", errors="replace").split()
        return words[0].lower() if words else None  # empty: none recorded (refused)
    value = card.get("model_sha256") or card.get("sha256")
    return str(value).lower() if value else None


def verify_checksum(model_dir: Path, card: dict[str, Any], actual: str | None = None) -> str:
    """Check model.joblib against its recorded SHA-256; return the hash (the model id).

    ``actual``: the file's SHA-256 when the caller has it already (:class:`ModelFileReader`).
    """
    expected = recorded_checksum(model_dir, card)
    if not expected:
        raise ModelIntegrityError(
            f"{model_dir}: no recorded SHA-256 ({SHA_FILE} or 'model_sha256' in {CARD_FILE}); "
            "refusing to unpickle an unverified model",
            message_zh=(f"该模型没有记录 SHA-256 校验值（文件夹中没有 {SHA_FILE}，{CARD_FILE} 中也没有 "
                        "model_sha256），无法核实模型文件未被改动，已拒绝加载；请重新安装本软件，或用 "
                        "nlp-reports train 重新训练该模型（训练时会记录校验值）"),
        )
    if actual is None:
        actual = sha256_file(model_dir / MODEL_FILE)
    if actual != expected:
        raise ModelIntegrityError(
            f"{model_dir / MODEL_FILE}: SHA-256 {actual[:12]}… does not match the recorded "
            f"{expected[:12]}…; the file was modified or corrupted — retrain or reinstall it"
        )
    card_hash = card.get("model_sha256")
    if card_hash and card_hash.lower() != actual:
        raise ModelIntegrityError(
            f"{model_dir}: {CARD_FILE} records SHA-256 {card_hash[:12]}… but the model file "
            f"is {actual[:12]}…"
        )
    return actual


def installed_version(dist: str) -> str | None:
    """``importlib.metadata.version(dist)``, or None when not installed.

    Why: importing ``importlib.metadata`` (email, zipfile, csv …) is ~12 ms of every
    model load, for one version. The first ``<name>-<version>.dist-info`` on ``sys.path``
    (the one importlib.metadata finds) has the ``Version:`` of its METADATA read here;
    any other layout (egg-info, zip, no Version line) asks importlib.metadata itself.
    """
    import sys

    prefix = dist.replace("-", "_").replace(".", "_").lower() + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip, a missing folder …
            if os.path.isfile(entry):
                break  # importlib.metadata may find it inside: let it look
            continue
        for name in names:
            low = name.lower()
            if low.startswith(prefix) and low.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry or ".", name, "METADATA"),
                              encoding="utf-8") as fh:
                        for line in fh:
                            if line.startswith("Version:"):
                                return line[len("Version:"):].strip()
                            if not line.strip():
                                break  # end of the headers
                except OSError:
                    pass
                break
        else:
            continue
        break
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def check_compatible(card: dict[str, Any], where: Path) -> None:
    """Raise IncompatibleModelError unless format and sklearn major.minor match the card."""
    fmt = card.get("format_version", FORMAT_VERSION)
    if fmt != FORMAT_VERSION:
        raise IncompatibleModelError(
            f"{where}: model format {fmt} but this nlp_reports reads format {FORMAT_VERSION}; "
            "retrain it with this version ('nlp-reports train …')"
        )
    made = str(card.get("versions", {}).get("scikit-learn", ""))
    if not made:
        return
    have = installed_version("scikit-learn")
    if have is None:  # pragma: no cover - sklearn is a dependency
        return
    if made.split(".")[:2] != have.split(".")[:2]:
        raise IncompatibleModelError(
            f"{where}: made with scikit-learn {made} but {have} is installed; pickled models "
            f"are not portable across versions. Install scikit-learn=={made} or retrain the "
            "model with 'nlp-reports train …'"
        )
    if made != have:
        log.warning("%s: made with scikit-learn %s, running %s (patch versions differ)",
                    where, made, have)


def check_userdict(card: dict[str, Any], where: Path) -> bool:
    """Warn (logged and a :class:`~nlp_reports.classify.dataset.DataWarning`) when the model
    was trained with another user dictionary (用户词典) than the installed one; return
    whether it was.

    Why: the card records the dictionary's SHA-256 (``tokenizer.userdict_sha256``), but the
    tokenizer reads the installed dictionary, so a model trained before a dictionary change
    runs on other tokens than it learned from (new words, dropped self-names), silently, and
    its card's figures may not hold. A warning, not a refusal: the model still works, and
    retraining is the user's call. No warning when the card records no hash (older cards) or
    the model uses no user dictionary.
    """
    tok = card.get("tokenizer") or {}
    made = tok.get("userdict_sha256") if isinstance(tok, dict) else None
    if not made or not tok.get("userdict", True):
        return False
    from nlp_reports.tokenize import userdict_hash

    have = userdict_hash()
    if str(made).lower() == have:
        return False
    from nlp_reports.classify.dataset import warn_data

    # (logged and a DataWarning: a log line alone is shown nowhere in a notebook)
    warn_data([f"{where}: trained with another user dictionary (SHA-256 {str(made)[:12]}…, "
               f"installed {have[:12]}…): its words are now segmented differently, so its "
               "figures may not hold; retrain it with 'nlp-reports train …'. "
               "该模型训练时所用的用户词典与当前安装的不同，分词结果已变，"
               "模型卡中的指标可能不再成立；请用 nlp-reports train 重新训练"], stacklevel=5)
    return True


def dump_model(model: Any, path: Path) -> None:
    """Pickle ``model`` to ``path`` as a gzip stream with a zero timestamp (byte-stable).

    ``joblib.load`` reads it (joblib understands gzip pickles); :func:`load_model` reads it
    with the C unpickler, several times faster than joblib's pure-Python one.
    """
    import gzip

    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               compresslevel=6) as fh:
        fh.write(stable_pickle(model))


def stable_pickle(obj: Any) -> bytes:
    """``pickle.dumps`` whose bytes depend only on the values, not on which equal objects
    happen to be shared (a token string reused from a tokenizer memo would otherwise be
    written once and referenced, or written twice, from one training run to the next).

    Pickler's ``fast`` mode keeps no memo, so every object is written out in full; models hold
    no reference cycles.
    """
    import io
    import pickle

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(obj)
    return buf.getvalue()


class ModelFileReader:
    """Reads a model file, hashes it and inflates its gzip stream in a background thread.

    Why: hashing and zlib release the GIL, so the ~0.08 s they take overlap the imports and
    the segmenter build that a load does meanwhile (start-up of ``nlp-reports tag``).
    Nothing is unpickled here: :func:`load_model` does that once the hash is verified. The
    file is inflated only when its SHA-256 is ``expected`` (the recorded one): nothing of a
    corrupted or replaced file (a gzip bomb, say) is inflated before the check rejects it.
    """

    def __init__(self, path: Path, expected: str | None = None, *,
                 data_copy: Path | None = None) -> None:
        import threading

        self.path = path
        self.expected = expected
        #: ``data_copy``: where a data-only copy of this model may be
        #: (:func:`read_data_copy`); when it is there and sound, it is read and checked
        #: instead of inflating the file: :attr:`data_copy` then holds it
        self.data_copy_path = data_copy
        self.data_copy: tuple[dict[str, Any], memoryview] | None = None
        self._result: tuple[str, bytes | None] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="nlp_reports-model-read",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import zlib

        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
            digest = hashlib.sha256(data).hexdigest()
            raw = None
            if digest == self.expected and self.data_copy_path is not None:
                self.data_copy = read_data_copy(self.data_copy_path, digest)
            if (digest == self.expected and self.data_copy is None and data[:2] == b"\x1f\x8b"
                    and len(data) >= 18):
                # the gzip trailer's size sizes the output at once: one inflate call, the GIL
                # released throughout (a growing buffer takes it back at every step, and the
                # segmenter build holds it for ~0.1 s). One member, as dump_model writes: the
                # inflated bytes must match the trailer at the end of the file, else
                # gzip.open reads it later.
                crc = int.from_bytes(data[-8:-4], "little")
                size = int.from_bytes(data[-4:], "little")
                try:
                    raw = zlib.decompress(data, 16 + zlib.MAX_WBITS, max(size, 1))
                except zlib.error:
                    raw = None
                if raw is not None and (len(raw) % 2**32 != size or zlib.crc32(raw) != crc):
                    raw = None
            self._result = (digest, raw)
        except BaseException as exc:  # re-raised in the caller's thread by result()
            self._error = exc

    def result(self) -> tuple[str | None, bytes | None]:
        """``(sha256 hex, the inflated pickle or None)``; ``(None, None)`` if it failed
        (the caller then reads the file the plain way and gets the usual error)."""
        self._thread.join()
        if self._error is not None or self._result is None:
            return None, None
        return self._result


#: A data-only copy of a loaded model (模型数据副本): the arrays and settings of its
#: ModelBundle as raw bytes and JSON, never a pickle (``compiled.bundle_to_data``). Why:
#: unpickling the model's two vocabularies (190,000 dict entries the compiled path never
#: reads) and inflating the file cost ~0.15 s of CPU at every start-up; the copy loads in
#: a few ms. It lives in the tokenizer's cache directory, named by the model file's
#: SHA-256 (read only once that file is verified), and holds that SHA-256, the SHA-256 of
#: its own bytes and that of the code that wrote it (:func:`_code_stamp`): a copy of
#: another model, format or code, or a corrupt one, is ignored (and rewritten). Layout: magic, header length (8 bytes, little-endian), the
#: SHA-256 of everything after it, the JSON header, zero padding to 64 bytes, the payload.
DATA_COPY_MAGIC = b"NLPRMDC\x01"
DATA_COPY_FORMAT = 1
#: Data copies kept in the directory (the newest; older models' copies are removed).
DATA_COPIES_KEPT = 4
#: A larger file is no data copy (the shipped model's is 33 MB): it is not read.
DATA_COPY_MAX_BYTES = 2**30


def _code_stamp() -> str | None:
    """SHA-256 of ``classify/compiled.py``, the code a copy was written by: a copy written
    by other code (a bundle's layout or its unpickling changed) is not read but rewritten.
    None when the source is not there to read (then no copy is ever read)."""
    try:
        return hashlib.sha256(Path(__file__).with_name("compiled.py").read_bytes()).hexdigest()
    except OSError:
        return None


def data_copy_path(directory: Path, model_sha256: str) -> Path:
    """Where the data-only copy of the model with this SHA-256 lives under ``directory``."""
    return Path(directory) / "models" / f"{model_sha256}.data"


def _map_copy(fd: int, size: int) -> Any:
    """The ``size`` bytes of the open file ``fd`` as a private, writable memory map
    (copy-on-write), or None where there is none (not POSIX, or mmap fails: the caller
    reads the file instead).

    Why: reading the 33 MB copy into a buffer zero-fills and copies every page (~0.016 s of
    CPU at every start-up, half of its load); mapped, the pages are the file's own in the
    page cache, shared by the forked workers too. The copy is only ever replaced by a
    rename (:func:`write_data_copy`) or removed, never rewritten in place, so the mapped
    bytes stay those the SHA-256 check read. Not on Windows, where a mapped file cannot be
    replaced or removed by another process's :func:`write_data_copy`.
    """
    if os.name != "posix":
        return None
    import mmap

    try:
        buf = mmap.mmap(fd, size, access=mmap.ACCESS_COPY)
    except (OSError, ValueError, OverflowError):
        return None
    if len(buf) != size:  # (truncated meanwhile)
        buf.close()
        return None
    return buf


def read_data_copy(path: Path, model_sha256: str) -> tuple[dict[str, Any], memoryview] | None:
    """(header, payload) of the data copy at ``path`` (payload writable, 64-byte aligned
    offsets), or None when it is missing, of another model or format, or corrupt — or no
    regular file (a FIFO is never waited on) or over :data:`DATA_COPY_MAX_BYTES` (a sparse
    file of 10 GB is not read into memory)."""
    import stat
    import sys

    try:
        # O_NONBLOCK: opening a FIFO for reading would wait for a writer (forever)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            size = st.st_size
            if not stat.S_ISREG(st.st_mode) or size < 48 or size > DATA_COPY_MAX_BYTES:
                return None
            buf = _map_copy(fh.fileno(), size)
            if buf is None:
                buf = bytearray(size)
                if fh.readinto(buf) != size:
                    return None
        if buf[:8] != DATA_COPY_MAGIC:
            return None
        head = int.from_bytes(buf[8:16], "little")
        view = memoryview(buf)
        if 48 + head > size or hashlib.sha256(view[48:]).digest() != bytes(buf[16:48]):
            return None
        header = json.loads(bytes(view[48:48 + head]).decode("utf-8"))
        if (not isinstance(header, dict) or header.get("model") != model_sha256
                or header.get("format") != DATA_COPY_FORMAT
                or header.get("byteorder") != sys.byteorder
                or header.get("code") is None or header.get("code") != _code_stamp()):
            return None
        start = -(-(48 + head) // 64) * 64
        return header, view[start:]
    except (OSError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
        return None  # (a header nested too deep for json, a copy too large to hold)


def write_data_copy(path: Path, model_sha256: str, header: dict[str, Any],
                    payload: bytes | bytearray) -> None:
    """Write a data copy atomically (a temporary file renamed over ``path``), then remove
    all but the :data:`DATA_COPIES_KEPT` newest copies of the directory. Raises OSError."""
    import sys
    import tempfile

    header = {**header, "model": model_sha256, "format": DATA_COPY_FORMAT,
              "byteorder": sys.byteorder, "code": _code_stamp()}
    head = json.dumps(header, ensure_ascii=True, sort_keys=True).encode("utf-8")
    pad = b"\0" * (-(48 + len(head)) % 64)
    digest = hashlib.sha256()
    for part in (head, pad, payload):
        digest.update(part)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in (DATA_COPY_MAGIC, len(head).to_bytes(8, "little"), digest.digest(),
                         head, pad, payload):
                fh.write(part)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    copies = []
    for other in path.parent.glob("*.data"):
        try:
            copies.append((other.stat().st_mtime, other))
        except OSError:  # removed meanwhile by another process
            pass
    for _, old in sorted(copies, reverse=True)[DATA_COPIES_KEPT:]:
        try:
            old.unlink()
        except OSError:
            pass


def load_model(path: Path, raw: bytes | None = None) -> Any:
    """Unpickle a model written by :func:`dump_model` (or by ``joblib.dump``, as a fallback).

    ``raw``: the file's gzip stream already inflated (:class:`ModelFileReader`).
    Only call this after :func:`verify_checksum` and the trust check.
    """
    import gzip
    import pickle

    if raw is not None:
        return pickle.loads(raw)  # noqa: S301 - checksum verified and trust checked first
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        with gzip.open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - checksum verified and trust checked first
    import joblib

    return joblib.load(path)


def write_card(model_dir: Path, card: dict[str, Any]) -> None:
    """Write meta.json (UTF-8, sorted keys, stable)."""
    (model_dir / CARD_FILE).write_text(
        json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )


# --- writing a model folder whole: a sibling folder swapped into place when complete ------

#: The files a model directory holds (train writes them; a folder holding others is not
#: replaced whole: they would be lost).
MODEL_ENTRIES = frozenset((MODEL_FILE, SHA_FILE, CARD_FILE, "README.md", "trained_texts.txt"))


def _out_error(message: str, message_zh: str) -> ModelError:
    """A ModelError about ``--out`` that says itself in Chinese (``message_zh``, which the
    CLI prints): the class's own sentence, "模型无法加载或使用", is about loading a model and
    misled a user whose --out folder was refused before training."""
    return ModelError(message, message_zh=message_zh)


def unwritable(out_dir: Path, exc: OSError) -> ModelError:
    """The error of a model folder that cannot be written (a full disk, no permission …)."""
    return _out_error(f"{out_dir}: cannot write the model there ({exc.strerror or exc}); "
                      "choose another --out folder",
                      f"无法在 {out_dir} 写入模型（原因见上行，如磁盘已满、没有写入权限），"
                      "请为 --out 另选文件夹")


def check_model_out(out_dir: Path) -> None:
    """Refuse ``out_dir`` before minutes of training rather than after: a file, a folder
    holding files that are not a model's (replacing it whole would lose them), or a parent
    folder where no sibling folder can be made (created if missing, as the write needs)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise _out_error(f"{out_dir}: is a file, not a model folder; choose another --out",
                         f"{out_dir} 是文件，不是模型文件夹，请为 --out 另选文件夹")
    if out_dir.is_dir():
        foreign = sorted(e.name for e in out_dir.iterdir() if e.name not in MODEL_ENTRIES)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise _out_error(f"{out_dir}: holds files that are not a model's ({shown}); a "
                             "model folder is replaced whole when the new model is complete, "
                             "so choose a new or empty folder for --out",
                             f"{out_dir} 中有不属于模型的文件（{shown}）：新模型训练完成后会整体"
                             "替换该文件夹，这些文件会丢失，请为 --out 选择新的或空的文件夹")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        os.rmdir(_stage_beside(out_dir))  # the very call the write makes, tried now
    except OSError as exc:
        raise unwritable(out_dir, exc) from None


def _stage_beside(out_dir: Path) -> Path:
    """A new, empty sibling folder of ``out_dir`` (``.NAME.training-XXXX``)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f".{out_dir.resolve().name}.training-",
                                 dir=out_dir.parent))


@contextmanager
def staged_model_dir(out_dir: Path) -> Iterator[Path]:
    """A new sibling folder of ``out_dir`` to write a model into, put in place of ``out_dir``
    when the block ends (:func:`_swap_into_place`) and removed when it fails or is
    interrupted (an OSError becomes :func:`unwritable`'s ModelError).

    Why: the files were written into ``out_dir`` one after another, so a crash mid-write left
    half a model and a ``Tagger.load`` during a retrain read the new model.joblib against the
    old checksum or card. Check ``out_dir`` first with :func:`check_model_out`."""
    import shutil

    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        stage = _stage_beside(out_dir)
    except OSError as exc:
        raise unwritable(out_dir, exc) from None
    try:
        yield stage
        _swap_into_place(stage, out_dir)
    except BaseException as exc:  # a full disk, an interrupt: the old model stays, no debris
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, OSError):
            raise unwritable(out_dir, exc) from None
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where the
    system has no such call (then :func:`_swap_into_place` renames twice)."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc before 2.28, musl
        return False
    at_fdcwd, rename_exchange = -100, 2
    # (non-zero: a file system without it, EINVAL; the caller renames twice)
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_into_place(stage: Path, out_dir: Path) -> None:
    """Put the complete model of ``stage`` at ``out_dir``: renamed when there is none,
    exchanged in one step with the old one otherwise (a load sees the old model or the new,
    never a mix), the old one then removed. Without an exchange call the old folder is
    renamed aside first and put back if the second rename fails."""
    import shutil

    if not out_dir.exists():
        os.rename(stage, out_dir)
        return
    if _exchange(stage, out_dir):
        shutil.rmtree(stage, ignore_errors=True)  # (it now holds the old model)
        return
    old = stage.with_name(stage.name.replace(".training-", ".old-"))
    os.rename(out_dir, old)
    try:
        os.rename(stage, out_dir)
    except OSError:
        os.rename(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
