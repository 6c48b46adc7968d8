"""The JSON record of one document (schema: docs/output.md, engine/schemas/output.schema.json).

Key order is fixed by construction and lists are sorted by offset, so the same input
and rules always serialise to the same bytes.

Traces come in three forms (`--trace`), because a trace repeats what is the same for every
match of a rule, and written inline for every extraction that made records 16 times the size
of their article:

- `compact` (the default): a trace keeps what is specific to this match (the rule id, the
  match and capture offsets, the lexicon entries used, the linking rule). What is the same for
  every match of a rule or every use of an entry (its pattern, description, attributes) is
  the rule pack's, which the record names by digest (`pack`), with each rule's file and line
  once per record in its `rules` table. Offsets and notes that follow from the rest are left
  out (a mention's match when it is the mention, empty captures, a link note that says what
  its rule always says). Nothing is lost: `expand_traces` rebuilds the `full` form from the
  record, the text and the pack, and a test checks that it does.
- `full`: every trace self-contained, with file, line, pattern and texts inline.
- `none`: the rule id alone (and a mention's linking rule), no tables.
"""
from __future__ import annotations

from quotetrace import OUTPUT_SCHEMA_VERSION
from quotetrace.output.surrogates import clean_fields, replace_surrogates
from quotetrace.rulepack.contract import ROLES

TRACE_FORMS = ("compact", "full", "none")
DEFAULT_TRACE = "compact"
# The note of the linking rule that every actor's first mention gets; compact traces leave it out.
OWN_ACTOR = "link.own-actor"
OWN_ACTOR_NOTE = "first mention of this actor"


def _span(doc, first, last):
    start, end = doc.starts[first], doc.ends[last - 1]  # doc.span_of, inline: called for every role and mention
    return {"start": start, "end": end, "text": doc.text[start:end]}


def entry_key(lexicon_id: str, entry) -> str:
    """How a compact trace names a lexicon entry: `lexicon/first form@line` (the line tells
    apart two entries of one lexicon that share their first form)."""
    return f"{lexicon_id}/{entry.forms[0]}@{entry.line}"


class _Tables:
    """The per-record `rules` table (file and line of each rule the traces name)."""

    def __init__(self):
        self.rules = {}

    def rule(self, compiled):
        rule = compiled.rule
        if rule.id not in self.rules:
            self.rules[rule.id] = {"file": rule.file, "line": rule.line}
        return rule.id

    def as_record_fields(self):
        return {"rules": {rule_id: self.rules[rule_id] for rule_id in sorted(self.rules)}}


def _full_trace(doc, match, pack):
    rule = match.rule
    captures = {}
    for name in sorted(match.captures):
        captures[name] = [_span(doc, first, last) for first, last in match.captures[name]]
    lexicon = []
    for lexicon_id, first, last, entry in match.lexicon_entries(doc.forms, pack.compiled.entry_index):
        item = {"lexicon": lexicon_id}
        if entry is not None:
            item["entry"] = entry.forms[0]
            item["file"] = entry.file
            item["line"] = entry.line
            for name, value in entry.attributes:
                item.setdefault(name, value)
        item.update(_span(doc, first, last))
        lexicon.append(item)
    lexicon.sort(key=lambda i: (i["start"], i["end"], i["lexicon"]))
    return {
        "rule": rule.id,
        "file": rule.file,
        "line": rule.line,
        "pattern": match.compiled.pattern_text,
        "match": _span(doc, match.first, match.last),
        "captures": captures,
        "lexicon": lexicon,
    }


def _compact_trace(doc, match, pack, tables):
    starts, ends = doc.starts, doc.ends  # doc.span_of, inline: a record asks for thousands of spans
    trace = {"rule": tables.rule(match.compiled), "match": [starts[match.first], ends[match.last - 1]]}
    found = match.captures
    if found:
        trace["captures"] = {name: [[starts[first], ends[last - 1]] for first, last in found[name]] for name in sorted(found)}
    entries = match.lexicon_entries(doc.forms, pack.compiled.entry_index)
    if entries:
        # An element that is no entry of its own (a filtered or joined use) is named by its lexicon.
        lexicon = [[entry_key(lexicon_id, entry) if entry is not None else lexicon_id, starts[first], ends[last - 1]]
                   for lexicon_id, first, last, entry in entries]
        if len(lexicon) > 1:
            lexicon.sort(key=_lexicon_order)
        trace["lexicon"] = lexicon
    return trace


def _lexicon_order(item):
    return item[1], item[2], item[0].split("/", 1)[0]


