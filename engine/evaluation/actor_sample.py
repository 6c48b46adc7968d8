"""`quotetrace eval DIR --actor-sample N --seed S`: a random sample of actors for a person to judge.

Sources are counted per actor, so a wrong actor (a verb phrase, a place, an event) is a
wrong count, and no gold set says what the actors of a text are. The measure is a reader's
judgement of a sample: N actors drawn at random, with a seed, from every actor of every
text in the folder, each written as one row with what a reader needs to judge it (its
document, name, kind, type, titles, how many mentions, how many attributions it is the
source of, and its first mention with the words around it) and an empty `judgement`
column to fill in. The same folder, rules, N and seed give the same rows; after a change of
rules the actors differ, so the sample differs too, and that is expected: the share of
good rows before and after is what compares, with the same seed and method.
"""
from __future__ import annotations

import random

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
            rows.append((name, actor["id"], actor["name"], actor["kind"], actor.get("type") or "", " | ".join(actor["titles"]),
                         len(actor["mentions"]), sourced.get(actor["id"], 0), first["text"], _context(text, first["start"], first["end"])))
    return rows


def sample_tsv(folder, engine, size, seed) -> str:
    """The TSV of `size` actors drawn with `random.Random(seed)` (all of them when there are
    fewer), in document and actor order, numbered."""
    rows = actor_rows(folder, engine)
    chosen = sorted(random.Random(seed).sample(range(len(rows)), min(size, len(rows))))
    lines = ["\t".join(COLUMNS)]
    for number, index in enumerate(chosen, 1):
        lines.append("\t".join(_cell(v) for v in (number, *rows[index], "")))
    return "\n".join(lines) + "\n"
