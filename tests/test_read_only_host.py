"""A host whose static/ cannot be written still gets a map: the files are served from a private
temporary folder, or, with nothing writable, sent inline; a file missing altogether is said on
the page. (The same from a read-only copy run by an unprivileged user, in a real browser:
tests/browser/test_read_only_browser.py.)

Whether a folder can be written is injected (`write=`) or made impossible for any user (a
folder below a regular file), so these tests mean the same run as root, as CI runs them.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from streamlit.testing.v1 import AppTest

from kuril_map.map import component, frame_script, offline, shapes, static_files, time_bundle
from kuril_map.map.static_files import STATIC_BASE, GeneratedFile, Placement
from kuril_map.ui import assets, map_view
from tests.apptest_helpers import page_components, run_checked

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FILES = assets.STATIC_FILES


def refuse(dest: Path, data: bytes) -> None:
    """A writer for a read-only folder: a file already holding `data` is fine (nothing to
    write), any other write fails as the operating system would fail it."""
    if dest.is_file() and dest.read_bytes() == data:
        return
    raise PermissionError(13, "Permission denied", str(dest))


def under_a_file(tmp_path: Path) -> Path:
    """A static/ that no user can create, root included: its parent is a regular file."""
    blocker = tmp_path / "checkout"
    blocker.write_text("not a folder")
    return blocker / "static"


def decoded(uri: str) -> bytes:
    head, _, payload = uri.partition(",")
    assert head.endswith(";base64"), head
    return base64.b64decode(payload)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test decides afresh; the app's own decision is made again after them."""
    static_files._ensured.clear()
    for f in FILES:
        f._written.clear()
    assets._placement.cache_clear()
    yield
    static_files._ensured.clear()
    for f in FILES:
        f._written.clear()
    assets._placement.cache_clear()


# --------------------------------------------------------------------------- placing the files


def test_a_writable_static_folder_is_used(tmp_path: Path) -> None:
    placement = static_files.place_files(FILES, tmp_path)
    assert placement == Placement(STATIC_BASE)
    assert static_files.in_place(FILES, tmp_path)


def test_a_static_folder_that_cannot_be_written_is_not_used(tmp_path: Path) -> None:
    placement = static_files.place_files(FILES, tmp_path / "static", write=refuse)
    assert not placement.served and placement.files_base is None
    assert str(tmp_path / "static") in placement.problem
    assert "Permission denied" in placement.problem
    assert not (tmp_path / "static").exists()


def test_a_read_only_folder_that_already_holds_the_files_is_used(tmp_path: Path) -> None:
    """A read-only image built with the files in place needs no write at all."""
    assert static_files.place_files(FILES, tmp_path).served
    static_files._ensured.clear()
    for f in FILES:
        f._written.clear()
    assert static_files.place_files(FILES, tmp_path, write=refuse) == Placement(STATIC_BASE)


def test_a_folder_below_a_file_is_not_used(tmp_path: Path) -> None:
    placement = static_files.place_files(FILES, under_a_file(tmp_path))
    assert not placement.served and "cannot be written" in placement.problem


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the mode says")
def test_a_folder_with_mode_555_is_not_used(tmp_path: Path) -> None:
    """The same with a real file mode, for a developer who is not root (the injected writer
    above and the browser test, run as an unprivileged user, cover root)."""
    tmp_path.chmod(0o555)
    try:
        placement = static_files.place_files(FILES, tmp_path / "static")
    finally:
        tmp_path.chmod(0o755)
    assert not placement.served and "Permission denied" in placement.problem


def test_with_static_serving_off_the_files_go_inline(tmp_path: Path) -> None:
    """Files in static/ would not be served: their URLs answer with the app's HTML page."""
    placement = static_files.place_files(FILES, tmp_path, serving=False)
    assert not placement.served and "enableStaticServing" in placement.problem


def test_missing_leaflet_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(static_files, "LEAFLET_SOURCE_DIR", tmp_path)
    placement = static_files.place_files(FILES, tmp_path / "static")
    assert "leaflet/leaflet.js" in placement.missing
    assert str(tmp_path / "leaflet.js") in placement.problem


def test_a_file_that_cannot_be_made_is_named(tmp_path: Path, monkeypatch) -> None:
    def unreadable() -> bytes:
        return (tmp_path / "gone.js").read_bytes()

    # Every GeneratedFile registers itself (for the export); keep this one out of the real list.
    monkeypatch.setattr(static_files, "_GENERATED", list(static_files._GENERATED))
    broken = GeneratedFile("km", "broken", ".js", unreadable)
    placement = static_files.place_files([*FILES, broken], tmp_path)
    assert placement.missing == ("km/broken.js",)
    assert "gone.js" in placement.problem


def test_files_removed_later_are_noticed(tmp_path: Path) -> None:
    """A temporary folder may be cleaned out under a server that runs for weeks."""
    static_files.place_files(FILES, tmp_path)
    (tmp_path / "geo" / shapes.FILE.name).unlink()
    assert not static_files.in_place(FILES, tmp_path)


# --------------------------------------------------------------------------- the fallbacks


