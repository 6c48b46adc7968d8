"""`quotetrace eval DIR --actor-sample N --seed S`: a random sample of actors for a person to judge.

Sources are counted per actor, so a wrong actor (a verb phrase, a place, an event) is a
wrong count, and no gold set says what the actors of a text are. The measure is a reader's
judgement of a sample: N actors drawn at random, with a seed, from every actor of every
text in the folder, each written as one row with what a reader needs to judge it (its
document, name, kind, type, titles, how many mentions, how many attributions it is the
source of, and its first mention with the words around it) and an empty `judgement`
column to fill in. The same folder, rules, N and seed give the same rows.

The draw is stable across changes of rules: each actor gets a key, a hash of the seed, its
document's name and the offset of its first mention, and the N actors with the smallest keys
are drawn. An actor that a change of rules leaves where it was (same document, same first
mention) keeps its key, so it is drawn before and after the change alike unless actors
the change adds push it out; an actor the change removes leaves its place to the next key.
So two readings of the same seed compare the same actors, row by row, as far as they still
exist.
"""
from __future__ import annotations

import hashlib

import regex

from quotetrace.evaluation.brat import gold_documents
from quotetrace.inputs import decode

COLUMNS = ("n", "document", "actor", "name", "kind", "type", "titles", "mentions", "sourced", "first_mention", "context", "judgement")
CONTEXT = 70  # characters either side of the first mention
SPACE = regex.compile(r"\s+")


def _cell(value) -> str:
    """One TSV cell: white space (tabs, line breaks) folded to one space."""
    return SPACE.sub(" ", str(value)).strip()


def _context(text, start, end) -> str:
    left = text[max(0, start - CONTEXT):start]
    right = text[end:end + CONTEXT]
    return f"{'…' if start > CONTEXT else ''}{left}[[{text[start:end]}]]{right}{'…' if end + CONTEXT < len(text) else ''}"


def actor_rows(folder, engine):
    """One row (a tuple of COLUMNS[1:-1]) per actor of every text in `folder`, in document
    name order, then the record's actor order."""
    return [row for _, row in _actors(folder, engine)]


def _actors(folder, engine):
    """(offset of its first mention, row) per actor, in the order of `actor_rows`."""
    rows = []
    for name, text_path, _ in gold_documents(folder):
        text, _ = decode(text_path.read_bytes())
        record = engine.record(text, name)
        sourced = {}
        for attribution in record.get("attributions", []):
            if attribution.get("source_actor"):
                sourced[attribution["source_actor"]] = sourced.get(attribution["source_actor"], 0) + 1
        for actor in record.get("actors", []):
            first = min(actor["mentions"], key=lambda m: (m["start"], m["end"]))
            rows.append((first["start"], (name, actor["id"], actor["name"], actor["kind"], actor.get("type") or "", " | ".join(actor["titles"]),
                         len(actor["mentions"]), sourced.get(actor["id"], 0), first["text"], _context(text, first["start"], first["end"]))))
    return rows


def draw_key(seed, document, offset) -> str:
    """An actor's place in the draw of `seed`: a sha256 of the seed, its document's name and
    its first mention's offset, so that it does not depend on the other actors."""
    return hashlib.sha256(f"{seed}\x00{document}\x00{offset}".encode("utf-8")).hexdigest()


def sample_tsv(folder, engine, size, seed) -> str:
    """The TSV of the `size` actors with the smallest `draw_key` for `seed` (all of them when
    there are fewer), in document and actor order, numbered. Two actors of one document whose
    first mentions start at the same offset are ordered by their rows."""
    actors = _actors(folder, engine)
    keyed = sorted(range(len(actors)), key=lambda i: (draw_key(seed, actors[i][1][0], actors[i][0]), actors[i][1][2:], i))
    chosen = sorted(keyed[:size])
    lines = ["\t".join(COLUMNS)]
    for number, index in enumerate(chosen, 1):
        lines.append("\t".join(_cell(v) for v in (number, *actors[index][1], "")))
    return "\n".join(lines) + "\n"
