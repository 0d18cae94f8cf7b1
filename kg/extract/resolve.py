"""Entity resolution: every mention gets a key; equal keys are one entity.

A key depends only on the name and the kind of thing named, never on which
other articles exist, so entity IRIs (minted from keys) are stable:

* catalogue entries: ``cat:<id>``;
* a top-level company: its core name, without place prefix, legal form and
  generic industry words (甘肃德通国钛金属有限公司 -> ``org:德通国钛``), so the
  short name 德通国钛 and the full name meet;
* a unit nested in an organisation: the parent's key plus its own local name;
* clusters and chains: their distinctive part (“金白兰武”, 有色金属新材料);
* everything else: kind and normalised name.

Within an article, the local names of nested units (高精铜带事业部, 工信局)
become aliases, so a later bare mention resolves to the full unit.
"""
from __future__ import annotations

import re

from ..knowledge import ORG_TYPES, PLACE_TYPES, Knowledge
from .model import Mention

_QUOTED = re.compile(r"“([^“”]+)”")
_LEVEL = re.compile(r"^(?:千亿级|百亿级|万亿级|亿级|千亿|百亿|万亿)")
_GENERIC_PREFIX = ("市", "区", "县", "省", "镇")


def _kind(t: str) -> str:
    if t in ORG_TYPES:
        return "org"
    if t in PLACE_TYPES:
        return "place"
    return t.lower()


def org_core(name: str, k: Knowledge, place_prefix: str = "") -> str:
    """The distinctive core of a company name (cached per knowledge base).

    >>> from kg.knowledge import load_knowledge
    >>> org_core("甘肃正昊钛业有限公司", load_knowledge())
    '正昊钛业'
    """
    cache = k.extra.setdefault("org_core", {})
    got = cache.get((name, place_prefix))
    if got is None:
        got = cache[(name, place_prefix)] = _org_core(name, k, place_prefix)
    return got


def _org_core(name: str, k: Knowledge, place_prefix: str) -> str:
    core = name
    if place_prefix and core.startswith(place_prefix) and len(core) > len(place_prefix) + 1:
        core = core[len(place_prefix):]
    else:
        for n, e in k.by_name.items():
            if e.type in PLACE_TYPES and core.startswith(n) and len(core) > len(n) + 1:
                core = core[len(n):]
                break
        else:
            # a place of the national gazetteer opening the name, full or short,
            # longest first: a province's always (云南|恩捷新材料股份有限公司);
            # a city's or county's only in a joint-stock or group company's
            # registered name (惠州|亿纬锂能股份有限公司 is 亿纬锂能), since
            # 曲靖|亿纬锂能有限公司 is the company's local subsidiary
            p, n = opening_place(core, k)
            if p is not None and (p.level == 0 or name.endswith(
                    ("股份有限公司", "集团有限公司", "集团股份有限公司", "集团"))):
                core = core[n:]
    return strip_legal(core, k)


