"""Texts of our own for the view's tests, and a reader of the marks a report page holds."""
from __future__ import annotations

import html
from html.parser import HTMLParser

# Nested three deep (the Courier reports that Lee said that Haddad had told her ...), a
# pronoun and a short name for one actor, a quotation split around its cue, a cue in two
# pieces ("according to ... statement") and an addressee.
BRIDGE = (
    "Mayor Ann Lee told reporters on Friday that the bridge would reopen in May. "
    '"We are ahead of schedule," she said. "The steel arrived early."\n\n'
    "The repairs cost less than expected, according to the council's written statement. "
    "Lee said transport chief Omar Haddad had told her that the crews worked at night, the Daily Courier reported.\n"
)
# A medium ("told the Evening Post") and a speaker named in full, then by surname.
FIRE = 'Fire Chief Dana Ruiz said the blaze started in a kitchen on Elm Street. "Nobody was hurt," Ruiz told the Evening Post.\n'
# Nothing said by anyone.
QUIET = "The market on Harbour Road opens at seven and closes when the fish run out.\n"

# A rule pack small enough to compile at once, for the playground: "told" is not one of its
# verbs, so the second sentence is found only once an edit adds it.
PLAYGROUND_PACK = """lexicons:
  - id: verbs
    description: verbs of saying
    entries:
      - {lemma: say, forms: [says, said]}
rules:
  - id: says-that
    stage: attributions
    description: a capitalised word, a verb of saying, 'that' and the rest of the sentence
    pattern: 'source:%cap cue:@verbs content:(that _+?) .'
  - id: quote-then-speaker
    stage: attributions
    description: a quotation, then who said it
    pattern: 'content:<quote> source:%cap cue:@verbs'
"""
PLAYGROUND_TEXT = 'Harris said that the ferry would run on Sundays. Okafor told that the fares would rise.\n\n"We will add a night boat," Harris said.\n'


class Marks(HTMLParser):
    """Each document's text (the text content of its .qt-text) and where each role and
    mention element starts and ends in it, counted as the page's DOM counts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.documents: dict[str, dict] = {}
        self._doc = None
        self._depth = 0      # open elements inside the current .qt-text
        self._stack = []     # (attributes, start) of the open elements inside it

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "section" and "qt-doc" in (values.get("class") or "").split():
            self._doc = {"id": html.unescape(values.get("data-doc", "")), "text": [], "marks": []}
            self.documents[self._doc["id"]] = self._doc
        elif self._doc is not None and tag == "div" and values.get("class") == "qt-text":
            self._depth = 1
        elif self._depth:
            self._depth += 1
            self._stack.append((values, self._length()))

    def handle_endtag(self, tag):
        if not self._depth:
            return
        self._depth -= 1
        if self._depth == 0:
            self._doc["text"] = "".join(self._doc["text"])
            return
        values, start = self._stack.pop()
        self._doc["marks"].append((values, start, self._length()))

    def handle_data(self, data):
        if self._depth:
            self._doc["text"].append(data)

    def _length(self):
        return sum(len(part) for part in self._doc["text"])


def read_marks(page: str) -> dict:
    parser = Marks()
    parser.feed(page)
    return parser.documents


def merged(ranges):
    """Ranges with the pieces of one span (cut where another span ends) joined again."""
    out = []
    for start, end in sorted(ranges):
        if out and start == out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def roles_on_page(marks) -> dict:
    """(attribution id, role) -> merged ranges, from the marks of one document."""
    found = {}
    for values, start, end in marks:
        if "data-role" in values:
            found.setdefault((values["data-att"], values["data-role"]), []).append((start, end))
    return {key: merged(ranges) for key, ranges in found.items()}


def roles_in_record(record) -> dict:
    return {(a["id"], role): merged([(f["start"], f["end"]) for f in fragments])
            for a in record["attributions"] for role, fragments in a["roles"].items()}


def mentions_on_page(marks) -> dict:
    found = {}
    for values, start, end in marks:
        if "data-actor" in values:
            found.setdefault((values["data-actor"], int(values["data-m"])), []).append((start, end))
    return {key: merged(ranges) for key, ranges in found.items()}


def mentions_in_record(record) -> dict:
    return {(a["id"], index): [(m["start"], m["end"])] for a in record["actors"] for index, m in enumerate(a["mentions"])}
