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
from collections import deque
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import regex

from quotetrace import OUTPUT_SCHEMA_VERSION
from quotetrace.actors import build_actors, link_pronouns
from quotetrace.attributions import build_attributions, media_as_medium, resolve_sources
from quotetrace.calibration import Calibration
from quotetrace.output.record import DEFAULT_TRACE, TRACE_FORMS, document_record, error_record
from quotetrace.patterns.cache import load_pack
from quotetrace.profiles import profile_sources
from quotetrace.results import Result
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
    profiles: object = None    # each source's type, anonymity and gender, with evidence (quotetrace.profiles)


class Engine:
    """A compiled rule pack, ready to extract from any number of documents.

    `rules`: a rule pack folder (default: the bundled pack). `trace`: how records write
    traces, `compact` (default), `full` or `none` (docs/output.md). The limits: `time_budget`
    seconds for one document, `rule_timeout` seconds for one rule on one document,
    `max_doc_bytes` for one document's UTF-8 size, `regex_timeout` seconds for one /regex/
    test on one token; a document past a limit gets an error record, never an exception.
    `cache`: load the compiled pack from the per-machine cache (README, "Startup"), or
    compile it here. A pack with errors raises RulePackError, whose message is the first
    located problem.
    """

    def __init__(
        self,
        rules: str | Path | None = None,
        *,
        trace: str = DEFAULT_TRACE,
        time_budget: float | None = 60.0,
        rule_timeout: float | None = 10.0,
        max_doc_bytes: int | None = DEFAULT_MAX_DOC_BYTES,
        regex_timeout: float = 1.0,
        cache: bool = True,  # False: compile the rules here, without the compiled-pack cache
    ):
        if trace not in TRACE_FORMS:
            raise ValueError(f"trace must be one of {', '.join(TRACE_FORMS)}, not {trace!r}")
        self.rules_dir = Path(rules) if rules else default_rules_dir()
        self.pack = load_pack(self.rules_dir, cache)
        self.cache = cache
        self.compiled = self.pack.compiled
        self.trace = trace
        self.time_budget = time_budget
        self.rule_timeout = rule_timeout
        self.max_doc_bytes = max_doc_bytes
        self.regex_timeout = regex_timeout
        self.compiled.encoding.regex_timeout = regex_timeout
        self.media_words = media_vocabulary(self.pack)
        # A source opening with one of these is owned, not spoken by its owner ("Her campaign").
        self.possessive_words = {words[0] for words in lexicon_vocabulary(self.pack, (POSSESSIVE_LEXICON,)) if len(words) == 1}
        # Measured precision per rule, when the pack ships it: every attribution's `confidence`.
        self.calibration = Calibration.of_pack(self.pack)

    @property
    def limits(self) -> dict:
        """The keyword arguments that make another process's Engine behave as this one."""
        return {"trace": self.trace, "time_budget": self.time_budget, "rule_timeout": self.rule_timeout,
                "max_doc_bytes": self.max_doc_bytes, "regex_timeout": self.regex_timeout, "cache": self.cache}

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
        # Evidence rules do not compete, so every candidate of stage `sources` counts.
        profiles = profile_sources(doc, candidates["sources"], actors, attributions, mentions, self.pack)
        return Analysis(doc, stage_matches, actors, attributions, errors, streams, candidates, words_present, profiles)

    def record(self, text: str, doc_id: str = "doc", notes=(), meta: dict | None = None) -> dict:
        """The output record of one document as a plain dict, exactly as `quotetrace extract`
        writes it; never raises for bad input. `extract` wraps it in a typed Result."""
        notes = list(notes)
        if _SURROGATE.search(text):
            # A lone surrogate (valid in JSON, common in scraped posts) cannot be written as
            # UTF-8; one code point for one keeps every offset as it was.
            text = _SURROGATE.sub("\ufffd", text)
            notes.append("the text holds lone surrogate code points (not valid Unicode); each was replaced with U+FFFD")
        if self.max_doc_bytes is not None and len(text) * 4 > self.max_doc_bytes:
            size = len(text.encode("utf-8", "replace"))
            if size > self.max_doc_bytes:
                return error_record(doc_id, f"document is {size} bytes, over the limit of {self.max_doc_bytes} (--max-doc-bytes); raise the limit or split the document", notes, meta)
        # One document makes many short-lived objects and few cycles; the cyclic collector
        # would walk all of them again and again (time growing faster than the document),
        # so it waits until the document is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            analysis = self.analyse(text, doc_id)
            doc = analysis.doc
            doc.notes.extend(notes)
            record = document_record(doc, analysis.actors, analysis.attributions, self.pack, analysis.errors, self.trace, meta, analysis.profiles)
            if self.calibration is not None:
                self.calibration.apply(record)
            return record
        except TimeoutError:
            return error_record(doc_id, f"document took longer than its time budget of {self.time_budget:g}s (--time-budget); it was given up", notes, meta)
        except RecursionError:
            return error_record(doc_id, "document too deeply nested to analyse", notes, meta)
        except MemoryError:
            return error_record(doc_id, "document needed more memory than the machine gave; split it or raise the memory limit", notes, meta)
        finally:
            if collecting:
                gc.enable()

    def extract(self, text: str, *, id: str | None = None, meta: dict | None = None) -> Result:
        """Attributions and actors of one text. Bad text never raises: the result's `status`
        is "error" and its `error` says why."""
        return Result.from_dict(self.record(text, "doc" if id is None else str(id), (), meta), text=text, pack=self.pack)

    def pipe(self, items: Iterable, *, as_tuples: bool = False, n_process: int = 1, batch_size: int = 8) -> Iterator:
        """Results for many texts, streamed in input order, as spaCy's `nlp.pipe` does.

        `items`: texts; with `as_tuples=True`, (text, context) pairs, and (result, context)
        pairs come back. A context that is a mapping may give the document's "id" and "meta";
        otherwise ids are "1", "2", ... in input order. `n_process` > 1 runs worker processes
        (same results as one); each takes `batch_size` documents at a time.
        """
        from quotetrace.inputs import SourceDocument
        from quotetrace.parallel import extract_all

        contexts = deque()

        def sources():
            for number, item in enumerate(items, 1):
                context = None
                if as_tuples:
                    item, context = item
                if isinstance(item, SourceDocument):
                    source = item
                else:
                    doc_id, meta = str(number), None
                    if isinstance(context, Mapping):
                        doc_id = str(context.get("id", doc_id))
                        meta = context.get("meta")
                    if isinstance(item, str):
                        source = SourceDocument(doc_id, item, meta=meta)
                    else:
                        source = SourceDocument(doc_id, None, error=f"a document must be a text (str), not {type(item).__name__}", meta=meta)
                contexts.append((context, source.text))
                yield source

        for record in extract_all(self, sources(), n_process, self.rules_dir, self.limits, batch_size):
            context, text = contexts.popleft()
            result = Result.from_dict(record, text=text, pack=self.pack)
            yield (result, context) if as_tuples else result


_SURROGATE = regex.compile("[\ud800-\udfff]")


__all__ = ["Engine", "OUTPUT_SCHEMA_VERSION", "DEFAULT_MAX_DOC_BYTES"]
