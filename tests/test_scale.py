"""Issue 14: the build at scale: one store, incremental rebuilds, a Dask cluster."""
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import ARTICLES, ROOT


def _corpus(folder, copies=2):
    """The bundled articles and ``copies - 1`` renamed copies of each."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_build import vary

    folder.mkdir(parents=True, exist_ok=True)
    for src in sorted(ARTICLES.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        for k in range(copies):
            (folder / f"{src.stem}-x{k}.txt").write_text(vary(text, k), encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch):
    """Counts the articles extracted in this process."""
    from kg import build as b

    seen = []
    real = b._extract_one

    def one(path, ctx):
        seen.append(path)
        return real(path, ctx)

    monkeypatch.setattr(b, "_extract_one", one)
    return seen


def test_the_build_store_holds_what_was_written(tmp_path):
    from kg.build import build
    from kg.graph.query import load_query, run_query
    from kg.graph.store import open_graph, rdflib_view

    res = build([ARTICLES], tmp_path / "out", html=False, cache=False,
                store_dir=tmp_path / "store")
    assert set(res.timings) >= {"extract", "rdf", "turtle", "store", "validate", "write"}
    # the on-disk store is the one `kg query --store` reads, and holds the graph
    q = load_query("entity-counts")
    ds = rdflib_view(res.store)
    a = run_query(ds, q.text, defaults=q.params, langs=q.langs).rows
    del ds, res
    import gc

    gc.collect()
    reopened = open_graph(tmp_path / "out" / "triples.ttl", store_dir=tmp_path / "store")
    b = run_query(reopened, q.text, defaults=q.params, langs=q.langs).rows
    assert a == b and a


def test_incremental_rebuild_is_byte_identical_to_a_clean_build(tmp_path, counted):
    from kg.build import build

    corpus = _corpus(tmp_path / "articles", copies=2)
    out = tmp_path / "out"
    build([corpus], out, html=False, jobs=1)
    first = sorted(counted)
    assert len(first) == 6
    counted.clear()
    build([corpus], out, html=False, jobs=1)           # nothing changed
    assert counted == []
    names = sorted(corpus.glob("*.txt"))
    # change one, remove one, add one
    changed = names[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("金川集团", "金川公司", 1),
                       encoding="utf-8")
    names[1].unlink()
    added = corpus / "zz-new.txt"
    added.write_text("甘肃正昊钛业有限公司位于金昌经济技术开发区。"
                     "甘肃德通国钛金属有限公司向正昊钛业供应海绵钛。\n", encoding="utf-8")
    counted.clear()
    inc = build([corpus], out, html=False, jobs=1)
    assert sorted(counted) == sorted([str(changed), str(added)])
    clean = build([corpus], tmp_path / "clean", html=False, jobs=1, cache=False)
    assert (out / "triples.ttl").read_bytes() == (tmp_path / "clean" / "triples.ttl").read_bytes()
    assert inc.turtle == clean.turtle
    assert "金川公司" in inc.turtle
    # the removed article's entry is pruned: one entry per article of the corpus
    entries = list((out / ".kg-cache").rglob("*.pickle"))
    assert len(entries) == 6


@pytest.mark.parametrize("copies", [1, 3])
def test_the_streamed_turtle_is_the_in_memory_one(tmp_path, copies):
    """kg build writes triples.ttl an article at a time (kg.graph.spool); the
    bytes are to_turtle's of the whole corpus's triples."""
    from kg.build import build, build_graph

    corpus = ARTICLES if copies == 1 else _corpus(tmp_path / "a", copies)
    res = build([corpus], tmp_path / "out", html=False, cache=False)
    ref = build_graph([corpus], jobs=1)
    assert (tmp_path / "out" / "triples.ttl").read_text(encoding="utf-8") == ref.turtle
    assert res.summary() == ref.summary()
    assert not list((tmp_path / "out").rglob(".kg-spool-*"))      # the spool is removed


def test_an_empty_spool_writes_what_to_turtle_writes(tmp_path):
    import io

    from kg.graph.rdf import to_turtle
    from kg.graph.spool import TurtleSpool

    buf = io.BytesIO()
    with TurtleSpool(tmp_path) as sp:
        sp.write(buf)
    assert buf.getvalue().decode("utf-8") == to_turtle(set())


def test_the_store_loaded_a_slice_at_a_time_holds_the_whole_graph(tmp_path):
    """The build loads its store from the written file in slices cut at
    subject blocks (bounded bulk-loader memory); the store is the one a
    single load of the file gives, and its temporary folder goes with it."""
    from kg.build import stream_graph
    from kg.graph.spool import TurtleSpool
    from kg.graph.store import build_store_file

    out = tmp_path / "t.ttl"
    with open(out, "wb") as fh:
        got = stream_graph([ARTICLES], tmp_path, fh, jobs=1)
    assert got["cuts"] and got["cuts"][0] > 0
    # finer cuts than the build's, to load in many slices
    import io

    from kg import build as b

    whole = build_store_file(out)
    buf = io.BytesIO()
    real_write = TurtleSpool.write
    try:
        TurtleSpool.write = lambda self, fh, cut_every=4096, diff=None: real_write(self, fh, cut_every, diff)
        got = b.stream_graph([ARTICLES], tmp_path, buf, jobs=1)
    finally:
        TurtleSpool.write = real_write
    assert buf.getvalue() == out.read_bytes() and len(got["cuts"]) > 50
    sliced = build_store_file(out, cuts=got["cuts"], on_disk=True)
    assert len(sliced) == len(whole) > 7000
    assert set(map(str, sliced)) == set(map(str, whole))
    # the temporary folder is removed when the process ends
    import json
    import subprocess

    code = ("import json, sys, pathlib, tempfile; from kg.graph.store import build_store_file; "
            "s = build_store_file(sys.argv[1], on_disk=True); "
            "print(json.dumps([str(f) for f in pathlib.Path(tempfile.gettempdir()).glob('kg-store-*')]))")
    before = set(map(str, Path(tempfile.gettempdir()).glob("kg-store-*")))
    r = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True,
                       timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    made = set(json.loads(r.stdout)) - before
    assert len(made) == 1 and not Path(made.pop()).exists()


def test_a_rebuild_renders_only_the_articles_whose_triples_change(tmp_path, counted, monkeypatch):
    """An article's cached triples are reused while its signature holds; an
    article that takes the first mention of an entity from another one (so
    the entity's evidence moves), or changes an entity's class, makes the
    articles that mention it render again, and the output stays the clean
    build's bytes."""
    from kg import build as b

    rendered = []
    real = b._article_part

    def part(i, corpus, *a):
        rendered.append(corpus.files[i].name)
        return real(i, corpus, *a)

    monkeypatch.setattr(b, "_article_part", part)
    corpus = _corpus(tmp_path / "articles", copies=2)
    out = tmp_path / "out"
    b.build([corpus], out, html=False, jobs=1)
    assert len(rendered) == 6
    rendered.clear()
    counted.clear()
    b.build([corpus], out, html=False, jobs=1)
    assert rendered == [] and counted == []
    # sorts first, so it holds the first mention of 金川集团 and 金昌市 now
    (corpus / "000-first.txt").write_text("金川集团位于甘肃省金昌市。\n", encoding="utf-8")
    rendered.clear()
    b.build([corpus], out, html=False, jobs=1)
    assert "000-first.txt" in rendered and 1 < len(rendered) <= 7
    clean = tmp_path / "clean"
    b.build([corpus], clean, html=False, jobs=1, cache=False)
    assert (out / "triples.ttl").read_bytes() == (clean / "triples.ttl").read_bytes()
    # and back: the first mention returns to the article that had it
    (corpus / "000-first.txt").unlink()
    rendered.clear()
    b.build([corpus], out, html=False, jobs=1)
    assert 0 < len(rendered) < 6
    b.build([corpus], clean, html=False, jobs=1, cache=False)
    assert (out / "triples.ttl").read_bytes() == (clean / "triples.ttl").read_bytes()


def test_the_type_guard_warns_on_a_cached_rebuild_too(tmp_path, recwarn, monkeypatch):
    """The guard's warnings are kept with the article's triples: a rebuild
    from the cache (the guard not run) says the same as the first build."""
    import warnings

    from kg import guard
    from kg.build import build
    from kg.errors import KGWarning

    calls = []
    real = guard.guard_article

    def noisy(art, ents):      # today's extractor makes no fact the guard drops
        calls.append(art.id)
        warnings.warn(KGWarning(f"article {art.id}: dropped a fact"))
        return real(art, ents)

    monkeypatch.setattr(guard, "guard_article", noisy)
    build([ARTICLES], tmp_path / "out", html=False, jobs=1)
    first = sorted(str(w.message) for w in recwarn if issubclass(w.category, KGWarning))
    assert len(first) == 3 and len(calls) == 3
    recwarn.clear()
    build([ARTICLES], tmp_path / "out", html=False, jobs=1)
    again = sorted(str(w.message) for w in recwarn if issubclass(w.category, KGWarning))
    assert len(calls) == 3 and again == first


def test_a_knowledge_edit_or_new_code_invalidates_the_cache(tmp_path, counted, monkeypatch):
    from kg import cache as c
    from kg.build import build
    from kg.knowledge import load_knowledge

    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    out = tmp_path / "out"
    build([ARTICLES], out, html=False, jobs=1, knowledge=load_knowledge(onto))
    counted.clear()
    with open(onto / "lexicon.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    build([ARTICLES], out, html=False, jobs=1, knowledge=load_knowledge(onto))
    assert len(counted) == 3
    counted.clear()
    # an edit of kg's code: its files' times (or sizes) and their hash change
    monkeypatch.setattr(c, "code_stat", lambda: "f" * 64)
    monkeypatch.setattr(c, "code_version", lambda: "another version of kg")
    build([ARTICLES], out, html=False, jobs=1, knowledge=load_knowledge(onto))
    assert len(counted) == 3


def test_the_code_hash_is_kept_under_the_code_files_times(tmp_path, counted, monkeypatch):
    from kg import cache as c
    from kg.build import build

    out = tmp_path / "out"
    build([ARTICLES], out, html=False, jobs=1)
    kept = (out / ".kg-cache" / "code-version").read_text("ascii").split()
    assert kept == [c.code_stat(), c.code_version()]
    hashed = []
    monkeypatch.setattr(c, "code_version", lambda: hashed.append(1) or kept[1])
    counted.clear()
    build([ARTICLES], out, html=False, jobs=1)
    assert hashed == [] and counted == []          # read, not hashed; every entry a hit
    monkeypatch.setattr(c, "code_stat", lambda: "e" * 64)   # a file's time changed
    build([ARTICLES], out, html=False, jobs=1)
    assert hashed == [1] and counted == []          # hashed again: the same code


def test_the_thesaurus_words_are_kept_beside_the_cache(tmp_path, monkeypatch):
    from kg import thesaurus
    from kg.build import build, open_cache
    from kg.knowledge import load_knowledge

    out = tmp_path / "out"
    build([ARTICLES], out, html=False, jobs=1)
    assert (out / ".kg-cache" / "thesaurus.marshal").is_file()
    k = load_knowledge()
    want = (thesaurus.load_things(k.thing_classes),
            thesaurus.load_things(k.site_classes + k.abstract_classes))

    def no_tree():
        raise AssertionError("the thesaurus was read again")

    monkeypatch.setattr(thesaurus, "_tree", no_tree)
    open_cache(True, out, k)
    assert (k.things(), k.sites()) == want
    # other classes: made again (and the tree read)
    k2 = load_knowledge()
    k2.thing_classes = ("Bh07",)
    with pytest.raises(AssertionError):
        open_cache(True, out, k2)


def test_a_damaged_cache_entry_is_extracted_again(tmp_path, counted):
    from kg.build import build

    out = tmp_path / "out"
    first = build([ARTICLES], out, html=False, jobs=1)
    entry = sorted((out / ".kg-cache").rglob("*.pickle"))[0]
    entry.write_bytes(entry.read_bytes()[:20])
    counted.clear()
    again = build([ARTICLES], out, html=False, jobs=1)
    assert len(counted) == 1
    assert again.turtle == first.turtle


def test_kg_build_no_cache_writes_no_cache(tmp_path, kg_cli):
    r = kg_cli("build", "--out", tmp_path, "--no-html", "--no-cache")
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / ".kg-cache").exists()


# ------------------------------------------------------------ Dask cluster
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster():
    """A real local cluster: a scheduler and two worker processes on
    127.0.0.1, torn down after the test."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", scheduler_port=_free_port(),
                                       dashboard_address=None, silence_logs=40)
    try:
        with distributed.Client(cluster, timeout=60) as c:
            c.wait_for_workers(2, timeout=120)
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=60)


def test_a_build_on_a_dask_cluster_is_byte_identical(tmp_path, kg_cli, dask_cluster):
    corpus = _corpus(tmp_path / "articles", copies=2)
    assert dask_cluster.startswith("tcp://127.0.0.1:")
    before = set(Path(tempfile.gettempdir()).glob("kg-knowledge-*"))
    t = time.monotonic()
    r = kg_cli("build", corpus, "--out", tmp_path / "remote", "--no-cache", "--no-html",
               "--scheduler", dask_cluster)
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t < 300
    # the workers' copy of the knowledge files is gone once loaded
    assert set(Path(tempfile.gettempdir()).glob("kg-knowledge-*")) <= before
    r = kg_cli("build", corpus, "--out", tmp_path / "local", "--no-cache", "--no-html",
               "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert ((tmp_path / "remote" / "triples.ttl").read_bytes()
            == (tmp_path / "local" / "triples.ttl").read_bytes())


def test_a_bad_article_on_the_cluster_names_the_file(tmp_path, kg_cli, dask_cluster):
    corpus = _corpus(tmp_path / "articles", copies=1)
    bad = corpus / "bad.txt"
    bad.write_text("---\ntitle: 空\n---\n\n", encoding="utf-8")
    r = kg_cli("build", corpus, "--out", tmp_path / "out", "--no-cache",
               "--scheduler", dask_cluster)
    assert r.returncode == 1
    assert str(bad) in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "out" / "triples.ttl").exists()


def test_an_unreachable_scheduler_is_one_line(tmp_path, kg_cli):
    pytest.importorskip("distributed")
    addr = f"tcp://127.0.0.1:{_free_port()}"
    r = kg_cli("build", "--out", tmp_path, "--no-cache", "--scheduler", addr,
               env={"KG_DASK_TIMEOUT": "3"})
    assert r.returncode == 1
    assert addr in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


# ------------------------------------------------------------ the page at scale
def _chain(n: int):
    import networkx as nx

    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"urn:e{i}", label=f"实体{i}", label_en="", type="Enterprise", figures=[])
    for i in range(1, n):
        G.add_edge(f"urn:e{i}", f"urn:e{(i - 1) // 3}", key="subsidiaryOf", predicate="subsidiaryOf")
    return G


def test_the_layout_is_deterministic_and_spread_out():
    import networkx as nx

    from kg.viz import layout_positions

    U = nx.Graph(_chain(1200).to_undirected())
    a, b = layout_positions(U), layout_positions(nx.Graph(sorted(U.edges(), reverse=True)))
    assert a == b                                  # insertion order does not matter
    # normalised: the wider axis spans [-1, 1]
    assert max(max(abs(x), abs(y)) for x, y in a.values()) == pytest.approx(1.0)
    assert all(abs(x) <= 1 + 1e-9 and abs(y) <= 1 + 1e-9 for x, y in a.values())
    assert len({(round(x, 3), round(y, 3)) for x, y in a.values()}) > 1100   # not collapsed


def test_a_large_page_draws_the_top_entities_and_says_what_is_left_out(tmp_path):
    from kg.viz import cap_nodes, page_data

    G = _chain(60)
    H, note = cap_nodes(G, limit=10)
    assert H.number_of_nodes() == 10
    assert "urn:e0" in H                           # the root of the tree ranks first
    assert "60" in note and "50" in note and "kg viz --focus" in note
    same, none = cap_nodes(G, limit=60)
    assert same is G and none == ""
    data = page_data(H)
    assert len(data["nodes"]) == 10


def test_the_built_page_carries_the_note_above_the_cap(tmp_path, monkeypatch):
    import json
    import re

    from kg import viz
    from kg.build import build

    monkeypatch.setattr(viz, "PAGE_MAX_NODES", 50)
    monkeypatch.setattr(viz.cap_nodes, "__defaults__", (50,))
    build([ARTICLES], tmp_path, cache=False)
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 50
    assert "kg viz --focus" in data["note"] and 'id="kg-note"' in page


@pytest.mark.parametrize("copies", [1, 3])
def test_the_page_projection_from_the_store_is_the_rdflib_one(tmp_path, copies):
    """The build draws its page from the store; it must be the projection
    kg.analysis.to_networkx and kg.viz._sources make from an rdflib graph."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    from kg.analysis import to_networkx
    from kg.build import build_graph
    from kg.graph.store import build_store
    from kg.viz import page_projection
    from kg.viz import _sources

    corpus = ARTICLES if copies == 1 else _corpus(tmp_path / "a", copies)
    res = build_graph([corpus], jobs=1)
    g = Graph()
    g.parse(data=res.turtle, format="turtle")
    G, sources, titles = page_projection(build_store(res.turtle))
    R = to_networkx(g)
    assert dict(G.nodes(data=True)) == dict(R.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True), key=repr) == sorted(R.edges(keys=True, data=True), key=repr)
    assert sources == _sources(g)
    assert titles == sorted(str(t) for t in g.objects(None, DCTERMS.title))


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_a_graph_that_does_not_conform_leaves_the_store_alone(tmp_path, request, engine):
    import pyoxigraph as ox

    from kg import build as b
    from kg.errors import ValidationError

    store = tmp_path / "store"
    b.build([ARTICLES], tmp_path / "out", html=False, cache=False, store_dir=store)
    before = len(ox.Store(str(store)))
    import gc

    gc.collect()
    request.getfixturevalue("units_dropped")      # the observations lose their unit
    with pytest.raises(ValidationError) as e:
        b.build([ARTICLES], tmp_path / "out", html=False, cache=False, store_dir=store,
                engine=engine)
    assert "unit" in str(e.value)
    assert len(ox.Store(str(store))) == before


