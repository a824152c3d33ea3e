"""The school year: it turns over on 1 August (TURNOVER), the first month of the year plan.

The same date drives the calendars (.ics) and the browser's checklist keys, so that a new school
year starts with empty checklists and a fresh calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vademecum.data.labels import MONTH_NUMBERS
from vademecum.data.model import Period

TURNOVER_MONTH = 8
TURNOVER_DAY = 1
# From this day to the turnover, a preparation task (« avant la rentrée ») ticked is work for the
# coming school year: the browser stores it under that year.
PREPARATION_MONTH = 6
PREPARATION_DAY = 1
# « Avant la rentrée » runs from mid-August to the day before the first of September (the
# calendar's all-day span); until then the home page puts the preparation first.
PREPARATION_START_DAY = 16
RENTREE_MONTH = 9
_LABEL = re.compile(r"^(\d{4})-(\d{4})$")


class SchoolYearError(ValueError):
    """A school year written wrongly (option --school-year or VADEMECUM_SCHOOL_YEAR)."""


@dataclass(frozen=True, order=True)
class SchoolYear:
    start: int  # calendar year of the August that opens it

    @property
    def label(self) -> str:
        return f"{self.start}-{self.start + 1}"

    def period_range(self, period: Period) -> tuple[dt.date, dt.date]:
        """First day and the day after the last day of a period (all-day events)."""
        if period is Period.TOUTE_L_ANNEE:
            return dt.date(self.start, 9, 1), dt.date(self.start + 1, 7, 1)
        if period is Period.AVANT_LA_RENTREE:
            return (
                dt.date(self.start, TURNOVER_MONTH, PREPARATION_START_DAY),
                dt.date(self.start, RENTREE_MONTH, 1),
            )
        month = MONTH_NUMBERS[period]
        year = self.start if month >= TURNOVER_MONTH else self.start + 1
        first = dt.date(year, month, 1)
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, following


def school_year_of(day: dt.date) -> SchoolYear:
    turned = (day.month, day.day) >= (TURNOVER_MONTH, TURNOVER_DAY)
    return SchoolYear(day.year if turned else day.year - 1)


def parse_school_year(text: str) -> SchoolYear:
    """Read « 2026-2027 »; raises SchoolYearError (a ValueError) with a French message."""
    match = _LABEL.match(text.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise SchoolYearError(f"année scolaire invalide « {text} » : écrivez par exemple 2026-2027")
    return SchoolYear(int(match.group(1)))


def chosen_school_year(chosen: str | None, today: dt.date | None = None) -> SchoolYear:
    """The build's school year: the one chosen (« 2026-2027 ») if any, else the build date's."""
    if chosen and chosen.strip():
        return parse_school_year(chosen)
    return school_year_of(today or dt.date.today())
