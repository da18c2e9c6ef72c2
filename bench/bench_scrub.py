"""Speed benchmark: a change of era in the real app, against a one-slider Streamlit page.

    .venv/bin/python bench/bench_scrub.py [--changes 20] [--sessions 30]

Starts `streamlit run app.py` and `streamlit run bench/floor_app.py` on free ports (same flags,
and the repo's .streamlit/config.toml for both), drives them with headless Debian Chromium and
measures:

- cold start: process start -> first island path drawn in the map (and -> /_stcore/health);
- change-to-visible: key press on the time control (the "Event" slider, 1941 -> 1945) -> the
  new island colours AND the new excerpt panel (header and every block under it, nothing
  stale) are in the page. Timed in the browser with performance.now(): a keydown listener
  starts the clock, MutationObservers on the page and the map frame plus a
  requestAnimationFrame loop check the page, and the time is taken at the first animation
  frame after everything is in place (the frame that paints it). What "the new content" is
  comes from the page itself: each year is shown once, settled, and its title, island fills,
  "Sources:" header and blocks are recorded first. Two cases:
    first visit: a fresh page (new session) at 1941, then one press -> 1945. Streamlit
      caches large messages in the browser, so this is what a change to an era not yet seen
      in the session costs;
    revisit: the same page pressing right/left between 1941 and 1945 over and over (both
      eras' messages are already in the browser's cache);
  and the floor: slider -> its text, on bench/floor_app.py. The three cases take turns
  (floor, first visit, revisit, floor, ...), so that load from other processes on the
  machine falls on all of them alike; the 1-minute load average is recorded with each
  sample;
- bytes per change: websocket frames received from the key press until the run is over and
  300 ms passed with no frame (payloads as Playwright reports them, i.e. uncompressed), plus
  the bodies of any HTTP responses in that window;
- server memory: RSS and PSS of the streamlit process and its children (/proc), with no page,
  1 page and N pages open (each loaded and its map drawn).

Prints a table and writes every sample to artefacts/bench/results.json. Exits 1 if a target
is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script, only bench/ is on the path
    sys.path.insert(0, str(REPO))

# Chromium, its flags and `streamlit run` exactly as the browser tests use them.
from tests.browser import harness  # noqa: E402

QUIET_MS = 300  # after a run, this long with no new frame before the next key press
TIMEOUT_MS = 60_000
# Administering states' fills (kuril_map/map/style.py): any of them means an island is drawn.
STATE_FILLS = ["#E69F00", "#56B4E9", "#0072B2", "#BBBBBB"]
FROM_YEAR, TO_YEAR = 1941, 1945  # one press on the Event slider; colours and excerpts change
HEAVY_FROM, HEAVY_TO = 2021, 2022  # into the era with the most excerpts

TARGETS = {
    "median_ms": 300,
    "ratio_to_floor": 1.5,
    "bytes_per_change": 50_000,
    "rss_bytes": 1_000_000_000,
}

# --------------------------------------------------------------------------- page JS

# Installed in each measured page (after each load).
#   __kmSignature(kind): what the page shows now (app: title, island fills, excerpt panel).
#   __kmArm(kind, expected): the next keydown starts the clock; __kmDone then resolves with
#   the times once the page shows `expected` (and the run is over).
JS_INSTALL = r"""
() => {
  const IFRAME = 'iframe[title="streamlit_folium.st_folium"]';
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const app = () => document.querySelector('[data-testid="stApp"]');
  // Script-state values the app went through, from the mutation records (a quick run can
  // go running -> notRunning between two observer calls).
  const states = (records) => records.map((r, i) =>
    i + 1 < records.length ? records[i + 1].oldValue : app().dataset.testScriptState);
  const STATE_ATTR = {attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']};
  window.__kmRuns = 0;
  new MutationObserver((records) => {
    window.__kmRuns += states(records).filter(v => v === 'running').length;
  }).observe(app(), STATE_ATTR);

  function title() {
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    return h1 ? norm(h1.innerText) : null;
  }
  function fills() {  // the disputed islands (features with a status) as Leaflet drew them
    const f = document.querySelector(IFRAME);
    const w = f && f.contentWindow;
    if (!w || !w.map || !w.map._layers) return {};
    const out = {};
    for (const l of Object.values(w.map._layers)) {
      if (l.feature && l._path && l._path.isConnected && l.feature.properties.status)
        out[l.feature.properties.id] = (l._path.getAttribute('fill') || '').toUpperCase();
    }
    return out;
  }
  function panel() {  // the "Sources:" header and the start of every block after it
    const head = [...document.querySelectorAll('[data-testid="stHeading"]')]
      .find(h => norm(h.innerText).startsWith('Sources:'));
    if (!head) return null;
    const blocks = [];
    let node = head.closest('[data-testid="stElementContainer"]').nextElementSibling;
    for (; node; node = node.nextElementSibling) {
      const stale = node.dataset.stale === 'true' || !!node.querySelector('[data-stale="true"]');
      blocks.push({text: norm(node.innerText).slice(0, 60), stale});
    }
    return {header: norm(head.innerText), blocks};
  }
  function floorText() {
    const el = document.querySelector('[data-testid="stText"]');
    if (!el) return null;
    const box = el.closest('[data-testid="stElementContainer"]');
    return {text: norm(el.innerText), stale: !!box && box.dataset.stale === 'true'};
  }

  window.__kmSignature = (kind) => kind === 'app'
    ? {title: title(), fills: fills(), panel: panel()}
    : {floor: floorText()};

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const parts = {
    app: {
      title: (exp) => title() === exp.title,
      map: (exp) => same(fills(), exp.fills),
      panel: (exp) => {
        const p = panel();
        return !!p && p.header === exp.panel.header && p.blocks.length === exp.panel.blocks.length
          && p.blocks.every((b, i) => !b.stale && b.text === exp.panel.blocks[i].text);
      },
    },
    floor: {text: (exp) => { const t = floorText(); return !!t && !t.stale
                                                        && t.text === exp.floor.text; }},
  };

  window.__kmArm = (kind, exp) => {
    const checks = parts[kind];
    window.__kmRuns = 0;
    window.__kmDone = new Promise((resolve, reject) => {
      let keyAt = null, metAt = null, frameDoc = null, runEndAt = null;
      const partAt = {}, observers = [];
      // The end of the run, kept watching after the content is in (read by __kmRunEnd()).
      let started = false;
      if (window.__kmRunObserver) window.__kmRunObserver.disconnect();
      window.__kmRunEnd = () => (runEndAt === null ? null : runEndAt - keyAt);
      window.__kmRunObserver = new MutationObserver((records) => {
        if (keyAt === null || runEndAt !== null) return;
        if (states(records).includes('running')) started = true;
        if (started && app().dataset.testScriptState === 'notRunning') {
          runEndAt = performance.now();
        }
      });
      window.__kmRunObserver.observe(app(), STATE_ATTR);
      const watch = (doc) => {
        const mo = new MutationObserver(check);
        mo.observe(doc, {subtree: true, childList: true, attributes: true, characterData: true});
        observers.push(mo);
      };
      const done = (fn) => {
        observers.forEach(o => o.disconnect()); clearTimeout(timer); fn();
      };
      function check() {
        if (keyAt === null || metAt !== null) return;
        const f = document.querySelector(IFRAME);
        const d = f && f.contentDocument;
        if (d && d !== frameDoc) { frameDoc = d; watch(d); }
        const now = performance.now();
        for (const [name, ok] of Object.entries(checks)) {
          if (!(name in partAt) && ok(exp)) partAt[name] = now - keyAt;
        }
        if (Object.keys(partAt).length < Object.keys(checks).length) return;
        if (!Object.values(checks).every(ok => ok(exp))) return;  // all at once, too
        metAt = now;
        requestAnimationFrame(() => {
          const paintAt = performance.now();
          done(() => resolve({keyAt, metAt, paintAt, partAt}));
        });
      }
      function tick() { if (metAt === null) { check(); requestAnimationFrame(tick); } }
      document.addEventListener('keydown', () => {
        keyAt = performance.now(); check(); requestAnimationFrame(tick);
      }, {capture: true, once: true});
      watch(document);
      const timer = setTimeout(() => done(() => reject(new Error(
        'no match in 20 s; wanted ' + JSON.stringify(exp) + ' saw '
        + JSON.stringify(window.__kmSignature(kind))))), 20000);
    });
    return true;
  };
  return true;
}
"""

JS_IDLE = """() => {
  const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.dataset.testConnectionState === 'CONNECTED'
    && a.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}"""

JS_ISLAND_DRAWN = """(fills) => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument;
  if (!d) return false;
  return [...d.querySelectorAll('path.leaflet-interactive')].some(p => {
    const r = p.getBoundingClientRect();
    return fills.includes((p.getAttribute('fill') || '').toUpperCase())
      && r.width > 0 && r.height > 0;
  });
}"""

JS_FLOOR_SHOWN = """() => {
  const e = document.querySelector('[data-testid="stText"]');
  return !!e && e.innerText.trim() === 'floor value 50';
}"""

# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    """`streamlit run SCRIPT` on a free port, with the flags of tests/browser/harness.py."""

    script: Path
    port: int = field(default_factory=harness.free_port)
    proc: subprocess.Popen[bytes] | None = None
    log: Any = None
    started_at: float = 0.0
    healthy_at: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix=f"bench-{self.script.stem}-", suffix=".log", delete=False
        )
        self.started_at = time.perf_counter()
        # cwd: both apps read the repo's .streamlit/config.toml
        self.proc = harness.start_streamlit(self.script, self.port, self.log, cwd=REPO)
        if harness.wait_until_healthy(self.url, self.proc, timeout_s=90, interval_s=0.02):
            raise RuntimeError(f"{self.script.name} did not start; see {self.log.name}")
        self.healthy_at = time.perf_counter()

    def stop(self) -> None:
        if self.proc:
            harness.stop_process(self.proc)
        if self.log:
            self.log.close()


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


class Traffic:
    """Websocket frames and HTTP requests of one page, as running totals."""

    def __init__(self, page) -> None:
        self.ws_in = self.ws_in_frames = self.ws_in_largest = self.ws_out = 0
        self.requests: list[Any] = []
        page.on("websocket", self._on_ws)
        page.on("requestfinished", lambda req: self.requests.append(req))

    def _on_ws(self, ws) -> None:
        ws.on("framereceived", self._in)
        ws.on("framesent", self._out)

    def _in(self, payload: bytes | str) -> None:
        size = len(payload.encode() if isinstance(payload, str) else payload)
        self.ws_in += size
        self.ws_in_frames += 1
        self.ws_in_largest = max(self.ws_in_largest, size)

    def _out(self, payload: bytes | str) -> None:
        self.ws_out += len(payload.encode() if isinstance(payload, str) else payload)

    def mark(self) -> tuple[int, int, int, int]:
        self.ws_in_largest = 0
        return self.ws_in, self.ws_in_frames, self.ws_out, len(self.requests)

    def totals(self) -> tuple[int, int, int, int]:
        return self.ws_in, self.ws_in_frames, self.ws_out, len(self.requests)

    def http_bytes(self, start: int) -> int:
        return sum(max(r.sizes().get("responseBodySize", 0), 0) for r in self.requests[start:])


def new_page(browser):
    """A context and page that reach only this machine (anything else is aborted and told)."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)

    def local_only(route) -> None:
        url = route.request.url
        if harness.is_local(url):
            route.continue_()
        else:
            print(f"  blocked off-host request: {url}", file=sys.stderr)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    return context, page, Traffic(page)


