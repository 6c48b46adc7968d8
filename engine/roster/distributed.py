"""The roster on Dask: the same rows, summary and merges as one process, for corpora that
live on a cluster (`quotetrace.dask.sources_bag`).

The steps are those of quotetrace.roster.build, each a bag operation: appearances per
partition; the merge graph and the corpus summary folded from all partitions and decided
on the client (they hold one entry per distinct name, not per record); then each
appearance, tagged with its speaker, is folded into that speaker's tally, and the tallies
come back to the client as rows. A tally merges in any order to the same row, so the
partitioning does not change a single count.
"""
from __future__ import annotations

from quotetrace.roster.aggregate import SpeakerTally, Summary, speaker_id
from quotetrace.roster.appearances import appearances, corpus_counts
from quotetrace.roster.build import Roster, name_words
from quotetrace.roster.merge import MergeGraph


def _appearances(records, words, by):
    return [appearance for record in records for appearance in appearances(record, words, by)]


def _graph(appearances_of_partition):
    graph = MergeGraph()
    for appearance in appearances_of_partition:
        graph.add(appearance)
    return graph


def _merge_graphs(graphs):
    total = MergeGraph()
    for graph in graphs:
        total.update(graph)
    return total


def _summary(records, by):
    summary = Summary()
    for record in records:
        summary.add_document(corpus_counts(record, by))
    return summary


def _merge_summaries(summaries):
    total = Summary()
    for summary in summaries:
        total.merge(summary)
    return total


def _tally(appearance, speaker_of):
    return SpeakerTally(speaker_id(appearance, speaker_of)).add(appearance)


def sources_bag(records, *, by: str | None = None, rules=None, words=None) -> Roster:
    """The roster of a Dask bag of output records (dicts, as extract_bag makes them).

    The rows come back to the client (one per speaker, far fewer than records); the rest
    of the work runs where the records are.
    """
    import dask

    words = words or name_words(rules)
    shipped = dask.delayed(words, pure=True, traverse=False)
    found = records.map_partitions(_appearances, shipped, by)
    graph = found.reduction(_graph, _merge_graphs)
    summary = records.reduction(lambda part: _summary(part, by), _merge_summaries)
    graph, summary = dask.compute(graph, summary)
    merges = graph.decide()
    speaker_of = dask.delayed(merges.speaker_of, pure=True, traverse=False)
    tallies = found.map(_tally, speaker_of).foldby(lambda tally: tally.speaker, SpeakerTally.merge, combine=SpeakerTally.merge)
    rows = [tally.row(words, by) for _, tally in tallies.compute()]
    for row in rows:
        summary.add_row(row)
    return Roster.from_rows(rows, by, summary, merges)
