"""Issue 5: named queries, kg query, stores, exports."""
import csv
import io
import json

import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.graph.query import list_queries, load_query, run_query
from kg.graph.store import open_graph

from .conftest import ROOT

GRAPH = ROOT / "data" / "triples.ttl"
QUERIES = list_queries()


@pytest.fixture(scope="module")
def ox():
    return open_graph(GRAPH, backend="oxigraph")


@pytest.fixture(scope="module")
def rd():
    return open_graph(GRAPH, backend="rdflib")


def rows(res):
    return [tuple("" if t is None else str(t) for t in r) for r in res.rows]


def named(g, query_name, **params):
    q = load_query(query_name)
    return run_query(g, q.text, params, defaults=q.params, langs=q.langs)


def test_at_least_fifteen_documented_queries():
    assert len(QUERIES) >= 15
    for q in QUERIES:
        assert q.question and q.question.endswith(("?", ".")), q.name


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: q.name)
def test_every_query_parses_and_both_stores_agree(q, ox, rd):
    prepareQuery(q.text)
    a = run_query(ox, q.text, defaults=q.params, langs=q.langs)
    b = run_query(rd, q.text, defaults=q.params, langs=q.langs)
    assert a.rows, f"{q.name} returned nothing"
    assert sorted(rows(a)) == sorted(rows(b))


def _col(res, var):
    i = res.vars.index(var)
    return [str(r[i]) if r[i] is not None else "" for r in res.rows]


def test_rows_a_reader_expects(ox):
    r = named(ox, "byproducts")
    pairs = set(zip(_col(r, "byproduct"), _col(r, "consumerName")))
    assert ("硫酸", "甘肃佰利联化学有限公司") in pairs and ("氯气", "甘肃德通国钛金属有限公司") in pairs
    r = named(ox, "material-flows")
    flows = set(zip(_col(r, "supplier"), _col(r, "material"), _col(r, "consumer"), _col(r, "quantity")))
    assert ("金川集团", "硫酸", "甘肃佰利联化学有限公司", "150万吨") in flows
    r = named(ox, "material-chain")
    chain = set(zip(_col(r, "from"), _col(r, "relation"), _col(r, "to")))
    assert ("海绵钛", "used in", "钛材") in chain and ("金川集团", "supplies", "甘肃德通国钛金属有限公司") in chain
    r = named(ox, "clusters")
    assert ("“金白兰武”有色金属国家先进制造业集群", "lead", "金昌市") in set(
        zip(_col(r, "cluster"), _col(r, "role"), _col(r, "who")))
    r = named(ox, "district-places")
    places = set(zip(_col(r, "place"), _col(r, "initiative")))
    assert ("大柳镇", "五看五比创五星") in places
    assert any(p.endswith("头沟村") for p in _col(r, "place"))
    r = named(ox, "people")
    assert ("裴广林", "总经理", "甘肃德通国钛金属有限公司") in set(zip(_col(r, "person"), _col(r, "role"), _col(r, "at")))
    r = named(ox, "projects")
    assert ("3万吨海绵钛项目", "甘肃德通国钛金属有限公司", "3万吨") in set(
        zip(_col(r, "project"), _col(r, "owner"), _col(r, "capacity")))
    r = named(ox, "zone-enterprises")
    assert "甘肃德通国钛金属有限公司" in _col(r, "organisation")
    assert "金川集团" in _col(named(ox, "cross-article-entities"), "entity")
    assert ("手撕镍带", "航空航天") in set(zip(_col(named(ox, "product-applications"), "product"),
                                            _col(named(ox, "product-applications"), "usedIn")))
    assert any("电积二车间" in u for u in _col(named(ox, "corporate-tree"), "unit"))
    r = named(ox, "indicators-over-time")
    assert ("GDP", "359亿元") in set(zip(_col(r, "indicator"), _col(r, "text")))
    assert "3760亿元" in _col(named(ox, "figures-about", name="金川集团"), "text")
    r = named(ox, "fact-sources", name="甘肃佰利联化学有限公司")
    assert any("佰利联" in q for q in _col(r, "quote"))
    assert all(int(s) < int(e) for s, e in zip(_col(r, "start"), _col(r, "end")))


