"""The review page of a draft (kg.draft.review.render_review): written in Python here, used in
headless Chromium (Playwright, the network blocked, as tests/test_explorer.py does) below. The
draft is hand-made (tests/data/draft), so these tests do not depend on the drafter."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from test_explorer import Page, offline

from kg.draft.review import render_review
from kg.explorer.page import _EXTERNAL_REF

DATA = Path(__file__).parent / "data" / "draft-review"
ARTICLE = (DATA / "article.txt").read_text(encoding="utf-8")
DRAFT = yaml.safe_load((DATA / "draft.yaml").read_text(encoding="utf-8"))
KINDS = ["actors", "places", "events", "statements", "claims", "positions", "sources"]


def spans_of(draft) -> list[tuple[str, int, int]]:
    """(item id, start, end) of every span of ``draft``, in no particular order."""
    return [(item["id"], a, b) for kind in KINDS for item in draft.get(kind) or () for a, b in item["draft"]["spans"]]


class _Article(HTMLParser):
    """The text of the page's article and, for each span number, the text of the marks naming it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.marks, self.current = 0, [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "article":
            self.depth = 1
        elif self.depth:
            self.depth += 1
            assert tag == "mark", tag  # nothing but marks inside the article
            self.current = attrs["data-spans"].split()

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.current = None

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            for n in self.current or ():
                self.marks[int(n)] = self.marks.get(int(n), "") + data


def article_of(page: str) -> _Article:
    parser = _Article()
    parser.feed(page)
    return parser


# --- the page as written ---------------------------------------------------------------------

def test_every_span_is_one_set_of_marks_with_its_words():
    page = render_review(ARTICLE, DRAFT)
    parsed = article_of(page)
    assert "".join(parsed.text) == ARTICLE
    expected = sorted(ARTICLE[a:b] for _, a, b in spans_of(DRAFT))
    assert len(expected) == 19 and sorted(parsed.marks.values()) == expected
    assert not _EXTERNAL_REF.search(page) and not re.search(r"https?:|//", page.lower())


def test_spans_out_of_range_are_left_out_with_a_note():
    draft = {"actors": [
        {"id": "a", "name": "A", "draft": {"confidence": 0.5, "spans": [[0, 3], [5, 99], [-1, 2], [4, 4], [3, 1],
                                                                        ["x", 2], [1], "0-3", [True, 2], [0, 2.5]]}},
        {"id": "b", "name": "B", "draft": "yes"},
        {"id": "c", "name": "C", "draft": {"confidence": "very", "spans": [[0, 1]]}},
        {"id": "d", "name": "D"},
        "not an item",
    ], "claims": "not a list", "drafted_from": {"sha256": "0" * 64, "chars": 7}}
    page = render_review("abcdefghij", draft)
    parsed = article_of(page)
    assert sorted(parsed.marks.values()) == ["a", "abc"]
    notes = re.findall(r"<li>(.*?)</li>", page.split('<ul id="notes">')[1].split("</ul>")[0])
    assert len(notes) == 9 + 1 + 1 + 2, notes  # nine bad spans, a mark not a mapping, a bad confidence, the article
    notes = [html.unescape(n) for n in notes]
    assert "actor 'a': span '5, 99' is not a [start, end] pair inside the article (10 characters): left out" in notes
    assert "actor 'b': its 'draft' mark is not a mapping: left out" in notes
    assert "actor 'c': its draft confidence 'very' is not a number from 0 to 1" in notes
    # a draft mark however malformed still makes a draft, listed first, never "reviewed"
    confs = re.findall(r'<span class="conf[^"]*">([^<]*)</span><bdi class="id">([^<]*)</bdi>', page)
    assert confs == [("?", "b"), ("?", "c"), ("0.50", "a"), ("reviewed", "d")]


def test_lone_surrogates_and_nul_do_not_break_the_page():
    text = "a\ud800b\x00c"
    page = render_review(text, {"actors": [{"id": "x", "draft": {"confidence": 1, "spans": [[1, 4]]}}]},
                         title="t\udfff")
    page.encode("utf-8")  # no lone surrogate left
    assert article_of(page).marks == {0: "\ufffdb\ufffd"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=8),
       st.floats(allow_nan=True))
def test_any_text_and_spans_give_the_article_back(text, spans, confidence):
    """Whatever the text and the spans, the page holds the article (lone surrogates and NUL as U+FFFD)
    and each good span's words."""
    draft = {"events": [{"id": "e", "draft": {"confidence": confidence, "spans": [list(s) for s in spans]}}]}
    page = render_review(text, draft)
    page.encode("utf-8")
    clean = re.sub(r"[\ud800-\udfff\x00]", "\ufffd", text)
    parsed = article_of(page)
    assert "".join(parsed.text) == clean
    good = [(a, b) for a, b in spans if 0 <= a < b <= len(text)]
    assert sorted(parsed.marks) == list(range(len(good)))
    for n, (a, b) in enumerate(good):
        assert parsed.marks[n] == clean[a:b]


# --- in Chromium --------------------------------------------------------------------------------

class Review(Page):
    def open(self, path: Path) -> Review:
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-review-ready='1']", state="attached")
        return self

    def active_items(self) -> list[str]:
        return self.js("Array.from(document.querySelectorAll('li.item.active .id')).map(e => e.textContent)")

    def active_words(self) -> str:
        return self.js("Array.from(document.querySelectorAll('#article mark.active')).map(e => e.textContent).join('')")


@pytest.fixture
def review(browser):
    context, page = offline(browser, Review)
    yield page
    context.close()


