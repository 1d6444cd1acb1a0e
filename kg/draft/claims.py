"""Casualty figures as claims, and the statements that reject them or decline to confirm them.

A claim is a number (or a vague "many", "dozens"; "a dozen" is 12, "two dozen" 24; "a" or "an"
before a person lost, "a peacekeeper was killed", is 1) tied to a measure. The measure comes first
from the parse of the number's clause: the object of "killed", "abducted", "took … prisoner", the
subject of "were wounded", "died", "are missing", "lost their lives", "the dead included N", "N were
among those captured", "the toll has climbed to N", "the killing of N"; a number that counts the
attackers ("three gunmen killed …") or things ("four tanks", "500 prisoners" to be exchanged, "one of
its channels") is no casualty, and tanks, jets and drones destroyed or downed are material losses.
When the parse says nothing, the measure word just before the number ("killing at least 22") or the
first one after it in its clause ("12 Pakistani soldiers were killed") is taken. The qualifier is
read from the words before the number ("at least", "more than", "about", "up to"; "another 22" is
exactly 22, a separate group), the group is the noun phrase the number counts ("Pakistani
soldiers"; "27 others" takes the group before it), the category comes from the group's head noun,
and whose losses from a state, demonym or actor named in the group (civilians: the state where the
place named in the sentence lies). The claimant is the subject of the speech verb the figure's
clause hangs on ("While the army said …, the RSF said it had killed 20": the RSF), else whoever
the sentence attributes it to ("…, the army said", "according to …", "he said"; "it" and "the
group" are the body last named as a subject; unnamed "officials" speak for the state the sentence
names), else the publisher: the article's own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import HELD_IN, Gazetteer, article_state, government_of, norm
from .model import Mention
from .quotes import RELATION, Quote, Speakers

MEASURES = {"kill": "killed", "killed": "killed", "dead": "killed", "die": "killed", "died": "killed",
            "death": "killed", "deaths": "killed", "toll": "killed", "wound": "wounded", "wounded": "wounded",
            "injure": "wounded", "injured": "wounded", "hurt": "wounded", "capture": "captured",
            "captured": "captured", "killing": "killed", "killings": "killed", "abduct": "captured",
            "abducted": "captured", "lose": "killed", "lost": "killed", "arrest": "captured", "arrested": "captured", "detain": "captured",
            "detained": "captured", "prisoner": "captured", "prisoners": "captured", "missing": "missing-in-action",
            "unaccounted": "missing-in-action"}
NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90})
VAGUE = {"many": "many", "several": "several", "handful": "several", "dozens": "many", "scores": "many", "hundreds": "many",
         "thousands": "many", "numerous": "many"}
QUALIFIERS = [("no more than", "at-most"), ("no fewer than", "at-least"), ("at least", "at-least"), ("more than", "more-than"), ("over", "more-than"), ("at most", "at-most"),
              ("up to", "at-most"), ("about", "approximately"), ("around", "approximately"),
              ("nearly", "approximately"), ("some", "approximately"), ("approximately", "approximately"),
              ("roughly", "approximately"), ("almost", "approximately"), ("another", "exactly"),
              ("fewer than", "at-most"), ("less than", "at-most"),  # the format has no "less than"
              ("as many as", "at-most")]
CIVILIAN = {"civilian", "civilians", "child", "children", "woman", "women", "resident", "residents", "villager",
            "villagers", "worshipper", "worshippers", "passenger", "passengers", "journalist", "journalists",
            "student", "students", "patient", "patients", "shopper", "shoppers", "farmer", "farmers", "girl", "girls",
            "boy", "boys", "baby", "babies", "pupil", "pupils", "teacher", "teachers", "mourner", "mourners",
            "merchant", "merchants", "trader", "traders", "herder", "herders", "citizen", "citizens"}
MILITARY = {"soldier", "soldiers", "troop", "troops", "fighter", "fighters", "militant", "militants", "member",
            "members", "militiaman", "militiamen", "police", "policeman", "policemen", "officer", "officers",
            "personnel", "guard", "guards", "terrorist", "terrorists", "combatant", "combatants", "insurgent",
            "insurgents", "rebel", "rebels", "forces", "servicemen", "peacekeeper", "peacekeepers", "gunmen", "militia",
            "militias", "army", "mercenary", "mercenaries"}
# verbs whose object, or passive subject, is the people lost ("killed 12 soldiers", "23 were murdered")
LOSS_VERBS = {"kill": "killed", "murder": "killed", "execute": "killed", "massacre": "killed", "slay": "killed",
              "behead": "killed", "martyr": "killed", "eliminate": "killed",  # "eliminated 12 terrorists": killed
              "lose": "killed", "wound": "wounded", "injure": "wounded",
              "hurt": "wounded", "maim": "wounded", "treat": "wounded", "capture": "captured", "abduct": "captured",
              "kidnap": "captured", "arrest": "captured", "detain": "captured", "seize": "captured"}
MORGUES = {"hospital", "morgue", "mortuary", "clinic"}  # where bodies received were brought in
SWAPS = {"exchange", "swap", "handover"}  # "an exchange of 400 prisoners" is no claim ("the release of its 20 imprisoned fighters" is)
DYING = {"die": "killed", "perish": "killed"}  # their subject is the people lost
# bodies found or brought in are people killed ("recovered the bodies of seven", "the bodies of 13 soldiers were
# brought to the health centre"); bodies handed over or brought back home are a repatriation, no claim
BODY_FOUND = {"count", "recover", "find", "retrieve", "pull", "collect", "bury", "see", "identify", "discover", "bring"}
BODY_GIVEN = {"return", "repatriate", "exchange", "hand", "release", "swap", "transfer", "receive"}
# nouns that name the people lost: "the dead included 52", "among the wounded", "the killing of 18"
LOSS_NOUNS = {"dead": "killed", "death": "killed", "fatality": "killed", "killing": "killed", "murder": "killed",
              "killed": "killed", "wounded": "wounded", "wound": "wounded", "injured": "wounded", "injury": "wounded",
              "missing": "missing-in-action", "abduction": "captured", "kidnapping": "captured",
              "detention": "captured", "captured": "captured", "abducted": "captured",
              "loss": "killed"}  # "acknowledged the loss of nine soldiers": their deaths
CAPTIVE = {"prisoner", "prisoners", "hostage", "hostages", "captive", "captives"}  # "took 14 soldiers prisoner"
# people set free are no one's loss ("freed 34 hostages", "rescued six of the fishermen", "returned from captivity")
RELEASE = {"free", "release", "rescue", "liberate", "return", "exchange", "swap", "repatriate", "evacuate"}
NEUTRALISE = {"neutralise", "neutralize"}  # neither killed nor captured: no claim
# captives exchanged, handed over or carried home are no one's loss ("flew 124 government prisoners to Aden")
MOVED = {"exchange", "swap", "release", "free", "return", "hand", "fly", "transfer", "transport", "bring", "carry"}
HELD = {"captive": "captured", "hostage": "captured", "imprisoned": "captured", "jailed": "captured",
        "detained": "captured", "kidnapped": "captured", "abducted": "captured"}  # "15 imprisoned brothers", "remain captive"
# who may be held: "holding 14 soldiers", "its 11 crew members", "the other five", "seven others"
HOLDABLE = {"crew", "sailor", "seafarer", "fisherman", "detainee", "people", "worker", "employee", "person",
            "national", "compatriot", "brother", "citizen", "hostage", "captive", "prisoner", "other"}
TOLLS = {"toll", "number", "count", "tally", "total", "figure"}  # "the toll rose to 31", "the number of dead at 21"
# things counted that are not people: materiel lost is a claim of its own measure, the rest no claim
MATERIEL = {"tank": "vehicles-destroyed", "vehicle": "vehicles-destroyed", "truck": "vehicles-destroyed",
            "apc": "vehicles-destroyed", "jet": "aircraft-lost", "aircraft": "aircraft-lost",
            "warplane": "aircraft-lost", "plane": "aircraft-lost", "helicopter": "aircraft-lost",
            "drone": "drones-downed", "uav": "drones-downed", "launcher": "equipment-destroyed",
            "radar": "equipment-destroyed", "howitzer": "equipment-destroyed"}
DESTROY = {"destroy", "down", "shoot", "intercept", "lose", "disable"}
THINGS = {"rocket", "missile", "shell", "bomb", "round", "mine", "town", "village", "city", "base", "position",
          "post", "checkpoint", "house", "home", "building", "shelter", "school", "channel", "statement", "km",
          "kilometre", "kilometer", "mile", "day", "week", "month", "year", "hour", "minute", "time", "stock",
          "weapon", "rifle", "mosque", "church", "hospital", "camp", "district", "hectare", "tonne", "ton",
          "kilogram", "kg", "litre", "barrel", "sack", "head", "cattle", "goat", "cow", "camel", "firearm", "gun",
          "arm", "ammunition", "grenade", "explosive", "round",
          "family", "household"}  # "members of two families": families are counted, not the people lost
# who a figure of one may be ("a peacekeeper was killed", "killed a woman"): people, singular
PERSON = {"man", "woman", "boy", "girl", "child", "baby", "person", "civilian", "resident", "villager", "farmer",
          "herder", "trader", "merchant", "shopkeeper", "driver", "worker", "doctor", "nurse", "medic", "teacher",
          "pupil", "student", "journalist", "reporter", "photographer", "priest", "imam", "monk", "pastor",
          "worshipper", "passenger", "tourist", "volunteer", "soldier", "officer", "policeman", "policewoman",
          "guard", "commander", "general", "colonel", "major", "captain", "lieutenant", "sergeant", "pilot",
          "fighter", "militant", "militiaman", "rebel", "insurgent", "recruit", "conscript", "peacekeeper",
          "gunman", "attacker", "bomber", "leader", "official", "mayor", "chief", "elder", "activist", "diplomat",
          "engineer", "contractor", "paramedic", "rescuer", "firefighter", "hostage", "prisoner", "mourner",
          "patient", "member", "youth", "vigilante", "mercenary", "supporter",
          "sailor", "seafarer", "fisherman", "crewman", "employee", "captive"}
GROUPISH = {"militant", "fighter", "rebel", "insurgent", "gunman", "group", "militia", "separatist", "jihadist"}
OFFICIALS = {"official", "authority", "source"}  # "officials said", no one named: the state the sentence names
RAISE = {"raise", "rise", "climb", "increase", "revise", "jump", "lift"}
RESTATE = RAISE | {"lower", "update"}  # "raised the toll to 22": who restates a toll gives it
NAMING = {"call", "name", "give", "identify", "introduce", "know"}  # "who gave his name as …" names the speaker
REFUSED = "refused"  # the figure is no claim of losses of people
CLAIM_VERBS = {"say", "tell", "report", "claim", "put", "give", "announce", "state", "add", "confirm", "accord",
               "acknowledge", "admit"}  # "China acknowledged four deaths": a claim of its own losses
REPORTS = {"report", "claim", "statement", "account"}  # "a report in X that 15 … had died": X's figure
# the verbs whose subject claims the figures of the clause under them ("the RSF said it had killed 20")
SPEECH_ABOVE = CLAIM_VERBS - {"accord"} | {"write", "post", "insist", "allege", "estimate", "count", "document",
                                          "record", "accuse"}
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
REJECT = re.compile(r"\b(reject(?:ed|s)?|dismiss(?:ed|es)?|den(?:ied|ies|y)|disput(?:ed|es)?|contest(?:ed|s)?)\b[^.]*?\b(claims?|figures?|toll|"
                    r"numbers?|reports?|accounts?|version)\b", re.IGNORECASE)
OFFICIAL_FIGURES = re.compile(r"(?:the )?(government|official) (?:figures|data|statistics|estimates|count|tally)",
                              re.IGNORECASE)
DOCUMENT = re.compile(r"(?:the|its|their|his|her|that|this)\s+(?:same\s+|latest\s+|\w+['’]s\s+)?"
                      r"(?:statement|report|figures?|count|tally|message|post|account)", re.IGNORECASE)
BULLET = re.compile(r"[ \t]*[-•*][ \t]")  # an item of a list
DECLINE = re.compile(r"\b(declin(?:ed|es)?) to (?:confirm|comment on|verify)\b", re.IGNORECASE)


@dataclass
class Claim:
    figure: int | None
    qualifier: str
    measure: str
    group: str
    category: str
    losses_of: list
    claimant: str
    spans: list
    sentence: int  # start of its sentence
    confidence: float
    quote: str | None = None
    id: str | None = None
    sentence_end: int = 0


@dataclass
class Stance:
    """A statement that rejects claims, or declines to confirm them."""

    kind: str  # "rejects" or "declines_to_confirm"
    speaker: str
    targets: list  # the Claims
    spans: list
    sentence: int
    confidence: float
    quote: str | None = None


def _number(tok) -> int | None:
    """The number a token writes, times the "dozen" or "hundred" after it ("two dozen": 24); "a dozen"
    is 12 and "half a dozen" 6 (counted at "dozen"); a multiplier after a number is counted with it."""
    doc = tok.doc
    text = tok.text.replace(",", "")
    if tok.lower_ in MULTIPLIERS:
        if tok.i > 0 and (doc[tok.i - 1].like_num or doc[tok.i - 1].lower_ in NUMBER_WORDS):
            return None  # "two dozen", "five hundred": counted at the number
        if tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "one"):
            half = tok.i > 1 and doc[tok.i - 2].lower_ == "half"
            return MULTIPLIERS[tok.lower_] // (2 if half else 1)  # "at least a dozen", "half a dozen"
        return None
    if text.isdigit():
        value = int(text)
    else:
        value = NUMBER_WORDS.get(tok.lower_)
        tens = _tens_before(tok)
        value = value + tens if value is not None and value < 10 and tens else value
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if value is not None and nxt is not None and nxt.lower_ in MULTIPLIERS:
        value *= MULTIPLIERS[nxt.lower_]
    return value


def _tens_before(tok) -> int | None:
    """The tens of a number written with a hyphen ("Twenty-two": the 20 before "two"), else None."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in TENS:
        return NUMBER_WORDS[doc[tok.i - 2].lower_]
    return None


