#!/usr/bin/env bash
# The one command that runs the app: sets up .venv if needed, then starts Streamlit.
# Extra arguments go to `streamlit run` (e.g. --server.port 8600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-env.sh runtime
exec .venv/bin/python -m streamlit run app.py "$@"
