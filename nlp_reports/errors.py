"""The one exception hierarchy of nlp_reports.

::

    NlpReportsError                 base: catch this to catch everything we raise
    ├── ParseError                  a file could not be turned into a Report
    │   ├── EmptyInputError         the file is empty or whitespace only
    │   ├── BinaryInputError        the bytes are not text (and not a format we read)
    │   ├── DecodingError           no encoding we know decodes the bytes (UTF-8, GB18030 …)
    │   ├── InputTooLargeError      the file exceeds the size limit
    │   ├── NotAReportError         decodable text with no annual-report content at all
    │   │   └── ErrorPageError      a page the site served instead of the report (404, login …)
    │   └── UnsupportedFormatError  an extension or container we cannot read
    ├── MissingDependencyError      an optional extra (pdf, docx, fast, dask …) is not installed
    ├── ModelError                  a model cannot be used
    │   ├── ModelNotFoundError      no model at the given path
    │   ├── UntrustedModelError     a model outside the shipped ones, loaded without trust=True
    │   ├── ModelIntegrityError     the model file does not match its recorded SHA-256
    │   └── IncompatibleModelError  the model was made with another scikit-learn / format version
    ├── DataError                   labeled training / evaluation data is malformed
    ├── UsageError                  an option value we do not accept (an unknown tokenizer engine …)
    │   ├── StoreModelError         tag names no model on a store tagged with a model of one's own
    │   └── MissingPathError        tag (or audit FILE, suggest FOLDER) names a path not there
    ├── StoreError                  the SQLite store cannot be opened or written
    │   └── StoreBusyError          another tag run is writing the store (its writer lock)
    └── ClusterError                the Dask scheduler cannot be reached, or was lost mid-run

Every message says what went wrong and, where there is one, how to fix it.
"""

from __future__ import annotations


class NlpReportsError(Exception):
    """Base class of every error nlp_reports raises on purpose. ``message_zh``: the message
    in Chinese when the raiser wrote one (the command line prints it under the English;
    else ``reasons.error_meaning_zh`` says what the kind of error means)."""

    message_zh: str | None = None

    def __init__(self, *args: object, message_zh: str | None = None) -> None:
        super().__init__(*args)
        if message_zh is not None:
            self.message_zh = message_zh


class ParseError(NlpReportsError):
    """A file could not be turned into a Report; ``reason`` is a short machine-readable code.
    ``part`` / ``parts``: which report of a compilation could not be read (``load_reports``),
    None for a whole file."""

    reason = "parse_error"
    part: int | None = None
    parts: int | None = None

    def __init__(self, message: str, *, path: str | None = None,
                 reason: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        if reason is not None:  # a code of the documented list no subclass stands for
            self.reason = reason

    def __str__(self) -> str:  # "file.txt: message" when the path is known
        msg = super().__str__()
        return f"{self.path}: {msg}" if self.path else msg


class EmptyInputError(ParseError):
    """The input is empty or holds only whitespace."""

    reason = "empty"


class BinaryInputError(ParseError):
    """The bytes are binary data, not text in a format we read."""

    reason = "binary"


class DecodingError(ParseError):
    """No supported encoding (UTF-8, GB18030/GBK, UTF-16, Big5 …) decodes the bytes."""

    reason = "undecodable"


class InputTooLargeError(ParseError):
    """The input exceeds the configured size limit."""

    reason = "too_large"


class NotAReportError(ParseError):
    """Readable text that holds no annual-report content at all."""

    reason = "not_a_report"


class ErrorPageError(NotAReportError):
    """A page the site served instead of the report: an error page (404, 页面不存在), a login
    wall (统一身份认证), a firewall's or a captcha page, or the report's page without its text. A
    NotAReportError (what catches one catches it), with its own reason: download again."""

    reason = "error_page"


class UnsupportedFormatError(ParseError):
    """A file format (extension or container) we cannot read."""

    reason = "unsupported_format"


class MissingDependencyError(NlpReportsError, ImportError):
    """A dependency is missing; the message names the extra (or the package) to install."""

    def __init__(self, package: str, extra: str | None, purpose: str) -> None:
        if extra:
            message = (f"{purpose} needs the optional package '{package}'. "
                       f"Install it with: pip install 'nlp-reports[{extra}]'")
        else:  # a core dependency gone from the environment
            message = (f"{purpose} needs the package '{package}', which nlp-reports installs "
                       f"with itself. Install it again with: pip install {package}")
        super().__init__(message)
        self.package = package
        self.extra = extra


class ModelError(NlpReportsError):
    """A model cannot be loaded or used."""


class ModelNotFoundError(ModelError, FileNotFoundError):
    """No model directory or file exists at the given path."""


class UntrustedModelError(ModelError):
    """Loading a model from outside the shipped ones needs ``trust=True`` (it runs pickled code)."""


class ModelIntegrityError(ModelError):
    """The model file's SHA-256 does not match the checksum recorded beside it."""


class IncompatibleModelError(ModelError):
    """The model was made with another scikit-learn or model-format version."""


class DataError(NlpReportsError, ValueError):
    """Labeled data (JSONL/CSV) is malformed: the message names the file and line; or a
    statements/labels file cannot be read at all (not there, a folder, no permission)."""


class UsageError(NlpReportsError, ValueError):
    """An argument or option has a value we do not accept (e.g. an unknown tokenizer engine).

    A ValueError too, so callers that catch ValueError for a bad argument keep working.
    """


class StoreModelError(UsageError):
    """``tag`` names no model (``model=None``) and the store holds reports tagged with a
    model of one's own (not a shipped one): refused before anything is read or written, as
    the run would replace that model's tags with the shipped model's. Give the
    model again (``--model DIR --trust-model``) or tag with the shipped model on purpose
    (``--model default``: the reports another model tagged re-tagged; ``--retag``: every file).
    ``models``: the store's ``models`` rows of those models (with ``reports``, how many
    stored reports carry each one's tags)."""

    def __init__(self, message: str, *, models: tuple[dict[str, object], ...] = (),
                 message_zh: str | None = None) -> None:
        super().__init__(message, message_zh=message_zh)
        self.models = models


class MissingPathError(UsageError):
    """``tag`` (``tag_paths``, and ``audit FILE…``) was given a path that is not there: no
    such file or folder, a broken symbolic link, a glob matching no path; or one that is no
    file or folder a report can be read from (a FIFO, socket or device). Refused before the
    store is opened or created, nothing read or written: a mistyped folder was recorded in
    an existing store as a failed file that ``info`` and every audit counted. A file missing
    inside a folder walked is still recorded with its reason. ``missing``: the paths as
    given, each with what is wrong (``(path, "no such file or folder")``)."""

    def __init__(self, message: str, *, missing: tuple[tuple[str, str], ...] = (),
                 message_zh: str | None = None) -> None:
        super().__init__(message, message_zh=message_zh)
        self.missing = missing


class StoreError(NlpReportsError):
    """The SQLite store cannot be opened, created or written."""


class StoreBusyError(StoreError):
    """Another ``tag`` run holds the store's writer lock (``<db>.lock``): this one stopped
    before reading or writing anything. ``holder``: the other run as it described itself
    (:class:`~nlp_reports.corpus.writelock.Holder`: pid, host, start, command)."""

    def __init__(self, message: str, *, holder: object = None) -> None:
        super().__init__(message)
        self.holder = holder


class ClusterError(NlpReportsError):
    """The Dask scheduler cannot be reached (nothing listens, or what answers is no
    scheduler) or was lost during a run; the reports already written stay in the store."""
