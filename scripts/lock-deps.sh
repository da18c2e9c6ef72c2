#!/usr/bin/env bash
# Re-pin constraints.txt: the newest versions pyproject.toml allows, every package (transitive
# ones too) at one exact version, for any Python from 3.11 up and any platform. Run it on
# purpose (a new release wanted, a bound changed), run the tests, commit both files.
# constraints.txt is a pip constraints file: scripts/setup-env.sh and CI install with it, and
# Community Cloud ignores it (it reads requirements.txt; see the README, "Deploying").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-env.sh test
.venv/bin/python -m pip install --quiet uv
.venv/bin/python -m uv pip compile pyproject.toml --extra test --universal \
  --python-version 3.11 --custom-compile-command "bash scripts/lock-deps.sh" \
  --quiet -o constraints.txt
echo "constraints.txt re-pinned; now: bash scripts/run-tests.sh"
