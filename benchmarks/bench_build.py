"""Benchmark: extraction and the whole build on the corpus scaled 1x, 10x, 100x.

The scaled corpora are generated from the bundled articles: copy k renames
names (a rotating set of characters in the first two characters of every
place and company suffix chunk is swapped for others) and shifts every number,
so entity resolution and figures see new values. Prints text MB/s per core for
extraction and for the whole build, triples/s, peak RSS, and the ratio of each
scale's time to the 1x time.  Extraction is timed ``--repeat`` times (best and
median shown): a shared machine's speed varies by tens of percent between runs.
A corpus below ``kg.build.PARALLEL_MIN_ARTICLES`` articles runs in one process
and is counted on one core.

    .venv/bin/python benchmarks/bench_build.py [--scales 1,10,100] [--jobs N] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SWAP = "东西南北中上下左右前后山水林田湖草河江海"


def vary(text: str, k: int) -> str:
    """Copy k of an article: other numbers, other names."""
    if k == 0:
        return text
    head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)

    def num(m):
        return str(int(m.group()) + k)

    body = re.sub(r"\d+", num, body)
    # rename the first character of names before common name suffixes
    def name(m):
        c = SWAP[(SWAP.find(m.group(1)) + k) % len(SWAP)] if m.group(1) in SWAP else SWAP[k % len(SWAP)]
        return c + m.group(2)

    body = re.sub(r"([\u4e00-\u9fff])(?=[\u4e00-\u9fff]{1,3}(?:镇|村|有限公司|钛业|集团))(.)", name, body)
    return head + sep + body


def make_corpus(scale: int, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for src in sorted(ARTICLES.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for k in range(scale):
            out = folder / f"{src.stem}-x{k:03d}.txt"
            data = vary(text, k)
            out.write_text(data, encoding="utf-8")
            size += len(data.encode("utf-8"))
    return size


CHILD = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from kg.article import load_article, prepare
from kg.build import build_graph, extract, find_articles
from kg.knowledge import load_knowledge
k = load_knowledge()
files = find_articles([sys.argv[2]])
jobs, repeat = int(sys.argv[3]), int(sys.argv[4])
only_one_core = sys.argv[5:] == ["one-core"]   # the plain-Python copy: one-process column only
def one_core():
    # extraction in this one process, no workers: the engine's speed on one core
    t0 = time.perf_counter()
    arts = extract(files, k, jobs=1, progress=False)
    return time.perf_counter() - t0
def cpu():
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime
base, walls, cpus, ones = [], [], [], []
for _ in range(repeat):
    ones.append(one_core())
    if only_one_core:
        continue
    # baseline on one core: read, decode, NFKC + simplified, sentence split
    tb = time.perf_counter()
    for f in files:
        prepare(load_article(f))
    base.append(time.perf_counter() - tb)
    c0 = cpu()
    t0 = time.perf_counter()
    arts = extract(files, k, jobs=jobs, progress=False)
    walls.append(time.perf_counter() - t0)
    cpus.append(cpu() - c0)
    del arts
if only_one_core:
    print(json.dumps({"one_core": min(ones)}))
    sys.exit(0)
t1 = time.perf_counter()
res = build_graph([sys.argv[2]], knowledge=k, jobs=jobs, progress=False)
t2 = time.perf_counter()
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
from kg.build import PARALLEL_MIN_ARTICLES
cores = jobs if len(files) >= PARALLEL_MIN_ARTICLES else 1
print(json.dumps({"cores": cores, "one_core": min(ones), "baseline": min(base), "extract": min(walls), "extract_median": statistics.median(walls),
                  "extract_cpu": min(cpus), "build": t2 - t1, "triples": len(res.triples),
                  "entities": len(res.entities), "rss_kb": self_rss, "child_rss_kb": kids}))
"""


