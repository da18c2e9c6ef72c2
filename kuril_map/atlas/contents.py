"""What the atlas knows besides the map's shapes and time bundle: the cited excerpts of every
island × era, the clause behind each line, the island cards, and the atlas's own words, each
in English, Japanese and Russian.

Everything here is data (plain JSON values): the page (``atlas.js``) turns it into text nodes,
never into HTML. Numbers are formatted in Python, as the app's island card formats them, so the
atlas and the app print the same figures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from kuril_map import about, history, island_facts
from kuril_map.atlas.excerpt_table import (
    MAX_PASSAGES_PER_CELL,
    ExcerptTable,
    excerpt_table,
    is_public_domain,
    shorten,
)
from kuril_map.documents import Document, clauses_for_lines
from kuril_map.documents.loading import clause_versions
from kuril_map.i18n import LANGUAGES, _, in_languages
from kuril_map.islands import ISLAND_IDS
from kuril_map.map.measure import measure_labels
from kuril_map.names import NAMING_MODES, naming_mode_label
from kuril_map.summaries import time_control_words
from kuril_map.view_state import DEFAULT_DATE

LANGS = tuple(LANGUAGES)
NAME_KEYS = ("ja", "ja_latn", "ru", "ru_latn", "ainu")


# --------------------------------------------------------------------------- words


def atlas_words() -> dict[str, str]:
    """The atlas page's own words in the current language (the panels' come with the bundle)."""
    return {
        "title": _("The four islands between Japan and Russia: an atlas by date"),
        "dateEra": _("{date} · {era}"),
        "language": _("Language"),
        "naming": _("Place names"),
        "island": _("Island"),
        "allIslands": _("All four islands"),
        "clickHint": _("Or click an island on the map."),
        "print": _("Print"),
        "islandCard": _("Island card"),
        "source": _("Source"),
        "clauses": _("The clauses behind the lines on the map"),
        "clauseHeading": _("Primary source: the clause behind this line"),
        "sameTextIn": _("The same text in: {languages}"),
        "sourcesHeading": _("Sources: {name}, {start}–{end}"),
        "perspective": _("Perspective: {name}"),
        "noPassage": _("No passage in the documents speaks of this island in this era."),
        "shortened": _("Shortened: a quoted excerpt of a text under copyright."),
        "ignored": _("Not understood in the address, so left at the default: {items}"),
        "offline": _(
            "This atlas is one file: it opens from a USB stick or any web server and needs no "
            "internet."
        ),
        # The same words as the app's sidebar (kuril_map.about).
        "asOf": _("Data as of {date}."),
        "report": _("Report an error"),
        "credits": _(
            "Coastlines processed from National Land Numerical Information (MLIT, Japan); "
            "surrounding land and lines from Natural Earth; the map is drawn with Leaflet."
        ),
    }


def name_row_words() -> dict[str, str]:
    return {
        "ja": _("Japanese"),
        "ja_latn": _("Japanese romanisation"),
        "ru": _("Russian"),
        "ru_latn": _("Russian romanisation"),
        "ainu": _("Ainu"),
    }


def naming_words() -> dict[str, str]:
    return {mode: naming_mode_label(mode) for mode in NAMING_MODES}


# --------------------------------------------------------------------------- island cards


def _figure_row(figure: island_facts.Figure, note: dict[str, str] | None = None) -> dict:
    """A figure's caption and value in each language, with its source (kept as published)."""
    return {
        "label": in_languages(lambda: _(figure.label)),
        "value": in_languages(figure.formatted),
        "kind": figure.kind,
        "source": in_languages(lambda: _(figure.source)),
        "url": figure.url,
        "note": note,
    }


