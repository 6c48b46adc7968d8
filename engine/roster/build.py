"""Building the roster of a corpus in one process, in bounded memory.

Records are read once, as they come: each gives its appearances (written to a spill file)
and its name forms (kept: one entry per distinct name, not per record). Once all are read,
the merge graph decides who is who; the appearances are then sorted by speaker on disk,
counted one speaker at a time, and the rows sorted by rank on disk. Memory holds the
distinct name forms, one run of the external sort and one speaker's row, whatever the
number of records (benchmarks/roster_scale.py measures it).
"""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import orjson

from quotetrace.roster.aggregate import SpeakerTally, Summary, rank_key, speaker_id
from quotetrace.roster.appearances import appearances, corpus_counts
from quotetrace.roster.merge import MergeGraph, Merges
from quotetrace.roster.names import NameWords
from quotetrace.roster.spill import RUN_SIZE, ExternalSort


def name_words(rules=None) -> NameWords:
    """The title and organisation words of a rule pack (default: the bundled one)."""
    from quotetrace.patterns.cache import load_pack
    from quotetrace.resources import default_rules_dir

    return NameWords.of_pack(load_pack(Path(rules) if rules else default_rules_dir()))


def build_roster(records: Iterable, *, by: str | None = None, rules=None, words: NameWords | None = None,
                 spill_dir: str | None = None, run_size: int = RUN_SIZE) -> "Roster":
    """The roster of output records (dicts or Results), streamed: see the module docstring.

    `by`: a kept metadata field (extract --keep-fields) to count each speaker per value of.
    `rules`: the rule pack whose title words the names are folded with (default: bundled).
    """
    words = words or name_words(rules)
    folder = tempfile.mkdtemp(prefix="quotetrace-roster-", dir=spill_dir)
    try:
        graph, summary = MergeGraph(), Summary()
        spilled = os.path.join(folder, "appearances.jsonl")
        with open(spilled, "wb") as out:
            for record in records:
                record = record.to_dict() if hasattr(record, "to_dict") else record
                summary.add_document(corpus_counts(record, by))
                for appearance in appearances(record, words, by):
                    graph.add(appearance)
                    out.write(orjson.dumps(appearance) + b"\n")
        merges = graph.decide()
        grouped = ExternalSort(folder, run_size)
        with open(spilled, "rb") as spill:
            for line in spill:
                appearance = orjson.loads(line)
                grouped.add(speaker_id(appearance, merges.speaker_of), appearance)
        os.unlink(spilled)
        ranked = ExternalSort(folder, run_size)
        for speaker, group in itertools.groupby(grouped.sorted(), key=lambda item: item[0]):
            tally = SpeakerTally(speaker)
            for _, appearance in group:
                tally.add(appearance)
            row = tally.row(words, by)
            summary.add_row(row)
            ranked.add(rank_key(row), row)
        rows_path = os.path.join(folder, "speakers.jsonl")
        with open(rows_path, "wb") as out:
            # Rows are copied as they were written, the rank put in front: the largest row
            # (every pair of the most quoted speaker) is never read back into objects here.
            for rank, (_, row) in enumerate(ranked.sorted_raw(), 1):
                out.write(b'{"rank":%d,' % rank + row[1:] + b"\n")
        return Roster(by, summary, merges, rows_path=rows_path, folder=folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


class Roster:
    """The speakers of a corpus, most quoted first, with the corpus summary and the merges.

    Rows may live in a file (a large corpus) or in memory (Dask, or a small corpus);
    `speakers()` reads them either way. Close the roster (or use `with`) to remove its files.
    """

    def __init__(self, by, summary: Summary, merges: Merges, rows=None, rows_path=None, folder=None):
        self.by = by
        self.summary = summary
        self.merges = merges
        self._rows = rows
        self._rows_path = rows_path
        self._folder = folder

    @classmethod
    def from_rows(cls, rows: list, by, summary: Summary, merges: Merges) -> "Roster":
        ranked = sorted(rows, key=rank_key)
        return cls(by, summary, merges, rows=[{"rank": rank, **row} for rank, row in enumerate(ranked, 1)])

    def speakers(self):
        """Each speaker's row, most quoted first (`rank` 1, 2, ...)."""
        if self._rows is not None:
            yield from self._rows
            return
        with open(self._rows_path, "rb") as handle:
            for line in handle:
                yield orjson.loads(line)

    def speaker_lines(self):
        """Each speaker's row as its JSON Lines bytes, read from disk without parsing (the
        most quoted speaker's row of a large corpus holds hundreds of thousands of pairs)."""
        if self._rows is not None:
            for row in self._rows:
                yield orjson.dumps(row) + b"\n"
            return
        with open(self._rows_path, "rb") as handle:
            yield from handle

    def summary_table(self) -> list[dict]:
        return self.summary.table()

    def merge_table(self) -> list[dict]:
        """Every join made between distinct name forms and every join refused, with its rule."""
        rows = [{"decision": "merged", "rule": rule, "form": a, "other form": b} for rule, a, b in self.merges.joins]
        rows += [{"decision": "refused", "rule": rule, "form": a, "other form": b} for rule, a, b in self.merges.refusals]
        return rows

    def merge_counts(self) -> dict:
        """How many appearances (an actor in a document) joined a speaker, by rule."""
        counts = {}
        for row in self.speakers():
            for rule, count in row["merged_by"].items():
                counts[rule] = counts.get(rule, 0) + count
        return dict(sorted(counts.items()))

    def write(self, out=None, table: str = "speakers", format: str = "csv", link: str | None = None, top: int | None = None) -> None:
        """Write a table (speakers, summary, merges) as csv, jsonl or html to `out` (None: stdout)."""
        from quotetrace.roster.write import DEFAULT_LINK, write_roster

        write_roster(self, out, table, format, link or DEFAULT_LINK, top)

    def close(self) -> None:
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()
