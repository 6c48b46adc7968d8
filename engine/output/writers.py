"""Serialising records: JSON Lines (the default), brat standoff, and one line per attribution for people."""
from __future__ import annotations

import json

BRAT_TYPES = {"source": "Source", "cue": "Cue", "content": "Content", "addressee": "Addressee", "medium": "Medium"}


def to_json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_brat(record: dict) -> str:
    """brat standoff: one T line per role span (fragments joined by ';') and one E line per attribution."""
    lines = []
    t_number = 0
    for e_number, attribution in enumerate(record.get("attributions", []), 1):
        arguments = []
        for role, brat_type in BRAT_TYPES.items():
            fragments = attribution["roles"].get(role)
            if not fragments:
                continue
            t_number += 1
            offsets = ";".join(f"{f['start']} {f['end']}" for f in fragments)
            text = " ".join(f["text"] for f in fragments).replace("\n", " ").replace("\r", " ")
            lines.append(f"T{t_number}\t{brat_type} {offsets}\t{text}")
            arguments.append(f"{brat_type}:T{t_number}")
        lines.append(f"E{e_number}\t" + " ".join(arguments))
    return "\n".join(lines) + ("\n" if lines else "")


def to_text(record: dict) -> str:
    """One line per attribution, roles marked, for reading in a terminal."""
    out = []
    if record.get("status") != "ok":
        return f"{record['id']}: ERROR {record.get('error')}\n"
    for attribution in record["attributions"]:
        parts = []
        for role in ("source", "cue", "addressee", "medium", "content"):
            fragments = attribution["roles"].get(role)
            if fragments:
                text = " … ".join(" ".join(f["text"].split()) for f in fragments)
                parts.append(f"{role}=[{text}]")
        nested = f" in {attribution['parent']}" if attribution["parent"] else ""
        out.append(f"{record['id']} {attribution['id']}{nested} ({attribution['kind']}, {attribution['trace']['rule']}): " + " ".join(parts))
    if not record["attributions"]:
        out.append(f"{record['id']}: no attributions")
    return "\n".join(out) + "\n"
