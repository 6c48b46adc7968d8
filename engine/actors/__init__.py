"""Actors: people and organisations, every mention of each, linked by documented rules."""
from quotetrace.actors.model import Actor, Mention
from quotetrace.actors.build import build_actors
from quotetrace.actors.linking import link_pronouns

__all__ = ["Actor", "Mention", "build_actors", "link_pronouns"]
