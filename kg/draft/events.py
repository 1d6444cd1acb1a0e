"""Events in an article: trigger words → event types, with roles, places, a date, attribution and
the causal links the article states, as authoring event mappings marked as drafts.

Rules over spaCy's parse (the ``doc``) and the mentions and dates the drafter's other parts found:

- a trigger ("struck", "air strikes", "clashes", "exchanged fire", "talks", "brokered", "ceasefire",
  "breaches", "closed the border", "expelled", "summoned the ambassador", "released", "handed over",
  "captured", "exchange" of prisoners) gives a type; "retaliatory" or "in retaliation for" adds
  ``retaliatory-attack`` (the event retaliated for is not itself retaliatory); nothing is drafted from
  a headline (a first line with no closing stop), and nothing under a verb of what did not happen
  ("denied that...", "would hold talks", "trying to secure their release", "talks were ruled out",
  "threatened to pull out", "in an attempt to broker a truce", "demanded their release", "would be
  freed once the army withdrew"), nor a noun that only names an event told before ("called the arrests
  a kidnapping", "it was a violation"), a future one ("the next round", or any event dated after the
  article: "a second round next week") or a kind of thing ("attack
  helicopters"), a purpose ("launched a counter-attack to retake the base", "moved in to reopen a road"),
  a plan ("a new round had been scheduled"), nor an act someone is accused of ("accused X of breaking the
  truce"); "war", "insurgency" and "violence" are events only with a date of their own ("the war of August
  2008", "violence broke out in May 2023"), an agreement only when signed, reached or dated ("the 2014
  peace agreement"); a noun for a kind of event that nothing ties to a time, a place, anyone or another
  event ("a diplomat who attends the talks") is talk, not an event;
- the type is as specific as the words: the weapon that does it ("jets struck", "a drone destroyed",
  "mortar shells landed", "helicopters strafed": an air, drone or other strike; "an explosive device
  damaged", "blew up a bridge": a military event), troops moving in ("pushed into the villages",
  "moved troops into the zone", "fought their way along the road": a ground operation) or sent (a
  military event), ties cut and talks or forces left (diplomatic events), people rather than diplomats
  expelled (an event), who meets ("the envoy met officials", an archbishop "negotiating": a mediation;
  "negotiators from the two sides met", "elders from both sides", "a commission met": a round of talks;
  "talks with the church", "talks the elders held", "contacts led by an envoy", "elders intervened": a
  mediation; "troops entered Somalia": a ground operation), a clash of two states' forces near a border
  named around it (a border clash); what is closed or suspended says what kind of measure it is (a
  crossing or checkpoint: a border closure; a road, an airport or an airspace, internet, flights or a
  flow: an event, as are curfews, bans, reopenings and states of emergency; talks or visits: a
  diplomatic event, and the talks suspended are not another round; diplomats withdrawn, ordered to
  leave or declared persona non grata: a diplomatic event); an exchange between two sides is two
  releases, each side freeing the other's; what two sides agree to do, or agree when they meet, is an
  agreement; talks "mediated by" someone carry that mediator (no mediation event of their own),
  "agreed on a ceasefire" and "the deal" told after it are the ceasefire, fighting that "resumed" after
  a ceasefire in its sentence is its breach, a trigger inside another of its kind is that one ("seized
  power in a coup"), and how a fight began is the fight ("the gunfight began when militants opened
  fire");
- its scope is the trigger's subtree, or its verb's when the verb only carries it ("strikes hit
  Kabul"); the roles come from the mentions in the scope by their place in the parse (the subject
  or possessor attacks, "on"/"against" names the target, "by" the mediators or the captor...);
- its places are the places named in its words ("in", "near", "on"...), and the states it happened in
  ("in Lebanon", "Afghan territory"), not those named with whom it was done ("in coordination with",
  "by", "for"); "..., breaching the truce" happened where its sentence's event did, and a verb joined by
  "and" to another with no subject of its own where that one did ("stopped a vehicle on the road
  between X and Y and abducted three staff"); an event that happens somewhere (fighting, strikes,
  captures, releases) and names no place takes the places of the last event of its paragraph that has
  some, else the last place named there, the draft mark saying so; an agreement with none, those of the
  talks before it in its paragraph or that it came after; a reopening with none ("reopened the
  crossing"), those of the last closure before it; what agreed plans are to do ("agreed to reopen
  the Taftan crossing") and where troops came from ("flown in from Imphal") place nothing; any event
  still with no place is drafted, as a guess the draft mark names, at a place its sentence names, else
  the last one its paragraph named, else the place the article names most;
- its date is the date mention under it in the parse (not one inside an "after", "since" or relative
  clause, which has a time of its own), else that of the verb it is joined to by "and" (when that verb
  is what it undoes, "seized him last month, and released him three days later", from that date to the
  article's, since undoing comes after), of the event
  it is the object of ("brokered the truce in May") or is told inside ("on Friday in a swap mediated
  by..."), or of the day its "when" clause hangs on, else the nearest in its sentence, else the last
  one before it in its paragraph, else the article's date as an open-started span (each with less
  confidence); a trigger with two dates under it ("hit Kabul on Thursday night, and Khost on Friday")
  is one event per date, each with the places named before its date, but dates joined in one phrase
  ("on June 30 and July 1") are one span; an event done by another or during it with no date of its own
  ("the clashes broke a truce", "captured 14 fighters during the fighting") is when and where that one
  was; a verb of undoing does not take the date of the act it undoes ("closed the crossing on August 10
  and reopened it"); a day named inside what someone "called" the target dates the strike; "since 1994"
  under it: from then to the article's date, ongoing; what happened "after" or "following" something
  dated happened up to that day ("eleven days after", "a week after X held talks": that many days
  before), where that clause did when it is fighting or "there"; a date a comparison holds ("the most
  serious since May 2023") dates nothing;
- a trigger under a reporting verb ("Mujahid said strikes hit...") or "according to X" is the
  speaker's account: ``according_to``;
- "triggered", "prompting", "followed", "after", "came after", "in retaliation for", "in response
  to", "responded by" link the events on either side, with the authoring fields ``triggered_by``,
  ``after`` and ``responded_to``;
- "that followed", "responded by" point at the previous sentence's events;
- mentions of one event in several sentences (same or compatible type, dates that overlap, no
  conflicting place, attacker or attribution; an undated one joins a dated one only through the same
  attacker, captor or initiator) are merged, with all their spans; "the strikes", "the truce", "the
  fighting" with no date of their own are the last such event told before (not one they caused or
  answer); so is one told within two sentences of it with no date of its own (or the same) in another
  source's account ("the junta said its aircraft had struck training sites"), or with nothing of its own
  ("the group said it had freed the workers"), unless "another", "new", "also"...: its ``according_to``
  lists every source;
- a ceasefire has two parties at least (its shape requires them): those named with it, else the
  sides of the mediation that produced it, the other side of the fighting in the article, the actors
  its sentence names or the article's main belligerents, the draft mark saying which; when the
  article names no two sides, it is drafted as a diplomatic event, and the mark says why;
- when a store is given, a drafted event that matches a stored one (compatible type, overlapping
  dates, a shared place or actor) takes the stored event's id: a new account of it.

Ids and names are made from the type, the actors, the places and the date, never from the
article's sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..authoring.dates import parse_date
from ..namespaces import ID
from ..vocabulary import subclasses
from .model import DateMention, Mention, draft_mark

# noun lemmas → type
NOUNS = {
    "strike": "strike", "airstrike": "air-strike", "bombardment": "air-strike", "bombing": "strike",
    "raid": "strike", "shelling": "strike", "attack": "strike", "offensive": "ground-operation",
    "incursion": "ground-operation", "clash": "armed-clash", "fighting": "armed-clash", "firefight": "armed-clash",
    "gunfight": "armed-clash", "skirmish": "armed-clash", "ceasefire": "ceasefire", "truce": "ceasefire",
    "breach": "ceasefire-breach", "violation": "ceasefire-breach", "talk": "negotiation-round",
    "talks": "negotiation-round", "negotiation": "negotiation-round", "mediation": "mediation",
    "release": "release", "capture": "capture", "abduction": "capture", "kidnapping": "capture",
    "closure": "border-closure", "blockade": "military-event", "expulsion": "diplomatic-event",
    "exchange": "release", "swap": "release", "operation": "military-event", "agreement": "agreement",
    "deal": "agreement", "accord": "agreement", "coup": "political-event", "declaration": "agreement",
    "round": "negotiation-round", "assault": "strike", "ambush": "strike", "handover": "release",
    "shooting": "armed-clash", "fire": "strike", "barrage": "strike", "explosion": "military-event",
    "blast": "military-event", "meeting": "mediation", "diplomacy": "mediation", "battle": "armed-clash",
    "treaty": "agreement", "pact": "agreement", "war": "armed-clash", "insurgency": "armed-clash",
    "violence": "armed-clash", "curfew": "event", "counterattack": "ground-operation",
    "counteroffensive": "ground-operation", "emergency": "event",  # "a state of emergency", "the emergency decree"
    "ban": "event", "understanding": "agreement", "memorandum": "agreement", "contact": "mediation",
    "arrest": "capture", "detention": "capture",
    "invasion": "ground-operation", "referendum": "political-event",
}
# nouns that name an event only with a date of their own ("the war of August 2008", "since the
# insurgency began in 2023"), not "does not want war"
DATED_ONLY = {"war", "insurgency", "violence"}
SIGNING = {"sign", "reach", "seal", "conclude", "strike", "agree", "broker", "signed", "initial", "initialled"}
# verb lemmas → type
VERBS = {
    "strike": "strike", "bomb": "air-strike", "shell": "strike", "attack": "strike", "raid": "strike",
    "pound": "strike", "besiege": "military-event", "clash": "armed-clash", "fight": "armed-clash", "capture": "capture", "abduct": "capture",
    "kidnap": "capture", "seize": "capture", "detain": "capture", "arrest": "capture", "release": "release", "free": "release",
    "mediate": "mediation", "broker": "mediation", "breach": "ceasefire-breach", "violate": "ceasefire-breach",
    "close": "border-closure", "shut": "border-closure", "expel": "diplomatic-event",
    "retaliate": "retaliatory-attack", "exchange": "release", "swap": "release", "storm": "strike",
    "summon": "diplomatic-event", "recall": "diplomatic-event", "collapse": "ceasefire-breach", "ambush": "strike",
    "hand": "release", "suspend": "diplomatic-event", "overrun": "strike", "overran": "strike", "strafe": "strike",
    "negotiate": "negotiation-round", "facilitate": "mediation", "retake": "ground-operation",
    "recapture": "ground-operation", "retook": "ground-operation", "down": "strike", "ban": "event", "block": "event",
    "ram": "strike",  # as "overran": lemmas spaCy misses
}
# "exchanged fire", "opened fire", "fired rockets at", "shot at": a verb and what it needs with it
FIRE = {"exchange": ("armed-clash", {"fire"}), "trade": ("armed-clash", {"fire"}), "open": ("strike", {"fire"}),
        "fire": ("strike", {"rocket", "shell", "missile", "mortar", "artillery", "drone", "on", "at"}),
        "shoot": ("strike", {"at"})}
LOCATIVE = {"in", "near", "at", "on", "across", "along", "around", "outside", "inside", "into", "over", "off"}
PLACING = {"in", "near", "inside", "outside", "across", "along", "into", "around"}
TERRITORY = {"territory", "soil", "airspace", "waters"}
BORDERS = {"border", "frontier", "boundary", "line"}  # "the Line of Actual Control"
ENVOYS = {"ambassador", "envoy", "diplomat", "charge", "chargé", "consul", "attaché", "attache"}
# what must be near some triggers for them to count: a breach of a truce, a closure of a border...
NEEDS = {
    "ceasefire-breach": {"ceasefire", "truce", "agreement", "deal", "accord", "halt", "pause"},
    "border-closure": {"border", "crossing", "crossings", "frontier", "checkpoint"},
}
# operations on the ground by what they are for: "a search operation", "a rescue operation"
GROUND_OPERATIONS = {"search", "clearance", "sweep", "counter-insurgency", "counterinsurgency", "rescue", "mopping"}
NEEDS_NEAR = {  # by trigger lemma, not type
    "exchange": {"prisoner", "captive", "hostage", "detainee", "body", "pow", "soldier", "war"},
    "swap": {"prisoner", "captive", "hostage", "detainee", "body", "pow", "soldier", "war"},
    "operation": {"military", "ground", "air", "army"} | GROUND_OPERATIONS,
    "seize": {"soldier", "hostage", "crew", "sailor", "civilian", "fighter", "troop", "officer", "people"},
    "detain": {"soldier", "hostage", "crew", "sailor", "fighter", "troop", "officer"},
    "summon": ENVOYS, "recall": ENVOYS,
    "explosion": {"mine", "landmine", "bomb", "ied", "device", "shell", "drone", "missile", "rocket", "grenade"},
    "blast": {"mine", "landmine", "bomb", "ied", "device", "shell", "drone", "missile", "rocket", "grenade"},
    "meeting": {"shuttle", "separate"}, "diplomacy": {"shuttle"},
    "hand": {"hostage", "prisoner", "captive", "detainee", "soldier", "crew", "sailor", "body", "pow"},
    "handover": {"hostage", "prisoner", "captive", "detainee", "soldier", "crew", "sailor", "body", "pow"},
    "suspend": {"talk", "talks", "negotiation", "dialogue", "mediation", "relation", "visit", "contact", "cooperation",
                "meeting", "session", "round"},
    # and SUPPLIES, below
    "fire": {"rocket", "artillery", "mortar", "tank", "gun", "machine", "missile", "sniper", "cross"},
    "down": {"drone", "plane", "aircraft", "jet", "helicopter", "uav", "missile", "warplane"},  # "the drone was downed"
    "block": {"road", "highway", "route", "crossing", "border", "access", "traffic", "bridge", "port"},
    "ram": {"vessel", "boat", "ship", "vehicle", "car", "truck", "patrol", "gate"},
}
# closing or reopening a road, an airport or an airspace, not a border crossing: an event ("closed the road
# between X and Y", "closed its airspace to Algerian aircraft": the ontology's unilateral measures apart from
# border closures)
ROADS = {"road", "highway", "motorway", "airport", "port", "harbour", "bridge", "route", "airspace"}
# what is suspended or halted that is neither talks nor ties: an event ("suspended mobile internet services",
# "halted the flow through the pipeline", "suspended its flights")
SUPPLIES = {"internet", "service", "flight", "flow", "traffic", "export", "import", "shipment", "supply", "delivery"}
PEOPLE = {"official", "worker", "journalist", "diplomat", "passenger", "villager", "people", "person", "man", "woman",
          "child", "staff", "student", "tourist", "civilian", "employee", "engineer", "doctor", "nurse", "fisherman",
          "farmer", "trader", "miner", "teacher", "priest", "pilot", "resident", "herder", "girl", "boy", "guard",
          "negotiator", "leader", "member", "activist", "commander", "politician", "policeman", "volunteer",
          "businessman", "mayor", "governor", "chief", "elder", "lawmaker", "judge", "monk", "pastor", "aid",
          "shepherd", "hunter", "driver", "labourer", "laborer"}  # "detained a shepherd near Shebaa"
NEEDS_NEAR["arrest"] = NEEDS_NEAR["detain"]
NEEDS_NEAR["suspend"] = NEEDS_NEAR["suspend"] | SUPPLIES
for _v in ("seize", "detain", "arrest"):
    NEEDS_NEAR[_v] = NEEDS_NEAR[_v] | PEOPLE
# "captured 14 fighters", "captured two of the attackers", not "captured the base" (a post taken is how it was
# overrun, told by its attacker)
NEEDS_NEAR["capture"] = NEEDS_NEAR["seize"] | {"attacker", "militant", "gunman", "rebel", "insurgent", "suspect",
                                               "prisoner", "captive", "detainee", "administrator", "member", "one"}
MODIFIERS = {"drone": "drone-strike", "air": "air-strike", "aerial": "air-strike", "ground": "ground-operation",
             "border": "border-clash", "rocket": "strike", "artillery": "strike", "missile": "strike"}
# who struck, when it says how: "drones struck", "warplanes struck"
WEAPONS = {"drone": "drone-strike", "jet": "air-strike", "warplane": "air-strike", "aircraft": "air-strike",
           "plane": "air-strike", "helicopter": "air-strike", "bomber": "air-strike", "shell": "strike",
           "rocket": "strike", "missile": "strike", "mortar": "strike", "projectile": "strike", "bomb": "strike",
           "grenade": "strike", "device": "military-event", "mine": "military-event", "landmine": "military-event"}
# verbs that name a strike only when a weapon does them: "a drone hit a bus station", "a shell hit a school",
# "two mortar shells landed in a village", "a drone destroyed a truck", "an explosive device damaged a canal"
WEAPON_VERBS = {"hit", "target", "land", "fall", "destroy", "damage", "kill", "wound", "injure", "drop", "slam",
                "explode", "tear", "rip"}  # "a roadside bomb tore through a pickup truck"
# troops moving in ("troops pushed into the villages", "moved troops into the buffer zone"): a ground operation;
# troops sent ("sent 1,200 more soldiers to the region", "deployed troops"): a military event
TROOPS = {"troop", "soldier", "force", "tank", "army", "unit", "commando", "paratrooper", "reinforcement", "officer",
          "personnel", "policeman"}
ADVANCE = {"push", "move", "advance", "roll", "pour", "march"}
DEPLOY = {"send", "deploy", "dispatch", "fly"}  # "reinforcements were flown in from Imphal"
# "cut diplomatic ties", "severed relations": a diplomatic event
TIES = {"cut", "sever", "break", "restore", "resume", "downgrade"}
# "pulled out of talks", "withdrew from the force": a diplomatic event; "withdrew from the ridge": a military one
WITHDRAW_FROM = {"talk", "talks", "negotiation", "agreement", "deal", "treaty", "accord", "process", "mediation",
                 "force", "alliance", "mission", "coalition", "bloc", "organisation", "organization", "union", "pact"}
WITHDRAW_PLACES = {"ridge", "position", "town", "village", "area", "zone", "territory", "base", "city", "post", "line",
                   "border", "front", "hill", "valley", "island"}
# who meets for a mediation ("the envoy met officials in Rabat"), or for talks ("negotiators from the two sides met")
MEDIATING = {"envoy", "mediator", "bishop", "archbishop", "cardinal", "priest", "imam", "cleric", "elder", "representative",
             "facilitator", "church"}
NEGOTIATING = {"negotiator", "delegation", "delegate", "side", "commission", "committee"}  # "a border commission met"
# diplomatic missions, whose closing and reopening is a diplomatic event ("closed its embassy in Tehran")
MISSIONS = {"embassy", "consulate", "mission"}
# holders of office, whose suspension or dismissal is a political event
OFFICES = {"president", "minister", "premier", "governor", "mayor", "chief", "commander", "official", "head", "judge"}
# who meets for talks when there are two of them: "the two presidents met", "foreign ministers from both countries met"
LEADERS = {"president", "minister", "leader", "premier", "chancellor", "king"}
NEEDS_NEAR["meeting"] = NEEDS_NEAR["meeting"] | NEGOTIATING  # "a meeting of the two sides' negotiators"
# naming an event told before, not another one: "called the arrests a kidnapping", "the move a violation"
NAMING = {"call", "describe", "term", "label", "brand", "consider", "dub"}
FUTURE = {"next", "upcoming", "planned", "proposed", "future"}
# verbs that only carry a nominal trigger: its scope is the verb's clause ("strikes hit Kabul")
LIGHT = {"hit", "begin", "continue", "kill", "target", "launch", "carry", "take", "wound", "destroy", "damage",
         "erupt", "resume", "break", "intensify", "conduct", "stage", "hold", "leave", "injure", "mount",
         "agree", "sign", "reach", "declare", "announce", "accept", "seal", "open", "attend", "join", "flare",
         "escalate", "start"}
GATHER = {"sit", "meet", "gather", "convene", "arrive", "assemble"}  # verbs of coming together, for talks
REPORTING = {"say", "tell", "claim", "report", "announce", "allege", "state", "add", "insist", "confirm", "accuse"}
HYPOTHETICAL = {"would", "could", "might", "may", "will", "should", "shall"}
UNREAL = {"willing", "ready", "want", "threaten", "plan", "offer", "seek", "try", "refuse", "prepare", "vow",
          "expect",
          "call", "urge", "propose", "hope", "deny", "aim", "able", "unable", "intend", "demand", "attempt",
          "schedule", "postpone", "due"}  # "a new round had been scheduled for April 28", "talks are due to resume"
PURPOSE = {"attempt", "bid", "effort"}  # "in an attempt to broker a truce": not brokered
NARRATED = {"after", "before", "since", "because"}  # a clause so marked is not the speaker's account
SHOOTING = {"open", "fire", "shoot"}  # "opened fire", "fired first", "shot at its posts": how a clash went
STATEMENTS = {"statement", "communique", "communiqué", "video", "interview", "briefing"}  # a date of theirs is theirs
WARS = {"war", "conflict"}  # what two countries fight that is more than a border clash
CAUSES = {"trigger", "prompt", "spark", "provoke", "cause"}
# what is done and what undoes it, which do not happen on one day for being told in one sentence
DOING = {"close", "shut", "suspend", "detain", "arrest", "seize", "capture", "abduct", "kidnap", "impose"}
UNDOING = {"reopen", "resume", "release", "free", "lift"}
UNDATED = 0.5  # a date confidence below this: the event's sentence gave it no date
ROOTS = {"event", "military-event", "diplomatic-event"}
FIGHTING = {"strike", "air-strike", "drone-strike", "armed-clash", "border-clash", "military-event"}
MILITARY = {"strike", "air-strike", "drone-strike", "ground-operation", "retaliatory-attack", "military-event"}
LOCATED = FIGHTING | MILITARY | {"capture", "release"}  # what happens where the paragraph says
CLOSING = {"close", "shut", "closure"}  # what a reopening with no place of its own undoes
# the acts of diplomacy, by trigger lemma: a recall and a suspension of visits told one after the other are two
# events, "expelled" and "the expulsions" one
ACTS = {"expel": "expel", "expulsion": "expel", "order": "expel", "summon": "summon", "summons": "summon",
        "recall": "recall", "withdraw": "recall", "suspend": "suspend", "suspension": "suspend", "close": "close",
        "cut": "ties", "sever": "ties", "restore": "ties", "downgrade": "ties", "reopen": "ties", "recognise": "recognise",
        "recognize": "recognise"}
ROLE_FIELDS = ("attacker", "target", "initiator", "parties", "mediators", "captor", "captives_of")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12}


@dataclass
class _Event:
    types: list[str]
    sentence: int
    paragraph: int
    trigger: int  # token index
    spans: list[tuple[int, int]]
    date: str
    date_confidence: float
    roles: dict[str, list[str]] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    count: int | None = None
    degree: str | None = None
    links: dict[str, list[int]] = field(default_factory=dict)  # field -> indices of other events
    merged: list[int] = field(default_factory=list)  # trigger indices of mentions merged in
    reasons: list[str] = field(default_factory=list)
    id: str | None = None
    ongoing: bool = False
    definite: bool = False  # "the strikes", "the truce": a noun that points back at an event told before
    fresh: bool = False  # "another strike", "a new round": not one told before
    nearby: list[str] = field(default_factory=list)  # the actors its sentence names
    lemma: str = ""  # its trigger word's
    nominal: bool = False  # its trigger is a noun
    guessed: bool = False  # its places are a guess (guess_places): no word of its own names them
    reported: bool = False  # told under a verb of saying: someone's account
    outcome: bool = False  # the subject of what it did: "the raids killed three people in Aitaroun"
    by: int | None = None  # the trigger of the event that did it or that it happened in: "the clashes broke a
    # truce", "captured 14 fighters during the fighting"
    at: int | None = None  # the trigger of the talks it happened at: "At the talks, the two sides agreed to"


def find_events(text: str, doc, mentions: list[Mention], dates: list[DateMention], *, store=None,
                published: dt.date, names: dict[str, str] | None = None, states: set[str] | None = None) -> list[dict]:
    """The events of the article as authoring mappings, each with a ``draft`` mark. ``names``
    (id → name) gives the names the made names use; an id is written as words otherwise. ``states``
    are the actors that are states: "in Lebanon", "Afghan territory" place an event in one."""
    p = _Parse(text, doc, mentions, dates, published, states or set())
    events = p.events()
    p.link(events)
    events = _merge(events, p.states)
    _done_by(events)
    _at_the_talks(events)
    p.locate(events)
    _two_sides(events)
    _date_from_links(events, published)
    linked = {x for e in events for xs in e.links.values() for x in xs}
    keep = [k for k, e in enumerate(events) if k in linked or not (_talk(e) or _to_come(e, published))]
    index = {k: n for n, k in enumerate(keep)}
    events = [events[k] for k in keep]
    for e in events:
        e.links = {name: [index[x] for x in xs] for name, xs in e.links.items()}
    if store is not None:
        _match_store(events, store)
    return _write(events, names or {}, text)


def _unreal(v) -> bool:
    """A verb of something that did not happen, or not yet: denied, hypothetical, conditional,
    wanted, threatened."""
    return (any(c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ in ("nearly", "almost") for c in v.children) or
            any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in v.children) or
            any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children) or
            (v.dep_ == "advcl" and not any(c.dep_ == "mark" for c in v.children)
             and v.tag_ == "VBN" and v.head.pos_ == "VERB"
             and any(c.lower_ in HYPOTHETICAL for c in v.head.children)) or
            (v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("once", "when", "until") for c in v.children)
             and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in v.head.children)) or  # "freed once X withdrew"
            (v.dep_ in ("xcomp", "acomp") and v.head.lemma_.lower() in UNREAL) or
            # "nobody should have to negotiate for his freedom": what a verb that did not happen would have had done
            (v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX") and v.head.i != v.i and _unreal(v.head)) or
            (v.dep_ == "advcl" and v.tag_ == "VB" and v.head.lemma_.lower() in UNREAL) or  # "threatened ... to pull"
            (v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and (
                v.dep_ == "advcl" and v.head.lemma_.lower() != "use" or
                v.dep_ == "xcomp" and v.head.lemma_.lower() in ADVANCE | DEPLOY or
                v.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "neg" for c in v.head.children))) or
            # "have never allowed anyone to attack", "did not order troops to fire": what was not let or made to happen
            # "launched a counter-attack to retake the base", "carried out the strike to sabotage the talks", "moved
            # in to reopen a road": a purpose
            (v.dep_ in ("acl", "xcomp") and v.head.lemma_.lower() in PURPOSE) or
            (v.dep_ == "ccomp" and v.head.lemma_.lower() == "deny") or  # "denied that its forces had opened fire"
            # "pressed for the prisoners to be freed": an infinitive of what is wanted (not "the first to be freed")
            (v.tag_ == "VBN" and v.dep_ != "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
             and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in v.children)))


def _two_subjects(v) -> bool:
    """Whether verb ``v``'s subject is two sides: "Iraq and Turkey agreed", "the two leaders accepted"."""
    return any(c.dep_ == "nsubj" and any(x.dep_ == "conj" or x.lower_ in ("two", "both") for x in c.children)
               for c in v.children)


