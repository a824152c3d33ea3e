"""One site's pages and files: page builders, rendering (Jinja templates), blocks, nav,
search text, calendars, checklist index, browser facts, CSP and « Quoi de neuf »."""
