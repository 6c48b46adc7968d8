"""What the view shows of one result: the marks in its text and the data its inspector reads.

The view is built from a typed Result, whatever trace form its record was written in, so
the report, the notebook view and the playground show the same things the same way. A
result read back from a record has no text: the view then shows the pieces of text the
record holds (every role and mention) and marks the gaps between them, rather than
showing nothing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from quotetrace.assembly import TRACE_STEPS
from quotetrace.output.record import usual_note
from quotetrace.attributions.build import ROLES as ROLE_NAMES
from quotetrace.view.marks import Mark, assign_levels

# With the same extent, a content lies outside the other roles, and a mention inside all roles.
ROLE_RANK = {"content": 0, "source": 1, "medium": 2, "addressee": 3, "cue": 4}
MENTION_RANK = 1000
CLIP = 240


def clip(text: str, width: int = CLIP) -> str:
    """Long passages in the inspector keep their beginning and end: enough to recognise them."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width * 2 // 3] + " … " + text[-(width // 4):]


class TextSource:
    """The document's characters: all of them, or only those the record's spans hold."""

    def __init__(self, text: str | None, length: int, spans=()):
        self.full = text is not None
        self.length = len(text) if text is not None else length
        self.text = text
        self.known: dict[int, str] = {}
        if text is None:
            for start, end, words in spans:
                for offset, character in zip(range(start, end), words):
                    self.known.setdefault(offset, character)

    def slice(self, start: int, end: int) -> str:
        """Plain text of a range; unknown stretches as one ellipsis each."""
        if self.full:
            return self.text[start:end]
        out, gap = [], False
        for offset in range(start, end):
            character = self.known.get(offset)
            if character is None:
                if not gap:
                    out.append(" … ")
                gap = True
            else:
                out.append(character)
                gap = False
        return "".join(out)

    def html(self, start: int, end: int) -> str:
        """Escaped HTML of a range of text; an unknown stretch becomes a gap marker."""
        if self.full:
            return html.escape(self.text[start:end], quote=False)
        out, run, gap = [], [], False
        for offset in range(start, end):
            character = self.known.get(offset)
            if character is None:
                if not gap:
                    if run:
                        out.append(html.escape("".join(run), quote=False))
                        run = []
                    out.append('<span class="qt-gap" title="text not shown: give the texts to see it">…</span>')
                gap = True
            else:
                run.append(character)
                gap = False
        if run:
            out.append(html.escape("".join(run), quote=False))
        return "".join(out)


@dataclass
class DocumentView:
    result: object
    number: int                    # the document's place in its report (1-based), for anchors
    source: TextSource
    marks: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"doc-{self.number}"

    def attribution_anchor(self, attribution_id: str) -> str:
        return f"doc-{self.number}-{attribution_id}"


def _depths(attributions) -> dict:
    parents = {a.id: a.parent for a in attributions}
    depths = {}
    for attribution in attributions:
        depth, seen, parent = 0, {attribution.id}, attribution.parent
        while parent is not None and parent in parents and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = parents[parent]
        depths[attribution.id] = depth
    return depths


def actor_numbers(result) -> dict:
    """Actors numbered 1, 2, ... in the order they are first mentioned: the number the page
    shows beside each of their mentions."""
    ordered = sorted(result.actors, key=lambda a: (min((m.start for m in a.mentions), default=0), a.id))
    return {actor.id: number for number, actor in enumerate(ordered, 1)}


def build_view(result, number: int = 1) -> DocumentView:
    """Marks and inspector data for one result."""
    spans = [(s.start, s.end, s.text) for a in result.attributions for fragments in a.roles.values() for s in fragments]
    spans += [(m.start, m.end, m.text) for actor in result.actors for m in actor.mentions]
    source = TextSource(result.text, result.length or 0, spans)
    view = DocumentView(result, number, source)
    if not result.ok:
        view.data = {"id": result.id, "atts": {}, "actors": {}, "rules": {}}
        return view
    numbers = actor_numbers(result)
    view.marks = _role_marks(view, result) + _mention_marks(result, numbers)
    assign_levels([m for m in view.marks if m.rank < MENTION_RANK])
    view.data = _inspector_data(view, result, numbers)
    kinds = [a.kind for a in result.attributions]
    view.counts = {
        "attributions": len(kinds),
        "direct": kinds.count("direct"),
        "indirect": kinds.count("indirect"),
        "mixed": kinds.count("mixed"),
        "actors": len(result.actors),
    }
    return view


