"""Reading documents: text files, JSON Lines, gzip-compressed either way, folders and stdin.

Documents stream through one at a time. Every input yields a SourceDocument, an error
included (a missing file, a dangling link, a file over the size limit, a bad JSON line, a
line without its text field), never an exception, so one bad input does not stop a run.
Which files there are is quotetrace.input_files' job; reading each within the size limit,
quotetrace.input_limits'.
"""
from __future__ import annotations

import errno
import gzip
import io
import json
import os
import stat
import sys
import zlib
from dataclasses import dataclass, field

from quotetrace.input_files import STDIN, InputEntry, InputPlan, plan_inputs
from quotetrace.input_limits import CompressedOverLimit, CountingFile, capped_lines, compressed_limit, line_limit, read_capped

READ_BUFFER = 1 << 16


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
    input_format: str = "auto"      # auto (by file name; stdin by its first line), text, jsonl
    text_field: str = "text"
    id_field: str = "id"
    keep_fields: list = field(default_factory=list)   # fields of a JSON line carried into its record's meta
    max_doc_bytes: int | None = None  # read no more than this of one document (--max-doc-bytes)


@dataclass
class ReadReport:
    """What the reading of a run found besides documents, for the command line to say at the end."""

    empty: list = field(default_factory=list)   # inputs that held no document (an empty JSON Lines file)
    stdin_as_jsonl: bool = False


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


def _kept(options: InputOptions, record=None):
    """The kept fields of an input record (all of them None when the record could not be read):
    every record of a run has the same meta keys, so tables get the same columns."""
    if not options.keep_fields:
        return None
    return {name: record.get(name) if record else None for name in options.keep_fields}


def _over_limit(where: str, limit: int, what: str = "document") -> str:
    return f"{where}: {what} is over the limit of {limit} bytes (--max-doc-bytes); it was not read further. Raise the limit or split the document"


def _json_lines(lines, source_name: str, options: InputOptions, report: ReadReport | None = None):
    """Documents from (line, whole) pairs of a JSON Lines stream (quotetrace.input_limits)."""
    count = 0
    number = 0
    try:
        for number, (raw, whole) in enumerate(lines, 1):
            where = f"{source_name}:{number}"
            if not whole:
                count += 1
                limit = line_limit(options.max_doc_bytes)
                yield SourceDocument(where, None, error=_over_limit(where, limit, "the JSON line"), meta=_kept(options))
                continue
            if not raw.strip():
                continue
            count += 1
            text_line, notes = decode(raw)
            try:
                record = json.loads(text_line)
            except (json.JSONDecodeError, RecursionError) as exc:
                detail = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
                yield SourceDocument(where, None, error=f"{where}: not valid JSON ({detail})", meta=_kept(options))
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
    except (OSError, EOFError, zlib.error) as exc:
        count += 1
        where = f"{source_name}:{number + 1}"
        yield SourceDocument(where, None, error=f"{where}: {_reason(exc, options)}; the rest of {source_name} was not read", meta=_kept(options))
    if count == 0 and report is not None:
        report.empty.append(source_name)


def _reason(exc, options: InputOptions) -> str:
    if isinstance(exc, CompressedOverLimit):
        return f"more compressed data than one document may take ({compressed_limit(options.max_doc_bytes)} bytes for --max-doc-bytes {options.max_doc_bytes})"
    return f"cannot read ({exc.__class__.__name__}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc})"


def _text_document(doc_id: str, handle, where: str, options: InputOptions, meta) -> SourceDocument:
    try:
        data = read_capped(handle, options.max_doc_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        return SourceDocument(doc_id, None, error=f"{where}: {_reason(exc, options)}", path=where, meta=meta)
    if data is None:
        return SourceDocument(doc_id, None, error=_over_limit(where, options.max_doc_bytes), path=where, meta=meta)
    text, notes = decode(data)
    return SourceDocument(doc_id, text, notes, path=where, meta=meta)


def _open(entry: InputEntry, options: InputOptions):
    """A binary stream of the file's (decompressed) bytes. Files found in a folder are opened
    without waiting (a pipe put there after the listing cannot block the run) and must be
    regular files."""
    if entry.in_folder:
        descriptor = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise OSError(errno.EINVAL, "no longer a regular file")
            if hasattr(os, "set_blocking"):
                os.set_blocking(descriptor, True)
            raw = open(descriptor, "rb", buffering=0)
        except BaseException:
            os.close(descriptor)
            raise
    else:
        raw = open(entry.path, "rb", buffering=0)
    if entry.path.endswith(".gz"):
        allowance = compressed_limit(options.max_doc_bytes) if options.max_doc_bytes is not None else None
        counting = CountingFile(raw, allowance)
        return gzip.GzipFile(fileobj=io.BufferedReader(counting, READ_BUFFER), mode="rb"), counting
    return io.BufferedReader(raw, READ_BUFFER), None


def _read_file(entry: InputEntry, options: InputOptions, report: ReadReport | None):
    path = entry.path
    if entry.problem:
        yield SourceDocument(entry.doc_id, None, error=entry.problem, path=path, meta=_kept(options))
        return
    try:
        handle, counting = _open(entry, options)
    except FileNotFoundError:
        yield SourceDocument(entry.doc_id, None, error=f"{path}: file not found", path=path, meta=_kept(options))
        return
    except IsADirectoryError:
        yield SourceDocument(entry.doc_id, None, error=f"{path}: is a directory", path=path, meta=_kept(options))
        return
    except OSError as exc:
        yield SourceDocument(entry.doc_id, None, error=f"{path}: cannot read ({exc.strerror or exc})", path=path, meta=_kept(options))
        return
    with handle:
        if _is_jsonl(path, options):
            limit = line_limit(options.max_doc_bytes) if options.max_doc_bytes is not None else None
            yield from _json_lines(_counted(capped_lines(handle, limit), counting), path, options, report)
        else:
            yield _text_document(entry.doc_id, handle, path, options, _kept(options))


def _counted(lines, counting):
    """The lines, the compressed bytes counted from zero again for each."""
    for item in lines:
        yield item
        if counting is not None:
            counting.start_document()


def _looks_like_json_lines(first_line: bytes) -> bool:
    line = first_line.strip()
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:].strip()
    if not line.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


