"""How-to pages: docs mode run over flows, and the pages and index it publishes."""
