#!/usr/bin/env bash
# The one command that runs the tests: sets up .venv if needed, lints, then runs pytest.
# Browser tests run when Chromium is installed (/usr/bin/chromium) and are skipped, with the
# reason shown in the summary, when it is not. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-env.sh test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
