"""Loading a rule pack: every *.yaml file under a folder, in path order.

A file may hold `lexicons:` (named word lists) and `rules:` (patterns with what they
produce). Structure is checked here, against the same key tables that
`rules.schema.json` describes; patterns are parsed and compiled by quotetrace.patterns.
"""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from quotetrace.errors import Problem, RulePackError
from quotetrace.rulepack.located_yaml import LocatedDict, LocatedList, Position, YamlProblem, load_located

STAGES = ("names", "actors", "attributions", "sources")
DEFAULT_LABEL = {"names": "name", "actors": "actor", "attributions": "attribution", "sources": "evidence"}
# What a rule of stage `sources` is evidence of (its attribute `evidence`); docs/sources.md.
EVIDENCE_KINDS = ("type", "anonymity", "gender")
BUILTIN_LABELS = ("quote",)

FILE_KEYS = {"description": str, "define": dict, "lexicons": list, "rules": list, "calibration": dict}
LEXICON_KEYS = {"id": str, "description": str, "entries": list}
ENTRY_FORM_KEYS = ("forms", "form")
RULE_KEYS = {
    "id": str,
    "description": str,
    "stage": str,
    "priority": int,
    "pattern": str,
    "label": (str, list),
    "key": str,
    "attributes": dict,
    "disabled": bool,
    "match_first": str,
}
MATCH_FIRST = ("before", "after")
REQUIRED_RULE_KEYS = ("id", "stage", "pattern")


@dataclass(frozen=True)
class LexiconEntry:
    lexicon: str
    forms: tuple[str, ...]
    attributes: tuple[tuple[str, object], ...]
    file: str
    line: int

    def attribute(self, name, default=None):
        return dict(self.attributes).get(name, default)


@dataclass
class Lexicon:
    id: str
    description: str
    entries: list[LexiconEntry]
    file: str
    line: int


@dataclass
class Rule:
    id: str
    description: str
    stage: str
    priority: int
    pattern: str
    labels: tuple[str, ...]
    key: str | None
    attributes: dict
    file: str
    line: int
    order: int
    pattern_node: object = field(default=None, repr=False, compare=False)
    source_lines: list = field(default=None, repr=False, compare=False)
    match_first: str = "before"  # which side of the anchor is matched first; the matches are the same


@dataclass
class Definition:
    """A named pattern fragment, used in patterns as {name}."""

    name: str
    pattern: str
    file: str
    line: int
    pattern_node: object = field(default=None, repr=False, compare=False)
    source_lines: list = field(default=None, repr=False, compare=False)
    match_first: str = "before"  # which side of the anchor is matched first; the matches are the same


@dataclass
class RulePack:
    root: Path
    lexicons: dict[str, Lexicon]
    rules: list[Rule]
    files: list[str]
    definitions: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    compiled: object = field(default=None, repr=False)
    # sha256 over every file's path and bytes: records name the pack they were made with by it.
    digest: str = ""
    # Each rule's measured precision (`calibration:`, written by quotetrace eval --calibrate), or None.
    calibration: dict | None = None

    def rules_of(self, stage: str) -> list[Rule]:
        return [r for r in self.rules if r.stage == stage]


def _type_name(expected) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "a mapping", bool: "true or false"}
    if isinstance(expected, tuple):
        return " or ".join(names[t] for t in expected)
    return names[expected]


def _is_type(value, expected) -> bool:
    if expected is int or (isinstance(expected, tuple) and int in expected):
        if isinstance(value, bool):
            return False
    return isinstance(value, expected)


def _suggest(key, known) -> str:
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"


class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def error(self, position, message):
        self.problems.append(Problem(self.file, position.line, position.column, "error", message))

    def warning(self, position, message):
        self.problems.append(Problem(self.file, position.line, position.column, "warning", message))

    def check_keys(self, mapping: LocatedDict, table: dict, what: str) -> bool:
        ok = True
        for key in mapping:
            if key not in table:
                self.error(mapping.key_positions[key], f"unknown key '{key}' in {what}{_suggest(key, table)}")
                ok = False
            elif not _is_type(mapping[key], table[key]):
                self.error(mapping.value_positions[key], f"'{key}' must be {_type_name(table[key])}")
                ok = False
        return ok


