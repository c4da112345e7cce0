"""The Dask side of batch tagging (Dask 工作进程): a worker plugin that holds the tagger.

Imported only by ``batch._run_dask`` (it imports ``distributed``, extra ``dask``). Why a
plugin: a loaded tagger (≈ 28 MiB pickled for the shipped model) pickled into every task
made ``--backend dask`` 3–5× slower than joblib; scattered once, it was lost for good
when the workers holding it died. A plugin is sent to each worker once, and the scheduler
gives it to every worker that joins or restarts later.
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class TaggerPlugin(WorkerPlugin):
    """Holds a :class:`~nlp_reports.corpus.batch.TaggerSpec` on each worker, under ``name``.

    Unpickled once per worker process; tasks find it through ``get_worker().plugins``
    (:class:`~nlp_reports.corpus.batch._PluginSpec`).
    """

    idempotent = False

    def __init__(self, name: str, spec: Any) -> None:
        self.name = name
        self.spec = spec  # ready once unpickled: WorkerPlugin.setup has nothing to do


def plugin_spec(name: str) -> Any:
    """The :class:`TaggerSpec` the plugin ``name`` holds on the worker running this task."""
    from distributed import get_worker

    return get_worker().plugins[name].spec
