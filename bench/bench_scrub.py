"""Speed benchmark of the app as a user meets it, against the one-slider floor page, in one run.

    .venv/bin/python bench/bench_scrub.py [--drags 60] [--commits 20] [--cold 5] [--warm 8]
                                          [--sessions 30] [--atlas-runs 7] [--baseline DIR]

Starts `streamlit run app.py` and `streamlit run bench/floor_app.py` on free ports (the flags
of tests/browser/harness.py, the repo's .streamlit/config.toml for both) and drives them with
headless Debian Chromium through Playwright. Times are taken in the browser with
performance.now(), or as epoch milliseconds (performance.timeOrigin + performance.now())
where they meet the server's process start (Python's time.time()). It measures:

- cold start: process start -> first drawn map (an island path in a state's colour, at the
  animation frame that paints it), against the floor's process start -> its text, in turns
  (floor, app, floor, app, ...); split into the time line of the app's start (server up, page
  loaded, websocket, first script run, map frame, its fetches) and the first run's server work
  measured in a fresh interpreter (`--cold-parts`: imports by package with -X importtime, then
  each step of the first run);
- a new session on the warm server: navigation -> first drawn map, each in a new context
  (nothing cached; in turns with a new session of the floor page) and in a new tab (cached);
- both also for the map alone (bench/map_floor_app.py: the app's map on an empty page), in
  turns with the others: what the map component itself costs, and so how much of the app's
  time is its map and how much the rest of its page;
- the drag: real mouse moves on the time control's range input, pointer held down; the clock
  runs from the pointermove's timestamp to the moment the island paths in the map frame carry
  their new fills (bench/js/drag.js);
- panels change-to-visible: from the commit (the pointer's release on the time control; the
  floor: the key press on its slider) to the title, the history panels and the excerpt panel
  all showing the new day with nothing stale (bench/js/commit.js), app and floor in turns;
- server memory: RSS and PSS (/proc) of a fresh app server with 0, 1 and N sessions open,
  and the sessions that fit in 1 GB;
- the atlas: its size and time to the map on screen (bench/bench_atlas.py's code).

With --baseline DIR (another checkout), its app's cold starts run in turns with this one's, and
its first run is split the same way: a before/after. Prints the tables, writes every sample to
artefacts/bench/results.json, exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
# The checkout measured; `--cold-parts` may be pointed at another (the baseline of a before/after).
REPO = Path(os.environ.get("KURIL_BENCH_REPO") or BENCH.parent).resolve()
JS_DIR = BENCH / "js"
for folder in (REPO, BENCH):  # run as a script, only bench/ is on the path
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

# Chromium, its flags and `streamlit run` exactly as the browser tests use them.
from tests.browser import harness  # noqa: E402

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 60_000
QUIET_MS = 300  # after a run, this long with no new frame before the next change
GB = 10**9

TARGETS = {
    "drag_median_ms": 16.0,
    "drag_p95_ms": 50.0,
    "panels_ratio": 1.5,
    "panels_goal_ratio": 1.2,
    "cold_ratio": 1.5,
    "warm_session_s": 1.0,
    "sessions_rss_bytes": GB,
}

# The drag goes back and forth across 1945 (the four islands: Japan's orange, the USSR's
# blue); commits go between an early-war and a post-war day (new era, status and excerpts).
DRAG_DAYS = ("1942-06-01", "1948-06-01")
COMMIT_DAYS = ("1941-06-01", "1946-06-01")
HEAVY_MODULES = (
    "streamlit",
    "numpy",
    "pandas",
    "pyarrow",
    "shapely",
    "pyproj",
    "geopandas",
    "jinja2",
    "branca",
    "folium",
    "streamlit_folium",
    "kuril_map",
)


def js(name: str) -> str:
    """A probe's code (bench/js/), kept out of Python strings."""
    return (JS_DIR / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    """`streamlit run SCRIPT` on a free port, with the flags of tests/browser/harness.py."""

    script: Path
    env: dict[str, str] = field(default_factory=dict)  # more for its environment
    port: int = field(default_factory=harness.free_port)
    proc: subprocess.Popen[bytes] | None = None
    log: Any = None
    started_epoch: float = 0.0
    healthy_epoch: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        """Start and wait for /_stcore/health, polled every 20 ms."""
        self.port = harness.free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix=f"bench-{self.script.stem}-", suffix=".log", delete=False
        )
        self.started_epoch = time.time()
        # cwd: both apps read the repo's .streamlit/config.toml
        self.proc = harness.start_streamlit(
            self.script, self.port, self.log, cwd=REPO, extra_env=self.env
        )
        if harness.wait_until_healthy(self.url, self.proc, timeout_s=90, interval_s=0.02):
            raise RuntimeError(f"{self.script.name} did not start; see {self.log.name}")
        self.healthy_epoch = time.time()

    def stop(self) -> None:
        if self.proc:
            harness.stop_process(self.proc)
            self.proc = None
        if self.log:
            self.log.close()
            self.log = None


def map_alone_server() -> Server:
    """bench/map_floor_app.py: the app's map on an empty page. Streamlit serves static/ only
    beside the script it runs, so this page's map files come from a private folder through
    the component route (ui/assets.py's second placement): the same bytes, another address."""
    return Server(
        BENCH / "map_floor_app.py", env={"STREAMLIT_SERVER_ENABLE_STATIC_SERVING": "false"}
    )


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):  # the task may have ended meanwhile
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


def _kib_field(path: Path, name: str) -> int:
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) * 1024
    return 0


def memory(pid: int) -> dict[str, int]:
    """RSS and PSS (bytes) of a process and all its children."""
    pids = process_tree(pid)
    return {
        "processes": len(pids),
        "rss": sum(_kib_field(Path(f"/proc/{p}/status"), "VmRSS") for p in pids),
        "pss": sum(_kib_field(Path(f"/proc/{p}/smaps_rollup"), "Pss") for p in pids),
    }


# --------------------------------------------------------------------------- the browser


