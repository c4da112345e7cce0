"""Fewer garbage-collector runs while a batch builds many small objects (parse, predict).

One decorator for the batch runner (``corpus.batch``) and the tagger (``classify.tagger``):
the standard library only, so either imports it without pulling in the other.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any, TypeVar

#: Generation-0 threshold of Python's cyclic garbage collector while a batch runs (the
#: default is 700). Parsing a chunk of reports or predicting 47,000 statements holds tens of
#: thousands of young objects at once: at 700 the collector ran hundreds of times, each
#: older collection walking every object made so far (~4 % of tagging's CPU, ~7 % of
#: ``predict``'s); at 20,000 it runs a few times, and no garbage is kept longer than that
#: many objects. Results do not depend on when the collector runs.
GC_THRESHOLD = 20_000
_F = TypeVar("_F", bound=Callable[..., Any])


def fewer_collections(func: _F) -> _F:
    """Run ``func`` with the gen-0 GC threshold raised to :data:`GC_THRESHOLD` and put the
    caller's thresholds back after (a library leaves no global setting changed). A
    threshold of 0 (automatic collection off) or above it is left as it is — so a
    ``predict`` inside ``tag_paths`` changes nothing."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        old = gc.get_threshold()
        if old[0] == 0 or old[0] >= GC_THRESHOLD:
            return func(*args, **kwargs)
        gc.set_threshold(GC_THRESHOLD, *old[1:])
        try:
            return func(*args, **kwargs)
        finally:
            if gc.get_threshold()[0] == GC_THRESHOLD:  # unless changed meanwhile
                gc.set_threshold(*old)

    return run  # type: ignore[return-value]
