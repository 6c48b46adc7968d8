"""One line per attribution, roles marked, for reading in a terminal."""
from __future__ import annotations

from quotetrace.output.writers.base import TextStreamWriter, register
from quotetrace.tables import meta_cell


def to_text(record: dict) -> str:
    out = []
    if record.get("meta"):
        fields = ", ".join(f"{name}={meta_cell(value) if value is not None else ''}" for name, value in record["meta"].items())
        out.append(f"{record['id']} meta: {fields}")
    if record.get("status") != "ok":
        out.append(f"{record['id']}: ERROR {record.get('error')}")
        return "\n".join(out) + "\n"
    for attribution in record["attributions"]:
        parts = []
        for role in ("source", "cue", "addressee", "medium", "content"):
            fragments = attribution["roles"].get(role)
            if fragments:
                text = " … ".join(" ".join(f["text"].split()) for f in fragments)
                parts.append(f"{role}=[{text}]")
        nested = f" in {attribution['parent']}" if attribution["parent"] else ""
        floating = f"floating after {attribution['follows']}, " if attribution.get("floating") else ""
        out.append(f"{record['id']} {attribution['id']}{nested} ({attribution['kind']}, {floating}{attribution['trace']['rule']}): " + " ".join(parts))
    if not record["attributions"]:
        out.append(f"{record['id']}: no attributions")
    return "\n".join(out) + "\n"


@register
class TextWriter(TextStreamWriter):
    name = "text"
    help = "one line per attribution, for reading"

    def write(self, record: dict) -> None:
        self.stream.write(to_text(record))
