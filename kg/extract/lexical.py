"""Word boundaries and parts of speech under the mention rules.

Each sentence is segmented and POS-tagged by jieba-rs (``rjieba``: the jieba
dictionary and its tag set ship in the wheel; nothing is downloaded).  The HMM
for unknown words is off: an unknown name then falls apart into single
characters, which the name rules join again, while the HMM would glue a name's
last character to the next word (清水镇张 -> 镇张/v).  The domain vocabulary of
``ontology/lexicon.toml`` (materials, sectors) is added to the dictionary so a
material is one word.

The rules ask two things of the tags:

* where a name may start: never on a verb, adverb, pronoun, preposition,
  conjunction, particle, numeral or measure word (:func:`cuts_name`);
* whether a span lies on word boundaries (:meth:`Tokens.aligned`).

>>> from kg.knowledge import load_knowledge
>>> t = Tokens("感受攀枝花市的钒钛磁铁矿", tagger(load_knowledge()))
>>> t.cut_left(0, 6)
2
>>> t.aligned(2, 6), t.aligned(3, 6)
(True, False)
"""
from __future__ import annotations

import bisect
import itertools
import re

# Tags (jieba's ICTCLAS-style set) of words a name never starts with, and so
# cut the left edge of a name found by its suffix.
_CUT_ANY = ("p", "c", "r", "u", "y", "e", "o")     # by first letter, any length
_CUT_LONG = ("d", "t", "m", "q", "f")               # only words of 2+ characters
FUNCTION_TAGS = ("p", "r", "u", "y", "e")           # function words (never inside a name)
_ASCII_WORD = re.compile("[A-Za-z]")
_QUANTITY_WORD = re.compile(r"\d+(?:\.\d+)?[A-Za-z]+")


def _retag_latin(pairs):
    """jieba tags a word of Latin letters "eng", which reads (by its first
    letter) as the interjection "e": a number with a unit (24GW, 50GWh) is a
    quantity ("m"), any other (P型电池's P, T800, MEMS) a foreign noun ("nx")."""
    return [(w, ("m" if _QUANTITY_WORD.fullmatch(w) else "nx") if t == "eng" else t)
            for w, t in pairs]
# The one-character pronouns and demonstratives (a closed class): other
# characters the dictionary tags r alone (尔, 彼, 之) occur inside names.
_PRONOUN_CHARS = frozenset("我你他她它这那此其该各每某本谁")


def _name_char(word: str, tag: str) -> bool:
    """A one-character word the tagger calls a pronoun that is none (尔, 彼)."""
    return tag[:1] == "r" and len(word) == 1 and word not in _PRONOUN_CHARS


def cuts_name(word: str, tag: str) -> bool:
    """Whether a word of this tag ends everything before it: a name starts
    after it.  Single-character verbs, adverbs and numerals are kept (they
    occur in names: 裕能, 正昊, 五和); ``vn`` (verbal nouns: 建设, 发展),
    nouns and adjectives too.

    >>> cuts_name("感受", "v"), cuts_name("能", "v"), cuts_name("建设", "vn")
    (True, False, False)
    >>> cuts_name("这座", "q"), cuts_name("她们", "r"), cuts_name("和", "c")
    (True, True, True)
    >>> cuts_name("正", "d"), cuts_name("如今", "t"), cuts_name("3", "m")
    (False, True, True)
    """
    if not tag or word.isspace():
        return False
    t0 = tag[0]
    if _name_char(word, tag):
        return False      # 基尔|彼: a character of a transliterated name, no pronoun
    if t0 == "v":
        return tag not in ("vn", "vg") and len(word) >= 2
    if t0 in _CUT_ANY:
        return True
    if t0 in _CUT_LONG:
        return len(word) >= 2 or word.isdigit()
    if t0 in ("i", "l"):      # idioms and fixed phrases (全面落实)
        return len(word) >= 4
    return False


#: whether this process's first Tagger has taken rjieba's own instance
_DEFAULT_TAKEN = False


