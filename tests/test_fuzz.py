"""The fuzz harness, bounded: random texts through the whole pipeline (text
-> article file -> build -> SHACL).  No input may crash the build: each
either builds a graph that conforms to ontology/shapes.ttl, or is refused
with a :class:`~kg.errors.InputError` (one line).  A longer run:
benchmarks/fuzz_build.py."""
from __future__ import annotations

import random
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzgen import POOLS, random_text


def build_and_check(folder) -> None:
    """Build every article in ``folder`` and validate; raises on a crash."""
    from rdflib import Graph

    from kg.build import build_graph
    from kg.errors import InputError
    from kg.graph.validate import validate_graph

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = build_graph([folder], jobs=1)
    except InputError:
        return                       # refused in one line: not a crash
    g = Graph()
    for t in res.triples:
        g.add(t)
    rep = validate_graph(g, inplace=True)
    assert rep.conforms, [v.line() for v in rep.violations[:3]]


texts = st.lists(st.one_of(*(st.sampled_from(p) for p in POOLS),
                           st.text(max_size=4)), min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts)
def test_fuzzed_texts_never_crash_the_build(tmp_path, text):
    d = tmp_path / "fuzz"
    d.mkdir(exist_ok=True)
    f = d / "a.txt"
    f.write_text(text + "\n", encoding="utf-8", errors="surrogatepass")
    build_and_check(d)


def test_fuzzed_articles_in_batches_never_crash_the_build(tmp_path):
    """The generator of the long run, a few batches of ten articles."""
    rng = random.Random(13)
    for b in range(10):
        d = tmp_path / f"batch{b}"
        d.mkdir()
        for i in range(10):
            (d / f"a{i}.txt").write_text(random_text(rng), encoding="utf-8")
        build_and_check(d)
