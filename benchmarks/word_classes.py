"""What the word-class layer (%noun, %verb ...) costs a pack: extraction time and stream width.

The layer is only in the token stream of a pack that tests a word class. So the bundled
pack (the baseline) is run against a copy of itself with one more rule that tests one and
never matches, since the word it needs is in no text: what differs is the layer alone
(one more character per token, and a dictionary look-up per distinct token). Both engines
run in this process over the same texts, interleaved round by round, and each keeps its
least CPU time over the rounds, so a busy machine slows neither more than the other. The
records must be the same, or the layer changed what the pack finds.

Budget (issue 20): at most 10% more extraction time, at most one more character per token.

The baseline must be a pack that tests no word class. The bundled pack now tests them (its
actor rules tell a verb from a noun), so give an earlier one with --rules, for instance the
bundled pack of the commit before it did:

    git worktree add /tmp/before-word-classes ae0dfe7
    python benchmarks/word_classes.py [FOLDER] [--rounds 5] --rules /tmp/before-word-classes/rules
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrace.pipeline import Engine  # noqa: E402
from quotetrace.resources import default_rules_dir  # noqa: E402
from quotetrace.text import wordclasses  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_texts  # noqa: E402  (the same texts as the throughput benchmark)

PROBE = """rules:
  - id: bench.word-class-probe
    description: Tests word classes so that the stream carries them; needs a word no text has.
    stage: attributions
    pattern: 'cue:(zzyzxword) [%noun | %verb_past] [%adj & !%det]'
"""


def records(engine, texts):
    return [engine.record(text, str(i)) for i, text in enumerate(texts)]


def cpu(function, *args):
    started = time.process_time()
    result = function(*args)
    return time.process_time() - started, result


def comparable(record):
    """A record without what names the pack (its digest and rule files differ by the probe)."""
    return {key: value for key, value in record.items() if key not in ("pack", "rules")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rules", type=Path, default=None, help="the baseline pack, one that tests no word class (default: the bundled pack)")
    args = parser.parse_args()
    texts, where = load_texts(args.folder)
    baseline = args.rules or default_rules_dir()
    with tempfile.TemporaryDirectory() as folder:
        probe_pack = Path(folder) / "rules"
        shutil.copytree(baseline, probe_pack)
        (probe_pack / "zz_word_class_probe.yaml").write_text(PROBE, encoding="utf-8")
        manifest = yaml.safe_load((probe_pack / "pack.yaml").read_text(encoding="utf-8"))
        manifest["files"].append("zz_word_class_probe.yaml")  # a pack reads only the files it lists
        (probe_pack / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
        loaded, _ = cpu(wordclasses.signatures)  # once per process, when a pack first needs it
        base, layered = Engine(baseline), Engine(probe_pack)
        if base.compiled.encoding.width == layered.compiled.encoding.width:
            raise SystemExit(f"the pack {baseline} already tests word classes, so it cannot be the baseline; "
                             "give one that does not with --rules (see this script's docstring)")
        # Warm both token-type caches, as a long run would, and compare what they find.
        same = [comparable(a) for a in records(base, texts)] == [comparable(b) for b in records(layered, texts)]
        best_base = best_layered = float("inf")
        for _ in range(args.rounds):
            best_base = min(best_base, cpu(records, base, texts)[0])
            best_layered = min(best_layered, cpu(records, layered, texts)[0])
    width_base, width_layered = base.compiled.encoding.width, layered.compiled.encoding.width
    ratio = best_layered / best_base
    print(f"texts: {len(texts)} from {where}; {args.rounds} interleaved rounds, least CPU time of each")
    print(f"dictionary: {wordclasses.dictionary_version()}, {len(wordclasses.signatures())} class combinations, loaded in {loaded:.2f} s CPU")
    print(f"baseline pack:                 {best_base:7.2f} s, {width_base} characters per token")
    print(f"with the word-class layer:     {best_layered:7.2f} s, {width_layered} characters per token")
    print(f"extraction time ratio: {ratio:.3f} ({(ratio - 1) * 100:+.1f}%, budget +10%); "
          f"width +{width_layered - width_base} (budget +1); same records: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit("the word-class layer changed what the pack finds")


if __name__ == "__main__":
    main()