def _fresh_jieba():
    """A jieba-rs instance with only the dictionary in it.  Importing rjieba
    loads its dictionary once into the package's own instance (0.1 s), so
    the first tagger of a process takes that one (through the package's
    public functions, which are bound to it) rather than loading the
    dictionary a second time; a later tagger (another knowledge base, with
    other domain words) gets an instance of its own."""
    global _DEFAULT_TAKEN
    import rjieba

    if _DEFAULT_TAKEN:
        return rjieba.Jieba()
    _DEFAULT_TAKEN = True
    return _PackageJieba(rjieba)


class _PackageJieba:
    """rjieba's module-level functions (its own instance) as an instance."""

    __slots__ = ("tag", "add_word")

    def __init__(self, mod):
        self.tag = mod.tag
        self.add_word = mod.add_word


class Tagger:
    """A jieba-rs instance with the domain words added (built once per
    knowledge base, lazily: nothing runs at import time).  The domain words
    are common nouns (``n``): materials, sectors and the category nouns of
    products (零部件, which the dictionary reads as a numeral), not proper
    names."""

    def __init__(self, words: list[str]):
        self._jieba = _fresh_jieba()
        nouns = sorted(w for w in set(words) if len(w) >= 2)
        for w in nouns:
            self._jieba.add_word(w, 10000, "n")
        # domain nouns the dictionary knew as numerals (零部件/mq): the domain's
        # tag wins; searched in the sentence first (one regex, C speed)
        self._retag = frozenset(w for w in nouns if self._jieba.tag(w, False)[0][1][:1] == "m")
        self._retag_re = re.compile("|".join(map(re.escape, sorted(self._retag)))) if self._retag else None

    def tag(self, s: str) -> list[tuple[str, str]]:
        pairs = self._jieba.tag(s, False)
        if self._retag_re is not None and self._retag_re.search(s):
            retag = self._retag
            pairs = [(w, "n" if w in retag else t) for w, t in pairs]
        if _ASCII_WORD.search(s):
            pairs = _retag_latin(pairs)
        return pairs

    def tag_hmm(self, s: str) -> list[tuple[str, str]]:
        """Tags with the HMM for unknown words: it joins personal names
        (董友光/nr), which the dictionary alone splits."""
        return _retag_latin(self._jieba.tag(s, True))


def person_names(s: str, tg: Tagger, surnames) -> list[tuple[int, int]]:
    """Spans of personal names the tagger finds (``nr`` words of 2-3
    characters starting with a common surname; 陈/nr 桂花/nr joined).

    >>> from kg.knowledge import load_knowledge
    >>> k = load_knowledge()
    >>> [("董友光说"[a:b]) for a, b in person_names("董友光说", tagger(k), k.surnames)]
    ['董友光']
    """
    out = []
    pos = 0
    toks = []
    for w, t in tg.tag_hmm(s):
        toks.append((pos, pos + len(w), w, t))
        pos += len(w)
    i = 0
    while i < len(toks):
        a, b, w, t = toks[i]
        if t == "nr" and w[:1] in surnames:
            j = i + 1
            if len(w) == 1 and j < len(toks) and toks[j][3] == "nr" and len(toks[j][2]) <= 2:
                b = toks[j][1]
                j += 1
            if 2 <= b - a <= 3 and all("\u4e00" <= c <= "\u9fff" for c in s[a:b]):
                out.append((a, b))
            i = j
            continue
        i += 1
    return out


def tagger(k) -> Tagger:
    """The tagger of knowledge base ``k`` (cached in ``k.extra``)."""
    t = k.extra.get("tagger")
    if t is None:
        t = k.extra["tagger"] = Tagger(sorted(set(k.materials) | set(k.sectors) | set(k.product_categories)))
    return t


#: the suffixes of a town's or village's name
_TOWN_CHARS = frozenset("镇乡村")
_TOWN_RE = re.compile("[镇乡村].")       # (speed: most sentences name no town)


