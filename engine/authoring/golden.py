"""Golden files for regression tests: the extractions of a record in a stable, readable
layout (`NAME.expected.json`), and the difference between two such layouts.

What a rule edit must not change unnoticed is kept: every role's text and offsets, the
kind, the nesting, the rule that produced each attribution, and each actor with its kind,
titles and mentions. What changes for reasons that do not matter is left out: ids
(att3 becomes att4 when an attribution is added before it), rule file lines (they move
whenever a rule file is edited), trace details. The nesting and the source's actor are
written by content, not id: the parent's cue and the actor's name.
"""
from __future__ import annotations

import json

from quotetrace.rulepack.contract import ROLES

LAYOUT_VERSION = 1


def _fragments(fragments):
    return [[f["start"], f["end"], f["text"]] for f in fragments]


def _cue_key(attribution) -> str:
    if attribution.get("floating"):  # no cue: named by where its quotation starts
        return f"floating @{attribution['roles']['content'][0]['start']}"
    cue = attribution["roles"]["cue"]
    return " ... ".join(f["text"] for f in cue) + f" @{cue[0]['start']}"


def expected_layout(record) -> dict:
    """The golden form of an output record."""
    if record.get("status") != "ok":
        return {"layout": LAYOUT_VERSION, "id": record["id"], "status": record.get("status"), "error": record.get("error")}
    by_id = {a["id"]: a for a in record["attributions"]}
    actors = {a["id"]: a for a in record["actors"]}
    attributions = []
    for attribution in record["attributions"]:
        item = {"at": _cue_key(attribution), "rule": attribution["trace"]["rule"], "kind": attribution["kind"]}
        for role in ROLES:
            if role in attribution["roles"]:
                item[role] = _fragments(attribution["roles"][role])
        if attribution.get("parent"):
            item["inside"] = _cue_key(by_id[attribution["parent"]])
        if attribution.get("floating"):
            item["follows"] = _cue_key(by_id[attribution["follows"]])
        if attribution.get("source_actor") in actors:
            item["source_actor"] = actors[attribution["source_actor"]]["name"]
        attributions.append(item)
    actor_items = []
    for actor in record["actors"]:
        actor_items.append({
            "name": actor["name"],
            "kind": actor["kind"],
            "titles": actor["titles"],
            "mentions": [[m["start"], m["end"], m["text"], m["type"], m["trace"]["rule"]] for m in actor["mentions"]],
        })
    return {"layout": LAYOUT_VERSION, "id": record["id"], "attributions": attributions, "actors": actor_items}


def dumps(layout: dict) -> str:
    """JSON with one line per attribution role and per mention: diffs stay readable in git."""
    lines = ["{"]
    head = [k for k in layout if k not in ("attributions", "actors")]
    for key in head:
        lines.append(f"  {json.dumps(key)}: {json.dumps(layout[key], ensure_ascii=False)},")
    for section in ("attributions", "actors"):
        if section not in layout:
            continue
        items = layout[section]
        last_section = section == "actors" or "actors" not in layout
        if not items:
            lines.append(f'  "{section}": []' + ("" if last_section else ","))
            continue
        lines.append(f'  "{section}": [')
        for number, item in enumerate(items):
            lines.append("    {")
            keys = list(item)
            for k_number, key in enumerate(keys):
                value = item[key]
                comma = "," if k_number < len(keys) - 1 else ""
                if isinstance(value, list) and value and isinstance(value[0], list):
                    lines.append(f"      {json.dumps(key)}: [")
                    for v_number, row in enumerate(value):
                        lines.append(f"        {json.dumps(row, ensure_ascii=False)}" + ("," if v_number < len(value) - 1 else ""))
                    lines.append("      ]" + comma)
                else:
                    lines.append(f"      {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
            lines.append("    }" + ("," if number < len(items) - 1 else ""))
        lines.append("  ]" + ("" if last_section else ","))
    if lines[-1].endswith(","):
        lines[-1] = lines[-1][:-1]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _texts(item, role) -> str:
    return " ... ".join(f[2] for f in item.get(role, []))


def _describe_attribution(item) -> str:
    roles = [f'{role}="{_short(_texts(item, role))}"' for role in ROLES if role in item]
    return f'attribution "{item["at"]}" by {item["rule"]} ({item["kind"]}): ' + " ".join(roles)


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 25] + " ... " + text[-20:]


def _keyed(items) -> dict:
    """Attributions by where their cue starts, so that a cue that grows or shrinks shows as
    a change; a second one starting there gets '#2' (kept apart, not lost)."""
    keyed = {}
    for item in items:
        offset = int(item["at"].rsplit("@", 1)[1])
        key, number = (offset, 1), 1
        while key in keyed:
            number += 1
            key = (offset, number)
        keyed[key] = item
    return keyed


