"""Which of kg's modules run compiled, and whether any compiled one is stale.

``setup.py`` compiles the extraction modules with Cython when it can; Python
then imports ``mentions.cpython-*.so`` in place of ``mentions.py``.  After an
edit to such a ``.py`` file the old compiled module would still be the one
run, so :func:`stale_modules` names them and ``kg build`` warns.
"""
from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

#: the modules setup.py compiles (paths from the project root): the ones run
#: per sentence or per article
SOURCES = (
    "kg/article.py",
    "kg/normalize.py",
    "kg/extract/figures.py",
    "kg/extract/lexical.py",
    "kg/extract/mentions.py",
    "kg/extract/people.py",
    "kg/extract/relations.py",
    "kg/extract/resolve.py",
)


def _compiled_files(package: Path):
    """(module name, compiled file, its .py source) for each compiled module."""
    for suffix in EXTENSION_SUFFIXES:
        for f in package.rglob("*" + suffix):
            src = f.with_name(f.name[: -len(suffix)] + ".py")
            if src.exists():
                yield f.relative_to(package).as_posix()[: -len(suffix)].replace("/", "."), f, src


def compiled_modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Module name -> compiled file, for every compiled module of ``package``.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "fast.py").write_text(""); _ = (d / ("fast" + EXTENSION_SUFFIXES[0])).write_bytes(b"")
    >>> _ = (d / "slow.py").write_text("")
    >>> sorted(compiled_modules(d))
    ['fast']
    """
    out: dict[str, Path] = {}
    for name, so, _src in _compiled_files(package):
        out.setdefault(name, so)
    return dict(sorted(out.items()))


def stale_modules(package: Path = PACKAGE) -> list[Path]:
    """The ``.py`` files changed after their compiled module was built."""
    return sorted({src for _name, so, src in _compiled_files(package)
                   if src.stat().st_mtime > so.stat().st_mtime})


def not_compiled(package: Path = PACKAGE) -> list[str]:
    """The :data:`SOURCES` that run as plain Python here (no compiled file)."""
    have = set(compiled_modules(package))
    return [src for src in SOURCES
            if src.removeprefix("kg/").removesuffix(".py").replace("/", ".") not in have]


def plain_copy(folder: Path, package: Path = PACKAGE) -> Path:
    """Copy the package's sources, without compiled files, to ``folder/kg``.

    With ``folder`` first on ``sys.path`` (and ``$KG_ONTOLOGY`` set, since
    the copy has no ``ontology/`` beside it) Python runs every module as
    plain Python: the benchmark and tests compare that with the compiled
    build.  Returns ``folder``.
    """
    import shutil

    shutil.copytree(package, Path(folder) / "kg",
                    ignore=shutil.ignore_patterns("*.so", "*.pyd", "*.c", "__pycache__"))
    return Path(folder)
