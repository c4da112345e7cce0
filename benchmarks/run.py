"""Benchmarks: what parsing, tagging and summarizing cost, measured against plain jieba.

    python benchmarks/run.py            # N = 1,000 and 20,000 (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # N = 300 and 2,000, to check the script itself

Prints one table and writes docs/performance.md. Every figure is measured in this run on
this machine; nothing is copied from elsewhere. Targets (issues #2–#5) are shown beside.

What is measured:
* a generated corpus of N reports, 3–40 KB each (examples/make_corpus.py's renderer with
  the narrative lengthened at random), written as UTF-8 text files;
* parse throughput (reports/s, MB/s) of ``load_report`` in one process;
* plain ``jieba.lcut`` over the same decoded text, one core (the yardstick);
* end-to-end tagging through ``nlp-reports tag`` with each tokenizer engine, one job, and
  the ratio of its throughput (MB/s) to plain jieba's; ``--jobs 2`` vs ``--jobs 1``;
* peak RSS of the tagging process tree at the small and the large N;
* start-up: ``nlp-reports --help`` and the first prediction of ``nlp-reports classify``;
* training time on the shipped corpus; ``nlp-reports summarize`` time over the store.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "nlp_reports"]


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "examples" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def generate(n: int, out: Path, seed: int = 7) -> int:
    """Write n reports of realistic size (3–40 KB) into out; return total bytes."""
    gen = _load_generator()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    filler = [p for _, p in gen.PROBLEMS + gen.MEASURES]
    for i in range(n):
        agency = rng.choice(gen.AGENCIES)
        year = rng.randint(2021, 2025)
        t3 = gen.make_table3(rng, [0] * 6, "2021", 10)
        t3s = {k: [str(v) for v in vals] for k, vals in t3.items()}
        t4 = gen.make_table4(rng, 10)
        t2 = {"regulations": [0, 0, 1], "normative": [2, 0, 9], "normative19": [0, 0, 0],
              "licensing": 10, "punishment": 3, "coercion": 0, "fees": "0"}
        s5, _ = gen.section5(agency, rng, year, None)
        narrative = gen.narrative(agency, rng, year, t3, t4, None)
        # size mix: most reports 5–15 KB, a tail up to ~40 KB
        target = min(40_000, max(3_000, int(rng.lognormvariate(9.1, 0.55))))
        parts = {"fmt": "2021", "narrative": narrative, "table2": gen.table2_lines("2021", t2),
                 "table3": t3s, "table4": t4, "section5": s5, "section6": ["无。"]}
        text = gen.render_text(agency, year, parts, "flat")
        while len(text.encode()) < target:
            extra = "。".join(rng.sample(filler, 4)) + "。"
            parts["narrative"].append(f"{agency.short}{extra}")
            text = gen.render_text(agency, year, parts, "flat")
        data = text.encode("utf-8")
        (out / f"r{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - t0, proc


def run_with_rss(cmd: list[str]) -> tuple[float, float]:
    """Run cmd in a child that reports wall time and the peak RSS (MB) of its process tree."""
    code = (
        "import resource,subprocess,sys,time,json\n"
        "t=time.perf_counter(); p=subprocess.run(sys.argv[1:], capture_output=True)\n"
        "el=time.perf_counter()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024\n"
        "print(json.dumps({'s':el,'rss':r,'rc':p.returncode,'err':p.stderr.decode()[-500:]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True,
                         check=True).stdout
    res = json.loads(out)
    if res["rc"] not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} failed: {res['err']}")
    return res["s"], res["rss"]


def jieba_baseline(files: list[Path]) -> float:
    """Seconds for plain jieba.lcut over the decoded text of files, one core, dict warm."""
    code = (
        "import sys,time,jieba,logging\n"
        "jieba.setLogLevel(logging.WARNING); jieba.lcut('预热')\n"
        "texts=[open(p,encoding='utf-8').read() for p in sys.argv[1:]]\n"
        "t=time.perf_counter()\n"
        "for x in texts: jieba.lcut(x)\n"
        "print(time.perf_counter()-t)\n"
    )
    listing = [str(p) for p in files]
    out = subprocess.run([sys.executable, "-c", code, *listing], capture_output=True, text=True,
                         check=True).stdout
    return float(out.strip())


def parse_throughput(files: list[Path]) -> float:
    code = (
        "import sys,time\n"
        "from nlp_reports import load_report\n"
        "load_report(sys.argv[1])\n"
        "t=time.perf_counter()\n"
        "for p in sys.argv[1:]: load_report(p)\n"
        "print(time.perf_counter()-t)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True,
                         text=True, check=True).stdout
    return float(out.strip())


def startup() -> tuple[float, float]:
    helps = [timed([*CLI, "--help"])[0] for _ in range(5)]
    firsts = []
    for _ in range(3):
        t, proc = timed([*CLI, "classify"], input="部分工作人员身兼数职，人员变动频繁\n")
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
        firsts.append(t)
    return statistics.median(helps), statistics.median(firsts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small N, to check the script")
    ap.add_argument("--small", type=int)
    ap.add_argument("--large", type=int)
    ap.add_argument("--keep", help="keep the generated corpora and stores in this folder")
    args = ap.parse_args(argv)
    small = args.small or (300 if args.quick else 1000)
    large = args.large or (2000 if args.quick else 20000)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="nlpr-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    from nlp_reports.tokenize import available_engines

    engines = [e for e in ("jieba", "rjieba") if e in available_engines()]
    rows: list[tuple[str, str, str]] = []

    def add(name, value, target=""):
        rows.append((name, value, target))
        print(f"{name:<58} {value:>18}  {target}", flush=True)

    small_dir, large_dir = work / f"corpus{small}", work / f"corpus{large}"
    t0 = time.perf_counter()
    small_bytes = generate(small, small_dir)
    add(f"generated {small} reports", f"{small_bytes / 1e6:.1f} MB",
        f"({time.perf_counter() - t0:.0f} s)")
    files = sorted(small_dir.glob("*.txt"))
    mb = small_bytes / 1e6

    sec = parse_throughput(files)
    add("parse (load_report), 1 core", f"{small / sec:.0f} reports/s", "target ≥ 200/s")
    add("parse throughput", f"{mb / sec:.2f} MB/s")

    jsec = jieba_baseline(files)
    add("plain jieba.lcut, 1 core", f"{mb / jsec:.2f} MB/s", "(yardstick)")

    tag_rate = {}
    for engine in engines:
        db = work / f"tag-{engine}.sqlite"
        db.unlink(missing_ok=True)
        s, rss = run_with_rss([*CLI, "tag", str(small_dir), "--db", str(db), "--jobs", "1",
                               "--tokenizer", engine, "--quiet"])
        tag_rate[engine] = mb / s
        target = "target ≥ 0.8×" if engine == "jieba" else "target ≥ 4×"
        add(f"tag end-to-end, {engine}, --jobs 1", f"{small / s:.0f} reports/s")
        add(f"  ratio to plain jieba ({engine})", f"{(mb / s) / (mb / jsec):.2f}×", target)
    fastest = engines[-1]
    db2 = work / "tag-jobs2.sqlite"
    db2.unlink(missing_ok=True)
    s2, _ = run_with_rss([*CLI, "tag", str(small_dir), "--db", str(db2), "--jobs", "2",
                          "--tokenizer", fastest, "--quiet"])
    add(f"tag --jobs 2 vs --jobs 1 ({fastest})", f"{(mb / s2) / tag_rate[fastest]:.2f}×",
        "target ≥ 1.7×")

    # memory: the same engine at small and large N
    t0 = time.perf_counter()
    generate(large, large_dir, seed=8)
    add(f"generated {large} reports", "", f"({time.perf_counter() - t0:.0f} s)")
    dbs, dbl = work / "mem-small.sqlite", work / "mem-large.sqlite"
    for p in (dbs, dbl):
        p.unlink(missing_ok=True)
    _, rss_s = run_with_rss([*CLI, "tag", str(small_dir), "--db", str(dbs), "--tokenizer", fastest,
                             "--quiet"])
    sl, rss_l = run_with_rss([*CLI, "tag", str(large_dir), "--db", str(dbl), "--tokenizer", fastest,
                              "--quiet"])
    add(f"peak RSS tagging {small} reports", f"{rss_s:.0f} MB")
    add(f"peak RSS tagging {large} reports", f"{rss_l:.0f} MB",
        f"target within 10% ({(rss_l / rss_s - 1) * 100:+.0f}%)")
    add(f"tag {large} reports ({fastest}, 1 job)", f"{sl:.0f} s")

    ssum, proc = timed([*CLI, "summarize", "--db", str(dbl), "--format", "json"])
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    add(f"summarize {large} stored reports", f"{ssum:.2f} s", "target < 5 s")

    h, first = startup()
    add("nlp-reports --help", f"{h:.2f} s", "target < 0.3 s")
    add("first prediction of nlp-reports classify", f"{first:.2f} s", "target < 2 s")

    data = sorted((ROOT / "nlp_reports" / "data" / "labeled").glob("*.jsonl"))
    tt, proc = timed([*CLI, "train", *map(str, data), "--out", str(work / "model")])
    add("train on the shipped corpus", f"{tt:.0f} s" if proc.returncode == 0 else "failed")

    write_markdown(rows, small, large)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def write_markdown(rows, small, large) -> None:
    import nlp_reports

    lines = [
        "# Performance",
        "",
        "Measured by `python benchmarks/run.py` — rerun it to check these figures on your "
        "machine. Written by the script; do not edit by hand.",
        "",
        f"* date: {time.strftime('%Y-%m-%d')}; nlp_reports {nlp_reports.__version__}; "
        f"Python {platform.python_version()}; {os.cpu_count()} cores; {platform.machine()}",
        f"* corpora: {small} and {large} generated reports of 3–40 KB",
        "",
        "| measure | value | target / note |",
        "|---|---:|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
