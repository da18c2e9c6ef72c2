"""Issue 9's history points, pinned as facts of the real data.

Each test reads both the committed data/history.json and a fresh build of data/history/*.toml
(the `h` and `doc` fixtures run twice), so a wrong TOML edit and a hand edit of the JSON are
both caught. The dates are the ones the cited sources give; where a test checks that a day is
sourced, it looks for that day in the quotes of the statement's own sources.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from kuril_map import history, names
from kuril_map.history_build import (
    HistoryError,
    Paths,
    Report,
    build,
    lint_text,
    read_lint_rules,
    render,
)
from kuril_map.paths import ROOT

FOUR = ("etorofu", "kunashiri", "shikotan", "habomai")
LANGS = ("en", "ja", "ru")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@pytest.fixture(scope="module")
def built_doc() -> dict[str, Any]:
    """data/history/*.toml built now, as the JSON the app would read."""
    return json.loads(render(build(Paths.of_repo(ROOT)).document))


@pytest.fixture(scope="module")
def committed_doc() -> dict[str, Any]:
    return json.loads(history.HISTORY_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["committed json", "toml build"])
def doc(request: pytest.FixtureRequest, built_doc: dict, committed_doc: dict) -> dict:
    return committed_doc if request.param == "committed json" else built_doc


@pytest.fixture(scope="module")
def h(doc: dict[str, Any]) -> history.History:
    return history.History(doc)


def day(text: str) -> date:
    return date.fromisoformat(text)


def quotes(refs: Iterator[history.SourceRef] | tuple[history.SourceRef, ...]) -> str:
    return "\n".join(r.quote or "" for r in refs)


def day_forms(d: date) -> tuple[str, ...]:
    """The ways the sources write a day: 'August 28', '28 August', '8月28日', '28 августа'."""
    month = EN_MONTHS[d.month - 1]
    ru = history.RU_MONTHS_GENITIVE[d.month - 1]
    return (f"{month} {d.day}", f"{d.day} {month}", f"{d.month}月{d.day}日", f"{d.day} {ru}")


def sourced(d: date, refs: tuple[history.SourceRef, ...]) -> bool:
    text = quotes(refs)
    return any(form in text for form in day_forms(d))


def texts_of(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, str]]]:
    """Every {en, ja, ru} text a reader sees, with where it is (source quotes excluded)."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, dict[str, str]]]:
        if isinstance(value, dict):
            if set(value) == set(LANGS):
                yield where, value
                return
            for key, item in value.items():
                if key not in ("sources", "legend"):
                    yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, f"{where}[{i}]")

    yield from walk(doc, "")


# --- 1945, day by day -----------------------------------------------------------------------------

# (territory, first day under Soviet administration) as the control periods' sources date it.
SOVIET_FROM = {
    "sakhalin_south": date(1945, 8, 25),
    "shumshu": date(1945, 8, 23),  # landed 18 Aug; surrendered 22 Aug, disarmed 23 Aug
    "etorofu": date(1945, 8, 28),
    "kunashiri": date(1945, 9, 1),
    "shikotan": date(1945, 9, 1),
    "habomai": date(1945, 9, 5),  # landings from 3 Sep; all four taken by 5 Sep
}


def test_yalta_in_february_1945_shows_japan_administering(h: history.History) -> None:
    """The Yalta stop is dated 11 Feb 1945 and shows the islands as Japan's, not the USSR's."""
    yalta = h.event("yalta_agreement_1945")
    assert (yalta.start, yalta.precision) == (date(1945, 2, 11), "day")
    assert yalta.id in [e.id for e in h.stops()]
    for t in (*FOUR, "shumshu", "sakhalin_south"):
        assert h.status(t, yalta.start).administered_by == "japan", t


@pytest.mark.parametrize(("territory", "soviet_from"), sorted(SOVIET_FROM.items()))
def test_each_territory_changes_on_its_own_day(
    h: history.History, territory: str, soviet_from: date
) -> None:
    before = h.status(territory, soviet_from - timedelta(days=1))
    after = h.status(territory, soviet_from)
    assert before.administered_by == "japan"
    assert after.administered_by == "ussr"
    assert (after.since, after.since_precision) == (soviet_from, "day")
    assert sourced(soviet_from, after.sources), f"{soviet_from} is not in the period's quotes"
    handovers = [
        c.day
        for c in h.changes(territory, 1945)
        if (c.before.administered_by, c.after.administered_by) == ("japan", "ussr")
    ]
    assert handovers == [soviet_from]


@pytest.mark.parametrize(
    ("event_id", "start", "end", "territories"),
    [
        ("shumshu_landing_1945", "1945-08-18", "1945-08-18", ("shumshu",)),
        ("etorofu_landing_1945", "1945-08-28", "1945-08-28", ("etorofu",)),
        ("kunashiri_shikotan_landings_1945", "1945-09-01", "1945-09-01", ("kunashiri", "shikotan")),
        ("habomai_landings_1945", "1945-09-03", "1945-09-05", ("habomai",)),
    ],
)
def test_the_landings_are_stops_on_their_own_days(
    h: history.History, event_id: str, start: str, end: str, territories: tuple[str, ...]
) -> None:
    e = h.event(event_id)
    assert (e.start, e.end, e.precision) == (day(start), day(end), "day")
    assert e.territories == territories
    assert sourced(e.start, e.sources), f"{e.start} is not in the event's quotes"
    assert e in h.stops()


def test_the_landings_take_the_islands_one_by_one(h: history.History) -> None:
    """Between 28 Aug and 5 Sep 1945 the four islands are split between Japan and the USSR."""
    on = {d: {t: h.status(t, day(d)).administered_by for t in FOUR} for d in SOVIET_FROM_DAYS}
    assert on["1945-08-27"] == dict.fromkeys(FOUR, "japan")
    assert on["1945-08-28"] == {**dict.fromkeys(FOUR, "japan"), "etorofu": "ussr"}
    assert on["1945-09-01"] == {**dict.fromkeys(FOUR, "ussr"), "habomai": "japan"}
    assert on["1945-09-05"] == dict.fromkeys(FOUR, "ussr")


SOVIET_FROM_DAYS = ("1945-08-27", "1945-08-28", "1945-09-01", "1945-09-05")


def test_the_year_view_is_the_state_on_31_december(h: history.History) -> None:
    for t in FOUR:
        s = h.status_in_year(t, 1945)
        assert (s.day, s.administered_by) == (date(1945, 12, 31), "ussr")
    assert [c.day for c in h.changes("etorofu", 1945)] == [date(1945, 8, 28)]


def test_the_surrender_did_not_end_the_soviet_japanese_war(h: history.History) -> None:
    surrender = h.event("japan_surrender_1945")
    assert surrender.start == date(1945, 9, 2)
    assert "did not end the state of war" in surrender.text.en
    in_force = h.event("joint_declaration_in_force_1956")
    assert in_force.start == date(1956, 12, 12) and "state of war" in in_force.text.en
    assert not any("ended the war" in t["en"] for _, t in texts_of_history(h))


def texts_of_history(h: history.History) -> Iterator[tuple[str, dict[str, str]]]:
    for e in h.events:
        yield e.id, {"en": e.text.en}
    for era in h.eras:
        yield era.id, {"en": era.summary.en}


# --- 1991: the USSR until 25 December, then Russia ------------------------------------------------


def test_the_ussr_administers_until_25_december_1991_then_russia(h: history.History) -> None:
    assert h.states["ussr"].end == date(1991, 12, 25)
    assert h.states["russia"].start == date(1991, 12, 26)
    soviet = [t for t in h.territories if h.status(t, date(1991, 12, 25)).administered_by == "ussr"]
    assert set(FOUR) | {"shumshu", "urup", "sakhalin_south", "kamchatka"} <= set(soviet)
    for t in soviet:
        assert h.status(t, date(1991, 4, 18)).administered_by == "ussr", t  # Gorbachev's visit
        assert h.status(t, date(1991, 12, 26)).administered_by == "russia", t
        assert h.status_in_year(t, 1991).administered_by == "russia", t
    for t in h.territories:
        for p in h.periods(t):
            if p.administered_by == "ussr":
                assert p.end is not None and p.end <= date(1991, 12, 25), (t, p.start)


# --- Japan's claims and positions, as held at each date -------------------------------------------


@pytest.mark.parametrize("d", ["1945-09-05", "1946-02-02", "1950-06-30", "1951-09-06"])
def test_no_japanese_claim_is_projected_back_to_1945(h: history.History, d: str) -> None:
    held = [c for c in h.claims if c.start <= day(d) and (c.end is None or day(d) <= c.end)]
    assert not [c for c in held if c.state == "japan" and set(c.territories) & set(FOUR)]
    for t in FOUR:
        assert h.status(t, day(d)).claimed_by == (), (t, d)
        assert not [p for p in h.positions_on(day(d), t) if p.holder == "japan"], (t, d)
    assert not [x.id for x in h.lines_in_force(day(d)) if x.kind == "claim"]


def test_japans_claims_start_when_its_sources_date_them(h: history.History) -> None:
    # Shikotan and the Habomai: Yoshida at San Francisco, 7 Sep 1951.
    for t in ("shikotan", "habomai"):
        assert "japan" not in h.status(t, date(1951, 9, 6)).claimed_by
        assert "japan" in h.status(t, date(1951, 9, 7)).claimed_by
    # Etorofu and Kunashiri: not on the day Nishimura told the Diet the renounced Kurils
    # included them (19 Oct 1951); claimed in the London talks from August 1955.
    for t in ("etorofu", "kunashiri"):
        assert "japan" not in h.status(t, date(1951, 10, 19)).claimed_by
        assert "japan" not in h.status(t, date(1955, 7, 31)).claimed_by
        assert "japan" in h.status(t, date(1955, 8, 31)).claimed_by
    # All four from the government's unified view of 11 Feb 1956, to this day.
    four_island_claims = [
        c for c in h.claims if c.state == "japan" and set(FOUR) <= set(c.territories)
    ]
    assert [(c.start, c.end) for c in four_island_claims] == [(date(1956, 2, 11), None)]
    for t in FOUR:
        assert "japan" in h.status(t, h.end).claimed_by
    nishimura = h.event("nishimura_diet_answer_1951")
    assert nishimura.start == date(1951, 10, 19) and "Nishimura" in nishimura.text.en


def test_japans_present_wording_is_not_shown_before_it_was_used(h: history.History) -> None:
    """'Inherent territory' and 'illegal occupation' are Japan's words from 1956 on at the
    earliest, never a description of 1945."""
    for p in h.positions:
        if re.search(r"inherent|illegal", p.text.en, re.I):
            assert p.holder == "japan" and p.start >= date(1956, 2, 11), p.text.en
    claim_lines = {x.id: x for x in h.lines if x.kind == "claim" and x.id.startswith("japan")}
    assert {k: v.start for k, v in claim_lines.items()} == {
        "japan_claim_1951": date(1951, 9, 7),
        "japan_claim_line": date(1956, 2, 11),
    }


# A state's own name (or, before 1868, the shogunate's) in each language: what attributes a
# claim or a position to its holder.
HOLDER_WORDS = {
    "japan": {"en": ("Japan", "shogunate"), "ja": ("日本", "幕府"), "ru": ("Япони", "сёгунат")},
    "russian_empire": {"en": ("Russia",), "ja": ("ロシア",), "ru": ("Росси",)},
    "ussr": {"en": ("USSR",), "ja": ("ソ連",), "ru": ("СССР",)},
    "russia": {"en": ("Russia",), "ja": ("ロシア",), "ru": ("Росси",)},
    "united_states": {"en": ("United States",), "ja": ("米国",), "ru": ("США",)},
}


def test_every_claim_and_position_names_its_holder_in_each_language(h: history.History) -> None:
    statements = [(c.state, c.basis) for c in h.claims]
    statements += [(p.holder, p.text) for p in h.positions]
    statements += [(p.holder, p.text) for x in h.lines for p in x.positions]
    for holder, text in statements:
        for lang in LANGS:
            said = text.get(lang).lower()
            assert any(w.lower() in said for w in HOLDER_WORDS[holder][lang]), (holder, lang, said)


def test_japans_south_sakhalin_position_ends_with_the_renunciation(h: history.History) -> None:
    [p] = [p for p in h.positions if p.holder == "japan" and p.territories == ("sakhalin_south",)]
    assert p.end == date(1952, 4, 27)
    assert h.event("san_francisco_signed_1951").start == date(1951, 9, 8)
    assert h.event("san_francisco_in_force_1952").start == date(1952, 4, 28)


# --- Before 1855: both sides, and the direct rule that was not continuous ------------------------


def test_the_early_history_has_russian_and_japanese_presence(h: history.History) -> None:
    russian = {
        "kozyrevsky_shumshu_1711": "1711",
        "spanberg_walton_1739": "1739",
        "chernyi_iturup_1766": "1766/1769",
        "russian_edict_1821": "1821-09-16",
    }
    assert {i: h.event(i).date for i in russian} == russian
    [ukase] = [x for x in h.lines if x.id == "ukase_1821"]
    assert (ukase.start, ukase.end, ukase.kind) == (date(1821, 9, 16), date(1855, 2, 6), "claim")
    # The status notes before 1855 tell both presences, each attributed to its actors.
    etorofu = h.status("etorofu", date(1790, 1, 1)).note.en
    assert "Russian" in etorofu and "shogunate" in etorofu
    kunashiri = h.status("kunashiri", date(1790, 1, 1)).note.en
    assert "Kozyrevsky" in kunashiri and "Matsumae" in kunashiri


def test_direct_rule_of_ezo_was_1799_to_1821_and_again_from_1855(h: history.History) -> None:
    eras = {e.id: e.start for e in h.eras}
    assert eras["shogunate_direct_rule"] == date(1799, 1, 1)
    assert eras["matsumae_again"] == date(1821, 1, 1)
    assert h.event("ezo_returned_to_matsumae_1821").date == "1821"
    assert h.event("ezo_direct_rule_again_1855").date == "1855-03/1855-04"
    assert not [t for _, t in texts_of_history(h) if re.search(r"1799\s*[–-]\s*1854", t["en"])]


# --- People: the Ainu, the former residents, today's residents ------------------------------------

PEOPLE_EVENTS = {
    "ainu_resistance_urup_1771": "1771/1772",
    "catherine_yasak_decree_1779": "1779",
    "kunashiri_menashi_1789": "1789",
    "st_petersburg_in_force_1875": "1875-08-22",  # the article on the inhabitants
    "kuril_ainu_removed_1884": "1884",
    "ainu_act_2019": "2019-04-26",
    "islanders_flee_1945": "1945/1946",
    "islanders_removed_1947": "1947/1949",
    "soviet_settlers_1946": "1946/1947",
    "grave_visits_1964": "1964",
    "visa_free_exchanges_start_1992": "1992-05-11",
    "exchange_agreements_terminated_2022": "2022-09-05",
    "shikotan_earthquake_1994": "1994-10-05",
    "kuril_development_programme_2006": "2006-08-09",
}


@pytest.mark.parametrize(("event_id", "when"), sorted(PEOPLE_EVENTS.items()))
def test_the_people_are_in_the_history(h: history.History, event_id: str, when: str) -> None:
    e = h.event(event_id)
    assert e.date == when
    assert e.sources


def test_the_people_events_say_what_happened_to_whom(h: history.History) -> None:
    assert {"shumshu", "shikotan"} <= set(h.event("kuril_ainu_removed_1884").territories)
    assert "inhabitants" in h.event("st_petersburg_in_force_1875").text.en
    assert "Sakhalin" in h.event("islanders_removed_1947").text.en
    assert "indigenous" in h.event("ainu_act_2019").text.en


def test_ainu_names_are_a_naming_option_where_sourced() -> None:
    assert "ainu" in names.NAMING_MODES
    for t in FOUR:
        assert names.island_name(t, "ainu") != names.island_name(t, "ja"), t
    assert names.island_name("etorofu", "ainu") == "Etuworop-sir"


@pytest.mark.parametrize("island", ["etorofu", "kunashiri", "shikotan"])
def test_todays_residents_have_a_sourced_population(h: history.History, island: str) -> None:
    latest = max((f for f in h.figures(island) if f.what == "population"), key=lambda f: f.day)
    assert latest.day.year >= 2015 and latest.value > 1000
    assert latest.sources and h.source(latest.sources[0].ref).url.startswith("http")


def test_the_habomai_have_border_posts_not_residents(h: history.History) -> None:
    [now] = [f for f in h.figures("habomai") if f.what == "population" and f.day.year > 1945]
    assert now.value == 0 and now.note is not None and "border" in now.note.en


# --- The events a teacher expects -----------------------------------------------------------------

EXPECTED_EVENTS = {
    "cairo_declaration_1943": "1943-12-01",
    "potsdam_declaration_1945": "1945-07-26",
    "san_francisco_signed_1951": "1951-09-08",
    "malik_offer_1955": "1955-08",
    "us_aide_memoire_1956": "1956-09-07",
    "krasnoyarsk_1997": "1997-11-01/1997-11-02",
    "soviet_garrison_1978": "1978",
    "coastal_missiles_2016": "2016-11",
    "russian_constitution_2020": "2020-07-04",
    "mishustin_iturup_2021": "2021-07-26",
}


@pytest.mark.parametrize(("event_id", "when"), sorted(EXPECTED_EVENTS.items()))
def test_the_expected_events_are_there(h: history.History, event_id: str, when: str) -> None:
    assert h.event(event_id).date == when


def test_the_events_say_what_the_issue_asks(h: history.History) -> None:
    assert "Article 8" in h.event("potsdam_declaration_1945").text.en
    assert "Article 25" in h.event("san_francisco_signed_1951").text.en
    constitution = h.event("russian_constitution_2020")
    assert "Article 67" in constitution.text.en
    assert "отчуждение части территории" in quotes(constitution.sources)  # its own wording
    assert h.event("mishustin_iturup_2021").territories == ("etorofu",)


def test_the_wording_slips_stay_fixed(h: history.History) -> None:
    everything = [t for _, t in texts_of_history(h)]
    en = " ".join(t["en"] for t in everything)
    assert "revised security treaty" in h.event("soviet_memorandum_1960").text.en
    assert not re.search(r"renew\w* (the |their )?security treaty", en)
    suspended = h.event("fishing_agreement_suspended_2022")
    assert "suspend" in suspended.title.en.lower()
    assert not re.search(r"fishing agreement (was |had been )?(ended|terminated)", en)
    assert not [e.id for e in h.eras if re.search(r"occupation|liberation", e.name.en, re.I)]


# --- The lines: a hypothetical line is labelled as ours, not as a border --------------------------


def test_the_1956_line_is_a_hypothetical_line_we_drew(h: history.History) -> None:
    [line] = [x for x in h.lines if x.id == "jd1956_two_island_line"]
    assert line.kind == "hypothetical"
    assert line.start == date(1956, 10, 19)
    assert "drawn for this map" in line.name.en and "仮の線" in line.name.ja
    assert "для этой карты" in line.name.ru
    assert line.description.en.startswith("A line we drew for this map")
    assert "never agreed" in line.description.en
    assert {"jd1956_art9_en_unts", "jd1956_art9_ja", "jd1956_art9_ru"} <= set(line.clauses)
    for lang in LANGS:
        text = line.name.get(lang) + line.description.get(lang)
        assert not re.search(r"proposal|proposed|提案|предложени", text, re.I), lang


def test_the_1644_map_is_tagged_as_its_sources_describe_it(h: history.History) -> None:
    shoho = h.event("shoho_map_1644")
    assert shoho.territories == ("kunashiri", "etorofu", "shikotan", "habomai")
    cited = quotes(shoho.sources)
    for name in ("Kunashir", "Etorofu", "Habomai", "Shikotan"):
        assert name in cited
    assert "Joint Compendium describes it" in shoho.text.en  # attributed, not our claim


# --- Neutral words: the glossary's lint -----------------------------------------------------------


def test_every_text_shipped_passes_the_glossary_lint(doc: dict[str, Any]) -> None:
    report = Report(ROOT)
    rules = read_lint_rules(ROOT / "data" / "history" / "glossary.toml", report)
    errors = [
        (where, message)
        for where, text in texts_of(doc)
        for level, message in lint_text(text, rules)
        if level == "error"
    ]
    assert errors == []
    assert sum(1 for _ in texts_of(doc)) > 400  # the walk found the texts


@pytest.fixture
def history_copy(tmp_path: Path) -> Paths:
    """The real data/history/ in a writable copy, with the real sources, lines and clauses."""
    shutil.copytree(ROOT / "data" / "history", tmp_path / "history")
    real = Paths.of_repo(ROOT)
    return Paths(
        history=tmp_path / "history",
        sources=real.sources,
        root=ROOT,
        geometry=real.geometry,
        clauses=real.clauses,
    )


def edit_event_text(paths: Paths, lang: str, old: str, new: str) -> None:
    path = paths.history / "events" / "1906-today.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


ETOROFU_LANDING = {
    "en": "Soviet troops landed on Etorofu, the largest of the four islands;",
    "ja": "ソ連軍が四島で最大の択捉島に上陸した。",
    "ru": "Советские войска высадились на Итурупе — самом крупном из четырёх островов;",
}
LOADED = {
    "en": "Soviet troops began the liberation of the Northern Territories on Etorofu;",
    "ja": "ソ連軍が北方領土の択捉島を不法占拠した。",
    "ru": "Началось освобождение Южных Курил: советские войска высадились на Итурупе;",
}
ATTRIBUTED = {
    "en": "Soviet troops landed on Etorofu, which Japan calls part of the Northern Territories;",
    "ja": "日本が北方領土と呼ぶ島々のうち、ソ連軍は択捉島に上陸した。",
    "ru": "Советские войска высадились на Итурупе, который Россия называет частью Южных Курил;",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_build_refuses_a_loaded_word_in_the_real_data(history_copy: Paths, lang: str) -> None:
    edit_event_text(history_copy, lang, ETOROFU_LANDING[lang], LOADED[lang])
    with pytest.raises(HistoryError) as failed:
        build(history_copy)
    found = [e for e in failed.value.errors if "etorofu_landing_1945" in e]
    assert found and f"{lang}: loaded word" in found[0]


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_word_attributed_passes(history_copy: Paths, lang: str) -> None:
    edit_event_text(history_copy, lang, ETOROFU_LANDING[lang], ATTRIBUTED[lang])
    built = build(history_copy)
    [e] = [e for e in built.document["events"] if e["id"] == "etorofu_landing_1945"]
    assert ATTRIBUTED[lang] in e["text"][lang]


# --- Sources a reader can open --------------------------------------------------------------------


def statements(doc: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """(where, sources) for every statement of the history a reader sees."""
    for key in ("eras", "events", "claims", "positions", "figures"):
        for i, item in enumerate(doc[key]):
            yield f"{key}[{i}] {item.get('id', '')}", item["sources"]
    for line in doc["lines"]:
        yield f"line {line['id']}", line["sources"]
        for i, p in enumerate(line["positions"]):
            yield f"line {line['id']} position[{i}]", p["sources"]
    for t, value in doc["territories"].items():
        for p in value["periods"]:
            yield f"{t} from {p['start']}", p["sources"]
    for sid, state in doc["states"].items():
        if state.get("from") or state.get("to"):
            yield f"state {sid}", state["sources"]


def test_every_statement_has_a_source_a_reader_can_open(doc: dict[str, Any]) -> None:
    seen = 0
    for where, refs in statements(doc):
        assert refs, f"{where}: no source"
        for ref in refs:
            seen += 1
            assert ref["where"].strip(), f"{where}: {ref['ref']} without a passage"
            source = doc["sources"][ref["ref"]]
            url = urlsplit(source["url"])
            assert url.scheme in ("http", "https") and url.netloc, (where, source["url"])
            assert source["title"].strip() and source["publisher"].strip(), ref["ref"]
    assert seen > 500


def test_every_text_is_in_three_languages(doc: dict[str, Any]) -> None:
    for where, text in texts_of(doc):
        assert all(text[lang].strip() for lang in LANGS), where
        assert text["ja"] != text["en"] and text["ru"] != text["en"], where
