"""brat standoff: a folder that brat opens as it is.

For each document, NAME.txt (the text the offsets point into) and NAME.ann (its
attributions); in the folder, annotation.conf (the span and event types) and index.jsonl
(which document each NAME is). NAME comes from the document's id by the documented mapping
of quotetrace.output.brat_names, which can never name a file outside the folder.

An .ann holds one T line per role span (`T1<TAB>Cue 946 956;965 974<TAB>was quoted as
saying`) and, per attribution, an `Attribution` span over its cue and an E line that links
the roles to it (`E1<TAB>Attribution:T4 Source:T1 Cue:T2 Content:T3`): the layout of
PolNeAR, which `quotetrace eval` reads, and the one brat needs (an event's first argument
is its type and trigger).

A document's two files are written under temporary names and moved into place, then its
line is added to the index: a document is complete exactly when the index lists it, so
`--resume` picks up from the index (quotetrace.output.resume.completed_in_brat).
"""
from __future__ import annotations

import errno
import os
from collections import Counter

import orjson

from quotetrace.output.brat_names import BratNames
from quotetrace.output.resume import BRAT_INDEX, completed_in_brat, read_brat_index
from quotetrace.output.surrogates import replace_surrogates
from quotetrace.output.writers.base import Writer, register
from quotetrace.rulepack.contract import ROLES

# brat entity types are the role names capitalised (Source, Cue, ...).
BRAT_TYPES = {role: role.capitalize() for role in ROLES}
ANNOTATION_CONF = "annotation.conf"
ANNOTATION_CONF_TEXT = f"""\
# Written by quotetrace (docs/output.md, "brat"). Each attribution is an Attribution event
# over its cue span, with its roles as arguments.
[entities]
{chr(10).join(BRAT_TYPES.values())}

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Attribution\t{", ".join(f"{name}?:{name}" for name in BRAT_TYPES.values())}

[attributes]
"""
# Characters that end a line for str.splitlines (as brat and `quotetrace eval` read an .ann),
# and the tab that separates its fields: none may appear in a T line's text.
_LINE_BREAKS = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def to_brat(record: dict) -> str:
    """T lines for each role span (fragments joined by ';'), an Attribution span over the cue
    and an E line per attribution."""
    lines = []
    t_number = 0
    for e_number, attribution in enumerate(record.get("attributions", []), 1):
        arguments = []
        for role, brat_type in BRAT_TYPES.items():
            fragments = attribution["roles"].get(role)
            if not fragments:
                continue
            t_number += 1
            lines.append(_t_line(t_number, brat_type, fragments))
            arguments.append(f"{brat_type}:T{t_number}")
        trigger = attribution["roles"].get("cue") or next(iter(attribution["roles"].values()), None)
        if not trigger:
            continue
        t_number += 1
        lines.append(_t_line(t_number, "Attribution", trigger))
        lines.append(f"E{e_number}\tAttribution:T{t_number} " + " ".join(arguments))
    return "\n".join(lines) + ("\n" if lines else "")


def _t_line(number, brat_type, fragments) -> str:
    offsets = ";".join(f"{f['start']} {f['end']}" for f in fragments)
    text = replace_surrogates(" ".join(f["text"] for f in fragments)).translate(_LINE_BREAKS)
    return f"T{number}\t{brat_type} {offsets}\t{text}"


@register
class BratWriter(Writer):
    name = "brat"
    help = "brat standoff: DIR/NAME.txt and DIR/NAME.ann per document, annotation.conf and index.jsonl (needs --out DIR)"
    target = "folder"
    resumable = True

    def completed(self) -> Counter:
        _check_folder(self.out)
        done, self._written = completed_in_brat(self.out)
        return done

    def open(self) -> None:
        _check_folder(self.out)
        self.out.mkdir(parents=True, exist_ok=True)
        if not self.resume:
            _clear_earlier_run(self.out)
        self.names = BratNames(getattr(self, "_written", ()))
        _replace_file(self.out, ANNOTATION_CONF, ANNOTATION_CONF_TEXT)
        self.index = open(self.out / BRAT_INDEX, "ab")

    def write(self, record: dict) -> None:
        """A record without its text (read back from JSON Lines): NAME.txt is left empty."""
        self._write(record, None)

    def write_result(self, result) -> None:
        self._write(result.to_dict(), result.text)

    def _write(self, record: dict, text) -> None:
        stem = self.names.assign(record["id"])
        _replace_file(self.out, f"{stem}.txt", replace_surrogates(text or ""))
        _replace_file(self.out, f"{stem}.ann", to_brat(record))
        self.index.write(orjson.dumps({"id": record["id"], "name": stem, "status": record["status"]}) + b"\n")
        self.index.flush()

    def close(self) -> None:
        index = getattr(self, "index", None)
        if index is not None:
            index.close()


def _check_folder(folder) -> None:
    """Raise OSError unless the folder is new, empty, or an earlier run's (it has an index):
    .txt files are written there, and a folder of someone's own files would be overwritten."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it exists and is not a folder")
    if (folder / BRAT_INDEX).is_file():
        return
    others = sorted(entry.name for entry in folder.iterdir())
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise FileExistsError(errno.EEXIST, f"it already holds files that quotetrace did not write ({shown}); give a new or empty folder")


def _clear_earlier_run(folder) -> None:
    """A new run into the folder of an earlier one (not --resume) starts afresh: the files
    that run's index lists go, so that brat shows no stale document. A folder that holds
    anything else was refused before (quotetrace.output.destination)."""
    for entry in read_brat_index(folder):
        for suffix in (".txt", ".ann"):
            (folder / f"{entry['name']}{suffix}").unlink(missing_ok=True)
    (folder / BRAT_INDEX).unlink(missing_ok=True)


def _replace_file(folder, name: str, text: str) -> None:
    """Write `folder/name` through a temporary name, so that a file in place is complete.
    The name has no separator (quotetrace.output.brat_names), and a link planted at the
    temporary name is not followed."""
    if os.sep in name or (os.altsep and os.altsep in name) or name.startswith("."):
        raise ValueError(f"not a plain file name: {name!r}")
    partial = folder / f".{name}.partial"
    partial.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(partial, flags, 0o644)
    with open(descriptor, "wb") as handle:
        handle.write(text.encode("utf-8"))
    os.replace(partial, folder / name)
