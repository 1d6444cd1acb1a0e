"""The query page served by ``kg serve``, driven in headless Chromium with Playwright.

A real server runs as a subprocess on a built seed store; Debian's Chromium loads the page and
is used as an analyst would: choosing a named query and filling its parameters, typing SPARQL,
following an IRI, downloading a result. Every request the page makes is recorded and must go
to the server's own 127.0.0.1 origin; the browser's network is blocked besides (a refusing
proxy, no name resolution), so anything fetched from elsewhere would fail and show. The page
must also run without console errors and without a Content-Security-Policy violation.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

STARTUP_S = 30
TIMEOUT_MS = 20_000
MEDIATORS = ["Qatar", "Türkiye", "Saudi Arabia"]


# --- fixtures ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, accept: str | None = None, timeout: float = 10):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a ``kg serve`` subprocess on the seed store; stopped after the module."""
    from kg.build import build
    from kg.data import seed_path

    root = tmp_path_factory.mktemp("query-page")
    store = root / "store"
    build([seed_path()], store)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(root / "server.log", "w+b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, cwd=root,
    )

    def server_log() -> str:
        log.flush()
        log.seek(0)
        return log.read().decode("utf-8", "replace")[-3000:]

    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"kg serve exited with code {proc.returncode} before answering /health:\n{server_log()}")
            try:
                status, _, body = _get(base + "/health", timeout=2)
                if status == 200 and json.loads(body).get("status") == "ok":
                    break
            except (OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"kg serve did not answer /health within {STARTUP_S} s:\n{server_log()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


class Recorder:
    """Every request, console error, page error and CSP violation of one page."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.requests: list[tuple[str, str]] = []
        self.console_errors: list[tuple[str, str]] = []  # (text, url of the resource or script)
        self.page_errors: list[str] = []
        page.on("request", lambda r: self.requests.append((r.method, r.url)))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append((message.text, (message.location or {}).get("url", "")))

    def open(self, path: str = "/"):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"GET {path}: HTTP {response.status}"
        csp = response.headers.get("content-security-policy", "")
        assert "'self'" in csp, f"the page must be served with a CSP allowing only 'self', got {csp!r}"
        # the named queries have arrived when the select lists them
        self.page.wait_for_selector("#named-query option[value='mediators']", state="attached")
        return response

    def check(self, expected_failures: tuple[str, ...] = ()):
        """No request left the server's origin; no console error, page error or CSP violation.

        Chromium logs every HTTP error answer as a console error ("Failed to load resource");
        ``expected_failures`` are the paths whose error answers the test asked for. The
        browser's own request for /favicon.ico (the page asks for no icon) may fail.
        """
        expected_failures = (*expected_failures, "/favicon.ico")
        outside = [f"{m} {u}" for m, u in self.requests if not u.startswith(self.base + "/")]
        assert not outside, f"requests that left {self.base}: {outside}"
        assert not self.page_errors, f"uncaught errors in the page: {self.page_errors}"
        expected = tuple(self.base + p for p in expected_failures)
        errors = [f"{text} ({url})" for text, url in self.console_errors
                  if not (text.startswith("Failed to load resource") and url.startswith(expected))]
        assert not errors, f"console errors: {errors}"
        violations = self.page.evaluate("window.__csp || []")
        assert not violations, f"CSP violations: {violations}"


@pytest.fixture
def rec(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    recorder = Recorder(page, server)
    yield recorder
    context.close()


# --- helpers ----------------------------------------------------------------------------------

def table(page) -> tuple[list[str], list[list[str]]]:
    """The result table's header (without the row-number column) and cells, as text."""
    return page.evaluate(
        """() => {
          const t = document.querySelector('#result-body table');
          if (!t) return [[], []];
          const text = (cells) => Array.from(cells).slice(1).map(c => c.textContent);
          return [text(t.tHead.rows[0].cells), Array.from(t.tBodies[0].rows).map(r => text(r.cells))];
        }"""
    )


def column(page, name: str) -> list[str]:
    header, rows = table(page)
    assert name in header, f"no column {name!r} in {header}"
    i = header.index(name)
    return [r[i] for r in rows]


def run_and_wait(page, trigger) -> None:
    """Start a run with ``trigger()`` and wait until the page shows its outcome."""
    page.evaluate("document.getElementById('result-status').textContent = ''")
    trigger()
    page.wait_for_function(
        "() => { const s = document.getElementById('result-status').textContent;"
        " return s && s !== 'Running…'; }"
    )


def run_mediators(page) -> None:
    page.select_option("#named-query", "mediators")
    page.fill("#param-party1", "pakistan")
    page.fill("#param-party2", "afghanistan")
    run_and_wait(page, lambda: page.click("#run"))


def set_query(page, text: str) -> None:
    page.fill("#editor", text)


def download_href(page, fmt: str) -> str:
    return page.get_attribute(f"#download-links a[data-format='{fmt}']", "href")


# --- tests ------------------------------------------------------------------------------------

def test_named_query_mediators(rec):
    page = rec.page
    rec.open()
    page.select_option("#named-query", "mediators")
    # its description, answers tag, parameter fields and SPARQL are shown
    assert page.is_visible("#named-details")
    assert page.text_content("#named-answers") == "CQ1"
    assert "mediated" in page.text_content("#named-title")
    assert "optional" in page.text_content("label[for='param-party1']")
    assert "SELECT DISTINCT ?mediatorLabel" in page.input_value("#editor")
    page.fill("#param-party1", "pakistan")
    page.fill("#param-party2", "afghanistan")
    run_and_wait(page, lambda: page.click("#run"))

    assert sorted(column(page, "mediatorLabel")) == sorted(MEDIATORS)
    assert page.text_content("#result-status").startswith("3 rows")
    # the readable columns the query declares; the rest one click away
    declared = ["mediatorLabel", "what", "date", "sideALabel", "sideBLabel", "status", "accordingTo", "disputedBy",
                "independentSources"]
    assert table(page)[0] == declared
    page.click(".qp-columns-toggle")
    assert "mediator" in table(page)[0] and len(table(page)[0]) > len(declared)
    page.click(".qp-columns-toggle")
    assert table(page)[0] == declared
    # the parameters went to the server as parameters, not pasted into query text
    runs = [u for m, u in rec.requests if "/queries/mediators" in u]
    assert runs, rec.requests
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(runs[-1]).query)
    assert query == {"party1": ["pakistan"], "party2": ["afghanistan"]}
    assert not [u for m, u in rec.requests if m == "POST"]
    # the named query's own download link keeps the parameters
    csv_href = download_href(page, "csv")
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(rec.base, csv_href))
    assert parts.path == "/queries/mediators"
    assert urllib.parse.parse_qs(parts.query) == {"party1": ["pakistan"], "party2": ["afghanistan"], "output": ["csv"]}
    status, headers, body = _get(urllib.parse.urljoin(rec.base, csv_href))
    assert headers.get_content_type() == "text/csv"
    assert body.decode("utf-8").splitlines()[0].startswith("mediatorLabel,")
    rec.check()


