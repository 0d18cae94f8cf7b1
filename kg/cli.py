"""The ``kg`` command line: parse arguments, call one library function, print.

Every user error is one line on stderr (``kg: FILE: problem``) and a non-zero
exit status; no traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import KGError, QueryError, install_warning_printer


def _summary_line(summary: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in summary.items())


def cmd_ingest(a) -> int:
    from .ingest import ingest

    paths = ingest(a.raw_file, a.out)
    for p in paths:
        print(p)
    return 0


HTML_READY = True


def cmd_build(a) -> int:
    from .build import build
    from .compiled import stale_modules

    for src in stale_modules():
        print(f"kg: warning: {src} changed after it was compiled; the old compiled module "
              "still runs (rebuild with: bash scripts/setup.sh)", file=sys.stderr)
    if a.max_bytes is not None:
        if a.max_bytes <= 0:
            raise KGError(f"--max-bytes must be positive, got {a.max_bytes}")
        os.environ["KG_MAX_BYTES"] = str(a.max_bytes)     # worker processes read it too
    if a.ner:
        os.environ["KG_NER"] = a.ner      # worker processes read it too
    res = build(a.paths or None, a.out, validate=not a.no_validate, jobs=a.jobs,
                html=HTML_READY and not a.no_html, store_dir=a.store, engine=a.engine,
                cache=False if a.no_cache else (a.cache or True), scheduler=a.scheduler,
                full_validate=a.full_validate)
    print(f"wrote {res.out}: {_summary_line(res.summary())}")
    return 0


def _require_utf8_toml(path) -> None:
    """TOML is UTF-8 only: a gold file (or a folder's ``*.toml``) in GBK or any
    other encoding is one line naming the file, not a UnicodeDecodeError."""
    if not path:
        return
    p = Path(path)
    for f in sorted(p.glob("*.toml")) if p.is_dir() else [p] if p.is_file() else []:
        try:
            f.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KGError(f"gold file is not UTF-8 (undecodable byte at {exc.start}); TOML must "
                          "be UTF-8: convert it, e.g. iconv -f GBK -t UTF-8", path=str(f)) from None
        except OSError as exc:
            raise KGError(f"cannot read: {exc.strerror}", path=str(f)) from None


def cmd_eval(a) -> int:
    from .evaluate import render, run_eval

    if a.ner:
        os.environ["KG_NER"] = a.ner
    _require_utf8_toml(a.gold)
    scores = run_eval(a.paths or None, a.gold, a.corpus, a.split)
    if a.format == "json":
        print(json.dumps(scores, ensure_ascii=False, indent=2, default=str))
    else:
        sys.stdout.write(render(scores))
    return 0


def cmd_validate(a) -> int:
    from .graph.validate import validate_file

    rep = validate_file(a.file, a.infer, a.engine)
    for note in rep.notes:
        print(f"kg: note: {note}", file=sys.stderr)
    sys.stdout.write(rep.text())
    return 0 if rep.conforms else 1


def cmd_query(a) -> int:
    from .graph.query import PREFIXES, list_queries, load_query, run_query
    from .graph.store import open_graph

    if a.list:
        for q in list_queries():
            params = ", ".join(f"{k}={v}" for k, v in q.params.items())
            print(f"{q.name:24} {q.question}" + (f"  [params: {params}]" if params else ""))
        print("prefixes known to every query (no PREFIX line needed): "
              + " ".join(f"{k}:" for k in PREFIXES))
        return 0
    entities = ()
    if a.sparql:
        text, defaults, langs = a.sparql, None, {}
    elif a.query:
        q = load_query(a.query)
        text, defaults, langs, entities = q.text, q.params, q.langs, q.entities
    else:
        raise QueryError("give a query NAME or FILE, --sparql TEXT, or --list")
    params = {}
    for p in a.param:
        k, sep, v = p.partition("=")
        if not sep:
            raise QueryError(f"--param needs name=value, got {p!r}")
        params[k] = v
    g = open_graph(a.graph, backend=a.backend, store_dir=a.store)
    res = run_query(g, text, params, defaults=defaults, langs=langs, timeout=a.timeout,
                    allow_update=a.allow_update, allow_service=a.allow_service,
                    entities=entities, strict_params=True)
    if res.kind == "update":
        print("update applied" + ("" if a.store else " (in memory only; use --store DIR to keep it)"))
        return 0
    if res.kind == "graph":
        sys.stdout.write(res.graph.serialize(format="turtle"))
        return 0
    sys.stdout.write(res.render(a.format))
    return 0


def cmd_serve(a) -> int:
    from .graph.server import serve

    return serve(a.graph, a.host, a.port, a.store, timeout=a.timeout, workers=a.workers,
                 allow_service=a.allow_service)


def cmd_push(a) -> int:
    from .graph.server import push

    status = push(a.graph, a.endpoint, a.graph_iri, replace=not a.append)
    print(f"pushed {a.graph} to {a.endpoint}: HTTP {status}")
    return 0


def cmd_export(a) -> int:
    from .graph.export import export, render
    from .graph.store import require_file

    require_file(Path(a.graph))
    if a.out:
        print(export(a.graph, a.format, a.out))
    else:
        sys.stdout.write(render(a.graph, a.format))
    return 0


def cmd_analyze(a) -> int:
    from rdflib import Graph

    from .analysis import export_graph, render_markdown, report, to_networkx
    from .graph.store import load_turtle
    from .textio import atomic_write

    g = load_turtle(a.graph)
    G = to_networkx(g, flows=a.flows)
    r = report(G)
    text = render_markdown(r) if a.format == "md" else json.dumps(r, ensure_ascii=False, indent=1) + "\n"
    if a.out:
        atomic_write(a.out, text)
        print(a.out)
    else:
        sys.stdout.write(text)
    if a.graphml:
        export_graph(G, a.graphml, "graphml")
    if a.gexf:
        export_graph(G, a.gexf, "gexf")
    return 0


def cmd_viz(a) -> int:
    from .viz import write_html

    keep = None
    if a.query:
        from .graph.query import load_query, run_query
        from .graph.store import open_graph

        q = load_query(a.query)
        res = run_query(open_graph(a.graph), q.text, defaults=q.params, langs=q.langs)
        keep = {str(t) for row in res.rows for t in row if t is not None}
    types = [t.strip() for t in a.types.split(",")] if a.types else None
    print(write_html(Path(a.graph), a.out, focus=a.focus, depth=a.depth, types=types, keep=keep))
    return 0


def cmd_ontology(a) -> int:
    from . import ontology

    if a.action == "namespace":
        print(ontology.generate_namespace())
    else:
        from .docs import write_docs

        print(write_docs())
    return 0


def _version() -> str:
    """The installed package's version (pyproject.toml), else the source's."""
    try:
        from importlib.metadata import version

        return version("kg")
    except Exception:
        from . import __version__

        return __version__


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge-graph builder for Chinese "
                                "regional industry news.")
    p.add_argument("--version", action="version", version=f"kg {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="split a raw newspaper page into article files")
    s.add_argument("raw_file")
    s.add_argument("--out", default="data/articles", help="folder for the article files")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("build", help="build DIR/triples.ttl from article files or folders")
    s.add_argument("paths", nargs="*", help="article files or folders (default data/articles)")
    s.add_argument("--out", default="data", help="output folder (default data)")
    s.add_argument("--jobs", type=int, default=None, help="processes to extract with, this one included (default: cores)")
    s.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    s.add_argument("--no-html", action="store_true", help="do not write DIR/graph.html")
    s.add_argument("--max-bytes", type=int, default=None, metavar="N",
                   help="largest article file to read (default 16 MiB, or $KG_MAX_BYTES)")
    s.add_argument("--base", help="IRI base of the entities, articles and facts (default: "
                   "[iri] base in kg.toml, else https://w3id.org/cn-industry-kg/id/)")
    s.add_argument("--ner", choices=("lac",), help="also run a statistical NER (Baidu LAC; "
                   "pip install 'kg[ner]'): slower, a few more names")
    s.add_argument("--store", help="keep the build's Oxigraph store in this folder "
                   "(for kg query/serve --store)")
    s.add_argument("--engine", choices=("shacl", "pyshacl"), default="shacl",
                   help="SHACL engine for the check (default shacl; pyshacl is the reference)")
    s.add_argument("--cache", help="article cache folder (default OUT/.kg-cache)")
    s.add_argument("--no-cache", action="store_true",
                   help="extract every article again, keep no cache")
    s.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on this Dask cluster, e.g. tcp://10.0.0.5:8786")
    s.add_argument("--full-validate", action="store_true",
                   help="validate the whole graph even when a rebuild could validate "
                   "only what changed")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("eval", help="score a build against the gold annotation")
    s.add_argument("paths", nargs="*")
    s.add_argument("--gold", help="gold file, or folder of per-article gold files "
                   "(default: tests/gold/gold.toml; with --corpus, see tests/gold/README.md)")
    s.add_argument("--corpus", metavar="DIR", help="score the articles of DIR against per-article gold")
    s.add_argument("--split", choices=("dev", "test"),
                   help="only the articles of this split (default corpus: tests/corpus/real)")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--ner", choices=("lac",), help="build with the statistical NER too")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl")
    s.add_argument("file", nargs="?", default="data/triples.ttl")
    s.add_argument("--infer", choices=("none", "rdfs", "owlrl"), default="none",
                   help="materialise an entailment closure before validating")
    s.add_argument("--engine", choices=("shacl", "pyshacl"), default="shacl",
                   help="SHACL engine: shacl (fast, default) or pyshacl (the reference; "
                        "--infer owlrl always runs on it)")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("query", help="run a named query, a .rq file or --sparql TEXT")
    s.add_argument("query", nargs="?", help="query name (see --list) or .rq file")
    s.add_argument("--sparql", help="SPARQL text")
    s.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE (a literal, or <iri>); repeatable")
    s.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    s.add_argument("--list", action="store_true", help="list the named queries")
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--backend", choices=("oxigraph", "rdflib"), default="oxigraph")
    s.add_argument("--store", help="on-disk Oxigraph store folder (loaded on first use)")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")
    s.add_argument("--allow-update", action="store_true", help="allow SPARQL updates")
    s.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE (federated queries that connect to other servers)")
    s.set_defaults(func=cmd_query)

    s = sub.add_parser("serve", help="serve the graph over the SPARQL 1.1 Protocol (read-only)")
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7878)
    s.add_argument("--store", help="store folder to keep (default: a temporary one)")
    s.add_argument("--timeout", type=float, default=5.0,
                   help="seconds a query may run before it is stopped (default 5)")
    s.add_argument("--workers", type=int, default=2, help="queries run at once (default 2)")
    s.add_argument("--allow-service", action="store_true",
                   help="allow SERVICE (federated queries that connect to other servers)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("push", help="load the graph into a SPARQL Graph Store Protocol server")
    s.add_argument("--endpoint", required=True, help="store URL, e.g. http://127.0.0.1:7878/store")
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--graph-iri", help="named graph IRI (default: the default graph)")
    s.add_argument("--append", action="store_true", help="add (POST) instead of replace (PUT)")
    s.set_defaults(func=cmd_push)

    s = sub.add_parser("export", help="export as jsonld, nt, trig, ttl or a CSV table of facts")
    s.add_argument("--format", choices=("jsonld", "nt", "trig", "csv", "ttl"), required=True)
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--out", help="output file (default: standard output)")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("analyze", help="network analysis report (centrality, paths, communities...)")
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--format", choices=("md", "json"), default="md")
    s.add_argument("--out", help="write the report here instead of stdout")
    s.add_argument("--flows", choices=("edges", "nodes", "both"), default="edges",
                   help="material flows as supplier->consumer edges, as nodes, or both")
    s.add_argument("--graphml", help="also export the projection as GraphML")
    s.add_argument("--gexf", help="also export the projection as GEXF (Gephi)")
    s.set_defaults(func=cmd_analyze)

    s = sub.add_parser("viz", help="write the interactive graph page (self-contained HTML)")
    s.add_argument("--graph", default="data/triples.ttl")
    s.add_argument("--out", default="data/graph.html")
    s.add_argument("--focus", help="draw only the neighbourhood of this entity")
    s.add_argument("--depth", type=int, default=1, help="hops around --focus (default 1)")
    s.add_argument("--types", help="comma-separated classes to draw, e.g. Enterprise,Product")
    s.add_argument("--query", help="draw only entities that a named query returns")
    s.set_defaults(func=cmd_viz)

    s = sub.add_parser("ontology", help="regenerate kg/namespace.py or docs/ontology.md")
    s.add_argument("action", choices=("namespace", "docs"))
    s.set_defaults(func=cmd_ontology)
    return p


def main(argv: list[str] | None = None) -> int:
    install_warning_printer()
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "base", None):
            import os

            from .ontology import check_base

            # read by kg.ontology when the build's modules (and workers) import it
            os.environ["KG_BASE"] = check_base(args.base, "--base")
            import kg.ontology

            kg.ontology.ID_NS = args.base
        return args.func(args)
    except KGError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:   # a file-system fault no command foresaw: still one line
        where = exc.filename or "kg"
        print(f"kg: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def run() -> None:
    """``kg`` and ``python -m kg``: :func:`main`, then the exit handlers
    (temporary stores removed) and an exit without the interpreter's
    teardown of every module loaded (0.3-0.5 s after a build that loaded
    the page's and the SHACL libraries), unless a thread still runs."""
    import atexit
    import os
    import threading

    code = main()
    if any(t is not threading.main_thread() and not t.daemon and t.is_alive()
           for t in threading.enumerate()):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):      # a closed pipe: nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
