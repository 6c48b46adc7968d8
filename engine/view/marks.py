"""Overlapping spans made into properly nested HTML elements.

Roles of one attribution lie inside the content of another, an actor's mention lies inside
a source, and now and then two spans cross. HTML elements can only nest, so a span that
crosses the end of an enclosing one is cut in two there, and both pieces carry the same
mark: the page joins them again on hover. Because elements only nest and nothing is added
between them, the text content of the rendered tree is the document itself, character for
character, which is what lets a test read every mark's offsets back from the page's DOM.

Each role mark also gets a `level`: its underline is drawn that far below the text, above
the lines of every role mark that encloses it, so nested roles stay visible as stacked lines.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field


@dataclass(eq=False)
class Mark:
    start: int
    end: int
    rank: int               # among marks with the same extent, the lower rank is outside
    attributes: dict        # HTML attributes of every piece (class, data-*)
    level: int = 0          # role marks: how many stacked lines lie between it and the text
    first_attributes: dict = field(default_factory=dict)  # only on the first piece
    last_attributes: dict = field(default_factory=dict)   # only on the last piece


@dataclass(eq=False)
class Piece:
    mark: Mark
    start: int
    end: int
    first: bool
    last: bool
    children: list = field(default_factory=list)


def assign_levels(marks: list[Mark]) -> None:
    """Give each mark a level above every mark it contains and apart from every mark it
    overlaps, so that no two lines are drawn over one another where their spans meet."""
    placed: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.end - m.start, -m.rank)):
        level = 0
        for other in placed:
            if other.start >= mark.start and other.end <= mark.end:
                level = max(level, other.level + 1)
        taken = {other.level for other in placed if other.start < mark.end and mark.start < other.end}
        while level in taken:
            level += 1
        mark.level = level
        placed.append(mark)


def nest(marks: list[Mark]) -> list[Piece]:
    """The marks as a forest of pieces, each piece inside its parent's extent; a mark that
    crosses the end of an enclosing piece goes on as a new piece after it."""
    queue = []
    for number, mark in enumerate(marks):
        if mark.end > mark.start:
            heapq.heappush(queue, (mark.start, -mark.end, mark.rank, number, mark.start, True))
    roots: list[Piece] = []
    stack: list[Piece] = []
    while queue:
        start, negative_end, _, number, _, first = heapq.heappop(queue)
        mark = marks[number]
        while stack and stack[-1].end <= start:
            stack.pop()
        end = -negative_end
        if stack and end > stack[-1].end:
            cut = stack[-1].end
            heapq.heappush(queue, (cut, -end, mark.rank, number, cut, False))
            end = cut
        piece = Piece(mark, start, end, first, end == mark.end)
        (stack[-1].children if stack else roots).append(piece)
        stack.append(piece)
    return roots
