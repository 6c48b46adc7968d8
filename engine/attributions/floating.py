"""Floating quotations: a paragraph or sentence that is only a quotation belongs to the speaker before it.

News copy often gives a speaker once and then lets a quotation stand alone as the next
paragraph, with no "she said": readers take it as the same speaker's words, and users of
quote extractors ask for it. No rule can find it, since there is no cue to anchor on and
the speaker is in another paragraph, so it is a step after the rules, taken only where the
convention leaves no doubt: the paragraph holds one quotation and nothing else, no
attribution already covers any of it, it is neither a headline nor a subhead in quotation
marks nor a transcript line that names its own speaker, and the paragraph just before
has attributions of one speaker only (the same actor, or the same words when there is no
actor). A floating quotation may follow another, as a speaker's quotation runs on over
several paragraphs. Each is an attribution of its own with no cue, marked floating, that
follows the attribution of the paragraph before: it takes that one's source and parent,
and its match, so its trace is that attribution's.

The same convention holds inside a paragraph: "Ruiz said she would back the plan. “I'm
going to support it.”" A sentence that is only a quotation, after the paragraph's
attributions of one speaker and covered by none, is that speaker's (PolNeAR joins it to
the content of the attribution before it, as it joins a floating paragraph).
"""
from __future__ import annotations

import bisect

from quotetrace.attributions.build import Attribution
from quotetrace.text.document import HEADLINE
from quotetrace.text.words import normalise

STEP = "attributions.floating-quotes"


def floating_quotes(doc, attributions) -> list[Attribution]:
    """The floating attributions of a document, in text order; `attributions` is not changed."""
    covered = set()
    by_paragraph: dict[int, list] = {}
    starts = [first for first, _ in doc.paragraphs]
    for attribution in attributions:
        for ranges in attribution.roles.values():
            for first, last in ranges:
                covered.update(range(first, last))
        paragraph = bisect.bisect_right(starts, attribution.extent("cue")[0]) - 1
        by_paragraph.setdefault(paragraph, []).append(attribution)
    outer = [q for q in doc.quotes if q.level == 1]
    whole = {(q.first, q.last + 1): q for q in outer}
    # Read for every paragraph: made once a document, not once a paragraph.
    sentence_starts = {s for s, _ in doc.sentences}
    found = []
    previous = None  # the floating attribution of the paragraph before, if it had one
    for index, (first, last) in enumerate(doc.paragraphs):
        quote = whole.get((first, last))
        if previous is not None and quote is not None and quote.continues and not _closed(previous, doc):
            previous.roles["content"].append((first, last))  # a floating quotation over several paragraphs
            continue
        leader = previous if previous is not None else _one_speaker(doc, by_paragraph.get(index - 1, ()))
        previous = None
        if quote is None and not doc.context[first] & HEADLINE:
            found.extend(_quotation_sentences(doc, first, last, by_paragraph.get(index, ()), covered, sentence_starts, outer))
        if leader is None or quote is None or doc.context[first] & HEADLINE or _names_its_own(doc, first, last):
            continue
        if any(token in covered for token in range(first, last)):
            continue
        floating = _following(leader, first, last)
        found.append(floating)
        previous = floating
    return found


def _quotation_sentences(doc, first, last, attributions, covered, sentence_starts, quotes) -> list[Attribution]:
    """The sentences of a paragraph after its first that are only a quotation (a closing
    period may follow it), covered by no attribution, each given to the attribution before
    it when those before it in the paragraph have one speaker. `sentence_starts`: the first
    token of every sentence; `quotes`: the document's outermost quotations."""
    found = []
    for quote in quotes:
        if not first < quote.first < last or quote.first not in sentence_starts:
            continue
        end = quote.last + 1
        if end < last and doc.tokens[end] in (".", "!", "?"):
            end += 1
        if end > last or (end < last and end not in sentence_starts):
            continue
        if any(token in covered for token in range(quote.first, end)) or _names_its_own(doc, quote.first, end):
            continue
        before = [a for a in attributions if a.cue_first < quote.first]
        leader = _one_speaker(doc, before)
        if leader is None:
            continue
        found.append(_following(leader, quote.first, end))
    return found


def _following(leader, first, last) -> Attribution:
    """The floating attribution of tokens first..last: the leader's speaker, match and trace."""
    floating = Attribution(leader.match, {"content": [(first, last)]}, kind="direct",
                           source_actor=leader.source_actor, source_mention=leader.source_mention,
                           steps=[STEP], floating=True, follows=leader.follows or leader)
    if "source" in leader.roles:
        floating.roles["source"] = list(leader.roles["source"])
    return floating


def _names_its_own(doc, first, last) -> bool:
    """A quotation that is a subhead in title case ('Legend in the Coal Fields.') or a
    transcript naming its own speaker ("PENCE: Well, ..."): not the speaker before it."""
    words = [t for t in doc.tokens[first:last] if t[:1].isalpha()]
    if words and len(words) <= 12 and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words):
        return True
    return last - first > 2 and doc.tokens[first + 1].isupper() and len(doc.tokens[first + 1]) > 1 and doc.tokens[first + 2] == ":"


_TITLE_SMALL_WORDS = frozenset("a an the and or of in on at to for by with".split())  # lower case in a title


def _closed(attribution, doc) -> bool:
    """Whether the quotation that ends the attribution's content is closed there."""
    last = attribution.roles["content"][-1][1] - 1
    quote = doc.quote_at(last)
    return quote is None or quote.closed


def _one_speaker(doc, attributions):
    """The last of the paragraph's attributions not nested in another, if they all have one
    speaker; None when there are none, or two speakers, or one without a source."""
    speakers, last = set(), None
    for attribution in attributions:
        if attribution.parent is not None:
            continue
        source = attribution.roles.get("source")
        if not source:
            return None
        if attribution.source_actor is not None:
            speakers.add(("actor", attribution.source_actor.id))
        else:
            speakers.add(("words", tuple(normalise(doc.tokens[t]) for first, end in source for t in range(first, end))))
        last = attribution
    return last if len(speakers) == 1 else None
