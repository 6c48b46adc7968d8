"""Rule packs: YAML files of lexicons and rules, read with the position of every value.

Reading only: compiling the patterns is quotetrace.patterns' job (load_pack is in
quotetrace.patterns.compiler, and cached in quotetrace.patterns.cache), so this package
imports nothing above it.
"""
from quotetrace.rulepack.pack import Lexicon, LexiconEntry, Rule, RulePack, read_pack

__all__ = ["Lexicon", "LexiconEntry", "Rule", "RulePack", "read_pack"]
