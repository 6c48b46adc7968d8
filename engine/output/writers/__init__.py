"""Output formats as a registry: one module per format, each a Writer subclass.

A new format is one module here that defines a Writer with `@register`; the CLI's
`--format` choices and help come from FORMATS, so nothing else changes. Importing this
package imports every format module (they are small; heavy libraries such as pyarrow are
imported only when their writer opens).
"""
from __future__ import annotations

from quotetrace.output.writers.base import FORMATS, Writer, WriterOptions, register
from quotetrace.output.writers import brat, html, jsonl, tabular, text  # noqa: F401  (registers the formats)
from quotetrace.output.writers.brat import to_brat
from quotetrace.output.writers.jsonl import to_json_line
from quotetrace.output.writers.text import to_text

__all__ = ["FORMATS", "Writer", "WriterOptions", "register", "to_brat", "to_json_line", "to_text"]
