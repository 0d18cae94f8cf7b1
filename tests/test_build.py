"""Issue 2: the build writes triples.ttl deterministically and atomically."""
import shutil

import pytest

from rdflib import Graph
from rdflib.namespace import RDF

from kg.namespace import KG

from .conftest import ARTICLES


def test_readme_build_writes_triples_and_summary(tmp_path, kg_cli):
    r = kg_cli("build", "--out", tmp_path, "--no-html")
    assert r.returncode == 0, r.stderr
    assert "3 articles" in r.stdout and "triples" in r.stdout
    g = Graph()
    g.parse(tmp_path / "triples.ttl", format="turtle")
    arts = set(g.subjects(RDF.type, KG.Article))
    assert len(arts) == 3
    sents = set(g.subjects(RDF.type, KG.Sentence))
    assert len(sents) > 100
    # a sentence knows its article, its text and offsets
    s = next(iter(sents))
    assert g.value(s, KG.inArticle) in arts
    assert int(g.value(s, KG.end)) > int(g.value(s, KG.start))
    assert not list(tmp_path.glob(".*.tmp"))


def test_two_builds_are_byte_identical(tmp_path, kg_cli):
    a, b = tmp_path / "a", tmp_path / "b"
    r1 = kg_cli("build", "--out", a, "--no-html", env={"PYTHONHASHSEED": "1"})
    r2 = kg_cli("build", "--out", b, "--no-html", env={"PYTHONHASHSEED": "2"})
    assert r1.returncode == 0 and r2.returncode == 0
    assert (a / "triples.ttl").read_bytes() == (b / "triples.ttl").read_bytes()


def test_committed_triples_are_the_build_of_the_committed_articles(bundled):
    from .conftest import ROOT

    assert (ROOT / "data" / "triples.ttl").read_text(encoding="utf-8") == bundled.turtle


def test_adding_an_article_renames_no_entity(tmp_path):
    from kg.build import build_graph

    before = build_graph([ARTICLES])
    corpus = tmp_path / "articles"
    shutil.copytree(ARTICLES, corpus)
    (corpus / "zz-new.txt").write_text(
        "甘肃正昊钛业有限公司位于金昌经济技术开发区。甘肃德通国钛金属有限公司向正昊钛业供应海绵钛。\n",
        encoding="utf-8")
    after = build_graph([corpus])
    old = {e.iri for e in before.entities.values()}
    new = {e.iri for e in after.entities.values()}
    assert old <= new
    # the short name and the full name of a company meet in one entity
    zh = [e for e in after.entities.values() if e.label.endswith("正昊钛业有限公司") or e.label == "正昊钛业"]
    assert len(zh) == 1


def test_a_newly_found_mention_renames_no_node(tmp_path):
    """When the knowledge finds one more name early in an article (here a
    trigger word added to the lexicon), the other nodes keep their IRIs: only
    the new entity and its evidence are added."""
    from kg.build import build_graph
    from kg.knowledge import load_knowledge
    from kg.ontology import ontology_dir

    text = ("河口镇柳树村干部常开‘院坝会’,甘肃祁连化工有限公司总经理王立新出席。"
            "祁连化工年产硫酸20万吨。\n")
    art = tmp_path / "a.txt"
    art.write_text(text, encoding="utf-8")
    fewer = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), fewer)
    lex = fewer / "lexicon.toml"
    text_lex = lex.read_text(encoding="utf-8")
    assert '"创新推出", "开", ' in text_lex
    lex.write_text(text_lex.replace('"创新推出", "开", ', '"创新推出", '), encoding="utf-8")
    before = build_graph([art], knowledge=load_knowledge(fewer))
    after = build_graph([art], knowledge=load_knowledge())
    subjects = lambda res: {t[0] for t in res.triples}   # noqa: E731
    added = subjects(after) - subjects(before)
    assert subjects(before) <= subjects(after)
    assert any("/initiative/" in str(s) for s in added)
    assert all("/initiative/" in str(s) or "/evidence/" in str(s) for s in added), added


def test_failed_build_keeps_the_previous_output(tmp_path, kg_cli):
    out = tmp_path / "out"
    assert kg_cli("build", "--out", out, "--no-html").returncode == 0
    before = (out / "triples.ttl").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    r = kg_cli("build", ARTICLES, bad, "--out", out, "--no-html")
    assert r.returncode != 0
    assert (out / "triples.ttl").read_bytes() == before


