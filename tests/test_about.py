"""The history's "data as of" date and the report-an-error link: the same in the app's sidebar
and the atlas, in three languages, and only ever an http(s) link."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kuril_map import about, history
from kuril_map.atlas import contents
from kuril_map.ui import about_box
from tests.apptest_helpers import run_checked

APP = str(Path(__file__).resolve().parents[1] / "app.py")
ENV = history.REPORT_URL_ENV


@pytest.fixture(autouse=True)
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)


def as_of_day(lang: str) -> str:
    h = history.load()
    return history.display_date(h.data_as_of, "day", lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "Data as of"), ("ja", "時点のもの"), ("ru", "Данные по состоянию на")],
)
def test_the_date_line_in_each_language(lang: str, words: str) -> None:
    info = about.about(lang=lang)
    assert words in info.as_of and as_of_day(lang) in info.as_of
    assert info.report_label
    assert (lang == "en") == (info.report_label == "Report an error")


def test_no_link_unless_one_is_configured() -> None:
    assert history.load().report_url == ""  # data/history/about.toml sets none
    assert about.report_url() == ""
    assert "](" not in about_box.about_markdown("en")


def test_the_environment_sets_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "https://example.org/report?about=kuril map")
    assert about.report_url() == "https://example.org/report?about=kuril%20map"
    md = about_box.about_markdown("ru")
    assert md.endswith("[Сообщить об ошибке](https://example.org/report?about=kuril%20map)")


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "example.org/report", "ftp://x.org/"])
def test_only_a_web_address_becomes_a_link(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv(ENV, bad)
    assert about.report_url() == ""
    assert "](" not in about_box.about_markdown("en")


def test_a_link_cannot_break_out_of_its_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "https://example.org/a)[b](https://evil.example/")
    md = about_box.about_markdown("en")
    assert md.count("](") == 1 and "%29%5Bb%5D%28" in md


def test_the_atlas_carries_the_same_words_and_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "https://example.org/report")
    data = contents.atlas_contents([])
    assert data["reportUrl"] == "https://example.org/report"
    assert data["asOf"] == history.load().data_as_of.isoformat()
    for lang in ("en", "ja", "ru"):
        words = data["words"][lang]
        assert "{date}" in words["asOf"]
        with_day = words["asOf"].format(date=as_of_day(lang))
        assert with_day == about.about(lang=lang).as_of
        assert words["report"] == about.about(lang=lang).report_label


def sidebar_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.sidebar.markdown)


def test_the_sidebar_shows_the_date_and_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_checked(AppTest.from_file(APP, default_timeout=60))
    assert as_of_day("en") in sidebar_text(at) and "Report an error" not in sidebar_text(at)
    monkeypatch.setenv(ENV, "https://example.org/report")
    at.radio(key="lang_choice").set_value("ja").run()
    assert not at.exception
    text = sidebar_text(at)
    assert as_of_day("ja") in text
    assert "[誤りを報告する](https://example.org/report)" in text
