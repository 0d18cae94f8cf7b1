"""A real SPARQL endpoint (the Oxigraph server) and pushing to any SPARQL 1.1
Graph Store Protocol server."""
from __future__ import annotations

import gc
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .errors import InputError, KGError
from .ontology import ontology_dir


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable (PyPI package ``oxigraph``)."""
    cand = Path(sys.executable).with_name("oxigraph")
    if cand.exists():
        return str(cand)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KGError("the Oxigraph server is not installed; pip install 'kg[server]' (package oxigraph)")


def load_store(graph_file: str | Path, location: str | Path) -> int:
    """Bulk-load the graph and the ontology into an on-disk Oxigraph store."""
    import pyoxigraph as ox

    graph_file = Path(graph_file)
    if not graph_file.exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(graph_file))
    store = ox.Store(str(location))
    store.clear()
    for f in (graph_file, ontology_dir() / "kg.ttl"):
        try:
            store.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, OSError, ValueError) as exc:
            raise InputError(f"not readable Turtle: {str(exc).splitlines()[0][:200]}",
                             path=str(f)) from None
    store.flush()
    n = len(store)
    del store
    gc.collect()          # releases the store's lock before the server opens it
    return n


def wait_until_up(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            why = ""
            if proc.stderr is not None:
                lines = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
                errs = [x for x in lines if x.startswith("Error")] or lines[-1:]
                why = f": {errs[0][:200]}" if errs else ""
            raise KGError(f"the SPARQL server exited with status {proc.returncode}{why}")
        try:
            q = urllib.parse.urlencode({"query": "ASK { }"})
            with urllib.request.urlopen(f"{url}?{q}", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise KGError(f"the SPARQL server did not answer at {url} within {timeout:g} s")


def start_server(graph_file: str | Path = "data/triples.ttl", host: str = "127.0.0.1",
                 port: int = 7878, location: str | Path | None = None,
                 read_only: bool = True) -> tuple[subprocess.Popen, str, str | None]:
    """Load the graph and start ``oxigraph serve-read-only``.

    Returns ``(process, query_url, temp_dir)``; stop it with :func:`stop_server`.
    """
    tmp = None
    if location is None:
        tmp = tempfile.mkdtemp(prefix="kg-store-")
        location = tmp
    n = load_store(graph_file, location)
    cmd = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
           "--location", str(location), "--bind", f"{host}:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://{host}:{port}/query"
    try:
        wait_until_up(url, proc=proc)
    except KGError:
        stop_server(proc, tmp)
        raise
    proc.triples = n  # type: ignore[attr-defined]
    return proc, url, tmp


def stop_server(proc: subprocess.Popen, tmp: str | None = None) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


def serve(graph_file="data/triples.ttl", host="127.0.0.1", port=7878, location=None) -> int:
    """Run a read-only SPARQL 1.1 Protocol endpoint until interrupted."""
    proc, url, tmp = start_server(graph_file, host, port, location)
    print(f"SPARQL endpoint (read-only): {url}  ({proc.triples} triples; Ctrl-C stops)",
          flush=True)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop_server(proc, tmp)


def push(graph_file: str | Path, endpoint: str, graph: str | None = None,
         replace: bool = True, timeout: float = 120.0) -> int:
    """Send the graph to a SPARQL 1.1 Graph Store Protocol endpoint.

    ``endpoint`` is the store URL (Oxigraph ``http://host:7878/store``, Fuseki
    ``http://host:3030/ds/data`` ...); the data goes to ``graph`` (an IRI) or
    the default graph.  ``replace`` uses PUT (replace), else POST (add).
    Returns the HTTP status.
    """
    p = Path(graph_file)
    if not p.exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(p))
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not an http(s) URL: {endpoint!r}")
    sep = "&" if parts.query else "?"
    url = endpoint + sep + (urllib.parse.urlencode({"graph": graph}) if graph else "default")
    req = urllib.request.Request(url, data=p.read_bytes(), method="PUT" if replace else "POST",
                                 headers={"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        body = exc.read()[:200].decode("utf-8", "replace").strip()
        raise KGError(f"{endpoint}: the server refused the graph: HTTP {exc.code} {body}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise KGError(f"{endpoint}: cannot reach the server: {getattr(exc, 'reason', exc)}") from None


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


__all__ = ["serve", "push", "start_server", "stop_server", "load_store", "free_port",
           "oxigraph_binary", "wait_until_up"]
