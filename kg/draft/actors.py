"""Names in the article → actor and place ids.

A name is looked up, longest first, among the names the project already knows: the alias table
(``kg/data/aliases.yaml``), the seed's reference data, and the labels and aliases in the store; a
state's name, its demonym ("Afghan") and its capital ("Islamabad said") through ``kg/data/states.tsv``.
A capital that acts (the subject of a verb, a possessive, a side "between" two) stands for its state,
or for the actor whose alias it is in the store (``Islamabad`` → ``pakistan-government``); elsewhere
it is the city. What the project does not know is proposed from spaCy's entities with an id made
from the name (``Hamid al-Nour`` → ``hamid-al-nour``): a person named by the surname alone later is
the same person. A new name the article writes as a place anywhere ("in X", "near X", "at X", "the
town of X", "the villages of X and Y", "the X crossing", "the X and Y crossings", "the X mountains") is
a place wherever it occurs, whatever label spaCy gave it or if it gave none, unless it also speaks ("X
said"). Institutions ("Sudan's army", "the health ministry") and offices ("defence
minister") are actors of their state or organisation; an office the store knows resolves to the
person who holds it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..authoring.yamlreader import load_yaml
from ..data import aliases_text, seed_path, states_text
from ..namespaces import ID
from .model import Mention

# spaCy entity labels → what a new name of that kind is proposed as
NEW_KIND = {"PERSON": ("actor", "person"), "ORG": ("actor", "actor"), "GPE": ("place", "place"),
            "LOC": ("place", "place"), "FAC": ("place", "place")}
# an institution word after a state, and the type of actor it makes
INSTITUTIONS = {"army": "armed-forces", "military": "armed-forces", "armed forces": "armed-forces",
                "navy": "armed-forces", "air force": "armed-forces", "police": "armed-forces",
                "government": "government", "health ministry": "government", "foreign ministry": "government",
                "defence ministry": "government", "defense ministry": "government", "interior ministry": "government",
                "ministry": "government", "foreign office": "government", "health office": "government", "health department": "government", "health directorate": "government", "junta": "government",
                "agency": "government", "border service": "armed-forces", "headquarters": "government",
                "communication service": "government", "communication office": "government",
                "commission": "government", "general staff": "armed-forces"}
# of those, the words that name a body only with its state ("Colombia's truth commission"), never alone ("the
# commission" is any commission)
STATE_ONLY = {"agency", "commission"}
OFFICE = re.compile(
    r"(?:(?:army|military|government|ministry|foreign ministry|defen[cs]e ministry|police|presidential)\s+)?"
    r"(?:spokes(?:man|woman|person)|(?:(?:defen[cs]e|foreign|interior|prime|deputy|health|information)\s+)?minister"
    r"|(?:special\s+)?envoy|secretary[- ]general|president|ambassador|(?:(?:regional|provincial)\s+)?governor|adviser|advisor"
    r"|(?:district\s+)?mayor"
    r"|(?:humanitarian\s+)?coordinator"
    r"|chief of staff|commander|(?:(?:county|district|police|human\s+rights)\s+)?commissioner)(?![\w-])", re.IGNORECASE)
RANKS = re.compile(r"(?:(?:Brigadier|Major|Lieutenant|Lt\.?|Gen\.?|General|Colonel|Col\.?|Captain|Capt\.?|Sergeant|"
                   r"Admiral|Commander|Marshal|Field|President|Prime|Minister|Foreign|Defen[cs]e|Deputy|Dr\.?|Mr\.?|"
                   r"Mrs\.?|Ms\.?|Sheikh|Archbishop|Bishop|Cardinal|Father|Ambassador|Envoy|Senator|Governor|"
                   r"Spokesman|Spokeswoman|Adviser|Advisor)\s+)+")
BODIES = {"hospital", "force", "office", "company"}  # nouns for a body that speaks without a name ("the provincial hospital said")
SPEAKING = {"say", "speak", "tell", "add", "declare", "write", "warn", "insist", "announce"}
PLACE_VERBS = {"hit", "strike", "bomb", "shell", "attack", "target", "pound", "raid", "capture", "seize", "take",
               "enter", "reach", "visit", "leave", "flee", "evacuate", "besiege", "surround", "control", "hold",
               "overrun", "storm", "rock", "shake", "struck"}
PLACE_PARTS = {"street", "outskirt", "centre", "center", "suburb", "airport", "resident", "mayor", "district",
               "neighbourhood", "neighborhood", "hospital", "market", "port", "skyline", "old"}
LOCATIVE = {"in", "to", "into", "from", "at", "near", "outside", "inside", "around", "across", "through", "via",
            "toward", "towards", "of", "on", "within", "beyond", "past", "over", "under", "off"}
# a new name that is the object of these is a place, whatever spaCy took it for ("in Debre Tabor")
WHERE = {"in", "near", "outside", "inside", "around", "into", "at", "across", "over"}
OF_WHERE = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts",
            "town", "towns", "village", "villages", "city", "island", "islands", "coast", "state", "province",
            "region", "district", "prefecture", "governorate", "county", "marshes", "market", "suburbs", "suburb",
            "countryside", "area", "port", "hills", "mountains", "parts", "part", "heart", "edge", "centre", "center"}
ROADS = {"road", "highway", "route", "motorway"}
# lowercase words after a name that make it a place ("the Jarinje crossing", "the Qandil mountains")
PLACE_NOUNS = ("region", "province", "state", "prefecture", "governorate", "district", "county", "municipality",
               "sector", "area", "countryside", "valley", "river", "lake", "dam", "reservoir", "forest", "park",
               "mountains", "mountain", "hills", "ridge", "pass", "island", "islands", "coast", "crossing", "crossings",
               "checkpoint", "airport", "airbase", "port", "terminal", "highway", "road", "bridge", "corridor", "zone",
               "village", "villages", "town", "towns", "market", "border post", "border crossing", "crossing point",
               "buffer zone", "refugee camp", "refugee camps")
AFTER_PLACE = re.compile(rf"\s+(?:{'|'.join(sorted(PLACE_NOUNS, key=len, reverse=True))})\b")
# a name as a place can be written ("Jubata al-Khashab", "Deir ez-Zor", "Mocimboa da Praia", "Chushul-Moldo")
NAME = (r"[A-Z][\w'’]*(?:(?:[ -]| (?:al|el|ad|ar|as|ash|az|ez|de|da|do|du|dos|das|la|le|del|di)[ -])"
        r"(?!(?:The|A|An|In|On|At|But|And)\b)[A-Z][\w'’]*)*")
PLACE_CUES = re.compile(
    rf"(?<![\w-])(?P<a>{NAME})(?: and (?P<b>{NAME}))?(?={AFTER_PLACE.pattern})"  # "the Jarinje and Merdare crossings"
    rf"|\b(?:{'|'.join(sorted(OF_WHERE - {'north', 'south', 'east', 'west', 'parts', 'part'}))}) of (?:the )?"
    rf"(?P<c>{NAME})(?: and (?P<d>{NAME}))?"  # "the villages of Jubata al-Khashab and Ufaniya"
    rf"|\b(?:in|near|outside|into|around|at) (?:the )?(?P<e>{NAME})")  # "at Merdare", "near Bir Lahlou"
# a new name the article writes as an armed group's ("the Jaish al-Adl group", "the Fano militia"): the words
# after it say what it is, whatever spaCy took the name for (a person, often)
GROUP_CUES = re.compile(rf"(?<=\b[Tt]he )({NAME}) (?:group|militia|movement|faction|gang|rebels|insurgents|militants)\b")
# a name the article gives as a group's outlet ("az-Zallaqa, its propaganda outlet,", "its az-Zallaqa media arm",
# "the group's media arm, az-Zallaqa,"): a media outlet, not the person spaCy often takes it for
OUTLET_NAME = r"(?:(?:al|el|as|ash|az|an|ar|at)-)?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}"
OUTLET_OWNER = r"(?:[Ii]ts|[Tt]heir|(?:[Tt]he )?(?:[a-z-]+|[A-Z][\w-]*(?: [A-Z][\w-]*)*)['’]s)"
OUTLET_NOUN = r"(?:(?:media|propaganda|news|information)\s+(?:arm|outlet|agency|wing|channel)|outlet|mouthpiece" \
              r"|(?:radio|television|TV)\s+(?:station|channel)|television|website)"
OUTLET_CUES = re.compile(rf"\b(?P<a>{OUTLET_NAME}), {OUTLET_OWNER} (?:own )?{OUTLET_NOUN}\b"
                         rf"|\b{OUTLET_OWNER} {OUTLET_NOUN},? (?P<b>{OUTLET_NAME})\b"
                         rf"|\b(?:its|their) (?P<c>{OUTLET_NAME}) {OUTLET_NOUN}\b"
                         rf"|['’]s (?P<d>{OUTLET_NAME}) {OUTLET_NOUN}\b")
# where people are held ("8,000 of our people in Russian prisons", "20 more hostages were still in the hands of
# the ELN"); a name before these is who holds them, not where they are ("in Houthi prisons")
HELD_IN = {"prison", "jail", "custody", "captivity", "detention", "hand"}
# a name before these names a body ("a report in the Delhi Ledger newspaper")
BODY_NOUNS = {"newspaper", "daily", "agency", "broadcaster", "channel", "radio", "television", "group", "militia",
              "movement", "faction", "party"}
# spaCy's labels of names (not of dates, numbers or languages)
NAMED = {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
# words that are never a place's name, though capitalised after "in" or "at"
NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
              "The", "This", "That", "A", "An", "I", "It", "He", "She", "We", "They", "Parliament", "Congress"}
# the last word of a name that makes an organisation-looking name a place ("the Durand Line")
PLACE_WORDS = {"Line", "River", "Valley", "Sea", "Mountains", "Strait", "Gulf", "Corridor", "Province", "Region",
               "Border", "Crossing", "Pass", "Lake", "Island", "Islands", "Peninsula", "Strip", "Bank", "Heights",
               "Desert", "Coast", "Canal", "Port", "Airport", "Camp", "Hospital", "Market", "Dam"}
# the last word of a name that makes it an organisation, not a person
ORG_WORDS = {"Forces", "Army", "Council", "Party", "Front", "Movement", "Agency", "Ministry", "Service", "Command",
             "Committee", "Commission", "Mission", "Office", "Union", "Group", "Brigade", "Brigades", "Court"}
# the last word of an organisation's name that spaCy may miss when it speaks ("Human Rights Watch said")
ORG_NAMES = ORG_WORDS | {"Watch", "International", "Institute", "Foundation", "Network", "Observatory", "Society",
                         "Crescent", "Cross", "Organisation", "Organization", "Programme", "Fund", "Centre", "Center"}
ACRONYM = re.compile(r"(?P<name>[A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]+|of|the|and|for|on|in|de|du|des|la|le))+) "
                     r"\((?P<acronym>[A-Z][A-Z0-9&-]{1,9})\)")
ARTICLE = re.compile(r"(?:al|el|ad|ed|ash|as|an|ar|az|at)-[A-Z]")  # the Arabic article, written lowercase
PROPER = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|of|the|and|for|on|de|du|des|la|le))+")
PLATFORMS = {"X", "Telegram", "Facebook", "Instagram", "YouTube", "WhatsApp", "TikTok"}


def slug(name: str) -> str:
    """An id made from a name: kebab-case ASCII (``Türkiye`` → ``turkiye``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


@dataclass
class Entity:
    """An actor or place the drafter knows of (known: in the store, the alias table or the reference
    data) or proposes (new)."""

    id: str
    kind: str  # "actor" or "place"
    type: str
    name: str
    known: bool
    affiliated_with: str | None = None  # an actor's side; a place's country ("in")
    holders: list = field(default_factory=list)  # for a post: who holds it
    aliases: list = field(default_factory=list)
    stored: bool = False  # defined in the store or the reference data: a draft reuses it without defining it


@dataclass
class State:
    name: str
    demonyms: list
    capital: str


class Gazetteer:
    """Every name the drafter can resolve, and the entities they stand for."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.names: dict[str, str] = {}  # normalised name -> id
        self.states: dict[str, State] = {}  # normalised state name -> State
        self.demonyms: dict[str, str] = {}  # normalised demonym -> normalised state name
        self.capitals: dict[str, str] = {}  # normalised capital -> normalised state name
        self._pattern = None
        self._surfaces: set = set()

    def add(self, entity: Entity, names=()) -> None:
        old = self.entities.get(entity.id)
        if old is None:
            self.entities[entity.id] = entity
        else:
            old.known = old.known or entity.known
            old.stored = old.stored or entity.stored
            old.affiliated_with = old.affiliated_with or entity.affiliated_with
        target = self.entities[entity.id]
        target.aliases.extend(n for n in names if n and n not in target.aliases)
        for name in (entity.name, *names):
            if name:
                self.names.setdefault(norm(name), entity.id)
        self._pattern = None

    def lookup(self, name: str) -> Entity | None:
        ident = self.names.get(norm(name))
        return self.entities.get(ident) if ident else None

    def state(self, state_name: str) -> Entity:
        """The actor for a state of states.tsv: the known one of that name, else a proposed one."""
        known = self.lookup(state_name)
        if known is not None and known.kind == "actor":
            return known
        entity = Entity(slug(state_name), "actor", "state", self.states[norm(state_name)].name, known=False)
        self.add(entity)
        return self.entities[entity.id]

    def pattern(self) -> re.Pattern:
        """One regex for every known name, demonym and capital, longest first, on word boundaries."""
        if self._pattern is None:
            words = set(self.surfaces) | {s.name for s in self.states.values()} | {s.capital for s in self.states.values()}
            words |= {d for s in self.states.values() for d in s.demonyms}
            alternatives = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words, key=len, reverse=True) if w)
            # "US-brokered" and "Saudi-led" name them; "Guinea-Bissau" is another name
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w]|-[A-Z0-9])")
        return self._pattern

    @property
    def surfaces(self) -> set:
        return self._surfaces


def load_gazetteer(store=None) -> Gazetteer:
    """The names of the alias table, the seed's reference data, states.tsv and (when given) the store."""
    g = Gazetteer()
    surfaces: set[str] = set()
    aliases = load_yaml(aliases_text(), "kg/data/aliases.yaml", typed=True) or {}
    for section, kind in (("actors", "actor"), ("places", "place")):
        for ident, entry in (aliases.get(section) or {}).items():
            entry = entry or {}
            names = [str(n) for n in entry.get("names") or []]
            parent = entry.get("affiliated_with") or entry.get("in")
            g.add(Entity(str(ident), kind, str(entry.get("type", kind)), str(entry.get("name", ident)), True,
                         str(parent) if parent else None), names)
            surfaces.update([str(entry.get("name", ident)), *names])
    reference = load_yaml((seed_path() / "reference.yaml").read_text(encoding="utf-8"), "reference.yaml") or {}
    for entry in reference.get("actors") or []:
        names = [str(n) for n in entry.get("aliases") or []]
        g.add(Entity(str(entry["id"]), "actor", str(entry.get("type", "actor")), str(entry["name"]), True,
                     stored=True), names)
        surfaces.update([str(entry["name"]), *names])
    for line in states_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, demonyms, capital = line.split("\t")
        state = State(name, [d.strip() for d in demonyms.split(",") if d.strip()], capital)
        g.states[norm(name)] = state
        for d in state.demonyms:
            g.demonyms[norm(d)] = norm(name)
        g.capitals[norm(capital)] = norm(name)
    if store is not None:
        surfaces |= _store_entities(store, g)
    g._surfaces = {s for s in surfaces if s}
    return g


def _store_entities(store, g: Gazetteer) -> set:
    from ..sparql.named import internal_query
    base = len(str(ID))

    def ident(term):
        return term.value[base:] if term is not None and term.value.startswith(str(ID)) else None

    surfaces = set()
    labels: dict[str, list] = {}
    places = set()
    for row in store.query(internal_query("import-names")):
        x = ident(row["x"])
        if x:
            labels.setdefault(x, []).append(row["name"].value)
            if row["isPlace"] is not None:
                places.add(x)
                g.entities.get(x) or g.add(Entity(x, "place", "place", row["name"].value, True, ident(row["in"])))
                g.entities[x].stored = True
    types: dict[str, str] = {}
    for row in store.query(internal_query("draft-actors")):
        x = ident(row["x"])
        if not x:
            continue
        cls = row["class"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        kebab = re.sub(r"(?<!^)(?=[A-Z])", "-", cls).lower()
        if kebab not in ("actor", "agent") or x not in types:
            types[x] = kebab
        name = (labels.get(x) or [row["label"].value if row["label"] is not None else x])[0]
        entity = g.entities.get(x)
        if entity is None or not entity.stored:  # new to the gazetteer, or known only by the alias table
            entity = entity or Entity(x, "actor", types[x], name, True)
            entity.type = types[x] if types[x] not in ("actor", "agent") else entity.type
        entity.known, entity.stored, entity.kind = True, True, "actor"  # a state is a place too: an actor first
        if entity.type == "place":
            entity.type = types[x]
        entity.affiliated_with = entity.affiliated_with or ident(row["affiliated"]) or ident(row["postIn"])
        holder = ident(row["holder"])
        if holder and holder not in entity.holders:
            entity.holders.append(holder)
        g.add(entity)
    for x, names in labels.items():
        if x in g.entities:
            for name in names:
                g.names.setdefault(norm(name), x)
                if name not in g.entities[x].aliases:
                    g.entities[x].aliases.append(name)
            surfaces.update(names)
    return surfaces


def _acts(span) -> bool:
    """Whether a capital's span stands for its state or government: unless it is where something is
    or happens ("in Cairo", "from Goma to Kinshasa", "Cairo's streets"), a capital in the news acts
    ("Islamabad said", "talks between Islamabad and Kabul", "asked Washington and Paris")."""
    root = span.root
    t = root
    while t.dep_ in ("conj", "appos") and t.head is not t:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE:
        return False
    if t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in PLACE_VERBS:
        return False  # "jets hit Kabul", "Kabul was shelled"
    if t.dep_ == "poss" and t.head.lemma_.lower() in PLACE_PARTS:
        return False  # "Kabul's streets"
    return t.dep_ not in ("compound", "npadvmod") or t.head.pos_ == "VERB"


# what one wins over is a side, not a place ("victory over JNIM"; "fought a war over Nagorno-Karabakh" is where)
PREVAIL = {"victory", "win", "triumph", "edge", "advantage", "hand", "superiority", "dominance", "prevail", "lead"}
REACHED = {"reach", "besiege", "enter", "retake", "recapture", "encircle", "blockade", "shell", "bomb"}


def _where(span) -> bool:
    """Whether a name is where something is or happens: the object of "in", "near", "outside"...,
    of "to", "from" or "between" after a road, or of "of" after a direction or a kind of place ("south
    of Bahir Dar", "the villages of Abu Zeid and Tel Marra"), or the name of a place noun ("the Milak
    crossing"), itself or as the first of a list."""
    t = span.root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ in ("compound", "nmod") and t.head.lower_ in PLACE_NOUNS:
        return True
    if t.dep_ == "dobj" and t.head.lemma_.lower() in REACHED:
        return True  # "a convoy reached Djibo", "the group that has besieged Djibo": where, not who
    if t.dep_ != "pobj":
        return False
    prep = t.head
    if prep.lower_ == "over" and prep.head.lemma_.lower() in PREVAIL:
        return False  # "claimed victory over JNIM", "gained the upper hand over the rebels": whom, not where
    return prep.lower_ in WHERE or prep.lower_ == "of" and prep.head.lower_ in OF_WHERE or \
        prep.lower_ in ("to", "from", "between") and prep.head.lemma_.lower() in ROADS  # "the road to Woldia"


def _place_names(doc, g: Gazetteer) -> set[str]:
    """The new names the article writes as places somewhere: "in X", "near X", "the town of X", "the X
    crossing", "the X and Y crossings", in spaCy's entities or not. A name that is also a speaker
    somewhere ("X said") is left out: an organisation or a person."""
    text = doc.text
    out, speaks = set(), set()
    for ent in doc.ents:
        words = re.sub(r"^[Tt]he |['’]s$", "", ent.text)
        if ent.label_ not in NAMED or words.split()[0] in NOT_PLACES:
            continue
        if _speaks(ent.root):  # "X said", "medics at X Hospital said"
            speaks.add(norm(words))
        elif _where(ent) or AFTER_PLACE.match(text, ent.end_char):
            out.add(norm(words))
    for m in PLACE_CUES.finditer(text):
        cue = doc.char_span(m.start("e"), m.end("e"), alignment_mode="expand") if m.group("e") else None
        if cue is not None and cue[-1].head.i > cue[-1].i and cue[-1].head.lemma_.lower() in HELD_IN | BODY_NOUNS:
            continue  # "in Houthi prisons": who holds them; "in the Delhi Ledger newspaper": a body; not where
        for name in (m.group(k) for k in "abcde"):
            if name:
                name = re.sub(r"^The |['’]s$", "", name)
                if name.split()[0] not in NOT_PLACES and name.split()[-1] not in ORG_NAMES and not name.isupper():
                    out.add(norm(name))
    known = {n for n in out if (e := g.lookup(n)) is not None and e.kind == "actor"}
    return out - speaks - known - {norm(d) for d in g.demonyms}


def find_mentions(doc, g: Gazetteer) -> list[Mention]:
    """The actor and place mentions of a parsed article, none overlapping, in text order."""
    text = doc.text
    taken = [False] * (len(text) + 1)
    found: list[Mention] = []

    def free(a, b):
        return not any(taken[a:b])

    def take(a, b, entity: Entity, confidence: float):
        for i in range(a, b):
            taken[i] = True
        found.append(Mention(a, b, text[a:b], entity.id, entity.kind, entity.known, confidence))

    def span_of(a, b):
        return doc.char_span(a, b, alignment_mode="expand")

    def drop(inner):  # mentions a longer name holds, for the longer name to take
        for x in inner:
            found.remove(x)
            for i in range(x.start, x.end):
                taken[i] = False

    # 1. known names, demonyms and capitals, longest first
    for m in g.pattern().finditer(text):
        a, b, surface = m.start(), m.end(), m.group()
        key = norm(surface)
        entity = g.lookup(surface)
        if key in g.capitals and not (entity and entity.kind == "actor"):
            span = span_of(a, b)
            state = g.states[g.capitals[key]]
            if span is not None and _acts(span):
                metonym = next((e for e in g.entities.values() if e.kind == "actor" and norm(surface) in
                                {norm(n) for n in e.aliases}), None)
                entity = metonym or g.state(state.name)
                take(a, b, entity, 0.7)
                continue
            if entity is None:
                entity = Entity(slug(surface), "place", "city", surface, False, g.state(state.name).id)
                g.add(entity)
            take(a, b, entity, 0.8)
            continue
        if entity is None and key in g.demonyms:
            entity = g.state(g.states[g.demonyms[key]].name)
            take(a, b, entity, 0.85)
            continue
        if entity is None and key in g.states:
            entity = g.state(g.states[key].name)
        if entity is not None:
            take(a, b, entity, 0.95 if entity.known else 0.8)
    # 1b. a UN body named by what it does ("the UN human rights office", "the UN refugee agency"), and the office
    # of an envoy or another office-holder no one names ("the office of the UN special envoy for Yemen"): a body
    # of its own that speaks, not the UN nor the office's holder
    for pattern in (UN_BODY, OFFICE_BODY):
        for m in pattern.finditer(text):
            inner = [x for x in found if m.start() <= x.start and x.end <= m.end()]
            if any(x.start < m.end() and m.start() < x.end for x in found if x not in inner):
                continue
            drop(inner)
            un = next((g.entities[x.id] for x in inner if g.entities[x.id].type == "international-organisation"), None)
            name = m.group()[0].upper() + m.group()[1:]
            kind = "international-organisation" if un is not None or pattern is UN_BODY else "actor"
            entity = g.lookup(name) or Entity(slug(name), "actor", kind, name, False, un.id if un is not None else None)
            acronym = re.match(r",? ([A-Z]{3,8})(?![\w-])", text[m.end():])  # "the UN humanitarian office OCHA"
            g.add(entity, [acronym.group(1)] if acronym and not g.lookup(acronym.group(1)) else [])
            take(m.start(), m.end(), g.entities[entity.id], 0.6)
    # 2. names spaCy finds that the project does not know; a name with its acronym after it, in
    # brackets, is one actor under both ("the International Committee of the Red Cross (ICRC)")
    acronyms: dict[str, Entity] = {}
    for m in ACRONYM.finditer(text):
        name, acronym = _named_by(m.group("name"), m.group("acronym")), m.group("acronym")
        entity = g.lookup(name) or g.lookup(acronym) or Entity(slug(name), "actor", "actor", name, False)
        g.add(entity, [acronym])
        acronyms[acronym] = g.entities[entity.id]
        start = m.end("name") - len(name)
        # the name spelled out holds known ones ("United Nations Mission in South Sudan")
        drop([x for x in found if start <= x.start and x.end <= m.end("name")])
        if free(start, m.end("name")):
            take(start, m.end("name"), acronyms[acronym], 0.7)
    for m in re.finditer(r"\b\d+(?:st|nd|rd|th)? (?:Brigade|Battalion|Division|Regiment|Corps)\b", text):
        if free(m.start(), m.end()):  # "the 444 Brigade": a unit named by its number
            entity = g.lookup(m.group()) or Entity(slug(m.group()), "actor", "armed-forces", m.group(), False)
            g.add(entity)
            take(m.start(), m.end(), g.entities[entity.id], 0.6)
    def armed_group(m, name):  # the name of group 1 of ``m`` is an armed group's (or a unit's) called ``name``
        entity = g.lookup(name) or Entity(slug(name), "actor", "non-state-armed-group", name, False)
        g.add(entity)
        take(m.start(1), m.end(1), g.entities[entity.id], 0.55)

    for m in GAVE_NAME.finditer(text):
        # "a spokesman, who gave his name only as Ti Blan,": a person, whatever spaCy took the name for
        inner = [x for x in found if m.start(1) <= x.start and x.end <= m.end(1)]
        if not any(x.start < m.end(1) and m.start(1) < x.end for x in found if x not in inner):
            drop(inner)
            entity = g.lookup(m.group(1)) or Entity(slug(m.group(1)), "actor", "person", m.group(1), False)
            g.add(entity)
            take(m.start(1), m.end(1), g.entities[entity.id], 0.6)
    for m in NAMED_AFTER.finditer(text):
        if free(m.start(1), m.end(1)):  # "the Jaime Martínez front": a unit named after a person, not the person
            armed_group(m, f"{m.group(1)} {m.group(2)}")
    _bodies(doc, g, found, free, take, named=True)
    persons: dict[str, Entity] = {}
    placed = _place_names(doc, g)
    for m in OUTLET_CUES.finditer(text):
        k = next(k for k in "abcd" if m.group(k))
        name = m.group(k)
        if name.split()[0] in NOT_PLACES or g.lookup(name) is not None and g.lookup(name).type != "media-outlet" or \
                not any(e.start_char < m.end(k) and m.start(k) < e.end_char and
                        (e.label_ == "PERSON" or e.label_ == "ORG" and g.lookup(name) is None) for e in doc.ents):
            continue  # only a name spaCy took for a person's is retyped: the other names it finds are drafted as before
        inner = [x for x in found if m.start(k) <= x.start and x.end <= m.end(k)]
        if any(x.start < m.end(k) and m.start(k) < x.end for x in found if x not in inner):
            continue
        drop(inner)
        entity = g.lookup(name) or Entity(slug(name), "actor", "media-outlet", name, False)
        g.add(entity)
        take(m.start(k), m.end(k), g.entities[entity.id], 0.55)
    for m in GROUP_CUES.finditer(text):
        if free(m.start(1), m.end(1)) and norm(m.group(1)) not in placed and m.group(1).split()[0] not in NOT_PLACES:
            armed_group(m, m.group(1))
    for ent in doc.ents:
        if ent.label_ not in NEW_KIND and norm(re.sub(r"^[Tt]he ", "", ent.text)) not in placed:
            continue
        a, b = ent.start_char, ent.end_char
        words = ent.text
        if words.lower().startswith("the "):
            a, words = a + 4, words[4:]
        if re.search(r"['’]s$", words):
            b, words = b - 2, words[:-2]
        platform = re.match(rf"(?:{'|'.join(PLATFORMS)})\.\s+", words)
        if platform:  # "wrote on X. Baidoa General Hospital said": spaCy ran on past the full stop
            a, words = a + platform.end(), words[platform.end():]
        if words and not free(a, b) and ent.label_ != "PERSON" and PROPER.fullmatch(words):
            inner = [x for x in found if a <= x.start and x.end <= b]
            if inner and sum(x.end - x.start for x in inner) == sum(taken[a:b]) and \
                    not any(x.id == e.id for x in inner for e in acronyms.values()) and \
                    len(words) > max(x.end - x.start for x in inner):
                drop(inner)  # a longer name holds a known one ("UN Security Council", "Royal Thai Army")
        numbered = words[:1].isdigit() and ent.label_ == "ORG" and words.split()[-1] in ORG_WORDS  # "444 Brigade"
        arabic = bool(ARTICLE.match(words))  # "al-Fashaga", "al-Dhale": a name after the Arabic article
        if not words or not free(a, b) or not (words[0].isupper() or numbered or arabic) or \
                words.rstrip(".") in PLATFORMS:
            continue
        kind, type_ = NEW_KIND.get(ent.label_, ("place", "place"))
        if norm(words) in placed and words.split()[-1] not in ORG_WORDS:
            kind, type_ = "place", "place"  # "the town of Malam Fatori", "near X" here or elsewhere
        if len(words.split()) == 1 and words in persons and norm(words) not in placed:
            # a surname spaCy took for something else (not a place the article names: "Rojhat Kobani" and
            # "the town of Kobani")
            take(a, b, persons[words], 0.6)
            continue
        if ent.label_ == "ORG" and 2 <= len(words.split()) <= 3 and text[:a].rstrip().endswith(",") and \
                OFFICE.search(text[max(0, a - 60):a]) and not words.split()[-1] in PLACE_WORDS | ORG_WORDS:
            kind = "person"  # "the UN coordinator for Nigeria, Karim Osei,": a name beside an office is a person
        if words.split()[-1] in PLACE_WORDS and not _speaks(ent.root):
            kind, type_ = "place", "place"  # but "Baidoa General Hospital said", "medics at … Hospital said": a body
        elif kind == "actor" and _where(ent) and words.split()[-1] not in ORG_WORDS and not words.isupper() and \
                not _speaks(ent.root):
            kind, type_ = "place", "place"  # "a market in Debre Tabor", "south of Bahir Dar": where, not who
        elif kind == "place" and ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in SPEAKING:
            # a "place" that speaks is an actor; a two- or three-word name, a person
            kind, type_ = "actor", "person" if 2 <= len(words.split()) <= 3 else "actor"
            if type_ == "person":
                entity = g.lookup(words) or Entity(slug(words), "actor", "person", words, False)
                g.add(entity)
                persons[words.split()[-1]] = entity
                take(a, b, entity, 0.5)
                continue
        if ent.label_ == "PERSON" and kind == "actor" and (ent.text.lower().startswith("the ") or
                                                           text[max(0, a - 4):a] in ("the ", "The ")):
            type_ = "actor"  # "the Houthis' military spokesman": no person's name takes "the"
        elif ent.label_ == "PERSON" and kind == "actor" or kind == "person":
            rank = RANKS.match(words)
            if rank and rank.end() < len(words):  # "Brigadier General Hamid al-Nour": the rank is no part of the name
                a, words = a + rank.end(), words[rank.end():]
            surname = persons.get(words.split()[-1])
            if surname is not None and len(words.split()) == 1:
                take(a, b, surname, 0.75)
                continue
            entity = g.lookup(words) or Entity(slug(words), "actor", "person", words, False)
            g.add(entity)
            persons[words.split()[-1]] = entity
            take(a, b, entity, 0.8 if entity.known else 0.7)
            continue
        entity = g.lookup(words) or Entity(slug(words), kind, type_, words, False)
        g.add(entity)
        take(a, b, entity, 0.6)
    for m in re.finditer(r"(?<![\w-])[A-Z]{2,}(?:-[A-Z]{2,})?(?![\w/-])", text):
        # a name in capitals that no one spelled out and spaCy missed: an organisation ("AUSSOM", "SPLM-IO")
        words = m.group()
        if len(words.replace("-", "")) >= 3 and free(m.start(), m.end()) and words not in PLATFORMS and \
                not text[max(0, m.start() - 1):m.start()] in "“\"" and m.group() not in acronyms:
            entity = g.lookup(words) or Entity(slug(words), "actor", "actor", words, False)
            g.add(entity)
            take(m.start(), m.end(), g.entities[entity.id], 0.5)
    names = {re.sub(r"^The |['’]s$", "", m.group(k)) for m in PLACE_CUES.finditer(text) for k in "abcde" if m.group(k)}
    for name in sorted((n for n in names if norm(n) in placed), key=len, reverse=True):
        # "Ethiopia's Amhara region", "the town of Mirebalais", "at Merdare": a place, even where spaCy missed it
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if free(m.start(), m.end()):
                entity = g.lookup(name) or Entity(slug(name), "place", "place", name, False)
                g.add(entity)
                take(m.start(), m.end(), g.entities[entity.id], 0.6)
    for acronym, entity in acronyms.items():  # the acronym alone, later
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if free(m.start(), m.end()):
                take(m.start(), m.end(), entity, 0.7)
    for m in PROPER.finditer(text):
        # a name spaCy missed that speaks ("Human Rights Watch said"): an organisation
        a = m.start() + (4 if m.group().startswith("The ") else 0)
        span = doc.char_span(a, m.end())
        if span is not None and free(a, m.end()) and span[-1].text in ORG_NAMES and \
                span.root.dep_ == "nsubj" and span.root.head.lemma_ in SPEAKING:
            entity = g.lookup(span.text) or Entity(slug(span.text), "actor", "actor", span.text, False)
            g.add(entity)
            take(a, m.end(), g.entities[entity.id], 0.5)
    _bodies(doc, g, found, free, take, named=False)
    # 2b. a name after a rank that spaCy missed ("Colonel Ana Ruiz"), and the surnames of people named before
    for m in re.finditer(rf"\b{RANKS.pattern}(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})", text):
        a, b = m.start("name"), m.end("name")
        words = re.sub(r"['’]s$", "", m.group("name"))
        b = a + len(words)
        if free(a, b) and len(words.split()) >= 2:
            entity = g.lookup(words) or Entity(slug(words), "actor", "person", words, False)
            g.add(entity)
            persons[words.split()[-1]] = g.entities[entity.id]
            take(a, b, g.entities[entity.id], 0.6)
    if persons:
        for m in re.finditer(rf"\b({'|'.join(re.escape(n) for n in persons)})\b", text):
            if free(m.start(), m.end()) and any(x.start < m.start() and x.id == persons[m.group(1)].id for x in found):
                take(m.start(), m.end(), persons[m.group(1)], 0.6)
    # a name spaCy did not see, given where the article names a body: "gunmen who call themselves the Grand
    # Ravine gang", "a local rights group, the Mayo-Sava Human Rights Collective,"
    for m in SELF_NAMED.finditer(text):
        group = "name" if m.group("name") else "name2"
        a, b = m.span(group)
        inner = [x for x in found if a <= x.start and x.end <= b]
        if not any(x.start < b and a < x.end for x in found if x not in inner):
            drop(inner)  # the whole name, over the names it holds ("the Mayo-Sava Human Rights Collective")
            entity = g.lookup(m.group(group)) or Entity(slug(m.group(group)), "actor", "actor", m.group(group), False)
            g.add(entity)
            take(a, b, g.entities[entity.id], 0.5)
    # a new name again, where spaCy did not see it the second time ("Amhara", "Fano")
    again = {m.text: g.entities[m.id] for m in found if not m.known and g.entities[m.id].type != "person"}
    if again:
        for m in re.finditer(rf"(?<![\w-])({'|'.join(re.escape(n) for n in sorted(again, key=len, reverse=True))})"
                             rf"(?![\w-])", text):
            if free(m.start(), m.end()):
                take(m.start(), m.end(), again[m.group(1)], 0.55)
    # 3. institutions after a state ("Sudan's army", "the Afghan government"), then alone
    last_of: dict[str, Entity] = {}
    inst = "|".join(sorted(INSTITUTIONS, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w-])({inst})(?![\w-])", text, re.IGNORECASE):
        a, b = m.start(), m.end()
        word = m.group(1).lower()
        if not free(a, b) or not (m.group(1).islower() or m.group(1).istitle()):
            continue
        span = span_of(a, b)
        after = span[-1].nbor() if span is not None and span[-1].i + 1 < len(doc) else None
        if after is not None and after.ent_type_ in NAMED and after.is_title and (after.ent_iob_ == "B" or any(
                x.start == after.idx and g.entities[x.id].kind == "actor" for x in found)):
            continue  # "Tajikistan's state news agency Khovar": the name after the words is who they describe
        if span is not None and span[-1].dep_ in ("amod", "compound") and span[-1].head.i > span[-1].i:
            continue  # an adjective: "military positions"
        owner = None  # the state just before it: "Sudan's army", "the Afghan government"
        prev = next((x for x in found if x.end <= a and text[x.end:a].strip() in ("’s", "'s", "")), None)
        # the nouns that make it one body: "Haiti's civil protection agency"; not "Syria's interim government"
        mods = ""
        if prev is None:
            prev = next((x for x in found if x.end <= a and re.fullmatch(r"['’]s(?: [a-z]+){1,3} ", text[x.end:a])
                         and _modifiers(span_of(x.end + 3, a - 1))), None)
            if prev is not None and any(t.pos_ == "NOUN" for t in span_of(prev.end + 3, a - 1)) and \
                    free(prev.end + 3, a):
                mods = text[prev.end + 3:a - 1]
                a = prev.end + 3
        run = re.search(r"\b([A-Z][\w'’]+)-(run|controlled|led)\s+$", text[max(0, a - 40):a])
        ruler = next((e for n in ((run.group(1), run.group(1) + "s") if run else ())
                      if (e := g.lookup(n)) is not None and e.kind == "actor" and
                      e.type not in ("state", "person", "analyst", "government")), None)
        if ruler is not None and word not in STATE_ONLY:
            # "the Houthi-run health ministry", "the Hamas-run government": a body of the group that runs it, not
            # the body of that kind named before for a state (the group is named before, "the Houthis")
            name = f"{run.group(1)}-{run.group(2)} {word}"
            entity = g.lookup(name) or Entity(slug(name), "actor", INSTITUTIONS[word], name, False, ruler.id)
            g.add(entity)
            last_of[word.split()[-1]] = g.entities[entity.id]
            take(a, b, g.entities[entity.id], 0.55)
            continue
        of = re.match(r" of (?:the )?", text[b:b + 9])
        of_state = next((x for x in found if of and x.start == b + of.end() and g.entities[x.id].type == "state"), None)
        if prev is None and of_state is not None:
            owner = g.entities[of_state.id]  # "the foreign ministry of the UAE": the UAE's
        elif prev is not None and (g.entities[prev.id].type == "state" or INSTITUTIONS[word] == "government" and
                                   g.entities[prev.id].kind == "actor" and
                                   g.entities[prev.id].type not in ("person", "analyst", "media-outlet")):
            owner = g.entities[prev.id]  # "Sudan's army"; "the NUG's human rights ministry": a body's own
            if owner.type == "government" and g.entities.get(owner.affiliated_with, owner).type == "state":
                owner = g.entities[owner.affiliated_with]  # "the government's communication service": the state's
        elif text[max(0, a - 6):a].lower() in (" its ", "\nits ") or text[max(0, a - 4):a] == "Its ":
            owner = _main_state(found, g, a)  # "Its foreign ministry said": the state named last
        elif prev is not None and not mods and g.entities[prev.id].kind == "place" and \
                re.fullmatch(r"['’]s ", text[prev.end:a]) and word != "government":
            # "the Kurdistan Region's interior ministry", "Kharkiv's police": a body of that region or city, of
            # its state; not the body of that kind named before for the state
            place = g.entities[prev.id]
            entity = g.lookup(f"{place.name} {word}") or Entity(
                f"{slug(place.name)}-{slug(word)}", "actor", INSTITUTIONS[word], f"{place.name} {word}", False,
                place.affiliated_with if place.affiliated_with in g.entities and
                g.entities[place.affiliated_with].kind == "actor" else None)
            g.add(entity)
            last_of[word.split()[-1]] = g.entities[entity.id]
            take(a, b, g.entities[entity.id], 0.55)
            continue
        if owner is not None:
            entity = next((e for e in g.entities.values() if e.kind == "actor" and e.affiliated_with == owner.id
                           and e.type == INSTITUTIONS[word] and word.split()[0] in norm(e.name)), None)
            if mods:
                entity = Entity(f"{owner.id}-{slug(mods + ' ' + word)}", "actor", INSTITUTIONS[word],
                                f"{owner.name} {mods} {word}", False, owner.id)
                g.add(entity)
                entity = g.entities[entity.id]
            if entity is None:
                entity = Entity(f"{owner.id}-{slug(word)}", "actor", INSTITUTIONS[word],
                                f"{owner.name} {word.title() if word != 'government' else 'government'}",
                                False, owner.id)
                if word == "government":
                    entity.name = f"Government of {owner.name}"
                g.add(entity)
            last_of[word.split()[-1]] = entity
            take(a, b, entity, 0.7)
        elif (known := (_named_with(found, g, word, a) if " " in word else None) or last_of.get(word.split()[-1])) \
                and (again := re.search(r"\bthe ((?:[a-z]+ ){0,3})$", text[max(0, a - 40):a], re.IGNORECASE)) and \
                set(again.group(1).split()) | set(word.split()) <= set(norm(known.name).split()) and \
                free(a - len(again.group(1)), b):
            # "the army", "the civil protection agency" again: the one named before; "the health ministry": the
            # one named with those words (the Gaza health ministry), not the foreign ministry named since; "the
            # foreign ministry" is not the defence ministry named before
            take(a - len(again.group(1)), b, known, 0.55)
        elif word == "government" and (own := next((x for x in found if x.end <= a and (g.entities[x.id].kind == "place" or
                                                    g.entities[x.id].type != "state" and not g.entities[x.id].known)
                                                    and re.fullmatch(r"(?:['’]s)? (?:state|provincial|regional|county|district) ",
                                                                     text[x.end:a])), None)) is not None:
            # "Khyber Pakhtunkhwa's provincial government", "the Borno state government": of the province named
            # just before (the type word with it, as "the provincial government")
            province = g.entities[own.id]
            if province.kind != "place":  # what has a provincial government is a province, whatever spaCy said
                province.kind, province.type = "place", "province"
                found[:] = [replace(x, kind="place") if x.id == province.id else x for x in found]
            local_word = re.sub(r"^['’]s", "", text[own.end:a]).strip()
            entity = Entity(f"{slug(province.name)}-government", "actor", "government",
                            f"{province.name} {local_word} government", False,
                            province.affiliated_with or getattr(_main_state(found, g, a), "id", None))
            g.add(entity)
            start = a - len(local_word) - 1 if text[own.end:own.end + 1] == " " else a
            take(start if free(start, a) else a, b, g.entities[entity.id], 0.5)
        elif word == "government" and (local := LOCAL.search(text[max(0, a - 20):a])) and \
                (province := _province_before(found, g, text, a)) is not None:
            # "the state government", "the provincial government": of the state or province named before
            owner = province.affiliated_with or getattr(_main_state(found, g, a), "id", None)
            entity = Entity(f"{slug(province.name)}-government", "actor", "government",
                            f"{province.name} {local.group(1).lower()} government", False, owner)
            g.add(entity)
            take(a, b, g.entities[entity.id], 0.5)
        elif word not in STATE_ONLY and (text[max(0, a - 4):a].lower() == "the " or _described(doc, text, a) or
                                   word == "police" and not BARE_NOT.search(text[max(0, a - 6):a])) \
                and (state := (article_state(found, g, a) if word == "government" else _main_state(found, g, a))) \
                is not None:
            # "the health ministry", "Police said", no state named with it: the article's state near here;
            # "the government" is the government of the state the article is about, not of the last one named
            entity = Entity(f"{state.id}-{slug(word)}", "actor", INSTITUTIONS[word],
                            f"Government of {state.name}" if word == "government" else f"{state.name} {word}",
                            False, state.id)
            g.add(entity)
            entity = g.entities[entity.id]
            last_of[word.split()[-1]] = entity
            take(a, b, entity, 0.5)
    # "the Russian-installed administration": a body of its own, set up by the state its demonym names
    installed: Entity | None = None
    for m in INSTALLED.finditer(text):
        a, b = m.start(3), m.end(3)
        state_name = g.demonyms.get(norm(m.group(1))) if m.group(1) else None
        if installed is not None and m.group(1) is None and free(a, b):
            take(a, b, installed, 0.5)  # "The administration said": the one named before
        elif state_name is not None and free(a, b):
            name = f"{m.group(1)}-{m.group(2)} {m.group(3).lower()}"
            installed = g.lookup(name) or Entity(slug(name), "actor", "government", name, False,
                                                 g.state(state_name).id)
            g.add(installed)
            installed = g.entities[installed.id]
            take(a, b, installed, 0.55)
    # 4. an office named with its holder ("Defence Minister Khawaja Asif", "Mujahid, the government spokesman")
    people = [m for m in found if g.entities[m.id].type in ("person", "analyst")]
    for om in OFFICE.finditer(text):
        a, b = om.start(), om.end()
        beside = any(0 <= p.start - b <= 30 and re.fullmatch(r"[,\s]*(?:[A-Z][\w.-]* ){0,3}", text[b:p.start])
                     for p in people) or \
            any(0 <= a - p.end <= 12 and re.fullmatch(r",\s*(?:the\s+|an?\s+)?(?:\w+['’]s\s+|\w+\s+){0,2}", text[p.end:a])
                for p in people)
        if not beside or not free(a, b):
            continue
        owner = next((x for x in found if x.end <= a and text[x.end:a].strip() in ("’s", "'s", "")
                      and g.entities[x.id].kind == "actor" and g.entities[x.id].type not in ("person", "analyst")), None)
        body = re.match(rf"(?:{inst})\s", om.group().lower())
        if owner is None and body and body.group().split()[-1] in last_of:
            owner = last_of[body.group().split()[-1]]  # "the army spokesman": of the army named before
        take(a, b, office_post(g, om.group(), owner.id if owner else None), 0.6)
    found.sort(key=lambda x: x.start)
    return found


GAVE_NAME = re.compile(r"\b(?:gave|giving|gives) (?:his|her) name (?:only )?as ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")
UN_BODY = re.compile(r"(?<![\w-])(?:UN|United Nations)(?: [a-z][a-z’'-]*){1,3} (?:office|agency|(?<=monitoring )mission)(?![\w-])")
OFFICE_BODY = re.compile(r"(?<![\w-])[Oo]ffice of the (?:(?:UN|United Nations|[A-Z][a-z]+) )?(?:[a-z]+ ){0,2}(?:envoy|"
                         r"representative|high commissioner|secretary[- ]general|ombudsman)"
                         r"(?: (?:for|to|on) (?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*(?: region)?)?(?![\w-])")
BARE_NOT = re.compile(r"\b(?:a|an|its|their|his|her)\s+$", re.IGNORECASE)  # "Police said", not "a police …"


NAMED_AFTER = re.compile(r"(?<=\bthe )([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+) (front|brigade|battalion|column|bloc)\b")
NAME = r"[A-Z][\w’'-]*(?: (?:(?:of|for|and|the) )*[A-Z][\w’'-]*)*"
SELF_NAMED = re.compile(rf"\b(?:who|which) call(?:s|ed)? (?:themselves|itself) (?:the )?(?P<name>{NAME})"
                        rf"|\b[Aa]n? (?:[a-z-]+ ){{0,3}}(?:group|organi[sz]ation|charity|monitor|network|coalition|"
                        rf"alliance|collective|association|committee), the (?P<name2>{NAME}),")
LOCAL = re.compile(r"\bthe (state|provincial|regional|district|county) $", re.IGNORECASE)
INSTALLED = re.compile(r"(?<![\w-])(?:([A-Z][a-z]+)-(installed|appointed|imposed)\s+|(?<=the ))"
                       r"(administration|authorities)\b", re.IGNORECASE)


def _named_with(found: list[Mention], g: Gazetteer, words: str, pos: int) -> Entity | None:
    """The last actor named before ``pos`` whose name has ``words`` ("Gaza health ministry" for "health
    ministry")."""
    named = [m for m in found if m.end <= pos and g.entities[m.id].kind == "actor" and
             re.search(rf"\b{re.escape(words)}\b", norm(g.entities[m.id].name))]
    return g.entities[max(named, key=lambda m: m.start).id] if named else None


def _province_before(found: list[Mention], g: Gazetteer, text: str, pos: int) -> Entity | None:
    """The last province, state or region of a country named before ``pos`` ("Nigeria's Borno state")."""
    for m in reversed([m for m in found if m.end <= pos and g.entities[m.id].kind == "place"]):
        e = g.entities[m.id]
        if e.type in ("province", "region") or re.match(r" (?:state|province|region)\b", text[m.end:m.end + 10]):
            return e
    return None


def _described(doc, text: str, a: int) -> bool:
    """Whether "the" and words that only describe it come before ``a`` ("the internationally recognised
    government", "the army-aligned government")."""
    m = re.search(r"\bthe ((?:[a-z]+(?:-[a-z]+)* ){1,2})$", text[max(0, a - 50):a], re.IGNORECASE)
    span = doc.char_span(a - len(m.group(1)), a - 1, alignment_mode="expand") if m else None
    return span is not None and all(t.pos_ in ("ADJ", "ADV") or t.tag_ == "VBN" or t.is_punct for t in span)


def _modifiers(span) -> bool:
    """Whether the words between a state's name and an institution word only describe it (no verb)."""
    return span is not None and all(t.pos_ in ("ADJ", "NOUN", "PROPN") for t in span)


def _named_by(name: str, acronym: str) -> str:
    """The words of ``name`` its acronym stands for: from the first capitalised word whose initials
    (all words', or the capitalised ones') spell it ("Fighters of the Islamic State West Africa
    Province" → "Islamic State West Africa Province" for ISWAP), else the name without "The"."""
    words = name.split()
    for i, w in enumerate(words):
        rest = words[i:]
        if w[0].isupper() and acronym.upper() in ("".join(x[0] for x in rest).upper(),
                                                  "".join(x[0] for x in rest if x[0].isupper())):
            return " ".join(rest)
    return re.sub(r"^The ", "", name)



def _bodies(doc, g: Gazetteer, found: list, free, take, named: bool) -> None:
    """A body the article does not name that speaks: "the provincial hospital said", "The Radaa force, which
    …, said". With ``named``, those with a name before the noun ("Radaa force"), before spaCy's names are
    taken; else the one named before with that word, or a new actor named by the words before the noun."""
    for tok in doc:
        if tok.lower_ not in BODIES or not _speaks(tok, SPEAKING | {"give", "put"}):
            continue
        # "the ombudsman's office", "Ukraine's prosecutor general's office": an office is named by its owner's post
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
        if owner is None and (tok.lower_ == "office" or
                              not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        if owner is not None:
            mods = [t for t in owner.subtree if t.pos_ == "NOUN" or t.dep_ == "case" and t.head.pos_ == "NOUN"]
        start = min((c.i for c in mods if c.pos_ == "PROPN"), default=tok.i)
        first = min((c.i for c in mods), default=tok.i)
        a, b = doc[start if owner is None else first].idx, tok.idx + len(tok.text)
        if named != (start < tok.i) or not free(a, b):
            continue
        # the one named before with that word; "the envoy's office": the office of the envoy named before
        before = [x for x in found if x.end <= a and g.entities[x.id].kind == "actor" and
                  (norm(g.entities[x.id].name).endswith(tok.lower_) or owner is not None and
                   norm(g.entities[x.id].name).startswith(f"{tok.lower_} of ") and
                   owner.lower_ in norm(g.entities[x.id].name).split())]
        name = doc[first:tok.i + 1].text
        entity = g.entities[before[-1].id] if before and not named else \
            g.lookup(name) or Entity(slug(name), "actor", "actor", name, False)
        g.add(entity)
        take(a, b, g.entities[entity.id], 0.5)

def _speaks(tok, verbs=SPEAKING) -> bool:
    """Whether the body ``tok`` names speaks: the subject of a speech verb ("the hospital said"), or
    what the subject works at or for ("a doctor at the regional hospital said", "medics at … Hospital")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("at", "of", "from") and tok.head.head.dep_ == "nsubj":
        tok = tok.head.head
    return tok.dep_ == "nsubj" and tok.head.lemma_ in verbs


def _main_state(found: list[Mention], g: Gazetteer, pos: int) -> Entity | None:
    """The state an article is about near ``pos``: the last one named before it (None before any)."""
    before = [m for m in found if g.entities[m.id].type == "state" and m.end <= pos]
    return g.entities[max(before, key=lambda m: m.end).id] if before else None


def government_of(g: Gazetteer, state: Entity) -> Entity:
    """The government of ``state``: the one the drafter knows ("Government of X" or "X government", of that
    state), else a new one."""
    known = next((e for e in g.entities.values() if e.type == "government" and e.affiliated_with == state.id
                  and norm(e.name) in (norm(f"Government of {state.name}"), norm(f"{state.name} government"))), None)
    if known is None:
        known = Entity(f"{state.id}-government", "actor", "government", f"Government of {state.name}", False, state.id)
        g.add(known)
    return known


def article_state(found: list[Mention], g: Gazetteer, pos: int) -> Entity | None:
    """The state the article is about, as far as ``pos``: the one named most often before it (the first
    named of those), not merely the last one ("Uganda's army said …. The government said" is still
    South Sudan's when South Sudan is the state named most)."""
    counts: dict[str, list] = {}
    for m in found:
        if m.end <= pos and g.entities[m.id].type == "state":
            counts.setdefault(m.id, [0, -m.start])[0] += 1
    return g.entities[max(counts, key=lambda i: counts[i])] if counts else None


def proposed(g: Gazetteer, mentions: list[Mention]) -> list[Entity]:
    """The entities the mentions use that the store and the reference data do not define (new ones,
    and those only the alias table knows), in order of first mention."""
    seen, out = set(), []
    for m in mentions:
        e = g.entities[m.id]
        if not e.stored and e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


def office_post(g: Gazetteer, office_words: str, owner: str | None) -> Entity:
    """The post an office names: the store's, else a proposed one of the owner's."""
    words = norm(office_words)
    for e in g.entities.values():
        if e.type == "post" and words in norm(e.name) and e.affiliated_with == owner:
            return e
    prefix = f"{owner}-" if owner else ""
    ident = slug(office_words)
    if owner and ident.startswith(owner.rsplit("-", 1)[-1] + "-"):
        ident = ident.split("-", 1)[1]  # the army's "army spokesman": somalia-army-spokesman
    name = office_words[0].upper() + office_words[1:]
    if owner and owner in g.entities:
        name = f"{name} ({g.entities[owner].name})"
    post = Entity(f"{prefix}{ident}", "actor", "post", name, False, owner)
    g.add(post)
    return g.entities[post.id]
