"""Every page of the five académies has a title of at most 70 characters (tabs and search results
cut longer ones) (the académie is named in the suffix)."""

from __future__ import annotations

import html
import re

TITLE = re.compile(r"<title>([^<]*)</title>")


def test_every_title_fits_in_70_characters(real_site):
    problems = []
    pages = list(real_site.site.glob("*/**/*.html"))
    assert pages
    for path in pages:
        found = TITLE.search(path.read_text(encoding="utf-8"))
        title = html.unescape(found.group(1)) if found else ""
        if not title or len(title) > 70:
            problems.append(f"{path.relative_to(real_site.site)}: {len(title)} « {title} »")
    assert problems == []
