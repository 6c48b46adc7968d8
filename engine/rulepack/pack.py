"""Loading a rule pack: the files its manifest (pack.yaml) lists, or else every *.yaml
file under a folder, in path order.

A file may hold `lexicons:` (named word lists), `define:` (named pattern fragments) and
`rules:` (patterns with what they produce, and examples of both). Two files at the top of
the pack are not rule files: `pack.yaml` names the pack, lists its files in the order they
are read (which decides ties between rules, so it should not hang on file names) and
declares its labels; `tuning.yaml` holds speed settings, which never change what is
found and so are kept away from the rules' meaning. Structure is checked here, against
the same key tables that the JSON schemas in engine/schemas describe; patterns are
parsed and compiled by quotetrace.patterns.
"""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from quotetrace.errors import Problem
from quotetrace.rulepack.contract import ROLES
from quotetrace.rulepack.comments import blank_comments, comment_spans
from quotetrace.rulepack.located_yaml import LocatedDict, LocatedList, Position, YamlProblem, load_located, scalar_text_position

STAGES = ("names", "actors", "attributions", "sources")
DEFAULT_LABEL = {"names": "name", "actors": "actor", "attributions": "attribution", "sources": "evidence"}
# What a rule of stage `sources` is evidence of (its attribute `evidence`); docs/sources.md.
EVIDENCE_KINDS = ("type", "anonymity", "gender")
BUILTIN_LABELS = ("quote",)

FILE_KEYS = {"description": str, "define": dict, "lexicons": list, "rules": list, "calibration": dict}
LEXICON_KEYS = {"id": str, "description": str, "entries": list}
# `forms:` one entry written several ways; `form:` one way; `each:` several entries, one per
# word, that share the mapping's attributes ({number: plural, each: [officials, voters]}).
ENTRY_FORM_KEYS = ("forms", "form", "each")
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
    "examples": list,
}
MATCH_FIRST = ("before", "after")
REQUIRED_RULE_KEYS = ("id", "stage", "pattern")

MANIFEST_FILE = "pack.yaml"
TUNING_FILE = "tuning.yaml"
MANIFEST_KEYS = {"name": str, "version": str, "language": str, "description": str, "files": list, "labels": dict}
TUNING_KEYS = {"description": str, "match_first": dict}

# What an example may say. An attribution rule's example names the roles of the
# attribution it makes (and, if it matters, its kind and the cue of the attribution it is
# nested in); a names or actors rule's example names the whole match (`text`) and its captures.
EXAMPLE_KEYS = {"text": str, "expect": (dict, list), "absent": (str, bool), "shows": str}
ABSENT = ("rule", "any")  # this rule makes nothing here / no rule of the stage makes anything
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class LexiconEntry:
    lexicon: str
    forms: tuple[str, ...]
    attributes: tuple[tuple[str, object], ...]
    file: str
    line: int

    def attribute(self, name, default=None):
        # The last of repeated names wins, as in a dict made of them (asked per match: no dict made).
        for key, value in reversed(self.attributes):
            if key == name:
                return value
        return default


@dataclass
class Lexicon:
    id: str
    description: str
    entries: list[LexiconEntry]
    file: str
    line: int


@dataclass
class Example:
    """A text a rule must handle in a stated way: make these extractions (`expect`, one
    mapping per extraction, role -> fragment texts), or make nothing (`absent`)."""

    text: str
    expect: tuple = ()       # of dicts: role or capture -> tuple of fragment texts; kind, inside -> str
    absent: str | None = None  # "rule" or "any"
    shows: str = ""          # the construction it shows, for docs/constructions.md
    file: str = ""
    line: int = 0


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
    match_first: str = "before"  # which side of the anchor is matched first (tuning.yaml); the matches are the same
    examples: tuple = field(default=(), repr=False, compare=False)


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
    # From pack.yaml: name, version, language, description (empty without a manifest).
    manifest: dict = field(default_factory=dict)
    # From pack.yaml's labels: each declared label and its parent (None at the top).
    label_parents: dict = field(default_factory=dict)
    # Each rule file's `description:`, for docs/constructions.md.
    file_descriptions: dict = field(default_factory=dict)
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


