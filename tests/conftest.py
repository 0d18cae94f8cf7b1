import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the raw page as the user gave it; the copy under data/raw/ travels with
# the repository so that a clone without ../shared still tests the ingest
SHARED = ROOT.parent / "shared" / "corpus" / "000_8546bbd5f1ad3438.txt"
BUNDLED_RAW = ROOT / "data" / "raw" / "000_8546bbd5f1ad3438.txt"
CORPUS = SHARED if SHARED.exists() else BUNDLED_RAW
ARTICLES = ROOT / "data" / "articles"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def knowledge():
    from kg.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def bundled():
    """The build of the bundled corpus (no file written)."""
    from kg.build import build_graph

    return build_graph([ARTICLES])


@pytest.fixture(scope="session")
def bundled_graph(bundled):
    from rdflib import Graph

    g = Graph()
    g.parse(data=bundled.turtle, format="turtle")
    return g


@pytest.fixture(scope="session")
def raw_page() -> str:
    if CORPUS.exists():
        return CORPUS.read_text(encoding="utf-8")
    pytest.skip("the raw page is neither in ../shared/corpus nor in data/raw")


def run_kg(*args, cwd=None, env=None):
    """Run the real CLI in a subprocess; returns CompletedProcess."""
    import subprocess

    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=e, timeout=600)


@pytest.fixture
def kg_cli():
    return run_kg


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def have_chromium() -> str | None:
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


@pytest.fixture
def units_dropped(monkeypatch):
    """Make ``kg build`` produce a graph that does not conform: every
    observation loses its unit (kg.graph.rdf.fact_triples patched: the build
    imports it where it is used)."""
    from kg.graph import rdf as b
    from kg.graph.rdf import TripleSink
    from kg.namespace import KG

    real = b.fact_triples

    def broken(sink, *a):
        inner = TripleSink()
        real(inner, *a)
        for t in inner.triples:
            if t[1] != KG.unit:
                sink.add(*t)

    monkeypatch.setattr(b, "fact_triples", broken)
