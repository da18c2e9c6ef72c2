"""The app from a read-only copy, run by a user who cannot write to it, in headless Chromium:
the map draws, coloured, with every request on this machine, and the server log says once why
the files do not come from static/, with no traceback.

CI runs as root, and root writes whatever the file modes say, so as root the app is started
through `setpriv` (util-linux) as `nobody`, with its own group only. Where `nobody` cannot run
the project's Python (an interpreter under /root, which only root may enter), it runs as root
with every capability dropped instead: file modes then bind it like any owner, so it cannot
write the copy either. As any other user the app runs as that user, whom the modes stop.

Two hosts: one where a temporary folder can be written (a read-only checkout or container
root; the files are served from there), and one where nothing can (tempfile's folder is
read-only too; the files travel inline). kuril_map/ui/assets.py explains the two.

When none of this can be arranged, the test is skipped with the reason, and fails instead
under KURIL_MAP_REQUIRE_BROWSER (CI).

And never a silent blank map: when a script of the map frame cannot load at all (a proxy that
does not pass the app's files, say), the frame says so, in the page's language.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kuril_map import history
from kuril_map.islands import ISLAND_IDS
from kuril_map.map.style import STATE_COLOURS

from .conftest import (
    MAP_IFRAME,
    REPO,
    AppServer,
    app_exceptions,
    map_frame,
    off_host_requests,
    serve_app,
    wait_for_app_idle,
    wait_for_map,
)

pytestmark = pytest.mark.smoke  # CI's lowest-versions job runs these too (a read-only host)

# What the app needs to run; the copy leaves out tests, the venv, static/ and caches.
APP_PARTS = ("app.py", ".streamlit", "kuril_map", "data", "seeds")
UNPRIVILEGED = "nobody"
DAY = "1946-02-02"  # the four islands administered by the USSR: a colour that is not the default
WARNING = "kuril-map warning:"
FILES_ROUTE = "/component/kuril_map.ui.assets.kuril_map_files/"
# Streamlit's CLI with tempfile's folder set to argv[1]: a host where no temporary folder can
# be written either (the app then sends its files inline).
NO_TEMP_FOLDER = (
    "import sys, tempfile; tempfile.tempdir = sys.argv.pop(1); "
    "from streamlit.web.cli import main; sys.argv[0] = 'streamlit'; main()"
)

# In the map frame: each island drawn, with its fill colour.
JS_ISLAND_FILLS = """() => Object.fromEntries(Object.values(window.map._layers)
  .filter(l => l.feature && l._path && l._path.isConnected && !l.feature.properties.kind)
  .map(l => [l.feature.properties.id, (l._path.getAttribute('fill') || '').toUpperCase()]))"""


# --------------------------------------------------------------------------- the read-only copy


def read_only_copy(root: Path) -> Path:
    """The app's files copied under `root`, owned by the tests' user, with no write bit for
    anyone; folders stay readable and searchable, as a read-only checkout or image is."""
    app = root / "app"
    app.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "_data", "static", "*.pyc")
    for part in APP_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, app / part, ignore=skip)
        else:
            shutil.copy2(source, app / part)
    for path in [app, *app.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return app


@dataclass(frozen=True)
class Runner:
    """Who runs the app: `prefix` goes before the command, `uid` owns its HOME."""

    who: str
    prefix: tuple[str, ...] = ()
    uid: int | None = None


def runners() -> list[Runner]:
    """The ways to run the app as someone who cannot write the copy, best first."""
    if os.geteuid() != 0:
        return [Runner("this user (not root: file modes apply)")]
    found: list[Runner] = []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return found
    try:
        nobody = pwd.getpwnam(UNPRIVILEGED)
    except KeyError:
        nobody = None
    if nobody is not None:
        ids = [f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
        found.append(Runner(UNPRIVILEGED, (setpriv, *ids), nobody.pw_uid))
    caps = ["--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all", "--no-new-privs"]
    found.append(Runner("root with every capability dropped", (setpriv, *caps)))
    return found


def writable_home(root: Path, runner: Runner) -> Path:
    """A HOME the app's user can write (Streamlit keeps ~/.streamlit there)."""
    home = root / "home"
    home.mkdir()
    if runner.uid is not None:
        os.chown(home, runner.uid, -1)
    return home


def problem_with(runner: Runner, app: Path, env: dict[str, str]) -> str | None:
    """Why `runner` cannot run the test as meant (None: it can): it must run the project's
    Python and import the copy, and must not be able to write the copy."""

    def run(code: str) -> subprocess.CompletedProcess[str]:
        cmd = [*runner.prefix, sys.executable, "-c", code]
        return subprocess.run(cmd, cwd=app, env=env, capture_output=True, text=True)

    probe = run("import streamlit, kuril_map; print(kuril_map.__file__)")
    if probe.returncode != 0:
        why = (probe.stderr.strip() or f"exit status {probe.returncode}")[-300:]
        return f"{runner.who} cannot run {sys.executable} with the project's packages: {why}"
    if Path(probe.stdout.strip()).parent != app / "kuril_map":
        return f"the copy imports kuril_map from {probe.stdout.strip()}, not from {app}"
    if run("open('static', 'w')").returncode == 0:
        return f"{runner.who} can write {app}: that would not test a read-only host"
    return None


