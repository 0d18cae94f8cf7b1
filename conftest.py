import os

# Keep pytest from importing kg/__main__.py (it runs the CLI) while collecting doctests.
collect_ignore = ["kg/__main__.py", "notebooks", "benchmarks"]

# The extraction modules may be compiled (setup.py): Python then imports
# kg/extract/mentions.*.so for kg/extract/mentions.py.  pytest's doctest
# collector would call that a different module; it is the same source, and
# doctest finds the docstrings on the compiled functions.
os.environ.setdefault("PY_IGNORE_IMPORTMISMATCH", "1")
