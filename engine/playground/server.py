"""The playground's web server: the standard library's http.server, one page and a small JSON API.

    GET  /                 the page (style and script inline; nothing else is fetched)
    GET  /api/state        the rules folder's files, the starting text
    GET  /api/file?path=   one file of the folder
    POST /api/run          {text, drafts}: check the draft pack, then the text's extractions
    POST /api/whynot       {text, drafts, offset, stage}: why (not) at a place
    POST /api/save         {drafts}: write the drafts back, if they pass check

It listens on 127.0.0.1 unless told otherwise, and as a local server reachable from any
page the browser opens, it answers only requests that name it as their host (no DNS
rebinding) and POSTs that carry the page's own token in a header (no other site can send
one without the browser asking this server first, which it never allows). Compiling a
draft takes seconds for a large pack, so requests are answered one at a time.
"""
from __future__ import annotations

import html
import json
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from quotetrace import __version__
from quotetrace.playground.workspace import SCRATCH, Refused, Workspace
from quotetrace.rulepack.pack import STAGES

MAX_BODY = 8 * 1024 * 1024
STATIC = Path(__file__).resolve().parent / "static"

SAMPLE = """Port Commission Approves Night Dredging

The harbour commission on Monday approved dredging at night, despite complaints from residents of the old town.

"We have listened, and we will keep the noise down," Commissioner Rosa Alvarez told reporters after the vote.

Alvarez said the work would start in June, according to a statement from the commission. Residents' spokesman Tom Reilly said the group would appeal.
"""

SCRATCH_TEMPLATE = """# A scratch rule file laid over the pack: its rules run with the pack's.
# Save writes it into the rules folder as scratch.yaml.
rules: []
#  - id: attr.my-rule
#    stage: attributions
#    description: what the rule finds, and why
#    pattern: 'source:<actor> cue:(@reporting_verbs[class=speech]) content:(that [!%sentend]+)'
"""


