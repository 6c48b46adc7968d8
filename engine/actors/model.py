"""Actor and mention records shared by the actor builder, the linker and the output."""
from __future__ import annotations

from dataclasses import dataclass, field

NOT_COMPUTED = object()  # a cached value not worked out yet


@dataclass(slots=True)
class Mention:
    first: int                     # token range [first, last)
    last: int
    form: str                      # "name", "title", "pronoun"
    kind: str                      # "person", "organization" or "unknown"
    match: object = None           # the quotetrace.patterns.matcher.Match that found it
    name: tuple | None = None      # token range of the proper name inside the mention
    titles: list = field(default_factory=list)  # token ranges of title phrases
    gender: str | None = None      # from a lexicon entry's `gender` attribute (he, spokeswoman, Mrs)
    actor: "Actor | None" = None
    linked_by: str | None = None   # id of the linking rule that attached it to its actor
    link_note: str | None = None   # what the linking rule compared
    title_key: object = NOT_COMPUTED  # cache of quotetrace.actors.linking.title_key


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
