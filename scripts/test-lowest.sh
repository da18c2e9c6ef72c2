#!/usr/bin/env bash
# CI's second job: the tests at the lowest versions pyproject.toml allows, in .venv-lowest.
# Direct dependencies are pinned at their lower bounds (scripts/lowest_requirements.py), what
# they depend on resolves as for a user installing them today. Runs the unit, AppTest and
# install tests and the browser smoke test (marker "smoke"); the whole browser suite runs at
# the locked versions in the main job (scripts/run-tests.sh). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
py="${PYTHON:-python3}"
rm -rf .venv-lowest
"$py" -m venv .venv-lowest
.venv-lowest/bin/python -m pip install --quiet --upgrade pip
"$py" scripts/lowest_requirements.py --extra test > .venv-lowest/lowest.txt
echo "Installing the lowest allowed versions into .venv-lowest ..."
.venv-lowest/bin/python -m pip install --quiet -r .venv-lowest/lowest.txt -e ".[test]"
echo "Testing with: $(.venv-lowest/bin/python -m pip freeze --exclude-editable | grep -i -f \
  <(sed 's/==.*//; s/^/^/; s/$/==/' .venv-lowest/lowest.txt) | paste -sd ' ')"
exec .venv-lowest/bin/python -m pytest -m "not browser or smoke" "$@"
