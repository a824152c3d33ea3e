"""The landing page of `build --all`: every académie, grouped by région académique."""

from __future__ import annotations

from collections import defaultdict

from jinja2 import Environment, PackageLoader


def landing_page(sites: list[dict[str, str | None]]) -> str:
    groups: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for site in sites:
        groups[site["region_name"] or "Socle national"].append(site)
    ordered = [
        (region, sorted(groups[region], key=lambda s: str(s["name"])))
        for region in sorted(groups, key=lambda name: (name == "Socle national", name))
    ]
    env = Environment(loader=PackageLoader("vademecum", "templates"), autoescape=True)
    return env.get_template("landing.html").render(groups=ordered) + "\n"
