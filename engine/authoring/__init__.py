"""Tools for rule authors: check a pack (check, with excerpts and suggestions from
diagnostics), see how an extraction was derived or why a rule did not match at a place
(explain, whynot), keep regression tests over golden outputs (golden), run the examples
written on rules (examples) and generate the construction catalogue from them (catalogue).
They sit beside the data flow, not in it: nothing in the pipeline imports them."""