class Playground:
    """What the handlers share: the workspace, the page's token and the lock on the engine."""

    def __init__(self, root, text: str | None = None, cache: bool = True):
        self.workspace = Workspace(root, cache)
        self.token = secrets.token_urlsafe(24)
        self.text = text if text is not None else SAMPLE
        self.lock = threading.Lock()
        self.allowed_hosts: set[str] = set()

    def page(self) -> str:
        from quotetrace.view.assets import inline_script, inline_style

        template = (STATIC / "playground.html").read_text(encoding="utf-8")
        script = (STATIC / "playground.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
        style = (STATIC / "playground.css").read_text(encoding="utf-8")
        values = {
            "{{VERSION}}": html.escape(__version__),
            "{{ROOT}}": html.escape(str(self.workspace.root)),
            "{{TOKEN}}": html.escape(self.token),
            "{{STAGES}}": "".join(f'<option value="{s}"{" selected" if s == "attributions" else ""}>{s}</option>' for s in STAGES),
            "{{VIEW_STYLE}}": inline_style(),
            "{{STYLE}}": style,
            "{{VIEW_SCRIPT}}": inline_script(),
            "{{SCRIPT}}": script,
        }
        for key, value in values.items():
            template = template.replace(key, value)
        return template

    def state(self) -> dict:
        files = self.workspace.files()
        return {"root": str(self.workspace.root), "files": files, "text": self.text,
                "scratch": {"path": SCRATCH, "text": SCRATCH_TEMPLATE} if SCRATCH not in files else None}

    def run(self, body: dict) -> dict:
        from quotetrace.playground.session import extraction, problems_data

        text = _text(body)
        draft = self.workspace.draft(body.get("drafts") or {})
        answer = {"problems": problems_data(draft.problems), "errors": len(draft.errors)}
        if draft.engine is not None:
            answer.update(extraction(draft, text))
        return answer

    def whynot(self, body: dict) -> dict:
        from quotetrace.playground.session import why_not

        text = _text(body)
        offset, stage = body.get("offset"), body.get("stage", "attributions")
        if not isinstance(offset, int) or not 0 <= offset <= len(text):
            raise Refused("offset must be a place in the text")
        if stage not in STAGES:
            raise Refused(f"stage must be one of {', '.join(STAGES)}")
        draft = self.workspace.draft(body.get("drafts") or {})
        if draft.engine is None:
            raise Refused("the pack has errors; fix them to ask why not")
        return why_not(draft, text, offset, stage)

    def save(self, body: dict) -> dict:
        written = self.workspace.save(body.get("drafts") or {})
        return {"saved": written, "files": self.workspace.files()}


def _text(body: dict) -> str:
    text = body.get("text", "")
    if not isinstance(text, str):
        raise Refused("text must be a string")
    from quotetrace.playground.session import MAX_TEXT_CHARS

    if len(text) > MAX_TEXT_CHARS:
        raise Refused(f"the playground takes texts up to {MAX_TEXT_CHARS:,} characters; use quotetrace extract for longer ones")
    return text


class Handler(BaseHTTPRequestHandler):
    server_version = f"quotetrace-playground/{__version__}"
    playground: Playground  # set on the subclass serve() makes

    def log_message(self, format, *args):  # one quiet line per request, on stderr
        if getattr(self.server, "quiet", False):
            return
        sys.stderr.write(f"quotetrace serve: {self.command} {self.path.split('?')[0]} {args[1] if len(args) > 1 else ''}\n")

    def _host_ok(self) -> bool:
        return (self.headers.get("Host") or "").lower() in self.playground.allowed_hosts

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:; frame-ancestors 'none'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def do_GET(self):
        if not self._host_ok():
            return self._json(HTTPStatus.FORBIDDEN, {"error": "wrong Host header: open the playground by the address it printed"})
        url = urlsplit(self.path)
        if url.path == "/":
            return self._send(HTTPStatus.OK, self.playground.page().encode("utf-8"), "text/html; charset=utf-8")
        if url.path == "/api/state":
            return self._json(HTTPStatus.OK, self.playground.state())
        if url.path == "/api/file":
            name = parse_qs(url.query).get("path", [""])[0]
            try:
                return self._json(HTTPStatus.OK, {"path": name, "text": self.playground.workspace.read(name)})
            except Refused as exc:
                return self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
        return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    do_HEAD = do_GET

    def do_POST(self):
        if not self._host_ok():
            return self._json(HTTPStatus.FORBIDDEN, {"error": "wrong Host header"})
        if not secrets.compare_digest(self.headers.get("X-Quotetrace-Token", ""), self.playground.token):
            return self._json(HTTPStatus.FORBIDDEN, {"error": "missing or wrong token: reload the page"})
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"requests are at most {MAX_BODY // (1024 * 1024)} MB"})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "not valid JSON"})
        if not isinstance(body, dict):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "send a JSON object"})
        actions = {"/api/run": self.playground.run, "/api/whynot": self.playground.whynot, "/api/save": self.playground.save}
        action = actions.get(urlsplit(self.path).path)
        if action is None:
            return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        try:
            with self.playground.lock:
                answer = action(body)
        except Refused as exc:
            from quotetrace.playground.session import problems_data

            return self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc), "problems": problems_data(exc.problems)})
        return self._json(HTTPStatus.OK, answer)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    quiet = False

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the page went away before its answer: nothing to report
        super().handle_error(request, client_address)


def make_server(root, host: str = "127.0.0.1", port: int = 8765, text: str | None = None, cache: bool = True, quiet: bool = False):
    """A server ready to run (serve_forever) and its Playground; port 0 picks a free one."""
    playground = Playground(root, text, cache)
    handler = type("PlaygroundHandler", (Handler,), {"playground": playground})
    server = _Server((host, port), handler)
    server.quiet = quiet
    bound = server.server_address[1]
    names = {host, "127.0.0.1", "localhost", "[::1]"} if host in ("127.0.0.1", "localhost", "::1") else {host}
    playground.allowed_hosts = {f"{name}:{bound}".lower() for name in names}
    return server, playground


def serve(root, host: str = "127.0.0.1", port: int = 8765, text: str | None = None, cache: bool = True) -> int:
    try:
        server, playground = make_server(root, host, port, text, cache)
    except OSError as exc:
        print(f"quotetrace: error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    shown = f"[{host}]" if ":" in host else host
    print(f"quotetrace serve: the playground for {playground.workspace.root} is at http://{shown}:{server.server_address[1]}/ (Ctrl+C stops it)", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("quotetrace serve: warning: listening beyond this machine; anyone who can reach it and has the page can save rules", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("quotetrace serve: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
