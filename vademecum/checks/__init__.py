"""The checks and their words: problems with file:line, French messages and advice,
cross-references, provenance, freshness and deployment addresses."""