def _history_figure(fig: history.Figure, caption: Callable[[], str]) -> dict[str, Any]:
    """A dated figure of the history (present population), with its first source; `caption`
    gives the label in the current language, with a {year} to fill."""
    h = history.load()
    ref = fig.sources[0]
    source = h.source(ref.ref)
    shown = island_facts.Figure("", float(fig.value), "people", "official", "", source.url)
    row = _figure_row(shown, fig.note and {lang: fig.note.get(lang) for lang in LANGS})
    row["label"] = in_languages(lambda: caption().format(year=fig.date[:4]))
    cited = f"{source.publisher}: {source.title} ({ref.where})"  # as published, in every language
    row["source"] = dict.fromkeys(LANGS, cited)
    return row


def latest_figure(island: str, what: str) -> history.Figure | None:
    """The newest figure of a kind after 1945 (the present population), or None."""
    found = [f for f in history.load().figures(island) if f.what == what and f.day.year > 1945]
    return max(found, key=lambda f: f.day, default=None)


def present_population_rows(island: str) -> list[dict[str, Any]]:
    """The newest population of the island, and of its district where only that is counted."""
    rows = []
    island_only = latest_figure(island, "population")
    if island_only is not None:
        rows.append(_history_figure(island_only, lambda: _("Population in {year}")))
    district = latest_figure(island, "district_population")
    if district is not None:
        caption = lambda: _("Population of the district in {year}")  # noqa: E731
        rows.append(_history_figure(district, caption))
    return rows


def island_card(island: str) -> dict[str, Any]:
    """Names in every script, then area, share, distances, 1945 and present population."""
    card = island_facts.island_card(island)
    return {
        "names": {key: card.names.get(key) for key in NAME_KEYS if card.names.get(key)},
        "rows": [_figure_row(f) for f in card.figures()] + present_population_rows(island),
        "notes": [in_languages(lambda note=note: _(note)) for note in card.notes],
    }


def island_cards() -> dict[str, Any]:
    """A card per island, and for all four the Shikotan + Habomai share (as the app shows)."""
    cards = {island: island_card(island) for island in ISLAND_IDS}
    shares = island_facts.small_two_share_figures()
    cards["all"] = {"names": {}, "rows": [_figure_row(f) for f in shares], "notes": []}
    return cards


# --------------------------------------------------------------------------- clauses


def clause_text(doc: Document) -> str:
    """A clause in full when it is in the public domain (treaties are), else its first short
    passages only, as for any excerpt."""
    if is_public_domain(doc):
        return "\n\n".join(p.text for p in doc.passages)
    return "\n\n".join(shorten(p.text) for p in doc.passages[:MAX_PASSAGES_PER_CELL])


def line_clauses(documents: list[Document], table: ExcerptTable) -> dict[str, Any]:
    """For each line of the history, its clause groups (document indices in `table`), and the
    text of each clause once."""
    texts: dict[str, str] = {}
    lines: dict[str, list[list[int]]] = {}
    for line in history.load().lines:
        groups = clause_versions(clauses_for_lines(documents, [line.id]))
        if not groups:
            continue
        lines[line.id] = [[table.document(doc) for doc in group] for group in groups]
        for group in groups:
            for doc in group:
                texts[str(table.document(doc))] = clause_text(doc)
    return {"lines": lines, "texts": texts}


# --------------------------------------------------------------------------- everything


def atlas_contents(documents: list[Document], built: date | None = None) -> dict[str, Any]:
    """The atlas's own data: one JSON value (the map's shapes and time bundle come apart)."""
    table = excerpt_table(documents)
    clauses = line_clauses(documents, table)
    h = history.load()
    return {
        "built": (built or date.today()).isoformat(),
        "asOf": h.data_as_of.isoformat(),
        "reportUrl": about.report_url(h),
        "defaultDate": DEFAULT_DATE.isoformat(),
        "islands": list(ISLAND_IDS),
        "languages": dict(LANGUAGES),
        "namingModes": list(NAMING_MODES),
        "words": in_languages(atlas_words),
        "control": in_languages(time_control_words),
        "measure": in_languages(measure_labels),
        "nameRows": in_languages(name_row_words),
        "namings": in_languages(naming_words),
        "cards": island_cards(),
        "clauses": clauses,
        **table.as_json(),
    }
