"""Classroom mode in headless Chromium: share links and QR, Play, compare, naming, language,
presentation layout on a projector and a phone, keyboard use, and the offline export.

One server for the whole file (the session's `app_server`); each test opens its own page that
can reach nothing but the app. Screenshots go to artefacts/browser/ (gitignored); the README's
come from here (copied to docs/).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from kuril_map import names, stops
from kuril_map.map.style import SEA_COLOUR, STATE_COLOURS
from kuril_map.share_links import qr_svg

from .conftest import (
    DEFAULT_TIMEOUT_MS,
    MAP_IFRAME,
    app_exceptions,
    map_frame,
    off_host_requests,
    wait_for_app_idle,
    wait_for_map,
)

JAPAN = STATE_COLOURS["Japan"].upper()


def hex_to_rgb(colour: str) -> str:
    """'#aabbcc' as the browser reports a computed colour: 'rgb(170, 187, 204)'."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


USSR = STATE_COLOURS["USSR"].upper()

# In a map frame: the fills of the four islands as drawn, or null until they are all drawn.
JS_ISLAND_FILLS = """() => {
  const ISLANDS = ['etorofu', 'kunashiri', 'shikotan', 'habomai'];
  if (!window.map) return null;
  const fills = Object.values(window.map._layers)
    .filter(l => l.feature && l._path && l._path.isConnected && l.feature.properties.status
                 && ISLANDS.includes(l.feature.properties.id))
    .map(l => (l._path.getAttribute('fill') || '').toUpperCase());
  return fills.length === 4 ? [...new Set(fills)].sort() : null;
}"""

JS_LABELS = "() => [...document.querySelectorAll('.km-label')].map(e => e.innerText.trim())"


# --------------------------------------------------------------------------- helpers


def shot(page, artefacts_dir: Path, name: str, full_page: bool = False) -> None:
    page.screenshot(path=str(artefacts_dir / f"{name}.png"), full_page=full_page)


def open_app(page, app_server: str, query: str = "") -> None:
    page.goto(app_server + query)
    wait_for_app_idle(page)
    wait_for_map(page)


def title(page):
    return page.locator('[data-testid="stMain"] h1')


def frames(page) -> list:
    """Every map frame on the page (two when comparing), in page order."""
    handles = page.locator(MAP_IFRAME).element_handles()
    return [h.content_frame() for h in handles]


def fills_of(frame) -> list[str]:
    frame.wait_for_function(JS_ISLAND_FILLS)
    return frame.evaluate(JS_ISLAND_FILLS)


def wait_for_fills(frame, fill: str) -> None:
    frame.wait_for_function(f"() => JSON.stringify(({JS_ISLAND_FILLS})()) === '[\"{fill}\"]'")


def radio(page, group: str, option: str) -> None:
    """Choose `option` in the radio group labelled `group`, as a user would."""
    box = page.locator('[data-testid="stRadio"]').filter(has_text=group)
    box.get_by_text(option, exact=True).click()
    wait_for_app_idle(page)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def assert_clean(page) -> None:
    assert off_host_requests(page) == []
    assert app_exceptions(page) == []


def mark_map(page) -> None:
    """Marks on the Leaflet map object: gone if the map were rebuilt."""
    map_frame(page).evaluate("() => { window.map.__kmMark = 'kept'; }")


def map_kept(page) -> bool:
    return map_frame(page).evaluate("() => window.map.__kmMark") == "kept"


# --------------------------------------------------------------------------- share and resume


