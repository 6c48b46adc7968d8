"""Compile a rule pack: its passes, in order.

    parse        each definition and rule's pattern text -> tree     (patterns.syntax)
    splice       {name} references -> the definitions' trees          (patterns.definitions)
    vocabulary   the pack's words, numbered by use; labels; /regex/ tests (patterns.vocabulary)
    encoding     the token stream's layout those imply                (patterns.encoding)
    lower        each rule's tree -> one anchored `regex` program     (patterns.lower)
    lint         warnings about what compiles but cannot be meant     (patterns.lint)

Errors go to pack.problems with file, line and column as they are found; a pack whose
problems include an error is not used. `load_pack` reads, compiles and raises
RulePackError; quotetrace.patterns.cache keeps what it produces per machine.
"""
from __future__ import annotations

import regex

from quotetrace.errors import Problem, RulePackError
from quotetrace.patterns import nodes
from quotetrace.patterns.definitions import splice_definitions
from quotetrace.patterns.encoding import FLAG_NAMES, WORD_BASE, WORD_CLASS_FLAGS, WORD_LIMIT, Encoding
from quotetrace.patterns.lint import lint_pack, regex_warning
from quotetrace.patterns.lower import ANY_WORD, RuleCompiler, _Fail
from quotetrace.patterns.program import CompiledPack, CompiledRule
from quotetrace.patterns.references import reference_failures, unknown_definitions
from quotetrace.patterns.syntax import PatternSyntaxError, parse_pattern
from quotetrace.patterns.tokenvm import build_native_program
from quotetrace.patterns.vocabulary import _bit_uses, _number_by_use, _required_words
from quotetrace.rulepack.pack import BUILTIN_LABELS, STAGES, pattern_problem, read_pack
from quotetrace.text.words import literal_words


