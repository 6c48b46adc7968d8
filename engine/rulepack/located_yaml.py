"""YAML loading with safe_load semantics that remembers where every value came from.

`yaml.compose` gives nodes with marks; we construct plain Python values from them with
the safe constructor, but return dict and list subclasses that carry the 1-based line and
column of each key and item, so every problem can name the exact place in the file.
Aliases are counted and capped, so an alias bomb is a clear error, not an exhausted machine.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 1000
SAFE_TAGS = frozenset(["!"] + [f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")])


@dataclass(frozen=True)
class Position:
    line: int
    column: int


class LocatedDict(dict):
    position: Position
    key_positions: dict
    value_positions: dict
    value_nodes: dict


class LocatedList(list):
    position: Position
    item_positions: list


class YamlProblem(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, loader):
        self.loader = loader
        self.seen = {}

    def build(self, node):
        if id(node) in self.seen:
            self.seen[id(node)] += 1
            if sum(self.seen.values()) > MAX_ALIASES:
                raise YamlProblem(f"more than {MAX_ALIASES} alias expansions; flatten the anchors", *_pair(node))
        else:
            self.seen[id(node)] = 0
        if node.tag not in SAFE_TAGS:
            raise YamlProblem(f"tag {node.tag} is not allowed in rule files (only plain YAML values)", *_pair(node))
        if isinstance(node, yaml.MappingNode):
            result = LocatedDict()
            result.position = _position(node.start_mark)
            result.key_positions, result.value_positions, result.value_nodes = {}, {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("merge keys (<<) are not supported in rule files", *_pair(key_node))
                key = self.build(key_node)
                if isinstance(key, (dict, list)):
                    raise YamlProblem("a key must be a plain value", *_pair(key_node))
                if key in result:
                    raise YamlProblem(f"duplicate key '{key}'", *_pair(key_node))
                result[key] = self.build(value_node)
                result.key_positions[key] = _position(key_node.start_mark)
                result.value_positions[key] = _position(value_node.start_mark)
                result.value_nodes[key] = value_node
            return result
        if isinstance(node, yaml.SequenceNode):
            result = LocatedList()
            result.position = _position(node.start_mark)
            result.item_positions = []
            for item in node.value:
                result.append(self.build(item))
                result.item_positions.append(_position(item.start_mark))
            return result
        return self.loader.construct_object(node, deep=True)


def _pair(node):
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_located(source: str):
    """Parse one YAML document; raise YamlProblem with a 1-based position on any error."""
    if len(source.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        raise YamlProblem(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it", 1, 1)
    # libyaml's loader when PyYAML has it: the same nodes and marks, about ten times faster.
    loader = (yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Builder(loader).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [exc.context, exc.problem])) or "YAML syntax error"
        raise YamlProblem(f"YAML syntax error: {message}", line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}", 1, 1) from None
    finally:
        loader.dispose()


def scalar_text_position(node, source_lines: list[str], offset: int) -> Position:
    """Where character `offset` of a scalar's value stands in the file.

    Handles plain and quoted one-line scalars, and literal (|) and folded (>) blocks,
    so a pattern error points at the column inside the pattern, not at the key.
    """
    start = node.start_mark
    style = node.style
    if style in ("|", ">"):
        line_index = start.line + 1
        value = node.value
        # Walk the block's content lines, matching them to the value's characters.
        consumed = 0
        indent = None
        while line_index < len(source_lines):
            raw = source_lines[line_index]
            stripped = raw.lstrip(" ")
            if stripped.strip() == "":
                line_index += 1
                consumed += 1 if style == "|" else 0
                continue
            if indent is None:
                indent = len(raw) - len(stripped)
            content = raw[indent:].rstrip("\n").rstrip("\r")
            if consumed + len(content) >= offset:
                return Position(line_index + 1, indent + (offset - consumed) + 1)
            consumed += len(content) + 1
            line_index += 1
        return Position(start.line + 2, 1)
    quote = 1 if style in ("'", '"') else 0
    return Position(start.line + 1, start.column + 1 + quote + offset)
