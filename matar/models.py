"""Models of the matar domain: not built yet (see the open issue for this app)."""
