"""Reading brat standoff attributions: T lines (spans, possibly in fragments) and E lines (one attribution).

Only the roles Source, Cue, Content, Addressee and Medium are read; other span types
(Attribution, Discard, Discuss, AnnotatorNotes) are not attributions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quotetrace.rulepack.contract import ROLES

ROLE_NAMES = {role.capitalize(): role for role in ROLES}  # brat types are the capitalised role names


@dataclass
class GoldAttribution:
    roles: dict = field(default_factory=dict)   # role -> list of (start, end) fragments
    rule: str | None = None                     # for predictions: the rule that produced it


def parse_ann(text: str) -> list[GoldAttribution]:
    spans = {}
    events = []
    for line in text.splitlines():
        if not line or line[0] not in "TE":
            continue
        parts = line.split("\t")
        if line[0] == "T" and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            if kind not in ROLE_NAMES:
                continue
            fragments = []
            for piece in offsets.split(";"):
                numbers = piece.split()
                if len(numbers) == 2 and all(n.isdigit() for n in numbers):
                    fragments.append((int(numbers[0]), int(numbers[1])))
            if fragments:
                spans[parts[0]] = (ROLE_NAMES[kind], fragments)
        elif line[0] == "E" and len(parts) >= 2:
            events.append(parts[1].split())
    attributions = []
    for arguments in events:
        attribution = GoldAttribution()
        for argument in arguments:
            _, _, target = argument.partition(":")
            if target in spans:
                role, fragments = spans[target]
                attribution.roles.setdefault(role, []).extend(fragments)
        if "cue" in attribution.roles:
            attributions.append(attribution)
    return attributions


def gold_documents(folder: Path):
    """(name, text path, {annotator: ann path}) for each document of a gold folder.

    Layouts: PolNeAR's text/NAME.txt with attributions/NAME_ANNOTATOR.ann, or a flat
    folder of NAME.txt with NAME.ann beside it.
    """
    folder = Path(folder)
    documents = []
    if (folder / "text").is_dir():
        annotations: dict[str, dict[str, Path]] = {}
        ann_folder = folder / "attributions"
        names = {p.stem for p in (folder / "text").glob("*.txt")}
        if ann_folder.is_dir():
            for ann in sorted(ann_folder.glob("*.ann")):
                stem = ann.stem
                name, _, annotator = stem.rpartition("_")
                if name in names:
                    annotations.setdefault(name, {})[annotator] = ann
                elif stem in names:
                    annotations.setdefault(stem, {})[""] = ann
        for text_path in sorted((folder / "text").glob("*.txt")):
            documents.append((text_path.stem, text_path, annotations.get(text_path.stem, {})))
    else:
        for text_path in sorted(folder.glob("*.txt")):
            ann = text_path.with_suffix(".ann")
            documents.append((text_path.stem, text_path, {"": ann} if ann.is_file() else {}))
    return documents
