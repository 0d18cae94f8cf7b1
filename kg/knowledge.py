"""The domain knowledge of ``ontology/``, loaded and compiled once per build.

Everything the extractor knows about the domain comes from the TOML files
there; this module only reads and indexes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CatalogueError
from .normalize import normalize
from .ontology import load_toml, ontology_dir

PLACE_TYPES = ("Country", "Province", "City", "District", "Town", "Village", "Community", "River",
               "Park", "Site")
ORG_TYPES = ("Enterprise", "BusinessUnit", "GovernmentBody", "Laboratory", "Organization")
KNOWN_TYPES = ORG_TYPES + PLACE_TYPES + (
    "IndustrialCluster", "IndustryChain", "Product", "Sector", "Project", "Initiative", "Person")

GROUPS = {
    "ORG": ORG_TYPES,
    "ENTERPRISE": ("Enterprise",),
    "PLACE": PLACE_TYPES,
    "ADMIN": ("Province", "City", "District", "Town", "Village", "Community"),
    "PLACE_OR_GOV": PLACE_TYPES + ("GovernmentBody",),
    "ACTOR": ORG_TYPES + ("Province", "City", "District", "Town", "Village", "Community"),
    # who makes things: organisations, projects, parks and the places of a production base
    "PRODUCER": ORG_TYPES + ("Project", "Park", "City", "District", "Town", "Village"),
    # what lies somewhere: organisations, projects, parks, sites, clusters
    "LOCATABLE": ORG_TYPES + ("Project", "Park", "Site", "IndustrialCluster"),
    "PARTY": ORG_TYPES + ("Country", "Province", "City", "District", "Town", "Village"),
    "PRODUCT": ("Product",),
    "PRODUCT_OR_SECTOR": ("Product", "Sector"),
    "INITIATIVE": ("Initiative",),
    "CLUSTER": ("IndustrialCluster",),
    "CHAIN": ("IndustryChain",),
    "CLUSTER_OR_CHAIN": ("IndustrialCluster", "IndustryChain"),
    "PROJECT": ("Project",),
    "LAB": ("Laboratory",),
    "PARK_OR_PLACE": PLACE_TYPES,
    # what lies somewhere, places included (通河县位于黑龙江省)
    "LOCATABLE_OR_PLACE": ORG_TYPES + ("Project", "Park", "Site", "IndustrialCluster",
                                       "Province", "City", "District", "Town", "Village",
                                       "Community"),
    "PARK": ("Park",),
    "UNIT": ("BusinessUnit", "Laboratory"),
    "PROJECT_OR_PARK": ("Project", "Park"),
    # who makes things and is no place: organisations and projects (a park or place
    # before 年产 is mostly where the maker lies: 落户X园区,年产…)
    "MAKER": ORG_TYPES + ("Project",),
    # who runs a programme: a place that governs, a park, a government body (no road,
    # river or site)
    "AUTHORITY": ("Country", "Province", "City", "District", "Town", "Village", "Community",
                  "Park", "GovernmentBody"),
}


@dataclass
class CatalogueEntry:
    id: str
    name: str
    type: str
    en: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class Rule:
    """A relation rule of ``triggers.toml``."""

    id: str
    pattern: re.Pattern
    emits: list[dict]
    confidence: float
    needs: tuple[str, ...] = ()
    # not_inside: a group; a match (its `word` group if given) starting inside
    # a name of that group is skipped
    # word: a named group of the pattern that must start and end on word
    # boundaries (rjieba): 年产 of 年产|电解铝, not of 年产值
    # not_after_tags: rjieba tag prefixes; the word before the `word` group must
    # not have one (各种|生产要素: a determiner makes 生产 a noun's modifier)
    # clause_has: a compiled regex that must occur in the clause of the match
    # (between the ,;: before it and the ,;:。 after it): 产能 with a quantity
    options: dict = field(default_factory=dict)


@dataclass
class Knowledge:
    """Compiled domain knowledge."""

    folder: Path
    catalogue: list[CatalogueEntry]
    by_name: dict[str, CatalogueEntry]          # name or alias -> entry
    materials: dict[str, str]                   # zh -> en
    sectors: dict[str, str]
    suffixes: dict[str, list[str]]              # type -> suffixes
    suffix_list: list[tuple[str, str]]          # (suffix, type), longest first
    legal: tuple[str, ...]
    bare_units: frozenset[str]
    needs_owner: frozenset[str]
    generic_heads: frozenset[str]
    common_nouns: tuple[str, ...]
    suffix_followers: tuple[str, ...]
    boundary_words: tuple[str, ...]
    hard_boundaries: frozenset[str]
    initiative_nouns: tuple[str, ...]
    initiative_verbs: tuple[str, ...]
    conjunctions: tuple[str, ...]
    modifiers: tuple[str, ...]
    legal_noise: tuple[str, ...]
    product_suffixes: tuple[str, ...]
    roles: tuple[str, ...]
    surnames: frozenset[str]
    after_name: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    honorifics: tuple[str, ...]
    back_refs: tuple[str, ...]
    units: dict[str, tuple[str, float, str]]
    unit_iris: dict[str, str]
    multipliers: dict[str, float]
    periods: dict[str, tuple[int, int]]
    indicator_percent: list[tuple[re.Pattern, str]]
    indicator_multiple: list[tuple[re.Pattern, str]]
    indicator_keywords: list[tuple[re.Pattern, str]]
    rules: list[Rule]
    adjacency: list[dict]
    cooccur: list[dict]
    elements: str = ""
    industry_words: tuple[str, ...] = ()
    company_industries: tuple[str, ...] = ()
    material_industries: frozenset = frozenset()
    name_activities: frozenset = frozenset()
    document_words: tuple[str, ...] = ()
    product_verbs: tuple[str, ...] = ()
    product_stops: tuple[str, ...] = ()
    product_generic: frozenset = frozenset()
    product_categories: tuple[str, ...] = ()
    sector_qualifiers: frozenset = frozenset()
    byline_words: tuple[str, ...] = ()
    org_categories: tuple[str, ...] = ()
    production_nouns: tuple[str, ...] = ()
    compound_prefixes: tuple[str, ...] = ()
    material_heads: tuple[str, ...] = ()
    owner_words: tuple[str, ...] = ()
    needs_body: frozenset[str] = frozenset()
    thing_classes: tuple[str, ...] = ()        # thesaurus classes of things (kg.thesaurus)
    site_classes: tuple[str, ...] = ()         # ... and of places, buildings, institutions
    abstract_classes: tuple[str, ...] = ()     # ... and of abstract things (性能, 规模)
    initiative_heads: tuple[str, ...] = ()     # heads of unquoted programmes (实施…战略)
    known_re: re.Pattern | None = None
    boundary_re: re.Pattern | None = None
    extra: dict = field(default_factory=dict)

    def gazetteer(self):
        """The national administrative divisions (:mod:`kg.gazetteer`), or
        ``None`` when ``lexicon.toml`` turns it off (``[names] gazetteer = false``)."""
        if not self.extra.get("use_gazetteer", True):
            return None
        g = self.extra.get("gazetteer")
        if g is None:
            from .gazetteer import load_gazetteer
            g = self.extra["gazetteer"] = load_gazetteer()
        return g

    def things(self) -> frozenset[str]:
        """The words of things made, grown or sold, by the thesaurus classes of
        ``[things] classes`` in ``lexicon.toml`` (:mod:`kg.thesaurus`)."""
        return self._thesaurus("things")

    def sites(self) -> frozenset[str]:
        """The words of places, buildings and institutions, and of abstract
        things (``[things]`` site_classes, abstract_classes): a phrase ending
        in one names no product."""
        return self._thesaurus("sites")

    def _thesaurus(self, key: str) -> frozenset[str]:
        if key not in self.extra:        # both sets from one reading of the tree
            from .thesaurus import load_word_sets
            self.extra["things"], self.extra["sites"] = load_word_sets(
                self.thing_classes, self.site_classes + self.abstract_classes)
        return self.extra[key]

    @property
    def period_names(self) -> tuple[str, ...]:
        """The names of the plan periods (十四五 ...), in the file's order."""
        return tuple(self.periods)