def test_shared_link_restores_the_view_and_its_qr_encodes_the_full_link(
    page, app_server: str, artefacts_dir: Path
) -> None:
    query = "?year=1946&island=shikotan&naming=ru&lang=ja&layout=standard&compare=1875"
    open_app(page, app_server, query)
    expect(title(page)).to_have_text(re.compile(r"^1946(?!\d)"))
    # Russian naming on a Japanese screen: the Russian names, written in katakana.
    shikotan = names.island_label_script("shikotan", "ru", "ja")
    expect(page.locator('[data-testid="stSelectbox"] input')).to_have_value(shikotan)
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text("時間")
    assert len(frames(page)) == 2
    assert names.island_label_script("etorofu", "ru", "ja") in frames(page)[0].evaluate(JS_LABELS)
    wanted = query_of(app_server + query)

    page.get_by_role("button", name=re.compile("共有")).click()  # "Share" on a Japanese screen
    body = page.get_by_role("dialog")
    link = body.get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(app_server), link
    assert query_of(link) == wanted
    img = body.locator("img").first
    expect(img).to_be_visible()
    src = img.get_attribute("src")
    assert src.startswith("data:image/svg+xml;base64,"), "the QR is drawn locally"
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    assert svg == qr_svg(link, scale=8), "the QR encodes exactly the link shown"
    box = img.bounding_box()
    assert box and box["width"] >= 250, "big enough to scan from the back of the room"
    shot(page, artefacts_dir, "classroom-01-share-qr")

    # A student opens the link: the same view.
    other = page.context.new_page()
    other.goto(link)
    wait_for_app_idle(other)
    expect(title(other)).to_have_text(re.compile(r"^1946(?!\d)"))
    expect(other.locator('[data-testid="stSelectbox"] input')).to_have_value(shikotan)
    assert query_of(other.url) == wanted
    other.close()
    assert_clean(page)


def test_odd_link_falls_back_with_a_notice_not_an_error(page, app_server: str) -> None:
    open_app(page, app_server, "?year=abc&naming=klingon&layout=huge")
    expect(title(page)).to_have_text(re.compile(r"^1855 · "))
    expect(page.get_by_test_id("stToast").filter(has_text="klingon")).to_be_visible()
    q = query_of(page.url)
    assert (q["year"], q["naming"], q["layout"]) == ("1855", "both", "standard")
    assert_clean(page)


