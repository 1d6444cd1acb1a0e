"""PA-X peace agreements (PeaceRep, pax.peaceagreements.org): the agreements CSV of any version
(266 columns in the 1,868-agreement file, 267 in v6, 279 in v10), read by column name, with or
without a byte-order mark, CRLF or LF inside cells.

Each row is one agreement, ``id:pax-agreement-<AgtId>``, dated by ``Dat`` (a day), typed from its
``Stage``: Cea a mkg:CeasefireAgreement (when two sides are known, else a plain mkg:Agreement),
Pre a mkg:PreNegotiationAgreement, the others (substantive, implementation, renewal, other) an
mkg:Agreement; ``Stage/StageSub`` and ``Status`` are kept as its mkg:agreementStage and
mkg:agreementStatus. It belongs to its peace process (``PP``/``PPName``: ``id:pax-process-<PP>``,
an mkg:PeaceProcess with the agreement as sub-event), lies in the countries of ``Con`` (``/``
between countries; a name in parentheses is a region inside the first), and points at its UCDP
conflict (``UcdpCon``: ``id:ucdp-conflict-<n>``, an mkg:ArmedConflict identified ``ucdp:<n>``).

``Part`` and ``ThrdPart`` are free text copied from the agreement (:func:`entries`): its sides and
third parties become actors through the alias table (new ones flagged for review), third parties
with the roles their labels give ("Witnessed by:", "(observer)", "Guarantors:", "Facilitator"):
mediator, guarantor, witness, observer, signatory, else mkg:thirdParty. A third party with no
label is a mediator when the agreement's title names it in a mediation ("... Through the
Mediation of Türkiye and Qatar"). The raw texts are kept (mkg:partiesText, mkg:thirdPartiesText).

The import's source is published by PA-X (``dcterms:publisher id:pa-x``). Where the store holds
a mediation with the same mediators between the same sides whose dates include the agreement's day
(one only), the import adds PA-X's account of it (mediators, sides, and that it produced the
agreement), so the mediation stands on two independent sources (kg/sparql/attribution.py).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import InputError
from ..namespaces import ET, MKG
from ..sparql.named import internal_query
from ..vocabulary import kebab
from . import nquads as nq
from .aliases import normalise
from .core import CsvDataset, Importer, RowError

REQUIRED = ("Con", "PP", "PPName", "AgtId", "Agt", "Dat", "Status", "Stage", "StageSub", "Part", "ThrdPart",
            "UcdpCon")
MISSING = {"", "na", "n/a"}  # after strip and casefold: '', ' ', 'NA', 'NA ', 'N/A'
STAGES = {"Pre": "PreNegotiationAgreement", "SubPar": "Agreement", "SubComp": "Agreement", "Imp": "Agreement",
          "Ren": "Agreement", "Cea": "CeasefireAgreement", "Oth": "Agreement"}
ROLE_WORDS = [  # (role property, words that name it in a label)
    ("mediator", re.compile(r"mediat|facilitat|\bconciliat(?:or|eur|ador)|moderator|convenor|convener|good offices", re.I)),
    ("guarantor", re.compile(r"guarant|garant", re.I)),
    ("witness", re.compile(r"witness|testigo|t[ée]moin|presence of|presencia de|pr[ée]sence de", re.I)),
    ("observer", re.compile(r"observ", re.I)),
    ("signatory", re.compile(r"signator", re.I)),
]
# "Witnessed by X", "In the presence of: X", "As witnesses and depositaries: X": a label before names
LEADING_LABEL = re.compile(r"^((?:signed )?(?:witnessed by|in the presence of|as witnesses?(?: and depositaries)?)"
                           r"|witness(?:es)?)\b[\s:,]*", re.I)
TRAILING_LABEL = re.compile(r",?\s+as (?:an? )?((?:witness|observer|guarantor|mediator|facilitator)s?)\.?$", re.I)
HEADING = re.compile(r"^([^:]{1,60}?):\s*(.*)$")
ON_BEHALF = re.compile(r"^(?:(?:for|on behalf of|in behalf of|for and on behalf of|representatives? (?:from|of))\s+)+"
                       r"(?:the\s+)?", re.I)
PARENS = re.compile(r"\(([^()]*)\)")
MARKERS = re.compile(r"\[[^\]]*\]|\((?:signed|signature[^)]*|unsigned)\)|^signed:?\s*", re.I)
BULLET = re.compile(r"^(?:[-–•*]|\d{1,2}[.)]|[IVX]{1,4}[.)])\s*")
NOISE = re.compile(r"\b(?:signed|unsigned|signatures?|illegible|legible|page|version|listed|stated|copy|notes?|"
                   r"unknown|following|agreement|declaration|mentioned|sources?)\b", re.I)
STATE_FORM = re.compile(r"^(?:the\s+)?(?:(?:federal|federative|islamic|democratic|bolivarian|united|people's|"
                        r"plurinational|arab)\s+)*(?:republic|state|kingdom|confederation|emirate|sultanate)\s+of\s+"
                        r"(?:the\s+)?", re.I)
MEDIATED_BY = re.compile(r"mediat|facilitat", re.I)
SPACES = str.maketrans({"\xa0": " ", "\u2028": "\n", "\u2029": "\n", "\u200b": "", "\t": " ", "\r": ""})
MAX_WORDS, MAX_CHARS = 10, 100
PARTY, TIME = nq.mkg("party"), nq.mkg("time")


def read(path: Path, ctx, options) -> None:
    file = str(path)
    with CsvDataset(path, ctx, "a PA-X agreements file", every=500) as data:
        columns = [c.strip() for c in data.header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise InputError("not a PA-X agreements file: the header lacks " + ", ".join(missing), file, 1)
        index = {c: columns.index(c) for c in REQUIRED}
        publisher = ctx.canonical("pa-x")
        ctx.quad(ctx.source, nq.PUBLISHER, publisher)  # the dataset speaks: accordingTo names PA-X
        mediations = _mediations(ctx)
        for line, row in data.rows():
            r = {c: row[i].strip() for c, i in index.items()}
            r = {c: "" if v.casefold() in MISSING else v for c, v in r.items()}
            try:
                _row(r, ctx, mediations)
            except RowError as e:
                ctx.reject(line, e)
    ctx.progress(1.0)


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):  # PA-X writes ISO; a copy edited in a spreadsheet, day/month/year
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError("bad date", f"Dat {text[:30]!r} (expected 2025-10-30)")


def _row(r: dict, ctx, mediations: list) -> None:
    agt_id = r["AgtId"]
    if not agt_id.isascii() or not agt_id.isdigit() or len(agt_id) > 9:
        raise RowError("bad AgtId", repr(agt_id[:30]))
    if not r["Agt"]:
        raise RowError("no title", "Agt is empty")
    day = _date(r["Dat"])
    stage = r["Stage"]
    if stage not in STAGES:
        raise RowError("unknown stage", f"Stage {stage[:20]!r} (PA-X uses {', '.join(STAGES)})")
    node = nq.node("pax-agreement-" + agt_id)
    if ctx.known(node):
        ctx.summary.duplicates_merged += 1
        return
    title = " ".join(r["Agt"].split())
    sides = _actors(ctx, entries(r["Part"]))
    third = _actors(ctx, entries(r["ThrdPart"], third_party=True))
    parties = list(dict.fromkeys(a for a, _ in sides))
    cls = STAGES[stage]
    if cls == "CeasefireAgreement" and len(parties) < 2:
        cls = "Agreement"  # a ceasefire has two sides or more (CeasefireShape)
    in_title = normalise(title) if MEDIATED_BY.search(title) else ""
    roles = []
    for actor, (name, labelled) in third:
        found = labelled or ({"mediator"} if in_title and any(normalise(v) in in_title for v in _variants(name))
                          else {"thirdParty"})
        roles += [(nq.mkg(role), actor) for role in sorted(found)]
    time_node = ctx.day(day)
    pairs = [(nq.TYPE, nq.mkg(cls)), (nq.LABEL, nq.literal(title)), (TIME, time_node),
             (nq.EVENT_TYPE, f"<{ET[kebab(cls)]}>"), (nq.DERIVED, ctx.source),
             (nq.IDENTIFIER, nq.literal("pax:" + agt_id)),
             (nq.mkg("agreementStage"), nq.literal(stage + ("/" + r["StageSub"] if r["StageSub"] else "")))]
    pairs += [(PARTY, a) for a in parties]
    pairs += list(dict.fromkeys(roles))
    if r["Status"]:
        pairs.append((nq.mkg("agreementStatus"), nq.literal(r["Status"])))
    pairs += [(nq.HAS_PLACE, place) for place in _countries(ctx, r["Con"])]
    for number in re.findall(r"[0-9]{1,9}", r["UcdpCon"]):
        pairs.append((nq.mkg("inConflict"), _conflict(ctx, number)))
    for col, prop in (("Part", "partiesText"), ("ThrdPart", "thirdPartiesText")):
        if r[col]:
            pairs.append((nq.mkg(prop), nq.literal(r[col].translate(SPACES))))
    ctx.quads(node, pairs)
    ctx.summary.events_added += 1
    if r["PP"]:
        _process(ctx, r["PP"], r["PPName"], node)
    mediators = {a for p, a in roles if p == nq.mkg("mediator")}
    if mediators:
        _same_mediation(ctx, mediations, node, mediators, set(parties), day)


# -- the free text of Part and ThrdPart -----------------------------------------------------------

def entries(text: str, third_party: bool = False) -> list[tuple[str, frozenset]]:
    """The actors a PA-X ``Part`` or ``ThrdPart`` cell names, each with the roles its labels give:
    ``[("Portugal", {"mediator"}), ("US", {"observer"}), ...]``. Entries are separated by line
    breaks and ``;`` (by ``,`` where every piece is a short name); a label line ("Witnesses:",
    "Guarantor Countries:", "Witnessed by") gives its role to the entries after it until the next
    label; "(observer)" or ", as witness" gives one entry its role; "For the X:" names the actor
    X (the people who signed for it are not kept). Prose (long lines, notes about signatures) is
    left out. Roles are read only for third parties (``third_party``)."""
    out: list[tuple[str, frozenset]] = []
    context: frozenset = frozenset()
    for raw in text.translate(SPACES).split("\n"):
        line = BULLET.sub("", MARKERS.sub("", raw).strip()).strip()
        if not line:
            continue
        label = LEADING_LABEL.match(line)
        if label and third_party:
            context = _roles(label.group(1))
            line = line[label.end():]
        head = HEADING.match(line)
        if head and len(head.group(1).split()) <= 8:  # "Guarantors: ...", "For the GPH: ...", "Page 3:"
            name, line = head.group(1).strip(), head.group(2)
            if ON_BEHALF.match(name):
                out += _pieces(ON_BEHALF.sub("", name), context, third_party)
                continue
            if third_party:
                context = _roles(name)
        elif third_party and len(line.split()) <= 4 and _roles(line) and not PARENS.search(line):
            context = _roles(line)  # "Witness", "Observers", "Lead Mediators"
            continue
        for part in line.split(";"):
            out += _pieces(part, context, third_party)
    return list(dict.fromkeys(out))


def _roles(text: str) -> frozenset:
    return frozenset(role for role, words in ROLE_WORDS if words.search(text))


def _pieces(text: str, context: frozenset, third_party: bool) -> list[tuple[str, frozenset]]:
    """The entries of one line's segment: split at commas when each piece is a short name."""
    tail = TRAILING_LABEL.search(text) if third_party else None
    if tail:  # "X, Transitional Administrator, as witness": the label is the whole segment's
        context, text = context | _roles(tail.group(1)), text[:tail.start()]
    pieces = text.split(",")
    if len(pieces) < 2 or any(len(PARENS.sub("", p).split()) > 5 for p in pieces):
        pieces = [text]
    out = []
    for piece in pieces:
        roles = set(context)
        for inner in PARENS.findall(piece):
            found = _roles(inner)
            if found or NOISE.search(inner):
                if third_party:
                    roles |= found
                piece = piece.replace(f"({inner})", " ")
        name = ON_BEHALF.sub("", " ".join(piece.split()).strip(" ,.;:-–"))
        if name.lower().startswith("the "):
            name = name[4:]
        if (2 <= len(name) <= MAX_CHARS and len(name.split()) <= MAX_WORDS and name[0].isalpha()
                and not NOISE.search(name) and not (len(name.split()) <= 2 and _roles(name))):
            out.append((name, frozenset(roles)))
    return out


