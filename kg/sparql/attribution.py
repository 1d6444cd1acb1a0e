"""How each fact stands across the sources: stated, reported, corroborated or disputed.

Several sources may describe the same item, each in its own named graph (its *account*), and
statements and positions may confirm, report, reject or decline to confirm an item or one fact
about it (an rdf:Statement such as "Calvia as mediator of that ceasefire"). :func:`derive` reads
all of that from a store and returns the quads of the named graph ``graph:attribution``, which
kg rebuilds after every build, import and update. For each fact whose standing is more than one
source's own voice (attributed to someone, carried by two sources or more, or pointed at by a
statement) it records:

- ``mkg:carriedBy`` the source documents whose accounts include it, ``mkg:sourceCount`` how many;
- ``mkg:assertedBy`` who asserts it: the actors an account attributes it to (``according_to``),
  else the publisher of a source that states it in its own voice, and the speakers of statements
  that report or confirm it; ``mkg:deniedBy`` who rejects it; ``mkg:declinedToConfirmBy``;
- ``mkg:independentSources``: how many *independent* sources assert it. The unit is the actor on
  whose word a fact rests: the publisher, for an account in a source's own voice; the actor it is
  attributed to, for an attributed account (two outlets repeating one speaker are one source);
  the speaker, for a statement that confirms it. A source without a publisher is its own unit;
- ``mkg:attributionStatus``: draft when an account marks it (or the item it is about) a draft
  that nobody has reviewed (``mkg:draft``, kept by ``kg build --include-drafts``), whatever else
  is known of it; else disputed when anyone rejects it; else corroborated when two independent
  sources or more assert it; else stated when the one source asserting it is a publisher
  speaking in its own voice; else reported;
- ``mkg:assertedByText`` and ``mkg:deniedByText``, the actors' names for display;
- ``mkg:datesDiffer`` true when its accounts give it different dates (other earliest or latest days),
  and then ``mkg:datesOverlap``: whether some day lies within all of them (the 8th and the night of
  the 7th into the 8th do; the 6th and the 8th do not).

A fact without a record is stated by the one source that carries it, in its own voice; a fact
about an item (an actor in a role) without a record stands as its item does. Named queries read
the records with ``COALESCE`` to those defaults (docs/writing-queries.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import ATTRIBUTION_GRAPH, MKG, PREFIXES, fact_iri
from .named import internal_query
from .query import stream_records

STATUS = {"stated": MKG.FactStated, "reported": MKG.FactReported, "corroborated": MKG.FactCorroborated,
          "disputed": MKG.FactDisputed, "draft": MKG.FactDraft}
_RDF = PREFIXES["rdf"]
_XSD = PREFIXES["xsd"]


@dataclass
class Standing:
    """What is known of one fact's standing while the rows are read."""
    sources: set = field(default_factory=set)  # source documents carrying it
    units: dict = field(default_factory=dict)  # independent unit -> own voice (bool)
    asserted: dict = field(default_factory=dict)  # actor IRI -> label
    denied: dict = field(default_factory=dict)
    declined: dict = field(default_factory=dict)
    triple: tuple | None = None  # (subject, predicate, object) of a fact about an item
    dates: set = field(default_factory=set)  # (earliest, latest) day of each account's date, None when open
    draft: bool = False  # an account marks it (or its item) an unreviewed draft

    def account(self, row) -> None:
        """One account of the fact: a source document, and whom it attributes the fact to."""
        if row.get("source") is None:
            return
        self.sources.add(row["source"])
        if row.get("dated"):
            self.dates.add((row.get("start"), row.get("end")))
        if row.get("draft") is not None:
            self.draft = True
        if row.get("who"):
            self.units.setdefault(row["who"], False)
            self.asserted[row["who"]] = row.get("whoLabel") or row["who"]
        else:
            unit = row.get("publisher") or row["source"]
            self.units[unit] = True
            if row.get("publisher"):
                self.asserted[unit] = row.get("publisherLabel") or unit

    def status(self) -> str:
        if self.draft:
            return "draft"
        if self.denied:
            return "disputed"
        if len(self.units) >= 2:
            return "corroborated"
        return "stated" if any(self.units.values()) else "reported"

    def dates_overlap(self) -> bool:
        """Whether some day lies within every account's date (ISO days compare as text; an open
        end reaches every day on its side)."""
        latest_start = max((s for s, _ in self.dates if s is not None), default=None)
        earliest_end = min((e for _, e in self.dates if e is not None), default=None)
        return latest_start is None or earliest_end is None or latest_start <= earliest_end


