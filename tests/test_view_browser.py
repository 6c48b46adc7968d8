"""The HTML report in a real browser (headless Chromium): the roles and mentions sit where the
records say, counted in the page's DOM; pointing at an extraction or focusing it from the
keyboard shows its trace; a click pins it; the index links to each extraction; nothing is
fetched. One browser session for the module; screenshots in tests/browser.screenshot_folder()."""
import pytest

from browser import page_errors, screenshot, start_chromium
from conftest import ROOT, SHARED
from quotetrace.view.report import Report
from view_helpers import BRIDGE, FIRE, QUIET, mentions_in_record, merged, roles_in_record

HARBOUR = (ROOT / "examples" / "harbour.txt").read_text(encoding="utf-8")

READ_MARKS = """
return Array.from(document.querySelectorAll('.qt-doc')).map(function (section) {
  var text = section.querySelector('.qt-text');
  var marks = Array.from(text.querySelectorAll('[data-role], [data-actor]')).map(function (node) {
    var before = document.createRange();
    before.setStart(text, 0);
    before.setEndBefore(node);
    var start = before.toString().length;
    return {att: node.getAttribute('data-att'), role: node.getAttribute('data-role'), actor: node.getAttribute('data-actor'),
            m: node.getAttribute('data-m'), start: start, end: start + node.textContent.length};
  });
  return {id: section.getAttribute('data-doc'), text: text.textContent, marks: marks};
});
"""


def dom_roles(document) -> dict:
    """(attribution, role) -> ranges, from the marks READ_MARKS found in one document."""
    found = {}
    for mark in document["marks"]:
        if mark["role"]:
            found.setdefault((mark["att"], mark["role"]), []).append((mark["start"], mark["end"]))
    return {key: merged(ranges) for key, ranges in found.items()}


def dom_mentions(document) -> dict:
    found = {}
    for mark in document["marks"]:
        if mark["actor"]:
            found.setdefault((mark["actor"], int(mark["m"])), []).append((mark["start"], mark["end"]))
    return {key: merged(ranges) for key, ranges in found.items()}


@pytest.fixture(scope="module")
def session():
    browser = start_chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, engine):
    """A report of three documents of our own (one page with its index), and their records."""
    folder = tmp_path_factory.mktemp("report")
    report = Report(folder / "report.html")
    records = {}
    for name, text in (("bridge", BRIDGE), ("fire", FIRE), ("quiet", QUIET)):
        result = engine.extract(text, id=name)
        records[name] = result.to_dict()
        report.add(result)
    report.close()
    return (folder / "report.html").as_uri(), records


@pytest.fixture(scope="module")
def harbour(tmp_path_factory, engine):
    folder = tmp_path_factory.mktemp("harbour")
    report = Report(folder / "harbour.html")
    report.add(engine.extract(HARBOUR, id="harbour"))
    report.close()
    return (folder / "harbour.html").as_uri()


def load(session, url):
    session.get(url)
    session.execute_script("return document.readyState")
    return url


def hover(session, selector):
    from selenium.webdriver.common.action_chains import ActionChains

    node = session.find_element("css selector", selector)
    session.execute_script("arguments[0].scrollIntoView({block: 'center'})", node)
    ActionChains(session).move_to_element(node).perform()
    return node


def panel_text(session, doc=1):
    return session.find_element("css selector", f"#doc-{doc} .qt-panel").text


def test_roles_and_mentions_are_where_the_records_say_counted_in_the_dom(session, corpus):
    url, records = corpus
    load(session, url)
    documents = {doc["id"]: doc for doc in session.execute_script(READ_MARKS)}
    assert set(documents) == set(records)
    for name, text in (("bridge", BRIDGE), ("fire", FIRE), ("quiet", QUIET)):
        page, record = documents[name], records[name]
        assert page["text"] == text
        assert dom_roles(page) == roles_in_record(record)
        assert dom_mentions(page) == mentions_in_record(record)
    assert page_errors(session) == []


def test_nothing_is_fetched_and_the_script_runs(session, corpus):
    load(session, corpus[0])
    assert session.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert session.execute_script("return !!(window.quotetraceView && document.querySelector('#doc-1').getAttribute('data-ready'))")


def test_pointing_at_a_cue_shows_its_trace_and_marks_all_its_pieces(session, corpus):
    load(session, corpus[0])
    hover(session, '#doc-1 [data-att="att3"][data-role="cue"]')
    text = panel_text(session)
    assert "Attribution att3" in text and "attr.according-to-after" in text and "attributions.yaml:" in text
    for part in ("CAPTURES", "LEXICON ENTRIES", "according to … statement", "@according_to", "lexicons/"):
        assert part in text, part
    lit = session.execute_script("return Array.from(document.querySelectorAll('#doc-1 .qt-text .qt-on')).map(n => n.getAttribute('data-att'))")
    assert set(lit) == {"att3"} and len(lit) >= 4  # the source, the content, both pieces of the cue
    # Nested attributions show their parent and children.
    hover(session, '#doc-1 [data-att="att4"][data-role="cue"]')
    text = panel_text(session)
    assert "Nested in att6" in " ".join(text.split()) and "Contains att5" in " ".join(text.split())
    assert "THEN THE ASSEMBLY STEPS" in text and "attributions.nest — nested in the attribution whose content holds its cue" in text


