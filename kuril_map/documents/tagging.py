"""Find island names, years and dated events in a passage of English, Japanese or Russian text.

Every match keeps its character offsets in the passage, the text it matched and its value, so
an excerpt can highlight exactly what was found and a teacher can see why a passage was chosen.

Decisions (see docs/DOCUMENTS.md):
- A collective term for the disputed islands ("Northern Territories", "the four islands",
  "Southern Kurils", 北方領土, Южные Курилы, "the disputed Kuril Islands") tags all four.
- The plain "Kuril Islands"/"Kurils" (the whole chain from Hokkaido to Kamchatka) tags no island.
- A month and day without a year ("February 7") takes the last year named earlier in the
  same sentence, else the document's year; one that takes the document's year counts as
  "document date", not as text evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from kuril_map.islands import ISLAND_IDS, ISLANDS

ALL_FOUR = "all"  # value of an island match for a term that means all four islands
YEAR_MIN, YEAR_MAX = 1600, 2099
SOURCE_TEXT = "text"
SOURCE_DOCUMENT = "document date"
SOURCE_NONE = "none"
# An event named as background in a passage about later years ("in August 1945 the USSR broke
# the Neutrality Pact"): highlighted, but it does not date the passage.
SOURCE_CONTEXT = "context"

# Latin and Cyrillic letters: word boundaries for alphabetic scripts only, so a pattern with
# Japanese alternatives can use the same wrapper (Japanese has no spaces between words).
_LETTER = "A-Za-z\u00c0-\u024f\u0400-\u04ff"
_NOT_AFTER_LETTER = f"(?<![{_LETTER}])"
_NOT_BEFORE_LETTER = f"(?![{_LETTER}])"
# English endings still accepted after a name: Habomai's, Kunashiris, Shikotanese.
_LATIN_TAIL = rf"(?=(?:['’]s|s|ese|ians?)?{_NOT_BEFORE_LETTER})"
# Russian case endings and adjective forms: Итурупа, Кунашире, Шикотаном, кунаширский.
_RU_TAIL = r"(?:а|у|е|ом|ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|им|ими))?" + _NOT_BEFORE_LETTER
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff"
_KATAKANA = "\u30a0-\u30ff"

# Registry names not used for free-text tagging, because they also mean something else:
# Шпанберг/Shpanberg is the surname of the explorer Martin Spanberg; "плоские острова" is
# the ordinary phrase "flat islands". Their unambiguous forms are added in _EXTRA_ISLAND_PATTERNS.
_NOT_FOR_TAGGING = frozenset({"Шпанберг", "Shpanberg", "Плоские острова"})
# Also here: hiragana spellings (in texts for children, and in furigana written inline) and
# the Russian adjective of Хабомаи, whose vowel ending the registry's names cannot inflect.
_EXTRA_ISLAND_PATTERNS: dict[str, tuple[str, ...]] = {
    "etorofu": ("(?<![\u3040-\u309f])えとろふ(?:とう)?",),
    "kunashiri": ("(?<![\u3040-\u309f])くなしり(?:とう)?",),
    "shikotan": (
        r"остров\w{0,3}\s+Шпанберга",
        r"Shpanberg\s+Island",
        "(?<![\u3040-\u309f])しこたん(?:とう)?",
    ),
    "habomai": (
        r"(?-i:Плоски[ехм]\w{0,2}\s+остров\w{0,3})",
        "(?<![\u3040-\u309f])はぼまい(?:ぐんとう)?",
        r"(?<![A-Za-zА-Яа-яЁё])Хабомайск\w*",
    ),
}


@dataclass(frozen=True)
class Match:
    """One thing found in a passage: text[start:end] == text, with what it stands for."""

    start: int
    end: int
    text: str
    kind: str  # "island" | "year" | "event"
    value: str | int  # island id or ALL_FOUR; for years and events the (first) year
    value_to: int | None = None  # last year of a decade or range ("the 1950s" -> 1959)
    source: str = SOURCE_TEXT  # SOURCE_DOCUMENT when the year came from the document's date
    label: str = ""  # what matched, in words: "Joint Declaration", "decade", "Shōwa era year"

    @property
    def islands(self) -> frozenset[str]:
        """Island ids this match names (all four for a collective term, none for years)."""
        if self.kind != "island":
            return frozenset()
        return frozenset(ISLAND_IDS) if self.value == ALL_FOUR else frozenset({str(self.value)})

    @property
    def years(self) -> range:
        """Years this match stands for (empty for island matches)."""
        if self.kind == "island" or not isinstance(self.value, int):
            return range(0)
        return range(self.value, (self.value_to or self.value) + 1)


@dataclass(frozen=True)
class TagResult:
    """Everything found in one passage."""

    islands: frozenset[str]
    years: frozenset[int]
    year_source: str  # "text" | "document date" | "none"
    matches: list[Match]


@dataclass(frozen=True)
class _Rule:
    """A named pattern; `make` turns a regex match into a Match, or None to reject it."""

    name: str
    regex: re.Pattern[str]
    make: Callable[[re.Match[str]], Match | None]


# ---------------------------------------------------------------- islands


def _script(name: str) -> str:
    """'cjk', 'cyrillic' or 'latin': decides how a name's boundaries are matched."""
    if re.search(f"[{_IDEOGRAPH}\u3040-\u30ff]", name):
        return "cjk"
    if re.search("[\u0400-\u04ff]", name):
        return "cyrillic"
    return "latin"


