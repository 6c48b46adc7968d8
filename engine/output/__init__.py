"""Output: the JSON record of a document (record), the formats it is written in (writers), and resuming (resume)."""
