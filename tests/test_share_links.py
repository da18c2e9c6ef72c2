"""Share links reopen the same view, and the QR code is made locally and decodes to the link."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from kuril_map.share_links import base_url, export_filename, qr_svg, share_url, svg_data_uri
from kuril_map.view_state import ViewState, from_query


def test_base_url_drops_query_and_fragment() -> None:
    assert base_url("http://10.0.0.5:8501/?year=1905#x") == "http://10.0.0.5:8501/"
    assert base_url("https://example.org/app/kuril?year=1") == "https://example.org/app/kuril"


def test_base_url_fallbacks() -> None:
    assert base_url(None, "class.local:8501") == "http://class.local:8501/"
    assert base_url("", None) == "http://localhost:8501/"


def test_share_url_round_trips_the_whole_view() -> None:
    view = ViewState(
        date(1946, 2, 2),
        "etorofu",
        naming="ru",
        lang="ja",
        layout="presentation",
        compare=1875,
        scope="region",
    )
    url = share_url("http://host:8501/", view)
    assert url.startswith("http://host:8501/?")
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert from_query(params) == (view, [])


def test_qr_svg_is_local_svg_that_encodes_the_link() -> None:
    svg = qr_svg("http://host:8501/?year=1946")
    assert svg.lstrip().startswith("<svg")
    assert "http" not in svg.split(">", 1)[1].replace("http://www.w3.org", "")
    assert svg_data_uri(svg).startswith("data:image/svg+xml;base64,")


def test_qr_svg_draws_modules() -> None:
    svg = qr_svg("http://host:8501/?year=1946")
    assert "<path" in svg and "QR code for this view" in svg


def test_export_filename() -> None:
    assert export_filename(ViewState(date(1905, 9, 5))) == "kuril-map-1905-09-05-all.html"
    assert (
        export_filename(ViewState(date(1946, 2, 2), "shikotan"))
        == "kuril-map-1946-02-02-shikotan.html"
    )


def test_links_to_this_machine_are_recognised() -> None:
    from kuril_map.share_links import only_this_machine

    assert only_this_machine("http://localhost:8501/?year=1")
    assert only_this_machine("http://127.0.0.1:8501/")
    assert not only_this_machine("http://192.168.1.20:8501/?year=1")
    assert not only_this_machine("https://kuril-map.streamlit.app/")


def test_the_download_is_the_view_in_its_language() -> None:
    from kuril_map.ui.share_bar import export_file

    page = export_file(ViewState(date(1945, 8, 28), "etorofu", lang="ja"))
    assert '"date":"1945-08-28"' in page and '"lang":"ja"' in page
    assert '"selected":"etorofu"' in page
