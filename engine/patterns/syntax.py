"""Parse pattern strings with the Lark grammar in grammars/pattern.lark into a small AST.

The tree's nodes are in quotetrace.patterns.nodes; the compiler (quotetrace.patterns.compiler)
turns a tree into one `regex` program per rule; quotetrace.patterns.unparse writes one back. Syntax errors carry the 0-based offset inside the
pattern so the rule pack loader can point at the file's line and column.
"""
from __future__ import annotations

import functools

import lark

from quotetrace.patterns.nodes import (
    Alternation,
    And,
    Anchor,
    AnyToken,
    Capture,
    Flag,
    InLabel,
    InLexicon,
    LexiconPhrase,
    Look,
    Not,
    Or,
    PatternSyntaxError,
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
from quotetrace.resources import grammar_path


@functools.lru_cache(maxsize=1)
def _parser() -> lark.Lark:
    grammar = grammar_path("pattern.lark").read_text(encoding="utf-8")
    return lark.Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=False)


def _unquote(text: str) -> str:
    body = text[1:-1]
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _parse_lexicon_ref(text: str, offset: int):
    name, _, rest = text[1:].partition("[")
    filters = []
    if rest:
        body = rest[:-1]
        for part in filter(None, (p.strip() for p in body.split(";"))):
            if part.startswith("%"):  # a word-class filter: @reporting_verbs[%noun]
                classes = tuple(v.strip().lstrip("%") for v in part.split(","))
                if not all(classes):
                    raise PatternSyntaxError(f"word-class filter '{part}' must read %class[,class]", offset + len(name) + 2)
                filters.append(("%", classes))
                continue
            attribute, equals, values = part.partition("=")
            if not equals or not attribute.strip() or not values.strip():
                raise PatternSyntaxError(f"lexicon filter '{part}' must read attribute=value[,value]", offset + len(name) + 2)
            filters.append((attribute.strip(), tuple(v.strip() for v in values.split(","))))
    return name, tuple(filters)


def _quantifier(text: str):
    lazy = text.endswith("?") and len(text) > 1
    core = text[:-1] if lazy else text
    if core == "?":
        return 0, 1, lazy
    if core == "*":
        return 0, None, lazy
    if core == "+":
        return 1, None, lazy
    body = core[1:-1]
    if "," not in body:
        if not body:
            raise ValueError("empty {}")
        return int(body), int(body), lazy
    low, high = body.split(",")
    return int(low or 0), (int(high) if high else None), lazy


class _ToAst(lark.Transformer):
    def __init__(self, tokenize_literal):
        super().__init__()
        self.tokenize_literal = tokenize_literal

    # tests
    def test_word(self, items):
        return Word(str(items[0]).lower())

    def test_regex(self, items):
        text = str(items[0])
        end = text.rindex("/")
        return Regex(text[1:end], text[end + 1 :])

    def test_flag(self, items):
        return Flag(str(items[0])[1:])

    def test_any(self, items):
        return AnyToken()

    def test_string(self, items):
        token = items[0]
        words = self.tokenize_literal(_unquote(str(token)))
        if len(words) != 1:
            raise PatternSyntaxError(f"{token} inside [...] must be a single token", token.start_pos)
        return Word(words[0])

    def test_lexicon(self, items):
        name, filters = _parse_lexicon_ref(str(items[0]), items[0].start_pos)
        return InLexicon(name, filters)

    def test_reference(self, items):
        return TestReference(str(items[0])[1:-1], items[0].start_pos)

    def test_label(self, items):
        return InLabel(str(items[0]), items[0].start_pos - 1)

    def test_negation(self, items):
        return Not(items[0])

    def test_and(self, items):
        return And(tuple(items))

    def test_or(self, items):
        return Or(tuple(items))

    # sequence elements
    @lark.v_args(meta=True)
    def token(self, meta, items):
        return Token(items[0], meta.start_pos)

    @lark.v_args(meta=True)
    def negated_token(self, meta, items):
        return Token(Not(items[0]), meta.start_pos)

    def phrase(self, items):
        token = items[0]
        words = self.tokenize_literal(_unquote(str(token)))
        if not words:
            raise PatternSyntaxError("empty string in pattern", token.start_pos)
        return Phrase(tuple(words), token.start_pos)

    def lexicon_phrase(self, items):
        name, filters = _parse_lexicon_ref(str(items[0]), items[0].start_pos)
        return LexiconPhrase(name, filters, items[0].start_pos)

    def reference(self, items):
        return Reference(str(items[0])[1:-1], items[0].start_pos)

    @lark.v_args(meta=True)
    def unit(self, meta, items):
        return Unit(str(items[0]), meta.start_pos)

    @lark.v_args(meta=True)
    def sentence_start(self, meta, items):
        return Anchor("sentence_start", meta.start_pos)

    @lark.v_args(meta=True)
    def sentence_end(self, meta, items):
        return Anchor("sentence_end", meta.start_pos)

    def group(self, items):
        return items[0]

    @lark.v_args(meta=True)
    def lookahead(self, meta, items):
        return Look(items[0], False, meta.start_pos)

    @lark.v_args(meta=True)
    def negative_lookahead(self, meta, items):
        return Look(items[0], True, meta.start_pos)

    @lark.v_args(meta=True)
    def lookbehind(self, meta, items):
        return Look(items[0], False, meta.start_pos, behind=True)

    @lark.v_args(meta=True)
    def negative_lookbehind(self, meta, items):
        return Look(items[0], True, meta.start_pos, behind=True)

    def sequence(self, items):
        return Sequence(tuple(items))

    def alternation(self, items):
        return Alternation(tuple(items))

    @lark.v_args(meta=True)
    def quantified(self, meta, items):
        item, quantifier = items
        try:
            low, high, lazy = _quantifier(str(quantifier))
        except ValueError:
            raise PatternSyntaxError(f"bad repetition {quantifier}", quantifier.start_pos) from None
        if high is not None and high < low:
            raise PatternSyntaxError(f"in {quantifier} the maximum is below the minimum", quantifier.start_pos)
        if isinstance(item, (Anchor, Look)):
            raise PatternSyntaxError(f"{quantifier} cannot repeat an anchor or a lookahead", quantifier.start_pos)
        return Repeat(item, low, high, lazy, str(quantifier), quantifier.start_pos)

    def capture(self, items):
        name_token, item = items
        name = str(name_token).rstrip(": \t")
        return Capture(name, item, name_token.start_pos)