def test_pointing_at_a_pronoun_shows_its_actor_and_the_linking_rule(session, corpus):
    load(session, corpus[0])
    node = hover(session, '#doc-1 .qt-text [data-actor="act1"][data-type="pronoun"]')
    assert node.text == "she"
    text = panel_text(session)
    assert "Ann Lee" in text and "link.pronoun" in text and "'she' refers to 'Ann Lee'" in text
    lit = session.execute_script("return Array.from(document.querySelectorAll('#doc-1 .qt-text [data-actor].qt-on')).map(n => n.textContent)")
    assert lit == ["Mayor Ann Lee", "she", "Lee"]
    # The chip beside the pronoun names the actor it stands for, without hovering.
    chip = session.execute_script("return getComputedStyle(arguments[0], '::after').content", node)
    assert chip == '"1 Ann Lee"'


def test_keyboard_focus_shows_a_trace_enter_pins_it_and_escape_unpins(session, corpus):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    load(session, corpus[0] + "#doc-1")
    session.execute_script("document.activeElement && document.activeElement.blur(); document.querySelector('#doc-1 .qt-title').setAttribute('tabindex', '-1'); document.querySelector('#doc-1 .qt-title').focus()")
    for _ in range(5):
        ActionChains(session).send_keys(Keys.TAB).perform()
        if session.execute_script("return document.activeElement.getAttribute('data-role')") == "cue":
            break
    focused = session.execute_script("return document.activeElement.getAttribute('data-att')")
    assert focused == "att1" and "Attribution att1" in panel_text(session)
    outline = session.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    ActionChains(session).send_keys(Keys.ENTER).perform()
    assert "PINNED" in panel_text(session)
    hover(session, '#doc-1 [data-att="att3"][data-role="cue"]')  # the pointer elsewhere does not move a pin
    assert "Attribution att1" in panel_text(session) and "Attribution att3" not in panel_text(session)
    ActionChains(session).send_keys(Keys.ESCAPE).perform()
    assert "PINNED" not in panel_text(session)
    # A click pins too, and a second click on it unpins.
    cue = hover(session, '#doc-1 [data-att="att2"][data-role="cue"]')
    cue.click()
    assert "PINNED" in panel_text(session) and "Attribution att2" in panel_text(session)
    cue.click()
    assert "PINNED" not in panel_text(session)


def test_the_index_links_each_source_to_its_extraction(session, corpus):
    load(session, corpus[0])
    link = session.find_element("css selector", '.qt-sources a[href="#doc-2-att2"]')
    assert link.text == "fire: told"
    session.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    text = panel_text(session, doc=2)
    assert "PINNED" in text and "Attribution att2" in text and "MEDIUM" in text and "the Evening Post" in text
    in_view = session.execute_script(
        "var r = document.getElementById('doc-2-att2').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight")
    assert in_view


def test_role_labels_can_be_shown_for_every_role(session, corpus):
    load(session, corpus[0])
    first = session.find_element("css selector", '#doc-1 .qt-text [data-role="source"][data-label]')
    before = "return getComputedStyle(arguments[0], '::before').content"
    assert session.execute_script(before, first) == "none"
    session.find_element("css selector", '.qt-toggle[data-class="qt-show-labels"]').click()
    assert session.execute_script(before, first) == '"source"'


def test_screenshots_of_the_report_in_colour_and_in_grayscale(session, harbour):
    """For people to look at (docs/view.md shows copies): the README's example, one attribution pinned."""
    session.set_window_size(1400, 1000)
    load(session, harbour)
    cue = hover(session, '[data-att="att3"][data-role="cue"]')
    cue.click()
    session.execute_script("window.scrollTo(0, 0)")
    assert "Attribution att3" in panel_text(session)
    assert screenshot(session, "report").stat().st_size > 10_000
    assert screenshot(session, "report-grayscale", grayscale=True).stat().st_size > 10_000
    assert page_errors(session) == []


POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev" / "text"


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/corpora/polnear/dev is not present (PolNeAR is not shipped with the project)")
def test_a_page_of_polnear_dev_holds_every_mark_where_its_record_says(session, tmp_path, engine):
    """The first page of the dev report (50 articles, 3.5 MB), read back from Chromium's DOM."""
    report = Report(tmp_path / "dev.html")
    records = {}
    for path in sorted(POLNEAR_DEV.glob("*.txt"))[:50]:
        result = engine.extract(path.read_text(encoding="utf-8"), id=path.stem)
        records[path.stem] = (result.text, result.to_dict())
        report.add(result)
    report.close()
    load(session, (tmp_path / "dev.html").as_uri())
    documents = session.execute_script(READ_MARKS)
    assert len(documents) == 50
    for doc in documents:
        text, record = records[doc["id"]]
        assert doc["text"] == text, doc["id"]
        assert dom_roles(doc) == roles_in_record(record), doc["id"]
        assert dom_mentions(doc) == mentions_in_record(record), doc["id"]
    assert page_errors(session) == []
