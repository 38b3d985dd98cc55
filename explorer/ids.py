"""Component ids, named once so that layout and callbacks cannot drift apart."""

LANGUAGE = "language"
SEARCH = "search"
RESULTS = "results"
RESULT = "result"  # pattern-matching: {"type": RESULT, "index": node id}
SELECTED = "selected"
GRAPH = "graph"
DETAILS = "details"
NOTICE = "notice"
