"""The text beside a PDF's scanned pages (扫描页): the lines of the nearest page with text
before each scanned page and after it.

A compilation (汇编) is split into its reports on the joined text, where a page leaves no
mark, so a scanned page (``Document.scanned_pages``) cannot be placed in a report by
itself; the text on either side of it can. The parser looks these lines up in each part's
text (``parse.load``), so that each report names only the scanned pages inside it. Read
only for a compilation with scanned pages: a few pages' text, not the whole file again.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence

log = logging.getLogger("nlp_reports")

#: Lines taken from each side of a scanned page: the last lines of the page before, the
#: first of the page after (one may be a running head or a line the reader joined).
SIDE_LINES = 3


def scan_neighbours(data: bytes, scanned: Sequence[int]
                    ) -> dict[int, tuple[list[str], list[str], list[str]]]:
    """Per scanned page (numbered from 1), the last :data:`SIDE_LINES` text lines of the
    nearest earlier page with text, the first of the nearest later one ([] when there
    is none: a scan that opens or ends the file), and the page's own lines (none on a scan;
    a page of sideways text not read has its upright text, a report's title perhaps). Empty
    when the PDF cannot be read again (it was read once; nothing here raises)."""
    try:
        import pdfplumber

        from nlp_reports.ingest.pdf import quiet_pdfminer
    except ImportError:
        return {}
    quiet_pdfminer()
    scans = set(scanned)
    texts: dict[int, list[str]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)

            def lines(n: int) -> list[str]:  # page n (from 1), read once
                if n not in texts:
                    text = pdf.pages[n - 1].extract_text() or ""
                    texts[n] = [s.strip() for s in text.splitlines() if s.strip()]
                return texts[n]

            def nearest(n: int, step: int) -> list[str]:
                k = n + step
                while 1 <= k <= count:
                    if k not in scans and lines(k):
                        return lines(k)
                    k += step
                return []

            return {n: (nearest(n, -1)[-SIDE_LINES:], nearest(n, 1)[:SIDE_LINES], lines(n))
                    for n in sorted(scans) if 1 <= n <= count}
    except Exception as exc:  # (pdfminer raises many types; the file was read once already)
        if isinstance(exc, (MemoryError, KeyboardInterrupt)):
            raise
        log.debug("the pages beside the scanned pages could not be read again: %s", exc)
        return {}
