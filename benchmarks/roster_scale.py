"""Peak memory and time of `quotetrace sources` over a synthetic corpus of N records.

    python benchmarks/roster_scale.py 1000000

Records are made on the fly (never held together), shaped like those quotetrace extract
writes: an outlet in meta, about 10 attributions and 6 speaking actors per document, drawn
from a pool of 50,000 people with full names (a few quoted very often, most rarely, as in
news), with short names ("Mr. Lee"), title-only speakers ("the senior official"), writings
and pronoun sources, and gender and type evidence. The roster is built from that stream as
from a file: memory holds the distinct name forms, one run of the external sort and one
speaker's row; appearances and rows go through temporary files. Prints the records, time,
the roster's size and the peak resident memory of the process (ru_maxrss) after imports
and after the run.
"""
from __future__ import annotations

import bisect
import itertools
import random
import resource
import sys
import time

FIRST = ["Ann", "Tom", "Dana", "Elena", "Ray", "Ida", "Leo", "Mark", "Lena", "Carla", "Tomas", "Hope", "Ana", "Gloria", "Ted"]
OUTLETS = ["breitbart", "huff-post", "nyt", "politico", "usa-today", "wash-post", "west-journal"]
KINDS = ["direct", "indirect", "mixed"]
PEOPLE = 50_000
# Zipf's law over the pool (the k-th most quoted person, 1/k as often as the first): the most
# quoted person speaks in about 9% of appearances, as the most quoted politician of a news corpus may.
ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, PEOPLE + 1)))


def person(index: int) -> tuple[str, str]:
    """The index-th person of the pool: a first name and a made-up surname."""
    return FIRST[index % len(FIRST)], f"Surname{index:05d}"


def record(number: int, rng: random.Random) -> dict:
    actors, attributions = [], []
    text_offset = 0

    def mention(text, kind="name"):
        nonlocal text_offset
        item = {"start": text_offset, "end": text_offset + len(text), "text": text, "type": kind, "trace": {"rule": "actor.name"}}
        text_offset += len(text) + 40
        return item

    for slot in range(6):
        draw = rng.random()
        actor_id = f"act{slot + 1}"
        if draw < 0.75:  # a person with a full name, Zipf-like: a few very often
            index = bisect.bisect_left(ZIPF, rng.random() * ZIPF[-1])
            first, last = person(index)
            name = f"{first} {last}"
            mentions = [mention(name), mention(last, "short-name"), mention("he" if index % 2 else "she", "pronoun")]
            gender = "male" if index % 2 else "female"
            evidence = [{"about": "gender", "value": gender, "start": mentions[2]["start"], "end": mentions[2]["end"], "text": mentions[2]["text"], "link": "link.pronoun-same-sentence", "trace": {"rule": "actor.pronoun"}}]
            actor = {"id": actor_id, "name": name, "kind": "person", "titles": ["Sen."] if index % 5 == 0 else [], "type": "official" if index % 5 == 0 else None,
                     "anonymity": None, "gender": gender, "evidence": evidence, "mentions": mentions}
        elif draw < 0.85:  # a short name only
            name = f"Mr. Surname{rng.randrange(PEOPLE):05d}"
            actor = {"id": actor_id, "name": name, "kind": "person", "titles": [], "type": None, "anonymity": None, "gender": "male", "evidence": [], "mentions": [mention(name)]}
        else:  # a speaker named by a title
            actor = {"id": actor_id, "name": "senior official", "kind": "person", "titles": ["senior official"], "type": "official", "anonymity": "unnamed",
                     "gender": "unknown", "evidence": [], "mentions": [mention("the senior official", "title")]}
        actors.append(actor)
    for number_in_doc in range(10):
        speaker = actors[rng.randrange(len(actors))] if rng.random() < 0.9 else None
        source = speaker["mentions"][0] if speaker else {"start": 0, "end": 4, "text": "they"}
        attributions.append({
            "id": f"att{number_in_doc + 1}", "kind": rng.choice(KINDS), "parent": None,
            "source_actor": speaker["id"] if speaker else None, "source_type": speaker["type"] if speaker else None,
            "anonymity": speaker["anonymity"] if speaker else None, "confidence": 0.8,
            "roles": {"source": [{"start": source["start"], "end": source["end"], "text": source["text"]}],
                      "cue": [{"start": source["end"] + 1, "end": source["end"] + 5, "text": "said"}]},
            "trace": {"rule": "attr.source-cue-content"},
        })
    return {"schema": "quotetrace/2", "id": f"doc{number:07d}", "status": "ok", "length": text_offset,
            "meta": {"outlet": OUTLETS[number % len(OUTLETS)]}, "attributions": attributions, "actors": actors}


def corpus(count: int):
    rng = random.Random(7)
    for number in range(count):
        yield record(number, rng)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(count: int) -> None:
    import os
    import tempfile

    from quotetrace.roster import build_roster, name_words, write_roster

    words = name_words()
    before = peak_mb()
    started = time.perf_counter()
    with build_roster(corpus(count), by="outlet", words=words) as roster:
        built = time.perf_counter() - started
        peak_built = peak_mb()
        # Written as `quotetrace sources --format jsonl` writes it: one row at a time.
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "speakers.jsonl")
            write_roster(roster, out, "speakers", "jsonl")
            elapsed = time.perf_counter() - started
            peak_written = peak_mb()
            with open(out, "rb") as rows:
                speakers = sum(1 for _ in rows)
        summary = roster.summary_table()[0]
    print(f"{count:,} records ({summary['attributions']:,} attributions) in {elapsed:.0f} s ({count / elapsed:,.0f} records/s; "
          f"{built:.0f} s to build, the rest to write): {speakers:,} speaker rows")
    print(f"peak resident memory: {before:.0f} MB after imports, {peak_built:.0f} MB after building, {peak_written:.0f} MB after writing the rows")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