def wait_idle(page, traffic: Traffic) -> None:
    """The run is over, nothing is stale, and no frame has come for QUIET_MS."""
    page.wait_for_function(JS_IDLE, polling=50)
    last, quiet_since = traffic.totals(), time.perf_counter()
    while (time.perf_counter() - quiet_since) * 1000 < QUIET_MS:
        page.wait_for_timeout(50)
        if traffic.totals() != last:
            last, quiet_since = traffic.totals(), time.perf_counter()
    page.wait_for_function(JS_IDLE, polling=50)


def load(page, traffic: Traffic, url: str, kind: str) -> None:
    page.goto(url)
    if kind == "app":
        page.wait_for_function(JS_ISLAND_DRAWN, arg=STATE_FILLS, polling=50)
    else:
        page.wait_for_function(JS_FLOOR_SHOWN, polling=50)
    wait_idle(page, traffic)
    page.evaluate(JS_INSTALL)


def slider_input(page, label: str):
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).locator("input")


def signature(page, kind: str) -> dict[str, Any]:
    return page.evaluate("(k) => window.__kmSignature(k)", kind)


def measure_press(page, traffic: Traffic, kind: str, label: str, key: str, exp: dict) -> dict:
    """One key press on the slider labelled `label`; times, reruns and bytes until settled."""
    slider_input(page, label).focus()
    before = traffic.mark()
    page.evaluate("([k, e]) => window.__kmArm(k, e)", [kind, exp])
    page.keyboard.press(key)
    times = page.evaluate("() => window.__kmDone")
    wait_idle(page, traffic)
    after = traffic.totals()
    return {
        "key": key,
        "visible_ms": times["paintAt"] - times["keyAt"],
        "content_ms": times["metAt"] - times["keyAt"],
        "parts_ms": times["partAt"],
        "run_end_ms": page.evaluate("() => window.__kmRunEnd()"),
        "runs": page.evaluate("() => window.__kmRuns"),
        "ws_bytes_in": after[0] - before[0],
        "ws_frames_in": after[1] - before[1],
        "ws_largest_frame": traffic.ws_in_largest,
        "ws_bytes_out": after[2] - before[2],
        "http_requests": after[3] - before[3],
        "http_bytes": traffic.http_bytes(before[3]),
    }