# In the message that carries the map component's arguments (kuril_map/map/base_map.py).
MAP_MESSAGE_MARK = b"kmLoadGeo("


class Traffic:
    """Websocket frames received by one page, as running totals, and when (time.time(), as
    Playwright hands the frame over) the first message with the map's arguments came."""

    def __init__(self, page) -> None:
        self.bytes = self.frames = 0
        self.map_message_epoch: float | None = None
        page.on("websocket", lambda ws: ws.on("framereceived", self._in))

    def _in(self, payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.bytes += len(data)
        self.frames += 1
        if self.map_message_epoch is None and MAP_MESSAGE_MARK in data:
            self.map_message_epoch = time.time()

    def totals(self) -> tuple[int, int]:
        return self.bytes, self.frames


def probe_script() -> str:
    """The init script of every measured page: the state fills, then bench/js/probe.js."""
    from kuril_map.map.style import STATE_COLOURS

    fills = sorted({c.upper() for c in STATE_COLOURS.values()})
    return f"window.__kmStateFills = {json.dumps(fills)};\n" + js("probe.js")


def new_page(browser) -> Any:
    """A new context (no cache, a new session) and page that reach only this machine, with the
    probe installed in the page and every frame; `page.traffic` counts websocket frames."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)

    def local_only(route) -> None:
        if harness.is_local(route.request.url):
            route.continue_()
        else:
            print(f"  blocked off-host request: {route.request.url}", file=sys.stderr)
            route.abort()

    context.route("**/*", local_only)
    context.add_init_script(probe_script())
    page = context.new_page()
    page.traffic = Traffic(page)
    return page


def close(page) -> None:
    """Close a page's context; a page already gone is no error (the run goes on)."""
    with contextlib.suppress(Exception):
        page.context.close()


JS_IDLE = """() => {
  const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.dataset.testConnectionState === 'CONNECTED'
    && a.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}"""


def wait_idle(page) -> None:
    """The run is over, nothing is stale, and no websocket frame has come for QUIET_MS."""
    page.wait_for_function(JS_IDLE, polling=50)
    last, quiet_since = page.traffic.totals(), time.perf_counter()
    while (time.perf_counter() - quiet_since) * 1000 < QUIET_MS:
        page.wait_for_timeout(50)
        if page.traffic.totals() != last:
            last, quiet_since = page.traffic.totals(), time.perf_counter()
    page.wait_for_function(JS_IDLE, polling=50)


def marks(page) -> dict[str, Any]:
    """The probe's marks (bench/js/probe.js): epoch ms of what the page saw when."""
    return page.evaluate("() => window.__kmMarks")


def wait_mark(page, name: str, timeout_ms: int = TIMEOUT_MS) -> dict[str, Any]:
    """The probe's marks once `name` is among them."""
    page.wait_for_function(
        "(n) => window.__kmMarks && window.__kmMarks[n] !== undefined",
        arg=name,
        polling=20,
        timeout=timeout_ms,
    )
    return marks(page)


def open_app(page, url: str) -> None:
    """Load the app and wait until its map is painted and the page has settled."""
    page.goto(url)
    wait_mark(page, "mapPainted")
    wait_idle(page)


# --------------------------------------------------------------------------- statistics


def stats(values: list[float]) -> dict[str, float]:
    """Median, deciles, p95, extremes and mean: the spread, not only the middle."""
    values = sorted(values)
    if len(values) > 1:
        cuts = statistics.quantiles(values, n=20, method="inclusive")
        p10, p90, p95 = cuts[1], cuts[-2], cuts[-1]
    else:
        p10 = p90 = p95 = values[0]
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p10": p10,
        "p90": p90,
        "p95": p95,
        "min": values[0],
        "max": values[-1],
        "mean": statistics.fmean(values),
    }


def load1() -> float:
    """The 1-minute load average, kept with samples: the machine is shared."""
    return os.getloadavg()[0]


# --------------------------------------------------------------------------- cold start


def cold_floor(browser, floor: Server) -> dict[str, Any]:
    """Start the floor page's server; process start -> its text painted."""
    page = new_page(browser)
    floor.start()
    page.goto(floor.url)
    m = wait_mark(page, "textPainted")
    close(page)
    return {
        "start_to_visible_s": (m["textPainted"] / 1000) - floor.started_epoch,
        "timeline_s": timeline(m, floor),
        "load1": load1(),
    }


def cold_app(browser, app: Server) -> dict[str, Any]:
    """Start the app's server; process start -> first drawn map, and the time line between.
    Memory is read before any page and once the first page has settled."""
    page = new_page(browser)
    app.start()
    mem_none = memory(app.proc.pid)  # a few ms of /proc reads, before any page
    page.goto(app.url)
    m = wait_mark(page, "mapPainted")
    wait_idle(page)
    m = marks(page) | {"mapMessage": (page.traffic.map_message_epoch or 0) * 1000 or None}
    time.sleep(1.0)
    mem_one = memory(app.proc.pid)
    close(page)
    return {
        "start_to_visible_s": (m["mapPainted"] / 1000) - app.started_epoch,
        "timeline_s": timeline(m, app),
        "fetches": fetches(m),
        "memory": {"no_page": mem_none, "one_page": mem_one},
        "load1": load1(),
    }


TIMELINE = (
    ("healthy", "server answers /_stcore/health"),
    ("navStart", "the browser starts loading the page"),
    ("wsOpen", "websocket open (the page's code has loaded)"),
    ("scriptRunning", "first script run starts (as the page sees it)"),
    ("mapMessage", "the map's arguments reach the browser (websocket)"),
    ("iframeInserted", "the map's iframe is in the page (seen at the next frame)"),
    ("frameStart", "the map frame starts loading"),
    ("fetchesDone", "the map frame's last fetch is in"),
    ("mapDom", "first island path drawn (DOM)"),
    ("mapPainted", "first island painted (the target's end)"),
    ("textPainted", "floor: its text painted (the target's end)"),
    ("scriptDone", "first script run over"),
)


