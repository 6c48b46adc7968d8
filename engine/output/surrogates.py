"""Lone surrogate code points: valid in a Python string and in JSON, impossible in UTF-8.

A JSON line may spell half of a surrogate pair (`"\\ud83d"`, common where scrapers cut an
emoji in two), and a file name that is not valid UTF-8 reaches Python with its bad bytes as
surrogates (PEP 383). Neither can be written as UTF-8, so every writer would fail on the
record. Each such code point becomes U+FFFD, one code point for one, so offsets into a text
stay what they were, and the record says what was replaced: the run goes on and nothing is
changed silently.
"""
from __future__ import annotations

import regex

SURROGATE = regex.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(text: str) -> bool:
    return SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return SURROGATE.sub(REPLACEMENT, text) if SURROGATE.search(text) else text


def clean_value(value):
    """(value, changed): a JSON value with surrogates replaced in every string, keys included."""
    if isinstance(value, str):
        clean = replace_surrogates(value)
        return clean, clean is not value
    if isinstance(value, list):
        items = [clean_value(item) for item in value]
        if any(changed for _, changed in items):
            return [item for item, _ in items], True
        return value, False
    if isinstance(value, dict):
        pairs = [(clean_value(key), clean_value(item)) for key, item in value.items()]
        if any(key_changed or item_changed for (_, key_changed), (_, item_changed) in pairs):
            return {key: item for (key, _), (item, _) in pairs}, True
        return value, False
    return value, False


def clean_fields(doc_id: str, meta, notes) -> tuple:
    """(doc_id, meta, notes) with no lone surrogate left in what comes from outside the engine:
    the id, kept `meta` fields and notes (which may quote a file name); each replacement in the
    id or meta is noted, so that nothing changes silently."""
    notes = [replace_surrogates(note) for note in notes]
    clean_id, changed = clean_value(doc_id)
    if changed:
        notes.append("the document id held lone surrogate code points (not valid Unicode); each was replaced with U+FFFD")
    if meta:
        fields = sorted(clean_value(name)[0] for name, value in meta.items() if clean_value(name)[1] or clean_value(value)[1])
        if fields:
            meta = clean_value(meta)[0]
            notes.append(f"kept field{'s' if len(fields) > 1 else ''} {', '.join(fields)} held lone surrogate code points (not valid Unicode); each was replaced with U+FFFD")
    return clean_id, meta, notes
