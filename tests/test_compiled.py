"""The compiled extraction modules (setup.py) give the same graph as the
plain Python ones, and a compiled module older than its source is reported."""
import os
import subprocess
import sys

import pytest

from kg.compiled import compiled_modules, not_compiled, plain_copy, stale_modules

from .conftest import ARTICLES, ROOT

PURE_BUILD = """
import importlib, sys
from kg.build import build_graph
mod = importlib.import_module("kg.extract.mentions")
assert mod.__file__.endswith(".py"), mod.__file__
sys.stdout.buffer.write(build_graph([sys.argv[1]], jobs=1, progress=False).turtle.encode("utf-8"))
"""


def test_compiled_and_pure_python_build_the_same_graph(tmp_path, bundled):
    if not compiled_modules():
        pytest.skip("kg is installed without compiled modules (no C compiler or KG_PURE_PYTHON=1)")
    plain_copy(tmp_path)           # the same sources, without the compiled files
    assert not list((tmp_path / "kg").rglob("*.so"))
    env = dict(os.environ, PYTHONPATH=str(tmp_path), KG_ONTOLOGY=str(ROOT / "ontology"))
    r = subprocess.run([sys.executable, "-c", PURE_BUILD, str(ARTICLES)], cwd=tmp_path,
                       env=env, capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode("utf-8") == bundled.turtle


def test_the_extraction_modules_are_compiled_when_a_compiler_is_there():
    if not compiled_modules():
        pytest.skip("kg is installed without compiled modules")
    assert not_compiled() == []          # every module setup.py compiles, or none
    import importlib

    # Python runs the compiled file, not the .py beside it
    mentions = importlib.import_module("kg.extract.mentions")
    assert mentions.__file__ == str(compiled_modules()["extract.mentions"])


def test_a_source_newer_than_its_compiled_module_is_stale(tmp_path):
    from importlib.machinery import EXTENSION_SUFFIXES

    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    so = pkg / "sub" / ("fast" + EXTENSION_SUFFIXES[0])
    src = pkg / "sub" / "fast.py"
    src.write_text("x = 1\n")
    so.write_bytes(b"")
    os.utime(src, (1_000_000, 1_000_000))
    os.utime(so, (2_000_000, 2_000_000))
    assert stale_modules(pkg) == []
    os.utime(src, (3_000_000, 3_000_000))      # edited after the build
    assert stale_modules(pkg) == [src]
    assert list(compiled_modules(pkg)) == ["sub.fast"]
    assert "kg/extract/mentions.py" in not_compiled(pkg)


def test_kg_build_warns_about_a_stale_compiled_module(tmp_path, kg_cli):
    mods = compiled_modules()
    if not mods:
        pytest.skip("kg is installed without compiled modules")
    so = next(iter(mods.values()))
    st = so.stat()
    try:
        os.utime(so, (st.st_atime, 1_000_000))      # older than its source
        r = kg_cli("build", "--out", tmp_path, "--no-html", "--no-validate")
    finally:
        os.utime(so, (st.st_atime, st.st_mtime))
    assert r.returncode == 0, r.stderr
    assert "changed after it was compiled" in r.stderr
    r = kg_cli("build", "--out", tmp_path, "--no-html", "--no-validate")
    assert "changed after it was compiled" not in r.stderr


def test_the_compiled_modules_are_built_from_the_current_sources():
    """Otherwise the suite tests the old code: rebuild with bash scripts/setup.sh."""
    assert stale_modules() == [], "compiled modules are older than their sources: run bash scripts/setup.sh"
