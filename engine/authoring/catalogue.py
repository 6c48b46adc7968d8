"""docs/constructions.md, written from the rules' descriptions and examples.

The catalogue answers "which rule handles this construction?" A hand-kept copy drifted
from the rules and from the tests that held the same examples a third time; now each
example is written once, on its rule, where `quotetrace test` runs it, and this module
lays the examples out: one section per rule file in pack order, one per rule with its
description, and a table of its examples with what they give. A test compares the
committed file with what this module writes, so a rule edit that changes a description
or an example fails until `quotetrace docs --out docs/constructions.md` is run.

Only the pack is read, never the engine, so the page is the same on every machine and
cannot depend on what the rules happen to find today.
"""
from __future__ import annotations

import re

from quotetrace.rulepack.contract import ROLES as ATTRIBUTION_ROLES

STAGE_TITLES = {"names": "Names", "actors": "Actors", "attributions": "Attributions"}

HEADER = """\
# Construction catalogue

<!-- Written by `quotetrace docs --out docs/constructions.md` from the descriptions and
examples of the rules in rules/; edit those, not this file (tests/test_docs.py fails when
it is stale). -->

Every construction the bundled rules handle, with examples we wrote and the rule that
handles them. When an expected extraction is missing, find its construction here and look
at that rule (`quotetrace explain FILE --at TEXT` shows how far each rule got there;
`--format text` names the rule of each extraction). Every example below is run by
`quotetrace test`: the rule must make exactly what the table says (its cue, or for names
and actors the whole match, in bold), or nothing where it says so. An italic lead names
the construction an example shows, and the definition or engine step that handles it when
that is not the rule alone.
"""


def catalogue(pack, folder: str = "rules") -> str:
    """The whole page, as text; `folder` is how headings name the pack's folder."""
    out = [HEADER]
    for file in pack.files:
        rules = [rule for rule in pack.rules if rule.file == file]
        if not rules:
            continue
        stage = rules[0].stage
        title = STAGE_TITLES.get(stage, stage.title()) if all(r.stage == stage for r in rules) else file
        out.append(f"## {title} (`{folder}/{file}`)\n")
        description = pack.file_descriptions.get(file, "").strip()
        if description:
            out.append(_paragraph(description) + "\n")
        for rule in rules:
            out.append(_rule_section(rule))
    return "\n".join(out).rstrip("\n") + "\n"


def _rule_section(rule) -> str:
    lines = [f"### `{rule.id}`", ""]
    if rule.description.strip():
        lines += [_paragraph(rule.description), ""]
    if rule.examples:
        lines += ["| example | gives |", "|---|---|"]
        for example in rule.examples:
            lines.append(f"| {_cell(_example_text(rule, example))} | {_cell(_result(rule, example))} |")
        lines.append("")
    return "\n".join(lines)


def _paragraph(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _example_text(rule, example) -> str:
    text = " ".join(example.text.split())
    if example.expect:
        anchor = "cue" if rule.stage == "attributions" else "text"
        pieces = [piece for expected in example.expect for piece in expected.get(anchor, ())]
        text = _bold(text, pieces)
    lead = f"*{example.shows.strip()}:* " if example.shows.strip() else ""
    return lead + text


def _bold(text: str, pieces) -> str:
    """Each piece in bold, at its first place after the previous one (as whole words)."""
    out, at = [], 0
    for piece in pieces:
        piece = " ".join(piece.split())
        found = re.compile(r"(?<!\w)" + re.escape(piece) + r"(?!\w)").search(text, at)
        if found is None:
            continue
        out.append(text[at:found.start()] + f"**{piece}**")
        at = found.end()
    return "".join(out) + text[at:]


def _result(rule, example) -> str:
    if example.absent == "rule":
        return "nothing from this rule"
    if example.absent == "any":
        return {"attributions": "no attribution", "actors": "no actor", "names": "no name"}.get(rule.stage, "nothing")
    if rule.stage != "attributions" and all(set(expected) == {"text"} for expected in example.expect):
        noun = "name" if rule.stage == "names" else "mention"
        return f"the {noun} in bold" if len(example.expect) == 1 else f"the {noun}s in bold"
    return " / ".join(_extraction(rule, expected) for expected in example.expect)


def _extraction(rule, expected) -> str:
    if rule.stage == "attributions":
        keys = [role for role in ATTRIBUTION_ROLES if role != "cue"] + ["kind", "inside"]
    else:
        keys = sorted(set(expected) - {"text"})
    parts = []
    for key in keys:
        if key not in expected:
            continue
        value = expected[key]
        shown = value if isinstance(value, str) else " … ".join(value)
        parts.append(f"{key}: {' '.join(shown.split())}")
    return " · ".join(parts) if parts else " … ".join(expected.get("text", ()))
