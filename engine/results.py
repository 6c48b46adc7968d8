"""Typed results of the Python API: what `quotetrace.extract` and `Engine.pipe` return.

A Result is a view of one output record, the same dict `quotetrace extract` writes: the
record is the single source of truth, so `Result.to_dict()` is exactly that record and
`Result.from_dict()` reads one back (from a JSON Lines file, say). The typed objects
(Attribution, Span, Actor, ...) are built from it on first access, so writing records
through the API costs nothing extra.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import orjson


@dataclass(frozen=True)
class Span:
    """A piece of the document: `text == document[start:end]` (Python string offsets)."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class RuleInfo:
    """What is the same for every match of a rule: where it is written and what it says."""

    id: str
    file: str | None = None
    line: int | None = None
    description: str | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class LexiconHit:
    """A lexicon entry a match used, where it used it, and the entry's attributes."""

    lexicon: str
    entry: str | None
    start: int
    end: int
    attributes: dict = field(default_factory=dict)
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Link:
    """The linking rule that attached a mention to its actor, and what it compared."""

    rule: str
    note: str | None = None


@dataclass(frozen=True)
class Trace:
    """How an extraction was found: the rule, the match, each capture, the lexicon entries,
    and for a mention the linking rule. Offsets only; `Result.text` gives the words."""

    rule: RuleInfo
    match: tuple[int, int] | None = None
    captures: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    lexicon: list[LexiconHit] = field(default_factory=list)
    link: Link | None = None
    steps: list[str] = field(default_factory=list)  # assembly steps that changed the extraction (quotetrace.assembly)


@dataclass(frozen=True)
class Evidence:
    """Words of the document that say what kind of source someone is (`about` "type"), that
    it is kept anonymous ("anonymity"), or how the text refers to a person ("gender"), with
    the trace of the rule that found them; for a pronoun, `link` is its linking rule."""

    about: str
    value: str
    start: int
    end: int
    text: str
    trace: Trace | None
    link: str | None = None


@dataclass(frozen=True)
class Attribution:
    """One attribution; each role is a list of spans (several when its words are apart).

    `source_type` and `anonymity` are those of its source (docs/sources.md); `confidence`
    is its rule's measured precision adjusted by the assembly steps, None without a
    calibration; `evidence` is set only for a source that is no actor (a writing)."""

    id: str
    kind: str
    parent: str | None
    source_actor: str | None
    roles: dict[str, list[Span]]
    trace: Trace
    floating: bool = False      # a quotation paragraph or sentence with no cue, given to the speaker before it
    follows: str | None = None  # for a floating one: the id of the attribution it follows
    source_type: str | None = None
    anonymity: str | None = None
    confidence: float | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def source(self) -> list[Span]:
        return self.roles.get("source", [])

    @property
    def cue(self) -> list[Span]:
        return self.roles.get("cue", [])

    @property
    def content(self) -> list[Span]:
        return self.roles.get("content", [])

    @property
    def addressee(self) -> list[Span]:
        return self.roles.get("addressee", [])

    @property
    def medium(self) -> list[Span]:
        return self.roles.get("medium", [])

    def text_of(self, role: str, joiner: str = " … ") -> str:
        """A role's words, its fragments joined (empty when the attribution has no such role)."""
        return joiner.join(span.text for span in self.roles.get(role, []))


@dataclass(frozen=True)
class Mention:
    """One mention of an actor: a name, short name, acronym, title or pronoun."""

    start: int
    end: int
    text: str
    type: str
    trace: Trace | None


@dataclass(frozen=True)
class Actor:
    """A person or organisation with its titles and every mention of it in the document;
    `type`, `anonymity`, `gender` and the `evidence` behind them as docs/sources.md says."""

    id: str
    name: str
    kind: str
    titles: list[str]
    mentions: list[Mention]
    type: str | None = None
    anonymity: str | None = None
    gender: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


