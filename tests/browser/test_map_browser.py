"""The real app in headless Chromium: the map draws offline, eras swap layers, clicks select.

One server for the whole file (the `app_server` fixture); each test opens its own page. Every
check waits for content (a title, a fill colour, a header) rather than sleeping, and the map's
frame is looked up again after each change. A screenshot of each state goes to
artefacts/browser/ (gitignored).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kuril_map.documents import excerpts
from kuril_map.islands import ISLAND_IDS
from kuril_map.map import layers
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

JAPAN = STATE_COLOURS["Japan"]
USSR = STATE_COLOURS["USSR"]
SELECTED_STROKE = "#000000"

# In the map frame: the four islands as Leaflet drew them, found through the Leaflet map
# object that streamlit-folium keeps as `window.map` (only layers still on the page count).
JS_MAP_STATE = """(ids) => {
  const layers = Object.values(window.map._layers)
    .filter(l => l.feature && l._path && l._path.isConnected);
  const islands = {};
  const lines = [];
  for (const l of layers) {
    const p = l.feature.properties, path = l._path;
    const look = {
      fill: path.getAttribute('fill'),
      stroke: path.getAttribute('stroke'),
      dash: path.getAttribute('stroke-dasharray'),
      weight: path.getAttribute('stroke-width'),
    };
    if (ids.includes(p.id) && p.status) islands[p.id] = look;
    else if (p.kind) lines.push([p.id, look.stroke, look.dash]);
  }
  lines.sort();
  return {islands, lines, zoom: window.map.getZoom(), center: window.map.getCenter()};
}"""

# In the map frame: true once each island is drawn with the fill wanted for it.
JS_FILLS_ARE = """([ids, fill]) => {
  if (!window.map) return false;
  const drawn = Object.values(window.map._layers)
    .filter(l => l.feature && l._path && l._path.isConnected && l.feature.properties.status
                 && ids.includes(l.feature.properties.id));
  return drawn.length === ids.length
    && drawn.every(l => l._path.getAttribute('fill').toUpperCase() === fill.toUpperCase());
}"""

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
# island), and which island the topmost element there belongs to.
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
    return wait_for_map(page).evaluate(JS_MAP_STATE, list(ISLAND_IDS))


def wait_for_fills(page, fill: str, ids: tuple[str, ...] = ISLAND_IDS) -> None:
    """Wait until the (re-queried) map frame shows every island in `ids` filled with `fill`."""
    map_frame(page).wait_for_function(JS_FILLS_ARE, arg=[list(ids), fill])


def excerpt_panel(page) -> dict:
    panel = page.evaluate(JS_EXCERPT_PANEL)
    assert panel is not None, "no 'Sources:' header on the page"
    return panel


def title(page):
    return page.locator('[data-testid="stMain"] h1')


def press_on_slider(page, label: str, key: str, year: int) -> None:
    """Press `key` on the sidebar slider labelled `label`; wait for the run that shows `year`."""
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label)
    slider.locator('input[type="range"]').focus()
    page.keyboard.press(key)
    expect(title(page)).to_have_text(re.compile(rf"^{year} · "))
    wait_for_app_idle(page)


def frame_box(page) -> dict:
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None, "the map frame is not displayed"
    return box


def click_island(page, label: str, island_id: str) -> None:
    """Click the map where the island's label sits: a point inside the island's polygon."""
    point = map_frame(page).evaluate(JS_LABEL_POINT, label)
    assert point["hit"] == island_id, f"{label}'s label point is over {point['hit']!r}"
    box = frame_box(page)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def wait_for_selected(page, island_id: str) -> None:
    """Wait until the map outlines `island_id` as the selected island."""
    map_frame(page).wait_for_function(
        "([id, s]) => Object.values(window.map._layers).some(l => l.feature && l._path"
        " && l._path.isConnected && l.feature.properties.id === id"
        " && l.feature.properties.status && l._path.getAttribute('stroke') === s)",
        arg=[island_id, SELECTED_STROKE],
    )


def selectbox_value(page):
    return page.locator('[data-testid="stSelectbox"] input')


def choose_island(page, label: str) -> None:
    """Pick `label` in the sidebar's island selectbox, as a user would."""
    box = selectbox_value(page)
    box.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(box).to_have_value(label)
    wait_for_app_idle(page)


def expected_excerpt_count(year: int, island: str | None = None) -> int:
    from kuril_map.documents import load_documents
    from kuril_map.paths import seeds_dir

    return len(excerpts.excerpts_for(load_documents(str(seeds_dir())).documents, island, year))


def expected_lines(year: int) -> list[list]:
    features = layers.lines_for_year(year)["features"]
    rows = [
        [f["id"], f["properties"]["style"]["color"], f["properties"]["style"]["dashArray"]]
        for f in features
    ]
    return sorted(rows)


