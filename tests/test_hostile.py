"""Hostile strings written by an analyst (or pasted from a source) stay text all the way:
YAML -> store -> query output -> HTML page in a real browser."""

from __future__ import annotations

import csv
import io

from browser import dump_dom
from kgtest import run_kg

PAYLOAD_NAME = '<img src=x onerror=alert(1)>'
PAYLOAD_QUOTE = '</script><script>alert(2)</script> <a href="javascript:alert(3)">x</a>'

YAML = f"""
sources:
  - {{id: src, title: "<b>Title</b>", date: 2026-01-01}}
source: src
actors:
  - {{id: evil, type: person, name: '{PAYLOAD_NAME}'}}
  - {{id: pakistan, type: state, name: Pakistan}}
statements:
  - id: s1
    type: appeal
    speaker: evil
    addressee: pakistan
    date: 2026-01-02
    quote: '{PAYLOAD_QUOTE}'
"""


def test_hostile_strings_render_as_text(tmp_path, chromium):
    src = tmp_path / "hostile.yaml"
    src.write_text(YAML, encoding="utf-8")
    store = tmp_path / "store"
    assert run_kg("build", src, "--store", store).returncode == 0
    out = run_kg("query", "SELECT ?q WHERE { ?s mkg:quote ?q }", "--store", store, "-f", "csv").stdout
    assert list(csv.reader(io.StringIO(out))) == [["q"], [PAYLOAD_QUOTE]]  # data comes back exactly as written
    page = tmp_path / "page.html"
    proc = run_kg("render", "-o", page, "--title", "<script>alert(4)</script>", "--store", store)
    assert proc.returncode == 0, proc.stderr
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    dom = dump_dom(chromium, page)
    assert 'data-kg-ready="1"' in dom and 'data-kg-nodes="2"' in dom
    assert "<img" not in dom
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in dom  # the heading shows the text


def test_control_characters_never_reach_the_terminal(tmp_path):
    """A name carrying terminal escape sequences (clear the screen, set the window title) is
    printed with the controls spelled out, in query tables and in analysis tables."""
    (tmp_path / "esc.yaml").write_text(
        'sources:\n  - {id: src, title: T, date: 2026-01-01}\nsource: src\nactors:\n'
        '  - {id: evil, type: state, name: "Evil\\e[2J\\e]0;pwned\\aName"}\n'
        '  - {id: pakistan, type: state, name: Pakistan}\n'
        'statements:\n  - {id: s1, type: appeal, speaker: evil, addressee: pakistan, date: 2026-01-02, quote: "x\\u009by"}\n',
        encoding="utf-8")
    store = tmp_path / "store"
    assert run_kg("build", tmp_path / "esc.yaml", "--store", store).returncode == 0
    query = run_kg("query", "SELECT ?l ?q WHERE { ?s rdfs:label ?l . OPTIONAL { ?x mkg:quote ?q } }", "--store", store)
    analysis = run_kg("analyze", "centrality", "--store", store)
    for out in (query.stdout, analysis.stdout):
        assert "\\x1b]0;pwned\\x07Name" in out
        assert not any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) < 0xA0 for c in out)
    assert "x\\x9by" in query.stdout
