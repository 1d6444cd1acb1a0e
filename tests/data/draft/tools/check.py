"""Check the test set independently of make_gold.py: run with /work/venv/bin/python tools/check.py

- each article: line 1 a headline, line 2 "PUBLISHER, YYYY-MM-DD", line 3 empty, 250-700 words of body;
- each gold YAML passes `kg validate` with the seed's reference data (exit 0);
- every span in every .gold.json is exact: text[start:end] == text (quotes, dates, mentions, triggers);
- every id the key uses exists in the YAML or the reference data; every claim has a claimant,
  a measure, a qualifier, and a figure unless the qualifier is vague;
- the source's date in the YAML equals the date on line 2.
Prints the totals.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[4]  # the repository holding tests/data/draft/tools

HERE = Path(__file__).resolve().parent.parent
REF = str(REPO / "kg/data/seed/reference.yaml")
totals = dict(articles=0, words=0, quotes=0, claims=0, dates=0, mentions=0, events=0)
failures = []


def fail(stem, msg):
    failures.append(f"{stem}: {msg}")


def ids_of(path):
    doc = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    out = set()
    for section in ("actors", "places", "events", "statements", "claims", "positions"):
        for item in doc.get(section) or []:
            out.add(item["id"])
            for c in item.get("claims") or []:
                out.add(c["id"])
    return doc, out


_, ref_ids = ids_of(REF)
for txt in sorted(HERE.glob("[0-9][0-9]-*.txt")):
    stem = txt.stem
    raw = txt.read_bytes()
    text = raw.decode("utf-8")
    lines = text.split("\n")
    m = re.fullmatch(r"(.+), (\d{4}-\d{2}-\d{2})", lines[1])
    if not lines[0].strip() or not m or lines[2] != "":
        fail(stem, "header is not: headline / 'PUBLISHER, YYYY-MM-DD' / blank line")
    words = len("\n".join(lines[3:]).split())
    if not 250 <= words <= 700:
        fail(stem, f"body has {words} words")
    r = subprocess.run([sys.executable, "-m", "kg", "validate", REF, str(HERE / f"{stem}.yaml")],
                       cwd=str(REPO), capture_output=True, text=True)
    if r.returncode != 0:
        fail(stem, f"kg validate exit {r.returncode}: {r.stdout}{r.stderr}")
    doc, ids = ids_of(HERE / f"{stem}.yaml")
    ids |= ref_ids
    if m and doc["sources"][0]["date"] != m.group(2):
        fail(stem, "YAML source date differs from line 2")
    gold = json.loads((HERE / f"{stem}.gold.json").read_text(encoding="utf-8"))
    for kind, key in (("quotes", "text"), ("dates", "text"), ("mentions", "text"), ("events", "trigger")):
        for x in gold[kind]:
            if text[x["start"]:x["end"]] != x[key]:
                fail(stem, f"{kind} span {x['start']}:{x['end']} is {text[x['start']:x['end']]!r}, not {x[key]!r}")
    for q in gold["quotes"]:
        for sp in q["speakers"]:
            if sp not in ids:
                fail(stem, f"quote speaker {sp} unknown")
    for mm in gold["mentions"]:
        if mm["id"] not in ids:
            fail(stem, f"mention id {mm['id']} unknown")
    for c in gold["claims"]:
        if not c["claimant"] or c["claimant"] not in ids:
            fail(stem, f"claim {c['id']} has no known claimant")
        if any(x not in ids for x in c["losses_of"]):
            fail(stem, f"claim {c['id']} losses_of unknown")
        if (c["figure"] is None) != (c["qualifier"] in ("many", "several")):
            fail(stem, f"claim {c['id']}: figure/qualifier mismatch")
    for e in gold["events"]:
        if any(p not in ids for p in e["places"]):
            fail(stem, f"event {e['id']} place unknown")
    for d in gold["dates"]:
        if d["not_before"] > d["not_after"]:
            fail(stem, f"date {d['text']} range reversed")
    totals["articles"] += 1
    totals["words"] += words
    for k in ("quotes", "claims", "dates", "mentions", "events"):
        totals[k] += len(gold[k])
    print(f"{stem}: {words} words, " + ", ".join(f"{len(gold[k])} {k}" for k in ("quotes", "claims", "dates", "mentions", "events")))

print("TOTAL:", ", ".join(f"{v} {k}" for k, v in totals.items()))
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("all checks passed")
