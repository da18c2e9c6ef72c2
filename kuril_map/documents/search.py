"""Full-text search over every passage, in English, Japanese and Russian, ranked like BM25.

Why these choices:
- Latin and Cyrillic text is cut into words, case-folded, with accents dropped (Etorofu-tō
  finds "to"; ё is е, but й stays й) and stemmed with the Snowball stemmers for English and
  Russian (the maintained `snowballstemmer` package): "Японией" must find "Японии", "мирный
  договор" "Мирного Договора", "treaties" "treaty". A query word of four or more characters
  also matches words it begins ("Итуруп" finds "итурупский").
- Japanese has no spaces, so runs of kanji and kana are indexed as overlapping character
  pairs (bigrams): "択捉島" is 択捉 + 捉島, found inside any longer run. A query word loses
  its inflected kana ending ("引き渡す" finds "引き渡し").
- Every word of the query must occur (AND): a query narrows, as teachers expect; BM25 then
  ranks by how often and how densely the words occur, rare words counting more.
- Results are Excerpts with segments marking the words found, in the original script, so
  the panel and the command line render them like any other excerpt (never as HTML).
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

from kuril_map.documents.excerpts import Excerpt, island_matches, segments_for_spans, year_matches
from kuril_map.documents.loading import Document, Passage
from kuril_map.documents.tagging import ALL_FOUR
from kuril_map.islands import resolve_island

K1 = 1.2  # BM25 term-frequency saturation
B = 0.75  # BM25 length normalisation
PREFIX_MIN = 4  # a query word this long also matches longer words it begins

_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff]+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")
_TOKEN = re.compile(f"{_WORD.pattern}|{_CJK_RUN.pattern}")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_HIRAGANA_END = re.compile("[\u3041-\u309f]+$")
_KEEP_MARKS = frozenset("й")  # ё folds to е on purpose: Russian text writes both
_STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
# A Snowball stemmer keeps the word it works on in itself, and Streamlit runs each session in
# a thread of its own: one at a time.
_STEM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Term:
    """One indexed unit: its normalised form, and where it sits in the text."""

    term: str
    start: int
    end: int
    cjk: bool = False


def fold(word: str) -> str:
    """Case-fold and drop accents (ō -> o, ё -> е), so spellings with and without them meet.

    Letter by letter, because й is a letter of its own, not и with a breve: decomposing it
    (NFKD) and dropping the mark would turn "Японией" into "япониеи", which no stem matches.
    """
    return "".join(_fold_letter(c) for c in word.casefold())


@functools.lru_cache(maxsize=4096)
def _fold_letter(letter: str) -> str:
    if letter in _KEEP_MARKS:
        return letter
    decomposed = unicodedata.normalize("NFKD", letter)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """The Snowball stem of a folded word: Russian for Cyrillic words, English otherwise.

    Proper names pass through the same stemmer as every other word of their script, so a
    name in the query and the same name in a passage always meet at one stem.
    """
    stemmer = _STEMMERS["ru" if _CYRILLIC.search(word) else "en"]
    with _STEM_LOCK:
        return stemmer.stemWord(word.replace("’", "'"))


@functools.lru_cache(maxsize=50_000)
def _normal(word: str) -> str:
    """fold + stem, remembered: the same words recur in every passage and every rerun."""
    return stem(fold(word))


@functools.lru_cache(maxsize=20_000)
def _indexed(text: str) -> tuple[tuple[Term, ...], Counter[str]]:
    """A passage's terms and their counts, remembered: the panel searches the same passages
    on every rerun. The Counter is shared, so it is only ever read."""
    found = tuple(terms(text))
    return found, Counter(t.term for t in found)


def terms(text: str) -> list[Term]:
    """The terms of `text` with their offsets: stemmed words, and CJK character bigrams."""
    found: list[Term] = []
    for m in _TOKEN.finditer(text):
        run = m.group(0)
        if _CJK_RUN.fullmatch(run):
            if len(run) == 1:
                found.append(Term(run, m.start(), m.end(), cjk=True))
            for i in range(len(run) - 1):
                found.append(Term(run[i : i + 2], m.start() + i, m.start() + i + 2, cjk=True))
        else:
            found.append(Term(_normal(run), m.start(), m.end()))
    return found


def query_words(query: str) -> list[list[Term]]:
    """The query as words, each a list of terms that must all occur (a CJK run's bigrams)."""
    words = []
    for m in _TOKEN.finditer(query):
        word_terms = terms(_without_okurigana(m.group(0)))
        if word_terms:
            words.append(word_terms)
    return words


def _without_okurigana(run: str) -> str:
    """A Japanese query word without its inflected kana ending: "引き渡す" is looked up as
    "引き渡", so it finds "引き渡し"; "同意した" finds "同意する". Only a run that has kanji or
    katakana before the ending is cut, and only in the query: passages keep every pair."""
    stripped = _HIRAGANA_END.sub("", run)
    return stripped if stripped and _CJK_RUN.fullmatch(run) else run


def _single_cjk(query_term: Term) -> bool:
    """A one-character Japanese query (島): it matches inside any pair holding it."""
    return query_term.cjk and len(query_term.term) == 1


def _term_matches(query_term: Term, term: Term) -> bool:
    """Exact for CJK and short words; a long enough Latin/Cyrillic word also as a prefix."""
    if _single_cjk(query_term):
        return term.cjk and query_term.term in term.term
    if query_term.cjk or term.cjk or len(query_term.term) < PREFIX_MIN:
        return term.term == query_term.term
    return term.term.startswith(query_term.term)


@dataclass
class Index:
    """Passages with their terms, and the statistics BM25 needs."""

    entries: list[tuple[Document, Passage, list[Term], Counter[str]]]
    avg_length: float
    vocabulary: Counter[str]  # document frequency: in how many passages a term occurs

    @classmethod
    def build(cls, documents: Iterable[Document]) -> Index:
        entries = []
        for doc in documents:
            for passage in doc.passages:
                found, counts = _indexed(passage.text)
                entries.append((doc, passage, list(found), counts))
        vocabulary: Counter[str] = Counter()
        for *_, counts in entries:
            vocabulary.update(counts.keys())
        avg = sum(len(e[2]) for e in entries) / len(entries) if entries else 0.0
        return cls(entries, avg, vocabulary)

    def expand(self, query_term: Term) -> frozenset[str]:
        """The indexed terms a query term stands for: itself, and longer words it begins
        (for one Japanese character, every pair holding it)."""
        if _single_cjk(query_term):
            return frozenset(
                t for t in self.vocabulary if query_term.term in t and _CJK_RUN.match(t)
            )
        if query_term.cjk or len(query_term.term) < PREFIX_MIN:
            return frozenset({query_term.term})
        return frozenset(t for t in self.vocabulary if t.startswith(query_term.term))

    def idf(self, document_frequency: int) -> float:
        n = len(self.entries)
        return math.log(1 + (n - document_frequency + 0.5) / (document_frequency + 0.5))


@dataclass(frozen=True)
class _QueryTerm:
    """A query term resolved against the index once: what it matches and its weight."""

    matches: frozenset[str]
    idf: float


def _resolve(index: Index, words: list[list[Term]]) -> list[_QueryTerm]:
    resolved = []
    for word in words:
        for query_term in word:
            matches = index.expand(query_term)
            df = sum(1 for *_, counts in index.entries if any(t in counts for t in matches))
            resolved.append(_QueryTerm(matches, index.idf(df)))
    return resolved


def _bm25(index: Index, query: list[_QueryTerm], counts: Counter[str], length: int) -> float | None:
    """BM25 of one passage, or None when some query term does not occur in it."""
    score = 0.0
    length_norm = 1 - B + B * length / (index.avg_length or 1)
    for query_term in query:
        tf = sum(counts[t] for t in query_term.matches if t in counts)
        if tf == 0:
            return None
        score += query_term.idf * tf * (K1 + 1) / (tf + K1 * length_norm)
    return score


def _found_spans(words: list[list[Term]], passage_terms: list[Term]) -> list[tuple[int, int]]:
    """Offsets of the passage's terms that a query term matched (bigrams merge later)."""
    spans = []
    for q in (q for word in words for q in word):
        for t in passage_terms:
            if not _term_matches(q, t):
                continue
            if _single_cjk(q):  # only the character itself, not the pair around it
                start = t.start + t.term.index(q.term)
                spans.append((start, start + 1))
            else:
                spans.append((t.start, t.end))
    return spans


def _island_ok(passage: Passage, island_id: str | None) -> bool:
    """No filter (None), any of the four ("all"), or one island by any name form."""
    if island_id is None:
        return True
    if island_id.strip().lower() == ALL_FOUR:
        return bool(passage.islands)
    return resolve_island(island_id) in passage.islands


def _years_ok(passage: Passage, years: tuple[int, int] | None) -> bool:
    return years is None or any(years[0] <= y <= years[1] for y in passage.years)


def _filter_spans(
    passage: Passage, island_id: str | None, years: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """What the filters matched, highlighted like the panel does: the island's names (and
    collective terms), and the years and events inside the span."""
    spans = []
    if island_id is not None:
        wanted = None if island_id.strip().lower() == ALL_FOUR else resolve_island(island_id)
        spans += [(m.start, m.end) for m in island_matches(passage, wanted)]
    if years is not None:
        spans += [(m.start, m.end) for m in year_matches(passage, *years)]
    return spans


def search(
    documents: Iterable[Document],
    query: str,
    island_id: str | None = None,
    years: tuple[int, int] | None = None,
    limit: int | None = None,
) -> list[Excerpt]:
    """Passages containing every word of `query`, best first by BM25 (ties keep document
    order). `island_id` None searches every passage, "all" those naming any of the four;
    `years` keeps passages with a year in the span. With a filter, the island's names and
    the span's years are highlighted too, as in the excerpt panel."""
    words = query_words(query)
    if not words:
        return []
    index = Index.build(documents)
    resolved = _resolve(index, words)
    found = []
    for doc, passage, passage_terms, counts in index.entries:
        if not (_island_ok(passage, island_id) and _years_ok(passage, years)):
            continue
        score = _bm25(index, resolved, counts, len(passage_terms))
        if score is None:
            continue
        spans = _found_spans(words, passage_terms) + _filter_spans(passage, island_id, years)
        found.append(
            Excerpt(passage, doc, round(score, 3), segments_for_spans(passage.text, spans), [doc])
        )
    ranked = sorted(found, key=lambda e: -e.score)
    return ranked if limit is None else ranked[: max(limit, 0)]
