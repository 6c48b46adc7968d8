"""The HTML of one document: its text with the roles and mentions marked, the inspector
beside it, the lists of attributions and actors below, and the data the inspector reads.

Everything is generated here as strings and escaped here; the page's script only reads
the data and toggles classes, so a page without its script still shows every mark.
"""
from __future__ import annotations

import html
import json

from quotetrace.attributions.build import ROLES as ROLE_NAMES
from quotetrace.view.marks import nest
from quotetrace.view.model import MENTION_RANK, DocumentView, clip

MAX_LEVEL = 7  # deeper role marks share the lowest line (the stylesheet draws 0-7)


def attributes(values: dict) -> str:
    return "".join(f' {name}="{html.escape(str(value))}"' for name, value in values.items() if value is not None)


def script_json(data) -> str:
    """JSON that is safe inside a <script> element: no `</script>` or `<!--` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def marked_text(view: DocumentView) -> str:
    """The text with every mark as nested <span> elements; its text content is the document."""
    source = view.source

    def render(pieces, start, end):
        out, position = [], start
        for piece in pieces:
            out.append(source.html(position, piece.start))
            mark = piece.mark
            values = dict(mark.attributes)
            if mark.rank < MENTION_RANK and mark.level:
                values["data-lv"] = str(min(mark.level, MAX_LEVEL))
            if piece.first:
                values.update(mark.first_attributes)
            if piece.last:
                values.update(mark.last_attributes)
            out.append(f"<span{attributes(values)}>{render(piece.children, piece.start, piece.end)}</span>")
            position = piece.end
        out.append(source.html(position, end))
        return "".join(out)

    return render(nest(view.marks), 0, source.length)


def _role_cell(attribution, role) -> str:
    spans = attribution.roles.get(role, [])
    return html.escape(" … ".join(clip(s.text, 160) for s in spans))


def attribution_table(view: DocumentView) -> str:
    result = view.result
    if not result.attributions:
        return '<p class="qt-none">No attributions found.</p>'
    rows = []
    for attribution in result.attributions:
        speaker = result.actor(attribution.source_actor)
        source = _role_cell(attribution, "source") or '<span class="qt-none">none</span>'
        if speaker is not None and speaker.name != attribution.text_of("source"):
            source += f' <span class="qt-aka">({html.escape(speaker.name)})</span>'
        extra = []
        for role in ("addressee", "medium"):
            if attribution.roles.get(role):
                extra.append(f'<span class="qt-key qt-k-{role}">{role}</span> {_role_cell(attribution, role)}')
        nested = f'<span class="qt-nested">in {html.escape(attribution.parent)}</span>' if attribution.parent else ""
        rows.append(
            f'<tr tabindex="0" data-att="{html.escape(attribution.id)}">'
            f'<td class="qt-id">{html.escape(attribution.id)}{nested}</td>'
            f"<td>{source}</td><td>{_role_cell(attribution, 'cue')}</td>"
            f"<td>{_role_cell(attribution, 'content')}{'<br>' + '<br>'.join(extra) if extra else ''}</td>"
            f'<td>{attribution.kind}</td><td class="qt-rule"><code>{html.escape(attribution.trace.rule.id)}</code></td></tr>'
        )
    return (
        '<table class="qt-table qt-atts"><thead><tr><th scope="col">#</th><th scope="col">Source</th><th scope="col">Cue</th>'
        '<th scope="col">Content</th><th scope="col">Kind</th><th scope="col">Rule</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
    )


def actor_table(view: DocumentView) -> str:
    result = view.result
    if not result.actors:
        return '<p class="qt-none">No actors found.</p>'
    actors = view.data["actors"]
    rows = []
    for actor in sorted(result.actors, key=lambda a: actors[a.id]["n"]):
        data = actors[actor.id]
        types = sorted({m.type for m in actor.mentions})
        rows.append(
            f'<tr tabindex="0" data-actor="{html.escape(actor.id)}"><td class="qt-id"><span class="qt-chip">{data["n"]}</span></td>'
            f"<td>{html.escape(actor.name)}</td><td>{actor.kind}</td><td>{html.escape('; '.join(actor.titles))}</td>"
            f'<td class="qt-num">{len(actor.mentions)} <span class="qt-aka">{html.escape(", ".join(types))}</span></td><td class="qt-num">{data["quoted"]}</td></tr>'
        )
    return (
        '<table class="qt-table qt-actors"><thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Kind</th>'
        '<th scope="col">Titles</th><th scope="col">Mentions</th><th scope="col">Quoted</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
    )


def summary_line(view: DocumentView) -> str:
    counts = view.counts
    if not view.result.ok:
        return ""
    kinds = ", ".join(f"{counts[k]} {k}" for k in ("direct", "indirect", "mixed") if counts.get(k))
    attributions = f"{counts['attributions']} attribution{'' if counts['attributions'] == 1 else 's'}"
    return f"{attributions}{f' ({kinds})' if kinds else ''} · {counts['actors']} actor{'' if counts['actors'] == 1 else 's'}"


def document_section(view: DocumentView, heading: str = "h2", lists_open: bool = True, rules_inline: bool = True) -> str:
    """One document: heading, notes, marked text beside its inspector, the two lists.
    `rules_inline`: False when the page writes the rules and entries once for all its
    documents (`pack_script`), as a report does."""
    result = view.result
    parts = [f'<section class="qt-doc" id="{view.anchor}" data-doc="{html.escape(result.id)}">']
    parts.append(f'<header class="qt-doc-head"><{heading} class="qt-title">{html.escape(result.id)}</{heading}>')
    meta = result.meta or {}
    if meta:
        fields = "".join(f"<dt>{html.escape(str(k))}</dt><dd>{html.escape('' if v is None else str(v))}</dd>" for k, v in meta.items())
        parts.append(f'<dl class="qt-meta">{fields}</dl>')
    parts.append(f'<p class="qt-summary">{summary_line(view)}</p></header>')
    for note in result.notes:
        parts.append(f'<p class="qt-note">Note: {html.escape(note)}</p>')
    for error in result.errors:
        parts.append(f'<p class="qt-note">Rule <code>{html.escape(str(error.get("rule")))}</code>: {html.escape(str(error.get("error")))}</p>')
    if not result.ok:
        parts.append(f'<p class="qt-error">This document could not be analysed: {html.escape(result.error or "")}</p></section>')
        return "".join(parts)
    if not view.source.full:
        parts.append('<p class="qt-note">The text of this document was not given, so only the passages the record holds are shown; '
                     '<span class="qt-gap">…</span> marks text left out. Give the texts (<code>quotetrace view RECORDS --texts INPUT</code>) to see all of it.</p>')
    parts.append('<div class="qt-body">')
    parts.append(f'<div class="qt-text" lang="en">{marked_text(view)}</div>')
    parts.append('<aside class="qt-panel" aria-live="polite" aria-label="Trace"><p class="qt-hint">Point at a marked passage, '
                 'or tab to a cue, to see how it was found. Click or press Enter to pin it; Esc unpins.</p></aside>')
    parts.append("</div>")
    open_attribute = " open" if lists_open else ""
    parts.append(f'<details class="qt-lists"{open_attribute}><summary>Attributions and actors</summary>')
    parts.append(f'<h3 class="qt-h3">Attributions</h3>{attribution_table(view)}<h3 class="qt-h3">Actors</h3>{actor_table(view)}</details>')
    data = view.data if rules_inline else {key: value for key, value in view.data.items() if key not in ("rules", "entries")}
    parts.append(f'<script type="application/json" class="qt-data">{script_json(data)}</script>')
    parts.append("</section>")
    return "".join(parts)


def legend() -> str:
    """The key to the marks, and the switches for labels and actors."""
    roles = "".join(
        f'<li><span class="qt-sample" data-role="{role}">{role}</span></li>' for role in ROLE_NAMES
    )
    return (
        '<div class="qt-legend" role="group" aria-label="Key">'
        f'<ul class="qt-key-list">{roles}<li><span class="qt-sample qt-sample-actor" data-chip="1">actor</span></li></ul>'
        '<label><input type="checkbox" class="qt-toggle" data-class="qt-show-labels"> all role labels</label>'
        '<label><input type="checkbox" class="qt-toggle" data-class="qt-hide-actors"> hide actors</label>'
        "</div>"
    )


def pack_script(rules: dict, entries: dict) -> str:
    """The rules and lexicon entries the documents of a page name, once for the page:
    repeated in every document they would be a third of a report's size."""
    return f'<script type="application/json" id="qt-pack">{script_json({"rules": rules, "entries": entries})}</script>'
