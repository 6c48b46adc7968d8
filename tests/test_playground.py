"""The rule playground's server and workspace, in-process: drafts checked as check checks
them, extractions and why-not for a text, saving only inside the rules folder and only a
pack that passes check, and the guards of a server any web page could try to reach.
(tests/test_playground_browser.py drives the page itself in Chromium.)"""
import json
import threading
import urllib.error
import urllib.request

import pytest

from quotetrace.playground.server import make_server
from quotetrace.playground.workspace import Refused, Workspace
from view_helpers import PLAYGROUND_PACK, PLAYGROUND_TEXT

PACK, TEXT = PLAYGROUND_PACK, PLAYGROUND_TEXT


@pytest.fixture
def rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.yaml").write_text(PACK, encoding="utf-8")
    return folder


@pytest.fixture
def server(rules):
    server, playground = make_server(rules, "127.0.0.1", 0, text=TEXT, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, playground
    server.shutdown()
    server.server_close()


def call(server, path, body=None, token=None, host=None):
    server, playground = server
    port = server.server_address[1]
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=None if body is None else json.dumps(body).encode())
    request.add_header("Host", host or f"127.0.0.1:{port}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.add_header("X-Quotetrace-Token", playground.token if token is None else token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_page_comes_with_everything_inline_and_its_token(server):
    status, page = call(server, "/")
    assert status == 200 and server[1].token in page
    assert "<script src" not in page and "<link" not in page and "http://" not in page and "https://" not in page
    status, state = call(server, "/api/state")
    state = json.loads(state)
    assert state["files"] == ["rules.yaml"] and state["text"] == TEXT and state["scratch"]["path"] == "scratch.yaml"


def test_an_edit_is_checked_and_changes_the_extractions(server):
    status, answer = call(server, "/api/run", {"text": TEXT, "drafts": {}})
    answer = json.loads(answer)
    assert status == 200 and answer["errors"] == 0 and answer["counts"]["attributions"] == 2
    edited = PACK.replace("forms: [says, said]", "forms: [says, said, told]")
    answer = json.loads(call(server, "/api/run", {"text": TEXT, "drafts": {"rules.yaml": edited}})[1])
    assert answer["counts"]["attributions"] == 3 and 'data-att="att3"' in answer["html"]


def test_a_broken_rule_shows_its_error_at_its_line_and_column(server):
    broken = PACK.replace("content:(that _+?) .", "content:(that _+? .")
    answer = json.loads(call(server, "/api/run", {"text": TEXT, "drafts": {"rules.yaml": broken}})[1])
    assert answer["errors"] == 1 and "html" not in answer
    problem = next(p for p in answer["problems"] if p["severity"] == "error")
    assert (problem["file"], problem["line"]) == ("rules.yaml", 10) and problem["column"] > 10


def test_why_not_names_the_step_that_failed(server):
    answer = json.loads(call(server, "/api/whynot", {"text": TEXT, "drafts": {}, "offset": TEXT.index("told"), "stage": "attributions"})[1])
    assert answer["word"] == "told"
    attempt = next(a for a in answer["attempts"] if a["rule"] == "says-that")
    failed = [step for step in attempt["steps"] if step["state"] == "fail"]
    assert attempt["matched"] == 1 and failed[0]["text"].startswith("cue:@verbs") and failed[0]["at"] == "told"


def test_save_writes_a_pack_that_passes_check(server, rules):
    edited = PACK.replace("forms: [says, said]", "forms: [says, said, told]")
    status, answer = call(server, "/api/save", {"drafts": {"rules.yaml": edited, "extra/scratch.yaml": "rules: []\n"}})
    assert status == 200 and json.loads(answer)["saved"] == ["extra/scratch.yaml", "rules.yaml"]
    assert (rules / "rules.yaml").read_text(encoding="utf-8") == edited and (rules / "extra" / "scratch.yaml").is_file()


def test_save_refuses_a_pack_that_fails_check_and_writes_nothing(server, rules):
    broken = PACK.replace("cue:@verbs", "cue:@nowhere")
    status, answer = call(server, "/api/save", {"drafts": {"rules.yaml": broken, "more.yaml": "rules: []\n"}})
    answer = json.loads(answer)
    assert status == 400 and "check must pass first" in answer["error"] and any("nowhere" in p["message"] for p in answer["problems"] if p["severity"] == "error")
    assert (rules / "rules.yaml").read_text(encoding="utf-8") == PACK and not (rules / "more.yaml").exists()


@pytest.mark.parametrize("name", ["../outside.yaml", "/tmp/outside.yaml", "a/../../outside.yaml", "notes.txt", "~/x.yaml", "a\\..\\x.yaml", ""])
def test_save_refuses_any_path_that_leaves_the_rules_folder(server, rules, name):
    status, answer = call(server, "/api/save", {"drafts": {name: "rules: []\n"}})
    assert status == 400 and json.loads(answer)["error"]
    assert sorted(p.name for p in rules.parent.rglob("*") if p.is_file()) == ["rules.yaml"]


def test_a_symbolic_link_out_of_the_folder_is_refused(rules, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (rules / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(Refused, match="leads outside the rules folder"):
        Workspace(rules).save({"linked/evil.yaml": "rules: []\n"})
    assert list(outside.iterdir()) == []


def test_requests_from_elsewhere_are_refused(server):
    assert call(server, "/", host="evil.example:80")[0] == 403  # a name rebound to 127.0.0.1
    assert call(server, "/api/run", {"text": TEXT}, token="guessed")[0] == 403
    assert call(server, "/api/run", {"text": 5})[0] == 400
    assert call(server, "/api/whynot", {"text": TEXT, "offset": 10_000})[0] == 400
