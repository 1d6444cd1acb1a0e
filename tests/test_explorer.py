"""The HTML explorer written by kg.explorer, used in headless Chromium through Playwright.

Pages are opened from files with the network blocked: every request that is not for the
file itself is aborted and recorded (and must not happen), Chromium is given a proxy that
refuses and no name resolution besides. Each test also fails on a dialog (alert), an
uncaught error, a console error or a Content-Security-Policy violation. The page is driven
as a user would (slider, checkboxes, search box, clicks on the canvas, keyboard) and
through its automation hooks (window.kgExplorer); what is drawn is read back from the vis
DataSets (window.kgNodes, window.kgEdges).
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from kgtest import HERE, seed_store  # noqa: E402,F401  (fixture)
from test_render import (  # noqa: E402
    HOSTILE_LABEL,
    HOSTILE_QUOTE,
    ID,
    _png_stats,
    contract_graph,
)

from kg.explorer import render_html  # noqa: E402
from kg.explorer.styles import (  # noqa: E402
    DISPUTED_COLOUR,
    DISPUTED_DASHES,
    DISPUTED_MARK,
    RELATION_STYLES,
)

TIMEOUT_MS = 30_000
SEED_ACTORS = ["Pakistan", "Afghanistan", "Qatar", "Türkiye", "Saudi Arabia", "United Nations", "Iran", "Russia"]


# --- fixtures ---------------------------------------------------------------------------------

class Page:
    """One page of the explorer, with every request, dialog, error and CSP violation."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.aborted: list[str] = []
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.url = ""

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path) -> "Page":
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        # A selector, not wait_for_function: the page's CSP forbids the eval that polling needs.
        self.page.wait_for_selector("body[data-kg-ready='1']", state="attached")
        assert self.page.get_attribute("body", "data-kg-error") is None
        return self

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def check(self) -> None:
        """Only the file was requested; no dialog, error or CSP violation."""
        assert self.requests == [self.url], f"requests besides the page itself: {self.requests}"
        assert not self.aborted, self.aborted
        assert not self.dialogs, f"dialogs: {self.dialogs}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        violations = self.js("window.__csp || []")
        assert not violations, f"CSP violations: {violations}"

    # What is drawn, read back from the DataSets.

    def node_labels(self) -> list[str]:
        return self.js("kgNodes.get().map(n => n.label)")

    def hidden_nodes(self) -> set[str]:
        return set(self.js("kgNodes.get({filter: n => n.hidden === true}).map(n => n.id)"))

    def hidden_edges(self) -> set[tuple[str, str, str]]:
        return {tuple(e) for e in self.js(
            "kgEdges.get({filter: e => e.hidden === true}).map(e => [e.from, e.to, e.relation])")}

    def edge(self, source: str, target: str, relation: str) -> dict:
        found = self.js(
            "([f, t, r]) => kgEdges.get({filter: e => e.from === f && e.to === t && e.relation === r})"
            ".map(e => ({id: e.id, hidden: e.hidden === true, value: e.value}))",
            [source, target, relation],
        )
        assert len(found) == 1, found
        return found[0]

    def node_at(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        point = self.js("id => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", node_id)
        box = self.page.query_selector("#kg-network").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]


