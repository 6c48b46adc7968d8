"""Counting one speaker's appearances into its roster row, and the corpus summary.

A SpeakerTally takes appearances in any order and can be merged with another (as Dask's
foldby does): every choice it makes at the end (the name shown, the type, the gender)
depends on the counts alone, ties broken by the words themselves, so any split of the
corpus gives the same row.
"""
from __future__ import annotations

import sys
from collections import Counter

from quotetrace.roster.names import NameWords, merge_rule

KINDS = ("direct", "indirect", "mixed")
GENDERS = ("female", "male", "conflicting", "unknown")
PER_DOCUMENT = "doc:"  # id prefix of a row that no other document can join (a short name, a title)


def speaker_id(appearance: dict, speaker_of: dict) -> str:
    """The row an appearance counts in: its name form's speaker, or its own document's."""
    form = appearance["form"]
    if form is not None and form in speaker_of:
        return speaker_of[form]
    return f"{PER_DOCUMENT}{appearance['doc']}#{appearance['actor']}"


def value_label(value) -> str:
    """A metadata value as a row key: text as it is, anything else as JSON, missing as (none)."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    import orjson

    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


class SpeakerTally:
    def __init__(self, speaker: str):
        self.speaker = speaker
        self.written = Counter()  # (name, kind, rule of its own document or ""): appearances
        self.kinds = Counter()
        self.titles = Counter()
        self.types = Counter()
        self.anonymity = Counter()
        self.genders = Counter()
        self.gender_evidence = Counter()
        self.pairs = []          # (document id, attribution id, kind, by value)

    def add(self, appearance: dict) -> "SpeakerTally":
        self.written[appearance["name"], appearance["kind"], appearance.get("via") or ""] += 1
        self.kinds[appearance["kind"]] += 1
        self.titles.update(appearance["titles"])
        if appearance["type"]:
            self.types[appearance["type"]] += 1
        if appearance["anonymity"]:
            self.anonymity[appearance["anonymity"]] += 1
        if appearance["gender"]:
            self.genders[appearance["gender"]] += 1
        self.gender_evidence.update(appearance["gender_evidence"])
        # Kinds and values repeat across a speaker's pairs: one string each, not one per pair.
        label = sys.intern(value_label(appearance["by"]))
        for attribution_id, kind, pronoun, ambiguous in appearance["attributions"]:
            self.pairs.append((appearance["doc"], attribution_id, sys.intern(kind), label, pronoun, ambiguous))
        return self

    def merge(self, other: "SpeakerTally") -> "SpeakerTally":
        for name in ("written", "kinds", "titles", "types", "anonymity", "genders", "gender_evidence"):
            getattr(self, name).update(getattr(other, name))
        self.pairs.extend(other.pairs)
        return self

    def row(self, words: NameWords, by: str | None = None) -> dict:
        """The roster row (key order fixed); `pairs` in document, then attribution order."""
        # Sorted in place: the most quoted speaker of a large corpus has hundreds of
        # thousands of pairs, and each copy of them would cost memory.
        pairs = self.pairs
        pairs.sort(key=lambda p: (p[0], _number(p[1]), p[1]))
        kind = _most(self.kinds)
        gender = self._gender(kind)
        # A "he said" linked to a speaker the corpus shows to be a woman (or "she said" to a
        # man) is the linker's mistake: the attribution is set aside, with the rule that says why.
        other = {"female": "male", "male": "female"}.get(gender)
        set_aside = [p for p in pairs if other and p[4] == other] if other else []
        if set_aside:
            pairs = [p for p in pairs if p[4] != other]
        names = Counter()
        for (written, _, _), count in self.written.items():
            names[written] += count
        # The name shown: the one most appearances of the speaker's kind were written with,
        # leaving out short names that joined within their document.
        own = Counter()
        for (written, of_kind, via), count in self.written.items():
            if of_kind == kind and (not via or via.startswith("roster.refuse")):
                own[written] += count
        name = _most(own or names, prefer_long=True)
        appearances = sum(names.values())
        merged_by = Counter()
        if not self.speaker.startswith(PER_DOCUMENT):
            for (written, of_kind, via), count in self.written.items():
                if via and not via.startswith("roster.refuse"):
                    merged_by[via] += count
                elif of_kind != kind:
                    merged_by["roster.kind-majority"] += count
                else:
                    merged_by[merge_rule(written, name, kind, words)] += count
            # One appearance joined nothing: one with the name shown, else one joined in its document.
            lead = "roster.same-name" if merged_by["roster.same-name"] else min(merged_by)
            merged_by[lead] -= 1
        row = {
            "id": self.speaker,
            "name": name,
            "kind": kind,
            "titles": _ordered(self.titles),
            "type": _most(self.types) if self.types else None,
            "types": _ordered(self.types),
            "anonymity": _most(self.anonymity) if self.anonymity else None,
            "anonymous_appearances": dict(sorted(self.anonymity.items())),
            "gender": gender,
            "gender_documents": dict(sorted(self.genders.items())),
            "gender_evidence": dict(sorted(self.gender_evidence.items())),
        }
        row.update(_counts(pairs))
        row["appearances"] = appearances
        if by is not None:
            row["by"] = _counts_by_value(pairs)
        row["names"] = _ordered(names)
        row["merged_by"] = {rule: count for rule, count in sorted(merged_by.items()) if count}
        # Each attribution counted, as [document id, attribution id] (and its --by value).
        row["pairs"] = [[p[0], p[1], p[3]] if by is not None else [p[0], p[1]] for p in pairs]
        # Counted, but only as sure as the linker: a surname two people of the document share.
        row["ambiguous"] = [[p[0], p[1]] for p in pairs if p[5]]
        row["set_aside"] = [[p[0], p[1], "roster.refuse-pronoun-gender"] for p in set_aside]
        return row

    def _gender(self, kind: str) -> str | None:
        """The verdict of at least two thirds of the documents that give one (conflicting
        counts as a verdict); otherwise conflicting; unknown when none gives one."""
        if kind != "person":
            return None
        told = Counter({g: n for g, n in self.genders.items() if g != "unknown"})
        if not told:
            return "unknown"
        best = _most(told)
        return best if 3 * told[best] >= 2 * sum(told.values()) else "conflicting"


def _counts(pairs) -> dict:
    kinds = Counter(pair[2] for pair in pairs)
    counts = {"attributions": len(pairs)}
    counts.update({kind: kinds[kind] for kind in KINDS})
    counts["documents"] = len({pair[0] for pair in pairs})
    return counts


def _counts_by_value(pairs) -> dict:
    """_counts for each --by value, in one pass over the pairs."""
    kinds, documents = {}, {}
    for pair in pairs:
        kinds.setdefault(pair[3], Counter())[pair[2]] += 1
        documents.setdefault(pair[3], set()).add(pair[0])
    by = {}
    for label in sorted(kinds):
        counts = {"attributions": sum(kinds[label].values())}
        counts.update({kind: kinds[label][kind] for kind in KINDS})
        counts["documents"] = len(documents[label])
        by[label] = counts
    return by


def _number(attribution_id: str) -> int:
    digits = "".join(c for c in attribution_id if c.isdigit())
    return int(digits) if digits else 0


def _most(counter: Counter, prefer_long: bool = False):
    """The most frequent value; ties go to the longer (names), then the first in text order."""
    return min(counter, key=lambda v: (-counter[v], -len(v) if prefer_long else 0, v))


def _ordered(counter: Counter) -> dict:
    return {value: counter[value] for value in sorted(counter, key=lambda v: (-counter[v], v))}


def rank_key(row: dict) -> list:
    """Most quoted first; then in more documents; then by name and id."""
    return [-row["attributions"], -row["documents"], row["name"], row["id"]]


class Summary:
    """Corpus-wide counts, overall and per metadata value: documents and attributions by source
    type and anonymity, and person speakers and their attributions by gender."""

    def __init__(self):
        self.counts = {}        # value label -> Counter
        self.has_field = False  # whether any document had the --by field in its meta

    def add_document(self, counted: dict) -> "Summary":
        self.has_field = self.has_field or counted["by"] is not None
        self._counter(value_label(counted["by"])).update(counted["counts"])
        self._counter("(all)").update(counted["counts"])
        return self

    def add_row(self, row: dict) -> "Summary":
        if row["kind"] != "person":
            return self
        gender = row["gender"]
        parts = [("(all)", row["attributions"])] + [(label, counts["attributions"]) for label, counts in row.get("by", {}).items()]
        for label, attributions in parts:
            counter = self._counter(label)
            counter[f"speakers:{gender}"] += 1
            counter[f"attributions:{gender}"] += attributions
        return self

    def merge(self, other: "Summary") -> "Summary":
        self.has_field = self.has_field or other.has_field
        for label, counter in other.counts.items():
            self._counter(label).update(counter)
        return self

    def _counter(self, label: str) -> Counter:
        return self.counts.setdefault(label, Counter())

    def table(self) -> list[dict]:
        """One row per value ("(all)" first): counts, and the shares of women and men among
        person speakers whose gender the text gives, with the unknowns beside them."""
        rows = []
        for label in sorted(self.counts, key=lambda l: (l != "(all)", l)):
            counter = self.counts[label]
            row = {"value": label, "documents": counter["documents"], "attributions": counter["attributions"],
                   "with a speaker": counter["with a speaker"], "without a speaker": counter["without a speaker"]}
            for what in ("speakers", "attributions"):
                known = counter[f"{what}:female"] + counter[f"{what}:male"]
                for gender in GENDERS:
                    row[f"{what} {gender}"] = counter[f"{what}:{gender}"]
                row[f"{what} female share"] = round(counter[f"{what}:female"] / known, 4) if known else None
            row["types"] = {key[5:]: counter[key] for key in sorted(counter) if key.startswith("type:")}
            row["anonymity"] = {key[10:]: counter[key] for key in sorted(counter) if key.startswith("anonymity:")}
            if counter["failed documents"]:
                row["failed documents"] = counter["failed documents"]
            rows.append(row)
        return rows
