"""The drafter: an article in, one source's authoring mapping out, every item marked as a draft.

    mentions (actors.py) → dates (dates.py) → quotes and speakers (quotes.py) → claims and the
    statements rejecting them (claims.py) → events (events.py) → statements, actors, places

Names, summaries and descriptions are made from templates and ids, never copied from the article;
only quotes are the article's words. Every item carries ``draft: {confidence, spans, reason?}``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field

from .actors import Entity, Gazetteer, find_mentions, load_gazetteer, proposed
from .claims import Claim, ClaimFinder, Stance
from .model import DateMention, Mention, draft_mark
from .quotes import Quote, Speakers, find_quotes, office_post

DRAFTER = "kg draft"
UNVERIFIED = re.compile(r"(could not|cannot|have not been|has not been|were not|was not) (be )?independently verified",
                        re.IGNORECASE)
TYPES = [  # (words in the attribution, statement type), first match wins
    (re.compile(r"\b(reject|rejected|rejects|denied|denies|deny|dismissed|dismisses)\b", re.IGNORECASE), "denial"),
    (re.compile(r"\b(accused|accuses|blamed|blames|blaming)\b", re.IGNORECASE), "accusation"),
    (re.compile(r"\b(concern|concerned|alarmed|appalled|horrified|worried)\b", re.IGNORECASE), "expression-of-concern"),
    (re.compile(r"\b(urged|urges|called for|calls for|appealed|appeals)\b", re.IGNORECASE), "appeal"),
    (re.compile(r"\b(ready|willing|offered|offers) to (negotiate|talk|hold talks)\b", re.IGNORECASE), "offer-to-negotiate"),
    (re.compile(r"\b(declared|declares|declaring)\b", re.IGNORECASE), "declaration"),
]
SAID_ON = re.compile(r"\b(?:said|says|told [\w ]{1,25}?|added|announced|stated|wrote|posted|declared)\s+(?:on\s+)?$")
SUMMARY = {"statement": "Statement by {who}.", "denial": "Denial by {who}.", "accusation": "Accusation by {who}.",
           "expression-of-concern": "{who} expressed concern.", "appeal": "Appeal by {who}.",
           "offer-to-negotiate": "{who} offered talks.", "declaration": "Declaration by {who}."}


@dataclass
class Draft:
    """What the drafter found, and the authoring mapping made of it."""

    mapping: dict
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def _find_dates(text: str, published: dt.date) -> list[DateMention]:
    # ---- the parts written beside this one (kg/draft/dates.py, kg/draft/events.py) ----
    try:
        from .dates import find_dates
    except ImportError:
        return []
    return find_dates(text, published)


def _find_events(text, doc, mentions, dates, store, published, names, states) -> list[dict]:
    try:
        from .events import find_events
    except ImportError:
        return []
    return find_events(text, doc, mentions, dates, store=store, published=published, names=names, states=states)


def draft_article(text: str, *, published: dt.date, publisher: str | None = None, title: str | None = None,
                  store=None, nlp=None, file: str = "-") -> dict:
    """The authoring mapping drafted from ``text`` (see :func:`analyse`)."""
    return analyse(text, published=published, publisher=publisher, title=title, store=store, nlp=nlp,
                   file=file).mapping


def analyse(text: str, *, published: dt.date, publisher: str | None = None, title: str | None = None,
            store=None, nlp=None, file: str = "-") -> Draft:
    """Draft one article as one source. ``store`` (an open store, or None) supplies known actors,
    places, offices and events; ``nlp`` a loaded spaCy pipeline (default: :func:`kg.draft.nlp.load_nlp`)."""
    from .nlp import load_nlp, parse
    if nlp is None:
        nlp = load_nlp()
    g = load_gazetteer(store)
    if publisher and g.entities.get(publisher) is None:
        g.add(Entity(publisher, "actor", "media-outlet", publisher.replace("-", " ").title(), False))
        g.surfaces.add(g.entities[publisher].name)  # "the Coastline Courier could not verify …" names it
    doc = parse(nlp, text)
    mentions = find_mentions(doc, g)
    dates = _find_dates(text, published)
    quotes = find_quotes(doc, mentions, g)
    speakers = Speakers(doc, mentions, g)
    claims, stances = ClaimFinder(doc, mentions, g, publisher, speakers, quotes).find()
    names = {i: e.name for i, e in g.entities.items()}
    # offices are mentions of posts, which take no part in events (a post is not an actor)
    actors_and_places = [m for m in mentions if g.entities[m.id].type != "post"]
    states = {i for i, e in g.entities.items() if e.type == "state"}  # a state may be where an event happened
    events = _find_events(text, doc, actors_and_places, dates, store, published, names, states)
    b = _Builder(text, published, g, dates, publisher)
    statements = b.statements(quotes, claims, stances)
    own = b.own_claims(claims)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source_id = f"{publisher}-{published.isoformat()}" if publisher else f"article-{published.isoformat()}-{sha[:8]}"
    source = {"id": source_id, "title": title or f"[Drafted from {file}]", "date": published.isoformat()}
    if publisher:
        source["publisher"] = publisher
    if file != "-":
        source["identifier"] = re.sub(r"\.[A-Za-z0-9]+$", "", file.rsplit("/", 1)[-1])
    mapping: dict = {"drafted_from": _drafted_from(nlp, file, sha, text), "sources": [source], "source": source_id}
    used = b.used | {x for e in events for x in _ids_in(e)} | ({publisher} if publisher else set())
    actors, places = b.entities(mentions, used)
    for key, items in (("actors", actors), ("places", places), ("events", events), ("statements", statements),
                       ("claims", own)):
        if items:
            mapping[key] = items
    return Draft(_fit_ids(mapping), mentions, dates, quotes, claims, events)


TEXT_KEYS = frozenset({"quote", "name", "title", "summary", "description", "reason", "file", "draft", "drafted_from"})


def _fit_ids(mapping: dict) -> dict:
    """``mapping`` with every id longer than ``id_chars`` (made from a long name: "the National Front
    for the Liberation of ...", or a publisher's id and the date) cut to fit, and kept apart from the
    others by a hash of the whole id; each reference to it changes with it (text is left as it is)."""
    from ..limits import limit
    most = limit("id_chars")
    ids: set[str] = set()

    def collect(value):
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                ids.add(value["id"])
            for k, v in value.items():
                if k not in TEXT_KEYS:
                    collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)
    collect(mapping)
    long = sorted(i for i in ids if len(i) > most)
    if not long:
        return mapping
    renamed = {}
    for ident in long:
        head = ident[:most - 9].rstrip("-")
        renamed[ident] = f"{head}-{hashlib.sha256(ident.encode()).hexdigest()[:8]}"

    def rename(value, key=None):
        if key in TEXT_KEYS:
            return value
        if isinstance(value, dict):
            return {k: rename(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v) for v in value]
        return renamed.get(value, value) if isinstance(value, str) else value
    return rename(mapping)


def _drafted_from(nlp, file: str, sha: str, text: str) -> dict:
    meta = getattr(nlp, "meta", {}) or {}
    name = f"{meta.get('lang', 'en')}_{meta['name']}" if meta.get("name") else "spacy"
    return {"file": file, "sha256": sha, "chars": len(text), "pipeline": name, "version": str(meta.get("version", ""))}


def _ids_in(value) -> set:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {x for v in value for x in _ids_in(v)}
    if isinstance(value, dict):
        return {x for k, v in value.items() if k not in ("draft", "name", "description", "date", "id", "type")
                for x in _ids_in(v)}
    return set()


class _Builder:
    def __init__(self, text, published, g: Gazetteer, dates, publisher):
        self.text, self.published, self.g, self.dates, self.publisher = text, published, g, dates, publisher
        self.ids: set[str] = set()
        self.used: set[str] = set()
        self.holds: dict[str, set] = {}
        self.office_spans: dict[str, list] = {}

    def new_id(self, base: str) -> str:
        ident, n = base, 2
        while ident in self.ids or ident in self.g.entities:
            ident, n = f"{base}-{n}", n + 1
        self.ids.add(ident)
        return ident

    def name(self, ident: str) -> str:
        e = self.g.entities.get(ident)
        return e.name if e else ident

    def date_in(self, a: int, b: int) -> tuple[str, float, str | None]:
        """When a statement was made: the date just after its speech verb in ``text[a:b]`` ("said on
        Monday", "told reporters on Tuesday"), else the article's date."""
        for d in self.dates:
            if a <= d.start and d.end <= b and SAID_ON.search(self.text[max(a, d.start - 40):d.start]):
                return d.expression, 0.8, None
        return self.published.isoformat(), 0.5, "no date given with it: the article's date"

    def statements(self, quotes: list[Quote], claims: list[Claim], stances: list[Stance]) -> list[dict]:
        for c in claims:  # ids first: a statement may reject a claim made further down
            side = c.losses_of[0] if c.losses_of else c.category
            c.id = self.new_id(f"{c.claimant}-{side}-{c.measure}")
        claim_quotes = {(c.claimant, c.quote) for c in claims if c.quote}
        stance_at = {(st.speaker, st.sentence) for st in stances}
        groups: dict[tuple, dict] = {}
        order: list[tuple] = []

        def group(speaker, key):
            if key not in groups:
                groups[key] = {"speaker": speaker, "quotes": [], "claims": [], "spans": [], "conf": [],
                               "stances": [], "anchor": key[1], "attribution": None, "on_behalf_of": None,
                               "office": None, "medium": None}
                order.append(key)
            return groups[key]

        for q in quotes:
            if not q.speaker:
                continue
            para = self.text.rfind("\n", 0, q.anchor)
            sentence = next((x for sp, x in stance_at if sp == q.speaker and x <= q.start and
                             self.text.rfind("\n", 0, x) == para and not re.search(r"[.!?]\s", self.text[x:q.start])),
                            None)
            s = group(q.speaker, (q.speaker, para) if sentence is None else (q.speaker, para, sentence))
            if (q.speaker, q.text) not in claim_quotes:
                s["quotes"].append(q.text)
            s["spans"] += [(q.start, q.end), *q.speaker_spans]
            s["conf"].append(q.confidence)
            s["attribution"] = s["attribution"] or q.attribution
            s["on_behalf_of"] = s["on_behalf_of"] or q.on_behalf_of
            s["office"] = s["office"] or q.office
            s["medium"] = s["medium"] or q.medium
        for c in claims:
            if c.claimant == self.publisher:
                continue
            para = self.text.rfind("\n", 0, c.sentence)
            key = next((k for k in order if k[0] == c.claimant and k[1] == para and len(k) == 2), (c.claimant, para))
            s = group(c.claimant, key)
            s["claims"].append(c)
            s["spans"] += c.spans
            s["conf"].append(c.confidence)
            s["attribution"] = s["attribution"] or (c.sentence, c.sentence_end)
        for st in stances:
            para = self.text.rfind("\n", 0, st.sentence)
            s = group(st.speaker, (st.speaker, para, st.sentence))
            s["stances"].append(st)
            s["spans"] += st.spans
            s["conf"].append(st.confidence)
        unverified = bool(UNVERIFIED.search(self.text))
        out = []
        for key in order:
            out.append(self._statement(groups[key], unverified))
        return out

    def _statement(self, s: dict, unverified: bool) -> dict:
        speaker = s["speaker"]
        self.used.add(speaker)
        a, b = s["attribution"] or (min(x for x, _ in s["spans"]), max(y for _, y in s["spans"]))
        words = self.text[a:b]
        kind = "statement"
        if s["stances"] and any(st.kind == "rejects" for st in s["stances"]):
            kind = "denial"
        else:
            for pattern, t in TYPES:
                if pattern.search(words):
                    kind = t
                    break
        ident = self.new_id(f"{speaker}-{kind}")
        item: dict = {"id": ident, "type": kind, "speaker": speaker}
        office = s["office"]
        behalf = s["on_behalf_of"]
        if office and self.g.entities[speaker].type in ("person", "analyst"):
            post = office_post(self.g, office[2], behalf)
            self.holds.setdefault(speaker, set()).add(post.id)
            self.office_spans.setdefault(post.id, []).append(office[:2])
            self.used.add(post.id)
            behalf = behalf or post.affiliated_with
        if behalf and behalf != speaker:
            item["on_behalf_of"] = behalf
            self.used.add(behalf)
        date, sure, reason = self.date_in(a, b)
        item["date"] = date
        if s["medium"]:
            item["medium"] = s["medium"]
        quotes = list(dict.fromkeys(s["quotes"]))
        if quotes:
            item["quote"] = quotes[0] if len(quotes) == 1 else quotes
        summary = SUMMARY[kind].format(who=self.name(speaker))
        if s["claims"]:
            summary = f"{self.name(speaker)} gave casualty figures." if kind == "statement" else summary
        item["summary"] = summary
        rejects = [c.id for st in s["stances"] if st.kind == "rejects" for c in st.targets if c.id]
        declines = [c.id for st in s["stances"] if st.kind == "declines_to_confirm" for c in st.targets if c.id]
        if rejects:
            item["rejects"] = rejects
        if declines:
            item["declines_to_confirm"] = declines
        if s["claims"]:
            if unverified:
                item["verification"] = "not-independently-verified"
            item["claims"] = [self._claim(c, nested=True) for c in s["claims"]]
        confidence = min(s["conf"]) if s["conf"] else 0.5
        item["draft"] = draft_mark(s["spans"], min(confidence, sure + 0.3), reason)
        return item

    def _claim(self, c: Claim, nested: bool) -> dict:
        item: dict = {"id": c.id}
        if not nested:
            item["claimant"] = c.claimant
            self.used.add(c.claimant)
        if c.losses_of:
            item["losses_of"] = c.losses_of[0] if len(c.losses_of) == 1 else c.losses_of
            self.used.update(c.losses_of)
        item["category"] = c.category
        if c.group:
            item["group"] = c.group
        item["measure"] = c.measure
        if c.figure is not None:
            item["figure"] = c.figure
        if c.qualifier != "exactly" or c.figure is None:
            item["qualifier"] = c.qualifier
        if c.quote:
            item["quote"] = c.quote
        if not nested:
            item["date"] = self.published.isoformat()
        item["draft"] = draft_mark(c.spans, c.confidence)
        return item

    def own_claims(self, claims: list[Claim]) -> list[dict]:
        """The figures the article gives in its own voice: claims by the publisher."""
        unverified = bool(UNVERIFIED.search(self.text))
        out = []
        for c in claims:
            if c.claimant == self.publisher:
                item = self._claim(c, nested=False)
                if unverified:
                    item["verification"] = "not-independently-verified"
                out.append(item)
        return out

    def entities(self, mentions: list[Mention], used: set) -> tuple[list[dict], list[dict]]:
        """The new actors and places the draft names or uses, with their mentions' spans."""
        spans: dict[str, list] = {k: list(v) for k, v in self.office_spans.items()}
        conf: dict[str, float] = {k: 0.6 for k in self.office_spans}
        for m in mentions:
            spans.setdefault(m.id, []).append((m.start, m.end))
            conf[m.id] = max(conf.get(m.id, 0), m.confidence)
        new = {e.id for e in proposed(self.g, mentions)}
        wanted = new | {i for i in used if i in self.g.entities and not self.g.entities[i].stored}
        # what a new item points at must exist too
        todo = list(wanted)
        while todo:
            parent = self.g.entities[todo.pop()].affiliated_with
            if parent and parent in self.g.entities and not self.g.entities[parent].stored and parent not in wanted:
                wanted.add(parent)
                todo.append(parent)
        actors, places = [], []
        for ident in sorted(wanted, key=lambda i: (spans.get(i, [(10**9, 0)])[0][0], i)):
            e = self.g.entities[ident]
            item: dict = {"id": e.id, "type": e.type, "name": e.name}
            if e.kind == "actor":
                if e.affiliated_with and e.type == "post":
                    item["post_in"] = e.affiliated_with
                elif e.affiliated_with:
                    item["affiliated_with"] = e.affiliated_with
                if ident in self.holds:
                    item["holds"] = sorted(self.holds[ident])
            elif e.affiliated_with:
                item["in"] = e.affiliated_with
            where = spans.get(ident) or [s for i, sp in spans.items() if self.g.entities[i].affiliated_with == ident
                                         for s in sp]
            if ident == self.publisher and not where:
                pass  # named by --publisher, not drafted
            elif where:
                item["draft"] = draft_mark(where, conf.get(ident, 0.5))
            else:
                first = self.text.find("\n") if "\n" in self.text.strip() else len(self.text)
                item["draft"] = draft_mark([(0, max(first, 1))], 0.3,
                                           "not named in the article: made for an item that needs it")
            (actors if e.kind == "actor" else places).append(item)
        return actors, places


def read_article(path: str) -> tuple[str, str]:
    """(text, file name) of the article at ``path``, or of standard input for ``-``: UTF-8 without NUL
    characters (a binary file), within the ``article_chars`` limit, line ends made LF (spans count
    characters of this text). No more than the limit's worth of bytes is read: ``/dev/zero`` is too long."""
    import sys

    from ..errors import InputError, KGError
    from ..files import decode_text
    from ..limits import limit, over
    most = limit("article_chars") * 4  # UTF-8 takes at most four bytes a character
    if path == "-":
        name = "-"
        if sys.stdin is None:
            raise KGError("standard input is closed: give the article's file, or pipe it in")
        data = sys.stdin.buffer.read(most + 1)
    else:
        shown = os.fsencode(path).decode("utf-8", "replace")  # a name kg can print and write back
        name = shown.rsplit("/", 1)[-1]
        try:
            with open(path, "rb") as f:
                data = f.read(most + 1)
        except OSError as e:
            raise KGError(f"{shown}: cannot read the article: {e.strerror}") from None  # the request (2)
    where = "standard input" if name == "-" else shown
    if len(data) > most:
        raise InputError(f"the article is too long to draft: {over('article_chars')}", where)
    text = decode_text(data, where)
    if len(text) > limit("article_chars"):
        raise InputError(f"the article is too long to draft: {over('article_chars')}", where)
    if "\0" in text:
        raise InputError("a NUL character: this is a binary file, not an article's text", where,
                         text.count("\n", 0, text.index("\0")) + 1)
    if not text.strip():
        raise InputError("the article is empty: nothing to draft", where)
    return text.replace("\r\n", "\n").replace("\r", "\n"), name


def _check_outputs(article: str, output: str, html: str | None) -> None:
    """Refuse, before anything is read or written, to write the draft or its page over the article or
    over each other (``-o article.txt`` would replace the article with its draft)."""
    from ..errors import KGError
    from ..files import destination
    targets = {}
    for option, path in (("--output", output), ("--html", html)):
        if path is None or path == "-":
            continue
        target, in_place = destination(path)
        if in_place:
            continue  # a device or FIFO: /dev/null twice is fine
        real = os.path.realpath(target)
        if article != "-" and os.path.exists(real) and os.path.exists(article) and os.path.samefile(real, article):
            raise KGError(f"{option} {path} is the article itself: write the draft to another file")
        if real in targets:
            raise KGError(f"--output and --html are the same file ({path}): give each its own")
        targets[real] = option


def draft_files(article: str, output: str, *, published: dt.date, publisher: str | None = None,
                title: str | None = None, store_location: str | None = None, model: str | None = None,
                html: str | None = None) -> tuple[Draft, str]:
    """``kg draft``: draft the article at ``article`` (``-``: standard input) into ``output``
    (``-``: not written, the caller prints the YAML returned), and the review page into ``html``
    when asked. Nothing is written unless the whole draft succeeds."""
    from ..errors import KGError
    from ..files import write_all_atomically
    from ..limits import LIMITS, limit, over
    from ..namespaces import ID_PATTERN
    from .nlp import load_nlp
    from .writer import write_draft
    if publisher is not None and not ID_PATTERN.fullmatch(publisher):
        raise KGError(f"--publisher {publisher[:120]!r} must be an id (lowercase letters, digits, hyphens, "
                      f"at most {LIMITS['id_chars'].default} characters)")
    if title is not None and len(title) > limit("text_chars"):
        raise KGError(f"--title is too long: {over('text_chars')}")
    _check_outputs(article, output, html)
    text, name = read_article(article)
    nlp = load_nlp(model)
    if store_location is None:
        result = analyse(text, published=published, publisher=publisher, title=title, nlp=nlp, file=name)
    else:
        from ..store import open_store
        with open_store(store_location) as store:
            result = analyse(text, published=published, publisher=publisher, title=title, nlp=nlp, file=name,
                             store=store)
    writes = {}
    if html is not None:
        try:
            from .review import render_review
        except ImportError:
            raise KGError("the review page (--html) is not available in this version of kg") from None
        writes[html] = render_review(text, result.mapping, title=title or name)
    yaml_text = write_draft(result.mapping)
    if output != "-":
        writes[output] = yaml_text
    if writes:
        write_all_atomically(writes)
    return result, yaml_text
