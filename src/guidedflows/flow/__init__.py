"""The flow format: model, loader and YAML reading, schema, lint, writing flows back; no Playwright."""
