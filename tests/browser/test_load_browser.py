"""Under load: twelve sessions, each in its own browser context, open their links and step
through the eras at once on one server, by keyboard on the time control; the server logs no
exception and each page agrees with its link after every step.

The server is this file's own (its log holds only these sessions). The server's memory with
many sessions is measured by the benchmark (bench/bench_scrub.py), not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from kuril_map import history

from .conftest import (
    DEFAULT_TIMEOUT_MS,
    MAP_IFRAME,
    AppServer,
    app_exceptions,
    serve_app,
    wait_for_app_idle,
    wait_for_map,
)
from .harness import VIEWPORT, is_local

SESSIONS = 12
# Every session presses the same key at once; each commits its day 0.6 s later.
KEYS = ("ArrowRight", "PageUp", "ArrowRight")  # next event, ten years on, next event
LOG_PROBLEM = re.compile(r"Traceback|Exception|\bERROR\b")
JS_MAP_DATE = "() => document.documentElement.getAttribute('data-km-date')"


@pytest.fixture(scope="module")
def load_server() -> Iterator[AppServer]:
    with serve_app(name="load") as server:
        yield server


@pytest.fixture
def sessions(browser) -> Iterator[list]:
    """SESSIONS pages, each in its own context (its own session), reaching only this machine;
    `page.page_errors` collects uncaught errors of the page and its frames."""
    pages = []
    for _ in range(SESSIONS):
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS * 2)  # twelve pages share two cores
        context.route("**/*", lambda rt: rt.continue_() if is_local(rt.request.url) else rt.abort())
        page = context.new_page()
        page.page_errors = []
        context.on("weberror", lambda err, p=page: p.page_errors.append(str(err.error)))
        pages.append(page)
    yield pages
    for page in pages:
        page.context.close()


def stops() -> list[str]:
    return [e.start.isoformat() for e in history.load().stops()]


def after_key(day: str, key: str) -> str:
    """The day the time control moves to from `day` (ui/js/time_control.js): the next event,
    or the same day ten years on (up to today)."""
    if key == "ArrowRight":
        return next((s for s in stops() if s > day), day)
    d = date.fromisoformat(day)
    later = d.replace(year=d.year + 10, day=28 if (d.month, d.day) == (2, 29) else d.day)
    return min(later, history.load().end).isoformat()


def starting_days() -> list[str]:
    """One day for each session, from the first event to the 1990s, each its own."""
    usable = [s for s in stops() if s < "1995"]
    return [usable[i * (len(usable) - 1) // (SESSIONS - 1)] for i in range(SESSIONS)]


def shown(page) -> dict[str, str]:
    """The day as each part of the page shows it: the link, the time control, the map."""
    query = parse_qs(urlsplit(page.url).query)
    value = int(page.locator("input.km-tc-range").input_value())
    return {
        "link": query["date"][0],
        "link_year": query["year"][0],
        "control": (date(1970, 1, 1) + timedelta(days=value)).isoformat(),
        "map": page.frame_locator(MAP_IFRAME).locator("html").evaluate(JS_MAP_DATE),
    }


def settle(page, day: str) -> None:
    """Wait until the page shows `day` everywhere, then check that it agrees with its link."""
    expect(page).to_have_url(re.compile(rf"[?&]date={day}\b"))
    wait_for_app_idle(page)
    wait_for_map(page)
    era = history.load().era_on(date.fromisoformat(day)).name.get("en")
    heading = f"{history.display_date(date.fromisoformat(day), 'day', 'en')} · {era}"
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text(
        re.compile("^" + re.escape(heading))
    )
    expect(page.locator(".km-panels").last).to_contain_text(era)
    page.frame_locator(MAP_IFRAME).locator(f"html[data-km-date='{day}']").wait_for(state="attached")
    assert shown(page) == {"link": day, "link_year": day[:4], "control": day, "map": day}
    assert app_exceptions(page) == []


def test_twelve_sessions_step_through_the_eras_at_once(
    sessions: list, load_server: AppServer
) -> None:
    days = starting_days()
    for page, day in zip(sessions, days, strict=True):
        page.goto(f"{load_server}?date={day}", wait_until="commit")
    for page, day in zip(sessions, days, strict=True):
        settle(page, day)

    for key in KEYS:
        for page in sessions:
            page.locator("input.km-tc-range").focus()
            page.keyboard.press(key)
        days = [after_key(day, key) for day in days]
        for page, day in zip(sessions, days, strict=True):
            settle(page, day)

    assert [e for page in sessions for e in page.page_errors] == []
    log = load_server.log_path.read_text(encoding="utf-8", errors="replace")
    problems = [line for line in log.splitlines() if LOG_PROBLEM.search(line)]
    assert problems == [], "the server logged:\n" + "\n".join(problems[:20])
    assert load_server.process.poll() is None, "the server stopped"
