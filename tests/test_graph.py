"""The networkx projections (kg/graphs/project.py) on the seed store and on the made-up veld scenario: their
nodes, edges and attributes by meaning, the data contract the page and the exporters rely on, the
time window, the ego network, and determinism."""

from __future__ import annotations

import io
import json

import pytest
from kgtest import HERE, seed_store, under_hash_seeds  # noqa: F401  (fixture)

from kg.build import build_memory
from kg.errors import KGError
from kg.graphs.project import PROJECTIONS, RANK, ego_graph, project

ID = "https://w3id.org/mediation-kg/id/"
P, A = ID + "pakistan", ID + "afghanistan"
GROUPS = {"actor", "event", "claim", "statement", "place"}
STATUSES = {"stated", "reported", "corroborated", "disputed"}  # and "draft", in none of the seed's
CLAIM_KEYS = {"about", "measure", "group", "figure", "qualifier", "claimant", "date", "verification", "source"}


@pytest.fixture(scope="module")
def graphs(seed_store):  # noqa: F811
    return {name: project(seed_store, name) for name in PROJECTIONS}


@pytest.fixture(scope="module")
def veld():
    return build_memory([HERE / "data" / "scenarios" / "veld.yaml"])


def relations(g, u, v) -> set:
    return set((g.get_edge_data(u, v) or {}).keys())


def item_ids(edge) -> list:
    return [i["id"][len(ID):] for i in edge["items"]]


# --- the data contract, on every projection -------------------------------------------------------

@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_every_projection_keeps_the_data_contract(graphs, name):
    g = graphs[name]
    assert g.is_multigraph() and g.is_directed()
    assert set(g.graph) == {"name", "relation_labels", "facts"} and g.graph["name"] == name and g.graph["facts"] == "all"
    assert g.number_of_nodes() > 10 and g.number_of_edges() > 10
    for node, d in g.nodes(data=True):
        assert node.startswith("https://")
        assert isinstance(d["label"], str) and d["label"] and isinstance(d["kind"], str) and d["kind"]
        assert d["group"] in GROUPS
        assert isinstance(d["info"], dict) and d["info"]["id"].startswith("id:")
        for value in d["info"].values():
            assert isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        if d["group"] in ("event", "statement") or d["kind"] == "Claim":
            assert d["start"] <= d["end"] and len(d["start"]) == 10 and isinstance(d["date"], str)
            assert d["status"] in STATUSES and d["independent_sources"] >= 1
        if d["kind"] == "Claim":
            assert set(d["claim"]) <= CLAIM_KEYS and {"measure", "claimant", "date"} <= set(d["claim"])
            assert all(isinstance(v, str) for v in d["claim"].values())
    for u, v, key, d in g.edges(keys=True, data=True):
        assert key == d["relation"] and key in g.graph["relation_labels"]
        words = g.graph["relation_labels"][key]
        assert d["label"] == words + (f" ({d['status']})" if d["reported_only"] else "")
        assert d["weight"] == len(d["items"]) >= 1
        assert isinstance(d["reported_only"], bool) and isinstance(d["info"]["because of"], list)
        for item in d["items"]:
            assert set(item) == {"id", "label", "start", "end", "according_to", "status", "independent_sources",
                                 "asserted_by", "disputed_by"}
            assert isinstance(item["according_to"], list) and item["status"] in STATUSES
        starts = [i["start"] for i in d["items"] if i["start"]]
        assert d["first"] == min(starts, default=None)
        assert starts == sorted(starts)
        # an edge stands on its firmest item; it is "reported" (or disputed) only when none is firmer
        assert d["status"] == max((i["status"] for i in d["items"]), key=RANK.get) or key == "according-to"
        assert d["reported_only"] == (d["status"] in ("reported", "disputed", "draft"))
    assert set(g.graph["relation_labels"]) == {k for *_, k in g.edges(keys=True)}


def test_the_page_and_the_graph_files_read_every_projection(graphs):
    """The renderer and the exporters take each projection as it is."""
    import networkx as nx

    from kg.explorer import graph_to_vis_data
    from kg.graphs.export import export_graph
    for g in graphs.values():
        data = graph_to_vis_data(g)
        assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
        back = nx.read_graphml(io.BytesIO(export_graph(g, "graphml")))
        assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()


