"""The sources panel: passages on the chosen island around the chosen day, highlighted and cited.

Above the "Sources: …" header sit the controls (search, perspective filter, Markdown
download, adding a document); under it the span of years shown, the primary-source clauses of
the lines in question and the excerpts, one bordered box each (a clause once, in the reader's
language, its other languages folded under it). An empty panel says why and offers the nearest
day that has passages. Document text is never HTML: the boxes are written by
kuril_map.documents.excerpts.boxes_html, which escapes every string from a document; anything
else quoting a document (a problem, an upload's message) goes through kuril_map.safe_markdown
before it reaches Streamlit's Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kuril_map import history, safe_markdown
from kuril_map.documents import Document, clauses_for_lines, load_documents, uploads
from kuril_map.documents.excerpts import (
    Block,
    BlockWords,
    Excerpt,
    boxes_html,
    clause_block,
    dedupe,
    excerpt_block,
    excerpts_markdown,
    one_language,
    perspectives,
    with_perspectives,
)
from kuril_map.documents.loading import clause_versions
from kuril_map.documents.periods import ERA, Selection, Span, clauses_on, passages_for
from kuril_map.documents.search import search
from kuril_map.i18n import LANGUAGES, _, data_text, language
from kuril_map.names import island_name
from kuril_map.paths import seeds_dir
from kuril_map.view_state import ViewState

QUERY_KEY = "doc_query"
EVERYWHERE_KEY = "doc_query_everywhere"
PERSPECTIVES_KEY = "doc_perspectives"
UPLOAD_ROUND_KEY = "doc_upload_round"  # bumped after each upload, to empty the uploader
UPLOAD_MESSAGE_KEY = "doc_upload_message"


@st.cache_resource(show_spinner=False)
def _load(folder: str) -> tuple[list[Document], list[str]]:
    """Documents are parsed once per folder and shared read-only by every session."""
    result = load_documents(folder)
    return result.documents, result.problems


def documents() -> tuple[list[Document], list[str]]:
    """The documents of the configured folder, and a message for each file that was skipped."""
    return _load(str(seeds_dir()))


def session_documents() -> list[Document]:
    """Documents this session added while uploads are kept per session (never shared)."""
    return st.session_state.setdefault(uploads.SESSION_KEY, [])


def island_title(view: ViewState) -> str:
    """The island as the map names it: in the view's naming and the reader's script."""
    if view.island is None:
        return _("All four islands")
    return island_name(view.island, view.naming, view.lang)


def panel_heading(view: ViewState, span: Span) -> str:
    """'Sources: Shikotan, 1955–1957': the island and the years whose passages are shown."""
    if span.start == span.end:
        return _("Sources: {name}, {year}").format(name=island_title(view), year=span.start)
    return _("Sources: {name}, {start}–{end}").format(
        name=island_title(view), start=span.start, end=span.end
    )


def span_note(view: ViewState, span: Span) -> str:
    """Why these years: a window around the day, or the day's era when that was narrower or
    the windows had too few passages."""
    if span.kind == ERA:
        era = history.load().era_on(view.date).name.get(view.lang)
        return _(
            "Passages on the era “{era}” ({start}–{end}), the narrowest span around this day "
            "with enough of them."
        ).format(era=era, start=span.start, end=span.end)
    return _(
        "Passages on {start}–{end}: the years around this day, widened until at least two "
        "passages are found."
    ).format(start=span.start, end=span.end)


def empty_note(view: ViewState, selection: Selection) -> str:
    """'No document in the collection speaks of Shikotan in 1715–1765.', in the reader's
    language, for every year looked at."""
    start, end = selection.tried
    return _("No document in the collection speaks of {name} in {start}–{end}.").format(
        name=island_title(view), start=start, end=end
    )


# ---------------------------------------------------------------- choosing the excerpts


def lines_in_question(day: date, clicked_line: str | None = None) -> list[str]:
    """The boundary lines whose clause the panel shows first: a line clicked on the map, then
    the lines of the events of `day`'s year (1855: the Shimoda border), each once."""
    events = history.load().events_in(date(day.year, 1, 1), date(day.year, 12, 31))
    event_lines = [i for e in events for i in e.lines]
    return list(dict.fromkeys([*([clicked_line] if clicked_line else []), *event_lines]))


def find_excerpts(pool: list[Document], view: ViewState, query: str, everywhere: bool) -> Selection:
    """The span for the view's day and its excerpts; with a query, the search results in that
    span and island instead (or everywhere, with `everywhere`). A text once, a clause once."""
    selection = passages_for(pool, view.island, view.date, view.lang)
    if not query.strip():
        return selection
    island = None if everywhere else (view.island or "all")
    years = None if everywhere else selection.span.years
    found = search(pool, query, island_id=island, years=years)
    return replace(selection, excerpts=one_language(dedupe(found), view.lang), nearest=None)


