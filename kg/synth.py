"""Synthetic scenario-shaped data, for benchmarks and scale tests: deterministic with a seed.

``generate(events, seed)`` yields authoring documents (dicts of sections, every value a string,
exactly as docs/authoring.md describes them) holding exactly ``events`` events and statements,
plus the actors, places, sources, claims and positions they need. The data has the shape of the
seed scenario, many times over: conflict dyads (pairs of states drawn from a pool of synthetic
states and the reference states), each with governments, armed forces, posts and the officials
holding them, a border and its crossings, a standing dispute; and episodes of conflict between
them: a clash, a border closure, a capture, a mediated ceasefire and its breaches, negotiation
rounds, a mediated release, an escalation (strikes triggering retaliation, sub-events of a
fighting), declarations, offers to negotiate, denials, appeals and expressions of concern by third
parties, assessments, and casualty figures claimed by rival claimants about the same fighting.
Every item comes from a source document. Recurring mediators are drawn with a skewed
distribution, dates spread over 2000–2026, and names and quotes occasionally carry quotes,
non-ASCII letters and markup, as real data does.

The first document is the shipped reference data (``kg/data/seed/reference.yaml``: the states
and organisations of the seed), so the output builds on its own; do not build it together with
``--seed``. The first episode is the Pakistan–Afghanistan pair in February 2026, so the named
queries' example parameters have answers.

Writers: :func:`write_yaml` (files of at most ~10k events, so errors name a meaningful
file:line and the loader's memory stays bounded) and :func:`write_rdf` (streaming N-Quads or
TriG, the same quads a build of the YAML gives: the documents go through kg.authoring.ingest chunk by
chunk). The same ``(events, seed)`` always gives byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

__all__ = ["EVENTS_PER_FILE", "count_events", "generate", "write_rdf", "write_yaml"]

EVENTS_PER_FILE = 10_000
WORLD_ITEMS_PER_FILE = 20_000
FIRST_DAY = dt.date(2000, 1, 1)
LAST_START = dt.date(2025, 12, 31)

# The reference data's states that may be parties to a synthetic conflict, and those that mediate.
REFERENCE_PARTIES = ["pakistan", "afghanistan", "iran", "iraq", "russia"]
REFERENCE_MEDIATORS = ["qatar", "turkiye", "saudi-arabia", "sweden"]

_SYL_A = ["Ka", "Vel", "Mor", "Tar", "Zan", "Or", "Bel", "Sar", "Dun", "Ash", "Ker", "Lum", "Nor", "Pra", "Quel",
          "Rho", "Sul", "Tev", "Ul", "Var", "Wen", "Yar", "Zel", "Mar", "Hal", "Gor", "Fen", "Eld", "Cal", "Brn"]
_SYL_B = ["a", "e", "i", "o", "u", "ia", "ea", "ai", "ou", "ä", "ö", "é", "ı", "ā"]
_SYL_C = ["dor", "nia", "stan", "land", "via", "ria", "mar", "gard", "ssa", "lon", "ther", "kha", "nesh", "zia", "bar"]
_GIVEN = ["Amir", "Leyla", "Omar", "Sofia", "Tariq", "Elena", "Yusuf", "Mariam", "Pavel", "Aisha", "Karim", "Nadia",
          "Hamid", "Irina", "Samir", "Zainab", "Dmitri", "Fatima", "Rashid", "Olga", "Bilal", "Noor", "Arman",
          "Selin", "Jamal", "Hana", "Murat", "Lina", "Farid", "Yasmin", "José", "Zoë", "Đorđe", "Søren", "Łukasz",
          "Nguyễn", "Ahmed", "Chloé", "Ngozi", "Björn"]
_FAMILY = ["Karimi", "Haidari", "Volkov", "Rahimi", "Qureshi", "Demir", "Sadeghi", "Ivanova", "Nazari", "Aziz",
           "Yilmaz", "Hosseini", "Petrov", "Mansour", "Siddiqui", "Kaya", "Farouk", "Orlov", "Baig", "Aydın",
           "Al-Amin", "O'Neill", "Müller", "Ferrández", "Çelik", "Øster", "Zhou", "عبد الله", "Иванов", "D'Souza"]
_HOSTILE = ['"the Lion"', "<img src=x onerror=alert(1)>", "O'Brien & Sons", "50% # not a comment", "a: b",
            "back\\slash", "- dash", "{braces} [brackets]", "«guillemets»", "‘curly’ “quotes”", "tab\there",
            "emoji 🕊", "زبان", "Ελλάδα", "<script>alert('x')</script>"]
_RANKS = ["Lieutenant General", "Major General", "Brigadier", "Colonel", "General"]
_DEGREES = ["largely shut", "fully closed", "closed to trade", "partly open", "shut to pedestrians"]
_OUTLETS = ["Gazette", "Herald", "Courier", "Dispatch", "Observer", "Tribune", "Chronicle", "Times", "Wire", "Post"]
_ORGS = ["Regional Union", "Council of {r} States", "{r} Cooperation Organisation", "League of {r} Nations",
         "Commission for {r} Peace"]
_REGIONS = ["Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland", "Steppe", "Lake", "Gulf"]


# ---------------------------------------------------------------------------------------------
# Small helpers

def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40] or "x"


def _day(d: dt.date) -> str:
    return d.isoformat()


def _month(d: dt.date) -> str:
    return d.isoformat()[:7]


def _span(a: dt.date, b: dt.date) -> str:
    if a == b:
        return _day(a)
    if a.year == b.year and a.month == b.month:
        return f"{_day(a)}/{b.day:02d}"
    return f"{_day(a)}/{_day(b)}"


def _weekend(d: dt.date) -> tuple[dt.date, str]:
    """The Saturday on or after ``d``, and the weekend's date expression."""
    sat = d + dt.timedelta(days=(5 - d.weekday()) % 7)
    return sat, _span(sat, sat + dt.timedelta(days=1)) + " weekend"


