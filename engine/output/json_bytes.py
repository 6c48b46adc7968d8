"""JSON as records are written: orjson's bytes, and json's for the values orjson refuses.

orjson writes the bytes of `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`,
faster, but refuses an integer past 64 bits, which a JSON Lines input may hold in a field
kept with --keep-fields (valid JSON, read by Python as an int). Such a record is written by
json itself, in the same layout, with the number as it was, instead of stopping the run.
"""
from __future__ import annotations

import json

import orjson


def dumps(value) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
