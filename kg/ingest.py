"""Cutting a raw newspaper page into article files, repairing the page dump.

A page dump breaks paragraphs across columns (sometimes mid-word), carries
continuation markers ("(接1版)"), elision lines, photo captions and boxed
commentaries.  :func:`split_page` turns the raw text into :class:`PageArticle`
objects whose bodies are clean paragraphs, each with a map back to the raw
offsets; :func:`ingest` writes them as article files.
"""
from __future__ import annotations

import collections
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .normalize import normalize, to_simplified
from .textio import read_text

_TERMINAL = tuple("。!?;…”’」』:!?;:")
_CONTINUED = re.compile(r"^[(（]\s*接\s*(\d+)\s*版\s*[)）]$")
_ELISION = re.compile(r"^[…\.·。\-—\s]{3,}$")
_CAPTION = re.compile(r"^(?P<text>[^。!?]{2,40}[。.])\s*(?P<who>[\u4e00-\u9fff]{2,4})$")
_BYLINE = re.compile(r"^(?:记者|文/|文:|本报记者)?\s*([\u4e00-\u9fff]{2,4})$")
BOX_MARKERS = ("记者手记", "编者按", "短评", "记者观察", "编后", "相关链接", "背景链接", "评论")
_DOUBLED_UNIT = re.compile(r"([万亿千]?)(吨|元|千克|公斤|千瓦时|平方米)\2")
HEADING_MAX = 30


@dataclass
class PageArticle:
    """An article cut from a page: metadata, body, and body->raw segments."""

    title: str = ""
    title_derived: bool = False
    kind: str = "article"
    page: str = ""
    byline: str = ""
    first_line: int = 0
    last_line: int = 0
    paragraphs: list[list[tuple[str, int]]] = field(default_factory=list)  # [(piece, raw_off)]
    notes: list[str] = field(default_factory=list)
    section: str = ""
    open_para: bool = False

    @property
    def has_body(self) -> bool:
        return bool(self.paragraphs)

    def body_and_segments(self) -> tuple[str, list[list[int]]]:
        body: list[str] = []
        segs: list[list[int]] = []
        pos = 0
        for i, para in enumerate(self.paragraphs):
            if i:
                body.append("\n")
                pos += 1
            for piece, raw_off in para:
                segs.append([pos, raw_off, len(piece)])
                body.append(piece)
                pos += len(piece)
        return "".join(body), segs


def _is_heading(line: str) -> bool:
    """A short line without sentence punctuation: a headline or section head.
    (A short line with a comma is the end of a paragraph broken by a column.)"""
    return (len(line) <= HEADING_MAX and not line.endswith(_TERMINAL)
            and not _ELISION.match(line) and not any(c in line for c in ",，、"))