def offline(browser, wrap):
    """A page in a context of its own (1200x900) that may load file: URLs only: any other request is
    aborted and listed in ``page.aborted``. Returns (context, page); close the context when done."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = wrap(context.new_page())

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            page.aborted.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context, page


@pytest.fixture
def explorer(browser):
    context, page = offline(browser, Page)
    yield page
    context.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, seed_store):  # noqa: F811 - fixture
    from kg.graphs.project import actor_graph

    graph = actor_graph(seed_store)
    path = tmp_path_factory.mktemp("explorer") / "actors.html"
    render_html(graph, path, title="Seed actors")
    return path, graph


@pytest.fixture(scope="module")
def contract_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "events.html"
    render_html(contract_graph(), path, title="Events and claims", size_by="betweenness")
    return path


@pytest.fixture(scope="module")
def harrow_pages(tmp_path_factory):
    """The harrow scenario (three outlets, one mediation disputed, one strike corroborated, one
    shelling reported): its actors and claims graphs, each as a page."""
    from kg.build import build_memory
    from kg.graphs.project import project

    store = build_memory([HERE / "data" / "scenarios" / "harrow"])
    folder = tmp_path_factory.mktemp("harrow")
    pages = {}
    for name in ("actors", "claims"):
        graph = project(store, name)
        path = folder / f"{name}.html"
        render_html(graph, path, title=f"Harrow: {name}")
        pages[name] = path, graph
    return pages


def slider_position(page: Page, date: str) -> int:
    first = datetime.date.fromisoformat(page.js("kgExplorer.dateRange().min"))
    return (datetime.date.fromisoformat(date) - first).days


# --- the seed actor graph -------------------------------------------------------------------


def test_seed_actor_graph_is_drawn(explorer, seed_page):
    path, graph = seed_page
    explorer.open(path)
    labels = explorer.node_labels()
    for actor in SEED_ACTORS:
        assert actor in labels, f"{actor} not drawn; drawn: {sorted(labels)}"
    assert len(labels) == graph.number_of_nodes()
    assert explorer.page.get_attribute("body", "data-kg-nodes") == str(graph.number_of_nodes())
    assert explorer.page.get_attribute("body", "data-kg-edges") == str(graph.number_of_edges())
    assert explorer.js("kgExplorer.summary()")["edges"] == graph.number_of_edges()
    explorer.check()


def test_seed_date_slider_hides_the_february_strikes(explorer, seed_page):
    path, graph = seed_page
    page = explorer.open(path).page
    strikes = (ID + "pakistan", ID + "afghanistan", "attacked")
    assert graph.edges[strikes]["first"] > "2025-11-01"  # February 2026
    dated_later = {(u, v, k) for u, v, k, first in graph.edges(keys=True, data="first") if first and first > "2025-11-01"}
    assert strikes in dated_later and len(dated_later) < graph.number_of_edges()

    # Drag the slider (as fill does) to 2025-11-01.
    page.fill("#kg-asof", str(slider_position(explorer, "2025-11-01")))
    assert page.text_content("#kg-asof-text") == "2025-11-01"
    assert page.get_attribute("#kg-asof", "aria-valuetext") == "2025-11-01"
    assert explorer.hidden_edges() == dated_later
    assert explorer.edge(*strikes)["hidden"] is True
    assert explorer.edge(ID + "qatar", ID + "afghanistan", "mediated")["hidden"] is False  # from 2025-10
    assert explorer.edge(ID + "afghanistan", ID + "pakistan", "rejected")["hidden"] is False  # undated
    assert explorer.hidden_nodes() == set()  # actors have no dates
    assert "showing" in page.text_content("#kg-visible")

    # Back to "all dates" from the keyboard.
    page.focus("#kg-asof")
    page.keyboard.press("End")
    assert page.text_content("#kg-asof-text") == "all dates"
    assert explorer.hidden_edges() == set()
    assert explorer.js("kgExplorer.asOf()") is None
    explorer.check()


# --- dates, filters, search, claims on a graph of the data contract ---------------------------


def test_date_slider_on_events_and_aggregated_edges(explorer, contract_page):
    page = explorer.open(contract_page).page
    assert explorer.js("kgExplorer.dateRange()") == {"min": "2025-10-09", "max": "2026-02-27"}
    attacks = (ID + "pakistan", ID + "afghanistan", "attacked")
    assert explorer.edge(*attacks)["value"] == 3

    summary = explorer.js("kgExplorer.setAsOf('2025-11-01')")
    assert summary["asOf"] == "2025-11-01"
    assert page.text_content("#kg-asof-text") == "2025-11-01"
    later = {"strikes-feb26", "strikes-feb27", "operations", "offer",
             "chaudhry-killed", "mujahid-killed", "chaudhry-wounded", "mujahid-wounded"}
    assert explorer.hidden_nodes() == {ID + key for key in later}
    assert (summary["nodes"], summary["totalNodes"]) == (15 - len(later), 15)
    # The aggregated edge keeps its October item only, and says so.
    edge = explorer.edge(*attacks)
    assert edge["hidden"] is False and edge["value"] == 1
    tip = explorer.js("id => kgExplorer.tooltip(id).textContent", edge["id"])
    assert "Air strike on Kabul" in tip and "1 of 3" in tip and "Khost" not in tip
    # An aggregated edge whose items all come later is hidden; so are later dated edges.
    assert explorer.edge(ID + "afghanistan", ID + "pakistan", "attacked")["hidden"] is True
    assert explorer.edge(ID + "qatar", ID + "doha-talks", "mediated")["hidden"] is False
    assert explorer.edge(ID + "pakistan", ID + "ceasefire", "party-to-ceasefire")["hidden"] is False

    # Keyboard: Home goes to the earliest day, End to every date.
    page.focus("#kg-asof")
    page.keyboard.press("Home")
    assert page.text_content("#kg-asof-text") == "2025-10-09"
    assert explorer.edge(*attacks)["hidden"] is False and explorer.edge(*attacks)["value"] == 1
    assert ID + "doha-talks" in explorer.hidden_nodes()
    page.keyboard.press("End")
    assert page.text_content("#kg-asof-text") == "all dates"
    assert explorer.hidden_nodes() == set() and explorer.hidden_edges() == set()
    assert explorer.edge(*attacks)["value"] == 3
    tip = explorer.js("id => kgExplorer.tooltip(id).textContent", edge["id"])
    assert "Khost" in tip and "1 of 3" not in tip
    explorer.check()


def test_type_filters_hide_what_they_should_and_only_that(explorer, contract_page):
    page = explorer.open(contract_page).page
    strikes = {ID + "strikes-feb26", ID + "strikes-feb27"}
    page.uncheck("#kg-legend input[data-kind='AirStrike']")
    assert explorer.hidden_nodes() == strikes
    hidden = explorer.hidden_edges()
    assert hidden == {(ID + "pakistan", s, "attacked") for s in strikes}  # their edges, nothing else
    # Relations: the rival links only.
    page.uncheck("#kg-legend input[data-relation='rival']")
    assert explorer.hidden_edges() - hidden == {
        (ID + "chaudhry-killed", ID + "mujahid-killed", "rival"),
        (ID + "chaudhry-wounded", ID + "mujahid-wounded", "rival"),
    }
    assert explorer.hidden_nodes() == strikes
    # Filters and the date combine; the hooks keep the checkboxes in step.
    explorer.js("kgExplorer.setAsOf('2025-11-01')")
    assert strikes < explorer.hidden_nodes()
    explorer.js("kgExplorer.setKindVisible('AirStrike', true)")
    assert page.is_checked("#kg-legend input[data-kind='AirStrike']")
    assert strikes < explorer.hidden_nodes()  # still later than the date
    page.check("#kg-legend input[data-relation='rival']")
    page.click("#kg-reset")
    assert explorer.hidden_nodes() == set() and explorer.hidden_edges() == set()
    assert page.text_content("#kg-asof-text") == "all dates"
    explorer.check()


def test_search_finds_nodes_by_part_of_a_label(explorer, contract_page):
    page = explorer.open(contract_page).page
    page.fill("#kg-search", "strikes on")
    assert page.text_content("#kg-search-count") == "1 of 2 matches"
    results = page.eval_on_selector_all("#kg-search-results .kg-result-label", "els => els.map(e => e.textContent)")
    assert results == ["Pakistani strikes on Kabul, Kandahar and Paktia", "Pakistani strikes on Khost and Paktika"]
    assert sorted(explorer.js("kgNetwork.getSelectedNodes()")) == sorted([ID + "strikes-feb26", ID + "strikes-feb27"])
    page.press("#kg-search", "Enter")  # next match
    assert page.text_content("#kg-search-count") == "2 of 2 matches"
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-search-count") == "1 of 2 matches"
    # Case and accents do not matter; labels that start with the text come first.
    assert explorer.js("kgExplorer.search('TURK')")["ids"] == [ID + "turkiye"]
    assert explorer.js("kgExplorer.search('pak')")["ids"][:1] == [ID + "pakistan"]
    # Filtered-out nodes are not found.
    explorer.js("kgExplorer.setKindVisible('AirStrike', false)")
    page.fill("#kg-search", "strikes on")
    assert page.text_content("#kg-search-count") == "no match"
    page.press("#kg-search", "Escape")
    assert page.input_value("#kg-search") == "" and explorer.js("kgNetwork.getSelectedNodes()") == []
    explorer.check()


def test_claim_panel_shows_rival_figures_side_by_side(explorer, contract_page):
    page = explorer.open(contract_page).page
    assert page.is_hidden("#kg-panel")
    x, y = explorer.node_at(ID + "mujahid-killed")
    page.mouse.click(x, y)
    assert page.is_visible("#kg-panel")
    assert page.text_content("#kg-panel-title") == "A claim and its rival figures"
    assert page.text_content("#kg-panel-sub") == "Pakistani air and ground operations"
    header = page.eval_on_selector_all("#kg-panel thead th", "els => els.map(e => e.textContent)")
    assert header == ["Claimant", "Figure", "Measure", "Whose losses", "Date", "Verification", "Source"]
    rows = page.eval_on_selector_all(
        "#kg-panel tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    assert rows == [
        ["Ahmed Sharif Chaudhry", "at least 274", "killed", "Afghan forces and affiliated fighters", "2026-02-27",
         "not independently verified", "Al Jazeera, 2026-02-27"],
        ["Zabihullah Mujahid", "13", "killed", "Afghan soldiers", "2026-02-27",
         "not independently verified", "Al Jazeera, 2026-02-27"],
    ]
    assert page.get_attribute("#kg-panel tr.kg-current", "data-id") == ID + "mujahid-killed"
    page.keyboard.press("Escape")
    assert page.is_hidden("#kg-panel")

    # An event: every claim about it, grouped by measure; the close button closes.
    assert explorer.js("id => kgExplorer.openPanel(id)", ID + "operations") is True
    assert page.text_content("#kg-panel-title") == "Claims about this event"
    assert page.eval_on_selector_all("#kg-panel h3", "els => els.map(e => e.textContent)") == ["killed", "wounded"]
    figures = page.eval_on_selector_all("#kg-panel td.kg-col-figure", "els => els.map(e => e.textContent)")
    assert figures == ["at least 274", "13", "more than 400", "22"]
    page.click("#kg-panel-close")
    assert page.is_hidden("#kg-panel")
    assert explorer.js("id => kgExplorer.openPanel(id)", ID + "pakistan") is False  # no claims: no panel
    assert page.is_hidden("#kg-panel")
    explorer.check()


def test_size_by_can_be_switched_in_the_page(explorer, contract_page):
    page = explorer.open(contract_page).page
    value = "id => kgNodes.get(id).value"
    assert explorer.js(value, ID + "pakistan") == 0.5
    page.select_option("#kg-size", "degree")
    assert explorer.js(value, ID + "pakistan") == explorer.js("id => kgNodes.get(id).degree", ID + "pakistan")
    with pytest.raises(Exception, match="available: degree, betweenness"):
        explorer.js("kgExplorer.setSizeBy('closeness')")
    explorer.page_errors.clear()  # the hook's own error, thrown on purpose
    explorer.check()


# --- hostile strings --------------------------------------------------------------------------


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_hostile_strings_stay_text(explorer, tmp_path, csp):
    """Names and quotes holding markup show as text in tooltips, search results and the
    claim panel. Without the Content-Security-Policy too (which would block injected
    scripts anyway): the page itself never turns data into HTML."""
    page_text = render_html(contract_graph(hostile=True), title="<script>alert(5)</script>")
    if not csp:
        page_text, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page_text)
        assert removed == 1
    path = tmp_path / "hostile.html"
    path.write_text(page_text, encoding="utf-8")
    page = explorer.open(path).page

    # Tooltip, shown by hovering the node.
    x, y = explorer.node_at(ID + "hostile")
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.text_content("div.vis-tooltip")
    assert HOSTILE_LABEL in tooltip and HOSTILE_QUOTE in tooltip
    # Search results.
    page.fill("#kg-search", "onerror")
    results = page.eval_on_selector_all("#kg-search-results .kg-result-label", "els => els.map(e => e.textContent)")
    assert sorted(results) == sorted([HOSTILE_LABEL, "Hostile claim " + HOSTILE_LABEL])
    # The claim panel.
    assert explorer.js("id => kgExplorer.openPanel(id)", ID + "hostile-claim") is True
    row = page.eval_on_selector(
        f"#kg-panel tr[data-id='{ID}hostile-claim']", "r => Array.from(r.cells).map(c => c.textContent)")
    assert row == [HOSTILE_LABEL, "<b>about</b> 99", "killed", HOSTILE_LABEL, "2026-02-27", HOSTILE_QUOTE, HOSTILE_QUOTE,
                   "disputed by " + HOSTILE_QUOTE]
    assert page.text_content("#kg-panel-sub") == HOSTILE_QUOTE
    # An aggregated edge's item in its tooltip, and who asserts and who disputes it.
    edge_id = explorer.js("kgEdges.get({filter: e => e.from.endsWith('/hostile')})[0].id")
    tip = explorer.js("id => kgExplorer.tooltip(id).textContent", edge_id)
    assert HOSTILE_QUOTE in tip and "disputed by " + HOSTILE_LABEL in tip and "asserted by " + HOSTILE_QUOTE in tip

    # No element was made from the data: the page's own three scripts, no image, no link, no bold.
    counts = explorer.js(
        "['script', 'img', 'a', 'b', 'iframe'].map(t => document.getElementsByTagName(t).length)")
    assert counts == [3, 0, 0, 0, 0]
    assert explorer.js("document.title") == "<script>alert(5)</script>"
    explorer.check()


# --- offline, screenshot ----------------------------------------------------------------------


def test_no_request_but_the_file(explorer, contract_page, seed_page):
    for path in (contract_page, seed_page[0]):
        explorer.requests.clear()
        explorer.open(path)
        explorer.js("kgExplorer.setAsOf('2025-11-01'); kgExplorer.search('a'); kgExplorer.reset()")
        explorer.page.wait_for_timeout(300)
        assert explorer.requests == [path.resolve().as_uri()]
        explorer.check()


def test_screenshot_of_the_explorer(explorer, contract_page, tmp_path):
    page = explorer.open(contract_page).page
    explorer.js("id => kgExplorer.openPanel(id)", ID + "chaudhry-killed")
    page.wait_for_timeout(100)  # one frame
    folder = Path(os.environ.get("KG_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    png_path = folder / "explorer-events.png"
    page.screenshot(path=str(png_path))
    print(f"screenshot: {png_path}")
    width, height, distinct, nonzero = _png_stats(png_path.read_bytes())
    assert (width, height) == (1200, 900)
    assert distinct > 100, distinct
    assert nonzero > 0.008, nonzero  # a blank page: 0.0003 (see test_render)
    explorer.check()


# --- how each relation stands (issue 14: the harrow scenario) -----------------------------------

CALVIA, NORLAND, SUDMARK = ID + "calvia", ID + "norland", ID + "sudmark"
MEDIATIONS = {(CALVIA, NORLAND, "mediated"), (CALVIA, SUDMARK, "mediated")}


def edges_standing(graph, status: str) -> set[tuple[str, str, str]]:
    return {(u, v, k) for u, v, k, s in graph.edges(keys=True, data="status") if s == status}


def drawn(explorer: Page, edge_id: str) -> dict:
    """How vis-network draws an edge: the options it resolved from the page's data and its own."""
    return explorer.js(
        "id => { const o = kgNetwork.body.edges[id].options;"
        " return {color: o.color.color, dashes: o.dashes, label: o.label, font: o.font.color, size: o.font.size}; }",
        edge_id)


