"""A report of many documents: one self-contained HTML file, or an index and pages.

A browser slows down on a page of tens of megabytes and tens of thousands of marks, so a
large corpus is split: at most `per_page` documents to a page (fewer when a page would pass
`max_page_bytes`), each page a file of its own beside the index (report.html,
report-1.html, report-2.html, ...). A corpus that fits in one page stays one file. Pages
are written as documents arrive, so memory holds one page and a line per document.

The index has a row per document (its id, kept metadata fields, counts) and a table of the
sources across the corpus, each row linking to its extractions.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from quotetrace import __version__
from quotetrace.view.assets import inline_script, inline_style
from quotetrace.view.markup import document_section, legend, pack_script
from quotetrace.view.model import build_view, clip

PER_PAGE = 50
MAX_PAGE_BYTES = 6 * 1024 * 1024
# Allows nothing to be fetched: the page shows the same with the network on or off.
CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def page(title: str, body: str, subtitle: str = "", nav: str = "", heading: bool = True) -> str:
    """A whole HTML page: the style and the script inline, nothing fetched. `heading`: False
    when the page is one document, whose own heading is then the page's."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="quotetrace {__version__}">'
        f"<title>{html.escape(title)}</title><style>{inline_style()}</style></head>\n"
        '<body class="qt-view qt-page">'
        '<header class="qt-page-head"><div class="qt-wrap">'
        f'<p class="qt-brand">quotetrace · who said what</p>{f"<h1>{html.escape(title)}</h1>" if heading else ""}'
        f'{f"<p class=qt-sub>{subtitle}</p>" if subtitle else ""}{nav}{legend()}</div></header>\n'
        f'<main class="qt-wrap">{body}</main>\n'
        f"<script>{inline_script()}</script></body></html>\n"
    )


@dataclass
class _Row:
    """What the index keeps of one document once its section is written."""

    number: int
    id: str
    status: str
    error: str | None
    meta: dict
    counts: dict
    page: str = ""
    extractions: list = field(default_factory=list)  # (source key, name, kind, titles, attribution id, cue)


def _source_key(result, attribution):
    actor = result.actor(attribution.source_actor)
    if actor is not None:
        return (actor.name.casefold(), actor.kind), actor.name, actor.kind, actor.titles
    words = attribution.text_of("source", " ")
    if not words:
        return ("(no source)", ""), "(no source)", "", []
    return (" ".join(words.split()).casefold(), ""), " ".join(words.split()), "", []


