"""The ``relations`` stage: typed, directed facts between mentions.

Sources, all with the sentence and span that state them:

* nested names (金川集团永昌铜业有限公司精炼分厂: unitOf, subsidiaryOf ...);
* the regular-expression rules of ``ontology/triggers.toml``;
* adjacency and co-occurrence rules of the same file;
* material flows: a by-product of S that C consumes, in one sentence;
* context (lower confidence): a village in the town its sentence is about,
  a town in the district the article is about.
"""
from __future__ import annotations

import collections
import re

from ..knowledge import GROUPS, ORG_TYPES, PLACE_TYPES, Knowledge, word_pattern
from .lexical import Tokens, tagger
from .model import Flow, Mention, Relation
from .resolve import opening_place


_NEXT_STEP = ("再", "然后", "随后", "接着", "之后", "最后", "进而", "继而")


def _region(name, m, sent, prev, base, above=None, below=None):
    s = sent.text
    if name == "pre":
        return base, base + m.start()
    if name == "post":
        return base + m.end(), sent.end
    if name == "clause":        # the clause the match starts in, before the match
        a = max(s.rfind(c, 0, m.start()) for c in ",;:")
        return base + a + 1, base + m.start()
    if name == "frame":
        # a leading 在…, clause, also after a short time clause (10月11日,在…,)
        at = 0
        if not s.startswith("在"):
            c = s.find(",")
            if not 0 < c <= 12 or not s.startswith("在", c + 1):
                return None
            at = c + 1
        end = s.find(",", at)
        if end < 0 or end > m.start():
            return None
        return base + at + 1, base + end
    if name == "step":
        # the clause before, when the match's clause opens with a next step (再, 然后…):
        # 熔炼成铜水,再…成型为铜带坯 (its output, with pick at-end, is the input)
        a = max(s.rfind(c, 0, m.start()) for c in ",;:")
        if a <= 0 or not s.startswith(_NEXT_STEP, a + 1):
            return None
        return base + max(s.rfind(c, 0, a) for c in ",;:") + 1, base + a
    if name == "prev":
        return (prev.start, prev.end) if prev is not None else None
    if name == "next":
        # a sentence opening its paragraph with the match, no subject of its own
        # (实施厕污共治行动。白桥镇…): the first clause of the sentence after it
        if prev is not None or below is None or s[:m.start()].strip(" “”\"") != "":
            return None
        c = [x for x in (below.text.find(ch) for ch in ",;:") if x >= 0]
        return below.start, below.start + (min(c) if c else len(below.text))
    if name == "above":         # the sentence before, in any paragraph
        return (above.start, above.end) if above is not None else None
    if name not in m.re.groupindex:
        return None
    a, b = m.span(name)
    if a < 0:
        return None
    return base + a, base + b


# What may stand between two members of a list of names: 、 和 与 及 以及 或 同,
# a bracketed note (冀中能源(15.00,0.91,6.46%)), spaces, and the quantity of
# the next member (742万吨甲醇、300万吨聚烯烃).
_LIST_GAP = re.compile(r"(?:\s|、|和|与|及|以及|或|同|跟|暨|\([^()]{0,30}\)|"
                       r"\d[\d.]*(?:万|亿|千)?(?:千瓦时|千瓦|吨|瓦|GWh|GW|MWh|MW|kt|亩|台|套|辆|条|个|件|头|只)?)*")


# Items of a list: what separates them, and what may stand before a name in its
# item (a quantity: 30万吨镍合金) and after it (等).
_ITEM_SEP = re.compile(r"、|,|和|与|以及|及|或|/")
_ITEM_BEFORE = re.compile(r"\s*(?:[\d.]+(?:万|亿|千)?(?:吨|GW|MW|GWh|个|套|台|条)?)?\s*")
_ITEM_AFTER = re.compile(r"\s*(?:等{1,2}.*)?")


# X首府Y, X省会Y: Y, the capital of X
_CAPITAL_OF = ("首府", "省会", "首都")
# a direction or vicinity after a place (泉南高速东南方, 207国道以北, 长江沿岸)
_DIRECTION = re.compile(r"(?:以|之)?(?:东南|东北|西南|西北|[东南西北])(?:方|侧|面|边)"
                        r"|以(?:东南|东北|西南|西北|[东南西北])|附近|周边|一带|沿线|沿岸|两岸")


def fstart(ms, i: int, text: str = "") -> int:
    """Where the name of mention ``i`` starts: a name written as components
    (云南|乐牧牧业有限责任公司) has its span after its parent's; the whole name
    starts where the first touching component does.  With the article's
    ``text``, a name whose opening the mention leaves out (苏州|瑞驱电动科技有限公司,
    named 苏州瑞驱电动科技有限公司) starts where that opening is written."""
    m = ms[i]
    if m.parent is None:
        a = m.start
    else:
        while m.parent is not None and ms[m.parent].end == m.start:
            m = ms[m.parent]
        a = m.start
        m = ms[i]
    if text:
        lead = len(m.name) - (m.end - a)
        if 0 < lead <= 4 and text[a - lead:a] == m.name[:lead] and m.name.endswith(m.text):
            a -= lead
    return a


