"""After the rules: the one place where actors and attributions meet.

The three stages only find matches. Everything between the matches and the record is one
ordered list of named steps, here and nowhere else, so that their order is written down
once and each step that changes an extraction can say so in its trace (`trace.steps`):
`explain` then never shows a derivation that contradicts the record.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotetrace.actors import build_actors, link_pronouns
from quotetrace.attributions import build_attributions, floating_quotes, media_as_medium, resolve_sources
from quotetrace.budget import checkpoint


@dataclass(frozen=True)
class Step:
    id: str
    does: str
    run: Callable[["Assembly"], None]


@dataclass
class Assembly:
    """What the steps read and write for one document."""

    doc: object
    matches: dict              # stage -> the matches kept after resolution
    pack: object
    words: object              # the pack's word lists the code reads (rulepack.contract.PackWords)
    attributions: list = None
    actors: list = None
    mentions: list = None


def _attributions(state: Assembly) -> None:
    state.attributions = build_attributions(state.doc, state.matches["attributions"], state.pack.compiled.entry_index)


def _actors(state: Assembly) -> None:
    source_ranges = [a.extent("source") for a in state.attributions if a.extent("source")]
    state.actors, state.mentions = build_actors(state.doc, state.matches["actors"], source_ranges, state.pack, state.words)


def _sources(state: Assembly) -> None:
    resolve_sources(state.doc, state.attributions, state.mentions, state.words)


def _pronouns(state: Assembly) -> None:
    # he, his, she, her...: `kind: person` pronouns; they, it, who stay unlinked.
    pronouns = [m for m in state.mentions if m.form == "pronoun" and m.kind == "person"]
    link_pronouns(state.doc, pronouns, state.actors, state.attributions, state.words)


def _medium(state: Assembly) -> None:
    media_as_medium(state.attributions, state.mentions, state.doc, state.words.media)


def _floating(state: Assembly) -> None:
    found = floating_quotes(state.doc, state.attributions)
    if not found:
        return  # ids as they were: a document without floating quotations keeps its record
    state.attributions = sorted(state.attributions + found, key=lambda a: a.first)  # stable: cue order kept
    for number, attribution in enumerate(state.attributions, 1):
        attribution.id = f"att{number}"


STEPS = (
    Step("attributions.build", "roles from each attribution match, trimmed, with their kind and nesting", _attributions),
    Step("actors.build", "mentions from the actor matches, names and titles linked into actors", _actors),
    Step("sources.resolve", "each source pointed at the actor of the mention it covers", _sources),
    Step("actors.link-pronouns", "he, she and the like linked to the actor they refer to", _pronouns),
    Step("sources.resolve-pronouns", "sources resolved again, now that pronouns have their actors", _sources),
    Step("sources.media-as-medium", "a news organisation that is told something made the medium", _medium),
    Step("attributions.floating-quotes", "a paragraph or sentence that is only a quotation given to the one speaker before it", _floating),
)

# What the steps write into an attribution's trace when they change it.
TRACE_STEPS = {
    "roles.trim": "punctuation at the edges of a role left out",
    "content.continued-quotes": "the later paragraphs of a quotation that runs over several added to the content",
    "attributions.nest": "nested in the attribution whose content holds its cue",
    "sources.resolve": "the source linked to an actor",
    "sources.media-as-medium": "the addressee is a news organisation, so it became the medium",
    "attributions.floating-quotes": "a quotation paragraph or sentence with no cue, given to the speaker of the attribution it follows (whose trace it carries)",
}


def assemble(doc, matches: dict, pack, words) -> Assembly:
    """Run every step in order on one document's stage matches."""
    state = Assembly(doc, matches, pack, words)
    for step in STEPS:
        step.run(state)
        checkpoint(f"the assembly step {step.id}")  # the document's time budget (quotetrace.budget)
    return state
