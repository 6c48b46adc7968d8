"""Reading output records back: the JSON Lines files `quotetrace extract` wrote.

One record per line, read as it comes (a file of any size), from plain or gzip files, or
stdin for "-". A line that is not a record is an error that names the file and line, since
a roster silently missing documents would count wrong.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

import orjson


class RecordError(ValueError):
    pass


def read_records(paths):
    """Records (dicts) of every file in order; "-" is stdin."""
    for path in paths:
        if str(path) == "-":
            yield from _lines(sys.stdin.buffer, "stdin")
            continue
        path = Path(path)
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rb") as handle:
                yield from _lines(handle, str(path))
        except OSError as exc:
            raise RecordError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _lines(handle, name):
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise RecordError(f"{name}:{number}: not a JSON record ({exc}); give the JSON Lines that quotetrace extract writes") from None
        if not isinstance(record, dict) or "id" not in record or "attributions" not in record:
            raise RecordError(f"{name}:{number}: not an output record of quotetrace extract (no id or attributions)")
        yield record