def word_pattern(words) -> str:
    """A regex source equal in what it matches to ``"|".join(map(re.escape, words))``
    (at a position the first listed word that matches wins), with the words folded
    into a trie so that the regex engine tests one branch per character instead
    of every word in turn.

    A word listed after one of its own prefixes can never win and is left out;
    among the rest, the longest word that matches is the first listed one, which
    is what the greedy trie finds.  When more pattern follows the alternation,
    a failed tail makes the engine try the other words, so the two agree only if
    no word follows one of its prefixes (a list sorted longest first).

    >>> word_pattern(["有限公司", "公司", "集团公司", "集团"])
    '(?:有限公司|公司|集团(?:公司)?)'
    >>> import re
    >>> [m.group() for m in re.finditer(word_pattern(["联合", "联合开展"]), "联合开展")]
    ['联合']
    """
    trie: dict = {}
    seen: set[str] = set()
    for w in words:
        if w in seen or any(w[:i] in seen for i in range(1, len(w))):
            continue          # unreachable: an earlier word is a prefix of it
        seen.add(w)
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if "" in trie:            # the empty word matches everywhere
        return "(?:)"

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?"
        return f"(?:{body})" if len(branches) > 1 else body

    if not trie:
        return "(?!)"
    return "(?:" + "|".join(re.escape(ch) + emit(child) for ch, child in trie.items()) + ")"