def _first(tok) -> int:
    """The index of a number's first token ("Twenty" of "Twenty-two", "a" of "a dozen", "between" of
    "between 30 and 40")."""
    doc = tok.doc
    if tok.lower_ in MULTIPLIERS:
        return tok.i - (2 if tok.i > 1 and doc[tok.i - 2].lower_ == "half" else 1)
    if tok.i > 0 and doc[tok.i - 1].lower_ == "between":
        return tok.i - 1
    return tok.i - 2 if _tens_before(tok) else tok.i


def _range_end(tok) -> bool:
    """Whether the number closes a range ("40" of "between 30 and 40"), counted with its start."""
    doc = tok.doc
    return tok.i >= 3 and doc[tok.i - 1].lower_ in ("and", "to") and doc[tok.i - 3].lower_ == "between"


def _qualifier(doc, i: int) -> tuple[str, int]:
    """The qualifier before token i and the index of its first token."""
    if doc[i].lower_ == "between":
        return "at-least", i  # "between 30 and 40": the format has no range, its lower end is kept
    before = " ".join(t.lower_ for t in doc[max(0, i - 3):i])
    for words, q in QUALIFIERS:
        if before == words or before.endswith(" " + words):
            return q, i - len(words.split())
    return "exactly", i


def _toll_figure(tok) -> bool:
    """Whether a number the tagger took for a date is a toll's figure ("put the number of dead at 37")."""
    doc = tok.doc
    if tok.text.isdigit() and tok.i > 1 and doc[tok.i - 1].lower_ == "from" and doc[tok.i - 2].lower_ in ("up", "down"):
        return True  # "killed 55, the ministry said on Wednesday, up from 32 on Tuesday"
    return tok.text.isdigit() and int(tok.text) < 1000 and tok.i > 0 and doc[tok.i - 1].lower_ in ("at", "to") \
        and any(t.lower_ == "toll" or _measure_word(t) for t in doc[max(0, tok.i - 12):tok.i - 1])


