"""A real SPARQL endpoint (the Oxigraph server) and pushing to any SPARQL 1.1
Graph Store Protocol server."""
from __future__ import annotations

import errno
import gc
import math
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..errors import InputError, KGError
from ..ontology import ontology_dir


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable (PyPI package ``oxigraph``)."""
    cand = Path(sys.executable).with_name("oxigraph")
    if cand.exists():
        return str(cand)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KGError("the Oxigraph server is not installed (PyPI package oxigraph, a dependency "
                  "of kg: run `bash scripts/setup.sh` again)")


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


def _die_with_parent() -> None:   # pragma: no cover (runs in the child)
    """In the child, before exec: get SIGTERM when the parent dies (Linux), so
    that even a ``kill -9`` of ``kg serve`` leaves no server behind."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except Exception:
        pass


def _spawn(cmd: list[str]) -> subprocess.Popen:
    kw = {"preexec_fn": _die_with_parent} if sys.platform.startswith("linux") else {}
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, **kw)


def start_server(graph_file: str | Path = "data/triples.ttl", host: str = "127.0.0.1",
                 port: int = 7878, location: str | Path | None = None,
                 read_only: bool = True,
                 timeout: float | None = None) -> tuple[subprocess.Popen, str, str | None]:
    """Load the graph and start ``oxigraph serve-read-only`` (or ``serve``)
    listening on ``host:port``.

    Returns ``(process, query_url, temp_dir)``; stop it with :func:`stop_server`.
    Nothing is left behind when it fails to start.
    """
    binary = oxigraph_binary()
    if not Path(graph_file).exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(graph_file))
    tmp = None
    proc = None
    try:
        if location is None:
            tmp = tempfile.mkdtemp(prefix="kg-store-")
            location = tmp
        n = load_store(graph_file, location)
        cmd = [binary, "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"{host}:{port}"]
        if timeout:
            cmd += ["--timeout-s", str(max(1, math.ceil(timeout)))]
        proc = _spawn(cmd)
        url = f"http://{host}:{port}/query"
        wait_until_up(url, proc=proc)
    except BaseException:
        if proc is not None:
            stop_server(proc)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
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
    if proc.stderr is not None:
        proc.stderr.close()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


class _Stop(Exception):
    """SIGTERM or SIGINT arrived: shut down."""


class _Backend:
    """One ``oxigraph serve-read-only`` child on a private loopback port."""

    def __init__(self, binary: str, location: str, timeout: float):
        last = None
        for _ in range(5):               # the port may be taken between choice and bind
            self.port = free_port()
            self.proc = _spawn([binary, "serve-read-only", "--location", location,
                                "--bind", f"127.0.0.1:{self.port}",
                                "--timeout-s", str(max(1, math.ceil(timeout)))])
            try:
                wait_until_up(f"http://127.0.0.1:{self.port}/query", proc=self.proc)
                return
            except KGError as exc:
                last = exc
                stop_server(self.proc)
        raise last  # type: ignore[misc]

    def stop(self) -> None:
        stop_server(self.proc)


class Endpoint:
    """What ``kg serve`` runs: an HTTP front end on ``host:port`` that owns the
    port, refuses ``SERVICE`` (unless allowed), and hands each request to one
    of ``workers`` read-only Oxigraph servers; a query still running after
    ``timeout`` seconds has its server killed (so its CPU is freed at once)
    and replaced, and the client gets HTTP 503."""

    MAX_BODY = 16 * 1024 * 1024

    def __init__(self, location: str, host: str, port: int, *, timeout: float = 5.0,
                 allow_service: bool = False):
        import http.server
        import queue

        self.location, self.timeout, self.allow_service = location, timeout, allow_service
        self.binary = oxigraph_binary()
        self.idle: queue.Queue = queue.Queue()
        self.respawn: queue.Queue = queue.Queue()
        self.backends: set[_Backend] = set()
        self.lock = threading.Lock()
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            server_version = "kg-serve"

            def log_message(self, fmt, *args):      # quiet: one line per error only
                pass

            def do_GET(self):
                endpoint.handle(self, b"")

            def do_POST(self):
                try:
                    n = int(self.headers.get("Content-Length") or 0)
                except ValueError:
                    n = -1
                if n < 0 or n > endpoint.MAX_BODY:
                    return endpoint.reply(self, 413, "request body too large or malformed")
                endpoint.handle(self, self.rfile.read(n))

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

        try:
            self.httpd = Server((host, port), Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise KGError(f"port {port} on {host} is already in use (another server is "
                              "listening there); choose another --port") from None
            raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.url = f"http://{host}:{self.httpd.server_address[1]}/query"

    # ------------------------------------------------------------ backends
    def start_workers(self, n: int) -> None:
        for _ in range(max(1, n)):
            self._add_backend()

    def _add_backend(self) -> None:
        b = _Backend(self.binary, self.location, self.timeout)
        with self.lock:
            self.backends.add(b)
        self.idle.put(b)

    def _retire(self, b: _Backend) -> None:
        """Kill a backend (a query overran, or it died) and ask the main
        thread for a new one (children are started there only, so that the
        parent-death signal follows the thread that lives as long as we do)."""
        b.stop()
        with self.lock:
            self.backends.discard(b)
        self.respawn.put(1)

    # ------------------------------------------------------------- requests
    @staticmethod
    def reply(h, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        h.send_response(status)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _queries(self, h, body: bytes) -> list[str]:
        """Every text in the request that the server could run as SPARQL."""
        parts = urllib.parse.urlsplit(h.path)
        texts = [urllib.parse.unquote_plus(parts.query)]
        for vals in urllib.parse.parse_qs(parts.query, keep_blank_values=True).values():
            texts += vals
        if body:
            raw = body.decode("utf-8", "replace")
            texts += [raw, urllib.parse.unquote_plus(raw)]
            for vals in urllib.parse.parse_qs(raw, keep_blank_values=True).values():
                texts += vals
        return texts

    def handle(self, h, body: bytes) -> None:
        import http.client
        import queue

        from .query import uses_service

        if not self.allow_service and any(uses_service(t) for t in self._queries(h, body)):
            return self.reply(h, 403, "SERVICE (federated query) is disabled on this endpoint; "
                                      "start kg serve with --allow-service to allow it")
        try:
            b = self.idle.get(timeout=max(30.0, self.timeout * 4))
        except queue.Empty:
            return self.reply(h, 503, "the server is busy; try again")
        fired = threading.Event()

        def overran():
            fired.set()
            b.proc.kill()

        timer = threading.Timer(self.timeout, overran)
        timer.daemon = True
        timer.start()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=self.timeout + 30)
            headers = {k: v for k, v in h.headers.items()
                       if k.lower() in ("accept", "content-type")}
            conn.request(h.command, h.path, body=body or None, headers=headers)
            r = conn.getresponse()
            data = r.read()
            status, rheaders = r.status, r.getheaders()
            conn.close()
        except (OSError, http.client.HTTPException):
            timer.cancel()
            self._retire(b)
            if fired.is_set():
                return self.reply(h, 503, f"the query was stopped after the timeout of "
                                          f"{self.timeout:g} s (kg serve --timeout)")
            return self.reply(h, 502, "the SPARQL engine failed on this request")
        timer.cancel()
        if fired.is_set():
            self._retire(b)
            return self.reply(h, 503, f"the query was stopped after the timeout of "
                                      f"{self.timeout:g} s (kg serve --timeout)")
        self.idle.put(b)
        h.send_response(status)
        for k, v in rheaders:
            if k.lower() in ("content-type", "content-disposition", "vary", "cache-control"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    # ------------------------------------------------------------ life cycle
    def run(self, on_ready=None) -> int:
        """Serve until SIGTERM or SIGINT; then stop every child."""
        import queue

        t = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                             daemon=True, name="kg-serve")
        t.start()
        self.serving = t
        if on_ready:
            on_ready()
        while True:
            try:
                self.respawn.get(timeout=0.5)
            except queue.Empty:
                continue
            self._add_backend()

    def close(self) -> None:
        serving = getattr(self, "serving", None)
        if serving is not None:          # (shutdown() waits forever for a loop never started)
            self.httpd.shutdown()
            serving.join(10)
        self.httpd.server_close()
        with self.lock:
            backends = list(self.backends)
            self.backends.clear()
        for b in backends:
            b.stop()


def serve(graph_file="data/triples.ttl", host="127.0.0.1", port=7878, location=None, *,
          timeout: float = 5.0, workers: int = 2, allow_service: bool = False) -> int:
    """Run a read-only SPARQL 1.1 Protocol endpoint until SIGTERM or SIGINT.

    The port is taken first: if it is in use, that is the error and nothing
    else happens.  Then the graph is loaded into ``location`` (default: a
    temporary folder, removed on exit, however the start or the run ends) and
    served by :class:`Endpoint`.
    """
    from .query import check_timeout

    timeout = check_timeout(timeout)
    if workers < 1 or workers > 64:
        raise InputError(f"--workers must be between 1 and 64, got {workers}")
    oxigraph_binary()               # fail before anything is made
    if not Path(graph_file).exists():
        raise InputError("no such graph file (run `kg build` first)", path=str(graph_file))
    previous = {}

    def stop(signum, frame):
        raise _Stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, stop)
    tmp = None
    ep = None
    try:
        ep = Endpoint("", host, port, timeout=timeout, allow_service=allow_service)
        if location is None:
            tmp = tempfile.mkdtemp(prefix="kg-store-")
            location = tmp
        n = load_store(graph_file, location)
        ep.location = str(location)
        ep.start_workers(workers)

        def ready():
            fed = "SERVICE allowed" if allow_service else "no SERVICE"
            print(f"SPARQL endpoint (read-only): {ep.url}  ({n} triples; timeout "
                  f"{timeout:g} s; {fed}; Ctrl-C stops)", flush=True)

        return ep.run(ready)
    except (_Stop, KeyboardInterrupt):
        return 0
    finally:
        for sig in previous:           # a second signal must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        if ep is not None:
            ep.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        for sig, h in previous.items():
            signal.signal(sig, h)


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
           "oxigraph_binary", "wait_until_up", "Endpoint"]
