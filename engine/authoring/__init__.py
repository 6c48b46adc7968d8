"""Tools for rule authors: running the examples written on rules, and generating the
construction catalogue (docs/constructions.md) from them."""