def test_formats_are_valid(ox):
    r = named(ox, "byproducts")
    data = json.loads(r.to_json())
    assert data["head"]["vars"] == r.vars and len(data["results"]["bindings"]) == len(r.rows)
    assert data["results"]["bindings"][0]["byproduct"]["xml:lang"] == "zh"
    back = list(csv.reader(io.StringIO(r.to_csv())))
    assert back[0] == r.vars and len(back) == len(r.rows) + 1
    assert back[1:] == [list(x) for x in rows(r)]
    tsv = r.to_tsv().splitlines()
    assert tsv[0].split("\t") == ["?" + v for v in r.vars] and '"硫酸"@zh' in r.to_tsv()
    assert "(4 rows)" in r.to_table()


def test_updates_are_refused_unless_allowed(rd):
    with pytest.raises(QueryError, match="read-only"):
        run_query(rd, "DELETE WHERE { ?s ?p ?o }")
    g = Graph()
    g.parse(data="<urn:a> <urn:b> <urn:c> .", format="turtle")
    run_query(g, "DELETE WHERE { ?s ?p ?o }", allow_update=True)
    assert len(g) == 0


@pytest.mark.parametrize("evil", ['金川集团" } ; DROP ALL ; { "', "} UNION { ?s ?p ?o }",
                                  "金川集团') || true || ('", "<urn:x> } { ?a ?b ?c"])
def test_parameter_values_cannot_change_the_query(ox, evil):
    r = named(ox, "byproducts", name=evil)
    assert r.rows == []
    assert len(named(ox, "byproducts").rows) == 4


def test_cli_query_list_formats_and_errors(kg_cli):
    r = kg_cli("query", "--list")
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) >= 15
    assert "material-flows" in r.stdout
    r = kg_cli("query", "byproducts", "--param", "name=金川集团", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["results"]["bindings"]
    r = kg_cli("query", "--sparql", "DROP ALL")
    assert r.returncode == 1 and "read-only" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = kg_cli("query", "no-such-query")
    assert r.returncode == 1 and "unknown query" in r.stderr


def test_cli_query_timeout(kg_cli):
    heavy = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    r = kg_cli("query", "--sparql", heavy, "--timeout", "1")
    assert r.returncode == 1 and "timeout" in r.stderr


def test_on_disk_store_keeps_updates(tmp_path, kg_cli):
    store = tmp_path / "store"
    r = kg_cli("query", "--store", store, "--allow-update", "--sparql",
               "INSERT DATA { <urn:kg:test> <urn:kg:p> \"kept\" }")
    assert r.returncode == 0, r.stderr
    r = kg_cli("query", "--store", store, "--format", "csv", "--sparql",
               "SELECT ?o WHERE { <urn:kg:test> <urn:kg:p> ?o }")
    assert r.returncode == 0 and "kept" in r.stdout


@pytest.mark.parametrize("fmt,parse", [("jsonld", "json-ld"), ("nt", "nt"), ("trig", "trig")])
def test_exports_parse(tmp_path, kg_cli, fmt, parse):
    out = tmp_path / f"g.{fmt}"
    r = kg_cli("export", "--format", fmt, "--out", out)
    assert r.returncode == 0, r.stderr
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(out, format=parse)
    base = Graph()
    base.parse(GRAPH)
    assert len(ds) == len(base) or sum(len(g) for g in ds.graphs()) >= len(base)


def test_csv_export_is_a_spreadsheet_table(tmp_path, kg_cli):
    out = tmp_path / "facts.csv"
    assert kg_cli("export", "--format", "csv", "--out", out).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert {"subject", "relation", "object_or_value", "quote", "article"} <= set(table[0])
    assert any(r["subject"] == "金川集团" and r["relation"] == "byProduct" and r["object_or_value"] == "硫酸"
               for r in table)
    assert any(r["object_or_value"] == "376000000000" and r["unit"] == "CNY" for r in table)


# ---------------------------------------------------------------- issue 15


PREFIXED = ("SELECT ?l WHERE { ?s a kg:Enterprise ; skos:prefLabel ?l ; rdfs:label ?x ; "
            "kg:mentionCount ?n . FILTER(?n > \"0\"^^xsd:integer) } ORDER BY ?l LIMIT 3")


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_both_backends_know_the_project_prefixes(kg_cli, backend):
    r = kg_cli("query", "--backend", backend, "--format", "csv", "--sparql", PREFIXED)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.strip().splitlines()) == 4
    # each prefix the README promises is declared on both backends
    from kg.graph.query import PREFIXES

    for p in ("kg", "rdfs", "rdf", "skos", "dcterms", "prov", "org", "schema", "qudt", "xsd", "owl"):
        assert p in PREFIXES
    text = "ASK { " + " ".join(f"OPTIONAL {{ ?s{i} {p}:x ?o{i} }}" for i, p in enumerate(PREFIXES)) + " }"
    r = kg_cli("query", "--backend", backend, "--sparql", text)
    assert r.returncode == 0, r.stderr
    # a query's own PREFIX line wins
    r = kg_cli("query", "--backend", backend, "--format", "csv", "--sparql",
               "PREFIX kg: <urn:other#> SELECT ?s WHERE { ?s a kg:Enterprise }")
    assert r.returncode == 0 and r.stdout.strip() == "s"


