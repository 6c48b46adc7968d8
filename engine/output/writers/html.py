"""HTML: a report to read in a browser, the trace of each extraction under the mouse.

One self-contained file (style and script inline, nothing fetched); a large corpus becomes
an index beside pages of documents (quotetrace.view.report). Records alone do not hold the
text, so this writer takes the engine's results, which do.
"""
from __future__ import annotations

from quotetrace.output.writers.base import Writer, register


@register
class HtmlWriter(Writer):
    name = "html"
    help = "a report to read in a browser, with each extraction's trace on hover (needs --out FILE; large corpora are split into pages beside it)"
    target = "file-only"

    def open(self) -> None:
        from quotetrace.view.report import Report

        with open(self.out, "a", encoding="utf-8"):  # fail now, with the reason, if it cannot be written
            pass
        self.report = Report(self.out)

    def write_result(self, result) -> None:
        self.report.add(result)

    def write(self, record: dict) -> None:
        # A record alone has no text to show; `quotetrace view RECORDS --texts` draws records.
        raise TypeError("the html format draws the engine's results (write_result), which hold the text")

    def close(self) -> None:
        report = getattr(self, "report", None)
        if report is not None:
            report.close()
