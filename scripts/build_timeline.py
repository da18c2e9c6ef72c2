"""Build data/timeline.json from the sourced facts and the editorial choices in this file.

Run from the repo root:  .venv/bin/python scripts/build_timeline.py [--facts FILE] [--out FILE]

Dates, source URLs and source statuses are read from data/sources/facts.json. Everything a
reader sees as prose (era names and summaries, event titles and descriptions, the notes on who
administered and who claimed each island) is written here, so that every editorial choice is a
reviewable line of code and data/timeline.json is never edited by hand. The output is
byte-for-byte reproducible: no timestamps, a fixed order, one JSON layout.

Neutrality rule for all prose below: state what happened and who administered what; any
position on sovereignty is attributed to the state that holds it ("Japan holds that ...").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the script runs without the package being installed
    sys.path.insert(0, str(ROOT))

from kuril_map.islands import ISLAND_IDS  # noqa: E402

DEFAULT_FACTS = ROOT / "data" / "sources" / "facts.json"
DEFAULT_OUT = ROOT / "data" / "timeline.json"

START_YEAR = 1644
END_YEAR = 2026
STATES = ("Japan", "Russian Empire", "USSR", "Russia")
CONTEXT_ISLANDS = ("urup",)  # not disputed today, but its control shows where the border ran
LINE_IDS = (
    "shimoda_1855",
    "st_petersburg_1875",
    "portsmouth_1905",
    "line_of_control_1945",
    "japan_claim_line",
    "jd1956_two_island_line",
)
ALL4 = list(ISLAND_IDS)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{2,4}(-\d{2}(-\d{2})?)?)?$")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class BuildError(Exception):
    """A fact the editorial tables rely on is missing or malformed; nothing is written."""


# --- Facts: how island names in facts.json map to our ids -------------------------------------

FACTS_ISLAND_IDS = {
    "Etorofu/Iturup": "etorofu",
    "Kunashiri/Kunashir": "kunashiri",
    "Shikotan": "shikotan",
    "Habomai": "habomai",
    "Habomai group": "habomai",
}

# Publisher or site behind each source domain. facts.json records URLs, not page titles, so
# source_title names who published the page; unknown domains fall back to the bare domain.
PUBLISHERS = {
    "www.mofa.go.jp": "Ministry of Foreign Affairs of Japan",
    "www.cas.go.jp": "Cabinet Secretariat of Japan",
    "www8.cao.go.jp": "Cabinet Office of Japan",
    "betsukai.jp": "Betsukai Town, Hokkaido",
    "kotobank.jp": "Kotobank (Nihon Rekishi Chimei Taikei)",
    "en.wikipedia.org": "Wikipedia",
    "iiab.me": "Wikipedia (offline copy)",
    "ja.m.wiki.x.io": "Japanese Wikipedia (mirror)",
    "it.wiki7.org": "Wikipedia (mirror)",
    "www.japantimes.co.jp": "The Japan Times",
    "japannews.yomiuri.co.jp": "The Japan News (Yomiuri Shimbun)",
    "www.nippon.com": "Nippon.com",
    "japantoday.com": "Japan Today",
    "www.spf.org": "Sasakawa Peace Foundation",
    "tass.com": "TASS",
    "www.themoscowtimes.com": "The Moscow Times",
    "www.chinadaily.com.cn": "China Daily",
    "jamestown.org": "Jamestown Foundation",
    "blogs.kcl.ac.uk": "King's College London (blog)",
    "sputniknews.com": "Sputnik",
    "www.omanobserver.om": "Oman Observer",
    "www.devdiscourse.com": "Devdiscourse",
    "times.abema.tv": "ABEMA Times",
    "www.thefreelibrary.com": "The Free Library",
}


def display_date(date: str) -> str:
    """'1945-09-03/05' -> '3–5 Sep 1945': the form used in the in-year `changes` lines."""
    start, _, end = date.partition("/")
    parts = start.split("-")
    if len(parts) == 1:
        return f"{start}–{end}" if end else start
    year, month = parts[0], MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    day = str(int(parts[2]))
    if end and len(end) == 2:  # an end day within the same month
        day = f"{day}–{int(end)}"
    return f"{day} {month} {year}"


def normalise_date(raw: str) -> str:
    """facts.json dates to ISO 8601 with '/' for ranges: '1711-1713' -> '1711/1713'."""
    date = re.sub(r"\s*\(.*\)$", "", raw.strip())  # '2024-02 (reported 6 Feb)' -> '2024-02'
    date = re.sub(r"^(\d{4})-(\d{4})$", r"\1/\2", date)
    if not DATE_RE.match(date):
        raise BuildError(f"facts.json date {raw!r} is not a date this script understands")
    return date


class Facts:
    """Look-ups into facts.json that fail loudly when an editorial table names a missing fact."""

    def __init__(self, data: dict[str, Any]) -> None:
        try:
            self.events = {(e["date"], e["title"]): e for e in data["events"]}
            self.boundaries = {b["id"]: b for b in data["boundaries"]}
            self.population_1945 = data["areas"]["total"]["population_1945"]
        except (KeyError, TypeError) as err:
            raise BuildError(f"facts.json lacks an expected field: {err}") from err

    def event(self, key: tuple[str, str]) -> dict[str, Any]:
        try:
            return self.events[key]
        except KeyError:
            raise BuildError(
                f"facts.json has no event dated {key[0]!r} titled {key[1]!r}"
            ) from None

    def url(self, key: tuple[str, str]) -> str:
        return self.event(key)["url"]


# --- Eras -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EraSpec:
    id: str
    name: str
    start: int
    end: int
    summary: str


ERAS = [
    EraSpec(
        "ainu_lands",
        "Ainu lands, maps and trading posts",
        1644,
        1798,
        "The islands were Ainu lands that no state administered. Japanese maps showed them, "
        "the Matsumae domain traded with the Ainu, and Russian expeditions charted the chain. "
        "Russia claimed the Kurils in 1786; how far south that claim reached is unclear.",
    ),
    EraSpec(
        "shogunate_rule",
        "Shogunate rule and first contacts with Russia",
        1799,
        1854,
        "Japan's Tokugawa shogunate took the islands under its direct rule in 1799. Russian "
        "ships raided Japanese posts and the two states clashed, but no border was agreed.",
    ),
    EraSpec(
        "shimoda_border",
        "The Shimoda border",
        1855,
        1874,
        "The 1855 Treaty of Shimoda set the first Japan–Russia border, between Etorofu and "
        "Urup. The four islands were on the Japanese side; Urup and the islands north of it "
        "were Russian, and Sakhalin stayed undivided.",
    ),
    EraSpec(
        "all_kurils_japanese",
        "All the Kurils Japanese",
        1875,
        1904,
        "The 1875 Treaty of Saint Petersburg gave Japan the Kurils from Urup to Shumshu in "
        "exchange for its rights on Sakhalin. The whole chain was Japanese.",
    ),
    EraSpec(
        "portsmouth_to_war",
        "From Portsmouth to the Pacific War",
        1905,
        1944,
        "After the Russo-Japanese War, the 1905 Treaty of Portsmouth gave Japan southern "
        "Sakhalin; the Kurils stayed Japanese. In 1941 the USSR and Japan signed a neutrality "
        "pact, and the Pacific War began.",
    ),
    EraSpec(
        "soviet_occupation",
        "Soviet occupation and the San Francisco treaty",
        1945,
        1955,
        "Soviet forces occupied the four islands in August and September 1945, and the USSR "
        "declared them Soviet territory. The Japanese residents were moved to Japan. In 1951 "
        "Japan renounced the Kurils at San Francisco; the two states disagree on whether that "
        "included the four islands.",
    ),
    EraSpec(
        "joint_declaration_cold_war",
        "Joint Declaration and Cold War",
        1956,
        1990,
        "The 1956 Joint Declaration restored relations; the USSR agreed to transfer Shikotan "
        "and the Habomai after a peace treaty, which has not been concluded. For most of the "
        "Cold War the USSR held that no territorial question remained.",
    ),
    EraSpec(
        "russian_federation_talks",
        "Russian Federation and negotiations",
        1991,
        2021,
        "Russia took over the administration when the USSR ended in December 1991. Leaders "
        "of both states signed statements on settling the question of the four islands, but "
        "no peace treaty was agreed.",
    ),
    EraSpec(
        "talks_suspended",
        "Talks suspended",
        2022,
        2026,
        "After Japan joined sanctions over Russia's invasion of Ukraine in 2022, Russia "
        "suspended peace-treaty talks and ended visa-free visits and the fishing agreement. "
        "Both states restate their positions.",
    ),
]


def era_id_for(year: int) -> str:
    for era in ERAS:
        if era.start <= year <= era.end:
            return era.id
    raise BuildError(f"no era covers {year}")


# --- Events -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventSpec:
    fact: tuple[str, str]  # (date, title) exactly as in facts.json
    id: str
    title: str
    description: str
    islands: list[str] | None = None  # None: map the island names given in facts.json
    lines: list[str] = field(default_factory=list)


EVENTS = [
    EventSpec(
        ("1644", "Shoho-era map of Japan (正保御国絵図)"),
        "shoho_map_1644",
        "Shōhō-era map of Japan",
        "A map of the country ordered by the Tokugawa shogunate shows islands north-east of "
        "Ezo (Hokkaido), among them Kunashiri and Etorofu. Japan cites it as early evidence "
        "of Japanese knowledge of the islands.",
    ),
    EventSpec(
        (
            "1711-1713",
            "Kozyrevsky expeditions (Shumshu, Paramushir); 'Sketches of the Sea Islands'",
        ),
        "kozyrevsky_1711",
        "Kozyrevsky reaches the northern Kurils",
        "The Cossack Ivan Kozyrevsky landed on Shumshu and Paramushir at the northern end of "
        "the chain. His sketch of the islands also describes ones further south, including "
        "Kunashiri.",
        islands=[],
    ),
    EventSpec(
        ("1739", "Spanberg expedition maps the southern Kurils"),
        "spanberg_1739",
        "Spanberg charts the southern Kurils",
        "A Russian naval expedition led by Martin Spanberg sailed along the southern Kurils "
        "and charted them. A Russian name for Shikotan, Shpanberg, recalls him.",
    ),
    EventSpec(
        ("1754", "Kunashiri trading post (クナシリ場所) opened"),
        "kunashiri_trading_post_1754",
        "Trading post on Kunashiri",
        "The Matsumae domain opened a trading post on Kunashiri for trade with the Ainu. It "
        "was a trading station, not a seat of government. Another source dates the first "
        "Japanese trading there to 1763.",
    ),
    EventSpec(
        ("1774", "Hidaya contracted for Kunashiri trading post"),
        "hidaya_kunashiri_1774",
        "Hidaya runs the Kunashiri post",
        "The Matsumae domain contracted the merchant house Hidaya to run the Kunashiri "
        "trading post.",
    ),
    EventSpec(
        ("1786", "Catherine II's claim to the Kurils"),
        "catherine_claim_1786",
        "Catherine II claims the Kurils",
        "Russia under Empress Catherine II declared the Kuril chain Russian. How far south the "
        "claim was meant to reach is not clear from the source used here.",
        islands=["etorofu", "kunashiri"],
    ),
    EventSpec(
        ("1789-05", "Menashi-Kunashir rebellion"),
        "menashi_kunashiri_1789",
        "Menashi–Kunashiri uprising",
        "Ainu on Kunashiri and on the Menashi coast of Hokkaido rose against the Japanese "
        "merchants who ran the trading posts. The Matsumae domain put the uprising down and "
        "executed those it held responsible.",
    ),
    EventSpec(
        ("1798", "Kondo Juzo's marker on Etorofu"),
        "kondo_marker_1798",
        "Kondō Jūzō's marker on Etorofu",
        "The shogunate official Kondō Jūzō set up a marker on Etorofu inscribed "
        "'Etorofu of Great Japan' (大日本恵登呂府). It asserted Japanese possession of the "
        "island.",
    ),
    EventSpec(
        ("1799-1800", "Shogunate direct rule of eastern Ezo incl. the islands"),
        "shogunate_direct_rule_1799",
        "Shogunate takes direct rule",
        "The Tokugawa shogunate placed eastern Ezo, including the four islands, under its "
        "direct rule. This map shows Japan as administering the islands from this point.",
    ),
    EventSpec(
        ("1811", "Golovnin incident"),
        "golovnin_1811",
        "Golovnin captured on Kunashiri",
        "Japanese officials on Kunashiri captured the Russian naval captain Vasily Golovnin "
        "and some of his crew, and held them until 1813. It followed Russian raids on "
        "Japanese posts a few years before.",
    ),
    EventSpec(
        ("1855-02-07", "Treaty of Shimoda"),
        "shimoda_treaty_1855",
        "Treaty of Shimoda",
        "Japan and Russia agreed their first border, between Etorofu and Urup: Etorofu and "
        "the islands south of it on the Japanese side, Urup and the islands north of it on "
        "the Russian side. Sakhalin was left without a border.",
        lines=["shimoda_1855"],
    ),
    EventSpec(
        ("1869", "Chishima Province created"),
        "chishima_province_1869",
        "Chishima Province created",
        "Japan's new Meiji government organised Ezo as Hokkaido and created Chishima (Kuril) "
        "Province, which took in Kunashiri and Etorofu.",
        islands=["etorofu", "kunashiri"],
    ),
    EventSpec(
        ("1875-05-07", "Treaty of Saint Petersburg"),
        "st_petersburg_treaty_1875",
        "Treaty of Saint Petersburg",
        "Japan gave up its rights on Sakhalin, and Russia ceded the 18 Kuril islands from "
        "Shumshu to Urup to Japan. The four southern islands, on Japan's side of the 1855 "
        "border, were not part of the exchange; Japan holds that the treaty's list shows "
        "they were not counted among the Kurils.",
        islands=[],
        lines=["st_petersburg_1875"],
    ),
    EventSpec(
        ("1905-09-05", "Treaty of Portsmouth"),
        "portsmouth_treaty_1905",
        "Treaty of Portsmouth",
        "Ending the Russo-Japanese War, Russia ceded Sakhalin south of the 50th parallel to "
        "Japan. The Kurils were not affected.",
        lines=["portsmouth_1905"],
    ),
    EventSpec(
        ("1915", "Habomai village formed"),
        "habomai_village_1915",
        "Habomai village formed",
        "Japan formed Habomai village, a municipality that included the Habomai islets.",
    ),
    EventSpec(
        ("1941-04-13", "Soviet-Japanese Neutrality Pact"),
        "neutrality_pact_1941",
        "Soviet–Japanese Neutrality Pact",
        "The USSR and Japan signed a five-year pact of neutrality.",
    ),
    EventSpec(
        ("1941-11-26", "Pearl Harbor strike force leaves Hitokappu Bay, Etorofu"),
        "hitokappu_bay_1941",
        "Strike force leaves Etorofu",
        "The Japanese carrier force that attacked Pearl Harbor in December sailed from "
        "Hitokappu Bay on Etorofu.",
    ),
    EventSpec(
        ("1945-02-11", "Yalta agreement on the Far East"),
        "yalta_1945",
        "Yalta agreement",
        "The leaders of the USSR, the United States and Britain agreed in secret that the "
        "Kuril Islands would go to the USSR once it entered the war against Japan. Russia "
        "holds that the agreement is one basis of its sovereignty; Japan holds that it is not "
        "bound by it and that the four islands were not among the Kurils.",
        islands=ALL4,
    ),
    EventSpec(
        ("1945-04-05", "USSR announces it will not extend the Neutrality Pact"),
        "pact_not_extended_1945",
        "USSR will not extend the pact",
        "The USSR told Japan it would not extend the Neutrality Pact, citing Japan's war on "
        "the USSR's allies. The pact ran until April 1946; Japan holds that the Soviet attack "
        "in August broke it.",
    ),
    EventSpec(
        ("1945-08-08/09", "Soviet entry into the war against Japan"),
        "soviet_entry_1945",
        "USSR enters the war against Japan",
        "The USSR declared war on Japan on 8 August and attacked from 9 August. Japan holds "
        "that this broke the Neutrality Pact; Russia holds that the USSR kept its promise to "
        "its allies.",
    ),
    EventSpec(
        ("1945-08-18", "Soviet landing on Shumshu"),
        "shumshu_landing_1945",
        "Soviet landing on Shumshu",
        "Soviet forces landed on Shumshu at the northern end of the chain, three days after "
        "Japan announced its surrender. The fighting lasted several days.",
    ),
    EventSpec(
        ("1945-08-28", "Soviet landing on Etorofu"),
        "etorofu_landing_1945",
        "Soviet landing on Etorofu",
        "Soviet troops landed on Etorofu and took control of the island.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1945-09-01", "Soviet landings on Kunashiri and Shikotan"),
        "kunashiri_shikotan_landings_1945",
        "Soviet landings on Kunashiri and Shikotan",
        "Soviet troops landed on Kunashiri and Shikotan and took control of both islands.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1945-09-02", "Japan signs the Instrument of Surrender"),
        "surrender_1945",
        "Japan signs the surrender",
        "Japan signed the Instrument of Surrender in Tokyo Bay, formally ending the war.",
    ),
    EventSpec(
        ("1945-09-03/05", "Occupation of the Habomai islets"),
        "habomai_occupation_1945",
        "Occupation of the Habomai",
        "Soviet forces occupied the Habomai islets after Japan had signed the surrender. From "
        "then on all four islands were under Soviet control.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1946-01-29", "SCAPIN-677"),
        "scapin_677_1946",
        "SCAPIN-677",
        "The Allied occupation authority told Japan's government to stop governing several "
        "outlying areas, naming the Kurils, the Habomai and Shikotan. The directive said it "
        "was not a final decision on those areas.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1946-02-02", "USSR decree forming South Sakhalin Oblast incl. the Kurils"),
        "south_sakhalin_oblast_1946",
        "USSR incorporates the islands",
        "A Soviet decree made southern Sakhalin and the Kurils, the four islands included, "
        "part of a new South Sakhalin Oblast. Russia holds that this made them Soviet "
        "territory; Japan holds that it had no legal basis.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1946-06-22", "SCAPIN-1033 (MacArthur Line)"),
        "macarthur_line_1946",
        "SCAPIN-1033 (MacArthur Line)",
        "An Allied directive set the waters in which Japanese fishing boats could work. Near "
        "the Habomai, today's de facto line closely follows it.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1947-01-02", "Sakhalin Oblast formed"),
        "sakhalin_oblast_1947",
        "Sakhalin Oblast formed",
        "The USSR merged South Sakhalin Oblast into Sakhalin Oblast, which has administered "
        "the islands since.",
    ),
    EventSpec(
        ("1947-1949", "Removal of the remaining Japanese residents"),
        "residents_removed_1947",
        "Japanese residents removed",
        "The USSR moved the Japanese residents still on the islands to Japan. About "
        "{population_1945:,} Japanese had lived on the four islands in 1945.",
    ),
    EventSpec(
        ("1951-09-08", "San Francisco Peace Treaty signed"),
        "san_francisco_treaty_1951",
        "San Francisco Peace Treaty",
        "Japan renounced the Kuril Islands and southern Sakhalin without naming who would "
        "receive them; the USSR did not sign. Japan holds that the four islands are not part "
        "of the Kurils it renounced; Russia holds that they are.",
        islands=ALL4,
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("1952-04-28", "San Francisco Treaty enters into force"),
        "san_francisco_in_force_1952",
        "San Francisco treaty in force",
        "The San Francisco treaty entered into force, and the Allied occupation of Japan ended.",
    ),
    EventSpec(
        ("1956-10-19", "Soviet-Japanese Joint Declaration"),
        "joint_declaration_1956",
        "Soviet–Japanese Joint Declaration",
        "The USSR and Japan ended the state of war and restored relations. The USSR agreed "
        "to transfer Shikotan and the Habomai to Japan after a peace treaty; no treaty has "
        "followed.",
        lines=["jd1956_two_island_line"],
    ),
    EventSpec(
        ("1960-01-27", "Soviet memorandum adds a condition"),
        "soviet_memorandum_1960",
        "Soviet memorandum adds a condition",
        "After Japan renewed its security treaty with the United States, the USSR said it "
        "would transfer Shikotan and the Habomai only once foreign troops had left Japan. "
        "Japan rejected the new condition.",
        lines=["jd1956_two_island_line"],
    ),
    EventSpec(
        ("1973-10-10", "Tanaka-Brezhnev summit / joint communiqué"),
        "tanaka_brezhnev_1973",
        "Tanaka–Brezhnev summit",
        "Prime Minister Tanaka Kakuei visited Moscow, and the joint communiqué spoke of "
        "unresolved questions left from the war. Japan holds that Brezhnev confirmed orally "
        "that these included the four islands; the USSR later held that no territorial "
        "question existed. The exact date of the communiqué is not confirmed.",
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("1981", "Japan institutes Northern Territories Day (7 Feb)"),
        "northern_territories_day_1981",
        "Northern Territories Day",
        "Japan's government made 7 February, the date of the 1855 Treaty of Shimoda, "
        "Northern Territories Day, to promote its claim to the four islands.",
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("1991-04-16/19", "Gorbachev visit; Japan-Soviet Joint Communiqué"),
        "gorbachev_visit_1991",
        "Gorbachev visits Japan",
        "Mikhail Gorbachev made the first visit to Japan by a Soviet leader. The joint "
        "communiqué named the four islands as a subject of the peace-treaty talks; Japan had "
        "pressed, without success, for it to cite the 1956 Declaration.",
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("1993-10-13", "Tokyo Declaration (Hosokawa-Yeltsin)"),
        "tokyo_declaration_1993",
        "Tokyo Declaration",
        "Prime Minister Hosokawa Morihiro and President Boris Yeltsin agreed to conclude a "
        "peace treaty by settling which state the four islands belong to, naming each of them.",
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("1998-02-21", "Framework agreement on Japanese fishing around the four islands"),
        "fishing_framework_1998",
        "Fishing agreement",
        "Japan and Russia agreed a framework for Japanese boats to fish in waters around the "
        "four islands, on terms that leave each side's legal position unaffected.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("1998-04-18/19", "Kawana summit (Hashimoto-Yeltsin)"),
        "kawana_summit_1998",
        "Kawana summit",
        "Prime Minister Hashimoto Ryūtarō proposed to Yeltsin that the border be drawn north "
        "of the four islands. Russia did not accept the proposal.",
        lines=["japan_claim_line"],
    ),
    EventSpec(
        ("2001-03-25", "Irkutsk Statement (Mori-Putin)"),
        "irkutsk_statement_2001",
        "Irkutsk Statement",
        "Prime Minister Mori Yoshirō and President Vladimir Putin called the 1956 Joint "
        "Declaration the legal starting point of talks, which would build on the 1993 Tokyo "
        "Declaration.",
        lines=["jd1956_two_island_line", "japan_claim_line"],
    ),
    EventSpec(
        ("2006-08-16", "Fatal shooting near Kaigara/Signalny"),
        "kaigara_shooting_2006",
        "Fisherman killed near Kaigara",
        "A Russian border patrol fired on a Japanese crab boat near Kaigara (Signalny) islet "
        "in the Habomai, killing a fisherman. Russia holds that the boat was fishing illegally "
        "in Russian waters; Japan holds that the waters are Japanese and protested.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("2010-11-01", "Medvedev visits Kunashir"),
        "medvedev_kunashiri_2010",
        "Medvedev visits Kunashiri",
        "Dmitry Medvedev became the first Soviet or Russian head of state to visit one of the "
        "islands. Japan protested; Russia holds that he was visiting Russian territory.",
    ),
    EventSpec(
        ("2016-12-15/16", "Nagato summit (Abe-Putin)"),
        "nagato_summit_2016",
        "Nagato summit",
        "Prime Minister Abe Shinzō and Putin agreed to discuss joint economic activities on "
        "the islands under arrangements that would not harm either side's legal position.",
    ),
    EventSpec(
        ("2018-11-14", "Singapore agreement (Abe-Putin)"),
        "singapore_agreement_2018",
        "Singapore agreement",
        "Abe and Putin agreed to speed up peace-treaty talks on the basis of the 1956 Joint "
        "Declaration. The Declaration names only Shikotan and the Habomai; Japan holds that "
        "the talks still concern all four islands.",
        islands=ALL4,
        lines=["jd1956_two_island_line"],
    ),
    EventSpec(
        ("2020-07-01", "Russian constitutional amendments approved"),
        "russian_constitution_2020",
        "Russian constitutional amendments",
        "Russian voters approved constitutional amendments that include a ban on giving away "
        "Russian territory. Reports say border demarcation is exempted; the exact wording "
        "was not checked for this timeline.",
    ),
    EventSpec(
        ("2021-07", "PM Mishustin visits the disputed islands"),
        "mishustin_visit_2021",
        "Mishustin visits the islands",
        "Russian Prime Minister Mikhail Mishustin visited the disputed islands, and Japan "
        "protested. The source used here does not say which island he visited.",
        islands=ALL4,
    ),
    EventSpec(
        ("2022-03-21", "Russia suspends peace-treaty talks"),
        "talks_suspended_2022",
        "Russia suspends peace-treaty talks",
        "Russia suspended peace-treaty talks with Japan in response to the sanctions Japan "
        "imposed after Russia's invasion of Ukraine.",
    ),
    EventSpec(
        ("2022-06-07", "Russia suspends the 1998 safe-fishing agreement"),
        "fishing_agreement_suspended_2022",
        "Fishing agreement suspended",
        "Russia suspended the 1998 agreement under which Japanese boats fished near the "
        "islands. Japan protested.",
        lines=["line_of_control_1945"],
    ),
    EventSpec(
        ("2022-09", "Russia scraps visa-free exchange agreement"),
        "visa_free_ended_2022",
        "Visa-free exchanges ended",
        "Russia ended the agreement that had let former Japanese residents and others visit "
        "the islands without visas.",
    ),
    EventSpec(
        ("2023-04-21", "Former-residents' league declared 'undesirable'"),
        "residents_league_undesirable_2023",
        "Former residents' league banned",
        "Russia declared the league of former Japanese residents of the islands an "
        "'undesirable organisation', barring its work in Russia.",
    ),
    EventSpec(
        ("2024-01-11", "Putin says he will visit the Kurils"),
        "putin_visit_plan_2024",
        "Putin plans a Kuril visit",
        "Putin said he intended to visit the Kuril Islands.",
    ),
    EventSpec(
        ("2024-02 (reported 6 Feb)", "Hoppo Domei declared 'undesirable'"),
        "hoppo_domei_undesirable_2024",
        "Hoppō Dōmei banned",
        "Russia declared Hoppō Dōmei, a Hokkaido group that campaigns for the islands' "
        "return to Japan, an 'undesirable organisation' (reported on 6 February).",
    ),
    EventSpec(
        ("2024-05-03", "Russia building observation posts on the Kurils"),
        "observation_posts_2024",
        "Observation posts on the Kurils",
        "Russia said it was building observation posts on islands of the Kuril chain.",
        islands=[],
    ),
    EventSpec(
        ("2025-04-07", "Northern Territories Issue Association declared 'undesirable'"),
        "issue_association_undesirable_2025",
        "Northern Territories Issue Association banned",
        "Russia declared the Northern Territories Issue Association, a Japanese public body "
        "that promotes Japan's claim, an 'undesirable organisation'.",
    ),
    EventSpec(
        ("2025-12-08", "Evacuation passenger lists identify 8,835 former residents"),
        "passenger_lists_2025",
        "Passenger lists of former residents",
        "Passenger lists of the ships that took Japanese residents off the islands were "
        "reported to identify 8,835 former residents.",
    ),
    EventSpec(
        ("2026-02-07", "Northern Territories Day 2026; PM Takaichi's statement"),
        "northern_territories_day_2026",
        "Northern Territories Day 2026",
        "On Northern Territories Day Prime Minister Takaichi Sanae restated Japan's aim to "
        "settle the question of the four islands and conclude a peace treaty with Russia.",
        lines=["japan_claim_line"],
    ),
]

# Island strings in facts.json that are not one of the four (they map to no id).
NOT_ONE_OF_THE_FOUR = re.compile(
    r"^(Urup|Shumshu|Paramushir|Sakhalin.*|southern Sakhalin|Hokkaido.*|Shumshu\.\.\.Urup|"
    r"Kuril chain.*|whole Kuril chain|\(all four in Japan's view\))$"
)


def event_islands(spec: EventSpec, fact: dict[str, Any]) -> list[str]:
    """Ids of the four islands an event concerns, in registry order."""
    if spec.islands is not None:
        ids = set(spec.islands)
    else:
        ids = set()
        for name in fact["islands"]:
            if name in FACTS_ISLAND_IDS:
                ids.add(FACTS_ISLAND_IDS[name])
            elif not NOT_ONE_OF_THE_FOUR.match(name):
                raise BuildError(f"event {spec.id}: facts island {name!r} needs an explicit list")
    return [i for i in ISLAND_IDS if i in ids]


def source_title(url: str) -> str:
    host = urlsplit(url).hostname or url
    return PUBLISHERS.get(host, host.removeprefix("www."))


def other_urls(fact: dict[str, Any]) -> list[str]:
    also = fact.get("also") or []
    also = [also] if isinstance(also, dict) else also
    return [a["url"] for a in also if a.get("url") and a["url"] != fact["url"]]


def build_events(facts: Facts) -> list[dict[str, Any]]:
    out = []
    for spec in EVENTS:
        fact = facts.event(spec.fact)
        date = normalise_date(fact["date"])
        year = int(date[:4])
        if not START_YEAR <= year <= END_YEAR:
            raise BuildError(f"event {spec.id} ({year}) is outside {START_YEAR}–{END_YEAR}")
        if fact["status"] not in ("confirmed", "confirmed_secondary"):
            raise BuildError(f"event {spec.id} has status {fact['status']!r} in facts.json")
        for line in spec.lines:
            if line not in LINE_IDS:
                raise BuildError(f"event {spec.id}: unknown line id {line!r}")
        out.append(
            {
                "id": spec.id,
                "date": date,
                "year": year,
                "title": spec.title,
                "description": spec.description.format(population_1945=facts.population_1945),
                "islands": event_islands(spec, fact),
                "era_id": era_id_for(year),
                "source_title": source_title(fact["url"]),
                "source_url": fact["url"],
                "status": fact["status"],
                "other_source_urls": other_urls(fact),
                "line_ids": list(spec.lines),
            }
        )
    ids = [e["id"] for e in out]
    if len(set(ids)) != len(ids):
        raise BuildError("duplicate event ids")
    years = [e["year"] for e in out]  # within a year, the editorial order stands
    if years != sorted(years):
        raise BuildError("EVENTS must be listed in date order")
    return out


# --- Control: who administered each island, and who else claimed it, year by year ------------

# Positions after 1945, attributed. Short sentences, our own words.
JAPAN_POSITION = (
    "Japan holds that the islands are its inherent territory, occupied illegally since 1945."
)
RUSSIA_POSITION = (
    "Russia holds that the islands became part of the USSR lawfully as a result of the Second "
    "World War."
)
POSITIONS = f"{JAPAN_POSITION} {RUSSIA_POSITION}"
HOKKAIDO_VIEW = "Japan also holds that Shikotan and the Habomai belong to Hokkaido, not the Kurils."
JD1956 = (
    "In the 1956 Joint Declaration the USSR agreed to transfer Shikotan and the Habomai to "
    "Japan after a peace treaty."
)


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    administered_by: str | None
    claimed_by: list[str]
    note: str
    source: tuple[str, str]  # facts.json event (date, title) whose URL backs the note


@dataclass(frozen=True)
class Change:
    date: str  # ISO date (range allowed); from facts.json unless stated in `source`
    text: str
    source: tuple[str, str] | None  # facts.json event giving the date; None: editorial date


SHOHO = ("1644", "Shoho-era map of Japan (正保御国絵図)")
TRADING_POST = ("1754", "Kunashiri trading post (クナシリ場所) opened")
CATHERINE = ("1786", "Catherine II's claim to the Kurils")
MARKER = ("1798", "Kondo Juzo's marker on Etorofu")
DIRECT_RULE = ("1799-1800", "Shogunate direct rule of eastern Ezo incl. the islands")
SHIMODA = ("1855-02-07", "Treaty of Shimoda")
ST_PETERSBURG = ("1875-05-07", "Treaty of Saint Petersburg")
PORTSMOUTH = ("1905-09-05", "Treaty of Portsmouth")
ETOROFU_1945 = ("1945-08-28", "Soviet landing on Etorofu")
KUNASHIRI_1945 = ("1945-09-01", "Soviet landings on Kunashiri and Shikotan")
HABOMAI_1945 = ("1945-09-03/05", "Occupation of the Habomai islets")
SHUMSHU_1945 = ("1945-08-18", "Soviet landing on Shumshu")
SCAPIN_677 = ("1946-01-29", "SCAPIN-677")
DECREE_1946 = ("1946-02-02", "USSR decree forming South Sakhalin Oblast incl. the Kurils")
SF_1951 = ("1951-09-08", "San Francisco Peace Treaty signed")
JD_1956 = ("1956-10-19", "Soviet-Japanese Joint Declaration")
GORBACHEV = ("1991-04-16/19", "Gorbachev visit; Japan-Soviet Joint Communiqué")
SUSPENDED = ("2022-03-21", "Russia suspends peace-treaty talks")

USSR_END = "1991-12-26"  # dissolution of the USSR: general knowledge, not in facts.json

AINU_LAND = (
    "Ainu land; no state administered {it}. A Japanese map of 1644 shows {pron}, and the "
    "Matsumae domain traded with the Ainu of the region."
)
EARLY_JAPAN_VIEW = (
    "Japan holds that Japanese knowledge and trade here came before any Russian presence."
)
RUSSIAN_CLAIM_1786 = (
    "No state administered {it}. Russia claimed the Kuril chain in 1786; how far south "
    "the claim reached is unclear."
)


def four_island_periods(island: str) -> list[Period]:
    """Periods shared in outline by the four islands, with island-specific wording."""
    lesser = island in ("shikotan", "habomai")
    name = {
        "etorofu": "Etorofu",
        "kunashiri": "Kunashiri",
        "shikotan": "Shikotan",
        "habomai": "the Habomai",
    }[island]
    the_island = "the islets" if island == "habomai" else "the island"
    pron = "them" if island == "habomai" else "it"
    ainu_land = AINU_LAND.format(it=the_island, pron=pron)
    russian_claim = RUSSIAN_CLAIM_1786.format(it=the_island)
    periods: list[Period] = []

    # 1644-1798: Ainu lands; no state administration.
    if island == "kunashiri":
        periods += [
            Period(1644, 1753, None, [], f"{ainu_land} {EARLY_JAPAN_VIEW}", SHOHO),
            Period(
                1754,
                1785,
                None,
                [],
                "Ainu land; no state administered the island. The Matsumae domain ran a "
                f"trading post here from 1754, a trading station, not a government. "
                f"{EARLY_JAPAN_VIEW}",
                TRADING_POST,
            ),
            Period(
                1786,
                1798,
                None,
                ["Russian Empire"],
                f"{russian_claim} The Matsumae domain's trading post stayed, and the domain "
                f"put down an Ainu uprising in 1789. {EARLY_JAPAN_VIEW}",
                CATHERINE,
            ),
        ]
    elif island == "etorofu":
        periods += [
            Period(1644, 1785, None, [], f"{ainu_land} {EARLY_JAPAN_VIEW}", SHOHO),
            Period(
                1786,
                1797,
                None,
                ["Russian Empire"],
                f"{russian_claim} {EARLY_JAPAN_VIEW}",
                CATHERINE,
            ),
            Period(
                1798,
                1798,
                None,
                ["Japan", "Russian Empire"],
                "No state administered the island yet. A shogunate marker of 1798 claimed it "
                "for Japan; Russia claimed the Kuril chain from 1786, with no clear southern "
                "limit.",
                MARKER,
            ),
        ]
    else:
        periods += [
            Period(1644, 1785, None, [], f"{ainu_land} {EARLY_JAPAN_VIEW}", SHOHO),
            Period(
                1786,
                1798,
                None,
                [],
                f"Ainu land; no state administered {the_island}. Whether Russia's 1786 claim "
                f"to the Kuril chain was meant to include {name} is not clear from the sources "
                "used here. "
                f"{EARLY_JAPAN_VIEW}",
                SHOHO,
            ),
        ]

    periods += [
        Period(
            1799,
            1854,
            "Japan",
            [],
            f"Japan's shogunate ruled eastern Ezo, including {name}, directly from 1799. "
            "Russia had claimed the Kuril chain in 1786 with no clear southern limit; whether "
            f"it still claimed {name} is not clear from the sources used here. No border was "
            "agreed until 1855.",
            DIRECT_RULE,
        ),
        Period(
            1855,
            1874,
            "Japan",
            [],
            "The 1855 Treaty of Shimoda put the border between Etorofu and Urup. "
            f"{name[0].upper() + name[1:]} lay on the Japanese side; no other state "
            f"claimed {pron}.",
            SHIMODA,
        ),
        Period(
            1875,
            1904,
            "Japan",
            [],
            f"Japan administered {the_island}; no other state claimed {pron}. The 1875 treaty "
            "also gave Japan the Kurils from Urup to Shumshu.",
            ST_PETERSBURG,
        ),
        Period(
            1905,
            1944,
            "Japan",
            [],
            f"Japan administered {the_island} as part of Hokkaido; no other state claimed {pron}. "
            "The 1905 Portsmouth treaty changed borders on Sakhalin only.",
            PORTSMOUTH,
        ),
        Period(
            1945,
            1945,
            "USSR",
            ["Japan"],
            f"Soviet forces took control of {name} in 1945 (see the changes for the date). "
            f"{POSITIONS}",
            {"etorofu": ETOROFU_1945, "kunashiri": KUNASHIRI_1945, "shikotan": KUNASHIRI_1945}.get(
                island, HABOMAI_1945
            ),
        ),
        Period(
            1946,
            1950,
            "USSR",
            ["Japan"],
            "A Soviet decree of 1946 declared the islands Soviet territory, and the Japanese "
            f"residents were moved to Japan by 1949. {POSITIONS}",
            DECREE_1946,
        ),
        Period(
            1951,
            1955,
            "USSR",
            ["Japan"],
            "In 1951 Japan renounced the Kurils in a treaty the USSR did not sign. Japan holds "
            "that the four islands were not among the Kurils renounced. "
            + (f"{HOKKAIDO_VIEW} " if lesser else "")
            + RUSSIA_POSITION,
            SF_1951,
        ),
        Period(
            1956,
            1990,
            "USSR",
            ["Japan"],
            (f"{JD1956} " if lesser else "")
            + "No peace treaty was concluded, and for much of the period the USSR held that no "
            f"territorial question remained. {POSITIONS}",
            JD_1956,
        ),
        Period(
            1991,
            2021,
            "Russia",
            ["Japan"],
            "Russia took over the USSR's administration at the end of 1991. Talks on a peace "
            "treaty and on the islands went on without agreement. "
            + (f"{JD1956} " if lesser else "")
            + POSITIONS,
            GORBACHEV,
        ),
        Period(
            2022,
            END_YEAR,
            "Russia",
            ["Japan"],
            "Russia suspended peace-treaty talks in 2022 and ended visa-free visits by former "
            f"residents. {POSITIONS}",
            SUSPENDED,
        ),
    ]
    return periods


def urup_periods() -> list[Period]:
    """Urup, north of the four: Russian side of the 1855 border, Japanese 1875-1945."""
    return [
        Period(1644, 1785, None, [], "Ainu land; no state administered the island.", SHOHO),
        Period(
            1786,
            1854,
            None,
            ["Russian Empire"],
            "No state administered the island regularly. Russia claimed the Kuril chain from "
            "1786; Russian and Japanese expeditions both reached Urup.",
            CATHERINE,
        ),
        Period(
            1855,
            1874,
            "Russian Empire",
            [],
            "The 1855 Treaty of Shimoda put Urup on the Russian side of the border.",
            SHIMODA,
        ),
        Period(
            1875,
            1944,
            "Japan",
            [],
            "Russia ceded Urup and the other Kurils north of it to Japan in 1875.",
            ST_PETERSBURG,
        ),
        Period(
            1945,
            1950,
            "USSR",
            [],
            "Soviet forces occupied the Kurils from the north in August and September 1945, "
            "and a Soviet decree of 1946 declared them Soviet territory.",
            DECREE_1946,
        ),
        Period(
            1951,
            1990,
            "USSR",
            [],
            "Japan renounced the Kurils in 1951 in a treaty the USSR did not sign. Japan's "
            "claim covers only the four islands south of Urup.",
            SF_1951,
        ),
        Period(
            1991,
            END_YEAR,
            "Russia",
            [],
            "Russia took over the USSR's administration at the end of 1991. Japan's claim "
            "covers only the four islands south of Urup.",
            SF_1951,
        ),
    ]


USSR_TO_RUSSIA = Change(
    USSR_END, "The USSR is dissolved; Russia continues its administration.", source=None
)


def changes_for(island: str) -> list[Change]:
    """In-year changes of control or claim, listed under the year they happened."""
    if island == "urup":
        return [
            Change("1786", "Russia claims the Kuril chain.", CATHERINE),
            Change("1855-02-07", "The Treaty of Shimoda puts Urup on the Russian side.", SHIMODA),
            Change("1875-05-07", "Russia cedes Urup and the Kurils north of it.", ST_PETERSBURG),
            Change(
                "1945-08-18",
                "Soviet forces land on Shumshu and go on to occupy the Kurils, Urup included "
                "(the date for Urup is not in the sources used here).",
                SHUMSHU_1945,
            ),
            Change(
                "1946-02-02", "A Soviet decree incorporates the Kurils into the USSR.", DECREE_1946
            ),
            Change("1951-09-08", "Japan renounces the Kurils at San Francisco.", SF_1951),
            USSR_TO_RUSSIA,
        ]
    landing = {
        "etorofu": Change("1945-08-28", "Soviet forces land on Etorofu.", ETOROFU_1945),
        "kunashiri": Change("1945-09-01", "Soviet forces land on Kunashiri.", KUNASHIRI_1945),
        "shikotan": Change("1945-09-01", "Soviet forces land on Shikotan.", KUNASHIRI_1945),
        "habomai": Change("1945-09-03/05", "Soviet forces occupy the Habomai.", HABOMAI_1945),
    }[island]
    changes = []
    if island in ("etorofu", "kunashiri"):
        changes.append(Change("1786", "Russia claims the Kuril chain.", CATHERINE))
    if island == "etorofu":
        changes.append(Change("1798", "A shogunate marker claims Etorofu for Japan.", MARKER))
    name = "the Habomai" if island == "habomai" else island.capitalize()
    verb = "are" if island == "habomai" else "is"
    changes += [
        Change("1799/1800", "Japan's shogunate takes the islands under direct rule.", DIRECT_RULE),
        Change("1855-02-07", f"The Treaty of Shimoda puts {name} on Japan's side.", SHIMODA),
        landing,
        Change(
            "1946-01-29",
            f"SCAPIN-677 tells Japan's government to stop governing {name}.",
            SCAPIN_677,
        ),
        Change("1946-02-02", f"A Soviet decree incorporates {name} into the USSR.", DECREE_1946),
        Change(
            "1951-09-08",
            f"Japan renounces the Kurils at San Francisco; Japan holds that {name} {verb} not "
            "among them.",
            SF_1951,
        ),
    ]
    if island in ("shikotan", "habomai"):
        changes.append(
            Change(
                "1956-10-19",
                f"The USSR agrees to transfer {name} to Japan after a peace treaty.",
                JD_1956,
            )
        )
    changes.append(USSR_TO_RUSSIA)
    return changes


def build_control(facts: Facts) -> dict[str, Any]:
    control: dict[str, Any] = {}
    for island in (*ISLAND_IDS, *CONTEXT_ISLANDS):
        periods = urup_periods() if island == "urup" else four_island_periods(island)
        expected = START_YEAR
        for p in periods:
            if p.start != expected or p.end < p.start:
                raise BuildError(f"{island}: periods leave a gap or overlap at {expected}")
            if p.administered_by is not None and p.administered_by not in STATES:
                raise BuildError(f"{island}: unknown state {p.administered_by!r}")
            if p.administered_by in p.claimed_by or not set(p.claimed_by) <= set(STATES):
                raise BuildError(f"{island} {p.start}: bad claimed_by {p.claimed_by!r}")
            expected = p.end + 1
        if expected != END_YEAR + 1:
            raise BuildError(f"{island}: periods end at {expected - 1}, not {END_YEAR}")
        changes = []
        for c in changes_for(island):
            if c.source is not None and normalise_date(facts.event(c.source)["date"]) != c.date:
                raise BuildError(f"{island}: change dated {c.date} disagrees with facts.json")
            changes.append(
                {
                    "date": c.date,
                    "year": int(c.date[:4]),
                    "text": f"{display_date(c.date)}: {c.text}",
                    "source_url": facts.url(c.source) if c.source else None,
                }
            )
        control[island] = {
            "periods": [
                {
                    "start": p.start,
                    "end": p.end,
                    "administered_by": p.administered_by,
                    "claimed_by": list(p.claimed_by),
                    "note": p.note,
                    "source_url": facts.url(p.source),
                }
                for p in periods
            ],
            "changes": changes,
        }
    return control


def build(facts_data: dict[str, Any]) -> dict[str, Any]:
    """The whole timeline document, ready to serialise."""
    facts = Facts(facts_data)
    expected = START_YEAR
    for era in ERAS:
        if era.start != expected or era.end < era.start:
            raise BuildError(f"eras leave a gap or overlap at {expected}")
        expected = era.end + 1
    if expected != END_YEAR + 1:
        raise BuildError(f"eras end at {expected - 1}, not {END_YEAR}")
    return {
        "about": (
            "Eras, dated events and year-by-year control of the four islands (and Urup, for "
            "context), 1644-2026. Generated by scripts/build_timeline.py from "
            "data/sources/facts.json; do not edit by hand. A year's status describes the end "
            "of that year; changes within it are listed under `changes`."
        ),
        "generated_by": "scripts/build_timeline.py",
        "facts": "data/sources/facts.json",
        "start_year": START_YEAR,
        "end_year": END_YEAR,
        "states": list(STATES),
        "eras": [
            {"id": e.id, "name": e.name, "start": e.start, "end": e.end, "summary": e.summary}
            for e in ERAS
        ],
        "events": build_events(facts),
        "control": build_control(facts),
    }


def render(doc: dict[str, Any]) -> str:
    """The one serialisation used, so that rebuilding gives identical bytes."""
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, default=DEFAULT_FACTS, help="facts.json to read")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="timeline.json to write")
    args = parser.parse_args(argv)
    try:
        facts_data = json.loads(args.facts.read_text(encoding="utf-8"))
        text = render(build(facts_data))
    except (OSError, json.JSONDecodeError, BuildError) as err:
        print(f"build_timeline: {err}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    doc = json.loads(text)
    print(f"wrote {args.out}: {len(doc['eras'])} eras, {len(doc['events'])} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
