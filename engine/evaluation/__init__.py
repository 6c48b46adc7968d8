"""Evaluation against gold attributions in brat standoff (`quotetrace eval`)."""
