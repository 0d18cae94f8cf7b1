"""Named SPARQL queries and a safe way to run any query.

Queries live in ``kg/graph/queries/NAME.rq``.  Their header comment says what
question they answer (``# question: ...``) and which parameters they take,
with defaults (``# param: name = 金川集团``); ``# entity: name`` marks a
parameter that names an entity, which :func:`run_query` resolves through
every label and alias (:mod:`kg.graph.lookup`).  Parameter values are bound with
``initBindings`` (Oxigraph substitutions), never pasted into the text, so a
value with quotes or braces cannot change the query.

Both backends know the project's prefixes (:data:`PREFIXES`) without a
``PREFIX`` line, and neither makes an outbound request: a query with
``SERVICE`` (federation) is refused unless ``allow_service=True``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import BNode, Literal, URIRef, Variable

from ..errors import InputError, KGError, QueryError

_PARSE_LOCK = threading.Lock()     # rdflib's SPARQL parser is not thread-safe
FORMATS = ("table", "csv", "tsv", "json")


def _prefixes() -> dict[str, str]:
    from .rdf import PREFIXES as RDF_PREFIXES

    return dict(sorted(RDF_PREFIXES.items()))


#: Prefixes every query may use without declaring them (a query's own
#: ``PREFIX`` line wins).
PREFIXES: dict[str, str] = _prefixes()


@dataclass
class NamedQuery:
    name: str
    text: str
    question: str
    params: dict[str, str] = field(default_factory=dict)
    langs: dict[str, str] = field(default_factory=dict)   # param -> language tag of its literal
    entities: tuple[str, ...] = ()                         # params that name an entity


def _parse_header(name: str, text: str) -> NamedQuery:
    question, params, lines, langs, entities = "", {}, [], {}, []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.startswith("entity:"):
            entities += [x.strip() for x in body[len("entity:"):].split(",") if x.strip()]
        elif body.startswith("question:"):
            lines = [body[len("question:"):].strip()]
        elif body.startswith("param:"):
            k, _, v = body[len("param:"):].partition("=")
            k, _, lang = k.strip().partition("@")
            params[k] = v.strip()
            if lang:
                langs[k] = lang
        elif lines and body:
            lines.append(body)
    question = " ".join(lines)
    return NamedQuery(name, text, question, params, langs, tuple(entities))


def list_queries() -> list[NamedQuery]:
    """Every named query shipped with kg, sorted by name."""
    folder = resources.files("kg.graph") / "queries"
    out = []
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            out.append(_parse_header(f.name[:-3], f.read_text(encoding="utf-8")))
    return out


def load_query(name_or_file: str) -> NamedQuery:
    """A named query (``byproducts``) or a ``.rq`` file path."""
    p = Path(name_or_file)
    if p.suffix == ".rq" or p.exists():
        if not p.exists():
            raise InputError("no such query file", path=str(p))
        return _parse_header(p.stem, p.read_text(encoding="utf-8"))
    for q in list_queries():
        if q.name == name_or_file:
            return q
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"unknown query {name_or_file!r}; named queries: {names}")


# strings, IRIs and comments, in the order a SPARQL lexer tries them
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'          # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'                  # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'              # IRIs
    r"|#[^\n\r]*", re.S)                       # comments
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.I)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(text: str) -> bool:
    """True when a SPARQL text has the ``SERVICE`` keyword (federation: the
    engine would open a connection to the IRI that follows).

    Strings, IRIs and comments are skipped as a SPARQL lexer skips them, and
    ``\\u`` escapes are decoded first, as the SPARQL grammar allows them
    anywhere.

    >>> uses_service('SELECT * { SERVICE SILENT <http://10.0.0.1/> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s <urn:SERVICE> "SERVICE" } # SERVICE')
    False
    """
    def strip(t):
        return _LEXEMES.sub(" ", t)

    def decode(m):
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return " "

    return any(_SERVICE.search(strip(t)) for t in (text, _CODEPOINT.sub(decode, text)))


def check_timeout(timeout) -> float | None:
    """``timeout`` as seconds (None: no limit); :class:`QueryError` unless it
    is a positive, finite number."""
    if timeout is None:
        return None
    try:
        t = float(timeout)
    except (TypeError, ValueError):
        t = float("nan")
    if not math.isfinite(t) or t <= 0 or t > 86400 * 365:
        shown = f"{t:g}" if isinstance(timeout, (int, float)) else str(timeout)[:40]
        raise QueryError(f"the timeout must be a positive number of seconds (at most a year), "
                         f"got {shown}")
    return t


def query_variables(text: str) -> list[str]:
    """The variable names a query text mentions, in order of first use."""
    seen: list[str] = []
    for m in re.finditer(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", _LEXEMES.sub(" ", text)):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


@functools.lru_cache(maxsize=256)
def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL update, False for a query; raises
    :class:`QueryError` when it is neither."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSE_LOCK:
        try:
            parseQuery(_with_prefixes(text))
            return False
        except Exception as qexc:
            try:
                parseUpdate(_with_prefixes(text))
                return True
            except Exception:
                msg = str(qexc).splitlines()[0][:200]
                raise QueryError(f"SPARQL syntax error: {msg}") from None


def _with_prefixes(text: str) -> str:
    """The text with the project's prefixes declared first (for rdflib's
    parser, which has no default prefixes); the query's own win."""
    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    return head + text


