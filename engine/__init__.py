"""quotetrace: rule-based extraction of attributions and actors from news text.

The package layout follows the data flow:
text -> rulepack (lexicons, rules) -> patterns -> stages -> actors -> attributions -> output.
"""
__version__ = "0.1.0"
OUTPUT_SCHEMA_VERSION = "whosaid/1"
