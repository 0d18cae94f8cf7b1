"""The long fuzz run: random article texts through the whole pipeline.

Each case is one article text from tests/fuzzgen.py; cases are built in
batches (one build of --batch articles, then the SHACL check), and a batch
that fails is rebuilt one article at a time to name the culprits.  A crash is
any exception other than a refusal (:class:`kg.errors.InputError`), or a
graph that does not conform to ontology/shapes.ttl.  Crashing inputs are
kept in --keep (default fuzz-crashes/) for a test to be written from.

    .venv/bin/python benchmarks/fuzz_build.py --cases 50000 [--seed 1] [--batch 20]

Prints progress every --report cases and a last line
``fuzz: N cases, C crashes, R refused, S s``; exits 1 if anything crashed.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzgen import random_text  # noqa: E402


def check(folder: Path, knowledge) -> str:
    """"" when the folder builds and conforms, "refused" for an InputError,
    else the crash (one line)."""
    from rdflib import Graph

    from kg.build import build_graph
    from kg.errors import InputError
    from kg.graph.validate import validate_graph

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = build_graph([folder], jobs=1, knowledge=knowledge, progress=False)
        g = Graph()
        for t in res.triples:
            g.add(t)
        rep = validate_graph(g, inplace=True)
    except InputError:
        return "refused"
    except Exception as exc:  # noqa: BLE001 - that is what we count
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__}: {exc} (at {Path(tb.filename).name}:{tb.lineno})"
    if not rep.conforms:
        return "does not conform: " + rep.violations[0].line()
    return ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=20, help="articles per build")
    ap.add_argument("--report", type=int, default=1000, help="progress every N cases")
    ap.add_argument("--keep", default="fuzz-crashes", help="folder for crashing inputs")
    a = ap.parse_args(argv)
    from kg.knowledge import load_knowledge

    k = load_knowledge()
    rng = random.Random(a.seed)
    done = crashes = refused = 0
    kinds: dict[str, int] = {}
    t0 = time.perf_counter()
    next_report = a.report
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        tmp = Path(tmp)
        while done < a.cases:
            n = min(a.batch, a.cases - done)
            texts = [random_text(rng) for _ in range(n)]
            d = tmp / "batch"
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir()
            for i, t in enumerate(texts):
                (d / f"c{done + i:06d}.txt").write_text(t, encoding="utf-8")
            verdict = check(d, k)
            if verdict:      # find which article(s): one at a time
                for i, t in enumerate(texts):
                    one = tmp / "one"
                    shutil.rmtree(one, ignore_errors=True)
                    one.mkdir()
                    (one / "c.txt").write_text(t, encoding="utf-8")
                    v = check(one, k)
                    if v == "refused":
                        refused += 1
                    elif v:
                        crashes += 1
                        key = v.split(" (at ")[0][:120]
                        kinds[key] = kinds.get(key, 0) + 1
                        keep = Path(a.keep)
                        keep.mkdir(parents=True, exist_ok=True)
                        (keep / f"seed{a.seed}-case{done + i:06d}.txt").write_text(t, encoding="utf-8")
                        print(f"crash at case {done + i}: {v}", flush=True)
            done += n
            if done >= next_report:
                print(f"fuzz: {done} cases, {crashes} crashes, {refused} refused, "
                      f"{time.perf_counter() - t0:.0f} s", flush=True)
                next_report += a.report
    for key, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {count:6d}  {key}")
    print(f"fuzz: {done} cases, {crashes} crashes, {refused} refused, "
          f"{time.perf_counter() - t0:.0f} s (seed {a.seed})")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
