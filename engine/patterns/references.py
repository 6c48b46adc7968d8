"""Every name a pattern refers to, checked at once: definitions, lexicons (with their
filters) and labels.

Lowering stops at the first thing it cannot lower, so without this pass an author would fix
one unknown name per run of `check`. Problems inside a spliced definition are reported at
the definition, once per definition and message.
"""
from __future__ import annotations

from quotetrace.patterns import nodes
from quotetrace.patterns.lower import _Fail


def unknown_definitions(tree, declared) -> list[tuple[int, str]]:
    """(offset, message) for each {name} of an unspliced tree that no file defines."""
    found = []
    for node in tree.walk():
        if isinstance(node, (nodes.Reference, nodes.TestReference)) and node.name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            found.append((node.offset, f"unknown definition '{{{node.name}}}' (definitions: {known})"))
    return found


def reference_failures(compiler, tree) -> list[_Fail]:
    """Every lexicon, filter and label of a spliced tree that the pack cannot give."""
    failures = []

    def visit(node, definition):
        fail = None
        try:
            if isinstance(node, (nodes.LexiconPhrase, nodes.InLexicon)):
                compiler.entries(node.lexicon, node.filters, getattr(node, "offset", 0))
            elif isinstance(node, (nodes.Unit, nodes.InLabel)):
                compiler.check_label(node.label, node.offset)
        except _Fail as exc:
            fail = exc
        if fail is not None:
            if fail.definition is None:
                fail.definition = definition
            failures.append(fail)
        inner = node.name if isinstance(node, nodes.Defined) else definition
        for child in node.children():
            visit(child, inner)

    visit(tree, None)
    return failures