def _flexible(name: str) -> str:
    """Regex for a name whose words may be joined by spaces or hyphens ("Etorofu-tō")."""
    words = [re.escape(w) for w in re.split(r"[\s\-‐–]+", name.strip()) if w]
    return r"[\s\-‐–]*".join(words)


# Kanji that make the name before them a place: a village, district, town, bay or port.
_PLACE_SUFFIX = "[村郡町湾港]"


def _cjk_pattern(name: str) -> str:
    """A Japanese name. Bare two-kanji names must not follow another kanji (帰国後 is not 国後),
    unless a place word follows them: 花咲郡歯舞村 is the village of Habomai, 色丹郡 a district."""
    body = re.escape(name)
    if re.fullmatch(f"[{_KATAKANA}]+", name):
        return f"(?<![{_KATAKANA}]){body}(?![{_KATAKANA}])"
    if not name.endswith("島"):
        return f"(?:(?<![{_IDEOGRAPH}]){body}|{body}(?={_PLACE_SUFFIX}))"
    return body


_RU_ADJECTIVE = re.compile("(?:ый|ий|ой|ая|ое|ые|ие)$", re.IGNORECASE)
_RU_ADJECTIVE_ENDINGS = "(?:ый|ий|ой|ая|ое|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|ых|их|ыми|ими)"


def _ru_flexible(name: str) -> str:
    """A Russian name of several words: an adjective before the last word declines with it
    («Фигурный остров», «к Фигурному острову»); the last word takes its ending separately."""
    words = [w for w in re.split(r"[\s\-‐–]+", name.strip()) if w]
    parts = [
        re.escape(w[:-2]) + _RU_ADJECTIVE_ENDINGS if _RU_ADJECTIVE.search(w) else re.escape(w)
        for w in words[:-1]
    ]
    return r"[\s\-‐–]*".join([*parts, re.escape(words[-1])])


def island_name_pattern(name: str) -> str:
    """Regex for one registry name in running text, aware of its script's word boundaries."""
    script = _script(name)
    if script == "cjk":
        return _cjk_pattern(name)
    body = _flexible(name)
    if script == "cyrillic":
        body = _ru_flexible(name)
        tail = _RU_TAIL if name[-1].lower() not in "аеёиоуыэюя" else _NOT_BEFORE_LETTER
        return _NOT_AFTER_LETTER + body + tail
    return _NOT_AFTER_LETTER + body + _LATIN_TAIL


def _island_names() -> list[tuple[str, str]]:
    """(pattern, island id) for every taggable name, longest names first."""
    pairs = [
        (name, island.id)
        for island in ISLANDS.values()
        for name in island.all_names()
        if name not in _NOT_FOR_TAGGING
    ]
    pairs.sort(key=lambda pair: -len(pair[0]))
    patterns = [(island_name_pattern(name), island_id) for name, island_id in pairs]
    extra = [(p, i) for i, ps in _EXTRA_ISLAND_PATTERNS.items() for p in ps]
    return extra + patterns