def _zipf(rng: random.Random, items: list, s: float = 1.1):
    """One of ``items``, the first ones much more often (recurring mediators, busy outlets)."""
    weights = _zipf_weights(len(items), s)
    return items[rng.choices(range(len(items)), cum_weights=weights)[0]]


_WEIGHTS: dict = {}


def _zipf_weights(n, s):
    key = (n, s)
    if key not in _WEIGHTS:
        total, cum = 0.0, []
        for k in range(n):
            total += 1.0 / (k + 1) ** s
            cum.append(total)
        _WEIGHTS[key] = cum
    return _WEIGHTS[key]


def _hostile(rng: random.Random, text: str, p: float = 0.03) -> str:
    return f"{text} {rng.choice(_HOSTILE)}" if rng.random() < p else text


def _person_name(rng: random.Random) -> str:
    return _hostile(rng, f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}", 0.02)


def _clean(item: dict) -> dict:
    """Drop empty fields; one-element lists become a single value, as an analyst writes them."""
    out = {}
    for k, v in item.items():
        if v is None or v == [] or v == "":
            continue
        if isinstance(v, list) and len(v) == 1 and not isinstance(v[0], dict):
            v = v[0]
        out[k] = v
    return out


# ---------------------------------------------------------------------------------------------
# The world: states, their governments, forces, posts and officials; mediators; outlets; dyads.

