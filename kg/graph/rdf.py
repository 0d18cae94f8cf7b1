"""The ``to-rdf`` stage: articles, sentences, entities and facts as triples,
and a deterministic Turtle writer."""
from __future__ import annotations

import decimal
from decimal import Decimal  # noqa: F401  (doctests)
import functools
import hashlib
import math
import re

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..errors import StageError
from ..guard import membership_predicate
from ..namespace import KG as _KG
from ..ontology import ID_NS

class _Cached:
    """Attribute cache in front of the closed namespace: a misspelt term still
    fails at once (on first use), later lookups are plain dict hits."""

    def __init__(self, ns):
        self._ns = ns
        self._cache = {}

    def __getattr__(self, name):
        try:
            return self._cache[name]
        except KeyError:
            v = self._cache[name] = getattr(self._ns, name)
            return v

    def __getitem__(self, name):
        return self.__getattr__(name)

    def __str__(self):
        return str(self._ns)


KG = _Cached(_KG)
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
ID = Namespace(ID_NS)

PREFIXES = {
    "kg": str(KG), "id": ID_NS, "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
    "skos": str(SKOS), "prov": str(PROV), "dcterms": str(DCTERMS), "org": str(ORG),
    "schema": str(SCHEMA), "owl": str(OWL), "unit": str(UNIT), "cur": str(CUR),
    "qudt": str(QUDT),
}


def indicator_labels(name: str) -> tuple:
    """The labels the ontology gives an indicator individual."""
    return _ontology_labels().get(str(KG[name]), ())


@functools.lru_cache(maxsize=1)
def _ontology_labels() -> dict:
    """subject IRI -> its ``rdfs:label`` literals in the ontology (sorted),
    read once (pyoxigraph: 1 ms, where rdflib took 24 ms a parse)."""
    import pyoxigraph as ox

    from ..ontology import ontology_dir

    out: dict = {}
    label = str(RDFS.label)
    for q in ox.parse(path=str(ontology_dir() / "kg.ttl"), format=ox.RdfFormat.TURTLE):
        o = q.object
        if q.predicate.value == label and type(o) is ox.Literal and type(q.subject) is ox.NamedNode:
            lit = Literal(o.value, lang=o.language) if o.language else \
                Literal(o.value, datatype=URIRef(o.datatype.value))
            out.setdefault(q.subject.value, []).append(lit)
    return {s: tuple(sorted(ls, key=str)) for s, ls in out.items()}


