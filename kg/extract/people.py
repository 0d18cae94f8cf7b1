"""The ``people`` stage: persons with roles, and words that refer back.

* ``ORG ROLE NAME`` and ``PLACE ROLE NAME`` (金昌市工信局副局长汤之涛表示,
  头沟村村民都智发是…): a person, a role holding at the organisation or place.
* a role after a generic noun (车间副主任王磊): the noun refers back to the
  last organisation whose name ends with it.
* 该公司 / 该集群 / 全市 / 全区: refer to the last enterprise / cluster, or the
  article's main city / district.
* the byline of an article is a person with the role 记者.
"""
from __future__ import annotations

import bisect
import collections
import re

from ..knowledge import ORG_TYPES, PLACE_TYPES, Knowledge, word_pattern
from .lexical import Tokens, person_names, tagger
from .model import Mention, RoleHolding

_COREF = {
    "该公司": ("Enterprise",), "该企业": ("Enterprise",), "该集团": ("Enterprise",),
    "该集群": ("IndustrialCluster",), "该项目": ("Project",),
    "该园区": ("Park",), "该园": ("Park",), "该基地": ("Park",), "该开发区": ("Park",),
    "该合作社": ("Organization",), "该厂": ("BusinessUnit",),
    "该村": ("Village",), "该镇": ("Town",),
}
# A bare class noun that is a word of its own, not after a modifier (入驻园区, 园区将…,
# 这家园区, 合作社成立后, 自治区主席: not 省级园区, 产业园区): the park, cooperative or
# autonomous region the article is about
_BARE = {"园区": ("Park",), "产业园": ("Park",), "合作社": ("Organization",), "自治区": ("Province",),
         "项目": ("Project",)}
_MODIFIER_TAGS = ("n", "a", "b", "m", "q", "vn", "j", "l", "i")
_WHOLE = {"全市": "City", "全区": "District", "全县": "District", "全镇": "Town"}
# 市委书记陈云, 副市长何恩广, 县政府县长…: a role of the city, district or town
# named by its one administrative character alone is held at the article's
# main place of that level
_ADMIN_CHAR = {"市": "City", "区": "District", "县": "District", "镇": "Town", "乡": "Town", "村": "Village"}
# (村党支部书记刘广龙: the village's party branch, as 镇党委书记 is the town's committee)
_BODIES = "(?:委|政府|党委|人大|政协|党支部|党总支)"
_BARE_ADMIN = re.compile(rf"(?:^|[^\u4e00-\u9fff]|、)(?P<c>[市区县镇乡村]){_BODIES}?$")
# 根子镇|镇委书记: the body a place's own character names right after the place
_OWN_BODY = re.compile(rf"(?P<c>[市区县镇乡村]){_BODIES}$")
_REF_RE = re.compile("|".join(map(re.escape, list(_COREF) + list(_WHOLE))))
_BARE_RE = re.compile("|".join(map(re.escape, _BARE)))


def _admin_char(s: str, r: int, role: str, name_before: int = 0) -> int | None:
    """Where the one administrative character naming the role's place stands,
    when nothing else names it: 市委|书记 (the character before the role, with
    委/政府… after it), 副市长 (inside the role, with no name before it other
    than the holder's own, ``name_before`` characters: 刘长林|副市长), else
    ``None``."""
    am = _BARE_ADMIN.search(s, 0, r - name_before)
    if am:
        return am.start("c")
    bare = role[1:] if role.startswith(("副", "代")) else role
    q = r - name_before
    if len(bare) == 2 and bare[0] in _ADMIN_CHAR and bare[1] == "长" and not (
            q > 0 and "\u4e00" <= s[q - 1] <= "\u9fff" and s[q - 1] != "、"):
        return r + role.index(bare[0])
    return None


def _honorific(s: str, i: int, k: Knowledge) -> bool:
    """王先生, 张大妈: a surname and a form of address at ``s[i]``."""
    return s.startswith(k.honorifics, i + 1)


# Tags (by first letter) of a word that may follow a name: a verb, preposition,
# adverb, conjunction or particle (主任吴宏亮|向记者, 村民辛耀邦|看着, 林昌平|高兴地)
_AFTER_NAME_TAGS = ("v", "p", "d", "c", "u", "r")
_AFTER_NAME_ALSO = ("a", "b")       # (林昌平|高兴/b|地介绍: an adjective of manner)


