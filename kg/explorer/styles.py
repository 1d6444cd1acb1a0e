"""How the explorer draws each kind of node and each relation: shapes, colours, the legend.

One table gives every known kind its legend text, vis-network shape, fill colour and group; another
every known relation its legend text, colour and dashes. Kinds and relations the tables do not know
get colours from a spare palette and a shape by their group, so that they stay distinct on a page.
A third says how an edge is drawn by how it stands across the sources (:data:`STANDINGS`): a
disputed edge in its own colour, dash-dot and marked, whatever its relation, so that print and
colour-blind readers see it too. :func:`legend` lists what a page shows, in legend order, with
these looks and their counts.

Pure data and string work: imports nothing but the standard library.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

# Shapes drawn with the label outside, so that node size can follow a number.
_SHAPES = ("dot", "square", "triangle", "triangleDown", "diamond", "hexagon", "star")

#: Every style of a kind, in one table: (kind, legend text, vis-network shape, fill
#: colour, group). Actors: round and square shapes, mostly Okabe-Ito colours. Events:
#: military ones are red and orange stars, diplomatic ones green diamonds (a ceasefire
#: blue), others brown squares. Statements: purple triangles; claims: gold triangles
#: pointing down; places: grey hexagons.
_KIND_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    ("State", "State", "dot", "#0072B2", "actor"),
    ("Government", "Government", "square", "#56B4E9", "actor"),
    ("ArmedForces", "Armed forces", "triangle", "#D55E00", "actor"),
    ("NonStateArmedGroup", "Non-state armed group", "triangleDown", "#8E1B1B", "actor"),
    ("InternationalOrganisation", "International organisation", "hexagon", "#009E73", "actor"),
    ("Person", "Person", "diamond", "#CC79A7", "actor"),
    ("Analyst", "Analyst", "diamond", "#7A5BA6", "actor"),
    ("MediaOutlet", "Media outlet", "square", "#E69F00", "actor"),
    ("Actor", "Actor", "dot", "#5F6B7A", "actor"),
    ("Event", "Event", "star", "#F0E442", "event"),
    ("MilitaryEvent", "Military event", "star", "#B2182B", "event"),
    ("Strike", "Strike", "star", "#D62728", "event"),
    ("AirStrike", "Air strike", "star", "#FF6F61", "event"),
    ("DroneStrike", "Drone strike", "star", "#FFA39E", "event"),
    ("RetaliatoryAttack", "Retaliatory attack", "star", "#8B1A4A", "event"),
    ("GroundOperation", "Ground operation", "star", "#A0522D", "event"),
    ("ArmedClash", "Armed clash", "star", "#F46D43", "event"),
    ("BorderClash", "Border clash", "star", "#FDAE61", "event"),
    ("CeasefireBreach", "Ceasefire breach", "star", "#67001F", "event"),
    ("Capture", "Capture", "star", "#C2185B", "event"),
    ("DiplomaticEvent", "Diplomatic event", "diamond", "#1B7837", "event"),
    ("NegotiationRound", "Negotiation round", "diamond", "#4DAF4A", "event"),
    ("Mediation", "Mediation", "diamond", "#66C2A5", "event"),
    ("Release", "Release", "diamond", "#A6D96A", "event"),
    ("Ceasefire", "Ceasefire", "diamond", "#2166AC", "event"),
    ("BorderClosure", "Border closure", "square", "#8C510A", "event"),
    ("PoliticalEvent", "Political event", "square", "#BF9F6F", "event"),
    ("Statement", "Statement", "triangle", "#6A3D9A", "statement"),
    ("Declaration", "Declaration", "triangle", "#9467BD", "statement"),
    ("DeclarationOfWar", "Declaration of war", "triangle", "#3F007D", "statement"),
    ("Appeal", "Appeal", "triangle", "#B39DDB", "statement"),
    ("ExpressionOfConcern", "Expression of concern", "triangle", "#7B7FC4", "statement"),
    ("OfferToNegotiate", "Offer to negotiate", "triangle", "#35978F", "statement"),
    ("Denial", "Denial", "triangle", "#AA4499", "statement"),
    ("Accusation", "Accusation", "triangle", "#E7298A", "statement"),
    ("Assessment", "Assessment", "triangle", "#5D6D7E", "statement"),
    ("Claim", "Claim", "triangleDown", "#E6AB02", "claim"),
    ("CasualtyClaim", "Casualty claim", "triangleDown", "#BF812D", "claim"),
    ("Place", "Place", "hexagon", "#9A9A8E", "place"),
    ("Country", "Country", "hexagon", "#6F7F80", "place"),
    ("Region", "Region", "hexagon", "#B5B59F", "place"),
    ("Province", "Province", "hexagon", "#8A8A70", "place"),
    ("City", "City", "hexagon", "#5A5A50", "place"),
    ("Border", "Border", "hexagon", "#C9C2A6", "place"),
)
#: kind -> (legend text, vis-network shape, fill colour), from the table above.
KIND_STYLES: dict[str, tuple[str, str, str]] = {k: (t, s, c) for k, t, s, c, _ in _KIND_TABLE}
#: kind -> the group it belongs to when the graph does not say.
KIND_GROUPS: dict[str, str] = {k: g for k, _, _, _, g in _KIND_TABLE}
#: Kind names the projections or imports may use -> the kind of the table they mean.
KIND_ALIASES: dict[str, str] = {
    "InternationalOrganization": "InternationalOrganisation",
    "Military": "ArmedForces",
    "ArmedGroup": "NonStateArmedGroup",
    "Media": "MediaOutlet",
    "Location": "Place",
}
#: group -> legend heading, in legend order; other groups follow, by name.
GROUP_LABELS: dict[str, str] = {
    "actor": "Actors",
    "event": "Events",
    "statement": "Statements",
    "claim": "Claims",
    "place": "Places",
}
# The shape given to a kind the table does not know, by its group.
_GROUP_SHAPES = {"event": "star", "statement": "triangle", "claim": "triangleDown", "place": "hexagon"}

#: relation -> (legend text, colour, dashed).
RELATION_STYLES: dict[str, tuple[str, str, bool]] = {
    "attacked": ("attacked", "#D62728", False),
    "fought": ("fought", "#8B0000", False),
    "accused": ("accused", "#FF7F0E", False),
    "threatened": ("threatened", "#E7298A", False),
    "mediated": ("mediated", "#2CA02C", False),
    "negotiated": ("negotiated", "#17BECF", False),
    "party-to-ceasefire": ("party to ceasefire", "#1F77B4", False),
    "ceasefire": ("ceasefire with", "#4A90D9", False),
    "appealed-to": ("appealed to", "#9467BD", False),
    "hosted": ("hosted", "#8C564B", False),
    "met": ("met", "#BCBD22", False),
    "signed": ("signed", "#0B6E4F", False),
    "captured": ("captured soldiers of", "#C2185B", False),
    "released": ("released soldiers of", "#66A61E", False),
    "border-closure": ("border closed with", "#8C510A", False),
    "OfferToNegotiate": ("offer to negotiate", "#35978F", False),
    "DeclarationOfWar": ("declaration of war", "#3F007D", False),
    "Appeal": ("appeal", "#7B68EE", False),
    "ExpressionOfConcern": ("expression of concern", "#7B7FC4", False),
    "Accusation": ("accusation", "#F1A340", False),
    "Denial": ("denial", "#C51B7D", True),
    "Assessment": ("assessment", "#5D6D7E", True),
    "denied": ("denied", "#AA4499", True),
    "rejected": ("rejected", "#882255", True),
    "claimed": ("claimed", "#E377C2", True),
    "rival": ("rival figure", "#E6AB02", True),
    "about": ("about", "#BF812D", True),
    "holds-post": ("holds post", "#7F7F7F", True),
    "member-of": ("member of", "#A0A0A0", True),
    "affiliated-with": ("acts for", "#909090", True),
    "based-in": ("based in", "#C0C0C0", True),
    "located-in": ("located in", "#B8B8B8", True),
    "participated-in": ("participated in", "#6B7B8C", False),
}

# Dashes of a relation drawn dashed, and of an edge that rests only on reports (relations drawn
# solid otherwise).
DASHED = (6, 4)
REPORTED_DASHES = (2, 5)

#: A disputed edge (someone denies what it rests on), whatever its relation: dark red, dash-dot,
#: its label marked, so that neither print nor a colour-blind reader loses it.
DISPUTED_COLOUR = "#A50026"
DISPUTED_DASHES = (10, 4, 2, 4)
DISPUTED_MARK = "\u26a0"  # ⚠, in front of its label on the canvas and in the legend

#: How an edge stands across the sources (the projections' ``status``: the firmest of the items
#: behind it), firmest first: status -> (legend text, what it means, its line in the legend).
#: Corroborated and stated edges are drawn as their relation is; reported ones dotted (unless
#: their relation is dashed); disputed ones as above.
STANDINGS: dict[str, tuple[str, str, str]] = {
    "corroborated": ("corroborated", "asserted by two independent sources or more", "solid"),
    "stated": ("stated", "stated by one source in its own voice", "solid"),
    "reported": ("reported only", "resting on one side's word (dotted)", "dotted"),
    "disputed": (f"{DISPUTED_MARK} disputed", "denied by someone (dark red, dash-dot)", "dashdot"),
    "draft": ("draft (unreviewed)", "proposed by kg draft, not yet reviewed (dotted)", "dotted"),
}
# The colour of a standing's line in the legend when the edges keep their relation's colour.
_STANDING_LINE = "#4a5568"

# Colours for kinds and relations the tables above do not know, in order of name.
_EXTRA_COLOURS = (
    "#8C6D31", "#393B79", "#637939", "#D6616B", "#5F6B7A", "#B5CF6B",
    "#7B4173", "#E7BA52", "#3A9C9B", "#9ECAE9", "#F7B6D2", "#252525",
)
#: The kind, relation and group of nodes and edges that do not say.
DEFAULT_KIND = "Unknown"
DEFAULT_RELATION = "related"
DEFAULT_GROUP = "other"


@functools.lru_cache(maxsize=4096)
def shade(colour: str, factor: float) -> str:
    """Darken (factor < 1) or lighten (factor > 1) a #rrggbb colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    if factor < 1:
        r, g, b = (round(c * factor) for c in (r, g, b))
    else:
        t = factor - 1
        r, g, b = (round(c + (255 - c) * t) for c in (r, g, b))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, c)) for c in (r, g, b)))


