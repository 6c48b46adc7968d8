"""The HTML view, without a browser: marks where the record says, the text intact, the
report's pages and index, `quotetrace view` from records, notebooks and displaCy data.
(tests/test_view_browser.py checks the same page in Chromium.)"""
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotetrace
from quotetrace.cli import main
from quotetrace.view.marks import Mark, assign_levels, nest
from quotetrace.view.markup import marked_text, script_json
from quotetrace.view.model import TextSource, build_view
from quotetrace.view.report import Report
from conftest import ROOT, SHARED
from view_helpers import BRIDGE, FIRE, QUIET, mentions_in_record, mentions_on_page, read_marks, roles_in_record, roles_on_page


@pytest.fixture(scope="module")
def bridge(engine):
    return engine.extract(BRIDGE, id="bridge")


def write_texts(folder, **texts):
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_marked_text_is_the_document_and_every_role_and_mention_is_where_the_record_says(bridge):
    record = bridge.to_dict()
    assert len(record["attributions"]) == 6  # what the rest of this file counts on
    page = read_marks(f'<section class="qt-doc" data-doc="bridge">{_text_div(bridge)}</section>')["bridge"]
    assert page["text"] == BRIDGE
    assert roles_on_page(page["marks"]) == roles_in_record(record)
    assert mentions_on_page(page["marks"]) == mentions_in_record(record)


def _text_div(result):
    return f'<div class="qt-text">{marked_text(build_view(result))}</div>'


def test_nested_roles_are_drawn_below_the_roles_they_contain(bridge):
    view = build_view(bridge)
    roles = {(m.attributes["data-att"], m.attributes["data-role"]): m for m in view.marks if "data-role" in m.attributes}
    # The Courier's content holds Lee's attribution, which holds Haddad's.
    assert roles[("att6", "content")].level > roles[("att4", "content")].level > roles[("att5", "content")].level
    assert roles[("att5", "cue")].level == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12))
def test_any_spans_nest_into_pieces_that_cover_each_span_exactly(pairs):
    marks = [Mark(min(a, b), max(a, b), number % 3, {"n": number}) for number, (a, b) in enumerate(pairs)]
    assign_levels(marks)
    covered = {}

    def walk(pieces, low, high):
        for piece in pieces:
            assert low <= piece.start < piece.end <= high
            covered.setdefault(piece.mark.attributes["n"], []).append((piece.start, piece.end))
            walk(piece.children, piece.start, piece.end)

    walk(nest(marks), 0, 40)
    for mark in marks:
        if mark.end > mark.start:
            pieces = sorted(covered[mark.attributes["n"]])
            assert pieces[0][0] == mark.start and pieces[-1][1] == mark.end
            assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # one span, cut only where another ends
    for a in marks:  # overlapping marks never share a line
        for b in marks:
            if a is not b and a.start < b.end and b.start < a.end and a.end > a.start and b.end > b.start:
                assert a.level != b.level


def test_text_that_looks_like_markup_stays_text(engine):
    text = 'The mayor said "</script><script>alert(1)</script> & <b>bold</b>" was written on the wall.\n'
    result = engine.extract(text, id="<odd & id>")
    from quotetrace.view.markup import document_section
    from quotetrace.view.report import page as make_page

    html_page = make_page("t", document_section(build_view(result)))
    body = html_page.split("<main", 1)[1]
    assert body.count("<script") == 1 + body.count('<script type="application/json"')  # only the page's own
    assert "<b>" not in body and read_marks(body)["<odd & id>"]["text"] == text
    assert "\\u003c/script\\u003e" in script_json({"x": "</script>"})