def test_a_disputed_relation_is_drawn_distinctly(explorer, harrow_pages):
    path, graph = harrow_pages["actors"]
    page = explorer.open(path).page
    assert edges_standing(graph, "disputed") == MEDIATIONS
    corroborated = (NORLAND, SUDMARK, "attacked")  # the strike on Breck, told by two outlets
    reported = (ID + "norland-army", SUDMARK, "attacked")  # the shelling of Ostra, on the army's word
    assert edges_standing(graph, "corroborated") == {corroborated}
    assert edges_standing(graph, "reported") == {reported}

    mediation = explorer.edge(CALVIA, NORLAND, "mediated")["id"]
    looks = {edge: drawn(explorer, explorer.edge(*edge)["id"]) for edge in (*MEDIATIONS, corroborated, reported)}
    for edge in MEDIATIONS:  # dark red, dash-dot, its label marked and written in dark red
        assert looks[edge] == {"color": DISPUTED_COLOUR, "dashes": list(DISPUTED_DASHES),
                               "label": f"{DISPUTED_MARK} mediated for (disputed)", "font": DISPUTED_COLOUR,
                               "size": 11}
    assert looks[corroborated] == {"color": RELATION_STYLES["attacked"][1], "dashes": False, "label": "attacked",
                                   "font": "#2d3748", "size": 11}  # solid, as its relation is
    assert looks[reported]["dashes"] == [2, 5] and looks[reported]["color"] == RELATION_STYLES["attacked"][1]
    # No other edge is drawn so: dash-dot and the dark red mean disputed, and only that.
    others = explorer.js("kgEdges.getIds()")
    others.remove(mediation)
    others.remove(explorer.edge(CALVIA, SUDMARK, "mediated")["id"])
    for edge_id in others:
        look = drawn(explorer, edge_id)
        assert look["dashes"] != list(DISPUTED_DASHES) and look["color"] != DISPUTED_COLOUR, look

    # The page's data says how each edge stands; the hook reads it.
    assert explorer.js("id => kgExplorer.standing(id)", mediation) == {
        "status": "disputed", "sources": None, "assertedBy": "Foreign Ministry of Calvia; Government of Sudmark",
        "disputedBy": "Government of Norland"}
    statuses = explorer.js("kgEdges.get().map(e => [e.from, e.to, e.relation, e.status])")
    assert {(u, v, k): s for u, v, k, s in statuses} == {(u, v, k): s for u, v, k, s in graph.edges(keys=True, data="status")}
    # The legend says how many edges stand each way, firmest first, each with its line.
    legend = page.eval_on_selector_all(
        ".kg-legend-standings li",
        "lis => lis.map(li => [li.querySelector('input').dataset.status, li.querySelector('.kg-line').className,"
        " li.querySelector('.kg-legend-text').textContent, li.querySelector('.kg-count').textContent])")
    assert legend == [
        ["corroborated", "kg-line kg-solid", "corroborated", "1"],
        ["stated", "kg-line kg-solid", "stated", "9"],
        ["reported", "kg-line kg-dotted", "reported only", "1"],
        ["disputed", "kg-line kg-dashdot", f"{DISPUTED_MARK} disputed", "2"],
    ]
    explorer.check()


