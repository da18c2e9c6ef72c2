"""Data that goes into the map frame's scripts, made safe there.

JSON placed inside a <script> must not end the script early with a "</".
"""

from __future__ import annotations

import json
from typing import Any


def script_json(value: Any) -> str:
    """JSON to place inside a <script>: a "</" in the data must not end the script early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
