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
_QTY = (r"(?:\d+(?:\.\d+)?(?:万|亿|千)?|[一二三四五六七八九十两]*[百千万亿]+)(?:吨吨|吨|GWh|MWh|GW|MW|千瓦时|千瓦|兆瓦|吉瓦|瓦时|台|套|头|只|座|辆"
        r"|平方米|亩|片|件|条)(?:/年)?")
# (年分离稀土矿3千吨能力|的|国盛稀土冶炼分离项目: a 的 ends the quantity's phrase)
_PROJECT_ONE = re.compile(rf"(?P<q>{_QTY})(?P<body>(?:(?!的)[{CJK}]){{2,20}}?)项目")
# 10万吨磷酸铁和5万吨磷酸铁锂项目: one project of two products, each with its quantity
_PROJECT_COORD = re.compile(
    rf"(?P<q>{_QTY})(?P<body>[{CJK}]{{2,20}}?)"
    rf"(?P<rest>(?:[和及与、]{_QTY}(?:\d+(?=[{CJK}]))?[{CJK}]{{2,20}}?)+)项目")
# (…及80万吨|300|系列中板热轧成品项目: a grade number may open an item's name)
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
# the measure words of counts (a closed class; the tagger reads some as nouns: 3|条)
_MEASURES = frozenset("个条家项批座只台套种类大户名位件辆")
_UNIT_AFTER_NUM = re.compile("千瓦时|瓦时|兆瓦时|兆瓦|千瓦|吨|平方米|平方公里|亩|元")
_LEADING_QTY = re.compile(r"[\d.]+(?:万|亿|千|百)?(?:吨|元|个|家|名|项|年|月|瓦时|千瓦时|GWh|MWh|kWh|GW|MW|"
                          r"千瓦|套|台|条)?(?:/年)?")
_PLANT_WORDS = re.compile(
    "(?:生产制造基地|生产基地|制造基地|产业基地|基地|生产线|产线|生产装置|联合装置|装置|生产车间|车间|工厂|"
    "智能制造|生产|制造|产业化|扩建|新建|技改|改扩建|建设|精深加工|深加工|一期|二期|三期|工程)+$")
_SECTOR_AFTER = re.compile("(?:产业|行业)(?!链|园|集群|基地|体系|集聚|发展区|联盟|协会|工人)")
_SECTOR_LIST = re.compile(rf"(?P<list>[{CJK}]{{2,12}}(?:、[{CJK}]{{2,8}})+)等(?:传统|新兴|重点|优势|支柱|各大|多个|众多)?(?:产业|行业|领域)")
# 由X投资建设: the agent of investing, building or running is an organisation
_BY_AGENT = re.compile(rf"由(?P<n>[{CJK}A-Za-z0-9]{{2,16}}?)(?:共同|联合|独资|全额)?(?:投资|出资|承建|投建|建设|运营|牵头|主导|发起)")
_SECTOR_LIST_NEEDS = re.compile("等(?:传统|新兴|重点|优势|支柱|各大|多个|众多)?(?:产业|行业|领域)")   # (speed)
_LIST_QTY = re.compile(r"(?:约|近|超)?[\d.]+(?:万|亿|千)?(?:吨|台|套|片|辆|头|只|件|个|亩|千瓦|兆瓦|GWh|MW)?")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_MASS_QTY = re.compile(r"\d+(?:\.\d+)?(?:万|亿|千)?(?:吨|千瓦时|瓦时|GWh|MWh|kWh|立方米|方)(?:/年)?")
_CHAIN_ARROW = re.compile("→|->|—>|⇒|——|—|-")
_CHAIN_RUN = re.compile(rf"[{CJK}A-Za-z0-9]{{1,12}}(?:(?:→|->|—>|⇒|——|—|(?<=[{CJK}])-(?=[{CJK}]))"
                        rf"[{CJK}A-Za-z0-9]{{1,12}}){{2,}}")
# what names a chain of steps as an industry chain after it (“锂资源-…-锂回收”闭环全产业链,
# “煤—电—铝—铝加工—铝终端制品”较为完整的产业链条)
_CHAIN_NAMED_AFTER = re.compile(r"[”\"](?:的)?[^,。;:“”]{0,8}?(?:全产业链|产业链条|产业链)")
_ADMIN_CHARS = frozenset("省市县区州旗盟")
_GENERIC_CHECKED = frozenset(("Park", "IndustryChain", "IndustrialCluster", "Project", "Site", "Initiative",
                              "Village", "Town", "Community"))
_COMMON_TAGS = frozenset(("n", "vn", "v", "a", "ad", "an", "d", "f", "s", "b"))
_NUMBERED = re.compile(r"\d{1,3}号")
_PHASE = re.compile("[一二三四五六七八九十首末]期(?:工程)?")
_NUMBERED_BEFORE = re.compile(r"(?<!\d)\d{1,3}号")
_MEDIUM = rf"[{CJK}]{{2,8}}?(?:网|在线|日报|晚报|时报|报|电视台|广播电视台|新闻|融媒体中心|新闻中心|客户端)"
# 绵阳新闻网讯, 应县融媒体中心消息, 锂电池资讯网获悉, 甘肃质量信用网据每日甘肃网张掖3月21日讯,
# 中新网佛山10月28日电 (a dispatch: 电 after its date), 新海南客户端、南海网、南国都市报4月11日消息(
_DATED = rf"(?:[{CJK}]{{2,4}})?\d{{1,2}}月\d{{1,2}}日"
_DATELINE = re.compile(
    rf"(?P<list>(?:{_MEDIUM}、){{1,4}})?(?P<org>{_MEDIUM})(?:据(?P<org2>{_MEDIUM}))?"
    rf"(?P<channel>[{CJK}]{{2,8}}频道)?(?:(?:{_DATED})?(?:讯|消息[::,(（]|获悉)|{_DATED}电)")
_BY_PRODUCT = frozenset(("副产品", "副产", "中间产品", "最终产品", "主要产品"))
_BRACKET_PLACE = re.compile(rf"\(([{CJK}]{{2,6}})\)")
# the places whose name opens a company's without saying where it is (its
# registration: 云南|云天化); a county's, town's or village's says where a plant
# is (射洪县|锂盐厂)
_NAME_HEAD_PLACES = frozenset(("Country", "Province", "City"))
#: kinds of names a province or city opens as part of the name (内蒙古|宝丰煤基新材料项目,
#: 台湾|凤梨): the place is the name's, no entity of its own; a park or a body
#: named after its place (焦作|经济技术开发区, 焦作市|政府) says where it is
_PLACE_NAMED_KINDS = frozenset(("Project", "Product", "Sector", "IndustryChain", "Initiative"))
_ADMIN_TYPES = frozenset(("Country", "Province", "City", "District", "Town", "Village", "Community"))
_DIGIT = re.compile(r"\d")
#: tags (by first letter) of the words of a noun phrase, and the name tags among them
_NOMINAL_TAGS = ("n", "a", "b", "j", "l", "x", "e")
_NAME_TAGS = ("nr", "ns", "nt")
_COUNTED_KIND = re.compile("[一二三四五六七八九十两几多]+大$")
_COUNT_WORD = re.compile("[一二三四五六七八九十两几多数]+大?[批些个项家类]?$")
# 一道新能源是一家专业从事…的制造商: a clause opening with a name that is "a company"
_IS_A_COMPANY = re.compile(rf"(?:^|(?<=[,;:“”]))(?P<n>[{CJK}A-Za-z0-9]{{2,12}})是一家[^。;]{{0,60}}?"
                           r"(?:企业|公司|集团|制造商|生产商|供应商|厂商|出口商)(?=[,。;、和]|$)")
_STOCK = re.compile(r"\((?:股票代码[::]?)?\d{6}(?:\.S[HZ])?\)")
_ABBREV_EACH = re.compile(r"(?:以下)?分别简称[::]?(?P<q>(?:[“\"][^”\"]{2,12}[”\"][、和及与]?){2,})")
_ABBREV = re.compile(r"[(,]?(?:以下)?简称[::]?[“\"](?P<short>[^”\"]{2,12})[”\"]")
# a stock quote after a listed company's name: 冀中能源(15.00,0.91,6.46%)
_QUOTE_NOTE = r"\([\d.,%+\-]{3,30}\)"
_ETC_COMPANIES = re.compile(
    rf"(?P<list>[{CJK}A-Za-z]{{2,12}}(?:{_QUOTE_NOTE})?(?:[、和与及][{CJK}A-Za-z]{{2,12}}(?:{_QUOTE_NOTE})?)*)(?:等(?:\d+家|多家|一批)?|(?<=[{CJK}])(?<!等)\d+家)"
    r"(?:龙头|重点|骨干|头部|知名|上市|链主|子|控股子|全资子|(?:(?!的|领域|行业)[^,。;:!?()“”]){0,16}?\d+强[^,。;:!?()“”的]{0,6}?"
    r"|(?<=一批|多家)(?:(?!领域|行业)[^,。;:!?()“”、]){1,12}?(?<=的)[^,。;:!?()“”、的]{0,6}?)?"
    r"(?:企业|公司|车企|厂商|厂家)")
# 敏芯微电子(10000万元)、慧闻MEMS(6000万元)…等: names listed with the sums they invest
_FUNDED_ITEM = rf"[{CJK}A-Za-z]{{2,12}}\([\d.]+(?:万|亿)?(?:美元|元)\)"
_FUNDED_LIST = re.compile(rf"(?P<list>{_FUNDED_ITEM}(?:、{_FUNDED_ITEM})+)等")
_FUNDED_SUM = re.compile(r"\([\d.]+(?:万|亿)?(?:美元|元)\)|" + _QUOTE_NOTE)
# 以A、B、C等为代表的一批优质项目|骨干企业: the names a group is represented by
_REPRESENTED = re.compile(
    rf"以(?P<list>[{CJK}A-Za-z]{{2,12}}(?:、[{CJK}A-Za-z]{{2,12}})+)等?为代表的"
    r"[^,。;:!?()“”、]{0,12}?(?:企业|公司|车企|厂商|项目)")
# what a match of _ETC_COMPANIES must contain, searched first (speed: a failed
# search of the full pattern backtracks at every character)
_ETC_COMPANIES_NEEDS = re.compile(r"(?:等|[^\d]\d+家)[^,。;:!?()“”]{0,40}?(?:企业|公司|车企|厂商|厂家)")
_DOUBLED = re.compile(r"(万|亿|千)?(吨|元)\2")
# 三清三拆三整治, 九通一平, 三个一批: four characters or more, two numerals at least
_NUMBERED_SLOGAN = re.compile("(?=.{4,}$)[一二两三四五六七八九十][^一二两三四五六七八九十]{1,3}[一二两三四五六七八九十]")

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


def _one_or_two_of(text: str, words: frozenset) -> bool:
    """Whether ``text`` is one of ``words`` or two of them joined (新能源材料)."""
    return text in words or any(text[:i] in words and text[i:] in words for i in range(1, len(text)))


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


