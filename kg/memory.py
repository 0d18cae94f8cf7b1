"""Memory helpers shared by the build's phases."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for the ``with`` block.

    Extraction makes next to no reference cycles (27 unreachable objects after
    the 300 articles of the 100x benchmark corpus), while each collection
    walks every article kept so far: unpickling the workers' articles took 2.5x
    as long with the collector on.  Reference counting still frees everything
    else at once; the collector resumes (if it was on) when the block ends.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