def differences(expected: dict, actual: dict) -> list[str]:
    """Each added (+), removed (-) or changed (~) extraction, one or more lines each."""
    out = []
    if expected.get("status", "ok") != actual.get("status", "ok") or "error" in expected or "error" in actual:
        if expected.get("error") != actual.get("error") or expected.get("status") != actual.get("status"):
            out.append(f"~ status {expected.get('status', 'ok')} ({expected.get('error')}) -> {actual.get('status', 'ok')} ({actual.get('error')})")
        return out
    old = _keyed(expected.get("attributions", []))
    new = _keyed(actual.get("attributions", []))
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if before is None:
            out.append("+ " + _describe_attribution(after))
        elif after is None:
            out.append("- " + _describe_attribution(before))
        else:
            rule = before["rule"] if before["rule"] == after["rule"] else f'{before["rule"]} -> {after["rule"]}'
            out.append(f'~ attribution "{before["at"]}" by {rule}')
            for field in sorted(before.keys() | after.keys()):
                if field in ("at", "rule") or before.get(field) == after.get(field):
                    continue
                if field in ROLES:
                    out.append(f'    {field}: "{_short(_texts(before, field))}" -> "{_short(_texts(after, field))}"')
                else:
                    out.append(f"    {field}: {before.get(field)} -> {after.get(field)}")
    old_actors = {a["name"]: a for a in expected.get("actors", [])}
    new_actors = {a["name"]: a for a in actual.get("actors", [])}
    for name in sorted(old_actors.keys() | new_actors.keys()):
        before, after = old_actors.get(name), new_actors.get(name)
        if before == after:
            continue
        if before is None or after is None:
            actor = after or before
            sign = "+" if before is None else "-"
            mentions = ", ".join(f'"{m[2]}"@{m[0]}' for m in actor["mentions"])
            out.append(f'{sign} actor "{name}" ({actor["kind"]}), mentions {mentions}')
            continue
        out.append(f'~ actor "{name}"')
        if before["kind"] != after["kind"] or before["titles"] != after["titles"]:
            out.append(f'    {before["kind"]} {before["titles"]} -> {after["kind"]} {after["titles"]}')
        was = {tuple(m) for m in before["mentions"]}
        now = {tuple(m) for m in after["mentions"]}
        for mention in sorted(now - was):
            out.append(f'    + mention "{mention[2]}"@{mention[0]} ({mention[3]}, by {mention[4]})')
        for mention in sorted(was - now):
            out.append(f'    - mention "{mention[2]}"@{mention[0]} ({mention[3]}, by {mention[4]})')
    return out


class GoldenRun:
    """`quotetrace test`: each NAME.txt of a folder against its NAME.expected.json."""

    def __init__(self, engine, update: bool = False):
        self.engine = engine
        self.update = update
        self.failed: list[str] = []
        self.updated: list[str] = []
        self.passed: list[str] = []

    def check(self, text_path) -> list[str]:
        """Report lines for one text (empty when it matches); with update, rewrite on a difference."""
        expected_path = text_path.with_name(text_path.name[: -len(".txt")] + ".expected.json")
        text = text_path.read_text(encoding="utf-8")
        actual = expected_layout(self.engine.record(text, text_path.name[: -len(".txt")]))
        if not expected_path.exists():
            if self.update:
                expected_path.write_text(dumps(actual), encoding="utf-8")
                self.updated.append(expected_path.name)
                return [f"{text_path.name}: wrote {expected_path.name} (new); read it, extraction by extraction, before you commit it"]
            self.failed.append(text_path.name)
            return [f"{text_path.name}: no {expected_path.name}; run `quotetrace test --update` to write it from the current output, then read it"]
        try:
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            self.failed.append(text_path.name)
            return [f"{expected_path}: not valid JSON ({exc}); fix it or delete it and run --update"]
        lines = differences(expected, actual)
        if not lines:
            self.passed.append(text_path.name)
            return []
        if self.update:
            expected_path.write_text(dumps(actual), encoding="utf-8")
            self.updated.append(expected_path.name)
            return [f"{text_path.name}: updated {expected_path.name} ({len([l for l in lines if not l.startswith(' ')])} changes)"] + ["  " + l for l in lines]
        self.failed.append(text_path.name)
        return [f"{text_path.name}: {_count(lines)}"] + ["  " + l for l in lines]

    def summary(self) -> str:
        total = len(self.passed) + len(self.failed) + len(self.updated)
        if self.update:
            return f"{total} golden files: {len(self.updated)} written, {len(self.passed)} unchanged"
        return f"{total} golden files: {len(self.passed)} passed, {len(self.failed)} failed"


def _count(lines) -> str:
    counts = {"+": 0, "-": 0, "~": 0}
    for line in lines:
        if line[:1] in counts:
            counts[line[0]] += 1
    return f"{counts['+']} added, {counts['-']} removed, {counts['~']} changed"


def golden_texts(folder):
    """The NAME.txt files of a golden folder (subfolders included), in path order."""
    return sorted((p for p in folder.rglob("*.txt") if p.is_file()), key=lambda p: p.as_posix())