def _suffix_index(k: Knowledge) -> tuple[re.Pattern, dict[str, str]]:
    """One regex finding every suffix occurrence (overlapping), longest first
    (kept in the knowledge base's own cache: a module-level table keyed by the
    object kept every knowledge base and its tagger alive, ~25 MB each)."""
    got = k.extra.get("suffix_index")
    if got is None:
        types: dict[str, str] = {}
        for suf, t in k.suffix_list:          # longest first: the first type wins per suffix
            types.setdefault(suf, t)
        alts = word_pattern(sorted(types, key=lambda x: (-len(x), x)))
        first = "".join(sorted({re.escape(x[0]) for x in types}))
        got = k.extra["suffix_index"] = (re.compile(f"(?=[{first}])(?=({alts}))"), types)
    return got


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
        self._dropped: set[int] = set()         # ids of mentions that are part of another name

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
                   keep: frozenset = frozenset(), modifiers: bool = True) -> int:
        """Move ``start`` right past boundary words, modifiers and quantities
        (with ``modifiers`` false, an organisation's name keeps the words
        that open it: 国家|能源集团 is one company)."""
        s = self.s
        names_at = frozenset(m.start for m in self.out)
        t = self.tokens()
        start = t.cut_left(start, end, allow_empty=allow_empty, names_at=names_at, keep=keep)
        # an activity word is kept inside a name, never as its first word
        # (生产|磷酸铁锂前驱体, but 锂电池回收项目)
        while keep and start < end:
            w = t.word_at(start)
            if w is None or w[0] != start or w[2] not in keep or w[1] >= end or \
                    w[2] in self.k.compound_prefixes:
                break         # (磷酸|锰铁锂: a compound's prefix opens its name)
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
            if s.startswith("暨", start) and start + 1 < end:
                start += 1                # (…科技园暨|…: the conjunction of formal names)
                changed = True
            q = _LEADING_QTY.match(s, start, end)
            if q and q.end() > start and q.end() < end:
                start = q.end()
                changed = True
            if start > 0 and (s[start - 1].isdigit() or s[start - 1] in "万亿千百"):
                u = _UNIT_AFTER_NUM.match(s, start, end)      # 25亿|瓦时|锂离子电池
                if u and (u.end() < end or allow_empty):
                    start = u.end()
                    changed = u.end() < end
            mm = self.ix["modifiers"].match(s, start, end) if modifiers else None
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

    # ------------------------------------------------------------ 1c. places again, short
    def short_repeats(self) -> None:
        """A place named in full earlier in the sentence, named again by its
        short form where the tagger cuts no word for it (成都市新都区…落户|新|都,):
        the short form starting on a word boundary, with punctuation or a
        function word after it."""
        g = self.k.gazetteer()
        if g is None:
            return
        s = self.s
        t = self.tokens()
        for m in [x for x in self.out if x.rule.startswith("gazetteer:") and x.name == x.text]:
            if s.find(m.name[:2], m.end) < 0:
                continue
            p = g.lookup(m.name)
            if p is None or p.level < 1:
                continue
            short = next((m.name[:-n] for n in (1, 2) if len(m.name) - n >= 2
                          and g.lookup(m.name[:-n]) == p), None)
            if short is None:
                continue
            at = s.find(short, m.end)
            while at >= 0:
                e = at + len(short)
                after = s[e:e + 1]
                after_ok = e >= len(s) or not _is_cjk(after) or after in "的和与及、"
                if after_ok and t.aligned(at, at) and not self._covered(at, e):
                    r = self.add(at, e, m.type, m.name, m.rule, 0.9, aliases=(short,))
                    self.atomic.append((at, e, m.name, m.type))
                    self._atomic_at.setdefault(e, (at, e, m.name, m.type))
                    self._catalogue_at.setdefault((at, e), r)
                at = s.find(short, e)
        if len(self.atomic) > 1:
            self.atomic.sort()

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
        sfx = self.ix["suffix_types"]          # 安庆|港 (j): a name's start, not the city
        # candidates: a word the tagger calls a place (宜春, 攀枝花市), or a
        # word and the administrative suffix after it (曲靖|市), or a long word
        # a word right after a province's or city's name (云南|曲靖/nr): its
        # county or city, when the gazetteer holds it there
        cands = [i for i in range(n) if tags[i] == "ns" or len(words[i]) >= 3
                 or i + 1 < n and words[i + 1] in _ADMIN_CHARS
                 or i > 0 and tags[i - 1] == "ns" and len(words[i]) == 2]
        if not cands:
            return
        next_free = 0
        for i in cands:
            if i < next_free:
                continue
            hit = None
            w_i = words[i]
            under = False
            if tags[i] == "ns" or len(w_i) >= 3:
                js = (i + 2, i + 1) if i + 1 < n and words[i + 1] in _ADMIN_CHARS else (i + 1,)
            elif i + 1 < n and words[i + 1] in _ADMIN_CHARS and len(w_i) >= 2:
                js = (i + 2,)
            elif len(w_i) == 2 and (q := g.lookup(w_i)) is not None and \
                    self._parent_before(i, q, g):
                js = (i + 1,)
                under = True
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
                # a short form of three characters or more that one place has,
                # written as one word, needs no place tag (石家庄/nr, 齐齐哈尔/nr)
                long_short = short and len(cand) >= 3 and j == i + 1 and g.unique(cand)
                if (short or len(cand) == 2) and not (j == i + 1 and (tags[i] == "ns" or under)) \
                        and not long_short:
                    continue
                if short and i > 0 and _is_cjk(words[i - 1][-1:]) and not (
                        cuts_name(words[i - 1], tags[i - 1])
                        or tags[i - 1][:1] in FUNCTION_TAGS
                        or tags[i - 1][:1] in ("d", "v") and j < n
                        and tags[j][:1] in FUNCTION_TAGS
                        or self._parent_before(i, p, g)
                        or self._child_after(j, p, g)
                        or tags[i] == "ns" and (j >= n or tags[j] == "x" and not _is_cjk(words[j][:1]))):
                    # (签约|落地/n|昆山,: a place the tagger names that ends the run of name
                    # characters starts no longer name)
                    continue        # 金川集团|永昌铜业: inside a name, not a place
                    # (山钢集团|新疆|喀什…: a place of its own before a place inside it)
                    # (云南|曲靖|经济开发区: after its own province it is the city)
                    # (将|四川|的: an adverb or verb before, a particle after)
                if short and i > 0 and tags[i - 1][:1] == "m":
                    continue        # 1000亿元|大关: an amount's word, not 大关县
                if short and j < n and len(words[j]) == 1 and _is_cjk(words[j]) and \
                        (tags[j][:1] in ("n", "x") or tags[j] == "j" and words[j] in sfx) and \
                        tags[j] not in ("ns",) and j + 1 < n and _is_cjk(words[j + 1][:1]):
                    continue        # 江西国轩, 甘肃国钛: the start of a name, not the province
                    # (枣庄|换|“芯”: one character before a quote starts no name)
                if short and p.level == 2 and j < n and _is_cjk(words[j][:1]) and not (
                        cuts_name(words[j], tags[j]) or tags[j][:1] in FUNCTION_TAGS
                        or p.name == cand + words[j][0]):
                    continue        # 河西都会景区: a county's short name starts other names
                    # (宜都|市委书记: the county's own administrative character follows)
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

    # ------------------------------------------------------------ 1c. a place in brackets
    def bracketed_names(self) -> None:
        """A name with its place in brackets: 中润新能源(滁州)有限公司,
        颐海(漯河)食品公司, 巨星(绵阳)稀土永磁新材料产业项目, 中国西部(重庆)氢谷.
        The bracket holds a place of the gazetteer; the name runs from the words
        before it to the first name suffix after it.  The place is the name's."""
        s = self.s
        if "(" not in s:
            return
        g = self.k.gazetteer()
        if g is None:
            return
        t = self.tokens()
        for bm in _BRACKET_PLACE.finditer(s):
            o, c = bm.start(), bm.end()
            if o == 0 or not _is_cjk(s[o - 1]):
                continue
            alias = g.lookup(bm.group(1)) is None
            if alias:
                # or another name of the thing, right before the suffix that ends
                # the name: 甘肃张掖碳纤维装备制造(张掖碳谷)|项目
                if not any(self.suffix_type(s[c:e]) in ((s[c:e], "Project"), (s[c:e], "Park"))
                           for e in range(c + 2, min(c + 8, len(s)) + 1) if t.aligned(e, e)):
                    continue
            # the first suffix after the bracket, within a short run
            run_end = c
            while run_end < len(s) and run_end - c < 14 and _is_cjk(s[run_end]) and \
                    s[run_end] not in self.k.hard_boundaries:
                run_end += 1
            end = None
            for e in range(c + 1, run_end + 1):
                st = self.suffix_type(s[c:e]) or self.suffix_type(s[max(o - 6, 0):o] + s[c:e])
                if st and (st[1] in ORG_TYPES or st[1] in ("Project", "IndustrialCluster")) and \
                        t.aligned(e, e):
                    end, typ = e, st[1]
                    break
            if end is None:
                continue
            # (the words before another name of it may end in a verb: …装备制造|(张掖碳谷))
            a = t.cut_left(self._run_start(o), o, allow_empty=not alias)
            if o - a < 2 or not t.aligned(a, a):
                continue
            for x in self.out:
                if a <= x.start and x.end <= end and x.type in _ADMIN_TYPES:
                    self._dropped.add(id(x))
            if any(x.start < end and a < x.end and not (a <= x.start and x.end <= end) for x in self.out):
                continue
            m = self.add(a, end, typ, s[a:end], "pattern:bracketed-place", 0.8)
            self.blocked.append((a, end))
            self.atomic.append((a, end, s[a:end], typ))
            self.atomic.sort()
            self._atomic_at.setdefault(end, (a, end, s[a:end], typ))
            self._catalogue_at.setdefault((a, end), m)

    # ------------------------------------------------------------ 1d. datelines
    def dateline(self) -> None:
        """A news dateline opening the sentence names the medium (an
        organisation): 绵阳新闻网讯, 华声在线4月4日讯, 国际在线生态中国频道消息:
        (the channel a unit of it)."""
        s = self.s
        m = _DATELINE.match(s)
        if not m:
            return
        a, b = m.span("org")
        inner = [x for x in self.out if a <= x.start and x.end <= b and x.type in _ADMIN_TYPES]
        if len(inner) < 2:       # (a hierarchy of places before the medium is a statement:
            for x in inner:      # 山西朔州应县|融媒体中心)
                self._dropped.add(id(x))
        org = self.add(a, b, "Organization", s[a:b], "pattern:dateline", 0.8)
        # (names inside are sought only in the places' hierarchy)
        self.blocked.append((max([a] + [x.end for x in inner]) if len(inner) >= 2 else a, m.end()))
        if m.group("list"):                  # (media listed before it, each a medium)
            pos = m.start("list")
            for item in m.group("list").split("、")[:-1]:
                for x in self.out:
                    if pos <= x.start and x.end <= pos + len(item) and x.type in _ADMIN_TYPES:
                        self._dropped.add(id(x))
                self.add(pos, pos + len(item), "Organization", item, "pattern:dateline", 0.75)
                pos += len(item) + 1
            self.blocked.append((m.start("list"), a))
        if m.group("org2"):                  # (the medium it reports from)
            a2, b2 = m.span("org2")
            for x in self.out:
                if a2 <= x.start and x.end <= b2 and x.type in _ADMIN_TYPES:
                    self._dropped.add(id(x))
            self.add(a2, b2, "Organization", s[a2:b2], "pattern:dateline", 0.75)
        if m.group("channel"):
            ca, cb = m.span("channel")
            for x in self.out:
                if ca <= x.start and x.end <= cb and x.type in _ADMIN_TYPES:
                    self._dropped.add(id(x))
            u = self.add(ca, cb, "BusinessUnit", s[a:cb], "pattern:dateline", 0.75,
                         aliases=(s[ca:cb],))
            self._link([org], u)

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
            nm = ix["initiative_noun"].match(s, q.end() + (s.startswith("的", q.end())))
            noun = nm.group() if nm else None
            verb = bool(ix["verbs_before"].search(s[max(0, q.start() - 12):q.start()]))
            # a programme by its own words: “一号工程”, “六大工程” (an initiative
            # noun ends it), “九通一平”, “两清两改两治理” (a numbered slogan), or
            # the next of quotes side by side (“碳达峰”“碳中和”)
            own = bool(ix["initiative_end"].search(content)) and len(content) > 2 or \
                bool(_NUMBERED_SLOGAN.match(content)) or \
                q.start() > 0 and s[q.start() - 1] in "”’" and any(
                    x.type == "Initiative" and x.end == q.start() - 1 for x in self.out)
            if not noun and not verb and not own:
                continue
            if any(x.start <= a and b <= x.end and x.type == "Product" for x in self.out):
                continue
            cjk = sum(map(_is_cjk, content))
            name = content if cjk >= 2 else f"“{content}”{noun or ''}"
            aliases = (f"“{content}”{noun}",) if noun else ()
            self.add(a, b, "Initiative", name, "quote:initiative", 0.85 if noun else 0.7,
                     aliases=aliases)
            self.blocked.append((a - 1, b + 1))

    def programmes(self) -> None:
        """Unquoted programmes after a verb of doing one (``[initiatives]``
        verbs: 实施, 推进, 开展 ...): each item of the noun phrase, or of its
        list joined by 、, that ends in a programme's head (``heads``: 战略,
        行动, 工程 ...), starts on a noun (never a verb: 开放|提升工程 stays
        unnamed) and holds nouns and verbs only (实施|乡村振兴战略, 实施|厕污
        共治行动, 实施|项目选优工程)."""
        s, k = self.s, self.k
        heads = k.initiative_heads
        if not heads or not any(h in s for h in heads):
            return
        t = self.tokens()
        verbs = set(k.initiative_verbs)
        n = len(t.words)
        for i in range(n - 1):
            if t.words[i] not in verbs or t.tags[i][:1] != "v":
                continue
            j = i + 1
            while j < n:
                a = t.starts[j]
                e = j
                while e < n and (t.tags[e][:1] in ("n", "v", "j", "l", "a", "b", "g", "z") or
                                 e > j and t.tags[e][:1] == "d") and \
                        t.tags[e] not in ("nr", "ns") and t.words[e].isalnum() and t.ends[e] - a <= 16:
                    e += 1
                if e == j:
                    break
                b = t.ends[e - 1]
                item = s[a:b]
                head = next((h for h in heads if item.endswith(h)), None)
                if head is None or len(item) - len(head) < 2 or t.tags[j][:1] not in ("n", "j", "l") \
                        or t.words[j] in k.sector_qualifiers or self._covered(a, b) \
                        or b < len(s) and s[b].isdigit():
                    break             # (开展专项整治行动3300余场次: counted, a kind of action)
                self.add(a, b, "Initiative", item, "pattern:programme", 0.7)
                if e < n and t.words[e] == "、":
                    j = e + 1
                    continue
                break

    # ------------------------------------------------------------ 2b. titles
    def titles(self) -> None:
        """A title in 《》 that ends in a policy word (意见, 办法, 规划, 标准,
        民约 ...) names an initiative, one that ends in an organisation's
        suffix (《法制日报》) the organisation; nothing inside it is sought."""
        s = self.s
        if "《" not in s or not self.k.document_words:
            return
        for m in _TITLE.finditer(s):
            a, b = m.span(1)
            typed = self.suffix_type(m.group(1))
            if m.group(1).endswith(self.k.document_words):
                self.add(a, b, "Initiative", m.group(1), "title:document", 0.85)
            elif typed and typed[1] in ORG_TYPES and len(m.group(1)) - len(typed[0]) >= 2:
                # 《法制日报》: a newspaper's title is the medium's name
                self.add(a, b, typed[1], m.group(1), "title:name", 0.85)
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
        for m in _PROJECT_COORD.finditer(s):
            if any(a <= m.start() < b for a, b in done) or _CONJ_IN_HEAD.search(m.group("body")):
                continue
            a = m.start()
            if s.startswith("年产", a - 2):
                a -= 2
            self.project(a, m.end(), s[a:m.end()], "pattern:project")
            self.project_product(m.start("body"), m.end("body"))
            for part in _PROJECT_ONE.finditer(s, m.start("rest"), m.end()):
                self.project_product(part.start("body"), part.end("body"))
            done.append((m.start(), m.end()))
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
        tk = self.tokens()
        last = tk.word_at(b - 1)
        if last is not None and last[1] == b and last[3] in ("a", "ad") and len(last[2]) >= 2 \
                and last[0] - a >= 2:
            b = last[0]           # 高纯阴极铜|清洁|生产项目: a manner of making, not the product's
            last = tk.word_at(b - 1)
        if last is not None and last[1] == b and last[3] in ("vn", "v") and len(last[2]) >= 2:
            return                # 40万吨/年|铜冶炼|项目, 稀土分离: an activity, no product
        if last is not None and last[1] == b and last[2] in self.k.sites():
            return                # 万头|标准化有机牧场|项目: a place is built, not made
        self.add(a, b, "Product", self.s[a:b], "pattern:project-product", 0.7)

    def project_phases(self) -> None:
        """A project's phase opens its name as written (一期|高精铝板带项目);
        the name without it stays an alias."""
        s = self.s
        for pm in [x for x in self.out if x.type == "Project" and not x.coref]:
            a = pm.start
            if not (a >= 2 and s[a - 2] in "一二三四" and s[a - 1] == "期"):
                continue
            head = s[a - 2:a]
            if pm.name.startswith(head) or any(x is not pm and x.start < a and x.end > a - 2
                                               for x in self.out):
                continue
            old = pm.name
            pm.name = head + old
            pm.start, pm.text = a - 2, s[a - 2:pm.end]
            pm.aliases = tuple(dict.fromkeys((*pm.aliases, old)))

    def project_items(self) -> None:
        """The products a project is named after when no quantity opens the
        name: 抛光粉及萤光级氧化铕|项目, 稀土磁金属和钕铁硼|项目, 烧碱、氯乙酸、
        CMC|项目, after the owner's name (…有限公司|贮氢电池项目) and without
        plant words (生产制造基地); X基Y / X制Y (煤基|二甲醚, 煤制|烯烃) names
        the feedstock X and the product Y.  An item ending in an activity
        (铜材|加工, 回收) or in 产业 names no product."""
        s, k = self.s, self.k
        t = self.tokens()
        projects = [m for m in self.out if m.type == "Project" and m.text.endswith("项目")]
        for pm in projects:
            a, b = pm.start, pm.end - 2
            inside = [x for x in self.out if x is not pm and pm.start <= x.start and x.end <= pm.end]
            if any(x.rule == "pattern:project-product" for x in inside):
                continue                     # the quantity pattern named it already
            moved = True
            while moved:
                moved = False
                for x in inside:
                    if x.start == a and x.end < b and x.type != "Product":
                        a, moved = x.end, True
            q = _LEADING_QTY.match(s, a, b)
            if q and q.end() > a and _DIGIT.match(s, a):
                a = q.end()
            cut = _PLANT_WORDS.search(s, a, b)
            if cut and cut.end() == b:
                b = cut.start()
            if b - a < 1 or s.endswith("产业", a, b) or not t.aligned(a, b):
                continue
            parts, pos = [], a
            for i in range(t.index(a), t.index(b - 1) + 1):
                w, g = t.words[i], t.tags[i]
                if w in ("、", "及", "和", "与") or g[:1] == "c":
                    parts.append((pos, t.starts[i]))
                    pos = t.ends[i]
            parts.append((pos, b))
            for ia, ib in parts:
                if ib - ia < 1 or ib - ia > 14:
                    continue
                w0 = t.word_at(ia)
                if w0 and w0[0] == ia and w0[3] == "ns" and len(w0[2]) >= 2 and w0[1] < ib:
                    ia = w0[1]               # 临沂|优特钢: the place is not the product
                    w0 = t.word_at(ia)
                # X基Y, X制Y: X a noun word, 基/制 a word of its own
                made = False
                if w0 and w0[0] == ia and w0[3][:1] == "n" and len(w0[2]) <= 2 and \
                        s[w0[1]:w0[1] + 1] in ("基", "制") and t.aligned(w0[1] + 1, w0[1] + 1) \
                        and ib - w0[1] >= 3:
                    self._project_item(ia, w0[1], one_char=True)
                    ia = w0[1] + 1
                    made = True          # (煤制|烯烃: what is made from a feedstock)
                self._project_item(ia, ib, made=made)

    def _project_item(self, a: int, b: int, one_char: bool = False, made: bool = False) -> None:
        s, k = self.s, self.k
        t = self.tokens()
        item = s[a:b]
        if not t.aligned(a, b) or item in k.product_generic or not item.isalnum() or \
                any(item.endswith(w) for w in k.industry_words):
            return
        i0, i1 = t.index(a), t.index(b - 1)
        pre = k.compound_prefixes
        w0, g0 = t.words[i0], t.tags[i0]
        if g0 == "ns" or i0 == i1 and g0 in ("nr", "nrt", "nrfg") or g0[:1] in ("a", "q") and w0 not in pre or any(
                g[:1] in ("d", "m", "r") or g[:1] == "v" and g != "vn" and len(w) >= 2 and w not in pre
                for w, g in zip(t.words[i0:i1 + 1], t.tags[i0:i1 + 1])):
            return                           # a phrase (强链补链延链), or a name (德|方纳米)
        if len(item) < 2 and item not in k.materials and not one_char:
            return
        last = t.word_at(b - 1)
        if last is None or last[3][:1] not in ("n", "e", "x", "l") and not item.isascii():
            return
        if last[3] in ("vn", "ns") or last[2] in k.product_generic:
            return                           # (新能源|泰州|项目: a place ends no product)
        if any(x.start == a and x.end == b for x in self.out) or any(
                x.type != "Project" and x.start < b and a < x.end and
                not (x.start >= a and x.end <= b) for x in self.out):
            return
        if not (one_char or made or self._names_a_thing(a, b)):
            return                           # 落地|项目, 综合性|项目, 产品深加工|项目
        self.add(a, b, "Product", item, "pattern:project-product", 0.7)

    def _verb_ends(self, a: int, b: int) -> bool:
        """Whether a verb of two characters or more ends ``s[a:b]``
        (湖北省黄石市|举行|项目启动大会: a clause, then the next noun)."""
        tk = self.tokens()
        if a >= b or not tk.aligned(a, b):
            return False
        w, g = tk.words[tk.index(b - 1)], tk.tags[tk.index(b - 1)]
        return g[:1] == "v" and g != "vn" and len(w) >= 2 and w not in self.ix["name_keep"]

    def _no_project_head(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]``, before 项目, names no project: one word that is
        no thing of the lexicon's (落地, 全部, 综合性, 发展), or words that
        end in a verb (黄石市举行|项目启动大会)."""
        tk = self.tokens()
        if a >= b or not tk.aligned(a, b):
            return False
        if self._verb_ends(a, b):
            return True
        i0, i1 = tk.index(a), tk.index(b - 1)
        last_w = tk.words[i1]
        quals = self.k.sector_qualifiers
        while i0 < i1 and tk.words[i0] in quals:
            i0 += 1                  # 重点|发展|项目: a qualifier names nothing either
            a = tk.starts[i0]
        if i0 != i1 or a > 0 and _is_cjk(self.s[a - 1]) and tk.words[i0 - 1] not in quals and not (
                i0 > 0 and tk.tags[i0 - 1][:1] in ("u", "p", "c", "r", "d", "m", "f")):
            return False      # (中海壳牌惠州三期|乙烯|项目: the word ends a longer name)
        return tk.tags[i0][:1] not in ("n", "x", "e", "l", "j") or \
            tk.tags[i0] in ("n", "vn") and len(last_w) <= 3 and \
            not self._names_a_thing(a, b) and last_w not in self.k.industry_words and \
            not any(x.start <= a and b <= x.end and x.type != "Project" for x in self.out)

    def _names_a_thing(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]`` holds the word of a thing the lexicon knows: a
        material, a product inside (a product mention, a product suffix), an
        element of one character, a material head or a category noun ending
        it, or a Latin name (HPMC, PC)."""
        s, k = self.s, self.k
        t = s[a:b]
        if any(c.isascii() and c.isalpha() for c in t) or \
                any(x.type == "Product" and a <= x.start and x.end <= b for x in self.out):
            return True                  # (HPMC, 双酚A: a Latin letter names a substance)
        tk = self.tokens()
        words = [tk.words[i] for i in range(tk.index(a), tk.index(b - 1) + 1)] \
            if tk.aligned(a, b) else [t]
        return any(w in k.materials or all(c in k.elements for c in w) for w in words) or \
            bool(self.ix["product_any"].search(s, a, b)) or \
            any(t.endswith(h) for h in k.material_heads) or \
            any(t.endswith(c) for c in k.product_categories)

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
            spans, ok = [], True
            for it in items:
                j = s.find(it, pos)
                spans.append((j, j + len(it)))
                pos = j + len(it)
            # items that name nothing (多门类、全|产业链: kinds and qualifiers) make no chains
            if any(b - a < 1 or self._generic_words(a, b) or s[a:b] in self.k.generic_heads
                   or s[a:b] in self.k.sector_qualifiers or self._has_verb(a, b) for a, b in spans):
                continue      # (…综合利用、延伸|钢铁|产业链: steps of work, no materials)
            if any(c in self.k.hard_boundaries for c in s[spans[-1][0]:spans[-1][1]]):
                continue      # 高钛渣、…、钛材|的|完整钛产业链: products of one chain, no list of chains
            for j, e_ in spans:
                self.add(j, e_, "IndustryChain", s[j:e_] + "产业链", "pattern:chain-list", 0.75)
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
        g = k.gazetteer()

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
            if t == "Enterprise" and s.endswith("子公司", 0, e) and any(
                    e + 2 <= o[0] + len(o[1]) <= e + 30 and o[2] in ORG_TYPES and o[0] >= e
                    and all(_is_cjk(c) for c in s[e:o[0]]) for o in self._occ):
                continue          # …公司|全资子公司|…有限公司: a word of ownership, the name follows
            follow = s[e - len(suf):e - len(suf) + 6]
            fm = ix["followers"].match(follow)
            if fm and not suf.startswith(fm.group()):
                continue          # (村民 follows 村 in a word, but 村民小组 is a suffix itself)
            if len(suf) == 1 and e < len(s) and not self.tokens().aligned(e, e):
                w = self.tokens().word_at(e - 1)
                chained = any(o[0] == e for o in self._occ)      # 市|委书记: another suffix
                # 区委|书记 (one word to the tagger): a role title after the suffix
                role = w is not None and any(s.startswith(r, e) and w[1] == e + len(r)
                                             for r in self.k.roles)
                if not chained and not role and (w is None or not ix["suffix_end"].search(w[2])):
                    continue    # 村里, 村民, 镇上: the suffix starts a longer word
                if t == "River":
                    continue    # 东湖|新技术开发区, 湖北省政府, 江伟山: a river's name ends a word
            if len(suf) == 1 and t in ("Site", "River") and g is not None:
                w = self.tokens().word_at(e - 1)
                if w is not None and w[1] == e and len(w[2]) >= (2 if t == "River" else 3) \
                        and g.lookup(w[2]) is not None:
                    continue    # 防城港, 连云港, 望江, 九江: a city's or county's name, no port or river
            if len(suf) == 1 and t == "River":
                w = self.tokens().word_at(e - 1)
                if w is not None and w[0] == e - 1:
                    continue    # 四川|江|铜, 临|子|河|牌: a river's name is a word the suffix ends
            if len(suf) == 1 and t in PLACE_TYPES:
                w = self.tokens().word_at(e - 1)
                if not comps and w is not None and w[1] == e and (
                        w[3][:1] == "v" or len(w[2]) == 2 and w[2][0] in "全各本该此这那每"):
                    continue    # 下乡 (a verb), 全乡 (the whole township): no place named
                if w is not None and w[3] == "nr" and \
                        any(s.endswith(r, 0, e - 3) or s.endswith(r, 0, e - 4) for r in k.roles):
                    continue    # 总裁|张文江: a person after a role, not a river
                if e - 1 > 0 and s[e - 1] in k.surnames and any(s.endswith(r, 0, e - 1) for r in k.roles):
                    continue    # 副主任|江伟山: a surname right after a role opens a name
            if t == "GovernmentBody":
                w = self.tokens().word_at(e - 1)
                if w is not None and w[1] == e and w[0] < e - len(suf) and (
                        w[2] in k.roles or any(len(r) > len(suf) and w[2].endswith(r) for r in k.roles)):
                    continue    # 党委|常委, 市委常委: a role's title ends there, no body
            keep = ix["name_keep"] if t in ("Project", "Product") else frozenset()
            if comps and s.startswith("暨", prev_end) and e - len(suf) - prev_end >= 3:
                comps, first_start = [], None      # 科技园|暨|…项目: two names joined
                a = prev_end + 1
            if comps and (t in ORG_TYPES or t in PLACE_TYPES) and s[prev_end:prev_end + 1] in "和与及同" \
                    and e - len(suf) - prev_end >= 3 and (comps[-1].type in ORG_TYPES or
                                                          t == comps[-1].type and t in PLACE_TYPES):
                comps, first_start = [], None      # 国家能源集团|和|湖北省政府, 鄱阳湖|和|洞庭湖: two names
                a = prev_end + 1
            owner = next((w for w in k.owner_words if s.startswith(w, prev_end)), None) if comps else None
            if owner and t in ORG_TYPES and e - len(suf) - prev_end - len(owner) >= 2:
                # …集团|旗下|…有限公司: the owned one's name starts after the
                # word; it stays linked to its owner (subsidiaryOf, unitOf)
                start_own = self.strip_left(prev_end + len(owner), e - len(suf), True, keep,
                                            modifiers=False)
                if start_own < e - len(suf):
                    first_start = prev_end = start_own
            head_start = prev_end if comps else self.strip_left(a, e - len(suf), len(suf) > 1, keep,
                                                                 modifiers=t not in ORG_TYPES)
            if s[head_start:head_start + 1] in ("“", "‘") and \
                    not any(c in "”’" for c in s[head_start:e]):
                head_start += 1       # “乌镇|管家”: a quote opened and not closed is no part of a name
            if t in ORG_TYPES and not comps and head_start >= 2 and s[head_start - 1] in "和与及" and \
                    _is_cjk(s[head_start - 2]) and (head_start == 2 or s[head_start - 3] in "、,。;:(“"):
                head_start -= 2       # 、盛|和|资源…: no one-character item is coordinated
            if t == "BusinessUnit" and not comps:
                nb = _NUMBERED_BEFORE.search(s, max(a, e - len(suf) - 8), e - len(suf))
                if nb and nb.start() < head_start and all(_is_cjk(c) for c in s[nb.end():e]):
                    head_start = nb.start()       # 1号|生产车间: the number names the unit
            joined = False
            if t in ("IndustrialCluster", "IndustryChain") and not comps and head_start >= 2 and \
                    s[head_start - 1] == "及":
                # 钛及钛合金|产业链, 宝鸡钛及新材料|产业集群: materials or
                # industries joined by 及 before one chain's or cluster's head
                run = self._run_start(head_start - 1)
                tk = self.tokens()
                w = tk.word_at(head_start - 2)
                if w is not None and w[1] == head_start - 1 and w[0] >= run and (
                        w[2] in k.materials or w[2] in k.industry_words or
                        len(w[2]) == 1 and w[2] in k.elements or
                        any(x.start == w[0] and x.end == w[1] and x.type in ("Product", "Sector")
                            for x in self.out)):
                    head_start = self.strip_left(run, w[0], True, keep) if w[0] > run else w[0]
                    joined = True
            head = s[head_start:e - len(suf)]
            if comps and len(head) == 1 and head in _ADMIN_CHARS and suf in k.bare_units and \
                    comps[-1].type in PLACE_TYPES and comps[-1].end == head_start and \
                    comps[-1].name == s[comps[-1].start:head_start + 1]:
                # 枣庄|市委 (the words 枣庄, 市委): the place's short form and
                # its administrative character, then the unit
                last = comps[-1]
                last.end = head_start + 1
                last.text = s[last.start:last.end]
                last.aliases = tuple(x for x in last.aliases if x != last.text)
                prev_end = head_start = last.end
                head = ""
            if comps and head and (
                    self.tokens().cut_left(prev_end, e - len(suf),
                                           function_only=t in ORG_TYPES or t in PLACE_TYPES)
                    > prev_end and not (t == "Project" and comps[-1].type in ORG_TYPES
                                        and self._project_head(prev_end, e - len(suf)))
                    or any(b.end() < len(head) for b in k.boundary_re.finditer(head))
                    or comps[-1].type in ORG_TYPES and self._verb_opens(prev_end, e - len(suf))
                    or comps[-1].type in PLACE_TYPES and t not in _ADMIN_TYPES
                    and t not in ORG_TYPES and self._verb_opens(prev_end, e - len(suf))):
                comps, first_start = [], None      # 金昌|已建成…车间: not one name
                # (白桥镇|结合|…园区: a verb after a place opens a clause; a
                # town or village may be named by a verb, 某县|发放镇, and a
                # company's trade name may be one, 河北|采信化工有限公司)
                head_start = self.strip_left(prev_end, e - len(suf), len(suf) > 1, keep)
                head = s[head_start:e - len(suf)]
            if t in ("IndustryChain", "IndustrialCluster") and not comps and head:
                # 完整|钛产业链, 积极|布局…: a chain's or cluster's name opens on no
                # adjective, adverb, idiom, pronoun, numeral or verb (the analyser's
                # tags); 绿色|铝, 高端|装备 are nouns there
                tk = self.tokens()
                if tk.aligned(head_start, head_start):
                    i, last = tk.index(head_start), tk.index(e - len(suf) - 1)
                    while i < last and (tk.tags[i][:1] in ("a", "d", "l", "r", "m", "q", "t", "p",
                                                          "c", "u")
                                        or tk.tags[i][:1] == "v" and tk.tags[i] != "vn") \
                            and tk.words[i] not in k.compound_prefixes and \
                            tk.ends[i] < e - len(suf):
                        i += 1
                    if tk.starts[i] > head_start:
                        head_start = tk.starts[i]
                        head = s[head_start:e - len(suf)]
            if t == "Project" and not comps and head and head_start > 1 and s[head_start - 1] == "、":
                lst = self._listed_before(head_start - 1)
                if lst is not None:
                    head_start = lst       # 的|烧碱、氯乙酸、CMC、HPMC|项目: one project of them
                    head = s[head_start:e - len(suf)]
            if t == "Park" and not comps and "项目" in head:
                tk = self.tokens()
                for i in range(tk.index(head_start), tk.index(e - len(suf) - 1) + 1):
                    if tk.words[i] == "项目" and tk.ends[i] < e - len(suf):
                        head_start = tk.ends[i]    # 项目|选址|宜都化工园: a project is in a
                        # park, never part of its name; what follows it starts the name
                        # (and a verb or preposition of one character after it: 项目|属|…)
                        if i + 1 < len(tk.words) and len(tk.words[i + 1]) == 1 and \
                                tk.tags[i + 1][:1] in ("v", "p") and tk.ends[i + 1] < e - len(suf):
                            head_start = tk.ends[i + 1]
                if head_start > e - len(suf) - len(head):
                    head_start = self.strip_left(head_start, e - len(suf), len(suf) > 1, keep)
                    head = s[head_start:e - len(suf)]
            whole = s[(first_start if comps else head_start):e]
            if ix["common_end"].search(whole) or whole.count("“") != whole.count("”"):
                continue          # (佛山南海“仙湖|氢谷”: a name never opens a quote it does not close)
            if t in ORG_TYPES and not comps and k.org_categories:
                if whole in k.org_categories:
                    continue          # 上市公司, 龙头企业: a kind of company, no name
                # 民企|天齐集团, 链主企业|宝钛集团: a category in apposition
                for cat in k.org_categories:
                    j = s.rfind(cat, head_start, e - len(suf))
                    if j >= 0 and e - len(suf) - (j + len(cat)) >= 2 and \
                            self.tokens().aligned(j + len(cat), j + len(cat)):
                        head_start = j + len(cat)
                        head = s[head_start:e - len(suf)]
                        whole = s[head_start:e]
                        break
            if head and (_COUNT_IN_HEAD.search(head) or
                         t in PLACE_TYPES and any(c.isdigit() for c in head) or
                         t not in ("Site", "Laboratory") and not joined and _CONJ_IN_HEAD.search(head)
                         and not (t == "Project" and comps and self._project_head(head_start, e - len(suf)))):
                continue
            if not head:
                if not comps:
                    continue
                last = comps[-1]
                place_merge = (t in PLACE_TYPES and last.type in PLACE_TYPES and
                               (t == last.type == "River" or
                                len(suf) == 1 and last.rule.endswith(":河")))
                if suf in k.legal or place_merge:
                    # …研究院+有限公司: a company limited is an enterprise
                    last.type = t if place_merge else (
                        "Enterprise" if last.type in ("Organization", "Laboratory") else last.type)
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
                if suf in k.needs_body and not (comps and comps[-1].type in ("GovernmentBody", "Organization")):
                    continue          # 广信区|晶科, 新加坡|胜科: a trade name, no agency's section
                if head in k.generic_heads or head[-1] in "全各本该此这那每" and len(head) <= 2:
                    continue
                if not comps and t in _GENERIC_CHECKED and self._generic_words(head_start, e - len(suf), t):
                    continue          # 省级|开发区, 特色|园区, 上下游|产业链: no name
                if t == "Project" and (not comps and self._no_project_head(head_start, e - len(suf))
                                       or comps and self._verb_ends(head_start, e - len(suf))):
                    continue          # 落地|项目, 全部|项目, 黄石市举行|项目: no project named
                if not comps and t == "Park" and self._common_words(head_start, e - len(suf)):
                    continue          # 盐化工|园区, 奶牛养殖|基地: a kind of park, no name
                if len(suf) == 1 and len(head) < 2 and not comps:
                    continue
                if t in PLACE_TYPES and not comps and self._bad_place_head(head_start, e - len(suf), e):
                    continue
                if not comps and head[0].isdigit() and not (t == "BusinessUnit" and _NUMBERED.match(head)):
                    continue          # (1号|生产车间, 2号|高炉: a numbered unit is named)
                if len(suf) > 1 and not comps and head_start > 0 and not _NUMBERED.match(head) and (
                        s[head_start - 1].isdigit() or s[head_start - 1] in "一二两三四五六七八九十百千万亿"):
                    w0 = self.tokens().word_at(head_start)
                    if w0 and len(w0[2]) == 1 and (w0[3][:1] in ("q", "m") or w0[2] in _MEASURES):
                        continue      # 3个|项目, 千亿级|项目, 3条|产业链: the end of a quantity
                if t == "Project" and comps and comps[-1].type in ORG_TYPES and _PHASE.fullmatch(head):
                    continue          # 内蒙古保硕新材料有限公司|一期项目: the company's own phase
                if t == "Project" and not comps and head_start >= 2 and s[head_start - 1] in "个项批" and (
                        s[head_start - 2].isdigit() or s[head_start - 2] in "一二两三四五六七八九十几多"):
                    continue          # 三个|稀土产业项目: projects counted by their kind, none named
                if len(suf) > 1 and not comps and s[head_start] in "个批座些种项条家":
                    w0 = self.tokens().word_at(head_start)
                    if w0 and w0[2] == s[head_start] and w0[3][:1] in ("q", "m"):
                        continue      # (两)个|新能源材料项目
            division = None
            if t in ("Province", "City", "District") and head and g is not None and \
                    s[head_start:e] not in k.by_name:
                division = g.lookup(s[head_start:e]) or (g.lookup(head) if len(suf) == 1 else None)
                if division is None:
                    continue          # 生活区, 标志区, 工业强市: no division of the gazetteer
                if division.type in ("Province", "City", "District"):
                    t = division.type     # 桐乡|市: a county-level city, at a county's level
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
                if x != name and len(x) >= 3 and x not in k.generic_heads
                and not any(w in x for w in k.owner_words))    # (…|控股子公司|…: two names)
            if division is not None and not comps and division.type == t:
                # 黔东南州, 文山州: the division's full name, the written form an alias
                aliases = tuple(x for x in (name,) if x != division.name)
                name = division.name
            m = self.add(start, e, t, name, f"pattern:suffix:{suf}", 0.8, aliases=aliases)
            self._link(comps, m)
            comps.append(m)
            prev_end = e

    def owned_names(self) -> None:
        """A company's name that holds a word of ownership inside (宁德时代|全资子公司|
        宁德时代新能源有限公司, when the owner has no suffix of its own to be
        found by): the owner before the word, the owned one after it, a
        subsidiary of the owner."""
        s, k = self.s, self.k
        if "子公司" not in s:
            return
        t = self.tokens()
        for m in [x for x in self.out if x.type == "Enterprise" and not x.coref and x.parent is None]:
            for w in k.owner_words:
                j = s.find(w, m.start, m.end)
                if j < 0:
                    continue
                a, b = m.start, j
                if b - a < 2 or m.end - (j + len(w)) < 4 or not t.aligned(a, b) or \
                        not t.aligned(j + len(w), j + len(w)):
                    break
                owner = next((x for x in self.out if x.start == a and x.end == b and x.type in ORG_TYPES),
                             None) or self.add(a, b, "Enterprise", s[a:b], "pattern:owner-of", 0.7)
                m.start = j + len(w)
                if m.name == m.text:
                    m.name = s[m.start:m.end]
                m.text = s[m.start:m.end]
                m.aliases = tuple(x for x in m.aliases if w not in x)
                m.parent, m.parent_rel = self._pos[id(owner)], "subsidiaryOf"
                break

    def _has_verb(self, a: int, b: int) -> bool:
        """Whether a verb or a set phrase of two characters or more (by the
        tags; not a verbal noun) is among the words of ``s[a:b]``."""
        t = self.tokens()
        if a >= b:
            return False
        return any(g[:1] in ("v", "l") and g != "vn" and len(w) >= 2 and w not in self.ix["name_keep"]
                   for w, g, st, en in zip(t.words, t.tags, t.starts, t.ends) if st < b and a < en)

    def _verb_opens(self, a: int, b: int) -> bool:
        """Whether a verb of two characters or more opens ``s[a:b]`` (天齐集团|
        入主|锂盐厂: a clause, not a unit's name)."""
        t = self.tokens()
        if a >= b or not t.aligned(a, a):
            return False
        i = t.index(a)
        w, g = t.words[i], t.tags[i]
        return g[:1] == "v" and g != "vn" and len(w) >= 2 and t.ends[i] < b and \
            w not in self.ix["name_keep"]

    def _generic_words(self, a: int, b: int, typ: str = "") -> bool:
        """Whether every word of ``s[a:b]`` is a generic head, a qualifier of
        industries, a level (省级, 国家级) or a numeral / pronoun: words
        that name nothing of their own.  For a project, an industry or a
        category of products alone names none either (光伏|项目, 组件|项目:
        a project of a kind, not a named one)."""
        t, k = self.tokens(), self.k
        quals = k.sector_qualifiers
        if _one_or_two_of(self.s[a:b], self.ix["qualifier_words"]):
            return True           # (战略性新兴|产业集群: the tagger's word runs on into the suffix)
        i0, i1 = t.index(a), t.index(b - 1)
        if i0 < 0 or i1 < i0 or t.starts[i0] != a or t.ends[i1] != b:
            return False
        kinds = self.ix["project_kinds"] if typ == "Project" else frozenset()
        if typ == "Project" and _one_or_two_of(self.s[a:b], kinds):
            return True
        words, tags = t.words[i0:i1 + 1], t.tags[i0:i1 + 1]
        cats = k.org_categories
        j = 0
        while j < len(words):
            w, g = words[j], tags[j]
            if w in k.generic_heads or w in quals or w in kinds or w in cats or \
                    g[:1] in ("m", "q", "r") or len(w) >= 2 and w.endswith(("级", "期")) or \
                    typ == "Project" and g[:1] == "v" and g != "vn" and w not in self.ix["name_keep"]:
                j += 1            # (落地|项目, 入园|项目, 二期|项目: a project's state, no name)
                continue
            # a qualifier the tagger cuts in two (战略性|新兴)
            n = next((n for n in (2, 3) if j + n <= len(words) and "".join(words[j:j + n]) in quals), 0)
            if not n:
                return False
            j += n
        return True

    def _common_words(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]`` holds only common words: every word the tagger
        gives over it is a common noun, verb, adjective, adverb or locative
        (n, vn, v, a, ad, an, d, f, s, b), none a proper noun (ns, nr, nz,
        nt), abbreviation (j), bound morpheme (zg, ng) or unknown run, and
        no place or organisation is named there.  A park is named by a
        place, an owner or a proper word (宜春|经济技术开发区, 嘉华|大豆蛋白
        产业园); common words alone say what kind of park it is (盐化工|园区,
        循环经济示范|园区)."""
        if a >= b:
            return False
        if any(x.start < b and a < x.end and (x.type in PLACE_TYPES or x.type in ORG_TYPES)
               for x in self.out):
            return False
        t = self.tokens()
        i = t.index(a)
        if i < 0:
            return False
        g = self.k.gazetteer()
        singles = 0
        while i < len(t.words) and t.starts[i] < b:
            if t.tags[i] not in _COMMON_TAGS or \
                    g is not None and len(t.words[i]) >= 2 and g.lookup(t.words[i]) is not None:
                return False      # (金坛/n, 焦作/n: a division's name the tagger calls a noun)
            singles = singles + 1 if len(t.words[i]) == 1 else 0
            if singles >= 2:
                return False      # (高|科: a coined name the dictionary splits into characters)
            i += 1
        return True

    def _project_head(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]``, after an owner's name, can be one project's
        coordinated head (抛光粉及萤光级氧化铕|项目): no second project, no
        numeral or pronoun (…集团|多个新能源材料项目)."""
        if "项目" in self.s[a:b]:
            return False
        t = self.tokens()
        tags = t.tags[t.index(a):t.index(b - 1) + 1]
        return bool(tags) and tags[0][:1] not in ("c", "p", "v", "d") and \
            not any(g[:1] in ("m", "r") for g in tags)

    def _bad_place_head(self, a: int, b: int, e: int) -> bool:
        """A place name's head that is no name: only numerals (万元|省), or one
        verb (结合|村情) with no place beside it.  A verb-looking name stands
        in a place hierarchy (镇罗营镇的下营村, 发放镇新兴村)."""
        t = self.tokens()
        i0, i1 = t.index(a), t.index(b - 1)
        if i0 < 0 or i1 < i0:
            return False
        tags = t.tags[i0:i1 + 1]
        if all(g[:1] in ("m", "q") for g in tags) or tags[-1][:1] in ("m", "q") and t.ends[i1] == b:
            return True           # (…一趟|镇, 三个|村: a count, not a name)
        if self.s[e - 1] in "村镇乡屯" and i0 >= 2 and t.ends[i0 - 1] == a and \
                t.tags[i0 - 1][:1] == "q" and t.tags[i0 - 2][:1] == "m":
            return True           # 5个|贫困村, 3个|示范村: what is counted is a kind of village
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
            # a product's name opens on no verb (发展|锂离子动力电池, 做强做大|锂电池)
            t = self.tokens()
            keep = self.ix["name_keep"]
            while t.aligned(a, a) and a < mm.start():
                i = t.index(a)
                w, g = t.words[i], t.tags[i]
                if t.ends[i] > mm.start() or w in keep or w in self.k.compound_prefixes:
                    break
                if g[:1] == "v" or g[:1] == "a" and len(w) == 1 and i > 0 and t.tags[i - 1][:1] == "v" \
                        and t.starts[i - 1] >= chunk[0]:
                    a = t.ends[i]
                    continue
                break
            # nor does it go back over a verb of making, a localizer or a place
            # word (鼎信镍业主要生产|镍合金, 产业链中|电池, 国内|一流新能源电池)
            if t.aligned(a, a):
                pv = self.ix["product_verbs"]
                for i in range(t.index(a), t.index(mm.start()) + 1):
                    if t.ends[i] > mm.start():
                        break
                    w, g = t.words[i], t.tags[i]
                    if g in ("f", "s") or pv is not None and pv.fullmatch(w):
                        a = t.ends[i]     # (年产/j|晶体硅光伏电池: a verb of making, whatever its tag)
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

    def product_compounds(self) -> None:
        """A product's name goes on over one or two nouns after it when the
        last ends in a material's or a product's head (锂电池|隔膜, 锂电池|
        电解液, 稀土|永磁材料, 钛合金|材料, 太阳能电池|片): the longer noun
        phrase is the product, the shorter only its kind."""
        s = self.s
        heads = self.ix["product_heads"]
        t = None
        for m in [x for x in self.out if x.type == "Product" and not x.coref and x.name == x.text]:
            e = m.end
            if e >= len(s) or not _is_cjk(s[e]):
                continue
            if t is None:
                t = self.tokens()
            i = t.index(e)
            if i < 0:
                continue
            best = -1
            if t.starts[i] < e:           # 电池片: one word over the product's end
                if t.tags[i][:1] == "n" and t.starts[i] >= m.start and s.endswith(heads, 0, t.ends[i]):
                    best = t.ends[i]
            else:
                for j in range(i, min(i + 2, len(t.words))):
                    w = t.words[j]
                    if not (t.tags[j][:1] == "n" or len(w) == 1 and w in self.k.material_heads) or \
                            w in self.k.generic_heads:
                        break         # (铝合金|锭/q: a material's head the tagger reads as a measure)
                    if t.words[j] == "材料" and j == i and not s.endswith(self.k.material_heads, 0, e):
                        break         # 锂电池|材料: materials for batteries, no one product
                    if s.endswith(heads, 0, t.ends[j]):
                        best = t.ends[j]
            if best < 0 or best - m.start > 14:
                continue
            inside = [x for x in self.out if x is not m and x.start < best and e <= x.end]
            if any(x.type != "Product" or x.end > best or x.start < e for x in inside):
                continue
            for x in inside:
                self._dropped.add(id(x))
            m.end = best
            m.text = m.name = s[m.start:best]
            m.rule = "pattern:product-compound"

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
        resp = []          # 以下分别简称“A”“B”“C”: each short name of the names before, in order
        if "分别简称" in s:
            for m in _ABBREV_EACH.finditer(s):
                shorts = [q.span(1) for q in re.finditer(r"[“\"]([^”\"]{2,12})[”\"]", m.group("q"))]
                shorts = [(m.start("q") + a, m.start("q") + b) for a, b in shorts]
                parents = {x.parent for x in self.out if x.parent is not None}
                owners = sorted((x for x in self.out if x.end <= m.start() and x.type in ORG_TYPES
                                 and self._pos.get(id(x)) not in parents and not x.coref),
                                key=lambda x: x.end)[-len(shorts):]
                if len(owners) != len(shorts):
                    continue
                for o, (a, b) in zip(sorted(owners, key=lambda x: x.start), shorts):
                    for x in [x for x in self.out if x.start == a and x.end == b]:
                        self._dropped.add(id(x))
                    self.add(a, b, o.type, o.name, "pattern:abbreviation", 0.85, aliases=(s[a:b],))
                resp.append((m.start(), m.end()))
        if "简称" in s:
            for m in _ABBREV.finditer(s):
                if any(a <= m.start() < b for a, b in resp):
                    continue
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
        if "由" in s:
            for m in _BY_AGENT.finditer(s):
                a, b = m.span("n")
                a = t.cut_left(a, b)
                if b - a < 2 or not t.aligned(a, b):
                    continue
                over = [x for x in self.out if x.start < b and a < x.end]
                if any(x.type in ORG_TYPES or x.type in PLACE_TYPES or x.type == "Person" for x in over) \
                        or any(t.tags[i][:1] in ("v", "p", "c", "u", "r", "m", "d")
                               for i in range(t.index(a), t.index(b - 1) + 1)):
                    continue      # (an organisation named already; a clause, not a name)
                for x in over:
                    self._dropped.add(id(x))    # (北汽模塑: no product, the investor)
                self.add(a, b, "Enterprise", s[a:b], "pattern:by-agent", 0.7)
        if "是一家" in s:
            for m in _IS_A_COMPANY.finditer(s):
                a, b = m.span("n")
                if not t.aligned(a, b):
                    continue
                i0, i1 = t.index(a), t.index(b - 1)
                if any(t.tags[i][:1] in ("v", "p", "c", "u", "r", "d", "t") and t.tags[i] not in ("vn", "vg")
                       for i in range(i0, i1 + 1)) or t.tags[i0] == "ns" and i0 == i1:
                    continue      # 这|是一家, 目前|…: no name; 泰州|是一家…: a place
                over = [x for x in self.out if x.start < b and a < x.end]
                if any(x.type in ORG_TYPES or x.type in PLACE_TYPES or x.type == "Person" for x in over):
                    continue      # named already (中润光能集团)
                name = s[a:b]
                if name in self.k.materials or name in self.k.generic_heads:
                    continue
                for x in over:
                    self._dropped.add(id(x))    # (天宜|锂|业: no product, the company)
                self.add(a, b, "Enterprise", name, "pattern:is-a-company", 0.75)
        found = []
        if ("等" in s or "家" in s) and _ETC_COMPANIES_NEEDS.search(s):
            found += _ETC_COMPANIES.finditer(s)
        if "为代表" in s:
            found += _REPRESENTED.finditer(s)
        if "元)" in s:
            found += _FUNDED_LIST.finditer(s)
        if found:
            for m in found:
                # (an item's bracketed sum is no part of its name: blanked, same length)
                listed = _FUNDED_SUM.sub(lambda x: "\0" * len(x.group()), m.group("list"))
                raws = re.split("[、和与及]", listed)
                items = [it.rstrip("\0") for it in raws]
                pos = m.start("list")
                for k_, it in enumerate(items):
                    a, b = pos, pos + len(it)
                    pos += len(raws[k_]) + 1
                    if k_ == 0:
                        a = t.cut_left(a, b)
                    if not 2 <= b - a <= 12:
                        continue
                    # a province or city may open the company's name (贵州|航宇)
                    opening = self._opening_places(a, b, _NAME_HEAD_PLACES, rest=2)
                    if opening is None:
                        continue
                    # the first item's left edge is the tags' to find; the
                    # others are bounded by the list (采信、合诚: names the
                    # dictionary reads as words)
                    if (k_ == 0 or k_ == len(items) - 1) and not t.aligned(a, b):
                        continue
                    # (a one-character word of an item the list bounds is a name's
                    # character: 中|铝, 通|富微电 after a verb)
                    if any(t.starts[i] >= a and t.ends[i] <= b and
                           ((t.tags[i][:1] in FUNCTION_TAGS or t.tags[i][:1] == "m") and not (
                               k_ > 0 and len(t.words[i]) == 1 and t.tags[i][:1] in "fdp") or
                            k_ == 0 and (cuts_name(t.words[i], t.tags[i]) or
                                         t.tags[i][:1] == "v" and len(t.words[i]) >= 2))
                           for i in range(len(t.words))):
                        continue
                    i0 = t.index(a)
                    if t.starts[i0] == a and t.tags[i0][:1] == "v" and t.tags[i0] not in ("vn", "vg") \
                            and len(t.words[i0]) >= 2:
                        continue      # no name starts with a verb by the tags (新立|信)
                    # (a project listed among them is a project: 华天晶圆级封装项目(200000万元))
                    kind = "Project" if s.endswith("项目", a, b) and b - a >= 4 else "Enterprise"
                    self.add(a, b, kind, s[a:b], "pattern:etc-companies", 0.7)
                    self._absorb_places(opening)

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
            if m.group() in self.k.material_industries and any(c in self.k.elements for c in s[a:h]):
                continue          # 锂矿|资源, 钛基|新材料: a material named, no company
            self.add(a, e, "Enterprise", s[a:e], "pattern:trade-name", 0.65)

    def role_holders(self) -> None:
        """A company's name right before a corporate title (中国中冶|副总裁
        黄丹, 赛迪集团|总经理): the run before the title, cut by the tags,
        is the holder's company when a proper word names it."""
        s = self.s
        titles = self.ix["corporate_titles"]
        if titles is None:
            return
        t = None
        for rm in titles.finditer(s):
            r = rm.start()
            if r < 2 or not _is_cjk(s[r - 1]) or any(x.end == r or x.start < r < x.end for x in self.out):
                continue
            if t is None:
                t = self.tokens()
            if not t.aligned(r, r):
                continue
            a = t.cut_left(self._run_start(r), r, allow_empty=True)
            places = self._opening_places(a, r, PLACE_TYPES) if 2 <= r - a <= 10 else None
            if places is None:
                continue          # (a place may open the name: 中国|中冶)
            if self._common_words(places[0].end if places else a, r):
                continue
            i0, i1 = t.index(a), t.index(r - 1)
            if any(g[:1] in ("v", "m", "q", "t", "f", "d") and len(w) >= 2
                   for w, g in zip(t.words[i0:i1 + 1], t.tags[i0:i1 + 1])):
                continue
            self.add(a, r, "Enterprise", s[a:r], "pattern:role-holder", 0.65)
            self._absorb_places(places)

    def _opening_places(self, a: int, b: int, types, rest: int = 1) -> list | None:
        """The mentions of ``types`` that open ``s[a:b]`` and end ``rest``
        characters or more before ``b`` (a place starting a company's name:
        中国|中冶, 贵州|航宇), or ``None`` when another mention lies there."""
        opening = [x for x in self.out if x.start == a and x.end <= b - rest and x.type in types]
        ids = {id(x) for x in opening}
        if any(x.start < b and a < x.end and id(x) not in ids for x in self.out):
            return None
        return opening

    def _absorb_places(self, places: list) -> None:
        """A country, province or city opening a company's name is the name's
        (中国|中冶): no mention of its own."""
        for x in places:
            if x.type in _NAME_HEAD_PLACES:
                self._dropped.add(id(x))

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

    def made_before(self) -> None:
        """The noun phrase right before a noun of making is what is made:
        湿法净化磷酸|生产线, 锂电池隔膜|生产供应商, 不锈钢粗钢|产量 (a phrase
        the tags allow, cut on the left by them)."""
        rx = self.ix["production_nouns"]
        if rx is None:
            return
        s, t = self.s, self.tokens()
        for pm in rx.finditer(s):
            p = pm.start()
            if p < 2 or not _is_cjk(s[p - 1]) or not t.aligned(p, p):
                continue
            self.product_ctx = True
            a = self.strip_left(self._run_start(p), p, True, self.ix["name_keep"])
            self.product_ctx = False
            if p - a < 2 or not t.aligned(a, a) or t.tags[t.index(a)][:1] == "a" or \
                    all(c in self.k.elements for c in s[a:p]):
                continue          # (镍钴: a list of metals, as for chemical names)
            # its head names a thing: a product named there, an element, a
            # material head, a product suffix or a category noun ends it
            last = t.words[t.index(p - 1)]
            k = self.k
            suffix = self.ix["product_any"].search(s, max(a, p - 4), p)
            if not (any(x.type == "Product" and x.end == p for x in self.out)
                    or len(last) == 1 and last in k.elements or last in k.things()
                    or any(s.endswith(h, a, p) for h in k.material_heads)
                    or suffix is not None and suffix.end() == p
                    or any(s.endswith(c, a, p) for c in k.product_categories)):
                continue
            self._product_item(a, p, rule="pattern:product-before-making")

    def category_lists(self) -> None:
        """The items of a list that ends in 等 + a category noun (四季豆、西红柿、
        南瓜等蔬菜) or follows one in brackets (零部件(质子交换膜、催化剂)) are
        products: two items at least, each a noun phrase by the tags."""
        rx = self.ix["category_list"]
        if rx is None or "、" not in self.s:
            return
        s = self.s
        t = self.tokens()
        spans = []
        for cm in rx.finditer(s):
            if cm.group().startswith("等"):
                b = cm.start()
                a = b
                while a > 0 and (s[a - 1] == "、" or _is_cjk(s[a - 1]) or s[a - 1].isalnum()):
                    a -= 1
                spans.append((a, b, True))
            else:
                a = cm.end()
                close = s.find(")", a)
                if close >= 0:
                    spans.append((a, close, False))
        for a, b, cut_first in spans:
            if "、" not in s[a:b]:
                continue
            items, pos = [], a
            for part in s[a:b].split("、"):
                items.append((pos, pos + len(part)))
                pos += len(part) + 1
            # the last item may hold a conjunction: 鸡精和中式复合调味料
            la, lb = items[-1]
            for i in range(max(t.index(la), 0), len(t.words)):
                if t.starts[i] >= lb:
                    break
                if t.tags[i][:1] == "c" and t.starts[i] > la and t.ends[i] < lb:
                    items[-1:] = [(la, t.starts[i]), (t.ends[i], lb)]
                    break
            fa, fb = items[0]
            if cut_first and t.aligned(fa, fa):
                fa = t.cut_left(fa, fb, allow_empty=True)
            # the first item is as long as the others (社员大力发展|四季豆、西红柿、南瓜)
            longest = max(ib - ia for ia, ib in items[1:])
            if fb - fa > 2 * longest:
                i = t.index(fb - 1)
                while i > 0 and fb - t.starts[i] < longest and t.starts[i - 1] >= fa:
                    i -= 1
                fa = t.starts[i]
            items[0] = (fa, fb)
            for ia, ib in items:
                if ib - ia >= 2 and t.aligned(ia, ib):
                    self._product_item(ia, ib, rule="pattern:category-list", inner_verbs=True)

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

    def _product_item(self, a: int, b: int, rule: str = "pattern:product-list",
                      inner_verbs: bool = False, measured: bool = False) -> bool:
        """Add the product ``s[a:b]`` if its words make a noun phrase; a verb
        inside (质子|交换|膜) only where the list's separators bound the item."""
        s, k = self.s, self.k
        t = self.tokens()
        # a generic noun in apposition opens no product (产品|甲醇, 原料|电解铜板)
        w0 = t.word_at(a)
        while w0 is not None and w0[0] == a and w0[1] <= b - 2 and (
                w0[2] in k.product_generic or w0[2] in _BY_PRODUCT):
            a = w0[1]
            w0 = t.word_at(a)
        if s.startswith("副产", a) and b - a >= 4:
            a += 2                # 副|产|汽油: a by-product, the product after it
        item = s[a:b]
        if not 2 <= len(item) <= 14 or item in k.product_generic or item[0].isdigit() \
                or item in k.production_nouns:            # (年产量80万吨: what is measured)
            return False
        last = t.word_at(b - 1)
        # (a one-character head before a number may read as a measure: 冷轧板|卷/m 440万吨)
        if last is None or last[3][:1] not in ("n", "l", "e", "x") and not (
                measured and last[1] - last[0] == 1 and _is_cjk(last[2]) and last[3][:1] in "mq") \
                or last[2] in k.product_generic or len(last[2]) > 2 and last[2].endswith(k.product_stops) \
                or last[2] in k.sites():
            return False          # (…装备制造|产业基地: a word that ends in a stop noun names a place)
        first = t.word_at(a)
        if first is not None and first[2] not in k.compound_prefixes and (
                cuts_name(first[2], first[3]) and not (inner_verbs and first[3][:1] == "a")
                                  or first[3][:1] in (("v", "d") if inner_verbs else ("v", "a", "d"))
                                  and len(first[2]) >= 2):
            return False          # (an adjective may open an item the list bounds: 精密锯床)
        for i in range(t.index(a), t.index(b - 1) + (0 if measured and last[3][:1] in "mq" else 1)):
            if t.tags[i][:1] in ("f", "d", "m", "q", "t") or t.tags[i][:1] == "v" and \
                    t.tags[i] != "vn" and len(t.words[i]) >= 2 and i > t.index(a) and not inner_verbs:
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
        s, k = self.s, self.k
        if not _DIGIT.search(s):
            return
        t = self.tokens()
        for q in _MASS_QTY.finditer(s):
            a, b = q.span()
            end = self._item_end(b) if b < len(s) and t.aligned(b, b) else b
            if end > b:
                self._product_item(b, end, rule="pattern:measured-product")
            if a > 0 and t.aligned(a, a) and _is_cjk(s[a - 1]) and not self._opens_project(a):
                st = t.cut_left(self._run_start(a), a, allow_empty=True,
                                keep=self.ix["compound_prefixes"])
                pv = self.ix["product_verbs"]
                vm = None
                for v in (pv.finditer(s, st, a) if pv is not None else ()):
                    if t.aligned(v.start(), v.end()):
                        vm = v           # (达产后|年产|铁水800万吨: the last verb of making)
                if vm and vm.end() < a:
                    st = vm.end()        # 年产|热轧商品卷280万吨: the verb is no part of it
                # bounded by a separator (or the verb) and the quantity, the item's
                # words make the name whatever their tags (宽厚/a|板/ng, 冷轧板|卷/m)
                bounded = st == self._run_start(a) and (st == 0 or s[st - 1] in "、,;:") or \
                    bool(vm and vm.end() == st)
                if st < a:
                    self._product_item(st, a, rule="pattern:measured-product", inner_verbs=bounded,
                                       measured=bounded)

    def _listed_before(self, sep: int) -> int | None:
        """Where a list of short items ends at the 、 at ``sep`` starts, when
        a particle, a verb or punctuation opens it (…投资建设的|烧碱、氯乙酸、
        CMC、): each item one to eight characters of words with no function
        word; else None."""
        s, tk = self.s, self.tokens()
        start = None
        pos = sep
        while pos > 0 and s[pos] == "、":
            j = pos
            while j > 0 and s[j - 1].isalnum() and s[j - 1] not in "的":
                j -= 1
            if not (1 <= pos - j <= 8) or not tk.aligned(j, pos) or any(
                    tk.tags[i][:1] in FUNCTION_TAGS or tk.tags[i][:1] == "v" and tk.tags[i] != "vn"
                    for i in range(tk.index(j), tk.index(pos - 1) + 1)):
                return None
            start, pos = j, j - 1
        if start is None or start > 0 and s[start - 1] not in "的,。;:“( " and not (
                tk.aligned(start, start) and tk.index(start) > 0
                and tk.tags[tk.index(start) - 1][:1] == "v"):
            return None
        return start

    def _child_after(self, j: int, p, g) -> bool:
        """Whether word ``j`` names a place of the gazetteer inside ``p``
        (新疆|喀什: a prefecture of the region)."""
        t = self.tokens()
        if j >= len(t.words) or len(t.words[j]) < 2:
            return False
        q = g.lookup(t.words[j])
        return q is not None and g.unique(t.words[j]) and any(a.code == p.code for a in g.ancestors(q))

    def _parent_before(self, i: int, p, g) -> bool:
        """Whether the word before word ``i`` names a place the gazetteer
        holds ``p`` in (云南|曲靖: the province, then its city)."""
        t = self.tokens()
        if i == 0 or t.tags[i - 1] != "ns":
            return False
        q = g.lookup(t.words[i - 1])
        return q is not None and q.level < p.level and q in g.ancestors(p)

    def _opens_project(self, a: int) -> bool:
        """Whether the quantity at ``a`` opens a project's name (…|40万吨高纯
        阴极铜清洁生产项目, …|年产4万吨磷酸铁锂项目): what is written right
        before it is the project's owner or place (:meth:`project_owners`),
        not a measured product."""
        return any(x.type == "Project" and x.rule == "pattern:project" and x.parent is None
                   and (x.start == a or x.start == a - 2 and self.s.startswith("年产", x.start))
                   for x in self.out)

    def project_owners(self) -> None:
        """A project named by its quantity opens with the names written right
        before it, with nothing between (大冶有色|40万吨…项目, 赤峰|40万吨/年铜
        冶炼项目, 中色南方稀土(新丰)有限公司|700吨/年稀土分离项目): its name as
        written holds them (the shorter forms stay aliases), and the nearest
        is its parent (an owner invests in it, a place holds it).  A run of
        name characters there that no other pass named, bounded by a
        separator, a verb or a place, is the owner's short name
        (丰元锂电|年产…, 宁德时代|年产…) unless the lexicon knows it as a
        product or generic word."""
        s = self.s
        for pm in [x for x in self.out if x.type == "Project" and x.rule == "pattern:project"
                   and x.parent is None and not x.coref]:
            a = pm.start
            if a == 0 or not _is_cjk(s[a - 1]) and not s[a - 1].isalnum() and s[a - 1] != ")":
                continue
            chain: list[Mention] = []
            while a > 0 and len(chain) < 3:
                x = max((o for o in self.out if o.end == a and o.start < a and not o.coref
                         and o.type in ORG_TYPES + PLACE_TYPES),
                        key=lambda o: o.end - o.start, default=None)
                if x is None and not chain:
                    x = self._owner_run(a)
                if x is None:
                    break
                chain.append(x)
                a = x.start
            if not chain:
                continue
            names = [pm.name]
            for x in chain:
                names.append(s[x.start:pm.start] + pm.name)
            pm.aliases = tuple(n for n in dict.fromkeys((*pm.aliases, *names[1:])) if n != pm.name)
            pm.parent = self._pos[id(chain[0])]
            pm.parent_rel = "" if chain[0].type in ORG_TYPES else nesting_relation("Project", chain[0].type)
            for inner, outer in zip(chain, chain[1:]):
                if inner.parent is None and outer.end == inner.start:
                    inner.parent = self._pos[id(outer)]
                    inner.parent_rel = nesting_relation(inner.type, outer.type)

    def _owner_run(self, e: int) -> Mention | None:
        """The owner's short name right before a project's quantity at ``e``:
        the words from the last separator, verb, particle or place, when they
        are two to six characters of nouns or unknown characters."""
        s, k = self.s, self.k
        t = self.tokens()
        if not t.aligned(e, e):
            return None
        i = t.index(e - 1)
        a = e
        while i >= 0 and e - t.starts[i] <= 6:
            w, g = t.words[i], t.tags[i]
            if not (_is_cjk(w[:1]) and (g[:1] in ("n", "j", "g", "x") and g not in ("ns", "nr")
                                        or len(w) == 1 and g[:1] in ("a", "m", "z", "b", "n"))):
                break
            if any(o.start < t.ends[i] and t.starts[i] < o.end for o in self.out) or \
                    w in k.generic_heads or w in _ADMIN_CHARS:
                break         # (出资企业|大冶有色, 广信区|晶科: a head word or a place ends before)
            a = t.starts[i]
            i -= 1
        if e - a < 2 or e - a > 6:
            return None
        before = s[a - 1] if a > 0 else ""
        if a > 0 and not (before in "、,;:“”()《》 " or not _is_cjk(before) or
                          any(o.end == a and o.type in PLACE_TYPES for o in self.out) or
                          i >= 0 and (t.tags[i][:1] in ("v", "u", "p", "c", "d")
                                      or t.words[i] in k.generic_heads
                                      or t.words[i] in _ADMIN_CHARS and i > 0)):
            return None
        name = s[a:e]
        if name in k.materials or name in k.product_generic or name in k.generic_heads or \
                name in k.industry_words or name in k.by_name:
            return None
        return self.add(a, e, "Enterprise", name, "pattern:project-owner", 0.7)

    def thing_items(self) -> None:
        """The items of a list (joined by 、) are products where two of them
        at least, and half of them, are things of the thesaurus
        (``[things]``: 涂料、塑料、化纤、陶瓷): each a word of two characters
        or more, or a noun phrase ending in one.  :meth:`listed_products`
        then takes their neighbours.  An item is the run of words between
        the separators, the first one cut on the left by the tags."""
        s = self.s
        if "、" not in s:
            return
        things = self.k.things()
        t = self.tokens()
        nominal = _NOMINAL_TAGS
        pieces = s.split("、")
        pos = 0
        bounds = []
        for p in pieces:
            bounds.append((pos, pos + len(p)))
            pos += len(p) + 1
        i = 0
        while i < len(bounds) - 1:
            j = i
            while j + 1 < len(bounds) and bounds[j + 1][0] < len(s):
                j += 1
                if not self._nominal_piece(*bounds[j]) and j < len(bounds) - 1:
                    break
            run = bounds[i:j + 1]
            i = j + 1
            items = []
            for n_, (a, b) in enumerate(run):
                if n_ == 0:            # the first: the noun phrase ending the piece
                    k_ = t.index(b - 1) if t.aligned(b, b) and b > a else -1
                    while k_ > 0 and t.starts[k_] > a and t.tags[k_ - 1][:1] in nominal and \
                            t.tags[k_ - 1] not in _NAME_TAGS and t.words[k_ - 1].isalnum():
                        k_ -= 1
                    a = t.starts[k_] if k_ >= 0 else b
                elif n_ == len(run) - 1:   # the last: the noun phrase opening it
                    if not t.aligned(a, a):
                        break
                    k_ = t.index(a)
                    while k_ < len(t.words) and t.tags[k_][:1] in nominal and \
                            t.tags[k_] not in _NAME_TAGS and t.ends[k_] <= b and \
                            t.words[k_].isalnum():
                        k_ += 1
                    b = t.starts[k_] if k_ < len(t.words) else len(s)
                elif not self._nominal_piece(a, b):
                    break
                if b - a >= 2 and t.aligned(a, b):
                    items.append((a, b))
            heads = [(a, b) for a, b in items
                     if len(t.words[t.index(b - 1)]) >= 2 and t.words[t.index(b - 1)] in things]
            if len(heads) >= 2 and 2 * len(heads) >= len(items):
                for a, b in heads:
                    if not self._covered(a, b):
                        self._product_item(a, b, rule="pattern:thing-list")

    def _nominal_piece(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]`` is a noun phrase by the tags (no verb, no
        function word, no name of a person or place)."""
        t = self.tokens()
        if b - a < 1 or not t.aligned(a, b):
            return False
        i0, i1 = t.index(a), t.index(b - 1) + 1
        return all(g[:1] in _NOMINAL_TAGS and g not in _NAME_TAGS and w.isalnum()
                   for w, g in zip(t.words[i0:i1], t.tags[i0:i1]))

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
            # a product named across a step's arrow (锂资源-锂材料-锂电池 by its
            # suffix) is steps, not one name
            for x in self.out:
                if x.type == "Product" and cm.start() <= x.start and x.end <= cm.end() and \
                        _CHAIN_ARROW.search(s, x.start, x.end):
                    self._dropped.add(id(x))
            # a chain of materials, not of steps of work (交办—反馈—整改): one
            # step at least is a product or named like a material already, or
            # the chain is named an industry chain
            named = cm.start() > 0 and s[cm.start() - 1] in "“\"" and _CHAIN_NAMED_AFTER.match(s, cm.end())
            if not any(x.type == "Product" and cm.start() <= x.start and x.end <= cm.end()
                       and id(x) not in self._dropped for x in self.out) and not named:
                continue
            if named:
                # the quoted stages of a chain named as an industry chain (锂资源-锂材料-
                # …-锂回收): the chain is named, its stages are no products of their own
                self._chain_named(cm.start(), cm.end())
                continue
            pos = cm.start()
            steps, short = 0, []
            for k_, it in enumerate(parts):
                a, b = pos, pos + len(it)
                nxt = _CHAIN_ARROW.match(s, b)
                pos = nxt.end() if nxt else b
                if k_ == 0:
                    a = self.tokens().cut_left(a, b, allow_empty=True)
                    # 西乌旗|煤—电—…: a place opening the run is where, no step
                    a = max([a] + [x.end for x in self.out if x.start == a and x.end < b
                                   and x.type in PLACE_TYPES])
                    first = a
                if b - a == 1 and _is_cjk(s[a]):
                    short.append(a)
                if b - a >= 2 and s[a:b] not in self.k.name_activities:   # (…—综合利用: a step of work)
                    if not any(x.start < b and a < x.end and id(x) not in self._dropped for x in self.out):
                        self.add(a, b, "Product", s[a:b], "pattern:chain-step", 0.75)
                    steps += any(x.type == "Product" and x.start == a and x.end == b and id(x) not in self._dropped
                                 for x in self.out)
            # 煤—电—铝—…: a one-character noun is a step too among two named ones
            if steps >= 2:
                t = self.tokens()
                for a in short:
                    if t.aligned(a, a + 1) and t.tags[t.index(a)][:1] == "n" and not self._covered(a, a + 1):
                        self.add(a, a + 1, "Product", s[a], "pattern:chain-step", 0.7)
            self._chain_named(first, cm.end())

    def _chain_named(self, a: int, b: int) -> None:
        """A chain of steps ``s[a:b]`` that names an industry chain: quoted,
        with 产业链 after the quote (“锂资源-…-锂回收”闭环全产业链: the quoted
        steps are its name), or ending in a chain's own name, which then
        opens with the steps (煤—电—铝—铝基新材料…一体化发展产业链)."""
        s = self.s
        if a > 0 and s[a - 1] in "“\"" and _CHAIN_NAMED_AFTER.match(s, b):
            if not any(x.type == "IndustryChain" and x.start == a and x.end == b for x in self.out):
                self.add(a, b, "IndustryChain", s[a:b], "pattern:chain-named", 0.75)
            return
        for x in self.out:
            if x.type == "IndustryChain" and a < x.start < b <= x.end and _CHAIN_ARROW.match(s, x.start - 1) \
                    and x.name == x.text:
                x.start, x.text = a, s[a:x.end]
                x.name = x.text

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
        self.sector_heads()
        t = self.tokens()
        for lm in (_SECTOR_LIST.finditer(s) if "、" in s and _SECTOR_LIST_NEEDS.search(s) else ()):
            items = lm.group("list").split("、")
            pos = lm.start("list")
            for n_, it in enumerate(items):
                a, b = pos, pos + len(it)
                pos = b + 1
                if n_ == 0:
                    a = t.cut_left(a, b, allow_empty=True)     # 应用于|航空航天航海
                if not (2 <= b - a <= 8) or not t.aligned(a, b):
                    continue
                # before 等…产业 a product named there is the industry's (煤炭、电力、钢铁等传统
                # 产业); before 等…行业/领域 it stays a product, the fields it serves (钛白粉
                # 广泛应用于涂料、塑料…等行业)
                same = [x for x in self.out if x.start == a and x.end == b]
                if lm.group().endswith("产业"):
                    for x in same:
                        if x.type == "Product":
                            x.type, x.rule = "Sector", "pattern:sector-list"
                if same or n_ == len(items) - 1 and t.tags[t.index(b - 1)][:1] == "c":
                    continue
                # an item no pass named: a sector when its words are nouns
                # (通讯基站, 轨道交通, 医疗健康), the first cut by the tags
                i0, i1 = t.index(a), t.index(b - 1)
                gs = t.tags[i0:i1 + 1]
                if any(g[:1] in ("v", "d", "p", "u", "c", "r", "m", "q", "f") and g != "vn" for g in gs):
                    continue
                inside = [x for x in self.out if a <= x.start and x.end <= b and (x.start, x.end) != (a, b)]
                if any(x.type not in ("Product", "Sector") for x in inside) or \
                        any(x.start < b and a < x.end and not (a <= x.start and x.end <= b) for x in self.out):
                    continue
                for x in inside:          # 航空航天|航海: the longer item is the sector
                    self._dropped.add(id(x))
                # before 等…行业/领域 an item named like a material or a product (涂料, 塑料,
                # 陶瓷, 电机) is a product the fields use; an activity (冶金, 军工) a sector
                item, k = s[a:b], self.k
                thing = not lm.group().endswith("产业") and (
                    item in k.materials or item.endswith(tuple(h for h in k.material_heads if len(h) >= 1))
                    or self.ix["product_any"].search(item) is not None
                    and self.ix["product_any"].search(item).end() == len(item))
                self.add(a, b, "Product" if thing else "Sector", item, "pattern:sector-list", 0.7)

    def sector_heads(self) -> None:
        """X产业 / X行业 for any noun phrase X the tags allow (绿色铝精深加工产业,
        钛产业, 磷化工行业, 辣椒产业): cut on the left by the tags, after a
        place (临颍县|辣椒产业), and with a head left once the qualifiers
        (``[sector_qualifiers]``: 传统, 重点 ...) are taken off."""
        s, k = self.s, self.k
        t = self.tokens()
        quals = k.sector_qualifiers
        for mm in _SECTOR_AFTER.finditer(s):
            p, e = mm.start(), mm.end()
            if p == 0 or not _is_cjk(s[p - 1]):
                continue
            ending = [x for x in self.out if x.end == e and x.start < p]
            if any(x.type != "Sector" for x in ending):
                continue
            run = self._run_start(p)
            if run == p:
                continue
            self.product_ctx = True
            a = self.strip_left(run, p, True, self.ix["name_keep"])
            self.product_ctx = False
            if a >= p or not t.aligned(a, a):
                continue
            for x in self.out:            # 曲靖|新能源产业: the place is not the sector's
                if x.start == a and x.end < p and x.type in PLACE_TYPES:
                    a = x.end
            g = k.gazetteer()
            w0 = t.words[t.index(a)]
            if t.ends[t.index(a)] < p and (t.tags[t.index(a)] == "ns" or
                                           g is not None and len(w0) >= 2 and g.lookup(w0)):
                a = t.ends[t.index(a)]
            i, ip = t.index(a), t.index(p - 1)
            while i <= ip and (t.tags[i][:1] in ("m", "q", "r", "t", "s", "v", "d", "p", "l")
                               or t.tags[i] == "ad"):
                i += 1                       # 2021年|…, 抓|产业, 做强做大|…, 近两年|…
            if i > ip:
                continue
            a = max(a, t.starts[i])
            while i <= ip and t.words[i] in quals:
                i += 1
            if i > ip:
                continue                     # 重点|产业, 千亿级|产业: no industry named
            if t.tags[t.index(a)][:1] == "a" and t.words[t.index(a)] not in k.compound_prefixes:
                continue                     # 全|链条, 强|铝: an adjective or verb phrase
            # the head names a thing: a product or sector named there, an
            # industry word, an element, or a product / material / category noun
            hs = s[t.starts[i]:p]
            ind, prod = self.ix["industries"], self.ix["product_any"]
            if not (any(x.type in ("Product", "Sector") and a <= x.start and x.end <= p
                        for x in self.out)
                    or ind is not None and ind.search(hs)
                    or any(len(w) == 1 and w in k.elements for w in t.words[i:ip + 1])
                    or prod.search(hs)
                    or any(hs.endswith(c) for c in k.product_categories)
                    or any(hs.endswith(h) for h in k.material_heads if len(h) >= 2)
                    or t.words[ip] in k.things() or s[t.starts[ip]:p] in k.things()):
                continue                     # (辣椒|产业, 钢铁|行业: a thing of the thesaurus)
            w_last, g_last = t.words[ip], t.tags[ip]
            if t.ends[ip] > p:
                # one word with the suffix (钢铁行业, 主导产业): its head is what is before
                head = s[t.starts[ip]:p]
                if not head or head in quals:
                    continue
            elif g_last[:1] not in ("n", "j", "l", "v", "x") and not w_last.isascii():
                continue
            if e - a > 14 or any(g[:1] in ("d", "p", "u", "c", "r") or g[:1] == "v" and g != "vn"
                                 and len(w) >= 2 for w, g in zip(t.words[i:ip + 1], t.tags[i:ip + 1])):
                continue
            if any(x.start < e and a < x.end and not (a <= x.start and x.end <= e)
                   and x.type not in ("Product", "Sector") for x in self.out):
                continue
            if any(x.start == a and x.end == e for x in self.out) or any(x.start <= a for x in ending):
                continue
            for x in ending:              # 绿色硅|光伏产业: the longer name is the sector
                self._dropped.add(id(x))
            self.add(a, e, "Sector", s[a:e], "pattern:sector-head", 0.7)

    # ------------------------------------------------------------ clean-up
    def _drop_described_companies(self) -> None:
        """A company named by its suffix right after 的 whose name is common
        nouns only (全国性的|总部运营公司, 生态的|核心平台公司, 为一体的|半导体晶圆
        衬底材料公司) describes a kind of company; a name with a word the
        dictionary does not know, a proper noun or a place (的|宝钛集团) stays."""
        t = self.tokens()
        s = self.s
        for m in self.out:
            if m.type != "Enterprise" or not m.rule.startswith("pattern:suffix") or m.name != m.text \
                    or m.start == 0 or s[m.start - 1] != "的" or m.parent is not None \
                    or not t.aligned(m.start, m.end):
                continue
            i0, i1 = t.index(m.start), t.index(m.end - 1)
            body = list(zip(t.words[i0:i1], t.tags[i0:i1]))
            if body and all(g in ("n", "vn", "a", "an") for _w, g in body) and \
                    any(len(w) >= 2 for w, _g in body):
                self._dropped.add(id(m))

    def _drop_kinds_of_project(self) -> None:
        """A project found by its suffix that a numeral or pronoun counts or
        points at (一批|太阳能产业链项目, 一大批|石化项目, 该|生产基地项目, 这|一“链主”
        项目, 四大|新能源整车项目, 多家企业的…项目) is a kind of project, not one named."""
        t = self.tokens()
        for m in self.out:
            if m.type != "Project" or not m.rule.startswith("pattern:suffix") or m.name != m.text \
                    or not t.aligned(m.start, m.start):
                continue
            i = t.index(m.start)
            first, g0 = t.words[i], t.tags[i]
            prev_g = t.tags[i - 1] if i > 0 else ""
            prev = t.words[i - 1] if i > 0 else ""
            counted = g0[:1] == "r" or g0[:1] == "m" and _COUNT_WORD.match(first) is not None or \
                _COUNTED_KIND.match(first) is not None or \
                prev_g[:1] == "r" or prev_g[:1] == "m" and _COUNT_WORD.match(prev) is not None
            if counted:
                self._dropped.add(id(m))

    def finish(self) -> list[Mention]:
        """Drop materials and sectors inside longer names of other kinds, and
        mentions inside initiative quotes."""
        keep = []
        out = self.out
        inits = [(o.start, o.end) for o in out if o.type == "Initiative"]
        # a place that only opens a company's name (云南|云天化股份有限公司,
        # 中国|二十二冶) is part of the name: the sentence says nothing of the
        # place, and the name states no relation to it (see NESTING); a
        # hierarchy of places before it (通河县|富林乡|…合作社) is a statement
        name_heads = {o.parent for o in out if o.parent is not None and out[o.parent].end == o.start
                      and (not o.parent_rel and o.type in ORG_TYPES or out[o.parent].type == "Country"
                           or o.type in _PLACE_NAMED_KINDS)
                      and out[o.parent].type in _NAME_HEAD_PLACES and out[o.parent].parent is None}
        # (中国|南方稀土高新材料基地: a country opening any name is the name's)
        # a river or lake opening a company's name is its trade name (广东|珠江|稀土
        # 有限公司, 山东|微山湖|稀土有限公司): no river of the sentence
        rivers = {o.parent for o in out if o.parent is not None and out[o.parent].end == o.start
                  and o.type in ORG_TYPES and not o.parent_rel and out[o.parent].type == "River"}
        river_places = {out[r].parent for r in rivers if out[r].parent is not None and
                        out[out[r].parent].end == out[r].start and
                        out[out[r].parent].type in _NAME_HEAD_PLACES}
        name_heads |= rivers | river_places
        for o in out:          # the company's span is its whole name (山东微山湖稀土有限公司)
            if o.parent in rivers and out[o.parent].end == o.start:
                r = out[o.parent]
                o.start = out[r.parent].start if r.parent in river_places else r.start
                o.text = self.s[o.start:o.end]
        # places inside a quoted slogan (“中国锂电之都”) are the slogan's words
        slogans = [(a, b) for a, b in self.blocked if b - a >= 2 and self.s[a:a + 1] in "“‘"]
        if slogans:
            name_heads |= {i for i, o in enumerate(out) if o.type in _ADMIN_TYPES and any(
                a < o.start and o.end < b for a, b in slogans)}
        brackets = [(o.start, o.end) for o in out if o.rule == "pattern:bracketed-place"]
        if brackets:
            # the pieces of a bracketed name the other passes cut (滁州)有限公司)
            for o in out:
                if o.rule != "pattern:bracketed-place" and o.type not in ("Product", "Sector") and \
                        any(a < o.start < b or a < o.end < b and o.start < a for a, b in brackets):
                    self._dropped.add(id(o))
            for o in out:       # and what was named after such a piece (…食品公司|项目)
                if o.parent is not None and id(out[o.parent]) in self._dropped and o.text != o.name:
                    self._dropped.add(id(o))
        self._drop_kinds_of_project()
        self._drop_described_companies()
        for i, m in enumerate(out):
            if i in name_heads or id(m) in self._dropped:
                continue
            if m.type in ("Product", "Sector") and not m.rule.startswith("pattern:product"):
                if any(o is not m and o.start <= m.start and m.end <= o.end and
                       (o.end - o.start) > (m.end - m.start) and
                       o.type not in ("Project",) and id(o) not in self._dropped and
                       not (o.type == "IndustryChain" and _CHAIN_ARROW.search(o.name))
                       for o in out):
                    continue      # (煤—电—铝—…产业链: its steps are products of their own)
            if inits and m.type != "Initiative" and any(
                    a <= m.start and m.end <= b for a, b in inits):
                continue
            if m.type == "Product" and not m.catalogue_id and m.end > m.start and \
                    not self.tokens().aligned(m.start, m.end):
                continue      # 玻璃钢|材质: no 钢材 across the analyser's words
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


def settle_types(ms: list[Mention]) -> None:
    """Article-level: a product named like a company the article names
    (北汽模塑|项目 and 由北汽模塑投资建设) is that company."""
    orgs = {m.name for m in ms if m.type == "Enterprise" and not m.coref}
    if not orgs:
        return
    for m in ms:
        if m.type == "Product" and m.name in orgs and not m.catalogue_id:
            m.type, m.rule = "Enterprise", m.rule + "+company"


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
            "initiative_end": re.compile("(?:" + "|".join(re.escape(n) for n in k.initiative_nouns) + ")$")
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
            # an industry or a category of products: a project of a kind (光伏|项目)
            "project_kinds": frozenset(k.industry_words) | frozenset(k.product_categories),
            "qualifier_words": frozenset(k.sector_qualifiers) | frozenset(k.org_categories),
            "compound_prefixes": frozenset(k.compound_prefixes),
            # the titles of a company's officers among the roles (董事长, 副总裁 ...)
            "corporate_titles": (lambda ts: re.compile(_alt(ts)) if ts else None)(
                [r for r in k.roles if any(w in r for w in ("董事", "总经理", "总裁", "首席"))]),
            "product_heads": tuple(sorted(set(k.material_heads) | set(k.product_suffixes) | {"材料"},
                                          key=lambda h: (-len(h), h))),
            "production_nouns": re.compile(_alt(k.production_nouns)) if k.production_nouns else None,
            "category_list": re.compile(
                f"等(?:[{CJK}]{{1,4}}?)?(?:{_alt(k.product_categories)})(?![{CJK}])|"
                f"等(?:{_alt(k.product_categories)})|(?:{_alt(k.product_categories)})[(（]")
            if k.product_categories else None,
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
    # a one-character prefix (高, 偏) only with a head: 高钛渣, not 高铁 (high-speed rail)
    long_pre = _alt([p for p in k.compound_prefixes if len(p) > 1]) or "(?!)"
    rx = re.compile(rf"(?:(?:{pre})*(?:{long_pre}){el}+(?:{head})?|(?:{pre})+{el}+(?:{head})|{el}+(?:{head}))")
    # tried only at the characters a match starts with (speed)
    return AtFirstChars(rx, set(k.elements) | {p[0] for p in k.compound_prefixes if p})


def sentence_mentions(s: str, k: Knowledge) -> list[Mention]:
    """All mentions of one sentence, offsets relative to it.

    >>> from kg.knowledge import load_knowledge
    >>> ms = sentence_mentions("走进甘肃正昊钛业有限公司精炼分厂。", load_knowledge())
    >>> [(m.name, m.type) for m in ms]
    [('甘肃正昊钛业有限公司', 'Enterprise'), ('甘肃正昊钛业有限公司精炼分厂', 'BusinessUnit')]
    """
    sc = SentenceScanner(s, k)
    sc.known()
    sc.places()
    sc.short_repeats()
    sc.bracketed_names()
    sc.dateline()
    sc.titles()
    sc.quotes()
    sc.programmes()
    sc.projects()
    sc.chains()
    sc.forms()
    sc.short_companies()
    sc.trade_names()
    sc.role_holders()
    sc.product_forms()
    sc.chemicals()
    sc.product_compounds()
    sc.project_phases()
    sc.project_items()
    sc.product_lists()
    sc.category_lists()
    sc.made_before()
    sc.measured_products()
    sc.thing_items()
    sc.listed_products()
    sc.sectors()
    sc.owned_names()
    sc.project_owners()
    return sc.finish()