def split_page(raw: str, source: str = "page") -> list[PageArticle]:
    """Split a raw page into articles.  Pure function of the text."""
    lines: list[tuple[str, int, int]] = []  # (stripped line, raw offset, line number)
    off = 0
    for n, line in enumerate(raw.split("\n"), start=1):
        lead = len(line) - len(line.lstrip())
        lines.append((line.strip(), off + lead, n))
        off += len(line) + 1

    articles: list[PageArticle] = []
    cur = PageArticle()
    pending_heads: list[str] = []   # headings seen before any body line
    box_state = ""                  # "" | "title" | "byline"

    def start_new(kind: str = "article") -> PageArticle:
        nonlocal cur
        if cur.has_body or cur.title:
            if cur.open_para:
                cur.notes.append("last paragraph is cut off on this page (truncated sentence)")
            articles.append(cur)
        cur = PageArticle(kind=kind)
        return cur

    for text, roff, n in lines:
        if not text:
            continue
        m = _CONTINUED.match(text)
        if m:
            if cur.has_body:
                start_new()
                cur.first_line = n
            cur.page = f"接{m.group(1)}版"
            if not cur.first_line:
                cur.first_line = n
            if pending_heads and not cur.title:
                cur.title = pending_heads.pop(0)
            # headings after the marker are section heads, kept in the body
            continue
        if text in BOX_MARKERS:
            start_new(kind="box")
            cur.first_line = n
            cur.notes.append(f"boxed commentary: {text}")
            cur.page = ""
            box_state = "title"
            cur.section = text
            continue
        if _ELISION.match(text):
            cur.notes.append(f"elision line at raw line {n} left out: {text}")
            cur.open_para = False
            continue
        cm = _CAPTION.match(text)
        if cm and len(text) <= 44 and not box_state:
            cur.notes.append(f"photo caption at raw line {n}: {cm.group('text')} "
                             f"(photo: {cm.group('who')})")
            continue
        if box_state == "title" and _is_heading(text):
            cur.title = text
            box_state = "byline"
            cur.last_line = n
            continue
        if box_state == "byline":
            box_state = ""
            bm = _BYLINE.match(text)
            if bm:
                cur.byline = bm.group(1)
                cur.last_line = n
                continue
        if not cur.first_line:
            cur.first_line = n
        if cur.open_para:
            cur.paragraphs[-1].append((text, roff))   # column break: re-join
        elif _is_heading(text) and not cur.has_body and not cur.page and not cur.title:
            pending_heads.append(text)
            cur.title = ""
            if len(pending_heads) == 1:
                cur.last_line = n
                continue
            cur.paragraphs.append([(text, roff)])
        else:
            if pending_heads and not cur.title:
                cur.title = pending_heads.pop(0)
                for h in pending_heads:
                    cur.paragraphs.append([(h, -1)])
                pending_heads = []
            cur.paragraphs.append([(text, roff)])
        joined_len = sum(len(p) for p, _ in cur.paragraphs[-1])
        cur.open_para = (not text.endswith(_TERMINAL)) and (
            joined_len > HEADING_MAX or len(cur.paragraphs[-1]) > 1 or not _is_heading(text))
        cur.last_line = n
    if pending_heads and not cur.title:
        cur.title = pending_heads.pop(0)
    start_new()
    for art in articles:
        _finish(art)
    return [a for a in articles if a.has_body]


def _finish(art: PageArticle) -> None:
    body, _ = art.body_and_segments()
    if not art.title:
        art.title = derive_headline(body)
        art.title_derived = True
    for m in _DOUBLED_UNIT.finditer(body):
        art.notes.append(f"doubled unit {m.group(0)!r} at body offset {m.start()} "
                         "kept as printed; read as one unit")
    simp = to_simplified(body)
    changed = sorted({f"{a}→{b}" for a, b in zip(body, simp) if a != b})
    if changed:
        art.notes.append("traditional characters converted for extraction: " + ", ".join(changed))


def derive_headline(body: str) -> str:
    """A title for a headline-less article: its main place and its most
    repeated quoted slogan, e.g. ``凉州区“全域无垃圾·凉州更美丽”``."""
    text = normalize(body)
    quotes = collections.Counter(q for q in re.findall(r"“([^“”]{4,20})”", text))
    places = collections.Counter(re.findall(r"[\u4e00-\u9fff]{2}(?:市|区|县)(?=[\u4e00-\u9fff])", text))
    for bad in ("城区", "园区", "景区", "小区", "社区", "全区", "全市", "地区"):
        places.pop(bad, None)
    place = min(places.items(), key=lambda kv: (-kv[1], kv[0]))[0] if places else ""
    slogan = min(quotes.items(), key=lambda kv: (-kv[1], kv[0])) if quotes else None
    if slogan and slogan[1] >= 2:
        return f"{place}“{slogan[0]}”"
    from .article import derive_title

    return (place + " " if place else "") + derive_title(body)


