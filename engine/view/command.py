"""`quotetrace view RECORDS.jsonl --out report.html`: the report from records already made.

Records alone do not contain the document texts. With `--texts` (the inputs the records
were made from, read as `quotetrace extract` reads them) the report shows each whole text;
without, it shows the passages the records hold (every role and mention) with the gaps
marked, and says so at the top of each document.
"""
from __future__ import annotations

import sys
from pathlib import Path


def add_view_command(commands) -> None:
    view = commands.add_parser("view", help="an HTML report from records already made (--texts: the inputs, to show whole texts)")
    view.add_argument("records", nargs="+", metavar="RECORDS", help="JSON Lines files of records (.jsonl or .jsonl.gz; - for stdin)")
    view.add_argument("--texts", nargs="+", metavar="INPUT", default=[], help="the inputs the records were made from (files or folders, as for extract); matched by document id")
    view.add_argument("--out", metavar="FILE", required=True, help="the report file; a large corpus gets pages beside it (FILE-1.html, ...)")
    view.add_argument("--per-page", type=int, default=None, metavar="N", help="documents per page (default: 50, fewer when a page would pass 6 MB)")
    view.add_argument("--title", help="the report's title")
    view.add_argument("--glob", default="*.txt", help="with --texts: file pattern in folders (default: *.txt)")
    view.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto", help="with --texts: as for extract")
    view.add_argument("--text-field", default="text", help="with --texts: field of a JSON line that holds the text")
    view.add_argument("--id-field", default="id", help="with --texts: field of a JSON line that holds the document id")
    view.add_argument("--rules", metavar="DIR", help="the rule pack the records were made with, for rule descriptions and patterns (default: the bundled rules)")
    view.add_argument("--no-cache", dest="cache", action="store_false", help="compile the rules afresh, without the compiled-pack cache")
    view.set_defaults(run=run_view)


def _warn(message: str) -> None:
    print(f"quotetrace: warning: {message}", file=sys.stderr)


def run_view(args) -> int:
    from quotetrace.inputs import InputOptions
    from quotetrace.results import Result
    from quotetrace.view.records import Texts, fits, read_records
    from quotetrace.view.report import PER_PAGE, Report

    per_page = args.per_page if args.per_page is not None else PER_PAGE
    if per_page < 1:
        print("quotetrace: error: --per-page must be at least 1", file=sys.stderr)
        return 2
    for name in args.records:
        if name != "-" and not Path(name).is_file():
            print(f"quotetrace: error: {name}: no such file of records", file=sys.stderr)
            return 2
    texts = Texts(args.texts, InputOptions(args.glob, args.input_format, args.text_field, args.id_field))
    report = Report(Path(args.out), per_page=per_page, title=args.title)
    pack, pack_noted, missing = None, False, 0
    try:
        for where, record in read_records(args.records):
            if not isinstance(record, dict) or "id" not in record or "status" not in record:
                _warn(f"{where}: not an output record (not JSON, or no id or status); skipped")
                continue
            if pack is None and not pack_noted:  # records with full traces, or none, name no pack: the rules are taken as theirs
                pack, pack_noted = _load_pack(args.rules, args.cache), True
                if pack is not None and record.get("pack") not in (None, pack.digest):
                    _warn(f"the records were made with rule pack {record['pack'][:19]}..., not {pack.digest[:19]}... ({args.rules or 'the bundled rules'}); "
                          "rule descriptions and patterns are left out (give the right pack with --rules DIR)")
            text = texts.get(str(record["id"])) if args.texts else None
            if args.texts and text is None:
                missing += 1
            elif text is not None and not fits(record, text):
                _warn(f"{where}: the text of {record['id']!r} is not the one its record was made from; showing the record's passages only")
                text = None
            report.add(Result.from_dict(record, text=text, pack=pack))
    except (OSError, ValueError) as exc:
        print(f"quotetrace: error: {exc}", file=sys.stderr)
        return 2
    files = report.close()
    if missing:
        _warn(f"{missing} document{'s' if missing != 1 else ''} had no text among --texts (matched by id); their records' passages are shown")
    pages = f" and {len(files) - 1} pages beside it" if len(files) > 1 else ""
    print(f"quotetrace: wrote {files[0]}{pages}", file=sys.stderr)
    return 0


def _load_pack(rules, cache):
    from quotetrace.errors import RulePackError
    from quotetrace.patterns.cache import load_pack
    from quotetrace.resources import default_rules_dir

    try:
        return load_pack(Path(rules) if rules else default_rules_dir(), cache)
    except RulePackError as exc:
        _warn(f"the rule pack cannot be loaded ({exc}); rule descriptions and patterns are left out")
        return None
