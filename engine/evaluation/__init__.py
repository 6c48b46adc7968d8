"""Evaluation against gold attributions in brat standoff (`whosaid eval`)."""
