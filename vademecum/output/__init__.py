"""Where a build writes: the target folder checked, locked and staged, swapped in only when the
build succeeded (the export and the builds themselves live in the adapter, vademecum_mkdocs)."""
