"""Find an entity by any of its names: the one lookup behind ``kg viz --focus``
and the entity parameters of ``kg query --param name=...``.

A name matches, best first: an entity's IRI; its preferred label; any other
label or alias (``rdfs:label`` in any language, ``skos:altLabel``; English
case-insensitively); then a label that contains the name.  Among entities
that match equally well, the one mentioned most often wins (then the smaller
IRI), so the answer is the same on every run.  An unknown name is an error
that suggests close labels.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..errors import InputError
from ..namespace import KG

MAX_ECHO = 60          # characters of a name repeated in an error


@dataclass(frozen=True)
class Names:
    """Every entity's names: ``iri -> (preferred label, all names)``."""
    pref: dict
    names: dict
    mentions: dict


def entity_names(g) -> Names:
    """Collect the labels and aliases of every entity of ``g`` (an rdflib
    graph or the Oxigraph-backed dataset of :func:`kg.graph.store.open_graph`)."""
    pref: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    mentions: dict[str, int] = {}
    for s, _, n in g.triples((None, KG.mentionCount, None)):
        try:
            mentions[str(s)] = int(n)
        except (TypeError, ValueError):
            pass
    for pred in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
        for s, _, o in g.triples((None, pred, None)):
            if not isinstance(s, URIRef) or not isinstance(o, Literal):
                continue
            key = str(s)
            if key not in mentions:          # an ontology term, not an entity
                continue
            if pred == SKOS.prefLabel and (key not in pref or o.language == "zh"):
                pref[key] = str(o)
            lst = names.setdefault(key, [])
            if str(o) not in lst:
                lst.append(str(o))
    for key, lst in names.items():
        pref.setdefault(key, lst[0])
    return Names(pref, names, mentions)


def _short(name: str) -> str:
    return name if len(name) <= MAX_ECHO else name[:MAX_ECHO] + f"… ({len(name)} characters)"


def find_entity(names: Names, name: str) -> str | None:
    """The IRI of the entity ``name`` names, or None."""
    if name in names.names:
        return name
    if name.startswith("<") and name.endswith(">") and name[1:-1] in names.names:
        return name[1:-1]
    low = name.casefold()
    levels = (
        lambda iri, ns: names.pref.get(iri) == name,
        lambda iri, ns: name in ns,
        lambda iri, ns: any(n.casefold() == low for n in ns),
        lambda iri, ns: any(low in n.casefold() for n in ns),
    )
    for test in levels:
        hits = [iri for iri, ns in names.names.items() if test(iri, ns)]
        if hits:
            return min(hits, key=lambda iri: (-names.mentions.get(iri, 0), iri))
    return None


def suggestions(names: Names, name: str, n: int = 5) -> list[str]:
    """Labels close to ``name`` (for an error message)."""
    every = sorted({x for ns in names.names.values() for x in ns})
    close = difflib.get_close_matches(name, every, n=n, cutoff=0.4)
    if not close and name:       # share a character or more: best overlap first
        score = {x: len(set(x) & set(name)) for x in every}
        close = [x for x in sorted(every, key=lambda x: (-score[x], len(x), x)) if score[x]][:n]
    return close


def resolve_entity(g, name: str, names: Names | None = None) -> str:
    """The IRI of the entity called ``name`` in ``g``; :class:`InputError`
    naming close labels when there is none."""
    names = names or entity_names(g)
    iri = find_entity(names, name)
    if iri is None:
        close = suggestions(names, name)
        hint = f"; close labels: {', '.join(close)}" if close else ""
        raise InputError(f"no entity named {_short(name)!r}{hint}")
    return iri
