"""The landing page of `build --all`: every académie, grouped by région académique."""

from __future__ import annotations

from collections import defaultdict

from vademecum.render.html import esc


def landing_page(sites: list[dict[str, str | None]]) -> str:
    groups: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for site in sites:
        groups[site["region_name"] or "Socle national"].append(site)
    sections = []
    for region in sorted(groups, key=lambda name: (name == "Socle national", name)):
        items = "".join(
            f'<li><a href="{esc(site["id"])}/">{esc(site["name"])}</a></li>'
            for site in sorted(groups[region], key=lambda s: str(s["name"]))
        )
        sections.append(f"<section><h2>{esc(region)}</h2><ul>{items}</ul></section>")
    return (
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Vademecum du pilotage numérique — choisir son académie</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#1a4fa0}h2{margin-top:1.5rem}</style>"
        "</head><body><main><h1>Vademecum du pilotage numérique</h1>"
        "<p>Choisissez le site de votre académie.</p>"
        + "".join(sections)
        + "</main></body></html>\n"
    )