def _outer(ms, cands):
    """An outer name and its own components: keep the outer one only."""
    keep = [i for i in cands if not any(
        j != i and ms[j].start <= ms[i].start and ms[i].end <= ms[j].end and
        (ms[j].end - ms[j].start) > (ms[i].end - ms[i].start) for j in cands)]
    return sorted(keep, key=lambda i: (ms[i].start, -ms[i].end))


def _coordinated(ms, order, at, text, step) -> list[int]:
    """From ``order[at]``, the names joined to it by list separators only
    (A、B和C), walking ``step`` (-1: backwards, 1: forwards)."""
    got = [order[at]]
    j = at
    while 0 <= j + step < len(order):
        x, y = (order[j + step], order[j]) if step < 0 else (order[j], order[j + step])
        gap = text[ms[x].end:fstart(ms, y, text)]
        if ms[x].end >= fstart(ms, y, text) or not _LIST_GAP.fullmatch(gap):
            break           # overlapping or touching names (江苏省泰州市) are no list
        j += step
        got.append(order[j])
    return sorted(got, key=lambda i: ms[i].start)


def pick(ms: list[Mention], span, types, how: str, pool=None, text: str = "") -> list[int]:
    """Mentions of ``types`` inside ``span`` (among ``pool``, default all), picked ``how``:

    * ``all``: every one (outer names only), ``first``, ``last``;
    * ``adjacent``: the one touching the span's edge; ``at-end`` / ``at-start``:
      the one ending at the span's end (starting at its start);
    * ``last-list`` / ``first-list``: the last (first) one with the names
      coordinated with it (A、B和C等企业: all three);
    * ``chain``: the first one, or the innermost of places written one inside
      the next from it (山东省临沂临港经济开发区: the park, not the province);
    * ``end-list``: the one ending at the span's end, with the names coordinated
      before it;
    * ``items``: every name that is a whole item of a list in the span
      (质子交换膜、催化剂、氢气循环系统: not 氢气, which only names the third item).
    """
    a, b = span
    cands = [i for i in (range(len(ms)) if pool is None else pool)
             if a <= ms[i].start and ms[i].end <= b and ms[i].type in types
             and ms[i].end > ms[i].start]
    if not cands:
        return []
    # a name written as components (中国|航空工业集团公司, 江苏省|政府) is the last
    # component's mention: its parent components are not candidates of their own
    inner = set()
    for i in cands:             # (all the components: 武汉市|东湖新技术开发区|管委会)
        j = ms[i].parent
        while j is not None and j not in inner:
            inner.add(j)
            j = ms[j].parent
    if inner:
        cands = [i for i in cands if i not in inner] or cands
    # a name's own start, before its components (江苏省|政府 starts at 江苏省)
    fs = {i: fstart(ms, i, text) for i in cands}
    got = _pick(ms, cands, fs, a, b, how, text)
    # a word that refers to several names (6家企业: each of the six) stands for all of them
    if got and ms[got[-1]].coref:
        same = [i for i in cands if ms[i].coref and i not in got and
                (ms[i].start, ms[i].end) == (ms[got[-1]].start, ms[got[-1]].end)]
        got = got + same
    return got


def _pick(ms, cands, fs, a, b, how, text) -> list[int]:
    if how == "all":
        return _outer(ms, cands)
    if how == "first":
        return [min(cands, key=lambda i: (fs[i], -ms[i].end))]
    if how == "last":
        return [max(cands, key=lambda i: (ms[i].end, -ms[i].start))]
    if how == "adjacent":
        near = [i for i in cands if ms[i].end == b or fs[i] == a]
        return near[:1]
    if how in ("at-end", "at-start"):
        edge = [i for i in cands if (ms[i].end == b if how == "at-end" else fs[i] == a)]
        return [max(edge, key=lambda i: ms[i].end - ms[i].start)] if edge else []
    if how == "end-list":
        # the name ending at the span's end and the names coordinated before it
        # (500万吨真空制盐、300万吨纯碱、100万吨烧碱|生产能力)
        order = _outer(ms, cands)
        edge = [x for x in range(len(order)) if ms[order[x]].end == b]
        return _coordinated(ms, order, edge[-1], text, -1) if edge else []
    if how in ("last-list", "first-list"):
        order = _outer(ms, cands)
        if how == "last-list":
            last = max(range(len(order)), key=lambda x: (ms[order[x]].end, -ms[order[x]].start))
            return _coordinated(ms, order, last, text, -1)
        return _coordinated(ms, order, 0, text, 1)
    if how == "items":
        got = []
        for i in _outer(ms, cands):
            before = _ITEM_SEP.split(text[a:fs[i]])[-1]
            after = _ITEM_SEP.split(text[ms[i].end:b], 1)[0]
            if _ITEM_BEFORE.fullmatch(before) and _ITEM_AFTER.fullmatch(after):
                got.append(i)
        return got
    if how == "chain":
        order = _outer(ms, cands)
        cur = order[0]
        for nxt in order[1:]:
            if fs[nxt] != ms[cur].end and text[ms[cur].end:fs[nxt]] not in _CAPITAL_OF:
                break
            if _DIRECTION.match(text, ms[nxt].end):
                break       # 黄田铺镇|泉南高速东南方: a landmark to go by, not a container
            cur = nxt       # 山东省临沂…开发区, 自治区首府银川市: the inner one
        return [cur]
    raise ValueError(f"unknown pick {how!r}")


