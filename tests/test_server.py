"""Issue 5: a real SPARQL server over HTTP, started and stopped by the tests."""
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.server import free_port, oxigraph_binary, push, wait_until_up

from .conftest import ROOT

GRAPH = ROOT / "data" / "triples.ttl"
Q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "SELECT ?s WHERE { ?s rdfs:label \"金川集团\"@zh }")


def http_query(url, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


@pytest.fixture
def kg_serve():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(GRAPH),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_up(url, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_kg_serve_answers_sparql_over_http_read_only(kg_serve):
    res = http_query(kg_serve + "/query", Q)
    assert [b["s"]["value"] for b in res["results"]["bindings"]] == [
        "https://example.org/kg/id/org/jinchuan-group"]
    # a named query over HTTP gives what the library gives
    from kg.query import load_query

    q = load_query("material-flows")
    res = http_query(kg_serve + "/query", q.text)
    assert len(res["results"]["bindings"]) == 4
    req = urllib.request.Request(kg_serve + "/update", data=b"update=DROP%20ALL",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert 400 <= e.value.code < 500
    assert http_query(kg_serve + "/query", Q)["results"]["bindings"]


def test_kg_push_loads_a_graph_store_protocol_server(tmp_path, kg_cli):
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", timeout=60)
        r = kg_cli("push", "--endpoint", base + "/store", "--graph", GRAPH)
        assert r.returncode == 0, r.stderr
        n = http_query(base + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        from rdflib import Graph

        g = Graph()
        g.parse(GRAPH)
        assert int(n["results"]["bindings"][0]["n"]["value"]) == len(g)
        assert http_query(base + "/query", Q)["results"]["bindings"]
        assert push(GRAPH, base + "/store", graph="urn:kg:copy") in (200, 201, 204)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_push_to_nowhere_is_one_clear_line(kg_cli):
    r = kg_cli("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", GRAPH)
    assert r.returncode == 1 and "cannot reach" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
