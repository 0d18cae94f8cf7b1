"""The ``kg`` command line: parse arguments, call one library function, print.

Every user error is one line on stderr (``kg: FILE: problem``) and a non-zero
exit status; no traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import KGError


def _summary_line(summary: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in summary.items())


def cmd_ingest(a) -> int:
    from .ingest import ingest

    paths = ingest(a.raw_file, a.out)
    for p in paths:
        print(p)
    return 0


HTML_READY = False   # the graph page arrives with kg.viz


def cmd_build(a) -> int:
    from .build import build

    res = build(a.paths or None, a.out, validate=not a.no_validate, jobs=a.jobs,
                html=HTML_READY and not a.no_html)
    print(f"wrote {res.out}: {_summary_line(res.summary())}")
    return 0


def cmd_eval(a) -> int:
    from .build import build_graph
    from .evaluate import evaluate, load_gold, render_report

    scores = evaluate(build_graph(a.paths or None), load_gold(a.gold))
    if a.format == "json":
        print(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_report(scores))
    return 0


def cmd_validate(a) -> int:
    from .validate import validate_file

    rep = validate_file(a.file, a.infer)
    sys.stdout.write(rep.text())
    return 0 if rep.conforms else 1


def cmd_ontology(a) -> int:
    from . import ontology

    if a.action == "namespace":
        print(ontology.generate_namespace())
    else:
        from .docs import write_docs

        print(write_docs())
    return 0


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge-graph builder for Chinese "
                                "regional industry news.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="split a raw newspaper page into article files")
    s.add_argument("raw_file")
    s.add_argument("--out", default="data/articles", help="folder for the article files")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("build", help="build DIR/triples.ttl from article files or folders")
    s.add_argument("paths", nargs="*", help="article files or folders (default data/articles)")
    s.add_argument("--out", default="data", help="output folder (default data)")
    s.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    s.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    s.add_argument("--no-html", action="store_true", help="do not write DIR/graph.html")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("eval", help="score a build against the gold annotation")
    s.add_argument("paths", nargs="*")
    s.add_argument("--gold", default="tests/gold/gold.toml")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl")
    s.add_argument("file", nargs="?", default="data/triples.ttl")
    s.add_argument("--infer", choices=("none", "rdfs", "owlrl"), default="none",
                   help="materialise an entailment closure before validating")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("ontology", help="regenerate kg/namespace.py or docs/ontology.md")
    s.add_argument("action", choices=("namespace", "docs"))
    s.set_defaults(func=cmd_ontology)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
