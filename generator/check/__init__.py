"""Check: turn loaded content into the typed model, and locate every problem with it."""