class StdinHead:
    """The start of stdin, read before anything is written: to tell an empty stdin (an error
    before the run) and JSON Lines (read line by line, not as one text) in --input-format auto."""

    def __init__(self, options: InputOptions, stream=None):
        self.stream = stream if stream is not None else sys.stdin.buffer
        limit = line_limit(options.max_doc_bytes) if options.max_doc_bytes is not None else -1
        self.first = self.stream.readline(limit)
        while self.first and not self.first.strip() and len(self.first) < 4096:
            more = self.stream.readline(limit)  # blank lines before the first one that says what this is
            if not more:
                break
            self.first += more
        self.empty = self.first == b""
        self.jsonl = options.input_format == "jsonl" or (options.input_format == "auto" and _looks_like_json_lines(self.first.lstrip(b"\r\n\t ")))

    def documents(self, options: InputOptions, report: ReadReport | None):
        if report is not None and self.jsonl and options.input_format == "auto":
            report.stdin_as_jsonl = True
        if self.jsonl:
            limit = line_limit(options.max_doc_bytes) if options.max_doc_bytes is not None else None
            yield from _json_lines(_chained_lines(self.first, self.stream, limit), "stdin", options, report)
            return
        rest = None if options.max_doc_bytes is None else max(options.max_doc_bytes + 1 - len(self.first), 0)
        data = self.first + (self.stream.read() if rest is None else self.stream.read(rest))
        if options.max_doc_bytes is not None and len(data) > options.max_doc_bytes:
            yield SourceDocument("stdin", None, error=_over_limit("stdin", options.max_doc_bytes), meta=_kept(options))
            return
        text, notes = decode(data)
        yield SourceDocument("stdin", text, notes, meta=_kept(options))


def _chained_lines(head: bytes, stream, limit):
    """(line, whole) for the lines of `head` (read already, whole lines) and then the stream."""
    for line in head.splitlines(keepends=True):
        yield line, True
    yield from capped_lines(stream, limit)


def look_at_inputs(arguments, options: InputOptions):
    """(plan, stdin head or None, problem or None, notes): the inputs of a run, looked at before
    anything is written, so that a folder where nothing matches --glob or an empty stdin stop
    the run with one line instead of an empty output."""
    plan = plan_inputs(arguments, options.glob)
    if plan.empty_folders:
        folders = ", ".join(plan.empty_folders)
        return plan, None, f"{folders}: no file matches --glob '{options.glob}' (choose the files with --glob, e.g. --glob '*.jsonl')", []
    stdin = None
    notes = []
    if any(entry.path == STDIN for entry in plan.entries):
        stdin = StdinHead(options)
        if stdin.empty:
            return plan, stdin, "nothing on stdin: give files or folders, or pipe text in", []
        if stdin.jsonl and options.input_format == "auto":
            notes.append("stdin holds JSON Lines: one document per line (--input-format text reads it as one text)")
    return plan, stdin, None, notes


def read_documents(arguments, options: InputOptions | str = "*.txt", plan: InputPlan | None = None, stdin: StdinHead | None = None, report: ReadReport | None = None):
    """SourceDocuments of the inputs, in order. `plan` (quotetrace.input_files.plan_inputs)
    and `stdin` (a StdinHead) when the caller has looked at the inputs already."""
    if isinstance(options, str):
        options = InputOptions(glob=options)
    if plan is None:
        plan = plan_inputs(arguments, options.glob)
    for entry in plan.entries:
        if entry.path == STDIN and not entry.in_folder:
            head = stdin if stdin is not None else StdinHead(options)
            stdin = None  # stdin can be read once
            if head.empty:
                if report is not None:
                    report.empty.append("stdin")
                continue
            yield from head.documents(options, report)
            continue
        yield from _read_file(entry, options, report)
