"""The page and the map frame against WCAG 2.1 AA with axe-core (the npm package, injected by
the test into the page and into the frame), on a desktop, a projector and a phone, in the
three languages."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, map_frame, wait_for_app_idle, wait_for_map


@pytest.mark.parametrize(
    ("width", "height", "query"),
    [
        (1400, 900, "?date=1945-08-28"),
        (1280, 720, "?year=1956&layout=presentation&lang=ja"),
        (390, 844, "?year=1875&lang=ru&scope=region"),
    ],
)
def test_page_and_map_frame_have_no_aa_violations(
    page, app_server: str, width: int, height: int, query: str
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_server + query)
    wait_for_app_idle(page)
    wait_for_map(page)
    page.locator(".km-panels").first.wait_for()
    assert axe_violations(page) == [], "in the page"
    assert axe_violations(map_frame(page)) == [], "in the map frame"
