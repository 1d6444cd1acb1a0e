"""The review page of a draft (``kg draft ... --html review.html``): one self-contained, offline HTML
file with the article on one side, each span a drafted item came from highlighted, and the drafted
items on the other, grouped by kind, the least sure first. Clicking a highlight selects its item
(again, on overlapping spans: the next one, shortest first); clicking an item highlights its spans.

The page is written here in full, every article character and every value escaped
(``html.escape``), values in ``<bdi>`` so that a right-to-left mark in one cannot reorder its
neighbours; the only script is ours, allowed by its hash in the Content-Security-Policy, which
allows nothing from the network (as the explorer's page: :mod:`kg.explorer.page`). A span that is
not a pair of offsets inside the article, and a ``draft`` mark that is not a mapping, are left out
with a note at the top of the page, never a crash.

Offsets are Python ``str`` offsets (code points) into the article, as kg.draft.model says; the
article is cut at every span boundary in Python, so the browser never counts characters (it
counts UTF-16 units, which differ on astral characters).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re

from ..explorer.page import _csp_hash, _json_for_script

#: The sections whose items the page lists, in the order of its groups.
KINDS = ("actors", "places", "events", "statements", "claims", "positions", "sources")
NOTES_LISTED = 100  # notes shown in full; the rest are counted

_STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1a202c; background: #f7fafc; }
header { padding: 8px 16px; background: #2d3748; color: #fff; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 2px 0 0; font-size: 13px; color: #e2e8f0; }
#notes { margin: 0; padding: 6px 16px 6px 32px; background: #fffbea; color: #744210; font-size: 13px; }
main { display: flex; height: calc(100vh - 60px); }
#article, #items { overflow: auto; padding: 12px 16px; }
#article { flex: 3; white-space: pre-wrap; unicode-bidi: isolate; background: #fff; border-right: 1px solid #cbd5e0; }
#items { flex: 2; }
mark { background: #fefcbf; border-bottom: 2px solid #d69e2e; cursor: pointer; color: inherit; }
mark.low { background: #fed7d7; border-bottom-color: #c53030; }
mark.high { background: #c6f6d5; border-bottom-color: #2f855a; }
mark.multi { border-bottom-style: double; border-bottom-width: 4px; }
mark.active { background: #90cdf4; outline: 2px solid #2b6cb0; }
h2 { font-size: 15px; margin: 14px 0 4px; text-transform: capitalize; }
ol { list-style: none; margin: 0; padding: 0; }
li.item { margin: 4px 0; padding: 6px 8px; border: 1px solid #cbd5e0; border-radius: 4px; background: #fff;
          cursor: pointer; }
li.item.active { border-color: #2b6cb0; box-shadow: 0 0 0 2px #90cdf4; }
.conf { float: right; font-variant-numeric: tabular-nums; font-weight: bold; }
.conf.low { color: #c53030; } .conf.high { color: #2f855a; }
.id { font-family: ui-monospace, monospace; font-weight: bold; }
dl { margin: 2px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; font-size: 13px; }
dt { color: #4a5568; } dd { margin: 0; overflow-wrap: anywhere; }
.reason { font-style: italic; font-size: 13px; color: #4a5568; }
.nospan { font-size: 12px; color: #718096; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var marks = Array.prototype.slice.call(document.querySelectorAll("#article mark[data-spans]"));
  var bySpan = {};
  marks.forEach(function (m) {
    m.getAttribute("data-spans").split(" ").forEach(function (s) { (bySpan[s] = bySpan[s] || []).push(m); });
  });
  var current = null;
  function clear() {
    document.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
  }
  function show(item, spans, scrollArticle) {
    clear();
    var li = document.getElementById("item-" + item);
    if (li) { li.classList.add("active"); if (!scrollArticle) li.scrollIntoView({block: "nearest"}); }
    spans.forEach(function (s) { (bySpan[s] || []).forEach(function (m) { m.classList.add("active"); }); });
    var first = spans.length && bySpan[spans[0]];
    if (scrollArticle && first) first[0].scrollIntoView({block: "nearest"});
    document.body.setAttribute("data-selected-item", String(item));
  }
  function onMark(m) {
    var spans = m.getAttribute("data-spans").split(" ").map(Number);
    spans.sort(function (a, b) { return data.length[a] - data.length[b] || a - b; });
    var i = current && current.mark === m ? (current.i + 1) % spans.length : 0;
    current = {mark: m, i: i};
    show(data.item[spans[i]], [spans[i]], false);
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () { onMark(m); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onMark(m); } });
  });
  document.querySelectorAll("li.item").forEach(function (li) {
    function pick() {
      current = null;
      var item = Number(li.getAttribute("data-item"));
      show(item, data.spans[item] || [], true);
    }
    li.addEventListener("click", pick);
    li.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
  });
  window.kgReview = {marks: marks.length, spans: data.item.length, select: function (item) {
    show(item, data.spans[item] || [], true); }};
  document.body.setAttribute("data-review-ready", "1");
})();
"""
_LONE = re.compile(r"[\ud800-\udfff\x00]")  # cannot be written as UTF-8 / is dropped by the HTML parser


