"""The SHACL engine of kg/validation/shacl.py (shapes compiled to SPARQL, run on Oxigraph) reports exactly
what pySHACL reports: same focus nodes, paths, values, severities and messages, on the seed, on
the broken inputs that reach validation, on the broken ABoxes of test_ontology.py and on a
synthetic graph with deliberate mistakes. pySHACL is the oracle (kg.validation.report.validate_quads_pyshacl)."""

from __future__ import annotations

from collections import Counter

import pytest
from kgtest import BROKEN, seed_store_copy, seed_store_dir, tree_digest  # noqa: F401  (fixtures)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SH, XSD
from test_ontology import BROKEN as BROKEN_ABOX
from test_ontology import PREFIXES, _without, abox

from kg.authoring.ingest import ingest
from kg.data import seed_path
from kg.errors import InputErrors
from kg.namespaces import ID, MKG, SEM
from kg.synth import write_yaml
from kg.validation.report import validate_quads, validate_quads_pyshacl
from kg.validation.shacl import CHECKS, UnsupportedShape, compile_shapes
from kg.vocabulary import shapes_graph


def results(report) -> Counter:
    """A report as a multiset of what both engines must agree on."""
    return Counter((v.focus, v.path, v.value, v.severity, v.message) for v in report.violations)


def assert_same(quads, origins=None, *, expect_problems: bool):
    mine = validate_quads(quads, origins)
    oracle = validate_quads_pyshacl(quads, origins)
    assert results(mine) == results(oracle), (
        f"only in kg.validation.shacl: {results(mine) - results(oracle)}\n"
        f"only in pySHACL: {results(oracle) - results(mine)}")
    assert mine.conforms == oracle.conforms
    assert bool(mine.violations) == expect_problems  # the comparison compared something
    return mine


def graph_quads(g: Graph):
    return [(s, p, o, None) for s, p, o in g]


# --- the seed and the broken inputs --------------------------------------------------------------

@pytest.mark.slow  # pySHACL, the oracle: seconds a graph
def test_seed_conforms_in_both_engines():
    data = ingest([seed_path()])
    assert_same(data.quads, data.origins, expect_problems=False)


def _reaches_validation(path) -> bool:
    try:
        ingest([path])
    except InputErrors:
        return False
    return True


VALIDATED = [p for p in sorted(BROKEN.iterdir()) if p.is_file() and _reaches_validation(p)]


def test_some_broken_inputs_reach_validation():
    assert len(VALIDATED) >= 4


@pytest.mark.slow  # pySHACL, the oracle: seconds a graph
@pytest.mark.parametrize("path", VALIDATED, ids=lambda p: p.name)
def test_broken_input(path):
    data = ingest([path])
    report = assert_same(data.quads, data.origins, expect_problems=True)
    expect = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect:").strip()
    assert any(expect in v.message for v in report.violations)
    assert all(v.origin and v.origin.startswith(str(path)) for v in report.violations)


@pytest.mark.slow  # pySHACL, the oracle: seconds a graph
def test_broken_aboxes():
    """Every mistake of test_ontology.BROKEN at once (one pySHACL run, not seventeen)."""
    data = abox()
    for remove, _, _ in BROKEN_ABOX.values():
        _without(data, *remove)
    for _, add, _ in BROKEN_ABOX.values():
        if add:
            data.parse(data=PREFIXES + add, format="turtle")
    report = assert_same(graph_quads(data), expect_problems=True)
    for _, _, expected in BROKEN_ABOX.values():
        for fragment in (expected,) if isinstance(expected, str) else expected:
            assert any(fragment in v.message for v in report.violations), fragment


