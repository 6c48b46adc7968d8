"""Running the `examples:` written on rules, as `quotetrace test` does.

An example is a text and what the rule must make of it, next to the rule it tests, the way
semgrep keeps `# ruleid:` and `# ok:` lines beside a rule: `expect:` lists the extractions
this rule makes there (it must be their producer, so a rule that stops matching cannot
hide behind another that takes over), `absent: rule` says this rule makes nothing there
(another may), `absent: any` that nothing of the rule's stage is found at all.

What an extraction is depends on the stage. For an attribution rule it is the attribution
as the output record has it (roles after trimming, medium and nesting), since that is what
a user reads; its roles are compared all at once, a role left out of `expect` must be
absent, and `kind` and `inside` (the parent's cue) are compared when given. For a names or
actors rule it is the rule's match that survived resolution in its stage: the whole match
(`text`) and its captures, since later steps merge and link mentions and a rule's own
work would no longer show.

Each failure is one line, `FILE:LINE: RULE-ID: what differed`, with the line of the
example in its rule file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quotetrace.rulepack.contract import ROLES as ATTRIBUTION_ROLES


@dataclass(frozen=True)
class ExampleFailure:
    file: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.rule}: {self.message}"


@dataclass
class ExampleRun:
    passed: int = 0
    failures: list = field(default_factory=list)
    rules_without_examples: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + len(self.failures)

    def summary(self) -> str:
        line = f"{self.total} rule examples: {self.passed} passed, {len(self.failures)} failed"
        if self.rules_without_examples:
            line += f" ({len(self.rules_without_examples)} rules have none)"
        return line


def run_examples(engine, rule_ids=None) -> ExampleRun:
    """Every example of every rule of the engine's pack (or of the rules named), in pack order."""
    run = ExampleRun()
    root = Path(engine.pack.root)
    for rule in engine.pack.rules:
        if rule_ids is not None and rule.id not in rule_ids:
            continue
        if not rule.examples:
            run.rules_without_examples.append(rule.id)
        for example in rule.examples:
            problem = check_example(engine, rule, example)
            if problem is None:
                run.passed += 1
            else:
                path = root / example.file
                where = str(path) if path.exists() else example.file
                run.failures.append(ExampleFailure(where, example.line, rule.id, problem))
    return run


class _NotRun(Exception):
    """The engine gave an error record for the example's text (a time limit, most likely)."""


def check_example(engine, rule, example) -> str | None:
    """What differed between the example and what the engine made of its text, or None."""
    try:
        found = extractions(engine, rule.stage, example.text)
    except _NotRun as exc:
        return f"the engine could not run the text: {exc}"
    mine = [item for item in found if item["rule"] == rule.id]
    if example.absent == "rule":
        return f"expected nothing from this rule, found {_describe_all(mine)}" if mine else None
    if example.absent == "any":
        if found:
            return f"expected no {_noun(rule.stage)} at all, found {_describe_all(found, with_rule=True)}"
        return None
    left = list(mine)
    for expected in example.expect:
        hit = next((item for item in left if _agrees(expected, item, rule.stage)), None)
        if hit is not None:
            left.remove(hit)
            continue
        if not left:
            others = [item for item in found if item["rule"] != rule.id]
            tail = f"; other rules found {_describe_all(others, with_rule=True)}" if others else ""
            nothing = "nothing more" if mine else "nothing"
            return f"expected {_describe(expected, rule.stage)}, but this rule found {nothing}{tail}"
        nearest = max(left, key=lambda item: _closeness(expected, item, rule.stage))
        return f"expected {_describe(expected, rule.stage)}; found {_differences(expected, nearest, rule.stage)}"
    if left:
        return f"found more than the example expects: {_describe_all(left)}"
    return None


def extractions(engine, stage: str, text: str) -> list[dict]:
    """What the stage makes of a text, each as {"rule": id, role or capture: (texts, ...)}."""
    if stage == "attributions":
        record = engine.record(text, "example")
        if record.get("status") != "ok":
            raise _NotRun(record.get("error") or record.get("status"))
        by_id = {a["id"]: a for a in record["attributions"]}
        items = []
        for attribution in record["attributions"]:
            item = {"rule": attribution["trace"]["rule"], "kind": attribution["kind"]}
            for role, fragments in attribution["roles"].items():
                item[role] = tuple(f["text"] for f in fragments)
            parent = by_id.get(attribution.get("parent"))
            if parent is not None:
                item["inside"] = " ".join(f["text"] for f in parent["roles"]["cue"])
            items.append(item)
        return items
    analysis = engine.analyse(text, "example")
    doc = analysis.doc
    items = []
    # Evidence rules (stage sources) do not compete: every candidate counts, as for profiles.
    matches = analysis.candidates[stage] if stage == "sources" else analysis.stage_matches[stage]
    for match in matches:
        start, end = doc.span_of(match.first, match.last)
        item = {"rule": match.rule.id, "text": (text[start:end],)}
        for name, ranges in match.captures.items():
            item[name] = tuple(text[slice(*doc.span_of(first, last))] for first, last in ranges)
        items.append(item)
    return items


def _compared_keys(expected: dict, item: dict, stage: str):
    if stage == "attributions":
        return list(ATTRIBUTION_ROLES) + [key for key in ("kind", "inside") if key in expected]
    return sorted((set(expected) | set(item)) - {"rule"})


def _agrees(expected: dict, item: dict, stage: str) -> bool:
    return all(expected.get(key) == item.get(key) for key in _compared_keys(expected, item, stage))


def _closeness(expected: dict, item: dict, stage: str) -> tuple:
    keys = _compared_keys(expected, item, stage)
    same_anchor = expected.get("cue" if stage == "attributions" else "text") == item.get("cue" if stage == "attributions" else "text")
    return same_anchor, sum(expected.get(key) == item.get(key) for key in keys)


def _differences(expected: dict, item: dict, stage: str) -> str:
    parts = []
    for key in _compared_keys(expected, item, stage):
        want, got = expected.get(key), item.get(key)
        if want != got:
            parts.append(f"{key} {_value(got)} (the example has {_value(want)})")
    return "; ".join(parts)


def _value(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return f'"{value}"'
    return " … ".join(f'"{_short(text)}"' for text in value)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 25] + " ... " + text[-20:]


def _describe(item: dict, stage: str) -> str:
    keys = list(ATTRIBUTION_ROLES) + ["kind", "inside"] if stage == "attributions" else ["text"] + sorted(set(item) - {"text", "rule"})
    return ", ".join(f"{key} {_value(item[key])}" for key in keys if key in item)


def _describe_all(items, with_rule: bool = False) -> str:
    parts = []
    for item in items:
        anchor = "cue" if "cue" in item else "text"
        part = f"{anchor} {_value(item.get(anchor))}"
        parts.append(f"{part} (by {item['rule']})" if with_rule else part)
    return ", ".join(parts)


def _noun(stage: str) -> str:
    return {"attributions": "attribution", "actors": "actor mention", "names": "name"}.get(stage, "match")
