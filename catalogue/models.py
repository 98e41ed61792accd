"""Models of the catalogue domain: not built yet (see the open issue for this app)."""
