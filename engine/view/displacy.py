"""The data displaCy's span style takes, for users who already draw with displaCy.

`displacy.render(result.to_displacy(), style="span", manual=True, options={"colors": COLORS})`
draws each role as a labelled bar under its tokens, overlapping roles stacked. The tokens
are quotetrace's own, so every role starts and ends on a token; spaCy is not needed to make
the data, only to draw it.
"""
from __future__ import annotations

import bisect

from quotetrace.attributions.build import ROLES as ROLE_NAMES

COLORS = {"SOURCE": "#93b4f5", "CUE": "#f7b58c", "CONTENT": "#9fe0c5", "ADDRESSEE": "#d4b0f5", "MEDIUM": "#f5a9cb",
          "PERSON": "#e7e5e4", "ORGANIZATION": "#e7e5e4"}


def to_displacy(result, actors: bool = False) -> dict:
    """{"text", "tokens", "spans", "title"} with token offsets; each role fragment a span
    labelled with its role and its attribution's id as `kb_id`; with `actors`, each mention
    too, labelled with its actor's kind and name."""
    if result.text is None:
        raise ValueError("to_displacy needs the document's text: Result.from_dict(record, text=...)")
    from quotetrace.text.tokens import tokenize

    text = result.text
    starts, ends = tokenize(text)

    def tokens_of(start: int, end: int) -> tuple[int, int]:
        first = bisect.bisect_right(ends, start)           # the first token ending after the start
        last = max(first + 1, bisect.bisect_left(starts, end))  # tokens starting before the end
        return first, last

    spans = []
    for attribution in result.attributions:
        for role in ROLE_NAMES:
            for fragment in attribution.roles.get(role, []):
                first, last = tokens_of(fragment.start, fragment.end)
                spans.append({"start_token": first, "end_token": last, "label": role.upper(), "kb_id": attribution.id})
    if actors:
        for actor in result.actors:
            for mention in actor.mentions:
                first, last = tokens_of(mention.start, mention.end)
                spans.append({"start_token": first, "end_token": last, "label": actor.kind.upper(), "kb_id": actor.name})
    spans.sort(key=lambda s: (s["start_token"], -s["end_token"], s["label"]))
    return {"text": text, "tokens": [text[s:e] for s, e in zip(starts, ends)], "spans": spans, "title": result.id}
