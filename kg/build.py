"""The build: article files in, ``triples.ttl`` out."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .article import ARTICLE_SUFFIXES, Article, load_article
from .corpus import merge_entities
from .errors import InputError
from .knowledge import Knowledge, load_knowledge
from .pipeline import ARTICLE_STAGES, Context, run_article
from .rdf import TripleSink, article_triples, entity_triples, fact_triples, to_turtle
from .textio import atomic_write

DEFAULT_ARTICLES = Path("data/articles")
PARALLEL_MIN_ARTICLES = 16


@dataclass
class BuildResult:
    """What a build produced."""

    articles: list[Article]
    entities: dict
    triples: set
    turtle: str
    out: Path | None = None

    def summary(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "sentences": sum(len(a.sentences) for a in self.articles),
            "entities": len(self.entities),
            "relations": sum(len(a.relations) for a in self.articles),
            "flows": sum(len(a.flows) for a in self.articles),
            "figures": sum(len(a.figures) for a in self.articles),
            "people": sum(1 for e in self.entities.values() if e.type == "Person"),
            "triples": len(self.triples),
        }


def find_articles(paths: list[str | Path] | None) -> list[Path]:
    """Article files named by ``paths`` (files or folders), sorted, unique."""
    paths = [Path(p) for p in (paths or [DEFAULT_ARTICLES])]
    found: list[Path] = []
    for p in paths:
        if not p.exists():
            raise InputError("no such file or folder", path=str(p))
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in ARTICLE_SUFFIXES
                           and not f.name.startswith("."))
            if not files:
                raise InputError("folder has no article files (*.txt, *.md)", path=str(p))
            found.extend(files)
        else:
            found.append(p)
    unique = sorted(set(found), key=lambda f: (f.name, str(f)))
    return unique


_WORKER_CTX: Context | None = None


def _init_worker(folder: str) -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context(load_knowledge(folder))


def _warm(knowledge: Knowledge) -> None:
    """Build the per-process caches once, before forking."""
    from .normalize import normalize_with_map

    normalize_with_map("预热…,")
    run_article(Article(id="warm", path="<warm>", original="甘肃某某有限公司生产硫酸10万吨。"),
                Context(knowledge), ARTICLE_STAGES)


def _work(path: str) -> Article:
    return run_article(load_article(path), _WORKER_CTX, ARTICLE_STAGES)


def _work_chunk(paths: list[str]) -> list[Article]:
    return [_work(p) for p in paths]


def extract(files: list[Path], knowledge: Knowledge, jobs: int | None = None,
            progress: bool | None = None) -> list[Article]:
    """Run the per-article stages on every file, in parallel for large corpora.

    With ``jobs`` > 1 the parent process is one of the workers: ``jobs - 1``
    processes take chunks of files from the front of the list while the parent
    takes them from the back (a chunk it takes is cancelled in the pool), so
    only the other processes' articles are pickled, and no core idles.
    """
    jobs = jobs or os.cpu_count() or 1
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 20)
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="article", file=sys.stderr)
    ctx = Context(knowledge)
    paths = [str(f) for f in files]
    if jobs > 1 and len(files) >= PARALLEL_MIN_ARTICLES:
        global _WORKER_CTX
        import multiprocessing

        if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
            # forked workers inherit the compiled knowledge and warm caches
            _WORKER_CTX = ctx
            _warm(knowledge)
            pool_args = {"mp_context": multiprocessing.get_context("fork")}
        else:
            pool_args = {"initializer": _init_worker, "initargs": (str(knowledge.folder),)}
        # small chunks: when the parent meets the pool it waits for at most
        # the chunks the pool has already started
        size = max(1, min(4, len(paths) // (8 * jobs)))
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        done: dict[int, list[Article]] = {}
        with ProcessPoolExecutor(max_workers=jobs - 1, **pool_args) as pool:
            futures = [pool.submit(_work_chunk, c) for c in chunks]
            try:
                for i in range(len(chunks) - 1, -1, -1):
                    if not futures[i].cancel():
                        break                   # the pool has reached this chunk
                    done[i] = [run_article(load_article(p), ctx, ARTICLE_STAGES)
                               for p in chunks[i]]
                    if bar:
                        bar.update(len(chunks[i]))
                for i, fut in enumerate(futures):
                    if i not in done:
                        done[i] = fut.result()
                        if bar:
                            bar.update(len(chunks[i]))
            except BaseException:
                for fut in futures:             # stop at the first error
                    fut.cancel()
                raise
        out = [a for i in range(len(chunks)) for a in done[i]]
    else:
        out = []
        for p in paths:
            out.append(run_article(load_article(p), ctx, ARTICLE_STAGES))
            if bar:
                bar.update()
    if bar:
        bar.close()
    ids: dict[str, str] = {}
    for a in out:
        if a.id in ids:
            raise InputError(f"two articles have the id {a.id!r} (also {ids[a.id]}); "
                             "rename one file", path=a.path)
        ids[a.id] = a.path
    return out


def build_graph(paths=None, *, knowledge: Knowledge | None = None, jobs: int | None = None,
                progress: bool | None = None) -> BuildResult:
    """Extract every article and turn the result into triples (no file written)."""
    k = knowledge or load_knowledge()
    files = find_articles(paths)
    articles = extract(files, k, jobs, progress)
    ents = merge_entities(articles, k)
    sink = TripleSink()
    by_id = {a.id: a for a in articles}
    for a in articles:
        article_triples(sink, a)
    entity_triples(sink, ents, by_id)
    unit_iris = k.unit_iris
    for a in articles:
        fact_triples(sink, a, ents, unit_iris)
    return BuildResult(articles, ents, sink.triples, to_turtle(sink.triples))


def build(paths=None, out_dir: str | Path = "data", *, validate: bool = True,
          jobs: int | None = None, progress: bool | None = None, html: bool = True,
          knowledge: Knowledge | None = None) -> BuildResult:
    """Build the graph of ``paths`` and write ``out_dir/triples.ttl``.

    The graph is validated against ``ontology/shapes.ttl`` before anything is
    written; a violation raises :class:`~kg.errors.ValidationError` and leaves
    the previous output untouched.
    """
    res = build_graph(paths, knowledge=knowledge, jobs=jobs, progress=progress)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", path=str(out))
    if validate:
        from .validate import check_triples

        check_triples(res.triples)
    res.out = atomic_write(out / "triples.ttl", res.turtle)
    if html:
        from rdflib import Graph

        from .viz import write_html

        g = Graph()
        for t in res.triples:
            g.add(t)
        write_html(g, out / "graph.html")
    return res
