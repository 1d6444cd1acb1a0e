"""Nothing drafted becomes fact unreviewed (issue 17): items marked ``draft`` (as kg draft writes
them) are listed by kg validate and refused by kg build, each at file:line, unless --include-drafts;
then they keep their draft status in the graph and every named query shows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kgtest import run_kg, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)

from kg.build import build_memory
from kg.errors import DraftsLeft, InputErrors
from kg.namespaces import ID, MKG

DRAFT = Path(__file__).parent / "data" / "draft-review" / "draft.yaml"
ITEMS = 14  # the items of tests/data/draft-review/draft.yaml, each marked draft


def undrafted(text: str) -> str:
    """The drafted file as an analyst leaves it once reviewed: every ``draft:`` mark removed (each is
    one key, possibly continued on an indented line)."""
    return re.sub(r"\n( +)draft: \{[^{}]*\}", "", text)


def test_validate_lists_every_draft_with_file_line_id_section_and_confidence():
    result = run_kg("validate", DRAFT)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"error: {ITEMS} items are still drafts: review each and remove its 'draft' mark, "
                        "or pass --include-drafts to keep them in the graph marked as drafts:")
    listed = [re.fullmatch(r"  (\S+):(\d+): (\w+) '([a-z0-9-]+)' \((\w+)\) is a draft, confidence ([0-9.]+)", line)
              for line in lines[1:]]
    assert all(listed) and len(listed) == ITEMS
    text = DRAFT.read_text(encoding="utf-8").splitlines()
    for m in listed:
        assert m[1] == str(DRAFT) and f"id: {m[4]}" in text[int(m[2]) - 1]  # the line of the item's id
    assert {m[5] for m in listed} == {"sources", "actors", "places", "events", "statements", "claims", "positions"}
    assert ("sudmark-civilians-claim", "0.4") in {(m[4], m[6]) for m in listed}


def test_validate_with_include_drafts_conforms():
    result = run_kg("validate", "--include-drafts", DRAFT)
    assert (result.returncode, result.stdout.strip()) == (0, "the graph conforms to the shapes")


@pytest.mark.parametrize("validate", [[], ["--no-validate"]])
def test_build_refuses_drafts_and_leaves_the_store_as_it_was(store, validate):
    before = tree_digest(store)
    result = run_kg("build", *validate, "--store", store, DRAFT)
    assert result.returncode == 1
    assert f"{ITEMS} items are still drafts" in result.stderr
    assert f"{DRAFT}:86: claim 'sudmark-civilians-claim' (claims) is a draft, confidence 0.4" in result.stderr
    assert tree_digest(store) == before


def test_a_reviewed_draft_builds_and_answers(tmp_path):
    """Once every draft mark is removed the file is ordinary authoring: it builds, and the claims
    stand as any claim does (reported by their claimant; the rejected one disputed)."""
    from kg.sparql.query import run_named
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(undrafted(DRAFT.read_text(encoding="utf-8")), encoding="utf-8")
    assert "draft: {" not in reviewed.read_text(encoding="utf-8")
    store = build_memory([reviewed])
    claims = {(r["claimantLabel"], r["figure"], r["status"]) for r in run_named(store, "casualty-claims").records()}
    assert claims == {("Norland defence ministry", 12, "disputed"), ("Sudmark Army", 4, "reported")}
    assert not bool(store.query(f"ASK {{ GRAPH ?g {{ ?x <{MKG.draft}> ?d }} }}"))


def test_include_drafts_keeps_them_marked_and_every_row_says_draft():
    from kg.graphs.analyze import analyze
    from kg.sparql.query import run_named
    with pytest.raises(DraftsLeft):
        build_memory([DRAFT])
    store = build_memory([DRAFT], drafts=True)
    marked = {(s["x"].value, s["c"].value) for s in store.query(
        f"SELECT ?x ?c WHERE {{ GRAPH ?g {{ ?x <{MKG.draft}> true ; <{MKG.draftConfidence}> ?c }} }}")}
    assert len(marked) == ITEMS and (str(ID["sudmark-civilians-claim"]), "0.4") in marked
    # row by row: a drafted claim is never shown as a plain fact, not even the rejected one
    claims = [(r["claimantLabel"], r["figure"], r["status"], r["disputedBy"])
              for r in run_named(store, "casualty-claims").records()]
    assert sorted(claims) == [("Norland defence ministry", 12, "draft", "Sudmark Army"),
                              ("Sudmark Army", 4, "draft", None)]
    (account,) = run_named(store, "accounts", item="id:sudmark-civilians-claim").records()
    assert "draft confidence: 0.4" in account["details"].split("; ")
    strikes = run_named(store, "strike-places").records()
    assert strikes and all(r["status"] == "draft" for r in strikes)
    # kg analyze: the facts it used are counted as drafts, and "undisputed" facts leave them out
    rows, _, counts = analyze(store, "centrality")
    assert rows and set(counts) == {"draft"}
    assert analyze(store, "centrality", facts="undisputed")[2] == {}


def test_draft_standing_wins_over_a_reviewed_account(tmp_path):
    """An item drafted in one source's account and stated in another's still stands as a draft."""
    from kg.sparql.query import run_named
    other = tmp_path / "other.yaml"
    other.write_text("""sources:
  - {id: sudmark-herald-2031-03-11, title: Strike on Breck, date: 2031-03-11}
