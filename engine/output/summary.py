"""What `quotetrace extract` tells people on stderr as a run goes and when it ends, and its exit status.

Every line is one line (ids and messages pass through quotetrace.output.terminal.printable,
so an id holding a line break or an escape sequence cannot fake or garble the output), and
the last says how many documents failed, so that a long run over a hostile corpus ends
with an account, not a silence. Records whose result depended on a wall-clock limit are
counted apart: they are the ones another run may give otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from quotetrace.budget import depends_on_clock
from quotetrace.output.destination import EXIT_FAILED_DOCUMENTS, EXIT_OK
from quotetrace.output.terminal import printable


@dataclass
class RunSummary:
    total: int = 0
    failed: int = 0
    on_clock: int = 0
    resumed: int = 0
    resumed_failed: int = 0  # failed documents among the resumed ones (their records are there)
    empty_inputs: list = field(default_factory=list)

    def add(self, record: dict) -> str | None:
        """Count a record; the line to show now for a failed one."""
        self.total += 1
        if depends_on_clock(record):
            self.on_clock += 1
        if record["status"] == "ok":
            return None
        self.failed += 1
        error = record.get("error", "failed")
        if error.startswith(f"{record['id']}: "):  # a bad JSON line is named by its place, and so is its error
            return f"quotetrace: error: {printable(error)}"
        return f"quotetrace: error: {printable(record['id'])}: {printable(error)}"

    def closing_lines(self, out: str | None) -> list[str]:
        """The lines that end a run: what was resumed, inputs without documents, and how many
        failed (nothing when all went well, as before)."""
        lines = []
        if self.resumed:
            lines.append(f"quotetrace: resumed: {self.resumed} documents were already done in {printable(out)}; {self.total} more now")  # wording kept: scripts read it
        for name in self.empty_inputs:
            lines.append(f"quotetrace: error: {printable(name)}: holds no documents")
        if self.total == 0 and not self.resumed and not self.empty_inputs:
            lines.append("quotetrace: error: no documents were read")
        clock = ""
        if self.on_clock:
            clock = (f"; {self.on_clock} hit a wall-clock limit, so {'its' if self.on_clock == 1 else 'their'} result depends on this machine's "
                     f"speed and load (raise --time-budget to give {'it' if self.on_clock == 1 else 'them'} more time)")
        if self.failed:
            lines.append(f"quotetrace: {self.failed} of {_documents(self.total)} failed; their records carry the error{clock}")
        elif clock:
            lines.append(f"quotetrace: {_documents(self.total)}, none failed{clock}")
        return lines

    def status(self) -> int:
        if self.failed or self.resumed_failed or self.empty_inputs or (self.total == 0 and not self.resumed):
            return EXIT_FAILED_DOCUMENTS
        return EXIT_OK

    def interrupted(self, out: str | None, resumable: bool) -> str:
        done = f"{_documents(self.total)} written"
        if out and resumable:
            return f"quotetrace: interrupted; {done}, each complete; run the same command with --resume to finish"
        return f"quotetrace: interrupted; {done}"


def _documents(count: int) -> str:
    return f"{count} document{'' if count == 1 else 's'}"
