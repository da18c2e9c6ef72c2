"""What a new day sends, and what the page shows after it, in headless Chromium.

When the user settles on a day, only the part of the page that changes with the day reruns
(app.py's `day_view` fragment): the title, the time control, the map's download, the compared
days' differences and the sources' clauses and excerpts with their download. The map and the
panels have already followed the time control in the browser, so their arguments are not sent
again; the next full rerun (any other widget) sends everything for the day the user is on.
The nearest-day button of an empty panel reruns the whole page. The clauses and excerpts
are one element (kuril_map.documents.excerpts.boxes_html), document text in it escaped:
marked matches, http(s) links only, other languages folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import (
    AppServer,
    app_exceptions,
    map_frame,
    off_host_requests,
    serve_app,
    wait_for_app_idle,
    wait_for_map,
)

# What only the messages of the parts that do not change with the day carry.
MAP_ARGUMENTS = b"kmLoadGeo("  # the map component's arguments (kuril_map/map/base_map.py)
PANELS = b"kuril_map_panels"  # the history panels' component
ISLAND_CARD = b"Island card"
SOURCES = b'class="km-src"'  # the clauses and excerpts (boxes_html)

# In the page: the sources panel's boxes as drawn.
JS_BOXES = """() => {
  return [...document.querySelectorAll('.km-src-block')].map((b) => ({
    kind: b.classList.contains('km-src-clause') ? 'clause' : 'excerpt',
    text: b.innerText,
    marks: [...b.querySelectorAll('mark')].map((m) => m.textContent),
    links: [...b.querySelectorAll('a')].map((a) => ({href: a.getAttribute('href'),
      target: a.target, rel: a.rel})),
    folded: [...b.querySelectorAll('details')].map((d) => ({
      label: d.querySelector('summary').textContent, open: d.open})),
    label: (b.querySelector('.km-src-label') || {}).textContent || null,
  }));
}"""


class Frames:
    """The websocket frames a page receives, as bytes, from the moment it is created."""

    def __init__(self, page) -> None:
        self.received: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._in))

    def _in(self, payload: bytes | str) -> None:
        self.received.append(payload.encode() if isinstance(payload, str) else payload)

    def since(self, mark: int) -> bytes:
        return b"".join(self.received[mark:])


def main(page):
    return page.get_by_test_id("stMain")


def title(page):
    return page.locator('[data-testid="stMain"] h1')


def slider(page):
    return page.locator("input.km-tc-range")


def map_day(page) -> str:
    return map_frame(page).evaluate("() => document.documentElement.dataset.kmDate")


def panels_text(page) -> str:
    return page.locator(".km-panels").first.inner_text()


def boxes(page) -> list[dict]:
    return page.evaluate(JS_BOXES)


def sources_header(page) -> str:
    return page.get_by_test_id("stHeading").filter(has_text="Sources:").inner_text().strip()


def plain(text: str) -> str:
    """Text without Markdown's escapes and emphasis, quote marks or spaces, to compare."""
    return re.sub(r"[\\*>\s]", "", text)


def open_app(page, url: str) -> None:
    page.goto(url)
    wait_for_app_idle(page)
    wait_for_map(page)
    page.locator(".km-src-block").first.wait_for()


def settle_on(page, keys: list[str], day: str) -> None:
    """Step the time control with the keyboard and let it commit (after its pause)."""
    slider(page).focus()
    for key in keys:
        page.keyboard.press(key)
    expect(page).to_have_url(re.compile(rf"date={day}"))
    wait_for_app_idle(page)


def history_end() -> str:
    from kuril_map import history

    return history.load().end.isoformat()


def assert_clean(page) -> None:
    assert off_host_requests(page) == []
    assert page.blocked_requests == []
    assert app_exceptions(page) == []


