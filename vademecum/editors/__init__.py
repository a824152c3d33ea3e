"""Editors' tools: JSON Schemas of the data files, the form editor's configuration
(Sveltia CMS) and the new-académie scaffold."""