def timeline(m: dict[str, Any], server: Server) -> dict[str, float]:
    """Seconds from the process start to each mark the page recorded."""
    epochs = dict(m, healthy=server.healthy_epoch * 1000)
    resources = m.get("frameResources") or []
    if resources:
        epochs["fetchesDone"] = max(r["end"] for r in resources)
    return {
        name: round(epochs[name] / 1000 - server.started_epoch, 3)
        for name, _what in TIMELINE
        if epochs.get(name) is not None
    }


def fetches(m: dict[str, Any]) -> list[dict[str, Any]]:
    """The map frame's fetches before its first island was drawn: ms after the frame started."""
    start = m.get("frameStart", 0)
    return [
        {
            "name": r["name"],
            "start_ms": round(r["start"] - start),
            "end_ms": round(r["end"] - start),
            "bytes": r["bytes"],
        }
        for r in m.get("frameResources") or []
    ]


# --- the first run's server work, in a fresh interpreter (`--cold-parts`)


def app_imports() -> list[str]:
    """The modules app.py imports, in its order (read from its source, so this follows it)."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def import_any(name: str) -> None:
    """Import a module, or the module that holds `name` (`from m import f`)."""
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        importlib.import_module(name.rpartition(".")[0])


def _static_files() -> None:
    """Put the browser's files in place as app.py does, in whichever version is measured."""
    try:
        from kuril_map.ui.assets import static_placement
    except ImportError:  # before ui/assets.py (a baseline), app.py called these three
        from kuril_map.map import base_map, static_files
        from kuril_map.ui import components

        static_files.ensure_static_assets()
        base_map.ensure_static_files()
        components.PAGE_SCRIPT.ensure()
        return
    static_placement()


def _history() -> None:
    from kuril_map import history

    history.load()


def _documents() -> None:
    from kuril_map.documents import load_documents
    from kuril_map.paths import seeds_dir

    load_documents(str(seeds_dir()))


def _map() -> None:
    from datetime import date

    from kuril_map.map import component

    component.base_render()
    component.layer_script(date(1855, 2, 7), None, "both", lang="en")


def _island_card() -> None:
    from kuril_map import island_facts

    island_facts.small_two_share_figures()


def first_run_steps() -> list[tuple[str, Callable[[], Any]]]:
    """What the first script run does besides drawing, in its order. Each step imports what
    it needs itself, so an import lands in the step that first needs it."""
    return [
        ("static files (Leaflet; frame script, shapes, time bundle; page script)", _static_files),
        ("history loaded", _history),
        ("map: base map and the day's layer rendered", _map),
        ("island card: figures", _island_card),
        ("documents loaded and tagged", _documents),
    ]


def cold_parts_main() -> int:
    """Run in a fresh `python -X importtime`: import what the server imports, then app.py's
    imports, then each step of the first run, timed; markers on stderr split the import
    lines by step. Prints JSON on stdout."""
    out: dict[str, Any] = {"steps": []}

    def step(name: str, fn: Callable[[], Any]) -> None:
        print(f"@@step {name}", file=sys.stderr, flush=True)
        before = set(sys.modules)
        started = time.perf_counter()
        fn()
        seconds = time.perf_counter() - started
        new = {m.split(".")[0] for m in set(sys.modules) - before}
        out["steps"].append(
            {
                "name": name,
                "s": seconds,
                "imported": sorted(new & set(HEAVY_MODULES)),
            }
        )

    step("import streamlit (the server, before any session)", lambda: import_any("streamlit"))
    step("app.py's imports", lambda: [import_any(n) for n in app_imports()])
    for name, fn in first_run_steps():
        step(name, fn)
    print(json.dumps(out))
    return 0


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_self_times(stderr: str) -> dict[str, dict[str, float]]:
    """-X importtime's lines, summed by step and by top-level package (self time, seconds):
    each package's own cost, whoever imported it first."""
    by_step: dict[str, dict[str, float]] = {}
    current = "start"
    for line in stderr.splitlines():
        if line.startswith("@@step "):
            current = line[len("@@step ") :]
            continue
        hit = IMPORT_LINE.match(line)
        if not hit:
            continue
        package = hit.group(4).split(".")[0]
        package = package if package in HEAVY_MODULES else "other"
        bucket = by_step.setdefault(current, {})
        bucket[package] = bucket.get(package, 0.0) + int(hit.group(1)) / 1e6
    return by_step


def cold_parts(runs: int, repo: Path = REPO) -> dict[str, Any]:
    """`--cold-parts` `runs` times for the checkout `repo`, each in a fresh interpreter; medians
    per step and package."""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", __file__, "--cold-parts"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "KURIL_BENCH_REPO": str(repo)},
        )
        parts = json.loads(done.stdout.strip().splitlines()[-1])
        parts["imports"] = import_self_times(done.stderr)
        samples.append(parts)
    steps = [
        {
            "name": s["name"],
            "s": statistics.median(x["steps"][i]["s"] for x in samples),
            "imported": s["imported"],
            "import_self_s": {
                pkg: statistics.median(
                    x["imports"].get(s["name"], {}).get(pkg, 0.0) for x in samples
                )
                for pkg in sorted({p for x in samples for p in x["imports"].get(s["name"], {})})
            },
        }
        for i, s in enumerate(samples[0]["steps"])
    ]
    return {"checkout": str(repo), "runs": runs, "steps": steps, "samples": samples}


# --------------------------------------------------------------------------- warm sessions


def session_times(page, url: str) -> dict[str, float]:
    """Open `url` in `page`: seconds from navigation to the marks, once the map is painted."""
    page.goto(url)
    m = wait_mark(page, "mapPainted")
    wait_idle(page)
    m = marks(page)
    return {
        name: (m[name] - m["navStart"]) / 1000
        for name in (
            "wsOpen",
            "scriptRunning",
            "scriptDone",
            "iframeInserted",
            "frameStart",
            "mapPainted",
        )
        if m.get(name) is not None
    } | {"load1": load1()}


def floor_session(browser, floor: Server) -> float:
    """A new session of the warm floor page in a new context: navigation -> its text, s."""
    page = new_page(browser)
    page.goto(floor.url)
    m = wait_mark(page, "textPainted")
    close(page)
    return (m["textPainted"] - m["navStart"]) / 1000


