"""From evidence to one value each: the source's type, its anonymity and a person's gender.

The choices, documented in docs/sources.md, are made so that a reader can redo them from
the evidence the record lists:

- type: in each mention, the type word that comes last (the head of the phrase: "Police
  spokesman" is one entry, police); over the mentions, the type most of them give, and on a
  tie the one that comes first. An organisation no word types further is `organization`
  (its kind, which the actor rules gave it). None when nothing says.
- anonymity: `anonymous` when words say the name is withheld on purpose ("asked not to be
  named"); else `unnamed` when the source is named nowhere in the document and a word makes
  it an unnamed source ("sources", "a senior official"); else None. "Unnamed" evidence about
  a named person is dropped (senior official John Doe is named).
- gender, persons only: `female` or `male` when the evidence agrees, `conflicting` when it
  does not, `unknown` when there is none. Gendered words (Mrs., spokeswoman, his wife)
  decide when there are any; linked pronouns only when there are none, since a pronoun is
  evidence only as far as its link is right. Never from a name.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from quotetrace.profiles.evidence import WRITING, collect_evidence, pronoun_evidence

UNNAMED = "unnamed"
ORGANIZATION = "organization"
GENDER_UNKNOWN = "unknown"
GENDER_CONFLICTING = "conflicting"


@dataclass
class Profile:
    type: str | None = None
    anonymity: str | None = None
    gender: str | None = None        # persons only
    evidence: list = field(default_factory=list)  # the Evidence behind the values, in text order


def decide(by_mention: list, kind: str, named: bool) -> Profile:
    """One profile from [(mention, [Evidence])]; `kind` person, organization or document."""
    profile = Profile(gender=GENDER_UNKNOWN if kind == "person" else None)
    kept = []
    heads = []
    for mention, evidence in by_mention:
        types = [e for e in evidence if e.about == "type"]
        if types:
            heads.append(max(types, key=lambda e: (e.last, -e.first)))
        for item in evidence:
            if item.about == "anonymity" and item.value == UNNAMED and named:
                continue
            if item.about == "gender" and kind != "person":
                continue
            kept.append(item)
    kept.sort(key=lambda e: e.order)
    profile.evidence = kept
    if heads:
        votes = Counter(e.value for e in heads)
        first_seen = {}
        for e in sorted(heads, key=lambda e: e.order):
            first_seen.setdefault(e.value, e.first)
        profile.type = min(votes, key=lambda value: (-votes[value], first_seen[value], value))
    if profile.type is None and kind == ORGANIZATION:
        # The actor rules already said it is an organisation (their traces are its mentions');
        # a word that says more (media, police) wins above.
        profile.type = ORGANIZATION
    profile.anonymity = _anonymity([e for e in kept if e.about == "anonymity"])
    if kind == "person":
        profile.gender = _gender([e for e in kept if e.about == "gender"])
    return profile


def _gender(evidence) -> str:
    """What the text says outright (Mrs., spokeswoman) decides when it says anything; linked
    pronouns, which are the linker's reading, decide only when it does not."""
    stated = {e.value for e in evidence if e.link is None}
    genders = stated or {e.value for e in evidence}
    if len(genders) > 1:
        return GENDER_CONFLICTING
    return genders.pop() if genders else GENDER_UNKNOWN


def _anonymity(evidence) -> str | None:
    """Words that withhold a name on purpose outrank a mere absence of one."""
    stated = Counter(e.value for e in evidence if e.value != UNNAMED)
    if stated:
        firsts = {}
        for e in evidence:
            firsts.setdefault(e.value, e.first)
        return min(stated, key=lambda value: (-stated[value], firsts[value], value))
    return UNNAMED if evidence else None


_EMPTY = {"person": Profile(gender=GENDER_UNKNOWN), ORGANIZATION: Profile(type=ORGANIZATION)}


class Profiles:
    """The profiles of one document: of each actor, and of each attribution whose source is
    no actor (a writing: "the report", "a new poll")."""

    def __init__(self, actors: dict, sources: dict):
        self._actors = actors        # id(actor) -> Profile
        self._sources = sources      # id(attribution) -> Profile, for sources that are no actor

    def of_actor(self, actor) -> Profile:
        return self._actors.get(id(actor)) or _EMPTY.get(actor.kind) or Profile()

    def of_source(self, attribution) -> Profile:
        """The profile of what an attribution's source is: its actor's, or its writing's."""
        if attribution.source_actor is not None:
            return self.of_actor(attribution.source_actor)
        return self._sources.get(id(attribution)) or Profile()

    def actor_fields(self, actor, span, trace) -> dict:
        """The actor's record fields; `span(first, last)` writes a span, `trace(match, span)`
        a trace. `evidence` only when there is some."""
        profile = self.of_actor(actor)
        fields = _present({"type": profile.type, "anonymity": profile.anonymity, "gender": profile.gender})
        if profile.evidence:
            fields["evidence"] = evidence_records(profile.evidence, span, trace)
        return fields

    def attribution_fields(self, attribution) -> dict:
        profile = self.of_source(attribution)
        return _present({"source_type": profile.type, "anonymity": profile.anonymity})

    def attribution_evidence(self, attribution, span, trace) -> list:
        """Evidence written on the attribution itself: only for a source that is no actor
        (an actor's evidence is on the actor)."""
        if attribution.source_actor is not None:
            return []
        return evidence_records(self.of_source(attribution).evidence, span, trace)


def _present(fields: dict) -> dict:
    """The fields with a value: records leave out what the text does not say."""
    return {name: value for name, value in fields.items() if value is not None}


def evidence_records(evidence, span, trace) -> list:
    """Evidence as written: a linked pronoun names its linking rule and has no trace of its
    own (its mention, at the same offsets, carries it); rule evidence has its rule's trace."""
    items = []
    for item in evidence:
        record = {"about": item.about, "value": item.value}
        record.update(span(item.first, item.last))
        if item.link:
            record["link"] = item.link
        else:
            record["trace"] = trace(item.match, record)
        items.append(record)
    return items


def profile_sources(doc, matches, actors, attributions, mentions, pack) -> Profiles:
    """Profiles for the document: `matches` are the `sources` stage's (all of them, since
    evidence does not compete), `mentions` every mention the actor builder made."""
    found = collect_evidence(doc, matches, mentions, pack.compiled.entry_index)
    actor_profiles = {}
    for actor in actors:
        by_mention = [(m, found[id(m)]) for m in actor.mentions if id(m) in found]
        pronouns = pronoun_evidence(actor)
        if pronouns:
            by_mention.append((None, pronouns))
        if by_mention:  # most actors have no evidence: of_actor gives them the empty profile
            named = any(m.form == "name" for m in actor.mentions)
            actor_profiles[id(actor)] = decide(by_mention, actor.kind, named)
    writings = [m for m in mentions if m.kind == WRITING]
    source_profiles = {}
    for attribution in attributions:
        extent = attribution.extent("source")
        if attribution.source_actor is not None or extent is None or not writings:
            continue
        first, last = extent
        inside = [m for m in writings if m.first < last and first < m.last]
        if inside:
            writing = min(inside, key=lambda m: (m.first != first, m.first))
            source_profiles[id(attribution)] = decide([(writing, found.get(id(writing), []))], WRITING, False)
    return Profiles(actor_profiles, source_profiles)