def test_query_list_names_the_prefixes(kg_cli):
    r = kg_cli("query", "--list")
    assert r.returncode == 0
    line = r.stdout.strip().splitlines()[-1]
    assert "prefixes" in line and "kg:" in line and "skos:" in line and "dcterms:" in line


@pytest.mark.parametrize("name", ["金川", "金川集团", "Jinchuan Group", "jinchuan group"])
def test_entity_parameters_resolve_through_aliases(kg_cli, name):
    r = kg_cli("query", "byproducts", "--param", f"name={name}", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert "金川集团,硫酸" in r.stdout and len(r.stdout.strip().splitlines()) == 5


def test_short_name_finds_the_same_entity_as_viz_focus(ox):
    from kg.graph.lookup import resolve_entity
    from kg.ontology import ID_NS

    assert resolve_entity(ox, "德通国钛") == ID_NS + "org/gansu-detong-guotai"
    r = run_query(ox, load_query("fact-sources").text, {"name": "德通国钛"},
                  defaults=load_query("fact-sources").params, langs={"name": "zh"},
                  entities=("name",))
    assert r.rows and {str(x[0]) for x in r.rows} == {"甘肃德通国钛金属有限公司"}


def test_an_unknown_entity_says_so_and_suggests(kg_cli):
    r = kg_cli("query", "byproducts", "--param", "name=金川集困")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "no entity named '金川集困'" in r.stderr and "金川集团" in r.stderr


def test_a_misspelt_parameter_lists_the_parameters(kg_cli):
    r = kg_cli("query", "byproducts", "--param", "nam=金川集团")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "'nam'" in r.stderr and "parameters: name" in r.stderr
    r = kg_cli("query", "--sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--param", "nam=x")
    assert r.returncode == 1 and "?nam" in r.stderr and "s, p, o" in r.stderr


@pytest.mark.parametrize("t", ["0", "-1", "inf", "nan"])
def test_a_bad_timeout_is_one_line(kg_cli, t):
    r = kg_cli("query", "--sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--timeout", t)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "timeout" in r.stderr, r.stderr
    assert "panic" not in r.stderr.lower() and "Traceback" not in r.stderr


def test_an_oxigraph_error_is_one_line_without_unsendable(kg_cli):
    # an evaluation error raised while the rows are read (here: a refused port)
    r = kg_cli("query", "--allow-service", "--sparql",
               "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    assert r.returncode == 1 and r.stderr.startswith("kg: query failed")
    assert r.stderr.count("\n") == 1 and "unsendable" not in r.stderr, r.stderr


def test_uses_service_sees_through_strings_iris_comments():
    from kg.graph.query import uses_service

    assert uses_service("SELECT * { ?s ?p ?o .SERVICE<http://x/>{ ?a ?b ?c } }")
    assert uses_service("SELECT * { SERVICE SILENT ?g { ?a ?b ?c } }")
    assert uses_service("select * { 'it\\'s' . service <http://x/> {} }")
    assert not uses_service('SELECT ?service { ?service <urn:p> "SERVICE", """x"SERVICE""" } # SERVICE')
    assert not uses_service("PREFIX service: <urn:x#> SELECT * { ?s service:p ?o }")


def test_export_without_out_writes_stdout_and_no_file(tmp_path, kg_cli):
    import shutil

    g = tmp_path / "triples.ttl"
    shutil.copy(GRAPH, g)
    for fmt in ("nt", "ttl", "csv"):
        r = kg_cli("export", "--format", fmt, "--graph", g)
        assert r.returncode == 0, r.stderr
        assert len(r.stdout) > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["triples.ttl"]
    r = kg_cli("export", "--format", "ttl", "--graph", g)
    assert r.stdout == GRAPH.read_text(encoding="utf-8")
    back = Graph()
    back.parse(data=kg_cli("export", "--format", "nt", "--graph", g).stdout, format="nt")
    assert len(back) == len(Graph().parse(GRAPH))


def test_csv_offsets_are_the_sentence_and_the_quote(kg_cli, bundled_graph):
    from kg.namespace import KG

    r = kg_cli("export", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"sentence_start", "sentence_end", "quote_start", "quote_end"} <= set(table[0])
    sentences = {(int(bundled_graph.value(s, KG.start)), int(bundled_graph.value(s, KG.end))):
                 str(bundled_graph.value(s, KG.text)) for s in bundled_graph.subjects(KG.text, None)
                 if bundled_graph.value(s, KG.start) is not None}
    checked = 0
    for row in table:
        ss, se, qs, qe = (int(row[k]) for k in ("sentence_start", "sentence_end", "quote_start", "quote_end"))
        assert ss <= qs < qe <= se, row
        assert (ss, se) in sentences
        text = sentences[(ss, se)]
        if text[qs - ss:qe - ss] == row["quote"].lstrip("'"):
            checked += 1
    assert checked > 0.9 * len(table)


def test_csv_cells_cannot_be_formulas(tmp_path, kg_cli):
    art = tmp_path / "arts" / "evil.txt"
    art.parent.mkdir()
    art.write_text('---\ntitle: =HYPERLINK("http://127.0.0.1:9/x","click")\n---\n'
                   "甘肃光明化工有限公司总投资40亿元，年产钛白粉10万吨。金川集团冶炼副产的硫酸供应甘肃光明化工有限公司。\n",
                   encoding="utf-8")
    r = kg_cli("build", art, "--out", tmp_path / "out", "--no-html")
    assert r.returncode == 0, r.stderr
    r = kg_cli("export", "--format", "csv", "--graph", tmp_path / "out" / "triples.ttl")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    for c in cells:
        assert not c or c[0] not in "=+@\t\r", c
        assert not c or c[0] != "-" or c.lstrip("-").replace(".", "", 1).isdigit(), c
    from kg.graph.export import safe_cell

    assert [safe_cell(x) for x in ("+1+cmd", "-2-3", "@SUM(A1)", "\tx", "\rx", "-3.5", "12")] == [
        "'+1+cmd", "'-2-3", "'@SUM(A1)", "'\tx", "'\rx", "-3.5", "12"]