def test_a_new_day_reruns_only_what_changes_and_a_full_rerun_draws_the_rest(
    page, app_server: str, tmp_path: Path
) -> None:
    frames = Frames(page)
    open_app(page, app_server + "?date=1941-05-31")
    before = [b["text"] for b in boxes(page)]
    header_before = sources_header(page)
    mark = len(frames.received)
    settle_on(page, ["PageUp"], "1951-05-31")  # ten years on
    expect(title(page)).to_have_text(re.compile(r"^31 May 1951 · "))
    page.wait_for_function(
        "(h) => [...document.querySelectorAll('[data-testid=\"stHeading\"]')]"
        ".some(e => e.innerText.startsWith('Sources:') && e.innerText.trim() !== h)",
        arg=header_before,
    )
    page.wait_for_function(
        f"(before) => ({JS_BOXES})().map(b => b.text).join('|') !== before", arg="|".join(before)
    )
    sent = frames.since(mark)
    # The day's part came; the map, the panels and the island card were not sent again.
    assert SOURCES in sent and b"31 May 1951" in sent
    assert MAP_ARGUMENTS not in sent and PANELS not in sent and ISLAND_CARD not in sent
    assert map_day(page) == "1951-05-31" and "31 May 1951" in panels_text(page)

    # The downloads are for the new day: the map's file name, the excerpts' span and text.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download map (HTML)").click()
    assert info.value.suggested_filename == "kuril-map-1951-05-31-all.html"
    span = re.search(r"(\d{4})–(\d{4})$", sources_header(page))
    assert span, sources_header(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download excerpts (Markdown)").click()
    name = info.value.suggested_filename
    assert name == f"kuril-excerpts-all-{span[1]}-{span[2]}.md"
    saved = tmp_path / name
    info.value.save_as(saved)
    handout = saved.read_text(encoding="utf-8")
    assert plain(handout).startswith("#" + plain(sources_header(page)))
    shown = next(b for b in boxes(page) if b["kind"] == "excerpt" and not b["label"])
    assert plain(shown["text"].split("\n")[0])[:40] in plain(handout)

    # A full rerun (another island) draws the map and the panels for the day the user is on,
    # not the day of the last full run.
    mark = len(frames.received)
    page.locator('[data-testid="stSelectbox"] input').click()
    page.get_by_role("option", name="Shikotan", exact=True).click()
    wait_for_app_idle(page)
    expect(page).to_have_url(re.compile(r"date=1951-05-31.*island=shikotan"))
    sent = frames.since(mark)
    assert MAP_ARGUMENTS in sent and PANELS in sent and ISLAND_CARD in sent
    map_frame(page).wait_for_function(
        "() => Object.values(window.map._layers).some(l => l.feature && l._path"
        " && l.feature.properties.id === 'shikotan'"
        " && l._path.getAttribute('stroke') === '#000000')"
    )
    page.wait_for_timeout(500)  # had the map been sent an older day, it would show it by now
    assert map_day(page) == "1951-05-31" and "31 May 1951" in panels_text(page)
    expect(title(page)).to_have_text(re.compile(r"^31 May 1951 · "))
    expect(page.get_by_test_id("stHeading").filter(has_text="Sources: Shikotan, ")).to_be_visible()
    assert_clean(page)


def test_the_excerpts_are_text_with_marks_links_and_folded_languages(page, app_server: str) -> None:
    open_app(page, app_server + "?date=1956-10-19&island=shikotan")
    found = boxes(page)
    clauses = [b for b in found if b["kind"] == "clause"]
    excerpts = [b for b in found if b["kind"] == "excerpt"]
    assert clauses and excerpts
    assert clauses[0]["text"].startswith("Primary source: the clause behind this line")
    # The island's name and the years are marked in the excerpts.
    marks = {m for b in excerpts for m in b["marks"]}
    assert any("Shikotan" in m or "1956" in m for m in marks), marks
    # Every source is cited; a link only to an http(s) address, opening elsewhere.
    links = [a for b in found for a in b["links"]]
    assert links and all(re.match(r"https?://", a["href"]) for a in links)
    assert all(a["target"] == "_blank" and "noopener" in a["rel"] for a in links)
    assert all("Perspective: " in b["text"] for b in found)
    # The 1956 clause's other languages are folded under it, and open with a click.
    folded = [f for b in found for f in b["folded"]]
    assert {"label": "The same text in: 日本語, Русский", "open": False} in folded
    page.locator(".km-src-more summary", has_text="The same text in: 日本語, Русский").first.click()
    expect(main(page)).to_contain_text("引渡す")
    assert app_exceptions(page) == []


# A folder with one document that speaks of Etorofu in 1855 only.
ONLY_1855 = """---
title: A note on 1855
publisher: Room 12
date: 2020-01-01
url: https://example.org/note
---
In 1855 the Treaty of Shimoda drew the border between Etorofu and Urup.

In 1855 the four islands were named in the treaty.
"""


@pytest.fixture(scope="module")
def sparse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    seeds = tmp_path_factory.mktemp("sparse-seeds")
    (seeds / "note.md").write_text(ONLY_1855, encoding="utf-8")
    with serve_app({"KURIL_MAP_SEEDS": str(seeds)}, name="sparse") as server:
        yield server


def test_an_empty_panel_offers_the_nearest_day_and_the_whole_page_goes_there(
    page, sparse_server
) -> None:
    page.goto(sparse_server + "?date=1950-06-01&island=kunashiri")
    wait_for_app_idle(page)
    wait_for_map(page)
    expect(page.get_by_test_id("stAlert")).to_contain_text(
        "No document in the collection speaks of Kunashiri"
    )
    button = page.get_by_role("button", name=re.compile(r"the nearest day with passages"))
    day = re.search(r"Go to (.+), the nearest", button.inner_text())[1]
    button.click()
    wait_for_app_idle(page)
    expect(title(page)).to_have_text(re.compile(rf"^{day} · "))
    expect(main(page)).to_contain_text("four islands were named")
    iso = re.search(r"date=([\d-]+)", page.url)[1]
    assert iso.startswith("1855")
    # The map and the panels went there too (a full rerun: they were sent the new day).
    map_frame(page).wait_for_function(
        "(d) => document.documentElement.dataset.kmDate === d", arg=iso
    )
    assert day in panels_text(page)
    # The group passage is labelled as such.
    (group,) = [b for b in boxes(page) if "four islands were named" in b["text"]]
    assert group["label"] == "Speaks of the four islands as a group"
    assert group["text"].startswith(group["label"])
    assert "Sources: Kunashiri / Kunashir, 18" in main(page).inner_text()
    assert_clean(page)


def what_changed(page) -> str:
    """The list under "What changed", as shown."""
    text = main(page).inner_text()
    return text.split("What changed", 1)[1].split("The map in words", 1)[0].strip()


def test_comparing_a_new_day_updates_what_changed_and_its_heading(page, app_server: str) -> None:
    frames = Frames(page)
    page.goto(app_server + "?date=1855-02-07&compare=1946")
    wait_for_app_idle(page)
    wait_for_map(page)
    headings = main(page).get_by_test_id("stHeading")
    expect(headings.nth(1)).to_have_text("7 Feb 1855")  # the left map's day
    expect(headings.nth(2)).to_have_text("31 Dec 1946")  # the compared year's
    before = what_changed(page)
    assert "USSR" in before
    mark = len(frames.received)
    settle_on(page, ["End"], history_end())
    expect(title(page)).not_to_have_text(re.compile(r"^7 Feb 1855"))
    day = title(page).inner_text().split(" · ")[0]
    expect(headings.nth(1)).to_have_text(day)
    expect(headings.nth(2)).to_have_text("31 Dec 1946")
    assert what_changed(page) != before
    assert MAP_ARGUMENTS not in frames.since(mark)
    assert_clean(page)