class Result:
    """The extractions of one document (or why there are none: `status`, `error`)."""

    def __init__(self, record: dict | bytes, text: str | None = None, pack=None):
        # `record`: the record, or its JSON bytes (from_json), read when first used (_record).
        if isinstance(record, bytes):
            self._json = record
        else:
            self._json = None
            self._record = record
        self.text = text  # the document's text when the engine made this result; None when read back
        self._given_pack = pack

    @classmethod
    def from_dict(cls, record: dict, text: str | None = None, pack=None) -> "Result":
        """A result from an output record (any trace form); `text` lets traces show words,
        `pack` (an Engine's `.pack`) fills in what compact traces leave to the rule pack."""
        if not isinstance(record, dict) or "id" not in record or "status" not in record:
            raise ValueError("an output record is a mapping with at least 'id' and 'status'")
        return cls(record, text, pack)

    @classmethod
    def from_json(cls, data: bytes, text: str | None = None, pack=None) -> "Result":
        """A result from an output record's JSON bytes, as the JSON Lines writer writes them
        (one line without its line end), decoded when first used: a worker process hands
        its records back so (quotetrace.parallel), and a caller that only passes them on
        pays nothing for reading them."""
        return cls(bytes(data), text, pack)

    @cached_property
    def _record(self) -> dict:
        record = orjson.loads(self._json)
        if not isinstance(record, dict) or "id" not in record or "status" not in record:
            raise ValueError("an output record is a mapping with at least 'id' and 'status'")
        return record

    @cached_property
    def _pack(self):
        """The rule pack a compact record points into, when known: traces then carry each
        rule's description and pattern and each lexicon entry's file and attributes."""
        pack = self._given_pack
        return pack if pack is not None and self._record.get("pack") in (None, pack.digest) else None

    def to_dict(self) -> dict:
        """The output record, exactly as `quotetrace extract` writes it (not a copy: don't mutate it)."""
        return self._record

    def to_json(self) -> str:
        """The record as one line of JSON Lines, byte-identical to the CLI's output."""
        if self._json is not None:
            return self._json.decode("utf-8") + "\n"
        from quotetrace.output.writers import to_json_line

        return to_json_line(self._record)

    @property
    def id(self) -> str:
        return self._record["id"]

    @property
    def status(self) -> str:
        return self._record["status"]

    @property
    def ok(self) -> bool:
        return self._record["status"] == "ok"

    @property
    def error(self) -> str | None:
        return self._record.get("error")

    @property
    def length(self) -> int | None:
        return self._record.get("length")

    @property
    def meta(self) -> dict | None:
        return self._record.get("meta")

    @property
    def notes(self) -> list[str]:
        return list(self._record.get("notes", []))

    @property
    def errors(self) -> list[dict]:
        return list(self._record.get("errors", []))

    @cached_property
    def rules(self) -> dict[str, RuleInfo]:
        """The rules this record's traces name, from its `rules` table (ids only with `--trace none`)."""
        table = self._record.get("rules", {})
        known = {}
        if self._pack is not None:
            known = {c.rule.id: c for stage in self._pack.compiled.rules_by_stage.values() for c in stage}
        found = {}
        for trace in self._traces():
            rule_id = trace["rule"]
            if rule_id in found:
                continue
            info = table.get(rule_id, {})
            compiled = known.get(rule_id)
            found[rule_id] = RuleInfo(
                rule_id,
                trace.get("file", info.get("file", compiled.rule.file if compiled else None)),
                trace.get("line", info.get("line", compiled.rule.line if compiled else None)),
                compiled.rule.description if compiled else None,
                trace.get("pattern", compiled.pattern_text if compiled else None),
            )
        return found

    @cached_property
    def attributions(self) -> list[Attribution]:
        return [
            Attribution(
                a["id"], a["kind"], a["parent"], a["source_actor"],
                {role: [Span(**s) for s in spans] for role, spans in a["roles"].items()},
                self._trace(a["trace"]),
                a.get("floating", False), a.get("follows"),
                a.get("source_type"), a.get("anonymity"), a.get("confidence"), self._evidence(a),
            )
            for a in self._record.get("attributions", [])
        ]

    @cached_property
    def actors(self) -> list[Actor]:
        return [
            Actor(
                a["id"], a["name"], a["kind"], list(a["titles"]),
                [Mention(m["start"], m["end"], m["text"], m["type"], self._trace(m.get("trace"))) for m in a["mentions"]],
                a.get("type"), a.get("anonymity"), a.get("gender"), self._evidence(a),
            )
            for a in self._record.get("actors", [])
        ]

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id (an attribution's `source_actor`), or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def _traces(self):
        for attribution in self._record.get("attributions", []):
            yield attribution["trace"]
            for item in attribution.get("evidence", ()):
                if "trace" in item:
                    yield item["trace"]
        for actor in self._record.get("actors", []):
            for mention in actor["mentions"]:
                if mention.get("trace"):
                    yield mention["trace"]
            for item in actor.get("evidence", ()):
                if "trace" in item:
                    yield item["trace"]

    def _evidence(self, item: dict) -> list[Evidence]:
        """Typed evidence; a linked pronoun's trace is that of its mention (same offsets)."""
        mentions = {(m["start"], m["end"]): m.get("trace") for m in item.get("mentions", ())}
        return [Evidence(e["about"], e["value"], e["start"], e["end"], e["text"],
                         self._trace(e["trace"] if "trace" in e else mentions.get((e["start"], e["end"]))), e.get("link"))
                for e in item.get("evidence", ())]

    def _trace(self, trace: dict | None) -> Trace | None:
        """A Trace from either written form: compact (offset pairs, entry keys) or full."""
        if trace is None:
            return None

        def pair(value):
            return (value["start"], value["end"]) if isinstance(value, dict) else (value[0], value[1])

        hits = []
        for item in trace.get("lexicon", []):
            if isinstance(item, dict):  # full form
                attributes = {k: v for k, v in item.items() if k not in ("lexicon", "entry", "file", "line", "start", "end", "text")}
                hits.append(LexiconHit(item["lexicon"], item.get("entry"), item["start"], item["end"], attributes, item.get("file"), item.get("line")))
                continue
            key, start, end = item
            hits.append(self._entry_hit(key, start, end))
        link = trace.get("link")
        return Trace(
            self.rules[trace["rule"]],
            pair(trace["match"]) if "match" in trace else None,
            {name: [pair(v) for v in values] for name, values in trace.get("captures", {}).items()},
            hits,
            Link(link["rule"], link.get("note")) if link else None,
            list(trace.get("steps", [])),
        )

    def _entry_hit(self, key: str, start: int, end: int) -> LexiconHit:
        """A compact lexicon item: `lexicon/form@line` names an entry, a bare lexicon id a use
        of the lexicon that is no entry of its own."""
        lexicon, slash, rest = key.partition("/")
        if not slash:
            return LexiconHit(lexicon, None, start, end)
        form, _, line = rest.rpartition("@")
        entry = None
        if self._pack is not None and lexicon in self._pack.lexicons:
            entry = next((e for e in self._pack.lexicons[lexicon].entries if e.line == int(line) and e.forms[0] == form), None)
        if entry is None:
            return LexiconHit(lexicon, form, start, end, line=int(line))
        return LexiconHit(lexicon, form, start, end, dict(entry.attributes), entry.file, entry.line)

    def _repr_html_(self) -> str:
        """The view of the HTML report, inline in Jupyter: roles marked, the trace on hover."""
        from quotetrace.view import notebook_html

        return notebook_html(self)

    def to_displacy(self, actors: bool = False) -> dict:
        """The data `displacy.render(..., style="span", manual=True)` takes: each role a
        span labelled with its role (`quotetrace.view.displacy.COLORS` colours them); with
        `actors`, every mention too. Needs the text (a result read back: pass `text=`)."""
        from quotetrace.view.displacy import to_displacy

        return to_displacy(self, actors)

    def __repr__(self) -> str:
        if not self.ok:
            return f"<Result {self.id!r} {self.status}: {self.error}>"
        return f"<Result {self.id!r}: {len(self._record['attributions'])} attributions, {len(self._record['actors'])} actors>"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Result) and other._record == self._record

    __hash__ = None  # mutable record inside
