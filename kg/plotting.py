"""Chinese text in matplotlib charts: find a CJK font and use it."""
from __future__ import annotations

from .errors import KGError

CJK_HINTS = ("Noto Sans CJK SC", "Noto Sans CJK", "Noto Serif CJK", "Source Han Sans", "Source Han Serif",
             "WenQuanYi", "Droid Sans Fallback", "AR PL", "SimHei", "Microsoft YaHei",
             "PingFang", "Heiti", "Noto Sans SC")


def find_cjk_font() -> str | None:
    """The family name of an installed font that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist})
    for hint in CJK_HINTS:
        for n in names:
            if n.startswith(hint):
                return n
    # fonts installed after matplotlib built its cache
    import glob

    for pattern in ("/usr/share/fonts/**/*CJK*.tt[cf]", "/usr/share/fonts/**/wqy*.tt[cf]"):
        for path in sorted(glob.glob(pattern, recursive=True)):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese with a CJK font; returns the family name.

    Raises :class:`KGError` with an install hint when there is none.
    """
    import matplotlib

    name = find_cjk_font()
    if name is None:
        raise KGError("no font with Chinese glyphs is installed; install Debian's "
                      "fonts-noto-cjk (bash scripts/setup.sh test does it as root)")
    fams = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = [name] + fams
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


def font_file(name: str) -> str:
    """The file matplotlib will draw ``name`` from."""
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
