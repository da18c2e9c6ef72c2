"""Document text is shown, never run: a hostile document in a real browser.

A second app server reads its documents from a temporary folder (KURIL_MAP_SEEDS) holding a
document full of HTML, script and Markdown link tricks, in its text and its front matter, and
a broken file whose problem message quotes the same. Chromium must show all of it as
literal text: no script runs (window.__pwned, document.title, dialogs), and no <img>,
<script> or javascript: link made from the text exists in the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import AppServer, app_exceptions, serve_app, wait_for_app_idle

PAYLOAD_TITLE = (
    "<script>window.__pwned='title'</script><img src=x onerror=\"document.title='pwned'\">"
)
A_TAG = "<a href=\"javascript:window.__pwned='a'\">here</a>"
IFRAME = "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>"
HOSTILE = f"""---
title: {PAYLOAD_TITLE}
publisher: <b onmouseover=window.__pwned='publisher'>Evil Press</b>
perspective: <img src=x onerror=window.__pwned='perspective'>
url: https://example.org/"><script>window.__pwned='url'</script>
---
In 1855 Etorofu was named <script>window.__pwned='script'</script> in the treaty.

In 1855 the Treaty of Shimoda <img src=x onerror="window.__pwned='img'"> reached Etorofu.

In 1855 Etorofu [click me](javascript:window.__pwned='link') and {A_TAG}.

In 1855 Etorofu ![pic](x" onerror="window.__pwned='md-img') and {IFRAME} too.
"""
BROKEN = "---\n<img src=x onerror=window.__pwned='problem'>\n---\nEtorofu in 1855.\n"

# In the page: anything the hostile text could have turned into live markup.
JS_LIVE_MARKUP = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  title: document.title,
  imgs: [...document.querySelectorAll('img')].filter(
    i => i.getAttribute('src') === 'x' || i.hasAttribute('onerror')).length,
  scripts: [...document.querySelectorAll('script')].filter(
    s => s.textContent.includes('__pwned')).length,
  links: [...document.querySelectorAll('a[href]')].filter(
    a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length,
  handlers: [...document.querySelectorAll('[onerror],[onmouseover],[onload]')].length,
  iframes: [...document.querySelectorAll('iframe')].filter(
    f => (f.getAttribute('src') || '').startsWith('javascript')).length,
})"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on its own port, reading documents from a folder with hostile ones."""
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    (seeds / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (seeds / "broken.md").write_text(BROKEN, encoding="utf-8")
    env = {"KURIL_MAP_SEEDS": str(seeds), "KURIL_MAP_UPLOADS": "session"}
    with serve_app(env, name="hostile") as server:
        yield server


def test_hostile_document_shows_literally_and_runs_nothing(page, hostile_server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_server + "?year=1855")
    wait_for_app_idle(page)
    main = page.get_by_test_id("stMain")
    text = main.inner_text()

    # The text is there, character for character, in the panel.
    assert "<script>window.__pwned='script'</script>" in text
    assert "<img src=x onerror=\"window.__pwned='img'\">" in text
    assert "[click me](javascript:window.__pwned='link')" in text
    assert A_TAG in text and IFRAME in text
    assert "![pic](x\" onerror=\"window.__pwned='md-img')" in text
    assert "<script>window.__pwned='title'</script>" in text  # the title, in the citation
    assert "<img src=x onerror=window.__pwned='perspective'>" in text  # the perspective
    assert "<img src=x onerror=window.__pwned='problem'>" in text  # the problem message

    # Nothing from it became live markup, and nothing ran.
    live = page.evaluate(JS_LIVE_MARKUP)
    assert live == {
        "pwned": None,
        "title": live["title"],
        "imgs": 0,
        "scripts": 0,
        "links": 0,
        "handlers": 0,
        "iframes": 0,
    }
    assert "pwned" not in live["title"]
    assert dialogs == []
    assert app_exceptions(page) == []

    # Control: the same check does see markup that is live (so a pass above means something).
    page.evaluate(
        "() => { const d = document.createElement('div');"
        " d.innerHTML = '<img src=x onerror=\"window.__pwned=1\">'; document.body.append(d); }"
    )
    page.wait_for_function("() => window.__pwned === 1")
    assert page.evaluate(JS_LIVE_MARKUP)["imgs"] == 1


def test_searching_for_markup_shows_it_as_text(page, hostile_server) -> None:
    page.goto(hostile_server + "?year=1855")
    wait_for_app_idle(page)
    box = page.get_by_label("Search the documents")
    box.fill("onerror img")
    box.press("Enter")
    wait_for_app_idle(page)
    page.get_by_text("reached Etorofu", exact=False).first.wait_for()
    live = page.evaluate(JS_LIVE_MARKUP)
    assert (live["pwned"], live["imgs"], live["handlers"]) == (None, 0, 0)
    assert app_exceptions(page) == []


def _upload(page, name: str, data: bytes) -> None:
    page.get_by_text("Add your own document").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": data}
    )
    wait_for_app_idle(page)


def test_uploaded_document_is_tagged_shown_literally_and_kept_for_the_session(
    page, hostile_server
) -> None:
    page.goto(hostile_server + "?year=1855")
    wait_for_app_idle(page)
    from playwright.sync_api import expect  # here: the module loads even without playwright

    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("kept for this browser session only")

    mine = "In 1855 Kunashiri <img src=x onerror=window.__pwned='upload'> was Japanese.\n"
    _upload(page, "my<b>notes.txt", mine.encode())
    expect(main).to_contain_text("Added my_b_notes (1 passages)")  # the name is made safe
    expect(main).to_contain_text("<img src=x onerror=window.__pwned='upload'>")

    _upload(page, "empty.txt", b"")
    expect(main).to_contain_text("empty.txt: empty file")
    _upload(page, "latin.txt", "Étorofu 1855".encode("latin-1"))
    expect(main).to_contain_text("latin.txt, line 1: not UTF-8")
    # The refused files changed nothing: the upload is still there, nothing ran.
    expect(main).to_contain_text("was Japanese.")
    live = page.evaluate(JS_LIVE_MARKUP)
    assert (live["pwned"], live["imgs"], live["handlers"]) == (None, 0, 0)
    assert app_exceptions(page) == []
