"""``nlp-reports tag --backend dask`` on a 2-worker LocalCluster vs ``--jobs 2`` (joblib).

    python benchmarks/dask_local.py            # 1,500 generated reports, 3 alternated rounds
    python benchmarks/dask_local.py -n 500 -r 5

Starts one LocalCluster (2 worker processes × 1 thread, as ``tag --backend dask`` without
``--scheduler`` would) and times its start-up; then, in each round, tags the same generated
corpus (benchmarks/run.py's ``generate``) into a fresh store with ``--jobs 2`` and with
``--backend dask --scheduler <that cluster>``, alternated so that both see the same load.
Prints wall seconds and CPU seconds: of the CLI's process tree, and of the cluster (its
scheduler, nannies and workers). Other programs on the machine inflate wall time, not CPU
time; the load average is shown with each run. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))


def _tree_cpu() -> float:
    """CPU seconds of this process and its children (the cluster lives in them)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:  # a worker that ended meanwhile
            pass
    return total


def _tag(corpus: Path, extra: list[str], cluster_cpu: bool) -> tuple[float, float, float]:
    """(wall, CPU of the CLI tree, CPU of the cluster) of one ``nlp-reports tag`` run."""
    work = Path(tempfile.mkdtemp(prefix="dask-bench-"))
    try:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        c0 = _tree_cpu() if cluster_cpu else 0.0
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "nlp_reports", "tag", str(corpus),
                               "--db", str(work / "s.db"), "-q", *extra],
                              capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        c1 = _tree_cpu() if cluster_cpu else 0.0
        if proc.returncode != 0:
            raise RuntimeError(f"tag {' '.join(extra)} failed: {proc.stderr[-500:]}")
        cli = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
        return wall, cli, c1 - c0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1500, help="reports to generate (1500)")
    ap.add_argument("-r", "--rounds", type=int, default=3, help="alternated rounds (3)")
    args = ap.parse_args()
    from distributed import LocalCluster
    from run import generate

    with tempfile.TemporaryDirectory(prefix="dask-corpus-") as tmp:
        corpus = Path(tmp)
        mb = generate(args.n, corpus) / 1e6
        print(f"{args.n} reports, {mb:.1f} MB; 2 cores here: {os.cpu_count()}; "
              f"load {os.getloadavg()[0]:.1f}")
        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": ":0"})
        print(f"LocalCluster start-up (2 workers): {time.perf_counter() - t0:.2f} s")
        runs: dict[str, list[float]] = {"joblib --jobs 2": [], "dask, 2-worker cluster": []}
        try:
            for _ in range(args.rounds):
                for name, extra in (("joblib --jobs 2", ["--jobs", "2"]),
                                    ("dask, 2-worker cluster",
                                     ["--backend", "dask", "--scheduler",
                                      cluster.scheduler_address])):
                    wall, cli, clu = _tag(corpus, extra, "--scheduler" in extra)
                    runs[name].append(wall)
                    print(f"{name:24s} {wall:6.2f} s wall  CPU: CLI {cli:5.1f} s, "
                          f"cluster {clu:5.1f} s  (load {os.getloadavg()[0]:.1f})", flush=True)
        finally:
            cluster.close()
        for name, walls in runs.items():
            print(f"{name:24s} best {min(walls):.2f} s, median {statistics.median(walls):.2f} s")
        ratio = [d / j for j, d in zip(*runs.values(), strict=True)]
        print(f"dask / joblib per round: {', '.join(f'{x:.2f}' for x in ratio)}")


if __name__ == "__main__":
    main()
