"""Helpers for the tests that drive Streamlit pages headless with AppTest.

Shared by tests/test_app.py (the whole page), tests/test_sources_panel.py (the panel alone) and
tests/test_map_component.py (what the map component is sent), so all read the page the same way.
"""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

# What kuril_map.render puts around the matched words of an excerpt.
HIGHLIGHT = ":orange-background["


def run_checked(at: AppTest) -> AppTest:
    """Run the script and fail on any exception it raised.

    AppTest records a script's exceptions instead of raising them, so without this a test of a
    page that crashed could still pass on what was drawn before the crash.
    """
    at.run()
    assert not at.exception, at.exception
    return at


def query_param(at: AppTest, key: str) -> str:
    """The page's query parameter `key` as one string. AppTest gives a list per key before
    Streamlit 1.65 (`{"year": ["1946"]}`) and the value itself from 1.65 on; the tests run
    on both (CI's lowest-versions job)."""
    value = at.query_params[key]
    if isinstance(value, list):
        assert len(value) == 1, f"{key} is repeated in the link: {value}"
        return value[0]
    return value


def excerpt_texts(at: AppTest) -> list[str]:
    """The markdown of the excerpt blocks on the page: the ones with a highlighted match."""
    return [m.value for m in at.markdown if HIGHLIGHT in m.value]


# How an excerpt block writes each of its sources: small text under the passage.
SOURCE_LINE = ":small["


def source_lines(at: AppTest) -> list[str]:
    """Every citation line on the page: captions, and the source lines inside excerpt blocks."""
    lines = [c.value for c in at.caption]
    for m in at.markdown:
        lines += [p for p in m.value.split("\n\n") if p.startswith(SOURCE_LINE)]
    return lines


def layer_spec_in(feature_group: str) -> dict:
    """The view a map layer asks the map frame to draw (kuril_map.map.layers.view_spec), read
    back from the layer's code as the component receives it."""
    found = re.search(r"kmShowView\(\w+, (\{.*\})\);", feature_group)
    assert found, "the map layer does not call kmShowView"
    return json.loads(found.group(1))


def page_components(at: AppTest, name: str) -> list[dict]:
    """The data each of the page's own components (kuril_map.ui.components) was sent."""
    return [
        json.loads(c.proto.json) for c in at.get("bidi_component") if c.proto.component_name == name
    ]