def _name_after(s: str, i: int, k: Knowledge, toks=None) -> str:
    """A 2- or 3-character personal name starting at ``s[i]``, or ``""``.
    Past the words known to follow names, the sentence's words decide
    (``toks``, a callable giving its :class:`Tokens`): the name ends where a
    word of a verb, preposition, adverb, conjunction or particle starts."""
    if i >= len(s) or s[i] not in k.surnames:
        return ""
    got = _name_after_words(s, i, k)
    if len(got) == 3 and toks is not None:
        # 罗军|既/c|是: the third character is a word of its own the tags read as
        # a conjunction or preposition: the name is the two before it (an adverb
        # may end a name: 王方太)
        t = toks()
        w = t.word_at(i + 2)
        if w is not None and w[0] == i + 2 and w[1] == i + 3 and w[3][:1] in ("c", "p") \
                and t.aligned(i, i):
            return got[:2]
    if got or toks is None:
        return got
    t = toks()
    for n in (3, 2):
        e = i + n
        if e >= len(s) or not all("\u4e00" <= c <= "\u9fff" for c in s[i:e]) or not t.aligned(e, e):
            continue
        if s[i + 1:e] in k.honorifics or s[i + 1:e].startswith(k.honorifics):
            return ""
        w = t.word_at(e)
        w0 = t.word_at(i)
        if w is not None and w[3][:1] in _AFTER_NAME_TAGS + _AFTER_NAME_ALSO and \
                t.aligned(i, i) and w0 is not None and w0[3][:1] not in _AFTER_NAME_TAGS:
            return s[i:e]         # (not 主任|都/d|可以: an adverb opens no name)
    return ""


def _name_before(s: str, r: int, e: int, k: Knowledge) -> str:
    """A 2- or 3-character personal name ending at ``s[r]``, where a title
    starts that ends at ``e`` and a word that follows names (说, 表示, 在 ...)
    or a punctuation mark comes next: 刘长林|副市长|在讲话中强调.  The name
    opens the sentence or follows a punctuation mark."""
    rest = s[e:e + 1]
    if rest and "\u4e00" <= rest <= "\u9fff" and not s.startswith(k.after_name, e):
        return ""
    for n in (3, 2):
        a = r - n
        cand = s[a:r]
        if a < 0 or cand[0] not in k.surnames or \
                not all("\u4e00" <= c <= "\u9fff" for c in cand):
            continue
        if a > 0 and s[a - 1] not in ",。;:!?、“”‘’()() ":
            continue
        if cand[1:] in k.honorifics or any(cand.endswith(x) for x in k.roles) or \
                cand[-1] in _PLACE_ENDS:
            continue          # (王村|书记: a village's, 全媒体|记者: a word)
        if any(len(w) >= 2 and not g.startswith("nr") for w, g in tagger(k).tag(cand)):
            continue          # a word of the dictionary that names no one (全|媒体)
        return cand
    return ""


_PLACE_ENDS = frozenset("省市县区州旗盟镇乡村屯组")


def _name_after_words(s: str, i: int, k: Knowledge) -> str:
    honorifics, after = k.honorifics, k.after_name
    for n in (3, 2):
        cand = s[i:i + n]
        if len(cand) < n or not all("\u4e00" <= c <= "\u9fff" for c in cand):
            continue
        # 王总 / 李书记: a surname and an honorific, not a name
        if cand[1:].startswith(honorifics) or s[i + 1:i + n + 1] in honorifics:
            return ""
        if n == 3 and s.startswith(after, i + 2):
            continue                    # the third character starts a word after names
        rest = s[i + n:i + n + 1]
        if not rest or not ("\u4e00" <= rest <= "\u9fff") or s.startswith(after, i + n):
            return cand
    return ""


