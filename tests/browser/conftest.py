"""Real-browser harness: the app under `streamlit run`, driven by headless Chromium.

Uses Debian's Chromium (never `playwright install`) and lets the browser reach nothing but the
app's own server: any other request is aborted and recorded, so a test can assert that the app
works with no internet. Every test in this folder gets the `browser` marker; when Chromium is
absent they are all skipped with the reason in the summary (`pytest -ra`). What the benchmark
(bench/bench_scrub.py) uses too, Chromium and how `streamlit run` starts and stops, is in
harness.py.

Fixtures
    app_server     session: the running app; a str (base URL, ends in "/") with .log_path
    browser        session: a launched Chromium
    page           a fresh 1400x900 context + page with .requests_seen, .blocked_requests,
                   .console_errors (lists, all frames); screenshot to artefacts on failure
    app_page       `page` already at the app, first run finished
    artefacts_dir  repo/artefacts/browser (gitignored), for screenshots

Helpers (import in a test module: `from .conftest import map_frame, wait_for_app_idle`)
    wait_for_app_idle(page)     the script run has finished and nothing is stale
    map_frame(page)             the streamlit-folium iframe's Frame, re-queried every call
    wait_for_map(page)          map_frame once Leaflet has drawn at least one vector path
    off_host_requests(page)     requests that went (or tried to go) beyond the app's host
    app_exceptions(page)        texts of the exceptions the app shows (st.exception boxes)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import (
    CHROMIUM,
    REPO,
    VIEWPORT,
    free_port,
    is_local,
    launch_chromium,
    start_streamlit,
    stop_process,
    wait_until_healthy,
)

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
# The app under test; overridable to check the harness itself on a toy app.
APP_SCRIPT = Path(os.environ.get("KURIL_MAP_TEST_APP", REPO / "app.py"))
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
STARTUP_TIMEOUT_S = 60
DEFAULT_TIMEOUT_MS = 30_000


def _unavailable_reason() -> str | None:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM} (install the Debian 'chromium' package); "
            "browser tests skipped"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "the playwright Python package is not installed (pip install -e '.[test]'); "
            "browser tests skipped"
        )
    return None


SKIP_REASON = _unavailable_reason()


def _in_this_folder(item: pytest.Item) -> bool:
    return BROWSER_TESTS_DIR in Path(str(item.path)).resolve().parents


def pytest_report_header(config: pytest.Config) -> str:
    return f"browser tests: {SKIP_REASON or f'Chromium at {CHROMIUM}'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SKIP_REASON and os.environ.get("KURIL_MAP_REQUIRE_BROWSER"):
        # CI sets this: there a missing browser is a broken set-up, not a reason to skip.
        raise pytest.UsageError(f"KURIL_MAP_REQUIRE_BROWSER is set but {SKIP_REASON}")
    for item in items:
        if not _in_this_folder(item):
            continue
        item.add_marker(pytest.mark.browser)
        if SKIP_REASON:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    setattr(item, f"rep_{report.when}", report)  # read by `page` to screenshot failures
    return report


# --------------------------------------------------------------------------- the app


class AppServer(str):
    """The base URL of the running app (ends in "/"), with its process and log."""

    process: subprocess.Popen[bytes]
    log_path: Path

    def log_text(self, tail: int = 6000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]


@contextlib.contextmanager
def serve_app(
    extra_env: dict[str, str] | None = None,
    name: str = "app",
    script: Path | None = None,
    **start: Any,
) -> Iterator[AppServer]:
    """`streamlit run app.py` on a free port, yielded once /_stcore/health answers "ok".

    One place starts and stops the app for every browser test, whatever documents folder or
    settings (`extra_env`) the test needs. `script`: another copy of the page (run from its
    folder); `start`: more for harness.start_streamlit (a wrapped command).
    """
    if SKIP_REASON:
        pytest.skip(SKIP_REASON)
    script = script or APP_SCRIPT
    if not script.is_file():
        pytest.fail(f"app script not found: {script}")
    port = free_port()
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix=f"kuril-map-{name}-", suffix=".log", delete=False
    )
    proc = start_streamlit(script, port, log_file, cwd=script.parent, extra_env=extra_env, **start)
    server = AppServer(f"http://127.0.0.1:{port}/")
    server.process = proc
    server.log_path = Path(log_file.name)
    try:
        problem = wait_until_healthy(server, proc, STARTUP_TIMEOUT_S, interval_s=0.25)
        if problem:
            pytest.fail(f"streamlit {problem}:\n" + server.log_text(), pytrace=False)
        yield server
    finally:
        stop_process(proc)
        log_file.close()


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    """The app with the repo's own documents, shared by the whole browser session."""
    with serve_app() as server:
        yield server


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    if SKIP_REASON:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artefacts_dir() -> Path:
    """Screenshots of this run; failure shots of an earlier run are removed so none misleads."""
    path = REPO / "artefacts" / "browser"
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("FAILED-*.png"):
        stale.unlink(missing_ok=True)
    return path