source: sudmark-herald-2031-03-11
events:
  - {id: breck-depot-strike, type: air-strike, date: 2031-03-06, attacker: norland, target: sudmark, places: breck}
""", encoding="utf-8")
    store = build_memory([DRAFT, other], drafts=True)
    rows = run_named(store, "strike-places").records()
    assert len(rows) == 2 and {r["status"] for r in rows} == {"draft"}


BAD_MARKS = [
    ("draft: yes", "'draft' of 'x' is written {confidence: 0 to 1, spans: [[start, end], ...], reason: text}"),
    ("draft: {confidence: 0.5}", "'draft' of 'x' is written"),
    ("draft: {confidence: 0.5, spans: [[0, 3]], extra: 1}", "'draft' of 'x' is written"),
    ("draft: {confidence: 1.5, spans: [[0, 3]]}", "the draft confidence of 'x' is a number from 0 to 1, not '1.5'"),
    ("draft: {confidence: -0.1, spans: [[0, 3]]}", "the draft confidence of 'x' is a number from 0 to 1"),
    ("draft: {confidence: high, spans: [[0, 3]]}", "the draft confidence of 'x' is a number from 0 to 1"),
    ("draft: {confidence: .nan, spans: [[0, 3]]}", "the draft confidence of 'x' is a number from 0 to 1"),
    ("draft: {confidence: 0.5, spans: []}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[3, 3]]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[5, 2]]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[-1, 2]]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[0, 2, 4]]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [0, 2]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[0, 2.5]]}", "the draft spans of 'x' are a list of [start, end]"),
    ("draft: {confidence: 0.5, spans: [[0, 2]], reason: [a]}", "the draft reason of 'x' is a line of text"),
    ("draft: {confidence: 0.5, spans: [[0, 2]], reason: ' '}", "the draft reason of 'x' is a line of text"),
]


@pytest.mark.parametrize("mark,message", BAD_MARKS)
def test_a_malformed_draft_mark_is_refused_at_its_line(tmp_path, mark, message):
    f = tmp_path / "bad.yaml"
    f.write_text("sources:\n  - {id: s, title: T, date: 2031-03-10}\nsource: s\nactors:\n"
                 f"  - id: x\n    type: state\n    name: X\n    {mark}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        build_memory([f], drafts=True)
    assert not isinstance(e.value, DraftsLeft)
    (err,) = e.value.errors
    assert (err.file, err.line) == (str(f), 8) and err.message.startswith(message), err


BAD_ORIGINS = [
    ("drafted_from: article.txt", "'drafted_from' is a mapping of file, sha256, chars, pipeline, version", 1),
    ("drafted_from: {file: a.txt, url: x}", "'drafted_from' is a mapping of", 1),
    ("drafted_from: {file: a.txt, sha256: ABC}", "'sha256' of 'drafted_from' must be 64 lowercase hex digits", 1),
    ("drafted_from: {file: a.txt, chars: many}", "'chars' of 'drafted_from' must be a whole number", 1),
    ("drafted_from:\n  file: a.txt\n  pipeline: [a, b]", "'pipeline' of 'drafted_from' must be text", 3),
]


def test_drafted_from_may_leave_its_text_empty(tmp_path):
    """kg draft writes the pipeline's version as spaCy's meta gives it, which may be empty."""
    f = tmp_path / "ok.yaml"
    f.write_text(f"drafted_from: {{file: '-', sha256: '{'a' * 64}', chars: 0, pipeline: spacy, version: ''}}\n"
                 "sources:\n  - {id: s, title: T, date: 2031-03-10}\n", encoding="utf-8")
    build_memory([f])


@pytest.mark.parametrize("origin,message,line", BAD_ORIGINS)
def test_a_malformed_drafted_from_is_refused(tmp_path, origin, message, line):
    f = tmp_path / "bad.yaml"
    f.write_text(origin + "\nsources:\n  - {id: s, title: T, date: 2031-03-10}\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        build_memory([f])
    (err,) = e.value.errors
    assert (err.line, err.message) == (line, err.message) and err.message.startswith(message), err


def test_the_shapes_refuse_a_draft_mark_out_of_range_in_rdf(tmp_path):
    """RDF files are checked too: mkg:draft is true, its confidence a decimal from 0 to 1."""
    from kg.errors import ValidationFailed
    f = tmp_path / "bad.ttl"
    f.write_text(f"""@prefix mkg: <{MKG}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID['x']}> mkg:draft false ; mkg:draftConfidence "1.5"^^xsd:decimal .
