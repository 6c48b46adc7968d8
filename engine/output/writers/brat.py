"""brat standoff: NAME.ann per document in a folder."""
from __future__ import annotations

import os
from collections import Counter

from quotetrace.output.resume import completed_in_brat
from quotetrace.rulepack.contract import ROLES
from quotetrace.output.writers.base import Writer, register

# brat entity types are the role names capitalised (Source, Cue, ...).
BRAT_TYPES = {role: role.capitalize() for role in ROLES}


def to_brat(record: dict) -> str:
    """One T line per role span (fragments joined by ';') and one E line per attribution."""
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


@register
class BratWriter(Writer):
    name = "brat"
    help = "brat standoff, DIR/NAME.ann per document (needs --out DIR)"
    target = "folder"
    resumable = True

    def completed(self) -> Counter:
        return completed_in_brat(self.out)

    def open(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)

    def write(self, record: dict) -> None:
        # Through a temporary name, so that an .ann file that exists is complete (--resume).
        partial = self.out / f".{record['id']}.ann.partial"
        partial.write_text(to_brat(record), encoding="utf-8")
        os.replace(partial, self.out / f"{record['id']}.ann")