def find_people(article, k: Knowledge) -> None:
    """Add person and reference mentions and role holdings to ``article``."""
    ms: list[Mention] = article.mentions
    holdings: list[RoleHolding] = []
    role_re = k.extra.get("role_re")
    if role_re is None:
        # a trie of the roles in the file's order (the first listed wins)
        role_re = k.extra["role_re"] = re.compile(word_pattern(k.roles))
    speech_re = k.extra.get("speech_re")
    if speech_re is None:
        # one search for "any speech verb in the sentence"
        speech_re = k.extra["speech_re"] = re.compile(
            word_pattern(sorted(set(k.speech_verbs), key=lambda w: (-len(w), w))))
    surnames = k.surnames
    counts = collections.Counter(m.name for m in ms if m.type in PLACE_TYPES and not m.coref)
    types_of = collections.defaultdict(set)
    for m in ms:
        types_of[m.name].add(m.type)
    def most_named(t, suffix=""):
        cands = [(c, n) for n, c in counts.items() if t in types_of[n] and n.endswith(suffix)]
        return max(cands)[1] if cands else None

    main = {t: n for t in ("City", "District", "Town", "Village") if (n := most_named(t))}
    if "City" not in main and (n := most_named("District", "市")):
        main["City"] = n        # a county-level city (济源市, 昆山市) when no prefecture is named
    new: list[Mention] = []
    first_named: dict[str, Mention] = {}    # level -> the first mention of its main place

    def main_ref(t: str) -> Mention | None:
        """The first mention of the article's main place of level ``t``."""
        if t not in main:
            return None
        if t not in first_named:
            first_named[t] = next(m for m in ms if m.name == main[t] and (
                m.type == t or t == "City" and m.type == "District"))
        return first_named[t]
    index = _EndIndex(ms, new)
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(ms):
        by_sentence.setdefault(m.sentence, []).append(i)
    for sent in article.sentences:
        s = sent.text
        base = sent.start
        in_sent = by_sentence.get(sent.index, [])
        tagged = {}                 # start -> end of the names the tagger finds
        # (only where a role or a speech verb could go with a name)
        if (role_re.search(s) or speech_re.search(s)) and not surnames.isdisjoint(s):
            tagged = dict(person_names(s, tagger(k), k.surnames))
        used = set()
        n_new = len(new)

        def sent_toks(s=s, cache=[]):       # the sentence's words, built once when asked
            if not cache:
                cache.append(Tokens(s, tagger(k)))
            return cache[0]
        if _BARE_RE.search(s):
            _bare_refs(s, base, sent.index, in_sent, ms, new, index, k, sent_toks)
        bare_here = [(len(ms) + j, new[j]) for j in range(n_new, len(new))]
        chain = []       # roles before this one, joined by 、/兼, with no name of their own
        last_holder, last_end = None, -2    # the holding before, and where its name ends
        chain_end = -1   # where the last of them ends
        for rm in role_re.finditer(s):
            role = rm.group()
            name = _name_after(s, rm.end(), k, toks=sent_toks)
            t_end = tagged.get(rm.end())
            if t_end is not None and _honorific(s, rm.end(), k):
                t_end = None
            if t_end is not None and (not name or t_end - rm.end() > len(name)):
                name = s[rm.end():t_end]           # 村民梁中全的: the tagger's name
            if name:
                used.add(rm.end())
            a = base + rm.start()
            before = ""
            if not name:
                before = _name_before(s, rm.start(), rm.end(), k)
                if before and any(ms[i].start < a and a - len(before) < ms[i].end for i in in_sent):
                    before = ""
            # what the role is held at: a name that ends where the role starts
            holder = None
            for i in in_sent:
                m = ms[i]
                if m.end == a and (m.type in ORG_TYPES or m.type in PLACE_TYPES):
                    if holder is None or ms[holder].start > m.start:
                        holder = i
            if holder is None:          # 自治区|主席: the word that refers to the region
                holder = next((j for j, m in bare_here if m.end == a), None)
            if holder is None and not before:
                # 根子镇|镇委|书记, 白桥镇|镇政府|镇长: the body named by the place's own
                # administrative character right after the place; the role is the place's
                bm = _OWN_BODY.search(s, 0, rm.start())
                if bm and s[bm.start() - 1:bm.start()] == bm.group("c"):
                    pa = base + bm.start()
                    own = [i for i in in_sent if ms[i].end == pa and ms[i].type in PLACE_TYPES
                           and ms[i].name.endswith(bm.group("c")) and not ms[i].coref]
                    holder = max(own, key=lambda i: ms[i].start, default=None)   # 根子镇, not 高州市根子镇
                    if holder is not None:
                        role = bm.group() + role
            # a party unit's secretary holds the role at what the unit belongs
            # to (大廖村党支部|书记: 党支部书记 of 大廖村)
            if holder is not None and index.at(holder).parent is not None and \
                    index.at(holder).name.endswith(_PARTY_UNITS):
                unit = next(u for u in _PARTY_UNITS if index.at(holder).name.endswith(u))
                role = unit + role
                holder = index.at(holder).parent
            if holder is None and (name or s.startswith(_ROLE_AND, rm.end())):
                # 乐牧公司|办公室|主任卢美蓉, …公司|养殖|技术人员: a unit or trade of the
                # organisation written between it and the role (nouns only, whole words;
                # a verb of two characters right before the role qualifies it: …有限公司|
                # 执行|董事、…)
                for i in in_sent:
                    m = ms[i]
                    if m.type in ORG_TYPES and not m.coref and 0 < a - m.end <= 8 and \
                            (holder is None or ms[holder].end < m.end):
                        toks_of = sent_toks()
                        g0, g1 = m.end - base, rm.start()
                        if not toks_of.aligned(g0, g1):
                            continue
                        w = toks_of.index(g0)
                        tags = []
                        while w < len(toks_of.words) and toks_of.starts[w] < g1:
                            tags.append(toks_of.tags[w])
                            w += 1
                        if tags and all(t.startswith("n") or t in ("vn", "j") for t in tags[:-1]) and (
                                tags[-1].startswith("n") or tags[-1] in ("vn", "j")
                                or tags[-1] == "v" and len(toks_of.words[w - 1]) == 2):
                            holder = i
                if holder is not None:
                    role = s[ms[holder].end - base:rm.start()] + role
            if holder is None:
                for ref in k.back_refs:
                    if s[:rm.start()].endswith(ref):
                        target = index.last_before(a, lambda m, ref=ref: m.name.endswith(ref)
                                                   and m.type in ORG_TYPES + PLACE_TYPES
                                                   and not m.coref)
                        if target is not None:
                            t = index.at(target)
                            new.append(Mention(a - len(ref), a, ref, t.type, t.name,
                                               f"coref:back-ref:{ref}", 0.7,
                                               sentence=sent.index, coref=True,
                                               catalogue_id=t.catalogue_id, en=t.en))
                            holder = len(ms) + len(new) - 1
                        break
            at = _admin_char(s, rm.start(), role, len(before)) \
                if holder is None and (name or before) else None
            ref = main_ref(_ADMIN_CHAR[s[at]]) if at is not None else None
            if ref is not None:             # 市委书记陈云: held at the article's city
                c, ca = s[at], base + at
                new.append(Mention(ca, ca + 1, c, ref.type, ref.name, f"coref:{c}", 0.65,
                                   sentence=sent.index, coref=True,
                                   catalogue_id=ref.catalogue_id, en=ref.en))
                holder = len(ms) + len(new) - 1
            # 党委书记、董事长何光亮, 副总裁兼总工程师丰平: a role right after another one and
            # its 、/兼 is held where that one is; 局长、…副链长韩明芳: the person holds each
            if chain and (rm.start() - chain_end > 25 or not s.startswith(_ROLE_AND, chain_end)
                          or any(c in s[chain_end:rm.start()] for c in ",;。:“”")):
                chain = []
            if holder is None and chain and s.startswith(_ROLE_AND, chain_end) and \
                    rm.start() - chain_end == 1:
                holder = chain[-1][1]
            elif holder is None and chain and s.startswith(_ROLE_AND, chain_end) and \
                    s[chain_end + 1:rm.start()] in _PARTY_UNITS:
                # 执行董事、|党支部|书记、总经理张永胜: the party unit of the same place
                role = s[chain_end + 1:rm.start()] + role
                holder = chain[-1][1]
            # 赛迪集团总经理余朝晖、副总经理杜社: the next person of a list, at the same place
            if holder is None and last_holder is not None and rm.start() == last_end + 1 and \
                    s[last_end] == "、":
                holder = last_holder
            # 零陵区委副书记、区长龙亮: a head of government holds the role at the place, not
            # at its party committee
            if holder is not None and role.endswith(_GOV_HEADS) and \
                    index.at(holder).name.endswith(("委", "党委", "党工委")) and \
                    index.at(holder).parent is not None:
                holder = index.at(holder).parent
            # 66岁的村民田文荣: a villager of the village the sentence names
            if holder is None and role in _RESIDENTS:
                near = [i for i in in_sent if ms[i].type in _RESIDENTS[role] and not ms[i].coref
                        and ms[i].end <= a]
                if near:
                    holder = max(near, key=lambda i: ms[i].end)
            if before:
                # 刘长林副市长在讲话中强调: the name written before the title
                p0 = a - len(before)
                person = Mention(p0, a, before, "Person", before, "people:name-role", 0.75,
                                 sentence=sent.index)
                new.append(person)
                holdings.append(RoleHolding(len(ms) + len(new) - 1, role, holder, sent.index,
                                            p0, base + rm.end(), "people:name-role",
                                            0.75 if holder is not None else 0.65))
                used.add(rm.end())
                chain = []
                continue
            if not name:
                if s.startswith(_ROLE_AND, rm.end()):
                    chain.append((role, holder, a))
                    chain_end = rm.end()
                else:
                    chain = []
                continue
            p0 = base + rm.end()
            person = Mention(p0, p0 + len(name), name, "Person", name, "people:role-name", 0.85,
                             sentence=sent.index)
            new.append(person)
            holdings.append(RoleHolding(len(ms) + len(new) - 1, role, holder, sent.index,
                                        index.at(holder).start if holder is not None else a,
                                        p0 + len(name), "people:role-name",
                                        0.85 if holder is not None else 0.7))
            for role0, holder0, a0 in chain:
                holdings.append(RoleHolding(len(ms) + len(new) - 1, role0, holder0, sent.index,
                                            index.at(holder0).start if holder0 is not None else a0,
                                            p0 + len(name), "people:role-chain",
                                            0.8 if holder0 is not None else 0.65))
            chain = []
            last_holder, last_end = holder, rm.end() + len(name)
        # a name the tagger finds before a speech verb (董友光说), with no role
        taken = [(m.start - base, m.end - base) for m in (ms[i] for i in in_sent)] + \
                [(m.start - base, m.end - base) for m in new if m.sentence == sent.index]
        for a0, b0 in tagged.items():
            if a0 in used or any(x < b0 and a0 < y for x, y in taken) or _honorific(s, a0, k):
                continue
            if s.startswith(k.speech_verbs, b0) or s.startswith(("告诉", "笑着说", "介绍说"), b0):
                new.append(Mention(base + a0, base + b0, s[a0:b0], "Person", s[a0:b0],
                                   "people:tagged-name", 0.75, sentence=sent.index))
        if "家" in s and sent.index > 0:
            _counted_refs(article, s, base, sent.index, in_sent, by_sentence, ms, new)
        hits = _REF_RE.findall(s) if "该" in s or "全" in s else ()
        if not hits:
            continue
        for word, types in _COREF.items():
            if word not in hits:
                continue
            for cm in re.finditer(word, s):
                a = base + cm.start()
                target = index.last_before(a, lambda m, types=types: m.type in types and not m.coref)
                if target is not None:
                    t = index.at(target)
                    new.append(Mention(a, a + len(word), word, t.type, t.name, f"coref:{word}",
                                       0.7, sentence=sent.index, coref=True,
                                       catalogue_id=t.catalogue_id, en=t.en))
        for word, t in _WHOLE.items():
            if t not in main or word not in hits:
                continue
            for cm in re.finditer(word, s):
                a = base + cm.start()
                ref = main_ref(t)
                new.append(Mention(a, a + len(word), word, t, ref.name, f"coref:{word}", 0.7,
                                   sentence=sent.index, coref=True,
                                   catalogue_id=ref.catalogue_id, en=ref.en))
    _repeated_names(article, k, ms, new)
    _bylines_in_text(article, k, new, holdings, len(ms))
    byline = article.meta.get("byline", "").strip()
    if byline and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", byline):
        first = article.sentences[0] if article.sentences else None
        if first:
            new.append(Mention(first.start, first.start, byline, "Person", byline,
                               "people:byline", 0.9, sentence=first.index))
            holdings.append(RoleHolding(len(ms) + len(new) - 1, "记者", None, first.index,
                                        first.start, first.start, "people:byline", 0.9))
    ms.extend(new)
    article.roles = holdings


