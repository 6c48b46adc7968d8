"""The `quotetrace` command line: extract, check, explain, test, eval, view and serve, each a thin layer over the engine package."""
from __future__ import annotations

import argparse
import bisect
import logging
import sys
from collections import Counter
from pathlib import Path

from quotetrace import OUTPUT_SCHEMA_VERSION, __version__
from quotetrace.errors import RulePackError
from quotetrace.rulepack.pack import STAGES


def _add_rules_option(parser):
    parser.add_argument("--rules", metavar="DIR", help="rule pack folder (default: the bundled rules)")
    _add_cache_option(parser)
    parser.add_argument("--engine", choices=("auto", "native", "python"), default="auto",
                        help="which matcher runs the rules: native (the Rust core), python (the regex programs, the reference) or auto (default: native when the core is built; QUOTETRACE_ENGINE overrides auto). Same results")


def _add_cache_option(parser):
    parser.add_argument("--no-cache", dest="cache", action="store_false", help="compile the rules afresh, neither reading nor writing the compiled-pack cache (also QUOTETRACE_NO_CACHE=1)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotetrace", description="Find who said what in news text, with a trace for every answer.")
    from quotetrace.patterns.native import engine_description

    parser.add_argument("--version", action="version", version=f"quotetrace {__version__} (output schema {OUTPUT_SCHEMA_VERSION}; {engine_description()})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract attributions and actors from text files (stdin when none)")
    extract.add_argument("inputs", nargs="*", metavar="FILE", help="text files or folders (- for stdin)")
    _add_rules_option(extract)
    from quotetrace.output.record import DEFAULT_TRACE, TRACE_FORMS
    from quotetrace.output.writers import FORMATS

    formats = "; ".join(f"{name}: {writer.help}" for name, writer in FORMATS.items())
    extract.add_argument("--format", choices=tuple(FORMATS), default="jsonl", help=f"output format (default: jsonl). {formats}")
    extract.add_argument("--out", metavar="PATH", help="output file, or folder for brat; default: stdout. A file name ending in .gz is written gzip-compressed (about 1/7 of the size)")
    extract.add_argument("--trace", choices=TRACE_FORMS, default=DEFAULT_TRACE, help="compact (default): traces point into per-record rules and entries tables; full: every trace inline; none: rule ids only")
    extract.add_argument("--keep-fields", metavar="FIELD,...", default="", help="JSON Lines input: carry these fields of each input record (outlet, date, url ...) into its output record's meta, and into table columns")
    extract.add_argument("--table", choices=("attributions", "actors"), default="attributions", help="csv, tsv, parquet: one row per attribution (default) or per actor per document")
    extract.add_argument("--glob", default="*.txt", help="file pattern when an input is a folder (default: *.txt; *.jsonl.gz for compressed JSON Lines)")
    extract.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto", help="auto: JSON Lines for .jsonl/.ndjson (also .gz), text otherwise and for stdin")
    extract.add_argument("--text-field", default="text", help="field of a JSON line that holds the text (default: text)")
    extract.add_argument("--id-field", default="id", help="field of a JSON line that holds the document id (default: id)")
    extract.add_argument("--resume", action="store_true", help="with --out: skip documents whose records are already complete there and append the rest (an interrupted run picks up where it stopped)")
    extract.add_argument("--quiet", action="store_true", help="no progress bar (it is shown only when stderr is a terminal)")
    extract.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores); output is the same as with --jobs 1")
    extract.add_argument("--max-doc-bytes", type=int, default=20 * 1024 * 1024, metavar="N", help="a larger document gets an error record (default: 20 MB)")
    extract.add_argument("--time-budget", type=float, default=60.0, metavar="SECONDS", help="a document taking longer gets an error record (default: 60); a last resort, whose records depend on the machine: the counted limits below give the same record on every run")
    from quotetrace import budget

    extract.add_argument("--max-tokens", type=int, default=budget.DEFAULT_MAX_TOKENS, metavar="N", help=f"a document with more tokens gets an error record (default: {budget.DEFAULT_MAX_TOKENS:,})")
    extract.add_argument("--max-sentence-tokens", type=int, default=budget.DEFAULT_MAX_SENTENCE_TOKENS, metavar="N", help=f"a longer run of text without a sentence end is cut into sentences of N tokens, with a note (default: {budget.DEFAULT_MAX_SENTENCE_TOKENS})")
    extract.add_argument("--max-paragraph-tokens", type=int, default=budget.DEFAULT_MAX_PARAGRAPH_TOKENS, metavar="N", help=f"a longer paragraph is cut at a sentence start, with a note (default: {budget.DEFAULT_MAX_PARAGRAPH_TOKENS:,})")
    extract.add_argument("--max-rule-candidates", type=int, default=budget.DEFAULT_MAX_RULE_CANDIDATES, metavar="N", help=f"a rule finding more matches in one document loses them there, as its errors say (default: {budget.DEFAULT_MAX_RULE_CANDIDATES:,})")
    extract.add_argument("--max-candidates", type=int, default=budget.DEFAULT_MAX_CANDIDATES, metavar="N", help=f"a document giving more matches of all rules gets an error record (default: {budget.DEFAULT_MAX_CANDIDATES:,})")
    from quotetrace.patterns.native import DEFAULT_MAX_RULE_STEPS

    extract.add_argument("--max-rule-steps", type=int, default=DEFAULT_MAX_RULE_STEPS, metavar="N", help=f"native matcher: a rule taking more matching steps in one document loses its matches there, as its errors say (default: {DEFAULT_MAX_RULE_STEPS:,}); it replaces the per-rule time limit of the regex matcher")

    check = commands.add_parser("check", help="validate a rule pack without running it")
    check.add_argument("rules_dir", nargs="?", metavar="RULES_DIR", help="rule pack folder (default: the bundled rules)")
    _add_cache_option(check)
    explain = commands.add_parser("explain", help="show how each extraction was derived, or why a rule did not match at a place (--at)")
    explain.add_argument("input", metavar="FILE", help="a text file (- for stdin)")
    _add_rules_option(explain)
    explain.add_argument("--at", metavar="OFFSET|TEXT", help="a character offset, or text to find (its first occurrence): show how far each rule got there and which step failed")
    explain.add_argument("--stage", choices=STAGES, default="attributions", help="with --at: the stage whose rules to try (default: attributions)")
    explain.add_argument("--steps", action="store_true", help="with --at: list the steps after the failing one too")
    test = commands.add_parser("test", help="run the rules' examples, and compare extractions with golden NAME.expected.json files beside NAME.txt")
    test.add_argument("folder", nargs="?", metavar="DIR", help="folder of NAME.txt and NAME.expected.json (default: tests/golden, when there is one)")
    _add_rules_option(test)
    test.add_argument("--update", action="store_true", help="rewrite the expected files that differ (and write missing ones), and say which; examples are never rewritten")
    test.add_argument("--no-examples", dest="examples", action="store_false", help="leave out the examples written on the rules")
    docs = commands.add_parser("docs", help="write docs/constructions.md, the construction catalogue, from the rules' descriptions and examples")
    docs.add_argument("--rules", metavar="DIR", help="rule pack folder (default: the bundled rules)")
    docs.add_argument("--out", metavar="FILE", help="where to write it (default: stdout)")
    evaluate = commands.add_parser("eval", help="score extractions against brat gold (PolNeAR layout or NAME.txt + NAME.ann)")
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    _add_rules_option(evaluate)
    evaluate.add_argument("--pred", metavar="DIR", help="score these NAME.ann predictions instead of running the engine")
    evaluate.add_argument("--annotator", default="first", help="'first' (default: first annotator in name order), 'all' (average), or an annotator's name")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--errors", action="store_true", help="list missed and extra attributions grouped by cue word")
    evaluate.add_argument("--per-rule", action="store_true", help="print each rule's extractions and precision")
    evaluate.add_argument("--calibrate", metavar="OUT.yaml", help="write each rule's measured precision (and each assembly step's factor) to this calibration file; a pack that ships it gives every attribution a confidence")
    evaluate.add_argument("--gold-name", metavar="NAME", help="with --calibrate: the gold set's name in the file (default: its folder and parent, e.g. polnear/train)")
    _add_sources_parser(commands)
    evaluate.add_argument("--boundaries", action="store_true", help="list the shapes of wrong content and source boundaries in found attributions, with the F1 each would gain if fixed")
    evaluate.add_argument("--actor-sample", type=int, metavar="N", help="instead of the figures: a TSV of N actors drawn at random from every text of the folder, with their first mention in context and an empty judgement column (docs/evaluation.md)")
    evaluate.add_argument("--seed", type=int, default=7, help="with --actor-sample: the random seed (default: 7)")
    from quotetrace.playground.command import add_serve_command
    from quotetrace.view.command import add_view_command

    add_view_command(commands)    # each sets args.run
    add_serve_command(commands)
    return parser


