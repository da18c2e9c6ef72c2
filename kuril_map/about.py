"""What the page and the atlas say about the history itself: the day it was last reviewed, and
where a reader can report an error.

One place for both, so the app's sidebar and the offline atlas cannot disagree. The day and the
address come from data/history/about.toml through the built history (`data_as_of`,
`report_url`, which $KURIL_MAP_REPORT_URL overrides); the words are the UI's, in the current
language of `kuril_map.i18n`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuril_map import history
from kuril_map.i18n import _, current_language, language
from kuril_map.safe_markdown import safe_url


@dataclass(frozen=True)
class About:
    """The history's date line and report link, in one language."""

    as_of: str  # "Data as of 1 Dec 2026."
    report_label: str  # "Report an error"
    report_url: str  # "" when no link is configured (or the configured one is not http/https)


def report_url(h: history.History | None = None) -> str:
    """The configured report address (percent-encoded) if it is a web address a browser may
    open, else "".

    The build checks about.toml's value; the environment override is checked only here, so a
    mistyped $KURIL_MAP_REPORT_URL (or a `javascript:` one) shows no link rather than a bad one.
    """
    return safe_url((h or history.load()).report_url) or ""


def about(h: history.History | None = None, lang: str | None = None) -> About:
    """The date line and the report link in `lang` (default: the current UI language)."""
    h = h or history.load()
    lang = lang or current_language()
    day = history.display_date(h.data_as_of, "day", lang)
    with language(lang):
        return About(
            as_of=_("Data as of {date}.").format(date=day),
            report_label=_("Report an error"),
            report_url=report_url(h),
        )