def _variants(name: str) -> list[str]:
    """The name, and the name without a state's form ("State of Qatar" -> "Qatar")."""
    short = STATE_FORM.sub("", name)
    return [name, short] if short and short != name else [name]


def _actors(ctx, found) -> list[tuple[str, tuple]]:
    """(node, (name, roles)) for each entry: a known actor through the alias table, else a new
    one (flagged for review)."""
    out = []
    for name, roles in found:
        ident = next((i for v in _variants(name) if (i := ctx.aliases.actor(v))), None)
        node = ctx.canonical(ident) if ident else ctx.new_node("pax-actor-" + nq.slug(name), [nq.mkg("Actor")], name)
        out.append((node, (name, roles)))
    return out


# -- places, processes, conflicts ------------------------------------------------------------------

def _countries(ctx, con: str) -> list[str]:
    """The places of ``Con``: countries separated by ``/``; a name in parentheses (PA-X v10's
    sub-state entities: ``Philippines/(Mindanao)``) is a region inside the first country."""
    out: list[str] = []
    first = None
    for name in (n.strip() for n in con.split("/")):
        inner = name.startswith("(") and name.endswith(")")
        if inner:
            name = name[1:-1].strip()
        if not name:
            continue
        if inner and first:
            node = ctx.new_node(f"pax-place-{nq.slug(first[1], 30)}-{nq.slug(name, 40)}", [nq.mkg("Region")], name,
                                review=False, extra=[(nq.mkg("locatedIn"), first[0])])
        else:
            ident = ctx.aliases.actor(name) or ctx.aliases.place(name)
            node = ctx.canonical(ident) if ident else ctx.new_node("pax-country-" + nq.slug(name), [nq.mkg("Country")],
                                                                    name, review=False)
            first = first or (node, name)
        out.append(node)
    return list(dict.fromkeys(out))