def _bare_refs(s, base, si, in_sent, ms, new, index, k, sent_toks=None) -> None:
    """园区 / 合作社 written alone (a word of the rjieba segmentation, after no
    modifier, inside no name): a mention of the park / cooperative the article
    has named most often so far (the later one on a tie).  ``sent_toks``, when
    given, returns the sentence's words already built."""
    toks = None
    for cm in _BARE_RE.finditer(s):
        a, b = base + cm.start(), base + cm.end()
        if any(ms[i].start < b and a < ms[i].end for i in in_sent):
            continue                    # part of a name (宁晋盐化工园区)
        if toks is None:
            toks = sent_toks() if sent_toks is not None else Tokens(s, tagger(k))
        if not toks.aligned(cm.start(), cm.end()):
            continue                    # 园区经济 … as one word
        w = toks.index(cm.start())
        if w > 0 and toks.tags[w - 1].startswith(_MODIFIER_TAGS) and toks.words[w - 1].strip():
            continue                    # 省级|园区, 产业|园区: a kind of park, not the one
        if cm.group() == "项目" and (w > 0 and toks.words[w - 1].endswith("期") or any(
                ms[i].end == a - (len(toks.words[w - 1]) if w > 0 and toks.words[w - 1].endswith("期") else 0)
                and ms[i].type in ORG_TYPES for i in in_sent)):
            continue                    # …有限公司|一期|项目: the company's phase, no project named
        types = _BARE[cm.group()]
        # the one the article is about so far: named most often before, the later on a tie
        seen = {}
        for m in ms:
            # (自治区, like 全市, means the region of the whole article)
            if m.type in types and not m.coref and (m.end <= a or types == ("Province",)) and \
                    (cm.group() != "自治区" or m.name.endswith("自治区")):   # (not 广东省)
                # 河北|宁晋盐化工园区 and 宁晋盐化工园区 are one park
                own = m.name if m.parent is None else m.name[-(m.end - m.start):]
                c, _, _ = seen.get(own, (0, 0, m))
                seen[own] = (c + 1, m.end, m)
        if seen:
            t = max(seen.values(), key=lambda x: (x[0], x[1]))[2]
            new.append(Mention(a, b, cm.group(), t.type, t.name, f"coref:{cm.group()}", 0.65,
                               sentence=si, coref=True, catalogue_id=t.catalogue_id, en=t.en))


