"""Issues 5, 13 and 15: a real SPARQL server over HTTP, started and stopped by
the tests, on 127.0.0.1 only; every port is checked free afterwards."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.graph.server import free_port, oxigraph_binary, push, wait_until_up

from .conftest import ROOT

GRAPH = ROOT / "data" / "triples.ttl"
Q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "SELECT ?s WHERE { ?s rdfs:label \"金川集团\"@zh }")
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def http_query(url, query, timeout=30):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def port_is_free(port: int) -> bool:
    """Nobody listens on the port (connections in TIME_WAIT do not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    try:
        out = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return True
    return out.strip() == ""


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def cpu_ticks(pids) -> int:
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


class Served:
    """``kg serve`` in a subprocess with its own TMPDIR (to see its store folder)."""

    def __init__(self, tmp_path, *args):
        self.port = free_port()
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir(exist_ok=True)
        env = dict(os.environ, TMPDIR=str(self.tmp))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--graph", str(GRAPH), "--port",
             str(self.port), *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until_up(self.base + "/query", timeout=60)
        self.children = children(self.proc.pid)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        return self.proc.returncode


@pytest.fixture
def kg_serve(tmp_path):
    s = Served(tmp_path)
    try:
        yield s.base
    finally:
        s.stop()
    assert port_is_free(s.port)


def test_the_server_is_a_dependency_not_an_extra():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.split(">")[0].strip() == "oxigraph" for d in meta["dependencies"])
    assert Path(oxigraph_binary()).exists()