def record_states(page, traffic: Traffic, kind: str, label: str, url: str) -> tuple[dict, dict]:
    """What the page shows before and after one right-arrow press, each settled."""
    load(page, traffic, url, kind)
    first = signature(page, kind)
    slider_input(page, label).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(s) => JSON.stringify(window.__kmSignature(s[0])) !== s[1]",
        arg=[kind, json.dumps(first, separators=(",", ":"))],
        polling=50,
    )
    wait_idle(page, traffic)
    page.wait_for_timeout(500)  # the map frame swaps its layer after the run is over
    return first, signature(page, kind)


def press_sample(page, traffic, kind, label, key, exp, step, warmup) -> dict:
    sample = measure_press(page, traffic, kind, label, key, exp)
    return sample | {"step": step, "warmup": step < warmup, "load1": os.getloadavg()[0]}


# --------------------------------------------------------------------------- statistics


def stats(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    deciles = (
        statistics.quantiles(values, n=10, method="inclusive") if len(values) > 1 else values * 9
    )
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p10": deciles[0],
        "p90": deciles[-1],
        "min": values[0],
        "max": values[-1],
        "mean": statistics.fmean(values),
    }


def summarise(samples: list[dict[str, Any]], label: str) -> dict[str, Any]:
    measured = [s for s in samples if not s["warmup"]]
    return {
        "label": label,
        "visible_ms": stats([s["visible_ms"] for s in measured]),
        "content_ms": stats([s["content_ms"] for s in measured]),
        "run_end_ms": stats([s["run_end_ms"] for s in measured if s["run_end_ms"] is not None]),
        "parts_ms": {
            part: stats([s["parts_ms"][part] for s in measured]) for part in measured[0]["parts_ms"]
        },
        "bytes_per_change": stats([s["ws_bytes_in"] + s["http_bytes"] for s in measured]),
        "largest_frame": stats([s["ws_largest_frame"] for s in measured]),
        "ws_frames_per_change": stats([s["ws_frames_in"] for s in measured]),
        "runs_per_change": stats([s["runs"] for s in measured]),
        "load1": stats([s["load1"] for s in measured]),
        "samples": samples,
    }


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
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
    for name in ("streamlit", "folium", "streamlit-folium", "playwright"):
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            info[name] = "?"
    return info


