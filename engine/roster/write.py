"""Writing a roster: JSON Lines, CSV, or one HTML page to read.

Three tables (`--table`): `speakers` (one row per speaker, or per speaker and value with
`--by`), `summary` (per value: documents, attributions by source type and anonymity, and
person speakers by gender with the share of women among those the text gives a gender),
and `merges` (every join of two name forms and every join refused, with its rule). Each
speaker row lists the (document id, attribution id) pairs it counts; the HTML page links
each to the document's view through `link` (default `{doc}.html#{attribution}`).
"""
from __future__ import annotations

import csv
import html
import sys

import orjson

TABLES = ("speakers", "summary", "merges")
FORMATS = ("csv", "jsonl", "html")
DEFAULT_LINK = "{doc}.html#{attribution}"
SPEAKER_COLUMNS = ("rank", "id", "name", "kind", "gender", "type", "anonymity", "titles", "attributions", "direct",
                   "indirect", "mixed", "documents", "appearances", "merged_by", "names", "types", "gender_evidence", "pairs",
                   "ambiguous", "set_aside")


def write_roster(roster, out, table: str = "speakers", form: str = "csv", link: str = DEFAULT_LINK, top: int | None = None) -> None:
    """Write one table of the roster to `out` (a path, or None for stdout)."""
    stream = sys.stdout if out is None else open(out, "w", encoding="utf-8", newline="")
    try:
        if form == "html":
            _html(roster, stream, link, top)
        elif form == "jsonl" and table == "speakers":
            for number, line in enumerate(roster.speaker_lines(), 1):  # rows come ranked 1, 2, ...
                if top is not None and number > top:
                    break
                stream.write(line.decode("utf-8"))
        elif form == "jsonl":
            for row in _rows(roster, table, top):
                stream.write(orjson.dumps(row).decode("utf-8") + "\n")
        else:
            _csv(roster, stream, table, top)
    finally:
        if stream is not sys.stdout:
            stream.close()


def _rows(roster, table, top):
    if table == "summary":
        return roster.summary_table()
    if table == "merges":
        return roster.merge_table()
    return _top(roster.speakers(), top)


def _top(rows, top):
    for row in rows:
        if top is not None and row["rank"] > top:
            return
        yield row


def _joined(mapping: dict) -> str:
    return "; ".join(f"{key} ({count})" for key, count in mapping.items())


def speaker_cells(row: dict) -> dict:
    """A speaker row as flat cells: lists and counts joined into text."""
    cells = {name: row.get(name) for name in SPEAKER_COLUMNS}
    for name in ("titles", "merged_by", "names", "types", "gender_evidence"):
        cells[name] = _joined(row[name])
    for name in ("pairs", "ambiguous", "set_aside"):
        cells[name] = " ".join(f"{pair[0]}#{pair[1]}" for pair in row[name])
    return cells


def _csv(roster, stream, table, top):
    if table != "speakers":
        rows = list(_rows(roster, table, top))
        names = list(dict.fromkeys(name for row in rows for name in row))  # every column, in first-seen order
        writer = csv.DictWriter(stream, names)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _joined(v) if isinstance(v, dict) else v for k, v in row.items()})
        return
    by = roster.by
    names = list(SPEAKER_COLUMNS)
    if by:
        # One row per speaker and value: the counts are that value's, speaker_attributions all of them.
        names = names[:2] + [by] + names[2:8] + ["speaker_attributions"] + names[8:]
    writer = csv.DictWriter(stream, names)
    writer.writeheader()
    for row in _top(roster.speakers(), top):
        cells = speaker_cells(row)
        if not by:
            writer.writerow(cells)
            continue
        for label, counts in row["by"].items():
            per_value = dict(cells, **counts)
            per_value[by] = label
            per_value["speaker_attributions"] = row["attributions"]
            per_value["pairs"] = " ".join(f"{pair[0]}#{pair[1]}" for pair in row["pairs"] if pair[2] == label)
            writer.writerow(per_value)


