"""What the assembly steps did to an attribution, read from its record.

A rule's precision is measured over all its attributions; the steps after the rules make
some of them likelier to be wrong than others (a source reached through a pronoun is one
more guess). Each step is read from the output record, not from the engine's objects, so
the same function serves measuring (on records of gold texts) and applying (on the
records the engine writes), and a reader can check it on any record.
"""
from __future__ import annotations

# Step name -> what it means; the order is the order they are listed in.
STEPS = {
    "source-unresolved": "the source is no actor: an unlinked pronoun (they, it), a writing, or no source at all",
    "source-pronoun": "the source is a pronoun that pronoun linking tied to an actor",
    "content-joined": "the content has several fragments: a quotation continued over paragraphs, or split around the cue",
    "nested": "the attribution lies inside another's content",
}


def assembly_steps(attribution: dict, actors: dict) -> list[str]:
    """The steps (names of STEPS) that shaped this attribution; `actors` maps actor id to actor record."""
    steps = []
    source = attribution["roles"].get("source")
    actor = actors.get(attribution.get("source_actor"))
    if actor is None:
        steps.append("source-unresolved")
    elif source and _through_pronoun(source, actor):
        steps.append("source-pronoun")
    if len(attribution["roles"].get("content", ())) > 1:
        steps.append("content-joined")
    if attribution.get("parent"):
        steps.append("nested")
    return steps


def _through_pronoun(source, actor) -> bool:
    """Whether the actor's mention inside the source is a pronoun (he said, his campaign said)."""
    first, last = source[0]["start"], source[-1]["end"]
    inside = [m for m in actor["mentions"] if first <= m["start"] and m["end"] <= last]
    return bool(inside) and all(m["type"] == "pronoun" for m in inside)
