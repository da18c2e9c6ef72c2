"""What the browser tests (conftest.py) and the benchmark (bench/bench_scrub.py) share.

One definition of the browser they launch, the pages they allow, and how `streamlit run` is
started, waited for and stopped, so that the benchmark measures the app as the tests run it.
Standard library only (no pytest, no kuril_map): bench/bench_scrub.py imports it when it runs
as a plain script.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("KURIL_MAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium (never `playwright install`), headless, with CHROMIUM_ARGS."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    """True for a request that stays on this machine: the app must work with no internet."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return (parsed.hostname or "") in LOCAL_HOSTS


def free_port() -> int:
    """A TCP port free right now on 127.0.0.1, so that servers never clash with each other."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_healthy(base_url: str) -> bool:
    """Whether the Streamlit server at `base_url` (ends in "/") answers its health check."""
    try:
        with urllib.request.urlopen(base_url + "_stcore/health", timeout=2) as resp:
            return resp.read().strip() == b"ok"
    except OSError:
        return False


def start_streamlit(
    script: Path,
    port: int,
    log: IO[bytes],
    cwd: Path,
    extra_env: dict[str, str] | None = None,
    *,
    streamlit: Sequence[str] = (sys.executable, "-m", "streamlit"),
) -> subprocess.Popen[bytes]:
    """`streamlit run script` on `port`, its output to `log`; returns at once, not yet healthy.

    Headless, with no usage statistics and no file watcher: the same flags for every browser
    test and every benchmark run. `streamlit`: the command that is Streamlit's CLI; a test may
    wrap it (run it as another user, say).
    """
    cmd = [*streamlit, "run", str(script), "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd += ["--server.fileWatcherType", "none"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    return subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_until_healthy(
    base_url: str, proc: subprocess.Popen[bytes], timeout_s: float, interval_s: float
) -> str | None:
    """None once the server is healthy; else why not ("exited with code 1 before it was
    healthy", "not healthy after 60 s"), for the caller to report its own way."""
    deadline = time.monotonic() + timeout_s
    while not is_healthy(base_url):
        if proc.poll() is not None:
            return f"exited with code {proc.returncode} before it was healthy"
        if time.monotonic() > deadline:
            return f"not healthy after {timeout_s:g} s"
        time.sleep(interval_s)
    return None


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """Terminate `proc`, and kill it if it has not ended within 10 s: no server outlives a run."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
