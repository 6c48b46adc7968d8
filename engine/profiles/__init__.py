"""Who each source is, as far as the text says: its type, whether it is kept anonymous, and
for a person the gender the text gives it, each with the evidence behind it.

Newsroom audits count sources by type, anonymous sourcing and gender; the tools that do it
guess gender from first names through paid services and type sources by hand. Here every
value comes from words of the document, found by the rules of stage `sources` (lexicons in
rules/lexicons/sources.yaml) and by pronoun linking, and the record lists those words with
their traces, so a reader can check each one. What the text does not say stays unknown.
The pipeline calls `profile_sources` once per document, after linking (docs/sources.md).
"""
from quotetrace.profiles.evidence import Evidence, collect_evidence
from quotetrace.profiles.profile import Profile, Profiles, profile_sources

__all__ = ["Evidence", "Profile", "Profiles", "collect_evidence", "profile_sources"]