def _split_town_suffix(pairs: list) -> list:
    """The analyser's words, with a town's or village's suffix cut from the
    character it was joined to when a place name comes right before
    (南寨/ns|镇反/v|皓|村 -> 南寨|镇|反|皓|村): a word of two characters that
    opens on 镇, 乡 or 村 after a place name, and that the analyser reads as
    no noun, is that place's suffix and the start of the next name (a noun
    of its own, 镇江/ns, 乡村/n, 村民/n, stays)."""
    out = []
    for w, t in pairs:
        if len(w) == 2 and w[0] in _TOWN_CHARS and t[:1] != "n" and out and out[-1][1] == "ns" \
                and len(out[-1][0]) >= 2:
            out.append((w[0], "n"))
            out.append((w[1], "x"))
        else:
            out.append((w, t))
    return out


class Tokens:
    """The words of one sentence with their offsets and tags."""

    __slots__ = ("s", "starts", "ends", "words", "tags", "_bounds", "_tg")

    def __init__(self, s: str, tg: Tagger):
        self.s = s
        self._tg = tg
        pairs = tg.tag(s)
        if pairs and _TOWN_RE.search(s) and any(len(w) == 2 and w[0] in _TOWN_CHARS for w, _t in pairs):
            pairs = _split_town_suffix(pairs)
        if pairs:
            self.words, self.tags = map(list, zip(*pairs))
            self.ends = ends = list(itertools.accumulate(map(len, self.words)))
            starts = [0]
            starts += ends[:-1]
            self.starts = starts
        else:
            self.words, self.tags, self.ends, self.starts = [], [], [], []
        bounds = set(self.ends)
        bounds.add(0)
        self._bounds = bounds

    def aligned(self, a: int, b: int) -> bool:
        """Whether ``s[a:b]`` starts and ends on word boundaries (``a == b``:
        whether one word ends there)."""
        return a in self._bounds and b in self._bounds

    def index(self, pos: int) -> int:
        """Index of the word containing offset ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1

    def cut_left(self, a: int, e: int, function_only: bool = False,
                 allow_empty: bool = False, names_at: frozenset = frozenset(),
                 keep: frozenset = frozenset()) -> int:
        """The start of a name that ends at ``e`` and lies in ``s[a:e]``: after
        the last word in that span which a name cannot start with (with
        ``function_only``, only function words count), on a word boundary.

        A content word (a verb, a numeral) right before ``e`` is kept unless
        ``allow_empty``: before a one-character place suffix it is part of the
        name (发放|镇 is a town).  A function word that would start the name is
        always cut (她们|村, 跃升|及|集群): the result is then ``e``, no name.
        Nothing inside quotes is cut (“2+4”产业体系), and a single measure word
        left after a numeral goes too (千亿|级|产业集群).  A verbal noun right
        before a place or a known name is a verb there (投资|贵州, 发展|锂电池):
        ``names_at`` holds the offsets where known names start.  Words in
        ``keep`` never cut (回收 in 废旧锂电池回收项目)."""
        i = self.index(a)
        if i >= 0 and self.starts[i] < a:       # a inside a word: its end
            a = self.ends[i]
            i += 1
        start = a
        n = len(self.words)
        quoted = False
        prev_cut = True          # the head so far is empty
        after_num = False
        while i < n and self.ends[i] <= e:
            w, t = self.words[i], self.tags[i]
            cut = False
            if w in "“‘":
                quoted = True
            elif w in "”’":
                quoted = False
            elif w in keep:
                pass
            elif not quoted:
                func = (t[:1] in FUNCTION_TAGS and not _name_char(w, t)
                        or t[:1] == "c" and not function_only)
                if function_only:
                    cut = func and (self.ends[i] < e or prev_cut)
                elif func:
                    # right before a long suffix (人才公寓等|项目) a function word
                    # ends the name too; before 镇 it may be part of it (五和镇)
                    cut = self.ends[i] < e or prev_cut or allow_empty
                elif cuts_name(w, t):
                    # a fixed phrase right before the suffix is the name's own
                    # noun (嘉华|大豆蛋白/l|产业园), not an idiom opening a clause
                    cut = self.ends[i] < e or allow_empty and (
                        t[:1] not in ("i", "l") or self._opens_with_verb(w))
                elif t == "vn" and len(w) >= 2 and self.ends[i] < e and i + 1 < n and (
                        self.tags[i + 1] == "ns" or self.ends[i] in names_at):
                    cut = True
                elif after_num and t[:1] in ("q", "m", "t") and len(w) == 1 and (
                        self.ends[i] < e or allow_empty):
                    cut = True           # 2025|年|文山州, 千亿|级|…
            after_num = cut and t[:1] == "m"
            if cut:
                start = self.ends[i]
            prev_cut = cut
            i += 1
        return start

    def _opens_with_verb(self, w: str) -> bool:
        """Whether the fixed phrase ``w`` opens with a verb by the tagger
        (发展壮大: a verb phrase; 大豆蛋白: a noun)."""
        first = self._tg.tag(w[:2])
        return bool(first) and first[0][1][:1] == "v"

    def word_at(self, pos: int) -> tuple[int, int, str, str] | None:
        i = self.index(pos)
        if i < 0 or i >= len(self.words):
            return None
        return self.starts[i], self.ends[i], self.words[i], self.tags[i]


# ------------------------------------------------------------ fast regex scans
#
# Python's regex engine scans fast (a tight loop in C) only for a pattern whose
# first item is a literal or a character class; for any other pattern (an
# alternation of repeats, a lookahead) it starts a full match attempt at every
# character of the sentence.  The helpers below give the same matches as the
# plain calls while trying the expensive pattern only where it can start.


def char_class(chars) -> re.Pattern:
    """A pattern matching one of ``chars`` (the engine's fast scan)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]")


class AtFirstChars:
    """``rx`` tried only where a match can start: at the characters of
    ``first``, which must hold the first character of every match.
    :meth:`finditer` gives what ``rx.finditer`` gives (as a list) for a
    pattern that never matches the empty string.

    >>> rx = AtFirstChars(re.compile("(?:氧化|氯化)+[锂钛]+"), "氧氯锂钛")
    >>> [m.group() for m in rx.finditer("高纯氧化锂和氯化钛")]
    ['氧化锂', '氯化钛']
    """

    __slots__ = ("rx", "first", "pattern")

    def __init__(self, rx: re.Pattern, first):
        self.rx = rx
        self.pattern = rx.pattern
        self.first = char_class(first)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> list:
        end = len(s) if endpos is None else min(endpos, len(s))
        search, match = self.first.search, self.rx.match
        out = []
        c = search(s, pos, end)
        while c is not None:
            p = c.start()
            m = match(s, p, end)
            if m is not None:
                out.append(m)
                p = m.end() if m.end() > p else p + 1
            else:
                p += 1
            c = search(s, p, end)
        return out

    def search(self, s: str, pos: int = 0, endpos: int | None = None):
        end = len(s) if endpos is None else min(endpos, len(s))
        c = self.first.search(s, pos, end)
        while c is not None:
            m = self.rx.match(s, c.start(), end)
            if m is not None:
                return m
            c = self.first.search(s, c.start() + 1, end)
        return None


def overlapping(rx: re.Pattern, s: str) -> list[tuple[int, str]]:
    """(start, text) of the match of ``rx`` at every position where it
    matches, overlapping ones too: what ``(?=(rx))`` finds with ``finditer``,
    but with ``rx`` searched by the engine's fast scan (for a pattern that
    starts with a literal or a class, such as a :func:`~kg.knowledge.word_pattern` trie).

    >>> overlapping(re.compile("(?:有限公司|公司|集团)"), "集团有限公司")
    [(0, '集团'), (2, '有限公司'), (4, '公司')]
    """
    out = []
    search = rx.search
    m = search(s)
    while m is not None:
        p = m.start()
        out.append((p, m.group()))
        m = search(s, p + 1)
    return out