@pytest.fixture
def page(browser, request: pytest.FixtureRequest, artefacts_dir: Path):
    """A new context and page that can reach only this machine.

    `page.requests_seen`: every request URL, from the page and all its frames, in order.
    `page.blocked_requests`: URLs that were not to localhost/127.0.0.1, aborted.
    `page.console_errors`: console errors and uncaught exceptions, all frames.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    pg = context.new_page()
    pg.requests_seen = []
    pg.blocked_requests = []
    pg.console_errors = []

    def route(rt) -> None:
        if is_local(rt.request.url):
            rt.continue_()
        else:
            pg.blocked_requests.append(rt.request.url)
            rt.abort()

    context.route("**/*", route)
    # Context-level events cover the page and every frame in it (the map's iframe included).
    context.on("request", lambda req: pg.requests_seen.append(req.url))
    context.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    context.on("weberror", lambda err: pg.console_errors.append(str(err.error)))
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        with contextlib.suppress(Exception):
            name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
            pg.screenshot(path=str(artefacts_dir / f"FAILED-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def app_page(page, app_server: AppServer):
    """`page` opened at the app, with the first script run finished."""
    page.goto(app_server)
    wait_for_app_idle(page)
    return page


# --------------------------------------------------------------------------- helpers


def wait_for_app_idle(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until the app is connected, its script is not running and nothing is stale.

    Right after a key press the state may still read notRunning; for a rerun, also wait for
    the content that the rerun should produce.
    """
    from playwright.sync_api import expect

    page.wait_for_timeout(150)  # some widgets debounce before they trigger a rerun
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def map_frame(page, timeout: float = DEFAULT_TIMEOUT_MS):
    """The streamlit-folium iframe's Frame. Re-queried on every call: it may be replaced.

    Waits for the iframe to be attached, not visible: when Leaflet fails to load, the frame
    stays at height 0, and a test should see the map missing rather than time out here.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        handle = page.wait_for_selector(MAP_IFRAME, state="attached", timeout=timeout)
    except PlaywrightTimeoutError:
        shown = app_exceptions(page)
        raise AssertionError(
            f"no map frame ({MAP_IFRAME}) after {timeout / 1000:.0f} s"
            + (f"; the app shows: {shown}" if shown else "")
        ) from None
    frame = handle.content_frame()
    if frame is None:
        raise AssertionError(f"{MAP_IFRAME} has no content frame")
    return frame


def wait_for_map(page, timeout: float = DEFAULT_TIMEOUT_MS):
    """`map_frame(page)` once Leaflet has drawn at least one vector path in it."""
    frame = map_frame(page, timeout)
    frame.wait_for_selector(".leaflet-container path", state="attached", timeout=timeout)
    return frame


# axe-core, the npm package (scripts/setup-env.sh installs it into .venv/node when npm is
# here), or wherever KURIL_MAP_AXE_JS points.
AXE_JS = Path(
    os.environ.get("KURIL_MAP_AXE_JS", REPO / ".venv/node/node_modules/axe-core/axe.min.js")
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_axe() -> str:
    """axe-core's code, or a skip saying where it was looked for (a failure in CI, which
    installs it: a missing checker must not pass as a clean page)."""
    if AXE_JS.is_file():
        return AXE_JS.read_text(encoding="utf-8")
    reason = f"axe-core not found at {AXE_JS} (scripts/setup-env.sh installs it with npm)"
    if os.environ.get("KURIL_MAP_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def axe_violations(target) -> list[str]:
    """WCAG 2.1 AA violations that axe-core finds in a page or a frame: 'rule: nodes'."""
    target.add_script_tag(content=require_axe())
    return target.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.length + ' ' +"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
        WCAG_AA,
    )


def off_host_requests(page) -> list[str]:
    """Requests that were not to this machine (blocked ones included); should be []."""
    return [url for url in page.requests_seen if not is_local(url)]


def app_exceptions(page) -> list[str]:
    """The texts of the exception boxes Streamlit shows when the script raised; should be []."""
    return page.get_by_test_id("stException").all_inner_texts()