def _role_marks(view, result) -> list[Mark]:
    marks = []
    depths = _depths(result.attributions)
    names = {a.id: a for a in result.actors}
    for attribution in result.attributions:
        depth = depths[attribution.id]
        for role in ROLE_NAMES:
            for index, span in enumerate(attribution.roles.get(role, [])):
                attributes = {"data-att": attribution.id, "data-role": role}
                first = {}
                if index == 0:
                    first["data-label"] = role
                if role == "cue" and index == 0:
                    speaker = names.get(attribution.source_actor)
                    who = speaker.name if speaker else attribution.text_of("source") or "no source"
                    first.update({
                        "id": view.attribution_anchor(attribution.id),
                        "tabindex": "0",
                        "role": "button",
                        "aria-label": f"{attribution.kind} attribution {attribution.id}: {who}, {attribution.text_of('cue')}",
                    })
                marks.append(Mark(span.start, span.end, depth * 10 + ROLE_RANK[role], attributes, first_attributes=first))
    return marks


def _mention_marks(result, numbers) -> list[Mark]:
    marks = []
    for actor in result.actors:
        number = numbers[actor.id]
        for index, mention in enumerate(actor.mentions):
            attributes = {"data-actor": actor.id, "data-m": str(index), "data-type": mention.type}
            # An actor mentioned more than once shows its number beside each mention, and a
            # pronoun, short name, title or acronym also the name it stands for, so the link
            # reads without hovering. One mention alone needs no number to be told apart.
            last = {}
            if len(actor.mentions) > 1:
                last["data-chip"] = str(number) if actor.name.casefold() in mention.text.casefold() else f"{number} {actor.name}"
            marks.append(Mark(mention.start, mention.end, MENTION_RANK, attributes, last_attributes=last))
    return marks


def _span(source: TextSource, start: int, end: int) -> list:
    """[start, end], and the words when the page does not hold the whole text: with it, the
    page's script reads them from the text itself, which keeps the data a third the size."""
    return [start, end] if source.full else [start, end, clip(source.slice(start, end))]


def _entry_key(hit) -> str:
    return f"{hit.lexicon}/{hit.entry}@{hit.line}" if hit.entry is not None else hit.lexicon


def _trace_data(trace, source: TextSource, entries: dict, link_note=None) -> dict | None:
    """A trace for the inspector; the lexicon entries it used go into `entries` once each
    and the trace names them by key, as compact records do."""
    if trace is None:
        return None

    def span(pair):
        start, end = pair
        return _span(source, start, end)

    data = {"rule": trace.rule.id}
    if trace.match is not None:
        data["match"] = span(trace.match)
    if trace.captures:
        data["captures"] = {name: [span(pair) for pair in pairs] for name, pairs in sorted(trace.captures.items())}
    if trace.lexicon:
        data["lexicon"] = []
        for hit in trace.lexicon:
            key = _entry_key(hit)
            entries.setdefault(key, {"lexicon": hit.lexicon, "entry": hit.entry, "attributes": hit.attributes, "file": hit.file, "line": hit.line})
            data["lexicon"].append([key, *_span(source, hit.start, hit.end)])
    if trace.link is not None:
        data["link"] = {"rule": trace.link.rule, "note": trace.link.note or link_note}
    if trace.steps:  # the assembly steps that changed the extraction after its rule, each with what it does
        data["steps"] = [[step, TRACE_STEPS.get(step, "")] for step in trace.steps]
    return data


def _inspector_data(view, result, numbers) -> dict:
    source = view.source
    quoted, entries = {}, {}
    for attribution in result.attributions:
        if attribution.source_actor:
            quoted[attribution.source_actor] = quoted.get(attribution.source_actor, 0) + 1
    atts = {}
    for attribution in result.attributions:
        trace = _trace_data(attribution.trace, source, entries)
        atts[attribution.id] = {
            "kind": attribution.kind,
            "parent": attribution.parent,
            "actor": attribution.source_actor,
            "roles": {role: [_span(source, s.start, s.end) for s in spans] for role, spans in attribution.roles.items()},
            "trace": trace,
        }
    actors = {}
    for actor in result.actors:
        first_text = actor.mentions[0].text if actor.mentions else ""
        mentions = []
        for index, mention in enumerate(actor.mentions):
            note = usual_note(mention.trace.link.rule, mention.text, actor.name, first_text) if mention.trace and mention.trace.link else None
            trace = _trace_data(mention.trace, source, entries, note)
            mentions.append({"span": _span(source, mention.start, mention.end), "type": mention.type, "trace": trace})
        actors[actor.id] = {
            "n": numbers[actor.id], "name": actor.name, "kind": actor.kind, "titles": actor.titles,
            "quoted": quoted.get(actor.id, 0), "mentions": mentions,
        }
    rules = {
        info.id: {"file": info.file, "line": info.line, "description": info.description, "pattern": info.pattern}
        for info in result.rules.values()
    }
    return {"id": result.id, "full": source.full, "atts": atts, "actors": actors, "rules": rules, "entries": entries}
