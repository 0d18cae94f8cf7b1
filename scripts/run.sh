#!/usr/bin/env bash
# One command: set up, then build the bundled articles into data/triples.ttl.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
.venv/bin/kg build "$@"
