"""The one-file atlas in a real browser: opened from disk with every request blocked, it
restores the view its address names, recolours the map while the time control is dragged,
keeps the address current, switches language, and prints without its controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kuril_map import history
from kuril_map.atlas.build import write_atlas

from .conftest import axe_violations
from .harness import VIEWPORT

ISLAND_PATHS = ".leaflet-overlay-pane path.leaflet-interactive"


@pytest.fixture(scope="module")
def atlas_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("atlas") / "atlas.html"
    write_atlas(path)
    return path


@pytest.fixture
def atlas_page(browser, atlas_file: Path) -> Iterator:
    """A page that may load the atlas file itself and nothing else: every other request
    (web, other files) is aborted and recorded in `page.blocked`."""
    yield from offline_page(browser, atlas_file)


REPORT_URL = "https://example.org/report-an-error"


@pytest.fixture
def reporting_atlas_page(browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """The atlas built where a report address is configured ($KURIL_MAP_REPORT_URL)."""
    monkeypatch.setenv("KURIL_MAP_REPORT_URL", REPORT_URL)
    path = tmp_path / "atlas.html"
    write_atlas(path)
    yield from offline_page(browser, path)


def offline_page(browser, atlas_file: Path) -> Iterator:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    own = atlas_file.as_uri()
    page = context.new_page()
    page.blocked = []
    page.errors = []

    def route(rt) -> None:
        if rt.request.url.split("#")[0] == own:
            rt.continue_()
        else:
            page.blocked.append(rt.request.url)
            rt.abort()

    context.route("**/*", route)
    context.on("weberror", lambda err: page.errors.append(str(err.error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.own = own
    yield page
    context.close()


def open_atlas(page, fragment: str) -> None:
    page.goto(page.own + fragment)
    page.wait_for_selector(ISLAND_PATHS, state="attached")
    page.wait_for_function("document.documentElement.dataset.kmDrawn !== undefined")


def fills(page) -> str:
    """The fill colours of every territory drawn, in order: changes when the map recolours."""
    return page.evaluate(
        "sel => Array.from(document.querySelectorAll(sel)).map(p => p.getAttribute('fill')).join()",
        ISLAND_PATHS,
    )


def state(page) -> dict:
    return page.evaluate(
        "({date: document.documentElement.dataset.kmDate, hash: location.hash,"
        " panels: document.getElementById('km-panels').dataset.kmDate})"
    )


def test_opens_offline_at_the_view_of_its_address(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#year=1956&island=shikotan")
    got = state(page)
    assert got["date"] == "1956-12-31"
    assert got["panels"] == "1956-12-31"
    assert got["hash"] == "#date=1956-12-31&island=shikotan&lang=en"
    assert page.locator("#km-island").input_value() == "shikotan"
    assert page.locator("#km-card h3").inner_text().endswith("Shikotan")
    assert "1956" in page.locator("#km-excerpts h3").inner_text()
    assert page.locator("#km-excerpts article").count() > 0
    assert page.locator("#km-excerpts article a.km-atlas-link").count() > 0
    assert page.blocked == []
    assert page.errors == []
    # The route really blocks: a request the page makes itself is aborted and recorded.
    failed = page.evaluate("fetch('https://example.org/x').then(() => 'loaded', () => 'failed')")
    assert failed == "failed"
    assert page.blocked == ["https://example.org/x"]


JS_OPEN_CLAUSES = """() => Array.from(document.querySelectorAll('#km-clauses details[open]'))
  .map((d) => ({line: d.id.replace('km-clause-', ''),
    cites: Array.from(d.querySelectorAll('.km-atlas-clause > div > ul cite'))
      .map((c) => c.textContent)}))"""


def test_the_clauses_behind_a_line_are_those_signed_by_the_day(atlas_page) -> None:
    """As in the app: on 19 Oct 1956 the line of Japan's claim shows the Joint Declaration's
    day first and none of the 1991, 1993 or 2000 texts; on 13 Oct 1993 the Tokyo Declaration."""
    page = atlas_page
    open_atlas(page, "#date=1956-10-19")
    lines = {x["line"]: x["cites"] for x in page.evaluate(JS_OPEN_CLAUSES)}
    assert {"japan_claim_line", "jd1956_two_island_line"} <= set(lines), lines
    every = " ".join(c for cites in lines.values() for c in cites)
    assert "1956" in lines["jd1956_two_island_line"][0]
    assert not any(year in every for year in ("1960", "1991", "1993", "2000")), every
    open_atlas(page, "#date=1993-10-13")
    lines = {x["line"]: x["cites"] for x in page.evaluate(JS_OPEN_CLAUSES)}
    assert "1993" in lines["japan_claim_line"][0], lines
    assert not any("2000" in c for c in lines["japan_claim_line"])
    assert page.errors == []


def test_an_event_known_by_its_year_shows_the_year_once(atlas_page) -> None:
    """The panels (ui/js/panels.js, the app's too): the league of former residents, founded in
    1958 (a year, no day), is "1958年", not "1958年 – 1958年"."""
    page = atlas_page
    open_atlas(page, "#date=1958-06-01&lang=ja")
    dates = page.locator("#km-panels li > b").all_inner_texts()
    assert any(d.strip("▶ ") == "1958年" for d in dates), dates
    assert not any(d.count("1958") > 1 for d in dates), dates


def test_a_drag_recolours_the_map_before_release_and_the_address_follows(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#year=1956&island=shikotan")
    slider = page.locator(".km-tc-range")
    box = slider.bounding_box()
    assert box is not None
    lo, hi, value = page.evaluate(
        "(() => { const r = document.querySelector('.km-tc-range');"
        " return [+r.min, +r.max, +r.value]; })()"
    )
    y = box["y"] + box["height"] / 2
    thumb = box["x"] + 8 + (box["width"] - 16) * (value - lo) / (hi - lo)
    page.mouse.move(thumb, y)
    page.mouse.down()
    seen_dates: list[str] = []
    seen_fills: list[str] = []
    target = box["x"] + 8 + (box["width"] - 16) * 0.08  # about 1675
    steps = 24
    for i in range(1, steps + 1):
        page.mouse.move(thumb + (target - thumb) * i / steps, y)
        page.wait_for_timeout(40)
        seen_dates.append(state(page)["date"])
        seen_fills.append(fills(page))
    page.mouse.up()
    assert len(set(seen_dates)) >= 5, seen_dates
    assert len(set(seen_fills)) >= 3, "the map did not recolour several times during the drag"
    page.wait_for_function("location.hash.indexOf('1956-12-31') < 0")
    after = state(page)
    assert after["hash"] == f"#date={after['date']}&island=shikotan&lang=en"
    assert after["date"] < "1700-01-01"
    assert page.blocked == []
    assert page.errors == []


def test_keys_step_between_events(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#date=1855-02-07")
    page.locator(".km-tc-range").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.documentElement.dataset.kmDate > '1855-02-07'")
    after = state(page)["date"]
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"document.documentElement.dataset.kmDate < {after!r}")
    assert state(page)["date"] == "1855-02-07"
    page.wait_for_function("location.hash.indexOf('1855-02-07') > 0")
    # Play steps through the events on its own; a second press pauses.
    play = page.get_by_role("button", name="Play through the events")
    play.click()
    page.wait_for_function("document.documentElement.dataset.kmDate > '1855-02-07'")
    page.get_by_role("button", name="Pause").click()


def test_a_click_on_an_island_and_the_language_switch(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#date=1946-06-01")
    # A click on Etorofu (where its label sits; labels let clicks through) selects it.
    label = page.locator(".km-label", has_text="Etorofu").bounding_box()
    assert label is not None
    page.mouse.click(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
    page.wait_for_function("location.hash.indexOf('island=etorofu') > 0")
    assert page.locator("#km-island").input_value() == "etorofu"
    assert page.locator("#km-panels tr.km-selected").count() == 1
    page.locator("#km-lang").select_option("ja")
    page.wait_for_function("document.documentElement.lang === 'ja'")
    assert "地図帳" in page.locator("#km-title").inner_text()
    assert state(page)["hash"] == "#date=1946-06-01&island=etorofu&lang=ja"
    assert "1946年6月1日" in page.locator("#km-heading").inner_text()
    assert "外務省（1945年8月15日現在）" in page.locator("#km-card").inner_text()  # a source
    assert page.locator(".km-tc-range").get_attribute("aria-valuetext").startswith("1946年")
    assert page.errors == []


def as_of_day(lang: str) -> str:
    return history.display_date(history.load().data_as_of, "day", lang)


def test_the_foot_gives_the_data_date_and_no_link_unless_configured(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#date=1946-06-01")
    as_of = page.locator("#km-as-of")
    assert as_of.inner_text() == f"Data as of {as_of_day('en')}."
    assert not page.locator("#km-report").is_visible()
    page.locator("#km-lang").select_option("ru")
    page.wait_for_function("document.documentElement.lang === 'ru'")
    assert as_of.inner_text() == f"Данные по состоянию на {as_of_day('ru')}"


def test_the_report_link_when_configured(reporting_atlas_page) -> None:
    page = reporting_atlas_page
    open_atlas(page, "#date=1946-06-01&lang=ja")
    link = page.get_by_role("link", name="誤りを報告する")
    assert link.is_visible()
    assert link.get_attribute("href") == REPORT_URL
    assert page.locator("#km-as-of").inner_text() == f"データは{as_of_day('ja')}時点のものです。"
    assert page.blocked == [] and page.errors == []


def test_a_mistyped_address_opens_with_a_notice(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#year=1956&island=atlantis")
    notice = page.locator("#km-notice")
    assert notice.is_visible()
    assert "island=atlantis" in notice.inner_text()
    assert state(page)["date"] == "1956-12-31"


def test_print_shows_the_handout_without_controls(atlas_page) -> None:
    page = atlas_page
    open_atlas(page, "#year=1956&island=shikotan")
    page.emulate_media(media="print")
    for hidden in ("#km-settings", "#km-time", ".leaflet-control-zoom"):
        assert not page.locator(hidden).is_visible(), hidden
    for shown in ("#km-map", "#km-heading", "#km-panels table", "#km-excerpts article"):
        assert page.locator(shown).first.is_visible(), shown
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (390, 844)])
def test_no_wcag_aa_violations(atlas_page, width: int, height: int) -> None:
    page = atlas_page
    page.set_viewport_size({"width": width, "height": height})
    open_atlas(page, "#year=1956&island=shikotan&lang=ja")
    assert axe_violations(page) == []
