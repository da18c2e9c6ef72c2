"""Links carry the view; odd values fall back to defaults with a notice, never an error."""

from __future__ import annotations

import pytest

from kuril_map.state import DEFAULT_YEAR, ViewState, from_query, to_query


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
