"""The JSON record of one document (schema: docs/output.md, engine/schemas/output.schema.json).

Key order is fixed by construction and lists are sorted by offset, so the same input
and rules always serialise to the same bytes.
"""
from __future__ import annotations

from quotetrace import OUTPUT_SCHEMA_VERSION
from quotetrace.attributions.build import ROLES



def _span(doc, first, last):
    start, end = doc.span_of(first, last)
    return {"start": start, "end": end, "text": doc.text[start:end]}


def match_trace(doc, match, pack):
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


def _mention_record(doc, mention, pack):
    record = _span(doc, mention.first, mention.last)
    record["type"] = _mention_type(mention)
    trace = match_trace(doc, mention.match, pack)
    trace["link"] = {"rule": mention.linked_by or "link.own-actor", "note": mention.link_note or "first mention of this actor"}
    record["trace"] = trace
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


def document_record(doc, actors, attributions, pack, errors=()):
    attribution_records = []
    for attribution in attributions:
        roles = {}
        for role in ROLES:
            if role in attribution.roles:
                roles[role] = [_span(doc, first, last) for first, last in attribution.roles[role]]
        attribution_records.append(
            {
                "id": attribution.id,
                "kind": attribution.kind,
                "parent": attribution.parent.id if attribution.parent else None,
                "source_actor": attribution.source_actor.id if attribution.source_actor else None,
                "roles": roles,
                "trace": match_trace(doc, attribution.match, pack),
            }
        )
    actor_records = []
    for actor in actors:
        actor_records.append(
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "titles": list(actor.titles),
                "mentions": [_mention_record(doc, m, pack) for m in actor.mentions],
            }
        )
    record = {
        "schema": OUTPUT_SCHEMA_VERSION,
        "id": doc.id,
        "status": "ok",
        "length": len(doc.text),
        "attributions": attribution_records,
        "actors": actor_records,
    }
    if doc.notes or errors:
        record["notes"] = list(doc.notes)
        record["errors"] = list(errors)
    return record


def error_record(doc_id, message, notes=()):
    return {
        "schema": OUTPUT_SCHEMA_VERSION,
        "id": doc_id,
        "status": "error",
        "error": message,
        "attributions": [],
        "actors": [],
        "notes": list(notes),
    }
