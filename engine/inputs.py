"""Reading documents: files, folders, standard input; bytes decoded as UTF-8 with replacement.

Every input yields a (doc_id, text, notes) triple or an error record, never an exception,
so one unreadable file does not stop a run.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SourceDocument:
    id: str
    text: str | None
    notes: list = field(default_factory=list)
    error: str | None = None
    path: str | None = None


def decode(data: bytes) -> tuple[str, list[str]]:
    notes = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        notes.append(f"input is not valid UTF-8 (first bad byte at {exc.start}); undecodable bytes were replaced with U+FFFD")
    return text, notes


def iter_paths(arguments, pattern="*.txt"):
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted((p for p in path.rglob(pattern) if p.is_file()), key=lambda p: p.as_posix())
        else:
            yield path


def read_documents(arguments, pattern="*.txt"):
    if not arguments:
        text, notes = decode(sys.stdin.buffer.read())
        yield SourceDocument("stdin", text, notes)
        return
    for path in iter_paths(arguments, pattern):
        doc_id = path.stem if path.suffix == ".txt" else path.name
        if str(path) == "-":
            text, notes = decode(sys.stdin.buffer.read())
            yield SourceDocument("stdin", text, notes)
            continue
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            yield SourceDocument(doc_id, None, error=f"{path}: file not found", path=str(path))
            continue
        except IsADirectoryError:
            yield SourceDocument(doc_id, None, error=f"{path}: is a directory", path=str(path))
            continue
        except OSError as exc:
            yield SourceDocument(doc_id, None, error=f"{path}: cannot read ({exc.strerror})", path=str(path))
            continue
        text, notes = decode(data)
        yield SourceDocument(doc_id, text, notes, path=str(path))
