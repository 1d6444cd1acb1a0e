"""Read YAML keeping the line of every value, so errors can say file:line.

Every scalar stays a string (no implicit typing: ``2026-02`` is not a date object, ``no`` is not
False); the ingest layer converts values itself and says where a value is wrong. Files read with
``typed=True`` (alias and mapping files) get YAML's own typing of plain scalars instead (null,
booleans, numbers), as ``yaml.safe_load`` gives them.

Every YAML file kg reads goes through :func:`load_yaml`, which bounds what a file can cost: its
nesting depth (``yaml_depth``) and its values once aliases are expanded (``yaml_nodes``, against
alias bombs), both in kg/limits.py. Nothing here recurses, so no nesting can exhaust the stack.
"""

from __future__ import annotations

import sys

import yaml

from ..errors import InputError
from ..limits import limit, over
from ..memory import gc_paused


class YStr(str):
    """A scalar. ``line`` is 0 when it is the line of its key (for a scalar in a list: of the list's
    key): a line of its own costs a __dict__, three times the string's memory; ask the mapping."""

    line: int = 0


class _Lined:
    """``line`` of a YMap or YList: a slot (no __dict__ per value, a third of the memory), 0 until set."""

    __slots__ = ()

    def __getattr__(self, name):  # only called when the slot is unset: a value made in code, not read
        if name == "line":
            return 0
        raise AttributeError(name)


class YMap(_Lined, dict):
    __slots__ = ("key_lines", "line")

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(_Lined, list):
    __slots__ = ("line",)


def _loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)




def load_yaml(text: str, file: str, *, typed: bool = False):
    """Parse one YAML document into YMap/YList/YStr values carrying line numbers (with ``typed``,
    plain scalars YAML reads as null, a boolean or a number become None, bool, int or float)."""
    with gc_paused():
        return _load(text, file, typed)


def _load(text: str, file: str, typed: bool):
    try:
        return _Builder(file, typed).run(yaml.parse(text, Loader=_loader()))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        problem = e.problem or e.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", file, line) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow (NUL, other controls)
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else None
        code = e.character if isinstance(e.character, int) else ord(e.character or "\0")
        raise InputError(f"YAML error: the character U+{code:04X} is not allowed in YAML text", file, line) from None
    except yaml.YAMLError as e:
        raise InputError(f"YAML error: {e}", file) from None


class _Builder:
    """Builds the values straight from libyaml's events: composing a node tree first and converting
    it took twice as long. An alias gets a copy of what its anchor names, as a composed tree would."""

    def __init__(self, file, typed=False):
        self.file = file
        self.budget = limit("yaml_nodes")
        self.max_depth = limit("yaml_depth")
        self.anchors = {}  # name -> (value, its event's start mark)
        self.open = set()  # anchors of the containers being built: an alias to one refers to itself
        self.typed = _Typing() if typed else None

    def count(self, line):
        self.budget -= 1
        if self.budget < 0:
            raise InputError(f"the YAML expands to too many values (alias bomb?): {over('yaml_nodes')}",
                             self.file, line)

    def deeper(self, depth, line):
        """Check that a list or mapping at nesting ``depth`` (1: the top level) is allowed."""
        if depth > self.max_depth:
            raise InputError(f"the YAML is nested too deeply: {over('yaml_depth')}", self.file, line)

    def run(self, events):
        root, documents = None, 0
        stack = []  # [container, key waiting for its value, line its scalars' lines fall back to, anchor]
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
                value = self.typed.plain(ev.value) if self.typed is not None and ev.implicit[0] else YStr(ev.value)
                if type(value) is YStr and (top is None or line != (top[2] if type(top[0]) is YList
                                                                    else top[0].key_lines[top[1]])):
                    value.line = line  # most scalars are on their key's line: none is stored (see YStr)
            elif kind is yaml.AliasEvent:
                if ev.anchor not in self.anchors:
                    raise InputError("YAML syntax error: found undefined alias", self.file, line)
                if ev.anchor in self.open:
                    raise InputError("a YAML alias refers to itself", self.file, self.anchors[ev.anchor][1])
                value = self.copy(self.anchors[ev.anchor][0], len(stack), line)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.count(line)
                self.deeper(len(stack) + 1, line)
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
            fallback = line  # the line a reader falls back to for a scalar in this container, if a list
            if top is None:
                root = value
            elif type(top[0]) is YList:
                top[0].append(value)
            else:
                top[0][top[1]] = value
                fallback = top[0].key_lines[top[1]]
                top[1] = None
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append([value, None, fallback, anchor])
                if anchor is not None:
                    self.open.add(anchor)
        if root is None:  # an empty document: an empty mapping, on its first line
            root = YMap()
            root.key_lines = {}
            root.line = 1
        return root

    def key(self, top, ev):
        mapping, line = top[0], ev.start_mark.line + 1
        if type(ev) is yaml.AliasEvent and isinstance(self.anchors.get(ev.anchor, (None,))[0], YStr):
            key, line = str(self.anchors[ev.anchor][0]), self.anchors[ev.anchor][1]
        elif type(ev) is yaml.ScalarEvent:
            key = sys.intern(ev.value)  # keys repeat in every item: one string each
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

    def copy(self, value, depth, line):
        """A copy of the anchored ``value`` for an alias met at nesting ``depth`` on ``line``, as a
        composed tree would hold it: new lists and mappings (ingest may change an item), the same
        scalars (strings cannot change). Each value copied counts against the budget, each level
        against the depth: with a loop over a list of what is left to copy, not recursion."""
        self.count(line)
        if not isinstance(value, (YList, YMap)):
            return value
        root = _empty(value)
        todo = [(value, root, depth + 1)]
        while todo:
            source, target, level = todo.pop()
            self.deeper(level, line)  # too deep where the alias puts it
            for key, v in (source.items() if type(source) is YMap else enumerate(source)):
                self.count(getattr(v, "line", 0) or source.line)
                if isinstance(v, (YList, YMap)):
                    new = _empty(v)
                    todo.append((v, new, level + 1))
                else:
                    new = v
                if type(target) is YMap:
                    target[key] = new
                else:
                    target.append(new)
        return root


def _empty(value):
    """A new, empty list or mapping like ``value`` (its line, and a mapping's key lines)."""
    if type(value) is YMap:
        out = YMap()
        out.key_lines = dict(value.key_lines)
    else:
        out = YList()
    out.line = value.line
    return out


class _Typing:
    """YAML's implicit typing of plain scalars, as yaml.safe_load applies it: null, booleans,
    integers and floats become Python values (which carry no line: the key's line serves)."""

    CONSTRUCT = {"tag:yaml.org,2002:null": "construct_yaml_null", "tag:yaml.org,2002:bool": "construct_yaml_bool",
                 "tag:yaml.org,2002:int": "construct_yaml_int", "tag:yaml.org,2002:float": "construct_yaml_float"}

    def __init__(self):
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def plain(self, text):
        tag = self.resolver.resolve(yaml.ScalarNode, text, (True, False))
        method = self.CONSTRUCT.get(tag)
        return YStr(text) if method is None else getattr(self.constructor, method)(yaml.ScalarNode(tag, text))
