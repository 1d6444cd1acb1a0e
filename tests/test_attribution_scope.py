"""After an import, graph:attribution is derived again only for what the import can change
(kg.sparql.attribution_scope): on a chain of real imports and builds, and on new graphs that touch
each thing a record is read from, the graph it leaves is byte for byte the full derivation's."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from importdata import acled_csv, border_acled, border_gdelt

from kg.build import build, build_memory
from kg.data import demo_accounts, demo_excerpts, seed_path
from kg.importers import import_file
from kg.namespaces import ATTRIBUTION_GRAPH, ID, MKG, PREFIXES
from kg.sparql.attribution import derive, refresh
from kg.sparql import derived
from kg.sparql.attribution_scope import refresh_scoped
from kg.store import OxigraphStore, open_store

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
ATTRIBUTION = ox.NamedNode(str(ATTRIBUTION_GRAPH))
RDF, RDFS, PROV = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["prov"]


def nquads(quads) -> bytes:
    """Quads as sorted N-Quads lines: the same bytes for the same graph."""
    return "".join(sorted(f"{q} .\n" for q in quads)).encode("utf-8")


def stored(store) -> bytes:
    return nquads(store.pyoxigraph.quads_for_pattern(None, None, None, ATTRIBUTION))


def records(store) -> dict:
    out: dict = {}
    for q in store.pyoxigraph.quads_for_pattern(None, None, None, ATTRIBUTION):
        out.setdefault(q.subject.value, set()).add(str(q))
    return out


@pytest.fixture
def scoped(monkeypatch):
    """Each scoped refresh's result (None: it fell back to a full derivation)."""
    results = []
    def spy(store, added):
        results.append(refresh_scoped(store, added))
        return results[-1]
    monkeypatch.setattr(derived, "refresh_scoped", spy)
    return results


def test_chain_of_imports_and_builds_gives_the_full_derivation(tmp_path, scoped):
    """The seed with a second outlet's account (kg demo --with-data), then every importer's real
    excerpts and fixtures, a build that keeps them, and more imports: after each import the
    graph:attribution the scoped refresh left is byte for byte what deriving the whole store gives."""
    store = tmp_path / "store"
    build([seed_path(), demo_accounts()], store)
    (tmp_path / "border.CSV").write_text("".join(border_gdelt()), encoding="utf-8")
    (tmp_path / "border.csv").write_text(acled_csv(border_acled()), encoding="utf-8")
    tracker = {"mapping": DATA / "import" / "casualty-tracker.yaml"}
    log = {"mapping": DATA / "import" / "mediation-log.yaml"}
    first = [*((kind, path, {}) for kind, path in demo_excerpts()),
             ("gdelt", tmp_path / "border.CSV", {}), ("acled", tmp_path / "border.csv", {}),
             ("csv", DATA / "import" / "casualty-tracker.csv", tracker), ("csv", DATA / "import" / "mediation-log.csv", log),
             ("gdelt", REAL / "gdelt" / "20191024143000.export.excerpt.CSV", {}),
             ("acled", REAL / "acled" / "acledR-deletion-dummy.excerpt.csv", {})]
    then = [("ucdp-ged", REAL / "ucdp" / "GEDEvent_v26_01_26_06.excerpt.csv", {}),
            ("ucdp-ged", REAL / "ucdp" / "ged231-sample.excerpt.csv", {}),
            ("pa-x", REAL / "pa-x" / "pax-v10.peacerep.excerpt.csv", {}), ("pa-x", REAL / "pa-x" / "pax-v6.tjet.excerpt.csv", {}),
            ("gdelt", REAL / "gdelt" / "gdelt1-mixed.reed9999.excerpt.csv", {}),
            ("acled", REAL / "acled" / "acledR-old-dummy.excerpt.csv", {})]
    changed = {}
    for step in [*first, "build", *then]:
        if step == "build":  # a build keeps the imports, and derives everything
            build([seed_path(), demo_accounts()], store)
            continue
        kind, path, options = step
        with open_store(store) as s:
            before = records(s)
        import_file(kind, path, store, on_error="skip", options=options)
        with open_store(store) as s:
            assert stored(s) == nquads(derive(s)), f"after importing {path.name}"
            after = records(s)
        changed[path.name] = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert len(scoped) == len(first) + len(then) and None not in scoped
    # PA-X's agreement 2879 is a second, independent account of the seed's Qatar–Türkiye mediation
    assert ID + "qatar-turkiye-mediation" in changed["pax_all_agreements_v10.agreement-2879.csv"]



def test_a_new_store_is_derived_from_its_new_graphs(tmp_path, scoped):
    """In a new store every graph is new: the records they can change are all there are. The seed
    with a second outlet's account (attributions, stances, items two sources describe), its graphs
    put into an empty store, gives the records a full derivation gives; and so do imports into a
    new store."""
    full = build_memory([seed_path(), demo_accounts()], validate=False)
    new = OxigraphStore.memory(q for q in full.pyoxigraph if q.graph_name != ATTRIBUTION)
    assert refresh_scoped(new, [g.value for g in new.pyoxigraph.named_graphs()]) is not None
    assert stored(new) == stored(full) and len(records(full)) >= 5
    store = tmp_path / "store"
    for kind, path in demo_excerpts():
        import_file(kind, path, store)
        with open_store(store) as s:
            assert stored(s) == nquads(derive(s)), f"after importing {path.name}"
    assert None not in scoped and len(scoped) == 2


