"""Tools for rule authors: check a pack (check), see how an extraction was derived or why a
rule did not match at a place (explain, whynot), and keep regression tests over golden
outputs (golden). They sit beside the data flow, not in it: nothing in the pipeline imports them."""
