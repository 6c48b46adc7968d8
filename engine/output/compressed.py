"""Gzip-compressed output: `--out records.jsonl.gz` (or .csv.gz, .tsv.gz, .txt.gz).

A JSON record carries every mention, role and trace with its offsets and text, so it is
several times the size of its article (docs/output.md gives the figures); gzip brings a
corpus's records to about the size of its text, and every reader of JSON Lines (pandas,
`zcat | jq`, `quotetrace sources`) reads it as it is.

The bytes are deterministic: no file name and a zero timestamp in the gzip header, one
compression level. A run killed part way leaves a gzip stream cut short; resuming reads the
whole records that survive, writes them back as one gzip member and appends the rest of the
run as a second member (gzip readers read members in sequence), so the decompressed output
is the same as an uninterrupted run's.
"""
from __future__ import annotations

import gzip
import io
import os
import zlib
from contextlib import contextmanager
from pathlib import Path

COMPRESSION_LEVEL = 6


def is_compressed(path: Path | None) -> bool:
    return path is not None and path.name.endswith(".gz")


def open_compressed_text(path: Path, append: bool, newline: str):
    """A text stream that writes gzip to `path` (a new member after what is there when
    `append`); closing it closes the file."""
    raw = open(path, "ab" if append else "wb")
    packed = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=COMPRESSION_LEVEL, mtime=0)
    return _ClosingTextStream(packed, raw, newline)


class _ClosingTextStream(io.TextIOWrapper):
    """A text stream over a GzipFile that also closes the file under it (GzipFile given a
    `fileobj` leaves it open)."""

    def __init__(self, packed, raw, newline):
        super().__init__(packed, encoding="utf-8", newline=newline)
        self._raw = raw

    def close(self):
        try:
            super().close()
        finally:
            self._raw.close()


def whole_lines(path: Path):
    """The decompressed lines of `path` up to where it was cut short or damaged; a last line
    without its line end is not yielded."""
    try:
        with gzip.open(path, "rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    return
                yield line
    except (EOFError, OSError, zlib.error):
        return


@contextmanager
def rewriting_compressed(path: Path):
    """Write `path` anew as one gzip member: yields a function taking bytes; the new file
    replaces the old one atomically when the block ends without an error."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=COMPRESSION_LEVEL, mtime=0) as packed:
                yield packed.write
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
