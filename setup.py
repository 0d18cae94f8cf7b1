"""Build script: everything is in pyproject.toml except the optional compiled
extraction modules.

The per-sentence extraction code (``kg/extract/*.py``, ``kg/article.py``,
``kg/normalize.py``) is plain Python.  When Cython and a C compiler are there
(the build requirements in pyproject.toml fetch Cython), the same files are
also compiled to extension modules, which Python imports in preference to the
``.py`` files: 12% fewer instructions, same output (tests/test_compiled.py).
Without a compiler, or with ``KG_PURE_PYTHON=1`` set, the package installs as
pure Python and runs the same code uncompiled.
"""
import os
import runpy
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
#: the modules compiled, listed in kg/compiled.py (read without importing kg)
COMPILED = list(runpy.run_path(str(ROOT / "kg" / "compiled.py"))["SOURCES"])


def remove_old_builds() -> None:
    """Delete compiled modules left by an earlier build: a module that fails
    to compile now must run as Python, not as its previous version."""
    for src in COMPILED:
        for suffix in EXTENSION_SUFFIXES:
            (ROOT / src).with_suffix(suffix).unlink(missing_ok=True)


def extensions() -> list:
    remove_old_builds()
    if os.environ.get("KG_PURE_PYTHON") == "1":
        return []
    try:
        from Cython.Build import cythonize

        # autotestdict off: the doctests are found on the compiled functions
        # themselves, a __test__ table would run each one twice
        exts = cythonize(COMPILED, quiet=True, nthreads=os.cpu_count() or 1,
                         compiler_directives={"language_level": 3, "autotestdict": False})
    except Exception as exc:  # noqa: BLE001  (no Cython: pure Python)
        print(f"kg: not compiling the extraction modules ({exc}); running them as Python",
              file=sys.stderr)
        return []
    for ext in exts:
        ext.optional = True   # a failed C compile leaves the pure-Python module in use
    return exts


# build_ext compiles the C files on every core
setup(ext_modules=extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