@pytest.mark.slow  # pySHACL, the oracle: seconds a graph
def test_a_link_from_an_item_to_itself_in_rdf():
    """The links kg.authoring.ingest refuses from an item to itself in authoring files (NOT_ITSELF), refused
    by the shapes in RDF files too: one result per link, its path the link."""
    from kg.authoring.schema import CLAIM_FIELDS, EVENT_FIELDS, NOT_ITSELF
    from kg.namespaces import shorten
    links = {(EVENT_FIELDS.get(k) or CLAIM_FIELDS[k]).predicate for k in NOT_ITSELF}
    data = abox()
    for p in links:
        node = ID["claim-bodies"] if p == MKG.subsetOf else ID["fighting-feb"]
        data.add((node, p, node))
    data.add((ID["claim-bodies"], MKG.subsetOf, ID["claim-captured"]))  # another claim: fine
    report = assert_same(graph_quads(data), expect_problems=True)
    assert sorted(v.path for v in report.violations) == sorted(shorten(str(p)) for p in links)
    assert all(v.message.startswith("An item is linked to itself") for v in report.violations)


def test_end_before_start_message_names_the_dates():
    data = _without(abox(), (ID["fighting-feb"], MKG.endTime, None))
    data.add((ID["fighting-feb"], MKG.endTime, ID["t-weekend"]))
    (problem,) = validate_quads(graph_quads(data)).violations
    assert problem.focus == problem.value == str(ID["fighting-feb"]) and problem.path is None
    assert "(mkg:endTime, by 2026-02-22)" in problem.message and "(mkg:time, from 2026-02-26)" in problem.message


# --- a synthetic graph with one of each mistake ---------------------------------------------------

EX = "https://example.org/test#"


def _first(quads, pred, obj=None, skip=0):
    subjects = [s for s, p, o, _ in quads if p == pred and (obj is None or o == obj)]
    return sorted(set(subjects))[skip]


def _instances(quads, cls):
    return sorted({s for s, p, o, _ in quads if p == RDF.type and o == cls})


def break_synth(quads):
    """``quads`` with one of each mistake the shapes catch, on different nodes."""
    quads = list(quads)
    g = quads[0][3]
    drop, add = set(), []

    def remove(s, p, o=None):
        drop.update((q[0], q[1], q[2]) for q in quads if q[0] == s and q[1] == p and (o is None or q[2] == o))

    events = sorted({s for s, p, o, _ in quads if p == MKG.time})
    extents = sorted({o for s, p, o, _ in quads if p == MKG.time})
    claims = _instances(quads, MKG.Claim)
    figures = {s: o for s, p, o, _ in quads if p == MKG.figure}
    cities = _instances(quads, MKG.City) or _instances(quads, MKG.Country)
    people = _instances(quads, MKG.Person)

    remove(events[0], MKG.time)                                   # event without a date
    remove(events[1], PROV.wasDerivedFrom)                        # ... without a source
    add += [(events[2], MKG.time, extents[5]), (events[2], RDFS.label, Literal("second name"))]
    add.append((events[3], MKG.endTime, extents[0]))             # may end before it starts
    add.append((events[4], MKG.mediator, cities[0]))             # a place as mediator
    add.append((events[5], MKG.attacker, Literal("Pakistan")))   # a string as actor
    add.append((events[6], MKG.triggered, cities[0]))            # a place as an event
    # time extents: reversed, two latest days, a string
    ext = extents[10:14]
    remove(ext[0], MKG.notAfter)
    add.append((ext[0], MKG.notAfter, Literal("1999-01-01", datatype=XSD.date)))
    add += [(ext[1], MKG.notAfter, Literal("1990-01-01", datatype=XSD.date)),
            (ext[1], MKG.notAfter, Literal("2999-01-01", datatype=XSD.date))]
    remove(ext[3], MKG.notBefore)
    add.append((ext[3], MKG.notBefore, Literal("2021")))
    # claims
    with_figure = [c for c in claims if c in figures]
    remove(with_figure[0], MKG.figure)
    add.append((with_figure[0], MKG.figure, Literal(-3)))
    remove(with_figure[1], MKG.figure)
    add.append((with_figure[1], MKG.figure, Literal("12")))
    remove(with_figure[2], MKG.figure)
    add.append((with_figure[2], MKG.figure, Literal("7.5", datatype=XSD.decimal)))
    remove(with_figure[3], MKG.qualifier)
    remove(with_figure[4], MKG.qualifier)
    add.append((with_figure[4], MKG.qualifier, MKG.Many))
    remove(with_figure[5], MKG.measure)
    add.append((with_figure[5], MKG.measure, MKG.Civilian))
    remove(with_figure[6], MKG.claimant)
    add.append((with_figure[7], MKG.rejects, cities[0]))          # rejects a place
    # a ceasefire with one party, a position of nobody, a source without title
    ceasefire = _instances(quads, MKG.Ceasefire)[0]
    parties = sorted(o for s, p, o, _ in quads if s == ceasefire and p == MKG.party)
    for party in parties[1:]:
        remove(ceasefire, MKG.party, party)
    position = _instances(quads, MKG.Position)[0]
    remove(position, MKG.holder)
    remove(position, MKG.scope)
    remove(_instances(quads, MKG.Source)[0], DCTERMS.title)
    add.append((people[0], ORG.holds, people[1]))                # holds a person
    # a blank-node event, and an event class declared in the data
    b = BNode("brokenEvent")
    add += [(b, RDF.type, MKG.AirStrike), (b, SEM.hasPlace, Literal("Kabul"))]
    add += [(URIRef(EX + "Raid"), RDFS.subClassOf, MKG.Strike), (URIRef(EX + "raid1"), RDF.type, URIRef(EX + "Raid"))]
    account = {q[0]: q[3] for q in quads}  # a second date, a second name: in the item's own account
    return [q for q in quads if (q[0], q[1], q[2]) not in drop] + [(s, p, o, account.get(s, g)) for s, p, o in add]


