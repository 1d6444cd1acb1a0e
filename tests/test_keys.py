"""graph:keys (kg/sparql/keys.py): what rival-claims and matched-strikes join on, derived after every
write. Row by row on a small scenario written here: a claim about an event two levels under its root
event, a claim about no event, a camp reached through a post, its government and its state, a
revised claim, dates that reach over a month's end and dates with an open end; then that the keys
follow an import and a server update, and that graph:keys is nobody's source."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from importdata import acled_csv, border_acled
from kgtest import rows, run_kg, seed_store_copy, seed_store_dir  # noqa: F401  (fixtures)

from kg.build import build_memory
from kg.namespaces import ID, KEYS_GRAPH, MKG, pair_iri
from kg.sparql import keys
from kg.sparql.query import run_named
from kg.store import open_store

SCENARIO = """\
sources:
  - {id: ostwire-2035-01-05, title: "[Fighting on the Ost border]", publisher: ostwire, date: 2035-01-05}
source: ostwire-2035-01-05

actors:
  - {id: ostwire, type: media-outlet, name: Ostwire}
  - {id: ost, type: state, name: Ost}
  - {id: wend, type: state, name: Wend}
  - {id: ost-government, type: government, name: Government of Ost, affiliated_with: ost}
  - {id: ost-spokesperson, type: post, name: Spokesperson of the Government of Ost, post_in: ost-government}
  - {id: anna-berg, type: person, name: Anna Berg, holds: ost-spokesperson}
  - {id: wend-army, type: armed-forces, name: Wend Army, affiliated_with: wend}

places:
  - {id: ost-march, type: province, name: Ost March, in: ost}
  - {id: ferro, type: city, name: Ferro, in: ost-march}

events:
  - {id: border-war, type: armed-clash, name: Ost-Wend border war, date: 2035-01, parties: [ost, wend]}
  - {id: ferro-battle, type: armed-clash, name: Battle of Ferro, date: 2035-01-31/2035-02-01,
     part_of: border-war, parties: [ost, wend], places: ferro}
  - {id: ferro-raid, type: air-strike, name: Wend air raid on Ferro, date: 2035-01-31, part_of: ferro-battle,
     attacker: wend-army, target: ost, places: ferro}

claims:
  # about the raid, two levels under the border war: the episode is the war
  - {id: berg-killed, claimant: anna-berg, about: ferro-raid, losses_of: ost, category: civilian,
     measure: killed, figure: 12}
  # the army's first figure, which it revised: only the latest is set against Ost's
  - {id: army-killed-first, claimant: wend-army, about: ferro-battle, losses_of: ost, category: military,
     measure: killed, figure: 3}
  - {id: army-killed, claimant: wend-army, about: ferro-battle, losses_of: ost, category: military,
     measure: killed, figure: 5, revises: army-killed-first}
  # about no event: the episode is the source document
  - {id: berg-captured, claimant: anna-berg, losses_of: wend, measure: captured, figure: 4}
  - {id: army-captured, claimant: wend-army, losses_of: wend, measure: captured, figure: 0}
"""
SOURCE = "ostwire-2035-01-05"
# a second source, at Ferro: a shelling on the raid's day, a siege with no known end, a later shelling
OTHER = """\
sources:
  - {id: wendpost-2035-03-06, title: "[Shelling in Ferro]", publisher: wendpost, date: 2035-03-06}
source: wendpost-2035-03-06

actors:
  - {id: wendpost, type: media-outlet, name: Wendpost}

events:
  - {id: ferro-shelling, type: armed-clash, name: Shelling of Ferro, date: 2035-01-31, parties: [ost, wend], places: ferro}
  - {id: ferro-siege, type: armed-clash, name: Siege of Ferro, date: 2035-01-02/.., parties: [ost, wend], places: ferro}
  - {id: march-shelling, type: armed-clash, name: Shelling in the March, date: 2035-03-05, parties: [ost, wend],
     places: ferro}
