"""Issue 23, case 5: limits that hold, and that do not change the output.

Counted limits (tokens, sentence and paragraph length, candidates) give the same record on
every run; the clock is a last resort, checked in every phase, and a record it shaped says
that it depends on the machine."""
import time

import pytest

from quotetrace.pipeline import Engine

NEWS = "Mayor Ann Lee said the ferry would sail at noon. "


@pytest.fixture(scope="module")
def bundled():
    return Engine()


def test_token_limit_is_counted_before_anything_else(bundled):
    from quotetrace import budget

    small = Engine(max_tokens=50)
    record = small.record(NEWS * 10, "long")
    assert record["status"] == "error"
    assert record["error"] == "document has more than 50 tokens (max_tokens, --max-tokens); raise the limit or split the document"
    assert small.record(NEWS * 4, "short")["status"] == "ok"  # 44 tokens
    assert not budget.depends_on_clock(record)


def test_an_endless_sentence_is_cut_with_a_note_and_the_same_record_each_time(bundled):
    # Every "said" opens a content that runs to the end of the sentence: without sentence
    # ends, matching grew with the square of the text (a 100 KB text ran past 10 s per rule).
    unit = "Ann Lee said Bob Ray told Cy Day that Dee Fox said "
    record = bundled.record(unit * 800, "endless")  # 9,600 tokens, no sentence end
    assert record["status"] == "ok" and "errors" in record and record["errors"] == []
    assert record["notes"] == ["1 sentence ran on for more than 250 tokens without a sentence end (the first at offset 0, the longest 9600 tokens) "
                               "and was cut every 250 tokens (max_sentence_tokens, --max-sentence-tokens)",
                               "1 paragraph ran on for more than 2500 tokens (the first at offset 0, the longest 9600 tokens) "
                               "and was cut at sentence starts (max_paragraph_tokens, --max-paragraph-tokens)"]
    assert bundled.record(unit * 800, "endless") == record


def test_an_endless_paragraph_is_cut_at_sentence_starts(bundled):
    unit = "Putin: we will win. Assad: no. "
    record = bundled.record(unit * 1000, "colons")  # 10,000 tokens in one paragraph
    assert record["status"] == "ok"
    assert any(note.startswith("1 paragraph ran on for more than 2500 tokens") and "cut at sentence starts" in note for note in record["notes"])
    contents = [a["roles"]["content"][-1]["end"] - a["roles"]["content"][0]["start"] for a in record["attributions"] if "content" in a["roles"]]
    assert contents and max(contents) < 2500 * 6  # a content no longer runs to the end of the text


def test_candidate_limit_per_rule_drops_that_rules_matches_only(make_pack):
    pack = make_pack(rules="""
rules:
  - {id: every.word, description: matches every word, stage: names, pattern: '[%lower]'}
  - {id: one.name, description: a name, stage: names, pattern: 'Lee'}
""")
    engine = Engine(pack, max_rule_candidates=20)
    record = engine.record(NEWS * 5, "many")
    assert record["status"] == "ok"
    assert record["errors"] == [{"rule": "every.word", "error": "rule found more than 20 candidate matches in this document (max_rule_candidates, --max-rule-candidates); its matches here were dropped"}]
    doc, stages, *_ = engine.analyse(NEWS * 5)
    assert {m.rule.id for m in stages["names"]} == {"one.name"}
    assert Engine(pack, max_rule_candidates=20).record(NEWS * 5, "many") == record


def test_candidate_limit_per_document_gives_an_error_record(make_pack):
    pack = make_pack(rules="rules:\n  - {id: every.word, description: d, stage: names, pattern: '[%lower]'}\n")
    record = Engine(pack, max_candidates=30).record(NEWS * 5, "many")
    assert record["status"] == "error" and record["error"].startswith("document gave more than 30 candidate matches (max_candidates, --max-candidates)")


def _slowly(monkeypatch, target, name, seconds=0.02):
    real = getattr(target, name)

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, slow)