def derive(store) -> list:
    """The quads of ``graph:attribution`` for ``store`` (pyoxigraph Quads), as documented above."""
    facts: dict[str, Standing] = defaultdict(Standing)
    stances = list(stream_records(store, internal_query("attribution-stances")))
    for row in stream_records(store, internal_query("attribution-items")):
        facts[row["x"]].account(row)
    # facts about items: those pointed at, and those of items with several accounts whose accounts
    # do not all carry them (where they all do, such a fact stands as its item does)
    pointed = {row["target"] for row in stances}
    for row in stream_records(store, internal_query("attribution-facts")):
        f = fact_iri(row["s"], row["p"], row["o"])
        facts[f].triple = (row["s"], row["p"], row["o"])
        facts[f].account(row)
    for f in [f for f, s in facts.items() if s.triple is not None]:
        item = facts.get(facts[f].triple[0])
        if f not in pointed and item is not None and item.sources == facts[f].sources:
            del facts[f]
    for row in stances:
        target, actor = row["target"], row["actor"]
        label = row.get("actorLabel") or actor
        standing = facts[target]
        if row["stance"] == "rejects":
            standing.denied[actor] = label
        elif row["stance"] == "declines":
            standing.declined[actor] = label
        else:
            standing.asserted[actor] = label
            standing.units.setdefault(actor, False)
    # a fact about an item is no firmer than its item: whoever rejects an item rejects every fact
    # about it (a rejected strike's places and roles are disputed too, however many sources carry
    # them), and a fact about a draft item is a draft, pointed at or not
    for standing in facts.values():
        item = facts.get(standing.triple[0]) if standing.triple is not None else None
        if item is not None:
            standing.denied.update(item.denied)
            standing.draft = standing.draft or item.draft
    return list(_quads(facts))


def _quads(facts: dict[str, Standing]):
    g = ox.NamedNode(str(ATTRIBUTION_GRAPH))

    def q(s, p, o):
        return ox.Quad(s, ox.NamedNode(p), o, g)

    def integer(n):
        return ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "integer"))

    def boolean(b):
        return ox.Literal("true" if b else "false", datatype=ox.NamedNode(_XSD + "boolean"))

    for iri in sorted(facts):
        s, node = facts[iri], ox.NamedNode(iri)
        if s.triple is not None:
            yield q(node, _RDF + "type", ox.NamedNode(_RDF + "Statement"))
            for p, o in zip(("subject", "predicate", "object"), s.triple):
                yield q(node, _RDF + p, ox.NamedNode(o))
        yield q(node, str(MKG.attributionStatus), ox.NamedNode(str(STATUS[s.status()])))
        yield q(node, str(MKG.sourceCount), integer(len(s.sources)))
        yield q(node, str(MKG.independentSources), integer(len(s.units)))
        for source in sorted(s.sources):
            yield q(node, str(MKG.carriedBy), ox.NamedNode(source))
        for prop, actors in ((MKG.assertedBy, s.asserted), (MKG.deniedBy, s.denied),
                             (MKG.declinedToConfirmBy, s.declined)):
            for actor in sorted(actors):
                yield q(node, str(prop), ox.NamedNode(actor))
        for prop, actors in ((MKG.assertedByText, s.asserted), (MKG.deniedByText, s.denied)):
            if actors:
                yield q(node, str(prop), ox.Literal("; ".join(sorted(set(actors.values())))))
        if len(s.dates) > 1:
            yield q(node, str(MKG.datesDiffer), boolean(True))
            yield q(node, str(MKG.datesOverlap), boolean(s.dates_overlap()))


def refresh(store) -> int:
    """Derive ``graph:attribution`` from what ``store`` (any kind, open for writing) now holds and
    put it in place of the old one; returns the number of quads. Every write calls it before the
    store it wrote takes the old one's place: a build (:meth:`kg.store.Store.replace`'s
    ``finish``), an import and a server update (on their snapshot)."""
    quads = derive(store)
    store.put_graph(str(ATTRIBUTION_GRAPH), quads)
    return len(quads)
