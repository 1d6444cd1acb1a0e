"""The README's first command, as a user runs it: `kg demo` builds the seed graph, prints answers,
and writes an HTML page that draws every actor in headless Chromium with the network blocked."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from browser import dump_dom, screenshot
from kgtest import run_kg

from kg.graphs.project import actor_graph
from kg.sparql.query import run
from kg.store import open_store

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?:|url\(\s*["']?\s*https?:|@import|https?://[^\s"'<>]*\.(?:js|css|woff2?|png|svg)\b""", re.I)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo") / "kg-demo"
    proc = run_kg("demo", "--dir", directory)
    assert proc.returncode == 0, proc.stderr
    return directory, proc.stdout


def test_demo_prints_answers(demo):
    _, out = demo
    for expected in ("Qatar", "Türkiye", "Saudi Arabia", "no lasting agreement", "Zabihullah Mujahid",
                     "at least", "274", "open war"):
        assert expected in out
    assert "graph.html" in out


def test_demo_page_is_self_contained(demo):
    directory, _ = demo
    html = (directory / "graph.html").read_text(encoding="utf-8")
    assert not EXTERNAL.findall(html)
    assert "<link" not in html.lower() or not re.search(r"<link[^>]+href=", html, re.I)
    assert not re.search(r"<script[^>]+src=", html, re.I)


def test_demo_page_draws_every_actor_offline(demo, chromium, tmp_path):
    directory, _ = demo
    with open_store(directory / "store") as store:
        graph = actor_graph(store)
        (count,) = run(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* mkg:Actor }").records()
    assert graph.number_of_nodes() == count["n"] == 23
    dom = dump_dom(chromium, directory / "graph.html")
    assert 'data-kg-ready="1"' in dom
    assert f'data-kg-nodes="{graph.number_of_nodes()}"' in dom
    assert f'data-kg-edges="{graph.number_of_edges()}"' in dom
    png = tmp_path / "demo.png"
    screenshot(chromium, directory / "graph.html", png)
    assert png.stat().st_size > 10_000
    if os.environ.get("KG_ARTIFACTS"):
        shutil.copy(png, os.path.join(os.environ["KG_ARTIFACTS"], "demo-graph.png"))


def test_demo_twice_gives_the_same_page(demo, tmp_path):
    directory, _ = demo
    again = tmp_path / "again"
    assert run_kg("demo", "--dir", again).returncode == 0
    assert (again / "graph.html").read_bytes() == (directory / "graph.html").read_bytes()
