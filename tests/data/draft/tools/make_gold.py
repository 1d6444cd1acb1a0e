"""Build NN-slug.gold.json from the article (.txt), its gold YAML and an annotation spec.

The spec (tools/spec/NN-slug.spec.yaml) holds only what the YAML cannot: where in the text each quote,
date expression, mention and event trigger is. Claims, event types/dates/places and quote speakers
are read from the gold YAML, so the key cannot drift from it. Offsets are Python str offsets into the
.txt read as UTF-8. Run: /work/venv/bin/python tools/make_gold.py [--dir DIR] [NN ...]
(--dir: another set laid out the same way, such as tests/data/draft-dev; default: this test set).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[4]  # the repository holding tests/data/draft/tools
sys.path.insert(0, str(REPO))
from kg.authoring.dates import parse_date  # noqa: E402  (the project's own date semantics)


HERE = Path(__file__).resolve().parent.parent
SPEC = HERE / "tools" / "spec"
OPEN_QUOTES = "“\"‘'"
CLOSE_QUOTES = "”\"’'"


def occurrences(text: str, needle: str, word: bool) -> list[int]:
    pat = re.escape(needle)
    if word:
        pat = r"(?<![\w-])" + pat + r"(?![\w])"
    return [m.start() for m in re.finditer(pat, text)]


def nth(text: str, needle: str, n: int = 1, word: bool = False, after: int = 0) -> int:
    found = [o for o in occurrences(text, needle, word) if o >= after]
    if len(found) < n:
        raise SystemExit(f"{needle!r}: occurrence {n} not found (found {len(found)})")
    return found[n - 1]


def body_start(text: str) -> int:
    """Offset just past the publisher/date line (line 2): that line is metadata, not article text."""
    first = text.index("\n")
    second = text.index("\n", first + 1)
    return second + 1


def header_span(text: str) -> tuple[int, int]:
    first = text.index("\n")
    return first + 1, text.index("\n", first + 1)


def load_yaml_doc(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string


def as_list(v):
    return [] if v is None else (v if isinstance(v, list) else [v])


def yaml_claims(doc) -> list[dict]:
    out = []

    def one(c, speaker=None):
        claimant = c.get("claimant") or speaker
        figure = c.get("figure")
        qualifier = c.get("qualifier") or ("exactly" if figure is not None else None)
        out.append({
            "id": c["id"], "claimant": claimant, "measure": c["measure"],
            "figure": int(figure) if figure is not None else None, "qualifier": qualifier,
            "losses_of": as_list(c.get("losses_of")), "category": c.get("category"),
        })

    for st in doc.get("statements") or []:
        speakers = as_list(st.get("speaker"))
        for c in st.get("claims") or []:
            one(c, speakers[0] if len(speakers) == 1 else None)
    for c in doc.get("claims") or []:
        one(c)
    return out


def yaml_quotes(doc) -> list[tuple[str, str]]:
    """(speaker, quote) for every quote in the YAML: statements' quotes and claims' quotes."""
    out = []
    for st in doc.get("statements") or []:
        speakers = as_list(st.get("speaker"))
        for q in as_list(st.get("quote")):
            out.append((speakers[0] if len(speakers) == 1 else "|".join(speakers), " ".join(q.split())))
        for c in st.get("claims") or []:
            for q in as_list(c.get("quote")):
                out.append((c.get("claimant") or speakers[0], " ".join(q.split())))
    for c in doc.get("claims") or []:
        for q in as_list(c.get("quote")):
            out.append((c["claimant"], " ".join(q.split())))
    return out


def build(stem: str) -> dict:
    text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
    doc = load_yaml_doc(HERE / f"{stem}.yaml")
    spec = yaml.load((SPEC / f"{stem}.spec.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    hstart, hend = header_span(text)
    problems = []

    # ---- quotes
    quotes = []
    for entry in spec.get("quotes") or []:
        speaker, qtext = entry[0], entry[1]
        n = int(entry[2]) if len(entry) > 2 else 1
        s = nth(text, qtext, n)
        e = s + len(qtext)
        if text[s - 1] not in OPEN_QUOTES:
            problems.append(f"quote {qtext[:30]!r} does not start right after a quotation mark")
        if text[e] not in CLOSE_QUOTES and not (text[e] == "," and text[e + 1] in CLOSE_QUOTES):
            problems.append(f"quote {qtext[:30]!r} does not end at a quotation mark (or ', + mark')")
        speakers = speaker.split("|")  # a joint statement: every speaker, the first one as "speaker"
        quotes.append({"start": s, "end": e, "text": qtext, "speaker": speakers[0], "speakers": speakers})
    # every quotation-mark span in the body is annotated (nothing left out by mistake)
    covered = {(q["start"]) for q in quotes}
    for m in re.finditer(r"[“\"]([^”\"]+)[”\"]", text[body_start(text):]):
        s = body_start(text) + m.start(1)
        if s not in covered:
            problems.append(f"unannotated quotation: {m.group(1)[:50]!r}")
    # the YAML's quotes and the key's quotes are the same, with the same speakers
    key_pairs = sorted(("|".join(q["speakers"]), q["text"].rstrip(",")) for q in quotes)
    yaml_pairs = sorted(yaml_quotes(doc))
    if key_pairs != yaml_pairs:
        problems.append(f"quotes differ between YAML and key:\n  only key: {sorted(set(key_pairs) - set(yaml_pairs))}\n"
                        f"  only YAML: {sorted(set(yaml_pairs) - set(key_pairs))}")

    # ---- dates
    dates = []
    for entry in spec.get("dates") or []:
        dtext, expr = entry[0], entry[1]
        n = int(entry[2]) if len(entry) > 2 else 1
        s = nth(text, dtext, n, word=True)
        ext = parse_date(expr)
        dates.append({"start": s, "end": s + len(dtext), "text": dtext, "not_before": ext.not_before.isoformat(),
                      "not_after": ext.not_after.isoformat(), "expression": expr, "precision": ext.precision})

    # ---- mentions: longest match first, no overlaps, never in the publisher/date line
    candidates = []
    for entry in spec.get("mentions") or []:
        surface, ident = entry[0], entry[1]
        only = [int(x) for x in entry[2]] if len(entry) > 2 else None
        for i, s in enumerate(occurrences(text, surface, word=True), start=1):
            if hstart <= s < hend:
                continue
            if only is not None and i not in only:
                continue
            candidates.append((s, s + len(surface), surface, ident))
    excluded = set()
    for entry in spec.get("not_mentions") or []:
        surface, n = entry[0], int(entry[1])
        s = nth(text, surface, n, word=True)
        excluded.add((s, s + len(surface)))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, str]] = []
    for c in candidates:
        if any(not (c[1] <= t[0] or c[0] >= t[1]) for t in taken):
            continue
        taken.append(c)
    mentions = [{"start": s, "end": e, "text": t, "id": i} for s, e, t, i in sorted(taken) if (s, e) not in excluded]
    for s, e in excluded:
        if not any(m["start"] == s and m["end"] == e for m in [{"start": t[0], "end": t[1]} for t in taken]):
            problems.append(f"not_mentions entry at {s} matched nothing")

    # ---- events (from the YAML's events section) with their trigger in the text
    yaml_events = {ev["id"]: ev for ev in doc.get("events") or []}
    events = []
    seen = set()
    for entry in spec.get("events") or []:
        eid, trigger = entry[0], entry[1]
        n = int(entry[2]) if len(entry) > 2 else 1
        ev = yaml_events.get(eid)
        if ev is None:
            problems.append(f"event {eid!r} is not in the YAML")
            continue
        seen.add(eid)
        s = nth(text, trigger, n, word=True, after=body_start(text))
        ext = parse_date(ev["date"])
        events.append({"id": eid, "type": ev["type"], "date_not_before": ext.not_before.isoformat(),
                       "date_not_after": ext.not_after.isoformat(), "places": as_list(ev.get("places")),
                       "trigger": trigger, "start": s, "end": s + len(trigger),
                       "according_to": as_list(ev.get("according_to"))})
    for eid in yaml_events:
        if eid not in seen:
            problems.append(f"YAML event {eid!r} has no trigger in the spec")

    # ---- mention ids must exist in the YAML or the reference data
    known = set()
    for section in ("actors", "places"):
        known |= {x["id"] for x in doc.get(section) or []}
    ref = load_yaml_doc(Path(str(REPO / "kg/data/seed/reference.yaml")))
    known |= {x["id"] for x in ref.get("actors") or []}
    for m in mentions:
        if m["id"] not in known:
            problems.append(f"mention {m['text']!r} -> unknown id {m['id']!r}")
    for q in quotes:
        for sp in q["speakers"]:
            if sp not in known:
                problems.append(f"quote speaker {sp!r} unknown")

    source = (doc.get("sources") or [{}])[0]
    gold = {
        "article": f"{stem}.txt", "yaml": f"{stem}.yaml", "source_id": source.get("id"),
        "publication_date": source.get("date"), "publisher": source.get("publisher"),
        "quotes": quotes, "claims": yaml_claims(doc), "dates": sorted(dates, key=lambda d: d["start"]),
        "mentions": mentions, "events": events,
    }
    # every span must be exact
    for kind in ("quotes", "dates", "mentions"):
        for x in gold[kind]:
            if text[x["start"]:x["end"]] != x["text"]:
                problems.append(f"{kind}: span {x} does not match the text")
    for x in events:
        if text[x["start"]:x["end"]] != x["trigger"]:
            problems.append(f"event trigger {x} does not match the text")
    if problems:
        raise SystemExit(f"{stem}:\n  " + "\n  ".join(problems))
    return gold


def validate(stem: str):
    import subprocess
    r = subprocess.run([sys.executable, "-m", "kg", "validate", "kg/data/seed/reference.yaml", str(HERE / f"{stem}.yaml")],
                       cwd=str(REPO), capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{stem}: kg validate failed:\n{r.stdout}{r.stderr}")


def main(argv):
    global HERE, SPEC
    if argv[:1] == ["--dir"]:
        HERE = Path(argv[1]).resolve()
        SPEC = HERE / "tools" / "spec"
        argv = argv[2:]
    stems = sorted(p.name[: -len(".spec.yaml")] for p in SPEC.glob("*.spec.yaml"))
    if argv:
        stems = [s for s in stems if any(s.startswith(a) for a in argv)]
    for stem in stems:
        validate(stem)
        gold = build(stem)
        (HERE / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{stem}: {len(gold['quotes'])} quotes, {len(gold['claims'])} claims, {len(gold['dates'])} dates, "
              f"{len(gold['mentions'])} mentions, {len(gold['events'])} events")


if __name__ == "__main__":
    main(sys.argv[1:])