_KURIL_CHAIN = r"Kurile?(?:s|\s+(?:islands|chain|archipelago))"
_KURIL_RU = r"Курил\w*"
# Terms that mean the four disputed islands together. The plain "Kuril Islands" is the whole
# chain and is deliberately absent; "southern" or "disputed" Kurils are the four.
COLLECTIVE_PATTERNS: tuple[str, ...] = (
    r"Northern\s+Territories",
    r"Hopp[oō]\s+Ry[oō]do",
    r"(?:the\s+|all\s+|these\s+)?four\s+(?:(?:northern|southern|disputed|contested|Kurile?)\s+)*"
    r"islands",
    rf"south(?:ern)?\s+(?:part\s+of\s+the\s+)?{_KURIL_CHAIN}",
    rf"(?:the\s+)?(?:disputed|contested)\s+(?:southern\s+)?{_KURIL_CHAIN}",
    "北方領土",
    "北方四島",
    "南千島",
    "四島",
    rf"южн\w*\s+(?:част\w*\s+)?{_KURIL_RU}(?:\s+остров\w*)?",
    rf"(?:спорн|оспариваем)\w*\s+(?:южн\w*\s+)?{_KURIL_RU}(?:\s+остров\w*)?",
    # «южнокурильские острова» in one word; not the town Южно-Курильск or its district.
    r"южнокурильск\w*\s+остров\w*",
    r"четыр(?:е|[её]х)\s+(?:(?:южн|северн|спорн|курильск)\w*\s+)*остров\w*",
    r"Северн\w*\s+территори\w*",
)


def _bounded(pattern: str) -> str:
    """Wrap a pattern so it neither starts nor ends inside a Latin or Cyrillic word."""
    return f"{_NOT_AFTER_LETTER}(?:{pattern}){_NOT_BEFORE_LETTER}"


def _island_maker(value: str, label: str) -> Callable[[re.Match[str]], Match]:
    def make(m: re.Match[str]) -> Match:
        return Match(m.start(), m.end(), m.group(0), "island", value, label=label)

    return make


def _island_rules() -> list[_Rule]:
    """One regex per island (its names longest first, so the longest form wins at a
    position) and one for the collective terms: fewer passes over the text."""
    by_island: dict[str, list[str]] = {}
    for pattern, island_id in _island_names():
        by_island.setdefault(island_id, []).append(pattern)
    rules = [
        _Rule(f"island:{i}", re.compile("|".join(ps), re.IGNORECASE), _island_maker(i, i))
        for i, ps in by_island.items()
    ]
    collective = "|".join(_bounded(p) for p in COLLECTIVE_PATTERNS)
    rules.append(
        _Rule(
            "island:collective",
            re.compile(collective, re.IGNORECASE),
            _island_maker(ALL_FOUR, "the four islands"),
        )
    )
    return rules


# ---------------------------------------------------------------- years

_Y = r"(?:1[6-9]\d\d|20\d\d)"
# A number followed by a unit is a quantity, not a year: "2000 km", "1700 troops", "2000人".
_UNIT = (
    r"(?!\s?(?:km|kilomet|mile|met(?:er|re)|m\b|ton|people|person|resident|inhabitant|troop|"
    r"soldier|yen|dollar|ruble|rouble|islander|household|ship|vessel|人|円|キロ|トン|км|тонн|"
    r"человек|жител|рубл|долл|солдат|военнослуж))"
)
_YEAR_RE = rf"(?<![\d$¥€£₽#№])(?<!\d[,.])(?P<year>{_Y})(?!\d|[,.]\d){_UNIT}"
_RANGE_RE = rf"(?<![\d,.])(?P<a>{_Y})\s?[-–—〜～]\s?(?P<b>{_Y}|\d\d)(?!\d)"
_DECADE_RE = (
    rf"(?:{_NOT_AFTER_LETTER}the\s+)?(?:(?:early|mid|late)[\s-]+)?(?<!\d)(?P<decade>1[6-9]\d0|20\d0)"
    rf"(?:['’]?s{_NOT_BEFORE_LETTER}|-?(?:е|х|ые|ых|ми){_NOT_BEFORE_LETTER}|年代)"
)
_NUMERIC_DATE_RE = rf"(?<![\d.])\d{{1,2}}[./]\d{{1,2}}[./](?P<year>{_Y})(?!\d)"

