"""Patterns: the rule language, parsed by a Lark grammar and compiled into `regex` programs."""