"""


@pytest.fixture(scope="module")
def ost(tmp_path_factory):
    d = tmp_path_factory.mktemp("ost")
    (d / "ost.yaml").write_text(SCENARIO, encoding="utf-8")
    (d / "wend.yaml").write_text(OTHER, encoding="utf-8")
    return build_memory([d])


def keyed(store, prop) -> dict[str, set]:
    """The values of ``prop`` in graph:keys, by subject (ids for the id: namespace)."""
    out: dict[str, set] = {}
    for q in store.pyoxigraph.quads_for_pattern(None, ox.NamedNode(str(prop)), None, ox.NamedNode(str(KEYS_GRAPH))):
        out.setdefault(short(q.subject.value), set()).add(short(q.object.value))
    return out


def short(value: str) -> str:
    return value[len(str(ID)):] if value.startswith(str(ID)) else value


def test_camps_through_posts_governments_and_states(ost):
    # Anna Berg holds the spokesperson's post, which is in the government of Ost, affiliated with Ost
    assert keyed(ost, MKG.camp) == {"anna-berg": {"ost"}, "wend-army": {"wend"}}


def test_pairs_of_rival_claims_with_their_episodes(ost):
    source_graph = next(g for g in ost.named_graphs() if g.endswith("/" + SOURCE))
    firsts, seconds = keyed(ost, MKG.firstClaim), keyed(ost, MKG.secondClaim)
    episodes, accounts = keyed(ost, MKG.episode), keyed(ost, MKG.firstAccount) | keyed(ost, MKG.secondAccount)
    got = {}
    for node, (first,) in firsts.items():
        (second,) = seconds[node]
        got[(first, second)] = episodes[node]
        assert accounts[node] == {source_graph}
        assert node == short(pair_iri(str(ID[first]), source_graph, str(ID[second]), source_graph))
    # the killed: the raid is part of the battle, part of the war; the army's first figure is revised
    # away; the captured: about no event, so in the episode of their source document
    assert got == {("army-killed", "berg-killed"): {"border-war"},
                   ("army-captured", "berg-captured"): {SOURCE}}


def test_rival_claims_reads_the_pairs(ost):
    got = rows(run_named(ost, "rival-claims"), "measure", "claimantALabel", "figureA", "claimantBLabel", "figureB",
               "episodeLabel")
    assert sorted(got) == [("captured", "Wend Army", 0, "Anna Berg", 4, "[Fighting on the Ost border]"),
                           ("killed", "Wend Army", 5, "Anna Berg", 12, "Ost-Wend border war")]


def test_place_and_month_keys(ost):
    k = keys.key
    ferro, march, ostland = (str(ID[i]) for i in ("ferro", "ost-march", "ost"))
    within = keyed(ost, MKG.withinKey)
    # the battle reaches from the 31st of January into February: both months, at Ferro and every
    # place Ferro is in
    assert within["ferro-battle"] == {k(p, m) for p in (ferro, march, ostland) for m in ("2035-01", "2035-02")}
    assert within["ferro-raid"] == {k(p, "2035-01") for p in (ferro, march, ostland)}
    # a strike's own place only, for the strike's side of the pair
    assert keyed(ost, MKG.atKey) == {"ferro-raid": {k(ferro, "2035-01")}}
    # the siege has no known end: no month keys, matched by place alone; the war has no place
    assert keyed(ost, MKG.unkeyed) == {"ferro-siege": {"true"}}
    assert "border-war" not in within


def test_matched_strikes_through_the_keys_and_by_place_alone(ost):
    """The other source's events at Ferro: the shelling on the raid's day shares a key with it; the
    siege, open-ended, has no key and is matched by place alone; the March shelling is a month later."""
    got = rows(run_named(ost, "matched-strikes"), "strikeLabel", "otherEventLabel", "otherSourceLabel")
    assert sorted(got) == [("Wend air raid on Ferro", "Shelling of Ferro", "Wendpost"),
                           ("Wend air raid on Ferro", "Siege of Ferro", "Wendpost")]


def test_months_and_their_limits():
    import datetime as dt
    d = dt.date
    assert keys.months(d(2035, 12, 30), d(2036, 1, 2)) == ["2035-12", "2036-01"]
    assert keys.months(d(2035, 1, 2), None) is None  # an open end
    assert keys.months(d(2035, 1, 2), d(2035, 1, 1)) is None  # an end before the start
    assert keys.months(dt.datetime(2035, 1, 2, 17), d(2035, 1, 3)) is None  # a time of day
    assert keys.months(d(2030, 1, 1), d(2032, 12, 31)) is not None  # 36 months
    assert keys.months(d(2030, 1, 1), d(2033, 1, 1)) is None  # 37


def fresh(store) -> bool:
    """Whether graph:keys holds exactly what the store now gives (no stale key)."""
    held = set(store.quads(ox.NamedNode(str(KEYS_GRAPH))))
    return held == set(keys.derive(store)) and len(held) > 0


def test_keys_follow_an_import(store, tmp_path):
    """ACLED events in Kabul on the days of the seed's strikes on Kabul: matched-strikes finds them
    only through the keys the import derived."""
    csv = tmp_path / "border.acled.csv"
    csv.write_text(acled_csv(border_acled()), encoding="utf-8")

    def matched():
        with open_store(store) as s:
            assert fresh(s)
            return {r["otherSourceLabel"] for r in run_named(s, "matched-strikes").records()}
    assert "ACLED" not in matched()
    assert run_kg("import", "acled", csv, "--store", store).returncode == 0
    assert "ACLED" in matched()


def test_keys_are_nobodys_source(ost, tmp_path):
    """As graph:attribution: no item's account is in graph:keys, and no file may write into it."""
    from kg.errors import InputErrors
    graphs = {r["graph"] for r in run_named(ost, "provenance").records()}
    assert graphs and str(KEYS_GRAPH) not in graphs
    f = tmp_path / "keys.trig"
    f.write_text(f'<{KEYS_GRAPH}> {{ <{ID["berg-killed"]}> <{MKG.camp}> <{ID.wend}> }}\n', encoding="utf-8")
    with pytest.raises(InputErrors) as refused:
        build_memory([f])
    assert str(KEYS_GRAPH) in str(refused.value)