def assert_clean(page) -> None:
    assert off_host_requests(page) == []
    assert page.blocked_requests == []
    assert app_exceptions(page) == []


# --------------------------------------------------------------------------- tests


@pytest.mark.smoke  # CI's lowest-versions job runs this one (scripts/test-lowest.sh)
def test_page_loads_offline_and_draws_the_four_islands(app_page, artefacts_dir: Path) -> None:
    frame = wait_for_map(app_page)
    expect(title(app_page)).to_have_text(re.compile(r"^1855 · "))
    wait_for_fills(app_page, JAPAN)
    state_fills = {c.upper() for c in STATE_COLOURS.values()}
    fills = frame.eval_on_selector_all(
        "path.leaflet-interactive",
        "ps => ps.map(p => (p.getAttribute('fill') || '').toUpperCase())",
    )
    assert sum(f in state_fills for f in fills) >= 4, fills
    state = map_state(app_page)
    assert set(state["islands"]) == set(ISLAND_IDS)
    assert {look["fill"].upper() for look in state["islands"].values()} == {JAPAN}
    assert state["lines"] == expected_lines(1855)
    # Nothing left the machine: no CDN, no tiles, no usage statistics.
    assert not [u for u in app_page.requests_seen if "streamlit.io" in u]
    assert any("/app/static/vendor/leaflet" in u for u in app_page.requests_seen)
    assert any("/app/static/geo/kuril-map-" in u for u in app_page.requests_seen)
    assert any("/app/static/km/kuril-map-" in u for u in app_page.requests_seen)
    # A full-width map shows its legend open.
    expect(frame.locator("details.km-legend")).to_have_attribute("open", "")
    assert_clean(app_page)
    shot(app_page, artefacts_dir, "01-loaded-1855")


