"""What every output format provides, and the registry the CLI reads its choices from."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from quotetrace.output.compressed import is_compressed, open_compressed_text
from quotetrace.output.resume import Completed

FORMATS: dict[str, type["Writer"]] = {}


def register(writer: type["Writer"]) -> type["Writer"]:
    """Class decorator: make a Writer one of the `--format` choices under its `name`."""
    FORMATS[writer.name] = writer
    return writer


@dataclass
class WriterOptions:
    keep_fields: list[str] = field(default_factory=list)  # the input fields records carry in `meta`
    table: str = "attributions"                           # tabular formats: attributions or actors


class Writer:
    """Writes records, one document at a time, in input order.

    `target` says what `--out` names: "file" (stdout when there is no --out), "file-only"
    (a file is required: a binary format) or "folder". A `resumable` writer can tell, from
    what an interrupted run left, which documents are complete (`completed`).
    """

    name: ClassVar[str]
    help: ClassVar[str]
    target: ClassVar[str] = "file"
    resumable: ClassVar[bool] = False

    def __init__(self, out: Path | None, options: WriterOptions, resume: bool = False):
        self.out = out
        self.options = options
        self.resume = resume

    def completed(self) -> Counter:
        """Ids of the documents already complete in `out` (only for resumable writers), with
        how many of them failed (`Completed.failed`)."""
        return Completed()

    def open(self) -> None:
        """Open the destination; raise OSError with a reason if it cannot be written."""

    def write(self, record: dict) -> None:
        raise NotImplementedError

    def write_result(self, result) -> None:
        """Write one engine result; a format that shows the text (html) takes it from here,
        the others write the record."""
        self.write(result.to_dict())

    def close(self) -> None:
        """Finish the output (flush, write footers); called once, also after an interruption."""


class TextStreamWriter(Writer):
    """A writer of text lines to `--out` or stdout; subclasses say how a record becomes text.
    An `--out` whose name ends in .gz is written gzip-compressed (quotetrace.output.compressed)."""

    newline = "\n"  # "" for a writer that writes its own line ends (the csv module)

    def open(self) -> None:
        if self.out is None:
            self.stream = sys.stdout
        elif is_compressed(self.out):
            self.stream = open_compressed_text(self.out, self.resume, self.newline)
        else:
            self.stream = open(self.out, "a" if self.resume else "w", encoding="utf-8", newline=self.newline)

    def close(self) -> None:
        stream = getattr(self, "stream", None)
        if stream is not None and stream is not sys.stdout:
            stream.close()
        elif stream is sys.stdout:
            stream.flush()