# 6家企业 / 这6家公司: a count of companies, written where no name is
_COUNT_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,2}|[两三四五六七八九十]{1,3})家(?P<kind>[^,。;、:“”()]{0,12}?)"
                       r"(?:企业|公司)")
_DIGITS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _count(n: str) -> int:
    if n.isdigit():
        return int(n)
    if "十" not in n:
        return _DIGITS.get(n, 0)
    a, _, b = n.partition("十")
    return (_DIGITS.get(a, 0) if a else 1) * 10 + (_DIGITS.get(b, 0) if b else 0)


def _counted_refs(article, s, base, si, in_sent, by_sentence, ms, new) -> None:
    """6家企业将在九龙坡区投资…: a count of companies that names none, right after a
    sentence that names exactly that many (…、群翌能源股份有限公司6家氢燃料电池头部企业与…),
    refers to them: one mention for each, all on the words of the count."""
    for cm in _COUNT_RE.finditer(s):
        a, b = base + cm.start(), base + cm.end()
        n = _count(cm.group("n"))
        if n < 2:
            continue
        if any(ms[i].end > a - 3 and ms[i].start < b and ms[i].type in ORG_TYPES for i in in_sent):
            continue            # the names are written right there (A、B等2家企业)
        before = [ms[i] for i in by_sentence.get(si - 1, ()) if ms[i].type == "Enterprise"
                  and not ms[i].coref]
        names = list(dict.fromkeys(m.name for m in before))
        if len(names) != n:
            continue
        first = {}
        for m in before:
            first.setdefault(m.name, m)
        for name in names:
            t = first[name]
            new.append(Mention(a, b, cm.group(), t.type, t.name, "coref:count", 0.6,
                               sentence=si, coref=True, catalogue_id=t.catalogue_id, en=t.en))


