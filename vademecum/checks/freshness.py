"""Freshness: a contact, legal text or resource someone verified (verified_on) must be
re-verified at least once a year. Records without verified_on carry their source's edition
instead (see vademecum.checks.provenance)."""

from __future__ import annotations

import datetime as dt

from vademecum.checks.problems import Problem
from vademecum.data.catalog import Catalog
from vademecum.data.labels import french_date
from vademecum.data.locations import Locations

MAX_AGE = dt.timedelta(days=365)
CHECKED_KINDS = ("contacts", "legal_texts", "resources")


def stale_records(catalog: Catalog, loader: Locations, today: dt.date) -> list[Problem]:
    warnings = []
    for kind in CHECKED_KINDS:
        for record in catalog.all(kind):
            verified = getattr(record, "verified_on", None)
            if verified is None or today - verified <= MAX_AGE:
                continue
            site = loader.record_site(kind, record.id, "verified_on")
            if site is None:  # pragma: no cover - every stored record has a site
                continue
            line, column = site.loaded.where(site.path + ("verified_on",))
            message = (
                f"vérifié le {french_date(verified)}, il y a plus d'un an : revérifiez-le "
                "puis mettez à jour verified_on"
            )
            warnings.append(
                Problem(
                    site.shown_as, line, column, f"{kind}[{record.id}].verified_on", message, True
                )
            )
    return warnings