def test_html_report_of_one_document_is_one_self_contained_file(tmp_path, capsys, engine):
    inputs = write_texts(tmp_path / "in", bridge=BRIDGE)
    out = tmp_path / "report.html"
    assert main(["extract", "--quiet", "--jobs", "1", "--format", "html", "--out", str(out), str(inputs)]) == 0
    page = out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "report.html"]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # Nothing is fetched: no external script, style, font or image, no http(s) address at all.
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(|https?://", page)
    assert '<h1 class="qt-title">bridge</h1>' in page and 'class="qt-index"' not in page
    marks = read_marks(page)["bridge"]
    assert marks["text"] == BRIDGE and roles_on_page(marks["marks"]) == roles_in_record(engine.record(BRIDGE, "bridge"))


def test_a_corpus_gets_an_index_of_documents_and_sources(tmp_path):
    inputs = write_texts(tmp_path / "in", bridge=BRIDGE, fire=FIRE, quiet=QUIET)
    out = tmp_path / "report.html"
    assert main(["extract", "--quiet", "--jobs", "1", "--format", "html", "--out", str(out), str(inputs)]) == 0
    page = out.read_text(encoding="utf-8")
    documents = page.split('<table class="qt-table qt-docs">')[1].split("</table>")[0]
    assert [re.sub("<[^>]+>", " ", row).split()[:3] for row in re.findall(r"<tr><td.*?</tr>", documents)] == [
        ["1", "bridge", "6"], ["2", "fire", "2"], ["3", "quiet", "0"]]
    sources = page.split('<table class="qt-table qt-sources">')[1].split("</table>")[0]
    ruiz = next(row for row in re.findall(r"<tr><td>.*?</tr>", sources) if "Dana Ruiz" in row)
    # Both of Ruiz's attributions, "said" and "told", in one row, each linking to its cue.
    assert re.findall(r'href="#(doc-2-att\d)"', ruiz) == ["doc-2-att1", "doc-2-att2"]
    assert 'id="doc-2-att2"' in page and set(read_marks(page)) == {"bridge", "fire", "quiet"}


def test_a_large_corpus_is_split_into_pages_beside_the_index(tmp_path, engine):
    out = tmp_path / "report.html"
    report = Report(out, per_page=2)
    texts = {"bridge": BRIDGE, "fire": FIRE, "quiet": QUIET, "fire-again": FIRE, "last": BRIDGE}
    for name, text in texts.items():
        report.add(engine.extract(text, id=name))
    files = report.close()
    assert [f.name for f in files] == ["report.html", "report-1.html", "report-2.html", "report-3.html"]
    index = out.read_text(encoding="utf-8")
    assert 'href="report-2.html#doc-3"' in index and 'href="report-3.html#doc-5-att6"' in index
    second = (tmp_path / "report-2.html").read_text(encoding="utf-8")
    assert set(read_marks(second)) == {"quiet", "fire-again"} and 'id="doc-4-att2"' in second
    assert 'rel="prev" href' not in second and 'href="report-1.html" rel="prev"' in second and 'href="report-3.html" rel="next"' in second
    assert 'rel="next"' not in (tmp_path / "report-3.html").read_text(encoding="utf-8")


def test_view_from_records_with_their_texts_shows_what_extract_shows(tmp_path, capsys):
    inputs = write_texts(tmp_path / "in", bridge=BRIDGE, fire=FIRE)
    records = tmp_path / "records.jsonl"
    assert main(["extract", "--quiet", "--jobs", "1", "--out", str(records), str(inputs)]) == 0
    assert main(["extract", "--quiet", "--jobs", "1", "--format", "html", "--out", str(tmp_path / "direct.html"), str(inputs)]) == 0
    assert main(["view", str(records), "--texts", str(inputs), "--out", str(tmp_path / "viewed.html")]) == 0
    direct, viewed = (read_marks((tmp_path / name).read_text(encoding="utf-8")) for name in ("direct.html", "viewed.html"))
    assert direct == viewed and viewed["fire"]["text"] == FIRE
    pack = json.loads(re.search(r'<script type="application/json" id="qt-pack">(.*?)</script>', (tmp_path / "viewed.html").read_text(encoding="utf-8")).group(1))
    assert all(rule["description"] and rule["pattern"] for rule in pack["rules"].values())  # the records' pack is the bundled one


def test_view_without_texts_shows_the_records_passages_and_says_so(tmp_path, capsys):
    records = tmp_path / "records.jsonl"
    records.write_text(quotetrace.extract(FIRE, id="fire").to_json(), encoding="utf-8")
    assert main(["view", str(records), "--out", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "The text of this document was not given" in page
    shown = read_marks(page)["fire"]
    assert "Fire Chief Dana Ruiz" in shown["text"] and "Elm Street" in shown["text"] and "…" in shown["text"]
    assert "wrote" in capsys.readouterr().err


def test_view_refuses_a_text_that_is_not_the_records_and_falls_back(tmp_path, capsys):
    inputs = write_texts(tmp_path / "in", fire=FIRE)
    records = tmp_path / "records.jsonl"
    records.write_text(quotetrace.extract(FIRE, id="fire").to_json() + "not json\n", encoding="utf-8")
    (inputs / "fire.txt").write_text(FIRE.replace("Ruiz", "Ortiz"), encoding="utf-8")  # edited since
    assert main(["view", str(records), "--texts", str(inputs), "--out", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "is not the one its record was made from" in err and ":2: not an output record" in err
    assert "The text of this document was not given" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_records_made_with_another_pack_are_shown_without_its_descriptions(tmp_path, capsys, make_pack):
    record = quotetrace.extract(FIRE, id="fire").to_dict()
    record["pack"] = "sha256:" + "0" * 64
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["view", str(records), "--out", str(tmp_path / "r.html")]) == 0
    assert "made with rule pack sha256:000000000000" in capsys.readouterr().err
    pack = json.loads(re.search(r'<script type="application/json" id="qt-pack">(.*?)</script>', (tmp_path / "r.html").read_text(encoding="utf-8")).group(1))
    rule = pack["rules"]["attr.source-cue-content"]
    assert rule["file"] == "attributions.yaml" and rule["description"] is None


def test_the_inspector_gets_the_whole_trace(bridge, engine):
    data = build_view(bridge).data
    according = data["atts"]["att3"]
    assert [s[:2] for s in according["roles"]["cue"]] == [[BRIDGE.index("according to"), BRIDGE.index("according to") + 12],
                                                          [BRIDGE.index("statement"), BRIDGE.index("statement") + 9]]
    trace = according["trace"]
    assert trace["rule"] == "attr.according-to-after" and set(trace["captures"]) >= {"source", "cue", "content"}
    entries = [data["entries"][key] for key, *_ in trace["lexicon"]]
    assert any(e["lexicon"] == "according_to" and e["file"].startswith("lexicons/") for e in entries)
    rule = data["rules"]["attr.according-to-after"]
    assert rule["file"] == "attributions.yaml" and rule["line"] > 1 and rule["description"] and rule["pattern"]
    lee = next(a for a in data["actors"].values() if a["name"] == "Ann Lee")
    she = next(m for m in lee["mentions"] if m["type"] == "pronoun")
    assert she["trace"]["link"]["rule"].startswith("link.pronoun") and she["trace"]["link"]["note"] == "'she' refers to 'Ann Lee'"


def test_assembly_steps_in_a_trace_reach_the_inspector_with_what_each_does(bridge):
    data = build_view(bridge).data
    for attribution in bridge.to_dict()["attributions"]:
        steps = attribution["trace"].get("steps", [])
        assert [step for step, _ in data["atts"][attribution["id"]]["trace"].get("steps", [])] == steps
    nested = data["atts"]["att5"]["trace"]["steps"]  # Haddad's telling, nested in Lee's saying
    assert ["attributions.nest", "nested in the attribution whose content holds its cue"] in nested


def test_a_document_that_failed_says_why(tmp_path):
    out = tmp_path / "r.html"
    report = Report(out)
    report.add(quotetrace.Engine(max_doc_bytes=10).extract(FIRE, id="fire"))
    report.close()
    assert "This document could not be analysed: document is" in out.read_text(encoding="utf-8")


def test_notebook_view_and_displacy_data(bridge):
    fragment = bridge._repr_html_()
    assert fragment.startswith('<div class="qt-view qt-notebook"><style>') and fragment.endswith("</script></div>")
    assert read_marks(fragment)["bridge"]["text"] == BRIDGE
    data = bridge.to_displacy()
    assert data["title"] == "bridge" and data["text"] == BRIDGE
    words = {(s["kb_id"], s["label"]): " ".join(data["tokens"][s["start_token"]:s["end_token"]]) for s in data["spans"]}
    assert words[("att3", "CUE")] in ("according to", "statement") and words[("att1", "ADDRESSEE")] == "reporters"
    assert len(data["spans"]) == sum(len(f) for a in bridge.attributions for f in a.roles.values())
    with_actors = bridge.to_displacy(actors=True)
    assert {"kb_id": "Ann Lee", "label": "PERSON"}.items() <= next(s for s in with_actors["spans"] if s["label"] == "PERSON").items()
    with pytest.raises(ValueError, match="needs the document's text"):
        quotetrace.Result.from_dict(bridge.to_dict()).to_displacy()


def test_displacy_renders_the_data_when_spacy_is_installed(bridge):
    displacy = pytest.importorskip("spacy.displacy", reason="spaCy is optional; the data's shape is tested without it")
    from quotetrace.view.displacy import COLORS

    markup = displacy.render(bridge.to_displacy(), style="span", manual=True, options={"colors": COLORS})
    assert "CONTENT" in markup and "reporters" in markup


def test_spans_only_text_source_marks_the_gaps():
    source = TextSource(None, 20, [(0, 4, "Mayo"), (10, 14, "said")])
    assert source.slice(0, 20) == "Mayo … said … "
    assert source.html(0, 20).count("qt-gap") == 2


SEED = SHARED / "seed" / "palmyra.txt"
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev" / "text"


def assert_page_matches_records(page: str, records: dict, texts: dict) -> int:
    """Every document of a report page: its text whole, its marks where its record says."""
    documents = read_marks(page)
    for name, shown in documents.items():
        assert shown["text"] == texts[name], name
        assert roles_on_page(shown["marks"]) == roles_in_record(records[name]), name
        assert mentions_on_page(shown["marks"]) == mentions_in_record(records[name]), name
    return len(documents)


def one_document_page(tmp_path, engine, name, text):
    result = engine.extract(text, id=name)
    report = Report(tmp_path / f"{name}.html")
    report.add(result)
    report.close()
    page = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
    assert assert_page_matches_records(page, {name: result.to_dict()}, {name: text}) == 1
    return result, page


def test_the_readmes_example_renders_with_every_mark_where_its_record_says(tmp_path, engine):
    result, page = one_document_page(tmp_path, engine, "harbour", (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8"))
    assert len(result.attributions) > 5 and page.count('tabindex="0" role="button"') == len(result.attributions)


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed/palmyra.txt is not present (the seed article is not shipped with the project)")
def test_the_seed_article_renders_with_every_mark_where_its_record_says(tmp_path, engine):
    result, page = one_document_page(tmp_path, engine, "palmyra", SEED.read_text(encoding="utf-8"))
    assert any(a.parent for a in result.attributions) and 'data-lv="1"' in page  # nested attributions drawn below


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/corpora/polnear/dev is not present (PolNeAR is not shipped with the project)")
def test_all_of_polnear_dev_renders_in_pages_with_every_mark_where_its_record_says(tmp_path, engine):
    report = Report(tmp_path / "dev.html")
    records, texts = {}, {}
    for path in sorted(POLNEAR_DEV.glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8")
        result = engine.extract(texts[path.stem], id=path.stem)
        records[path.stem] = result.to_dict()
        report.add(result)
    files = report.close()
    assert [f.name for f in files] == ["dev.html", "dev-1.html", "dev-2.html"]  # 84 documents, 50 to a page
    shown = sum(assert_page_matches_records(f.read_text(encoding="utf-8"), records, texts) for f in files[1:])
    assert shown == len(texts) == 84
    assert max(f.stat().st_size for f in files) < 8_000_000
