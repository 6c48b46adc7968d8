"""A compiled rule pack kept on disk, so that a process starts in a fraction of a second.

Reading a pack and compiling it into `regex` programs costs 4-7 s of CPU, the same every
time for the same rules and the same engine; unpickling the result costs about 0.1 s
(`regex` pickles a pattern with its compiled code, so nothing is parsed again). The file
lives in the user's cache folder (platformdirs), or under $QUOTETRACE_CACHE_DIR, as
packs/<key>.pickle, where the key is a sha256 of everything the result depends on: the
pack's rule files (their paths inside the pack and their bytes), the pattern grammar,
this package's own .py files, its version, and the versions of Python, `regex`, `lark`,
PyYAML and the word-class dictionary. A change to any of them gives another key, so a stale entry is never read;
entries that nobody has used lately are removed once the folder holds more than
MAX_CACHE_BYTES.

A cache must never be why a run fails: a file that is unreadable, truncated, corrupt,
from another format or under the wrong name is noted on the "quotetrace" logger, ignored
and written again, and a folder that cannot be written is noted and left alone.
Entries are pickles, and unpickling runs code, so only a file that belongs to this user
and that nobody else can write is read; the folder is made private (0700), the files 0600.
Packs with errors are not cached, so `check` reports them from a fresh compile each time.

QUOTETRACE_NO_CACHE=1, `--no-cache` on the command line or `Engine(cache=False)` turn
the cache off.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import stat
import struct
import sys
import tempfile
import time
from pathlib import Path

import quotetrace
from quotetrace.errors import RulePackError
from quotetrace.patterns.compiler import compile_pack
from quotetrace.resources import grammar_path
from quotetrace.rulepack.pack import RulePack, pack_files, read_pack
from quotetrace.text import wordclasses

log = logging.getLogger("quotetrace")

# The file: a fixed header (magic, format version, key, payload length, sha256 of the
# payload), then the pickled RulePack. FORMAT_VERSION changes when the header or what the
# payload holds changes in a way the key would not see.
MAGIC = b"QTPACK\r\n"
FORMAT_VERSION = 1
HEADER = struct.Struct(">8sI32sQ32s")
MAX_CACHE_BYTES = 256 * 1024 * 1024  # about 90 entries of the bundled pack (2.6 MB each)
PARTIAL_AGE = 3600  # seconds after which a temporary file is taken for a killed writer's

_HEX = frozenset("0123456789abcdef")


def cache_folder() -> Path:
    """packs/ in the user's cache folder, or under $QUOTETRACE_CACHE_DIR: tests and CI point
    that at a folder of their own, so that they neither use nor fill the user's cache."""
    base = os.environ.get("QUOTETRACE_CACHE_DIR")
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("quotetrace", appauthor=False)
    return Path(base) / "packs"


def cache_wanted(cache: bool = True) -> bool:
    """The caller's choice, unless the environment turns the cache off for every process
    of a run (spawned workers and Dask workers on this machine inherit it)."""
    return cache and os.environ.get("QUOTETRACE_NO_CACHE", "") in ("", "0")


def _feed(digest, name: str, data: bytes) -> None:
    # Lengths first, so that no two different lists of (name, data) feed the same bytes.
    encoded = name.encode("utf-8")
    digest.update(struct.pack(">QQ", len(encoded), len(data)) + encoded + data)


@functools.lru_cache(maxsize=1)
def _engine_digest() -> bytes:
    """What compiles the pack: this package's code, the grammar and the libraries. Hashed
    once per process, which matches the code the process runs (it was read at import)."""
    import lark
    import regex
    import yaml

    digest = hashlib.sha256()
    for name, value in (
        ("format", str(FORMAT_VERSION)),
        ("quotetrace", quotetrace.__version__),
        ("python", sys.version),
        ("regex", regex.__version__),
        ("lark", lark.__version__),
        ("pyyaml", yaml.__version__),
        ("word classes", wordclasses.dictionary_version()),  # %noun and the like compile to its table
    ):
        _feed(digest, name, value.encode("utf-8"))
    package = Path(quotetrace.__file__).resolve().parent
    for path in sorted(package.rglob("*.py"), key=lambda p: p.relative_to(package).as_posix()):
        _feed(digest, "source:" + path.relative_to(package).as_posix(), path.read_bytes())
    grammars = grammar_path("pattern.lark").parent
    for path in sorted(p for p in grammars.iterdir() if p.is_file()):
        _feed(digest, "grammar:" + path.name, path.read_bytes())
    return digest.digest()


def pack_key(root) -> str:
    """The cache key of the pack in `root` for this engine, as 64 hex digits.

    The pack's files are the ones read_pack reads (pack_files), so a file that is not part
    of the pack (a README, an editor's backup) does not change the key.
    """
    root = Path(root)
    digest = hashlib.sha256(_engine_digest())
    for path in pack_files(root):
        _feed(digest, "pack:" + path.relative_to(root).as_posix(), path.read_bytes())
    return digest.hexdigest()


