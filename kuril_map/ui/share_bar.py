"""'Share this view' (link and QR code for the projector) and 'Take it home' (an offline file:
the map of the view, or the whole atlas)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from kuril_map import share_links
from kuril_map.atlas.build import build_atlas, folder_signature
from kuril_map.documents import load_documents
from kuril_map.i18n import _, language
from kuril_map.map.export import export_html
from kuril_map.paths import seeds_dir
from kuril_map.view_state import ViewState

ATLAS_FILE_NAME = "kuril-atlas.html"


def page_base_url() -> str:
    """The address the browser used to open the app (what students should open too)."""
    url = None
    try:
        url = st.context.url
    except Exception:  # AppTest and old versions have no page URL
        url = None
    host = None
    try:
        host = st.context.headers.get("Host")
    except Exception:
        host = None
    return share_links.base_url(url, host)


def share_view(view: ViewState) -> None:
    """A "Share" button that opens the full link and a QR code big enough to scan from a room.

    A dialog rather than a popover: its content is built only when asked for, so the link and
    the QR code (which change with every year) are not sent to the browser on each change.
    """
    if st.button(_("Share"), icon=":material/qr_code_2:", key="share_open"):
        st.dialog(_("Share this view"), width="medium")(_share_dialog)(view)


def _share_dialog(view: ViewState) -> None:
    url = share_links.share_url(page_base_url(), view)
    st.caption(_("Link for students"))
    st.code(url, language=None, wrap_lines=True)
    if share_links.only_this_machine(url):
        st.warning(
            _(
                "This link points to this computer only. For students' phones, open the "
                "app at the Network URL that Streamlit prints when it starts, then share "
                "again."
            ),
            icon=":material/info:",
        )
    st.image(
        share_links.qr_svg(url, scale=8),
        caption=_("Scan to open this view on your phone"),
        width=360,
    )


def export_file(view: ViewState) -> str:
    """The view's map as one HTML page, in the view's language. Built on click, in another
    thread than the page's run, so the language is set here again."""
    with language(view.lang):
        return export_html(view.date, view.island, view.naming)


def export_view(view: ViewState) -> None:
    """The current map as one HTML file with Leaflet inside: it opens with no internet at home."""
    st.download_button(
        _("Download map (HTML)"),
        icon=":material/download:",
        data=lambda: export_file(view),
        file_name=share_links.export_filename(view),
        mime="text/html",
        key="export_html",
        help=_("Works offline: one file with the map and its data."),
        on_click="ignore",
    )


@st.cache_resource(show_spinner=False, max_entries=2)
def _atlas(folder: str, signature: tuple, day: str) -> bytes:
    """The atlas, built once per process (about a second): it is the same for every session.
    A new key (a document added to the folder, a new day) builds it again."""
    return build_atlas(load_documents(folder).documents).encode("utf-8")


def atlas_download() -> None:
    """*Download the atlas*: every day, island card, clause and cited excerpt in three
    languages, as one HTML file that opens from disk with no internet (built on click)."""

    def build() -> bytes:
        folder = seeds_dir()
        return _atlas(str(folder), folder_signature(folder), date.today().isoformat())

    st.download_button(
        _("Download the atlas"),
        icon=":material/menu_book:",
        data=build,
        file_name=ATLAS_FILE_NAME,
        mime="text/html",
        key="download_atlas",
        help=_(
            "Every date, island card, clause and cited excerpt in one HTML file, in English, "
            "Japanese and Russian. It opens from disk with no internet."
        ),
        on_click="ignore",
    )