def compile_pack(pack) -> CompiledPack | None:
    """Parse and compile every rule; problems are appended to pack.problems."""
    parsed = {}
    vocabulary_words = set()
    lexicon_words = {}
    for lexicon in pack.lexicons.values():
        rows = []
        for entry in lexicon.entries:
            for form in entry.forms:
                words = tuple(literal_words(form))
                if words:
                    rows.append((entry, words))
                    vocabulary_words.update(words)
        lexicon_words[lexicon.id] = rows

    definitions = {}
    for definition in pack.definitions.values():
        try:
            definitions[definition.name] = parse_pattern(definition.pattern, literal_words)
        except PatternSyntaxError as exc:
            pack.problems.append(pattern_problem(definition, exc.offset, exc.message))
    used_definitions = set()

    regex_sources = []
    names_only = {}  # rules with an unknown definition: not compiled, their other names checked
    for rule in pack.rules:
        try:
            tree = parse_pattern(rule.pattern, literal_words)
            unknown = unknown_definitions(tree, pack.definitions)
            for offset, message in unknown:
                pack.problems.append(pattern_problem(rule, offset, message))
            if unknown:
                names_only[rule.id] = tree  # its other names are still checked, below
                continue
            tree = splice_definitions(tree, definitions, pack.definitions, used_definitions, ())
        except PatternSyntaxError as exc:
            pack.problems.append(pattern_problem(rule, exc.offset, exc.message))
            continue
        ok = True
        for node in tree.walk():
            if isinstance(node, nodes.Word):
                vocabulary_words.add(node.text)
            elif isinstance(node, nodes.Phrase):
                vocabulary_words.update(node.words)
            elif isinstance(node, nodes.Regex):
                if (node.source, node.flags) not in regex_sources:
                    flags = regex.V0 | (regex.IGNORECASE if "i" in node.flags else 0)
                    try:
                        regex.compile(node.source, flags)
                    except regex.error as exc:
                        offset = rule.pattern.find("/" + node.source)
                        pack.problems.append(pattern_problem(rule, max(offset, 0) + 1 + (exc.pos or 0), f"regex does not compile: {exc.msg}"))
                        ok = False
                        continue
                    regex_sources.append((node.source, node.flags))
                    risk = regex_warning(node.source)
                    if risk:
                        offset = rule.pattern.find("/" + node.source)
                        pack.problems.append(pattern_problem(rule, max(offset, 0), risk, "warning"))
            elif isinstance(node, nodes.Flag) and node.name not in FLAG_NAMES:
                pack.problems.append(pattern_problem(rule, rule.pattern.find("%" + node.name), f"unknown flag %{node.name}; flags are {', '.join('%' + f for f in FLAG_NAMES)}"))
                ok = False
        if ok:
            parsed[rule.id] = tree

    labels = list(BUILTIN_LABELS)
    label_stage = {}
    for rule in pack.rules:
        for label in rule.labels:
            if label not in labels:
                labels.append(label)
            if label not in label_stage or STAGES.index(rule.stage) < STAGES.index(label_stage[label]):
                label_stage[label] = rule.stage
    word_classes = any(isinstance(node, nodes.Flag) and node.name in WORD_CLASS_FLAGS for tree in parsed.values() for node in tree.walk())
    vocabulary = {word: i + 1 for i, word in enumerate(sorted(vocabulary_words))}
    vocabulary = _number_by_use(pack, parsed, vocabulary, lexicon_words, regex_sources, labels, label_stage, word_classes)
    if len(vocabulary) > WORD_LIMIT - WORD_BASE:
        pack.problems.append(Problem(pack.files[0] if pack.files else str(pack.root), 1, 1, "error", "the pack's vocabulary exceeds 65,000 words"))
        return None
    compiled_regexes = [regex.compile(s, regex.V0 | (regex.IGNORECASE if "i" in f else 0)) for s, f in regex_sources]
    encoding = Encoding(vocabulary, compiled_regexes, labels, uses=_bit_uses(parsed, regex_sources), word_classes=word_classes)

    entry_index = {}
    for lexicon_id, rows in lexicon_words.items():
        for entry, words in rows:
            entry_index.setdefault((lexicon_id, words), entry)

    regex_rules = [(source, []) for source, _ in regex_sources]
    regex_position = {key: i for i, key in enumerate(regex_sources)}
    for rule in pack.rules:
        for node in (parsed[rule.id].walk() if rule.id in parsed else ()):
            if isinstance(node, nodes.Regex) and (node.source, node.flags) in regex_position:
                users = regex_rules[regex_position[(node.source, node.flags)]][1]
                if rule.id not in users:
                    users.append(rule.id)
    compiled = CompiledPack(encoding, {stage: [] for stage in STAGES}, entry_index, regex_rules)
    compilers = {}
    for rule in pack.rules:
        if rule.id in names_only:
            probe = RuleCompiler(encoding, lexicon_words, regex_sources, label_stage, rule.stage)
            for exc in reference_failures(probe, names_only[rule.id]):
                pack.problems.append(pattern_problem(rule, exc.offset, exc.message))
        tree = parsed.get(rule.id)
        if tree is None:
            continue
        compiler = RuleCompiler(encoding, lexicon_words, regex_sources, label_stage, rule.stage)
        failures = reference_failures(compiler, tree)
        if not failures:
            try:
                source = compiler.anchored(tree, rule.match_first)
            except _Fail as exc:
                failures = [exc]
        if failures:
            for exc in failures:
                if exc.definition is not None:
                    pack.problems.append(pattern_problem(pack.definitions[exc.definition], exc.offset, f"{exc.message} (in definition '{exc.definition}', used by rule '{rule.id}')"))
                else:
                    pack.problems.append(pattern_problem(rule, exc.offset, exc.message))
            continue
        captures = tuple(sorted({n.name for n in tree.walk() if isinstance(n, nodes.Capture)}))
        if rule.key and rule.key not in captures:
            pack.problems.append(Problem(rule.file, rule.line, 1, "error", f"rule '{rule.id}': key '{rule.key}' is not a capture of its pattern (captures: {', '.join(captures) or 'none'})"))
            continue
        if rule.stage == "attributions" and "cue" not in captures:
            pack.problems.append(pattern_problem(rule, 0, "an attribution rule must capture its cue (cue:...)"))
            continue
        compilers[rule.id] = compiler
        try:
            program = regex.compile(source, regex.V1 | regex.DOTALL)
        except regex.error as exc:  # an internal mistake; say so plainly
            pack.problems.append(pattern_problem(rule, 0, f"pattern could not be compiled ({exc}); please report this"))
            continue
        compiled.rules_by_stage[rule.stage].append(
            CompiledRule(rule, program, source, compiler.uses, _required_words(tree, vocabulary), captures,
                         {position: regex.compile(c) for position, c in compiler.lead.items()} if compiler.lead else None)
        )
    compiled.lexicon_words, compiled.regex_sources = lexicon_words, regex_sources
    built = [(c.rule, parsed[c.rule.id], c) for stage in STAGES for c in compiled.rules_by_stage[stage]]
    compiled.native = build_native_program(built, encoding, lexicon_words, regex_sources, label_stage)
    compiled.label_stage, compiled.definitions = label_stage, definitions
    lint_pack(pack, compiled, parsed, compilers, used_definitions, definitions)
    pack.compiled = compiled
    return compiled


def compile_fragment(pack, pattern: str, stage: str = "attributions", anchored: bool = True):
    """Compile a pattern that is not in the pack (for `explain` and for experiments).

    It may use the pack's lexicons, definitions and labels; literal words it has and
    the pack's vocabulary has not cannot match anything, since no token carries them.
    """
    compiled = pack.compiled
    lexicon_words, regex_sources, label_stage, definitions = compiled.lexicon_words, compiled.regex_sources, compiled.label_stage, compiled.definitions
    tree = parse_pattern(pattern, literal_words)
    tree = splice_definitions(tree, definitions, pack.definitions, set(), ())
    vocabulary = dict(compiled.encoding.vocabulary)
    for node in tree.walk():
        words = [node.text] if isinstance(node, nodes.Word) else node.words if isinstance(node, nodes.Phrase) else []
        for word in words:
            vocabulary.setdefault(word, WORD_LIMIT - WORD_BASE)  # a code point no token has
    encoding = compiled.encoding
    saved = encoding.vocabulary
    encoding.vocabulary = vocabulary
    try:
        compiler = RuleCompiler(encoding, lexicon_words, regex_sources, label_stage, stage)
        source = compiler.anchored(tree) if anchored else f"(?={ANY_WORD})" + compiler.node(tree)
    finally:
        encoding.vocabulary = saved
    return regex.compile(source, regex.V1 | regex.DOTALL), compiler.uses


def load_pack(root):
    """Read, check and compile a rule pack; raise RulePackError if it has any error."""
    pack = read_pack(root)
    if pack.files:  # also with errors in some files: check reports pattern errors with the others
        compile_pack(pack)
    if any(p.severity == "error" for p in pack.problems):
        raise RulePackError(pack.problems)
    return pack
