"""MkDocs hook entry point: everything lives in the vademecum_mkdocs adapter."""

from vademecum_mkdocs.hook import on_config, on_files  # noqa: F401