def test_kg_serve_answers_sparql_over_http_read_only(kg_serve):
    res = http_query(kg_serve + "/query", Q)
    from kg.ontology import ID_NS

    assert [b["s"]["value"] for b in res["results"]["bindings"]] == [ID_NS + "org/jinchuan-group"]
    # a named query over HTTP gives what the library gives
    from kg.graph.query import load_query

    q = load_query("material-flows")
    res = http_query(kg_serve + "/query", q.text)
    assert len(res["results"]["bindings"]) == 4
    req = urllib.request.Request(kg_serve + "/update", data=b"update=DROP%20ALL",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert 400 <= e.value.code < 500
    assert http_query(kg_serve + "/query", Q)["results"]["bindings"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_children_and_removes_the_store(tmp_path, sig):
    s = Served(tmp_path)
    kids = s.children
    assert kids and len(list(s.tmp.glob("kg-store-*"))) == 1
    child_ports = []
    for k in kids:
        cmd = Path(f"/proc/{k}/cmdline").read_bytes().split(b"\0")
        assert b"serve-read-only" in cmd
        child_ports.append(int(cmd[cmd.index(b"--bind") + 1].rsplit(b":", 1)[1]))
    assert s.stop(sig) == 0
    assert "SPARQL endpoint" in s.proc.stdout.read()
    assert s.proc.stderr.read() == ""
    for k in kids:
        assert not Path(f"/proc/{k}").exists() or "Z" in Path(f"/proc/{k}/stat").read_text().split()[2]
    assert list(s.tmp.glob("kg-store-*")) == []
    assert port_is_free(s.port) and all(port_is_free(p) for p in child_ports)


def test_even_a_kill_9_leaves_no_server_behind(tmp_path):
    s = Served(tmp_path)
    kids = s.children
    assert kids
    s.stop(signal.SIGKILL)
    deadline = time.monotonic() + 15        # the children get SIGTERM when their parent dies
    alive = kids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [k for k in kids if Path(f"/proc/{k}").exists()
                 and Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert alive == []
    assert port_is_free(s.port)


@pytest.mark.parametrize("case", ["missing", "not-turtle"])
def test_a_failed_start_leaks_nothing(tmp_path, kg_cli, case):
    bad = tmp_path / "bad.ttl"
    if case == "not-turtle":
        bad.write_text("this is { not turtle", encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    r = kg_cli("serve", "--graph", bad, "--port", port, env={"TMPDIR": str(tmp)})
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "bad.ttl" in r.stderr and "Traceback" not in r.stderr
    assert "SPARQL endpoint" not in r.stdout
    assert list(tmp.iterdir()) == [] and port_is_free(port)


def test_a_port_in_use_is_one_line_and_no_endpoint(tmp_path, kg_cli):
    other = socket.socket()
    other.bind(("127.0.0.1", 0))
    other.listen(5)
    port = other.getsockname()[1]
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    try:
        r = kg_cli("serve", "--graph", GRAPH, "--port", port, env={"TMPDIR": str(tmp)})
    finally:
        other.close()
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "in use" in r.stderr
    assert str(port) in r.stderr and "SPARQL endpoint" not in r.stdout
    assert list(tmp.iterdir()) == [] and port_is_free(port)


def test_timeout_stops_an_expensive_query_and_frees_the_cpu(tmp_path):
    s = Served(tmp_path, "--timeout", "1.5", "--workers", "1")
    try:
        t0 = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as e:
            http_query(s.base + "/query", HEAVY, timeout=60)
        took = time.monotonic() - t0
        assert e.value.code == 503 and b"timeout" in e.value.read()
        assert took < 20
        time.sleep(0.5)
        tree = [s.proc.pid] + children(s.proc.pid)
        before = cpu_ticks(tree)
        time.sleep(2.0)
        used = cpu_ticks(tree) - before                       # clock ticks (1/100 s)
        assert used < 40, f"{used / 100:.2f} s of CPU in 2 s after the timeout"
        # the endpoint still answers (a fresh engine replaced the stopped one)
        deadline = time.monotonic() + 30
        while True:
            try:
                assert http_query(s.base + "/query", Q)["results"]["bindings"]
                break
            except urllib.error.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        s.stop()
    assert port_is_free(s.port)


class Listener:
    """A real TCP listener on 127.0.0.1 that records every connection."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = []
        self.done = threading.Event()
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        while not self.done.is_set():
            try:
                c, addr = self.sock.accept()
            except OSError:
                continue
            self.hits.append(addr)
            c.close()

    def close(self):
        self.done.set()
        self.t.join(5)
        self.sock.close()


def service_queries(port):
    url = f"http://127.0.0.1:{port}/internal-admin?x=1"
    return [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"select * {{ ?a ?b ?c .service<{url}>{{?s ?p ?o}} }}",
            f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}"]


def test_the_server_makes_no_outbound_request_through_service(tmp_path):
    lis = Listener()
    s = Served(tmp_path)
    try:
        for q in service_queries(lis.port):
            for how in ("get", "form", "body"):
                if how == "get":
                    req = urllib.request.Request(s.base + "/query?" + urllib.parse.urlencode({"query": q}))
                elif how == "form":
                    req = urllib.request.Request(s.base + "/query",
                                                 data=urllib.parse.urlencode({"query": q}).encode(),
                                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
                else:
                    req = urllib.request.Request(s.base + "/query", data=q.encode(),
                                                 headers={"Content-Type": "application/sparql-query"})
                with pytest.raises(urllib.error.HTTPError) as e:
                    urllib.request.urlopen(req, timeout=30)
                assert e.value.code == 403 and b"SERVICE" in e.value.read()
        time.sleep(0.5)
        assert lis.hits == []
    finally:
        s.stop()
    # the listener is real: with --allow-service the same query reaches it
    s = Served(tmp_path, "--allow-service")
    try:
        try:
            http_query(s.base + "/query", service_queries(lis.port)[1], timeout=30)
        except urllib.error.HTTPError:
            pass
        deadline = time.monotonic() + 10
        while not lis.hits and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lis.hits
    finally:
        s.stop()
        lis.close()


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_kg_query_makes_no_outbound_request_through_service(kg_cli, backend):
    lis = Listener()
    try:
        for q in service_queries(lis.port):
            r = kg_cli("query", "--backend", backend, "--sparql", q, "--timeout", "20")
            assert r.returncode == 1 and "SERVICE" in r.stderr
            assert len(r.stderr.strip().splitlines()) == 1
        time.sleep(0.3)
        assert lis.hits == []
    finally:
        lis.close()


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
    assert port_is_free(port)


def test_push_to_nowhere_is_one_clear_line(kg_cli):
    r = kg_cli("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", GRAPH)
    assert r.returncode == 1 and "cannot reach" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