_PARTY_UNITS = ("党总支", "党支部", "党委", "党组")
_ROLE_AND = ("、", "兼")
# heads of a place's government (not of its party committee)
_GOV_HEADS = ("省长", "市长", "区长", "县长", "州长", "旗长", "镇长", "乡长", "村长", "主席")
# residents: of the village or community their sentence names before them
_RESIDENTS = {"村民": ("Village",), "居民": ("Community", "Village", "Town")}
_NAME = "[\u4e00-\u9fff]{2,3}"
_GAP = "[ \u3000\t]+"


def _repeated_names(article, k: Knowledge, ms: list, new: list) -> None:
    """A person's name written again, alone, after the sentence that named
    them with a role or a speech verb (村民罗军既是…。罗军起初只种…): a mention
    of that person where the name stands on word boundaries of the tagger and
    inside no other name."""
    first: dict[str, int] = {}          # name -> where it is first written
    for m in new:
        if m.type == "Person" and not m.coref and 2 <= len(m.name) <= 4 and m.end > m.start:
            first[m.name] = min(m.start, first.get(m.name, m.start))
    if not first:
        return
    rx = re.compile("|".join(map(re.escape, sorted(first, key=lambda n: (-len(n), n)))))
    taken = [(m.start, m.end) for m in (*ms, *new) if m.end > m.start]
    added = []
    for sent in article.sentences:
        s, base = sent.text, sent.start
        toks = None
        for hit in rx.finditer(s):
            a, b = base + hit.start(), base + hit.end()
            if a <= first[hit.group()]:
                continue
            if any(x < b and a < y for x, y in taken):
                continue
            if toks is None:
                toks = Tokens(s, tagger(k))
            if not toks.aligned(hit.start(), hit.end()):
                continue
            added.append(Mention(a, b, hit.group(), "Person", hit.group(), "people:repeated-name",
                                 0.7, sentence=sent.index))
    new.extend(added)