def warm_sessions(browser, app: Server, floor: Server, alone: Server, n: int) -> dict[str, Any]:
    """New sessions on the warm server, one after another: navigation -> first drawn map.
    `new_context`: each in a new browser context (nothing cached: a first visit), in turns
    with a new session of the floor page (navigation -> its text) and of the map alone on an
    empty page (navigation -> its map), for scale;
    `new_tab`: each in a new tab of one context that has loaded the app once (the browser's
    HTTP cache holds Streamlit's and the map's files, as for a reload or a second tab)."""
    first = [None] * n
    floors, alones = [], []
    for i in range(n):
        floors.append(floor_session(browser, floor))
        page = new_page(browser)
        alones.append(session_times(page, alone.url))
        close(page)
        page = new_page(browser)
        first[i] = session_times(page, f"{app.url}?date={1855 + 17 * i}-06-01")
        close(page)
    cached = [None] * n
    warm = new_page(browser)
    open_app(warm, app.url)
    for i in range(n):
        page = warm.context.new_page()
        page.traffic = Traffic(page)
        cached[i] = session_times(page, f"{app.url}?date={1855 + 17 * i}-06-01")
        page.close()
    close(warm)
    return {
        "new_context": {"drawn_s": stats([s["mapPainted"] for s in first]), "samples": first},
        "new_tab": {"drawn_s": stats([s["mapPainted"] for s in cached]), "samples": cached},
        "floor_new_context": {"text_s": stats(floors), "samples": floors},
        "map_alone_new_context": {
            "drawn_s": stats([s["mapPainted"] for s in alones]),
            "samples": alones,
        },
    }


# --------------------------------------------------------------------------- the time control


def slider_x(page, day: str) -> tuple[float, float]:
    """Where on the page the time control's thumb sits for `day` (the thumb's centre runs
    from half a thumb inside one end to half a thumb inside the other)."""
    box = page.locator("input.km-tc-range").bounding_box()
    lo, hi = page.locator("input.km-tc-range").evaluate("e => [+e.min, +e.max]")
    from datetime import date

    value = (date.fromisoformat(day) - date(1970, 1, 1)).days
    thumb = 16.0
    x = box["x"] + thumb / 2 + (value - lo) / (hi - lo) * (box["width"] - thumb)
    return x, box["y"] + box["height"] / 2


def slider_day(page) -> str:
    """The day the time control shows (its value text, without the event's title)."""
    text = page.evaluate(
        "() => window.__kmFind('input.km-tc-range').getAttribute('aria-valuetext')"
    )
    return text.split(" — ")[0]


DRAG_KEYS = (
    "lag_ms",
    "move_to_input_ms",
    "input_to_map_ms",
    "move_to_drawn_ms",
    "move_to_next_frame_ms",
)


def hold_and_record(page, xa: float, xb: float, y: float) -> tuple[list[str], list[str]]:
    """Press the thumb at `xa` and move it to `xb`, still held: the map's fills and the day at
    each end, as the page shows them (the clock's expected states)."""
    page.mouse.move(xa, y)
    page.mouse.down()
    sigs, days = [], []
    for x in (xa, xb):
        page.mouse.move(x, y)
        page.wait_for_timeout(60)
        sigs.append(page.evaluate("() => window.__kmFills()"))
        days.append(slider_day(page))
    if sigs[0] == sigs[1]:
        raise RuntimeError(f"the map should differ between {days[0]} and {days[1]}")
    return sigs, days


def drag_move(page, x: float, y: float, expected: str) -> dict[str, float]:
    """One mouse move, the thumb held: its times (bench/js/drag.js), in ms after the move."""
    page.evaluate("(e) => window.__kmDragArm(e)", expected)
    page.mouse.move(x, y)
    t = page.evaluate("() => window.__kmDragDone")
    return {
        "lag_ms": t["change"] - t["move"],
        "move_to_input_ms": t["input"] - t["move"],
        "input_to_map_ms": t["change"] - t["input"],
        "move_to_drawn_ms": t["drawn"] - t["move"],
        "move_to_next_frame_ms": t["next"] - t["move"],
    }


def drag(browser, app: Server, moves: int, warmup: int) -> dict[str, Any]:
    """Hold the time control's thumb and move it back and forth across 1945, a real mouse move
    each time: lag from the pointer move to the recoloured map (bench/js/drag.js)."""
    page = new_page(browser)
    open_app(page, f"{app.url}?date={DRAG_DAYS[0]}")
    page.evaluate(js("drag.js"))
    page.locator("input.km-tc-range").scroll_into_view_if_needed()
    (xa, y), (xb, _) = slider_x(page, DRAG_DAYS[0]), slider_x(page, DRAG_DAYS[1])
    sigs, days = hold_and_record(page, xa, xb, y)
    samples = []
    for i in range(warmup + moves):
        x, expected = (xa, sigs[0]) if i % 2 == 0 else (xb, sigs[1])
        samples.append(drag_move(page, x, y, expected) | {"warmup": i < warmup})
        page.wait_for_timeout(20 + 7 * (i % 7))  # land at different points of the frame
    page.mouse.up()
    runs = page.evaluate("() => window.__kmRunsSeen")
    wait_idle(page)
    close(page)
    measured = [s for s in samples if not s["warmup"]]
    return {
        "days": days,
        "script_runs_during_drag": runs,
        **{key: stats([s[key] for s in measured]) for key in DRAG_KEYS},
        "samples": samples,
    }


# --------------------------------------------------------------------------- commits


def release_at(page, x_from: float, x_to: float, y: float) -> None:
    """Press the thumb where it is, move it, release: the release commits the day."""
    page.mouse.move(x_from, y)
    page.mouse.down()
    page.mouse.move(x_to, y, steps=2)
    page.mouse.up()


def signature(page, kind: str) -> dict[str, Any]:
    """What the page shows now (bench/js/commit.js), to compare with after a change."""
    return page.evaluate("(k) => window.__kmSignature(k)", kind)


