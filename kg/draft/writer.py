"""The draft as YAML: sections in the authoring order, each item's keys in a stable order, the
``draft`` marks, spans and ``drafted_from`` on one line each, so a reviewer reads item by item and
deletes a ``draft:`` line when the item is right."""

from __future__ import annotations

import yaml

WIDTH = 1_000_000  # never wrap: a draft mark stays on one line, to be deleted as one
ORDER = ("drafted_from", "sources", "source", "actors", "places", "positions", "events", "statements", "claims")
HEADER = ("# Drafted by kg draft from {file}: a proposal, not facts. Review every item against the article\n"
          "# (kg draft --html shows each span), correct it, then delete its 'draft:' line. kg validate lists\n"
          "# the items still drafts; kg build refuses them (docs/drafting.md).\n")


class _Flow(dict):
    pass


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _flowing(value, key=None):
    if isinstance(value, dict):
        if key in ("draft", "drafted_from"):
            return _Flow({k: _flowing(v, "spans" if k == "spans" else None) for k, v in value.items()})
        return {k: _flowing(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == "spans" or all(isinstance(v, int) for v in value):
            return _FlowList(_FlowList(v) if isinstance(v, list) else v for v in value)
        return [_flowing(v) for v in value]
    return value


def write_draft(mapping: dict) -> str:
    """The YAML text of a drafted mapping."""
    file = (mapping.get("drafted_from") or {}).get("file", "-")
    out = [HEADER.format(file="standard input" if file == "-" else file)]
    for key in ORDER:
        if key in mapping:
            text = yaml.dump({key: _flowing(mapping[key], key)}, Dumper=_Dumper, sort_keys=False,
                             allow_unicode=True, width=WIDTH, default_flow_style=False)
            out.append(text)
    return "\n".join(out)
