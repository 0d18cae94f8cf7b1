"""The document object that flows through the pipeline, and article files.

An article file is UTF-8 (or any encoding :mod:`kg.textio` reads) with an
optional front-matter header::

    ---
    title: 千亿级产业是怎样炼成的
    byline: 谢晓玲
    ---
    body text, one paragraph per line ...

A file without a header is an article too: its title is derived from its first
line.  ``NAME.rawmap.json`` beside a file, written by ``kg ingest``, maps body
offsets back to the raw page the article was cut from.
"""
from __future__ import annotations

import dataclasses
import json
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InputError
from .normalize import normalize_with_map
from .textio import read_text

HEADER_KEYS = ("title", "title_derived", "source", "source_lines", "page", "section",
               "byline", "date", "kind", "note")
ARTICLE_SUFFIXES = (".txt", ".md")

# Sentence ends: 。！？； (NFKC turns the full-width forms into ! ? ;), the
# ellipsis, and any closing quotes or brackets that follow them.
# (The leading class lets the regex engine skip to candidate characters.)
# (every alternative starts with a literal: the regex engine then scans for
# those characters instead of trying a match at every one)
_SENT_END = re.compile(r"(?:。|!|\?|;|\.\.\.\.*|……*)[”’」』)\]]*")


class Sentence(NamedTuple):
    """A sentence of an article: ``article.text[start:end] == text``.

    Immutable; a named tuple because an article has many and they are made
    (and unpickled from worker processes) three times faster than a frozen
    dataclass.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Article:
    """One article and everything the pipeline learns about it."""

    id: str
    path: str
    original: str                       # body as in the file (decoded, \n line ends)
    text: str = ""                      # NFKC + simplified body
    to_original: list[int] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    rawmap: dict[str, Any] | None = None
    sentences: list[Sentence] = field(default_factory=list)
    # filled by later stages
    mentions: list = field(default_factory=list)
    entities: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    flows: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    # Compact pickling: articles travel from worker processes back to the
    # parent; tuples of plain values pickle ~4x faster than dataclass objects.
    def __getstate__(self):
        from array import array

        def rows(items):
            if not items:
                return []
            get = operator.attrgetter(*(f.name for f in dataclasses.fields(items[0])))
            return [get(x) for x in items]

        n = len(self.to_original)
        identity = n == len(self.original) and self.to_original == list(range(n))
        # an identity map (nothing resized) and an unchanged text are not sent
        offsets = None if identity else array("i", self.to_original)
        text = None if self.text == self.original else self.text
        return (self.id, self.path, self.original, text, offsets,
                self.meta, self.encoding, self.rawmap,
                [(x.index, x.start, x.end, x.paragraph) for x in self.sentences],
                rows(self.mentions), rows(self.relations), rows(self.figures), rows(self.flows),
                rows(self.roles), self.notes, self.entities)

    def __setstate__(self, state):
        from .extract.model import Figure, Flow, Mention, Relation, RoleHolding

        (self.id, self.path, self.original, self.text, offsets, self.meta, self.encoding,
         self.rawmap, sents, mentions, relations, figures, flows, roles, self.notes,
         self.entities) = state
        if self.text is None:
            self.text = self.original
        self.to_original = list(range(len(self.original))) if offsets is None else list(offsets)
        self.sentences = [Sentence(i, a, b, self.text[a:b], p) for i, a, b, p in sents]
        self.mentions = _rebuild(Mention, mentions)
        self.relations = _rebuild(Relation, relations)
        self.figures = _rebuild(Figure, figures)
        self.flows = _rebuild(Flow, flows)
        self.roles = _rebuild(RoleHolding, roles)

    @property
    def title(self) -> str:
        return self.meta.get("title", self.id)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original body."""
        if start >= end:
            o = self.to_original[start] if start < len(self.to_original) else len(self.original)
            return o, o
        return self.to_original[start], self.to_original[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The original characters behind a span of :attr:`text`."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span of :attr:`text` to offsets in the raw page, when known."""
        if not self.rawmap:
            return None
        a, b = self.original_span(start, end)
        segs = self.rawmap["segments"]

        def one(pos: int, is_end: bool) -> int | None:
            for body_start, raw_start, length in segs:
                lo, hi = body_start, body_start + length
                if lo <= pos < hi or (is_end and pos == hi):
                    return raw_start + (pos - body_start)
            return None

        ra, rb = one(a, False), one(b, True)
        if ra is None or rb is None:
            return None
        return ra, rb

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence that starts at or before ``pos`` (the last one before a gap)."""
        import bisect

        i = bisect.bisect_right([s.start for s in self.sentences], pos) - 1
        if i < 0:
            raise ValueError(f"offset {pos} is before the first sentence")
        return self.sentences[i]


def _rebuild(cls, rows):
    # rows hold every field in declaration order; the generated __init__ is
    # about 4x faster than filling __dict__ by hand
    return [cls(*row) for row in rows]


def article_id(path: str | Path) -> str:
    """A stable id from the file name: lower-case, ``[a-z0-9_-]``."""
    stem = Path(path).name
    for suf in ARTICLE_SUFFIXES:
        if stem.endswith(suf):
            stem = stem[: -len(suf)]
    if stem.isascii():
        slug = re.sub(r"[^0-9A-Za-z_]+", "-", stem).strip("-").lower()
        if slug:
            return slug
    from .ids import short_hash, slugify  # pinyin for Chinese file names

    # the pinyin (or "x") alone would give 新闻1 and 报道1, or é and ü, one
    # id: a hash of the whole name keeps every name apart
    return f"{slugify(stem)[:60].rstrip('-')}-{short_hash(stem, 8)}"


def parse_header(text: str, path: str) -> tuple[dict[str, Any], str]:
    """Split front matter from the body.  Returns ``(meta, body)``."""
    meta: dict[str, Any] = {}
    seen: dict[str, int] = {}
    if not text.startswith("---\n"):
        return meta, text
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError("header starts with '---' but has no closing '---' line", path=path)
    for n, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or not re.fullmatch(r"[a-z_]+", key):
            raise InputError(f"header line {n} is not 'key: value': {line[:40]!r}", path=path)
        value = value.strip()
        if key != "note" and key in seen:
            raise InputError(f"header key {key!r} appears twice (lines {seen[key]} and {n})",
                             path=path)
        seen[key] = n
        if key == "note":
            meta.setdefault("notes", []).append(value)
        elif value:
            meta[key] = value
    return meta, text[end + 5:]


#: Longest sentence the extractor sees.  The longest of the bundled corpus has
#: 149 characters; extraction time and memory grow faster than linearly in a
#: sentence's length (a 40,000-character line took 159 MB, a 5 MB one ran
#: away), so a longer run of text is cut, at a clause boundary when it has
#: one (issue 13).
MAX_SENTENCE = 500
# where a long sentence may be cut, best first: clause marks, then spaces
_SOFT_CUTS = (",，、:：)）]」』”’", " \t\u3000")


def _cut_long(text: str, start: int, end: int, limit: int) -> list[int]:
    """Cut points that split ``text[start:end]`` into pieces of at most
    ``limit`` characters: after the last clause mark (else space) in the
    second half of each window, else at ``limit`` (moved back off a run of
    digits or Latin letters when it can be)."""
    cuts = []
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        at = -1
        for marks in _SOFT_CUTS:
            at = max(text.rfind(ch, lo, hi) for ch in marks)
            if at >= 0:
                at += 1
                break
        if at < 0:
            at = hi
            while at > lo and text[at - 1].isascii() and text[at - 1].isalnum() \
                    and text[at].isascii() and text[at].isalnum():
                at -= 1
            if at == lo:
                at = hi
        cuts.append(at)
        start = at
    return cuts


def split_sentences(text: str, limit: int | None = None,
                    cut_at: list[int] | None = None) -> list[Sentence]:
    """Chinese sentence segmentation with offsets.

    Paragraphs are lines; inside a paragraph a sentence ends at 。！？； or an
    ellipsis, together with the closing quotes that follow.  A sentence longer
    than ``limit`` characters (default :data:`MAX_SENTENCE`) is cut further
    (see :func:`_cut_long`); the offsets of those cuts go to ``cut_at``.

    >>> [s.text for s in split_sentences("他说:“好。”我们走!\\n标题")]
    ['他说:“好。”', '我们走!', '标题']
    >>> [s.text for s in split_sentences("甲乙丙丁,戊己庚辛壬癸", limit=6)]
    ['甲乙丙丁,', '戊己庚辛壬癸']
    """
    limit = limit or MAX_SENTENCE
    out: list[Sentence] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cut = 0
        for m in _SENT_END.finditer(line):
            _append(out, text, line_start + cut, line_start + m.end(), para, limit, cut_at)
            cut = m.end()
        if cut < len(line):
            _append(out, text, line_start + cut, line_start + len(line), para, limit, cut_at)
        para += 1
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, para: int,
            limit: int = MAX_SENTENCE, cut_at: list[int] | None = None) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > limit:
        cuts = _cut_long(text, start, end, limit)
        if cut_at is not None:
            cut_at.extend(cuts)
        for a, b in zip([start, *cuts], [*cuts, end]):
            _append(out, text, a, b, para, limit)
        return
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], para))


def derive_title(body: str) -> str:
    """A title for an article that has none: its first short line, else the
    start of its first sentence."""
    for line in body.split("\n"):
        line = line.strip()
        if line:
            if len(line) <= 40 and not _SENT_END.search(line):
                return line
            m = _SENT_END.search(line)
            first = line[: m.start()] if m else line
            return first[:30] + ("…" if len(first) > 30 else "")
    return ""


def load_article(path: str | Path) -> Article:
    """Read an article file (any supported encoding) into an :class:`Article`."""
    p = Path(path)
    raw, encoding = read_text(p)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = parse_header(raw, str(p))
    if not body.strip():
        raise InputError("article has a header but no body text", path=str(p))
    if "title" not in meta:
        meta["title"] = derive_title(body)
        meta["title_derived"] = "yes"
    rawmap = None
    side = p.with_name(p.name.rsplit(".", 1)[0] + ".rawmap.json")
    if side.exists():
        try:
            rawmap = json.loads(side.read_text(encoding="utf-8"))
            rawmap["segments"]  # noqa: B018 - shape check
        except (ValueError, KeyError, TypeError):
            raise InputError("malformed raw map (expected JSON with 'segments')",
                             path=str(side)) from None
    return Article(id=article_id(p), path=str(p), original=body, meta=meta,
                   encoding=encoding, rawmap=rawmap)


def prepare(article: Article) -> Article:
    """Normalise and segment: fills ``text``, ``to_original`` and ``sentences``.

    Sentences cut at :data:`MAX_SENTENCE` are reported in one
    :class:`~kg.errors.KGWarning` naming the article and the first offset."""
    article.text, article.to_original = normalize_with_map(article.original)
    cuts: list[int] = []
    article.sentences = split_sentences(article.text, cut_at=cuts)
    if cuts:
        import warnings

        from .errors import KGWarning

        first = article.original_span(cuts[0], cuts[0] + 1)[0]
        warnings.warn(KGWarning(
            f"{article.path}: article {article.id}: text without a sentence end longer than "
            f"{MAX_SENTENCE} characters, cut {len(cuts)} time(s) (first at offset {first})"),
            stacklevel=2)
    return article
