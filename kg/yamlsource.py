"""Read YAML keeping the line of every value, so errors can say file:line.

Every scalar stays a string (no implicit typing: ``2026-02`` is not a date object, ``no`` is not
False); the ingest layer converts values itself and says where a value is wrong.
"""

from __future__ import annotations

import yaml

from .errors import InputError

MAX_NODES = 2_000_000  # bounds alias expansion ("billion laughs")


class YStr(str):
    line: int = 0


class YMap(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    line: int = 0


def _loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, file: str):
    """Parse one YAML document into YMap/YList/YStr values carrying line numbers."""
    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = e.problem or e.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", file, line) from None
    except yaml.YAMLError as e:
        raise InputError(f"YAML error: {e}", file) from None
    if node is None:
        return YMap()
    budget = [MAX_NODES]
    return _convert(node, file, budget, set())


def _convert(node, file, budget, stack):
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError("the YAML expands to too many values (alias bomb?)", file, node.start_mark.line + 1)
    line = node.start_mark.line + 1
    if id(node) in stack:
        raise InputError("a YAML alias refers to itself", file, line)
    if isinstance(node, yaml.ScalarNode):
        value = YStr(node.value)
        value.line = line
        return value
    stack = stack | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        out = YList(_convert(item, file, budget, stack) for item in node.value)
        out.line = line
        return out
    out = YMap()
    out.line = line
    out.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError("a key must be a plain word", file, key_node.start_mark.line + 1)
        key = key_node.value
        if key == "<<":
            raise InputError("YAML merge keys (<<) are not supported: write the fields out", file, key_node.start_mark.line + 1)
        if key in out:
            raise InputError(f"the key {key!r} appears twice in the same block (first on line {out.key_lines[key]})",
                             file, key_node.start_mark.line + 1)
        out.key_lines[key] = key_node.start_mark.line + 1
        out[key] = _convert(value_node, file, budget, stack)
    return out
