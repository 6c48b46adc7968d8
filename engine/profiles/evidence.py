"""Evidence: which words say what about which mention.

A match of a `sources` rule is evidence about the mention its `subject:` capture covers, or,
without one, about the innermost mention holding its `word:` capture ("Mrs." in "Mrs.
Clinton's advisers" is about Mrs. Clinton, not the advisers). Its value is the attribute
named like the evidence on the lexicon entry the words matched, else the rule's own, so a
rule author changes a type in the lexicon. A linked pronoun with a gender is gender
evidence too, found by the linking rule that tied it to its actor.
"""
from __future__ import annotations

from dataclasses import dataclass

# Mentions that evidence can be about: those of an actor, and writings (kind document),
# which are sources without being actors.
WRITING = "document"


@dataclass(frozen=True, slots=True)
class Evidence:
    about: str            # "type", "anonymity" or "gender"
    value: str            # what it says: "spokesperson", "anonymous", "female" ...
    first: int            # token range of the words that show it
    last: int
    match: object         # the rule match that found the words (a pronoun's own match for a pronoun)
    link: str | None = None  # for a pronoun: the linking rule that tied it to its actor

    @property
    def order(self):
        return (self.first, self.last, self.about, self.value, self.match.rule.id)


def collect_evidence(doc, matches, mentions, entry_index) -> dict:
    """{id(mention): [Evidence, ...]} for the mentions that rule matches are about."""
    covering: dict[int, list] = {}  # token -> the mentions over it
    for mention in mentions:
        if mention.actor is not None or mention.kind == WRITING:
            for token in range(mention.first, mention.last):
                covering.setdefault(token, []).append(mention)
    found: dict[int, list] = {}
    for match in matches:
        about = match.rule.attributes.get("evidence")
        words = match.captures.get("word")
        if not about or not words:
            continue
        first, last = words[0][0], words[-1][1]
        subject = match.captures.get("subject")
        if subject:
            mention = _subject_mention(covering, subject[0][0], subject[-1][1])
        else:
            mention = _innermost(covering.get(first, ()), first, last)
        if mention is None:
            continue
        value = _value(doc, match, about, first, last, entry_index)
        if value is None:
            continue
        listed = found.setdefault(id(mention), [])
        # Two rules that read the same words the same way are one piece of evidence.
        if not any((e.about, e.value, e.first, e.last) == (about, value, first, last) for e in listed):
            listed.append(Evidence(about, value, first, last, match))
    return found


def pronoun_evidence(actor) -> list:
    """A pronoun linked to the actor that carries a gender (he, her ...) says how the text refers to it."""
    return [
        Evidence("gender", mention.gender, mention.first, mention.last, mention.match, mention.linked_by)
        for mention in actor.mentions
        if mention.form == "pronoun" and mention.gender and mention.match is not None
    ]


def _value(doc, match, about, first, last, entry_index):
    """The attribute named `about` of the lexicon entry the words matched, else the rule's
    (None: the words say nothing of it, as a title without a gender)."""
    for _, hit_first, hit_last, entry in match.lexicon_entries(doc.forms, entry_index):
        if entry is not None and first <= hit_first and hit_last <= last:
            value = entry.attribute(about)
            if value is not None:
                return str(value)
    value = match.rule.attributes.get(about)
    return None if value is None else str(value)


def _innermost(mentions, first, last):
    holding = [m for m in mentions if m.first <= first and last <= m.last]
    if not holding:
        return None
    return min(holding, key=lambda m: (m.last - m.first, -m.first))


def _subject_mention(covering, first, last):
    """The mention the subject is: never a named mention whose title only holds the subject
    ("Mr." in "Mr. Ruiz's campaign chairman, Paul Berg" is about Ruiz, not Paul Berg)."""
    touching = [
        m for m in {id(m): m for token in range(first, last) for m in covering.get(token, ())}.values()
        if _names(m, first, last)
    ]
    if not touching:
        return None
    return min(touching, key=lambda m: (m.first != first, abs(m.last - last), m.first))


def _names(mention, first, last):
    """Whether the subject is (in) the mention's name, when it has one."""
    return mention.name is None or (mention.name[0] < last and first < mention.name[1])
