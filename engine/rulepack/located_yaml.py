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

    A pattern error must point at the column inside the pattern, not at its key, also in a
    pattern written over many lines with comments: the value is rebuilt from the file's
    lines with YAML's own rules for each style (literal | and folded > blocks, plain,
    single- and double-quoted scalars over one line or several), remembering where each
    character came from. A rebuilt value that differs from what PyYAML read (a construct
    the rebuilding does not know) falls back to counting from the scalar's start, which
    is exact for one-line scalars.
    """
    places = _value_places(node, source_lines)
    if places is not None:
        return places[max(0, min(offset, len(places) - 1))]
    start = node.start_mark
    if node.style in ("|", ">"):
        return Position(start.line + 2, 1)
    quote = 1 if node.style in ("'", '"') else 0
    return Position(start.line + 1, start.column + 1 + quote + offset)


def _value_places(node, source_lines):
    """The file position of each character of the scalar's value, and one for its end;
    None when the value cannot be rebuilt exactly."""
    try:
        if node.style in ("|", ">"):
            chars, places, end = _block_value(node, source_lines)
        else:
            chars, places, end = _flow_value(node, source_lines)
    except (IndexError, KeyError, ValueError):
        return None
    text = "".join(chars)
    value = node.value
    # Chomping (|-, |+, the final line break) only changes line breaks at the very end.
    if text.rstrip("\n") != value.rstrip("\n") or len(value) > len(text) + 1:
        return None
    places = places[: len(value)]
    while len(places) < len(value):
        places.append(end)
    return places + [end]


def _block_value(node, lines):
    """A literal (|) or folded (>) block: its content lines below the header, at the
    indentation of the first of them."""
    first = node.start_mark.line + 1
    indent = None
    body = []  # (line index, text after the indentation, or None for an empty line)
    index = first
    while index < len(lines):
        raw = lines[index].rstrip("\r")
        stripped = raw.lstrip(" ")
        if indent is None:
            if stripped == "":
                body.append((index, None))
                index += 1
                continue
            indent = len(raw) - len(stripped)
        if stripped == "" and len(raw) <= indent:
            body.append((index, None))
        elif len(raw) - len(stripped) < indent:
            break
        else:
            body.append((index, raw[indent:]))
        index += 1
    while body and body[-1][1] is None:
        body.pop()
    chars, places = [], []
    end = Position(first + 1, 1)
    folded = node.style == ">"
    previous = None  # "normal" or "more" (a more-indented line keeps its line breaks)
    breaks = []  # positions of the line breaks since the last content line
    for line_index, text in body:
        if text is None:
            breaks.append(Position(line_index + 1, 1))
            continue
        kind = "more" if text[:1] in (" ", "\t") else "normal"
        if previous is not None:
            line_end = places[-1] if places else end
            after = Position(line_end.line, line_end.column + 1)
            if not folded:
                joins = [after] + breaks
                chars.extend("\n" * len(joins))
            elif previous == "normal" and kind == "normal":
                joins = breaks or [after]
                chars.extend(("\n" if breaks else " ") * len(joins))
            else:
                joins = [after] + breaks
                chars.extend("\n" * len(joins))
            places.extend(joins)
        else:
            chars.extend("\n" * len(breaks))
            places.extend(breaks)
        breaks = []
        for column, char in enumerate(text):
            chars.append(char)
            places.append(Position(line_index + 1, indent + column + 1))
        previous = kind
        end = Position(line_index + 1, indent + len(text) + 1)
    return chars, places, end


_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _flow_value(node, lines):
    """A plain, single- or double-quoted scalar, on one line or folded over several."""
    start, stop = node.start_mark, node.end_mark
    quote = node.style if node.style in ("'", '"') else None
    chars, places = [], []
    line, column = start.line, start.column + (1 if quote else 0)
    pending = []  # the white space since the last character, with its places
    breaks = []  # line breaks since the last character
    while (line, column) < (stop.line, stop.column):
        text = lines[line].rstrip("\r")
        if column >= len(text):  # a line break inside the scalar
            breaks.append(Position(line + 1, column + 1))
            pending = []
            line, column = line + 1, 0
            text = lines[line].rstrip("\r") if line < len(lines) else ""
            while column < len(text) and text[column] in " \t":
                column += 1
            continue
        char = text[column]
        if quote and (line, column) == (stop.line, stop.column - 1):
            break  # the closing quote
        if char in " \t" and not breaks:
            pending.append((char, Position(line + 1, column + 1)))
            column += 1
            continue
        if breaks:
            if len(breaks) == 1:
                chars.append(" ")
                places.append(breaks[0])
            else:
                chars.extend("\n" * (len(breaks) - 1))
                places.extend(breaks[1:])
            breaks = []
            pending = []
        for white, place in pending:
            chars.append(white)
            places.append(place)
        pending = []
        here = Position(line + 1, column + 1)
        if quote == "'" and char == "'" and text[column + 1: column + 2] == "'":
            chars.append("'")
            places.append(here)
            column += 2
            continue
        if quote == '"' and char == "\\":
            code = text[column + 1: column + 2]
            if code == "":  # an escaped line break joins the lines with nothing between
                line, column = line + 1, 0
                text = lines[line].rstrip("\r")
                while column < len(text) and text[column] in " \t":
                    column += 1
                continue
            if code in _HEX_ESCAPES:
                width = _HEX_ESCAPES[code]
                chars.append(chr(int(text[column + 2: column + 2 + width], 16)))
                places.append(here)
                column += 2 + width
                continue
            chars.append(_ESCAPES[code])
            places.append(here)
            column += 2
            continue
        chars.append(char)
        places.append(here)
        column += 1
    if quote:  # (a plain scalar's trailing white space is not part of it)
        for white, place in pending:
            chars.append(white)
            places.append(place)
    end = Position(stop.line + 1, stop.column + (0 if quote else 1))
    return chars, places, end
