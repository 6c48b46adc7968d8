"""`quotetrace eval` reproduces figures computed by hand on a tiny gold set."""
import json
import subprocess
import sys

from quotetrace.evaluation.brat import parse_ann
from quotetrace.evaluation.metrics import Counts, score_document, trim
from conftest import ROOT

TEXT = "Putin said the talks were useful. “We agree,” Lavrov added. Prices rose."
#        0         1         2         3         4         5         6
#        0123456789012345678901234567890123456789012345678901234567890123456789


def test_trim_drops_white_space_and_punctuation_including_quotes():
    assert trim(TEXT, [(33, 45)]) == ((35, 43),)


def test_parse_ann_reads_fragments_and_events():
    ann = "T1\tSource 0 5\tPutin\nT2\tCue 6 10;11 14\tsaid the\nT3\tDiscuss 0 3\tPut\nE1\tSource:T1 Cue:T2\n"
    (attribution,) = parse_ann(ann)
    assert attribution.roles == {"source": [(0, 5)], "cue": [(6, 10), (11, 14)]}


def test_figures_on_a_hand_made_document():
    gold = parse_ann(
        "T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 32\tthe talks were useful\nE1\tSource:T1 Cue:T2 Content:T3\n"
        "T4\tSource 46 52\tLavrov\nT5\tCue 53 58\tadded\nT6\tContent 34 45\t“We agree,”\nE2\tSource:T4 Cue:T5 Content:T6\n"
    )
    predicted = parse_ann(
        "T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 21\tthe talks\nE1\tSource:T1 Cue:T2 Content:T3\n"
        "T4\tSource 60 66\tPrices\nT5\tCue 67 71\trose\nE2\tSource:T4 Cue:T5\n"
    )
    counts = Counts()
    score_document(TEXT, gold, predicted, counts)
    assert counts.prf("exact:cue:tp", "exact:cue:pred", "exact:cue:gold") == (0.5, 0.5, 0.5)
    assert counts.prf("exact:content:tp", "exact:content:pred", "exact:content:gold") == (0.0, 0.0, 0.0)
    assert counts.prf("pairs", "pred", "gold") == (0.5, 0.5, 0.5)
    assert counts.values["pair:content:partial"] == 1 and counts.values["pair:content:exact"] == 0
    assert counts.values["attribution"] == 1


def test_eval_command_on_a_flat_gold_folder_with_missing_ann(tmp_path):
    (tmp_path / "one.txt").write_text("Putin said the talks were useful.", encoding="utf-8")
    (tmp_path / "one.ann").write_text("T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 32\tthe talks were useful\nE1\tSource:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("No annotation for this one.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(tmp_path), "--json"], capture_output=True, text=True, cwd=ROOT)
    figures = json.loads(result.stdout)
    assert figures["documents"] == 1 and figures["skipped"] == {"without gold": 1}
    assert figures["figures"]["cue span-exact"]["f1"] == 1.0
    assert figures["figures"]["attribution"]["f1"] == 1.0


def test_eval_polnear_layout_with_several_annotators(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text("Putin said the talks were useful.", encoding="utf-8")
    good = "T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 32\tthe talks were useful\nE1\tSource:T1 Cue:T2 Content:T3\n"
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(good, encoding="utf-8")
    (tmp_path / "attributions" / "doc_bbbb.ann").write_text("", encoding="utf-8")
    first = json.loads(subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(tmp_path), "--json"], capture_output=True, text=True, cwd=ROOT).stdout)
    both = json.loads(subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(tmp_path), "--json", "--annotator", "all"], capture_output=True, text=True, cwd=ROOT).stdout)
    assert first["figures"]["cue overlap"]["recall"] == 1.0 and first["gold"] == 1
    assert both["gold"] == 0.5 and both["figures"]["cue overlap"]["precision"] == 0.5


def test_discontinuous_spans_count_as_one_span():
    text = "According to Peskov's statement, it rained."
    gold = parse_ann("T1\tCue 0 12;22 31\taccording to statement\nT2\tSource 13 19\tPeskov\nT3\tContent 33 42\tit rained\nE1\tCue:T1 Source:T2 Content:T3\n")
    counts = Counts()
    score_document(text, gold, gold, counts)
    assert counts.values["exact:cue:gold"] == 1 and counts.values["exact:cue:tp"] == 1


def _ann(*attributions):
    """brat lines for attributions given as {role: [(start, end), ...]}."""
    lines, number = [], 0
    for index, roles in enumerate(attributions, 1):
        arguments = []
        for role, fragments in roles.items():
            number += 1
            lines.append(f"T{number}\t{role.capitalize()} " + ";".join(f"{s} {e}" for s, e in fragments) + "\tx")
            arguments.append(f"{role.capitalize()}:T{number}")
        lines.append(f"E{index}\t" + " ".join(arguments))
    return "\n".join(lines) + "\n"


