"""On a 390 px phone, every control of a task line, the filter bar and the print bar is at least
24 × 24 px (WCAG 2.2 2.5.8), the bars' controls 44 px high."""

from __future__ import annotations

ACADEMY = "academie-test"

LINE = ".vm-task__lead a, details.vm-task__more > summary"
BARS = ".vm-filter-bar select, .vm-filter-bar .md-button, .vm-print-bar .md-button"

SIZES = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.offsetParent)
  .map(e => { const r = e.getBoundingClientRect();
    return [e.outerHTML.slice(0, 60), Math.round(r.width), Math.round(r.height)]; })"""


def test_task_line_and_bar_controls_are_big_enough_to_tap(context, server):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}{ACADEMY}/calendrier/septembre/")
    page.wait_for_selector(".vm-filter-bar select")
    line = page.evaluate(SIZES, LINE)
    bars = page.evaluate(SIZES, BARS)
    assert line and bars
    assert [c for c in line if c[1] < 24 or c[2] < 24] == []
    assert [c for c in bars if c[1] < 24 or c[2] < 44] == []