@pytest.fixture
def review_page(tmp_path):
    path = tmp_path / "review.html"
    path.write_text(render_review(ARTICLE, DRAFT), encoding="utf-8")
    return path


def test_every_span_highlighted_and_items_grouped_least_sure_first(review, review_page):
    review.open(review_page)
    spans = review.js("Array.from(new Set(Array.from(document.querySelectorAll('#article mark'))"
                      ".flatMap(m => m.dataset.spans.split(' ')))).length")
    assert spans == len(spans_of(DRAFT)) == review.js("kgReview.spans")
    groups = review.js("Array.from(document.querySelectorAll('#items h2')).map(h => h.textContent)")
    assert groups == KINDS
    for kind in KINDS:
        shown = review.js("k => Array.from(document.querySelectorAll('#items h2')).find(h => h.textContent === k)"
                          ".nextElementSibling.querySelectorAll('.conf')", kind)
        confs = review.js("k => Array.from(Array.from(document.querySelectorAll('#items h2')).find(h => h.textContent"
                          " === k).nextElementSibling.querySelectorAll('.conf')).map(e => Number(e.textContent))", kind)
        assert shown is not None and confs == sorted(confs) and len(confs) == len(DRAFT[kind])
    review.check()


def test_clicking_a_span_selects_its_item_and_an_item_its_spans(review, review_page):
    page = review.open(review_page).page
    page.click("#article mark:text-is('Calvia')")
    assert review.active_items() == ["calvia"]
    assert review.js("document.getElementById('item-' + document.body.dataset.selectedItem).querySelector('.id')"
                     ".textContent") == "calvia"
    # "Norland" lies in two spans: the actor's (shortest, first) and the strike's (on a second click)
    page.click("#article mark:text-is('Norland')")
    assert review.active_items() == ["norland"] and review.active_words() == "Norland"
    page.click("#article mark:text-is('Norland')")
    assert review.active_items() == ["breck-depot-strike"]
    assert review.active_words() == "Norland aircraft struck a fuel depot in Breck"
    # an item: every one of its spans lights up, and only those
    page.click("li.item:has(.id:text-is('norland-killed-claim'))")
    assert review.active_items() == ["norland-killed-claim"]
    assert review.active_words() == "killing at least 12 Sudmark soldiersNorland's defence ministry said"
    page.keyboard.press("Tab")  # the items and highlights take the keyboard too
    review.check()


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
RTL = "\u202eevil\u202c"


@pytest.mark.parametrize("csp", [True, False])
def test_hostile_text_stays_text(review, tmp_path, csp):
    """Markup in the article, the items and the title shows as text; right-to-left overrides and
    astral characters are counted as Python counts them; a span at the very end of the text is
    highlighted; bad spans are noted. Without the Content-Security-Policy too: the escaping alone
    keeps the page inert."""
    article = f"A {HOSTILE} said 𝔄𝔅 {RTL} «quote» 😀"
    end = len(article)
    draft = {"actors": [
        {"id": "hostile", "name": HOSTILE, "description": RTL, "draft": {
            "confidence": 0.3, "spans": [[2, 2 + len(HOSTILE)], [end - 1, end], [end - 1, end + 5]],
            "reason": HOSTILE}},
        {"id": "fraktur", "name": "𝔄𝔅", "draft": {"confidence": 0.9, "spans": [[article.index("𝔄"), article.index("𝔄") + 2]]}},
        {"id": "rtl", "name": RTL, "draft": {"confidence": 0.5, "spans": [[article.index(RTL), article.index(RTL) + len(RTL)]]}},
    ], "statements": [{"id": "s", "quote": HOSTILE, "claims": [{"figure": HOSTILE, "draft": {"confidence": 0.2, "spans": [[0, 1]]}}],
                       "draft": {"confidence": 0.6, "spans": [[0, end]]}}]}
    text = render_review(article, draft, title=HOSTILE)
    if not csp:
        text, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
        assert removed == 1
    path = tmp_path / "hostile.html"
    path.write_text(text, encoding="utf-8")
    review.open(path)
    assert review.js("document.title") == HOSTILE
    assert review.js("document.getElementById('article').textContent") == article
    words = review.js("Array.from(document.querySelectorAll('#article mark')).map(m => [m.dataset.spans, m.textContent])")
    by_span: dict[str, str] = {}
    for numbers, piece in words:
        for n in numbers.split():
            by_span[n] = by_span.get(n, "") + piece
    assert sorted(by_span.values()) == sorted([HOSTILE, "😀", "𝔄𝔅", RTL, article, "A"])
    review.page.click("#article mark:text-is('😀')")
    assert review.active_items() == ["hostile"]
    names = review.js("Array.from(document.querySelectorAll('li.item dd bdi')).map(e => e.textContent)")
    assert HOSTILE in names and RTL in names
    assert review.js("document.querySelector('#notes').textContent").count("is not a [start, end] pair") == 1
    counts = review.js("['script', 'img', 'iframe', 'a'].map(t => document.getElementsByTagName(t).length)")
    assert counts == [2, 0, 0, 0]  # the data and our script; nothing made from the text
    review.check()


def test_no_request_but_the_file(review, review_page):
    page = review.open(review_page).page
    for mark in page.query_selector_all("#article mark")[:10]:
        mark.click()
    for item in page.query_selector_all("li.item")[:10]:
        item.click()
    page.wait_for_timeout(200)
    assert review.requests == [review_page.resolve().as_uri()]
    review.check()
