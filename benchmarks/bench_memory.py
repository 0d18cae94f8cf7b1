"""Peak memory of `kg build` on large inputs (issue 13, item 2).

For each size (default 1, 5 and 50 MB) two single-file inputs are made from
the bundled articles' bodies: ``line`` -- one line with every sentence end
and line break taken out (the case that ran away: sentences are now cut at
kg.article.MAX_SENTENCE characters), and ``text`` -- the ordinary text
repeated.  Each is built by a real `kg build` child process (``--jobs 1
--no-html``, SHACL off unless --validate, the size limit raised to fit);
its peak RSS comes from wait4().  Prints one row per input, with RSS per MB
of input, so that "roughly linear" can be read off the last column.

    .venv/bin/python benchmarks/bench_memory.py [--sizes 1,5,50] [--validate]

Not a test: it takes minutes at 50 MB and several GB of memory.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


def bodies() -> str:
    out = []
    for f in sorted(ARTICLES.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out.append(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)
    return "\n".join(out)


def make(kind: str, mb: float, folder: Path) -> Path:
    unit = bodies()
    if kind == "line":
        unit = re.sub(r"[。！？；!?;…\n]", "", unit)
    else:
        unit = unit.rstrip("\n") + "\n"
    want = int(mb * 1_000_000)
    reps = max(1, want // len(unit.encode("utf-8")))
    path = folder / f"{kind}-{mb:g}mb.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(reps):
            fh.write(unit)
    return path


def run(path: Path, out: Path, validate: bool) -> tuple[int, float, float, str]:
    size = path.stat().st_size
    cmd = [sys.executable, "-m", "kg", "build", str(path), "--out", str(out), "--jobs", "1",
           "--no-html", "--max-bytes", str(size + 1)]
    if not validate:
        cmd.append("--no-validate")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    stdout, stderr = p.stdout.read(), p.stderr.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    p.stderr.close()
    note = stdout.strip().split(": ", 1)[-1] if p.returncode == 0 else "FAILED: " + stderr.strip()[-200:]
    return size, usage.ru_maxrss / 1024, secs, note


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,5,50", help="input sizes in MB (default 1,5,50)")
    ap.add_argument("--kinds", default="line,text")
    ap.add_argument("--validate", action="store_true", help="keep the SHACL check on")
    a = ap.parse_args(argv)
    sizes = [float(s) for s in a.sizes.split(",")]
    print(f"{'input':<14}{'bytes':>12}{'peak RSS MB':>13}{'RSS MB/MB':>11}{'s':>8}  result")
    with tempfile.TemporaryDirectory(prefix="kg-bench-mem-") as tmp:
        tmp = Path(tmp)
        for kind in a.kinds.split(","):
            for mb in sizes:
                path = make(kind, mb, tmp)
                size, rss, secs, note = run(path, tmp / "out", a.validate)
                print(f"{path.stem:<14}{size:>12}{rss:>13.0f}{rss / (size / 1e6):>11.1f}"
                      f"{secs:>8.1f}  {note}", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
