"""bench/draft.py scores what it should: the keys themselves, given as a draft, score 1 on every kind,
and an empty draft 0, on every article of the test set and of the claims development sets (no spaCy
needed)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).parent.parent
KEYS = sorted((ROOT / "tests" / "data").glob("draft*/*.gold.json"))  # the test set's and every development set's


def _bench():
    spec = importlib.util.spec_from_file_location("bench_draft", ROOT / "bench" / "draft.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_draft(key: dict) -> SimpleNamespace:
    quotes = [SimpleNamespace(start=q["start"], end=q["end"], speaker=q["speaker"]) for q in key["quotes"]]
    claims = [SimpleNamespace(claimant=c["claimant"], measure=c["measure"], figure=c["figure"],
                              qualifier=c["qualifier"]) for c in key["claims"]]
    dates = [SimpleNamespace(start=d["start"], end=d["end"], expression=d["expression"]) for d in key["dates"]]
    mentions = [SimpleNamespace(start=m["start"], end=m["end"], id=m["id"]) for m in key["mentions"]]
    events = [{"type": e["type"], "places": e["places"],
               "date": e["date_not_before"] if e["date_not_before"] == e["date_not_after"]
               else f"{e['date_not_before']}/{e['date_not_after']}"} for e in key["events"]]
    return SimpleNamespace(quotes=quotes, claims=claims, dates=dates, mentions=mentions, events=events)


@pytest.mark.parametrize("key_path", KEYS,
                         ids=lambda p: f"{p.parent.name}-{p.name[:2]}")
def test_the_keys_score_one_and_nothing_scores_zero(key_path):
    bench = _bench()
    data = key_path.parent
    key = json.loads(key_path.read_text(encoding="utf-8"))
    text = (data / key["article"]).read_text(encoding="utf-8")
    title, dateline = text.split("\n")[:2]
    key["_line2"] = len(title) + 1
    same = bench.Same(yaml.safe_load((data / key["yaml"]).read_text(encoding="utf-8")))
    scores = bench.score_article(key, _as_draft(key), same, len(title) + len(dateline) + 2)
    for kind, counts in scores.items():
        if len(counts) == 2:
            assert counts[0] == counts[1], (kind, counts)
        else:
            assert counts[0] == counts[1] == counts[2], (kind, counts)
    empty = SimpleNamespace(quotes=[], claims=[], dates=[], mentions=[], events=[])
    assert all(counts[0] == 0 for counts in bench.score_article(key, empty, same, 0).values())


def _one_article():
    """A key of our own: one quote by the army, two claims (one by the army, one in a joint statement)."""
    key = {"_line2": 10, "quotes": [{"start": 20, "end": 30, "text": "We held on", "speaker": "norland-army",
                                     "speakers": ["norland-army"]}],
           "claims": [{"id": "army-killed", "claimant": "norland-army", "measure": "killed", "figure": 12,
                       "qualifier": "at-least"},
                      {"id": "joint-wounded", "claimant": None, "measure": "wounded", "figure": 3,
                       "qualifier": "exactly"}],
           "dates": [], "mentions": [], "events": []}
    gold_yaml = {"actors": [{"id": "norland-army", "name": "Norland Army"}],
                 "statements": [{"id": "s1", "speaker": "norland-army", "claims": [{"id": "army-killed"}]},
                                {"id": "s2", "speaker": ["norway", "cuba"], "claims": [{"id": "joint-wounded"}]}]}
    return key, gold_yaml


def _drafted(speaker, behalf, claimant):
    quotes = [SimpleNamespace(start=20, end=30, speaker=speaker, on_behalf_of=behalf)]
    claims = [SimpleNamespace(id="c1", claimant=claimant, measure="killed", figure=12, qualifier="at-least"),
              SimpleNamespace(id="c2", claimant="cuba", measure="wounded", figure=3, qualifier="exactly")]
    mapping = {"statements": [{"speaker": claimant, "on_behalf_of": behalf, "claims": [{"id": "c1"}]},
                              {"speaker": "cuba", "claims": [{"id": "c2"}]}]}
    return SimpleNamespace(quotes=quotes, claims=claims, dates=[], mentions=[], events=[], mapping=mapping)


def test_a_spokesperson_speaking_for_the_keys_speaker_and_a_joint_statements_claims_count():
    bench = _bench()
    key, gold_yaml = _one_article()
    same = bench.Same(gold_yaml)
    spokesman = bench.score_article(key, _drafted("ana-ruiz", "norland-army", "ana-ruiz"), same, 0)
    assert spokesman["speaker → actor"] == (1, 1) and spokesman["speaker → actor (speaker only)"] == (0, 1)
    assert spokesman["casualty claims"] == (2, 2, 2)  # Ruiz for the army; Cuba, one of the joint speakers
    assert spokesman["casualty claims (claimant only)"] == (0, 2, 2)
    someone_else = bench.score_article(key, _drafted("ana-ruiz", "norland-police", "ana-ruiz"), same, 0)
    assert someone_else["speaker → actor"] == (0, 1) and someone_else["casualty claims"] == (1, 2, 2)


def test_a_new_id_counts_as_the_keys_item_its_mentions_overlap_but_a_known_one_does_not():
    """A drafted id the store does not hold is aligned with the key's item whose mentions most of its
    mentions overlap; a known id resolved to another item is not."""
    bench = _bench()
    key, gold_yaml = _one_article()
    key["mentions"] = [{"start": 40, "end": 52, "id": "norland-army"}, {"start": 60, "end": 66, "id": "norland-army"}]
    for known, claims in ((False, (2, 2, 2)), (True, (1, 2, 2))):
        draft = _drafted("norland-armed-forces", None, "norland-armed-forces")
        draft.mentions = [SimpleNamespace(start=40, end=52, id="norland-armed-forces", known=known),
                          SimpleNamespace(start=60, end=66, id="norland-armed-forces", known=known)]
        scores = bench.score_article(key, draft, bench.Same(gold_yaml), 0)
        assert scores["casualty claims"] == claims
        assert scores["actor mentions → ids"] == ((2, 2, 2) if not known else (0, 2, 2))


def test_events_are_matched_one_to_one_whatever_their_order():
    """A key event with no place accepts either drafted strike; the one with a place only the strike
    there. Greedily, in the key's order, the first would take that strike and leave the second none."""
    bench = _bench()
    key = {"quotes": [], "claims": [], "dates": [], "mentions": [], "_line2": 0, "events": [
        {"type": "strike", "date_not_before": "2026-01-05", "date_not_after": "2026-01-05", "places": []},
        {"type": "strike", "date_not_before": "2026-01-05", "date_not_after": "2026-01-05", "places": ["breck"]}]}
    drafted = [{"type": "strike", "date": "2026-01-05", "places": "breck"},
               {"type": "strike", "date": "2026-01-05", "places": ["varn"]}]
    draft = SimpleNamespace(quotes=[], claims=[], dates=[], mentions=[], events=drafted)
    assert bench.score_article(key, draft, bench.Same({}), 0)["typed events"] == (2, 2, 2)
    draft.events = drafted[1:]
    assert bench.score_article(key, draft, bench.Same({}), 0)["typed events"] == (1, 1, 2)


