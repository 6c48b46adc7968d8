"""Assemble attributions from matches: roles, content kind, nesting and the source's actor.

A rule's captures named source, cue, content, addressee and medium become the roles.
Content is trimmed of the clause punctuation around it (a closing quote mark and what it
encloses stay). An attribution whose cue lies inside another's content is nested in it
(`parent`): "Peskov said, TASS reported" nests Peskov's attribution in TASS's. A cue word
whose lexicon entry says `nested: "no"` makes no attribution inside another's content: in
"the senator said the party supports the bill" the support is part of what the senator
said, not a second attribution (news annotation marks it so), while "said Putin told
Bokova" keeps its nested telling.
"""
from __future__ import annotations

import heapq
from itertools import accumulate
from dataclasses import dataclass, field

from quotetrace.budget import checked
from quotetrace.rulepack.contract import ROLES
from quotetrace.text.document import IN_QUOTE
from quotetrace.text.words import normalise
from quotetrace.text.tokens import QUOTE_CHARS

# Punctuation left out at the edges of a role; "--" is the double hyphen typed for a dash.
TRIM = frozenset(",.;:—–-…!?()[]") | {"--"}


@dataclass(slots=True)
class Attribution:
    match: object
    roles: dict                      # role -> list of (first, last) token ranges
    kind: str = "indirect"
    parent: "Attribution | None" = None
    source_actor: object = None
    source_mention: object = None
    id: str = ""
    steps: list = field(default_factory=list)  # ids of the assembly steps that changed it (quotetrace.assembly)
    floating: bool = False           # a quotation paragraph or sentence with no cue, given to the speaker before it (floating.py)
    follows: "Attribution | None" = None  # for a floating one: the attribution whose speaker and trace it takes

    def changed_by(self, step: str) -> None:
        if step not in self.steps:
            self.steps.append(step)

    @property
    def cue_first(self) -> int:
        return self.roles["cue"][0][0]

    @property
    def first(self) -> int:
        """Where it starts in the text, for ordering: its cue, or a floating one's content."""
        return self.roles["content"][0][0] if self.floating else self.cue_first

    def extent(self, role):
        ranges = self.roles.get(role)
        if not ranges:
            return None
        if len(ranges) == 1:  # most roles are one range: no walk over them
            first, last = ranges[0]
            return first, last
        return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _merge(ranges):
    merged = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def _trim(doc, first, last):
    tokens = doc.tokens
    while first < last and tokens[first] in TRIM:
        first += 1
    end = last
    while last > first and tokens[last - 1] in TRIM:
        last -= 1
    if last < end:
        last = _close_brackets(tokens, first, last, end)
    # A quote mark left dangling at either end without its partner goes too.
    if last > first and tokens[last - 1] in QUOTE_CHARS:
        quote = doc.quote_at(last - 1)
        if quote is None or quote.first < first:
            last -= 1
            while last > first and tokens[last - 1] in TRIM:
                last -= 1
    if last > first and tokens[first] in QUOTE_CHARS:
        quote = doc.quote_at(first)
        if quote is None or (quote.closed and quote.last >= last):
            first += 1
    # Punctuation just inside a kept closing quote stays (“..., ” is quoted text).
    return first, last


def _quote_chains(doc):
    """Quotations that run over several paragraphs, as lists of their parts."""
    chains, chain = [], []
    for quote in doc.quotes:
        if quote.level != 1:
            continue
        if quote.continues and chain:
            chain.append(quote)
        else:
            if len(chain) > 1:
                chains.append(chain)
            chain = [quote]
    if len(chain) > 1:
        chains.append(chain)
    return chains


def _with_continued_quotes(chains, ranges):
    """Add the paragraphs of a quotation that runs over several (the news convention:
    a quote left open at a paragraph's end goes on where the next paragraph opens one)."""
    if not chains:
        return ranges
    extra = []
    for chain in chains:
        if any(first <= q.first and q.last < last or q.first <= first < q.last + 1 for q in chain for first, last in ranges):
            extra.extend((q.first, q.last + 1) for q in chain)
    if not extra:
        return ranges
    merged = []
    for first, last in sorted(set(ranges) | set(extra)):
        if merged and first < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        elif merged and first == merged[-1][1]:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    # A fragment inside another (a quote already in a longer content) adds nothing.
    return [r for r in merged if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in merged)]