class Report:
    """Documents in, report files out. `add` each result in order, then `close`."""

    def __init__(self, out: Path, per_page: int = PER_PAGE, max_page_bytes: int = MAX_PAGE_BYTES, title: str | None = None):
        if per_page < 1:
            raise ValueError("per_page must be at least 1")
        self.out = Path(out)
        self.per_page = per_page
        self.max_page_bytes = max_page_bytes
        self.title = title
        self.rows: list[_Row] = []
        self.sections: list[str] = []
        self.section_bytes = 0
        self.rules: dict = {}    # rules and lexicon entries the documents of the page being made name
        self.entries: dict = {}
        self.pages: list[Path] = []
        self.fields: list[str] = []

    def page_path(self, number: int) -> Path:
        return self.out.with_name(f"{self.out.stem}-{number}{self.out.suffix or '.html'}")

    def add(self, result) -> None:
        if self.sections and (len(self.sections) >= self.per_page or self.section_bytes >= self.max_page_bytes):
            self._write_page(last=False)
        view = build_view(result, len(self.rows) + 1)
        section = document_section(view, rules_inline=False)
        self.rules.update(view.data.get("rules", {}))
        self.entries.update(view.data.get("entries", {}))
        self.sections.append(section)
        self.section_bytes += len(section.encode("utf-8"))
        row = _Row(view.number, result.id, result.status, result.error, dict(result.meta or {}), view.counts)
        for name in row.meta:
            if name not in self.fields:
                self.fields.append(name)
        for attribution in result.attributions:
            key, name, kind, titles = _source_key(result, attribution)
            row.extractions.append((key, name, kind, titles, attribution.id, attribution.text_of("cue", " ")))
        self.rows.append(row)

    def _write_page(self, last: bool) -> None:
        number = len(self.pages) + 1
        path = self.page_path(number)
        on_page = self.rows[len(self.rows) - len(self.sections):]
        for row in on_page:
            row.page = path.name
        links = [f'<a href="{html.escape(self.out.name)}">Index</a>']
        if number > 1:
            links.append(f'<a href="{html.escape(self.page_path(number - 1).name)}" rel="prev">← Page {number - 1}</a>')
        if not last:
            links.append(f'<a href="{html.escape(self.page_path(number + 1).name)}" rel="next">Page {number + 1} →</a>')
        nav = f'<nav class="qt-nav" aria-label="Pages">{" · ".join(links)}</nav>'
        subtitle = f"Page {number}: documents {on_page[0].number}–{on_page[-1].number}"
        _write(path, page(self._title(), "".join(self.sections) + pack_script(self.rules, self.entries), subtitle, nav))
        self.pages.append(path)
        self.sections, self.section_bytes, self.rules, self.entries = [], 0, {}, {}

    def _title(self) -> str:
        if self.title:
            return self.title
        if len(self.rows) == 1 and not self.pages:
            return self.rows[0].id
        return "Attributions report"

    def close(self) -> list[Path]:
        """Write what is left; return every file written, the index (or the one page) first."""
        if not self.pages:
            body = "".join(self.sections) + pack_script(self.rules, self.entries)
            if len(self.rows) != 1:
                body = self._index(single_page=True) + body
            single = len(self.rows) == 1 and not self.title
            if single:  # the document's heading becomes the page's
                name = html.escape(self.rows[0].id)
                body = body.replace(f'<h2 class="qt-title">{name}</h2>', f'<h1 class="qt-title">{name}</h1>', 1)
            _write(self.out, page(self._title(), body, "" if single else self._subtitle(), heading=not single))
            return [self.out]
        if self.sections:
            self._write_page(last=True)
        _write(self.out, page(self._title(), self._index(single_page=False), self._subtitle()))
        return [self.out, *self.pages]

    def _subtitle(self) -> str:
        documents = len(self.rows)
        attributions = sum(row.counts.get("attributions", 0) for row in self.rows)
        actors = sum(row.counts.get("actors", 0) for row in self.rows)
        failed = sum(row.status != "ok" for row in self.rows)
        text = f"{documents} document{'' if documents == 1 else 's'} · {attributions} attributions · {actors} actors"
        if failed:
            text += f" · {failed} could not be analysed"
        if self.pages:
            text += f" · {len(self.pages)} pages of at most {self.per_page} documents"
        return text

    def _href(self, row: _Row, anchor: str, single_page: bool) -> str:
        return f"#{anchor}" if single_page else f"{row.page}#{anchor}"

    def _index(self, single_page: bool) -> str:
        return f'<section class="qt-index" aria-label="Index">{self._documents(single_page)}{self._sources(single_page)}</section>'

    def _documents(self, single_page: bool) -> str:
        head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in self.fields)
        rows = []
        for row in self.rows:
            meta = "".join(f"<td>{html.escape(clip(_cell(row.meta.get(name)), 80))}</td>" for name in self.fields)
            counts = row.counts
            if row.status == "ok":
                numbers = "".join(f'<td class="qt-num">{counts.get(k, 0)}</td>' for k in ("attributions", "direct", "indirect", "mixed", "actors"))
            else:
                numbers = f'<td colspan="5" class="qt-error-cell">error: {html.escape(clip(row.error or "", 120))}</td>'
            link = f'<a href="{html.escape(self._href(row, f"doc-{row.number}", single_page))}">{html.escape(row.id)}</a>'
            rows.append(f'<tr><td class="qt-num">{row.number}</td><td>{link}</td>{meta}{numbers}</tr>')
        return (
            '<h2 class="qt-h2">Documents</h2><div class="qt-scroll"><table class="qt-table qt-docs"><thead><tr><th scope="col">#</th><th scope="col">Document</th>'
            f'{head}<th scope="col" class="qt-num">Attributions</th><th scope="col" class="qt-num">Direct</th><th scope="col" class="qt-num">Indirect</th>'
            '<th scope="col" class="qt-num">Mixed</th><th scope="col" class="qt-num">Actors</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>"
        )

    def _sources(self, single_page: bool) -> str:
        groups: dict = {}
        for row in self.rows:
            for key, name, kind, titles, attribution_id, cue in row.extractions:
                group = groups.setdefault(key, {"name": name, "kind": kind, "titles": [], "items": [], "documents": set()})
                for title in titles:
                    if title not in group["titles"]:
                        group["titles"].append(title)
                group["items"].append((row, attribution_id, cue))
                group["documents"].add(row.number)
        if not groups:
            return ""
        ordered = sorted(groups.values(), key=lambda g: (-len(g["items"]), g["name"].casefold()))
        rows = []
        for group in ordered:
            links = ", ".join(
                f'<a href="{html.escape(self._href(row, f"doc-{row.number}-{attribution_id}", single_page))}">{html.escape(row.id)}: {html.escape(clip(cue, 40))}</a>'
                for row, attribution_id, cue in group["items"]
            )
            count = len(group["items"])
            extractions = links if count <= 3 else f"<details><summary>{count} extractions</summary>{links}</details>"
            titles = html.escape(clip("; ".join(group["titles"]), 90))
            rows.append(
                f'<tr><td>{html.escape(group["name"])}</td><td>{group["kind"] or "<span class=qt-none>not an actor</span>"}</td><td>{titles}</td>'
                f'<td class="qt-num">{count}</td><td class="qt-num">{len(group["documents"])}</td><td>{extractions}</td></tr>'
            )
        return (
            '<h2 class="qt-h2">Sources</h2><p class="qt-aka">Who is quoted across the corpus: each source actor by its canonical name; '
            'a source that is no actor by its words.</p><div class="qt-scroll"><table class="qt-table qt-sources"><thead><tr><th scope="col">Source</th>'
            '<th scope="col">Kind</th><th scope="col">Titles</th><th scope="col" class="qt-num">Attributions</th><th scope="col" class="qt-num">Documents</th>'
            '<th scope="col">Extractions</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
        )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write(path: Path, text: str) -> None:
    """Through a temporary name, so that a page that exists is whole."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


__all__ = ["Report", "page", "PER_PAGE", "MAX_PAGE_BYTES"]