# --- actors ------------------------------------------------------------------------------------

def test_actor_graph_relations(graphs):
    g = graphs["actors"]
    assert g.number_of_nodes() == 23  # every actor, linked or not
    assert g.nodes[P]["kind"] == "State" and g.nodes[P]["group"] == "actor"
    assert g.nodes[P]["info"]["Wikidata"] == "http://www.wikidata.org/entity/Q843"
    # mediation: each mediator to each party, with what the mediation produced
    for mediator in ("qatar", "turkiye"):
        edge = g.edges[ID + mediator, P, "mediated"]
        assert item_ids(edge) == ["qatar-turkiye-mediation"]
        assert edge["info"]["produced"] == ["Initial Afghanistan–Pakistan ceasefire"]
    saudi = g.edges[ID + "saudi-arabia", A, "mediated"]
    assert saudi["info"]["produced"] == ["Release of three Pakistani soldiers held by Afghanistan"]
    assert (saudi["first"], saudi["last"]) == ("2026-02-01", "2026-02-28")
    # hostility: the weekend strikes and the Friday strikes, two of them only in Mujahid's account
    strikes = g.edges[P, A, "attacked"]
    assert strikes["weight"] == 5 and (strikes["first"], strikes["last"]) == ("2026-02-21", "2026-02-27")
    assert item_ids(strikes)[0] == "pakistan-air-strikes-weekend"
    assert sum(i["according_to"] == ["Zabihullah Mujahid"] for i in strikes["items"]) == 2
    assert not strikes["reported_only"]
    assert g.edges[ID + "pakistan-army", ID + "afghan-forces", "attacked"]["reported_only"]
    # the rest of what the two sides did to each other
    assert {"attacked", "fought", "ceasefire", "captured", "released", "border-closure", "rejected",
            "disputes-border"} <= relations(g, A, P)
    assert relations(g, ID + "afghan-government", ID + "pakistan-government") == {"negotiated"}
    # the dispute over recognition: Afghanistan does not recognise the Durand Line it shares with Pakistan
    dispute = g.edges[A, P, "disputes-border"]
    assert item_ids(dispute) == ["afghanistan-rejects-durand-line"] and dispute["first"] is None
    # accusations and denials, positions and statements
    assert item_ids(g.edges[P, A, "accused"]) == ["pakistan-accuses-afghanistan-of-sheltering-ttp"]
    assert item_ids(g.edges[ID + "zabihullah-mujahid", ID + "ahmed-sharif-chaudhry", "rejected"]) == [
        "mujahid-rejects-pakistani-figures"]
    # third-party appeals and concern, to both sides
    for speaker in ("russia", "iran", "iraq"):
        assert relations(g, ID + speaker, P) == relations(g, ID + speaker, A) == {"Appeal"}
    assert "ExpressionOfConcern" in relations(g, ID + "united-nations", P)  # Guterres spoke for the UN
    assert g.graph["relation_labels"]["Appeal"] == "appeal"
    assert relations(g, ID + "khawaja-asif", ID + "afghan-government") == {"DeclarationOfWar"}
    assert "OfferToNegotiate" in relations(g, ID + "zabihullah-mujahid", P)
    # posts and affiliations: undated, structural
    post = g.edges[ID + "khawaja-asif", ID + "pakistan-government", "holds-post"]
    assert post["items"][0]["label"] == "Defence Minister of Pakistan" and post["first"] is None
    assert "affiliated-with" in relations(g, ID + "pakistan-army", P)


def test_actor_graph_carries_sources_and_reporters(graphs):
    edge = graphs["actors"].edges[ID + "pakistan-army", ID + "afghan-forces", "attacked"]
    assert edge["label"] == "attacked (reported)"
    assert edge["items"] == [{"id": ID + "pakistan-operations-per-chaudhry", "label": "Pakistani air and ground operations",
                              "start": "2026-02-26", "end": "2026-02-27", "according_to": ["Ahmed Sharif Chaudhry"],
                              "status": "reported", "independent_sources": 1, "asserted_by": "Ahmed Sharif Chaudhry",
                              "disputed_by": None}]
    assert (edge["status"], edge["disputed_by"]) == ("reported", None)
    assert edge["info"]["because of"] == [
        "Pakistani air and ground operations (2026-02-26/27), according to Ahmed Sharif Chaudhry [reported]"]


