"""Warnings about a compiled pack: what compiles but cannot be what the author meant.

One pass after compiling (quotetrace.patterns.compiler runs it last), so compiling itself
only reports errors. Each check looks at the rules' trees or programs and appends
warnings to pack.problems with the rule's file, line and column.
"""
from __future__ import annotations

import regex

from quotetrace.errors import Problem
from quotetrace.patterns import nodes
from quotetrace.patterns.lower import _Fail
from quotetrace.rulepack import contract
from quotetrace.rulepack.pack import pattern_problem


def lint_pack(pack, compiled, parsed, compilers, used_definitions, definitions) -> None:
    """Append every warning about the compiled pack to pack.problems."""
    used_lexicons = set()
    for rule in pack.rules:
        tree = parsed.get(rule.id)
        compiler = compilers.get(rule.id)
        if tree is None or compiler is None:
            continue
        for node in tree.walk():
            if isinstance(node, (nodes.LexiconPhrase, nodes.InLexicon)):
                used_lexicons.add(node.lexicon)
        for offset, lexicon, example in _multiword_in_token(compiler, tree):
            pack.problems.append(pattern_problem(rule, offset, (
                f"'@{lexicon}' inside [...] tests one token, so its multi-word entries (like \"{example}\") never match there; "
                f"write @{lexicon} outside the brackets, with (?= [...]) for the other conditions"), "warning"))
        dead = _unmatchable(compiler, tree)
        if dead is not None:
            offset, what = dead
            pack.problems.append(pattern_problem(rule, offset, f"rule '{rule.id}' can never match: {what}", "warning"))
    for definition in pack.definitions.values():
        if definition.name not in used_definitions and definition.name in definitions:
            pack.problems.append(Problem(definition.file, definition.line, 1, "warning", f"definition '{definition.name}' is not used by any rule"))
    _warn_shadowed(pack, {c.rule.id: c.source for rules in compiled.rules_by_stage.values() for c in rules})
    for lexicon in pack.lexicons.values():
        if lexicon.id not in used_lexicons and lexicon.id not in contract.LEXICONS and not lexicon.id.startswith("_"):
            pack.problems.append(Problem(lexicon.file, lexicon.line, 1, "warning", f"lexicon '{lexicon.id}' is not used by any rule pattern"))
    # A pack with none of them is written for something else; one with some has lost the rest.
    missing = contract.missing_lexicons(pack)
    if missing and len(missing) < len(contract.LEXICONS):
        where = pack.files[0] if pack.files else str(pack.root)
        pack.problems.append(Problem(where, 1, 1, "warning", (
            f"the pack has no lexicon {', '.join(missing)}: the engine reads them (docs/rules.md, 'Lexicons the engine reads') "
            "and takes each missing one as empty")))


def _unmatchable(compiler, node, offset=None):
    """(offset, why) of a required element that no token can satisfy, else None.

    `offset` is where to point in the rule's own pattern: inside a definition, at the
    reference to it.
    """
    if isinstance(node, nodes.Token):
        try:
            possible = compiler.dnf(node.test)
        except _Fail:
            return None
        if not possible:
            return (node.offset if offset is None else offset), "its token test accepts no token (the parts of an & exclude each other)"
        return None
    if isinstance(node, nodes.Sequence):
        for item in node.items:
            found = _unmatchable(compiler, item, offset)
            if found:
                return found
        return None
    if isinstance(node, nodes.Alternation):
        found = [_unmatchable(compiler, option, offset) for option in node.options]
        return found[0] if all(found) else None
    if isinstance(node, nodes.Repeat):
        return _unmatchable(compiler, node.item, offset) if node.low > 0 else None
    if isinstance(node, nodes.Capture):
        return _unmatchable(compiler, node.item, offset)
    if isinstance(node, nodes.Defined):
        return _unmatchable(compiler, node.item, node.offset if offset is None else offset)
    if isinstance(node, nodes.Look) and not node.negative:
        return _unmatchable(compiler, node.item, offset)
    return None