def render_article_file(art: PageArticle, source: str) -> str:
    """The article file text: front-matter header and body."""
    body, _ = art.body_and_segments()
    head = ["---", f"title: {art.title}"]
    if art.title_derived:
        head.append("title_derived: yes")
    head.append(f"source: {source}")
    head.append(f"source_lines: {art.first_line}-{art.last_line}")
    head.append(f"kind: {art.kind}")
    if art.page:
        head.append(f"page: {art.page}")
    if art.section:
        head.append(f"section: {art.section}")
    if art.byline:
        head.append(f"byline: {art.byline}")
    for note in art.notes:
        head.append(f"note: {note}")
    head.append("---")
    return "\n".join(head) + "\n" + body + "\n"


def _one_line(text: str) -> str:
    """A header value on one line (a lone CR or LF inside a headline)."""
    return " ".join(text.split())


def ingest(raw_file: str | Path, out_dir: str | Path) -> list[Path]:
    """Split ``raw_file`` into article files in ``out_dir``.

    Writes ``STEM-NN.txt`` (UTF-8) and ``STEM-NN.rawmap.json`` for each article
    and returns the article paths.  Nothing is written if the page yields no
    article, or if any file of the set cannot be written (a target that is a
    folder, a read-only folder, a full disk): the files are written beside
    their targets first and renamed into place only when all are written.

    Re-ingesting a page replaces its set: files ``STEM-NN.txt`` /
    ``STEM-NN.rawmap.json`` left from an earlier, longer version of the page
    are removed (other files in ``out_dir`` are never touched), so that a
    later ``kg build`` does not read stale articles.
    """
    raw_path = Path(raw_file)
    raw, _enc = read_text(raw_path)
    # CRLF and lone CR line ends alike (a lone CR keeps the offsets of the raw page)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    arts = split_page(raw, raw_path.name)
    if not arts:
        raise InputError("no article text found on the page", path=str(raw_path))
    out = Path(out_dir)
    if str(out_dir) == "":
        raise InputError("the output folder is an empty string", path="''")
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", path=str(out))
    stem = re.sub(r"[^0-9A-Za-z_]+", "-", raw_path.stem).strip("-") or "page"
    rendered = []
    for i, art in enumerate(arts, start=1):
        name = f"{stem}-{i:02d}"
        art.title = _one_line(art.title)
        art.byline = _one_line(art.byline) if art.byline else art.byline
        art.notes = [_one_line(n) for n in art.notes]
        _, segs = art.body_and_segments()
        segs = [s for s in segs if s[1] >= 0]
        rawmap = {"source": raw_path.name, "segments": segs}
        rendered.append((out / f"{name}.rawmap.json",
                         json.dumps(rawmap, ensure_ascii=False, separators=(",", ":")) + "\n"))
        rendered.append((out / f"{name}.txt", render_article_file(art, raw_path.name)))
    for path, _ in rendered:
        if path.is_dir():
            raise InputError("is a folder, cannot write the article file there; nothing "
                             "was written", path=str(path))
    keep = {path.name for path, _ in rendered}
    ours = re.compile(re.escape(stem) + r"-\d{2,}(?:\.txt|\.rawmap\.json)\Z")
    stale = sorted(f for f in out.iterdir() if ours.match(f.name) and f.name not in keep
                   and not f.is_dir()) if out.is_dir() else []
    _write_set(out, rendered)
    for f in stale:
        f.unlink()
    return [path for path, _ in rendered if path.suffix == ".txt"]


def _write_set(out: Path, files: list[tuple[Path, str]]) -> None:
    """Write every file to a temporary name beside it, then rename them all."""
    import os
    import tempfile

    from .textio import _write_error

    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError("a folder above the output folder is a file", path=str(out)) from None
    except OSError as exc:
        raise _write_error(exc, out) from None
    umask = os.umask(0)
    os.umask(umask)
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(out))
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
            os.chmod(tmp, 0o666 & ~umask)
    except OSError as exc:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise _write_error(exc, temps[-1][1] if temps else out) from None
    for tmp, path in temps:
        os.replace(tmp, path)
