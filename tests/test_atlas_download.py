"""*Download the atlas* on the page: the button is there, and the file behind it is built once
per process and documents folder (it is the same for every session)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kuril_map.atlas.build import folder_signature
from kuril_map.paths import seeds_dir
from kuril_map.ui import share_bar


def _page() -> None:
    from kuril_map.ui import share_bar

    share_bar.atlas_download()


def test_the_button_is_on_the_page() -> None:
    at = AppTest.from_function(_page, default_timeout=60)
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download the atlas"]


def test_the_atlas_is_built_once_per_folder() -> None:
    folder = seeds_dir()
    key = (str(folder), folder_signature(folder), "2026-01-01")
    first = share_bar._atlas(*key)
    assert first.startswith(b"<!DOCTYPE html>")
    assert share_bar._atlas(*key) is first
    share_bar._atlas.clear()
