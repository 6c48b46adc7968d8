"""The engine: text in, one record out, through the stages in their fixed order.

    text layer (tokens, sentences, paragraphs, quotations; label `quote`)
    -> stage `names`         (rules label proper names: `name`)
    -> stage `actors`        (rules label mentions of people and organisations: `actor`)
    -> stage `attributions`  (rules find source, cue, content, addressee, medium)
    -> assembly               (quotetrace.assembly: the named steps after the rules, in order)
    -> the output record      (quotetrace.output.record)

Each stage sees the labels of the stages before it as units (<name>, <actor>, <quote>).
"""
from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from quotetrace import OUTPUT_SCHEMA_VERSION, budget
from quotetrace.assembly import assemble
from quotetrace.budget import (DEFAULT_MAX_CANDIDATES, DEFAULT_MAX_PARAGRAPH_TOKENS, DEFAULT_MAX_RULE_CANDIDATES, DEFAULT_MAX_SENTENCE_TOKENS,
                               DEFAULT_MAX_TOKENS, WorkLimits)
from quotetrace.calibration import Calibration
from quotetrace.output.record import DEFAULT_TRACE, TRACE_FORMS, document_record, error_record
from quotetrace.output.surrogates import has_surrogates, replace_surrogates
from quotetrace.patterns.cache import load_pack
from quotetrace.patterns.encoding import StageStreams
from quotetrace.profiles import profile_sources
from quotetrace.results import Result
from quotetrace.patterns.matcher import CandidateCount, resolve, run_stage, run_stage_native
from quotetrace.patterns.native import DEFAULT_MAX_RULE_STEPS, NativeMatcher, choose_engine
from quotetrace.resources import default_rules_dir
from quotetrace.rulepack.contract import pack_words
from quotetrace.rulepack.pack import STAGES
from quotetrace.text import analyse, native_layer