# Japanese era names and the Gregorian year of each era's first year (元年).
JAPANESE_ERAS: dict[str, tuple[int, int]] = {
    "安政": (1854, 7),
    "明治": (1868, 45),
    "大正": (1912, 15),
    "昭和": (1926, 64),
    "平成": (1989, 31),
    "令和": (2019, 99),
}
_ERA_RE = (
    "(?P<era>"
    + "|".join(JAPANESE_ERAS)
    + r")\s*(?P<n>元|\d{1,2}|[〇一二三四五六七八九十]{1,3})\s*年"
)
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
# A year in kanji digits, one per place (一八五四年, 一九四五年), as older texts and Diet records
# write it; not inside a longer kanji number.
_KANJI_YEAR_RE = (
    r"(?<![〇一二三四五六七八九十百千])(?P<kanji>[一二][〇一二三四五六七八九]{3})(?=年)"
)


def kanji_number(text: str) -> int | None:
    """Value of a small number written in kanji or digits: 三十一 -> 31, 元 -> 1, ２０ -> 20."""
    if text == "元":
        return 1
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text)) if text else None
    tens, _, ones = text.partition("十")
    if "十" in ones:
        return None
    return (_KANJI_DIGITS.get(tens, 0) if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def japanese_era_year(era: str, number: int) -> int | None:
    """Gregorian year of year `number` of a Japanese era (昭和20年 -> 1945), or None if invalid."""
    first, length = JAPANESE_ERAS[era]
    return first + number - 1 if 1 <= number <= length else None


def _year_match(m: re.Match[str], first: int, last: int | None, label: str) -> Match | None:
    if not (YEAR_MIN <= first <= YEAR_MAX) or (last is not None and not first < last <= YEAR_MAX):
        return None
    return Match(m.start(), m.end(), m.group(0), "year", first, last, label=label)


def _make_year(m: re.Match[str]) -> Match | None:
    return _year_match(m, int(m.group("year")), None, "year")


def _make_range(m: re.Match[str]) -> Match | None:
    first, b = int(m.group("a")), m.group("b")
    last = int(b) if len(b) == 4 else first // 100 * 100 + int(b)
    return _year_match(m, first, last, "range")


def _make_decade(m: re.Match[str]) -> Match | None:
    first = int(m.group("decade"))
    return _year_match(m, first, first + 9, "decade")


def _make_era(m: re.Match[str]) -> Match | None:
    number = kanji_number(m.group("n"))
    year = japanese_era_year(m.group("era"), number) if number else None
    return _year_match(m, year, None, f"{m.group('era')} era year") if year else None


def _make_kanji_year(m: re.Match[str]) -> Match | None:
    year = int("".join(str(_KANJI_DIGITS[c]) for c in m.group("kanji")))
    return _year_match(m, year, None, "year in kanji digits")


def _year_rules() -> list[_Rule]:
    specs: list[tuple[str, str, Callable[[re.Match[str]], Match | None]]] = [
        ("year", _YEAR_RE, _make_year),
        ("year range", _RANGE_RE, _make_range),
        ("decade", _DECADE_RE, _make_decade),
        ("numeric date", _NUMERIC_DATE_RE, _make_year),
        ("japanese era", _ERA_RE, _make_era),
        ("kanji year", _KANJI_YEAR_RE, _make_kanji_year),
    ]
    return [_Rule(name, re.compile(p, re.IGNORECASE), make) for name, p, make in specs]


# ---------------------------------------------------------------- month and day without year

_MONTHS_EN = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS_RU = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
_NO_YEAR_AFTER = r"(?!\s*,?\s*\d)"
# Month names stay case-sensitive so the verb "may" is not a month.
DAY_PATTERNS: tuple[str, ...] = (
    rf"{_NOT_AFTER_LETTER}{_MONTHS_EN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d){_NO_YEAR_AFTER}",
    rf"(?<![\d.])\d{{1,2}}\s+{_MONTHS_EN}{_NOT_BEFORE_LETTER}{_NO_YEAR_AFTER}",
    rf"(?<![\d.])\d{{1,2}}\s+{_MONTHS_RU}{_NOT_BEFORE_LETTER}(?!\s+\d)",
    r"(?<![\d年])\d{1,2}月\d{1,2}日",
)
_DAY_RES = tuple(re.compile(p) for p in DAY_PATTERNS)


# ---------------------------------------------------------------- named events

# (label, year, pattern): events named in words, in English, Japanese and Russian.
# "Northern Territories Day" is deliberately absent: it names a yearly day, not one year.
EVENTS: tuple[tuple[str, int, str], ...] = (
    (
        "Treaty of Shimoda",
        1855,
        r"Treaty\s+of\s+Shimoda|Shimoda\s+Treaty|日[露魯](?:和親|通好)[条條]約|下田[条條]約|"
        r"日本[國国]魯西亞[國国]通好[條条]約|Симодск\w*\s+(?:трактат|договор)\w*",
    ),
    (
        "Treaty of Saint Petersburg",
        1875,
        r"Treaty\s+of\s+(?:Saint|St\.?)\s+Petersburg|(?:Saint|St\.?)\s+Petersburg\s+Treaty|"
        r"(?:樺太・?千島|千島・?樺太)交換[条條]約|Петербургск\w*\s+договор\w*",
    ),
    ("Treaty of Portsmouth", 1905, r"(?:Treaty\s+of\s+)?Portsmouth|ポーツマス条約|Портсмутск\w*"),
    (
        "Neutrality Pact",
        1941,
        r"Neutrality\s+(?:Pact|Treaty)|日ソ中立条約|пакт\w*\s+о\s+нейтралитете",
    ),
    ("Cairo Declaration", 1943, r"Cairo\s+Declaration|カイロ宣言|Каирск\w*\s+деклараци\w*"),
    ("Yalta Conference", 1945, r"Yalta|ヤルタ|Ялт(?:а|ы|е|у|ой|инск\w*)"),
    ("Potsdam Declaration", 1945, r"Potsdam\s+Declaration|ポツダム宣言|Потсдамск\w*"),
    (
        "end of World War II",
        1945,
        r"end\s+of\s+(?:World\s+War\s+(?:II|2|Two)|the\s+Second\s+World\s+War|WWII|WW2|"
        r"the\s+war(?!\s+in\s+Ukraine))|終戦|"
        r"(?:окончани|конц|кон[еe]ц)\w*\s+(?:Второй\s+мировой\s+)?войны(?!\s+на\s+Украине|\s+в\s+Украине)",
    ),
    (
        "San Francisco Peace Treaty",
        1951,
        r"San\s+Francisco\s+(?:Peace\s+)?(?:Treaty|Conference)|Treaty\s+of\s+San\s+Francisco|"
        r"サンフランシスコ(?:平和|講和)条約|Сан-Францисск\w*",
    ),
    (
        "Joint Declaration",
        1956,
        r"(?:(?:Soviet|Japan|Japanese)[-–\s](?:Japanese|Soviet|Japan)\s+)?Joint\s+Declaration|"
        r"日ソ共同宣言|(?:Советско-японск\w*\s+)?совместн\w*\s+деклараци\w*|"
        r"Советско-японск\w*\s+деклараци\w*",
    ),
    ("Tokyo Declaration", 1993, r"Tokyo\s+Declaration|東京宣言|Токийск\w*\s+деклараци\w*"),
    ("Irkutsk Statement", 2001, r"Irkutsk\s+Statement|イルクーツク声明|Иркутск\w*\s+заявлени\w*"),
    (
        "invasion of Ukraine",
        2022,
        r"(?:full[-\s]scale\s+)?invasion\s+of\s+Ukraine|invaded\s+Ukraine|war\s+in\s+Ukraine|"
        r"special\s+military\s+operation|ウクライナ(?:侵攻|侵略)|"
        r"вторжени\w*\s+(?:в|на)\s+Украин\w*|специальн\w*\s+военн\w*\s+операци\w*",
    ),
    (
        "G7 Hiroshima Summit",
        2023,
        r"G7\s+Hiroshima\s+Summit|Hiroshima\s+(?:G7\s+)?Summit|G7\s*広島サミット|"
        r"саммит\w*\s+(?:G7|«?Большой\s+семерки»?)\s+в\s+Хиросиме",
    ),
)


def _event_maker(label: str, year: int) -> Callable[[re.Match[str]], Match]:
    def make(m: re.Match[str]) -> Match:
        return Match(m.start(), m.end(), m.group(0), "event", year, label=label)

    return make


def _event_rules() -> list[_Rule]:
    return [
        _Rule(
            f"event:{label}",
            re.compile(_bounded(p), re.IGNORECASE),
            _event_maker(label, year),
        )
        for label, year, p in EVENTS
    ]


_RULES: tuple[_Rule, ...] = (*_island_rules(), *_year_rules(), *_event_rules())


# ---------------------------------------------------------------- tagging


def _candidates(text: str, rules: Iterable[_Rule]) -> Iterator[Match]:
    for rule in rules:
        for m in rule.regex.finditer(text):
            found = rule.make(m)
            if found is not None:
                yield found


def _non_overlapping(matches: Iterable[Match]) -> list[Match]:
    """Keep the earliest match, and of those starting together the longest; drop overlaps."""
    kept: list[Match] = []
    end = -1
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= end:
            kept.append(match)
            end = match.end
    return kept


def _day_matches(text: str, found: list[Match], document_year: int | None) -> list[Match]:
    """Month-day mentions without a year, dated by the latest earlier year or the document."""
    days = []
    for regex in _DAY_RES:
        for m in regex.finditer(text):
            year = _year_in_sentence_before(text, found, m.start())
            source = SOURCE_TEXT
            if year is None:
                year, source = document_year, SOURCE_DOCUMENT
            if year is not None:
                days.append(
                    Match(m.start(), m.end(), m.group(0), "year", year, None, source, "date")
                )
    return days


def _year_in_sentence_before(text: str, found: list[Match], position: int) -> int | None:
    """The last single year named earlier in the same sentence ("In 2024 ... on May 3")."""
    sentence_start = max(text.rfind(end, 0, position) for end in (". ", "! ", "? ", "。", "\n"))
    earlier = [
        m
        for m in found
        if m.kind == "year" and m.value_to is None and sentence_start < m.start < position
    ]
    return int(earlier[-1].value) if earlier else None


def find_matches(text: str, document_year: int | None = None) -> list[Match]:
    """All island, year and event matches in `text`, in order, none overlapping."""
    found = _non_overlapping(_candidates(text, _RULES))
    return _non_overlapping([*found, *_day_matches(text, found, document_year)])


# Events that date what the sentence itself tells ("at the end of the war I was twelve", 終戦時),
# so they are never mere background.
TIME_REFERENCES = frozenset({"end of World War II"})


def mark_context_events(matches: list[Match]) -> list[Match]:
    """Events named without a year in a passage whose written years all come later are
    background (the 1941 Neutrality Pact in a passage about 1945): they keep their match but
    take SOURCE_CONTEXT, so they do not pull the passage back to the event's year."""
    written = [int(m.value) for m in matches if m.kind == "year" and m.source == SOURCE_TEXT]
    if not written:
        return matches
    first = min(written)
    return [
        replace(m, source=SOURCE_CONTEXT)
        if m.kind == "event" and m.label not in TIME_REFERENCES and int(m.value) < first
        else m
        for m in matches
    ]


def dated(matches: Iterable[Match]) -> list[Match]:
    """The year and event matches that date the passage (background events left out)."""
    return [m for m in matches if m.kind != "island" and m.source != SOURCE_CONTEXT]


def tag_text(text: str, document_year: int | None = None) -> TagResult:
    """Tag a passage; with no year in the text its years fall back to the document's year."""
    matches = mark_context_events(find_matches(text, document_year))
    islands = frozenset().union(*(m.islands for m in matches))
    years = frozenset(y for m in dated(matches) for y in m.years)
    if any(m.source == SOURCE_TEXT and m.kind != "island" for m in matches):
        source = SOURCE_TEXT
    elif years:
        source = SOURCE_DOCUMENT
    elif document_year is not None:
        years, source = frozenset({document_year}), SOURCE_DOCUMENT
    else:
        source = SOURCE_NONE
    return TagResult(islands, years, source, matches)