@pytest.mark.parametrize("phase, target, name", [
    ("resolving overlaps", "quotetrace.patterns.matcher.Match", "key_span"),
    ("linking names", "quotetrace.actors.linking", "name_words"),
    ("building attributions", "quotetrace.attributions.build", "_trim"),
])
def test_the_time_budget_is_checked_in_every_phase(monkeypatch, phase, target, name):
    from quotetrace import budget

    # Each phase made slow in turn: the budget stops it there, where it used to run on
    # (resolving 950,000 candidates took 78 s past a 60 s budget).
    import importlib

    module_name, _, attribute = target.rpartition(".") if target.endswith("Match") else (target, "", "")
    holder = getattr(importlib.import_module(module_name), attribute) if attribute else importlib.import_module(module_name)
    _slowly(monkeypatch, holder, name)
    if name == "key_span":
        # Resolution in Python, as on the regex path: the native core resolves a whole stage
        # itself (no Python per candidate), checking the same deadline as it goes.
        from quotetrace.patterns.native import NativeMatcher

        monkeypatch.setattr(NativeMatcher, "runs_stage", lambda self, stage: False)
    engine = Engine(time_budget=0.3, rule_timeout=None)
    started = time.monotonic()
    record = engine.record(NEWS * 40, "slow")
    assert time.monotonic() - started < 3
    assert record["status"] == "error" and f"(--time-budget) in {phase}; it was given up" in record["error"]
    assert budget.CLOCK_NOTE in record["notes"] and budget.depends_on_clock(record)


def test_token_regex_tests_stay_within_the_documents_budget(make_pack):
    from quotetrace import budget

    # Each distinct token runs every /regex/ test once; 60 tokens on which a test backtracks
    # without end used to cost 60 times the per-test limit, past any document budget.
    pack = make_pack(rules="rules:\n  - {id: bad.regex, description: backtracks, stage: names, pattern: '/(a|aa)+$/ said'}\n")
    engine = Engine(pack, regex_timeout=0.2, time_budget=1.0)
    text = " ".join("a" * (40 + n) + "b" for n in range(60))
    started = time.monotonic()
    record = engine.record(text, "poisoned")
    assert time.monotonic() - started < 4
    assert record["status"] == "error" and "in token encoding" in record["error"] and budget.depends_on_clock(record)


def test_a_rule_timeout_says_the_result_depends_on_the_machine(make_pack):
    from quotetrace import budget

    pack = make_pack(rules="rules:\n  - {id: slow.rule, description: d, stage: names, pattern: '((_ | _ _)+)+ %digit'}\n")
    # The regex matcher's per-rule limit is a clock; the native one counts steps (below).
    record = Engine(pack, rule_timeout=0.1, engine="python").record("word " * 3000, "slow")
    assert record["status"] == "ok" and record["errors"][0]["clock"] is True
    assert budget.CLOCK_NOTE in record["notes"] and budget.depends_on_clock(record)


def test_a_rule_past_its_step_budget_gives_the_same_record_on_every_run(make_pack):
    from quotetrace import budget
    from quotetrace.patterns import native

    if not native.available():
        pytest.skip(native.why_unavailable())
    pack = make_pack(rules="rules:\n  - {id: slow.rule, description: d, stage: names, pattern: '((_ | _ _)+)+ %digit'}\n")
    engine = Engine(pack, engine="native", max_rule_steps=200_000)
    record = engine.record("word " * 3000, "slow")
    assert record["status"] == "ok" and record["errors"][0]["rule"] == "slow.rule"
    assert "200000 matching steps" in record["errors"][0]["error"] and "clock" not in record["errors"][0]
    assert not budget.depends_on_clock(record) and engine.record("word " * 3000, "slow") == record


def test_limits_travel_to_worker_processes(bundled):
    engine = Engine(max_tokens=30, max_rule_candidates=7, max_candidates=99, max_sentence_tokens=40, max_paragraph_tokens=400)
    assert Engine(**engine.limits).work == engine.work
    texts = [NEWS, NEWS * 5, NEWS * 2]
    one = [r.to_dict() for r in engine.pipe(texts)]
    two = [r.to_dict() for r in engine.pipe(texts, n_process=2)]
    assert one == two and [r["status"] for r in one] == ["ok", "error", "ok"]