MKGNS = str(MKG)
TEST = str(ID) + "scope-test-"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri if "://" in iri else str(ID) + iri)


def _source(graph) -> list:
    src = n(TEST + "source")
    return [ox.Quad(src, n(RDF + "type"), n(MKGNS + "Source"), graph),
            ox.Quad(src, n(PREFIXES["dcterms"] + "publisher"), n("qatar"), graph)]


def _unlabel(px, node):
    for q in list(px.quads_for_pattern(n(node), n(RDFS + "label"), None)):
        px.remove(q)


def _one_account_item(px) -> str:
    """An event of the seed that one graph describes and no record names."""
    for q in px.quads_for_pattern(None, n(PROV + "wasDerivedFrom"), None):
        x = q.subject
        if (n(MKGNS + "time") in {p.predicate for p in px.quads_for_pattern(x, None, None)}
                and len({p.graph_name for p in px.quads_for_pattern(x, n(PROV + "wasDerivedFrom"), None)}) == 1
                and next(px.quads_for_pattern(x, None, None, ATTRIBUTION), None) is None):
            return x.value
    raise AssertionError("no such item")


def _dates_differ(px) -> tuple[str, list]:
    """A recorded item whose accounts give different dates, and the bounds of those dates."""
    (q, *_) = px.quads_for_pattern(None, n(MKGNS + "datesDiffer"), None, ATTRIBUTION)
    times = {t.object for t in px.quads_for_pattern(q.subject, n(MKGNS + "time"), None)}
    assert len(times) > 1
    return q.subject.value, [b for t in times for p in ("notBefore", "notAfter") for b in px.quads_for_pattern(t, n(MKGNS + p), None)]


# Each case: (prepare the base store before its full derivation, the new graph's quads, the node
# whose record must change). A new graph that ...
CASES = {
    # holds a statement rejecting an item
    "stance": (None, lambda px, g: [ox.Quad(n(TEST + "st"), n(MKGNS + "speaker"), n("pakistan"), g),
                                    ox.Quad(n(TEST + "st"), n(MKGNS + "rejects"), n("pakistan-strikes-feb27-per-mujahid"), g)],
               "pakistan-strikes-feb27-per-mujahid"),
    # gives a statement that rejects two claims a second speaker
    "speaker": (None, lambda px, g: [ox.Quad(n("mujahid-rejects-pakistani-figures"), n(MKGNS + "speaker"),
                                             n("afghan-government"), g)], "chaudhry-afghan-killed"),
    # gives an item of the seed a second account, from a source of its own
    "account": (None, lambda px, g: [ox.Quad(n(_one_account_item(px)), n(PROV + "wasDerivedFrom"), n(TEST + "source"), g),
                                     *_source(g)], None),
    # holds a claim stated in a statement that another rejects
    "claim": (None, lambda px, g: [ox.Quad(n(TEST + "claim"), n(RDF + "type"), n(MKGNS + "Claim"), g),
                                   ox.Quad(n(TEST + "claim"), n(MKGNS + "statedIn"),
                                           n("pakistan-accuses-afghanistan-of-sheltering-ttp"), g),
                                   ox.Quad(n(TEST + "claim"), n(PROV + "wasDerivedFrom"), n(TEST + "source"), g),
                                   *_source(g)], TEST + "claim"),
    # names an actor whose records showed no name
    "name": (lambda px: _unlabel(px, "zabihullah-mujahid"),
             lambda px, g: [ox.Quad(n("zabihullah-mujahid"), n(RDFS + "label"), ox.Literal("Zabihullah Mujahid"), g)],
             "pakistan-strikes-feb27-per-mujahid"),
}


@pytest.mark.parametrize("case", CASES)
def test_new_graph_changes_exactly_what_a_full_derivation_does(case):
    prepare, new, target = CASES[case]
    store = build_memory([seed_path(), demo_accounts()], validate=False)
    px = store.pyoxigraph
    if prepare:
        prepare(px)
        refresh(store)
    before = records(store)
    g = ox.NamedNode(TEST + case)
    quads = new(px, g)
    target = target or quads[0].subject.value
    px.extend(quads)
    assert refresh_scoped(store, [g.value]) is not None  # not a full derivation in disguise
    assert stored(store) == nquads(derive(store))
    after = records(store)
    assert before.get(n(target).value) != after.get(n(target).value)


def test_new_bounds_of_a_date_change_its_items_records():
    """The time extents of an item's accounts, named without bounds (so its accounts' dates did not
    differ), which a new graph gives them."""
    store = build_memory([seed_path(), demo_accounts()], validate=False)
    px = store.pyoxigraph
    item, bounds = _dates_differ(px)
    for q in bounds:
        px.remove(q)
    refresh(store)
    before = records(store)[item]
    g = ox.NamedNode(TEST + "bounds")
    px.extend(ox.Quad(q.subject, q.predicate, q.object, g) for q in bounds)
    assert refresh_scoped(store, [g.value]) is not None and stored(store) == nquads(derive(store))
    assert records(store)[item] != before