def go_to(day: date) -> None:
    """on_click of the nearest-period button: the page moves to that day. The button is in the
    part of the page that a new day reruns alone; the map and the panels must follow too, so
    that part asks for the whole page (app.py)."""
    st.session_state.date = day.isoformat()
    st.session_state.rerun_page = True


def _language_names(docs: Sequence[Document]) -> str:
    return ", ".join(
        dict.fromkeys(LANGUAGES.get(d.language or "", d.language or "?") for d in docs)
    )


def block_words() -> BlockWords:
    """The panel's own words around the documents' text, in the reader's language."""
    return BlockWords(
        clause_heading=_("Primary source: the clause behind this line"),
        group=_("Speaks of the four islands as a group"),
        perspective=_("Perspective: {name}"),
        same_text_in=_("The same text in: {languages}"),
        languages=_language_names,
        untitled=_("Untitled document"),
        source=_("source"),
        perspective_name=perspective_name,
    )


def perspective_name(name: str) -> str:
    """A document's perspective in the reader's language: the seeds' perspectives are in the
    catalogs (scripts/extract_messages.py lists them); any other (an upload's own words)
    shows as written."""
    return data_text(name)


def clause_groups(clauses: Sequence[Document], lang: str) -> list[tuple[Document, list[Document]]]:
    """The clauses grouped by instrument (Shimoda Art. 2 in English, Japanese and Russian is one
    group, `clause_family`): each group's text in the reader's language first (else English),
    the others after; the excerpts below fold the versions of a clause the same way."""
    ordered = []
    for docs in clause_versions(clauses):
        first = next((d for want in (lang, "en") for d in docs if d.language == want), docs[0])
        ordered.append((first, [d for d in docs if d is not first]))
    return ordered


def panel_blocks(
    clauses: Sequence[Document], excerpts: Sequence[Excerpt], lang: str
) -> list[Block]:
    """The clauses behind the lines (a primary source each, its other languages folded under
    it), then the excerpts: one bordered box each."""
    words = block_words()
    return [
        *(clause_block(c, others, words) for c, others in clause_groups(clauses, lang)),
        *(excerpt_block(e, words) for e in excerpts),
    ]


def show_blocks(found: list[Block]) -> None:
    """Every box in one element (kuril_map.documents.excerpts.boxes_html, styled by
    ui/css/sources.css): a new day sends and draws one element, not one or more per excerpt,
    and it is drawn with the rest of the rerun (a component would draw after it)."""
    st.html(boxes_html(found))


# ---------------------------------------------------------------- adding a document


def _upload_key() -> str:
    return f"doc_upload_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}"


def _on_upload(key: str, loaded: list[Document], mode: str, folder: Path) -> None:
    """Check and keep the file just chosen; say what happened; empty the uploader."""
    chosen = st.session_state.get(key)
    if chosen is None:
        return
    try:
        added = uploads.add_upload(chosen.name, chosen.getvalue(), loaded, mode, folder)
    except uploads.UploadError as error:
        st.session_state[UPLOAD_MESSAGE_KEY] = ("error", str(error))
    else:
        if added.saved_to is None:
            session_documents().append(added.document)
        else:
            _load.clear()  # the folder changed: reload it on the next run
        st.session_state[UPLOAD_MESSAGE_KEY] = ("success", uploads.added_message(added))
    st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1


def show_upload(loaded: list[Document]) -> None:
    mode, folder = uploads.storage_mode(), seeds_dir()
    with st.expander(_("Add your own document (.txt or .md)")):
        st.caption(safe_markdown.escape_markdown(uploads.storage_note(mode, folder)))
        key = _upload_key()
        st.file_uploader(
            _("Document file"),
            type=["txt", "md"],
            key=key,
            on_change=_on_upload,
            args=(key, loaded, mode, folder),
            help=_("UTF-8 text, at most 1 MB; front matter is optional (see docs/DOCUMENTS.md)."),
        )
    message = st.session_state.pop(UPLOAD_MESSAGE_KEY, None)
    if message:
        level, text = message
        (st.success if level == "success" else st.error)(safe_markdown.escape_markdown(text))


# ---------------------------------------------------------------- the panel


def show_controls(pool: list[Document]) -> None:
    """Search box, 'everywhere' switch and perspective filter (values in session state)."""
    search_col, filter_col = st.columns([3, 2])
    search_col.text_input(
        _("Search the documents"),
        key=QUERY_KEY,
        placeholder=_("any language: Shikotan, 色丹, Шикотан…"),
    )
    search_col.checkbox(_("Search every island and era"), key=EVERYWHERE_KEY)
    filter_col.multiselect(
        _("Perspectives"),
        options=perspectives(pool),
        format_func=perspective_name,
        key=PERSPECTIVES_KEY,
        placeholder=_("All perspectives"),
    )


