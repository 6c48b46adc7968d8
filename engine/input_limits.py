"""Reading within the size limit: memory stays bounded by --max-doc-bytes whatever the file.

A document is read up to one byte past the limit and no further, so a 2 GiB text, or a
2 MB gzip that expands to 2 GiB, costs the limit, not its size: that document gets an error
record and the next one is read. A JSON line may spell each character of its text in up to
six bytes (`\\u0001`) and carries other fields, so a line may take `line_limit` bytes: six
times the document limit and 1 MiB; a longer line is skipped to its end in pieces of 1 MiB.
Compressed bytes are counted too: the compressed data read for one document may not pass
`compressed_limit` (a gzip of a billion empty members decompresses to nothing, slowly).
"""
from __future__ import annotations

import io

SKIP_CHUNK = 1 << 20


class CompressedOverLimit(OSError):
    """More compressed data was read for one document than its limit allows."""


def line_limit(max_doc_bytes: int) -> int:
    """The longest JSON line read whole: any text within the limit, escaped, fits in it."""
    return 6 * max_doc_bytes + SKIP_CHUNK


def compressed_limit(max_doc_bytes: int) -> int:
    """Compressed bytes one document may take: its longest line and room for gzip's framing."""
    return line_limit(max_doc_bytes) + line_limit(max_doc_bytes) // 100 + SKIP_CHUNK


class CountingFile(io.RawIOBase):
    """The compressed side of a gzip file, counting what is read since `start_document`."""

    def __init__(self, raw, allowance: int | None):
        self.raw = raw
        self.allowance = allowance
        self.used = 0

    def start_document(self) -> None:
        self.used = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        self.used += count or 0
        if self.allowance is not None and self.used > self.allowance:
            raise CompressedOverLimit(f"more than {self.allowance} compressed bytes for one document")
        return count

    def close(self) -> None:
        self.raw.close()
        super().close()


def read_capped(handle, limit: int | None) -> bytes | None:
    """The whole stream, or None when it holds more than `limit` bytes (read no further)."""
    if limit is None:
        return handle.read()
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def capped_lines(handle, limit: int | None):
    """(line, whole) for each line of a binary stream; a line longer than `limit` is read to
    its end in bounded pieces and given as (None, False)."""
    while True:
        line = handle.readline() if limit is None else handle.readline(limit + 1)
        if not line:
            return
        if limit is None or len(line) <= limit or line.endswith(b"\n"):
            yield line, True
            continue
        while True:
            rest = handle.readline(SKIP_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield None, False
