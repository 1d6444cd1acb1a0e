"""Write a spec: mentions given in text order as (surface, id); occurrence indices are computed."""
import sys, json, re, yaml
def build(txtpath, quotes, dates, mentions, events, out):
    t = open(txtpath, encoding='utf-8').read()
    def occ(surface, start, base=0):
        pat = re.compile(r'(?<!\w)' + re.escape(surface) + r'(?!\w)')
        ms = [m.start() for m in pat.finditer(t) if m.start() >= base]
        after = [i for i in ms if i >= start]
        if not after: sys.exit(f'not found after {start}: {surface!r}')
        i = after[0]
        return i, ms.index(i) + 1
    def seq(items, mention=False):
        res = []; pos = 0
        for it in items:
            s, v = it[0], it[1]
            i, k = occ(s, pos)
            pos = i + len(s)
            res.append([s, v] + ([[k] if isinstance(v, str) and len(it) == 2 and mention else k] if k > 1 else []))
        return res
    def group(rows):
        # make_gold maps a surface to the id of its first entry unless occurrences are listed:
        # so every (surface, id) entry lists its occurrences ([1, 3, 4]); unlisted ones are not mentions
        ids = {}
        for r in rows:
            ids.setdefault(r[0], []).append((r[1], r[2][0] if len(r) > 2 else 1))
        out, seen = [], set()
        for r in rows:
            if (r[0], r[1]) in seen: continue
            seen.add((r[0], r[1]))
            out.append([r[0], r[1], [k for i, k in ids[r[0]] if i == r[1]]])
        return out
    spec = {'quotes': [[sp, q] for sp, q in quotes], 'dates': seq(dates), 'mentions': group(seq(mentions, True)),
            'events': [[e, trig] + ([k] if k > 1 else []) for e, trig, k in
                       [(x[0], x[1], (x[2] if isinstance(x[2], int) else occ(x[1], t.find(x[2]), t.find('\n\n'))[1]) if len(x) > 2 else occ(x[1], t.find('\n\n'), t.find('\n\n'))[1]) for x in events]]}
    with open(out, 'w', encoding='utf-8') as f:
        for key in ['quotes', 'dates', 'mentions', 'events']:
            f.write(f'{key}:\n')
            for row in spec[key]:
                f.write('  - ' + json.dumps(row, ensure_ascii=False) + '\n')
