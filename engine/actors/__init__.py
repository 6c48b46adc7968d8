"""Actors: people and organisations, every mention of each, linked by documented rules."""
from engine.actors.model import Actor, Mention
from engine.actors.build import build_actors
from engine.actors.linking import link_pronouns

__all__ = ["Actor", "Mention", "build_actors", "link_pronouns"]
