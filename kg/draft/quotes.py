"""Verbatim quotes and who said them.

A quote is the text between quotation marks, curly (“…”) or straight ("…", paired within a
paragraph), across sentences if need be; a comma just before the closing mark belongs to the
attribution and is left out. Its speaker comes from the attribution, tried in this order:

1. a speech verb before the opening mark in the same sentence ("Guterres said he was “…”",
   "Mujahid rejected the claims as “false”", "posting on X: “…”"): the verb's subject, climbing
   from a clause to the one it hangs on until a subject is found;
2. a speech verb just after the closing mark ("…,” said Mujahid", "…,” the army spokesman, Brigadier
   General Hamid al-Nour, told a news conference");
3. none: the speaker of the quote before it in the same or the previous paragraph (a quote that
   continues one), else the last person named before it.

In the speaker's words, a person wins over an organisation; a pronoun is the last speaker (or
person) named; an office ("Pakistan's defence minister") is the person the store says holds it,
else its state or organisation speaks. The office's state or organisation is whom the person
speaks for (``on_behalf_of``). The medium ("posting on X", "a news conference") is read from the
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import (INSTITUTIONS, OFFICE, STATE_ONLY, Entity, Gazetteer, article_state, government_of, norm,
                     office_post, slug)
from .model import Mention

SPEECH = {"say", "tell", "declare", "add", "write", "post", "state", "insist", "warn", "announce", "describe",
          "call", "reject", "deny", "dismiss", "accuse", "urge", "claim", "brand", "term", "confirm",
          "decline", "vow", "pledge", "note", "explain", "argue", "stress", "accord", "blame", "condemn", "demand",
          "promise", "threaten", "report", "put", "give", "express"}
AFTER_VERBS = r"said|says|told|added|wrote|posted|stated|declared|insisted|warned|noted|explained|stressed|argued"
AFTER = re.compile(rf"[ \t]*,?[ \t]*(?:(?P<verb1>{AFTER_VERBS})\s+(?P<who1>[^.;“”\"\n]{{1,80}}?)(?=[.;\n]|$)"
                   rf"|(?P<who2>[^.;“”\"\n]{{1,120}}?)\s+(?P<verb2>{AFTER_VERBS}))\b(?P<rest>[^\n.;]*)")
# the region a governor governs: the one named with him ("the governor of Bryansk region"), else the one the
# article calls a region or province ("the Sumy region", "the southern province of Lanao del Sur")
REGION = r"(?P<place>[A-Z][\w'-]*(?:\s+(?:del\s+|de\s+)?[A-Z][\w'-]*)*)"
GOVERNED = re.compile(rf"\s+of\s+(?:the\s+)?{REGION}(?:\s+(?P<noun>region|province|district)\b)?")
REGIONS = (re.compile(rf"\b(?P<noun>region|province)\s+of\s+{REGION}"),
           re.compile(rf"\bthe\s+{REGION}\s+(?P<noun>region|province)\b"))
ACCORDING = re.compile(r"[ \t]*,?[ \t]*according to (?P<who1>[^.;“”\"\n]{1,80}?)(?=[.;,\n]|$)(?P<who2>)")
EPITHETS = re.compile(r"the (?:[a-z-]+ ){0,3}(group|rebels|militia|movement|organisation|organization|insurgents|"
                      r"militants|paramilitaries|faction|front|monitor|mission|network|alliance|charity|affiliate|offshoot|franchise|"
                      r"kingdom|country|state|republic|emirate|sultanate)$")
# a name that says whom an actor is tied to, not who it is: "the al-Qaeda-linked group", "JNIM, al-Qaeda's
# affiliate in the Sahel,", "an al-Qaeda affiliate", "a group linked to al-Qaeda", "a branch of Islamic State"
RELATION = r"(?:affiliates?|branch(?:es)?|wings?|all(?:y|ies)|offshoots?|franchises?|partners?|prox(?:y|ies))"
TIED_AFTER = re.compile(rf"-[a-z]|['’]s?\s+(?:[\w-]+\s+)?{RELATION}\b")
TIED_BETWEEN = re.compile(rf"\s+(?:[\w-]+\s+)?{RELATION}\b")
TIED_BEFORE = re.compile(rf"\b(?:{RELATION}\s+of|(?:linked|affiliated|allied|loyal|tied|close)\s+(?:to|with))\s+(?:the\s+)?$")


def tied_to(text: str, m: Mention) -> bool:
    """Whether the name at ``m`` only says what an actor is tied to ("the al-Qaeda-linked group", "JNIM,
    al-Qaeda's affiliate,", "an al-Qaeda affiliate", "a group linked to al-Qaeda"): it is not that actor."""
    after, before = text[m.end:m.end + 40], text[max(0, m.start - 40):m.start]
    return bool(TIED_AFTER.match(after) or TIED_BEFORE.search(before) or
                re.search(r"\b(?:an?|the|its|their)\s+$", before, re.IGNORECASE) and TIED_BETWEEN.match(after))


PRONOUNS = {"he", "she", "him", "her", "his"}
IT_PRONOUNS = {"it", "they", "its", "their"}
MEDIA = [re.compile(r"\b(?:on|posting on|post on|posted on|wrote on|writing on)\s+(X|Telegram|Facebook|Instagram)\b"),
         re.compile(r"\b(news conference|press conference|news briefing|press briefing|televised (?:speech|address)|"
                    r"interview|joint statement|statement|video|radio address)\b", re.IGNORECASE)]


@dataclass
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_spans: list = field(default_factory=list)
    on_behalf_of: str | None = None
    office: tuple | None = None  # (start, end, words) of the speaker's office
    verb: str | None = None  # the speech verb's lemma
    medium: str | None = None
    anchor: int = 0  # where the attribution is (groups quotes into statements)
    attribution: tuple | None = None  # (start, end) of the attribution's sentence
    confidence: float = 0.5


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted passage: inside the marks, without a comma before the closing one."""
    spans = [(m.start() + 1, m.end() - 1) for m in re.finditer(r"“[^“”]*”", text)]
    offset = 0
    for para in text.split("\n"):
        marks = [offset + i for i, c in enumerate(para) if c == '"']
        spans.extend((marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2))
        offset += len(para) + 1
    out = []
    for a, b in sorted(spans):
        while b > a and text[b - 1] in " ,":
            b -= 1
        while a < b and text[a] == " ":
            a += 1
        if b > a:
            out.append((a, b))
    return out


class Speakers:
    """Resolves the words that name a speaker to an actor, using the mentions of the article."""

    def __init__(self, doc, mentions: list[Mention], g: Gazetteer):
        self.doc, self.mentions, self.g = doc, mentions, g
        self.text = doc.text  # once: Doc.text joins every token anew
        self.last_person: tuple | None = None  # (id, position) of the last person speaker
        self.last_actor: tuple | None = None
        self.office_holders = self._offices_named()
        self.last_office: tuple | None = None  # (id, position) of the body an unnamed office-holder stood for last
        self.last_administration: str | None = None  # the administration an unnamed governor stood for last

    def _offices_named(self) -> dict:
        """Offices the article gives a person ("Defence Minister Khawaja Asif", "Mujahid, the
        government spokesman"): the office's words → the person, when one person only has them."""
        text, found = self.text, {}
        people = [m for m in self.mentions if self.g.entities[m.id].type in ("person", "analyst")]
        for om in OFFICE.finditer(text):
            key = norm(om.group())
            after = next((p for p in people if 0 <= p.start - om.end() <= 30 and
                          re.fullmatch(r"[,\s]*(?:[A-Z][\w.-]* ){0,3}", text[om.end():p.start])), None)
            before = next((p for p in people if 0 <= om.start() - p.end <= 12 and
                           re.fullmatch(r",\s*(?:the\s+)?(?:\w+['’]s\s+|\w+\s+){0,2}", text[p.end:om.start()])), None)
            person = after or before
            if person is not None:
                found.setdefault(key, set()).add(person.id)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def within(self, a: int, b: int) -> list[Mention]:
        return [m for m in self.mentions if a <= m.start and m.end <= b]

    def person_before(self, pos: int) -> Mention | None:
        people = [m for m in self.mentions if m.end <= pos and self.g.entities[m.id].type in ("person", "analyst")]
        return people[-1] if people else None

    def resolve(self, a: int, b: int, pos: int):
        """(speaker id, spans, on_behalf_of, office) for the words text[a:b]; None when nothing names one."""
        found = self._resolve(a, b, pos)
        if found and OFFICE.search(self.text[a:b]) and self.g.entities[found[0]].type not in ("person", "analyst") \
                and (self.last_office is None or self.last_office[1] <= a):
            # an unnamed office-holder ("the regional governor", "a spokesman for the army") who stands for a body:
            # the "he" or "she" after him is that body, unless a person is named since
            self.last_office = (found[0], a)
        return found

    def _resolve(self, a: int, b: int, pos: int):
        words = self.text[a:b]
        inside = self.within(a, b)
        office = None
        om = OFFICE.search(words)
        if om:
            office = (a + om.start(), a + om.end(), om.group())
            if not om.group().lower().endswith("governor") and any(
                    self.g.entities[m.id].kind == "actor" and m.start <= office[0] and office[1] < m.end for m in inside):
                office = None  # "the envoy's office", "the office of the UN special envoy": a body's name, no holder
        people = [m for m in inside if self.g.entities[m.id].type in ("person", "analyst")]
        owners = [m for m in inside if m not in people and self.g.entities[m.id].kind == "actor"
                  and (office is None or m.end <= office[0])]
        behalf = owners[-1].id if owners and office else None
        body = re.match(rf"({'|'.join(sorted(INSTITUTIONS, key=len, reverse=True))})\s", office[2].lower()) \
            if office and not owners else None
        if body:  # "the army spokesman": he speaks for the army named before
            behalf = self._institution(body.group(1), a)
            if behalf is None and body.group(1) == "government" and not people and \
                    (state := article_state(self.mentions, self.g, a)) is not None:
                # "a government spokesman", no government named before: the government of the article's state
                behalf = government_of(self.g, state).id
        if people:
            span = self.doc.char_span(a, b, alignment_mode="expand")
            root = span.root.idx if span is not None else -1
            # the person the phrase is about ("Viv Ansanm leader Jimmy Cherizier", whatever spaCy made of "Viv Ansanm")
            p = next((x for x in people if x.start <= root < x.end), None) or \
                (people[-1] if office and people[-1].start > office[0] else people[0])
            return p.id, [(p.start, p.end)], behalf, office
        first = words.strip().split()[0].lower() if words.strip() else ""
        if first in PRONOUNS:
            # "he said": the person named last, unless a speaker was quoted since ("Kalu visited the town.
            # She said …"; "Ruiz said … “…,” he added")
            p = self.person_before(pos)
            if self.last_office and self.last_office[1] < pos and (p is None or self.last_office[1] > p.start) and \
                    (self.last_person is None or self.last_office[1] > self.last_person[1]):
                return self.last_office[0], [], None, None  # "…, the regional governor said. … , he wrote"
            if self.last_person and (p is None or self.last_person[1] > p.start):
                return self.last_person[0], [], None, None
            return (p.id, [(p.start, p.end)], None, None) if p else None
        if office is not None:
            # the office as the article gives it with a name, or in fewer words ("the minister, Arben Krasniqi"
            # holds "Kosovo's interior minister")
            holder = self._holder(office[2], behalf) or self.office_holders.get(norm(office[2])) or next(
                (p for k, p in self.office_holders.items() if norm(office[2]).endswith(" " + k)), None)
            if holder:
                return holder, [office[:2]], behalf, office
        if office is not None and behalf and not owners:
            return behalf, [office[:2]], None, None  # "the army spokesman said", no one named: the army speaks
        if office is not None and not owners and not people and re.fullmatch(r"\s*(?:[Ii]ts|[Tt]heir)\s+",
                                                                           self.text[a:office[0]]):
            # "The army declined to confirm the figures. Its spokesman said": the body named last before him
            body = next((m for m in reversed(self.mentions) if m.end <= a and self.g.entities[m.id].kind == "actor"
                         and self.g.entities[m.id].type not in ("person", "analyst", "media-outlet", "post")), None)
            if body is not None:
                return body.id, [office[:2]], None, None
        if office is not None and not owners and office[2].lower().endswith(("governor", "mayor")) and \
                GOVERNED.match(self.text, office[1]) and (administration := self._administration(office)):
            # "the mayor of Dolow district": the district's administration, as a governor's is his region's
            # "the governor of Russia's Belgorod region": the region's administration, not the state named with it
            return administration, [office[:2]], None, None
        if office is not None and not owners:  # an office no one is named for
            of = re.match(r"\s+(?:of|for)\s+(?:the\s+)?([\w-]+)", self.text[office[1]:b])
            if of:  # "a commander of the brigade, who asked not to be named, said": the brigade speaks
                named = [m for m in self.mentions if self.g.entities[m.id].kind == "actor" and
                         (office[1] < m.start and m.end <= b or m.end <= office[0] and
                          norm(self.g.entities[m.id].name).split()[-1:] == [of.group(1).lower()])]
                if named:
                    m = min(named, key=lambda x: (x.start < office[1], -x.start))
                    return m.id, [office[:2]], None, None
                the = re.match(r"\s+(?:of|for)\s+(the\s+[\w-]+)(?![\w-])", self.text[office[1]:b])
                if the and EPITHETS.fullmatch(the.group(1).lower()):
                    # "a spokesman for the group said", "a spokeswoman for the mission": the group or mission
                    # named before speaks, as when "the group said"
                    body = self.resolve(office[1] + the.start(1), office[1] + the.end(1), pos)
                    if body and self.g.entities[body[0]].type not in ("person", "analyst"):
                        return body[0], [office[:2]], None, None
            # "the regional governor said": an office cannot speak, and a governor's stands for the
            # administration of the region he governs, the one named with him ("the governor of Bryansk
            # region") or the one the article calls a region or province ("the Sumy region")
            if office[2].lower().endswith("governor") and (administration := self._administration(office)):
                return administration, [office[:2]], None, None
            # "the organisation's provincial coordinator said": the body named before speaks
            poss = re.fullmatch(r"\s*((?:[Tt]he )(?:[a-z-]+ ){0,2}[a-z-]+)['’]s\s+(?:[a-z-]+\s+){0,2}", self.text[a:office[0]])
            body = self.resolve(a + poss.start(1), a + poss.end(1), pos) if poss else None
            if body and self.g.entities[body[0]].type not in ("person", "analyst"):
                return body[0], [office[:2]], None, None
            # any other: its unnamed holder speaks
            post = office_post(self.g, office[2], None)
            holder = Entity(f"{post.id}-holder", "actor", "person", f"{post.name}, not named", False)
            self.g.add(holder)
            return holder.id, [office[:2]], None, office
        # "the Britain-based monitor", "the Russian-installed administration": a name in a hyphenated
        # word describes the one who speaks, it is not them (unless nothing else names them)
        described = [m for m in inside if self.g.entities[m.id].kind == "actor" and tied_to(self.text, m)]
        actors = [m for m in inside if self.g.entities[m.id].kind == "actor" and m not in described]
        if actors:
            # the one the phrase is about: its head noun's ("Sudan's health ministry"; "Norway and Cuba": Norway)
            span = self.doc.char_span(a, b, alignment_mode="expand")
            root = span.root.idx if span is not None else -1
            m = next((x for x in actors if x.start <= root < x.end), actors[-1])
            return m.id, [(m.start, m.end)], None, None
        epithet = EPITHETS.match(words.strip().lower())
        if epithet:  # "the group said": the last organisation (or state) named before
            states = epithet.group(1) in ("kingdom", "country", "state", "republic", "emirate", "sultanate")
            official = ("government", "armed-forces", "person", "analyst", "post", "media-outlet", "state")
            named = [x for x in self.mentions if x.end <= pos and self.g.entities[x.id].kind == "actor" and
                     (self.g.entities[x.id].type == "state" if states else self.g.entities[x.id].type not in official)]
            # not a name that only says whom the one meant is tied to ("JNIM, al-Qaeda's affiliate, …. The group
            # said", "The al-Qaeda-linked group said": JNIM), unless no other is named
            named = [x for x in named if not tied_to(self.text, x)] or named
            if named:  # of those, one whose name has the word ("the front": the Jaime Martínez front)
                called = [x for x in named if epithet.group(1) in norm(self.g.entities[x.id].name).split()]
                return (called or named)[-1].id, [], None, None
        head = re.fullmatch(r"the (?:[a-z-]+ ){0,2}([a-z]+)", words.strip().lower())
        if head and (head.group(1) not in INSTITUTIONS or head.group(1) in STATE_ONLY):
            # "the service", "the observatory", "the commission": the body named before whose name ends with that word
            named = [x for x in self.mentions if x.end <= pos and self.g.entities[x.id].kind == "actor" and
                     norm(self.g.entities[x.id].name).split()[-1:] == [head.group(1)]]
            if named:
                return named[-1].id, [], None, None
        if described:
            m = described[-1]
            return m.id, [(m.start, m.end)], None, None
        if first in IT_PRONOUNS and self.last_actor:
            return self.last_actor[0], [], None, None
        noun = re.search(rf"\b({'|'.join(INSTITUTIONS)})\b", words.lower())
        if noun and first in ("the", "its", "their"):
            # "the ministry", "the army": the last actor of that kind the article named
            named = self._institution(noun.group(1), pos)
            if named:
                return named, [], None, None
        return None

    def _administration(self, office: tuple) -> str | None:
        """The administration an unnamed governor stands for, "<region> regional|provincial administration"
        (the adjective the office's, "provincial governor", else the region's word), else None."""
        found = GOVERNED.match(self.text, office[1])
        if found is None and self.last_administration:  # "the governor's office later said": the one named before
            return self.last_administration
        found = found or min((m for r in REGIONS if (m := r.search(self.text))), key=lambda m: m.start(), default=None)
        if found is None:
            return None
        words = office[2].lower().split()
        adjective = words[0] if len(words) > 1 else \
            {"district": "district", "province": "provincial"}.get(found.group("noun"), "regional")
        place = re.sub(r"^[A-Z][\w-]*['’]s\s+", "", found.group("place"))  # "Russia's Belgorod": Belgorod
        name = f"{place} {adjective} administration"
        self.g.add(Entity(slug(name), "actor", "government", name, False))
        self.last_administration = slug(name)
        return slug(name)

    def _institution(self, word: str, pos: int) -> str | None:
        """The last actor named before ``pos`` that an institution word stands for ("the army")."""
        kind = INSTITUTIONS[word]
        named = [m for m in self.mentions if m.end <= pos and self.g.entities[m.id].type == kind
                 and word.split()[-1] in norm(self.g.entities[m.id].name + " " + m.text)]
        return named[-1].id if named else None

    def _holder(self, office_words: str, owner: str | None) -> str | None:
        """The person the store says holds this office of this owner (one only), else None."""
        words = set(norm(office_words).replace("-", " ").split()) - {"the"}
        for e in self.g.entities.values():
            if e.type != "post" or len(e.holders) != 1:
                continue
            label = set(norm(e.name).replace("-", " ").split())
            related = owner is None or owner == e.affiliated_with or \
                (owner in self.g.entities and e.affiliated_with in self.g.entities and
                 self.g.entities[e.affiliated_with].affiliated_with == owner)
            if words <= label and related:
                return e.holders[0]
        return None

    def said(self, ident: str, pos: int) -> None:
        if self.g.entities[ident].type in ("person", "analyst"):
            self.last_person = (ident, pos)
        else:
            self.last_actor = (ident, pos)


def _sentence(doc, pos: int):
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent if span is not None else None


def _subject_before(doc, sent, quote_start: int):
    """The speech verb before the quote in its sentence and the span of its subject."""
    verbs = [t for t in sent if t.idx < quote_start and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH]
    if not verbs:
        verbs = [t for t in sent if t.idx < quote_start and t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    for verb in reversed(verbs):
        t = verb
        for _ in range(6):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                s = subj[0]
                sub = list(s.subtree)
                return verb, sub[0].idx, sub[-1].idx + len(sub[-1].text)
            if t.head is t:
                break
            t = t.head
    for verb in reversed(verbs):
        # the parser found no subject: the words just before the verb, back to a comma or a preposition
        words = []
        for t in reversed(doc[sent.start:verb.i]):
            if t.is_punct or t.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ"):
                break
            words.append(t)
        if words:
            return verb, words[-1].idx, words[0].idx + len(words[0].text)
    return None


def _attribute_before(q: Quote, before, speakers: Speakers, sent, b: int):
    verb, sa, sb = before
    found = speakers.resolve(sa, sb, sa)
    if found:
        q.verb, q.anchor, q.confidence = verb.lemma_.lower(), sent.start_char, 0.85
        q.attribution = (sa, min(b + 1, sent.end_char))
    return found


def _previous_paragraph(text: str, pos: int) -> int:
    """Where the paragraph before the one holding ``pos`` starts (paragraphs are non-empty lines)."""
    here = text.rfind("\n", 0, pos) + 1
    back = here - 1
    while back > 0 and text[back - 1] == "\n":
        back -= 1
    return text.rfind("\n", 0, back) + 1 if back > 0 else 0


def medium_of(text: str) -> str | None:
    for pattern in MEDIA:
        m = pattern.search(text)
        if m:
            return m.group(1) if m.group(1)[0].isupper() and len(m.group(1)) < 10 else m.group(1).lower()
    return None


def find_quotes(doc, mentions: list[Mention], g: Gazetteer) -> list[Quote]:
    """Every quote of the article with its speaker, in text order."""
    text = doc.text
    speakers = Speakers(doc, mentions, g)
    out: list[Quote] = []
    for a, b in quote_spans(text):
        q = Quote(a, b, text[a:b])
        sent = _sentence(doc, a - 1 if a > 0 else a)
        found = None
        before = _subject_before(doc, sent, a - 1) if sent is not None and sent.start_char < a - 1 else None
        # 1. a speech verb before the quote, in its sentence
        if before and before[0].lemma_.lower() in SPEECH:
            found = _attribute_before(q, before, speakers, sent, b)
        # 2. a speech verb after the closing mark
        if found is None:
            close = b + (1 if text[b:b + 1] == "," else 0) + 1
            m = AFTER.match(text, close) or ACCORDING.match(text, close)
            if m:
                who = "who1" if m.group("who1") else "who2"
                found = speakers.resolve(m.start(who), m.end(who), a)
                if found:
                    q.verb = "say"
                    q.anchor, q.confidence = close, 0.9
                    q.attribution = (a, m.end())
        # 1b. the subject of the sentence's main verb, before the quote ("Mujahid rejected … as “false”")
        if found is None and before:
            found = _attribute_before(q, before, speakers, sent, b)
            q.confidence = 0.6
        # 3. a continuation of the quote before, else the last person named
        if found is None:
            prev = out[-1] if out else None
            para_start = _previous_paragraph(text, a)
            if prev is not None and prev.speaker and prev.end >= para_start:
                found = (prev.speaker, [], prev.on_behalf_of, prev.office)
                q.anchor, q.verb, q.confidence = prev.anchor, prev.verb, 0.5
                q.attribution = prev.attribution
            else:
                p = speakers.person_before(a)
                if p is not None:
                    found = (p.id, [(p.start, p.end)], None, None)
                    q.anchor, q.confidence = a, 0.4
        if found:
            q.speaker, q.speaker_spans, q.on_behalf_of, q.office = found
            speakers.said(q.speaker, a)
            if q.attribution:
                lo, hi = q.attribution
                if sent is not None:
                    lo, hi = min(lo, sent.start_char), max(hi, sent.end_char)
                q.medium = medium_of(text[lo:hi].replace(q.text, ""))
        out.append(q)
    return out
