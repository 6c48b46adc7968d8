"""JSON Lines, the default format: one record per line, byte-stable."""
from __future__ import annotations

from collections import Counter

from quotetrace.output.json_bytes import dumps
from quotetrace.output.resume import completed_in_jsonl
from quotetrace.output.writers.base import TextStreamWriter, register


def to_json_line(record: dict) -> str:
    """One record as one line (quotetrace.output.json_bytes: orjson's bytes, those of
    json.dumps with ensure_ascii=False and compact separators)."""
    return dumps(record).decode("utf-8") + "\n"


@register
class JsonLinesWriter(TextStreamWriter):
    name = "jsonl"
    help = "one JSON record per document per line (default)"
    resumable = True

    def completed(self) -> Counter:
        return completed_in_jsonl(self.out)

    def write(self, record: dict) -> None:
        self.stream.write(to_json_line(record))