def test_stage_errors_name_the_article_and_stage(tmp_path, monkeypatch):
    import pytest

    from kg import pipeline
    from kg.article import load_article
    from kg.errors import StageError
    from kg.knowledge import load_knowledge

    def broken(article, ctx):
        raise ValueError("boom")

    pipeline._load_builtin_stages()
    monkeypatch.setitem(pipeline._STAGES, "figures", broken)
    art = load_article(ARTICLES / "000_8546bbd5f1ad3438-02.txt")
    with pytest.raises(StageError) as e:
        pipeline.run_article(art, pipeline.Context(load_knowledge()))
    msg = str(e.value)
    assert "stage figures" in msg and "000_8546bbd5f1ad3438-02" in msg and "boom" in msg
    assert "\n" not in msg


def test_parallel_extraction_gives_the_same_graph(tmp_path):
    """Large corpora go through worker processes; the result must not change."""
    from kg.build import PARALLEL_MIN_ARTICLES, build_graph

    corpus = tmp_path / "many"
    corpus.mkdir()
    src = sorted(ARTICLES.glob("*.txt"))
    n = 0
    while n < PARALLEL_MIN_ARTICLES + 2:
        for f in src:
            text = f.read_text(encoding="utf-8").replace("正昊", f"正昊{n}")
            (corpus / f"copy{n:02d}-{f.name}").write_text(text, encoding="utf-8")
            n += 1
    serial = build_graph([corpus], jobs=1)
    parallel = build_graph([corpus], jobs=2)
    assert parallel.turtle == serial.turtle
    assert len(parallel.articles) == n


@pytest.mark.parametrize("where", ["first", "last"])
def test_parallel_extraction_reports_a_bad_file(tmp_path, where):
    """A bad file is named whether a worker process (front of the list) or the
    parent (back of the list) reads it."""
    from kg.build import PARALLEL_MIN_ARTICLES, build_graph
    from kg.errors import InputError

    corpus = tmp_path / "many"
    corpus.mkdir()
    src = sorted(ARTICLES.glob("*.txt"))
    for n in range(PARALLEL_MIN_ARTICLES + 2):
        f = src[n % len(src)]
        (corpus / f"copy{n:02d}-{f.name}").write_text(f.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    bad = corpus / ("000-bad.txt" if where == "first" else "zzz-bad.txt")
    bad.write_bytes(b"abc \xff\xff def \x80\n" * 20)
    with pytest.raises(InputError) as e:
        build_graph([corpus], jobs=2)
    assert str(bad) in str(e.value) and "undecodable bytes" in str(e.value)


def test_spawned_workers_give_the_same_articles(tmp_path, monkeypatch):
    """Where fork is not used (macOS, Windows) workers are spawned and load the
    knowledge themselves; the articles must be the same."""
    import time

    import kg.build as b
    from kg.article import load_article
    from kg.build import _extract_parallel, find_articles
    from kg.knowledge import load_knowledge
    from kg.pipeline import ARTICLE_STAGES, Context, run_article

    parent_did = []

    def slow(art, ctx, stages):      # the parent is slow, so the spawned worker works
        parent_did.append(art.id)
        time.sleep(0.3)
        return run_article(art, ctx, stages)

    monkeypatch.setattr(b, "run_article", slow)

    corpus = tmp_path / "many"
    corpus.mkdir()
    for n, f in enumerate(sorted(ARTICLES.glob("*.txt")) * 4):
        (corpus / f"c{n:02d}-{f.name}").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    paths = [str(p) for p in find_articles([corpus])]
    ctx = Context(load_knowledge())
    got = _extract_parallel(paths, ctx, 2, None, "spawn")
    assert 0 < len(parent_did) < len(paths)
    want = [run_article(load_article(p), ctx, ARTICLE_STAGES) for p in paths]
    assert [a.id for a in got] == [a.id for a in want]
    assert [[(m.name, m.type, m.start) for m in a.mentions] for a in got] == \
        [[(m.name, m.type, m.start) for m in a.mentions] for a in want]
    assert [len(a.relations) for a in got] == [len(a.relations) for a in want]


def test_a_dead_worker_is_an_error_not_a_hang(tmp_path, monkeypatch):
    """A worker process that dies (killed, out of memory) makes the build fail
    with a one-line error instead of waiting for it forever."""
    import os

    import kg.build as b
    from kg.build import PARALLEL_MIN_ARTICLES, build_graph
    from kg.errors import StageError

    if b._start_method() != "fork":
        pytest.skip("the patched worker is inherited by fork only")
    corpus = tmp_path / "many"
    corpus.mkdir()
    src = sorted(ARTICLES.glob("*.txt"))
    for n in range(PARALLEL_MIN_ARTICLES + 2):
        f = src[n % len(src)]
        (corpus / f"c{n:02d}-{f.name}").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(b, "_work", lambda path: os._exit(3))    # only workers call _work
    with pytest.raises(StageError) as e:
        build_graph([corpus], jobs=2)
    assert "worker process stopped (exit code 3)" in str(e.value)