def test_boundary_report_names_each_shape_and_its_oracle_gain(tmp_path):
    from quotetrace.evaluation.boundaries import BoundaryReport
    from quotetrace.evaluation.report import evaluate

    # A content that runs on through a relative clause; a source that keeps one; a split
    # quotation of which only the first part was found.
    text = ("Mayor Ann Lee, who took office in May, said the bridge would reopen soon, which pleased drivers. "
            "“We are ready,” she said, “and we will open on time.”")
    find = lambda phrase: (text.index(phrase), text.index(phrase) + len(phrase))
    gold = _ann(
        {"source": [find("Mayor Ann Lee")], "cue": [find("said")], "content": [find("the bridge would reopen soon")]},
        {"source": [find("she")], "cue": [(find("she said")[0] + 4, find("she said")[1])], "content": [find("We are ready"), find("and we will open on time")]},
    )
    predicted = _ann(
        {"source": [find("Mayor Ann Lee, who took office in May")], "cue": [find("said")], "content": [find("the bridge would reopen soon, which pleased drivers")]},
        {"source": [find("she")], "cue": [(find("she said")[0] + 4, find("she said")[1])], "content": [find("We are ready")]},
    )
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    (tmp_path / "gold" / "bridge.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold" / "bridge.ann").write_text(gold, encoding="utf-8")
    (tmp_path / "pred" / "bridge.ann").write_text(predicted, encoding="utf-8")
    report = BoundaryReport()
    evaluate(tmp_path / "gold", pred_dir=tmp_path / "pred", boundaries=report)
    content, content_now, content_best = report.rows("content")
    assert [(shape, count) for shape, count, _ in content] == [
        ("runs on: ', who/which ...' clause", 1), ("split in the gold, one part found", 1)]
    # 0 of 2 content spans right now; fixing either shape makes one of two right: F1 0.5.
    assert content_now == 0.0 and content_best == 1.0
    assert [round(gain, 3) for _, _, gain in content] == [0.5, 0.5]
    source, source_now, _ = report.rows("source")
    assert [(shape, count) for shape, count, _ in source] == [("runs on: ', who/which ...' clause", 1)]
    assert source_now == 0.5
    assert "runs on: ', who/which ...' clause" in report.text()


def test_actor_sample_is_seeded_and_lists_what_a_reader_judges(tmp_path):
    """eval --actor-sample: the same seed gives the same rows, each with the columns to judge."""
    for number, text in enumerate(["Mayor Ana Ruiz said the bridge would reopen.", "The ministry said prices would fall, Tomas Berg told reporters."]):
        (tmp_path / f"doc{number}.txt").write_text(text, encoding="utf-8")

    def sample(seed):
        result = subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(tmp_path), "--actor-sample", "2", "--seed", str(seed)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        return [line.split("\t") for line in result.stdout.splitlines()]

    rows = sample(3)
    assert rows[0][:4] == ["n", "document", "actor", "name"] and rows[0][-1] == "judgement"
    assert len(rows) == 3 and all(len(row) == len(rows[0]) and row[-1] == "" for row in rows[1:])
    assert rows == sample(3)
    names = {row[3] for row in rows[1:]}
    assert names <= {"Ana Ruiz", "ministry", "Tomas Berg", "reporters"}
    ruiz = next((row for row in rows[1:] if row[3] == "Ana Ruiz"), None)
    if ruiz is not None:
        assert ruiz[4] == "person" and ruiz[10].startswith("[[Mayor Ana Ruiz]]")


def test_actor_sample_draw_is_stable_when_other_actors_change(tmp_path):
    """The draw hashes (seed, document, first mention offset): taking away a document none of
    whose actors was drawn leaves the sample as it was (a draw by position would reshuffle)."""
    texts = ["Mayor Ana Ruiz said the bridge would reopen.", "The ministry said prices would fall, Tomas Berg told reporters.",
             "Governor Lena Ortiz told the Riverton Herald the port would grow.", "Dr. Nina Park said the clinic was full, the board said."]
    for number, text in enumerate(texts):
        (tmp_path / f"doc{number}.txt").write_text(text, encoding="utf-8")

    def sample():
        result = subprocess.run([sys.executable, "-m", "quotetrace", "eval", str(tmp_path), "--actor-sample", "3", "--seed", "5"], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        return [line.split("\t")[1:] for line in result.stdout.splitlines()[1:]]

    before = sample()
    assert len(before) == 3
    unused = [number for number in range(len(texts)) if f"doc{number}" not in {row[0] for row in before}]
    assert unused
    (tmp_path / f"doc{unused[0]}.txt").unlink()
    assert sample() == before


def test_a_floating_quotation_is_scored_as_more_content_of_the_attribution_it_follows(engine):
    # Construction: a quotation paragraph with no cue after one speaker's attribution. The
    # record keeps it apart (floating); a corpus of attributions joins it to the content.
    from quotetrace.evaluation.report import predictions_from_record

    text = ("“We will keep the clinic open,” Dr. Ana Ruiz said.\n\n"
            "“Nobody in this valley should drive two hours to see a nurse.”\n\nThe board meets in May.")
    record = engine.record(text, "clinic")
    floating = [a for a in record["attributions"] if a.get("floating")]
    assert len(floating) == 1
    (said,) = predictions_from_record(record)
    assert [text[s:e] for s, e in said.roles["content"]] == [
        "“We will keep the clinic open,”", "“Nobody in this valley should drive two hours to see a nurse.”"]
