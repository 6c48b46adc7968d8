"""Running `quotetrace` in this process, as a user would run it, with stdin, stdout and stderr captured.

In-process runs load the rules from the session's compiled-pack cache, so each costs a
fraction of a second where a subprocess costs a second; subprocesses stay for what needs a
process of its own (signals, a real standard output).
"""
from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass

from quotetrace.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str

    def records(self):
        return [json.loads(line) for line in self.out.splitlines()]


def quotetrace(capsys, monkeypatch, *args, stdin: bytes | str | None = None) -> Run:
    """Run `quotetrace ARGS` here; a traceback would escape as an exception and fail the test."""
    data = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else (stdin or b"")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    args = [str(arg) for arg in args]
    if args[:1] == ["extract"] and "--jobs" not in args:
        args[1:1] = ["--jobs", "1"]  # stay in this process
    capsys.readouterr()
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return Run(code, captured.out, captured.err)
