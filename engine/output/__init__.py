"""Output: the JSON record of a document, and writers for JSON Lines, brat standoff and plain text."""
