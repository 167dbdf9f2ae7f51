"""Edges: the MkDocs plugin and the newsgen command line."""
