"""Models of the coproduction domain: not built yet (see the open issue for this app)."""