def _h(*parts) -> str:
    """The name of a fact node (evidence, flow, membership): 64 bits of SHA-1,
    so that ten million facts share none by chance (48 bits gave ~1 in 6)."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def article_iri(aid: str) -> URIRef:
    return ID[f"article/{aid}"]


def sentence_iri(aid: str, index: int) -> URIRef:
    return ID[f"article/{aid}/s{index}"]


@functools.lru_cache(maxsize=200_000)
def _int(v: int) -> Literal:
    return Literal(int(v), datatype=XSD.integer)


#: enough digits for any finite float written out in full (1.8e308, 5e-324)
_DEC_CONTEXT = decimal.Context(prec=800, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


@functools.lru_cache(maxsize=100_000)
def _dec(v: float | decimal.Decimal) -> Literal:
    """An ``xsd:decimal`` literal of the float or Decimal ``v``, exact in any
    magnitude.

    >>> str(_dec(12.5)), str(_dec(3.0)), str(_dec(1e-7))
    ('12.5', '3', '0.0000001')
    >>> str(_dec(1e32)), str(_dec(Decimal("1E+40")))
    ('100000000000000000000000000000000', '10000000000000000000000000000000000000000')
    >>> _dec(float("inf"))
    Traceback (most recent call last):
    ...
    kg.errors.StageError: stage to-rdf: inf is not a finite number: it cannot be an xsd:decimal
    """
    ctx = _DEC_CONTEXT
    if isinstance(v, decimal.Decimal):          # exact figures
        finite, d = v.is_finite(), v
    else:
        f = float(v)
        finite, d = math.isfinite(f), f
    if not finite:
        raise StageError(f"{d!r} is not a finite number: it cannot be an xsd:decimal",
                         stage="to-rdf")
    d = (ctx.create_decimal(d) if isinstance(d, decimal.Decimal)
         else ctx.create_decimal(repr(d))).normalize(ctx)
    if d.as_tuple().exponent > 0:     # 1E+3 -> 1000 (format "f" writes the zeros)
        d = d.quantize(decimal.Decimal(1), context=ctx) if d.adjusted() < ctx.prec else d
    # plain digits (no exponent): the only lexical form xsd:decimal has
    return Literal(format(d, "f"), datatype=XSD.decimal)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


class TripleSink:
    """A set of triples with a helper for provenance."""

    def __init__(self):
        self.triples: set[tuple] = set()

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def provenance(self, node, article, sentence_index, start, end, rule, confidence) -> None:
        """Where a fact comes from: sentence, offsets, quote, rule, confidence."""
        self.add(node, PROV.wasDerivedFrom, sentence_iri(article.id, sentence_index))
        self.add(node, KG.start, _int(start))
        self.add(node, KG.end, _int(end))
        self.add(node, KG.quote, Literal(article.quote(start, end)))
        self.add(node, KG.rule, Literal(rule))
        self.add(node, KG.confidence, _dec(round(confidence, 2)))
        raw = article.raw_span(start, end)
        if raw:
            self.add(node, KG.rawStart, _int(raw[0]))
            self.add(node, KG.rawEnd, _int(raw[1]))


def article_triples(sink: TripleSink, art) -> None:
    """The article and its sentences."""
    a = article_iri(art.id)
    sink.add(a, RDF.type, KG.Article)
    sink.add(a, DCTERMS.identifier, Literal(art.id))
    sink.add(a, DCTERMS.title, _zh(art.title))
    meta = art.meta
    if meta.get("source"):
        sink.add(a, DCTERMS.source, Literal(meta["source"]))
    if meta.get("byline"):
        sink.add(a, DCTERMS.creator, _zh(meta["byline"]))
    if meta.get("date"):
        sink.add(a, DCTERMS.date, Literal(meta["date"]))
    if meta.get("page"):
        sink.add(a, KG.page, Literal(meta["page"]))
    if meta.get("section"):
        sink.add(a, KG.section, Literal(meta["section"]))
    sink.add(a, KG.articleKind, Literal(meta.get("kind", "article")))
    sink.add(a, KG.titleDerived, Literal(meta.get("title_derived") == "yes"))
    for note in meta.get("notes", []):
        sink.add(a, KG.note, Literal(note))
    for s in art.sentences:
        si = sentence_iri(art.id, s.index)
        sink.add(a, KG.sentence, si)
        sink.add(si, RDF.type, KG.Sentence)
        sink.add(si, KG.inArticle, a)
        sink.add(si, KG.index, _int(s.index))
        sink.add(si, KG.paragraph, _int(s.paragraph))
        sink.add(si, KG.start, _int(s.start))
        sink.add(si, KG.end, _int(s.end))
        sink.add(si, KG.text, Literal(s.text))
        orig = art.quote(s.start, s.end)
        if orig != s.text:
            sink.add(si, KG.originalText, Literal(orig))
        raw = art.raw_span(s.start, s.end)
        if raw:
            sink.add(si, KG.rawStart, _int(raw[0]))
            sink.add(si, KG.rawEnd, _int(raw[1]))


def entity_triples(sink: TripleSink, ents, articles_by_id) -> None:
    """Entities: class, labels, aliases, mentions and the evidence of the first."""
    for e in ents.values():
        entity_node_triples(sink, e)
        aid, i, _sidx = e.mentions[0]
        entity_evidence_triples(sink, e, articles_by_id[aid], i)


def entity_node_triples(sink: TripleSink, e) -> None:
    """What the merged entity ``e`` says of itself: class, labels, aliases,
    mention count and the sentences naming it (no article needed)."""
    n = URIRef(e.iri)
    sink.add(n, RDF.type, KG[e.type])
    sink.add(n, RDFS.label, _zh(e.label))
    sink.add(n, SKOS.prefLabel, _zh(e.label))
    if e.en:
        sink.add(n, RDFS.label, Literal(e.en, lang="en"))
    for a in sorted(e.aliases):
        sink.add(n, SKOS.altLabel, _zh(a))
    sink.add(n, KG.mentionCount, _int(len(e.mentions)))
    for aid, _i, sidx in e.mentions:
        if sidx >= 0:
            sink.add(n, KG.mentionedIn, sentence_iri(aid, sidx))


def entity_node_key(e) -> bytes:
    """A digest of all that :func:`entity_node_triples` reads of ``e``:
    equal digests, the same triples (a rebuild renders an entity's block
    again only when its digest or an article's triples about it changed)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((e.iri, e.type, e.label, e.en, sorted(e.aliases), len(e.mentions))).encode())
    h.update(repr([(aid, sidx) for aid, _i, sidx in e.mentions if sidx >= 0]).encode())
    return h.digest()


def entity_evidence_triples(sink: TripleSink, e, art, i: int) -> None:
    """The evidence of the entity's class: its first mention, ``art.mentions[i]``."""
    n = URIRef(e.iri)
    aid = art.id
    m = art.mentions[i]
    # minted from the span, not the mention's index: a mention found
    # earlier in the article must not rename this node
    ev = ID[f"evidence/{_h(e.iri, 'type', aid, m.sentence, m.start, m.end)}"]
    sink.add(n, KG.evidence, ev)
    sink.add(ev, RDF.type, KG.Evidence)
    sink.add(ev, KG.subject, n)
    sink.add(ev, KG.predicate, RDF.type)
    sink.add(ev, KG.object, KG[e.type])
    if m.end > m.start:
        sink.provenance(ev, art, m.sentence, m.start, m.end, m.rule, m.confidence)
    else:   # a byline: stated by the article's header
        sink.add(ev, PROV.wasDerivedFrom, article_iri(aid))
        sink.add(ev, KG.quote, Literal(m.text))
        sink.add(ev, KG.rule, Literal(m.rule))
        sink.add(ev, KG.confidence, _dec(m.confidence))


def fact(sink: TripleSink, art, s_iri, pred, o_iri, sentence, start, end, rule, conf) -> None:
    """A binary fact and its evidence node."""
    s_iri, o_iri = URIRef(s_iri), URIRef(o_iri)
    sink.add(s_iri, pred, o_iri)
    ev = ID[f"evidence/{_h(s_iri, pred, o_iri, art.id, sentence, start, end)}"]
    sink.add(ev, RDF.type, KG.Evidence)
    sink.add(ev, KG.subject, s_iri)
    sink.add(ev, KG.predicate, pred)
    sink.add(ev, KG.object, o_iri)
    sink.add(s_iri, KG.evidence, ev)
    sink.provenance(ev, art, sentence, start, end, rule, conf)


def fact_triples(sink: TripleSink, art, ents, unit_iris: dict[str, str]) -> None:
    """Relations, observations, flows and role holdings of one article."""
    def iri(i):
        return ents[art.mentions[i].key].iri

    for r in art.relations:
        fact(sink, art, iri(r.subject), KG[r.predicate], iri(r.object), r.sentence,
             r.start, r.end, r.rule, r.confidence)
    obs_iris = {}
    for fi, f in enumerate(art.figures):
        o = ID[f"observation/{art.id}-{f.start}-{f.end}"]
        obs_iris[fi] = o
        sink.add(o, RDF.type, KG.Observation)
        sink.add(o, KG.value, _dec(f.value))
        sink.add(o, KG.unit, URIRef(unit_iris[f.unit]))
        sink.add(o, KG.surfaceText, Literal(art.quote(f.start, f.end)))
        sink.add(o, KG.indicator, KG[f.indicator])
        sink.add(KG[f.indicator], RDF.type, KG.Indicator)
        for lit in indicator_labels(f.indicator):
            sink.add(KG[f.indicator], RDFS.label, lit)
        if f.indicator_text:
            sink.add(o, KG.indicatorText, Literal(f.indicator_text))
        if f.qualifier:
            sink.add(o, KG.qualifier, Literal(f.qualifier))
        if f.period:
            sink.add(o, KG.period, Literal(f.period))
            sink.add(o, KG.periodStart, Literal(str(f.period_start), datatype=XSD.gYear))
            sink.add(o, KG.periodEnd, Literal(str(f.period_end), datatype=XSD.gYear))
        if f.about is not None:
            sink.add(o, KG.about, URIRef(iri(f.about)))
        sink.provenance(o, art, f.sentence, f.start, f.end, f.rule, f.confidence)
    for fl in art.flows:
        node = ID[f"flow/{_h(art.id, fl.sentence, iri(fl.supplier), iri(fl.consumer), *map(iri, fl.materials))}"]
        sink.add(node, RDF.type, KG.MaterialFlow)
        sink.add(node, KG.supplier, URIRef(iri(fl.supplier)))
        sink.add(node, KG.consumer, URIRef(iri(fl.consumer)))
        for mi in fl.materials:
            sink.add(node, KG.material, URIRef(iri(mi)))
        if fl.quantity is not None:
            sink.add(node, KG.quantity, obs_iris[fl.quantity])
        sink.provenance(node, art, fl.sentence, fl.start, fl.end, fl.rule, fl.confidence)
        fact(sink, art, iri(fl.supplier), KG.supplies, iri(fl.consumer), fl.sentence,
             fl.start, fl.end, fl.rule, fl.confidence)
    for rh in art.roles:
        person = URIRef(iri(rh.person))
        org = iri(rh.org) if rh.org is not None else None
        node = ID[f"membership/{_h(art.id, rh.sentence, person, rh.role, org)}"]
        role = ID[f"role/{_h(rh.role)}"]
        sink.add(role, RDF.type, KG.Role)
        sink.add(role, RDFS.label, _zh(rh.role))
        sink.add(node, RDF.type, KG.Membership)
        sink.add(node, ORG.member, person)
        sink.add(node, ORG.role, role)
        sink.add(node, KG.roleTitle, _zh(rh.role))
        m = art.mentions[rh.person]
        if rh.org is not None:
            # org:organization or kg:atPlace, as the ontology allows for the
            # entity's class (kg.guard dropped targets that fit neither)
            pred = membership_predicate(ents[art.mentions[rh.org].key].type)
            if pred is not None:    # None only when kg.guard was not run: left out
                sink.add(node, pred, URIRef(iri(rh.org)))
                fact(sink, art, person, KG.holdsRole, iri(rh.org), rh.sentence, rh.start,
                     rh.end, rh.rule, rh.confidence)
        if m.end > m.start:
            sink.provenance(node, art, rh.sentence, rh.start, rh.end, rh.rule, rh.confidence)
        else:
            sink.add(node, PROV.wasDerivedFrom, article_iri(art.id))
            sink.add(node, KG.quote, Literal(m.text))
            sink.add(node, KG.rule, Literal(rh.rule))
            sink.add(node, KG.confidence, _dec(rh.confidence))


# ---------------------------------------------------------------- Turtle
_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def _n3(term, pm: list[tuple[str, str]], cache: dict) -> str:
    got = cache.get(term)
    if got is not None:
        return got
    if isinstance(term, URIRef):
        s = str(term)
        out = f"<{s}>"
        for prefix, ns in pm:
            if s.startswith(ns):
                local = s[len(ns):]
                if _LOCAL.match(local):
                    out = f"{prefix}:{local}"
                break
    else:
        out = term.n3()
    cache[term] = out
    return out


def _object_key(o) -> tuple[str, str, str, str]:
    return (type(o).__name__, str(o), str(getattr(o, "language", "") or ""),
            str(getattr(o, "datatype", "") or ""))


def _prefix_map() -> list[tuple[str, str]]:
    return sorted(((p, ns) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))


def turtle_header() -> str:
    """The prefix lines every Turtle file of kg starts with (no blank line)."""
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items()))


