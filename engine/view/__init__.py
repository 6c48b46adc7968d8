"""See what the engine found: an HTML view of results, as a report file, inline in a
notebook, or in the rule playground (quotetrace.playground), all from the same pieces.

- `quotetrace.view.model`: what a result shows (marks in the text, data for the inspector)
- `quotetrace.view.marks`: overlapping spans as nested elements
- `quotetrace.view.markup`: the HTML of one document
- `quotetrace.view.report`: a report of many documents, split into pages when large
- `quotetrace.view.records`: records read back, matched with their texts (`quotetrace view`)
- `quotetrace.view.displacy`: the data displaCy's span style takes
"""
from __future__ import annotations

import itertools

_NOTEBOOK_VIEWS = itertools.count(1)  # a notebook shows many views on one page: each its own anchors


def notebook_html(result) -> str:
    """One result as an HTML fragment for Jupyter: the style scoped to the view, the script
    after the elements it sets up; without the script (an untrusted notebook) the marks
    and lists still show."""
    from quotetrace.view.assets import inline_script, inline_style
    from quotetrace.view.markup import document_section, legend
    from quotetrace.view.model import build_view

    section = document_section(build_view(result, next(_NOTEBOOK_VIEWS)), heading="h3", lists_open=False)
    return (f'<div class="qt-view qt-notebook"><style>{inline_style()}</style>{legend()}{section}'
            f"<script>{inline_script()}</script></div>")
