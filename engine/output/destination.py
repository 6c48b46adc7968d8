"""Where the output goes: never onto the inputs, and a one-line reason when it cannot be written.

`extract --out same.jsonl same.jsonl` used to empty its input before reading it. So --out is
checked against the inputs before anything is opened: it may not be an input file (by path,
through a link, or as a hard link: same device and inode), may not lie inside an input
folder (the next run over that folder would read it, and a brat folder's .txt files match
the default --glob), and a brat folder may not hold an input.
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED_DOCUMENTS = 1   # the run finished; some documents have error records, or an input held none
EXIT_USAGE = 2              # nothing was done: a bad option, a rule pack with errors, an --out refused, no input
EXIT_OUTPUT = 3             # the output could not be written (full disk, no permission): the run stopped
EXIT_INTERRUPTED = 130      # Ctrl-C: the records written are complete; --resume goes on


def check_destination(out: str | None, target: str, plan) -> str | None:
    """Why `out` may not be written with these inputs (a quotetrace.input_files.InputPlan),
    or None. `target` is the writer's: "folder" for brat, else a file."""
    if not out:
        return None
    out_path = Path(out)
    resolved = out_path.resolve()
    try:
        info = out_path.stat()
    except OSError:
        info = None
    if info is not None and (info.st_dev, info.st_ino) in plan.identities:
        return f"--out {out} is one of the inputs: writing it would destroy it; give another path"
    for folder in plan.folders:
        inside = Path(folder).resolve()
        if resolved == inside or inside in resolved.parents:
            return f"--out {out} lies inside the input folder {folder}, which is being read; write it outside that folder"
    if target == "folder":
        for entry in plan.entries:
            if entry.path == "-":
                continue
            source = Path(entry.path).resolve()
            if resolved in source.parents:
                return f"--out {out} holds the input {entry.path}; give an output folder apart from the inputs"
    return None


def describe_failure(out: str | None, exc: OSError) -> str:
    """One line for an output that could not be written."""
    where = out or "standard output"
    reason = exc.strerror or str(exc) or exc.__class__.__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space and run again" + (" with --resume: the records written are complete" if out else "")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "choose a place you may write to"
    else:
        advice = "check the output path" + (" and run again with --resume" if out else "")
    return f"cannot write {where}: {reason}; {advice}"


def stop_writing_stdout() -> None:
    """Point stdout at the null device once writing it failed, so that Python's own flush at
    exit finds nothing to complain about (a second message, a traceback-like 'Exception
    ignored')."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


class OutputFailed(Exception):
    """Writing the output failed (the OSError is the cause); the run stops."""


class GuardedWriter:
    """A writer whose failures to write are OutputFailed, told apart from any other OSError
    of the run (a worker that could not start is not a full disk). A broken pipe stays
    itself: the reader has gone, which is no error of ours."""

    def __init__(self, writer):
        self.writer = writer

    def write_result(self, result) -> None:
        self._guard(self.writer.write_result, result)

    def close(self) -> None:
        self._guard(self.writer.close)

    @staticmethod
    def _guard(action, *arguments):
        try:
            action(*arguments)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(exc) from exc