class _TraceWriter:
    """Writes traces in one of the TRACE_FORMS, collecting the tables a compact one needs."""

    def __init__(self, doc, pack, form):
        if form not in TRACE_FORMS:
            raise ValueError(f"trace must be one of {', '.join(TRACE_FORMS)}, not {form!r}")
        self.doc, self.pack, self.form = doc, pack, form
        self.tables = _Tables() if form == "compact" else None

    def match(self, match):
        if self.form == "full":
            return _full_trace(self.doc, match, self.pack)
        if self.form == "compact":
            return _compact_trace(self.doc, match, self.pack, self.tables)
        return {"rule": match.rule.id}

    def attribution(self, attribution):
        trace = self.match(attribution.match)
        if attribution.steps and self.form != "none":
            trace["steps"] = list(attribution.steps)
        return trace

    def evidence(self, match, span):
        """The trace of a piece of evidence (quotetrace.profiles): in compact form, without
        the match and the `word:` capture when they are the evidence's own span."""
        trace = self.match(match)
        if self.form == "compact":
            pair = [span["start"], span["end"]]
            if trace.get("match") == pair:
                del trace["match"]
            captures = trace.get("captures", {})
            if captures.get("word") == [pair]:
                del captures["word"]
                if not captures:
                    del trace["captures"]
        return trace

    def mention(self, mention, span, actor, first_text):
        trace = self.match(mention.match)
        rule = mention.linked_by or OWN_ACTOR
        note = mention.link_note or OWN_ACTOR_NOTE
        if self.form == "none":
            trace["link"] = {"rule": rule}
        elif self.form == "compact":
            if trace["match"] == [span["start"], span["end"]]:
                del trace["match"]
            trace["link"] = {"rule": rule}
            if note != usual_note(rule, span["text"], actor.name, first_text):
                trace["link"]["note"] = note
        else:
            trace["link"] = {"rule": rule, "note": note}
        return trace


def usual_note(rule: str, text: str, actor_name: str, first_text: str) -> str | None:
    """What a linking rule's note says when it compared the mention with its actor's name (or
    first mention); a compact trace writes a note only when it says something else."""
    if rule == OWN_ACTOR:
        return OWN_ACTOR_NOTE
    if rule.startswith("link.pronoun"):
        return f"'{text}' refers to '{actor_name}'"
    if rule == "link.short-name":
        return f"'{text}' is part of '{actor_name}'"
    if rule == "link.acronym":
        return f"'{text}' abbreviates '{actor_name}'"
    if rule == "link.same-name":
        return f"same name words as '{first_text}'"
    if rule == "link.same-title":
        return f"same title as '{actor_name}'"
    if rule == "link.definite-head":
        return f"'{text}' names again the organisation '{actor_name}'"
    if rule == "link.role-to-name":
        return f"'{text}' has the role of a title of '{actor_name}'"
    if rule == "link.title-to-name":
        return f"title '{text}' has the role and words of a title of '{actor_name}'"
    if rule == "link.appositive":
        return f"'{text}' says what '{actor_name}' is, between commas after its name"
    return None


def _mention_record(doc, mention, traces, actor, first_text):
    record = _span(doc, mention.first, mention.last)
    record["type"] = _mention_type(mention)
    record["trace"] = traces.mention(mention, record, actor, first_text)
    return record


def _mention_type(mention):
    if mention.form == "pronoun":
        return "pronoun"
    if mention.form == "title":
        return "title"
    if mention.linked_by == "link.acronym":
        return "acronym"
    if mention.linked_by == "link.short-name":
        return "short-name"
    return "name"


def document_record(doc, actors, attributions, pack, errors=(), trace=DEFAULT_TRACE, meta=None, profiles=None):
    """`profiles` (quotetrace.profiles.Profiles): each source's type, anonymity and gender
    with their evidence; without it those fields are left out. `confidence` is written as
    null here and filled in by the pack's calibration (quotetrace.calibration)."""
    doc_id, meta, notes = clean_fields(doc.id, meta, doc.notes)
    traces = _TraceWriter(doc, pack, trace)

    def span(first, last):
        return _span(doc, first, last)

    attribution_records = []
    for attribution in attributions:
        roles = {}
        for role in ROLES:
            if role in attribution.roles:
                roles[role] = [_span(doc, first, last) for first, last in attribution.roles[role]]
        item = {
            "id": attribution.id,
            "kind": attribution.kind,
            "parent": attribution.parent.id if attribution.parent else None,
            "source_actor": attribution.source_actor.id if attribution.source_actor else None,
        }
        if profiles is not None:
            item.update(profiles.attribution_fields(attribution))
            item["confidence"] = None
        item["roles"] = roles
        item["trace"] = traces.attribution(attribution)
        if attribution.floating:  # only then, so that other records stay as they were
            item["floating"] = True
            item["follows"] = attribution.follows.id
        if profiles is not None:
            evidence = profiles.attribution_evidence(attribution, span, traces.evidence)
            if evidence:
                item["evidence"] = evidence
        attribution_records.append(item)
    actor_records = []
    for actor in actors:
        first_text = _span(doc, actor.mentions[0].first, actor.mentions[0].last)["text"] if actor.mentions else ""
        item = {"id": actor.id, "name": actor.name, "kind": actor.kind, "titles": list(actor.titles)}
        if profiles is not None:
            item.update(profiles.actor_fields(actor, span, traces.evidence))
        item["mentions"] = [_mention_record(doc, m, traces, actor, first_text) for m in actor.mentions]
        actor_records.append(item)
    record = {"schema": OUTPUT_SCHEMA_VERSION, "id": doc_id, "status": "ok", "length": len(doc.text)}
    if traces.tables is not None:
        record["pack"] = pack.digest
    if meta is not None:
        record["meta"] = meta
    record["attributions"] = attribution_records
    record["actors"] = actor_records
    if traces.tables is not None:
        record.update(traces.tables.as_record_fields())
    if notes or errors:
        record["notes"] = notes
        record["errors"] = list(errors)
    return record


