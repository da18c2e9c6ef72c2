"""Links carry the view; odd values fall back to defaults with a notice, never an error."""

from __future__ import annotations

import pytest

from kuril_map import stops, summaries
from kuril_map.view_state import DEFAULT_YEAR, ViewState, from_query, to_query


def test_round_trip() -> None:
    view = ViewState(year=1946, island="shikotan")
    assert from_query(to_query(view)) == (view, [])


def test_empty_query_gives_defaults() -> None:
    assert from_query({}) == (ViewState(DEFAULT_YEAR, None), [])


@pytest.mark.parametrize("name", ["Iturup", "ETOROFU", "択捉島", "Итуруп", "etorofu"])
def test_island_in_any_name_form(name: str) -> None:
    view, notices = from_query({"island": name, "year": "1900"})
    assert view == ViewState(1900, "etorofu")
    assert notices == []


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("1500", "outside"), ("2999", "outside"), ("abc", "not a year"), ("19.5", "not a year")],
)
def test_bad_year_falls_back_with_notice(raw: str, fragment: str) -> None:
    view, notices = from_query({"year": raw})
    assert view.year == DEFAULT_YEAR
    assert len(notices) == 1
    assert fragment in notices[0]


def test_unknown_island_falls_back_with_notice() -> None:
    view, notices = from_query({"island": "Atlantis", "year": "1956"})
    assert view == ViewState(1956, None)
    assert "Atlantis" in notices[0]


def test_repeated_parameter_uses_first_value() -> None:
    view, _ = from_query({"year": ["1875", "1905"], "island": ["kunashir"]})
    assert view == ViewState(1875, "kunashiri")


def test_full_view_round_trip() -> None:
    view = ViewState(1875, "habomai", naming="ja", lang="ru", layout="presentation", compare=1946)
    assert from_query(to_query(view)) == (view, [])


def test_no_compare_means_no_compare_parameter() -> None:
    assert "compare" not in to_query(ViewState(1900))


@pytest.mark.parametrize(
    ("key", "raw", "field", "default"),
    [
        ("naming", "klingon", "naming", "both"),
        ("lang", "fr", "lang", "en"),
        ("layout", "huge", "layout", "standard"),
        ("compare", "1200", "compare", None),
        ("compare", "soon", "compare", None),
    ],
)
def test_bad_settings_fall_back_with_notice(key: str, raw: str, field: str, default) -> None:
    view, notices = from_query({"year": "1905", key: raw})
    assert getattr(view, field) == default
    assert view.year == 1905
    assert len(notices) == 1 and raw in notices[0]


def test_settings_are_case_insensitive() -> None:
    view, notices = from_query({"naming": "RU", "lang": "JA", "layout": "Presentation"})
    assert (view.naming, view.lang, view.layout) == ("ru", "ja", "presentation")
    assert notices == []


def test_notices_are_in_the_language_the_link_asks_for() -> None:
    from kuril_map import i18n

    link = {"lang": "ja", "year": "1500", "island": "Atlantis", "layout": "huge"}
    view, notices = from_query(link)
    assert view.lang == "ja" and view.year == DEFAULT_YEAR
    assert notices[0] == (
        "リンクの年 1500 は年表の範囲（1644〜2026年）外のため無視しました。1855年を表示しています。"
    )
    assert notices[1].startswith("リンクの島「Atlantis」は")
    assert "「huge」" in notices[2] and "standard, presentation" in notices[2]
    _view, ru = from_query({**link, "lang": "ru"})
    assert (
        ru[1]
        == "Остров «Atlantis» из ссылки не учтён: это не один из четырёх. Показаны все четыре."
    )
    # The caller's language is left alone (view_state.py is used outside Streamlit too).
    assert i18n.current_language() == "en"


def test_a_bad_language_gives_an_english_notice_whatever_the_current_language() -> None:
    from kuril_map import i18n

    i18n.set_language("ru")
    try:
        view, notices = from_query({"lang": "fr", "naming": "x"})
        assert i18n.current_language() == "ru"
    finally:
        i18n.set_language("en")
    assert view.lang == "en"
    assert notices == [
        'Ignored naming "x" in the link (use both, ja, ru). Showing names in both languages.',
        'Ignored language "fr" in the link (use en, ja, ru). Showing English.',
    ]


def test_a_long_ignored_value_is_cut_short_in_the_notice() -> None:
    _view, notices = from_query({"island": "x" * 500})
    assert "x" * 39 + "…" in notices[0] and "x" * 41 not in notices[0]


# --------------------------------------------------------------------------- what the view says


def test_map_in_words_names_year_era_each_island_and_lines() -> None:

    lines = summaries.map_summary(1946)
    assert lines[0].startswith("Map for 1946, era: ")
    assert "Shikotan: administered by Soviet Union (USSR); also claimed by Japan." in lines
    assert lines[-1].startswith("Lines in force: ") and "1945 onwards" in lines[-1]
    assert len(lines) == 6  # year, four islands, lines


def test_map_in_words_follows_the_naming_mode() -> None:

    assert "Iturup: administered by Japan." in summaries.map_summary(1875, "ru")
    assert "Etorofu: administered by Japan." in summaries.map_summary(1875, "ja")


def test_differences_between_two_years() -> None:

    assert summaries.differences(1875, 1880) == []
    changes = summaries.differences(1875, 1946)
    assert len(changes) == 4
    assert changes[0].endswith(
        "Japan in 1875, Soviet Union (USSR) in 1946 (also claimed by Japan)."
    )


def test_play_steps_event_by_event_and_stops_at_the_end() -> None:
    from kuril_map import timeline

    years = timeline.event_years()
    assert stops.play_step(years[0]) == (years[1], True)
    assert stops.play_step(years[-2]) == (years[-1], False)
    assert stops.play_step(years[-1]) == (years[-1], False)
