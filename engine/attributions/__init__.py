"""Attributions: who said what, assembled from the attribution stage's matches."""
from quotetrace.attributions.build import Attribution, build_attributions, media_as_medium, resolve_sources
from quotetrace.attributions.floating import floating_quotes

__all__ = ["Attribution", "build_attributions", "floating_quotes", "media_as_medium", "resolve_sources"]