def test_blank_nodes_stay_blank_nodes(tmp_path):
    """An RDF source may name its items with blank nodes: the keys are theirs, and a claim that is a
    blank node is in no pair (rival-claims compares the claims' IRIs), instead of a failed build."""
    f = tmp_path / "blank.ttl"
    f.write_text(f"""@prefix mkg: <{MKG}> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
_:a a mkg:Claim ; mkg:lossesOf <{ID.ost}> ; mkg:measure mkg:Killed ; mkg:claimant <{ID.ost}> ; prov:wasDerivedFrom <{ID.s}> .
_:b a mkg:Claim ; mkg:lossesOf <{ID.ost}> ; mkg:measure mkg:Killed ; mkg:claimant <{ID.wend}> ; prov:wasDerivedFrom <{ID.s}> .
_:e sem:hasPlace <{ID.ferro}> ; mkg:time _:t ; prov:wasDerivedFrom <{ID.s}> .
_:t mkg:notBefore "2035-01-31"^^xsd:date ; mkg:notAfter "2035-01-31"^^xsd:date .
""", encoding="utf-8")
    store = build_memory([f], validate=False)
    assert keyed(store, MKG.firstClaim) == {}
    (within,) = [q for q in store.pyoxigraph.quads_for_pattern(None, ox.NamedNode(str(MKG.withinKey)), None,
                                                                  ox.NamedNode(str(KEYS_GRAPH)))]
    assert isinstance(within.subject, ox.BlankNode) and within.object.value == keys.key(str(ID.ferro), "2035-01")