def _host(v):
    """The verb that ``v`` goes with when it has no time of its own: the verb it is joined to by "and", or
    the one its "when" clause dates ("met in Quetta in November, when they agreed"); else ``v``."""
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        return v.head
    if v.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in v.children):
        host = v.head
        while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
            host = host.head
        return host
    return v


def _undoes(a, b) -> bool:
    """Whether one of two verbs undoes what the other does ("closed ... and reopened it", "detained ... and
    freed them"): told in one sentence, they need not have happened on one day."""
    lemmas = {a.lemma_.lower(), b.lemma_.lower()}
    return bool(lemmas & DOING and lemmas & UNDOING)


def _noun(w) -> str:
    """A noun's lemma, also when spaCy took a capitalised plural for a name ("Drones operated by ...")."""
    lemma = w.lemma_.lower()
    return lemma[:-1] if w.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in WEAPONS.keys() | TROOPS else lemma


def _doer(v) -> set[str]:
    """The words of who does verb ``v``: its subject, the noun a relative "who" stands for ("the bishop,
    who had negotiated"), or the subject of the verb it completes ("spent the night negotiating")."""
    for w in (v, v.head):
        for c in w.children:
            if c.dep_ == "nsubj":
                rel = next((r for r in [w] + list(w.ancestors) if r.dep_ == "relcl"), None)
                if c.lower_ in ("who", "which", "that") and rel is not None:  # "the bishop of Pemba, who it said had"
                    noun = rel.head
                    while noun.dep_ == "pobj" and noun.head.head is not noun.head:
                        noun = noun.head.head
                    return {x.lemma_.lower() for x in noun.subtree if x.i < rel.i}
                return {x.lemma_.lower() for x in c.subtree}
    return set()


def _weapon(v) -> str | None:
    """The weapon that does verb ``v``, as its subject: "drones struck", "mortar rounds landed", or what
    was used to do it: "used drones to bomb villages"."""
    if v.dep_ in ("xcomp", "advcl") and v.head.lemma_.lower() == "use":
        return next((_noun(c) for c in v.head.children if c.dep_ == "dobj" and _noun(c) in WEAPONS), None)
    for c in v.children:
        if c.dep_ == "nsubj":
            for w in [x for x in c.children if x.dep_ == "compound" and NOUNS.get(c.lemma_.lower()) not in MILITARY | FIGHTING] + [c]:
                if _noun(w) in WEAPONS:  # "a drone bomb hit the market": the drone's, not a bomb's
                    return _noun(w)
    return None


def _moves(v) -> str | None:
    """The type of an event that a verb of moving or sending troops names, or of ties and talks: "troops
    pushed into the villages" (a ground operation), "sent 1,200 soldiers to the region" (a military
    event), "cut diplomatic ties", "pulled out of talks" (diplomatic events), "met officials in Rabat"
    (a mediation, when an envoy meets), "negotiators from the two sides met" (a round of talks)."""
    lemma = v.lemma_.lower()
    near = {_noun(c) for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")} | (
        {_noun(v.head)} if v.dep_ == "acl" else set())
    preps = {c.lower_: [w for w in c.children if w.dep_ == "pobj"] for c in v.children if c.dep_ == "prep"}
    objects = {c.lemma_.lower() for c in v.children if c.dep_ == "dobj"}
    if lemma in ADVANCE and "into" in preps and (objects & TROOPS or not objects and near & TROOPS):
        return "ground-operation"
    if lemma in DEPLOY and {w.lemma_.lower() for c in v.children if c.dep_ in ("dobj", "nsubjpass")
                            for w in [c] + list(c.conjuncts)} & TROOPS:
        return "military-event"  # "deployed 150 more police officers and soldiers", "reinforcements were flown in"
    if lemma == "enter" and near & TROOPS and objects - TROOPS:
        return "ground-operation"  # "Kenyan troops entered Somalia in October 2011"
    if lemma == "drive" and objects & (TROOPS | {"fighter", "militant", "rebel", "insurgent", "group"}) and any(
            c.lower_ in ("out", "from") and c.dep_ in ("prep", "prt") for c in v.children):
        return "ground-operation"  # "drove the army out of Las Anod": taken by force
    if lemma in TIES and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("tie", "relation")
                             for c in v.children):  # "cut ties", "relations were restored in 2024"
        return "diplomatic-event"
    if lemma in ("withdraw", "pull"):
        out = [w for c in v.children if c.lower_ == "out" for p in c.children if p.lower_ in ("of", "from")
               for w in p.children if w.dep_ == "pobj"] if lemma == "pull" else preps.get("from", [])
        things = {w.lemma_.lower() for w in out}
        if things & WITHDRAW_FROM:
            return "diplomatic-event"
        if things & WITHDRAW_PLACES and lemma == "withdraw" or lemma == "withdraw" and near & TROOPS and (
                "to" in preps or "from" in preps):
            return "military-event"  # "withdrew from the ridge", "the soldiers withdrew to the town of X"
    if lemma == "bring" and any(w.lower_ == "together" and (w.head.i == v.i or w.head.head.i == v.i)
                                for w in v.subtree) and v.tag_ in ("VBD", "VBN"):
        return "negotiation-round"  # "mediators brought the two presidents together in St Vincent in December 2023"
    if lemma == "meet" and objects & {"counterpart"} and v.tag_ in ("VBD", "VBN"):
        return "diplomatic-event"  # "Mozambique's president met his Rwandan counterpart in Kigali on Monday": a visit
    if lemma == "host" and v.tag_ in ("VBD", "VBN") and any(
            {w.lemma_.lower() for w in c.subtree} & {"two", "both"} and _noun(c) in LEADERS | NEGOTIATING | {"official"}
            for c in v.children if c.dep_ == "dobj"):
        return "negotiation-round"  # "had hosted officials from both countries in Lome on Monday"
    if lemma == "meet" and "for" not in preps and v.tag_ in ("VBD", "VBN"):  # "met in Baku for talks": the talks are the event
        subject = [c for c in (v.children if any(c.dep_ == "nsubj" for c in v.children) else v.head.children)
                   if c.dep_ == "nsubj"]
        words = {w.lemma_.lower() for c in subject for w in c.subtree}
        if words & MEDIATING and not words & NEGOTIATING & {"side"}:  # "elders from both sides met": talks
            return "mediation"
        if "under" in preps and not words & NEGOTIATING:
            return None  # "ministers from both countries met ... under Angolan mediation": the mediation's meetings
        if (words & NEGOTIATING | words & LEADERS) and words & {"two", "both"} or words & NEGOTIATING - {"side", "delegate"} or any(
                w.dep_ == "conj" and w.pos_ in ("ADJ", "PROPN") for c in subject for w in c.subtree):
            return "negotiation-round"  # "negotiators from the two sides", "Israeli and Syrian officials"
    return None