# Tags of a word that opens a clause with no subject of its own (不仅…, 被…, 并…,
# 还…, 广泛…, a verb): the clause goes on about the topic of the clause before.
_NO_SUBJECT = ("c", "d", "p", "v")


def _topic(ms, m, sent, base, types, how, pool, text, toks) -> list[int]:
    """The subject a clause takes: a name before the match in its own clause,
    else, when the clause names no subject at all (被广泛应用于), the name of the
    clause before, through clauses that open with no subject of their own
    (研发的“手撕镍带”,不仅打破国外垄断,被广泛应用于…).  A clause with an unnamed
    subject of its own (…的钛产品被广泛应用于) has none."""
    s = sent.text
    end = m.start()
    own = True
    while True:
        a = max(s.rfind(c, 0, end) for c in ",;:") + 1
        got = pick(ms, (base + a, base + end), types, how, pool, text)
        if got:
            return got
        tk = toks()
        i = max(tk.index(a), 0)
        words = []
        while i < len(tk.words) and tk.starts[i] < end:
            if tk.ends[i] > a and tk.words[i].strip():
                words.append(tk.tags[i])
            i += 1
        if own:
            if any(t[:1] in ("n", "r") for t in words):
                return []       # a subject of its own, not named
        elif not words or not words[0].startswith(_NO_SUBJECT) or words[0].startswith("vn"):
            return []
        if a == 0:
            return []
        end, own = a - 1, False


def _choose(ms, spec, m, sent, prev, base, pool=None, text="", above=None,
            toks=None, below=None) -> list[int]:
    """The mentions a subject/object/material spec takes; a region written
    ``name:pick`` (``prev:first``: the topic of the sentence before) has its own pick.
    ``toks`` gives the sentence's words (region ``topic``)."""
    regions = spec["region"] if isinstance(spec["region"], list) else [spec["region"]]
    if "unless" in spec or "skip_after" in spec:
        # unless: a name followed by it is skipped (新洋丰集团|旗下X: the owner, not
        # the party); skip_after: a name written after it (与|X: the partner, not the doer)
        unless, after = _spec_res(spec)
        pool = [i for i in (pool if pool is not None else range(len(ms)))
                if not (unless is not None and unless.match(text, ms[i].end)
                        or after is not None and after.search(text[max(0, fstart(ms, i, text) - 4):
                                                                  fstart(ms, i, text)]))]
    for r in regions:
        r, _, how = r.partition(":")
        if r == "topic":
            got = _topic(ms, m, sent, base, GROUPS[spec["types"]], how or spec.get("pick", "last"),
                         pool, text, toks)
            if got:
                return got
            continue
        span = _region(r, m, sent, prev, base, above, below)
        if span is None:
            continue
        got = pick(ms, span, GROUPS[spec["types"]], how or spec.get("pick", "last"), pool, text)
        if got:
            return got
    return []


_SPEC_RES: dict = {}


def _spec_res(spec) -> tuple:
    key = (spec.get("unless"), spec.get("skip_after"))
    got = _SPEC_RES.get(key)
    if got is None:
        got = _SPEC_RES[key] = (re.compile(key[0]) if key[0] else None,
                                re.compile("(?:" + key[1] + ")$") if key[1] else None)
    return got


def _trigger_re(k: Knowledge) -> re.Pattern | None:
    """One regex that finds every trigger word of every rule (overlaps too)."""
    if "trigger_re" not in k.extra:
        words = sorted({w for r in k.rules for w in r.needs}, key=lambda w: (-len(w), w))
        first = "".join(sorted({re.escape(w[0]) for w in words}))
        # the leading class lets the engine skip to the characters that start a word
        k.extra["trigger_re"] = re.compile(
            f"(?=[{first}])(?=(" + word_pattern(words) + "))") if words else None
    return k.extra["trigger_re"]


def _rule_index(k: Knowledge):
    """Per knowledge base: adjacency joiners, the rules with no trigger word,
    the classes each rule's emits need, and the rules of each trigger word."""
    got = k.extra.get("rule_index")
    if got is None:
        joiners = {adj["id"]: (re.compile(adj.get("joiner", "")),
                               re.compile(adj["after"]) if adj.get("after") else None,
                               re.compile(adj["before"]) if adj.get("before") else None)
                   for adj in k.adjacency}
        always = [i for i, r in enumerate(k.rules) if not r.needs]
        needs_of = [[(set(GROUPS[em["subject"]["types"]]), set(GROUPS[em["object"]["types"]]))
                     for em in r.emits] for r in k.rules]
        by_word = collections.defaultdict(list)
        for i, r in enumerate(k.rules):
            for w in r.needs:
                by_word[w].append(i)
        # the trigger regex finds the longest word at each position (投资建设的, not
        # 投资): a word stands for the rules of the words it starts with too
        words = list(by_word)
        by_word = {w: sorted(set(by_word[w]).union(*(by_word[v] for v in words if v != w and w.startswith(v))))
                   for w in words}
        got = k.extra["rule_index"] = (joiners, always, needs_of, by_word)
    return got


