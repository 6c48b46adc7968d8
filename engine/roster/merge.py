"""Which appearances are one speaker, and why: the merge graph of name forms.

Nodes are name forms (quotetrace.roster.names.Form keys). Three kinds of edges join them:

- roster.document-variant: forms the engine linked to one actor within one document
  ("Crooked Hillary Clinton" and "Hillary Clinton"), so the care taken within a document
  carries across;
- roster.middle-initial: a name without middle initials and the one form with them
  ("Donald Trump", "Donald J. Trump"), but only when the corpus has a single such form;
- roster.kind-majority: a person's and an organisation's node of one full name, when one
  kind has at least three times the other's appearances.

Edges are applied in sorted order, never in the order documents came, so one process and
a Dask cluster decide alike, and a join that would put two people in one speaker is
refused and recorded:

- roster.refuse-initials: two different middle initials under one name (George W. Bush,
  George H. W. Bush): neither is joined to the name without initials, nor to each other;
- roster.refuse-surname: two full names that share a last word but not their other words
  (Heidi Cruz, Ted Cruz) would become one speaker;
- roster.refuse-kind: a person and an organisation with the same full name when neither kind
  has that majority (with it, the minority is the engine's mistake: it took "The Donald" for
  an organisation in a few documents).

Names that agree once folded (same-name, folded, titled-form, particle) are one node from
the start, so they need no edge.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


KIND_MAJORITY = 3  # a person in three times as many appearances as an organisation, or the reverse


def parse_key(key: str) -> tuple[str, str, str]:
    """(kind, base, initials) of a node key "kind:base|initials"."""
    kind, _, rest = key.partition(":")
    base, _, initials = rest.partition("|")
    return kind, base, initials


@dataclass
class MergeGraph:
    """The forms and document edges of a corpus; small next to the corpus (one entry per
    distinct name form), and mergeable, so partitions can build theirs apart."""

    nodes: Counter = field(default_factory=Counter)  # form -> appearances whose canonical name it is
    edges: set = field(default_factory=set)
    refused: set = field(default_factory=set)  # joins an appearance's own document refused

    def add(self, appearance: dict) -> None:
        via = appearance.get("via")
        if via and via.startswith("roster.refuse"):
            self.refused.add((via, f"{appearance['doc']}#{appearance['actor']}", appearance["name"]))
        forms = appearance["forms"]
        for form in forms:
            # A short name joined within its document does not make its full name more used.
            self.nodes[form] += form == appearance["form"] and appearance.get("via") is None
        lead = appearance["form"]
        for other in forms:
            if other != lead:
                self.edges.add((min(lead, other), max(lead, other)))

    def update(self, other: "MergeGraph") -> "MergeGraph":
        self.nodes.update(other.nodes)
        self.edges |= other.edges
        self.refused |= other.refused
        return self

    def decide(self) -> "Merges":
        return Merges.decide(self)


class Merges:
    """The decision: each node's speaker id, and the joins made and refused."""

    def __init__(self, speaker_of: dict, joins: list, refusals: list):
        self.speaker_of = speaker_of    # node key -> speaker id (its speaker's most used form)
        self.joins = joins              # (rule, form a, form b), sorted
        self.refusals = refusals        # (rule, form a, form b), sorted

    @classmethod
    def decide(cls, graph: MergeGraph) -> "Merges":
        nodes = sorted(graph.nodes)
        parent = {node: node for node in nodes}
        members = {node: [node] for node in nodes}

        def root(node):
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        edges = [(a, b, "roster.document-variant") for a, b in graph.edges]
        refusals = []
        by_base: dict[tuple, list] = {}
        for node in nodes:
            kind, base, initials = parse_key(node)
            by_base.setdefault((kind, base), []).append(initials)
        for (kind, base), variants in sorted(by_base.items()):
            with_initials = sorted(v for v in variants if v)
            plain = f"{kind}:{base}"
            if "" in variants and len(with_initials) == 1:
                edges.append((plain, f"{plain}|{with_initials[0]}", "roster.middle-initial"))
            elif "" in variants and len(with_initials) > 1:
                refusals.append(("roster.refuse-initials", plain, " / ".join(f"{plain}|{v}" for v in with_initials)))
        uses = graph.nodes
        for kind, base in sorted(by_base):
            if kind != "organization" or ("person", base) not in by_base:
                continue
            person, organization = f"person:{base}", f"organization:{base}"
            # One full name, two kinds: the kind the corpus gives it by far the most often wins
            # (the engine took "The Donald" for an organisation); a closer call stays apart.
            high, low = sorted((person, organization), key=lambda n: -uses[n])
            if uses[high] >= KIND_MAJORITY * max(uses[low], 1):
                edges.append((min(high, low), max(high, low), "roster.kind-majority"))
            else:
                refusals.append(("roster.refuse-kind", person, organization))
        joins = []
        for a, b, rule in sorted(edges):
            ra, rb = root(a), root(b)
            if ra == rb:
                continue
            why = _conflict(members[ra], members[rb])
            if why:
                refusals.append((why, a, b))
                continue
            keep, gone = (ra, rb) if ra < rb else (rb, ra)
            parent[gone] = keep
            members[keep].extend(members.pop(gone))
            joins.append((rule, a, b))
        # A speaker is named by its form most appearances were written with (ties: the first).
        lead = {top: min(group, key=lambda n: (-uses[n], n)) for top, group in members.items()}
        speaker_of = {node: lead[root(node)] for node in nodes}
        return cls(speaker_of, sorted(joins), sorted(set(refusals) | graph.refused))


def _conflict(left: list, right: list) -> str | None:
    """Why two groups of forms cannot be one speaker, or None."""
    initials = {}
    for key in left:
        kind, base, mark = parse_key(key)
        if mark:
            initials.setdefault((kind, base), set()).add(mark)
    for key in right:
        kind, base, mark = parse_key(key)
        if mark and initials.get((kind, base), {mark}) != {mark}:
            return "roster.refuse-initials"
    lasts = {}
    for key in left:
        kind, base, _ = parse_key(key)
        if kind == "person":
            lasts.setdefault(base.split()[-1], []).append(set(base.split()))
    for key in right:
        kind, base, _ = parse_key(key)
        if kind != "person":
            continue
        words = set(base.split())
        for other in lasts.get(base.split()[-1], ()):
            if not (words <= other or other <= words):
                return "roster.refuse-surname"
    return None