def child(root: Path, corpus: Path, jobs: int, repeat: int, *extra: str) -> dict:
    import json

    env = dict(os.environ, KG_ONTOLOGY=str(ROOT / "ontology"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(corpus), str(jobs), str(repeat),
                          *extra], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(scale: int, jobs: int, repeat: int, pure: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as d:
        size = make_corpus(scale, Path(d) / "articles")
        r = child(ROOT, Path(d) / "articles", jobs, repeat)
        if pure:
            r["pure_one_core"] = child(pure, Path(d) / "articles", 1, repeat, "one-core")["one_core"]
        r["bytes"] = size
        return r


def pure_copy(folder: Path) -> Path | None:
    """kg's sources without its compiled modules (None when none is compiled)."""
    sys.path.insert(0, str(ROOT))
    from kg.compiled import compiled_modules, plain_copy

    return plain_copy(folder) if compiled_modules() else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3,
                    help="time extraction this many times and report the best and the median")
    a = ap.parse_args()
    scales = [int(s) for s in a.scales.split(",")]
    with tempfile.TemporaryDirectory() as d:
        pure = pure_copy(Path(d))
        print("extraction modules: " + ("compiled (Cython); 'pure MB/s' runs the same sources as "
                                        "plain Python" if pure else "plain Python (not compiled)"))
        table(scales, a, pure)


def table(scales: list[int], a, pure: Path | None) -> None:
    print(f"{'scale':>5} {'MB':>7} {'base MB/s':>9} {'pure MB/s':>9} {'1-core MB/s':>11} {'x pure':>6} {'extract s':>9} {'MB/s/core':>9} "
          f"{'median':>7} {'MB/cpu-s':>8} {'/base':>6} "
          f"{'build s':>8} {'MB/s/core':>9} {'triples':>9} {'triples/s':>10} {'entities':>8} "
          f"{'peak RSS MB':>11} {'time/1x':>8}")
    base = None
    for s in scales:
        r = run(s, a.jobs, a.repeat, pure)
        mb = r["bytes"] / 1e6
        if base is None:
            base = r["build"]
        rss = max(r["rss_kb"], r["child_rss_kb"]) / 1024
        base_rate = mb / r["baseline"]
        per_core = mb / r["extract"] / r["cores"]
        pure_rate = f"{mb / r['pure_one_core']:9.2f}" if pure else f"{'-':>9}"
        ratio = f"{r['pure_one_core'] / r['one_core']:6.2f}" if pure else f"{'-':>6}"
        print(f"{s:5d} {mb:7.2f} {base_rate:9.2f} {pure_rate} {mb / r['one_core']:11.2f} {ratio} "
              f"{r['extract']:9.2f} "
              f"{per_core:9.2f} "
              f"{mb / r['extract_median'] / r['cores']:7.2f} "
              f"{mb / r['extract_cpu']:8.2f} "
              f"{per_core / base_rate:6.2f} "
              f"{r['build']:8.2f} {mb / r['build'] / r['cores']:9.2f} {r['triples']:9d} "
              f"{r['triples'] / r['build']:10.0f} {r['entities']:8d} {rss:11.0f} "
              f"{r['build'] / base:7.1f}x", flush=True)
    print(f"(jobs={a.jobs}; extraction timed {a.repeat} times: 'extract s', 'MB/s/core' and "
          "'MB/cpu-s' are the best run, 'median' the median run's MB/s/core; 'base MB/s' = "
          "reading + NFKC/simplified + sentence split on one core, the baseline of this run; "
          "'1-core MB/s' = extraction in one process (best run); 'pure MB/s' = the same with "
          "the plain-Python modules, 'x pure' = how many times faster the compiled ones are; "
          "'MB/s/core' = MB / wall time / cores used (jobs, or 1 for a corpus too small to split); 'MB/cpu-s' = MB per CPU-second spent by all "
          "processes (parent and workers); '/base' = MB/s/core as a fraction of the baseline; "
          "'build' = extraction + merge + RDF + Turtle, without SHACL validation, timed once; "
          "time/1x compares whole-build times)")

if __name__ == "__main__":
    main()
