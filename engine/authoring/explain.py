"""`quotetrace explain`: derivations for people, from an output record and from why-not attempts.

The derivation of an extraction is its trace laid out to be read: which rule, where it is
written, its pattern, what each capture took, which lexicon entries fired, and for actors
how each mention was linked. Nothing here decides anything; it only shows what the
record (or quotetrace.authoring.whynot) already holds.
"""
from __future__ import annotations

from quotetrace.assembly import TRACE_STEPS
from quotetrace.rulepack.contract import ROLES

_WIDTH = 70


def _clip(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    tail = width // 3
    return text[: width - tail - 5] + " ... " + text[-tail:]


def _quoted(fragment) -> str:
    return f'{fragment["start"]}-{fragment["end"]}  "{_clip(fragment["text"])}"'


def _lexicon_line(hit, match) -> str:
    attributes = [f"{k}={v}" for k, v in hit.items() if k not in ("lexicon", "entry", "file", "line", "start", "end", "text")]
    where = f'  {hit["file"]}:{hit["line"]}' if "file" in hit else ""
    outside = "  (looked at after the match, not part of it)" if hit["start"] >= match["end"] or hit["end"] <= match["start"] else ""
    entry = f' entry "{hit["entry"]}"' if "entry" in hit else ""
    extra = f" ({', '.join(attributes)})" if attributes else ""
    return f'"{hit["text"]}" = @{hit["lexicon"]}{entry}{extra}{where}{outside}'


def _trace_lines(trace, indent: str) -> list[str]:
    lines = [
        f'{indent}rule      {trace["rule"]}  ({trace["file"]}:{trace["line"]})',
        f'{indent}pattern   {trace["pattern"]}',
        f'{indent}matched   {_quoted(trace["match"])}',
    ]
    for name, fragments in trace["captures"].items():
        for number, fragment in enumerate(fragments):
            label = f"{name}:" if number == 0 else ""
            lines.append(f"{indent}  {label:<11}{_quoted(fragment)}")
    for hit in trace["lexicon"]:
        lines.append(f"{indent}  lexicon    {_lexicon_line(hit, trace['match'])}")
    for step in trace.get("steps", []):
        lines.append(f"{indent}then      {step}: {TRACE_STEPS.get(step, '')}")
    return lines


def explain_record(record) -> str:
    """Every attribution and actor of one record, with its derivation."""
    out = [f'# {record["id"]}']
    if record.get("status") != "ok":
        out.append(f'error: {record.get("error")}')
        return "\n".join(out) + "\n"
    actors = {a["id"]: a for a in record.get("actors", [])}
    if not record["attributions"]:
        out.append("no attributions")
    for attribution in record["attributions"]:
        out.append("")
        heading = f'{attribution["id"]}  {attribution["kind"]}'
        if attribution.get("parent"):
            heading += f'  nested in {attribution["parent"]}'
        out.append(heading)
        for role in ROLES:
            fragments = attribution["roles"].get(role)
            if not fragments:
                continue
            text = " ... ".join(f'"{_clip(f["text"], 50)}"' for f in fragments)
            spans = ", ".join(f'{f["start"]}-{f["end"]}' for f in fragments)
            actor = ""
            if role == "source" and attribution.get("source_actor") in actors:
                actor = f'  -> {attribution["source_actor"]} {actors[attribution["source_actor"]]["name"]}'
            out.append(f"  {role:<10}{spans}  {text}{actor}")
        out.append("  derivation")
        out.extend(_trace_lines(attribution["trace"], "    "))
    for actor in record.get("actors", []):
        out.append("")
        titles = f'  titles: {"; ".join(actor["titles"])}' if actor["titles"] else ""
        out.append(f'{actor["id"]}  {actor["name"]}  ({actor["kind"]}){titles}')
        for mention in actor["mentions"]:
            trace = mention["trace"]
            link = trace.get("link", {})
            out.append(
                f'  {mention["start"]}-{mention["end"]}  "{_clip(mention["text"], 40)}"  {mention["type"]}'
                f'  found by {trace["rule"]} ({trace["file"]}:{trace["line"]}); linked by {link.get("rule")}: {link.get("note")}'
            )
    return "\n".join(out) + "\n"


def explain_attempts(doc, token: int, stage: str, attempts, show_all: bool = False) -> str:
    """Why (not) at one place: each rule's furthest attempt, the failing step marked."""
    start, end = doc.span_of(token, token + 1)
    sentence = next(((first, last) for first, last in doc.sentences if first <= token < last), None)
    out = [f'at offset {start}: token "{doc.text[start:end]}" (token {token})']
    if sentence is not None:
        s_start, s_end = doc.span_of(*sentence)
        out.append(f'sentence {s_start}-{s_end}: "{_clip(doc.text[s_start:s_end], 100)}"')
    tried = [a for a in attempts if a.start is not None]
    skipped = [a for a in attempts if a.start is None]
    out.append(f"stage {stage}: {len(tried)} rules get as far as this place; {len(skipped)} need a word this document lacks")
    for attempt in tried:
        rule = attempt.rule
        first, _ = doc.span_of(attempt.start, attempt.start + 1)
        out.append("")
        out.append(f"{rule.id}  ({rule.file}:{rule.line})  {attempt.matched} of {len(attempt.steps)} steps from offset {first}: {attempt.outcome}")
        for number, step in enumerate(attempt.steps):
            inside = f"   in {{{'} in {'.join(step.inside)}}}" if step.inside else ""
            if number < attempt.matched:
                first_token, last_token = attempt.spans[number]
                if last_token > first_token:
                    s, e = doc.span_of(first_token, last_token)
                    took = f'"{_clip(doc.text[s:e], 50)}"'
                else:
                    took = "(nothing)"
                out.append(f"  ok    {_clip(step.text, 48):<48}  {took}{inside}")
            elif number == attempt.matched:
                if attempt.fail_token is not None and attempt.fail_token < len(doc.tokens):
                    s, e = doc.span_of(attempt.fail_token, attempt.fail_token + 1)
                    at = f'no match at "{doc.text[s:e]}" (offset {s})'
                else:
                    at = "no match at the end of the text"
                out.append(f"  FAIL  {_clip(step.text, 48):<48}  {at}{inside}")
            elif show_all:
                out.append(f"  ...   {_clip(step.text, 48)}{inside}")
        if not show_all and attempt.matched + 1 < len(attempt.steps):
            out.append(f"  ...   {len(attempt.steps) - attempt.matched - 1} more steps (--steps shows them)")
    if skipped:
        out.append("")
        for attempt in skipped:
            out.append(f"{attempt.rule.id}  ({attempt.rule.file}:{attempt.rule.line})  {attempt.outcome}")
    return "\n".join(out) + "\n"
