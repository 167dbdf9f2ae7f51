"""Render: Markdown pages from Jinja2 templates, and the pictures they show."""