def test_changes_update_the_link_and_naming_relabels_the_map(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1905")
    assert "Etorofu / Iturup" in map_frame(page).evaluate(JS_LABELS)
    radio(page, "Place names", "Japanese tradition")
    expect(page).to_have_url(re.compile(r"naming=ja"))
    frame = wait_for_map(page)
    frame.wait_for_function(f"() => ({JS_LABELS})().includes('Etorofu')")
    radio(page, "Place names", "Russian tradition")
    expect(page).to_have_url(re.compile(r"naming=ru"))
    wait_for_map(page).wait_for_function(f"() => ({JS_LABELS})().includes('Iturup')")
    expect(page.locator('[data-testid="stSelectbox"] input')).to_have_value("All four islands")
    assert "year=1905" in page.url
    shot(page, artefacts_dir, "classroom-02-russian-names")
    assert_clean(page)


def test_language_switch_to_japanese_and_russian(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server)
    mark_map(page)
    radio(page, "Language", "日本語")
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text("時間")
    expect(page).to_have_url(re.compile(r"lang=ja"))
    wait_for_fills(wait_for_map(page), JAPAN)
    # The same Leaflet map, now with its legend and measuring tool in Japanese.
    frame = map_frame(page)
    expect(frame.locator(".km-legend")).to_contain_text("施政国")
    expect(frame.locator(".km-measure-btn")).to_have_text("計測")
    expect(frame.locator(".km-legend")).to_have_count(1)
    assert map_kept(page), "the language switch rebuilt the Leaflet map"
    shot(page, artefacts_dir, "classroom-03-japanese")
    radio(page, "言語", "Русский")
    expect(page).to_have_url(re.compile(r"lang=ru"))
    expect(page.locator('[data-testid="stSidebar"] h2').first).not_to_have_text("時間")
    assert_clean(page)
    # A Japanese link with Japanese names, as a class in Japan would open it. Glyphs need a
    # Japanese font (.ci/run installs one); without it the shot shows boxes, nothing fails.
    open_app(page, app_server, "?year=1946&island=etorofu&naming=ja&lang=ja")
    expect(title(page)).to_have_text(re.compile(r"^1946年"))
    wait_for_fills(map_frame(page), USSR)
    shot(page, artefacts_dir, "classroom-09-japanese-names")
    assert_clean(page)


# --------------------------------------------------------------------------- present


def test_play_steps_through_events_and_pauses_without_rebuilding_the_map(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1941")
    page.locator('[data-testid="stButtonGroup"]').get_by_text("2 s", exact=True).click()
    wait_for_app_idle(page)
    mark_map(page)
    expected = [stops.neighbour_event(1941, 1)]
    expected.append(stops.neighbour_event(expected[0], 1))
    # Keyboard: focus Play and press Enter.
    page.get_by_role("button", name=re.compile("Play")).focus()
    page.keyboard.press("Enter")
    for year in expected:
        expect(title(page)).to_have_text(re.compile(rf"^{year} · "), timeout=15_000)
    wait_for_fills(map_frame(page), USSR)
    assert map_kept(page), "Play rebuilt the Leaflet map"
    expect(page.get_by_text(f"Map for {expected[-1]}")).to_be_visible()
    shot(page, artefacts_dir, "classroom-04-playing")
    page.get_by_role("button", name=re.compile("Pause")).click()
    wait_for_app_idle(page)
    paused = title(page).inner_text()
    page.wait_for_timeout(3_000)
    assert title(page).inner_text() == paused, "still moving after Pause"
    # Step back by keyboard on the Previous button.
    page.get_by_role("button", name=re.compile("Previous")).focus()
    page.keyboard.press("Enter")
    prev = stops.neighbour_event(int(paused.split(" ")[0]), -1)
    expect(title(page)).to_have_text(re.compile(rf"^{prev} · "))
    assert map_kept(page)
    assert_clean(page)


def test_keyboard_steps_events_and_map_text_follows(page, app_server: str) -> None:
    open_app(page, app_server, "?year=1941")
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Event")
    slider.locator('input[type="range"]').focus()
    page.keyboard.press("ArrowRight")
    expect(title(page)).to_have_text(re.compile(r"^1945 · "))
    wait_for_app_idle(page)
    words = page.locator(".st-key-map_text")
    expect(words).to_contain_text("Map for 1945")
    expect(words).to_contain_text("administered by Soviet Union (USSR)")
    expect(words).to_contain_text("Lines in force")
    page.keyboard.press("ArrowLeft")
    expect(title(page)).to_have_text(re.compile(r"^1941 · "))
    expect(words).to_contain_text("administered by Japan")
    # Tab reaches the Play button from the slider.
    for _ in range(6):
        page.keyboard.press("Tab")
        name = page.evaluate("() => document.activeElement.innerText || ''")
        if "Play" in name:
            break
    assert "Play" in name, "Play not reachable by Tab from the event slider"
    assert_clean(page)


def test_presentation_layout_on_a_projector_and_a_phone(
    page, app_server: str, artefacts_dir: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, app_server, "?year=1946&layout=presentation")
    expect(title(page)).to_have_text(re.compile(r"^1946(?!\d)"))
    # The sidebar starts folded; time controls and Play are in the main area.
    main = page.get_by_test_id("stMain")
    expect(main.locator('[data-testid="stSlider"]').filter(has_text="Event")).to_be_visible()
    expect(main.get_by_role("button", name=re.compile("Play"))).to_be_visible()
    h1 = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=stMain] h1'))"
        ".fontSize)"
    )
    assert h1 >= 40, h1
    frame_box = page.locator(MAP_IFRAME).bounding_box()
    assert frame_box and frame_box["width"] >= 0.85 * 1280, frame_box
    wait_for_fills(map_frame(page), USSR)
    shot(page, artefacts_dir, "classroom-05-presentation-1280x720")
    # The teacher shows the QR code on the projector.
    page.get_by_role("button", name=re.compile("Share")).click()
    expect(page.get_by_role("dialog").locator("img").first).to_be_visible()
    shot(page, artefacts_dir, "classroom-08-presentation-share-qr")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    # Panels fold open on demand.
    page.get_by_test_id("stExpander").filter(has_text="Status in 1946").locator("summary").click()
    expect(page.get_by_test_id("stTable")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    wait_for_app_idle(page)
    wait_for_fills(wait_for_map(page), USSR)
    overflow = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollWidth - window.innerWidth"
    )
    assert overflow <= 1, f"page scrolls sideways on a phone by {overflow}px"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box and 300 <= box["width"] <= 390, box
    expect(main.get_by_role("button", name=re.compile("Play"))).to_be_visible()
    shot(page, artefacts_dir, "classroom-06-phone-390x844")
    assert_clean(page)