def test_time_control_swaps_colours_lines_and_excerpts(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1941")
    wait_for_fills(page, JAPAN)
    before = map_state(page)
    panel_before = excerpt_panel(page)
    assert before["lines"] == expected_lines(1941)
    assert panel_before["header"] == "Sources: All four islands, 1905–1944"
    shot(page, artefacts_dir, "02-before-1941")

    press_on_slider(page, "Event", "ArrowRight", 1945)  # the event slider snaps to 1945
    wait_for_fills(page, USSR)
    after = map_state(page)
    panel_after = excerpt_panel(page)
    shot(page, artefacts_dir, "03-after-1945")

    assert {v["fill"].upper() for v in after["islands"].values()} == {USSR}
    # Japan's claim from 1945 on: a dashed outline in Japan's colour.
    assert {(v["stroke"].upper(), bool(v["dash"])) for v in after["islands"].values()} == {
        (JAPAN, True)
    }
    assert after["lines"] == expected_lines(1945) != before["lines"]
    assert panel_after["header"] == "Sources: All four islands, 1945–1955"
    assert panel_after["blocks"] != panel_before["blocks"]
    assert len(panel_after["blocks"]) == expected_excerpt_count(1945)
    assert "1945" in page.url

    # The "Any year" slider moves one year at a time.
    press_on_slider(page, "Any year", "ArrowRight", 1946)
    wait_for_fills(page, USSR)
    assert map_state(page)["lines"] == expected_lines(1946)
    assert_clean(page)


def test_era_change_keeps_the_leaflet_map_and_the_users_view(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1941")
    wait_for_fills(page, JAPAN)
    frame = map_frame(page)
    # The user zooms in with the + button and drags the map a little.
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
    assert view[0] == zoom0 + 1
    # Marks on the iframe element, the map's <div> and the Leaflet map object (window.map).
    page.eval_on_selector(MAP_IFRAME, "f => { f.__kmMark = 'kept'; }")
    frame.evaluate(
        "() => { window.map.__kmMark = 'kept';"
        " document.getElementById('map_div').__kmMark = 'kept'; }"
    )
    shot(page, artefacts_dir, "04-user-view-1941")

    press_on_slider(page, "Event", "ArrowRight", 1945)
    wait_for_fills(page, USSR)
    frame = map_frame(page)
    marks = frame.evaluate(
        "() => [window.map.__kmMark, document.getElementById('map_div').__kmMark]"
    )
    assert marks == ["kept", "kept"], "the Leaflet map was rebuilt by the change of era"
    assert page.eval_on_selector(MAP_IFRAME, "f => f.__kmMark") == "kept", "frame replaced"
    assert frame.evaluate("() => [window.map.getZoom(), window.map.getCenter()]") == view
    shot(page, artefacts_dir, "05-user-view-kept-1945")
    assert_clean(page)


def test_clicking_an_island_selects_it_across_eras(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1941")
    expect(selectbox_value(page)).to_have_value("All four islands")
    click_island(page, "Shikotan", "shikotan")
    expect(selectbox_value(page)).to_have_value("Shikotan")
    wait_for_app_idle(page)
    assert excerpt_panel(page)["header"] == "Sources: Shikotan, 1905–1944"
    wait_for_selected(page, "shikotan")
    assert "island=shikotan" in page.url
    shot(page, artefacts_dir, "06-clicked-shikotan-1941")

    press_on_slider(page, "Event", "ArrowRight", 1945)
    wait_for_fills(page, USSR)
    expect(selectbox_value(page)).to_have_value("Shikotan")
    assert excerpt_panel(page)["header"] == "Sources: Shikotan, 1945–1955"
    islands = map_state(page)["islands"]
    assert islands["shikotan"]["stroke"] == SELECTED_STROKE
    assert islands["etorofu"]["stroke"] != SELECTED_STROKE
    shot(page, artefacts_dir, "07-shikotan-kept-1945")
    assert_clean(page)


def test_exported_html_draws_from_file_with_no_network(
    browser, tmp_path: Path, artefacts_dir: Path
) -> None:
    out = tmp_path / "kuril-1905.html"
    subprocess.run(
        [sys.executable, "-m", "kuril_map", "export", "--year", "1905", "-o", str(out)],
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
        pg.wait_for_selector("path.leaflet-interactive", state="attached")
        fills = pg.eval_on_selector_all(
            "path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
        )
        assert sum(f.upper() == JAPAN for f in fills if f) >= 4, fills
        assert aborted == []
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        pg.screenshot(path=str(artefacts_dir / "08-export-1905.png"))
    finally:
        context.close()


def test_link_restores_year_and_island(page, app_server: str, artefacts_dir: Path) -> None:
    open_app(page, app_server, "?year=1946&island=Iturup")
    expect(title(page)).to_have_text(re.compile(r"^1946 · "))
    expect(selectbox_value(page)).to_have_value("Etorofu / Iturup")
    any_year = page.locator('[data-testid="stSlider"]').filter(has_text="Any year")
    expect(any_year.locator('input[type="range"]')).to_have_value("1946")
    assert excerpt_panel(page)["header"] == "Sources: Etorofu / Iturup, 1945–1955"
    wait_for_fills(page, USSR)
    islands = map_state(page)["islands"]
    assert islands["etorofu"]["stroke"] == SELECTED_STROKE
    assert all(v["stroke"] != SELECTED_STROKE for k, v in islands.items() if k != "etorofu")
    assert "island=etorofu" in page.url  # the link is rewritten to the island's id
    shot(page, artefacts_dir, "09-link-1946-etorofu")
    assert_clean(page)


def test_clicking_the_same_island_again_selects_it_again(
    page, app_server: str, artefacts_dir: Path
) -> None:
    """Click Shikotan, pick Kunashiri in the sidebar, click Shikotan again: Shikotan.

    The second click on Shikotan sends the same feature as the first; streamlit-folium sends
    a value only when it differs from the last one, so the app must also ask for
    `last_object_clicked_count` (it did not at first, and this was a strict xfail).
    """
    open_app(page, app_server, "?year=1941")
    click_island(page, "Shikotan", "shikotan")
    expect(selectbox_value(page)).to_have_value("Shikotan")
    wait_for_app_idle(page)
    choose_island(page, "Kunashiri / Kunashir")
    expect(page.get_by_text("Sources: Kunashiri / Kunashir, 1905–1944")).to_be_visible()
    wait_for_map(page)
    click_island(page, "Shikotan", "shikotan")  # streamlit-folium sends it after 250 ms
    expect(selectbox_value(page)).to_have_value("Shikotan", timeout=5000)
    wait_for_app_idle(page)
    wait_for_selected(page, "shikotan")
    shot(page, artefacts_dir, "10-shikotan-clicked-again")


def test_map_says_so_when_its_shapes_cannot_load(page, app_server: str, artefacts_dir) -> None:
    """A proxy (or static serving switched off) answers the shapes file with a web page: the
    map shows a plain notice instead of staying blank, and the rest of the page still works."""

    def html_instead(route) -> None:
        route.fulfill(status=200, content_type="text/html", body="<html><p>Blocked</p></html>")

    page.route("**/app/static/geo/**", html_instead)
    page.goto(app_server + "?year=1946")
    wait_for_app_idle(page)
    notice = map_frame(page).locator(".km-problem")
    expect(notice).to_contain_text("The map shapes could not be loaded")
    expect(notice).to_have_attribute("role", "alert")
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(re.compile(r"^1946 · "))
    page.screenshot(path=str(artefacts_dir / "map-shapes-not-loaded.png"))