def test_a_key_event_of_several_types_fits_a_drafted_event_of_any_of_them():
    """Authoring YAML may give an event a list of types (talks that are also a mediation); the key keeps
    the list, and a drafted event of one of those types is the same event, not a crash."""
    bench = _bench()
    key = {"quotes": [], "claims": [], "dates": [], "mentions": [], "_line2": 0, "events": [
        {"type": ["negotiation-round", "mediation"], "date_not_before": "2026-01-05", "date_not_after": "2026-01-05",
         "places": []}]}
    for drafted, found in (("mediation", 1), ("negotiation-round", 1), ("agreement", 0)):
        draft = SimpleNamespace(quotes=[], claims=[], dates=[], mentions=[],
                                events=[{"type": drafted, "date": "2026-01-05", "places": []}])
        assert bench.score_article(key, draft, bench.Same({}), 0)["typed events"] == (found, 1, 1)


def test_material_losses_are_not_casualty_claims():
    """A key's tanks destroyed and a drafted drone shot down count neither way in "casualty claims"."""
    bench = _bench()
    key, gold_yaml = _one_article()
    key["claims"].append({"id": "army-tanks", "claimant": "norland-army", "measure": "vehicles-destroyed",
                          "figure": 4, "qualifier": "exactly"})
    draft = _drafted("norland-army", None, "norland-army")
    draft.claims.append(SimpleNamespace(id="c3", claimant="norland-army", measure="drones-downed", figure=2,
                                        qualifier="exactly"))
    assert bench.score_article(key, draft, bench.Same(gold_yaml), 0)["casualty claims"] == (2, 2, 2)