_RDF_TYPE = str(RDF.type)


def _pred_key(p) -> tuple[bool, str]:
    return (str(p) != _RDF_TYPE, str(p))


def render_subject(s, preds: dict, pm: list[tuple[str, str]], cache: dict) -> str:
    """One subject's block of :func:`to_turtle` (``preds``: predicate -> list
    of objects), ending in ``" .\n"``."""
    parts = []
    for p in sorted(preds, key=_pred_key):
        objs = preds[p]
        if len(objs) > 1:
            objs = sorted(objs, key=_object_key)
        pn = "a" if str(p) == _RDF_TYPE else _n3(p, pm, cache)
        parts.append(f"    {pn} " + " ,\n        ".join([_n3(o, pm, cache) for o in objs]))
    return _n3(s, pm, cache) + "\n" + " ;\n".join(parts) + " .\n"


def group_by_subject(triples) -> dict:
    """subject -> predicate -> list of objects."""
    by_subject: dict = {}
    for s, p, o in triples:
        preds = by_subject.get(s)
        if preds is None:
            by_subject[s] = {p: [o]}
        else:
            objs = preds.get(p)
            if objs is None:
                preds[p] = [o]
            else:
                objs.append(o)
    return by_subject


def to_turtle(triples) -> str:
    r"""Serialise triples as Turtle, sorted: the same set gives the same bytes.

    Subjects sort by IRI, predicates by IRI with ``rdf:type`` first, objects
    by kind, text, language and datatype.  :mod:`kg.graph.spool` writes the
    same bytes for a corpus without holding its triples.

    >>> from rdflib import Literal
    >>> ex = "http://example.org/"
    >>> print(to_turtle({(URIRef(ex + "b"), URIRef(ex + "p"), Literal("y")),
    ...                  (URIRef(ex + "b"), URIRef(ex + "p"), Literal("x")),
    ...                  (URIRef(ex + "b"), RDF.type, URIRef(ex + "C"))}).split("\n\n")[-1])
    <http://example.org/b>
        a <http://example.org/C> ;
        <http://example.org/p> "x" ,
            "y" .
    <BLANKLINE>
    """
    pm = _prefix_map()
    cache: dict = {}
    by_subject = group_by_subject(triples)
    lines = [turtle_header(), ""]
    for s in sorted(by_subject, key=str):
        lines.append(render_subject(s, by_subject[s], pm, cache))
    return "\n".join(lines)
