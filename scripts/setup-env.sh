#!/usr/bin/env bash
# Create or refresh the project's virtual environment in .venv.
# Usage: scripts/setup-env.sh [runtime|test]   (sourced by run-app.sh and run-tests.sh)
# Installs the exact versions in constraints.txt (scripts/lock-deps.sh writes it), so every
# machine and CI get the same set. Re-installs only when pyproject.toml or constraints.txt
# changed since the last install, so repeat runs are fast.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extra="${1:-runtime}"
py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "kuril-map needs Python 3.11 or newer; found: $("$py" --version 2>&1)." >&2
  echo "Set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
stamp=".venv/.installed-$extra"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing kuril-map ($extra) into .venv ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$extra" = test ]; then spec=".[test]"; else spec="."; fi
  .venv/bin/python -m pip install --quiet -c constraints.txt -e "$spec"
  echo "$want" > "$stamp"
fi
# The browser tests check the page against WCAG 2.1 AA with axe-core, the npm package (never
# a CDN): installed once into .venv/node when npm is here; without npm those tests skip, and
# say so (CI installs it: .ci/run).
AXE_VERSION="4.14.1"
if [ "$extra" = test ] && command -v npm >/dev/null \
   && [ "$(cat .venv/node/.axe-version 2>/dev/null)" != "$AXE_VERSION" ]; then
  echo "Installing axe-core $AXE_VERSION (npm) into .venv/node for the accessibility tests ..."
  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
    --prefix .venv/node "axe-core@$AXE_VERSION" >/dev/null
  echo "$AXE_VERSION" > .venv/node/.axe-version
fi