def _bylines_in_text(article, k: Knowledge, new: list, holdings: list, n_before: int) -> None:
    """Reporters named in the text: 记者 王培源, (记者 王崎鉴 刘茜), 通讯员 毛羽 —
    a byline word, then names of 2-3 characters, each followed by a space, a
    closing bracket or the end of the line (so 记者 朱松梅 七点出头 names one)."""
    if not k.byline_words:
        return
    rx = k.extra.get("byline_re")
    if rx is None:
        rx = k.extra["byline_re"] = re.compile(
            "(?:" + "|".join(map(re.escape, k.byline_words)) + ")" + _GAP +
            f"(?P<names>{_NAME}(?:{_GAP}{_NAME})*)(?=[)）]|{_GAP}|$)")
    rx2 = k.extra.get("byline_re2")
    if rx2 is None:
        # (记者方勇华、通讯员朱灿义), (全媒体记者/潘东晓): no space, but a bracket
        # closing the byline, or the next byline word, right after each name
        words = "(?:" + "|".join(map(re.escape, k.byline_words)) + ")"
        sur = "[" + re.escape("".join(sorted(k.surnames))) + "]"
        rx2 = k.extra["byline_re2"] = re.compile(
            words + "/?" + f"(?P<names>{sur}[\u4e00-\u9fff]{{1,2}})(?=[)）]|、{words})")
    _unmarked_bylines(article, k, new, holdings, n_before)
    for sent in article.sentences:
        s = sent.text
        if not any(w in s for w in k.byline_words):
            continue
        found = list(rx.finditer(s))
        seen = {m.start("names") for m in found}
        found += [m for m in rx2.finditer(s) if m.start("names") not in seen and
                  any(s.rfind(o, 0, m.start()) > max(s.rfind(c, 0, m.start()) for c in ")）")
                      for o in "(（")]
        for bm in found:
            pos = bm.start("names")
            # 证券时报记者 王明弘: the reporter of the organisation written before
            at = sent.start + bm.start()
            # 云南网讯(记者 赵岗): the paper before 讯 and the bracket
            lead = re.search(r"讯?\s*[(（]?\s*$", s[:bm.start()])
            at0 = sent.start + (lead.start() if lead else bm.start())
            org = next((i for i, m in enumerate(article.mentions) if m.sentence == sent.index
                        and at0 <= m.end <= at and m.type in ORG_TYPES and not m.coref), None)
            orgs = [org] if org is not None else _dateline_media(article, sent, s, bm.start())
            _add_reporters(sent, pos, bm.group("names"), orgs[0] if orgs else None, 0.85, new,
                           holdings, n_before, more=orgs[1:])


