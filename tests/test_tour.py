"""Issue 15: every command of the README tour, in order, on a fresh copy of
the checkout whose environment is made by the README's run command alone
(`bash scripts/run.sh`, which creates the copy's own .venv)."""
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kg.graph.server import free_port, wait_until_up

from .conftest import ROOT
from .test_server import port_is_free


def tour_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## A tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    cmds = []
    for line in block.splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()     # a comment after the command
        if line and not line.startswith("#"):
            cmds.append(line)
    return cmds


def fresh_copy(dest: Path) -> Path:
    """The checkout's files as a clone would have them (tracked files only)."""
    try:
        files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                               check=True, timeout=60).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
            ".venv", ".git", "test-artifacts", "__pycache__", "*.so", "*.c", "_build"))
        return dest
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)
    return dest


def test_readme_tour_lists_every_command():
    cmds = tour_commands()
    used = {shlex.split(c)[1] for c in cmds if c.startswith("kg ")}
    from kg.cli import make_parser

    sub = next(a for a in make_parser()._actions if a.dest == "command")
    assert set(sub.choices) <= used, set(sub.choices) - used
    assert "kg --version" in cmds


def test_every_tour_command_runs_on_a_fresh_setup(tmp_path):
    repo = fresh_copy(tmp_path / "kg")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "KG_"))}
    env["KG_PURE_PYTHON"] = "1"           # skip the Cython build: same output, less CPU
    env["TMPDIR"] = str(tmp_path)
    r = subprocess.run(["bash", "scripts/run.sh"], cwd=repo, env=env, capture_output=True,
                       text=True, timeout=1500)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "wrote data/triples.ttl" in r.stdout
    bindir = repo / ".venv" / "bin"
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    ports = {"7878": str(free_port()), "7879": str(free_port())}
    background: list[tuple[subprocess.Popen, str]] = []
    ran = []
    try:
        for cmd in tour_commands():
            for old, new in ports.items():
                cmd = cmd.replace(old, new)
            bg = cmd.endswith("&")
            argv = shlex.split(cmd.rstrip("&").strip())
            if argv[0] == "kg":
                argv[0] = str(bindir / "kg")
            elif argv[0].startswith(".venv/"):
                argv[0] = str(repo / argv[0])
            assert Path(argv[0]).is_file(), f"{argv[0]} is not installed by scripts/run.sh"
            if bg:
                port = next(p for p in ports.values() if p in cmd)
                proc = subprocess.Popen(argv, cwd=repo, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                background.append((proc, port))
                wait_until_up(f"http://127.0.0.1:{port}/query", timeout=60, proc=proc)
                ran.append(cmd)
                continue
            res = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True,
                                 timeout=600)
            assert res.returncode == 0, f"{cmd}\n{res.stderr[-2000:]}"
            assert res.stdout.strip() or res.stderr.strip(), f"{cmd}: no output"
            assert "Traceback" not in res.stderr, cmd
            ran.append(cmd)
        assert len(ran) == len(tour_commands())
        # the servers the tour started
        for proc, port in background:
            assert proc.poll() is None, f"server on {port} stopped early"
    finally:
        for proc, port in background:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    for proc, port in background:
        assert proc.returncode in (0, -signal.SIGTERM)
        deadline = time.monotonic() + 10
        while not port_is_free(int(port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert port_is_free(int(port))
    assert list(tmp_path.glob("kg-store-*")) == []
    assert (repo / "data" / "facts.csv").stat().st_size > 1000
    assert (repo / "data" / "analysis.html").stat().st_size > 10_000