def _by_border_guards(v, kind: str) -> str:
    """"Border guards clashed", "border troops exchanged fire": a border clash (but "the two countries fought a
    war over Nagorno-Karabakh", "fought their worst conflict in decades": a war)."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WARS for c in v.children):
        return kind
    if kind == "armed-clash" and any(c.dep_ == "nsubj" and (
            any(w.lemma_.lower() == "border" for w in c.subtree) or
            {w.lower_ for w in c.subtree} & {"both", "two"} and any(w.lemma_.lower() == "country" for w in c.subtree))
            for c in v.children):
        return "border-clash"  # "border guards clashed", "guards from both countries fought"
    return kind


def _own_time(a) -> bool:
    """A clause that has a time of its own, which the words above it do not share: a relative clause
    ("which ended in June") or one opened by "after", "since", "before", "until"."""
    return a.pos_ in ("VERB", "AUX") and (a.dep_ == "relcl" or any(
        c.dep_ in ("mark", "prep") and c.lemma_.lower() in NARRATED | {"until"} for c in a.children)) or (
        a.dep_ in ("prep", "mark") and a.lemma_.lower() in NARRATED | {"until"}) or (
        a.dep_ == "prep" and a.lower_ == "in" and any(c.lemma_.lower() in ("retaliation", "response") for c in a.children))


class _Parse:
    def __init__(self, text, doc, mentions, dates, published, states):
        self.text, self.doc, self.published, self.states = text, doc, published, states
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.by_token.setdefault(t.i, m)
        self.date_token: dict[int, DateMention] = {}
        self.date_tokens: dict[int, DateMention] = {}
        for d in self.dates:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None:
                self.date_token[span.root.i] = d
                for t in span:
                    self.date_tokens[t.i] = d
        self.sents = list(doc.sents)
        self.sent_of = {t.i: k for k, s in enumerate(self.sents) for t in s}
        starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
        self.paragraph_starts = starts
        # a headline (a first line with no closing stop) names events the body tells: none drafted from it
        first = text.split("\n", 1)[0]
        self.body = len(first) + 1 if text[len(first) + 1:].strip() and first.strip() and \
            first.rstrip()[-1:] not in ".!?\"”:" else 0

    # --- what is where ------------------------------------------------------------------------

    def paragraph(self, char: int) -> int:
        return sum(1 for s in self.paragraph_starts if s <= char) - 1

    def mentions_in(self, tokens, kind: str) -> list[str]:
        out = []
        for i in sorted(tokens):
            m = self.by_token.get(i)
            if m is not None and m.kind == kind and m.id not in out:
                out.append(m.id)
        return out

    def actors(self, token) -> list[str]:
        return self.mentions_in({t.i for t in token.subtree}, "actor") if token is not None else []

    # --- triggers -----------------------------------------------------------------------------

    def trigger_type(self, t) -> str | None:
        lemma, lower = t.lemma_.lower(), t.text.lower()
        if t.i in self.date_tokens or t.i in self.by_token:
            return None
        if t.pos_ in ("NOUN", "PROPN"):
            kind = NOUNS.get(lower) or NOUNS.get(lemma)
            if lemma in ("halt", "pause") and any(c.dep_ == "prep" and c.lower_ in ("to", "in") and any(
                    NOUNS.get(w.lemma_.lower()) in FIGHTING for w in c.children if w.dep_ == "pobj") for c in t.children):
                kind = "ceasefire"  # "a 30-day halt to strikes on energy facilities", "a pause in the fighting"
            if kind in FIGHTING and t.dep_ == "pobj" and t.head.lower_ in ("to", "in") and \
                    t.head.head.lemma_.lower() in ("halt", "pause"):
                return None  # the strikes a halt stops are not more strikes
            if kind and self.unreal_noun(t):
                return None  # "would hold talks", "did not launch strikes", "trying to secure their release"
            if kind == "armed-clash" and t.dep_ == "nsubj" and t.head.lemma_.lower() == "resume" and any(
                    w.lemma_.lower() in NEEDS["ceasefire-breach"] for w in self.sents[self.sent_of[t.i]]):
                return "ceasefire-breach"  # "agreed a ceasefire in Aru, but fighting resumed within months"
            if lemma == "contact" and (lower != "contacts" or not (
                    {w.lemma_.lower() for w in t.subtree} | _doer(self.anchor(t))) & MEDIATING):
                return None  # "contacts led by a US envoy", "its mediators held discreet contacts" (not "talks ...,
                # the first contact since 2023", a name for the talks, nor contacts with no one mediating)
            if lemma == "meeting" and any(c.lower_ == "of" and {w.lemma_.lower() for w in c.subtree} & NEGOTIATING
                                          for c in t.children):
                kind = "negotiation-round"  # "a meeting of the two sides' negotiators in Bender"
            if kind == "negotiation-round" and lemma in ("talk", "talks") and {
                    w.lemma_.lower() for c in t.children if c.lower_ == "with" or c.dep_ in ("relcl", "dobj")
                    for w in (c.subtree if c.lower_ == "with" else [c] if c.dep_ == "dobj" else
                              (x for s in c.children if s.dep_ == "nsubj" for x in s.subtree))
                    } & MEDIATING - {"representative"}:
                kind = "mediation"  # "freed them after talks with the church", "talks the elders held with its
                # commanders" (whose subject spaCy may take for the object of "talks")
            if kind == "release" and t.dep_ == "dobj" and t.head.lemma_.lower() == "agree":
                return None  # "agreed the largest exchange of the war": an agreement (the exchange is to come)
            if kind == "negotiation-round" and t.dep_ in ("nsubjpass", "dobj") and \
                    t.head.lemma_.lower() in ("suspend", "postpone", "cancel"):
                return None  # "talks ... were suspended in 2024", "suspended peace talks": the suspension is the
                # event (talks that happened are told with a time of their own: "the talks began last week")
            if lemma == "round" and (not self.about_talks(t) or any(
                    NOUNS.get(w.lemma_.lower()) == "negotiation-round" for c in t.children if c.lower_ == "of"
                    for w in c.children)):
                return None  # a round of talks (the talks are the trigger), not of ammunition
            if kind == "agreement" and not (t.head.lemma_.lower() in SIGNING or any(
                    c.lemma_.lower() in SIGNING or c.i in self.date_tokens for c in t.children)):
                return None  # an agreement signed or reached ("the 2014 peace agreement"), not one hoped for
            if t.dep_ in ("oprd", "attr") and t.head.lemma_.lower() in NAMING | {"be"} or \
                    t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_.lower() in NAMING:
                return None  # "called the arrests a kidnapping", "it was a violation": what was told, named
            if any(c.dep_ == "amod" and c.lower_ in FUTURE for c in t.children):
                return None  # "the next round"
            if lemma == "emergency" and not (
                    t.dep_ == "compound" and t.head.lemma_.lower() in ("decree", "law", "rule") or
                    t.dep_ == "pobj" and t.head.head.lemma_.lower() == "state"):
                return None  # "emergency talks", "an emergency meeting": not a state of emergency
            if t.dep_ == "compound" and t.head.pos_ == "NOUN" and not NOUNS.get(t.head.lemma_.lower()) and \
                    lemma != "emergency":
                return None  # "attack helicopters", "a ceasefire line": a kind of thing, not an event
            if lemma == "end" and any(c.lower_ == "of" and any(NOUNS.get(w.lemma_.lower()) in ("ceasefire", "agreement")
                                                                for w in c.children) for c in t.children):
                kind = "ceasefire-breach"  # "declared the end of a ceasefire"
            if lemma in ("attack", "offensive") and t.i >= 2 and t.nbor(-1).text == "-" and \
                    t.nbor(-2).lower_ == "counter":
                kind = "ground-operation"  # "a counter-attack to retake the base" (spaCy splits it in three)
        elif t.pos_ == "VERB":
            kind = VERBS.get(lemma)
            if lemma in WEAPON_VERBS and _weapon(t) and not (t.dep_ == "conj" and VERBS.get(t.head.lemma_.lower()) in FIGHTING):
                kind = "strike"  # but "fighters clashed, and shells hit houses": the clash's shells
            kind = kind or _moves(t)
            objects = {c.lemma_.lower() for c in t.children if c.dep_ in ("dobj", "nsubjpass")}
            if t.dep_ == "conj" and "it" in objects:  # "a ceasefire took effect, but it was broken": the ceasefire
                objects |= {c.lemma_.lower() for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")}
            if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children) and not _unreal(t):
                return "strike"  # "air defences shot down a drone"
            if lemma in ("close", "shut", "reopen") and objects & ROADS:
                kind = "event"  # "closed the road between Oog and Las Anod", not a border
            elif lemma == "reopen":  # "reopened it for the exchange", "It reopened on Wednesday": the crossing named
                k = self.sent_of[t.i]
                kind = "event" if any(w.lemma_.lower() in NEEDS["border-closure"]
                                      for s in self.sents[max(0, k - 1):k + 1] for w in s) else None
            antecedent = [t.head] + ([t.head.head.head] if t.head.dep_ == "pobj" else []) if t.dep_ == "relcl" else []
            if lemma in ("close", "shut", "reopen") and (objects | {w.lemma_.lower() for w in antecedent}) & MISSIONS:
                kind = "diplomatic-event"  # "reopened its embassy in Tehran, which it had closed in January 2023"
            if lemma in ("suspend", "halt") and objects & SUPPLIES:
                kind = "event"  # "mobile internet services were suspended", "halted the flow"
            if lemma in ("suspend", "dismiss", "sack") and any(c.dep_ in ("dobj", "nsubjpass") and _noun(c) in OFFICES
                                                               for c in t.children):
                kind = "political-event"  # "the council said it had suspended the interior minister"
            if lemma == "break" and (any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children) or
                                     objects & NEEDS["ceasefire-breach"] and t.tag_ != "VBG"):
                kind = "ceasefire-breach"  # "the truce broke down within weeks", "the clashes broke a truce" (not
                # "accused the SDF of breaking the truce": an act charged, not told)
            envoys = any(c.dep_ in ("dobj", "nsubjpass") and _noun(c) in ENVOYS for c in t.children)
            ordered_out = lemma == "order" and any(c.dep_ == "xcomp" and c.lemma_.lower() == "leave" for c in t.children)
            unwelcome = lemma == "declare" and {w.lower_ for w in t.subtree} >= {"persona", "grata"}
            if envoys and (lemma in ("withdraw", "pull") or ordered_out) or unwelcome and any(
                    _noun(w) in ENVOYS for w in t.subtree):
                kind = "diplomatic-event"  # "withdrew its ambassador", "ordered two diplomats to leave", "declared
                # them persona non grata"
            if lemma == "declare" and not _unreal(t):
                said = {w.lower_ for w in t.subtree}
                if said & {"independence", "independent"}:
                    kind = "political-event"  # "separatists declared an independent state"
                elif said & {"void", "null", "invalid"}:
                    kind = "diplomatic-event"  # "the 2015 agreement, which the junta declared void in January 2024"
            if lemma == "intervene":
                kind = "mediation" if _doer(t) & MEDIATING else None  # "after elders from the community intervened"
            if t.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and any(
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in t.children):
                return None  # "summoned no envoy", "no prisoners were released": it did not happen
            if lemma in ("recognise", "recognize") and any(
                    c.dep_ == "dobj" and any(self.by_token.get(w.i) is not None for w in c.subtree) and any(
                        x.dep_ in ("prep", "oprd", "acomp", "advcl") and x.lower_ in ("as", "independent")
                        for x in t.children) or c.dep_ == "dobj" and self.by_token.get(c.i) is not None and
                    self.by_token[c.i].kind == "actor" for c in t.children):
                kind = "diplomatic-event"  # "Mogadishu recognised SSC-Khatumo as an interim administration", "Moscow
                # recognised South Ossetia and Abkhazia as independent states" (a place, as a state)
            if lemma == "shoot" and any(c.dep_ == "nsubjpass" for c in t.children) and any(
                    c.lower_ == "at" for c in t.children) and not _unreal(t):
                return "strike"  # "a humanitarian flight was shot at"
            if lemma in FIRE and _weapon(t) and not _unreal(t):
                return WEAPONS[_weapon(t)]  # "mortar rounds fired from the hills fell on the market"
            if lemma in FIRE:
                near = {c.lemma_.lower() for c in t.children if c.dep_ == "dobj" or c.dep_ == "prep" and any(
                    w.dep_ == "pobj" and w.i not in self.date_tokens for w in c.children)}  # "at Breck", not "on Monday"
                if near & FIRE[lemma][1]:
                    return None if _unreal(t) else _by_border_guards(t, FIRE[lemma][0])
                if lemma in ("open", "fire", "shoot", "trade"):
                    return None
            if lemma == "agree" and not any(c.dep_ == "dobj" for c in t.children) and any(
                    c.dep_ in ("xcomp", "ccomp") for c in t.children) and (
                    _two_subjects(t) or _host(t).lemma_.lower() in GATHER or self.they_met(t)):
                kind = "agreement"  # "Iraq and Turkey agreed to set up a committee", "the two countries agreed that",
                # "representatives met officials ... and agreed to extend the agreement", "met in Luanda ..., most
                # recently on May 22, when they agreed to exchange prisoners"
            if lemma == "accept" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("plan", "proposal", "roadmap", "framework")
                                         for c in t.children) and _two_subjects(t):
                kind = "agreement"  # "the two leaders accepted a plan to normalise relations in Ohrid in March 2023"
            if lemma == "break" and any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children) and any(
                    c.dep_ in ("nsubj", "nsubjpass") and _noun(c) in ("talk", "talks", "negotiation", "dialogue")
                    for c in t.children) and not _unreal(t):
                return "diplomatic-event"  # "talks facilitated by Canada in 2023 broke down within months"
            if lemma == "agree" and any(c.dep_ == "dobj" and NOUNS.get(_noun(c)) == "release" for c in t.children) and (
                    _host(t).lemma_.lower() in GATHER or _two_subjects(t)):
                kind = "agreement"  # "met in Istanbul in May 2025, when they agreed the largest exchange of the war"
            if lemma == "agree" and any(c.dep_ == "prep" and c.lower_ == "on" and any(
                    w.dep_ == "pobj" and w.pos_ == "NOUN" and w.i not in self.date_tokens and
                    w.lemma_.lower() not in NOUNS for w in c.children)  # "agreed on a ceasefire": the ceasefire
                    for c in t.children):
                kind = "agreement"  # "agreed on a timetable"
            if lemma == "negotiate" and kind and (_doer(t) & MEDIATING or any(
                    c.dep_ == "dobj" and c.lemma_.lower() == "release" for c in t.children)):
                kind = "mediation"  # "the archbishop spent the night negotiating", "helped negotiate the release"
            if lemma == "fight" and any(c.dep_ == "dobj" and c.lemma_.lower() == "way" for c in t.children):
                kind = "ground-operation"  # "troops fought their way along the road": an advance
            if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children) and not _unreal(t):
                return "military-event"  # "blew up a bridge": an explosion
            if lemma == "take" and any(c.dep_ in ("dobj", "oprd", "attr", "npadvmod") and c.lemma_.lower() in
                                       ("hostage", "captive", "prisoner") for c in t.children) and not _unreal(t):
                return "capture"  # "the guards had been taken hostage"
            if lemma == "hand" and any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children) and any(
                    c.dep_ in ("nsubjpass", "dobj") and c.pos_ in ("PRON", "NUM") for c in t.children):
                return "release"  # "one of them was handed over"
            if lemma == "hand" and any(c.dep_ in ("nsubjpass", "dobj") and _noun(c) in PEOPLE for c in t.children) \
                    and not _unreal(t):
                return "release"  # "two civilians had been handed over", "handed the miners to the police"
            if lemma == "hand" and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and _noun(c) not in NEEDS_NEAR["hand"]
                                       for c in t.children):
                return None  # "handed each other lists of prisoners": what was handed is not people
            if lemma == "expel" and any(c.dep_ == "dobj" and any(w.dep_ in ("nummod", "quantmod") for w in c.subtree)
                                        and not {w.lemma_.lower() for w in c.subtree} & ENVOYS for c in t.children):
                kind = "event"  # "expelled more than 2,000 Afghans": not an expulsion of diplomats
            if kind == "mediation" and t.dep_ in ("acl", "amod", "compound") and \
                    NOUNS.get(t.head.lemma_.lower()) == "negotiation-round":
                return None  # "talks mediated by Angola": its mediator is the talks' (no mediation of its own)
            if kind == "mediation" and t.tag_ == "VBN" and t.dep_ in ("acl", "advcl") and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and not (
                    t.dep_ == "acl" and t.head.lemma_.lower() in NOUNS) and any(  # (not "a ceasefire brokered by X")
                    w.i < t.i and NOUNS.get(w.lemma_.lower()) == "negotiation-round" and w.pos_ == "NOUN"
                    for w in self.sents[self.sent_of[t.i]]):
                return None  # "talks in Gedaref between the governors of the two regions, mediated by South Sudan",
                # "a new round of talks in Kuala Lumpur next month, facilitated by Malaysia": the talks' mediator
            if kind == "mediation" and any(c.dep_ == "dobj" and NOUNS.get(_noun(c)) == "negotiation-round"
                                           for c in t.children):
                return None  # "said it had mediated the talks": the talks told again, with their mediator
            if lemma in ("return", "take", "seize", "come", "rise") and any(
                    w.lemma_.lower() == "power" for c in t.children for w in c.subtree):
                kind = "political-event"  # "returned to power", "seized power"
            if kind and (_unreal(t) or t.dep_ == "xcomp" and t.head.lemma_.lower() == "agree"):
                return None  # "agreed to exchange prisoners": not yet exchanged
            if kind and t.tag_ in ("VBG",) and t.dep_ in ("amod", "compound"):
                return None
        else:
            return None
        if kind is None:
            return None
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(w.lemma_.lower() == "past" and w.dep_ == "pobj"
                                                             for w in c.children)
               for w0 in {t, self.anchor(t), t.head} for c in w0.children):
            return None  # "has hosted talks between Niger and its neighbours in the past": an undated habit, not an event
        if t.pos_ != "VERB" and kind in FIGHTING and t.dep_ == "nsubj" and t.head.lemma_.lower() in (
                "stop", "subside", "cease", "die", "ease", "halt") and any(c.dep_ == "det" and c.lower_ == "the"
                                                                           for c in t.children):
            return None  # "the shooting stopped on Wednesday morning": the end of fighting told before, not more
        if t.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in ("no", "any") or c.lower_ == "such"
                                    for c in t.children):
            return None  # "no strikes", "the third such attack" (one of those told, not another)
        near = {w.lemma_.lower() for w in t.subtree} | {t.head.lemma_.lower()}
        if t.dep_ in ("xcomp", "oprd"):  # "kept its border closed"
            near |= {w.lemma_.lower() for c in t.head.children if c.dep_ == "dobj" for w in c.subtree}
        if kind in NEEDS and not NEEDS[kind] & near:
            k = self.sent_of[t.i]
            if not (kind == "ceasefire-breach" and t.pos_ == "VERB" and any(  # "it was breached": the truce named before
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "this") for c in t.children) and any(
                    w.lemma_.lower() in NEEDS[kind] for s in self.sents[max(0, k - 1):k + 1] for w in s)):
                return None
        if kind != "political-event" and (lemma in NEEDS_NEAR or lower in NEEDS_NEAR):
            need = NEEDS_NEAR.get(lemma) or NEEDS_NEAR.get(lower)
            subject = {w.i for c in t.children if c.dep_ == "nsubj" for w in c.subtree}
            them = any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("them", "him", "her", "it")
                       for c in t.children) and \
                need & {w.lemma_.lower() for w in self.sents[self.sent_of[t.i]]}  # "freed seven teachers ... seizing them"
            other = {w.i for c in t.children if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB" for w in c.subtree} \
                if lemma in ("seize", "capture") else set()
            told = {w.lemma_.lower() for w in t.subtree if w.i not in subject | other} | (  # "seizing weapons and
                # taking 31 soldiers prisoner": the weapons were seized
                {t.head.lemma_.lower()} if t.dep_ == "acl" and t.tag_ == "VBN" else set())  # "talks, suspended in 2021"
            if not need & told and not them:
                return None  # "seized three soldiers", not "troops seized the town"
        if lemma == "operation":
            mods = {w.lemma_.lower() for c in self.modifiers(t) for w in c.subtree}
            if "ground" in mods and "air" not in mods or mods & GROUND_OPERATIONS:
                return "ground-operation"  # "a ground operation", "a search operation"
            return "military-event" if mods & {"military", "air", "ground", "army"} else None
        if t.pos_ == "VERB" and kind in ("strike", "air-strike"):  # "Ossan drones struck", "drones bombed", "attacked
            # with drones"
            if _weapon(t):
                return WEAPONS[_weapon(t)]
            for c in t.children:
                if c.dep_ == "nsubj" and c.lemma_.lower() == "force" and any(x.lower_ == "air" for x in c.lefts):
                    return "air-strike"  # "the air force had struck"
                if c.dep_ == "prep" and c.lower_ == "with":
                    arms = [w.lemma_.lower() for w in c.children if w.dep_ == "pobj" and w.lemma_.lower() in WEAPONS]
                    if arms:
                        return WEAPONS[arms[0]]
        if t.pos_ == "VERB":
            kind = _by_border_guards(t, kind)
        for c in t.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in MODIFIERS and kind in ("strike", "armed-clash"):
                upgrade = MODIFIERS[c.lemma_.lower()]
                if kind == "armed-clash" and upgrade != "border-clash":
                    continue
                if kind == "strike" and upgrade == "border-clash":
                    continue
                kind = upgrade
        return kind

    def unreal_noun(self, t) -> bool:
        """Whether the verb a nominal trigger hangs from says it did not happen, or not yet: "would
        hold talks", "did not launch strikes", "trying to secure their release", "talks were ruled out"."""
        w = self.governor(t)
        if w.dep_ == "pobj" and w.head.lower_ == "of" and w.head.head.lower_ in ("ahead", "anticipation"):
            return True  # "to leave their homes ahead of further strikes": strikes to come
        while w.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound", "conj", "attr", "xcomp") and \
                w.head.i != w.i:  # "offered to host talks" (spaCy may tag "host" a noun)
            w = w.head
            if w.dep_ == "prep" and w.lower_ == "without":
                return True  # "ended without agreement on a ceasefire"
            if w.pos_ in ("VERB", "AUX"):
                return _unreal(w) or w.lemma_.lower() in UNREAL or any(
                    c.dep_ == "acomp" and c.lemma_.lower() in UNREAL for c in w.children) or (  # "talks are due to"
                    w.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in w.children))
        return False

    def they_met(self, t) -> bool:
        """Whether verb ``t``'s subject is "they" after a sentence that brought two sides together ("had hosted
        officials from both countries in Lome on Monday. They agreed to ...")."""
        k = self.sent_of[t.i]
        return k > 0 and any(c.dep_ == "nsubj" and c.lower_ == "they" for c in t.children) and any(
            w.lemma_.lower() in GATHER | {"host"} and w.pos_ == "VERB" for w in self.sents[k - 1])

    def about_talks(self, t) -> bool:
        """Whether "round" is one of talks: talks or negotiations named in its sentence or the one before."""
        k = self.sent_of[t.i]
        if not any(c.lower_ == "of" for c in t.children) and any(
                c.dep_ == "amod" and re.fullmatch(r"\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                                                  r"ninth|tenth|latest|last|previous", c.lower_) for c in t.children):
            return True  # "the Geneva International Discussions, whose 66th round took place in June"
        return any(w.lemma_.lower() in ("talk", "talks", "negotiation", "discussion") for s in self.sents[max(0, k - 1):k + 1]
                   for w in s)

    def anchor(self, t):
        """The token whose clause holds the event: the verb a nominal trigger is the subject or
        object of when that verb only carries it."""
        g = self.governor(t)
        if t.lemma_.lower() == "emergency" and g.dep_ == "pobj" and g.head.lower_ == "of":
            g = g.head.head  # "declared a state of emergency in three districts": the state's clause
        if t.pos_ != "VERB" and g.dep_ == "pobj" and g.head.lower_ == "of" and g.head.head.lemma_.lower() == "round":
            g = g.head.head  # "a second round of talks", "the last round of the talks was held in X"
        if t.pos_ != "VERB" and g.dep_ in ("nsubj", "nsubjpass", "dobj") and g.head.lemma_.lower() in LIGHT:
            return g.head
        if t.pos_ != "VERB" and g.dep_ == "pobj" and g.head.lower_ == "for" and \
                g.head.head.lemma_.lower() in GATHER:
            return g.head.head  # "sat down in Geneva on Tuesday for talks": where and when they sat
        if t.pos_ != "VERB" and g.dep_ == "pobj" and g.head.lower_ == "in" and \
                g.head.head.lemma_.lower() in ("kill", "wound", "injure"):
            return g.head.head  # "killed dozens in two ambushes near Namsiger": where the killing was
        if t.pos_ != "VERB" and g.dep_ == "pobj" and (g.head.lower_, g.head.head.lemma_.lower()) in (
                ("to", "go"), ("on", "agree")):
            return g.head.head  # "went to war over Heglig in April 2012", "agreed on a ceasefire late on Wednesday"
        if t.pos_ != "VERB" and g.dep_ == "pobj" and g.head.lower_ == "under" and \
                g.head.head.lemma_.lower() in ("be", "remain", "stay", "keep", "place", "put"):
            return g.head.head  # "Lac province has been under a state of emergency since 2020": there, since then;
            # "kept the country under a state of emergency since January"
        return t

    @staticmethod
    def governor(t):
        """The first of a list of nouns a trigger is in ("air and ground operations": "air")."""
        while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
            t = t.head
        return t

    def modifiers(self, t) -> list:
        """The words before a nominal trigger, its list's included: "Pakistani air and ground operations"."""
        g = self.governor(t)
        return list(t.lefts) + ([w for w in g.lefts] + [g] if g.i != t.i else [])

    # --- events -------------------------------------------------------------------------------

    def events(self) -> list[_Event]:
        triggers = []
        for t in self.doc:
            kind = self.trigger_type(t) if t.idx >= self.body else None
            if kind:
                triggers.append((t, kind))
        anchors = {self.anchor(t).i: t.i for t, _ in triggers}
        trigger_ids = {t.i for t, _ in triggers}
        owner = {}  # date mention → the trigger it belongs to in the parse
        self.clause = {}  # a date no trigger holds → the verb whose clause it dates
        for tok_i, d in self.date_token.items():
            a = self.doc[tok_i]
            while True:
                if a.i != tok_i and a.lemma_.lower() in STATEMENTS and a.pos_ == "NOUN":
                    self.clause[d] = a  # "claimed the raid in a statement on Wednesday": the statement's day
                    break
                if a.i != tok_i and (a.i in anchors or a.i in trigger_ids):
                    owner[d] = a.i if a.i in trigger_ids else anchors[a.i]  # "broke a truce on Monday": the breaking
                    break
                naming = a.lemma_.lower() in NAMING and a.head.i != a.i and any(
                    c.dep_ == "oprd" or c.lower_ == "what" for c in a.children)
                if naming:  # "struck what the military called hideouts ... at dawn on Thursday": the striking's day
                    a = a.head
                    continue
                if a.i != tok_i and a.pos_ in ("VERB", "AUX") and d not in self.clause:
                    self.clause[d] = a
                if a.i != tok_i and a.pos_ == "VERB" and (a.lemma_.lower() in UNREAL or _unreal(a) or
                                                          a.dep_ == "xcomp" and a.head.lemma_.lower() == "agree"):
                    break  # "met officials last week and is expected in the camps later this month", "agreed to
                    # set up a committee and to meet again in August": what is to be done has its own time
                if a.head.i == a.i or _own_time(a) and not (a.dep_ == "relcl" and (
                        a.head.i in anchors or a.head.i in trigger_ids)):
                    break  # "since talks collapsed last year", "which ended in June": that clause's time
                a = a.head
        for t, kind in triggers:  # "declared the end of a ceasefire in November 2020": the end's date
            ender = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
            if ender is not None and any(x.i == ender.i and k == "ceasefire-breach" for x, k in triggers):
                owner.update({d: ender.i for d, o in owner.items() if o == t.i})
        named = {t.i for t, kind in triggers for u, k in triggers if u.i != t.i and k == kind and t.dep_ == "pobj"
                 and t.head.dep_ == "prep" and t.head.lower_ in ("in", "during", "through") and t.head.head.i == u.i}
        strikes = {u.i for u, k in triggers if u.pos_ == "VERB" and k == "strike"}  # not "retook X after a battle"
        named |= {t.i for t, kind in triggers if kind == "armed-clash" and t.dep_ == "pobj" and t.head.lower_ == "after"
                  and (t.head.head.i in strikes or t.head.head.tag_ == "VBG" and t.head.head.head.i in strikes)}
        # "stormed a base, seizing weapons after a battle that lasted hours": the battle was the storming
        named |= {u.i for u, k in triggers if k in FIGHTING and u.pos_ == "VERB" and u.dep_ == "advcl" and
                  u.head.lemma_.lower() in ("begin", "start", "break", "erupt") and
                  any(c.dep_ == "advmod" and c.lower_ == "when" for c in u.children) and
                  any(t.pos_ != "VERB" and self.anchor(t).i == u.head.i or t.i == u.head.i and k == "ceasefire-breach"
                      for t, k in triggers)}
        # "the gunfight began late on Monday when militants opened fire on a post at X": how it began, one event;
        # "it was broken within hours when the two sides exchanged fire": how the truce was broken
        # (not "the fighting erupted when troops moved into the village": another event, that set it off)
        kinds = {u.i: k for u, k in triggers}
        for t, kind in triggers:  # "released three soldiers ..., handing them to a commission on Tuesday": how they
            if t.dep_ == "advcl" and t.tag_ == "VBG" and kinds.get(t.head.i) == kind:  # were released, and when
                named.add(t.i)
                owner.update({d: t.head.i for d, o in owner.items() if o == t.i})
        for t, kind in triggers:  # "fired two missiles at a carrier late on Tuesday, the first attack on shipping in
            # months", "stormed a post on Tuesday, the third attack on the town": the same attack, named again
            if t.pos_ == "NOUN" and t.dep_ in ("appos", "npadvmod") and kind in MILITARY and t.i > 0 and \
                    self.doc[t.i - 1 - sum(1 for c in t.children if c.i < t.i)].lower_ == ",":
                v = next((w for w in t.ancestors if w.i in kinds), None)
                if v is not None and kinds[v.i] in MILITARY and v.sent.start == t.sent.start:
                    named.add(t.i)
                    for d in [d for d, o in owner.items() if o == t.i]:  # "the third attack this year": not its day
                        del owner[d]
                        self.clause[d] = t
            g = t
            while g.dep_ == "conj" and g.head.i != g.i:
                g = g.head
            if t.pos_ == "NOUN" and t.lemma_.lower() == "fire" and g.dep_ == "dobj" and g.head.i in kinds and \
                    g.head.lemma_.lower() in FIRE and FIRE[g.head.lemma_.lower()][0] == kinds[g.head.i]:
                named.add(t.i)  # "exchanged artillery and small-arms fire": the fire exchanged, not a strike
        triggers = [(t, kind) for t, kind in triggers if t.i not in named]  # "seized power in a coup": one event
        dated = set(owner.values())
        triggers = [(t, kind) for t, kind in triggers if t.lemma_.lower() not in DATED_ONLY or t.i in dated]
        suspended = {u.i for u, k in triggers if k == "diplomatic-event" and u.lemma_.lower() == "suspend"}
        triggers = [(t, kind) for t, kind in triggers if not (  # "suspended its talks with Sudan", "talks, suspended
            kind == "negotiation-round" and t.i not in dated and (  # in 2021, are due to resume": the suspension
                self.governor(t).dep_ == "dobj" and self.governor(t).head.i in suspended or
                any(c.dep_ == "acl" and c.i in suspended for c in t.children)))]
        events: list[_Event] = []
        for t, kind in triggers:
            events.extend(self.event(t, kind, triggers, owner))
        for k, e in enumerate(events):  # "troops pushed into the villages of X and Y, ... and detained four men": there
            t = self.doc[e.trigger]
            if not e.places and t.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                e.places = next((list(x.places) for x in reversed(events[:k]) if x.sentence == e.sentence and
                                 x.places and x.trigger < e.trigger and (x.date == e.date or e.date_confidence < UNDATED)),
                                [])
        return events

    def locate(self, events: list[_Event]) -> None:
        """An event that happens somewhere and names no place (after mentions are merged): where its
        paragraph last said something happened ("Gunmen seized a train near Dhadar ... Security forces
        stormed the train"), else the place it last named; the draft mark says so."""
        for e in events:
            talks = [x for x in events if x.places and x.paragraph == e.paragraph and x.trigger < e.trigger and
                     set(x.types) & {"negotiation-round", "mediation"}]
            if not e.places and "agreement" in e.types and talks:  # "talks were held in Kuala Lumpur ... The two
                e.places = list(talks[-1].places)                   # delegations agreed to set up a committee"
                e.reasons.append(f"places {', '.join(e.places)}: not named with it; where the talks before it were")
            closed = [x for x in events if x.places and x.trigger < e.trigger and
                      ("border-closure" in x.types or self.doc[x.trigger].lemma_.lower() in CLOSING)]
            if not e.places and self.doc[e.trigger].lemma_.lower() == "reopen" and closed:
                e.places = list(closed[-1].places)  # "Serbia closed the Jarinje crossing ... reopened the crossing"
                e.reasons.append(f"places {', '.join(e.places)}: not named with it; where the last closure was")
            if e.places or not set(e.types) & LOCATED:
                continue
            start = self.doc[e.trigger].idx
            scene = {i: x for x in events if x.places for i in [x.trigger] + x.merged  # a mention merged into an
                     if self.paragraph(self.doc[i].idx) == e.paragraph and i < e.trigger}  # event told before counts
            before = [m for m in self.mentions if m.kind == "place" and m.end <= start and
                      self.paragraph(m.start) == e.paragraph]
            if scene:
                e.places = list(scene[max(scene)].places)
            elif before:
                e.places = [before[-1].id]
            if e.places:
                e.reasons.append(f"places {', '.join(e.places)}: not named with it; where its paragraph last said "
                                 "something happened")
        self.guess_places(events)

    def guess_places(self, events: list[_Event]) -> None:
        """An event that still names no place is drafted where its words most likely put it, a guess the
        draft mark says is one: a place its sentence names ("agreed in Kunming in January at talks mediated
        by China": the talks), else the last place its paragraph named before it, else the place the
        article is about (the one it names most, the headline's among equals). Wire copy names the scene once and
        tells the rest of the story there ("the crossing", "the town", "the two sides' clashes")."""
        lines = self.text.split("\n", 2)
        first = len(lines[0])
        body = first + 1 + len(lines[1]) + 1 if len(lines) > 2 and re.fullmatch(r".+, \d{4}-\d\d-\d\d", lines[1]) \
            else self.body  # not the "PUBLISHER, YYYY-MM-DD" line under the headline
        places = [m for m in self.mentions if m.kind == "place" and (m.start >= body or self.body and m.end <= first)]
        headline = {m.id for m in places if self.body and m.end <= first}
        counts: dict[str, int] = {}
        for m in places:
            counts[m.id] = counts.get(m.id, 0) + 1
        main = [max(counts, key=lambda i: (counts[i], i in headline, -next(m.start for m in places if m.id == i)))] \
            if counts else []  # the place it names most, the headline's first among equals
        for e in events:
            if e.places:
                continue
            t = self.doc[e.trigger]
            sent = t.sent
            own = [m.id for m in places if sent.start_char <= m.start < sent.end_char]
            start = t.idx
            before = [m.id for m in places if m.end <= start and self.paragraph(m.start) == e.paragraph]
            if own:
                e.places, where = own[:1] if len(own) == 1 else [min(
                    (m for m in places if sent.start_char <= m.start < sent.end_char),
                    key=lambda m: abs(m.start - start)).id], "a place its sentence names"
            elif before:
                e.places, where = before[-1:], "the last place its paragraph named"
            elif main:
                e.places, where = list(main), "the place the article is about"
            else:
                continue
            e.guessed = True
            e.reasons.append(f"places {', '.join(e.places)}: a guess, not named with it; {where}")

    def dated_by(self, d: DateMention, t) -> bool:
        """Whether a date no trigger holds may date trigger ``t``: ``t`` is in the date's clause and
        not in an "after"/"since" phrase there, which has a time of its own."""
        root = self.doc[self.date_token_of(d)] if self.date_token_of(d) is not None else None
        for w in root.ancestors if root is not None else ():
            if w.lower_ in ("since", "after", "before") and w.head.pos_ in ("ADJ", "ADV"):
                return False  # "the clash was the most serious since May 2023": a comparison, not its date
            if _own_time(w) and self.anchor(t).i not in {x.i for x in w.subtree}:
                return False  # "the attack was in retaliation for air strikes last week", "the RSF, which it has
                # been fighting since April 2023, carried out the strike": that clause's time
        verb = self.clause.get(d)
        if verb is None:
            return True
        a = self.anchor(t)
        path = [a] + list(a.ancestors)
        if verb not in path:
            return False
        if verb.lemma_.lower() in REPORTING and verb != a:
            return False  # "Later on Friday, the government said that...": the day of the saying
        for w in path[:path.index(verb)]:
            if w.lemma_.lower() in ("after", "before", "since", "following", "follow", "until") or _own_time(w):
                return False  # "struck X on Thursday, two days after missiles hit Y": not the day they hit
        return True

    def scope(self, t, triggers) -> set[int]:
        a = self.anchor(t)
        tokens = {w.i for w in a.subtree}
        for other, _ in triggers:  # a nested trigger keeps its own words
            if other.i != t.i and other.i in tokens and self.anchor(other).i != a.i and other.i not in {
                    c.i for c in t.children if c.dep_ != "conj"}:
                tokens -= {w.i for w in self.anchor(other).subtree}
        for w in a.subtree:  # "a day after Guyana accused...", "in retaliation for an attack on...": another time
            if w.i != a.i and w.i in tokens and (_own_time(w) and w.dep_ != "relcl" or (
                    w.lower_ == "in" and any(c.lemma_.lower() in ("retaliation", "response") for c in w.children))):
                tokens -= {x.i for x in w.subtree}
        if a.i != t.i and self.governor(t).dep_ == "dobj" and NOUNS.get(t.lemma_.lower()) in MILITARY:
            tokens -= {w.i for c in a.children if c.dep_ in ("nsubj", "nsubjpass") for w in c.subtree}
        for c in a.children:  # "met officials in Rabat and is expected in the Tindouf camps": not where it happened
            if c.dep_ == "conj" and c.pos_ == "VERB" and (c.lemma_.lower() in UNREAL or _unreal(c)):
                tokens -= {w.i for w in c.subtree}
        return tokens

    def event(self, t, kind, triggers, owner) -> list[_Event]:
        types = [kind]
        sent = self.sents[self.sent_of[t.i]]
        a = self.anchor(t)
        lemmas = {w.lemma_.lower() for w in a.subtree} | {c.lemma_.lower() for c in t.children}
        answered = {w.i for r in sent if r.lemma_.lower() in ("retaliation", "response") for w in r.subtree}
        if "retaliatory" in lemmas or (t.i not in answered and any(
                r.lemma_.lower() == "retaliation" for r in sent) and kind in (
                "strike", "air-strike", "drone-strike", "ground-operation", "military-event")):
            types = ["retaliatory-attack"] if "retaliatory" in lemmas or kind == "military-event" else \
                [kind, "retaliatory-attack"]  # "struck Varn in retaliation for...": a strike, and retaliatory
        scope = self.scope(t, triggers)
        spans = [self.trigger_span(t)]
        ev = {"types": types, "sentence": self.sent_of[t.i], "paragraph": self.paragraph(t.idx), "trigger": t.i, "spans": spans,
              "lemma": t.lemma_.lower(), "nominal": t.pos_ in ("NOUN", "PROPN"),
              "reported": any(w.lemma_.lower() in REPORTING for w in t.ancestors),
              "outcome": t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_.lower() in WEAPON_VERBS,
              "by": next((w.i for c in t.children for w in ([c] if c.dep_ == "nsubj" else [
                  x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "during" else [])
                  if w.i in {x.i for x, _ in triggers}), None) if t.pos_ == "VERB" else None,
              "definite": t.pos_ == "NOUN" and any(
                  (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or
                  (c.dep_ == "poss" and c.pos_ == "PRON") for c in self.governor(t).children),
              "fresh": any(c.lower_ in ("another", "new", "second", "separate", "fresh", "further", "also", "again")
                           for c in list(t.children) + list(a.children)),
              "at": next((w.i for c in (a.children if t.pos_ == "VERB" else []) if c.dep_ == "prep" and c.lower_ == "at"
                          for w in c.children if w.dep_ == "pobj" and w.i in {x.i for x, k in triggers if k in (
                              "negotiation-round", "mediation")} and any(
                              d.dep_ == "det" and d.lower_ == "the" for d in w.children)), None)}
        roles = self.roles(t, kind, scope)
        places = self.places(t, scope)
        if kind == "agreement" and not places:  # "reached an understanding in July 2024 after talks in Manila": there
            places = self.mentions_in({x.i for c in a.children if c.dep_ == "prep" and c.lower_ in ("after", "at")
                                       for w in c.children if w.dep_ == "pobj" and NOUNS.get(w.lemma_.lower()) in (
                                           "negotiation-round", "mediation") for x in w.subtree}, "place")
        according = self.according_to(t, sent)
        for role in ("attacker", "initiator", "captor", "mediators"):
            if role in roles:
                roles[role] = [x for x in roles[role] if x not in according] or roles[role]
        count = self.count(t, kind)
        degree = next((c.lower_ for c in a.children if c.dep_ == "advmod" and c.lower_ in
                       ("largely", "partly", "partially", "fully", "completely")), None) if kind == "border-closure" else None

        own = sorted((d for d, o in owner.items() if o == t.i), key=lambda d: d.start)
        if not own and t.dep_ in ("amod", "compound", "acl") and t.head.i in {x.i for x, _ in triggers}:
            # "Qatar-mediated talks ... on Monday": the talks' day
            own = sorted((d for d, o in owner.items() if o == t.head.i), key=lambda d: d.start)
        if not own and any(c.dep_ == "advmod" and c.lower_ == "when" for c in t.children) and \
                t.head.i in self.date_tokens:  # "on August 26, when the brigade attacked"
            own = [self.date_tokens[t.head.i]]
        if not own and t.pos_ != "VERB" and self.governor(t).dep_ == "dobj" and self.governor(t).head.i in {
                x.i for x, k in triggers if k == "mediation"}:  # "brokered the truce in May": the truce's month
            own = sorted((d for d, o in owner.items() if o == self.governor(t).head.i), key=lambda d: d.start)[-1:]
        if not own and t.pos_ != "VERB":  # "a ceasefire brokered by Malaysia in July": the ceasefire's month
            for c in t.children:
                if c.dep_ in ("acl", "relcl") and c.i in {x.i for x, _ in triggers}:
                    own = own or sorted((d for d, o in owner.items() if o == c.i), key=lambda d: d.start)[-1:]
        if not own and t.pos_ == "VERB":  # "a ceasefire that the elders agreed in February collapsed": its time
            own = [d for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in {x.i for x, _ in triggers}
                   for d, o in owner.items() if o == c.i][-1:]
        since = None if own else next((self.date_tokens[w.i] for c in a.children if c.dep_ == "prep" and c.lower_ == "since"
                                       for w in c.children if w.i in self.date_tokens), None)
        undone = []  # the date of what an undoing verb joined to it undid
        if not own and t.pos_ == "VERB" and since is None:  # "expelled diplomats on Thursday and closed the border"
            siblings = ([t.head] if t.dep_ == "conj" or t.dep_ == "advcl" and any(  # "..., when X attacked"
                c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in t.children) else []) + [
                c for c in t.children if c.dep_ == "conj" or c.dep_ == "advcl" and any(  # "were captured when
                    w.dep_ == "advmod" and w.lower_ == "when" for w in c.children)]  # militiamen overran a post on X"
            for v in siblings:
                held = sorted((d for d, o in owner.items() if o == v.i), key=lambda d: d.start)[-1:]
                if _undoes(t, v):  # "closed the crossing on August 10 and reopened it for the exchange": not that day,
                    undone = undone or (held if t.lemma_.lower() in UNDOING else [])  # but not before it
                    continue
                own = own or held
        if since is not None and not self.later(since):  # "the border has been closed since 1994": and still is
            e = _Event(**ev, date=f"{since.expression.split(' ')[0].split('/')[0]}/{self.published.isoformat()}",
                       date_confidence=since.confidence, roles=roles, places=places, according_to=according, count=count,
                       degree=degree, nearby=self.mentions_in({w.i for w in sent}, "actor"))
            e.ongoing = True
            return [e]
        own = self.joined(own)  # "held in Kuala Lumpur on June 30 and July 1": one event over both days
        if len(own) >= 2 and places:
            out = []
            place_tokens = [(self.mention_start(p, scope), p) for p in places]
            for k, d in enumerate(own):
                lo = own[k - 1].end if k else -1
                hi = d.start if k < len(own) - 1 else len(self.text)
                mine = [p for s, p in place_tokens if lo <= s < hi] or (places if k == len(own) - 1 else [])
                if not mine:  # "said on Thursday it had fired missiles at a ship in the Red Sea late on Tuesday":
                    continue  # a day with no place of its own is not a second event
                out.append(_Event(**ev, date=d.expression, date_confidence=d.confidence, roles=dict(roles),
                                  places=mine, according_to=according, count=count, degree=degree))
            return out
        date, confidence = self.date_for(t, own, owner, sent)
        if confidence < UNDATED and undone:  # "seized a commander last month, and released him three days later"
            date, confidence = f"{_bounds(undone[0].expression)[0].isoformat()}/{self.published.isoformat()}", 0.45
        noun = t if t.pos_ != "VERB" else t.head if t.dep_ in ("amod", "compound", "acl") else None
        ender = None if noun is None else noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else \
            noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
        ended = [d for d, o in owner.items() if ender is not None and o == ender.i and any(
            x.i == ender.i and k == "ceasefire-breach" for x, k in triggers)]
        if not own and ended:  # "the end of a ceasefire in November 2020", "the Qatar-brokered ceasefire was breached
            date, confidence = f"../{_bounds(ended[0].expression)[1].isoformat()}", 0.4  # on Tuesday": it was before
        elif confidence < UNDATED and self.governor(t).dep_ not in ("dobj", "nsubjpass"):
            # "exchanged prisoners on Friday in a swap mediated by the UAE": that day (not "suspended talks")
            a = self.anchor(t)
            for w in a.ancestors if not _own_time(a) else []:  # "a day after the group attacked": its own time
                if _own_time(w) or _undoes(t, w):
                    break
                held = sorted((d for d, o in owner.items() if o == w.i or o in {x.i for x, _ in triggers
                                                                               if self.anchor(x).i == w.i}),
                              key=lambda d: abs(d.start - t.idx))
                if held:
                    date, confidence = held[0].expression, round(held[0].confidence * 0.7, 2)
                    break
        if t.pos_ == "VERB" and not any(w.i in self.date_tokens for w in t.subtree):
            date = _later_by(date, t)  # "signed a treaty in March 2025 and reopened the crossings a month later"
        nearby = self.mentions_in({w.i for w in sent}, "actor")
        gate = next((w for w in [a] + list(a.ancestors) if w.dep_ == "prep" and w.lower_ in ("after", "following")
                     and w.i != t.i), None)  # "after a two-day battle", "after seizing them"
        inner = gate
        if gate is None and a.dep_ == "advcl":  # "after militiamen overran a police station there"
            gate = next((c for c in a.children if c.dep_ == "mark" and c.lower_ == "after"), None)
            inner = a
        if gate is not None and (confidence < UNDATED or not places):
            # "retook the town of Koui on Tuesday after a two-day battle": fighting there, before that day;
            # "freed them on Monday, eleven days after seizing them": that many days before
            outside = {w.i for w in inner.head.subtree} - {w.i for w in inner.subtree}
            if kind == "armed-clash" or any(c.lower_ == "there" for c in a.children):
                places = places or self.mentions_in(outside, "place")
            held = [d for d in self.dates if d.start >= sent.start_char and d.end <= sent.end_char and
                    self.date_token_of(d) in outside and not self.later(d)]
            if confidence < UNDATED and held:
                date, confidence = self.before(held[0], gate), 0.45
        if types == ["armed-clash"] and t.lemma_.lower() not in WARS and not any(
                c.dep_ == "dobj" and c.lemma_.lower() in WARS for c in t.children) and \
                self.across_border(t, roles.get("parties") or nearby):
            ev["types"] = ["border-clash"]  # "Indian and Chinese soldiers fought ...; ... the Line of Actual Control"
        sides = roles.get("parties", []) if kind == "release" and t.lemma_.lower() in ("exchange", "swap") else []
        if len(sides) == 2:  # "Ethiopia and Sudan exchanged 38 detainees": each side frees the other's
            return [_Event(**dict(ev, spans=list(spans)), date=date, date_confidence=confidence,
                           roles={"captor": [side], "captives_of": [other]},
                           places=list(places), according_to=according, nearby=nearby)
                    for side, other in (sides, sides[::-1])]
        return [_Event(**ev, date=date, date_confidence=confidence, roles=roles, places=places,
                       according_to=according, count=count, degree=degree, nearby=nearby)]

    def joined(self, own: list[DateMention]) -> list[DateMention]:
        """Dates joined by "and" in one phrase ("on June 30 and July 1") as one date, from the first's
        start to the last's end; dates each with their own words ("Kabul on Thursday, and Khost on
        Friday") stay apart."""
        out: list[DateMention] = []
        for d in own:
            i, j = self.date_token_of(d), self.date_token_of(out[-1]) if out else None
            if j is not None and i is not None and self.doc[i].dep_ == "conj" and self.doc[i].head.i == j:
                lo, hi = _bounds(out[-1].expression)[0], _bounds(d.expression)[1]
                if lo is not None and hi is not None and lo <= hi:
                    out[-1] = DateMention(out[-1].start, d.end, self.text[out[-1].start:d.end],
                                          f"{lo.isoformat()}/{hi.isoformat()}", min(d.confidence, out[-1].confidence))
                    continue
            out.append(d)
        return out

    @staticmethod
    def before(d: DateMention, gate) -> str:
        """When what happened "after" ``gate``'s object happened: "eleven days after" a day is that many
        days before it; else any time up to it."""
        lo, hi = _bounds(d.expression)
        for c in list(gate.children) + (list(gate.head.children) if gate.dep_ == "mark" else []):
            # "a week after X held talks": "a week" hangs on "after", or on the clause it opens
            n = next((x.lower_.replace(",", "") for x in c.children if x.dep_ == "nummod"), "a")
            n = int(n) if n.isdigit() else NUMBERS.get(n, 1 if n in ("a", "an") else None)
            days = {"day": 1, "week": 7}.get(c.lemma_.lower())
            if c.dep_ == "npadvmod" and days and n and lo == hi and lo is not None and n * days < 4000:
                return (lo - dt.timedelta(days=n * days)).isoformat()
        return f"../{hi.isoformat()}" if hi else f"../{d.expression}"

    def date_token_of(self, d: DateMention) -> int | None:
        return next((i for i, x in self.date_token.items() if x is d), None)

    def across_border(self, t, sides: list[str]) -> bool:
        """Whether a clash is between two states' forces at their border: two states among its sides (or
        its sentence's actors), and a border named in its sentence or the two before or after."""
        if len({x for x in sides if x in self.states}) < 2:
            return False
        k = self.sent_of[t.i]
        return any(w.lemma_.lower() in BORDERS or w.lower_ in ("loc", "lac") and w.is_upper
                   for s in self.sents[max(0, k - 2):k + 3] for w in s)

    def places(self, t, scope) -> list[str]:
        """The places named in the event's words, not those named with whom or what it was done
        ("in coordination with the African Union", "by", "for"); a clause "..., breaching the truce"
        happened where its sentence's main event did."""
        off = set()
        for w in (self.doc[min(scope):max(scope) + 1] if scope else []):
            if w.i in scope and w.dep_ == "prep" and w.lower_ in ("to", "towards") and w.head.i != t.i and \
                    w.head.pos_ == "VERB" and w.head.i != self.anchor(t).i:
                off |= {x.i for x in w.subtree}  # "handed over ... and flown to Pemba": not where it happened
            if w.i in scope and w.dep_ == "prep" and w.lower_ == "from" and w.head.lemma_.lower() in DEPLOY:
                off |= {x.i for x in w.subtree}  # "reinforcements were flown in from Imphal": where they came from
            if w.i in scope and w.dep_ == "xcomp" and w.head.lemma_.lower() == "agree":
                off |= {x.i for x in w.subtree}  # "agreed to reopen the Taftan crossing": not where they agreed
            if w.i in scope and w.dep_ == "prep" and w.lower_ in ("with", "by", "for", "despite", "like"):
                off |= {x.i for x in w.subtree} - {y.i for x in w.subtree if x.i != w.i and x.dep_ == "prep" and
                                                   x.lower_ in LOCATIVE for y in x.subtree}
        places = self.mentions_in(scope - off, "place")
        for i in sorted(scope - off):  # "Afghan territory", "in Lebanon": the state, as a place
            m, w = self.by_token.get(i), self.doc[i]
            if m is not None and m.kind == "actor" and m.id in self.states and m.id not in places and (
                    w.head.lemma_.lower() in TERRITORY or w.dep_ == "pobj" and w.head.lower_ in PLACING or
                    w.dep_ == "dobj" and w.head.lemma_.lower() == "enter"):  # "troops entered Somalia"
                places.append(m.id)
        if not places and t.dep_ == "advcl" and t.tag_ == "VBG":
            places = self.mentions_in({w.i for w in t.head.subtree} - {w.i for w in t.subtree}, "place")
        a = self.anchor(t)
        if not places and a.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when"
                                                                for c in a.children):
            host = _host(a)  # "met in Quetta in November, when the two sides agreed": where they met
            places = self.mentions_in({x.i for c in host.children if c.dep_ == "prep" and c.lower_ in LOCATIVE
                                       for x in c.subtree if x.i not in {y.i for y in a.subtree}}, "place")
        shared = not any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)  # no subject of its own
        while not places and a.dep_ == "conj" and a.head.pos_ == "VERB":  # "met in Kigali on Monday, and signed..."
            own = {x.i for x in a.subtree}
            a = a.head
            places = self.mentions_in({x.i for c in a.children if c.dep_ == "prep" and c.lower_ in LOCATIVE
                                       for x in c.subtree}, "place")
            if not places and shared:  # "stopped a vehicle on the road between X and Y and abducted three staff"
                subject = {x.i for c in a.children if c.dep_ == "nsubj" for x in c.subtree}
                places = self.mentions_in({x.i for w in a.subtree if w.dep_ == "prep" and w.lower_ in LOCATIVE
                                           and w.i not in own | subject for x in w.subtree} - own, "place")
        return places

    def mention_start(self, ident: str, scope) -> int:
        for i in sorted(scope):
            m = self.by_token.get(i)
            if m is not None and m.id == ident:
                return m.start
        return -1

    def trigger_span(self, t) -> tuple[int, int]:
        start = t.idx
        for c in t.children:
            if c.i < t.i and c.dep_ in ("compound", "amod") and c.lemma_.lower() in (set(MODIFIERS) | {"retaliatory"}):
                start = min(start, c.idx)
        if t.pos_ == "VERB":
            for c in t.children:  # "closed the border", "handed over"
                if c.dep_ == "prt":
                    return start, c.idx + len(c)
        return start, t.idx + len(t)

    def date_for(self, t, own, owner, sent) -> tuple[str, float]:
        if own:
            d = min(own, key=lambda d: abs(d.start - t.idx))
            return d.expression, d.confidence
        free = [d for d in self.dates if sent.start_char <= d.start < sent.end_char and d not in owner
                and self.dated_by(d, t)]
        if free:
            d = min(free, key=lambda d: (d.start - t.idx) if d.start >= t.idx else 1.5 * (t.idx - d.end))
            return d.expression, round(d.confidence * 0.8, 2)
        here = self.paragraph(t.idx)
        before = [d for d in self.dates if d.end <= sent.start_char and self.paragraph(d.start) == here
                  and not self.later(d)]  # not "next month": what happened is not dated by what may
        if before:
            return before[-1].expression, round(before[-1].confidence * 0.5, 2)
        return f"../{self.published.isoformat()}", 0.3

    def later(self, d: DateMention) -> bool:
        """Whether a date begins after the article's date (a plan, a forecast)."""
        try:
            start = _bounds(d.expression)[0]
        except Exception:  # noqa: BLE001 - an expression the date module refuses dates nothing here
            return True
        return start is not None and start > self.published

    def count(self, t, kind) -> int | None:
        if kind not in ("release", "capture"):
            return None
        nouns = [c for w in t.subtree for c in [w] if c.pos_ == "NOUN" and c.i != t.i]
        for n in nouns:
            for c in n.children:
                if c.dep_ == "nummod":
                    word = c.lower_.replace(",", "")
                    if word.isdigit():
                        return int(word)
                    if word in NUMBERS:
                        return NUMBERS[word]
        return None

    # --- roles --------------------------------------------------------------------------------

    def roles(self, t, kind, scope) -> dict[str, list[str]]:
        a = self.anchor(t)

        def child(tok, *deps):
            return [c for c in tok.children if c.dep_ in deps]

        def by(tok):
            return [w for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                    for w in c.children if w.dep_ == "pobj"]

        def subject(tok):
            subj = child(tok, "nsubj")
            if not subj and tok.dep_ in ("advcl", "xcomp", "conj", "acl") and tok.pos_ == "VERB":
                subj = child(tok.head, "nsubj")
            if not subj and tok.dep_ == "pcomp":  # "Eritrea responded by expelling..."
                subj = child(tok.head.head, "nsubj")
            return subj

        def ids(tokens):
            out = []
            for tok in tokens:
                out += [x for x in self.actors(tok) if x not in out]
            return out

        roles: dict[str, list[str]] = {}
        everyone = self.mentions_in(scope, "actor")
        military = kind in MILITARY
        if military:
            if t.pos_ == "VERB":
                attacker = ids(subject(t)) or ids(by(t))
                target = ids(child(t, "dobj")) + ids([w for c in child(t, "prep") if c.lower_ in ("on", "against")
                                                        for w in c.children])
            else:
                attacker = ids(self.modifiers(t)) or ids(by(t))
                if not attacker and a.i != t.i and self.governor(t).dep_ == "dobj":
                    attacker = ids(child(a, "nsubj"))
                carriers = [t] + [c for c in t.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in LIGHT]
                target = ids([w for x in carriers for c in child(x, "prep") if c.lower_ in ("on", "against", "targeting")
                              for w in c.children])
                if a.i != t.i:
                    target += ids(child(a, "dobj")) if self.governor(t).dep_ != "dobj" else []
            target = [x for x in target if x not in attacker]
            if attacker:
                roles["attacker"] = attacker[:1]
            if target:
                roles["target"] = target[:1]
        elif kind == "mediation":
            mediators = (ids(by(t)) or ids(subject(t))) if t.pos_ == "VERB" else \
                (ids(child(t, "poss", "amod", "compound")) or ids(by(t)))
            if t.pos_ == "VERB" and t.dep_ == "acl":  # "a ceasefire brokered by Qatar"
                mediators = ids(by(t))
            if t.dep_ in ("amod", "compound") and not mediators and t.pos_ == "VERB":  # "Qatar-mediated talks"
                mediators = ids(list(t.lefts) + [w for w in t.head.children if w.i < t.i and w.dep_ != "det"])
            if not mediators and t.pos_ != "VERB":  # "the envoy held shuttle meetings", "Egypt sent a mediation mission"
                g = t.head if t.dep_ == "compound" else t
                if g.dep_ == "dobj":
                    mediators = ids(child(g.head, "nsubj"))
            roles["mediators"] = mediators
            parties = [x for x in everyone if x not in mediators]
            if parties:
                roles["parties"] = parties
        elif t.lemma_.lower() in ("exchange", "swap"):  # both sides release: the parties
            via = {w.i for c in t.children if c.dep_ == "prep" and c.lower_ in ("through", "via") for w in c.subtree}
            parties = [x for x in self.mentions_in(scope - via, "actor")]
            if parties:
                roles["parties"] = parties
        elif kind in ("capture", "release"):
            if t.pos_ == "VERB":
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or t.dep_ == "acl"
                captor = ids(by(t)) if passive else ids(subject(t))
                captives = (child(t, "nsubjpass") or ([t.head] if t.dep_ == "acl" else [])) if passive else child(t, "dobj")
            else:
                captor = ids(child(t, "poss")) + ids(by(t))
                captives = [w for c in child(t, "prep") if c.lower_ == "of" for w in c.children]
            captives_of = []
            for n in captives:
                captives_of += [x for x in self.mentions_in({c.i for c in n.children if c.dep_ in
                                                             ("amod", "compound", "poss", "nmod")} | {n.i}, "actor")
                                if x not in captives_of]
            captives_of = [x for x in captives_of if x not in captor]
            if captor:
                roles["captor"] = captor[:1]
            if captives_of:
                roles["captives_of"] = captives_of[:1]
        elif kind in ("border-closure", "diplomatic-event"):
            initiator = ids(subject(t)) if t.pos_ == "VERB" else ids(child(t, "poss", "amod", "compound"))
            if initiator:
                roles["initiator"] = initiator[:1]
            parties = [x for x in everyone]
            if parties:
                roles["parties"] = parties
        else:  # clashes, ceasefires, talks, breaches, agreements: the sides
            mediators = ids(by(t)) if kind != "ceasefire-breach" else []
            for c in t.children:  # "a ceasefire brokered by Qatar": the mediation is its own event
                if c.dep_ in ("acl", "amod", "compound") and VERBS.get(c.lemma_.lower()) == "mediation":
                    mediators += ids(by(c)) + ids([w for w in t.children if w.i < c.i and w.dep_ != "det"]
                                                  + list(c.lefts))
            parties = [x for x in everyone if x not in mediators]
            if parties:
                roles["parties"] = parties
            if mediators and kind == "negotiation-round":
                roles["mediators"] = list(dict.fromkeys(mediators))  # "Qatar-mediated talks", "talks mediated by Angola"
        return {k: v for k, v in roles.items() if v}

    def according_to(self, t, sent) -> list[str]:
        for w in sent:
            if w.lower_ == "according" and any(c.lower_ == "to" for c in w.children):
                found = [x for c in w.children for x in self.actors(c)]
                if found:
                    return found[:1]
        a = self.anchor(t)
        hops = 0
        while a.head.i != a.i and hops < 3:
            if any(c.dep_ in ("mark", "prep") and c.lemma_.lower() in NARRATED for c in a.children):
                return []  # "said they were ready to talk after Pakistan bombed...": the article's own account
            dep, a = a.dep_, a.head
            if a.pos_ not in ("VERB", "AUX"):
                continue
            hops += 1
            if a.lemma_.lower() in REPORTING and dep in ("ccomp", "conj", "parataxis", "dobj", "advcl"):
                for c in a.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        return self.speaker(c)
                return []
            if dep not in ("ccomp", "conj", "advcl"):
                return []
        return []

    def speaker(self, tok) -> list[str]:
        """Who a subject names: the mention on its head word ("the Afghan government"), else on
        its apposition ("the army spokesperson, General X"), else the first in it."""
        m = self.by_token.get(tok.i)
        if m is not None and m.kind == "actor":
            return [m.id]
        if tok.pos_ == "PRON" and tok.lower_ in ("he", "she"):
            return self.last_speaker(tok)
        for c in tok.children:
            if c.dep_ == "appos":
                found = self.actors(c)
                if found:
                    return found[:1]
        return self.actors(tok)[:1]

    def last_speaker(self, tok) -> list[str]:
        """Whom "he said" points at: the last named subject of a reporting verb before it."""
        for w in reversed(self.doc[max(0, tok.sent.start - 400):tok.i]):
            if w.lemma_.lower() in REPORTING | {"reject", "deny"}:
                for c in w.children:
                    if c.dep_ == "nsubj" and c.pos_ != "PRON":
                        found = self.speaker(c)
                        if found:
                            return found
        return []

    # --- links --------------------------------------------------------------------------------

    def link(self, events: list[_Event]) -> None:
        by_trigger: dict[int, list[int]] = {}
        for k, e in enumerate(events):
            by_trigger.setdefault(e.trigger, []).append(k)

        held = {i for e in events for i in (e.trigger, self.anchor(self.doc[e.trigger]).i)}

        def events_in(tokens) -> list[int]:
            """The events whose trigger is in ``tokens`` and not under another trigger there: in
            "mediating the release of soldiers captured in October", the mediation only."""
            out = []
            for i in sorted(tokens):
                for k in by_trigger.get(i, []):
                    a = self.anchor(self.doc[i])
                    if not any(w.i in tokens and w.i in held and w.i != i for w in a.ancestors):
                        out.append(k)
            return out

        def sentence_events(s: int) -> list[int]:
            return [k for k, e in enumerate(events) if e.sentence == s]

        def add(later: list[int], name: str, earlier: list[int]) -> None:
            for k in later:
                for j in earlier:
                    if j != k and j not in events[k].links.setdefault(name, []):
                        events[k].links[name].append(j)

        for s, sent in enumerate(self.sents):
            for w in sent:
                lemma = w.lemma_.lower()
                sub = {x.i for x in w.subtree}
                if lemma in CAUSES and w.pos_ == "VERB":
                    obj = events_in({x.i for c in w.children if c.dep_ == "dobj" for x in c.subtree})
                    if w.dep_ in ("advcl", "xcomp") and w.tag_ == "VBG":  # "..., prompting X"
                        cause = events_in({x.i for x in w.head.subtree} - sub)
                    else:
                        cause = events_in({x.i for c in w.children if c.dep_ == "nsubj" for x in c.subtree})
                    add(obj, "triggered_by", cause)
                elif lemma == "follow" and w.pos_ == "VERB" and w.tag_ != "VBG":
                    obj = events_in({x.i for c in w.children if c.dep_ == "dobj" for x in c.subtree})
                    subj = [c for c in w.children if c.dep_ == "nsubj"]
                    if subj and subj[0].lower_ in ("that", "this", "it") and s > 0:
                        later = sentence_events(s - 1)
                    else:
                        later = events_in({x.i for c in subj for x in c.subtree})
                    add(later, "after", obj)
                elif (lemma in ("after", "since") and w.dep_ in ("prep", "mark")) or (lemma == "follow" and w.tag_ == "VBG"):
                    earlier = events_in(sub - {w.i})
                    head = w.head
                    later = events_in({x.i for x in head.subtree} - sub)
                    if head.lemma_.lower() == "come":
                        subj = [c for c in head.children if c.dep_ == "nsubj"]
                        if subj and subj[0].lower_ in ("that", "this", "it") and s > 0:
                            later = sentence_events(s - 1)
                    add(later, "since" if lemma == "since" else "after", earlier)
                elif lemma in ("retaliation", "response") and w.head.lower_ == "in":
                    earlier = events_in({x.i for c in w.children for x in c.subtree})
                    clause = w.head.head
                    later = events_in({x.i for x in clause.subtree} - {x.i for x in w.head.subtree})
                    add(later, "responded_to", earlier)
                elif lemma in ("respond", "retaliate") and w.pos_ == "VERB":  # "Eritrea responded by expelling..."
                    later = events_in({x.i for c in w.children if c.dep_ == "prep" and c.lower_ == "by"
                                       for x in c.subtree})
                    earlier = events_in({x.i for c in w.children if c.dep_ == "prep" and c.lower_ == "to"
                                         for x in c.subtree})
                    before = [k for k in range(s - 1, -1, -1) if sentence_events(k)][:1]
                    add(later, "responded_to", earlier or (sentence_events(before[0]) if before else []))
        # a mediation "mediating the release" produced it; a breach of "the truce" breaks it;
        # a release of people "captured by" someone ends that capture
        for k, e in enumerate(events):
            inside = [j for i in sorted({x.i for x in self.doc[e.trigger].subtree}) for j in by_trigger.get(i, []) if j != k]
            for j in inside:
                other = events[j].types[0]
                if "mediation" in e.types and other in ("release", "ceasefire", "negotiation-round", "agreement"):
                    add([k], "produced", [j])
                if "ceasefire-breach" in e.types and other == "ceasefire":
                    add([k], "breach_of", [j])
                if "release" in e.types and other == "capture":
                    add([k], "release_of", [j])
                    for role in ("captor", "captives_of"):
                        if role not in e.roles and role in events[j].roles:
                            e.roles[role] = events[j].roles[role]
                    e.count = e.count or events[j].count
            # "a ceasefire brokered by Qatar": the ceasefire is what the mediation produced
            for c in self.doc[e.trigger].children:
                if c.dep_ in ("acl", "amod", "compound") and c.i in by_trigger:
                    for j in by_trigger[c.i]:
                        if "mediation" in events[j].types:
                            add([j], "produced", [k])
                            if "parties" not in events[j].roles and "parties" in e.roles:
                                events[j].roles["parties"] = list(e.roles["parties"])


# --- merging -------------------------------------------------------------------------------------

def _local(kebab: str) -> str:
    return "".join(part.capitalize() for part in kebab.split("-"))


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if a in ROOTS or b in ROOTS:
        return False
    return a in subclasses(_local(b)) or b in subclasses(_local(a))


def _bounds(expression: str) -> tuple[dt.date | None, dt.date | None]:
    extent = parse_date(expression)
    return extent.not_before, extent.not_after


def _overlap(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    return (a1 is None or b0 is None or b0 <= a1) and (b1 is None or a0 is None or a0 <= b1)


def _same(x: _Event, y: _Event) -> bool:
    if not _compatible(x.types[0], y.types[0]) or x.according_to != y.according_to:
        return False
    if y.fresh and y.nominal and not y.definite:
        return False  # "has held separate talks with the Houthis in Riyadh", "a new round": not the talks told before
    if x.types[0] == y.types[0] == "event" and x.lemma != y.lemma:
        return False  # a curfew and a ban, an emergency and a closed road: the words say what kind, and differ
    if x.types[0] == y.types[0] == "release" and y.lemma in SWAPS and x.lemma not in SWAPS:
        return False  # "freed seven aid workers on Sunday ... the government and NAS exchanged prisoners": another
    if x.types[0] == y.types[0] == "diplomatic-event" and ACTS.get(x.lemma, x.lemma) != ACTS.get(y.lemma, y.lemma):
        return False  # "recalled its ambassador ... Pakistan also suspended all high-level visits": two acts
    if (x.date_confidence < UNDATED) != (y.date_confidence < UNDATED) and not any(
            x.roles.get(r) and set(x.roles[r]) & set(y.roles.get(r, [])) for r in ("attacker", "captor", "initiator")):
        return False  # a mention with no date of its own is pinned to a dated one only by the same actor
    if not _overlap(x.date, y.date):
        return False
    if x.places and y.places and not set(x.places) & set(y.places):
        return False
    if x.date_confidence < UNDATED and x.paragraph != y.paragraph and not (
            set(x.places) & set(y.places) or {a for v in x.roles.values() for a in v} & {a for v in y.roles.values() for a in v}):
        return False  # two undated mentions far apart, with nothing in common: two events
    for role in ("attacker", "initiator", "captor", "mediators"):
        if x.roles.get(role) and y.roles.get(role) and not set(x.roles[role]) & set(y.roles[role]):
            return False
    return x.sentence != y.sentence or x.trigger == y.trigger and x.date == y.date


def _refers_to(anaphor: _Event, x: _Event, strict: bool) -> bool:
    """Whether "the strikes", "the truce", "the fighting" (no date of its own) can be event ``x``,
    told before: a compatible type (or, not ``strict``, any fighting), no other place or attacker."""
    if not (any(_compatible(a, b) for a in anaphor.types for b in x.types) or
            not strict and {anaphor.types[0], x.types[0]} <= FIGHTING or
            anaphor.types[0] == "agreement" and "ceasefire" in x.types):  # "agreed on a ceasefire ... The deal"
        return False
    if not set(anaphor.places) <= set(x.places) and not anaphor.outcome:
        return False  # "the shelling of Breck" is not the strikes on Kabul told before (but "the raids killed
        # three people in Aitaroun" tells where the raids told before hit)
    return not any(anaphor.roles.get(r) and not set(anaphor.roles[r]) <= set(x.roles.get(r, []))
                   for r in ("attacker", "captor", "mediators"))


def _told_again(e: _Event, x: _Event, exact: bool, states: frozenset | set = frozenset()) -> bool:
    """Whether ``e``, with no date of its own or the same date, is event ``x`` told just before: in
    another source's account ("jets bombed two villages on Tuesday, the Arakan Army said. The junta said
    its aircraft had struck training sites"; "Kosovo police arrested three officers on Tuesday. Serbia's
    interior ministry said the men had been seized on the Serbian side"), or again with nothing of its own
    ("released nine workers on Wednesday ... The group said it had freed the workers"; "abducting them ...
    The abduction on November 18"; "missiles hit a village two days after ... in retaliation for the attack
    on Tuesday"). ``exact``: of the same type (then told in the same paragraph or the next)."""
    own_day = e.date_confidence >= UNDATED and e.date == x.date  # "the attack on Tuesday", as the strike before
    if (e.date_confidence >= UNDATED and e.date != x.date) or x.date_confidence < UNDATED and not own_day or \
            e.definite and not own_day or \
            e.fresh or not (0 < e.sentence - x.sentence <= 2 or exact and e.sentence > x.sentence and
                            e.paragraph - x.paragraph <= 1):
        return False  # of the same kind, the next paragraph will do: "the drones had hit farmers", the strikes
    if not (e.according_to and not set(e.according_to) <= set(x.according_to)) and (e.roles or e.places):
        return False
    if not (e.types[0] == x.types[0] if exact else any(_compatible(a, b) for a in e.types for b in x.types)):
        return False
    if not set(e.places) - (states if set(x.places) - states else set()) <= set(x.places):
        return False  # but "its aircraft had hit shelters in northern Iraq" may be the strikes on Amadiya told before
    return not any(e.roles.get(r) and x.roles.get(r) and not set(e.roles[r]) & set(x.roles[r])
                   for r in ("attacker", "captor", "initiator", "mediators"))


def _side_of(e: _Event, x: _Event) -> bool:
    """Whether ``e`` is one side's account of clash ``x`` told just before: a strike with no date of its
    own that someone reports, done by one of the clash's parties ("troops exchanged fire overnight ...
    The army said Pakistani troops had opened fire on posts in Poonch. Pakistan said Indian forces had
    fired first on villages in Kotli"): how the clash went, not a strike of its own. Shelling a village is
    a strike of its own ("said Kyrgyz forces had shelled the village of Vorukh first")."""
    return (x.types[0] in ("armed-clash", "border-clash") and e.types[0] == "strike" and e.lemma in SHOOTING and
            not e.definite and
            not e.fresh and e.date_confidence < UNDATED and (bool(e.according_to) or e.reported) and
            0 <= e.paragraph - x.paragraph <= 1 and e.sentence > x.sentence and
            bool(e.roles.get("attacker")) and set(e.roles["attacker"]) <= set(x.roles.get("parties", [])))


def _narrower(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    if None in (a0, a1):
        return False
    if None in (b0, b1):
        return True
    return (a1 - a0) < (b1 - b0)


def _merge(events: list[_Event], states: frozenset | set = frozenset()) -> list[_Event]:
    """One event per thing that happened: later mentions merged into the first, links redirected."""
    target = list(range(len(events)))
    kept: list[int] = []
    for k, e in enumerate(events):
        j = None
        if e.definite and e.date_confidence < UNDATED:  # "the strikes": the last such event told before
            linked = {j for j in kept if k in {x for xs in events[j].links.values() for x in xs}} | {
                x for xs in e.links.values() for x in xs}  # not what it caused or answered
            j = next((j for j in reversed(kept) if j not in linked and _refers_to(e, events[j], True)
                      and e.lemma == events[j].lemma), None)  # "the strikes": the strikes told before
            if j is None:
                j = next((j for j in reversed(kept) if j not in linked and _refers_to(e, events[j], True)), None)
            if j is None:
                j = next((j for j in reversed(kept) if j not in linked and _refers_to(e, events[j], False)), None)
        if j is None and e.definite and e.date_confidence >= UNDATED and e.types[0] in ("negotiation-round", "agreement"):
            # "held their first formal talks in more than a year ... The talks, facilitated by Malaysia, were held in
            # Kuala Lumpur on June 30 and July 1": the talks told before, now dated and placed
            j = next((j for j in reversed(kept) if events[j].types[0] == e.types[0] and
                      events[j].date_confidence < UNDATED and _overlap(events[j].date, e.date) and
                      (not events[j].places or set(events[j].places) & set(e.places))), None)
        anaphora = j is not None
        if j is None and e.types[0] == "release" and e.lemma not in SWAPS and not e.definite:
            # "exchanged prisoners ... The army freed 23 fighters and the group released 11 soldiers on Saturday": the
            # exchange's halves, told with their day
            j = next((j for j in kept if events[j].lemma in SWAPS and events[j].types[0] == "release" and
                      events[j].date_confidence < UNDATED and 0 <= e.sentence - events[j].sentence <= 1 and
                      not events[j].merged), None)
            if j is not None and e.date_confidence > events[j].date_confidence:
                events[j].date, events[j].date_confidence = e.date, e.date_confidence
        if j is None:
            j = next((j for j in kept if _same(events[j], e)), None)
        side = False
        if j is None:
            j = next((j for j in reversed(kept) if _side_of(e, events[j])), None)
            anaphora = side = j is not None  # the clash keeps its type, and its parties: no attacker
        if j is None:  # "..., the junta said its aircraft had struck training sites": the strikes told before
            j = next((j for exact in (True, False) for j in reversed(kept) if _told_again(e, events[j], exact, states)),
                     None)
        if j is None:
            kept.append(k)
            continue
        target[k] = j
        keep = events[j]
        keep.spans += e.spans
        keep.merged.append(e.trigger)
        for t in e.types if not anaphora else []:
            if t not in keep.types and not any(_compatible(t, u) for u in keep.types):
                keep.types.append(t)
        if e.types[0] != keep.types[0] and e.types[0] in subclasses(_local(keep.types[0])):
            keep.types[0] = e.types[0]  # the more specific type: "strikes", then "air strikes"
        if _narrower(e.date, keep.date) and e.date_confidence >= min(UNDATED, keep.date_confidence):
            keep.date, keep.date_confidence = e.date, e.date_confidence  # not "the clashes" dated by a day before
        keep.places += [p for p in e.places if p not in keep.places]
        for role, ids in e.roles.items() if not side else []:
            keep.roles.setdefault(role, [])
            keep.roles[role] += [i for i in ids if i not in keep.roles[role]]
        keep.according_to += [x for x in e.according_to if x not in keep.according_to]
        keep.count = keep.count or e.count
        keep.degree = keep.degree or e.degree
        for name, links in e.links.items():
            keep.links.setdefault(name, [])
            keep.links[name] += [x for x in links if x not in keep.links[name]]
    index = {k: n for n, k in enumerate(kept)}
    for n, k in enumerate(kept):
        e = events[k]
        e.links = {name: sorted({index[target[x]] for x in xs} - {n}) for name, xs in e.links.items()}
        e.links = {name: xs for name, xs in e.links.items() if xs}
    return [events[k] for k in kept]


# --- the sides of a ceasefire --------------------------------------------------------------------

def _belligerents(events: list[_Event]) -> list[tuple[str, str]]:
    """The pairs of actors that fight each other in the article's military events (attacker and
    target, or the parties of a clash), the most often named first."""
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if not set(e.types) & (MILITARY | FIGHTING):
            continue
        sides = e.roles.get("attacker", [])[:1] + e.roles.get("target", [])[:1] if e.roles.get("attacker") else \
            e.roles.get("parties", [])
        for i, a in enumerate(sides):
            for b in sides[i + 1:]:
                if a != b:
                    pair = tuple(sorted((a, b)))
                    counts[pair] = counts.get(pair, 0) + 1
    return sorted(counts, key=lambda p: -counts[p])


def _protagonists(events: list[_Event]) -> list[str]:
    """The actors the article's events involve (as attacker, target, party, captor, captives, initiator),
    the most often first; never a mediator: the sides of a story told with no fighting in it (a truce of
    2022 in an article about an exchange of prisoners is the two sides that exchanged them)."""
    mediators = {m for e in events for m in e.roles.get("mediators", [])}
    counts: dict[str, int] = {}
    for e in events:
        for role in ("attacker", "target", "parties", "captor", "captives_of", "initiator"):
            for a in e.roles.get(role, []):
                if a not in mediators:
                    counts[a] = counts.get(a, 0) + 1
    return sorted(counts, key=lambda a: -counts[a])


SWAPS = {"exchange", "swap"}  # the lemmas of an exchange, told as two releases
UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


def _later_by(date: str, v) -> str:
    """The date of verb ``v`` told as some time "later" than the date it shares with the verb before it ("signed a
    treaty in March 2025 and reopened the crossings a month later": April 2025), when the date is a day, a month or
    a year and the time is counted in days or weeks, months, or years; else ``date`` as it is."""
    later = next((c for c in v.children if c.lower_ == "later" and c.dep_ in ("advmod", "npadvmod")), None)
    span = next((c for c in later.children if c.dep_ == "npadvmod" and c.lemma_.lower() in UNITS), None) \
        if later is not None else None
    if span is None:
        return date
    count = next((NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                  for c in span.children if c.dep_ == "nummod"), None) or (
        1 if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in span.children) else None)
    unit = UNITS[span.lemma_.lower()]
    if count is None:
        return date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and unit in ("days", "weeks"):
        day = dt.date.fromisoformat(date) + dt.timedelta(days=count * (7 if unit == "weeks" else 1))
        return day.isoformat()
    if re.fullmatch(r"\d{4}-\d{2}", date) and unit == "months":
        months = int(date[:4]) * 12 + int(date[5:]) - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if re.fullmatch(r"\d{4}", date) and unit == "years":
        return f"{int(date) + count:04d}"
    return date


def _at_the_talks(events: list[_Event]) -> None:
    """What was done "at the talks" (told before) was done when and where they were held: "Brazil hosted talks in
    Brasilia last month. At the talks, the two sides agreed to reopen a crossing at Eteringbang": in Brasilia,
    last month (not at the crossing, nor undated)."""
    for e in events:
        talks = next((x for x in events if e.at is not None and x is not e and (x.trigger == e.at or e.at in x.merged)
                      and x.types[0] in ("negotiation-round", "mediation")), None)
        if talks is None:
            continue
        if e.date_confidence < UNDATED and talks.date_confidence >= UNDATED:
            e.date, e.date_confidence = talks.date, talks.date_confidence
        if talks.places:
            e.places = list(talks.places)


def _to_come(e: _Event, published: dt.date) -> bool:
    """Whether the event's date starts after the article's: a plan ("a new round next week"), not an event."""
    try:
        start = parse_date(str(e.date)).not_before
    except Exception:  # noqa: BLE001 - an expression the date module refuses says nothing about when
        return False
    return start is not None and start > published


def _talk(e: _Event) -> bool:
    """A noun for a kind of event that nothing ties to a time, a place or anyone ("the talks", "the
    fighting", "attacks" that its paragraph neither dates nor places, with no one named in its words):
    talk about such things, not one that happened."""
    return e.nominal and e.date_confidence <= 0.3 and (not e.places or e.guessed) and not any(e.roles.values()) and \
        not e.links and not e.merged


def _done_by(events: list[_Event]) -> None:
    """An event done by another, or during another, that its sentence does not date or place ("the clashes
    broke a truce", "captured 14 fighters during the fighting"): when and where that one was."""
    for e in events:
        x = next((x for x in events if e.by is not None and x is not e and e.by in [x.trigger] + x.merged), None)
        if x is None or e.date_confidence >= UNDATED:
            continue
        e.date, e.date_confidence = x.date, min(x.date_confidence, 0.45)
        e.places = e.places or list(x.places)
        e.reasons.append(f"when and where the {x.types[0].replace('-', ' ')} it was part of was")


def _two_sides(events: list[_Event]) -> None:
    """A ceasefire is agreed by two sides at least (the shapes require them). When its own words name
    fewer, the others come from the mediation that produced it, else from the sides that fight each
    other in the article (the other side of the one named), else from the actors its sentence names,
    else from those the article's events most often involve; the draft mark says which. When the article names no two sides, it is drafted as a diplomatic
    event, and the mark says why."""
    for k, e in enumerate(events):
        if not any(t in subclasses("Ceasefire") for t in e.types):
            continue
        parties = list(e.roles.get("parties", []))
        producers = [x for x in events if k in x.links.get("produced", [])]
        barred = {m for x in producers for m in x.roles.get("mediators", [])} | set(e.according_to)
        fighting = [p for p in _belligerents(events) if not set(p) & barred]
        candidates = [
            ("the sides of the mediation that produced it", [p for x in producers for p in x.roles.get("parties", [])]),
            ("the other side of the fighting in the article", [x for p in fighting if set(p) & set(parties) for x in p]),
            ("named in its sentence", [x for x in e.nearby if x not in barred]),
            ("the sides that fight each other in the article", list(fighting[0]) if fighting else []),
            ("the sides the article's events most often involve", [x for x in _protagonists(events) if x not in barred])]
        found: list[str] = []
        reasons = []
        for why, ids in candidates:
            new = [x for x in dict.fromkeys(ids) if x not in parties + found][:max(0, 2 - len(parties) - len(found))]
            if new:
                found += new
                reasons.append(f"parties {', '.join(new)}: not named with it; {why}")
        if len(parties) + len(found) >= 2:
            e.roles["parties"] = parties + found
            e.reasons += reasons
        else:
            e.types = ["diplomatic-event" if t in subclasses("Ceasefire") else t for t in e.types]
            e.reasons.append("a ceasefire, drafted as a diplomatic event: the article names no two sides "
                             "to it (a ceasefire needs two parties)")


# --- the store -----------------------------------------------------------------------------------

def _date_from_links(events: list[_Event], published: dt.date) -> None:
    """An event its sentence gave no date: "since" an event, it has lasted from that event's date;
    after an event (or triggered by it), it happened between that event's start and the article."""
    for e in events:
        if e.date_confidence >= UNDATED:
            continue
        since = [events[k] for k in e.links.get("since", []) if events[k].date_confidence >= UNDATED]
        if since:
            e.date, e.date_confidence, e.ongoing = since[0].date.split(" ")[0], 0.45, True
            continue
        before = [events[k] for name in ("after", "triggered_by", "responded_to") for k in e.links.get(name, [])
                  if events[k].date_confidence >= UNDATED and _bounds(events[k].date)[0]]
        if before:
            first = min(before, key=lambda b: _bounds(b.date)[0])
            start = first.date.split(" ")[0].split("/")[0]
            if _bounds(start)[0] <= published:
                e.date, e.date_confidence = f"{start}/{published.isoformat()}", 0.45
                e.reasons.append("dated from the event it followed to the article's date")


def _match_store(events: list[_Event], store) -> None:
    """Take the id of a stored event that is the same as a drafted one (compatible type, dates that
    overlap, a shared place or actor), and say why in the draft mark."""
    import pyoxigraph as ox

    from ..sparql.named import internal_query
    from ..terms import to_python

    lows = [b for e in events for b in [_bounds(e.date)[0]] if b]
    highs = [b for e in events for b in [_bounds(e.date)[1]] if b]
    if not events or not lows or not highs:
        return
    xsd_date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    answer = store.query(internal_query("draft-events"), substitutions={
        ox.Variable("earliest"): ox.Literal(min(lows).isoformat(), datatype=xsd_date),
        ox.Variable("latest"): ox.Literal(max(highs).isoformat(), datatype=xsd_date)})
    names = [v.value for v in answer.variables]
    stored: dict[str, dict] = {}
    prefix = str(ID)
    for row in answer:
        r = {n: (None if t is None else to_python(t)) for n, t in zip(names, row)}
        s = stored.setdefault(r["event"][len(prefix):], {"kinds": set(), "from": r["from"], "to": r["to"],
                                                         "places": set(), "actors": set(), "according": set()})
        s["kinds"].add(_kebab(r["kind"]))
        if r["place"]:
            s["places"].add(r["place"][len(prefix):])
        if r["actor"]:
            s["according" if r["role"].endswith("#accordingTo") else "actors"].add(r["actor"][len(prefix):])
    pairs = []
    for n, e in enumerate(events):
        lo, hi = _bounds(e.date)
        actors = {x for role in ROLE_FIELDS for x in e.roles.get(role, [])}
        for ident, s in stored.items():
            kinds = [k for k in s["kinds"] if any(_compatible(t, k) for t in e.types)]
            if not kinds:
                continue
            if not ((s["to"] is None or lo is None or lo <= s["to"]) and (s["from"] is None or hi is None or s["from"] <= hi)):
                continue
            places, shared = set(e.places) & s["places"], actors & s["actors"]
            exact = any(k in e.types for k in kinds)
            told = bool(e.according_to) and set(e.according_to) == s["according"]
            # a shared place; or the same type and a shared actor (two, or one and the same reporter,
            # when the article gave no date)
            if not places and not (exact and len(shared) + told >= (1 if e.date_confidence >= UNDATED else 2)
                                   and shared):
                continue
            score = (2 * exact + 2 * len(places) + len(shared) + 3 * (set(e.according_to) == s["according"])
                     + ((lo, hi) == (s["from"], s["to"])) - len(s["places"] ^ set(e.places)) / 10)
            pairs.append((score, n, ident, kinds, places, shared, s))
    done: set = set()
    for score, n, ident, kinds, places, shared, s in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if n in done or ident in done:
            continue  # one stored event per drafted one, and the other way round
        done |= {n, ident}
        e = events[n]
        lo, hi = _bounds(e.date)
        e.id = ident
        same = "same type" if any(k in e.types for k in kinds) else "compatible type"
        kind = next((k for k in kinds if k in e.types), kinds[0])
        reason = f"{same} {kind}, dates overlap {_span_text(lo, hi, s['from'], s['to'])}"
        if places:
            reason += f", place {', '.join(sorted(places))}"
        if shared:
            reason += f", actor {', '.join(sorted(shared))}"
        e.reasons.append(f"new account of stored event {ident}: {reason}")


def _kebab(local: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local).lower()


def _span_text(lo, hi, s_from, s_to) -> str:
    start = max(x for x in (lo, s_from) if x is not None) if (lo or s_from) else None
    end = min(x for x in (hi, s_to) if x is not None) if (hi or s_to) else None
    if start and end and start.year == end.year and start.month == end.month and start != end:
        return f"{start.isoformat()}..{end.day:02d}"
    return f"{start.isoformat() if start else '..'}..{end.isoformat() if end else ''}" if start != end else start.isoformat()


# --- writing -------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _words(ident: str, names: dict[str, str]) -> str:
    return names.get(ident) or ident.replace("-", " ").title()


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _write(events: list[_Event], names: dict[str, str], text: str) -> list[dict]:
    used: set[str] = {e.id for e in events if e.id}
    for e in events:
        if e.id:
            continue
        lead = next((e.roles[r][0] for r in ("attacker", "initiator", "mediators", "captor", "parties")
                     if e.roles.get(r)), None)
        parts = [lead, e.types[0], e.places[0] if e.places else (e.roles.get("target") or [None])[0],
                 _slug(e.date.split(" ")[0]) or None]
        base = _slug("-".join(p for p in parts if p))[:80].strip("-")
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        e.id = ident
    out = []
    for e in events:
        item: dict = {"id": e.id, "type": e.types[0] if len(e.types) == 1 else list(e.types),
                      "name": _name(e, names), "date": e.date}
        for role in ROLE_FIELDS:
            if e.roles.get(role):
                item[role] = e.roles[role][0] if len(e.roles[role]) == 1 else e.roles[role]
        if e.places:
            item["places"] = e.places[0] if len(e.places) == 1 else e.places
        if e.according_to:
            item["according_to"] = e.according_to[0] if len(e.according_to) == 1 else list(e.according_to)
        if e.count:
            item["count"] = e.count
        if e.degree:
            item["degree"] = e.degree
        if e.ongoing:
            item["ongoing"] = True
        links = dict(e.links)
        if "since" in links:  # written as the temporal link it is
            links["after"] = sorted(set(links.get("after", [])) | set(links.pop("since")))
        for name, targets in links.items():
            ids = [events[x].id for x in targets]
            item[name] = ids[0] if len(ids) == 1 else ids
        confidence = 0.5 + 0.2 * bool(e.roles) + 0.1 * bool(e.places) + 0.2 * min(e.date_confidence, 1.0) - 0.1 * (
            len(e.spans) == 1 and not e.roles)
        reasons = list(e.reasons)
        if e.date.startswith(".."):
            reasons.append("no date in its sentence: the widest span the article supports")
        item["draft"] = draft_mark(e.spans, max(0.1, min(confidence, 0.95)), "; ".join(reasons) or None)
        out.append(item)
    return out


def _name(e: _Event, names: dict[str, str]) -> str:
    what = e.types[0].replace("-", " ")
    words = what[0].upper() + what[1:]
    lead = next(((r, e.roles[r]) for r in ("attacker", "initiator", "mediators", "captor") if e.roles.get(r)), None)
    if lead:
        words += f" by {_listed([_words(x, names) for x in lead[1]])}"
    elif e.roles.get("parties"):
        words += f" between {_listed([_words(x, names) for x in e.roles['parties']])}"
    where = e.places or e.roles.get("target") or []
    if where:
        words += f" on {_listed([_words(x, names) for x in where])}" if lead else f" in {_listed([_words(x, names) for x in where])}"
    words += f", up to {e.date[2:]}" if e.date.startswith("..") else f", {e.date}"
    if e.according_to:
        words += f" (according to {_words(e.according_to[0], names)})"
    return words