def _suggest(key, known, noun: str = "keys", show_all: bool = True) -> str:
    """A "did you mean" for the nearest known name, since a typo is the usual cause; with
    none close, the known names when they are few enough to read (show_all), or nothing."""
    close = difflib.get_close_matches(str(key), [str(k) for k in known], n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; known {noun}: {', '.join(map(str, known))}" if show_all else ""


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
    """Every YAML file of the pack folder, the manifest and tuning file included: all that
    a compiled pack depends on (the compiled-pack cache keys on them)."""
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _special(root: Path, path: Path) -> bool:
    return path.parent == root and path.name in (MANIFEST_FILE, TUNING_FILE)


def read_pack(root) -> RulePack:
    """Load and check structure; the returned pack's `problems` lists everything found."""
    root = Path(root)
    pack = RulePack(root, {}, [], [])
    if not root.is_dir():
        pack.problems.append(Problem(str(root), 1, 1, "error", "rule pack folder not found; pass --rules DIR with a folder of .yaml files"))
        return pack
    digest = hashlib.sha256()
    files = _read_manifest(root, pack, digest)
    if files is None:
        files = [p for p in pack_files(root) if not _special(root, p)]
    if not files and not any(p.severity == "error" for p in pack.problems):
        pack.problems.append(Problem(str(root), 1, 1, "error", "no .yaml rule files in this folder"))
    lexicon_sites: dict[str, str] = {}
    rule_sites: dict[str, str] = {}
    disabled: set = set()
    for path in files:
        name = path.relative_to(root).as_posix()
        pack.files.append(name)
        collector = _Collector(name)
        document, source = _load_file(path, name, collector, digest)
        if document is None:
            pack.problems.extend(collector.problems)
            continue
        collector.check_keys(document, FILE_KEYS, "a rule file")
        source_lines = source.splitlines()
        if isinstance(document.get("description"), str):
            pack.file_descriptions[name] = document["description"]
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
                    pattern = _pattern_text(value, defines.value_nodes[key], source_lines, collector)
                    pack.definitions[key] = Definition(key, pattern, name, position.line, defines.value_nodes[key], source_lines)
        if isinstance(document.get("calibration"), LocatedDict):
            _read_calibration(pack, document, name, collector)
        if isinstance(document.get("rules"), LocatedList):
            for item, position in zip(document["rules"], document["rules"].item_positions):
                rule = _read_rule(item, position, collector, len(pack.rules), source_lines, pack.label_parents)
                if rule is None:
                    if isinstance(item, LocatedDict) and item.get("disabled") and isinstance(item.get("id"), str):
                        disabled.add(item["id"])
                    continue
                if rule.id in rule_sites:
                    collector.error(position, f"duplicate rule id '{rule.id}' (first defined at {rule_sites[rule.id]})")
                    continue
                rule_sites[rule.id] = f"{name}:{rule.line}"
                pack.rules.append(rule)
        pack.problems.extend(collector.problems)
    _check_declared_labels(root, pack)
    _read_tuning(root, pack, digest, disabled)
    pack.digest = "sha256:" + digest.hexdigest()
    return pack


def _load_file(path: Path, name: str, collector: _Collector, digest, shape="a rule file must be a mapping with 'lexicons:' and/or 'rules:'"):
    """(the file's YAML mapping, its text), or (None, None) with the problem noted."""
    try:
        data = path.read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
        source = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        collector.error(Position(1, 1), f"cannot read the file ({exc.__class__.__name__}); save it as UTF-8")
        return None, None
    try:
        document = load_located(source)
    except YamlProblem as exc:
        collector.error(Position(exc.line, exc.column), exc.message)
        return None, None
    if document is None:
        collector.warning(Position(1, 1), "the file is empty")
        return None, None
    if not isinstance(document, LocatedDict):
        collector.error(Position(1, 1), shape)
        return None, None
    return document, source


def _pattern_text(value: str, node, source_lines, collector: _Collector) -> str:
    """The pattern as the compiler gets it: its `# ...` comments blanked out, so that
    every offset (and every error position) stays where the author wrote it.

    A comment needs the line break that ends it. A folded block (>) or a quoted or plain
    scalar over several lines joins its lines with spaces, so a comment there would run on
    over the rest of the pattern and silently drop it: that is an error, pointing at the
    comment, with the fix (a literal block, |, keeps the line breaks).
    """
    spans = comment_spans(value)
    if not spans:
        return value
    folded = node.style == ">" or (node.style != "|" and node.start_mark.line != node.end_mark.line)
    if folded:
        kind = "a folded block (>)" if node.style == ">" else "a scalar written over several lines"
        collector.error(scalar_text_position(node, source_lines, spans[0][0]),
                        f"a # comment in {kind} runs on to the end of the pattern, since YAML joins its lines; "
                        "write the pattern as a literal block (pattern: |), which keeps the line breaks")
        return value
    return blank_comments(value, spans)


def _read_manifest(root: Path, pack: RulePack, digest):
    """The rule files pack.yaml lists, in its order, or None when there is no manifest.

    Reading the files in a stated order (not in file-name order) means renaming a file can
    never change which rule wins a tie; the file also says what the pack is (name,
    version, language) and declares its labels, each with the label it is a kind of.
    """
    path = root / MANIFEST_FILE
    if not path.is_file():
        return None
    collector = _Collector(MANIFEST_FILE)
    document, _ = _load_file(path, MANIFEST_FILE, collector, digest, "pack.yaml must be a mapping with 'files:' (and name, version, language, labels)")
    files: list[Path] = []
    if document is None:
        pack.problems.extend(collector.problems)
        return files
    collector.check_keys(document, MANIFEST_KEYS, "pack.yaml")
    pack.manifest = {key: document[key] for key in ("name", "version", "language", "description") if isinstance(document.get(key), str)}
    if isinstance(document.get("labels"), LocatedDict):
        _read_label_hierarchy(document["labels"], collector, pack)
    listed = document.get("files")
    if not isinstance(listed, LocatedList):
        if "files" not in document:
            collector.error(document.position, "pack.yaml must list the pack's rule files under 'files:', in the order they are read")
        pack.problems.extend(collector.problems)
        return files
    seen = set()
    for entry, position in zip(listed, listed.item_positions):
        if not isinstance(entry, str) or not entry.strip():
            collector.error(position, "each entry of 'files' must be a path inside the pack folder, like names.yaml or lexicons/titles.yaml")
            continue
        file = (root / entry).resolve()
        if root.resolve() not in file.parents:
            collector.error(position, f"'{entry}' is outside the pack folder")
        elif entry in (MANIFEST_FILE, TUNING_FILE):
            collector.error(position, f"'{entry}' is read on its own; list only rule files under 'files'")
        elif file.suffix not in (".yaml", ".yml") or not file.is_file():
            candidates = [p.relative_to(root).as_posix() for p in pack_files(root) if not _special(root, p)]
            collector.error(position, f"no rule file '{entry}' in the pack folder{_suggest(entry, candidates, show_all=False)}")
        elif file in seen:
            collector.error(position, f"'{entry}' is listed twice")
        else:
            seen.add(file)
            files.append(root / entry)
    for path in pack_files(root):
        if not _special(root, path) and path.resolve() not in seen:
            name = path.relative_to(root).as_posix()
            collector.warning(listed.position, f"'{name}' is not listed under 'files', so it is not read; list it or move it out of the pack folder")
    pack.problems.extend(collector.problems)
    return files


def _read_label_hierarchy(labels: LocatedDict, collector: _Collector, pack: RulePack) -> None:
    for label, parent in labels.items():
        position = labels.key_positions[label]
        if not isinstance(label, str) or not label.isidentifier():
            collector.error(position, f"label '{label}' must be a name (letters, digits, _)")
        elif parent is not None and not (isinstance(parent, str) and parent.isidentifier()):
            collector.error(labels.value_positions[label], f"the parent of label '{label}' must be a label name, or nothing for a label at the top")
        else:
            pack.label_parents[label] = parent
    for label, parent in list(pack.label_parents.items()):
        if parent is not None and parent not in pack.label_parents:
            collector.error(labels.value_positions[label], f"label '{label}' is a kind of '{parent}', which is not declared under 'labels'{_suggest(parent, pack.label_parents, 'labels')}")
            pack.label_parents[label] = None
    for label in list(pack.label_parents):
        chain, current = [label], pack.label_parents[label]
        while current is not None:
            if current in chain:
                collector.error(labels.key_positions[label], f"label '{label}' is a kind of itself: {' -> '.join(chain + [current])}")
                pack.label_parents[label] = None
                break
            chain.append(current)
            current = pack.label_parents.get(current)


def _with_ancestors(labels: tuple, parents: dict) -> tuple:
    """Each label preceded by the labels it is a kind of, the most general first:
    `document` under `actor` gives (actor, document), as if both were written."""
    out = []
    for label in labels:
        chain, current = [], label
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        for name in reversed(chain):
            if name not in out:
                out.append(name)
    return tuple(out)


def _check_declared_labels(root: Path, pack: RulePack) -> None:
    """With a manifest that declares labels, a label it does not declare is most likely a
    typo, which would otherwise make a new label that no rule ever asks for."""
    if not pack.label_parents:
        return
    declared = set(pack.label_parents) | set(BUILTIN_LABELS)
    for rule in pack.rules:
        for label in rule.labels:
            if label not in declared:
                pack.problems.append(Problem(rule.file, rule.line, 1, "warning",
                                             f"rule '{rule.id}' produces label '{label}', which pack.yaml does not declare under 'labels'"
                                             f"{_suggest(label, sorted(declared), 'labels')}"))


def _read_tuning(root: Path, pack: RulePack, digest, disabled: set) -> None:
    """Speed settings by rule id (tuning.yaml), set on the Rule objects, so that the
    compiler sees the same rules as when the setting was written on the rule itself."""
    path = root / TUNING_FILE
    if not path.is_file():
        return
    collector = _Collector(TUNING_FILE)
    document, _ = _load_file(path, TUNING_FILE, collector, digest, "tuning.yaml must be a mapping with 'match_first:' (rule id: before or after)")
    if document is not None and collector.check_keys(document, TUNING_KEYS, "tuning.yaml") and "match_first" in document:
        settings = document["match_first"]
        rules = {rule.id: rule for rule in pack.rules}
        for rule_id, side in settings.items():
            if side not in MATCH_FIRST:
                collector.error(settings.value_positions[rule_id], f"match_first of '{rule_id}' must be 'before' or 'after' (the side of the anchor matched first), not '{side}'")
            elif rule_id in rules:
                rules[rule_id].match_first = side
            elif rule_id not in disabled:
                collector.warning(settings.key_positions[rule_id], f"no rule '{rule_id}' in the pack{_suggest(rule_id, rules, show_all=False)}")
    pack.problems.extend(collector.problems)


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
                collector.error(entry_position, "a lexicon entry mapping needs 'forms:' (a list), 'form:' or 'each:' (a list of entries)")
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
        separate = isinstance(entry, LocatedDict) and form_keys[0] == "each"
        for group in ([form] for form in forms) if separate else [forms]:
            entries.append(
                LexiconEntry(lexicon_id, tuple(f.strip() for f in group), tuple(sorted(attributes.items())), collector.file, entry_position.line)
            )
    if not entries:
        collector.warning(position, f"lexicon '{lexicon_id}' has no entries")
    return Lexicon(lexicon_id, item.get("description", ""), entries, collector.file, position.line)


def _read_rule(item, position, collector: _Collector, order: int, source_lines, label_parents=None):
    if not isinstance(item, LocatedDict):
        collector.error(position, "a rule must be a mapping with 'id', 'stage' and 'pattern'")
        return None
    if "match_first" in item:
        collector.error(item.key_positions["match_first"], "'match_first' is a speed setting and lives in tuning.yaml now, by rule id: "
                        f"match_first: {{{item.get('id', 'RULE-ID')}: {item['match_first']}}}")
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
        collector.error(item.value_positions["stage"], f"unknown stage '{stage}'{_suggest(stage, STAGES, 'stages')}")
        return None
    labels = item.get("label", DEFAULT_LABEL[stage])
    labels = (labels,) if isinstance(labels, str) else tuple(labels)
    if not labels or not all(isinstance(label, str) and label.isidentifier() for label in labels):
        collector.error(item.value_positions.get("label", position), "'label' must be a name or a list of names (letters, digits, _)")
        return None
    labels = _with_ancestors(labels, label_parents or {})
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
    examples = _read_examples(item, stage, collector) if "examples" in item else ()
    if item.get("disabled"):
        return None
    pattern = _pattern_text(item["pattern"], item.value_nodes["pattern"], source_lines, collector)
    return Rule(
        id=item["id"],
        description=item.get("description", ""),
        stage=stage,
        priority=item.get("priority", 0),
        pattern=pattern,
        labels=labels,
        key=item.get("key"),
        attributes=dict(attributes),
        file=collector.file,
        line=position.line,
        order=order,
        pattern_node=item.value_nodes["pattern"],
        source_lines=source_lines,
        examples=examples,
    )


def _read_examples(item, stage: str, collector: _Collector) -> tuple:
    """The rule's examples, checked for shape only; whether they hold is `quotetrace test`'s
    business (it needs the compiled pack)."""
    examples = []
    for entry, position in zip(item["examples"], item["examples"].item_positions):
        if not isinstance(entry, LocatedDict):
            collector.error(position, "an example must be a mapping: text: ..., then expect: {role: text, ...} or absent: rule|any")
            continue
        if not collector.check_keys(entry, EXAMPLE_KEYS, "an example"):
            continue
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            collector.error(position, "an example needs its 'text:', the text the rule runs on")
            continue
        if "expect" in entry and "absent" in entry:
            collector.error(position, "an example says either what the rule finds (expect:) or that it finds nothing (absent:), not both")
            continue
        if "expect" not in entry and "absent" not in entry:
            collector.error(position, "an example says what the rule finds (expect: {role: text, ...}) or that it finds nothing (absent: rule, or absent: any for nothing at all)")
            continue
        if "absent" in entry:
            if isinstance(entry["absent"], bool):
                collector.error(entry.value_positions["absent"], "YAML reads this as true or false; write absent: rule (this rule finds nothing here) or absent: any (no rule of the stage finds anything)")
                continue
            if entry["absent"] not in ABSENT:
                collector.error(entry.value_positions["absent"], f"'absent' is 'rule' (this rule finds nothing here) or 'any' (no rule of the stage finds anything), not '{entry['absent']}'")
                continue
            examples.append(Example(entry["text"], (), entry["absent"], entry.get("shows", ""), collector.file, position.line))
            continue
        raw = entry["expect"]
        items = list(zip(raw, raw.item_positions)) if isinstance(raw, LocatedList) else [(raw, entry.value_positions["expect"])]
        expected = []
        for mapping, where in items:
            parsed = _read_expectation(mapping, where, stage, collector)
            if parsed is None:
                break
            expected.append(parsed)
        else:
            if not expected:
                collector.error(entry.value_positions["expect"], "'expect' lists no extraction; say absent: rule instead")
                continue
            examples.append(Example(entry["text"], tuple(expected), None, entry.get("shows", ""), collector.file, position.line))
    return tuple(examples)


def _read_expectation(mapping, position, stage: str, collector: _Collector):
    """One expected extraction: role (or capture) -> tuple of fragment texts."""
    if not isinstance(mapping, LocatedDict) or not mapping:
        collector.error(position, "'expect' is a mapping of role to text, like {source: The mayor, cue: said, content: ...}")
        return None
    if stage == "attributions":
        known = ROLES + ("kind", "inside")
    else:
        known = None  # `text` and the rule's captures, which only compiling the pattern shows
        if "text" not in mapping:
            collector.error(position, "an example of a names or actors rule gives the whole match as 'text:' (and its captures, if any)")
            return None
    parsed = {}
    for key, value in mapping.items():
        where = mapping.value_positions[key]
        if not isinstance(key, str) or (known is not None and key not in known) or not key.isidentifier():
            hint = _suggest(key, known, show_all=False) if known else ""
            if not hint:
                hint = f"; an example names {', '.join(known) if known else 'text and the rule’s capture names'}"
            collector.error(mapping.key_positions[key], f"unknown role '{key}' in an example{hint}")
            return None
        if key == "kind":
            if value not in KINDS:
                collector.error(where, f"'kind' is one of {', '.join(KINDS)}, not '{value}'")
                return None
            parsed[key] = value
            continue
        fragments = [value] if isinstance(value, str) else value
        if not isinstance(fragments, list) or not fragments or not all(isinstance(f, str) and f.strip() for f in fragments):
            collector.error(where, f"'{key}' must be the text it takes, or a list of texts when it has several pieces; YAML reads yes/no/numbers as values, so quote them")
            return None
        parsed[key] = fragments[0] if key == "inside" else tuple(fragments)
    return parsed


def pattern_problem(item, offset: int, message: str, severity: str = "error") -> Problem:
    """A problem at an offset inside a rule's or definition's pattern, as a file position."""
    position = scalar_text_position(item.pattern_node, item.source_lines, offset)
    return Problem(item.file, position.line, position.column, severity, message)
