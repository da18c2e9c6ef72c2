"""Text that goes into the map frame's HTML and scripts, made safe there.

Tooltips and the legend reach the frame as HTML, so every value is escaped, even our own; JSON
placed inside a <script> must not end the script early with a "</".
"""

from __future__ import annotations

import html
import json
from typing import Any


def escape(value: object) -> str:
    """Data reaches tooltips as HTML, so every value is escaped, even our own."""
    return html.escape("" if value is None else str(value))


def script_json(value: Any) -> str:
    """JSON to place inside a <script>: a "</" in the data must not end the script early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
