"""Contributor tools: scaffolding, report import, editor schemas and page diffs."""