def _word_counts(doc):
    """Prefix sums over the tokens of words (neither trimmed punctuation nor a quote mark) and
    of words inside a quotation: a content's kind then costs two subtractions per range, not
    a walk over its tokens, which made a text of many overlapping contents quadratic."""
    is_word = [0 if token in _NOT_WORDS else 1 for token in doc.tokens]
    # A word inside some quotation: its token's context says so (Document.quote_at).
    is_quoted = [word if context & IN_QUOTE else 0 for word, context in zip(is_word, doc.context)]
    return list(accumulate(is_word, initial=0)), list(accumulate(is_quoted, initial=0))


_NOT_WORDS = TRIM | QUOTE_CHARS


def _content_kind(counts, ranges):
    words, quoted_words = counts
    total = sum(words[last] - words[first] for first, last in ranges)
    quoted = sum(quoted_words[last] - quoted_words[first] for first, last in ranges)
    if total and quoted == total:
        return "direct"
    return "mixed" if quoted else "indirect"


def _close_brackets(tokens, first, last, end):
    """Where trimming cut a bracket opened inside the span, give back up to its closing
    bracket: "Sen. Ann Reyes (D-N.Y.)" keeps its ")", and the "." before it."""
    if ")" not in tokens[last:end] and "]" not in tokens[last:end]:
        return last  # nothing to give back (and no count over a span that may be long)
    window = tokens[first:last]
    opened = window.count("(") + window.count("[") - window.count(")") - window.count("]")
    for k in range(last, end):
        if opened <= 0:
            break
        if tokens[k] in (")", "]"):
            opened -= 1
            last = k + 1
    return last


def build_attributions(doc, matches, entry_index=None) -> list[Attribution]:
    attributions = []
    chains = _quote_chains(doc)
    counts = None
    for match in checked(matches, "building attributions"):
        roles, steps = {}, []
        for role in ROLES:
            captured = match.captures.get(role)
            if not captured:
                continue
            ranges = merged = _merge(captured)
            if role in ("content", "source", "addressee", "medium"):
                ranges = [r for r in (_trim(doc, *r) for r in merged) if r[1] > r[0]]
            if ranges != merged and "roles.trim" not in steps:
                steps.append("roles.trim")
            if ranges:
                roles[role] = ranges
        if "cue" not in roles:
            continue
        if match.captures.get("content") and "content" not in roles:
            continue  # the content was only punctuation ("the raise the workers want."): no attribution
        if "content" in roles:
            continued = _with_continued_quotes(chains, roles["content"])
            if continued != roles["content"]:
                steps.append("content.continued-quotes")
            roles["content"] = continued
        attribution = Attribution(match, roles, steps=steps)
        if "content" in roles:
            if counts is None:
                counts = _word_counts(doc)
            attribution.kind = _content_kind(counts, roles["content"])
        attributions.append(attribution)
    attributions.sort(key=lambda a: (a.cue_first, a.extent("cue")[1], a.match.rule.order))
    _set_parents(attributions)
    if entry_index:
        unnested = [a for a in attributions if a.parent is not None and _cue_not_nested(doc, a, entry_index)]
        if unnested:
            dropped = set(map(id, unnested))
            attributions = [a for a in attributions if id(a) not in dropped]
            _set_parents(attributions)
    for number, attribution in enumerate(attributions, 1):
        attribution.id = f"att{number}"
        if attribution.parent is not None:
            attribution.changed_by("attributions.nest")
    return attributions


def _cue_not_nested(doc, attribution, entry_index) -> bool:
    """Whether a lexicon entry used inside the cue says `nested: "no"`."""
    first, last = attribution.extent("cue")
    return any(
        entry is not None and entry.attribute("nested") == "no" and first <= hit_first and hit_last <= last
        for _, hit_first, hit_last, entry in attribution.match.lexicon_entries(doc.forms, entry_index)
    )


