"""Where each record was written: what the checks need to point an editor at a line.

The loader fills a `Locations`; the cross-record checks (references, freshness) read it. They
depend on this module, not on the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vademecum.data.yamlload import Loaded, Path_


@dataclass
class Site:
    """Where one record's fields were written, to point an editor at the right line."""

    shown_as: str
    loaded: Loaded
    path: Path_

    def where(self, subpath: Path_ = ()) -> tuple[int, int]:
        return self.loaded.where(self.path + subpath)


@dataclass
class Locations:
    # (kind, record id, field) → where that field (or the record, under "id") was written
    sites: dict[tuple[str, str, str], Site] = field(default_factory=dict)
    # (kind, record id) → the file and line that removed it
    removed: dict[tuple[str, str], str] = field(default_factory=dict)
    # (kind, record id) of records that failed validation (their own problem says why)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    # (kind, id) whose url an earlier level's source gave, though a change replaced the source
    url_given_earlier: set[tuple[str, str]] = field(default_factory=set)

    def record_site(self, kind: str, record_id: str, field_name: str) -> Site | None:
        """Where a field of a record was written, else where the record was."""
        return self.sites.get((kind, record_id, field_name)) or self.sites.get(
            (kind, record_id, "id")
        )
