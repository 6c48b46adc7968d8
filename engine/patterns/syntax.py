"""Parse pattern strings with the Lark grammar in grammars/pattern.lark into a small AST.

The AST is plain frozen dataclasses; the compiler (quotetrace.patterns.compiler) turns it
into one `regex` program per rule. Syntax errors carry the 0-based offset inside the
pattern so the rule pack loader can point at the file's line and column.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import lark

from quotetrace.resources import grammar_path


# --- token tests (one token) -------------------------------------------------
@dataclass(frozen=True)
class Word:
    text: str  # lowercased literal


@dataclass(frozen=True)
class Regex:
    source: str
    flags: str


@dataclass(frozen=True)
class Flag:
    name: str


@dataclass(frozen=True)
class AnyToken:
    pass


@dataclass(frozen=True)
class InLexicon:
    lexicon: str
    filters: tuple  # ((attribute, (values...)), ...)


@dataclass(frozen=True)
class InLabel:
    label: str
    offset: int = 0


@dataclass(frozen=True)
class TestReference:
    name: str      # a definition used as a single-token test inside [...]
    offset: int


@dataclass(frozen=True)
class Not:
    test: object


@dataclass(frozen=True)
class And:
    tests: tuple


@dataclass(frozen=True)
class Or:
    tests: tuple


# --- sequence elements -------------------------------------------------------
@dataclass(frozen=True)
class Token:
    test: object
    offset: int


@dataclass(frozen=True)
class Phrase:
    words: tuple  # literal words of a quoted string, tokenized like the text
    offset: int


@dataclass(frozen=True)
class LexiconPhrase:
    lexicon: str
    filters: tuple
    offset: int


@dataclass(frozen=True)
class Unit:
    label: str
    offset: int


@dataclass(frozen=True)
class Reference:
    name: str  # a pattern defined under `define:` in some file of the pack
    offset: int


@dataclass(frozen=True)
class Defined:
    name: str      # a Reference after splicing in the definition's tree
    item: object
    offset: int


@dataclass(frozen=True)
class Anchor:
    kind: str  # "sentence_start" | "sentence_end"
    offset: int


@dataclass(frozen=True)
class Sequence:
    items: tuple


@dataclass(frozen=True)
class Alternation:
    options: tuple


@dataclass(frozen=True)
class Repeat:
    item: object
    low: int
    high: int | None
    lazy: bool
    text: str
    offset: int


@dataclass(frozen=True)
class Capture:
    name: str
    item: object
    offset: int


@dataclass(frozen=True)
class Look:
    item: object
    negative: bool
    offset: int
    behind: bool = False


class PatternSyntaxError(Exception):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


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
_PLAIN_WORD = __import__("re").compile(r"[\w][\w'’.-]*|[,.;—–-]")


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
        filters = ";".join(f"{name}={','.join(values)}" for name, values in node.filters)
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
