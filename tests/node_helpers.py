"""Running the browser's own scripts in Node: the tests of pure JavaScript (dates, the atlas's
address) load a script as the browser would and print one expression's value as JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def run_script(script: Path, setup: str, expression: str) -> object:
    """`script` loaded with `window` as the global object, then `setup` (more JavaScript),
    then the value of `expression`, read back through JSON."""
    assert NODE is not None
    code = (
        "globalThis.window = globalThis;\n"
        + script.read_text(encoding="utf-8")
        + f"\n{setup}"
        + f"\nconsole.log(JSON.stringify({expression}));\n"
    )
    out = subprocess.run([NODE, "-e", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