def _measure_word(tok) -> str | None:
    if tok.dep_ == "compound":
        return None  # "prisoner exchanges", "death toll" name something else
    return MEASURES.get(tok.lower_) or (MEASURES.get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "NOUN") else None)


def _counted(tok):
    """The word whose place in the sentence is the figure's ("12 soldiers": soldiers; "14 of the attackers",
    "wounded 46": the number itself), and the word for what it counts ("attackers")."""
    doc = tok.doc
    if tok.dep_ != "nummod" and tok.i + 2 < len(doc) and _range_end(doc[tok.i + 2]):
        tok = doc[tok.i + 2]  # "between 30 and 40 bodies": the range's end may be what counts them
    anchor = tok.head if tok.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and \
        tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i else tok
    what = anchor
    of = tok.i + 2 if tok.i + 2 < len(doc) and doc[tok.i + 1].text in "”\"'’" else tok.i + 1  # "“dozens” of"
    if anchor is tok and of < len(doc) and doc[of].lower_ == "of":
        what = next((c for c in doc[of].children if c.dep_ == "pobj"), tok)
    elif anchor is tok and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in MULTIPLIERS:
        what = doc[tok.i + 1].head if doc[tok.i + 1].head.pos_ in ("NOUN", "PROPN") else tok
    return anchor, what


def _toll_measure(noun) -> str | None:
    """The measure a toll names: "the death toll" killed, "the number of wounded" wounded, "the number of
    rebels killed" killed; None for a number of anything else."""
    for t in noun.subtree:
        if t is noun:
            continue
        m = LOSS_NOUNS.get(t.lower_) or LOSS_NOUNS.get(t.lemma_.lower()) if t.pos_ in ("NOUN", "ADJ", "VERB") \
            and (t.dep_ in ("pobj", "compound", "amod") or t.dep_ == "acl" and t.lemma_.lower() in LOSS_VERBS) else None
        m = m or (LOSS_VERBS.get(t.lemma_.lower()) if t.dep_ == "acl" else None)
        if m:
            return m
    return "killed" if noun.lemma_.lower() == "toll" else None


def _loss_in_clause(tok, here):
    """(measure, the word that gives it) from the place of the figure in its clause, REFUSED when the
    figure counts no people lost (the attackers, tanks to no loss, places, days), None when the parse
    does not say."""
    anchor, what = _counted(tok)
    lemma = what.lemma_.lower()
    # climb to the verb of the clause, through the words the figure hangs on
    path, node = [anchor], anchor
    while node.pos_ not in ("VERB", "AUX") and node.head is not node and len(path) < 8:
        node = node.head
        path.append(node)
    verb = node if node.pos_ in ("VERB", "AUX") else None
    rel = path[-2].dep_ if verb is not None and len(path) > 1 else anchor.dep_
    if len(path) > 2 and path[-2].lower_ == "between" and path[-2].dep_ == "prep":
        rel = "dobj"  # "counted between 30 and 40 bodies": the range is the object
    vlemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in MATERIEL:
        destroyed = vlemma in DESTROY and rel in ("dobj", "nsubjpass", "conj")
        return (MATERIEL[lemma], verb) if destroyed else REFUSED
    if lemma in THINGS or (lemma in CAPTIVE and vlemma in MOVED):
        return REFUSED  # "500 prisoners" to exchange are no one's loss
    # "six of 11 workers they kidnapped", "the 12 soldiers who were killed": the clause that says what befell them
    told = next((c for c in what.children if c.dep_ == "relcl" and c.lemma_.lower() in LOSS_VERBS
                 and not any(x.dep_ == "dobj" for x in c.children)), None)
    doc = tok.doc
    part = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of"  # "six" of "six of 11": what the verb did
    whole = tok.i > 0 and doc[tok.i - 1].lower_ == "of"  # "11" of "released six of 11 … they kidnapped"
    if told is not None and not part and (anchor is not path[-2] or vlemma not in RELEASE or whole):
        return LOSS_VERBS[told.lemma_.lower()], told
    if verb is not None and rel in ("dobj", "nsubjpass") and (vlemma in NEUTRALISE or vlemma in RELEASE and
                                                              not _conditional(verb)):
        return REFUSED  # "neutralised 21 fighters", "freed 34 hostages"; not "until our 15 … are freed"
    held = next((c for c in what.children if c.dep_ == "amod" and c.lower_ in HELD), None) if what is not tok else None
    custody = next((o for c in (*what.children, *anchor.children) if c.dep_ == "prep" and c.lower_ == "in"
                    for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in HELD_IN), None)
    for a, b in zip(path, path[1:]):
        if a.dep_ == "pobj" and b.lower_ == "of" and b.head.lemma_.lower() == "body" and \
                _bodies_found(b.head.head) is not None:
            # "recovered the bodies of seven of the militants"
            return ("killed", b.head) if _bodies_found(b.head.head) else REFUSED
        if a.dep_ == "pobj" and b.lower_ == "of" and b.head.lemma_.lower() in LOSS_NOUNS and b.head.pos_ == "NOUN":
            return LOSS_NOUNS[b.head.lemma_.lower()], b.head  # "the killing of 18 civilians"
        if b.lower_ == "from" and b.head.lower_ in ("up", "down") and here:
            return here[-1].measure, b  # "…, up from an initial count of 38": the toll before
        if a.dep_ == "pobj" and b.lower_ == "of" and b.head.lemma_.lower() in TOLLS and here and \
                b.head.lemma_.lower() != "toll" and _toll_measure(b.head) is None:
            return here[-1].measure, b.head  # "…, raising an earlier figure of 22": the toll before
    if held is not None or custody is not None:
        return "captured", held if held is not None else custody
    if verb is None:
        return None
    children = list(verb.children)
    # "were killed"; "three were killed and nine wounded": a participle with no "had" and no object
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "dobj") and c.lemma_.lower() != "be" for c in children) or \
        verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children) and not any(
            c.dep_ in ("aux", "dobj") for c in children)  # "had been killed and several others wounded"
    # "the toll has climbed to 89", "put the number of dead at 21", "bringing the number of dead to 15"
    if len(path) > 1 and path[-2].lower_ in ("to", "at") and anchor.dep_ == "pobj":
        for t in (verb, *verb.ancestors):
            tolls = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in TOLLS]
            if t.dep_ == "acl" and t.lemma_.lower() in LOSS_VERBS and t.head.head.lower_ == "of":
                return LOSS_VERBS[t.lemma_.lower()], t  # "the number of rebels killed at 12"
            found = next((m for m in map(_toll_measure, tolls) if m), None)
            if found:
                return found, tolls[0]
            if t.pos_ == "VERB":
                break
    shot_dead = any(c.lower_ == "dead" for c in children) or verb.i + 1 < len(verb.doc) and verb.nbor().lower_ == "dead"
    if vlemma == "shoot" and shot_dead and rel in ("dobj", "nsubjpass", "nsubj"):
        return "killed", verb  # "shot dead two soldiers", "was shot dead"
    if vlemma in ("take", "hold") and rel in ("dobj", "nsubjpass", "nsubj") and \
            (lemma in CAPTIVE or any(c.lower_ in CAPTIVE for c in (*children, *what.children))):
        return "captured", verb  # "taking some 200 soldiers prisoner", "held hostage"
    if vlemma in ("hold", "keep") and rel in ("dobj", "nsubjpass") and _holdable(what, tok):
        return "captured", verb  # "is holding its 11 crew members", "still holding the other five"
    if vlemma == "treat" and any(c.dep_ == "advmod" and c.lower_ in ("well", "humanely", "badly", "fairly", "properly")
                                 for c in children):
        return REFUSED  # "have been treated well": how captives are kept, not wounds
    if lemma == "body" and rel in ("dobj", "nsubjpass"):
        # "counted 30 bodies", "bodies were recovered"; not bodies handed over or returned
        found = _bodies_found(verb)
        return ("killed", what) if found else (REFUSED if found is False else None)
    if lemma in ("life", "lives") and vlemma in ("claim", "take", "cost", "lose"):
        return "killed", verb  # "claimed more than 10,000 lives"
    if vlemma == "lose" and rel == "nsubj" and any(c.lemma_.lower() == "life" for c in children):
        return "killed", verb  # "nine people lost their lives"
    if vlemma in LOSS_VERBS and not _describes(verb):
        if rel == "nsubj" and not passive:
            return REFUSED  # "three gunmen killed …": who did it
        if rel in ("dobj", "nsubjpass", "oprd") or rel == "nsubj" and passive:
            return LOSS_VERBS[vlemma], verb
    if vlemma in ("remain", "stay") and rel == "nsubj" and lemma in CAPTIVE:
        return "captured", verb  # "at least 20 more hostages remain in the hands of the group"
    if verb.lower_ == "missing" and rel == "nsubj":
        return "missing-in-action", verb  # "are missing", taken for the verb "miss"
    if vlemma in DYING and rel == "nsubj":
        return DYING[vlemma], verb  # "nine soldiers died", "two of the wounded had died"
    if rel in ("nsubj", "attr", "dobj"):
        # "nine remain unaccounted for", "the dead included 52 …", "among the dead were 19 children",
        # "a brigadier general was among those captured"
        for c in children:
            word = c.lemma_.lower()
            if c.dep_ == "acomp" and c.lower_ in ("missing", "unaccounted", "dead", "wounded", "injured") and \
                    rel == "nsubj":
                return LOSS_NOUNS.get(c.lower_, "missing-in-action"), c
            if c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in HELD and rel == "nsubj" and \
                    vlemma in ("remain", "be", "stay"):
                return "captured", c  # "Nine remain captive"
            if c.dep_ == "prep" and c.lower_ == "in" and rel == "nsubj" and vlemma in ("be", "remain", "stay") and \
                    any(o.dep_ == "pobj" and o.lemma_.lower() in HELD_IN for o in c.children):
                return "captured", c  # "900 of our citizens are in foreign prisons"
            if c.dep_ in ("nsubj", "nsubjpass") and c is not path[-2] and word in LOSS_NOUNS and vlemma in ("include", "be"):
                return LOSS_NOUNS[word], c
            if c.dep_ == "prep" and c.lower_ == "among":
                for o in c.children:
                    acl = next((x for x in o.children if x.dep_ in ("acl", "amod") and
                                (x.lemma_.lower() in LOSS_VERBS or x.lower_ in LOSS_NOUNS)), None)
                    if o.lower_ in LOSS_NOUNS or o.lemma_.lower() in LOSS_NOUNS:
                        return LOSS_NOUNS.get(o.lower_) or LOSS_NOUNS[o.lemma_.lower()], o
                    if acl is not None:
                        return LOSS_VERBS.get(acl.lemma_.lower()) or LOSS_NOUNS[acl.lower_], acl
                    if o.lower_ == "them" and here:
                        return here[-1].measure, o  # "Among them were six children": part of the figure before
    return None


