"""MHTML web archives (.mht/.mhtml, 网页单个文件) → the report page's text.

IE, Edge and Chrome save a page "as a single file" as a MIME ``multipart/related`` message:
the page is its first ``text/html`` part (quoted-printable or base64, a charset in its
Content-Type that is often gb2312/GBK and sometimes missing or wrong), the images and CSS
follow as further parts. We take that part, undo its transfer encoding, decode its bytes as a
saved .html page is decoded (a declared charset is a hint checked against the bytes) and hand
it to the HTML reader, so tables, titles and site chrome are handled as for .html.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from nlp_reports.errors import EmptyInputError, ParseError

if TYPE_CHECKING:
    from nlp_reports.ingest.html import HtmlText

log = logging.getLogger("nlp_reports")

__all__ = ["is_mhtml", "mhtml_to_text", "read_mhtml"]

#: An RFC 822 header line at the very start ("From: <Saved by Blink>", "MIME-Version: 1.0").
_HEADER_START = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,76}[ \t]*:")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MULTIPART = re.compile(rb"^content-type[ \t]*:\s*multipart/", re.IGNORECASE | re.MULTILINE)
_SINGLE_HTML = re.compile(rb"^content-type[ \t]*:\s*text/html", re.IGNORECASE | re.MULTILINE)
_MIME_VERSION = re.compile(rb"^mime-version[ \t]*:", re.IGNORECASE | re.MULTILINE)
_HEAD_BYTES = 16384  # the headers of a saved page: a long Snapshot-Content-Location fits
_MAX_PARTS = 100_000  # parts looked at: a page with 100 000 images is no saved report


def is_mhtml(data: bytes) -> bool:
    """Whether ``data`` starts like a MIME web archive: a block of header lines naming a
    multipart body, or a MIME-Version and a text/html body (a page saved without images)."""
    head = data[:_HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not _HEADER_START.match(head):
        return False
    end = _HEADER_END.search(head)
    block = head[: end.start()] if end else head
    return bool(_MULTIPART.search(block)
                or (_MIME_VERSION.search(block) and _SINGLE_HTML.search(block)))


def _why(exc: Exception) -> str:
    """What went wrong in the email package, for a ParseError's message."""
    return "parts nested too deeply" if isinstance(exc, RecursionError) else type(exc).__name__


def _parse(data: bytes, path: str | None):
    import email
    from email import policy

    try:
        # compat32: lenient with malformed headers, and no header is parsed until asked for
        message = email.message_from_bytes(data, policy=policy.compat32)
    except Exception as exc:  # the email package on hostile input: a RecursionError (deep
        # nesting), a ValueError … none of them may escape as anything but a ParseError
        raise ParseError(f"not a readable MHTML web archive ({_why(exc)})", path=path) from exc
    if message.get("MIME-Version") is None and message.get("Content-Type") is None:
        raise ParseError("not an MHTML web archive: no MIME headers at the start; save the "
                         "page again as a single file (.mht) or as HTML", path=path)
    return message


def _page_part(message):
    """The first text/html part, else the first text/plain one that is not blank, or None."""
    html = plain = None
    count = 0
    for part in message.walk():
        count += 1
        if count > _MAX_PARTS:
            break
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html is None:
            html = part
            break
        if (kind in ("text/plain", "application/xhtml+xml") and plain is None
                and str(part.get_payload()).strip()):  # (not the blank part a cut leaves)
            plain = part
    return html if html is not None else plain


def _decode_part(part, path: str | None) -> tuple[str, str]:
    """The part's text and encoding: transfer encoding undone, bytes decoded as for .html."""
    from nlp_reports.ingest.html import decode_html

    payload = part.get_payload(decode=True)
    if isinstance(payload, str):  # (not returned by compat32, but cheap to allow)
        payload = payload.encode("utf-8", "surrogateescape")
    if not isinstance(payload, bytes) or not payload.strip():
        raise EmptyInputError("the MHTML archive's page part is empty", path=path)
    try:
        charset = part.get_content_charset()
    except Exception:  # a malformed RFC 2231 parameter: no charset then
        charset = None
    return decode_html(payload, path=path, declared=charset)


def mhtml_to_text(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """The report text (not yet normalized) of an MHTML archive, and the page's encoding
    (:func:`read_mhtml`'s text)."""
    page, encoding = read_mhtml(data, path=path)
    return page.text, encoding


def read_mhtml(data: bytes, *, path: str | None = None) -> tuple[HtmlText, str]:
    """The report text (not yet normalized) of an MHTML archive, with the page of a
    paginated article its pager says (:func:`~nlp_reports.ingest.html.read_html`), and the
    page's encoding.

    Raises :class:`~nlp_reports.errors.ParseError` (or a subclass: EmptyInputError,
    DecodingError, BinaryInputError) when ``data`` is no MIME message, holds no text/html or
    text/plain part, or that part is empty or undecodable.
    """
    from nlp_reports.ingest import sniff_markup
    from nlp_reports.ingest.html import HtmlText, read_html

    message = _parse(data, path)
    try:
        part = _page_part(message)
        if part is None:
            raise ParseError("the MHTML archive holds no page (no text/html part); it may be "
                             "truncated: save the page again", path=path)
        kind = part.get_content_type()
        text, encoding = _decode_part(part, path)
    except ParseError:
        raise
    except Exception as exc:  # the email package on a malformed archive (see _parse)
        raise ParseError(f"a malformed MHTML web archive ({_why(exc)})", path=path) from exc
    if any(type(d).__name__ == "CloseBoundaryNotFoundDefect" for d in message.defects):
        log.warning("%s: the MHTML archive is truncated (no closing boundary); read what "
                    "is there", path or "<mhtml>")
    if kind == "text/plain" and not sniff_markup(text):
        log.info("%s: the MHTML archive holds no HTML page; read its text part",
                 path or "<mhtml>")
        return HtmlText(text), encoding
    return read_html(text, path=path), encoding