def test_the_standing_filter_hides_exactly_its_edges(explorer, harrow_pages):
    path, graph = harrow_pages["actors"]
    page = explorer.open(path).page
    page.uncheck("#kg-legend input[data-status='disputed']")
    assert explorer.hidden_edges() == MEDIATIONS
    assert explorer.hidden_nodes() == set()  # Calvia stays: the filter is on relations
    assert explorer.js("kgExplorer.summary()")["edges"] == graph.number_of_edges() - 2
    # The hook and the checkbox keep in step; filters combine.
    explorer.js("kgExplorer.setStatusVisible('reported', false)")
    assert not page.is_checked("#kg-legend input[data-status='reported']")
    assert explorer.hidden_edges() == MEDIATIONS | edges_standing(graph, "reported")
    explorer.js("kgExplorer.setRelationVisible('attacked', false)")
    attacks = {(u, v, k) for u, v, k in graph.edges(keys=True) if k == "attacked"}
    assert explorer.hidden_edges() == MEDIATIONS | attacks
    explorer.js("kgExplorer.setStatusVisible('disputed', true)")
    assert page.is_checked("#kg-legend input[data-status='disputed']")
    assert explorer.hidden_edges() == attacks
    page.click("#kg-reset")
    assert explorer.hidden_edges() == set()
    assert page.is_checked("#kg-legend input[data-status='reported']")
    # Keeping only what two independent sources carry leaves the strike on Breck.
    for status in ("stated", "reported", "disputed"):
        page.uncheck(f"#kg-legend input[data-status='{status}']")
    shown = set(graph.edges(keys=True)) - explorer.hidden_edges()
    assert shown == {(NORLAND, SUDMARK, "attacked")}
    explorer.check()


