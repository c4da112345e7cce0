"""The Dask side of batch tagging (Dask 工作进程): a worker plugin that holds the tagger.

Imported only by ``dask_backend._run_dask`` (it imports ``distributed``, extra ``dask``). Why a
plugin: a loaded tagger (≈ 28 MiB pickled for the shipped model) pickled into every task
made ``--backend dask`` 3–5× slower than joblib; scattered once, it was lost for good
when the workers holding it died. A plugin is sent to each worker once, and the scheduler
gives it to every worker that joins or restarts later.
"""

from __future__ import annotations

import logging
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

log = logging.getLogger("nlp_reports")

#: The start of a tagger plugin's name; the registering client's id follows.
PLUGIN_PREFIX = "nlp-reports-tagger-"


class TaggerPlugin(WorkerPlugin):
    """Holds a :class:`~nlp_reports.corpus.worker.TaggerSpec` on each worker, under ``name``.

    Unpickled once per worker process; tasks find it through ``get_worker().plugins``
    (:class:`~nlp_reports.corpus.dask_backend._PluginSpec`).
    """

    idempotent = False

    def __init__(self, name: str, spec: Any) -> None:
        self.name = name
        self.spec = spec  # ready once unpickled: WorkerPlugin.setup has nothing to do


def plugin_spec(name: str) -> Any:
    """The :class:`TaggerSpec` the plugin ``name`` holds on the worker running this task."""
    from distributed import get_worker

    return get_worker().plugins[name].spec


def _plugins_and_clients(dask_scheduler: Any) -> tuple[list[str], list[str]]:
    """(Run on the scheduler.) The worker plugins it holds and the clients connected."""
    return list(dask_scheduler.worker_plugins), list(dask_scheduler.clients)


def drop_orphan_plugins(client: Any) -> None:
    """Remove the tagger plugins whose client is gone.

    Why: a client killed with -9 never removes its plugin: every worker kept that run's
    loaded model in memory (≈ 28 MiB pickled, more loaded) and the scheduler gave it to
    every worker that joined later, one more for each killed run. Plugins named in the
    older way (no client id) are left alone: their run may still be going. Best effort.
    """
    try:
        names, live = client.run_on_scheduler(_plugins_and_clients)
    except Exception:
        log.debug("could not list the Dask scheduler's worker plugins", exc_info=True)
        return
    for name in names:
        owner = name[len(PLUGIN_PREFIX):]
        if (name.startswith(PLUGIN_PREFIX + "Client-")
                and not any(owner.startswith(f"{c}-") for c in live)):
            try:
                client.unregister_worker_plugin(name)
                log.info("removed the Dask worker plugin %s of a run that was killed", name)
            except Exception:
                log.debug("could not remove the Dask worker plugin %s", name, exc_info=True)
