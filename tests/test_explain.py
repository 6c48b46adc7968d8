"""quotetrace explain: the derivation of every extraction, and why-not at a place (--at)."""
import subprocess
import sys

from conftest import ROOT


def explain(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "quotetrace", "explain", *args], input=stdin, capture_output=True, text=True, cwd=ROOT)


SAYS_PACK = """
lexicons:
  - id: verbs
    description: two reporting verbs
    entries:
      - {lemma: say, forms: [says, said]}
rules:
  - id: says-that
    stage: attributions
    description: a capitalised word, a reporting verb, 'that' and the rest of the sentence
    pattern: 'source:%cap cue:@verbs content:(that _+?) .'
"""


def test_derivation_shows_rule_file_line_captures_lexicon_entry_and_links(tmp_path):
    text = tmp_path / "talks.txt"
    text.write_text("Foreign Minister Ana Diaz said the talks had failed. Diaz told reporters she would resign.", encoding="utf-8")
    result = explain(str(text))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "att1  indirect" in out
    assert "rule      attr.source-cue-content  (attributions.yaml:" in out
    assert 'cue:       ' in out and '"said"' in out
    assert '"said" = @reporting_verbs entry "say" (class=speech, lemma=say)  lexicons/reporting_verbs.yaml:' in out
    assert '"Foreign Minister Ana Diaz"' in out and "-> act" in out
    # The short name is linked to the full name, and the explanation names the linking rule.
    assert '"Diaz"  short-name  found by actor.name' in out and "linked by link.short-name" in out


def test_why_not_names_the_step_that_failed_and_the_token_it_failed_on(make_pack, tmp_path):
    pack = make_pack(rules=SAYS_PACK)
    text = tmp_path / "port.txt"
    text.write_text("Marsh says the port will grow.", encoding="utf-8")
    result = explain(str(text), "--rules", str(pack), "--at", "says")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[4].startswith("says-that  (rules.yaml:8)  2 of 5 steps from offset 0: failed at step 3 of 5: content:that")
    # The rule needs a word the text lacks: the engine never even tries it, and says so.
    assert lines[4].endswith('(and the rule is never tried here: it needs one of the words "that", and this document has none)')
    assert any(line.startswith("  ok    source:%cap") and line.endswith('"Marsh"') for line in lines)
    assert any(line.startswith("  ok    cue:@verbs") and line.endswith('"says"') for line in lines)
    assert any(line.startswith("  FAIL  content:that ") and line.endswith('no match at "the" (offset 11)') for line in lines)


def test_why_not_reports_a_full_match_as_kept_and_a_rule_whose_word_is_missing_as_skipped(make_pack, tmp_path):
    pack = make_pack(rules=SAYS_PACK + """
  - id: according
    stage: attributions
    description: according to a capitalised word
    pattern: 'cue:(according to) source:%cap'
""")
    text = tmp_path / "port.txt"
    text.write_text("Marsh says that the port will grow.", encoding="utf-8")
    out = explain(str(text), "--rules", str(pack), "--at", "7").stdout
    assert "says-that  (rules.yaml:8)  5 of 5 steps from offset 0: matched, and kept (tokens 0-8)" in out
    assert 'according  (rules.yaml:13)  skipped: needs one of the words "according", and this document has none' in out


def test_why_not_says_which_rule_won_when_a_match_lost_in_resolution(make_pack, tmp_path):
    pack = make_pack(rules=SAYS_PACK + """
  - id: says-anything
    stage: attributions
    priority: 5
    description: a reporting verb and the rest of the sentence, preferred
    pattern: 'source:%cap cue:@verbs content:(_+?) .'
""")
    text = tmp_path / "port.txt"
    text.write_text("Marsh says that the port will grow.", encoding="utf-8")
    out = explain(str(text), "--rules", str(pack), "--at", "says").stdout
    assert "says-that  (rules.yaml:8)  5 of 5 steps from offset 0: matched, but lost to rule 'says-anything' (rules.yaml:13, higher priority) over the same tokens" in out


def test_at_text_that_is_not_in_the_document_is_a_clear_error(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Marsh said so.", encoding="utf-8")
    result = explain(str(text), "--at", "nowhere")
    assert result.returncode == 2 and "does not occur in the document" in result.stderr and "Traceback" not in result.stderr
    result = explain(str(text), "--at", "999")
    assert result.returncode == 2 and "past the end of the text" in result.stderr


def test_explain_reads_stdin(tmp_path):
    result = explain("-", stdin="Marsh said the port would grow.")
    assert result.returncode == 0 and "# stdin" in result.stdout and "attr.source-cue-content" in result.stdout


def test_explain_shows_the_assembly_steps_that_changed_an_attribution():
    # construction: an organisation told something becomes the medium after the rules
    from quotetrace.authoring.explain import explain_record
    from quotetrace.pipeline import Engine

    text = "Peskov told TASS that the talks would go on."
    record = Engine(trace="full").record(text, "t")
    attribution = record["attributions"][0]
    assert attribution["roles"]["medium"][0]["text"] == "TASS" and "addressee" not in attribution["roles"]
    assert attribution["trace"]["steps"] == ["roles.trim", "sources.resolve", "sources.media-as-medium"]
    shown = explain_record(record)
    assert "sources.media-as-medium: the addressee is a news organisation, so it became the medium" in shown
