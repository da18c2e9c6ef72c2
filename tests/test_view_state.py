"""Links carry the view; odd values fall back to defaults with a notice, never an error."""

from __future__ import annotations

from datetime import date

import pytest

from kuril_map import history
from kuril_map.view_state import (
    DEFAULT_DATE,
    DEFAULT_YEAR,
    ViewState,
    from_query,
    to_query,
    year_end,
)


def end_of(year: int) -> date:
    return date(year, 12, 31)


def test_round_trip() -> None:
    view = ViewState(date(1946, 2, 2), island="shikotan")
    assert from_query(to_query(view)) == (view, [])


def test_empty_query_gives_defaults() -> None:
    assert from_query({}) == (ViewState(DEFAULT_DATE, None), [])


def test_the_link_carries_date_and_year() -> None:
    query = to_query(ViewState(date(1945, 8, 28)))
    assert (query["date"], query["year"]) == ("1945-08-28", "1945")


def test_a_year_alone_means_that_year_as_it_ended() -> None:
    assert from_query({"year": "1945"})[0].date == end_of(1945)
    this_year = history.load().end
    assert from_query({"year": str(this_year.year)})[0].date == this_year
    assert year_end(this_year.year) == this_year


def test_a_date_wins_over_a_year() -> None:
    view, notices = from_query({"date": "1945-09-01", "year": "1990"})
    assert view.date == date(1945, 9, 1) and notices == []


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1500-01-01", "outside"),
        ("2999-01-01", "outside"),
        ("1945-02-30", "not a date"),
        ("soon", "not a date"),
    ],
)
def test_bad_date_falls_back_with_notice(raw: str, fragment: str) -> None:
    view, notices = from_query({"date": raw})
    assert view.date == DEFAULT_DATE
    assert len(notices) == 1 and fragment in notices[0]


def test_bad_date_with_a_good_year_keeps_the_year() -> None:
    view, notices = from_query({"date": "nonsense", "year": "1956"})
    assert view.date == end_of(1956) and len(notices) == 1


@pytest.mark.parametrize("name", ["Iturup", "ETOROFU", "択捉島", "Итуруп", "etorofu"])
def test_island_in_any_name_form(name: str) -> None:
    view, notices = from_query({"island": name, "year": "1900"})
    assert view == ViewState(end_of(1900), "etorofu")
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
    assert view == ViewState(end_of(1956), None)
    assert "Atlantis" in notices[0]


def test_repeated_parameter_uses_first_value() -> None:
    view, _ = from_query({"year": ["1875", "1905"], "island": ["kunashir"]})
    assert view == ViewState(end_of(1875), "kunashiri")


def test_full_view_round_trip() -> None:
    view = ViewState(
        date(1875, 8, 22),
        "habomai",
        naming="ainu",
        lang="ru",
        layout="presentation",
        compare=1946,
        scope="region",
    )
    assert from_query(to_query(view)) == (view, [])


def test_no_compare_means_no_compare_parameter() -> None:
    assert "compare" not in to_query(ViewState(end_of(1900)))


@pytest.mark.parametrize(
    ("key", "raw", "field", "default"),
    [
        ("naming", "klingon", "naming", "both"),
        ("lang", "fr", "lang", "en"),
        ("layout", "huge", "layout", "standard"),
        ("compare", "1200", "compare", None),
        ("compare", "soon", "compare", None),
        ("scope", "galaxy", "scope", "islands"),
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
    end = history.load().end.year
    assert notices[0] == (
        f"リンクの年 1500 は年表の範囲（1644〜{end}年）外のため無視しました。"
        "1855年を表示しています。"
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
        'Ignored naming "x" in the link (use both, ja, ru, ainu). Showing names in both languages.',
        'Ignored language "fr" in the link (use en, ja, ru). Showing English.',
    ]


def test_a_long_ignored_value_is_cut_short_in_the_notice() -> None:
    _view, notices = from_query({"island": "x" * 500})
    assert "x" * 39 + "…" in notices[0] and "x" * 41 not in notices[0]
