"""File names for brat output: from any document id to a name that stays inside --out.

Ids come from outside (URLs, paths, scraped fields) and may hold separators, `..`, control
characters, reserved device names or thousands of characters; used as file names they
would write outside the output folder, fail, or overwrite each other. So brat files are not
named by the id itself but by `safe_stem(id)`:

1. the id in Unicode NFC (as macOS file systems compare names);
2. every run of characters other than letters, digits, `-`, `_` and `.` becomes one `_`
   (so no `/`, `\\`, `:`, space or control character is left); then every run of dots and
   underscores with an underscore in it becomes one `_` (so `./../a` ends as `a`),
   and every run of dots one dot;
3. leading and trailing dots and underscores are dropped (no hidden files, no `.` or `..`);
   an empty result is `doc`; a name that Windows reserves for a device (CON, NUL, COM1 ...)
   gets a leading `_`;
4. a stem over 100 bytes of UTF-8 is cut to 90 and followed by `-` and the first 8 hex
   digits of the id's SHA-256, so long ids that share their beginning stay apart.

Two documents whose stems are the same, compared without case (as macOS and Windows file
systems compare them), are told apart in input order: the first keeps the stem, later ones
get `-2`, `-3`, ... (the first of these not yet taken). The same ids in the same order
always give the same names, and each id's name is written to the folder's index, which
is how a name leads back to its id.
"""
from __future__ import annotations

import hashlib
import unicodedata

import regex

MAX_STEM_BYTES = 100
CUT_STEM_BYTES = 90
_UNSAFE_RUN = regex.compile(r"[^\p{L}\p{N}\-_.]+")
_MIXED_RUN = regex.compile(r"[._]*_[._]*")
_DOTS = regex.compile(r"\.{2,}")
_RESERVED = frozenset(["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)])


def safe_stem(doc_id: str) -> str:
    """The file name stem for an id, before collisions are resolved (see the module's rules)."""
    stem = unicodedata.normalize("NFC", doc_id.encode("utf-8", "replace").decode("utf-8"))
    stem = _MIXED_RUN.sub("_", _UNSAFE_RUN.sub("_", stem))
    stem = _DOTS.sub(".", stem).strip("._") or "doc"
    if stem.split(".", 1)[0].lower() in _RESERVED:
        stem = "_" + stem
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        cut = stem.encode("utf-8")[:CUT_STEM_BYTES].decode("utf-8", "ignore").rstrip("._")
        digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = f"{cut}-{digest}"
    return stem


def _key(stem: str) -> str:
    """How file systems that ignore case compare two names."""
    return stem.casefold()


class BratNames:
    """Gives each document of a run its stem, unique in the folder, in input order."""

    def __init__(self, taken=()):
        self._taken = {_key(stem) for stem in taken}  # stems of the documents already written (--resume)

    def assign(self, doc_id: str) -> str:
        stem = safe_stem(doc_id)
        candidate, number = stem, 1
        while _key(candidate) in self._taken:
            number += 1
            candidate = f"{stem}-{number}"
        self._taken.add(_key(candidate))
        return candidate
