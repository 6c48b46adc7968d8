"""Sorting more items than fit in memory: sorted runs on disk, merged back.

The roster groups the appearances of a corpus by speaker and orders speakers by how often
they are quoted; for a corpus larger than memory neither can be done in a list. Items are
(key, value) pairs of JSON values; at most `run_size` are held at once, each full run is
sorted and written to a temporary file, and `sorted()` merges the runs lazily. Keys must be
of one comparable shape (strings, or lists of the same types).
"""
from __future__ import annotations

import heapq
import os
import tempfile

import orjson

RUN_SIZE = 50_000


class ExternalSort:
    def __init__(self, folder: str | None = None, run_size: int = RUN_SIZE):
        self.folder = folder
        self.run_size = run_size
        self.buffer = []
        self.runs = []
        self.count = 0

    def add(self, key, value) -> None:
        # Held as the line it will be written as, "key<TAB>value": a few hundred bytes, not a
        # tree of objects (the concatenation also trims orjson's output buffer, kept at 4 KB).
        self.buffer.append((key, orjson.dumps(key) + b"\t" + orjson.dumps(value) + b"\n"))
        self.count += 1
        if len(self.buffer) >= self.run_size:
            self._spill()

    def _spill(self) -> None:
        self.buffer.sort(key=lambda item: item[0])
        handle = tempfile.NamedTemporaryFile("wb", prefix="quotetrace-roster-", suffix=".run", dir=self.folder, delete=False)
        with handle:
            for _, line in self.buffer:
                handle.write(line)
        self.runs.append(handle.name)
        self.buffer = []

    def sorted(self):
        """The items in key order (equal keys in the order they were added); reads each run once."""
        for key, value in self.sorted_raw():
            yield key, orjson.loads(value)

    def sorted_raw(self):
        """As sorted(), with each value as its JSON bytes, unparsed (to copy it as it is)."""
        if not self.runs:
            self.buffer.sort(key=lambda item: item[0])
            for key, line in self.buffer:
                yield key, line[line.index(b"\t") + 1:-1]
            return
        if self.buffer:
            self._spill()
        readers = [_read(path) for path in self.runs]
        try:
            yield from heapq.merge(*readers, key=lambda item: item[0])
        finally:
            self.close()

    def close(self) -> None:
        for path in self.runs:
            try:
                os.unlink(path)
            except OSError:
                pass
        self.runs = []


def _read(path):
    with open(path, "rb") as handle:
        for line in handle:
            tab = line.index(b"\t")
            yield orjson.loads(line[:tab]), line[tab + 1:-1]
