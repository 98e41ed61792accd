"""Models of the medsync domain: not built yet (see the open issue for this app)."""
