"""The rules folder a playground edits: its files, drafts of them, and saving.

The browser sends drafts (path -> text); a draft pack is the folder's files with the drafts
laid over them, in a temporary folder, compiled as any pack is, so its problems are
exactly what `quotetrace check` says. Saving writes the drafts back, and only when two
things hold: every path stays inside the folder the playground was started with (no
absolute path, no `..`, no symbolic link that leads out), and the pack with the drafts
passes check. A refused save writes nothing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from quotetrace.rulepack.pack import pack_files

SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 5 * 1024 * 1024  # the rule pack reader's own limit for one file
SCRATCH = "scratch.yaml"


class Refused(Exception):
    """A request the workspace will not carry out; the message says why, for the page."""

    def __init__(self, message: str, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class Draft:
    """A pack made of the folder's files and some drafts, compiled (or not: `problems`)."""

    key: str
    engine: object | None
    problems: list = field(default_factory=list)
    whynot: object = None  # built on the first why-not question (quotetrace.playground.session)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]


class Workspace:
    def __init__(self, root, cache: bool = True, keep: int = 4):
        self.root = Path(root).resolve()
        self.cache = cache
        self._drafts: OrderedDict[str, Draft] = OrderedDict()  # the last few packs, so an undo is instant
        self._keep = keep

    def files(self) -> list[str]:
        return [path.relative_to(self.root).as_posix() for path in pack_files(self.root)]

    def resolve(self, name) -> Path:
        """The file a draft's path names, inside the folder; Refused for anything else."""
        if not isinstance(name, str) or not name or "\x00" in name or "\\" in name:
            raise Refused(f"not a file name: {name!r}")
        relative = PurePosixPath(name)
        if relative.is_absolute() or name.startswith("~") or ":" in relative.parts[0] or any(part in ("..", ".", "") for part in relative.parts):
            raise Refused(f"{name}: only files inside the rules folder can be saved (a path relative to it, without '..')")
        if relative.suffix not in SUFFIXES:
            raise Refused(f"{name}: rule files end in .yaml or .yml")
        path = self.root.joinpath(*relative.parts)
        try:
            inside = path.resolve().is_relative_to(self.root) and path.parent.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise Refused(f"{name}: leads outside the rules folder (a symbolic link?); not saved")
        if path.exists() and not path.is_file():
            raise Refused(f"{name}: not a file")
        return path

    def read(self, name: str) -> str:
        path = self.resolve(name)
        if not path.is_file():
            raise Refused(f"{name}: no such file in the rules folder")
        return path.read_text(encoding="utf-8")

    def _checked(self, drafts: dict) -> dict:
        if not isinstance(drafts, dict):
            raise Refused("drafts must be a mapping of file names to texts")
        checked = {}
        for name, text in drafts.items():
            self.resolve(name)
            if not isinstance(text, str):
                raise Refused(f"{name}: a draft must be text")
            if len(text.encode("utf-8")) > MAX_FILE_BYTES:
                raise Refused(f"{name}: over {MAX_FILE_BYTES // (1024 * 1024)} MB")
            checked[name] = text
        return checked

    def _changed(self, drafts: dict) -> dict:
        """The drafts that differ from the files on disk (an unchanged draft is the file)."""
        changed = {}
        for name, text in drafts.items():
            path = self.resolve(name)
            try:
                if path.is_file() and path.read_text(encoding="utf-8") == text:
                    continue
            except (OSError, UnicodeDecodeError):
                pass
            changed[name] = text
        return changed

    def draft(self, drafts: dict) -> Draft:
        """The folder's pack with the drafts over it, compiled; its problems as check gives them."""
        from quotetrace.errors import RulePackError
        from quotetrace.pipeline import Engine

        changed = self._changed(self._checked(drafts))
        digest = hashlib.sha256()
        for name in self.files():  # the folder as it is now: an edit made outside the page counts too
            stat = (self.root / name).stat()
            digest.update(f"{name}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
        for name in sorted(changed):
            digest.update(name.encode() + b"\0" + changed[name].encode() + b"\0")
        key = digest.hexdigest()
        if key in self._drafts:
            self._drafts.move_to_end(key)
            return self._drafts[key]
        with tempfile.TemporaryDirectory(prefix="quotetrace-draft-") as folder:
            pack_root = self._lay_out(Path(folder), changed)
            try:
                # The folder's own pack comes from the compiled-pack cache; a draft is compiled
                # here and not cached, so that typing does not fill the cache with packs.
                engine = Engine(pack_root, cache=self.cache and not changed)
                problems = sorted(set(engine.pack.problems))
            except RulePackError as exc:
                engine, problems = None, exc.problems
        draft = Draft(key, engine, problems)
        self._drafts[key] = draft
        while len(self._drafts) > self._keep:
            self._drafts.popitem(last=False)
        return draft

    def _lay_out(self, folder: Path, changed: dict) -> Path:
        """A copy of the pack's files with the drafts written over them."""
        pack_root = folder / "rules"
        pack_root.mkdir()
        for name in self.files():
            target = pack_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / name, target)
        for name, text in changed.items():
            target = pack_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return pack_root

    def save(self, drafts: dict) -> list[str]:
        """Write the drafts that differ from the files; Refused, writing nothing, when a path
        leaves the folder or the pack with the drafts has errors."""
        changed = self._changed(self._checked(drafts))
        if not changed:
            return []
        draft = self.draft(changed)
        if draft.errors:
            raise Refused(f"not saved: the pack with these edits has {len(draft.errors)} error{'s' if len(draft.errors) != 1 else ''} (check must pass first)", draft.problems)
        written = []
        for name, text in sorted(changed.items()):
            path = self.resolve(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.parent.resolve().is_relative_to(self.root):
                raise Refused(f"{name}: leads outside the rules folder; not saved")
            partial = path.with_name(f".{path.name}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
            written.append(name)
        self._drafts.clear()
        return written
