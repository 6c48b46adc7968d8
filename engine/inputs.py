"""Reading documents: text files, JSON Lines, gzip-compressed either way, folders and stdin.

Documents stream through one at a time. Every input yields a SourceDocument, an error
included (a missing file, a bad JSON line, a line without its text field), never an
exception, so one bad input does not stop a run.
"""
from __future__ import annotations

import gzip
import json
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
    meta: dict | None = None       # fields of the input record kept beside the output (--keep-fields)


@dataclass
class InputOptions:
    glob: str = "*.txt"
    input_format: str = "auto"      # auto (by file name), text, jsonl
    text_field: str = "text"
    id_field: str = "id"
    keep_fields: list = field(default_factory=list)   # fields of a JSON line carried into its record's meta


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


def _is_jsonl(name: str, options: InputOptions) -> bool:
    if options.input_format != "auto":
        return options.input_format == "jsonl"
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".txt.gz", ".gz", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def iter_paths(arguments, pattern="*.txt"):
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted((p for p in path.rglob(pattern) if p.is_file()), key=lambda p: p.as_posix())
        else:
            yield path


def _kept(options: InputOptions, record=None):
    """The kept fields of an input record (all of them None when the record could not be read):
    every record of a run has the same meta keys, so tables get the same columns."""
    if not options.keep_fields:
        return None
    return {name: record.get(name) if record else None for name in options.keep_fields}


def _json_lines(stream, source_name: str, options: InputOptions):
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{source_name}:{number}"
        text_line, notes = decode(raw) if isinstance(raw, bytes) else (raw, [])
        try:
            record = json.loads(text_line)
        except json.JSONDecodeError as exc:
            yield SourceDocument(where, None, error=f"{where}: not valid JSON ({exc.msg} at column {exc.colno})", meta=_kept(options))
            continue
        if not isinstance(record, dict):
            yield SourceDocument(where, None, error=f"{where}: a JSON line must be an object with the field '{options.text_field}'", meta=_kept(options))
            continue
        doc_id = record.get(options.id_field)
        doc_id = str(doc_id) if doc_id is not None else where
        text = record.get(options.text_field)
        if not isinstance(text, str):
            yield SourceDocument(doc_id, None, error=f"{where}: no text in field '{options.text_field}' (choose it with --text-field)", meta=_kept(options, record))
            continue
        yield SourceDocument(doc_id, text, notes, path=where, meta=_kept(options, record))


def read_documents(arguments, options: InputOptions | str = "*.txt"):
    if isinstance(options, str):
        options = InputOptions(glob=options)
    if not arguments:
        arguments = ["-"]
    for path in iter_paths(arguments, options.glob):
        if str(path) == "-":
            if options.input_format == "jsonl":
                yield from _json_lines(sys.stdin.buffer, "stdin", options)
            else:
                text, notes = decode(sys.stdin.buffer.read())
                yield SourceDocument("stdin", text, notes, meta=_kept(options))
            continue
        doc_id = _stem(path)
        try:
            if path.name.endswith(".gz"):
                handle = gzip.open(path, "rb")
            else:
                handle = open(path, "rb")
        except FileNotFoundError:
            yield SourceDocument(doc_id, None, error=f"{path}: file not found", path=str(path), meta=_kept(options))
            continue
        except IsADirectoryError:
            yield SourceDocument(doc_id, None, error=f"{path}: is a directory", path=str(path), meta=_kept(options))
            continue
        except OSError as exc:
            yield SourceDocument(doc_id, None, error=f"{path}: cannot read ({exc.strerror})", path=str(path), meta=_kept(options))
            continue
        with handle:
            try:
                if _is_jsonl(path.name, options):
                    yield from _json_lines(handle, str(path), options)
                    continue
                data = handle.read()
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                yield SourceDocument(doc_id, None, error=f"{path}: cannot read ({exc.__class__.__name__}: {exc})", path=str(path), meta=_kept(options))
                continue
        text, notes = decode(data)
        yield SourceDocument(doc_id, text, notes, path=str(path), meta=_kept(options))