def _multiword_in_token(compiler, node, offset=None, negated=False):
    """(offset, lexicon, example) for each lexicon tested inside [...] that has multi-word entries.

    A bracketed test describes one token, so "referring to" in @reporting_verbs can never
    satisfy [@reporting_verbs & %lower]; authors expect it to. Negated uses are left
    alone (excluding the first word is usually what was meant). Each lexicon is named once.
    """
    found = {}

    def visit_test(test, at, negate):
        if isinstance(test, nodes.Not):
            visit_test(test.test, at, not negate)
        elif isinstance(test, (nodes.And, nodes.Or)):
            for part in test.tests:
                visit_test(part, at, negate)
        elif isinstance(test, nodes.InLexicon) and not negate and test.lexicon not in found:
            try:
                entries = compiler.entries(test.lexicon, test.filters, at)
            except _Fail:
                return
            longer = [" ".join(words) for _, words in entries if len(words) > 1]
            if longer:
                found[test.lexicon] = (at, test.lexicon, longer[0])

    def visit(node, at):
        if isinstance(node, nodes.Token):
            visit_test(node.test, node.offset if at is None else at, False)
        elif isinstance(node, nodes.Defined):
            visit(node.item, node.offset if at is None else at)
        else:
            for child in node.children():
                visit(child, at)

    visit(node, offset)
    return list(found.values())


def _warn_shadowed(pack, programs):
    """A rule that another one beats on every match it could make never shows in the output.

    Same stage, same compiled program (the pattern after definitions are spliced in, so
    spacing and definition names do not matter), same labels: candidates
    tie on length and start, so priority then rule order decide, always for the same rule.
    """
    winners = {}
    for rule in sorted(pack.rules, key=lambda r: (-r.priority, r.order)):
        program = programs.get(rule.id)
        if program is None:
            continue
        signature = (rule.stage, tuple(rule.labels), rule.key, program)
        winner = winners.setdefault(signature, rule)
        if winner is not rule:
            pack.problems.append(pattern_problem(
                rule, 0, f"rule '{rule.id}' is unreachable: rule '{winner.id}' ({winner.file}:{winner.line}) has the same pattern and stage and wins every tie; delete one or change its pattern", "warning",
            ))


_NESTED_QUANTIFIER = regex.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")


def regex_warning(source: str) -> str | None:
    """Why a /regex/ can backtrack catastrophically on a long token, or None.

    Two shapes are flagged under a repeat: a quantifier inside the repeated group ((a+)+) and
    alternatives that can start with the same character ((a|aa)+), since either gives the
    engine exponentially many ways to split a token that then fails to match. The regex is
    read with Python's own regex parser; one it cannot read (\\p{...}) gets the textual check.
    """
    try:
        parsed = _sre_parser.parse(source)
    except Exception:  # the `regex` module's syntax is wider than `re`'s
        parsed = None
    if parsed is not None:
        return _risk_in(list(parsed), under_repeat=False)
    if _NESTED_QUANTIFIER.search(source):
        return _NESTED
    return None


_NESTED = "regex has a repeated group that itself repeats (like (a+)+): it can backtrack catastrophically; make the inner or outer repeat possessive or rewrite it"
_OVERLAP = "regex repeats alternatives that can start alike (like (a|aa)+): it can backtrack catastrophically; make the alternatives exclusive or the repeat possessive"


def _is_repeat(op, av) -> bool:
    return op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and (av[1] == _c.MAXREPEAT or av[1] > 1)


def _risk_in(items, under_repeat: bool) -> str | None:
    for op, av in items:
        if _is_repeat(op, av):
            if under_repeat:
                return _NESTED
            body = list(av[2])
            if _overlapping_branch(body):
                return _OVERLAP
            found = _risk_in(body, under_repeat=True)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            found = _risk_in(list(av[2]), under_repeat)
        elif op is _c.SUBPATTERN:
            found = _risk_in(list(av[-1]), under_repeat)
        elif op is _c.BRANCH:
            found = next((r for r in (_risk_in(list(alt), under_repeat) for alt in av[1]) if r), None)
        else:
            found = None
        if found:
            return found
    return None


def _overlapping_branch(items) -> bool:
    """Whether the repeated items hold a branch two of whose alternatives can begin alike.

    Python's parser factors a common prefix out of alternatives ((a|aa) becomes a(|a)), so an
    empty alternative counts as overlapping too."""
    for op, av in items:
        if op is _c.SUBPATTERN and _overlapping_branch(list(av[-1])):
            return True
        if op is _c.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
            if any(not alt for alt in alternatives):
                return True
            firsts = [_first_chars(alt) for alt in alternatives]
            for i, a in enumerate(firsts):
                for b in firsts[i + 1:]:
                    if a is None or b is None or a & b:
                        return True
    return False


def _first_chars(items):
    """The literal characters an item list can begin with, or None when not known exactly."""
    if not items:
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        return {av}
    if op is _c.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op is _c.IN and all(kind is _c.LITERAL for kind, _ in av):
        return {value for _, value in av}
    return None


import re._constants as _c  # noqa: E402  (the standard library's names for parsed regex items)
import re._parser as _sre_parser  # noqa: E402
