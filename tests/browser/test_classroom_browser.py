"""Classroom mode in headless Chromium: share links and QR, Play, compare, naming, language,
presentation layout on a projector and a phone, keyboard use, and the offline export.

One server for the whole file (the session's `app_server`); each test opens its own page that
can reach nothing but the app. Screenshots go to artefacts/browser/ (gitignored); the README's
come from here (copied to docs/).
"""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from kuril_map import history, names
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

JAPAN = STATE_COLOURS["japan"].upper()


def hex_to_rgb(colour: str) -> str:
    """'#aabbcc' as the browser reports a computed colour: 'rgb(170, 187, 204)'."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


USSR = STATE_COLOURS["ussr"].upper()

# In a map frame: the fills of the four islands as drawn, or null until they are all drawn.
JS_ISLAND_FILLS = """() => {
  const ISLANDS = ['etorofu', 'kunashiri', 'shikotan', 'habomai'];
  if (!window.map) return null;
  const fills = Object.values(window.map._layers)
    .filter(l => l.feature && l._path && l._path.isConnected
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


def map_day(page) -> str:
    return map_frame(page).evaluate("() => document.documentElement.dataset.kmDate")


def panels(page):
    """The history panels beside the map (a component in the page, drawn in the browser)."""
    return page.locator(".km-panels").filter(has=page.locator(".km-era"))


def words(page):
    """The map in words, under the map."""
    return page.locator(".km-words")


def time_button(page, name: str):
    return page.get_by_role("button", name=re.compile(name))


# --------------------------------------------------------------------------- share and resume


def test_shared_link_restores_the_view_and_its_qr_encodes_the_full_link(
    page, app_server: str, artefacts_dir: Path
) -> None:
    query = (
        "?date=1946-02-02&year=1946&island=shikotan&naming=ru&lang=ja&layout=standard"
        "&scope=islands&compare=1875"
    )
    open_app(page, app_server, query)
    expect(title(page)).to_have_text(re.compile(r"^1946年2月2日"))
    # Russian naming on a Japanese screen: the Russian names, written in katakana.
    shikotan = names.island_label_script("shikotan", "ru", "ja")
    expect(page.locator('[data-testid="stSelectbox"] input')).to_have_value(shikotan)
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text("島")
    assert len(frames(page)) == 2
    frames(page)[0].wait_for_function(
        f"() => ({JS_LABELS})().includes({names.island_label_script('etorofu', 'ru', 'ja')!r})"
    )
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
    expect(title(other)).to_have_text(re.compile(r"^1946年2月2日"))
    expect(other.locator('[data-testid="stSelectbox"] input')).to_have_value(shikotan)
    assert query_of(other.url) == wanted
    other.close()
    assert_clean(page)


def test_odd_link_falls_back_with_a_notice_not_an_error(page, app_server: str) -> None:
    open_app(page, app_server, "?year=abc&naming=klingon&layout=huge")
    expect(title(page)).to_have_text(re.compile(r"^7 Feb 1855 · "))
    expect(page.get_by_test_id("stToast").filter(has_text="klingon")).to_be_visible()
    q = query_of(page.url)
    assert (q["date"], q["naming"], q["layout"]) == ("1855-02-07", "both", "standard")
    assert_clean(page)


def test_changes_update_the_link_and_naming_relabels_the_map(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?year=1905")
    # The land is drawn first; the labels once the time bundle is in as well.
    wait_for_map(page).wait_for_function(f"() => ({JS_LABELS})().includes('Etorofu / Iturup')")
    radio(page, "Place names", "Japanese tradition")
    expect(page).to_have_url(re.compile(r"naming=ja"))
    wait_for_map(page).wait_for_function(f"() => ({JS_LABELS})().includes('Etorofu')")
    radio(page, "Place names", "Russian tradition")
    expect(page).to_have_url(re.compile(r"naming=ru"))
    wait_for_map(page).wait_for_function(f"() => ({JS_LABELS})().includes('Iturup')")
    expect(panels(page)).to_contain_text("Iturup")
    radio(page, "Place names", "Ainu names (where sourced)")
    wait_for_map(page).wait_for_function(f"() => ({JS_LABELS})().includes('Etuworop-sir')")
    expect(page.locator('[data-testid="stSelectbox"] input')).to_have_value("All four islands")
    assert "year=1905" in page.url
    shot(page, artefacts_dir, "classroom-02-ainu-names")
    assert_clean(page)


ENGLISH_HEADINGS = ("Status on", "Positions held on", "The map in words", "Administered by")


def test_language_switch_translates_the_history_too(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?date=1945-08-28")
    mark_map(page)
    radio(page, "Language", "日本語")
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text("島")
    expect(page).to_have_url(re.compile(r"lang=ja"))
    expect(title(page)).to_have_text(re.compile(r"^1945年8月28日"))
    # The same Leaflet map, now with its legend and measuring tool in Japanese.
    frame = map_frame(page)
    expect(frame.locator(".km-legend")).to_contain_text("施政国")
    expect(frame.locator(".km-measure-btn")).to_have_text("計測")
    expect(frame.locator(".km-legend")).to_have_count(1)
    assert map_kept(page), "the language switch rebuilt the Leaflet map"
    # The history itself is in Japanese: era, events, status, positions, the map in words.
    era = history.load().era_on(date(1945, 8, 28))
    expect(panels(page)).to_contain_text(era.name.ja)
    expect(panels(page)).to_contain_text("1945年8月28日")
    text = panels(page).inner_text() + words(page).inner_text()
    assert not [h for h in ENGLISH_HEADINGS if h in text], "English left on a Japanese screen"
    shot(page, artefacts_dir, "classroom-03-japanese")
    radio(page, "言語", "Русский")
    expect(page).to_have_url(re.compile(r"lang=ru"))
    expect(title(page)).to_have_text(re.compile(r"^28 августа 1945 г\."))
    expect(panels(page)).to_contain_text(era.name.ru)
    text = panels(page).inner_text() + words(page).inner_text()
    assert not [h for h in ENGLISH_HEADINGS if h in text], "English left on a Russian screen"
    assert_clean(page)
    # A Japanese link with Japanese names, as a class in Japan would open it. Glyphs need a
    # Japanese font (.ci/run installs one); without it the shot shows boxes, nothing fails.
    open_app(page, app_server, "?year=1956&island=etorofu&naming=ja&lang=ja")
    expect(title(page)).to_have_text(re.compile(r"^1956年"))
    wait_for_fills(map_frame(page), USSR)
    shot(page, artefacts_dir, "classroom-09-japanese-names")
    assert_clean(page)


# --------------------------------------------------------------------------- present


def test_play_steps_through_events_and_pauses_without_rebuilding_the_map(
    page, app_server: str, artefacts_dir: Path
) -> None:
    open_app(page, app_server, "?date=1945-08-20")
    page.locator(".km-tc-pace").select_option("2")
    mark_map(page)
    stops = [e.start.isoformat() for e in history.load().stops()]
    expected = [s for s in stops if s > "1945-08-20"][:2]
    # Keyboard: focus Play and press Enter.
    time_button(page, "Play").focus()
    page.keyboard.press("Enter")
    for day in expected:
        map_frame(page).wait_for_function(
            "(d) => document.documentElement.dataset.kmDate === d", arg=day, timeout=15_000
        )
    expect(page).to_have_url(re.compile(rf"date={expected[0]}|date={expected[1]}"))
    assert map_kept(page), "Play rebuilt the Leaflet map"
    shot(page, artefacts_dir, "classroom-04-playing")
    time_button(page, "Pause").click()
    paused = map_day(page)
    page.wait_for_timeout(3_000)
    assert map_day(page) == paused, "still moving after Pause"
    wait_for_app_idle(page)
    # Step back by keyboard on the Previous button.
    time_button(page, "Previous").focus()
    page.keyboard.press("Enter")
    previous = [s for s in stops if s < paused][-1]
    map_frame(page).wait_for_function(
        "(d) => document.documentElement.dataset.kmDate === d", arg=previous
    )
    expect(page).to_have_url(re.compile(rf"date={previous}"))
    assert map_kept(page)
    assert_clean(page)


def test_keyboard_steps_events_and_the_map_in_words_follows(page, app_server: str) -> None:
    open_app(page, app_server, "?date=1945-08-27")
    page.locator("input.km-tc-range").focus()
    page.keyboard.press("ArrowRight")  # 28 Aug 1945: Soviet forces land on Etorofu
    expect(words(page)).to_contain_text("28 Aug 1945")
    expect(words(page)).to_contain_text("Etorofu / Iturup: Administered by USSR.")
    expect(words(page)).to_contain_text("Kunashiri / Kunashir: Administered by Japan.")
    expect(words(page)).to_contain_text("Lines in force")
    page.keyboard.press("ArrowLeft")
    expect(words(page)).to_contain_text("Etorofu / Iturup: Administered by Japan.")
    # Tab reaches the rest of the page from the time control.
    page.keyboard.press("Shift+Tab")
    name = page.evaluate("() => document.activeElement.tagName")
    assert name, "focus went nowhere"
    assert_clean(page)


def test_presentation_layout_on_a_projector_and_a_phone(
    page, app_server: str, artefacts_dir: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, app_server, "?year=1946&layout=presentation")
    expect(title(page)).to_have_text(re.compile(r"^31 Dec 1946"))
    # The sidebar starts folded; the time control and Play are on the page.
    expect(page.locator("input.km-tc-range")).to_be_visible()
    expect(time_button(page, "Play")).to_be_visible()
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
    # The history folds open on demand.
    page.get_by_test_id("stExpander").filter(has_text="History of this day").locator(
        "summary"
    ).click()
    expect(panels(page)).to_contain_text("Status on 31 Dec 1946")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_server + "?year=1946")
    wait_for_app_idle(page)
    wait_for_fills(wait_for_map(page), USSR)
    overflow = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollWidth - window.innerWidth"
    )
    assert overflow <= 1, f"page scrolls sideways on a phone by {overflow}px"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box and 300 <= box["width"] <= 390, box
    # On a phone the time control is on screen without opening anything.
    control = page.locator("input.km-tc-range").bounding_box()
    assert control and control["y"] >= 0 and control["y"] + control["height"] <= 844, control
    expect(time_button(page, "Play")).to_be_visible()
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
    # The time control drives the main map only; the compared one keeps its year.
    page.locator("input.km-tc-range").focus()
    page.keyboard.press("Home")
    first.wait_for_function("() => document.documentElement.dataset.kmDate === '1644-01-01'")
    assert second.evaluate("() => document.documentElement.dataset.kmDate") == "1875-12-31"
    wait_for_app_idle(page)
    shot(page, artefacts_dir, "classroom-07-compare")
    # Same view: zooming the first map takes the second along.
    first, second = frames(page)
    zoom = first.evaluate("() => window.map.getZoom()")
    first.locator(".leaflet-control-zoom-in").click()
    first.wait_for_function("(z) => window.map.getZoom() === z", arg=zoom + 1)
    frames(page)[1].wait_for_function("(z) => window.map.getZoom() === z", arg=zoom + 1)
    # And the other way: dragging the second map moves the first, with no script run.
    first, second = frames(page)
    before = first.evaluate("() => window.map.getCenter()")
    page.locator(MAP_IFRAME).nth(1).scroll_into_view_if_needed()
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
    assert download.suggested_filename == "kuril-map-1905-12-31-kunashiri.html"
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
        pg.wait_for_function("() => document.documentElement.dataset.kmDate === '1905-12-31'")
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