def pack_files(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def read_pack(root) -> RulePack:
    """Load and check structure; the returned pack's `problems` lists everything found."""
    root = Path(root)
    pack = RulePack(root, {}, [], [])
    if not root.is_dir():
        pack.problems.append(Problem(str(root), 1, 1, "error", "rule pack folder not found; pass --rules DIR with a folder of .yaml files"))
        return pack
    files = pack_files(root)
    if not files:
        pack.problems.append(Problem(str(root), 1, 1, "error", "no .yaml rule files in this folder"))
    lexicon_sites: dict[str, str] = {}
    rule_sites: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(root).as_posix()
        pack.files.append(name)
        collector = _Collector(name)
        try:
            data = path.read_bytes()
            digest.update(name.encode() + b"\0" + data + b"\0")
            source = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            collector.error(Position(1, 1), f"cannot read the file ({exc.__class__.__name__}); save it as UTF-8")
            pack.problems.extend(collector.problems)
            continue
        try:
            document = load_located(source)
        except YamlProblem as exc:
            collector.error(Position(exc.line, exc.column), exc.message)
            pack.problems.extend(collector.problems)
            continue
        if document is None:
            collector.warning(Position(1, 1), "empty rule file")
            pack.problems.extend(collector.problems)
            continue
        if not isinstance(document, LocatedDict):
            collector.error(Position(1, 1), "a rule file must be a mapping with 'lexicons:' and/or 'rules:'")
            pack.problems.extend(collector.problems)
            continue
        collector.check_keys(document, FILE_KEYS, "a rule file")
        source_lines = source.splitlines()
        if isinstance(document.get("lexicons"), LocatedList):
            for item, position in zip(document["lexicons"], document["lexicons"].item_positions):
                lexicon = _read_lexicon(item, position, collector)
                if lexicon is None:
                    continue
                if lexicon.id in pack.lexicons:
                    collector.error(position, f"duplicate lexicon id '{lexicon.id}' (first defined at {lexicon_sites[lexicon.id]})")
                    continue
                pack.lexicons[lexicon.id] = lexicon
                lexicon_sites[lexicon.id] = f"{name}:{lexicon.line}"
        if isinstance(document.get("define"), LocatedDict):
            defines = document["define"]
            for key, value in defines.items():
                position = defines.key_positions[key]
                if not isinstance(key, str) or not key.isidentifier():
                    collector.error(position, f"definition name '{key}' must be letters, digits and _")
                elif not isinstance(value, str):
                    collector.error(defines.value_positions[key], f"definition '{key}' must be a pattern string")
                elif key in pack.definitions:
                    first = pack.definitions[key]
                    collector.error(position, f"duplicate definition '{key}' (first defined at {first.file}:{first.line})")
                else:
                    pack.definitions[key] = Definition(key, value, name, position.line, defines.value_nodes[key], source_lines)
        if isinstance(document.get("calibration"), LocatedDict):
            _read_calibration(pack, document, name, collector)
        if isinstance(document.get("rules"), LocatedList):
            for item, position in zip(document["rules"], document["rules"].item_positions):
                rule = _read_rule(item, position, collector, len(pack.rules), source_lines)
                if rule is None:
                    continue
                if rule.id in rule_sites:
                    collector.error(position, f"duplicate rule id '{rule.id}' (first defined at {rule_sites[rule.id]})")
                    continue
                rule_sites[rule.id] = f"{name}:{rule.line}"
                pack.rules.append(rule)
        pack.problems.extend(collector.problems)
    pack.digest = "sha256:" + digest.hexdigest()
    return pack


def _read_calibration(pack, document, name, collector: _Collector):
    from quotetrace.calibration import check_calibration

    position = document.key_positions["calibration"]
    if pack.calibration is not None:
        collector.error(position, "a second 'calibration:'; a pack has one calibration file")
        return
    mapping = _plain(document["calibration"])
    problems = check_calibration(mapping)
    for message in problems:
        collector.error(position, message)
    if not problems:
        pack.calibration = mapping


def _plain(value):
    """A YAML value without its positions (what a compiled pack keeps)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _read_lexicon(item, position, collector: _Collector):
    if not isinstance(item, LocatedDict):
        collector.error(position, "a lexicon must be a mapping with 'id' and 'entries'")
        return None
    ok = collector.check_keys(item, LEXICON_KEYS, "a lexicon")
    for required in ("id", "entries"):
        if required not in item:
            collector.error(position, f"lexicon is missing '{required}'")
            ok = False
    if not ok:
        return None
    lexicon_id = item["id"]
    if not lexicon_id.replace("_", "a").replace("-", "a").isalnum():
        collector.error(item.value_positions["id"], f"lexicon id '{lexicon_id}' must be letters, digits, '_' or '-'")
        return None
    entries = []
    for entry, entry_position in zip(item["entries"], item["entries"].item_positions):
        if isinstance(entry, str):
            forms, attributes = [entry], {}
        elif isinstance(entry, LocatedDict):
            form_keys = [k for k in ENTRY_FORM_KEYS if k in entry]
            if not form_keys:
                collector.error(entry_position, "a lexicon entry mapping needs 'forms:' (a list) or 'form:'")
                continue
            raw = entry[form_keys[0]]
            forms = [raw] if isinstance(raw, str) else raw
            if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
                collector.error(entry.value_positions[form_keys[0]], f"'{form_keys[0]}' must be a non-empty string or list of strings")
                continue
            attributes = {}
            for key, value in entry.items():
                if key in ENTRY_FORM_KEYS:
                    continue
                if isinstance(value, (dict, list)):
                    collector.error(entry.value_positions[key], f"entry attribute '{key}' must be a plain value")
                    continue
                attributes[str(key)] = value
        elif isinstance(entry, (bool, int, float)) or entry is None:
            collector.error(entry_position, f"lexicon entry reads as {entry!r}, not as a word: YAML takes yes/no/on/off/null and numbers as values, so quote it")
            continue
        else:
            collector.error(entry_position, "a lexicon entry must be a string or a mapping with 'forms:'")
            continue
        if not all(isinstance(f, str) and f.strip() for f in forms):
            collector.error(entry_position, "a lexicon entry must not be empty")
            continue
        entries.append(
            LexiconEntry(lexicon_id, tuple(f.strip() for f in forms), tuple(sorted(attributes.items())), collector.file, entry_position.line)
        )
    if not entries:
        collector.warning(position, f"lexicon '{lexicon_id}' has no entries")
    return Lexicon(lexicon_id, item.get("description", ""), entries, collector.file, position.line)


def _read_rule(item, position, collector: _Collector, order: int, source_lines):
    if not isinstance(item, LocatedDict):
        collector.error(position, "a rule must be a mapping with 'id', 'stage' and 'pattern'")
        return None
    ok = collector.check_keys(item, RULE_KEYS, "a rule")
    for required in REQUIRED_RULE_KEYS:
        if required not in item:
            collector.error(position, f"rule is missing '{required}'")
            ok = False
    if not ok:
        return None
    if "description" not in item:
        collector.warning(position, f"rule '{item['id']}' has no description; say in one line what it finds")
    stage = item["stage"]
    if stage not in STAGES:
        collector.error(item.value_positions["stage"], f"unknown stage '{stage}'{_suggest(stage, STAGES).replace('known keys', 'stages are')}")
        return None
    labels = item.get("label", DEFAULT_LABEL[stage])
    labels = (labels,) if isinstance(labels, str) else tuple(labels)
    if not labels or not all(isinstance(label, str) and label.isidentifier() for label in labels):
        collector.error(item.value_positions.get("label", position), "'label' must be a name or a list of names (letters, digits, _)")
        return None
    if stage == "attributions" and labels[0] != "attribution":
        collector.error(item.value_positions.get("label", position), "rules of stage 'attributions' produce the label 'attribution'")
        return None
    attributes = item.get("attributes", {})
    if stage == "sources" and attributes.get("evidence") not in EVIDENCE_KINDS:
        where = attributes.value_positions["evidence"] if "evidence" in attributes else item.value_positions.get("attributes", position)
        collector.error(where, f"a rule of stage 'sources' needs the attribute 'evidence': {', '.join(EVIDENCE_KINDS)} (what its matches are evidence of)")
        return None
    for key, value in attributes.items():
        if isinstance(value, (dict, list)):
            collector.error(attributes.value_positions[key], f"attribute '{key}' must be a plain value")
            return None
    match_first = item.get("match_first", "before")
    if match_first not in MATCH_FIRST:
        collector.error(item.value_positions["match_first"], f"'match_first' must be 'before' or 'after' (the side of the anchor matched first), not '{match_first}'")
        return None
    if item.get("disabled"):
        return None
    return Rule(
        id=item["id"],
        description=item.get("description", ""),
        stage=stage,
        priority=item.get("priority", 0),
        pattern=item["pattern"],
        labels=labels,
        key=item.get("key"),
        attributes=dict(attributes),
        file=collector.file,
        line=position.line,
        order=order,
        pattern_node=item.value_nodes["pattern"],
        source_lines=source_lines,
        match_first=match_first,
    )


def load_pack(root):
    """Load, check and compile a rule pack; raise RulePackError if it has any error."""
    from quotetrace.patterns.compiler import compile_pack

    pack = read_pack(root)
    if not any(p.severity == "error" for p in pack.problems):
        compile_pack(pack)
    if any(p.severity == "error" for p in pack.problems):
        raise RulePackError(pack.problems)
    return pack
