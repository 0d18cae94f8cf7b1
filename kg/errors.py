"""One exception tree for the whole builder.

Every error a user can cause is a :class:`KGError`; the CLI prints it as one
line (``kg: <file>: <problem>``) and exits non-zero.  Errors raised inside the
pipeline carry the article and the stage that failed.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error the builder reports to a user."""

    def __init__(self, message: str, *, path: str | None = None,
                 article: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.article = article
        self.stage = stage

    def __str__(self) -> str:  # one line, always
        where = []
        if self.path:
            where.append(str(self.path))
        if self.article and self.article != self.path:
            where.append(f"article {self.article}")
        if self.stage:
            where.append(f"stage {self.stage}")
        text = " ".join(self.message.split())
        return f"{': '.join(where)}: {text}" if where else text


class InputError(KGError):
    """A file or folder given by the user cannot be read as an article."""


class StageError(KGError):
    """A pipeline stage failed on an article."""


class CatalogueError(KGError):
    """A domain-knowledge file under ``ontology/`` is malformed."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""


class QueryError(KGError):
    """A SPARQL query is unknown, malformed, refused or timed out."""


class KGWarning(UserWarning):
    """Something a user should know that does not stop the build (a fact
    dropped by the type guard, a sentence cut at the length limit...).  The
    CLI prints each as one line, ``kg: warning: ...``."""


def install_warning_printer() -> None:
    """Print each :class:`KGWarning` as one line, ``kg: warning: ...``, on
    stderr (other warnings as Python prints them).  The CLI and spawned
    worker processes call it."""
    import sys
    import warnings

    default = getattr(warnings.showwarning, "_kg_default", warnings.showwarning)

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, KGWarning):
            print(f"kg: warning: {' '.join(str(message).split())}", file=sys.stderr)
        else:
            default(message, category, filename, lineno, file, line)

    show._kg_default = default
    warnings.showwarning = show
