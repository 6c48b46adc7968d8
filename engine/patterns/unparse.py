"""Write a pattern tree back as pattern text, in one canonical spelling (for `explain` and
messages): parsing the result gives the same tree, up to offsets."""
from __future__ import annotations

import re

from quotetrace.patterns.nodes import (
    Alternation,
    And,
    Anchor,
    AnyToken,
    Capture,
    Defined,
    Flag,
    InLabel,
    InLexicon,
    LexiconPhrase,
    Look,
    Not,
    Or,
    Phrase,
    Reference,
    Regex,
    Repeat,
    Sequence,
    TestReference,
    Token,
    Unit,
    Word,
)

_PLAIN_WORD = re.compile(r"[\w][\w'’.-]*|[,.;—–-]")


def unparse(node) -> str:
    """The pattern text of a node, in the canonical spelling (for `explain` and messages).

    Spacing and quoting may differ from what the author wrote; parsing the result gives
    the same tree (up to offsets).
    """
    if isinstance(node, Word):
        return node.text if _PLAIN_WORD.fullmatch(node.text) else _quote(node.text)
    if isinstance(node, Regex):
        return f"/{node.source}/{node.flags}"
    if isinstance(node, Flag):
        return f"%{node.name}"
    if isinstance(node, AnyToken):
        return "_"
    if isinstance(node, (InLexicon, LexiconPhrase)):
        filters = ";".join(f"%{','.join(values)}" if name == "%" else f"{name}={','.join(values)}" for name, values in node.filters)
        return f"@{node.lexicon}" + (f"[{filters}]" if filters else "")
    if isinstance(node, InLabel):
        return f"<{node.label}>"
    if isinstance(node, TestReference):
        return "{" + node.name + "}"
    if isinstance(node, Not):
        inner = unparse(node.test)
        return "!" + (f"({inner})" if isinstance(node.test, (And, Or)) else inner)
    if isinstance(node, (And, Or)):
        joiner = " & " if isinstance(node, And) else " | "
        return joiner.join(f"({unparse(t)})" if isinstance(t, (And, Or)) else unparse(t) for t in node.tests)
    if isinstance(node, Token):
        test = node.test
        if isinstance(test, (Word, Regex, AnyToken, Flag)):
            return unparse(test)
        if isinstance(test, Not) and not isinstance(test.test, (And, Or, InLabel)):
            return "!" + unparse(test.test)
        return f"[{unparse(test)}]"
    if isinstance(node, Phrase):
        return _quote(" ".join(node.words))
    if isinstance(node, Unit):
        return f"<{node.label}>"
    if isinstance(node, (Reference, Defined)):
        return "{" + node.name + "}"
    if isinstance(node, Anchor):
        return "^" if node.kind == "sentence_start" else "$"
    if isinstance(node, Sequence):
        return " ".join(_grouped(item, Alternation) for item in node.items)
    if isinstance(node, Alternation):
        return " | ".join(unparse(option) for option in node.options)
    if isinstance(node, Repeat):
        return _grouped(node.item, (Sequence, Alternation, Capture)) + node.text
    if isinstance(node, Capture):
        return f"{node.name}:" + _grouped(node.item, (Sequence, Alternation, Capture))
    if isinstance(node, Look):
        opener = "(?" + ("<" if node.behind else "") + ("!" if node.negative else "=")
        return f"{opener} {unparse(node.item)})"
    raise TypeError(node)


def _grouped(node, kinds) -> str:
    text = unparse(node)
    return f"({text})" if isinstance(node, kinds) else text


def _quote(text: str) -> str:
    if "'" in text and '"' not in text:
        return '"' + text + '"'
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