def row(name: str, s: dict[str, float], unit: str) -> str:
    cells = [f"{s[k]:,.0f}" for k in ("median", "p10", "p90", "min", "max")]
    return f"| {name} | {unit} | " + " | ".join(cells) + f" | {s['n']} |"


def report(results: dict[str, Any]) -> str:
    first, again, floor = results["first_visit"], results["revisit"], results["floor"]
    lines = [
        "| measure | unit | median | p10 | p90 | min | max | n |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        row(f"app change-to-visible, first visit ({first['label']})", first["visible_ms"], "ms"),
        row(f"app change-to-visible, revisit ({again['label']})", again["visible_ms"], "ms"),
        row(f"floor change-to-visible ({floor['label']})", floor["visible_ms"], "ms"),
        row("app first visit: key -> new title", first["parts_ms"]["title"], "ms"),
        row("app first visit: key -> new island colours", first["parts_ms"]["map"], "ms"),
        row("app first visit: key -> excerpt panel complete", first["parts_ms"]["panel"], "ms"),
        row("app first visit: key -> run over", first["run_end_ms"], "ms"),
        row("app revisit: key -> new island colours", again["parts_ms"]["map"], "ms"),
        row("app revisit: key -> run over", again["run_end_ms"], "ms"),
        row("floor: key -> run over", floor["run_end_ms"], "ms"),
        row("app bytes per change, first visit", first["bytes_per_change"], "bytes"),
        row("app largest frame per change, first visit", first["largest_frame"], "bytes"),
        row("app bytes per change, revisit", again["bytes_per_change"], "bytes"),
        row("floor bytes per change", floor["bytes_per_change"], "bytes"),
        row("app script runs per change, first visit", first["runs_per_change"], "runs"),
    ]
    if "heavy" in results:
        heavy = results["heavy"]
        lines += [
            row(
                f"app change-to-visible, first visit ({heavy['label']})", heavy["visible_ms"], "ms"
            ),
            row(f"app bytes per change ({heavy['label']})", heavy["bytes_per_change"], "bytes"),
        ]
    cold, mem = results["cold_start"], results["memory"]
    lines += [
        "",
        "| measure | value |",
        "|---|---:|",
        f"| ratio app / floor, medians, first visit | {results['ratio_first_visit']:.2f} |",
        f"| ratio app / floor, medians, revisit | {results['ratio_revisit']:.2f} |",
        f"| load average (1 min), start / during changes (median) / end | "
        f"{results['load_at_start'][0]:.1f} / {first['load1']['median']:.1f} / "
        f"{results['load_at_end'][0]:.1f} |",
        f"| cold start app: process -> /_stcore/health ok | {cold['app']['healthy_s']:.2f} s |",
        f"| cold start app: process -> first island drawn | {cold['app']['drawn_s']:.2f} s |",
        f"| cold start floor: process -> text shown | {cold['floor']['drawn_s']:.2f} s |",
    ]
    for key, what in (("no_page", "no page"), ("one_page", "1 page"), ("pages", "N pages")):
        m = mem[key]
        what = f"{m['pages']} pages" if key == "pages" else what
        lines.append(
            f"| server memory, {what}: RSS / PSS | "
            f"{m['rss'] / 2**20:,.0f} / {m['pss'] / 2**20:,.0f} MiB |"
        )
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    lines += [
        f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else 'NO'} |"
        for t in results["targets"]
    ]
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    first, again = results["first_visit"], results["revisit"]
    pages = results["memory"]["pages"]
    worst_bytes = max(first["bytes_per_change"]["max"], again["bytes_per_change"]["max"])
    return [
        {
            "target": "change-to-visible median <= 300 ms",
            "measured": f"first visit {first['visible_ms']['median']:.0f} ms, "
            f"revisit {again['visible_ms']['median']:.0f} ms",
            "met": max(first["visible_ms"]["median"], again["visible_ms"]["median"])
            <= TARGETS["median_ms"],
        },
        {
            "target": "change-to-visible <= 1.5 x floor (medians)",
            "measured": f"first visit {results['ratio_first_visit']:.2f} x, "
            f"revisit {results['ratio_revisit']:.2f} x",
            "met": max(results["ratio_first_visit"], results["ratio_revisit"])
            <= TARGETS["ratio_to_floor"],
        },
        {
            "target": "<= 50 kB per change",
            "measured": f"first visit median {first['bytes_per_change']['median'] / 1000:.1f} kB,"
            f" revisit median {again['bytes_per_change']['median'] / 1000:.1f} kB,"
            f" worst {worst_bytes / 1000:.1f} kB",
            "met": worst_bytes <= TARGETS["bytes_per_change"],
        },
        {
            "target": f"{pages['pages']} sessions < 1 GB (server RSS)",
            "measured": f"{pages['rss'] / 1e9:.2f} GB ({pages['rss'] / 2**20:,.0f} MiB)",
            "met": pages["rss"] < TARGETS["rss_bytes"],
        },
    ]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="measured changes per case")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured changes first")
    parser.add_argument(
        "--heavy-changes", type=int, default=10, help="first visits 2021 -> 2022; 0 skips"
    )
    parser.add_argument("--sessions", type=int, default=30, help="pages open for memory")
    parser.add_argument("--out", type=Path, default=REPO / "artefacts" / "bench" / "results.json")
    args = parser.parse_args(argv)
    if args.changes < 2 or args.sessions < 1:
        parser.error("--changes must be at least 2 and --sessions at least 1")

    from playwright.sync_api import sync_playwright

    app = Server(REPO / "app.py")
    floor = Server(REPO / "bench" / "floor_app.py")
    results: dict[str, Any] = {"machine": machine(), "args": vars(args) | {"out": str(args.out)}}
    results["load_at_start"] = os.getloadavg()
    cold: dict[str, Any] = {}
    started = time.perf_counter()
    contexts = []
    try:
        with sync_playwright() as pw:
            browser = harness.launch_chromium(pw)
            results["machine"]["chromium"] = browser.version
            print(f"machine: {results['machine']}", flush=True)
            print(f"load average at start: {results['load_at_start']}", flush=True)

            def page_for() -> tuple[Any, Any]:
                ctx, page, traffic = new_page(browser)
                contexts.append(ctx)
                return page, traffic

            # -- cold starts: the floor (kept running, idle), then the app
            floor_page, floor_traffic = page_for()
            floor.start()
            floor_page.goto(floor.url)
            floor_page.wait_for_function(JS_FLOOR_SHOWN, polling="raf", timeout=120_000)
            cold["floor"] = {
                "healthy_s": floor.healthy_at - floor.started_at,
                "drawn_s": time.perf_counter() - floor.started_at,
            }
            page, traffic = page_for()
            app.start()
            mem_none = memory(app.proc.pid)  # a few ms of /proc reads, before any page
            page.goto(app.url)
            page.wait_for_function(JS_ISLAND_DRAWN, arg=STATE_FILLS, polling="raf", timeout=120_000)
            cold["app"] = {
                "healthy_s": app.healthy_at - app.started_at,
                "drawn_s": time.perf_counter() - app.started_at,
            }
            results["cold_start"] = cold
            wait_idle(page, traffic)
            time.sleep(1.0)
            mem_one = memory(app.proc.pid)

            # -- what each state looks like, settled
            fa, fb = record_states(floor_page, floor_traffic, "floor", "Value", floor.url)
            url = f"{app.url}?year={FROM_YEAR}"
            a, b = record_states(page, traffic, "app", "Event", url)
            results["states"] = {str(FROM_YEAR): a, str(TO_YEAR): b}
            if a["fills"] == b["fills"] or a["panel"] == b["panel"]:
                raise RuntimeError(f"{FROM_YEAR} and {TO_YEAR} should differ in colours and panel")

            # -- interleaved, so that load from elsewhere hits all three cases alike:
            #    floor 50 <-> 51; app first visit (new session at 1941, press -> 1945);
            #    app revisit (one page pressing right/left between 1941 and 1945)
            first_page, first_traffic = page_for()
            load(floor_page, floor_traffic, floor.url, "floor")
            load(page, traffic, url, "app")
            n = args.warmup + args.changes
            print(f"interleaved: {args.warmup} + {args.changes} changes per case ...", flush=True)
            floor_s, first_s, again_s = [], [], []
            for i in range(n):
                forward = i % 2 == 0
                floor_s.append(
                    press_sample(
                        floor_page,
                        floor_traffic,
                        "floor",
                        "Value",
                        "ArrowRight" if forward else "ArrowLeft",
                        fb if forward else fa,
                        i,
                        args.warmup,
                    )
                )
                load(first_page, first_traffic, url, "app")
                first_s.append(
                    press_sample(
                        first_page, first_traffic, "app", "Event", "ArrowRight", b, i, args.warmup
                    )
                )
                again_s.append(
                    press_sample(
                        page,
                        traffic,
                        "app",
                        "Event",
                        "ArrowRight" if forward else "ArrowLeft",
                        b if forward else a,
                        i,
                        args.warmup,
                    )
                )
            results["floor"] = summarise(floor_s, "slider 50 <-> 51")
            results["first_visit"] = summarise(first_s, f"{FROM_YEAR} -> {TO_YEAR}")
            results["revisit"] = summarise(again_s, f"{FROM_YEAR} <-> {TO_YEAR}")

            # -- app: into the era with the most excerpts (colours do not change)
            if args.heavy_changes:
                heavy_url = f"{app.url}?year={HEAVY_FROM}"
                _, heavy = record_states(first_page, first_traffic, "app", "Event", heavy_url)
                label = f"{HEAVY_FROM} -> {HEAVY_TO}, {len(heavy['panel']['blocks'])} blocks"
                print(f"app: first visits, 1 + {args.heavy_changes} x {label} ...", flush=True)
                samples = []
                for i in range(1 + args.heavy_changes):
                    load(first_page, first_traffic, heavy_url, "app")
                    samples.append(
                        press_sample(
                            first_page, first_traffic, "app", "Event", "ArrowRight", heavy, i, 1
                        )
                    )
                results["heavy"] = summarise(samples, label)

            # -- app: memory with N pages open, each drawn
            floor.stop()
            first_page.context.close()
            contexts.remove(first_page.context)
            load(page, traffic, app.url, "app")
            pages = [page]
            while len(pages) < args.sessions:
                batch = []
                for _ in range(min(5, args.sessions - len(pages))):
                    p, _t = page_for()
                    p.goto(app.url, wait_until="commit")
                    batch.append(p)
                for p in batch:
                    p.wait_for_function(JS_ISLAND_DRAWN, arg=STATE_FILLS, polling=100)
                    p.wait_for_function(JS_IDLE, polling=100)
                pages += batch
                rss = memory(app.proc.pid)["rss"]
                print(
                    f"app: {len(pages)} pages drawn, server RSS {rss / 2**20:,.0f} MiB", flush=True
                )
            time.sleep(2.0)
            connected = sum(
                p.evaluate(
                    "() => !!document.querySelector('[data-test-connection-state=\"CONNECTED\"]')"
                )
                for p in pages
            )
            results["memory"] = {
                "no_page": mem_none | {"pages": 0},
                "one_page": mem_one | {"pages": 1},
                "pages": memory(app.proc.pid) | {"pages": len(pages), "connected": connected},
            }
            for c in contexts:
                c.close()
            browser.close()
    finally:
        app.stop()
        floor.stop()

    results["load_at_end"] = os.getloadavg()
    floor_median = results["floor"]["visible_ms"]["median"]
    results["ratio_first_visit"] = results["first_visit"]["visible_ms"]["median"] / floor_median
    results["ratio_revisit"] = results["revisit"]["visible_ms"]["median"] / floor_median
    results["targets"] = targets(results)
    results["wall_s"] = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(report(results))
    print(f"\nwrote {args.out} ({results['wall_s']:.0f} s)")
    return 0 if all(t["met"] for t in results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