def term_from_param(value: str, lang: str | None = None):
    """A parameter value as an RDF term: ``<iri>`` is an IRI, anything else a
    literal (with the language tag the query declares), never SPARQL syntax."""
    if value.startswith("<") and value.endswith(">") and " " not in value:
        return URIRef(value[1:-1])
    return Literal(value, lang=lang) if lang else Literal(value)


@dataclass
class QueryResult:
    kind: str                    # select | ask | graph
    vars: list[str]
    rows: list[tuple]
    boolean: bool | None = None
    graph: object = None

    # ------------------------------------------------------------ formats
    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)})
        bindings = []
        for row in self.rows:
            b = {}
            for v, t in zip(self.vars, row):
                if t is None:
                    continue
                if isinstance(t, URIRef):
                    b[v] = {"type": "uri", "value": str(t)}
                elif isinstance(t, BNode):
                    b[v] = {"type": "bnode", "value": str(t)}
                else:
                    d = {"type": "literal", "value": str(t)}
                    if t.language:
                        d["xml:lang"] = t.language
                    elif t.datatype:
                        d["datatype"] = str(t.datatype)
                    b[v] = d
            bindings.append(b)
        return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV (plain values, CRLF line ends)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t))
                        for t in row])
        return buf.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV (terms in Turtle syntax)."""
        if self.kind == "ask":
            return "?boolean\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in self.vars)]
        for row in self.rows:
            cells = []
            for t in row:
                if t is None:
                    cells.append("")
                else:
                    cells.append(t.n3().replace("\t", "\\t").replace("\n", "\\n"))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def to_table(self) -> str:
        """A readable table for a terminal (CJK counted as two columns)."""
        if self.kind == "ask":
            return ("yes" if self.boolean else "no") + "\n"
        import unicodedata

        def width(s):
            return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

        def cell(t):
            if t is None:
                return ""
            s = str(t)
            return s if len(s) <= 60 else s[:57] + "..."

        rows = [[cell(t) for t in r] for r in self.rows]
        ws = [max([width(v)] + [width(r[i]) for r in rows]) for i, v in enumerate(self.vars)]

        def line(vals):
            return " | ".join(v + " " * (w - width(v)) for v, w in zip(vals, ws)).rstrip()

        out = [line(self.vars), "-+-".join("-" * w for w in ws)]
        out += [line(r) for r in rows]
        out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
        return "\n".join(out) + "\n"

    def render(self, fmt: str) -> str:
        if fmt not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return getattr(self, f"to_{fmt}")()


def _to_ox(term):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _from_ox(term, cache: dict):
    """A pyoxigraph term as an rdflib term (cached: labels repeat across rows)."""
    if term is None:
        return None
    got = cache.get(term)
    if got is not None:
        return got
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        out = URIRef(term.value)
    elif isinstance(term, ox.BlankNode):
        out = BNode(term.value)
    elif term.language:
        out = Literal(term.value, lang=term.language)
    elif term.datatype is not None and term.datatype.value != str(XSD_STRING):
        out = Literal(term.value, datatype=URIRef(term.datatype.value))
    else:
        out = Literal(term.value)
    cache[term] = out
    return out


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _run_oxigraph(store, text: str, bindings: dict) -> "QueryResult":
    """Run a query on the Oxigraph engine directly (bindings as substitutions)."""
    import pyoxigraph as ox
    from rdflib import Graph

    subs = {ox.Variable(str(k)): _to_ox(v) for k, v in bindings.items()}
    res = store.query(text, use_default_graph_as_union=True, substitutions=subs or None,
                      prefixes=PREFIXES)
    cache: dict = {}
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", [], [], boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        vs = [v.value for v in res.variables]
        rows = [tuple(_from_ox(sol[v], cache) for v in vs) for sol in res]
        return QueryResult("select", vs, rows)
    g = Graph()
    for t in res:
        g.add((_from_ox(t.subject, cache), _from_ox(t.predicate, cache), _from_ox(t.object, cache)))
    return QueryResult("graph", [], [], graph=g)


def check_params(text: str, params: dict[str, str], declared: dict[str, str] | None) -> None:
    """A :class:`QueryError` listing the query's parameters when ``params``
    names one it does not have (a typo would otherwise bind nothing)."""
    for k in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise QueryError(f"bad parameter name {k[:40]!r}")
    variables = query_variables(text)
    for k in params:
        if declared is not None and k not in declared:
            have = ", ".join(declared) or "none"
            raise QueryError(f"unknown parameter {k!r}; this query's parameters: {have}")
        if k not in variables:
            have = ", ".join(variables) or "none"
            raise QueryError(f"the query has no variable ?{k}; its variables: {have}")


def resolve_entity_params(graph, params: dict[str, str], entities) -> dict[str, str]:
    """Entity parameters given by any name (alias, short name, English label)
    replaced by the entity's preferred label; an unknown name raises
    :class:`QueryError` with close labels."""
    from .lookup import entity_names, resolve_entity

    todo = [k for k in entities if k in params and not params[k].startswith("<")]
    if not todo:
        return params
    names = entity_names(graph)
    out = dict(params)
    for k in todo:
        try:
            iri = resolve_entity(graph, params[k], names)
        except KGError as exc:
            raise QueryError(f"--param {k}: {exc.message}") from None
        out[k] = names.pref.get(iri, params[k])
    return out


def run_query(graph, text: str, params: dict[str, str] | None = None, *,
              defaults: dict[str, str] | None = None, langs: dict[str, str] | None = None,
              timeout: float | None = 30.0, allow_update: bool = False,
              allow_service: bool = False, entities=(),
              strict_params: bool = False) -> QueryResult:
    """Run a SPARQL query (or, with ``allow_update``, an update) on ``graph``.

    ``params`` are bound with ``initBindings``; those named in ``entities``
    first resolve through every name of an entity (:mod:`kg.graph.lookup`).  With
    ``strict_params`` a parameter the query does not declare (``defaults``)
    or use is an error that lists the ones it has.  ``SERVICE`` is refused
    unless ``allow_service``.  A query that takes longer than ``timeout``
    seconds raises :class:`QueryError` (the worker thread is abandoned; it
    stops with the process).
    """
    timeout = check_timeout(timeout)
    if not allow_service and uses_service(text):
        raise QueryError("SERVICE (federated query) is off: it would make this process connect "
                         "to another server; pass --allow-service to allow it")
    update = is_update(text)
    if update and not allow_update:
        raise QueryError("this is a SPARQL update; the graph is read-only "
                         "(pass --allow-update to change it)")
    params = dict(params or {})
    if strict_params:
        check_params(text, params, defaults)
    if entities:
        params = resolve_entity_params(graph, params, entities)
    bindings = {}
    for k, v in {**(defaults or {}), **params}.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise QueryError(f"bad parameter name {k[:40]!r}")
        bindings[Variable(k)] = term_from_param(v, (langs or {}).get(k))
    box: dict = {}

    ox_store = getattr(graph, "ox_store", None)

    def work():
        # Only plain values leave this thread: an exception's traceback would
        # keep Oxigraph's result iterator alive, and dropping it on another
        # thread makes pyo3 complain ("... is unsendable").
        try:
            box["res"] = _evaluate(graph, ox_store, text, bindings, update)
        except Exception as exc:  # parse or evaluation error from the engine
            box["err"] = (str(exc).splitlines() or [type(exc).__name__])[0][:300]
            del exc

    t = threading.Thread(target=work, daemon=True, name="kg-query")
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise QueryError(f"query took longer than the timeout of {timeout:g} s and was stopped")
    if "err" in box:
        raise QueryError(f"query failed: {box['err']}")
    return box["res"]


def _evaluate(graph, ox_store, text, bindings, update) -> QueryResult:
    if ox_store is not None and not update:
        return _run_oxigraph(ox_store, text, bindings)
    if update:
        if ox_store is not None:       # Oxigraph: its own engine
            ox_store.update(text, prefixes=PREFIXES)
            ox_store.flush()
        else:
            graph.update(text, initNs=PREFIXES)
        return QueryResult("update", [], [])
    res = graph.query(text, initBindings=bindings, initNs=PREFIXES)
    if res.type == "ASK":
        return QueryResult("ask", [], [], boolean=bool(res.askAnswer))
    if res.type == "SELECT":
        vs = [str(v) for v in res.vars]
        return QueryResult("select", vs, [tuple(r) for r in res])
    return QueryResult("graph", [], [], graph=res.graph)
