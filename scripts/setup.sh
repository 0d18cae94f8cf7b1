#!/usr/bin/env bash
# Set-up for kg: a virtualenv in .venv with the package and its extras.
#   bash scripts/setup.sh          # the builder, its server and the notebook tools (the tour)
#   bash scripts/setup.sh test     # + test tools, notebook kernel, Chromium and CJK fonts
# System packages (Debian's chromium, fonts-noto-cjk) are installed with
# apt-get when running as root; otherwise a message says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "setup: Python >= 3.10 is needed (found $("$PY" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
# (PYTHONWARNINGS: setuptools warns about every editable install)
if [ "$mode" = "test" ]; then
  PYTHONWARNINGS=ignore .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
else
  PYTHONWARNINGS=ignore .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[notebook]'
fi
# the package's bytecode, written now: an editable install writes none, and
# where PYTHONDONTWRITEBYTECODE is set Python never does, so every command
# would compile kg's modules again (0.1 s of each rebuild)
.venv/bin/python -m compileall -q kg >/dev/null || true
# setup.py compiles the extraction modules when a C compiler is there
plain="$(.venv/bin/python -c 'from kg.compiled import not_compiled; print(*not_compiled())')"
if [ -n "$plain" ]; then
  echo "setup: not compiled, running as plain Python (same output, slower): $plain" >&2
fi

if [ "$mode" = "test" ]; then
  need=()
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
  # (no grep -q: with pipefail an early exit would fail fc-list with SIGPIPE)
  fc-list : family 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "setup: installing ${need[*]} with apt-get"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
      fc-cache -f >/dev/null 2>&1 || true
    else
      echo "setup: please install ${need[*]} (Debian: sudo apt-get install ${need[*]});" \
           "the browser and chart tests need them" >&2
    fi
  fi
fi
