"""The real app in headless Chromium: the map draws offline and follows the time control while
the user drags it; keys step from event to event; the page follows on release; clicks select.

One server for the whole file (the `app_server` fixture); each test opens its own page. Every
check waits for content (a date on the map, a fill colour, a header) rather than sleeping, and
the map's frame is looked up again after each change. A screenshot of each state goes to
artefacts/browser/ (gitignored).
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kuril_map import history
from kuril_map.islands import ISLAND_IDS
from kuril_map.map.style import STATE_COLOURS

from .conftest import (
    DEFAULT_TIMEOUT_MS,
    MAP_IFRAME,
    REPO,
    app_exceptions,
    map_frame,
    off_host_requests,
    wait_for_app_idle,
    wait_for_map,
)

JAPAN = STATE_COLOURS["japan"]
USSR = STATE_COLOURS["ussr"]
SELECTED_STROKE = "#000000"

# In the map frame: every territory and line as Leaflet drew it, found through the Leaflet map
# object that streamlit-folium keeps as `window.map` (only layers still on the page count).
JS_MAP_STATE = """() => {
  const layers = Object.values(window.map._layers)
    .filter(l => l.feature && l._path && l._path.isConnected);
  const territories = {};
  const lines = [];
  for (const l of layers) {
    const p = l.feature.properties, path = l._path;
    if (p.kind) { lines.push(p.id); continue; }
    territories[p.id] = {
      fill: (path.getAttribute('fill') || '').toUpperCase(),
      stroke: (path.getAttribute('stroke') || '').toUpperCase(),
      dash: path.getAttribute('stroke-dasharray'),
    };
  }
  lines.sort();
  return {territories, lines, date: document.documentElement.getAttribute('data-km-date'),
          zoom: window.map.getZoom(), center: window.map.getCenter()};
}"""

# In the map frame: true once the map shows `day`.
JS_DATE_IS = "(day) => document.documentElement.getAttribute('data-km-date') === day"

# In the page: the excerpt panel, i.e. the "Sources: ..." header and every block after it.
JS_EXCERPT_PANEL = """() => {
  const head = [...document.querySelectorAll('[data-testid="stHeading"]')]
    .find(h => h.innerText.trim().startsWith('Sources:'));
  if (!head) return null;
  const blocks = [];
  let node = head.closest('[data-testid="stElementContainer"]').nextElementSibling;
  for (; node; node = node.nextElementSibling) blocks.push(node.innerText.trim());
  return {header: head.innerText.trim(), blocks};
}"""

# In the map frame: where an island's label sits (its representative point, inside the
# island), and which territory the topmost element there belongs to.
JS_LABEL_POINT = """(label) => {
  const el = [...document.querySelectorAll('.km-label')]
    .find(e => e.innerText.trim().startsWith(label));
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  const layer = Object.values(window.map._layers).find(l => l._path === hit);
  return {x, y, hit: layer && layer.feature ? layer.feature.properties.id : null};
}"""


# --------------------------------------------------------------------------- helpers


def shot(page, artefacts_dir: Path, name: str) -> None:
    page.screenshot(path=str(artefacts_dir / f"{name}.png"))


def open_app(page, app_server: str, query: str = "") -> None:
    page.goto(app_server + query)
    wait_for_app_idle(page)
    wait_for_map(page)


def map_state(page) -> dict:
    return wait_for_map(page).evaluate(JS_MAP_STATE)


def wait_for_day(page, day: str) -> None:
    map_frame(page).wait_for_function(JS_DATE_IS, arg=day)


def expected(day: str) -> dict[str, str]:
    """The fill each territory should have on `day`, from the history."""
    h = history.load()
    return {
        t: STATE_COLOURS.get(h.status(t, date.fromisoformat(day)).administered_by).upper()
        for t in h.territories
    }


def expected_lines(day: str) -> list[str]:
    return sorted(line.id for line in history.load().lines_in_force(date.fromisoformat(day)))


def excerpt_panel(page) -> dict:
    panel = page.evaluate(JS_EXCERPT_PANEL)
    assert panel is not None, "no 'Sources:' header on the page"
    return panel


def title(page):
    return page.locator('[data-testid="stMain"] h1')


def slider(page):
    return page.locator("input.km-tc-range")


def panels_text(page) -> str:
    return page.locator(".km-panels").first.inner_text()


def frame_box(page) -> dict:
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map frame is not displayed"
    return box


def click_island(page, label: str, island_id: str) -> None:
    """Click the map where the island's label sits: a point inside the island's polygon.

    The map is scrolled fully into view first, as a user would see it: a click on a frame that
    is partly off screen scrolls the page as the frame takes focus, between the press and the
    release, and the release then lands elsewhere."""
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    point = map_frame(page).evaluate(JS_LABEL_POINT, label)
    assert point["hit"] == island_id, f"{label}'s label point is over {point['hit']!r}"
    box = frame_box(page)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def wait_for_selected(page, island_id: str) -> None:
    map_frame(page).wait_for_function(
        "([id, s]) => Object.values(window.map._layers).some(l => l.feature && l._path"
        " && l._path.isConnected && l.feature.properties.id === id"
        " && l._path.getAttribute('stroke') === s)",
        arg=[island_id, SELECTED_STROKE],
    )


def selectbox_value(page):
    return page.locator('[data-testid="stSelectbox"] input')


def choose_island(page, label: str) -> None:
    box = selectbox_value(page)
    box.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(box).to_have_value(label)
    wait_for_app_idle(page)


def assert_clean(page) -> None:
    assert off_host_requests(page) == []
    assert page.blocked_requests == []
    assert app_exceptions(page) == []


# --------------------------------------------------------------------------- tests


@pytest.mark.smoke  # CI's lowest-versions job runs this one (scripts/test-lowest.sh)
def test_page_loads_offline_and_draws_the_region(app_page, artefacts_dir: Path) -> None:
    frame = wait_for_map(app_page)
    wait_for_day(app_page, "1855-02-07")
    expect(title(app_page)).to_have_text(re.compile(r"^7 Feb 1855 · "))
    state = map_state(app_page)
    wanted = expected("1855-02-07")
    drawn = {t: look["fill"] for t, look in state["territories"].items() if t in wanted}
    assert set(ISLAND_IDS) <= set(drawn)
    assert {"shumshu", "sakhalin_south", "hokkaido", "kamchatka"} <= set(drawn)
    assert drawn == {t: wanted[t] for t in drawn}
    assert state["lines"] == expected_lines("1855-02-07")
    # Nothing left the machine: no CDN, no tiles, no usage statistics.
    seen = app_page.requests_seen
    assert not [u for u in seen if "streamlit.io" in u]
    for part in (
        "/app/static/vendor/leaflet",
        "/app/static/geo/kuril-map-",
        "/app/static/geo/kuril-time-",
        "/app/static/km/kuril-map-",
        "/app/static/km/kuril-page-",
    ):
        assert any(part in u for u in seen), part
    # The time bundle is fetched once for the map and the page together (browser cache).
    assert sum("/kuril-time-" in u for u in seen) <= 2
    expect(frame.locator("details.km-legend")).to_have_attribute("open", "")
    assert_clean(app_page)
    shot(app_page, artefacts_dir, "01-loaded-1855")


JS_FRAME_FETCHES = """() => performance.getEntriesByType('resource').map((r) => ({
  file: r.name.split('?')[0].split('/').pop(), start: r.startTime, end: r.responseEnd,
  by: r.initiatorType,
}))"""


def test_the_map_frame_asks_for_its_files_at_once_and_each_once(app_page) -> None:
    """The frame's second script (map/js/prefetch.js) starts Leaflet, the frame's script, the
    stylesheet, the shapes and the time bundle together, not one after another; the scripts
    and map.js then take what it fetched, so nothing is asked for twice."""
    frame = wait_for_map(app_page)
    fetched = frame.evaluate(JS_FRAME_FETCHES)
    ours = [f for f in fetched if f["file"].startswith(("leaflet.", "kuril-map-", "kuril-time-"))]
    names = sorted(f["file"] for f in ours)
    assert len(names) == 5 and len(set(names)) == 5, fetched  # each once
    assert {n.rsplit(".", 1)[-1] for n in names} == {"js", "css", "json"}
    leaflet = next(f for f in ours if f["file"] == "leaflet.js")
    for data in (f for f in ours if f["file"].endswith(".json")):
        assert data["by"] == "fetch", data
        assert data["start"] < leaflet["end"], f"{data} waited for Leaflet ({leaflet})"
    assert {f["by"] for f in ours if not f["file"].endswith(".json")} == {"link"}, ours


def test_dragging_recolours_the_map_before_release(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?date=1855-02-07")
    wait_for_day(page, "1855-02-07")
    before_panels = panels_text(page)
    box = slider(page).bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    days, fills = [], []
    for i in range(1, 9):  # drag towards the 20th century, looking at the map on the way
        page.mouse.move(box["x"] + box["width"] * (0.55 + 0.045 * i), y, steps=2)
        page.wait_for_timeout(40)
        state = map_state(page)
        days.append(state["date"])
        fills.append(state["territories"]["etorofu"]["fill"])
    mid_drag_panels = panels_text(page)
    page.mouse.up()
    assert len(set(days)) >= 6, f"the map did not follow the drag: {days}"
    assert days == sorted(days)
    assert len(set(fills)) >= 2, "Etorofu never changed colour while dragging across 1945"
    assert mid_drag_panels != before_panels, "the panels did not follow the drag"
    final = days[-1]
    # On release the page is told: the link, the title and the excerpts follow.
    expect(page).to_have_url(re.compile(rf"date={final}"))
    wait_for_app_idle(page)
    assert map_state(page)["territories"]["etorofu"]["fill"] == expected(final)["etorofu"]
    assert final[:4] in title(page).inner_text()
    assert_clean(page)
    shot(page, artefacts_dir, "02-after-drag")


def test_keys_step_from_event_to_event_and_the_page_follows(page, app_server: str) -> None:
    open_app(page, app_server, "?date=1945-08-20")
    stops = [e.start.isoformat() for e in history.load().stops()]
    later = [s for s in stops if s > "1945-08-20"]
    slider(page).focus()
    page.keyboard.press("ArrowRight")
    wait_for_day(page, later[0])
    page.keyboard.press("ArrowRight")
    wait_for_day(page, later[1])
    page.keyboard.press("ArrowLeft")
    wait_for_day(page, later[0])
    expect(page).to_have_url(re.compile(rf"date={later[0]}"))
    wait_for_app_idle(page)
    assert map_state(page)["territories"]["etorofu"]["fill"] == expected(later[0])["etorofu"]
    # The slider tells screen readers the date and the event.
    assert "1945" in slider(page).get_attribute("aria-valuetext")
    page.keyboard.press("Home")
    wait_for_day(page, "1644-01-01")
    page.keyboard.press("End")
    wait_for_day(page, history.load().end.isoformat())
    page.keyboard.press("PageDown")
    end = history.load().end
    wait_for_day(page, end.replace(year=end.year - 10).isoformat())
    expect(page.locator(".km-tc-live")).not_to_be_empty()
    assert_clean(page)


def test_a_day_within_1945_shows_the_landings_one_by_one(page, app_server: str) -> None:
    open_app(page, app_server, "?date=1945-08-30")
    wait_for_day(page, "1945-08-30")
    islands = map_state(page)["territories"]
    assert islands["etorofu"]["fill"] == USSR.upper()
    assert islands["kunashiri"]["fill"] == JAPAN.upper()
    assert "30 Aug 1945" in panels_text(page)


def test_a_new_day_keeps_the_leaflet_map_and_the_users_view(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?date=1941-04-13")
    frame = map_frame(page)
    zoom0 = frame.evaluate("() => window.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("(z) => window.map.getZoom() === z", arg=zoom0 + 1)
    box = frame_box(page)
    x, y = box["x"] + 150, box["y"] + 450
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y - 40, steps=8)
    page.mouse.up()
    wait_for_app_idle(page)
    view = frame.evaluate("() => [window.map.getZoom(), window.map.getCenter()]")
    page.eval_on_selector(MAP_IFRAME, "f => { f.__kmMark = 'kept'; }")
    frame.evaluate("() => { window.map.__kmMark = 'kept'; }")
    # Step through two events (one of them may concern territories off screen: the user's
    # view wins) and let the page rerun.
    slider(page).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1200)
    wait_for_app_idle(page)
    frame = map_frame(page)
    assert frame.evaluate("() => window.map.__kmMark") == "kept", "the Leaflet map was rebuilt"
    assert page.eval_on_selector(MAP_IFRAME, "f => f.__kmMark") == "kept", "frame replaced"
    assert frame.evaluate("() => [window.map.getZoom(), window.map.getCenter()]") == view
    shot(page, artefacts_dir, "03-user-view-kept")
    assert_clean(page)


def test_the_whole_region_frames_sakhalin_and_the_chain(page, app_server: str) -> None:
    open_app(page, app_server, "?date=1875-08-22&scope=region")
    frame = map_frame(page)
    frame.wait_for_function(
        "() => window.map.getBounds().contains([50.5, 156.5])"  # Shumshu / First Kuril Strait
        " && window.map.getBounds().contains([50.0, 142.5])"  # the 50th parallel on Sakhalin
    )
    assert "Shumshu" in panels_text(page)


def test_clicking_an_island_selects_it_across_days(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?date=1941-04-13")
    expect(selectbox_value(page)).to_have_value("All four islands")
    click_island(page, "Shikotan", "shikotan")
    expect(selectbox_value(page)).to_have_value("Shikotan")
    wait_for_app_idle(page)
    assert excerpt_panel(page)["header"].startswith("Sources: Shikotan, ")
    wait_for_selected(page, "shikotan")
    assert "island=shikotan" in page.url
    slider(page).focus()
    page.keyboard.press("End")
    expect(page).to_have_url(re.compile(r"date=20"))
    wait_for_app_idle(page)
    expect(selectbox_value(page)).to_have_value("Shikotan")
    islands = map_state(page)["territories"]
    assert islands["shikotan"]["stroke"] == SELECTED_STROKE
    assert islands["etorofu"]["stroke"] != SELECTED_STROKE
    shot(page, artefacts_dir, "04-shikotan-kept")
    assert_clean(page)


def test_exported_html_draws_from_file_with_no_network(
    browser, tmp_path: Path, artefacts_dir: Path
) -> None:
    out = tmp_path / "kuril-1905.html"
    subprocess.run(
        [sys.executable, "-m", "kuril_map", "export", "--date", "1905-09-05", "-o", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    requests: list[str] = []
    aborted: list[str] = []

    def only_the_file(route) -> None:
        if route.request.url == out.as_uri():
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    context.on("request", lambda req: requests.append(req.url))
    try:
        pg = context.new_page()
        pg.goto(out.as_uri())
        pg.wait_for_function("() => document.documentElement.dataset.kmDate === '1905-09-05'")
        fills = pg.eval_on_selector_all(
            "path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
        )
        assert sum((f or "").upper() == JAPAN.upper() for f in fills) >= 4, fills
        assert aborted == []
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        pg.screenshot(path=str(artefacts_dir / "05-export-1905.png"))
    finally:
        context.close()


def test_link_restores_day_and_island(page, app_server: str, artefacts_dir: Path) -> None:
    open_app(page, app_server, "?date=1946-02-02&island=Iturup")
    expect(title(page)).to_have_text(re.compile(r"^2 Feb 1946 · "))
    expect(selectbox_value(page)).to_have_value("Etorofu / Iturup")
    expect(slider(page)).to_have_attribute("aria-valuetext", re.compile("2 Feb 1946"))
    assert excerpt_panel(page)["header"].startswith("Sources: Etorofu / Iturup, ")
    wait_for_day(page, "1946-02-02")
    islands = map_state(page)["territories"]
    assert islands["etorofu"]["stroke"] == SELECTED_STROKE
    assert all(v["stroke"] != SELECTED_STROKE for k, v in islands.items() if k != "etorofu")
    assert "island=etorofu" in page.url
    shot(page, artefacts_dir, "06-link-1946-etorofu")
    assert_clean(page)


def test_clicking_the_same_island_again_selects_it_again(page, app_server: str) -> None:
    """Click Shikotan, pick Kunashiri in the sidebar, click Shikotan again: Shikotan.

    The second click sends the same feature as the first; streamlit-folium sends a value only
    when it differs from the last one, so the app also asks for `last_object_clicked_count`.
    """
    open_app(page, app_server, "?date=1941-04-13")
    click_island(page, "Shikotan", "shikotan")
    expect(selectbox_value(page)).to_have_value("Shikotan")
    wait_for_app_idle(page)
    choose_island(page, "Kunashiri / Kunashir")
    wait_for_map(page)
    click_island(page, "Shikotan", "shikotan")  # streamlit-folium sends it after 250 ms
    expect(selectbox_value(page)).to_have_value("Shikotan", timeout=5000)
    wait_for_app_idle(page)
    wait_for_selected(page, "shikotan")


def test_map_says_so_when_its_shapes_cannot_load(page, app_server: str, artefacts_dir) -> None:
    """A proxy (or static serving switched off) answers the shapes file with a web page: the
    map shows a plain notice instead of staying blank, and the rest of the page still works."""

    def html_instead(route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<html><p>Blocked</p></html>")

    page.route("**/app/static/geo/kuril-map-*", html_instead)
    page.goto(app_server + "?year=1946")
    wait_for_app_idle(page)
    notice = map_frame(page).locator(".km-problem")
    expect(notice).to_contain_text("could not be loaded")
    expect(notice).to_have_attribute("role", "alert")
    expect(title(page)).to_have_text(re.compile(r"^31 Dec 1946 · "))
    page.screenshot(path=str(artefacts_dir / "map-shapes-not-loaded.png"))
