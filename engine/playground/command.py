"""`quotetrace serve`: the rule playground on this machine (quotetrace.playground.server)."""
from __future__ import annotations

import sys
from pathlib import Path


def add_serve_command(commands) -> None:
    serve = commands.add_parser("serve", help="a local rule playground in the browser: edit rules, see extractions and why-not live")
    serve.add_argument("--rules", metavar="DIR", help="the rule pack folder to edit (default: the bundled rules); saving writes only under it")
    serve.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--text", metavar="FILE", help="a text to start with")
    serve.add_argument("--no-cache", dest="cache", action="store_false", help="compile the rules afresh, without the compiled-pack cache")
    serve.set_defaults(run=run_serve)


def run_serve(args) -> int:
    from quotetrace.playground.server import serve
    from quotetrace.resources import default_rules_dir

    root = Path(args.rules) if args.rules else default_rules_dir()
    if not root.is_dir():
        print(f"quotetrace: error: {root}: no such rule pack folder", file=sys.stderr)
        return 2
    text = None
    if args.text:
        try:
            text = Path(args.text).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"quotetrace: error: cannot read {args.text}: {exc}", file=sys.stderr)
            return 2
    return serve(root, args.host, args.port, text=text, cache=args.cache)
