"""Splicing `define:` patterns into the rules that use them, as `{name}` or `[{name}]`.

The first pass after parsing: every later pass sees a rule's whole tree, with each
spliced piece wrapped in a Defined node so messages can still name the definition.
"""
from __future__ import annotations

from quotetrace.patterns import nodes


MAX_DEFINITION_DEPTH = 40


def splice_definitions(node, definitions, declared, used, chain):
    """Replace {name} references by the definition's tree; reject unknown and recursive ones."""
    if isinstance(node, nodes.Reference):
        if node.name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise nodes.PatternSyntaxError(f"unknown definition '{{{node.name}}}' (definitions: {known})", node.offset)
        if node.name in chain:
            raise nodes.PatternSyntaxError(f"definition '{node.name}' refers to itself through {' -> '.join(chain + (node.name,))}", node.offset)
        if len(chain) >= MAX_DEFINITION_DEPTH:
            raise nodes.PatternSyntaxError(f"definitions nest more than {MAX_DEFINITION_DEPTH} deep ({' -> '.join(chain[:3])} -> ...); flatten them", node.offset)
        if node.name not in definitions:  # it has a syntax error of its own, reported there
            raise nodes.PatternSyntaxError(f"definition '{node.name}' has an error (see its own message)", node.offset)
        used.add(node.name)
        return nodes.Defined(node.name, splice_definitions(definitions[node.name], definitions, declared, used, chain + (node.name,)), node.offset)
    if isinstance(node, nodes.TestReference):
        spliced = splice_definitions(nodes.Reference(node.name, node.offset), definitions, declared, used, chain)
        test = _as_test(spliced.item)
        if test is None:
            raise nodes.PatternSyntaxError(f"definition '{node.name}' matches more than one token, so it cannot stand inside [...]", node.offset)
        return test
    return node.map_children(lambda child: splice_definitions(child, definitions, declared, used, chain))


def _as_test(node):
    """The single-token test a definition amounts to, or None if it spans several tokens."""
    if isinstance(node, nodes.Token):
        return node.test
    if isinstance(node, nodes.Defined):
        return _as_test(node.item)
    if isinstance(node, nodes.Sequence) and len(node.items) == 1:
        return _as_test(node.items[0])
    if isinstance(node, nodes.Alternation):
        tests = [_as_test(option) for option in node.options]
        return None if any(t is None for t in tests) else nodes.Or(tuple(tests))
    return None