def parse_pattern(text: str, tokenize_literal):
    """Parse a pattern; raise PatternSyntaxError(message, offset) on any mistake."""
    try:
        tree = _parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as exc:
        raise PatternSyntaxError(f"unexpected character {text[exc.pos_in_stream]!r} in pattern", exc.pos_in_stream) from None
    except lark.exceptions.UnexpectedToken as exc:
        if exc.token.type == "$END":
            # $END carries the place of the last token read, so a comment after it is passed over.
            end = exc.token.end_pos if exc.token.end_pos is not None else len(text.rstrip())
            raise PatternSyntaxError("pattern ends too early (an unclosed bracket or a dangling '|'?)", end) from None
        if text.startswith("(?<", exc.token.start_pos - 1) and not text.startswith(("(?<=", "(?<!"), exc.token.start_pos - 1):
            raise PatternSyntaxError("a capture is written name:( ... ), not (?<name> ... )", exc.token.start_pos - 1) from None
        expected = ", ".join(sorted(_describe(t) for t in exc.expected))[:160]
        raise PatternSyntaxError(f"unexpected {exc.token!s:.40} in pattern; expected {expected}", exc.token.start_pos) from None
    except lark.exceptions.UnexpectedEOF:
        raise PatternSyntaxError("pattern ends too early", len(text)) from None
    except lark.exceptions.LarkError as exc:
        raise PatternSyntaxError(f"cannot parse pattern: {exc}", 0) from None
    try:
        return _ToAst(tokenize_literal).transform(tree)
    except lark.exceptions.VisitError as exc:
        if isinstance(exc.orig_exc, PatternSyntaxError):
            raise exc.orig_exc from None
        raise


_TERMINAL_NAMES = {
    "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "LESSTHAN": "'<'", "MORETHAN": "'>'",
    "VBAR": "'|'", "AMPERSAND": "'&'", "BANG": "'!'", "CIRCUMFLEX": "'^'", "DOLLAR": "'$'", "UNDERSCORE": "'_'",
    "WORD": "a word", "STRING": "a quoted string", "LEXICON": "@lexicon", "REGEX": "/regex/", "FLAG": "%flag",
    "LABEL": "a label", "DEFINITION": "{definition}", "CAPTURE": "name:", "QUANTIFIER": "a quantifier",
}


def _describe(terminal: str) -> str:
    if terminal in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[terminal]
    for definition in _parser().terminals:
        # Lark names the grammar's unnamed strings __ANON_n; show the string itself.
        if definition.name == terminal and definition.pattern.type == "str":
            return repr(definition.pattern.value)
    return terminal.lower()


# --- back to text ---------------------------------------------------------------