def test_free_sparql_with_ctrl_enter_and_csv_download(rec):
    page = rec.page
    rec.open()
    query = "SELECT DISTINCT ?who WHERE { ?s mkg:speaker/rdfs:label ?who } ORDER BY ?who"
    set_query(page, query)
    page.focus("#editor")
    page.press("#editor", "End")
    page.press("#editor", "Tab")
    assert page.input_value("#editor") == query + "  ", "Tab inserts two spaces"
    run_and_wait(page, lambda: page.press("#editor", "Control+Enter"))

    who = column(page, "who")
    assert "Khawaja Asif" in who and len(who) >= 3
    assert who == sorted(who)
    assert [u for m, u in rec.requests if m == "POST" and u == rec.base + "/sparql"]

    href = download_href(page, "csv")
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(rec.base, href))
    assert parts.path == "/sparql"
    params = urllib.parse.parse_qs(parts.query)
    assert params["output"] == ["csv"] and params["query"] == [query + "  "]
    status, headers, body = _get(urllib.parse.urljoin(rec.base, href))
    assert status == 200 and headers.get_content_type() == "text/csv"
    text = body.decode("utf-8")
    assert text.startswith("who\r\n") and "Khawaja Asif" in text
    # and the browser itself downloads it
    with page.expect_download() as info:
        page.click("#download-links a[data-format='csv']")
    assert Path(info.value.path()).read_bytes() == body
    assert {a for a in page.eval_on_selector_all("#download-links a", "as => as.map(a => a.dataset.format)")} == \
        {"csv", "tsv", "json", "xml"}
    rec.check()


def test_editing_a_named_query_switches_to_free_sparql(rec):
    page = rec.page
    rec.open()
    page.select_option("#named-query", "mediators")
    page.press("#editor", "End")
    page.type("#editor", "\nLIMIT 1")
    assert page.input_value("#named-query") == ""
    assert page.is_hidden("#named-details")
    assert "edited" in page.text_content("#mode-note")
    run_and_wait(page, lambda: page.click("#run"))
    # run on /sparql, unbound parameters: every pair, one row
    assert [u for m, u in rec.requests if m == "POST" and u.endswith("/sparql")]
    assert len(table(page)[1]) == 1
    rec.check()


