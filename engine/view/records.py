"""Records read back for `quotetrace view`, each matched with its document's text.

Records do not hold the text, so the view takes the inputs the records were made from and
matches them by document id. Records and inputs usually come in the same order, so the
texts are read alongside the records and only those read ahead of their record are kept:
memory stays flat for a corpus of any size. A text that does not fit its record (another
length, or a role whose words are not there) is not used: the view falls back to the
passages the record holds, and says so, rather than mark the wrong words.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path


def read_records(paths):
    """(where, record) for every line of some JSON Lines files (.gz too; - for stdin)."""
    for name in paths:
        if name == "-":
            stream, close = sys.stdin, False
        else:
            path = Path(name)
            stream = gzip.open(path, "rt", encoding="utf-8") if path.name.endswith(".gz") else open(path, encoding="utf-8")
            close = True
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    record = None  # the caller says which line it skipped
                yield f"{name}:{number}", record
        finally:
            if close:
                stream.close()


class Texts:
    """The texts of some inputs by document id, read on demand in input order."""

    def __init__(self, inputs, options):
        from quotetrace.inputs import read_documents

        self._documents = iter(read_documents(inputs, options)) if inputs else iter(())
        self._ahead: dict[str, str | None] = {}

    def get(self, doc_id: str) -> str | None:
        if doc_id in self._ahead:
            return self._ahead.pop(doc_id)
        for document in self._documents:
            if document.id == doc_id:
                return document.text
            self._ahead.setdefault(document.id, document.text)
        return None


def fits(record: dict, text: str | None) -> bool:
    """Whether the text is the one the record was made from: same length, and every role's
    and mention's words where the record says."""
    if text is None or record.get("status") != "ok":
        return text is not None
    if record.get("length") is not None and record["length"] != len(text):
        return False
    for attribution in record.get("attributions", []):
        for fragments in attribution["roles"].values():
            for fragment in fragments:
                if text[fragment["start"]:fragment["end"]] != fragment["text"]:
                    return False
    for actor in record.get("actors", []):
        for mention in actor["mentions"]:
            if text[mention["start"]:mention["end"]] != mention["text"]:
                return False
    return True