# A source a sentence cites: 根据/据/依据/按照 X 的?(批复|介绍|消息…), (记者)从/自 X 获悉/了解到
_CITED = re.compile(r"(?:^|(?<=[,:;]))(?:据|根据|依据|按照)(?P<src>[^,;。]{2,30}?)(?:的)?"
                    r"(?=核准批复|批复|介绍|消息|报道|统计|数据|显示|称|获悉|透露|说)"
                    r"|(?:记者)?(?:从|自)(?P<src2>[^,;。]{2,30}?)(?=获悉|了解到|得知)")
_NAMED_AFTER = ("Enterprise", "BusinessUnit")
_LOCAL = ("District", "Town", "Village", "Community")


def find_relations(article, k: Knowledge) -> None:
    """Fill ``article.relations`` and ``article.flows``."""
    ms: list[Mention] = article.mentions
    rels: list[Relation] = []
    seen = set()
    by_sentence = collections.defaultdict(list)
    for i, m in enumerate(ms):
        if m.sentence >= 0:
            by_sentence[m.sentence].append(i)

    def emit(si, pred, oi, sent, rule, conf, span=None):
        if si == oi or ms[si].name == ms[oi].name and ms[si].type == ms[oi].type:
            return
        if pred != "unitOf" and "pattern:dateline" in (ms[si].rule, ms[oi].rule):
            return        # the medium of a dateline reports the sentence, takes no part in it
        if pred == "locatedIn" and not _contains(ms[oi].rule, ms[si].rule):
            return        # 河南省…落户叶县: a province lies in no county of its own
        key = (ms[si].type, ms[si].name, pred, ms[oi].type, ms[oi].name, sent.index)
        if key in seen:
            return
        seen.add(key)
        # the ends named in this sentence (one may be in the sentence before or after)
        ends = [m for m in (ms[si], ms[oi]) if m.sentence == sent.index]
        starts = [m.start for m in ends] + list(span or ())
        stops = [m.end for m in ends] + list(span or ())
        a = max(min(starts), sent.start) if starts else sent.start
        b = min(max(stops), sent.end) if stops else sent.end
        if b <= a:
            a, b = sent.start, sent.end
        rels.append(Relation(si, pred, oi, sent.index, a, b, rule, conf))

    stated: list[Flow] = []

    def flow(si, oi, mats, sent, rule, conf, span):
        if si == oi or any(f.supplier == si and f.consumer == oi and f.materials == mats
                           for f in stated):
            return
        a = max(min(ms[si].start, ms[oi].start, span[0]), sent.start)
        b = min(max(ms[si].end, ms[oi].end, span[1]), sent.end)
        stated.append(Flow(si, oi, list(mats), sent.index, a, b, None, rule, conf))

    # nested names
    for i, m in enumerate(ms):
        if m.parent is not None and m.parent_rel:
            if m.parent_rel == "locatedIn" and m.type == "GovernmentBody" and \
                    ms[m.parent].type in PLACE_TYPES:
                continue      # 金昌市|委, 湖北省|政府: whose body it is, not a statement of where it
                # lies (the real corpus's guidelines: a place inside a place, 叙州区 -> 宜宾市)
            sent = article.sentences[m.sentence]
            emit(i, m.parent_rel, m.parent, sent, "pattern:nested-name", 0.9)
        elif m.parent is not None and m.type == "Project" and ms[m.parent].type == "Enterprise":
            # a project named after its company (亿纬锂能|动力储能电池项目) is its investment
            emit(m.parent, "investsIn", i, article.sentences[m.sentence],
                 "pattern:project-of-company", 0.8)
        elif m.parent is not None and m.type in _NAMED_AFTER and ms[m.parent].type in _LOCAL:
            # a company or plant named after its county, town or village (射洪县|锂盐厂,
            # 冕宁县|茂源稀土科技有限公司) lies there; a province or city prefix
            # (云南|恩捷新材料) is where it is registered, not a statement
            emit(i, "locatedIn", m.parent, article.sentences[m.sentence],
                 "pattern:named-after-place", 0.75)
        if m.type == "Project" and m.parent is not None and not m.coref and \
                ms[m.parent].type in PLACE_TYPES:
            # 山钢集团莱芜钢铁新疆有限公司|新疆|喀什|钢铁项目: the company named in full
            # at the head of the project's written name, before its places, invests in it
            j = m.parent
            while ms[j].type in PLACE_TYPES and ms[j].parent is not None:
                j = ms[j].parent
            if ms[j].type in ORG_TYPES and ms[j].name.endswith(tuple(k.legal)):
                emit(j, "investsIn", i, article.sentences[m.sentence], "pattern:owner-named", 0.75)

    prev_by_para = {}
    joiners, always, needs_of, by_word = _rule_index(k)
    trig = _trigger_re(k)
    for sent in article.sentences:
        prev = prev_by_para.get(sent.paragraph)
        prev_by_para[sent.paragraph] = sent
        above = article.sentences[sent.index - 1] if sent.index > 0 else None
        base = sent.start
        s = sent.text
        idx = by_sentence.get(sent.index, [])
        pool = idx + (by_sentence.get(above.index, []) if above is not None else [])
        below = None
        if prev is None and sent.index + 1 < len(article.sentences) and \
                article.sentences[sent.index + 1].paragraph == sent.paragraph:
            below = article.sentences[sent.index + 1]      # region "next"
            pool = pool + by_sentence.get(below.index, [])
        if len(pool) < 2:       # every fact needs two mentions
            continue
        if "据" in s or "从" in s or "自" in s:
            # 根据国家发展改革委核准批复, 记者从X获悉: the source a sentence cites is no
            # argument of what it says
            cited = [(base + a, base + b) for cm in _CITED.finditer(s)
                     for a, b in [cm.span("src") if cm.group("src") is not None else cm.span("src2")]]
            if cited:
                pool = [i for i in pool if not any(a <= ms[i].start and ms[i].end <= b
                                                   for a, b in cited)]
        present = set(trig.findall(s)) if trig is not None else ()
        toks = None                 # the sentence's words and tags, when a rule asks

        def words(s=s):
            nonlocal toks
            if toks is None:
                toks = Tokens(s, tagger(k))
            return toks
        wanted = set(always)
        for w in present:
            wanted.update(by_word.get(w, ()))
        pool_types = {ms[i].type for i in pool}
        for ri in sorted(wanted):
            rule = k.rules[ri]
            # every emit needs a subject and an object from this sentence or the one
            # before: when their classes are absent, the pattern cannot yield a fact
            if not any(pool_types & need_s and pool_types & need_o for need_s, need_o in needs_of[ri]):
                continue
            opts = rule.options
            inside = GROUPS[opts["not_inside"]] if "not_inside" in opts else None
            has = opts.get("clause_has")
            for m in rule.pattern.finditer(s):
                if has is not None:
                    # the clause of the match must say it (产能 with a quantity, not 产能最大)
                    ca = max(s.rfind(c, 0, m.start()) for c in ",;:") + 1
                    cb = min((x for x in (s.find(c, m.end()) for c in ",;:。") if x >= 0),
                             default=len(s))
                    if not has.search(s, ca, max(cb, m.end())):
                        continue
                if inside is not None:
                    at = base + m.start(opts["word"]) if "word" in opts else base + m.start()
                    if any(ms[i].type in inside and ms[i].start <= at < ms[i].end for i in idx):
                        continue    # 年产…项目: the trigger is inside a name
                if "word" in opts:
                    if not words().aligned(*m.span(opts["word"])):
                        continue    # 年产值: no 年产 there
                    if "not_after_tags" in opts:
                        w = toks.index(m.start(opts["word"])) - 1
                        if w >= 0 and toks.tags[w].startswith(opts["not_after_tags"]):
                            continue    # 各种|生产|要素: a modifier, no statement
                for em in rule.emits:
                    subs = _choose(ms, em["subject"], m, sent, prev, base, pool, article.text,
                                   above, words, below)
                    objs = _choose(ms, em["object"], m, sent, prev, base, pool, article.text,
                                   above, words, below)
                    mats = _choose(ms, em["material"], m, sent, prev, base, pool, article.text,
                                   above, words, below) if "material" in em else []
                    for si in subs:
                        for oi in objs:
                            if mats:        # a supply of named materials is a flow
                                flow(si, oi, mats, sent, f"rule:{rule.id}", rule.confidence,
                                     (base + m.start(), base + m.end()))
                            else:
                                emit(si, em["predicate"], oi, sent, f"rule:{rule.id}",
                                     rule.confidence, (base + m.start(), base + m.end()))
        starts = collections.defaultdict(list)
        for i in idx:
            starts[max(fstart(ms, i, article.text), sent.start)].append(i)
        # the names starting 0-3 characters after each name (most have none)
        near = {}
        for li in idx:
            end = ms[li].end
            got = [(gap, ri) for gap in range(4) for ri in starts.get(end + gap, ())]
            if got:
                near[li] = got
        for adj in k.adjacency if near else ():
            left, right = GROUPS[adj["left"]], GROUPS[adj["right"]]
            joiner, after, before = joiners[adj["id"]]
            for li in idx:
                if li not in near or ms[li].type not in left:
                    continue
                if before is not None and not before.search(article.text, sent.start, ms[li].start):
                    continue
                end = ms[li].end
                for gap, ri in near[li]:
                    if ms[ri].type not in right or not joiner.fullmatch(article.text[end:end + gap]):
                        continue
                    if any(o != ri and ms[o].end > ms[ri].end and ms[o].type in right
                           for o in starts[end + gap]):
                        continue    # 中福钛锆产业园项目, not its 中福钛锆产业园
                    if after is not None and not after.match(article.text, ms[ri].end, sent.end):
                        continue
                    if adj.get("direction", "left-right") == "left-right":
                        emit(li, adj["predicate"], ri, sent, f"adjacent:{adj['id']}",
                             float(adj.get("confidence", 0.75)))
                    else:
                        emit(ri, adj["predicate"], li, sent, f"adjacent:{adj['id']}",
                             float(adj.get("confidence", 0.75)))
        for co in k.cooccur:
            subs = [i for i in idx if ms[i].type in GROUPS[co["subject"]]
                    and ms[i].name.endswith(co.get("subject_suffix", ""))]
            objs = [i for i in idx if ms[i].type in GROUPS[co["object"]]
                    and ms[i].name.endswith(co.get("object_suffix", ""))]
            for si in subs:
                for oi in objs[:1]:
                    emit(si, co["predicate"], oi, sent, f"cooccur:{co['id']}",
                         float(co.get("confidence", 0.7)))

    _project_products(article, ms, emit, by_sentence)
    _gazetteer_places(article, ms, emit, by_sentence, k)
    _park_places(article, ms, rels, emit, k)
    _chain_steps(article, ms, emit, by_sentence, k)
    _context(article, ms, rels, emit, by_sentence)
    article.relations = rels
    article.flows = _flows(article, ms, rels) + stated


