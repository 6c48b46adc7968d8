"""Who gets quoted: one roster of the speakers of a corpus (`quotetrace sources`).

Actors of many documents are merged by their full names under named rules, stricter than
within a document (quotetrace.roster.names, .merge); each speaker's row counts its
attributions (direct, indirect, mixed), documents, titles, type, anonymity and gender, per
metadata value with `by`, and lists every (document, attribution) pair it counts, so every
figure can be checked against the extractions behind it (quotetrace.roster.aggregate).
It streams over corpora larger than memory (quotetrace.roster.build) and runs on Dask with
the same result (quotetrace.dask.sources_bag). docs/sources.md says what it counts and
what it cannot know.
"""
from quotetrace.roster.build import Roster, build_roster, name_words
from quotetrace.roster.write import write_roster

__all__ = ["Roster", "build_roster", "name_words", "write_roster"]
