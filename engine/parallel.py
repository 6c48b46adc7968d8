"""Extracting with several worker processes, records in input order.

Workers get the compiled rule pack once: forked workers inherit it, spawned ones load it
in the pool initializer from the compiled-pack cache, which the parent has just filled. They take documents in chunks; `imap` hands the records back in input order, so the output is the same bytes
as with one process.

With `encoded`, a worker hands back a record as its JSON bytes (those the JSON Lines writer
writes) rather than as a dict: the parent shares the machine's cores with its workers, and
unpickling a dict of some thousand small objects cost it about as much as one worker's
tenth (1.2 ms a document on PolNeAR, most of it the cyclic collector walking the new
objects), where bytes cost it nothing until someone reads them (quotetrace.results.Result
decodes them on first use). A record with `meta` stays a dict: meta comes from the caller
and may hold what JSON does not give back as it was (a tuple, a key that is no string).
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal

from quotetrace.output.json_bytes import dumps
from quotetrace.output.record import error_record

_ENGINE = None


def _quiet_worker():
    """Ctrl-C reaches every process of the terminal's group: the parent stops the pool and
    says so once; a worker that took the signal too would print its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(make_engine, rules, limits):
    global _ENGINE
    _quiet_worker()
    _ENGINE = make_engine(rules, **limits)


def _record(engine, source):
    if source.error:
        return error_record(source.id, source.error, source.notes, source.meta)
    return engine.record(source.text, source.id, source.notes, source.meta)


def _work(source):
    return _record(_ENGINE, source)


def _work_encoded(source):
    record = _record(_ENGINE, source)
    return record if "meta" in record else dumps(record)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_all(engine, sources, jobs: int, rules=None, limits=None, chunksize: int = 8, encoded: bool = False):
    """Records for `sources` (an iterable of SourceDocument), in order, using `jobs` processes.

    With one job, or fewer than two documents, the given engine runs in this process.
    `encoded`: a record that came from a worker may be its JSON bytes instead of a dict
    (the module's docstring says which and why); records made here stay dicts.
    """
    sources = iter(sources)
    head = list(itertools.islice(sources, 2))
    if jobs <= 1 or len(head) < 2:
        for source in itertools.chain(head, sources):
            yield _record(engine, source)
        return
    global _ENGINE
    if "fork" in multiprocessing.get_all_start_methods():
        # Forked workers inherit the compiled engine: nothing is compiled again. The engine's
        # objects are moved out of the cyclic collector's reach first (gc.freeze): a collection
        # in a worker would otherwise write to every one of them and so copy the pages the
        # workers share with this process.
        _ENGINE = engine
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker)
    else:
        # A spawned worker makes its own engine of the same class (from the compiled-pack cache).
        pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_start_worker, initargs=(type(engine), rules, limits or {}))
    try:
        with pool:
            yield from pool.imap(_work_encoded if encoded else _work, itertools.chain(head, sources), chunksize=chunksize)
    finally:
        gc.unfreeze()  # a no-op after a spawned pool; the engine's objects are collectable again
