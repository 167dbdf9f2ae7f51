"""Load: read content files and their YAML, keeping where each value was written."""
