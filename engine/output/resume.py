"""Picking up an interrupted run: which documents already have a complete record.

A run killed part way leaves its JSON Lines output with a prefix of whole records and
perhaps one cut-off line. Resuming keeps the whole records, cuts the file back to the end
of the last one, and skips those documents; since records are written in input order,
the finished file is the same bytes as an uninterrupted run's. Brat output is written
one file per document through a temporary name, so an existing NAME.ann is complete.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from quotetrace.output.surrogates import replace_surrogates


def completed_in_jsonl(path: Path) -> Counter:
    """Ids of the complete records in `path`, which is cut back to the last of them."""
    if not path.exists():
        return Counter()
    done = Counter()
    keep = 0
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            if not isinstance(record, dict) or "id" not in record:
                break
            done[str(record["id"])] += 1
            keep += len(line)
    if keep != path.stat().st_size:
        with open(path, "r+b") as handle:
            handle.truncate(keep)
    return done


def completed_in_brat(folder: Path) -> Counter:
    if not folder.is_dir():
        return Counter()
    return Counter(p.name[: -len(".ann")] for p in folder.glob("*.ann"))


def skip_completed(sources, done: Counter):
    """The sources not yet done: each completed id skips one document with that id. Ids are
    compared as records write them (lone surrogates replaced: quotetrace.output.surrogates)."""
    for source in sources:
        key = replace_surrogates(source.id)
        if done[key] > 0:
            done[key] -= 1
            continue
        yield source