# --- events ------------------------------------------------------------------------------------

def test_actor_event_graph(graphs):
    g = graphs["events"]
    weekend = g.nodes[ID + "pakistan-air-strikes-weekend"]
    assert (weekend["kind"], weekend["group"], weekend["category"]) == ("AirStrike", "event", "MilitaryEvent")
    assert (weekend["start"], weekend["end"], weekend["date"]) == ("2026-02-21", "2026-02-22", "2026-02-21/22 weekend")
    assert weekend["info"]["where"] == ["Afghanistan"]
    offer = g.nodes[ID + "mujahid-ready-to-negotiate"]
    assert (offer["kind"], offer["group"]) == ("OfferToNegotiate", "statement")
    assert g.nodes[ID + "saudi-mediation"]["category"] == "DiplomaticEvent"
    # an actor's role in an event
    assert relations(g, P, ID + "pakistan-air-strikes-weekend") == {"attacker"}
    assert relations(g, A, ID + "pakistan-air-strikes-weekend") == {"target"}
    assert relations(g, ID + "qatar", ID + "qatar-turkiye-mediation") == {"mediator"}
    assert relations(g, P, ID + "qatar-turkiye-mediation") == {"party"}
    assert relations(g, A, ID + "october-2025-capture") == {"captor"}
    assert relations(g, P, ID + "october-2025-capture") == {"captives-of"}
    assert relations(g, ID + "khawaja-asif", ID + "asif-open-war") == {"speaker"}
    assert relations(g, P, ID + "asif-open-war") == {"on-behalf-of"}
    assert relations(g, ID + "stephane-dujarric", ID + "guterres-concern") == {"delivered-by"}
    assert relations(g, ID + "zabihullah-mujahid", ID + "pakistan-strikes-feb27-per-mujahid") == {"according-to"}
    assert g.edges[P, ID + "pakistan-strikes-feb27-per-mujahid", "attacker"]["label"] == "attacker in (reported)"
    # links between events, as stated
    assert relations(g, ID + "pakistan-air-strikes-weekend", ID + "afghan-retaliatory-attacks") == {"triggered"}
    assert relations(g, ID + "afghan-retaliatory-attacks", ID + "february-2026-fighting") == {"part-of"}
    assert relations(g, ID + "pakistan-strikes-feb26-night-per-mujahid", ID + "afghan-drone-strikes") == {"after"}
    assert relations(g, ID + "saudi-mediation", ID + "soldiers-release") == {"produced"}
    assert relations(g, ID + "soldiers-release", ID + "october-2025-capture") == {"release-of"}
    assert relations(g, ID + "mujahid-reports-strikes", ID + "pakistan-strikes-feb27-per-mujahid") == {"reports"}
    # no claims, positions or places here: they have their own projection
    assert {d["group"] for _, d in g.nodes(data=True)} == {"actor", "event", "statement"}


# --- claims ------------------------------------------------------------------------------------