# ---------------------------------------------------------------- the kept store
def _store_lines(store) -> list[str]:
    import pyoxigraph as ox

    return sorted(str(ox.Triple(q.subject, q.predicate, q.object))
                  for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def _query_rows(store, name="entity-counts"):
    from kg.graph.query import load_query, run_query
    from kg.graph.store import rdflib_view

    q = load_query(name)
    return run_query(rdflib_view(store), q.text, defaults=q.params, langs=q.langs).rows


@pytest.fixture
def applied(monkeypatch):
    """Counts the rebuilds that updated the kept store by the changed blocks."""
    from kg.graph import incremental as inc

    seen = []
    real = inc.apply_to_store

    def apply(store, new, gone, old=None):
        seen.append((len(new), len(gone)))
        return real(store, new, gone, old)

    monkeypatch.setattr(inc, "apply_to_store", apply)
    return seen


def test_a_rebuild_updates_the_kept_store_and_page_to_a_clean_builds(tmp_path, applied):
    """Change, add and remove articles: the rebuild updates the store kept in
    the cache by the subjects whose Turtle changed, validates and redraws
    from what it kept; triples.ttl, graph.html, the store's triples and a
    query's answer are a clean build's."""
    import gc

    from kg.build import build

    corpus = _corpus(tmp_path / "articles", copies=2)
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([corpus], out, jobs=1)
    gc.collect()
    assert applied == [] and (out / ".kg-cache" / "graph" / "store").is_dir()
    names = sorted(corpus.glob("*.txt"))
    steps = [
        lambda: (corpus / "zz-new.txt").write_text(
            "甘肃正昊钛业有限公司位于金昌经济技术开发区。"
            "甘肃德通国钛金属有限公司向正昊钛业供应海绵钛。\n", encoding="utf-8"),
        lambda: names[0].write_text(names[0].read_text(encoding="utf-8")
                                    .replace("金川集团", "金川公司", 1), encoding="utf-8"),
        lambda: names[1].unlink(),
    ]
    for i, step in enumerate(steps):
        step()
        inc = build([corpus], out, jobs=1)
        assert len(applied) == i + 1 and applied[-1][0] > 0
        ref = build([corpus], clean, jobs=1, cache=False)
        for f in ("triples.ttl", "graph.html"):
            assert (out / f).read_bytes() == (clean / f).read_bytes(), (i, f)
        assert _store_lines(inc.store) == _store_lines(ref.store)
        assert _query_rows(inc.store) == _query_rows(ref.store) != []
        del inc, ref
        gc.collect()
    assert applied[-1][1] > 0            # the removed article's subjects went


def test_the_kept_store_answers_queries_after_the_process_ends(tmp_path, kg_cli):
    """`kg build` twice in separate processes (the second adds an article)
    leaves the kept store holding the clean build's triples."""
    import pyoxigraph as ox

    corpus = _corpus(tmp_path / "articles", copies=1)
    out = tmp_path / "out"
    assert kg_cli("build", corpus, "--out", out, "--no-html").returncode == 0
    (corpus / "zz-new.txt").write_text("甘肃正昊钛业有限公司位于金昌经济技术开发区。\n",
                                       encoding="utf-8")
    r = kg_cli("build", corpus, "--out", out, "--no-html")
    assert r.returncode == 0, r.stderr
    assert kg_cli("build", corpus, "--out", tmp_path / "clean", "--no-html", "--no-cache",
                  "--store", tmp_path / "cs").returncode == 0
    kept = ox.Store(str(out / ".kg-cache" / "graph" / "store"))
    ref = ox.Store(str(tmp_path / "cs"))
    assert _store_lines(kept) == _store_lines(ref)
    assert _query_rows(kept) == _query_rows(ref) != []


def test_an_added_article_that_breaks_a_shape_is_reported_by_the_rebuild(
        tmp_path, applied, request):
    """Only the changed nodes are validated on a rebuild: an added article
    whose observations lose their unit is still refused, naming the node,
    and the kept store and outputs stay as they were."""
    import gc

    from kg import build as b
    from kg.errors import ValidationError

    corpus = _corpus(tmp_path / "articles", copies=1)
    out = tmp_path / "out"
    b.build([corpus], out, html=False, jobs=1)
    gc.collect()
    before = (out / "triples.ttl").read_bytes()
    from kg.graph import validate as v

    checked = []
    real_check = v.check_file
    mp = pytest.MonkeyPatch()
    mp.setattr(v, "check_file", lambda *a, **kw: (checked.append(a), real_check(*a, **kw))[1])
    try:
        request.getfixturevalue("units_dropped")
        (corpus / "zz-new.txt").write_text(
            "甘肃正昊钛业有限公司2023年生产海绵钛1.5万吨。\n", encoding="utf-8")
        with pytest.raises(ValidationError) as e:
            b.build([corpus], out, html=False, jobs=1)
    finally:
        mp.undo()
    assert "unit" in str(e.value) and "zz-new" in str(e.value)
    assert checked == []                  # the incremental check found it
    assert applied == []                  # and the kept store was not touched
    assert (out / "triples.ttl").read_bytes() == before
    gc.collect()
    (corpus / "zz-new.txt").unlink()
    b.build([corpus], out, html=False, jobs=1)      # the old corpus again: from the state
    assert (out / "triples.ttl").read_bytes() == before


def test_a_dirty_or_stale_state_is_not_built_on(tmp_path, applied):
    """A build killed while it updated the kept store leaves ``dirty`` in the
    state: the next build fills the store from the whole file."""
    import gc
    import json

    from kg.build import build

    corpus = _corpus(tmp_path / "articles", copies=1)
    out = tmp_path / "out"
    build([corpus], out, html=False, jobs=1)
    gc.collect()
    meta = out / ".kg-cache" / "graph" / "meta.json"
    m = json.loads(meta.read_text(encoding="utf-8"))
    assert m["dirty"] is False and m["validated"] is True
    meta.write_text(json.dumps(dict(m, dirty=True)), encoding="utf-8")
    (corpus / "zz-new.txt").write_text("甘肃正昊钛业有限公司位于金昌经济技术开发区。\n",
                                       encoding="utf-8")
    res = build([corpus], out, html=False, jobs=1)
    assert applied == []
    assert json.loads(meta.read_text(encoding="utf-8"))["dirty"] is False
    del res
    gc.collect()
    (corpus / "zz-new.txt").unlink()
    build([corpus], out, html=False, jobs=1)
    assert len(applied) == 1


def test_a_page_that_fails_in_its_process_fails_the_rebuild_and_changes_nothing(
        tmp_path, applied, monkeypatch):
    """A rebuild draws the page in a forked process: an error there is the
    build's (one line, a KGError), no output changes, and the kept state
    is not built on; the next build is a clean build's again."""
    import gc

    from kg import build as b
    from kg import viz
    from kg.errors import StageError

    corpus = _corpus(tmp_path / "articles", copies=1)
    out, clean = tmp_path / "out", tmp_path / "clean"
    b.build([corpus], out, jobs=1)
    gc.collect()
    before = {f: (out / f).read_bytes() for f in ("triples.ttl", "graph.html")}
    pages = []
    real = b._fork_aside
    monkeypatch.setattr(b, "_fork_aside", lambda fn, *a: (pages.append(fn), real(fn, *a))[1])

    def broken(*_a, **_k):
        raise StageError("the page cannot be drawn", stage="page")

    with monkeypatch.context() as m:
        m.setattr(viz, "write_projection", broken)
        (corpus / "zz-new.txt").write_text("甘肃正昊钛业有限公司位于金昌经济技术开发区。\n",
                                           encoding="utf-8")
        with pytest.raises(StageError, match="the page cannot be drawn"):
            b.build([corpus], out, jobs=1)
    assert b._page_served in pages      # drawn aside
    assert {f: (out / f).read_bytes() for f in before} == before
    assert not (out / ".kg-cache" / "graph" / "page.new").exists()
    gc.collect()
    b.build([corpus], out, jobs=1)
    b.build([corpus], clean, jobs=1, cache=False)
    for f in before:
        assert (out / f).read_bytes() == (clean / f).read_bytes(), f


def test_kept_shared_blocks_that_disagree_with_the_index_are_not_trusted(tmp_path, applied):
    """A rebuild reads a changed shared node's old triples from the blocks
    the last build kept, only where a block's digest is the index's; else
    from the store: a kept block made wrong still gives a clean build's
    store."""
    import gc
    import marshal

    from kg.build import build
    from kg.graph import incremental as inc

    corpus = _corpus(tmp_path / "articles", copies=1)
    out = tmp_path / "out"
    build([corpus], out, html=False, jobs=1)
    gc.collect()
    f = out / ".kg-cache" / "graph" / "shared.marshal"
    tag, blocks = marshal.loads(f.read_bytes())
    assert tag == inc.SHARED_FORMAT and blocks
    # every kept block now says it has a triple the graph never had
    bad = {k: b.replace(b" .\n", b" ;\n    <http://example.org/stale> \"x\" .\n")
           for k, b in blocks.items()}
    f.write_bytes(marshal.dumps((tag, bad)))
    (corpus / "zz-new.txt").write_text("甘肃正昊钛业有限公司位于金昌经济技术开发区。\n",
                                       encoding="utf-8")
    inc_res = build([corpus], out, html=False, jobs=1)
    assert len(applied) == 1
    ref = build([corpus], tmp_path / "clean", html=False, jobs=1, cache=False)
    assert _store_lines(inc_res.store) == _store_lines(ref.store)
    assert marshal.loads(f.read_bytes())[1] != bad       # kept again as written


def test_old_triples_known_reads_only_blocks_the_index_vouches_for():
    """kg.graph.incremental.old_triples_known: a new block's subject had no
    triples; a changed one's are the kept block's when its digest is the
    old index's; otherwise it is left to the store."""
    from kg.graph import incremental as inc
    from kg.graph.spool import turtle_header

    head = turtle_header().encode("utf-8")
    a, b, c = (f"http://example.org/{n}".encode() for n in "abc")
    old_a = b"<http://example.org/a> <http://example.org/p> \"1\" .\n"
    old_b = b"<http://example.org/b> <http://example.org/p> \"2\" .\n"

    class Diff:
        changed = [(a, b"..."), (b, b"..."), (c, b"...")]
        old_digest = {a: inc.digest(old_a), b: inc.digest(b"another block")}

    got = inc.old_triples_known(head, Diff, {a: old_a, b: old_b})
    assert set(got) == {"http://example.org/a", "http://example.org/c"}
    assert got["http://example.org/c"] == set()
    assert [q.object.value for q in got["http://example.org/a"]] == ["1"]


def test_a_rebuild_copies_the_unchanged_blocks_from_the_last_file(tmp_path, applied,
                                                                  monkeypatch):
    """A rebuild copies the kept articles' blocks from the last build's
    triples.ttl (kg.graph.incremental.Splice) and merges in only the rest:
    adding, changing and removing articles, and moving a first mention,
    give a clean build's bytes and store; a triples.ttl that is not the
    file the state describes (touched, replaced) or a damaged parts file
    is not copied from, and the output is the same."""
    import gc
    import os

    from kg import build as b
    from kg.graph import spool

    spliced = []
    real = spool.TurtleSpool.write_spliced

    def counted_splice(self, fh, splice, parts, diff, *a):
        spliced.append(len(self._runs))
        return real(self, fh, splice, parts, diff, *a)

    monkeypatch.setattr(spool.TurtleSpool, "write_spliced", counted_splice)
    corpus = _corpus(tmp_path / "articles", copies=2)
    out, clean = tmp_path / "out", tmp_path / "clean"
    b.build([corpus], out, html=False, jobs=1)
    assert spliced == []
    names = sorted(corpus.glob("*.txt"))
    state = out / ".kg-cache" / "graph"

    def touched():
        os.utime(out / "triples.ttl", ns=(1, 1))

    def parts_damaged():
        (state / "parts.marshal").write_bytes(b"not marshal")

    steps = [
        (lambda: (corpus / "zz-new.txt").write_text(
            "甘肃正昊钛业有限公司位于金昌经济技术开发区。\n", encoding="utf-8"), True),
        (lambda: names[0].write_text(names[0].read_text(encoding="utf-8")
                                     .replace("金川集团", "金川公司", 1), encoding="utf-8"), True),
        (lambda: (corpus / "000-first.txt").write_text("金川集团位于甘肃省金昌市。\n",
                                                      encoding="utf-8"), True),
        (lambda: names[1].unlink(), True),
        (lambda: (touched(), (corpus / "zz-two.txt").write_text(
            "金昌市位于甘肃省。\n", encoding="utf-8")), False),
        (lambda: (parts_damaged(), (corpus / "zz-two.txt").unlink()), False),
        (lambda: (corpus / "000-first.txt").unlink(), True),
    ]
    for i, (step, copied) in enumerate(steps):
        step()
        spliced.clear()
        res = b.build([corpus], out, html=False, jobs=1)
        assert bool(spliced) == copied, i
        if copied:
            assert spliced[0] < len(list(corpus.glob("*.txt"))), i   # not every run merged
        ref = b.build([corpus], clean, html=False, jobs=1, cache=False)
        assert (out / "triples.ttl").read_bytes() == (clean / "triples.ttl").read_bytes(), i
        assert _store_lines(res.store) == _store_lines(ref.store), i
        del res, ref
        gc.collect()
    assert len(applied) == len(steps)


def _subject_diff(old, new):
    """(new subject -> its triples as pyoxigraph triples, removed subjects)
    between two rdflib graphs."""
    import pyoxigraph as ox

    def by_subject(g):
        out = {}
        for s, p, o in g:
            out.setdefault(str(s), set()).add((s, p, o))
        return out

    a, b = by_subject(old), by_subject(new)
    changed = {s for s in b if a.get(s) != b[s]}
    nt = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s in sorted(changed) for s, p, o in b[s])
    parsed: dict = {}
    for q in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        parsed.setdefault(q.subject.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return parsed, set(a) - set(b)


def _m_retyped(g):
    """A product's class removed: the nodes pointing to it fail sh:class."""
    from rdflib.namespace import RDF

    from kg.namespace import KG

    n = next(o for o in sorted(g.objects(None, KG.produces), key=str))
    g.remove((n, RDF.type, None))
    return n


def _m_sentence_gone(g):
    """A sentence removed whole: its article and evidence point to nothing."""
    from kg.namespace import KG

    n = sorted(g.subjects(KG.inArticle, None), key=str)[0]
    g.remove((n, None, None))
    return n


def test_the_incremental_verdict_is_the_full_one_on_every_mutation(bundled_graph):
    """kg.graph.incremental.validate_changes, given the conforming bundled
    graph's store and a mutation's changed subjects, gives the verdict, focus
    nodes and paths of a full validation of the mutated graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    from rdflib import URIRef

    from kg.graph import incremental as inc
    from kg.graph.rdf import to_turtle, turtle_header
    from kg.graph.validate import shapes_graph, validate_graph

    from .test_ontology import (m_article, m_entity, m_evidence, m_flow, m_indicator,
                                m_membership, m_observation, m_person, m_product, m_role,
                                m_sentence)

    assert inc.shapes_are_local(shapes_graph())
    head = turtle_header().encode("utf-8")
    store = ox.Store()
    store.load(bundled_graph.serialize(format="nt", encoding="utf-8"),
               format=ox.RdfFormat.N_TRIPLES)
    types = inc.types_of_store(store)
    mutations = [m_article, m_sentence, m_entity, m_product, m_person, m_evidence, m_flow,
                 m_observation, m_membership, m_role, m_indicator, _m_retyped, _m_sentence_gone]
    for mutate in mutations:
        g = Graph()
        for t in bundled_graph:
            g.add(t)
        node = mutate(g)
        new, gone = _subject_diff(bundled_graph, g)
        got = inc.validate_changes(store, new, gone, dict(types))
        full = validate_graph(g, engine="shacl")
        # the changed nodes' Turtle blocks given as they are: the same report
        texts = {s: to_turtle(set(g.triples((URIRef(s), None, None)))).encode("utf-8")
                 .split(b"\n\n", 1)[1] for s in new}
        as_text = inc.validate_changes(store, new, gone, dict(types), texts=texts, head=head)
        assert ({(v.focus, v.path, v.message) for v in as_text.violations}
                == {(v.focus, v.path, v.message) for v in got.violations}), mutate.__name__
        assert got is not None and not full.conforms, mutate.__name__
        assert got.conforms == full.conforms, mutate.__name__
        assert ({(v.focus, v.path, v.message) for v in got.violations}
                == {(v.focus, v.path, v.message) for v in full.violations}), (
            mutate.__name__, got.text(), full.text())
        assert len(got.violations) == len(full.violations)
        assert any(v.focus == str(node) for v in full.violations) or mutate in (
            _m_retyped, _m_sentence_gone)
    # and no change: conforms, nothing validated
    rep = inc.validate_changes(store, {}, set(), dict(types))
    assert rep.conforms and rep.violations == []


def test_shapes_beyond_one_step_make_a_rebuild_validate_in_full():
    from rdflib import Graph

    from kg.graph import incremental as inc
    from kg.graph.validate import shapes_graph

    base = (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    assert inc.shapes_are_local(shapes_graph())
    extra = {
        "a sequence path": "kgsh:X a sh:NodeShape ; sh:targetClass kg:Entity ; sh:property "
                           "[ sh:path ( kg:locatedIn kg:locatedIn ) ; sh:minCount 1 ] .",
        "sh:node": "kgsh:X a sh:NodeShape ; sh:targetClass kg:Entity ; sh:property "
                   "[ sh:path kg:locatedIn ; sh:node kgsh:ProductShape ] .",
        "a nested path": "kgsh:X a sh:NodeShape ; sh:targetClass kg:Entity ; sh:property "
                         "[ sh:path kg:locatedIn ; sh:or ( [ sh:path rdfs:label ; "
                         "sh:minCount 1 ] ) ] .",
        "a severity": "kgsh:X a sh:NodeShape ; sh:targetClass kg:Entity ; "
                      "sh:severity sh:Warning .",
        "a SPARQL target": "kgsh:X a sh:NodeShape ; sh:targetSubjectsOf kg:locatedIn .",
    }
    for why, ttl in extra.items():
        g = Graph()
        g.parse(data=base + "\n" + ttl, format="turtle")
        assert not inc.shapes_are_local(g), why


def test_the_shape_plan_is_kept_under_the_files_bytes(tmp_path):
    """kg.graph.incremental.shape_plan: what a rebuild needs of the shapes
    is made from the two files once, read back from its memo while they are
    the same, and made again (not read back) once a shape changes."""
    from kg.graph import incremental as inc

    shapes, onto = tmp_path / "shapes.ttl", tmp_path / "kg.ttl"
    shapes.write_bytes((ROOT / "ontology" / "shapes.ttl").read_bytes())
    onto.write_bytes((ROOT / "ontology" / "kg.ttl").read_bytes())
    memo = tmp_path / "memo"
    memo.mkdir()
    local, base = inc.shape_plan(str(shapes), str(onto), str(memo))
    assert local and base == inc._untargeted(str(shapes), str(onto))
    assert (memo / "shape-plan.marshal").exists()
    inc.shape_plan.cache_clear()
    assert inc.shape_plan(str(shapes), str(onto), str(memo)) == (local, base)
    # a path of two steps: the shapes are no longer local, whatever the memo says
    # (another file name: the files are read once a process)
    edited = tmp_path / "shapes2.ttl"
    edited.write_text(shapes.read_text(encoding="utf-8") + "\nkgsh:X a sh:NodeShape ; "
                      "sh:targetClass kg:Entity ; sh:property [ sh:path ( kg:locatedIn "
                      "kg:locatedIn ) ; sh:minCount 1 ] .\n", encoding="utf-8")
    inc.shape_plan.cache_clear()
    assert inc.shape_plan(str(edited), str(onto), str(memo)) == (False, None)
    inc.shape_plan.cache_clear()


def test_a_few_new_articles_are_extracted_aside_with_the_same_result(tmp_path, monkeypatch):
    """A rebuild with a few new articles extracts them in a forked process
    while this one reads the cache; the output is the clean build's, and a
    new article that cannot be read is still one clear error."""
    import gc

    from kg import build as b
    from kg.errors import KGError

    if b._start_method() != "fork":
        pytest.skip("fork only")
    started = []
    real = b._extract_aside
    monkeypatch.setattr(b, "_extract_aside", lambda paths, k: (started.append(paths),
                                                               real(paths, k))[1])
    monkeypatch.setattr(b, "ASIDE_MAX_ARTICLES", 2)
    corpus = _corpus(tmp_path / "articles", copies=1)
    out = tmp_path / "out"
    b.build([corpus], out, html=False, jobs=2)
    gc.collect()
    assert started == []                      # nothing cached yet: the ordinary way
    added = corpus / "zz-new.txt"
    added.write_text("甘肃正昊钛业有限公司2023年生产海绵钛1.5万吨。\n", encoding="utf-8")
    b.build([corpus], out, html=False, jobs=2)
    gc.collect()
    assert started == [[str(added)]]
    b.build([corpus], tmp_path / "clean", html=False, jobs=1, cache=False)
    assert (out / "triples.ttl").read_bytes() == (tmp_path / "clean" / "triples.ttl").read_bytes()
    bad = corpus / "zz-bad.txt"
    bad.write_bytes(b"")                      # an empty file: refused
    with pytest.raises(KGError) as e:
        b.build([corpus], out, html=False, jobs=2)
    assert len(started) == 2 and "zz-bad" in str(e.value)


def test_the_pages_pagerank_is_networkxs_to_the_last_bit(bundled):
    """kg.viz.pagerank (numpy only) gives networkx's floats exactly: on the
    bundled page graph and on random graphs with dangling nodes and loops."""
    import random

    import networkx as nx

    from kg.graph.store import build_store
    from kg.viz import page_projection, pagerank

    G, _s, _t = page_projection(build_store(bundled.turtle))
    graphs = [nx.DiGraph(G)]
    rng = random.Random(7)
    for n in (2, 30, 400):
        H = nx.DiGraph()
        H.add_nodes_from(range(n))
        H.add_edges_from((rng.randrange(n), rng.randrange(n)) for _ in range(n * 2))
        graphs.append(H)
    for H in graphs:
        assert len(H) > 1
        assert pagerank(H) == nx.pagerank(H)


# ------------------------------------------------- the store filled while rendering
@pytest.mark.parametrize("cache", [False, True])
def test_the_store_filled_while_rendering_holds_the_file(tmp_path, cache):
    """A clean build (and the first build into a cache) fills its store in a
    thread while the Turtle is rendered, in batches: the store holds exactly
    the triples of the file it wrote, with the ontology, as a store loaded
    from that file does."""
    import gc

    from kg import build as b
    from kg.graph import store as st

    corpus = _corpus(tmp_path / "articles", copies=2)
    batches = []
    real = st.StoreFeeder._send

    def counted(self):
        batches.append(self._size)
        real(self)

    mp = pytest.MonkeyPatch()
    mp.setattr(st.StoreFeeder, "_send", counted)
    mp.setattr(st.StoreFeeder.__init__, "__kwdefaults__",
               {**st.StoreFeeder.__init__.__kwdefaults__, "batch": 64 << 10})
    try:
        res = b.build([corpus], tmp_path / "out", html=False, cache=cache, jobs=1)
    finally:
        mp.undo()
    assert len([n for n in batches if n]) > 3          # several batches really went
    got = _store_lines(res.store)
    ref = st.build_store_file(tmp_path / "out" / "triples.ttl")
    assert got == _store_lines(ref)
    assert len(got) > res.triple_count                 # the ontology too
    assert list((tmp_path / "out").glob(".kg-batch-*")) == []
    del res
    gc.collect()


@pytest.mark.parametrize("beside", [True, False])
def test_a_first_build_that_does_not_conform_leaves_nothing(tmp_path, units_dropped,
                                                            monkeypatch, beside):
    """Validation runs beside the page once the store is filled (or after
    the page, on a graph above BESIDE_PAGE_MAX_TRIPLES): a graph that does
    not conform still raises (not the page's error on it), writes no
    output, and the store the first build into a new folder began to fill
    is not kept (the article cache is: its extractions are sound)."""
    from kg import build as b
    from kg.errors import ValidationError

    if not beside:
        monkeypatch.setattr(b, "BESIDE_PAGE_MAX_TRIPLES", 0)
    out = tmp_path / "out"
    with pytest.raises(ValidationError) as e:
        b.build([ARTICLES], out, jobs=1)
    assert "unit" in str(e.value)
    assert sorted(p.name for p in out.iterdir()) == [".kg-cache"]
    assert not (out / ".kg-cache" / "graph").exists()


def test_the_page_facts_gathered_while_rendering_are_the_stores(tmp_path):
    """The facts a clean build gathers for its page from the triples it
    renders (PageFacts.add_terms) are those read back from a store of the
    Turtle it wrote: every predicate the page reads, labels with their
    language, the classes, the ontology's part; so its page is the page of
    the store."""
    from kg.build import stream_graph, write_page
    from kg.graph.store import build_store_file
    from kg.viz import PageFacts, project_facts, write_projection

    corpus = _corpus(tmp_path / "articles", copies=2)
    page = PageFacts()
    with open(tmp_path / "g.ttl", "wb") as fh:
        got = stream_graph([corpus], tmp_path, fh, jobs=1, page=page)
    assert got["page"] is page
    ref = PageFacts.from_store(build_store_file(tmp_path / "g.ttl"))
    assert page.types == ref.types and len(ref.types) > 100
    for p in ref.preds:
        assert page.facts[p] == ref.facts[p], p       # (dicts: in any order)
    write_projection(*project_facts(page), tmp_path / "a.html")
    write_page(build_store_file(tmp_path / "g.ttl"), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_large_graph_checked_after_its_page_builds_the_same(tmp_path, monkeypatch):
    """Above BESIDE_PAGE_MAX_TRIPLES the check runs after the page, whose
    facts go to the kept state first: the outputs are those of a build that
    checks beside the page, and a rebuild with one more article (which
    starts from that state) equals a clean build of the new corpus."""
    import gc

    from kg import build as b

    corpus = _corpus(tmp_path / "articles", copies=2)
    b.build([corpus], tmp_path / "beside", jobs=1)
    monkeypatch.setattr(b, "BESIDE_PAGE_MAX_TRIPLES", 0)
    b.build([corpus], tmp_path / "after", jobs=1)
    gc.collect()
    for name in ("triples.ttl", "graph.html"):
        assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "beside" / name).read_bytes()
    assert (tmp_path / "after" / ".kg-cache" / "graph" / "page.marshal").stat().st_size > 0
    src = sorted(ARTICLES.glob("*.txt"))[0]
    (corpus / "zz-added.txt").write_text(src.read_text(encoding="utf-8").replace("金川", "金北"),
                                         encoding="utf-8")
    b.build([corpus], tmp_path / "after", jobs=1)
    gc.collect()
    b.build([corpus], tmp_path / "clean", jobs=1, cache=False)
    for name in ("triples.ttl", "graph.html"):
        assert (tmp_path / "after" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