# What may follow a project's head product: words of making and of a plant, a
# phase, then the word for project (年产5万吨锂电池正极材料|项目, …电池|生产制造基地项目;
# 独居石|加工项目 processes what it names, 铜材加工项目 makes 铜带)
_PROJECT_TAIL = re.compile(r"(?:产业化?|产品|生产|制造|研发|基地|一体化|生产线|产线|工厂|联合装置|装置|车间|"
                           r"扩建|新建|技改|改扩建|技术改造|提升|升级|改造|建设|及配套|配套|精深加工|深加工|"
                           r"\(?[一二三四五]期\)?|[一二三四五]期工程)*(?:项目|工程)?")
# Between two products the project lists: a conjunction, and the quantity of the next
# (30万吨镍合金、50万吨不锈钢中板坯料及80万吨…)
_PRODUCT_AND = re.compile(r"\s*(?:、|和|与|以及|及)\s*(?:[\d.]+(?:万|亿|千)?(?:吨|GW|MW|GWh|套|台|条)?)?\s*")


def _contains(outer_rule: str, inner_rule: str) -> bool:
    """Whether a place of the gazetteer may hold another (both found there:
    ``gazetteer:CODE``): not when the other holds it (its code's own digits
    open this one's: a province its first two, a city its first four).  A
    name several places share (桥东区) may have been read as another one of
    them, so siblings are not judged; places the gazetteer did not give
    are not judged.

    >>> _contains("gazetteer:410000000000", "gazetteer:410422000000")
    True
    >>> _contains("gazetteer:410422000000", "gazetteer:410000000000")
    False

    Nor a place of a higher level (上海 in 昆山市: a province in a county):

    >>> _contains("gazetteer:320583000000", "gazetteer:310000000000")
    False
    """
    if not (outer_rule.startswith("gazetteer:") and inner_rule.startswith("gazetteer:")):
        return True
    outer, inner = outer_rule[10:], inner_rule[10:]
    own = inner.rstrip("0")
    own = inner[:max(2, len(own) + len(own) % 2)]
    return inner != outer and not outer.startswith(own) and _level(inner) >= _level(outer)


