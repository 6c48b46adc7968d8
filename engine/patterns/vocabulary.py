"""The pack's words: numbering them for the encoding, counting the label and /regex/ tests
that decide the encoding's width, and the words a rule needs in a document to match at all.
"""
from __future__ import annotations

from quotetrace.patterns import nodes
from quotetrace.patterns.encoding import Encoding
from quotetrace.patterns.lower import RuleCompiler, _Fail


def _number_by_use(pack, parsed, vocabulary, lexicon_words, regex_sources, labels, label_stage, word_classes=False):
    """Renumber the vocabulary so that each word set a rule tests is a few contiguous ranges.

    `regex` tests a character against a set member by member but against a range in one
    step, so a lexicon of 400 words costs 400 comparisons per token unless its words have
    neighbouring code points. Words are ordered by which sets they belong to, larger sets first.
    """
    probe = Encoding(vocabulary, [None] * len(regex_sources), labels, word_classes=word_classes)
    seen = []
    for rule in pack.rules:
        tree = parsed.get(rule.id)
        if tree is None:
            continue
        compiler = RuleCompiler(probe, lexicon_words, regex_sources, label_stage, rule.stage)
        try:
            compiler.anchored(tree)
        except _Fail:
            continue
        seen.extend(compiler.word_sets)
    by_id = {i: w for w, i in vocabulary.items()}
    sets = sorted({frozenset(ids) for ids in seen if len(ids) > 1}, key=lambda ids: (-len(ids), sorted(ids)))
    membership = {word: [] for word in vocabulary}
    for ids in sets:
        for i in ids:
            if i in by_id:
                membership[by_id[i]].append(ids)
    index_of = {ids: n for n, ids in enumerate(sets)}
    ordered = sorted(vocabulary, key=lambda w: (tuple(sorted(index_of[ids] for ids in membership[w])) or (len(sets),), w))
    return {word: i + 1 for i, word in enumerate(ordered)}


def _bit_uses(parsed, regex_sources) -> dict:
    """How many tests of each label and /regex/ the rules hold, definitions spliced in."""
    index = {key: i for i, key in enumerate(regex_sources)}
    uses: dict = {}
    for tree in parsed.values():
        for node in tree.walk():
            if isinstance(node, (nodes.Unit, nodes.InLabel)):
                key = ("label", node.label)
            elif isinstance(node, nodes.Regex) and (node.source, node.flags) in index:
                key = ("regex", index[node.source, node.flags])
            else:
                continue
            uses[key] = uses.get(key, 0) + 1
    return uses


def _required_words(node, vocabulary):
    """Word ids of which one must occur in a document for the pattern to match, or None."""
    if isinstance(node, nodes.Token):
        test = node.test
        if isinstance(test, nodes.Word):
            return frozenset({vocabulary[test.text]})
        return None
    if isinstance(node, nodes.Phrase):
        return frozenset({vocabulary[node.words[0]]})
    if isinstance(node, (nodes.Capture, nodes.Defined)):
        return _required_words(node.item, vocabulary)
    if isinstance(node, nodes.Repeat):
        return _required_words(node.item, vocabulary) if node.low > 0 else None
    if isinstance(node, nodes.Sequence):
        candidates = [r for r in (_required_words(i, vocabulary) for i in node.items) if r is not None]
        return min(candidates, key=len) if candidates else None
    if isinstance(node, nodes.Alternation):
        sets = [_required_words(o, vocabulary) for o in node.options]
        return None if any(s is None for s in sets) else frozenset().union(*sets)
    return None
