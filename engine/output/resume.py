"""Picking up an interrupted run: which documents already have a complete record.

A run killed part way leaves its JSON Lines output with a prefix of whole records and
perhaps one cut-off line. Resuming keeps the whole records, cuts the file back to the end
of the last one, and skips those documents; since records are written in input order,
the finished file is the same bytes as an uninterrupted run's. Brat output lists each
document in its folder's index once its files are in place, so the index says what is done.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import orjson

from quotetrace.output.compressed import is_compressed, rewriting_compressed, whole_lines
from quotetrace.output.surrogates import replace_surrogates


class Completed(Counter):
    """Ids of the documents complete in an earlier run's output, and how many of those
    failed (their records carry an error): the run that finishes the output counts them in
    its exit status, as an uninterrupted run would."""

    failed: int = 0


def completed_in_jsonl(path: Path) -> Counter:
    """Ids of the complete records in `path`, which is cut back to the last of them (a
    gzip file is written anew with just those: quotetrace.output.compressed)."""
    if not path.exists():
        return Completed()
    if is_compressed(path):
        with rewriting_compressed(path) as keep:
            return _whole_records(whole_lines(path), keep)
    kept = 0

    def count(line):
        nonlocal kept
        kept += len(line)

    with open(path, "rb") as handle:
        done = _whole_records(handle, count)
    if kept != path.stat().st_size:
        with open(path, "r+b") as handle:
            handle.truncate(kept)
    return done


def _whole_records(lines, keep) -> Counter:
    """Count the ids of the leading whole records among `lines`, handing each to `keep`."""
    done = Completed()
    for line in lines:
        if not line.endswith(b"\n"):
            break
        try:
            record = json.loads(line)
        except ValueError:
            break
        if not isinstance(record, dict) or "id" not in record:
            break
        done[str(record["id"])] += 1
        done.failed += record.get("status") != "ok"
        keep(line)
    return done


BRAT_INDEX = "index.jsonl"


def read_brat_index(folder: Path) -> list[dict]:
    """The entries of a brat folder's index ({"id", "name", "status"}), in the order they
    were written; the index is cut back to its last whole line."""
    path = folder / BRAT_INDEX
    if not path.is_file():
        return []
    entries = []
    keep = 0
    with open(path, "rb") as handle:
        for line in handle:
            try:
                entry = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                entry = None
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("name"), str):
                break
            entries.append(entry)
            keep += len(line)
    if keep != path.stat().st_size:
        with open(path, "r+b") as handle:
            handle.truncate(keep)
    return entries


def completed_in_brat(folder: Path) -> tuple[Counter, list[str]]:
    """(ids of the complete documents, the names they took) from a brat folder's index.

    A listed document whose .txt or .ann is missing (deleted by hand) is done again, and so is
    every later document with the same id, so that duplicate ids take the same names as in an
    uninterrupted run; the index is rewritten without them.
    """
    entries = read_brat_index(folder)
    kept, broken = [], set()
    for entry in entries:
        whole = all((folder / f"{entry['name']}{suffix}").is_file() for suffix in (".txt", ".ann"))
        if entry["id"] in broken or not whole:
            broken.add(entry["id"])
            continue
        kept.append(entry)
    if len(kept) != len(entries):
        partial = folder / f".{BRAT_INDEX}.partial"
        partial.write_bytes(b"".join(orjson.dumps(entry) + b"\n" for entry in kept))
        os.replace(partial, folder / BRAT_INDEX)
    done = Completed(entry["id"] for entry in kept)
    done.failed = sum(entry.get("status") != "ok" for entry in kept)
    return done, [entry["name"] for entry in kept]


def skip_completed(sources, done: Counter):
    """The sources not yet done: each completed id skips one document with that id. Ids are
    compared as records write them (lone surrogates replaced: quotetrace.output.surrogates)."""
    for source in sources:
        key = replace_surrogates(source.id)
        if done[key] > 0:
            done[key] -= 1
            continue
        yield source