def _level(code: str) -> int:
    """0 for a province's code, 1 a city's, 2 a county's, 3 below."""
    if len(code) < 6 or not code[:6].isdigit():
        return 3
    return 0 if code[2:6] == "0000" else 1 if code[4:6] == "00" else 2 if code[6:].strip("0") == "" else 3


def _project_products(article, ms, emit, by_sentence) -> None:
    """A project named after a product produces it (3万吨海绵钛项目 -> 海绵钛)."""
    for i, m in enumerate(ms):
        if m.type != "Project":
            continue
        # a name inside the project's span lies in its sentence
        inner = [j for j in by_sentence.get(m.sentence, ()) if ms[j].type == "Product"
                 and m.start <= ms[j].start and ms[j].end <= m.end]
        # every product the name lists (抛光粉及萤光级氧化铕项目), outer names only
        outer = [j for j in inner if not any(
            o != j and ms[o].start <= ms[j].start and ms[j].end <= ms[o].end and
            ms[o].end - ms[o].start > ms[j].end - ms[j].start for o in inner)]
        outer.sort(key=lambda j: ms[j].start)
        # the head product: only words of making stand between it and 项目
        # (磷酸铁锂正极材料|项目, 储能电池|生产制造基地|项目); 稀土|永磁新材料产业项目
        # and 锂电池|回收项目 name no product made
        listed = [outer[-1]] if outer and _PROJECT_TAIL.fullmatch(
            article.text[ms[outer[-1]].end:m.end]) else []
        for x, y in zip(outer[::-1][1:], outer[::-1]):      # from the head backwards
            if listed and _PRODUCT_AND.fullmatch(article.text[ms[x].end:fstart(ms, y)]):
                listed.append(x)
            else:
                break     # 动力电池用|硫酸镍, 稀土采选|及…: a modifier, not a product made
        for j in listed:
            emit(i, "produces", j, article.sentences[m.sentence], "pattern:project-name", 0.85)


