"""Benchmark: the named queries on plain rdflib and on Oxigraph (oxrdflib).

Runs every named query on the bundled graph and on a synthetic graph of about
one million triples shaped like ours (the bundled graph copied N times with
renamed IRIs; the labels stay, so that a query naming an entity, such as
``figures-about`` with ``name=金川集团``, finds it in every copy and every named
query works on the whole graph: the "rows" column shows how many times the
bundled graph's rows each query returns), and prints per-query medians and
the ratio.  Both engines run each query the same number of times.

    .venv/bin/python benchmarks/bench_queries.py [--triples 1000000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import QueryError  # noqa: E402
from kg.ontology import ID_NS  # noqa: E402
from kg.graph.query import list_queries, run_query  # noqa: E402
from kg.graph.store import open_graph  # noqa: E402


def synthetic(src: Path, target: int, out: Path) -> int:
    """Copy the N-Triples of ``src`` until ``target`` triples, renaming every
    IRI of ours in copy k (copy 0 is the original); literals, and so labels,
    are the same in every copy."""
    from rdflib import Graph

    g = Graph()
    g.parse(src)
    lines = g.serialize(format="nt").splitlines()
    copies = max(1, target // len(lines))
    with open(out, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for line in lines:
                if k:
                    line = line.replace(ID_NS, f"{ID_NS}c{k}/")
                fh.write(line + "\n")
    return copies * len(lines)


def timed(g, q, repeat: int, timeout: float) -> tuple[float | None, int]:
    ts = []
    n = 0
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            r = run_query(g, q.text, defaults=q.params, langs=q.langs, timeout=timeout)
        except QueryError:
            return None, -1
        ts.append(time.perf_counter() - t)
        n = len(r.rows)
    return statistics.median(ts), n


def run(graph: Path, label: str, repeat: int, timeout: float, base_rows: dict | None = None) -> dict:
    t = time.perf_counter()
    ox = open_graph(graph, backend="oxigraph")
    t_ox = time.perf_counter() - t
    t = time.perf_counter()
    rd = open_graph(graph, backend="rdflib")
    t_rd = time.perf_counter() - t
    print(f"\n== {label}: {len(rd)} triples; load rdflib {t_rd:.2f} s, oxigraph {t_ox:.2f} s "
          f"(ratio {t_rd / t_ox:.1f}x)")
    print(f"{'query':26} {'rows':>6} {'x rows':>7} {'rdflib ms':>11} {'oxigraph ms':>12} {'ratio':>8}")
    rows = {}
    ratios = []
    tot_rd = tot_ox = 0.0
    for q in list_queries():
        run_query(ox, q.text, defaults=q.params, langs=q.langs)      # warm the parse cache
        m_ox, n = timed(ox, q, repeat, timeout)
        m_rd, _ = timed(rd, q, repeat, timeout)
        rows[q.name] = n
        scale = (f"{n / base_rows[q.name]:6.0f}x" if base_rows and base_rows.get(q.name)
                 else f"{'-':>7}")
        rd_s = f"{m_rd * 1000:11.1f}" if m_rd is not None else f"{'>' + str(int(timeout)) + ' s':>11}"
        ratio = (m_rd / m_ox) if (m_rd and m_ox) else (timeout / m_ox if m_ox else float("nan"))
        ratios.append(ratio)
        tot_ox += m_ox or 0.0
        tot_rd += m_rd if m_rd is not None else timeout
        print(f"{q.name:26} {n:6d} {scale} {rd_s} {m_ox * 1000:12.2f} {ratio:7.1f}x"
              + ("" if m_rd is not None else " (at least)"))
    print(f"whole library (sum of medians): rdflib {tot_rd * 1000:.0f} ms, oxigraph "
          f"{tot_ox * 1000:.0f} ms, ratio {tot_rd / tot_ox:.1f}x; median per-query ratio "
          f"{statistics.median(ratios):.1f}x; {sum(r >= 20 for r in ratios)}/{len(ratios)} "
          f"queries at least 20x")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each query on each engine")
    ap.add_argument("--timeout", type=float, default=120.0)
    a = ap.parse_args()
    graph = ROOT / "data" / "triples.ttl"
    base = run(graph, "bundled", a.repeat, a.timeout)
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "big.nt"
        n = synthetic(graph, a.triples, big)
        ttl = Path(d) / "big.ttl"      # N-Triples is valid Turtle
        big.rename(ttl)
        run(ttl, f"synthetic ~{n} triples", a.repeat, a.timeout, base)


if __name__ == "__main__":
    main()