def render_review(article_text: str, draft: dict, *, title: str | None = None) -> str:
    """The review page of ``draft`` (an authoring mapping as kg draft writes it, every drafted item
    with ``draft: {confidence, spans, reason}``) over ``article_text``, as one HTML document."""
    text = _LONE.sub("\ufffd", article_text)  # one code point for one: the offsets still hold
    notes: list[str] = []
    items = _items(draft if isinstance(draft, dict) else {}, notes)
    spans: list[tuple[int, int, int]] = []  # (start, end, item index), in the order of the items
    item_spans: list[list[int]] = []
    for index, item in enumerate(items):
        mine = []
        for raw in item["raw_spans"]:
            span = _span(raw, len(text))
            if span is None:
                notes.append(f"{item['kind'][:-1]} {_short(item['id'])}: span {_short(raw)} is not a [start, end] pair "
                             f"inside the article ({len(text):,} characters): left out")
                continue
            mine.append(len(spans))
            spans.append((*span, index))
        item_spans.append(mine)
    origin = draft.get("drafted_from") if isinstance(draft, dict) else None
    notes += _origin_notes(origin, article_text)
    data = {"item": [s[2] for s in spans], "length": [s[1] - s[0] for s in spans], "spans": item_spans}
    csp = "; ".join(["default-src 'none'", f"script-src {_csp_hash(_SCRIPT)}", f"style-src {_csp_hash(_STYLE)}",
                     "img-src 'none'", "connect-src 'none'", "font-src 'none'", "base-uri 'none'",
                     "form-action 'none'"])
    origin = origin if isinstance(origin, dict) else {}
    name = _value(origin.get("file"))
    heading = title or (f"Review of the draft of {'standard input' if name == '-' else name}" if name
                        else "Review of a draft")
    by = " ".join(_value(origin.get(k)) for k in ("pipeline", "version") if origin.get(k) is not None)
    drafted = sum(1 for it in items if it["drafted"])
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1><bdi>{_esc(heading)}</bdi></h1><p>{drafted} drafted item{'s' * (drafted != 1)}, "
        f"{len(spans)} span{'s' * (len(spans) != 1)} in an article of {len(text):,} characters"
        + (f", drafted by <bdi>{_esc(by)}</bdi>" if by else "") + ". Click a "
        "highlight to see its item (again: the next item on the same words); click an item to see its words. "
        "Red: confidence below 0.5; green: 0.8 or more.</p></header>",
        _notes(notes),
        f'<main><div id="article" lang="" dir="auto">{_article(text, spans, items)}</div>',
        f'<div id="items">{_item_list(items, item_spans, spans, text)}</div></main>',
        f'<script type="application/json" id="review-data">{_json_for_script(data)}</script>',
        f"<script>{_SCRIPT}</script></body></html>\n",
    ]
    return "".join(parts)


def _items(draft: dict, notes: list[str]) -> list[dict]:
    """The items of ``draft``, grouped by kind (:data:`KINDS`), each group the least sure first (a draft
    mark without a good confidence first of all, items without a draft mark last); claims nested in
    statements are listed with the claims."""
    found: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        entries = draft.get(kind)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            found[kind].append(_item(kind, entry, None, notes))
            nested = entry.get("claims") if kind == "statements" else None
            for claim in nested if isinstance(nested, list) else []:
                if isinstance(claim, dict):
                    found["claims"].append(_item("claims", claim, entry.get("id"), notes))
    out = []
    for kind in KINDS:
        out += sorted(found[kind], key=lambda it: (not it["drafted"], -1 if it["confidence"] is None else it["confidence"],
                                                   it["id"]))
    return out


def _item(kind: str, entry: dict, parent, notes: list[str]) -> dict:
    mark = entry.get("draft")
    confidence, raw_spans, reason = None, [], None
    if isinstance(mark, dict):
        confidence = _number(mark.get("confidence"))
        raw_spans = mark.get("spans") if isinstance(mark.get("spans"), list) else []
        reason = mark.get("reason")
        if confidence is None:
            notes.append(f"{kind[:-1]} {_short(entry.get('id'))}: its draft confidence "
                         f"{_short(mark.get('confidence'))} is not a number from 0 to 1")
    elif mark is not None:
        notes.append(f"{kind[:-1]} {_short(entry.get('id'))}: its 'draft' mark is not a mapping: left out")
    fields = [(k, _value(v)) for k, v in entry.items() if k not in ("id", "draft", "claims")]
    if parent is not None:
        fields.insert(0, ("in statement", _value(parent)))
    return {"kind": kind, "id": _value(entry.get("id")), "drafted": mark is not None, "confidence": confidence,
            "reason": reason,
            "raw_spans": raw_spans, "fields": fields}


