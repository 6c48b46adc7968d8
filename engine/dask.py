"""Running the engine on a Dask bag, for corpora larger than one machine.

    import dask.bag as db
    from quotetrace.dask import extract_bag

    documents = db.read_text("s3://archive/*.jsonl").map(json.loads)   # {"id": ..., "text": ...}
    records = extract_bag(documents, rules="my-rules/")
    records.map(json.dumps).to_textfiles("out/*.jsonl")

The rule pack's files are read once on the client and travel in the task graph as a single
item, so every worker gets them once, even when it has no copy of the rule folder; each
worker process loads them once, from its machine's compiled-pack cache (the first process
there compiles them: quotetrace.patterns.cache), and keeps the engine for all its
partitions. Records are the same dictionaries `quotetrace extract` writes, byte for byte once serialised with
`quotetrace.output.writers.to_json_line`. Needs the `dask` extra: `pip install quotetrace[dask]`.
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from quotetrace.output.record import error_record
from quotetrace.resources import default_rules_dir

_ENGINES: dict = {}


@dataclass(frozen=True)
class PackedRules:
    """A rule pack's YAML files (path inside the pack -> bytes), and their digest as a cache key."""

    files: tuple
    digest: str

    @classmethod
    def read(cls, rules_dir=None) -> "PackedRules":
        root = Path(rules_dir) if rules_dir else default_rules_dir()
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such rule pack folder")
        files = tuple(
            (p.relative_to(root).as_posix(), p.read_bytes())
            for p in sorted(root.rglob("*"), key=lambda p: p.as_posix())
            if p.suffix in (".yaml", ".yml") and p.is_file()
        )
        digest = hashlib.sha256()
        for name, data in files:
            digest.update(name.encode() + b"\0" + data + b"\0")
        return cls(files, digest.hexdigest())

    def engine(self, limits: dict):
        """This process's engine for these rules, compiled on first use."""
        key = (self.digest, tuple(sorted(limits.items())))
        if key not in _ENGINES:
            from quotetrace.pipeline import Engine

            with tempfile.TemporaryDirectory(prefix="quotetrace-rules-") as folder:
                for name, data in self.files:
                    path = Path(folder, name)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                _ENGINES[key] = Engine(folder, **limits)
        return _ENGINES[key]


def _as_document(item, text_field: str, id_field: str):
    """(id, text, error) for one bag element: a mapping with the two fields, or an (id, text) pair."""
    if isinstance(item, dict):
        doc_id = item.get(id_field)
        text = item.get(text_field)
        if doc_id is None:
            return "?", None, f"a document has no id in field '{id_field}'"
        if not isinstance(text, str):
            return str(doc_id), None, f"no text in field '{text_field}'"
        return str(doc_id), text, None
    if isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[1], str):
        return str(item[0]), item[1], None
    return "?", None, f"a bag element must be a mapping with '{id_field}' and '{text_field}', or an (id, text) pair; got {type(item).__name__}"


def extract_partition(items, rules: PackedRules, limits: dict, text_field: str = "text", id_field: str = "id"):
    """Records for one partition; a bad element gets an error record, never an exception."""
    engine = rules.engine(limits)
    records = []
    for item in items:
        doc_id, text, error = _as_document(item, text_field, id_field)
        records.append(error_record(doc_id, error) if error else engine.record(text, doc_id))
    return records


def extract_bag(bag, rules=None, text_field: str = "text", id_field: str = "id", **limits):
    """A bag of output records, one per element of `bag`, in the same order.

    `rules`: a rule pack folder (default: the bundled rules). `limits`: the Engine's
    keyword arguments (the counted max_tokens, max_sentence_tokens, max_paragraph_tokens,
    max_rule_candidates, max_candidates and max_doc_bytes; time_budget, rule_timeout,
    regex_timeout; cache).
    The pack is checked here, so a pack with errors fails at once on the client.
    """
    import dask

    from quotetrace.patterns.cache import load_pack

    packed = PackedRules.read(rules)
    load_pack(Path(rules) if rules else default_rules_dir(), limits.get("cache", True))  # raises RulePackError with every problem
    shipped = dask.delayed(packed, pure=True, traverse=False)
    return bag.map_partitions(extract_partition, shipped, limits, text_field, id_field)


def sources_bag(records, *, by=None, rules=None):
    """The roster (`quotetrace sources`) of a bag of output records, with the same rows,
    summary and merges as one process (quotetrace.roster.distributed)."""
    from quotetrace.roster.distributed import sources_bag as roster_of_bag

    return roster_of_bag(records, by=by, rules=rules)