def _add_sources_parser(commands):
    from quotetrace.roster.write import DEFAULT_LINK, FORMATS, TABLES

    sources = commands.add_parser("sources", help="one roster of the speakers of a corpus, from the records quotetrace extract wrote (docs/sources.md)")
    sources.add_argument("records", nargs="+", metavar="RECORDS.jsonl", help="output records (JSON Lines, .gz too; - for stdin)")
    sources.add_argument("--by", metavar="FIELD", help="count each speaker per value of this kept field (extract --keep-fields), e.g. outlet")
    sources.add_argument("--format", choices=FORMATS, default="csv", help="csv (default), jsonl, or html (one page to read, with a link to each attribution)")
    sources.add_argument("--table", choices=TABLES, default="speakers", help="speakers (default); summary (per value: source types, anonymity, gender shares); merges (every join of name forms and every refusal, with its rule)")
    sources.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
    sources.add_argument("--top", type=int, metavar="N", help="only the N most quoted speakers")
    sources.add_argument("--link", default=DEFAULT_LINK, metavar="TEMPLATE", help=f"html: where each attribution opens, with {{doc}} and {{attribution}} (default: {DEFAULT_LINK})")
    _add_rules_option(sources)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    notes = logging.StreamHandler(sys.stderr)  # the cache's notes: one line each, never a traceback
    notes.setFormatter(logging.Formatter("quotetrace: note: %(message)s"))
    logging.getLogger("quotetrace").addHandler(notes)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "check":
            return _check(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "test":
            return _test(args)
        if args.command == "sources":
            return _sources(args)
        if args.command == "docs":
            return _docs(args)
        if hasattr(args, "run"):
            return args.run(args)
    except KeyboardInterrupt:
        print("quotetrace: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        from quotetrace.output.destination import stop_writing_stdout

        stop_writing_stdout()  # the reader has gone: no complaint from Python's flush at exit
        return 0
    finally:
        logging.getLogger("quotetrace").removeHandler(notes)
    return 2


def _load_engine(rules, **limits):
    from quotetrace.pipeline import Engine

    from quotetrace.resources import default_rules_dir

    try:
        return Engine(rules, **limits)
    except RuntimeError as exc:  # --engine native without the core
        print(f"quotetrace: {exc}", file=sys.stderr)
        return None
    except RulePackError as exc:
        for problem in exc.problems:
            if problem.severity == "error":
                print(problem.under(rules or default_rules_dir()), file=sys.stderr)
        print("quotetrace: the rule pack has errors; fix them (quotetrace check shows all problems) and run again", file=sys.stderr)
        return None


def _extract(args) -> int:
    from quotetrace.inputs import InputOptions, ReadReport, look_at_inputs, read_documents
    from quotetrace.output.destination import EXIT_INTERRUPTED, EXIT_OUTPUT, GuardedWriter, OutputFailed, check_destination, describe_failure, stop_writing_stdout
    from quotetrace.output.resume import skip_completed
    from quotetrace.output.summary import RunSummary
    from quotetrace.output.writers import FORMATS, WriterOptions
    from quotetrace.parallel import default_jobs
    from quotetrace.tables import check_keep_fields

    writer_class = FORMATS[args.format]
    keep_fields = [name.strip() for name in args.keep_fields.split(",") if name.strip()]
    problem = check_keep_fields(keep_fields)
    if problem:
        return _usage_error(f"--keep-fields: {problem}")
    if writer_class.target != "file" and not args.out:
        wanted = "the folder with --out DIR" if writer_class.target == "folder" else "the file with --out FILE"
        return _usage_error(f"--format {args.format} cannot write to the terminal; give {wanted}")
    if args.resume and (not args.out or not writer_class.resumable):
        resumable = " or ".join(name for name, writer in FORMATS.items() if writer.resumable)
        return _usage_error(f"--resume needs the earlier run's output in a resumable format ({resumable}) with --out")
    options = InputOptions(args.glob, args.input_format, args.text_field, args.id_field, keep_fields, args.max_doc_bytes)
    plan, stdin, problem, notes = look_at_inputs(args.inputs, options)  # before anything is written
    problem = problem or check_destination(args.out, writer_class.target, plan)
    if problem:
        return _usage_error(problem)
    for note in notes:
        print(f"quotetrace: note: {note}", file=sys.stderr)
    limits = {"trace": args.trace, "time_budget": args.time_budget, "max_doc_bytes": args.max_doc_bytes, "cache": args.cache,
              "max_tokens": args.max_tokens, "max_sentence_tokens": args.max_sentence_tokens, "max_paragraph_tokens": args.max_paragraph_tokens,
              "max_rule_candidates": args.max_rule_candidates, "max_candidates": args.max_candidates,
              "engine": args.engine, "max_rule_steps": args.max_rule_steps}
    engine = _load_engine(args.rules, **limits)
    if engine is None:
        return 2
    writer = writer_class(Path(args.out) if args.out else None, WriterOptions(keep_fields, args.table), args.resume)
    try:
        done = writer.completed() if args.resume else Counter()
        writer.open()
    except OSError as exc:
        print(f"quotetrace: error: {describe_failure(args.out, exc)}", file=sys.stderr)
        return EXIT_OUTPUT
    writer = GuardedWriter(writer)
    jobs = args.jobs if args.jobs > 0 else default_jobs()
    report = ReadReport()
    summary = RunSummary(resumed=sum(done.values()), resumed_failed=getattr(done, "failed", 0))
    sources = read_documents(args.inputs, options, plan, stdin, report)
    if summary.resumed:
        sources = skip_completed(sources, done)
    results = engine.pipe(sources, n_process=jobs)
    progress = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(results, unit="doc", file=sys.stderr, dynamic_ncols=True)
        results = progress
    megabytes = 0.0
    try:
        try:
            for result in results:
                record = result.to_dict()
                if progress is not None:
                    megabytes += record.get("length", 0) / 1e6
                    progress.set_postfix_str(f"{megabytes:.1f} MB", refresh=False)
                line = summary.add(record)
                if line:
                    print(line, file=sys.stderr)
                writer.write_result(result)
        finally:
            if progress is not None:
                progress.close()
            writer.close()
    except OutputFailed as failure:
        if not args.out:
            stop_writing_stdout()
        print(f"quotetrace: error: {describe_failure(args.out, failure.__cause__)}", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        print(summary.interrupted(args.out, writer_class.resumable), file=sys.stderr)
        return EXIT_INTERRUPTED
    summary.empty_inputs = report.empty
    for line in summary.closing_lines(args.out):
        print(line, file=sys.stderr)
    return summary.status()


def _usage_error(message: str) -> int:
    print(f"quotetrace: error: {message}", file=sys.stderr)
    return 2


def _place(text: str, at: str):
    """(offset, note) for --at: an offset, or the first occurrence of a text."""
    if at.isdigit():
        offset = int(at)
        if offset >= len(text):
            return None, f"offset {offset} is past the end of the text ({len(text)} characters)"
        return offset, ""
    found = text.find(at)
    if found < 0:
        return None, f"the text {at!r} does not occur in the document; give an exact piece of it, or an offset"
    count = text.count(at)
    return found, f" (first of {count} occurrences; give --at OFFSET for another)" if count > 1 else ""


def _explain(args) -> int:
    from quotetrace.inputs import InputOptions, read_documents
    from quotetrace.authoring.explain import explain_attempts, explain_record

    source = next(iter(read_documents([args.input], InputOptions(glob="*", input_format="text"))))
    if source.error:
        print(f"quotetrace: error: {source.error}", file=sys.stderr)
        return 2
    engine = _load_engine(args.rules, trace="full", cache=args.cache, engine=args.engine)
    if engine is None:
        return 2
    if args.at is None:
        print(explain_record(engine.record(source.text, source.id, source.notes)), end="")
        return 0
    offset, note = _place(source.text, args.at)
    if offset is None:
        print(f"quotetrace: error: --at: {note}", file=sys.stderr)
        return 2
    from quotetrace.authoring.whynot import WhyNot

    analysis = engine.analyse(source.text, source.id)
    doc = analysis.doc
    token = bisect.bisect_right(doc.ends, offset)  # the token that ends after the offset
    if token >= len(doc.tokens):
        print(f"quotetrace: error: --at: no token at or after offset {offset}", file=sys.stderr)
        return 2
    attempts = WhyNot(engine.pack).attempts(analysis, token, args.stage)
    if note:
        print(f"--at {args.at!r}{note}")
    print(explain_attempts(doc, token, args.stage, attempts, args.steps), end="")
    return 0


def _test(args) -> int:
    from quotetrace.authoring.examples import run_examples
    from quotetrace.authoring.golden import GoldenRun, golden_texts

    folder = Path(args.folder) if args.folder else Path("tests/golden")
    with_golden = args.folder is not None or folder.is_dir()  # with no folder named, only the examples
    if with_golden and not folder.is_dir():
        print(f"quotetrace: error: {folder}: no such folder of golden texts (NAME.txt with NAME.expected.json)", file=sys.stderr)
        return 2
    texts = golden_texts(folder) if with_golden else []
    if with_golden and not texts:
        print(f"quotetrace: error: {folder}: no .txt files", file=sys.stderr)
        return 2
    engine = _load_engine(args.rules, cache=args.cache, engine=args.engine)
    if engine is None:
        return 2
    failed = False
    if with_golden:
        run = GoldenRun(engine, args.update)
        for path in texts:
            for line in run.check(path):
                print(line)
        print(run.summary())
        failed = bool(run.failed)
    if args.examples:
        examples = run_examples(engine)
        for failure in examples.failures:
            print(failure)
        print(examples.summary())
        failed = failed or bool(examples.failures)
    return 1 if failed else 0


def _docs(args) -> int:
    from quotetrace.authoring.catalogue import catalogue
    from quotetrace.resources import default_rules_dir
    from quotetrace.rulepack.pack import read_pack

    root = Path(args.rules) if args.rules else default_rules_dir()
    pack = read_pack(root)  # descriptions and examples only: no need to compile
    errors = [p for p in sorted(set(pack.problems)) if p.severity == "error"]
    for problem in errors:
        print(problem.under(root), file=sys.stderr)
    if errors:
        print("quotetrace: the rule pack has errors; fix them (quotetrace check shows all problems) and run again", file=sys.stderr)
        return 2
    text = catalogue(pack, root.name)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _eval(args) -> int:
    from quotetrace.evaluation.report import as_json, error_report, evaluate, per_rule_report, table

    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        print(f"quotetrace: error: {gold_dir}: no such folder; give a folder with text/ and attributions/, or NAME.txt with NAME.ann", file=sys.stderr)
        return 2
    engine = None
    if args.pred is None:
        engine = _load_engine(args.rules, cache=args.cache, engine=args.engine)
        if engine is None:
            return 2
    elif not Path(args.pred).is_dir():
        print(f"quotetrace: error: {args.pred}: no such folder of predicted .ann files", file=sys.stderr)
        return 2
    if args.actor_sample is not None:
        if engine is None or args.actor_sample < 1:
            return _usage_error("--actor-sample N needs N of 1 or more, and runs the engine: it cannot be used with --pred")
        from quotetrace.evaluation.actor_sample import sample_tsv

        sys.stdout.write(sample_tsv(gold_dir, engine, args.actor_sample, args.seed))
        return 0
    errors = [] if args.errors else None
    boundaries = None
    if args.boundaries:
        from quotetrace.evaluation.boundaries import BoundaryReport

        boundaries = BoundaryReport()
    tally = None
    if args.calibrate:
        if args.pred is not None:
            return _usage_error("--calibrate measures the engine's own rules; it cannot be used with --pred")
        from quotetrace.calibration.measure import Tally

        tally = Tally()
    counts, summary, per_rule = evaluate(gold_dir, engine, args.pred, args.annotator, errors, boundaries, tally)
    if not summary["documents"]:
        print(f"quotetrace: error: no document in {gold_dir} has gold attributions", file=sys.stderr)
        return 2
    if tally is not None:
        from quotetrace.calibration.measure import gold_description, write_calibration

        gold = gold_description(gold_dir, summary["documents"], counts.values["gold"], args.annotator, args.gold_name)
        try:
            write_calibration(args.calibrate, tally.calibration(gold))
        except OSError as exc:
            return _usage_error(f"cannot write {args.calibrate}: {exc.strerror or exc}")
        print(f"quotetrace: calibration of {len(tally.seen)} attributions on {gold['name']} written to {args.calibrate}", file=sys.stderr)
    print(as_json(counts, summary, args.annotator) if args.json else table(counts, summary, args.annotator))
    if args.per_rule:
        print()
        print(per_rule_report(per_rule))
    if errors is not None:
        print()
        print(error_report(errors))
    if boundaries is not None:
        print()
        print(boundaries.text())
    return 0


def _sources(args) -> int:
    from quotetrace.roster import build_roster, name_words, write_roster
    from quotetrace.roster.records import RecordError, read_records

    try:
        words = name_words(args.rules)
    except RulePackError as exc:
        return _usage_error(f"the rule pack has errors: {exc}")
    try:
        roster = build_roster(read_records(args.records), by=args.by, words=words)
    except RecordError as exc:
        return _usage_error(str(exc))
    with roster:
        if args.by and not roster.summary.has_field:
            print(f"quotetrace: note: no record has the field '{args.by}' in its meta; extract with --keep-fields {args.by}", file=sys.stderr)
        try:
            write_roster(roster, args.out, args.table, args.format, args.link, args.top)
        except BrokenPipeError:
            raise  # the reader stopped reading (| head): main() ends quietly
        except OSError as exc:
            return _usage_error(f"cannot write {args.out}: {exc.strerror or exc}")
    return 0


def _check(args) -> int:
    from quotetrace.authoring.check import check

    return check(args.rules_dir, args.cache)


if __name__ == "__main__":
    sys.exit(main())