def timed(page, kind: str, expected: dict[str, Any], act: Callable[[], None]) -> dict[str, Any]:
    """Arm the page's clock, act (release or key press), wait for the new content painted."""
    before = page.traffic.totals()
    page.evaluate("([k, e]) => window.__kmArm(k, e)", [kind, expected])
    act()
    t = page.evaluate("() => window.__kmDone")
    wait_idle(page)
    after = page.traffic.totals()
    return {
        "visible_ms": t["paintAt"] - t["startAt"],
        "content_ms": t["metAt"] - t["startAt"],
        "parts_ms": t["partAt"],
        "ws_bytes": after[0] - before[0],
        "ws_frames": after[1] - before[1],
        "load1": load1(),
    }


def app_states(page, xa: float, xb: float, y: float) -> dict[str, dict[str, Any]]:
    """What the app shows after a release at `xb` ("b") and back at `xa` ("a"), settled."""
    states = {}
    for name, (x_from, x_to) in (("b", (xa, xb)), ("a", (xb, xa))):
        release_at(page, x_from, x_to, y)
        page.wait_for_timeout(300)
        wait_idle(page)
        states[name] = signature(page, "app") | {"day": slider_day(page)}
    a, b = states["a"], states["b"]
    if a["excerpts"] == b["excerpts"] or a["title"] == b["title"]:
        raise RuntimeError(f"{COMMIT_DAYS} should differ in title and excerpts")
    return states


def floor_states(page) -> dict[str, dict[str, Any]]:
    """What the floor shows at 50 and at 51, settled; it is left at 50."""
    states = {"50": signature(page, "floor")}
    page.locator('[data-testid="stSlider"] input').focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    wait_idle(page)
    states["51"] = signature(page, "floor")
    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    return states


def open_for_commits(browser, app: Server, floor: Server) -> tuple[Any, Any]:
    """An app page and a floor page, settled, with bench/js/commit.js installed."""
    app_page, floor_page = new_page(browser), new_page(browser)
    open_app(app_page, f"{app.url}?date={COMMIT_DAYS[0]}")
    floor_page.goto(floor.url)
    wait_mark(floor_page, "textPainted")
    wait_idle(floor_page)
    for p in (app_page, floor_page):
        p.evaluate(js("commit.js"))
    app_page.evaluate(js("drag.js"))  # __kmFind
    app_page.locator("input.km-tc-range").scroll_into_view_if_needed()
    return app_page, floor_page


def commits(browser, app: Server, floor: Server, n: int, warmup: int) -> dict[str, Any]:
    """App (release on the time control) and floor (key press) changes, in turns."""
    app_page, floor_page = open_for_commits(browser, app, floor)
    (xa, y), (xb, _) = slider_x(app_page, COMMIT_DAYS[0]), slider_x(app_page, COMMIT_DAYS[1])
    states, floors = app_states(app_page, xa, xb, y), floor_states(floor_page)
    slider = floor_page.locator('[data-testid="stSlider"] input')
    app_s, floor_s = [], []
    for i in range(warmup + n):
        forward = i % 2 == 0
        slider.focus()
        key = "ArrowRight" if forward else "ArrowLeft"
        f_exp = floors["51" if forward else "50"]
        sample = timed(floor_page, "floor", f_exp, lambda k=key: floor_page.keyboard.press(k))
        floor_s.append(sample | {"warmup": i < warmup})
        x_from, x_to = (xa, xb) if forward else (xb, xa)
        a_exp = {k: v for k, v in states["b" if forward else "a"].items() if k != "day"}
        sample = timed(
            app_page, "app", a_exp, lambda f=x_from, t=x_to: release_at(app_page, f, t, y)
        )
        app_s.append(sample | {"warmup": i < warmup})
    close(app_page)
    close(floor_page)
    return {
        "days": [states["a"]["day"], states["b"]["day"]],
        "app": summarise(app_s),
        "floor": summarise(floor_s),
    }


