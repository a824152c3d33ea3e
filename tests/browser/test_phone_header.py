"""On a phone, the header still names the académie (the site's name wraps instead of being cut)."""

from __future__ import annotations

import pytest

ACADEMY = "academie-test"

VISIBLE_NAME = """(name) => {
  const span = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  const box = span.closest('.md-header__title').getBoundingClientRect();
  const node = [...span.childNodes].find(n => n.textContent.includes(name));
  const range = document.createRange();
  const start = node.textContent.indexOf(name);
  range.setStart(node, start);
  range.setEnd(node, start + name.length);
  const rects = [...range.getClientRects()];
  return rects.length > 0 && rects.every(r => r.left >= box.left - 1 && r.right <= box.right + 1
    && r.top >= box.top - 1 && r.bottom <= box.bottom + 1);
}"""


@pytest.mark.parametrize("width", [320, 360, 414])
def test_the_academie_is_visible_on_a_phone(context, server, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{server}{ACADEMY}/calendrier/septembre/")
    assert page.evaluate(VISIBLE_NAME, "Académie de test")