def _restated_once(claims: list[Claim], text: str, speaks_for: dict) -> list[Claim]:
    """The claims without those that say again, in the same paragraph, what the same claimant, or one who
    speaks for it, said just before ("police had confirmed eight deaths. “Eight bodies have been recovered
    …,” he said"; "The army said its troops had killed 17 …. “We recovered 17 bodies …,” the army's
    commander said"), of the same side's losses, or of no side named again (not "a senior commander of the
    group" and then "one Israeli soldier")."""
    out, seen = [], {}
    for c in claims:
        key = (text.rfind("\n", 0, c.sentence), speaks_for.get(c.claimant, c.claimant), c.measure, c.figure,
               c.qualifier)
        sides = seen.setdefault(key, set())
        if c.figure is None or not (tuple(c.losses_of) in sides or sides and not c.losses_of):
            out.append(c)
        sides.add(tuple(c.losses_of))
    return out


def _conditional(verb) -> bool:
    """Whether a verb tells what is to happen, not what did ("until our 15 brothers are freed",
    "will be released")."""
    return any(c.dep_ == "mark" and c.lower_ in ("until", "unless", "if", "before", "once") or
               c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "should", "must", "may") for c in verb.children)


def _holdable(what, tok) -> bool:
    """Whether what a figure counts are people who can be held: a person noun, a people's name ("6,000
    Ukrainians"), or the number alone ("holding the other 18")."""
    lemma = what.lemma_.lower()
    return what is tok or lemma in PERSON | HOLDABLE or what.lower_ in CIVILIAN | MILITARY or what.ent_type_ == "NORP"


def _bodies_found(verb) -> bool | None:
    """Whether bodies the verb takes are found or brought in (True), handed over or brought back home
    (False), or neither (None)."""
    lemma = verb.lemma_.lower()
    back = any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "home") for c in verb.children)
    if lemma == "receive" and any(t.lemma_.lower() in MORGUES for t in verb.sent) and \
            not any(t.lemma_.lower() in SWAPS | {"repatriation", "family", "families"} for t in verb.sent):
        return True  # "A nurse at the hospital said it had received 14 bodies": brought in, not handed over
    if lemma in BODY_GIVEN or lemma == "bring" and back:
        return False
    return True if lemma in BODY_FOUND else None


def _describes(verb) -> bool:
    """Whether a verb only describes the noun it hangs on ("soldiers captured by …"), not a clause of its
    own that the parser hung on a noun ("said in a statement that four fighters had been killed")."""
    return verb.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _unnamed_officials(noun) -> bool:
    """Whether a noun is officials no one names, nor whose ("officials", "a security source"; not "the
    army's officials")."""
    return noun.lemma_.lower() in OFFICIALS and not any(c.dep_ == "poss" for c in noun.children)


def _set_last(appos, subj) -> bool:
    """Whether a name in apposition closes the subject, between commas, though the parser hung it on a
    word of the subject's description ("A rights group based in Ouagadougou, the Collective Against
    Impunity, said": the collective, not Ouagadougou)."""
    doc = subj.doc
    end = subj.right_edge
    return end.text == "," and appos.right_edge.i + 1 == end.i and doc[appos.left_edge.i - 1].text == ","


OUTLETS = {"outlet", "mouthpiece", "agency", "channel"}  # a group's outlet speaks for it
OUTLET_KINDS = {"media", "propaganda", "news", "information"}  # "its media arm", not "its armed wing"


def _phrase(head) -> tuple[int, int]:
    """The characters of a subject without the clauses that describe it ("A doctor at the hospital, who
    asked not to be named,": "A doctor at the hospital"), but with those that name it ("The militants, who
    call themselves Islamic State Mozambique Province,")."""
    cut = min((t.left_edge.i for t in head.subtree if t.i > head.i and t.dep_ in ("relcl", "advcl", "acl")
               and t.lemma_.lower() not in NAMING), default=None)
    words = [t for t in head.subtree if cut is None or t.i < cut]
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    return words[0].idx, words[-1].idx + len(words[-1].text)