def summarise(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Statistics of the measured samples (warm-up left out); every sample kept as well."""
    measured = [s for s in samples if not s["warmup"]]
    return {
        "visible_ms": stats([s["visible_ms"] for s in measured]),
        "parts_ms": {
            part: stats([s["parts_ms"][part] for s in measured]) for part in measured[0]["parts_ms"]
        },
        "ws_bytes": stats([s["ws_bytes"] for s in measured]),
        "ws_frames": stats([s["ws_frames"] for s in measured]),
        "load1": stats([s["load1"] for s in measured]),
        "samples": samples,
    }


# --------------------------------------------------------------------------- memory


def sessions_memory(browser, n: int) -> dict[str, Any]:
    """A fresh app server with no page, one page, then `n` pages open (each drawn and settled,
    each at another day, all connected when read)."""
    app = Server(REPO / "app.py")
    app.start()
    pages: list[Any] = []
    try:
        time.sleep(1.0)
        readings = {"0": memory(app.proc.pid)}
        while len(pages) < n:
            batch = [new_page(browser) for _ in range(1 if not pages else min(5, n - len(pages)))]
            for j, p in enumerate(batch):
                p.goto(f"{app.url}?date={1855 + 5 * (len(pages) + j)}-03-01", wait_until="commit")
            for p in batch:
                wait_mark(p, "mapPainted")
                p.wait_for_function(JS_IDLE, polling=100)
            pages += batch
            if len(pages) == 1:
                time.sleep(1.0)
                readings["1"] = memory(app.proc.pid)
        time.sleep(2.0)
        connected = sum(
            p.evaluate(
                "() => !!document.querySelector('[data-test-connection-state=\"CONNECTED\"]')"
            )
            for p in pages
        )
        readings[str(n)] = memory(app.proc.pid)
    finally:
        for p in pages:
            close(p)
        app.stop()
    return {"readings": readings, "sessions": n, "connected": connected} | per_session(readings, n)


def per_session(readings: dict[str, dict[str, int]], n: int) -> dict[str, Any]:
    """Memory each further session adds (from 1 to n sessions) and what one process with the
    data loaded needs before any; the sessions that fit in 1 GB (RSS)."""
    one, many = readings["1"], readings[str(n)]
    each = {k: (many[k] - one[k]) / (n - 1) for k in ("rss", "pss")}
    base = {k: one[k] - each[k] for k in ("rss", "pss")}
    fit = int((GB - base["rss"]) / each["rss"]) if each["rss"] > 0 else None
    return {"per_session": each, "base": base, "sessions_per_gb": fit}


# --------------------------------------------------------------------------- the atlas


def atlas(browser, runs: int) -> dict[str, Any]:
    """bench/bench_atlas.py's measure: built, then opened cold from file:// `runs` times."""
    import bench_atlas

    with tempfile.TemporaryDirectory(prefix="kuril-atlas-") as folder:
        path = Path(folder) / "atlas.html"
        size = bench_atlas.build(path)
        url = path.as_uri() + bench_atlas.FRAGMENT
        bench_atlas.open_once(browser, url)  # warm-up: Chromium's first file:// page
        samples = [bench_atlas.open_once(browser, url) for _ in range(runs)]
    keys = ("onScreen", "firstPath", "atlasMark", "fcp", "load")
    return {
        "size": size,
        "runs": runs,
        "times": {k: stats([s[k] for s in samples if s[k] is not None]) for k in keys},
        "offline_problems": sum(
            1 for s in samples if s["blocked"] or s["date"] != "1956-12-31" or not s["paths"]
        ),
        "samples": samples,
    }


# --------------------------------------------------------------------------- targets


@dataclass
class Target:
    """A target of issue 10, what was measured against it, and whether it was met."""

    name: str
    measured: str
    met: bool
    by: str  # how far inside or outside the target

    def row(self) -> str:
        return f"| {self.name} | {self.measured} | {'yes' if self.met else 'NO'} ({self.by}) |"


def over(value: float, limit: float, unit: str) -> str:
    """How far over or under its target a measure is, in words."""
    diff = value - limit
    return (
        f"{abs(diff):.{0 if unit in ('ms', 'B') else 2}f} {unit} {'over' if diff > 0 else 'under'}"
    )


def at_most(name: str, measured: str, value: float, limit: float, unit: str) -> Target:
    """A target met when `value` is at most `limit`; how far inside or outside it, in `unit`."""
    return Target(name, measured, value <= limit, over(value, limit, unit))


def targets(r: dict[str, Any]) -> list[Target]:
    drag_s, panels, cold, warm_s = r["drag"], r["commits"], r["cold"], r["warm"]
    med, p95 = drag_s["lag_ms"]["median"], drag_s["lag_ms"]["p95"]
    drawn = drag_s["move_to_drawn_ms"]
    warm = warm_s["new_context"]["drawn_s"]
    mem = r["memory"]
    rss_mib = mem["readings"][str(mem["sessions"])]["rss"] / 2**20
    size_mib = r["atlas"]["size"]["bytes"] / 2**20
    on_screen = r["atlas"]["times"]["onScreen"]["median"]
    atlas_offline = r["atlas"]["offline_problems"] == 0
    rows = [
        at_most(
            "drag: pointer -> map recoloured, median <= 16 ms",
            f"{med:.1f} ms (that frame drawn: {drawn['median']:.1f} ms)",
            med,
            TARGETS["drag_median_ms"],
            "ms",
        ),
        at_most(
            "drag: pointer -> map recoloured, p95 <= 50 ms",
            f"{p95:.1f} ms (that frame drawn: {drawn['p95']:.1f} ms)",
            p95,
            TARGETS["drag_p95_ms"],
            "ms",
        ),
        at_most(
            "panels: commit -> visible <= 1.5 x floor (goal 1.2 x)",
            f"{panels['ratio']:.2f} x ({panels['app']['visible_ms']['median']:.0f} vs "
            f"{panels['floor']['visible_ms']['median']:.0f} ms)",
            panels["ratio"],
            TARGETS["panels_ratio"],
            "x",
        ),
        at_most(
            "cold start: process -> map <= 1.5 x floor's process -> text",
            f"{cold['ratio']:.2f} x ({cold['app_s']['median']:.2f} vs "
            f"{cold['floor_s']['median']:.2f} s; the map alone "
            f"{cold['map_alone_s']['median']:.2f} s)",
            cold["ratio"],
            TARGETS["cold_ratio"],
            "x",
        ),
        at_most(
            "new session on a warm server draws its map <= 1 s (median, nothing cached)",
            f"{warm['median']:.2f} s (max {warm['max']:.2f} s; in a new tab with the browser's "
            f"cache {warm_s['new_tab']['drawn_s']['median']:.2f} s; the map alone on an "
            f"empty page {warm_s['map_alone_new_context']['drawn_s']['median']:.2f} s)",
            warm["median"],
            TARGETS["warm_session_s"],
            "s",
        ),
        at_most(
            f"{mem['sessions']} sessions < 1 GB server memory (RSS)",
            f"{rss_mib:,.0f} MiB; {mem['sessions_per_gb']} sessions per GB",
            rss_mib,
            TARGETS["sessions_rss_bytes"] / 2**20,
            "MiB",
        ),
        at_most("atlas <= 6 MB (goal 3 MB)", f"{size_mib:.2f} MiB", size_mib, 6, "MiB"),
        at_most(
            "atlas: map on screen <= 1 s after opening (median)",
            f"{on_screen:.0f} ms" + ("" if atlas_offline else "; it asked for the network"),
            on_screen,
            1000,
            "ms",
        ),
    ]
    if not atlas_offline:  # a file that reaches for the network has not met its target
        rows[-1].met = False
    return rows


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    """What the numbers were measured on, for the report's machine table."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "ram_gib": round(_kib_field(Path("/proc/meminfo"), "MemTotal") / 2**30, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }
    for name in ("streamlit", "folium", "streamlit-folium", "geopandas", "playwright"):
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            info[name] = "?"
    with contextlib.suppress(subprocess.CalledProcessError, OSError):
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    return info


def row(name: str, s: dict[str, float], unit: str, digits: int = 0) -> str:
    """One Markdown table row of statistics."""
    cells = [f"{s[k]:,.{digits}f}" for k in ("median", "p10", "p90", "p95", "min", "max")]
    return f"| {name} | {unit} | " + " | ".join(cells) + f" | {s['n']} |"


def report(r: dict[str, Any]) -> str:
    """The printed tables, ready for BENCHMARKS.md."""
    d, c, cold, w = r["drag"], r["commits"], r["cold"], r["warm"]
    lines = [
        "| measure | unit | median | p10 | p90 | p95 | min | max | n |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        row(
            f"drag: pointer move -> map recoloured ({' <-> '.join(d['days'])})",
            d["lag_ms"],
            "ms",
            1,
        ),
        row("drag: pointer move -> time control's input handler", d["move_to_input_ms"], "ms", 1),
        row("drag: input handler -> map recoloured", d["input_to_map_ms"], "ms", 1),
        row("drag: pointer move -> that frame drawn (main thread)", d["move_to_drawn_ms"], "ms", 1),
        row("drag: pointer move -> next frame start", d["move_to_next_frame_ms"], "ms", 1),
        row(
            f"panels: release -> visible ({' <-> '.join(c['days'])})", c["app"]["visible_ms"], "ms"
        ),
        *[row(f"panels: release -> {part}", s, "ms") for part, s in c["app"]["parts_ms"].items()],
        row("floor: key press -> text visible", c["floor"]["visible_ms"], "ms"),
        row("panels: websocket bytes per commit", c["app"]["ws_bytes"], "B"),
        row("floor: websocket bytes per key press", c["floor"]["ws_bytes"], "B"),
        row("cold start app: process -> map painted", cold["app_s"], "s", 2),
        row("cold start floor: process -> text painted", cold["floor_s"], "s", 2),
        row("cold start, map alone: process -> map painted", cold["map_alone_s"], "s", 2),
        *(
            [row("cold start, baseline checkout's app", cold["baseline"]["s"], "s", 2)]
            if "baseline" in cold
            else []
        ),
        row(
            "new session, warm server, new context: nav -> map", w["new_context"]["drawn_s"], "s", 2
        ),
        row(
            "new session, warm server, new tab (cached): nav -> map",
            w["new_tab"]["drawn_s"],
            "s",
            2,
        ),
        row(
            "floor, new session, new context: nav -> text", w["floor_new_context"]["text_s"], "s", 2
        ),
        row(
            "map alone, new session, new context: nav -> map",
            w["map_alone_new_context"]["drawn_s"],
            "s",
            2,
        ),
        "",
        "Cold start time line (seconds after the process started, median):",
        "",
        "| mark | app | map alone | floor | baseline app |",
        "|---|---:|---:|---:|---:|",
    ]
    base = cold.get("baseline", {}).get("timeline", {})
    for name, what in TIMELINE:
        a, f = cold["timeline_app"].get(name), cold["timeline_floor"].get(name)
        m = cold["timeline_map_alone"].get(name)
        if a is None and f is None:
            continue
        lines.append(f"| {what} | {fmt(a)} | {fmt(m)} | {fmt(f)} | {fmt(base.get(name))} |")
    lines += [
        "",
        "New session on the warm server (seconds after navigation, median):",
        "",
        "| mark | new context | new tab (cached) | map alone, new context |",
        "|---|---:|---:|---:|",
    ]
    for name, what in TIMELINE:
        a, b, m = (
            median_mark(w[k]["samples"], name)
            for k in ("new_context", "new_tab", "map_alone_new_context")
        )
        if a is not None:
            lines.append(f"| {what} | {fmt(a)} | {fmt(b)} | {fmt(m)} |")
    lines += ["", "The map frame's fetches (ms after the frame started, median run):", ""]
    lines += [
        f"- {f['name']}: {f['start_ms']} -> {f['end_ms']} ms ({f['bytes']:,} B)"
        for f in cold["fetches"]
    ]
    lines += ["", "First run's server work, in a fresh interpreter (median of runs):", ""]
    lines += parts_table(r["cold_parts"])
    if "cold_parts_baseline" in r:
        lines += ["", f"The same for the baseline ({r['cold_parts_baseline']['checkout']}):", ""]
        lines += parts_table(r["cold_parts_baseline"])
    mem = r["memory"]
    lines += ["", "| server memory | RSS MiB | PSS MiB |", "|---|---:|---:|"]
    for k, m in mem["readings"].items():
        lines.append(f"| {k} sessions | {m['rss'] / 2**20:,.0f} | {m['pss'] / 2**20:,.0f} |")
    lines.append(
        f"| each further session | {mem['per_session']['rss'] / 2**20:.2f} | "
        f"{mem['per_session']['pss'] / 2**20:.2f} |"
    )
    lines.append(f"\nsessions per GB (RSS, 10^9 bytes): {mem['sessions_per_gb']}")
    size, shown = r["atlas"]["size"], r["atlas"]["times"]["onScreen"]
    lines.append(
        f"atlas: {size['bytes']:,} B ({size['gzip_bytes']:,} gzipped), map on screen "
        f"median {shown['median']:.0f} ms (max {shown['max']:.0f})"
    )
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    lines += [t.row() for t in r["target_rows"]]
    return "\n".join(lines)


def parts_table(parts: dict[str, Any]) -> list[str]:
    """The first run's steps, with the packages each imported and their own import time."""
    lines = ["| step | s | imports it brought in (self time, s) |", "|---|---:|---|"]
    for s in parts["steps"]:
        heavy = ", ".join(
            f"{p} {t:.2f}"
            for p, t in sorted(s["import_self_s"].items(), key=lambda x: -x[1])
            if t >= 0.01
        )
        lines.append(f"| {s['name']} | {s['s']:.3f} | {heavy} |")
    return lines


def median_mark(samples: list[dict[str, float]], name: str) -> float | None:
    """The median of one mark over sessions, if any session has it."""
    values = [s[name] for s in samples if name in s]
    return statistics.median(values) if values else None


def fmt(value: float | None) -> str:
    """Seconds with two decimals, or nothing for a mark that side does not have."""
    return "" if value is None else f"{value:.2f}"


# --------------------------------------------------------------------------- main


def median_timeline(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Each time-line mark's median over the runs that have it."""
    names = {k for run in runs for k in run["timeline_s"]}
    return {
        k: statistics.median(run["timeline_s"][k] for run in runs if k in run["timeline_s"])
        for k in names
    }


def cold_starts(
    browser, app: Server, floor: Server, alone: Server, n: int, baseline: Path | None
) -> dict:
    """Floor, map-alone and app cold starts in turns (and the baseline checkout's app, if
    given); the last floor, map-alone and app servers stay running for what follows."""
    floors, alones, apps, bases = [], [], [], []
    for i in range(n):
        last = i == n - 1
        floors.append(cold_floor(browser, floor))
        if not last:
            floor.stop()
        alones.append(cold_app(browser, alone))
        if not last:
            alone.stop()
        if baseline is not None:
            base = Server(baseline / "app.py")
            try:
                bases.append(cold_app(browser, base))
            finally:
                base.stop()
        apps.append(cold_app(browser, app))
        if not last:
            app.stop()
        print(
            f"  cold start {i + 1}/{n}: floor {floors[-1]['start_to_visible_s']:.2f} s, "
            f"map alone {alones[-1]['start_to_visible_s']:.2f} s, "
            f"app {apps[-1]['start_to_visible_s']:.2f} s"
            + (f", baseline {bases[-1]['start_to_visible_s']:.2f} s" if bases else ""),
            flush=True,
        )
    app_s = stats([a["start_to_visible_s"] for a in apps])
    floor_s = stats([f["start_to_visible_s"] for f in floors])
    middle = sorted(apps, key=lambda a: a["start_to_visible_s"])[len(apps) // 2]
    out = {
        "app_s": app_s,
        "floor_s": floor_s,
        "ratio": app_s["median"] / floor_s["median"],
        "timeline_app": median_timeline(apps),
        "timeline_floor": median_timeline(floors),
        "fetches": middle["fetches"],
        "app_runs": apps,
        "floor_runs": floors,
        "map_alone_s": stats([a["start_to_visible_s"] for a in alones]),
        "timeline_map_alone": median_timeline(alones),
        "map_alone_runs": alones,
    }
    if bases:
        out["baseline"] = {
            "checkout": str(baseline),
            "s": stats([b["start_to_visible_s"] for b in bases]),
            "timeline": median_timeline(bases),
            "runs": bases,
        }
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    app, floor = Server(REPO / "app.py"), Server(BENCH / "floor_app.py")
    alone = map_alone_server()
    r: dict[str, Any] = {"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()}}
    r["load_at_start"] = os.getloadavg()
    try:
        with sync_playwright() as pw:
            browser = harness.launch_chromium(pw)
            r["machine"]["chromium"] = browser.version
            print(f"machine: {r['machine']}", flush=True)
            print(f"cold starts: {args.cold} each, in turns ...", flush=True)
            r["cold"] = cold_starts(browser, app, floor, alone, args.cold, args.baseline)
            print("the first run's parts, in fresh interpreters ...", flush=True)
            r["cold_parts"] = cold_parts(args.cold)
            if args.baseline is not None:
                r["cold_parts_baseline"] = cold_parts(args.cold, args.baseline.resolve())
            print(f"new sessions on the warm server: {args.warm} ...", flush=True)
            r["warm"] = warm_sessions(browser, app, floor, alone, args.warm)
            alone.stop()
            print(f"drag: {args.warmup} + {args.drags} moves ...", flush=True)
            r["drag"] = drag(browser, app, args.drags, args.warmup)
            print(f"panels vs floor: {args.warmup} + {args.commits} commits each ...", flush=True)
            r["commits"] = commits(browser, app, floor, args.commits, args.warmup)
            r["commits"]["ratio"] = (
                r["commits"]["app"]["visible_ms"]["median"]
                / r["commits"]["floor"]["visible_ms"]["median"]
            )
            app.stop()
            floor.stop()
            print(f"memory: a fresh server with 0, 1 and {args.sessions} sessions ...", flush=True)
            r["memory"] = sessions_memory(browser, args.sessions)
            print(f"atlas: built, then {args.atlas_runs} cold opens ...", flush=True)
            r["atlas"] = atlas(browser, args.atlas_runs)
            browser.close()
    finally:
        app.stop()
        floor.stop()
        alone.stop()
    r["load_at_end"] = os.getloadavg()
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drags", type=int, default=60, help="measured pointer moves")
    parser.add_argument("--commits", type=int, default=20, help="measured commits, app and floor")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured moves/commits first")
    parser.add_argument("--cold", type=int, default=5, help="cold starts of each server")
    parser.add_argument("--warm", type=int, default=8, help="new sessions on the warm server")
    parser.add_argument("--sessions", type=int, default=30, help="sessions open for memory")
    parser.add_argument("--atlas-runs", type=int, default=7, help="cold opens of the atlas")
    parser.add_argument("--out", type=Path, default=REPO / "artefacts" / "bench" / "results.json")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (git worktree add DIR REF) whose app's cold start runs in turns"
        " with this one's, for a before/after",
    )
    parser.add_argument("--cold-parts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_parts:
        return cold_parts_main()
    if (
        min(args.drags, args.commits, args.cold, args.warm, args.atlas_runs) < 1
        or args.sessions < 2
    ):
        parser.error("every count must be at least 1, and --sessions at least 2")
    if not harness.CHROMIUM.is_file():
        print(f"Chromium not found at {harness.CHROMIUM}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run(args)
    rows = targets(results)
    results["targets"] = [t.__dict__ for t in rows]
    results["wall_s"] = time.perf_counter() - started
    results["target_rows"] = rows
    text = report(results)
    del results["target_rows"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(text)
    print(f"\nwrote {args.out} ({results['wall_s']:.0f} s)")
    return 0 if all(t.met for t in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
