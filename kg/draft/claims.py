"""Casualty figures as claims, and the statements that reject them or decline to confirm them.

A claim is a number (or a vague "many", "dozens") tied to a measure word near it: the verb just
before it ("killing at least 22 civilians") or the first measure word after it in its clause ("12
Pakistani soldiers were killed"). The qualifier is read from the words before the number ("at
least", "more than", "about", "up to"; "another 22" is exactly 22, a separate group), the group is
the noun phrase the number counts ("Pakistani soldiers"; "27 others" takes the group before it),
the category comes from the group's head noun, and whose losses from a state, demonym or actor
named in the group (civilians: the state where the place named in the sentence lies). The claimant
is whoever the sentence attributes it to ("…, the army said", "according to …", "he said"), else
the publisher: the article's own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import Gazetteer, norm
from .model import Mention
from .quotes import Speakers

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
                     "ninety": 90, "hundred": 100})
VAGUE = {"many": "many", "several": "several", "handful": "several", "dozens": "many", "scores": "many", "hundreds": "many",
         "thousands": "many", "numerous": "many"}
QUALIFIERS = [("no more than", "at-most"), ("no fewer than", "at-least"), ("at least", "at-least"), ("more than", "more-than"), ("over", "more-than"), ("at most", "at-most"),
              ("up to", "at-most"), ("about", "approximately"), ("around", "approximately"),
              ("nearly", "approximately"), ("some", "approximately"), ("approximately", "approximately"),
              ("roughly", "approximately"), ("almost", "approximately"), ("another", "exactly")]
CIVILIAN = {"civilian", "civilians", "child", "children", "woman", "women", "resident", "residents", "villager",
            "villagers", "worshipper", "worshippers", "passenger", "passengers", "journalist", "journalists",
            "student", "students", "patient", "patients", "shopper", "shoppers", "farmer", "farmers"}
MILITARY = {"soldier", "soldiers", "troop", "troops", "fighter", "fighters", "militant", "militants", "member",
            "members", "militiaman", "militiamen", "police", "policeman", "policemen", "officer", "officers",
            "personnel", "guard", "guards", "terrorist", "terrorists", "combatant", "combatants", "insurgent",
            "insurgents", "rebel", "rebels", "forces", "servicemen", "peacekeeper", "peacekeepers", "gunmen", "militia", "militias", "army"}
RAISE = {"raise", "rise", "climb", "increase", "revise", "jump", "lift"}
CLAIM_VERBS = {"say", "tell", "report", "claim", "put", "give", "announce", "state", "add", "confirm", "accord"}
REJECT = re.compile(r"\b(reject(?:ed|s)?|dismiss(?:ed|es)?|den(?:ied|ies|y)|disput(?:ed|es)?|contest(?:ed|s)?)\b[^.]*?\b(claims?|figures?|toll|"
                    r"numbers?|reports?|accounts?|version)\b", re.IGNORECASE)
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
    text = tok.text.replace(",", "")
    if text.isdigit():
        return int(text)
    if tok.lower_ == "dozen" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "a":
        return 12  # "at least a dozen"
    value = NUMBER_WORDS.get(tok.lower_)
    tens = _tens_before(tok)
    return value + tens if value is not None and value < 10 and tens else value


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
    if tok.lower_ == "dozen" or (tok.i > 0 and doc[tok.i - 1].lower_ == "between"):
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


class ClaimFinder:
    def __init__(self, doc, mentions: list[Mention], g: Gazetteer, publisher: str | None, speakers: Speakers):
        self.doc, self.mentions, self.g, self.publisher, self.speakers = doc, mentions, g, publisher, speakers
        self.text = doc.text  # once: Doc.text joins every token anew
        self.last_claimant: str | None = None

    def claimant(self, sent) -> tuple[str | None, float]:
        """Whom the sentence attributes what it says to, and how sure that is."""
        text = sent.text
        m = re.search(r"\baccording to ([^,.;]+)(,\s*[^,.;]+)?", text)
        if m:
            a = sent.start_char + m.start(1)
            # "according to a local priest, Father X": the name after the description, when it is one
            found = self.speakers.resolve(a, a + len(m.group(1)), a) or \
                (m.group(2) and self.speakers.resolve(a, sent.start_char + m.end(2), a))
            if found:
                return found[0], 0.8
        for tok in sent:
            if tok.lemma_.lower() in CLAIM_VERBS and tok.pos_ in ("VERB", "AUX"):
                head = tok  # "He rejected the figures and said …": the subject of the verb it is joined to
                while head.dep_ in ("conj", "xcomp", "acomp") and head.head is not head and \
                        not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                    head = head.head
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    sub = list(subj[0].subtree)
                    found = self.speakers.resolve(sub[0].idx, sub[-1].idx + len(sub[-1].text), sub[0].idx)
                    if found is None and subj[0].lower_ in ("it", "they") and self.last_claimant:
                        return self.last_claimant, 0.6
                    if found:
                        return found[0], 0.8
        # "…, the village's mayor, X, said.": a speaker the parser did not make the verb's subject
        m = re.search(r",\s+([^,]+(?:,\s+[^,]+)?),?\s+(?:said|added|told\b[^,]*)[.”\"]*\s*$", text)
        if m:
            a = sent.start_char + m.start(1)
            found = self.speakers.resolve(a, sent.start_char + m.end(1), a)
            if found:
                return found[0], 0.7
        return None, 0.0

    def find(self) -> tuple[list[Claim], list[Stance]]:
        claims: list[Claim] = []
        stances: list[Stance] = []
        quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"][^“”\"]*[”\"]", self.text)]
        previous = None  # (claimant, paragraph start) of the sentence before
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
            paragraph = text.rfind("\n", 0, sent.start_char)
            if who is None and previous and previous[1] == paragraph and \
                    not any(e.label_ == "DATE" for e in sent.ents):
                who, sure = previous[0], 0.5  # a figure that goes on from the sentence before
            previous = None
            here: list[Claim] = []
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
                if tok.i > 0 and self.doc[tok.i - 1].lower_ == "aged" or \
                        re.match(r"[- ]years?[- ]old", text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 10]):
                    continue  # "a girl aged 12", "a 12-year-old": an age
                if vague and here and [t.lower_ for t in self.doc[tok.i + 1:tok.i + 3]] in (["of", "them"],
                                                                                          ["of", "whom"]):
                    continue  # "61 wounded, many of them …": part of the figure before
                claim = self._claim(tok, figure, vague, sent, here)
                if claim is None:
                    continue
                if who:
                    claim.claimant, claim.confidence = who, min(claim.confidence, sure + 0.1)
                    if not claim.losses_of and re.match(r"(its|their|our) ", claim.group):
                        claim.losses_of = [who]  # "20 of its soldiers": the claimant's own
                else:
                    claim.claimant, claim.confidence = self.publisher or "", min(claim.confidence, 0.5)
                qa = next(((a, b) for a, b in quoted if a <= tok.idx < b), None)
                if qa is not None and vague:
                    claim.quote = tok.text
                here.append(claim)
            claims.extend(here)
            previous = (who, paragraph) if who and here else None
            if who:
                self.last_claimant = who
            if not bullet:
                intro = who if sent.text.rstrip().endswith(":") else None
            stances.extend(self._stances(sent, claims))
        return [c for c in claims if c.claimant], stances

    def _claim(self, tok, figure, vague, sent, here) -> Claim | None:
        doc, text = self.doc, self.text
        qualifier, first = _qualifier(doc, _first(tok))
        while first - 1 >= sent.start and doc[first - 1].text in "“\"'‘":  # killed “several terrorists”
            first -= 1
        if vague:
            qualifier, figure = vague, None
        measure, mspan = None, None
        # the measure verb just before ("killing at least 22", "killed 12"), or "the bodies of 23"
        if first - 1 >= sent.start:
            prev = doc[first - 1]
            if _measure_word(prev) and prev.pos_ == "VERB":
                measure, mspan = _measure_word(prev), prev
            elif prev.lower_ == "of" and first - 2 >= sent.start and doc[first - 2].lower_ == "bodies" and \
                    any(t.lower_ in ("taken", "seized", "held", "kept") for t in doc[tok.i + 1:min(sent.end, tok.i + 6)]):
                measure, mspan = "bodies-taken", doc[first - 2]  # "the bodies of 23 of them taken to …"
            elif prev.lower_ in ("at", "to", "of") and (named := next(
                    (t for t in doc[max(sent.start, first - 5):first - 1] if t.lower_ == "toll" or _measure_word(t)),
                    None)) is not None:
                # "put the death toll at 14", "the number of wounded rose to 23"
                measure, mspan = ("killed" if named.lower_ == "toll" else _measure_word(named)), named
            elif here and (prev.lower_ == "to" and any(t.lemma_.lower() in RAISE for t in doc[max(sent.start, first - 4):first])
                           or prev.lower_ == "at" and any(t.lower_ == "and" for t in doc[max(sent.start, first - 5):first])):
                # "put the toll at 14 before raising it to at least 22", "at 37, and by the evening at 52"
                measure, mspan = here[-1].measure, prev
            elif here and prev.lower_ == "from" and first - 2 >= sent.start and doc[first - 2].lower_ in ("up", "down"):
                measure, mspan = here[-1].measure, prev  # "…, up from 32 on Tuesday": the toll before
            elif here and (prev.lower_ == "including" or
                           (prev.lower_ == "them" and first - 2 >= sent.start and doc[first - 2].lower_ == "among")):
                # a subset of the figure before ("including two children", "among them six civilians")
                measure, mspan = here[-1].measure, prev
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
                if t.like_num or t.lower_ in (";", "while") or (t.lower_ == "," and t.i > tok.i + 3 and
                                                                 doc[t.i + 1].lower_ != "with"):
                    break
                word = _measure_word(t)
                if word:
                    measure, mspan = word, t
                    if word == "missing-in-action" or t.lower_ in ("captured", "killed", "wounded", "injured"):
                        break
                    break
        if measure is None and here and tok.head.dep_ == "conj" and tok.head.head.i < tok.i:
            measure, mspan = here[-1].measure, tok  # "killed three … and five members of …": the same measure
        part = here and [t.lower_ for t in doc[tok.i + 1:tok.i + 3]] in (["of", "them"], ["of", "whom"])
        if measure is None and part:
            measure, mspan = here[-1].measure, tok  # "27 civilians were killed (9 of them children)"
        if measure is None or (mspan.dep_ == "acl" and mspan.i > tok.i and mspan.head.pos_ in ("NOUN", "PROPN")):
            return None  # "soldiers captured by …" describes them, it does not count a loss
        if measure == "missing-in-action" and not re.match(r"(missing|unaccounted)\b", mspan.text, re.IGNORECASE):
            return None
        group, head = self._group(tok, mspan, here)
        if part and tok.i + 3 < sent.end and doc[tok.i + 3].pos_ == "NOUN":
            group, head = doc[tok.i + 3].text, doc[tok.i + 3].lower_
        words = set(re.findall(r"[a-z]+", group.lower()))
        category = ("civilian" if head in CIVILIAN or words & CIVILIAN else
                    "military" if head in MILITARY - {"members"} or (head == "members" and words & MILITARY - {"members"})
                    else "unspecified")
        if here and head in ("others", "other", "more"):
            category = here[-1].category
        losses = self._losses(tok, mspan, sent, group, category, here, head)
        spans = [(doc[first].idx, tok.idx + len(tok.text)), (mspan.idx, mspan.idx + len(mspan.text))]
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
                 and t.i not in left_out and t.i <= noun.i + 8 and t.text not in "“”\"'"]
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
