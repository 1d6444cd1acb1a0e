"""Read YAML keeping the line of every value, so errors can say file:line.

Every scalar stays a string (no implicit typing: ``2026-02`` is not a date object, ``no`` is not
False); the ingest layer converts values itself and says where a value is wrong.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

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


@contextmanager
def gc_paused():
    """Pause Python's cycle collector while a large acyclic structure is built: with hundreds of
    thousands of live objects, the collections it triggers cost more than the work itself
    (3x on a large authoring file). Memory is still freed by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_yaml(text: str, file: str):
    """Parse one YAML document into YMap/YList/YStr values carrying line numbers."""
    with gc_paused():
        return _load(text, file)


def _load(text: str, file: str):
    try:
        return _Builder(file).run(yaml.parse(text, Loader=_loader()))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = e.problem or e.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", file, line) from None
    except yaml.YAMLError as e:
        raise InputError(f"YAML error: {e}", file) from None


class _Builder:
    """Builds the values straight from libyaml's events: composing a node tree first and converting
    it took twice as long. An alias gets a copy of what its anchor names, as a composed tree would."""

    def __init__(self, file):
        self.file = file
        self.budget = MAX_NODES
        self.anchors = {}  # name -> (value, its event's start mark)
        self.open = set()  # anchors of the containers being built: an alias to one refers to itself

    def count(self, line):
        self.budget -= 1
        if self.budget < 0:
            raise InputError("the YAML expands to too many values (alias bomb?)", self.file, line)

    def run(self, events):
        root, documents = None, 0
        stack = []  # [container, key waiting for its value, key's line, anchor]
        for ev in events:
            kind = type(ev)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise InputError("YAML syntax error: but found another document", self.file, ev.start_mark.line + 1)
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                top = stack.pop()
                self.open.discard(top[3])
                continue
            top = stack[-1] if stack else None
            if top is not None and type(top[0]) is YMap and top[1] is None:  # a key
                self.key(top, ev)
                continue
            line = ev.start_mark.line + 1
            if kind is yaml.ScalarEvent:
                self.count(line)
                value = YStr(ev.value)
                value.line = line
            elif kind is yaml.AliasEvent:
                if ev.anchor not in self.anchors:
                    raise InputError("YAML syntax error: found undefined alias", self.file, line)
                if ev.anchor in self.open:
                    raise InputError("a YAML alias refers to itself", self.file, self.anchors[ev.anchor][1])
                value = self.copy(self.anchors[ev.anchor][0])
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.count(line)
                if kind is yaml.MappingStartEvent:
                    value = YMap()
                    value.key_lines = {}
                else:
                    value = YList()
                value.line = line
            else:  # stream start and end, document end
                continue
            anchor = getattr(ev, "anchor", None) if kind is not yaml.AliasEvent else None
            if anchor is not None:
                self.anchor(anchor, value, line)
            if top is None:
                root = value
            elif type(top[0]) is YList:
                top[0].append(value)
            else:
                top[0][top[1]] = value
                top[1] = None
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append([value, None, 0, anchor])
                if anchor is not None:
                    self.open.add(anchor)
        return YMap() if root is None else root

    def key(self, top, ev):
        mapping, line = top[0], ev.start_mark.line + 1
        if type(ev) is yaml.AliasEvent and isinstance(self.anchors.get(ev.anchor, (None,))[0], YStr):
            key, line = str(self.anchors[ev.anchor][0]), self.anchors[ev.anchor][0].line
        elif type(ev) is yaml.ScalarEvent:
            key = ev.value
            if ev.anchor is not None:
                self.anchor(ev.anchor, YStr(key), line)
                self.anchors[ev.anchor][0].line = line
        else:
            raise InputError("a key must be a plain word", self.file, line)
        if key == "<<":
            raise InputError("YAML merge keys (<<) are not supported: write the fields out", self.file, line)
        if key in mapping.key_lines:
            raise InputError(f"the key {key!r} appears twice in the same block (first on line {mapping.key_lines[key]})",
                             self.file, line)
        mapping.key_lines[key] = line
        top[1] = key

    def anchor(self, name, value, line):
        if name in self.anchors:  # as libyaml's composer says it
            raise InputError("YAML syntax error: second occurrence", self.file, line)
        self.anchors[name] = (value, line)

    def copy(self, value):
        self.count(value.line)
        if isinstance(value, YStr):
            out = YStr(value)
        elif isinstance(value, YList):
            out = YList(self.copy(v) for v in value)
        else:
            out = YMap()
            out.key_lines = dict(value.key_lines)
            for k, v in value.items():
                out[k] = self.copy(v)
        out.line = value.line
        return out