def strip_legal(core: str, k: Knowledge, noise: bool = True) -> str:
    """``core`` without the legal forms ending it (有限公司, 公司 ...), and
    with ``noise`` the words of trade before them too."""
    ends = k.extra.get(("legal_ends", noise))
    if ends is None:
        ends = k.extra[("legal_ends", noise)] = sorted(
            k.legal + k.legal_noise if noise else k.legal, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for suf in ends:
            if core.endswith(suf) and len(core) - len(suf) >= 2:
                core = core[: -len(suf)]
                changed = True
                break
    return core


def cluster_core(name: str, k: Knowledge) -> str:
    q = _QUOTED.search(name)
    if q:
        return q.group(1)
    core = name
    places = k.extra.get("catalogue_places_longest_first")
    if places is None:     # the catalogue's place names, longest first (sorted once)
        places = k.extra["catalogue_places_longest_first"] = [
            n for n, e in sorted(k.by_name.items(), key=lambda kv: -len(kv[0]))
            if e.type in PLACE_TYPES]
    for n in places:
        if core.startswith(n) and len(core) > len(n) + 2:
            core = core[len(n):]
            break
    for suf in ("先进制造业集群", "制造业集群", "产业集群", "集群"):
        if core.endswith(suf):
            core = core[: -len(suf)]
            break
    core = core.replace("千亿", "").replace("百亿", "")
    return core.rstrip("产业") or name


def chain_core(name: str) -> str:
    q = _QUOTED.search(name)
    if q and name.endswith("体系"):
        return f"“{q.group(1)}”体系"
    core = _LEVEL.sub("", name)
    return core[:-3] if core.endswith("产业链") else core


def base_key(m: Mention, ms: list[Mention], k: Knowledge) -> str:
    """The key of a mention, ignoring aliases."""
    if m.catalogue_id:
        return f"cat:{m.catalogue_id}"
    if m.name in k.by_name:
        return f"cat:{k.by_name[m.name].id}"
    t = m.type
    parent = ms[m.parent] if m.parent is not None else None
    if t in ORG_TYPES:
        if parent is not None and parent.type in ORG_TYPES and m.name != m.text:
            # (…集团|氢能科技有限公司 and …集团|氢能科技公司: one unit, its core)
            child = strip_legal(m.text, k, noise=False) if m.type == "Enterprise" else m.text
            return f"{parent.key or base_key(parent, ms, k)}/{child}"
        if t == "Enterprise":
            core = org_core(m.name, k, parent.name if parent is not None else "")
            if core in k.by_name:
                return f"cat:{k.by_name[core].id}"
            cores = k.extra.get("catalogue_cores")
            if cores is None:
                cores = k.extra["catalogue_cores"] = {
                    org_core(e.name, k): e.id for e in k.catalogue if e.type == "Enterprise"}
            if core in cores:
                return f"cat:{cores[core]}"
            return f"org:{core}"
        return f"org:{m.name}"
    if t == "IndustrialCluster":
        core = cluster_core(m.name, k)
        cores = k.extra.get("catalogue_cluster_cores")
        if cores is None:       # core -> the first catalogue cluster with it (computed once)
            cores = k.extra["catalogue_cluster_cores"] = {}
            for e in k.catalogue:
                if e.type == "IndustrialCluster":
                    cores.setdefault(cluster_core(e.name, k), e.id)
        if core in cores:
            return f"cat:{cores[core]}"
        return f"cluster:{core}"
    if t == "IndustryChain":
        return f"chain:{chain_core(m.name)}"
    if t in _PLACE_NAMED:
        return f"{_kind(t)}:{place_prefix_full(m.name, k)}"
    return f"{_kind(t)}:{m.name}"


_PLACE_NAMED = ("Park", "Site", "Project")
_SHORT_ENDS = ("集团", "公司")


def opening_place(name: str, k: Knowledge, rest: int = 2, longest: int = 8, unique: bool = False):
    """The gazetteer place, full or short, that opens ``name`` and the length
    of its written form: the longest prefix of 2 to ``longest`` characters
    leaving ``rest`` characters or more (with ``unique``, only a name that
    means one place).  ``(None, 0)`` when none does."""
    g = k.gazetteer()
    if g is not None:
        for n in range(min(len(name) - rest, longest), 1, -1):
            p = g.lookup(name[:n])
            if p is not None and (not unique or g.unique(name[:n])):
                return p, n
    return None, 0


def _stem_of(name: str, end: str, k: Knowledge) -> str:
    """The name before ``end``, without a place opening it."""
    stem = name[:-len(end)]
    return stem[opening_place(stem, k)[1]:]


def place_prefix_full(name: str, k: Knowledge) -> str:
    """``name`` with a gazetteer place opening it written in full, so that
    射洪锂电产业园 and 射洪县锂电产业园 are one park (longest prefix first;
    the rest must still be a name of 3 characters or more)."""
    cache = k.extra.setdefault("place_prefix_full", {})
    got = cache.get(name)
    if got is None:
        p, n = opening_place(name, k, rest=3, longest=9, unique=True)
        got = cache[name] = p.name + name[n:] if p is not None else name
    return got


#: the kinds of development zone and their standard short forms (国家级开发区:
#: 经济技术开发区 / 经济开发区 -> 经开区, 高新技术产业开发区 -> 高新区)
_ZONE_FORMS = (("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"),
               ("经济技术开发区", "经开区"), ("经济开发区", "经开区"))


def park_form(name: str, k: Knowledge) -> str:
    """The form two names of one park share in an article: the place opening
    it in full, a province before a city or county of its own dropped, and
    the kind of zone in its short form.

    >>> from kg.knowledge import load_knowledge
    >>> k = load_knowledge()
    >>> park_form("云南曲靖经济开发区", k) == park_form("曲靖市经开区", k) == "曲靖市经开区"
    True
    """
    full = place_prefix_full(name, k)
    p, n = opening_place(full, k, rest=3, longest=9, unique=True)
    if p is not None and p.level == 0:
        q, _n = opening_place(full[n:], k, rest=3, longest=9, unique=True)
        if q is not None and q.code.startswith(p.code[:2]):
            full = place_prefix_full(full[n:], k)
    for long, short in _ZONE_FORMS:
        if full.endswith(long):
            return full[: -len(long)] + short
    return full


def resolve_article(article, k: Knowledge) -> None:
    """Set ``key`` on every mention of ``article``; adds alias mentions."""
    ms: list[Mention] = article.mentions
    # a parent starts before its child, so in this order it always has its key first
    order = sorted(range(len(ms)), key=lambda i: (ms[i].parent is not None, ms[i].start))
    for i in order:
        ms[i].key = base_key(ms[i], ms, k)
    aliases: dict[tuple[str, str], str] = {}
    for m in ms:
        if m.coref:
            continue
        for a in (m.name, *m.aliases):
            aliases.setdefault((_kind(m.type), a), m.key)
        if m.type == "Enterprise" and not m.key.startswith("cat:"):
            core = m.key.split(":", 1)[1]
            if "/" not in core and len(core) >= 2:
                aliases.setdefault(("org", core), m.key)
    # bare mentions of a unit seen in full elsewhere in the article
    for m in ms:
        kind = _kind(m.type)
        name = m.name
        if kind == "org":
            for pre in _GENERIC_PREFIX:
                if name.startswith(pre) and (kind, name[len(pre):]) in aliases:
                    name = name[len(pre):]
        key = aliases.get((kind, name))
        if key and key != m.key and not m.catalogue_id:
            m.key = key
    # 云南曲靖经济开发区 and 曲靖市经开区 in one article: one park, by the
    # standard short forms of the zones' kinds (park_form)
    for m in ms:
        if m.type == "Park" and not m.coref and not m.catalogue_id:
            aliases.setdefault(("park~", park_form(m.name, k)), m.key)
    for m in ms:
        if m.type == "Park" and not m.coref and not m.catalogue_id:
            key = aliases.get(("park~", park_form(m.name, k)))
            if key:
                m.key = key
    # 中润集团 and 中润光能集团 in one article: a group or company named by
    # the start of another's name with the same ending is that one, when
    # exactly one such name is there
    full = {}
    for m in ms:
        # (a subsidiary with a full name of its own is named so too: …控股子公司|南宁绿洲化工有限责任公司)
        if m.type == "Enterprise" and not m.coref and not m.catalogue_id and (
                m.parent is None or m.parent_rel == "subsidiaryOf" and m.name == m.text):
            full.setdefault(m.key, m.name)
    for m in ms:
        if m.type != "Enterprise" or m.coref or m.catalogue_id or m.parent is not None:
            continue
        for end in _SHORT_ENDS:
            if m.name.endswith(end) and len(m.name) - len(end) >= 2:
                stem = m.name[:-len(end)]
                cands = {key for key, name in full.items() if key != m.key and name.endswith(end)
                         and _stem_of(name, end, k).startswith(stem)
                         and len(_stem_of(name, end, k)) > len(stem)}
                if len(cands) == 1:
                    m.key = cands.pop()
                break
    # 华良果蔬专业合作社 and 幸福邦洪华良果蔬专业合作社 in one article: a name that
    # ends another of its kind, with two characters or more before it there, is
    # that one when exactly one such name is there
    longer = {}
    for m in ms:
        if m.type in ("Enterprise", "Organization") and not m.coref and not m.catalogue_id:
            longer.setdefault(m.key, (m.type, m.name))
    for m in ms:
        if m.type not in ("Enterprise", "Organization") or m.coref or m.catalogue_id or \
                len(m.name) < 6 or m.name in k.generic_heads:
            continue
        cands = {key for key, (t, name) in longer.items() if key != m.key and t == m.type
                 and len(name) >= len(m.name) + 2 and name.endswith(m.name)}
        if len(cands) == 1:
            m.key = cands.pop()
    # 硫酸钠(元明粉): the bracketed name is an alias
    text = article.text
    for m in ms:
        if m.end < len(text) and text[m.end] == "(":
            for o in ms:
                if o.start == m.end + 1 and o.type == m.type and text[o.end:o.end + 1] == ")":
                    o.key = m.key
    # later bare mentions of learned aliases
    covered = bytearray(len(text) + 1)
    for m in ms:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    extra = []
    learned = {alias: key for (kind, alias), key in aliases.items() if kind == "org" and len(alias) >= 3}
    src_of = {}
    for m in ms:
        if not m.coref:
            src_of.setdefault(m.key, m)
    # 曲靖|亿纬锂能有限公司 is a local company of 亿纬锂能: the name without
    # the city, written alone or opening a project's name, is the parent's
    parents = {}
    for m in ms:
        if m.type == "Enterprise" and not m.coref and not m.catalogue_id and m.parent is None:
            core = org_core(m.name, k)
            n = opening_place(core, k, rest=3)[1]
            if n and ("org", core[n:]) not in aliases:
                parents.setdefault(core[n:], m)
    for stem in parents:
        learned.setdefault(stem, "")
    if learned:
        hits = []
        for alias in learned:            # a handful per article: plain find beats a regex
            i = text.find(alias)
            while i >= 0:
                hits.append((i, -len(alias), alias))
                i = text.find(alias, i + 1)
        owned = {}        # extra mention -> the project its name opens
        for a, neg, alias in sorted(hits):          # leftmost, longest first
            b = a - neg
            key = learned[alias]
            src = src_of.get(key) if key else parents[alias]
            if src is None:
                continue
            project = None
            if any(covered[a:b]):
                # 亿纬锂能|动力储能电池项目: a company's learned name opening a
                # project's is the company, the project its investment
                over = [m for m in ms if m.start < b and a < m.end]
                if src.type != "Enterprise" or len(over) != 1 or over[0].type != "Project" or \
                        not a <= over[0].start < b or over[0].end <= b or over[0].parent is not None:
                    continue
                project = over[0]
                if project.start > a:
                    # 一道|新能源泰州项目 (the tags cut 一道, a numeral, from the name):
                    # the learned name opens the project's as written
                    old = project.name
                    project.start = a
                    project.text = text[a:project.end]
                    project.name = project.text
                    project.aliases = tuple(dict.fromkeys((*project.aliases, old)))
            sent = article.sentence_at(a)
            if key:
                em = Mention(a, b, alias, src.type, src.name, "alias:learned", 0.8,
                             key=key, sentence=sent.index, en=src.en, catalogue_id=src.catalogue_id)
            else:
                em = Mention(a, b, alias, "Enterprise", alias, "alias:parent-company", 0.7,
                             key=f"org:{alias}", sentence=sent.index)
            extra.append(em)
            if project is not None:
                owned[id(em)] = project
            covered[a:b] = b"\x01" * (b - a)
    extra.sort(key=lambda m: m.start)
    for j, em in enumerate(extra):
        project = owned.get(id(em))
        if project is not None:
            project.parent = len(ms) + j
    ms.extend(extra)