DEFAULT_MAX_DOC_BYTES = 20 * 1024 * 1024


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
    traces, `compact` (default), `full` or `none` (docs/output.md). The limits, past which a
    document gets an error record (never an exception) or, for one rule, loses that rule's
    matches: counted ones, which give the same record on every run and machine
    (quotetrace.budget): `max_tokens` per document, `max_sentence_tokens` and `max_paragraph_tokens`
    before a sentence or paragraph is cut, `max_rule_candidates` per rule and document, `max_candidates` per document, and
    `max_doc_bytes` for one document's UTF-8 size; and wall-clock ones, a last resort whose
    records say that they depend on the machine: `time_budget` seconds per document,
    `rule_timeout` seconds for one rule on one document, `regex_timeout` seconds for one
    /regex/ test on one token. `cache`: load the compiled pack from the per-machine cache
    (README, "Startup"), or compile it here. A pack with errors raises RulePackError, whose
    message is the first located problem.

    `engine`: which matcher runs the rules: "native" (the Rust core, quotetrace._native),
    "python" (the `regex` programs, the reference) or "auto" (native when the core is
    built). Both give the same records; on the native path `max_rule_steps` (matching steps
    of one rule in one document, a count) replaces `rule_timeout`.
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
        max_tokens: int | None = DEFAULT_MAX_TOKENS,
        max_sentence_tokens: int | None = DEFAULT_MAX_SENTENCE_TOKENS,
        max_paragraph_tokens: int | None = DEFAULT_MAX_PARAGRAPH_TOKENS,
        max_rule_candidates: int | None = DEFAULT_MAX_RULE_CANDIDATES,
        max_candidates: int | None = DEFAULT_MAX_CANDIDATES,
        cache: bool = True,  # False: compile the rules here, without the compiled-pack cache
        engine: str = "auto",
        max_rule_steps: int = DEFAULT_MAX_RULE_STEPS,
    ):
        if trace not in TRACE_FORMS:
            raise ValueError(f"trace must be one of {', '.join(TRACE_FORMS)}, not {trace!r}")
        self.engine = choose_engine(engine)
        self.rules_dir = Path(rules) if rules else default_rules_dir()
        self.pack = load_pack(self.rules_dir, cache)
        self.cache = cache
        self.compiled = self.pack.compiled
        self.trace = trace
        self.time_budget = time_budget
        self.rule_timeout = rule_timeout
        self.max_doc_bytes = max_doc_bytes
        self.regex_timeout = regex_timeout
        self.work = WorkLimits(max_tokens, max_sentence_tokens, max_paragraph_tokens, max_rule_candidates, max_candidates)
        self.compiled.encoding.regex_timeout = regex_timeout
        self.max_rule_steps = max_rule_steps
        self.native = NativeMatcher(self.compiled, max_rule_steps) if self.engine == "native" else None
        # The native engine runs the text layer in the core too (the same Document); the
        # Python layer with the `regex` tokenizer stays the reference.
        self.text_layer = native_layer.analyse if self.engine == "native" else analyse
        self.words = pack_words(self.pack)  # the pack's word lists the engine's code reads
        # Measured precision per rule, when the pack ships it: every attribution's `confidence`.
        self.calibration = Calibration.of_pack(self.pack)

    @property
    def limits(self) -> dict:
        """The keyword arguments that make another process's Engine behave as this one."""
        return {"trace": self.trace, "time_budget": self.time_budget, "rule_timeout": self.rule_timeout,
                "max_doc_bytes": self.max_doc_bytes, "regex_timeout": self.regex_timeout,
                "max_tokens": self.work.max_tokens, "max_sentence_tokens": self.work.max_sentence_tokens,
                "max_paragraph_tokens": self.work.max_paragraph_tokens,
                "max_rule_candidates": self.work.max_rule_candidates, "max_candidates": self.work.max_candidates,
                "cache": self.cache, "engine": self.engine, "max_rule_steps": self.max_rule_steps}

    def analyse(self, text: str, doc_id: str = "doc"):
        """Run every stage; return the document, stage matches, actors, mentions, attributions.
        Raises WorkLimitExceeded past a counted limit, OutOfTime past the time budget."""
        with budget.deadline(self.time_budget):
            return self._analyse(text, doc_id)

    def _analyse(self, text: str, doc_id: str):
        work = self.work
        doc = self.text_layer(text, doc_id, work.max_tokens, work.max_sentence_tokens, work.max_paragraph_tokens)
        budget.checkpoint("the text layer")
        encoding = self.compiled.encoding
        native = self.native
        if native is not None:
            document, words_present = native.document(encoding, doc.forms, doc.context)
        else:
            types = encoding.type_strings(doc.forms)
            words_present = encoding.words_present(types)
        errors = []
        for index in encoding.timeouts_in(doc.forms):
            source, rules = self.compiled.regex_rules[index]
            for rule in rules:
                errors.append({"rule": rule, "error": f"regex /{source}/ ran past its time limit on a token of this document and counted as not matching", "clock": True})
        budget.checkpoint("token encoding")
        labels = {"quote": [(q.first, q.last + 1) for q in doc.quotes if q.level == 1]}
        stage_matches, candidates = {}, {}
        counted = CandidateCount(work.max_rule_candidates, work.max_candidates)
        if native is not None:
            # The core keeps its own copy of the features; the string streams are made only
            # if something reads them (explain, a rule the core does not run).
            streams = StageStreams(encoding, doc.forms, doc.context)
        else:
            base = encoding.base_strings(types, doc.context)
            streams = {}
        for stage in STAGES:
            if native is not None and native.runs_stage(stage):
                # The core runs the whole stage and resolves it in one call.
                streams.add(stage, labels)
                found, matches = run_stage_native(self.compiled, stage, native, native.stage_stream(document, encoding, labels), words_present, errors,
                                                  budget.current_deadline(), counted)
            elif native is not None:
                streams.add(stage, labels)
                found = run_stage(self.compiled, stage, lambda stage=stage: streams[stage], words_present, self.rule_timeout, errors, budget.current_deadline(),
                                  counted, native, native.stage_stream(document, encoding, labels))
                matches = resolve(found)
            else:
                stream = streams[stage] = encoding.stream(base, encoding.label_columns(len(types), labels))
                found = run_stage(self.compiled, stage, stream, words_present, self.rule_timeout, errors, budget.current_deadline(), counted)
                matches = resolve(found)
            stage_matches[stage], candidates[stage] = matches, found
            for match in matches:
                for label in match.rule.labels:
                    labels.setdefault(label, []).append((match.first, match.last))
        assembled = assemble(doc, stage_matches, self.pack, self.words)
        if any(error.get("clock") for error in errors):
            doc.notes.append(budget.CLOCK_NOTE)
        # Evidence rules do not compete, so every candidate of stage `sources` counts.
        profiles = profile_sources(doc, candidates["sources"], assembled.actors, assembled.attributions, assembled.mentions, self.pack)
        return Analysis(doc, stage_matches, assembled.actors, assembled.attributions, errors, streams, candidates, words_present, profiles)

    def record(self, text: str, doc_id: str = "doc", notes=(), meta: dict | None = None) -> dict:
        """The output record of one document as a plain dict, exactly as `quotetrace extract`
        writes it; never raises for bad input. `extract` wraps it in a typed Result."""
        notes = list(notes)
        if has_surrogates(text):
            # A lone surrogate (valid in JSON, common in scraped posts) cannot be written as
            # UTF-8; one code point for one keeps every offset as it was.
            text = replace_surrogates(text)
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
            with budget.deadline(self.time_budget):
                analysis = self._analyse(text, doc_id)
                doc = analysis.doc
                doc.notes[:0] = notes
                record = document_record(doc, analysis.actors, analysis.attributions, self.pack, analysis.errors, self.trace, meta, analysis.profiles)
                if self.calibration is not None:
                    self.calibration.apply(record)
                budget.checkpoint("writing the record")
                return record
        except budget.WorkLimitExceeded as exc:
            return error_record(doc_id, f"{exc}; raise the limit or split the document", notes, meta)
        except budget.OutOfTime as exc:
            return error_record(doc_id, f"document took longer than its time budget of {self.time_budget:g}s (--time-budget) in {exc.phase}; it was given up", notes + [budget.CLOCK_NOTE], meta)
        except RecursionError:
            return error_record(doc_id, "document too deeply nested to analyse", notes, meta)
        except MemoryError:
            return error_record(doc_id, "document needed more memory than the machine gave; split it or raise the memory limit", notes, meta)
        except Exception as exc:  # a fault of the engine on this document: its record says so, the run goes on
            return error_record(doc_id, f"the engine failed on this document ({exc.__class__.__name__}: {exc}); please report it with the document", notes, meta)
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

        for record in extract_all(self, sources(), n_process, self.rules_dir, self.limits, batch_size, encoded=True):
            context, text = contexts.popleft()
            if isinstance(record, bytes):  # from a worker: read when first used (quotetrace.parallel says why)
                result = Result.from_json(record, text=text, pack=self.pack)
            else:
                result = Result.from_dict(record, text=text, pack=self.pack)
            yield (result, context) if as_tuples else result


__all__ = ["Engine", "OUTPUT_SCHEMA_VERSION", "DEFAULT_MAX_DOC_BYTES"]