def test_claims_graph(graphs):
    g = graphs["claims"]
    claims = {n: d for n, d in g.nodes(data=True) if d["kind"] == "Claim"}
    assert len(claims) == 14
    c = claims[ID + "chaudhry-afghan-killed"]["claim"]
    assert c == {"about": "Pakistani air and ground operations", "measure": "killed",
                 "group": "Afghan forces and affiliated fighters", "figure": "274", "qualifier": "at least",
                 "claimant": "Ahmed Sharif Chaudhry", "date": "2026-02-26/27", "verification": "not independently verified",
                 "source": g.nodes[ID + "chaudhry-afghan-killed"]["info"]["source"]}
    assert "figure" not in claims[ID + "mujahid-pakistani-captured"]["claim"]  # "many": no number
    # rivals, as the rival-claims named query has them: (side, measure) with two camps' figures, of
    # any category (Chaudhry's Afghan fighters against the Afghan government's civilians)
    rivals = {frozenset((claims[u]["claim"]["figure"], claims[v]["claim"]["figure"]))
              for u, v, k in g.edges(keys=True) if k == "rival"}
    assert rivals == {frozenset(("12", "55")), frozenset(("274", "13")), frozenset(("400", "22")),
                      frozenset(("274", "19")), frozenset(("400", "26"))}
    # who claimed what, what it is about, who rejected it
    assert relations(g, ID + "ahmed-sharif-chaudhry", ID + "chaudhry-afghan-killed") == {"claimed"}
    assert relations(g, ID + "chaudhry-afghan-killed", ID + "pakistan-operations-per-chaudhry") == {"about"}
    denial = ID + "mujahid-rejects-pakistani-figures"
    assert g.nodes[denial]["group"] == "statement" and g.nodes[denial]["kind"] == "Denial"
    assert {v for _, v, k in g.out_edges(denial, keys=True) if k == "rejects"} == {
        ID + "chaudhry-afghan-killed", ID + "chaudhry-afghan-wounded"}
    assert relations(g, ID + "zabihullah-mujahid", denial) == {"stated"}
    assert relations(g, ID + "mujahid-pakistani-bodies", ID + "mujahid-pakistani-killed") == {"subset-of"}
    # the underlying dispute: a standing assertion and its denial, undated
    denies = ID + "afghanistan-denies-sheltering-ttp"
    assert relations(g, denies, ID + "pakistan-accuses-afghanistan-of-sheltering-ttp") == {"rejects"}
    assert g.nodes[denies]["kind"] == "Position" and "start" not in g.nodes[denies]


# --- time window -------------------------------------------------------------------------------

FEBRUARY_STRIKES = {ID + x for x in ("pakistan-air-strikes-weekend", "afghan-retaliatory-attacks", "afghan-drone-strikes",
                                     "pakistan-strikes-feb27", "pakistan-strikes-feb27-per-mujahid",
                                     "pakistan-strikes-feb26-night-per-mujahid")}


def _everything_dated(g):
    """Every node and edge item with a start date: (id, start)."""
    out = [(n, d["start"]) for n, d in g.nodes(data=True) if d.get("start")]
    out += [(i["id"], i["start"]) for *_, d in g.edges(keys=True, data=True) for i in d["items"] if i["start"]]
    return out


@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_as_of_drops_what_came_later(seed_store, name):  # noqa: F811
    g = project(seed_store, name, as_of="2025-11-01")
    dated = _everything_dated(g)
    assert all(start <= "2025-11-01" for _, start in dated)
    ids = {i for i, _ in dated} | set(g.nodes)
    assert not ids & FEBRUARY_STRIKES
    same = project(seed_store, name, end="2025-11-01")
    assert dict(same.nodes(data=True)) == dict(g.nodes(data=True)) and list(same.edges(keys=True)) == list(g.edges(keys=True))


def test_as_of_keeps_october_2025_and_the_structure(seed_store):  # noqa: F811
    actors = project(seed_store, "actors", as_of="2025-11-01")
    assert "attacked" not in relations(actors, P, A) and "released" not in relations(actors, A, P)
    assert {"fought", "captured", "ceasefire", "border-closure"} <= relations(actors, A, P)
    assert "Deadly fighting between Afghanistan and Pakistan, October 2025 (2025-10)" in \
        actors.edges[A, P, "fought"]["info"]["because of"]
    assert relations(actors, ID + "qatar", P) == {"mediated"} and ID + "saudi-arabia" not in actors
    assert ID + "russia" not in actors  # no relation left in the window: dropped
    assert "holds-post" in relations(actors, ID + "khawaja-asif", ID + "pakistan-government")  # undated: kept
    events = project(seed_store, "events", as_of="2025-11-01")
    assert {ID + "october-2025-fighting", ID + "october-2025-capture", ID + "qatar-turkiye-mediation"} <= set(events)
    assert relations(events, ID + "initial-ceasefire", ID + "october-2025-fighting") == {"after"}
    claims = project(seed_store, "claims", as_of="2025-11-01")
    assert not [n for n, d in claims.nodes(data=True) if d["kind"] == "Claim"]  # every claim was made in 2026
    assert ID + "afghanistan-denies-sheltering-ttp" in claims  # a standing position: undated, kept


