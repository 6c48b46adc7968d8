"""One line per attribution, roles marked, for reading in a terminal.

Everything shown comes from the input, so every piece passes through
quotetrace.output.terminal.printable: an escape sequence in a news text is shown, not obeyed.
A record's notes and errors are shown too, each on its own line, so that what the JSON record
says about a document (a rule that timed out, an id that was changed) is not hidden here.
"""
from __future__ import annotations

from quotetrace.output.terminal import printable
from quotetrace.output.writers.base import TextStreamWriter, register
from quotetrace.tables import meta_cell


def to_text(record: dict) -> str:
    out = []
    doc_id = printable(record["id"])
    if record.get("meta"):
        fields = ", ".join(f"{printable(name)}={printable(meta_cell(value)) if value is not None else ''}" for name, value in record["meta"].items())
        out.append(f"{doc_id} meta: {fields}")
    if record.get("status") != "ok":
        out.append(f"{doc_id}: ERROR {printable(record.get('error'))}")
    else:
        for attribution in record["attributions"]:
            parts = []
            for role in ("source", "cue", "addressee", "medium", "content"):
                fragments = attribution["roles"].get(role)
                if fragments:
                    text = " … ".join(" ".join(f["text"].split()) for f in fragments)
                    parts.append(f"{role}=[{printable(text)}]")
            nested = f" in {attribution['parent']}" if attribution["parent"] else ""
            floating = f"floating after {attribution['follows']}, " if attribution.get("floating") else ""
            out.append(f"{doc_id} {attribution['id']}{nested} ({attribution['kind']}, {floating}{printable(attribution['trace']['rule'])}): " + " ".join(parts))
        if not record["attributions"]:
            out.append(f"{doc_id}: no attributions")
    for note in record.get("notes", []):
        out.append(f"{doc_id}: note: {printable(note)}")
    for error in record.get("errors", []):
        out.append(f"{doc_id}: error in rule {printable(error.get('rule'))}: {printable(error.get('error'))}")
    return "\n".join(out) + "\n"


@register
class TextWriter(TextStreamWriter):
    name = "text"
    help = "one line per attribution, for reading (control characters escaped; notes and errors shown)"

    def write(self, record: dict) -> None:
        self.stream.write(to_text(record))
