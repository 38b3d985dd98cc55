"""Component ids, named once so that layouts and callbacks cannot drift apart.

These are the shell's and the shared components'; each page names its own.
"""

# the shell
URL = "url"
LANGUAGE = "language"
NAV = "nav"
TAGLINE = "tagline"
PAGE = "page"

# sortable tables (pattern-matching: {"type": ..., "table": name})
TABLE = "table"
TABLE_DATA = "table-data"
TABLE_SORT = "table-sort"  # also carries "column"
TABLE_FOLD = "table-fold"  # the summary of a folded table: drawn when first opened