@pytest.fixture(scope="module")
def synth_quads(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth-validate")
    write_yaml(path, 1000, seed=7)
    return ingest([path]).quads


@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_synth_conforms(synth_quads):
    assert validate_quads(synth_quads).violations == []


@pytest.mark.slow  # pySHACL, the oracle: seconds a graph
def test_synth_with_mistakes(synth_quads):
    report = assert_same(break_synth(synth_quads), expect_problems=True)
    components = {v.message.split(":")[0] for v in report.violations}
    assert len(report.violations) >= 25 and len(components) >= 15, report.text()
    assert any(v.focus == "brokenEvent" for v in report.violations)
    assert any(v.focus == EX + "raid1" for v in report.violations)


def test_an_impossible_date_is_reported():
    """pySHACL 0.40 raises TypeError on it (sh:lessThanOrEquals compares the rdflib Literals);
    the SPARQL engine reports the ill-typed date, and the comparison it cannot make."""
    data = _without(abox(), (ID["t-2021"], MKG.notBefore, None))
    data.add((ID["t-2021"], MKG.notBefore, Literal("2021-02-30", datatype=XSD.date)))
    report = validate_quads(graph_quads(data))
    assert {(v.focus, v.path, v.value) for v in report.violations} == {(str(ID["t-2021"]), "mkg:notBefore", "2021-02-30")}
    assert len(report.violations) == 2  # datatype, and lessThanOrEquals


# --- the compiler ----------------------------------------------------------------------------------

def test_every_shape_is_compiled():
    """Each targeted shape of shapes.ttl gives checks, itself or through its property shapes."""
    g = shapes_graph()
    owners = {c.shape for c in CHECKS}
    name = lambda node: str(node) if isinstance(node, URIRef) else f"_:{node}"  # noqa: E731
    targeted = {s for p in (SH.targetClass, SH.targetObjectsOf) for s in g.subjects(p, None)}
    assert len(targeted) >= 25
    for shape in targeted:
        assert {name(shape), *map(name, g.objects(shape, SH.property))} & owners, shape


SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix mkg: <https://w3id.org/mediation-kg/ontology#> .
@prefix ex: <https://example.org/test#> .
ex:S a sh:NodeShape ; sh:targetClass mkg:Event ; %s .
"""


@pytest.mark.parametrize("construct", [
    "sh:property [ sh:path mkg:time ; sh:pattern \"^x\" ]",        # a component it lacks
    "sh:xone ( [ sh:class mkg:Actor ] [ sh:class mkg:Place ] )",
    "sh:property [ sh:path ( mkg:time mkg:notBefore ) ; sh:minCount 1 ]",  # a sequence path
    "sh:property [ sh:path [ sh:inversePath mkg:time ] ; sh:minCount 1 ]",
    "sh:targetNode ex:x ; sh:class mkg:Event",
    "sh:deactivated true ; sh:class mkg:Event",
    "sh:sparql [ sh:select \"SELECT ?x WHERE { ?x a mkg:Event }\" ]",  # no $this
])
def test_unsupported_constructs_are_refused(construct):
    with pytest.raises(UnsupportedShape):
        compile_shapes(Graph().parse(data=SHAPE % construct, format="turtle"))


def test_a_supported_shape_compiles():
    checks = compile_shapes(Graph().parse(data=SHAPE % "sh:property [ sh:path mkg:time ; sh:minCount 1 ; sh:maxCount 2 ]",
                                          format="turtle"))
    assert sorted(c.component for c in checks) == ["maxCount", "minCount"]


def test_pyoxigraph_quads_are_accepted():
    """A caller that already holds pyoxigraph quads (kg build loads them) need not convert twice."""
    from kg.terms import quad_to_oxigraph
    data = ingest([BROKEN / "end-before-start.yaml"])
    converted = [quad_to_oxigraph(*q) for q in data.quads]
    assert results(validate_quads(converted, data.origins)) == results(validate_quads(data.quads, data.origins))
    assert validate_quads(converted).violations


# --- validation of a built store (kg build: the union of its named graphs) ------------------------

@pytest.mark.slow  # a synthetic graph of 1,000 events or more
def test_a_built_store_is_validated_as_its_quads(synth_quads):
    """kg build validates the new on-disk store, whose default graph is the union of its named
    graphs: a triple stated in several graphs comes back once per graph there, and must count once."""
    import pyoxigraph as ox

    from kg.terms import quad_to_oxigraph
    from kg.validation.report import validate_store
    from kg.vocabulary import ontology_quads

    broken = break_synth(synth_quads)
    store = ox.Store()
    for i, (s, p, o, _) in enumerate(broken):
        for g in ("a", "b") if i % 3 == 0 else ("a",):  # a third of the triples stated twice
            store.add(quad_to_oxigraph(s, p, o, URIRef(EX + g)))
    store.extend(quad_to_oxigraph(*q) for q in ontology_quads())
    mine = validate_store(store, union=True)
    assert results(mine) == results(validate_quads(broken))
    assert len(mine.violations) >= 25


@pytest.mark.parametrize("path", VALIDATED, ids=lambda p: p.name)
def test_a_build_that_fails_validation_changes_nothing(path, store):
    """kg build streams into a new store and validates it before the swap: the report is the one
    validate_quads gives, each problem with its file and line, and the old store stays as it was."""
    from kg.build import build
    from kg.errors import ValidationFailed

    before, siblings = tree_digest(store), set(store.parent.iterdir())
    with pytest.raises(ValidationFailed) as failed:
        build([path], store)
    data = ingest([path])
    expected = validate_quads(data.quads, data.origins)
    assert results(failed.value.report) == results(expected)
    assert [v.origin for v in failed.value.report.violations] == [v.origin for v in expected.violations]
    assert tree_digest(store) == before
    assert set(store.parent.iterdir()) == siblings  # no half-built store left beside it
