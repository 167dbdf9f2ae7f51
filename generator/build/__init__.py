"""Build: run the stages, stage and swap the site, sanitize and audit it."""