def test_tooltips_say_who_asserts_and_who_denies(explorer, harrow_pages):
    path, _ = harrow_pages["actors"]
    page = explorer.open(path).page
    # Hover the disputed mediation: a straight edge, its middle is on it.
    (x1, y1), (x2, y2) = explorer.node_at(CALVIA), explorer.node_at(NORLAND)
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    rows = page.eval_on_selector(
        "div.vis-tooltip dl", "dl => Array.from(dl.children).map(e => e.textContent)")
    pairs = dict(zip(rows[::2], rows[1::2], strict=True))
    assert pairs["status"] == "disputed"
    assert pairs["asserted by"] == "Foreign Ministry of Calvia; Government of Sudmark"
    assert pairs["disputed by"] == "Government of Norland"
    # Each event behind it says how it stands.
    item = page.text_content("div.vis-tooltip dd li .kg-tip-standing")
    assert item == ("disputed, 2 independent sources \u00b7 asserted by Foreign Ministry of Calvia; Government of "
                    "Sudmark \u00b7 disputed by Government of Norland")
    assert "because of" not in pairs  # the events say it, once
    # A corroborated edge: its sources, and nobody disputing.
    tip = explorer.js("id => kgExplorer.tooltip(id).textContent", explorer.edge(NORLAND, SUDMARK, "attacked")["id"])
    assert "corroborated, 2 independent sources" in tip and "asserted by Harbor Wire; Sudmark Herald" in tip
    assert "disputed by" not in tip
    explorer.check()

    # A claim's tooltip in the claims graph: its standing rows.
    path, _ = harrow_pages["claims"]
    explorer.requests.clear()
    explorer.open(path)
    tip = explorer.js("id => Array.from(kgExplorer.tooltip(id).querySelectorAll('dt, dd')).map(e => e.textContent)",
                      ID + "norland-breck-militants")
    pairs = dict(zip(tip[::2], tip[1::2], strict=True))
    assert pairs["status"] == "disputed, 1 independent source"
    assert pairs["asserted by"] == "Norland Army" and pairs["disputed by"] == "Health Ministry of Sudmark"
    explorer.check()


