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
        self.buffer.append((key, value))
        self.count += 1
        if len(self.buffer) >= self.run_size:
            self._spill()

    def _spill(self) -> None:
        self.buffer.sort(key=lambda item: item[0])
        handle = tempfile.NamedTemporaryFile("wb", prefix="quotetrace-roster-", suffix=".run", dir=self.folder, delete=False)
        with handle:
            for item in self.buffer:
                handle.write(orjson.dumps(item) + b"\n")
        self.runs.append(handle.name)
        self.buffer = []

    def sorted(self):
        """The items in key order (equal keys in the order they were added); reads each run once."""
        if not self.runs:
            self.buffer.sort(key=lambda item: item[0])
            yield from self.buffer
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
            key, value = orjson.loads(line)
            yield key, value