""", encoding="utf-8")
    with pytest.raises(ValidationFailed) as e:
        build_memory([f], drafts=True)
    messages = sorted(v.message for v in e.value.report.violations)
    assert messages == ["A draft's confidence (mkg:draftConfidence) is a decimal from 0 to 1.",
                        "mkg:draft is true or absent: an item that is no longer a draft loses the property."]


def test_graphs_and_the_explorer_show_drafts_as_drafts():
    """The projections label a relation resting on drafts "(draft)", and the explorer draws it as a
    draft (dotted, its own entry in the legend of standings)."""
    import json

    from kg.explorer import render_html
    from kg.graphs.project import project
    store = build_memory([DRAFT], drafts=True)
    graph = project(store, "actors")
    edges = [d for *_, d in graph.edges(data=True) if d["relation"] != "according-to"]
    assert edges and all(d["status"] == "draft" and d["reported_only"] and d["label"].endswith(" (draft)")
                         for d in edges)
    page = render_html(graph, title="drafts")
    data = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.DOTALL).group(1))
    assert {e["status"] for e in data["edges"] if e["relation"] != "according-to"} == {"draft"}
    assert [s["status"] for s in data["legend"]["standings"]] == ["draft"]


def test_every_named_query_shows_every_row_of_the_drafted_file_as_draft():
    """Row by row, in every named query with a status: with every item of the file a draft, no row
    stands as anything else (a query that combines standings, such as rival-claims, puts draft first)."""
    from kg.sparql.named import named_queries
    from kg.sparql.query import run_named
    store = build_memory([DRAFT], drafts=True)
    seen = {}
    for name, query in named_queries().items():
        if "status" not in query.columns or any(not p.optional for p in query.params):
            continue
        records = run_named(store, name).records()
        seen[name] = {r["status"] for r in records}
    assert {name for name, statuses in seen.items() if statuses} >= {"casualty-claims", "rival-claims", "strike-places"}
    assert {name: statuses for name, statuses in seen.items() if statuses - {"draft"}} == {}


def test_an_rdf_file_with_draft_marks_is_refused_too(tmp_path):
    """A store built with --include-drafts and exported keeps its marks: building the export again
    asks for --include-drafts as the authoring file did."""
    f = tmp_path / "drafts.ttl"
    f.write_text(f"""@prefix mkg: <{MKG}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID['x']}> mkg:draft true ; mkg:draftConfidence 0.5 .
""", encoding="utf-8")
    with pytest.raises(DraftsLeft) as e:
        build_memory([f])
    assert [str(err) for err in e.value.errors] == [f"{f}: id:x is marked mkg:draft"]
    store = build_memory([f], drafts=True)
    assert bool(store.query(f"ASK {{ GRAPH ?g {{ <{ID['x']}> <{MKG.draft}> true }} }}"))