def test_a_window_keeps_what_overlaps_it(seed_store):  # noqa: F811
    import datetime as dt
    g = project(seed_store, "events", start=dt.date(2026, 2, 26), end="2026-02-26")
    assert ID + "afghan-drone-strikes" in g and ID + "february-2026-fighting" in g  # 26 and 26-27 Feb
    assert ID + "pakistan-strikes-feb27" not in g and ID + "pakistan-air-strikes-weekend" not in g
    assert ID + "months-of-clashes" in g  # October 2025 to February 2026 overlaps the day
    assert ID + "october-2025-fighting" not in g
    later = project(seed_store, "actors", start="2026-02-01")
    assert item_ids(later.edges[A, P, "fought"]) == ["months-of-clashes", "february-2026-fighting"]


@pytest.mark.parametrize("kwargs,message", [
    ({"as_of": "2025-13-01"}, "not a date"),
    ({"start": "last week"}, "not a date"),
    ({"start": "2026-03-01", "end": "2026-02-01"}, "starts (2026-03-01) after it ends"),
    ({"end": "2026-02-01", "as_of": "2026-02-02"}, "not both"),
])
def test_bad_windows_are_errors(seed_store, kwargs, message):  # noqa: F811
    with pytest.raises(KGError, match=message.replace("(", r"\(").replace(")", r"\)")):
        project(seed_store, "actors", **kwargs)


def test_unknown_projection(seed_store):  # noqa: F811
    with pytest.raises(KGError, match="choose from actors, events, claims"):
        project(seed_store, "people")


# --- ego networks ------------------------------------------------------------------------------

def test_ego_network(graphs):
    g = graphs["actors"]
    saudi = ego_graph(g, "saudi-arabia")
    assert set(saudi) == {ID + "saudi-arabia", P, A}
    assert saudi.graph["name"] == "actors" and set(saudi.graph["relation_labels"]) == {k for *_, k in saudi.edges(keys=True)}
    assert relations(saudi, A, P) == relations(g, A, P)  # every edge among the kept nodes
    for name in ("id:saudi-arabia", ID + "saudi-arabia", f"<{ID}saudi-arabia>", "Saudi Arabia", "saudi arabia"):
        assert set(ego_graph(g, name)) == set(saudi)
    assert set(ego_graph(g, "saudi-arabia", 0)) == {ID + "saudi-arabia"}
    wider = ego_graph(g, "saudi-arabia", 2)
    assert {ID + "qatar", ID + "russia", ID + "pakistan-army"} <= set(wider)
    assert g.number_of_nodes() == 23  # the projection itself is untouched
    events = ego_graph(graphs["events"], "pakistan")
    assert FEBRUARY_STRIKES - {ID + "afghan-drone-strikes", ID + "afghan-retaliatory-attacks"} <= set(events)


def test_ego_network_of_an_unknown_actor(graphs, seed_store):  # noqa: F811
    with pytest.raises(KGError, match="did you mean 'saudi-arabia'"):
        ego_graph(graphs["actors"], "saudi-arabya")
    with pytest.raises(KGError, match="nothing in the actors graph is called 'nowhere'"):
        project(seed_store, "actors", ego="nowhere")
    with pytest.raises(KGError, match="for the dates asked"):
        project(seed_store, "actors", as_of="2025-11-01", ego="saudi-arabia")
    with pytest.raises(KGError, match="depth"):
        ego_graph(graphs["actors"], "pakistan", -1)


def test_project_with_ego_and_window(seed_store):  # noqa: F811
    g = project(seed_store, "events", as_of="2025-11-01", ego="qatar", depth=1)
    assert set(g) == {ID + "qatar", ID + "qatar-turkiye-mediation"}


# --- determinism and the veld scenario -----------------------------------------------------------

@pytest.mark.slow  # two interpreters
def test_the_same_store_gives_the_same_projection_in_any_process(tmp_path):
    code = ("import json, sys; from kg.build import build_memory; from kg.graphs.project import project; "
            "s = build_memory(validate=False); "
            "print(json.dumps([[list(g.nodes(data=True)), list(g.edges(keys=True, data=True)), g.graph] "
            "for g in (project(s, n) for n in ('actors', 'events', 'claims'))], sort_keys=True))")
    outs = under_hash_seeds(code)
    assert outs[0] == outs[1] and json.loads(outs[0])


