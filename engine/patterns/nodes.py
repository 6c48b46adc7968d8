"""The pattern language's syntax tree: one frozen dataclass per construct.

Every node is a `Node`, whose children are found from its fields (a field holding a node,
or a tuple of nodes), never by guessing field names: `walk()` visits every node below and
`map_children()` rebuilds one with new children, so a pass written with them cannot skip a
node kind that is added later. Passes that treat kinds differently dispatch on the class
and end in an error for a kind they do not know.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Node:
    def children(self) -> Iterator["Node"]:
        """The nodes directly below this one, in field order."""
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Node):
                yield value
            elif isinstance(value, tuple):
                for item in value:
                    if isinstance(item, Node):
                        yield item

    def walk(self) -> Iterator["Node"]:
        """This node and every node below it, depth first, in order."""
        yield self
        for child in self.children():
            yield from child.walk()

    def map_children(self, change: Callable[["Node"], "Node"]) -> "Node":
        """This node with `change` applied to each child (the node itself when nothing changed)."""
        changes = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Node):
                new = change(value)
                if new is not value:
                    changes[field.name] = new
            elif isinstance(value, tuple) and any(isinstance(item, Node) for item in value):
                new = tuple(change(item) if isinstance(item, Node) else item for item in value)
                if any(a is not b for a, b in zip(new, value)):
                    changes[field.name] = new
        return replace(self, **changes) if changes else self


# --- token tests (one token) -------------------------------------------------
@dataclass(frozen=True)
class Word(Node):
    text: str  # lowercased literal


@dataclass(frozen=True)
class Regex(Node):
    source: str
    flags: str


@dataclass(frozen=True)
class Flag(Node):
    name: str


@dataclass(frozen=True)
class AnyToken(Node):
    pass


@dataclass(frozen=True)
class InLexicon(Node):
    lexicon: str
    filters: tuple  # ((attribute, (values...)), ...)


@dataclass(frozen=True)
class InLabel(Node):
    label: str
    offset: int = 0


@dataclass(frozen=True)
class TestReference(Node):
    name: str      # a definition used as a single-token test inside [...]
    offset: int


@dataclass(frozen=True)
class Not(Node):
    test: object


@dataclass(frozen=True)
class And(Node):
    tests: tuple


@dataclass(frozen=True)
class Or(Node):
    tests: tuple


# --- sequence elements -------------------------------------------------------
@dataclass(frozen=True)
class Token(Node):
    test: object
    offset: int


@dataclass(frozen=True)
class Phrase(Node):
    words: tuple  # literal words of a quoted string, tokenized like the text
    offset: int


@dataclass(frozen=True)
class LexiconPhrase(Node):
    lexicon: str
    filters: tuple
    offset: int


@dataclass(frozen=True)
class Unit(Node):
    label: str
    offset: int


@dataclass(frozen=True)
class Reference(Node):
    name: str  # a pattern defined under `define:` in some file of the pack
    offset: int


@dataclass(frozen=True)
class Defined(Node):
    name: str      # a Reference after splicing in the definition's tree
    item: object
    offset: int


@dataclass(frozen=True)
class Anchor(Node):
    kind: str  # "sentence_start" | "sentence_end"
    offset: int


@dataclass(frozen=True)
class Sequence(Node):
    items: tuple


@dataclass(frozen=True)
class Alternation(Node):
    options: tuple


@dataclass(frozen=True)
class Repeat(Node):
    item: object
    low: int
    high: int | None
    lazy: bool
    text: str
    offset: int


@dataclass(frozen=True)
class Capture(Node):
    name: str
    item: object
    offset: int


@dataclass(frozen=True)
class Look(Node):
    item: object
    negative: bool
    offset: int
    behind: bool = False


class PatternSyntaxError(Exception):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset
