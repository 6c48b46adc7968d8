"""Records as tables: one row per attribution, or one row per actor per document.

Researchers who count quotes work in spreadsheets and data frames, with each article's
outlet, date and URL beside its quotes. These rows are what `--format csv|tsv|parquet` write
and what `to_dataframe` returns; the columns are fixed for a table schema version
(TABLE_SCHEMA) and documented in docs/output.md, with the kept metadata fields
(`--keep-fields`) after `doc_id`.
"""
from __future__ import annotations

from collections.abc import Iterable

from quotetrace.output.json_bytes import dumps

from quotetrace.rulepack.contract import ROLES

TABLE_SCHEMA = "quotetrace-table/2"
ROLE_COLUMNS = ROLES

ATTRIBUTION_COLUMNS = (
    "attribution_id", "kind", "parent", "rule",
    "source", "source_start", "source_end", "source_actor", "source_name", "source_kind",
    "source_type", "source_anonymity", "source_gender", "confidence",
    "cue", "cue_start", "cue_end",
    "content", "content_start", "content_end",
    "addressee", "addressee_start", "addressee_end",
    "medium", "medium_start", "medium_end",
    "status", "error",
)
ACTOR_COLUMNS = ("actor_id", "name", "kind", "titles", "type", "anonymity", "gender", "mentions", "quoted", "first_start", "first_end", "status", "error")
TABLES = {"attributions": ATTRIBUTION_COLUMNS, "actors": ACTOR_COLUMNS}
# Columns whose values are whole numbers (or missing); every other column is text.
INTEGER_COLUMNS = frozenset(
    [f"{role}_{edge}" for role in ROLE_COLUMNS for edge in ("start", "end")] + ["mentions", "quoted", "first_start", "first_end"]
)
# Columns whose values are fractions (or missing).
FLOAT_COLUMNS = frozenset(["confidence"])
FRAGMENT_JOINER = " … "
TITLE_JOINER = "; "


def columns(table: str, keep_fields: Iterable[str] = ()) -> list[str]:
    """The column names of a table, with the kept metadata fields after `doc_id`."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    return ["doc_id", *keep_fields, *TABLES[table]]


def check_keep_fields(fields: Iterable[str]) -> str | None:
    """Why these field names cannot be columns, or None when they can."""
    taken = {"doc_id", *ATTRIBUTION_COLUMNS, *ACTOR_COLUMNS}
    clashes = sorted(set(fields) & taken)
    if clashes:
        return f"kept field {clashes[0]!r} has the name of a table column; rename it in the input"
    return None


def meta_cell(value):
    """A kept field's value as a table cell: text as it is, anything else as JSON, missing as None."""
    if value is None or isinstance(value, str):
        return value
    return dumps(value).decode("utf-8")


def _doc_cells(record: dict, keep_fields) -> dict:
    meta = record.get("meta") or {}
    cells = {"doc_id": record["id"]}
    for name in keep_fields:
        cells[name] = meta_cell(meta.get(name))
    return cells


def _failed(record: dict, keep_fields, table: str) -> dict:
    row = dict.fromkeys(columns(table, keep_fields))
    row.update(_doc_cells(record, keep_fields))
    row["status"], row["error"] = record["status"], record.get("error")
    return row


def attribution_rows(record: dict, keep_fields: Iterable[str] = ()) -> list[dict]:
    """One row per attribution of a record; a failed document gives one row saying why."""
    keep_fields = list(keep_fields)
    if record["status"] != "ok":
        return [_failed(record, keep_fields, "attributions")]
    actors = {actor["id"]: actor for actor in record["actors"]}
    rows = []
    for attribution in record["attributions"]:
        row = _doc_cells(record, keep_fields)
        row.update(attribution_id=attribution["id"], kind=attribution["kind"], parent=attribution["parent"], rule=attribution["trace"]["rule"])
        for role in ROLE_COLUMNS:
            fragments = attribution["roles"].get(role)
            if fragments:
                row[role] = FRAGMENT_JOINER.join(f["text"] for f in fragments)
                row[f"{role}_start"], row[f"{role}_end"] = fragments[0]["start"], fragments[-1]["end"]
            else:
                row[role] = row[f"{role}_start"] = row[f"{role}_end"] = None
            if role == "source":
                actor = actors.get(attribution["source_actor"])
                row["source_actor"] = attribution["source_actor"]
                row["source_name"] = actor["name"] if actor else None
                row["source_kind"] = actor["kind"] if actor else None
                row["source_type"] = attribution.get("source_type")
                row["source_anonymity"] = attribution.get("anonymity")
                row["source_gender"] = actor.get("gender") if actor else None
                row["confidence"] = attribution.get("confidence")
        row["status"], row["error"] = "ok", None
        rows.append(row)
    return rows


def actor_rows(record: dict, keep_fields: Iterable[str] = ()) -> list[dict]:
    """One row per actor of a record, with its titles, mention count and attributions as source."""
    keep_fields = list(keep_fields)
    if record["status"] != "ok":
        return [_failed(record, keep_fields, "actors")]
    quoted = {}
    for attribution in record["attributions"]:
        if attribution["source_actor"]:
            quoted[attribution["source_actor"]] = quoted.get(attribution["source_actor"], 0) + 1
    rows = []
    for actor in record["actors"]:
        row = _doc_cells(record, keep_fields)
        first = actor["mentions"][0] if actor["mentions"] else {}
        row.update(
            actor_id=actor["id"], name=actor["name"], kind=actor["kind"], titles=TITLE_JOINER.join(actor["titles"]),
            type=actor.get("type"), anonymity=actor.get("anonymity"), gender=actor.get("gender"),
            mentions=len(actor["mentions"]), quoted=quoted.get(actor["id"], 0),
            first_start=first.get("start"), first_end=first.get("end"), status="ok", error=None,
        )
        rows.append(row)
    return rows


ROWS = {"attributions": attribution_rows, "actors": actor_rows}


def rows(records: Iterable, table: str = "attributions", keep_fields: Iterable[str] = ()):
    """Rows of a table for records (dicts or Results), in order."""
    make = ROWS[table]
    for record in records:
        yield from make(record.to_dict() if hasattr(record, "to_dict") else record, keep_fields)


def meta_fields(records: list) -> list[str]:
    """The kept fields of some records, in the order they first appear."""
    seen = {}
    for record in records:
        for name in record.get("meta") or {}:
            seen.setdefault(name, None)
    return list(seen)


def to_dataframe(results: Iterable, table: str = "attributions", keep_fields: Iterable[str] | None = None):
    """A pandas DataFrame of a table (`attributions` or `actors`) for results or records.

    The columns are those of `--format csv` (docs/output.md); offsets are nullable integers.
    `keep_fields` defaults to every field found in the records' `meta`. Needs the `tables`
    extra: pip install 'quotetrace[tables]'.
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install 'quotetrace[tables]'") from exc
    records = [r.to_dict() if hasattr(r, "to_dict") else r for r in results]
    fields = meta_fields(records) if keep_fields is None else list(keep_fields)
    names = columns(table, fields)
    frame = pd.DataFrame(list(rows(records, table, fields)), columns=names)
    for name in names:
        frame[name] = frame[name].astype("Int64" if name in INTEGER_COLUMNS else "Float64" if name in FLOAT_COLUMNS else "string")
    return frame