def serve_at(folder: Path) -> str:
    return f"component/files-at-{folder.name}/"


def test_a_spare_folder_is_served_when_static_cannot_be_written(tmp_path: Path) -> None:
    spare = tmp_path / "spare"
    placement = static_files.choose_placement(
        FILES, under_a_file(tmp_path), serving=True, spare_folder=lambda: spare, serve=serve_at
    )
    assert placement.files_base == "component/files-at-spare/" and placement.folder == spare
    assert "cannot be written" in placement.problem  # why static/ was not used, for the log
    assert static_files.in_place(FILES, spare)


def test_with_no_folder_at_all_the_files_go_inline(tmp_path: Path) -> None:
    def no_folder() -> Path:
        raise OSError(30, "Read-only file system", "/tmp")

    placement = static_files.choose_placement(
        FILES, under_a_file(tmp_path), serving=True, spare_folder=no_folder, serve=serve_at
    )
    assert placement.files_base is None and not placement.missing
    assert "cannot be written" in placement.problem and "Read-only file system" in placement.problem


def test_a_spare_folder_that_cannot_be_written_either_means_inline(tmp_path: Path) -> None:
    placement = static_files.choose_placement(
        FILES,
        tmp_path / "static",
        serving=True,
        spare_folder=lambda: tmp_path / "spare",
        serve=serve_at,
        write=refuse,
    )
    assert placement.files_base is None
    assert str(tmp_path / "spare") in placement.problem


def test_rebase_moves_only_our_static_urls() -> None:
    url = frame_script.FILE.url
    moved = static_files.rebase(url, "component/x/")
    assert moved == f"../../component/x/km/{frame_script.FILE.name}"
    assert static_files.rebase("https://example.org/a.js", "component/x/") == (
        "https://example.org/a.js"
    )
    assert frame_script.FILE.href("component/x/") == moved.removeprefix("../../")


# --------------------------------------------------------------------------- the map's arguments


def map_args(files_base: str | None, day: date = date(1946, 2, 2)) -> dict:
    return component.component_args(day, None, "both", key="k", height=600, files_base=files_base)


def test_inline_map_carries_its_files() -> None:
    args = map_args(None)
    assert args["js_links"] and all(
        u.startswith("data:text/javascript;base64,") for u in args["js_links"]
    )
    assert args["css_links"] and all(
        u.startswith("data:text/css;base64,") for u in args["css_links"]
    )
    watchdog, leaflet, frame = (decoded(u.split("#")[0]) for u in args["js_links"])
    assert watchdog == component.watchdog_code()
    source = (static_files.LEAFLET_SOURCE_DIR / "leaflet.js").read_bytes()
    assert leaflet.startswith(source[:200]) and b"L.Icon.Default" in leaflet
    assert frame == frame_script.FILE.data
    (css,) = (decoded(u).decode() for u in args["css_links"])
    assert ".leaflet-container" in css and "url(images/" not in css, "images inlined too"
    # The shapes and the time bundle are in the map's script, as in an exported file.
    assert "window.KM_GEO_INLINE = {" in args["script"]
    assert "window.KM_TIME_INLINE = {" in args["script"]
    assert not any("app/static" in u for u in args["js_links"] + args["css_links"])


def test_inline_map_keeps_its_frame_across_days() -> None:
    a, b = map_args(None, date(1875, 8, 22)), map_args(None, date(1956, 10, 19))
    assert a["key"] == b["key"] and a["script"] == b["script"]
    assert a["feature_group"] != b["feature_group"]
    assert a["key"] != map_args(STATIC_BASE)["key"], "another frame than the served one"


def test_a_map_served_from_a_spare_folder_fetches_from_there() -> None:
    args = map_args("component/kuril_map.ui.assets.kuril_map_files/")
    prefix = "../../component/kuril_map.ui.assets.kuril_map_files/"
    assert args["js_links"][0] == component.watchdog_link("en")  # always inline
    # The prefetch of the frame's files (inline) asks for them there too.
    assert args["js_links"][1] == component.prefetch_link(
        "component/kuril_map.ui.assets.kuril_map_files/"
    )
    listed = component.prefetch_files("component/kuril_map.ui.assets.kuril_map_files/")
    assert all(u.startswith(prefix) for urls in listed.values() for u in urls)
    assert all(u.startswith(prefix) for u in args["js_links"][2:])
    assert all(u.startswith(prefix) for u in args["css_links"])
    assert f'"{prefix}geo/{shapes.FILE.name}"' in args["script"]
    assert f'"{prefix}geo/{time_bundle.FILE.name}"' in args["script"]
    assert "app/static" not in json.dumps(args)


@pytest.mark.parametrize("files_base", [STATIC_BASE, None])
def test_the_frame_loads_the_watchdog_first_in_the_pages_language(files_base) -> None:
    """If a later script cannot load, the frame says so (js/watchdog.js) instead of staying
    empty at height 0; its words ride after the '#' of its data: URI."""
    from kuril_map.i18n import language

    with language("ru"):
        args = component.component_args(
            date(1946, 2, 2), None, "both", key="k", height=600, files_base=files_base
        )
    uri, _, words = args["js_links"][0].partition("#")
    assert decoded(uri) == component.watchdog_code()
    assert not [x for x in decoded(uri).splitlines() if x.lstrip().startswith(b"//")]
    assert unquote(words).startswith("Карта не загрузилась ({error})")
    assert "kmFrameFailed" in component.WATCHDOG_JS.read_text(encoding="utf-8")


