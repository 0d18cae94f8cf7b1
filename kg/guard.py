"""The type guard: facts whose entities do not fit their predicate are
dropped (or retyped where the ontology says how) before the RDF is written.

The extractor works on one sentence at a time and can pair a role with a lake
(``鄱阳湖副局长…``) or a product with a park; the graph those facts make breaks
``ontology/shapes.ttl``, and one such sentence used to abort the build of a
whole corpus.  The guard runs after the entities are merged (so it sees the
class each entity gets in the graph) and checks every relation, role holding
(membership), material flow and observation against the classes its
predicates need.  The classes are read from the ontology itself, never copied
here:

* every ``sh:class`` (or ``sh:or`` of ``sh:class``) on a property of a node
  shape in ``shapes.ttl`` whose target class the subject belongs to;
* every ``rdfs:domain`` and ``rdfs:range`` of ``kg.ttl``;
* the class hierarchy (``rdfs:subClassOf``) of ``kg.ttl``.

A fact that does not fit is dropped with a :class:`~kg.errors.KGWarning`
naming the article and the sentence.  A role holding whose target is a place
is written with ``kg:atPlace`` instead of ``org:organization`` (the two ways
the ontology has of saying where a role is held); one whose target fits
neither keeps the person and role and loses the target.
"""
from __future__ import annotations

import functools
import math
import warnings
from decimal import Decimal

from rdflib import RDF, RDFS, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .errors import KGWarning
from .namespace import KG

ORG_NS = "http://www.w3.org/ns/org#"
ORG_ORGANIZATION = URIRef(ORG_NS + "organization")
ORG_MEMBER = URIRef(ORG_NS + "member")
#: where a membership can say its role is held, in order of preference
MEMBERSHIP_TARGETS = (ORG_ORGANIZATION, URIRef(str(KG) + "atPlace"))


