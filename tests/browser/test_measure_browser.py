"""The measuring tool drawn in Chromium from an exported, offline map file."""

from __future__ import annotations

import re
from datetime import date

from kuril_map.map import export, measure, offline


def test_control_works_in_a_browser(tmp_path, browser) -> None:
    """Click, close on the first point, Esc; close by double-click. No script errors."""
    m = export.full_map(date(1945, 9, 1))
    measure.add_measure_control(m)
    page_file = tmp_path / "map.html"
    page_file.write_text(offline.standalone_html(m), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(re.compile(r"^https?://"), lambda route: route.abort())
        page.goto(page_file.as_uri())
        page.click(".km-measure-btn")
        assert page.inner_text(".km-measure-btn") == "Clear"
        for x, y in [(300, 600), (700, 600), (700, 300)]:
            page.mouse.click(x, y)
            page.wait_for_timeout(50)
        assert page.inner_text(".km-measure-out").startswith("Distance: ")
        page.mouse.click(300, 600)  # the first point closes the shape
        text = page.inner_text(".km-measure-out")
        assert "Area: " in text and text.rstrip().endswith("km²")
        page.keyboard.press("Escape")
        assert page.inner_text(".km-measure-btn") == "Measure"
        assert not page.is_visible(".km-measure-out")
        page.click(".km-measure-btn")
        for x, y in [(400, 400), (600, 400)]:
            page.mouse.click(x, y)
            page.wait_for_timeout(350)  # not a double-click
        page.mouse.dblclick(600, 550)
        assert "Area: " in page.inner_text(".km-measure-out")
        assert errors == []
    finally:
        page.close()