def _doubts(row, link) -> str:
    """The pairs a reader should look at: set aside (not counted) and ambiguous (counted)."""
    parts = []
    for name, label in (("set_aside", "set aside, a pronoun of the other gender"), ("ambiguous", "ambiguous, a surname two people share")):
        if row[name]:
            links = " ".join(f"<a href=\"{_esc(link.format(doc=p[0], attribution=p[1]))}\">{_esc(p[0])}#{_esc(p[1])}</a>" for p in row[name])
            parts.append(f"<details><summary><small>{len(row[name])} {label}</small></summary>{links}</details>")
    return "".join(parts)


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _html(roster, stream, link, top):
    by = roster.by
    summary = roster.summary_table()
    merge_counts = roster.merge_counts()
    speakers = list(_top(roster.speakers(), top))
    values = [row["value"] for row in summary if row["value"] != "(all)"] if by else []
    out = stream.write
    out("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Who gets quoted</title>\n<style>"
        "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
        "th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}td.n{text-align:right}"
        "th{background:#f3f3f3}details summary{cursor:pointer;color:#555}small{color:#666}</style></head><body>\n")
    out("<h1>Who gets quoted</h1>\n<p><small>Made by <code>quotetrace sources</code>. Counts come from the records; each "
        "speaker lists the attributions it counts, each a link to its document. Gender comes from the text only (linked "
        "pronouns, gendered titles and honorifics), never from names; see docs/sources.md.</small></p>\n")
    out("<h2>Summary</h2>\n<table><tr><th>" + _esc(by or "corpus") + "</th><th>documents</th><th>attributions</th>"
        "<th>with a speaker</th><th>person speakers: female</th><th>male</th><th>conflicting</th><th>unknown</th>"
        "<th>female share (of known)</th><th>attributions female share</th></tr>\n")
    for row in summary:
        share = row["speakers female share"]
        attribution_share = row["attributions female share"]
        out("<tr><td>" + _esc(row["value"]) + "</td>" + "".join(f"<td class=n>{_esc(row[k])}</td>" for k in (
            "documents", "attributions", "with a speaker", "speakers female", "speakers male", "speakers conflicting", "speakers unknown"))
            + f"<td class=n>{'' if share is None else f'{share:.1%}'}</td><td class=n>{'' if attribution_share is None else f'{attribution_share:.1%}'}</td></tr>\n")
    out("</table>\n<h2>Source types and anonymity (attributions)</h2>\n<table><tr><th>" + _esc(by or "corpus") + "</th><th>types</th><th>anonymity</th></tr>\n")
    for row in summary:
        out(f"<tr><td>{_esc(row['value'])}</td><td>{_esc(_joined(row['types']))}</td><td>{_esc(_joined(row['anonymity']))}</td></tr>\n")
    out("</table>\n<h2>Merges</h2>\n<p>Appearances (an actor in a document) joined to a speaker, by rule: "
        + (_esc(_joined(merge_counts)) or "none") + f". Joins of distinct name forms: {len(roster.merges.joins)}; refused: {len(roster.merges.refusals)}.</p>\n")
    out("<h2>Speakers</h2>\n<table><tr><th>#</th><th>name</th><th>kind</th><th>gender</th><th>type</th><th>anonymity</th><th>titles</th>"
        "<th>attributions</th><th>direct</th><th>indirect</th><th>mixed</th><th>documents</th>"
        + "".join(f"<th>{_esc(value)}</th>" for value in values) + "<th>merged by</th><th>attributions counted</th></tr>\n")
    for row in speakers:
        per_value = row.get("by", {})
        links = " ".join(
            f"<a href=\"{_esc(link.format(doc=pair[0], attribution=pair[1]))}\">{_esc(pair[0])}#{_esc(pair[1])}</a>"
            for pair in row["pairs"])
        names = _joined(row["names"])
        out(f"<tr><td class=n>{row['rank']}</td><td><b>{_esc(row['name'])}</b><br><small>{_esc(names)}</small></td>"
            f"<td>{_esc(row['kind'])}</td><td>{_esc(row['gender'])}</td><td>{_esc(row['type'])}</td><td>{_esc(row['anonymity'])}</td>"
            f"<td><small>{_esc(_joined(row['titles']))}</small></td>"
            + "".join(f"<td class=n>{row[k]}</td>" for k in ("attributions", "direct", "indirect", "mixed", "documents"))
            + "".join(f"<td class=n>{per_value.get(value, {}).get('attributions', '')}</td>" for value in values)
            + f"<td><small>{_esc(_joined(row['merged_by']))}</small></td>"
            f"<td><details><summary>{len(row['pairs'])}</summary>{links}</details>{_doubts(row, link)}</td></tr>\n")
    out("</table>\n</body></html>\n")
