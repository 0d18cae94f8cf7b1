# Keep pytest from importing kg/__main__.py (it runs the CLI) while collecting doctests.
collect_ignore = ["kg/__main__.py", "notebooks", "benchmarks"]