def error_record(doc_id, message, notes=(), meta=None):
    doc_id, meta, notes = clean_fields(doc_id, meta, notes)
    record = {"schema": OUTPUT_SCHEMA_VERSION, "id": doc_id, "status": "error", "error": replace_surrogates(message)}
    if meta is not None:
        record["meta"] = meta
    record.update({"attributions": [], "actors": [], "notes": notes})
    return record


def expand_traces(record: dict, text: str, pack) -> dict:
    """The record with every compact trace written out in full, as `--trace full` writes it.

    Needs the document's text (compact traces keep offsets only) and the rule pack the record
    names (`pack`: a loaded pack, e.g. `Engine(...).pack`); raises ValueError for another
    pack. A record whose traces are already full is returned as it is; one written with
    `--trace none` cannot be expanded.
    """
    if "rules" not in record:
        return record
    if record.get("pack") != pack.digest:
        raise ValueError(f"record {record['id']!r} was made with rule pack {record.get('pack')}, not {pack.digest}")
    rules = {rule.id: rule for rule in pack.rules}
    patterns = {compiled.rule.id: compiled.pattern_text for stage in pack.compiled.rules_by_stage.values() for compiled in stage}
    entries = {entry_key(lexicon.id, entry): entry for lexicon in pack.lexicons.values() for entry in lexicon.entries}

    def span(pair):
        start, end = pair
        return {"start": start, "end": end, "text": text[start:end]}

    def full(trace, mention=None, actor=None):
        rule = rules[trace["rule"]]
        lexicon = []
        for key, start, end in trace.get("lexicon", []):
            entry = entries.get(key)
            if entry is None:
                item = {"lexicon": key}
            else:
                item = {"lexicon": entry.lexicon, "entry": entry.forms[0], "file": entry.file, "line": entry.line}
                for name, value in entry.attributes:
                    item.setdefault(name, value)
            item.update(span((start, end)))
            lexicon.append(item)
        lexicon.sort(key=lambda i: (i["start"], i["end"], i["lexicon"]))
        match = trace.get("match", [mention["start"], mention["end"]] if mention else None)
        expanded = {
            "rule": trace["rule"],
            "file": rule.file,
            "line": rule.line,
            "pattern": patterns[trace["rule"]],
            "match": span(match),
            "captures": {name: [span(pair) for pair in pairs] for name, pairs in trace.get("captures", {}).items()},
            "lexicon": lexicon,
        }
        if "steps" in trace:
            expanded["steps"] = trace["steps"]
        if "link" in trace:
            link = trace["link"]
            first_text = actor["mentions"][0]["text"] if actor["mentions"] else ""
            note = link.get("note", usual_note(link["rule"], mention["text"], actor["name"], first_text))
            expanded["link"] = {"rule": link["rule"], "note": note}
        return expanded

    def evidence_trace(e):
        """A compact evidence trace leaves out its match and `word:` capture when they are the
        evidence's span; put them back before expanding."""
        trace = dict(e["trace"])
        captures = dict(trace.get("captures", {}))
        captures.setdefault("word", [[e["start"], e["end"]]])
        trace["captures"] = {name: captures[name] for name in sorted(captures)}
        return full(trace, e)

    def with_evidence(item):
        if "evidence" in item:  # quotetrace.profiles: rule evidence carries a trace; a pronoun's is its mention's
            item["evidence"] = [dict(e, trace=evidence_trace(e)) if "trace" in e else dict(e) for e in item["evidence"]]
        return item

    expanded = {key: value for key, value in record.items() if key not in ("pack", "rules")}
    expanded["attributions"] = [with_evidence(dict(a, trace=full(a["trace"]))) for a in record["attributions"]]
    expanded["actors"] = [
        with_evidence(dict(actor, mentions=[dict(m, trace=full(m["trace"], m, actor)) for m in actor["mentions"]])) for actor in record["actors"]
    ]
    return expanded