@functools.lru_cache(maxsize=1)
def _rules():
    """``(superclasses, shape constraints, domains, ranges)`` read from the ontology.

    ``constraints[(target_class, predicate)]`` is a tuple of alternatives:
    the object must be in one of them.
    """
    from .graph.validate import ontology_graph, shapes_graph

    onto, shapes = ontology_graph(), shapes_graph()
    parents: dict = {}
    for c, sup in onto.subject_objects(RDFS.subClassOf):
        parents.setdefault(c, set()).add(sup)

    def ancestors(c):
        seen, todo = {c}, [c]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return frozenset(seen)

    classes = set(parents) | {o for v in parents.values() for o in v} | \
        set(onto.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    supers = {c: ancestors(c) for c in classes}

    def classes_of(node) -> tuple:
        direct = shapes.value(node, SH["class"])
        if direct is not None:
            return (direct,)
        alts = shapes.value(node, SH["or"])
        if alts is not None:
            return tuple(c for alt in Collection(shapes, alts)
                         if (c := shapes.value(alt, SH["class"])) is not None)
        return ()

    constraints: dict = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            alts = classes_of(prop)
            if isinstance(path, URIRef) and alts:
                constraints.setdefault((target, path), []).append(alts)
    domains = {p: d for p, d in onto.subject_objects(RDFS.domain) if isinstance(d, URIRef)}
    ranges = {p: r for p, r in onto.subject_objects(RDFS.range)
              if isinstance(r, URIRef) and r in supers}
    return supers, {k: tuple(v) for k, v in constraints.items()}, domains, ranges


def _class(type_name: str) -> URIRef:
    return URIRef(str(KG) + type_name)


def is_a(type_name: str, cls: URIRef) -> bool:
    """True when the kg class ``type_name`` is ``cls`` or a subclass of it.

    >>> is_a("River", URIRef("https://w3id.org/cn-industry-kg/ontology#Place"))
    True
    >>> is_a("River", URIRef("https://w3id.org/cn-industry-kg/ontology#Organization"))
    False
    """
    supers = _rules()[0]
    c = _class(type_name)
    return cls in supers.get(c, (c,))


def fits(subject_class: URIRef | str, predicate: URIRef, object_class: URIRef | str | None) -> str:
    """Why ``subject predicate object`` breaks the ontology, or ``""`` when it fits.

    Classes are kg class names (``"River"``) or IRIs; ``object_class`` None
    skips the object checks.

    >>> fits("River", ORG_MEMBER, None)
    ''
    >>> fits("Person", URIRef("https://w3id.org/cn-industry-kg/ontology#holdsRole"), "Product")
    'the object (kg:Product) is not kg:Organization or kg:Place'
    """
    supers, constraints, domains, ranges = _rules()

    def iri(c):
        return c if isinstance(c, URIRef) else _class(c)

    s = iri(subject_class)
    s_up = supers.get(s, frozenset((s,)))
    if predicate in domains and domains[predicate] not in s_up:
        return f"the subject ({_short(s)}) is not {_short(domains[predicate])}"
    if object_class is None:
        return ""
    o = iri(object_class)
    o_up = supers.get(o, frozenset((o,)))
    if predicate in ranges and ranges[predicate] not in o_up:
        return f"the object ({_short(o)}) is not {_short(ranges[predicate])}"
    for target in s_up:
        for alts in constraints.get((target, predicate), ()):
            if not any(a in o_up for a in alts):
                return f"the object ({_short(o)}) is not " + " or ".join(map(_short, alts))
    return ""


def membership_predicate(type_name: str) -> URIRef | None:
    """The predicate that says a role is held at an entity of ``type_name``
    (``org:organization`` or ``kg:atPlace``), or None when neither fits.

    >>> str(membership_predicate("River"))
    'https://w3id.org/cn-industry-kg/ontology#atPlace'
    >>> str(membership_predicate("Enterprise"))
    'http://www.w3.org/ns/org#organization'
    >>> membership_predicate("Product") is None
    True
    """
    membership = URIRef(str(KG) + "Membership")
    for pred in MEMBERSHIP_TARGETS:
        if not fits(membership, pred, type_name):
            return pred
    return None


def _short(iri) -> str:
    s = str(iri)
    for pre, ns in (("kg:", str(KG)), ("org:", ORG_NS)):
        if s.startswith(ns):
            return pre + s[len(ns):]
    return f"<{s}>"


#: values from here on are kept exactly but SPARQL arithmetic (Oxigraph's
#: 128-bit decimals) cannot use them
BIG_DECIMAL = 1.7e20
#: significant digits a decimal may have: the shacl engine's decimals (28)
MAX_DIGITS = 28


def _too_precise(v) -> bool:
    """Whether an exact figure has more significant digits than the engines
    hold (99.99399999999999999999999999999 from a fuzzed text).

    >>> from decimal import Decimal
    >>> _too_precise(Decimal("327.1")), _too_precise(Decimal("99.9939999999999999999999999999999"))
    (False, True)
    """
    import decimal

    if not isinstance(v, decimal.Decimal) or not v.is_finite():
        return False
    return len(v.normalize(decimal.Context(prec=2000)).as_tuple().digits) > MAX_DIGITS


def _finite(v) -> bool:
    """A number that an xsd:decimal can hold (float, int or Decimal).

    >>> _finite(1e308), _finite(float("inf")), _finite(Decimal("1E+400")), _finite(Decimal("NaN"))
    (True, False, True, False)
    """
    if isinstance(v, Decimal):
        return v.is_finite()
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _warn(art, sentence: int, what: str) -> None:
    text = ""
    if 0 <= sentence < len(art.sentences):
        t = art.sentences[sentence].text
        text = f" ({t[:40]}{'…' if len(t) > 40 else ''})"
    warnings.warn(KGWarning(f"{art.path}: article {art.id}: sentence {sentence}{text}: {what}"),
                  stacklevel=3)


def guard_article(art, ents) -> int:
    """Drop or retype the facts of ``art`` that do not fit the ontology.

    ``ents`` maps mention keys to the merged entities (whose ``type`` is the
    class the graph gives them).  Returns the number of facts changed.
    """
    def t(i):
        return ents[art.mentions[i].key].type

    def label(i):
        return art.mentions[i].name

    changed = 0
    keep = []
    for r in art.relations:
        pred = URIRef(str(KG) + r.predicate)
        why = fits(t(r.subject), pred, t(r.object))
        if why:
            changed += 1
            _warn(art, r.sentence, f"dropped {label(r.subject)} kg:{r.predicate} "
                  f"{label(r.object)}: {why}")
        else:
            keep.append(r)
    art.relations = keep

    holds = URIRef(str(KG) + "holdsRole")
    membership = URIRef(str(KG) + "Membership")
    keep = []
    for rh in art.roles:
        why = fits(membership, ORG_MEMBER, t(rh.person))
        if why:
            changed += 1
            _warn(art, rh.sentence, f"dropped the role {rh.role} of {label(rh.person)}: {why}")
            continue
        if rh.org is not None:
            why = fits(t(rh.person), holds, t(rh.org))
            if not why and membership_predicate(t(rh.org)) is None:
                why = f"no membership predicate takes kg:{t(rh.org)}"
            if why:
                changed += 1
                _warn(art, rh.sentence, f"the role {rh.role} of {label(rh.person)} is kept "
                      f"without {label(rh.org)}: {why}")
                rh.org = None
        keep.append(rh)
    art.roles = keep

    flow_cls = URIRef(str(KG) + "MaterialFlow")
    supplies = URIRef(str(KG) + "supplies")
    supplier, consumer = URIRef(str(KG) + "supplier"), URIRef(str(KG) + "consumer")
    material = URIRef(str(KG) + "material")
    keep = []
    for fl in art.flows:
        why = (fits(flow_cls, supplier, t(fl.supplier)) or fits(flow_cls, consumer, t(fl.consumer))
               or fits(t(fl.supplier), supplies, t(fl.consumer)))
        mats = [m for m in fl.materials if not fits(flow_cls, material, t(m))]
        if not why and not mats:
            why = "none of its materials is a kg:Product"
        if why:
            changed += 1
            _warn(art, fl.sentence, f"dropped the flow {label(fl.supplier)} -> "
                  f"{label(fl.consumer)}: {why}")
            continue
        if len(mats) != len(fl.materials):
            changed += 1
            _warn(art, fl.sentence, "dropped materials that are not kg:Product from the flow "
                  f"{label(fl.supplier)} -> {label(fl.consumer)}: "
                  + ", ".join(label(m) for m in fl.materials if m not in mats))
            fl.materials = mats
        keep.append(fl)
    art.flows = keep

    obs = URIRef(str(KG) + "Observation")
    about = URIRef(str(KG) + "about")
    figures, new_index = [], {}
    for fi, f in enumerate(art.figures):
        if not _finite(f.value):
            changed += 1
            _warn(art, f.sentence, f"dropped the figure {_clip(f.text)!r}: its value "
                  f"{f.value!r} is not a finite number (the sentence keeps the text)")
            continue
        if _too_precise(f.value):
            changed += 1
            _warn(art, f.sentence, f"dropped the figure {_clip(f.text)!r}: its value has more than "
                  f"{MAX_DIGITS} significant digits, more than the SHACL engine's decimals hold "
                  "(the sentence keeps the text)")
            continue
        if abs(f.value) >= BIG_DECIMAL:
            # the shacl engine (rust_decimal) and Oxigraph cannot hold such a
            # value: an observation of it would not validate or compute
            changed += 1
            _warn(art, f.sentence, f"dropped the figure {_clip(f.text)!r}: its value {f.value:.6g} "
                  "is beyond what the SHACL and SPARQL engines compute with (Oxigraph: ~1.7e20; "
                  "the sentence keeps the text)")
            continue
        if f.about is not None:
            why = fits(obs, about, t(f.about))
            if why:
                changed += 1
                _warn(art, f.sentence, f"the figure {f.text!r} is kept without its subject "
                      f"{label(f.about)}: {why}")
                f.about = None
        new_index[fi] = len(figures)
        figures.append(f)
    if len(figures) != len(art.figures):
        for fl in art.flows:
            if fl.quantity is not None:
                fl.quantity = new_index.get(fl.quantity)
        art.figures = figures
    return changed


def guard_articles(articles, ents) -> int:
    """:func:`guard_article` on every article; the number of facts changed."""
    return sum(guard_article(a, ents) for a in articles)


__all__ = ["fits", "guard_article", "guard_articles", "is_a", "membership_predicate"]