def _strs(d: dict, key: str, path: Path) -> list[str]:
    v = d.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise CatalogueError(f"'{key}' must be a list of strings", path=str(path))
    return [normalize(x) for x in v]


def load_knowledge(folder: str | Path | None = None) -> Knowledge:
    """Read and compile ``catalogue.toml``, ``lexicon.toml``, ``units.toml`` and
    ``triggers.toml`` from ``folder`` (default: :func:`ontology_dir`)."""
    folder = Path(folder) if folder else ontology_dir()
    cat = load_toml("catalogue.toml", folder)
    lex = load_toml("lexicon.toml", folder)
    uni = load_toml("units.toml", folder)
    trg = load_toml("triggers.toml", folder)

    entries: list[CatalogueEntry] = []
    by_name: dict[str, CatalogueEntry] = {}
    cpath = folder / "catalogue.toml"
    for i, e in enumerate(cat.get("entity", []), start=1):
        for key in ("id", "name", "type"):
            if not isinstance(e.get(key), str) or not e[key]:
                raise CatalogueError(f"entity #{i} has no '{key}'", path=str(cpath))
        if e["type"] not in KNOWN_TYPES:
            raise CatalogueError(f"entity #{i} ({e['name']}) has unknown type {e['type']!r}",
                                 path=str(cpath))
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", e["id"]):
            raise CatalogueError(f"entity #{i} id {e['id']!r} is not a lower-case slug",
                                 path=str(cpath))
        ent = CatalogueEntry(e["id"], normalize(e["name"]), e["type"], e.get("en", ""),
                             tuple(_strs(e, "aliases", cpath)))
        entries.append(ent)
        for n in (ent.name, *ent.aliases):
            if n in by_name and by_name[n] is not ent:
                raise CatalogueError(f"name {n!r} is given to two entities", path=str(cpath))
            by_name[n] = ent

    lpath = folder / "lexicon.toml"
    sfx = lex.get("suffixes", {})
    suffixes = {t: [normalize(s) for s in v] for t, v in sfx.items() if t != "legal"}
    for t in suffixes:
        if t not in KNOWN_TYPES:
            raise CatalogueError(f"suffix type {t!r} is not a class of the ontology", path=str(lpath))
    legal = tuple(normalize(s) for s in sfx.get("legal", []))
    pp = lex.get("product_patterns", {})
    elements = pp.get("elements", "")
    # 锂业, 钴业, 钛业 ...: a metal and 业 end a company name
    suffixes.setdefault("Enterprise", [])
    suffixes["Enterprise"] = list(dict.fromkeys(
        suffixes["Enterprise"] + [e + "业" for e in elements if e not in "氢氦氖氩氪氙氡"]))
    suffix_list = sorted({(s, t) for t, v in suffixes.items() for s in v} |
                         {(s, "Enterprise") for s in legal},
                         key=lambda st: (-len(st[0]), st[0], st[1]))
    people = lex.get("people", {})
    names = lex.get("names", {})

    upath = folder / "units.toml"
    units = {}
    for surface, spec in uni.get("units", {}).items():
        if not (isinstance(spec, list) and len(spec) == 3):
            raise CatalogueError(f"unit {surface!r} must be [code, factor, indicator]", path=str(upath))
        units[normalize(surface)] = (spec[0], float(spec[1]), spec[2])
    ind = uni.get("indicators", {})

    def compile_pairs(pairs, where):
        out = []
        for p in pairs:
            try:
                out.append((re.compile(normalize(p[0])), p[1]))
            except (re.error, IndexError, TypeError) as exc:
                raise CatalogueError(f"bad indicator rule {p!r} in {where}: {exc}", path=str(upath)) from None
        return out

    tpath = folder / "triggers.toml"
    rules = []
    for i, r in enumerate(trg.get("rule", []), start=1):
        try:
            pat = re.compile(normalize(r["pattern"]))
        except KeyError:
            raise CatalogueError(f"rule #{i} has no 'pattern'", path=str(tpath)) from None
        except re.error as exc:
            raise CatalogueError(f"rule {r.get('id', i)!r}: bad pattern: {exc}", path=str(tpath)) from None
        emits = r.get("emit", [])
        for em in emits:
            for role in ("subject", "object"):
                spec = em.get(role)
                if not spec or spec.get("types") not in GROUPS:
                    raise CatalogueError(f"rule {r.get('id', i)!r}: {role} needs 'types' from "
                                         f"{sorted(GROUPS)}", path=str(tpath))
        needs = tuple(normalize(x) for x in r.get("needs", []))
        options = {o: r[o] for o in ("not_inside", "word", "clause_has", "not_after_tags") if o in r}
        if "not_after_tags" in options:
            options["not_after_tags"] = tuple(options["not_after_tags"])
            if "word" not in options:
                raise CatalogueError(f"rule {r.get('id', i)!r}: not_after_tags needs word",
                                     path=str(tpath))
        if "clause_has" in options:
            try:
                options["clause_has"] = re.compile(normalize(options["clause_has"]))
            except (re.error, TypeError) as exc:
                raise CatalogueError(f"rule {r.get('id', i)!r}: bad clause_has: {exc}",
                                     path=str(tpath)) from None
        if options.get("not_inside", "ORG") not in GROUPS or \
                "word" in options and options["word"] not in pat.groupindex:
            raise CatalogueError(f"rule {r.get('id', i)!r}: not_inside needs a group of "
                                 f"{sorted(GROUPS)}, word a named group of the pattern",
                                 path=str(tpath))
        rules.append(Rule(r.get("id", f"rule-{i}"), pat, emits, float(r.get("confidence", 0.8)),
                          needs, options))

    k = Knowledge(
        folder=folder, catalogue=entries, by_name=by_name,
        materials={normalize(a): b for a, b in lex.get("materials", {}).items()},
        sectors={normalize(a): b for a, b in lex.get("sectors", {}).items()},
        suffixes=suffixes, suffix_list=suffix_list, legal=legal,
        bare_units=frozenset(_strs(names, "bare_units", lpath)),
        needs_owner=frozenset(_strs(names, "needs_owner", lpath)),
        generic_heads=frozenset(_strs(names, "generic_heads", lpath)),
        common_nouns=tuple(_strs(names, "common_nouns", lpath)),
        suffix_followers=tuple(_strs(names, "suffix_followers", lpath)),
        owner_words=tuple(_strs(names, "owner_words", lpath)) if "owner_words" in names else (),
        needs_body=frozenset(_strs(names, "needs_body", lpath)) if "needs_body" in names else frozenset(),
        thing_classes=tuple(_strs(lex.get("things", {}), "classes", lpath)),
        site_classes=tuple(_strs(lex.get("things", {}), "site_classes", lpath)),
        abstract_classes=tuple(_strs(lex.get("things", {}), "abstract_classes", lpath)),
        boundary_words=tuple(sorted(_strs(names, "boundary_words", lpath), key=lambda w: -len(w))),
        hard_boundaries=frozenset(names.get("hard_boundaries", "")),
        initiative_nouns=tuple(sorted(_strs(lex.get("initiatives", {}), "nouns", lpath), key=lambda w: -len(w))),
        initiative_verbs=tuple(_strs(lex.get("initiatives", {}), "verbs", lpath)),
        initiative_heads=tuple(sorted(_strs(lex.get("initiatives", {}), "heads", lpath), key=lambda w: -len(w))),
        conjunctions=tuple(_strs(names, "conjunctions", lpath)),
        modifiers=tuple(sorted(_strs(names, "modifiers", lpath), key=lambda w: -len(w))),
        legal_noise=tuple(_strs(names, "legal_noise", lpath)),
        product_suffixes=tuple(_strs(lex.get("product_patterns", {}), "suffixes", lpath)),
        elements=elements,
        industry_words=tuple(_strs(lex.get("industries", {}), "words", lpath)),
        company_industries=tuple(_strs(names, "company_industries", lpath)),
        material_industries=frozenset(_strs(names, "material_industries", lpath)),
        org_categories=tuple(sorted(_strs(names, "org_categories", lpath), key=lambda w: -len(w)))
        if "org_categories" in names else (),
        name_activities=frozenset(_strs(names, "name_activities", lpath)),
        document_words=tuple(_strs(lex.get("initiatives", {}), "documents", lpath)),
        product_verbs=tuple(_strs(lex.get("product_context", {}), "verbs", lpath)),
        product_stops=tuple(_strs(lex.get("product_context", {}), "stop_nouns", lpath)),
        product_generic=frozenset(_strs(lex.get("product_context", {}), "generic", lpath)),
        product_categories=tuple(_strs(lex.get("product_context", {}), "categories", lpath)),
        production_nouns=tuple(_strs(lex.get("product_context", {}), "production_nouns", lpath)),
        sector_qualifiers=frozenset(_strs(lex.get("sector_qualifiers", {}), "words", lpath)),
        compound_prefixes=tuple(_strs(pp, "compound_prefixes", lpath)) if "compound_prefixes" in pp else (),
        material_heads=tuple(_strs(pp, "material_heads", lpath)) if "material_heads" in pp else (),
        roles=tuple(sorted(_strs(people, "roles", lpath), key=lambda w: -len(w))),
        surnames=frozenset(people.get("surnames", "")),
        after_name=tuple(_strs(people, "after_name", lpath)),
        byline_words=tuple(sorted(_strs(people, "byline_words", lpath), key=lambda w: -len(w)))
        if "byline_words" in people else (),
        speech_verbs=tuple(_strs(people, "speech_verbs", lpath)),
        honorifics=tuple(_strs(people, "honorifics", lpath)),
        back_refs=tuple(_strs(people, "back_refs", lpath)),
        units=units, unit_iris=dict(uni.get("codes", {})),
        multipliers={normalize(a): float(b) for a, b in uni.get("multipliers", {}).items()},
        periods={normalize(a): (int(b[0]), int(b[1])) for a, b in uni.get("periods", {}).items()},
        indicator_percent=compile_pairs(ind.get("percent", []), "percent"),
        indicator_multiple=compile_pairs(ind.get("multiple", []), "multiple"),
        indicator_keywords=compile_pairs(ind.get("keywords", []), "keywords"),
        rules=rules,
        adjacency=list(trg.get("adjacent", [])),
        cooccur=list(trg.get("cooccur", [])),
    )
    for code, _f, _i in k.units.values():
        if code not in k.unit_iris:
            raise CatalogueError(f"unit code {code!r} has no IRI in [codes]", path=str(upath))
    names = set(k.by_name) | set(k.materials) | set(k.sectors)
    # a trie starting with a plain alternation lets the engine skip ahead to
    # the characters that start a name
    k.known_re = re.compile(word_pattern(sorted(names, key=lambda n: (-len(n), n))))
    k.boundary_re = re.compile(word_pattern(k.boundary_words))
    return k