def _number(v) -> float | None:
    if isinstance(v, bool):
        return None
    try:
        n = float(v)
    except (TypeError, ValueError):
        return None
    return n if 0 <= n <= 1 else None  # false for nan


def _int(v) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, str) and re.fullmatch(r"\d{1,15}", v):
        return int(v)
    return None


def _span(raw, length: int) -> tuple[int, int] | None:
    """``raw`` as (start, end) when it is a pair of offsets with 0 <= start < end <= ``length``."""
    if not isinstance(raw, (list, tuple)) or len(raw) != 2:
        return None
    start, end = _int(raw[0]), _int(raw[1])
    if start is None or end is None or not 0 <= start < end <= length:
        return None
    return start, end


def _value(v) -> str:
    """A YAML value as one line of text: lists joined with ", ", mappings as {key: value}."""
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    return "" if v is None else str(v)


def _short(v) -> str:
    text = _value(v)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _esc(text) -> str:
    return html.escape(_LONE.sub("\ufffd", str(text)), quote=True)


def _level(confidence: float | None) -> str:
    """How a confidence is coloured (an unknown one as a low one)."""
    if confidence is None or confidence < 0.5:
        return "low"
    return "high" if confidence >= 0.8 else "mid"


def _article(text: str, spans: list[tuple[int, int, int]], items: list[dict]) -> str:
    """The article cut at every span boundary: each piece inside spans is a ``<mark>`` naming them
    (``data-spans``, span numbers), coloured by the least sure of their items."""
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for n, (s, e, _) in enumerate(spans):
        starts.setdefault(s, []).append(n)
        ends.setdefault(e, []).append(n)
    open_spans: set[int] = set()
    out = []
    for a, b in itertools.pairwise(bounds):
        open_spans.difference_update(ends.get(a, ()))
        open_spans.update(starts.get(a, ()))
        piece = _esc(text[a:b])
        if open_spans:
            ids = sorted(open_spans)
            least = min((items[spans[n][2]]["confidence"] for n in ids if items[spans[n][2]]["confidence"] is not None),
                        default=None)
            out.append(f'<mark class="{_level(least)}{" multi" * (len(ids) > 1)}" tabindex="0" data-spans="{" ".join(map(str, ids))}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _item_list(items: list[dict], item_spans: list[list[int]], spans, text: str) -> str:
    out, kind = [], None
    for index, item in enumerate(items):
        if item["kind"] != kind:
            if kind is not None:
                out.append("</ol>")
            kind = item["kind"]
            out.append(f"<h2>{kind}</h2><ol>")
        conf = item["confidence"]
        shown = "reviewed" if not item["drafted"] else "?" if conf is None else f"{conf:.2f}"
        out.append(f'<li class="item" id="item-{index}" data-item="{index}" tabindex="0">'
                   f'<span class="conf {_level(conf) if item["drafted"] else ""}">{shown}</span>'
                   f'<bdi class="id">{_esc(item["id"])}</bdi>')
        if item["reason"] is not None:
            out.append(f'<div class="reason"><bdi>{_esc(_value(item["reason"]))}</bdi></div>')
        out.append("<dl>" + "".join(f"<dt>{_esc(k)}</dt><dd><bdi>{_esc(v)}</bdi></dd>" for k, v in item["fields"]))
        words = [text[spans[n][0]:spans[n][1]] for n in item_spans[index]]
        if words:
            out.append("<dt>words</dt><dd>" + " … ".join(f"<q><bdi>{_esc(w)}</bdi></q>" for w in words) + "</dd>")
        out.append("</dl>")
        if item["drafted"] and not item_spans[index]:
            out.append('<div class="nospan">no span in the article</div>')
        out.append("</li>")
    if kind is not None:
        out.append("</ol>")
    return "".join(out) or "<p>No items.</p>"


def _origin_notes(origin, article_text: str) -> list[str]:
    """Whether the article is the one the draft says it was drafted from (``drafted_from``)."""
    if not isinstance(origin, dict):
        return []
    notes = []
    digest = origin.get("sha256")
    if isinstance(digest, str) and digest != hashlib.sha256(article_text.encode("utf-8", "surrogatepass")).hexdigest():
        notes.append("this is not the article the draft was made from (its SHA-256 differs from drafted_from's): "
                     "the highlights may fall on other words")
    chars = _int(origin.get("chars"))
    if chars is not None and chars != len(article_text):
        notes.append(f"the draft was made from an article of {chars:,} characters; this one has {len(article_text):,}")
    return notes


def _notes(notes: list[str]) -> str:
    if not notes:
        return ""
    shown = [f"<li>{_esc(n)}</li>" for n in notes[:NOTES_LISTED]]
    if len(notes) > NOTES_LISTED:
        shown.append(f"<li>... and {len(notes) - NOTES_LISTED:,} more</li>")
    return f'<ul id="notes">{"".join(shown)}</ul>'
