"""What the playground shows for a text under a draft pack: the extractions in the report's
view, and at a clicked place, why each rule did or did not match there.

This is the playground's one way into the engine's authoring tools (why-not), so that
when they move only these imports follow.
"""
from __future__ import annotations

import bisect

from quotetrace.authoring.whynot import WhyNot
from quotetrace.view.markup import document_section
from quotetrace.view.model import build_view, clip

MAX_TEXT_CHARS = 200_000


def problems_data(problems) -> list[dict]:
    return [{"file": p.file, "line": p.line, "column": p.column, "severity": p.severity, "message": p.message} for p in problems]


def extraction(draft, text: str) -> dict:
    """The view of the text's extractions under the draft, as the report shows one document."""
    result = draft.engine.extract(text, id="your text")
    view = build_view(result)
    return {"html": document_section(view), "counts": view.counts, "status": result.status, "error": result.error}


def why_not(draft, text: str, offset: int, stage: str) -> dict:
    """Each rule of `stage` that gets as far as the word at `offset`: how many steps of its
    pattern matched, the step that failed and where, or what became of its match."""
    engine = draft.engine
    analysis = engine.analyse(text, "your text")
    doc = analysis.doc
    token = bisect.bisect_right(doc.ends, offset)  # the word that ends after the offset
    if token >= len(doc.tokens):
        return {"error": "no word at or after this place"}
    if draft.whynot is None:
        draft.whynot = WhyNot(engine.pack)  # its prefix programs are built once per pack
    whynot = draft.whynot
    start, end = doc.span_of(token, token + 1)
    attempts = []
    for attempt in whynot.attempts(analysis, token, stage):
        rule = attempt.rule
        item = {"rule": rule.id, "file": rule.file, "line": rule.line, "description": rule.description,
                "outcome": attempt.outcome, "matched": attempt.matched, "total": len(attempt.steps)}
        if attempt.start is not None:
            item["from"] = doc.span_of(attempt.start, attempt.start + 1)[0]
            item["steps"] = [_step(doc, attempt, number, step) for number, step in enumerate(attempt.steps)]
        attempts.append(item)
    return {"offset": start, "word": text[start:end], "token": token, "stage": stage, "attempts": attempts}


def _step(doc, attempt, number, step) -> dict:
    item = {"text": step.text, "inside": list(step.inside)}
    if number < attempt.matched:
        first, last = attempt.spans[number]
        item["state"] = "ok"
        if last > first:
            start, end = doc.span_of(first, last)
            item["took"] = clip(doc.text[start:end], 60)
            item["span"] = [start, end]
        else:
            item["took"] = ""
    elif number == attempt.matched:
        item["state"] = "fail"
        if attempt.fail_token is not None and attempt.fail_token < len(doc.tokens):
            start, end = doc.span_of(attempt.fail_token, attempt.fail_token + 1)
            item["at"] = doc.text[start:end]
            item["span"] = [start, end]
    else:
        item["state"] = "later"
    return item