def choose_runner(app: Path, env: dict[str, str]) -> Runner:
    """The first way that works here; else a skip naming what failed (a failure in CI)."""
    problems = []
    for runner in runners():
        problem = problem_with(runner, app, env)
        if problem is None:
            return runner
        problems.append(problem)
    reason = "; ".join(problems) or "running as root and no setpriv (util-linux) to drop it"
    if os.environ.get("KURIL_MAP_REQUIRE_BROWSER"):
        pytest.fail(f"the read-only host test cannot run: {reason}", pytrace=False)
    pytest.skip(f"the read-only host test cannot run here: {reason}")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Path]:
    """A folder under the system's temporary folder that any user may enter (pytest's own
    tmp_path is private to the tests' user)."""
    root = Path(tempfile.mkdtemp(prefix="kuril-map-read-only-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module", params=["temporary folder", "nothing writable"])
def read_only_server(request, sandbox: Path) -> Iterator[AppServer]:
    """The app served from its read-only copy, as a user who cannot write it."""
    where = sandbox / request.param.replace(" ", "-")
    where.mkdir()
    where.chmod(0o755)
    app = read_only_copy(where)
    env = {"PYTHONDONTWRITEBYTECODE": "1"}
    runner = choose_runner(app, {**os.environ, **env})
    env["HOME"] = str(writable_home(where, runner))
    python = [*runner.prefix, sys.executable]
    streamlit = [*python, "-m", "streamlit"]
    if request.param == "nothing writable":
        streamlit = [*python, "-c", NO_TEMP_FOLDER, str(app)]  # the copy: read-only
    name = f"read-only-{where.name}"
    with serve_app(env, name, app / "app.py", streamlit=streamlit) as server:
        server.mode = request.param
        server.app_dir = app
        server.runner = runner
        yield server


# --------------------------------------------------------------------------- the test


def expected_fills(day: str) -> dict[str, str]:
    h = history.load()
    return {
        t: STATE_COLOURS[h.status(t, date.fromisoformat(day)).administered_by].upper()
        for t in ISLAND_IDS
    }


def test_read_only_copy_draws_the_map_and_says_why_once(page, read_only_server: AppServer) -> None:
    server = read_only_server
    if server.runner.uid is not None:  # the server really runs as that user
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        (uids,) = [line.split()[1:] for line in status.splitlines() if line.startswith("Uid:")]
        assert set(uids) == {str(server.runner.uid)}, uids
    page.goto(f"{server}?date={DAY}")
    wait_for_app_idle(page)
    frame = wait_for_map(page)
    frame.wait_for_function(
        "(day) => document.documentElement.getAttribute('data-km-date') === day", arg=DAY
    )
    fills = frame.evaluate(JS_ISLAND_FILLS)
    wanted = expected_fills(DAY)
    assert {t: fills.get(t) for t in ISLAND_IDS} == wanted, "the four islands, coloured"
    assert (
        len(set(wanted.values()) - {""}) == 1 and STATE_COLOURS["ussr"].upper() in wanted.values()
    )
    # The page's own components (time control, panels) drew from the same files.
    assert page.locator("input.km-tc-range").count() == 1
    assert "1946" in page.locator(".km-panels").first.inner_text()
    # Every request stayed on this machine; none went to static/, which holds nothing.
    assert off_host_requests(page) == [] and page.blocked_requests == []
    assert not [u for u in page.requests_seen if "/app/static/" in u]
    served = [u for u in page.requests_seen if FILES_ROUTE in u]
    if server.mode == "temporary folder":
        assert any("/vendor/leaflet-" in u for u in served), served
        assert any("/km/kuril-page-" in u for u in served), served
    else:
        assert served == [], "nothing writable: the files came inline"
    assert app_exceptions(page) == []
    assert page.console_errors == []

    # More runs and another session: the log still says it once.
    page.locator("input.km-tc-range").focus()
    page.keyboard.press("ArrowRight")
    wait_for_app_idle(page)
    page.goto(f"{server}?date={DAY}&lang=ja")
    wait_for_app_idle(page)
    wait_for_map(page)
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    assert log.count(WARNING) == 1, log[-3000:]
    (line,) = [x for x in log.splitlines() if WARNING in x]
    assert f"{server.app_dir / 'static'} cannot be written" in line
    assert ("served from" if server.mode == "temporary folder" else "sent inline") in line
    assert "Traceback" not in log, log[-3000:]


def test_a_map_whose_scripts_cannot_load_says_so(page, app_server: AppServer) -> None:
    """streamlit-folium leaves the frame empty at height 0 when a script fails; the frame's
    inline watchdog (kuril_map/map/js/watchdog.js) shows why instead."""
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(f"{app_server}?lang=ja")
    wait_for_app_idle(page)
    frame = map_frame(page)
    notice = frame.locator(".km-frame-failed")
    expect(notice).to_have_text(
        re.compile(r"^地図を読み込めませんでした（could not load leaflet\.js）")
    )
    expect(notice).to_have_attribute("role", "alert")
    frame_box = page.locator(MAP_IFRAME).bounding_box()
    shown = notice.bounding_box()  # in the page's coordinates: inside the frame's box
    assert frame_box is not None and shown is not None
    assert (
        shown["height"] > 20
        and shown["y"] + shown["height"] <= frame_box["y"] + frame_box["height"]
    )
    assert app_exceptions(page) == []
