"""The rule playground in a real browser (headless Chromium), against a server in this process
on a small rule pack of our own: an edit typed into a rule file changes the extractions, a
broken rule shows its error at its line, a click on a word asks why not, and a save outside
the rules folder is refused while a good one is written. One browser session for the module."""
import threading
import time

import pytest

from browser import page_errors, screenshot, start_chromium
from quotetrace.playground.server import make_server
from view_helpers import PLAYGROUND_PACK, PLAYGROUND_TEXT


@pytest.fixture(scope="module")
def session():
    browser = start_chromium(1500, 1000)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def playground(tmp_path_factory):
    folder = tmp_path_factory.mktemp("playground")
    rules = folder / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text(PLAYGROUND_PACK, encoding="utf-8")
    server, _ = make_server(rules, "127.0.0.1", 0, text=PLAYGROUND_TEXT, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", rules
    server.shutdown()
    server.server_close()


def wait_for(session, script, timeout=60.0):
    """The value of a script once it is truthy; fails with the page's status line after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = session.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}; status: {status(session)}")


def status(session):
    return session.find_element("id", "pg-status").text


def open_page(session, url):
    session.get(url)
    wait_for(session, "return /attributions|error/.test(document.getElementById('pg-status').textContent) && !document.getElementById('pg-status').classList.contains('pg-busy')")


def type_rules(session, text):
    """Replace the open rule file's text by typing it, as a person would."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    code = session.find_element("id", "pg-code")
    code.click()
    ActionChains(session).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
    code.send_keys(text)
    wait_for(session, "return !document.getElementById('pg-status').classList.contains('pg-busy') && document.getElementById('pg-status').textContent.indexOf('your edits') >= 0 || /error/.test(document.getElementById('pg-status').textContent)")


def cues(session):
    return session.execute_script("return Array.from(document.querySelectorAll('#pg-view .qt-text [data-role=cue]')).map(n => n.getAttribute('data-att') + ':' + n.textContent)")


def click_word(session, word):
    """A real click in the middle of the first occurrence of a word in the marked text."""
    from selenium.webdriver.common.action_chains import ActionChains

    text = session.find_element("css selector", "#pg-view .qt-text")
    x, y = session.execute_script("""
      var text = arguments[0], word = arguments[1], walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) {
        var at = node.data.indexOf(word);
        if (at < 0) continue;
        var range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + word.length);
        var r = range.getBoundingClientRect(), box = text.getBoundingClientRect();
        return [r.left + r.width / 2 - (box.left + box.width / 2), r.top + r.height / 2 - (box.top + box.height / 2)];
      }""", text, word)
    ActionChains(session).move_to_element_with_offset(text, int(x), int(y)).click().perform()


def test_the_page_shows_the_pack_and_the_texts_extractions(session, playground):
    url, _ = playground
    open_page(session, url)
    assert cues(session) == ["att1:said", "att2:said"]
    assert session.find_element("id", "pg-code").get_attribute("value") == PLAYGROUND_PACK
    assert "check is clean" in status(session) and page_errors(session) == []


def test_a_click_on_a_word_shows_why_each_rule_did_not_match_there(session, playground):
    url, _ = playground
    open_page(session, url)
    click_word(session, "told")
    wait_for(session, "return document.querySelector('#pg-whynot details[data-rule=says-that]')")
    says = session.find_element("css selector", '#pg-whynot details[data-rule="says-that"]').text
    assert "1 of 5 steps" in says and "failed at step 2 of 5: cue:@verbs" in says
    failed = session.find_element("css selector", '#pg-whynot details[data-rule="says-that"] li[data-state="fail"]').text
    assert "cue:@verbs" in failed and "no match at “told”" in failed
    screenshot(session, "playground-whynot")


def test_an_edit_to_a_rule_changes_the_extractions(session, playground):
    url, rules = playground
    open_page(session, url)
    type_rules(session, PLAYGROUND_PACK.replace("forms: [says, said]", "forms: [says, said, told]"))
    wait_for(session, "return document.querySelectorAll('#pg-view .qt-text [data-role=cue]').length === 3")
    assert cues(session) == ["att1:said", "att2:told", "att3:said"]
    assert "with your edits, unsaved" in status(session)
    assert session.find_element("id", "pg-save").is_enabled()
    assert (rules / "rules.yaml").read_text(encoding="utf-8") == PLAYGROUND_PACK  # nothing saved yet


def test_a_broken_rule_shows_its_error_at_its_line_and_cannot_be_saved(session, playground):
    url, rules = playground
    open_page(session, url)
    type_rules(session, PLAYGROUND_PACK.replace("content:(that _+?) .", "content:(that _+? ."))
    error = wait_for(session, "return document.querySelector('#pg-problems li[data-severity=error]')")
    assert error.get_attribute("data-line") == "10" and error.text.startswith("rules.yaml:10:")
    assert "pg-line-error" in session.find_element("css selector", "#pg-gutter span:nth-child(10)").get_attribute("class")
    assert not session.find_element("id", "pg-save").is_enabled() and "error in the pack" in status(session)
    assert "pg-stale" in session.find_element("id", "pg-view").get_attribute("class")  # the last good extractions, dimmed
    error.find_element("tag name", "button").click()  # takes the cursor to the place
    line = session.execute_script("var c = document.getElementById('pg-code'); return c.value.slice(0, c.selectionStart).split('\\n').length")
    assert line == 10
    screenshot(session, "playground-error")


def test_a_save_outside_the_rules_folder_is_refused_and_a_good_one_is_written(session, playground):
    url, rules = playground
    open_page(session, url)
    answer = session.execute_async_script("""
      var done = arguments[arguments.length - 1];
      fetch('/api/save', {method: 'POST', headers: {'Content-Type': 'application/json',
             'X-Quotetrace-Token': document.querySelector('meta[name=quotetrace-token]').content},
             body: JSON.stringify({drafts: {'../outside.yaml': 'rules: []\\n'}})})
        .then(r => r.json().then(j => done([r.status, j.error])));""")
    assert answer[0] == 400 and "only files inside the rules folder" in answer[1]
    assert not (rules.parent / "outside.yaml").exists()
    edited = PLAYGROUND_PACK.replace("forms: [says, said]", "forms: [says, said, told]")
    type_rules(session, edited)
    wait_for(session, "return document.querySelectorAll('#pg-view .qt-text [data-role=cue]').length === 3")
    session.find_element("id", "pg-save").click()
    wait_for(session, "return document.getElementById('pg-status').textContent.indexOf('Saved rules.yaml') === 0")
    assert (rules / "rules.yaml").read_text(encoding="utf-8") == edited
    assert not session.find_element("id", "pg-save").is_enabled()
    hover_target = session.find_element("css selector", '#pg-view [data-att="att2"][data-role="cue"]')
    hover_target.click()
    assert "says-that" in session.find_element("css selector", "#pg-view .qt-panel").text
    screenshot(session, "playground")
    assert page_errors(session) == []
