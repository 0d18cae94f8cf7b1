"""Named stages over one :class:`~kg.article.Article`, and the runner.

A stage is a plain function ``f(article, ctx) -> None`` registered under a
name with :func:`stage`.  :func:`run_article` runs the per-article stages in
order; any exception becomes a :class:`~kg.errors.StageError` naming the
article and the stage.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .article import Article
from .errors import KGError, StageError

StageFn = Callable[[Article, "Context"], None]
_STAGES: dict[str, StageFn] = {}

#: The per-article stages, in order.  Merging entities across articles and
#: ``to-rdf`` run once per corpus in :mod:`kg.build`.
ARTICLE_STAGES = ("clean", "sentences", "mentions", "ner", "people", "resolve", "figures",
                  "relations")


@dataclass
class Context:
    """Read-only knowledge shared by all stages (catalogue, triggers, units)."""

    knowledge: object  # kg.knowledge.Knowledge


def stage(name: str) -> Callable[[StageFn], StageFn]:
    """Register ``f`` as the stage ``name``."""

    def deco(fn: StageFn) -> StageFn:
        _STAGES[name] = fn
        return fn

    return deco


def get_stage(name: str) -> StageFn:
    _load_builtin_stages()
    return _STAGES[name]


def _load_builtin_stages() -> None:
    from . import extract  # noqa: F401  (registers the stages)


def run_article(article: Article, ctx: Context, stages: tuple[str, ...] = ARTICLE_STAGES) -> Article:
    """Run ``stages`` on ``article``; errors name the article and the stage."""
    _load_builtin_stages()
    for name in stages:
        try:
            _STAGES[name](article, ctx)
        except KGError as exc:
            exc.article = exc.article or article.id
            exc.stage = exc.stage or name
            exc.path = exc.path or article.path
            raise
        except Exception as exc:  # a bug or bad data inside a stage
            raise StageError(f"{type(exc).__name__}: {exc}", path=article.path,
                             article=article.id, stage=name) from exc
    return article