class ClaimFinder:
    def __init__(self, doc, mentions: list[Mention], g: Gazetteer, publisher: str | None, speakers: Speakers,
                 quotes: list[Quote]):
        self.doc, self.mentions, self.g, self.publisher, self.speakers = doc, mentions, g, publisher, speakers
        self.quotes = [q for q in quotes if q.speaker]  # a figure inside one is its speaker's, unless said otherwise
        self.text = doc.text  # once: Doc.text joins every token anew
        self.last_claimant: str | None = None
        self.last_subject: str | None = None  # the last body named as the subject of a sentence

    def claimant(self, sent) -> tuple[str | None, float]:
        """Whom the sentence attributes what it says to, and how sure that is."""
        m = re.search(r"\baccording to ([^,.;]+)(,(?!\s*(?:which|who|that|whose|where|when)\b)\s*[^,.;]+)?", sent.text,
                      re.IGNORECASE)
        if m:
            a = sent.start_char + m.start(1)
            if DOCUMENT.fullmatch(m.group(1).strip()) and self.last_claimant:
                return self.last_claimant, 0.6  # "According to the statement, …": whoever made it, named before
            official = OFFICIAL_FIGURES.fullmatch(m.group(1).strip())
            if official:  # "according to government figures", no government named before
                found = self._government(sent.start_char, official.group(1).lower() == "government")
                if found:
                    return found, 0.6
            # "according to a local priest, Father X": the name after the description, when it is one, not
            # the clause that follows ("According to X, 27 soldiers were killed when …")
            beside = self.doc.char_span(sent.start_char + m.start(2), sent.start_char + m.end(2),
                                        alignment_mode="expand") if m.group(2) else None
            if beside is not None and any(t.pos_ in ("VERB", "AUX") for t in beside):
                beside = None
            found = self.speakers.resolve(a, a + len(m.group(1)), a) or \
                (beside is not None and self.speakers.resolve(a, sent.start_char + m.end(2), a))
            if found:
                return found[0], 0.8
            said = self.doc.char_span(a, a + len(m.group(1)), alignment_mode="expand")
            if said is not None and _unnamed_officials(said.root):
                state = self._state_in(sent)  # "according to a security official in X, who asked not to be named"
                if state:
                    return state, 0.5
        return self._attributed(sent)

    def _government(self, pos: int, government: bool) -> str | None:
        """The state the article is about ("according to official figures"), or its government ("according
        to government figures"), no government named before."""
        state = article_state(self.mentions, self.g, pos)
        if state is None or not government:
            return state.id if state is not None else None
        return government_of(self.g, state).id

    def _attributed(self, sent) -> tuple[str | None, float]:
        """Whom the sentence's speech verb, or an attribution at its end, names."""
        text = sent.text
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in CLAIM_VERBS or tok.lemma_.lower() in RESTATE and
                                                any(c.dep_ == "dobj" and c.lemma_.lower() in TOLLS for c in tok.children)):
                # "Local health officials later raised the toll to at least 22": who raises a toll gives it
                found = self._subject(tok)
                if found:
                    return found
        # "…, the village's mayor, X, said.": a speaker the parser did not make the verb's subject
        m = re.search(r",\s+([^,]+(?:,\s+[^,]+)?),?\s+(?:said|added|told\b[^,]*)[.”\"]*\s*$", text)
        if m:
            a = sent.start_char + m.start(1)
            found = self.speakers.resolve(a, sent.start_char + m.end(1), a)
            if found:
                return found[0], 0.7
            if set(re.findall(r"[a-z]+", m.group(1).lower())) & {"official", "officials", "authorities"}:
                state = self._state_in(sent)  # "…, local officials said": the state
                if state:
                    return state, 0.5
        return None, 0.0

    def said_by(self, tok) -> tuple[str, float] | None:
        """The subject of the speech verb the figure's clause hangs on ("While the army said …, the RSF
        said it had killed 20": the RSF), when it names someone; of two, the outer one ("The commander, X,
        said police had confirmed eight deaths": X)."""
        said, reported = None, True  # reported: the speech found so far is reported by the verb above
        for verb in tok.ancestors:
            if said is not None and not reported:
                break
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_ABOVE:
                found = self._subject(verb)
                if found:
                    said = found  # "X said police had confirmed eight deaths": X's statement, the outer one
            elif verb.pos_ == "NOUN" and verb.lemma_.lower() in REPORTS:
                # "declined to confirm a report in the Delhi Ledger that as many as 15 … had died": the Ledger's
                source = next((o for c in verb.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in
                               ("in", "by", "from") for o in ([c] if c.dep_ == "poss" else c.children)
                               if o.dep_ in ("poss", "pobj")), None)
                found = self._who(source) if source is not None else None
                if found:
                    said = found, 0.6
            # not "While the army said …, the RSF said", nor "The army said …, but the ELN said" (its own clause)
            reported = verb.dep_ in ("ccomp", "xcomp") or verb.dep_ == "conj" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        return said

    def _subject(self, verb) -> tuple[str, float] | None:
        """Who the subject of ``verb`` names (or the subject of the verb it is joined to: "He rejected
        the figures and said …"); "it" and "they" are the body last named as a subject; unnamed
        officials speak for the state the sentence names."""
        head = verb
        # "…, accusing Ethiopian troops of killing 14 civilians": a participle's subject is its main verb's
        while (head.dep_ in ("conj", "xcomp", "acomp") or head.dep_ == "advcl" and head.tag_ == "VBG" and
               not any(c.dep_ == "mark" for c in head.children)) and head.head is not head and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            head = head.head
        # the subject nearest the verb first: "The blast, which …, wounded five officers, the service said"
        for subj in sorted((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: -c.i):
            if subj.lower_ in ("it", "they"):
                who = self._it(subj)
                return (who, 0.6) if who else None
            if DOCUMENT.fullmatch(self.text[slice(*_phrase(subj))]) and self.last_claimant:
                return self.last_claimant, 0.6  # "…, the statement said": whoever made it, named before
            found = self._who(subj)
            if found:
                return found, 0.8
            body = next((o for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "from")
                         for o in c.children if o.dep_ == "pobj"), None) if subj.pos_ == "NOUN" and \
                not _unnamed_officials(subj) else None
            found = self.speakers.resolve(*_phrase(body), body.idx) if body is not None else None
            if found and self.g.entities[found[0]].type not in ("person", "analyst", "state"):
                return found[0], 0.6  # "A member of the association, reached by telephone, said": the association
            if _unnamed_officials(subj):
                above = head.head if head.dep_ == "advcl" and head.head.lemma_.lower() in SPEECH_ABOVE and any(
                    c.dep_ == "mark" and c.lower_ in ("after", "before", "when", "since")
                    for c in head.children) else None
                named = self._subject(above) if above is not None else None
                if named:
                    return named  # "the government said on Sunday, after officials had put it at 11": its officials
                state = self._state_in(subj.sent)
                return (state, 0.5) if state else None
        return None

    def _who(self, subj) -> str | None:
        """Whom a subject names: the person it is ("Ravi Shankar Nayak, the inspector general of police"),
        else the name set beside it ("A Ukrainian brigade fighting in the area, the 65th Mechanised Brigade,",
        "The head of the Houthis' prisoner committee, Abdulqader Saleh,"), else a person it names, else its
        words without the clauses that describe it ("The Britain-based monitor, which relies on …")."""
        for outlet in [subj] + [c for c in subj.children if c.dep_ == "appos" and c.i > subj.i]:
            # "The group's media arm, az-Zallaqa, said", "az-Zallaqa, the group's propaganda arm, said": the group
            owner = self._outlet_of(outlet, subj.idx)
            if owner:
                return owner
        named = next((m.id for m in self.mentions if m.start <= subj.idx < m.end), None)
        if named is not None and self.g.entities[named].type in ("person", "analyst"):
            return named
        for appos in (c for c in subj.subtree if c.dep_ == "appos" and c.i > subj.i and
                      (c.head == subj or _set_last(c, subj)) and not re.fullmatch(RELATION, c.lower_)):
            # not "JNIM, an al-Qaeda affiliate, said": whom the subject is tied to, not who it is
            near = self.speakers.resolve(*_phrase(appos), appos.idx)
            if near:
                return near[0]
        words = list(subj.subtree)
        found = self.speakers.resolve(words[0].idx, words[-1].idx + len(words[-1].text), words[0].idx)
        if found and self.g.entities[found[0]].type in ("person", "analyst"):
            return found[0]
        found = self.speakers.resolve(*_phrase(subj), subj.idx)
        return found[0] if found else None

    def _outlet_of(self, noun, pos: int) -> str | None:
        """The armed group (or other body) whose outlet ``noun`` is ("the group's propaganda arm", "its media
        outlet", "the Islamic State's news agency"): a group's claim carried by its outlet is the group's. Not
        a state's or a government's news agency, which is a body of its own."""
        if not (noun.lemma_.lower() in OUTLETS or noun.lemma_.lower() == "arm" and
                any(c.lower_ in OUTLET_KINDS for c in noun.children if c.dep_ in ("amod", "compound"))):
            return None
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        if poss.lower_ in ("its", "their"):
            who = self._it(poss)
        else:
            found = self.speakers.resolve(poss.left_edge.idx, poss.idx + len(poss.text), pos)
            who = found[0] if found else None
        return who if who and self.g.entities[who].type in ("non-state-armed-group", "actor") else None

    def _it(self, pronoun) -> str | None:
        """The body "it" or "they" stands for: the subject before it of a verb its clause hangs on ("The
        mission blamed the group, which it said …", "The exchange came as Houthi officials accused the
        coalition of a strike that they said killed seven"), else the last body named as a subject."""
        for verb in pronoun.ancestors:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i
                         and c.lower_ not in ("it", "they")), None)
            found = self._who(subj) if subj is not None else None
            if found and self.g.entities[found].type not in ("person", "analyst"):
                return found
        return self.last_subject or self.last_claimant

    def _note_subject(self, sent) -> None:
        """Remember the body the sentence's main verb has for its subject, for an "it" further on."""
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("it", "they"):
            return
        found = self._who(subj)
        if found and self.g.entities[found].type not in ("person", "analyst"):
            self.last_subject = found

    def _described(self, sent):
        """The head noun of a speaker the sentence describes and does not name ("…, a local youth association
        said on Wednesday"; "Militants who have fought … said"), else None."""
        # "…, including seven women, a local youth association said": the parser may hang it on a noun before it
        m = re.search(r",\s+an?\s+(?:[a-z-]+\s+){0,3}([a-z]+)\s+(?:said|says|reported|told)\b", sent.text)
        if m and not any(sent.start_char + m.start() <= x.start < sent.start_char + m.end() for x in self.mentions) \
                and m.group(1) not in OFFICIALS and m.group(1).rstrip("s") not in OFFICIALS:
            return m.group(1)
        for tok in sent:
            if tok.lemma_.lower() in CLAIM_VERBS and tok.pos_ in ("VERB", "AUX"):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
                if subj is not None and subj.pos_ == "NOUN" and not _unnamed_officials(subj) and \
                        not DOCUMENT.fullmatch(self.text[slice(*_phrase(subj))]) and \
                        not any(c.dep_ in ("poss", "nummod", "det") and c.lower_ not in ("a", "an") for c in subj.children) and \
                        not any(subj.left_edge.idx <= m.start < subj.right_edge.idx + len(subj.right_edge)
                                for m in self.mentions):
                    return subj.lemma_.lower()
        return None

    def _named_next(self, sents, n: int) -> tuple[str, float] | None:
        """A speaker the sentence describes and the next sentence names as its subject: "…, a local youth
        association said. The Kel Seno Youth Association, which represents herders, said …"; "Militants …
        said they were holding 11 policemen. The Tehreek-e-Taliban Pakistan, as the group is known, …"."""
        head = self._described(sents[n])
        if head is None:
            return None
        for nxt in sents[n + 1:n + 3]:
            subj = next((t for t in nxt if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
            if subj is None:
                continue
            found = self._who(subj)
            if found is None or self.g.entities[found].type in ("person", "analyst", "state", "media-outlet"):
                continue
            words = norm(self.g.entities[found].name).split()
            if head in words or head.rstrip("s") in words or head in GROUPISH and \
                    self.g.entities[found].type in ("non-state-armed-group", "actor"):
                return found, 0.5
        return None

    def _declined(self, tok):
        """Whether the figure is in what a speaker declines to confirm ("declined to confirm the figure of 30
        soldiers killed that the RSF had given"): then whoever the words name as giving it, or None; else False
        (and False for "a report in X that …", which is X's)."""
        path = []
        for verb in tok.ancestors:
            if verb.lemma_.lower() in ("confirm", "verify", "comment") and verb.dep_ == "xcomp" and \
                    verb.head.lemma_.lower() in ("decline", "refuse"):
                for n in path:
                    rel = next((c for c in n.children if c.dep_ == "relcl"), None)
                    subj = next((c for c in rel.children if c.dep_ == "nsubj"), None) if rel is not None else None
                    found = self._who(subj) if subj is not None and subj.lower_ not in ("it", "they") else None
                    if found:
                        return found
                return None
            if verb.lemma_.lower() in REPORTS and verb.pos_ == "NOUN" or \
                    verb.pos_ == "VERB" and verb.lemma_.lower() in SPEECH_ABOVE:
                return False  # "…, saying only that “several” were unaccounted for": said, not declined
            path.append(verb)
        return False

    def _state_in(self, sent) -> str | None:
        """The state a sentence names, or the state of a place it names ("in northwest Pakistan"), else
        the state the article is about (named most before it)."""
        for m in self.mentions:
            if sent.start_char <= m.start < sent.end_char:
                e = self.g.entities[m.id]
                if e.type == "state":
                    return e.id
                parent = self.g.entities.get(e.affiliated_with or "")
                if e.kind == "place" and parent is not None and parent.type == "state":
                    return parent.id
        state = article_state(self.mentions, self.g, sent.start_char)
        return state.id if state is not None else None

    def find(self) -> tuple[list[Claim], list[Stance]]:
        claims: list[Claim] = []
        stances: list[Stance] = []
        quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"][^“”\"]*[”\"]", self.text)]
        previous = None  # (claimant, paragraph start) of the sentence before
        before: tuple[list, int] = ([], -2)  # the claims of the sentence before, and its paragraph
        text = self.text
        # the headline (and a dateline under it): lines with no sentence end before the first blank line
        headline = text.find("\n\n") if re.match(r"(?:[^\n]*[^.!?\"”\s]\n)+\n", text) else -1
        sents = list(self.doc.sents)
        intro = None  # the claimant of the last sentence that ended with a colon
        for n, sent in enumerate(sents):
            if sent.start_char < headline:
                continue  # a headline sums up figures the body gives
            who, sure = self.claimant(sent)
            bullet = BULLET.match(text, text.rfind("\n", 0, sent.start_char) + 1)
            if who is None and bullet and intro:
                who, sure = intro, 0.6  # an item of a list the sentence before introduced ("gave its figures:")
            if who is None and n + 1 < len(sents) and re.match(r"[,;]\s*[a-z]", sents[n + 1].text):
                who, sure = self.claimant(sents[n + 1])  # spaCy cut off the attribution: "…, the group said"
            if who is None:
                who, sure = self._named_next(sents, n) or (None, 0.0)
            paragraph = text.rfind("\n", 0, sent.start_char)
            if who is None and previous and previous[1] == paragraph and \
                    not any(e.label_ == "DATE" for e in sent.ents):
                who, sure = previous[0], 0.5  # a figure that goes on from the sentence before
            previous = None
            here: list[Claim] = []
            # the figures a figure may go on from: those before it in its sentence, else those of the sentence
            # before in its paragraph ("Nine people were killed. Among them were two children.")
            carried = before[0] if before[1] == paragraph else []
            for tok in sent:
                if tok.ent_type_ in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL") and \
                        not _toll_figure(tok):
                    continue
                if _range_end(tok):
                    continue
                if tok.lower_ in TENS and tok.i + 2 < sent.end and self.doc[tok.i + 1].text == "-" and \
                        NUMBER_WORDS.get(self.doc[tok.i + 2].lower_, 10) < 10:
                    continue  # "Twenty-two" is counted at "two"
                figure = _number(tok)
                vague = VAGUE.get(tok.lower_)
                if vague and [t.lower_ for t in self.doc[tok.i - 1:tok.i + 2]] == ["as", tok.lower_, "as"]:
                    continue  # "as many as 15": the qualifier of the number after it
                if tok.lower_ == "number" and tok.i > 0 and self.doc[tok.i - 1].lower_ == "a" and \
                        tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "of":
                    vague = "several"  # "a number of terrorists"
                one = figure is None and vague is None and tok.lower_ in ("a", "an") and tok.dep_ == "det" and \
                    tok.head.tag_ == "NN" and tok.head.lemma_.lower() in PERSON and \
                    not (tok.head.dep_ == "appos" and any(c.dep_ == "conj" for c in tok.head.children))
                # ("Two civilians, a farmer and his son, were killed": the two, named one by one)
                if one:
                    figure = 1  # "a peacekeeper was killed", "killed a woman": one person
                if figure is None and vague is None:
                    continue
                nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
                if figure is not None and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and \
                        any(m.start <= tok.idx < m.end for m in self.mentions):
                    continue  # a number in a name ("the 444 Brigade")
                if figure is not None and nxt is not None and nxt.lower_ in ("km", "kilometres", "miles", "%"):
                    continue
                if any(t.lower_ in ("not", "no", "single", "none") for t in self.doc[max(sent.start, tok.i - 3):tok.i]) \
                        and _qualifier(self.doc, tok.i)[0] not in ("at-most", "at-least"):  # "no more than six"
                    continue  # "not a single one of our fighters": no figure
                if tok.lower_ == "one" and tok.i > 0 and self.doc[tok.i - 1].lower_ in ("every", "each", "any", "no", "the"):
                    continue  # "every one of them", "a higher toll than the one given by …": no figure
                if tok.i > 0 and self.doc[tok.i - 1].lower_ == "aged" or \
                        re.match(r"[- ]years?[- ]old", text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 10]):
                    continue  # "a girl aged 12", "a 12-year-old": an age
                if vague and (here or carried) and ([t.lower_ for t in self.doc[tok.i + 1:tok.i + 3]] in (["of", "them"],
                                                                                           ["of", "whom"]) or
                                                  [t.lower_ for t in self.doc[tok.i + 1:tok.i + 3]] == ["of", "the"] and
                                                  tok.i + 3 < len(self.doc) and self.doc[tok.i + 3].lower_ in
                                                  ("wounded", "injured", "dead", "victims", "casualties")):
                    continue  # "61 wounded, many of them …", "several of the wounded were …": part of the figure before
                claim = self._claim(tok, figure, vague, sent, here or carried, one)
                if claim is None:
                    continue
                declined = self._declined(tok)
                if declined is None:
                    continue  # a figure one declines to confirm, no one named for it: not the decliner's claim
                by, by_sure = (declined, 0.5) if declined else self.said_by(tok) or (who, sure)
                inside = next((q for q in self.quotes if q.start <= tok.idx < q.end), None)
                if by is None and inside is not None:
                    by, by_sure = inside.speaker, inside.confidence  # a sentence of a quote attributed after it
                if by:
                    claim.claimant, claim.confidence = by, min(claim.confidence, by_sure + 0.1)
                    if not claim.losses_of and re.match(r"(its|their|our) ", claim.group):
                        claim.losses_of = [by]  # "20 of its soldiers": the claimant's own
                else:
                    claim.claimant, claim.confidence = self.publisher or "", min(claim.confidence, 0.5)
                qa = next(((a, b) for a, b in quoted if a <= tok.idx < b), None)
                if qa is not None and vague:
                    claim.quote = tok.text
                here.append(claim)
            claims.extend(here)
            before = (here, paragraph)
            previous = (who, paragraph) if who and here else None
            named = [c.claimant for c in here if c.claimant != self.publisher]
            if named or who:
                self.last_claimant = named[-1] if named else who
            self._note_subject(sent)
            if not bullet:
                intro = who if sent.text.rstrip().endswith(":") else None
            stances.extend(self._stances(sent, claims))
        speaks_for = {q.speaker: q.on_behalf_of for q in self.quotes if q.on_behalf_of}
        return _restated_once([c for c in claims if c.claimant], text, speaks_for), stances

    def _claim(self, tok, figure, vague, sent, here, one=False) -> Claim | None:
        """The claim of the figure at ``tok``; ``one``: "a" before a person, a figure only where the
        parse or the words just before give its measure."""
        doc, text = self.doc, self.text
        qualifier, first = _qualifier(doc, _first(tok))
        while first - 1 >= sent.start and doc[first - 1].text in "“\"'‘":  # killed “several terrorists”
            first -= 1
        if vague:
            qualifier, figure = vague, None
        measure, mspan = None, None
        found = _loss_in_clause(tok, here)
        if found == REFUSED:
            return None
        if found:
            measure, mspan = found
        # the measure verb just before ("killing at least 22", "killed 12"), or "the bodies of 23"
        if measure is None and first - 1 >= sent.start:
            prev = doc[first - 1]
            if _measure_word(prev) and prev.pos_ == "VERB":
                measure, mspan = _measure_word(prev), prev
            elif prev.lower_ == "dead" and first - 2 >= sent.start and doc[first - 2].lemma_.lower() == "shoot":
                measure, mspan = "killed", doc[first - 2]  # "shot dead at least 32 passengers"
            elif prev.lower_ == "of" and first - 2 >= sent.start and doc[first - 2].lower_ == "bodies" and \
                    any(t.lower_ in ("taken", "seized", "held", "kept") for t in doc[tok.i + 1:min(sent.end, tok.i + 6)]):
                measure, mspan = "bodies-taken", doc[first - 2]  # "the bodies of 23 of them taken to …"
            elif prev.lower_ in ("at", "to", "of") and (named := next(
                    (t for t in doc[max(sent.start, first - 5):first - 1] if t.lower_ == "toll" or _measure_word(t)),
                    None)) is not None:
                # "put the death toll at 14", "the number of wounded rose to 23"
                measure, mspan = ("killed" if named.lower_ == "toll" else _measure_word(named)), named
            elif here and (prev.lower_ == "to" and any(t.lemma_.lower() in RAISE for t in doc[max(sent.start, first - 4):first])
                           or prev.lower_ == "at" and (any(t.lower_ in ("and", "it") or t.lemma_.lower() in TOLLS
                                                           for t in doc[max(sent.start, first - 5):first])
                                                       or prev.head.head.lemma_.lower() in TOLLS)):
                # "put the toll at 14 before raising it to at least 22", "at 37, and by the evening at 52",
                # "has risen to 26, …, after officials had put it at 11", "held at least four soldiers; the ELN
                # put the number at 15", "holding 24 Israelis, a figure Israel's government put at 23": the toll before
                measure, mspan = here[-1].measure, prev
            elif here and prev.lower_ == "from" and first - 2 >= sent.start and doc[first - 2].lower_ in ("up", "down"):
                measure, mspan = here[-1].measure, prev  # "…, up from 32 on Tuesday": the toll before
            elif prev.lower_ == "including" or \
                    (prev.lower_ == "them" and first - 2 >= sent.start and doc[first - 2].lower_ == "among"):
                # a subset of the figure before ("including two children", "among them six civilians"), or of
                # people named by their loss ("holding the captured soldiers, among them a lieutenant")
                cut = first - (1 if prev.lower_ == "including" else 2)
                whole = doc[cut - 2] if cut - 2 >= sent.start and doc[cut - 1].text == "," and \
                    not any(c.dep_ == "nummod" for c in doc[cut - 2].children) else None  # counted: the figure's own
                lost = next((t for t in (whole, *whole.children) if (t.i == whole.i or t.dep_ == "amod") and
                             _measure_word(t)), None) if whole is not None else None
                if here:
                    measure, mspan = here[-1].measure, prev
                elif lost is not None:
                    measure, mspan = _measure_word(lost), lost
        if measure is None and one:
            return None
        if measure is None and first >= 2 and doc[first - 1].text == ":" and _measure_word(doc[first - 2]) and \
                "\n" not in text[doc[first - 2].idx:tok.idx]:
            measure, mspan = _measure_word(doc[first - 2]), doc[first - 2]  # a list: "civilians killed: 19"
        if measure is None:
            skip = None  # the end of a subset set off by commas: "13 civilians, including two children, were killed"
            for t in doc[tok.i + 1:min(sent.end, tok.i + 16)]:
                if skip is not None:
                    skip = None if t.lower_ == "," else skip
                    continue
                if t.lower_ == "," and t.i + 1 < sent.end and doc[t.i + 1].lower_ in ("including", "among"):
                    skip = t
                    continue
                if _range_end(t):
                    continue  # "Between 140 and 150 of our children are missing"
                if t.like_num or t.lower_ in (";", "while", "that", "which", "who") or t.dep_ == "mark" or \
                        (t.lower_ == "," and t.i > tok.i + 3 and doc[t.i + 1].lower_ != "with"):
                    break  # another figure, or another clause ("many families had fled and that … the wounded")
                word = _measure_word(t) or ("captured" if t.lemma_.lower() == "take" and t.i + 1 < sent.end and
                                            doc[t.i + 1].lower_ in CAPTIVE else None)  # "80 taken hostage"
                if word:
                    measure, mspan = word, t
                    if word == "missing-in-action" or t.lower_ in ("captured", "killed", "wounded", "injured"):
                        break
                    break
        if measure is None and here and tok.head.dep_ == "conj" and tok.head.head.i < tok.i and \
                tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            measure, mspan = here[-1].measure, tok  # "killed three … and five members of …": the same measure
        # a part is no larger than the figure it is part of: not "two … wounded. “… 17 of them are still held”"
        part = here and [t.lower_ for t in doc[tok.i + 1:tok.i + 3]] in (["of", "them"], ["of", "whom"]) and \
            (figure is None or here[-1].figure is None or figure <= here[-1].figure)
        if measure is None and part:
            measure, mspan = here[-1].measure, tok  # "27 civilians were killed (9 of them children)"
        if measure is None or (_describes(mspan) and mspan.i > tok.i and mspan.head.pos_ in ("NOUN", "PROPN")):
            return None  # "soldiers captured by …" describes them, it does not count a loss
        if measure == "missing-in-action" and not re.match(r"(missing|unaccounted)\b", mspan.text, re.IGNORECASE):
            return None
        counted = tok.head if tok.dep_ == "nummod" else tok
        if measure == "captured" and counted.dep_ == "pobj" and counted.head.lower_ == "of" and (
                counted.head.head.lemma_.lower() in SWAPS or counted.head.head.lower_ == "one" and
                any(t.lemma_.lower() in SWAPS for t in sent)):
            return None  # "a second exchange of about 400 prisoners", "a second one, of 400 prisoners": a swap
        group, head = self._group(tok, mspan, here)
        if part and tok.i + 3 < sent.end and doc[tok.i + 3].pos_ == "NOUN":
            group, head = doc[tok.i + 3].text, doc[tok.i + 3].lower_
        words = set(re.findall(r"[a-z]+", group.lower()))
        category = ("civilian" if head in CIVILIAN or words & CIVILIAN else
                    "military" if head in MILITARY - {"members"} or (head == "members" and words & MILITARY - {"members"})
                    else "unspecified")
        if here and head in ("others", "other", "more"):
            category = here[-1].category
        if measure in MATERIEL.values():
            category = "civilian" if words & {"civilian", "commercial", "passenger"} else "military"
        losses = self._losses(tok, mspan, sent, group, category, here, head)
        last = doc[tok.i + 1] if tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in MULTIPLIERS else tok  # "two dozen"
        spans = [(doc[first].idx, last.idx + len(last.text)), (mspan.idx, mspan.idx + len(mspan.text))]
        return Claim(figure, qualifier, measure, group, category, losses, "", spans, sent.start_char, 0.8,
                     sentence_end=sent.end_char)

    def _group(self, tok, mspan, here) -> tuple[str, str]:
        """The words the number counts, and their head noun (lowercase)."""
        doc = self.doc
        noun = tok.head if tok.dep_ in ("nummod", "quantmod", "amod", "det") and tok.head.pos_ in ("NOUN", "PROPN") \
            else None
        if noun is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            # "20 of its soldiers", "23 of them": what the "of" phrase names
            noun = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if noun is None and here:
                return here[-1].group, here[-1].group.split()[-1].lower() if here[-1].group else ""
        if noun is None:
            nxt = []
            for t in doc[tok.i + 1:tok.i + 5]:
                if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
                    break
                if t.pos_ in ("NOUN", "PROPN"):
                    nxt.append(t)
            noun = nxt[0] if nxt and (mspan is None or nxt[0].i < mspan.i or mspan.i <= tok.i) else None
        if noun is None:
            return (here[-1].group if here else ""), (here[-1].group.split()[-1].lower() if here and here[-1].group
                                                      else "")
        # the noun and its modifiers, and "of" phrases ("members of the Afghan forces"), not where or when
        left_out = {d.i for c in noun.children if (c.dep_ in ("prep", "relcl", "acl", "punct") and c.lower_ != "of")
                    or c.dep_ in ("cc", "conj") for d in c.subtree}
        words = [t for t in noun.subtree if t.i > tok.i and (mspan is None or t.i < mspan.i or mspan.i <= tok.i)
                 and t.i not in left_out and t.i <= noun.i + 8 and t.text not in "“”\"'"
                 and not (t.i == tok.i + 1 and t.lower_ in MULTIPLIERS)]
        group = doc[words[0].i:words[-1].i + 1].text if words else noun.text
        group = re.split(r",| including ", group)[0]
        group = re.sub(r"^(?:and|to) \S+ ", "", group)  # "between 30 and 40 insurgents": the range's end
        group = re.sub(r"\s*(,|and|who|that|which)$", "", group).strip(" “”\"")
        if noun.lower_ in ("others", "other", "more") and here:
            return here[-1].group, noun.lower_
        return group, noun.lower_

    def _losses(self, tok, mspan, sent, group, category, here, head) -> list:
        if here and (head in ("others", "other", "more") or group == here[-1].group):
            return list(here[-1].losses_of)
        a = tok.idx
        b = a + len(tok.text) + len(group) + 40
        in_group = [m for m in self.mentions if a < m.start and m.end <= b and m.kind == "actor"
                    and norm(m.text) in norm(group)]
        if in_group:
            e = self.g.entities[in_group[0].id]
            side = self.g.entities.get(e.affiliated_with or "")
            # forces or a government of a state count as the state's losses
            return [side.id] if e.type in ("armed-forces", "government") and side and side.type == "state" else [e.id]
        if category in ("civilian", "unspecified"):
            for m in self.mentions:
                if sent.start_char <= m.start < sent.end_char:
                    e = self.g.entities[m.id]
                    if e.type == "state" and self.text[max(0, m.start - 3):m.start] == "in ":
                        return [e.id]
                    if e.kind == "place" and e.affiliated_with and \
                            self.g.entities.get(e.affiliated_with, e).type == "state":
                        return [e.affiliated_with]
                    if e.kind == "place" and self.g.entities.get(e.affiliated_with or "") is not None:
                        parent = self.g.entities[e.affiliated_with]
                        if parent.kind == "place" and parent.affiliated_with:
                            return [parent.affiliated_with]
        return []

    def _stances(self, sent, claims: list[Claim]) -> list[Stance]:
        out = []
        text = sent.text
        for pattern, kind in ((REJECT, "rejects"), (DECLINE, "declines_to_confirm")):
            m = pattern.search(text)
            if not m:
                continue
            verb = self.doc.char_span(sent.start_char + m.start(1), sent.start_char + m.end(1),
                                      alignment_mode="expand")
            subj = None
            for t in verb:
                s = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                t2 = t
                while not s and t2.head is not t2:
                    t2 = t2.head
                    s = [c for c in t2.children if c.dep_ in ("nsubj", "nsubjpass")]
                if s:
                    sub = list(s[0].subtree)
                    subj = self.speakers.resolve(sub[0].idx, sub[-1].idx + len(sub[-1].text), sub[0].idx)
            if not subj:
                continue
            speaker = subj[0]
            others = [c for c in claims if c.claimant and c.claimant != speaker and c.sentence < sent.start_char]
            if not others:
                continue
            last = others[-1].claimant
            targets = [c for c in others if c.claimant == last]
            named = [x for x in self.mentions if sent.start_char + m.start() <= x.start < sent.end_char
                     and self.g.entities[x.id].type == "state"]
            if named and kind == "rejects":
                narrowed = [c for c in targets if named[0].id in c.losses_of]
                targets = narrowed or targets
            q = re.search(r"as [“\"]([^”\"]+)[”\"]", text[m.end():])
            span = (sent.start_char + m.start(), sent.start_char + m.end())
            out.append(Stance(kind, speaker, targets, [span], sent.start_char, 0.6,
                              quote=q.group(1) if q else None))
        return out