class _World:
    def __init__(self, events: int, seed: int):
        rng = random.Random(f"mediation-kg synth world {seed} {events}")
        self.rng = rng
        n_dyads = max(4, round(events / 150))
        n_states = max(8, n_dyads // 4 + 4)
        self.actors: list[dict] = []
        self.places: list[dict] = []
        self.positions: list[dict] = []
        self.sources = [{"id": "synth-atlas", "title": f"[Synthetic atlas, seed {seed}]", "date": "2026-01-01",
                         "description": "Generated by kg synth: states, offices, places and standing positions."}]
        self.states: dict[str, dict] = {}  # id -> facts about the state (name, gov, forces, posts...)

        names = set()
        synthetic = []
        for i in range(n_states):
            while True:
                name = rng.choice(_SYL_A) + rng.choice(_SYL_B) + rng.choice(_SYL_C)
                if rng.random() < 0.15:
                    name = f"{rng.choice(_REGIONS)} {name}"
                if name not in names:
                    break
                name = f"{name} {i}"
                if name not in names:
                    break
            names.add(name)
            sid = f"{_slug(name)}-{i}"
            synthetic.append(sid)
            self.actors.append({"id": sid, "type": "state", "name": name, "source": "synth-atlas"})
        reference_names = {"pakistan": "Pakistan", "afghanistan": "Afghanistan", "iran": "Iran", "iraq": "Iraq",
                           "russia": "Russia", "qatar": "Qatar", "turkiye": "Türkiye", "saudi-arabia": "Saudi Arabia",
                           "sweden": "Sweden"}
        reference_names.update((a["id"], a["name"]) for a in self.actors)
        for sid in REFERENCE_PARTIES + REFERENCE_MEDIATORS + synthetic:
            self._state(sid, reference_names[sid])
        # Third parties: international organisations (the UN from the reference data, and synthetic ones).
        self.orgs = [self._org("united-nations", "United Nations", reference=True)]
        for k in range(max(2, n_states // 20)):
            region = rng.choice(_REGIONS)
            self.orgs.append(self._org(f"org{k}-{_slug(region)}", rng.choice(_ORGS).format(r=region)))
        self.outlets = []
        for k in range(max(3, n_states // 10)):
            name = f"The {rng.choice(_SYL_A)}{rng.choice(_SYL_C)} {rng.choice(_OUTLETS)}"
            oid = f"media{k}-{_slug(name)}"
            self.outlets.append(oid)
            self.actors.append({"id": oid, "type": "media-outlet", "name": name, "source": "synth-atlas"})
        self.analysts = []
        for k in range(max(3, n_states // 10)):
            aid = f"analyst{k}"
            self.analysts.append(aid)
            self.actors.append({"id": aid, "type": "analyst", "name": _person_name(rng), "source": "synth-atlas",
                                "description": "Analyst of regional conflicts.",
                                "based_in": rng.choice(REFERENCE_MEDIATORS + synthetic)})
        # Dyads: the seed's pair first, then random pairs of parties.
        parties = REFERENCE_PARTIES + synthetic
        mediator_pool = REFERENCE_MEDIATORS + [o["id"] for o in self.orgs] + synthetic[::-1]
        self.mediator_pool = mediator_pool
        self.dyads = []
        seen = set()
        pairs = [("pakistan", "afghanistan")]
        while len(pairs) < n_dyads:
            a, b = rng.sample(parties, 2)
            if (a, b) in seen or (b, a) in seen:
                continue
            pairs.append((a, b))
            seen.add((a, b))
        seen.add(pairs[0])
        for j, (a, b) in enumerate(pairs):
            self.dyads.append(self._dyad(j, a, b))

    def _state(self, sid, name):
        rng = self.rng
        src = "synth-atlas"
        gov, forces = f"{sid}-gov", f"{sid}-forces"
        self.actors += [
            {"id": gov, "type": "government", "name": f"Government of {name}", "affiliated_with": sid, "source": src},
            {"id": forces, "type": "armed-forces", "name": f"{name} Armed Forces", "affiliated_with": sid, "source": src},
        ]
        posts = {}
        for key, label, org in [("defence", "Defence Minister of {n}", gov), ("foreign", "Foreign Minister of {n}", gov),
                                ("army-spokesperson", "{n} Armed Forces spokesperson", forces),
                                ("spokesperson", "{n} government spokesperson", gov)]:
            pid = f"{sid}-post-{key}"
            self.actors.append({"id": pid, "type": "post", "name": label.format(n=name), "post_in": org, "source": src})
            person = f"{sid}-{key}-holder"
            entry = {"id": person, "type": "person", "name": _person_name(rng), "holds": pid, "source": src}
            if key == "army-spokesperson":
                entry["rank"] = rng.choice(_RANKS)
            self.actors.append(entry)
            posts[key] = person
        capital = f"{sid}-capital"
        region = f"{sid}-region"
        rname = f"{rng.choice(_REGIONS)} {name}"
        self.places += [
            {"id": capital, "type": "city", "name": f"{name} City" if rng.random() < 0.5 else f"Port {name}",
             "in": sid, "description": f"Capital of {name}.", "source": src},
            {"id": region, "type": "region", "name": rname, "in": sid, "source": src},
        ]
        provinces = []
        for k in range(rng.randint(3, 5)):
            pid = f"{sid}-province-{k}"
            pname = rng.choice(_SYL_A) + rng.choice(_SYL_B) + rng.choice(["r", "n", "sh", "k"]) + " Province"
            self.places.append({"id": pid, "type": "province", "name": _hostile(rng, pname, 0.02),
                                "in": region if k % 2 else sid, "source": src})
            provinces.append(pid)
        self.states[sid] = {"name": name, "gov": gov, "forces": forces, "posts": posts, "capital": capital,
                            "region": region, "provinces": provinces}

    def _org(self, oid, name, reference=False):
        src = "synth-atlas"
        if not reference:
            self.actors.append({"id": oid, "type": "international-organisation", "name": name, "source": src})
        head, spox = f"{oid}-post-head", f"{oid}-post-spokesperson"
        self.actors += [
            {"id": head, "type": "post", "name": f"Secretary-General of the {name}", "post_in": oid, "source": src},
            {"id": spox, "type": "post", "name": f"Spokesperson of the {name}", "post_in": oid, "source": src},
            {"id": f"{oid}-head-holder", "type": "person", "name": _person_name(self.rng), "holds": head, "source": src},
            {"id": f"{oid}-spokesperson-holder", "type": "person", "name": _person_name(self.rng), "holds": spox,
             "source": src},
        ]
        return {"id": oid, "name": name, "head": f"{oid}-head-holder", "spokesperson": f"{oid}-spokesperson-holder"}

    def _dyad(self, j, a, b):
        src = "synth-atlas"
        na, nb = self.states[a]["name"], self.states[b]["name"]
        border, crossings = f"d{j}-border", f"d{j}-crossings"
        km = self.rng.randint(80, 3000)
        self.places += [
            {"id": border, "type": "border", "name": f"{na}–{nb} border", "separates": [a, b],
             "length_km": str(km), "length_miles": str(round(km / 1.609)),
             "description": f"The frontier between {na} and {nb}.", "source": src},
            {"id": crossings, "type": "border", "name": f"{na}–{nb} land border crossings", "in": border, "source": src},
        ]
        self.positions += [
            {"id": f"d{j}-border-recognised", "stance": "recognises", "scope": "international", "about": border,
             "recognised_as": f"the border of {na}", "summary": f"The {na}–{nb} border is internationally recognised.",
             "source": src},
            {"id": f"d{j}-border-not-recognised", "stance": "does-not-recognise", "holder": b, "about": border,
             "summary": f"{nb} does not recognise the border as legitimate.", "source": src},
            {"id": f"d{j}-accusation", "stance": "asserts", "holder": a, "against": b, "about": b,
             "summary": _hostile(self.rng, f"{nb} shelters armed groups hostile to {na}."), "source": src},
            {"id": f"d{j}-denial", "stance": "denies", "holder": b, "about": b, "rejects": f"d{j}-accusation",
             "summary": f"{nb} denies that it shelters armed groups.", "source": src},
        ]
        return {"j": j, "a": a, "b": b, "border": border, "crossings": crossings}

    def documents(self) -> Iterator[dict]:
        items = [("actors", x) for x in self.actors] + [("places", x) for x in self.places] + \
                [("positions", x) for x in self.positions]
        for start in range(0, len(items), WORLD_ITEMS_PER_FILE):
            doc: dict = {"sources": self.sources} if start == 0 else {}
            for section, item in items[start:start + WORLD_ITEMS_PER_FILE]:
                doc.setdefault(section, []).append(_clean(item))
            yield doc


# ---------------------------------------------------------------------------------------------
# Episodes: one round of conflict between the two states of a dyad.

class _Episode:
    def __init__(self, world: _World, index: int, seed: int, budget: int):
        self.w, self.i = world, index
        rng = self.rng = random.Random(f"mediation-kg synth episode {seed} {index}")
        dyad = world.dyads[0] if index == 0 else world.dyads[index % len(world.dyads)]
        a, b = dyad["a"], dyad["b"]
        if index and rng.random() < 0.5:
            a, b = b, a
        self.dyad, self.a, self.b = dyad, a, b
        self.A, self.B = world.states[a], world.states[b]
        if index == 0:  # the seed's pair and dates: the queries' example parameters find answers
            self.t0, self.e0 = dt.date(2025, 10, 1), dt.date(2026, 2, 20)
        else:
            self.t0 = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_START - FIRST_DAY).days))
            self.e0 = self.t0 + dt.timedelta(days=rng.randint(100, 300))
        self.left = budget
        self.sources, self.events, self.statements, self.claims = [], [], [], []
        self.n = 0
        self._make_sources()

    # ids and sources ---------------------------------------------------------------------------
    def _id(self, kind: str) -> str:
        self.n += 1
        return f"x{self.i}-{self.n}-{kind}"

    def _make_sources(self):
        rng, w = self.rng, self.w
        na, nb = self.A["name"], self.B["name"]
        # each report comes after the events it tells of: the first phase (clash, closure, capture),
        # the second (ceasefire, breaches, talks, release), the escalation (at most 13 days after e0)
        last = dt.date(2026, 2, 27) if self.i == 0 else self.e0 + dt.timedelta(days=14)
        dates = [self.t0 + dt.timedelta(days=40), self.t0 + dt.timedelta(days=135), last]
        headlines = [f"Deadly fighting between {na} and {nb}",
                     f"{na} and {nb} agree to a ceasefire, then talks stall",
                     f"{na}–{nb} fighting: \"open war\" declared as mediators urge calm"]
        self.src = []
        for k, (d, h) in enumerate(zip(dates, headlines)):
            sid = f"x{self.i}-source-{k}"
            outlet = _zipf(rng, w.outlets)
            title = f"[{h}]" if rng.random() < 0.5 else _hostile(rng, h, 0.05)
            self.sources.append({"id": sid, "title": title, "date": _day(d), "publisher": outlet,
                                 "url": f"https://news.example.org/{outlet}/{d.year}/{sid}",
                                 "identifier": f"{sid}.txt"})
            self.src.append((sid, outlet))
        # a second outlet's report of the escalation (the next outlet in the list: no draw, so the
        # rest of the data stays as it was): its own account of what was hit, set beside the first
        # by kg query matched-strikes
        sid, outlet = f"x{self.i}-source-3", w.outlets[(w.outlets.index(self.src[2][1]) + 1) % len(w.outlets)]
        self.sources.append({"id": sid, "title": f"[Explosions heard across {nb}]", "date": _day(last),
                             "publisher": outlet, "url": f"https://news.example.org/{outlet}/{last.year}/{sid}",
                             "identifier": f"{sid}.txt"})
        self.src.append((sid, outlet))

    def _event(self, phase: int, kind: str, **fields) -> str:
        ident = self._id(kind)
        self.events.append(_clean({"id": ident, "type": kind, "source": self.src[phase][0], **fields}))
        self.left -= 1
        return ident

    def _statement(self, phase: int, kind: str, claims=(), **fields) -> str:
        ident = self._id(kind)
        item = _clean({"id": ident, "type": kind, "source": self.src[phase][0], **fields})
        if claims:
            item["claims"] = [_clean({"id": f"{ident}-c{k}", **c}) for k, c in enumerate(claims)]
        self.statements.append(item)
        self.left -= 1
        return ident

    def _fits(self, n: int) -> bool:
        return self.left >= n

    # the story ---------------------------------------------------------------------------------
    def build(self) -> dict:
        rng, A, B, a, b, d = self.rng, self.A, self.B, self.a, self.b, self.dyad
        na, nb = A["name"], B["name"]
        t0, e0 = self.t0, self.e0
        days = dt.timedelta
        clash = capture = ceasefire = breach = fighting = strike_b = ops = None

        if self._fits(1):
            clash = self._event(0, rng.choice(["armed-clash", "border-clash"]),
                                name=f"Fighting between {na} and {nb}, {t0:%B %Y}",
                                date=_month(t0) if rng.random() < 0.6 else _day(t0), parties=[a, b],
                                places=[d["border"]])
            self.claims.append(_clean({
                "id": f"{clash}-toll", "source": self.src[0][0], "claimant": self.src[0][1], "about": clash,
                "losses_of": [a, b], "category": "unspecified", "group": "people on both sides", "measure": "killed",
                "figure": str(rng.randint(5, 200)), "qualifier": rng.choice(["more-than", "at-least", "approximately"]),
                "date": self.sources[0]["date"]}))
        if clash and self._fits(1):
            self._event(0, "border-closure", name=f"Closure of the {na}–{nb} border crossings", date=_month(t0),
                        ongoing="true" if rng.random() < 0.5 else None, degree=rng.choice(_DEGREES),
                        places=[d["crossings"]], parties=[a, b], after=clash)
        if self._fits(1) and rng.random() < 0.8:
            capture = self._event(0, "capture", name=f"Capture of {nb} soldiers by {na}", date=_month(t0),
                                  captor=a, captives_of=b, count=str(rng.randint(1, 30)))
        if clash and self._fits(2):
            mediators = self._mediators(rng.choice([1, 1, 2]))
            ceasefire = self._id("ceasefire")
            self._event(1, "mediation", name=f"Mediation of a ceasefire between {na} and {nb}",
                        date=_span(t0 + days(5), t0 + days(25)), mediators=mediators, parties=[a, b], after=clash,
                        produced=ceasefire)
            cd = t0 + days(rng.randint(20, 40))
            self.events.append(_clean({"id": ceasefire, "type": "ceasefire", "source": self.src[1][0],
                                       "name": f"{na}–{nb} ceasefire of {cd:%B %Y}", "date": _day(cd),
                                       "parties": [a, b], "after": clash}))
            self.left -= 1
            for k in range(rng.randint(1, 2)):
                if not self._fits(1):
                    break
                bd = cd + days(rng.randint(3, 50))
                breach = self._event(1, "ceasefire-breach", name=f"Breach of the {na}–{nb} ceasefire",
                                     date=_span(bd, bd + days(rng.randint(0, 3))), breach_of=ceasefire,
                                     attacker=rng.choice([a, b]), quantity="repeated" if k else None)
            for k in range(rng.randint(1, 3)):
                if not self._fits(1):
                    break
                nd = cd + days(rng.randint(30, 90))
                self._event(1, "negotiation-round", name=f"Talks between {na} and {nb}, round {k + 1}",
                            date=_month(nd) if rng.random() < 0.5 else _day(nd), parties=[A["gov"], B["gov"]],
                            after=ceasefire,
                            outcome=rng.choice(["agreement-reached", "no-lasting-agreement", "collapsed"]),
                            quantity="several rounds" if rng.random() < 0.3 else None,
                            mediators=self._mediators(1) if rng.random() < 0.4 else None,
                            host=self._mediators(1) if rng.random() < 0.2 else None)
        if capture and self._fits(2):
            release = self._id("release")
            rd = t0 + days(rng.randint(60, 120))
            self._event(1, "mediation", name=f"Mediation of the release of {nb} soldiers", date=_month(rd),
                        mediators=self._mediators(1), parties=[a, b], after=breach, produced=release)
            self.events.append(_clean({"id": release, "type": "release", "source": self.src[1][0],
                                       "name": f"Release of {nb} soldiers held by {na}", "date": _month(rd),
                                       "captor": a, "captives_of": b, "count": str(rng.randint(1, 30)),
                                       "release_of": capture}))
            self.left -= 1

        # the escalation: strikes, retaliation, a fighting that includes them
        sat, weekend = _weekend(e0)
        e1 = sat + days(5 if self.i == 0 else rng.randint(3, 6))  # episode 0: 2026-02-26, as the seed
        if self._fits(6):
            fighting = self._event(2, "armed-clash", name=f"{na}–{nb} fighting, {e1:%B %Y}", date=_span(e1, e1 + days(1)),
                                   parties=[a, b], places=[d["border"]])
            first = self._event(2, "air-strike", name=f"{na} air strikes on {nb} territory", date=weekend,
                                attacker=a, target=b, places=[b])
            self._event(2, "retaliatory-attack", name=f"{nb} retaliatory attacks along the border", date=_day(e1),
                        attacker=b, target=a, places=[d["border"]], triggered_by=first, part_of=fighting)
            drones = self._event(2, "drone-strike", name=f"{nb} drone strikes on {na} military positions",
                                 date=f"{_day(e1)} late", attacker=b, target=A["forces"], places=[A["region"]],
                                 place_description="army posts near the border", part_of=fighting)
            struck = rng.sample(B["provinces"], min(len(B["provinces"]), rng.randint(1, 3)))
            strike_b = self._event(2, "strike", name=f"{na} strikes on {nb} (according to {nb})",
                                   date=f"{_day(e1)} night", attacker=a, target=b, places=[B["capital"]] + struck,
                                   according_to=B["posts"]["spokesperson"], after=drones, part_of=fighting)
            if self._fits(5):
                self._event(3, "armed-clash", name=f"Explosions and gunfire in the capital of {nb}",
                            date=f"{_day(e1)} night", parties=[a, b], places=[B["capital"]])
            self._event(2, "air-strike", name=f"{na} strikes on the capital of {nb} and other towns",
                        date=_day(e1 + days(1)), attacker=A["forces"], target=b, places=[B["capital"]],
                        place_description="other towns", part_of=fighting,
                        description=_hostile(rng, f"The heaviest bombing of {nb} in years."))
            if self._fits(1):
                ops = self._event(2, "military-event", name=f"{na} air and ground operations", date=_span(e1, e1 + days(1)),
                                  attacker=A["forces"], target=B["forces"], according_to=A["posts"]["army-spokesperson"],
                                  part_of=fighting)
        about = fighting or clash
        say = _span(e1, e1 + days(1))
        if about is None:
            return self._finish()
        self._statements(about, say, e1, strike_b, ops)
        return self._finish()

    def _statements(self, about, say, e1, strike_b, ops):
        rng, A, B, a, b, d = self.rng, self.A, self.B, self.a, self.b, self.dyad
        na, nb = A["name"], B["name"]
        day1 = _day(e1 + dt.timedelta(days=1))
        verification = rng.choice(["not-independently-verified", "unverified", "disputed"])
        steps = []
        steps.append(lambda: self._statement(
            2, "declaration-of-war", speaker=A["posts"]["defence"], on_behalf_of=a, addressee=B["gov"], date=day1,
            medium=rng.choice(["X", "television", "parliament"]),
            quote=[_hostile(rng, f"Now it is open war between us and {nb}."), "all-out confrontation"][:rng.randint(1, 2)],
            summary=f"Declared open war on {nb}.", about=about))
        steps.append(lambda: self._statement(
            2, "offer-to-negotiate", speaker=B["posts"]["spokesperson"], on_behalf_of=B["gov"], addressee=a, date=day1,
            quote=_hostile(rng, f"{nb} has always tried to resolve issues through dialogue, and wants to do so now."),
            summary=f"Offered talks with {na} to stop the fighting.", about=about, after=strike_b))
        own = [("killed", rng.randint(5, 60)), ("wounded", rng.randint(10, 90))]
        their = [("killed", rng.randint(50, 400)), ("wounded", rng.randint(60, 500))]
        a_claims = [dict(about=ops or about, losses_of=b, category="military", group=f"{nb} forces", measure=m,
                         figure=str(f), qualifier=q) for (m, f), q in zip(their, ["at-least", "more-than"])]
        a_claims += [dict(about=about, losses_of=a, category="military", group=f"{na} soldiers", measure=m, figure=str(f))
                     for m, f in own]
        a_claims.append(dict(about=about, losses_of=a, category="military", measure="missing-in-action",
                             figure=str(rng.randint(1, 5))))
        a_stmt = [None]
        b_stmt_claims = [dict(about=about, losses_of=a, category="military", group=f"{na} soldiers", measure="killed",
                              figure=str(own[0][1] * rng.randint(2, 6))),
                         dict(about=about, losses_of=a, category="military", measure="captured", qualifier="many",
                              quote="many"),
                         dict(about=about, losses_of=b, category="military", group=f"{nb} soldiers", measure="killed",
                              figure=str(max(1, their[0][1] // rng.randint(5, 20)))),
                         dict(about=about, losses_of=b, category="military", measure="wounded",
                              figure=str(max(1, their[1][1] // rng.randint(5, 20))))]

        def a_figures():
            a_stmt[0] = self._statement(2, "statement", speaker=A["posts"]["army-spokesperson"], on_behalf_of=A["forces"],
                                        date=say, summary=f"Gave figures for {nb} losses and for {na}'s own.",
                                        reports=ops, verification=verification, claims=a_claims)
        steps.append(a_figures)
        steps.append(lambda: self._statement(
            2, "statement", speaker=B["posts"]["spokesperson"], on_behalf_of=B["gov"], date=say,
            summary=f"Gave {nb} figures for both sides' losses.", verification=verification, claims=b_stmt_claims))

        def denial():
            if a_stmt[0] is None:
                return self._statement(2, "denial", speaker=B["posts"]["spokesperson"], on_behalf_of=B["gov"], date=say,
                                       quote="false", summary=f"Dismissed the reports from {na}.", about=about)
            return self._statement(2, "denial", speaker=B["posts"]["spokesperson"], on_behalf_of=B["gov"], date=say,
                                   quote=rng.choice(["false", "baseless", "a lie"]),
                                   summary=f"Dismissed the {na} figures for {nb} losses.",
                                   rejects=[f"{a_stmt[0]}-c0", f"{a_stmt[0]}-c1"])
        steps.append(denial)
        if strike_b:
            steps.append(lambda: self._statement(
                2, "statement", speaker=B["posts"]["spokesperson"], on_behalf_of=B["gov"], date=day1,
                summary=f"Listed the places {na} hit.", reports=strike_b))
            steps.append(lambda: self._statement(
                2, "statement", speaker=B["gov"], date=day1, reports=strike_b, verification=verification,
                summary=f"Gave civilian casualty figures for the {na} strikes.",
                claims=[dict(about=strike_b, losses_of=b, category="civilian", group="civilians", measure="killed",
                             figure=str(rng.randint(1, 40))),
                        dict(about=strike_b, losses_of=b, category="civilian", group="civilians", measure="wounded",
                             figure=str(rng.randint(1, 60)))]))
        org = _zipf(rng, self.w.orgs, 1.3)
        steps.append(lambda: self._statement(
            2, "expression-of-concern", speaker=org["head"], on_behalf_of=org["id"], delivered_by=org["spokesperson"],
            addressee=[a, b], date=say, medium="news briefing",
            quote=_hostile(rng, "deeply concerned by the escalation of violence"),
            summary="Worried by the escalation and by what it means for civilians.", about=about))
        steps.append(lambda: self._statement(
            2, "appeal", speaker=self._mediators(rng.randint(1, 3)), addressee=[a, b], date=say,
            summary="Urged that the fighting stop at once.", about=about))
        steps.append(lambda: self._statement(
            2, "assessment", speaker=_zipf(rng, self.w.analysts), addressee=self.src[2][1], date=say,
            quote=_hostile(rng, f"Despite its military strength, {na} cannot sustain a long war with {nb}.", 0.05),
            summary=f"{na}'s internal situation limits how far it can go to war.", about=[about, d["border"]]))
        accusation = [None]

        def accuse():
            accusation[0] = self._statement(2, "accusation", speaker=A["posts"]["foreign"], on_behalf_of=a, against=b,
                                            date=say, quote=f"{nb} harbours the militants who attack us.",
                                            summary=f"Accused {nb} of harbouring militants.", about=about)
        steps.append(accuse)
        steps.append(lambda: self._statement(
            2, "denial", speaker=B["posts"]["foreign"], on_behalf_of=b, date=day1, quote="baseless",
            summary="Denied harbouring militants.", rejects=accusation[0]))
        for step in steps:
            if not self._fits(1):
                break
            step()

    def _mediators(self, k: int) -> list[str]:
        pool, sides = self.w.mediator_pool, (self.dyad["a"], self.dyad["b"])
        out = []
        while len(out) < k:
            m = _zipf(self.rng, pool)
            if m not in out and m not in sides:
                out.append(m)
        return out

    def _finish(self) -> dict:
        # what the story did not use of the budget: more clashes along the border, each its own event
        na, nb = self.A["name"], self.B["name"]
        k = 0
        while self.left > 0:
            day = self.t0 + dt.timedelta(days=3 + (7 * k) % 35)  # before the first report's date
            self._event(0, "border-clash", name=f"Border clash between {na} and {nb}", date=_day(day),
                        parties=[self.a, self.b], places=[self.dyad["border"]])
            k += 1
        doc = {"sources": self.sources, "events": self.events, "statements": self.statements}
        if self.claims:
            doc["claims"] = self.claims
        return doc


def _episode_sizes(events: int, seed: int) -> Iterator[int]:
    rng = random.Random(f"mediation-kg synth sizes {seed} {events}")
    left = events
    while left > 0:
        n = min(left, rng.randint(24, 40))
        yield n
        left -= n


def _merge(docs: list[dict]) -> dict:
    out: dict = {}
    for doc in docs:
        for section, items in doc.items():
            out.setdefault(section, []).extend(items)
    return out


def generate(events: int, seed: int = 0, *, per_file: int = EVENTS_PER_FILE) -> Iterator[dict]:
    """Authoring documents (dicts of sections; every value a string, a list, or a nested claim)
    with exactly ``events`` events and statements in all. The first documents are the reference
    data and the world (states, offices, places, positions); then documents of whole episodes,
    each with at most ``per_file`` events. Deterministic: the same arguments, the same documents."""
    if events < 1:
        raise ValueError("events must be at least 1")
    yield _reference()
    world = _World(events, seed)
    yield from world.documents()
    for chunk in _chunks(events, seed, per_file):
        yield _episode_doc(world, seed, chunk)


def _reference() -> dict:
    from .authoring.yamlreader import load_yaml
    from .data import seed_path
    reference = seed_path() / "reference.yaml"
    return _plain(load_yaml(reference.read_text(encoding="utf-8"), str(reference)))


def _chunks(events: int, seed: int, per_file: int) -> list[list[tuple[int, int]]]:
    """The episodes (index, events) of each episode document, at most ``per_file`` events a document."""
    if events < 1:
        raise ValueError("events must be at least 1")
    chunks, chunk, count = [], [], 0
    for index, size in enumerate(_episode_sizes(events, seed)):
        if count + size > per_file and chunk:
            chunks.append(chunk)
            chunk, count = [], 0
        chunk.append((index, size))
        count += size
    if chunk:
        chunks.append(chunk)
    return chunks


def _episode_doc(world: _World, seed: int, chunk) -> dict:
    return _merge([_Episode(world, index, seed, size).build() for index, size in chunk])


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def count_events(doc: dict) -> int:
    return len(doc.get("events", ())) + len(doc.get("statements", ()))


# ---------------------------------------------------------------------------------------------
# YAML: written by hand (block style, one field a line), fast and byte-stable.

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/()'–-]*[A-Za-z0-9.)]$|^[A-Za-z0-9]$")
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
SECTION_ORDER = ["sources", "source", "actors", "places", "positions", "events", "statements", "claims"]


def _scalar(s: str) -> str:
    if _PLAIN.match(s) and "  " not in s and " '" not in s and not s.startswith("'"):
        return s
    text = json.dumps(s, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                            else f"\\U{ord(m.group()):08x}", text)


def _emit_item(item: dict, indent: str, out: list):
    first = True
    for key, value in item.items():
        lead = indent[:-2] + "- " if first else indent
        first = False
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.append(f"{lead}{key}:\n")
            for sub in value:
                _emit_item(sub, indent + "    ", out)
        elif isinstance(value, list):
            out.append(f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]\n")
        else:
            out.append(f"{lead}{key}: {_scalar(value)}\n")


def to_yaml(doc: dict, header: str = "") -> str:
    """One authoring document as YAML text."""
    out = [header] if header else []
    for section in sorted(doc, key=SECTION_ORDER.index):
        value = doc[section]
        if isinstance(value, str):
            out.append(f"{section}: {_scalar(value)}\n")
            continue
        if not value:  # "statements:" with no items below is null in YAML, not a list: leave it out
            continue
        out.append(f"\n{section}:\n")
        for item in value:
            _emit_item(item, "    ", out)
    return "".join(out)


def _file_names(docs) -> Iterator[tuple[str, dict]]:
    world = events = 0
    for k, doc in enumerate(docs):
        if k == 0:
            yield "reference.yaml", doc
        elif "events" in doc or "statements" in doc:
            events += 1
            yield f"events-{events:05d}.yaml", doc
        else:
            world += 1
            yield f"world-{world:03d}.yaml", doc


def _check_empty(path: Path):
    from .errors import KGError
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise KGError(f"{path}: the output must be a new or empty directory (kg synth never mixes its files with others)")


def write_yaml(directory, events: int, seed: int = 0, *, per_file: int = EVENTS_PER_FILE) -> list[Path]:
    """Write the synthetic data as authoring files in ``directory`` (new or empty); return their paths."""
    if events < 1:
        raise ValueError("events must be at least 1")
    directory = Path(directory)
    _check_empty(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in _file_names(generate(events, seed, per_file=per_file)):
        header = (f"# Synthetic data generated by `kg synth --events {events} --seed {seed}`: not real events.\n"
                  if name != "reference.yaml" else "# The reference data shipped with mediation-kg.\n")
        path = directory / name
        path.write_text(to_yaml(doc, header), encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------------------------------------
# RDF: the documents through kg.authoring.ingest, chunk by chunk (the world's items stay known to every chunk).

def _ymap(value):
    from .authoring.yamlreader import YList, YMap, YStr
    if isinstance(value, dict):
        out = YMap()
        out.key_lines = {}
        for k, v in value.items():
            out[k] = _ymap(v)
        return out
    if isinstance(value, list):
        return YList(_ymap(v) for v in value)
    return YStr(value)


def _translate_doc(name: str, doc: dict, base: dict, via_yaml: bool = False) -> list:
    """The quads of one document; ``base`` holds the items of the reference data and the world
    (a world document's items are added to it, an episode document's are not kept)."""
    from .authoring import ingest as ing
    from .authoring.yamlreader import load_yaml
    from .errors import Problems
    from .limits import limit
    col = Problems(limit("errors_listed"))
    ydoc = load_yaml(to_yaml(doc), name) if via_yaml else _ymap(doc)
    items = ing._collect_items([(name, ydoc)], col)
    clash = [i for i in items if i in base]
    if clash:
        raise AssertionError(f"synthetic ids used twice: {sorted(clash)[:5]}")
    out = ing.Ingested(files=[name])
    base.update(items)  # the document sees the reference data, the world and itself
    for item in items.values():
        ing._translate(item, base, out, col)
    col.raise_any()
    if "events" in doc or "statements" in doc:  # an episode document: nothing outside it refers to its items
        for ident in items:
            del base[ident]
    return out.quads


def quads(events: int, seed: int = 0, *, per_file: int = EVENTS_PER_FILE, via_yaml: bool = False):
    """The quads (rdflib terms) a build of the synthetic data gives, document by document.
    ``via_yaml`` sends each document through YAML text and the authoring loader, as a build does."""
    base: dict = {}
    for name, doc in _file_names(generate(events, seed, per_file=per_file)):
        yield from _translate_doc(name, doc, base, via_yaml)


_FORKED: dict = {}  # what worker processes inherit: the world, its items, the chunks, the format


def _serialize(qs, fmt_name: str, output=None) -> bytes | None:
    """One document's quads as RDF, to ``output`` (a binary file) or as bytes."""
    import pyoxigraph as ox

    from .terms import quad_to_oxigraph
    return ox.serialize((quad_to_oxigraph(*q) for q in qs), output, getattr(ox.RdfFormat, fmt_name))


def _chunk_rdf(k: int, output=None) -> tuple[bytes | None, int]:
    st = _FORKED
    doc = _episode_doc(st["world"], st["seed"], st["chunks"][k])
    qs = _translate_doc(f"events-{k + 1:05d}.yaml", doc, st["base"])
    return _serialize(qs, st["fmt"], output), len(qs)


def write_rdf(path, events: int, seed: int = 0, fmt: str = "nquads", *, ontology: bool = False,
              per_file: int = EVENTS_PER_FILE, workers: int | None = None) -> int:
    """Write the synthetic data as RDF (``nquads`` or ``trig``), document by document; return the
    number of quads written (duplicates included). With ``ontology``, the ontology graph is added
    too, so the file alone loads into a store that answers the named queries. With ``workers`` > 1,
    that many forked processes translate episode documents in parallel (no gain was measured on a
    busy 2-core machine, hence the default of 1); the output is the same bytes whatever their number."""
    formats = {"nquads": "N_QUADS", "trig": "TRIG"}
    if fmt not in formats:
        raise ValueError(f"unknown RDF format {fmt!r}: use one of {', '.join(formats)}")
    chunks = _chunks(events, seed, per_file)
    workers = max(1, min(workers or 1, len(chunks)))
    world = _World(events, seed)
    base: dict = {}
    n = 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for k, doc in enumerate([_reference(), *world.documents()]):
            qs = _translate_doc("reference.yaml" if k == 0 else f"world-{k:03d}.yaml", doc, base)
            _serialize(qs, formats[fmt], fh)
            n += len(qs)
        _FORKED.update(world=world, seed=seed, chunks=chunks, base=base, fmt=formats[fmt])
        try:
            if workers > 1:
                import multiprocessing
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    for data, count in pool.imap(_chunk_rdf, range(len(chunks))):
                        fh.write(data)
                        n += count
            else:
                for k in range(len(chunks)):
                    n += _chunk_rdf(k, fh)[1]
        finally:
            _FORKED.clear()
        if ontology:
            from .vocabulary import ontology_quads
            qs = list(ontology_quads())
            _serialize(qs, formats[fmt], fh)
            n += len(qs)
    return n
