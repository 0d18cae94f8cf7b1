"""Merging per-article mentions into corpus-wide entities."""
from __future__ import annotations

import collections
from dataclasses import dataclass, field

from .errors import StageError
from .extract.resolve import _kind
from .ids import short_hash, slugify
from .knowledge import Knowledge
from .ontology import ID_NS

_TYPE_EN = {"Province": "Province", "City": "City", "District": "District", "Town": "Town",
            "Village": "Village", "Community": "Community", "River": "River"}
_SUFFIX_EN = {"省": "Province", "市": "City", "区": "District", "县": "County", "镇": "Town",
              "乡": "Township", "村": "Village", "社区": "Community", "河": "River",
              "街道": "Subdistrict"}


@dataclass
class Entity:
    key: str
    iri: str
    type: str
    label: str
    en: str = ""
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # (article, mention idx, sentence)
    catalogue_id: str = ""


def english_place(name: str, type_: str) -> str:
    """An English label for a place from its pinyin: 中坝镇 -> 'Zhongba Town'."""
    for suf, word in sorted(_SUFFIX_EN.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suf) and len(name) > len(suf):
            stem = slugify(name[: -len(suf)]).replace("-", "")
            return f"{stem.capitalize()} {word}"
    return ""


def entity_iri(key: str, label: str, type_: str) -> str:
    """Stable IRI for an entity key: ``id/<kind>/<slug>``."""
    kind = _kind(type_)
    if key.startswith("cat:") and "/" not in key:
        return f"{ID_NS}{kind}/{key[4:]}"
    if key.startswith("cat:"):
        head, rest = key[4:].split("/", 1)
        return f"{ID_NS}{kind}/{head}-{slugify(rest)}-{short_hash(key)}"
    body = key.split(":", 1)[1]
    return f"{ID_NS}{kind}/{slugify(body)[:60].rstrip('-')}-{short_hash(key)}"


def merge_entities(articles, k: Knowledge) -> dict[str, Entity]:
    """Group every mention of every article by key; returns key -> Entity."""
    groups: dict[str, list] = collections.defaultdict(list)
    for art in articles:
        for i, m in enumerate(art.mentions):
            groups[m.key].append((art, i, m))
    ents: dict[str, Entity] = {}
    for key in sorted(groups):
        items = groups[key]
        real = [m for _, _, m in items if not m.coref] or [m for _, _, m in items]
        types = collections.Counter(m.type for m in real)
        type_ = min(types.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        cat = next((m.catalogue_id for m in real if m.catalogue_id), "")
        if cat:
            entry = next(e for e in k.catalogue if e.id == cat)
            label, en, type_ = entry.name, entry.en, entry.type
        else:
            names = collections.Counter(m.name for m in real)
            label = max(names.items(), key=lambda kv: (len(kv[0]), kv[1], kv[0]))[0]
            en = next((m.en for m in real if m.en), "")
            if not en and type_ in _TYPE_EN:
                local = collections.Counter(m.text for m in real if m.text)
                short = min(local.items(), key=lambda kv: (len(kv[0]), -kv[1], kv[0]))[0] \
                    if local else label
                en = english_place(short, type_)
        aliases = set()
        for m in real:
            aliases.add(m.name)
            aliases.update(m.aliases)
            if m.text and m.text != m.name and not m.coref and len(m.text) >= 2:
                aliases.add(m.text)
        aliases.discard(label)
        ent = Entity(key, entity_iri(key, label, type_), type_, label, en, aliases,
                     sorted((a.id, i, m.sentence) for a, i, m in items), cat)
        ents[key] = ent
    # two keys must never mint one IRI.  Renaming one of them would move an
    # IRI that an earlier build published (which one is "earlier" is not
    # known here), so a collision -- odds ~1e-8 for a million homophones with
    # the 64-bit hash -- stops the build, naming both.
    seen: dict[str, Entity] = {}
    for key, e in ents.items():
        other = seen.get(e.iri)
        if other is not None:
            raise StageError(f"two entities would get the IRI <{e.iri}>: {other.label!r} "
                             f"({other.key}) and {e.label!r} ({key}); this is a hash "
                             "collision, please report it", stage="merge")
        seen[e.iri] = e
    return ents


__all__ = ["Entity", "merge_entities", "entity_iri", "english_place"]
