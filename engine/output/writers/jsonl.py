"""JSON Lines, the default format: one record per line, byte-stable."""
from __future__ import annotations

from collections import Counter

import orjson

from quotetrace.output.resume import completed_in_jsonl
from quotetrace.output.writers.base import TextStreamWriter, register


def to_json_line(record: dict) -> str:
    """One record as one line. orjson writes the same bytes as json.dumps with
    ensure_ascii=False and compact separators (keys in insertion order, ints only), faster."""
    return orjson.dumps(record).decode("utf-8") + "\n"


@register
class JsonLinesWriter(TextStreamWriter):
    name = "jsonl"
    help = "one JSON record per document per line (default)"
    resumable = True

    def completed(self) -> Counter:
        return completed_in_jsonl(self.out)

    def write(self, record: dict) -> None:
        self.stream.write(to_json_line(record))
