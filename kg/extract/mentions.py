"""The ``mentions`` stage: find names of entities in each sentence.

Four sources, all driven by the files in ``ontology/``:

1. the catalogue, materials and sectors (exact names and aliases);
2. quoted names: initiatives (“365”工作方法), and quoted names of
   organisations or products;
3. projects ("3万吨海绵钛项目") and enumerated industry chains
   ("数字经济、化工循环…4个百亿级产业链");
4. names recognised by their form: a chunk of name characters is cut into
   components at name suffixes (金川集团|永昌铜业有限公司|精炼分厂), each
   component nested in the one before it.
"""
from __future__ import annotations

import bisect
import functools
import re

from ..knowledge import ORG_TYPES, PLACE_TYPES, Knowledge, word_pattern
from ..gazetteer import Place, load_countries
from .lexical import FUNCTION_TAGS, AtFirstChars, Tokens, cuts_name, overlapping, tagger
from .model import Mention

CJK = "\u4e00-\u9fff"
_QUOTE = re.compile(r"[“‘]([^“”‘’]{1,40})[”’]")
_QTY = (r"\d+(?:\.\d+)?(?:万|亿|千)?(?:吨吨|吨|GWh|MWh|GW|MW|千瓦时|千瓦|兆瓦|吉瓦|台|套|头|只|座|辆"
        r"|平方米|亩|片|件|条)")
_PROJECT_ONE = re.compile(rf"(?P<q>{_QTY})(?P<body>[{CJK}]{{2,20}}?)项目")
_PROJECT_LIST = re.compile(
    rf"(?P<list>{_QTY}[{CJK}]{{2,20}}?(?:、{_QTY}[{CJK}]{{2,20}}?)+)等[{CJK}]{{0,10}}项目")
_CHAIN_LIST = re.compile(rf"(?P<list>[{CJK}、]{{2,60}}?)(?P<n>\d+)个(?:千亿级|百亿级|万亿级|亿级)?产业链")
# what a match of the two patterns above must contain: checked first, because
# their leading lazy runs make a failed search cost O(length x 60)
_CHAIN_LIST_NEEDS = re.compile(r"\d个(?:千亿级|百亿级|万亿级|亿级)?产业链")
_SHORT_CHAIN_LIST_NEEDS = re.compile(rf"、[{CJK}]{{1,6}}产业链")
_COUNT_IN_HEAD = re.compile(r"\d+(?:个|家|座|批|项|条)")
_CONJ_IN_HEAD = re.compile("..[和与及]")
_SHORT_CHAIN_LIST = re.compile(rf"(?P<list>(?:[{CJK}]{{1,6}}、)+[{CJK}]{{1,6}})产业链")
_QUOTE_LIST = re.compile(r"(?P<list>(?:“[^“”]{2,30}”){2,})等(?:主题)?(?:活动|行动)")
_LEADING_QTY = re.compile(r"^[\d.]+(?:万|亿|千|百)?(?:吨|元|个|家|名|项|年|月)?")
_PLANT_WORDS = re.compile(
    "(?:生产制造基地|生产基地|制造基地|产业基地|基地|生产线|智能制造|产业化|扩建|新建|技改|改扩建|建设|一期|二期|三期)+$")
_SECTOR_AFTER = re.compile("(?:产业|行业)(?!链|园|集群|基地|体系|集聚|发展区|联盟|协会|工人)")
_SECTOR_LIST = re.compile(rf"(?P<list>[{CJK}]{{2,8}}(?:、[{CJK}]{{2,8}})+)等(?:传统|新兴|重点|优势|支柱)?(?:产业|行业|领域)")
_SECTOR_LIST_NEEDS = re.compile("等(?:传统|新兴|重点|优势|支柱)?(?:产业|行业|领域)")   # (speed)
_LIST_QTY = re.compile(r"(?:约|近|超)?[\d.]+(?:万|亿|千)?(?:吨|台|套|片|辆|头|只|件|个|亩|千瓦|兆瓦|GWh|MW)?")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_MASS_QTY = re.compile(r"\d+(?:\.\d+)?(?:万|亿|千)?(?:吨|千瓦时|瓦时|GWh|MWh|kWh|立方米|方)")
_CHAIN_ARROW = re.compile("→|->|—>|⇒|——|—|-")
_CHAIN_RUN = re.compile(rf"[{CJK}A-Za-z0-9]{{1,12}}(?:(?:→|->|—>|⇒|——|—)[{CJK}A-Za-z0-9]{{1,12}}){{2,}}")
_ADMIN_CHARS = frozenset("省市县区州旗盟")
_DIGIT = re.compile(r"\d")
_STOCK = re.compile(r"\((?:股票代码[::]?)?\d{6}(?:\.S[HZ])?\)")
_ABBREV = re.compile(r"[(,]?(?:以下)?简称[::]?[“\"](?P<short>[^”\"]{2,12})[”\"]")
_ETC_COMPANIES = re.compile(
    rf"(?P<list>[{CJK}A-Za-z]{{2,12}}(?:[、和与及][{CJK}A-Za-z]{{2,12}})*)等(?:\d+家|多家|一批)?"
    r"(?:龙头|重点|骨干|头部|知名|上市|链主)?(?:企业|公司|车企|厂商|厂家)")
# what a match of _ETC_COMPANIES must contain, searched first (speed: a failed
# search of the full pattern backtracks at every character)
_ETC_COMPANIES_NEEDS = re.compile(
    r"等(?:\d+家|多家|一批)?(?:龙头|重点|骨干|头部|知名|上市|链主)?(?:企业|公司|车企|厂商|厂家)")
_DOUBLED = re.compile(r"(万|亿|千)?(吨|元)\2")

NESTING = {
    # (child type group, parent type group) -> relation
    ("Enterprise", "Enterprise"): "subsidiaryOf",
    ("BusinessUnit", "ORG"): "unitOf",
    ("Laboratory", "ORG"): "unitOf",
    ("GovernmentBody", "GovernmentBody"): "unitOf",
    ("GovernmentBody", "PLACE"): "locatedIn",
    ("Organization", "ORG"): "unitOf",
    ("PLACE", "PLACE"): "locatedIn",
    ("IndustrialCluster", "PLACE"): "locatedIn",
    ("Project", "PLACE"): "locatedIn",
}


def nesting_relation(child: str, parent: str) -> str:
    """The relation a nested name states between its component and the one
    before it (金川集团|永昌铜业有限公司 -> subsidiaryOf), or ``""``."""
    def group(t: str) -> tuple[str, ...]:
        out = [t]
        if t in ORG_TYPES:
            out.append("ORG")
        if t in PLACE_TYPES:
            out.append("PLACE")
        return tuple(out)

    for c in group(child):
        for p in group(parent):
            rel = NESTING.get((c, p))
            if rel:
                return rel
    return ""


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_RUN_B = re.compile(b"00*")      # = 0+, found by a literal scan (speed)


