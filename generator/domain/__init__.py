"""The content model: kinds of entries, their fields and references, and every page path and URL."""
