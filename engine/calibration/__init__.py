"""Confidence: how often each rule's attributions are right, measured on gold.

`quotetrace eval GOLD --calibrate OUT.yaml` counts, for every attribution rule, how many of
its attributions the gold confirms, and for each assembly step (what the engine does after
the rules: resolving the source, nesting, joining content) how much more or less often an
attribution it touched is right than its rule predicts. A pack that ships the file (a
`calibration:` key in one of its YAML files) gives every attribution a `confidence`. See
docs/sources.md, "Confidence".
"""
from quotetrace.calibration.model import Calibration, check_calibration
from quotetrace.calibration.steps import STEPS, assembly_steps

__all__ = ["Calibration", "STEPS", "assembly_steps", "check_calibration"]
