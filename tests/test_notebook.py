"""Issue 6: the analysis notebook runs fresh, end to end, and its charts use a CJK font."""
import copy
import os

import nbformat
import pytest

from .conftest import ROOT

NB = ROOT / "notebooks" / "analysis.ipynb"


def _stdout(nb) -> str:
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream":
                out.append(o["text"])
            if o.get("output_type") == "error":
                out.append("ERROR " + o.get("ename", ""))
    return "".join(out)


def test_committed_notebook_has_outputs():
    nb = nbformat.read(NB, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 10
    assert all(c.get("execution_count") for c in code)
    assert "ERROR" not in _stdout(nb)
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in code for o in c.get("outputs", []))


def test_committed_outputs_are_clean_and_machine_independent():
    """No warning, no traceback, no path of the machine that ran it."""
    import re

    nb = nbformat.read(NB, as_version=4)
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert o.get("output_type") != "stream" or o.get("name") != "stderr", o
            text = o.get("text", "") + "".join(
                v for k, v in o.get("data", {}).items() if k.startswith("text/") and isinstance(v, str))
            assert "Warning" not in text and "Traceback" not in text
            assert not re.search(r"(?<![\w.])/(?:home|root|work|tmp|usr|opt|Users)/", text), text[:300]
            assert ".venv" not in text and "site-packages" not in text
            assert "ran in" not in text


def test_nbconvert_is_installed_by_the_run_command():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("nbconvert") for d in meta["optional-dependencies"]["notebook"])
    assert "'.[notebook]'" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    import shutil
    import subprocess
    import sys

    exe = shutil.which("jupyter", path=str(ROOT / ".venv" / "bin")) or shutil.which(
        "jupyter", path=os.path.dirname(sys.executable))
    assert exe, "jupyter is not installed in the environment"
    r = subprocess.run([exe, "nbconvert", "--version"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip()


def test_notebook_runs_fresh_top_to_bottom(tmp_path, artifacts):
    from nbclient import NotebookClient

    nb = nbformat.read(NB, as_version=4)
    fresh = copy.deepcopy(nb)
    for c in fresh.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    NotebookClient(fresh, timeout=170, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    text = _stdout(fresh)
    assert "ERROR" not in text
    font_line = next(line for line in text.splitlines() if line.startswith("CJK font:"))
    from kg.plotting import font_file, use_cjk_font

    shown = font_line.split("->", 1)[1].strip()
    assert "CJK" in font_line and shown == os.path.basename(font_file(use_cjk_font()))
    assert "missing glyph warnings: 0" in text
    assert "金川集团 → 硫酸 → 甘肃德通国钛金属有限公司 → 海绵钛 → 钛材" in text
    png = ROOT / "notebooks" / "_build" / "pagerank.png"
    assert png.exists() and png.stat().st_size > 10_000
    (artifacts / "notebook-pagerank.png").write_bytes(png.read_bytes())


def test_chart_glyphs_come_from_the_cjk_font():
    """Render Chinese text and check every glyph was found in the CJK font."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kg.plotting import font_file, use_cjk_font

    name = use_cjk_font()
    assert "CJK" in font_file(name) or "wqy" in font_file(name).lower()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("金川集团 硫酸 海绵钛")
        fig.canvas.draw()
        plt.close(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    pytest.importorskip("matplotlib.ft2font")
    from matplotlib.ft2font import FT2Font

    f = FT2Font(font_file(name))
    assert all(f.get_char_index(ord(ch)) for ch in "金川集团硫酸海绵钛")