_ARROW = re.compile(r"\s*(?:→|->|—>|⇒|——|—|-)\s*")
_FROM_TO = re.compile(r"从(?P<a>[^。;,到]{1,20})到(?P<b>[^。;,]{1,50})")


def _chain_steps(article, ms, emit, by_sentence, k) -> None:
    """Materials written as a chain (钛矿→钛精矿→高钛渣, 铝土矿—氧化铝—绿色铝)
    or as 从X到Y: each step is ``inputTo`` the next.  A step may name what
    is done to its material (铝材精深加工—再生铝, 钛矿采选→钛精矿: an activity
    of ``[names] name_activities`` after the material)."""
    text = article.text
    acts = sorted(k.name_activities, key=len, reverse=True)
    for sent_i, idx in by_sentence.items():
        prods = sorted((i for i in idx if ms[i].type == "Product" and not ms[i].coref),
                       key=lambda i: (ms[i].start, -ms[i].end))
        sent = article.sentences[sent_i]
        for x, y in zip(prods, prods[1:]):
            gap = text[ms[x].end:ms[y].start]
            act = next((w for w in acts if gap.startswith(w)), "")
            if act and _ARROW.fullmatch(gap, len(act)):
                gap = gap[len(act):]
            if gap and _ARROW.fullmatch(gap):
                emit(x, "inputTo", y, sent, "pattern:chain-arrow", 0.8)
        if "从" in sent.text and "到" in sent.text:
            for m in _FROM_TO.finditer(sent.text):
                a0, b0 = sent.start + m.start("a"), sent.start + m.end("a")
                a1, b1 = sent.start + m.start("b"), sent.start + m.end("b")
                xs = [i for i in prods if a0 <= ms[i].start and ms[i].end <= b0]
                # 从钛矿采选到生产高钛渣、氯化法钛白粉、海绵钛: each product of the list
                ys = pick(ms, (a1, b1), ("Product",), "first-list", prods, text)
                for y in ys if xs else ():
                    emit(xs[-1], "inputTo", y, sent, "pattern:from-to", 0.7)


def _gazetteer_places(article, ms, emit, by_sentence, k) -> None:
    """Two places of the national gazetteer written one inside the other
    (云南省曲靖市): ``locatedIn`` the nearest level, with the gazetteer as the
    rule.  Two places apart in a sentence (莘县…山东省) state nothing."""
    g = k.gazetteer()
    if g is None:
        return
    for sent_i, idx in by_sentence.items():
        places = [i for i in idx if ms[i].rule.startswith("gazetteer:") and not ms[i].coref]
        if len(places) < 2:
            continue
        for i in places:
            if not g.unique(ms[i].name):
                continue
            p = g.by_code.get(ms[i].rule.split(":", 1)[1])
            if p is None:
                continue
            # the nearest level written right before it (四川省成都市, not 四川省…成都市,
            # nor 四川省 when 四川省成都市武侯区 names the city between)
            up = {q.code: n for n, q in enumerate(g.ancestors(p))}
            near = [j for j in places if j != i and ms[j].rule.split(":", 1)[1] in up
                    and ms[j].end <= ms[i].start]
            if not near:
                continue
            j = min(near, key=lambda j: (up[ms[j].rule.split(":", 1)[1]], -ms[j].end))
            if ms[j].end == ms[i].start:
                emit(i, "locatedIn", j, article.sentences[sent_i], "gazetteer:cpca", 0.8)
    _hierarchy(article, ms, emit, g)


def _hierarchy(article, ms, emit, g) -> None:
    """A place of the gazetteer lies in the nearest of its ancestors the
    article names anywhere (滕州市 … 枣庄市 -> 滕州市 locatedIn 枣庄市), the
    gazetteer the source of the fact and the sentence where the inner place
    is first named its evidence.  Only names the gazetteer holds once (no
    two places share them)."""
    firsts: dict[str, int] = {}
    for i, m in enumerate(ms):
        code = m.rule[len("gazetteer:"):] if m.rule.startswith("gazetteer:") else ""
        if code in g.by_code and not m.coref and m.sentence >= 0:
            firsts.setdefault(code, i)
    for code, i in firsts.items():
        if not g.unique(ms[i].name):
            continue
        for q in g.ancestors(g.by_code[code]):
            j = firsts.get(q.code)
            if j is not None:
                emit(i, "locatedIn", j, article.sentences[ms[i].sentence], "gazetteer:cpca-hierarchy",
                     0.75, span=(ms[i].start, ms[i].end))
                break


_HIER = ("Province", "City", "District")


