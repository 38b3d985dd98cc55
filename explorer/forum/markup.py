"""Posts' Markdown as safe HTML: markdown-it-py renders, nh3 (the Ammonia sanitiser)
keeps only a short list of tags and attributes, links only to http and https, each with
``rel="nofollow ugc"`` (the site vouches for none of them).

markdown-it's own HTML is switched off (``html: False``): raw tags in a post come out
as text, and the sanitiser is the second wall for what Markdown itself makes.

>>> print(render('**zie** [hier](https://example.nl)'))
<p><strong>zie</strong> <a href="https://example.nl" rel="nofollow ugc">hier</a></p>
>>> print(render('<script>alert(1)</script>'))
<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
>>> str(render("[klik](javascript:alert(1))"))
'<p>[klik](javascript:alert(1))</p>'
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

__all__ = ["render"]

TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"http", "https"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(text: str) -> Markup:
    """`text` (Markdown as a member wrote it) as HTML that runs nothing."""
    html = _markdown.render(text)
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    )
    return Markup(clean.strip())