# --------------------------------------------------------------------------- compare


def test_compare_two_years_side_by_side(page, app_server: str, artefacts_dir: Path) -> None:
    open_app(page, app_server, "?year=1946")
    assert len(frames(page)) == 1
    page.get_by_text("Compare with another year").click()
    wait_for_app_idle(page)
    box = page.get_by_label("Year", exact=True)
    box.fill("1875")
    box.press("Enter")
    wait_for_app_idle(page)
    expect(page.locator(MAP_IFRAME)).to_have_count(2)
    expect(page).to_have_url(re.compile(r"compare=1875"))
    first, second = frames(page)
    wait_for_fills(first, USSR)
    wait_for_fills(second, JAPAN)
    # Half-width maps: the legends start folded, and open with one click.
    legend = first.locator("details.km-legend")
    expect(legend).not_to_have_attribute("open", "")
    legend.locator("summary").click()
    expect(legend).to_have_attribute("open", "")
    assert fills_of(first) != fills_of(second)
    shot(page, artefacts_dir, "classroom-07-compare-1946-1875")
    # Same view: zooming the first map takes the second along.
    zoom = first.evaluate("() => window.map.getZoom()")
    first.locator(".leaflet-control-zoom-in").click()
    first.wait_for_function("(z) => window.map.getZoom() === z", arg=zoom + 1)
    frames(page)[1].wait_for_function("(z) => window.map.getZoom() === z", arg=zoom + 1)
    # And the other way: dragging the second map moves the first, with no script run.
    first, second = frames(page)
    before = first.evaluate("() => window.map.getCenter()")
    box = page.locator(MAP_IFRAME).nth(1).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y - 60, steps=8)
    page.mouse.up()
    # Leaflet glides on after a drag; wait until the second map has stopped moving.
    second.wait_for_function(
        "() => new Promise(r => setTimeout(() => r(!window.map._panAnim"
        " || !window.map._panAnim._inProgress), 400))"
    )
    moved = second.evaluate("() => window.map.getCenter()")
    assert moved != before, "the drag did not move the second map"
    first.wait_for_function(
        "(c) => Math.abs(window.map.getCenter().lat - c.lat) < 1e-6"
        " && Math.abs(window.map.getCenter().lng - c.lng) < 1e-6",
        arg=moved,
    )
    second.locator(".leaflet-control-zoom-out").click()
    first.wait_for_function("(z) => window.map.getZoom() === z", arg=zoom)
    wait_for_app_idle(page)
    assert_clean(page)


# --------------------------------------------------------------------------- take it home


def test_export_download_opens_offline(page, app_server: str, browser, tmp_path: Path) -> None:
    open_app(page, app_server, "?year=1905&island=kunashiri")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download map (HTML)").click()
    download = info.value
    assert download.suggested_filename == "kuril-map-1905-kunashiri.html"
    out = tmp_path / download.suggested_filename
    download.save_as(out)

    context = browser.new_context(viewport={"width": 900, "height": 600})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    aborted: list[str] = []

    def only_the_file(route) -> None:
        if route.request.url == out.as_uri() or route.request.url.startswith("data:"):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    try:
        pg = context.new_page()
        pg.goto(out.as_uri())
        pg.wait_for_selector("path.leaflet-interactive", state="attached")
        fills = pg.eval_on_selector_all(
            "path.leaflet-interactive", "ps => ps.map(p => (p.getAttribute('fill') || ''))"
        )
        assert sum(f.upper() == JAPAN for f in fills) >= 4, fills
        sea = pg.eval_on_selector(".leaflet-container", "e => getComputedStyle(e).backgroundColor")
        assert sea == hex_to_rgb(SEA_COLOUR), f"the sea is {sea}, not the map's sea colour"
        assert aborted == []
    finally:
        context.close()
    assert_clean(page)