def _compile(root: Path) -> RulePack:
    pack = read_pack(root)
    if pack.files:  # also with errors in some files: check reports pattern errors with the others
        compile_pack(pack)
    return pack


def _has_errors(pack) -> bool:
    return any(p.severity == "error" for p in pack.problems)


def compiled_pack(root, cache: bool = True) -> RulePack:
    """The pack in `root`, read and compiled, with every problem in `pack.problems`
    (warnings included, from the cache as from a fresh compile); never raises for a bad pack."""
    root = Path(root)
    if not cache_wanted(cache) or not root.is_dir():
        return _compile(root)
    try:
        key = pack_key(root)
    except OSError:
        return _compile(root)  # an unreadable rule file: read_pack says which, with its position
    folder = cache_folder()
    path = folder / f"{key}.pickle"
    pack = _read(path, key)
    if pack is not None:
        pack.root = root  # the same rules elsewhere (a Dask worker's temporary copy) share the entry
        return pack
    pack = _compile(root)
    if not _has_errors(pack):
        try:
            unchanged = pack_key(root) == key
        except OSError:
            unchanged = False
        if unchanged:  # a file edited while it compiled: the result belongs to neither key
            _write(folder, path, key, pack)
    return pack


def load_pack(root, cache: bool = True) -> RulePack:
    """Like quotetrace.patterns.compiler.load_pack (raises RulePackError for a pack with errors),
    through the cache."""
    pack = compiled_pack(root, cache)
    if _has_errors(pack):
        raise RulePackError(pack.problems)
    return pack


def _ignore(path: Path, why: str) -> None:
    log.warning("ignoring the compiled-pack cache file %s (%s); compiling the rules again", path, why)


def _read(path: Path, key: str):
    """The RulePack in the file, or None (with a note when the file is there but unusable)."""
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                _ignore(path, "it belongs to another user or others can write it")
                return None
            data = file.read()
    except (FileNotFoundError, NotADirectoryError):
        return None  # not cached yet; if the folder is unusable, writing will say so once
    except OSError as exc:
        _ignore(path, f"cannot read it: {exc.strerror or exc}")
        return None
    if len(data) < HEADER.size:
        _ignore(path, "truncated")
        return None
    magic, version, stored_key, length, checksum = HEADER.unpack_from(data)
    if magic != MAGIC:
        _ignore(path, "not a quotetrace compiled-pack file")
        return None
    if version != FORMAT_VERSION:
        _ignore(path, f"format version {version}, this quotetrace reads {FORMAT_VERSION}")
        return None
    if stored_key.hex() != key:
        _ignore(path, "it holds another pack's key")
        return None
    payload = memoryview(data)[HEADER.size:]
    if len(payload) != length:
        _ignore(path, "truncated" if len(payload) < length else "unexpected bytes after the end")
        return None
    if hashlib.sha256(payload).digest() != checksum:
        _ignore(path, "corrupt: checksum mismatch")
        return None
    try:
        pack = pickle.loads(payload)
    except Exception as exc:  # noqa: BLE001 -- any failure to unpickle means: compile instead
        _ignore(path, f"cannot unpickle it: {exc.__class__.__name__}")
        return None
    if not isinstance(pack, RulePack) or pack.compiled is None:
        _ignore(path, "it holds no compiled pack")
        return None
    try:
        os.utime(path)  # recently used: pruning keeps it
    except OSError:
        pass
    return pack


def _write(folder: Path, path: Path, key: str, pack: RulePack) -> None:
    """Write the entry through a temporary file and os.replace, so that a reader sees the
    old file or the whole new one, never a part; a failure is a note, not an error."""
    try:
        payload = pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 -- a pack that cannot be pickled is merely not cached
        log.warning("cannot cache the compiled rule pack (%s); going on without the cache", exc.__class__.__name__)
        return
    header = HEADER.pack(MAGIC, FORMAT_VERSION, bytes.fromhex(key), len(payload), hashlib.sha256(payload).digest())
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".partial", dir=folder)  # mode 0600
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(header)
                file.write(payload)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError as exc:
        log.warning("cannot write the compiled-pack cache in %s (%s); going on without it", folder, exc.strerror or exc)
        return
    _prune(folder, path)


def _prune(folder: Path, keep: Path) -> None:
    """Remove the least recently used entries beyond MAX_CACHE_BYTES, and temporary files
    left by killed writers: every change to the code or the rules makes a new entry."""
    entries, now = [], time.time()
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if item.name.endswith(".partial") and now - info.st_mtime > PARTIAL_AGE:
                    _unlink(item.path)
                elif item.name.endswith(".pickle") and len(item.name) == 71 and set(item.name[:64]) <= _HEX:
                    entries.append((info.st_mtime, info.st_size, item.path))
    except OSError:
        return
    total = 0
    for _, size, entry in sorted(entries, reverse=True):
        total += size
        if total > MAX_CACHE_BYTES and entry != str(keep):
            _unlink(entry)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
