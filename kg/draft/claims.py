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
            "captured": "captured", "abduct": "captured", "abducted": "captured", "missing": "missing-in-action"}
NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                     "ninety": 90, "hundred": 100})
VAGUE = {"many": "many", "several": "several", "dozens": "many", "scores": "many", "hundreds": "many",
         "thousands": "many", "numerous": "many"}
QUALIFIERS = [("at least", "at-least"), ("more than", "more-than"), ("over", "more-than"), ("at most", "at-most"),
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
CLAIM_VERBS = {"say", "tell", "report", "claim", "put", "give", "announce", "state", "add", "confirm", "accord"}
REJECT = re.compile(r"\b(reject(?:ed|s)?|dismiss(?:ed|es)?|den(?:ied|ies|y)|disput(?:ed|es)?|contest(?:ed|s)?)\b[^.]*?\b(claims?|figures?|toll|"
                    r"numbers?|reports?|accounts?|version)\b", re.IGNORECASE)
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
    return NUMBER_WORDS.get(tok.lower_)


def _qualifier(doc, i: int) -> tuple[str, int]:
    """The qualifier before token i and the index of its first token."""
    before = " ".join(t.lower_ for t in doc[max(0, i - 2):i])
    for words, q in QUALIFIERS:
        if before.endswith(words):
            return q, i - len(words.split())
    return "exactly", i


def _measure_word(tok) -> str | None:
    return MEASURES.get(tok.lower_) or (MEASURES.get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "NOUN") else None)


class ClaimFinder:
    def __init__(self, doc, mentions: list[Mention], g: Gazetteer, publisher: str | None, speakers: Speakers):
        self.doc, self.mentions, self.g, self.publisher, self.speakers = doc, mentions, g, publisher, speakers
        self.text = doc.text  # once: Doc.text joins every token anew
        self.last_claimant: str | None = None

    def claimant(self, sent) -> tuple[str | None, float]:
        """Whom the sentence attributes what it says to, and how sure that is."""
        text = sent.text
        m = re.search(r"\baccording to ([^,.;]+)", text)
        if m:
            a = sent.start_char + m.start(1)
            found = self.speakers.resolve(a, a + len(m.group(1)), a)
            if found:
                return found[0], 0.8
        for tok in sent:
            if tok.lemma_.lower() in CLAIM_VERBS and tok.pos_ in ("VERB", "AUX"):
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    sub = list(subj[0].subtree)
                    found = self.speakers.resolve(sub[0].idx, sub[-1].idx + len(sub[-1].text), sub[0].idx)
                    if found is None and subj[0].lower_ in ("it", "they") and self.last_claimant:
                        return self.last_claimant, 0.6
                    if found:
                        return found[0], 0.8
        return None, 0.0

    def find(self) -> tuple[list[Claim], list[Stance]]:
        claims: list[Claim] = []
        stances: list[Stance] = []
        quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"][^“”\"]*[”\"]", self.text)]
        previous = None  # (claimant, paragraph start) of the sentence before
        text = self.text
        headline = text.find("\n\n") if re.match(r"[^\n]*[^.!?\"”\s]\n\n", text) else -1
        for sent in self.doc.sents:
            if sent.start_char < headline:
                continue  # a headline sums up figures the body gives
            who, sure = self.claimant(sent)
            paragraph = text.rfind("\n", 0, sent.start_char)
            if who is None and previous and previous[1] == paragraph and \
                    not any(e.label_ == "DATE" for e in sent.ents):
                who, sure = previous[0], 0.5  # a figure that goes on from the sentence before
            previous = None
            here: list[Claim] = []
            for tok in sent:
                if tok.ent_type_ in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"):
                    continue
                figure = _number(tok)
                vague = VAGUE.get(tok.lower_)
                if figure is None and vague is None:
                    continue
                nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
                if figure is not None and nxt is not None and nxt.lower_ in ("km", "kilometres", "miles", "%"):
                    continue
                if any(t.lower_ in ("not", "no", "single", "none") for t in self.doc[max(sent.start, tok.i - 3):tok.i]):
                    continue  # "not a single one of our fighters": no figure
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
            stances.extend(self._stances(sent, claims))
        return [c for c in claims if c.claimant], stances

    def _claim(self, tok, figure, vague, sent, here) -> Claim | None:
        doc = self.doc
        qualifier, first = _qualifier(doc, tok.i)
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
            elif prev.lower_ == "including" and here:
                measure, mspan = here[-1].measure, prev  # a subset of the figure before ("including two children")
        if measure is None:
            for t in doc[tok.i + 1:min(sent.end, tok.i + 12)]:
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
        if measure is None or (mspan.dep_ == "acl" and mspan.i > tok.i and mspan.head.pos_ in ("NOUN", "PROPN")):
            return None  # "soldiers captured by …" describes them, it does not count a loss
        if measure == "missing-in-action" and not re.match(r"missing\b", mspan.text, re.IGNORECASE):
            return None
        group, head = self._group(tok, mspan, here)
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
