"""User-interface translation with gettext: `_("Sources")` returns the text in the chosen language.

Catalogs are ordinary gettext `.po` files under kuril_map/locales/<lang>/LC_MESSAGES/; a
missing catalog or message falls back to English, so untranslated text is never lost.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "kuril_map"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: dict[str, str] = {"en": "English", "ja": "日本語", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("kuril_map_language", default=DEFAULT_LANGUAGE)
_cache: dict[str, gettext.NullTranslations] = {}


def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang` (English, the source language, needs none)."""
    if lang not in _cache:
        _cache[lang] = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True
        )
    return _cache[lang]


def set_language(lang: str) -> str:
    """Choose the language for this thread of work (each Streamlit session runs in its own)."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current.set(chosen)
    return chosen


def current_language() -> str:
    return _current.get()


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return translations(_current.get()).gettext(message)