def _process(ctx, number: str, name: str, agreement: str) -> None:
    node = nq.node("pax-process-" + nq.slug(number, 20))
    if ctx.first_time(node) and not ctx.exists(node):
        ctx.quads(node, [(nq.TYPE, nq.mkg("PeaceProcess")), (nq.LABEL, nq.literal(name or f"PA-X process {number}")),
                         (nq.IDENTIFIER, nq.literal("pax-process:" + number)), (nq.DERIVED, ctx.source)])
    ctx.quad(node, nq.SUB_EVENT, agreement)


def _conflict(ctx, number: str) -> str:
    """The UCDP conflict ``number`` (UCDP's conflict_new_id): ``id:ucdp-conflict-<number>``."""
    node = nq.node("ucdp-conflict-" + number)
    if ctx.first_time(node) and not ctx.exists(node):
        ctx.quads(node, [(nq.TYPE, nq.mkg("ArmedConflict")), (nq.LABEL, nq.literal(f"UCDP conflict {number}")),
                         (nq.IDENTIFIER, nq.literal("ucdp:" + number))])
    return node


# -- the same mediation in another source ----------------------------------------------------------

def _mediations(ctx) -> list[tuple[str, frozenset, frozenset, dt.date, dt.date]]:
    """The store's mediations: (node, mediators, sides, first day, last day)."""
    found: dict[str, list] = {}
    for row in ctx.select(internal_query("import-mediations")):
        m = found.setdefault(row["m"], [set(), set(), row["from"], row["to"]])
        m[0].add(f"<{row['mediator']}>")
        m[1].add(f"<{row['party']}>")
    out = []
    for node, (mediators, parties, first, last) in found.items():
        try:
            out.append((f"<{node}>", frozenset(mediators), frozenset(parties), dt.date.fromisoformat(first),
                        dt.date.fromisoformat(last)))
        except ValueError:
            continue
    return out


def _same_mediation(ctx, mediations, agreement: str, mediators: set, parties: set, day: dt.date) -> None:
    same = [m for m, ms, ps, first, last in mediations if ms == mediators and ps == parties and first <= day <= last]
    if len(same) != 1:
        return  # none, or several that could be meant: no guess
    ctx.quads(same[0], [(nq.DERIVED, ctx.source), *((nq.mkg("mediator"), m) for m in sorted(mediators)),
                        *((PARTY, p) for p in sorted(parties)), (nq.mkg("produced"), agreement)])


IMPORTER = Importer("pa-x", "1", "PA-X peace agreements", read,
                    reads=tuple(str(MKG[p]) for p in ("mediator", "party", "time", "notBefore", "notAfter")))