@dataclass(frozen=True)
class Slots:
    """Where the day's part of the panel goes: the Markdown download above the upload box, and
    the header, clauses and excerpts under it. Laid out by `layout` with the controls; filled
    by `show_day`, which a rerun for a new day (app.py's fragment) calls alone."""

    download: DeltaGenerator
    excerpts: DeltaGenerator


def layout(docs: list[Document]) -> Slots:
    """The parts that do not change with the day (search, perspectives, adding a document),
    with empty places between them for the parts that do."""
    everything = [*docs, *session_documents()]
    show_controls(everything)
    download = st.empty()
    show_upload(everything)
    return Slots(download=download, excerpts=st.container())


@dataclass(frozen=True)
class DayPanel:
    """What the panel shows for a view: the span of years, the clauses and excerpts found (as
    boxes), and what its Markdown download holds."""

    view: ViewState
    selection: Selection
    found: list[Excerpt]
    boxes: list[Block]
    heading: str
    searching: bool


def day_panel(view: ViewState, docs: list[Document], line_ids: Sequence[str] = ()) -> DayPanel:
    """The clauses behind `line_ids` (lines concerned by the year's events or a clicked line)
    first, then the excerpts, as the controls (in session state) ask."""
    pool = with_perspectives([*docs, *session_documents()], st.session_state.get(PERSPECTIVES_KEY))
    query = st.session_state.get(QUERY_KEY) or ""
    selection = find_excerpts(pool, view, query, bool(st.session_state.get(EVERYWHERE_KEY)))
    # The perspective filter applies to the clauses too; only those signed by the day count.
    clauses = clauses_on(clauses_for_lines(pool, line_ids), view.date)
    clause_ids = {d.id for d in clauses}
    found = [e for e in selection.excerpts if not clause_ids & _shown_documents(e)]
    searching = query.strip()
    heading = panel_heading(view, selection.span) + (f" — search: {searching}" if searching else "")
    return DayPanel(
        view=view,
        selection=selection,
        found=found,
        boxes=panel_blocks(clauses, found, view.lang),
        heading=heading,
        searching=bool(searching),
    )


def show_day(shown: DayPanel, problems: list[str], slots: Slots) -> None:
    """The day's part of the panel, where `layout` left room for it: the header, the span of
    years, the clauses and excerpts, or a plain note when there are none."""
    view, selection, span = shown.view, shown.selection, shown.selection.span
    with slots.excerpts:
        st.header(panel_heading(view, span))
        if selection.excerpts:
            st.caption(safe_markdown.escape_markdown(span_note(view, span)))
        for problem in problems:
            st.warning(safe_markdown.escape_markdown(problem))
        if shown.boxes:
            show_blocks(shown.boxes)
        if not selection.excerpts:  # (excerpts all shown as clauses above need no note)
            show_empty(view, selection, shown.searching)


def show_download(shown: DayPanel, slots: Slots) -> None:
    """The Markdown download of the day's excerpts, above the upload box."""
    view, span = shown.view, shown.selection.span
    found, heading = shown.found, shown.heading

    def handout() -> str:
        # Built on click, not on each run, in another thread than the page's: in its language.
        with language(view.lang):
            group = _("Speaks of the four islands as a group")
            nothing = _("No passage found.")
            return excerpts_markdown(found, heading, group, perspective_name, nothing)

    slots.download.download_button(
        _("Download excerpts (Markdown)"),
        data=handout,
        on_click="ignore",
        file_name=f"kuril-excerpts-{view.island or 'all'}-{span.start}-{span.end}.md",
        mime="text/markdown",
    )


def show(
    view: ViewState,
    docs: list[Document],
    problems: list[str],
    line_ids: Sequence[str] = (),
) -> None:
    """The whole panel in one go: controls, the day's clauses and excerpts, the upload box."""
    slots = layout(docs)
    shown = day_panel(view, docs, line_ids)
    show_download(shown, slots)
    show_day(shown, problems, slots)


def _shown_documents(excerpt: Excerpt) -> set[str]:
    """Ids of every document an excerpt block shows: its sources and its other languages."""
    return {d.id for d in excerpt.all_sources} | {t.document.id for t in excerpt.translations}


def show_empty(view: ViewState, selection: Selection, searching: bool) -> None:
    """Why the panel is empty, and a way to the nearest day that has passages."""
    if searching:
        st.info(_("No passage here contains all of these words."))
        return
    st.info(safe_markdown.escape_markdown(empty_note(view, selection)))
    if selection.nearest is not None:
        shown = history.display_date(selection.nearest, "day", view.lang)
        st.button(
            _("Go to {date}, the nearest day with passages").format(date=shown),
            key="doc_nearest",
            on_click=go_to,
            args=(selection.nearest,),
        )
