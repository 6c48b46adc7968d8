"""Tables: CSV, TSV and Parquet, one row per attribution (or per actor with --table actors).

The rows and columns are quotetrace.tables'; these writers only stream them out. CSV and
TSV quote as the csv module does (a field with the delimiter, a quote or a line break is
quoted, quotes doubled), which spreadsheets and pandas read back exactly. Parquet is written
in row groups as records arrive, so memory stays flat; it needs the `tables` extra.
"""
from __future__ import annotations

import csv

from quotetrace.output.writers.base import TextStreamWriter, Writer, register
from quotetrace.tables import FLOAT_COLUMNS, INTEGER_COLUMNS, ROWS, columns

PARQUET_ROWS_PER_GROUP = 10_000


class _DelimitedWriter(TextStreamWriter):
    delimiter = ","
    newline = ""  # the csv module ends its rows itself

    def open(self) -> None:
        super().open()
        self.names = columns(self.options.table, self.options.keep_fields)
        self.rows = csv.DictWriter(self.stream, self.names, delimiter=self.delimiter, extrasaction="raise")
        self.rows.writeheader()

    def write(self, record: dict) -> None:
        self.rows.writerows(ROWS[self.options.table](record, self.options.keep_fields))


@register
class CsvWriter(_DelimitedWriter):
    name = "csv"
    help = "one row per attribution (or --table actors), comma-separated, with a header"


@register
class TsvWriter(_DelimitedWriter):
    name = "tsv"
    help = "as csv, tab-separated"
    delimiter = "\t"


@register
class ParquetWriter(Writer):
    name = "parquet"
    help = "as csv, in an Apache Parquet file (needs --out FILE and pip install 'quotetrace[tables]')"
    target = "file-only"

    def open(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise OSError(f"--format parquet needs pyarrow: pip install 'quotetrace[tables]' ({exc})") from exc
        self.pa = pa
        self.names = columns(self.options.table, self.options.keep_fields)
        self.schema = pa.schema([(name, pa.int64() if name in INTEGER_COLUMNS else pa.float64() if name in FLOAT_COLUMNS else pa.string()) for name in self.names])
        self.writer = pq.ParquetWriter(str(self.out), self.schema)
        self.pending = []

    def write(self, record: dict) -> None:
        self.pending.extend(ROWS[self.options.table](record, self.options.keep_fields))
        if len(self.pending) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.writer.write_table(self.pa.Table.from_pylist(self.pending, schema=self.schema))
            self.pending = []

    def close(self) -> None:
        if getattr(self, "writer", None) is not None:
            self._flush()
            self.writer.close()