def test_inline_links_refuse_a_foreign_url() -> None:
    with pytest.raises(offline.OfflineAssetError):
        offline.inline_url("https://cdn.example.org/leaflet.js")


# --------------------------------------------------------------------------- the page (AppTest)


class LogLines(logging.Handler):
    """Collects what kuril_map.ui.assets logs (Streamlit's loggers do not propagate)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def log_lines():
    handler = LogLines()
    assets.log.addHandler(handler)
    yield handler.lines
    assets.log.removeHandler(handler)


def read_only_host(monkeypatch, tmp_path: Path, spare: Path | None) -> None:
    """static/ that cannot be written; a spare folder at `spare`, or none at all."""

    def spare_folder() -> Path:
        if spare is None:
            raise OSError(30, "Read-only file system", str(tmp_path / "tmp"))
        return spare

    monkeypatch.setattr(static_files, "STATIC_DIR", under_a_file(tmp_path))
    monkeypatch.setattr(assets, "private_folder", spare_folder)


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return run_checked(at)


def test_page_with_nothing_writable_sends_the_files_inline(
    monkeypatch, tmp_path: Path, log_lines: list[str]
) -> None:
    read_only_host(monkeypatch, tmp_path, spare=None)
    at = run_page()
    (args,) = [json.loads(c.proto.json_args) for c in at.get("component_instance")]
    assert all(u.startswith("data:") for u in args["js_links"] + args["css_links"])
    assert "window.KM_TIME_INLINE = {" in args["script"]
    (time_control,) = page_components(at, "kuril_map_time")
    panels = page_components(at, "kuril_map_panels")
    for data in [time_control, *panels]:
        assert data["script"].startswith("data:text/javascript;base64,")
        assert data["url"].startswith("data:application/json;base64,")
    assert decoded(time_control["url"]) == time_bundle.FILE.data
    assert decoded(time_control["script"]) == assets.PAGE_SCRIPT.data
    at.session_state["date"] = "1946-03-01"
    run_checked(at)
    run_page(lang="ja")  # another session of the same server process
    warnings = [line for line in log_lines if "sent inline" in line]
    assert len(warnings) == 1, log_lines
    assert str(static_files.STATIC_DIR) in warnings[0] and "Read-only file system" in warnings[0]


def test_page_on_a_read_only_checkout_serves_the_files_from_a_private_folder(
    monkeypatch, tmp_path: Path, log_lines: list[str]
) -> None:
    spare = tmp_path / "private"
    read_only_host(monkeypatch, tmp_path, spare=spare)
    at = run_page()
    (args,) = [json.loads(c.proto.json_args) for c in at.get("component_instance")]
    base = "component/kuril_map.ui.assets.kuril_map_files/"
    links = args["js_links"][2:] + args["css_links"]  # after the inline watchdog and prefetch
    assert links and all(u.startswith("../../" + base) for u in links)
    (time_control,) = page_components(at, "kuril_map_time")
    assert time_control["url"] == base + f"geo/{time_bundle.FILE.name}"
    assert time_control["script"] == base + f"km/{assets.PAGE_SCRIPT.name}"
    assert static_files.in_place(FILES, spare)
    run_checked(at)
    (warning,) = [line for line in log_lines if "kuril-map" in line]
    assert f"served from {spare} instead" in warning


def test_page_puts_back_files_that_went_missing(monkeypatch, tmp_path: Path) -> None:
    spare = tmp_path / "private"
    read_only_host(monkeypatch, tmp_path, spare=spare)
    first = assets.static_placement()
    (spare / "km" / assets.PAGE_SCRIPT.name).unlink()
    assert assets.static_placement() is first
    assert static_files.in_place(FILES, spare)


@pytest.mark.parametrize(("lang", "words"), [("en", "The map cannot be drawn"), ("ja", "地図を")])
def test_page_says_when_the_map_cannot_draw(
    monkeypatch, tmp_path: Path, lang: str, words: str, log_lines: list[str]
) -> None:
    monkeypatch.setattr(static_files, "LEAFLET_SOURCE_DIR", tmp_path)
    at = run_page(lang=lang)
    assert at.get("component_instance") == []
    (error,) = [e.value for e in at.error]
    assert error.startswith(words) and "leaflet/leaflet.js" in error
    assert str(tmp_path) not in error, "the page names the file, the log says where"
    assert any("cannot be drawn" in line and str(tmp_path) in line for line in log_lines)


def test_cannot_draw_message_is_translated() -> None:
    from kuril_map.i18n import language

    with language("ru"):
        text = map_view.cannot_draw_message(("km/kuril-map.js",))
    assert text.startswith("Карту невозможно показать") and "km/kuril-map.js" in text