def _park_places(article, ms, rels, emit, k) -> None:
    """A park named after a place lies in it (曲靖经济开发区 -> 曲靖市, 云南砚山产业园区 ->
    the 文山州 of 砚山县 when the article names no 砚山县), the place taken from the
    gazetteer: the innermost place written at the name's opening, else the place
    right above it when the article names that one.  It replaces the province the name is
    written after (云南|曲靖经济开发区: not 云南省)."""
    g = k.gazetteer()
    if g is None:
        return
    places: dict[str, int] = {}          # code -> the first mention of that place
    for i, m in enumerate(ms):
        if m.coref or m.type not in _HIER or m.sentence < 0 or not g.unique(m.name):
            continue
        p = g.lookup(m.name)
        if p is not None and p.type == m.type:
            places.setdefault(p.code, i)
    if not places:
        return
    drop = set()
    for i, m in enumerate(ms):
        if m.type != "Park" or m.coref or m.sentence < 0:
            continue
        own = article.text[m.start:m.end]
        inner, at = None, 0
        while True:                     # 云南|砚山|产业园区: the innermost
            p, n = opening_place(own[at:], k, rest=3, unique=True)
            if p is None or inner is not None and inner.code not in {q.code for q in g.ancestors(p)}:
                break
            inner, at = p, at + n
        if inner is None:
            continue
        j = next((places[q.code] for q in [inner] + g.ancestors(inner)[:1] if q.code in places), None)
        if j is None:
            continue
        emit(i, "locatedIn", j, article.sentences[m.sentence], "gazetteer:park-name", 0.65)
        if m.parent is not None and ms[m.parent].type in _HIER and ms[m.parent].name != ms[j].name:
            drop.add((i, m.parent))
    if drop:
        rels[:] = [r for r in rels if not (r.predicate == "locatedIn" and r.rule == "pattern:nested-name"
                                           and (r.subject, r.object) in drop)]


def _context(article, ms, rels, emit, by_sentence) -> None:
    located = {ms[r.subject].name for r in rels if r.predicate == "locatedIn"}
    # villages in the town their sentence is about
    for i, m in enumerate(ms):
        if m.type != "Village" or m.name in located or m.coref:
            continue
        sent = article.sentences[m.sentence]
        towns = [j for j in by_sentence.get(m.sentence, ()) if ms[j].type == "Town"
                 and ms[j].start < m.start and not ms[j].coref]
        if len(towns) >= 1:
            emit(i, "locatedIn", towns[0], sent, "context:sentence-town", 0.6)
            located.add(m.name)
    # villages (…村; a 村民小组 lies in a village) in the one town the article names,
    # when their sentence names none
    towns = {m.name: j for j, m in enumerate(ms) if m.type == "Town" and not m.coref}
    if len(towns) == 1:
        (town,) = towns.values()
        for i, m in enumerate(ms):
            if m.type == "Village" and m.name.endswith("村") and m.name not in located and \
                    not m.coref and \
                    not ms[town].name.endswith(m.name):
                emit(i, "locatedIn", town, article.sentences[m.sentence], "context:article-town", 0.5)
                located.add(m.name)
    # towns in the district their sentence names first, else the one the article is about
    counts = collections.Counter(m.name for m in ms if m.type == "District" and not m.coref)
    if not counts:
        return
    main = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    target = next(j for j, m in enumerate(ms) if m.name == main and m.type == "District")
    for i, m in enumerate(ms):
        if m.type == "Town" and m.name not in located and not m.coref:
            here = [j for j in by_sentence.get(m.sentence, ()) if ms[j].type == "District"
                    and not ms[j].coref and ms[j].end <= m.start]
            if here:
                emit(i, "locatedIn", here[-1], article.sentences[m.sentence],
                     "context:sentence-district", 0.6)
            else:
                emit(i, "locatedIn", target, article.sentences[m.sentence],
                     "context:article-district", 0.5)
            located.add(m.name)


def _flows(article, ms, rels) -> list[Flow]:
    flows = []
    by_sent = collections.defaultdict(list)
    for r in rels:
        by_sent[r.sentence].append(r)
    figures = getattr(article, "figures", [])
    figs_in = collections.defaultdict(list)
    for fi, f in enumerate(figures):
        figs_in[f.sentence].append(fi)
    for sidx in sorted(by_sent):
        rs = by_sent[sidx]
        byp = [(r.subject, r.object) for r in rs if r.predicate == "byProduct"]
        con = [(r.subject, r.object) for r in rs if r.predicate == "consumes"]
        for s, mat in byp:
            for c, mat2 in con:
                if ms[mat].name != ms[mat2].name or ms[s].name == ms[c].name:
                    continue
                sent = article.sentences[sidx]
                qty = None
                for fi in figs_in.get(sidx, ()):
                    f = figures[fi]
                    gap = article.text[f.end:ms[mat].start]
                    if 0 <= ms[mat].start - f.end <= 4 and \
                            "," not in gap and "和" not in gap and f.unit == "TONNE":
                        qty = fi
                a = min(ms[s].start, ms[c].start, ms[mat].start)
                b = max(ms[s].end, ms[c].end, ms[mat].end)
                if any(fl.supplier == s and fl.consumer == c and fl.materials == [mat]
                       for fl in flows):
                    continue
                flows.append(Flow(s, c, [mat], sidx, max(a, sent.start), min(b, sent.end), qty))
    return flows
