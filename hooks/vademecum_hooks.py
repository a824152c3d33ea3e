"""MkDocs hook entry point: everything lives in the vademecum_mkdocs adapter."""

from vademecum_mkdocs.hook import on_config, on_files, on_post_page  # noqa: F401