def _dateline_media(article, sent, s: str, b: int) -> list[int]:
    """The media of the dateline that opens the sentence when the byline at
    ``b`` is in the bracket right after it (中新网佛山10月28日电 (记者 程景伟),
    株洲日报讯(全媒体记者/潘东晓), 新海南客户端、南海网…消息(记者 林文泉))."""
    op = max(s.rfind("(", 0, b), s.rfind("（", 0, b))
    if op < 0 or b - op > 6 or any(c in s[op:b] for c in ")）"):
        return []
    return [i for i, m in enumerate(article.mentions) if m.sentence == sent.index
            and m.rule == "pattern:dateline" and not m.coref and m.end <= sent.start + op
            and m.start < sent.start + 30]


def _add_reporters(sent, pos: int, names: str, org, conf: float, new: list, holdings: list,
                   n_before: int, more=()) -> None:
    """A person and a 记者 role (at ``org``, and at each of ``more``) for
    each name in ``names``, the byline text that starts at ``pos`` of
    ``sent``."""
    for nm in re.finditer(_NAME, names):
        a = sent.start + pos + nm.start()
        name = nm.group()
        new.append(Mention(a, a + len(name), name, "Person", name, "people:byline", conf,
                           sentence=sent.index))
        for o in (org, *more):
            holdings.append(RoleHolding(n_before + len(new) - 1, "记者", o, sent.index,
                                        a, a + len(name), "people:byline", conf))


def _unmarked_bylines(article, k: Knowledge, new: list, holdings: list, n_before: int) -> None:
    """Reporters named with no byline word: names in brackets that end a
    paragraph (…产值达到800亿元。(崔志平 王鹏 陈娜)), or a paragraph of a
    box mark and names alone (□ 何广丙); each name opens on a surname."""
    rx = k.extra.get("unmarked_byline_re")
    if rx is None:
        sur = "[" + re.escape("".join(sorted(k.surnames))) + "]"
        one = sur + "[\u4e00-\u9fff]{1,2}"
        many = f"{one}(?:{_GAP}{one})*"
        rx = k.extra["unmarked_byline_re"] = re.compile(
            f"[(（](?P<bracket>{many})[)）]\\s*$|^\\s*[□■]{_GAP}?(?P<boxed>{many})\\s*$")
    ss = article.sentences
    for i, sent in enumerate(ss):
        if i + 1 < len(ss) and ss[i + 1].paragraph == sent.paragraph:
            continue                              # not the end of its paragraph
        bm = rx.search(sent.text)
        if bm is None:
            continue
        grp = "bracket" if bm.group("bracket") else "boxed"
        _add_reporters(sent, bm.start(grp), bm.group(grp), None, 0.8, new, holdings, n_before)


def _last_before(ms: list[Mention], pos: int, pred) -> int | None:
    """The mention ending last at or before ``pos`` that ``pred`` accepts (the
    earliest start among those ending there, then the first such); linear.
    :class:`_EndIndex` answers the same question by bisection."""
    best = None
    for i, m in enumerate(ms):
        if m.end <= pos and pred(m):
            if best is None or ms[best].end < m.end or \
                    (ms[best].end == m.end and ms[best].start > m.start):
                best = i
    return best


class _EndIndex:
    """The article's mentions and the ones this stage adds, sorted by (end,
    -start, index), so that the last one before an offset is found without
    walking every mention (a role per sentence over thousands of sentences
    made :func:`_last_before` quadratic).  Same answers as ``_last_before(ms +
    new, pos, pred)``."""

    def __init__(self, ms: list[Mention], new: list[Mention]):
        self.ms, self.new = ms, new
        self.keys = sorted((m.end, -m.start, i) for i, m in enumerate(ms))
        self.seen_new = 0

    def at(self, i: int) -> Mention:
        n = len(self.ms)
        return self.ms[i] if i < n else self.new[i - n]

    def _sync(self) -> None:
        n = len(self.ms)
        while self.seen_new < len(self.new):
            m = self.new[self.seen_new]
            bisect.insort(self.keys, (m.end, -m.start, n + self.seen_new))
            self.seen_new += 1

    def last_before(self, pos: int, pred) -> int | None:
        self._sync()
        keys = self.keys
        j = bisect.bisect_right(keys, (pos, float("inf"), float("inf"))) - 1
        while j >= 0:
            end, nstart, i = keys[j]
            if pred(self.at(i)):
                # among equal (end, start) the first index wins, as in _last_before
                best = i
                j -= 1
                while j >= 0 and keys[j][0] == end and keys[j][1] == nstart:
                    if pred(self.at(keys[j][2])):
                        best = keys[j][2]
                    j -= 1
                return best
            j -= 1
        return None
