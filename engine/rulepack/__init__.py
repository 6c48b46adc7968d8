"""Rule packs: YAML files of lexicons and rules, loaded with the position of every value."""
from quotetrace.rulepack.pack import Lexicon, LexiconEntry, Rule, RulePack, load_pack

__all__ = ["Lexicon", "LexiconEntry", "Rule", "RulePack", "load_pack"]
