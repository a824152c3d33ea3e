"""Typed options of the `vademecum` plugin for the form editor (cms_*), checked when mkdocs.yml is
loaded: MkDocs names the option in the error (« option 'cms_branch': … »).

Each value is checked by the engine's rule for that field (vademecum.editors.cms_site.forge_from), so
the rule is written once. An option set to an empty text (an unset CI variable through `!ENV`)
counts as not set.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from vademecum.editors.cms_site import DEFAULT_API, CmsConfigError, forge_from


def _checked(field: str, value: str) -> str:
    try:
        forge_from({"repo": "proprietaire/depot", field: value})
    except CmsConfigError as error:  # « VADEMECUM_CMS_X : message »: the option is named by MkDocs
        raise ValidationError(str(error).split(" : ", 1)[-1]) from None
    return value


class Blankable(c.Optional[Any]):
    """Optional, an empty or blank text counting as not set."""

    def run_validation(self, value: object) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return super().run_validation(value.strip() if isinstance(value, str) else value)


class ForgeText(c.Type[str]):
    """A text the forge's rule accepts (repository, branch, application id)."""

    def __init__(self, field: str) -> None:
        super().__init__(str)
        self.field = field

    def run_validation(self, value: object) -> str:
        return _checked(self.field, super().run_validation(value))


class ForgeURL(c.URL):
    """An https:// address (the forge's API, the OAuth relay)."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"adresse https://… attendue, pas {value!r}")
        return super().run_validation(_checked(self.field, value))


def backend() -> Blankable:
    return Blankable(c.Choice(tuple(DEFAULT_API)))


def text(field: str) -> Blankable:
    return Blankable(ForgeText(field))


def url(field: str) -> Blankable:
    return Blankable(ForgeURL(field))
