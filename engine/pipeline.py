"""The engine: text in, one record out, through the stages in their fixed order.

    text layer (tokens, sentences, paragraphs, quotations; label `quote`)
    -> stage `names`         (rules label proper names: `name`)
    -> stage `actors`        (rules label mentions of people and organisations: `actor`)
    -> stage `attributions`  (rules find source, cue, content, addressee, medium)
    -> actors and linking    (quotetrace.actors)  -> attributions assembled (quotetrace.attributions)
    -> the output record     (quotetrace.output.record)

Each stage sees the labels of the stages before it as units (<name>, <actor>, <quote>).
"""
from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import NamedTuple

from quotetrace import OUTPUT_SCHEMA_VERSION
from quotetrace.actors import build_actors, link_pronouns
from quotetrace.attributions import build_attributions, media_as_medium, resolve_sources
from quotetrace.output.record import document_record, error_record
from quotetrace.patterns.cache import load_pack
from quotetrace.patterns.matcher import resolve, run_stage
from quotetrace.resources import default_rules_dir
from quotetrace.rulepack.pack import STAGES
from quotetrace.text import analyse

DEFAULT_MAX_DOC_BYTES = 20 * 1024 * 1024


MEDIA_LEXICONS = ("media_words", "known_media")
POSSESSIVE_LEXICON = "possessives"


def lexicon_vocabulary(pack, lexicon_ids) -> set:
    """Word tuples of the entries of some lexicons of the pack, for the engine code that reads
    a word list the rule author keeps (a pack without the lexicon gives an empty set)."""
    from quotetrace.patterns.compiler import literal_words

    words = set()
    for lexicon_id in lexicon_ids:
        lexicon = pack.lexicons.get(lexicon_id)
        for entry in lexicon.entries if lexicon else ():
            for form in entry.forms:
                words.add(tuple(literal_words(form)))
    return words


def media_vocabulary(pack) -> set:
    """Word tuples that make an organisation a news medium (lexicons media_words, known_media)."""
    return lexicon_vocabulary(pack, MEDIA_LEXICONS)


class Analysis(NamedTuple):
    """Everything one document went through; `explain` reads the streams and candidates."""

    doc: object
    stage_matches: dict        # stage -> the matches kept after resolution
    actors: list
    attributions: list
    errors: list
    streams: dict              # stage -> the encoded token stream that stage ran on
    candidates: dict           # stage -> every match before resolution
    words_present: set         # vocabulary ids of the document's words (rules needing others are skipped)


class Engine:
    """A compiled rule pack, ready to extract from any number of documents."""

    def __init__(
        self,
        rules_dir: str | Path | None = None,
        time_budget: float | None = 60.0,
        rule_timeout: float | None = 10.0,
        max_doc_bytes: int | None = DEFAULT_MAX_DOC_BYTES,
        regex_timeout: float = 1.0,
        cache: bool = True,  # False: compile the rules here, without the compiled-pack cache
    ):
        self.rules_dir = Path(rules_dir) if rules_dir else default_rules_dir()
        self.pack = load_pack(self.rules_dir, cache)
        self.compiled = self.pack.compiled
        self.time_budget = time_budget        # seconds for one document, all stages
        self.rule_timeout = rule_timeout      # seconds for one rule on one document
        self.max_doc_bytes = max_doc_bytes
        self.compiled.encoding.regex_timeout = regex_timeout  # seconds for one /regex/ test on one token
        self.media_words = media_vocabulary(self.pack)
        # A source opening with one of these is owned, not spoken by its owner ("Her campaign").
        self.possessive_words = {words[0] for words in lexicon_vocabulary(self.pack, (POSSESSIVE_LEXICON,)) if len(words) == 1}

    def analyse(self, text: str, doc_id: str = "doc"):
        """Run every stage; return the document, stage matches, actors, mentions, attributions."""
        started = time.monotonic()
        deadline = started + self.time_budget if self.time_budget is not None else None
        doc = analyse(text, doc_id)
        encoding = self.compiled.encoding
        types = encoding.type_strings(doc.forms)
        errors = []
        for index in encoding.timeouts_in(doc.forms):
            source, rules = self.compiled.regex_rules[index]
            for rule in rules:
                errors.append({"rule": rule, "error": f"regex /{source}/ ran past its time limit on a token of this document and counted as not matching"})
        words_present = encoding.words_present(types)
        base = encoding.base_strings(types, doc.context)
        labels = {"quote": [(q.first, q.last + 1) for q in doc.quotes if q.level == 1]}
        stage_matches, streams, candidates = {}, {}, {}
        for stage in STAGES:
            stream = encoding.stream(base, encoding.label_columns(len(types), labels))
            found = run_stage(self.compiled, stage, stream, words_present, self.rule_timeout, errors, deadline)
            matches = resolve(found)
            stage_matches[stage], streams[stage], candidates[stage] = matches, stream, found
            for match in matches:
                for label in match.rule.labels:
                    labels.setdefault(label, []).append((match.first, match.last))
        attributions = build_attributions(doc, stage_matches["attributions"], self.compiled.entry_index)
        source_ranges = [a.extent("source") for a in attributions if a.extent("source")]
        actors, mentions = build_actors(doc, stage_matches["actors"], source_ranges, self.pack)
        resolve_sources(doc, attributions, mentions, self.possessive_words)
        # he, his, she, her...: `kind: person` pronouns; they, it, who stay unlinked.
        pronouns = [m for m in mentions if m.form == "pronoun" and m.kind == "person"]
        link_pronouns(doc, pronouns, actors, attributions)
        resolve_sources(doc, attributions, mentions, self.possessive_words)
        media_as_medium(attributions, mentions, doc, self.media_words)
        return Analysis(doc, stage_matches, actors, attributions, errors, streams, candidates, words_present)

    def extract(self, text: str, doc_id: str = "doc", notes=()) -> dict:
        """One output record for one document; never raises for bad input."""
        if self.max_doc_bytes is not None and len(text) * 4 > self.max_doc_bytes:
            size = len(text.encode("utf-8", "replace"))
            if size > self.max_doc_bytes:
                return error_record(doc_id, f"document is {size} bytes, over the limit of {self.max_doc_bytes} (--max-doc-bytes); raise the limit or split the document", notes)
        # One document makes many short-lived objects and few cycles; the cyclic collector
        # would walk all of them again and again (time growing faster than the document),
        # so it waits until the document is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            doc, _, actors, attributions, errors, *_ = self.analyse(text, doc_id)
            doc.notes.extend(notes)
            return document_record(doc, actors, attributions, self.pack, errors)
        except TimeoutError:
            return error_record(doc_id, f"document took longer than its time budget of {self.time_budget:g}s (--time-budget); it was given up", notes)
        except RecursionError:
            return error_record(doc_id, "document too deeply nested to analyse", notes)
        finally:
            if collecting:
                gc.enable()


__all__ = ["Engine", "OUTPUT_SCHEMA_VERSION", "DEFAULT_MAX_DOC_BYTES"]