@functools.lru_cache(maxsize=4)
def _chunk_class(hard: frozenset) -> re.Pattern:
    """A run of name characters (CJK, Latin letters, digits, ·+-) that are not
    hard boundaries (的, 在, 是 ...): the CJK range is cut around those."""
    parts, lo = [], 0x4E00
    for code in sorted(ord(c) for c in hard if "\u4e00" <= c <= "\u9fff"):
        if code > lo:
            parts.append(f"{chr(lo)}-{chr(code - 1)}")
        lo = code + 1
    if lo <= 0x9FFF:
        parts.append(f"{chr(lo)}-\u9fff")
    latin = "".join(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789·+"
                    if c not in hard)
    dash = "" if "-" in hard else r"\-"
    cls = "[" + "".join(parts) + re.escape(latin) + dash + "]"
    return re.compile(cls + cls + "*")      # = cls+, but found by the engine's fast scan


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` lies inside one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (a, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= a and b <= spans[i][1]


_SUFFIX_CACHE: dict[int, tuple] = {}


def _suffix_index(k: Knowledge) -> tuple[re.Pattern, dict[str, str]]:
    """One regex finding every suffix occurrence (overlapping), longest first."""
    got = _SUFFIX_CACHE.get(id(k))
    if got is None or got[2] is not k:
        types: dict[str, str] = {}
        for suf, t in k.suffix_list:          # longest first: the first type wins per suffix
            types.setdefault(suf, t)
        alts = word_pattern(sorted(types, key=lambda x: (-len(x), x)))
        first = "".join(sorted({re.escape(x[0]) for x in types}))
        got = (re.compile(f"(?=[{first}])(?=({alts}))"), types, k)
        _SUFFIX_CACHE[id(k)] = got
    return got[0], got[1]


class SentenceScanner:
    """Finds the mentions of one sentence.  Offsets are sentence-relative."""

    def __init__(self, s: str, k: Knowledge):
        self.s = s
        self.k = k
        self.ix = _index(k)
        self.out: list[Mention] = []
        self.blocked: list[tuple[int, int]] = []     # spans where form-based names are not sought
        self.atomic: list[tuple[int, int, str, str]] = []   # catalogue spans (start, end, name, type)
        self._chunks: tuple[int, list] | None = None
        self._spans: list[tuple[int, int]] | None = None   # the runs forms() worked on
        # every suffix occurrence (start, suffix, type)
        self._occ: list | None = None
        self._pos: dict[int, int] = {}          # id(mention) -> its index in self.out
        self._atomic_at: dict[int, tuple] = {}  # end -> catalogue span ending there
        self._catalogue_at: dict[tuple[int, int], Mention] = {}
        self._tokens: Tokens | None = None
        self.product_ctx = False

    # ------------------------------------------------------------ helpers
    def tokens(self) -> Tokens:
        """The sentence's words and tags (computed once, when first asked)."""
        if self._tokens is None:
            self._tokens = Tokens(self.s, tagger(self.k))
        return self._tokens

    def add(self, start, end, type_, name, rule, conf=0.9, **kw) -> Mention:
        m = Mention(start, end, self.s[start:end], type_, name, rule, conf, **kw)
        self._pos[id(m)] = len(self.out)
        self.out.append(m)
        return m

    def in_blocked(self, a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in self.blocked)

    def strip_left(self, start: int, end: int, allow_empty: bool = False,
                   keep: frozenset = frozenset()) -> int:
        """Move ``start`` right past boundary words, modifiers and quantities."""
        s = self.s
        names_at = frozenset(m.start for m in self.out)
        t = self.tokens()
        start = t.cut_left(start, end, allow_empty=allow_empty, names_at=names_at, keep=keep)
        # an activity word is kept inside a name, never as its first word
        # (生产|磷酸铁锂前驱体, but 锂电池回收项目)
        while keep and start < end:
            w = t.word_at(start)
            if w is None or w[0] != start or w[2] not in keep or w[1] >= end:
                break
            start = w[1]
        # a product or chain name never starts with a place: 玉溪市|新能源电池
        for m in self.out:
            if m.start == start and m.end < end and m.type in PLACE_TYPES and self.product_ctx:
                start = m.end
        last = -1          # general verbs the tagger calls nouns (谋划, 锚定)
        for m in self.k.boundary_re.finditer(s, start, end):
            if m.group() not in keep:
                last = max(last, m.end())
        if start < last and (last < end or allow_empty):
            start = last
        changed = True
        while changed:
            changed = False
            q = _LEADING_QTY.match(s, start, end)
            if q and q.end() > start and q.end() < end:
                start = q.end()
                changed = True
            mm = self.ix["modifiers"].match(s, start, end)
            if mm and mm.end() < end:
                start = mm.end()
                changed = True
        return start

    # ------------------------------------------------------------ 1. known names
    def known(self) -> None:
        s, k = self.s, self.k
        ends = set()
        for m in k.known_re.finditer(s):
            name = m.group()
            a, b = m.span()
            if name in k.by_name and a > 0 and _is_cjk(s[a - 1]) and \
                    s[a - 1] not in k.hard_boundaries and a not in ends:
                # whole words only: the end of an unknown name (龙蟒|佰利联) is not
                # the catalogue's 佰利联; a word before it (龙头企业|金川集团) is fine
                w = self.tokens().word_at(a - 1)
                if w is not None and (w[1] != a or len(w[2]) == 1 and not (
                        w[3] == "ns" or cuts_name(w[2], w[3]) or w[3][:1] in FUNCTION_TAGS)):
                    continue
            ends.add(b)
            if name in k.by_name:
                e = k.by_name[name]
                cm = self.add(a, b, e.type, e.name, f"catalogue:{e.id}", 0.95,
                              catalogue_id=e.id, en=e.en)
                self.atomic.append((a, b, e.name, e.type))
                self._atomic_at.setdefault(b, (a, b, e.name, e.type))
                self._catalogue_at.setdefault((a, b), cm)
                continue
            if len(name) == 1:   # 镍、铜、钴: single characters only in lists
                prev = s[a - 1] if a else ""
                nxt = s[b] if b < len(s) else ""
                if not (prev == "、" or nxt == "、" or
                        (not _is_cjk(prev) and not _is_cjk(nxt))):
                    continue
            if name in k.materials:
                self.add(a, b, "Product", name, "lexicon:material", 0.9, en=k.materials[name])
            else:
                self.add(a, b, "Sector", name, "lexicon:sector", 0.85, en=k.sectors[name])

    # ------------------------------------------------------------ 1b. places
    def places(self) -> None:
        """Provinces, cities and counties of the national gazetteer, full
        (宜宾市) or short (宜宾), on word boundaries only, and a short or
        two-character name only where the tagger calls the word a place
        (ns): 白银 (silver) or 城区 alone are not places."""
        g = self.k.gazetteer()
        if g is None:
            return
        t = self.tokens()
        words, tags, starts, ends = t.words, t.tags, t.starts, t.ends
        n = len(words)
        taken = [(a, b) for a, b, _n, _t in self.atomic]
        countries = load_countries()
        # candidates: a word the tagger calls a place (宜春, 攀枝花市), or a
        # word and the administrative suffix after it (曲靖|市), or a long word
        cands = [i for i in range(n) if tags[i] == "ns" or len(words[i]) >= 3
                 or i + 1 < n and words[i + 1] in _ADMIN_CHARS]
        if not cands:
            return
        next_free = 0
        for i in cands:
            if i < next_free:
                continue
            hit = None
            w_i = words[i]
            if tags[i] == "ns" or len(w_i) >= 3:
                js = (i + 2, i + 1) if i + 1 < n and words[i + 1] in _ADMIN_CHARS else (i + 1,)
            elif i + 1 < n and words[i + 1] in _ADMIN_CHARS and len(w_i) >= 2:
                js = (i + 2,)
            else:
                continue
            for j in js:
                cand = "".join(words[i:j])
                if len(cand) < 2:
                    continue
                p = g.lookup(cand)
                if p is None:
                    code = countries.get(cand)
                    if code and j == i + 1 and tags[i] == "ns":
                        hit = (j, Place("CC-" + code, cand, "Country", -1))
                        break
                    continue
                short = not g.is_full(cand)
                if (short or len(cand) == 2) and not (j == i + 1 and tags[i] == "ns"):
                    continue
                if short and i > 0 and _is_cjk(words[i - 1][-1:]) and not (
                        cuts_name(words[i - 1], tags[i - 1])
                        or tags[i - 1][:1] in FUNCTION_TAGS):
                    continue        # 金川集团|永昌铜业: inside a name, not a place
                if short and j < n and len(words[j]) == 1 and _is_cjk(words[j]) and \
                        tags[j][:1] in ("n", "x") and tags[j] not in ("ns",):
                    continue        # 江西国轩, 甘肃国钛: the start of a name, not the province
                if short and p.level == 2 and j < n and _is_cjk(words[j][:1]) and not (
                        cuts_name(words[j], tags[j]) or tags[j][:1] in FUNCTION_TAGS):
                    continue        # 河西都会景区: a county's short name starts other names
                hit = (j, p)
                break
            if hit is None:
                continue
            j, p = hit
            a, b = starts[i], ends[j - 1]
            next_free = j
            if any(x < b and a < y for x, y in taken):
                continue
            rule = f"cldr:{p.code[3:]}" if p.type == "Country" else f"gazetteer:{p.code}"
            m = self.add(a, b, p.type, p.name, rule, 0.9,
                         aliases=(self.s[a:b],) if self.s[a:b] != p.name else ())
            self.atomic.append((a, b, p.name, p.type))
            self._atomic_at.setdefault(b, (a, b, p.name, p.type))
            self._catalogue_at.setdefault((a, b), m)
        if len(self.atomic) > 1:
            self.atomic.sort()

    # ------------------------------------------------------------ 2. quotes
    def quotes(self) -> None:
        s, k = self.s, self.k
        if "“" not in s and "‘" not in s:
            return
        ix = self.ix
        # a quoted list ends in 等…活动/行动: test for that before the backtracking pattern
        listed = "等" in s and ("活动" in s or "行动" in s)
        for m in (_QUOTE_LIST.finditer(s) if listed else ()):
            for q in _QUOTE.finditer(m.group("list")):
                a = m.start("list") + q.start(1)
                self.add(a, a + len(q.group(1)), "Initiative", q.group(1), "quote:initiative-list", 0.85)
                self.blocked.append((a - 1, a + len(q.group(1)) + 1))
        for q in _QUOTE.finditer(s):
            content = q.group(1)
            a, b = q.span(1)
            if self.in_blocked(a, b):
                continue
            typed = self.suffix_type(content)
            if typed and typed[1] in ORG_TYPES and len(content) - len(typed[0]) >= 2:
                self.add(a, b, typed[1], content, "quote:name", 0.85)
                self.blocked.append((a - 1, b + 1))
                continue
            glued = q.end() < len(s) and _is_cjk(s[q.end()]) and s[q.end()] not in k.hard_boundaries
            if len(content) <= 12 and not glued or "、" in content:
                self.blocked.append((a - 1, b + 1))   # a slogan: no names inside
            nm = ix["initiative_noun"].match(s, q.end())
            noun = nm.group() if nm else None
            verb = bool(ix["verbs_before"].search(s[max(0, q.start() - 12):q.start()]))
            if not noun and not verb:
                continue
            if any(x.start <= a and b <= x.end and x.type == "Product" for x in self.out):
                continue
            cjk = sum(map(_is_cjk, content))
            name = content if cjk >= 2 else f"“{content}”{noun or ''}"
            aliases = (f"“{content}”{noun}",) if noun else ()
            self.add(a, b, "Initiative", name, "quote:initiative", 0.85 if noun else 0.7,
                     aliases=aliases)
            self.blocked.append((a - 1, b + 1))

    # ------------------------------------------------------------ 2b. titles
    def titles(self) -> None:
        """A title in 《》 that ends in a policy word (意见, 办法, 规划, 标准,
        民约 ...) names an initiative; nothing inside it is sought."""
        s = self.s
        if "《" not in s or not self.k.document_words:
            return
        for m in _TITLE.finditer(s):
            a, b = m.span(1)
            if m.group(1).endswith(self.k.document_words):
                self.add(a, b, "Initiative", m.group(1), "title:document", 0.85)
            self.blocked.append((a - 1, b + 1))

    # ------------------------------------------------------------ 3. projects, chains
    def projects(self) -> None:
        s = self.s
        if "项目" not in s:
            return
        done: list[tuple[int, int]] = []
        for m in _PROJECT_LIST.finditer(s):
            pos = m.start("list")
            for item in m.group("list").split("、"):
                self.project(pos, pos + len(item), item + "项目", "pattern:project-list")
                done.append((pos, pos + len(item)))
                pos += len(item) + 1
        for m in _PROJECT_ONE.finditer(s):
            if any(a <= m.start() < b for a, b in done):
                continue
            a = m.start()
            if s.startswith("年产", a - 2):          # 年产5000吨…项目: part of the name
                a -= 2
            self.project(a, m.end(), s[a:m.end()], "pattern:project")
            self.project_product(m.start("body"), m.end("body"))

    def project_product(self, a: int, b: int) -> None:
        """The product a project is named after (5000吨|磷酸铁锂正极材料|项目),
        without the plant words after it (生产基地, 生产线, 一期 ...)."""
        t = self.s[a:b]
        cut = _PLANT_WORDS.search(t)
        if cut:
            b = a + cut.start()
        if b - a < 2 or any(x.type == "Product" and x.start == a and x.end == b for x in self.out):
            return
        self.add(a, b, "Product", self.s[a:b], "pattern:project-product", 0.7)

    def project(self, a: int, b: int, name: str, rule: str) -> None:
        clean = _DOUBLED.sub(lambda g: (g.group(1) or "") + g.group(2), name)
        aliases = tuple(x for x in dict.fromkeys(
            (name, clean[2:] if clean.startswith("年产") else "")) if x and x != clean)
        self.add(a, b, "Project", clean, rule, 0.85, aliases=aliases)

    def chains(self) -> None:
        s = self.s
        if "产业链" not in s:
            return
        for m in (_CHAIN_LIST.finditer(s) if _CHAIN_LIST_NEEDS.search(s) else ()):
            text = m.group("list")
            base = m.start("list")
            first = text.split("、")[0]
            cut = self.strip_left(base, base + len(first)) - base
            text, base = text[cut:], base + cut
            n = int(m.group("n"))
            items = text.split("、")
            if len(items) != n:
                items = [p for it in items for p in it.split("和")]
            if len(items) != n:
                continue
            pos = base
            for it in items:
                j = s.find(it, pos)
                if it and j >= 0:
                    self.add(j, j + len(it), "IndustryChain", it + "产业链", "pattern:chain-list", 0.85)
                    pos = j + len(it)
            self.blocked.append((m.start("list") - 1, m.end()))
        # 铜、铅、锌产业链: short items listed before one 产业链
        for m in (_SHORT_CHAIN_LIST.finditer(s) if _SHORT_CHAIN_LIST_NEEDS.search(s) else ()):
            if self.in_blocked(m.start(), m.end()):
                continue
            items = m.group("list").split("、")
            first = self.strip_left(m.start("list"), m.start("list") + len(items[0]))
            pos = first
            items[0] = s[first:m.start("list") + len(items[0])]
            if not items[0]:
                continue
            for it in items:
                j = s.find(it, pos)
                self.add(j, j + len(it), "IndustryChain", it + "产业链", "pattern:chain-list", 0.75)
                pos = j + len(it)
            self.blocked.append((m.start("list") - 1, m.end()))

    # ------------------------------------------------------------ 4. names by form
    def suffix_type(self, text: str) -> tuple[str, str] | None:
        ix = self.ix
        m = ix["suffix_end"].search(text)
        return (m.group(), ix["suffix_types"][m.group()]) if m else None

    def chunks(self) -> list[tuple[int, int]]:
        """Runs of name characters: the spans a name by form can lie in."""
        if self._chunks is not None and self._chunks[0] == len(self.out):
            return self._chunks[1]
        s, k = self.s, self.k
        n = len(s)
        base = [m.span() for m in self.ix["chunk"].finditer(s)]
        edits: list[tuple[int, int, bytes]] = []
        # “金白兰武”有色金属…集群: a short quote glued to a name is part of it
        if "“" in s or "‘" in s:
            for q in _QUOTE.finditer(s):
                if q.end() < n and _is_cjk(s[q.end()]) and s[q.end()] not in k.hard_boundaries \
                        and len(q.group(1)) <= 8 and "、" not in q.group(1) \
                        and not self.in_blocked(q.start(1), q.end(1)):
                    edits.append((q.start(), q.start() + 1, b"0"))
                    edits.append((q.end() - 1, q.end(), b"0"))
        for a, b in self.blocked:
            a, b = max(a, 0), min(b, n)
            if b > a:
                edits.append((a, b, b"1" * (b - a)))
        # 镍、铜和钴: a conjunction right after a material or a known name ends it
        conj = self.ix["conj"]
        for e in {m.end for m in self.out if m.type in ("Product", "Sector") or m.catalogue_id}:
            c = conj.match(s, e)
            if c:
                edits.append((e, c.end(), b"1" * (c.end() - e)))
        # catalogue names are never cut: only matters when one spans a barrier
        atomic = [(a, b) for a, b, _, _ in self.atomic if not _inside(base, a, b)]
        if not edits and not atomic:
            out = base
        else:
            barrier = bytearray(b"1" * n)      # "1" = barrier
            for a, b in base:
                barrier[a:b] = b"0" * (b - a)
            for a, b, v in edits:
                barrier[a:b] = v
            for a, b in atomic:
                for i in range(a, b):
                    if s[i] not in "“”":
                        barrier[i] = 48         # "0"
            out = [m.span() for m in _RUN_B.finditer(barrier)]
        self._chunks = (len(self.out), out)
        return out

    def forms(self) -> None:
        if self._occ is None:
            self._occ = self.suffix_occurrences()
        if not self._occ and not self.atomic:
            return          # nothing added: product_forms() computes the same runs itself
        spans = self.chunks()
        self._spans = spans
        # the runs holding a suffix or a whole catalogue name, in order
        starts = [a for a, _b in spans]
        todo = set()
        for x in self._occ:
            i = bisect.bisect_right(starts, x[0]) - 1
            if i >= 0 and x[0] < spans[i][1]:
                todo.add(i)
        for x in self.atomic:
            i = bisect.bisect_right(starts, x[0]) - 1
            if i >= 0 and x[1] <= spans[i][1]:
                todo.add(i)
        for i in sorted(todo):
            self.chunk(*spans[i])

    def suffix_occurrences(self) -> list[tuple[int, str, str]]:
        """(start, suffix, type) of every name suffix in the sentence, overlaps too."""
        types = self.ix["suffix_types"]
        out = []
        for start, suf in overlapping(self.ix["suffix_any"], self.s):
            out.append((start, suf, types[suf]))
        return out

    def suffix_ends(self, a: int, b: int) -> list[tuple[int, str, str]]:
        """(end, suffix, type) of every name suffix in s[a:b], longest per end."""
        best: dict[int, tuple[str, str]] = {}
        if self._occ is None:
            self._occ = self.suffix_occurrences()
        occ = self._occ
        for i in range(bisect.bisect_left(occ, (a, "", "")), len(occ)):
            start, suf, t = occ[i]
            if start >= b:
                break
            e = start + len(suf)
            if e > b:
                continue
            cur = best.get(e)
            if cur is None or len(cur[0]) < len(suf):
                best[e] = (suf, t)
        for ca, cb, _name, ctype in self.atomic:
            if a <= ca and cb <= b:
                best[cb] = ("", ctype)
                for e in list(best):
                    if ca < e < cb:
                        del best[e]
        if len(best) > 1:
            # an end strictly inside another suffix is not where a name ends
            spans = [(e - len(suf), e) for e, (suf, _t) in best.items() if suf]
            for e in list(best):
                for a2, b2 in spans:
                    if a2 < e < b2:
                        del best[e]
                        break
        return sorted([(e, suf, t) for e, (suf, t) in best.items()])

    def chunk(self, a: int, b: int) -> None:
        s, k = self.s, self.k

        def start_ok(x, e):
            return x.end == e
        ix = self.ix
        comps: list[Mention] = []
        first_start = None
        prev_end = a
        for e, suf, t in self.suffix_ends(a, b):
            if e <= prev_end and comps:
                continue
            atomic = self._atomic_at.get(e) if self.atomic else None
            if atomic and atomic[0] >= prev_end:
                ca, cb, cname, ctype = atomic
                if comps and ca > prev_end:      # text between: not one nested name
                    comps, first_start = [], None
                if first_start is None:
                    first_start = ca
                m = self._catalogue_at[(ca, cb)]
                self._link(comps, m)
                comps.append(m)
                prev_end = e
                continue
            follow = s[e - len(suf):e - len(suf) + 6]
            if ix["followers"].match(follow):
                continue
            if len(suf) == 1 and t in PLACE_TYPES and e < len(s) and \
                    not self.tokens().aligned(e, e):
                w = self.tokens().word_at(e - 1)
                chained = any(o[0] == e for o in self._occ)      # 市|委书记: another suffix
                if not chained and (w is None or not ix["suffix_end"].search(w[2])):
                    continue    # 村里, 村民, 镇上: the suffix starts a longer word
            keep = ix["name_keep"] if t in ("Project", "Product") else frozenset()
            head_start = prev_end if comps else self.strip_left(a, e - len(suf), len(suf) > 1, keep)
            head = s[head_start:e - len(suf)]
            if comps and head and (
                    self.tokens().cut_left(prev_end, e - len(suf),
                                           function_only=t in ORG_TYPES or t in PLACE_TYPES)
                    > prev_end
                    or any(b.end() < len(head) for b in k.boundary_re.finditer(head))):
                comps, first_start = [], None      # 金昌|已建成…车间: not one name
                head_start = self.strip_left(prev_end, e - len(suf), len(suf) > 1, keep)
                head = s[head_start:e - len(suf)]
            whole = s[(first_start if comps else head_start):e]
            if ix["common_end"].search(whole):
                continue
            if head and (_COUNT_IN_HEAD.search(head) or
                         t in PLACE_TYPES and any(c.isdigit() for c in head) or
                         t not in ("Site", "Laboratory") and _CONJ_IN_HEAD.search(head)):
                continue
            if not head:
                if not comps:
                    continue
                last = comps[-1]
                place_merge = (t in PLACE_TYPES and last.type in PLACE_TYPES and
                               (t == last.type == "River" or
                                len(suf) == 1 and last.rule.endswith(":河")))
                if suf in k.legal or place_merge:
                    last.type = t if place_merge else last.type
                    last.end = e                       # 永昌铜业+有限公司, 石羊河+流域
                    last.text = s[last.start:e]
                    last.name = s[first_start:e]
                    last.aliases = (last.text,) if last.text != last.name else ()
                    prev_end = e
                    continue
                if suf not in k.bare_units:
                    continue
            else:
                if suf in k.needs_owner and not comps:
                    continue
                if head in k.generic_heads or head[-1] in "全各本该此这那每" and len(head) <= 2:
                    continue
                if len(suf) == 1 and len(head) < 2 and not comps:
                    continue
                if t in PLACE_TYPES and not comps and self._bad_place_head(head_start, e - len(suf), e):
                    continue
                if not comps and head[0].isdigit():
                    continue
                if len(suf) > 1 and not comps and head_start > 0 and (
                        s[head_start - 1].isdigit() or s[head_start - 1] in "一二两三四五六七八九十百千万亿"):
                    w0 = self.tokens().word_at(head_start)
                    if w0 and len(w0[2]) == 1 and w0[3][:1] in ("q", "m"):
                        continue      # 3个|项目, 千亿级|项目: the end of a quantity
                if len(suf) > 1 and not comps and s[head_start] in "个批座些种项条家":
                    w0 = self.tokens().word_at(head_start)
                    if w0 and w0[2] == s[head_start] and w0[3][:1] in ("q", "m"):
                        continue      # (两)个|新能源材料项目
            if t == "Project" and any(x.type == "Project" and x.start < e and start_ok(x, e)
                                      for x in self.out):
                continue              # the quantity pattern named this project already
            start = head_start if head else prev_end
            if first_start is None:
                first_start = start
            name = s[first_start:e]
            local = s[start:e]
            aliases = tuple(x for x in dict.fromkeys(
                [local] + [s[c.start:e] for c in comps[1:]])
                if x != name and len(x) >= 3 and x not in k.generic_heads)
            m = self.add(start, e, t, name, f"pattern:suffix:{suf}", 0.8, aliases=aliases)
            self._link(comps, m)
            comps.append(m)
            prev_end = e

    def _bad_place_head(self, a: int, b: int, e: int) -> bool:
        """A place name's head that is no name: only numerals (万元|省), or one
        verb (结合|村情) with no place beside it.  A verb-looking name stands
        in a place hierarchy (镇罗营镇的下营村, 发放镇新兴村)."""
        t = self.tokens()
        i0, i1 = t.index(a), t.index(b - 1)
        if i0 < 0 or i1 < i0:
            return False
        tags = t.tags[i0:i1 + 1]
        if all(g[:1] in ("m", "q") for g in tags):
            return True
        if i1 == i0 and tags[0][:1] == "v" and tags[0] not in ("vn", "vg") and len(t.words[i0]) >= 2:
            s = self.s
            before = any(x.end in (a, a - 1) and x.type in PLACE_TYPES for x in self.out) or \
                (a > 0 and s[a - 1] == "的" and any(x.end == a - 1 and x.type in PLACE_TYPES
                                                    for x in self.out))
            after = self._occ is not None and any(
                e + 2 <= o[0] + len(o[1]) <= e + 6 and o[2] in PLACE_TYPES and o[0] > e
                for o in self._occ) and (e < len(s) and _is_cjk(s[e]))
            return not (before or after)
        return False

    def _link(self, comps: list[Mention], m: Mention) -> None:
        if not comps:
            return
        parent = comps[-1]
        rel = nesting_relation(m.type, parent.type)
        m.parent = self._pos[id(parent)]
        m.parent_rel = rel

    # ------------------------------------------------------------ products by form
    def product_forms(self) -> None:
        s = self.s
        spans = self._spans
        for mm in self.ix["product_any"].finditer(s):
            suf = mm.group()
            e = mm.end()
            if not self.tokens().aligned(e, e):
                continue            # 折合|金属: 合金 is not there
            if spans is None:
                spans = self._spans = self.chunks()
            chunk = next(((a, b) for a, b in spans if a <= mm.start() and e <= b), None)
            if not chunk:
                continue
            self.product_ctx = True
            a = self.strip_left(chunk[0], mm.start(), True, self.ix["name_keep"])
            self.product_ctx = False
            if e - a < 3 or e - a > 14:
                continue
            if any(x.start <= a and e <= x.end and (x.end - x.start) > (e - a)
                   for x in self.out):
                continue
            if any(x.start == a and x.end == e for x in self.out):
                continue
            if re.search("[和与及、]", s[a:e]):
                continue
            inner = [x for x in self.out if x.end == e and a < x.start and x.type == "Product"]
            if inner and not any(_is_cjk(c) for c in s[a:inner[0].start]):
                continue
            self.add(a, e, "Product", s[a:e], f"pattern:product:{suf}", 0.7)

    # ------------------------------------------------------------ chemical names
    def chemicals(self) -> None:
        """Materials named by chemical nomenclature (氧化锂, 六氟磷酸锂, 钛精矿,
        镨钕): element characters with compound prefixes and material heads,
        on word boundaries, not inside a longer name."""
        rx = self.ix["chemical"]
        if rx is None:
            return
        s = self.s
        t = self.tokens()
        for m in rx.finditer(s):
            a, b = m.span()
            if b - a < 2 or not t.aligned(a, b):
                continue
            if any(x.start <= a and b <= x.end for x in self.out):
                continue
            if all(c in self.k.elements for c in m.group()):
                # 镍钴, 镍铜钴: a list of metals modifying the noun after it
                w = t.word_at(b) if b < len(s) else None
                if w and w[3][:1] in ("n", "v", "a"):
                    continue
            self.add(a, b, "Product", m.group(), "pattern:chemical", 0.75)

    # ------------------------------------------------------------ companies without a suffix
    def short_companies(self) -> None:
        """Company names without a legal suffix, from the sentence's form:
        a stock code after the name (宁德时代(300750)), 简称“X” after a
        full name, and a list before 等企业 (A、B等企业)."""
        s = self.s
        t = self.tokens()
        if "(" in s:
            for m in _STOCK.finditer(s):
                e = m.start()
                a = t.cut_left(max(0, self._run_start(e)), e)
                if e - a >= 2 and not self._covered(a, e):
                    self.add(a, e, "Enterprise", s[a:e], "pattern:stock-code", 0.85)
        if "简称" in s:
            for m in _ABBREV.finditer(s):
                a, b = m.span("short")
                owner = [x for x in self.out if x.end <= m.start() and x.type in ORG_TYPES]
                if not owner:
                    continue
                o = max(owner, key=lambda x: x.end)
                same = [x for x in self.out if x.start == a and x.end == b]
                if same:                   # the quoted name was found already: it is o
                    for x in same:
                        x.type, x.name, x.rule = o.type, o.name, "pattern:abbreviation"
                        x.aliases = (s[a:b],)
                elif not self._covered(a, b):
                    self.add(a, b, o.type, o.name, "pattern:abbreviation", 0.85,
                             aliases=(s[a:b],))
        if "等" in s and _ETC_COMPANIES_NEEDS.search(s):
            for m in _ETC_COMPANIES.finditer(s):
                items = re.split("[、和与及]", m.group("list"))
                pos = m.start("list")
                for k_, it in enumerate(items):
                    a, b = pos, pos + len(it)
                    pos = b + 1
                    if k_ == 0:
                        a = t.cut_left(a, b)
                    if not 2 <= b - a <= 12 or self._covered(a, b) or not t.aligned(a, b):
                        continue
                    if any(t.starts[i] >= a and t.ends[i] <= b and
                           (cuts_name(t.words[i], t.tags[i]) or t.tags[i][:1] in "vm")
                           for i in range(len(t.words))):
                        continue
                    self.add(a, b, "Enterprise", s[a:b], "pattern:etc-companies", 0.7)

    def trade_names(self) -> None:
        """字号 + 行业 without a legal form (鼎信科技, 宝立食品): a coined trade
        name of 2-4 characters the dictionary splits into single characters or
        tags as a proper noun, then an industry word, on word boundaries."""
        rx = self.ix["company_industries"]
        if rx is None:
            return
        s, t = self.s, self.tokens()
        for m in rx.finditer(s):
            h, e = m.span()
            if not t.aligned(h, e) or self._covered(h, e):
                continue
            if e < len(s) and _is_cjk(s[e]):
                w = t.word_at(e)
                if w is None or not (cuts_name(w[2], w[3]) or w[3][:1] in FUNCTION_TAGS
                                     or w[3][:1] not in ("n", "a", "b")
                                     or w[2] in ("等", "和", "与", "及", "、")):
                    continue        # more name follows: not the end of a name
            a = t.cut_left(self._run_start(h), h, allow_empty=True)
            i0, i1 = t.index(a), t.index(h - 1) if h > a else -1
            if not 2 <= h - a <= 4 or i1 < i0:
                continue
            toks = range(i0, i1 + 1)
            if any(x.start < h and a < x.end for x in self.out):
                continue
            coined = all(len(t.words[i]) == 1 or t.tags[i] in ("nr", "nz", "nrt", "nrfg", "x",
                                                                "ns")
                         for i in toks) and not all(c in self.k.elements for c in s[a:h])
            if not coined or all(len(t.words[i]) == 1 and t.tags[i][:1] in ("m", "q", "f", "d", "p")
                                 for i in toks):
                continue
            self.add(a, e, "Enterprise", s[a:e], "pattern:trade-name", 0.65)

    def _run_start(self, e: int) -> int:
        """Start of the run of name characters that ends at ``e``."""
        a = e
        while a > 0 and (_is_cjk(self.s[a - 1]) or self.s[a - 1].isalnum()) and \
                self.s[a - 1] not in self.k.hard_boundaries:
            a -= 1
        return a

    def _covered(self, a: int, b: int) -> bool:
        return any(x.start < b and a < x.end for x in self.out)

    # ------------------------------------------------------------ products by context
    def product_lists(self) -> None:
        """Products listed after a verb of making, growing, selling or using
        (``[product_context]`` of the lexicon): 种植甜玉米、四季豆…等蔬菜."""
        rx = self.ix["product_verbs"]
        if rx is None:
            return
        s, k = self.s, self.k
        t = self.tokens()
        n = len(s)
        for vm in rx.finditer(s):
            pos = vm.end()
            q = _LIST_QTY.match(s, pos)
            if q:
                pos = q.end()
            if not t.aligned(vm.start(), pos):
                continue
            items = []
            while pos < n:
                end = self._item_end(pos)
                if end <= pos:
                    break
                items.append((pos, end))
                if end < n and s[end] in "、和及与" and end + 1 < n:
                    pos = end + 1
                    if s.startswith("以及", end):
                        pos = end + 2
                    continue
                break
            # one item only where it is plainly a thing made: it ends the clause
            # or has a product word at its end (锂电池正极材料)
            if len(items) == 1:
                a, b = items[0]
                if not (b >= n or s[b] in ",。;:!?、)" or s.startswith("等", b)
                        or self.ix["product_any"].search(s, a, b)):
                    continue
            for a, b in items:
                self._product_item(a, b)

    def _item_end(self, a: int) -> int:
        """Where a listed item starting at ``a`` ends: before punctuation, 、,
        a function word, a verb, 等, a stop noun, or a name of another kind."""
        t = self.tokens()
        s, k = self.s, self.k
        i = t.index(a)
        if i < 0 or t.starts[i] != a:
            return a
        end = a
        while i < len(t.words):
            w, g = t.words[i], t.tags[i]
            if not (_is_cjk(w[0]) or w[0].isalpha()) or w in ("、", "等"):
                break
            if g[:1] in FUNCTION_TAGS or g[:1] == "c" or (g[:1] == "v" and g != "vn" and len(w) >= 2
                                                          and end > a):
                break
            if w in k.product_stops:
                break
            end = t.ends[i]
            i += 1
            if end - a > 14:
                return a
        return end

    def _product_item(self, a: int, b: int, rule: str = "pattern:product-list") -> bool:
        s, k = self.s, self.k
        item = s[a:b]
        if not 2 <= len(item) <= 14 or item in k.product_generic or item[0].isdigit():
            return False
        t = self.tokens()
        last = t.word_at(b - 1)
        if last is None or last[3][:1] not in ("n", "l", "e", "x") or last[2] in k.product_generic:
            return False
        first = t.word_at(a)
        if first is not None and (cuts_name(first[2], first[3]) or first[3][:1] in ("v", "a", "d")
                                  and len(first[2]) >= 2):
            return False
        for i in range(t.index(a), t.index(b - 1) + 1):
            if t.tags[i][:1] in ("f", "d", "m", "q", "t") or t.tags[i][:1] == "v" and \
                    t.tags[i] != "vn" and len(t.words[i]) >= 2 and i > t.index(a):
                return False
        for x in self.out:
            if x.start < b and a < x.end:
                return False             # a name is there already (or a part of one)
        self.add(a, b, "Product", item, rule, 0.7)
        return True

    # ------------------------------------------------------------ products by quantity, lists, chains
    def measured_products(self) -> None:
        """What is measured in tonnes or kilowatt-hours is a material: the noun
        phrase right after such a quantity (42万吨甲醇, 25亿瓦时锂离子电池) or
        right before it (聚丙烯52万吨)."""
        s = self.s
        if not _DIGIT.search(s):
            return
        t = self.tokens()
        for q in _MASS_QTY.finditer(s):
            a, b = q.span()
            end = self._item_end(b) if b < len(s) and t.aligned(b, b) else b
            if end > b:
                self._product_item(b, end, rule="pattern:measured-product")
            if a > 0 and t.aligned(a, a) and _is_cjk(s[a - 1]):
                st = t.cut_left(self._run_start(a), a, allow_empty=True)
                if st < a:
                    self._product_item(st, a, rule="pattern:measured-product")

    def listed_products(self) -> None:
        """An item listed beside a product (电池、隔膜、磷酸铁锂) is a product too,
        and so are the steps of a chain written with arrows or dashes
        (铝土矿—氧化铝—绿色铝, 钛矿→钛精矿→高钛渣)."""
        s = self.s
        n = len(s)
        changed = True
        rounds = 0
        while changed and rounds < 4:
            changed = False
            rounds += 1
            for m in [x for x in self.out if x.type == "Product"]:
                # right neighbour
                e = m.end
                if e + 1 < n and s[e] in "、" and not self._covered(e + 1, e + 2):
                    end = self._item_end(e + 1)
                    if end > e + 1 and self._product_item(e + 1, end, rule="pattern:product-neighbour"):
                        changed = True
                # left neighbour
                a = m.start
                if a > 1 and s[a - 1] == "、" and not self._covered(a - 2, a - 1):
                    st = self.tokens().cut_left(max(0, self._run_start(a - 1)), a - 1, allow_empty=True)
                    if st < a - 1 and self._product_item(st, a - 1, rule="pattern:product-neighbour"):
                        changed = True
        if not _CHAIN_ARROW.search(s):
            return
        for cm in _CHAIN_RUN.finditer(s):
            parts = _CHAIN_ARROW.split(cm.group())
            if len(parts) < 2:
                continue
            # a chain of materials, not of steps of work (交办—反馈—整改): one
            # step at least is a product or named like a material already
            if not any(x.type == "Product" and cm.start() <= x.start and x.end <= cm.end()
                       for x in self.out):
                continue
            pos = cm.start()
            for k_, it in enumerate(parts):
                a, b = pos, pos + len(it)
                nxt = _CHAIN_ARROW.match(s, b)
                pos = nxt.end() if nxt else b
                if k_ == 0:
                    a = self.tokens().cut_left(a, b, allow_empty=True)
                if b - a >= 2:
                    same = [x for x in self.out if x.start == a and x.end == b]
                    if not same and not self._covered(a, b):
                        self.add(a, b, "Product", s[a:b], "pattern:chain-step", 0.75)

    # ------------------------------------------------------------ sectors
    def sectors(self) -> None:
        """A product or sector named as an industry (番茄产业, 新能源产业, 锂电池
        行业), and the items of a list before 等…产业/行业/领域 (煤炭、电力、钢铁
        等传统产业: sectors there, not products)."""
        s = self.s
        if "产业" not in s and "行业" not in s and "领域" not in s:
            return
        for m in list(self.out):
            if m.type not in ("Product", "Sector") or m.coref:
                continue
            e = m.end
            mm = _SECTOR_AFTER.match(s, e)
            if not mm or self._covered(e, mm.end()) and not any(
                    x is m for x in self.out if x.start < mm.end() and e < x.end):
                continue
            if any(x is not m and x.start <= m.start and mm.end() <= x.end for x in self.out):
                continue
            self.add(m.start, mm.end(), "Sector", s[m.start:mm.end()], "pattern:sector", 0.75)
        ind = self.ix["industries"]
        if ind is not None:
            t = self.tokens()
            starts_at = {}          # end -> start of an industry word or product ending there
            for x in self.out:
                if x.type in ("Product", "Sector"):
                    starts_at.setdefault(x.end, x.start)
            for im in ind.finditer(s):
                a, e = im.span()
                a = starts_at.get(a, a)                 # 有色金属|新材料|产业
                starts_at[e] = a
                mm = _SECTOR_AFTER.match(s, e)
                if not mm or not t.aligned(a, a) or self._covered(a, mm.end()):
                    continue
                self.add(a, mm.end(), "Sector", s[a:mm.end()], "pattern:sector", 0.75)
        for lm in (_SECTOR_LIST.finditer(s) if "、" in s and _SECTOR_LIST_NEEDS.search(s) else ()):
            items = lm.group("list").split("、")
            pos = lm.start("list")
            for it in items:
                a, b = pos, pos + len(it)
                pos = b + 1
                for x in self.out:
                    if x.start == a and x.end == b and x.type == "Product":
                        x.type, x.rule = "Sector", "pattern:sector-list"

    # ------------------------------------------------------------ clean-up
    def finish(self) -> list[Mention]:
        """Drop materials and sectors inside longer names of other kinds, and
        mentions inside initiative quotes."""
        keep = []
        out = self.out
        inits = [(o.start, o.end) for o in out if o.type == "Initiative"]
        for i, m in enumerate(out):
            if m.type in ("Product", "Sector") and not m.rule.startswith("pattern:product"):
                if any(o is not m and o.start <= m.start and m.end <= o.end and
                       (o.end - o.start) > (m.end - m.start) and
                       o.type not in ("Project",) for o in out):
                    continue
            if inits and m.type != "Initiative" and any(
                    a <= m.start and m.end <= b for a, b in inits):
                continue
            keep.append(i)
        if len(keep) == len(out):
            return out
        index = {old: new for new, old in enumerate(keep)}
        res = []
        for old in keep:
            m = out[old]
            if m.parent is not None:
                m.parent = index.get(m.parent)
                if m.parent is None:
                    m.parent_rel = ""
            res.append(m)
        return res


def _alt(words) -> str:
    return word_pattern(sorted(set(words), key=lambda w: (-len(w), w)))


def _index(k: Knowledge) -> dict:
    """Regexes compiled once per knowledge base."""
    ix = k.extra.get("mention_index")
    if ix is None:
        rx, types = _suffix_index(k)
        ix = k.extra["mention_index"] = {
            "suffix_rx": rx,
            "suffix_any": re.compile(_alt(types)),     # the same words, for overlapping()
            "suffix_end": re.compile(f"(?:{_alt(types)})$"),
            "suffix_types": types,
            "chunk": _chunk_class(k.hard_boundaries),
            "conj": re.compile(_alt(k.conjunctions)) if k.conjunctions else re.compile(r"(?!)"),
            # in the order of the lexicon: the first noun that follows wins
            "initiative_noun": re.compile("|".join(re.escape(n) for n in k.initiative_nouns))
            if k.initiative_nouns else re.compile(r"(?!)"),
            # a verb right before a quote (开展“…”, 推出3个“…”); file order, as listed
            "verbs_before": re.compile(
                "(?:" + "|".join(re.escape(v) for v in k.initiative_verbs) + r")(?:\d+个)?$"),
            "followers": re.compile(f"(?:{_alt(k.suffix_followers)})") if k.suffix_followers
            else re.compile(r"(?!)"),
            "common_end": re.compile(f"(?:{_alt(k.common_nouns)})$") if k.common_nouns
            else re.compile(r"(?!)"),
            "product_any": re.compile(f"(?:{_alt(k.product_suffixes)})") if k.product_suffixes
            else re.compile(r"(?!)"),
            "modifiers": re.compile(f"(?:{_alt(k.modifiers)})") if k.modifiers else re.compile(r"(?!)"),
            "chemical": _chemical_re(k),
            # words inside project and product names that cut nothing there
            "name_keep": frozenset(k.name_activities) | frozenset(k.compound_prefixes),
            "industries": re.compile(_alt(k.industry_words)) if k.industry_words else None,
            "company_industries": re.compile(_alt(k.company_industries))
            if k.company_industries else None,
            "product_verbs": re.compile(_alt(k.product_verbs)) if k.product_verbs else None,
        }
    return ix



def _chemical_re(k: Knowledge) -> re.Pattern | None:
    if not k.elements:
        return None
    el = "[" + re.escape(k.elements) + "]"
    pre = _alt(k.compound_prefixes) if k.compound_prefixes else "(?!)"
    head = _alt(k.material_heads) if k.material_heads else "(?!)"
    # prefixes + elements (+ head), or two or more elements (+ head), or element + head
    # (镍钴, 镍铜钴 alone are lists of metals, not one material)
    rx = re.compile(rf"(?:(?:{pre})+{el}+(?:{head})?|{el}+(?:{head}))")
    # tried only at the characters a match starts with (speed)
    return AtFirstChars(rx, set(k.elements) | {p[0] for p in k.compound_prefixes if p})


def sentence_mentions(s: str, k: Knowledge) -> list[Mention]:
    """All mentions of one sentence, offsets relative to it.

    >>> from kg.knowledge import load_knowledge
    >>> ms = sentence_mentions("走进甘肃正昊钛业有限公司精炼分厂。", load_knowledge())
    >>> [(m.name, m.type) for m in ms]
    [('甘肃省', 'Province'), ('甘肃正昊钛业有限公司', 'Enterprise'), ('甘肃正昊钛业有限公司精炼分厂', 'BusinessUnit')]
    """
    sc = SentenceScanner(s, k)
    sc.known()
    sc.places()
    sc.titles()
    sc.quotes()
    sc.projects()
    sc.chains()
    sc.forms()
    sc.short_companies()
    sc.trade_names()
    sc.product_forms()
    sc.chemicals()
    sc.product_lists()
    sc.measured_products()
    sc.listed_products()
    sc.sectors()
    return sc.finish()
