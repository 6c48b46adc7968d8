"""What the inputs of a run are: the files named, and the files found in folders.

Every candidate becomes an entry before anything is read or written, so that the output can
be checked against the inputs (quotetrace.output.destination) and a folder where nothing
matches `--glob` is a clear error, not a run that does nothing. Nothing is skipped
silently: inside a folder, a name that matches `--glob` but is no regular file (a dangling
link, a named pipe, a device, a socket) and a subfolder that cannot be listed each become an
entry with the reason, which the reader turns into an error record. Such files are never
opened: opening a named pipe waits for a writer that may never come.

Files named on the command line are read whatever they are (`<(zcat a.gz)` is a pipe).
"""
from __future__ import annotations

import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

STDIN = "-"
TEXT_SUFFIXES = (".txt.gz", ".gz", ".txt")


@dataclass(frozen=True)
class InputEntry:
    path: str                  # as given, or found under a folder given
    doc_id: str                # a text file's document id (JSON Lines take theirs from each line)
    in_folder: bool = False    # found in a folder: only regular files are opened
    problem: str | None = None  # why it is not read (the reader makes it an error record)


@dataclass
class InputPlan:
    entries: list              # InputEntry, in reading order
    empty_folders: list        # folder arguments where nothing matches the glob
    folders: list              # the folder arguments
    identities: set            # (st_dev, st_ino) of every regular file to be read


def stem(name: str) -> str:
    """A text file's name without .txt, .txt.gz or .gz."""
    for suffix in TEXT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def plan_inputs(arguments, pattern: str = "*.txt") -> InputPlan:
    """The entries of a run, in order: arguments as given, each folder's matches sorted by
    their path inside it (so the order does not depend on the file system)."""
    plan = InputPlan([], [], [], set())
    for argument in arguments or [STDIN]:
        argument = str(argument)
        path = Path(argument)
        if argument != STDIN and path.is_dir():
            plan.folders.append(argument)
            found = sorted(_walk(path, pattern, plan.identities), key=lambda entry: entry[0])
            if not found:
                plan.empty_folders.append(argument)
            plan.entries.extend(entry for _, entry in found)
        else:
            if argument != STDIN:
                _add_identity(path, plan.identities)
            else:
                _add_stdin_identity(plan.identities)
            plan.entries.append(InputEntry(argument, "stdin" if argument == STDIN else stem(path.name)))
    return plan


def _add_identity(path: Path, identities: set) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    if stat.S_ISREG(info.st_mode):
        identities.add((info.st_dev, info.st_ino))


def _add_stdin_identity(identities: set) -> None:
    """stdin redirected from a file (`< records.jsonl`) is that file: --out may not be it."""
    try:
        info = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return
    if stat.S_ISREG(info.st_mode):
        identities.add((info.st_dev, info.st_ino))


def _walk(root: Path, pattern: str, identities: set):
    """(relative path, entry) for every name under root that matches the pattern, and for
    every folder that cannot be listed. Links to folders are followed, once per folder on
    the way down (a link back up is reported, not followed forever)."""
    stack = [(root, PurePosixPath(), frozenset())]
    while stack:
        folder, relative, above = stack.pop()
        try:
            info = folder.stat()
            seen = above | {(info.st_dev, info.st_ino)}
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError as exc:
            where = relative.as_posix()
            yield where, InputEntry(str(folder), where or folder.name, True, f"{folder}: cannot list this folder ({exc.strerror or exc})")
            continue
        for child in children:
            inner = relative / child.name
            path = folder / child.name
            try:
                info = child.stat()  # follows links
            except FileNotFoundError:
                if child.is_symlink() and PurePosixPath(inner).match(pattern):
                    yield inner.as_posix(), InputEntry(str(path), _relative_id(inner), True, f"{path}: dangling symbolic link (to {os.readlink(path)})")
                continue
            except OSError as exc:
                if PurePosixPath(inner).match(pattern):
                    yield inner.as_posix(), InputEntry(str(path), _relative_id(inner), True, f"{path}: cannot read ({exc.strerror or exc})")
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in seen:
                    if PurePosixPath(inner).match(pattern) or child.is_symlink():
                        yield inner.as_posix(), InputEntry(str(path), _relative_id(inner), True, f"{path}: symbolic link to a folder that contains it; not followed")
                    continue
                stack.append((path, inner, seen))
                continue
            if not PurePosixPath(inner).match(pattern):
                continue
            problem = _not_regular(info.st_mode)
            if problem is None:
                identities.add((info.st_dev, info.st_ino))
            yield inner.as_posix(), InputEntry(str(path), _relative_id(inner), True, f"{path}: {problem}" if problem else None)


def _relative_id(relative: PurePosixPath) -> str:
    """A file's id inside a folder: its path there without .txt (`a/story`), so that two
    files of the same name in different subfolders keep apart."""
    return (relative.parent / stem(relative.name)).as_posix() if relative.parent.parts else stem(relative.name)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file; only regular files are read from a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file; only regular files are read from a folder"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file; only regular files are read from a folder"
    return "not a regular file; only regular files are read from a folder"
