"""The per-article stages of the pipeline, registered by name.

Each stage imports its module when it first runs: a rebuild whose articles
all come from the cache imports this package (for :mod:`.resolve`) but runs
no stage, and so never loads the extraction modules, whose patterns take
0.09 s to compile."""
from __future__ import annotations

from ..article import prepare, split_sentences
from ..pipeline import Context, stage


@stage("clean")
def clean(article, ctx: Context) -> None:
    """NFKC + simplified text with a map back to the original characters."""
    prepare(article)


@stage("sentences")
def sentences(article, ctx: Context) -> None:
    """Chinese sentence segmentation with offsets (done by ``clean``; kept as a
    stage so that a custom cleaner can re-segment)."""
    if not article.sentences:
        article.sentences = split_sentences(article.text)


@stage("mentions")
def mentions(article, ctx: Context) -> None:
    """Names of entities in each sentence, in article offsets."""
    from .mentions import sentence_mentions, settle_types

    out = []
    for sent in article.sentences:
        base = len(out)
        for m in sentence_mentions(sent.text, ctx.knowledge):
            m.start += sent.start
            m.end += sent.start
            m.sentence = sent.index
            if m.parent is not None:
                m.parent += base
            out.append(m)
    settle_types(out)
    article.mentions = out


@stage("ner")
def ner(article, ctx: Context) -> None:
    """Optional statistical NER (``--ner lac``): names the rules missed."""
    from .ner import ner_mentions

    ner_mentions(article, ctx.knowledge)


@stage("people")
def people(article, ctx: Context) -> None:
    """Persons, role holdings and words that refer back (该公司, 全市)."""
    from .people import find_people

    find_people(article, ctx.knowledge)


@stage("resolve")
def resolve(article, ctx: Context) -> None:
    """Give every mention its entity key (aliases within the article)."""
    from .resolve import resolve_article

    resolve_article(article, ctx.knowledge)


@stage("figures")
def figures(article, ctx: Context) -> None:
    """Numbers with units, periods and indicators."""
    from .figures import find_figures

    find_figures(article, ctx.knowledge)


@stage("relations")
def relations(article, ctx: Context) -> None:
    """Typed relations and material flows."""
    from .relations import find_relations

    find_relations(article, ctx.knowledge)
