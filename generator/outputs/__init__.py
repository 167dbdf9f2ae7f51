"""Outputs beside the pages: Atom feeds, open data and JSON-LD."""