def _set_parents(attributions):
    """Each attribution's parent: the one with the smallest content holding its cue (the
    first in order of content start, end and attribution among equals).

    Cues are visited in order of position; the contents starting at or before a cue wait in
    a heap by size, and a content that ends before a cue is done with for every later cue. So
    the smallest content holding a cue is found near the top of the heap, and a document of
    tens of thousands of attributions whose contents all overlap (a paragraph of "Name: ..."
    lines) costs n log n, not n squared."""
    contents = sorted(
        (first, last, index)
        for index, attribution in enumerate(attributions)
        for first, last in attribution.roles.get("content", ())
    )
    cues = [attribution.extent("cue") for attribution in attributions]
    owns = [attribution.extent("content") for attribution in attributions]
    heap = []
    waiting = 0
    for index in checked(sorted(range(len(attributions)), key=lambda i: cues[i][0]), "nesting attributions"):
        cue_first, cue_last = cues[index]
        while waiting < len(contents) and contents[waiting][0] <= cue_first:
            first, last, owner = contents[waiting]
            heapq.heappush(heap, (last - first, first, last, owner))
            waiting += 1
        own = owns[index]
        best, passed = None, []
        while heap:
            _, first, last, owner = heap[0]
            if last < cue_first:
                heapq.heappop(heap)  # ends before this cue, so before every later one
                continue
            outer_cue = cues[owner]
            if owner == index or last < cue_last or (own and own[0] <= outer_cue[0] and outer_cue[1] <= own[1]):
                passed.append(heapq.heappop(heap))  # not this cue's parent (each inside the other: neither is)
                continue
            best = attributions[owner]
            break
        for item in passed:
            heapq.heappush(heap, item)
        attributions[index].parent = best


def resolve_sources(doc, attributions, mentions, words):
    """Point each attribution at the actor of the mention that its source covers.

    `words` (rulepack.contract.PackWords): a source opening with one of its `possessives` is
    owned by that pronoun's actor, not spoken by it; one of its `relative_pronouns` after a
    comma speaks for what it follows."""
    by_token, by_end = {}, {}
    for mention in checked(mentions, "finding sources"):
        if mention.actor is not None:
            for token in range(mention.first, mention.last):
                by_token.setdefault(token, []).append(mention)
            by_end.setdefault(mention.last, []).append(mention)
    for attribution in attributions:
        source = attribution.extent("source")
        if source is None:
            continue
        first, last = source
        candidates = list({id(m): m for t in range(first, last) for m in by_token.get(t, ())}.values())
        if not candidates and last - first == 1 and first >= 2:
            # A relative pronoun speaks for what it follows: "The company, which declined to comment".
            if normalise(doc.tokens[first]) in words.relative_pronouns and doc.tokens[first - 1] == ",":
                candidates = [m for m in by_end.get(first - 1, ()) if m.first < first - 1]
        if not candidates:
            continue
        # The head of a source is where it starts: "Officials at the ministry" are officials,
        # "Tomas Berg, a union organizer" is Berg; failing that, the closest fit. A possessive
        # that opens it is the owner, not the speaker: "Her campaign" is the campaign.
        head = first
        if normalise(doc.tokens[first]) in words.possessives and any(m.first == first + 1 for m in candidates):
            head = first + 1
        best = min(candidates, key=lambda m: (m.first != head, abs(m.first - head) + abs(m.last - last), m.first))
        attribution.source_mention = best
        attribution.source_actor = best.actor
        attribution.changed_by("sources.resolve")


def media_as_medium(attributions, mentions, doc, media_words):
    """A news organisation that is told something is the medium, not an addressee:
    "Peskov told TASS" (TASS is the medium), "Patel told the board" (the board is told).

    `media_words` (rulepack.contract.PackWords.media): word tuples from the lexicons
    media_words and known_media; a mention containing one of them is a news organisation.
    """
    organizations = {}
    for mention in mentions:
        if mention.actor is not None and mention.actor.kind == "organization":
            organizations[(mention.first, mention.last)] = mention
    lengths = sorted({len(words) for words in media_words})
    for attribution in attributions:
        addressee = attribution.roles.get("addressee")
        if not addressee or len(addressee) != 1 or "medium" in attribution.roles:
            continue
        first, last = addressee[0]
        if (first, last) in organizations and _names_media(doc, first, last, media_words, lengths):
            attribution.roles["medium"] = attribution.roles.pop("addressee")
            attribution.changed_by("sources.media-as-medium")


def _names_media(doc, first, last, media_words, lengths) -> bool:
    words = [normalise(t) for t in doc.tokens[first:last]]
    for length in lengths:
        for start in range(len(words) - length + 1):
            if tuple(words[start:start + length]) in media_words:
                return True
    return False
