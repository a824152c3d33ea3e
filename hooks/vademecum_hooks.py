"""MkDocs hook entry point: everything lives in the vademecum_mkdocs adapter."""

from vademecum_mkdocs.hook import (  # noqa: F401
    on_config,
    on_files,
    on_page_content,
    on_post_build,
    on_post_page,
)
