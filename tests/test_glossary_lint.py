"""The glossary lint with the real rules of data/history/glossary.toml: in each language a
loaded word outside an attribution fails, the same word attributed to its holder passes."""

from __future__ import annotations

import pytest

from kuril_map.history_build import LintRules, Report, lint_text, read_lint_rules
from kuril_map.paths import ROOT

GLOSSARY = ROOT / "data" / "history" / "glossary.toml"


@pytest.fixture(scope="module")
def rules() -> dict[str, LintRules]:
    report = Report(ROOT)
    found = read_lint_rules(GLOSSARY, report)
    assert not report.errors, report.errors
    return found


def levels(text: dict[str, str], rules: dict[str, LintRules]) -> list[str]:
    return [level for level, _ in lint_text(text, rules)]


UNATTRIBUTED = [
    ("en", "Soviet forces illegally occupied the Northern Territories in 1945."),
    ("en", "The liberation of the islands ended the war."),
    ("en", "The islands are an inherent territory of Japan."),
    ("en", "Talks on the return of the islands resumed."),
    ("ja", "ソ連は1945年に北方領土を不法占拠した。"),
    ("ja", "四島は日本固有の領土である。"),
    ("ja", "四島の返還交渉が再開された。"),
    ("ru", "В 1945 году произошло освобождение Курил."),
    ("ru", "Япония претендует на Южные Курилы."),
    ("ru", "Это незаконная оккупация островов."),
]

ATTRIBUTED = [
    ("en", "Japan holds that the USSR illegally occupied the Northern Territories in 1945."),
    ("en", "The USSR called the landings the liberation of the islands."),
    ("en", "Soviet forces landed on what Japan calls the Northern Territories."),
    ("ja", "日本は、ソ連が北方領土を不法占拠したとの立場をとる。"),
    ("ja", "日本政府は四島を日本固有の領土と主張している。"),
    ("ru", "СССР считал высадку освобождением Курил."),
    ("ru", "Россия называет эти острова Южными Курилами."),
    ("ru", "Япония считает, что это незаконная оккупация островов."),
]


@pytest.mark.parametrize(("lang", "sentence"), UNATTRIBUTED)
def test_loaded_word_without_attribution_fails(lang, sentence, rules) -> None:
    found = lint_text({lang: sentence}, rules)
    assert [level for level, _ in found][:1] == ["error"], found
    assert found[0][1].startswith(f"{lang}: loaded word")


@pytest.mark.parametrize(("lang", "sentence"), ATTRIBUTED)
def test_loaded_word_with_attribution_passes(lang, sentence, rules) -> None:
    assert lint_text({lang: sentence}, rules) == []


def test_attribution_counts_only_in_its_own_sentence(rules) -> None:
    text = "Japan holds that the islands are Japanese. The Northern Territories were taken."
    assert levels({"en": text}, rules) == ["error"]
    ja = "日本は四島が日本領であるとの立場をとる。北方領土は占拠された。"
    assert "error" in levels({"ja": ja}, rules)


def test_caution_words_warn(rules) -> None:
    assert levels({"en": "Soviet forces occupied the islands."}, rules) == ["warning"]
    assert levels({"ja": "ソ連軍が島を占領した。"}, rules) == ["warning"]
    assert levels({"ru": "Советские войска оккупировали острова."}, rules) == ["warning"]


def test_neutral_phrases_and_proper_names_pass(rules) -> None:
    assert lint_text({"en": "The Allied occupation of Japan ended in 1952."}, rules) == []
    assert lint_text({"ja": "連合国の占領当局が指令を出した。"}, rules) == []
    assert lint_text({"ru": "Остров входит в Южно-Курильский район."}, rules) == []
    assert lint_text({"ru": "Головнина освободили в 1813 году."}, rules) == []


def test_every_language_has_rules(rules) -> None:
    assert set(rules) == {"en", "ja", "ru"}
    for lang, r in rules.items():
        assert r.loaded and r.markers, lang