def node_colours(colour: str) -> dict[str, Any]:
    """vis-network's colours of a node filled with ``colour``: border, highlight and hover."""
    return {
        "background": colour,
        "border": shade(colour, 0.6),
        "highlight": {"background": shade(colour, 1.35), "border": shade(colour, 0.45)},
        "hover": {"background": shade(colour, 1.2), "border": shade(colour, 0.45)},
    }


def edge_colours(colour: str) -> dict[str, Any]:
    """vis-network's colours of an edge drawn in ``colour``, highlighted and hovered darker."""
    return {"color": colour, "highlight": shade(colour, 0.7), "hover": shade(colour, 0.7), "inherit": False}


def shape_properties(kind: str) -> dict[str, Any] | None:
    """vis-network's ``shapeProperties`` of a kind's nodes, if any: an analyst's border is dashed."""
    return {"borderDashes": [3, 2]} if KIND_ALIASES.get(kind, kind) == "Analyst" else None


def words(key: str) -> str:
    """'NonStateArmedGroup' -> 'Non state armed group'; 'holds-post' -> 'holds post'."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("-", " ").replace("_", " ")
    spaced = " ".join(spaced.split())
    return spaced[:1].upper() + spaced[1:].lower() if spaced else key


def kind_styles(kinds: Mapping[str, str]) -> dict[str, tuple[str, str, str]]:
    """Style of every kind present (``kinds``: kind -> group): from :data:`KIND_STYLES`, or
    else, for kinds it does not know (sorted by name), the next colour of a spare palette and
    the shape of the kind's group (a shape in turn for actors and others), so that they stay
    distinct on one page."""
    styles: dict[str, tuple[str, str, str]] = {}
    unknown = []
    for kind in sorted(kinds):
        canonical = KIND_ALIASES.get(kind, kind)
        if canonical in KIND_STYLES:
            styles[kind] = KIND_STYLES[canonical]
        else:
            unknown.append(kind)
    for i, kind in enumerate(unknown):
        colour = _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]
        shape = _GROUP_SHAPES.get(kinds[kind]) or _SHAPES[(i + 2 + i // len(_EXTRA_COLOURS)) % len(_SHAPES)]
        styles[kind] = (words(kind) or DEFAULT_KIND, shape, colour)
    return styles


def relation_styles(relations: set[str]) -> dict[str, tuple[str, str, bool]]:
    """Style of every relation present, as :func:`kind_styles` does for kinds."""
    styles: dict[str, tuple[str, str, bool]] = {}
    unknown = []
    for relation in sorted(relations):
        if relation in RELATION_STYLES:
            styles[relation] = RELATION_STYLES[relation]
        else:
            unknown.append(relation)
    for i, relation in enumerate(unknown):
        dashed = (i // len(_EXTRA_COLOURS)) % 2 == 1
        styles[relation] = (words(relation).lower() or relation, _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)], dashed)
    return styles


def group_label(group: str) -> str:
    """The legend heading of a group of kinds."""
    return GROUP_LABELS.get(group) or words(group) or group


def _group_order(group: str) -> tuple[int, str]:
    order = list(GROUP_LABELS)
    return (order.index(group), "") if group in GROUP_LABELS else (len(order), group)


def legend(
    kinds: Mapping[str, int],
    kind_groups: Mapping[str, str],
    kind_looks: Mapping[str, tuple[str, str, str]],
    relations: Mapping[str, int],
    relation_looks: Mapping[str, tuple[str, str, bool]],
    relation_labels: Mapping[str, str],
    standings: Mapping[str, int],
) -> dict[str, Any]:
    """The page's legend: each kind shown (``kinds``: kind -> number of nodes) with its look
    and group, by group then most frequent; each relation shown (``relations``: relation ->
    number of edges) with its look, most frequent first, in the projection's own words
    (``relation_labels``) when it gives them; and each standing of the edges (``standings``:
    status -> number of edges), firmest first, unless every edge is stated (nothing to tell
    apart, nothing to filter)."""
    return {
        "kinds": [
            {
                "kind": kind,
                "label": kind_looks[kind][0],
                "shape": kind_looks[kind][1],
                "color": kind_looks[kind][2],
                "border": shade(kind_looks[kind][2], 0.6),
                "group": kind_groups[kind],
                "count": count,
            }
            for kind, count in sorted(kinds.items(), key=lambda kv: (_group_order(kind_groups[kv[0]]), -kv[1], kv[0]))
        ],
        "relations": [
            {
                "relation": relation,
                "label": relation_labels.get(relation, relation_looks[relation][0]),
                "color": relation_looks[relation][1],
                "dashed": relation_looks[relation][2],
                "count": count,
            }
            for relation, count in sorted(relations.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "standings": [
            {
                "status": status,
                "label": label,
                "meaning": meaning,
                "line": line,
                "color": DISPUTED_COLOUR if status == "disputed" else _STANDING_LINE,
                "count": standings[status],
            }
            for status, (label, meaning, line) in STANDINGS.items()
            if standings.get(status)
        ] if any(count and status != "stated" for status, count in standings.items()) else [],
    }