def test_veld_actors(veld):
    g = project(veld, "actors")
    v = ID
    assert relations(g, v + "norway", v + "northland") == {"mediated"}
    assert relations(g, v + "african-union", v + "southland") == {"mediated"}
    assert {"fought", "ceasefire", "negotiated", "attacked"} <= relations(g, v + "northland", v + "southland")
    assert g.edges[v + "southland-army", v + "northland", "attacked"]["reported_only"]  # per Mara Olsen
    assert relations(g, v + "mara-olsen", v + "southland") == {"accused"}  # an accusation made as a statement
    # an appeal with no addressee goes to the other side of the event it is about, not to her own
    assert relations(g, v + "mara-olsen", v + "southland-army") == {"Appeal"}
    assert "Appeal" not in relations(g, v + "mara-olsen", v + "northland")
    # a denial of a whole statement rejects its speaker's figures
    assert relations(g, v + "mara-olsen", v + "peter-dube") == {"rejected"}
    assert relations(g, v + "southland-army", v + "mara-olsen") == {"rejected"}


def test_veld_events_and_claims(veld):
    events = project(veld, "events")
    assert relations(events, ID + "southland-army", ID + "kessel-shelling") == {"attacker"}
    assert relations(events, ID + "oslo-truce", ID + "march-clashes") == {"after"}
    assert relations(events, ID + "norway", ID + "oslo-truce") == {"mediator"}
    claims = project(veld, "claims")
    assert relations(claims, ID + "dube-soldiers", ID + "olsen-soldiers") == {"rival"}
    assert relations(claims, ID + "olsen-denial", ID + "dube-soldiers") == {"rejects"}  # the statement's figure
    assert relations(claims, ID + "southland-denial", ID + "olsen-accusation") == {"rejects"}
    assert claims.nodes[ID + "olsen-accusation"]["group"] == "statement"
    assert claims.nodes[ID + "front-soldiers"]["claim"]["qualifier"] == "more than"
    assert project(veld, "claims", as_of="2031-05-10").nodes.get(ID + "front-soldiers") is None  # made on the 11th


def test_query_rows_convert_as_rdflib_would():
    """Result.records converts terms without rdflib for the common cases (a projection converts
    millions): the values and their types are exactly those of rdflib's toPython()."""
    import pyoxigraph as ox

    from kg.terms import from_oxigraph, to_python

    xsd = "http://www.w3.org/2001/XMLSchema#"
    typed = [("5", "integer"), ("-05", "integer"), ("+7", "integer"), ("+-5", "integer"), ("١٢", "integer"), ("x", "integer"),
             ("2026-02-27", "date"), ("2026-02-30", "date"), ("2026-02-27Z", "date"), ("2026-02", "gYearMonth"),
             ("1.50", "decimal"), ("true", "boolean"), ("2026-02-27T10:00:00", "dateTime"), ("plain", "string")]
    terms = [ox.NamedNode("https://w3id.org/mediation-kg/id/pakistan"), ox.BlankNode("b0"), ox.Literal("Kabul"),
             ox.Literal("Kaboul", language="fr")]
    terms += [ox.Literal(text, datatype=ox.NamedNode(xsd + dt)) for text, dt in typed]
    for term in terms:
        fast, slow = to_python(term), from_oxigraph(term).toPython()
        assert type(fast) is type(slow) and fast == slow, term


@pytest.mark.parametrize("name", list(PROJECTIONS))
def test_an_item_behind_several_edges_is_one_object(graphs, name):
    """At a million events the actors projection has millions of (edge, item) pairs: each item is
    made once and shared by its edges, with its "because of" line, not copied per edge."""
    first: dict = {}
    pairs = 0
    for *_, d in graphs[name].edges(keys=True, data=True):
        for item, because in zip(d["items"], d["info"]["because of"], strict=True):
            pairs += 1
            item0, because0 = first.setdefault(item["id"], (item, because))
            assert item is item0 and because is because0, f"{item['id']} is copied per edge"
    assert len(first) < pairs  # some item is behind several edges: sharing was put to the test