def test_the_claims_panel_shows_how_each_claim_stands(explorer, harrow_pages):
    path, _ = harrow_pages["claims"]
    page = explorer.open(path).page
    # opened as a click opens it (other tests click; here two nodes may lie close together)
    assert explorer.js("id => kgExplorer.openPanel(id)", ID + "norland-breck-militants") is True
    assert page.is_visible("#kg-panel")
    header = page.eval_on_selector_all("#kg-panel thead th", "els => els.map(e => e.textContent)")
    assert header[-1] == "Standing"
    rows = page.eval_on_selector_all(
        "#kg-panel tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    # the claim and its rival: the camps count different people in the same strike (rival-claims,
    # issue 15), each row as it stands
    assert rows == [["Health Ministry of Sudmark", "exactly 14", "killed", "civilians in Breck", "2031-03-09",
                     "unverified", "[Ceasefire holds after Norland strike on Breck]", "reported"],
                    ["Norland Army", "more than 30", "killed", "militants in Breck", "2031-03-09", "unverified",
                     "[Ceasefire holds after Norland strike on Breck]", "disputed by Health Ministry of Sudmark"]]
    assert page.text_content("#kg-panel .kg-standing.kg-disputed") == "disputed"
    # The strike on Breck: both camps' figures, each as it stands.
    assert explorer.js("id => kgExplorer.openPanel(id)", ID + "breck-strike") is True
    standings = page.eval_on_selector_all(
        "#kg-panel tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent,"
        " r.querySelector('.kg-col-status').textContent])")
    assert standings == [["Health Ministry of Sudmark", "exactly 14", "reported"],
                         ["Norland Army", "more than 30", "disputed by Health Ministry of Sudmark"]]
    explorer.check()


def test_screenshot_of_a_disputed_relation(explorer, harrow_pages, tmp_path):
    """The harrow actors with the disputed mediation's tooltip up: look at it (KG_ARTIFACTS)."""
    path, _ = harrow_pages["actors"]
    page = explorer.open(path).page
    (x1, y1), (x2, y2) = explorer.node_at(CALVIA), explorer.node_at(SUDMARK)
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    folder = Path(os.environ.get("KG_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    png_path = folder / "explorer-harrow-disputed.png"
    page.screenshot(path=str(png_path))
    print(f"screenshot: {png_path}")
    width, height, distinct, nonzero = _png_stats(png_path.read_bytes())
    assert (width, height) == (1200, 900) and distinct > 100 and nonzero > 0.008
    explorer.check()
