"""The data: typed model, kinds and French labels, YAML loading with positions,
the national → région → académie cascade and the merged catalog of one site."""