def test_syntax_error_shows_the_servers_message(rec):
    page = rec.page
    rec.open()
    bad = "SELECT ?s WHERE {\n  ?s ?p\n}"
    set_query(page, bad)
    run_and_wait(page, lambda: page.click("#run"))
    shown = page.text_content("#result-body pre.qp-error-text")
    assert "^" in shown and "line" in shown
    # verbatim: the same text the server answers
    request = urllib.request.Request(
        rec.base + "/sparql", data=urllib.parse.urlencode({"query": bad}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 400
    assert shown == err.value.read().decode("utf-8")
    assert page.is_visible("#downloads") is False
    rec.check(expected_failures=("/sparql",))


def test_clicking_an_iri_follows_it(rec):
    page = rec.page
    rec.open()
    run_mediators(page)
    page.click(".qp-columns-toggle")  # the IRI columns are behind "show all columns"
    qatar = "https://w3id.org/mediation-kg/id/qatar"
    link = page.locator(f"#result-body a.qp-iri[data-iri='{qatar}']").first
    assert link.text_content() == "id:qatar", "IRIs show as prefixed names"
    assert link.get_attribute("title").startswith(qatar)
    run_and_wait(page, lambda: link.click())

    header, rows = table(page)
    assert header == ["subject", "predicate", "object"]
    assert ["id:qatar", "rdfs:label", "Qatar"] in rows
    assert any(r[2] == "id:qatar" and r[0] != "id:qatar" for r in rows), "incoming triples too"
    assert qatar in page.text_content("#resource")
    assert page.url.endswith("#follow=" + urllib.parse.quote(qatar, safe=""))
    assert qatar in page.input_value("#editor")
    rec.check()


def test_hostile_strings_show_as_text(rec):
    page = rec.page
    rec.open()
    hostile = '<img src=x onerror="document.title=1"><script>document.title=2</script>'
    query = ("SELECT ?text ?link WHERE { BIND(" + json.dumps(hostile) + "@en AS ?text) "
             "BIND(<javascript:document.title=3> AS ?link) }")
    set_query(page, query)
    run_and_wait(page, lambda: page.click("#run"))
    assert column(page, "text") == [hostile + "@en"]
    assert page.locator("#result-body img, #result-body script").count() == 0
    href = page.get_attribute("#result-body a.qp-iri", "href")
    assert href.startswith("#follow="), href
    assert page.title() == "SPARQL query · mediation-kg"
    rec.check()


def test_ask_and_construct(rec):
    page = rec.page
    rec.open()
    set_query(page, "ASK { ?m a mkg:Mediation }")
    run_and_wait(page, lambda: page.click("#run"))
    assert page.text_content("#result-body .qp-ask") == "Yes"

    set_query(page, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a mkg:Ceasefire ; rdfs:label ?l }")
    run_and_wait(page, lambda: page.click("#run"))
    turtle = page.text_content("#result-body pre.qp-turtle")
    assert "rdfs:label" in turtle or "rdf-schema#label" in turtle
    # the page offers what GET /formats lists (kg.formats), with each format's own file extension
    from kg import formats
    links = page.eval_on_selector_all("#download-links a", "as => as.map(a => [a.dataset.format, a.download])")
    assert links == [[f.name, "query." + f.extensions[0]] for f in formats.served(formats.RDF)]
    assert [name for name, _ in links[:4]] == ["turtle", "ntriples", "rdfxml", "jsonld"]
    status, headers, _ = _get(urllib.parse.urljoin(rec.base, download_href(page, "ntriples")))
    assert headers.get_content_type() == "application/n-triples"
    rec.check()


def test_graph_link_and_health(rec):
    page = rec.page
    rec.open()
    assert page.get_attribute("text=Relationship graph", "href") == "/graph"
    page.wait_for_function("() => document.getElementById('health').textContent.includes('quads')")
    _, _, body = _get(rec.base + "/health")
    quads = json.loads(body)["quads"]
    assert f"{quads:,} quads" in page.text_content("#health")
    rec.check()


def test_screenshots(rec, tmp_path):
    """Screenshots at 1200 px and at a phone's width, for a person to look at."""
    page = rec.page
    rec.open()
    run_mediators(page)
    shots = [tmp_path / "query-page-1200.png"]
    page.screenshot(path=str(shots[0]), full_page=True)
    page.set_viewport_size({"width": 420, "height": 900})
    shots.append(tmp_path / "query-page-420.png")
    page.screenshot(path=str(shots[1]), full_page=True)
    # nothing sticks out sideways at the narrow width but the scrollable result table
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 420px screen"
    artifacts = os.environ.get("KG_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, Path(artifacts) / shot.name)
    for shot in shots:
        assert shot.stat().st_size > 10_000
    rec.check()
